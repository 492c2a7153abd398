//! Reading the store: events by filters, timelines, documents with their event spans,
//! storylines and actors. Every statement is parameterised; filters are joined with AND.

use super::{sql_err, Result, Store};
use crate::event::{EventRecord, Location, PloverType, TextInfo};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::Serialize;

/// One stored event: the contract record of its first mention, its storyline and how many
/// mentions (reports in sentences of any document) it has. Serialises as the contract's
/// record plus `storyline` and `mentions`, which is what `query --format jsonl` writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    #[serde(flatten)]
    pub record: EventRecord,
    pub storyline: Option<i64>,
    pub mentions: u64,
    /// The store's own key of the event (for [`Store::mentions`] and storyline assignment).
    #[serde(skip)]
    pub key: i64,
}

/// Filters over events; `None` fields do not filter. Results come in date order (then
/// storage order), `offset` events skipped, at most `limit` (`None`: all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventQuery {
    /// An actor's country or CAMEO code (`USA`, `USAGOV`, `NAT`).
    pub actor: Option<String>,
    /// A recipient's country or CAMEO code.
    pub recipient: Option<String>,
    pub event: Option<PloverType>,
    /// First and last day, `YYYY-MM-DD`, inclusive.
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// ISO3 country of the event's place.
    pub country: Option<String>,
    pub storyline: Option<i64>,
    /// An SQLite FTS5 query over the sentences that report the event (`talks AND Riyadh`,
    /// `"embassy property"`, `sanction*`).
    pub text: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// What a timeline follows.
#[derive(Debug, Clone, PartialEq)]
pub enum Timeline {
    Storyline(i64),
    /// Every event between the two codes, either one acting on the other.
    Actors(String, String),
}

/// A storyline and the span of its events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Storyline {
    pub id: i64,
    pub label: String,
    pub events: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// A code and how often it acts and is acted upon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    pub code: String,
    pub as_actor: u64,
    pub as_recipient: u64,
}

/// One report of an event: the document, the sentence (with its scalar offsets), and the
/// trigger's span when its words occur in the sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionView {
    /// The stored event's contract id (its first mention's record id).
    pub event_id: String,
    /// The id of the coded record this mention came from.
    pub record_id: String,
    pub event: String,
    pub doc_id: String,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub trigger_start: Option<usize>,
    pub trigger_end: Option<usize>,
    pub event_text: String,
}

/// A sentence of a document, with Unicode-scalar offsets into its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceView {
    pub idx: usize,
    pub start: usize,
    pub end: usize,
}

/// A stored document: text, metadata, sentences and every event mention in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    pub doc_id: String,
    pub pub_date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub extra: serde_json::Value,
    pub text: String,
    pub sentences: Vec<SentenceView>,
    pub mentions: Vec<MentionView>,
}

pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.event_id, d.doc_id, e.date, e.date_precision, e.pub_date,
    e.event, e.mode, e.cameo, e.quad_code, e.goldstein, e.actor, e.recipient, e.negated,
    e.future, e.event_text, e.event_loc, e.topics, e.excluded_topics, e.sentence, e.start,
    e.end, e.sentence_text, e.storyline, e.mentions";

fn bad(what: &str, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("stored {what} does not read back: {e}").into(),
    )
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| bad(what, e))
}

pub(crate) fn event_of(row: &Row) -> rusqlite::Result<StoredEvent> {
    let event: String = row.get(6)?;
    let loc: Option<String> = row.get(16)?;
    let record = EventRecord {
        id: row.get(1)?,
        doc_id: row.get(2)?,
        date: row.get(3)?,
        date_precision: row.get(4)?,
        pub_date: row.get(5)?,
        event: PloverType::parse(&event).ok_or_else(|| bad("event type", &event))?,
        mode: row.get(7)?,
        cameo: row.get(8)?,
        quad_code: row.get(9)?,
        goldstein: row.get(10)?,
        actor: from_json("actor", &row.get::<_, String>(11)?)?,
        recipient: from_json("recipient", &row.get::<_, String>(12)?)?,
        negated: row.get(13)?,
        future: row.get(14)?,
        event_text: row.get(15)?,
        event_loc: loc
            .map(|l| from_json::<Location>("event_loc", &l))
            .transpose()?,
        topics: from_json("topics", &row.get::<_, String>(17)?)?,
        excluded_topics: from_json("excluded_topics", &row.get::<_, String>(18)?)?,
        text_info: TextInfo {
            sentence: row.get::<_, i64>(19)? as usize,
            start: row.get::<_, i64>(20)? as usize,
            end: row.get::<_, i64>(21)? as usize,
            text: row.get(22)?,
        },
    };
    Ok(StoredEvent {
        record,
        storyline: row.get(23)?,
        mentions: row.get::<_, i64>(24)? as u64,
        key: row.get(0)?,
    })
}

/// The SQL and its parameters for a query's WHERE clause (and its driving table).
struct Built {
    /// The driving index or table, joined to `events e` when `needs_events`.
    driver: String,
    needs_events: bool,
    order: &'static str,
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Built {
    fn param(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    /// A clause over the events table's columns.
    fn on_events(&mut self, clause: String) {
        self.needs_events = true;
        self.clauses.push(clause);
    }

    /// The FROM of a page (with the documents, for the records' `doc_id`).
    fn page_from(&self) -> String {
        let events = if self.driver == "events e" {
            "events e".to_string()
        } else {
            format!(
                "{} JOIN events e ON e.id = {}",
                self.driver,
                self.event_key()
            )
        };
        format!("{events} JOIN documents d ON d.id = e.doc")
    }

    /// The FROM of a count: the driving index alone when no clause needs the events' rows.
    fn count_from(&self) -> String {
        if self.needs_events && self.driver != "events e" {
            format!(
                "{} JOIN events e ON e.id = {}",
                self.driver,
                self.event_key()
            )
        } else {
            self.driver.clone()
        }
    }

    /// The SQL of the current event's key, from the driving table.
    fn event_key(&self) -> String {
        match self.driver.rsplit(' ').next() {
            Some("f") => super::fts::key_sql("f.rowid"),
            Some("e") | None => "e.id".into(),
            Some(alias) => format!("{alias}.event"),
        }
    }
}

/// Which index a query reads in order, the others being checked row by row. Each is in the
/// events' order (date, then key), so a page reads about as many index rows as it shows when
/// the checks pass often, and never sorts.
fn build(q: &EventQuery) -> Built {
    let mut b = Built {
        driver: "events e".into(),
        needs_events: false,
        order: "e.date, e.id",
        clauses: Vec::new(),
        params: Vec::new(),
    };
    let kind = q.event.map(|t| t.as_str());
    let mut kind_done = false;
    let mut dates_done = false;
    let (actor, recipient) = (q.actor.as_deref(), q.recipient.as_deref());
    // Events that have a code in a role, checked for the current event.
    let has_code = |b: &mut Built, code: &str, role: i64| {
        let n = b.param(Value::Text(code.into()));
        b.on_events(format!(
            "EXISTS (SELECT 1 FROM event_actors r WHERE r.code = {n} AND r.role = {role}
                     AND r.date = e.date AND r.event = e.id)"
        ));
    };
    if let Some(t) = &q.text {
        // Full text drives: its rowids are in event order ([`super::fts`]).
        b.driver = "events_fts f".into();
        b.order = "f.rowid";
        let n = b.param(Value::Text(t.clone()));
        b.clauses.push(format!("events_fts MATCH {n}"));
        if let Some(d) = &q.date_from {
            let n = b.param(Value::Integer(super::fts::first_rowid_from(d)));
            b.clauses.push(format!("f.rowid >= {n}"));
        }
        if let Some(d) = &q.date_to {
            let n = b.param(Value::Integer(super::fts::last_rowid_to(d)));
            b.clauses.push(format!("f.rowid <= {n}"));
        }
        dates_done = true;
        match (actor, recipient) {
            (Some(a), Some(r)) => {
                let (na, nr) = (
                    b.param(Value::Text(a.into())),
                    b.param(Value::Text(r.into())),
                );
                b.on_events(format!(
                    "EXISTS (SELECT 1 FROM event_pairs r WHERE r.actor = {na}
                             AND r.recipient = {nr} AND r.date = e.date AND r.event = e.id)"
                ));
            }
            (Some(a), None) => has_code(&mut b, a, 0),
            (None, Some(r)) => has_code(&mut b, r, 1),
            (None, None) => {}
        }
    } else if let (Some(a), Some(r)) = (actor, recipient) {
        b.driver = "event_pairs p".into();
        b.order = "p.date, p.event";
        let (na, nr) = (
            b.param(Value::Text(a.into())),
            b.param(Value::Text(r.into())),
        );
        b.clauses
            .push(format!("p.actor = {na} AND p.recipient = {nr}"));
        if let Some(k) = kind {
            let n = b.param(Value::Text(k.into()));
            b.clauses.push(format!("p.kind = {n}"));
            kind_done = true;
        }
    } else if let Some((code, role)) = actor.map(|a| (a, 0)).or(recipient.map(|r| (r, 1))) {
        b.driver = "event_actors a".into();
        b.order = "a.date, a.event";
        let n = b.param(Value::Text(code.into()));
        b.clauses.push(format!("a.code = {n} AND a.role = {role}"));
        if let Some(k) = kind {
            let n = b.param(Value::Text(k.into()));
            b.clauses.push(format!("a.kind = {n}"));
            kind_done = true;
        }
    }
    let date_col = match b.driver.as_str() {
        "event_pairs p" => "p.date",
        "event_actors a" => "a.date",
        _ => "e.date",
    };
    if !dates_done {
        for (d, op) in [(&q.date_from, ">="), (&q.date_to, "<=")] {
            if let Some(d) = d {
                let n = b.param(Value::Text(d.clone()));
                let clause = format!("{date_col} {op} {n}");
                if date_col == "e.date" {
                    b.on_events(clause);
                } else {
                    b.clauses.push(clause);
                }
            }
        }
    }
    if let (Some(k), false) = (kind, kind_done) {
        let n = b.param(Value::Text(k.into()));
        b.on_events(format!("e.event = {n}"));
    }
    if let Some(c) = &q.country {
        let n = b.param(Value::Text(c.clone()));
        b.on_events(format!("e.place_country = {n}"));
    }
    if let Some(s) = q.storyline {
        let n = b.param(Value::Integer(s));
        b.on_events(format!("e.storyline = {n}"));
    }
    b
}

/// SQLite's `LIMIT ?, OFFSET ?` values of a page: no limit is -1 (all rows).
fn page(limit: Option<u64>, offset: u64) -> [i64; 2] {
    let clamp = |n: u64| n.min(i64::MAX as u64) as i64;
    [limit.map_or(-1, clamp), clamp(offset)]
}

fn where_sql(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

impl Store {
    /// Events matching `q`, in date order, paged.
    pub fn query(&self, q: &EventQuery) -> Result<Vec<StoredEvent>> {
        let (sql, params) = query_sql(q);
        self.events(&sql, params).map_err(|e| text_err(q, e))
    }

    /// The query plan SQLite chooses for [`Store::query`] of `q` (`EXPLAIN QUERY PLAN`, one
    /// line per step): for benchmarks and tests that guard against a plan that sorts.
    pub fn query_plan(&self, q: &EventQuery) -> Result<Vec<String>> {
        let (sql, params) = query_sql(q);
        self.plan(&format!("EXPLAIN QUERY PLAN {sql}"), params)
    }

    /// The steps of a plan, each indented two spaces per level below the top.
    fn plan(&self, sql: &str, params: Vec<Value>) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(sql).map_err(query_err)?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(query_err)?;
        let mut depth: std::collections::HashMap<i64, usize> = Default::default();
        let mut out = Vec::new();
        for row in rows {
            let (id, parent, detail) = row.map_err(query_err)?;
            let d = depth.get(&parent).map_or(0, |d| d + 1);
            depth.insert(id, d);
            out.push(format!("{}{detail}", "  ".repeat(d)));
        }
        Ok(out)
    }

    /// One event by its event id (`record.id`); `None` if absent.
    pub fn event(&self, event_id: &str) -> Result<Option<StoredEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc
             WHERE e.event_id = ?1"
        );
        Ok(self
            .events(&sql, vec![Value::Text(event_id.to_string())])?
            .pop())
    }

    /// How many events match `q` (ignoring its paging).
    pub fn count(&self, q: &EventQuery) -> Result<u64> {
        let b = build(q);
        let sql = format!(
            "SELECT count(*) FROM {} {}",
            b.count_from(),
            where_sql(&b.clauses)
        );
        self.count_sql(q, &sql, b.params)
    }

    /// How many events match `q`, counting no further than `cap` (so that a count on a huge
    /// store costs a bounded time): the result is `min(count, cap)`.
    pub fn count_up_to(&self, q: &EventQuery, cap: u64) -> Result<u64> {
        let mut b = build(q);
        let n = b.param(Value::Integer(cap.min(i64::MAX as u64) as i64));
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM {} {} LIMIT {n})",
            b.count_from(),
            where_sql(&b.clauses),
        );
        self.count_sql(q, &sql, b.params)
    }

    fn count_sql(&self, q: &EventQuery, sql: &str, params: Vec<Value>) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(query_err)
            .map_err(|e| text_err(q, e))?;
        stmt.query_row(params_from_iter(params), |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(query_err)
            .map_err(|e| text_err(q, e))
    }

    /// Every event of a storyline, or between two actors in either direction, in date
    /// order, paged like [`Store::query`].
    pub fn timeline(
        &self,
        t: &Timeline,
        limit: Option<u64>,
        offset: u64,
    ) -> Result<Vec<StoredEvent>> {
        let (sql, params) = timeline_sql(t, limit, offset);
        self.events(&sql, params)
    }

    /// The query plan of [`Store::timeline`] (see [`Store::query_plan`]).
    pub fn timeline_plan(&self, t: &Timeline, limit: Option<u64>) -> Result<Vec<String>> {
        let (sql, params) = timeline_sql(t, limit, 0);
        self.plan(&format!("EXPLAIN QUERY PLAN {sql}"), params)
    }

    fn events(&self, sql: &str, params: Vec<Value>) -> Result<Vec<StoredEvent>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(query_err)?;
        let rows = stmt
            .query_map(params_from_iter(params), event_of)
            .map_err(query_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(query_err)
    }

    /// Every mention of the event with store key `key`, in document then sentence order.
    pub fn mentions(&self, key: i64) -> Result<Vec<MentionView>> {
        self.mention_views("m.event = ?1", Value::Integer(key))
    }

    fn mention_views(&self, filter: &str, param: Value) -> Result<Vec<MentionView>> {
        let sql = format!(
            "SELECT e.event_id, m.record_id, e.event, d.doc_id, m.sentence, s.start, s.end,
                    m.trigger_start, m.trigger_end, m.event_text
             FROM mentions m JOIN events e ON e.id = m.event
                  JOIN documents d ON d.id = m.doc
                  JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence
             WHERE {filter} ORDER BY m.doc, m.sentence, m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(query_err)?;
        let rows = stmt
            .query_map([param], |r| {
                let opt = |i: usize| r.get::<_, Option<i64>>(i).map(|v| v.map(|x| x as usize));
                Ok(MentionView {
                    event_id: r.get(0)?,
                    record_id: r.get(1)?,
                    event: r.get(2)?,
                    doc_id: r.get(3)?,
                    sentence: r.get::<_, i64>(4)? as usize,
                    start: r.get::<_, i64>(5)? as usize,
                    end: r.get::<_, i64>(6)? as usize,
                    trigger_start: opt(7)?,
                    trigger_end: opt(8)?,
                    event_text: r.get(9)?,
                })
            })
            .map_err(query_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(query_err)
    }

    /// A stored document by its id, with its sentences and event mentions; `None` if absent.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentView>> {
        let head = self
            .conn
            .query_row(
                "SELECT id, doc_id, pub_date, title, url, extra, text FROM documents
                 WHERE doc_id = ?1",
                [doc_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DocumentView {
                            doc_id: r.get(1)?,
                            pub_date: r.get(2)?,
                            title: r.get(3)?,
                            url: r.get(4)?,
                            extra: from_json("extra", &r.get::<_, String>(5)?)?,
                            text: r.get(6)?,
                            sentences: Vec::new(),
                            mentions: Vec::new(),
                        },
                    ))
                },
            )
            .optional()
            .map_err(query_err)?;
        let Some((key, mut view)) = head else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT idx, start, end FROM sentences WHERE doc = ?1 ORDER BY idx")
            .map_err(query_err)?;
        view.sentences = stmt
            .query_map([key], |r| {
                Ok(SentenceView {
                    idx: r.get::<_, i64>(0)? as usize,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                })
            })
            .map_err(query_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(query_err)?;
        view.mentions = self.mention_views("m.doc = ?1", Value::Integer(key))?;
        Ok(Some(view))
    }

    /// Storylines with their event counts and first and last dates, by id, paged.
    pub fn storylines(&self, limit: Option<u64>, offset: u64) -> Result<Vec<Storyline>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.label, count(e.id), min(e.date), max(e.date)
                 FROM storylines s LEFT JOIN events e ON e.storyline = s.id
                 GROUP BY s.id ORDER BY s.id LIMIT ?1 OFFSET ?2",
            )
            .map_err(query_err)?;
        let rows = stmt
            .query_map(page(limit, offset), |r| {
                Ok(Storyline {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    first: r.get(3)?,
                    last: r.get(4)?,
                })
            })
            .map_err(query_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(query_err)
    }

    /// Actor codes (country and full CAMEO codes) by how many events they take part in.
    pub fn actors(&self, limit: Option<u64>, offset: u64) -> Result<Vec<ActorCount>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT code, as_actor, as_recipient FROM actor_counts
                 ORDER BY total DESC, code LIMIT ?1 OFFSET ?2",
            )
            .map_err(query_err)?;
        let rows = stmt
            .query_map(page(limit, offset), |r| {
                Ok(ActorCount {
                    code: r.get(0)?,
                    as_actor: r.get::<_, i64>(1)? as u64,
                    as_recipient: r.get::<_, i64>(2)? as u64,
                })
            })
            .map_err(query_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(query_err)
    }

    /// Every event in storage order, for exports: `each` is called once per event.
    pub fn for_each_event(
        &self,
        mut each: impl FnMut(&StoredEvent) -> std::io::Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc ORDER BY e.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(query_err)?;
        let mut rows = stmt.query([]).map_err(query_err)?;
        while let Some(row) = rows.next().map_err(query_err)? {
            let e = event_of(row).map_err(query_err)?;
            each(&e).map_err(|e| format!("writing: {e}"))?;
        }
        Ok(())
    }

    /// Every mention as (event key, document id), in event order: for evaluations.
    pub fn for_each_mention_doc(&self, mut each: impl FnMut(i64, String)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT m.event, d.doc_id FROM mentions m JOIN documents d ON d.id = m.doc
                 ORDER BY m.event, m.id",
            )
            .map_err(query_err)?;
        let mut rows = stmt.query([]).map_err(query_err)?;
        while let Some(r) = rows.next().map_err(query_err)? {
            each(r.get(0).map_err(query_err)?, r.get(1).map_err(query_err)?);
        }
        Ok(())
    }

    /// How many distinct documents report the event with store key `key`.
    pub fn sources(&self, key: i64) -> Result<u64> {
        self.conn
            .query_row(
                "SELECT count(DISTINCT doc) FROM mentions WHERE event = ?1",
                [key],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(sql_err("sources"))
    }
}

/// A page of [`Store::query`]: the statement and its parameters. A page past the first
/// skips its offset in the driving index alone and reads only its own events' rows (not
/// every skipped one's), then puts that page in order.
fn query_sql(q: &EventQuery) -> (String, Vec<Value>) {
    let mut b = build(q);
    b.params.extend(page(q.limit, q.offset).map(Value::Integer));
    let n = b.params.len();
    let sql = if q.offset > 0 && q.limit.is_some() {
        let order: Vec<&str> = b.order.split(", ").collect();
        let named: Vec<String> = order
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} AS o{i}"))
            .collect();
        let outer: Vec<String> = (0..order.len()).map(|i| format!("x.o{i}")).collect();
        format!(
            "SELECT {EVENT_COLUMNS} FROM (
                 SELECT {} AS k, {} FROM {} {} ORDER BY {} LIMIT ?{} OFFSET ?{}) x
             JOIN events e ON e.id = x.k JOIN documents d ON d.id = e.doc
             ORDER BY {}",
            b.event_key(),
            named.join(", "),
            b.count_from(),
            where_sql(&b.clauses),
            b.order,
            n - 1,
            n,
            outer.join(", ")
        )
    } else {
        format!(
            "SELECT {EVENT_COLUMNS} FROM {} {} ORDER BY {} LIMIT ?{} OFFSET ?{}",
            b.page_from(),
            where_sql(&b.clauses),
            b.order,
            n - 1,
            n
        )
    };
    (sql, b.params)
}

/// A timeline's statement. An actor pair reads the pair index in both directions, merged in
/// date order (a `UNION` of two ordered index ranges, which SQLite merges without sorting),
/// and only the page's events are then read.
fn timeline_sql(t: &Timeline, limit: Option<u64>, offset: u64) -> (String, Vec<Value>) {
    let [limit, offset] = page(limit, offset).map(Value::Integer);
    match t {
        Timeline::Storyline(id) => (
            format!(
                "SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc
                 WHERE e.storyline = ?1 ORDER BY e.date, e.id LIMIT ?2 OFFSET ?3"
            ),
            vec![Value::Integer(*id), limit, offset],
        ),
        Timeline::Actors(a, b) => (
            format!(
                "SELECT {EVENT_COLUMNS} FROM (
                     SELECT date, event FROM event_pairs WHERE actor = ?1 AND recipient = ?2
                     UNION
                     SELECT date, event FROM event_pairs WHERE actor = ?2 AND recipient = ?1
                     ORDER BY 1, 2 LIMIT ?3 OFFSET ?4) p
                 JOIN events e ON e.id = p.event JOIN documents d ON d.id = e.doc
                 ORDER BY p.date, p.event"
            ),
            vec![
                Value::Text(a.clone()),
                Value::Text(b.clone()),
                limit,
                offset,
            ],
        ),
    }
}

fn query_err(e: rusqlite::Error) -> String {
    format!("query: {e}")
}

/// With a full-text filter, a failing statement is almost always its FTS5 syntax: say so.
fn text_err(q: &EventQuery, e: String) -> String {
    match &q.text {
        Some(t) if !e.contains("does not read back") => {
            format!("bad full-text query {t:?} (FTS5 syntax: words, \"phrases\", AND, OR, NOT, prefix*): {e}")
        }
        _ => e,
    }
}
