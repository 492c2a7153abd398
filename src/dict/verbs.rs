//! Verb dictionaries: synonym sets (`&NAME` + `+phrase` lines), verb blocks
//! (`--- NAME [code] ---`, then verbs with their forms and `- pattern [code]` lines) and,
//! in PETRARCH2 files, `~` transformations.
//!
//! Two pattern styles share this grammar. PETRARCH2 (`CAMEO.2.0.txt`) writes parsed
//! phrases: `- * (TO {BANNED PARTIES}) $ [1722]`, with `{...}` a noun phrase whose last
//! word is its head and `(...)` a prepositional phrase. TABARI / PETRARCH-1
//! (`CAMEO.verbpatterns`, the validation suite) writes flat word sequences where `_` glues
//! words that must be adjacent: `- SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS [111]`. A file
//! is taken as PETRARCH2 when it has a transformation or a bracketed phrase in a pattern.

use super::agents::regular_plural;
use super::lines::{meaningful_lines, phrase_words, Diagnostics, Warning};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbFormat {
    Petrarch2,
    Tabari,
}

/// A code in `[...]`: `[042]`, the null code `[---]`, or `[042:043]` where the part after
/// the colon is the event the target does back (a visit made is a visit hosted). TABARI
/// special codes (`[###]` discard, `[+++]`, `[025?]`) are kept verbatim for the coder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpec {
    pub raw: String,
    /// `None` for `---` or an empty part (`[:173]`).
    pub forward: Option<String>,
    pub reverse: Option<String>,
}

impl CodeSpec {
    pub fn parse(inner: &str) -> Result<CodeSpec, String> {
        let raw = inner.trim();
        let part = |p: &str| -> Result<Option<String>, String> {
            let p = p.trim();
            if p.is_empty() || p == "---" {
                Ok(None)
            } else if p
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+#?/".contains(c))
                && p.len() <= 12
            {
                Ok(Some(p.to_ascii_uppercase()))
            } else {
                Err(format!("bad event code {p:?}"))
            }
        };
        let (f, r) = match raw.split_once(':') {
            Some((f, r)) => (part(f)?, part(r)?),
            None => (part(raw)?, None),
        };
        if raw.is_empty() {
            return Err("empty code []".into());
        }
        Ok(CodeSpec {
            raw: raw.to_string(),
            forward: f,
            reverse: r,
        })
    }

    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynsetMember {
    /// Words; a word starting with `&` names another synset.
    pub words: Vec<String>,
    /// Regular plurals may be formed (neither the phrase nor the label ends in `_`).
    pub plural: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Without the `&` and the trailing `_`.
    pub name: String,
    /// False when the label ends in `_`: no member takes regular plurals.
    pub plural: bool,
    pub members: Vec<SynsetMember>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// The phrase, upper case (`CORDON OFF`).
    pub words: Vec<String>,
    /// Which word is the verb (marked `+` in multi-word phrases).
    pub head: usize,
    /// Every form, the base first: the `{...}` list when given, else regular forms.
    pub forms: Vec<Vec<String>>,
    pub code: Option<CodeSpec>,
    pub line: usize,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(String),
    Synset(String),
    /// `*`: where the verb stands.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: skip the next noun phrase.
    Skip,
    /// `%`: a compound actor, source and target at once.
    Compound,
    /// `{A B}`: a noun phrase, head last.
    Phrase(Vec<Item>),
    /// `(P ...)`: a prepositional phrase, preposition first.
    Prep(Vec<Item>),
    /// `A_B`: items that must be adjacent (TABARI).
    Joined(Vec<Item>),
}

impl Item {
    fn has_verb(&self) -> usize {
        match self {
            Item::Verb => 1,
            Item::Phrase(v) | Item::Prep(v) | Item::Joined(v) => v.iter().map(Item::has_verb).sum(),
            _ => 0,
        }
    }
    fn is_bracketed(&self) -> bool {
        matches!(self, Item::Phrase(_) | Item::Prep(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub items: Vec<Item>,
    pub code: CodeSpec,
    /// The comment after `#` (the verb it came from, coder initials).
    pub note: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    /// Code of the bare verb; the null code when the header gives none.
    pub code: CodeSpec,
    pub verbs: Vec<VerbEntry>,
    pub patterns: Vec<Pattern>,
    pub line: usize,
}

/// An actor place in a transformation: a letter names an actor, `.` any actor, `_` none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Var(char),
    Unspecified,
    Absent,
}

/// A verb (or, on the right, a code) in a transformation; `Q` is any verb / the same code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerbRef {
    Any,
    Named(String),
}

/// `~ a (b c INNER) OUTER = d e CODE`: "a OUTERs that b INNERs c" becomes "d CODE e".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    pub source: Slot,
    pub inner_source: Slot,
    pub inner_target: Slot,
    pub inner_verb: VerbRef,
    pub verb: VerbRef,
    pub result_source: Slot,
    pub result_target: Slot,
    pub result: VerbRef,
    pub line: usize,
}

#[derive(Debug)]
pub struct VerbDictionary {
    pub format: VerbFormat,
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub transformations: Vec<Transformation>,
}

/// Regular forms of an English verb: third person, past, gerund (no consonant doubling:
/// the files list such verbs with their forms).
pub fn regular_verb_forms(base: &str) -> [String; 3] {
    let s = regular_plural(base);
    let ed = if base.ends_with('E') {
        format!("{base}D")
    } else if s.ends_with("IES") {
        format!("{}IED", &base[..base.len() - 1])
    } else {
        format!("{base}ED")
    };
    let ing = match base.strip_suffix('E') {
        Some(stem) if !stem.ends_with('E') && !stem.is_empty() => format!("{stem}ING"),
        _ => format!("{base}ING"),
    };
    [s, ed, ing]
}

/// Lexes a pattern into brackets and words.
fn lex(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let special = matches!(c, '(' | ')' | '{' | '}');
        if c.is_whitespace() || special {
            if let Some(b) = start.take() {
                out.push(&s[b..i]);
            }
            if special {
                out.push(&s[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(b) = start {
        out.push(&s[b..]);
    }
    out
}

fn atom(w: &str) -> Result<Item, String> {
    Ok(match w {
        "*" => Item::Verb,
        "$" => Item::Source,
        "+" => Item::Target,
        "^" => Item::Skip,
        "%" => Item::Compound,
        _ if w.starts_with('&') && w.len() > 1 => {
            Item::Synset(w[1..].trim_end_matches('_').to_uppercase())
        }
        _ if w.contains(['[', ']', '<', '>', '=']) => {
            return Err(format!("unexpected {w:?} in pattern"))
        }
        _ => Item::Word(w.to_uppercase()),
    })
}

fn word_item(w: &str) -> Result<Option<Item>, String> {
    let parts: Vec<Item> = w
        .split('_')
        .filter(|p| !p.is_empty())
        .map(atom)
        .collect::<Result<_, _>>()?;
    Ok(match parts.len() {
        0 => None,
        1 => parts.into_iter().next(),
        _ => Some(Item::Joined(parts)),
    })
}

/// Items up to the closing bracket `close` (or the end when `None`).
fn items<'a>(
    lex: &mut impl Iterator<Item = &'a str>,
    close: Option<&str>,
) -> Result<Vec<Item>, String> {
    let mut out = Vec::new();
    while let Some(t) = lex.next() {
        match t {
            "(" => out.push(Item::Prep(items(lex, Some(")"))?)),
            "{" => out.push(Item::Phrase(items(lex, Some("}"))?)),
            ")" | "}" => {
                return if close == Some(t) {
                    Ok(out)
                } else {
                    Err(format!("unbalanced {t:?} in pattern"))
                };
            }
            w => out.extend(word_item(w)?),
        }
    }
    match close {
        Some(c) => Err(format!("missing {c:?} in pattern")),
        None => Ok(out),
    }
}

pub fn parse_pattern_items(s: &str) -> Result<Vec<Item>, String> {
    let lexed = lex(s);
    let items = items(&mut lexed.into_iter(), None)?;
    let verbs: usize = items.iter().map(Item::has_verb).sum();
    if verbs != 1 {
        return Err(format!(
            "pattern needs exactly one '*' for the verb, has {verbs}"
        ));
    }
    Ok(items)
}

/// The last `[...]` of a line (patterns may contain `{...}` before it) and the text before.
fn trailing_code(t: &str) -> Option<(&str, &str)> {
    let open = t.rfind('[')?;
    let close = open + t[open..].find(']')?;
    Some((&t[..open], &t[open + 1..close]))
}

fn parse_verb_entry(t: &str, n: usize) -> Result<VerbEntry, String> {
    let (body, code) = match trailing_code(t) {
        Some((b, c)) => (b, Some(CodeSpec::parse(c)?)),
        None if t.contains('[') => return Err("unclosed '[' in verb line".into()),
        None => (t, None),
    };
    let (phrase, forms) = match body.find('{') {
        Some(k) => {
            let e = body[k..].find('}').ok_or("unclosed '{' in verb forms")?;
            (&body[..k], Some(&body[k + 1..k + e]))
        }
        None => (body, None),
    };
    let split = |p: &str| -> (Vec<String>, usize) {
        let words = phrase_words(p);
        let head = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
        let words = words
            .into_iter()
            .map(|w| w.trim_start_matches('+').to_string())
            .collect();
        (words, head)
    };
    let (words, head) = split(phrase);
    if words.is_empty() || words.iter().any(|w| w.is_empty()) {
        return Err("verb line has no verb".into());
    }
    if words
        .iter()
        .any(|w| w.contains(['{', '}', '(', ')', '*', '$', '&']))
    {
        return Err(format!("unexpected characters in verb {:?}", phrase.trim()));
    }
    let mut all = vec![words.clone()];
    match forms {
        Some(list) => {
            for f in list.split_whitespace() {
                let (w, _) = split(f);
                if !w.is_empty() {
                    all.push(w);
                }
            }
        }
        None => {
            for form in regular_verb_forms(&words[head]) {
                let mut w = words.clone();
                w[head] = form;
                all.push(w);
            }
        }
    }
    Ok(VerbEntry {
        words,
        head,
        forms: all,
        code,
        line: n,
    })
}

/// `--- NAME [code] ---`; the name may have blanks (`--- LASH OUT [122] ---`). When a
/// header has two codes (`--- DELAY [120]  [031:031] ---`) the first is taken and the
/// rest reported.
fn parse_block_header(t: &str) -> Result<(String, CodeSpec, Option<String>), String> {
    let dash_or_blank = |c: char| c == '-' || c.is_whitespace();
    let inner = t.trim_matches(dash_or_blank);
    let (name, code, extra) = match inner.find('[') {
        Some(k) => {
            let rest = &inner[k + 1..];
            let e = rest.find(']').ok_or("unclosed '[' in block header")?;
            let after = rest[e + 1..].trim();
            let extra =
                (!after.is_empty()).then(|| format!("text {after:?} after the block code ignored"));
            (inner[..k].trim(), CodeSpec::parse(&rest[..e])?, extra)
        }
        None => (inner, CodeSpec::parse("---")?, None),
    };
    if name.is_empty() || name.contains(['[', ']', '{', '}']) {
        return Err(format!("bad verb block name {name:?}"));
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((name.to_uppercase(), code, extra))
}

fn slot(s: &str) -> Result<Slot, String> {
    match s {
        "." => Ok(Slot::Unspecified),
        "_" => Ok(Slot::Absent),
        _ if s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase()) => {
            Ok(Slot::Var(s.chars().next().unwrap_or('a')))
        }
        _ => Err(format!("bad actor slot {s:?} (want a letter, '.' or '_')")),
    }
}

fn verb_ref(s: &str) -> VerbRef {
    if s == "Q" {
        VerbRef::Any
    } else {
        VerbRef::Named(s.to_uppercase())
    }
}

pub fn parse_transformation(t: &str, n: usize) -> Result<Transformation, String> {
    let body = t.trim().trim_start_matches('~');
    let (lhs, rhs) = body.split_once('=').ok_or("transformation without '='")?;
    let l = lex(lhs);
    let r: Vec<&str> = rhs.split_whitespace().collect();
    let [s, "(", is, it, iv, ")", v] = l.as_slice() else {
        return Err("transformation left side should read: a (b c VERB) VERB".into());
    };
    let [rs, rt, rc] = r.as_slice() else {
        return Err("transformation right side should read: a b CODE".into());
    };
    Ok(Transformation {
        source: slot(s)?,
        inner_source: slot(is)?,
        inner_target: slot(it)?,
        inner_verb: verb_ref(iv),
        verb: verb_ref(v),
        result_source: slot(rs)?,
        result_target: slot(rt)?,
        result: verb_ref(rc),
        line: n,
    })
}

enum Context {
    Start,
    Synset,
    Block,
}

impl VerbDictionary {
    pub fn parse(text: &str, file: &str) -> (VerbDictionary, Vec<Warning>) {
        let mut diag = Diagnostics::new(file);
        let mut d = VerbDictionary {
            format: VerbFormat::Tabari,
            synsets: Vec::new(),
            blocks: Vec::new(),
            transformations: Vec::new(),
        };
        let mut ctx = Context::Start;
        let mut bracketed_patterns = false;
        for line in meaningful_lines(text) {
            let (t, n) = (line.text.trim(), line.number);
            let result: Result<(), String> = (|| {
                if t.starts_with("---") {
                    let (name, code, extra) = parse_block_header(t)?;
                    if let Some(e) = extra {
                        diag.warn(n, e);
                    }
                    d.blocks.push(VerbBlock {
                        name,
                        code,
                        verbs: Vec::new(),
                        patterns: Vec::new(),
                        line: n,
                    });
                    ctx = Context::Block;
                } else if let Some(name) = t.strip_prefix('&') {
                    let name = name.trim();
                    if name.is_empty() || name.contains(char::is_whitespace) {
                        return Err(format!("bad synset name {name:?}"));
                    }
                    d.synsets.push(Synset {
                        name: name.trim_end_matches('_').to_uppercase(),
                        plural: !name.ends_with('_'),
                        members: Vec::new(),
                        line: n,
                    });
                    ctx = Context::Synset;
                } else if t.starts_with('~') {
                    d.transformations.push(parse_transformation(t, n)?);
                } else if let Some(p) = t.strip_prefix('-') {
                    let Context::Block = ctx else {
                        return Err("pattern outside a verb block".into());
                    };
                    let (body, code) = trailing_code(p).ok_or("pattern without [code]")?;
                    let code = CodeSpec::parse(code)?;
                    let items = parse_pattern_items(body)?;
                    bracketed_patterns |= items.iter().any(Item::is_bracketed);
                    if let Some(b) = d.blocks.last_mut() {
                        b.patterns.push(Pattern {
                            items,
                            code,
                            note: line.comment.to_string(),
                            line: n,
                        });
                    }
                } else if let (Context::Synset, Some(m)) = (&ctx, t.strip_prefix('+')) {
                    let Some(s) = d.synsets.last_mut() else {
                        return Err("synset member outside a synset".into());
                    };
                    let words = phrase_words(m);
                    if words.is_empty() {
                        return Err("empty synset member".into());
                    }
                    s.members.push(SynsetMember {
                        words,
                        plural: s.plural && !m.trim().ends_with('_'),
                    });
                } else {
                    let Context::Block = ctx else {
                        return Err("verb line outside a verb block".into());
                    };
                    let entry = parse_verb_entry(t, n)?;
                    if let Some(b) = d.blocks.last_mut() {
                        b.verbs.push(entry);
                    }
                }
                Ok(())
            })();
            if let Err(e) = result {
                diag.warn(n, e);
            }
        }
        if bracketed_patterns || !d.transformations.is_empty() {
            d.format = VerbFormat::Petrarch2;
        }
        (d, diag.warnings)
    }

    pub fn verb_count(&self) -> usize {
        self.blocks.iter().map(|b| b.verbs.len()).sum()
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    pub fn extend(&mut self, other: VerbDictionary) {
        if other.format == VerbFormat::Petrarch2 {
            self.format = VerbFormat::Petrarch2;
        }
        self.synsets.extend(other.synsets);
        self.blocks.extend(other.blocks);
        self.transformations.extend(other.transformations);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PETRARCH2: &str = "\
####### SYNONYM SETS #######
&AUXVERB1_
+WAS
+WERE

&CURRENCY
+MONEY
+CASH_

####### VERB PATTERNS #######
---  ACCELERATE   [---]  ---
ACCELERATE
HURRY {HURRIES HURRYING HURRIED }
- * (TO)                                              [042:043]     # RUSH
- * {ARMS SHIPMENT}                                   [072]         # EXPEDITE
- &MILITARY *                                         [154]         # RUSH
- * (BEFORE COURT)                                    [:173]        # APPEAR
- * (TO {BANNED PARTIES}) $                           [1722]        # ADD
- % &AIRCRAFT *                                       [062:062]     # MOCK

---  ASK   [020]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
WIRE_+TAP
+CALL_OFF [160]

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK ) WANT = a b 021
~ a (a b Q) SAY = a b Q
~ a (_ b ASSASSINATE) ATTEMPT = a b 185
";

    #[test]
    fn petrarch2_blocks_patterns_synsets_transformations() {
        let (d, w) = VerbDictionary::parse(PETRARCH2, "CAMEO.2.0.txt");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.format, VerbFormat::Petrarch2);
        assert_eq!(d.synsets.len(), 2);
        assert_eq!(d.synsets[0].name, "AUXVERB1");
        assert!(!d.synsets[0].members[0].plural);
        assert!(d.synsets[1].members[0].plural && !d.synsets[1].members[1].plural);
        let acc = &d.blocks[0];
        assert_eq!(acc.name, "ACCELERATE");
        assert!(acc.code.is_null());
        assert_eq!(
            acc.verbs[0].forms,
            [
                ["ACCELERATE"],
                ["ACCELERATES"],
                ["ACCELERATED"],
                ["ACCELERATING"]
            ]
        );
        assert_eq!(acc.verbs[1].forms.len(), 4);
        assert_eq!(acc.verbs[1].forms[3], ["HURRIED"]);
        let p = &acc.patterns;
        assert_eq!(p.len(), 6);
        assert_eq!(
            p[0].items,
            [Item::Verb, Item::Prep(vec![Item::Word("TO".into())])]
        );
        assert_eq!(
            (p[0].code.forward.as_deref(), p[0].code.reverse.as_deref()),
            (Some("042"), Some("043"))
        );
        assert_eq!(p[0].note, "RUSH");
        assert_eq!(
            p[1].items,
            [
                Item::Verb,
                Item::Phrase(vec![
                    Item::Word("ARMS".into()),
                    Item::Word("SHIPMENT".into())
                ])
            ]
        );
        assert_eq!(p[2].items, [Item::Synset("MILITARY".into()), Item::Verb]);
        assert_eq!(
            (p[3].code.forward.as_deref(), p[3].code.reverse.as_deref()),
            (None, Some("173"))
        );
        assert_eq!(p[4].items.last(), Some(&Item::Source));
        assert_eq!(p[5].items[0], Item::Compound);
        let ask = &d.blocks[1];
        assert_eq!(ask.code.forward.as_deref(), Some("020"));
        assert_eq!(
            (ask.verbs[0].words.clone(), ask.verbs[0].head),
            (vec!["ASK".to_string(), "FOR".into()], 0)
        );
        assert_eq!(ask.verbs[0].forms[1], ["ASKED", "FOR"]);
        assert_eq!(ask.verbs[1].head, 1);
        assert_eq!(ask.verbs[1].forms[2], ["WIRE", "TAPED"]);
        assert_eq!(
            ask.verbs[2]
                .code
                .as_ref()
                .and_then(|c| c.forward.as_deref()),
            Some("160")
        );
        assert_eq!(d.transformations.len(), 4);
        let t = &d.transformations[1];
        assert_eq!(
            (&t.source, &t.inner_source, &t.inner_target),
            (&Slot::Var('a'), &Slot::Var('b'), &Slot::Unspecified)
        );
        assert_eq!(
            (&t.inner_verb, &t.verb, &t.result),
            (
                &VerbRef::Named("ATTACK".into()),
                &VerbRef::Named("WANT".into()),
                &VerbRef::Named("021".into())
            )
        );
        assert_eq!(d.transformations[2].result, VerbRef::Any);
        assert_eq!(d.transformations[3].inner_source, Slot::Absent);
    }

    const TABARI: &str = "\
<!-- PETRARCH VALIDATION SUITE VERBS DICTIONARY -->
&TIETYPES
+MILITARY
+AUSTRIAN FLORIN

--- ABANDON  [345]  ---
ABANDON    # pas 15 Jul 2003
KLM_NOP_+RST [002]
- * NEW_&TIETYPES_RELATIONS [903] #  -PAS 12.01.12
- SAID + MUST * POLICY [100] # ABANDON <ab 10 Jul 2003>

&ACCORDSYN  # embedded synsets
+&TIETYPES
+CLOSER

--- ACCORD  [---] ---
ACCORD
- SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS  [111]  #
- IN_*  [075A]
- * FXLL DIPLOMATIC  [+++]  # -PAS 95.12.18
--- LASH OUT  [122] ---
LASH_+OUT
";

    #[test]
    fn tabari_format_flat_patterns() {
        let (d, w) = VerbDictionary::parse(TABARI, "PETR.Validate.verbs.txt");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.format, VerbFormat::Tabari);
        assert_eq!(d.synsets[0].members[1].words, ["AUSTRIAN", "FLORIN"]);
        assert_eq!(d.synsets[1].members[0].words, ["&TIETYPES"]);
        let b = &d.blocks[0];
        assert_eq!(b.verbs[1].words, ["KLM", "NOP", "RST"]);
        assert_eq!(b.verbs[1].head, 2);
        assert_eq!(
            b.patterns[0].items,
            [
                Item::Verb,
                Item::Joined(vec![
                    Item::Word("NEW".into()),
                    Item::Synset("TIETYPES".into()),
                    Item::Word("RELATIONS".into())
                ])
            ]
        );
        assert_eq!(b.patterns[1].items[1], Item::Target);
        let acc = &d.blocks[1];
        assert_eq!(
            acc.patterns[0].items[0],
            Item::Joined(vec![Item::Word("SUGGESTED".into()), Item::Target])
        );
        assert_eq!(
            acc.patterns[1].items,
            [Item::Joined(vec![Item::Word("IN".into()), Item::Verb])]
        );
        assert_eq!(acc.patterns[1].code.forward.as_deref(), Some("075A"));
        assert_eq!(acc.patterns[2].code.forward.as_deref(), Some("+++"));
        assert_eq!(d.blocks[2].name, "LASH OUT");
    }

    #[test]
    fn bad_verb_lines_warn() {
        let text = "- * X [010]\nVERB\n--- [010] ---\n--- OK [01 0] ---\n--- OK [010] ---\n- * (TO [010]\n- X Y [010]\n- * * [010]\n- * X\n- * X [0*1]\n+\n~ a (b) = c\nGO {GOES\nGO [010\n- * X } [010]\n";
        let (d, w) = VerbDictionary::parse(text, "v");
        let lines: Vec<usize> = w.iter().map(|w| w.line).collect();
        assert_eq!(
            lines,
            [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
            "{w:?}"
        );
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.pattern_count(), 0);
    }

    #[test]
    fn verb_forms() {
        assert_eq!(
            regular_verb_forms("CARRY"),
            ["CARRIES", "CARRIED", "CARRYING"]
        );
        assert_eq!(regular_verb_forms("SAY"), ["SAYS", "SAYED", "SAYING"]);
        assert_eq!(
            regular_verb_forms("ACCUSE"),
            ["ACCUSES", "ACCUSED", "ACCUSING"]
        );
        assert_eq!(
            regular_verb_forms("AGREE"),
            ["AGREES", "AGREED", "AGREEING"]
        );
        assert_eq!(regular_verb_forms("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
    }
}
