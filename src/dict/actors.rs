//! Actor dictionaries (`*.actors.txt`): named people and bodies with CAMEO actor codes that
//! may depend on the date (a president is `USAGOV` only while in office).
//!
//! A record is a primary phrase line, optional `+synonym` lines and optional indented lines
//! of `[CODE restriction]`. Codes may also follow a phrase on its own line. A primary line
//! while the current record has no code yet joins that record: the shipped files list
//! several primaries above one shared code block (`AMERICAN_VICE_PRESIDENT` ...
//! `AMERICAN_VICE-PRESIDENT` ... `[USAGOV]`).

use super::date::Ymd;
use super::lines::{bracketed, meaningful_lines, phrase_words, Diagnostics, Warning};

/// One code with the days it applies to (both ends inclusive, as PETRARCH reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<Ymd>,
    pub to: Option<Ymd>,
}

impl DatedCode {
    pub fn is_default(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn applies_on(&self, day: Ymd) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }

    /// `---` is the null code: the phrase is known but gets no code.
    pub fn is_null(&self) -> bool {
        self.code == "---"
    }

    /// The codes of a compound actor (`[FRO/BIL/SAM]` in the validation suite: the Shire
    /// is three actors at once); one code otherwise.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.code.split('/').filter(|c| !c.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Every phrase naming the actor, as upper-case word sequences.
    pub names: Vec<Vec<String>>,
    /// Parallel to `names`: true when the phrase did not end in `_`, so its last word is a
    /// stem in TABARI terms (`ARGENTIN` finds `ARGENTINA` and `ARGENTINE`).
    pub stems: Vec<bool>,
    pub codes: Vec<DatedCode>,
    /// Line of the record's first phrase.
    pub line: usize,
}

impl Actor {
    /// The code valid on `day`: the first restricted code whose dates hold, else the
    /// unrestricted (default) code. `None` when nothing applies or the code that applies
    /// is the null code `---`.
    pub fn code_on(&self, day: Ymd) -> Option<&str> {
        let hit = self
            .codes
            .iter()
            .find(|c| !c.is_default() && c.applies_on(day))
            .or_else(|| self.codes.iter().find(|c| c.is_default()))?;
        (!hit.is_null()).then_some(hit.code.as_str())
    }

    /// The code for a document without a date: the default code, else the last one listed
    /// (the files list codes oldest first, so that is the most recent role).
    pub fn code_undated(&self) -> Option<&str> {
        let hit = self
            .codes
            .iter()
            .find(|c| c.is_default())
            .or_else(|| self.codes.last())?;
        (!hit.is_null()).then_some(hit.code.as_str())
    }
}

/// Parses `CODE`, `CODE >DATE`, `CODE <DATE` or `CODE DATE-DATE` (blanks allowed after the
/// comparison sign, as in `[EGYGOV > 140608]`).
pub fn parse_dated_code(inner: &str) -> Result<DatedCode, String> {
    let inner = inner.trim();
    let (code, restriction) = match inner.find(char::is_whitespace) {
        Some(k) => (&inner[..k], inner[k..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return Err("empty code in [...]".into());
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-~+#?/".contains(c))
    {
        return Err(format!(
            "code {code:?} has characters other than letters and digits"
        ));
    }
    let code = code.to_ascii_uppercase();
    let date = |s: &str| {
        let s = s.trim();
        Ymd::parse_compact(s).ok_or_else(|| format!("bad date {s:?} (want YYMMDD or YYYYMMDD)"))
    };
    let (from, to) = if restriction.is_empty() {
        (None, None)
    } else if let Some(d) = restriction.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some(d) = restriction.strip_prefix('<') {
        (None, Some(date(d)?))
    } else if let Some((a, b)) = restriction.split_once('-') {
        let (a, b) = (date(a)?, date(b)?);
        if b < a {
            return Err(format!("date range {restriction:?} ends before it starts"));
        }
        (Some(a), Some(b))
    } else {
        return Err(format!(
            "bad date restriction {restriction:?} (want >DATE, <DATE or DATE-DATE)"
        ));
    };
    Ok(DatedCode { code, from, to })
}

/// Reads every `[...]` of `s`, warning about the bad ones. Returns the text before the first.
fn codes_in<'s>(
    s: &'s str,
    line: usize,
    diag: &mut Diagnostics,
    out: &mut Vec<DatedCode>,
) -> &'s str {
    let Some((head, _, _)) = bracketed(s) else {
        if let Some(k) = s.find('[') {
            diag.warn(line, "unclosed '[' in code");
            return &s[..k];
        }
        return s;
    };
    let mut rest = &s[head.len()..];
    while let Some((_, inner, after)) = bracketed(rest) {
        match parse_dated_code(inner) {
            Ok(c) => out.push(c),
            Err(e) => diag.warn(line, e),
        }
        rest = after;
    }
    if rest.contains('[') {
        diag.warn(line, "unclosed '[' in code");
    }
    head
}

/// A phrase as written: words, and whether its last word is a stem (no trailing `_`).
/// A `;` after blanks starts a TABARI-style note (`ABDUL_QADIR_  ; CountryInfo.txt`).
pub fn actor_phrase(s: &str) -> (Vec<String>, bool) {
    let s = match s.find(" ;").or_else(|| s.find("\t;")) {
        Some(k) => &s[..k],
        None => s,
    };
    let s = s.trim();
    (phrase_words(s), !s.ends_with('_'))
}

#[derive(Debug, Default)]
pub struct ActorDictionary {
    pub actors: Vec<Actor>,
}

impl ActorDictionary {
    /// Parses one actor file; `file` names it in warnings. Never fails: bad lines are warned
    /// about and skipped.
    pub fn parse(text: &str, file: &str) -> (ActorDictionary, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut actors: Vec<Actor> = Vec::new();
        let mut current: Option<Actor> = None;
        for line in meaningful_lines(text) {
            let t = line.text;
            let n = line.number;
            if t.starts_with(char::is_whitespace) {
                let Some(actor) = current.as_mut() else {
                    diag.warn(n, "indented code line before any actor phrase");
                    continue;
                };
                let before = codes_in(t, n, &mut diag, &mut actor.codes);
                if !before.trim().is_empty() {
                    diag.warn(
                        n,
                        format!("text {:?} before a code on an indented line", before.trim()),
                    );
                }
                continue;
            }
            let (synonym, body) = match t.strip_prefix('+') {
                Some(b) => (true, b),
                None => (false, t),
            };
            let mut codes = Vec::new();
            let phrase = codes_in(body, n, &mut diag, &mut codes);
            let (words, stem) = actor_phrase(phrase);
            if words.is_empty() {
                diag.warn(n, "line has no actor phrase");
                continue;
            }
            let starts_new = !synonym && current.as_ref().is_none_or(|a| !a.codes.is_empty());
            if synonym && current.is_none() {
                diag.warn(n, "synonym '+' line before any actor phrase");
                continue;
            }
            if starts_new {
                if let Some(done) = current.take() {
                    actors.push(done);
                }
                current = Some(Actor {
                    names: Vec::new(),
                    stems: Vec::new(),
                    codes: Vec::new(),
                    line: n,
                });
            }
            if let Some(actor) = current.as_mut() {
                actor.names.push(words);
                actor.stems.push(stem);
                actor.codes.extend(codes);
            }
        }
        if let Some(done) = current {
            if done.codes.is_empty() {
                diag.warn(
                    done.line,
                    "actor has no code (file ends before one is given)",
                );
            }
            actors.push(done);
        }
        (ActorDictionary { actors }, diag.warnings)
    }

    pub fn extend(&mut self, other: ActorDictionary) {
        self.actors.extend(other.actors);
    }

    pub fn name_count(&self) -> usize {
        self.actors.iter().map(|a| a.names.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
AFGHANISTAN_  [AFG]
+AFGHAN_
+HELMAND # Other provinces, since they're reported often

BARACK_OBAMA
+PRESIDENT_OBAMA_
+THE_OBAMA_ADMINISTRATION
\t[USAELI 780101-000101]
\t[USAGOV >090120]
AMERICAN_VICE_PRESIDENT
+US_VICE_PRESIDENT
AMERICAN_VICE-PRESIDENT
\t[USAGOV]
JEAN_MARIE_GUEHENNO_\t[IGOUNO 000101-080801] [---] #BK 16 Jul 2009# NGO_Actors
KOFI_ANNAN_\t
\t[IGOUNO 970101-061231] 
\t[ELI]# IGOrulers.txt
";

    fn day(s: &str) -> Ymd {
        Ymd::parse_iso(s).unwrap()
    }

    #[test]
    fn records_synonyms_and_shared_code_blocks() {
        let (d, w) = ActorDictionary::parse(SAMPLE, "x.actors.txt");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.actors.len(), 5);
        let afg = &d.actors[0];
        assert_eq!(
            afg.names,
            [vec!["AFGHANISTAN"], vec!["AFGHAN"], vec!["HELMAND"]]
        );
        assert_eq!(afg.stems, [false, false, true]);
        assert_eq!(afg.code_on(day("2020-01-01")), Some("AFG"));
        let vp = &d.actors[2];
        assert_eq!(vp.names.len(), 3);
        assert_eq!(vp.code_undated(), Some("USAGOV"));
    }

    #[test]
    fn date_restricted_codes_pick_the_code_of_the_day() {
        let (d, _) = ActorDictionary::parse(SAMPLE, "x");
        let obama = &d.actors[1];
        assert_eq!(obama.names[0], ["BARACK", "OBAMA"]);
        assert_eq!(obama.code_on(day("1999-05-01")), Some("USAELI"));
        assert_eq!(
            obama.code_on(day("2000-01-01")),
            Some("USAELI"),
            "ends are inclusive"
        );
        assert_eq!(
            obama.code_on(day("2005-01-01")),
            None,
            "no role between the ranges"
        );
        assert_eq!(obama.code_on(day("2009-01-20")), Some("USAGOV"));
        assert_eq!(obama.code_on(day("2015-06-01")), Some("USAGOV"));
        assert_eq!(obama.code_undated(), Some("USAGOV"));
        let guehenno = &d.actors[3];
        assert_eq!(guehenno.code_on(day("2005-01-01")), Some("IGOUNO"));
        assert_eq!(
            guehenno.code_on(day("2010-01-01")),
            None,
            "null default code"
        );
        let annan = &d.actors[4];
        assert_eq!(annan.code_on(day("2001-01-01")), Some("IGOUNO"));
        assert_eq!(annan.code_on(day("2010-01-01")), Some("ELI"));
    }

    #[test]
    fn restriction_forms() {
        let c = parse_dated_code("EGYGOV > 140608").unwrap();
        assert_eq!((c.from, c.to), (Ymd::new(2014, 6, 8), None));
        let c = parse_dated_code("HTIOPPMED <061231").unwrap();
        assert_eq!((c.from, c.to), (None, Ymd::new(2006, 12, 31)));
        let c = parse_dated_code("USAELI 18970101-450703").unwrap();
        assert_eq!((c.from, c.to), (Ymd::new(1897, 1, 1), Ymd::new(1945, 7, 3)));
        assert_eq!(parse_dated_code("pse").unwrap().code, "PSE");
        let shire = parse_dated_code("FRO/BIL/SAM").unwrap();
        assert_eq!(shire.parts().collect::<Vec<_>>(), ["FRO", "BIL", "SAM"]);
        for bad in [
            "",
            "KORGOVBUS 2004017-20061201",
            "X 1920030320-20060520",
            "X ~090101",
            "X 100101-090101",
            "A*B",
            "A B C",
        ] {
            assert!(parse_dated_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_lines_are_reported_with_their_line_numbers() {
        let text = "\t[ABC]\n+X\nGOOD [G]\n\t[BAD 2004017-20061201]\nNAME [OPEN\n[ONLY]\nLAST_\n";
        let (d, w) = ActorDictionary::parse(text, "f.txt");
        let lines: Vec<usize> = w.iter().map(|w| w.line).collect();
        assert_eq!(lines, [1, 2, 4, 5, 6, 5], "{w:?}");
        assert!(w[2].to_string().starts_with("f.txt:4: bad date"));
        assert_eq!(d.actors.len(), 2);
    }
}
