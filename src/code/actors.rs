//! Actor mentions: dictionary actors and agents found over a sentence's words (longest
//! match), and their resolution into contract actors for a noun phrase: a country or
//! international body from an actor, a sector from an agent ("Russian Foreign Ministry" is
//! RUS + GOV).

use super::tree::Tree;
use crate::dict::{AgentCode, Dictionaries, Encoded, Ymd};
use crate::doc::{EntityLabel, Upos};
use crate::event::ActorRef;
use std::collections::{HashMap, HashSet};

/// CAMEO sector and role codes: a three-letter code among these is never a country.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "CVL", "BUS", "MED", "REF",
    "LAB", "EDU", "REL", "ELI", "HLH", "AGR", "CRM", "DEV", "ENV", "HRI", "INS", "IGO", "NGO",
    "MNC", "UAF", "SET", "MOD", "RAD", "UNK", "SEP", "IMG", "JEW", "MUS", "CHR", "BUD", "HIN",
    "SHI", "SUN", "ATH", "CON", "DIP", "PRS", "EXE",
];

/// Phoenix roles the contract's sector list names otherwise: people at large are civilians
/// (`PPL`, "two people"), unidentified armed forces are rebels (`UAF`, "gunmen",
/// "militants"), as the annotation guideline codes them.
const ROLE_SECTORS: &[(&str, &str)] = &[("PPL", "CVL"), ("UAF", "REB")];

/// The contract's sector for a CAMEO sector or role code.
fn contract_sector(code: &str) -> String {
    ROLE_SECTORS
        .iter()
        .find(|(k, _)| *k == code)
        .map_or(code, |(_, v)| v)
        .to_string()
}

/// A dictionary phrase found in a sentence: tokens `start..end` (sentence indices).
#[derive(Debug, Clone)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: SpanKind,
}

#[derive(Debug, Clone)]
pub enum SpanKind {
    /// The actor's CAMEO code valid on the document's date.
    Actor(String),
    Agent(AgentCode),
}

/// The country and sector a CAMEO actor code stands for, in contract terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub code: String,
    pub sector: Option<String>,
}

/// Every three-letter actor code of the dictionaries that is not a sector: the countries.
pub fn country_codes(d: &Dictionaries) -> HashSet<String> {
    d.actors
        .actors
        .iter()
        .flat_map(|a| &a.codes)
        .flat_map(|c| c.parts())
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        .filter(|c| !SECTORS.contains(c))
        .map(str::to_string)
        .collect()
}

/// Contract code and sector of a CAMEO actor code: `RUSGOVDIP` is RUS/GOV, `IGOUNO` is
/// UNO/IGO, `IGOWSTNAT` NAT/IGO, `IGOEUREEC` EUR/IGO. `None` when no country or body shows.
pub fn split_code(cameo: &str, countries: &HashSet<String>) -> Option<Split> {
    let head = cameo.get(..3)?;
    let rest = cameo.get(3..).unwrap_or("");
    let sector = |r: &str| {
        r.get(..3)
            .filter(|s| SECTORS.contains(s) || ROLE_SECTORS.iter().any(|(k, _)| k == s))
            .map(contract_sector)
    };
    match head {
        "IGO" => {
            let code = if rest.starts_with("UNO") {
                "UNO"
            } else if rest.contains("NAT") {
                "NAT"
            } else if rest.starts_with("EUR") {
                "EUR"
            } else {
                "IGO"
            };
            Some(Split {
                code: code.into(),
                sector: Some("IGO".into()),
            })
        }
        "NGO" | "MNC" => Some(Split {
            code: head.into(),
            sector: Some(if head == "NGO" { "NGO" } else { "BUS" }.into()),
        }),
        c if countries.contains(c) => Some(Split {
            code: c.into(),
            sector: sector(rest),
        }),
        _ => None,
    }
}

/// The sentence's words with plural nationals named by their singular ("Colombians" →
/// "Colombian"): the country lists give a people's adjective, rarely its plural, so
/// without this the plural falls to the context country. Only a capitalised word the
/// dictionaries miss, whose singular alone is a country's name, changes.
pub fn singular_nationals<'f>(
    d: &Dictionaries,
    forms: &[&'f str],
    countries: &HashSet<String>,
) -> Vec<std::borrow::Cow<'f, str>> {
    singulars(d, &d.encode(forms), forms, countries)
}

/// A sentence's words encoded for the dictionaries, plural nationals read as their singular
/// ([`singular_nationals`]): encoded once, and again only when a word changed (rarely).
pub fn encode_sentence(d: &Dictionaries, forms: &[&str], countries: &HashSet<String>) -> Encoded {
    let enc = d.encode(forms);
    let words = singulars(d, &enc, forms, countries);
    if words
        .iter()
        .all(|w| matches!(w, std::borrow::Cow::Borrowed(_)))
    {
        enc
    } else {
        d.encode(&words)
    }
}

fn singulars<'f>(
    d: &Dictionaries,
    enc: &Encoded,
    forms: &[&'f str],
    countries: &HashSet<String>,
) -> Vec<std::borrow::Cow<'f, str>> {
    use std::borrow::Cow;
    forms
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if !capital || w.len() < 5 || d.actor_at(enc, i).is_some() {
                return Cow::Borrowed(w);
            }
            let found = ["es", "s"]
                .iter()
                .filter_map(|end| w.strip_suffix(end))
                .find(|one| is_country_word(d, one, countries));
            found.map_or(Cow::Borrowed(w), |one| Cow::Owned(one.to_string()))
        })
        .collect()
}

/// Whether `word` alone is a dictionary name whose code is a bare country.
fn is_country_word(d: &Dictionaries, word: &str, countries: &HashSet<String>) -> bool {
    let enc = d.encode(&[word]);
    d.actor_at(&enc, 0)
        .and_then(|(end, a)| (end == 1).then(|| a.code_undated()).flatten())
        .is_some_and(|c| c.len() == 3 && countries.contains(c))
}

/// The actor and agent phrases of a sentence, left to right, longest first at each place.
pub fn find_spans(d: &Dictionaries, enc: &Encoded, day: Option<Ymd>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < enc.ids.len() {
        let actor = d.actor_at(enc, i);
        let agent = d.agent_at(enc, i);
        let actor_end = actor.as_ref().map_or(0, |a| a.0);
        let agent_end = agent.as_ref().map_or(0, |a| a.0);
        if actor_end > i && actor_end >= agent_end {
            let (end, a) = actor.expect("checked");
            let code = match day {
                Some(day) => a.code_on(day),
                None => a.code_undated(),
            };
            if let Some(code) = code {
                out.push(Span {
                    start: i,
                    end,
                    kind: SpanKind::Actor(code.to_string()),
                });
            }
            i = end;
        } else if agent_end > i {
            let (end, a) = agent.expect("checked");
            out.push(Span {
                start: i,
                end,
                kind: SpanKind::Agent(a.code.clone()),
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Words a title may have between a country or body and a name: "State Department
/// spokesperson Tammy Bruce", "Deputy Assistant Secretary of State for Eurasian Affairs
/// Sonata Coulter".
const TITLE_GLUE: &[&str] = &["of", "for", "the", "'s", "’s"];

/// Longest title walked back from a name.
const TITLE_WORDS: usize = 10;

/// What a document has said about its actors so far: people once named in full with a
/// country ("Tammy Bruce" → USAGOV, then "Bruce stated"), and the actor its last sentence
/// led with (for "she", "they", "it").
#[derive(Debug, Default)]
pub struct DocMemory {
    surnames: HashMap<String, String>,
    /// CAMEO code of the first actor of the previous sentence that named one.
    pub antecedent: Option<String>,
}

impl DocMemory {
    /// Adds to `spans` the people of this sentence: a name (PER entity) after a title
    /// whose words name a country or body gets that actor's code (with the title's sector
    /// when the actor is a bare country); a surname of someone named before gets theirs.
    /// Then remembers the sentence's people and its leading actor.
    pub fn annotate(&mut self, t: &Tree, enc: &Encoded, spans: &mut Vec<Span>) {
        let first = t.sent.token_range().start;
        let covered =
            |spans: &[Span], i: usize| spans.iter().any(|s| (s.start..s.end).contains(&i));
        let mut added = Vec::new();
        for (start, end) in names(t, spans) {
            let code = if end - start == 1 {
                self.surnames.get(&enc.words[start]).cloned()
            } else {
                title_code(t, spans, start)
                    .or_else(|| appositive_code(t, spans, start, end, self.antecedent.as_deref()))
            };
            if let Some(code) = code {
                added.push(Span {
                    start,
                    end,
                    kind: SpanKind::Actor(code),
                });
            }
        }
        // A surname the recogniser missed, capitalised, that no dictionary phrase covers.
        for i in 0..t.len() {
            let w = &t.toks[i].form;
            if w.chars().next().is_some_and(char::is_uppercase)
                && t.upos(i) == Upos::Propn
                && !covered(spans, i)
                && !added.iter().any(|s: &Span| (s.start..s.end).contains(&i))
            {
                if let Some(code) = self.surnames.get(&enc.words[i]) {
                    added.push(Span {
                        start: i,
                        end: i + 1,
                        kind: SpanKind::Actor(code.clone()),
                    });
                }
            }
        }
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
        for s in spans.iter() {
            let SpanKind::Actor(code) = &s.kind else {
                continue;
            };
            // A person: several capitalised words a PER entity overlaps.
            let person = s.end - s.start >= 2
                && sentence_entities(t).iter().any(|e| {
                    e.label == EntityLabel::Per
                        && e.first_token < first + s.end
                        && first + s.start < e.end_token
                })
                && t.toks[s.end - 1]
                    .form
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            if person {
                self.surnames
                    .insert(enc.words[s.end - 1].clone(), code.clone());
            }
        }
        // The sentence's first actor, with the role right after it ("the Israeli military").
        let lead = spans.iter().enumerate().find_map(|(k, s)| match &s.kind {
            SpanKind::Actor(c) => Some((k, c.clone())),
            SpanKind::Agent(_) => None,
        });
        if let Some((k, mut code)) = lead {
            let role = spans.get(k + 1).filter(|r| r.start <= spans[k].end + 1);
            if let Some(Span {
                kind: SpanKind::Agent(a @ AgentCode::Suffix(_)),
                ..
            }) = role
            {
                if code.len() == 3 {
                    code = a.apply(&code);
                }
            }
            self.antecedent = Some(code);
        }
    }
}

/// The recogniser's entities within the sentence (the document keeps them in token order),
/// found by binary search so that long documents cost no more per sentence.
fn sentence_entities<'d>(t: &Tree<'d>) -> &'d [crate::doc::Entity] {
    let r = t.sent.token_range();
    let all = &t.doc.entities;
    let a = all.partition_point(|e| e.first_token < r.start);
    let b = all.partition_point(|e| e.first_token < r.end);
    &all[a..b]
}

/// Common nouns for people that no agent entry covers and no ending shows.
const PEOPLE_NOUNS: &[&str] = &[
    "people",
    "person",
    "persons",
    "man",
    "men",
    "woman",
    "women",
    "child",
    "children",
    "boy",
    "boys",
    "girl",
    "girls",
    "others",
    "suspect",
    "suspects",
    "accused",
    "crowd",
    "crowds",
    "family",
    "families",
    "group",
    "groups",
    "youth",
    "youths",
    "mob",
    "team",
    "staff",
    "personnel",
    "forces",
    "troops",
    "police",
    "guard",
    "guards",
    "gang",
    "gangs",
    "public",
    "couple",
    "victim",
    "victims",
    "side",
    "sides",
    "party",
    "parties",
    "community",
    "communities",
    "authorities",
    "administration",
    "regime",
    "cabinet",
    "court",
    "unit",
    "units",
    "crew",
    "crews",
    "militia",
    "militias",
    "army",
    "navy",
    "state",
    "states",
    "country",
    "countries",
    "nation",
    "nations",
    "majority",
    "minority",
    "many",
    "some",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "tens",
    "teenager",
    "teenagers",
    "pupil",
    "pupils",
    "staffer",
    "staffers",
    "ally",
    "allies",
    "rebel",
    "rebels",
    "chief",
    "chiefs",
    "head",
    "heads",
    "deputy",
    "deputies",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "envoy",
    "envoys",
    "delegation",
    "delegations",
    "cartel",
    "cartels",
    "official",
    "officials",
    "witness",
    "witnesses",
    "coalition",
    "coalitions",
    "pilot",
    "pilots",
    "alliance",
    "alliances",
    "board",
    "committee",
    "committees",
    "council",
    "councils",
    "company",
    "companies",
    "firm",
    "firms",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "agency",
    "agencies",
    "ministry",
    "ministries",
    "department",
    "departments",
    "movement",
    "movements",
    "government",
    "governments",
    "parliament",
    "faction",
    "factions",
    "union",
    "unions",
    "network",
    "networks",
    "body",
    "bodies",
    "panel",
    "panels",
    "jury",
    "juries",
    "mission",
    "missions",
    "squad",
    "squads",
];

/// Whether a common noun, not in the agent dictionary, may name people: the nouns above and
/// agent nouns by their ending ("attacker", "perpetrator", "activist", "migrant",
/// "resident", "detainee", "representatives"), not "agreement" or "statement".
fn person_noun(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "er", "ers", "or", "ors", "ist", "ists", "ant", "ants", "ent", "ents", "ian", "ians", "ee",
        "ees", "ive", "ives", "ary", "aries", "ic", "ics",
    ];
    PEOPLE_NOUNS.contains(&w)
        || (ENDINGS.iter().any(|e| w.ends_with(e)) && !w.ends_with("ment") && !w.ends_with("ments"))
}

/// Prepositions by which a noun points to the party it belongs to or bears on.
const RELATIONAL_PREPS: &[&str] = &["on", "against", "to", "from", "of", "with", "for", "over"];

/// Whether token `h` lies in a person's name the recogniser found.
fn in_person(t: &Tree, h: usize) -> bool {
    let at = t.sent.token_range().start + h;
    sentence_entities(t)
        .iter()
        .any(|e| e.label == EntityLabel::Per && e.first_token <= at && at < e.end_token)
}

/// The people a sentence may name, as sentence token ranges no dictionary phrase covers:
/// the recogniser's persons, and runs of two or three capitalised proper nouns right after
/// a title the dictionaries know ("Deputy Assistant Secretary of State for Eurasian Affairs
/// Sonata Coulter", which the recogniser may take for part of an organisation).
fn names(t: &Tree, spans: &[Span]) -> Vec<(usize, usize)> {
    let first = t.sent.token_range().start;
    let covered = |i: usize| spans.iter().any(|s| (s.start..s.end).contains(&i));
    let mut out: Vec<(usize, usize)> = Vec::new();
    for e in sentence_entities(t)
        .iter()
        .filter(|e| e.label == EntityLabel::Per)
    {
        let Some(start) = e.first_token.checked_sub(first) else {
            continue;
        };
        let end = e.end_token - first;
        if end <= t.len() && start < end && !(start..end).any(covered) {
            out.push((start, end));
        }
    }
    let capital = |i: usize| {
        t.upos(i) == Upos::Propn
            && t.toks[i]
                .form
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    let mut i = 0;
    while i < t.len() {
        if !capital(i) || covered(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < t.len() && capital(j) && !covered(j) {
            j += 1;
        }
        let titled = i > 0
            && spans.iter().any(|s| {
                matches!(s.kind, SpanKind::Agent(_)) && s.end + TITLE_WORDS > i && s.end <= i
            });
        let known = out.iter().any(|&(a, b)| a < j && i < b);
        if (2..=3).contains(&(j - i)) && titled && !known {
            out.push((i, j));
        }
        i = j;
    }
    out.sort_unstable();
    out
}

/// The code the title before a name (at `start`) gives it: the actor nearest the name among
/// the title's words, with an agent's sector added to a bare country.
fn title_code(t: &Tree, spans: &[Span], start: usize) -> Option<String> {
    let mut from = start;
    while from > 0 && start - from < TITLE_WORDS {
        let k = from - 1;
        let glue = TITLE_GLUE.contains(&t.lower(k).as_str());
        if !(glue || matches!(t.upos(k), Upos::Propn | Upos::Noun | Upos::Adj)) {
            break;
        }
        from = k;
    }
    let inside: Vec<&Span> = spans
        .iter()
        .filter(|s| s.start >= from && s.end <= start)
        .collect();
    let actor = inside.iter().rev().find_map(|s| match &s.kind {
        SpanKind::Actor(c) => Some(c.clone()),
        SpanKind::Agent(_) => None,
    })?;
    let agent = inside.iter().rev().find_map(|s| match &s.kind {
        SpanKind::Agent(a @ AgentCode::Suffix(_)) => Some(a),
        _ => None,
    });
    Some(match agent {
        Some(a) if actor.len() == 3 => a.apply(&actor),
        _ => actor,
    })
}

/// The code of a name set beside its title ("its new ambassador to the U.S., Aleksandr
/// Darchiev"): the title's own actor, not the host country of "to the U.S."; for a title
/// owned by a pronoun ("its"), the clause's subject, else the previous sentence's actor.
fn appositive_code(
    t: &Tree,
    spans: &[Span],
    start: usize,
    end: usize,
    antecedent: Option<&str>,
) -> Option<String> {
    let name = (start..end).find(|&i| t.head(i).is_none_or(|h| h < start || h >= end))?;
    let title = if t.rel(name) == "appos" {
        t.head(name)?
    } else if start >= 2 && t.toks[start - 1].form == "," {
        // The parser may hang the name elsewhere: the title is then the nearest role
        // before the comma.
        spans
            .iter()
            .rev()
            .filter(|s| matches!(s.kind, SpanKind::Agent(_)))
            .find(|s| s.end < start && s.start + TITLE_WORDS >= start)?
            .start
    } else {
        return None;
    };
    let host: Vec<usize> = t
        .kids(title, &["nmod"])
        .filter(|&c| t.case_of(c).as_deref() == Some("to"))
        .collect();
    let own: Vec<usize> = t
        .noun_phrase(title)
        .into_iter()
        .filter(|&i| !host.iter().any(|&h| t.within(i, h)) && !(start..end).contains(&i))
        .collect();
    let in_own = |s: &&Span| own.contains(&s.start);
    let agent = spans.iter().filter(in_own).find_map(|s| match &s.kind {
        SpanKind::Agent(a @ AgentCode::Suffix(_)) => Some(a),
        _ => None,
    });
    let mut actor = spans.iter().filter(in_own).find_map(|s| match &s.kind {
        SpanKind::Actor(c) => Some(c.clone()),
        SpanKind::Agent(_) => None,
    });
    let owned = t
        .kids(title, &["nmod:poss"])
        .any(|c| t.upos(c) == Upos::Pron);
    if actor.is_none() && owned {
        let subject = t
            .head(title)
            .into_iter()
            .flat_map(|v| t.kids(v, &["nsubj", "nsubj:pass"]).collect::<Vec<_>>())
            .flat_map(|s| t.noun_phrase(s))
            .collect::<Vec<usize>>();
        actor = spans
            .iter()
            .filter(|s| subject.contains(&s.start))
            .find_map(|s| match &s.kind {
                SpanKind::Actor(c) => Some(c.clone()),
                SpanKind::Agent(_) => None,
            })
            .or_else(|| antecedent.map(str::to_string));
    }
    let actor = actor?;
    Some(match agent {
        Some(a) if actor.len() == 3 => a.apply(&actor),
        _ => actor,
    })
}

/// What a sentence knows about actors: its spans, and the countries it and the document
/// before it mention (for actors the text names only by role: "police", "a man").
pub struct ActorContext<'s> {
    pub spans: &'s [Span],
    pub countries: &'s HashSet<String>,
    /// The document's first-named country.
    pub fallback: Option<String>,
    /// The document's first two countries ("both sides").
    pub pair: Option<(String, String)>,
    /// The countries the sentence names, in order.
    pub sentence: &'s [String],
    /// The countries the document has named so far, in order.
    pub story: &'s [String],
    /// The actor the previous sentences last led with, for pronouns.
    pub antecedent: Option<&'s str>,
    /// PETRARCH suite mode ([`super::Coder::suite_mode`]).
    pub suite: bool,
}

/// Pronouns that stand for an actor named before.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "him", "her", "them"];

/// Pronouns that name no party: demonstratives and indefinites ("warns that ...").
const NOT_PARTIES: &[&str] = &[
    "that",
    "this",
    "these",
    "those",
    "what",
    "whatever",
    "anything",
    "something",
    "nothing",
    "everything",
    "anyone",
    "anybody",
];

/// Relative pronouns: they stand for the noun their clause modifies.
const RELATIVES: &[&str] = &["who", "whom", "which", "that"];

/// Places and buildings: attacked or raided, they stand for whoever owns them, when the
/// text says so ("the Hamas leadership's office"); alone they are no party.
const PLACES: &[&str] = &[
    "office",
    "offices",
    "home",
    "homes",
    "house",
    "houses",
    "residence",
    "headquarters",
    "compound",
    "camp",
    "camps",
    "base",
    "bases",
    "city",
    "town",
    "village",
    "villages",
    "region",
    "area",
    "territory",
    "building",
    "buildings",
    "facility",
    "facilities",
    "premises",
];

const GROUP_HEADS: &[&str] = &[
    "sides",
    "countries",
    "nations",
    "parties",
    "governments",
    "states",
];

impl ActorContext<'_> {
    /// The actors a noun phrase headed by `h` names: one, from its dictionary phrases or,
    /// for a role or an unknown name, the context country; two for "both sides".
    pub fn resolve(&self, t: &Tree, h: usize) -> Vec<Found> {
        // "who attacked", "which bans": a relative pronoun is the noun its clause modifies.
        if t.upos(h) == Upos::Pron && RELATIVES.contains(&t.lower(h).as_str()) {
            if let Some(n) = t
                .head(h)
                .filter(|&v| t.rel(v) == "acl:relcl")
                .and_then(|v| t.head(v))
            {
                return self.resolve(t, n);
            }
        }
        // "the Hamas leadership's office", "his home": a place stands for its owner.
        if PLACES.contains(&t.lower(h).as_str()) {
            if let Some(owner) = t.kids(h, &["nmod:poss"]).next() {
                return self.resolve(t, owner);
            }
        }
        let np = t.noun_phrase(h);
        // The words that name it: without the preposition or punctuation at its edges.
        let named: Vec<usize> = np
            .iter()
            .copied()
            .filter(|&i| {
                i == h || !(t.head(i) == Some(h) && matches!(t.rel(i), "case" | "punct" | "cc"))
            })
            .collect();
        let (first, last) = (named[0], *named.last().expect("has head"));
        let text = t.text(first, last).to_string();
        if let Some(pair) = self.group(t, h) {
            return [pair.0, pair.1]
                .into_iter()
                .map(|c| Found {
                    group: true,
                    ..Found::context(plain(&text, &c, None))
                })
                .collect();
        }
        let inside: Vec<&Span> = self
            .spans
            .iter()
            .filter(|s| np.binary_search(&s.start).is_ok())
            .collect();
        // The actor nearest the head wins ("the Russian ambassador to the U.S." is Russian).
        let actor = inside
            .iter()
            .filter(|s| !self.starts_longer_name(t, s))
            .filter_map(|s| match &s.kind {
                SpanKind::Actor(c) => split_code(c, self.countries).map(|sp| (s, c, sp)),
                SpanKind::Agent(_) => None,
            })
            .min_by_key(|(s, _, _)| distance(s, h));
        let agent = inside
            .iter()
            // Suite mode: a role in an apposition deeper in the phrase ("ties with X after
            // a rift, the official news agency") is another entity's.
            .filter(|s| !(self.suite && super::suite::in_apposition(t, s.start, h)))
            .filter_map(|s| match &s.kind {
                SpanKind::Agent(a) => Some((s, a)),
                SpanKind::Actor(_) => None,
            })
            .min_by_key(|(s, _)| distance(s, h));
        // "economic sanctions on Iran", "a member of the Qatari security forces": a thing or
        // a part named by the party its phrase points to is that party.
        if let (Some((span, _, _)), None, false) = (&actor, &agent, self.suite) {
            let relational = |c: usize| {
                t.case_of(c)
                    .is_some_and(|p| RELATIONAL_PREPS.contains(&p.as_str()))
            };
            let inner = t
                .kids(h, &["nmod"])
                .find(|&c| t.within(span.start, c) && relational(c));
            if let (Some(c), Upos::Noun) = (inner, t.upos(h)) {
                return self.resolve(t, c);
            }
        }
        // "Pakistani Taliban", "Afghan Hezbollah": a nationality right before an armed
        // group names the group's country; the group keeps its sector.
        let actor = actor.map(|(span, cameo, split)| {
            let adjective = inside.iter().find_map(|s| match &s.kind {
                SpanKind::Actor(c)
                    if s.end == span.start && c.len() == 3 && self.countries.contains(c) =>
                {
                    Some(c)
                }
                _ => None,
            });
            match adjective {
                Some(c)
                    if *c != split.code
                        && self.countries.contains(&split.code)
                        && split.sector.as_deref().is_some_and(|x| x != "GOV") =>
                {
                    let own = format!("{c}{}", cameo.get(3..).unwrap_or(""));
                    let split = Split {
                        code: c.clone(),
                        sector: split.sector,
                    };
                    (span, std::borrow::Cow::Owned(own), split)
                }
                _ => (span, std::borrow::Cow::Borrowed(cameo), split),
            }
        });
        match (actor, agent) {
            (Some((span, cameo, split)), agent) => {
                let mut cameo = cameo.into_owned();
                let mut sector = split.sector.clone();
                // A country or its capital named as the one who acts is its government
                // ("Canada imposed", "Washington said"), as the guideline codes it.
                let covers_head = span.start <= h && h < span.end;
                // "28 Palestinians", "Three Israelis", "at least 82 Palestinians" (the parser
                // may head it by the count): a people, not its state.
                let counted = matches!(t.upos(h), Upos::Num | Upos::Adj | Upos::Adv);
                let people = (covers_head || (counted && span.start > h))
                    && people_word(&t.lower(span.end - 1));
                if sector.is_none() && agent.is_none() && people {
                    sector = Some("CVL".into());
                }
                if sector.is_none() && agent.is_none() && covers_head {
                    let place = t.upos(h) == Upos::Propn
                        && sentence_entities(t).iter().any(|e| {
                            let f = t.sent.token_range().start;
                            e.label != EntityLabel::Per
                                && e.first_token <= f + h
                                && f + h < e.end_token
                        });
                    if place {
                        sector = Some("GOV".into());
                    }
                }
                if self.suite {
                    // PETRARCH: every agent of the phrase joins the actor's code.
                    let agents: Vec<&AgentCode> = inside
                        .iter()
                        .filter(|s| !super::suite::in_apposition(t, s.start, h))
                        .filter_map(|s| match &s.kind {
                            SpanKind::Agent(a) => Some(a),
                            SpanKind::Actor(_) => None,
                        })
                        .collect();
                    let former = np.iter().any(|&i| t.lower(i) == "former");
                    cameo = super::suite::mix_agents(&cameo, &agents, former);
                    if sector.is_none() {
                        sector = cameo.get(3..6).map(contract_sector);
                    }
                } else if let (Some((_, a)), true) = (agent, cameo.len() == 3 && sector.is_none()) {
                    if let AgentCode::Suffix(_) = a {
                        cameo = a.apply(&cameo);
                        sector = a.code().get(..3).map(contract_sector);
                    }
                }
                if !self.suite && former(t, &np, h) {
                    // "former president Luis Arce": out of office, an elite.
                    sector = Some("ELI".into());
                    if self.countries.contains(&split.code) {
                        cameo = format!("{}ELI", split.code);
                    }
                }
                vec![Found::named(ActorRef::coded(
                    text, split.code, sector, cameo,
                ))]
            }
            (None, Some((_, a))) => {
                let Some(country) = self.fallback.clone() else {
                    return Vec::new();
                };
                let cameo = a.apply(&country);
                let split = split_code(&cameo, self.countries).unwrap_or(Split {
                    code: country,
                    sector: None,
                });
                let mut sector = split
                    .sector
                    .or_else(|| a.code().get(..3).map(contract_sector));
                let mut cameo = cameo;
                if !self.suite && former(t, &np, h) && self.countries.contains(&split.code) {
                    sector = Some("ELI".into());
                    cameo = format!("{}ELI", split.code);
                }
                vec![Found::context(ActorRef::coded(
                    text, split.code, sector, cameo,
                ))]
            }
            (None, None) => {
                if t.upos(h) == Upos::Pron && PRONOUNS.contains(&t.lower(h).as_str()) {
                    if let Some(f) = self.clause_antecedent(t, h) {
                        return vec![Found::context(ActorRef { text, ..f.actor })];
                    }
                    if let Some(split) = self
                        .antecedent
                        .and_then(|c| split_code(c, self.countries).map(|s| (c, s)))
                    {
                        let (cameo, split) = split;
                        return vec![Found::context(ActorRef::coded(
                            text,
                            split.code,
                            split.sector,
                            cameo.to_string(),
                        ))];
                    }
                }
                // A role or a name takes the story's country; a demonstrative or a date
                // is no party ("warns that", "on Friday").
                let word = t.lower(h);
                let party = match t.upos(h) {
                    // The parser may take "on Friday" for an event's target.
                    Upos::Propn => !crate::when::is_day_or_month(&word),
                    Upos::Pron => !NOT_PARTIES.contains(&word.as_str()),
                    Upos::Noun => true,
                    _ => false,
                };
                match (&self.fallback, party) {
                    (Some(c), true) => {
                        // A person the dictionaries do not know ("Brenton Tarrant", "Erin
                        // Patterson") is, as the guideline codes private people, a civilian.
                        let person = !self.suite && t.upos(h) == Upos::Propn && in_person(t, h);
                        let sector = person.then(|| "CVL".to_string());
                        let thing = t.upos(h) == Upos::Noun && !person_noun(&word);
                        vec![Found {
                            thing,
                            ..Found::context(plain(&text, c, sector))
                        }]
                    }
                    _ => Vec::new(),
                }
            }
        }
    }

    /// A pronoun's antecedent within its sentence: the named subject of a clause above it
    /// ("The Houthis claim that they targeted ...", "The Royal Air Force launches airstrikes
    /// on buildings they claimed ...").
    fn clause_antecedent(&self, t: &Tree, h: usize) -> Option<Found> {
        let mut cur = h;
        for _ in 0..4 {
            let Some(v) = t.head(cur) else { break };
            let subject = t
                .kids(v, &["nsubj", "nsubj:pass"])
                .find(|&s| s < h && t.upos(s) != Upos::Pron);
            if let Some(s) = subject {
                return self.resolve(t, s).into_iter().find(|f| f.named);
            }
            cur = v;
        }
        // The parse found no clause above: the nearest actor named before it.
        let s = self.spans.iter().rev().find(|s| {
            s.end <= h
                && matches!(&s.kind, SpanKind::Actor(c) if split_code(c, self.countries).is_some())
        })?;
        self.resolve(t, s.end - 1).into_iter().find(|f| f.named)
    }

    /// "People's Liberation Army of Manipur": a dictionary name followed by "of" and a
    /// proper name the dictionaries do not know, or know as another country's, is only the
    /// start of another, longer name.
    fn starts_longer_name(&self, t: &Tree, s: &Span) -> bool {
        let of = s.end;
        if of + 1 >= t.len() || t.lower(of) != "of" || t.upos(of + 1) != Upos::Propn {
            return false;
        }
        let country = |span: &Span| match &span.kind {
            SpanKind::Actor(c) => split_code(c, self.countries).map(|sp| sp.code),
            SpanKind::Agent(_) => None,
        };
        match self
            .spans
            .iter()
            .find(|x| x.start <= of + 1 && of + 1 < x.end)
        {
            None => true,
            Some(next) => country(next).is_some_and(|c| country(s).is_some_and(|own| own != c)),
        }
    }

    /// "both sides", "the two countries": the pair of countries the document last named.
    fn group(&self, t: &Tree, h: usize) -> Option<(String, String)> {
        let head = t.lower(h);
        if !GROUP_HEADS.contains(&head.as_str()) {
            return None;
        }
        let counted = t.children[h].iter().any(|&c| {
            let w = t.lower(c);
            w == "both" || w == "two"
        });
        if counted {
            self.pair.clone()
        } else {
            None
        }
    }
}

/// A resolved actor, and whether a dictionary phrase of the text named it (rather than
/// the context: a role with the document's country, "both sides").
#[derive(Debug, Clone)]
pub struct Found {
    pub actor: ActorRef,
    pub named: bool,
    /// One of a reciprocal group ("both sides"): each side acts on the other.
    pub group: bool,
    /// A common noun that names no one ("the ban", "the information"): it may be what an
    /// event bears on, but it does not act.
    pub thing: bool,
}

impl Found {
    fn named(actor: ActorRef) -> Found {
        Found {
            actor,
            named: true,
            group: false,
            thing: false,
        }
    }
    fn context(actor: ActorRef) -> Found {
        Found {
            actor,
            named: false,
            group: false,
            thing: false,
        }
    }
}

/// "Israeli airstrikes", "Russia launches drones", "a Russian drone": a state named only by
/// its name or adjective as the one who attacks or deploys is its armed forces, as the
/// guideline codes "Russian army" (a government named as such stays the government).
pub fn as_military(f: &mut Found, countries: &HashSet<String>) {
    let bare = f.actor.cameo.len() == 3 && countries.contains(&f.actor.code);
    if f.named && bare && matches!(f.actor.sector.as_deref(), None | Some("GOV")) {
        f.actor.sector = Some("MIL".into());
        f.actor.cameo = format!("{}MIL", f.actor.code);
    }
}

/// Whether a resolved party is a thing or a place rather than people: no sector, or the
/// government a bare country or city name gives ("drone attacks on Kharkiv, Ukraine").
pub fn is_thing(a: &ActorRef) -> bool {
    match a.sector.as_deref() {
        None => true,
        Some("GOV") => a.cameo.len() == 3,
        Some(_) => false,
    }
}

/// Country names that end like a plural ("the Philippines", "the United States").
const PLURAL_NAMES: &[&str] = &[
    "philippines",
    "netherlands",
    "seychelles",
    "maldives",
    "comoros",
    "states",
    "islands",
    "emirates",
    "antilles",
    "grenadines",
];

/// Whether a word a country's dictionary entry matched is its people in the plural
/// ("Palestinians", "Israelis", "Afghans") rather than the country ("Cyprus", "Honduras").
fn people_word(w: &str) -> bool {
    w.len() > 4
        && w.ends_with('s')
        && !["ss", "us", "as", "os"].iter().any(|e| w.ends_with(e))
        && !PLURAL_NAMES.contains(&w)
}

/// Whether "former" (or "ex-") qualifies the head of a noun phrase: "former president
/// Luis Arce", "former Chihuahua governor", not "the wife of the former minister".
fn former(t: &Tree, np: &[usize], h: usize) -> bool {
    np.iter().any(|&f| {
        f < h
            && matches!(t.lower(f).as_str(), "former" | "ex")
            && (f..h).all(|k| t.rel(k) != "case")
    })
}

fn distance(s: &Span, h: usize) -> usize {
    if (s.start..s.end).contains(&h) {
        0
    } else {
        s.start.abs_diff(h).min((s.end - 1).abs_diff(h))
    }
}

fn plain(text: &str, code: &str, sector: Option<String>) -> ActorRef {
    ActorRef::coded(text.to_string(), code.to_string(), sector, code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_country_and_sector() {
        let countries: HashSet<String> = ["USA", "RUS"].iter().map(|s| s.to_string()).collect();
        let s = |c: &str| split_code(c, &countries).map(|s| (s.code, s.sector));
        assert_eq!(s("RUSGOVDIP"), Some(("RUS".into(), Some("GOV".into()))));
        assert_eq!(s("USA"), Some(("USA".into(), None)));
        assert_eq!(s("IGOUNOKID"), Some(("UNO".into(), Some("IGO".into()))));
        assert_eq!(s("IGOWSTNAT"), Some(("NAT".into(), Some("IGO".into()))));
        assert_eq!(s("IGOEUREEC"), Some(("EUR".into(), Some("IGO".into()))));
        assert_eq!(s("IGOAFR"), Some(("IGO".into(), Some("IGO".into()))));
        assert_eq!(s("USAUAF"), Some(("USA".into(), Some("REB".into()))));
        assert_eq!(contract_sector("PPL"), "CVL");
        assert_eq!(contract_sector("MIL"), "MIL");
        assert_eq!(s("GOV"), None);
        assert_eq!(s("XX"), None);
    }

    #[test]
    fn builtin_countries_hold_iso_codes_not_sectors() {
        let d = Dictionaries::builtin().unwrap();
        let c = country_codes(&d);
        for iso in ["USA", "RUS", "UKR", "ISR", "FRA"] {
            assert!(c.contains(iso), "{iso}");
        }
        assert!(!c.contains("GOV") && !c.contains("IGO"));
    }

    #[test]
    fn plural_nationals_become_singular_and_others_stay() {
        let d = Dictionaries::builtin().unwrap();
        let c = country_codes(&d);
        // "Israelis" and "Venezuelans" stay: dictionary stems already find them.
        let forms = [
            "Colombians",
            "Venezuelans",
            "Israelis",
            "met",
            "Mothers",
            "colombians",
            "Russia",
        ];
        let got: Vec<String> = singular_nationals(&d, &forms, &c)
            .into_iter()
            .map(|w| w.into_owned())
            .collect();
        assert_eq!(
            got,
            [
                "Colombian",
                "Venezuelans",
                "Israelis",
                "met",
                "Mothers",
                "colombians",
                "Russia"
            ]
        );
    }
}

/// Real sentences through the shipped models: what each names, sentence by sentence, with
/// the document's memory (people, antecedents) carried along.
#[cfg(test)]
mod on_real_text {
    use super::*;
    use crate::doc::{Doc, DocMeta};
    use crate::pipeline::{default_models_dir, Pipeline};
    use std::sync::OnceLock;

    fn tools() -> &'static (Pipeline, Dictionaries, HashSet<String>) {
        static T: OnceLock<(Pipeline, Dictionaries, HashSet<String>)> = OnceLock::new();
        T.get_or_init(|| {
            let p = Pipeline::load(&default_models_dir()).expect("shipped models");
            let d = Dictionaries::builtin().expect("built-in dictionaries");
            let c = country_codes(&d);
            (p, d, c)
        })
    }

    /// For each wanted phrase (in text order), the "COUNTRY/SECTOR" of the noun phrase
    /// whose last word it ends with, resolved as an event argument would be.
    fn actors(text: &str, date: &str, wanted: &[&str]) -> Vec<String> {
        let (pipeline, d, countries) = tools();
        let meta = DocMeta {
            id: "t".into(),
            date: Some(date.into()),
            ..DocMeta::default()
        };
        let mut doc = Doc::new(meta, text.to_string());
        pipeline.annotate(&mut doc);
        let day = Ymd::parse_iso(date);
        let mut memory = DocMemory::default();
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::new();
        let mut want = wanted.iter().peekable();
        for sent in &doc.sentences {
            let t = Tree::new(&doc, sent);
            let forms: Vec<&str> = t.toks.iter().map(|x| x.form.as_str()).collect();
            let enc = encode_sentence(d, &forms, countries);
            let mut spans = find_spans(d, &enc, day);
            let antecedent = memory.antecedent.clone();
            memory.annotate(&t, &enc, &mut spans);
            let named: Vec<String> = spans
                .iter()
                .filter_map(|s| match &s.kind {
                    SpanKind::Actor(c) => split_code(c, countries).map(|x| x.code),
                    SpanKind::Agent(_) => None,
                })
                .filter(|c| countries.contains(c))
                .collect();
            for c in &named {
                if !seen.contains(c) {
                    seen.push(c.clone());
                }
            }
            let ctx = ActorContext {
                spans: &spans,
                countries,
                fallback: seen.first().cloned(),
                pair: match seen.as_slice() {
                    [a, b, ..] => Some((a.clone(), b.clone())),
                    _ => None,
                },
                sentence: &named,
                story: &seen,
                antecedent: antecedent.as_deref(),
                suite: false,
            };
            while let Some(w) = want.peek() {
                let last = w.split_whitespace().last().unwrap_or(w);
                let Some(mut h) =
                    (0..t.len()).find(|&i| t.toks[i].form == last && t.text(0, i).ends_with(*w))
                else {
                    break;
                };
                while matches!(t.rel(h), "compound" | "flat" | "amod" | "nmod:poss") {
                    match t.head(h) {
                        Some(x) => h = x,
                        None => break,
                    }
                }
                let got = ctx.resolve(&t, h);
                out.push(match got.first() {
                    Some(f) => format!(
                        "{}/{}",
                        f.actor.code,
                        f.actor.sector.as_deref().unwrap_or("-")
                    ),
                    None => "-".into(),
                });
                want.next();
            }
        }
        out
    }

    #[test]
    fn the_seed_names_its_actors() {
        let seed = include_str!("../../examples/seed-2025-04-10.txt");
        let body = seed.splitn(3, '\n').nth(2).unwrap_or(seed);
        let got = actors(
            body,
            "2025-04-10",
            &[
                "The U.S. State Department",
                "the Russian Foreign Ministry",
                "State Department spokesperson Tammy Bruce",
                "Bruce",
                "Aleksandr Darchiev",
                "Sonata Coulter",
            ],
        );
        assert_eq!(
            got,
            ["USA/GOV", "RUS/GOV", "USA/GOV", "USA/GOV", "RUS/GOV", "USA/GOV"]
        );
    }

    #[test]
    fn office_holders_by_the_day_of_the_story() {
        let text = "Donald Trump met Joe Biden. Trump later called Vladimir Putin.";
        assert_eq!(
            actors(
                text,
                "2025-03-14",
                &["Donald Trump", "Joe Biden", "Trump", "Vladimir Putin"]
            ),
            ["USA/GOV", "USA/ELI", "USA/GOV", "RUS/GOV"]
        );
        assert_eq!(
            actors(text, "2022-03-14", &["Donald Trump", "Joe Biden"]),
            ["USA/ELI", "USA/GOV"]
        );
    }

    #[test]
    fn countries_capitals_institutions_and_bodies() {
        let text =
            "Canada condemned the attack. Washington said it would impose sanctions on Moscow. \
                    The Houthis fired missiles at Israel. The Kremlin rejected the ICC ruling. \
                    The International Criminal Court issued a warrant. NATO and the EU met the UN.";
        assert_eq!(
            actors(
                text,
                "2025-05-01",
                &[
                    "Canada",
                    "Washington",
                    "Moscow",
                    "The Houthis",
                    "Israel",
                    "The Kremlin",
                    "The International Criminal Court",
                    "NATO",
                    "the EU",
                    "the UN"
                ]
            ),
            [
                "CAN/GOV", "USA/GOV", "RUS/GOV", "YEM/REB", "ISR/GOV", "RUS/GOV", "IGO/IGO",
                "NAT/IGO", "EUR/IGO", "UNO/IGO"
            ]
        );
    }

    #[test]
    fn a_nationality_names_an_armed_group_country() {
        let text = "Security forces killed seven Pakistani Taliban members in Khyber.";
        assert_eq!(
            actors(text, "2025-10-09", &["seven Pakistani Taliban members"]),
            ["PAK/REB"]
        );
    }

    #[test]
    fn pronouns_in_a_clause_take_its_subject() {
        let text = "The Houthis claim that they targeted an American aircraft carrier.";
        assert_eq!(actors(text, "2025-03-16", &["they"]), ["YEM/REB"]);
    }

    #[test]
    fn pronouns_take_the_actor_named_before() {
        let text =
            "The Israeli military said its forces struck Gaza. It said they targeted militants.";
        let got = actors(text, "2025-05-01", &["The Israeli military", "It"]);
        assert_eq!(got, ["ISR/MIL", "ISR/MIL"]);
    }
}
