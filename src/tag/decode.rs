//! Greedy left-to-right decoding, with the model's sums precomputed where the inputs allow.
//!
//! Scoring one word naively takes ~35 hash lookups. Most of them depend on a single word and
//! its offset, so [`Tables`] sums them per vocabulary word at load time; what remains per word
//! is one cache lookup per word, a dense history row and five lookups for the features that
//! join two words or a word with a predicted tag.

use super::features::Lexicon;
use super::features::{
    all_features, history_features, history_word_features, pad_keys, pair_features, sentence_keys,
    word_features, KeyScratch, WordKeys, CENTER, OFFSETS,
};
use super::LexEntry;
use crate::model::hash::PrehashedMap;
use crate::model::perceptron::argmax;
use crate::model::Perceptron;

/// "No tag-dictionary class" in [`WordEntry::dict`] and the per-word buffers.
pub const NO_CLASS: u16 = u16::MAX;
const NO_ROW: u32 = u32::MAX;

const N_OFF: usize = OFFSETS.len();

#[derive(Clone, Copy)]
struct WordEntry {
    /// Row of precomputed word-feature sums in `Tables::rows`, or `NO_ROW`.
    row: u32,
    /// The tag dictionary's class for this exact form, or `NO_CLASS`.
    dict: u16,
}

/// Precomputed sums, built from a model when it is loaded or trained.
pub struct Tables {
    n_classes: usize,
    words: PrehashedMap<WordEntry>,
    /// Per cached word, `N_OFF` blocks of `n_classes` scores: its word features' weights at
    /// each offset.
    rows: Vec<f32>,
    /// The same for the four padding words.
    pads: Vec<f32>,
    /// History-feature sums indexed by `(p2 * n_hist + p1) * n_classes`.
    hist: Vec<f32>,
}

impl Tables {
    pub fn build(model: &Perceptron, vocab: &[LexEntry], dict: &[(String, u16)]) -> Tables {
        let nc = model.n_classes();
        let row_len = N_OFF * nc;
        let mut t = Tables {
            n_classes: nc,
            words: PrehashedMap::default(),
            rows: Vec::with_capacity(vocab.len() * row_len),
            pads: vec![0.0; 4 * row_len],
            hist: Vec::new(),
        };
        let mut scratch = KeyScratch::default();
        let mut feats = Vec::new();
        for entry in vocab {
            let mut k = super::features::word_keys(&entry.form, &mut scratch);
            k.amb = entry.ambiguity();
            if t.words.contains_key(&k.form) {
                continue;
            }
            let start = t.rows.len();
            t.rows.resize(start + row_len, 0.0);
            word_rows(model, &k, &mut feats, &mut t.rows[start..]);
            let row = (start / row_len) as u32;
            t.words.insert(
                k.form,
                WordEntry {
                    row,
                    dict: NO_CLASS,
                },
            );
        }
        for (form, class) in dict {
            let k = super::features::word_keys(form, &mut scratch);
            t.words
                .entry(k.form)
                .or_insert(WordEntry {
                    row: NO_ROW,
                    dict: NO_CLASS,
                })
                .dict = *class;
        }
        for p in 0..4 {
            let k = pad_keys(p);
            word_rows(model, &k, &mut feats, &mut t.pads[p * row_len..]);
        }
        let nh = nc + 1;
        t.hist = vec![0.0; nh * nh * nc];
        for p2 in 0..nh {
            for p1 in 0..nh {
                let at = (p2 * nh + p1) * nc;
                model.add_scores(&history_features(p1, p2), &mut t.hist[at..at + nc]);
            }
        }
        t
    }

    pub fn n_cached_words(&self) -> usize {
        self.rows.len() / (N_OFF * self.n_classes).max(1)
    }
}

/// Sums of a word's features at every offset into `out` (`N_OFF * n_classes`, zeroed here).
fn word_rows(model: &Perceptron, k: &WordKeys, feats: &mut Vec<u64>, out: &mut [f32]) {
    let nc = model.n_classes();
    for (oi, block) in out.chunks_exact_mut(nc).take(N_OFF).enumerate() {
        block.iter_mut().for_each(|s| *s = 0.0);
        feats.clear();
        word_features(k, oi, feats);
        model.add_scores(feats, block);
    }
}

/// Buffers reused from sentence to sentence, so that tagging allocates nothing per word.
#[derive(Default)]
pub struct TagBuffers {
    scratch: KeyScratch,
    keys: Vec<WordKeys>,
    contrib: Vec<f32>,
    dict: Vec<u16>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    /// The classes of the last sentence tagged.
    pub classes: Vec<u16>,
}

/// Tag one sentence greedily; the classes land in `bufs.classes`.
pub fn tag_sentence<'a>(
    model: &Perceptron,
    tables: &Tables,
    forms: impl Iterator<Item = &'a str>,
    bufs: &mut TagBuffers,
) {
    let nc = tables.n_classes;
    let row_len = N_OFF * nc;
    sentence_keys(forms, None, &mut bufs.scratch, &mut bufs.keys);
    let padded = bufs.keys.len();
    let n = padded - 2 * CENTER;
    bufs.contrib.clear();
    bufs.contrib.resize(padded * row_len, 0.0);
    bufs.dict.clear();
    bufs.dict.resize(padded, NO_CLASS);
    for (j, k) in bufs.keys.iter().enumerate() {
        let out = &mut bufs.contrib[j * row_len..(j + 1) * row_len];
        let pad = if j < CENTER {
            Some(j)
        } else if j >= CENTER + n {
            Some(j - n)
        } else {
            None
        };
        if let Some(p) = pad {
            out.copy_from_slice(&tables.pads[p * row_len..(p + 1) * row_len]);
            continue;
        }
        let entry = tables.words.get(&k.form).copied();
        match entry {
            Some(e) if e.row != NO_ROW => {
                let r = e.row as usize * row_len;
                out.copy_from_slice(&tables.rows[r..r + row_len]);
            }
            _ => word_rows(model, k, &mut bufs.feats, out),
        }
        bufs.dict[j] = entry.map_or(NO_CLASS, |e| e.dict);
    }
    let start = nc;
    let nh = nc + 1;
    let (mut p1, mut p2) = (start, start);
    bufs.classes.clear();
    bufs.scores.resize(nc, 0.0);
    for at in CENTER..CENTER + n {
        let class = if bufs.dict[at] != NO_CLASS {
            bufs.dict[at] as usize
        } else {
            let scores = &mut bufs.scores;
            let h = (p2 * nh + p1) * nc;
            scores.copy_from_slice(&tables.hist[h..h + nc]);
            for oi in 0..N_OFF {
                let j = at + oi - CENTER;
                let block = &bufs.contrib[j * row_len + oi * nc..j * row_len + (oi + 1) * nc];
                for (s, w) in scores.iter_mut().zip(block) {
                    *s += w;
                }
            }
            model.add_scores(&pair_features(&bufs.keys, at), scores);
            model.add_scores(&history_word_features(&bufs.keys, at, p1), scores);
            argmax(scores)
        };
        bufs.classes.push(class as u16);
        p2 = p1;
        p1 = class;
    }
}

/// Reference decoder: the full feature list scored straight from the model. Slow; it defines
/// what [`tag_sentence`] must compute.
pub fn tag_sentence_naive(
    model: &Perceptron,
    dict: &PrehashedMap<u16>,
    lexicon: &Lexicon,
    forms: &[&str],
) -> Vec<u16> {
    let nc = model.n_classes();
    let mut keys = Vec::new();
    sentence_keys(
        forms.iter().copied(),
        Some(lexicon),
        &mut KeyScratch::default(),
        &mut keys,
    );
    let (mut p1, mut p2) = (nc, nc);
    let mut feats = Vec::new();
    let mut scores = vec![0.0; nc];
    let mut out = Vec::new();
    for at in CENTER..keys.len() - CENTER {
        let class = match dict.get(&keys[at].form) {
            Some(&c) => c as usize,
            None => {
                all_features(&keys, at, p1, p2, &mut feats);
                model.predict(&feats, &mut scores)
            }
        };
        out.push(class as u16);
        p2 = p1;
        p1 = class;
    }
    out
}
