//! Silver entities for the UD EWT training treebank, to bring web and forum English (lower
//! case, informal) into training without any NER gold for it.
//!
//! A first model labels the treebank's sentences, but its decoding is constrained by the gold
//! part-of-speech tags there: a PER/ORG/LOC/GPE span may only start on a proper noun (PROPN),
//! and proper nouns get a bonus towards being names. Boundaries thus come from human POS
//! annotation, classes from the model. Only the treebank's TRAIN split is used; its dev split
//! (the same sentences as UNER EWT dev) serves to measure how good this silver is.
//! At run time nothing of this is needed: POS tags only shape the training data.

use super::corpus::TaggedSentence;
use super::tags::{self, Tag, N_TAGS};
use super::{Recognizer, Work};
use crate::doc::{EntityLabel, Upos};
use crate::tag::Tagger;

/// The tagger's tags for a token sequence.
pub(crate) fn upos_of(tagger: &Tagger, tokens: &[String]) -> Vec<Upos> {
    let forms: Vec<&str> = tokens.iter().map(String::as_str).collect();
    tagger.tag_forms(&forms)
}

/// A treebank sentence: forms and whether each is a proper noun.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PosSentence {
    pub id: String,
    pub tokens: Vec<String>,
    pub propn: Vec<bool>,
}

/// Read forms and PROPN flags from CoNLL-U text (multiword-token and empty-node lines skipped).
pub fn read_conllu(text: &str) -> Vec<PosSentence> {
    let mut out = Vec::new();
    let mut cur = PosSentence::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur = PosSentence::default();
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("sent_id =") {
                cur.id = id.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        cur.tokens.push(cols[1].to_string());
        cur.propn.push(cols[3] == "PROPN");
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether a label may start on a token that is not a proper noun. Nationalities ("American")
/// and miscellaneous names are adjectives and common nouns as often as not.
fn may_start_off_propn(label: EntityLabel) -> bool {
    matches!(label, EntityLabel::Norp | EntityLabel::Misc)
}

/// Label treebank sentences with `rec` under the PROPN constraint; `tagger`, if any, gives the
/// model the part-of-speech features it would have at run time.
pub fn label(
    rec: &Recognizer,
    sentences: &[PosSentence],
    bonus: f32,
    tagger: Option<&Tagger>,
) -> Vec<TaggedSentence> {
    let mut work = Work::default();
    sentences
        .iter()
        .map(|s| {
            let upos = tagger.map_or_else(Vec::new, |t| upos_of(t, &s.tokens));
            rec.tag_adjusted(
                s.tokens.len(),
                |i| s.tokens[i].as_str(),
                &upos,
                &mut work,
                |i, row| adjust(s.propn[i], bonus, row),
            );
            TaggedSentence {
                tokens: s.tokens.clone(),
                tags: work.tags.clone(),
            }
        })
        .collect()
}

fn adjust(propn: bool, bonus: f32, row: &mut [f32]) {
    for (t, score) in row.iter_mut().enumerate().take(N_TAGS).skip(1) {
        let Some(label) = tags::label_of(t as Tag) else {
            continue;
        };
        if propn {
            *score += bonus;
        } else if !tags::is_inside(t as Tag) && !may_start_off_propn(label) {
            *score = f32::NEG_INFINITY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_forms_and_propn_flags() {
        let text = "# sent_id = s1\n1-2\tdon't\t_\t_\n1\tdo\tdo\tAUX\n2\tn't\tnot\tPART\n3\tParis\tParis\tPROPN\n3.1\tx\tx\tX\n\n# sent_id = s2\n1\tHi\thi\tINTJ\n";
        let got = read_conllu(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].id, "s1");
        assert_eq!(got[0].tokens, ["do", "n't", "Paris"]);
        assert_eq!(got[0].propn, [false, false, true]);
    }

    #[test]
    fn names_may_not_start_off_proper_nouns() {
        let mut row = [0.0f32; N_TAGS];
        adjust(false, 1.0, &mut row);
        assert_eq!(
            row[tags::begin(EntityLabel::Per) as usize],
            f32::NEG_INFINITY
        );
        assert_eq!(row[tags::inside(EntityLabel::Per) as usize], 0.0);
        assert_eq!(row[tags::begin(EntityLabel::Norp) as usize], 0.0);
        let mut row = [0.0f32; N_TAGS];
        adjust(true, 1.5, &mut row);
        assert_eq!(row[tags::begin(EntityLabel::Org) as usize], 1.5);
        assert_eq!(row[tags::O as usize], 0.0);
    }
}
