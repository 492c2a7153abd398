//! Greedy left-to-right decoding, with the model's sums precomputed where the inputs allow.
//!
//! Scoring one word naively takes ~40 hash lookups. Most of them depend on a single word and
//! its offset, so [`Tables`] sums them per vocabulary word at load time; what remains per word
//! is one cache lookup, a dense history row and six lookups for the features that join two
//! words or a word with a predicted tag. Words outside the cache are summed per sentence.
//!
//! An optional second pass tags the sentence again with the first pass's classes for the
//! words ahead as extra features (look-ahead the greedy first pass cannot have).

use super::caps::CapsTable;
use super::features::{
    all_features, around_feature, history_features, history_word_features, pad_keys, pair_features,
    right_classes, right_features, right_word_features, sentence_keys, word_features, KeyScratch,
    Lexicon, WordKeys, CENTER, OFFSETS,
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
    /// Tells these tables apart from any others in the process, for [`OovRows`].
    id: u64,
    n_classes: usize,
    words: PrehashedMap<WordEntry>,
    /// Per cached word, `N_OFF` blocks of `n_classes` scores: its word features' weights at
    /// each offset.
    rows: Vec<f32>,
    /// The same for the four padding words.
    pads: Vec<f32>,
    /// History-feature sums indexed by `(p2 * n_hist + p1) * n_classes`.
    hist: Vec<f32>,
    /// Second pass only: look-ahead sums by `(n1 * n_hist + n2) * n_classes`…
    right: Vec<f32>,
    /// …and by `(p1 * n_hist + n1) * n_classes`.
    around: Vec<f32>,
    /// Capitalisation buckets, looked up for words outside the cache.
    caps: CapsTable,
}

impl Tables {
    /// Sums for a model; `second` adds the look-ahead tables of a second-pass model.
    pub fn build(
        model: &Perceptron,
        vocab: &[LexEntry],
        dict: &[(String, u16)],
        caps: &[(String, u8)],
        second: bool,
    ) -> Tables {
        let nc = model.n_classes();
        let row_len = N_OFF * nc;
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut t = Tables {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            n_classes: nc,
            words: PrehashedMap::default(),
            rows: Vec::with_capacity(vocab.len() * row_len),
            pads: vec![0.0; 4 * row_len],
            hist: Vec::new(),
            right: Vec::new(),
            around: Vec::new(),
            caps: super::caps::table(caps),
        };
        let mut scratch = KeyScratch::default();
        let mut feats = Vec::new();
        for entry in vocab {
            let mut k = super::features::word_keys(&entry.form, &mut scratch);
            k.amb = entry.ambiguity();
            k.caps = t.caps.get(&k.lower).copied().unwrap_or(0);
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
        if second {
            t.right = vec![0.0; nh * nh * nc];
            t.around = vec![0.0; nh * nh * nc];
            for a in 0..nh {
                for b in 0..nh {
                    let at = (a * nh + b) * nc;
                    model.add_scores(&right_features(a, b), &mut t.right[at..at + nc]);
                    model.add_scores(&[around_feature(a, b)], &mut t.around[at..at + nc]);
                }
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

/// Word-feature sums of words outside the cached vocabulary, kept from sentence to sentence:
/// the names and numbers of news recur, and summing a word's features is most of the cost of
/// tagging it. Valid for one [`Tables`] (a pass of one tagger); cleared when full.
#[derive(Default)]
struct OovRows {
    tables: Option<u64>,
    index: PrehashedMap<u32>,
    rows: Vec<f32>,
}

/// Most words an [`OovRows`] keeps before it starts again.
const OOV_WORDS: usize = 1 << 14;

impl OovRows {
    /// The row of the word with keys `k` (caps already set), summed on first sight.
    fn row(
        &mut self,
        model: &Perceptron,
        tables: &Tables,
        k: &WordKeys,
        feats: &mut Vec<u64>,
    ) -> &[f32] {
        let row_len = N_OFF * tables.n_classes;
        if self.tables != Some(tables.id) || self.index.len() >= OOV_WORDS {
            self.tables = Some(tables.id);
            self.index.clear();
            self.rows.clear();
        }
        let next = self.index.len() as u32;
        let at = *self.index.entry(k.form).or_insert(next) as usize * row_len;
        if at == self.rows.len() {
            self.rows.resize(at + row_len, 0.0);
            word_rows(model, k, feats, &mut self.rows[at..]);
        }
        &self.rows[at..at + row_len]
    }
}

/// Buffers reused from sentence to sentence, so that tagging allocates nothing per word.
#[derive(Default)]
pub struct TagBuffers {
    /// Out-of-vocabulary rows of the first and second pass.
    oov: [OovRows; 2],
    scratch: KeyScratch,
    keys: Vec<WordKeys>,
    contrib: Vec<f32>,
    dict: Vec<u16>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    first: Vec<u16>,
    /// The classes of the last sentence tagged.
    pub classes: Vec<u16>,
}

/// One pass: a model and its precomputed sums.
pub struct Pass<'a> {
    pub model: &'a Perceptron,
    pub tables: &'a Tables,
}

/// Tag one sentence greedily, then again with the first pass's look-ahead when there is a
/// second pass; the classes land in `bufs.classes`.
pub fn tag_sentence<'a>(
    first: Pass,
    second: Option<Pass>,
    forms: impl Iterator<Item = &'a str>,
    bufs: &mut TagBuffers,
) {
    sentence_keys(forms, None, None, &mut bufs.scratch, &mut bufs.keys);
    let b = &mut *bufs;
    match second {
        None => run_pass(&first, b, 0, None),
        Some(second) => {
            run_pass(&first, b, 0, None);
            std::mem::swap(&mut b.first, &mut b.classes);
            let first_classes = std::mem::take(&mut b.first);
            run_pass(&second, b, 1, Some(&first_classes));
            b.first = first_classes;
        }
    }
}

/// Greedy decoding of `bufs.keys` into `bufs.classes`, with `right` (the first pass's classes)
/// in a second pass; `which` is the pass's number (its out-of-vocabulary rows).
fn run_pass(pass: &Pass, bufs: &mut TagBuffers, which: usize, right: Option<&[u16]>) {
    let (model, tables) = (pass.model, pass.tables);
    let nc = tables.n_classes;
    let row_len = N_OFF * nc;
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
            _ => {
                let mut k = *k;
                k.caps = tables.caps.get(&k.lower).copied().unwrap_or(0);
                out.copy_from_slice(bufs.oov[which].row(model, tables, &k, &mut bufs.feats));
            }
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
                add(scores, block);
            }
            model.add_scores(&pair_features(&bufs.keys, at), scores);
            model.add_scores(&history_word_features(&bufs.keys, at, p1), scores);
            if let Some(right) = right {
                let (n1, n2) = right_classes(right, at - CENTER, nc);
                let r = (n1 * nh + n2) * nc;
                add(scores, &tables.right[r..r + nc]);
                let a = (p1 * nh + n1) * nc;
                add(scores, &tables.around[a..a + nc]);
                model.add_scores(&right_word_features(&bufs.keys, at, n1), scores);
            }
            argmax(scores)
        };
        bufs.classes.push(class as u16);
        p2 = p1;
        p1 = class;
    }
}

#[inline]
fn add(scores: &mut [f32], block: &[f32]) {
    for (s, w) in scores.iter_mut().zip(block) {
        *s += w;
    }
}

/// Reference decoder: the full feature list scored straight from the models. Slow; it defines
/// what [`tag_sentence`] must compute.
pub fn tag_sentence_naive(
    first: &Perceptron,
    second: Option<&Perceptron>,
    dict: &PrehashedMap<u16>,
    lexicon: &Lexicon,
    caps: &CapsTable,
    forms: &[&str],
) -> Vec<u16> {
    let mut keys = Vec::new();
    sentence_keys(
        forms.iter().copied(),
        Some(lexicon),
        Some(caps),
        &mut KeyScratch::default(),
        &mut keys,
    );
    let tags = naive_pass(first, dict, &keys, None);
    match second {
        Some(m) => naive_pass(m, dict, &keys, Some(&tags)),
        None => tags,
    }
}

/// One greedy pass over padded keys with the full feature lists (training does the same).
pub fn naive_pass(
    model: &Perceptron,
    dict: &PrehashedMap<u16>,
    keys: &[WordKeys],
    right: Option<&[u16]>,
) -> Vec<u16> {
    let nc = model.n_classes();
    let (mut p1, mut p2) = (nc, nc);
    let mut feats = Vec::new();
    let mut scores = vec![0.0; nc];
    let mut out = Vec::new();
    for at in CENTER..keys.len() - CENTER {
        let class = match dict.get(&keys[at].form) {
            Some(&c) => c as usize,
            None => {
                let r = right.map(|r| right_classes(r, at - CENTER, nc));
                all_features(keys, at, (p1, p2), r, &mut feats);
                model.predict(&feats, &mut scores)
            }
        };
        out.push(class as u16);
        p2 = p1;
        p1 = class;
    }
    out
}
