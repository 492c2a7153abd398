//! JSON Lines: one document a line, `{"id", "date", "title"?, "text", "url"?, ...}`.
//! Read line by line with a length cap, so memory stays flat however long the file.

use super::date::date_of;
use super::lines::CappedLines;
use super::ReadError;
use crate::doc::{Doc, DocMeta};
use serde_json::{Map, Value};
use std::io::BufRead;

pub struct JsonlReader<R> {
    lines: CappedLines<R>,
    origin: String,
    default_date: Option<String>,
    max_doc_bytes: usize,
    buf: Vec<u8>,
    seen_record: bool,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(input: R, origin: &str, default_date: Option<&str>, max_doc_bytes: usize) -> Self {
        JsonlReader {
            lines: CappedLines::new(input, max_doc_bytes),
            origin: origin.to_string(),
            default_date: default_date.map(str::to_string),
            max_doc_bytes,
            buf: Vec::new(),
            seen_record: false,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Doc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let info = match self.lines.next_line(&mut self.buf) {
                Ok(Some(info)) => info,
                Ok(None) => {
                    self.done = true;
                    if !self.seen_record {
                        return Some(Err(ReadError::new(
                            &self.origin,
                            "no documents (only blank lines)",
                        )));
                    }
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(ReadError::new(&self.origin, e.to_string())));
                }
            };
            let at = |reason: String| ReadError::at_line(&self.origin, info.number, reason);
            if info.too_long {
                self.seen_record = true;
                return Some(Err(at(format!(
                    "line of {} bytes is over the {}-byte document limit; skipped",
                    info.len, self.max_doc_bytes
                ))));
            }
            let mut line = self.buf.as_slice();
            if info.number == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            let line = match std::str::from_utf8(line) {
                Ok(l) => l,
                Err(e) => {
                    self.seen_record = true;
                    return Some(Err(at(format!(
                        "invalid UTF-8 at byte {} of the file",
                        info.offset + e.valid_up_to() as u64
                    ))));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            self.seen_record = true;
            return Some(json_doc(line, self.default_date.as_deref()).map_err(at));
        }
        None
    }
}

/// A contract record to a document; the error is the reason, naming the id when known.
pub fn json_doc(line: &str, default_date: Option<&str>) -> Result<Doc, String> {
    let mut map: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("not a JSON object".to_string()),
        Err(e) => return Err(format!("malformed JSON: {e}")),
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => return Err("missing \"id\"".to_string()),
        Some(Value::String(_)) => return Err("empty \"id\"".to_string()),
        Some(_) => return Err("\"id\" must be a string".to_string()),
    };
    let doc_err = |reason: &str| format!("document {id:?}: {reason}");
    let text = match map.remove("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err(doc_err("empty \"text\"")),
        None | Some(Value::Null) => return Err(doc_err("missing \"text\"")),
        Some(_) => return Err(doc_err("\"text\" must be a string")),
    };
    let given = map.remove("date");
    let date = match given.as_ref().and_then(Value::as_str).and_then(date_of) {
        Some(d) => d.to_string(),
        None => match (default_date, &given) {
            (Some(d), _) => d.to_string(),
            (None, None | Some(Value::Null)) => {
                return Err(doc_err("missing \"date\" (--date gives a default)"))
            }
            (None, Some(v)) => {
                return Err(doc_err(&format!(
                    "\"date\" {v} is not a YYYY-MM-DD calendar date (--date gives a default)"
                )))
            }
        },
    };
    let mut optional = |key: &str| match map.remove(key) {
        Some(Value::String(s)) => (!s.is_empty()).then_some(s),
        None | Some(Value::Null) => None,
        // Not what the contract names: keep it as it came rather than lose it.
        Some(other) => {
            map.insert(key.to_string(), other);
            None
        }
    };
    let title = optional("title");
    let url = optional("url");
    let meta = DocMeta {
        id,
        date: Some(date),
        title,
        url,
        extra: map,
    };
    Ok(Doc::new(meta, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    fn read_all(input: &str, default_date: Option<&str>) -> Vec<Result<Doc, ReadError>> {
        JsonlReader::new(input.as_bytes(), "f.jsonl", default_date, 1 << 20).collect()
    }

    #[test]
    fn reads_records_and_keeps_other_fields() {
        let input = "\u{feff}{\"id\": \"a\", \"date\": \"2025-01-01\", \"title\": \"T\", \"text\": \"Body\\r\\nmore\", \"url\": \"http://x\", \"section\": \"War\", \"thread\": [\"g\"]}\n\n   \n{\"id\": 7, \"date\": \"2025-01-02T10:00:00Z\", \"text\": \"Two\"}";
        let docs: Vec<Doc> = read_all(input, None)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(docs.len(), 2);
        let a = &docs[0];
        assert_eq!(a.meta.id, "a");
        assert_eq!(a.meta.date.as_deref(), Some("2025-01-01"));
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.meta.url.as_deref(), Some("http://x"));
        // JSON strings say exactly what the text is: kept as given.
        assert_eq!(a.text, "Body\r\nmore");
        assert_eq!(a.meta.extra["section"], "War");
        assert_eq!(a.meta.extra["thread"][0], "g");
        assert!(!a.meta.extra.contains_key("id"));
        assert_eq!(docs[1].meta.id, "7");
        assert_eq!(docs[1].meta.date.as_deref(), Some("2025-01-02"));
    }

    #[test]
    fn each_bad_line_is_one_error_and_the_rest_come_through() {
        let input = [
            r#"{"id": "ok1", "date": "2025-01-01", "text": "Fine."}"#,
            r#"{"date": "2025-01-01", "text": "No id."}"#,
            r#"{"id": "b", "date": "2025-01-01"}"#,
            r#"{"id": "c", "date": "2025-01-01", "text": 5}"#,
            r#"{"id": "d", "date": "2025-02-30", "text": "Bad day."}"#,
            r#"{"id": "e", "text": "No day."}"#,
            r#"{"id": "f", "date": "2025-01-01", "text": "Trunc"#,
            r#"["not", "an", "object"]"#,
            r#"{"id": "g", "date": "2025-01-01", "text": "  "}"#,
            r#"{"id": "ok2", "date": "2025-01-01", "text": "Fine too.", "title": 3}"#,
        ]
        .join("\n");
        let got = read_all(&input, None);
        assert_eq!(got.len(), 10);
        let errs: Vec<String> = got
            .iter()
            .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
            .collect();
        let expect = [
            ("f.jsonl:2:", "missing \"id\""),
            ("f.jsonl:3:", "\"b\": missing \"text\""),
            ("f.jsonl:4:", "\"c\": \"text\" must be a string"),
            ("f.jsonl:5:", "\"d\": \"date\" \"2025-02-30\" is not"),
            ("f.jsonl:6:", "\"e\": missing \"date\""),
            ("f.jsonl:7:", "malformed JSON"),
            ("f.jsonl:8:", "not a JSON object"),
            ("f.jsonl:9:", "\"g\": empty \"text\""),
        ];
        assert_eq!(errs.len(), expect.len(), "{errs:#?}");
        for (e, (origin, reason)) in errs.iter().zip(expect) {
            assert!(e.starts_with(origin) && e.contains(reason), "{e}");
        }
        let last = got[9].as_ref().unwrap();
        assert_eq!(last.meta.title, None);
        assert_eq!(last.meta.extra["title"], 3);
    }

    #[test]
    fn default_date_fills_missing_and_invalid_dates() {
        let input = "{\"id\": \"d\", \"date\": \"soon\", \"text\": \"x\"}\n{\"id\": \"e\", \"text\": \"y\"}\n";
        for r in read_all(input, Some("2020-05-05")) {
            assert_eq!(r.unwrap().meta.date.as_deref(), Some("2020-05-05"));
        }
    }

    #[test]
    fn over_long_line_is_skipped_without_losing_the_next() {
        let long = format!(
            "{{\"id\": \"big\", \"date\": \"2025-01-01\", \"text\": \"{}\"}}",
            "x".repeat(5000)
        );
        let input =
            format!("{long}\n{{\"id\": \"small\", \"date\": \"2025-01-01\", \"text\": \"ok\"}}\n");
        let reader = BufReader::with_capacity(64, input.as_bytes());
        let got: Vec<_> = JsonlReader::new(reader, "f.jsonl", None, 1000).collect();
        assert_eq!(got.len(), 2);
        let e = got[0].as_ref().unwrap_err();
        assert_eq!(e.origin, "f.jsonl:1");
        assert!(e.reason.contains("1000-byte"), "{e}");
        assert_eq!(got[1].as_ref().unwrap().meta.id, "small");
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let input = b"{\"id\": \"a\", \"date\": \"2025-01-01\", \"text\": \"ok\"}\n{\"id\": \"b\", \"text\": \"\xff\"}\n";
        let got: Vec<_> = JsonlReader::new(&input[..], "f.jsonl", None, 1 << 20).collect();
        let e = got[1].as_ref().unwrap_err();
        assert_eq!(e.origin, "f.jsonl:2");
        assert!(e.reason.contains("byte 69"), "{e}");
    }

    #[test]
    fn blank_only_input_is_reported() {
        let got = read_all("\n  \n", None);
        assert_eq!(got.len(), 1);
        assert!(got[0].as_ref().unwrap_err().reason.contains("no documents"));
    }

    /// A source that counts how many bytes were pulled out of it.
    struct Counting<'a> {
        inner: &'a [u8],
        pulled: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl Read for Counting<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(out)?;
            self.pulled.set(self.pulled.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn streams_record_by_record() {
        let mut input = String::new();
        for i in 0..50_000 {
            input.push_str(&format!(
                "{{\"id\": \"n{i}\", \"date\": \"2025-01-01\", \"text\": \"Item {i}.\"}}\n"
            ));
        }
        let pulled = std::rc::Rc::new(std::cell::Cell::new(0));
        let source = Counting {
            inner: input.as_bytes(),
            pulled: pulled.clone(),
        };
        let mut reader = JsonlReader::new(BufReader::new(source), "big.jsonl", None, 1 << 20);
        let first = reader.next().unwrap().unwrap();
        assert_eq!(first.meta.id, "n0");
        // One document out has pulled one buffer's worth, not the whole 2.8 MB.
        assert!(pulled.get() <= 8 * 1024, "pulled {} bytes", pulled.get());
        assert_eq!(reader.count(), 49_999);
        assert_eq!(pulled.get(), input.len());
    }
}
