//! Training: greedy averaged perceptron over shuffled sentences, predicted tags as history.

use super::features::{all_features, sentence_keys, KeyScratch, Lexicon, CENTER};
use super::{LexEntry, Tagger};
use crate::doc::Upos;
use crate::model::hash::{hash_str, PrehashedMap};
use crate::model::Trainer;
use crate::read::conllu::ConlluReader;
use std::collections::HashMap;
use std::path::Path;

/// A sentence as forms and their gold UPOS.
pub type TaggedSentence = (Vec<String>, Vec<Upos>);

/// One training sentence: forms and gold class indices.
pub struct Sample {
    pub forms: Vec<String>,
    pub classes: Vec<u16>,
}

/// A form goes into the tag dictionary when seen this often…
const DICT_MIN_COUNT: usize = 20;
/// …with this share or more of its occurrences under one class.
const DICT_MIN_SHARE: f64 = 0.97;
/// Forms seen this often go into the lexicon (ambiguity classes, cached sums)…
const VOCAB_MIN_COUNT: usize = 2;
/// …where a class counts towards the ambiguity class with this share of the form's uses.
const AMB_MIN_SHARE: f64 = 0.05;
/// Folds for the training lexicons ([`fold_lexicons`]).
const LEXICON_FOLDS: usize = 10;

/// Deterministic shuffling without a dependency: splitmix64.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is negligible for sentence counts.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Read a CoNLL-U file as (forms, UPOS) sentences. A malformed sentence fails the whole read:
/// training data should be clean, and silently dropping it would skew the figures.
pub fn read_upos(path: &Path, limit: Option<usize>) -> Result<Vec<TaggedSentence>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let origin = path.display().to_string();
    let mut out = Vec::new();
    for sent in ConlluReader::new(std::io::BufReader::new(file), &origin) {
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
        let sent = sent.map_err(|e| e.to_string())?;
        let forms = sent.words.iter().map(|w| w.form.clone()).collect();
        let tags = sent
            .words
            .iter()
            .map(|w| {
                Upos::parse(&w.upos).ok_or_else(|| format!("{origin}: unknown UPOS {:?}", w.upos))
            })
            .collect::<Result<_, _>>()?;
        out.push((forms, tags));
    }
    Ok(out)
}

/// Samples over the 17 UPOS classes, in [`Upos::ALL`] order.
pub fn upos_samples(sents: &[TaggedSentence]) -> Vec<Sample> {
    sents
        .iter()
        .map(|(forms, tags)| Sample {
            forms: forms.clone(),
            classes: tags.iter().map(|t| t.index() as u16).collect(),
        })
        .collect()
}

pub fn upos_classes() -> Vec<String> {
    Upos::ALL.iter().map(|u| u.as_str().to_string()).collect()
}

/// Frequent forms that (almost) always take one class, and the forms worth caching.
fn dictionary_and_vocab<'a>(
    samples: impl Iterator<Item = &'a Sample>,
) -> (Vec<(String, u16)>, Vec<LexEntry>) {
    let mut counts: HashMap<&str, HashMap<u16, usize>> = HashMap::new();
    for s in samples {
        for (f, &c) in s.forms.iter().zip(&s.classes) {
            *counts.entry(f).or_default().entry(c).or_default() += 1;
        }
    }
    let mut dict = Vec::new();
    let mut vocab = Vec::new();
    for (form, by_class) in &counts {
        let total: usize = by_class.values().sum();
        // Ties broken by the lower class index so that the dictionary is deterministic.
        let (&best, &n) = by_class
            .iter()
            .max_by_key(|(&c, &n)| (n, std::cmp::Reverse(c)))
            .expect("a counted form has a class");
        if total >= DICT_MIN_COUNT && n as f64 >= DICT_MIN_SHARE * total as f64 {
            dict.push((form.to_string(), best));
        }
        if total >= VOCAB_MIN_COUNT {
            let mask = by_class
                .iter()
                .filter(|(&c, &n)| c < 64 && n as f64 >= AMB_MIN_SHARE * total as f64)
                .fold(0u64, |m, (&c, _)| m | 1 << c);
            let entry = LexEntry {
                form: form.to_string(),
                mask,
                top: best,
            };
            vocab.push((total, entry));
        }
    }
    dict.sort();
    // Most frequent first, so a truncated vocabulary would keep the useful part.
    vocab.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.form.cmp(&b.1.form)));
    (dict, vocab.into_iter().map(|(_, e)| e).collect())
}

/// Lexicons for training, one per fold of the samples, each built without its fold: sample
/// `i` is featurised with lexicon `i % n`. A lexicon built from a sentence itself would tell
/// the model that known words' ambiguity classes are always right, which they are not on
/// new text.
fn fold_lexicons(samples: &[Sample]) -> Vec<Lexicon> {
    let to_lexicon = |vocab: Vec<LexEntry>| -> Lexicon {
        vocab
            .iter()
            .map(|e| (hash_str(&e.form), e.ambiguity()))
            .collect()
    };
    if samples.len() < 2 * LEXICON_FOLDS {
        return vec![to_lexicon(dictionary_and_vocab(samples.iter()).1)];
    }
    (0..LEXICON_FOLDS)
        .map(|k| {
            let rest = samples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % LEXICON_FOLDS != k)
                .map(|(_, s)| s);
            to_lexicon(dictionary_and_vocab(rest).1)
        })
        .collect()
}

/// Held-out data to score after each epoch, keeping the best epoch's model.
pub struct Tuning<'a> {
    pub samples: &'a [Sample],
    pub log: &'a mut String,
}

/// Train a tagger over `classes`; `class_upos` maps each class to its UPOS.
pub fn fit(
    samples: &[Sample],
    classes: Vec<String>,
    epochs: usize,
    seed: u64,
    prune: f32,
    mut tuning: Option<Tuning>,
) -> Result<Tagger, String> {
    let nc = classes.len();
    let (dict, vocab) = dictionary_and_vocab(samples.iter());
    let dict_map: PrehashedMap<u16> = dict.iter().map(|(f, c)| (hash_str(f), *c)).collect();
    let lexicons = fold_lexicons(samples);
    let mut trainer = Trainer::new(nc);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut scratch = KeyScratch::default();
    let mut keys = Vec::new();
    let mut feats = Vec::new();
    let mut scores = vec![0.0; nc];
    let mut best: Option<(f64, Tagger)> = None;
    for epoch in 1..=epochs.max(1) {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &samples[si];
            sentence_keys(
                s.forms.iter().map(|f| f.as_str()),
                Some(&lexicons[si % lexicons.len()]),
                &mut scratch,
                &mut keys,
            );
            let (mut p1, mut p2) = (nc, nc);
            for (i, &gold) in s.classes.iter().enumerate() {
                let at = i + CENTER;
                let guess = match dict_map.get(&keys[at].form) {
                    Some(&c) => c as usize,
                    None => {
                        all_features(&keys, at, p1, p2, &mut feats);
                        let guess = trainer.predict(&feats, &mut scores);
                        trainer.update(gold as usize, guess, &feats);
                        trainer.tick();
                        guess
                    }
                };
                right += (guess == gold as usize) as usize;
                total += 1;
                p2 = p1;
                p1 = guess;
            }
        }
        let train_acc = 100.0 * right as f64 / total.max(1) as f64;
        if let Some(t) = tuning.as_mut() {
            let tagger = Tagger::from_parts(
                classes.clone(),
                trainer.averaged(prune),
                dict.clone(),
                vocab.clone(),
            )?;
            let dev = tagger.accuracy(t.samples);
            t.log.push_str(&format!(
                "epoch {epoch:2}: train (online) {train_acc:.2}%  dev UPOS {:.2}%  ({:.1}s)\n",
                dev.upos,
                t0.elapsed().as_secs_f64()
            ));
            if best.as_ref().is_none_or(|(b, _)| dev.upos > *b) {
                best = Some((dev.upos, tagger));
            }
        }
    }
    match (best, tuning) {
        (Some((acc, tagger)), Some(t)) => {
            t.log
                .push_str(&format!("kept the best epoch: dev UPOS {acc:.2}%\n"));
            Ok(tagger)
        }
        _ => Tagger::from_parts(classes, trainer.finish(prune), dict, vocab),
    }
}

/// Accuracy of a tagger on samples, in percent.
pub struct Accuracy {
    pub upos: f64,
    pub class: f64,
    pub tokens: usize,
}

impl Tagger {
    pub(super) fn accuracy(&self, samples: &[Sample]) -> Accuracy {
        let mut bufs = super::TagBuffers::default();
        let (mut upos, mut class, mut n) = (0usize, 0usize, 0usize);
        for s in samples {
            self.tag_classes(s.forms.iter().map(|f| f.as_str()), &mut bufs);
            for (&g, &p) in s.classes.iter().zip(&bufs.classes) {
                class += (g == p) as usize;
                upos += (self.class_upos(g) == self.class_upos(p)) as usize;
                n += 1;
            }
        }
        let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
        Accuracy {
            upos: pct(upos),
            class: pct(class),
            tokens: n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_shuffles() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        let mut v: Vec<usize> = (0..50).collect();
        SplitMix64::new(1).shuffle(&mut v);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn dictionary_keeps_frequent_unambiguous_forms_only() {
        let mut samples = Vec::new();
        for i in 0..30 {
            samples.push(Sample {
                forms: vec!["the".into(), "run".into()],
                classes: vec![5, if i % 2 == 0 { 7 } else { 15 }],
            });
        }
        let (dict, vocab) = dictionary_and_vocab(samples.iter());
        assert_eq!(dict, vec![("the".to_string(), 5)]);
        assert_eq!(vocab.len(), 2);
        let run = vocab.iter().find(|e| e.form == "run").unwrap();
        assert_eq!(run.mask, 1 << 7 | 1 << 15);
        assert_eq!(run.top, 7);
    }
}
