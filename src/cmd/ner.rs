use dragoman::doc::{Doc, EntityLabel};
use dragoman::ner::Recognizer;
use dragoman::pipeline::NER_FILE;
use dragoman::read::iob2::{write_iob2, Iob2Reader};
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Input format (iob2: one token a line, as UNER).
    #[arg(long, default_value = "iob2")]
    pub input_format: String,
    /// Folder holding the trained models.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Write every class the recogniser knows (GPE, NORP, MISC) instead of PER/ORG/LOC only.
    #[arg(long)]
    pub all_labels: bool,
    /// Do not run the tagger first, even if its model is there (the recogniser then works
    /// without part-of-speech features).
    #[arg(long)]
    pub no_tagger: bool,
    /// Input file (`-` for standard input).
    pub path: PathBuf,
}

/// IOB2 tags for a document's tokens. By default in the PER/ORG/LOC scheme that UNER scores:
/// GPE counts as LOC; NORP and MISC are left out.
pub fn iob2_tags(doc: &Doc, all_labels: bool) -> Vec<String> {
    doc.entity_marks()
        .into_iter()
        .map(|mark| {
            let Some((first, label)) = mark else {
                return "O".to_string();
            };
            let label = match (label, all_labels) {
                (l, true) => l.as_str(),
                (EntityLabel::Gpe, false) => "LOC",
                (EntityLabel::Norp | EntityLabel::Misc, false) => return "O".to_string(),
                (l, false) => l.as_str(),
            };
            format!("{}-{label}", if first { "B" } else { "I" })
        })
        .collect()
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    if a.input_format != "iob2" {
        return Err(format!(
            "input format {:?} is not supported yet",
            a.input_format
        ));
    }
    let path = super::models_dir(&a.models).join(NER_FILE);
    let rec = Recognizer::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // As in the pipeline, the tagger runs before the recogniser, which reads its tags.
    let tagger = if a.no_tagger {
        None
    } else {
        super::eval::load_tagger(&super::models_dir(&a.models))?
    };
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
    for (i, sent) in Iob2Reader::new(input, &origin).enumerate() {
        match sent {
            Ok(s) => {
                let mut doc = s.to_doc(&format!("{origin}#{}", i + 1));
                if let Some(t) = &tagger {
                    t.tag(&mut doc);
                }
                rec.recognize(&mut doc);
                let tags = iob2_tags(&doc, a.all_labels);
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                buf.clear();
                write_iob2(&s.comments, &toks, &tags, &mut buf);
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
