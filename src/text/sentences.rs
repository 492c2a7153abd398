//! Sentence boundaries over scanned tokens.
//!
//! A sentence ends after final punctuation (and the quotes or brackets that close with it) when
//! the next token can start a sentence; after an abbreviation only when the next word plainly
//! starts one; at every paragraph break; and at a single line break unless the text is
//! hard-wrapped prose or the next line visibly continues the sentence.

use super::abbrev::{self, AbbrevClass};
use super::tokenize::{Kind, Piece};

/// Whether single line breaks are wrapping inside paragraphs rather than ending lines of their
/// own: many lines, all of similar, modest length.
pub fn looks_hard_wrapped(text: &str) -> bool {
    let mut lines = 0usize;
    let mut long = 0usize;
    let mut max = 0usize;
    for line in text.lines() {
        let len = line.trim().chars().count();
        if len == 0 {
            continue;
        }
        lines += 1;
        max = max.max(len);
        if len >= 40 {
            long += 1;
        }
        if max > 100 {
            return false;
        }
    }
    lines >= 4 && long * 3 >= lines * 2
}

/// Split `pieces` into sentences; returns the token index where each sentence ends
/// (exclusive), the last being `pieces.len()`.
pub fn sentence_ends(text: &str, pieces: &[Piece], out: &mut Vec<usize>) {
    if pieces.is_empty() {
        return;
    }
    let wrapped = pieces.iter().any(|p| p.newlines_before == 1) && looks_hard_wrapped(text);
    for i in 0..pieces.len() - 1 {
        if ends_after(text, pieces, i, wrapped) {
            out.push(i + 1);
        }
    }
    out.push(pieces.len());
}

fn slice<'a>(text: &'a str, p: &Piece) -> &'a str {
    &text[p.start..p.end]
}

fn ends_after(text: &str, pieces: &[Piece], i: usize, wrapped: bool) -> bool {
    let next = &pieces[i + 1];
    match next.newlines_before {
        2.. => return true,
        1 if line_break_ends(text, pieces, i, wrapped) => return true,
        _ => {}
    }
    // A closing quote or bracket after final punctuation belongs to the sentence it closes.
    if is_closer(pieces, i + 1) {
        return false;
    }
    // Step back over closing quotes and brackets to the punctuation they follow.
    let mut k = i;
    while k > 0 && is_closer(pieces, k) {
        k -= 1;
    }
    // "Ph.D", "@yahoo.com": a period with a word glued after it ends nothing.
    if !next.space_before && matches!(next.kind, Kind::Word | Kind::Number | Kind::Abbrev(_)) {
        return false;
    }
    if pieces[i].kind == Kind::CloseBracket && is_credit(text, pieces, i) {
        return can_start(text, pieces, i + 1);
    }
    let last = &pieces[k];
    match last.kind {
        Kind::Stop if k == i && starts_lower(text, next) => lower_start_ends(text, pieces, k),
        Kind::Stop => can_start(text, pieces, i + 1),
        // "[...]" marks words left out of a quotation, not an end.
        Kind::Ellipsis if k > 0 && pieces[k - 1].kind == Kind::OpenBracket => false,
        Kind::Ellipsis => can_start(text, pieces, i + 1) && !starts_with_digit(text, next),
        Kind::Abbrev(AbbrevClass::CanEnd) => plainly_starts(text, pieces, i + 1),
        _ => false,
    }
}

/// Tokens that close what comes before them: closing quotes and brackets, a straight quote
/// glued to the previous token, a trailing emoticon.
fn is_closer(pieces: &[Piece], j: usize) -> bool {
    let p = &pieces[j];
    match p.kind {
        Kind::CloseQuote | Kind::CloseBracket | Kind::Emoticon => true,
        Kind::Clitic => !p.space_before,
        // A straight quote closes if glued to what precedes it, or if it hangs loose with
        // nothing glued after it either (`clearly.' "` at a paragraph end).
        Kind::Quote => !p.space_before || pieces.get(j + 1).is_none_or(|n| n.space_before),
        _ => false,
    }
}

/// A paragraph-initial bracketed source such as "(MENAFN)", "(BBC)", "(New Scientist Space)"
/// closing at `close`: EWT makes it a sentence of its own.
fn is_credit(text: &str, pieces: &[Piece], close: usize) -> bool {
    let lo = close.saturating_sub(5);
    let Some(open) = (lo..close)
        .rev()
        .find(|&j| pieces[j].kind == Kind::OpenBracket)
    else {
        return false;
    };
    let inner = &pieces[open + 1..close];
    let capitalised = !inner.is_empty()
        && inner.iter().all(|p| {
            p.kind == Kind::Word && slice(text, p).starts_with(|c: char| c.is_uppercase())
        });
    let starts_paragraph = open == 0
        || pieces[open].newlines_before > 0
        || matches!(pieces[open - 1].kind, Kind::Stop | Kind::CloseBracket);
    capitalised && starts_paragraph
}

fn starts_lower(text: &str, p: &Piece) -> bool {
    slice(text, p).starts_with(|c: char| c.is_lowercase())
}

/// Final punctuation right before a lower-case word: "?" and "!" still end the sentence
/// (informal text often starts lower-case), and so does "." after an ordinary word; after a
/// short word the period more likely belongs to an abbreviation we don't know ("Rs. 500").
fn lower_start_ends(text: &str, pieces: &[Piece], stop: usize) -> bool {
    let mark = slice(text, &pieces[stop]);
    if mark != "." {
        return true;
    }
    let Some(before) = stop.checked_sub(1).map(|b| &pieces[b]) else {
        return false;
    };
    before.kind == Kind::Word
        && before.end == pieces[stop].start
        && slice(text, before).chars().count() >= 4
}

fn starts_with_digit(text: &str, p: &Piece) -> bool {
    slice(text, p).starts_with(|c: char| c.is_ascii_digit())
}

/// The token at `j` could begin a sentence: a capitalised word, a number, an opening quote
/// or bracket before one.
fn can_start(text: &str, pieces: &[Piece], j: usize) -> bool {
    let p = &pieces[j];
    match p.kind {
        Kind::OpenQuote | Kind::Quote | Kind::OpenBracket => match pieces.get(j + 1) {
            Some(q) if matches!(q.kind, Kind::OpenQuote | Kind::Quote | Kind::OpenBracket) => true,
            Some(_) => can_start(text, pieces, j + 1),
            None => true,
        },
        Kind::Other => {
            // "$5 was paid", "— Reuters", "* bullet"; not "," or "%".
            slice(text, p).starts_with(|c: char| {
                matches!(
                    c,
                    '$' | '£' | '€' | '¥' | '-' | '—' | '–' | '*' | '•' | '#' | '@'
                )
            })
        }
        Kind::Stop
        | Kind::Ellipsis
        | Kind::Clitic
        | Kind::CloseBracket
        | Kind::CloseQuote
        | Kind::Emoticon => false,
        _ => {
            let first = slice(text, p).chars().next();
            first.is_some_and(|c| !c.is_lowercase())
        }
    }
}

/// After an abbreviation that may end a sentence, only a common sentence-initial word (or an
/// opening quote) proves a new sentence; a name would just continue ("U.S. Army").
fn plainly_starts(text: &str, pieces: &[Piece], j: usize) -> bool {
    let p = &pieces[j];
    match p.kind {
        Kind::OpenQuote => true,
        Kind::Quote if p.space_before => pieces
            .get(j + 1)
            .is_some_and(|q| !q.space_before && can_start(text, pieces, j + 1)),
        _ => abbrev::is_sentence_starter(slice(text, p)),
    }
}

/// A single line break ends the sentence unless the text is hard-wrapped (then only a short,
/// unpunctuated line such as a heading does) or the next line plainly continues it.
fn line_break_ends(text: &str, pieces: &[Piece], i: usize, wrapped: bool) -> bool {
    let prev = &pieces[i];
    let next = &pieces[i + 1];
    let next_text = slice(text, next);
    let continues = next_text.starts_with(|c: char| c.is_lowercase())
        || matches!(
            next.kind,
            Kind::Clitic | Kind::CloseBracket | Kind::CloseQuote
        )
        || matches!(slice(text, prev), "," | ";" | "-" | "&" | "(" | "[" | "“")
        || is_dangling_word(slice(text, prev));
    if continues {
        return false;
    }
    if !wrapped {
        return true;
    }
    let line_start = text[..prev.end].rfind('\n').map_or(0, |x| x + 1);
    let line_len = text[line_start..prev.end].trim().chars().count();
    line_len < 40 && !matches!(prev.kind, Kind::Stop | Kind::Ellipsis)
}

/// Function words a heading or finished line does not end with: a line ending in one was
/// wrapped mid-sentence ("talks were held in\nIstanbul").
fn is_dangling_word(word: &str) -> bool {
    word.len() <= 5
        && matches!(
            word,
            "a" | "an"
                | "the"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "by"
                | "from"
                | "into"
                | "about"
                | "than"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "that"
                | "as"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "who"
                | "which"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_is_recognised() {
        let prose = "The talks between the two delegations were held on\n\
                     Thursday in Istanbul, where officials from both sides\n\
                     met for several hours to discuss the operation of\n\
                     their embassies and the return of seized property.\n";
        assert!(looks_hard_wrapped(prose));
        let lines = "Short headline\nA paragraph that is long enough to be more than a hundred characters wide, which no wrapped text would ever be.\nNext.\nOne more.";
        assert!(!looks_hard_wrapped(lines));
    }
}
