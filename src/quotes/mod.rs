//! Direct quotations and who said them. No I/O.
//!
//! [`marks`] finds the quoted spans; [`speaker`] finds, in the quotation's sentence, the
//! speech verb it depends on ("...,” Bruce stated", "Bruce clarified that ... “...”",
//! "according to X") and that verb's subject; the subject is then resolved within the
//! document: a pronoun ("she") to the person last named before it, a surname ("Bruce") to
//! the full name the document gave first ("Tammy Bruce"), and that person to an actor by
//! the coder's actor matching over the phrase that introduced them ("State Department
//! spokesperson Tammy Bruce": USA, GOV). A quotation with no speech verb of its own
//! continues the previous one's speaker when it follows it in the same or the next
//! paragraph ("“A,” he said. “B.”").
//!
//! Quotations of fewer than three words are left out: they are mostly scare quotes
//! ("so-called “terrorists”"), not speech; so are names in marks, every word capitalised
//! ("Operation Peace Spring").

pub mod marks;
pub mod speaker;

use crate::code::actors::country_codes;
use crate::dict::Dictionaries;
use crate::doc::Doc;
use crate::event::ActorRef;
use serde::Serialize;
use std::collections::HashSet;

/// Shortest quotation kept, in words.
pub const MIN_WORDS: usize = 3;

/// One quotation, one line of `dragoman quotes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub doc_id: String,
    /// The quoted words, without the marks (and without a comma the marks close on).
    pub text: String,
    /// Unicode-scalar offsets of `text` in the document text (as `text_info` counts).
    pub start: usize,
    pub end: usize,
    /// The sentence the quotation starts in.
    pub sentence: usize,
    /// The words that name the speaker where the quotation is attributed ("Bruce", "she").
    pub speaker: Option<String>,
    /// The speaker's full name as the document first gives it ("Tammy Bruce").
    pub speaker_name: Option<String>,
    /// The speaker as an actor (country, sector, CAMEO code), when the dictionaries tell.
    pub actor: Option<ActorRef>,
}

/// Finds quotations with the event dictionaries' actors; immutable, shareable.
pub struct Quoter<'d> {
    dicts: &'d Dictionaries,
    countries: HashSet<String>,
}

impl<'d> Quoter<'d> {
    pub fn new(dicts: &'d Dictionaries) -> Quoter<'d> {
        Quoter {
            dicts,
            countries: country_codes(dicts),
        }
    }

    /// The quotations of an annotated document, in text order.
    pub fn quotes(&self, doc: &Doc) -> Vec<Quote> {
        let mut resolver = speaker::Resolver::new(self.dicts, &self.countries, doc);
        let mut out: Vec<Quote> = Vec::new();
        // The last attributed quotation: its paragraph, sentence and speaker.
        let mut last: Option<(usize, usize, speaker::Attribution)> = None;
        // Paragraph number and scalar offsets, advanced through the text once.
        let mut para = 0;
        let mut at = 0;
        let mut chars = Scalars::default();
        for m in marks::quotations(&doc.text) {
            para += paragraph_breaks(&doc.text, at, m.open);
            at = m.open;
            let text = doc.slice(m.start, m.end);
            if text.split_whitespace().count() < MIN_WORDS {
                continue;
            }
            let Some(sentence) = sentence_at(doc, m.start) else {
                continue;
            };
            if is_title(text) {
                continue;
            }
            // "“A,” he said. “B.”": B, a sentence of its own with no speech verb, or the
            // rest of a quotation split in one sentence ("“A,” wrote X, “B”"), continues
            // A's speaker.
            let opens_sentence = doc
                .sentences
                .get(sentence)
                .is_some_and(|s| s.start >= m.open);
            let found = match resolver.attribute(&m) {
                speaker::Found::Speaker(a) => Some(a),
                other => last
                    .as_ref()
                    .filter(|(p, s, _)| {
                        *s == sentence
                            || (opens_sentence && other == speaker::Found::Nothing && para <= p + 1)
                    })
                    .map(|(_, _, a)| a.clone()),
            };
            if let Some(a) = &found {
                last = Some((para, sentence, a.clone()));
            }
            let (speaker, speaker_name, actor) = match found {
                Some(a) => (Some(a.words), a.name, a.actor),
                None => (None, None, None),
            };
            out.push(Quote {
                doc_id: doc.meta.id.clone(),
                text: text.to_string(),
                start: chars.at(&doc.text, m.start),
                end: chars.at(&doc.text, m.end),
                sentence,
                speaker,
                speaker_name,
                actor,
            });
        }
        out
    }
}

/// A name in marks rather than speech: every word capitalised but short function words
/// ("Operation Peace Spring", "Storm Area 51, They Can't Stop All of Us").
fn is_title(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "or",
    ];
    !text.ends_with(['.', '?', '!'])
        && text
            .split_whitespace()
            .all(|w| !w.starts_with(char::is_lowercase) || SMALL.contains(&w))
}

/// The sentence holding byte `b`, or the first after it.
pub fn sentence_at(doc: &Doc, b: usize) -> Option<usize> {
    let i = doc.sentences.partition_point(|s| s.end <= b);
    (i < doc.sentences.len()).then_some(i)
}

/// Paragraph breaks (runs of line breaks) in `text[from..to]`, counting a run that
/// started before `from` once only.
fn paragraph_breaks(text: &str, from: usize, to: usize) -> usize {
    let Some(part) = text.get(from..to) else {
        return 0;
    };
    let mut prev_newline = text.get(..from).is_some_and(|t| t.ends_with('\n'));
    let mut n = 0;
    for c in part.chars() {
        let newline = c == '\n';
        if newline && !prev_newline {
            n += 1;
        }
        prev_newline = newline;
    }
    n
}

/// Byte to Unicode-scalar offsets for increasing bytes, in one pass over the text.
#[derive(Default)]
struct Scalars {
    byte: usize,
    chars: usize,
}

impl Scalars {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = Scalars::default();
        }
        self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests;
