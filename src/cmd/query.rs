//! `query`, `timeline` and `export`: reading a store.

use dragoman::event::PloverType;
use dragoman::read::date::date_arg;
use dragoman::store::export::{csv_row, write_csv, write_gdelt, write_plover, CSV_HEADER};
use dragoman::store::export_parquet::export_parquet;
use dragoman::store::{EventQuery, Store, StoredEvent, Timeline};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One event record a line, with `storyline` and `mentions` (a count).
    Jsonl,
    /// A human-readable table.
    Table,
    /// Flat CSV with a header row; lists `;`-joined.
    Csv,
}

#[derive(clap::Args)]
pub struct QueryArgs {
    /// The store.
    #[arg(long, default_value = dragoman::store::DEFAULT_DB)]
    pub db: PathBuf,
    /// Events with this actor: a country or international code (USA, NAT) or a full CAMEO
    /// actor code (USAGOV).
    #[arg(long)]
    pub actor: Option<String>,
    /// Events with this recipient (codes as for --actor).
    #[arg(long)]
    pub recipient: Option<String>,
    /// PLOVER event type (CONSULT, ASSAULT, ...).
    #[arg(long, value_parser = parse_type)]
    pub event: Option<PloverType>,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = date_arg)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = date_arg)]
    pub to: Option<String>,
    /// ISO3 country of the event's place.
    #[arg(long)]
    pub country: Option<String>,
    /// Storyline id.
    #[arg(long)]
    pub storyline: Option<i64>,
    /// Full-text query over the sentences reporting the event (SQLite FTS5 syntax:
    /// words, "a phrase", AND, OR, NOT, prefix*).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many events (0: all).
    #[arg(long, default_value_t = 1000)]
    pub limit: u64,
    /// Skip this many events first.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Print only how many events match.
    #[arg(long)]
    pub count: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["storyline", "actors"])))]
pub struct TimelineArgs {
    /// The store.
    #[arg(long, default_value = dragoman::store::DEFAULT_DB)]
    pub db: PathBuf,
    /// Every event of this storyline.
    #[arg(long)]
    pub storyline: Option<i64>,
    /// Every event between two actors, either acting on the other: `A,B` (codes as for
    /// `query --actor`).
    #[arg(long, value_parser = parse_pair)]
    pub actors: Option<(String, String)>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// PLOVER JSON Lines: the event records with `context`, `storyline` and `mentions`.
    PloverJsonl,
    /// GDELT 2.0: `PREFIX.export.CSV` (61 tab-separated columns) and
    /// `PREFIX.mentions.CSV` (16 columns), GDELT's layout.
    Gdelt,
    /// Flat CSV with a header row.
    Csv,
    /// Parquet: the CSV's columns, typed (needs `--out`).
    Parquet,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The store.
    #[arg(long, default_value = dragoman::store::DEFAULT_DB)]
    pub db: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (standard output when absent); for `gdelt`, the prefix of the two files
    /// (default `dragoman`).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn parse_type(s: &str) -> Result<PloverType, String> {
    PloverType::parse(&s.to_uppercase()).ok_or_else(|| {
        let all: Vec<&str> = PloverType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown PLOVER event type {s:?}; one of {}", all.join(" "))
    })
}

fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(',') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!("{s:?}: give two actor codes as A,B (e.g. USA,RUS)")),
    }
}

fn write_events(events: &[StoredEvent], format: Format) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let w = |e: std::io::Error| format!("writing output: {e}");
    match format {
        Format::Jsonl => {
            for e in events {
                serde_json::to_writer(&mut out, e).map_err(|e| format!("writing output: {e}"))?;
                out.write_all(b"\n").map_err(w)?;
            }
        }
        Format::Table => {
            writeln!(
                out,
                "{:>8}  {:>9}  {}",
                "mentions",
                "storyline",
                super::code::table_header()
            )
            .map_err(w)?;
            for e in events {
                let line = e.storyline.map_or("-".to_string(), |s| s.to_string());
                writeln!(
                    out,
                    "{:>8}  {:>9}  {}",
                    e.mentions,
                    line,
                    super::code::table_row(&e.record)
                )
                .map_err(w)?;
            }
        }
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut out);
            let err = |e: csv::Error| format!("writing output: {e}");
            c.write_record(CSV_HEADER).map_err(err)?;
            for e in events {
                c.write_record(csv_row(e)).map_err(err)?;
            }
            c.flush().map_err(w)?;
        }
    }
    out.flush().map_err(w)
}

pub fn run_query(a: QueryArgs) -> Result<ExitCode, String> {
    let store = Store::open_read_only(&a.db)?;
    let q = EventQuery {
        actor: a.actor,
        recipient: a.recipient,
        event: a.event,
        date_from: a.from,
        date_to: a.to,
        country: a.country,
        storyline: a.storyline,
        text: a.text,
        limit: (a.limit > 0).then_some(a.limit),
        offset: a.offset,
    };
    if a.count {
        println!("{}", store.count(&q)?);
        return Ok(ExitCode::SUCCESS);
    }
    write_events(&store.query(&q)?, a.format)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_timeline(a: TimelineArgs) -> Result<ExitCode, String> {
    let store = Store::open_read_only(&a.db)?;
    let t = match (a.storyline, a.actors) {
        (Some(id), _) => Timeline::Storyline(id),
        (None, Some((x, y))) => Timeline::Actors(x, y),
        (None, None) => return Err("give --storyline ID or --actors A,B".into()),
    };
    write_events(&store.timeline(&t, None, 0)?, a.format)?;
    Ok(ExitCode::SUCCESS)
}

fn create(path: &Path) -> Result<std::io::BufWriter<std::fs::File>, String> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))
}

pub fn run_export(a: ExportArgs) -> Result<ExitCode, String> {
    let store = Store::open_read_only(&a.db)?;
    if a.format == ExportFormat::Gdelt {
        let prefix = a.out.unwrap_or_else(|| PathBuf::from("dragoman"));
        let name = |suffix: &str| {
            let mut p = prefix.clone().into_os_string();
            p.push(suffix);
            PathBuf::from(p)
        };
        let (ep, mp) = (name(".export.CSV"), name(".mentions.CSV"));
        let (mut ev, mut me) = (create(&ep)?, create(&mp)?);
        write_gdelt(&store, &mut ev, &mut me)?;
        for (f, p) in [(&mut ev, &ep), (&mut me, &mp)] {
            f.flush()
                .map_err(|e| format!("writing {}: {e}", p.display()))?;
        }
        eprintln!("export: wrote {} and {}", ep.display(), mp.display());
        return Ok(ExitCode::SUCCESS);
    }
    if a.format == ExportFormat::Parquet {
        let path = a
            .out
            .ok_or("--format parquet needs --out FILE (Parquet is a binary file, not a stream)")?;
        export_parquet(&store, &path)?;
        eprintln!("export: wrote {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(create(p)?),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match a.format {
        ExportFormat::Csv => write_csv(&store, &mut out)?,
        ExportFormat::PloverJsonl => write_plover(&store, &mut out)?,
        // Written above, to their own files.
        ExportFormat::Gdelt | ExportFormat::Parquet => {}
    }
    out.flush().map_err(|e| format!("writing output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
