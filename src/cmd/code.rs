use dragoman::code::{CodedEvent, Coder};
use dragoman::dict::Dictionaries;
use dragoman::doc::Doc;
use dragoman::pipeline::Pipeline;
use dragoman::read::{for_each_doc, ReadOptions, Tally};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON event record a line (the contract's format).
    Jsonl,
    /// A human-readable table: date, actor, event, recipient, trigger, sentence.
    Table,
}

/// The models and dictionaries a coding command runs with (`code`, `quotes`, `ingest`,
/// `eval`): flatten this into its arguments and [`CoderArgs::load`].
#[derive(clap::Args)]
pub struct CoderArgs {
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
}

impl CoderArgs {
    /// The pipeline and the coder these options name.
    pub fn load(&self) -> Result<(Pipeline, Coder), String> {
        let pipeline = Pipeline::load(&super::models_dir(&self.models))?;
        let coder = load_coder(&self.dictionaries, &self.actors_overlay, &pipeline)?;
        Ok((pipeline, coder))
    }
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::InputArgs,
    #[command(flatten)]
    pub coder: CoderArgs,
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

/// The coder over the built-in dictionaries or those in `dir`, with actor overlays, placing
/// events with the pipeline's gazetteer.
pub fn load_coder(
    dir: &Option<PathBuf>,
    overlays: &[PathBuf],
    pipeline: &Pipeline,
) -> Result<Coder, String> {
    let mut coder = Coder::new(load_dictionaries(dir, overlays)?);
    coder.places = Some(pipeline.places.clone());
    Ok(coder)
}

/// Read every input, annotate it and code its events, handing each document with its events
/// to `each`; unreadable documents go to `errors` (the loop every coding command shares).
pub fn code_each<W, F>(
    pipeline: &Pipeline,
    coder: &Coder,
    paths: &[PathBuf],
    opts: &ReadOptions,
    errors: &mut W,
    mut each: F,
) -> std::io::Result<Tally>
where
    W: Write,
    F: FnMut(Doc, Vec<CodedEvent>) -> std::io::Result<()>,
{
    for_each_doc(paths, opts, errors, |mut doc| {
        let events = code_doc(pipeline, coder, &mut doc);
        each(doc, events)
    })
}

/// Annotate one document and code its events (what every coding command does to a
/// document; `ingest` calls it from its coding threads).
pub fn code_doc(pipeline: &Pipeline, coder: &Coder, doc: &mut Doc) -> Vec<CodedEvent> {
    dragoman::code::headline::annotate(pipeline, coder, doc);
    if coder.in_suite_mode() {
        let changed = dragoman::code::suite::tags_from_parse(doc);
        pipeline.parser.reparse(doc, &changed);
        dragoman::code::suite::subjects_from_parse(doc);
    }
    coder.code(doc)
}

/// The validation file a path names: the file itself, or the one `.xml` file of a folder.
pub fn petrarch_suite_file(path: &Path) -> Result<PathBuf, String> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut xml: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
        .collect();
    xml.sort();
    match xml.len() {
        1 => Ok(xml.remove(0)),
        0 => Err(format!("no .xml validation file in {}", path.display())),
        n => Err(format!(
            "{n} .xml files in {}: name the one to run",
            path.display()
        )),
    }
}

/// The coder a PETRARCH validation file asks for: the dictionary files its <Environment>
/// names, read from `dir` (every dictionary of `dir` when it names none), in suite mode
/// ([`Coder::suite_mode`]).
pub fn suite_coder(dir: &Path, suite: &Path) -> Result<Coder, String> {
    let text = std::fs::read_to_string(suite).map_err(|e| format!("{}: {e}", suite.display()))?;
    let env = dragoman::read::petrarch::environment(&text).unwrap_or_default();
    let dicts = if env.is_empty() {
        Dictionaries::load_dir(dir)?
    } else {
        let names: Vec<&str> = env.files().collect();
        Dictionaries::load_named(dir, &names)?
    };
    Ok(Coder::new(dicts).suite_mode())
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    // Validation records name their dictionaries: with --dictionaries, use those named.
    let suite = a.input.paths.first().filter(|p| {
        a.input.input_format == dragoman::read::InputFormat::PetrarchXml && p.is_file()
    });
    let (pipeline, coder) = match (&a.coder.dictionaries, suite) {
        (Some(dir), Some(file)) => (
            Pipeline::load(&super::models_dir(&a.coder.models))?,
            suite_coder(dir, file)?,
        ),
        _ => a.coder.load()?,
    };
    let sink: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(
            std::fs::File::create(p).map_err(|e| format!("cannot create {}: {e}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    if a.format == Format::Table {
        writeln!(out, "{}", table_header()).map_err(|e| format!("writing output: {e}"))?;
    }
    let written = code_each(
        &pipeline,
        &coder,
        &a.input.paths,
        &a.input.read_options(),
        &mut std::io::stderr(),
        |_, events| {
            for e in events {
                match a.format {
                    Format::Jsonl => {
                        serde_json::to_writer(&mut out, &e)?;
                        out.write_all(b"\n")?;
                    }
                    Format::Table => writeln!(out, "{}", table_row(&e.record))?,
                }
            }
            Ok(())
        },
    );
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

/// The header of [`table_row`]'s columns.
pub fn table_header() -> String {
    format!(
        "{:<10}  {:<10}  {:<9}  {:<10}  {:<18}  sentence",
        "date", "actor", "event", "recipient", "trigger"
    )
}

/// One event as a line for people: date, actor, event (`!` negated, `?` future),
/// recipient, trigger, sentence.
pub fn table_row(r: &dragoman::event::EventRecord) -> String {
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
