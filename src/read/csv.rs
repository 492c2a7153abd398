//! CSV with a header row naming at least `text` and `date` (Wikinews exports: url, date,
//! title, text). Read record by record; one bad row is one error.

use super::date::date_of;
use super::{normalize_newlines, ReadError};
use crate::doc::{Doc, DocMeta};
use ::csv::{ByteRecord, ReaderBuilder};
use serde_json::{Map, Value};
use std::io::Read;

/// Which column holds what, found from the header row.
#[derive(Debug, Default)]
struct Columns {
    names: Vec<String>,
    text: usize,
    date: Option<usize>,
    id: Option<usize>,
    title: Option<usize>,
    url: Option<usize>,
}

impl Columns {
    fn from_header(header: &ByteRecord, has_default_date: bool) -> Result<Columns, String> {
        let mut names = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            let raw = if i == 0 {
                raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
            } else {
                raw
            };
            let name = std::str::from_utf8(raw)
                .map_err(|_| format!("header column {} is not valid UTF-8", i + 1))?;
            names.push(name.trim().to_string());
        }
        let find = |key: &str| names.iter().position(|n| n.eq_ignore_ascii_case(key));
        let listing = || names.join(", ");
        let text = find("text")
            .ok_or_else(|| format!("CSV header has no \"text\" column (found: {})", listing()))?;
        let date = find("date");
        if date.is_none() && !has_default_date {
            return Err(format!(
                "CSV header has no \"date\" column (found: {}); --date gives a default",
                listing()
            ));
        }
        Ok(Columns {
            text,
            date,
            id: find("id"),
            title: find("title"),
            url: find("url"),
            names,
        })
    }
}

pub struct CsvReader<R: Read> {
    rows: ::csv::Reader<R>,
    origin: String,
    stem: String,
    default_date: Option<String>,
    max_doc_bytes: usize,
    columns: Option<Columns>,
    record: ByteRecord,
    row: usize,
    done: bool,
}

impl<R: Read> CsvReader<R> {
    pub fn new(
        input: R,
        origin: &str,
        stem: &str,
        default_date: Option<&str>,
        max_doc_bytes: usize,
    ) -> Self {
        CsvReader {
            rows: ReaderBuilder::new().flexible(true).from_reader(input),
            origin: origin.to_string(),
            stem: stem.to_string(),
            default_date: default_date.map(str::to_string),
            max_doc_bytes,
            columns: None,
            record: ByteRecord::new(),
            row: 0,
            done: false,
        }
    }

    fn row_doc(&self, cols: &Columns) -> Result<Doc, String> {
        let size = self.record.as_slice().len();
        if size > self.max_doc_bytes {
            return Err(format!(
                "row {} of {size} bytes is over the {}-byte document limit",
                self.row, self.max_doc_bytes
            ));
        }
        if self.record.len() != cols.names.len() {
            return Err(format!(
                "row {} has {} fields, the header {}",
                self.row,
                self.record.len(),
                cols.names.len()
            ));
        }
        let mut fields = Vec::with_capacity(self.record.len());
        for (i, raw) in self.record.iter().enumerate() {
            let s = std::str::from_utf8(raw).map_err(|e| {
                format!(
                    "invalid UTF-8 in column {:?} at byte {} of the field",
                    cols.names[i],
                    e.valid_up_to()
                )
            })?;
            fields.push(s);
        }
        let id = match cols.id.map(|i| fields[i].trim()) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => format!("{}-{}", self.stem, self.row),
        };
        let doc_err = |reason: String| format!("document {id:?}: {reason}");
        let given_date = cols.date.map(|i| fields[i]);
        let date = match given_date
            .and_then(date_of)
            .or(self.default_date.as_deref())
        {
            Some(d) => d.to_string(),
            None => {
                return Err(doc_err(format!(
                    "\"date\" {:?} is not a YYYY-MM-DD calendar date (--date gives a default)",
                    given_date.unwrap_or("")
                )))
            }
        };
        let text = normalize_newlines(fields[cols.text]);
        if text.trim().is_empty() {
            return Err(doc_err("empty \"text\"".to_string()));
        }
        let optional = |col: Option<usize>| {
            col.map(|i| fields[i].trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut extra = Map::new();
        for (i, name) in cols.names.iter().enumerate() {
            let named = [Some(cols.text), cols.date, cols.id, cols.title, cols.url];
            if !named.contains(&Some(i)) && !name.is_empty() {
                extra.insert(name.clone(), Value::String(fields[i].to_string()));
            }
        }
        let meta = DocMeta {
            date: Some(date),
            title: optional(cols.title),
            url: optional(cols.url),
            extra,
            id,
        };
        Ok(Doc::new(meta, text))
    }
}

impl<R: Read> Iterator for CsvReader<R> {
    type Item = Result<Doc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            let header = match self.rows.byte_headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    self.done = true;
                    return Some(Err(ReadError::new(&self.origin, e.to_string())));
                }
            };
            match Columns::from_header(&header, self.default_date.is_some()) {
                Ok(c) => self.columns = Some(c),
                Err(reason) => {
                    self.done = true;
                    return Some(Err(ReadError::at_line(&self.origin, 1, reason)));
                }
            }
        }
        match self.rows.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                if self.row == 0 {
                    return Some(Err(ReadError::new(
                        &self.origin,
                        "no documents (a header row only)",
                    )));
                }
                return None;
            }
            Err(e) => {
                // The csv crate's record errors are I/O failures here (flexible rows, byte
                // records): nothing after them can be trusted.
                self.done = true;
                return Some(Err(ReadError::new(&self.origin, e.to_string())));
            }
        }
        self.row += 1;
        let line = self.record.position().map_or(0, |p| p.line() as usize);
        let cols = self.columns.as_ref()?;
        Some(
            self.row_doc(cols)
                .map_err(|reason| ReadError::at_line(&self.origin, line, reason)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], default_date: Option<&str>) -> Vec<Result<Doc, ReadError>> {
        CsvReader::new(input, "w.csv", "w", default_date, 1 << 20).collect()
    }

    #[test]
    fn reads_wikinews_layout() {
        let input = b"\xEF\xBB\xBFurl,date,title,text\r\n\"http://a\",2019-01-04,\"A, title\",\"Line one.\r\n\r\nLine \"\"two\"\".\"\r\nhttp://b,2019-01-05,,Second\r\n";
        let docs: Vec<Doc> = read(input, None).into_iter().map(Result::unwrap).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].meta.id, "w-1");
        assert_eq!(docs[0].meta.date.as_deref(), Some("2019-01-04"));
        assert_eq!(docs[0].meta.title.as_deref(), Some("A, title"));
        assert_eq!(docs[0].meta.url.as_deref(), Some("http://a"));
        assert_eq!(docs[0].text, "Line one.\n\nLine \"two\".");
        assert_eq!(docs[1].meta.id, "w-2");
        assert_eq!(docs[1].meta.title, None);
        assert!(docs[1].meta.extra.is_empty());
    }

    #[test]
    fn id_column_and_extra_columns() {
        let input = b"ID,Text,Date,source\nx1,Hello,2020-02-02,AP\n,Again,2020-02-03,AFP\n";
        let docs: Vec<Doc> = read(input, None).into_iter().map(Result::unwrap).collect();
        assert_eq!(docs[0].meta.id, "x1");
        assert_eq!(docs[0].meta.extra["source"], "AP");
        assert_eq!(docs[1].meta.id, "w-2");
    }

    #[test]
    fn bad_rows_are_errors_and_reading_goes_on() {
        let input = b"date,text\n2019-02-30,Bad day\n2019-01-01,\n2019-01-01\n2019-01-01,\"bad \xff\"\n2019-01-02,Fine\n";
        let got = read(input, None);
        assert_eq!(got.len(), 5);
        let msg = |i: usize| got[i].as_ref().unwrap_err().to_string();
        assert!(
            msg(0).starts_with("w.csv:2:") && msg(0).contains("2019-02-30"),
            "{}",
            msg(0)
        );
        assert!(msg(1).contains("\"w-2\": empty \"text\""), "{}", msg(1));
        assert!(msg(2).contains("1 fields, the header 2"), "{}", msg(2));
        assert!(
            msg(3).starts_with("w.csv:5:") && msg(3).contains("UTF-8"),
            "{}",
            msg(3)
        );
        assert_eq!(got[4].as_ref().unwrap().text, "Fine");
    }

    #[test]
    fn header_must_name_text_and_date() {
        let got = read(b"url,title,body\nu,t,b\n", None);
        assert_eq!(got.len(), 1);
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("no \"text\" column"));
        let got = read(b"title,text\nt,b\n", None);
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("no \"date\" column"));
        let got = read(b"title,text\nt,b\n", Some("2021-03-03"));
        assert_eq!(
            got[0].as_ref().unwrap().meta.date.as_deref(),
            Some("2021-03-03")
        );
        let got = read(b"date,text\n", None);
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("header row only"));
    }

    #[test]
    fn over_long_row_is_an_error() {
        let input = format!("date,text\n2019-01-01,{}\n2019-01-01,ok\n", "y".repeat(300));
        let got: Vec<_> = CsvReader::new(input.as_bytes(), "w.csv", "w", None, 100).collect();
        assert!(got[0].as_ref().unwrap_err().reason.contains("100-byte"));
        assert!(got[1].is_ok());
    }

    #[test]
    fn reads_the_shared_wikinews_file_when_present() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/news/wikinews/wikinews_2019.csv"
        );
        let Ok(file) = std::fs::File::open(path) else {
            return; // the shared data is not laid beside this checkout
        };
        let docs: Vec<Doc> = CsvReader::new(file, path, "wikinews_2019", None, 10 << 20)
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(docs.len(), 171);
        assert!(docs.iter().all(|d| d
            .meta
            .date
            .as_deref()
            .is_some_and(|d| d.starts_with("2019"))));
        assert!(docs
            .iter()
            .all(|d| d.meta.title.is_some() && d.meta.url.is_some()));
    }
}
