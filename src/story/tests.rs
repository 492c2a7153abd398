//! Linking real items: the records are written out as the coder gives them for the
//! sentences (current-events items of 2025 and the seed), so these tests check the linker,
//! not the statistical models.

use super::*;
use crate::event::{ActorRef, PloverType, TextInfo};

fn actor(cameo: &str) -> ActorRef {
    let code = cameo.get(..3).unwrap_or(cameo).to_string();
    let sector = cameo.get(3..6).map(str::to_string);
    ActorRef::coded(cameo.to_string(), code, sector, cameo.to_string())
}

fn record(
    doc: &str,
    n: usize,
    date: &str,
    event: PloverType,
    actors: &[&str],
    recipients: &[&str],
    sentence: &str,
) -> EventRecord {
    EventRecord {
        id: format!("{doc}-{n}"),
        doc_id: doc.to_string(),
        date: date.to_string(),
        date_precision: "document".into(),
        pub_date: date.to_string(),
        event,
        mode: None,
        cameo: String::new(),
        quad_code: event.quad_class(),
        goldstein: 0.0,
        actor: actors.iter().map(|a| actor(a)).collect(),
        recipient: recipients.iter().map(|a| actor(a)).collect(),
        negated: false,
        future: false,
        event_text: String::new(),
        event_loc: None,
        topics: Vec::new(),
        excluded_topics: Vec::new(),
        text_info: TextInfo {
            sentence: n,
            start: 0,
            end: sentence.chars().count(),
            text: sentence.to_string(),
        },
    }
}

fn meta(id: &str, date: &str) -> DocMeta {
    DocMeta {
        id: id.to_string(),
        date: Some(date.to_string()),
        ..DocMeta::default()
    }
}

use PloverType::*;

/// Real items of 2025's current events with the events the coder finds in them: three
/// stories (US–Russia talks, Israeli strikes on Gaza, the arrest of Yoon Suk Yeol).
fn items() -> Vec<(DocMeta, Vec<EventRecord>)> {
    let one = |id: &str, date: &str, ev, a: &[&str], r: &[&str], text: &str| {
        (meta(id, date), vec![record(id, 0, date, ev, a, r, text)])
    };
    vec![
        one("gaza-1", "2025-01-01", Assault, &["ISR"], &[],
            "Israeli airstrikes across the Gaza Strip kill at least 26 Palestinians, including four children."),
        one("gaza-2", "2025-01-02", Assault, &["ISR"], &["PSEGZA"],
            "Eleven people are killed, including a Hamas police chief, in an Israeli airstrike on a refugee camp in al-Mawasi in the Gaza Strip."),
        one("yoon-1", "2025-01-03", Assault, &["KORJUD"], &["KOR"],
            "Corruption investigators and prosecutors raid the central Seoul residence of recently-impeached South Korean President Yoon Suk Yeol to arrest Yoon for refusing to comply with summons."),
        one("gaza-3", "2025-01-04", Assault, &["ISR"], &["PSEGZA", "PSE"],
            "At least 70 Palestinians are killed and 14 others are reported missing in Israeli airstrikes on Gaza City and Khan Younis in the Gaza Strip."),
        one("yoon-2", "2025-01-15", Coerce, &["KOR"], &["KOR"],
            "Following a five-hour standoff, Yoon is arrested, becoming South Korea's first sitting president to be arrested."),
        one("yoon-3", "2025-01-19", Coerce, &["KOR"], &[],
            "Yoon Suk Yeol becomes the first sitting president of South Korea to be formally arrested, following his declaration of martial law in December."),
        one("talks-1", "2025-02-16", Consult, &["USAGOV"], &["RUS"],
            "U.S. Secretary of State Marco Rubio leads a delegation that includes National Security Advisor Mike Waltz and Special Envoy Steve Witkoff to Riyadh, Saudi Arabia, for initial talks with Russia."),
        one("talks-2", "2025-02-19", Consult, &["RUS"], &["USA"],
            "Russian President Vladimir Putin praises the high-level talks with the U.S. in Riyadh, Saudi Arabia, as a \"first step\" towards restoring full diplomatic ties with the United States."),
        one("yoon-4", "2025-02-21", Accuse, &["KORCOP"], &["KORGOV"],
            "South Korean police file a case against impeached president Yoon Suk Yeol for obstructing his arrest warrant."),
        one("talks-3", "2025-02-28", Consult, &["RUS"], &["USA"],
            "Russia appoints Alexander Darchiev as its new ambassador to the U.S. following talks between the two countries in Istanbul on restoring regular diplomatic contacts and embassy staffs."),
        seed(),
    ]
}

/// The seed article (examples/seed-2025-04-10.txt) as the coder records it.
fn seed() -> (DocMeta, Vec<EventRecord>) {
    let d = "2025-04-10";
    let mut m = meta("403", d);
    m.title = Some("Washington reveals date, agenda of upcoming Russia-US discussions".into());
    let events = vec![
        record("403", 0, d, Consult, &["USAGOV"], &["RUS"],
            "(MENAFN) The U.S. State Department has officially confirmed that the next round of discussions with Russia will take place in Istanbul, Türkiye, on Thursday, April 10."),
        record("403", 3, d, Consult, &["RUSGOV"], &[],
            "Earlier on Tuesday, the Russian Foreign Ministry had also announced that new negotiations were expected in the coming days."),
        record("403", 7, d, Coerce, &["USA", "RUS"], &["RUS", "USA"],
            "Both sides have expelled diplomatic staff, imposed financial restrictions, and confiscated embassy properties."),
        record("403", 8, d, Request, &["USAGOV"], &[],
            "President Trump has taken a different stance from his predecessor, pushing for an end to the Ukraine war and seeking a reset in U.S.-Russia relations."),
        record("403", 11, d, Consult, &["USAGOV"], &["USA"],
            "Russia will be represented by its new ambassador to the U.S., Aleksandr Darchiev, while the American delegation will be led by Deputy Assistant Secretary of State for Eurasian Affairs Sonata Coulter."),
    ];
    (m, events)
}

fn story_of(lines: &Storylines, doc: &str) -> StorylineId {
    lines.of_document(doc).expect("linked").id
}

/// The three stories of [`items`]: with so few documents to weigh words by, only their
/// closest items link (the same strikes, the arrest, the Riyadh talks), but no item ever
/// joins another story. (Linked among a month of news, each story is one storyline:
/// `tests/storylines_cli.rs`.)
fn assert_stories(lines: &Storylines) {
    let stories = [
        (
            &["gaza-1", "gaza-2", "gaza-3"][..],
            &["gaza-1", "gaza-2", "gaza-3"][..],
        ),
        (
            &["yoon-2", "yoon-3"],
            &["yoon-1", "yoon-2", "yoon-3", "yoon-4"],
        ),
        (
            &["talks-1", "talks-2"],
            &["talks-1", "talks-2", "talks-3", "403"],
        ),
    ];
    for (core, _) in &stories {
        for doc in *core {
            assert_eq!(
                story_of(lines, doc),
                story_of(lines, core[0]),
                "{doc} apart from {}",
                core[0]
            );
        }
    }
    for (i, (_, a)) in stories.iter().enumerate() {
        for (_, b) in &stories[i + 1..] {
            for x in *a {
                for y in *b {
                    assert_ne!(story_of(lines, x), story_of(lines, y), "{x} with {y}");
                }
            }
        }
    }
}

#[test]
fn talks_strikes_and_an_arrest_stay_apart() {
    let lines = Storylines::rebuild(Params::default(), items());
    assert_stories(&lines);
    let talks = lines.of_document("talks-1").unwrap();
    assert!(talks.label.starts_with("RUS–USA: "), "{}", talks.label);
    assert!(talks.label.contains("Riyadh"), "{}", talks.label);
    let seed = lines.of_document("403").unwrap();
    assert_eq!(seed.events.len(), 5);
    // Events in date order, then by document and event id.
    let gaza = lines.of_document("gaza-3").unwrap();
    let ids: Vec<&str> = gaza.events.iter().map(|m| m.event_id.as_str()).collect();
    assert_eq!(ids, ["gaza-1-0", "gaza-2-0", "gaza-3-0"]);
    assert_eq!(gaza.label, "ISR–PSE: Gaza, airstrikes, Israeli");
    assert_eq!(gaza.events[2].date, "2025-01-04");
}

#[test]
fn documents_arriving_out_of_order_still_join_their_storyline() {
    // The first item of each story comes last, after its story has begun without it.
    let (late, mut docs): (Vec<_>, Vec<_>) = items()
        .into_iter()
        .partition(|(m, _)| ["gaza-1", "yoon-2", "talks-1"].contains(&m.id.as_str()));
    docs.extend(late);
    let mut lines = Storylines::new(Params::default());
    for (m, e) in &docs {
        let ids = lines.assign(m, e);
        assert_eq!(ids.len(), e.len());
    }
    assert_stories(&lines);
}

#[test]
fn assigning_a_document_again_changes_nothing() {
    let docs = items();
    let mut lines = Storylines::rebuild(Params::default(), docs.clone());
    let before = lines.to_json();
    let (m, e) = &docs[3];
    let again = lines.assign(m, e);
    assert_eq!(again, vec![story_of(&lines, "gaza-3")]);
    assert_eq!(lines.to_json(), before);
    assert!(lines.assign(&meta("empty", "2025-01-01"), &[]).is_empty());
}

#[test]
fn saved_state_goes_on_as_if_never_saved() {
    let docs = items();
    let (head, tail) = docs.split_at(6);
    let mut straight = Storylines::new(Params::default());
    let mut saved = Storylines::new(Params::default());
    for (m, e) in head {
        straight.assign(m, e);
        saved.assign(m, e);
    }
    let mut restored = Storylines::from_json(&saved.to_json()).unwrap();
    for (m, e) in tail {
        assert_eq!(straight.assign(m, e), restored.assign(m, e));
    }
    assert_eq!(straight.to_json(), restored.to_json());
    assert_stories(&restored);
    let first = restored.iter().next().unwrap();
    assert_eq!(restored.get(first.id).unwrap().label, first.label);
    assert!(restored.get(StorylineId(9999)).is_none());
    assert!(Storylines::from_json("{").is_err());
    assert!(Storylines::from_json("[]").is_err());
}

#[test]
fn records_regroup_into_documents() {
    let records: Vec<EventRecord> = items().into_iter().flat_map(|(_, e)| e).collect();
    let docs = group_by_document(records);
    assert_eq!(docs.len(), 11);
    assert_eq!(docs[10].0.id, "403");
    assert_eq!(docs[10].0.date.as_deref(), Some("2025-04-10"));
    assert_eq!(docs[10].1.len(), 5);
    assert_stories(&Storylines::rebuild(Params::default(), docs));
}

#[test]
fn odd_input_never_panics() {
    let mut lines = Storylines::new(Params::default());
    let mut r = record("x", 0, "not a date", Assault, &[""], &["", "X"], "");
    r.pub_date = String::new();
    r.date_precision = "day".into();
    let ids = lines.assign(&DocMeta::default(), &[r.clone(), r]);
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
    assert_eq!(lines.len(), 1);
}

#[test]
fn day_numbers_and_gaps() {
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(day_number("1969-12-31"), Some(-1));
    assert_eq!(day_number("2000-02-29"), Some(11016));
    assert_eq!(day_number("2025-04-10"), Some(20188));
    assert_eq!(day_number("2025-02-30"), None);
    assert_eq!(nearest_gap(&[10, 20, 40], &[33]), 7);
    assert_eq!(nearest_gap(&[10, 20, 40], &[1, 50]), 9);
    assert_eq!(nearest_gap(&[], &[5]), 0);
}

#[test]
fn a_document_that_fits_two_storylines_merges_them() {
    let docs = items();
    let apart = Storylines::rebuild(Params::default(), docs.clone());
    // With a low merge score, a document that fits a second storyline too brings it in.
    let params = Params {
        merge: 0.05,
        ..Params::default()
    };
    let mut lines = Storylines::new(params);
    let mut emptied: Vec<StorylineId> = Vec::new();
    for (m, e) in &docs {
        lines.assign(m, e);
        let changes = lines.take_changes();
        // Every document moved is reported with its new storyline.
        for doc in &changes.documents {
            assert!(lines.of_document(doc).is_some());
        }
        emptied.extend(
            (changes.storylines.iter())
                .filter(|&&id| lines.get(id).is_some_and(|l| l.events.is_empty())),
        );
    }
    assert!(!emptied.is_empty(), "no storyline merged");
    assert!(lines.len() < apart.len());
    assert!(lines.iter().all(|l| !l.events.is_empty()));
    // Each document's events are in its storyline, and only there.
    for (m, e) in &docs {
        let line = lines.of_document(&m.id).unwrap();
        for r in e {
            assert!(line.events.iter().any(|x| x.event_id == r.id));
        }
    }
    let events: usize = lines.iter().map(|l| l.events.len()).sum();
    assert_eq!(events, docs.iter().map(|(_, e)| e.len()).sum::<usize>());
    // Saved and restored after merges, the state is the same.
    let restored = Storylines::from_json(&lines.to_json()).unwrap();
    assert_eq!(restored.to_json(), lines.to_json());
    assert_eq!(restored.len(), lines.len());
}
