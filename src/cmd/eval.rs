use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// What to score: ud (tagging and parsing on gold tokens), ner (entity spans), seg
    /// (sentence and token segmentation from raw text).
    #[arg(value_parser = ["ud", "ner", "seg"])]
    pub what: String,
    /// Gold file (default: the EWT or UNER test set in the shared data).
    pub gold: Option<PathBuf>,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// The shared data folder, for the default gold files.
    #[arg(long, default_value_os_t = super::default_data_dir())]
    pub data: PathBuf,
    /// For `ner`: do not run the tagger first (score the recogniser on bare tokens).
    #[arg(long)]
    pub no_tagger: bool,
}

/// The tagger in `models`, if its file is there.
pub fn load_tagger(models: &std::path::Path) -> Result<Option<dragoman::tag::Tagger>, String> {
    let path = models.join(dragoman::pipeline::TAGGER_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    dragoman::tag::Tagger::load(&path)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    match a.what.as_str() {
        "seg" => {
            let gold = a
                .gold
                .unwrap_or_else(|| a.data.join("ud-english-ewt/en_ewt-ud-test.conllu"));
            print!("{}", dragoman::eval::seg::evaluate(&gold)?);
            Ok(ExitCode::SUCCESS)
        }
        "ner" => eval_ner(&a),
        _ => Err("eval is being written".to_string()),
    }
}

/// `dragoman eval ner [GOLD]`: exact-span PER/ORG/LOC scores on a UNER-layout IOB2 file.
fn eval_ner(a: &Args) -> Result<ExitCode, String> {
    let gold = a
        .gold
        .clone()
        .unwrap_or_else(|| a.data.join("ner/uner-ewt/en_ewt-ud-test.iob2"));
    let path = super::models_dir(&a.models).join(dragoman::pipeline::NER_FILE);
    let rec =
        dragoman::ner::Recognizer::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // As in the pipeline, the tagger runs first when its model is there; `--no-tagger` scores
    // the recogniser on bare tokens.
    let tagger = if a.no_tagger {
        None
    } else {
        load_tagger(&super::models_dir(&a.models))?
    };
    print!(
        "{}",
        dragoman::eval::ner::evaluate_with(&gold, &rec, tagger.as_ref())?
    );
    Ok(ExitCode::SUCCESS)
}
