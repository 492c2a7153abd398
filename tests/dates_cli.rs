//! Event dates end to end: `dragoman code` on the seed gives the three rounds of US–Russia
//! talks their own dates, as three records, not one merged at the publication date.

mod common;
use common::run_json;

use serde_json::Value;

#[test]
fn the_seed_rounds_of_talks_are_three_dated_records() {
    let recs: Vec<Value> = run_json(&["code", "examples/seed-2025-04-10.txt"]);
    let consult_on = |date: &str| {
        recs.iter()
            .filter(|r| r["event"] == "CONSULT" && r["date"] == date)
            .map(|r| (r["date_precision"].clone(), r["event_text"].clone()))
            .collect::<Vec<_>>()
    };
    for (date, trigger) in [
        ("2025-04-10", "discussions"),
        ("2025-02-18", "talks"),
        ("2025-02-27", "meeting"),
    ] {
        let found = consult_on(date);
        assert!(
            found
                .iter()
                .any(|(p, t)| p == "day" && t.as_str().is_some_and(|t| t.contains(trigger))),
            "no CONSULT {trigger:?} on {date}: {found:?}"
        );
    }
    // Every record carries a precision the contract names; the date is a real day.
    for r in &recs {
        let p = r["date_precision"].as_str().unwrap_or_default();
        assert!(["day", "month", "year", "document"].contains(&p), "{r}");
        assert_eq!(r["date"].as_str().map(str::len), Some(10), "{r}");
    }
}
