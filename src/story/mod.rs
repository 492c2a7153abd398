//! Storylines: coded events linked into threads over time — the rounds of one set of talks,
//! the strikes of one war, the steps of one trial. Pure: no I/O.
//!
//! # API (for the store and the commands)
//!
//! ```
//! use dragoman::doc::DocMeta;
//! use dragoman::story::{Params, Storylines};
//! # let (meta, events) = (DocMeta::default(), Vec::new());
//! let mut lines = Storylines::new(Params::default());
//! // Once per ingested document, with the records `Coder::code` gave it (documents in any
//! // order): one storyline id per event, in the order of `events` (empty when it is).
//! let ids = lines.assign(&meta, &events);
//! assert!(ids.is_empty());
//! // Persist the whole state (e.g. one row of the store), restore it later, and go on.
//! let saved: String = lines.to_json();
//! let lines = Storylines::from_json(&saved).unwrap();
//! for line in lines.iter() {
//!     println!("{} {} {} events", line.id, line.label, line.events.len());
//! }
//! ```
//!
//! - [`Storylines::assign`]`(&DocMeta, &[EventRecord]) -> Vec<StorylineId>` links one
//!   document: it joins the storyline its events are most like, or starts a new one. The
//!   metadata gives the document id, its date and its title (a title helps; `DocMeta` from
//!   the reader is what the store has at ingest). Assigning a document id already linked
//!   changes nothing and returns the storyline it got then, so re-ingesting is idempotent.
//! - [`Storylines::get`]`(id)`, [`Storylines::of_document`]`(doc_id)`,
//!   [`Storylines::iter`]: each [`Storyline`] has a stable [`StorylineId`] (a number, shown
//!   `S12`; never reused; kept across `to_json`/`from_json`), a `label` for people (its
//!   dominant countries and words: "RUS–USA: talks, Riyadh, Saudi") that can change as the
//!   story grows, and its `events` ([`Member`]: event id, document id, event date) in date
//!   order.
//! - [`Storylines::to_json`] / [`Storylines::from_json`]: the whole state as one JSON
//!   string (parameters, vocabulary and document frequencies, storylines, each linked
//!   document's vector), so that a store keeps it beside its events and goes on linking
//!   after a restart exactly as if it had never stopped. Same state, same string.
//! - [`Storylines::rebuild`]`(params, docs)` links stored documents from scratch in date
//!   order, for a store with no saved state or new parameters (ids then start anew);
//!   [`group_by_document`] turns a flat list of stored records back into such documents.
//!
//! A store should write a document's events, their storyline ids and the new state in one
//! transaction, so that a crash leaves them consistent.
//!
//! # How a document is linked
//!
//! A document is one unit: its events share its storyline (news items tell one story;
//! an article's background events belong to the story it tells). Its [`features`] — the
//! words and names of its title and event sentences (the lede weighing most), its actors'
//! countries, country pairs and named actors, event types, topics and places — are weighted
//! by family and by inverse document frequency (counted over the documents linked so far,
//! so "Gaza" or "Darchiev" says more than "killed"), and normalised to a unit vector.
//!
//! Each storyline keeps the sum of its documents' vectors (its centroid) and their days. A
//! document scores against a storyline by the best of: the cosine with its centroid, and
//! (weighted by `neighbour`) the cosine with its most similar documents, so that a war whose
//! items drift from strikes to hostages to aid still continues from its nearest item. Each
//! cosine is damped by the gap in days to the nearest day of the storyline (or document),
//! `max(min_damping, 1 / (1 + gap / horizon_days))`: a story silent for weeks needs more
//! in common to continue, but a strong match still joins months later (the next round of
//! talks, a trial's next step). The best score at or above `threshold` joins that storyline;
//! below it the document starts its own. Candidates come from inverted indexes over the
//! rarer features, so linking a document costs about the same however many storylines
//! there are.
//!
//! Streaming assignment depends a little on the order documents come in (as every
//! single-pass clustering does); `rebuild` gives the canonical, date-ordered result.
//! Defaults were tuned by `dragoman eval storylines --tune` on the first half of 2025's
//! current-events items and checked on the second half (README, "Measured").

pub mod features;

use crate::doc::DocMeta;
use crate::event::EventRecord;
use features::{document_features, Weights};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// A storyline's stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StorylineId(pub u64);

impl fmt::Display for StorylineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{}", self.0)
    }
}

/// The linking parameters (defaults tuned on the first half of 2025's current-events items
/// with `dragoman eval storylines --tune`; see README).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub weights: Weights,
    /// Lowest damped cosine at which a document joins an existing storyline.
    pub threshold: f32,
    /// The gap in days at which the time damping halves a score.
    pub horizon_days: f32,
    /// The least the time damping leaves of a score, however long the gap: a story that
    /// resumes after months (a trial's next hearing, the next round of talks) can still
    /// continue when it has enough in common.
    pub min_damping: f32,
    /// How much the most similar single document of a storyline counts, against its
    /// centroid (0: centroids only). Lets a story whose items drift in vocabulary (a war's
    /// strikes, hostages, aid) continue from its nearest item.
    pub neighbour: f32,
    /// Lowest score with a second storyline at which a document joining one also merges
    /// that one into it (above 1: never). Greedy linking places each document once, so an
    /// early report that started a storyline of its own (an announcement before the talks)
    /// stays apart; a later document that fits both brings them together.
    #[serde(default = "no_merge")]
    pub merge: f32,
}

fn no_merge() -> f32 {
    2.0
}

impl Default for Params {
    fn default() -> Self {
        Params {
            weights: Weights::default(),
            threshold: 0.2,
            horizon_days: 15.0,
            min_damping: 0.5,
            neighbour: 1.0,
            merge: 2.0,
        }
    }
}

/// One event of a storyline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// `YYYY-MM-DD`: the event's own date.
    pub date: String,
    /// The event record's id.
    pub event_id: String,
    pub doc_id: String,
}

/// A thread of events over time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Storyline {
    pub id: StorylineId,
    /// Its dominant countries and words, for people.
    pub label: String,
    /// Its events in date order (then document and event id).
    pub events: Vec<Member>,
    /// Sum of the member documents' unit vectors, by feature id.
    #[serde(with = "sorted_pairs")]
    centroid: HashMap<u32, f32>,
    /// Squared norm of `centroid`, kept up to date as documents join.
    norm2: f64,
    /// Day numbers of its documents (publication and event days), sorted.
    days: Vec<i32>,
    /// Its documents, as positions in `Storylines::members` (rebuilt on load).
    #[serde(skip)]
    docs: Vec<u32>,
}

/// Every storyline, and what linking needs to place the next document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Storylines {
    params: Params,
    /// Feature strings by id.
    vocab: Vec<String>,
    /// How a word feature was first written (empty for other features), by id.
    display: Vec<String>,
    /// Document frequency of each feature id.
    df: Vec<u32>,
    /// Documents linked so far.
    docs: u32,
    lines: Vec<Storyline>,
    /// Every linked document's unit vector, its storyline and days.
    members: Vec<DocVector>,
    next_id: u64,
    #[serde(skip)]
    ids: HashMap<String, u32>,
    /// Feature id → (position in `members`, weight) of the documents that have it.
    #[serde(skip)]
    member_postings: Vec<Vec<(u32, f32)>>,
    /// Feature id → positions in `lines` of the storylines whose centroid has it.
    #[serde(skip)]
    postings: Vec<Vec<u32>>,
    /// Document id → position in `lines`.
    #[serde(skip)]
    by_doc: HashMap<String, u32>,
    /// What changed since the last [`Storylines::take_changes`].
    #[serde(skip)]
    changes: Changes,
}

/// What linking changed since it was last asked: so that a store rewrites only that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Documents placed in a storyline (or moved to another), in the order that happened.
    pub documents: Vec<String>,
    /// Storylines whose label or documents changed, by id (each once, in id order).
    pub storylines: std::collections::BTreeSet<StorylineId>,
}

/// One linked document as linking remembers it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocVector {
    line: u32,
    days: Vec<i32>,
    /// Unit vector, sorted by feature id.
    vector: Vec<(u32, f32)>,
}

/// How many of the documents that share the most rare features with a new one are
/// compared with it in full.
const NEIGHBOURS: usize = 8;

/// Features present in more than this share of documents are too common to propose
/// candidates (they still count in the cosine).
const CANDIDATE_MAX_SHARE: f32 = 0.05;
/// At most this many of the latest entries of a posting list propose candidates, so that
/// linking stays flat in cost on a store of millions of documents (postings grow in order
/// of linking, so the latest are the most recent news during ingest).
const POSTINGS_SCANNED: usize = 1000;
/// Below this many documents every feature proposes candidates.
const CANDIDATE_MIN_DOCS: u32 = 200;

impl Storylines {
    pub fn new(params: Params) -> Storylines {
        Storylines {
            params,
            vocab: Vec::new(),
            display: Vec::new(),
            df: Vec::new(),
            docs: 0,
            lines: Vec::new(),
            members: Vec::new(),
            next_id: 1,
            ids: HashMap::new(),
            member_postings: Vec::new(),
            postings: Vec::new(),
            by_doc: HashMap::new(),
            changes: Changes::default(),
        }
    }

    /// What changed since the last call (or since `new`/`from_json`), and forget it.
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Links documents from scratch in date order (then id), so the result does not depend
    /// on the order they were stored in.
    pub fn rebuild(params: Params, mut docs: Vec<(DocMeta, Vec<EventRecord>)>) -> Storylines {
        docs.sort_by(|(a, _), (b, _)| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        let mut lines = Storylines::new(params);
        for (meta, events) in &docs {
            lines.assign(meta, events);
        }
        lines
    }

    /// Links one document's events: the storyline of each event, in the order given (all
    /// the same: a document tells one story). Empty when `events` is.
    pub fn assign(&mut self, meta: &DocMeta, events: &[EventRecord]) -> Vec<StorylineId> {
        if events.is_empty() {
            return Vec::new();
        }
        if let Some(&at) = self.by_doc.get(&meta.id) {
            return vec![self.lines[at as usize].id; events.len()];
        }
        let mut raw = document_features(meta, events, &self.params.weights);
        self.docs += 1;
        let mut vector: Vec<(u32, f32)> = raw
            .weights
            .into_iter()
            .map(|(key, tf)| {
                let written = raw.surface.remove(&key);
                let id = self.intern(key, written);
                self.df[id as usize] += 1;
                (id, tf)
            })
            .collect();
        let n = self.docs as f32;
        for (id, w) in vector.iter_mut() {
            *w *= (1.0 + n / self.df[*id as usize] as f32).ln();
        }
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        // Deterministic order whatever the hash map gave.
        vector.sort_unstable_by_key(|&(id, _)| id);
        let days = document_days(meta, events);

        let (best, also) = self.best_match(&vector, &days);
        let at = match best {
            Some(at) => {
                let dot = centroid_dot(&self.lines[at as usize], &vector);
                self.join(at, &vector, dot);
                for other in also {
                    self.merge(other, at);
                }
                at
            }
            None => {
                let line = Storyline {
                    id: StorylineId(self.next_id),
                    label: String::new(),
                    events: Vec::new(),
                    centroid: HashMap::new(),
                    norm2: 0.0,
                    days: Vec::new(),
                    docs: Vec::new(),
                };
                self.next_id += 1;
                self.lines.push(line);
                let at = self.lines.len() as u32 - 1;
                self.join(at, &vector, 0.0);
                at
            }
        };
        let member = self.members.len() as u32;
        for &(id, w) in &vector {
            self.member_postings[id as usize].push((member, w));
        }
        self.members.push(DocVector {
            line: at,
            days: days.clone(),
            vector,
        });
        let line = &mut self.lines[at as usize];
        line.docs.push(member);
        for d in days {
            let pos = line.days.partition_point(|&x| x <= d);
            line.days.insert(pos, d);
        }
        for e in events {
            let m = Member {
                date: e.date.clone(),
                event_id: e.id.clone(),
                doc_id: e.doc_id.clone(),
            };
            let key = |x: &Member| (x.date.clone(), x.doc_id.clone(), x.event_id.clone());
            let k = key(&m);
            let pos = line.events.partition_point(|x| key(x) <= k);
            line.events.insert(pos, m);
        }
        self.by_doc.insert(meta.id.clone(), at);
        self.changes.documents.push(meta.id.clone());
        self.relabel(at);
        vec![self.lines[at as usize].id; events.len()]
    }

    /// The storyline with this id.
    pub fn get(&self, id: StorylineId) -> Option<&Storyline> {
        // Ids grow with position, so a binary search finds it.
        self.lines
            .binary_search_by_key(&id, |l| l.id)
            .ok()
            .map(|i| &self.lines[i])
    }

    /// The storyline a document was linked to.
    pub fn of_document(&self, doc_id: &str) -> Option<&Storyline> {
        self.by_doc.get(doc_id).map(|&i| &self.lines[i as usize])
    }

    /// Every storyline, oldest id first (not those merged into another).
    pub fn iter(&self) -> impl Iterator<Item = &Storyline> {
        self.lines.iter().filter(|l| !l.events.is_empty())
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole state as JSON, to keep beside the stored events.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The state [`to_json`](Self::to_json) wrote, ready to link more documents.
    pub fn from_json(s: &str) -> Result<Storylines, String> {
        let mut lines: Storylines =
            serde_json::from_str(s).map_err(|e| format!("storyline state: {e}"))?;
        if lines.df.len() != lines.vocab.len() || lines.display.len() != lines.vocab.len() {
            return Err("storyline state: vocabulary and frequencies differ in length".into());
        }
        lines.ids = (lines.vocab.iter().cloned())
            .zip(0u32..)
            .collect::<HashMap<_, _>>();
        lines.postings = vec![Vec::new(); lines.vocab.len()];
        for (at, line) in lines.lines.iter().enumerate() {
            for &f in line.centroid.keys() {
                let slot = lines
                    .postings
                    .get_mut(f as usize)
                    .ok_or("storyline state: feature id out of range")?;
                slot.push(at as u32);
            }
            for m in &line.events {
                lines.by_doc.insert(m.doc_id.clone(), at as u32);
            }
        }
        for p in lines.postings.iter_mut() {
            p.sort_unstable();
        }
        lines.member_postings = vec![Vec::new(); lines.vocab.len()];
        for (m, doc) in lines.members.iter().enumerate() {
            let Some(line) = lines.lines.get_mut(doc.line as usize) else {
                return Err("storyline state: document of an unknown storyline".into());
            };
            line.docs.push(m as u32);
            for &(f, w) in &doc.vector {
                let slot = lines
                    .member_postings
                    .get_mut(f as usize)
                    .ok_or("storyline state: feature id out of range")?;
                slot.push((m as u32, w));
            }
        }
        Ok(lines)
    }

    fn intern(&mut self, key: String, written: Option<String>) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            // A word first seen in lower case and now as a name is shown as a name.
            let shown = &mut self.display[id as usize];
            if let Some(w) = written.filter(|w| starts_upper(w) && !starts_upper(shown)) {
                *shown = w;
            }
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(key.clone());
        self.display.push(written.unwrap_or_default());
        self.df.push(0);
        self.postings.push(Vec::new());
        self.member_postings.push(Vec::new());
        self.ids.insert(key, id);
        id
    }

    /// The storyline the document vector fits best, when its score reaches the threshold:
    /// the best of the damped cosines with each candidate centroid and (weighted by
    /// `neighbour`) with each near document. Also the other storylines it fits well enough
    /// to merge them into that one (see [`Params::merge`]).
    fn best_match(&self, vector: &[(u32, f32)], days: &[i32]) -> (Option<u32>, Vec<u32>) {
        let limit = if self.docs < CANDIDATE_MIN_DOCS {
            u32::MAX
        } else {
            (self.docs as f32 * CANDIDATE_MAX_SHARE) as u32
        };
        let rare: Vec<(u32, f32)> = vector
            .iter()
            .copied()
            .filter(|(id, _)| self.df[*id as usize] <= limit)
            .collect();
        let p = &self.params;
        let damp = |gap: i32| {
            (1.0 / (1.0 + f64::from(gap) / f64::from(p.horizon_days))).max(f64::from(p.min_damping))
        };
        // Each candidate storyline's best score, in storyline order.
        let mut scores: std::collections::BTreeMap<u32, f64> = Default::default();
        let mut offer = |at: u32, score: f64| {
            let slot = scores.entry(at).or_insert(score);
            *slot = slot.max(score);
        };
        let mut candidates: Vec<u32> = rare
            .iter()
            .flat_map(|(id, _)| {
                self.postings[*id as usize]
                    .iter()
                    .rev()
                    .take(POSTINGS_SCANNED)
                    .copied()
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for at in candidates {
            let line = &self.lines[at as usize];
            if line.norm2 <= 0.0 {
                continue;
            }
            let cos = centroid_dot(line, vector) / line.norm2.sqrt();
            offer(at, cos * damp(nearest_gap(&line.days, days)));
        }
        if self.params.neighbour > 0.0 {
            let mut partial: HashMap<u32, f32> = HashMap::new();
            for (id, w) in &rare {
                let postings = &self.member_postings[*id as usize];
                for &(m, mw) in postings.iter().rev().take(POSTINGS_SCANNED) {
                    *partial.entry(m).or_insert(0.0) += w * mw;
                }
            }
            let mut near: Vec<(u32, f32)> = partial.into_iter().collect();
            near.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for &(m, _) in near.iter().take(NEIGHBOURS) {
                let doc = &self.members[m as usize];
                let cos = sparse_dot(&doc.vector, vector);
                let score = cos * damp(nearest_gap(&doc.days, days));
                offer(doc.line, score * f64::from(self.params.neighbour));
            }
        }
        let mut best: Option<(u32, f64)> = None;
        for (&at, &score) in &scores {
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((at, score));
            }
        }
        let Some((at, _)) = best.filter(|&(_, s)| s >= f64::from(self.params.threshold)) else {
            return (None, Vec::new());
        };
        let merge = f64::from(self.params.merge);
        let also = scores
            .into_iter()
            .filter(|&(o, s)| o != at && s >= merge)
            .map(|(o, _)| o)
            .collect();
        (Some(at), also)
    }

    /// Moves every document of storyline `from` into `into`; `from` is left empty (its id
    /// is not reused).
    fn merge(&mut self, from: u32, into: u32) {
        let id = self.lines[from as usize].id;
        let gone = std::mem::replace(
            &mut self.lines[from as usize],
            Storyline {
                id,
                label: String::new(),
                events: Vec::new(),
                centroid: HashMap::new(),
                norm2: 0.0,
                days: Vec::new(),
                docs: Vec::new(),
            },
        );
        self.changes.storylines.insert(gone.id);
        let mut gone_docs: Vec<String> = gone.events.iter().map(|m| m.doc_id.clone()).collect();
        gone_docs.sort_unstable();
        gone_docs.dedup();
        let line = &mut self.lines[into as usize];
        for (id, w) in gone.centroid {
            let slot = line.centroid.entry(id).or_insert_with(|| {
                self.postings[id as usize].push(into);
                0.0
            });
            *slot += w;
        }
        line.norm2 = line.centroid.values().map(|&w| f64::from(w * w)).sum();
        line.days.extend(gone.days);
        line.days.sort_unstable();
        let key = |x: &Member| (x.date.clone(), x.doc_id.clone(), x.event_id.clone());
        line.events.extend(gone.events);
        line.events.sort_by_key(key);
        for &m in &gone.docs {
            self.members[m as usize].line = into;
        }
        line.docs.extend(gone.docs);
        for doc in gone_docs {
            if self.by_doc.get(&doc) == Some(&from) {
                self.by_doc.insert(doc.clone(), into);
                self.changes.documents.push(doc);
            }
        }
    }

    /// Adds a unit document vector to storyline `at`, whose centroid's dot product with it
    /// is `dot`.
    fn join(&mut self, at: u32, vector: &[(u32, f32)], dot: f64) {
        let line = &mut self.lines[at as usize];
        for &(id, w) in vector {
            let slot = line.centroid.entry(id).or_insert_with(|| {
                self.postings[id as usize].push(at);
                0.0
            });
            *slot += w;
        }
        let self_dot: f64 = vector.iter().map(|(_, w)| f64::from(w * w)).sum();
        line.norm2 += 2.0 * dot + self_dot;
    }

    /// A label from the storyline's heaviest countries and words.
    fn relabel(&mut self, at: u32) {
        let line = &self.lines[at as usize];
        let mut countries: Vec<(&str, f32)> = Vec::new();
        let mut words: Vec<(u32, f32)> = Vec::new();
        for (&id, &w) in &line.centroid {
            let key = self.vocab[id as usize].as_str();
            if let Some(c) = key.strip_prefix("c:") {
                countries.push((c, w));
            } else if key.starts_with("w:") {
                words.push((id, w));
            }
        }
        countries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        words.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown: Vec<String> = words
            .iter()
            .take(3)
            .map(|&(id, _)| self.display[id as usize].clone())
            .collect();
        let mut top: Vec<&str> = countries.iter().take(2).map(|c| c.0).collect();
        top.sort_unstable();
        let label = match (top.is_empty(), shown.is_empty()) {
            (false, false) => format!("{}: {}", top.join("–"), shown.join(", ")),
            (false, true) => top.join("–"),
            (true, _) => shown.join(", "),
        };
        let line = &mut self.lines[at as usize];
        line.label = label;
        self.changes.storylines.insert(line.id);
    }
}

/// The dot product of a document vector with a storyline's centroid.
fn centroid_dot(line: &Storyline, vector: &[(u32, f32)]) -> f64 {
    vector
        .iter()
        .filter_map(|(id, w)| line.centroid.get(id).map(|c| f64::from(w * c)))
        .sum()
}

/// The dot product of two sparse vectors sorted by feature id.
fn sparse_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += f64::from(a[i].1 * b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The days a document speaks of: its publication day and the days its events are dated to
/// (when the text gives the day).
fn document_days(meta: &DocMeta, events: &[EventRecord]) -> Vec<i32> {
    let mut days: Vec<i32> = meta
        .date
        .as_deref()
        .or_else(|| events.first().map(|e| e.pub_date.as_str()))
        .and_then(day_number)
        .into_iter()
        .collect();
    days.extend(
        events
            .iter()
            .filter(|e| e.date_precision == "day")
            .filter_map(|e| day_number(&e.date)),
    );
    days.sort_unstable();
    days.dedup();
    days
}

/// Days since 1970-01-01 of a valid `YYYY-MM-DD` date.
pub fn day_number(date: &str) -> Option<i32> {
    crate::dict::Ymd::parse_iso(date).and_then(|d| i32::try_from(d.days()).ok())
}

/// The smallest gap in days between any of `days` and the sorted `line_days`; 0 when
/// either is empty (no dates: time says nothing).
fn nearest_gap(line_days: &[i32], days: &[i32]) -> i32 {
    let mut best: Option<i32> = None;
    for &d in days {
        let i = line_days.partition_point(|&x| x < d);
        for j in [i.wrapping_sub(1), i] {
            if let Some(&x) = line_days.get(j) {
                let g = (x - d).abs();
                best = Some(best.map_or(g, |b| b.min(g)));
            }
        }
    }
    best.unwrap_or(0)
}

/// Stored records back into documents (meta from the records: id and publication date), in
/// order of first appearance, for [`Storylines::rebuild`].
pub fn group_by_document(records: Vec<EventRecord>) -> Vec<(DocMeta, Vec<EventRecord>)> {
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut docs: Vec<(DocMeta, Vec<EventRecord>)> = Vec::new();
    for r in records {
        let i = *at.entry(r.doc_id.clone()).or_insert_with(|| {
            docs.push((
                DocMeta {
                    id: r.doc_id.clone(),
                    date: Some(r.pub_date.clone()),
                    ..DocMeta::default()
                },
                Vec::new(),
            ));
            docs.len() - 1
        });
        docs[i].1.push(r);
    }
    docs
}

/// A map written as a list of pairs in key order, so that the same state always gives the
/// same JSON.
mod sorted_pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::HashMap;

    pub fn serialize<S: Serializer>(m: &HashMap<u32, f32>, s: S) -> Result<S::Ok, S::Error> {
        let mut v: Vec<(u32, f32)> = m.iter().map(|(&k, &w)| (k, w)).collect();
        v.sort_unstable_by_key(|p| p.0);
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<HashMap<u32, f32>, D::Error> {
        Ok(Vec::<(u32, f32)>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests;
