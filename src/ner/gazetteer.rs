//! Gazetteer: hashed, case-folded name lists (places, nationalities, people, organisations) and
//! a word lexicon, matched over token sequences without allocating.
//!
//! A multi-token entry is stored under the chained hash of its lower-cased tokens; each of its
//! proper prefixes is stored with [`PREFIX`] so matching can stop as soon as no entry can
//! continue. Word-lexicon bits live under a salted single-token key so they never collide with
//! one-word entries.

use super::features::lower_hash;
use crate::model::hash::{mix, PrehashedMap};
use std::io::{self, Read, Write};

/// Entry classes (bit positions in an entry's value).
pub const COUNTRY: u16 = 1 << 0;
pub const CITY: u16 = 1 << 1;
pub const BIG_CITY: u16 = 1 << 2;
pub const REGION: u16 = 1 << 3;
pub const NORP: u16 = 1 << 4;
pub const PERSON: u16 = 1 << 5;
pub const SURNAME: u16 = 1 << 6;
pub const ORG: u16 = 1 << 7;
/// How many entry classes there are (bits 0..N_CLASSES).
pub const N_CLASSES: usize = 8;
const CLASS_MASK: u16 = (1 << N_CLASSES) - 1;

/// Word-lexicon bits (single tokens, salted key).
/// Usually a proper noun in the UD EWT training treebank.
pub const LEX_PROPN: u16 = 1 << 8;
/// Sometimes a proper noun there.
pub const LEX_SOMETIMES_PROPN: u16 = 1 << 9;
/// A common lower-case word there.
pub const LEX_COMMON: u16 = 1 << 10;
/// The first part of a person's name ("Vince" in "Vince Kaminski").
pub const LEX_FIRST_NAME: u16 = 1 << 11;

/// Internal: some longer entry continues this token sequence.
const PREFIX: u16 = 1 << 15;

/// Longest entry, in tokens.
pub const MAX_TOKENS: usize = 8;

const CHAIN_SEED: u64 = 0x6761_7a65_7474_6565;
const LEX_SALT: u64 = 0x6c65_7869_636f_6e21;
const MAGIC: &[u8; 8] = b"DRGGAZ01";

/// Where a token sits in a matched entry.
pub const POS_BEGIN: u32 = 0;
pub const POS_INSIDE: u32 = 1;
pub const POS_UNIT: u32 = 2;

/// Per-token match bits: for entry class c and position p, bit `c * 3 + p`; the lexicon bits
/// shifted down into bits 24..27.
pub fn match_bit(class: usize, pos: u32) -> u32 {
    1 << (class as u32 * 3 + pos)
}
pub const LEX_SHIFT: u32 = 24 - 8;

#[derive(Default, Clone)]
pub struct Gazetteer {
    map: PrehashedMap<u16>,
}

/// Split an entry into tokens the way English tokenisers (UD, UNER) do: on spaces, with
/// hyphens, slashes and commas as tokens of their own.
pub fn entry_tokens(entry: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in entry.split_whitespace() {
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if matches!(c, '-' | '/' | ',') {
                if start < i {
                    out.push(&word[start..i]);
                }
                if c != ',' {
                    out.push(&word[i..i + 1]);
                }
                start = i + 1;
            }
        }
        if start < word.len() {
            out.push(&word[start..]);
        }
    }
    out
}

impl Gazetteer {
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Add an entry (any case); it is stored both as split by [`entry_tokens`] and, when that
    /// differs, as whitespace-split only, since tokenisers disagree on hyphens.
    pub fn add(&mut self, entry: &str, class: u16) {
        let split = entry_tokens(entry);
        let plain: Vec<&str> = entry.split_whitespace().collect();
        self.add_tokens(&split, class & CLASS_MASK);
        if plain != split {
            self.add_tokens(&plain, class & CLASS_MASK);
        }
    }

    fn add_tokens(&mut self, toks: &[&str], class: u16) {
        if toks.is_empty() || toks.len() > MAX_TOKENS || class == 0 {
            return;
        }
        let mut h = CHAIN_SEED;
        for (i, t) in toks.iter().enumerate() {
            h = mix(h, lower_hash(t));
            let bits = if i + 1 == toks.len() { class } else { PREFIX };
            *self.map.entry(h).or_insert(0) |= bits;
        }
    }

    /// Whether a single-token entry of `class` exists for this word.
    pub fn has_word(&self, word: &str, class: u16) -> bool {
        let h = mix(CHAIN_SEED, lower_hash(word));
        self.map.get(&h).is_some_and(|v| v & class != 0)
    }

    /// The lexicon bits of a word.
    pub fn lexicon(&self, word: &str) -> u16 {
        let key = mix(LEX_SALT, lower_hash(word));
        self.map.get(&key).copied().unwrap_or(0)
    }

    /// Set lexicon bits for a word.
    pub fn add_lexicon(&mut self, word: &str, bits: u16) {
        let key = mix(LEX_SALT, lower_hash(word));
        *self.map.entry(key).or_insert(0) |=
            bits & (LEX_PROPN | LEX_SOMETIMES_PROPN | LEX_COMMON | LEX_FIRST_NAME);
    }

    /// Fill `out[i]` with the match bits of token i (see [`match_bit`]), given each token's
    /// [`lower_hash`]. Every entry matching anywhere is marked, not only the longest, so
    /// "New York City" marks both the city and "New York"'s state.
    pub fn annotate(&self, lower: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(lower.len(), 0);
        for i in 0..lower.len() {
            if let Some(&v) = self.map.get(&mix(LEX_SALT, lower[i])) {
                out[i] |= (v as u32) << LEX_SHIFT;
            }
            let mut h = CHAIN_SEED;
            for j in i..lower.len().min(i + MAX_TOKENS) {
                h = mix(h, lower[j]);
                let Some(&v) = self.map.get(&h) else { break };
                let classes = v & CLASS_MASK;
                if classes != 0 {
                    for c in 0..N_CLASSES {
                        if classes & (1 << c) == 0 {
                            continue;
                        }
                        if j == i {
                            out[i] |= match_bit(c, POS_UNIT);
                        } else {
                            out[i] |= match_bit(c, POS_BEGIN);
                            for slot in &mut out[i + 1..=j] {
                                *slot |= match_bit(c, POS_INSIDE);
                            }
                        }
                    }
                }
                if v & PREFIX == 0 {
                    break;
                }
            }
        }
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        let mut entries: Vec<(u64, u16)> = self.map.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable();
        w.write_all(MAGIC)?;
        w.write_all(&(entries.len() as u32).to_le_bytes())?;
        let mut buf = Vec::with_capacity(entries.len() * 10);
        for (k, v) in entries {
            buf.extend_from_slice(&k.to_le_bytes());
            buf.extend_from_slice(&v.to_le_bytes());
        }
        w.write_all(&buf)
    }

    pub fn read_from(r: &mut impl Read) -> io::Result<Gazetteer> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "not a dragoman gazetteer (bad magic)",
            ));
        }
        let mut n = [0u8; 4];
        r.read_exact(&mut n)?;
        let n = u32::from_le_bytes(n) as usize;
        if n > 1 << 26 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "corrupt gazetteer (absurd size)",
            ));
        }
        // Read in chunks so a corrupt count fails at the end of the data instead of
        // allocating for entries that are not there.
        let mut map = PrehashedMap::default();
        let mut chunk = vec![0u8; 10 * 4096];
        let mut left = n;
        while left > 0 {
            let take = left.min(4096);
            let bytes = &mut chunk[..take * 10];
            r.read_exact(bytes)?;
            for c in bytes.chunks_exact(10) {
                let k = u64::from_le_bytes(c[..8].try_into().expect("8 bytes"));
                let v = u16::from_le_bytes(c[8..].try_into().expect("2 bytes"));
                map.insert(k, v);
            }
            left -= take;
        }
        Ok(Gazetteer { map })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits_of(g: &Gazetteer, toks: &[&str]) -> Vec<u32> {
        let lower: Vec<u64> = toks.iter().map(|t| lower_hash(t)).collect();
        let mut out = Vec::new();
        g.annotate(&lower, &mut out);
        out
    }

    #[test]
    fn matches_multi_token_entries_case_blind() {
        let mut g = Gazetteer::default();
        g.add("New York City", CITY);
        g.add("New York", REGION);
        g.add("York", CITY);
        let b = bits_of(&g, &["in", "new", "York", "City", "today"]);
        let city = |p| match_bit(1, p);
        let region = |p| match_bit(3, p);
        assert_eq!(b[0], 0);
        assert_eq!(b[1], city(POS_BEGIN) | region(POS_BEGIN));
        assert_eq!(b[2], city(POS_INSIDE) | region(POS_INSIDE) | city(POS_UNIT));
        assert_eq!(b[3], city(POS_INSIDE));
        assert_eq!(b[4], 0);
    }

    #[test]
    fn prefixes_alone_do_not_match() {
        let mut g = Gazetteer::default();
        g.add("Bosnia-Herzegovina", COUNTRY);
        assert_eq!(bits_of(&g, &["Bosnia", "-"]), vec![0, 0]);
        let b = bits_of(&g, &["Bosnia", "-", "Herzegovina"]);
        assert_eq!(b[0], match_bit(0, POS_BEGIN));
        // The unsplit form matches a tokeniser that keeps the hyphenated word whole.
        assert_eq!(
            bits_of(&g, &["bosnia-herzegovina"])[0],
            match_bit(0, POS_UNIT)
        );
    }

    #[test]
    fn lexicon_bits_are_separate_from_entries() {
        let mut g = Gazetteer::default();
        g.add_lexicon("Paris", LEX_PROPN);
        let b = bits_of(&g, &["paris"]);
        assert_eq!(b[0], (LEX_PROPN as u32) << LEX_SHIFT);
        assert!(!g.has_word("paris", CITY));
    }

    #[test]
    fn round_trips_and_rejects_garbage() {
        let mut g = Gazetteer::default();
        g.add("Kofi Annan", PERSON);
        g.add("Ghanaian", NORP);
        let mut buf = Vec::new();
        g.write_to(&mut buf).unwrap();
        let back = Gazetteer::read_from(&mut buf.as_slice()).unwrap();
        assert_eq!(
            bits_of(&back, &["Kofi", "Annan"]),
            bits_of(&g, &["Kofi", "Annan"])
        );
        assert!(back.has_word("GHANAIAN", NORP));
        buf.truncate(buf.len() - 4);
        assert!(Gazetteer::read_from(&mut buf.as_slice()).is_err());
        assert!(Gazetteer::read_from(&mut &b"nonsense"[..]).is_err());
    }

    #[test]
    fn splits_entries_like_treebank_tokenisers() {
        assert_eq!(
            entry_tokens("Guinea-Bissau, Rep."),
            vec!["Guinea", "-", "Bissau", "Rep."]
        );
    }
}
