//! What a document says about its story, as weighted features: the words of its event
//! sentences and title, the names in them, its actors' countries, country pairs and named
//! actors, its event types, topics and places.
//!
//! Each feature is a string with a one-letter family prefix (`w:talk`, `n:istanbul`,
//! `c:RUS`, `p:RUS|USA`, `a:RUSGOVDIP`, `t:CONSULT`, `o:diplomacy`, `l:TUR`) so that the
//! families share one vocabulary but never collide, and a weight per family
//! ([`Weights`]) decides how much each says about the storyline.

use crate::doc::DocMeta;
use crate::event::EventRecord;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How much each feature family counts, relative to a plain content word (1.0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// A content word of an event sentence or the title.
    pub word: f32,
    /// A capitalised word inside a sentence (a name: "Gaza", "Istanbul", "Zelenskyy"),
    /// on top of its word feature.
    pub name: f32,
    /// A country (or international body) among the actors and recipients.
    pub country: f32,
    /// An actor–recipient pair of countries, unordered ("talks" go both ways).
    pub pair: f32,
    /// A named actor or a full CAMEO actor code more specific than its country.
    pub actor: f32,
    /// The PLOVER event type.
    pub event_type: f32,
    /// A topic of an event.
    pub topic: f32,
    /// The country and the name of an event's place.
    pub place: f32,
    /// How fast the words of later sentences count less: sentence `i` (from 0) weighs
    /// `1 / (1 + lede · i)`.
    pub lede: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            word: 1.0,
            name: 0.0,
            country: 1.0,
            pair: 0.5,
            actor: 1.0,
            event_type: 1.0,
            topic: 0.5,
            place: 1.0,
            lede: 0.25,
        }
    }
}

/// Function words and news boilerplate that say nothing about which story a text tells.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "all",
    "also",
    "amid",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "last",
    "least",
    "more",
    "most",
    "new",
    "no",
    "not",
    "of",
    "on",
    "one",
    "or",
    "other",
    "others",
    "our",
    "out",
    "over",
    "said",
    "say",
    "says",
    "she",
    "so",
    "some",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "to",
    "two",
    "under",
    "until",
    "up",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "will",
    "with",
    "would",
    "year",
    "years",
    "you",
];

/// The words of `text` as story keywords: lower-cased and stemmed ([`normalise`]),
/// stopwords and tokens without letters dropped. Each comes with its lower-cased form as
/// written and whether it was capitalised inside its sentence (a name), not merely at its
/// start.
pub fn keywords(text: &str, mut each: impl FnMut(&str, &str, bool)) {
    let mut first = true;
    let mut buf = String::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')) {
        let raw = raw.trim_matches(|c| c == '-' || c == '\'' || c == '’');
        if raw.is_empty() {
            continue;
        }
        let was_first = std::mem::replace(&mut first, false);
        if !raw.chars().any(char::is_alphabetic) {
            continue;
        }
        buf.clear();
        buf.extend(raw.chars().flat_map(char::to_lowercase));
        for cut in ["'s", "’s"] {
            if buf.ends_with(cut) {
                buf.truncate(buf.len() - cut.len());
            }
        }
        if STOPWORDS.contains(&buf.as_str()) {
            continue;
        }
        let stem = normalise(&buf);
        if stem.chars().count() < 3 {
            continue;
        }
        let capital = !was_first && raw.chars().next().is_some_and(char::is_uppercase);
        each(&stem, &buf, capital);
    }
}

/// A light stemmer, so that the forms of one word meet: "talks"/"talk", "Russia's"/"Russia",
/// "arrested"/"arrest", "killing"/"kills", "strikes"/"strike", "casualties"/"casualty".
/// Cuts only where enough of the word is left, and never -s after s, u or i ("crisis",
/// "status", "Paris").
fn normalise(w: &str) -> std::borrow::Cow<'_, str> {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    let long = |stem: &str| stem.chars().count() >= 4;
    if let Some(stem) = w.strip_suffix("ies").filter(|s| long(s)) {
        return format!("{stem}y").into();
    }
    let w = match w.strip_suffix('s') {
        Some(stem) if long(stem) && !stem.ends_with(['s', 'u', 'i']) => stem,
        _ => w,
    };
    let w = w
        .strip_suffix("ing")
        .or_else(|| w.strip_suffix("ed"))
        .filter(|s| long(s))
        .unwrap_or(w);
    let w = match w.strip_suffix('e') {
        Some(stem) if long(stem) => stem,
        _ => w,
    };
    w.into()
}

/// The features of one document.
#[derive(Debug, Default)]
pub struct Features {
    /// Feature → weighted term frequency (before IDF), in feature order.
    pub weights: BTreeMap<String, f32>,
    /// Word features (`w:`) → the word as first written (lower-cased), for labels.
    pub surface: BTreeMap<String, String>,
}

/// The features of one document, from its title and the sentences of its events.
pub fn document_features(meta: &DocMeta, events: &[EventRecord], w: &Weights) -> Features {
    // Per feature: how often it occurs and the most it weighs where it does.
    let mut f: BTreeMap<String, (u32, f32)> = BTreeMap::new();
    let mut surface: BTreeMap<String, String> = BTreeMap::new();
    let mut add = |key: String, weight: f32| {
        if weight > 0.0 {
            let slot = f.entry(key).or_insert((0, 0.0));
            slot.0 += 1;
            slot.1 = slot.1.max(weight);
        }
    };
    // Each sentence once, however many events it holds.
    let sentences: BTreeSet<usize> = events.iter().map(|e| e.text_info.sentence).collect();
    // News says what its story is first: the title and the lede weigh most, background
    // sentences further down less (by `lede` per sentence of distance).
    let mut texts: Vec<(&str, f32)> = Vec::with_capacity(sentences.len() + 1);
    if let Some(t) = &meta.title {
        texts.push((t, 1.0));
    }
    for s in &sentences {
        if let Some(e) = events.iter().find(|e| e.text_info.sentence == *s) {
            texts.push((&e.text_info.text, 1.0 / (1.0 + w.lede * *s as f32)));
        }
    }
    for (text, weight) in texts {
        keywords(text, |k, written, capital| {
            let key = format!("w:{k}");
            // A name is shown capitalised ("Riyadh"), whatever its family weighs.
            if capital {
                surface.insert(key.clone(), super::capitalise(written));
            } else if !surface.contains_key(&key) {
                surface.insert(key.clone(), written.to_string());
            }
            add(key, w.word * weight);
            if capital {
                add(format!("n:{k}"), w.name * weight);
            }
        });
    }
    for e in events {
        add(format!("t:{}", e.event), w.event_type);
        for side in [&e.actor, &e.recipient] {
            for a in side.iter() {
                if a.code.is_empty() {
                    continue;
                }
                add(format!("c:{}", a.code), w.country);
                if a.cameo.len() > a.code.len() {
                    add(format!("a:{}", a.cameo), w.actor);
                }
                if let Some(name) = &a.name {
                    add(format!("a:{}", name.to_lowercase()), w.actor);
                }
            }
        }
        for a in &e.actor {
            for r in &e.recipient {
                if !a.code.is_empty() && !r.code.is_empty() && a.code != r.code {
                    let (x, y) = if a.code < r.code {
                        (&a.code, &r.code)
                    } else {
                        (&r.code, &a.code)
                    };
                    add(format!("p:{x}|{y}"), w.pair);
                }
            }
        }
        for t in &e.topics {
            add(format!("o:{t}"), w.topic);
        }
        if let Some(l) = &e.event_loc {
            add(format!("l:{}", l.country_code), w.place);
            add(format!("l:{}", l.name.to_lowercase()), w.place);
        }
    }
    // Repetition says less than presence: dampen term frequency.
    let weights = f
        .into_iter()
        .map(|(k, (n, w))| (k, w * (1.0 + (n as f32).ln())))
        .collect();
    Features { weights, surface }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        keywords(text, |k, _, c| out.push((k.to_string(), c)));
        out
    }

    #[test]
    fn keywords_are_cut_and_names_marked() {
        assert_eq!(
            words("Previous talks between the two nations were held in Riyadh on February 18."),
            [
                ("previous".to_string(), false),
                ("talk".to_string(), false),
                ("nation".to_string(), false),
                ("held".to_string(), false),
                ("riyadh".to_string(), true),
                ("february".to_string(), true),
            ]
        );
        assert_eq!(
            words("Russia's gas firm Gazprom suspends exports"),
            [
                ("russia".to_string(), false),
                ("gas".to_string(), false),
                ("firm".to_string(), false),
                ("gazprom".to_string(), true),
                ("suspend".to_string(), false),
                ("export".to_string(), false),
            ]
        );
        let w: Vec<String> = words("arrested arrest killing kills strikes strike casualties")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            w,
            ["arrest", "arrest", "kill", "kill", "strik", "strik", "casualty"]
        );
        // "crisis", "status", "Paris" keep their -s.
        let w: Vec<String> = words("crisis status Paris")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(w, ["crisis", "status", "paris"]);
        assert!(words("— 26 — ’ '' - ").is_empty());
    }
}
