//! A hand-written scanner that cuts news text into UD English EWT tokens.
//!
//! EWT conventions followed here: clitics are their own tokens ("do" "n't", "it" "'s"), as is
//! the bare possessive apostrophe after s; punctuation splits off; hyphens split words except
//! after a few prefixes ("e-mail", "non-stop") and inside phone numbers and dates; numbers keep
//! their "," "." ":" ("15,000", "3.5", "10:30"); abbreviations keep their period ("U.S.", "Dr.").
//! The scanner looks at most a few characters ahead, so it is linear in the text length.

use super::abbrev::{self, AbbrevClass};

/// What a token is, as far as sentence splitting cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// A word with its period kept ("U.S.", "Dr.", "J.").
    Abbrev(AbbrevClass),
    /// ".", "!", "?", or a run of them ("?!").
    Stop,
    /// "..." or "…".
    Ellipsis,
    OpenQuote,
    CloseQuote,
    /// A straight or otherwise ambiguous quote: `"`, `'`, `’` standing alone.
    Quote,
    OpenBracket,
    CloseBracket,
    /// A clitic split off a word: "n't", "'s", "'re", the possessive "'", the "not" of
    /// "cannot". EWT writes the word and its clitics as one multiword token.
    Clitic,
    /// URLs and e-mail addresses.
    Url,
    /// ":)", ":-(", ";)" and the like.
    Emoticon,
    /// Dashes, symbols, other punctuation.
    Other,
}

/// One token as the scanner found it: a byte span of the text plus what preceded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Line breaks in the whitespace before this token, capped at 2 (2 = paragraph break).
    pub newlines_before: u8,
    /// Whether whitespace (or the start of the text) precedes this token.
    pub space_before: bool,
}

/// Characters that separate tokens and never belong to one.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Combining marks and Indic vowel signs that are not alphanumeric but belong to a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06ED
        | 0x0900..=0x0963
        | 0x0966..=0x0DFF
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F)
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_mark(c))
}

/// The char starting at byte `i`, if any (`i` must be a char boundary or the end).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// End of the run of word characters starting at `i`.
fn word_run_end(text: &str, i: usize) -> usize {
    let mut j = i;
    for c in text[i..].chars() {
        if !is_word_char(c) {
            break;
        }
        j += c.len_utf8();
    }
    j
}

fn all_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn starts_with_ignore_case(text: &str, i: usize, prefix: &str) -> bool {
    text.as_bytes()
        .get(i..i + prefix.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Tokenize the whole text, appending to `out`.
pub fn tokenize(text: &str, out: &mut Vec<Piece>) {
    let mut p = 0;
    let mut newlines: u8 = 0;
    let mut space = true;
    let mut last_was_cr = false;
    while p < text.len() {
        let Some(c) = char_at(text, p) else { break };
        if is_separator(c) {
            // "\r\n" is one line break; a lone "\r" is one too.
            let is_break = (c == '\n' && !last_was_cr) || c == '\r' || c == '\u{2028}';
            if is_break {
                newlines = newlines.saturating_add(1).min(2);
            } else if c == '\u{2029}' {
                newlines = 2;
            }
            last_was_cr = c == '\r';
            space = true;
            p += c.len_utf8();
            continue;
        }
        last_was_cr = false;
        let first = out.len();
        let next = scan_token(text, p, c, out);
        // Guarantee progress whatever the scanner did.
        p = if next > p { next } else { p + c.len_utf8() };
        if let Some(t) = out.get_mut(first) {
            t.newlines_before = newlines;
            t.space_before = space;
        }
        newlines = 0;
        space = false;
    }
}

fn push(out: &mut Vec<Piece>, start: usize, end: usize, kind: Kind) {
    if end > start {
        out.push(Piece {
            start,
            end,
            kind,
            newlines_before: 0,
            space_before: false,
        });
    }
}

/// End of a run of `c` starting at `i`.
fn run_of(text: &str, i: usize, c: char) -> usize {
    let mut j = i;
    for d in text[i..].chars() {
        if d != c {
            break;
        }
        j += d.len_utf8();
    }
    j
}

/// Scan one token (or a word with its clitics) at `p`, whose first char is `c`; returns the end.
fn scan_token(text: &str, p: usize, c: char, out: &mut Vec<Piece>) -> usize {
    if matches!(c, 'h' | 'H' | 'w' | 'W' | 'f' | 'F')
        && (starts_with_ignore_case(text, p, "http://")
            || starts_with_ignore_case(text, p, "https://")
            || starts_with_ignore_case(text, p, "www.")
            || starts_with_ignore_case(text, p, "ftp://"))
    {
        return scan_url(text, p, out);
    }
    if is_word_char(c) {
        return scan_word(text, p, out);
    }
    if matches!(c, ':' | ';') {
        let e = emoticon_end(text, p);
        if e > p {
            push(out, p, e, Kind::Emoticon);
            return e;
        }
    }
    let n = p + c.len_utf8();
    let (end, kind) = match c {
        '.' => {
            let e = run_of(text, p, '.');
            (
                e,
                if e - p == 1 {
                    Kind::Stop
                } else {
                    Kind::Ellipsis
                },
            )
        }
        '…' => (run_of(text, p, '…'), Kind::Ellipsis),
        '!' | '?' => {
            let mut e = p;
            for d in text[p..].chars() {
                if d != '!' && d != '?' {
                    break;
                }
                e += 1;
            }
            (e, Kind::Stop)
        }
        // Rules and arrows ("==----", "<<", "-->") are one token, as EWT has them.
        '-' | '=' | '*' | '~' | '_' | '<' | '>' => {
            let mut e = p;
            for d in text[p..].bytes() {
                if !matches!(d, b'-' | b'=' | b'*' | b'~' | b'_' | b'<' | b'>') {
                    break;
                }
                e += 1;
            }
            (e, Kind::Other)
        }
        '—' | '–' | '―' | '+' | '$' => (run_of(text, p, c), Kind::Other),
        '"' => (n, Kind::Quote),
        '“' | '„' | '«' | '‹' | '‘' => (n, Kind::OpenQuote),
        '”' | '»' | '›' => (n, Kind::CloseQuote),
        '\'' | '’' | '`' => {
            // "'90s", "'67": a year with its apostrophe is one token in EWT.
            let digits_end = run_of_ascii_digits(text, n);
            if digits_end - n == 2 && !char_at(text, digits_end).is_some_and(is_word_char)
                || digits_end - n == 2 && text[digits_end..].starts_with('s') && {
                    let after = digits_end + 1;
                    !char_at(text, after).is_some_and(is_word_char)
                }
            {
                let e = if text[digits_end..].starts_with('s') {
                    digits_end + 1
                } else {
                    digits_end
                };
                (e, Kind::Number)
            } else if (c == '`' || c == '\'') && text[n..].starts_with(c) {
                (n + 1, Kind::Quote)
            } else {
                (n, Kind::Quote)
            }
        }
        '(' | '[' | '{' => (n, Kind::OpenBracket),
        ')' | ']' | '}' => (n, Kind::CloseBracket),
        '@' | '#' if char_at(text, n).is_some_and(|d| is_word_char(d) || d == '_') => {
            let mut e = n;
            for d in text[n..].chars() {
                if !(is_word_char(d) || d == '_') {
                    break;
                }
                e += d.len_utf8();
            }
            (e, Kind::Word)
        }
        _ => (n, Kind::Other),
    };
    push(out, p, end, kind);
    end
}

/// End of an emoticon at `p` (":)", ":-)", ";(", ":D", ":P"), or `p` if there is none.
fn emoticon_end(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let mut i = p + 1;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let end = i + 1;
    match b.get(i) {
        Some(b')' | b'(') => end,
        // ":D", ":P" only as a word of their own, not "Note:Delete".
        Some(b'D' | b'P' | b'p') => {
            let alone_before = p == 0 || b[p - 1].is_ascii_whitespace();
            let alone_after = !b.get(end).is_some_and(|x| x.is_ascii_alphanumeric());
            if alone_before && alone_after {
                end
            } else {
                p
            }
        }
        _ => p,
    }
}

fn run_of_ascii_digits(text: &str, i: usize) -> usize {
    i + text.as_bytes()[i.min(text.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// A URL runs to the next separator or quote, minus trailing punctuation.
fn scan_url(text: &str, p: usize, out: &mut Vec<Piece>) -> usize {
    let mut e = p;
    let mut has_open_paren = false;
    for c in text[p..].chars() {
        if is_separator(c) || matches!(c, '"' | '“' | '”' | '<' | '>' | '«' | '»') {
            break;
        }
        has_open_paren |= c == '(';
        e += c.len_utf8();
    }
    while let Some(c) = text[p..e].chars().next_back() {
        let strip = matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | ']' | '}'
        ) || (c == ')' && !has_open_paren);
        if !strip {
            break;
        }
        e -= c.len_utf8();
    }
    push(out, p, e, Kind::Url);
    e
}

/// An e-mail address from the start of its word: word chars, ".", "-", "_", "+", "@".
fn scan_email(text: &str, ws: usize, out: &mut Vec<Piece>) -> usize {
    let mut e = ws;
    for c in text[ws..].chars() {
        if !(is_word_char(c) || matches!(c, '.' | '-' | '_' | '+' | '@')) {
            break;
        }
        e += c.len_utf8();
    }
    while text[ws..e].ends_with(['.', '-']) {
        e -= 1;
    }
    push(out, ws, e, Kind::Url);
    e
}

/// Clitics after an apostrophe, lower-cased ("n't" is handled apart).
fn is_clitic_tail(s: &str) -> bool {
    s.len() <= 2
        && ["s", "re", "m", "ll", "ve", "d"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(s))
}

/// Scan a word starting at `ws` with its internal connectors, then split off clitics.
fn scan_word(text: &str, ws: usize, out: &mut Vec<Piece>) -> usize {
    let mut q = ws;
    let mut seg_start = ws;
    let mut has_dot = false;
    loop {
        q = word_run_end(text, q);
        let Some(c) = char_at(text, q) else { break };
        let n = q + c.len_utf8();
        let next = char_at(text, n);
        let next_is_word = next.is_some_and(is_word_char);
        let seg = &text[seg_start..q];
        let go_on = match c {
            // "U.S", "a.m", "3.5", "example.com"
            '.' => {
                has_dot |= next_is_word;
                next_is_word
            }
            // "15,000", "1,000.50": a comma followed by exactly three digits.
            ',' => {
                let d = run_of_ascii_digits(text, n);
                all_ascii_digits(seg)
                    && d - n == 3
                    && !char_at(text, d).is_some_and(|x| x.is_alphabetic())
            }
            // "10:30"
            ':' => all_ascii_digits(seg) && next.is_some_and(|x| x.is_ascii_digit()),
            '-' => {
                if !next_is_word {
                    false
                } else if seg_start == ws && abbrev::is_hyphen_prefix(seg) {
                    true
                } else if seg_start == ws && all_ascii_digits(seg) {
                    // Phone numbers and dates stay whole; ranges ("1969-1970") split.
                    let (groups, end) = digit_groups(text, ws);
                    if groups >= 3 || (groups == 2 && end - ws == 8 && seg.len() == 3) {
                        q = end;
                        seg_start = end;
                        continue;
                    }
                    false
                } else {
                    false
                }
            }
            '\'' | '’' | '`' => {
                let tail_end = word_run_end(text, n);
                let tail = &text[n..tail_end];
                // "the 70's" is one token in EWT.
                let decade = tail.eq_ignore_ascii_case("s") && all_ascii_digits(seg);
                if is_clitic_tail(tail) && !decade {
                    finish_word(text, ws, q, false, out);
                    push(out, q, tail_end, Kind::Clitic);
                    return tail_end;
                }
                if tail.eq_ignore_ascii_case("t")
                    && q > ws + 1
                    && matches!(text.as_bytes()[q - 1], b'n' | b'N')
                {
                    finish_word(text, ws, q - 1, false, out);
                    push(out, q - 1, tail_end, Kind::Clitic);
                    return tail_end;
                }
                if tail.is_empty() {
                    if matches!(text.as_bytes()[q - 1], b's' | b'S') {
                        finish_word(text, ws, q, false, out);
                        push(out, q, n, Kind::Clitic);
                        return n;
                    }
                    false
                } else {
                    // "O'Brien", "rock'n'roll", "70's"
                    true
                }
            }
            // "AT&T", "PG&E"
            '&' => next_is_word,
            // "9/11", "04/30/2001", "b/c", "w/o"; "and/or" splits.
            '/' => {
                let tail_end = word_run_end(text, n);
                (all_ascii_digits(seg) && all_ascii_digits(&text[n..tail_end]))
                    || (seg.chars().count() == 1 && text[n..tail_end].chars().count() == 1)
            }
            '_' => next_is_word,
            '@' if next_is_word => return scan_email(text, ws, out),
            _ => false,
        };
        if !go_on {
            break;
        }
        q = n;
        seg_start = n;
    }
    finish_word(text, ws, q, has_dot, out)
}

/// Count hyphen-separated digit groups from `ws`: ("713-853-3989" → 3) and where they end.
fn digit_groups(text: &str, ws: usize) -> (usize, usize) {
    let mut groups = 0;
    let mut i = ws;
    loop {
        let d = run_of_ascii_digits(text, i);
        if d == i || char_at(text, d).is_some_and(|c| c.is_alphabetic()) && groups > 0 {
            break;
        }
        groups += 1;
        i = d;
        if text.as_bytes().get(i) == Some(&b'-')
            && text
                .as_bytes()
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_digit())
        {
            i += 1;
        } else {
            break;
        }
    }
    (groups, i)
}

/// The class of `word` when it is followed by a period it should keep.
fn abbreviation_class(text: &str, word: &str, dot: usize, has_dot: bool) -> Option<AbbrevClass> {
    if has_dot {
        return abbrev::dotted_class(word);
    }
    if word == "No" {
        // "No. 5" but "the answer was No."
        let rest = text[dot + 1..].trim_start();
        return rest
            .starts_with(|c: char| c.is_ascii_digit())
            .then_some(AbbrevClass::NeverEnds);
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Initials: "J. R. R. Tolkien", "Donald J. Trump".
        if c.is_uppercase() {
            return Some(AbbrevClass::CanEnd);
        }
    }
    abbrev::lookup(word)
}

/// Split words EWT treats as two: "cannot", "gonna", "dont".
fn fused_split(word: &str) -> Option<usize> {
    if word.len() < 4 || word.len() > 8 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    for (b, c) in buf.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    match lower {
        b"cannot" | b"gonna" | b"gotta" | b"wanna" => Some(3),
        b"dont" | b"didnt" | b"doesnt" | b"isnt" | b"wasnt" | b"arent" | b"werent" | b"cant"
        | b"couldnt" | b"wouldnt" | b"shouldnt" | b"havent" | b"hasnt" | b"hadnt" | b"aint" => {
            Some(word.len() - 2)
        }
        _ => None,
    }
}

/// Push the word `[ws, q)` (keeping a following abbreviation period); returns where it ends.
fn finish_word(text: &str, ws: usize, q: usize, has_dot: bool, out: &mut Vec<Piece>) -> usize {
    if q <= ws {
        return q;
    }
    let word = &text[ws..q];
    let bytes = text.as_bytes();
    if bytes.get(q) == Some(&b'.') && bytes.get(q + 1) != Some(&b'.') {
        if let Some(class) = abbreviation_class(text, word, q, has_dot) {
            push(out, ws, q + 1, Kind::Abbrev(class));
            return q + 1;
        }
    }
    let first_digit = word.as_bytes()[0].is_ascii_digit();
    if first_digit && word.len() > 2 {
        // "5pm" → "5" "pm", as EWT has it.
        let (num, suffix) = word.split_at(word.len() - 2);
        let is_ampm = suffix.eq_ignore_ascii_case("am") || suffix.eq_ignore_ascii_case("pm");
        if is_ampm
            && num
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        {
            push(out, ws, q - 2, Kind::Number);
            push(out, q - 2, q, Kind::Word);
            return q;
        }
    }
    if let Some(cut) = fused_split(word) {
        push(out, ws, ws + cut, Kind::Word);
        push(out, ws + cut, q, Kind::Clitic);
        return q;
    }
    let kind = if first_digit {
        Kind::Number
    } else {
        Kind::Word
    };
    push(out, ws, q, kind);
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn clitics_split_as_ewt() {
        assert_eq!(forms("don't"), ["do", "n't"]);
        assert_eq!(forms("can't"), ["ca", "n't"]);
        assert_eq!(forms("won't"), ["wo", "n't"]);
        assert_eq!(forms("it's"), ["it", "'s"]);
        assert_eq!(
            forms("They're I'm we'll I've she'd"),
            ["They", "'re", "I", "'m", "we", "'ll", "I", "'ve", "she", "'d"]
        );
        assert_eq!(forms("Russia's"), ["Russia", "'s"]);
        assert_eq!(forms("this week’s talks"), ["this", "week", "’s", "talks"]);
        assert_eq!(
            forms("the countries' leaders"),
            ["the", "countries", "'", "leaders"]
        );
        assert_eq!(forms("DON'T"), ["DO", "N'T"]);
        assert_eq!(forms("O'Brien's"), ["O'Brien", "'s"]);
        assert_eq!(forms("cannot gonna"), ["can", "not", "gon", "na"]);
    }

    #[test]
    fn hyphens_follow_ewt() {
        assert_eq!(forms("search-engine"), ["search", "-", "engine"]);
        assert_eq!(forms("Russia-US"), ["Russia", "-", "US"]);
        assert_eq!(forms("U.S.-Russia"), ["U.S.", "-", "Russia"]);
        assert_eq!(
            forms("e-mail non-stop anti-war"),
            ["e-mail", "non-stop", "anti-war"]
        );
        assert_eq!(forms("al-Qaeda"), ["al", "-", "Qaeda"]);
        assert_eq!(forms("1969-1970"), ["1969", "-", "1970"]);
        assert_eq!(forms("713-853-3989 345-9945"), ["713-853-3989", "345-9945"]);
        assert_eq!(forms("2025-04-10"), ["2025-04-10"]);
        assert_eq!(forms("self-defense"), ["self", "-", "defense"]);
    }

    #[test]
    fn numbers_money_times() {
        assert_eq!(forms("$5"), ["$", "5"]);
        assert_eq!(forms("15,000 3.5 1,000.50"), ["15,000", "3.5", "1,000.50"]);
        assert_eq!(forms("12%"), ["12", "%"]);
        assert_eq!(forms("10:30 9 a.m."), ["10:30", "9", "a.m."]);
        assert_eq!(
            forms("5pm 10:30am 9.30PM"),
            ["5", "pm", "10:30", "am", "9.30", "PM"]
        );
        assert_eq!(forms("9/11 04/30/2001"), ["9/11", "04/30/2001"]);
        assert_eq!(forms("1, 2,3"), ["1", ",", "2", ",", "3"]);
        assert_eq!(
            forms("the '90s and 1970's"),
            ["the", "'90s", "and", "1970's"]
        );
        assert_eq!(
            forms("$$$ <<File>> ==---- -->"),
            ["$$$", "<<", "File", ">>", "==----", "-->"]
        );
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            forms("“Hi,” he said."),
            ["“", "Hi", ",", "”", "he", "said", "."]
        );
        assert_eq!(forms("\"No!\""), ["\"", "No", "!", "\""]);
        assert_eq!(forms("wait... what?!"), ["wait", "...", "what", "?!"]);
        assert_eq!(
            forms("war—and peace -- end…"),
            ["war", "—", "and", "peace", "--", "end", "…"]
        );
        assert_eq!(forms("(MENAFN)"), ["(", "MENAFN", ")"]);
        assert_eq!(forms("and/or"), ["and", "/", "or"]);
        assert_eq!(forms("'Ukraine'"), ["'", "Ukraine", "'"]);
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            forms("Dr. Gen. Feb. Inc. Jr. St. Mt."),
            ["Dr.", "Gen.", "Feb.", "Inc.", "Jr.", "St.", "Mt."]
        );
        assert_eq!(forms("No. 5"), ["No.", "5"]);
        assert_eq!(forms("said No."), ["said", "No", "."]);
        assert_eq!(forms("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
        assert_eq!(forms("Donald J. Trump"), ["Donald", "J.", "Trump"]);
        assert_eq!(
            forms("the U.S. e.g. Ph.D."),
            ["the", "U.S.", "e.g.", "Ph.D."]
        );
        assert_eq!(forms("on April 10."), ["on", "April", "10", "."]);
    }

    #[test]
    fn urls_mail_handles() {
        assert_eq!(
            forms("see https://example.com/a?b=1."),
            ["see", "https://example.com/a?b=1", "."]
        );
        assert_eq!(forms("(www.bbc.co.uk)"), ["(", "www.bbc.co.uk", ")"]);
        assert_eq!(
            forms("mail john.doe@example.org."),
            ["mail", "john.doe@example.org", "."]
        );
        assert_eq!(forms("@POTUS #Ukraine"), ["@POTUS", "#Ukraine"]);
    }
}
