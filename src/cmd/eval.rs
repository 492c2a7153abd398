use dragoman::doc::Upos;
use dragoman::eval::ud::score;
use dragoman::parse::Parser;
use dragoman::pipeline::{PARSER_FILE, TAGGER_FILE};
use dragoman::read::conllu::ConlluReader;
use dragoman::tag::Tagger;
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// What to score: ud (tagging and parsing on gold tokens), ner (entity spans), seg
    /// (sentence and token segmentation from raw text), gold (event records against hand-coded
    /// gold events), storylines (events linked into storylines, against the items' threads),
    /// dedup (one event per happening, on the current-events news), petrarch (pass rate of
    /// the PETRARCH unit-test suite, coded with the dictionaries its <Environment> names).
    #[arg(value_parser = ["ud", "ner", "seg", "gold", "storylines", "dedup", "petrarch"])]
    pub what: String,
    /// Gold file (default: the EWT or UNER test set, or news/gold-dev.jsonl, in the shared data);
    /// for `gold` without --predicted, the items file (then the gold file may follow); for
    /// `storylines`, the items with their threads (default news/current-events-2025.jsonl);
    /// for `petrarch`, the suite's folder or XML file (default petrarch-validation), whose
    /// folder also holds the dictionaries unless --dictionaries names another.
    pub gold: Option<PathBuf>,
    /// For `gold` without --predicted: the gold file, after the items file.
    pub second: Option<PathBuf>,
    /// The models, and for coding (`gold` and `storylines` without --predicted, `dedup`)
    /// the dictionaries.
    #[command(flatten)]
    pub coder: super::code::CoderArgs,
    /// For `gold`: the event records (JSONL, as `dragoman code` writes them) to score; for
    /// `storylines`: the items' records, instead of coding them here.
    #[arg(long)]
    pub predicted: Option<PathBuf>,
    /// For `gold`: also list every missed gold event, every spurious record, and every
    /// matched pair whose dates disagree; for `storylines`: how the largest threads were
    /// spread over storylines, and the reverse; for `petrarch`, every failing record.
    #[arg(long)]
    pub errors: bool,
    /// The shared data folder, for the default gold files.
    #[arg(long, default_value_os_t = super::default_data_dir())]
    pub data: PathBuf,
    /// For `storylines`: search the linking parameters on the first half of the year
    /// (before 2025-07-01) and score those on both halves, instead of the built-in defaults.
    #[arg(long)]
    pub tune: bool,
    /// For `ner`: do not run the tagger first (score the recogniser on bare tokens).
    #[arg(long)]
    pub no_tagger: bool,
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
        "ud" => run_ud(a),
        "gold" => eval_gold(&a),
        "storylines" => eval_storylines(&a),
        "dedup" => super::eval_dedup::run(&a),
        "petrarch" => eval_petrarch(&a),
        other => Err(format!("unknown evaluation {other:?}")),
    }
}

/// `dragoman eval ner [GOLD]`: exact-span PER/ORG/LOC scores on a UNER-layout IOB2 file.
fn eval_ner(a: &Args) -> Result<ExitCode, String> {
    let gold = a
        .gold
        .clone()
        .unwrap_or_else(|| a.data.join("ner/uner-ewt/en_ewt-ud-test.iob2"));
    let path = super::models_dir(&a.coder.models).join(dragoman::pipeline::NER_FILE);
    let rec =
        dragoman::ner::Recognizer::load(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // As in the pipeline, the tagger runs first when its model is there; `--no-tagger` scores
    // the recogniser on bare tokens.
    let tagger = if a.no_tagger {
        None
    } else {
        super::load_tagger(&super::models_dir(&a.coder.models))?
    };
    print!(
        "{}",
        dragoman::eval::ner::evaluate_with(&gold, &rec, tagger.as_ref())?
    );
    Ok(ExitCode::SUCCESS)
}

/// `dragoman eval gold [--predicted EVENTS.jsonl] [ITEMS] [GOLD]`: event precision, recall
/// and F1 as the contract defines them, per type, and field agreement on the events found.
/// With `--predicted` the one path is the gold file; without, the items are coded here
/// first. One path names the gold (`X.jsonl`, items `X-items.jsonl`) or the items
/// (`X-items.jsonl`, gold `X.jsonl`); two are ITEMS then GOLD.
fn eval_gold(a: &Args) -> Result<ExitCode, String> {
    use dragoman::eval::gold::{read_gold, read_records, score_with};
    let default_gold = a.data.join("news/gold-dev.jsonl");
    let (items_path, gold_path) = match (&a.predicted, &a.gold, &a.second) {
        (Some(_), g, None) => (None, g.clone().unwrap_or(default_gold)),
        (Some(_), _, Some(_)) => {
            return Err("with --predicted give only the gold file".into());
        }
        (None, Some(items), Some(gold)) => (Some(items.clone()), gold.clone()),
        (None, Some(one), None) => {
            let (items, gold) = items_and_gold(one);
            (Some(items), gold)
        }
        (None, None, _) => {
            let (items, gold) = items_and_gold(&default_gold);
            (Some(items), gold)
        }
    };
    let gold = read_gold(&gold_path)?;
    let (predicted, provenance) = match (&a.predicted, items_path) {
        (Some(path), _) => (read_records(path)?, Default::default()),
        (None, Some(items)) => {
            let coded = code_items(a, &items)?;
            println!("coded {}", items.display());
            coded
        }
        (None, None) => unreachable!("items are set whenever --predicted is absent"),
    };
    let mut report = score_with(&gold, &predicted, &provenance);
    report.show_errors = a.errors;
    println!("{}", gold_path.display());
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// `dragoman eval petrarch [DIR|FILE.xml]`: code every record of the PETRARCH unit-test
/// suite with the dictionaries its <Environment> names and print the pass rate.
fn eval_petrarch(a: &Args) -> Result<ExitCode, String> {
    use dragoman::eval::petrarch::Report;
    let given = a
        .gold
        .clone()
        .unwrap_or_else(|| a.data.join("petrarch-validation"));
    let suite = super::code::petrarch_suite_file(&given)?;
    let dict_dir = match (&a.coder.dictionaries, suite.parent()) {
        (Some(d), _) => d.clone(),
        (None, Some(p)) => p.to_path_buf(),
        (None, None) => PathBuf::from("."),
    };
    let pipeline = dragoman::pipeline::Pipeline::load(&super::models_dir(&a.coder.models))?;
    let coder = super::code::suite_coder(&dict_dir, &suite)?;
    let opts = dragoman::read::ReadOptions {
        format: dragoman::read::InputFormat::PetrarchXml,
        ..Default::default()
    };
    let mut report = Report {
        show_errors: a.errors,
        ..Report::default()
    };
    let tally = super::code::code_each(
        &pipeline,
        &coder,
        std::slice::from_ref(&suite),
        &opts,
        &mut std::io::stderr(),
        |doc, events| {
            let records: Vec<_> = events.into_iter().map(|e| e.record).collect();
            report.add(&doc.meta, &doc.text, &records);
            Ok(())
        },
    )
    .map_err(|e| e.to_string())?;
    println!("{}", suite.display());
    print!("{report}");
    Ok(if tally.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The items file and gold file a single path stands for.
fn items_and_gold(path: &std::path::Path) -> (PathBuf, PathBuf) {
    let s = path.to_string_lossy();
    match s.strip_suffix("-items.jsonl") {
        Some(stem) => (path.to_path_buf(), PathBuf::from(format!("{stem}.jsonl"))),
        None => {
            let stem = s.strip_suffix(".jsonl").unwrap_or(&s);
            (
                PathBuf::from(format!("{stem}-items.jsonl")),
                path.to_path_buf(),
            )
        }
    }
}

/// Run the pipeline and the coder over an items file, as `dragoman code` would; with each
/// document's text and where each record's sentences lie in it, for pairing with gold.
fn code_items(
    a: &Args,
    items: &std::path::Path,
) -> Result<
    (
        Vec<dragoman::event::EventRecord>,
        dragoman::eval::pairing::Provenance,
    ),
    String,
> {
    let (pipeline, coder) = a.coder.load()?;
    let mut records = Vec::new();
    let mut provenance = dragoman::eval::pairing::Provenance::default();
    let tally = super::code::code_each(
        &pipeline,
        &coder,
        &[items.to_path_buf()],
        &dragoman::read::ReadOptions::default(),
        &mut std::io::stderr(),
        |doc, events| {
            for e in events {
                let spans = std::iter::once(e.record.text_info.sentence)
                    .chain(e.mentions.iter().copied())
                    .filter_map(|i| doc.sentences.get(i))
                    .map(|s| (doc.char_offset(s.start), doc.char_offset(s.end)))
                    .collect();
                provenance.sentences.insert(e.record.id.clone(), spans);
                records.push(e.record);
            }
            provenance
                .texts
                .insert(doc.meta.id.clone(), doc.text.clone());
            Ok(())
        },
    );
    all_read(items, tally)?;
    Ok((records, provenance))
}

/// Run the pipeline and the coder over every document of `path`, handing each document's
/// metadata and event records to `each`; an unreadable document is an error.
fn code_docs(
    a: &Args,
    path: &std::path::Path,
    mut each: impl FnMut(dragoman::doc::DocMeta, Vec<dragoman::event::EventRecord>),
) -> Result<(), String> {
    let (pipeline, coder) = a.coder.load()?;
    let tally = super::code::code_each(
        &pipeline,
        &coder,
        &[path.to_path_buf()],
        &dragoman::read::ReadOptions::default(),
        &mut std::io::stderr(),
        |doc, events| {
            each(doc.meta, events.into_iter().map(|e| e.record).collect());
            Ok(())
        },
    );
    all_read(path, tally)
}

/// An error unless every item of `path` was read.
fn all_read(
    path: &std::path::Path,
    tally: std::io::Result<dragoman::read::Tally>,
) -> Result<(), String> {
    let tally = tally.map_err(|e| e.to_string())?;
    if !tally.success() {
        return Err(format!(
            "{}: {} items could not be read",
            path.display(),
            tally.failed
        ));
    }
    Ok(())
}

/// `dragoman eval storylines [--predicted EVENTS.jsonl] [ITEMS]`: link the items' events
/// into storylines and score them against the items' threads (B-cubed and ARI), beside
/// two baselines, on the whole year and on each half (the first half is where the
/// parameters were tuned; the second is held out).
fn eval_storylines(a: &Args) -> Result<ExitCode, String> {
    use dragoman::eval::storylines::{evaluate, split_at, Item};
    let path = a
        .gold
        .clone()
        .unwrap_or_else(|| a.data.join("news/current-events-2025.jsonl"));
    let mut items: Vec<Item> = Vec::new();
    match &a.predicted {
        None => code_docs(a, &path, |meta, events| items.push(Item { meta, events }))?,
        Some(records) => {
            let mut by_doc: std::collections::HashMap<String, Vec<_>> =
                std::collections::HashMap::new();
            for r in dragoman::eval::gold::read_records(records)? {
                by_doc.entry(r.doc_id.clone()).or_default().push(r);
            }
            let tally = dragoman::read::for_each_doc(
                std::slice::from_ref(&path),
                &dragoman::read::ReadOptions::default(),
                &mut std::io::stderr(),
                |doc| {
                    let events = by_doc.remove(&doc.meta.id).unwrap_or_default();
                    items.push(Item {
                        meta: doc.meta,
                        events,
                    });
                    Ok(())
                },
            );
            all_read(&path, tally)?;
        }
    }
    let mut params = dragoman::story::Params::default();
    let (first, second) = split_at(&items, SECOND_HALF);
    if a.tune {
        let (tuned, f1) = dragoman::eval::storylines::tune(&first, params);
        println!(
            "tuned on {} items before {SECOND_HALF}: B3 F1 {f1:.3} with {tuned:?}",
            first.len()
        );
        params = tuned;
    }
    println!("{}", path.display());
    if a.errors {
        print!("{}", dragoman::eval::storylines::spread(&items, params, 12));
    }
    print!("{}", evaluate("all items", &items, params));
    if !first.is_empty() && !second.is_empty() {
        print!(
            "{}",
            evaluate(&format!("before {SECOND_HALF} (tuning)"), &first, params)
        );
        print!(
            "{}",
            evaluate(&format!("from {SECOND_HALF} (held out)"), &second, params)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the storyline evaluation splits the year: tuned before, held out from.
const SECOND_HALF: &str = "2025-07-01";

/// Tag and parse every gold-tokenised sentence of a CoNLL-U file and score UPOS, UAS, LAS.
/// Loads only the tagger and the parser: the recogniser plays no part in this score.
fn run_ud(a: Args) -> Result<ExitCode, String> {
    let gold_path = a
        .gold
        .clone()
        .unwrap_or_else(|| a.data.join("ud-english-ewt").join("en_ewt-ud-test.conllu"));
    let models = super::models_dir(&a.coder.models);
    let load_err = |file: &str, e: std::io::Error| {
        format!(
            "cannot load model {}: {e} (train it with `dragoman train`, or point --models at a folder that has it)",
            models.join(file).display()
        )
    };
    let tagger = Tagger::load(&models.join(TAGGER_FILE)).map_err(|e| load_err(TAGGER_FILE, e))?;
    let parser = Parser::load(&models.join(PARSER_FILE)).map_err(|e| load_err(PARSER_FILE, e))?;
    let origin = gold_path.display().to_string();
    let f = std::fs::File::open(&gold_path).map_err(|e| format!("{origin}: {e}"))?;
    let mut gold = Vec::new();
    for (i, s) in ConlluReader::new(BufReader::new(f), &origin).enumerate() {
        let s = s.map_err(|e| e.to_string())?;
        gold.push(s.to_doc(&format!("{origin}#{}", i + 1)));
    }
    let start = Instant::now();
    let mut predicted = gold.clone();
    for doc in &mut predicted {
        for t in &mut doc.tokens {
            t.upos = Upos::default();
            t.head = None;
            t.deprel = 0;
        }
        tagger.tag(doc);
        parser.parse(doc);
    }
    let secs = start.elapsed().as_secs_f64();
    let scores = score(&gold, &predicted);
    println!("{origin}: {scores}");
    println!(
        "tagged and parsed {} sentences in {secs:.2}s ({:.0} words/s)",
        gold.len(),
        scores.words as f64 / secs.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
