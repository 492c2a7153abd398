//! Ambiguity classes: the UPOS tags each word form took in the training data. With predicted
//! tags at run time, knowing that a word *can* be a VERB or an AUX lets the parser second-guess
//! a wrong tag.

use super::features::word_hash;
use crate::doc::Doc;
use crate::model::hash::PrehashedMap;
use std::io::{self, Read, Write};

/// Forms seen fewer times are left out: their classes say little and bloat the model.
const MIN_COUNT: u32 = 2;
/// A tag joins a word's class when it covers at least this share of the word's uses.
const MIN_SHARE: f64 = 0.05;

#[derive(Default, Clone)]
pub struct Lexicon {
    /// Word hash (as [`word_hash`] makes it) → bit set of UPOS indices.
    map: PrehashedMap<u32>,
}

impl Lexicon {
    /// Build from the tags on `docs` (use gold tags).
    pub fn build(docs: &[Doc]) -> Lexicon {
        let mut counts: PrehashedMap<[u32; 17]> = PrehashedMap::default();
        let mut scratch = String::new();
        for t in docs.iter().flat_map(|d| d.tokens.iter()) {
            let row = counts.entry(word_hash(&t.form, &mut scratch)).or_default();
            row[t.upos.index().min(16)] += 1;
        }
        let mut map = PrehashedMap::default();
        for (w, row) in counts {
            let total: u32 = row.iter().sum();
            if total < MIN_COUNT {
                continue;
            }
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, &c)| c as f64 >= MIN_SHARE * total as f64)
                .fold(0u32, |m, (i, _)| m | 1 << i);
            map.insert(w, mask);
        }
        Lexicon { map }
    }

    /// The class of a word hash; 0 for words not in the lexicon.
    #[inline]
    pub fn class(&self, w: u64) -> u32 {
        self.map.get(&w).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// `count: u32`, then `count` × (`word: u64`, `mask: u32`), sorted by word.
    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        let mut items: Vec<(u64, u32)> = self.map.iter().map(|(&k, &m)| (k, m)).collect();
        items.sort_unstable();
        let mut buf = Vec::with_capacity(4 + items.len() * 12);
        buf.extend_from_slice(&(items.len() as u32).to_le_bytes());
        for (k, m) in items {
            buf.extend_from_slice(&k.to_le_bytes());
            buf.extend_from_slice(&m.to_le_bytes());
        }
        w.write_all(&buf)
    }

    pub fn read_from(r: &mut impl Read) -> io::Result<Lexicon> {
        let mut b4 = [0u8; 4];
        r.read_exact(&mut b4)?;
        let n = u32::from_le_bytes(b4) as usize;
        if n > 1 << 24 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "corrupt parser model: absurd lexicon size",
            ));
        }
        let mut bytes = vec![0u8; n * 12];
        r.read_exact(&mut bytes)?;
        let mut map = PrehashedMap::default();
        map.reserve(n);
        for c in bytes.chunks_exact(12) {
            let k = u64::from_le_bytes(c[..8].try_into().expect("8 bytes"));
            let m = u32::from_le_bytes(c[8..].try_into().expect("4 bytes"));
            map.insert(k, m);
        }
        Ok(Lexicon { map })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocMeta, Upos};

    #[test]
    fn classes_collect_frequent_tags_and_round_trip() {
        let words = ["run", "run", "run", "Run", "rare"];
        let sent: Vec<(String, bool)> = words.iter().map(|w| (w.to_string(), true)).collect();
        let mut doc = Doc::from_tokens(DocMeta::default(), &[sent]);
        let tags = [Upos::Verb, Upos::Verb, Upos::Noun, Upos::Verb, Upos::Noun];
        for (t, u) in doc.tokens.iter_mut().zip(tags) {
            t.upos = u;
        }
        let lex = Lexicon::build(&[doc]);
        let mut s = String::new();
        let run = lex.class(word_hash("RUN", &mut s));
        assert_eq!(run, 1 << Upos::Verb.index() | 1 << Upos::Noun.index());
        assert_eq!(lex.class(word_hash("rare", &mut s)), 0);
        let mut buf = Vec::new();
        lex.write_to(&mut buf).unwrap();
        let back = Lexicon::read_from(&mut buf.as_slice()).unwrap();
        assert_eq!(back.class(word_hash("run", &mut s)), run);
        assert!(Lexicon::read_from(&mut &buf[..buf.len() - 1]).is_err());
    }
}
