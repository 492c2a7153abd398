//! Event-coding dictionaries in the PETRARCH / TABARI formats: verbs and their patterns,
//! actors with dated codes, agents, discards, issues, CAMEO labels and the CAMEO -> PLOVER
//! table, parsed into typed structures and compiled into token tries for lookup.
//!
//! The built-in set (the `dictionaries/` folder of the project) is compiled into the
//! binary with `include_str!`: a `dragoman` copied or installed anywhere codes without
//! a folder to find, and loading cannot fail for a missing file. `--dictionaries DIR`
//! reads a user's files from disk instead ([`Dictionaries::load_dir`]).
//!
//! Bad lines never stop a load: each is skipped and reported as a [`Warning`] with
//! FILE:LINE. Only unreadable files or a folder with no verb or actor file are errors.

pub mod actors;
pub mod agents;
pub mod cameo;
pub mod date;
pub mod discards;
pub mod issues;
pub mod lines;
pub mod overlay;
pub mod trie;
pub mod verbs;

pub use actors::{Actor, ActorDictionary, DatedCode};
pub use agents::{Agent, AgentCode, AgentDictionary};
pub use cameo::{CameoLabels, CameoToPlover, PloverMapping};
pub use date::Ymd;
pub use discards::{Discard, DiscardList};
pub use issues::{Issue, IssueDictionary};
pub use lines::Warning;
pub use trie::{Encoded, Found, TokenTrie, Vocab};
pub use verbs::{VerbDictionary, VerbFormat};

use std::fmt;
use std::path::{Path, PathBuf};
use trie::dictionary_tokens;

/// Largest dictionary file read; the biggest shipped one is 1.5 MB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

const BUILTIN_VERBS: &str = include_str!("../../dictionaries/CAMEO.2.0.txt");
const BUILTIN_ACTORS: [(&str, &str); 3] = [
    (
        "Phoenix.Countries.actors.txt",
        include_str!("../../dictionaries/Phoenix.Countries.actors.txt"),
    ),
    (
        "Phoenix.International.actors.txt",
        include_str!("../../dictionaries/Phoenix.International.actors.txt"),
    ),
    (
        "Phoenix.MilNonState.actors.txt",
        include_str!("../../dictionaries/Phoenix.MilNonState.actors.txt"),
    ),
];
/// Actor files that load before the others, so their phrases win: dated office holders
/// (built by `dragoman dict build-overlay`) and institutions the Phoenix files lack.
const BUILTIN_OVERLAYS: [(&str, &str); 2] = [
    (
        "Overlay.OfficeHolders.actors.txt",
        include_str!("../../dictionaries/Overlay.OfficeHolders.actors.txt"),
    ),
    (
        "Overlay.Institutions.actors.txt",
        include_str!("../../dictionaries/Overlay.Institutions.actors.txt"),
    ),
];
const BUILTIN_AGENTS: &str = include_str!("../../dictionaries/Phoenix.agents.txt");
/// Roles whose sector the annotation guideline gives otherwise (protesters are civilians);
/// loads before the Phoenix agents, so its phrases win.
const BUILTIN_AGENT_OVERLAY: &str = include_str!("../../dictionaries/Overlay.Agents.txt");
const BUILTIN_DISCARDS: &str = include_str!("../../dictionaries/Phoenix.discards.txt");
const BUILTIN_ISSUES: &str = include_str!("../../dictionaries/Phoenix.IssueCoding.txt");
const BUILTIN_LABELS: &str = include_str!("../../dictionaries/CAMEO_codefile.txt");
const BUILTIN_PLOVER: &str = include_str!("../../dictionaries/CAMEO2PLOVER-2021.txt");

/// Marks a built-in file standing in for one a folder lacks.
const BUILTIN_MARK: &str = " (built-in)";

/// What an issue phrase stands for in the issue trie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueHit {
    Issue(u32),
    Ignore(u32),
}

/// A verb form found in the verb trie: block and entry indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbHit {
    pub block: u32,
    pub entry: u32,
}

/// The dictionaries an event coder needs, parsed and compiled.
#[derive(Debug)]
pub struct Dictionaries {
    pub verbs: VerbDictionary,
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub discards: DiscardList,
    pub issues: IssueDictionary,
    pub labels: CameoLabels,
    pub plover: CameoToPlover,
    /// Shared word numbering of every trie below.
    pub vocab: Vocab,
    pub actor_trie: TokenTrie<u32>,
    pub agent_trie: TokenTrie<u32>,
    pub discard_trie: TokenTrie<u32>,
    pub issue_trie: TokenTrie<IssueHit>,
    pub verb_trie: TokenTrie<VerbHit>,
    /// Files read, in order (names, for display).
    pub files: Vec<String>,
    /// Phrases listed more than once (the first listing is kept).
    pub duplicate_phrases: usize,
    pub warnings: Vec<Warning>,
}

/// The text of the files of one kind, with their names.
#[derive(Default)]
struct Sources {
    verbs: Vec<(String, String)>,
    actors: Vec<(String, String)>,
    agents: Vec<(String, String)>,
    discards: Vec<(String, String)>,
    issues: Vec<(String, String)>,
    labels: Vec<(String, String)>,
    plover: Vec<(String, String)>,
}

/// The kind of dictionary a file holds, from its PETRARCH-style name.
fn kind_of(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    if !n.ends_with(".txt") {
        return None;
    }
    [
        ("verb", "verbs"),
        ("actor", "actors"),
        ("agent", "agents"),
        ("discard", "discards"),
        ("issue", "issues"),
        ("codefile", "labels"),
        ("plover", "plover"),
    ]
    .into_iter()
    .find(|(key, _)| n.contains(key))
    .map(|(_, kind)| kind)
}

fn read_text(path: &Path, warnings: &mut Vec<Warning>) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{}: {} bytes, more than the {MAX_FILE_BYTES} a dictionary file may have",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            warnings.push(Warning {
                file: path.display().to_string(),
                line,
                message: "not UTF-8; undecodable bytes replaced".into(),
            });
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

/// Whether an actor file is an overlay (its entries win over the other files'): its name
/// says so.
fn is_overlay(name: &str) -> bool {
    name.to_ascii_lowercase().contains("overlay")
}

/// Reads user overlay files, in the order given, for [`Dictionaries::with_overlays`].
fn read_overlays(
    paths: &[PathBuf],
    warnings: &mut Vec<Warning>,
) -> Result<Vec<(String, String)>, String> {
    paths
        .iter()
        .map(|p| Ok((p.display().to_string(), read_text(p, warnings)?)))
        .collect()
}

impl Dictionaries {
    /// The dictionaries shipped in the project's `dictionaries/` folder, the office-holder
    /// overlay included.
    pub fn builtin() -> Result<Dictionaries, String> {
        Self::with_overlays(None, &[])
    }

    /// The built-in set (or the files in `dir`) with the user's actor overlay files loaded
    /// first: an overlay's phrase wins over the same phrase anywhere else, and the first
    /// overlay given wins over later ones.
    pub fn with_overlays(dir: Option<&Path>, overlays: &[PathBuf]) -> Result<Dictionaries, String> {
        let mut warnings = Vec::new();
        let user = read_overlays(overlays, &mut warnings)?;
        let mut s = match dir {
            Some(dir) => Self::dir_sources(dir, &mut warnings)?,
            None => Self::builtin_sources(true),
        };
        s.actors.splice(0..0, user);
        let mut d = Self::from_sources(s, warnings);
        if dir.is_some() {
            // The user cannot fix the shipped files; `dragoman dict` alone lists their slips.
            d.warnings.retain(|w| !w.file.ends_with(BUILTIN_MARK));
        }
        Ok(d)
    }

    /// The built-in set without the office-holder overlay: the Phoenix files as published
    /// (what the overlay is built against).
    pub fn builtin_base() -> Result<Dictionaries, String> {
        Ok(Self::from_sources(Self::builtin_sources(false), Vec::new()))
    }

    fn builtin_sources(overlay: bool) -> Sources {
        let one = |name: &str, text: &str| vec![(name.to_string(), text.to_string())];
        let overlays: &[(&str, &str)] = if overlay { &BUILTIN_OVERLAYS } else { &[] };
        Sources {
            verbs: one("CAMEO.2.0.txt", BUILTIN_VERBS),
            actors: overlays
                .iter()
                .chain(BUILTIN_ACTORS.iter())
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            agents: [("Overlay.Agents.txt", BUILTIN_AGENT_OVERLAY)]
                .iter()
                .filter(|_| overlay)
                .chain([("Phoenix.agents.txt", BUILTIN_AGENTS)].iter())
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            discards: one("Phoenix.discards.txt", BUILTIN_DISCARDS),
            issues: one("Phoenix.IssueCoding.txt", BUILTIN_ISSUES),
            labels: one("CAMEO_codefile.txt", BUILTIN_LABELS),
            plover: one("CAMEO2PLOVER-2021.txt", BUILTIN_PLOVER),
        }
    }

    /// The dictionary files in `dir`, told apart by PETRARCH naming: names containing
    /// `verbs`, `actors`, `agents`, `discards`, `Issue` (any case; several files of a kind
    /// are merged in name order). The CAMEO labels (`*codefile*`) and the PLOVER table
    /// (`*PLOVER*`) are the built-in ones unless `dir` has its own. Actor files named
    /// `*overlay*` load first, so their entries win.
    pub fn load_dir(dir: &Path) -> Result<Dictionaries, String> {
        Self::with_overlays(Some(dir), &[])
    }

    fn dir_sources(dir: &Path, warnings: &mut Vec<Warning>) -> Result<Sources, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read dictionary folder {}: {e}", dir.display()))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
            })
            .collect();
        paths.sort_by_key(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (!is_overlay(name), p.clone())
        });
        Self::path_sources(dir, paths, warnings)
    }

    /// Only the files `names` of `dir`, told apart as [`Dictionaries::load_dir`] does: the
    /// dictionaries a PETRARCH validation file's `<Environment>` names.
    pub fn load_named<S: AsRef<str>>(dir: &Path, names: &[S]) -> Result<Dictionaries, String> {
        let mut paths = Vec::new();
        for name in names {
            let name = name.as_ref();
            if kind_of(name).is_none() {
                return Err(format!(
                    "{name}: not a dictionary file name (want *verbs*.txt, *actors*.txt, *agents*.txt, *discards*.txt)"
                ));
            }
            paths.push(dir.join(name));
        }
        let mut warnings = Vec::new();
        let s = Self::path_sources(dir, paths, &mut warnings)?;
        Ok(Self::from_sources(s, warnings))
    }

    /// The files `paths` (of `dir`) sorted into kinds, with the built-in CAMEO labels and
    /// PLOVER table where none is given.
    fn path_sources(
        dir: &Path,
        paths: Vec<PathBuf>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Sources, String> {
        let mut s = Sources::default();
        for p in paths {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let Some(kind) = kind_of(name) else { continue };
            let text = read_text(&p, warnings)?;
            let entry = (p.display().to_string(), text);
            match kind {
                "verbs" => s.verbs.push(entry),
                "actors" => s.actors.push(entry),
                "agents" => s.agents.push(entry),
                "discards" => s.discards.push(entry),
                "issues" => s.issues.push(entry),
                "labels" => s.labels.push(entry),
                _ => s.plover.push(entry),
            }
        }
        if s.verbs.is_empty() && s.actors.is_empty() {
            return Err(format!(
                "no verb or actor dictionary in {} (want files named like *verbs*.txt, *actors*.txt)",
                dir.display()
            ));
        }
        if s.labels.is_empty() {
            s.labels.push((
                format!("CAMEO_codefile.txt{BUILTIN_MARK}"),
                BUILTIN_LABELS.into(),
            ));
        }
        if s.plover.is_empty() {
            s.plover.push((
                format!("CAMEO2PLOVER-2021.txt{BUILTIN_MARK}"),
                BUILTIN_PLOVER.into(),
            ));
        }
        Ok(s)
    }

    fn from_sources(s: Sources, mut warnings: Vec<Warning>) -> Dictionaries {
        let mut files = Vec::new();
        let mut verbs = VerbDictionary::parse("", "").0;
        let mut actors = ActorDictionary::default();
        let mut agents = AgentDictionary::default();
        let mut discards = DiscardList::default();
        let mut issues = IssueDictionary::default();
        let mut labels = CameoLabels::default();
        let mut plover = CameoToPlover::default();
        let mut log = |list: &[(String, String)]| files.extend(list.iter().map(|(n, _)| n.clone()));
        log(&s.verbs);
        log(&s.actors);
        log(&s.agents);
        log(&s.discards);
        log(&s.issues);
        log(&s.labels);
        log(&s.plover);
        for (name, text) in &s.verbs {
            let (d, w) = VerbDictionary::parse(text, name);
            verbs.extend(d);
            warnings.extend(w);
        }
        for (name, text) in &s.actors {
            let (d, w) = ActorDictionary::parse(text, name);
            actors.extend(d);
            warnings.extend(w);
        }
        for (name, text) in &s.agents {
            let (d, w) = AgentDictionary::parse(text, name);
            agents.extend(d);
            warnings.extend(w);
        }
        for (name, text) in &s.discards {
            let (d, w) = DiscardList::parse(text, name);
            discards.extend(d);
            warnings.extend(w);
        }
        for (name, text) in &s.issues {
            let (d, w) = IssueDictionary::parse(text, name);
            issues.extend(d);
            warnings.extend(w);
        }
        for (name, text) in &s.labels {
            let (d, w) = CameoLabels::parse(text, name);
            labels.labels.extend(d.labels);
            labels.icews_labels.extend(d.icews_labels);
            warnings.extend(w);
        }
        for (name, text) in &s.plover {
            let (d, w) = CameoToPlover::parse(text, name);
            plover.codes.extend(d.codes);
            plover.roots.extend(d.roots);
            warnings.extend(w);
        }
        Self::compile(
            verbs, actors, agents, discards, issues, labels, plover, files, warnings,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn compile(
        verbs: VerbDictionary,
        actors: ActorDictionary,
        agents: AgentDictionary,
        discards: DiscardList,
        issues: IssueDictionary,
        labels: CameoLabels,
        plover: CameoToPlover,
        files: Vec<String>,
        warnings: Vec<Warning>,
    ) -> Dictionaries {
        let mut vocab = Vocab::default();
        let mut dup = 0usize;
        let mut actor_trie = TokenTrie::new(&mut vocab);
        for (i, a) in actors.actors.iter().enumerate() {
            for (name, &stem) in a.names.iter().zip(&a.stems) {
                dup += !actor_trie.insert(&mut vocab, &dictionary_tokens(name), stem, i as u32)
                    as usize;
            }
        }
        let mut agent_trie = TokenTrie::new(&mut vocab);
        for (i, a) in agents.agents.iter().enumerate() {
            for name in &a.names {
                dup += !agent_trie.insert(&mut vocab, &dictionary_tokens(name), false, i as u32)
                    as usize;
            }
        }
        let mut discard_trie = TokenTrie::new(&mut vocab);
        for (i, d) in discards.discards.iter().enumerate() {
            dup += !discard_trie.insert(&mut vocab, &dictionary_tokens(&d.words), d.stem, i as u32)
                as usize;
        }
        let mut issue_trie = TokenTrie::new(&mut vocab);
        for (i, is) in issues.ignores.iter().enumerate() {
            for p in &is.phrases {
                issue_trie.insert(
                    &mut vocab,
                    &dictionary_tokens(p),
                    false,
                    IssueHit::Ignore(i as u32),
                );
            }
        }
        for (i, is) in issues.issues.iter().enumerate() {
            for p in &is.phrases {
                dup += !issue_trie.insert(
                    &mut vocab,
                    &dictionary_tokens(p),
                    false,
                    IssueHit::Issue(i as u32),
                ) as usize;
            }
        }
        let mut verb_trie = TokenTrie::new(&mut vocab);
        for (b, block) in verbs.blocks.iter().enumerate() {
            for (e, entry) in block.verbs.iter().enumerate() {
                for form in &entry.forms {
                    let hit = VerbHit {
                        block: b as u32,
                        entry: e as u32,
                    };
                    verb_trie.insert(&mut vocab, &dictionary_tokens(form), false, hit);
                }
            }
        }
        Dictionaries {
            verbs,
            actors,
            agents,
            discards,
            issues,
            labels,
            plover,
            vocab,
            actor_trie,
            agent_trie,
            discard_trie,
            issue_trie,
            verb_trie,
            files,
            duplicate_phrases: dup,
            warnings,
        }
    }

    /// Normalises a sentence's tokens once for every lookup below.
    pub fn encode<S: AsRef<str>>(&self, tokens: &[S]) -> Encoded {
        self.vocab.encode(tokens)
    }

    /// The longest actor phrase starting at token `i`: its end and the actor.
    pub fn actor_at(&self, s: &Encoded, i: usize) -> Option<(usize, &Actor)> {
        let f = self.actor_trie.longest_at(s, i)?;
        Some((f.end, self.actors.actors.get(*f.value as usize)?))
    }

    /// The longest agent phrase starting at token `i`.
    pub fn agent_at(&self, s: &Encoded, i: usize) -> Option<(usize, &Agent)> {
        let f = self.agent_trie.longest_at(s, i)?;
        Some((f.end, self.agents.agents.get(*f.value as usize)?))
    }

    /// The first discard phrase in the sentence, if any.
    pub fn discard_in(&self, s: &Encoded) -> Option<&Discard> {
        self.discard_where(s, |_| true)
    }

    /// The first discard phrase in the sentence that `keep` accepts.
    pub fn discard_where(&self, s: &Encoded, keep: impl Fn(&Discard) -> bool) -> Option<&Discard> {
        (0..s.ids.len())
            .filter_map(|i| self.discard_trie.longest_at(s, i))
            .filter_map(|f| self.discards.discards.get(*f.value as usize))
            .find(|d| keep(d))
    }

    /// Issue codes the sentence mentions, each with its count, in first-seen order; none
    /// when an ignore phrase occurs (PETRARCH cancels the sentence's issues then).
    pub fn issues_in(&self, s: &Encoded) -> Vec<(&str, usize)> {
        let mut out: Vec<(&str, usize)> = Vec::new();
        for f in self.issue_trie.find_all(s) {
            match *f.value {
                IssueHit::Ignore(_) => return Vec::new(),
                IssueHit::Issue(k) => {
                    let Some(issue) = self.issues.issues.get(k as usize) else {
                        continue;
                    };
                    match out.iter_mut().find(|(c, _)| *c == issue.code) {
                        Some(slot) => slot.1 += 1,
                        None => out.push((issue.code.as_str(), 1)),
                    }
                }
            }
        }
        out
    }

    /// The verb form starting at token `i` (multi-word verbs included).
    pub fn verb_at(&self, s: &Encoded, i: usize) -> Option<(usize, VerbHit)> {
        let f = self.verb_trie.longest_at(s, i)?;
        Some((f.end, *f.value))
    }

    pub fn summary(&self) -> Summary {
        Summary {
            verb_format: self.verbs.format,
            synsets: self.verbs.synsets.len(),
            verb_blocks: self.verbs.blocks.len(),
            verbs: self.verbs.verb_count(),
            verb_forms: self.verb_trie.len(),
            patterns: self.verbs.pattern_count(),
            transformations: self.verbs.transformations.len(),
            actors: self.actors.actors.len(),
            actor_names: self.actors.name_count(),
            dated_codes: self
                .actors
                .actors
                .iter()
                .flat_map(|a| &a.codes)
                .filter(|c| !c.is_default())
                .count(),
            agents: self.agents.agents.len(),
            agent_names: self.agents.name_count(),
            discards: self.discards.discards.len(),
            issues: self.issues.issues.len(),
            issue_ignores: self.issues.ignores.len(),
            cameo_labels: self.labels.labels.len(),
            plover_codes: self.plover.codes.len(),
            vocabulary: self.vocab.len(),
            duplicate_phrases: self.duplicate_phrases,
            warnings: self.warnings.len(),
        }
    }
}

/// Counts for display (`dragoman dict`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub verb_format: VerbFormat,
    pub synsets: usize,
    pub verb_blocks: usize,
    pub verbs: usize,
    pub verb_forms: usize,
    pub patterns: usize,
    pub transformations: usize,
    pub actors: usize,
    pub actor_names: usize,
    pub dated_codes: usize,
    pub agents: usize,
    pub agent_names: usize,
    pub discards: usize,
    pub issues: usize,
    pub issue_ignores: usize,
    pub cameo_labels: usize,
    pub plover_codes: usize,
    pub vocabulary: usize,
    pub duplicate_phrases: usize,
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fmt_name = match self.verb_format {
            VerbFormat::Petrarch2 => "PETRARCH2",
            VerbFormat::Tabari => "TABARI",
        };
        writeln!(f, "verbs ({fmt_name} format): {} blocks, {} verbs ({} forms), {} patterns, {} synsets, {} transformations",
            self.verb_blocks, self.verbs, self.verb_forms, self.patterns, self.synsets, self.transformations)?;
        writeln!(
            f,
            "actors: {} ({} names, {} date-restricted codes)",
            self.actors, self.actor_names, self.dated_codes
        )?;
        writeln!(
            f,
            "agents: {} ({} names with plurals and substitutions)",
            self.agents, self.agent_names
        )?;
        writeln!(f, "discards: {}", self.discards)?;
        writeln!(
            f,
            "issues: {} ({} ignore phrases)",
            self.issues, self.issue_ignores
        )?;
        writeln!(
            f,
            "CAMEO labels: {}; CAMEO->PLOVER codes: {}",
            self.cameo_labels, self.plover_codes
        )?;
        writeln!(
            f,
            "distinct words: {}; phrases listed twice (first kept): {}",
            self.vocabulary, self.duplicate_phrases
        )?;
        write!(f, "warnings: {}", self.warnings)
    }
}

#[cfg(test)]
mod tests;
