//! From words to a place: the name run at a token ("Gaza Strip", "Rio de Janeiro"), the
//! qualifiers that follow it ("Istanbul, Türkiye", "Jowle, Mudug, Puntland", "Sihan area of
//! Qandala district"), and the choice among same-named places by those qualifiers, by the
//! countries the sentence and the document's lead name, and by population.

use super::build::{without_division_word, DIVISION_WORDS};
use super::gazetteer::{Entry, Gazetteer, Kind};
use crate::code::tree::Tree;
use crate::doc::{EntityLabel, Upos};
use crate::event::Location;
use crate::when::expr::is_day_or_month;

/// Lower-case words that may join a name's capitalised words ("Rio de Janeiro").
const NAME_CONNECTORS: &[&str] = &["de", "del", "da", "do", "al", "el", "of", "la", "le", "the"];

/// Words between a place and the places that contain it: "X, Y", "X in northern Y",
/// "the Sihan area of Qandala district in Y".
const CHAIN_WORDS: &[&str] = &[
    ",",
    "in",
    "of",
    "the",
    "near",
    "'s",
    "’s",
    "area",
    "areas",
    "district",
    "region",
    "province",
    "state",
    "city",
    "town",
    "village",
    "county",
    "mountains",
    "governorate",
    "oblast",
    "municipality",
    "suburb",
    "suburbs",
    "neighborhood",
    "neighbourhood",
    "camp",
    "outskirts",
    "capital",
    "coast",
    "part",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north",
    "south",
    "east",
    "west",
    "territory",
    "-",
];

/// Words after a name that make it a settlement or a part of one ("the Sihan area").
const SETTLEMENT_WORDS: &[&str] = &[
    "area",
    "village",
    "town",
    "city",
    "camp",
    "neighborhood",
    "neighbourhood",
    "suburb",
];

/// Last words of a facility named after its city ("Sochi International Airport").
const FACILITY_WORDS: &[&str] = &[
    "airport",
    "street",
    "square",
    "bridge",
    "prison",
    "hospital",
    "university",
    "palace",
    "beach",
    "port",
    "refinery",
    "mosque",
    "church",
    "embassy",
    "stadium",
    "station",
    "court",
];

/// Last words that make an unknown name a place ("Kavumu Airport", "Cal Miskaad mountains").
const PLACE_WORDS: &[&str] = &[
    "airport",
    "crossing",
    "street",
    "square",
    "mountains",
    "district",
    "province",
    "region",
    "state",
    "county",
    "village",
    "valley",
    "camp",
    "base",
    "port",
    "island",
    "islands",
    "border",
    "bridge",
    "highway",
    "road",
    "prison",
    "hospital",
    "university",
    "palace",
    "beach",
    "area",
    "territory",
    "governorate",
    "oblast",
    "municipality",
    "neighborhood",
    "neighbourhood",
    "suburb",
    "refinery",
    "mosque",
    "church",
    "embassy",
    "stadium",
];

/// A place resolved from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Sentence token range of the words naming it.
    pub start: usize,
    pub end: usize,
    /// The gazetteer entry, when the name itself is known.
    pub entry: Option<u32>,
    pub country: [u8; 3],
    /// The first-level division, when known (the entry's own, or a qualifier's).
    pub admin1: Option<u32>,
}

fn capitalised(t: &Tree, i: usize) -> bool {
    t.toks[i]
        .form
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        && !matches!(t.upos(i), Upos::Det | Upos::Pron | Upos::Punct | Upos::Adp)
}

/// How many connector words ("de", "of the") start at `i` and lead to a capitalised word.
fn connectors(t: &Tree, i: usize) -> Option<usize> {
    (1..=2).find(|&k| {
        i + k < t.len()
            && (i..i + k).all(|j| NAME_CONNECTORS.contains(&t.lower(j).as_str()))
            && capitalised(t, i + k)
    })
}

/// The run of capitalised words around `n` that names it ("Gaza Strip", "Rio de Janeiro"),
/// within `n`'s own phrase.
pub fn name_run(t: &Tree, mut n: usize) -> Option<(usize, usize)> {
    if !capitalised(t, n) {
        return None;
    }
    // "Kavumu" in "Kavumu Airport", "Yunis" in "Khan Yunis": the name is its head's.
    for _ in 0..4 {
        match t.head(n) {
            Some(h)
                if matches!(t.rel(n), "compound" | "flat" | "flat:name") && capitalised(t, h) =>
            {
                n = h
            }
            _ => break,
        }
    }
    let mut s = n;
    while s > 0 && capitalised(t, s - 1) && t.within(s - 1, n) {
        s -= 1;
    }
    let mut e = n + 1;
    loop {
        if e < t.len() && capitalised(t, e) && t.within(e, n) {
            e += 1;
        } else if let Some(k) = connectors(t, e).filter(|&k| t.within(e + k, n)) {
            e += k + 1;
        } else {
            break;
        }
    }
    Some((s, e))
}

/// Places (not nationality words) named exactly by `text`, or by it without its division
/// word ("Borno State"), or, for a facility named after its city ("Sochi International
/// Airport"), by its city ([`facility_city`]). An acronym ("UN", "EU") is only ever a
/// country's ("US", "UAE"): towns' alternate names collide with too many of them.
pub fn lookup_places(g: &Gazetteer, text: &str) -> Vec<(u32, Entry)> {
    if is_date_word(text) {
        return Vec::new();
    }
    let acronym = text.chars().filter(|c| c.is_alphabetic()).count() <= 4
        && text.chars().all(|c| c.is_uppercase() || c == '.');
    if acronym {
        return g
            .lookup(text)
            .filter(|(_, e)| e.kind == Kind::Country)
            .map(|(i, e)| (i, *e))
            .collect();
    }
    let places = |s: &str| -> Vec<(u32, Entry)> {
        g.lookup(s)
            .filter(|(_, e)| e.kind != Kind::Demonym)
            .map(|(i, e)| (i, *e))
            .collect()
    };
    let found = places(text);
    if !found.is_empty() {
        return found;
    }
    if let Some(short) = without_division_word(text) {
        let mut found = places(&short);
        // "Bari Region": the division, not the Italian city.
        if found.iter().any(|(_, x)| x.kind == Kind::Admin1) {
            found.retain(|(_, x)| x.kind == Kind::Admin1);
        }
        if !found.is_empty() {
            return found;
        }
    }
    facility_city(g, text)
}

/// The city a facility is named after ("Sochi International Airport", "the Seoul Western
/// District Court"): its first word, when that is a large city. A court or a prison is an
/// organisation too, but it stands in its city.
pub fn facility_city(g: &Gazetteer, text: &str) -> Vec<(u32, Entry)> {
    let mut words = text.split_whitespace();
    let (Some(first), Some(last)) = (words.next(), words.next_back()) else {
        return Vec::new();
    };
    if !FACILITY_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w)) {
        return Vec::new();
    }
    g.lookup(first)
        .filter(|(_, e)| e.kind == Kind::City && e.population >= 100_000)
        .map(|(i, e)| (i, *e))
        .collect()
}

/// Months and days are dates, not the towns named like them ("in March 2018").
fn is_date_word(text: &str) -> bool {
    text.len() <= 9
        && text.bytes().all(|b| b.is_ascii_alphabetic())
        && is_day_or_month(&text.to_ascii_lowercase())
}

/// Whether a known place's name starts at `i`.
fn known_name_at(g: &Gazetteer, t: &Tree, i: usize) -> bool {
    if i >= t.len() || !capitalised(t, i) {
        return false;
    }
    let mut e = i;
    while e < t.len() && capitalised(t, e) {
        e += 1;
    }
    let mut found = Vec::new();
    run_candidates(g, t, i, e, &mut found);
    !found.is_empty()
}

/// Candidates of a run of words; a run that is no name as a whole is tried in its parts
/// around "of" ("Bari Region of Puntland" → "Bari Region", "Puntland").
fn run_candidates(g: &Gazetteer, t: &Tree, s: usize, e: usize, out: &mut Vec<Vec<(u32, Entry)>>) {
    let mut found = lookup_places(g, t.text(s, e - 1));
    // "Bari region": the division, not the Italian city.
    let division = e < t.len() && DIVISION_WORDS.contains(&t.lower(e).as_str());
    if division && found.iter().any(|(_, x)| x.kind == Kind::Admin1) {
        found.retain(|(_, x)| x.kind == Kind::Admin1);
    }
    if !found.is_empty() {
        out.push(found);
        return;
    }
    if let Some(k) = (s + 1..e.saturating_sub(1)).find(|&k| t.lower(k) == "of") {
        let right = if t.lower(k + 1) == "the" {
            k + 2
        } else {
            k + 1
        };
        run_candidates(g, t, s, k, out);
        if right < e {
            run_candidates(g, t, right, e, out);
        }
    }
}

/// The qualifiers after a place name: the candidates of each name in "X, Y, Z" or
/// "X in the Y region of Z". A list ("the United States, Canada, and Europe") qualifies
/// nothing: it gives none.
fn qualifiers(g: &Gazetteer, t: &Tree, mut i: usize) -> Vec<Vec<(u32, Entry)>> {
    let mut out = Vec::new();
    let limit = (i + 24).min(t.len());
    while i < limit {
        if capitalised(t, i) {
            let s = i;
            loop {
                if i < limit && capitalised(t, i) {
                    i += 1;
                } else if let Some(k) = connectors(t, i).filter(|&k| i + k < limit) {
                    i += k + 1;
                } else {
                    break;
                }
            }
            run_candidates(g, t, s, i, &mut out);
        } else if CHAIN_WORDS.contains(&t.lower(i).as_str()) {
            i += 1;
        } else {
            break;
        }
    }
    if i < t.len() && matches!(t.lower(i).as_str(), "and" | "or" | "&") {
        out.clear();
    }
    out
}

/// Whether the recogniser tagged any of the words with one of `labels`.
fn tagged(t: &Tree, s: usize, e: usize, labels: &[EntityLabel]) -> bool {
    let (a, b) = (t.sent.first_token + s, t.sent.first_token + e);
    let ents = &t.doc.entities;
    let from = ents.partition_point(|x| x.end_token <= a);
    ents[from..]
        .iter()
        .take_while(|x| x.first_token < b)
        .any(|x| labels.contains(&x.label))
}

/// How strongly a candidate fits: population first, countries over same-named places
/// elsewhere, GeoNames places over CountryInfo's regions, and the context's countries and
/// divisions.
fn score(g: &Gazetteer, i: u32, e: &Entry, ctx: &Context) -> f32 {
    let mut s = ((e.population as f32) + 10.0).log10();
    s += match e.kind {
        Kind::Country => 1.0,
        Kind::Admin1 => -0.3,
        Kind::City => 0.0,
        Kind::Region | Kind::Demonym => -10.0,
    };
    if let Some(strength) = ctx.country(&e.country) {
        s += strength;
    }
    if g.admin1_index(i).is_some_and(|a| ctx.admin1.contains(&a)) {
        s += 3.0;
    }
    s
}

/// Countries and divisions the text around a place names: evidence for same-named places.
#[derive(Debug, Default)]
pub struct Context {
    /// (country, strength): places in it are named nearby (1.5), or only its name or
    /// nationality word (0.8).
    pub countries: Vec<([u8; 3], f32)>,
    pub admin1: Vec<u32>,
    /// Countries named by a place (the country itself, or a place in it), not only by a
    /// nationality word.
    pub named: Vec<[u8; 3]>,
}

impl Context {
    /// The country named more often than any other, if one is.
    pub fn main_country(&self) -> Option<[u8; 3]> {
        let mut counts: Vec<([u8; 3], usize)> = Vec::new();
        for (c, _) in &self.countries {
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some(slot) => slot.1 += 1,
                None => counts.push((*c, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        match counts.as_slice() {
            [(c, _)] => Some(*c),
            [(c, n), (_, m), ..] if n > m => Some(*c),
            _ => None,
        }
    }

    fn country(&self, c: &[u8; 3]) -> Option<f32> {
        self.countries
            .iter()
            .filter(|(k, _)| k == c)
            .map(|&(_, s)| s)
            .reduce(f32::max)
    }

    /// Gather the context from a sentence: every capitalised run of up to four words that
    /// names a place or nationality, taken at its likeliest reading; the words of the name
    /// being resolved (`skip`) are no evidence for themselves.
    pub fn add_sentence(&mut self, g: &Gazetteer, t: &Tree, skip: std::ops::Range<usize>) {
        let mut i = 0;
        while i < t.len() {
            if !capitalised(t, i) || skip.contains(&i) {
                i += 1;
                continue;
            }
            let mut matched = 1;
            for len in (1..=4).rev() {
                let e = i + len;
                if e > t.len() || !(i..e).all(|k| capitalised(t, k) && !skip.contains(&k)) {
                    continue;
                }
                // In an organisation's or a person's name only nationality and country words
                // count: "Colombian National Police" is not in Police, Poland.
                let named = tagged(t, i, e, &[EntityLabel::Org, EntityLabel::Per]);
                if len == 1 && is_date_word(&t.toks[i].form) {
                    continue;
                }
                let best = g
                    .lookup(t.text(i, e - 1))
                    .filter(|(_, x)| !named || matches!(x.kind, Kind::Country | Kind::Demonym))
                    .max_by(|a, b| {
                        let key = |x: &Entry| (x.kind == Kind::Country, x.population);
                        key(a.1).cmp(&key(b.1))
                    })
                    .map(|(k, e)| (k, *e));
                if let Some((k, best)) = best {
                    let local = matches!(best.kind, Kind::City | Kind::Admin1 | Kind::Region);
                    self.countries
                        .push((best.country, if local { 1.5 } else { 0.8 }));
                    if best.kind != Kind::Demonym {
                        self.named.push(best.country);
                    }
                    self.admin1.extend(g.admin1_index(k));
                    matched = len;
                    break;
                }
            }
            i += matched;
        }
    }
}

/// The place a nominal names, if it names one: its own name resolved with the qualifiers
/// after it, or, for a name the gazetteer lacks that the recogniser or its last word marks
/// as a place, the country its qualifiers give. `context` is built on demand, only when
/// same-named places in several countries compete; it is given the name's own words.
pub fn resolve_at(
    g: &Gazetteer,
    t: &Tree,
    n: usize,
    context: &mut dyn FnMut(std::ops::Range<usize>) -> Context,
) -> Option<Resolved> {
    let (s, e) = name_run(t, n)?;
    // "four Somali military bases": a nationality word, not the Somali Region of Ethiopia.
    let modifier =
        matches!(t.rel(n), "amod" | "compound") && t.head(n).is_some_and(|h| !capitalised(t, h));
    if e == s + 1
        && modifier
        && g.lookup(&t.toks[s].form)
            .any(|(_, x)| x.kind == Kind::Demonym)
    {
        return None;
    }
    resolve_run(g, t, n, (s, e), context)
}

/// [`resolve_at`] for the given run of words (`n` among them): "Lower Shabelle" before
/// "region", which the parser may not make one phrase.
pub fn resolve_run(
    g: &Gazetteer,
    t: &Tree,
    n: usize,
    (s, e): (usize, usize),
    context: &mut dyn FnMut(std::ops::Range<usize>) -> Context,
) -> Option<Resolved> {
    let mut own = lookup_places(g, t.text(s, e - 1));
    // "Hamas" is no town, whatever a town's alternate names say. (The recogniser's persons
    // are not trusted here: it takes unfamiliar places, "Khan Yunis", for people.)
    if tagged(t, s, e, &[EntityLabel::Org]) {
        own.retain(|(_, x)| matches!(x.kind, Kind::Country | Kind::Admin1));
        if own.is_empty() {
            own = facility_city(g, t.text(s, e - 1));
        }
    }
    let mut quals = qualifiers(g, t, e);
    // A country lies in no other place: "Syria, Iraq" is a list.
    if !own.is_empty() && own.iter().all(|(_, x)| x.kind == Kind::Country) {
        quals.clear();
    }
    if own.is_empty() {
        // "Indian-administered Kashmir": who holds an unknown place says where it is.
        for k in (0..s).rev().take(4) {
            if !t.within(k, n) {
                break;
            }
            let found: Vec<(u32, Entry)> =
                g.lookup(&t.toks[k].form).map(|(i, x)| (i, *x)).collect();
            if !found.is_empty() && capitalised(t, k) {
                quals.push(found);
            }
        }
        let last = t.lower(e - 1);
        let next = if e < t.len() {
            t.lower(e)
        } else {
            String::new()
        };
        // "the village of Sakoira"
        let of_place = t.case_of(n).as_deref() == Some("of")
            && t.head(n).is_some_and(|h| {
                let w = t.lower(h);
                SETTLEMENT_WORDS.contains(&w.as_str()) || DIVISION_WORDS.contains(&w.as_str())
            });
        // "in Daraban, Khyber Pakhtunkhwa, Pakistan": an address, whose next part is a
        // known place ("On Friday, Youssef Chahed ..." is none).
        let address = next == "," && known_name_at(g, t, e + 1);
        let placey = PLACE_WORDS.contains(&last.as_str())
            || PLACE_WORDS.contains(&next.as_str())
            || of_place
            || address;
        if !(placey || tagged(t, s, e, &[EntityLabel::Loc, EntityLabel::Gpe])) {
            return None;
        }
        if quals.is_empty() {
            // "across the Catatumbo region": a place within a country, in the country the
            // text is about, if it is clearly about one. (A sea or a range may lie anywhere.)
            if !(DIVISION_WORDS.contains(&next.as_str())
                || SETTLEMENT_WORDS.contains(&next.as_str()))
            {
                return None;
            }
            let ctx = context(s..e);
            let country = ctx.main_country()?;
            return Some(Resolved {
                start: s,
                end: e,
                entry: None,
                country,
                admin1: None,
            });
        }
    }
    // The country: the one most of the names agree on, the name itself counting too.
    let mut countries: Vec<[u8; 3]> = own.iter().map(|(_, x)| x.country).collect();
    for q in &quals {
        countries.extend(q.iter().map(|(_, x)| x.country));
    }
    countries.sort_unstable();
    countries.dedup();
    let votes = |c: &[u8; 3]| {
        std::iter::once(&own)
            .chain(quals.iter())
            .filter(|cands| cands.iter().any(|(_, x)| &x.country == c))
            .count()
    };
    // Ties go to what the qualifiers say: "Adan Yabal District, Somalia" is not in Aden.
    let qual_votes = |c: &[u8; 3]| {
        quals
            .iter()
            .filter(|cands| cands.iter().any(|(_, x)| &x.country == c))
            .count()
    };
    // Then to a country the address names outright: "the Lower Shabelle region of the South
    // West State, Somalia" is not in Cameroon's South-West.
    let named_country = |c: &[u8; 3]| {
        quals
            .iter()
            .flatten()
            .any(|(_, x)| x.kind == Kind::Country && &x.country == c)
    };
    let rank = |c: &[u8; 3]| (votes(c), qual_votes(c), named_country(c));
    let top = countries.iter().map(rank).max().unwrap_or((0, 0, false));
    let leaders: Vec<[u8; 3]> = countries
        .iter()
        .filter(|c| rank(c) == top)
        .copied()
        .collect();
    let ctx = if leaders.len() > 1 {
        context(s..e)
    } else {
        Context::default()
    };
    // The qualifiers' divisions, for "Paris, Texas" and for the admin1 of an unknown name.
    let qual_admin1: Vec<u32> = quals
        .iter()
        .flatten()
        .filter(|(_, x)| x.kind == Kind::Admin1 && leaders.contains(&x.country))
        .map(|&(i, _)| i)
        .collect();
    let ctx = Context {
        admin1: ctx.admin1.iter().chain(&qual_admin1).copied().collect(),
        countries: ctx.countries,
        named: ctx.named,
    };
    let best_in = |cands: &[(u32, Entry)]| {
        cands
            .iter()
            .filter(|(_, x)| leaders.contains(&x.country))
            .map(|&(i, x)| (score(g, i, &x, &ctx), i, x))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    };
    if let Some((_, i, x)) = best_in(&own) {
        return Some(Resolved {
            start: s,
            end: e,
            entry: Some(i),
            country: x.country,
            admin1: g.admin1_index(i),
        });
    }
    // An unknown name: the country of its best-scoring qualifier.
    let (_, _, x) = quals
        .iter()
        .filter_map(|q| best_in(q))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(Resolved {
        start: s,
        end: e,
        entry: None,
        country: x.country,
        admin1: qual_admin1.iter().copied().find(|&a| {
            g.entries
                .get(a as usize)
                .is_some_and(|d| d.country == x.country)
        }),
    })
}

/// The contract's location record of a resolved place.
pub fn location(g: &Gazetteer, t: &Tree, r: &Resolved) -> Location {
    let text = t.text(r.start, r.end - 1).to_string();
    let entry = r.entry.and_then(|i| g.entries.get(i as usize));
    let coord = |v: f32| (v.is_finite()).then(|| (v as f64 * 1e5).round() / 1e5);
    Location {
        name: entry
            .map(|e| g.name(e).to_string())
            .unwrap_or_else(|| text.clone()),
        text,
        country_code: String::from_utf8_lossy(&r.country).into_owned(),
        admin1: r
            .admin1
            .and_then(|a| g.entries.get(a as usize))
            .map(|a| g.name(a).to_string()),
        geonameid: entry.map(|e| e.geonameid as i64).filter(|&id| id > 0),
        lat: entry.and_then(|e| coord(e.lat)),
        lon: entry.and_then(|e| coord(e.lon)),
    }
}
