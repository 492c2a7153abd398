//! Sentence splitting and tokenization of news English.

use crate::doc::Doc;

/// Split `doc.text` into sentences and tokens, replacing any existing segmentation.
pub fn segment(doc: &mut Doc) {
    let _ = doc;
    unimplemented!("segmentation is being written")
}
