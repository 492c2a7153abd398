//! Quotation marks: the spans of a text between an opening and a closing mark.
//!
//! Curly marks pair by their shape; straight double marks alternate open/close within a
//! paragraph. A paragraph (a line) that ends inside a quotation closes it there when the
//! next paragraph opens with a mark (news continues a long quotation that way); otherwise
//! the open mark was a slip and yields nothing.

/// One quotation: byte offsets of its marks and of the words between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset just past the closing mark (or the paragraph's end when it continues).
    pub close: usize,
    /// The quoted words, without surrounding spaces or a trailing comma.
    pub start: usize,
    pub end: usize,
}

/// Every quotation of `text`, in order.
pub fn quotations(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => {
                if let Some((o, _)) = open {
                    // Continued in the next paragraph: end this piece at the line's end.
                    let next = text[i..].trim_start();
                    if next.starts_with(['“', '"']) {
                        out.extend(piece(text, o, i, i));
                    }
                }
                open = None;
            }
            '“' => open = Some((i, c)),
            '”' => {
                if let Some((o, '“')) = open {
                    out.extend(piece(text, o, i, i + c.len_utf8()));
                }
                open = None;
            }
            '"' => match open {
                Some((o, '"')) => {
                    out.extend(piece(text, o, i, i + 1));
                    open = None;
                }
                // A straight mark after a curly opening closes it (mixed typing).
                Some((o, _)) => {
                    out.extend(piece(text, o, i, i + 1));
                    open = None;
                }
                None => open = Some((i, c)),
            },
            _ => {}
        }
    }
    // A quotation still open at the end of the text was a slip: it yields nothing.
    out
}

/// The quotation between the mark at `open` and the closing mark at `inner_end`.
fn piece(text: &str, open: usize, inner_end: usize, close: usize) -> Option<Marked> {
    let mark = text[open..].chars().next()?.len_utf8();
    let inner = text.get(open + mark..inner_end)?;
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim().trim_end_matches(',').trim_end();
    if trimmed.is_empty() {
        return None;
    }
    let start = open + mark + lead;
    Some(Marked {
        open,
        close,
        start,
        end: start + trimmed.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        quotations(s).iter().map(|m| &s[m.start..m.end]).collect()
    }

    #[test]
    fn curly_and_straight_marks() {
        // The seed.
        let s = "“Ukraine is absolutely not on the agenda,” Bruce stated.";
        assert_eq!(texts(s), ["Ukraine is absolutely not on the agenda"]);
        let q = quotations(s)[0];
        assert_eq!(q.open, 0);
        assert_eq!(&s[q.close..], " Bruce stated.");
        assert_eq!(
            texts("He said \"we will win. We always do.\" and left; \"again\" he said."),
            ["we will win. We always do.", "again"]
        );
    }

    #[test]
    fn paragraphs_bound_quotations() {
        // A long quotation continued in the next paragraph is two pieces.
        let s = "He said: \"First part.\n\"Second part,\" he added.";
        assert_eq!(texts(s), ["First part.", "Second part"]);
        // A stray mark does not swallow the next paragraph.
        let s = "A 12\" pipe burst.\nThen \"it stopped,\" she said.";
        assert_eq!(texts(s), ["it stopped"]);
        assert!(quotations("“”, \"\" and “ , ”").is_empty());
    }
}
