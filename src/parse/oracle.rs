//! Gold trees for training: projectivisation and the arc-hybrid dynamic oracle
//! (Goldberg & Nivre 2013).
//!
//! Gold heads are given as `head[d] ∈ 0..=n` with `n` the root. The dynamic oracle says how many
//! gold arcs a move makes unreachable from the current configuration; it is exact for projective
//! gold trees, which is why training trees are projectivised first.

use super::transition::{Move, State};

/// Whether `a` dominates `d` (is `d` or one of its ancestors) in the tree `head`.
fn dominates(head: &[u32], a: u32, d: u32) -> bool {
    let n = head.len() as u32;
    let mut cur = d;
    for _ in 0..=head.len() {
        if cur == a {
            return true;
        }
        if cur >= n {
            return false;
        }
        cur = head[cur as usize];
    }
    false
}

/// The arc `head[d] → d` is projective when its head dominates every token between the two.
fn arc_is_projective(head: &[u32], d: usize) -> bool {
    let h = head[d] as usize;
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    (lo + 1..hi).all(|k| dominates(head, head[d], k as u32))
}

pub fn is_projective(head: &[u32]) -> bool {
    (0..head.len()).all(|d| arc_is_projective(head, d))
}

/// Lift non-projective arcs (shortest first) to the grandparent until the tree is projective;
/// returns how many lifts it took. Labels stay as they were: the parser simply never learns the
/// few crossing arcs, which costs little and keeps every training sentence.
pub fn projectivize(head: &mut [u32]) -> usize {
    let n = head.len() as u32;
    let mut lifts = 0;
    loop {
        let worst = (0..head.len())
            .filter(|&d| head[d] < n && !arc_is_projective(head, d))
            .min_by_key(|&d| (head[d] as i64 - d as i64).abs());
        let Some(d) = worst else {
            return lifts;
        };
        head[d] = head[head[d] as usize];
        lifts += 1;
        if lifts > 4 * head.len() {
            // Cannot happen for a tree; guards against malformed input (cycles).
            return lifts;
        }
    }
}

/// Whether `head` (values in `0..=n`) is a tree over `0..n` rooted at `n` with one root word.
pub fn is_single_rooted_tree(head: &[u32]) -> bool {
    let n = head.len() as u32;
    head.iter().filter(|&&h| h == n).count() == 1
        && head.iter().all(|&h| h <= n)
        && (0..n).all(|d| dominates(head, n, d))
}

/// Gold arcs lost by applying `m` (a legal move) in `st`. Only unlabelled arcs are counted.
pub fn move_cost(st: &State, gold: &[u32], m: Move) -> u32 {
    let n = st.n as u32;
    let b = st.b;
    let s0 = st.s(0);
    // Words still in the buffer that can take dependents (the root never is one).
    let buffer = b as usize..st.n;
    match m {
        Move::Shift => {
            // b0 can afterwards get its head only from s0 or the buffer, and no more
            // dependents from the stack.
            let mut c = 0;
            for &k in &st.stack {
                if gold[b as usize] == k && k != s0 {
                    c += 1;
                }
                if gold[k as usize] == b {
                    c += 1;
                }
            }
            c
        }
        Move::Left => {
            let s1 = st.s(1);
            let g = gold[s0 as usize];
            let mut c = 0;
            if g != b && (g == s1 || (g > b && g <= n)) {
                c += 1;
            }
            c + buffer.filter(|&k| gold[k] == s0).count() as u32
        }
        Move::Right => {
            let g = gold[s0 as usize];
            let mut c = 0;
            if g >= b && g <= n {
                c += 1;
            }
            c + buffer.filter(|&k| gold[k] == s0).count() as u32
        }
    }
}

/// The head `m` would give to `s0`.
pub fn arc_head(st: &State, m: Move) -> u32 {
    match m {
        Move::Shift => super::transition::NONE,
        Move::Left => st.b,
        Move::Right => st.s(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::transition::NONE;

    /// Follow zero-cost moves only (with gold labels) and return the heads built.
    pub(crate) fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let mut st = State::default();
        st.reset(gold.len());
        while !st.is_terminal() {
            let m = [Move::Left, Move::Right, Move::Shift]
                .into_iter()
                .find(|&m| st.can(m) && move_cost(&st, gold, m) == 0)
                .expect("a zero-cost move exists for projective trees");
            st.apply(m, 0);
        }
        st.head[..gold.len()].to_vec()
    }

    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    /// A random projective tree: recursively pick a head in a span and split around it.
    fn random_projective(n: usize, seed: &mut u64) -> Vec<u32> {
        fn build(lo: usize, hi: usize, parent: u32, head: &mut [u32], seed: &mut u64) {
            if lo >= hi {
                return;
            }
            let h = lo + next(seed) as usize % (hi - lo);
            head[h] = parent;
            // Split the left and right sides into several subtrees each.
            let mut start = lo;
            while start < h {
                let end = start + 1 + next(seed) as usize % (h - start);
                build(start, end, h as u32, head, seed);
                start = end;
            }
            let mut start = h + 1;
            while start < hi {
                let end = start + 1 + next(seed) as usize % (hi - start);
                build(start, end, h as u32, head, seed);
                start = end;
            }
        }
        let mut head = vec![NONE; n];
        build(0, n, n as u32, &mut head, seed);
        head
    }

    #[test]
    fn oracle_reproduces_random_projective_trees() {
        let mut seed = 3;
        for trial in 0..300 {
            let n = 1 + trial % 30;
            let gold = random_projective(n, &mut seed);
            assert!(is_single_rooted_tree(&gold));
            assert!(is_projective(&gold), "{gold:?}");
            assert_eq!(oracle_parse(&gold), gold);
        }
    }

    #[test]
    fn projectivize_fixes_crossing_arcs() {
        // 0 1 2 3, root 4: arcs 1→3 and 2→0 cross; 2 is the root word.
        let mut head = vec![2, 2, 4, 1];
        assert!(!is_projective(&head));
        let lifts = projectivize(&mut head);
        assert!(lifts >= 1);
        assert!(is_projective(&head));
        assert!(is_single_rooted_tree(&head));
        assert_eq!(oracle_parse(&head), head);
    }

    #[test]
    fn oracle_reproduces_ewt_trees() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
        let Ok(f) = std::fs::File::open(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return;
        };
        let reader =
            crate::read::conllu::ConlluReader::new(std::io::BufReader::new(f), "dev").take(400);
        let mut checked = 0;
        for s in reader {
            let doc = s.unwrap().to_doc("x");
            let n = doc.tokens.len() as u32;
            let mut gold: Vec<u32> = doc.tokens.iter().map(|t| t.head.unwrap_or(n)).collect();
            if !is_single_rooted_tree(&gold) {
                continue;
            }
            projectivize(&mut gold);
            assert_eq!(oracle_parse(&gold), gold);
            checked += 1;
        }
        assert!(checked > 350, "only {checked} trees checked");
    }
}
