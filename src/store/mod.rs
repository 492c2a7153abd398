//! The event store: coded documents kept in one SQLite file (WAL), queried later.
//!
//! Writing: [`Store::open`] then [`Store::ingest_batch`] with annotated documents and their
//! coded events ([`ingest`]); a batch is one transaction, a document already stored with the
//! same content is skipped, and every coded event either becomes a new event or a mention
//! of a stored one ([`dedup`]).
//!
//! Reading (what `query`, `timeline`, `export` and `serve` use), all on a store opened with
//! [`Store::open_read_only`]:
//! - [`Store::query`] / [`Store::count`]: events matching an [`EventQuery`] (actor,
//!   recipient, type, date range, place country, storyline, full text), in date order,
//!   paged with `limit`/`offset`;
//! - [`Store::timeline`]: every event of a storyline, or between two actors in either
//!   direction, in date order;
//! - [`Store::document`]: a document's text, sentences and the spans of every event mention
//!   in it (for highlighting);
//! - [`Store::mentions`]: every report of one event;
//! - [`Store::storylines`], [`Store::actors`]: what there is to filter by, with counts.
//!
//! ```no_run
//! use dragoman::store::{EventQuery, Store};
//! let store = Store::open_read_only("dragoman.db".as_ref()).unwrap();
//! let q = EventQuery { actor: Some("USA".into()), limit: Some(20), ..EventQuery::default() };
//! for e in store.query(&q).unwrap() {
//!     println!("{} {} {} mentions", e.record.date, e.record.event, e.mentions);
//! }
//! ```
//!
//! Architecture invariant: every statement is parameterised (no value is ever spliced into
//! SQL text); the store never panics on what it reads back.

pub mod dedup;
pub mod export;
pub mod export_parquet;
pub mod fts;
pub mod ingest;
pub mod link;
pub mod read;
pub mod schema;
pub mod synth;

pub use ingest::{BatchReport, DocumentOutcome};
pub use link::LinkReport;
pub use read::{
    ActorCount, DocumentView, EventQuery, MentionView, SentenceView, StoredEvent, Storyline,
    Timeline,
};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// The default store file of the commands.
pub const DEFAULT_DB: &str = "dragoman.db";

#[derive(Debug)]
/// An open store. Not `Sync`: open one per thread (SQLite handles the sharing).
pub struct Store {
    pub(crate) conn: Connection,
}

/// Errors of the store, as text naming the file or the operation.
pub type Result<T> = std::result::Result<T, String>;

pub(crate) fn sql_err(what: &str) -> impl Fn(rusqlite::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

impl Store {
    /// Open (creating if needed) a store for writing.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let store = Store { conn };
        store
            .conn
            .execute_batch(schema::WRITER_PRAGMAS)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        store.create_schema(path)?;
        Ok(store)
    }

    /// Open an existing store read-only (it must exist and be of this version).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(format!(
                "{}: no such store (create it with `dragoman ingest --db {}`)",
                path.display(),
                path.display()
            ));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        conn.execute_batch(schema::READER_PRAGMAS)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let store = Store { conn };
        store.check_version(path)?;
        Ok(store)
    }

    /// An in-memory store, for tests and benchmarks.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
        let store = Store { conn };
        store.create_schema(Path::new(":memory:"))?;
        Ok(store)
    }

    fn create_schema(&self, path: &Path) -> Result<()> {
        let err = |e: rusqlite::Error| format!("{}: {e}", path.display());
        let version: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .or_else(|e| match e {
                // A new file has no `meta` table yet.
                rusqlite::Error::SqliteFailure(_, Some(ref m)) if m.contains("no such table") => {
                    Ok(None)
                }
                e => Err(e),
            })
            .map_err(err)?;
        match version {
            Some(v) if v == "1" => self.migrate_1_to_2(path),
            Some(_) => self.check_version(path),
            None => {
                self.conn.execute_batch(schema::TABLES).map_err(err)?;
                self.conn
                    .execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)",
                        [schema::SCHEMA_VERSION.to_string()],
                    )
                    .map_err(err)?;
                Ok(())
            }
        }
    }

    /// Upgrade a version-1 store in one transaction (see [`schema::MIGRATE_1_TO_2`]).
    fn migrate_1_to_2(&self, path: &Path) -> Result<()> {
        let err = |e: rusqlite::Error| format!("{}: upgrading the store: {e}", path.display());
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        tx.execute_batch(schema::TABLES).map_err(err)?;
        tx.execute_batch(schema::MIGRATE_1_TO_2).map_err(err)?;
        let events = {
            let mut stmt = tx.prepare("SELECT id, date FROM events").map_err(err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .map_err(err)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err)?
        };
        for (key, date) in events {
            fts::index_event(&tx, key, &date).map_err(err)?;
        }
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
            [schema::SCHEMA_VERSION.to_string()],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    fn check_version(&self, path: &Path) -> Result<()> {
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| format!("{}: not a dragoman store ({e})", path.display()))?;
        match v {
            Some(v) if v == schema::SCHEMA_VERSION.to_string() => Ok(()),
            Some(v) if v == "1" => Err(format!(
                "{}: store schema version 1; upgrade it to version {} once by ingesting \
                 into it: `dragoman ingest --db {} PATH` (documents already stored are \
                 skipped, so its own inputs will do)",
                path.display(),
                schema::SCHEMA_VERSION,
                path.display()
            )),
            Some(v) => Err(format!(
                "{}: store schema version {v}, this dragoman reads version {}",
                path.display(),
                schema::SCHEMA_VERSION
            )),
            None => Err(format!("{}: not a dragoman store", path.display())),
        }
    }

    /// Refresh the query planner's statistics (after a large ingest).
    pub fn optimize(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA optimize; ANALYZE;")
            .map_err(sql_err("analyze"))
    }

    /// Counts of the main tables: documents, sentences, events, mentions.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(sql_err("count"))
        };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents")?,
            sentences: one("SELECT count(*) FROM sentences")?,
            events: one("SELECT count(*) FROM events")?,
            mentions: one("SELECT count(*) FROM mentions")?,
        })
    }

    /// Replace every storyline and the storyline of every event: `lines` are (id, label),
    /// `assign` (event key, storyline id); events not listed get none. One transaction.
    pub fn set_storylines(&mut self, lines: &[(i64, String)], assign: &[(i64, i64)]) -> Result<()> {
        let tx = self.conn.transaction().map_err(sql_err("storylines"))?;
        {
            let e = sql_err("storylines");
            tx.execute("UPDATE events SET storyline = NULL", [])
                .map_err(&e)?;
            tx.execute("DELETE FROM storylines", []).map_err(&e)?;
            let mut ins = tx
                .prepare("INSERT INTO storylines(id, label) VALUES (?1, ?2)")
                .map_err(&e)?;
            for (id, label) in lines {
                ins.execute(rusqlite::params![id, label]).map_err(&e)?;
            }
            let mut set = tx
                .prepare("UPDATE events SET storyline = ?2 WHERE id = ?1")
                .map_err(&e)?;
            for (event, line) in assign {
                set.execute([event, line]).map_err(&e)?;
            }
        }
        tx.commit().map_err(sql_err("storylines"))
    }
}

/// Sizes of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    pub documents: u64,
    pub sentences: u64,
    pub events: u64,
    pub mentions: u64,
}

#[cfg(test)]
mod tests;
