//! One event per happening: when two coded records report the same real event.
//!
//! Two records are the same happening when they agree on the PLOVER type, on negation, on the
//! sets of actor and recipient countries (the [`match_key`]), on the date (see
//! [`dates_match`]) and on the place (see [`places_match`]). The rules lean towards keeping
//! events apart: a missed duplicate costs a second row, a false merge loses a real event
//! (two strikes on one day in two cities must stay two).
//!
//! Pure functions, no I/O: the store looks candidates up by `match_key` and date window and
//! asks these rules.

use crate::dict::Ymd;
use crate::event::{ActorRef, EventRecord, Location};

/// How many days apart two candidates may be at most; the store's lookup window.
pub const WINDOW_DAYS: i64 = 1;

/// The exact-match part of the rule, indexed in the store:
/// `TYPE|actor countries|recipient countries|negated`, country sets sorted and deduplicated.
pub fn match_key(r: &EventRecord) -> String {
    format!(
        "{}|{}|{}|{}",
        r.event.as_str(),
        codes(&r.actor),
        codes(&r.recipient),
        u8::from(r.negated)
    )
}

fn codes(list: &[ActorRef]) -> String {
    let mut c: Vec<&str> = list
        .iter()
        .map(|a| a.code.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    c.sort_unstable();
    c.dedup();
    c.join(",")
}

/// Whether a record names anyone at all: a record with neither actor nor recipient is only
/// merged when its place is known on both sides (else every anonymous attack of a day would
/// become one).
pub fn names_someone(r: &EventRecord) -> bool {
    r.actor
        .iter()
        .chain(&r.recipient)
        .any(|a| !a.code.is_empty())
}

/// What the dedup rule needs of a stored event.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub date: String,
    pub date_precision: String,
    pub event_loc: Option<Location>,
    pub names_someone: bool,
    /// The sentence the event was coded from.
    pub sentence: String,
}

impl Candidate {
    pub fn of(r: &EventRecord) -> Candidate {
        Candidate {
            date: r.date.clone(),
            date_precision: r.date_precision.clone(),
            event_loc: r.event_loc.clone(),
            names_someone: names_someone(r),
            sentence: r.text_info.text.clone(),
        }
    }
}

/// How much two sentences must share, when a place is missing, to report one happening:
/// the share of the shorter sentence's content words found in the other.
pub const MIN_OVERLAP: f64 = 0.4;

/// Words too common in news to tell two reports apart.
const STOP: &[&str] = &[
    "about", "after", "also", "against", "before", "being", "between", "during", "from", "have",
    "into", "more", "other", "over", "said", "says", "some", "than", "that", "their", "them",
    "they", "this", "those", "were", "what", "when", "where", "which", "while", "will", "with",
    "would", "least", "people", "united", "states",
];

/// Content words of a sentence: lower-cased words of four letters or more, and numbers.
fn content_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 || w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// Names in a sentence: its capitalised words after the first (which is capitalised anyway).
fn names(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// The share of the smaller list found in the other (0 when either is empty).
fn shared(a: &[String], b: &[String]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = small
        .iter()
        .filter(|w| large.binary_search(w).is_ok())
        .count();
    common as f64 / n as f64
}

/// How alike two reports are: the lower of the shares of content words and of names
/// the shorter has in common with the other. Casualty reports share their formula ("three
/// people are killed and two injured"); the same happening also shares its names.
pub fn overlap(a: &str, b: &str) -> f64 {
    shared(&content_words(a), &content_words(b)).min(shared(&names(a), &names(b)))
}

/// Whether `a` and `b`, already equal on [`match_key`], are the same happening.
pub fn same_happening(a: &Candidate, b: &Candidate) -> bool {
    if !dates_match(&a.date, &a.date_precision, &b.date, &b.date_precision) {
        return false;
    }
    match (&a.event_loc, &b.event_loc) {
        (Some(x), Some(y)) => places_match(x, y),
        // Without a place on both sides, the parties alone do not tell one day's attacks
        // apart: the two reports must also tell the same story in their words.
        _ => a.names_someone && b.names_someone && overlap(&a.sentence, &b.sentence) >= MIN_OVERLAP,
    }
}

/// Dates of the same happening. Two dates read from the text (`day`) must be equal: daily
/// strikes of one war differ by a day. A publication date standing in for the event's date
/// (`document`) may be the day after a dated report of it (news appears the next morning),
/// never before it. Two publication dates must be equal. Month and year dates match only a
/// date of the same precision and period.
pub fn dates_match(a: &str, a_prec: &str, b: &str, b_prec: &str) -> bool {
    let coarse = |p: &str| p == "month" || p == "year";
    if coarse(a_prec) || coarse(b_prec) {
        return a_prec == b_prec && a == b;
    }
    let (Some(da), Some(db)) = (day_number(a), day_number(b)) else {
        return false;
    };
    match (a_prec == "document", b_prec == "document") {
        (true, false) => (0..=WINDOW_DAYS).contains(&(da - db)),
        (false, true) => (0..=WINDOW_DAYS).contains(&(db - da)),
        _ => da == db,
    }
}

/// Places of the same happening: the same GeoNames feature when both have one, else the
/// same name in the same country.
pub fn places_match(a: &Location, b: &Location) -> bool {
    if a.country_code != b.country_code {
        return false;
    }
    match (a.geonameid, b.geonameid) {
        (Some(x), Some(y)) => x == y,
        _ => a.name.eq_ignore_ascii_case(&b.name),
    }
}

/// Days since 1970-01-01 of a valid `YYYY-MM-DD` date, or `None`.
pub fn day_number(s: &str) -> Option<i64> {
    Ymd::parse_iso(s).map(Ymd::days)
}

/// The `YYYY-MM-DD` date of a day number (the inverse of [`day_number`]); empty outside
/// years 1–9999.
pub fn date_of_day(z: i64) -> String {
    Ymd::from_days(z).map(|d| d.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(name: &str, country: &str, id: Option<i64>) -> Location {
        Location {
            text: name.into(),
            name: name.into(),
            country_code: country.into(),
            admin1: None,
            geonameid: id,
            lat: None,
            lon: None,
        }
    }

    fn cand(date: &str, prec: &str, place: Option<Location>) -> Candidate {
        Candidate {
            date: date.into(),
            date_precision: prec.into(),
            event_loc: place,
            names_someone: true,
            sentence: "Russian drones strike Kharkiv overnight, killing four civilians.".into(),
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2025-03-01").unwrap() - day_number("2025-02-28").unwrap(),
            1
        );
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        for s in ["2025-04-10", "2000-02-29", "1999-12-31", "2026-01-01"] {
            assert_eq!(date_of_day(day_number(s).unwrap()), s);
        }
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("2025-4-1"), None);
        assert_eq!(day_number(""), None);
    }

    #[test]
    fn dates_of_one_happening() {
        // Read from the text: the same day only.
        assert!(dates_match("2025-04-10", "day", "2025-04-10", "day"));
        assert!(!dates_match("2025-04-10", "day", "2025-04-11", "day"));
        // A next-morning report without a date of its own.
        assert!(dates_match("2025-04-10", "day", "2025-04-11", "document"));
        assert!(dates_match("2025-04-11", "document", "2025-04-10", "day"));
        assert!(!dates_match("2025-04-11", "day", "2025-04-10", "document"));
        assert!(!dates_match(
            "2025-04-10",
            "document",
            "2025-04-11",
            "document"
        ));
        assert!(dates_match("2025-02-01", "month", "2025-02-01", "month"));
        assert!(!dates_match("2025-02-01", "month", "2025-02-01", "day"));
    }

    #[test]
    fn reports_of_one_capsizing_overlap_and_two_attacks_do_not() {
        // Two items of the shared current-events news, on 2025-02-19 and 2025-02-20.
        let a = "Twenty-two people are killed after a boat carrying refugees capsizes in Lake \
                 Edward, Democratic Republic of the Congo.";
        let b = "At least 22 people are killed when a boat carrying people attempting to escape \
                 Rwanda-backed M23 rebels in the Democratic Republic of the Congo across Lake \
                 Edward towards Uganda capsizes.";
        assert!(overlap(a, b) >= MIN_OVERLAP, "{}", overlap(a, b));
        // And two of 2025-01-01: New Orleans and Las Vegas.
        let c = "A man kills 14 people and injures 35 others, including two police officers, in \
                 a vehicle-ramming and shooting attack on Bourbon Street in New Orleans, \
                 Louisiana, United States, before being shot dead.";
        let d = "A Tesla Cybertruck explodes outside the Trump International Hotel in Las Vegas, \
                 Nevada, United States, killing the driver and injuring seven people.";
        assert!(overlap(c, d) < MIN_OVERLAP, "{}", overlap(c, d));
    }

    #[test]
    fn two_strikes_in_two_cities_stay_two() {
        let kharkiv = cand(
            "2025-04-10",
            "day",
            Some(loc("Kharkiv", "UKR", Some(706483))),
        );
        let odesa = cand("2025-04-10", "day", Some(loc("Odesa", "UKR", Some(698740))));
        assert!(!same_happening(&kharkiv, &odesa));
        let again = cand(
            "2025-04-10",
            "document",
            Some(loc("Kharkiv", "UKR", Some(706483))),
        );
        assert!(same_happening(&kharkiv, &again));
        // Names decide when an id is missing on one side.
        let by_name = cand("2025-04-10", "day", Some(loc("kharkiv", "UKR", None)));
        assert!(same_happening(&kharkiv, &by_name));
        // A report without a place goes with the one that has it when it tells the same.
        let mut unplaced = cand("2025-04-10", "day", None);
        assert!(same_happening(&kharkiv, &unplaced));
        unplaced.sentence = "Russia strikes the port of Odesa with missiles.".into();
        assert!(!same_happening(&kharkiv, &unplaced));
        // Nobody named, no place: never merged.
        let mut anon = cand("2025-04-10", "day", None);
        anon.names_someone = false;
        assert!(!same_happening(&anon, &anon.clone()));
    }
}
