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
            doc.tokens[range.start + i].upos = Upos::Verb;
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
    for i in 1..forms.len().min(tags.len()) {
        if matches!(tags[i], Upos::Verb | Upos::Aux) {
            return None;
        }
        let w = forms[i];
        if !nominal(tags[i]) || !nominal(tags[i - 1]) || !w.starts_with(|c: char| c.is_lowercase())
        {
            continue;
        }
        let next_ok = match (forms.get(i + 1), tags.get(i + 1)) {
            (Some(&f), Some(&u)) => OBJECT_START.contains(&u) || f == "to" || f == "that",
            _ => false,
        };
        // "kills": a third person form after any subject; "exchange": a base form only
        // after a plural subject ("forces exchange fire").
        let third = w.ends_with('s') && !w.ends_with("ss");
        let plural_subject = forms[i - 1].ends_with('s') && !third;
        if next_ok && (third || plural_subject) && is_event_verb(coder, w) {
            return Some(i);
        }
    }
    None
}

/// Whether the verb dictionary knows `word` as a verb that can code an event: its entry
/// or its block has a code, or one of the block's patterns does.
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
        // "The talks": no subject before it.
        let forms = ["The", "talks", "ended", "."];
        assert_eq!(
            headline_verb(&coder, &forms, &tags("DET NOUN VERB PUNCT")),
            None
        );
    }
}
