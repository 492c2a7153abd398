//! One event record, exactly as the contract's JSON Lines output spells it.
//!
//! Field names and JSON types follow `CONTRACT.md`; optional values serialise as `null` (never
//! omitted) so that every line carries every field and users' scripts can rely on the shape.
//! Unknown fields are accepted when reading, because the contract allows extensions (such as
//! `mentions` or `storyline`) on top of these.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The 16 PLOVER event types, in the PLOVER manual's order: verbal cooperation, material
/// cooperation, verbal conflict, material conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverType {
    /// Every type, in the manual's order (the order reports list them in).
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// The type named `s` (exact upper-case spelling, as PLOVER writes it), or `None`.
    pub fn parse(s: &str) -> Option<PloverType> {
        PloverType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The quad class of the type: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    ///
    /// PLOVER arranges its types in exactly these four groups, and that grouping is used here
    /// rather than the CAMEO roots the types came from, because several types merge roots from
    /// different quads: REQUEST takes both CAMEO 02 (appeal, quad 1) and 10 (demand, quad 3)
    /// and is a verbal demand on the target, so it counts as verbal conflict; CONCEDE takes
    /// verbal concessions only (apologise, pardon, declare a ceasefire), so verbal cooperation;
    /// RETREAT is the material side of yielding (CAMEO 08), so material cooperation; PROTEST
    /// and SANCTION are acts, not words (CAMEO 14, 16), so material conflict.
    pub fn quad_class(self) -> u8 {
        match self {
            PloverType::Agree | PloverType::Consult | PloverType::Support | PloverType::Concede => {
                1
            }
            PloverType::Cooperate | PloverType::Aid | PloverType::Retreat => 2,
            PloverType::Request
            | PloverType::Accuse
            | PloverType::Reject
            | PloverType::Threaten => 3,
            PloverType::Protest
            | PloverType::Sanction
            | PloverType::Mobilize
            | PloverType::Coerce
            | PloverType::Assault => 4,
        }
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PloverType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        PloverType::parse(s).ok_or_else(|| format!("unknown PLOVER event type {s:?}"))
    }
}

/// One actor or recipient of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The words of the document that name it.
    pub text: String,
    /// ISO 3166-1 alpha-3 country, or an international code (`UNO`, `NAT`, `EUR`, `IGO`, ...).
    pub code: String,
    /// PLOVER/CAMEO sector (`GOV`, `MIL`, ...), when known.
    pub sector: Option<String>,
    /// The full CAMEO actor code as the dictionaries give it (`USAGOV`, `RUSGOVDIP`).
    pub cameo: String,
    /// The canonical name of the actor, when a dictionary knows it.
    pub name: Option<String>,
    /// Its Wikidata id (`Q30`), when known.
    pub wikidata: Option<String>,
}

impl ActorRef {
    /// An actor known by its codes only (no canonical name or Wikidata id yet).
    pub fn coded(text: String, code: String, sector: Option<String>, cameo: String) -> ActorRef {
        ActorRef {
            text,
            code,
            sector,
            cameo,
            name: None,
            wikidata: None,
        }
    }
}

/// Where an event happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub text: String,
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country_code: String,
    pub admin1: Option<String>,
    pub geonameid: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The sentence an event was coded from. Offsets count Unicode scalar values (not bytes) into
/// the document text, as the contract says, so that users in any language can slice with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextInfo {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One event, one JSONL line of `dragoman code` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The document's id, then the event's place in it.
    pub id: String,
    pub doc_id: String,
    /// When the event happens or happened (`YYYY-MM-DD`).
    pub date: String,
    /// How much of `date` the text gives: `day`, `month` or `year` when it comes from a
    /// time expression of the event's own clause, `document` when it is the publication date
    /// for want of one (with `month` or `year`, only that part of `date` is meant).
    #[serde(default = "document_precision")]
    pub date_precision: String,
    /// The document's date (`YYYY-MM-DD`).
    pub pub_date: String,
    pub event: PloverType,
    pub mode: Option<String>,
    /// CAMEO event code, e.g. `046`.
    pub cameo: String,
    pub quad_code: u8,
    pub goldstein: f64,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    pub negated: bool,
    pub future: bool,
    /// The trigger words.
    pub event_text: String,
    pub event_loc: Option<Location>,
    /// What the event is about: PLOVER contexts and Phoenix issue codes.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Topics the text says were not on the agenda ("Ukraine is not on the agenda").
    #[serde(default)]
    pub excluded_topics: Vec<String>,
    pub text_info: TextInfo,
}

fn document_precision() -> String {
    "document".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn sample() -> EventRecord {
        EventRecord {
            id: "doc-1-0".into(),
            doc_id: "doc-1".into(),
            date: "2025-01-01".into(),
            date_precision: "day".into(),
            pub_date: "2025-01-02".into(),
            event: PloverType::Consult,
            mode: Some("visit".into()),
            cameo: "042".into(),
            quad_code: 1,
            goldstein: 1.9,
            actor: vec![ActorRef {
                text: "Blinken".into(),
                code: "USA".into(),
                sector: Some("GOV".into()),
                cameo: "USAGOV".into(),
                name: Some("Antony Blinken".into()),
                wikidata: None,
            }],
            recipient: vec![],
            negated: false,
            future: true,
            event_text: "will visit".into(),
            event_loc: Some(Location {
                text: "Kyiv".into(),
                name: "Kyiv".into(),
                country_code: "UKR".into(),
                admin1: None,
                geonameid: Some(703448),
                lat: Some(50.45),
                lon: None,
            }),
            topics: vec!["diplomacy".into()],
            excluded_topics: vec![],
            text_info: TextInfo {
                sentence: 0,
                start: 0,
                end: 31,
                text: "Blinken will visit Kyiv, é día.".into(),
            },
        }
    }

    #[test]
    fn serialises_with_the_contract_field_names_and_nulls() {
        let v: Value = serde_json::to_value(sample()).unwrap();
        let expected = json!({
            "id": "doc-1-0", "doc_id": "doc-1", "date": "2025-01-01", "date_precision": "day",
            "pub_date": "2025-01-02",
            "event": "CONSULT", "mode": "visit", "cameo": "042", "quad_code": 1, "goldstein": 1.9,
            "actor": [{"text": "Blinken", "code": "USA", "sector": "GOV", "cameo": "USAGOV",
                       "name": "Antony Blinken", "wikidata": null}],
            "recipient": [], "negated": false, "future": true, "event_text": "will visit",
            "event_loc": {"text": "Kyiv", "name": "Kyiv", "country_code": "UKR", "admin1": null,
                          "geonameid": 703448, "lat": 50.45, "lon": null},
            "topics": ["diplomacy"], "excluded_topics": [],
            "text_info": {"sentence": 0, "start": 0, "end": 31,
                          "text": "Blinken will visit Kyiv, é día."}
        });
        assert_eq!(v, expected);
        // Key order on the line follows the contract's table.
        let line = serde_json::to_string(&sample()).unwrap();
        let keys = [
            "\"id\"",
            "\"doc_id\"",
            "\"date\"",
            "\"pub_date\"",
            "\"event\"",
            "\"mode\"",
            "\"cameo\"",
            "\"quad_code\"",
            "\"goldstein\"",
            "\"actor\"",
            "\"recipient\"",
            "\"negated\"",
            "\"future\"",
            "\"event_text\"",
            "\"event_loc\"",
            "\"text_info\"",
        ];
        let mut at = 0;
        for k in keys {
            let found = line[at..]
                .find(k)
                .unwrap_or_else(|| panic!("{k} out of order"));
            at += found + k.len();
        }
    }

    #[test]
    fn round_trips_and_accepts_extension_fields() {
        let r = sample();
        let line = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<EventRecord>(&line).unwrap(), r);
        let mut v: Value = serde_json::to_value(&r).unwrap();
        v["mentions"] = json!(2);
        v["event_loc"] = Value::Null;
        let back: EventRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back.event_loc, None);
        let mut v: Value = serde_json::to_value(&r).unwrap();
        v["event"] = json!("MEET");
        assert!(serde_json::from_value::<EventRecord>(v).is_err());
    }

    #[test]
    fn plover_types_print_and_parse() {
        let names = "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT \
                     THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT";
        let names: Vec<&str> = names.split_whitespace().collect();
        assert_eq!(names.len(), PloverType::ALL.len());
        for (t, name) in PloverType::ALL.into_iter().zip(names) {
            assert_eq!(t.as_str(), name);
            assert_eq!(t.to_string(), name);
            assert_eq!(PloverType::parse(name), Some(t));
            assert_eq!(name.parse::<PloverType>(), Ok(t));
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{name}\""));
            assert_eq!(
                serde_json::from_str::<PloverType>(&format!("\"{name}\"")).unwrap(),
                t
            );
        }
        assert_eq!(PloverType::parse("assault"), None);
        assert_eq!(PloverType::parse("FIGHT"), None);
        assert!("".parse::<PloverType>().is_err());
    }

    #[test]
    fn quad_classes_follow_the_plover_groups() {
        let quads: Vec<u8> = PloverType::ALL.iter().map(|t| t.quad_class()).collect();
        assert_eq!(quads, [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
    }
}
