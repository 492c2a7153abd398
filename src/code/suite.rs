//! Suite mode ([`super::Coder::suite_mode`]): coding as PETRARCH does with a test suite's own
//! dictionaries, for `dragoman eval petrarch`. News coding never enters here.
//!
//! What differs from news: only the dictionaries' verbs are triggers (the built-in event
//! nouns' codes are not the suite's); codes that are not CAMEO (`903`, `174K`) are kept; a
//! role without a named country is `---` (PETRARCH guesses none); a `[032:033]` verb also
//! records the paired event the other way; the first three letters of every actor code are
//! a country (`MRGORC`), whether or not the file lists them alone; a verb with no direct
//! target takes the first actor named inside its objects and phrases.

use super::actors::{ActorContext, Found, SpanKind, SECTORS};
use super::tree::Tree;
use super::triggers::{is_event_code, Trigger};
use crate::dict::agents::AgentCode;
use crate::dict::verbs::Item;
use crate::dict::{Dictionaries, Encoded};
use crate::doc::Upos;
use crate::event::EventRecord;

/// The country of an actor known only by its role.
pub const NULL_COUNTRY: &str = "---";

/// Every three-letter head of the dictionary's actor codes that is not a sector.
pub fn code_heads(d: &Dictionaries) -> Vec<String> {
    d.actors
        .actors
        .iter()
        .flat_map(|a| &a.codes)
        .flat_map(|c| c.parts())
        .filter_map(|c| c.get(..3))
        .filter(|h| h.bytes().all(|b| b.is_ascii_uppercase()))
        .filter(|h| !SECTORS.contains(h))
        .map(str::to_string)
        .collect()
}

/// PETRARCH's paired event: a verb whose code is `[032:033]` also records that the target
/// did 033 to the source (a visit made is a visit hosted). From the verb's own code only
/// (patterns name one event).
pub fn reverse_trigger(d: &Dictionaries, enc: &Encoded, tr: &Trigger) -> Option<Trigger> {
    if tr.noun {
        return None;
    }
    let (_, hit) = d.verb_at(enc, tr.start)?;
    let block = d.verbs.blocks.get(hit.block as usize)?;
    let spec = block
        .verbs
        .get(hit.entry as usize)
        .and_then(|e| e.code.as_ref())
        .unwrap_or(&block.code);
    let reverse = spec.reverse.as_deref().filter(|r| is_event_code(r))?;
    (spec.forward.as_deref() == Some(tr.cameo.as_str())).then(|| Trigger {
        cameo: reverse.to_string(),
        ..tr.clone()
    })
}

/// Whether a resolved actor says who at all: neither a country nor a role is no actor.
pub fn is_someone(f: &Found) -> bool {
    f.actor.code != NULL_COUNTRY || f.actor.sector.is_some()
}

/// Source and target of a verb as PETRARCH takes them: the subject (a passive's agent,
/// wherever the parser hung its "by" phrase in the verb's phrase); the direct objects, else
/// the first actor named after the verb within its phrase.
pub fn arguments(
    t: &Tree,
    ctx: &ActorContext,
    v: usize,
    subj: &[usize],
    objs: &[usize],
) -> (Vec<Found>, Vec<Found>) {
    let mut subj = subj.to_vec();
    if subj.is_empty() && objs.iter().any(|&x| t.rel(x) == "nsubj:pass") {
        let agent = (v + 1..t.len()).find(|&i| {
            t.within(i, v) && t.case_of(i).is_some_and(|c| c == "by") && t.upos(i) != Upos::Verb
        });
        subj.extend(agent);
    }
    let mut actor = super::resolve_all(t, ctx, &subj, true);
    actor.retain(is_someone);
    // "Old foes Gondor and Osgiliath": the names say who, not a bare noun.
    if actor.iter().any(|f| f.named) {
        actor.retain(|f| f.named || f.actor.sector.is_some());
    }
    let mut recipient = super::resolve_all(t, ctx, objs, true);
    recipient.retain(is_someone);
    if recipient.is_empty() {
        if let Some(deep) = first_named_within(t, ctx, v, &actor) {
            recipient = deep;
        }
    }
    (actor, recipient)
}

/// PETRARCH's target: failing a direct one, the first actor named after the verb within its
/// phrase ("criticised the efforts of Eriador", "allowed that Mordor isn't ...", "a trip in
/// the White Downs"), but not in its agent's "by" phrase, with its conjuncts.
pub fn first_named_within(
    t: &Tree,
    ctx: &ActorContext,
    v: usize,
    actor: &[Found],
) -> Option<Vec<Found>> {
    let by_agent = |mut i: usize| {
        while i != v {
            if t.case_of(i).is_some_and(|c| c == "by") || t.rel(i) == "obl:agent" {
                return true;
            }
            match t.head(i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    };
    let head = ctx
        .spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::Actor(_)) && s.start > v)
        // The word of the span the rest of it hangs on.
        .filter_map(|s| {
            (s.start..s.end).find(|&i| t.head(i).is_none_or(|h| h < s.start || h >= s.end))
        })
        .find(|&h| t.within(h, v) && !by_agent(h))?;
    let found: Vec<Found> = super::resolve_all(t, ctx, &[head], false)
        .into_iter()
        .filter(|f| !actor.iter().any(|a| a.actor.code == f.actor.code))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// An actor's code with its phrase's agents, as PETRARCH joins them: each agent code in
/// turn, after the code (`~GOV`) or before it (`NGO~`: "MSF Arnor" is `NGOARN`), unless the
/// code already holds it, in whole three-letter codes ("White House security officials"
/// stay `USAGOV`; "West German world government activists" are `GMWGOVWGO`). TABARI's
/// "former": the agents of a phrase that says it are one elite code, `ELI` ("former Gondor
/// prosecutors" is `GONELI`).
pub fn mix_agents(actor: &str, agents: &[&AgentCode], former: bool) -> String {
    let elite = AgentCode::Suffix("ELI".to_string());
    let agents: Vec<&AgentCode> = match (former, agents.is_empty()) {
        (true, false) => vec![&elite],
        _ => agents.to_vec(),
    };
    let mut code = actor.to_string();
    for a in agents {
        if !holds_code(&code, a.code()) {
            code = a.apply(&code);
        }
    }
    code
}

/// Whether `code` already holds `part` as whole three-letter codes: `HGWGOVMED` holds
/// `GOVMED`, but `GMWGOV` does not hold `WGO`.
fn holds_code(code: &str, part: &str) -> bool {
    (0..code.len())
        .step_by(3)
        .any(|i| code.get(i..).is_some_and(|rest| rest.starts_with(part)))
}

/// Whether token `i` hangs on `h` through an apposition to another word of the phrase (one
/// to `h` itself, "Chahed, the Prime Minister", names `h`'s role).
pub fn in_apposition(t: &Tree, mut i: usize, h: usize) -> bool {
    for _ in 0..t.len() {
        if i == h {
            return false;
        }
        if t.rel(i) == "appos" && t.head(i) != Some(h) {
            return true;
        }
        match t.head(i) {
            Some(up) => i = up,
            None => return false,
        }
    }
    false
}

/// `h` and its conjuncts, also through a list the parser read as an apposition whose own
/// conjuncts follow ("Mordor, Rohan, Fornost and Bree").
pub fn conjuncts(t: &Tree, h: usize) -> Vec<usize> {
    let mut out = t.with_conjuncts(h);
    let mut k = 0;
    while k < out.len() && out.len() < 16 {
        let listed: Vec<usize> = t
            .kids(out[k], &["appos"])
            .filter(|&a| t.kids(a, &["conj"]).next().is_some())
            .flat_map(|a| t.with_conjuncts(a))
            .filter(|x| !out.contains(x))
            .collect();
        out.extend(listed);
        k += 1;
    }
    out
}

/// "lawmakers in Fornost and Gondor", "ties with Gondor and Arnor": the conjuncts of an
/// actor named inside the phrase headed by `h` are parties too, with the role the phrase
/// gives the first ("lawmakers": FORLEG, GONLEG).
pub fn phrase_conjuncts(t: &Tree, ctx: &ActorContext, h: usize) -> Vec<Found> {
    let np = t.noun_phrase(h);
    let own = conjuncts(t, h);
    let first = ctx.resolve(t, h).into_iter().find(|f| f.named);
    let role = first
        .as_ref()
        .and_then(|f| f.actor.cameo.strip_prefix(f.actor.code.as_str()))
        .unwrap_or("")
        .to_string();
    let mut out: Vec<Found> = Vec::new();
    for s in ctx.spans.iter() {
        if !matches!(s.kind, SpanKind::Actor(_)) || np.binary_search(&s.start).is_err() {
            continue;
        }
        let Some(top) =
            (s.start..s.end).find(|&i| t.head(i).is_none_or(|x| x < s.start || x >= s.end))
        else {
            continue;
        };
        if own.contains(&top) {
            continue;
        }
        for c in conjuncts(t, top).into_iter().skip(1) {
            if own.contains(&c) {
                continue;
            }
            for mut f in ctx.resolve(t, c).into_iter().filter(|f| f.named) {
                if f.actor.cameo.len() == 3 && !role.is_empty() {
                    f.actor.cameo.push_str(&role);
                }
                if !out.iter().any(|o| o.actor.cameo == f.actor.cameo) {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// One element of a pattern as PETRARCH reads it: alternatives that are word sequences
/// ("AUSTRIAN FLORIN", "GOLDEN GOBLIN GALLEONS" of a synset), and whether it must stand
/// right beside its neighbour toward the verb (TABARI's `_`: "IN_*", "NEW_&TIETYPES_RELATIONS").
#[derive(Debug, Clone)]
pub struct Element {
    pub alts: Vec<Alt>,
    pub glued: bool,
}

/// One alternative: its words, and whether its last word may be a regular plural (a
/// synset member may, unless its label ends in `_`; a pattern's own word is a closed
/// match).
#[derive(Debug, Clone)]
pub struct Alt {
    pub words: Vec<String>,
    pub plural: bool,
}

/// A pattern's words before and after the verb, each side listed outward from the verb.
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    pub before: Vec<Element>,
    pub after: Vec<Element>,
    /// Where the pattern's `$` (source) and `+` (target) stand.
    pub source: Option<Role>,
    pub target: Option<Role>,
}

/// A pattern's actor place: before the verb beyond its first `k` words, or after it beyond
/// its first `k` words ("* EID AT ^ WITH +": after the 3 words, "EID AT WITH").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Before(usize),
    After(usize),
}

/// A flat pattern token: an element or the verb, with whether it is glued to the one
/// before it.
enum Tok {
    Verb(bool),
    Source,
    Target,
    Elem(Vec<Alt>, bool),
}

fn synset_alts(d: &Dictionaries, name: &str, depth: usize) -> Vec<Alt> {
    let want = name.trim_start_matches('&').trim_end_matches('_');
    let mut out = Vec::new();
    for m in d.verbs.synsets.iter().filter(|s| s.name == want) {
        for member in &m.members {
            match member.words.as_slice() {
                // "+&TIETYPES": a synset inside a synset.
                [one] if one.starts_with('&') && depth < 3 => {
                    out.extend(synset_alts(d, one, depth + 1))
                }
                words => out.push(Alt {
                    words: words
                        .iter()
                        .flat_map(|w| w.split('_'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_ascii_uppercase)
                        .collect(),
                    plural: m.plural && member.plural,
                }),
            }
        }
    }
    out.retain(|a| !a.words.is_empty());
    out
}

fn flatten(d: &Dictionaries, items: &[Item], glued: bool, out: &mut Vec<Tok>) {
    for (k, it) in items.iter().enumerate() {
        let glued = glued && k == 0;
        match it {
            Item::Verb => out.push(Tok::Verb(glued)),
            Item::Word(w) => {
                // `BOMBING/EXPLOSION`: either word.
                let alts = w
                    .split('/')
                    .filter(|a| !a.is_empty())
                    .map(|a| Alt {
                        words: vec![a.to_ascii_uppercase()],
                        plural: false,
                    })
                    .collect();
                out.push(Tok::Elem(alts, glued));
            }
            Item::Synset(name) => out.push(Tok::Elem(synset_alts(d, name, 0), glued)),
            Item::Joined(v) => {
                // Every part after the first is glued to the one before it.
                for (j, part) in v.iter().enumerate() {
                    flatten(d, std::slice::from_ref(part), glued || j > 0, out);
                }
            }
            Item::Phrase(v) | Item::Prep(v) => flatten(d, v, false, out),
            Item::Source => out.push(Tok::Source),
            Item::Target => out.push(Tok::Target),
            _ => {}
        }
    }
}

/// The pattern's words around its verb.
pub fn sequence(d: &Dictionaries, items: &[Item]) -> Sequence {
    let mut toks = Vec::new();
    flatten(d, items, false, &mut toks);
    let verb = toks.iter().position(|t| matches!(t, Tok::Verb(_)));
    let Some(verb) = verb else {
        return Sequence::default();
    };
    let glued_after = |i: usize| match toks.get(i) {
        Some(Tok::Verb(g)) | Some(Tok::Elem(_, g)) => *g,
        _ => false,
    };
    let mut seq = Sequence::default();
    for i in (0..verb).rev() {
        let role = Some(Role::Before(seq.before.len()));
        match &toks[i] {
            Tok::Elem(alts, _) => seq.before.push(Element {
                alts: alts.clone(),
                glued: glued_after(i + 1),
            }),
            Tok::Source => seq.source = role,
            Tok::Target => seq.target = role,
            Tok::Verb(_) => {}
        }
    }
    for t in &toks[verb + 1..] {
        let role = Some(Role::After(seq.after.len()));
        match t {
            Tok::Elem(alts, g) => seq.after.push(Element {
                alts: alts.clone(),
                glued: *g,
            }),
            Tok::Source => seq.source = role,
            Tok::Target => seq.target = role,
            Tok::Verb(_) => {}
        }
    }
    seq
}

impl Sequence {
    /// How many words the pattern names.
    pub fn weight(&self) -> usize {
        let longest = |e: &Element| e.alts.iter().map(|a| a.words.len()).max().unwrap_or(1);
        self.before.iter().chain(&self.after).map(longest).sum()
    }

    /// Whether the words occur in order around the verb at `start..end`: after it within
    /// the verb's own clause (`inside`), before it within `window` words; glued elements
    /// right beside their neighbour.
    pub fn matches(
        &self,
        words: &[String],
        inside: &dyn Fn(usize) -> bool,
        start: usize,
        end: usize,
        window: (usize, usize),
    ) -> bool {
        self.walk(words, inside, start, end, window).is_some()
    }

    /// Where the matching reached: after the verb once 0, 1, ... of its words were found,
    /// and before it likewise (for the actor places `$` and `+`).
    pub fn walk(
        &self,
        words: &[String],
        inside: &dyn Fn(usize) -> bool,
        start: usize,
        end: usize,
        window: (usize, usize),
    ) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut reached_after = vec![end];
        let mut reached_before = vec![start];
        let n = words.len();
        let at = |j: usize, alt: &Alt| {
            let len = alt.words.len();
            j + len <= n
                && alt.words.iter().enumerate().all(|(k, w)| {
                    let plural = alt.plural && k + 1 == len;
                    &words[j + k] == w
                        || (plural
                            && super::triggers::word_matches(
                                &words[j + k],
                                std::slice::from_ref(w),
                            ))
                })
        };
        let mut pos = end;
        for e in &self.after {
            let limit = (end + window.1).min(n);
            let found = (pos..limit)
                .take(if e.glued { 1 } else { usize::MAX })
                .find_map(|j| {
                    let alt = e.alts.iter().find(|a| inside(j) && at(j, a))?;
                    Some(j + alt.words.len())
                });
            match found {
                Some(p) => pos = p,
                None => return None,
            }
            reached_after.push(pos);
        }
        let mut pos = start;
        let low = start.saturating_sub(window.0);
        for e in &self.before {
            // The nearest occurrence of any alternative.
            let found = e
                .alts
                .iter()
                .filter_map(|a| {
                    let last = pos.checked_sub(a.words.len())?;
                    let first = if e.glued { last } else { low };
                    (first..=last).rev().find(|&j| j >= low && at(j, a))
                })
                .max();
            match found {
                Some(j) => pos = j,
                None => return None,
            }
            reached_before.push(pos);
        }
        Some((reached_after, reached_before))
    }

    /// The word an actor place of the pattern starts looking from.
    pub fn place(role: Role, reached: &(Vec<usize>, Vec<usize>)) -> Option<(bool, usize)> {
        match role {
            Role::After(k) => reached.0.get(k).map(|&p| (true, p)),
            Role::Before(k) => reached.1.get(k).map(|&p| (false, p)),
        }
    }
}

/// The record's own Penn Treebank parse (`<Parse>`, kept by the petrarch-xml reader in
/// `meta.extra["parse"]`) as a tree, with its leaves lined up with the document's tokens.
struct Treebank {
    nodes: Vec<Node>,
    /// Node ids of the leaves, in order.
    leaves: Vec<usize>,
    /// The document token each leaf is, where the words line up.
    tokens: Vec<Option<usize>>,
}

/// Verbs that carry another verb phrase's tense, voice or aspect.
const AUXILIARIES: &[&str] = &[
    "be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m", "have", "has",
    "had", "having", "'ve", "do", "does", "did", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "get", "got", "gets",
];

/// One node: a phrase (`NP`, `VP`, ...) or a leaf (its tag, and its word).
struct Node {
    label: String,
    word: Option<String>,
    kids: Vec<usize>,
    parent: Option<usize>,
}

impl Treebank {
    fn of(doc: &crate::doc::Doc) -> Option<Treebank> {
        let parse = doc.meta.extra.get("parse")?.as_str()?;
        let mut tb = Treebank::read(parse)?;
        tb.align(doc);
        Some(tb)
    }

    /// Reads "(ROOT (S (NP (NNP Arnor)) ...))"; `None` when the brackets do not balance.
    fn read(parse: &str) -> Option<Treebank> {
        let spaced = parse.replace('(', " ( ").replace(')', " ) ");
        let mut atoms = spaced.split_whitespace().peekable();
        let mut tb = Treebank {
            nodes: Vec::new(),
            leaves: Vec::new(),
            tokens: Vec::new(),
        };
        let mut open: Vec<usize> = Vec::new();
        while let Some(a) = atoms.next() {
            match a {
                "(" => {
                    let label = match atoms.peek() {
                        Some(&l) if l != "(" && l != ")" => {
                            atoms.next();
                            l.to_string()
                        }
                        _ => String::new(),
                    };
                    let id = tb.nodes.len();
                    let parent = open.last().copied();
                    tb.nodes.push(Node {
                        label,
                        word: None,
                        kids: Vec::new(),
                        parent,
                    });
                    if let Some(p) = parent {
                        tb.nodes[p].kids.push(id);
                    }
                    open.push(id);
                }
                ")" => {
                    let id = open.pop()?;
                    if tb.nodes[id].word.is_some() {
                        tb.leaves.push(id);
                    }
                }
                word => {
                    let id = *open.last()?;
                    tb.nodes[id].word = Some(word.to_string());
                }
            }
        }
        (open.is_empty() && !tb.nodes.is_empty()).then_some(tb)
    }

    /// Lines the leaves up with the document's tokens, resynchronising over a few leaves
    /// the tokenisers split differently.
    fn align(&mut self, doc: &crate::doc::Doc) {
        self.tokens = vec![None; self.leaves.len()];
        let mut k = 0;
        for (ti, tok) in doc.tokens.iter().enumerate() {
            let same = |leaf: &usize| {
                (self.nodes[*leaf].word.as_deref())
                    .is_some_and(|w| w.eq_ignore_ascii_case(&tok.form))
            };
            let Some(off) = (0..4).find(|&o| self.leaves.get(k + o).is_some_and(same)) else {
                continue;
            };
            k += off;
            self.tokens[k] = Some(ti);
            k += 1;
        }
    }

    fn token_of(&self, node: usize) -> Option<usize> {
        let k = self.leaves.iter().position(|&l| l == node)?;
        self.tokens[k]
    }

    fn is_leaf(&self, n: usize) -> bool {
        self.nodes[n].word.is_some()
    }

    /// The word a phrase is about, as PETRARCH finds heads: a verb phrase's verb (past its
    /// auxiliaries), a noun phrase's last noun, a clause's verb phrase, a preposition's noun.
    fn head(&self, n: usize) -> Option<usize> {
        let node = &self.nodes[n];
        if self.is_leaf(n) {
            return Some(n);
        }
        let kid = |pred: &dyn Fn(&str) -> bool| {
            node.kids
                .iter()
                .copied()
                .find(|&k| pred(&self.nodes[k].label))
        };
        let label = node.label.as_str();
        match label {
            // "will not wire tap": past the auxiliaries, but "wire" is the verb of "wire tap".
            "VP" => {
                let verb = kid(&|l| l.starts_with("VB") || l == "MD" || l == "TO");
                let inner = kid(&|l| l == "VP");
                let auxiliary = verb.is_some_and(|k| {
                    let n = &self.nodes[k];
                    matches!(n.label.as_str(), "MD" | "TO")
                        || n.word
                            .as_deref()
                            .is_some_and(|w| AUXILIARIES.contains(&w.to_ascii_lowercase().as_str()))
                });
                match (verb, inner) {
                    (Some(v), Some(_)) if !auxiliary => Some(v),
                    (_, Some(i)) => self.head(i),
                    (Some(v), None) => Some(v),
                    (None, None) => None,
                }
            }
            "S" | "SINV" | "SQ" | "SBAR" | "ROOT" => {
                kid(&|l| l == "VP" || l == "S").and_then(|k| self.head(k))
            }
            "PP" => kid(&|l| l.starts_with("NP") || l == "S").and_then(|k| self.head(k)),
            _ if label.starts_with("NP") || label == "NX" || label == "WHNP" => {
                // "Fornost and Gondor": the first of coordinated nouns, as the parser has it.
                let coordinated = node.kids.iter().any(|&k| self.nodes[k].label == "CC");
                let mut kids: Vec<usize> = node.kids.clone();
                if !coordinated {
                    kids.reverse();
                }
                let noun = kids.into_iter().find(|&k| {
                    self.is_leaf(k)
                        && matches!(
                            self.nodes[k].label.as_str(),
                            "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "CD"
                        )
                });
                match noun {
                    Some(k) => Some(k),
                    None => kid(&|l| l.starts_with("NP")).and_then(|k| self.head(k)),
                }
            }
            _ => node.kids.first().and_then(|&k| self.head(k)),
        }
    }

    /// The tokens a phrase spans.
    fn span(&self, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            if self.is_leaf(x) {
                out.extend(self.token_of(x));
            } else {
                stack.extend(self.nodes[x].kids.iter().rev());
            }
        }
        out.sort_unstable();
        out
    }

    /// The word a token's phrase hangs on: the head of the phrase around the largest one
    /// the token heads.
    fn home(&self, token: usize) -> Option<usize> {
        let k = self.tokens.iter().position(|&t| t == Some(token))?;
        let leaf = self.leaves[k];
        let mut n = leaf;
        while let Some(p) = self.nodes[n].parent {
            match self.head(p) {
                Some(h) if h == leaf => n = p,
                other => return other,
            }
        }
        None
    }

    /// Every clause's subject and verb: an `NP` right before a `VP` in an `S` (commas and
    /// adverbs between), as (subject phrase, verb phrase), outer clauses first.
    fn subjects(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for node in &self.nodes {
            if node.label != "S" {
                continue;
            }
            let kids = &node.kids;
            for (i, &np) in kids.iter().enumerate() {
                if self.nodes[np].label != "NP" {
                    continue;
                }
                let vp = kids[i + 1..]
                    .iter()
                    .copied()
                    .find(|&k| !matches!(self.nodes[k].label.as_str(), "," | "ADVP" | "RB"));
                if let Some(vp) = vp.filter(|&k| self.nodes[k].label == "VP") {
                    out.push((np, vp));
                }
            }
        }
        out
    }
}

/// The word classes the record's own Treebank parse gives, set on the document's tokens
/// where the words line up: PETRARCH codes from that parse, and the suite's invented names
/// and odd sentences ("Calenardhon welcomed memos") mislead a tagger trained on news.
/// Returns the sentences whose tags changed (to be parsed again).
pub fn tags_from_parse(doc: &mut crate::doc::Doc) -> Vec<usize> {
    let Some(tb) = Treebank::of(doc) else {
        return Vec::new();
    };
    let mut changed = Vec::new();
    for (k, &leaf) in tb.leaves.iter().enumerate() {
        let Some(ti) = tb.tokens[k] else { continue };
        let upos = ptb_upos(&tb.nodes[leaf].label, doc.tokens[ti].upos);
        if upos != doc.tokens[ti].upos {
            doc.tokens[ti].upos = upos;
            changed.extend(
                doc.sentences
                    .iter()
                    .position(|s| s.token_range().contains(&ti)),
            );
        }
    }
    changed.dedup();
    changed
}

/// PETRARCH's source is the noun phrase before the verb phrase in the record's parse
/// ("..., a senior official said on Saturday": the official said). Where the dependency
/// parse hangs that noun elsewhere, it is made the verb's subject, the rest of its phrase
/// hung on it, and the words the parse had taken for the verb's subject instead hung on
/// the phrase the Treebank puts them in. Run after the document is parsed.
pub fn subjects_from_parse(doc: &mut crate::doc::Doc) {
    let Some(tb) = Treebank::of(doc) else { return };
    for (np, vp) in tb.subjects() {
        let (Some(s), Some(v)) = (
            tb.head(np).and_then(|n| tb.token_of(n)),
            tb.head(vp).and_then(|n| tb.token_of(n)),
        ) else {
            continue;
        };
        let Some(sent) = doc.sentences.iter().find(|x| x.token_range().contains(&s)) else {
            continue;
        };
        let range = sent.token_range();
        if !range.contains(&v) || doc.tokens[v].upos != Upos::Verb {
            continue;
        }
        let mut g = Graph {
            doc,
            first: range.start,
            end: range.end,
        };
        let phrase = tb.span(np);
        let rel = if g.has_kid(v, "aux:pass") {
            "nsubj:pass"
        } else {
            "nsubj"
        };
        if g.head(s) != Some(v) {
            // A verb the parse hung below its own subject ("crowds burned", as a
            // modifier of "crowds") takes the subject's place first.
            if g.descends(v, s) {
                let up = g.head(s);
                let clause = if up.is_some_and(|u| g.doc.tokens[u].upos == Upos::Verb) {
                    "advcl"
                } else {
                    "acl"
                };
                g.set(v, up, clause);
            }
            g.set(s, Some(v), rel);
        }
        for &w in phrase.iter().filter(|&&w| w != s && range.contains(&w)) {
            let outside = g.head(w).is_none_or(|h| phrase.binary_search(&h).is_err());
            if outside && !g.descends(s, w) {
                let r = match g.doc.tokens[w].upos {
                    Upos::Det => "det",
                    Upos::Adj => "amod",
                    Upos::Num => "nummod",
                    Upos::Punct => "punct",
                    Upos::Noun | Upos::Propn => "compound",
                    _ => "dep",
                };
                g.set(w, Some(s), r);
            }
        }
        // Other words the parse took for the verb's subject.
        let others: Vec<usize> = (range.clone())
            .filter(|&x| x != s && g.head(x) == Some(v))
            .filter(|&x| {
                matches!(
                    crate::doc::deprel_name(g.doc.tokens[x].deprel),
                    "nsubj" | "nsubj:pass"
                )
            })
            .filter(|x| phrase.binary_search(x).is_err())
            .collect();
        for x in others {
            let Some(up) = tb.home(x).and_then(|n| tb.token_of(n)) else {
                continue;
            };
            if up != x && range.contains(&up) && !g.descends(up, x) {
                g.set(x, Some(up), "dep");
            }
        }
    }
}

/// A sentence's dependency arcs, edited in place (heads are sentence-relative).
struct Graph<'d> {
    doc: &'d mut crate::doc::Doc,
    first: usize,
    end: usize,
}

impl Graph<'_> {
    fn head(&self, i: usize) -> Option<usize> {
        self.doc.tokens[i].head.map(|h| self.first + h as usize)
    }

    fn set(&mut self, i: usize, head: Option<usize>, rel: &str) {
        let first = self.first;
        let tok = &mut self.doc.tokens[i];
        tok.head = head.map(|h| (h - first) as u32);
        tok.deprel = crate::doc::deprel_index(if head.is_none() { "root" } else { rel });
    }

    fn has_kid(&self, i: usize, rel: &str) -> bool {
        (self.first..self.end).any(|k| {
            self.head(k) == Some(i) && crate::doc::deprel_name(self.doc.tokens[k].deprel) == rel
        })
    }

    /// Whether `i` lies in `top`'s subtree.
    fn descends(&self, mut i: usize, top: usize) -> bool {
        for _ in self.first..=self.end {
            if i == top {
                return true;
            }
            match self.head(i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    }
}

/// The UPOS of a Penn Treebank tag where it settles what is a verb (the coder's triggers);
/// other words keep the tagger's class (auxiliaries stay auxiliaries).
fn ptb_upos(tag: &str, had: Upos) -> Upos {
    match tag {
        t if t.starts_with("VB") && had != Upos::Aux => Upos::Verb,
        "NN" | "NNS" if had == Upos::Verb => Upos::Noun,
        "NNP" | "NNPS" if had == Upos::Verb => Upos::Propn,
        "JJ" | "JJR" | "JJS" if had == Upos::Verb => Upos::Adj,
        _ => had,
    }
}

/// Replaces the record's actors with those a pattern's `$` and `+` places name, where it
/// names them.
pub fn set_pattern_roles(
    d: &Dictionaries,
    patterns: &[Vec<super::triggers::WordPattern>],
    t: &Tree,
    ctx: &ActorContext,
    enc: &Encoded,
    tr: &Trigger,
    rec: &mut EventRecord,
) {
    let side = |f: Vec<Found>| f.into_iter().map(|f| f.actor).collect();
    let (source, target) = pattern_roles(d, patterns, t, ctx, enc, tr);
    if let Some(source) = source {
        rec.actor = side(source);
    }
    if let Some(target) = target {
        rec.recipient = side(target);
    }
}

/// The pattern that coded `tr` (the heaviest of its block matching with its code) and the
/// actors at its `$` and `+` places, where it has them: (source, target).
fn pattern_roles(
    d: &Dictionaries,
    patterns: &[Vec<super::triggers::WordPattern>],
    t: &Tree,
    ctx: &ActorContext,
    enc: &Encoded,
    tr: &Trigger,
) -> (Option<Vec<Found>>, Option<Vec<Found>>) {
    let none = (None, None);
    let Some((end, hit)) = d.verb_at(enc, tr.start) else {
        return none;
    };
    let Some(ps) = patterns.get(hit.block as usize) else {
        return none;
    };
    let depth = subtree(t, tr.start);
    let inside = |j: usize| depth.get(j).is_some_and(Option::is_some);
    let window = (8, 20);
    let best = ps
        .iter()
        .filter(|p| p.code.as_deref() == Some(tr.cameo.as_str()))
        .filter_map(|p| {
            let seq = p.seq.as_ref()?;
            let reached = seq.walk(&enc.words, &inside, tr.start, end, window)?;
            Some((seq, reached))
        })
        .max_by_key(|(seq, _)| seq.weight());
    let Some((seq, reached)) = best else {
        return none;
    };
    let at = |role: Option<Role>| {
        let (forward, from) = Sequence::place(role?, &reached)?;
        let top = |s: &crate::code::actors::Span| {
            (s.start..s.end).find(|&i| t.head(i).is_none_or(|h| h < s.start || h >= s.end))
        };
        let actors = ctx
            .spans
            .iter()
            .filter(|s| matches!(s.kind, SpanKind::Actor(_)));
        let span = if forward {
            actors.filter(|s| s.start >= from).min_by_key(|s| s.start)
        } else {
            actors.filter(|s| s.end <= from).max_by_key(|s| s.end)
        }?;
        let found: Vec<Found> = (ctx.resolve(t, top(span)?).into_iter())
            .filter(|f| f.named)
            .collect();
        (!found.is_empty()).then_some(found)
    };
    (at(seq.source), at(seq.target))
}

/// Every word of `v`'s phrase, at depth 0 (the pattern matcher's view of a clause).
pub fn subtree(t: &Tree, v: usize) -> Vec<Option<u8>> {
    (0..t.len()).map(|j| t.within(j, v).then_some(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite_verbs() -> Dictionaries {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/petrarch-validation"
        );
        Dictionaries::load_named(std::path::Path::new(dir), &["PETR.Validate.verbs.txt"])
            .expect("suite verbs")
    }

    /// The sequence of the pattern of `block` coded `code`.
    fn pattern(d: &Dictionaries, block: &str, code: &str) -> Sequence {
        let b = d.verbs.blocks.iter().find(|b| b.name == block).unwrap();
        let p = b
            .patterns
            .iter()
            .find(|p| p.code.forward.as_deref() == Some(code));
        sequence(d, &p.unwrap().items)
    }

    /// Whether `seq` holds around the verb at word `verb` of `sentence`.
    fn holds(seq: &Sequence, sentence: &str, verb: usize) -> bool {
        let words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
        seq.matches(&words, &|_| true, verb, verb + 1, (8, 20))
    }

    #[test]
    fn patterns_read_as_petrarch_reads_them() {
        let d = suite_verbs();
        // `_` glues words: "new economic relations", not "new global economic relations".
        let new = pattern(&d, "ABANDON", "903");
        assert!(holds(&new, "ARNOR WILL ABANDON NEW ECONOMIC RELATIONS", 2));
        assert!(!holds(
            &new,
            "ARNOR WILL ABANDON NEW GLOBAL ECONOMIC RELATIONS",
            2
        ));
        // A synset member is its whole word sequence, with regular plurals.
        let money = pattern(&d, "CONTRIBUTE", "903");
        assert!(holds(
            &money,
            "X CONTRIBUTE A MILLION GOLDEN GOBLIN GALLEONS",
            1
        ));
        assert!(!holds(&money, "X CONTRIBUTE A MILLION GOBLIN GALLEONS", 1));
        assert!(holds(&money, "X CONTRIBUTE TEN PESOS", 1));
        // A pattern's own word is a closed match: no plural.
        let resolution = pattern(&d, "ADOPT", "102");
        assert!(holds(&resolution, "X ADOPT A RESOLUTION", 1));
        assert!(!holds(&resolution, "X ADOPT RESOLUTIONS", 1));
        // Glued before the verb: right beside it.
        let inside = pattern(&d, "ACCORD", "075");
        assert!(holds(&inside, "X IN ACCORD", 2));
        assert!(!holds(&inside, "X IN FULL ACCORD", 3));
    }

    #[test]
    fn agents_join_the_actor_code_as_petrarch_joins_them() {
        let gov = AgentCode::Suffix("GOV".into());
        let ngo = AgentCode::Prefix("NGO".into());
        let wgo = AgentCode::Suffix("WGO".into());
        let govmed = AgentCode::Suffix("GOVMED".into());
        // "MSF Arnor", "an MSF Arnor diplomat".
        assert_eq!(mix_agents("ARN", &[&ngo], false), "NGOARN");
        assert_eq!(mix_agents("ARN", &[&ngo, &gov], false), "NGOARNGOV");
        // A code already held, in whole three-letter codes, is not added again.
        assert_eq!(mix_agents("USAGOV", &[&gov], false), "USAGOV");
        assert_eq!(mix_agents("HGWGOVMED", &[&govmed], false), "HGWGOVMED");
        assert_eq!(mix_agents("GMWGOV", &[&wgo], false), "GMWGOVWGO");
        // "former": the agents are one elite code.
        assert_eq!(mix_agents("ARN", &[&gov], true), "ARNELI");
        assert_eq!(mix_agents("USAGOV", &[&gov], true), "USAGOVELI");
        assert_eq!(mix_agents("GON", &[], true), "GON");
    }

    /// A one-sentence document of `words` with the record parse `parse`, parsed as
    /// (head, relation, class) per word.
    fn parsed(words: &str, parse: &str, arcs: &[(Option<u32>, &str, Upos)]) -> crate::doc::Doc {
        let meta = crate::doc::DocMeta {
            id: "S".into(),
            extra: [("parse".to_string(), serde_json::Value::from(parse))]
                .into_iter()
                .collect(),
            ..crate::doc::DocMeta::default()
        };
        let forms = vec![words.split(' ').map(|w| (w.to_string(), true)).collect()];
        let mut doc = crate::doc::Doc::from_tokens(meta, &forms);
        for (tok, &(head, rel, upos)) in doc.tokens.iter_mut().zip(arcs) {
            tok.head = head;
            tok.deprel = crate::doc::deprel_index(rel);
            tok.upos = upos;
        }
        doc
    }

    fn arc(doc: &crate::doc::Doc, i: usize) -> (Option<u32>, &'static str) {
        let t = &doc.tokens[i];
        (t.head, crate::doc::deprel_name(t.deprel))
    }

    #[test]
    fn the_noun_phrase_before_the_verb_phrase_is_its_subject() {
        use Upos::*;
        // COMMA-10: the dependency parse took "official" for an apposition of "ties" and
        // "years" for the subject of "said".
        let mut doc = parsed(
            "Arnor restored ties , years after , a senior official said on Saturday .",
            "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (, ,) \
             (ADVP (NP (NNS years)) (IN after)))) (, ,) (NP (DT a) (JJ senior) (NN official)) \
             (VP (VBD said) (PP (IN on) (NP (NNP Saturday)))) (. .)))",
            &[
                (Some(1), "nsubj", Propn),
                (None, "root", Verb),
                (Some(1), "obj", Noun),
                (Some(4), "punct", Punct),
                (Some(10), "nsubj", Noun),
                (Some(4), "case", Adp),
                (Some(9), "punct", Punct),
                (Some(9), "det", Det),
                (Some(9), "amod", Adj),
                (Some(2), "appos", Noun),
                (Some(1), "parataxis", Verb),
                (Some(12), "case", Adp),
                (Some(10), "obl", Propn),
                (Some(10), "punct", Punct),
            ],
        );
        subjects_from_parse(&mut doc);
        assert_eq!(arc(&doc, 9), (Some(10), "nsubj"));
        // The rest of its phrase stays on it; "years" goes back to the clause it is in.
        assert_eq!(arc(&doc, 7), (Some(9), "det"));
        assert_eq!(arc(&doc, 4).0, Some(1));
        assert_eq!(arc(&doc, 0), (Some(1), "nsubj"));
    }

    #[test]
    fn treebank_heads_as_petrarch_finds_them() {
        let tb = Treebank::read(
            "(ROOT (S (NP (NP (NNS Soldiers)) (PP (IN from) (NP (NNP Gondor) (CC and) \
             (NNP Arnor)))) (VP (MD will) (RB not) (VP (VB wire) (VP (VB tap) (NP (NNS links)))))))",
        )
        .unwrap();
        let word = |n: Option<usize>| n.and_then(|n| tb.nodes[n].word.clone());
        let (np, vp) = tb.subjects()[0];
        assert_eq!(word(tb.head(np)).as_deref(), Some("Soldiers"));
        // Past the modal, but "wire" heads "wire tap".
        assert_eq!(word(tb.head(vp)).as_deref(), Some("wire"));
        // Coordinated nouns: the first.
        let pp = tb.nodes.iter().position(|n| n.label == "PP").unwrap();
        assert_eq!(word(tb.head(pp)).as_deref(), Some("Gondor"));
        assert!(Treebank::read("(ROOT (S (NP (NNP Arnor))").is_none());
    }

    #[test]
    fn treebank_tags_settle_the_verbs() {
        let meta = crate::doc::DocMeta {
            id: "S".into(),
            extra: [(
                "parse".to_string(),
                serde_json::Value::from(
                    "(ROOT (S (NP (NNP Calenardhon)) (VP (VBD welcomed) (NP (NNS memos)))))",
                ),
            )]
            .into_iter()
            .collect(),
            ..crate::doc::DocMeta::default()
        };
        let forms = vec![vec![
            ("Calenardhon".to_string(), true),
            ("welcomed".to_string(), true),
            ("memos".to_string(), true),
        ]];
        let mut doc = crate::doc::Doc::from_tokens(meta, &forms);
        doc.tokens[1].upos = Upos::Adj;
        doc.tokens[2].upos = Upos::Verb;
        assert_eq!(tags_from_parse(&mut doc), [0]);
        let tags: Vec<Upos> = doc.tokens.iter().map(|t| t.upos).collect();
        assert_eq!(tags, [Upos::X, Upos::Verb, Upos::Noun]);
    }
}
