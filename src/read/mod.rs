//! Readers: files, folders and standard input in, [`Doc`](crate::doc::Doc)s out.
//!
//! Architecture invariant: a bad document is one [`ReadError`] naming where and why; every
//! other document still comes through, and nothing panics on any input.

pub mod conllu;
pub mod iob2;

use std::fmt;

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
