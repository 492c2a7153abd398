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

const EVENT_COLUMNS: &str = "e.id, e.event_id, d.doc_id, e.date, e.date_precision, e.pub_date,
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

fn event_of(row: &Row) -> rusqlite::Result<StoredEvent> {
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
    from: String,
    order: &'static str,
    clauses: Vec<String>,
    params: Vec<Value>,
}

/// How many index rows (up to a cap) a code has in a role, optionally for one event type:
/// enough to tell a rare code from a common one when choosing which side drives a query.
fn code_rows(
    conn: &rusqlite::Connection,
    code: &str,
    role: i64,
    kind: Option<&str>,
) -> rusqlite::Result<i64> {
    const CAP: i64 = 20_000;
    match kind {
        Some(k) => conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM event_actors
                 WHERE code = ?1 AND role = ?2 AND kind = ?3 LIMIT ?4)",
            )?
            .query_row(rusqlite::params![code, role, k, CAP], |r| r.get(0)),
        None => conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM event_actors
                 WHERE code = ?1 AND role = ?2 LIMIT ?3)",
            )?
            .query_row(rusqlite::params![code, role, CAP], |r| r.get(0)),
    }
}

/// `SELECT date, event` of the events where parameter `?driver` has role `dr` and
/// `?probe` role `pr`: read from the driver's index in date order, checked against the
/// probe's by primary-key lookups.
fn pair_select(driver: usize, dr: i64, probe: usize, pr: i64) -> String {
    format!(
        "SELECT x.event FROM event_actors x
         WHERE x.code = ?{driver} AND x.role = {dr} AND EXISTS (
             SELECT 1 FROM event_actors y WHERE y.code = ?{probe} AND y.role = {pr}
             AND y.date = x.date AND y.event = x.event)"
    )
}

fn build(conn: &rusqlite::Connection, q: &EventQuery) -> rusqlite::Result<Built> {
    let mut b = Built {
        from: "events e JOIN documents d ON d.id = e.doc".into(),
        order: "e.date, e.id",
        clauses: Vec::new(),
        params: Vec::new(),
    };
    let p = |b: &mut Built, v: Value| {
        b.params.push(v);
        format!("?{}", b.params.len())
    };
    let kind = q.event.map(|t| t.as_str());
    // An actor or recipient filter drives the query from the code index, which is in date
    // order (per event type too): a page then reads only its own rows however common the
    // code is. With both, the rarer code drives and the other is looked up per row.
    let driving = match (&q.actor, &q.recipient) {
        (Some(_), None) => Some(0),
        (None, Some(_)) => Some(1),
        (Some(a), Some(r)) => Some(i64::from(
            code_rows(conn, r, 1, kind)? < code_rows(conn, a, 0, kind)?,
        )),
        (None, None) => None,
    };
    let mut type_done = false;
    for (role, code) in [(0, &q.actor), (1, &q.recipient)] {
        let Some(code) = code else { continue };
        let n = p(&mut b, Value::Text(code.clone()));
        if Some(role) == driving {
            b.from =
                "event_actors a JOIN events e ON e.id = a.event JOIN documents d ON d.id = e.doc"
                    .to_string();
            b.order = "a.date, a.event";
            b.clauses.push(format!("a.code = {n} AND a.role = {role}"));
            if let Some(k) = kind {
                let n = p(&mut b, Value::Text(k.into()));
                b.clauses.push(format!("a.kind = {n}"));
                type_done = true;
            }
        } else {
            b.clauses.push(format!(
                "EXISTS (SELECT 1 FROM event_actors r WHERE r.code = {n} AND r.role = {role}
                         AND r.date = e.date AND r.event = e.id)"
            ));
        }
    }
    let date_col = if b.order.starts_with("a.") {
        "a.date"
    } else {
        "e.date"
    };
    if let (Some(k), false) = (kind, type_done) {
        let n = p(&mut b, Value::Text(k.into()));
        b.clauses.push(format!("e.event = {n}"));
    }
    if let Some(d) = &q.date_from {
        let n = p(&mut b, Value::Text(d.clone()));
        b.clauses.push(format!("{date_col} >= {n}"));
    }
    if let Some(d) = &q.date_to {
        let n = p(&mut b, Value::Text(d.clone()));
        b.clauses.push(format!("{date_col} <= {n}"));
    }
    if let Some(c) = &q.country {
        let n = p(&mut b, Value::Text(c.clone()));
        b.clauses.push(format!("e.place_country = {n}"));
    }
    if let Some(s) = q.storyline {
        let n = p(&mut b, Value::Integer(s));
        b.clauses.push(format!("e.storyline = {n}"));
    }
    if let Some(t) = &q.text {
        let n = p(&mut b, Value::Text(t.clone()));
        b.clauses.push(format!(
            "e.id IN (SELECT m.event FROM sentences_fts f
                      JOIN sentences s ON s.id = f.rowid
                      JOIN mentions m ON m.doc = s.doc AND m.sentence = s.idx
                      WHERE sentences_fts MATCH {n})"
        ));
    }
    Ok(b)
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
        let mut b = build(&self.conn, q).map_err(|e| text_err(q, query_err(e)))?;
        b.params.extend(page(q.limit, q.offset).map(Value::Integer));
        let n = b.params.len();
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM {} {} ORDER BY {} LIMIT ?{} OFFSET ?{}",
            b.from,
            where_sql(&b.clauses),
            b.order,
            n - 1,
            n
        );
        self.events(&sql, b.params).map_err(|e| text_err(q, e))
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
        let b = build(&self.conn, q).map_err(|e| text_err(q, query_err(e)))?;
        let sql = format!("SELECT count(*) FROM {} {}", b.from, where_sql(&b.clauses));
        self.conn
            .query_row(&sql, params_from_iter(b.params), |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(query_err)
            .map_err(|e| text_err(q, e))
    }

    /// How many events match `q`, counting no further than `cap` (so that a count on a huge
    /// store costs a bounded time): the result is `min(count, cap)`.
    pub fn count_up_to(&self, q: &EventQuery, cap: u64) -> Result<u64> {
        let mut b = build(&self.conn, q).map_err(|e| text_err(q, query_err(e)))?;
        b.params
            .push(Value::Integer(cap.min(i64::MAX as u64) as i64));
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM {} {} LIMIT ?{})",
            b.from,
            where_sql(&b.clauses),
            b.params.len()
        );
        self.conn
            .query_row(&sql, params_from_iter(b.params), |r| r.get::<_, i64>(0))
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
        let mut params: Vec<Value> = Vec::new();
        let filter = match t {
            Timeline::Storyline(id) => {
                params.push(Value::Integer(*id));
                "e.storyline = ?1".to_string()
            }
            Timeline::Actors(a, b) => {
                params.push(Value::Text(a.clone()));
                params.push(Value::Text(b.clone()));
                // Each direction driven by its rarer side.
                let rows = |code: &str, role| code_rows(&self.conn, code, role, None);
                let mut sides = Vec::new();
                for (x, y, xi, yi) in [(a, b, 1, 2), (b, a, 2, 1)] {
                    let (rx, ry) = (
                        rows(x, 0).map_err(query_err)?,
                        rows(y, 1).map_err(query_err)?,
                    );
                    sides.push(if ry < rx {
                        pair_select(yi, 1, xi, 0)
                    } else {
                        pair_select(xi, 0, yi, 1)
                    });
                }
                format!("e.id IN ({} UNION {})", sides[0], sides[1])
            }
        };
        params.extend(page(limit, offset).map(Value::Integer));
        let n = params.len();
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc
             WHERE {filter} ORDER BY e.date, e.id LIMIT ?{} OFFSET ?{}",
            n - 1,
            n
        );
        self.events(&sql, params)
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
                "SELECT code, sum(role = 0), sum(role = 1) FROM event_actors GROUP BY code
                 ORDER BY count(*) DESC, code LIMIT ?1 OFFSET ?2",
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
