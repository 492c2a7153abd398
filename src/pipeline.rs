//! The annotation pipeline: segment → tag → parse → recognise names, over one [`Doc`].
//!
//! Architecture invariant: models load once, here, and are immutable afterwards.

use crate::doc::Doc;
use crate::geo::{Gazetteer, GAZETTEER_FILE};
use crate::ner::Recognizer;
use crate::parse::Parser;
use crate::tag::Tagger;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const TAGGER_FILE: &str = "tagger.bin";
pub const PARSER_FILE: &str = "parser.bin";
pub const NER_FILE: &str = "ner.bin";

pub struct Pipeline {
    pub tagger: Tagger,
    pub parser: Parser,
    pub recognizer: Recognizer,
    /// Places for the coder's event locations (shared with it, hence the `Arc`).
    pub places: Arc<Gazetteer>,
}

/// Where the trained models live: `DRAGOMAN_MODELS`, else `models/` beside the executable's
/// project, else the source tree's `models/`.
pub fn default_models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DRAGOMAN_MODELS") {
        return PathBuf::from(dir);
    }
    if let Ok(exe) = std::env::current_exe() {
        for anc in exe.ancestors().skip(1).take(4) {
            let cand = anc.join("models");
            if cand.join(TAGGER_FILE).is_file() {
                return cand;
            }
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
}

fn load_one<T>(dir: &Path, file: &str, load: fn(&Path) -> std::io::Result<T>) -> Result<T, String> {
    let path = dir.join(file);
    load(&path).map_err(|e| {
        format!(
            "cannot load model {}: {e} (train it with `dragoman train`, or point --models at a folder that has it)",
            path.display()
        )
    })
}

impl Pipeline {
    pub fn load(dir: &Path) -> Result<Pipeline, String> {
        Ok(Pipeline {
            tagger: load_one(dir, TAGGER_FILE, Tagger::load)?,
            parser: load_one(dir, PARSER_FILE, Parser::load)?,
            recognizer: load_one(dir, NER_FILE, Recognizer::load)?,
            places: Arc::new(load_one(dir, GAZETTEER_FILE, Gazetteer::load)?),
        })
    }

    /// Run every stage. A document that arrives segmented (CoNLL-U, IOB2) keeps its sentences
    /// and tokens, so that it can be scored against gold; raw text is segmented here.
    pub fn annotate(&self, doc: &mut Doc) {
        if doc.sentences.is_empty() {
            crate::text::segment(doc);
        }
        self.tagger.tag(doc);
        self.parser.parse(doc);
        self.recognizer.recognize(doc);
    }
}
