//! Writing to the store: documents with their sentences and coded events, one transaction
//! per batch.
//!
//! Idempotence: a document whose id is stored with the same content hash is skipped
//! (`Unchanged`); with another hash it is refused (`Conflict`), never silently replaced.
//! A batch commits whole or not at all, so a run killed at any point leaves a prefix of the
//! documents stored, and a rerun over the same inputs stores exactly the rest.

use super::dedup::{self, Candidate};
use super::{sql_err, Result, Store};
use crate::code::CodedEvent;
use crate::doc::Doc;
use crate::event::{EventRecord, Location};
use crate::model::hash::hash_bytes;
use rusqlite::{params, OptionalExtension, Transaction};

/// What became of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentOutcome {
    /// Stored: how many of its coded events are new happenings, how many were merged into
    /// events already stored (as further mentions).
    Stored { new_events: usize, merged: usize },
    /// Already stored with the same content: nothing changed.
    Unchanged,
    /// Its id is stored with other content; refused, with the reason.
    Conflict(String),
}

/// What one batch did, document by document, in input order.
pub type BatchReport = Vec<DocumentOutcome>;

/// The content hash of a document: its date, title and text (128 bits, hex).
pub fn content_hash(doc: &Doc) -> String {
    let mut bytes = Vec::with_capacity(doc.text.len() + 64);
    bytes.extend_from_slice(doc.meta.date.as_deref().unwrap_or("").as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(doc.meta.title.as_deref().unwrap_or("").as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(doc.text.as_bytes());
    let a = hash_bytes(&bytes);
    bytes.push(0xff);
    let b = hash_bytes(&bytes);
    format!("{a:016x}{b:016x}")
}

impl Store {
    /// Store a batch of annotated documents with their coded events, in one transaction.
    pub fn ingest_batch(&mut self, batch: &[(Doc, Vec<CodedEvent>)]) -> Result<BatchReport> {
        let tx = self.conn.transaction().map_err(sql_err("begin"))?;
        let mut report = Vec::with_capacity(batch.len());
        for (doc, events) in batch {
            report.push(ingest_doc(&tx, doc, events).map_err(|e| format!("{}: {e}", doc.meta.id))?);
        }
        tx.commit().map_err(sql_err("commit"))?;
        Ok(report)
    }
}

fn ingest_doc(
    tx: &Transaction,
    doc: &Doc,
    events: &[CodedEvent],
) -> std::result::Result<DocumentOutcome, rusqlite::Error> {
    let hash = content_hash(doc);
    let stored: Option<String> = tx
        .prepare_cached("SELECT content_hash FROM documents WHERE doc_id = ?1")?
        .query_row([&doc.meta.id], |r| r.get(0))
        .optional()?;
    match stored {
        Some(h) if h == hash => return Ok(DocumentOutcome::Unchanged),
        Some(_) => {
            return Ok(DocumentOutcome::Conflict(format!(
                "document {:?} is already stored with other content; not replaced",
                doc.meta.id
            )))
        }
        None => {}
    }
    let extra = serde_json::Value::Object(doc.meta.extra.clone()).to_string();
    tx.prepare_cached(
        "INSERT INTO documents(doc_id, content_hash, pub_date, title, url, extra, text,
                               n_sentences, n_events)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        doc.meta.id,
        hash,
        doc.meta.date,
        doc.meta.title,
        doc.meta.url,
        extra,
        doc.text,
        doc.sentences.len() as i64,
        events.len() as i64,
    ])?;
    let doc_key = tx.last_insert_rowid();

    // Sentences, with scalar offsets counted in one pass over the text.
    let mut sentence_chars: Vec<(usize, usize)> = Vec::with_capacity(doc.sentences.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_chars = |b: usize| {
        let b = b.min(doc.text.len());
        if b >= byte {
            chars += doc.text.get(byte..b).map_or(0, |s| s.chars().count());
            byte = b;
            chars
        } else {
            doc.char_offset(b)
        }
    };
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO sentences(doc, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, s) in doc.sentences.iter().enumerate() {
            let (start, end) = (to_chars(s.start), to_chars(s.end));
            sentence_chars.push((start, end));
            let text = doc.slice(s.start, s.end);
            ins.execute(params![doc_key, i as i64, start as i64, end as i64, text])?;
        }
    }

    let (mut new_events, mut merged) = (0, 0);
    for e in events {
        let r = &e.record;
        let key = dedup::match_key(r);
        let found = find_same(tx, &key, r)?;
        let (event_key, event_date) = match found {
            Some((k, date)) => {
                merged += 1;
                tx.prepare_cached("UPDATE events SET mentions = mentions + ?2 WHERE id = ?1")?
                    .execute(params![k, 1 + e.mentions.len() as i64])?;
                (k, date)
            }
            None => {
                new_events += 1;
                (insert_event(tx, doc_key, &key, e)?, r.date.clone())
            }
        };
        let mut ins = tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions(event, record_id, doc, sentence, trigger_start,
                                            trigger_end, event_text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for si in std::iter::once(r.text_info.sentence).chain(e.mentions.iter().copied()) {
            let trigger =
                doc.sentences
                    .get(si)
                    .zip(sentence_chars.get(si))
                    .and_then(|(s, &(start, _))| {
                        let text = doc.slice(s.start, s.end);
                        let at = text
                            .find(r.event_text.as_str())
                            .filter(|_| !r.event_text.is_empty())?;
                        let from = start + text[..at].chars().count();
                        Some((from, from + r.event_text.chars().count()))
                    });
            ins.execute(params![
                event_key,
                r.id,
                doc_key,
                si as i64,
                trigger.map(|t| t.0 as i64),
                trigger.map(|t| t.1 as i64),
                r.event_text,
            ])?;
        }
        super::fts::index_event(tx, event_key, &event_date)?;
    }
    Ok(DocumentOutcome::Stored { new_events, merged })
}

/// A stored event that is the same happening as `r`, if any (the earliest stored): its key
/// and date.
fn find_same(
    tx: &Transaction,
    key: &str,
    r: &EventRecord,
) -> std::result::Result<Option<(i64, String)>, rusqlite::Error> {
    let Some(day) = dedup::day_number(&r.date) else {
        return Ok(None);
    };
    let from = dedup::date_of_day(day - dedup::WINDOW_DAYS);
    let to = dedup::date_of_day(day + dedup::WINDOW_DAYS);
    let mine = Candidate::of(r);
    let mut stmt = tx.prepare_cached(
        "SELECT id, date, date_precision, event_loc, sentence_text FROM events
         WHERE match_key = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY id",
    )?;
    let mut rows = stmt.query(params![key, from, to])?;
    while let Some(row) = rows.next()? {
        let loc: Option<String> = row.get(3)?;
        let theirs = Candidate {
            date: row.get::<_, String>(1)?,
            date_precision: row.get(2)?,
            // A place that does not read back is no place.
            event_loc: loc.and_then(|l| serde_json::from_str::<Location>(&l).ok()),
            // Same match key: they name someone exactly when this record does.
            names_someone: mine.names_someone,
            sentence: row.get(4)?,
        };
        if dedup::same_happening(&mine, &theirs) {
            return Ok(Some((row.get(0)?, theirs.date)));
        }
    }
    Ok(None)
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn insert_event(
    tx: &Transaction,
    doc_key: i64,
    key: &str,
    e: &CodedEvent,
) -> std::result::Result<i64, rusqlite::Error> {
    let r = &e.record;
    tx.prepare_cached(
        "INSERT INTO events(event_id, doc, date, date_precision, pub_date, event, mode, cameo,
             quad_code, goldstein, actor, recipient, negated, future, event_text, event_loc,
             place_country, topics, excluded_topics, sentence, start, end, sentence_text,
             match_key, mentions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(params![
        r.id,
        doc_key,
        r.date,
        r.date_precision,
        r.pub_date,
        r.event.as_str(),
        r.mode,
        r.cameo,
        r.quad_code,
        r.goldstein,
        json(&r.actor),
        json(&r.recipient),
        r.negated,
        r.future,
        r.event_text,
        r.event_loc.as_ref().map(json),
        r.event_loc.as_ref().map(|l| l.country_code.as_str()),
        json(&r.topics),
        json(&r.excluded_topics),
        r.text_info.sentence as i64,
        r.text_info.start as i64,
        r.text_info.end as i64,
        r.text_info.text,
        key,
        1 + e.mentions.len() as i64,
    ])?;
    let id = tx.last_insert_rowid();
    index_codes(tx, id, &r.date, r.event.as_str(), &r.actor, &r.recipient)?;
    Ok(id)
}

/// The codes an actor list is indexed under: each actor's country code and full CAMEO code,
/// so that `--actor USA` and `--actor USAGOV` both find it (each code once).
fn codes(list: &[crate::event::ActorRef]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(2 * list.len());
    for a in list {
        for code in [a.code.as_str(), a.cameo.as_str()] {
            if !code.is_empty() && !out.contains(&code) {
                out.push(code);
            }
        }
    }
    out
}

/// Index a new event under its actor and recipient codes ([`insert_actor_codes`]) and under
/// every (actor code, recipient code) pair.
pub(crate) fn index_codes(
    tx: &rusqlite::Connection,
    event: i64,
    date: &str,
    kind: &str,
    actors: &[crate::event::ActorRef],
    recipients: &[crate::event::ActorRef],
) -> std::result::Result<(), rusqlite::Error> {
    insert_actor_codes(tx, event, date, kind, 0, actors)?;
    insert_actor_codes(tx, event, date, kind, 1, recipients)?;
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_pairs(actor, recipient, date, event, kind)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let recipient_codes = codes(recipients);
    for a in codes(actors) {
        for r in &recipient_codes {
            ins.execute(params![a, r, date, event, kind])?;
        }
    }
    Ok(())
}

/// Index an event under each code of one role, counting each new (code, role) row in
/// `actor_counts`.
fn insert_actor_codes(
    tx: &rusqlite::Connection,
    event: i64,
    date: &str,
    kind: &str,
    role: i64,
    list: &[crate::event::ActorRef],
) -> std::result::Result<(), rusqlite::Error> {
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_actors(code, role, date, event, kind)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut count = tx.prepare_cached(
        "INSERT INTO actor_counts(code, as_actor, as_recipient, total) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT(code) DO UPDATE SET as_actor = as_actor + excluded.as_actor,
             as_recipient = as_recipient + excluded.as_recipient, total = total + 1",
    )?;
    for code in codes(list) {
        if ins.execute(params![code, role, date, event, kind])? == 1 {
            count.execute(params![code, i64::from(role == 0), i64::from(role == 1)])?;
        }
    }
    Ok(())
}
