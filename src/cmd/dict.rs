//! `dragoman dict`: load the event-coding dictionaries and report what was read, so a user
//! can check overlay files before coding with them; `--match` shows what a sentence hits.

use dragoman::dict::overlay::{CountryWords, OverlayBuilder};
use dragoman::dict::{Dictionaries, Ymd};
use dragoman::read::date::date_arg;
use dragoman::text::scan;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub build: Option<Build>,
    /// Folder of PETRARCH-format files (*verbs*, *actors*, *agents*, *discards*, *Issue*)
    /// to load instead of the built-in dictionaries.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Exit with status 1 when any line was skipped or read only in part.
    #[arg(long)]
    pub strict: bool,
    /// Show the actors, agents, verbs, discards and issues found in this sentence.
    #[arg(long, value_name = "SENTENCE")]
    pub r#match: Option<String>,
    /// Extra actor file(s) in PETRARCH format whose entries take precedence (repeatable).
    #[arg(long, value_name = "FILE")]
    pub actors_overlay: Vec<PathBuf>,
    /// The day actor codes are resolved for with --match (default: undated).
    #[arg(long, value_parser = date_arg)]
    pub date: Option<String>,
}

#[derive(clap::Subcommand)]
pub enum Build {
    /// Build the office-holder overlay (dated heads of state and government, ministers,
    /// officials of international bodies) from Wikidata tables and dated news.
    BuildOverlay(BuildArgs),
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The shared data folder (reads actors/*wikidata.csv, actors/CountryInfo*.txt,
    /// geonames/countryInfo.tsv, news/current-events-*.jsonl, news/wikinews/*.csv).
    #[arg(long, default_value_os_t = super::default_data_dir())]
    pub data: PathBuf,
    /// Where to write the overlay.
    #[arg(long, default_value = OVERLAY_PATH)]
    pub out: PathBuf,
}

const OVERLAY_PATH: &str = "dictionaries/Overlay.OfficeHolders.actors.txt";

pub fn run(a: Args) -> Result<ExitCode, String> {
    if let Some(Build::BuildOverlay(b)) = a.build {
        return build_overlay(&b);
    }
    let start = Instant::now();
    let d = super::code::load_dictionaries(&a.dictionaries, &a.actors_overlay)?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match &a.dictionaries {
        Some(dir) => println!("dictionaries from {}", dir.display()),
        None => println!("built-in dictionaries"),
    }
    for f in &d.files {
        println!("  {f}");
    }
    println!("{}", d.summary());
    println!("loaded in {ms:.1} ms");
    for w in &d.warnings {
        println!("{w}");
    }
    if let Some(sentence) = &a.r#match {
        let day = a.date.as_deref().and_then(Ymd::parse_iso);
        show_matches(&d, sentence, day);
    }
    Ok(if a.strict && !d.warnings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn show_matches(d: &Dictionaries, sentence: &str, day: Option<Ymd>) {
    let pieces = scan(sentence);
    let tokens: Vec<&str> = pieces.iter().map(|p| &sentence[p.start..p.end]).collect();
    let enc = d.encode(&tokens);
    let span = |i: usize, e: usize| tokens[i..e].join(" ");
    println!("matches in {tokens:?}:");
    let mut i = 0;
    while i < tokens.len() {
        let mut next = i + 1;
        if let Some((e, actor)) = d.actor_at(&enc, i) {
            let code = match day {
                Some(day) => actor.code_on(day),
                None => actor.code_undated(),
            };
            println!(
                "  actor  {:?} -> {} (line {})",
                span(i, e),
                code.unwrap_or("no code"),
                actor.line
            );
            next = next.max(e);
        }
        if let Some((e, agent)) = d.agent_at(&enc, i) {
            println!(
                "  agent  {:?} -> {:?} (line {})",
                span(i, e),
                agent.code,
                agent.line
            );
            next = next.max(e);
        }
        if let Some((e, hit)) = d.verb_at(&enc, i) {
            let block = &d.verbs.blocks[hit.block as usize];
            let patterns = block.patterns.len();
            println!(
                "  verb   {:?} -> block {} [{}], {patterns} patterns",
                span(i, e),
                block.name,
                block.code.raw
            );
        }
        i = next;
    }
    if let Some(x) = d.discard_in(&enc) {
        let scope = if x.whole_story { "story" } else { "sentence" };
        println!(
            "  discard the {scope}: {:?} (line {})",
            x.words.join(" "),
            x.line
        );
    }
    for (code, n) in d.issues_in(&enc) {
        println!("  issue  {code} x{n}");
    }
}

fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Files in `dir` whose names start with `prefix` and end with `ext`, in name order.
fn files(dir: &std::path::Path, prefix: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(ext))
        })
        .collect();
    v.sort();
    v
}

/// `dragoman dict build-overlay`: reads the shared data, writes the overlay file.
fn build_overlay(b: &BuildArgs) -> Result<ExitCode, String> {
    let actors = b.data.join("actors");
    let news = b.data.join("news");
    let info = files(&actors, "CountryInfo", ".txt");
    let info = info
        .first()
        .ok_or_else(|| format!("no CountryInfo*.txt in {}", actors.display()))?;
    let countries = CountryWords::parse(
        &read(info)?,
        &read(&b.data.join("geonames/countryInfo.tsv"))?,
    );
    let mut builder = OverlayBuilder::new(countries);
    let mut sources = vec![format!("{}", info.display())];
    let base = Dictionaries::builtin_base()?;
    // "Secretary-General of the United Nations" is an official of the body the base
    // dictionaries code IGOUNO: the last international body the position names.
    let body = |position: &str| {
        let pieces = scan(position);
        let tokens: Vec<&str> = pieces.iter().map(|p| &position[p.start..p.end]).collect();
        let enc = base.encode(&tokens);
        (0..tokens.len())
            .rev()
            .filter_map(|i| base.actor_at(&enc, i))
            .filter_map(|(_, a)| a.code_undated())
            .find(|c| c.starts_with("IGO"))
            .map(str::to_string)
    };
    for (prefix, kind) in [
        ("heads_of_state", 0),
        ("foreign_ministers", 1),
        ("intl_org", 2),
        ("country_cabinets", 3),
    ] {
        for f in files(&actors, prefix, "_wikidata.csv") {
            let text = read(&f)?;
            match kind {
                0 => builder.add_heads(&text),
                1 => builder.add_foreign_ministers(&text),
                2 => builder.add_body_officials(&text, &body),
                _ => builder.add_cabinets(&text),
            }
            sources.push(f.display().to_string());
        }
    }
    let mut items: Vec<(Ymd, String)> = Vec::new();
    for f in files(&news, "current-events", ".jsonl") {
        let mut found = Vec::new();
        for line in read(&f)?.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let day = v["date"].as_str().and_then(Ymd::parse_iso);
            if let (Some(day), Some(text)) = (day, v["text"].as_str()) {
                found.push((day, text.to_string()));
            }
        }
        items.extend(found);
        sources.push(f.display().to_string());
    }
    for f in files(&news.join("wikinews"), "wikinews", ".csv") {
        let text = read(&f)?;
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let mut found = Vec::new();
        for rec in r.records().filter_map(Result::ok) {
            let day = rec.get(1).and_then(Ymd::parse_iso);
            if let (Some(day), Some(body)) = (day, rec.get(3)) {
                found.push((day, body.to_string()));
            }
        }
        items.extend(found);
        sources.push(f.display().to_string());
    }
    // Older news first, so each source's last day is known when the next begins.
    items.sort_by_key(|(d, _)| *d);
    for (day, text) in &items {
        builder.add_news(*day, text);
    }
    let skipped = builder.skipped.clone();
    let relative: Vec<String> = sources
        .iter()
        .map(|s| s.trim_start_matches("../shared/data/").to_string())
        .collect();
    let out = builder.write(&relative);
    std::fs::write(&b.out, &out).map_err(|e| format!("{}: {e}", b.out.display()))?;
    let records = out
        .lines()
        .filter(|l| l.starts_with("\t[") && !l.contains("ELI]"))
        .count();
    println!(
        "wrote {} ({} bytes, {records} dated codes) from {} news items",
        b.out.display(),
        out.len(),
        items.len()
    );
    let mut skipped = skipped;
    skipped.sort();
    skipped.dedup();
    for s in skipped {
        println!("  skipped: {s}");
    }
    Ok(ExitCode::SUCCESS)
}
