//! First-order Viterbi over BIO tags with hard constraints (`I-X` only after `B-X`/`I-X`), so
//! every decoded sequence is a valid set of spans.

use super::tags::{allowed, Tag, N_TAGS};

/// Transition scores: row `p` for previous tag `p`, row `N_TAGS` for the sentence start.
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// Reusable decoding buffers.
#[derive(Default)]
pub struct Viterbi {
    score: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
}

impl Viterbi {
    /// Best valid tag sequence for `n` tokens whose emission scores are `emit[i * N_TAGS + t]`.
    pub fn decode(&mut self, emit: &[f32], trans: &Transitions, out: &mut Vec<Tag>) {
        let n = emit.len() / N_TAGS;
        out.clear();
        if n == 0 {
            return;
        }
        self.score.clear();
        self.back.clear();
        let mut first = [f32::NEG_INFINITY; N_TAGS];
        for (t, s) in first.iter_mut().enumerate() {
            if allowed(None, t as Tag) {
                *s = emit[t] + trans[N_TAGS][t];
            }
        }
        self.score.push(first);
        self.back.push([0; N_TAGS]);
        for i in 1..n {
            let prev = self.score[i - 1];
            let mut cur = [f32::NEG_INFINITY; N_TAGS];
            let mut back = [0u8; N_TAGS];
            for (t, slot) in cur.iter_mut().enumerate() {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for (p, &ps) in prev.iter().enumerate() {
                    if !allowed(Some(p as Tag), t as Tag) {
                        continue;
                    }
                    let s = ps + trans[p][t];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                *slot = best + emit[i * N_TAGS + t];
                back[t] = arg;
            }
            self.score.push(cur);
            self.back.push(back);
        }
        let last = &self.score[n - 1];
        let mut t = 0;
        for (k, &s) in last.iter().enumerate() {
            if s > last[t] {
                t = k;
            }
        }
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = t as Tag;
            t = self.back[i][t] as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::EntityLabel;
    use crate::ner::tags::{begin, inside, O};

    #[test]
    fn never_starts_a_span_with_inside() {
        // Emissions strongly prefer I-PER everywhere; the decoder must open with B-PER.
        let n = 3;
        let mut emit = vec![0.0; n * N_TAGS];
        for i in 0..n {
            emit[i * N_TAGS + inside(EntityLabel::Per) as usize] = 5.0;
            emit[i * N_TAGS + begin(EntityLabel::Per) as usize] = 1.0;
        }
        let trans = [[0.0; N_TAGS]; N_TAGS + 1];
        let mut out = Vec::new();
        Viterbi::default().decode(&emit, &trans, &mut out);
        let per = EntityLabel::Per;
        assert_eq!(out, vec![begin(per), inside(per), inside(per)]);
    }

    #[test]
    fn forbids_inside_of_another_class() {
        let mut emit = vec![0.0; 2 * N_TAGS];
        emit[begin(EntityLabel::Org) as usize] = 3.0;
        emit[N_TAGS + inside(EntityLabel::Loc) as usize] = 3.0;
        emit[N_TAGS + O as usize] = 1.0;
        let trans = [[0.0; N_TAGS]; N_TAGS + 1];
        let mut out = Vec::new();
        Viterbi::default().decode(&emit, &trans, &mut out);
        assert_eq!(out[0], begin(EntityLabel::Org));
        assert_ne!(out[1], inside(EntityLabel::Loc));
        assert!(allowed(Some(out[0]), out[1]));
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let mut out = vec![1];
        Viterbi::default().decode(&[], &[[0.0; N_TAGS]; N_TAGS + 1], &mut out);
        assert!(out.is_empty());
    }
}
