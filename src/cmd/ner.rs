use dragoman::doc::{Doc, EntityLabel};
use dragoman::ner::Recognizer;
use dragoman::pipeline::NER_FILE;
use dragoman::read::for_each_doc;
use dragoman::read::iob2::write_iob2;
use serde_json::Value;
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
    /// Write every class the recogniser knows (GPE, NORP, MISC) instead of PER/ORG/LOC only.
    #[arg(long)]
    pub all_labels: bool,
    /// Do not run the tagger first, even if its model is there (the recogniser then works
    /// without part-of-speech features).
    #[arg(long)]
    pub no_tagger: bool,
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

/// Comments a pre-segmented input carried (`# sent_id = ...`), written back before its sentence.
fn kept_comments(doc: &Doc) -> Vec<String> {
    match doc.meta.extra.get("comments") {
        Some(Value::Array(cs)) => cs
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => vec![],
    }
}

/// Find names in every sentence of the inputs and write them as IOB2, one token a line.
/// Pre-segmented input (IOB2, CoNLL-U) keeps its sentences and tokens; text is segmented first.
pub fn run(a: Args) -> Result<ExitCode, String> {
    let models = super::models_dir(&a.models);
    let path = models.join(NER_FILE);
    let rec = Recognizer::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // As in the pipeline, the tagger runs before the recogniser, which reads its tags.
    let tagger = if a.no_tagger {
        None
    } else {
        super::load_tagger(&models)?
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = String::new();
    let opts = a.input.read_options();
    let written = for_each_doc(&a.input.paths, &opts, &mut std::io::stderr(), |mut doc| {
        let given = !doc.sentences.is_empty();
        if !given {
            dragoman::text::segment(&mut doc);
        }
        if let Some(t) = &tagger {
            t.tag(&mut doc);
        }
        rec.recognize(&mut doc);
        let tags = iob2_tags(&doc, a.all_labels);
        buf.clear();
        for (si, s) in doc.sentences.iter().enumerate() {
            let comments = if given {
                kept_comments(&doc)
            } else {
                let text = doc.slice(s.start, s.end).replace('\n', " ");
                vec![
                    format!("sent_id = {}-{}", doc.meta.id, si + 1),
                    format!("text = {text}"),
                ]
            };
            let toks: Vec<&str> = doc.tokens[s.token_range()]
                .iter()
                .map(|t| t.form.as_str())
                .collect();
            write_iob2(&comments, &toks, &tags[s.token_range()], &mut buf);
        }
        out.write_all(buf.as_bytes())
    });
    super::finish(written, &mut out)
}
