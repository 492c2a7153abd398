//! Hand-parsed sentences, one or two per mechanism: the parses are written out here (UD
//! heads and relations as a careful annotator would give them), so these tests check the
//! coder, not the statistical models.

use super::*;
use crate::doc::{deprel_index, DocMeta, Token};
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::new(Dictionaries::builtin().expect("built-in dictionaries")))
}

/// One sentence a document: rows of (form, UPOS, head 1-based or 0 for root, relation).
fn doc(sentences: &[&[(&str, &str, u32, &str)]]) -> Doc {
    let forms: Vec<Vec<(String, bool)>> = sentences
        .iter()
        .map(|s| s.iter().map(|r| (r.0.to_string(), true)).collect())
        .collect();
    let meta = DocMeta {
        id: "d".into(),
        date: Some("2025-04-10".into()),
        ..DocMeta::default()
    };
    let mut d = Doc::from_tokens(meta, &forms);
    let rows: Vec<&(&str, &str, u32, &str)> = sentences.iter().flat_map(|s| s.iter()).collect();
    for (tok, row) in d.tokens.iter_mut().zip(rows) {
        let Token { .. } = tok;
        tok.upos = Upos::parse(row.1).expect("upos");
        tok.head = row.2.checked_sub(1);
        tok.deprel = deprel_index(row.3);
    }
    d
}

fn codes(l: &[ActorRef]) -> Vec<&str> {
    l.iter().map(|a| a.code.as_str()).collect()
}

/// (type, actor codes, recipient codes, negated, future).
type Summary<'a> = (PloverType, Vec<&'a str>, Vec<&'a str>, bool, bool);

fn summary(d: &Doc) -> Vec<Summary<'static>> {
    // Leaks are fine in tests: the records must outlive this helper for the borrows.
    let events: &'static [CodedEvent] = Box::leak(coder().code(d).into_boxed_slice());
    events
        .iter()
        .map(|e| {
            let r = &e.record;
            (
                r.event,
                codes(&r.actor),
                codes(&r.recipient),
                r.negated,
                r.future,
            )
        })
        .collect()
}

const ATTACKED: &[(&str, &str, u32, &str)] = &[
    ("Russia", "PROPN", 2, "nsubj"),
    ("attacked", "VERB", 0, "root"),
    ("Ukraine", "PROPN", 2, "obj"),
    (".", "PUNCT", 2, "punct"),
];

#[test]
fn subject_acts_on_object() {
    assert_eq!(
        summary(&doc(&[ATTACKED])),
        [(PloverType::Assault, vec!["RUS"], vec!["UKR"], false, false)]
    );
}

#[test]
fn passive_agent_acts_on_subject() {
    let d = doc(&[&[
        ("Ukraine", "PROPN", 3, "nsubj:pass"),
        ("was", "AUX", 3, "aux:pass"),
        ("attacked", "VERB", 0, "root"),
        ("by", "ADP", 5, "case"),
        ("Russia", "PROPN", 3, "obl:agent"),
        (".", "PUNCT", 3, "punct"),
    ]]);
    assert_eq!(
        summary(&d),
        [(PloverType::Assault, vec!["RUS"], vec!["UKR"], false, false)]
    );
}

#[test]
fn negation_and_future_are_marked() {
    let d = doc(&[&[
        ("Russia", "PROPN", 4, "nsubj"),
        ("did", "AUX", 4, "aux"),
        ("not", "PART", 4, "advmod"),
        ("attack", "VERB", 0, "root"),
        ("Ukraine", "PROPN", 4, "obj"),
        (".", "PUNCT", 4, "punct"),
    ]]);
    assert_eq!(
        summary(&d),
        [(PloverType::Assault, vec!["RUS"], vec!["UKR"], true, false)]
    );
    let d = doc(&[&[
        ("Russia", "PROPN", 2, "nsubj"),
        ("plans", "VERB", 0, "root"),
        ("to", "PART", 4, "mark"),
        ("attack", "VERB", 2, "xcomp"),
        ("Ukraine", "PROPN", 4, "obj"),
        (".", "PUNCT", 2, "punct"),
    ]]);
    assert_eq!(
        summary(&d),
        [(PloverType::Assault, vec!["RUS"], vec!["UKR"], false, true)]
    );
}

#[test]
fn questions_and_conditionals_are_not_coded() {
    let d = doc(&[&[
        ("Did", "AUX", 3, "aux"),
        ("Russia", "PROPN", 3, "nsubj"),
        ("attack", "VERB", 0, "root"),
        ("Ukraine", "PROPN", 3, "obj"),
        ("?", "PUNCT", 3, "punct"),
    ]]);
    assert!(summary(&d).is_empty());
    let d = doc(&[&[
        ("If", "SCONJ", 3, "mark"),
        ("Russia", "PROPN", 3, "nsubj"),
        ("attacks", "VERB", 6, "advcl"),
        ("Ukraine", "PROPN", 3, "obj"),
        ("it", "PRON", 6, "nsubj"),
        ("loses", "VERB", 0, "root"),
        (".", "PUNCT", 6, "punct"),
    ]]);
    assert!(summary(&d).iter().all(|e| e.0 != PloverType::Assault));
}

#[test]
fn event_nouns_take_their_parties_from_between() {
    let d = doc(&[&[
        ("Talks", "NOUN", 6, "nsubj"),
        ("between", "ADP", 3, "case"),
        ("Russia", "PROPN", 1, "nmod"),
        ("and", "CCONJ", 5, "cc"),
        ("Ukraine", "PROPN", 3, "conj"),
        ("ended", "VERB", 0, "root"),
        (".", "PUNCT", 6, "punct"),
    ]]);
    assert_eq!(
        summary(&d),
        [(PloverType::Consult, vec!["RUS"], vec!["UKR"], false, false)]
    );
}

#[test]
fn agents_take_the_country_of_their_noun_phrase() {
    // "The Russian Foreign Ministry expelled American diplomats."
    let d = doc(&[&[
        ("The", "DET", 4, "det"),
        ("Russian", "ADJ", 4, "amod"),
        ("Foreign", "ADJ", 4, "amod"),
        ("Ministry", "PROPN", 5, "nsubj"),
        ("expelled", "VERB", 0, "root"),
        ("American", "ADJ", 7, "amod"),
        ("diplomats", "NOUN", 5, "obj"),
        (".", "PUNCT", 5, "punct"),
    ]]);
    let events = coder().code(&d);
    assert_eq!(events.len(), 1, "{events:?}");
    let r = &events[0].record;
    assert_eq!(r.actor[0].code, "RUS");
    assert_eq!(r.actor[0].sector.as_deref(), Some("GOV"));
    assert_eq!(r.recipient[0].code, "USA");
    assert_eq!(r.event_text, "expelled");
}

#[test]
fn discarded_sentences_yield_nothing() {
    let d = doc(&[&[
        ("Russia", "PROPN", 2, "nsubj"),
        ("attacked", "VERB", 0, "root"),
        ("Ukraine", "PROPN", 2, "obj"),
        ("in", "ADP", 5, "case"),
        ("football", "NOUN", 2, "obl"),
        (".", "PUNCT", 2, "punct"),
    ]]);
    assert!(summary(&d).is_empty());
}

#[test]
fn a_repeated_event_is_one_record_with_mentions() {
    let d = doc(&[ATTACKED, ATTACKED]);
    let events = coder().code(&d);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].mentions, [1]);
    assert_eq!(events[0].record.id, "d-0");
    let r = &events[0].record;
    assert_eq!((r.text_info.start, r.text_info.end), (0, 25));
    assert_eq!(r.text_info.text, "Russia attacked Ukraine .");
    assert_eq!((r.quad_code, r.cameo.len() >= 3), (4, true));
    assert_eq!(r.goldstein, cameo::goldstein(&r.cameo).unwrap());
}

#[test]
fn plural_nationals_name_their_country() {
    // Israel is named first, so without the plural rule "Colombians" would take ISR.
    let d = doc(&[
        ATTACKED_BY_ISRAEL,
        &[
            ("Colombians", "PROPN", 2, "nsubj"),
            ("attacked", "VERB", 0, "root"),
            ("Venezuela", "PROPN", 2, "obj"),
            (".", "PUNCT", 2, "punct"),
        ],
    ]);
    let got = summary(&d);
    assert_eq!(
        got[1],
        (PloverType::Assault, vec!["COL"], vec!["VEN"], false, false)
    );
}

const ATTACKED_BY_ISRAEL: &[(&str, &str, u32, &str)] = &[
    ("Israel", "PROPN", 2, "nsubj"),
    ("attacked", "VERB", 0, "root"),
    ("Gaza", "PROPN", 2, "obj"),
    (".", "PUNCT", 2, "punct"),
];

#[test]
fn expelling_diplomats_is_a_sanction_and_each_party_its_own_event() {
    // "Canada and Norway expelled Russian diplomats, imposed sanctions on Moscow." with the
    // parser's slip of hanging "imposed" on "sanctions" as a modifier.
    let d = doc(&[&[
        ("Canada", "PROPN", 4, "nsubj"),
        ("and", "CCONJ", 3, "cc"),
        ("Norway", "PROPN", 1, "conj"),
        ("expelled", "VERB", 0, "root"),
        ("Russian", "ADJ", 6, "amod"),
        ("diplomats", "NOUN", 4, "obj"),
        (",", "PUNCT", 8, "punct"),
        ("imposed", "VERB", 9, "amod"),
        ("sanctions", "NOUN", 6, "nmod"),
        (".", "PUNCT", 4, "punct"),
    ]]);
    let events = coder().code(&d);
    let expel: Vec<_> = events
        .iter()
        .map(|e| &e.record)
        .filter(|r| r.event_text == "expelled")
        .collect();
    assert_eq!(expel.len(), 2, "{events:#?}");
    for (r, actor) in expel.iter().zip(["CAN", "NOR"]) {
        assert_eq!(r.event, PloverType::Sanction);
        assert_eq!(r.mode.as_deref(), Some("expel"));
        assert_eq!(
            (codes(&r.actor), codes(&r.recipient)),
            (vec![actor], vec!["RUS"])
        );
    }
    // "sanctions" is no pattern word of "expelled": it is the object of "imposed".
    let imposed = events
        .iter()
        .filter(|e| e.record.event_text == "imposed")
        .count();
    assert_eq!(imposed, 2, "{events:#?}");
}

#[test]
fn a_joint_subject_of_an_agreement_is_both_parties() {
    // "Uganda and Rwanda signed an agreement."
    let d = doc(&[&[
        ("Uganda", "PROPN", 4, "nsubj"),
        ("and", "CCONJ", 3, "cc"),
        ("Rwanda", "PROPN", 1, "conj"),
        ("signed", "VERB", 0, "root"),
        ("an", "DET", 6, "det"),
        ("agreement", "NOUN", 4, "obj"),
        (".", "PUNCT", 4, "punct"),
    ]]);
    let got = summary(&d);
    assert!(
        got.contains(&(PloverType::Agree, vec!["UGA"], vec!["RWA"], false, false)),
        "{got:?}"
    );
}
