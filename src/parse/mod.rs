//! Labelled dependency parser, trained on UD English EWT.

use crate::doc::Doc;
use crate::model::TrainOptions;
use std::path::Path;

pub struct Parser {}

impl Parser {
    pub fn load(path: &Path) -> std::io::Result<Parser> {
        let _ = path;
        unimplemented!("parser is being written")
    }
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let _ = path;
        unimplemented!("parser is being written")
    }
    /// Fill `Token::head` and `Token::deprel` for every sentence; reads `Token::upos`.
    pub fn parse(&self, doc: &mut Doc) {
        let _ = doc;
        unimplemented!("parser is being written")
    }
}

/// Train on `data/ud-english-ewt`; returns the model and a human-readable report.
pub fn train(opts: &TrainOptions) -> Result<(Parser, String), String> {
    let _ = opts;
    unimplemented!("parser is being written")
}
