//! Whether an event is said not to happen (negated), to be still to come (future), or only
//! asked about or supposed (a question, an "if" clause: not coded).

use super::tree::Tree;

/// Verbs whose complement is an intention or a plan, not a fact: "plans to meet".
const FUTURE_HEADS: &[&str] = &[
    "plan", "set", "expect", "schedule", "intend", "aim", "prepare", "hope", "want", "seek",
    "threaten", "vow", "pledge", "promise", "agree", "decide", "propose", "due", "going", "offer",
    "ready", "will", "wish",
];

/// Verbs whose complement did not happen: "refused to meet", "denied attacking".
const NEGATING_HEADS: &[&str] = &["refuse", "deny", "decline", "fail", "reject", "rule"];

const NEGATORS: &[&str] = &["not", "n't", "never", "no", "neither", "nor"];

const FUTURE_AUX: &[&str] = &["will", "shall", "'ll", "wo", "would", "going"];

/// Verbs of pure intention: "plans to meet" reports a future meeting, not an event of
/// its own (unlike "threatens to", "agrees to", which PLOVER codes in their own right).
const INTENTION: &[&str] = &[
    "plan", "intend", "expect", "schedule", "set", "aim", "prepare", "hope", "want", "seek",
    "decide", "try", "attempt", "going",
];

pub fn is_intention(word: &str) -> bool {
    stem_matches(word, INTENTION)
}

/// A crude lemma: enough to compare a word with the short lists above.
pub(crate) fn stem_matches(word: &str, lemmas: &[&str]) -> bool {
    lemmas.iter().any(|l| {
        word == *l
            || word.strip_prefix(l).is_some_and(|rest| {
                matches!(rest, "s" | "d" | "ed" | "es" | "ing" | "ned" | "ning")
            })
            || (l.ends_with('e')
                && word
                    .strip_prefix(&l[..l.len() - 1])
                    .is_some_and(|rest| matches!(rest, "ed" | "ing" | "es")))
            || (l.ends_with('y')
                && word
                    .strip_prefix(&l[..l.len() - 1])
                    .is_some_and(|rest| matches!(rest, "ied" | "ies")))
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Modality {
    pub negated: bool,
    pub future: bool,
    /// Asked or supposed, not reported: the event is not coded.
    pub hypothetical: bool,
}

/// The modality of the clause headed by `v` (a verb, or the verb governing a noun trigger),
/// looking up through the clauses that embed it ("plans to", "refused to", "if ...").
pub fn modality(t: &Tree, v: usize) -> Modality {
    let mut m = Modality::default();
    if let Some(last) = (0..t.len())
        .rev()
        .find(|&i| !matches!(t.toks[i].form.as_str(), "\"" | "”" | "’" | "'" | ")"))
    {
        if t.toks[last].form == "?" {
            m.hypothetical = true;
        }
    }
    let own = clause_marks(t, v);
    m.negated = own.0;
    m.future = own.1;
    let mut cur = v;
    for depth in 0..6 {
        if t.kids(cur, &["mark"])
            .any(|c| matches!(t.lower(c).as_str(), "if" | "unless" | "whether"))
        {
            m.hypothetical = true;
        }
        let rel = t.rel(cur);
        let Some(h) = t.head(cur) else { break };
        let hw = t.lower(h);
        if rel == "xcomp" || rel == "ccomp" || (rel == "advcl" && depth == 0) {
            if rel == "xcomp" || rel == "ccomp" {
                if stem_matches(&hw, FUTURE_HEADS) {
                    m.future = true;
                }
                let denies = stem_matches(&hw, &["deny"]);
                if denies || (rel == "xcomp" && stem_matches(&hw, NEGATING_HEADS)) {
                    m.negated = true;
                }
            }
            let (neg, fut) = clause_marks(t, h);
            if rel == "xcomp" {
                m.negated ^= neg;
                m.future |= fut;
            }
            cur = h;
        } else if rel == "conj" {
            // A conjunct shares the first verb's auxiliaries: "will meet and sign".
            let (neg, fut) = clause_marks(t, h);
            if !has_aux(t, cur) {
                m.negated |= neg;
                m.future |= fut;
            }
            cur = h;
        } else {
            break;
        }
    }
    m
}

fn has_aux(t: &Tree, v: usize) -> bool {
    t.kids(v, &["aux", "aux:pass"]).next().is_some()
}

/// (negated, future) from the clause's own auxiliaries and adverbs.
fn clause_marks(t: &Tree, v: usize) -> (bool, bool) {
    let mut neg = false;
    let mut fut = false;
    for &c in &t.children[v] {
        let w = t.lower(c);
        let rel = t.rel(c);
        if matches!(rel, "advmod" | "neg" | "aux" | "det") && NEGATORS.contains(&w.as_str()) {
            neg = true;
        }
        if matches!(rel, "aux" | "aux:pass") && FUTURE_AUX.contains(&w.as_str()) {
            fut = true;
        }
    }
    // "is to be held", "are set to meet": a bare infinitive clause with a copula above it.
    if t.kids(v, &["mark"]).any(|c| t.lower(c) == "to")
        && t.kids(v, &["aux:pass"]).any(|c| t.lower(c) == "be")
        && t.rel(v) != "xcomp"
    {
        fut = true;
    }
    (neg, fut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemma_lists_match_inflections() {
        assert!(stem_matches("planned", FUTURE_HEADS));
        assert!(stem_matches("plans", FUTURE_HEADS));
        assert!(stem_matches("scheduled", FUTURE_HEADS));
        assert!(stem_matches("refused", NEGATING_HEADS));
        assert!(stem_matches("denied", NEGATING_HEADS));
        assert!(!stem_matches("said", FUTURE_HEADS));
        assert!(!stem_matches("planet", FUTURE_HEADS));
    }
}
