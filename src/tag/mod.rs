//! Part-of-speech tagger (UPOS), trained on UD English EWT.

use crate::doc::Doc;
use std::path::Path;

pub struct Tagger {}

impl Tagger {
    pub fn load(path: &Path) -> std::io::Result<Tagger> {
        let _ = path;
        unimplemented!("tagger is being written")
    }
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let _ = path;
        unimplemented!("tagger is being written")
    }
    /// Fill `Token::upos` for every token of the document.
    pub fn tag(&self, doc: &mut Doc) {
        let _ = doc;
        unimplemented!("tagger is being written")
    }
}
