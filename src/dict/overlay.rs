//! The office-holder overlay: dated actor entries for heads of state and government, their
//! deputies, foreign and defence ministers and officials of international bodies, built by
//! `dragoman dict build-overlay` from the shared data and written as a PETRARCH actor file.
//! Overlay files load before the Phoenix files, so their dates win: the Phoenix files stop
//! around 2018 and leave many terms open (`JOE_BIDEN [USAGOV >090120]`).
//!
//! Two kinds of evidence are combined:
//! - Wikidata tables (CC0): heads of state and government in office in 2021 (years),
//!   foreign ministers in office in January 2023 (start days), officials of international
//!   bodies (days or years), and cabinets.
//! - Dated news: "Russian President Vladimir Putin", "former U.S. President Joe Biden" say
//!   who held which office on the day of the item.
//!
//! A term the tables leave open is closed the day before the news first shows a successor in
//! the same office, or the day before the holder is first called "former". A term the news
//! alone shows runs from the first to the last sighting, stretched to meet the neighbouring
//! holders' terms, and stays open when no successor shows.
//! Outside their terms national office holders keep the country's elite code (`USAELI`):
//! "Biden" in 2025 is a former president, not the government.

use super::date::Ymd;
use super::lines::phrase_words;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Gap between sightings that splits a holder's news sightings into two terms.
const TERM_GAP_DAYS: i64 = 400;
/// News terms are stretched towards a neighbouring holder's term at most this far.
const STRETCH_DAYS: i64 = 3 * 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Office {
    HeadOfState,
    HeadOfGovernment,
    Deputy,
    ForeignMinister,
    DefenceMinister,
    /// An office of an international body (its code says which).
    Body,
}

impl Office {
    fn label(self) -> &'static str {
        match self {
            Office::HeadOfState => "head of state",
            Office::HeadOfGovernment => "head of government",
            Office::Deputy => "deputy head",
            Office::ForeignMinister => "foreign minister",
            Office::DefenceMinister => "defence minister",
            Office::Body => "official",
        }
    }
}

/// Titles as news writes them before a name, longest first, with the office they name.
const TITLES: &[(&[&str], Office)] = &[
    (
        &["MINISTER", "OF", "FOREIGN", "AFFAIRS"],
        Office::ForeignMinister,
    ),
    (&["SECRETARY", "OF", "STATE"], Office::ForeignMinister),
    (&["VICE", "PRESIDENT"], Office::Deputy),
    (&["VICE-PRESIDENT"], Office::Deputy),
    (&["DEPUTY", "PRIME", "MINISTER"], Office::Deputy),
    (&["CROWN", "PRINCE"], Office::Deputy),
    (&["PRIME", "MINISTER"], Office::HeadOfGovernment),
    (&["FOREIGN", "MINISTER"], Office::ForeignMinister),
    (&["FOREIGN", "SECRETARY"], Office::ForeignMinister),
    (&["DEFENSE", "MINISTER"], Office::DefenceMinister),
    (&["DEFENCE", "MINISTER"], Office::DefenceMinister),
    (&["DEFENSE", "SECRETARY"], Office::DefenceMinister),
    (&["DEFENCE", "SECRETARY"], Office::DefenceMinister),
    (&["SUPREME", "LEADER"], Office::HeadOfState),
    (&["PRESIDENT"], Office::HeadOfState),
    (&["PREMIER"], Office::HeadOfGovernment),
    (&["CHANCELLOR"], Office::HeadOfGovernment),
    (&["KING"], Office::HeadOfState),
    (&["QUEEN"], Office::HeadOfState),
    (&["EMIR"], Office::HeadOfState),
    (&["SULTAN"], Office::HeadOfState),
];

/// Lower-case words that may sit inside a name ("Mohammed bin Salman", "Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "van", "von", "der", "den",
    "la", "le", "del", "di", "du", "ben", "y",
];

/// Upper-case, with Latin diacritics folded to ASCII, so "Erdoğan" and "Erdogan" meet.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let f =
            match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä'
                | 'Ã' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
                'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'C',
                'ď' | 'đ' | 'Ď' | 'Đ' => 'D',
                'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ę'
                | 'Ě' => 'E',
                'ğ' | 'Ğ' => 'G',
                'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => {
                    'I'
                }
                'ł' | 'Ł' => 'L',
                'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'N',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ'
                | 'Ø' | 'Ō' | 'Ő' => 'O',
                'ř' | 'Ř' => 'R',
                'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
                'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => 'T',
                'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' | 'Ů'
                | 'Ű' => 'U',
                'ý' | 'ÿ' | 'Ý' => 'Y',
                'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'Z',
                '\u{2019}' | '\u{2018}' => '\'',
                c => {
                    out.extend(c.to_uppercase());
                    continue;
                }
            };
        out.push(f);
    }
    out
}

/// Country names and adjectives (CountryInfo's `<CountryName>` and `<Nationality>`, GeoNames'
/// country names) as folded word sequences, with each country's population.
#[derive(Debug, Default)]
pub struct CountryWords {
    phrases: HashMap<Vec<String>, String>,
    longest: usize,
    population: HashMap<String, u64>,
}

impl CountryWords {
    /// From CountryInfo.txt (its almost-XML) and GeoNames' countryInfo (tab-separated).
    pub fn parse(country_info: &str, geonames: &str) -> CountryWords {
        let mut w = CountryWords::default();
        let mut ambiguous: Vec<Vec<String>> = Vec::new();
        let mut add = |w: &mut CountryWords, phrase: &str, code: &str| {
            let words: Vec<String> = phrase_words(phrase.trim_end_matches('_'))
                .iter()
                .map(|x| fold(x))
                .collect();
            if words.is_empty() || words.iter().any(|x| x.contains(['(', ')', ','])) {
                return;
            }
            match w.phrases.get(&words) {
                Some(c) if c != code => ambiguous.push(words),
                Some(_) => {}
                None => {
                    w.longest = w.longest.max(words.len());
                    w.phrases.insert(words, code.to_string());
                }
            }
        };
        // GeoNames first: its ISO codes check CountryInfo's, which has a few typos
        // (JAPAN under "JON").
        let mut iso: Vec<(String, String)> = Vec::new();
        for line in geonames.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 8 || cols[1].len() != 3 {
                continue;
            }
            iso.push((cols[4].to_string(), cols[1].to_string()));
            if let Ok(p) = cols[7].trim().parse() {
                w.population.insert(cols[1].to_string(), p);
            }
        }
        for block in country_info.split("<Country>").skip(1) {
            let field = |tag: &str| {
                let open = format!("<{tag}>");
                let close = format!("</{tag}>");
                let a = block.find(&open)? + open.len();
                let b = block[a..].find(&close)? + a;
                Some(block[a..b].trim())
            };
            let code = ["CountryCode", "ISO3166-alpha3"]
                .into_iter()
                .filter_map(field)
                .find(|c| w.population.contains_key(*c));
            let Some(code) = code else { continue };
            for tag in ["CountryName", "Nationality"] {
                for line in field(tag).unwrap_or("").lines() {
                    let entry = line.split('#').next().unwrap_or("").trim();
                    if !entry.is_empty() {
                        add(&mut w, entry, code);
                    }
                }
            }
        }
        for (name, code) in &iso {
            add(&mut w, name, code);
        }
        for a in ambiguous {
            w.phrases.remove(&a);
        }
        w
    }

    /// The country a whole name stands for ("United States of America", "The Bahamas",
    /// "Kingdom of the Netherlands").
    pub fn code_of_name(&self, name: &str) -> Option<&str> {
        let words: Vec<String> = name.split_whitespace().map(fold).collect();
        let mut rest: &[String] = &words;
        loop {
            if let Some(c) = self.phrases.get(rest) {
                return Some(c);
            }
            match rest.first().map(String::as_str) {
                Some("THE") => rest = &rest[1..],
                Some("KINGDOM" | "REPUBLIC" | "STATE" | "COMMONWEALTH")
                    if rest.get(1).map(String::as_str) == Some("OF") =>
                {
                    rest = &rest[2..]
                }
                Some("PEOPLE'S" | "ISLAMIC" | "DEMOCRATIC" | "FEDERAL" | "FEDERATED") => {
                    rest = &rest[1..]
                }
                _ => return None,
            }
        }
    }

    /// The longest country phrase ending just before `end` in folded `words`: its start and code.
    fn ending_at(&self, words: &[String], end: usize) -> Option<(usize, &str)> {
        (1..=self.longest.min(end))
            .rev()
            .find_map(|n| self.phrases.get(&words[end - n..end]).map(|c| (end - n, c)))
            .map(|(s, c)| (s, c.as_str()))
    }

    fn population(&self, code: &str) -> u64 {
        self.population.get(code).copied().unwrap_or(0)
    }
}

/// name, Wikidata id, country, office, first and last day.
type HeadRow = (String, String, String, Office, Option<Ymd>, Option<Ymd>);

/// One person's hold on one office over a span of days.
#[derive(Debug, Clone)]
struct Term {
    person: usize,
    /// Country code, or the international body's CAMEO code (`IGOUNO`).
    place: String,
    office: Office,
    start: Option<Ymd>,
    end: Option<Ymd>,
    /// Shown by the news only: its dates are first and last sightings.
    from_news: bool,
    /// A news term of one day: too little to end someone else's term (news also
    /// recalls past holders: "President John F. Kennedy").
    weak: bool,
}

#[derive(Debug, Clone)]
struct Person {
    /// Every spelling seen, the first as the primary phrase.
    names: Vec<String>,
    wikidata: Option<String>,
    /// Days the news called the person "former" (of a national office).
    former: Vec<Ymd>,
}

/// A title-and-name mention in a news item.
#[derive(Debug, Clone)]
struct Sighting {
    name: String,
    /// The title as written ("President").
    title: String,
    country: Option<String>,
    office: Office,
    day: Ymd,
    former: bool,
}

/// Collects office holders from the sources, then writes the overlay.
#[derive(Default)]
pub struct OverlayBuilder {
    countries: CountryWords,
    people: Vec<Person>,
    by_key: HashMap<String, usize>,
    terms: Vec<Term>,
    sightings: Vec<Sighting>,
    cabinets: Vec<(String, String)>,
    /// What could not be used, for the build report.
    pub skipped: Vec<String>,
}

/// The key people are matched on: folded words of the name without a regnal "of Spain".
fn person_key(name: &str) -> String {
    let base = name.split(',').next().unwrap_or(name);
    let base = match base.find(" of ") {
        Some(k) if base[..k].split_whitespace().count() <= 2 => &base[..k],
        _ => base,
    };
    base.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect::<Vec<_>>()
        .join(" ")
}

fn year_start(s: &str) -> Option<Ymd> {
    let s = s.trim();
    Ymd::parse_iso(s).or_else(|| s.parse().ok().and_then(|y| Ymd::new(y, 1, 1)))
}

fn year_end(s: &str) -> Option<Ymd> {
    let s = s.trim();
    Ymd::parse_iso(s).or_else(|| s.parse().ok().and_then(|y| Ymd::new(y, 12, 31)))
}

fn csv_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let Ok(headers) = r.headers().cloned() else {
        return Vec::new();
    };
    r.records()
        .filter_map(Result::ok)
        .map(|rec| {
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.trim().to_string()))
                .collect()
        })
        .collect()
}

impl OverlayBuilder {
    pub fn new(countries: CountryWords) -> OverlayBuilder {
        OverlayBuilder {
            countries,
            ..OverlayBuilder::default()
        }
    }

    fn person(&mut self, name: &str, wikidata: Option<&str>) -> usize {
        let key = person_key(name);
        if let Some(&p) = self.by_key.get(&key) {
            if self.people[p].wikidata.is_none() {
                self.people[p].wikidata = wikidata.map(str::to_string);
            }
            return p;
        }
        let p = self.people.len();
        let mut names = vec![name.split(',').next().unwrap_or(name).trim().to_string()];
        let short = name.split(',').next().unwrap_or(name);
        if let Some(k) = short.find(" of ") {
            if short[..k].split_whitespace().count() <= 2 {
                names.push(short[..k].to_string());
            }
        }
        self.people.push(Person {
            names,
            wikidata: wikidata.map(str::to_string),
            former: Vec::new(),
        });
        self.by_key.insert(key, p);
        p
    }

    /// `heads_of_state_gov_*_wikidata.csv`: country, position, office holder, years.
    pub fn add_heads(&mut self, csv_text: &str) {
        // A person who heads several states (a personal union, a co-prince) is coded for
        // the most populous of them.
        let mut rows: Vec<HeadRow> = Vec::new();
        for row in csv_rows(csv_text) {
            let get = |k: &str| row.get(k).cloned().unwrap_or_default();
            let (country, position, name) = (
                get("country"),
                get("positionLabel"),
                get("officeholderLabel"),
            );
            if name.is_empty() || name.starts_with('Q') && name[1..].parse::<u64>().is_ok() {
                continue;
            }
            let Some(code) = self.countries.code_of_name(&country).map(str::to_string) else {
                self.skipped.push(format!("country {country:?} not known"));
                continue;
            };
            let p = position.to_lowercase();
            let office = if p.contains("governor-general") {
                continue;
            } else if [
                "prime minister",
                "premier",
                "chancellor",
                "taoiseach",
                "chief minister",
            ]
            .iter()
            .any(|t| p.contains(t))
            {
                Office::HeadOfGovernment
            } else {
                Office::HeadOfState
            };
            rows.push((
                name,
                get("officeholder"),
                code,
                office,
                year_start(&get("start_year")),
                year_end(&get("end_year")),
            ));
        }
        let mut home: HashMap<String, String> = HashMap::new();
        for (name, _, code, ..) in &rows {
            let best = home.entry(name.clone()).or_insert_with(|| code.clone());
            if self.countries.population(code) > self.countries.population(best) {
                *best = code.clone();
            }
        }
        for (name, qid, code, office, start, end) in rows {
            if home.get(&name) != Some(&code) {
                continue;
            }
            let person = self.person(&name, Some(&qid));
            self.terms.push(Term {
                person,
                place: code,
                office,
                start,
                end,
                from_news: false,
                weak: false,
            });
        }
    }

    /// `foreign_ministers_wikidata.csv`: minister, country, start day (in office at the
    /// time of the snapshot).
    pub fn add_foreign_ministers(&mut self, csv_text: &str) {
        for row in csv_rows(csv_text) {
            let get = |k: &str| row.get(k).cloned().unwrap_or_default();
            let (name, country) = (get("name"), get("countryLabel"));
            if name.is_empty() {
                continue;
            }
            let Some(code) = self.countries.code_of_name(&country).map(str::to_string) else {
                self.skipped.push(format!("country {country:?} not known"));
                continue;
            };
            let person = self.person(&name, Some(&get("person")));
            self.terms.push(Term {
                person,
                place: code,
                office: Office::ForeignMinister,
                start: year_start(&get("start")),
                end: None,
                from_news: false,
                weak: false,
            });
        }
    }

    /// `intl_org_officeholders_wikidata.csv`: position, person, days or years. `body` gives
    /// the CAMEO code of the body a position names ("... of the United Nations" → IGOUNO).
    pub fn add_body_officials(&mut self, csv_text: &str, body: &dyn Fn(&str) -> Option<String>) {
        for row in csv_rows(csv_text) {
            let get = |k: &str| row.get(k).cloned().unwrap_or_default();
            let (position, name) = (get("position"), get("person"));
            // A state's representative to a body acts for the state, which the table omits.
            if name.is_empty() || position.to_lowercase().contains("representative") {
                continue;
            }
            let Some(code) = body(&position) else {
                self.skipped.push(format!("no body code for {position:?}"));
                continue;
            };
            let person = self.person(&name, Some(&get("personID")));
            self.terms.push(Term {
                person,
                place: code,
                office: Office::Body,
                start: year_start(&get("start")),
                end: year_end(&get("end")),
                from_news: false,
                weak: false,
            });
        }
    }

    /// `country_cabinets_wikidata.csv`: "Cabinet of Afghanistan" is AFGGOV.
    pub fn add_cabinets(&mut self, csv_text: &str) {
        for row in csv_rows(csv_text) {
            let get = |k: &str| row.get(k).cloned().unwrap_or_default();
            let (state, cabinet) = (get("stateLabel"), get("cabinetLabel"));
            let Some(code) = self.countries.code_of_name(&state) else {
                continue;
            };
            // "Cabinet of Ministers" alone names no country.
            if fold(&cabinet).contains(&fold(&state)) {
                self.cabinets.push((cabinet, format!("{code}GOV")));
            }
        }
    }

    /// One dated news text: every "<country> <title> <Name>" in it.
    pub fn add_news(&mut self, day: Ymd, text: &str) {
        let pieces = crate::text::scan(text);
        let forms: Vec<&str> = pieces.iter().map(|p| &text[p.start..p.end]).collect();
        let folded: Vec<String> = forms.iter().map(|f| fold(f)).collect();
        let capital = |i: usize| forms[i].chars().next().is_some_and(char::is_uppercase);
        let mut i = 0;
        while i < forms.len() {
            let Some((len, office)) = TITLES.iter().find_map(|(t, o)| {
                let fits = i + t.len() <= forms.len()
                    && t.iter().zip(&folded[i..]).all(|(a, b)| a == b)
                    && capital(i);
                fits.then_some((t.len(), *o))
            }) else {
                i += 1;
                continue;
            };
            let after = i + len;
            i = after;
            // "President-elect", "Secretary of State for Defence": not the office itself.
            if forms
                .get(after)
                .is_some_and(|w| matches!(*w, "-elect" | "elect" | "for" | "-designate"))
            {
                continue;
            }
            let start_title = after - len;
            let country = self
                .countries
                .ending_at(&folded, start_title)
                .filter(|&(s, _)| s == 0 || !capital(s - 1) || forms[s - 1] == "The");
            let before = match country {
                Some((s, _)) => s,
                None => start_title,
            };
            let prev = before
                .checked_sub(1)
                .map(|k| forms[k].to_lowercase())
                .unwrap_or_default();
            if matches!(prev.as_str(), "then" | "then-" | "incoming" | "future") {
                continue;
            }
            let former = matches!(prev.as_str(), "former" | "ex" | "ex-" | "late");
            let Some(name) = name_after(&forms, after) else {
                continue;
            };
            self.sightings.push(Sighting {
                name,
                title: forms[start_title..after].join(" "),
                country: country.map(|(_, c)| c.to_string()),
                office,
                day,
                former,
            });
        }
    }

    /// Turns sightings into terms and closes open terms; call once, after every source.
    fn settle(&mut self) {
        let sightings = std::mem::take(&mut self.sightings);
        // Who serves where: table terms, then what the sightings with a country show.
        let mut roles: Vec<(usize, String, Office)> = self
            .terms
            .iter()
            .map(|t| (t.person, t.place.clone(), t.office))
            .collect();
        let mut seen: HashMap<(usize, String, Office), Vec<Ymd>> = HashMap::new();
        for pass in 0..2 {
            for s in &sightings {
                let full = s.name.split_whitespace().count() >= 2;
                let known = self.find_person(&s.name, s.country.as_deref(), s.office, &roles);
                let (person, place) = match (&s.country, known) {
                    (Some(c), Some(p)) if pass == 0 => (p, c.clone()),
                    (Some(c), None) if pass == 0 && full => (self.person(&s.name, None), c.clone()),
                    (None, Some(p)) if pass == 1 => {
                        let home = roles
                            .iter()
                            .find(|r| r.0 == p && r.2 != Office::Body)
                            .map(|r| r.1.clone());
                        match home {
                            Some(c) => (p, c),
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                if pass == 0 && !s.former {
                    roles.push((person, place.clone(), s.office));
                }
                // Full names the news writes, and "President Trump" (title and surname).
                let spelling = if full {
                    s.country.is_some().then(|| s.name.clone())
                } else {
                    Some(format!("{} {}", s.title, s.name))
                };
                if let Some(spelling) = spelling {
                    let names = &mut self.people[person].names;
                    if !names.iter().any(|n| phrase_of(n) == phrase_of(&spelling)) {
                        names.push(spelling);
                    }
                }
                if s.former {
                    self.people[person].former.push(s.day);
                } else {
                    seen.entry((person, place, s.office))
                        .or_default()
                        .push(s.day);
                }
            }
        }
        let mut keys: Vec<_> = seen.into_iter().collect();
        keys.sort();
        for ((person, place, office), mut days) in keys {
            days.sort();
            days.dedup();
            // A table term the sightings fall in (or after, when open) absorbs them.
            let mut rest: Vec<Ymd> = Vec::new();
            for d in days {
                let held = self.terms.iter().any(|t| {
                    t.person == person
                        && t.place == place
                        && t.office == office
                        && !t.from_news
                        && t.start.is_none_or(|s| s <= d)
                        && t.end.is_none_or(|e| d <= e)
                });
                if !held {
                    rest.push(d);
                }
            }
            let mut run: Option<(Ymd, Ymd)> = None;
            for d in rest {
                run = match run {
                    Some((a, b)) if d.days() - b.days() <= TERM_GAP_DAYS => Some((a, d)),
                    Some((a, b)) => {
                        self.news_term(person, &place, office, a, b);
                        Some((d, d))
                    }
                    None => Some((d, d)),
                };
            }
            if let Some((a, b)) = run {
                self.news_term(person, &place, office, a, b);
            }
        }
        self.close_terms();
    }

    fn news_term(&mut self, person: usize, place: &str, office: Office, a: Ymd, b: Ymd) {
        self.terms.push(Term {
            person,
            place: place.to_string(),
            office,
            start: Some(a),
            end: Some(b),
            from_news: true,
            weak: a == b,
        });
    }

    /// The known person a sighting names: the same name, or, in the same office and
    /// country, the same surname ("President Trump", "Zelensky" for "Zelenskyy").
    fn find_person(
        &self,
        name: &str,
        country: Option<&str>,
        office: Office,
        roles: &[(usize, String, Office)],
    ) -> Option<usize> {
        if let Some(&p) = self.by_key.get(&person_key(name)) {
            return Some(p);
        }
        let key = person_key(name);
        let last = key.split(' ').next_back()?;
        let first = key.split(' ').next()?;
        let single = !key.contains(' ');
        let mut found = None;
        for (person, place, o) in roles {
            if *o != office || country.is_some_and(|c| c != place) {
                continue;
            }
            for n in &self.people[*person].names {
                let k = person_key(n);
                let (Some(l), Some(f)) = (k.split(' ').next_back(), k.split(' ').next()) else {
                    continue;
                };
                let same = l == last
                    || (!single
                        && f == first
                        && l.len().min(last.len()) >= 5
                        && (l.starts_with(last) || last.starts_with(l)));
                if same && (single || f == first || l == last) {
                    if found.is_some_and(|p| p != *person) {
                        return None;
                    }
                    found = Some(*person);
                }
            }
        }
        found
    }

    fn home_of(&self, person: usize) -> Option<String> {
        self.terms
            .iter()
            .find(|t| t.person == person && t.office != Office::Body)
            .map(|t| t.place.clone())
    }

    /// Per office, in order of start: an open term ends the day before the next holder's
    /// term starts (or before its holder is first called "former"); news terms stretch to
    /// meet their neighbours and stay open when no successor shows.
    fn close_terms(&mut self) {
        let mut order: Vec<usize> = (0..self.terms.len()).collect();
        order.sort_by_key(|&i| {
            let t = &self.terms[i];
            (t.place.clone(), t.office, t.start, t.person)
        });
        for (k, &i) in order.iter().enumerate() {
            let t = self.terms[i].clone();
            // A body has many offices (judges, deputies) that the tables date themselves.
            if t.office == Office::Body {
                continue;
            }
            let start = t.start;
            let next = order[k + 1..]
                .iter()
                .map(|&j| &self.terms[j])
                .take_while(|n| n.place == t.place && n.office == t.office)
                .find(|n| n.person != t.person && n.start > start && !n.weak)
                .and_then(|n| n.start);
            let prev_end = order[..k]
                .iter()
                .rev()
                .map(|&j| &self.terms[j])
                .take_while(|n| n.place == t.place && n.office == t.office)
                .find(|n| n.person != t.person && !n.weak)
                .and_then(|n| n.end);
            let former = self.people[t.person]
                .former
                .iter()
                .copied()
                .filter(|&d| start.is_none_or(|s| d > s))
                .min();
            let mut end = t.end;
            if t.from_news {
                // Like a table's term, a news term with no known successor stays open.
                let last = t.end.unwrap_or(Ymd(0));
                end = match next {
                    _ if t.weak => t.end,
                    Some(n) if n.days() - last.days() <= STRETCH_DAYS => Some(n.add_days(-1)),
                    Some(_) => t.end,
                    None => None,
                };
                if let (Some(p), Some(s), false) = (prev_end, start, t.weak) {
                    if s.days() - p.days() <= STRETCH_DAYS && p < s {
                        self.terms[i].start = Some(p.add_days(1));
                    }
                }
            } else if end.is_none() {
                end = next.map(|n| n.add_days(-1));
            }
            if let Some(f) = former {
                if end.is_none_or(|e| f <= e) {
                    end = Some(f.add_days(-1));
                }
            }
            let start = self.terms[i].start;
            if let (Some(s), Some(e)) = (start, end) {
                if e < s {
                    end = Some(s);
                }
            }
            self.terms[i].end = end;
        }
    }

    /// The overlay file: a header with sources and licence, then one record a person.
    pub fn write(mut self, sources: &[String]) -> String {
        self.settle();
        let mut out = String::new();
        out.push_str(
            "# dragoman office-holder overlay: dated actor codes for heads of state and\n\
             # government, deputies, foreign and defence ministers and officials of\n\
             # international bodies. Built by `dragoman dict build-overlay`; do not edit by\n\
             # hand (add your own overlay file with --actors-overlay instead).\n\
             # Sources: Wikidata (CC0) via every-politician-scrapers, and titles before names\n\
             # in dated news; see dictionaries/README.md.\n",
        );
        for s in sources {
            let _ = writeln!(out, "#   {s}");
        }
        out.push('\n');
        let mut people: Vec<usize> = (0..self.people.len()).collect();
        people.sort_by_key(|&p| {
            (
                self.home_of(p).unwrap_or_default(),
                person_key(&self.people[p].names[0]),
            )
        });
        let mut written = 0usize;
        for p in people {
            let mut terms: Vec<&Term> = self.terms.iter().filter(|t| t.person == p).collect();
            if terms.is_empty() {
                continue;
            }
            terms.sort_by_key(|t| (t.start, t.end));
            let names: Vec<String> = self.people[p]
                .names
                .iter()
                .filter_map(|n| phrase_of(n))
                .fold(Vec::new(), |mut v, n| {
                    for form in [n.clone(), fold(&n)] {
                        if !v.contains(&form) {
                            v.push(form);
                        }
                    }
                    v
                });
            let Some((first, rest)) = names.split_first() else {
                continue;
            };
            let offices: Vec<String> = terms
                .iter()
                .map(|t| format!("{} {}", t.place, t.office.label()))
                .fold(Vec::new(), |mut v, s| {
                    if !v.contains(&s) {
                        v.push(s);
                    }
                    v
                });
            let qid = self.people[p].wikidata.as_deref().unwrap_or("news only");
            let _ = writeln!(out, "{first}  # {}; {qid}", offices.join(", "));
            for n in rest {
                let _ = writeln!(out, "+{n}");
            }
            for t in &terms {
                let code = if t.office == Office::Body {
                    t.place.clone()
                } else {
                    format!("{}GOV", t.place)
                };
                let fmt = |d: Ymd| format!("{:08}", d.0);
                let _ = match (t.start, t.end) {
                    (Some(s), Some(e)) => writeln!(out, "\t[{code} {}-{}]", fmt(s), fmt(e)),
                    (Some(s), None) => writeln!(out, "\t[{code} >{}]", fmt(s)),
                    (None, Some(e)) => writeln!(out, "\t[{code} <{}]", fmt(e)),
                    (None, None) => writeln!(out, "\t[{code}]"),
                };
            }
            match self.home_of(p) {
                Some(c) => {
                    let _ = writeln!(out, "\t[{c}ELI]");
                }
                None => out.push_str("\t[---]\n"),
            }
            written += 1;
        }
        out.push_str("\n# Cabinets\n");
        self.cabinets.sort();
        self.cabinets.dedup();
        for (name, code) in &self.cabinets {
            if let Some(n) = phrase_of(name) {
                let _ = writeln!(out, "{n}  [{code}]");
            }
        }
        let _ = writeln!(
            out,
            "\n# {written} office holders, {} cabinets",
            self.cabinets.len()
        );
        out
    }
}

/// A name as a dictionary phrase: words joined by `_`, exact (trailing `_`). `None` for a
/// name with characters the format reserves.
fn phrase_of(name: &str) -> Option<String> {
    if name.contains(['[', ']', '#', ';', '+', '_']) {
        return None;
    }
    let pieces = crate::text::scan(name);
    let words: Vec<&str> = pieces.iter().map(|p| &name[p.start..p.end]).collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}_", words.join("_").to_uppercase()))
}

/// The name after a title: capitalised words (with particles such as "bin" inside), at most
/// four, stopping at a possessive or anything else.
fn name_after(forms: &[&str], at: usize) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut i = at;
    while i < forms.len() && words.len() < 4 {
        let w = forms[i];
        let cap = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            || w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.') && !words.is_empty()
            || (w.len() == 2 && w.chars().all(char::is_uppercase));
        let particle =
            (NAME_PARTICLES.contains(&w) || w.starts_with("al-") || w.starts_with("el-"))
                && !words.is_empty();
        if cap && !TITLES.iter().any(|(t, _)| t.len() == 1 && fold(w) == t[0]) {
            words.push(w);
        } else if particle {
            let joined = w.contains('-')
                || forms
                    .get(i + 1)
                    .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
            if !joined {
                break;
            }
            words.push(w);
        } else {
            break;
        }
        i += 1;
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: &str = "<Country>\n<CountryCode>USA</CountryCode>\n<CountryName>UNITED_STATES_OF_AMERICA</CountryName>\n<ISO3166-alpha3>USA</ISO3166-alpha3>\n<Nationality>\n\tAMERICAN_\n\tU.S.\n\tUNITED_STATES_\n</Nationality>\n</Country>\n<Country>\n<CountryCode>GBR</CountryCode>\n<CountryName>UNITED_KINGDOM</CountryName>\n<ISO3166-alpha3>GBR</ISO3166-alpha3>\n<Nationality>\n\tBRITISH_\n\tUK\n</Nationality>\n</Country>\n<Country>\n<CountryCode>CAN</CountryCode>\n<CountryName>CANADA</CountryName>\n<ISO3166-alpha3>CAN</ISO3166-alpha3>\n<Nationality>\n\tCANADIAN_\n</Nationality>\n</Country>\n";
    const GEO: &str = "#ISO\tISO3\tn\tf\tCountry\tCapital\tArea\tPopulation\nUS\tUSA\t840\tUS\tUnited States\tWashington\t1\t327000000\nGB\tGBR\t826\tUK\tUnited Kingdom\tLondon\t1\t66000000\nCA\tCAN\t124\tCA\tCanada\tOttawa\t1\t37000000\n";

    fn day(s: &str) -> Ymd {
        Ymd::parse_iso(s).unwrap()
    }

    fn builder() -> OverlayBuilder {
        OverlayBuilder::new(CountryWords::parse(INFO, GEO))
    }

    #[test]
    fn country_names_and_adjectives() {
        let w = CountryWords::parse(INFO, GEO);
        assert_eq!(w.code_of_name("United States of America"), Some("USA"));
        assert_eq!(w.code_of_name("The United Kingdom"), Some("GBR"));
        assert_eq!(w.code_of_name("Ruritania"), None);
        let words: Vec<String> = ["former", "U.S.", "President"].map(fold).to_vec();
        assert_eq!(w.ending_at(&words, 2), Some((1, "USA")));
        assert_eq!(fold("Erdoğan Zelenskyy"), "ERDOGAN ZELENSKYY");
    }

    #[test]
    fn names_after_titles() {
        let f = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert_eq!(
            name_after(&f("Donald Trump 's plan"), 0).as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(
            name_after(&f("Mohammed bin Salman said"), 0).as_deref(),
            Some("Mohammed bin Salman")
        );
        assert_eq!(
            name_after(&f("JD Vance met"), 0).as_deref(),
            Some("JD Vance")
        );
        assert_eq!(name_after(&f("said"), 0), None);
    }

    /// A table term left open is closed by the successor the news shows, and the news
    /// alone gives a current holder an open term.
    #[test]
    fn news_closes_open_terms_and_opens_current_ones() {
        let mut b = builder();
        b.add_heads(
            "countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year\n\
             Q30,United States of America,Q11696,President of the United States,Q6279,Joe Biden,2021,\n",
        );
        b.add_news(
            day("2019-05-01"),
            "U.S. President Donald Trump met British Prime Minister Theresa May.",
        );
        b.add_news(day("2019-11-01"), "President Trump spoke.");
        b.add_news(
            day("2025-01-20"),
            "U.S. President Donald Trump signed orders; former U.S. President Joe Biden left.",
        );
        b.add_news(
            day("2025-06-01"),
            "Canadian Prime Minister Mark Carney met U.S. President Donald Trump.",
        );
        let text = b.write(&[]);
        let (d, w) = crate::dict::ActorDictionary::parse(&text, "overlay");
        assert!(w.is_empty(), "{w:?}\n{text}");
        let code = |name: &str, on: &str| {
            let a = d
                .actors
                .iter()
                .find(|a| a.names[0] == phrase_words(name))
                .unwrap_or_else(|| panic!("{name} in\n{text}"));
            a.code_on(day(on)).map(str::to_string)
        };
        assert_eq!(code("JOE_BIDEN", "2022-03-01").as_deref(), Some("USAGOV"));
        assert_eq!(code("JOE_BIDEN", "2025-03-01").as_deref(), Some("USAELI"));
        assert_eq!(
            code("DONALD_TRUMP", "2025-03-01").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(
            code("DONALD_TRUMP", "2027-03-01").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(
            code("DONALD_TRUMP", "2020-06-01").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(
            code("DONALD_TRUMP", "2023-06-01").as_deref(),
            Some("USAELI")
        );
        assert_eq!(code("MARK_CARNEY", "2025-06-01").as_deref(), Some("CANGOV"));
        assert_eq!(code("THERESA_MAY", "2019-05-01").as_deref(), Some("GBRGOV"));
    }

    #[test]
    fn personal_unions_go_to_the_most_populous_state() {
        let mut b = builder();
        b.add_heads(
            "countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year\n\
             Q16,Canada,Q1,monarch of Canada,Q43274,Charles III,2022,\n\
             Q145,United Kingdom,Q2,monarch of the United Kingdom,Q43274,Charles III,2022,\n",
        );
        let text = b.write(&[]);
        assert!(text.contains("[GBRGOV >20220101]"), "{text}");
        assert!(!text.contains("CANGOV"), "{text}");
    }
}
