//! Run-time layout of the parser's perceptron, built at load time for speed.
//!
//! Scoring a configuration touches ~100 features in a model of millions, so it is bound by
//! memory latency, not arithmetic. This layout keeps each lookup to about two cache misses and
//! overlaps them: one open-addressing slot per feature holds the key and where its weights are;
//! weights are quantised to `i16`; rows with many classes are stored densely (a vectorisable
//! add), the rest as (class, weight) pairs. Lookups run in two passes with prefetching, so the
//! misses of different features are in flight together.

use crate::model::Perceptron;
use std::io::{self, Read, Write};

/// A feature's row as stored for saving.
#[derive(Clone, Copy)]
struct Row {
    key: u64,
    /// Start of the row in `sparse` or (for dense rows) the row number in `dense`.
    off: u32,
    /// Number of sparse entries, or [`DENSE`].
    len: u32,
}

/// A lookup slot packed in 8 bytes so that the table stays cache-friendly: the key's upper 32
/// bits (its lower bits chose the slot), the row offset (26 bits) and length (6 bits; 0 is an
/// empty slot, [`DENSE`] a dense row). A false match needs 32 equal bits on top of equal slot
/// bits: rarer than the hashing collisions the features already live with.
#[derive(Clone, Copy, Default)]
struct Slot(u64);

const DENSE: u32 = 63;
const MAX_OFF: u32 = (1 << 26) - 1;

impl Slot {
    #[inline]
    fn new(key: u64, off: u32, len: u32) -> Slot {
        Slot((key & 0xffff_ffff_0000_0000) | ((off as u64) << 6) | len as u64)
    }
    #[inline]
    fn len(self) -> u32 {
        (self.0 & 63) as u32
    }
    #[inline]
    fn off(self) -> u32 {
        ((self.0 >> 6) & MAX_OFF as u64) as u32
    }
    #[inline]
    fn matches(self, key: u64) -> bool {
        (self.0 ^ key) >> 32 == 0
    }
}
/// Most features one configuration may have.
pub const MAX_FEATS: usize = 128;
/// Most classes a model may have (scores live in a fixed array).
pub const MAX_CLASSES: usize = 128;

#[derive(Clone, Copy)]
#[repr(C)]
struct Entry {
    class: u16,
    weight: i16,
}

pub struct Tables {
    n_classes: usize,
    rows: Vec<Row>,
    slots: Vec<Slot>,
    mask: usize,
    /// One bit per hash bucket of the stored keys, small enough to stay in the L2 cache: most
    /// features of a configuration are not in the model, and the filter turns their slot-table
    /// miss into a cache hit.
    filter: Vec<u64>,
    filter_mask: usize,
    /// Whether the CPU has AVX2 (checked once, at load).
    avx2: bool,
    sparse: Vec<Entry>,
    dense: Vec<i16>,
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, even on an invalid address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("corrupt parser model: {msg}"),
    )
}

fn read_bytes(r: &mut impl Read, n: usize) -> io::Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    r.read_exact(&mut b)?;
    Ok(b)
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

impl Tables {
    fn empty(n_classes: usize, n_rows: usize) -> Tables {
        // Load factor about 0.6: probes stay short and the table small.
        let cap = (n_rows + n_rows / 2 + 16).next_power_of_two();
        // About 8 bits per key, at most 2^22 bits (512 KiB).
        let filter_words = (n_rows * 8).next_power_of_two().clamp(64, 1 << 22) / 64;
        Tables {
            n_classes,
            rows: Vec::with_capacity(n_rows),
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
            filter: vec![0; filter_words],
            filter_mask: filter_words - 1,
            avx2: has_avx2(),
            sparse: Vec::new(),
            dense: Vec::new(),
        }
    }

    /// The filter word of a key and its two bits in it (a blocked Bloom filter: one memory
    /// access per test), from key bits the slot index does not use.
    #[inline]
    fn filter_bits(&self, key: u64) -> (usize, u64) {
        let word = (key >> 40) as usize & self.filter_mask;
        let bits = 1u64 << ((key >> 28) & 63) | 1u64 << ((key >> 34) & 63);
        (word, bits)
    }

    /// Add a row; false if the key is already there (its first row wins) or the offset does not
    /// fit in a slot.
    fn insert(&mut self, key: u64, off: u32, len: u32) -> bool {
        if off > MAX_OFF {
            return false;
        }
        let mut s = key as usize & self.mask;
        while self.slots[s].len() != 0 {
            if self.slots[s].matches(key) {
                return false;
            }
            s = (s + 1) & self.mask;
        }
        self.slots[s] = Slot::new(key, off, len);
        let (word, bits) = self.filter_bits(key);
        self.filter[word] |= bits;
        self.rows.push(Row { key, off, len });
        true
    }

    /// Rows with at least this many classes are stored densely: adding a dense row is one
    /// vectorised pass, while scattered adds cost several cycles each.
    fn dense_from(&self) -> usize {
        self.n_classes.div_ceil(8).clamp(1, DENSE as usize - 1)
    }

    /// Add a feature's (class, weight) entries (classes already checked to be in range).
    fn add_row(&mut self, key: u64, entries: &[Entry]) -> bool {
        let nc = self.n_classes;
        if entries.is_empty() {
            return true;
        }
        if entries.len() >= self.dense_from() {
            let off = self.dense.len() / nc;
            self.dense.resize(self.dense.len() + nc, 0);
            for e in entries {
                self.dense[off * nc + e.class as usize] = e.weight;
            }
            self.insert(key, off as u32, DENSE)
        } else {
            let off = self.sparse.len() as u32;
            self.sparse.extend_from_slice(entries);
            self.insert(key, off, entries.len() as u32)
        }
    }

    /// The non-zero entries of a stored row.
    fn entries(&self, row: &Row, out: &mut Vec<Entry>) {
        out.clear();
        if row.len == DENSE {
            let nc = self.n_classes;
            let start = row.off as usize * nc;
            for (c, &w) in self.dense[start..start + nc].iter().enumerate() {
                if w != 0 {
                    out.push(Entry {
                        class: c as u16,
                        weight: w,
                    });
                }
            }
        } else {
            out.extend_from_slice(&self.sparse[row.off as usize..(row.off + row.len) as usize]);
        }
    }

    /// Quantise a trained model, dropping weights smaller than `min_abs`.
    pub fn build(model: &Perceptron, min_abs: f32) -> Tables {
        let n_classes = model.n_classes().min(MAX_CLASSES);
        let max_abs = model
            .rows()
            .flat_map(|(_, _, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max_abs > 0.0 {
            32000.0 / max_abs
        } else {
            1.0
        };
        let q = |w: f32| (w * scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut t = Tables::empty(n_classes, model.n_features());
        let mut entries = Vec::new();
        for (key, classes, weights) in model.rows() {
            entries.clear();
            for (&class, &w) in classes.iter().zip(weights) {
                if w.abs() >= min_abs && q(w) != 0 && (class as usize) < n_classes {
                    entries.push(Entry {
                        class,
                        weight: q(w),
                    });
                }
            }
            t.add_row(key, &entries);
        }
        t
    }

    /// Number of features and of non-zero weights.
    pub fn size(&self) -> (usize, usize) {
        let dense_nonzero = self.dense.iter().filter(|&&w| w != 0).count();
        (self.rows.len(), self.sparse.len() + dense_nonzero)
    }

    /// Layout (little-endian): `n_classes: u32`, `n_rows: u32`, then per row `key: u64`,
    /// `len: u32` and `len` × (`class: u16`, `weight: i16`).
    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(&(self.n_classes as u32).to_le_bytes())?;
        w.write_all(&(self.rows.len() as u32).to_le_bytes())?;
        let mut buf = Vec::with_capacity(1 << 16);
        let mut entries = Vec::new();
        for row in &self.rows {
            self.entries(row, &mut entries);
            buf.extend_from_slice(&row.key.to_le_bytes());
            buf.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            for e in &entries {
                buf.extend_from_slice(&e.class.to_le_bytes());
                buf.extend_from_slice(&e.weight.to_le_bytes());
            }
            if buf.len() > 1 << 15 {
                w.write_all(&buf)?;
                buf.clear();
            }
        }
        w.write_all(&buf)
    }

    pub fn read_from(r: &mut impl Read, n_classes: usize) -> io::Result<Tables> {
        let head = read_bytes(r, 8)?;
        let nc = u32::from_le_bytes(head[0..4].try_into().expect("4 bytes")) as usize;
        let n_rows = u32::from_le_bytes(head[4..8].try_into().expect("4 bytes")) as usize;
        if nc != n_classes || nc > MAX_CLASSES {
            return Err(invalid("class count does not match the labels"));
        }
        if n_rows > 1 << 27 {
            return Err(invalid("absurd feature count"));
        }
        let mut t = Tables::empty(nc, n_rows);
        let mut entries = Vec::with_capacity(nc);
        let mut h = [0u8; 12];
        let mut b = vec![0u8; 4 * nc];
        for _ in 0..n_rows {
            r.read_exact(&mut h)?;
            let key = u64::from_le_bytes(h[0..8].try_into().expect("8 bytes"));
            let len = u32::from_le_bytes(h[8..12].try_into().expect("4 bytes")) as usize;
            if len == 0 || len > nc {
                return Err(invalid("bad row length"));
            }
            r.read_exact(&mut b[..4 * len])?;
            entries.clear();
            for c in b[..4 * len].chunks_exact(4) {
                let class = u16::from_le_bytes([c[0], c[1]]);
                if class as usize >= nc {
                    return Err(invalid("class out of range"));
                }
                let weight = i16::from_le_bytes([c[2], c[3]]);
                entries.push(Entry { class, weight });
            }
            if !t.add_row(key, &entries) {
                return Err(invalid("duplicate feature or model too large"));
            }
        }
        Ok(t)
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Scores of every class (in quantised units); `scores` is overwritten. Features beyond
    /// [`MAX_FEATS`] are ignored.
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is set only when the running CPU reports AVX2.
            unsafe { self.score_avx2(feats, scores) };
            return;
        }
        self.score_body(feats, scores);
    }

    /// The same body compiled for AVX2: the dense-row additions run twice as wide.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_avx2(&self, feats: &[u64], scores: &mut [i32]) {
        self.score_body(feats, scores);
    }

    #[inline(always)]
    fn score_body(&self, feats: &[u64], scores: &mut [i32]) {
        let feats = &feats[..feats.len().min(MAX_FEATS)];
        let mut present = [0u64; MAX_FEATS];
        let mut n_present = 0;
        for &f in feats {
            let (word, bits) = self.filter_bits(f);
            if self.filter[word] & bits == bits {
                prefetch(&self.slots[f as usize & self.mask]);
                present[n_present] = f;
                n_present += 1;
            }
        }
        let mut rows = [(0u32, 0u32); MAX_FEATS];
        let mut n_rows = 0;
        for &f in &present[..n_present] {
            let mut s = f as usize & self.mask;
            loop {
                let slot = self.slots[s];
                let len = slot.len();
                if len == 0 {
                    break;
                }
                if slot.matches(f) {
                    let off = slot.off();
                    if len == DENSE {
                        prefetch(
                            self.dense
                                .as_ptr()
                                .wrapping_add(off as usize * self.n_classes),
                        );
                    } else {
                        prefetch(self.sparse.as_ptr().wrapping_add(off as usize));
                    }
                    rows[n_rows] = (off, len);
                    n_rows += 1;
                    break;
                }
                s = (s + 1) & self.mask;
            }
        }
        let nc = self.n_classes;
        let mut acc = [0i32; MAX_CLASSES];
        for &(off, len) in &rows[..n_rows] {
            if len == DENSE {
                let row = &self.dense[off as usize * nc..(off as usize + 1) * nc];
                for (s, &w) in acc.iter_mut().zip(row) {
                    *s += w as i32;
                }
            } else {
                for e in &self.sparse[off as usize..(off + len) as usize] {
                    // The mask lets the compiler drop the bounds check.
                    acc[e.class as usize & (MAX_CLASSES - 1)] += e.weight as i32;
                }
            }
        }
        let n = nc.min(scores.len());
        scores[..n].copy_from_slice(&acc[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hash::feature;
    use crate::model::Trainer;

    #[test]
    fn agrees_with_the_perceptron_on_rankings() {
        let n = 9;
        let mut t = Trainer::new(n);
        for i in 0..400u64 {
            // Some features dense (all classes), most sparse.
            let f = feature((i % 13) as u32, i % 5);
            t.add(f, (i as usize * 7) % n, ((i % 11) as f32 - 5.0) * 0.3);
            t.tick();
        }
        let m = t.finish(0.0);
        let built = Tables::build(&m, 0.0);
        let mut buf = Vec::new();
        built.write_to(&mut buf).unwrap();
        let tables = Tables::read_from(&mut buf.as_slice(), n).unwrap();
        assert!(Tables::read_from(&mut &buf[..buf.len() - 1], n).is_err());
        assert!(Tables::read_from(&mut buf.as_slice(), n + 1).is_err());
        for i in 0..13u64 {
            let feats = [feature(i as u32, i % 5), feature(((i + 3) % 13) as u32, 2)];
            let mut fs = vec![0f32; n];
            let mut qs = vec![0i32; n];
            m.score(&feats, &mut fs);
            tables.score(&feats, &mut qs);
            for a in 0..n {
                for b in 0..n {
                    if (fs[a] - fs[b]).abs() > 1e-2 {
                        assert_eq!(fs[a] > fs[b], qs[a] > qs[b], "classes {a} {b}");
                    }
                }
            }
        }
    }
}
