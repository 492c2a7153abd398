//! `dragoman dict`: load the event-coding dictionaries and report what was read, so a user
//! can check overlay files before coding with them.

use dragoman::dict::Dictionaries;
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
    Ok(if a.strict && !d.warnings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
