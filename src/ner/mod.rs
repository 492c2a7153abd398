//! Named-entity recogniser (PER, ORG, LOC, GPE, NORP, MISC).

use crate::doc::Doc;
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
    /// Fill `Doc::entities` (sorted, non-overlapping) from the tokens.
    pub fn recognize(&self, doc: &mut Doc) {
        let _ = doc;
        unimplemented!("recogniser is being written")
    }
}
