//! The PETRARCH unit-test suite: each record's coded events against those it expects.
//!
//! A record passes, as in PETRARCH's own validation run ("ALL OF THE UNIT TESTS WERE CODED
//! CORRECTLY"), when the set of (source code, target code, CAMEO event code) triples coded
//! from its sentence is exactly the set its `<EventCoding>` elements list: every expected
//! event found and none other; a `noevents` record passes when nothing is coded. Actor codes
//! are the full CAMEO codes (`cameo`), one triple per source × target; an empty side is
//! `---`. Like PETRARCH with `require_dyad` (its default, changed by `<Config>` elements in
//! the suite), events lacking a source or a target are not output. Records marked `error`
//! test PETRARCH's error handling, not coding, and are left out.

use crate::doc::DocMeta;
use crate::event::EventRecord;
use serde_json::Value;
use std::fmt;

/// One event as the suite states it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Triple {
    pub source: String,
    pub target: String,
    pub event: String,
}

impl fmt::Display for Triple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.event)
    }
}

/// Code for a side the text leaves empty.
pub const NULL_ACTOR: &str = "---";

/// What one record of the suite expects, from the metadata the `petrarch-xml` reader keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    pub category: String,
    pub events: Vec<Triple>,
    /// The suite's error-condition records (`<EventCoding error=...>`).
    pub error: Option<String>,
    /// Whether events with a missing source or target are dropped (PETRARCH's default).
    pub require_dyad: bool,
}

impl Expectation {
    /// `None` when the document was not read from a validation file.
    pub fn from_meta(meta: &DocMeta) -> Option<Expectation> {
        let list = meta.extra.get("expected")?.as_array()?;
        let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(normalise);
        let mut events: Vec<Triple> = list
            .iter()
            .filter_map(|v| {
                Some(Triple {
                    source: field(v, "source")?,
                    target: field(v, "target")?,
                    event: field(v, "event")?,
                })
            })
            .collect();
        events.sort();
        events.dedup();
        let require_dyad = meta
            .extra
            .get("config")
            .and_then(|c| c.get("require_dyad"))
            .and_then(Value::as_str)
            .is_none_or(|v| !v.eq_ignore_ascii_case("false"));
        Some(Expectation {
            category: meta
                .extra
                .get("category")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            events,
            error: meta
                .extra
                .get("error")
                .and_then(Value::as_str)
                .map(str::to_string),
            require_dyad,
        })
    }
}

/// An actor code as the suite writes it: upper case, an empty code the null actor.
fn normalise(code: &str) -> String {
    let c = code.trim().to_uppercase();
    if c.is_empty() {
        NULL_ACTOR.to_string()
    } else {
        c
    }
}

/// The triples of one sentence's records: every source with every target.
pub fn coded_triples(records: &[EventRecord], require_dyad: bool) -> Vec<Triple> {
    let codes = |list: &[crate::event::ActorRef]| -> Vec<String> {
        if list.is_empty() {
            vec![NULL_ACTOR.to_string()]
        } else {
            // `FRO/BIL/SAM`: a dictionary code naming several actors at once.
            list.iter()
                .flat_map(|a| a.cameo.split('/'))
                .map(normalise)
                .collect()
        }
    };
    let mut out = Vec::new();
    for r in records {
        for source in codes(&r.actor) {
            for target in codes(&r.recipient) {
                // Each side of a reciprocal record acts on the others, not on itself.
                if target == source && source != NULL_ACTOR {
                    continue;
                }
                if require_dyad && (source == NULL_ACTOR || target == NULL_ACTOR) {
                    continue;
                }
                out.push(Triple {
                    source: source.clone(),
                    target,
                    event: r.cameo.to_uppercase(),
                });
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// One record judged.
#[derive(Debug, Clone)]
pub struct Judged {
    pub id: String,
    pub category: String,
    pub text: String,
    pub expected: Vec<Triple>,
    pub coded: Vec<Triple>,
}

impl Judged {
    pub fn passed(&self) -> bool {
        self.expected == self.coded
    }

    /// Expected events that were coded.
    pub fn found(&self) -> usize {
        self.expected
            .iter()
            .filter(|e| self.coded.contains(e))
            .count()
    }
}

/// The suite's results: per record, with the excluded error records counted.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub judged: Vec<Judged>,
    pub excluded: usize,
    /// Also list every failing record.
    pub show_errors: bool,
}

impl Report {
    /// Judge one document's records against what it expects; documents of other sources
    /// and error records are counted out.
    pub fn add(&mut self, meta: &DocMeta, text: &str, records: &[EventRecord]) {
        let Some(exp) = Expectation::from_meta(meta) else {
            self.excluded += 1;
            return;
        };
        if exp.error.is_some() {
            self.excluded += 1;
            return;
        }
        self.judged.push(Judged {
            id: meta.id.clone(),
            category: exp.category,
            text: text.to_string(),
            expected: exp.events,
            coded: coded_triples(records, exp.require_dyad),
        });
    }

    pub fn passed(&self) -> usize {
        self.judged.iter().filter(|j| j.passed()).count()
    }

    pub fn pass_rate(&self) -> f64 {
        self.passed() as f64 / self.judged.len().max(1) as f64
    }

    /// (category, records, passed) in first-seen order.
    pub fn by_category(&self) -> Vec<(&str, usize, usize)> {
        let mut out: Vec<(&str, usize, usize)> = Vec::new();
        for j in &self.judged {
            let slot = match out.iter().position(|(c, _, _)| *c == j.category) {
                Some(k) => k,
                None => {
                    out.push((&j.category, 0, 0));
                    out.len() - 1
                }
            };
            out[slot].1 += 1;
            out[slot].2 += j.passed() as usize;
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected: usize = self.judged.iter().map(|j| j.expected.len()).sum();
        let found: usize = self.judged.iter().map(Judged::found).sum();
        let coded: usize = self.judged.iter().map(|j| j.coded.len()).sum();
        writeln!(
            f,
            "records: {} ({} error records excluded); passed {} = {:.1} %",
            self.judged.len(),
            self.excluded,
            self.passed(),
            100.0 * self.pass_rate()
        )?;
        writeln!(
            f,
            "events: expected {expected}, found {found}, coded {coded} (missed {}, extra {})",
            expected - found,
            coded - found
        )?;
        writeln!(
            f,
            "{:<12} {:>7} {:>7} {:>7}",
            "category", "records", "passed", "rate"
        )?;
        for (c, n, p) in self.by_category() {
            writeln!(
                f,
                "{:<12} {n:>7} {p:>7} {:>6.1}%",
                c,
                100.0 * p as f64 / n.max(1) as f64
            )?;
        }
        if self.show_errors {
            for j in self.judged.iter().filter(|j| !j.passed()) {
                writeln!(f, "\n{} [{}] {}", j.id, j.category, j.text)?;
                let list = |v: &[Triple]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.iter()
                            .map(|t| t.to_string())
                            .collect::<Vec<_>>()
                            .join("; ")
                    }
                };
                writeln!(f, "  expected: {}", list(&j.expected))?;
                writeln!(f, "  coded:    {}", list(&j.coded))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{ActorRef, PloverType, TextInfo};
    use serde_json::json;

    fn meta(expected: Value, extra: &[(&str, Value)]) -> DocMeta {
        let mut m = DocMeta {
            id: "R".into(),
            ..DocMeta::default()
        };
        m.extra.insert("category".into(), "DEMO".into());
        m.extra.insert("expected".into(), expected);
        for (k, v) in extra {
            m.extra.insert(k.to_string(), v.clone());
        }
        m
    }

    fn record(actor: &[&str], recipient: &[&str], cameo: &str) -> EventRecord {
        let refs = |l: &[&str]| -> Vec<ActorRef> {
            l.iter()
                .map(|c| ActorRef::coded(c.to_string(), c[..3].to_string(), None, c.to_string()))
                .collect()
        };
        EventRecord {
            id: String::new(),
            doc_id: "R".into(),
            date: "1995-01-01".into(),
            date_precision: "document".into(),
            pub_date: "1995-01-01".into(),
            event: PloverType::Cooperate,
            mode: None,
            cameo: cameo.into(),
            quad_code: 2,
            goldstein: 0.0,
            actor: refs(actor),
            recipient: refs(recipient),
            negated: false,
            future: false,
            event_text: String::new(),
            event_loc: None,
            topics: Vec::new(),
            excluded_topics: Vec::new(),
            text_info: TextInfo {
                sentence: 0,
                start: 0,
                end: 0,
                text: String::new(),
            },
        }
    }

    #[test]
    fn a_record_passes_on_exactly_its_events() {
        let m = meta(
            json!([{"source": "ARN", "target": "GON", "event": "064"}]),
            &[],
        );
        let mut r = Report::default();
        r.add(&m, "t", &[record(&["ARN"], &["GON"], "064")]);
        r.add(
            &m,
            "t",
            &[
                record(&["ARN"], &["GON"], "064"),
                record(&["GON"], &["ARN"], "064"),
            ],
        );
        r.add(&m, "t", &[record(&["ARN"], &["GON"], "063")]);
        // Without a target it is not output (require_dyad), so nothing is coded.
        r.add(&m, "t", &[record(&["ARN"], &[], "064")]);
        let passed: Vec<bool> = r.judged.iter().map(Judged::passed).collect();
        assert_eq!(passed, [true, false, false, false]);
        assert_eq!(r.judged[1].found(), 1);
        assert_eq!(r.by_category(), [("DEMO", 4, 1)]);
        assert!(r.to_string().contains("passed 1 = 25.0 %"));
    }

    #[test]
    fn compound_actors_null_sides_noevents_and_errors() {
        let both = json!([
            {"source": "ARN", "target": "GON", "event": "041"},
            {"source": "ERI", "target": "GON", "event": "041"}
        ]);
        let t = coded_triples(&[record(&["ARN", "ERI"], &["GON"], "041")], true);
        let want = Expectation::from_meta(&meta(both, &[])).unwrap().events;
        assert_eq!(t, want);
        let loose = meta(
            json!([{"source": "ARN", "target": "", "event": "041"}]),
            &[("config", json!({"require_dyad": "false"}))],
        );
        let exp = Expectation::from_meta(&loose).unwrap();
        assert!(!exp.require_dyad);
        assert_eq!(
            coded_triples(&[record(&["ARN"], &[], "041")], false),
            exp.events
        );
        let mut r = Report::default();
        r.add(&meta(json!([]), &[("noevents", json!(true))]), "t", &[]);
        r.add(&meta(json!([]), &[("error", json!("dateline"))]), "t", &[]);
        r.add(&DocMeta::default(), "t", &[]);
        assert_eq!((r.judged.len(), r.passed(), r.excluded), (1, 1, 2));
    }
}
