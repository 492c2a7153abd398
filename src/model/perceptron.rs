//! The averaged perceptron shared by the tagger, the parser and the recogniser.
//!
//! Two forms: [`Trainer`] keeps the running sums that averaging needs; [`Perceptron`] is the
//! frozen, averaged, pruned model used at run time. Weights are sparse per feature (a feature
//! seen with three classes stores three weights), so models with many classes stay small.
//!
//! File layout (little-endian): magic `DRGPCPT1`, `n_classes: u32`, `n_features: u32`,
//! `n_entries: u32`, then `keys: [u64; n_features]` (sorted), `offsets: [u32; n_features + 1]`,
//! `classes: [u16; n_entries]`, `weights: [f32; n_entries]`. Loading reads the arrays as they are
//! and builds an open-addressing index over the keys (each slot holds its key and weight range;
//! weights are interleaved with their classes), which takes milliseconds.

use super::hash::PrehashedMap;
use super::huge::Table;
use std::io::{self, Read, Write};

const MAGIC: &[u8; 8] = b"DRGPCPT1";

#[derive(Clone, Copy, Debug)]
struct Param {
    class: u16,
    weight: f32,
    /// Sum of the weight over all updates so far, up to `stamp`.
    total: f64,
    stamp: u64,
}

/// Averaged perceptron under training.
pub struct Trainer {
    n_classes: usize,
    params: PrehashedMap<Vec<Param>>,
    /// Number of training instances seen: the clock that averaging runs on.
    clock: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        assert!(n_classes <= u16::MAX as usize, "too many classes");
        Trainer {
            n_classes,
            params: PrehashedMap::default(),
            clock: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Current (unaveraged) scores of every class; `scores` is overwritten.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.params.get(f) {
                for p in row {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Best class by current scores; ties go to the lowest class index.
    pub fn predict(&self, feats: &[u64], scores: &mut [f32]) -> usize {
        self.score(feats, scores);
        argmax(scores)
    }

    /// Advance the clock by one instance. Call once per training instance, before or after its
    /// update (consistently).
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// The standard perceptron update: reward `truth`, penalise `guess`. No-op when equal.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        for &f in feats {
            self.add(f, truth, 1.0);
            self.add(f, guess, -1.0);
        }
    }

    /// Add `delta` to the weight of (`feat`, `class`).
    pub fn add(&mut self, feat: u64, class: usize, delta: f32) {
        let clock = self.clock;
        let row = self.params.entry(feat).or_default();
        let p = match row.iter_mut().position(|p| p.class as usize == class) {
            Some(i) => &mut row[i],
            None => {
                row.push(Param {
                    class: class as u16,
                    weight: 0.0,
                    total: 0.0,
                    stamp: clock,
                });
                row.last_mut().expect("just pushed")
            }
        };
        p.total += (clock - p.stamp) as f64 * p.weight as f64;
        p.stamp = clock;
        p.weight += delta;
    }

    /// Average the weights over the clock and drop those whose magnitude is below `prune`.
    pub fn finish(self, prune: f32) -> Perceptron {
        self.averaged(prune)
    }

    /// The model [`finish`](Trainer::finish) would give now, leaving training free to go on:
    /// lets a trainer score every epoch on held-out data and keep the best.
    pub fn averaged(&self, prune: f32) -> Perceptron {
        let clock = self.clock.max(1);
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .params
            .iter()
            .filter_map(|(&key, row)| {
                let mut kept: Vec<(u16, f32)> = row
                    .iter()
                    .map(|p| {
                        let total = p.total + (clock - p.stamp) as f64 * p.weight as f64;
                        (p.class, (total / clock as f64) as f32)
                    })
                    .filter(|(_, w)| w.abs() >= prune && *w != 0.0)
                    .collect();
                kept.sort_by_key(|(c, _)| *c);
                (!kept.is_empty()).then_some((key, kept))
            })
            .collect();
        rows.sort_by_key(|(k, _)| *k);
        let mut m = Perceptron {
            n_classes: self.n_classes,
            keys: Vec::with_capacity(rows.len()),
            offsets: Vec::with_capacity(rows.len() + 1),
            classes: Vec::new(),
            weights: Vec::new(),
            slots: Table::default(),
            mask: 0,
            entries: Table::default(),
        };
        m.offsets.push(0);
        for (key, row) in rows {
            m.keys.push(key);
            for (c, w) in row {
                m.classes.push(c);
                m.weights.push(w);
            }
            m.offsets.push(m.classes.len() as u32);
        }
        m.build_index();
        m
    }
}

/// Frozen averaged perceptron for prediction.
#[derive(Clone)]
pub struct Perceptron {
    n_classes: usize,
    keys: Vec<u64>,
    offsets: Vec<u32>,
    classes: Vec<u16>,
    weights: Vec<f32>,
    /// Open-addressing index holding each key with its weight range, so that a lookup touches
    /// one slot and then one run of `entries`: scoring is bound by cache misses.
    slots: Table<Slot>,
    mask: usize,
    /// `classes` and `weights` interleaved, for scoring.
    entries: Table<Entry>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    /// `start..end` into `entries`; `end == 0` marks an empty slot.
    start: u32,
    end: u32,
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
}

impl Perceptron {
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    pub fn n_weights(&self) -> usize {
        self.weights.len()
    }

    /// Every feature with its classes and weights, in key order: for stages that lay the model
    /// out differently at load time (the parser's quantised tables, the recogniser's dense rows).
    pub fn rows(&self) -> impl Iterator<Item = (u64, &[u16], &[f32])> + '_ {
        self.keys.iter().enumerate().map(|(i, &k)| {
            let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
            (k, &self.classes[a..b], &self.weights[a..b])
        })
    }

    fn build_index(&mut self) {
        let cap = (self.keys.len() * 2).next_power_of_two().max(16);
        self.mask = cap - 1;
        let mut slots = vec![Slot::default(); cap];
        for (i, &key) in self.keys.iter().enumerate() {
            let (start, end) = (self.offsets[i], self.offsets[i + 1]);
            // A feature without weights adds nothing; leaving it out keeps `end == 0` free
            // to mean "empty".
            if start == end {
                continue;
            }
            let mut s = (key as usize) & self.mask;
            while slots[s].end != 0 {
                s = (s + 1) & self.mask;
            }
            slots[s] = Slot { key, start, end };
        }
        self.slots = Table::new(&slots);
        let entries: Vec<Entry> = self
            .classes
            .iter()
            .zip(&self.weights)
            .map(|(&class, &weight)| Entry { class, weight })
            .collect();
        self.entries = Table::new(&entries);
    }

    #[inline]
    fn find(&self, key: u64) -> Option<&[Entry]> {
        let mut s = (key as usize) & self.mask;
        loop {
            let slot = &self.slots[s];
            if slot.end == 0 {
                return None;
            }
            if slot.key == key {
                return Some(&self.entries[slot.start as usize..slot.end as usize]);
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Scores of every class; `scores` is overwritten.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        self.add_scores(feats, scores);
    }

    /// Add the weights of `feats` to `scores` (not cleared first): lets a caller sum feature
    /// groups once and reuse the partial sums.
    #[inline]
    pub fn add_scores(&self, feats: &[u64], scores: &mut [f32]) {
        for &f in feats {
            if let Some(row) = self.find(f) {
                for e in row {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    pub fn predict(&self, feats: &[u64], scores: &mut [f32]) -> usize {
        self.score(feats, scores);
        argmax(scores)
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(MAGIC)?;
        write_u32(w, self.n_classes as u32)?;
        write_u32(w, self.keys.len() as u32)?;
        write_u32(w, self.weights.len() as u32)?;
        let mut buf = Vec::with_capacity(self.keys.len() * 12 + self.weights.len() * 6 + 4);
        self.keys
            .iter()
            .for_each(|k| buf.extend_from_slice(&k.to_le_bytes()));
        self.offsets
            .iter()
            .for_each(|o| buf.extend_from_slice(&o.to_le_bytes()));
        self.classes
            .iter()
            .for_each(|c| buf.extend_from_slice(&c.to_le_bytes()));
        self.weights
            .iter()
            .for_each(|x| buf.extend_from_slice(&x.to_le_bytes()));
        w.write_all(&buf)
    }

    pub fn read_from(r: &mut impl Read) -> io::Result<Perceptron> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a dragoman perceptron model (bad magic)"));
        }
        let n_classes = read_u32(r)? as usize;
        let n_features = read_u32(r)? as usize;
        let n_entries = read_u32(r)? as usize;
        let keys = read_array(r, n_features, u64::from_le_bytes)?;
        let offsets = read_array(r, n_features + 1, u32::from_le_bytes)?;
        let classes = read_array(r, n_entries, u16::from_le_bytes)?;
        let weights = read_array(r, n_entries, f32::from_le_bytes)?;
        let offsets_ok = offsets.first() == Some(&0)
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.last().map(|&o| o as usize) == Some(n_entries);
        if !offsets_ok || classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(invalid(
                "corrupt perceptron model (offsets or classes out of range)",
            ));
        }
        let mut m = Perceptron {
            n_classes,
            keys,
            offsets,
            classes,
            weights,
            slots: Table::default(),
            mask: 0,
            entries: Table::default(),
        };
        m.build_index();
        Ok(m)
    }
}

/// Index of the highest score; ties go to the lowest index.
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

pub fn write_u32(w: &mut impl Write, v: u32) -> io::Result<()> {
    w.write_all(&v.to_le_bytes())
}

pub fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// Write a list of strings (class names, labels) as a count then length-prefixed UTF-8.
pub fn write_strings(w: &mut impl Write, items: &[String]) -> io::Result<()> {
    write_u32(w, items.len() as u32)?;
    for s in items {
        write_u32(w, s.len() as u32)?;
        w.write_all(s.as_bytes())?;
    }
    Ok(())
}

pub fn read_strings(r: &mut impl Read) -> io::Result<Vec<String>> {
    let n = read_u32(r)? as usize;
    if n > 10_000_000 {
        return Err(invalid("corrupt string list (absurd length)"));
    }
    let mut out = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let len = read_u32(r)? as usize;
        if len > 1 << 20 {
            return Err(invalid("corrupt string list (absurd string length)"));
        }
        let mut b = vec![0u8; len];
        r.read_exact(&mut b)?;
        out.push(String::from_utf8(b).map_err(|_| invalid("string list is not UTF-8"))?);
    }
    Ok(out)
}

fn read_array<T, const N: usize>(
    r: &mut impl Read,
    n: usize,
    conv: fn([u8; N]) -> T,
) -> io::Result<Vec<T>> {
    if n > 1 << 30 {
        return Err(invalid("corrupt model (absurd array length)"));
    }
    // Read what is there rather than allocating the claimed size up front: a corrupt count
    // must give an error, not a multi-gigabyte allocation.
    let mut bytes = Vec::new();
    r.take((n * N) as u64).read_to_end(&mut bytes)?;
    if bytes.len() != n * N {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "truncated model (array shorter than its count)",
        ));
    }
    Ok(bytes
        .chunks_exact(N)
        .map(|c| conv(c.try_into().expect("chunk of N bytes")))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hash::{feature, hash_str};

    /// Learn "word → class" for a toy, linearly separable problem.
    fn toy() -> Perceptron {
        let data = [("a", 0), ("b", 1), ("c", 2), ("a", 0), ("b", 1)];
        let mut t = Trainer::new(3);
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (w, y) in data {
                let feats = [feature(0, hash_str(w)), feature(1, 0)];
                let guess = t.predict(&feats, &mut scores);
                t.update(y, guess, &feats);
                t.tick();
            }
        }
        t.finish(0.0)
    }

    #[test]
    fn learns_separable_data() {
        let m = toy();
        let mut scores = vec![0.0; 3];
        for (w, y) in [("a", 0), ("b", 1), ("c", 2)] {
            let feats = [feature(0, hash_str(w)), feature(1, 0)];
            assert_eq!(m.predict(&feats, &mut scores), y, "word {w}");
        }
    }

    #[test]
    fn round_trips_through_bytes() {
        let m = toy();
        let mut buf = Vec::new();
        m.write_to(&mut buf).unwrap();
        let back = Perceptron::read_from(&mut buf.as_slice()).unwrap();
        let feats = [feature(0, hash_str("b")), feature(1, 0)];
        let (mut s1, mut s2) = (vec![0.0; 3], vec![0.0; 3]);
        m.score(&feats, &mut s1);
        back.score(&feats, &mut s2);
        assert_eq!(s1, s2);
    }

    #[test]
    fn averaged_snapshot_matches_finish() {
        let mut t = Trainer::new(2);
        let f = [feature(0, hash_str("x"))];
        t.tick();
        t.tick();
        t.update(1, 0, &f);
        t.tick();
        let snap = t.averaged(0.0);
        let (mut s1, mut s2) = (vec![0.0; 2], vec![0.0; 2]);
        snap.score(&f, &mut s1);
        assert!((s1[1] - 1.0 / 3.0).abs() < 1e-6 && (s1[0] + 1.0 / 3.0).abs() < 1e-6);
        // Training goes on after the snapshot; finish averages over the longer run.
        t.tick();
        t.finish(0.0).score(&f, &mut s2);
        assert!((s2[1] - 0.5).abs() < 1e-6);
        let mut acc = vec![1.0, 1.0];
        snap.add_scores(&f, &mut acc);
        assert!((acc[1] - 4.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn rows_give_back_every_weight() {
        let m = toy();
        let mut n = 0;
        for (key, classes, weights) in m.rows() {
            let mut direct = vec![0.0; 3];
            m.score(&[key], &mut direct);
            for (&c, &w) in classes.iter().zip(weights) {
                assert_eq!(direct[c as usize], w);
                n += 1;
            }
        }
        assert_eq!(n, m.n_weights());
    }

    #[test]
    fn rejects_garbage() {
        assert!(Perceptron::read_from(&mut &b"not a model at all"[..]).is_err());
        let mut buf = Vec::new();
        toy().write_to(&mut buf).unwrap();
        buf.truncate(buf.len() - 3);
        assert!(Perceptron::read_from(&mut buf.as_slice()).is_err());
    }
}
