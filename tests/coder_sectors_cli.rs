//! Who the parties are, end to end on real news sentences (held-out current-events items,
//! the shipped models and built-in dictionaries): the country and sector of each side as
//! the annotation guideline codes them.

mod common;
use common::run_json;

use serde_json::Value;

/// Code one dated news item: per record, (event, actors, recipients) with each party as
/// "CODE/SECTOR" ("-" for no sector).
fn code(id: &str, date: &str, text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let dir = std::env::temp_dir().join(format!("dragoman-sectors-{}-{id}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("item.jsonl");
    let line = serde_json::json!({"id": id, "date": date, "text": text});
    std::fs::write(&path, format!("{line}\n")).expect("write item");
    let recs = run_json(&["code", path.to_str().expect("UTF-8 path")]);
    let _ = std::fs::remove_dir_all(&dir);
    let parties = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        let code = x["code"].as_str().unwrap_or("?");
                        format!("{code}/{}", x["sector"].as_str().unwrap_or("-"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    recs.iter()
        .map(|r| {
            (
                r["event"].as_str().unwrap_or("").to_string(),
                parties(&r["actor"]),
                parties(&r["recipient"]),
            )
        })
        .collect()
}

fn has(
    recs: &[(String, Vec<String>, Vec<String>)],
    event: &str,
    actor: &str,
    recipient: &str,
) -> bool {
    recs.iter().any(|(e, a, r)| {
        e == event
            && (actor.is_empty() || a.iter().any(|c| c == actor))
            && r.iter().any(|c| c == recipient)
    })
}

#[test]
fn a_state_that_attacks_is_its_military_and_a_people_are_civilians() {
    let recs = code(
        "a",
        "2025-06-20",
        "Israeli gunfire and airstrikes kill at least 82 Palestinians across the Gaza Strip, \
         including 34 people seeking aid assistance.",
    );
    assert!(has(&recs, "ASSAULT", "ISR/MIL", "PSE/CVL"), "{recs:?}");
}

#[test]
fn the_people_killed_not_the_building_hit_receive_an_attack() {
    let recs = code(
        "b",
        "2025-11-23",
        "Israel carries out an airstrike on a building in Beirut, Lebanon, killing five \
         Hezbollah militants and injuring 28 others.",
    );
    assert!(has(&recs, "ASSAULT", "ISR/MIL", "LBN/REB"), "{recs:?}");
    assert!(
        !recs.iter().any(|(_, _, r)| r.iter().any(|c| c == "LBN/-")),
        "{recs:?}"
    );
}

#[test]
fn former_office_holders_are_elites() {
    let recs = code(
        "c",
        "2025-03-17",
        "A court in Georgia sentences former president Mikheil Saakashvili to four and a half \
         years in prison for illegally entering the country in 2021.",
    );
    assert!(has(&recs, "SANCTION", "GEO/JUD", "GEO/ELI"), "{recs:?}");
}

#[test]
fn hostages_prisoners_and_demonstrators_are_civilians() {
    let recs = code(
        "d",
        "2025-02-01",
        "Hamas releases three Israeli hostages, including Yarden Bibas. At the same time, \
         Israel releases 183 Palestinian prisoners.",
    );
    assert!(has(&recs, "RETREAT", "PSE/REB", "ISR/CVL"), "{recs:?}");
    assert!(has(&recs, "RETREAT", "ISR/GOV", "PSE/CVL"), "{recs:?}");
    let recs = code(
        "e",
        "2025-03-01",
        "Tens of thousands of demonstrators hold a rally in Bucharest, Romania, in support of \
         presidential candidate Călin Georgescu.",
    );
    let protest = recs.iter().find(|r| r.0 == "PROTEST");
    assert!(
        protest.is_some_and(|(_, a, _)| a.iter().any(|c| c == "ROU/CVL")),
        "{recs:?}"
    );
}

#[test]
fn a_thing_named_by_the_party_it_bears_on_is_that_party() {
    // "visa restrictions on former and current Thai officials": the officials are the
    // recipient, not the restrictions; "two French nationals" are people.
    let recs = code(
        "f",
        "2025-03-15",
        "United States Secretary of State Marco Rubio announces visa restrictions on former and \
         current Thai officials who were involved in deporting of at least 40 Uyghur men who \
         were seeking asylum back to China.",
    );
    assert!(
        recs.iter()
            .any(|(_, _, r)| r.iter().any(|c| c.starts_with("THA/") && c != "THA/-")),
        "{recs:?}"
    );
    let recs = code(
        "g",
        "2025-04-28",
        "Iran detains two French nationals on espionage charges.",
    );
    assert!(has(&recs, "COERCE", "IRN/GOV", "FRA/CVL"), "{recs:?}");
}

#[test]
fn a_thing_does_not_act() {
    // The truck is no actor of the deaths, nor of anything else.
    let text = "A truck carrying humanitarian aid overturns on civilians near the Nuseirat \
                refugee camp in the Gaza Strip, killing at least 25 people and injuring dozens \
                of others.";
    let recs = code("h", "2025-08-06", text);
    assert!(recs.iter().all(|(_, a, _)| a.is_empty()), "{recs:?}");
    // People named by a role still act.
    let recs = code(
        "i",
        "2025-06-15",
        "Witnesses say Israeli forces opened fire on people waiting for aid in Rafah.",
    );
    assert!(recs.iter().any(|(_, a, _)| !a.is_empty()), "{recs:?}");
}
