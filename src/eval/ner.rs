//! Named-entity scoring against IOB2 gold (UNER layout): exact-span precision, recall and F1,
//! micro-averaged and per label, in the PER/ORG/LOC scheme (GPE scored as LOC; NORP and MISC,
//! which UNER does not annotate, left out), as conlleval counts spans.

use crate::doc::{Entity, EntityLabel};
use crate::ner::corpus::{self, Layout, Scheme, TaggedSentence};
use crate::ner::tags;
use crate::ner::Recognizer;
use crate::read::iob2::Iob2Sentence;
use crate::tag::Tagger;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Span counts for one label or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.correct += o.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores by label name, and overall.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub by_label: BTreeMap<&'static str, Counts>,
    pub sentences: usize,
    pub tokens: usize,
}

impl Score {
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        self.by_label.values().for_each(|v| c.add(*v));
        c
    }

    pub fn report(&self, name: &str) -> String {
        let o = self.overall();
        let mut s = format!(
            "{name}: {} sentences, {} tokens; exact-span micro P {:.4} R {:.4} F1 {:.4} (gold {}, predicted {}, correct {})\n",
            self.sentences,
            self.tokens,
            o.precision(),
            o.recall(),
            o.f1(),
            o.gold,
            o.predicted,
            o.correct
        );
        for (label, c) in &self.by_label {
            s.push_str(&format!(
                "  {label:<4} P {:.4} R {:.4} F1 {:.4} (gold {}, predicted {}, correct {})\n",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted,
                c.correct
            ));
        }
        s
    }
}

/// The label UNER would score an entity as, if any.
pub fn scored_label(l: EntityLabel) -> Option<&'static str> {
    match l {
        EntityLabel::Per => Some("PER"),
        EntityLabel::Org => Some("ORG"),
        EntityLabel::Loc | EntityLabel::Gpe => Some("LOC"),
        EntityLabel::Norp | EntityLabel::Misc => None,
    }
}

impl Score {
    fn new() -> Score {
        let mut score = Score::default();
        for l in ["PER", "ORG", "LOC"] {
            score.by_label.insert(l, Counts::default());
        }
        score
    }

    /// Count one sentence: gold tags against predicted entities (token indices from 0).
    fn add_sentence(&mut self, gold_tags: &[tags::Tag], predicted: &[Entity]) {
        let mut gold_spans = Vec::new();
        tags::spans(gold_tags, 0, &mut gold_spans);
        let key = |e: &Entity| scored_label(e.label).map(|l| (e.first_token, e.end_token, l));
        let gold: HashSet<_> = gold_spans.iter().filter_map(key).collect();
        let pred: HashSet<_> = predicted.iter().filter_map(key).collect();
        for &(_, _, l) in &gold {
            self.by_label.entry(l).or_default().gold += 1;
        }
        for g in &pred {
            let c = self.by_label.entry(g.2).or_default();
            c.predicted += 1;
            if gold.contains(g) {
                c.correct += 1;
            }
        }
        self.sentences += 1;
        self.tokens += gold_tags.len();
    }
}

/// Score a recogniser on tagged sentences, through its public `recognize` on a document.
pub fn score(sentences: &[TaggedSentence], rec: &Recognizer) -> Score {
    score_with(sentences, rec, None)
}

/// [`score`], running `tagger` (if any) on each document first, as the pipeline does.
pub fn score_with(
    sentences: &[TaggedSentence],
    rec: &Recognizer,
    tagger: Option<&Tagger>,
) -> Score {
    let mut score = Score::new();
    for s in sentences {
        let sent = Iob2Sentence {
            comments: Vec::new(),
            tokens: s.tokens.clone(),
            tags: Vec::new(),
        };
        let mut doc = sent.to_doc("eval");
        if let Some(t) = tagger {
            t.tag(&mut doc);
        }
        rec.recognize(&mut doc);
        score.add_sentence(&s.tags, &doc.entities);
    }
    score
}

/// Score predicted tag sequences against gold ones (sentence by sentence, same lengths).
pub fn score_tags(gold: &[TaggedSentence], predicted: &[Vec<tags::Tag>]) -> Score {
    let mut score = Score::new();
    let mut spans = Vec::new();
    for (g, p) in gold.iter().zip(predicted) {
        spans.clear();
        tags::spans(p, 0, &mut spans);
        score.add_sentence(&g.tags, &spans);
    }
    score
}

/// Read a UNER-layout IOB2 file and score the recogniser on it.
pub fn evaluate(gold: &Path, rec: &Recognizer) -> Result<String, String> {
    evaluate_with(gold, rec, None)
}

/// [`evaluate`], with `tagger` (if any) run before the recogniser.
pub fn evaluate_with(
    gold: &Path,
    rec: &Recognizer,
    tagger: Option<&Tagger>,
) -> Result<String, String> {
    let sentences = corpus::read_file(gold, Layout::Iob2, Scheme::Native)?;
    let name = match tagger {
        Some(_) => format!("{} (tagged)", gold.display()),
        None => gold.display().to_string(),
    };
    Ok(score_with(&sentences, rec, tagger).report(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_give_conlleval_figures() {
        let c = Counts {
            gold: 4,
            predicted: 2,
            correct: 2,
        };
        assert_eq!(c.precision(), 1.0);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn gpe_counts_as_loc_and_norp_is_unscored() {
        assert_eq!(scored_label(EntityLabel::Gpe), Some("LOC"));
        assert_eq!(scored_label(EntityLabel::Norp), None);
    }
}
