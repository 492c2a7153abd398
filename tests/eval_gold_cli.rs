//! `dragoman eval gold` end to end: small gold and record files written here, so the check
//! needs no shared data.

mod common;
use common::dragoman;

fn record(doc: &str, event: &str, actor: &str) -> String {
    format!(
        r#"{{"id":"{doc}-0","doc_id":"{doc}","date":"2025-01-01","pub_date":"2025-01-01","event":"{event}","mode":null,"cameo":"190","quad_code":4,"goldstein":-10.0,"actor":[{{"text":"x","code":"{actor}","sector":"MIL","cameo":"{actor}MIL","name":null,"wikidata":null}}],"recipient":[],"negated":false,"future":false,"event_text":"attacked","event_loc":null,"text_info":{{"sentence":0,"start":0,"end":8,"text":"attacked"}}}}"#
    )
}

const GOLD: &str = r#"{"id": "a", "events": [{"type": "ASSAULT", "mode": null, "actor": {"text": "x", "country": "RUS", "sector": "MIL"}, "recipient": null, "trigger": "attacked", "date": "2025-01", "location": null, "negated": false, "future": false}, {"type": "PROTEST", "mode": "demo", "actor": null, "recipient": null, "trigger": "rallied", "date": "2025-01-01", "location": null, "negated": false, "future": false}]}
{"id": "b", "events": []}
"#;

#[test]
fn scores_records_and_lists_errors() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    let lines = [
        record("a", "ASSAULT", "RUS"),
        record("b", "ASSAULT", "UKR"),
        record("zz", "ASSAULT", "UKR"),
    ];
    std::fs::write(&pred, lines.join("\n") + "\n").unwrap();
    let o = dragoman(&[
        "eval",
        "gold",
        "--errors",
        "--predicted",
        pred.to_str().unwrap(),
        gold.to_str().unwrap(),
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("(TP 1 FP 1 FN 1; 2 gold documents)"), "{out}");
    assert!(
        out.contains("not scored: 1 records of 1 documents"),
        "{out}"
    );
    assert!(out.contains("FN a PROTEST"), "{out}");
    assert!(out.contains("FP b ASSAULT"), "{out}");
    assert!(out.contains("date              1.000  (1/1)"), "{out}");
}

#[test]
fn bad_lines_are_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    std::fs::write(&pred, record("a", "ASSAULT", "RUS") + "\n{\"id\": 3}\n").unwrap();
    let o = dragoman(&[
        "eval",
        "gold",
        "--predicted",
        pred.to_str().unwrap(),
        gold.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{}:2: ", pred.display())), "{err}");
    // Without --predicted the items beside the gold are coded; here there are none.
    let o = dragoman(&["eval", "gold", gold.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("gold-items.jsonl"));
}
