//! Event triggers: verbs found in the verb dictionary, coded by their block's CAMEO code or
//! by the most specific of the block's patterns whose words occur around the verb; and a
//! short table of event nouns ("talks", "airstrikes", "sanctions") that news uses as often
//! as verbs.

use super::modality::stem_matches;
use super::senses::{read_verb, Reading};
use super::tree::Tree;
use crate::dict::verbs::Item;
use crate::dict::{Dictionaries, Encoded};
use crate::doc::Upos;
use crate::event::PloverType;

/// A pattern reduced to the words that must occur before and after the verb (each word a
/// set of alternatives, from synonym sets), with its code (`None`: the null code, meaning
/// "this use of the verb is no event").
#[derive(Debug, Clone)]
pub struct WordPattern {
    pub before: Vec<Vec<String>>,
    pub after: Vec<Vec<String>>,
    pub code: Option<String>,
    /// TABARI's `%` in the pattern (read in suite mode only): the verb's subject must be
    /// compound ("A and B agree").
    pub compound: bool,
    /// Suite mode: the pattern as PETRARCH reads it (word sequences, `_` adjacency, any
    /// depth in the verb's clause), matched instead of `before` and `after`.
    pub seq: Option<super::suite::Sequence>,
}

/// Whether a pattern's items hold TABARI's `%` (a compound actor).
fn has_compound(items: &[Item]) -> bool {
    items.iter().any(|it| match it {
        Item::Compound => true,
        Item::Phrase(v) | Item::Prep(v) | Item::Joined(v) => has_compound(v),
        _ => false,
    })
}

/// Whether the verb's subject is several actors joined ("Gondor and Osgiliath").
fn compound_subject(t: &Tree, v: usize) -> bool {
    t.kids(v, &["nsubj"]).any(|s| t.with_conjuncts(s).len() > 1)
}

/// Words a pattern element may match, expanding synonym sets one level.
fn flatten(
    d: &Dictionaries,
    items: &[Item],
    before: &mut Vec<Vec<String>>,
    after: &mut Vec<Vec<String>>,
    seen_verb: &mut bool,
) {
    for it in items {
        match it {
            Item::Verb => *seen_verb = true,
            Item::Word(w) => {
                for part in w.split('_').filter(|p| !p.is_empty()) {
                    // `BOMBING/EXPLOSION`: either word.
                    let alts: Vec<String> = part
                        .split('/')
                        .filter(|a| !a.is_empty())
                        .map(|a| a.to_ascii_uppercase())
                        .collect();
                    if *seen_verb {
                        after.push(alts)
                    } else {
                        before.push(alts)
                    }
                }
            }
            Item::Synset(name) => {
                let want = name.trim_start_matches('&').trim_end_matches('_');
                let alts: Vec<String> = d
                    .verbs
                    .synsets
                    .iter()
                    .filter(|s| s.name == want)
                    .flat_map(|s| &s.members)
                    .filter_map(|m| m.words.last())
                    .filter(|w| !w.starts_with('&'))
                    .map(|w| w.to_ascii_uppercase())
                    .collect();
                // A synset the file never defines leaves no alternatives: the pattern can
                // then never match, rather than match on its other words alone.
                if *seen_verb {
                    after.push(alts)
                } else {
                    before.push(alts)
                }
            }
            Item::Phrase(v) | Item::Prep(v) | Item::Joined(v) => {
                flatten(d, v, before, after, seen_verb)
            }
            _ => {}
        }
    }
}

/// Every block's patterns as word patterns, indexed like `d.verbs.blocks`. In `suite` mode
/// (PETRARCH's own test dictionaries) `%` is read, and patterns with TABARI's special codes
/// (`[+++]`, `[###]`, `[025?]`), which PETRARCH does not implement either, are passed over.
pub fn compile_patterns(d: &Dictionaries, suite: bool) -> Vec<Vec<WordPattern>> {
    d.verbs
        .blocks
        .iter()
        .map(|b| {
            b.patterns
                .iter()
                .filter(|p| !suite || p.code.forward.as_deref().is_none_or(is_event_code))
                .filter_map(|p| {
                    let (mut before, mut after, mut seen) = (Vec::new(), Vec::new(), false);
                    flatten(d, &p.items, &mut before, &mut after, &mut seen);
                    before.reverse();
                    let compound = suite && has_compound(&p.items);
                    let seq = suite.then(|| super::suite::sequence(d, &p.items));
                    let words = match &seq {
                        Some(q) => q.weight() > 0,
                        None => !before.is_empty() || !after.is_empty(),
                    };
                    (words || compound).then(|| WordPattern {
                        before,
                        after,
                        code: p.code.forward.clone(),
                        compound,
                        seq,
                    })
                })
                .collect()
        })
        .collect()
}

/// A code of letters and digits (`064`, the suite's `174K`), not a TABARI special.
pub fn is_event_code(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub(super) fn word_matches(sentence_word: &str, alts: &[String]) -> bool {
    alts.iter().any(|w| {
        // Every form below is the word itself or at most two bytes longer: a cheap test first.
        let extra = sentence_word.len().wrapping_sub(w.len());
        extra <= 2
            && (sentence_word == w
                || sentence_word
                    .strip_prefix(w.as_str())
                    .is_some_and(|r| r == "S" || r == "ES")
                || (w.ends_with('Y')
                    && sentence_word.strip_prefix(&w[..w.len() - 1]) == Some("IES")))
    })
}

/// How far from the verb pattern words are looked for.
const AFTER_WINDOW: usize = 20;
const BEFORE_WINDOW: usize = 8;

impl WordPattern {
    /// Whether the pattern's words occur in order around the verb at `start..end`; the
    /// words after it in the verb's own phrases: the k-th (from 0) at most k + 1 phrases
    /// down the tree ("expelled staff, imposed restrictions" does not expel restrictions).
    fn matches(&self, enc: &Encoded, depth: &[Option<u8>], start: usize, end: usize) -> bool {
        if let Some(seq) = &self.seq {
            let inside = |j: usize| depth.get(j).is_some_and(Option::is_some);
            let window = (BEFORE_WINDOW, AFTER_WINDOW);
            return seq.matches(&enc.words, &inside, start, end, window);
        }
        let n = enc.words.len().min(depth.len());
        let mut pos = end;
        for (k, alts) in self.after.iter().enumerate() {
            let limit = (end + AFTER_WINDOW).min(n);
            let near = |j: usize| depth[j].is_some_and(|d| usize::from(d) <= k + 1);
            match (pos..limit).find(|&j| near(j) && word_matches(&enc.words[j], alts)) {
                Some(j) => pos = j + 1,
                None => return false,
            }
        }
        let mut pos = start;
        for alts in &self.before {
            let low = start.saturating_sub(BEFORE_WINDOW);
            match (low..pos)
                .rev()
                .find(|&j| word_matches(&enc.words[j], alts))
            {
                Some(j) => pos = j,
                None => return false,
            }
        }
        true
    }

    fn weight(&self) -> usize {
        let words = match &self.seq {
            Some(q) => q.weight(),
            None => self.before.len() + self.after.len(),
        };
        words + usize::from(self.compound)
    }
}

/// A word or phrase that expresses an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// Sentence token indices `start..end`; `head` is the token the tree hangs it on.
    pub start: usize,
    pub end: usize,
    pub head: usize,
    pub cameo: String,
    /// Set by the noun table where the guideline's type differs from the CAMEO table's.
    pub event: Option<PloverType>,
    pub mode: Option<String>,
    pub noun: bool,
    /// The phrase that names the target where it is not where the tree's usual roles
    /// put it: "withdrew from NATO", "filed a lawsuit ... against the UAE".
    pub target: Option<usize>,
}

impl Trigger {
    fn read(start: usize, end: usize, r: Reading) -> Trigger {
        Trigger {
            start,
            end,
            head: start,
            cameo: r.cameo,
            event: r.event,
            mode: r.mode.map(str::to_string),
            noun: false,
            target: None,
        }
    }
}

/// The verb triggers of a sentence.
pub fn verb_triggers(
    d: &Dictionaries,
    patterns: &[Vec<WordPattern>],
    t: &Tree,
    enc: &Encoded,
) -> Vec<Trigger> {
    let mut out = Vec::new();
    for i in 0..t.len() {
        if t.upos(i) != Upos::Verb {
            continue;
        }
        let Some((end, hit)) = d.verb_at(enc, i) else {
            // A few verbs the dictionaries lack ("executes"): their senses say.
            if t.rel(i) != "amod" {
                if let Some(r) = read_verb(t, i, None, None) {
                    out.push(Trigger::read(i, i + 1, r));
                }
            }
            continue;
        };
        let Some(block) = d.verbs.blocks.get(hit.block as usize) else {
            continue;
        };
        let entry = block.verbs.get(hit.entry as usize);
        let mut code = entry
            .and_then(|e| e.code.as_ref())
            .unwrap_or(&block.code)
            .forward
            .clone();
        // "X died": the subject is the one who died, not an attacker; how is for the
        // sentence's attack words ("killed in an airstrike") to say.
        // "the alleged attacker", "the detained men": a participle modifying a noun
        // names no new event.
        let modifier = (t.rel(i) == "amod" && !listed_verb(t, i)) || nominal_use(t, i);
        if modifier || light_use(t, i) || block.name == "DIE" || claims_only(t, i) {
            continue;
        }
        if let Some(ps) = patterns.get(hit.block as usize) {
            // PETRARCH reads a pattern over the verb's whole phrase, clauses included.
            let local = match ps.iter().any(|p| p.seq.is_some()) {
                true => super::suite::subtree(t, i),
                false => clause_depths(t, i),
            };
            let best = ps
                .iter()
                .filter(|p| p.matches(enc, &local, i, end))
                .filter(|p| !p.compound || compound_subject(t, i))
                .max_by_key(|p| (p.weight(), std::cmp::Reverse(0)));
            if let Some(p) = best {
                code = p.code.clone();
            }
        }
        if let Some(r) = read_verb(t, i, code, block.code.forward.as_deref()) {
            let mut tr = Trigger::read(i, end, r);
            tr.target = match tr.cameo.as_str() {
                "161" => body_left(t, i),
                "115" => sued(t, i),
                c if c.starts_with("11") => accused_in_clause(t, i),
                _ => None,
            };
            if tr.cameo.starts_with("174") && expels_officials(t, i) {
                // Expelling diplomats reduces relations (SANCTION), unlike deporting people.
                tr.cameo = "166".into();
                tr.event = Some(PloverType::Sanction);
                tr.mode = Some("expel".into());
            }
            let prison = prison_term(t, i);
            out.push(tr);
            // "sentenced X to 20 years in prison": the conviction, and the imprisonment.
            if let Some((first, last)) = prison {
                out.push(Trigger {
                    start: first,
                    end: last + 1,
                    head: i,
                    cameo: "173".into(),
                    event: Some(PloverType::Coerce),
                    mode: Some("arrest".into()),
                    noun: false,
                    target: None,
                });
            }
        }
    }
    out
}

/// Words that make the people expelled a state's representatives.
const OFFICIALS: &[&str] = &[
    "diplomat",
    "diplomats",
    "diplomatic",
    "ambassador",
    "ambassadors",
    "envoy",
    "envoys",
    "consul",
    "consuls",
    "attaché",
    "attachés",
    "attache",
    "attaches",
    "embassy",
];

/// Whether the object of verb `v` is diplomats ("expelled diplomatic staff", "expels the
/// ambassador"); a passive's subject counts as its object.
fn expels_officials(t: &Tree, v: usize) -> bool {
    t.kids(v, &["obj", "nsubj:pass"])
        .flat_map(|o| t.noun_phrase(o))
        .any(|w| OFFICIALS.contains(&t.lower(w).as_str()))
}

/// Words of a custodial sentence.
const PRISON: &[&str] = &[
    "prison",
    "imprisonment",
    "jail",
    "custody",
    "detention",
    "years",
    "months",
];

/// The words of the prison term a sentencing verb gives ("to 20 years in prison"), first
/// and last token.
fn prison_term(t: &Tree, v: usize) -> Option<(usize, usize)> {
    if !t.lower(v).starts_with("sentenc") {
        return None;
    }
    t.kids(v, &["obl"])
        .filter(|&o| t.case_of(o).as_deref() == Some("to"))
        .map(|o| t.noun_phrase(o))
        .find(|np| np.iter().any(|&w| PRISON.contains(&t.lower(w).as_str())))
        .and_then(|np| {
            let words: Vec<usize> = np.into_iter().filter(|&w| t.rel(w) != "case").collect();
            Some((*words.first()?, *words.last()?))
        })
}

/// Relations that lead out of a verb's own clause: pattern words are looked for in the
/// clause only ("expelled staff, imposed restrictions" is two clauses).
const OTHER_CLAUSE: &[&str] = &[
    "conj",
    "parataxis",
    "advcl",
    "ccomp",
    "csubj",
    "acl:relcl",
    "list",
];

/// Relations inside a phrase: they do not take a word a phrase further from the verb.
const SAME_PHRASE: &[&str] = &[
    "case",
    "det",
    "amod",
    "compound",
    "compound:prt",
    "nummod",
    "flat",
    "fixed",
    "mark",
    "aux",
    "aux:pass",
    "cop",
    "advmod",
    "det:poss",
    "nmod:poss",
    "punct",
    "cc",
];

/// How many phrases down from verb `v` each token of its clause lies (`None`: outside
/// it, in another clause): objects and obliques 1, their modifiers 2, and so on.
fn clause_depths(t: &Tree, v: usize) -> Vec<Option<u8>> {
    let mut depth = vec![None; t.len()];
    let mut stack = vec![v];
    depth[v] = Some(0u8);
    while let Some(cur) = stack.pop() {
        let d = depth[cur].unwrap_or(0);
        for &c in &t.children[cur] {
            let rel = t.rel(c);
            if depth[c].is_none() && !OTHER_CLAUSE.contains(&rel) {
                let step = u8::from(!SAME_PHRASE.contains(&rel));
                depth[c] = Some(d.saturating_add(step));
                stack.push(c);
            }
        }
    }
    depth
}

/// Objects that make "take"/"hold" a light verb with no event: "take place", "take part".
const LIGHT_OBJECTS: &[&str] = &[
    "place", "part", "note", "stance", "position", "office", "effect", "care", "steps", "measures",
    "shape", "account", "time", "turns",
];

/// A verb the parser hung as a modifier on the noun after it, though it heads a phrase of
/// a list (", imposed financial restrictions"): a comma or conjunction stands before it.
pub fn listed_verb(t: &Tree, v: usize) -> bool {
    t.rel(v) == "amod"
        && t.head(v).is_some_and(|h| h > v)
        && v > 0
        && matches!(t.toks[v - 1].form.as_str(), "," | "and")
}

/// Nouns of light-verb "have" constructions that the tagger may take for verbs.
const HAVE_NOUNS: &[&str] = &[
    "contact",
    "access",
    "control",
    "support",
    "influence",
    "dialogue",
    "talks",
];

/// A word tagged as a verb that the tree uses as a noun ("had contact", "faces trial"):
/// an argument of another word, with no argument, marker or auxiliary of its own.
fn nominal_use(t: &Tree, v: usize) -> bool {
    // "had contact", "have access": perfect "have" needs a participle; these are its object.
    let after_have = HAVE_NOUNS.contains(&t.lower(v).as_str())
        && t.kids(v, &["aux"])
            .any(|a| matches!(t.lower(a).as_str(), "have" | "has" | "had" | "having"));
    after_have
        || matches!(t.rel(v), "obj" | "nsubj" | "nsubj:pass" | "iobj")
            && t.kids(
                v,
                &[
                    "obj",
                    "nsubj",
                    "nsubj:pass",
                    "mark",
                    "aux",
                    "aux:pass",
                    "xcomp",
                    "ccomp",
                ],
            )
            .next()
            .is_none()
}

/// "claims to have killed 40", "claimed that ...", "claimed responsibility", "will no
/// longer claim benefits", "a region claimed by Venezuela", "claimed 50 lives": a claim
/// of one's own deeds, of facts or of things, no accusation of anyone.
fn claims_only(t: &Tree, v: usize) -> bool {
    t.lower(v).starts_with("claim")
        && (t.kids(v, &["ccomp", "xcomp"]).next().is_some()
            || t.kids(v, &["obj", "nsubj:pass"])
                .any(|o| !super::senses::names_people(t, o))
            || t.rel(v) == "acl")
}

/// "alleging that Hezbollah ...", "accused ... saying that Russia ...": an accusation with
/// no object accuses the subject of the clause it reports.
fn accused_in_clause(t: &Tree, v: usize) -> Option<usize> {
    if t.kids(v, &["obj", "iobj"]).next().is_some() {
        return None;
    }
    t.kids(v, &["ccomp"])
        .flat_map(|c| t.kids(c, &["nsubj", "nsubj:pass"]).collect::<Vec<_>>())
        .next()
}

fn light_use(t: &Tree, v: usize) -> bool {
    let w = t.lower(v);
    (w.starts_with("tak") || w.starts_with("took"))
        && t.kids(v, &["obj"])
            .any(|o| LIGHT_OBJECTS.contains(&t.lower(o).as_str()))
}

/// Whether `word` is one of the event nouns: a name for the act itself ("the attack",
/// "the talks"), how news refers back to an event told before.
pub fn is_event_noun(word: &str) -> bool {
    EVENT_NOUNS
        .iter()
        .any(|(words, ..)| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

/// Event nouns: (forms, CAMEO code, PLOVER type, mode). The type is given because the
/// annotation guideline counts sanctions as SANCTION where the CAMEO table says COERCE.
const EVENT_NOUNS: &[(&[&str], &str, PloverType, Option<&str>)] = &[
    (
        &[
            "talks",
            "discussions",
            "meeting",
            "meetings",
            "summit",
            "consultations",
        ],
        "040",
        PloverType::Consult,
        None,
    ),
    (&["negotiations"], "046", PloverType::Consult, None),
    (&["visit"], "042", PloverType::Consult, Some("visit")),
    (
        &[
            "airstrike",
            "airstrikes",
            "air-strike",
            "air-strikes",
            "bombing",
            "bombings",
            "bombardment",
        ],
        "195",
        PloverType::Assault,
        Some("aerial"),
    ),
    (
        &[
            "strike",
            "strikes",
            "attack",
            "attacks",
            "assault",
            "offensive",
            "shelling",
        ],
        "190",
        PloverType::Assault,
        None,
    ),
    (
        &["shooting", "shootings", "shootout", "gunfire"],
        "193",
        PloverType::Assault,
        Some("firearms"),
    ),
    (
        &[
            "stabbing",
            "stabbings",
            "massacre",
            "massacres",
            "clashes",
            "ambush",
        ],
        "190",
        PloverType::Assault,
        None,
    ),
    (
        &["expulsion", "expulsions"],
        "166",
        PloverType::Sanction,
        Some("expel"),
    ),
    (&["sanctions", "embargo"], "163", PloverType::Sanction, None),
    (&["pardon", "pardons"], "080", PloverType::Concede, None),
    (&["curfew"], "1723", PloverType::Coerce, Some("curfew")),
    (
        &["blockade", "siege"],
        "191",
        PloverType::Coerce,
        Some("restrict"),
    ),
    (
        &["riot", "riots", "unrest"],
        "145",
        PloverType::Protest,
        Some("riot"),
    ),
    (
        &["boycott", "boycotts"],
        "143",
        PloverType::Protest,
        Some("boycott"),
    ),
    (
        &["arrest", "arrests", "detention"],
        "173",
        PloverType::Coerce,
        Some("arrest"),
    ),
    (
        &[
            "protest",
            "protests",
            "demonstration",
            "demonstrations",
            "rally",
            "rallies",
        ],
        "141",
        PloverType::Protest,
        Some("demo"),
    ),
];

/// Event nouns that name an event only where a verb makes them one ("imposed tariffs on",
/// "sent aid to", "filed a lawsuit", "announced his resignation") or their own phrase names
/// the party they fall on ("tariffs on Canada", "aid to Ukraine"): elsewhere they are a
/// topic ("blocked aid", "the tariffs hurt farmers"). (forms, CAMEO code, type, mode,
/// verbs that make them events, the preposition of their target.)
type Licensed = (
    &'static [&'static str],
    &'static str,
    PloverType,
    Option<&'static str>,
    &'static [&'static str],
    &'static str,
);

const LICENSED_NOUNS: &[Licensed] = &[
    (
        &["tariff", "tariffs", "levies", "duties"],
        "163",
        PloverType::Sanction,
        None,
        &[
            "impose",
            "raise",
            "increase",
            "hike",
            "slap",
            "levy",
            "introduce",
            "double",
            "triple",
            "extend",
            "expand",
            "place",
            "put",
            "announce",
            "threaten",
        ],
        "on",
    ),
    (
        &["aid", "assistance"],
        "070",
        PloverType::Aid,
        None,
        &[
            "send", "provide", "deliver", "give", "pledge", "grant", "offer", "approve", "resume",
            "donate", "supply", "ship", "airlift", "announce",
        ],
        "to",
    ),
    (
        &["lawsuit", "lawsuits", "suit"],
        "115",
        PloverType::Accuse,
        None,
        &["file", "bring", "launch", "lodge", "submit"],
        "against",
    ),
    (
        &["investigation", "investigations", "probe", "inquiry"],
        "112",
        PloverType::Accuse,
        Some("investigate"),
        &["open", "launch", "begin", "start", "order", "announce"],
        "into",
    ),
    (
        &["resignation"],
        "083",
        PloverType::Retreat,
        Some("resign"),
        &["announce", "submit", "tender", "hand", "offer"],
        "",
    ),
    (
        &["withdrawal", "pullout", "pull-out"],
        "087",
        PloverType::Retreat,
        Some("withdraw"),
        &["announce", "order", "complete", "begin", "start", "finish"],
        "from",
    ),
];

/// Organisations one leaves or withdraws from, reducing relations (SANCTION), where
/// leaving a place or withdrawing troops is a retreat or no event at all.
pub(super) const BODIES: &[&str] = &[
    "eu",
    "un",
    "nato",
    "opec",
    "who",
    "icc",
    "au",
    "asean",
    "ecowas",
    "eccas",
    "sadc",
    "csto",
    "osce",
    "wto",
    "unesco",
    "unhrc",
    "iaea",
    "union",
    "bloc",
    "alliance",
    "organization",
    "organisation",
    "community",
    "commonwealth",
    "council",
    "league",
    "federation",
    "coalition",
];

/// The body a verb or noun of leaving at `i` leaves: its object or "from" phrase, when
/// it names one of [`BODIES`] ("left the EU", "withdrawal from the Economic Community").
pub(super) fn body_left(t: &Tree, i: usize) -> Option<usize> {
    t.kids(i, &["obj", "obl", "nmod"]).find(|&o| {
        let from = t.rel(o) == "obj" || t.case_of(o).as_deref() == Some("from");
        from && BODIES.contains(&t.lower(o).as_str())
    })
}

/// The target of a lawsuit filed by verb `v`: "files a lawsuit ... against the UAE".
fn sued(t: &Tree, v: usize) -> Option<usize> {
    t.kids(v, &["obj"])
        .filter(|&o| t.lower(o).starts_with("lawsuit") || t.lower(o).starts_with("suit"))
        .flat_map(|o| t.kids(o, &["nmod"]).collect::<Vec<_>>())
        .find(|&n| t.case_of(n).as_deref() == Some("against"))
}

/// The licensed noun at `i`, if a verb or its own target phrase makes it an event.
fn licensed(t: &Tree, i: usize, w: &str) -> Option<&'static Licensed> {
    let entry = LICENSED_NOUNS.iter().find(|l| l.0.contains(&w))?;
    let head = t.head(i).filter(|&h| t.upos(h) == Upos::Verb);
    let argument = matches!(t.rel(i), "obj" | "nsubj:pass" | "conj");
    let governed = head.is_some_and(|h| argument && stem_matches(&t.lower(h), entry.4));
    let targeted = !entry.5.is_empty()
        && t.kids(i, &["nmod"])
            .any(|c| t.case_of(c).as_deref() == Some(entry.5));
    (governed || (targeted && !(argument && head.is_some()))).then_some(entry)
}

/// Modifiers that make a "strike" a work stoppage, not an attack.
const LABOUR_STRIKE: &[&str] = &[
    "general", "hunger", "labor", "labour", "workers", "union", "national", "teachers", "doctors",
];

/// The noun triggers of a sentence.
pub fn noun_triggers(t: &Tree) -> Vec<Trigger> {
    let mut out = Vec::new();
    for i in 0..t.len() {
        if t.upos(i) != Upos::Noun || t.rel(i) == "compound" {
            continue;
        }
        let w = t.lower(i);
        let found = EVENT_NOUNS
            .iter()
            .find(|(forms, ..)| forms.contains(&w.as_str()))
            .map(|&(_, cameo, event, mode)| (cameo, event, mode))
            .or_else(|| licensed(t, i, &w).map(|l| (l.1, l.2, l.3)));
        let Some((cameo, mut event, mode)) = found else {
            continue;
        };
        if super::senses::under_charge(t, i) {
            continue;
        }
        let mut cameo = cameo;
        if event == PloverType::Retreat && w != "resignation" && body_left(t, i).is_some() {
            // "its withdrawal from the Economic Community ...": leaving a body.
            (cameo, event) = ("161", PloverType::Sanction);
        }
        let mods: Vec<String> = t
            .kids(i, &["compound", "amod"])
            .map(|c| t.lower(c))
            .collect();
        let (mut cameo, mut mode) = (cameo.to_string(), mode.map(str::to_string));
        if w.starts_with("strike") {
            if mods.iter().any(|m| LABOUR_STRIKE.contains(&m.as_str())) {
                (cameo, event, mode) = ("143".into(), PloverType::Protest, Some("strike".into()));
            } else if mods.iter().any(|m| m == "air") {
                (cameo, mode) = ("195".into(), Some("aerial".into()));
            } else if mods.iter().any(|m| m == "drone" || m == "missile") {
                (cameo, mode) = ("195".into(), Some("drone".into()));
            }
        }
        let start = t
            .kids(i, &["compound"])
            .filter(|&c| c + 1 == i)
            .min()
            .unwrap_or(i);
        out.push(Trigger {
            start: if mods.iter().any(|m| m == "air" || m == "drone") {
                start
            } else {
                i
            },
            end: i + 1,
            head: i,
            cameo,
            event: Some(event),
            mode,
            noun: true,
            target: body_left(t, i).filter(|_| event == PloverType::Sanction),
        });
    }
    out
}
