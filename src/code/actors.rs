//! Actor mentions: dictionary actors and agents found over a sentence's words (longest
//! match), and their resolution into contract actors for a noun phrase: a country or
//! international body from an actor, a sector from an agent ("Russian Foreign Ministry" is
//! RUS + GOV).

use super::tree::Tree;
use crate::dict::{AgentCode, Dictionaries, Encoded, Ymd};
use crate::doc::Upos;
use crate::event::ActorRef;
use std::collections::HashSet;

/// CAMEO sector and role codes: a three-letter code among these is never a country.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "CVL", "BUS", "MED", "REF",
    "LAB", "EDU", "REL", "ELI", "HLH", "AGR", "CRM", "DEV", "ENV", "HRI", "INS", "IGO", "NGO",
    "MNC", "UAF", "SET", "MOD", "RAD", "UNK", "SEP", "IMG", "JEW", "MUS", "CHR", "BUD", "HIN",
    "SHI", "SUN", "ATH", "CON", "DIP", "PRS", "EXE",
];

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
            .filter(|s| SECTORS.contains(s))
            .map(str::to_string)
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
    use std::borrow::Cow;
    let enc = d.encode(forms);
    forms
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if !capital || w.len() < 5 || d.actor_at(&enc, i).is_some() {
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
}

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
            .filter_map(|s| match &s.kind {
                SpanKind::Actor(c) => split_code(c, self.countries).map(|sp| (s, c, sp)),
                SpanKind::Agent(_) => None,
            })
            .min_by_key(|(s, _, _)| distance(s, h));
        let agent = inside
            .iter()
            .filter_map(|s| match &s.kind {
                SpanKind::Agent(a) => Some((s, a)),
                SpanKind::Actor(_) => None,
            })
            .min_by_key(|(s, _)| distance(s, h));
        match (actor, agent) {
            (Some((_, cameo, split)), agent) => {
                let mut cameo = cameo.clone();
                let mut sector = split.sector.clone();
                if let (Some((_, a)), true) = (agent, cameo.len() == 3 && sector.is_none()) {
                    if let AgentCode::Suffix(_) = a {
                        cameo = a.apply(&cameo);
                        sector = a.code().get(..3).map(str::to_string);
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
                let sector = split
                    .sector
                    .or_else(|| a.code().get(..3).map(str::to_string));
                vec![Found::context(ActorRef::coded(
                    text, split.code, sector, cameo,
                ))]
            }
            (None, None) => {
                let nominal = matches!(t.upos(h), Upos::Noun | Upos::Propn | Upos::Pron);
                match (&self.fallback, nominal) {
                    (Some(c), true) => vec![Found::context(plain(&text, c, None))],
                    _ => Vec::new(),
                }
            }
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
}

impl Found {
    fn named(actor: ActorRef) -> Found {
        Found {
            actor,
            named: true,
            group: false,
        }
    }
    fn context(actor: ActorRef) -> Found {
        Found {
            actor,
            named: false,
            group: false,
        }
    }
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
