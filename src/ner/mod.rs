//! Named-entity recogniser (PER, ORG, LOC, GPE, NORP, MISC).

use crate::doc::Doc;
use crate::model::TrainOptions;
use std::path::Path;

pub struct Recognizer {}

impl Recognizer {
    pub fn load(path: &Path) -> std::io::Result<Recognizer> {
        let _ = path;
        unimplemented!("recogniser is being written")
    }
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let _ = path;
        unimplemented!("recogniser is being written")
    }
    /// Fill `Doc::entities` (sorted, non-overlapping).
    pub fn recognize(&self, doc: &mut Doc) {
        let _ = doc;
        unimplemented!("recogniser is being written")
    }
}

/// Train on the shared NER data; returns the model and a human-readable report.
pub fn train(opts: &TrainOptions) -> Result<(Recognizer, String), String> {
    let _ = opts;
    unimplemented!("recogniser is being written")
}
