//! IOB2 named-entity files in the UNER layout: `idx TAB token TAB tag [TAB ...]` a line, `#`
//! comments, a blank line between sentences.

use super::ReadError;
use crate::doc::{Doc, DocMeta};
use serde_json::Value;
use std::io::BufRead;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Iob2Sentence {
    pub comments: Vec<String>,
    pub tokens: Vec<String>,
    /// The gold tags as written (`B-PER`, `I-LOC`, `O`, ...).
    pub tags: Vec<String>,
}

impl Iob2Sentence {
    /// A one-sentence document; tokens are joined by spaces (IOB2 keeps no spacing), the gold
    /// tags are kept in `meta.extra["iob_tags"]` and comments in `meta.extra["comments"]`.
    pub fn to_doc(&self, id: &str) -> Doc {
        let forms: Vec<(String, bool)> = self.tokens.iter().map(|t| (t.clone(), true)).collect();
        let mut doc = Doc::from_tokens(
            DocMeta {
                id: id.to_string(),
                ..DocMeta::default()
            },
            &[forms],
        );
        let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        doc.meta
            .extra
            .insert("iob_tags".into(), strings(&self.tags));
        doc.meta
            .extra
            .insert("comments".into(), strings(&self.comments));
        doc
    }
}

pub struct Iob2Reader<R> {
    input: R,
    origin: String,
    line_no: usize,
    done: bool,
}

impl<R: BufRead> Iob2Reader<R> {
    pub fn new(input: R, origin: &str) -> Self {
        Iob2Reader {
            input,
            origin: origin.to_string(),
            line_no: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Iob2Reader<R> {
    type Item = Result<Iob2Sentence, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut sent = Iob2Sentence::default();
        let mut error = None;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match self.input.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(ReadError::new(&self.origin, e.to_string())));
                }
            }
            self.line_no += 1;
            let Ok(line) = std::str::from_utf8(&buf) else {
                error.get_or_insert(ReadError::at_line(
                    &self.origin,
                    self.line_no,
                    "invalid UTF-8",
                ));
                continue;
            };
            let line = line.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                if sent.tokens.is_empty() && sent.comments.is_empty() && error.is_none() {
                    continue;
                }
                break;
            }
            if let Some(c) = line.strip_prefix('#') {
                sent.comments.push(c.trim_start().to_string());
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                error.get_or_insert(ReadError::at_line(
                    &self.origin,
                    self.line_no,
                    "expected `idx TAB token [TAB tag]`",
                ));
                continue;
            }
            sent.tokens.push(cols[1].to_string());
            sent.tags.push(cols.get(2).unwrap_or(&"O").to_string());
        }
        if let Some(e) = error {
            return Some(Err(e));
        }
        if sent.tokens.is_empty() {
            return None;
        }
        Some(Ok(sent))
    }
}

/// Write one sentence as `idx TAB token TAB tag` lines, comments first, then a blank line.
pub fn write_iob2(comments: &[String], tokens: &[&str], tags: &[String], out: &mut String) {
    for c in comments {
        out.push_str("# ");
        out.push_str(c);
        out.push('\n');
    }
    for (i, (tok, tag)) in tokens.iter().zip(tags).enumerate() {
        out.push_str(&format!("{}\t{}\t{}\n", i + 1, tok, tag));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_uner_layout() {
        let text = "# sent_id = a\n1\tIt\tO\t-\t-\n2\tArgentina\tB-LOC\t-\tx\n\n\n# sent_id = b\n1\tHi\tO\n";
        let got: Vec<_> = Iob2Reader::new(text.as_bytes(), "t")
            .map(Result::unwrap)
            .collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].tokens, ["It", "Argentina"]);
        assert_eq!(got[0].tags, ["O", "B-LOC"]);
        let doc = got[0].to_doc("a");
        assert_eq!(doc.text, "It Argentina");
        let mut out = String::new();
        let toks: Vec<&str> = got[0].tokens.iter().map(String::as_str).collect();
        write_iob2(&got[0].comments, &toks, &got[0].tags, &mut out);
        assert_eq!(out, "# sent_id = a\n1\tIt\tO\n2\tArgentina\tB-LOC\n\n");
    }
}
