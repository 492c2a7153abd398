//! `dragoman ingest`, `query`, `timeline` and `export` end to end, with the shipped models, on
//! the seed and a slice of the shared news; and the crash test: `kill -9` in the middle of an
//! ingest, rerun, and the store equals a clean ingest's.

mod common;
use common::dragoman;

use dragoman::store::{EventQuery, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run_ok(args: &[&str]) -> std::process::Output {
    let out = dragoman(args);
    assert!(
        out.status.success(),
        "dragoman {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The first `n` items of the shared current-events news, as a JSONL file in `dir`.
fn news_slice(dir: &Path, n: usize) -> std::path::PathBuf {
    let all = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news/current-events-2025.jsonl"),
    )
    .expect("the shared news beside the project");
    let lines: Vec<&str> = all.lines().take(n).collect();
    let path = dir.join("news.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// Everything a store holds that a rerun could lose or double, as comparable rows.
fn snapshot(db: &Path) -> (dragoman::store::Counts, Vec<(String, u64)>) {
    let s = Store::open_read_only(db).unwrap();
    let events = s
        .query(&EventQuery::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.record.id, e.mentions))
        .collect();
    (s.counts().unwrap(), events)
}

/// Every row of every table the store keeps, sorted (rows carry their keys, so ids and
/// order count), for an exact comparison of two stores. The full-text index's own tables
/// are left out: their segments follow the transactions' boundaries, which a batch closed
/// by the clock moves; what they index is compared through full-text queries instead.
fn dump(db: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'events_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 8, "{tables:?}");
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.extend(rows);
    }
    let s = Store::open_read_only(db).unwrap();
    for words in ["talks", "attack*", "\"prime minister\""] {
        let q = EventQuery {
            text: Some(words.into()),
            ..EventQuery::default()
        };
        let found = s.query(&q).unwrap();
        out.push(format!(
            "fts {words}: {:?}",
            found.iter().map(|e| &e.record.id).collect::<Vec<_>>()
        ));
    }
    out
}

/// Two dumps equal, else the rows each has alone (the first few).
fn assert_same(got: &[String], want: &[String], what: &str) {
    if got == want {
        return;
    }
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        let b: std::collections::HashSet<&String> = b.iter().collect();
        a.iter()
            .filter(|r| !b.contains(r))
            .take(6)
            .map(|r| r.chars().take(300).collect())
            .collect()
    };
    panic!(
        "{what}: the stores differ\nonly got: {:#?}\nonly wanted: {:#?}",
        only(got, want),
        only(want, got)
    );
}

#[test]
fn ingest_is_idempotent_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": \"x\", \"date\": \"2025-04-10\"}\n").unwrap();
    let out = dragoman(&[
        "ingest",
        "--db",
        db,
        "examples/seed-2025-04-10.txt",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a rejected document fails the run"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 documents read") || err.contains("1 documents read"),
        "{err}"
    );
    assert!(err.contains("1 stored (1 with events, 0 without)"), "{err}");
    assert!(
        err.contains("1 rejected") && err.contains("missing \"text\""),
        "{err}"
    );
    let first = snapshot(Path::new(db));
    assert!(first.0.events >= 3, "{first:?}");
    let out = run_ok(&["ingest", "--db", db, "examples/seed-2025-04-10.txt"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("0 stored") && err.contains("1 unchanged"),
        "{err}"
    );
    assert_eq!(snapshot(Path::new(db)), first);

    // query and timeline write contract records with `storyline` and a `mentions` count.
    let out = run_ok(&["query", "--db", db, "--actor", "USA", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(
            l["storyline"].is_u64() && l["mentions"].as_u64().unwrap() >= 1,
            "{l}"
        );
        assert_eq!(l["doc_id"], "403");
    }
    let out = run_ok(&[
        "timeline", "--db", db, "--actors", "RUS,USA", "--format", "csv",
    ]);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("id,doc_id,date,") && csv.lines().count() >= 2,
        "{csv}"
    );
    assert!(!dragoman(&["timeline", "--db", db]).status.success());
    assert!(!dragoman(&["query", "--db", db, "--text", "\"open"])
        .status
        .success());

    // GDELT: 61 event columns, 16 mention columns, one mention row per stored mention.
    let prefix = dir.path().join("g");
    run_ok(&[
        "export",
        "--db",
        db,
        "--format",
        "gdelt",
        "--out",
        prefix.to_str().unwrap(),
    ]);
    let events = std::fs::read_to_string(dir.path().join("g.export.CSV")).unwrap();
    let mentions = std::fs::read_to_string(dir.path().join("g.mentions.CSV")).unwrap();
    assert_eq!(events.lines().count() as u64, first.0.events);
    assert!(events.lines().all(|l| l.split('\t').count() == 61));
    assert_eq!(mentions.lines().count() as u64, first.0.mentions);
    assert!(mentions.lines().all(|l| l.split('\t').count() == 16));
}

#[test]
fn killed_mid_ingest_then_rerun_equals_a_clean_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let news = news_slice(dir.path(), 600);
    let news = news.to_str().unwrap();
    let clean = dir.path().join("clean.db");
    run_ok(&["ingest", "--db", clean.to_str().unwrap(), news]);
    let want = snapshot(&clean);
    assert!(
        want.0.documents == 600 && want.0.events > 100,
        "{:?}",
        want.0
    );

    let crashed = dir.path().join("crashed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args([
            "ingest",
            "--batch",
            "10",
            "--db",
            crashed.to_str().unwrap(),
            news,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some batches are committed and before it is done.
    let start = Instant::now();
    let mut killed_at = None;
    while start.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        let stored = Store::open_read_only(&crashed)
            .and_then(|s| s.counts())
            .map_or(0, |c| c.documents);
        if stored >= 30 {
            child.kill().unwrap(); // SIGKILL
            killed_at = Some(stored);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = child.wait().unwrap();
    let killed_at = killed_at.expect("the ingest finished before it could be killed");
    assert!(!status.success());
    assert!(killed_at < 600, "killed after the end");
    let partial = snapshot(&crashed).0;
    assert!(partial.documents < 600, "{partial:?}");

    run_ok(&["ingest", "--db", crashed.to_str().unwrap(), news]);
    assert_eq!(snapshot(&crashed), want);
    assert_same(&dump(&crashed), &dump(&clean), "rerun after a crash");
}

#[test]
fn coding_threads_change_nothing_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let news = news_slice(dir.path(), 300);
    let news = news.to_str().unwrap();
    let one = dir.path().join("one.db");
    run_ok(&[
        "ingest",
        "--threads",
        "1",
        "--db",
        one.to_str().unwrap(),
        news,
    ]);
    let want = dump(&one);
    assert!(want.iter().any(|r| r.starts_with("storylines: ")));
    assert!(want.iter().any(|r| r.starts_with("fts talks: [\"")));
    // Three threads (documents dealt out unevenly) and small batches: the same store. A
    // rerun with one new document stores it and skips the rest.
    let three = dir.path().join("three.db");
    let out = run_ok(&[
        "ingest",
        "--threads",
        "3",
        "--batch",
        "7",
        "--db",
        three.to_str().unwrap(),
        news,
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("300 stored"));
    assert_same(&dump(&three), &want, "three coding threads");
    let out = run_ok(&[
        "ingest",
        "--threads",
        "3",
        "--db",
        three.to_str().unwrap(),
        news,
        "examples/seed-2025-04-10.txt",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 stored") && err.contains("300 unchanged"),
        "{err}"
    );
}

#[test]
fn ingest_links_the_us_russia_rounds_into_one_storyline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let all = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news/current-events-2025.jsonl"),
    )
    .expect("the shared news beside the project");
    // A week of news around the Riyadh round, then the seed (April) in a later run.
    let week: Vec<&str> = all
        .lines()
        .filter(|l| (15..=19).any(|d| l.contains(&format!("\"date\": \"2025-02-{d}"))))
        .collect();
    let news = dir.path().join("week.jsonl");
    std::fs::write(&news, week.join("\n") + "\n").unwrap();
    run_ok(&["ingest", "--db", db, news.to_str().unwrap()]);
    run_ok(&["ingest", "--db", db, "examples/seed-2025-04-10.txt"]);
    let s = Store::open_read_only(Path::new(db)).unwrap();
    let events = s.query(&EventQuery::default()).unwrap();
    assert!(events.iter().all(|e| e.storyline.is_some()));
    let line_of = |doc: &str| {
        events
            .iter()
            .find(|e| e.record.doc_id == doc && e.record.event.as_str() == "CONSULT")
            .and_then(|e| e.storyline)
            .unwrap_or_else(|| panic!("no CONSULT event of {doc}"))
    };
    // The seed's rounds join the February talks: the announcement of 2025-02-16-006 ("Rubio
    // leads a delegation to Riyadh for initial talks with Russia") or the report of their
    // start, 2025-02-18-011. Those two can still stay apart, since the greedy linker does not
    // revisit a document (merging storylines is off by default), so either is accepted here.
    let seed = line_of("403");
    assert!(
        seed == line_of("2025-02-18-011") || seed == line_of("2025-02-16-006"),
        "the seed's storyline {seed} holds neither February report"
    );
    assert!(s.storylines(None, 0).unwrap().len() > 1);
}

/// The current-events items published on days `from..=to` of February 2025, as a file.
fn february(dir: &Path, name: &str, from: u32, to: u32) -> String {
    let all = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news/current-events-2025.jsonl"),
    )
    .expect("the shared news beside the project");
    let days: Vec<&str> = all
        .lines()
        .filter(|l| (from..=to).any(|d| l.contains(&format!("\"date\": \"2025-02-{d:02}"))))
        .collect();
    assert!(days.len() > 20, "{name}: {} items", days.len());
    let path = dir.join(name);
    std::fs::write(&path, days.join("\n") + "\n").unwrap();
    path.to_str().unwrap().to_string()
}

/// Drop the linker's saved state, so that the next ingest relinks from scratch.
fn forget_storyline_state(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute("DELETE FROM story_state", []).unwrap();
}

#[test]
fn storylines_link_new_documents_only_and_equal_a_relink_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let early = february(dir.path(), "early.jsonl", 10, 14);
    let late = february(dir.path(), "late.jsonl", 15, 19);
    let one = dir.path().join("one.db");
    run_ok(&["ingest", "--db", one.to_str().unwrap(), &early, &late]);
    let want = dump(&one);
    assert!(want.iter().any(|r| r.starts_with("story_state: ")));

    // Two runs in date order: the second links its own documents only, to the same store.
    let two = dir.path().join("two.db");
    let out = run_ok(&["ingest", "--db", two.to_str().unwrap(), &early]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("(the whole store relinked)"));
    let out = run_ok(&["ingest", "--db", two.to_str().unwrap(), &late]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("(new ones only)"), "{err}");
    assert_same(&dump(&two), &want, "linking in two runs");

    // Without its saved state the store is relinked from scratch, to the same storylines.
    forget_storyline_state(&two);
    let out = run_ok(&["ingest", "--db", two.to_str().unwrap(), &late]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("(the whole store relinked)"), "{err}");
    assert_same(&dump(&two), &want, "a relink from scratch");

    // Earlier news after later news (a backfill) relinks from scratch, in date order.
    let back = dir.path().join("back.db");
    run_ok(&["ingest", "--db", back.to_str().unwrap(), &late]);
    let out = run_ok(&["ingest", "--db", back.to_str().unwrap(), &early]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("(the whole store relinked)"), "{err}");
    let linked = dump(&back);
    forget_storyline_state(&back);
    run_ok(&["ingest", "--db", back.to_str().unwrap(), &early]);
    assert_same(&dump(&back), &linked, "a backfill relinked from scratch");
}
