//! Capitalisation statistics from unlabelled news: how often a word is written with a capital
//! where position does not force one. Names keep their capital ("Hamas", "Tuesday"), common
//! words do not, so the ratio separates PROPN from NOUN and ADJ for words the treebank never
//! saw, which in 2025 news are mostly names.

use crate::model::hash::{hash_str, PrehashedMap};
use std::collections::HashMap;
use std::path::Path;

/// Lowercased-form hash → capitalisation bucket (1..=5; 0 means "no statistics").
pub type CapsTable = PrehashedMap<u8>;

/// Words need this many non-initial occurrences to get a bucket.
const MIN_COUNT: u32 = 3;

/// Counts of (non-initial occurrences, capitalised ones) per lowercased word.
#[derive(Default)]
pub struct CapsCounts(HashMap<String, (u32, u32)>);

impl CapsCounts {
    /// Count the words of running text, split crudely: good enough for statistics. A word is
    /// initial at the start of the text and after `.`, `!`, `?`, `:` or a line break.
    pub fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let mut initial = true;
            for chunk in line.split_whitespace() {
                let word = chunk.trim_matches(|c: char| !c.is_alphanumeric());
                if !word.is_empty() {
                    self.add_word(word, initial);
                    initial = false;
                }
                if chunk.ends_with(['.', '!', '?', ':']) {
                    initial = true;
                }
            }
        }
    }

    /// Count the words of a tokenised sentence; the first word is initial.
    pub fn add_tokens<'a>(&mut self, tokens: impl Iterator<Item = &'a str>) {
        let mut initial = true;
        for t in tokens {
            if t.chars().next().is_some_and(|c| c.is_alphabetic()) {
                self.add_word(t, initial);
                initial = false;
            }
        }
    }

    fn add_word(&mut self, word: &str, initial: bool) {
        let Some(first) = word.chars().next() else {
            return;
        };
        if initial || !first.is_alphabetic() {
            return;
        }
        let entry = self.0.entry(word.to_lowercase()).or_default();
        entry.0 += 1;
        entry.1 += first.is_uppercase() as u32;
    }

    /// Words with enough evidence and their buckets, sorted by word.
    pub fn buckets(&self) -> Vec<(String, u8)> {
        let mut out: Vec<(String, u8)> = self
            .0
            .iter()
            .filter(|(_, &(n, _))| n >= MIN_COUNT)
            .map(|(w, &(n, caps))| (w.clone(), bucket(caps, n)))
            .collect();
        out.sort();
        out
    }
}

/// 1: never capitalised … 5: always.
pub fn bucket(capitalised: u32, total: u32) -> u8 {
    let r = capitalised as f64 / total.max(1) as f64;
    match r {
        r if r < 0.02 => 1,
        r if r < 0.25 => 2,
        r if r < 0.75 => 3,
        r if r < 0.98 => 4,
        _ => 5,
    }
}

pub fn table(buckets: &[(String, u8)]) -> CapsTable {
    buckets.iter().map(|(w, b)| (hash_str(w), *b)).collect()
}

/// The shared news texts: the 2025 current-events items and the 2019 Wikinews articles.
pub fn add_news(data: &Path, counts: &mut CapsCounts) -> Result<usize, String> {
    let mut n = 0;
    let items = data.join("news/current-events-2025.jsonl");
    let text = std::fs::read_to_string(&items).map_err(|e| format!("{}: {e}", items.display()))?;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", items.display(), i + 1))?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            counts.add_text(t);
            n += 1;
        }
    }
    let articles = data.join("news/wikinews/wikinews_2019.csv");
    let mut rdr =
        csv::Reader::from_path(&articles).map_err(|e| format!("{}: {e}", articles.display()))?;
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let col = headers
        .iter()
        .position(|h| h == "text")
        .ok_or_else(|| format!("{}: no text column", articles.display()))?;
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", articles.display()))?;
        if let Some(t) = rec.get(col) {
            counts.add_text(t);
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_capitals_and_position_is_ignored() {
        let mut c = CapsCounts::default();
        for _ in 0..4 {
            c.add_text(
                "Talks resumed in Geneva. Officials said talks with Hamas in geneva went well",
            );
        }
        let b: HashMap<String, u8> = c.buckets().into_iter().collect();
        // "Talks" is sentence-initial, so only the lowercase uses count.
        assert_eq!(b["talks"], 1);
        assert_eq!(b["geneva"], 3);
        assert_eq!(b["hamas"], 5);
        assert!(!b.contains_key("officials"));
        assert_eq!(b.get("went"), Some(&1));
        let mut t = CapsCounts::default();
        t.add_tokens(["The", "UN", "met", "."].into_iter());
        assert_eq!(t.0.get("un"), Some(&(1, 1)));
        assert!(!t.0.contains_key("the"));
    }

    #[test]
    fn buckets_cover_the_range() {
        assert_eq!(bucket(0, 10), 1);
        assert_eq!(bucket(1, 10), 2);
        assert_eq!(bucket(5, 10), 3);
        assert_eq!(bucket(9, 10), 4);
        assert_eq!(bucket(10, 10), 5);
    }
}
