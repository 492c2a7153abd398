//! Topics on real sentences, through the shipped models and built-in dictionaries.

use super::*;
use crate::code::Coder;
use crate::doc::DocMeta;
use crate::pipeline::{default_models_dir, Pipeline};
use std::sync::OnceLock;

fn tools() -> &'static (Pipeline, Coder) {
    static T: OnceLock<(Pipeline, Coder)> = OnceLock::new();
    T.get_or_init(|| {
        let p = Pipeline::load(&default_models_dir()).expect("shipped models");
        let c = Coder::new(Dictionaries::builtin().expect("built-in dictionaries"));
        (p, c)
    })
}

fn annotated(text: &str) -> Doc {
    let meta = DocMeta {
        id: "t".into(),
        date: Some("2025-04-10".into()),
        ..DocMeta::default()
    };
    let mut d = Doc::new(meta, text.to_string());
    tools().0.annotate(&mut d);
    d
}

fn code(text: &str) -> Vec<CodedEvent> {
    tools().1.code(&annotated(text))
}

/// The statements of a one-sentence text: (polarity, labels).
fn statements(text: &str) -> Vec<(Polarity, Vec<String>)> {
    let d = annotated(text);
    let dicts = &tools().1.dicts;
    let s = Sentence::new(dicts, Tree::new(&d, &d.sentences[0]));
    s.statements()
        .into_iter()
        .map(|st| (st.polarity, st.labels))
        .collect()
}

fn seed() -> String {
    let raw = include_str!("../../examples/seed-2025-04-10.txt");
    // The body: after the header and title lines.
    raw.splitn(3, '\n').nth(2).unwrap_or("").to_string()
}

#[test]
fn seed_talks_exclude_ukraine_and_are_diplomatic() {
    let events = code(&seed());
    let talks: Vec<&CodedEvent> = events
        .iter()
        .filter(|e| {
            e.record.event == PloverType::Consult
                && e.record.text_info.text.contains("Istanbul, Türkiye")
        })
        .collect();
    assert_eq!(talks.len(), 1, "{events:#?}");
    let r = &talks[0].record;
    assert!(r.excluded_topics.iter().any(|t| t == "Ukraine"), "{r:#?}");
    assert!(r.topics.iter().any(|t| t == "diplomatic"), "{r:#?}");
    assert!(!r.topics.iter().any(|t| t == "Ukraine"), "{r:#?}");
    for e in &events {
        assert!(!e
            .record
            .text_info
            .text
            .contains("absolutely not on the agenda"));
    }
}

fn off(labels: &[&str]) -> (Polarity, Vec<String>) {
    (
        Polarity::Off,
        labels.iter().map(|s| s.to_string()).collect(),
    )
}

fn on(labels: &[&str]) -> (Polarity, Vec<String>) {
    (Polarity::On, labels.iter().map(|s| s.to_string()).collect())
}

#[test]
fn exclusions_of_the_seed() {
    assert_eq!(
        statements("She made it clear that political or security matters, including the Ukraine conflict, are not part of the agenda."),
        [off(&["political", "military", "Ukraine"])]
    );
    assert_eq!(
        statements("“Ukraine is absolutely not on the agenda,” Bruce stated."),
        [off(&["Ukraine"])]
    );
}

#[test]
fn stated_subjects_of_talks() {
    // Seed: the quoted subject ends at the quote, not at "Ukraine" further on.
    assert_eq!(
        statements("State Department spokesperson Tammy Bruce clarified during a press briefing that the discussions will be “strictly centered on embassy operations,” emphasizing that broader diplomatic normalization can only occur once peace is achieved in Ukraine."),
        [on(&["diplomatic"])]
    );
    assert_eq!(
        statements("The goal of the talks is to improve the functioning of diplomatic missions between the two countries."),
        [on(&["diplomatic"])]
    );
    // Current events 2025.
    assert_eq!(
        statements("Abbas Araghchi meets with the foreign ministers of the United Kingdom, Germany, France and European Union in Geneva for talks about its nuclear program."),
        [on(&["cbrn"])]
    );
    let got = statements("The United States and Russia conclude talks focusing on a ceasefire for the Black Sea between Kyiv and Moscow.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Polarity::On);
    assert!(got[0].1.contains(&"military".to_string()), "{got:?}");
}

#[test]
fn earlier_talks_are_told_apart() {
    let d = annotated("Previous talks between the two nations were held in Riyadh on February 18, focusing on restoring embassy operations, followed by a February 27 meeting in Istanbul that addressed diplomatic funding and the potential resumption of direct flights.");
    let s = Sentence::new(&tools().1.dicts, Tree::new(&d, &d.sentences[0]));
    assert!(s.earlier_talks());
    let got: Vec<Vec<String>> = s.statements().into_iter().map(|st| st.labels).collect();
    assert_eq!(
        got,
        [
            vec!["diplomatic".to_string()],
            vec!["diplomatic".into(), "economic".into()]
        ]
    );
}

#[test]
fn statements_that_are_not_about_an_agenda() {
    for text in [
        // Wikinews 2019: agendas without talks, a refusal without a subject.
        "This is a new government with a very exciting agenda.",
        "Many people would ask me, 'Is Rock Hudson really gay?' and I said, 'It's something that I will not discuss.'",
        "My research has focused on the areas of tobacco, alcohol, and firearms.",
        // Talks on a day are not talks about it.
        "Russian and Ukrainian delegations held talks on Monday in Istanbul.",
    ] {
        assert_eq!(statements(text), [], "{text}");
    }
}

#[test]
fn taken_off_the_agenda_in_other_words() {
    assert_eq!(
        statements("Sanctions were not discussed at the meeting, the Kremlin said."),
        [off(&["SANCTIONS"])]
    );
    assert_eq!(
        statements("The two leaders will not touch on the nuclear program during the summit."),
        [off(&["cbrn"])]
    );
    assert_eq!(
        statements("Tehran refused to discuss its missile program in the talks."),
        [off(&["military"])]
    );
}

#[test]
fn an_exclusion_goes_to_the_talks_of_its_own_sentence() {
    let events = code("Iran and the United States held talks in Oman on Saturday. Officials said Iran's missile program was not discussed.");
    let talks = events
        .iter()
        .find(|e| e.record.event == PloverType::Consult)
        .expect("talks coded");
    assert_eq!(talks.record.excluded_topics, ["military"], "{events:#?}");
}

#[test]
fn the_object_of_a_focus_is_its_phrase_not_the_place_after() {
    // Current events 2025.
    let got = statements("Arab countries, the European Union, Turkey, the United Kingdom, and the United States hold a series of diplomatic meetings focused on Syria in Riyadh, Saudi Arabia.");
    assert_eq!(got, [on(&["Syria"])]);
}
