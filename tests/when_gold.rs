//! Event dates against the hand-coded gold, independently of how many events the coder
//! finds: every gold event's trigger is looked up in its document and dated by
//! `dragoman::when` as the coder would date an event on that word (run with
//! `--nocapture` to see the misses). Reads the shared news (`../shared/data/news`), as the
//! other gold evaluations do.

use dragoman::code::tree::Tree;
use dragoman::doc::{Doc, DocMeta};
use dragoman::pipeline::{default_models_dir, Pipeline};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// A predicted day agrees with a gold date, which may give only a month or a year.
fn agrees(gold: &str, predicted: &str) -> bool {
    predicted == gold || (gold.len() < 10 && predicted.starts_with(&format!("{gold}-")))
}

struct Score {
    right: usize,
    total: usize,
    errors: Vec<String>,
}

fn score(items: &str, gold: &str) -> Score {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news");
    let pipeline = Pipeline::load(&default_models_dir()).expect("models");
    let mut docs: HashMap<String, (Doc, String)> = HashMap::new();
    for it in read_jsonl(&data.join(items)) {
        let id = it["id"].as_str().unwrap_or_default().to_string();
        let date = it["date"].as_str().unwrap_or_default().to_string();
        let meta = DocMeta {
            id: id.clone(),
            date: Some(date.clone()),
            ..DocMeta::default()
        };
        let mut doc = Doc::new(meta, it["text"].as_str().unwrap_or_default().to_string());
        pipeline.annotate(&mut doc);
        docs.insert(id, (doc, date));
    }
    let mut s = Score {
        right: 0,
        total: 0,
        errors: Vec::new(),
    };
    for g in read_jsonl(&data.join(gold)) {
        let Some((doc, pub_date)) = g["id"].as_str().and_then(|id| docs.get(id)) else {
            continue;
        };
        for e in g["events"].as_array().into_iter().flatten() {
            let trigger = e["trigger"].as_str().unwrap_or_default();
            let Some(at) = doc.text.find(trigger).filter(|_| !trigger.is_empty()) else {
                continue;
            };
            let end = at + trigger.len();
            let Some(sent) = doc.sentences.iter().find(|s| s.start <= at && at < s.end) else {
                continue;
            };
            let t = Tree::new(doc, sent);
            // The trigger's head word: the one whose head lies outside the trigger.
            let inside = |i: usize| t.toks[i].start >= at && t.toks[i].end <= end;
            let Some(tok) = (0..t.len())
                .filter(|&i| inside(i))
                .find(|&i| t.head(i).is_none_or(|h| !inside(h)))
            else {
                continue;
            };
            let future = e["future"].as_bool().unwrap_or(false);
            let d = dragoman::when::event_date(&t, tok, future, pub_date);
            let gold_date = e["date"].as_str().unwrap_or_default();
            s.total += 1;
            if agrees(gold_date, &d.date) {
                s.right += 1;
            } else {
                s.errors.push(format!(
                    "{} pub {pub_date} gold {gold_date} got {} ({}) {trigger:?}: {}",
                    doc.meta.id,
                    d.date,
                    d.precision.as_str(),
                    doc.slice(sent.start, sent.end)
                ));
            }
        }
    }
    s
}

fn report(name: &str, s: &Score) -> f64 {
    let acc = s.right as f64 / s.total.max(1) as f64;
    eprintln!("{name}: date accuracy {acc:.3} ({}/{})", s.right, s.total);
    for e in &s.errors {
        eprintln!("  {e}");
    }
    acc
}

#[test]
fn gold_event_dates_on_full_articles() {
    let s = score("gold-dev-articles-items.jsonl", "gold-dev-articles.jsonl");
    assert!(s.total > 150, "{} gold triggers found", s.total);
    // 0.435 when every event takes the publication date; 0.751 measured.
    assert!(report("articles", &s) >= 0.70);
}

#[test]
fn gold_event_dates_on_short_items() {
    let s = score("gold-dev-items.jsonl", "gold-dev.jsonl");
    assert!(s.total > 240, "{} gold triggers found", s.total);
    // 0.958 when every event takes the publication date; 0.989 measured.
    assert!(report("items", &s) >= 0.97);
}
