//! Statistical machinery shared by the trained stages: feature hashing and the averaged perceptron.

pub mod hash;
pub mod huge;
pub mod perceptron;

pub use perceptron::{Perceptron, Trainer};

use std::io::Write;
use std::path::{Path, PathBuf};

/// Write a model file through a buffer: every model's `save` is its `write_to` into a file.
pub fn save_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    write(&mut w)?;
    w.flush()
}

/// What every `train` entry point takes; the CLI's `dragoman train` fills it.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The shared data folder (`../shared/data`), read only at training time.
    pub data: PathBuf,
    /// Fixed seed for shuffling, so that a training run is reproducible.
    pub seed: u64,
    /// Passes over the training data; `None` lets the trainer choose.
    pub epochs: Option<usize>,
    /// Use only the first N training sentences (quick runs and tests).
    pub limit: Option<usize>,
    /// The folder models are written to. Stages trained later read earlier ones from it (the
    /// parser and the recogniser learn from the tagger's predicted tags).
    pub out: PathBuf,
}

impl TrainOptions {
    /// The tagger later stages learn from: the one in `out` (just trained by `train all`),
    /// else the shipped one.
    pub fn tagger_path(&self) -> PathBuf {
        let file = crate::pipeline::TAGGER_FILE;
        let fresh = self.out.join(file);
        if fresh.is_file() {
            fresh
        } else {
            crate::pipeline::default_models_dir().join(file)
        }
    }
}
