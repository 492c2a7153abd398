//! The loop every command shares: read documents, hand each to the command, report each
//! unreadable one on the error stream, and count.

use super::{read_inputs, ReadOptions};
use crate::doc::Doc;
use std::io::{self, Write};
use std::path::PathBuf;

/// What a run read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Documents handed to the command.
    pub docs: usize,
    /// Documents, lines or files that could not be read (each reported).
    pub failed: usize,
}

impl Tally {
    /// The exit status the contract asks for: failure when anything could not be read.
    pub fn success(&self) -> bool {
        self.failed == 0
    }
}

/// Read every input, call `each` on every document, and write one
/// `dragoman: <origin>: <reason>` line to `errors` for everything unreadable (plus one note
/// for files folder walks skipped). An error from `each` (say, a closed output) stops the
/// run and is returned.
pub fn for_each_doc<W, F>(
    paths: &[PathBuf],
    opts: &ReadOptions,
    errors: &mut W,
    mut each: F,
) -> io::Result<Tally>
where
    W: Write,
    F: FnMut(Doc) -> io::Result<()>,
{
    let mut tally = Tally::default();
    let mut inputs = read_inputs(paths, opts);
    for item in inputs.by_ref() {
        match item {
            Ok(doc) => {
                tally.docs += 1;
                each(doc)?;
            }
            Err(e) => {
                tally.failed += 1;
                // The error stream failing must not stop the documents.
                let _ = writeln!(errors, "dragoman: {e}");
            }
        }
    }
    let skipped = inputs.skipped();
    if let Some(first) = &skipped.first {
        let _ = writeln!(
            errors,
            "dragoman: note: skipped {} folder {} of no known input type, or links to folders (first: {}); name them or pass --input-format to read them",
            skipped.count,
            if skipped.count == 1 { "entry" } else { "entries" },
            first.display()
        );
    }
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn reports_errors_and_notes_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(
            d.join("a.jsonl"),
            "{\"id\": \"a\", \"date\": \"2025-01-01\", \"text\": \"A.\"}\n{\"id\": \"b\"}\n",
        )
        .unwrap();
        fs::write(d.join("c.txt"), "C.").unwrap();
        fs::write(d.join("skip.md"), "x").unwrap();
        let mut errors = Vec::new();
        let mut seen = Vec::new();
        let tally = for_each_doc(
            &[d.to_path_buf()],
            &ReadOptions::default(),
            &mut errors,
            |doc| {
                seen.push(doc.meta.id);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, ["a", "c"]);
        assert_eq!(tally, Tally { docs: 2, failed: 1 });
        assert!(!tally.success());
        let errors = String::from_utf8(errors).unwrap();
        let lines: Vec<&str> = errors.lines().collect();
        assert_eq!(lines.len(), 2, "{errors}");
        assert!(
            lines[0].starts_with("dragoman: ")
                && lines[0].contains("a.jsonl:2: document \"b\": missing \"text\"")
        );
        assert!(
            lines[1].contains("note: skipped 1 folder entry of") && lines[1].contains("skip.md")
        );
    }

    #[test]
    fn a_failing_consumer_stops_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "A.").unwrap();
        let mut errors = Vec::new();
        let got = for_each_doc(&[path], &ReadOptions::default(), &mut errors, |_| {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        });
        assert_eq!(got.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
    }
}
