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
use super::format::{not_text, sniff, InputFormat, SNIFF_BYTES};
use super::iob2::Iob2Reader;
use super::jsonl::JsonlReader;
use super::petrarch::PetrarchReader;
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
            return one_error(ReadError::new("<stdin>", "standard input named twice"));
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
    if let Some(reason) = not_text(&head) {
        return fail(reason);
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
        InputFormat::PetrarchXml => {
            let mut bytes = Vec::new();
            let cap = super::petrarch::MAX_FILE_BYTES;
            if let Err(e) = rest.take(cap as u64 + 1).read_to_end(&mut bytes) {
                return fail(e.to_string());
            }
            match PetrarchReader::new(bytes, &origin) {
                Ok(r) => Box::new(r),
                Err(e) => one_error(e),
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-2025-04-10.txt");

    fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, content).unwrap();
        path
    }

    fn ids_and_errors(
        items: impl Iterator<Item = Result<Doc, ReadError>>,
    ) -> (Vec<String>, Vec<String>) {
        let mut ids = Vec::new();
        let mut errors = Vec::new();
        for item in items {
            match item {
                Ok(d) => ids.push(d.meta.id),
                Err(e) => errors.push(e.to_string()),
            }
        }
        (ids, errors)
    }

    /// A stream over bytes as standard input would be read: no name, no extension.
    fn from_bytes(bytes: &[u8], opts: &ReadOptions) -> Vec<Result<Doc, ReadError>> {
        let forced = (opts.format != InputFormat::Auto).then_some(opts.format);
        open_stream(
            Box::new(Cursor::new(bytes.to_vec())),
            "<stdin>",
            "stdin",
            forced,
            opts,
        )
        .collect()
    }

    const JSONL: &[u8] = b"{\"id\": \"j1\", \"date\": \"2025-01-01\", \"text\": \"One.\"}\n{\"id\": \"j2\", \"date\": \"2025-01-01\", \"text\": \"Two.\"}\n";

    #[test]
    fn seed_file_named_explicitly() {
        let docs: Vec<Doc> = read_inputs(&[PathBuf::from(SEED)], &ReadOptions::default())
            .map(Result::unwrap)
            .collect();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].meta.id, "403");
        assert_eq!(docs[0].meta.date.as_deref(), Some("2025-04-10"));
        assert!(docs[0].text.starts_with("(MENAFN)"));
    }

    #[test]
    fn folders_walk_sorted_recursive_skipping_hidden_and_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "b.txt", b"Bee text.");
        write(d, "a.jsonl", JSONL);
        write(d, "sub/c.csv", b"id,date,text\nc1,2020-01-01,See.\n");
        write(
            d,
            "sub/d.conllu",
            b"# sent_id = s1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n",
        );
        write(d, "sub/e.iob2", b"1\tParis\tB-LOC\n");
        write(d, ".hidden.txt", b"Hidden.");
        write(d, ".git/x.txt", b"Hidden folder.");
        write(d, "notes.md", b"Not an input.");
        write(d, "z.TXT", b"Upper-case extension.");
        let opts = ReadOptions {
            default_date: Some("2024-06-01".into()),
            ..ReadOptions::default()
        };
        let mut inputs = read_inputs(&[d.to_path_buf()], &opts);
        let docs: Vec<Doc> = inputs.by_ref().map(Result::unwrap).collect();
        let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
        let iob_id = format!("{}#1", d.join("sub/e.iob2").display());
        assert_eq!(ids, ["j1", "j2", "b", "c1", "s1", iob_id.as_str(), "z"]);
        assert_eq!(docs[2].meta.date.as_deref(), Some("2024-06-01"));
        assert_eq!(docs[4].meta.date.as_deref(), Some("2024-06-01"));
        assert_eq!(inputs.skipped().count, 1);
        assert_eq!(
            inputs.skipped().first.as_deref(),
            Some(d.join("notes.md").as_path())
        );
    }

    #[test]
    fn forced_format_reads_every_file_in_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "article-17", b"No extension at all.");
        write(dir.path(), "article-18.html", b"Still text.");
        let opts = ReadOptions {
            format: InputFormat::Txt,
            ..ReadOptions::default()
        };
        let (ids, errors) = ids_and_errors(read_inputs(&[dir.path().to_path_buf()], &opts));
        assert_eq!(ids, ["article-17", "article-18"]);
        assert!(errors.is_empty());
    }

    #[test]
    fn explicit_file_of_unknown_extension_is_sniffed() {
        let dir = tempfile::tempdir().unwrap();
        let j = write(dir.path(), "feed.dat", JSONL);
        let t = write(dir.path(), "story", b" date 2025-04-10 77\nTitle\nBody.\n");
        let (ids, errors) = ids_and_errors(read_inputs(&[j, t], &ReadOptions::default()));
        assert_eq!(ids, ["j1", "j2", "77"]);
        assert!(errors.is_empty());
    }

    #[test]
    fn bad_paths_and_files_are_errors_and_the_rest_come_through() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let empty_dir = d.join("nothing");
        fs::create_dir(&empty_dir).unwrap();
        write(&empty_dir, "skip.md", b"x");
        let paths = vec![
            d.join("missing.txt"),
            write(d, "empty.txt", b""),
            write(d, "bin.jsonl", b"{\"id\":\x00\x01\x02"),
            write(d, "bad.txt", b"caf\xe9\n"),
            empty_dir.clone(),
            write(d, "good.jsonl", JSONL),
        ];
        let (ids, errors) = ids_and_errors(read_inputs(&paths, &ReadOptions::default()));
        assert_eq!(ids, ["j1", "j2"]);
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors[0].contains("missing.txt"));
        assert!(errors[1].contains("empty.txt: empty file"));
        assert!(errors[2].contains("bin.jsonl: binary file"));
        assert!(errors[3].contains("bad.txt: invalid UTF-8 at byte 3 (line 1)"));
        assert!(
            errors[4].contains("nothing: folder holds no file"),
            "{}",
            errors[4]
        );
    }

    #[test]
    fn oversized_text_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let big = write(dir.path(), "big.txt", &vec![b'a'; 2000]);
        let opts = ReadOptions {
            max_doc_bytes: 1000,
            ..ReadOptions::default()
        };
        let (ids, errors) = ids_and_errors(read_inputs(&[big], &opts));
        assert!(ids.is_empty());
        assert!(
            errors[0].contains("2000 bytes is over the 1000-byte"),
            "{}",
            errors[0]
        );
        // The same over a stream without a size to check first.
        let got = from_bytes(&vec![b'a'; 2000], &opts);
        assert!(got[0].as_ref().unwrap_err().reason.contains("1000-byte"));
    }

    #[test]
    fn stdin_content_is_sniffed_or_forced() {
        let opts = ReadOptions::default();
        let ids = |items: Vec<Result<Doc, ReadError>>| ids_and_errors(items.into_iter()).0;
        assert_eq!(ids(from_bytes(JSONL, &opts)), ["j1", "j2"]);
        assert_eq!(
            ids(from_bytes(b"date,text\n2020-01-01,Hi\n", &opts)),
            ["stdin-1"]
        );
        assert_eq!(ids(from_bytes(b"Plain words.\n", &opts)), ["stdin"]);
        let seed = fs::read(SEED).unwrap();
        assert_eq!(ids(from_bytes(&seed, &opts)), ["403"]);
        // Forced: the JSON is taken as the text of one document.
        let txt = ReadOptions {
            format: InputFormat::Txt,
            ..ReadOptions::default()
        };
        let docs = from_bytes(JSONL, &txt);
        assert_eq!(docs.len(), 1);
        assert!(docs[0].as_ref().unwrap().text.starts_with("{\"id\""));
        let e = from_bytes(b"", &opts);
        assert!(e[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("<stdin>: empty file"));
    }

    #[test]
    fn yields_lazily_across_files() {
        // A second path that does not exist yet is only looked at once the first is used up,
        // so nothing is read ahead.
        let dir = tempfile::tempdir().unwrap();
        let first = write(dir.path(), "a.jsonl", JSONL);
        let later = dir.path().join("later.txt");
        let mut inputs = read_inputs(&[first, later.clone()], &ReadOptions::default());
        assert_eq!(inputs.next().unwrap().unwrap().meta.id, "j1");
        fs::write(&later, "Written after reading began.").unwrap();
        let (ids, errors) = ids_and_errors(inputs);
        assert_eq!(ids, ["j2", "later"]);
        assert!(errors.is_empty());
    }

    /// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed.max(1);
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn never_panics_on_random_or_truncated_input() {
        let seed = fs::read(SEED).unwrap();
        let samples: Vec<Vec<u8>> = vec![
            JSONL.to_vec(),
            seed,
            b"url,date,title,text\n\"u\",2019-01-04,\"t\",\"a \"\"b\"\" c\"\n".to_vec(),
            b"# sent_id = 1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n1-2\tx\n".to_vec(),
            b"1\tParis\tB-LOC\n2\tis\tO\n\n".to_vec(),
        ];
        let formats = [
            InputFormat::Auto,
            InputFormat::Txt,
            InputFormat::Jsonl,
            InputFormat::Csv,
            InputFormat::Conllu,
            InputFormat::Iob2,
        ];
        let small = ReadOptions {
            max_doc_bytes: 64,
            ..ReadOptions::default()
        };
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for s in &samples {
            for cut in (0..s.len()).step_by(7) {
                inputs.push(s[..cut].to_vec());
            }
            // Flip single bytes to invalid UTF-8 and stray quotes/tabs.
            for (i, b) in [0xffu8, b'"', b'\t', b'\n', b'{', 0xc3].iter().enumerate() {
                let mut m = s.clone();
                let at = (i * 31) % m.len();
                m[at] = *b;
                inputs.push(m);
            }
        }
        for seed in 1..40 {
            inputs.push(noise(seed, (seed as usize * 37) % 600));
            // Text-like noise: random bytes over a printable alphabet with separators.
            let alphabet = b"ab {}\":,\t\n\r#-0123456789TOB\\";
            let text: Vec<u8> = noise(seed + 1000, 400)
                .into_iter()
                .map(|b| alphabet[b as usize % alphabet.len()])
                .collect();
            inputs.push(text);
        }
        for bytes in &inputs {
            for format in formats {
                for opts in [&ReadOptions::default(), &small] {
                    let opts = ReadOptions {
                        format,
                        ..opts.clone()
                    };
                    for item in from_bytes(bytes, &opts) {
                        // Errors must say where and why.
                        if let Err(e) = item {
                            assert!(!e.origin.is_empty() && !e.reason.is_empty());
                        }
                    }
                }
            }
        }
    }
}
