use dragoman::pipeline::Pipeline;
use dragoman::read::conllu::write_conllu;
use dragoman::read::for_each_doc;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: super::InputArgs,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let pipeline = Pipeline::load(&super::models_dir(&a.models))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = String::new();
    let opts = a.input.read_options();
    let written = for_each_doc(&a.input.paths, &opts, &mut std::io::stderr(), |mut doc| {
        pipeline.annotate(&mut doc);
        buf.clear();
        write_conllu(&doc, &mut buf);
        out.write_all(buf.as_bytes())
    });
    super::finish(written, &mut out)
}
