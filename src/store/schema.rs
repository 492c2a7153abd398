//! The store's tables, created on first open. `SCHEMA_VERSION` changes whenever a table does;
//! opening a store of another version is refused rather than guessed at.

pub const SCHEMA_VERSION: i64 = 2;

/// Connection settings for a writer: WAL so that readers (`serve`, `query`) never block the
/// ingest and a killed process leaves the last committed batch intact; NORMAL sync is
/// durable across process crashes in WAL mode (only an OS crash can lose the last commit).
pub const WRITER_PRAGMAS: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA busy_timeout = 5000;
";

/// Connection settings for readers: a larger page cache and memory-mapped reads, so that a
/// page of results from a large store costs no system calls once the file is cached.
pub const READER_PRAGMAS: &str = "
PRAGMA cache_size = -65536;
PRAGMA mmap_size = 1073741824;
PRAGMA temp_store = MEMORY;
";

/// Bring a version-1 store to version 2 (run after [`TABLES`], which creates the new tables):
/// fill the pair index, the actor counts and the event full text from what is stored, and
/// drop the sentence full-text index that the event one replaces.
pub const MIGRATE_1_TO_2: &str = "
INSERT OR IGNORE INTO event_pairs(actor, recipient, date, event, kind)
    SELECT a.code, r.code, a.date, a.event, a.kind
    FROM event_actors a JOIN event_actors r ON r.event = a.event AND r.role = 1
    WHERE a.role = 0;
INSERT OR REPLACE INTO actor_counts(code, as_actor, as_recipient, total)
    SELECT code, sum(role = 0), sum(role = 1), count(*) FROM event_actors GROUP BY code;
DROP TABLE IF EXISTS sentences_fts;
";

pub const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per input document. `doc_id` is the input's id; `content_hash` covers its date,
-- title and text, so that re-ingesting it is recognised and skipped.
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    pub_date     TEXT,
    title        TEXT,
    url          TEXT,
    extra        TEXT NOT NULL DEFAULT '{}',   -- JSON object of the input's other fields
    text         TEXT NOT NULL,
    n_sentences  INTEGER NOT NULL,
    n_events     INTEGER NOT NULL             -- coded events (mentions), before merging
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);

-- Sentences with Unicode-scalar offsets into documents.text (the contract's offsets).
CREATE TABLE IF NOT EXISTS sentences (
    id    INTEGER PRIMARY KEY,
    doc   INTEGER NOT NULL REFERENCES documents(id),
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    UNIQUE (doc, idx)
);


-- Storylines are assigned by the storyline linker; until it runs, events.storyline is NULL.
CREATE TABLE IF NOT EXISTS storylines (
    id    INTEGER PRIMARY KEY,
    label TEXT NOT NULL
);

-- One row per real happening. The record fields are those of its first mention; `mentions`
-- counts every mention (the first included). List and object fields are JSON.
CREATE TABLE IF NOT EXISTS events (
    id              INTEGER PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,     -- the contract id of the first mention
    doc             INTEGER NOT NULL REFERENCES documents(id),
    date            TEXT NOT NULL,
    date_precision  TEXT NOT NULL,
    pub_date        TEXT NOT NULL,
    event           TEXT NOT NULL,            -- PLOVER type
    mode            TEXT,
    cameo           TEXT NOT NULL,
    quad_code       INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    actor           TEXT NOT NULL,            -- JSON list of ACTOR
    recipient       TEXT NOT NULL,            -- JSON list of ACTOR
    negated         INTEGER NOT NULL,
    future          INTEGER NOT NULL,
    event_text      TEXT NOT NULL,
    event_loc       TEXT,                     -- JSON LOCATION or NULL
    place_country   TEXT,                     -- event_loc.country_code, indexed
    topics          TEXT NOT NULL,            -- JSON list
    excluded_topics TEXT NOT NULL,            -- JSON list
    sentence        INTEGER NOT NULL,         -- text_info of the first mention
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    sentence_text   TEXT NOT NULL,
    storyline       INTEGER REFERENCES storylines(id),
    match_key       TEXT NOT NULL,            -- see store::dedup
    mentions        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS events_date ON events(date, id);
CREATE INDEX IF NOT EXISTS events_type_date ON events(event, date);
CREATE INDEX IF NOT EXISTS events_country_date ON events(place_country, date);
CREATE INDEX IF NOT EXISTS events_storyline_date ON events(storyline, date);
CREATE INDEX IF NOT EXISTS events_match ON events(match_key, date);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);

-- Actor and recipient codes of each event, one row per code and role (0 actor, 1
-- recipient), with the event's date so that a filtered page reads in date order.
-- kind is the event's PLOVER type, so that one actor's events of one type read in date order too.
CREATE TABLE IF NOT EXISTS event_actors (
    code  TEXT NOT NULL,
    role  INTEGER NOT NULL,
    date  TEXT NOT NULL,
    event INTEGER NOT NULL REFERENCES events(id),
    kind  TEXT NOT NULL,
    PRIMARY KEY (code, role, date, event)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_actors_kind ON event_actors(code, role, kind, date, event);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event);

-- Every (actor code, recipient code) of an event, in date order: `--actor X --recipient Y`
-- and the timeline of a pair read one index range instead of intersecting two.
CREATE TABLE IF NOT EXISTS event_pairs (
    actor     TEXT NOT NULL,
    recipient TEXT NOT NULL,
    date      TEXT NOT NULL,
    event     INTEGER NOT NULL REFERENCES events(id),
    kind      TEXT NOT NULL,
    PRIMARY KEY (actor, recipient, date, event)
) WITHOUT ROWID;

-- How often each code acts and is acted upon, kept up to date at ingest (what `/api/actors`
-- lists, without a GROUP BY over every code row).
CREATE TABLE IF NOT EXISTS actor_counts (
    code         TEXT PRIMARY KEY,
    as_actor     INTEGER NOT NULL,
    as_recipient INTEGER NOT NULL,
    total        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_counts_total ON actor_counts(total DESC, code);

-- Full text of the sentences that report each event (every mention's sentence), indexed
-- only (contentless: the text lives once, in `sentences`). The rowid is the event's
-- `store::fts::rowid`: its date in the high bits and its key in the low ones,
-- so that matches come out in the events' date order and a page stops early.
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    text, content = '', contentless_delete = 1
);

-- Every report of an event: the coded record's own id, its document and sentence, and the
-- trigger's character span in the document when the trigger words occur in the sentence.
CREATE TABLE IF NOT EXISTS mentions (
    id            INTEGER PRIMARY KEY,
    event         INTEGER NOT NULL REFERENCES events(id),
    record_id     TEXT NOT NULL,
    doc           INTEGER NOT NULL REFERENCES documents(id),
    sentence      INTEGER NOT NULL,
    trigger_start INTEGER,
    trigger_end   INTEGER,
    event_text    TEXT NOT NULL,
    UNIQUE (doc, sentence, record_id)
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);
";
