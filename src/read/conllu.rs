//! CoNLL-U: Universal Dependencies treebanks in, parses out.
//!
//! Multiword-token lines (`1-2`) and empty nodes (`8.1`) are skipped: every stage works on
//! syntactic words, which is what UD scores.

use super::lines::Blocks;
use super::ReadError;
use crate::doc::{deprel_index, deprel_name, Doc, DocMeta, Upos};
use serde_json::Value;
use std::io::BufRead;

/// One syntactic word of a CoNLL-U sentence, columns as given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConlluWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based head, 0 for the root; `None` when the column is `_`.
    pub head: Option<u32>,
    pub deprel: String,
    pub misc: String,
}

impl ConlluWord {
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConlluSentence {
    /// Comment lines without their leading `# `.
    pub comments: Vec<String>,
    pub words: Vec<ConlluWord>,
}

impl ConlluSentence {
    fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The raw sentence text from `# text = ...`.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    /// A one-sentence document with the gold layers (UPOS, heads, relations) on its tokens.
    pub fn to_doc(&self, fallback_id: &str) -> Doc {
        let meta = DocMeta {
            id: self.sent_id().unwrap_or(fallback_id).to_string(),
            ..DocMeta::default()
        };
        let forms: Vec<(String, bool)> = self
            .words
            .iter()
            .map(|w| (w.form.clone(), w.space_after()))
            .collect();
        let mut doc = Doc::from_tokens(meta, &[forms]);
        for (tok, w) in doc.tokens.iter_mut().zip(&self.words) {
            tok.upos = Upos::parse(&w.upos).unwrap_or_default();
            tok.head = w.head.and_then(|h| h.checked_sub(1));
            tok.deprel = deprel_index(&w.deprel);
        }
        doc.meta.extra.insert(
            "comments".to_string(),
            Value::Array(self.comments.iter().cloned().map(Value::String).collect()),
        );
        doc
    }
}

/// Parse one word line; `Ok(None)` for multiword tokens and empty nodes.
fn parse_word(line: &str) -> Result<Option<ConlluWord>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!(
            "expected 10 tab-separated columns, found {}",
            cols.len()
        ));
    }
    if cols[0].contains('-') || cols[0].contains('.') {
        return Ok(None);
    }
    cols[0]
        .parse::<u32>()
        .map_err(|_| format!("bad word id {:?}", cols[0]))?;
    let head = match cols[6] {
        "_" => None,
        h => Some(h.parse::<u32>().map_err(|_| format!("bad head {h:?}"))?),
    };
    Ok(Some(ConlluWord {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        feats: cols[5].to_string(),
        head,
        deprel: cols[7].to_string(),
        misc: cols[9].to_string(),
    }))
}

/// Streams sentences from a CoNLL-U source; a malformed sentence is one error, and reading
/// goes on with the next.
pub struct ConlluReader<R> {
    blocks: Blocks<R>,
}

impl<R: BufRead> ConlluReader<R> {
    pub fn new(input: R, origin: &str) -> Self {
        ConlluReader {
            blocks: Blocks::new(input, origin),
        }
    }
}

impl<R: BufRead> Iterator for ConlluReader<R> {
    type Item = Result<ConlluSentence, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let block = loop {
            match self.blocks.next()? {
                // A block of comments alone (a file header) is no sentence.
                Ok(b) if b.lines.is_empty() => continue,
                Ok(b) => break b,
                Err(e) => return Some(Err(e)),
            }
        };
        let mut words = Vec::with_capacity(block.lines.len());
        for (number, line) in &block.lines {
            match parse_word(line) {
                Ok(Some(w)) => words.push(w),
                Ok(None) => {}
                Err(reason) => {
                    return Some(Err(ReadError::at_line(
                        self.blocks.origin(),
                        *number,
                        reason,
                    )))
                }
            }
        }
        if words.is_empty() {
            let e = ReadError::at_line(
                self.blocks.origin(),
                block.lines[0].0,
                "sentence with no words (only multiword tokens or empty nodes)",
            );
            return Some(Err(e));
        }
        Some(Ok(ConlluSentence {
            comments: block.comments,
            words,
        }))
    }
}

/// Write the sentences of a document as CoNLL-U with the document's own UPOS, HEAD and DEPREL;
/// named entities go in MISC as `NE=B-GPE`, `NE=I-GPE`, ... beside `SpaceAfter=No`.
/// Comments kept by the reader (`meta.extra["comments"]`) are written before the first sentence.
pub fn write_conllu(doc: &Doc, out: &mut String) {
    if let Some(Value::Array(cs)) = doc.meta.extra.get("comments") {
        for c in cs.iter().filter_map(Value::as_str) {
            out.push_str("# ");
            out.push_str(c);
            out.push('\n');
        }
    }
    let marks = doc.entity_marks();
    for (si, s) in doc.sentences.iter().enumerate() {
        if si > 0 || !doc.meta.extra.contains_key("comments") {
            let text = doc.slice(s.start, s.end).replace('\n', " ");
            out.push_str(&format!(
                "# sent_id = {}-{}\n# text = {}\n",
                doc.meta.id,
                si + 1,
                text
            ));
        }
        for (i, (t, mark)) in doc
            .sentence_tokens(s)
            .iter()
            .zip(&marks[s.token_range()])
            .enumerate()
        {
            let head = t.head.map(|h| h + 1).unwrap_or(0);
            let deprel = if t.head.is_none() {
                "root"
            } else {
                deprel_name(t.deprel)
            };
            let mut misc = String::new();
            if !t.space_after {
                misc.push_str("SpaceAfter=No");
            }
            if let Some((first, label)) = mark {
                if !misc.is_empty() {
                    misc.push('|');
                }
                misc.push_str(if *first { "NE=B-" } else { "NE=I-" });
                misc.push_str(label.as_str());
            }
            if misc.is_empty() {
                misc.push('_');
            }
            let form = t.form.replace(['\t', '\n'], " ");
            out.push_str(&format!(
                "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t{}\n",
                i + 1,
                form,
                t.upos.as_str(),
                head,
                deprel,
                misc
            ));
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n# sent_id = s2\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let sents: Vec<_> = ConlluReader::new(SAMPLE.as_bytes(), "t").collect();
        assert_eq!(sents.len(), 2);
        let s = sents[0].as_ref().unwrap();
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.text(), Some("Don't go."));
        assert_eq!(s.sent_id(), Some("s1"));
        let doc = s.to_doc("x");
        assert_eq!(doc.tokens[0].head, Some(2));
        assert_eq!(doc.tokens[2].head, None);
        assert_eq!(doc.tokens[1].upos, Upos::Part);
        assert_eq!(doc.text, "Do n't go.");
    }

    #[test]
    fn round_trips_segmentation_and_layers() {
        let s = ConlluReader::new(SAMPLE.as_bytes(), "t")
            .next()
            .unwrap()
            .unwrap();
        let doc = s.to_doc("x");
        let mut out = String::new();
        write_conllu(&doc, &mut out);
        let back = ConlluReader::new(out.as_bytes(), "o")
            .next()
            .unwrap()
            .unwrap();
        let forms: Vec<_> = back.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["Do", "n't", "go", "."]);
        assert_eq!(back.words[2].deprel, "root");
        assert_eq!(back.words[0].head, Some(3));
        assert!(!back.words[2].space_after());
    }

    #[test]
    fn bad_line_is_reported_and_reading_goes_on() {
        let text = "1\tonly\tthree\n\n1\tOk\tok\tINTJ\t_\t_\t0\troot\t_\t_\n";
        let got: Vec<_> = ConlluReader::new(text.as_bytes(), "f.conllu").collect();
        assert_eq!(got.len(), 2);
        let e = got[0].as_ref().unwrap_err();
        assert!(e.to_string().contains("f.conllu:1"), "{e}");
        assert!(got[1].is_ok());
    }
}
