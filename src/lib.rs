//! dragoman: news in, political event data out.
//!
//! See `ARCHITECTURE.md` for the code map. Stages read and annotate one [`doc::Doc`].

pub mod code;
pub mod dict;
pub mod doc;
pub mod eval;
pub mod event;
pub mod geo;
pub mod model;
pub mod ner;
pub mod parse;
pub mod pipeline;
pub mod quotes;
pub mod read;
pub mod serve;
pub mod store;
pub mod story;
pub mod tag;
pub mod text;
pub mod topics;
pub mod when;
