//! Token features for the recogniser, hashed without allocating: word, lower case, shape,
//! affixes, capitalisation, position, context words ±2, gazetteer and lexicon matches.
//!
//! Part-of-speech features are used only when the tokens carry tags: the recogniser must also
//! run without the tagger, so the model is trained on a share of sentences without them.

use super::gazetteer::{self, Gazetteer, LEX_SHIFT};
use crate::doc::Upos;
use crate::model::hash::{feature, mix};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// Hash of a string's lower-case form, computed char by char (no `String`).
pub fn lower_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    if s.is_ascii() {
        for b in s.bytes() {
            h = fnv(h, b.to_ascii_lowercase());
        }
    } else {
        let mut buf = [0u8; 4];
        for c in s.chars().flat_map(char::to_lowercase) {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h = fnv(h, b);
            }
        }
    }
    mix(h, 0x006c_6f77_6572)
}

/// Hash of the exact form.
fn word_hash(s: &str) -> u64 {
    mix(s.bytes().fold(FNV_OFFSET, fnv), 0x776f_7264)
}

/// Class of a character for shapes.
fn shape_char(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_ascii_digit() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'*'
    }
}

/// Shape with runs collapsed: "McDonald" → "XxXx", "U.S." → "X.X.", "2019" → "d".
fn shape_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut last = 0u8;
    for c in s.chars() {
        let k = shape_char(c);
        if k != last {
            h = fnv(h, k);
            last = k;
        }
    }
    mix(h, 0x0073_6861_7065)
}

/// Capitalisation class.
pub const CAP_NONE: u8 = 0;
pub const CAP_LOWER: u8 = 1;
pub const CAP_TITLE: u8 = 2;
pub const CAP_UPPER: u8 = 3;
pub const CAP_MIXED: u8 = 4;

pub fn caps(s: &str) -> u8 {
    let (mut upper, mut lower, mut first_upper) = (0, 0, None);
    for c in s.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else {
            continue;
        }
        first_upper.get_or_insert(c.is_uppercase());
    }
    match (upper, lower, first_upper) {
        (0, 0, _) => CAP_NONE,
        (0, _, _) => CAP_LOWER,
        (_, 0, _) if upper > 1 => CAP_UPPER,
        (_, 0, _) => CAP_TITLE,
        (1, _, Some(true)) => CAP_TITLE,
        _ => CAP_MIXED,
    }
}

/// Lower-cased suffix/prefix hashes of `n` chars (the whole word if shorter).
fn suffix_hash(s: &str, n: usize) -> u64 {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    mix(lower_hash(&s[start..]), n as u64)
}

fn prefix_hash(s: &str, n: usize) -> u64 {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    mix(lower_hash(&s[..end]), 0x70 + n as u64)
}

// Template ids. Keep them stable: they are part of the model file's meaning.
const T_BIAS: u32 = 0;
const T_WORD: u32 = 1;
const T_LOWER: u32 = 2;
const T_SHAPE: u32 = 3;
const T_SUF2: u32 = 4;
const T_SUF3: u32 = 5;
const T_SUF4: u32 = 6;
const T_PRE3: u32 = 7;
const T_CAPS_POS: u32 = 8;
const T_PREV2: u32 = 9;
const T_PREV1: u32 = 10;
const T_NEXT1: u32 = 11;
const T_NEXT2: u32 = 12;
const T_SHAPE_PREV: u32 = 13;
const T_SHAPE_NEXT: u32 = 14;
const T_BIGRAM_PREV: u32 = 15;
const T_BIGRAM_NEXT: u32 = 16;
const T_GAZ: u32 = 17;
const T_GAZ_CAPS: u32 = 18;
const T_GAZ_PREV: u32 = 19;
const T_GAZ_NEXT: u32 = 20;
const T_LEX_CAPS: u32 = 21;
const T_LEX_PREV: u32 = 22;
const T_LEX_NEXT: u32 = 23;
const T_SENT_CASE: u32 = 24;
const T_CAPS_WINDOW: u32 = 25;
const T_WORD_SENT_CASE: u32 = 26;
const T_LEN: u32 = 27;
const T_PREV_WORD_CAPS: u32 = 28;
const T_NEXT_WORD_CAPS: u32 = 29;
const T_UPOS_CAPS: u32 = 30;
const T_UPOS_WINDOW: u32 = 31;
const T_UPOS_PREV_CAPS: u32 = 32;
const T_UPOS_NEXT_CAPS: u32 = 33;
const T_UPOS_WORD: u32 = 34;
/// Previous-tag transition features (scored by the decoder, not per token).
pub const T_TRANS: u32 = 100;

/// The transition feature for `prev` (`None` = sentence start) into any tag.
pub fn transition(prev: Option<u8>) -> u64 {
    feature(T_TRANS, prev.map_or(255, u64::from))
}

/// Reusable per-sentence buffers: fill once per sentence, then read each token's features.
#[derive(Default)]
pub struct SentenceFeatures {
    lower: Vec<u64>,
    shape: Vec<u64>,
    caps: Vec<u8>,
    gaz: Vec<u32>,
    feats: Vec<u64>,
    offsets: Vec<usize>,
}

/// Sentence casing: all lower case (chat, forums), ordinary, or headline-like.
fn sentence_case(caps: &[u8]) -> u64 {
    let alpha = caps.iter().filter(|&&c| c != CAP_NONE).count();
    let capped = caps
        .iter()
        .skip(1)
        .filter(|&&c| c == CAP_TITLE || c == CAP_UPPER)
        .count();
    if alpha == 0 || caps.iter().all(|&c| c == CAP_NONE || c == CAP_LOWER) {
        0
    } else if alpha >= 4 && capped * 5 >= alpha * 3 {
        2
    } else {
        1
    }
}

impl SentenceFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Features of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Compute every token's features for a sentence of `n` tokens whose forms `form(i)` gives.
    pub fn fill<'a>(&mut self, n: usize, form: impl Fn(usize) -> &'a str, gaz: &Gazetteer) {
        self.fill_tagged(n, form, &[], gaz);
    }

    /// [`fill`](Self::fill) with part-of-speech tags: `upos` holds one tag per token, or is
    /// empty when the sentence is untagged (then no tag features are made).
    pub fn fill_tagged<'a>(
        &mut self,
        n: usize,
        form: impl Fn(usize) -> &'a str,
        upos: &[Upos],
        gaz: &Gazetteer,
    ) {
        let tagged = upos.len() == n;
        self.lower.clear();
        self.shape.clear();
        self.caps.clear();
        self.feats.clear();
        self.offsets.clear();
        for i in 0..n {
            let w = form(i);
            self.lower.push(lower_hash(w));
            self.shape.push(shape_hash(w));
            self.caps.push(caps(w));
        }
        gaz.annotate(&self.lower, &mut self.gaz);
        let sent_case = sentence_case(&self.caps);
        const BOS: u64 = 0x003c_733e;
        const EOS: u64 = 0x3c2f_733e;
        let lower_at = |j: isize| -> u64 {
            if j < 0 {
                mix(BOS, j as u64)
            } else if j as usize >= n {
                mix(EOS, j as u64 - n as u64)
            } else {
                self.lower[j as usize]
            }
        };
        let shape_at = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                BOS
            } else {
                self.shape[j as usize]
            }
        };
        let caps_at = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                7
            } else {
                self.caps[j as usize] as u64
            }
        };
        let gaz_at = |j: isize| -> u32 {
            if j < 0 || j as usize >= n {
                0
            } else {
                self.gaz[j as usize]
            }
        };
        // Tag 17 marks the sentence edges.
        let upos_at = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                17
            } else {
                upos[j as usize] as u64
            }
        };
        let f = &mut self.feats;
        for i in 0..n {
            self.offsets.push(f.len());
            let w = form(i);
            let ii = i as isize;
            let cap = self.caps[i] as u64;
            let first = (i == 0) as u64;
            f.push(feature(T_BIAS, 0));
            f.push(feature(T_WORD, word_hash(w)));
            f.push(feature(T_LOWER, self.lower[i]));
            f.push(feature(T_SHAPE, self.shape[i]));
            f.push(feature(T_SUF2, suffix_hash(w, 2)));
            f.push(feature(T_SUF3, suffix_hash(w, 3)));
            f.push(feature(T_SUF4, suffix_hash(w, 4)));
            f.push(feature(T_PRE3, prefix_hash(w, 3)));
            f.push(feature(T_CAPS_POS, cap * 2 + first));
            f.push(feature(T_PREV2, lower_at(ii - 2)));
            f.push(feature(T_PREV1, lower_at(ii - 1)));
            f.push(feature(T_NEXT1, lower_at(ii + 1)));
            f.push(feature(T_NEXT2, lower_at(ii + 2)));
            f.push(feature(T_SHAPE_PREV, mix(shape_at(ii - 1), self.shape[i])));
            f.push(feature(T_SHAPE_NEXT, mix(self.shape[i], shape_at(ii + 1))));
            f.push(feature(T_BIGRAM_PREV, mix(lower_at(ii - 1), self.lower[i])));
            f.push(feature(T_BIGRAM_NEXT, mix(self.lower[i], lower_at(ii + 1))));
            f.push(feature(T_SENT_CASE, sent_case * 8 + cap));
            f.push(feature(
                T_CAPS_WINDOW,
                caps_at(ii - 1) * 64 + cap * 8 + caps_at(ii + 1),
            ));
            f.push(feature(T_WORD_SENT_CASE, mix(self.lower[i], sent_case)));
            f.push(feature(T_PREV_WORD_CAPS, mix(lower_at(ii - 1), cap)));
            f.push(feature(T_NEXT_WORD_CAPS, mix(lower_at(ii + 1), cap)));
            f.push(feature(T_LEN, (w.chars().count().min(12) as u64) * 8 + cap));
            if tagged {
                let u = upos_at(ii);
                let (up, un) = (upos_at(ii - 1), upos_at(ii + 1));
                f.push(feature(T_UPOS_CAPS, u * 8 + cap));
                f.push(feature(T_UPOS_WINDOW, (up * 32 + u) * 32 + un));
                f.push(feature(
                    T_UPOS_PREV_CAPS,
                    (up * 32 + u) * 8 + caps_at(ii - 1),
                ));
                f.push(feature(
                    T_UPOS_NEXT_CAPS,
                    (u * 32 + un) * 8 + caps_at(ii + 1),
                ));
                f.push(feature(T_UPOS_WORD, mix(self.lower[i], u)));
            }
            let g = self.gaz[i];
            let entries = g & ((1 << 24) - 1);
            let mut bits = entries;
            while bits != 0 {
                let b = bits.trailing_zeros() as u64;
                bits &= bits - 1;
                f.push(feature(T_GAZ, b));
                f.push(feature(T_GAZ_CAPS, b * 8 + cap));
            }
            let lex = (g >> (8 + LEX_SHIFT)) as u64;
            f.push(feature(T_LEX_CAPS, lex * 8 + cap));
            f.push(feature(
                T_LEX_PREV,
                (gaz_at(ii - 1) >> (8 + LEX_SHIFT)) as u64 * 8 + caps_at(ii - 1),
            ));
            f.push(feature(
                T_LEX_NEXT,
                (gaz_at(ii + 1) >> (8 + LEX_SHIFT)) as u64 * 8 + caps_at(ii + 1),
            ));
            let classes = |m: u32| -> u32 {
                (0..gazetteer::N_CLASSES)
                    .fold(0, |acc, c| acc | (((m >> (c * 3)) & 7 != 0) as u32) << c)
            };
            let (gp, gn) = (classes(gaz_at(ii - 1)), classes(gaz_at(ii + 1)));
            if gp != 0 {
                f.push(feature(T_GAZ_PREV, gp as u64));
            }
            if gn != 0 {
                f.push(feature(T_GAZ_NEXT, gn as u64));
            }
        }
        self.offsets.push(f.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_folds_case_including_unicode() {
        assert_eq!(lower_hash("Paris"), lower_hash("PARIS"));
        assert_eq!(lower_hash("Türkiye"), lower_hash("TÜRKIYE"));
        assert_ne!(lower_hash("Paris"), lower_hash("Pariss"));
    }

    #[test]
    fn shapes_and_caps() {
        assert_eq!(shape_hash("McDonald"), shape_hash("McDonalds"));
        assert_ne!(shape_hash("McDonald"), shape_hash("Mcdonald"));
        assert_eq!(shape_hash("2019"), shape_hash("7"));
        assert_eq!(caps("Paris"), CAP_TITLE);
        assert_eq!(caps("NATO"), CAP_UPPER);
        assert_eq!(caps("A"), CAP_TITLE);
        assert_eq!(caps("iPhone"), CAP_MIXED);
        assert_eq!(caps("paris"), CAP_LOWER);
        assert_eq!(caps("2019"), CAP_NONE);
    }

    #[test]
    fn affixes_respect_char_boundaries() {
        assert_eq!(suffix_hash("Zürich", 3), suffix_hash("RICH", 3));
        assert_eq!(prefix_hash("Zü", 3), prefix_hash("zü", 3));
        assert_eq!(suffix_hash("é", 4), suffix_hash("É", 4));
    }

    #[test]
    fn fills_features_for_every_token() {
        let toks = ["He", "visited", "Paris", "."];
        let mut sf = SentenceFeatures::default();
        let mut g = Gazetteer::default();
        g.add("Paris", gazetteer::CITY);
        sf.fill(toks.len(), |i| toks[i], &g);
        assert_eq!(sf.len(), 4);
        assert!(
            sf.token(2).len() > sf.token(0).len(),
            "gazetteer features on Paris"
        );
        assert!(sf.token(2).contains(&feature(T_GAZ, 3 + 2)));
        let untagged = sf.token(2).to_vec();
        let upos = [Upos::Pron, Upos::Verb, Upos::Propn, Upos::Punct];
        sf.fill_tagged(toks.len(), |i| toks[i], &upos, &g);
        let tagged = sf.token(2);
        assert_eq!(tagged.len(), untagged.len() + 5, "tag features when tagged");
        assert!(tagged.contains(&feature(
            T_UPOS_CAPS,
            Upos::Propn as u64 * 8 + CAP_TITLE as u64
        )));
        // A tag list of the wrong length counts as untagged.
        sf.fill_tagged(toks.len(), |i| toks[i], &upos[..2], &g);
        assert_eq!(sf.token(2), &untagged[..]);
    }
}
