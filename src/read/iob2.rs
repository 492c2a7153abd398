//! IOB2 named-entity files in the UNER layout: `idx TAB token TAB tag [TAB ...]` a line, `#`
//! comments, a blank line between sentences.

use super::lines::Blocks;
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

/// Streams sentences from an IOB2 source; a malformed sentence is one error, and reading goes
/// on with the next.
pub struct Iob2Reader<R> {
    blocks: Blocks<R>,
}

impl<R: BufRead> Iob2Reader<R> {
    pub fn new(input: R, origin: &str) -> Self {
        Iob2Reader {
            blocks: Blocks::new(input, origin),
        }
    }
}

impl<R: BufRead> Iterator for Iob2Reader<R> {
    type Item = Result<Iob2Sentence, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let block = match self.blocks.next()? {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            let mut sent = Iob2Sentence {
                comments: block.comments,
                ..Iob2Sentence::default()
            };
            for (number, line) in &block.lines {
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() < 2 {
                    let reason = "expected `idx TAB token [TAB tag]`";
                    return Some(Err(ReadError::at_line(
                        self.blocks.origin(),
                        *number,
                        reason,
                    )));
                }
                sent.tokens.push(cols[1].to_string());
                sent.tags.push(cols.get(2).unwrap_or(&"O").to_string());
            }
            // A block of comments alone (a document header) is no sentence.
            if !sent.tokens.is_empty() {
                return Some(Ok(sent));
            }
        }
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
