//! Issue dictionaries (`*Issue*.txt`): phrases that tag a sentence with topics
//! (`n:atrocity [ID_ATROCITY]`), grouped in `<ISSUE CATEGORY="...">` blocks, with `~`
//! phrases that cancel issue coding for the sentence.

use super::agents::regular_plural;
use super::lines::{bracketed, meaningful_lines, Diagnostics, Warning};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Every phrase the line stands for after `n:`, `v:` and `+` expansion, upper case.
    pub phrases: Vec<Vec<String>>,
    pub code: String,
    pub category: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueIgnore {
    pub phrases: Vec<Vec<String>>,
    /// `~~` rather than `~` (the files use it for historical cases; both cancel).
    pub double: bool,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct IssueDictionary {
    pub issues: Vec<Issue>,
    pub ignores: Vec<IssueIgnore>,
    pub categories: Vec<String>,
}

/// Forms of one written word: `n:` singular and plural, `v:` base, `S`, `ED`, `ING`, and
/// `a+b` joined by a blank (two words) or a hyphen.
fn word_forms(w: &str) -> Result<Vec<Vec<String>>, String> {
    let w = w.to_uppercase();
    // `n:pick+pocket`: the expansion belongs to the last word.
    for kind in ["N:", "V:"] {
        if let Some((a, b)) = w.strip_prefix(kind).and_then(|r| r.rsplit_once('+')) {
            return word_forms(&format!("{a}+{kind}{b}"));
        }
    }
    if let Some((a, b)) = w.split_once('+') {
        if a.is_empty() || b.is_empty() || a.contains(':') {
            return Err(format!("bad joined word {w:?} (want a+b)"));
        }
        let mut out = Vec::new();
        for r in word_forms(b)? {
            let mut spaced = vec![a.to_string()];
            spaced.extend(r.iter().cloned());
            out.push(spaced);
            let mut hyph = r.clone();
            hyph[0] = format!("{a}-{}", r[0]);
            out.push(hyph);
        }
        return Ok(out);
    }
    let (kind, stem) = match w.split_once(':') {
        Some((k, s)) if k == "N" || k == "V" => (Some(k.to_string()), s.to_string()),
        Some((k, _)) => return Err(format!("unknown expansion {k:?}: (want n: or v:)")),
        None => (None, w.clone()),
    };
    if stem.is_empty() {
        return Err(format!("empty word in {w:?}"));
    }
    let mut forms = vec![vec![stem.clone()]];
    match kind.as_deref() {
        Some("N") => forms.push(vec![regular_plural(&stem)]),
        Some(_) => {
            let base = stem.strip_suffix('E').unwrap_or(&stem);
            forms.push(vec![regular_plural(&stem)]);
            forms.push(vec![format!("{base}ED")]);
            forms.push(vec![format!("{base}ING")]);
        }
        None => {}
    }
    Ok(forms)
}

/// All phrases of a line: the product of each word's forms.
fn phrase_forms(s: &str) -> Result<Vec<Vec<String>>, String> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for w in s.split_whitespace() {
        let forms = word_forms(w)?;
        if out.len() * forms.len() > 4096 {
            return Err("too many expansions on one line".into());
        }
        out = out
            .iter()
            .flat_map(|p| {
                forms.iter().map(move |f| {
                    let mut q = p.clone();
                    q.extend(f.iter().cloned());
                    q
                })
            })
            .collect();
    }
    out.retain(|p| !p.is_empty());
    Ok(out)
}

impl IssueDictionary {
    pub fn parse(text: &str, file: &str) -> (IssueDictionary, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut d = IssueDictionary::default();
        let mut category: Option<String> = None;
        for line in meaningful_lines(text) {
            let (t, n) = (line.text.trim(), line.number);
            if let Some(tag) = t.strip_prefix("<ISSUE") {
                category = tag
                    .split_once("CATEGORY=\"")
                    .and_then(|(_, r)| r.split_once('"'))
                    .map(|(c, _)| c.to_string());
                match &category {
                    Some(c) => d.categories.push(c.clone()),
                    None => diag.warn(n, "<ISSUE> tag without CATEGORY=\"...\""),
                }
                continue;
            }
            if t.starts_with("</ISSUE") {
                category = None;
                continue;
            }
            if let Some(rest) = t.strip_prefix('~') {
                let (double, rest) = match rest.strip_prefix('~') {
                    Some(r) => (true, r),
                    None => (false, rest),
                };
                match phrase_forms(rest) {
                    Ok(p) if !p.is_empty() => d.ignores.push(IssueIgnore {
                        phrases: p,
                        double,
                        line: n,
                    }),
                    Ok(_) => diag.warn(n, "ignore line has no phrase"),
                    Err(e) => diag.warn(n, e),
                }
                continue;
            }
            let Some((phrase, code, _)) = bracketed(t) else {
                diag.warn(n, "issue line has no [code]");
                continue;
            };
            let code = code.trim();
            if code.is_empty() || code.contains(char::is_whitespace) {
                diag.warn(n, format!("bad issue code [{code}]"));
                continue;
            }
            match phrase_forms(phrase) {
                Ok(p) if !p.is_empty() => d.issues.push(Issue {
                    phrases: p,
                    code: code.to_string(),
                    category: category.clone(),
                    line: n,
                }),
                Ok(_) => diag.warn(n, "issue line has no phrase"),
                Err(e) => diag.warn(n, e),
            }
        }
        (d, diag.warnings)
    }

    pub fn extend(&mut self, other: IssueDictionary) {
        self.issues.extend(other.issues);
        self.ignores.extend(other.ignores);
        self.categories.extend(other.categories);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_expand_and_group() {
        let text = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:preschool [EARLY_CHILDHOOD_EDUCATION]\npre+k [EARLY_CHILDHOOD_EDUCATION]\npre+n:school [EARLY_CHILDHOOD_EDUCATION]\nn:pick+pocket [CRIME]\nethnic v:purge [ID_ATROCITY]\ntouristry[TOURISM]\n~a head start\n~~Armenian genocide  # not coding historical cases\n</ISSUE>\nx:y [A]\nno code\n[EMPTY]\n";
        let (d, w) = IssueDictionary::parse(text, "i");
        assert_eq!(
            w.iter().map(|w| w.line).collect::<Vec<_>>(),
            [11, 12, 13],
            "{w:?}"
        );
        assert_eq!(d.categories, ["EDUCATION"]);
        let p =
            |i: usize| -> Vec<String> { d.issues[i].phrases.iter().map(|p| p.join(" ")).collect() };
        assert_eq!(p(0), ["PRESCHOOL", "PRESCHOOLS"]);
        assert_eq!(p(1), ["PRE K", "PRE-K"]);
        assert_eq!(
            p(2),
            ["PRE SCHOOL", "PRE-SCHOOL", "PRE SCHOOLS", "PRE-SCHOOLS"]
        );
        assert_eq!(
            p(3),
            ["PICK POCKET", "PICK-POCKET", "PICK POCKETS", "PICK-POCKETS"]
        );
        assert_eq!(
            p(4),
            [
                "ETHNIC PURGE",
                "ETHNIC PURGES",
                "ETHNIC PURGED",
                "ETHNIC PURGING"
            ]
        );
        assert_eq!(
            p(3),
            ["PICK POCKET", "PICK-POCKET", "PICK POCKETS", "PICK-POCKETS"]
        );
        assert_eq!(d.issues[5].code, "TOURISM");
        assert_eq!(d.issues[0].category.as_deref(), Some("EDUCATION"));
        assert_eq!(d.ignores.len(), 2);
        assert!(d.ignores[1].double);
    }
}
