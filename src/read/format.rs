//! Which reader a file needs: named by the user, given by the extension, or sniffed from
//! the first bytes.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// How many leading bytes sniffing and the binary check look at.
pub const SNIFF_BYTES: usize = 8 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// From the extension, else from the content.
    #[default]
    Auto,
    Txt,
    Jsonl,
    Csv,
    Conllu,
    Iob2,
    /// PETRARCH validation records (XML).
    PetrarchXml,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Txt => "txt",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Csv => "csv",
            InputFormat::Conllu => "conllu",
            InputFormat::Iob2 => "iob2",
            InputFormat::PetrarchXml => "petrarch-xml",
        }
    }

    /// The format a file name promises, if its extension is one we read.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => InputFormat::Txt,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "csv" => InputFormat::Csv,
            "conllu" => InputFormat::Conllu,
            "iob2" => InputFormat::Iob2,
            _ => return None,
        })
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" => InputFormat::Auto,
            "txt" | "text" => InputFormat::Txt,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "csv" => InputFormat::Csv,
            "conllu" => InputFormat::Conllu,
            "iob2" => InputFormat::Iob2,
            "petrarch-xml" | "petrarch" => InputFormat::PetrarchXml,
            _ => {
                return Err(format!(
                    "unknown input format {s:?}: expected one of auto, txt (text), jsonl (ndjson), csv, conllu, iob2, petrarch-xml"
                ))
            }
        })
    }
}

/// Why content that starts with `head` is not text we can read, if it is not: a UTF-16 or
/// UTF-32 byte-order mark, or a NUL byte in the first bytes. NUL bytes occur in no text
/// encoding we read (nor in UTF-16 without a mark, for Latin text), but in nearly every
/// binary format.
pub fn not_text(head: &[u8]) -> Option<String> {
    let wide = [
        (&b"\x00\x00\xFE\xFF"[..], "UTF-32"),
        (&b"\xFF\xFE\x00\x00"[..], "UTF-32"),
        (&b"\xFE\xFF"[..], "UTF-16"),
        (&b"\xFF\xFE"[..], "UTF-16"),
    ];
    if let Some((_, name)) = wide.iter().find(|(bom, _)| head.starts_with(bom)) {
        return Some(format!(
            "{name} text; only UTF-8 is read (convert it first)"
        ));
    }
    let window = &head[..head.len().min(SNIFF_BYTES)];
    let at = window.iter().position(|&b| b == 0)?;
    Some(format!("binary file (NUL byte at offset {at}), not text"))
}

/// Guess the format of content with no telling name (standard input, unknown extensions)
/// from its first bytes. Plain text is the fallback: any text can be read as one document.
pub fn sniff(head: &[u8]) -> InputFormat {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let head = &head[..head.len().min(SNIFF_BYTES)];
    // The head may end inside a character or a line; only whole lines are judged.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    if text.trim_start().starts_with('{') {
        return InputFormat::Jsonl;
    }
    if text.trim_start().starts_with('<') && text.contains("<Sentence") {
        return InputFormat::PetrarchXml;
    }
    let first_data_line = text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let Some(line) = first_data_line else {
        return InputFormat::Txt;
    };
    let cols: Vec<&str> = line.split('\t').collect();
    let numbered = cols[0].chars().next().is_some_and(|c| c.is_ascii_digit())
        && cols[0]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.');
    if numbered && cols.len() == 10 {
        return InputFormat::Conllu;
    }
    if numbered && cols.len() >= 3 && is_iob_tag(cols[2]) {
        return InputFormat::Iob2;
    }
    if is_csv_header(line) {
        return InputFormat::Csv;
    }
    InputFormat::Txt
}

fn is_iob_tag(s: &str) -> bool {
    s == "O" || s.starts_with("B-") || s.starts_with("I-")
}

/// A header row naming both columns the CSV reader needs.
fn is_csv_header(line: &str) -> bool {
    let names: Vec<String> = line
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    names.len() >= 2 && names.iter().any(|n| n == "text") && names.iter().any(|n| n == "date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_case_insensitively() {
        assert_eq!("TXT".parse(), Ok(InputFormat::Txt));
        assert_eq!("text".parse(), Ok(InputFormat::Txt));
        assert_eq!("NDJSON".parse(), Ok(InputFormat::Jsonl));
        assert_eq!("jsonl".parse(), Ok(InputFormat::Jsonl));
        assert_eq!("Csv".parse(), Ok(InputFormat::Csv));
        assert_eq!("conllu".parse(), Ok(InputFormat::Conllu));
        assert_eq!("IOB2".parse(), Ok(InputFormat::Iob2));
        assert_eq!("auto".parse(), Ok(InputFormat::Auto));
        assert_eq!("PETRARCH-XML".parse(), Ok(InputFormat::PetrarchXml));
        let err = "xml".parse::<InputFormat>().unwrap_err();
        assert!(err.contains("\"xml\"") && err.contains("jsonl"), "{err}");
    }

    #[test]
    fn extensions_map_to_formats() {
        let ext = |p: &str| InputFormat::from_extension(Path::new(p));
        assert_eq!(ext("a/b.JSONL"), Some(InputFormat::Jsonl));
        assert_eq!(ext("b.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(ext("seed.txt"), Some(InputFormat::Txt));
        assert_eq!(ext("w.csv"), Some(InputFormat::Csv));
        assert_eq!(ext("en_ewt-ud-test.conllu"), Some(InputFormat::Conllu));
        assert_eq!(ext("x.iob2"), Some(InputFormat::Iob2));
        assert_eq!(ext("README.md"), None);
        assert_eq!(ext("noext"), None);
    }

    #[test]
    fn sniffs_each_format() {
        assert_eq!(sniff(b"{\"id\": \"1\"}\n"), InputFormat::Jsonl);
        assert_eq!(sniff(b"\xEF\xBB\xBF  \n{\"id\": 1"), InputFormat::Jsonl);
        assert_eq!(
            sniff(b"# sent_id = 1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"),
            InputFormat::Conllu
        );
        assert_eq!(
            sniff(b"1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n"),
            InputFormat::Conllu
        );
        assert_eq!(
            sniff(b"# sent_id = a\n1\tIt\tO\t-\t-\n2\tArgentina\tB-LOC\t-\t-\n"),
            InputFormat::Iob2
        );
        assert_eq!(
            sniff(b"url,date,title,text\n\"u\",2019-01-04"),
            InputFormat::Csv
        );
        assert_eq!(sniff(b"\"Text\" , \"DATE\"\r\nx,y"), InputFormat::Csv);
        assert_eq!(
            sniff(b" date 2025-04-10 403\nTitle\nBody."),
            InputFormat::Txt
        );
        assert_eq!(sniff(b"Just words, a date and text.\n"), InputFormat::Txt);
        assert_eq!(sniff(b""), InputFormat::Txt);
        assert_eq!(
            sniff(b"<Validation>\n<!-- x -->\n<Sentences>\n<Sentence date=\"19950101\" id=\"A\">"),
            InputFormat::PetrarchXml
        );
        assert_eq!(sniff(b"<b>Sentences</b> in bold"), InputFormat::Txt);
        assert_eq!(sniff(b"\xff\xfe garbage"), InputFormat::Txt);
    }

    #[test]
    fn sniffing_survives_a_head_cut_inside_a_character() {
        let mut head = b"{\"text\": \"T".to_vec();
        head.extend_from_slice(&"ü".as_bytes()[..1]);
        assert_eq!(sniff(&head), InputFormat::Jsonl);
    }

    #[test]
    fn nul_bytes_and_wide_encodings_are_not_text() {
        assert!(not_text(b"PK\x03\x04\x00\x00").is_some());
        assert!(not_text("plain Türkiye text".as_bytes()).is_none());
        let mut late = vec![b'a'; SNIFF_BYTES];
        late.push(0);
        assert!(not_text(&late).is_none());
        assert_eq!(not_text(b"ok"), None);
        assert!(not_text(b"ab\x00").unwrap().contains("offset 2"));
        assert!(not_text(b"\xFF\xFEh\x00i\x00").unwrap().contains("UTF-16"));
        assert!(not_text(b"\xFF\xFE\x00\x00h\x00\x00\x00")
            .unwrap()
            .contains("UTF-32"));
    }
}
