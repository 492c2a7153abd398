//! Discard lists (`*.discards.txt`): phrases that mark a sentence (or with `+`, the whole
//! story) as not to be coded: sports, films, historical chronologies.

use super::lines::{meaningful_lines, phrase_words, Diagnostics, Warning};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    pub words: Vec<String>,
    /// `+` prefix: drop the whole story, not only the sentence.
    pub whole_story: bool,
    /// No trailing `_`: the last word is a stem (`BASEBALL` also finds `BASEBALLS`).
    pub stem: bool,
    pub line: usize,
}

impl Discard {
    /// A year ("1967") or "YEARS AGO", "MONTHS LATER": Phoenix's way of leaving out
    /// history. A coder that dates each event by its own clause needs no such filter, and
    /// "convicted for the 1967 murder" is still today's conviction.
    pub fn is_temporal(&self) -> bool {
        let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        match self.words.as_slice() {
            [w] => year(w),
            [_, last] => matches!(last.as_str(), "AGO" | "LATER"),
            _ => false,
        }
    }
}

#[derive(Debug, Default)]
pub struct DiscardList {
    pub discards: Vec<Discard>,
}

impl DiscardList {
    pub fn parse(text: &str, file: &str) -> (DiscardList, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut discards = Vec::new();
        for line in meaningful_lines(text) {
            let t = line.text.trim();
            let (whole_story, body) = match t.strip_prefix('+') {
                Some(b) => (true, b.trim()),
                None => (false, t),
            };
            if body.contains(['[', ']']) {
                diag.warn(line.number, "discard phrases take no [code]");
                continue;
            }
            let words = phrase_words(body);
            if words.is_empty() {
                diag.warn(line.number, "discard line has no phrase");
                continue;
            }
            discards.push(Discard {
                words,
                whole_story,
                stem: !body.ends_with('_'),
                line: line.number,
            });
        }
        (DiscardList { discards }, diag.warnings)
    }

    pub fn extend(&mut self, other: DiscardList) {
        self.discards.extend(other.discards);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discards() {
        let text = "1914\n+ World Golf Championships   # pas 26-Feb-2014\nAFL GRAND FINAL   # x\nNAVY_SEAL_\n+\nBAD [X]\n";
        let (d, w) = DiscardList::parse(text, "d");
        assert_eq!(w.iter().map(|w| w.line).collect::<Vec<_>>(), [5, 6]);
        assert_eq!(d.discards.len(), 4);
        assert_eq!(d.discards[1].words, ["WORLD", "GOLF", "CHAMPIONSHIPS"]);
        assert!(d.discards[1].whole_story && !d.discards[2].whole_story);
        assert!(d.discards[2].stem && !d.discards[3].stem);
        assert!(d.discards[0].is_temporal() && !d.discards[2].is_temporal());
        let (d, _) = DiscardList::parse("YEARS AGO\n2014 COMPETITION\nCHAMPION\n", "d");
        let temporal: Vec<bool> = d.discards.iter().map(Discard::is_temporal).collect();
        assert_eq!(temporal, [true, false, false]);
    }
}
