//! Run-time layout of the parser's perceptron, built at load time for speed.
//!
//! Scoring a configuration touches ~100 features in a model of millions, so it is bound by
//! memory latency, not arithmetic. This layout keeps each lookup to about two cache misses and
//! overlaps them: one open-addressing slot per feature holds the key and where its weights are;
//! weights are quantised to `i16`; rows with many classes are stored densely (a vectorisable
//! add, each row on whole cache lines), the rest as (class, weight) pairs. Lookups run in two
//! passes with prefetching, so the misses of different features are in flight together. Almost
//! every feature of a configuration is in the model, so there is no filter in front of the
//! slots: it would cost a cache access per feature and spare almost none.

use crate::model::huge::Table;
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
    slots: Table<Slot>,
    mask: usize,
    /// Which vector unit scoring uses (checked once, at load).
    simd: Simd,
    sparse: Table<Entry>,
    /// Dense rows, `stride` weights each (the classes, then zeros up to whole cache lines).
    dense: Table<Line>,
    stride: usize,
}

/// [`Tables`] while rows are being added; frozen onto huge pages once complete.
struct Builder {
    n_classes: usize,
    rows: Vec<Row>,
    slots: Vec<Slot>,
    mask: usize,
    sparse: Vec<Entry>,
    dense: Vec<Line>,
    stride: usize,
}

/// One cache line of dense weights.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Line([i16; LINE]);

const LINE: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Simd {
    None,
    Avx2,
    Avx512,
}

/// A hint to load `p`'s cache line (also used by the recogniser's weights).
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
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

fn detect_simd() -> Simd {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
        {
            return Simd::Avx512;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            return Simd::Avx2;
        }
    }
    Simd::None
}

impl Builder {
    fn new(n_classes: usize, n_rows: usize) -> Builder {
        // Load factor about 0.6: probes stay short and the table small.
        let cap = (n_rows + n_rows / 2 + 16).next_power_of_two();
        Builder {
            n_classes,
            rows: Vec::with_capacity(n_rows),
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
            sparse: Vec::new(),
            dense: Vec::new(),
            stride: n_classes.next_multiple_of(LINE).max(LINE),
        }
    }

    fn freeze(self) -> Tables {
        Tables {
            n_classes: self.n_classes,
            rows: self.rows,
            slots: Table::new(&self.slots),
            mask: self.mask,
            simd: detect_simd(),
            sparse: Table::new(&self.sparse),
            dense: Table::new(&self.dense),
            stride: self.stride,
        }
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
        if entries.is_empty() {
            return true;
        }
        if entries.len() >= self.dense_from() {
            let lines = self.stride / LINE;
            let off = self.dense.len() / lines;
            self.dense.resize(self.dense.len() + lines, Line::default());
            for e in entries {
                let c = e.class as usize;
                self.dense[off * lines + c / LINE].0[c % LINE] = e.weight;
            }
            self.insert(key, off as u32, DENSE)
        } else {
            let off = self.sparse.len() as u32;
            self.sparse.extend_from_slice(entries);
            self.insert(key, off, entries.len() as u32)
        }
    }
}

impl Tables {
    /// All dense weights as one slice, `stride` per row.
    #[inline]
    fn dense_weights(&self) -> &[i16] {
        // SAFETY: `Line` is `repr(C)` over `[i16; LINE]` with no padding (64 bytes), so the
        // lines are contiguous `i16`s.
        unsafe {
            std::slice::from_raw_parts(self.dense.as_ptr().cast::<i16>(), self.dense.len() * LINE)
        }
    }

    #[inline]
    fn dense_row(&self, off: u32) -> &[i16] {
        let start = off as usize * self.stride;
        &self.dense_weights()[start..start + self.n_classes]
    }

    /// The non-zero entries of a stored row.
    fn entries(&self, row: &Row, out: &mut Vec<Entry>) {
        out.clear();
        if row.len == DENSE {
            for (c, &w) in self.dense_row(row.off).iter().enumerate() {
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
        let mut t = Builder::new(n_classes, model.n_features());
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
        t.freeze()
    }

    /// Number of features and of non-zero weights.
    pub fn size(&self) -> (usize, usize) {
        let dense_nonzero = self.dense_weights().iter().filter(|&&w| w != 0).count();
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
        let mut t = Builder::new(nc, n_rows);
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
        Ok(t.freeze())
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Scores of every class (in quantised units); `scores` is overwritten. Features beyond
    /// [`MAX_FEATS`] are ignored.
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        let mut acc = [0i32; MAX_CLASSES];
        self.add(feats, &mut acc);
        let n = self.n_classes.min(scores.len());
        scores[..n].copy_from_slice(&acc[..n]);
    }

    /// Add the weights of `feats` to `acc` (class by class; the sums are exact, so partial
    /// sums may be kept and added later). Features beyond [`MAX_FEATS`] are ignored.
    pub fn add(&self, feats: &[u64], acc: &mut [i32; MAX_CLASSES]) {
        let mut rows = [(0u32, 0u32); MAX_FEATS];
        let rows = self.find_rows(feats, &mut rows);
        match self.simd {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `simd` says Avx512 only when the running CPU reports AVX-512 F and BW.
            Simd::Avx512 => unsafe { self.add_dense_avx512(rows, acc) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `simd` says Avx2 only when the running CPU reports AVX2.
            Simd::Avx2 => unsafe { self.add_dense_avx2(rows, acc) },
            _ => self.add_dense(rows, acc),
        }
        for &(off, len) in rows {
            if len != DENSE {
                for e in &self.sparse[off as usize..(off + len) as usize] {
                    // The mask lets the compiler drop the bounds check.
                    acc[e.class as usize & (MAX_CLASSES - 1)] += e.weight as i32;
                }
            }
        }
    }

    /// The (offset, length) of each feature's row, all slot and row misses overlapped: the
    /// first pass prefetches every slot, the second reads them and prefetches the rows.
    #[inline(always)]
    fn find_rows<'r>(
        &self,
        feats: &[u64],
        rows: &'r mut [(u32, u32); MAX_FEATS],
    ) -> &'r [(u32, u32)] {
        let feats = &feats[..feats.len().min(MAX_FEATS)];
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
        }
        let dense = self.dense.as_ptr();
        let lines = self.stride / LINE;
        let mut n_rows = 0;
        for &f in feats {
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
                        let first = dense.wrapping_add(off as usize * lines);
                        for l in 0..lines {
                            prefetch(first.wrapping_add(l));
                        }
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
        &rows[..n_rows]
    }

    #[inline(always)]
    fn add_dense(&self, rows: &[(u32, u32)], acc: &mut [i32; MAX_CLASSES]) {
        for &(off, len) in rows {
            if len == DENSE {
                for (s, &w) in acc.iter_mut().zip(self.dense_row(off)) {
                    *s += w as i32;
                }
            }
        }
    }

    /// The same loop compiled for AVX2: the additions run eight wide.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_dense_avx2(&self, rows: &[(u32, u32)], acc: &mut [i32; MAX_CLASSES]) {
        self.add_dense(rows, acc);
    }

    /// Sixteen classes per instruction, the sums held in registers across all rows (a row is
    /// whole cache lines, so reading past the last class stays inside it).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw")]
    unsafe fn add_dense_avx512(&self, rows: &[(u32, u32)], acc: &mut [i32; MAX_CLASSES]) {
        use std::arch::x86_64::*;
        const CHUNKS: usize = MAX_CLASSES / 16;
        let chunks = self.stride / 16;
        let mut sum = [_mm512_setzero_si512(); CHUNKS];
        for (k, s) in sum.iter_mut().enumerate() {
            // SAFETY: `acc` holds CHUNKS × 16 i32s.
            *s = unsafe { _mm512_loadu_si512(acc.as_ptr().add(k * 16).cast()) };
        }
        let base = self.dense.as_ptr().cast::<__m256i>();
        for &(off, len) in rows {
            if len == DENSE {
                // SAFETY: a dense row is `stride` i16s at `off * stride`, inside `dense`.
                let row = unsafe { base.add(off as usize * chunks) };
                for (k, s) in sum.iter_mut().enumerate() {
                    if k < chunks {
                        // SAFETY: chunk `k` < `chunks` lies inside the row.
                        let w = unsafe { _mm256_load_si256(row.add(k)) };
                        *s = _mm512_add_epi32(*s, _mm512_cvtepi16_epi32(w));
                    }
                }
            }
        }
        for (k, s) in sum.iter().enumerate() {
            // SAFETY: `acc` holds CHUNKS × 16 i32s.
            unsafe { _mm512_storeu_si512(acc.as_mut_ptr().add(k * 16).cast(), *s) };
        }
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
