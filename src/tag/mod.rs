//! Part-of-speech tagger (UPOS), trained on UD English EWT.

use crate::doc::Doc;
use crate::model::TrainOptions;
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

/// Train on `data/ud-english-ewt`; returns the model and a human-readable report.
pub fn train(opts: &TrainOptions) -> Result<(Tagger, String), String> {
    let _ = opts;
    unimplemented!("tagger is being written")
}
