//! Scoring against gold data: segmentation, UD tagging and parsing, named entities.

pub mod gold;
pub mod ner;
pub mod seg;
pub mod ud;
