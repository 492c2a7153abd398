//! Quotations of real news through the shipped models and built-in dictionaries.

use super::*;
use crate::doc::DocMeta;
use crate::pipeline::{default_models_dir, Pipeline};
use std::sync::OnceLock;

fn tools() -> &'static (Pipeline, Dictionaries) {
    static T: OnceLock<(Pipeline, Dictionaries)> = OnceLock::new();
    T.get_or_init(|| {
        let p = Pipeline::load(&default_models_dir()).expect("shipped models");
        (p, Dictionaries::builtin().expect("built-in dictionaries"))
    })
}

fn quotes(text: &str, date: &str) -> Vec<Quote> {
    let meta = DocMeta {
        id: "q".into(),
        date: Some(date.into()),
        ..DocMeta::default()
    };
    let mut d = Doc::new(meta, text.to_string());
    tools().0.annotate(&mut d);
    Quoter::new(&tools().1).quotes(&d)
}

/// (text, speaker_name, actor code, actor sector) of a quotation.
type Summary = (String, Option<String>, Option<String>, Option<String>);

fn summary(qs: &[Quote]) -> Vec<Summary> {
    qs.iter()
        .map(|q| {
            (
                q.text.clone(),
                q.speaker_name.clone(),
                q.actor.as_ref().map(|a| a.code.clone()),
                q.actor.as_ref().and_then(|a| a.sector.clone()),
            )
        })
        .collect()
}

#[test]
fn seed_quotes_are_tammy_bruces() {
    let raw = include_str!("../../examples/seed-2025-04-10.txt");
    let body = raw.splitn(3, '\n').nth(2).unwrap_or("");
    let qs = quotes(body, "2025-04-10");
    let got = summary(&qs);
    let bruce = |text: &str| {
        (
            text.to_string(),
            Some("Tammy Bruce".to_string()),
            Some("USA".to_string()),
            Some("GOV".to_string()),
        )
    };
    assert_eq!(
        got,
        [
            bruce("strictly centered on embassy operations"),
            bruce("Ukraine is absolutely not on the agenda"),
        ],
        "{qs:#?}"
    );
    assert_eq!(qs[1].speaker.as_deref(), Some("Bruce"));
    // Offsets count Unicode scalars ("Türkiye" comes before).
    let chars: Vec<char> = body.chars().collect();
    for q in &qs {
        let s: String = chars[q.start..q.end].iter().collect();
        assert_eq!(s, q.text);
    }
    assert_eq!(qs[1].sentence, 7);
}

#[test]
fn pronouns_and_multi_sentence_quotes() {
    // Wikinews, 2019-09-03 (the Conception boat fire).
    let text = "The United States Coast Guard (USCG) called off its search late on Tuesday. USCG Captain Monica Rochester told the press a nearly 24-hour search mission had discovered no further signs in the water. \"It is never an easy decision to suspend search efforts,\" she said. \"We know that this is a very difficult time for families and friends.\"";
    let got = summary(&quotes(text, "2019-09-03"));
    assert_eq!(got.len(), 2, "{got:?}");
    for q in &got {
        assert_eq!(q.1.as_deref(), Some("Monica Rochester"), "{got:?}");
    }
    assert_eq!(
        got[0].0,
        "It is never an easy decision to suspend search efforts"
    );
}

#[test]
fn inverted_and_colon_attributions() {
    // Wikinews 2019.
    let got = summary(&quotes("The fire started some time after 3 a.m. local time Monday. \"This is probably the worst-case scenario you can possibly have,\" said Santa Barbara County Sheriff Bill Brown.", "2019-09-03"));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.as_deref(), Some("Bill Brown"), "{got:?}");
    let got = summary(&quotes("Bruno Parrilla, the foreign affairs minister of Cuba, responded to the new rules via Twitter: \"I strongly reject new #US blockade measure that bans #US airlines' flights to 9 Cuban airports. We shall overcome!\"", "2019-10-26"));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.as_deref(), Some("Bruno Parrilla"), "{got:?}");
    assert_eq!(got[0].2.as_deref(), Some("CUB"), "{got:?}");
    let got = summary(&quotes("The current president of Namibia, Hage Geingob, expressed his sadness at Iyambo's death. Geingob tweeted, \"I announce with sadness the passing of my comrade, former Vice President, Nickey Iyambo.\"", "2019-05-25"));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.as_deref(), Some("Hage Geingob"), "{got:?}");
    assert_eq!(got[0].2.as_deref(), Some("NAM"), "{got:?}");
}

#[test]
fn short_scare_quotes_are_left_out_and_nicknames_unattributed() {
    // Wikinews 2019: a nickname and a one-word quotation.
    let text = "Leonov, also known as \"cosmonaut No. 11\", was part of the Soviet Union's original team. Damodar Naik said D'Souza had been an \"iconic\" leader of the party.";
    let qs = quotes(text, "2019-10-11");
    assert_eq!(summary(&qs).len(), 1, "{qs:#?}");
    assert_eq!(qs[0].text, "cosmonaut No. 11");
    assert_eq!(qs[0].speaker, None);
}

#[test]
fn names_in_marks_are_not_speech() {
    assert!(is_title("Operation Peace Spring"));
    assert!(is_title("Storm Area 51, They Can't Stop All of Us"));
    assert!(!is_title("They need to stand by us"));
    assert!(!is_title("I-Man. We salute you."));
}

#[test]
fn inverted_speaker_after_a_quote_without_comma() {
    // Wikinews 2019 (E. coli study): the parser takes the inverted subject for an agent.
    let got = summary(&quotes("\"We wanted to find out how these superbugs are spread — and whether there is a cross-over from the food chain to humans\" said lead author Professor David Livermore of the University of East Anglia's medical school.", "2019-05-22"));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.as_deref(), Some("David Livermore"), "{got:?}");
}

#[test]
fn embedded_quotes_do_not_inherit_a_speaker() {
    // Wikinews 2019 (Area 51): an event's name after the sheriff's quotation.
    let text = "County sheriff Kerry Lee told the BBC even one percent of Facebook users attending \"would be more overwhelming than we can handle\". In nearby Hiko, a \"storm basecamp experience for fans\" was underway with music.";
    let qs = quotes(text, "2019-09-20");
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(qs[0].speaker_name.as_deref(), Some("Kerry Lee"));
    assert_eq!(qs[1].speaker, None);
}
