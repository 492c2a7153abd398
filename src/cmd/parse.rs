use dragoman::pipeline::Pipeline;
use dragoman::read::conllu::{write_conllu, ConlluReader};
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Input format: conllu keeps the given sentences and words.
    #[arg(long, default_value = "conllu")]
    pub input_format: String,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Input file (`-` for standard input).
    pub path: PathBuf,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    if a.input_format != "conllu" {
        return Err(format!(
            "input format {:?} is not supported yet",
            a.input_format
        ));
    }
    let pipeline = Pipeline::load(&super::models_dir(&a.models))?;
    let origin = a.path.display().to_string();
    let input: Box<dyn std::io::BufRead> = if origin == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(&a.path).map_err(|e| format!("{origin}: {e}"))?;
        Box::new(BufReader::new(f))
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut buf = String::new();
    for (i, sent) in ConlluReader::new(input, &origin).enumerate() {
        match sent {
            Ok(s) => {
                let mut doc = s.to_doc(&format!("{origin}#{}", i + 1));
                pipeline.annotate_segmented(&mut doc);
                buf.clear();
                write_conllu(&doc, &mut buf);
                out.write_all(buf.as_bytes()).map_err(|e| e.to_string())?;
            }
            Err(e) => {
                eprintln!("dragoman: {e}");
                failed = true;
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
