//! Agent dictionaries (`*.agents.txt`): common nouns that give an actor its role
//! (`PRESIDENT [~GOVPRS]`, `HUMAN_RIGHTS_BODY [NGO~]`), with plural forms and `!MARKER!`
//! substitution sets.

use super::lines::{bracketed, meaningful_lines, phrase_words, Diagnostics, Warning};
use std::collections::HashMap;

/// Where an agent code goes relative to the actor's code: `~GOV` after (`USA` + `GOV`),
/// `NGO~` before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentCode {
    Suffix(String),
    Prefix(String),
}

impl AgentCode {
    pub fn parse(s: &str) -> Option<AgentCode> {
        let s = s.trim();
        let ok = |c: &str| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric());
        if let Some(c) = s.strip_prefix('~').filter(|c| ok(c)) {
            Some(AgentCode::Suffix(c.to_ascii_uppercase()))
        } else {
            s.strip_suffix('~')
                .filter(|c| ok(c))
                .map(|c| AgentCode::Prefix(c.to_ascii_uppercase()))
        }
    }

    pub fn code(&self) -> &str {
        match self {
            AgentCode::Suffix(c) | AgentCode::Prefix(c) => c,
        }
    }

    /// The code of `actor` in this role.
    pub fn apply(&self, actor: &str) -> String {
        match self {
            AgentCode::Suffix(c) => format!("{actor}{c}"),
            AgentCode::Prefix(c) => format!("{c}{actor}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// Singular and plural forms, every substitution expanded, as upper-case words.
    pub names: Vec<Vec<String>>,
    pub code: AgentCode,
    /// The phrase separated some words by blanks, which PETRARCH lets other words come
    /// between; the matchers here treat every phrase as consecutive words.
    pub gapped: bool,
    pub line: usize,
}

/// Regular English plural of a word, as the PETRARCH files expect: `+IES` after a
/// consonant and `Y`, `+ES` after `S`, `X`, `Z`, `CH` or `SH`, else `+S`.
pub fn regular_plural(word: &str) -> String {
    let w = word;
    let before_y = w.strip_suffix('Y').and_then(|s| s.chars().last());
    if let Some(c) = before_y {
        if !"AEIOU".contains(c) {
            return format!("{}IES", &w[..w.len() - 1]);
        }
    }
    if ["S", "X", "Z", "CH", "SH"].iter().any(|e| w.ends_with(e)) {
        return format!("{w}ES");
    }
    format!("{w}S")
}

#[derive(Debug, Default)]
pub struct AgentDictionary {
    pub agents: Vec<Agent>,
    /// `!PERSON!` -> `MAN`, `MEN`, ...
    pub substitutions: HashMap<String, Vec<String>>,
}

impl AgentDictionary {
    pub fn parse(text: &str, file: &str) -> (AgentDictionary, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut d = AgentDictionary::default();
        for line in meaningful_lines(text) {
            let (t, n) = (line.text.trim(), line.number);
            if t.starts_with('!') && t.contains('=') && !t.contains('[') {
                let (marker, list) = t.split_once('=').unwrap_or((t, ""));
                let marker = marker.trim().to_uppercase();
                let items: Vec<String> = list
                    .split(',')
                    .map(|s| s.split_whitespace().collect::<String>().to_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect();
                // An item holding a marker could expand forever (`!X! = A!X!`).
                if marker.len() < 3
                    || !marker.ends_with('!')
                    || items.is_empty()
                    || items.iter().any(|i| i.contains('!'))
                {
                    diag.warn(n, "bad substitution set (want !NAME! = A, B, ...)");
                } else {
                    d.substitutions.insert(marker, items);
                }
                continue;
            }
            let Some((phrase, code, _)) = bracketed(t) else {
                diag.warn(n, "agent line has no [code]");
                continue;
            };
            let Some(code) = AgentCode::parse(code) else {
                diag.warn(n, format!("bad agent code [{code}] (want ~CODE or CODE~)"));
                continue;
            };
            let (phrase, plurals) = match phrase.find('{') {
                Some(k) => match phrase[k..].find('}') {
                    Some(e) => (&phrase[..k], Some(&phrase[k + 1..k + e])),
                    None => {
                        diag.warn(n, "unclosed '{' in plural forms");
                        continue;
                    }
                },
                None => (phrase, None),
            };
            let phrase = phrase.trim();
            let gapped = phrase.contains(char::is_whitespace);
            let mut forms: Vec<String> = vec![phrase.to_string()];
            let has_marker = phrase.contains('!');
            match plurals {
                Some(p) => forms.extend(p.split_whitespace().map(String::from)),
                None if !has_marker => {
                    let words = phrase_words(phrase);
                    if let Some((last, init)) = words.split_last() {
                        let mut w = init.join("_");
                        if !w.is_empty() {
                            w.push('_');
                        }
                        w.push_str(&regular_plural(last));
                        forms.push(w);
                    }
                }
                None => {}
            }
            let mut names = Vec::new();
            let mut failed = false;
            for form in &forms {
                match expand_markers(&form.to_uppercase(), &d.substitutions) {
                    Ok(expanded) => names.extend(expanded.iter().map(|e| phrase_words(e))),
                    Err(e) if !failed => {
                        failed = true;
                        diag.warn(n, e);
                    }
                    Err(_) => {}
                }
            }
            names.retain(|w: &Vec<String>| !w.is_empty());
            if names.is_empty() {
                if !failed {
                    diag.warn(n, "agent line has no phrase");
                }
                continue;
            }
            d.agents.push(Agent {
                names,
                code,
                gapped,
                line: n,
            });
        }
        (d, diag.warnings)
    }

    pub fn extend(&mut self, other: AgentDictionary) {
        self.agents.extend(other.agents);
        self.substitutions.extend(other.substitutions);
    }

    pub fn name_count(&self) -> usize {
        self.agents.iter().map(|a| a.names.len()).sum()
    }
}

/// Every phrase obtained by replacing each `!MARKER!` with each of its items.
fn expand_markers(form: &str, subs: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = form.find('!') else {
        return Ok(vec![form.to_string()]);
    };
    let Some(len) = form[a + 1..].find('!') else {
        return Err(format!("unclosed substitution marker in {form:?}"));
    };
    let marker = &form[a..a + len + 2];
    let items = subs
        .get(marker)
        .ok_or_else(|| format!("substitution {marker} is not defined above"))?;
    let mut out = Vec::new();
    for item in items {
        let replaced = format!("{}{}{}", &form[..a], item, &form[a + len + 2..]);
        out.extend(expand_markers(&replaced, subs)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

CATTLE!PERSON! [~AGR]
COMPANY [~BUS]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
ANTI_RIOT_POLICE {} [~COP]
DEPARMENT_OF_ENVIRONMENT [~ENV}
CHIEF EXECUTIVE [~GOV]
!MINIST! FOR_DEFENCE [~GOVMIL]
HUMAN_RIGHTS_BODY  [NGO~] # BNL 07 Dec 2001
";

    #[test]
    fn agents_plurals_and_substitutions() {
        let (d, w) = AgentDictionary::parse(SAMPLE, "a");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.agents.len(), 8);
        let names =
            |i: usize| -> Vec<String> { d.agents[i].names.iter().map(|n| n.join(" ")).collect() };
        assert_eq!(
            names(0),
            [
                "CATTLEMAN",
                "CATTLEMEN",
                "CATTLEWOMAN",
                "CATTLEWOMEN",
                "CATTLEPERSON"
            ]
        );
        assert_eq!(names(1), ["COMPANY", "COMPANIES"]);
        assert_eq!(names(2), ["CHAMBER OF COMMERCE", "CHAMBERS OF COMMERCE"]);
        assert_eq!(names(3), ["ANTI RIOT POLICE"]);
        assert_eq!(d.agents[4].code, AgentCode::Suffix("ENV".into()));
        assert!(d.agents[5].gapped && !d.agents[1].gapped);
        assert_eq!(names(6)[3], "MINISTRIES FOR DEFENCE");
        assert_eq!(d.agents[7].code.apply("USA"), "NGOUSA");
        assert_eq!(d.agents[6].code.apply("USA"), "USAGOVMIL");
    }

    #[test]
    fn plurals() {
        for (s, p) in [
            ("ARMY", "ARMIES"),
            ("ATTORNEY", "ATTORNEYS"),
            ("BOSS", "BOSSES"),
            ("CHURCH", "CHURCHES"),
            ("TROOP", "TROOPS"),
        ] {
            assert_eq!(regular_plural(s), p);
        }
    }

    #[test]
    fn bad_agent_lines_warn() {
        let text =
            "X\nY [GOV]\nZ {ZS [~A]\n!Q! B [~A]\n!R! =\n[~GOV]\nOK [~GOV]\n!S! = A!S!\nB!S! [~X]\n";
        let (d, w) = AgentDictionary::parse(text, "a");
        assert_eq!(
            w.iter().map(|w| w.line).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 8, 9],
            "{w:?}"
        );
        assert_eq!(d.agents.len(), 1);
    }
}
