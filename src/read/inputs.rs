//! Files, folders and standard input in, one stream of documents out.
//!
//! Rules (what the CLI documents):
//! - A file named on the command line is read in the forced `--input-format`, else by its
//!   extension, else by sniffing its content.
//! - A folder is walked recursively in sorted order, skipping hidden entries (`.name`) and
//!   not following symlinked folders (no cycles). With `--input-format auto` it yields the
//!   files whose extension is known (`.txt .jsonl .ndjson .csv .conllu .iob2`); the others
//!   are skipped and counted, and [`Inputs::skipped`] lets the caller say so. With a forced
//!   format every non-hidden file in it is read in that format.
//! - A folder that yields no file at all is an error, as is a path that does not exist.
//! - `-` is standard input, read once.
//!
//! Only paths are held (the explicit list and one sorted listing per open folder level) and
//! one open reader at a time, so memory does not grow with the number of documents.

use super::conllu::ConlluReader;
use super::csv::CsvReader;
use super::format::{looks_binary, sniff, InputFormat, SNIFF_BYTES};
use super::iob2::Iob2Reader;
use super::jsonl::JsonlReader;
use super::txt::txt_doc;
use super::{ReadError, ReadOptions};
use crate::doc::Doc;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

type DocStream = Box<dyn Iterator<Item = Result<Doc, ReadError>>>;

/// Files a folder walk passed over, for one note at the end instead of one line each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skipped {
    pub count: usize,
    pub first: Option<PathBuf>,
}

impl Skipped {
    fn add(&mut self, path: &Path) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(path.to_path_buf());
        }
    }
}

/// A folder being walked: its remaining entries, sorted.
struct Level {
    entries: std::vec::IntoIter<PathBuf>,
}

/// The top folder named by the user, to report it if it held nothing readable.
struct TopFolder {
    path: PathBuf,
    files_before: usize,
}

/// The stream of documents from every input path; see the module notes for the rules.
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    walk: Vec<Level>,
    top: Option<TopFolder>,
    current: Option<DocStream>,
    opts: ReadOptions,
    skipped: Skipped,
    files_opened: usize,
    stdin_taken: bool,
}

/// Read every path in order; see the module notes for the rules.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions) -> Inputs {
    Inputs {
        pending: paths.iter().cloned().collect(),
        walk: Vec::new(),
        top: None,
        current: None,
        opts: opts.clone(),
        skipped: Skipped::default(),
        files_opened: 0,
        stdin_taken: false,
    }
}

impl Inputs {
    /// Files the folder walks skipped so far (unknown extensions, symlinked folders, special
    /// files).
    pub fn skipped(&self) -> &Skipped {
        &self.skipped
    }

    fn open_path(&mut self, path: &Path, format: InputFormat) -> DocStream {
        self.files_opened += 1;
        let origin = path.display().to_string();
        let fail = |reason: String| -> DocStream { one_error(ReadError::new(&origin, reason)) };
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return fail(e.to_string()),
        };
        let size = file.metadata().map(|m| m.len()).ok();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.clone());
        // A text file is one document: refuse an oversized one before reading it.
        let promised = match format {
            InputFormat::Auto => InputFormat::from_extension(path),
            f => Some(f),
        };
        if let (Some(InputFormat::Txt), Some(size)) = (promised, size) {
            if size > self.opts.max_doc_bytes as u64 {
                return fail(format!(
                    "file of {size} bytes is over the {}-byte document limit",
                    self.opts.max_doc_bytes
                ));
            }
        }
        open_stream(Box::new(file), &origin, &stem, promised, &self.opts)
    }

    fn open_stdin(&mut self) -> DocStream {
        if self.stdin_taken {
            return one_error(ReadError::new("-", "standard input named twice"));
        }
        self.stdin_taken = true;
        self.files_opened += 1;
        let forced = (self.opts.format != InputFormat::Auto).then_some(self.opts.format);
        open_stream(
            Box::new(io::stdin().lock()),
            "<stdin>",
            "stdin",
            forced,
            &self.opts,
        )
    }

    /// The next file to open from the folder walk, descending into subfolders.
    fn next_walked(&mut self) -> Option<Result<(PathBuf, InputFormat), ReadError>> {
        while let Some(level) = self.walk.last_mut() {
            let Some(path) = level.entries.next() else {
                self.walk.pop();
                continue;
            };
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                // Vanished or unreadable entry: say so, as with any named file.
                return Some(Err(ReadError::new(
                    &path.display().to_string(),
                    "cannot read file information",
                )));
            };
            if meta.is_dir() {
                match sorted_listing(&path) {
                    Ok(entries) => self.walk.push(Level {
                        entries: entries.into_iter(),
                    }),
                    Err(e) => return Some(Err(ReadError::new(&path.display().to_string(), e))),
                }
                continue;
            }
            let is_file = meta.is_file()
                || (meta.file_type().is_symlink()
                    && std::fs::metadata(&path).is_ok_and(|m| m.is_file()));
            if !is_file {
                self.skipped.add(&path);
                continue;
            }
            let format = match self.opts.format {
                InputFormat::Auto => InputFormat::from_extension(&path),
                f => Some(f),
            };
            match format {
                Some(f) => return Some(Ok((path, f))),
                None => self.skipped.add(&path),
            }
        }
        None
    }

    /// Called when a folder walk ends: a named folder with nothing to read is an error.
    fn finish_top(&mut self) -> Option<ReadError> {
        let top = self.top.take()?;
        (self.files_opened == top.files_before).then(|| {
            ReadError::new(
                &top.path.display().to_string(),
                "folder holds no file to read (known extensions: .txt .jsonl .ndjson .csv .conllu .iob2; --input-format reads any)",
            )
        })
    }
}

impl Iterator for Inputs {
    type Item = Result<Doc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = self.current.as_mut() {
                if let Some(item) = stream.next() {
                    return Some(item);
                }
                self.current = None;
            }
            if !self.walk.is_empty() {
                match self.next_walked() {
                    Some(Ok((path, format))) => {
                        self.current = Some(self.open_path(&path, format));
                        continue;
                    }
                    Some(Err(e)) => return Some(Err(e)),
                    None => {}
                }
            }
            if let Some(e) = self.finish_top() {
                return Some(Err(e));
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                self.current = Some(self.open_stdin());
                continue;
            }
            let origin = path.display().to_string();
            match std::fs::metadata(&path) {
                Err(e) => return Some(Err(ReadError::new(&origin, e.to_string()))),
                Ok(m) if m.is_dir() => match sorted_listing(&path) {
                    Ok(entries) => {
                        self.top = Some(TopFolder {
                            path,
                            files_before: self.files_opened,
                        });
                        self.walk.push(Level {
                            entries: entries.into_iter(),
                        });
                    }
                    Err(e) => return Some(Err(ReadError::new(&origin, e))),
                },
                Ok(_) => {
                    let format = self.opts.format;
                    self.current = Some(self.open_path(&path, format));
                }
            }
        }
    }
}

/// A folder's visible entries, sorted by name so runs are reproducible.
fn sorted_listing(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            entries.push(entry.path());
        }
    }
    entries.sort();
    Ok(entries)
}

fn one_error(e: ReadError) -> DocStream {
    Box::new(std::iter::once(Err(e)))
}

/// Read up to `n` bytes (fewer only at the end of input).
fn read_head(input: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    input.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Turn one byte source into documents. `format` is the known format, or `None` to sniff it.
/// The first bytes are checked (empty, binary) and used for sniffing, then put back in
/// front of the rest.
pub fn open_stream(
    mut input: Box<dyn Read>,
    origin: &str,
    stem: &str,
    format: Option<InputFormat>,
    opts: &ReadOptions,
) -> DocStream {
    let fail = |reason: String| one_error(ReadError::new(origin, reason));
    let head = match read_head(&mut input, SNIFF_BYTES) {
        Ok(h) => h,
        Err(e) => return fail(e.to_string()),
    };
    if head.is_empty() {
        return fail("empty file".to_string());
    }
    if looks_binary(&head) {
        let at = head.iter().position(|&b| b == 0).unwrap_or(0);
        return fail(format!("binary file (NUL byte at offset {at}), not text"));
    }
    let format = match format {
        Some(InputFormat::Auto) | None => sniff(&head),
        Some(f) => f,
    };
    let rest = Cursor::new(head).chain(input);
    let origin = origin.to_string();
    let date = opts.default_date.clone();
    match format {
        InputFormat::Txt | InputFormat::Auto => {
            let limit = opts.max_doc_bytes;
            let mut bytes = Vec::new();
            if let Err(e) = rest.take(limit as u64 + 1).read_to_end(&mut bytes) {
                return fail(e.to_string());
            }
            if bytes.len() > limit {
                return fail(format!("text is over the {limit}-byte document limit"));
            }
            let doc = txt_doc(bytes, &origin, stem, date.as_deref());
            Box::new(std::iter::once(doc))
        }
        InputFormat::Jsonl => Box::new(JsonlReader::new(
            BufReader::new(rest),
            &origin,
            date.as_deref(),
            opts.max_doc_bytes,
        )),
        InputFormat::Csv => Box::new(CsvReader::new(
            rest,
            &origin,
            stem,
            date.as_deref(),
            opts.max_doc_bytes,
        )),
        InputFormat::Conllu => {
            let sents = ConlluReader::new(BufReader::new(rest), &origin);
            Box::new(sents.enumerate().map(move |(i, s)| {
                s.map(|s| {
                    let mut doc = s.to_doc(&format!("{origin}#{}", i + 1));
                    doc.meta.date = date.clone();
                    doc
                })
            }))
        }
        InputFormat::Iob2 => {
            let sents = Iob2Reader::new(BufReader::new(rest), &origin);
            Box::new(sents.enumerate().map(move |(i, s)| {
                s.map(|s| {
                    let mut doc = s.to_doc(&format!("{origin}#{}", i + 1));
                    doc.meta.date = date.clone();
                    doc
                })
            }))
        }
    }
}
