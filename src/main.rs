//! The `dragoman` command: parses arguments and wires the library's stages together.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dragoman",
    version,
    about = "News in, political event data out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code political events in documents; write event records (JSONL by default).
    Code(cmd::code::Args),
    /// Tokenize, tag and parse documents; write CoNLL-U.
    Parse(cmd::parse::Args),
    /// Find named entities; write `idx TAB token TAB tag` lines (IOB2).
    Ner(cmd::ner::Args),
    /// Train the statistical models from the shared data (fixed seed).
    Train(cmd::train::Args),
    /// Score the models against gold data.
    Eval(cmd::eval::Args),
    /// Time every stage, event coding included, over the shared news (one core); report memory.
    Bench(cmd::bench::Args),
    /// Find direct quotations and their speakers; write one JSON quote a line.
    Quotes(cmd::quotes::Args),
    /// Load the event-coding dictionaries; print counts and any bad lines (FILE:LINE).
    Dict(cmd::dict::Args),
    /// Code documents and keep them, their sentences and events in a store (SQLite).
    Ingest(cmd::ingest::Args),
    /// Find stored events by actor, recipient, type, dates, place, storyline or words.
    Query(cmd::query::QueryArgs),
    /// Every stored event of a storyline, or between two actors, in date order.
    Timeline(cmd::query::TimelineArgs),
    /// Write a store's events as PLOVER JSONL, GDELT 2.0 TSV (events + mentions) or CSV.
    Export(cmd::query::ExportArgs),
    /// Serve a store read-only over HTTP: a web page at / and a JSON API under /api/.
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => cmd::code::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Ner(a) => cmd::ner::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Dict(a) => cmd::dict::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Query(a) => cmd::query::run_query(a),
        Command::Timeline(a) => cmd::query::run_timeline(a),
        Command::Export(a) => cmd::query::run_export(a),
        Command::Quotes(a) => cmd::quotes::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dragoman: {e}");
            ExitCode::from(2)
        }
    }
}
