//! Labelled dependency parser, trained on UD English EWT.

use crate::doc::Doc;
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
