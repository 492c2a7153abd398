//! PETRARCH validation records (`--input-format petrarch-xml`): the XML of the PETRARCH /
//! TABARI unit-test suites.
//!
//! Each `<Sentence id date category>` is one document: its `<Text>` (whitespace runs made
//! one space) with that id and date (`YYYYMMDD` made `YYYY-MM-DD`). What the record expects
//! is kept in `DocMeta::extra` for the evaluation: `category`, `expected` (a list of
//! `{source, target, event}` from the `<EventCoding>` elements), `noevents`, `error` (the
//! suite's error-condition records), the `<Parse>` when given, and `config`, the `<Config>`
//! options in force (they are set between records and hold until changed). The
//! `<Environment>` block names the dictionary files the suite is run with
//! ([`environment`]); a `<Stop>` element ends the records, as in PETRARCH.
//!
//! The format is a small, flat XML, read by a hand-written scanner: comments, attributes in
//! either quote, the five named entities and numeric ones. A malformed record is one error
//! naming its id and line; reading resumes after its `</Sentence>`.

use super::date::is_valid_date;
use super::{decode_utf8, normalize_newlines, ReadError};
use crate::doc::{Doc, DocMeta};
use serde_json::{json, Map, Value};

/// Largest validation file read whole; the PETRARCH suite is 0.4 MB.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// The dictionary files a suite's `<Environment>` names (names, not paths).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub verbs: Vec<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
}

impl Environment {
    /// Every file named, verbs first.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.verbs
            .iter()
            .chain(&self.actors)
            .chain(&self.agents)
            .chain(&self.discards)
            .map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.files().next().is_none()
    }
}

/// One piece of markup or text.
#[derive(Debug, PartialEq)]
enum Item {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        closed: bool,
    },
    End(String),
    Text(String),
}

/// The scanner over the whole file: items with the line they start on.
struct Scanner {
    text: String,
    pos: usize,
    line: usize,
    line_pos: usize,
}

impl Scanner {
    fn new(text: String) -> Scanner {
        Scanner {
            text,
            pos: 0,
            line: 1,
            line_pos: 0,
        }
    }

    /// The line of byte `at` (monotonic: `at` never goes back).
    fn line_of(&mut self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if at > self.line_pos {
            self.line += self.text.as_bytes()[self.line_pos..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line_pos = at;
        }
        self.line
    }

    /// Move past the next `</Sentence>` (recovery after a bad record).
    fn skip_record(&mut self) {
        match self.text[self.pos..].find("</Sentence>") {
            Some(k) => self.pos += k + "</Sentence>".len(),
            None => self.pos = self.text.len(),
        }
    }

    /// The next item and its line, `None` at the end; an error leaves `pos` past the
    /// offending `<` so scanning can go on.
    fn next_item(&mut self) -> Option<(usize, Result<Item, String>)> {
        loop {
            if self.pos >= self.text.len() {
                return None;
            }
            let line = self.line_of(self.pos);
            let rest = &self.text[self.pos..];
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some((line, Ok(Item::Text(decode_entities(&rest[..end])))));
            }
            let skip_to = |close: &str, what: &str| match rest.find(close) {
                Some(k) => Ok(k + close.len()),
                None => Err(format!("{what} opened here is never closed")),
            };
            let skipped = if rest.starts_with("<!--") {
                Some(skip_to("-->", "comment"))
            } else if rest.starts_with("<?") {
                Some(skip_to("?>", "processing instruction"))
            } else if rest.starts_with("<!") {
                Some(skip_to(">", "declaration"))
            } else {
                None
            };
            match skipped {
                Some(Ok(n)) => {
                    self.pos += n;
                    continue;
                }
                Some(Err(e)) => {
                    self.pos = self.text.len();
                    return Some((line, Err(e)));
                }
                None => {}
            }
            let Some(close) = tag_end(rest) else {
                self.pos += 1;
                return Some((line, Err("tag opened here is never closed".into())));
            };
            self.pos += close + 1;
            return Some((line, parse_tag(&rest[1..close])));
        }
    }
}

/// Where the `>` closing the tag at the start of `s` is, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The inside of a tag: `/name`, or `name attr="v" ...` with an optional final `/`.
fn parse_tag(inner: &str) -> Result<Item, String> {
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim();
        if !is_name(name) {
            return Err(format!("bad end tag </{name}>"));
        }
        return Ok(Item::End(name.to_string()));
    }
    let (body, closed) = match inner.trim_end().strip_suffix('/') {
        Some(b) => (b, true),
        None => (inner, false),
    };
    let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
    let name = &body[..name_end];
    if !is_name(name) {
        return Err(format!("bad tag <{}>", inner.trim()));
    }
    let mut attrs = Vec::new();
    let mut rest = body[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        if !is_name(key) {
            return Err(format!("bad attribute {key:?} in <{name}>"));
        }
        let after = rest[key_end..].trim_start();
        let Some(after) = after.strip_prefix('=') else {
            return Err(format!("attribute {key:?} of <{name}> has no value"));
        };
        let after = after.trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return Err(format!("value of {key:?} in <{name}> is not quoted"));
        };
        let Some(len) = after[1..].find(q) else {
            return Err(format!("value of {key:?} in <{name}> is not closed"));
        };
        attrs.push((key.to_string(), decode_entities(&after[1..1 + len])));
        rest = after[len + 2..].trim_start();
    }
    Ok(Item::Start {
        name: name.to_string(),
        attrs,
        closed,
    })
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// The five XML entities and numeric references; anything else is kept as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let decoded = rest.find(';').filter(|&e| e <= 10).and_then(|e| {
            let c = match &rest[1..e] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                n => n
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.trim())
}

/// A PETRARCH date (`YYYYMMDD`, or already `YYYY-MM-DD`) as `YYYY-MM-DD`, if a real day.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let iso = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])
    } else {
        s.to_string()
    };
    is_valid_date(&iso).then_some(iso)
}

/// The words of a Penn Treebank parse, as text: the leaves "(TAG word)" in order, clitics
/// and punctuation joined as written ("is n't" is "isn't"). `None` when it has no leaves.
pub fn parse_words(parse: &str) -> Option<String> {
    let mut out = String::new();
    for piece in parse.split('(') {
        let Some((inner, _)) = piece.split_once(')') else {
            continue;
        };
        let mut it = inner.split_whitespace();
        let (Some(_tag), Some(word), None) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let word = match word {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LCB-" => "{",
            "-RCB-" => "}",
            "``" | "''" => "\"",
            w => w,
        };
        let lower = word.to_ascii_lowercase();
        let joined = matches!(word, "," | "." | ":" | ";" | "!" | "?" | ")" | "}" | "%")
            || lower == "n't"
            || (lower.starts_with('\'') && lower.len() <= 3)
            || out.ends_with('(')
            || out.ends_with('{');
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// Collapse every whitespace run to one space and trim.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<Environment>` of a validation file, if it has one (read without the records).
pub fn environment(text: &str) -> Option<Environment> {
    let start = text.find("<Environment>")?;
    let end = start + text[start..].find("</Environment>")?;
    let mut sc = Scanner::new(text[start..end].to_string());
    let mut env = Environment::default();
    let mut open: Option<String> = None;
    while let Some((_, item)) = sc.next_item() {
        match item {
            Ok(Item::Start { name, closed, .. }) if !closed => open = Some(name),
            Ok(Item::Text(t)) => {
                let list = match open.as_deref() {
                    Some("Verbfile") => &mut env.verbs,
                    Some("Actorfile") => &mut env.actors,
                    Some("Agentfile") => &mut env.agents,
                    Some("Discardfile") => &mut env.discards,
                    _ => continue,
                };
                list.extend(
                    t.split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string),
                );
            }
            Ok(_) => open = None,
            Err(_) => {}
        }
    }
    Some(env)
}

/// The records of one validation file, in order.
pub struct PetrarchReader {
    sc: Scanner,
    origin: String,
    config: Map<String, Value>,
    records: usize,
    done: bool,
}

impl PetrarchReader {
    /// Read from the file's bytes (the whole file: the suites are small).
    pub fn new(bytes: Vec<u8>, origin: &str) -> Result<PetrarchReader, ReadError> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(ReadError::new(
                origin,
                format!("over the {MAX_FILE_BYTES}-byte limit of a validation file"),
            ));
        }
        let text = decode_utf8(bytes).map_err(|r| ReadError::new(origin, r))?;
        let text = normalize_newlines(text.strip_prefix('\u{feff}').unwrap_or(&text));
        Ok(PetrarchReader {
            sc: Scanner::new(text),
            origin: origin.to_string(),
            config: Map::new(),
            records: 0,
            done: false,
        })
    }

    /// One `<Sentence>` whose start tag was just read; `line` is where it starts.
    fn record(&mut self, attrs: &[(String, String)], line: usize) -> Result<Doc, ReadError> {
        let id = attr(attrs, "id").unwrap_or("").to_string();
        let label = if id.is_empty() {
            "record".to_string()
        } else {
            format!("record {id:?}")
        };
        let fail = |at: usize, reason: String| {
            ReadError::at_line(&self.origin, at, format!("{label}: {reason}"))
        };
        let mut text: Option<String> = None;
        let mut parse: Option<String> = None;
        let mut expected = Vec::new();
        let mut noevents = false;
        let mut error: Option<String> = None;
        // Which element's text is being collected, and the text so far.
        let mut open: Option<(String, String)> = None;
        loop {
            let Some((at, item)) = self.sc.next_item() else {
                return Err(fail(line, "not closed by </Sentence>".into()));
            };
            let item = match item {
                Ok(i) => i,
                Err(e) => {
                    self.sc.skip_record();
                    return Err(fail(at, e));
                }
            };
            match item {
                Item::Text(t) => {
                    if let Some((_, buf)) = open.as_mut() {
                        buf.push_str(&t);
                    }
                }
                Item::Start { name, .. } if open.is_some() => {
                    let within = open.as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
                    self.sc.skip_record();
                    return Err(fail(at, format!("<{name}> inside <{within}>")));
                }
                Item::Start { name, .. } if name == "Sentence" => {
                    self.sc.skip_record();
                    return Err(fail(at, "<Sentence> inside a <Sentence>".into()));
                }
                Item::Start {
                    name,
                    attrs: ev,
                    closed,
                } => match name.as_str() {
                    "EventCoding" => {
                        if attr(&ev, "noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                            noevents = true;
                        } else if let Some(e) = attr(&ev, "error") {
                            error = Some(e.to_string());
                        } else {
                            let code = |k: &str| attr(&ev, k).map(|v| v.trim_matches('"').trim());
                            match (code("sourcecode"), code("targetcode"), code("eventcode")) {
                                (Some(s), Some(t), Some(e)) if !e.is_empty() => {
                                    expected.push(json!({"source": s, "target": t, "event": e}))
                                }
                                _ => {
                                    self.sc.skip_record();
                                    return Err(fail(at, "<EventCoding> needs sourcecode, targetcode and eventcode, noevents or error".into()));
                                }
                            }
                        }
                    }
                    "Text" | "Parse" if !closed => open = Some((name, String::new())),
                    _ => {}
                },
                Item::End(name) => match open.take() {
                    Some((o, buf)) if o == name => {
                        if name == "Text" {
                            text = Some(one_line(&buf));
                        } else {
                            parse = Some(buf.trim().to_string());
                        }
                    }
                    Some((o, _)) => {
                        self.sc.skip_record();
                        return Err(fail(at, format!("</{name}> closes <{o}>")));
                    }
                    None if name == "Sentence" => break,
                    None => {}
                },
            }
        }
        if id.is_empty() {
            return Err(fail(line, "no id attribute".into()));
        }
        let raw_date = attr(attrs, "date").unwrap_or("");
        let Some(date) = iso_date(raw_date) else {
            return Err(fail(
                line,
                format!("date {raw_date:?} is not a calendar day YYYYMMDD"),
            ));
        };
        let text = match text {
            Some(t) if !t.is_empty() => t,
            Some(_) => return Err(fail(line, "empty <Text>".into())),
            None => return Err(fail(line, "no <Text>".into())),
        };
        // PETRARCH codes the words of the record's parse, which now and then differ from
        // its <Text> ("congresses" for "government"): those words are the document.
        let text = parse.as_deref().and_then(parse_words).unwrap_or(text);
        // A record with no <EventCoding> at all expects nothing coded, as one that says so.
        let noevents = noevents || (expected.is_empty() && error.is_none());
        let mut extra = Map::new();
        if let Some(c) = attr(attrs, "category") {
            extra.insert("category".into(), c.into());
        }
        extra.insert("expected".into(), Value::Array(expected));
        extra.insert("noevents".into(), noevents.into());
        if let Some(e) = error {
            extra.insert("error".into(), e.into());
        }
        if let Some(p) = parse {
            extra.insert("parse".into(), p.into());
        }
        if !self.config.is_empty() {
            extra.insert("config".into(), Value::Object(self.config.clone()));
        }
        let meta = DocMeta {
            id,
            date: Some(date),
            extra,
            ..DocMeta::default()
        };
        Ok(Doc::new(meta, text))
    }
}

impl Iterator for PetrarchReader {
    type Item = Result<Doc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let Some((line, item)) = self.sc.next_item() else {
                self.done = true;
                if self.records == 0 {
                    return Some(Err(ReadError::new(
                        &self.origin,
                        "no <Sentence> records (is this a PETRARCH validation file?)",
                    )));
                }
                return None;
            };
            let item = match item {
                Ok(i) => i,
                Err(e) => return Some(Err(ReadError::at_line(&self.origin, line, e))),
            };
            match item {
                Item::Start { name, attrs, .. } if name == "Sentence" => {
                    self.records += 1;
                    return Some(self.record(&attrs, line));
                }
                Item::Start { name, attrs, .. } if name == "Config" => {
                    if let (Some(k), Some(v)) = (attr(&attrs, "option"), attr(&attrs, "value")) {
                        self.config.insert(k.to_string(), v.into());
                    }
                }
                Item::Start { name, .. } if name == "Stop" => self.done = true,
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUITE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/petrarch-validation/PETR.UnitTest.records.xml"
    );

    fn read(xml: &str) -> Vec<Result<Doc, ReadError>> {
        PetrarchReader::new(xml.as_bytes().to_vec(), "t.xml")
            .unwrap()
            .collect()
    }

    #[test]
    fn reads_the_petrarch_suite() {
        let bytes = std::fs::read(SUITE).unwrap();
        let env = environment(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(env.verbs, ["PETR.Validate.verbs.txt"]);
        assert_eq!(env.actors, ["PETR.Validate.actors.txt"]);
        assert_eq!(env.discards, ["PETR.Validate.discards.txt"]);
        let docs: Vec<Doc> = PetrarchReader::new(bytes, SUITE)
            .unwrap()
            .map(|d| d.unwrap())
            .collect();
        assert_eq!(docs.len(), 284);
        let first = &docs[0];
        assert_eq!(first.meta.id, "DEMO-00");
        assert_eq!(first.meta.date.as_deref(), Some("1995-01-01"));
        assert_eq!(
            first.text,
            "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy."
        );
        assert_eq!(first.meta.extra["category"], "DEMO");
        assert_eq!(
            first.meta.extra["expected"],
            json!([{"source": "ARN", "target": "GON", "event": "064"}])
        );
        assert!(first.meta.extra["parse"]
            .as_str()
            .unwrap()
            .starts_with("(ROOT (S"));
        // Spaces around `=`, single quotes around a quoted new actor, a <Config> in force.
        let demo22 = docs.iter().find(|d| d.meta.id == "DEMO-22").unwrap();
        assert_eq!(demo22.meta.extra["expected"][1]["source"], "INJURY TOLL");
        assert_eq!(demo22.meta.extra["config"]["new_actor_length"], "4");
        let parsing = docs
            .iter()
            .find(|d| d.meta.id == "AFP080801M008-2")
            .unwrap();
        assert_eq!(parsing.meta.date.as_deref(), Some("2008-08-01"));
        assert_eq!(parsing.meta.extra["noevents"], true);
        let errors = docs.iter().filter(|d| d.meta.extra.contains_key("error"));
        assert_eq!(errors.count(), 7);
        // The words coded are the parse's ("full &TIETYPE ties" in the text, "full & TIETYPE
        // ties" in the parse), entities decoded; "isn't" split by the parse joined again.
        let tie = docs.iter().find(|d| d.text.contains("TIETYPE")).unwrap();
        assert!(tie.text.contains("full & TIETYPE ties"), "{}", tie.text);
        let agent12 = docs.iter().find(|d| d.meta.id == "AGENT-12").unwrap();
        assert!(
            agent12
                .text
                .starts_with("The Calenardhon Congresses condemned"),
            "{}",
            agent12.text
        );
        let isnt = docs.iter().find(|d| d.meta.id == "PATTERN-12").unwrap();
        assert!(isnt.text.contains("isn't"), "{}", isnt.text);
    }

    #[test]
    fn parse_words_are_the_text() {
        assert_eq!(
            parse_words(
                "(ROOT (S (NP (NNP Gondor) (POS 's)) (VP (VBZ is) (RB n't) (ADJP (JJ happy))) \
                 (. .)))"
            )
            .as_deref(),
            Some("Gondor's isn't happy.")
        );
        assert_eq!(
            parse_words("(NP (NNP Arnor)) (, ,) (NP (-LRB- -LRB-) (NN x) (-RRB- -RRB-))")
                .as_deref(),
            Some("Arnor, (x)")
        );
        assert_eq!(parse_words("no leaves"), None);
    }

    #[test]
    fn bad_records_are_named_and_reading_goes_on() {
        let xml = r#"<Sentences>
<Sentence date="20080801" id="A-1" category="X">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Arnor restored ties.</Text>
</Sentence>
<Sentence date="20081301" id="BAD-DATE">
<EventCoding noevents="True"/>
<Text>x</Text>
</Sentence>
<Sentence date="20080801" id="BAD-ATTR">
<EventCoding sourcecode=ARN targetcode="GON" eventcode="064"></EventCoding>
<Text>x</Text>
</Sentence>
<Sentence date="20080801" id="NO-TEXT">
<EventCoding noevents="True"/>
</Sentence>
<Sentence date="20080801" id="NESTED">
<Text>a <b>bold</b> move</Text>
</Sentence>
<Sentence date="20080801" id="A-2">
<EventCoding error="dateline"></EventCoding>
<Text>Still read.</Text>
</Sentence>
<Sentence date="20080801" id="OPEN">
<Text>never closed</Text>
"#;
        let got = read(xml);
        let ok: Vec<&str> = got
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|d| d.meta.id.as_str())
            .collect();
        assert_eq!(ok, ["A-1", "A-2"]);
        let errs: Vec<String> = got
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errs.len(), 5, "{errs:#?}");
        assert!(errs[0].starts_with("t.xml:6: record \"BAD-DATE\": date \"20081301\""));
        assert!(
            errs[1].contains("t.xml:11: record \"BAD-ATTR\"") && errs[1].contains("not quoted")
        );
        assert!(errs[2].contains("\"NO-TEXT\": no <Text>"));
        assert!(errs[3].contains("\"NESTED\": <b> inside <Text>"));
        assert!(errs[4].contains("\"OPEN\": not closed by </Sentence>"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for xml in [
            "",
            "plain text",
            "<!-- never closed",
            "<Sentence id='x' date='20080101'",
            "<Sentence id='x' date='20080101'><Text>a</Text><EventCoding noevents='true'/></Sentence",
            "<Sentence id='é' date='2008'><Text>ü</Text></Sentence>",
            "<<<>>>&&;&#xZZ;<a b='c' d>",
        ] {
            let got = read(xml);
            assert!(got.iter().any(|r| r.is_err()), "{xml}: {got:?}");
        }
        assert!(PetrarchReader::new(b"\xff\xfe".to_vec(), "b.xml").is_err());
    }

    #[test]
    fn dates_entities_and_config() {
        assert_eq!(iso_date("19950101").as_deref(), Some("1995-01-01"));
        assert_eq!(iso_date("2008-08-01").as_deref(), Some("2008-08-01"));
        assert_eq!(iso_date("19950230"), None);
        assert_eq!(
            decode_entities("a &amp;b &lt;&#65;&#x42; &zz; &"),
            "a &b <AB &zz; &"
        );
        let xml = "<Config option=\"require_dyad\" value=\"false\"></Config>\
            <Sentence date='20080801' id='C'><EventCoding noevents='True'/><Text>x y</Text></Sentence>\
            <Stop></Stop><Sentence date='20080801' id='AFTER'><Text>z</Text></Sentence>";
        let docs: Vec<Doc> = read(xml).into_iter().map(|d| d.unwrap()).collect();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].meta.extra["config"]["require_dyad"], "false");
    }
}
