//! Feature templates in the style of Zhang & Nivre (2011), adapted to arc-hybrid: in arc-hybrid
//! `s0` has no head yet and its candidate heads are `s1` (RIGHT) and `b0` (LEFT), so `s1`'s right
//! side takes the place of Zhang & Nivre's head features.
//!
//! Token properties are hashed once per sentence ([`Tokens`]); a configuration turns into a
//! fixed-size array of feature hashes without allocating.

use super::transition::{State, NONE};
use crate::doc::{Token, Upos};
use crate::model::hash::{feature, hash_str, mix};

pub const N_FEATS: usize = 76;

/// Per-token hashes for one sentence; slot `n` is the root, slot `n + 1` stands for "no token".
#[derive(Default)]
pub struct Tokens {
    n: usize,
    w: Vec<u64>,
    p: Vec<u64>,
    wp: Vec<u64>,
    sfx: Vec<u64>,
    scratch: String,
}

const ROOT_MARK: u64 = 0x726f_6f74;
const NONE_MARK: u64 = 0x6e6f_6e65;

impl Tokens {
    /// Hash the forms (lowercased, digits folded to 0) and tags of a sentence.
    pub fn fill<'a>(&mut self, forms: impl Iterator<Item = (&'a str, Upos)>) {
        self.w.clear();
        self.p.clear();
        self.sfx.clear();
        for (form, upos) in forms {
            self.scratch.clear();
            for c in form.chars() {
                if c.is_ascii_digit() {
                    self.scratch.push('0');
                } else {
                    self.scratch.extend(c.to_lowercase());
                }
            }
            self.w.push(hash_str(&self.scratch));
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
        }
        self.wp.clear();
        for i in 0..self.w.len() {
            self.wp.push(mix(self.w[i], self.p[i]));
        }
    }

    pub fn fill_from_tokens(&mut self, toks: &[Token]) {
        self.fill(toks.iter().map(|t| (t.form.as_str(), t.upos)));
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
    let b2p = p(b2);
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
    let (s1rp, s1r2p) = (p(s1r), p(s1r2));
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
        b0w,
        b0p,
        b0wp,
        b1w,
        b1p,
        b1wp,
        b2p,
        tk.sfx[tk.ix(b0)],
        // pairs s0-b0
        mix(s0wp, b0wp),
        mix(s0wp, b0w),
        mix(s0w, b0wp),
        mix(s0wp, b0p),
        mix(s0p, b0wp),
        mix(s0w, b0w),
        mix(s0p, b0p),
        mix(b0p, b1p),
        // pairs s1-s0
        mix(s1wp, s0wp),
        mix(s1w, s0w),
        mix(s1p, s0p),
        mix(s1wp, s0p),
        mix(s1p, s0wp),
        mix(s1p, b0p),
        // triples
        m3(b0p, b1p, b2p),
        m3(s0p, b0p, b1p),
        m3(s1p, s0p, b0p),
        m3(s2p, s1p, s0p),
        m3(s0p, s0lp, b0p),
        m3(s0p, s0rp, b0p),
        m3(s0p, b0p, b0lp),
        m3(s1p, s1rp, s0p),
        m3(s1p, s0p, s0lp),
        m3(s1p, s0p, s0rp),
        m3(s1p, s0w, b0p),
        m3(s1p, s0p, b0w),
        // distance
        mix(s0p, d),
        mix(b0p, d),
        m3(s0w, b0w, d),
        m3(s0p, b0p, d),
        m3(s1p, s0p, d1),
        // valency
        mix(s0w, s0vr),
        mix(s0p, s0vr),
        mix(s0p, s0vl),
        mix(b0p, b0vl),
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
        // third order
        lab(st, s0l2),
        lab(st, s0r2),
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
    fn features_are_deterministic_and_case_insensitive() {
        let mut a = Tokens::default();
        a.fill([("The", Upos::Det), ("cat", Upos::Noun)].into_iter());
        let mut b = Tokens::default();
        b.fill([("the", Upos::Det), ("cat", Upos::Noun)].into_iter());
        let mut st = State::default();
        st.reset(2);
        st.apply(Move::Shift, 0);
        let (mut fa, mut fb) = ([0; N_FEATS], [0; N_FEATS]);
        extract(&a, &st, &mut fa);
        extract(&b, &st, &mut fb);
        assert_eq!(fa, fb);
        st.apply(Move::Left, 3);
        extract(&a, &st, &mut fb);
        assert_ne!(fa, fb);
    }
}
