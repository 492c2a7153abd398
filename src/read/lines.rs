//! Line reading with a length cap: an over-long line is measured and skipped, never held
//! in memory, so one runaway record cannot exhaust it.

use super::ReadError;
use std::io::{self, BufRead};

/// Where a line was found and whether it fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInfo {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first byte in the input.
    pub offset: u64,
    /// Length without the line break.
    pub len: usize,
    /// The line was longer than the cap; the buffer was left empty.
    pub too_long: bool,
}

pub struct CappedLines<R> {
    input: R,
    max: usize,
    number: usize,
    offset: u64,
}

impl<R: BufRead> CappedLines<R> {
    pub fn new(input: R, max: usize) -> Self {
        CappedLines {
            input,
            max,
            number: 0,
            offset: 0,
        }
    }

    /// Read the next line (without its `\n`; a `\r` before it is kept) into `buf`.
    /// `Ok(None)` at the end of input.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<LineInfo>> {
        buf.clear();
        let mut len = 0usize;
        let mut too_long = false;
        let mut consumed = 0u64;
        loop {
            let avail = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                if consumed == 0 {
                    return Ok(None);
                }
                break;
            }
            let newline = avail.iter().position(|&b| b == b'\n');
            let content = newline.unwrap_or(avail.len());
            len += content;
            if len > self.max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..content]);
            }
            let take = newline.map_or(content, |i| i + 1);
            self.input.consume(take);
            consumed += take as u64;
            if newline.is_some() {
                break;
            }
        }
        self.number += 1;
        let info = LineInfo {
            number: self.number,
            offset: self.offset,
            len,
            too_long,
        };
        self.offset += consumed;
        Ok(Some(info))
    }
}

/// Line cap for the one-token-a-line formats (CoNLL-U, IOB2): far beyond any real line.
pub const MAX_TOKEN_LINE: usize = 1 << 20;

/// One blank-line-separated block of a token-a-line file: its `#` comments (without the `#`
/// and the space after it) and its other lines, each with its 1-based line number.
#[derive(Debug, Default)]
pub struct Block {
    pub comments: Vec<String>,
    pub lines: Vec<(usize, String)>,
}

/// Reads blank-line-separated blocks (CoNLL-U sentences, IOB2 sentences). A block with an
/// unreadable line (invalid UTF-8, over the cap) is one error naming its first bad line; the
/// next block is read as usual.
pub struct Blocks<R> {
    lines: CappedLines<R>,
    origin: String,
    done: bool,
}

impl<R: BufRead> Blocks<R> {
    pub fn new(input: R, origin: &str) -> Self {
        Blocks {
            lines: CappedLines::new(input, MAX_TOKEN_LINE),
            origin: origin.to_string(),
            done: false,
        }
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }
}

impl<R: BufRead> Iterator for Blocks<R> {
    type Item = Result<Block, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut block = Block::default();
        let mut error: Option<ReadError> = None;
        let mut buf = Vec::new();
        loop {
            let info = match self.lines.next_line(&mut buf) {
                Ok(Some(info)) => info,
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(ReadError::new(&self.origin, e.to_string())));
                }
            };
            let at = |reason: &str| ReadError::at_line(&self.origin, info.number, reason);
            if info.too_long {
                error.get_or_insert(at("line too long"));
                continue;
            }
            let Ok(line) = std::str::from_utf8(&buf) else {
                error.get_or_insert(at("invalid UTF-8"));
                continue;
            };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                if block.lines.is_empty() && block.comments.is_empty() && error.is_none() {
                    continue;
                }
                break;
            }
            match line.strip_prefix('#') {
                Some(c) => block.comments.push(c.trim_start().to_string()),
                None => block.lines.push((info.number, line.to_string())),
            }
        }
        match error {
            Some(e) => Some(Err(e)),
            None if block.lines.is_empty() && block.comments.is_empty() => None,
            None => Some(Ok(block)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    #[test]
    fn splits_lines_and_tracks_offsets() {
        let mut lines = CappedLines::new(&b"ab\r\n\ncd"[..], 10);
        let mut buf = Vec::new();
        let a = lines.next_line(&mut buf).unwrap().unwrap();
        assert_eq!((buf.as_slice(), a.number, a.offset), (&b"ab\r"[..], 1, 0));
        let b = lines.next_line(&mut buf).unwrap().unwrap();
        assert_eq!((buf.as_slice(), b.number, b.offset), (&b""[..], 2, 4));
        let c = lines.next_line(&mut buf).unwrap().unwrap();
        assert_eq!((buf.as_slice(), c.number, c.offset), (&b"cd"[..], 3, 5));
        assert!(lines.next_line(&mut buf).unwrap().is_none());
    }

    #[test]
    fn skips_an_over_long_line_across_buffer_refills() {
        let mut input = vec![b'x'; 1000];
        input.extend_from_slice(b"\nok\n");
        // A tiny buffer forces the long line to arrive in many pieces.
        let mut lines = CappedLines::new(BufReader::with_capacity(16, &input[..]), 100);
        let mut buf = Vec::new();
        let long = lines.next_line(&mut buf).unwrap().unwrap();
        assert!(long.too_long);
        assert_eq!(long.len, 1000);
        assert!(buf.is_empty());
        let ok = lines.next_line(&mut buf).unwrap().unwrap();
        assert!(!ok.too_long);
        assert_eq!((buf.as_slice(), ok.number), (&b"ok"[..], 2));
    }

    #[test]
    fn blocks_split_on_blank_lines_and_report_bad_ones() {
        let input = b"# c1\na\nb\n\n\n\xff\nx\n\nc\n";
        let got: Vec<_> = Blocks::new(&input[..], "f").collect();
        assert_eq!(got.len(), 3);
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.comments, ["c1"]);
        assert_eq!(first.lines, [(2, "a".to_string()), (3, "b".to_string())]);
        assert_eq!(
            got[1].as_ref().unwrap_err().to_string(),
            "f:6: invalid UTF-8"
        );
        assert_eq!(got[2].as_ref().unwrap().lines, [(9, "c".to_string())]);
    }

    #[test]
    fn a_line_exactly_at_the_cap_fits() {
        let mut lines = CappedLines::new(&b"abcd\n"[..], 4);
        let mut buf = Vec::new();
        assert!(!lines.next_line(&mut buf).unwrap().unwrap().too_long);
        assert_eq!(buf, b"abcd");
    }
}
