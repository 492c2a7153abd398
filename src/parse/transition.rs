//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the root
//! token placed at the END of the buffer (Ballesteros & Nivre 2013), labelled.
//!
//! Words are `0..n`; the artificial root is `n`. Transitions:
//! - SHIFT: move the buffer front `b0` onto the stack (never the root);
//! - LEFT(l): pop `s0` and make `b0` its head;
//! - RIGHT(l): pop `s0` and make `s1` its head.
//!
//! LEFT onto the root is only allowed when `s0` is the last stack item, so every complete
//! sequence yields a tree with exactly one word attached to the root. All bookkeeping lives in
//! vectors that `reset` reuses, so applying a transition never allocates.

/// No token (a missing child, head or stack position).
pub const NONE: u32 = u32::MAX;

/// Transition kinds; a class packs a kind with a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift,
    Left,
    Right,
}

/// Maps classes to (move, label) and back: class 0 is SHIFT, `1..=L` LEFT with label `c-1`,
/// `L+1..=2L` RIGHT with label `c-1-L`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classes {
    pub n_labels: usize,
}

impl Classes {
    pub fn count(self) -> usize {
        1 + 2 * self.n_labels
    }
    pub fn encode(self, m: Move, label: u8) -> usize {
        match m {
            Move::Shift => 0,
            Move::Left => 1 + label as usize,
            Move::Right => 1 + self.n_labels + label as usize,
        }
    }
    pub fn decode(self, class: usize) -> (Move, u8) {
        if class == 0 {
            (Move::Shift, 0)
        } else if class <= self.n_labels {
            (Move::Left, (class - 1) as u8)
        } else {
            (Move::Right, (class - 1 - self.n_labels) as u8)
        }
    }
}

/// A parser configuration plus the per-token facts the feature extractor reads.
#[derive(Debug, Default, Clone)]
pub struct State {
    /// Number of words; the root is token `n`.
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer; `n` means only the root is left.
    pub b: u32,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    /// Leftmost and second-leftmost children, rightmost and second-rightmost.
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Number of left and right children.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Bit sets of the labels of left and right children (labels < 64).
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

fn refill<T: Copy>(v: &mut Vec<T>, len: usize, x: T) {
    v.clear();
    v.resize(len, x);
}

impl State {
    /// Start configuration for `n` words: empty stack, whole sentence plus root in the buffer.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        let len = n + 1;
        refill(&mut self.head, len, NONE);
        refill(&mut self.label, len, 0);
        refill(&mut self.lc1, len, NONE);
        refill(&mut self.lc2, len, NONE);
        refill(&mut self.rc1, len, NONE);
        refill(&mut self.rc2, len, NONE);
        refill(&mut self.nl, len, 0);
        refill(&mut self.nr, len, 0);
        refill(&mut self.lset, len, 0);
        refill(&mut self.rset, len, 0);
    }

    pub fn root(&self) -> u32 {
        self.n as u32
    }

    pub fn is_terminal(&self) -> bool {
        self.stack.is_empty() && self.b as usize == self.n
    }

    /// Stack item `i` from the top (0 = top), or [`NONE`].
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            NONE
        }
    }

    /// Buffer item `i` from the front (0 = front, the root counts), or [`NONE`].
    #[inline]
    pub fn buf(&self, i: usize) -> u32 {
        let t = self.b as usize + i;
        if t <= self.n {
            t as u32
        } else {
            NONE
        }
    }

    pub fn can(&self, m: Move) -> bool {
        match m {
            Move::Shift => (self.b as usize) < self.n,
            Move::Left => {
                !self.stack.is_empty() && ((self.b as usize) < self.n || self.stack.len() == 1)
            }
            Move::Right => self.stack.len() >= 2,
        }
    }

    /// Whether LEFT now attaches to the root (and so must carry the root label).
    pub fn left_is_root(&self) -> bool {
        self.b as usize == self.n
    }

    /// Apply a legal move. Illegal moves are the caller's bug; they are ignored rather than
    /// corrupting the configuration.
    pub fn apply(&mut self, m: Move, label: u8) {
        if !self.can(m) {
            debug_assert!(false, "illegal move {m:?}");
            return;
        }
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left => {
                let d = self.stack.pop().expect("checked by can");
                self.attach(self.b, d, label);
            }
            Move::Right => {
                let d = self.stack.pop().expect("checked by can");
                let h = *self.stack.last().expect("checked by can");
                self.attach(h, d, label);
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, label: u8) {
        let (hi, di) = (h as usize, d as usize);
        self.head[di] = h;
        self.label[di] = label;
        let bit = 1u64 << (label & 63);
        // In arc-hybrid every new child of a head is further out than the previous ones.
        if d < h {
            self.lc2[hi] = self.lc1[hi];
            self.lc1[hi] = d;
            self.nl[hi] = self.nl[hi].saturating_add(1);
            self.lset[hi] |= bit;
        } else {
            self.rc2[hi] = self.rc1[hi];
            self.rc1[hi] = d;
            self.nr[hi] = self.nr[hi].saturating_add(1);
            self.rset[hi] |= bit;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator so the test needs no crates.
    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    fn is_tree(st: &State) -> bool {
        let n = st.n;
        let roots = (0..n).filter(|&i| st.head[i] == n as u32).count();
        if roots != 1 {
            return false;
        }
        (0..n).all(|i| {
            let mut cur = i;
            for _ in 0..=n {
                let h = st.head[cur];
                if h == n as u32 {
                    return true;
                }
                if h == NONE {
                    return false;
                }
                cur = h as usize;
            }
            false
        })
    }

    #[test]
    fn random_legal_sequences_always_give_a_tree() {
        let mut seed = 7;
        let mut st = State::default();
        for trial in 0..500 {
            let n = 1 + (trial % 40);
            st.reset(n);
            let mut steps = 0;
            while !st.is_terminal() {
                let legal: Vec<Move> = [Move::Shift, Move::Left, Move::Right]
                    .into_iter()
                    .filter(|&m| st.can(m))
                    .collect();
                assert!(!legal.is_empty(), "stuck before the end");
                let m = legal[next(&mut seed) as usize % legal.len()];
                st.apply(m, (next(&mut seed) % 50) as u8);
                steps += 1;
            }
            assert_eq!(steps, 2 * n, "arc-hybrid takes 2n transitions");
            assert!(is_tree(&st), "not a tree for n={n}");
        }
    }

    #[test]
    fn classes_round_trip() {
        let c = Classes { n_labels: 58 };
        assert_eq!(c.count(), 117);
        for class in 0..c.count() {
            let (m, l) = c.decode(class);
            assert_eq!(c.encode(m, l), class);
        }
    }

    #[test]
    fn children_are_tracked_outermost_first() {
        let mut st = State::default();
        // "a b c": c heads a and b (b attached first, then a).
        st.reset(3);
        st.apply(Move::Shift, 0); // a
        st.apply(Move::Shift, 0); // b
        st.apply(Move::Left, 4); // b <- c
        st.apply(Move::Left, 5); // a <- c
        assert_eq!(st.lc1[2], 0);
        assert_eq!(st.lc2[2], 1);
        assert_eq!(st.nl[2], 2);
        assert_eq!(st.lset[2], (1 << 4) | (1 << 5));
    }
}
