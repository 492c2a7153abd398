//! Storylines scored against the `thread` field of the current-events items
//! (`../shared/data/news/current-events-2025.jsonl`), at item level.
//!
//! - **Gold storyline of an item**: the first name of its first thread entry, case-folded.
//!   Entries go from the broadest thread to the most specific (`["Gaza war", "Israeli
//!   invasion of the Gaza Strip"]`) and one entry may join parallel threads with ", "
//!   (`"Peace negotiations in the Russian invasion of Ukraine, Russia–United States
//!   relations"`); the broad first name is the storyline an analyst follows over months.
//!   The most specific level (first name of the last entry) is scored too.
//! - **Items without a thread** (28 % of them) are left out of the scores by default (gold
//!   says nothing about them; they are still linked, so they can still pull storylines
//!   together), or count as gold singletons.
//! - **Predicted storyline of an item**: the storyline of most of its events (a document's
//!   events share one). **Items without events** have none: by default each is a predicted
//!   singleton (the linker failed to place them), or they are left out.
//!
//! The thread field is read here only, after linking: the linker never sees it.

use super::cluster::{score, ClusterScores};
use crate::doc::DocMeta;
use crate::event::EventRecord;
use crate::story::{Params, Storylines};
use std::fmt;

/// One coded item: its metadata (with `thread` among the extra fields) and its events.
#[derive(Debug, Clone)]
pub struct Item {
    pub meta: DocMeta,
    pub events: Vec<EventRecord>,
}

/// Which thread level is gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// First name of the first entry (the broad storyline).
    Broad,
    /// First name of the last entry (the most specific).
    Specific,
}

/// The gold storyline of an item, or `None` when it has no thread.
pub fn gold_thread(meta: &DocMeta, level: Level) -> Option<String> {
    let list = meta.extra.get("thread")?.as_array()?;
    let entry = match level {
        Level::Broad => list.first()?,
        Level::Specific => list.last()?,
    };
    let name = entry.as_str()?.split(", ").next()?.trim();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// A predicted partition of items: one label per item, `None` for an item with no events.
pub type Partition = Vec<Option<String>>;

/// Link the items in the order given and return each item's storyline.
pub fn link(items: &[Item], params: Params) -> Partition {
    link_with(items, params).0
}

/// Link the items in the order given: each item's storyline, and the storylines.
pub fn link_with(items: &[Item], params: Params) -> (Partition, Storylines) {
    let mut lines = Storylines::new(params);
    for it in items {
        lines.assign(&it.meta, &it.events);
    }
    // Where each item ended up (a later document may have merged its storyline away).
    let partition = items
        .iter()
        .map(|it| {
            (!it.events.is_empty())
                .then(|| lines.of_document(&it.meta.id).map(|l| l.id.to_string()))
                .flatten()
        })
        .collect();
    (partition, lines)
}

/// The `n` largest gold threads (broad) and how the linker spread their items: the
/// storylines holding most of each, with their share and label; then the `n` largest
/// storylines and the threads of their items. For reading errors.
pub fn spread(items: &[Item], params: Params, n: usize) -> String {
    use std::collections::HashMap;
    use std::fmt::Write;
    let (partition, lines) = link_with(items, params);
    let labels: HashMap<String, &str> = lines
        .iter()
        .map(|l| (l.id.to_string(), l.label.as_str()))
        .collect();
    let mut by_thread: HashMap<String, Vec<String>> = HashMap::new();
    let mut by_line: HashMap<String, Vec<String>> = HashMap::new();
    for (it, p) in items.iter().zip(&partition) {
        let g = gold_thread(&it.meta, Level::Broad).unwrap_or_else(|| "-".into());
        let p = p.clone().unwrap_or_else(|| "none".into());
        by_thread.entry(g.clone()).or_default().push(p.clone());
        by_line.entry(p).or_default().push(g);
    }
    let tops = |m: HashMap<String, Vec<String>>| {
        let mut v: Vec<(String, Vec<String>)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    };
    fn counted(xs: &[String]) -> (usize, Vec<(&str, usize)>) {
        let mut c: HashMap<&str, usize> = HashMap::new();
        for x in xs {
            *c.entry(x).or_default() += 1;
        }
        let mut c: Vec<(&str, usize)> = c.into_iter().collect();
        c.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        (c.len(), c.into_iter().take(4).collect())
    }
    let mut out = String::new();
    for (thread, preds) in tops(by_thread) {
        let (k, top) = counted(&preds);
        let _ = writeln!(
            out,
            "thread {thread:?}: {} items in {k} storylines",
            preds.len()
        );
        for (p, c) in top {
            let _ = writeln!(
                out,
                "    {c:>4}  {p} {}",
                labels.get(p).copied().unwrap_or("")
            );
        }
    }
    by_line.remove("none");
    for (line, threads) in tops(by_line) {
        let (k, top) = counted(&threads);
        let label = labels.get(&line).copied().unwrap_or("");
        let _ = writeln!(
            out,
            "storyline {line} {label}: {} items of {k} threads",
            threads.len()
        );
        for (t, c) in top {
            let _ = writeln!(out, "    {c:>4}  {t}");
        }
    }
    out
}

/// Baseline: one cluster per event type and unordered pair of actor and recipient countries
/// (the item's most frequent such key).
pub fn type_pair_baseline(items: &[Item]) -> Partition {
    items
        .iter()
        .map(|it| {
            majority(it.events.iter().map(|e| {
                let code = |side: &[crate::event::ActorRef]| {
                    side.first().map(|a| a.code.clone()).unwrap_or_default()
                };
                let (mut a, mut r) = (code(&e.actor), code(&e.recipient));
                if r < a {
                    std::mem::swap(&mut a, &mut r);
                }
                format!("{} {a}|{r}", e.event)
            }))
        })
        .collect()
}

/// Baseline: every item with events alone (items without are counted as the policy says,
/// as for the linker).
pub fn singletons(items: &[Item]) -> Partition {
    items
        .iter()
        .map(|it| (!it.events.is_empty()).then(|| it.meta.id.clone()))
        .collect()
}

/// The best any linker of events can do: every item with events in its gold thread, the
/// others left alone as the linker leaves them. Reads the gold, so it is a bound, not a
/// system.
pub fn ceiling(items: &[Item], level: Level) -> Partition {
    items
        .iter()
        .map(|it| {
            (!it.events.is_empty())
                .then(|| gold_thread(&it.meta, level).unwrap_or_else(|| format!("#{}", it.meta.id)))
        })
        .collect()
}

/// The most frequent label (the first one on ties), `None` for none.
fn majority(labels: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for l in labels {
        match counts.iter_mut().find(|(k, _)| *k == l) {
            Some(slot) => slot.1 += 1,
            None => counts.push((l, 1)),
        }
    }
    let max = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == max).map(|c| c.0)
}

/// How items without a thread or without events count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Items without a thread count as gold singletons (else they are left out).
    pub unthreaded_as_singletons: bool,
    /// Items without events are left out (else each is a predicted singleton).
    pub skip_eventless: bool,
}

impl Policy {
    pub const DEFAULT: Policy = Policy {
        unthreaded_as_singletons: false,
        skip_eventless: false,
    };
}

/// Scores a predicted partition of `items` against their threads.
pub fn score_partition(
    items: &[Item],
    predicted: &Partition,
    level: Level,
    policy: Policy,
) -> ClusterScores {
    let mut gold: Vec<String> = Vec::new();
    let mut pred: Vec<String> = Vec::new();
    for (it, p) in items.iter().zip(predicted) {
        let g = match gold_thread(&it.meta, level) {
            Some(g) => format!("t {g}"),
            None if policy.unthreaded_as_singletons => format!("i {}", it.meta.id),
            None => continue,
        };
        let p = match p {
            Some(p) => format!("s {p}"),
            None if policy.skip_eventless => continue,
            None => format!("i {}", it.meta.id),
        };
        gold.push(g);
        pred.push(p);
    }
    score(&gold, &pred)
}

/// The linker and the baselines on one set of items.
pub struct Report {
    pub name: String,
    pub items: usize,
    pub with_events: usize,
    pub storylines: usize,
    /// (system, level, policy, scores)
    pub rows: Vec<(&'static str, &'static str, &'static str, ClusterScores)>,
}

/// Links `items` with `params` and scores it and the baselines.
pub fn evaluate(name: &str, items: &[Item], params: Params) -> Report {
    let linked = link(items, params);
    let storylines = linked
        .iter()
        .flatten()
        .collect::<std::collections::HashSet<_>>()
        .len();
    let systems: [(&'static str, Partition); 3] = [
        ("storylines", linked),
        ("all singletons", singletons(items)),
        ("type + actor pair", type_pair_baseline(items)),
    ];
    let variants: [(&'static str, Level, &'static str, Policy); 4] = [
        ("broad", Level::Broad, "default", Policy::DEFAULT),
        (
            "broad",
            Level::Broad,
            "no-event items left out",
            Policy {
                skip_eventless: true,
                ..Policy::DEFAULT
            },
        ),
        (
            "broad",
            Level::Broad,
            "unthreaded as singletons",
            Policy {
                unthreaded_as_singletons: true,
                ..Policy::DEFAULT
            },
        ),
        ("specific", Level::Specific, "default", Policy::DEFAULT),
    ];
    let mut rows = Vec::new();
    for (level_name, level, policy_name, policy) in variants {
        for (system, partition) in &systems {
            rows.push((
                *system,
                level_name,
                policy_name,
                score_partition(items, partition, level, policy),
            ));
        }
        rows.push((
            "ceiling",
            level_name,
            policy_name,
            score_partition(items, &ceiling(items, level), level, policy),
        ));
    }
    Report {
        name: name.to_string(),
        items: items.len(),
        with_events: items.iter().filter(|i| !i.events.is_empty()).count(),
        storylines,
        rows,
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} items, {} with events, linked into {} storylines",
            self.name, self.items, self.with_events, self.storylines
        )?;
        writeln!(
            f,
            "  {:<18} {:<9} {:<25} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "system", "thread", "counting", "items", "B3 P", "B3 R", "B3 F1", "ARI"
        )?;
        for (system, level, policy, s) in &self.rows {
            writeln!(
                f,
                "  {system:<18} {level:<9} {policy:<25} {:>6} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
                s.items, s.precision, s.recall, s.f1, s.ari
            )?;
        }
        Ok(())
    }
}

/// Splits items by publication date: before `date` (exclusive), and from it on.
pub fn split_at(items: &[Item], date: &str) -> (Vec<Item>, Vec<Item>) {
    items
        .iter()
        .cloned()
        .partition(|it| it.meta.date.as_deref().is_some_and(|d| d < date))
}

/// Coordinate search for the parameters that give the best B-cubed F1 (broad threads,
/// default counting) on `items`: each parameter in turn over its grid, the others held,
/// twice over. Returns the parameters and their F1.
pub fn tune(items: &[Item], start: Params) -> (Params, f64) {
    type Knob = (fn(&mut Params) -> &mut f32, &'static [f32]);
    let knobs: [Knob; 14] = [
        (|p| &mut p.weights.lede, &[0.0, 0.1, 0.25, 0.5, 1.0]),
        (|p| &mut p.min_damping, &[0.0, 0.1, 0.2, 0.3, 0.4, 0.5]),
        (|p| &mut p.neighbour, &[0.0, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (|p| &mut p.merge, &[0.3, 0.4, 0.5, 0.6, 0.8, 2.0]),
        (
            |p| &mut p.threshold,
            &[0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
        ),
        (
            |p| &mut p.horizon_days,
            &[3.0, 7.0, 15.0, 30.0, 60.0, 120.0, 365.0],
        ),
        (|p| &mut p.weights.name, &[0.0, 0.5, 1.0, 2.0]),
        (|p| &mut p.weights.country, &[0.0, 0.5, 1.0, 1.5, 3.0]),
        (|p| &mut p.weights.pair, &[0.0, 0.5, 1.5, 3.0]),
        (|p| &mut p.weights.actor, &[0.0, 0.5, 1.0, 2.0]),
        (|p| &mut p.weights.event_type, &[0.0, 0.25, 0.5, 1.0, 2.0]),
        (|p| &mut p.weights.topic, &[0.0, 0.5, 1.0]),
        (|p| &mut p.weights.place, &[0.0, 0.5, 1.0, 2.0]),
        (|p| &mut p.weights.word, &[0.5, 1.0, 1.5]),
    ];
    let f1 = |p: Params| score_partition(items, &link(items, p), Level::Broad, Policy::DEFAULT).f1;
    let mut best = (start, f1(start));
    for _ in 0..2 {
        for (knob, grid) in &knobs {
            for &v in grid.iter() {
                let mut p = best.0;
                *knob(&mut p) = v;
                let f = f1(p);
                if f > best.1 + 1e-9 {
                    best = (p, f);
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(id: &str, thread: serde_json::Value, events: usize) -> Item {
        let mut meta = DocMeta {
            id: id.into(),
            date: Some("2025-01-01".into()),
            ..DocMeta::default()
        };
        meta.extra.insert("thread".into(), thread);
        let line = json!({"id": format!("{id}-0"), "doc_id": id, "date": "2025-01-01",
            "pub_date": "2025-01-01", "event": "ASSAULT", "mode": null, "cameo": "190",
            "quad_code": 4, "goldstein": -10.0, "actor": [], "recipient": [], "negated": false,
            "future": false, "event_text": "", "event_loc": null,
            "text_info": {"sentence": 0, "start": 0, "end": 0, "text": ""}});
        let rec: EventRecord = serde_json::from_value(line).unwrap();
        Item {
            meta,
            events: vec![rec; events],
        }
    }

    #[test]
    fn gold_threads_take_the_first_name_of_the_chosen_entry() {
        let it = item(
            "a",
            json!(["Peace negotiations in the Russian invasion of Ukraine, Russia–United States relations", "2025 Riyadh talks"]),
            1,
        );
        assert_eq!(
            gold_thread(&it.meta, Level::Broad).as_deref(),
            Some("peace negotiations in the russian invasion of ukraine")
        );
        assert_eq!(
            gold_thread(&it.meta, Level::Specific).as_deref(),
            Some("2025 riyadh talks")
        );
        assert_eq!(
            gold_thread(&item("b", json!([]), 1).meta, Level::Broad),
            None
        );
        assert_eq!(
            gold_thread(&item("c", json!("x"), 1).meta, Level::Broad),
            None
        );
    }

    #[test]
    fn policies_count_unthreaded_and_eventless_items_as_documented() {
        // Gold: a, b in "war"; c in "trial"; d without thread. Predicted: a, c together;
        // b has no events; d alone.
        let items = vec![
            item("a", json!(["War"]), 1),
            item("b", json!(["war"]), 0),
            item("c", json!(["Trial"]), 1),
            item("d", json!([]), 1),
        ];
        let predicted: Partition = vec![Some("1".into()), None, Some("1".into()), Some("2".into())];
        // Default: d left out, b a predicted singleton. Items a, b, c; predicted {a,c} {b}.
        // P = (½ + 1 + ½)/3, R = (½ + ½ + 1)/3.
        let s = score_partition(&items, &predicted, Level::Broad, Policy::DEFAULT);
        assert_eq!(s.items, 3);
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-9 && (s.recall - 2.0 / 3.0).abs() < 1e-9);
        // Eventless left out: a, c only, gold apart, predicted together: P ½, R 1.
        let skip = Policy {
            skip_eventless: true,
            ..Policy::DEFAULT
        };
        let s = score_partition(&items, &predicted, Level::Broad, skip);
        assert_eq!(s.items, 2);
        assert!((s.precision - 0.5).abs() < 1e-9 && (s.recall - 1.0).abs() < 1e-9);
        // Unthreaded as singletons: d counts, alone on both sides.
        let all = Policy {
            unthreaded_as_singletons: true,
            ..Policy::DEFAULT
        };
        assert_eq!(
            score_partition(&items, &predicted, Level::Broad, all).items,
            4
        );
        // Baselines and the ceiling leave eventless items out of clusters as the linker does.
        assert_eq!(singletons(&items)[1], None);
        let c = ceiling(&items, Level::Broad);
        assert_eq!(
            c,
            vec![
                Some("war".into()),
                None,
                Some("trial".into()),
                Some("#d".into())
            ]
        );
        let s = score_partition(&items, &c, Level::Broad, skip);
        assert!((s.f1 - 1.0).abs() < 1e-9);
        let t = type_pair_baseline(&items);
        assert_eq!(t[0], Some("ASSAULT |".into()));
        assert_eq!(t[1], None);
    }
}
