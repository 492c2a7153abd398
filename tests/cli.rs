//! End-to-end checks of the `dragoman` command as users and outside checks call it, with the
//! models shipped in `models/`.

mod common;
use common::dragoman;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// The shared data, present beside a checkout and in CI; tests that need it say so when absent.
fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found", p.display());
        None
    }
}

/// CoNLL-U sentences as lists of (form, upos, head, deprel) word rows.
fn conllu_sentences(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut out = vec![];
    let mut cur = vec![];
    for line in text.lines() {
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if !line.starts_with('#') {
            let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
            assert_eq!(cols.len(), 10, "CoNLL-U line with 10 columns: {line:?}");
            cur.push(cols);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Every sentence is a tree: one root, heads within the sentence, no cycles.
fn assert_trees(sents: &[Vec<Vec<String>>]) {
    for s in sents {
        let heads: Vec<usize> = s
            .iter()
            .map(|w| w[6].parse().expect("numeric head"))
            .collect();
        assert_eq!(
            heads.iter().filter(|&&h| h == 0).count(),
            1,
            "one root in {s:?}"
        );
        for (i, &h) in heads.iter().enumerate() {
            assert!(h <= s.len(), "head in range");
            let (mut at, mut steps) = (i + 1, 0);
            while at != 0 {
                at = heads[at - 1];
                steps += 1;
                assert!(steps <= s.len(), "no cycle through word {}", i + 1);
            }
        }
        for w in s {
            assert!(w[3] != "_" && w[7] != "_", "UPOS and DEPREL filled: {w:?}");
        }
    }
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["parse", "ner", "train", "eval", "bench"] {
        let o = dragoman(&[sub, "--help"]);
        assert!(o.status.success(), "{sub} --help");
        assert!(stdout(&o).contains("Usage"), "{sub} --help prints usage");
    }
}

#[test]
fn parses_the_shipped_example() {
    let o = dragoman(&["parse", "examples/seed-2025-04-10.txt"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    let sents = conllu_sentences(&text);
    assert!(
        sents.len() >= 12,
        "the seed body has a dozen sentences, got {}",
        sents.len()
    );
    assert_trees(&sents);
    assert!(text.contains("# text = “Ukraine is absolutely not on the agenda,” Bruce stated."));
    // The names the event coder needs are proper nouns.
    let propn = |form: &str| {
        sents
            .iter()
            .flatten()
            .any(|w| w[1] == form && w[3] == "PROPN")
    };
    for name in ["Istanbul", "Russia", "Bruce", "Riyadh"] {
        assert!(propn(name), "{name} tagged PROPN");
    }
}

#[test]
fn conllu_input_keeps_its_segmentation() {
    let Some(gold) = shared("ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let text = std::fs::read_to_string(gold).unwrap();
    // The first 40 sentences, through standard input.
    let slice: String = text.split("\n\n").take(40).collect::<Vec<_>>().join("\n\n") + "\n\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args(["parse", "--input-format", "conllu", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(slice.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let got = conllu_sentences(&stdout(&o));
    let want: Vec<Vec<String>> = conllu_sentences(&slice)
        .into_iter()
        .map(|s| {
            s.into_iter()
                .filter(|w| w[0].parse::<u32>().is_ok())
                .map(|w| w[1].clone())
                .collect()
        })
        .collect();
    let got_forms: Vec<Vec<String>> = got
        .iter()
        .map(|s| s.iter().map(|w| w[1].clone()).collect())
        .collect();
    assert_eq!(got_forms, want);
    assert_trees(&got);
}

#[test]
fn ner_keeps_tokens_and_finds_names() {
    let input = "# sent_id = t1\n1\tPresident\tO\n2\tDonald\tO\n3\tTrump\tO\n4\tmet\tO\n5\tofficials\tO\n6\tin\tO\n7\tIstanbul\tO\n8\t.\tO\n\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.iob2");
    std::fs::write(&path, input).unwrap();
    let o = dragoman(&["ner", "--input-format", "iob2", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<Vec<String>> = stdout(&o)
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let tokens: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        tokens,
        [
            "President",
            "Donald",
            "Trump",
            "met",
            "officials",
            "in",
            "Istanbul",
            "."
        ]
    );
    let tags: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(tags[1..3], ["B-PER", "I-PER"]);
    assert_eq!(tags[6], "B-LOC");
}

#[test]
fn bad_documents_are_reported_and_the_rest_coded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"id\": \"ok1\", \"date\": \"2025-04-10\", \"text\": \"Talks were held in Riyadh.\"}\n{not json}\n{\"id\": \"notext\", \"date\": \"2025-04-10\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let o = dragoman(&[
        "parse",
        "--date",
        "2025-01-01",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "exit 1 when a document fails");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a.jsonl:2"), "malformed line named: {err}");
    assert!(
        err.contains("notext") || err.contains("a.jsonl:3"),
        "missing text named: {err}"
    );
    assert!(err.contains("b.txt"), "binary file named: {err}");
    assert!(
        stdout(&o).contains("Riyadh"),
        "the good document still parsed"
    );
}
