//! One module per subcommand; each turns its arguments into calls on the library.

pub mod eval;
pub mod ner;
pub mod parse;
pub mod train;

use std::path::PathBuf;

/// Where the shared data lives by default: `../shared/data`, as laid beside a checkout.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("../shared/data")
}

/// The models folder from `--models`, or the default search.
pub fn models_dir(flag: &Option<PathBuf>) -> PathBuf {
    flag.clone()
        .unwrap_or_else(dragoman::pipeline::default_models_dir)
}
