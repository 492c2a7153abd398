//! Plain-text documents: one file, one document, optionally under a ` date YYYY-MM-DD ID`
//! header line followed by a title line (the layout of the project's seed example).

use super::date::is_valid_date;
use super::format::not_text;
use super::{decode_utf8, normalize_newlines, ReadError};
use crate::doc::{Doc, DocMeta};

/// What a header line says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    date: String,
    id: Option<String>,
}

/// Read a header line: `date`, a `YYYY-MM-DD` date, then the id (leading space optional).
/// `None` when the line is not shaped like a header (ordinary text may begin with "date");
/// `Some(Err)` when it is, but the date is no real day.
fn parse_header(line: &str) -> Option<Result<Header, String>> {
    let rest = line.trim_start();
    let keyword = rest.get(..4)?;
    if !keyword.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = &rest[4..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    let (date, id) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
    let shaped = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    if !is_valid_date(date) {
        return Some(Err(format!(
            "header date {date:?} is not a real calendar day"
        )));
    }
    let id = id.trim();
    Some(Ok(Header {
        date: date.to_string(),
        id: (!id.is_empty()).then(|| id.to_string()),
    }))
}

/// Split off the first line: (line without its break, the rest after the break).
fn split_first_line(text: &str) -> (&str, &str) {
    match text.split_once('\n') {
        Some((first, rest)) => (first, rest),
        None => (text, ""),
    }
}

/// Build the document of a whole text file. `stem` is the id when there is no header;
/// `default_date` the date then.
pub fn txt_doc(
    bytes: Vec<u8>,
    origin: &str,
    stem: &str,
    default_date: Option<&str>,
) -> Result<Doc, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::new(origin, "empty file"));
    }
    if let Some(reason) = not_text(&bytes) {
        return Err(ReadError::new(origin, reason));
    }
    let text = decode_utf8(bytes).map_err(|reason| ReadError::new(origin, reason))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = normalize_newlines(text);
    let (first, after_first) = split_first_line(&text);
    let (meta, body) = match parse_header(first) {
        Some(Err(reason)) => return Err(ReadError::at_line(origin, 1, reason)),
        Some(Ok(header)) => {
            let (title, body) = split_first_line(after_first);
            let title = title.trim();
            let meta = DocMeta {
                id: header.id.unwrap_or_else(|| stem.to_string()),
                date: Some(header.date),
                title: (!title.is_empty()).then(|| title.to_string()),
                ..DocMeta::default()
            };
            (meta, body)
        }
        None => {
            let meta = DocMeta {
                id: stem.to_string(),
                date: default_date.map(str::to_string),
                ..DocMeta::default()
            };
            (meta, text.as_str())
        }
    };
    if body.trim().is_empty() {
        let what = if meta.title.is_some() {
            "no text after the title line"
        } else {
            "no text"
        };
        return Err(ReadError::new(
            origin,
            format!("document {:?}: {what}", meta.id),
        ));
    }
    Ok(Doc::new(meta, body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-2025-04-10.txt");

    #[test]
    fn reads_the_seed_example() {
        let bytes = std::fs::read(SEED).unwrap();
        let doc = txt_doc(bytes, SEED, "seed-2025-04-10", None).unwrap();
        assert_eq!(doc.meta.id, "403");
        assert_eq!(doc.meta.date.as_deref(), Some("2025-04-10"));
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Washington reveals date, agenda of upcoming Russia-US discussions")
        );
        assert!(doc.text.starts_with("(MENAFN) The U.S. State Department"));
        assert!(doc.text.contains("Türkiye"));
    }

    #[test]
    fn header_without_leading_space_and_crlf_lines() {
        let doc = txt_doc(
            b"date 2024-02-29 abc-1\r\nA title\r\nLine one.\r\nLine two.\r\n".to_vec(),
            "f.txt",
            "f",
            Some("2000-01-01"),
        )
        .unwrap();
        assert_eq!(doc.meta.id, "abc-1");
        assert_eq!(doc.meta.date.as_deref(), Some("2024-02-29"));
        assert_eq!(doc.meta.title.as_deref(), Some("A title"));
        assert_eq!(doc.text, "Line one.\nLine two.\n");
    }

    #[test]
    fn without_header_the_file_is_the_text() {
        let body = "\u{feff}Date talks resume.\nSecond line.";
        let doc = txt_doc(body.as_bytes().to_vec(), "a/b.txt", "b", Some("2025-01-02")).unwrap();
        assert_eq!(doc.meta.id, "b");
        assert_eq!(doc.meta.date.as_deref(), Some("2025-01-02"));
        assert_eq!(doc.meta.title, None);
        assert_eq!(doc.text, "Date talks resume.\nSecond line.");
        let undated = txt_doc(b"Words.".to_vec(), "c.txt", "c", None).unwrap();
        assert_eq!(undated.meta.date, None);
    }

    #[test]
    fn header_shapes() {
        assert_eq!(
            parse_header(" date 2025-04-10 403"),
            Some(Ok(Header {
                date: "2025-04-10".into(),
                id: Some("403".into())
            }))
        );
        assert_eq!(
            parse_header("date 2025-04-10"),
            Some(Ok(Header {
                date: "2025-04-10".into(),
                id: None
            }))
        );
        assert_eq!(parse_header("date night was fun"), None);
        assert_eq!(parse_header("dated 2025-04-10 1"), None);
        assert_eq!(parse_header("date"), None);
        assert_eq!(parse_header("dat"), None);
        assert_eq!(parse_header("dat\u{e9} 1"), None);
        assert!(matches!(parse_header(" date 2025-02-30 7"), Some(Err(_))));
    }

    #[test]
    fn bad_files_are_one_clear_error() {
        let err = |bytes: &[u8]| txt_doc(bytes.to_vec(), "x.txt", "x", None).unwrap_err();
        assert!(err(b"").reason.contains("empty file"));
        assert!(err(b"  \n\t\n").reason.contains("no text"));
        assert!(err(b"PK\x03\x04\x00\x00zip").reason.contains("binary"));
        let e = err(b"ok line\nbad \xff byte\n");
        assert_eq!(e.origin, "x.txt");
        assert!(
            e.reason.contains("byte 12") && e.reason.contains("line 2"),
            "{e}"
        );
        let e = err(b" date 2025-04-10 9\nOnly a title\n");
        assert!(
            e.reason.contains("\"9\"") && e.reason.contains("after the title"),
            "{e}"
        );
        let e = err(b" date 2025-13-10 9\nT\nBody\n");
        assert_eq!(e.origin, "x.txt:1");
    }
}
