//! What the end-to-end tests share: running the built `dragoman` from the project folder.

use std::process::{Command, Output, Stdio};

pub fn dragoman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run dragoman")
}

/// The JSON objects of an output's lines (JSONL, as `code` and `quotes` write).
#[allow(dead_code)] // not every test file reads JSONL
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

/// Run dragoman, require success, and read its JSONL output.
#[allow(dead_code)]
pub fn run_json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = dragoman(args);
    assert!(
        out.status.success(),
        "dragoman {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out)
}
