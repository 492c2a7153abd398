//! Event places end to end: the seed article through `dragoman code`, and the gazetteer build
//! through `dragoman train gazetteer`.

mod common;
use common::{dragoman, run_json};

use serde_json::Value;

#[test]
fn seed_talks_are_placed_in_istanbul_and_nothing_at_the_capitals() {
    let recs: Vec<Value> = run_json(&["code", "examples/seed-2025-04-10.txt"]);
    let istanbul = recs
        .iter()
        .find(|r| r["event_text"] == "discussions")
        .expect("the talks of April 10");
    let loc = &istanbul["event_loc"];
    assert_eq!(loc["text"], "Istanbul");
    assert_eq!(loc["country_code"], "TUR");
    assert_eq!(loc["geonameid"], 745044);
    assert!(loc["lat"].as_f64().is_some_and(|v| (v - 41.01).abs() < 0.1));
    for r in &recs {
        let loc = &r["event_loc"];
        // "Tensions between Washington and Moscow": actors, not places.
        assert!(
            loc.is_null() || loc["country_code"] == "TUR" || loc["country_code"] == "SAU",
            "{r}"
        );
    }
    let reprisals = recs
        .iter()
        .find(|r| r["event_text"] == "confiscated")
        .expect("the confiscated properties");
    assert!(reprisals["event_loc"].is_null());
}

#[test]
fn the_gazetteer_builds_and_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().to_str().expect("UTF-8 path");
    let out = dragoman(&["train", "gazetteer", "--out", out_dir]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built = std::fs::read(dir.path().join("gazetteer.bin")).expect("written");
    let shipped = std::fs::read("models/gazetteer.bin").expect("shipped");
    assert!(
        built == shipped,
        "the shipped gazetteer is not what the command builds"
    );
}
