//! Building the gazetteer from the shared data (`dragoman train gazetteer`): GeoNames
//! countries, first-level divisions and cities over 15,000 people with their Latin-script
//! alternate names (none that spells a common English word, as the EWT treebank writes them
//! in lower case); CountryInfo's spellings of country names, nationality words and named
//! regions. Everything is sorted before it is written, so a build is reproducible byte for byte.

use super::gazetteer::{fold, key, Entry, Gazetteer, Kind, NONE};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Country names in current use that the 2014 CountryInfo and GeoNames' English names lack
/// (renamings since, and the short forms news uses).
const EXTRA_COUNTRY_NAMES: &[(&str, &str)] = &[
    ("Türkiye", "TUR"),
    ("Czech Republic", "CZE"),
    ("Côte d'Ivoire", "CIV"),
    ("Swaziland", "SWZ"),
    ("Macedonia", "MKD"),
    ("Burma", "MMR"),
    ("DR Congo", "COD"),
    ("DRC", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("Congo-Kinshasa", "COD"),
    ("Congo-Brazzaville", "COG"),
    ("Palestine", "PSE"),
    ("State of Palestine", "PSE"),
    ("Palestinian territories", "PSE"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("USA", "USA"),
    ("U.S.A.", "USA"),
    ("United States of America", "USA"),
    ("UAE", "ARE"),
    ("East Timor", "TLS"),
    ("Cape Verde", "CPV"),
    ("Vatican", "VAT"),
];

/// Words that name the kind of a division ("Borno State", "Kharkivs'ka Oblast'"): a division
/// is also known by its name without them, and a query is tried without them.
pub const DIVISION_WORDS: &[&str] = &[
    "oblast",
    "province",
    "governorate",
    "region",
    "state",
    "district",
    "prefecture",
    "county",
    "krai",
    "kray",
    "voivodeship",
    "department",
    "territory",
    "municipality",
    "division",
    "emirate",
    "canton",
];

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A name without its division word, at either end: "Borno State" → "Borno",
/// "Province of Kandahar" → "Kandahar". None when there is none to strip.
pub fn without_division_word(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let is_div = |w: &str| {
        let f = fold(w);
        DIVISION_WORDS.contains(&f.as_str())
    };
    // "Northern Territory", "Capital Region": what is left would be no name at all.
    let generic = |rest: &[&str]| {
        rest.len() == 1
            && [
                "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                "central", "capital", "upper", "lower", "greater", "new", "federal", "national",
            ]
            .contains(&fold(rest[0]).as_str())
    };
    if is_div(words[words.len() - 1]) {
        let rest = &words[..words.len() - 1];
        return (!generic(rest)).then(|| rest.join(" "));
    }
    if is_div(words[0]) {
        let rest = &words[1..];
        let rest = match rest.first() {
            Some(&"of") | Some(&"de") | Some(&"du") | Some(&"del") => &rest[1..],
            _ => rest,
        };
        if !rest.is_empty() && !generic(rest) {
            return Some(rest.join(" "));
        }
    }
    None
}

/// Whether an alternate name is one an English text might use: Latin script, capitalised
/// words (connectors like "de", "al" aside), no digits.
fn usable_alternate(alt: &str) -> bool {
    const CONNECTORS: &[&str] = &[
        "de", "la", "del", "al", "el", "of", "the", "upon", "on", "sur", "am", "an", "der", "di",
        "do", "da", "dos", "das", "du", "le", "les", "en", "y", "i",
    ];
    let latin = alt.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(c, ' ' | '-' | '\'' | '’' | '.')
            || (c.is_alphabetic() && ((c as u32) < 0x250 || (0x1E00..0x1F00).contains(&(c as u32))))
    });
    let words_ok = alt
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || CONNECTORS.contains(&w));
    latin && words_ok && alt.chars().count() >= 3 && alt.chars().count() <= 40
}

/// "SOUTH_AUSTRALIA_" → "South Australia".
fn title_case(s: &str) -> String {
    s.replace('_', " ")
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    strings: Vec<u8>,
    /// Canonical names already in `strings`, so each is stored once.
    interned: BTreeMap<String, u32>,
    keys: BTreeSet<(u64, u32)>,
}

impl Builder {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&at) = self.interned.get(name) {
            return at;
        }
        let at = self.strings.len() as u32;
        let bytes = &name.as_bytes()[..name.len().min(u16::MAX as usize)];
        self.strings
            .extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        self.strings.extend_from_slice(bytes);
        self.interned.insert(name.to_string(), at);
        at
    }

    fn add(&mut self, name: &str, mut e: Entry) -> u32 {
        e.name = self.intern(name);
        let i = self.entries.len() as u32;
        self.entries.push(e);
        self.alias(i, name);
        i
    }

    fn alias(&mut self, i: u32, name: &str) {
        if !fold(name).is_empty() {
            self.keys.insert((key(name), i));
        }
    }
}

fn entry(kind: Kind, country: &str, geonameid: u32, population: u32) -> Entry {
    let mut cc = [b'-'; 3];
    for (d, s) in cc.iter_mut().zip(country.bytes()) {
        *d = s;
    }
    Entry {
        geonameid,
        lat: f32::NAN,
        lon: f32::NAN,
        population,
        name: 0,
        admin1: NONE,
        country: cc,
        kind,
    }
}

/// Build the gazetteer from `<data>/geonames` and `<data>/actors` (and the EWT treebank's
/// lower-case words, which no town's name may be); returns it with a summary.
pub fn build(data: &Path) -> Result<(Gazetteer, String), String> {
    let geo = data.join("geonames");
    let mut b = Builder::default();
    // Countries: ISO2 → (ISO3, entry).
    let mut countries: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let mut by_iso3: BTreeMap<String, u32> = BTreeMap::new();
    for line in read(&geo.join("countryInfo.tsv"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 17 || cols[1].len() != 3 {
            continue;
        }
        let pop = cols[7].parse().unwrap_or(0);
        let gid = cols[16].parse().unwrap_or(0);
        let i = b.add(cols[4].trim(), entry(Kind::Country, cols[1], gid, pop));
        countries.insert(cols[0].to_string(), (cols[1].to_string(), i));
        by_iso3.insert(cols[1].to_string(), i);
    }
    // Divisions: "CC.code" → entry.
    let mut admin1: BTreeMap<String, u32> = BTreeMap::new();
    for line in read(&geo.join("admin1CodesASCII.tsv"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 4 {
            continue;
        }
        let Some((cc, _)) = cols[0].split_once('.') else {
            continue;
        };
        let Some((iso3, _)) = countries.get(cc) else {
            continue;
        };
        let gid = cols[3].trim().parse().unwrap_or(0);
        let name = cols[1].replace('’', "'");
        let i = b.add(&name, entry(Kind::Admin1, iso3, gid, 0));
        for n in [cols[1], cols[2]] {
            b.alias(i, n);
            if let Some(short) = without_division_word(&n.replace(['\'', '’'], "")) {
                b.alias(i, &short);
            }
        }
        admin1.insert(cols[0].to_string(), i);
    }
    // Cities.
    let common = common_words(&data.join("ud-english-ewt/en_ewt-ud-train.conllu"))?;
    let is_common = |name: &str| common.contains(&fold(name));
    let mut n_cities = 0;
    for line in read(&geo.join("cities15000.txt"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 15 {
            continue;
        }
        let Some((iso3, _)) = countries.get(cols[8]) else {
            continue;
        };
        let (Ok(gid), Ok(lat), Ok(lon)) = (
            cols[0].parse::<u32>(),
            cols[4].parse::<f32>(),
            cols[5].parse::<f32>(),
        ) else {
            continue;
        };
        let pop: u32 = cols[14].parse().unwrap_or(0);
        // "Police" and "Worms" are mostly the police and worms: a small town named by a
        // common word is not worth the wrong places it would give.
        if pop < 100_000 && is_common(cols[1]) {
            continue;
        }
        let mut e = entry(Kind::City, iso3, gid, pop);
        e.lat = lat;
        e.lon = lon;
        if let Some(&a) = admin1.get(&format!("{}.{}", cols[8], cols[10])) {
            e.admin1 = a;
            let d = &mut b.entries[a as usize];
            d.population = d.population.saturating_add(pop);
        }
        let i = b.add(cols[1], e);
        b.alias(i, cols[2]);
        // Alternate names in other languages and airport codes that spell English words
        // ("Area" for Mundelein, "Soul" for Seoul, "Africa" for Mahdia) name nothing here.
        for alt in cols[3]
            .split(',')
            .filter(|a| usable_alternate(a) && !is_common(a) && !is_continent(a))
        {
            b.alias(i, alt);
        }
        n_cities += 1;
    }
    let n_regions = add_country_info(&mut b, &data.join("actors"), &by_iso3)?;
    for (name, iso3) in EXTRA_COUNTRY_NAMES {
        if let Some(&i) = by_iso3.get(*iso3) {
            b.alias(i, name);
        }
    }
    let summary = format!(
        "gazetteer: {} countries, {} divisions, {} cities, {} regions and demonyms; {} names",
        countries.len(),
        admin1.len(),
        n_cities,
        n_regions,
        b.keys.len()
    );
    let keys = b.keys.into_iter().collect();
    Ok((Gazetteer::from_parts(b.entries, b.strings, keys), summary))
}

/// English words written in lower case at least three times in the EWT treebank: their
/// capitalised forms in news are mostly those words, not places.
fn common_words(treebank: &Path) -> Result<BTreeSet<String>, String> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for line in read(treebank)?.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
            continue;
        };
        let lower = form
            .chars()
            .all(|c| c.is_lowercase() || c == '-' || c == '\'');
        if id.bytes().all(|b| b.is_ascii_digit()) && lower && form.chars().count() > 1 {
            *counts.entry(fold(form)).or_default() += 1;
        }
    }
    Ok(counts
        .into_iter()
        .filter(|&(_, n)| n >= 3)
        .map(|(w, _)| w)
        .collect())
}

/// Continents are no country's: "Africa" is an old name of Mahdia, but not in the news.
fn is_continent(name: &str) -> bool {
    const CONTINENTS: &[&str] = &[
        "africa",
        "europe",
        "asia",
        "america",
        "americas",
        "oceania",
        "antarctica",
        "australasia",
    ];
    CONTINENTS.contains(&fold(name).as_str())
}

/// CountryInfo: more spellings of each country's name, its nationality words (context
/// only), and its named regions and geographic features. Returns how many entries it added.
fn add_country_info(
    b: &mut Builder,
    dir: &Path,
    by_iso3: &BTreeMap<String, u32>,
) -> Result<usize, String> {
    let text = read(&dir.join("CountryInfo.140728.txt"))?;
    let mut added = 0;
    for block in text.split("<Country>").skip(1) {
        let field = |tag: &str| {
            let open = format!("<{tag}>");
            let close = format!("</{tag}>");
            let from = block.find(&open)? + open.len();
            let to = block[from..].find(&close)? + from;
            Some(&block[from..to])
        };
        let Some(iso3) = field("ISO3166-alpha3").map(str::trim) else {
            continue;
        };
        let Some(&ci) = by_iso3.get(iso3) else {
            continue;
        };
        let country = field("CountryName").map(title_case).unwrap_or_default();
        b.alias(ci, &country);
        let items = |tag: &str| -> Vec<String> {
            field(tag)
                .unwrap_or("")
                .lines()
                .map(|l| l.split(['#', '[']).next().unwrap_or("").trim())
                .filter(|l| !l.is_empty() && !l.starts_with('<'))
                .flat_map(|l| l.split(['{', '}']).map(title_case).collect::<Vec<_>>())
                .filter(|s| s.chars().any(char::is_alphabetic))
                .collect()
        };
        for name in items("Nationality") {
            if is_country_variant(&name, &country) {
                b.alias(ci, &name);
            } else {
                let i = b.add(&name, entry(Kind::Demonym, iso3, 0, 0));
                let lower = name.to_lowercase();
                if !name.contains(' ') && (lower.ends_with("an") || lower.ends_with('i')) {
                    b.alias(i, &format!("{name}s"));
                }
                added += 1;
            }
        }
        for name in items("Regions").into_iter().chain(items("GeogFeatures")) {
            b.add(&name, entry(Kind::Region, iso3, 0, 0));
            added += 1;
        }
    }
    Ok(added)
}

/// Whether a nationality-list entry is a spelling of the country's name rather than a
/// nationality word ("Afganistan" for Afghanistan, not "Afghan").
fn is_country_variant(entry: &str, country: &str) -> bool {
    let (e, c) = (entry.to_lowercase(), country.to_lowercase());
    let stem: String = c.chars().take(3).collect();
    let (el, cl) = (e.chars().count(), c.chars().count());
    // "Syrian" is Syria's people, "Afganistan" Afghanistan misspelt.
    let demonym_ending = ["an", "ans", "ese", "ish", "i", "is"]
        .iter()
        .any(|x| e.ends_with(x) && !c.ends_with(x));
    e == c || (e.starts_with(&stem) && el + 2 >= cl && el <= cl + 1 && !demonym_ending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_division_words() {
        assert_eq!(
            without_division_word("Borno State").as_deref(),
            Some("Borno")
        );
        assert_eq!(
            without_division_word("Province of Kandahar").as_deref(),
            Some("Kandahar")
        );
        assert_eq!(
            without_division_word("Kharkivs'ka Oblast").as_deref(),
            Some("Kharkivs'ka")
        );
        assert_eq!(without_division_word("Texas"), None);
        assert_eq!(without_division_word("State"), None);
        assert_eq!(without_division_word("Northern Territory"), None);
    }

    #[test]
    fn keeps_alternate_names_english_could_use() {
        assert!(usable_alternate("Khan Yunis"));
        assert!(usable_alternate("Rio de Janeiro"));
        assert!(usable_alternate("Ḩārim"));
        assert!(!usable_alternate("Москва"));
        assert!(!usable_alternate("esukarudesu=engorudani"));
        assert!(!usable_alternate("ALV1"));
        assert!(!usable_alternate("Al"));
    }

    #[test]
    fn country_variants_are_not_demonyms() {
        assert!(is_country_variant("Afganistan", "Afghanistan"));
        assert!(!is_country_variant("Afghan", "Afghanistan"));
        assert!(!is_country_variant("Syrian", "Syria"));
        assert!(!is_country_variant("Iranian", "Iran"));
    }
}
