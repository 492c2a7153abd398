//! The tagger's features, split by what they depend on so that tagging can precompute them.
//!
//! * **Word features** depend on one word and on where it sits relative to the word being
//!   tagged (offset −2…+2). Their weights are summed once per vocabulary word when the model
//!   loads, so a known word costs one lookup however many templates it has.
//! * **Pair features** join two neighbouring words; they do not depend on predicted tags, so they
//!   are looked up once per token.
//! * **History features** join the two previous predicted tags (dense tables at run time) and
//!   the previous tag with the current word.
//!
//! Training and the reference scorer build the full feature list from these same functions, so
//! the fast path and the model agree by construction (a test checks it).

use super::caps::CapsTable;
use crate::model::hash::{feature, hash_str, mix};

/// Offsets, relative to the word being tagged, whose words contribute word features.
pub const OFFSETS: [isize; 5] = [-2, -1, 0, 1, 2];
/// Index of offset 0 in [`OFFSETS`]; also the number of padding words on each side.
pub const CENTER: usize = 2;

/// Hashed properties of one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordKeys {
    /// The exact form: the key of the word cache and the tag dictionary.
    pub form: u64,
    pub lower: u64,
    /// Lowercased prefixes of 1–3 characters (the whole word when shorter).
    pub prefix: [u64; 3],
    /// Lowercased suffixes of 1–4 characters (the whole word when shorter).
    pub suffix: [u64; 4],
    /// Character classes with runs collapsed: `Xx`, `d,d`, `x-x`, `X.`.
    pub shape: u64,
    /// Bit set of [`flag`]s.
    pub flags: u32,
    /// The word's ambiguity class in the training lexicon ([`ambiguity`]), or [`UNKNOWN_AMB`].
    /// Seen at offsets +1 and +2 it stands in for the tags not yet predicted.
    pub amb: u64,
    /// Capitalisation bucket from unlabelled news ([`super::caps`]), 0 when unknown.
    pub caps: u8,
}

/// Ambiguity class of a word the lexicon does not hold.
pub const UNKNOWN_AMB: u64 = 0x6b1f_4c2e_93a7_d805;

/// Form hash → ambiguity class, for the words of the training lexicon.
pub type Lexicon = crate::model::hash::PrehashedMap<u64>;

/// The ambiguity class of a lexicon word: which classes it was seen with, and the commonest.
pub fn ambiguity(mask: u64, top: u16) -> u64 {
    mix(mask, top as u64 + 1)
}

/// Orthographic flags, one feature each.
pub mod flag {
    pub const DIGIT: u32 = 1;
    pub const HYPHEN: u32 = 2;
    pub const UPPER: u32 = 4;
    pub const ALL_UPPER: u32 = 8;
    pub const INIT_UPPER: u32 = 16;
    pub const ALPHA: u32 = 32;
    pub const NO_ALNUM: u32 = 64;
    pub const LONG: u32 = 128;
    pub const COUNT: u32 = 8;
}

/// Scratch strings reused across words so that hashing a word allocates nothing.
#[derive(Default)]
pub struct KeyScratch {
    lower: String,
    shape: String,
}

/// Which padding word: two before the sentence, two after.
pub fn pad_keys(which: usize) -> WordKeys {
    let h = hash_str(["<s-2>", "<s-1>", "</s+1>", "</s+2>"][which.min(3)]);
    WordKeys {
        form: h,
        lower: h,
        prefix: [h; 3],
        suffix: [h; 4],
        shape: h,
        flags: 0,
        amb: h,
        caps: 0,
    }
}

pub fn word_keys(form: &str, scratch: &mut KeyScratch) -> WordKeys {
    let lower = &mut scratch.lower;
    lower.clear();
    let shape = &mut scratch.shape;
    shape.clear();
    let mut flags = 0;
    let mut n_chars = 0;
    let mut n_upper = 0;
    let mut n_alpha = 0;
    let mut last_class = '\0';
    for (i, c) in form.chars().enumerate() {
        n_chars += 1;
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
        let class = if c.is_uppercase() {
            n_upper += 1;
            n_alpha += 1;
            if i == 0 {
                flags |= flag::INIT_UPPER;
            }
            'X'
        } else if c.is_alphabetic() {
            n_alpha += 1;
            'x'
        } else if c.is_numeric() {
            flags |= flag::DIGIT;
            'd'
        } else {
            if c == '-' {
                flags |= flag::HYPHEN;
            }
            c
        };
        if class != last_class {
            shape.push(class);
            last_class = class;
        }
    }
    if n_upper > 0 {
        flags |= flag::UPPER;
    }
    if n_upper > 0 && n_upper == n_alpha {
        flags |= flag::ALL_UPPER;
    }
    if n_alpha > 0 {
        flags |= flag::ALPHA;
    }
    if flags & (flag::ALPHA | flag::DIGIT) == 0 {
        flags |= flag::NO_ALNUM;
    }
    if n_chars > 8 {
        flags |= flag::LONG;
    }
    let mut prefix = [0; 3];
    let mut ends = lower.char_indices().map(|(i, c)| i + c.len_utf8());
    for p in prefix.iter_mut() {
        let end = ends.next().unwrap_or(lower.len());
        *p = hash_str(&lower[..end]);
    }
    let mut suffix = [0; 4];
    let mut starts = lower.char_indices().rev().map(|(i, _)| i);
    for s in suffix.iter_mut() {
        let start = starts.next().unwrap_or(0);
        *s = hash_str(&lower[start..]);
    }
    WordKeys {
        form: hash_str(form),
        lower: hash_str(lower),
        prefix,
        suffix,
        shape: hash_str(shape),
        flags,
        amb: UNKNOWN_AMB,
        caps: 0,
    }
}

// Template ids. Word templates are offset by `offset_index << 8` so that the same property
// seen from different positions makes different features.
const T_BIAS: u32 = 1;
const T_FORM: u32 = 2;
const T_LOWER: u32 = 3;
const T_PREFIX: u32 = 4; // ..=6
const T_SUFFIX: u32 = 7; // ..=10
const T_SHAPE: u32 = 11;
const T_FLAG: u32 = 12;
const T_FLAGS: u32 = 13;
const T_AMB: u32 = 14;
const T_CAPS: u32 = 15;
const T_PAIR_PREV: u32 = 0x1001;
const T_PAIR_NEXT: u32 = 0x1002;
const T_PAIR_AROUND: u32 = 0x1003;
const T_HIST1: u32 = 0x2001;
const T_HIST2: u32 = 0x2002;
const T_HIST12: u32 = 0x2003;
const T_HIST1_WORD: u32 = 0x2004;
const T_HIST1_SHAPE: u32 = 0x2005;
const T_HIST1_NEXT: u32 = 0x2006;
const T_RIGHT1: u32 = 0x3001;
const T_RIGHT2: u32 = 0x3002;
const T_RIGHT12: u32 = 0x3003;
const T_AROUND: u32 = 0x3004;
const T_RIGHT1_WORD: u32 = 0x3005;
const T_RIGHT1_SHAPE: u32 = 0x3006;

/// Features that word `k` contributes when it sits at `OFFSETS[oi]` from the word being tagged.
pub fn word_features(k: &WordKeys, oi: usize, out: &mut Vec<u64>) {
    let t = |id: u32| id | ((oi as u32) << 8);
    match oi {
        CENTER => {
            out.push(feature(T_BIAS, 0));
            out.push(feature(t(T_FORM), k.form));
            out.push(feature(t(T_LOWER), k.lower));
            for (j, &p) in k.prefix.iter().enumerate() {
                out.push(feature(t(T_PREFIX + j as u32), p));
            }
            for (j, &s) in k.suffix.iter().enumerate() {
                out.push(feature(t(T_SUFFIX + j as u32), s));
            }
            out.push(feature(t(T_SHAPE), k.shape));
            for bit in 0..flag::COUNT {
                if k.flags & (1 << bit) != 0 {
                    out.push(feature(t(T_FLAG), bit as u64));
                }
            }
            out.push(feature(t(T_FLAGS), k.flags as u64));
            out.push(feature(t(T_AMB), k.amb));
            let init_upper = (k.flags & flag::INIT_UPPER != 0) as u64;
            out.push(feature(t(T_CAPS), mix(k.caps as u64, init_upper)));
        }
        1 | 3 => {
            out.push(feature(t(T_LOWER), k.lower));
            out.push(feature(t(T_SUFFIX + 2), k.suffix[2]));
            out.push(feature(t(T_SUFFIX + 1), k.suffix[1]));
            out.push(feature(t(T_SHAPE), k.shape));
            out.push(feature(t(T_FLAGS), k.flags as u64));
            if oi == 3 {
                out.push(feature(t(T_AMB), k.amb));
            }
            out.push(feature(t(T_CAPS), k.caps as u64));
        }
        _ => {
            out.push(feature(t(T_LOWER), k.lower));
            out.push(feature(t(T_SHAPE), k.shape));
            if oi == 4 {
                out.push(feature(t(T_AMB), k.amb));
            }
        }
    }
}

/// Features joining the word being tagged with its neighbours. `keys` is padded: the word
/// being tagged is `keys[at]`, with at least [`CENTER`] words either side.
pub fn pair_features(keys: &[WordKeys], at: usize) -> [u64; 3] {
    let (prev, cur, next) = (keys[at - 1].lower, keys[at].lower, keys[at + 1].lower);
    [
        feature(T_PAIR_PREV, mix(prev, cur)),
        feature(T_PAIR_NEXT, mix(cur, next)),
        feature(T_PAIR_AROUND, mix(prev, next)),
    ]
}

/// Features of the two previous predicted classes alone (`start` stands for "before the
/// sentence"). These take few values, so tagging keeps their sums in a dense table.
pub fn history_features(p1: usize, p2: usize) -> [u64; 3] {
    [
        feature(T_HIST1, p1 as u64),
        feature(T_HIST2, p2 as u64),
        feature(T_HIST12, mix(p2 as u64, p1 as u64)),
    ]
}

/// Features joining the previous predicted class with the words around the one being tagged.
pub fn history_word_features(keys: &[WordKeys], at: usize, p1: usize) -> [u64; 3] {
    let p = p1 as u64;
    [
        feature(T_HIST1_WORD, mix(p, keys[at].lower)),
        feature(T_HIST1_SHAPE, mix(p, keys[at].shape)),
        feature(T_HIST1_NEXT, mix(p, keys[at + 1].lower)),
    ]
}

/// Second pass only: features of the first pass's classes for the next two words (`end`, the
/// class count, past the sentence end). Dense at run time, like the history.
pub fn right_features(n1: usize, n2: usize) -> [u64; 3] {
    [
        feature(T_RIGHT1, n1 as u64),
        feature(T_RIGHT2, n2 as u64),
        feature(T_RIGHT12, mix(n1 as u64, n2 as u64)),
    ]
}

/// Second pass only: the classes either side of the word being tagged. Dense at run time.
pub fn around_feature(p1: usize, n1: usize) -> u64 {
    feature(T_AROUND, mix(p1 as u64, n1 as u64))
}

/// Second pass only: the next word's first-pass class with the word being tagged.
pub fn right_word_features(keys: &[WordKeys], at: usize, n1: usize) -> [u64; 2] {
    let n = n1 as u64;
    [
        feature(T_RIGHT1_WORD, mix(n, keys[at].lower)),
        feature(T_RIGHT1_SHAPE, mix(n, keys[at].shape)),
    ]
}

/// The first pass's classes of the two words after `i` in a sentence tagged `first`, with
/// `end` past its end.
pub fn right_classes(first: &[u16], i: usize, end: usize) -> (usize, usize) {
    let at = |j: usize| first.get(j).map_or(end, |&c| c as usize);
    (at(i + 1), at(i + 2))
}

/// Every feature of the word at `keys[at]` (padded keys) given the previous two classes and,
/// in the second pass, the first pass's next two: what training sees, and what the fast path
/// must add up to.
pub fn all_features(
    keys: &[WordKeys],
    at: usize,
    (p1, p2): (usize, usize),
    right: Option<(usize, usize)>,
    out: &mut Vec<u64>,
) {
    out.clear();
    for (oi, off) in OFFSETS.iter().enumerate() {
        word_features(&keys[(at as isize + off) as usize], oi, out);
    }
    out.extend_from_slice(&pair_features(keys, at));
    out.extend_from_slice(&history_features(p1, p2));
    out.extend_from_slice(&history_word_features(keys, at, p1));
    if let Some((n1, n2)) = right {
        out.extend_from_slice(&right_features(n1, n2));
        out.push(around_feature(p1, n1));
        out.extend_from_slice(&right_word_features(keys, at, n1));
    }
}

/// Padded keys of a sentence into `out`: two pads, the words, two pads. Without a lexicon
/// every word's ambiguity class is unknown (the fast path has it in its cached sums); without
/// a capitalisation table, every word's bucket.
pub fn sentence_keys<'a>(
    forms: impl Iterator<Item = &'a str>,
    lexicon: Option<&Lexicon>,
    caps: Option<&CapsTable>,
    scratch: &mut KeyScratch,
    out: &mut Vec<WordKeys>,
) {
    out.clear();
    out.push(pad_keys(0));
    out.push(pad_keys(1));
    for f in forms {
        let mut k = word_keys(f, scratch);
        if let Some(&amb) = lexicon.and_then(|l| l.get(&k.form)) {
            k.amb = amb;
        }
        if let Some(&b) = caps.and_then(|c| c.get(&k.lower)) {
            k.caps = b;
        }
        out.push(k);
    }
    out.push(pad_keys(2));
    out.push(pad_keys(3));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(w: &str) -> WordKeys {
        word_keys(w, &mut KeyScratch::default())
    }

    #[test]
    fn case_folds_into_lower_but_not_form() {
        let (a, b) = (keys("Talks"), keys("talks"));
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.form, b.form);
        assert_ne!(a.shape, b.shape);
        assert_eq!(a.shape, hash_str("Xx"));
        assert_eq!(a.flags & flag::INIT_UPPER, flag::INIT_UPPER);
        assert_eq!(b.flags & flag::UPPER, 0);
    }

    #[test]
    fn affixes_and_shapes() {
        let k = keys("walking");
        assert_eq!(k.suffix[2], hash_str("ing"));
        assert_eq!(k.prefix[1], hash_str("wa"));
        // A short word's longer affixes are the word itself.
        let k = keys("at");
        assert_eq!(k.suffix[3], hash_str("at"));
        assert_eq!(k.prefix[2], hash_str("at"));
        assert_eq!(keys("1,200").shape, hash_str("d,d"));
        assert_eq!(keys("COVID-19").shape, hash_str("X-d"));
        let f = keys("COVID-19").flags;
        assert_ne!(f & flag::ALL_UPPER, 0);
        assert_ne!(f & flag::HYPHEN, 0);
        assert_ne!(f & flag::DIGIT, 0);
        assert_ne!(keys("...").flags & flag::NO_ALNUM, 0);
    }

    #[test]
    fn non_ascii_words_hash_without_panicking() {
        let k = keys("Türkiye");
        assert_eq!(k.lower, hash_str("türkiye"));
        assert_eq!(k.suffix[3], hash_str("kiye"));
        assert_eq!(keys("É").prefix[2], hash_str("é"));
        let _ = keys("");
    }

    #[test]
    fn features_depend_on_position_and_history() {
        let mut scratch = KeyScratch::default();
        let mut ks = Vec::new();
        let lex: Lexicon = [(hash_str("met"), ambiguity(0b11, 1))]
            .into_iter()
            .collect();
        let caps: CapsTable = [(hash_str("leaders"), 2)].into_iter().collect();
        let forms = ["Leaders", "met"].into_iter();
        sentence_keys(forms, Some(&lex), Some(&caps), &mut scratch, &mut ks);
        assert_eq!((ks[2].caps, ks[3].caps), (2, 0));
        assert_eq!(ks[2].amb, UNKNOWN_AMB);
        assert_eq!(ks[3].amb, ambiguity(0b11, 1));
        assert_eq!(ks.len(), 6);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        all_features(&ks, 2, (3, 4), None, &mut a);
        all_features(&ks, 2, (5, 4), None, &mut b);
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
        all_features(&ks, 2, (3, 4), Some((1, 17)), &mut b);
        assert_eq!(&b[..a.len()], &a[..]);
        assert!(b.len() > a.len());
        assert_eq!(right_classes(&[4, 5, 6], 1, 17), (6, 17));
        // The same word seen from two offsets gives different features.
        let (mut c, mut d) = (Vec::new(), Vec::new());
        word_features(&ks[2], 1, &mut c);
        word_features(&ks[2], 3, &mut d);
        assert!(c.iter().all(|f| !d.contains(f)));
    }
}
