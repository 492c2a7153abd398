//! CAMEO event code labels (`CAMEO_codefile.txt`) and the CAMEO -> PLOVER table
//! (`CAMEO2PLOVER-2021.txt`: event type, mode and context for each code).

use super::lines::{meaningful_lines, Diagnostics, Warning};
use std::collections::HashMap;

fn is_code(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `LABEL: 010= Make statement`; `LABELi:` lines are the ICEWS wording, kept apart.
#[derive(Debug, Default)]
pub struct CameoLabels {
    pub labels: HashMap<String, String>,
    pub icews_labels: HashMap<String, String>,
}

impl CameoLabels {
    pub fn parse(text: &str, file: &str) -> (CameoLabels, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut d = CameoLabels::default();
        for line in meaningful_lines(text) {
            let t = line.text.trim();
            if t.chars().all(|c| c == '~') {
                continue;
            }
            let (icews, rest) = if let Some(r) = t
                .strip_prefix("LABELi:")
                .or_else(|| t.strip_prefix("LABELI:"))
            {
                (true, r)
            } else if let Some(r) = t.strip_prefix("LABEL:") {
                (false, r)
            } else {
                diag.warn(line.number, "expected LABEL: CODE= text");
                continue;
            };
            let Some((code, label)) = rest.split_once('=') else {
                diag.warn(line.number, "label line without '='");
                continue;
            };
            // `LABEL: 0811i=` is the file's other way of writing an ICEWS variant.
            let code = code.trim();
            let (code, icews) = match code.strip_suffix('i') {
                Some(c) => (c, true),
                None => (code, icews),
            };
            if !is_code(code) {
                diag.warn(line.number, format!("bad CAMEO code {code:?}"));
                continue;
            }
            let map = if icews {
                &mut d.icews_labels
            } else {
                &mut d.labels
            };
            // A repeated code (018 is listed twice) corrects the earlier spelling.
            map.insert(code.to_string(), label.trim().to_string());
        }
        (d, diag.warnings)
    }

    /// The label of a code, or of its nearest listed parent (`0874` -> `087`).
    pub fn label(&self, code: &str) -> Option<&str> {
        (2..=code.len())
            .rev()
            .find_map(|n| code.get(..n).and_then(|c| self.labels.get(c)))
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverMapping {
    pub event: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub description: String,
}

/// `030: AGREE,  , diplomatic # Express intent to cooperate`; two-digit roots
/// (`03: AGREE`) give the type for codes the table does not list.
#[derive(Debug, Default)]
pub struct CameoToPlover {
    pub codes: HashMap<String, PloverMapping>,
    /// Root -> PLOVER types in file order (`08` lists CONCEDE then RETREAT).
    pub roots: HashMap<String, Vec<String>>,
}

impl CameoToPlover {
    pub fn parse(text: &str, file: &str) -> (CameoToPlover, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut d = CameoToPlover::default();
        for line in meaningful_lines(text) {
            let n = line.number;
            if line.text.trim().chars().all(|c| c == '~') {
                continue;
            }
            let Some((code, rest)) = line.text.split_once(':') else {
                diag.warn(n, "expected CODE: EVENT, mode, context");
                continue;
            };
            let code = code.trim();
            if !is_code(code) {
                diag.warn(n, format!("bad CAMEO code {code:?}"));
                continue;
            }
            let mut fields = rest.split(',').map(str::trim);
            let event = fields.next().unwrap_or("").to_string();
            if event.is_empty() || !event.bytes().all(|b| b.is_ascii_uppercase()) {
                diag.warn(n, format!("bad PLOVER event type {event:?}"));
                continue;
            }
            if code.len() == 2 && rest.trim() == event {
                d.roots.entry(code.to_string()).or_default().push(event);
                continue;
            }
            let mode = fields.next().filter(|m| !m.is_empty()).map(String::from);
            let contexts = fields
                .next()
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect();
            if fields.next().is_some() {
                diag.warn(n, "more than three fields");
            }
            d.codes.entry(code.to_string()).or_insert(PloverMapping {
                event,
                mode,
                contexts,
                description: line.comment.to_string(),
            });
        }
        (d, diag.warnings)
    }

    /// The mapping of a code, or of its nearest listed parent; `None` when not even the
    /// root is known.
    pub fn lookup(&self, code: &str) -> Option<PloverMapping> {
        for n in (3..=code.len()).rev() {
            if let Some(m) = code.get(..n).and_then(|c| self.codes.get(c)) {
                return Some(m.clone());
            }
        }
        let root = self.roots.get(code.get(..2)?)?;
        Some(PloverMapping {
            event: root.first()?.clone(),
            mode: None,
            contexts: Vec::new(),
            description: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let text = "//01: MAKE PUBLIC STATEMENT\nLABEL: 018= Make empathetic commment\nLABEL: 018= Make empathetic comment\nLABELi: 0214= Appeal for intelligence\nLABEL: 0811i= Ease restrictions\nLABELI: 136= Threaten to halt\nLABEL: 087= De-escalate militarily\nLABEL: x= y\nnothing\n~~~~~\n";
        let (d, w) = CameoLabels::parse(text, "c");
        assert_eq!(w.iter().map(|w| w.line).collect::<Vec<_>>(), [8, 9]);
        assert_eq!(d.label("018"), Some("Make empathetic comment"));
        assert_eq!(d.label("0874"), Some("De-escalate militarily"));
        assert_eq!(d.icews_labels.len(), 3);
        assert_eq!(
            d.icews_labels.get("0811").map(String::as_str),
            Some("Ease restrictions")
        );
        assert_eq!(d.label("99"), None);
    }

    #[test]
    fn plover_table() {
        let text = "# head\n03: AGREE\n0311: AGREE,  ,   economic # Express intent to cooperate economically\n042: CONSULT, visit,   # Make a visit\n08: CONCEDE\n08: RETREAT\n091: ACCUSE, investigate, crime; corruption # Investigate crime\n~~~~~\n9x: A\n050: lower, ,\n";
        let (d, w) = CameoToPlover::parse(text, "p");
        assert_eq!(w.len(), 2, "{w:?}");
        let m = d.lookup("0311").unwrap();
        assert_eq!(
            (m.event.as_str(), m.mode.as_deref(), m.contexts.clone()),
            ("AGREE", None, vec!["economic".to_string()])
        );
        assert_eq!(d.lookup("042").unwrap().mode.as_deref(), Some("visit"));
        assert_eq!(d.lookup("0421").unwrap().event, "CONSULT");
        assert_eq!(d.lookup("091").unwrap().contexts, ["crime", "corruption"]);
        assert_eq!(d.lookup("085").unwrap().event, "CONCEDE");
        assert_eq!(d.lookup("031").unwrap().event, "AGREE");
        assert_eq!(d.lookup("20"), None);
        assert_eq!(d.lookup(""), None);
    }
}
