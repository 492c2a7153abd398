//! Headline-style present tense ("A man kills 14 people", "Poland detains two men",
//! "Congolese and Rwandan forces exchange fire"): the tagger, trained on web text, often
//! takes such a verb for a plural noun, and the parse then has no clause to code. A word
//! the verb dictionary knows, standing right after the subject's nouns and before its
//! object, with no verb before it in the sentence, is made a verb and the sentence parsed
//! again.

use super::Coder;
use crate::doc::{Doc, Upos};
use crate::pipeline::Pipeline;

/// Tags that may start the object or complement of a headline verb.
const OBJECT_START: &[Upos] = &[
    Upos::Det,
    Upos::Num,
    Upos::Adj,
    Upos::Propn,
    Upos::Pron,
    Upos::Noun,
];

/// Plurals without an -s: "people protest against ...".
const PLURALS: &[&str] = &["people", "police", "men", "women", "children", "personnel"];

/// Annotate `doc` for event coding: the pipeline, then headline verbs repaired.
pub fn annotate(pipeline: &Pipeline, coder: &Coder, doc: &mut Doc) {
    pipeline.annotate(doc);
    repair(pipeline, coder, doc);
}

/// Retag the headline verbs of an annotated `doc` and parse their sentences again.
pub fn repair(pipeline: &Pipeline, coder: &Coder, doc: &mut Doc) {
    let mut changed = Vec::new();
    for si in 0..doc.sentences.len() {
        let range = doc.sentences[si].token_range();
        let Some(toks) = doc.tokens.get(range.clone()) else {
            continue;
        };
        let forms: Vec<&str> = toks.iter().map(|t| t.form.as_str()).collect();
        let tags: Vec<Upos> = toks.iter().map(|t| t.upos).collect();
        if let Some(i) = headline_verb(coder, &forms, &tags) {
            // "Newly elected Prime Minister X rules out ...": the parser would make the
            // participle the clause's verb again; it modifies the subject.
            let modifiers: Vec<usize> = (0..i)
                .filter(|&j| modifier_participle(&forms, &tags, j))
                .collect();
            doc.tokens[range.start + i].upos = Upos::Verb;
            for j in modifiers {
                doc.tokens[range.start + j].upos = Upos::Adj;
            }
            changed.push(si);
        }
    }
    if !changed.is_empty() {
        pipeline.parser.reparse(doc, &changed);
    }
}

/// The sentence-local index of a verb the tagger took for a noun, if any.
pub fn headline_verb(coder: &Coder, forms: &[&str], tags: &[Upos]) -> Option<usize> {
    let nominal = |u: Upos| matches!(u, Upos::Noun | Upos::Propn);
    let n = forms.len().min(tags.len());
    // "Prime Minister X resigns after weeks of protests", "The court in Gauteng, South
    // Africa, sentences seven men": with no finite verb at all, the sentence's verb is
    // among its nouns, and it may stand after an apposition's comma or before a phrase.
    let verbless = !(0..n).any(|i| finite(forms, tags, i));
    for i in 1..n {
        if matches!(tags[i], Upos::Verb | Upos::Aux) && !modifier_participle(forms, tags, i) {
            return None;
        }
        let w = forms[i];
        let after_subject = nominal(tags[i - 1]) || (verbless && forms[i - 1] == ",");
        if !nominal(tags[i]) || !after_subject || !w.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        // "kills": a third person form after any subject; "exchange": a base form only
        // after a plural subject ("forces exchange fire").
        let third = w.ends_with('s') && !w.ends_with("ss");
        let before = forms[i - 1].to_lowercase();
        let plural_subject =
            (before.ends_with('s') || PLURALS.contains(&before.as_str())) && !third;
        let next_ok = match (forms.get(i + 1), tags.get(i + 1)) {
            (Some(&f), Some(&u)) => {
                OBJECT_START.contains(&u)
                    || matches!(f, "to" | "that" | "out" | "off" | "down" | "up")
                    || (verbless
                        && matches!(u, Upos::Adp | Upos::Sconj | Upos::Punct)
                        // "Peace talks between X and Y.": a noun phrase alone; a base
                        // form after a plural ("people protest against") is a verb.
                        && !(third && super::triggers::is_event_noun(w)))
            }
            _ => false,
        };
        if next_ok && (third || plural_subject) && is_event_verb(coder, w) {
            return Some(i);
        }
    }
    None
}

/// A participle or gerund form ("elected", "joining", "taken").
fn participle(form: &str) -> bool {
    ["ing", "ed", "en"].iter().any(|e| form.ends_with(e))
}

/// Whether token `i` is a verb or auxiliary that can head a clause by itself: not a
/// participle or gerund ("Newly elected", "joining the United States").
fn finite(forms: &[&str], tags: &[Upos], i: usize) -> bool {
    matches!(tags[i], Upos::Verb | Upos::Aux)
        && (tags[i] == Upos::Aux || !participle(&forms[i].to_lowercase()))
}

/// "Newly elected Prime Minister ...": a participle that modifies the words after it is
/// no clause's verb.
fn modifier_participle(forms: &[&str], tags: &[Upos], i: usize) -> bool {
    tags[i] == Upos::Verb
        && participle(&forms[i].to_lowercase())
        && tags
            .get(i + 1)
            .is_some_and(|&u| matches!(u, Upos::Adj | Upos::Noun | Upos::Propn))
        && (i == 0 || matches!(tags[i - 1], Upos::Det | Upos::Adv | Upos::Adj))
}

/// Whether the verb dictionary knows `word` as a verb that can code an event: its entry
/// or its block has a code, or one of the block's patterns does ("files" a lawsuit,
/// "resigns").
fn is_event_verb(coder: &Coder, word: &str) -> bool {
    let enc = coder.dicts.encode(&[word.to_lowercase()]);
    let Some((_, hit)) = coder.dicts.verb_at(&enc, 0) else {
        return false;
    };
    let Some(block) = coder.dicts.verbs.blocks.get(hit.block as usize) else {
        return false;
    };
    let entry = block.verbs.get(hit.entry as usize);
    entry
        .and_then(|e| e.code.as_ref())
        .unwrap_or(&block.code)
        .forward
        .is_some()
        || block.patterns.iter().any(|p| p.code.forward.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionaries;

    fn tags(s: &str) -> Vec<Upos> {
        s.split(' ')
            .map(|t| Upos::parse(t).expect("upos"))
            .collect()
    }

    #[test]
    fn headline_verbs_taken_for_nouns_are_found() {
        let coder = Coder::new(Dictionaries::builtin().expect("built-in dictionaries"));
        // As the tagger tags these sentences of the shared news.
        let forms = ["A", "man", "kills", "14", "people", "."];
        let got = headline_verb(&coder, &forms, &tags("DET NOUN NOUN NUM NOUN PUNCT"));
        assert_eq!(got, Some(2));
        let forms = [
            "Congolese",
            "and",
            "Rwandan",
            "forces",
            "exchange",
            "fire",
            ".",
        ];
        let got = headline_verb(&coder, &forms, &tags("ADJ CCONJ ADJ NOUN NOUN NOUN PUNCT"));
        assert_eq!(got, Some(4));
        // A verb earlier in the sentence: the nouns after it are nouns.
        let forms = ["Russia", "imposed", "new", "sanctions", "."];
        let got = headline_verb(&coder, &forms, &tags("PROPN VERB ADJ NOUN PUNCT"));
        assert_eq!(got, None);
        // No finite verb at all: a verb after an apposition's comma, or before a phrase.
        let forms = [
            "The",
            "court",
            "in",
            "Gauteng",
            ",",
            "South",
            "Africa",
            ",",
            "sentences",
            "seven",
            "men",
            ".",
        ];
        let got = headline_verb(
            &coder,
            &forms,
            &tags("DET NOUN ADP PROPN PUNCT PROPN PROPN PUNCT NOUN NUM NOUN PUNCT"),
        );
        assert_eq!(got, Some(8));
        let forms = [
            "Prime",
            "minister",
            "Oyun-Erdene",
            "resigns",
            "after",
            "protests",
            ".",
        ];
        let got = headline_verb(&coder, &forms, &tags("ADJ NOUN PROPN NOUN ADP NOUN PUNCT"));
        assert_eq!(got, Some(3));
        // "Newly elected": a participle modifying a noun is no clause's verb.
        let forms = [
            "Newly",
            "elected",
            "Premier",
            "Nielsen",
            "rules",
            "out",
            "Greenland",
        ];
        let got = headline_verb(&coder, &forms, &tags("ADV VERB PROPN PROPN NOUN ADP PROPN"));
        assert_eq!(got, Some(4));
        // A noun phrase alone: "Peace talks between Russia and Ukraine."
        let forms = ["Peace", "talks", "between", "Russia", "and", "Ukraine", "."];
        let got = headline_verb(
            &coder,
            &forms,
            &tags("NOUN NOUN ADP PROPN CCONJ PROPN PUNCT"),
        );
        assert_eq!(got, None);
        // "The talks": no subject before it.
        let forms = ["The", "talks", "ended", "."];
        assert_eq!(
            headline_verb(&coder, &forms, &tags("DET NOUN VERB PUNCT")),
            None
        );
    }
}
