//! Scoring against gold data: segmentation, UD tagging and parsing, named entities, storylines.

pub mod cluster;
pub mod gold;
pub mod ner;
pub mod pairing;
pub mod petrarch;
pub mod seg;
pub mod storylines;
pub mod ud;
