use super::code::code_doc;
use dragoman::code::CodedEvent;
use dragoman::doc::Doc;
use dragoman::pipeline::Pipeline;
use dragoman::read::for_each_doc;
use dragoman::store::{DocumentOutcome, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// The store (an SQLite file; created if missing).
    #[arg(long, default_value = dragoman::store::DEFAULT_DB)]
    pub db: PathBuf,
    #[command(flatten)]
    pub input: super::InputArgs,
    #[command(flatten)]
    pub coder: super::code::CoderArgs,
    /// Documents per transaction (a batch also commits after a second).
    #[arg(long, default_value_t = 200)]
    pub batch: usize,
    /// Threads coding documents (default: one per core), besides one reading and one
    /// writing to the store; the store is the same whatever the number.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// What a run did, for the closing report.
#[derive(Default)]
pub struct Report {
    pub read: usize,
    pub stored: usize,
    pub with_events: usize,
    pub unchanged: usize,
    pub new_events: usize,
    pub merged: usize,
    pub sentences: usize,
    /// Time spent writing to the store (the rest is reading, annotating and coding).
    pub store_time: Duration,
    /// Every rejection (unreadable or conflicting document) with its reason.
    pub rejected: Vec<String>,
}

/// Where read errors go: standard error (clearing the progress line first) and the report.
struct Errors {
    terminal: bool,
    pending: Vec<u8>,
    lines: Vec<String>,
}

impl Write for Errors {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(at) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=at).collect();
            let text = String::from_utf8_lossy(&line).trim_end().to_string();
            let mut err = std::io::stderr().lock();
            if self.terminal {
                let _ = write!(err, "\r\x1b[K");
            }
            let _ = writeln!(err, "{text}");
            if !text.contains(": note: ") {
                self.lines
                    .push(text.trim_start_matches("dragoman: ").to_string());
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Progress on a terminal: documents/s and, when the input size is known, an ETA from the
/// share of input text read so far.
struct Progress {
    on: bool,
    start: Instant,
    last: Instant,
    total_bytes: Option<u64>,
    done_bytes: u64,
}

impl Progress {
    fn tick(&mut self, docs: usize, force: bool) {
        if !self.on || (!force && self.last.elapsed() < Duration::from_millis(250)) {
            return;
        }
        self.last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = docs as f64 / secs;
        let eta = match self.total_bytes {
            Some(total) if self.done_bytes > 0 && total > self.done_bytes => {
                let left = (total - self.done_bytes) as f64 * secs / self.done_bytes as f64;
                format!(", ETA {}", clock(left))
            }
            _ => String::new(),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[Kingest: {docs} documents, {rate:.0} documents/s, {} elapsed{eta}",
            clock(secs)
        );
        let _ = err.flush();
    }

    fn done(&self) {
        if self.on {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
        }
    }
}

fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Bytes under the inputs (files and folders), or `None` when standard input is read.
fn input_bytes(paths: &[PathBuf]) -> Option<u64> {
    fn walk(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_file() => m.len(),
            Ok(m) if m.is_dir() => std::fs::read_dir(p)
                .map(|rd| rd.flatten().map(|e| walk(&e.path())).sum())
                .unwrap_or(0),
            _ => 0,
        }
    }
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return None;
    }
    Some(paths.iter().map(|p| walk(p)).sum())
}

/// Documents waiting for (and coded by) each coding thread: bounds the memory a run holds.
const QUEUE: usize = 32;

/// How many coding threads to run: `requested`, or by default one per core available.
pub fn coding_threads(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Code every input and store it, committing every `batch` documents (or every second).
/// Used by `ingest` and `bench ingest`.
///
/// A pipeline of threads: one reads the inputs and deals the documents out in turn to
/// `threads` coding threads; this thread takes their results back in the same turn (so in
/// input order, whatever thread finishes first) and writes them in batches. The store is
/// therefore exactly the one a one-thread run gives: same documents in the same order, same
/// event keys, same merges, same batches.
#[allow(clippy::too_many_arguments)]
pub fn ingest(
    store: &mut Store,
    pipeline: &Pipeline,
    coder: &dragoman::code::Coder,
    paths: &[PathBuf],
    opts: &dragoman::read::ReadOptions,
    batch_size: usize,
    threads: usize,
    show_progress: bool,
) -> Result<(Report, dragoman::read::Tally), String> {
    let threads = threads.max(1);
    let mut report = Report::default();
    let mut progress = Progress {
        on: show_progress,
        start: Instant::now(),
        last: Instant::now(),
        total_bytes: if show_progress {
            input_bytes(paths)
        } else {
            None
        },
        done_bytes: 0,
    };
    let mut batch: Vec<(Doc, Vec<CodedEvent>)> = Vec::with_capacity(batch_size.max(1));
    let mut commit = |batch: &mut Vec<(Doc, Vec<CodedEvent>)>, report: &mut Report| {
        let t = Instant::now();
        let outcomes = store.ingest_batch(batch)?;
        report.store_time += t.elapsed();
        for ((doc, events), outcome) in batch.iter().zip(outcomes) {
            match outcome {
                DocumentOutcome::Stored { new_events, merged } => {
                    report.stored += 1;
                    report.with_events += usize::from(!events.is_empty());
                    report.new_events += new_events;
                    report.merged += merged;
                    report.sentences += doc.sentences.len();
                }
                DocumentOutcome::Unchanged => report.unchanged += 1,
                DocumentOutcome::Conflict(why) => {
                    let mut err = std::io::stderr().lock();
                    if show_progress {
                        let _ = write!(err, "\r\x1b[K");
                    }
                    let _ = writeln!(err, "dragoman: {why}");
                    report.rejected.push(why);
                }
            }
        }
        batch.clear();
        Ok::<(), String>(())
    };
    let (read, written) = std::thread::scope(|scope| {
        let mut to_coders = Vec::with_capacity(threads);
        let mut from_coders = Vec::with_capacity(threads);
        for _ in 0..threads {
            let (doc_tx, doc_rx) = sync_channel::<Doc>(QUEUE);
            let (coded_tx, coded_rx) = sync_channel::<(Doc, Vec<CodedEvent>)>(QUEUE);
            scope.spawn(move || {
                for mut doc in doc_rx {
                    let events = code_doc(pipeline, coder, &mut doc);
                    if coded_tx.send((doc, events)).is_err() {
                        break; // the writer stopped
                    }
                }
            });
            to_coders.push(doc_tx);
            from_coders.push(coded_rx);
        }
        let reader = scope.spawn(move || {
            let mut errors = Errors {
                terminal: show_progress,
                pending: Vec::new(),
                lines: Vec::new(),
            };
            let mut turn = 0;
            let tally = for_each_doc(paths, opts, &mut errors, |doc| {
                let to = &to_coders[turn % to_coders.len()];
                turn += 1;
                to.send(doc)
                    .map_err(|_| std::io::Error::other("the store writer stopped"))
            });
            // Dropping the senders here tells the coding threads that the input is done.
            drop(to_coders);
            (tally, errors.lines)
        });
        let mut batch_start = Instant::now();
        let mut written: Result<(), String> = Ok(());
        // The documents come back in the turn they were dealt out; the first coding thread
        // found closed and empty at its turn means every document has been written.
        for turn in 0.. {
            let Ok(item) = from_coders[turn % threads].recv() else {
                break;
            };
            progress.done_bytes += item.0.text.len() as u64;
            batch.push(item);
            if batch.len() >= batch_size.max(1) || batch_start.elapsed() >= Duration::from_secs(1) {
                written = commit(&mut batch, &mut report);
                if written.is_err() {
                    break;
                }
                batch_start = Instant::now();
            }
            progress.tick(
                report.stored + report.unchanged + report.rejected.len(),
                false,
            );
        }
        // On a failed write, closing the results stops the coders, and so the reader.
        drop(from_coders);
        let read = reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (read, written)
    });
    let (tally, read_errors) = read;
    if let Err(e) = written {
        progress.done();
        return Err(e);
    }
    let tally = tally.map_err(|e| format!("reading: {e}"))?;
    commit(&mut batch, &mut report)?;
    progress.done();
    report.read = tally.docs;
    report.rejected.extend(read_errors);
    Ok((report, tally))
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let (pipeline, coder) = a.coder.load()?;
    let mut store = Store::open(&a.db)?;
    let start = Instant::now();
    let (report, _) = ingest(
        &mut store,
        &pipeline,
        &coder,
        &a.input.paths,
        &a.input.read_options(),
        a.batch,
        coding_threads(a.threads),
        std::io::stderr().is_terminal(),
    )?;
    let link_start = Instant::now();
    let linked = store.link_storylines()?;
    let link_secs = link_start.elapsed().as_secs_f64();
    // Cheap, and keeps the planner's statistics fresh for `query`.
    let _ = store.optimize();
    let counts = store.counts()?;
    let secs = start.elapsed().as_secs_f64();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "ingest: {} documents read in {:.1} s: {} stored ({} with events, {} without), {} unchanged, {} rejected",
        report.read,
        secs,
        report.stored,
        report.with_events,
        report.stored - report.with_events,
        report.unchanged,
        report.rejected.len()
    );
    let _ = writeln!(
        err,
        "ingest: {} sentences, {} new events, {} mentions merged into stored events; {} documents linked into storylines in {:.2} s ({}); {} now holds {} documents, {} events, {} mentions, {} storylines",
        report.sentences,
        report.new_events,
        report.merged,
        linked.documents,
        link_secs,
        if linked.from_scratch {
            "the whole store relinked"
        } else {
            "new ones only"
        },
        a.db.display(),
        counts.documents,
        counts.events,
        counts.mentions,
        linked.storylines
    );
    for why in &report.rejected {
        let _ = writeln!(err, "ingest: rejected: {why}");
    }
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
