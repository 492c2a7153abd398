//! Phrase lookup over tokens: a trie whose edges live in one hash map keyed by
//! (node, word id), so a sentence is encoded to word ids once and every dictionary walks it
//! with integer lookups only.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher: the keys are our own word ids and dictionary words, so
/// the DoS resistance of the default SipHash buys nothing and costs most of a lookup.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64)
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64)
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64)
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Id of a sentence word that no dictionary contains.
pub const UNKNOWN: u32 = u32::MAX;
const NONE: u32 = u32::MAX;

/// Shortest stem matched as a prefix; shorter stems (`US`, `UN`) match whole words only,
/// or they would swallow every word that begins with them.
pub const MIN_STEM_CHARS: usize = 4;

/// Upper-cases a word the way PETRARCH compares words, folds typographic apostrophes and
/// drops a possessive ending (`OBAMA'S`, `STATES'` -> `OBAMA`, `STATES`). A detached
/// possessive token stays `'S`; the trie steps over it inside a phrase.
pub fn normalize_word(w: &str) -> String {
    // Most words are ASCII: upper-case them bytewise, the same as char by char.
    let mut s: String = if w.is_ascii() {
        let mut s = w.to_ascii_uppercase();
        if s.contains('`') {
            s = s.replace('`', "'");
        }
        s
    } else {
        w.chars()
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '`' => '\'',
                c => c,
            })
            .flat_map(char::to_uppercase)
            .collect()
    };
    if s.len() > 2 && s.ends_with("'S") {
        s.truncate(s.len() - 2);
    } else if s.len() > 1 && s.ends_with('\'') && !s.starts_with('\'') {
        s.truncate(s.len() - 1);
    }
    s
}

/// Dictionary words as sentence tokens will look: normalised, with brackets and quotes
/// split off (`AMERICA_(UNITED_STATES)_` is `AMERICA ( UNITED STATES )`).
pub fn dictionary_tokens(words: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let mut core = w.as_str();
        let mut tail = Vec::new();
        while let Some(c) = core.chars().next().filter(|c| matches!(c, '(' | '"')) {
            out.push(c.to_string());
            core = &core[1..];
        }
        while let Some(c) = core.chars().last().filter(|c| matches!(c, ')' | '"')) {
            tail.push(c.to_string());
            core = &core[..core.len() - 1];
        }
        if !core.is_empty() {
            out.push(normalize_word(core));
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

/// The words of every dictionary, numbered.
#[derive(Default, Debug)]
pub struct Vocab {
    ids: FastMap<Box<str>, u32>,
}

impl Vocab {
    pub fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(w.into(), id);
        id
    }

    pub fn get(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(UNKNOWN)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Normalises and numbers a sentence's tokens for the tries built on this vocabulary.
    pub fn encode<S: AsRef<str>>(&self, tokens: &[S]) -> Encoded {
        let words: Vec<String> = tokens.iter().map(|t| normalize_word(t.as_ref())).collect();
        let ids = words.iter().map(|w| self.get(w)).collect();
        Encoded { words, ids }
    }
}

/// A sentence ready for lookup: one normalised word and one id per input token.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub words: Vec<String>,
    pub ids: Vec<u32>,
}

/// A phrase found in a sentence: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a, V> {
    pub start: usize,
    pub end: usize,
    pub value: &'a V,
}

type StemKey = (u32, [u8; 16]);

/// Key of the stems at `node` that begin like `word`: the node and the word's first
/// [`MIN_STEM_CHARS`] characters (at most 16 bytes of UTF-8). `None` for shorter words.
fn stem_key(node: u32, word: &str) -> Option<StemKey> {
    let (end, c) = word.char_indices().nth(MIN_STEM_CHARS - 1)?;
    let head = &word.as_bytes()[..end + c.len_utf8()];
    let mut key = [0u8; 16];
    key[..head.len()].copy_from_slice(head);
    Some((node, key))
}

#[derive(Debug)]
pub struct TokenTrie<V> {
    edges: FastMap<u64, u32>,
    node_value: Vec<u32>,
    /// Stems by (node, their first [`MIN_STEM_CHARS`] characters): a word looks up only
    /// the stems it could extend, not every stem at the node.
    stems: FastMap<StemKey, Vec<(Box<str>, u32)>>,
    values: Vec<V>,
    possessive: u32,
    phrases: usize,
}

impl<V> TokenTrie<V> {
    pub fn new(vocab: &mut Vocab) -> Self {
        TokenTrie {
            edges: FastMap::default(),
            node_value: vec![NONE],
            stems: FastMap::default(),
            values: Vec::new(),
            possessive: vocab.intern("'S"),
            phrases: 0,
        }
    }

    /// Phrases stored (duplicates not counted).
    pub fn len(&self) -> usize {
        self.phrases
    }

    pub fn is_empty(&self) -> bool {
        self.phrases == 0
    }

    fn child(&mut self, node: u32, word: u32) -> u32 {
        let key = ((node as u64) << 32) | word as u64;
        if let Some(&c) = self.edges.get(&key) {
            return c;
        }
        let c = self.node_value.len() as u32;
        self.node_value.push(NONE);
        self.edges.insert(key, c);
        c
    }

    /// Adds a phrase of normalised tokens; with `stem` its last word also matches longer
    /// words it begins (see [`MIN_STEM_CHARS`]). Returns false, keeping the first value,
    /// when the phrase is already there.
    pub fn insert(&mut self, vocab: &mut Vocab, tokens: &[String], stem: bool, value: V) -> bool {
        let Some((last, init)) = tokens.split_last() else {
            return false;
        };
        let mut node = 0;
        for w in init {
            node = self.child(node, vocab.intern(w));
        }
        let vi = self.values.len() as u32;
        if stem && last.chars().count() >= MIN_STEM_CHARS {
            let Some(key) = stem_key(node, last) else {
                return false;
            };
            let list = self.stems.entry(key).or_default();
            if list.iter().any(|(s, _)| **s == **last) {
                return false;
            }
            list.push((last.as_str().into(), vi));
        } else {
            node = self.child(node, vocab.intern(last));
            if self.node_value[node as usize] != NONE {
                return false;
            }
            self.node_value[node as usize] = vi;
        }
        self.values.push(value);
        self.phrases += 1;
        true
    }

    /// The longest phrase starting at token `start`; an exact phrase beats a stem of the
    /// same length. A detached `'S` inside a phrase is stepped over (`PEOPLE 'S ARMY` finds
    /// `PEOPLE'S_ARMY`).
    pub fn longest_at(&self, s: &Encoded, start: usize) -> Option<Found<'_, V>> {
        let mut best: Option<(usize, u32)> = None;
        let mut node = 0u32;
        let mut i = start;
        while i < s.ids.len() {
            if i > start && s.ids[i] == self.possessive && i + 1 < s.ids.len() {
                i += 1;
                continue;
            }
            let word = &s.words[i];
            if let Some(list) = stem_key(node, word).and_then(|k| self.stems.get(&k)) {
                for (stem, v) in list {
                    if word.starts_with(&**stem) && best.is_none_or(|(e, _)| i + 1 > e) {
                        best = Some((i + 1, *v));
                    }
                }
            }
            if s.ids[i] == UNKNOWN {
                break;
            }
            let key = ((node as u64) << 32) | s.ids[i] as u64;
            let Some(&next) = self.edges.get(&key) else {
                break;
            };
            node = next;
            i += 1;
            let v = self.node_value[node as usize];
            if v != NONE {
                best = Some((i, v));
            }
        }
        best.map(|(end, v)| Found {
            start,
            end,
            value: &self.values[v as usize],
        })
    }

    /// Leftmost-longest phrases that do not overlap, left to right.
    pub fn find_all(&self, s: &Encoded) -> Vec<Found<'_, V>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.ids.len() {
            match self.longest_at(s, i) {
                Some(f) => {
                    i = f.end;
                    out.push(f);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize_word("Obama\u{2019}s"), "OBAMA");
        assert_eq!(normalize_word("States'"), "STATES");
        assert_eq!(normalize_word("'s"), "'S");
        assert_eq!(normalize_word("pa'anga"), "PA'ANGA");
        assert_eq!(
            dictionary_tokens(&words("AMERICA (UNITED STATES)")),
            words("AMERICA ( UNITED STATES )")
        );
    }

    #[test]
    fn longest_match_exact_and_stem() {
        let mut v = Vocab::default();
        let mut t = TokenTrie::new(&mut v);
        assert!(t.insert(&mut v, &words("UNITED STATES"), false, 1));
        assert!(t.insert(&mut v, &words("UNITED STATES SENATE"), false, 2));
        assert!(
            !t.insert(&mut v, &words("UNITED STATES"), false, 9),
            "first value kept"
        );
        assert!(t.insert(&mut v, &words("ARGENTIN"), true, 3));
        assert!(t.insert(&mut v, &words("US"), true, 4));
        assert!(t.insert(&mut v, &words("PEOPLE LIBERATION ARMY"), false, 5));
        let s = v.encode(&[
            "The",
            "United",
            "States",
            "Senate",
            "and",
            "Argentina",
            "'s",
            "USSR",
        ]);
        let f = t.longest_at(&s, 1).unwrap();
        assert_eq!((f.end, *f.value), (4, 2));
        let s2 = v.encode(&["United", "States", "senator"]);
        assert_eq!(*t.longest_at(&s2, 0).unwrap().value, 1);
        assert_eq!(t.longest_at(&s2, 1), None);
        let all: Vec<_> = t
            .find_all(&s)
            .iter()
            .map(|f| (f.start, f.end, *f.value))
            .collect();
        assert_eq!(all, [(1, 4, 2), (5, 6, 3)], "USSR is not the short stem US");
        let s3 = v.encode(&["People", "'s", "Liberation", "Army", "'s"]);
        let f = t.longest_at(&s3, 0).unwrap();
        assert_eq!((f.end, *f.value), (4, 5));
        assert!(t.longest_at(&v.encode::<&str>(&[]), 0).is_none());
        assert_eq!(t.len(), 5);
    }
}
