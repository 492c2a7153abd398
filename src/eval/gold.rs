//! Event coding scored against hand-coded gold events (`CONTRACT.md`, "Gold data in the same
//! terms").
//!
//! A predicted record finds a gold event of the same document when its `event` is the gold
//! `type`, some `actor` has the gold actor's country as `code` (when gold names one) and some
//! `recipient` has the gold recipient's country (when gold names one). Each gold event and each
//! record is used at most once: within a document the pairs form a maximum bipartite matching,
//! so one record can never be credited for two gold events, nor two records for one. Among
//! the maximum matchings, pairs follow provenance ([`pairing`]): a gold event goes to the
//! record of its own trigger's sentence where there is one, never to the record that happens
//! to agree on the scored fields.
//! Documents that gold codes with no events still count (records there are false positives);
//! records of documents gold does not have are left out of the scores and counted apart.

use super::pairing::{self, Provenance};
use crate::event::{EventRecord, PloverType};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::BufRead;
use std::path::Path;

/// One gold line: a document and every event coded in it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldItem {
    pub id: String,
    pub events: Vec<GoldEvent>,
}

/// One hand-coded event (ANNOTATION-GUIDELINE.md).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: PloverType,
    pub mode: Option<String>,
    pub actor: Option<GoldActor>,
    pub recipient: Option<GoldActor>,
    pub trigger: String,
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the text gives only the month or the year.
    pub date: String,
    pub location: Option<GoldLocation>,
    pub negated: bool,
    pub future: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldActor {
    pub text: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldLocation {
    pub text: String,
    pub country: Option<String>,
}

/// Reads JSON Lines of `T`, skipping blank lines; an error names `origin:line` and the reason.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(
    input: impl BufRead,
    origin: &str,
) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("{origin}:{}: {e}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| format!("{origin}:{}: {e}", i + 1))?);
    }
    Ok(out)
}

fn read_file<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, String> {
    let origin = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| format!("{origin}: {e}"))?;
    read_jsonl(std::io::BufReader::new(f), &origin)
}

/// Reads a gold file; a document id given twice is an error, since its events would be
/// ambiguous.
pub fn read_gold(path: &Path) -> Result<Vec<GoldItem>, String> {
    let items: Vec<GoldItem> = read_file(path)?;
    let mut seen = HashSet::new();
    for item in &items {
        if !seen.insert(item.id.as_str()) {
            return Err(format!(
                "{}: document {:?} given twice",
                path.display(),
                item.id
            ));
        }
    }
    Ok(items)
}

/// Reads event records as `dragoman code` writes them.
pub fn read_records(path: &Path) -> Result<Vec<EventRecord>, String> {
    read_file(path)
}

/// Whether `rec` finds `gold` in the sense of the contract.
pub fn matches(gold: &GoldEvent, rec: &EventRecord) -> bool {
    let has = |side: &[crate::event::ActorRef], g: &Option<GoldActor>| match g
        .as_ref()
        .and_then(|a| a.country.as_deref())
    {
        Some(country) => side.iter().any(|a| a.code == country),
        None => true,
    };
    rec.event == gold.event_type
        && has(&rec.actor, &gold.actor)
        && has(&rec.recipient, &gold.recipient)
}

/// Right answers out of the matched pairs where the field was scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    pub right: usize,
    pub total: usize,
}

impl Ratio {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// Counts for one PLOVER type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCounts {
    pub gold: usize,
    pub predicted: usize,
    pub tp: usize,
}

impl TypeCounts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Agreement on the other fields, over matched pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldAccuracy {
    /// Same PLOVER mode (both null counts as agreeing).
    pub mode: Ratio,
    /// The record's date equals the gold date, or lies within the gold month or year when gold
    /// gives only that.
    pub date: Ratio,
    /// Same location country, where no location on both sides also agrees.
    pub location: Ratio,
    pub negated: Ratio,
    pub future: Ratio,
    /// Over pairs whose gold actor has a known sector (not null, not `UNK`): a matching actor
    /// (the one with the gold country, if gold names one) carries that sector.
    pub actor_sector: Ratio,
    /// The same for recipients.
    pub recipient_sector: Ratio,
}

/// One miss or false alarm, kept for inspection.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorCase {
    /// A gold event no record found.
    Missed {
        doc_id: String,
        event: Box<GoldEvent>,
    },
    /// A record that found no gold event.
    Spurious { record: Box<EventRecord> },
    /// A matched pair whose dates disagree.
    Misdated {
        gold: Box<GoldEvent>,
        record: Box<EventRecord>,
    },
    /// A matched pair whose location countries disagree.
    Misplaced {
        gold: Box<GoldEvent>,
        record: Box<EventRecord>,
    },
}

/// The whole report of one scoring run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldReport {
    pub documents: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub per_type: BTreeMap<PloverType, TypeCounts>,
    pub fields: FieldAccuracy,
    /// Records of documents absent from gold: not scored.
    pub ignored_records: usize,
    pub ignored_documents: usize,
    pub errors: Vec<ErrorCase>,
    /// Whether `Display` lists `errors`.
    pub show_errors: bool,
}

impl GoldReport {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Scores `predicted` against `gold` (see the module comment for the rules), pairing by
/// the records' sentence text alone.
pub fn score(gold: &[GoldItem], predicted: &[EventRecord]) -> GoldReport {
    score_with(gold, predicted, &Provenance::default())
}

/// Scores `predicted` against `gold`, pairing gold events with records by where both stand
/// in the documents' text ([`pairing`]).
pub fn score_with(
    gold: &[GoldItem],
    predicted: &[EventRecord],
    provenance: &Provenance,
) -> GoldReport {
    let mut by_doc: HashMap<&str, Vec<&EventRecord>> = HashMap::new();
    for r in predicted {
        by_doc.entry(r.doc_id.as_str()).or_default().push(r);
    }
    let mut report = GoldReport {
        documents: gold.len(),
        ..GoldReport::default()
    };
    for item in gold {
        let recs = by_doc.remove(item.id.as_str()).unwrap_or_default();
        score_document(item, &recs, provenance, &mut report);
    }
    report.ignored_documents = by_doc.len();
    report.ignored_records = by_doc.values().map(Vec::len).sum();
    report
}

fn score_document(
    item: &GoldItem,
    recs: &[&EventRecord],
    provenance: &Provenance,
    report: &mut GoldReport,
) {
    for g in &item.events {
        report.per_type.entry(g.event_type).or_default().gold += 1;
    }
    for r in recs {
        report.per_type.entry(r.event).or_default().predicted += 1;
    }
    let candidates: Vec<Vec<usize>> = item
        .events
        .iter()
        .map(|g| (0..recs.len()).filter(|&j| matches(g, recs[j])).collect())
        .collect();
    let rec_of_gold = pairing::pair(&item.id, &item.events, recs, &candidates, provenance);
    let mut used = vec![false; recs.len()];
    for (g, m) in item.events.iter().zip(&rec_of_gold) {
        match *m {
            Some(j) => {
                used[j] = true;
                report.tp += 1;
                report.per_type.entry(g.event_type).or_default().tp += 1;
                score_fields(g, recs[j], &mut report.fields);
                if !date_agrees(&g.date, &recs[j].date) {
                    report.errors.push(ErrorCase::Misdated {
                        gold: Box::new(g.clone()),
                        record: Box::new(recs[j].clone()),
                    });
                }
                if !field_checks(g, recs[j])[2] {
                    report.errors.push(ErrorCase::Misplaced {
                        gold: Box::new(g.clone()),
                        record: Box::new(recs[j].clone()),
                    });
                }
            }
            None => {
                report.fn_ += 1;
                report.errors.push(ErrorCase::Missed {
                    doc_id: item.id.clone(),
                    event: Box::new(g.clone()),
                });
            }
        }
    }
    for (r, _) in recs.iter().zip(&used).filter(|(_, u)| !**u) {
        report.fp += 1;
        report.errors.push(ErrorCase::Spurious {
            record: Box::new((*r).clone()),
        });
    }
}

fn date_agrees(gold: &str, predicted: &str) -> bool {
    // A partial gold date (`2019-01`, `2019`) accepts any full date within it.
    predicted == gold
        || (gold.len() < 10
            && predicted.len() > gold.len()
            && predicted.starts_with(gold)
            && predicted.as_bytes()[gold.len()] == b'-')
}

fn known_sector(a: &Option<GoldActor>) -> Option<(&str, Option<&str>)> {
    let a = a.as_ref()?;
    let sector = a.sector.as_deref().filter(|s| *s != "UNK")?;
    Some((sector, a.country.as_deref()))
}

fn sector_agrees(side: &[crate::event::ActorRef], sector: &str, country: Option<&str>) -> bool {
    side.iter()
        .filter(|a| country.is_none_or(|c| a.code == c))
        .any(|a| a.sector.as_deref() == Some(sector))
}

/// Field checks of one pair: (mode, date, location, negated, future).
fn field_checks(g: &GoldEvent, r: &EventRecord) -> [bool; 5] {
    let gold_loc = g.location.as_ref().and_then(|l| l.country.as_deref());
    let rec_loc = r.event_loc.as_ref().map(|l| l.country_code.as_str());
    [
        g.mode == r.mode,
        date_agrees(&g.date, &r.date),
        gold_loc == rec_loc,
        g.negated == r.negated,
        g.future == r.future,
    ]
}

fn score_fields(g: &GoldEvent, r: &EventRecord, f: &mut FieldAccuracy) {
    let [mode, date, location, negated, future] = field_checks(g, r);
    f.mode.add(mode);
    f.date.add(date);
    f.location.add(location);
    f.negated.add(negated);
    f.future.add(future);
    if let Some((sector, country)) = known_sector(&g.actor) {
        f.actor_sector.add(sector_agrees(&r.actor, sector, country));
    }
    if let Some((sector, country)) = known_sector(&g.recipient) {
        f.recipient_sector
            .add(sector_agrees(&r.recipient, sector, country));
    }
}

fn side(a: &Option<GoldActor>) -> String {
    match a {
        None => "-".into(),
        Some(a) => format!(
            "{:?} {}/{}",
            a.text,
            a.country.as_deref().unwrap_or("?"),
            a.sector.as_deref().unwrap_or("?")
        ),
    }
}

fn codes(side: &[crate::event::ActorRef]) -> String {
    if side.is_empty() {
        return "-".into();
    }
    let v: Vec<String> = side
        .iter()
        .map(|a| {
            format!(
                "{:?} {}/{}",
                a.text,
                a.code,
                a.sector.as_deref().unwrap_or("?")
            )
        })
        .collect();
    v.join(", ")
}

impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "events: P {:.3}  R {:.3}  F1 {:.3}  (TP {} FP {} FN {}; {} gold documents)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_,
            self.documents
        )?;
        if self.ignored_records > 0 {
            writeln!(
                f,
                "not scored: {} records of {} documents absent from gold",
                self.ignored_records, self.ignored_documents
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<10} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "TP", "P", "R", "F1"
        )?;
        for (t, c) in &self.per_type {
            writeln!(
                f,
                "{:<10} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                t.as_str(),
                c.gold,
                c.predicted,
                c.tp,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        writeln!(f)?;
        writeln!(f, "fields over {} matched events:", self.tp)?;
        let fa = &self.fields;
        for (name, r) in [
            ("mode", fa.mode),
            ("date", fa.date),
            ("location country", fa.location),
            ("negated", fa.negated),
            ("future", fa.future),
            ("actor sector", fa.actor_sector),
            ("recipient sector", fa.recipient_sector),
        ] {
            writeln!(
                f,
                "  {name:<17} {:.3}  ({}/{})",
                r.value(),
                r.right,
                r.total
            )?;
        }
        if self.show_errors && !self.errors.is_empty() {
            writeln!(f)?;
            writeln!(f, "errors:")?;
            for e in &self.errors {
                match e {
                    ErrorCase::Missed { doc_id, event: g } => writeln!(
                        f,
                        "  FN {doc_id} {} {:?}  actor {}  recipient {}",
                        g.event_type,
                        g.trigger,
                        side(&g.actor),
                        side(&g.recipient)
                    )?,
                    ErrorCase::Spurious { record: r } => writeln!(
                        f,
                        "  FP {} {} {:?}  actor {}  recipient {}",
                        r.doc_id,
                        r.event,
                        r.event_text,
                        codes(&r.actor),
                        codes(&r.recipient)
                    )?,
                    ErrorCase::Misdated { gold: g, record: r } => writeln!(
                        f,
                        "  DATE {} {} {:?} gold {}  record {:?} {} ({})  sentence {:?}",
                        r.doc_id,
                        r.event,
                        g.trigger,
                        g.date,
                        r.event_text,
                        r.date,
                        r.date_precision,
                        r.text_info.text
                    )?,
                    ErrorCase::Misplaced { gold: g, record: r } => writeln!(
                        f,
                        "  PLACE {} {} {:?} gold {}  record {}  sentence {:?}",
                        r.doc_id,
                        r.event,
                        g.trigger,
                        g.location.as_ref().map_or_else(
                            || "-".to_string(),
                            |l| format!("{:?} {}", l.text, l.country.as_deref().unwrap_or("?"))
                        ),
                        r.event_loc.as_ref().map_or_else(
                            || "-".to_string(),
                            |l| format!("{:?} {}", l.text, l.country_code)
                        ),
                        r.text_info.text
                    )?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::record::{ActorRef, Location, TextInfo};
    use crate::event::{cameo, PloverType};

    fn actor(code: &str, sector: Option<&str>) -> ActorRef {
        ActorRef {
            text: code.to_lowercase(),
            code: code.into(),
            sector: sector.map(String::from),
            cameo: format!("{code}{}", sector.unwrap_or("")),
            name: None,
            wikidata: None,
        }
    }

    /// A record that says exactly what a gold event says, as a perfect coder would write it.
    /// The CAMEO code is the root whose quad class agrees with the type's, so that the record's
    /// numeric fields are consistent; it plays no part in the scoring.
    fn record_from_gold(doc_id: &str, n: usize, g: &GoldEvent) -> EventRecord {
        // Gold may leave a country open ("migrants"); the record still names the actor, with
        // the ISO code for an unknown state.
        let side = |a: &Option<GoldActor>| -> Vec<ActorRef> {
            a.iter()
                .map(|a| {
                    let code = a.country.as_deref().unwrap_or("XXX");
                    let mut r = actor(code, a.sector.as_deref());
                    r.text = a.text.clone();
                    r
                })
                .collect()
        };
        let cameo_code = match g.event_type.quad_class() {
            1 => "040",
            2 => "070",
            3 => "110",
            _ => "180",
        };
        // Partial gold dates resolve to a day inside them, as a coder must write a full date.
        let date = match g.date.len() {
            4 => format!("{}-06-15", g.date),
            7 => format!("{}-15", g.date),
            _ => g.date.clone(),
        };
        EventRecord {
            id: format!("{doc_id}-{n}"),
            doc_id: doc_id.into(),
            date: date.clone(),
            date_precision: match g.date.len() {
                4 => "year",
                7 => "month",
                _ => "day",
            }
            .into(),
            pub_date: date,
            event: g.event_type,
            mode: g.mode.clone(),
            cameo: cameo_code.into(),
            quad_code: cameo::quad_class(cameo_code).unwrap(),
            goldstein: cameo::goldstein(cameo_code).unwrap(),
            actor: side(&g.actor),
            recipient: side(&g.recipient),
            negated: g.negated,
            future: g.future,
            event_text: g.trigger.clone(),
            topics: Vec::new(),
            excluded_topics: Vec::new(),
            event_loc: g.location.as_ref().and_then(|l| {
                Some(Location {
                    text: l.text.clone(),
                    name: l.text.clone(),
                    country_code: l.country.clone()?,
                    admin1: None,
                    geonameid: None,
                    lat: None,
                    lon: None,
                })
            }),
            text_info: TextInfo {
                sentence: 0,
                start: 0,
                end: 0,
                text: String::new(),
            },
        }
    }

    fn gold_event(t: PloverType, actor: Option<&str>, recipient: Option<&str>) -> GoldEvent {
        let side = |c: Option<&str>| {
            c.map(|c| GoldActor {
                text: c.to_lowercase(),
                country: Some(c.into()),
                sector: Some("GOV".into()),
            })
        };
        GoldEvent {
            event_type: t,
            mode: None,
            actor: side(actor),
            recipient: side(recipient),
            trigger: "did".into(),
            date: "2025-01-01".into(),
            location: None,
            negated: false,
            future: false,
        }
    }

    fn item(id: &str, events: Vec<GoldEvent>) -> GoldItem {
        GoldItem {
            id: id.into(),
            events,
        }
    }

    #[test]
    fn exact_match_is_a_true_positive() {
        let g = gold_event(PloverType::Consult, Some("USA"), Some("UKR"));
        let r = record_from_gold("d1", 0, &g);
        let rep = score(&[item("d1", vec![g])], &[r]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 0, 0));
        assert_eq!(rep.f1(), 1.0);
        assert_eq!(rep.fields.actor_sector, Ratio { right: 1, total: 1 });
    }

    #[test]
    fn wrong_country_or_type_or_document_is_no_match() {
        let g = gold_event(PloverType::Consult, Some("USA"), Some("UKR"));
        let mut wrong_actor = record_from_gold("d1", 0, &g);
        wrong_actor.actor[0].code = "RUS".into();
        let mut wrong_recipient = record_from_gold("d1", 1, &g);
        wrong_recipient.recipient[0].code = "USA".into();
        let mut wrong_type = record_from_gold("d1", 2, &g);
        wrong_type.event = PloverType::Agree;
        let mut other_doc = record_from_gold("d1", 3, &g);
        other_doc.doc_id = "d9".into();
        let rep = score(
            &[item("d1", vec![g])],
            &[wrong_actor, wrong_recipient, wrong_type, other_doc],
        );
        assert_eq!((rep.tp, rep.fp, rep.fn_), (0, 3, 1));
        assert_eq!((rep.ignored_records, rep.ignored_documents), (1, 1));
        assert_eq!(rep.f1(), 0.0);
    }

    #[test]
    fn a_side_gold_leaves_open_is_not_checked() {
        // Gold names no recipient, and an actor without a country: any record of the type
        // matches, whoever its actors and recipients are.
        let mut g = gold_event(PloverType::Assault, Some("SYR"), None);
        g.actor.as_mut().unwrap().country = None;
        let mut r = record_from_gold("d1", 0, &gold_event(PloverType::Assault, None, None));
        r.actor = vec![actor("ISR", Some("MIL"))];
        r.recipient = vec![actor("LBN", None)];
        let rep = score(&[item("d1", vec![g.clone()])], &[r.clone()]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 0, 0));
        // A named actor sector is then checked on any predicted actor.
        assert_eq!(rep.fields.actor_sector, Ratio { right: 0, total: 1 });
        // An extra predicted actor alongside the right one still matches.
        let g = gold_event(PloverType::Assault, Some("SYR"), None);
        r.actor.push(actor("SYR", Some("GOV")));
        let rep = score(&[item("d1", vec![g])], &[r]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 0, 0));
        assert_eq!(rep.fields.actor_sector, Ratio { right: 1, total: 1 });
    }

    #[test]
    fn duplicates_are_counted_once() {
        let g = gold_event(PloverType::Protest, Some("FRA"), None);
        let r = record_from_gold("d1", 0, &g);
        // Two records of one gold event: one finds it, the other is a false positive.
        let rep = score(&[item("d1", vec![g.clone()])], &[r.clone(), r.clone()]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 1, 0));
        // Two gold events and one record: one found, one missed.
        let rep = score(&[item("d1", vec![g.clone(), g.clone()])], &[r]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 0, 1));
    }

    #[test]
    fn matching_is_maximum_not_first_come() {
        // Gold 0 leaves its actor open and would, taken greedily, grab the only USA record that
        // gold 1 needs; the maximum matching pairs both.
        let open = gold_event(PloverType::Accuse, None, None);
        let usa = gold_event(PloverType::Accuse, Some("USA"), None);
        let r_usa = record_from_gold("d1", 0, &usa);
        let r_chn = record_from_gold("d1", 1, &gold_event(PloverType::Accuse, Some("CHN"), None));
        let rep = score(&[item("d1", vec![open, usa])], &[r_usa, r_chn]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (2, 0, 0));
    }

    #[test]
    fn gold_events_pair_with_the_record_of_their_own_sentence() {
        // Two talks between the same countries: the Riyadh round and the Istanbul round.
        // Gold codes the Istanbul one; the record of the Riyadh sentence happens to carry
        // gold's date, the record of gold's own sentence does not. Pairing follows the
        // sentence, so the date is scored as wrong.
        let text = "Talks were held in Riyadh on February 18. The delegations met in Istanbul on Thursday.";
        let mut g = gold_event(PloverType::Consult, Some("USA"), Some("RUS"));
        g.trigger = "met".into();
        g.date = "2025-04-10".into();
        let mut riyadh = record_from_gold("d1", 0, &g);
        riyadh.event_text = "Talks".into();
        riyadh.text_info = TextInfo {
            sentence: 0,
            start: 0,
            end: 42,
            text: text[..42].into(),
        };
        let mut istanbul = record_from_gold("d1", 1, &g);
        istanbul.date = "2025-04-09".into();
        istanbul.text_info = TextInfo {
            sentence: 1,
            start: 43,
            end: text.len(),
            text: text[43..].into(),
        };
        let gold = [item("d1", vec![g])];
        let records = [riyadh, istanbul];
        // By the sentence text alone, and by offsets in the document.
        let provenance = Provenance {
            texts: [("d1".to_string(), text.to_string())].into(),
            ..Provenance::default()
        };
        for rep in [
            score(&gold, &records),
            score_with(&gold, &records, &provenance),
        ] {
            assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 1, 0));
            assert_eq!(rep.fields.date, Ratio { right: 0, total: 1 });
        }
        // A record standing for both sentences (the second its mention) is gold's own.
        let mut merged = records[0].clone();
        merged.date = "2025-02-18".into();
        let provenance = Provenance {
            sentences: [("d1-0".to_string(), vec![(0, 42), (43, text.len())])].into(),
            ..provenance
        };
        let rep = score_with(&gold, &[records[1].clone(), merged], &provenance);
        assert_eq!(rep.fields.date, Ratio { right: 0, total: 1 });
        // Nearest first when no record comes from gold's sentence.
        let far = "Talks were held in Riyadh. Nothing else. Nothing at all. They met in Istanbul.";
        let provenance = Provenance {
            texts: [("d1".to_string(), far.to_string())].into(),
            ..Provenance::default()
        };
        let mut near = records[0].clone();
        near.text_info.start = 42;
        near.text_info.end = 58;
        near.date = "2025-04-10".into();
        let mut first = records[0].clone();
        first.id = "d1-2".into();
        first.text_info.end = 26;
        let rep = score_with(&gold, &[first, near], &provenance);
        assert_eq!(rep.fields.date, Ratio { right: 1, total: 1 });
    }

    #[test]
    fn empty_gold_documents_count_and_types_are_tallied() {
        let g1 = gold_event(PloverType::Assault, Some("RUS"), Some("UKR"));
        let g2 = gold_event(PloverType::Sanction, Some("USA"), Some("RUS"));
        let r1 = record_from_gold("d1", 0, &g1);
        let spurious = record_from_gold("d2", 0, &g2);
        let gold = [item("d1", vec![g1, g2]), item("d2", vec![])];
        let rep = score(&gold, &[r1, spurious]);
        assert_eq!((rep.tp, rep.fp, rep.fn_), (1, 1, 1));
        assert_eq!(rep.documents, 2);
        assert_eq!(
            rep.per_type[&PloverType::Assault],
            TypeCounts {
                gold: 1,
                predicted: 1,
                tp: 1
            }
        );
        assert_eq!(
            rep.per_type[&PloverType::Sanction],
            TypeCounts {
                gold: 1,
                predicted: 1,
                tp: 0
            }
        );
        assert_eq!(rep.precision(), 0.5);
        assert_eq!(rep.recall(), 0.5);
        assert_eq!(rep.errors.len(), 2);
        let shown = GoldReport {
            show_errors: true,
            ..rep.clone()
        }
        .to_string();
        assert!(shown.contains("FN d1 SANCTION"), "{shown}");
        assert!(shown.contains("FP d2 SANCTION"), "{shown}");
        assert!(!rep.to_string().contains("errors:"));
    }

    #[test]
    fn fields_are_scored_on_matched_pairs() {
        let mut g = gold_event(PloverType::Coerce, Some("IRN"), Some("IRN"));
        g.mode = Some("arrest".into());
        g.date = "2024-12".into();
        g.location = Some(GoldLocation {
            text: "Tehran".into(),
            country: Some("IRN".into()),
        });
        g.future = true;
        let mut r = record_from_gold("d1", 0, &g);
        assert_eq!(r.date, "2024-12-15");
        r.mode = None;
        r.event_loc = None;
        r.negated = true;
        let rep = score(&[item("d1", vec![g])], &[r]);
        let f = rep.fields;
        assert_eq!(f.mode, Ratio { right: 0, total: 1 });
        assert_eq!(f.date, Ratio { right: 1, total: 1 });
        assert_eq!(f.location, Ratio { right: 0, total: 1 });
        assert_eq!(f.negated, Ratio { right: 0, total: 1 });
        assert_eq!(f.future, Ratio { right: 1, total: 1 });
    }

    #[test]
    fn matched_pairs_with_other_dates_are_listed() {
        let g = gold_event(PloverType::Consult, Some("USA"), Some("RUS"));
        let mut r = record_from_gold("d1", 0, &g);
        r.date = "2025-02-18".into();
        let rep = score(&[item("d1", vec![g])], &[r]);
        assert_eq!((rep.tp, rep.fields.date.right), (1, 0));
        let shown = GoldReport {
            show_errors: true,
            ..rep
        }
        .to_string();
        assert!(shown.contains("DATE d1 CONSULT"), "{shown}");
        assert!(shown.contains("2025-02-18 (day)"), "{shown}");
    }

    #[test]
    fn matched_pairs_with_other_places_are_listed() {
        let mut g = gold_event(PloverType::Consult, Some("USA"), Some("RUS"));
        g.location = Some(GoldLocation {
            text: "Riyadh".into(),
            country: Some("SAU".into()),
        });
        let r = record_from_gold("d1", 0, &g);
        g.location = None;
        let rep = score(&[item("d1", vec![g])], &[r]);
        assert_eq!((rep.tp, rep.fields.location.right), (1, 0));
        let shown = GoldReport {
            show_errors: true,
            ..rep
        }
        .to_string();
        assert!(shown.contains("PLACE d1 CONSULT"), "{shown}");
        assert!(shown.contains("gold -  record \"Riyadh\" SAU"), "{shown}");
    }

    #[test]
    fn partial_gold_dates_accept_days_within_them() {
        assert!(date_agrees("2019-01-04", "2019-01-04"));
        assert!(!date_agrees("2019-01-04", "2019-01-05"));
        assert!(date_agrees("2019-01", "2019-01-31"));
        assert!(!date_agrees("2019-01", "2019-10-01"));
        assert!(date_agrees("2019", "2019-12-31"));
        assert!(!date_agrees("2019", "20190-01-01"));
        assert!(!date_agrees("2019", "2018-12-31"));
    }

    #[test]
    fn bad_lines_name_file_line_and_reason() {
        let text = "{\"id\": \"a\", \"events\": []}\n\n{\"id\": \"b\", \"events\": [{\"type\": \"HUG\"}]}\n";
        let err = read_jsonl::<GoldItem>(text.as_bytes(), "g.jsonl").unwrap_err();
        assert!(err.starts_with("g.jsonl:3: "), "{err}");
        assert!(err.contains("HUG"), "{err}");
        let err = read_jsonl::<EventRecord>("{\"id\": 1}".as_bytes(), "p.jsonl").unwrap_err();
        assert!(err.starts_with("p.jsonl:1: "), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("twice.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"events\":[]}\n{\"id\":\"a\",\"events\":[]}\n",
        )
        .unwrap();
        let err = read_gold(&path).unwrap_err();
        assert!(err.contains("given twice"), "{err}");
        assert!(read_gold(&dir.path().join("none.jsonl")).is_err());
    }

    #[test]
    fn shared_gold_files_score_perfectly_against_themselves() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news");
        for name in ["gold-dev.jsonl", "gold-dev-articles.jsonl"] {
            let path = dir.join(name);
            if !path.exists() {
                eprintln!("skipped: {} not found", path.display());
                continue;
            }
            let gold = read_gold(&path).unwrap();
            let records: Vec<EventRecord> = gold
                .iter()
                .flat_map(|it| {
                    it.events
                        .iter()
                        .enumerate()
                        .map(|(n, g)| record_from_gold(&it.id, n, g))
                })
                .collect();
            // Through the JSONL form, as the command reads them.
            let text: String = records
                .iter()
                .map(|r| serde_json::to_string(r).unwrap() + "\n")
                .collect();
            let records: Vec<EventRecord> = read_jsonl(text.as_bytes(), name).unwrap();
            let rep = score(&gold, &records);
            let n: usize = gold.iter().map(|it| it.events.len()).sum();
            assert!(n > 100, "{name}: only {n} events");
            assert_eq!((rep.tp, rep.fp, rep.fn_), (n, 0, 0), "{name}");
            assert_eq!(rep.f1(), 1.0);
            let f = rep.fields;
            for r in [f.mode, f.date, f.location, f.negated, f.future] {
                assert_eq!(r, Ratio { right: n, total: n }, "{name}");
            }
            assert_eq!(f.actor_sector.right, f.actor_sector.total);
            assert_eq!(f.recipient_sector.right, f.recipient_sector.total);
        }
    }
}
