//! A synthetic store for the query benchmark: any number of events with the skew real event
//! data has (a few countries in most events, a few types dominating, bursts of dates), with
//! documents, sentences (full-text indexed), mentions and storylines, written straight to
//! the tables. Deterministic for a seed.

use super::dedup::date_of_day;
use super::{sql_err, Result, Store};
use crate::event::{ActorRef, PloverType};
use crate::tag::train::SplitMix64;
use rusqlite::params;

/// Countries by rough share of news events (heaviest first); the rest of the list follows a
/// Zipf tail.
pub const COUNTRIES: &[&str] = &[
    "USA", "RUS", "UKR", "ISR", "PSE", "CHN", "GBR", "FRA", "DEU", "IRN", "IND", "PAK", "SYR",
    "TUR", "JPN", "KOR", "PRK", "SAU", "EGY", "LBN", "IRQ", "AFG", "YEM", "SDN", "COD", "NGA",
    "ETH", "SOM", "KEN", "ZAF", "BRA", "MEX", "COL", "VEN", "ARG", "CAN", "AUS", "IDN", "PHL",
    "THA", "MMR", "VNM", "BGD", "LKA", "NPL", "POL", "HUN", "ROU", "SRB", "GEO", "ARM", "AZE",
    "KAZ", "BLR", "ITA", "ESP", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK", "GRC", "CYP", "QAT",
    "ARE", "OMN", "JOR", "LBY", "TUN", "DZA", "MAR", "MLI", "NER", "BFA", "TCD", "CMR", "UGA",
    "RWA", "TZA", "MOZ", "ZWE", "HTI", "CUB", "NIC", "PER", "CHL", "ECU", "BOL", "UNO", "NAT",
    "EUR",
];

const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "CVL", "BUS", "MED",
];

const WORDS: &[&str] = &[
    "talks",
    "strike",
    "ceasefire",
    "sanctions",
    "protest",
    "election",
    "border",
    "missile",
    "drone",
    "embassy",
    "minister",
    "president",
    "troops",
    "aid",
    "refugees",
    "hostages",
    "negotiations",
    "summit",
    "tariffs",
    "court",
    "arrest",
    "attack",
    "village",
    "capital",
    "port",
    "pipeline",
    "grain",
    "nuclear",
    "treaty",
    "parliament",
    "rebels",
    "police",
    "shelling",
    "convoy",
    "airstrike",
    "delegation",
    "agreement",
    "investigation",
    "military",
    "humanitarian",
];

/// Words in the generated sentences, Zipf-distributed like the words of news; the named
/// [`WORDS`] sit at ranks 60 to 99, where content words such as "talks" or "embassy" are:
/// each occurs in about 1 to 2 % of sentences.
const VOCABULARY: usize = 4000;
const WORDS_RANK: usize = 60;

fn word(rng: &mut SplitMix64, vocabulary: &[f64]) -> String {
    let rank = zipf(rng, vocabulary);
    match rank.checked_sub(WORDS_RANK).and_then(|i| WORDS.get(i)) {
        Some(w) => (*w).to_string(),
        None => format!("w{rank}"),
    }
}

/// Index `0..n` with a Zipf-like skew (weight 1/(i+1)).
fn zipf(rng: &mut SplitMix64, cumulative: &[f64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(1.0);
    let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
    cumulative
        .partition_point(|&c| c < x)
        .min(cumulative.len() - 1)
}

fn cumulative(n: usize) -> Vec<f64> {
    let mut acc = 0.0;
    (0..n)
        .map(|i| {
            acc += 1.0 / (i as f64 + 1.0);
            acc
        })
        .collect()
}

/// Fill an empty store with `events` synthetic events (about three per document, a mention
/// each, a third of them merged from a second document), over five years from 2021.
pub fn generate(store: &mut Store, events: u64, seed: u64) -> Result<()> {
    let mut rng = SplitMix64::new(seed);
    let countries = cumulative(COUNTRIES.len());
    let types = cumulative(PloverType::ALL.len());
    let start_day = super::dedup::day_number("2021-01-01").unwrap_or(0);
    let days = 5 * 365;
    let storylines = (events / 200).max(1) as i64;
    let vocabulary = cumulative(VOCABULARY);
    // A bulk load into a new file: no journal (a failed run leaves a file to delete), a page
    // cache that holds the code indexes (written in random key order), and the secondary
    // indexes built once at the end, by sorting, rather than row by row.
    store
        .conn
        .execute_batch(&format!(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;
             {}",
            secondary_indexes()
                .iter()
                .map(|name| format!("DROP INDEX IF EXISTS {name};"))
                .collect::<String>()
        ))
        .map_err(sql_err("generate"))?;
    let tx = store.conn.transaction().map_err(sql_err("generate"))?;
    {
        let e = sql_err("generate");
        let mut line = tx
            .prepare("INSERT INTO storylines(id, label) VALUES (?1, ?2)")
            .map_err(&e)?;
        for id in 1..=storylines {
            line.execute(params![id, format!("storyline {id}")])
                .map_err(&e)?;
        }
        let mut doc = tx
            .prepare(
                "INSERT INTO documents(doc_id, content_hash, pub_date, title, url, extra, text,
                                       n_sentences, n_events)
                 VALUES (?1, ?2, ?3, NULL, ?4, '{}', ?5, 3, 3)",
            )
            .map_err(&e)?;
        let mut sent = tx
            .prepare(
                "INSERT INTO sentences(doc, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(&e)?;
        let mut fts = tx
            .prepare("INSERT INTO events_fts(rowid, text) VALUES (?1, ?2)")
            .map_err(&e)?;
        let mut ev = tx
            .prepare(
                "INSERT INTO events(event_id, doc, date, date_precision, pub_date, event, mode,
                     cameo, quad_code, goldstein, actor, recipient, negated, future, event_text,
                     event_loc, place_country, topics, excluded_topics, sentence, start, end,
                     sentence_text, storyline, match_key, mentions)
                 VALUES (?1, ?2, ?3, 'day', ?3, ?4, NULL, ?5, ?6, ?7, ?8, ?9, 0, 0, ?10, ?11,
                         ?12, '[]', '[]', ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            )
            .map_err(&e)?;
        let mut mention = tx
            .prepare(
                "INSERT INTO mentions(event, record_id, doc, sentence, trigger_start, trigger_end,
                                      event_text)
                 VALUES (?1, ?2, ?3, ?4, NULL, NULL, ?5)",
            )
            .map_err(&e)?;
        let mut made = 0u64;
        let mut doc_no = 0u64;
        // Dates come in bursts: a document's events share its day.
        while made < events {
            doc_no += 1;
            let day = start_day + (rng.below(days) as i64);
            let date = date_of_day(day);
            let mut sentences = Vec::new();
            let mut text = String::new();
            for _ in 0..3 {
                let words: Vec<String> = (0..12).map(|_| word(&mut rng, &vocabulary)).collect();
                let s = words.join(" ") + ".";
                let start = text.chars().count();
                text.push_str(&s);
                sentences.push((start, text.chars().count(), s));
                text.push(' ');
            }
            let doc_id = format!("synth-{doc_no}");
            doc.execute(params![
                doc_id,
                format!("{doc_no:032x}"),
                date,
                format!("https://news{}.example/{doc_no}", doc_no % 50),
                text
            ])
            .map_err(&e)?;
            let doc_key = tx.last_insert_rowid();
            for (i, (start, end, s)) in sentences.iter().enumerate() {
                sent.execute(params![doc_key, i as i64, *start as i64, *end as i64, s])
                    .map_err(&e)?;
            }
            for (i, (start, end, s)) in sentences.iter().enumerate() {
                if made >= events {
                    break;
                }
                made += 1;
                let t = PloverType::ALL[zipf(&mut rng, &types)];
                let a = COUNTRIES[zipf(&mut rng, &countries)];
                let r = COUNTRIES[zipf(&mut rng, &countries)];
                let (sa, sr) = (
                    SECTORS[rng.below(SECTORS.len())],
                    SECTORS[rng.below(SECTORS.len())],
                );
                let actor = |c: &str, s: &str| {
                    vec![ActorRef::coded(
                        c.into(),
                        c.into(),
                        Some(s.into()),
                        format!("{c}{s}"),
                    )]
                };
                let (actors, recipients) = (actor(a, sa), actor(r, sr));
                let place = if rng.below(2) == 0 { a } else { r };
                let loc = format!(
                    r#"{{"text":"{place}","name":"{place}","country_code":"{place}","admin1":null,"geonameid":null,"lat":null,"lon":null}}"#
                );
                let storyline =
                    (rng.below(3) == 0).then(|| 1 + rng.below(storylines as usize) as i64);
                let record_id = format!("{doc_id}-{i}");
                ev.execute(params![
                    record_id,
                    doc_key,
                    date,
                    t.as_str(),
                    "010",
                    t.quad_class(),
                    0.0,
                    serde_json::to_string(&actors).unwrap_or_default(),
                    serde_json::to_string(&recipients).unwrap_or_default(),
                    WORDS[rng.below(WORDS.len())],
                    loc,
                    place,
                    i as i64,
                    *start as i64,
                    *end as i64,
                    s,
                    storyline,
                    format!("{}|{a}|{r}|0", t.as_str()),
                    1,
                ])
                .map_err(&e)?;
                let key = tx.last_insert_rowid();
                super::ingest::index_codes(&tx, key, &date, t.as_str(), &actors, &recipients)
                    .map_err(&e)?;
                // The event's one mention is this sentence (what `fts::index_event` would
                // read back, without the lookup).
                fts.execute(params![super::fts::rowid(&date, key), s])
                    .map_err(&e)?;
                mention
                    .execute(params![key, record_id, doc_key, i as i64, "said"])
                    .map_err(&e)?;
            }
        }
    }
    tx.commit().map_err(sql_err("generate"))?;
    store
        .conn
        .execute_batch(&format!(
            "{} PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            super::schema::TABLES
        ))
        .map_err(sql_err("generate: indexing"))?;
    store.optimize()
}

/// The names of the schema's `CREATE INDEX` indexes (not the tables' own keys).
fn secondary_indexes() -> Vec<&'static str> {
    super::schema::TABLES
        .lines()
        .filter_map(|l| l.trim().strip_prefix("CREATE INDEX IF NOT EXISTS "))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect()
}
