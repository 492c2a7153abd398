//! Readers: files, folders and standard input in, [`Doc`](crate::doc::Doc)s out.
//!
//! Architecture invariant: a bad document is one [`ReadError`] naming where and why; every
//! other document still comes through, and nothing panics on any input.
//!
//! Entry point: [`read_inputs`] (paths → documents, streaming) and [`for_each_doc`] (the
//! same, with errors reported the way every command reports them).

pub mod conllu;
pub mod csv;
pub mod date;
pub mod format;
pub mod inputs;
pub mod iob2;
pub mod jsonl;
pub mod lines;
pub mod petrarch;
pub mod run;
pub mod txt;

pub use format::InputFormat;
pub use inputs::{read_inputs, Inputs, Skipped};
pub use run::{for_each_doc, Tally};

use std::fmt;

/// The default cap on one document's size: 10 MiB.
pub const DEFAULT_MAX_DOC_BYTES: usize = 10 * 1024 * 1024;

/// How to read the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// Forced format, or `Auto` for extension and content.
    pub format: InputFormat,
    /// Publication date for documents that give none (`YYYY-MM-DD`, validated by the caller).
    pub default_date: Option<String>,
    /// Larger documents (text files, JSONL lines, CSV rows) are refused, unread where possible.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            default_date: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Bytes to text, or a reason naming where the first bad byte is.
pub(crate) fn decode_utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        format!("invalid UTF-8 at byte {at} (line {line})")
    })
}

/// Windows line ends to `\n`, so files of either origin give the same text and offsets.
/// Done before a document exists, so offsets always index the text as stored.
pub(crate) fn normalize_newlines(text: &str) -> String {
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// Why a document (or line, or file) could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// File, `file:line`, or document id.
    pub origin: String,
    pub reason: String,
}

impl ReadError {
    pub fn new(origin: &str, reason: impl Into<String>) -> ReadError {
        ReadError {
            origin: origin.to_string(),
            reason: reason.into(),
        }
    }

    pub fn at_line(origin: &str, line: usize, reason: impl Into<String>) -> ReadError {
        ReadError::new(&format!("{origin}:{line}"), reason)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

impl std::error::Error for ReadError {}
