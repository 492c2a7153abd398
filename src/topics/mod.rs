//! Agenda topics of coded events: what each event is about (`topics`) and what the text
//! says was kept off its agenda (`excluded_topics`). No I/O.
//!
//! A topic label is one of three kinds, told apart by their spelling:
//! - a PLOVER context, lower case, from [`vocab::CONTEXTS`] (`diplomatic`, `economic`, ...);
//! - a Phoenix issue code, upper case, from the issue dictionary (`SANCTIONS`, `REFUGEES`);
//! - a named subject, as the text writes it (`Ukraine`), only where the text states a
//!   subject ("talks on X", "X is not on the agenda"), never for an event's participants.
//!
//! Where they come from:
//! 1. **The event's own words**: contexts and issue codes of the trigger's phrase (its
//!    dependents, not entering other clauses), plus the subjects of its "about / on / over /
//!    regarding / concerning" phrases (with names).
//! 2. **Agenda statements** ([`agenda`]) anywhere in the document. A statement belongs to
//!    the agenda-bearing events (CONSULT, AGREE) of its own sentence, the one named
//!    nearest before the statement's cue. A sentence with none speaks of the talks the
//!    document reports: the nearest such event earlier in the same paragraph, else the
//!    document's first one, together with every agenda-bearing event of the same date
//!    that shares a participant country with them. A sentence about earlier talks
//!    ("previous talks ... focusing on X") with no event of its own is left out, and a
//!    document without agenda-bearing events takes no statements.
//!
//! An excluded topic is never also a topic of the same event: the explicit exclusion wins.

pub mod agenda;
pub mod vocab;

use crate::code::tree::Tree;
use crate::code::CodedEvent;
use crate::dict::Dictionaries;
use crate::doc::{Doc, Upos};
use crate::event::PloverType;
use agenda::Polarity;
use vocab::Sentence;

/// Relations that start another clause: an event's phrase stops there.
const CLAUSE_RELS: &[&str] = &[
    "advcl",
    "advcl:relcl",
    "acl:relcl",
    "ccomp",
    "csubj",
    "parataxis",
    "list",
    "dep",
    "punct",
    "reparandum",
];

/// Event types whose records carry an agenda.
fn agenda_bearing(t: PloverType) -> bool {
    matches!(t, PloverType::Consult | PloverType::Agree)
}

/// Fill `topics` and `excluded_topics` of one document's events.
pub fn annotate(dicts: &Dictionaries, doc: &Doc, events: &mut [CodedEvent]) {
    if doc.sentences.is_empty() {
        return;
    }
    let mut cache: Vec<Option<Sentence>> = (0..doc.sentences.len()).map(|_| None).collect();
    // 1. The event's own words.
    let mut triggers: Vec<Option<usize>> = Vec::with_capacity(events.len());
    for e in events.iter_mut() {
        let r = &mut e.record;
        let Some(s) = sentence(&mut cache, dicts, doc, r.text_info.sentence) else {
            triggers.push(None);
            continue;
        };
        let head = trigger_head(s, &r.event_text);
        triggers.push(head);
        if let Some(h) = head {
            r.topics = own_topics(s, h, r.event);
        }
    }
    // 2. Agenda statements.
    let paragraphs = paragraphs(doc);
    for si in 0..doc.sentences.len() {
        let toks = doc.sentence_tokens(&doc.sentences[si]);
        if !Sentence::may_state_agenda(toks) {
            continue;
        }
        let Some(s) = sentence(&mut cache, dicts, doc, si) else {
            continue;
        };
        let statements = s.statements();
        if statements.is_empty() {
            continue;
        }
        let earlier = s.earlier_talks();
        for st in statements {
            let own: Vec<usize> = (0..events.len())
                .filter(|&k| {
                    events[k].record.text_info.sentence == si
                        && agenda_bearing(events[k].record.event)
                })
                .collect();
            let targets = if !own.is_empty() {
                let before = own
                    .iter()
                    .copied()
                    .rfind(|&k| triggers[k].is_some_and(|h| h <= st.cue));
                vec![before.unwrap_or(own[0])]
            } else if earlier {
                Vec::new()
            } else {
                reported_talks(events, si, &paragraphs)
            };
            for k in targets {
                let r = &mut events[k].record;
                let list = match st.polarity {
                    Polarity::On => &mut r.topics,
                    Polarity::Off => &mut r.excluded_topics,
                };
                for l in &st.labels {
                    if !list.contains(l) {
                        list.push(l.clone());
                    }
                }
            }
        }
    }
    for e in events.iter_mut() {
        let r = &mut e.record;
        let off = std::mem::take(&mut r.excluded_topics);
        r.topics.retain(|t| !off.contains(t));
        r.excluded_topics = off;
    }
}

/// Sentence `si` ready for lookups, built once per document.
fn sentence<'c, 'd>(
    cache: &'c mut [Option<Sentence<'d>>],
    dicts: &'d Dictionaries,
    doc: &'d Doc,
    si: usize,
) -> Option<&'c Sentence<'d>> {
    let sent = doc.sentences.get(si)?;
    let slot = cache.get_mut(si)?;
    if slot.is_none() {
        *slot = Some(Sentence::new(dicts, Tree::new(doc, sent)));
    }
    slot.as_ref()
}

/// The paragraph of each sentence: a line break between two sentences starts a new one.
fn paragraphs(doc: &Doc) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut p = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        if i > 0 && doc.slice(doc.sentences[i - 1].end, s.start).contains('\n') {
            p += 1;
        }
        out.push(p);
    }
    out
}

/// The talks a statement in sentence `si` without events of its own speaks of (see the
/// module's rule 2).
fn reported_talks(events: &[CodedEvent], si: usize, paragraphs: &[usize]) -> Vec<usize> {
    let bearing: Vec<usize> = (0..events.len())
        .filter(|&k| agenda_bearing(events[k].record.event))
        .collect();
    let para = |s: usize| paragraphs.get(s).copied();
    let near = bearing.iter().copied().rfind(|&k| {
        let s = events[k].record.text_info.sentence;
        s < si && para(s) == para(si)
    });
    let Some(anchor) = near.or(bearing.first().copied()) else {
        return Vec::new();
    };
    let codes = |k: usize| {
        let r = &events[k].record;
        r.actor
            .iter()
            .chain(&r.recipient)
            .map(|a| a.code.as_str())
            .collect::<Vec<_>>()
    };
    let mut group = vec![anchor];
    let mut grew = true;
    while grew {
        grew = false;
        for &k in &bearing {
            if group.contains(&k) || events[k].record.date != events[anchor].record.date {
                continue;
            }
            let mine = codes(k);
            let shares = group
                .iter()
                .any(|&g| codes(g).iter().any(|c| mine.contains(c)));
            if shares {
                group.push(k);
                grew = true;
            }
        }
    }
    group.sort_unstable();
    group
}

/// The token of the sentence the trigger text starts at, then the head of its words.
fn trigger_head(s: &Sentence, event_text: &str) -> Option<usize> {
    let doc = s.t.doc;
    let start = s.t.toks.iter().position(|t| {
        doc.text
            .get(t.start..)
            .is_some_and(|r| r.starts_with(event_text))
    })?;
    let end_byte = s.t.toks[start].start + event_text.len();
    let end = s.t.toks[start..]
        .iter()
        .position(|t| t.end >= end_byte)
        .map_or(start + 1, |k| start + k + 1);
    (start..end)
        .find(|&i| s.t.head(i).is_none_or(|h| !(start..end).contains(&h)))
        .or(Some(start))
}

/// Topics of an event from its trigger's phrase and its "about" phrases.
fn own_topics(s: &Sentence, head: usize, event: PloverType) -> Vec<String> {
    let t = &s.t;
    let mut phrase = vec![false; t.len()];
    let mut stack = vec![head];
    phrase[head] = true;
    while let Some(cur) = stack.pop() {
        for &c in &t.children[cur] {
            let clause =
                CLAUSE_RELS.contains(&t.rel(c)) || (t.rel(c) == "conj" && t.upos(c) == Upos::Verb);
            if !clause && !phrase[c] {
                phrase[c] = true;
                stack.push(c);
            }
        }
    }
    let mut topics = s.labels(&phrase, false);
    // "talks on trade", "accused X over the border": the subject named (with names). A
    // noun's phrase may hang on its verb ("held talks on trade").
    let mut holders = vec![head];
    if matches!(t.upos(head), Upos::Noun | Upos::Propn) {
        holders.extend(t.head(head).filter(|&h| t.upos(h) == Upos::Verb));
    }
    let verbal = matches!(event.quad_class(), 1 | 3);
    for h in holders {
        for c in t.kids(h, &["nmod", "obl"]) {
            let prep = t.case_of(c).unwrap_or_default();
            let about = match prep.as_str() {
                "about" | "regarding" | "concerning" => true,
                "over" => verbal,
                "on" => matches!(event, PloverType::Consult | PloverType::Agree),
                _ => false,
            };
            if !about || s.low[c].chars().any(|ch| ch.is_ascii_digit()) {
                continue;
            }
            let mut sub = vec![false; t.len()];
            for i in t.noun_phrase(c) {
                sub[i] = true;
            }
            for k in t.with_conjuncts(c) {
                for i in t.noun_phrase(k) {
                    sub[i] = true;
                }
            }
            if t.noun_phrase(c).iter().any(|&i| {
                matches!(
                    &*s.low[i],
                    "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                )
            }) {
                continue;
            }
            for l in s.labels(&sub, true) {
                if !topics.contains(&l) {
                    topics.push(l);
                }
            }
        }
    }
    topics
}

#[cfg(test)]
mod tests;
