use dragoman::pipeline::Pipeline;
use dragoman::quotes::Quoter;
use dragoman::read::for_each_doc;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::InputArgs,
    /// Folder of PETRARCH-format dictionaries to resolve speakers' actors with, instead of
    /// the built-in ones.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Actor file(s) in PETRARCH format whose entries take precedence over the built-in
    /// (or --dictionaries) actors (repeatable; first wins).
    #[arg(long, value_name = "FILE")]
    pub actors_overlay: Vec<PathBuf>,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let pipeline = Pipeline::load(&super::models_dir(&a.models))?;
    let coder = super::code::load_coder(&a.dictionaries, &a.actors_overlay, &pipeline)?;
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
