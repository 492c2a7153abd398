//! One module per subcommand; each turns its arguments into calls on the library.

pub mod bench;
pub mod bench_store;
pub mod code;
pub mod dict;
pub mod eval;
pub mod eval_dedup;
pub mod ingest;
pub mod ner;
pub mod parse;
pub mod query;
pub mod quotes;
pub mod serve;
pub mod train;

use dragoman::read::date::date_arg;
use dragoman::read::{InputFormat, ReadOptions, DEFAULT_MAX_DOC_BYTES};
use std::path::PathBuf;

/// The input options every document-reading command shares (`parse`, and later `code`,
/// `ingest`): flatten this into a command's arguments and read with
/// `dragoman::read::for_each_doc(&a.input.paths, &a.input.read_options(), ...)`.
#[derive(clap::Args)]
pub struct InputArgs {
    /// Input format: auto (from the extension, else the content), txt, jsonl, csv, conllu
    /// (keeps the given sentences and words), iob2, petrarch-xml (PETRARCH validation records).
    #[arg(long, default_value = "auto")]
    pub input_format: InputFormat,
    /// Publication date (YYYY-MM-DD) for documents that give none.
    #[arg(long, value_parser = date_arg)]
    pub date: Option<String>,
    /// Largest document read, in bytes (a text file, JSONL line or CSV row).
    #[arg(long, default_value_t = DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: usize,
    /// Input files or folders (`-` for standard input). Folders are read recursively, hidden
    /// entries skipped: files with a known extension (.txt .jsonl .ndjson .csv .conllu .iob2),
    /// or every file when --input-format is given.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

impl InputArgs {
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            format: self.input_format,
            default_date: self.date.clone(),
            max_doc_bytes: self.max_doc_bytes,
        }
    }
}

/// The end of every document-writing command: flush the output, then exit 1 if any document
/// could not be read (the contract's status), else 0.
pub fn finish(
    written: std::io::Result<dragoman::read::Tally>,
    out: &mut impl std::io::Write,
) -> Result<std::process::ExitCode, String> {
    let tally = written
        .and_then(|t| out.flush().map(|_| t))
        .map_err(|e| format!("writing output: {e}"))?;
    Ok(if tally.success() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

/// The tagger in `models`, if its file is there.
pub fn load_tagger(models: &std::path::Path) -> Result<Option<dragoman::tag::Tagger>, String> {
    let path = models.join(dragoman::pipeline::TAGGER_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    dragoman::tag::Tagger::load(&path)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Where the shared data lives by default: `../shared/data`, as laid beside a checkout.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("../shared/data")
}

/// The models folder from `--models`, or the default search.
pub fn models_dir(flag: &Option<PathBuf>) -> PathBuf {
    flag.clone()
        .unwrap_or_else(dragoman::pipeline::default_models_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Probe {
        #[command(flatten)]
        input: InputArgs,
    }

    #[test]
    fn input_args_parse_and_default() {
        let p = Probe::try_parse_from(["x", "a.txt", "-"]).unwrap();
        let opts = p.input.read_options();
        assert_eq!(opts, ReadOptions::default());
        assert_eq!(p.input.paths, [PathBuf::from("a.txt"), PathBuf::from("-")]);
        let p = Probe::try_parse_from([
            "x",
            "--input-format",
            "NDJSON",
            "--date",
            "2025-04-10",
            "d/",
        ])
        .unwrap();
        let opts = p.input.read_options();
        assert_eq!(opts.format, InputFormat::Jsonl);
        assert_eq!(opts.default_date.as_deref(), Some("2025-04-10"));
        assert!(Probe::try_parse_from(["x", "--date", "2025-02-30", "a"]).is_err());
        assert!(Probe::try_parse_from(["x", "--input-format", "xml", "a"]).is_err());
        assert!(Probe::try_parse_from(["x"]).is_err());
    }
}
