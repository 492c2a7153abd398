//! UD scores on gold tokenization: UPOS accuracy, UAS and LAS over all words, punctuation
//! included, as the CoNLL 2018 shared task counts them (LAS compares the universal part of the
//! relation; `las_full` also demands the subtype).

use crate::doc::{deprel_name, Doc};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct UdScores {
    /// Percentages.
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
    pub las_full: f64,
    /// Gold words scored.
    pub words: usize,
}

impl fmt::Display for UdScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "UPOS {:.2}  UAS {:.2}  LAS {:.2}  (LAS with subtypes {:.2})  over {} words",
            self.upos, self.uas, self.las, self.las_full, self.words
        )
    }
}

fn universal(rel: u8) -> &'static str {
    let name = deprel_name(rel);
    name.split(':').next().unwrap_or(name)
}

/// Score `predicted` against `gold`, document by document and token by token. Documents or
/// tokens missing from `predicted` count as wrong; the tokenization is assumed to be the gold one.
pub fn score(gold: &[Doc], predicted: &[Doc]) -> UdScores {
    let (mut words, mut upos, mut uas, mut las, mut las_full) = (0usize, 0, 0, 0, 0);
    for (gi, g) in gold.iter().enumerate() {
        let p = predicted.get(gi);
        for (ti, gt) in g.tokens.iter().enumerate() {
            words += 1;
            let Some(pt) = p.and_then(|p| p.tokens.get(ti)) else {
                continue;
            };
            upos += (pt.upos == gt.upos) as usize;
            if pt.head == gt.head {
                uas += 1;
                // The root's relation is `root` whatever index the layer holds.
                let (gr, pr) = match (gt.head, pt.head) {
                    (None, None) => ("root", "root"),
                    _ => (universal(gt.deprel), universal(pt.deprel)),
                };
                las += (gr == pr) as usize;
                las_full += (gt.head.is_none() || gt.deprel == pt.deprel) as usize;
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / words.max(1) as f64;
    UdScores {
        upos: pct(upos),
        uas: pct(uas),
        las: pct(las),
        las_full: pct(las_full),
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{deprel_index, DocMeta, Upos};

    fn doc(heads: &[Option<u32>], rels: &[&str]) -> Doc {
        let sent: Vec<(String, bool)> = (0..heads.len()).map(|i| (format!("w{i}"), true)).collect();
        let mut d = Doc::from_tokens(DocMeta::default(), &[sent]);
        for (t, (h, r)) in d.tokens.iter_mut().zip(heads.iter().zip(rels)) {
            t.head = *h;
            t.deprel = deprel_index(r);
            t.upos = Upos::Noun;
        }
        d
    }

    #[test]
    fn counts_heads_and_universal_labels() {
        let gold = doc(
            &[Some(1), None, Some(1), Some(1)],
            &["nsubj", "root", "obj", "punct"],
        );
        let pred = doc(
            &[Some(1), None, Some(1), Some(0)],
            &["nsubj:pass", "root", "iobj", "punct"],
        );
        let s = score(&[gold], &[pred]);
        assert_eq!(s.words, 4);
        assert_eq!(s.upos, 100.0);
        assert_eq!(s.uas, 75.0);
        assert_eq!(s.las, 50.0); // nsubj:pass counts as nsubj, iobj ≠ obj
        assert_eq!(s.las_full, 25.0);
    }

    #[test]
    fn missing_predictions_count_as_wrong() {
        let gold = doc(&[None, Some(0)], &["root", "obj"]);
        let s = score(&[gold.clone(), gold], &[]);
        assert_eq!(s.words, 4);
        assert_eq!(s.uas, 0.0);
    }
}
