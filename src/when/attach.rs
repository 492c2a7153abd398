//! Which temporal expression dates an event: the one governing the event's own clause in
//! the dependency tree, and the tense that clause reads in.

use super::expr::{Tense, TimeExpr};
use crate::code::tree::Tree;
use crate::doc::Upos;

/// Relations by which one clause hangs on another.
const CLAUSAL: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "ccomp",
    "xcomp",
    "csubj",
    "csubj:pass",
    "parataxis",
    "conj",
    "list",
    "dep",
    "root",
];

/// Past forms that do not end in "-ed".
const IRREGULAR_PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "met",
    "held",
    "took",
    "began",
    "fought",
    "struck",
    "made",
    "gave",
    "went",
    "came",
    "told",
    "sent",
    "left",
    "won",
    "lost",
    "shot",
    "led",
    "fled",
    "spoke",
    "broke",
    "wrote",
    "stood",
    "sought",
    "brought",
    "thought",
    "bought",
    "caught",
    "rose",
    "fell",
    "saw",
    "knew",
    "found",
    "became",
    "ran",
    "chose",
    "drove",
    "flew",
    "grew",
    "threw",
    "stole",
    "swore",
    "sold",
    "paid",
    "laid",
    "kept",
    "felt",
    "dealt",
    "built",
    "spent",
    "withdrew",
    "overthrew",
    "underwent",
    "arose",
    "drew",
    "froze",
    "hid",
    "sank",
    "shook",
    "stuck",
    "tore",
    "wore",
    "slew",
    "forbade",
    "forgave",
    "got",
    "heard",
    "meant",
    "oversaw",
    "upheld",
    "overtook",
];

/// Base forms in "-eed" ("need", "proceed"), against the past forms "agreed", "freed".
const EED_PAST: &[&str] = &["agreed", "freed", "decreed", "guaranteed", "disagreed"];

/// Whether `i` heads a clause: a verb, or a predicate noun or adjective with a copula.
fn is_predicate(t: &Tree, i: usize) -> bool {
    matches!(t.upos(i), Upos::Verb)
        || t.kids(i, &["cop", "nsubj", "nsubj:pass"]).next().is_some()
        || t.head(i).is_none()
}

/// Prepositions that put a phrase before or after the event of the clause: "after the
/// attack on tourists yesterday". A date inside such a phrase is that phrase's own.
const PRIOR: &[&str] = &[
    "after",
    "before",
    "following",
    "until",
    "till",
    "since",
    "prior",
];

/// Words that pass a date on to what they modify: "starting March 1", "effective Monday".
const PASS_ON: &[&str] = &["starting", "beginning", "effective", "from"];

/// Prepositions of a noun that is itself a time: "during Monday's session", "at
/// Thursday's meeting".
const AT: &[&str] = &["during", "at", "on", "in", "amid", "over"];

/// Whether `i` is a phrase of its own time: a nominal with a preposition of [`PRIOR`], a
/// clause with one of those subordinators or "for".
fn own_time(t: &Tree, i: usize) -> bool {
    t.kids(i, &["case"])
        .any(|c| PRIOR.contains(&t.lower(c).as_str()))
        // The same subordinators for a clause, and "for": "sentenced for driving into a crowd".
        || t.kids(i, &["mark"]).any(|c| {
            let w = t.lower(c);
            w == "for" || PRIOR.contains(&w.as_str())
        })
}

fn has_marker(t: &Tree, i: usize, words: &[&str]) -> bool {
    t.kids(i, &["case", "mark"])
        .any(|c| words.contains(&t.lower(c).as_str()))
}

/// The words an expression dates. It hangs on a word (its governor); when that word is a
/// noun the expression follows ("talks on Friday"), the expression is, as often as not,
/// the clause's own, so the nominal chain up to the clause's head counts too, unless the
/// chain passes a phrase of its own time ("after the attack on Monday"). A date before
/// its noun ("a February 27 meeting", "the 2015 attack") dates that noun alone, or its
/// clause when the noun is the clause's time ("during Monday's session").
fn anchors(t: &Tree, e: &TimeExpr, out: &mut Vec<usize>) {
    out.clear();
    let inside = |i: usize| (e.first..e.end).contains(&i);
    let Some(top) = (e.first..e.end.min(t.len())).find(|&i| t.head(i).is_none_or(|h| !inside(h)))
    else {
        return;
    };
    let Some(gov) = t.head(top) else {
        out.push(top);
        return;
    };
    out.push(gov);
    if PASS_ON.contains(&t.lower(gov).as_str()) {
        out.extend(t.head(gov));
        return;
    }
    if is_predicate(t, gov) {
        return;
    }
    if e.end <= gov {
        let timed =
            matches!(t.rel(gov), "obl" | "obl:tmod" | "obl:unmarked") && has_marker(t, gov, AT);
        if let Some(h) = t.head(gov).filter(|&h| timed && is_predicate(t, h)) {
            out.push(h);
        }
        return;
    }
    let mut cur = gov;
    for _ in 0..6 {
        if CLAUSAL.contains(&t.rel(cur)) || own_time(t, cur) {
            return;
        }
        let Some(h) = t.head(cur) else { return };
        out.push(h);
        if is_predicate(t, h) {
            return;
        }
        cur = h;
    }
}

/// Dependents whose date is their head's when the head has none of its own: "is set to
/// open tomorrow", "shuttered and seized the site in March 2018", "a strike targeting his
/// home last Tuesday", "a bombing that happened on June 27".
const SHARING: &[&str] = &["xcomp", "conj", "acl", "acl:relcl"];

/// Subordinators of a clause that happens at the time of its head.
const SIMULTANEOUS: &[&str] = &["by", "while", "as", "when"];

/// The expression dating the event whose trigger is token `trigger`, and the word it was
/// found on: the nearest expression anchored on the trigger (or on a dependent that
/// shares its time), else on the words above it, climbing out of the trigger's clause
/// into the ones that embed it ("announced on Sunday it had entered an agreement") but
/// not out of a relative clause (which tells of something else) nor out of a phrase of
/// its own time ("after the attack", "for driving into a crowd").
pub fn governing<'e>(
    t: &Tree,
    exprs: &'e [TimeExpr],
    trigger: usize,
) -> Option<(&'e TimeExpr, usize)> {
    let live: Vec<&TimeExpr> = exprs.iter().filter(|e| !e.bound).collect();
    if live.is_empty() || trigger >= t.len() {
        return None;
    }
    let mut anchored: Vec<Vec<usize>> = Vec::with_capacity(live.len());
    for e in &live {
        let mut a = Vec::new();
        anchors(t, e, &mut a);
        anchored.push(a);
    }
    let on = |node: usize| {
        live.iter()
            .zip(&anchored)
            .filter(|(_, a)| a.contains(&node))
            .min_by_key(|(e, _)| e.first.abs_diff(trigger).min(e.end.abs_diff(trigger + 1)))
            .map(|(e, a)| (*e, a.last().copied().unwrap_or(node)))
    };
    // Dependents share their time with the trigger and with its own clause's head only:
    // higher up, a conjunct is another event ("endorsed on December 27, replaces ...").
    let own = clause_of(t, trigger);
    // A clause of manner or of the same moment shares it too: "protested by shouting ...
    // during Monday's session", "said, while addressing the press yesterday".
    let sharing = |c: usize| !own_time(t, c);
    let simultaneous = |c: usize| has_marker(t, c, SIMULTANEOUS);
    let mut cur = trigger;
    for _ in 0..t.len().min(16) {
        let mut found = on(cur);
        if found.is_none() && (cur == trigger || Some(cur) == own) {
            found = t
                .kids(cur, SHARING)
                .filter(|&c| sharing(c))
                .chain(t.kids(cur, &["advcl"]).filter(|&c| simultaneous(c)))
                .find_map(on);
        }
        if found.is_some() {
            return found;
        }
        let rel = t.rel(cur);
        if matches!(rel, "acl:relcl" | "advcl:relcl" | "parataxis") || own_time(t, cur) {
            return None;
        }
        cur = t.head(cur)?;
    }
    None
}

/// The head of the clause `i` belongs to: `i` itself if it heads one, else the first
/// predicate above it through nominal links.
pub fn clause_of(t: &Tree, i: usize) -> Option<usize> {
    let mut cur = i;
    for _ in 0..8 {
        if is_predicate(t, cur) {
            return Some(cur);
        }
        if CLAUSAL.contains(&t.rel(cur)) {
            return None;
        }
        cur = t.head(cur)?;
    }
    None
}

/// The root of the sentence: its main clause.
pub fn root(t: &Tree) -> Option<usize> {
    (0..t.len()).find(|&i| t.head(i).is_none())
}

/// Participles that put their subject in the future: "talks were expected", "is set to".
const PLANNED: &[&str] = &[
    "expected",
    "scheduled",
    "set",
    "due",
    "planned",
    "slated",
    "poised",
    "likely",
];

/// Whether the clause of `trigger` speaks of something still to come, by its tense or by a
/// word of planning ("new negotiations were expected", "the vote is scheduled").
pub fn planned(t: &Tree, trigger: usize) -> bool {
    let Some(c) = clause_of(t, trigger) else {
        return false;
    };
    let passive = t.kids(c, &["aux", "aux:pass", "cop"]).any(|a| {
        matches!(
            t.lower(a).as_str(),
            "is" | "are" | "was" | "were" | "be" | "been" | "'s" | "'re"
        )
    });
    tense(t, c) == Tense::Future || (passive && PLANNED.contains(&t.lower(c).as_str()))
}

/// The tense of the clause headed by `v`: from its auxiliaries, else from the verb's form.
pub fn tense(t: &Tree, v: usize) -> Tense {
    if let Some(a) = t.kids(v, &["aux", "aux:pass", "cop"]).next() {
        return match t.lower(a).as_str() {
            // Not "has": the present perfect tells of now, not of a past day.
            "was" | "were" | "had" | "did" => Tense::Past,
            "will" | "shall" | "'ll" | "wo" => Tense::Future,
            _ => Tense::Unknown,
        };
    }
    if t.upos(v) != Upos::Verb {
        return Tense::Unknown;
    }
    let w = t.lower(v);
    let past = IRREGULAR_PAST.contains(&w.as_str())
        || EED_PAST.contains(&w.as_str())
        || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed") && w != "embed");
    if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}
