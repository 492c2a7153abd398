//! Named-entity recogniser (PER, ORG, LOC, GPE, NORP, MISC).
//!
//! A structured averaged perceptron over BIO tags: per-token features (see [`features`]) give
//! emission scores, learned previous-tag transition weights link them, and a constrained
//! Viterbi ([`decode`]) picks the best valid tag sequence. A gazetteer compiled from the shared
//! name lists ([`sources`]) travels inside the model file, so nothing else is read at run time.
//!
//! File layout: magic `DRGNER01`, the tag names (as `write_strings`), the gazetteer, then the
//! perceptron.

pub mod corpus;
pub mod decode;
pub mod features;
pub mod gazetteer;
mod propn_silver;
pub mod sources;
pub mod tags;
mod training;
mod weights;

use crate::doc::{Doc, Upos};
use crate::model::perceptron::{read_strings, write_strings};
use crate::model::Perceptron;
use decode::{Transitions, Viterbi};
use features::SentenceFeatures;
use gazetteer::Gazetteer;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use tags::{Tag, N_TAGS};

pub use training::{train, train_on};

const MAGIC: &[u8; 8] = b"DRGNER01";

pub struct Recognizer {
    model: Perceptron,
    /// The same weights, laid out for fast scoring.
    dense: weights::DenseWeights,
    gazetteer: Gazetteer,
    transitions: Transitions,
}

/// Buffers reused across the sentences of one call.
#[derive(Default)]
struct Work {
    features: SentenceFeatures,
    emit: Vec<f32>,
    viterbi: Viterbi,
    tags: Vec<Tag>,
    upos: Vec<Upos>,
}

impl Recognizer {
    fn new(model: Perceptron, gazetteer: Gazetteer) -> Recognizer {
        let mut transitions = [[0.0; N_TAGS]; N_TAGS + 1];
        for (p, row) in transitions.iter_mut().enumerate() {
            let prev = (p < N_TAGS).then_some(p as Tag);
            model.score(&[features::transition(prev)], row);
        }
        Recognizer {
            dense: weights::DenseWeights::from_perceptron(&model),
            model,
            gazetteer,
            transitions,
        }
    }

    pub fn load(path: &Path) -> io::Result<Recognizer> {
        let f = std::fs::File::open(path)?;
        Recognizer::read_from(&mut BufReader::new(f))
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        crate::model::save_with(path, |w| self.write_to(w))
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(MAGIC)?;
        write_strings(w, &tags::tag_names())?;
        self.gazetteer.write_to(w)?;
        self.model.write_to(w)
    }

    /// Read a model; a truncated or foreign file is an `InvalidData` error saying so.
    pub fn read_from(r: &mut impl Read) -> io::Result<Recognizer> {
        Recognizer::read_inner(r).map_err(|e| {
            if e.kind() == io::ErrorKind::UnexpectedEof {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "truncated NER model, or not a dragoman NER model at all",
                )
            } else {
                e
            }
        })
    }

    fn read_inner(r: &mut impl Read) -> io::Result<Recognizer> {
        let invalid = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a dragoman NER model (bad magic)"));
        }
        if read_strings(r)? != tags::tag_names() {
            return Err(invalid(
                "NER model was trained with a different tag set than this build knows",
            ));
        }
        let gazetteer = Gazetteer::read_from(r)?;
        let model = Perceptron::read_from(r)?;
        if model.n_classes() != N_TAGS {
            return Err(invalid("NER model has the wrong number of classes"));
        }
        Ok(Recognizer::new(model, gazetteer))
    }

    /// Fill `Doc::entities` (sorted, non-overlapping). Sentences are decoded independently; a
    /// document with tokens but no sentences is treated as one sentence. Where the tagger has
    /// run (a sentence has a token whose `upos` is not `X`), its tags are features too.
    pub fn recognize(&self, doc: &mut Doc) {
        thread_local! {
            // Buffers survive across calls, so recognising allocates nothing once warm.
            static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
        }
        WORK.with(|w| match w.try_borrow_mut() {
            Ok(mut work) => self.recognize_with(doc, &mut work),
            Err(_) => self.recognize_with(doc, &mut Work::default()),
        });
    }

    fn recognize_with(&self, doc: &mut Doc, work: &mut Work) {
        doc.entities.clear();
        let whole = [crate::doc::Sentence {
            start: 0,
            end: doc.text.len(),
            first_token: 0,
            end_token: doc.tokens.len(),
        }];
        let sentences = if doc.sentences.is_empty() {
            &whole[..]
        } else {
            &doc.sentences[..]
        };
        for s in sentences {
            let Some(toks) = doc.tokens.get(s.first_token..s.end_token) else {
                continue;
            };
            let mut upos = std::mem::take(&mut work.upos);
            upos.clear();
            if toks.iter().any(|t| t.upos != Upos::X) {
                upos.extend(toks.iter().map(|t| t.upos));
            }
            self.tag_adjusted(
                toks.len(),
                |i| toks[i].form.as_str(),
                &upos,
                work,
                |_, _| {},
            );
            work.upos = upos;
            tags::spans(&work.tags, s.first_token, &mut doc.entities);
        }
        doc.entities.sort_by_key(|e| (e.first_token, e.end_token));
    }

    /// Decode one sentence into `work.tags` (`upos`: one tag per token, or empty), letting
    /// `adjust(i, scores)` change token i's emission scores first (constrained decoding for
    /// silver labelling).
    fn tag_adjusted<'a>(
        &self,
        n: usize,
        form: impl Fn(usize) -> &'a str,
        upos: &[Upos],
        work: &mut Work,
        adjust: impl Fn(usize, &mut [f32]),
    ) {
        work.features.fill_tagged(n, form, upos, &self.gazetteer);
        work.emit.clear();
        work.emit.resize(n * N_TAGS, 0.0);
        for (i, row) in work.emit.chunks_exact_mut(N_TAGS).enumerate() {
            self.dense.score(work.features.token(i), row);
            adjust(i, row);
        }
        work.viterbi
            .decode(&work.emit, &self.transitions, &mut work.tags);
    }

    /// Tags for a bare token sequence (training reports, tests).
    pub fn tag_tokens(&self, tokens: &[String]) -> Vec<Tag> {
        let mut work = Work::default();
        self.tag_adjusted(
            tokens.len(),
            |i| tokens[i].as_str(),
            &[],
            &mut work,
            |_, _| {},
        );
        work.tags
    }

    /// Tags for a token sequence with its part-of-speech tags (one per token, or empty).
    pub fn tag_tokens_with_upos(&self, tokens: &[String], upos: &[Upos]) -> Vec<Tag> {
        let mut work = Work::default();
        self.tag_adjusted(
            tokens.len(),
            |i| tokens[i].as_str(),
            upos,
            &mut work,
            |_, _| {},
        );
        work.tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocMeta, EntityLabel};
    use crate::model::Trainer;

    /// A hand-built model: capitalised "Paris" is a GPE, "Kofi Annan" a person.
    fn tiny() -> Recognizer {
        let mut t = Trainer::new(N_TAGS);
        let mut sf = SentenceFeatures::default();
        let mut gaz = Gazetteer::default();
        gaz.add("Kofi Annan", gazetteer::PERSON);
        let per = [
            tags::begin(EntityLabel::Per),
            tags::inside(EntityLabel::Per),
        ];
        let gpe = tags::begin(EntityLabel::Gpe);
        let data: [(&[&str], &[Tag]); 2] = [
            (
                &["Kofi", "Annan", "left", "Paris", "."],
                &[per[0], per[1], tags::O, gpe, tags::O],
            ),
            (&["It", "rained", "."], &[tags::O, tags::O, tags::O]),
        ];
        for _ in 0..10 {
            for (toks, gold) in data {
                sf.fill(toks.len(), |i| toks[i], &gaz);
                for (i, &g) in gold.iter().enumerate() {
                    let mut scores = [0.0; N_TAGS];
                    let guess = t.predict(sf.token(i), &mut scores);
                    t.update(g as usize, guess, sf.token(i));
                    t.tick();
                }
            }
        }
        Recognizer::new(t.finish(0.0), gaz)
    }

    #[test]
    fn fills_sorted_disjoint_entities_per_sentence() {
        let rec = tiny();
        let sents: Vec<Vec<(String, bool)>> = vec![
            ["Kofi", "Annan", "left", "Paris", "."]
                .iter()
                .map(|s| (s.to_string(), true))
                .collect(),
            ["Kofi", "Annan", "left", "Paris", "."]
                .iter()
                .map(|s| (s.to_string(), true))
                .collect(),
        ];
        let mut doc = Doc::from_tokens(DocMeta::default(), &sents);
        rec.recognize(&mut doc);
        let got: Vec<_> = doc
            .entities
            .iter()
            .map(|e| (e.first_token, e.end_token, e.label))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 2, EntityLabel::Per),
                (3, 4, EntityLabel::Gpe),
                (5, 7, EntityLabel::Per),
                (8, 9, EntityLabel::Gpe)
            ]
        );
        // Running twice replaces rather than appends.
        rec.recognize(&mut doc);
        assert_eq!(doc.entities.len(), 4);
    }

    /// Reads the tagger's tags when a document has them: the same word is a name as a proper
    /// noun and nothing as a common noun.
    #[test]
    fn uses_part_of_speech_tags_when_the_tokens_carry_them() {
        let mut t = Trainer::new(N_TAGS);
        let mut sf = SentenceFeatures::default();
        let gaz = Gazetteer::default();
        let toks = ["we", "saw", "smith", "."];
        let per = tags::begin(EntityLabel::Per);
        let cases = [
            (Upos::Propn, [tags::O, tags::O, per, tags::O]),
            (Upos::Noun, [tags::O; 4]),
        ];
        for _ in 0..10 {
            for (u, gold) in cases {
                let upos = [Upos::Pron, Upos::Verb, u, Upos::Punct];
                sf.fill_tagged(toks.len(), |i| toks[i], &upos, &gaz);
                for (i, &g) in gold.iter().enumerate() {
                    let mut scores = [0.0; N_TAGS];
                    let guess = t.predict(sf.token(i), &mut scores);
                    t.update(g as usize, guess, sf.token(i));
                    t.tick();
                }
            }
        }
        let rec = Recognizer::new(t.finish(0.0), gaz);
        let sents = vec![toks.iter().map(|s| (s.to_string(), true)).collect()];
        let mut doc = Doc::from_tokens(DocMeta::default(), &sents);
        let found = |doc: &mut Doc, u: Upos| {
            for (tok, tag) in doc
                .tokens
                .iter_mut()
                .zip([Upos::Pron, Upos::Verb, u, Upos::Punct])
            {
                tok.upos = tag;
            }
            rec.recognize(doc);
            doc.entities
                .iter()
                .map(|e| (e.first_token, e.label))
                .collect::<Vec<_>>()
        };
        assert_eq!(found(&mut doc, Upos::Propn), vec![(2, EntityLabel::Per)]);
        assert!(found(&mut doc, Upos::Noun).is_empty());
        // Untagged tokens (all X) give no tag features, and the same answers as bare tokens.
        doc.tokens.iter_mut().for_each(|t| t.upos = Upos::X);
        rec.recognize(&mut doc);
        let bare = rec.tag_tokens(&toks.map(String::from));
        let mut spans = Vec::new();
        tags::spans(&bare, 0, &mut spans);
        assert_eq!(doc.entities, spans);
    }

    #[test]
    fn empty_documents_are_fine() {
        let rec = tiny();
        let mut doc = Doc::default();
        rec.recognize(&mut doc);
        assert!(doc.entities.is_empty());
    }
}
