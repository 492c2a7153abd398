//! `dragoman serve` end to end: a store ingested from the seed, served on a free loopback
//! port, asked over real sockets; and the web page rendered by headless Chromium.

mod common;
use common::dragoman;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running `dragoman serve`, killed when dropped.
struct Served {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_seed() -> Served {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let out = dragoman(&["ingest", "--db", db, "examples/seed-2025-04-10.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args(["serve", "--db", db, "--port", "0", "--workers", "2"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start dragoman serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Served {
        child,
        addr,
        _dir: dir,
    }
}

/// Send raw bytes; the status and the body.
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp[9..12].parse().unwrap();
    let body = resp.split_once("\r\n\r\n").unwrap().1.to_string();
    (status, body)
}

fn get(addr: &str, target: &str) -> (u16, serde_json::Value) {
    let (status, body) = raw(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
    );
    let json = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: {e}: {body}"));
    (status, json)
}

#[test]
fn api_answers_and_refuses() {
    let s = serve_seed();
    let a = s.addr.as_str();

    let (st, all) = get(a, "/api/events");
    assert_eq!(st, 200);
    let total = all["total"].as_u64().unwrap();
    let events = all["events"].as_array().unwrap();
    assert!(total >= 3 && events.len() as u64 == total, "{all}");
    for e in events {
        for field in [
            "id",
            "doc_id",
            "date",
            "event",
            "actor",
            "text_info",
            "storyline",
            "mentions",
        ] {
            assert!(e.get(field).is_some(), "{field} missing in {e}");
        }
    }
    // The seed's first event: the U.S. State Department's talks with Russia.
    let first = &events[0];
    assert_eq!(first["event"], "CONSULT");

    // Filters and paging.
    let (_, us) = get(a, "/api/events?actor=usa&type=consult&limit=1");
    assert_eq!(us["events"].as_array().unwrap().len(), 1);
    assert!(us["total"].as_u64().unwrap() >= 1);
    assert!(us["events"][0]["actor"].to_string().contains("\"USA\""));
    let (_, none) = get(a, "/api/events?from=2030-01-01");
    assert_eq!(none["total"], 0);
    let (_, words) = get(a, "/api/events?q=embassy%20properties");
    assert!(words["total"].as_u64().unwrap() >= 1, "{words}");
    let (_, paged) = get(a, "/api/events?limit=2&offset=1");
    assert_eq!(paged["events"][0]["id"], events[1]["id"]);

    // One event with its reports, and its document with spans to highlight.
    let id = first["id"].as_str().unwrap();
    let (st, one) = get(a, &format!("/api/events/{id}"));
    assert_eq!(st, 200);
    assert_eq!(one["event"]["id"], id);
    assert_eq!(
        one["reports"].as_array().unwrap().len() as u64,
        first["mentions"].as_u64().unwrap()
    );
    let doc = first["doc_id"].as_str().unwrap();
    let (st, d) = get(a, &format!("/api/documents/{doc}"));
    assert_eq!(st, 200);
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    assert!(!d["sentences"].as_array().unwrap().is_empty());
    let m = d["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["event_id"] == id && !m["trigger_start"].is_null())
        .expect("a highlightable mention");
    let span: String = text[m["trigger_start"].as_u64().unwrap() as usize
        ..m["trigger_end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(span, m["event_text"].as_str().unwrap());

    let (st, actors) = get(a, "/api/actors");
    assert_eq!(st, 200);
    assert!(actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["code"] == "USA"));
    assert_eq!(get(a, "/api/storylines").0, 200);
    let (st, spec) = get(a, "/api/openapi.json");
    assert_eq!(st, 200);
    assert!(spec["paths"]["/api/events"].is_object());

    // Refusals: a limit over the maximum is never honoured; bad parameters; unknown paths.
    let (st, e) = get(a, "/api/events?limit=501");
    assert_eq!(st, 400);
    assert!(e["error"].as_str().unwrap().contains("500"), "{e}");
    for bad in [
        "/api/events?limit=abc",
        "/api/events?limit=0",
        "/api/events?type=NOTATYPE",
        "/api/events?from=2025-02-30",
        "/api/events?storyline=x",
        "/api/events?actor=US%27%3B%20DROP",
        "/api/events?colour=red",
        "/api/events?q=%22unbalanced",
        "/api/actors?limit=100000",
    ] {
        let (st, e) = get(a, bad);
        assert_eq!(st, 400, "{bad}: {e}");
        assert!(e["error"].is_string());
    }
    for missing in [
        "/nope",
        "/api/events/no-such-event",
        "/api/documents/no-such-doc",
        "/api",
    ] {
        assert_eq!(get(a, missing).0, 404, "{missing}");
    }
    assert_eq!(raw(a, b"POST /api/events HTTP/1.1\r\n\r\n").0, 405);
    let huge = format!(
        "GET /api/events HTTP/1.1\r\nX-Big: {}\r\n\r\n",
        "x".repeat(20_000)
    );
    assert_eq!(raw(a, huge.as_bytes()).0, 431);
    let long = format!("GET /api/events?q={} HTTP/1.1\r\n\r\n", "x".repeat(9_000));
    assert_eq!(raw(a, long.as_bytes()).0, 414);

    // The page is served, with the event types filled in.
    let (st, page) = raw(a, b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(st, 200);
    assert!(page.contains("\"CONSULT\"") && !page.contains("PLOVER_TYPES"));
}

/// The `chromium` binary, if there is one.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

#[test]
fn page_renders_events_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium for this test"
        );
        eprintln!("note: no chromium found; skipping the headless page test");
        return;
    };
    let s = serve_seed();
    let (_, all) = get(&s.addr, "/api/events");
    let first = all["events"][0]["id"].as_str().unwrap().to_string();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--virtual-time-budget=10000",
            &format!("--user-data-dir={}", profile.path().display()),
            "--dump-dom",
            &format!("http://{}/#event={first}", s.addr),
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    // Every event from the API is a row of the table...
    for e in all["events"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        assert!(
            dom.contains(&format!("data-id=\"{id}\"")),
            "row {id} not rendered:\n{dom}"
        );
    }
    // ... the chosen event's words are highlighted in its document ...
    assert!(
        dom.contains(&format!("title=\"CONSULT ({first})\" class=\"cur\"")),
        "no highlight:\n{dom}"
    );
    // ... and the world map is drawn.
    assert!(dom.matches("<path").count() > 100, "no map");
}
