//! Which predicted record stands for which gold event, when several could.
//!
//! The contract matches on document, type and countries only, so in a whole article one gold
//! event often has several candidate records (the same type between the same countries, told
//! in other sentences). Which one is paired changes nothing in precision and recall, but
//! everything in the field scores (date, place, mode): pairing a gold event with a record of
//! another sentence scores the date of the wrong event. So the pairing follows provenance,
//! never agreement on the scored fields: among the maximum matchings it takes the one whose
//! pairs come most from the gold trigger's own sentence (the record's trigger words within
//! the gold trigger first), then from nearest in the text.

use super::gold::GoldEvent;
use crate::event::EventRecord;
use std::collections::HashMap;

/// Where records come from in their documents, for pairing by provenance. Empty, the
/// pairing falls back on the record's sentence text alone.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// Document text by document id.
    pub texts: HashMap<String, String>,
    /// By record id: the character spans (Unicode scalars, as `text_info`) of every
    /// sentence the record stands for, its own and its other mentions'.
    pub sentences: HashMap<String, Vec<(usize, usize)>>,
}

/// Ranks of a pair, best first; a pair's cost is its rank, then its distance in characters.
const SAME_TRIGGER: i64 = 0;
const SAME_SENTENCE: i64 = 1;
const ELSEWHERE: i64 = 2;
const RANK: i64 = 1 << 32;

impl Provenance {
    /// Character offsets where gold's trigger occurs in its document (none when the text is
    /// unknown or the trigger is outside it, e.g. in the title).
    fn trigger_offsets(&self, doc_id: &str, trigger: &str) -> Vec<usize> {
        let Some(text) = self.texts.get(doc_id) else {
            return Vec::new();
        };
        if trigger.is_empty() {
            return Vec::new();
        }
        text.match_indices(trigger)
            .map(|(b, _)| text[..b].chars().count())
            .collect()
    }

    fn spans(&self, r: &EventRecord) -> Vec<(usize, usize)> {
        match self.sentences.get(&r.id) {
            Some(s) if !s.is_empty() => s.clone(),
            _ => vec![(r.text_info.start, r.text_info.end)],
        }
    }

    /// The cost of pairing `g` (whose trigger occurs at `offsets`) with `r`: lower is better.
    fn cost(&self, g: &GoldEvent, offsets: &[usize], r: &EventRecord) -> i64 {
        let (same_sentence, distance) = if offsets.is_empty() {
            (r.text_info.text.contains(&g.trigger), 0)
        } else {
            let distance = self
                .spans(r)
                .iter()
                .flat_map(|&(s, e)| {
                    offsets.iter().map(move |&o| {
                        if o < s {
                            s - o
                        } else {
                            o.saturating_sub(e - 1)
                        }
                    })
                })
                .min()
                .unwrap_or(0);
            (distance == 0, distance)
        };
        let rank = if !same_sentence {
            ELSEWHERE
        } else if trigger_overlaps(&g.trigger, &r.event_text) {
            SAME_TRIGGER
        } else {
            SAME_SENTENCE
        };
        rank * RANK + (distance as i64).min(RANK - 1)
    }
}

/// Whether the record's trigger words and gold's trigger share their words ("arrested" in
/// "Jong was arrested").
fn trigger_overlaps(gold: &str, predicted: &str) -> bool {
    let (g, p) = (gold.to_lowercase(), predicted.to_lowercase());
    !p.is_empty() && (g.contains(&p) || p.contains(&g))
}

/// The record paired with each gold event of one document: `candidates[g]` are the records
/// gold event `g` may pair with (indices into `recs`). A maximum matching, and among those
/// the one of least total cost (see the module comment).
pub fn pair(
    doc_id: &str,
    gold: &[GoldEvent],
    recs: &[&EventRecord],
    candidates: &[Vec<usize>],
    provenance: &Provenance,
) -> Vec<Option<usize>> {
    let costs: Vec<Vec<(usize, i64)>> = gold
        .iter()
        .zip(candidates)
        .map(|(g, cands)| {
            let offsets = provenance.trigger_offsets(doc_id, &g.trigger);
            cands
                .iter()
                .map(|&j| (j, provenance.cost(g, &offsets, recs[j])))
                .collect()
        })
        .collect();
    min_cost_maximum_matching(&costs, recs.len())
}

/// Successive shortest augmenting paths (Bellman-Ford on the residual graph; costs may be
/// negative there): each augmentation adds one pair at the least extra cost, so the result
/// is a maximum matching of least total cost. `edges[g]` lists (record, cost); ties go to
/// the earlier gold event and record, so the result is deterministic.
fn min_cost_maximum_matching(edges: &[Vec<(usize, i64)>], n_recs: usize) -> Vec<Option<usize>> {
    let n_gold = edges.len();
    let mut rec_of_gold: Vec<Option<usize>> = vec![None; n_gold];
    let mut gold_of_rec: Vec<Option<usize>> = vec![None; n_recs];
    let cost_of = |g: usize, r: usize| {
        edges[g]
            .iter()
            .find(|&&(j, _)| j == r)
            .map_or(0, |&(_, c)| c)
    };
    loop {
        // Distances to gold nodes (entered from the source when free, or back along a
        // matched pair) and to record nodes (entered along an unmatched edge).
        let mut dist_gold: Vec<Option<i64>> = rec_of_gold
            .iter()
            .map(|m| if m.is_none() { Some(0) } else { None })
            .collect();
        let mut dist_rec: Vec<Option<i64>> = vec![None; n_recs];
        let mut came_from: Vec<usize> = vec![usize::MAX; n_recs];
        for _ in 0..=(n_gold + n_recs) {
            let mut changed = false;
            for g in 0..n_gold {
                let Some(dg) = dist_gold[g] else { continue };
                for &(r, c) in &edges[g] {
                    if rec_of_gold[g] == Some(r) {
                        continue;
                    }
                    if dist_rec[r].is_none_or(|d| dg + c < d) {
                        dist_rec[r] = Some(dg + c);
                        came_from[r] = g;
                        changed = true;
                    }
                }
            }
            for r in 0..n_recs {
                let (Some(dr), Some(g)) = (dist_rec[r], gold_of_rec[r]) else {
                    continue;
                };
                let d = dr - cost_of(g, r);
                if dist_gold[g].is_none_or(|x| d < x) {
                    dist_gold[g] = Some(d);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let end = (0..n_recs)
            .filter(|&r| gold_of_rec[r].is_none())
            .filter_map(|r| dist_rec[r].map(|d| (d, r)))
            .min();
        let Some((_, mut r)) = end else { break };
        // Flip the path back to a free gold event.
        loop {
            let g = came_from[r];
            let previous = rec_of_gold[g];
            rec_of_gold[g] = Some(r);
            gold_of_rec[r] = Some(g);
            match previous {
                Some(p) => r = p,
                None => break,
            }
        }
    }
    rec_of_gold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_is_maximum_first_then_cheapest() {
        // Gold 0 prefers record 0, but only record 0 serves gold 1: both must be paired.
        let edges = vec![vec![(0, 0), (1, 5)], vec![(0, 3)]];
        assert_eq!(min_cost_maximum_matching(&edges, 2), vec![Some(1), Some(0)]);
        // With a free choice, the cheaper assignment wins over the first-come one.
        let edges = vec![vec![(0, 2), (1, 1)], vec![(0, 1), (1, 9)]];
        assert_eq!(min_cost_maximum_matching(&edges, 2), vec![Some(1), Some(0)]);
        // Nothing to pair; more records than gold events, a tie going to the earlier one.
        assert_eq!(min_cost_maximum_matching(&[vec![]], 3), vec![None]);
        let edges = vec![vec![(2, 7), (1, 4), (0, 4)]];
        assert_eq!(min_cost_maximum_matching(&edges, 3), vec![Some(0)]);
    }

    #[test]
    fn longer_augmenting_paths_are_found() {
        // A chain: g0–r0 cheap, g1 can take r0 or r1, g2 only r1 … a maximum needs all three.
        let edges = vec![vec![(0, 0), (2, 9)], vec![(0, 0), (1, 0)], vec![(1, 0)]];
        let m = min_cost_maximum_matching(&edges, 3);
        assert_eq!(m, vec![Some(2), Some(0), Some(1)]);
    }
}
