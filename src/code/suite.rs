//! Suite mode ([`super::Coder::suite_mode`]): coding as PETRARCH does with a test suite's own
//! dictionaries, for `dragoman eval petrarch`. News coding never enters here.
//!
//! What differs from news: only the dictionaries' verbs are triggers (the built-in event
//! nouns' codes are not the suite's); codes that are not CAMEO (`903`, `174K`) are kept; a
//! role without a named country is `---` (PETRARCH guesses none); a `[032:033]` verb also
//! records the paired event the other way; the first three letters of every actor code are
//! a country (`MRGORC`), whether or not the file lists them alone; a verb with no direct
//! target takes the first actor named inside its objects and phrases.

use super::actors::{ActorContext, Found, SpanKind, SECTORS};
use super::tree::Tree;
use super::triggers::{is_event_code, Trigger};
use crate::dict::{Dictionaries, Encoded};

/// The country of an actor known only by its role.
pub const NULL_COUNTRY: &str = "---";

/// Prepositions of place and time: what they introduce is where or when, not whom.
const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
    "around",
    "during",
    "within",
    "along",
    "beyond",
];

/// Every three-letter head of the dictionary's actor codes that is not a sector.
pub fn code_heads(d: &Dictionaries) -> Vec<String> {
    d.actors
        .actors
        .iter()
        .flat_map(|a| &a.codes)
        .flat_map(|c| c.parts())
        .filter_map(|c| c.get(..3))
        .filter(|h| h.bytes().all(|b| b.is_ascii_uppercase()))
        .filter(|h| !SECTORS.contains(h))
        .map(str::to_string)
        .collect()
}

/// PETRARCH's paired event: a verb whose code is `[032:033]` also records that the target
/// did 033 to the source (a visit made is a visit hosted). From the verb's own code only
/// (patterns name one event).
pub fn reverse_trigger(d: &Dictionaries, enc: &Encoded, tr: &Trigger) -> Option<Trigger> {
    if tr.noun {
        return None;
    }
    let (_, hit) = d.verb_at(enc, tr.start)?;
    let block = d.verbs.blocks.get(hit.block as usize)?;
    let spec = block
        .verbs
        .get(hit.entry as usize)
        .and_then(|e| e.code.as_ref())
        .unwrap_or(&block.code);
    let reverse = spec.reverse.as_deref().filter(|r| is_event_code(r))?;
    (spec.forward.as_deref() == Some(tr.cameo.as_str())).then(|| Trigger {
        cameo: reverse.to_string(),
        ..tr.clone()
    })
}

/// Whether a resolved actor says who at all: neither a country nor a role is no actor.
pub fn is_someone(f: &Found) -> bool {
    f.actor.code != NULL_COUNTRY || f.actor.sector.is_some()
}

/// "criticised the efforts of Eriador", "welcomed memos from Bree": failing a direct
/// target, the first actor the text names inside the verb's objects and prepositional
/// phrases (not its agent's "by" phrase, not a place: "killed in Gaza City"), with its
/// conjuncts; a complement's phrases count too ("vowed to wage war on the Rohans").
pub fn first_named_within(
    t: &Tree,
    ctx: &ActorContext,
    v: usize,
    actor: &[Found],
) -> Option<Vec<Found>> {
    let place = |i: usize| {
        t.case_of(i)
            .is_some_and(|c| PLACE_PREPS.contains(&c.as_str()) || c == "by")
    };
    let mut verbs = vec![v];
    verbs.extend(t.kids(v, &["xcomp"]));
    verbs.extend(
        t.kids(v, &["advcl"])
            .filter(|&c| t.kids(c, &["mark"]).any(|m| t.lower(m) == "to")),
    );
    let args: Vec<usize> = verbs
        .iter()
        .flat_map(|&x| t.kids(x, &["obj", "iobj", "obl"]))
        .filter(|&o| !place(o))
        .collect();
    let phrases: Vec<Vec<usize>> = args.iter().map(|&o| t.noun_phrase(o)).collect();
    let head = ctx
        .spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::Actor(_)) && s.start > v)
        .filter(|s| phrases.iter().any(|p| p.binary_search(&s.start).is_ok()))
        // The word of the span the rest of it hangs on.
        .filter_map(|s| {
            (s.start..s.end).find(|&i| t.head(i).is_none_or(|h| h < s.start || h >= s.end))
        })
        .find(|&h| !place(h))?;
    let found: Vec<Found> = super::resolve_all(t, ctx, &[head], false)
        .into_iter()
        .filter(|f| !actor.iter().any(|a| a.actor.code == f.actor.code))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// Whether token `i` hangs on `h` through an apposition to another word of the phrase (one
/// to `h` itself, "Chahed, the Prime Minister", names `h`'s role).
pub fn in_apposition(t: &Tree, mut i: usize, h: usize) -> bool {
    for _ in 0..t.len() {
        if i == h {
            return false;
        }
        if t.rel(i) == "appos" && t.head(i) != Some(h) {
            return true;
        }
        match t.head(i) {
            Some(up) => i = up,
            None => return false,
        }
    }
    false
}

/// `h` and its conjuncts, also through a list the parser read as an apposition whose own
/// conjuncts follow ("Mordor, Rohan, Fornost and Bree").
pub fn conjuncts(t: &Tree, h: usize) -> Vec<usize> {
    let mut out = t.with_conjuncts(h);
    let mut k = 0;
    while k < out.len() && out.len() < 16 {
        let listed: Vec<usize> = t
            .kids(out[k], &["appos"])
            .filter(|&a| t.kids(a, &["conj"]).next().is_some())
            .flat_map(|a| t.with_conjuncts(a))
            .filter(|x| !out.contains(x))
            .collect();
        out.extend(listed);
        k += 1;
    }
    out
}

/// "lawmakers in Fornost and Gondor", "ties with Gondor and Arnor": the conjuncts of an
/// actor named inside the phrase headed by `h` are parties too, with the role the phrase
/// gives the first ("lawmakers": FORLEG, GONLEG).
pub fn phrase_conjuncts(t: &Tree, ctx: &ActorContext, h: usize) -> Vec<Found> {
    let np = t.noun_phrase(h);
    let own = conjuncts(t, h);
    let first = ctx.resolve(t, h).into_iter().find(|f| f.named);
    let role = first
        .as_ref()
        .and_then(|f| f.actor.cameo.strip_prefix(f.actor.code.as_str()))
        .unwrap_or("")
        .to_string();
    let mut out: Vec<Found> = Vec::new();
    for s in ctx.spans.iter() {
        if !matches!(s.kind, SpanKind::Actor(_)) || np.binary_search(&s.start).is_err() {
            continue;
        }
        let Some(top) =
            (s.start..s.end).find(|&i| t.head(i).is_none_or(|x| x < s.start || x >= s.end))
        else {
            continue;
        };
        if own.contains(&top) {
            continue;
        }
        for c in conjuncts(t, top).into_iter().skip(1) {
            if own.contains(&c) {
                continue;
            }
            for mut f in ctx.resolve(t, c).into_iter().filter(|f| f.named) {
                if f.actor.cameo.len() == 3 && !role.is_empty() {
                    f.actor.cameo.push_str(&role);
                }
                if !out.iter().any(|o| o.actor.cameo == f.actor.cameo) {
                    out.push(f);
                }
            }
        }
    }
    out
}
