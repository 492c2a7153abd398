use dragoman::geo::GAZETTEER_FILE;
use dragoman::model::TrainOptions;
use dragoman::pipeline::{NER_FILE, PARSER_FILE, TAGGER_FILE};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Which model to train (`gazetteer` builds the place gazetteer from GeoNames).
    #[arg(value_parser = ["tagger", "parser", "ner", "gazetteer", "all"])]
    pub model: String,
    /// The shared data folder.
    #[arg(long, default_value_os_t = super::default_data_dir())]
    pub data: PathBuf,
    /// Folder to write the model files into.
    #[arg(long, default_value = "models")]
    pub out: PathBuf,
    /// Seed for shuffling the training data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Passes over the training data (default: each trainer's own).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Train on the first N sentences only.
    #[arg(long)]
    pub limit: Option<usize>,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let opts = TrainOptions {
        data: a.data.clone(),
        seed: a.seed,
        epochs: a.epochs,
        limit: a.limit,
        out: a.out.clone(),
    };
    std::fs::create_dir_all(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    let all = a.model == "all";
    let save_err = |f: &str, e: std::io::Error| format!("{}: {e}", a.out.join(f).display());
    if all || a.model == "tagger" {
        let (m, report) = dragoman::tag::train(&opts)?;
        m.save(&a.out.join(TAGGER_FILE))
            .map_err(|e| save_err(TAGGER_FILE, e))?;
        println!("{report}");
    }
    if all || a.model == "parser" {
        let (m, report) = dragoman::parse::train(&opts)?;
        m.save(&a.out.join(PARSER_FILE))
            .map_err(|e| save_err(PARSER_FILE, e))?;
        println!("{report}");
    }
    if all || a.model == "ner" {
        let (m, report) = dragoman::ner::train(&opts)?;
        m.save(&a.out.join(NER_FILE))
            .map_err(|e| save_err(NER_FILE, e))?;
        println!("{report}");
    }
    if all || a.model == "gazetteer" {
        let (g, report) = dragoman::geo::build::build(&a.data)?;
        g.save(&a.out.join(GAZETTEER_FILE))
            .map_err(|e| save_err(GAZETTEER_FILE, e))?;
        println!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
