//! Clustering scores: B-cubed precision, recall and F1 (Bagga & Baldwin 1998) and the
//! adjusted Rand index (Hubert & Arabie 1985), of a predicted partition of items against a
//! gold one. Each partition is given as one cluster label per item; labels are compared
//! only for equality.

use std::collections::HashMap;
use std::hash::Hash;

/// B-cubed and ARI of one predicted partition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterScores {
    pub items: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub ari: f64,
}

/// Scores `predicted` against `gold` (same length: one label per item).
///
/// B-cubed: for each item, precision is the share of its predicted cluster that shares its
/// gold cluster, recall the share of its gold cluster that shares its predicted cluster;
/// both averaged over items. Counted from the contingency table, so linear in the items.
pub fn score<G: Eq + Hash, P: Eq + Hash>(gold: &[G], predicted: &[P]) -> ClusterScores {
    assert_eq!(
        gold.len(),
        predicted.len(),
        "one gold and one predicted label per item"
    );
    let n = gold.len();
    let gi = dense(gold);
    let pi = dense(predicted);
    let mut gold_size: HashMap<usize, u64> = HashMap::new();
    let mut pred_size: HashMap<usize, u64> = HashMap::new();
    let mut both: HashMap<(usize, usize), u64> = HashMap::new();
    for (&g, &p) in gi.iter().zip(&pi) {
        *gold_size.entry(g).or_default() += 1;
        *pred_size.entry(p).or_default() += 1;
        *both.entry((g, p)).or_default() += 1;
    }
    if n == 0 {
        return ClusterScores {
            items: 0,
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
            ari: 0.0,
        };
    }
    // Each of the n_gp items of a cell scores n_gp / |P| precision and n_gp / |G| recall.
    let (mut p_sum, mut r_sum) = (0.0, 0.0);
    for (&(g, p), &c) in &both {
        let c = c as f64;
        p_sum += c * c / pred_size[&p] as f64;
        r_sum += c * c / gold_size[&g] as f64;
    }
    let precision = p_sum / n as f64;
    let recall = r_sum / n as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let pairs = |x: u64| (x * x.saturating_sub(1) / 2) as f64;
    let index: f64 = both.values().map(|&c| pairs(c)).sum();
    let sum_g: f64 = gold_size.values().map(|&c| pairs(c)).sum();
    let sum_p: f64 = pred_size.values().map(|&c| pairs(c)).sum();
    let total = pairs(n as u64);
    let expected = if total > 0.0 {
        sum_g * sum_p / total
    } else {
        0.0
    };
    let max = (sum_g + sum_p) / 2.0;
    // Both partitions all singletons (or one item): they agree perfectly.
    let ari = if (max - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (index - expected) / (max - expected)
    };
    ClusterScores {
        items: n,
        precision,
        recall,
        f1,
        ari,
    }
}

/// Labels as dense indices, in order of first appearance.
fn dense<T: Eq + Hash>(labels: &[T]) -> Vec<usize> {
    let mut ids: HashMap<&T, usize> = HashMap::new();
    labels
        .iter()
        .map(|l| {
            let next = ids.len();
            *ids.entry(l).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_and_trivial_partitions() {
        let gold = ["a", "a", "b", "b", "b"];
        let s = score(&gold, &[7, 7, 3, 3, 3]);
        assert!(close(s.precision, 1.0) && close(s.recall, 1.0) && close(s.ari, 1.0));
        // All singletons: precision 1, recall (2·½ + 3·⅓)/5 = 2/5.
        let s = score(&gold, &[0, 1, 2, 3, 4]);
        assert!(close(s.precision, 1.0) && close(s.recall, 0.4));
        assert!(close(s.f1, 2.0 * 0.4 / 1.4));
        // One cluster: precision (2·⅖ + 3·⅗)/5 = 13/25, recall 1.
        let s = score(&gold, &[0, 0, 0, 0, 0]);
        assert!(close(s.precision, 13.0 / 25.0) && close(s.recall, 1.0));
        assert!(close(s.ari, 0.0));
    }

    #[test]
    fn hand_computed_case() {
        // Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
        let gold = ["x", "x", "x", "y", "y"];
        let pred = ["p", "p", "q", "q", "q"];
        let s = score(&gold, &pred);
        // Precision: items 1,2: 2/2; item 3: 1/3; items 4,5: 2/3 → (1+1+⅓+⅔+⅔)/5 = 11/15.
        assert!(close(s.precision, 11.0 / 15.0));
        // Recall: items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2 → (⅔+⅔+⅓+1+1)/5 = 11/15.
        assert!(close(s.recall, 11.0 / 15.0));
        // ARI: index = C(2,2)+C(1,2)+C(2,2) = 2; gold pairs 3+1 = 4; predicted 1+3 = 4;
        // total C(5,2) = 10; expected 4·4/10 = 1.6; max 4 → (2-1.6)/(4-1.6) = 1/6.
        assert!(close(s.ari, 1.0 / 6.0));
    }

    #[test]
    fn labels_are_only_compared_for_equality() {
        let a = score(&[1, 1, 2], &["u", "v", "v"]);
        let b = score(&["k", "k", "m"], &[9, 4, 4]);
        assert_eq!(a, b);
        assert_eq!(score::<u8, u8>(&[], &[]).items, 0);
    }
}
