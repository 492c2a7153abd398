//! The place gazetteer: GeoNames countries, first-level divisions and cities over 15,000
//! people, plus regions and demonyms from CountryInfo, in one compact binary file.
//!
//! Names are looked up by the hash of their folded form ([`fold`]: lower case, Latin
//! diacritics dropped, only letters and digits kept), so "Türkiye", "Turkiye" and "TÜRKIYE",
//! or "Khan Yunis" and "Khan-Yunis", meet whatever the tokenizer made of them. The keys are a
//! sorted array searched by bisection: loading builds no hash table, which keeps start-up short.

use crate::model::hash::hash_str;
use std::io::{self, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"DRGGEO01";
/// Bytes of one entry in the file.
const ENTRY_BYTES: usize = 28;
/// No admin1 entry.
pub const NONE: u32 = u32::MAX;

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    Country = 0,
    /// A first-level administrative division (a state, province, oblast, governorate).
    Admin1 = 1,
    City = 2,
    /// A named region or geographic feature of a country (CountryInfo's WordNet meronyms).
    Region = 3,
    /// A nationality word ("Syrian"): not a place, only evidence of a country in context.
    Demonym = 4,
}

impl Kind {
    fn from_u8(b: u8) -> Option<Kind> {
        [
            Kind::Country,
            Kind::Admin1,
            Kind::City,
            Kind::Region,
            Kind::Demonym,
        ]
        .get(b as usize)
        .copied()
    }
}

/// One place (or demonym) of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// GeoNames id, 0 when the place has none (CountryInfo regions, demonyms).
    pub geonameid: u32,
    /// Coordinates; NaN when unknown (countries, divisions and regions carry none here).
    pub lat: f32,
    pub lon: f32,
    /// Inhabitants (for a division, the sum of its cities'); ranks same-named places.
    pub population: u32,
    /// Offset of the canonical name in the string table.
    pub name: u32,
    /// Index of the entry's first-level division, or [`NONE`].
    pub admin1: u32,
    /// ISO 3166-1 alpha-3 country code.
    pub country: [u8; 3],
    pub kind: Kind,
}

impl Entry {
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("")
    }
}

/// The loaded gazetteer; immutable.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Canonical names, each prefixed by its byte length (u16 LE).
    strings: Vec<u8>,
    /// (hash of a folded name, entry index), sorted.
    keys: Vec<(u64, u32)>,
}

/// Lower case, Latin diacritics dropped, only letters and digits kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            match base_letter(c) {
                Some(b) => out.push(b),
                None => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// The ASCII letter under a Latin letter with diacritics (Latin-1 and Latin Extended-A).
fn base_letter(c: char) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăąÀÁÂÃÄÅĀĂĄ", 'a'),
        ("çćĉċčÇĆĈĊČ", 'c'),
        ("ďđĎĐ", 'd'),
        ("èéêëēĕėęěÈÉÊËĒĔĖĘĚ", 'e'),
        ("ĝğġģĜĞĠĢ", 'g'),
        ("ĥħĤĦḩḨ", 'h'),
        ("ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", 'i'),
        ("ĵĴ", 'j'),
        ("ķĶ", 'k'),
        ("ĺļľŀłĹĻĽĿŁ", 'l'),
        ("ñńņňÑŃŅŇ", 'n'),
        ("òóôõöøōŏőÒÓÔÕÖØŌŎŐ", 'o'),
        ("ŕŗřŔŖŘ", 'r'),
        ("śŝşšșŚŜŞŠȘ", 's'),
        ("ţťŧțŢŤŦȚ", 't'),
        ("ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", 'u'),
        ("ŵŴ", 'w'),
        ("ýÿŷÝŸŶ", 'y'),
        ("źżžŹŻŽ", 'z'),
    ];
    TABLE
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|&(_, b)| b)
}

/// The lookup key of a name.
pub fn key(name: &str) -> u64 {
    hash_str(&fold(name))
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("gazetteer: {msg}"))
}

/// Reads little-endian fields off a byte slice, failing cleanly at its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| invalid("truncated file"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> io::Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl Gazetteer {
    /// Assemble a gazetteer from its parts (the builder's output); keys are sorted here.
    pub fn from_parts(entries: Vec<Entry>, strings: Vec<u8>, mut keys: Vec<(u64, u32)>) -> Self {
        keys.sort_unstable();
        keys.dedup();
        Gazetteer {
            entries,
            strings,
            keys,
        }
    }

    /// Entries whose name (or one of its alternate names) folds like `name`.
    pub fn lookup<'a>(&'a self, name: &str) -> impl Iterator<Item = (u32, &'a Entry)> + 'a {
        let h = key(name);
        let from = self.keys.partition_point(|&(k, _)| k < h);
        self.keys[from..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .filter_map(move |&(_, i)| self.entries.get(i as usize).map(|e| (i, e)))
    }

    /// The canonical name of an entry.
    pub fn name(&self, e: &Entry) -> &str {
        let at = e.name as usize;
        let Some(len) = self.strings.get(at..at + 2) else {
            return "";
        };
        let len = u16::from_le_bytes([len[0], len[1]]) as usize;
        self.strings
            .get(at + 2..at + 2 + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The index of the first-level division an entry lies in (itself for a division).
    pub fn admin1_index(&self, i: u32) -> Option<u32> {
        let e = self.entries.get(i as usize)?;
        match e.kind {
            Kind::Admin1 => Some(i),
            _ => (e.admin1 != NONE).then_some(e.admin1),
        }
    }

    /// The entry of a country by its ISO3 code (countries come first in the file).
    pub fn country_entry(&self, iso3: &[u8; 3]) -> Option<u32> {
        self.entries
            .iter()
            .take_while(|e| e.kind == Kind::Country)
            .position(|e| &e.country == iso3)
            .map(|i| i as u32)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn n_names(&self) -> usize {
        self.keys.len()
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&(self.entries.len() as u32).to_le_bytes())?;
        for e in &self.entries {
            w.write_all(&e.geonameid.to_le_bytes())?;
            w.write_all(&e.lat.to_le_bytes())?;
            w.write_all(&e.lon.to_le_bytes())?;
            w.write_all(&e.population.to_le_bytes())?;
            w.write_all(&e.name.to_le_bytes())?;
            w.write_all(&e.admin1.to_le_bytes())?;
            w.write_all(&e.country)?;
            w.write_all(&[e.kind as u8])?;
        }
        w.write_all(&(self.strings.len() as u32).to_le_bytes())?;
        w.write_all(&self.strings)?;
        w.write_all(&(self.keys.len() as u32).to_le_bytes())?;
        for (k, i) in &self.keys {
            w.write_all(&k.to_le_bytes())?;
            w.write_all(&i.to_le_bytes())?;
        }
        Ok(())
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        crate::model::save_with(path, |w| self.write_to(w))
    }

    pub fn from_bytes(bytes: &[u8]) -> io::Result<Gazetteer> {
        let mut c = Cursor { bytes, at: 0 };
        if c.take(8)? != MAGIC {
            return Err(invalid("not a dragoman gazetteer file"));
        }
        let n = c.u32()? as usize;
        let raw = c.take(n.checked_mul(ENTRY_BYTES).ok_or_else(|| invalid("size"))?)?;
        let mut entries = Vec::with_capacity(n);
        for r in raw.chunks_exact(ENTRY_BYTES) {
            entries.push(Entry {
                geonameid: le_u32(&r[0..4]),
                lat: f32::from_bits(le_u32(&r[4..8])),
                lon: f32::from_bits(le_u32(&r[8..12])),
                population: le_u32(&r[12..16]),
                name: le_u32(&r[16..20]),
                admin1: le_u32(&r[20..24]),
                country: [r[24], r[25], r[26]],
                kind: Kind::from_u8(r[27]).ok_or_else(|| invalid("unknown entry kind"))?,
            });
        }
        let len = c.u32()? as usize;
        let strings = c.take(len)?.to_vec();
        let nk = c.u32()? as usize;
        let raw = c.take(nk.checked_mul(12).ok_or_else(|| invalid("size"))?)?;
        let keys: Vec<(u64, u32)> = raw
            .chunks_exact(12)
            .map(|r| {
                let mut k = [0u8; 8];
                k.copy_from_slice(&r[0..8]);
                (u64::from_le_bytes(k), le_u32(&r[8..12]))
            })
            .collect();
        if keys.windows(2).any(|w| w[0] > w[1]) {
            return Err(invalid("keys out of order"));
        }
        if c.at != bytes.len() {
            return Err(invalid("trailing bytes"));
        }
        Ok(Gazetteer {
            entries,
            strings,
            keys,
        })
    }

    pub fn load(path: &Path) -> io::Result<Gazetteer> {
        Gazetteer::from_bytes(&std::fs::read(path)?)
    }
}
