//! `dragoman quotes` end to end on the shipped example: one JSON quotation a line, with its
//! speaker resolved to an actor.

mod common;
use common::dragoman;

use serde_json::Value;

#[test]
fn seed_quotes_as_jsonl() {
    let out = dragoman(&["quotes", "examples/seed-2025-04-10.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let quotes: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(quotes.len(), 2, "{stdout}");
    let keys = [
        "doc_id",
        "text",
        "start",
        "end",
        "sentence",
        "speaker",
        "speaker_name",
        "actor",
    ];
    for (q, line) in quotes.iter().zip(stdout.lines()) {
        assert_eq!(q.as_object().expect("object").len(), keys.len(), "{line}");
        let at: Vec<usize> = keys
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).expect(k))
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "fields out of order: {line}"
        );
        assert_eq!(q["doc_id"], "403");
        assert_eq!(q["speaker_name"], "Tammy Bruce");
        assert_eq!(q["actor"]["code"], "USA");
        assert_eq!(q["actor"]["sector"], "GOV");
        assert_eq!(q["actor"]["cameo"], "USAGOV");
    }
    let last = &quotes[1];
    assert_eq!(last["text"], "Ukraine is absolutely not on the agenda");
    assert_eq!(last["speaker"], "Bruce");
    // Offsets are Unicode scalars into the document text (the body, as `code` counts).
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-2025-04-10.txt"),
    )
    .unwrap();
    let body: Vec<char> = seed.splitn(3, '\n').nth(2).unwrap().chars().collect();
    let (s, e) = (
        last["start"].as_u64().unwrap() as usize,
        last["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(body[s..e].iter().collect::<String>(), last["text"]);
}

#[test]
fn unreadable_input_is_reported_and_the_rest_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = dragoman(&[
        "quotes",
        bad.to_str().unwrap(),
        "examples/seed-2025-04-10.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}
