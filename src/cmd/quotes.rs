use dragoman::quotes::Quoter;
use dragoman::read::for_each_doc;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::InputArgs,
    /// The dictionaries speakers' actors are resolved with, and the models.
    #[command(flatten)]
    pub coder: super::code::CoderArgs,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let (pipeline, coder) = a.coder.load()?;
    let quoter = Quoter::new(&coder.dicts);
    let sink: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(
            std::fs::File::create(p).map_err(|e| format!("cannot create {}: {e}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    let opts = a.input.read_options();
    let written = for_each_doc(&a.input.paths, &opts, &mut std::io::stderr(), |mut doc| {
        pipeline.annotate(&mut doc);
        for q in quoter.quotes(&doc) {
            serde_json::to_writer(&mut out, &q)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    });
    super::finish(written, &mut out)
}
