//! Run-time layout of the recogniser's weights: each feature's weights for all tags in one
//! cache line, found through a small open-addressing index of fingerprints. Scoring a token
//! then costs about one memory miss per known feature, where the sparse perceptron layout
//! costs several; this is what keeps the recogniser fast.

use super::tags::N_TAGS;
use crate::model::huge::Table;
use crate::model::Perceptron;
use crate::parse::weights::prefetch;

#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Row {
    key: u64,
    weights: [f32; N_TAGS],
}

pub struct DenseWeights {
    /// `fingerprint << 32 | (row + 1)`, or 0 for an empty slot.
    slots: Table<u64>,
    rows: Table<Row>,
    mask: usize,
}

impl DenseWeights {
    pub fn from_perceptron(m: &Perceptron) -> DenseWeights {
        let mut rows = Vec::with_capacity(m.n_features());
        for (key, classes, weights) in m.rows() {
            let mut row = Row {
                key,
                weights: [0.0; N_TAGS],
            };
            for (&c, &w) in classes.iter().zip(weights) {
                if let Some(slot) = row.weights.get_mut(c as usize) {
                    *slot = w;
                }
            }
            rows.push(row);
        }
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        for (i, r) in rows.iter().enumerate() {
            let mut s = (r.key as usize) & mask;
            while slots[s] != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (r.key >> 32) << 32 | (i as u64 + 1);
        }
        DenseWeights {
            slots: Table::new(&slots),
            rows: Table::new(&rows),
            mask,
        }
    }

    /// The rows of `key`'s probe run whose fingerprint matches, in probe order (their full
    /// keys unchecked, so no row is read yet).
    #[inline]
    fn probe(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let fp = key >> 32;
        let mut s = (key as usize) & self.mask;
        std::iter::from_fn(move || loop {
            let v = self.slots[s];
            if v == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
            if v >> 32 == fp {
                return Some((v & 0xffff_ffff) as usize - 1);
            }
        })
    }

    /// The first row whose fingerprint matches: what `score` prefetches.
    #[inline]
    fn candidate(&self, key: u64) -> Option<usize> {
        self.probe(key).next()
    }

    #[inline]
    fn find(&self, key: u64) -> Option<&Row> {
        self.probe(key)
            .map(|i| &self.rows[i])
            .find(|r| r.key == key)
    }

    /// Scores of every tag; `out` (N_TAGS long) is overwritten. Features go in batches of
    /// three passes (prefetch every slot; find candidate rows and prefetch them; check keys
    /// and add) so their memory misses overlap; the additions keep feature order, so the
    /// sums are the same as one feature at a time.
    #[inline]
    pub fn score(&self, feats: &[u64], out: &mut [f32]) {
        const BATCH: usize = 64;
        let mut acc = [0.0f32; N_TAGS];
        let mut cands = [None; BATCH];
        for chunk in feats.chunks(BATCH) {
            for &f in chunk {
                prefetch(self.slots.as_ptr().wrapping_add((f as usize) & self.mask));
            }
            for (c, &f) in cands.iter_mut().zip(chunk) {
                *c = self.candidate(f);
                if let Some(i) = *c {
                    prefetch(self.rows.as_ptr().wrapping_add(i));
                }
            }
            for (c, &f) in cands.iter().zip(chunk) {
                let row = match c.and_then(|i| self.rows.get(i)) {
                    Some(r) if r.key == f => Some(r),
                    // A fingerprint clash (rare): probe on past it.
                    Some(_) => self.find(f),
                    None => None,
                };
                if let Some(r) = row {
                    for (a, w) in acc.iter_mut().zip(&r.weights) {
                        *a += w;
                    }
                }
            }
        }
        out.copy_from_slice(&acc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hash::{feature, hash_str};
    use crate::model::Trainer;

    #[test]
    fn scores_exactly_like_the_sparse_model() {
        let mut t = Trainer::new(N_TAGS);
        for (i, w) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            let f = feature(1, hash_str(w));
            t.add(f, i % N_TAGS, 1.0 + i as f32);
            t.add(f, (i * 3) % N_TAGS, -0.5);
            t.tick();
        }
        let m = t.finish(0.0);
        let d = DenseWeights::from_perceptron(&m);
        let feats: Vec<u64> = ["a", "c", "e", "unknown"]
            .iter()
            .map(|w| feature(1, hash_str(w)))
            .collect();
        let (mut s1, mut s2) = ([0.0; N_TAGS], [0.0; N_TAGS]);
        m.score(&feats, &mut s1);
        d.score(&feats, &mut s2);
        assert_eq!(s1, s2);
    }
}
