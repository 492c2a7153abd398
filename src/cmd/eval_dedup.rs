//! `dragoman eval dedup`: how well the store counts each happening once, on the shared
//! current-events news.
//!
//! Every item is coded and ingested in order into a fresh store. Then:
//! - every pair of items whose events were merged is a *merged pair*; a merged pair whose
//!   items share no story thread is a false merge for certain (the digest reports two
//!   stories), one within a thread is plausible;
//! - on the hand-labelled pairs (`tests/data/dedup-pairs.tsv`, items citing the same source
//!   article), duplicates found = `same` pairs merged, false merges = `different` pairs merged.

use super::code::code_each;
use dragoman::store::dedup::match_key;
use dragoman::store::Store;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(a: &super::eval::Args) -> Result<ExitCode, String> {
    let news = a.data.join("news/current-events-2025.jsonl");
    let pairs_file = a.gold.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dedup-pairs.tsv")
    });
    let (pipeline, coder) = a.coder.load()?;
    let mut store = Store::in_memory()?;
    // What each item was about (its threads) and which event keys it coded.
    let mut threads: HashMap<String, Vec<String>> = HashMap::new();
    let mut keys: HashMap<String, HashSet<String>> = HashMap::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut batch = Vec::new();
    let mut failed: Option<String> = None;
    code_each(
        &pipeline,
        &coder,
        std::slice::from_ref(&news),
        &dragoman::read::ReadOptions::default(),
        &mut std::io::stderr(),
        |doc, events| {
            let id = doc.meta.id.clone();
            let t = doc
                .meta
                .extra
                .get("thread")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            threads.insert(id.clone(), t);
            keys.insert(
                id.clone(),
                events.iter().map(|e| match_key(&e.record)).collect(),
            );
            texts.insert(id, doc.text.chars().take(160).collect());
            batch.push((doc, events));
            if batch.len() >= 200 {
                if let Err(e) = store.ingest_batch(&batch) {
                    failed = Some(e.clone());
                    return Err(std::io::Error::other(e));
                }
                batch.clear();
            }
            Ok(())
        },
    )
    .map_err(|e| {
        failed
            .clone()
            .unwrap_or_else(|| format!("{}: {e}", news.display()))
    })?;
    store.ingest_batch(&batch)?;

    // Items of each stored event.
    let mut items_of: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    store.for_each_mention_doc(|event, doc| {
        let v = items_of.entry(event).or_default();
        if !v.contains(&doc) {
            v.push(doc);
        }
    })?;
    let mut merged: HashSet<(String, String)> = HashSet::new();
    for docs in items_of.values() {
        for (i, x) in docs.iter().enumerate() {
            for y in &docs[i + 1..] {
                let (p, q) = if x < y { (x, y) } else { (y, x) };
                merged.insert((p.clone(), q.clone()));
            }
        }
    }
    let shares_thread = |x: &str, y: &str| {
        let tx = threads.get(x).map_or(&[][..], |v| &v[..]);
        let ty = threads.get(y).map_or(&[][..], |v| &v[..]);
        tx.iter().any(|t| ty.contains(t))
    };
    let mut merged_sorted: Vec<&(String, String)> = merged.iter().collect();
    merged_sorted.sort();
    let cross: Vec<&&(String, String)> = merged_sorted
        .iter()
        .filter(|(x, y)| !shares_thread(x, y))
        .collect();
    let counts = store.counts()?;
    println!(
        "current-events 2025: {} items, {} coded mentions stored as {} events",
        counts.documents, counts.mentions, counts.events
    );
    println!(
        "merged item pairs: {} ({} within one story thread, {} across threads = false merges)",
        merged.len(),
        merged.len() - cross.len(),
        cross.len()
    );

    let labelled = std::fs::read_to_string(&pairs_file)
        .map_err(|e| format!("{}: {e}", pairs_file.display()))?;
    let (mut same, mut same_codable, mut found, mut diff, mut false_merges) = (0, 0, 0, 0, 0);
    let mut missed = Vec::new();
    let mut wrongly = Vec::new();
    for (n, line) in labelled.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [x, y, label, ..] = f[..] else {
            return Err(format!(
                "{}:{}: want item_a TAB item_b TAB label",
                pairs_file.display(),
                n + 1
            ));
        };
        let key = if x < y { (x, y) } else { (y, x) };
        let is_merged = merged.contains(&(key.0.to_string(), key.1.to_string()));
        match label {
            "same" => {
                same += 1;
                let codable = match (keys.get(x), keys.get(y)) {
                    (Some(a), Some(b)) => a.intersection(b).next().is_some(),
                    _ => false,
                };
                same_codable += usize::from(codable);
                found += usize::from(is_merged);
                if codable && !is_merged {
                    missed.push((x, y));
                }
            }
            "different" => {
                diff += 1;
                false_merges += usize::from(is_merged);
                if is_merged {
                    wrongly.push((x, y));
                }
            }
            other => {
                return Err(format!(
                    "{}:{}: label {other:?}, want same or different",
                    pairs_file.display(),
                    n + 1
                ))
            }
        }
    }
    println!(
        "labelled pairs ({}): duplicates found {found} of {same} same-happening pairs \
         ({same_codable} coded with a matching type and actors); false merges {false_merges} \
         of {diff} different-happening pairs",
        pairs_file.display()
    );
    if a.errors {
        for (x, y) in cross.iter().map(|p| (&p.0, &p.1)) {
            println!("false merge:\n  {x}: {}\n  {y}: {}", texts[x], texts[y]);
        }
        for (x, y) in wrongly {
            println!(
                "false merge (labelled):\n  {x}: {}\n  {y}: {}",
                texts[x], texts[y]
            );
        }
        for (x, y) in missed {
            println!(
                "missed duplicate:\n  {x}: {}\n  {y}: {}",
                texts[x], texts[y]
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
