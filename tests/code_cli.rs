//! `dragoman code` end to end, with the shipped models and built-in dictionaries: the seed
//! article, the JSONL shape, the table, and unreadable input.

mod common;
use common::{dragoman, json_lines};

use serde_json::Value;

fn codes(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seed_article_codes_the_talks_and_the_reprisals() {
    let out = dragoman(&["code", "examples/seed-2025-04-10.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = json_lines(&out);
    let between = |r: &Value, a: &str, b: &str| {
        let (x, y) = (codes(&r["actor"]), codes(&r["recipient"]));
        (x.iter().any(|c| c == a) && y.iter().any(|c| c == b))
            || (x.iter().any(|c| c == b) && y.iter().any(|c| c == a))
    };
    assert!(
        recs.iter()
            .any(|r| r["event"] == "CONSULT" && between(r, "USA", "RUS")),
        "no USA-RUS CONSULT in {recs:#?}"
    );
    // "Both sides have expelled diplomatic staff, imposed financial restrictions, and
    // confiscated embassy properties": the expulsions reduce relations (SANCTION), the
    // restrictions and seizures coerce (COERCE), each side to the other.
    let directed = |r: &Value, event: &str, a: &str, b: &str| {
        r["event"] == event
            && codes(&r["actor"]).iter().any(|c| c == a)
            && codes(&r["recipient"]).iter().any(|c| c == b)
    };
    for (a, b) in [("USA", "RUS"), ("RUS", "USA")] {
        for event in ["SANCTION", "COERCE"] {
            assert!(
                recs.iter().any(|r| directed(r, event, a, b)),
                "no {event} {a} -> {b} in {recs:#?}"
            );
        }
    }
    assert!(
        recs.iter()
            .any(|r| r["event"] == "SANCTION" && r["mode"] == "expel"),
        "the expulsions are not SANCTION/expel in {recs:#?}"
    );
    for r in &recs {
        let text = r["text_info"]["text"].as_str().unwrap();
        assert!(!text.contains("absolutely not on the agenda"), "{r:#}");
    }
    // Ids are unique and sorted by position.
    let mut last = 0;
    for (n, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], format!("403-{n}"));
        let s = r["text_info"]["sentence"].as_u64().unwrap();
        assert!(s >= last);
        last = s;
    }
}

#[test]
fn jsonl_records_have_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"x1\", \"date\": \"2025-03-01\", \"title\": \"Not coded\", \"text\": \"Israeli warplanes carried out airstrikes on Hezbollah positions in Lebanon.\"}\n",
    )
    .unwrap();
    let out = dragoman(&["code", path.to_str().unwrap()]);
    assert!(out.status.success());
    let recs = json_lines(&out);
    assert!(!recs.is_empty());
    let keys = [
        "id",
        "doc_id",
        "date",
        "pub_date",
        "event",
        "mode",
        "cameo",
        "quad_code",
        "goldstein",
        "actor",
        "recipient",
        "negated",
        "future",
        "event_text",
        "event_loc",
        "text_info",
        "mentions",
    ];
    for r in &recs {
        let obj = r.as_object().unwrap();
        for k in keys {
            assert!(obj.contains_key(k), "missing {k} in {r}");
        }
        assert_eq!(r["doc_id"], "x1");
        assert_eq!(r["pub_date"], "2025-03-01");
        assert!(r["quad_code"]
            .as_u64()
            .is_some_and(|q| (1..=4).contains(&q)));
        for a in r["actor"].as_array().unwrap() {
            for k in ["text", "code", "sector", "cameo", "name", "wikidata"] {
                assert!(a.get(k).is_some(), "actor lacks {k}: {a}");
            }
        }
        let ti = &r["text_info"];
        let text = "Israeli warplanes carried out airstrikes on Hezbollah positions in Lebanon.";
        let (s, e) = (
            ti["start"].as_u64().unwrap() as usize,
            ti["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text.chars().skip(s).take(e - s).collect::<String>(),
            ti["text"].as_str().unwrap()
        );
    }
    assert!(recs
        .iter()
        .any(|r| r["event"] == "ASSAULT" && codes(&r["actor"]) == ["ISR"]));
}

#[test]
fn table_format_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    std::fs::write(
        &good,
        "{\"id\": \"g\", \"date\": \"2025-03-01\", \"text\": \"Russia attacked Ukraine.\"}\n{\"id\": \"bad\"}\n",
    )
    .unwrap();
    let out = dragoman(&["code", "--format", "table", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("dragoman: ") && stderr.contains("good.jsonl:2"),
        "{stderr}"
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.starts_with("date"), "{table}");
    assert!(table.contains("Russia attacked Ukraine"), "{table}");
    let missing = dragoman(&["code", dir.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn eval_gold_codes_the_items_itself() {
    let dir = tempfile::tempdir().unwrap();
    let items = dir.path().join("set-items.jsonl");
    let gold = dir.path().join("set.jsonl");
    std::fs::write(
        &items,
        "{\"id\": \"a\", \"date\": \"2025-03-01\", \"text\": \"Russia attacked Ukraine.\"}\n",
    )
    .unwrap();
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"events\": [{\"type\": \"ASSAULT\", \"mode\": null, \"actor\": {\"text\": \"Russia\", \"country\": \"RUS\", \"sector\": null}, \"recipient\": {\"text\": \"Ukraine\", \"country\": \"UKR\", \"sector\": null}, \"trigger\": \"attacked\", \"date\": \"2025-03-01\", \"location\": null, \"negated\": false, \"future\": false}]}\n",
    )
    .unwrap();
    // ITEMS GOLD, and the gold alone (its items found beside it by name).
    for args in [
        vec![items.to_str().unwrap(), gold.to_str().unwrap()],
        vec![gold.to_str().unwrap()],
    ] {
        let mut full = vec!["eval", "gold"];
        full.extend(args);
        let out = dragoman(&full);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("TP 1 FP 0 FN 0"), "{text}");
    }
}

/// A user's overlay file recodes an actor the built-in set knows otherwise.
#[test]
fn actors_overlay_recodes_an_actor() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(
        &story,
        " date 2025-03-14 s1\nTitle\nZorbl Quux accused Russia of violating the ceasefire.\n",
    )
    .unwrap();
    let s = story.to_str().unwrap();
    let mine = dir.path().join("mine.actors.txt");
    std::fs::write(&mine, "ZORBL_QUUX_\n\t[FRAGOV >20240101]\n").unwrap();
    let with = dragoman(&["code", "--actors-overlay", mine.to_str().unwrap(), s]);
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let recs = json_lines(&with);
    assert!(
        recs.iter()
            .any(|r| codes(&r["actor"]) == ["FRA"] && r["actor"][0]["sector"] == "GOV"),
        "{recs:?}"
    );
    let missing = dragoman(&["code", "--actors-overlay", "/nonexistent/x.txt", s]);
    assert_eq!(missing.status.code(), Some(2));
}
