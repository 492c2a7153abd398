use dragoman::code::{CodedEvent, Coder};
use dragoman::dict::Dictionaries;
use dragoman::pipeline::Pipeline;
use dragoman::read::for_each_doc;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON event record a line (the contract's format).
    Jsonl,
    /// A human-readable table: date, actor, event, recipient, trigger, sentence.
    Table,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::InputArgs,
    /// Folder of PETRARCH-format dictionaries (verbs, actors, agents, discards) to use
    /// instead of the built-in ones.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Actor file(s) in PETRARCH format whose entries take precedence over the built-in
    /// (or --dictionaries) actors, e.g. your own office holders (repeatable; first wins).
    #[arg(long, value_name = "FILE")]
    pub actors_overlay: Vec<PathBuf>,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// The built-in dictionaries or those in `dir`, with the user's actor overlays first.
pub fn load_dictionaries(
    dir: &Option<PathBuf>,
    overlays: &[PathBuf],
) -> Result<Dictionaries, String> {
    Dictionaries::with_overlays(dir.as_deref(), overlays)
}

/// The coder over the built-in dictionaries or those in `dir`, with actor overlays.
pub fn load_coder(dir: &Option<PathBuf>, overlays: &[PathBuf]) -> Result<Coder, String> {
    Ok(Coder::new(load_dictionaries(dir, overlays)?))
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let pipeline = Pipeline::load(&super::models_dir(&a.models))?;
    let coder = load_coder(&a.dictionaries, &a.actors_overlay)?;
    let sink: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(
            std::fs::File::create(p).map_err(|e| format!("cannot create {}: {e}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    if a.format == Format::Table {
        writeln!(
            out,
            "{:<10}  {:<10}  {:<9}  {:<10}  {:<18}  sentence",
            "date", "actor", "event", "recipient", "trigger"
        )
        .map_err(|e| format!("writing output: {e}"))?;
    }
    let opts = a.input.read_options();
    let written = for_each_doc(&a.input.paths, &opts, &mut std::io::stderr(), |mut doc| {
        pipeline.annotate(&mut doc);
        for e in coder.code(&doc) {
            match a.format {
                Format::Jsonl => {
                    serde_json::to_writer(&mut out, &e)?;
                    out.write_all(b"\n")?;
                }
                Format::Table => writeln!(out, "{}", table_row(&e))?,
            }
        }
        Ok(())
    });
    super::finish(written, &mut out)
}

fn codes(list: &[dragoman::event::ActorRef]) -> String {
    if list.is_empty() {
        return "-".into();
    }
    list.iter()
        .map(|a| a.cameo.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn excerpt(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        format!("{}…", flat.chars().take(n).collect::<String>())
    }
}

fn table_row(e: &CodedEvent) -> String {
    let r = &e.record;
    let mut event = r.event.to_string();
    if r.negated {
        event = format!("!{event}");
    }
    if r.future {
        event.push('?');
    }
    format!(
        "{:<10}  {:<10}  {:<9}  {:<10}  {:<18}  {}",
        r.date,
        codes(&r.actor),
        event,
        codes(&r.recipient),
        excerpt(&r.event_text, 18),
        excerpt(&r.text_info.text, 80)
    )
}
