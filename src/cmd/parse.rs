use dragoman::pipeline::Pipeline;
use dragoman::read::conllu::write_conllu;
use dragoman::read::date::date_arg;
use dragoman::read::{for_each_doc, InputFormat, ReadOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Input format: auto (from the extension, else the content), txt, jsonl, csv, conllu
    /// (keeps the given sentences and words), iob2.
    #[arg(long, default_value = "auto")]
    pub input_format: InputFormat,
    /// Publication date (YYYY-MM-DD) for documents that give none.
    #[arg(long, value_parser = date_arg)]
    pub date: Option<String>,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Input files or folders (`-` for standard input). Folders are read recursively: files
    /// with a known extension, or all files when --input-format is given.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let pipeline = Pipeline::load(&super::models_dir(&a.models))?;
    let opts = ReadOptions {
        format: a.input_format,
        default_date: a.date,
        ..ReadOptions::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = String::new();
    let tally = for_each_doc(&a.paths, &opts, &mut std::io::stderr(), |mut doc| {
        // Pre-segmented input (CoNLL-U, IOB2) keeps its sentences and words, so that it
        // can be scored against gold; raw text is segmented here.
        if doc.sentences.is_empty() {
            pipeline.annotate(&mut doc);
        } else {
            pipeline.annotate_segmented(&mut doc);
        }
        buf.clear();
        write_conllu(&doc, &mut buf);
        out.write_all(buf.as_bytes())
    })
    .and_then(|t| out.flush().map(|_| t))
    .map_err(|e| format!("writing output: {e}"))?;
    Ok(if tally.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
