//! Linking stored documents into storylines ([`crate::story`]), incrementally.
//!
//! The linker's whole state ([`Storylines::to_json`]) is kept in `story_state` with the
//! last document key it has seen and the (publication date, id) of the latest document it
//! linked. Documents are linked in date order (then id), so that the storylines do not
//! depend on the order of ingestion: when every document stored since the last link comes
//! after the latest one linked (news ingested as it arrives), the saved state goes on with
//! just them — exactly what a relink from scratch gives, since that is one pass in the same
//! order; a document dated earlier (a backfill), a missing or unreadable state, or linking
//! parameters other than the saved ones relink the whole store from scratch. Either way
//! only what changed is written back: the storylines that changed and the events of the
//! documents placed.
//!
//! A document is linked with its own coded events: those it reported first (stored as
//! events) and those it reported again (stored as mentions of an earlier document's event,
//! with this document's sentence), so a follow-up report still joins its story.

use super::read::{event_of, EVENT_COLUMNS};
use super::{sql_err, Result, Store};
use crate::doc::DocMeta;
use crate::event::EventRecord;
use crate::story::{Changes, Params, Storylines};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::BTreeMap;

/// The linker's saved state (created on first link, so stores of schema version 2 get it
/// without an upgrade; only the writer reads it).
const STATE_TABLE: &str = "
CREATE TABLE IF NOT EXISTS story_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    through_doc INTEGER NOT NULL,   -- the highest document key linked (or skipped) so far
    last_date   TEXT,               -- publication date and id of the latest document linked
    last_id     TEXT NOT NULL,
    state       TEXT NOT NULL       -- Storylines::to_json
);
";

/// What one link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkReport {
    /// Storylines in the store.
    pub storylines: usize,
    /// Documents linked by this call.
    pub documents: usize,
    /// Whether the whole store was relinked from scratch (else only new documents).
    pub from_scratch: bool,
}

/// A document's place in the linking order.
type Position = (Option<String>, String);

impl Store {
    /// Link the documents stored since the last link into storylines (see the module doc:
    /// incrementally when they come after every linked one in date order, else the whole
    /// store from scratch; the result is the same either way). One transaction.
    pub fn link_storylines(&mut self) -> Result<LinkReport> {
        let e = sql_err("storylines");
        let tx = self.conn.transaction().map_err(&e)?;
        tx.execute_batch(STATE_TABLE).map_err(&e)?;
        let saved: Option<(i64, Option<String>, String, String)> = tx
            .query_row(
                "SELECT through_doc, last_date, last_id, state FROM story_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(&e)?;
        let through: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) FROM documents", [], |r| {
                r.get(0)
            })
            .map_err(&e)?;
        let params = Params::default();
        let resumed = saved.and_then(|(after, date, id, state)| {
            let lines = Storylines::from_json(&state).ok()?;
            (*lines.params() == params).then_some((after, (date, id), lines))
        });
        let mut incremental = None;
        if let Some((after, last, mut lines)) = resumed {
            let docs = stored_documents(&tx, after).map_err(&e)?;
            if docs.first().is_none_or(|(m, _)| position(m) > last) {
                for (meta, events) in &docs {
                    lines.assign(meta, events);
                }
                let last = docs.last().map_or(last, |(m, _)| position(m));
                incremental = Some((lines, last, docs.len()));
            }
        }
        let from_scratch = incremental.is_none();
        let (mut lines, last, documents) = match incremental {
            Some(done) => done,
            None => {
                let docs = stored_documents(&tx, 0).map_err(&e)?;
                let last = docs
                    .last()
                    .map_or((None, String::new()), |(m, _)| position(m));
                let n = docs.len();
                (Storylines::rebuild(params, docs), last, n)
            }
        };
        let changes = lines.take_changes();
        write_changes(&tx, &lines, &changes, from_scratch).map_err(&e)?;
        tx.execute(
            "INSERT OR REPLACE INTO story_state(id, through_doc, last_date, last_id, state)
             VALUES (1, ?1, ?2, ?3, ?4)",
            params![through, last.0, last.1, lines.to_json()],
        )
        .map_err(&e)?;
        let storylines: i64 = tx
            .query_row("SELECT count(*) FROM storylines", [], |r| r.get(0))
            .map_err(&e)?;
        tx.commit().map_err(&e)?;
        Ok(LinkReport {
            storylines: storylines as usize,
            documents,
            from_scratch,
        })
    }
}

fn position(meta: &DocMeta) -> Position {
    (meta.date.clone(), meta.id.clone())
}

/// The documents of key above `after` that have events (their own or mentions of stored
/// ones), each with its records, in linking order (publication date, then id).
fn stored_documents(
    tx: &Transaction,
    after: i64,
) -> rusqlite::Result<Vec<(DocMeta, Vec<EventRecord>)>> {
    let mut docs: BTreeMap<i64, (DocMeta, Vec<EventRecord>)> = BTreeMap::new();
    let mut add = |key: i64, title: Option<String>, record: EventRecord| {
        docs.entry(key)
            .or_insert_with(|| {
                let meta = DocMeta {
                    id: record.doc_id.clone(),
                    date: Some(record.pub_date.clone()),
                    title,
                    ..DocMeta::default()
                };
                (meta, Vec::new())
            })
            .1
            .push(record);
    };
    // Its own events (the column list reads the document's id as `d.doc_id`).
    let mut stmt = tx.prepare(&format!(
        "SELECT {EVENT_COLUMNS}, d.id, d.title FROM events e JOIN documents d ON d.id = e.doc
         WHERE e.doc > ?1 ORDER BY e.id"
    ))?;
    let mut rows = stmt.query([after])?;
    while let Some(row) = rows.next()? {
        add(row.get(25)?, row.get(26)?, event_of(row)?.record);
    }
    // Events it reported again, as this document's record (its own record id, sentence,
    // publication date); once per event, at its first such mention.
    let mut stmt = tx.prepare(&format!(
        "SELECT {EVENT_COLUMNS}, d.id, d.title, min(m.id), m.record_id, m.sentence, s.text,
                d.pub_date
         FROM mentions m JOIN events e ON e.id = m.event
              JOIN documents d ON d.id = m.doc
              JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence
         WHERE m.doc > ?1 AND m.doc != e.doc
         GROUP BY m.doc, m.event ORDER BY min(m.id)"
    ))?;
    let mut rows = stmt.query([after])?;
    while let Some(row) = rows.next()? {
        let mut r = event_of(row)?.record;
        r.id = row.get(28)?;
        r.text_info.sentence = row.get::<_, i64>(29)? as usize;
        r.text_info.text = row.get(30)?;
        if let Some(date) = row.get::<_, Option<String>>(31)? {
            r.pub_date = date;
        }
        add(row.get(25)?, row.get(26)?, r);
    }
    let mut docs: Vec<(DocMeta, Vec<EventRecord>)> = docs.into_values().collect();
    docs.sort_by(|(a, _), (b, _)| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    Ok(docs)
}

/// Write what linking changed: the storylines (new labels; those left empty removed) and
/// the storyline of every event of each document placed. From scratch, every storyline
/// is cleared first.
fn write_changes(
    tx: &Transaction,
    lines: &Storylines,
    changes: &Changes,
    from_scratch: bool,
) -> rusqlite::Result<()> {
    if from_scratch {
        tx.execute("UPDATE events SET storyline = NULL", [])?;
        tx.execute("DELETE FROM storylines", [])?;
    }
    let mut upsert = tx.prepare(
        "INSERT INTO storylines(id, label) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label",
    )?;
    let mut emptied = Vec::new();
    for &id in &changes.storylines {
        match lines.get(id) {
            Some(line) if !line.events.is_empty() => {
                upsert.execute(params![id.0 as i64, line.label])?;
            }
            _ => emptied.push(id.0 as i64),
        }
    }
    let mut set = tx.prepare(
        "UPDATE events SET storyline = ?1
         WHERE doc = (SELECT id FROM documents WHERE doc_id = ?2)",
    )?;
    for doc in &changes.documents {
        if let Some(line) = lines.of_document(doc) {
            set.execute(params![line.id.0 as i64, doc])?;
        }
    }
    let mut delete = tx.prepare("DELETE FROM storylines WHERE id = ?1")?;
    for id in emptied {
        delete.execute([id])?;
    }
    Ok(())
}
