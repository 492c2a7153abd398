//! Topic labels of a stretch of a sentence: PLOVER contexts from a small keyword list,
//! Phoenix issue codes from the issue dictionary, and (where the text states a subject,
//! not where it names participants) the names it mentions.

use crate::code::tree::Tree;
use crate::dict::{Dictionaries, Encoded, IssueHit};
use crate::doc::EntityLabel;
use std::borrow::Cow;

/// The PLOVER contexts dragoman assigns: the values the PLOVER gold-standard records
/// (`PLOVER_GSR_CAMEO.txt`) use most, minus `government` (every state actor would carry it).
pub const CONTEXTS: &[&str] = &[
    "cbrn",
    "cyber",
    "diplomatic",
    "economic",
    "election",
    "legal",
    "military",
    "political",
    "refugee",
    "resource",
    "rights",
    "terrorism",
];

/// Words (lower case, as written) that put a stretch of text in a context, sorted for binary
/// search. Two-word entries need both words in a row; a word inside an issue phrase ("food
/// security") does not count.
const CONTEXT_WORDS: &[(&str, Option<&str>, &str)] = &[
    ("ambassador", None, "diplomatic"),
    ("ambassadors", None, "diplomatic"),
    ("arms", None, "military"),
    ("army", None, "military"),
    ("asylum", None, "refugee"),
    ("ballot", None, "election"),
    ("biological", Some("weapons"), "cbrn"),
    ("budget", None, "economic"),
    ("ceasefire", None, "military"),
    ("chemical", Some("weapons"), "cbrn"),
    ("consular", None, "diplomatic"),
    ("consulate", None, "diplomatic"),
    ("consulates", None, "diplomatic"),
    ("court", None, "legal"),
    ("courts", None, "legal"),
    ("currency", None, "economic"),
    ("cyber", None, "cyber"),
    ("cyberattack", None, "cyber"),
    ("cyberattacks", None, "cyber"),
    ("cybersecurity", None, "cyber"),
    ("debt", None, "economic"),
    ("defence", None, "military"),
    ("defense", None, "military"),
    ("diplomacy", None, "diplomatic"),
    ("diplomat", None, "diplomatic"),
    ("diplomatic", None, "diplomatic"),
    ("diplomats", None, "diplomatic"),
    ("economic", None, "economic"),
    ("economies", None, "economic"),
    ("economy", None, "economic"),
    ("election", None, "election"),
    ("elections", None, "election"),
    ("electoral", None, "election"),
    ("embassies", None, "diplomatic"),
    ("embassy", None, "diplomatic"),
    ("energy", None, "resource"),
    ("enrichment", None, "cbrn"),
    ("envoy", None, "diplomatic"),
    ("envoys", None, "diplomatic"),
    ("exports", None, "economic"),
    ("extradition", None, "legal"),
    ("finance", None, "economic"),
    ("financial", None, "economic"),
    ("fuel", None, "resource"),
    ("funding", None, "economic"),
    ("gas", None, "resource"),
    ("hackers", None, "cyber"),
    ("hacking", None, "cyber"),
    ("imports", None, "economic"),
    ("indictment", None, "legal"),
    ("inflation", None, "economic"),
    ("investment", None, "economic"),
    ("investments", None, "economic"),
    ("judge", None, "legal"),
    ("lawsuit", None, "legal"),
    ("legal", None, "legal"),
    ("loan", None, "economic"),
    ("loans", None, "economic"),
    ("migrants", None, "refugee"),
    ("migration", None, "refugee"),
    ("military", None, "military"),
    ("minerals", None, "resource"),
    ("mining", None, "resource"),
    ("missile", None, "military"),
    ("missiles", None, "military"),
    ("nuclear", None, "cbrn"),
    ("oil", None, "resource"),
    ("pipeline", None, "resource"),
    ("political", None, "political"),
    ("politics", None, "political"),
    ("prosecution", None, "legal"),
    ("prosecutors", None, "legal"),
    ("referendum", None, "election"),
    ("refugee", None, "refugee"),
    ("refugees", None, "refugee"),
    ("resources", None, "resource"),
    ("rights", None, "rights"),
    ("sanctions", None, "economic"),
    ("security", None, "military"),
    ("tariff", None, "economic"),
    ("tariffs", None, "economic"),
    ("taxes", None, "economic"),
    ("terror", None, "terrorism"),
    ("terrorism", None, "terrorism"),
    ("terrorist", None, "terrorism"),
    ("terrorists", None, "terrorism"),
    ("trade", None, "economic"),
    ("trial", None, "legal"),
    ("troops", None, "military"),
    ("uranium", None, "cbrn"),
    ("verdict", None, "legal"),
    ("voting", None, "election"),
    ("war", None, "military"),
    ("water", None, "resource"),
    ("weapons", None, "military"),
];

/// "Security Council" is a body, not a subject.
const NOT_AFTER_SECURITY: &[&str] = &["council"];

/// One sentence ready for topic lookups: its tree and its issue phrases.
pub struct Sentence<'a> {
    pub t: Tree<'a>,
    /// Lower-cased forms, one per token.
    pub low: Vec<Cow<'a, str>>,
    /// Issue codes with their token ranges; empty when an ignore phrase cancels them.
    issues: Vec<(usize, usize, &'a str)>,
    /// Tokens covered by an issue phrase.
    in_issue: Vec<bool>,
}

impl<'a> Sentence<'a> {
    pub fn new(dicts: &'a Dictionaries, t: Tree<'a>) -> Sentence<'a> {
        let forms: Vec<&str> = t.toks.iter().map(|x| x.form.as_str()).collect();
        // Most words are lower case already: borrow those.
        let low = t
            .toks
            .iter()
            .map(|x| {
                let f = x.form.as_str();
                if f.chars().any(char::is_uppercase) {
                    Cow::Owned(f.to_lowercase())
                } else {
                    Cow::Borrowed(f)
                }
            })
            .collect();
        let enc: Encoded = dicts.encode(&forms);
        let mut issues = Vec::new();
        let mut in_issue = vec![false; t.len()];
        for f in dicts.issue_trie.find_all(&enc) {
            match *f.value {
                // PETRARCH's rule: an ignore phrase cancels the sentence's issues.
                IssueHit::Ignore(_) => {
                    issues.clear();
                    in_issue.iter_mut().for_each(|b| *b = false);
                    break;
                }
                IssueHit::Issue(k) => {
                    if let Some(is) = dicts.issues.issues.get(k as usize) {
                        issues.push((f.start, f.end, is.code.as_str()));
                        in_issue[f.start..f.end].iter_mut().for_each(|b| *b = true);
                    }
                }
            }
        }
        Sentence {
            t,
            low,
            issues,
            in_issue,
        }
    }

    /// The labels of the tokens marked in `scope`: contexts, then issue codes, then (with
    /// `names`) the named entities, as written, that lie wholly inside it.
    pub fn labels(&self, scope: &[bool], names: bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: &str| {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        };
        let n = self.t.len();
        for i in (0..n).filter(|&i| scope[i] && !self.in_issue[i]) {
            let w = &*self.low[i];
            let next = self.low.get(i + 1).map(|x| &**x);
            let Ok(k) = CONTEXT_WORDS.binary_search_by(|e| e.0.cmp(w)) else {
                continue;
            };
            let (_, second, ctx) = CONTEXT_WORDS[k];
            if second.is_some_and(|s| next != Some(s)) {
                continue;
            }
            if w == "security" && next.is_some_and(|x| NOT_AFTER_SECURITY.contains(&x)) {
                continue;
            }
            add(ctx);
        }
        for &(s, _, code) in &self.issues {
            if scope[s] {
                add(code);
            }
        }
        if names {
            for name in self.names(scope) {
                add(name);
            }
        }
        out
    }

    /// Named entities inside `scope` (people, places, organisations, other names), not
    /// possessors.
    fn names(&self, scope: &[bool]) -> Vec<&'a str> {
        let doc = self.t.doc;
        let first = self.t.sent.first_token;
        let last = self.t.sent.end_token;
        doc.entities
            .iter()
            .filter(|e| {
                e.first_token >= first && e.end_token <= last && e.label != EntityLabel::Norp
            })
            .filter(|e| (e.first_token..e.end_token).all(|k| scope[k - first]))
            // "Iran's missile program" is about missiles, not Iran.
            .filter(|e| {
                doc.tokens
                    .get(e.end_token)
                    .is_none_or(|t| !matches!(t.form.as_str(), "'s" | "’s" | "'" | "’"))
            })
            .map(|e| {
                doc.slice(
                    doc.tokens[e.first_token].start,
                    doc.tokens[e.end_token - 1].end,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_vocabulary_is_the_documented_one() {
        for (_, _, c) in CONTEXT_WORDS {
            assert!(CONTEXTS.contains(c), "{c}");
        }
        for (w, _, _) in CONTEXT_WORDS {
            assert_eq!(w.to_lowercase(), *w);
        }
        assert!(
            CONTEXT_WORDS.windows(2).all(|p| p[0].0 < p[1].0),
            "sorted, no repeats"
        );
    }
}
