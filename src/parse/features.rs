//! Feature templates in the style of Zhang & Nivre (2011), adapted to arc-hybrid: in arc-hybrid
//! `s0` has no head yet and its candidate heads are `s1` (RIGHT) and `b0` (LEFT), so `s1`'s right
//! side takes the place of Zhang & Nivre's head features.
//!
//! Tags come from the tagger at run time and are wrong about one word in twenty, so besides the
//! classic templates a few features check the tag against the spelling (shape, suffix) and the
//! word's ambiguity class from the training lexicon ([`super::lexicon`]).
//!
//! Token properties are hashed once per sentence ([`Tokens`]); a configuration turns into a
//! fixed-size array of feature hashes without allocating.

use super::lexicon::Lexicon;
use super::transition::{State, NONE};
use crate::doc::{Token, Upos};
use crate::model::hash::{feature, hash_str, mix};

pub const N_FEATS: usize = 110;

/// Per-token hashes for one sentence; slot `n` is the root, slot `n + 1` stands for "no token".
#[derive(Default)]
pub struct Tokens {
    n: usize,
    w: Vec<u64>,
    p: Vec<u64>,
    wp: Vec<u64>,
    sfx: Vec<u64>,
    /// Spelling shape (capitals, digits, other characters): a check on the predicted tag.
    shape: Vec<u64>,
    /// Ambiguity class from the training lexicon.
    amb: Vec<u64>,
    scratch: String,
}

const ROOT_MARK: u64 = 0x726f_6f74;
const NONE_MARK: u64 = 0x6e6f_6e65;

impl Tokens {
    /// Hash the forms (lowercased, digits folded to 0) and tags of a sentence.
    pub fn fill<'a>(&mut self, forms: impl Iterator<Item = (&'a str, Upos)>, lex: &Lexicon) {
        self.w.clear();
        self.p.clear();
        self.sfx.clear();
        self.shape.clear();
        self.amb.clear();
        for (form, upos) in forms {
            self.shape.push(shape(form));
            let w = word_hash(form, &mut self.scratch);
            self.w.push(w);
            self.amb.push(lex.class(w) as u64);
            let cut = self
                .scratch
                .char_indices()
                .rev()
                .nth(2)
                .map(|(i, _)| i)
                .unwrap_or(0);
            self.sfx.push(hash_str(&self.scratch[cut..]));
            self.p.push(upos.index() as u64 + 1);
        }
        self.n = self.w.len();
        for mark in [ROOT_MARK, NONE_MARK] {
            self.w.push(mark);
            self.p.push(mark);
            self.sfx.push(mark);
            self.shape.push(mark);
            self.amb.push(mark);
        }
        self.wp.clear();
        for i in 0..self.w.len() {
            self.wp.push(mix(self.w[i], self.p[i]));
        }
    }

    pub fn fill_from_tokens(&mut self, toks: &[Token], lex: &Lexicon) {
        self.fill(toks.iter().map(|t| (t.form.as_str(), t.upos)), lex);
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    #[inline]
    fn ix(&self, t: u32) -> usize {
        if t == NONE {
            self.n + 1
        } else {
            t as usize
        }
    }
}

/// The word identity features use: lowercased, digits folded to 0 (`scratch` keeps the folded
/// form for the suffix).
pub fn word_hash(form: &str, scratch: &mut String) -> u64 {
    scratch.clear();
    for c in form.chars() {
        if c.is_ascii_digit() {
            scratch.push('0');
        } else {
            scratch.extend(c.to_lowercase());
        }
    }
    hash_str(scratch)
}

/// A few bits of spelling: first letter capital, all capitals, any digit, any letter, any
/// other character.
fn shape(form: &str) -> u64 {
    let mut chars = form.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase) as u64;
    let (mut upper, mut lower, mut digit, mut other) = (0u64, 0u64, 0u64, 0u64);
    for c in form.chars() {
        if c.is_uppercase() {
            upper = 1;
        } else if c.is_lowercase() {
            lower = 1;
        } else if c.is_numeric() {
            digit = 1;
        } else {
            other = 1;
        }
    }
    first_upper | (upper & (lower ^ 1)) << 1 | digit << 2 | (upper | lower) << 3 | other << 4
}

#[inline]
fn dist_bucket(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=5 => d as u64,
        6..=9 => 6,
        _ => 7,
    }
}

#[inline]
fn child(v: &[u32], t: u32) -> u32 {
    if t == NONE {
        NONE
    } else {
        v[t as usize]
    }
}

#[inline]
fn lab(st: &State, t: u32) -> u64 {
    if t == NONE {
        255
    } else {
        st.label[t as usize] as u64
    }
}

#[inline]
fn get<T: Copy>(v: &[T], t: u32, none: T) -> T {
    if t == NONE {
        none
    } else {
        v[t as usize]
    }
}

/// Features (by template number) that depend only on the stack's depth and its top three
/// words: fixed from the moment the top word is pushed until it is popped.
pub const STACK_STATIC: [usize; 25] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 18, 19, 21, 24, 25, 30, 42, 43, 44, 45, 46, 47, 48, 54, 71, 72,
];
/// Features that depend only on the buffer's first three words: fixed until a shift.
pub const BUFFER_STATIC: [usize; 19] = [
    9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 22, 23, 26, 27, 29, 39, 40, 41, 51,
];
/// The other features: they see children, valency or the distance between stack and buffer.
pub const DYNAMIC: [usize; N_FEATS - 44] = dynamic();

const fn dynamic() -> [usize; N_FEATS - 44] {
    let mut out = [0; N_FEATS - 44];
    let (mut n, mut i) = (0, 0);
    while i < N_FEATS {
        if !contains(&STACK_STATIC, i) && !contains(&BUFFER_STATIC, i) {
            out[n] = i;
            n += 1;
        }
        i += 1;
    }
    out
}

const fn contains(list: &[usize], x: usize) -> bool {
    let mut i = 0;
    while i < list.len() {
        if list[i] == x {
            return true;
        }
        i += 1;
    }
    false
}

/// Fill `out` with the features of configuration `st` over sentence `tk`.
pub fn extract(tk: &Tokens, st: &State, out: &mut [u64; N_FEATS]) {
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = st.buf(0);
    let b1 = st.buf(1);
    let b2 = st.buf(2);
    let s0l = child(&st.lc1, s0);
    let s0l2 = child(&st.lc2, s0);
    let s0r = child(&st.rc1, s0);
    let s0r2 = child(&st.rc2, s0);
    let s1l = child(&st.lc1, s1);
    let s1r = child(&st.rc1, s1);
    let s1r2 = child(&st.rc2, s1);
    let b0l = child(&st.lc1, b0);
    let b0l2 = child(&st.lc2, b0);

    let w = |t: u32| tk.w[tk.ix(t)];
    let p = |t: u32| tk.p[tk.ix(t)];
    let wp = |t: u32| tk.wp[tk.ix(t)];
    let m3 = |a: u64, b: u64, c: u64| mix(mix(a, b), c);

    let (s0w, s0p, s0wp) = (w(s0), p(s0), wp(s0));
    let (s1w, s1p, s1wp) = (w(s1), p(s1), wp(s1));
    let (b0w, b0p, b0wp) = (w(b0), p(b0), wp(b0));
    let (b1w, b1p, b1wp) = (w(b1), p(b1), wp(b1));
    let (b2w, b2p) = (w(b2), p(b2));
    let s2p = p(s2);
    let d = dist_bucket(s0, b0);
    let d1 = dist_bucket(s1, s0);
    let s0vl = get(&st.nl, s0, 0) as u64;
    let s0vr = get(&st.nr, s0, 0) as u64;
    let s1vl = get(&st.nl, s1, 0) as u64;
    let s1vr = get(&st.nr, s1, 0) as u64;
    let b0vl = get(&st.nl, b0, 0) as u64;
    let s0sl = get(&st.lset, s0, 0);
    let s0sr = get(&st.rset, s0, 0);
    let s1sr = get(&st.rset, s1, 0);
    let b0sl = get(&st.lset, b0, 0);
    let (s0lp, s0rp, s0l2p, s0r2p) = (p(s0l), p(s0r), p(s0l2), p(s0r2));
    let (s1lp, s1rp, s1r2p) = (p(s1l), p(s1r), p(s1r2));
    let (b0lp, b0l2p) = (p(b0l), p(b0l2));
    let stack_depth = (st.stack.len() as u64).min(4);

    let v: [u64; N_FEATS] = [
        // bias
        stack_depth,
        // unigrams
        s0w,
        s0p,
        s0wp,
        s1w,
        s1p,
        s1wp,
        s2p,
        w(s2),
        b0w,
        b0p,
        b0wp,
        b1w,
        b1p,
        b1wp,
        b2w,
        b2p,
        tk.sfx[tk.ix(b0)],
        tk.sfx[tk.ix(s0)],
        tk.sfx[tk.ix(s1)],
        tk.sfx[tk.ix(b1)],
        mix(tk.shape[tk.ix(s0)], s0p),
        mix(tk.shape[tk.ix(b0)], b0p),
        mix(tk.shape[tk.ix(b1)], b1p),
        mix(tk.amb[tk.ix(s0)], s0p),
        mix(tk.amb[tk.ix(s1)], s1p),
        mix(tk.amb[tk.ix(b0)], b0p),
        mix(tk.amb[tk.ix(b1)], b1p),
        m3(tk.amb[tk.ix(s0)], tk.amb[tk.ix(b0)], d),
        mix(tk.amb[tk.ix(b2)], b2p),
        mix(tk.amb[tk.ix(s1)], tk.amb[tk.ix(s0)]),
        m3(mix(tk.amb[tk.ix(s0)], tk.amb[tk.ix(b0)]), s0p, b0p),
        // pairs s0-b0
        mix(s0wp, b0wp),
        mix(s0wp, b0w),
        mix(s0w, b0wp),
        mix(s0wp, b0p),
        mix(s0p, b0wp),
        mix(s0w, b0w),
        mix(s0p, b0p),
        mix(b0p, b1p),
        mix(b0w, b1w),
        mix(b0wp, b1p),
        // pairs s1-s0
        mix(s1wp, s0wp),
        mix(s1w, s0w),
        mix(s1p, s0p),
        mix(s1wp, s0p),
        mix(s1p, s0wp),
        mix(s1w, s0p),
        mix(s1p, s0w),
        mix(s1p, b0p),
        mix(s1w, b0w),
        // triples
        m3(b0p, b1p, b2p),
        m3(s0p, b0p, b1p),
        m3(s1p, s0p, b0p),
        m3(s2p, s1p, s0p),
        m3(s0p, s0lp, b0p),
        m3(s0p, s0rp, b0p),
        m3(s0p, b0p, b0lp),
        m3(s1p, s1rp, s0p),
        m3(s1p, s1lp, s0p),
        m3(s1p, s0p, s0lp),
        m3(s1p, s0p, s0rp),
        m3(s0w, b0p, b1p),
        m3(s1p, s0w, b0p),
        m3(s1p, s0p, b0w),
        // distance
        mix(s0w, d),
        mix(s0p, d),
        mix(b0w, d),
        mix(b0p, d),
        m3(s0w, b0w, d),
        m3(s0p, b0p, d),
        m3(s1p, s0p, d1),
        m3(s1w, s0w, d1),
        // valency
        mix(s0w, s0vr),
        mix(s0p, s0vr),
        mix(s0w, s0vl),
        mix(s0p, s0vl),
        mix(b0w, b0vl),
        mix(b0p, b0vl),
        mix(s1w, s1vr),
        mix(s1p, s1vr),
        mix(s1p, s1vl),
        // children (second order)
        w(s0l),
        s0lp,
        lab(st, s0l),
        w(s0r),
        s0rp,
        lab(st, s0r),
        w(b0l),
        b0lp,
        lab(st, b0l),
        w(s1r),
        s1rp,
        lab(st, s1r),
        s1lp,
        lab(st, s1l),
        // third order
        s0l2p,
        lab(st, s0l2),
        s0r2p,
        lab(st, s0r2),
        b0l2p,
        lab(st, b0l2),
        m3(s0p, s0lp, s0l2p),
        m3(s0p, s0rp, s0r2p),
        m3(b0p, b0lp, b0l2p),
        m3(s1p, s1rp, s1r2p),
        // label sets
        mix(s0p, s0sr),
        mix(s0p, s0sl),
        mix(b0p, b0sl),
        mix(s1p, s1sr),
    ];
    for (i, (o, x)) in out.iter_mut().zip(v).enumerate() {
        *o = feature(i as u32, x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::transition::Move;

    #[test]
    fn words_are_case_insensitive_but_shape_is_not() {
        let lex = Lexicon::default();
        let mut a = Tokens::default();
        a.fill([("The", Upos::Det), ("cat", Upos::Noun)].into_iter(), &lex);
        let mut a2 = Tokens::default();
        a2.fill([("The", Upos::Det), ("cat", Upos::Noun)].into_iter(), &lex);
        let mut b = Tokens::default();
        b.fill([("the", Upos::Det), ("cat", Upos::Noun)].into_iter(), &lex);
        let mut st = State::default();
        st.reset(2);
        st.apply(Move::Shift, 0);
        let (mut fa, mut fa2, mut fb) = ([0; N_FEATS], [0; N_FEATS], [0; N_FEATS]);
        extract(&a, &st, &mut fa);
        extract(&a2, &st, &mut fa2);
        extract(&b, &st, &mut fb);
        assert_eq!(fa, fa2, "same input, same features");
        // s0w, s0p, s0wp come right after the bias.
        assert_eq!(fa[1..4], fb[1..4]);
        assert_ne!(fa, fb, "the shape features see the capital");
        st.apply(Move::Left, 3);
        extract(&a, &st, &mut fb);
        assert_ne!(fa, fb);
    }

    /// The static groups' claim: along any sequence of moves, their features stay equal
    /// while the stack's depth and top three words (or the buffer front) are the same.
    #[test]
    fn static_features_depend_only_on_their_words() {
        let lex = Lexicon::default();
        let words = ["The", "old", "man", "saw", "2", "dogs", "in", "Paris", "."];
        let tags = [
            Upos::Det,
            Upos::Adj,
            Upos::Noun,
            Upos::Verb,
            Upos::Num,
            Upos::Noun,
            Upos::Adp,
            Upos::Propn,
            Upos::Punct,
        ];
        let mut tk = Tokens::default();
        tk.fill(words.into_iter().zip(tags), &lex);
        let mut seen: Vec<(Vec<u32>, u32, [u64; N_FEATS])> = Vec::new();
        for seed in 0..40u64 {
            let mut st = State::default();
            st.reset(words.len());
            let mut r = seed;
            while !st.is_terminal() {
                let mut f = [0; N_FEATS];
                extract(&tk, &st, &mut f);
                let top: Vec<u32> = (0..3)
                    .map(|i| st.s(i))
                    .chain([st.stack.len() as u32])
                    .collect();
                for (t, b, g) in &seen {
                    if *t == top {
                        assert!(STACK_STATIC.iter().all(|&i| g[i] == f[i]));
                    }
                    if *b == st.b {
                        assert!(BUFFER_STATIC.iter().all(|&i| g[i] == f[i]));
                    }
                }
                seen.push((top, st.b, f));
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let m = [Move::Shift, Move::Left, Move::Right][(r >> 33) as usize % 3];
                if st.can(m) && !(m == Move::Left && st.left_is_root() && st.stack.len() > 1) {
                    st.apply(m, (r >> 40) as u8 % 30);
                } else if st.can(Move::Shift) {
                    st.apply(Move::Shift, 0);
                } else if st.can(Move::Right) {
                    st.apply(Move::Right, 1);
                } else {
                    st.apply(Move::Left, 0);
                }
            }
        }
        assert_eq!(
            STACK_STATIC.len() + BUFFER_STATIC.len() + DYNAMIC.len(),
            N_FEATS
        );
    }

    #[test]
    fn shapes_tell_capitals_digits_and_symbols_apart() {
        let all: Vec<u64> = ["the", "The", "THE", "1990", "-", "B2B", "Ünïcode"]
            .iter()
            .map(|w| shape(w))
            .collect();
        for i in 0..all.len() {
            for j in 0..i {
                if (i, j) != (6, 1) {
                    assert_ne!(all[i], all[j], "{i} vs {j}");
                }
            }
        }
        assert_eq!(shape("Ünïcode"), shape("The"));
    }
}
