//! Training: greedy averaged perceptron over shuffled sentences, predicted tags as history.

use super::caps::CapsTable;
use super::features::{all_features, right_classes, sentence_keys, KeyScratch, Lexicon, CENTER};
use super::{LexEntry, Tagger};
use crate::doc::Upos;
use crate::model::hash::{hash_str, PrehashedMap};
use crate::model::{Perceptron, Trainer};
use crate::read::conllu::ConlluReader;
use std::collections::HashMap;
use std::path::Path;

/// A sentence as forms and their gold UPOS.
pub type TaggedSentence = (Vec<String>, Vec<Upos>);

/// One training sentence: forms and gold class indices.
#[derive(Clone)]
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

/// How [`fit`] trains.
#[derive(Clone, Copy, Debug)]
pub struct FitOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights below this magnitude are dropped.
    pub prune: f32,
    /// Train a second, look-ahead pass on jackknifed first-pass classes.
    pub two_pass: bool,
}

/// Folds for the jackknifed first-pass classes the second pass trains on.
const JACKKNIFE_FOLDS: usize = 5;

/// Train a tagger over `classes` (each a UPOS, or `UPOS/finer`).
pub fn fit(
    samples: &[Sample],
    classes: Vec<String>,
    caps: &[(String, u8)],
    opts: FitOptions,
    mut tuning: Option<Tuning>,
) -> Result<Tagger, String> {
    let nc = classes.len();
    let (dict, vocab) = dictionary_and_vocab(samples.iter());
    let dict_map: PrehashedMap<u16> = dict.iter().map(|(f, c)| (hash_str(f), *c)).collect();
    let lexicons = fold_lexicons(samples);
    let make = |first: Perceptron, second: Option<Perceptron>| {
        Tagger::from_parts(
            classes.clone(),
            first,
            second,
            dict.clone(),
            vocab.clone(),
            caps.to_vec(),
        )
    };
    let caps_table = super::caps::table(caps);
    let data = PassData {
        samples,
        n_classes: nc,
        dict: &dict_map,
        lexicons: &lexicons,
        caps: &caps_table,
    };
    let dev = tuning.as_ref().map(|t| t.samples);
    let mut log = |line: String| {
        if let Some(t) = tuning.as_mut() {
            t.log.push_str(&line);
        }
    };
    let first = train_pass(&data, None, opts, "pass 1", &mut log, |m| {
        Ok(match dev {
            Some(d) => Some(make(m.clone(), None)?.accuracy(d).upos),
            None => None,
        })
    })?;
    if !opts.two_pass {
        return make(first, None);
    }
    let t0 = std::time::Instant::now();
    let first_classes = jackknife(samples, &classes, caps, opts)?;
    log(format!(
        "jackknifed pass-1 classes over {JACKKNIFE_FOLDS} folds ({:.1}s)\n",
        t0.elapsed().as_secs_f64()
    ));
    let second = train_pass(&data, Some(&first_classes), opts, "pass 2", &mut log, |m| {
        Ok(match dev {
            Some(d) => Some(make(first.clone(), Some(m.clone()))?.accuracy(d).upos),
            None => None,
        })
    })?;
    make(first, Some(second))
}

/// First-pass classes of every sample from a first pass that did not see it.
fn jackknife(
    samples: &[Sample],
    classes: &[String],
    caps: &[(String, u8)],
    opts: FitOptions,
) -> Result<Vec<Vec<u16>>, String> {
    let mut out = vec![Vec::new(); samples.len()];
    if samples.len() < 2 * JACKKNIFE_FOLDS {
        return Ok(out);
    }
    let mut bufs = super::TagBuffers::default();
    for k in 0..JACKKNIFE_FOLDS {
        let rest: Vec<Sample> = samples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % JACKKNIFE_FOLDS != k)
            .map(|(_, s)| s.clone())
            .collect();
        let fold_opts = FitOptions {
            two_pass: false,
            seed: opts.seed.wrapping_add(k as u64 + 1),
            ..opts
        };
        let tagger = fit(&rest, classes.to_vec(), caps, fold_opts, None)?;
        for i in (k..samples.len()).step_by(JACKKNIFE_FOLDS) {
            tagger.tag_classes(samples[i].forms.iter().map(|f| f.as_str()), &mut bufs);
            out[i] = bufs.classes.clone();
        }
    }
    Ok(out)
}

/// What every epoch of a pass reads.
struct PassData<'a> {
    samples: &'a [Sample],
    n_classes: usize,
    dict: &'a PrehashedMap<u16>,
    lexicons: &'a [Lexicon],
    caps: &'a CapsTable,
}

/// Train one pass; `right` holds first-pass classes for a second pass. `score` gives the
/// held-out accuracy of an averaged snapshot (or `None` without held-out data); the best
/// epoch's snapshot is kept.
fn train_pass(
    data: &PassData,
    right: Option<&[Vec<u16>]>,
    opts: FitOptions,
    label: &str,
    log: &mut impl FnMut(String),
    mut score: impl FnMut(&Perceptron) -> Result<Option<f64>, String>,
) -> Result<Perceptron, String> {
    let nc = data.n_classes;
    let mut trainer = Trainer::new(nc);
    let mut order: Vec<usize> = (0..data.samples.len()).collect();
    let mut rng = SplitMix64::new(opts.seed);
    let mut scratch = KeyScratch::default();
    let mut keys = Vec::new();
    let mut feats = Vec::new();
    let mut scores = vec![0.0; nc];
    let mut best: Option<(f64, usize, Perceptron)> = None;
    for epoch in 1..=opts.epochs.max(1) {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &data.samples[si];
            sentence_keys(
                s.forms.iter().map(|f| f.as_str()),
                Some(&data.lexicons[si % data.lexicons.len()]),
                Some(data.caps),
                &mut scratch,
                &mut keys,
            );
            let ahead = right.map(|r| r[si].as_slice());
            let (mut p1, mut p2) = (nc, nc);
            for (i, &gold) in s.classes.iter().enumerate() {
                let at = i + CENTER;
                let guess = match data.dict.get(&keys[at].form) {
                    Some(&c) => c as usize,
                    None => {
                        let r = ahead.map(|a| right_classes(a, i, nc));
                        all_features(&keys, at, (p1, p2), r, &mut feats);
                        let guess = trainer.predict(&feats, &mut scores);
                        trainer.update(gold as usize, guess, &feats);
                        trainer.tick();
                        guess
                    }
                };
                correct += (guess == gold as usize) as usize;
                total += 1;
                p2 = p1;
                p1 = guess;
            }
        }
        let train_acc = 100.0 * correct as f64 / total.max(1) as f64;
        let snapshot = trainer.averaged(opts.prune);
        if let Some(dev) = score(&snapshot)? {
            log(format!(
                "{label} epoch {epoch:2}: train (online) {train_acc:.2}%  dev UPOS {dev:.2}%  ({:.1}s)\n",
                t0.elapsed().as_secs_f64()
            ));
            if best.as_ref().is_none_or(|(b, _, _)| dev > *b) {
                best = Some((dev, epoch, snapshot));
            }
        } else if epoch == opts.epochs.max(1) {
            best = Some((0.0, epoch, snapshot));
        }
    }
    let (acc, epoch, model) = best.expect("at least one epoch ran");
    if acc > 0.0 {
        log(format!(
            "{label}: kept epoch {epoch} (dev UPOS {acc:.2}%)\n"
        ));
    }
    Ok(model)
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
