//! What every dictionary format shares: numbered lines with comments removed, and
//! diagnostics that name FILE:LINE so a user can fix an overlay file.

use std::fmt;

/// A line the parser could not use, or used only in part. Loading goes on past these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Collects warnings for one file.
pub struct Diagnostics<'a> {
    pub file: &'a str,
    pub warnings: Vec<Warning>,
}

impl<'a> Diagnostics<'a> {
    pub fn new(file: &'a str) -> Self {
        Diagnostics {
            file,
            warnings: Vec::new(),
        }
    }

    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            file: self.file.to_string(),
            line,
            message: message.into(),
        });
    }
}

/// One non-empty line after comments are stripped: `number` is 1-based, `raw` keeps the
/// leading whitespace (actor date restrictions are recognised by it) and `comment` is the
/// text after `#` (verb patterns keep it as a note).
pub struct Line<'t> {
    pub number: usize,
    pub text: &'t str,
    pub comment: &'t str,
}

/// The meaningful lines of a dictionary text. `#` starts a comment anywhere on a line;
/// `<!-- ... -->` lines (the PETRARCH validation files) and `//` lines (the CAMEO code
/// file) are whole-line comments. Blank lines are skipped.
pub fn meaningful_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim_start();
        if trimmed.starts_with("<!--") || trimmed.starts_with("//") {
            return None;
        }
        let (body, comment) = match comment_start(raw) {
            Some(k) => (&raw[..k], raw[k + 1..].trim()),
            None => (raw, ""),
        };
        if body.trim().is_empty() {
            return None;
        }
        Some(Line {
            number: i + 1,
            text: body.trim_end(),
            comment,
        })
    })
}

/// Where a `#` comment starts: a `#` outside `[...]` (TABARI's discard code is `[###]`).
fn comment_start(raw: &str) -> Option<usize> {
    let mut in_code = false;
    for (i, c) in raw.char_indices() {
        match c {
            '[' => in_code = true,
            ']' => in_code = false,
            '#' if !in_code => return Some(i),
            _ => {}
        }
    }
    None
}

/// The text inside the first `[...]` of `s`, and what precedes and follows it. A `}` closing
/// the bracket (`[~ENV}`, a typo found in the shipped agents file) is accepted.
pub fn bracketed(s: &str) -> Option<(&str, &str, &str)> {
    let open = s.find('[')?;
    let rest = &s[open + 1..];
    let close = rest.find([']', '}'])?;
    Some((&s[..open], &rest[..close], &rest[close + 1..]))
}

/// Splits a dictionary phrase into upper-case words: `_` and blanks both separate words.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_xml_comments_are_skipped() {
        let text =
            "# head\n\nAB [X] # note\r\n<!-- c -->\n// x\n   \n\tCD\n- * X [###] # discard\n";
        let lines: Vec<_> = meaningful_lines(text).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            (lines[2].text, lines[2].comment),
            ("- * X [###]", "discard")
        );
        assert_eq!(
            (lines[0].number, lines[0].text, lines[0].comment),
            (3, "AB [X]", "note")
        );
        assert_eq!((lines[1].number, lines[1].text), (7, "\tCD"));
    }

    #[test]
    fn brackets_and_words() {
        assert_eq!(bracketed("A_B [~GOV] x"), Some(("A_B ", "~GOV", " x")));
        assert_eq!(bracketed("A [~ENV}"), Some(("A ", "~ENV", "")));
        assert_eq!(bracketed("A [~ENV"), None);
        assert_eq!(phrase_words("Mr._obama_  x"), ["MR.", "OBAMA", "X"]);
    }
}
