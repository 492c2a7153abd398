//! `bench ingest` and `bench query`: the store's speed, as benchmarks (never timed tests).

use super::ingest::ingest;
use dragoman::event::PloverType;
use dragoman::pipeline::Pipeline;
use dragoman::store::synth::{generate, COUNTRIES};
use dragoman::store::{EventQuery, Store, Timeline};
use dragoman::tag::train::SplitMix64;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Subcommand)]
pub enum What {
    /// Ingest the shared news through the whole pipeline into a new SQLite store, timed.
    Ingest(IngestArgs),
    /// Query latency (p50/p99) over a generated store of many events.
    Query(QueryArgs),
    /// Load on `serve` over loopback: requests/s and errors for one API request.
    Serve(super::serve::BenchArgs),
}

#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: super::bench::Input,
    /// Coding threads (default: one per core), as `ingest --threads`.
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(clap::Args)]
pub struct QueryArgs {
    /// Events in the generated store.
    #[arg(long, default_value_t = 1_000_000)]
    pub events: u64,
    /// Where to keep the generated store (reused when it already holds that many events);
    /// default: a temporary file, removed afterwards.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Queries to time.
    #[arg(long, default_value_t = 2000)]
    pub queries: usize,
    /// Events per page.
    #[arg(long, default_value_t = 50)]
    pub page: u64,
}

/// CPU time this process has used so far, all its threads (user + system), so that rates
/// can be given independently of other jobs on a shared machine.
fn cpu_time() -> Option<Duration> {
    // SAFETY: an all-zero rusage is a valid value for the call to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage for the call to fill.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return None;
    }
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64)
            + Duration::from_micros(t.tv_usec.clamp(0, 999_999) as u64)
    };
    Some(time(usage.ru_utime) + time(usage.ru_stime))
}

/// A store file in the temporary folder, removed (with its WAL files) when dropped.
struct TempDb(PathBuf);

impl TempDb {
    fn new(name: &str) -> TempDb {
        let p =
            std::env::temp_dir().join(format!("dragoman-bench-{}-{name}.db", std::process::id()));
        remove_db(&p);
        TempDb(p)
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        remove_db(&self.0);
    }
}

fn remove_db(p: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut s = p.as_os_str().to_owned();
        s.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(s));
    }
}

pub fn run_ingest(a: IngestArgs) -> Result<ExitCode, String> {
    let threads = super::ingest::coding_threads(a.threads);
    let a = a.input;
    let paths = a.paths();
    let pipeline = Pipeline::load(&super::models_dir(&a.models))?;
    let coder = super::code::load_coder(&None, &[], &pipeline)?;
    let opts = dragoman::read::ReadOptions::default();
    let mut best: Option<Pass> = None;
    for pass in 0..a.repeat.max(1) {
        let db = TempDb::new(&format!("ingest-{pass}"));
        let mut store = Store::open(&db.0)?;
        let (wall0, cpu0) = (Instant::now(), cpu_time());
        let (report, _) = ingest(
            &mut store, &pipeline, &coder, &paths, &opts, 200, threads, false,
        )?;
        let wall = wall0.elapsed();
        let cpu = cpu_time().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
        let link0 = Instant::now();
        let storylines = store.link_storylines()?.storylines;
        let link = link0.elapsed();
        let size = std::fs::metadata(&db.0).map_or(0, |m| m.len());
        if best.as_ref().is_none_or(|b| wall < b.wall) {
            best = Some(Pass {
                wall,
                cpu,
                report,
                size,
                link,
                storylines,
            });
        }
    }
    let Some(Pass {
        wall,
        cpu,
        report: r,
        size,
        link,
        storylines,
    }) = best
    else {
        return Err("no pass ran".into());
    };
    let rate = |d: Duration| r.sentences as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "documents {} (with events {}), sentences {}, events {} (+{} merged mentions)",
        r.stored, r.with_events, r.sentences, r.new_events, r.merged
    );
    println!(
        "ingest wall {:.2} s with {threads} coding thread{}: {:.0} sentences/s, {:.0} documents/s",
        wall.as_secs_f64(),
        if threads == 1 { "" } else { "s" },
        rate(wall),
        r.stored as f64 / wall.as_secs_f64().max(1e-9)
    );
    if let Some(cpu) = cpu {
        println!(
            "ingest CPU {:.2} s (all threads): {:.0} sentences/s per core",
            cpu.as_secs_f64(),
            rate(cpu)
        );
    }
    println!(
        "of which store writes {:.2} s ({:.0} % of wall)",
        r.store_time.as_secs_f64(),
        100.0 * r.store_time.as_secs_f64() / wall.as_secs_f64().max(1e-9)
    );
    println!(
        "then storylines linked in {:.2} s ({storylines} storylines); with them {:.0} sentences/s",
        link.as_secs_f64(),
        rate(wall + link)
    );
    println!("store file {:.1} MB", size as f64 / 1e6);
    Ok(ExitCode::SUCCESS)
}

/// One timed pass of `bench ingest`.
struct Pass {
    wall: Duration,
    cpu: Option<Duration>,
    report: super::ingest::Report,
    size: u64,
    link: Duration,
    storylines: usize,
}

/// The query mix: what a user of `query`, `timeline` and the web page asks most.
const KINDS: [&str; 10] = [
    "actor",
    "actor+recipient",
    "type+month",
    "place country",
    "week",
    "storyline",
    "full text",
    "actor+type+year",
    "timeline pair",
    "actor page 11",
];

pub fn run_query(a: QueryArgs) -> Result<ExitCode, String> {
    let temp;
    let path = match &a.db {
        Some(p) => p.clone(),
        None => {
            temp = TempDb::new("query");
            temp.0.clone()
        }
    };
    let have = Store::open_read_only(&path)
        .and_then(|s| s.counts())
        .map_or(0, |c| c.events);
    if have != a.events {
        remove_db(&path);
        let t = Instant::now();
        let mut store = Store::open(&path)?;
        generate(&mut store, a.events, 1)?;
        println!(
            "generated {} events in {:.1} s ({})",
            a.events,
            t.elapsed().as_secs_f64(),
            path.display()
        );
    }
    let store = Store::open_read_only(&path)?;
    let counts = store.counts()?;
    println!(
        "store: {} documents, {} sentences, {} events, {} mentions, {:.0} MB",
        counts.documents,
        counts.sentences,
        counts.events,
        counts.mentions,
        std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
    );
    let mut rng = SplitMix64::new(7);
    // Codes drawn like the data: the heavy ones most often (they are the slow ones).
    let code = |rng: &mut SplitMix64| {
        let top = rng.below(COUNTRIES.len()) + 1;
        COUNTRIES[rng.below(top)].to_string()
    };
    let words = [
        "talks",
        "ceasefire",
        "missile AND border",
        "\"nuclear treaty\"",
        "hostag*",
    ];
    let storylines = (a.events / 200).max(1) as usize;
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
    // CPU time too: on a shared machine a query's wall time includes waiting for a core,
    // which CPU time does not (the kernel counts it in ticks here, so only in total).
    let cpu_start = cpu_time();
    let mut rows = 0usize;
    for i in 0..a.queries {
        let kind = i % KINDS.len();
        let page = Some(a.page);
        let year = 2021 + rng.below(5);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(21);
        let q = EventQuery {
            limit: page,
            ..EventQuery::default()
        };
        let t = Instant::now();
        let got = match kind {
            0 => store.query(&EventQuery {
                actor: Some(code(&mut rng)),
                ..q
            }),
            1 => store.query(&EventQuery {
                actor: Some(code(&mut rng)),
                recipient: Some(code(&mut rng)),
                ..q
            }),
            2 => store.query(&EventQuery {
                event: Some(PloverType::ALL[rng.below(16)]),
                date_from: Some(format!("{year}-{month:02}-01")),
                date_to: Some(format!("{year}-{month:02}-31")),
                ..q
            }),
            3 => store.query(&EventQuery {
                country: Some(code(&mut rng)),
                ..q
            }),
            4 => store.query(&EventQuery {
                date_from: Some(format!("{year}-{month:02}-{day:02}")),
                date_to: Some(format!("{year}-{month:02}-{:02}", day + 6)),
                ..q
            }),
            5 => store.query(&EventQuery {
                storyline: Some(1 + rng.below(storylines) as i64),
                ..q
            }),
            6 => store.query(&EventQuery {
                text: Some(words[rng.below(words.len())].to_string()),
                ..q
            }),
            7 => store.query(&EventQuery {
                actor: Some(code(&mut rng)),
                event: Some(PloverType::ALL[rng.below(16)]),
                date_from: Some(format!("{year}-01-01")),
                date_to: Some(format!("{year}-12-31")),
                ..q
            }),
            8 => store.timeline(&Timeline::Actors(code(&mut rng), code(&mut rng)), page, 0),
            _ => store.query(&EventQuery {
                actor: Some(code(&mut rng)),
                offset: 10 * a.page,
                ..q
            }),
        }?;
        times[kind].push(t.elapsed());
        rows += got.len();
    }
    let pct = |v: &mut Vec<Duration>, p: f64| -> f64 {
        v.sort();
        let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len().max(1)) - 1;
        v.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let cpu = cpu_time().zip(cpu_start).map(|(b, a)| b.saturating_sub(a));
    println!(
        "{:<16} {:>8} {:>8} {:>8} {:>8}",
        "query", "n", "p50 ms", "p99 ms", "max ms"
    );
    let mut all = Vec::new();
    for (kind, v) in KINDS.iter().zip(times.iter_mut()) {
        all.extend(v.iter().copied());
        println!(
            "{:<16} {:>8} {:>8.2} {:>8.2} {:>8.2}",
            kind,
            v.len(),
            pct(v, 0.5),
            pct(v, 0.99),
            pct(v, 1.0)
        );
    }
    println!(
        "{:<16} {:>8} {:>8.2} {:>8.2} {:>8.2}   ({} events returned, pages of {})",
        "all",
        all.len(),
        pct(&mut all, 0.5),
        pct(&mut all, 0.99),
        pct(&mut all, 1.0),
        rows,
        a.page
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU {:.2} s for {} queries: {:.2} ms a query on average",
            cpu.as_secs_f64(),
            all.len(),
            cpu.as_secs_f64() * 1000.0 / all.len().max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}
