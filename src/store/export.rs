//! Exports of a store's events in the formats analysts load elsewhere: flat CSV, PLOVER JSON
//! Lines, and GDELT 2.0's events and mentions tables (tab-separated, GDELT's column order).
//!
//! GDELT mapping (61 event columns, 16 mention columns), where dragoman has no such value the
//! column is empty:
//! - `GlobalEventID` is the store's event key; `Day`, `MonthYear`, `Year`, `FractionDate` come
//!   from the event's own date (not the article's); `DATEADDED` is the first report's
//!   publication date at 00:00:00.
//! - Actor1 is the first actor, Actor2 the first recipient: `Code` the full CAMEO code,
//!   `Name` the dictionary name else the words of the text, `CountryCode` the code when it is
//!   a country, `KnownGroupCode` when it is an international body (`UNO`, `NAT`, `EUR`, `IGO`,
//!   `NGO`, `MNC`, ...), `Type1..3Code` the role codes after the country in the CAMEO code
//!   (`RUSGOVDIP` → `GOV`, `DIP`). Ethnic and religion codes are empty.
//! - `IsRootEvent` is 1 when the event's first mention is the document's first sentence.
//! - `EventCode`/`EventBaseCode`/`EventRootCode` are the CAMEO code and its 3- and 2-digit
//!   prefixes; `QuadClass`, `GoldsteinScale` as coded.
//! - `NumMentions` counts every mention (sentences of any document), `NumSources` and
//!   `NumArticles` the distinct documents. `AvgTone` is empty (no tone is computed).
//! - Actor geography is empty; `ActionGeo_*` is the event's place: `Type` 1 country,
//!   3 US place, 4 place elsewhere (GDELT's convention); `CountryCode` is ISO 3166 alpha-3
//!   (GDELT uses FIPS 10-4); `ADM1Code` the admin1 name; `FeatureID` the GeoNames id.
//! - `SOURCEURL` is the first report's URL, else its document id.
//!
//! Mentions: one row per report; `SentenceID` is 1-based as in GDELT; `ActionCharOffset` the
//! trigger's offset in the document (Unicode scalars), -1 when not located; actor offsets -1;
//! `Confidence` 100; `MentionDocLen` the document's length in characters.

use super::read::StoredEvent;
use super::{sql_err, Result, Store};
use crate::event::{ActorRef, Location};
use std::io::{self, Write};

/// The flat CSV columns (`query --format csv` and `export --format csv`). Lists of actors
/// are `;`-joined in each actor column.
pub const CSV_HEADER: [&str; 33] = [
    "id",
    "doc_id",
    "date",
    "date_precision",
    "pub_date",
    "event",
    "mode",
    "cameo",
    "quad_code",
    "goldstein",
    "actor_code",
    "actor_cameo",
    "actor_sector",
    "actor_text",
    "recipient_code",
    "recipient_cameo",
    "recipient_sector",
    "recipient_text",
    "negated",
    "future",
    "event_text",
    "place_name",
    "place_country",
    "place_admin1",
    "place_geonameid",
    "place_lat",
    "place_lon",
    "topics",
    "excluded_topics",
    "sentence",
    "sentence_text",
    "storyline",
    "mentions",
];

fn joined(list: &[ActorRef], f: impl Fn(&ActorRef) -> &str) -> String {
    list.iter().map(f).collect::<Vec<_>>().join(";")
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

/// One event as the CSV columns of [`CSV_HEADER`].
pub fn csv_row(e: &StoredEvent) -> Vec<String> {
    let r = &e.record;
    let loc = r.event_loc.as_ref();
    let l = |f: fn(&Location) -> String| loc.map(f).unwrap_or_default();
    vec![
        r.id.clone(),
        r.doc_id.clone(),
        r.date.clone(),
        r.date_precision.clone(),
        r.pub_date.clone(),
        r.event.to_string(),
        opt(&r.mode),
        r.cameo.clone(),
        r.quad_code.to_string(),
        r.goldstein.to_string(),
        joined(&r.actor, |a| &a.code),
        joined(&r.actor, |a| &a.cameo),
        joined(&r.actor, |a| a.sector.as_deref().unwrap_or("")),
        joined(&r.actor, |a| &a.text),
        joined(&r.recipient, |a| &a.code),
        joined(&r.recipient, |a| &a.cameo),
        joined(&r.recipient, |a| a.sector.as_deref().unwrap_or("")),
        joined(&r.recipient, |a| &a.text),
        r.negated.to_string(),
        r.future.to_string(),
        r.event_text.clone(),
        l(|l| l.name.clone()),
        l(|l| l.country_code.clone()),
        l(|l| opt(&l.admin1)),
        l(|l| opt(&l.geonameid)),
        l(|l| opt(&l.lat)),
        l(|l| opt(&l.lon)),
        r.topics.join(";"),
        r.excluded_topics.join(";"),
        r.text_info.sentence.to_string(),
        r.text_info.text.clone(),
        opt(&e.storyline),
        e.mentions.to_string(),
    ]
}

/// Every event as CSV with a header row.
pub fn write_csv(store: &Store, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)
        .map_err(|e| format!("writing: {e}"))?;
    store.for_each_event(|e| w.write_record(csv_row(e)).map_err(io::Error::other))?;
    w.flush().map_err(|e| format!("writing: {e}"))
}

/// Every event as a PLOVER JSON line: the contract record (PLOVER's field names), with
/// PLOVER's `context` (the topics), `storyline` and the `mentions` count.
pub fn write_plover(store: &Store, out: &mut dyn Write) -> Result<()> {
    store.for_each_event(|e| {
        let mut v = serde_json::to_value(e).map_err(io::Error::other)?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert("context".into(), serde_json::json!(e.record.topics));
        }
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")
    })
}

/// The 61 column names of a GDELT 2.0 event row, in order.
pub const GDELT_EVENT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The 16 column names of a GDELT 2.0 mention row.
pub const GDELT_MENTION_COLUMNS: [&str; 16] = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// International bodies and other non-state codes: GDELT's KnownGroupCode, not a country.
const KNOWN_GROUPS: &[&str] = &[
    "UNO", "NAT", "EUR", "IGO", "NGO", "MNC", "IMG", "AFR", "ASA", "BLK", "CAU", "EEU", "LAM",
    "MEA", "NAF", "SAM", "SAS", "SEA", "WAF", "WST", "CFR", "CAS", "EAF", "SAF", "NMR", "PGS",
    "AMN", "HRW", "ICC", "ICJ", "IMF", "WBK", "WTO", "OPC", "ASN", "AFB", "ARL", "GCC", "OAS",
    "OSC", "SCO",
];

/// A field for a TSV cell: tabs and line breaks would break the row.
fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The ten Actor columns of GDELT for an actor (or ten empties).
fn gdelt_actor(a: Option<&ActorRef>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let group = KNOWN_GROUPS.contains(&a.code.as_str());
    let roles: Vec<String> = a
        .cameo
        .strip_prefix(a.code.as_str())
        .unwrap_or("")
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let role = |i: usize| roles.get(i).cloned().unwrap_or_default();
    let type1 = match (roles.first(), &a.sector) {
        (Some(r), _) => r.clone(),
        (None, Some(s)) => s.clone(),
        _ => String::new(),
    };
    [
        cell(&a.cameo),
        cell(a.name.as_deref().unwrap_or(&a.text)),
        if group { String::new() } else { a.code.clone() },
        if group { a.code.clone() } else { String::new() },
        String::new(),
        String::new(),
        String::new(),
        type1,
        role(1),
        role(2),
    ]
}

/// The eight Geo columns of GDELT for a place.
fn gdelt_geo(l: Option<&Location>) -> [String; 8] {
    let Some(l) = l else {
        return Default::default();
    };
    let kind = if l.admin1.is_none() && l.lat.is_none() {
        1
    } else if l.country_code == "USA" {
        3
    } else {
        4
    };
    let full = match &l.admin1 {
        Some(a) => format!("{}, {}, {}", l.name, a, l.country_code),
        None => format!("{}, {}", l.name, l.country_code),
    };
    [
        kind.to_string(),
        cell(&full),
        l.country_code.clone(),
        cell(&opt(&l.admin1)),
        String::new(),
        opt(&l.lat),
        opt(&l.lon),
        opt(&l.geonameid),
    ]
}

fn compact(date: &str) -> String {
    date.replace('-', "")
}

/// One GDELT event row (61 cells).
pub fn gdelt_event_row(e: &StoredEvent, sources: u64, url: Option<&str>) -> Vec<String> {
    let r = &e.record;
    let day = compact(&r.date);
    let year: i64 = r.date.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let fraction = super::dedup::day_number(&r.date)
        .zip(super::dedup::day_number(&format!("{year:04}-01-01")))
        .map(|(d, jan1)| year as f64 + (d - jan1) as f64 / 365.0)
        .unwrap_or(year as f64);
    let mut row = Vec::with_capacity(61);
    row.push(e.key.to_string());
    row.push(day.clone());
    row.push(day.get(0..6).unwrap_or("").to_string());
    row.push(year.to_string());
    row.push(format!("{fraction:.4}"));
    row.extend(gdelt_actor(r.actor.first()));
    row.extend(gdelt_actor(r.recipient.first()));
    row.push(u8::from(r.text_info.sentence == 0).to_string());
    row.push(r.cameo.clone());
    row.push(r.cameo.get(0..3).unwrap_or(&r.cameo).to_string());
    row.push(r.cameo.get(0..2).unwrap_or(&r.cameo).to_string());
    row.push(r.quad_code.to_string());
    row.push(r.goldstein.to_string());
    row.push(e.mentions.to_string());
    row.push(sources.to_string());
    row.push(sources.to_string());
    row.push(String::new());
    row.extend(gdelt_geo(None));
    row.extend(gdelt_geo(None));
    row.extend(gdelt_geo(r.event_loc.as_ref()));
    row.push(format!("{}000000", compact(&r.pub_date)));
    row.push(cell(url.unwrap_or(&r.doc_id)));
    row
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// Every event as GDELT 2.0 event rows, and every mention as GDELT 2.0 mention rows.
pub fn write_gdelt(store: &Store, events: &mut dyn Write, mentions: &mut dyn Write) -> Result<()> {
    let mut url_of = store
        .conn
        .prepare("SELECT d.url FROM events e JOIN documents d ON d.id = e.doc WHERE e.id = ?1")
        .map_err(sql_err("export"))?;
    let mut sources = store
        .conn
        .prepare("SELECT count(DISTINCT doc) FROM mentions WHERE event = ?1")
        .map_err(sql_err("export"))?;
    store.for_each_event(|e| {
        let url: Option<String> = url_of
            .query_row([e.key], |r| r.get(0))
            .map_err(io::Error::other)?;
        let n: i64 = sources
            .query_row([e.key], |r| r.get(0))
            .map_err(io::Error::other)?;
        let row = gdelt_event_row(e, n as u64, url.as_deref());
        writeln!(events, "{}", row.join("\t"))
    })?;
    let mut stmt = store
        .conn
        .prepare(
            "SELECT m.event, e.pub_date, d.pub_date, d.url, d.doc_id, m.sentence,
                    m.trigger_start, length(d.text)
             FROM mentions m JOIN events e ON e.id = m.event JOIN documents d ON d.id = m.doc
             ORDER BY m.event, m.id",
        )
        .map_err(sql_err("export"))?;
    let mut rows = stmt.query([]).map_err(sql_err("export"))?;
    let w = |e: io::Error| format!("writing: {e}");
    while let Some(r) = rows.next().map_err(sql_err("export"))? {
        let get = |i: usize| -> Result<Option<String>> { r.get(i).map_err(sql_err("export")) };
        let event: i64 = r.get(0).map_err(sql_err("export"))?;
        let url = get(3)?;
        let doc_id = get(4)?.unwrap_or_default();
        let ident = url.clone().unwrap_or_else(|| doc_id.clone());
        let sentence: i64 = r.get(5).map_err(sql_err("export"))?;
        let trigger: Option<i64> = r.get(6).map_err(sql_err("export"))?;
        let len: i64 = r.get(7).map_err(sql_err("export"))?;
        let row = [
            event.to_string(),
            format!("{}000000", compact(&get(1)?.unwrap_or_default())),
            format!("{}000000", compact(&get(2)?.unwrap_or_default())),
            "1".into(),
            cell(url.as_deref().map_or(doc_id.as_str(), host)),
            cell(&ident),
            (sentence + 1).to_string(),
            "-1".into(),
            "-1".into(),
            trigger.unwrap_or(-1).to_string(),
            "1".into(),
            "100".into(),
            len.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ];
        writeln!(mentions, "{}", row.join("\t")).map_err(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_cells() {
        assert_eq!(host("https://www.bbc.co.uk/news/x?y=1"), "bbc.co.uk");
        assert_eq!(host("apnews.com/article"), "apnews.com");
        assert_eq!(cell("a\tb\nc"), "a b c");
    }

    #[test]
    fn actors_split_into_gdelt_columns() {
        let a = ActorRef::coded(
            "Lavrov".into(),
            "RUS".into(),
            Some("GOV".into()),
            "RUSGOVDIP".into(),
        );
        let c = gdelt_actor(Some(&a));
        assert_eq!(c[0], "RUSGOVDIP");
        assert_eq!(c[1], "Lavrov");
        assert_eq!((c[2].as_str(), c[3].as_str()), ("RUS", ""));
        assert_eq!(
            (c[7].as_str(), c[8].as_str(), c[9].as_str()),
            ("GOV", "DIP", "")
        );
        let nato = ActorRef::coded("NATO".into(), "NAT".into(), None, "NAT".into());
        let c = gdelt_actor(Some(&nato));
        assert_eq!((c[2].as_str(), c[3].as_str()), ("", "NAT"));
        assert_eq!(gdelt_actor(None), <[String; 10]>::default());
    }
}
