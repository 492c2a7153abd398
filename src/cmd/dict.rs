//! `dragoman dict`: load the event-coding dictionaries and report what was read, so a user
//! can check overlay files before coding with them; `--match` shows what a sentence hits.

use dragoman::dict::{Dictionaries, Ymd};
use dragoman::read::date::date_arg;
use dragoman::text::scan;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
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
    /// The day actor codes are resolved for with --match (default: undated).
    #[arg(long, value_parser = date_arg)]
    pub date: Option<String>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let start = Instant::now();
    let d = match &a.dictionaries {
        Some(dir) => Dictionaries::load_dir(dir)?,
        None => Dictionaries::builtin()?,
    };
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
