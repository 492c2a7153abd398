//! Who said a quotation: the speech verb it hangs on, that verb's subject, and the person
//! and actor the subject stands for in the document.

use super::marks::Marked;
use super::sentence_at;
use crate::code::actors::{encode_sentence, find_spans, split_code, ActorContext, Span, SpanKind};
use crate::code::tree::Tree;
use crate::dict::{Dictionaries, Ymd};
use crate::doc::{Doc, Entity, EntityLabel, Upos};
use crate::event::ActorRef;
use std::collections::HashSet;

/// Verbs that report speech, as written (lower case).
#[rustfmt::skip]
const SPEECH: &[&str] = &[
    "say", "said", "says", "saying", "state", "stated", "states", "tell", "told", "tells", "add",
    "added", "adds", "clarify", "clarified", "clarifies", "note", "noted", "notes", "claim",
    "claimed", "claims", "write", "wrote", "writes", "written", "explain", "explained", "explains",
    "announce", "announced", "announces", "insist", "insisted", "insists", "stress", "stressed",
    "stresses", "emphasize", "emphasized", "emphasizes", "emphasise", "emphasised", "warn",
    "warned", "warns", "argue", "argued", "argues", "ask", "asked", "asks", "reply", "replied",
    "replies", "respond", "responded", "responds", "continue", "continued", "continues", "declare",
    "declared", "declares", "remark", "remarked", "comment", "commented", "comments", "observe",
    "observed", "conclude", "concluded", "acknowledge", "acknowledged", "admit", "admitted",
    "admits", "suggest", "suggested", "suggests", "tweet", "tweeted", "tweets", "post", "posted",
    "confirm", "confirmed", "confirms", "deny", "denied", "denies", "recall", "recalled",
    "recalls", "predict", "predicted", "promise", "promised", "vow", "vowed", "vows", "urge",
    "urged", "urges", "assert", "asserted", "asserts", "maintain", "maintained", "report",
    "reported", "reports", "joke", "joked", "shout", "shouted", "exclaim", "exclaimed", "describe",
    "described", "describes", "call", "called", "calls", "quote", "quoted", "quipped", "testified",
    "read", "reads",
    "characterized", "characterised", "referred",
];

/// Who said a quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The words naming the speaker where the quotation is attributed.
    pub words: String,
    /// The person's full name in the document.
    pub name: Option<String>,
    pub actor: Option<ActorRef>,
}

/// What the quotation's own sentences say of its speaker.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Speaker(Attribution),
    /// A speech verb whose subject could not be told.
    Unresolved,
    /// No speech verb: the quotation may continue an earlier one.
    Nothing,
}

/// Per-document state: dictionary spans per sentence, computed once when first needed.
pub struct Resolver<'a> {
    dicts: &'a Dictionaries,
    countries: &'a HashSet<String>,
    doc: &'a Doc,
    day: Option<Ymd>,
    spans: Vec<Option<Vec<Span>>>,
    /// Entities tagged as people, in order.
    people: Vec<Entity>,
    /// Full names a surname can stand for: people, and names of two or more proper nouns
    /// the recogniser took for an organisation or other name ("Hage Geingob"), in order.
    full_names: Vec<Entity>,
}

fn is_speech(t: &Tree, i: usize) -> bool {
    matches!(t.upos(i), Upos::Verb | Upos::Aux) && SPEECH.contains(&t.lower(i).as_str())
}

impl<'a> Resolver<'a> {
    pub fn new(dicts: &'a Dictionaries, countries: &'a HashSet<String>, doc: &'a Doc) -> Self {
        let day = doc.meta.date.as_deref().and_then(Ymd::parse_iso);
        let mut people: Vec<Entity> = doc
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::Per && e.end_token <= doc.tokens.len())
            .copied()
            .collect();
        people.sort_by_key(|e| e.first_token);
        let mut full_names: Vec<Entity> = doc
            .entities
            .iter()
            .filter(|e| e.end_token <= doc.tokens.len() && e.end_token - e.first_token > 1)
            .filter(|e| match e.label {
                EntityLabel::Per => true,
                EntityLabel::Org | EntityLabel::Misc => doc.tokens[e.first_token..e.end_token]
                    .iter()
                    .all(|t| t.upos == Upos::Propn),
                _ => false,
            })
            .copied()
            .collect();
        full_names.sort_by_key(|e| e.first_token);
        Resolver {
            dicts,
            countries,
            doc,
            day,
            spans: vec![None; doc.sentences.len()],
            people,
            full_names,
        }
    }

    /// The speaker of a quotation, from the sentence it closes in, else the one it opens in.
    pub fn attribute(&mut self, m: &Marked) -> Found {
        let doc = self.doc;
        let (Some(last), Some(first)) = (
            sentence_at(doc, m.close.saturating_sub(1)),
            sentence_at(doc, m.open),
        ) else {
            return Found::Nothing;
        };
        let mut speech = false;
        for si in [last, first] {
            let t = Tree::new(doc, &doc.sentences[si]);
            if let Some(h) = subject(&t, m) {
                return Found::Speaker(self.resolve(si, &t, h));
            }
            let inside = |i: usize| t.toks[i].start >= m.open && t.toks[i].end <= m.close;
            speech |= (0..t.len()).any(|i| !inside(i) && is_speech(&t, i));
            if first == last {
                break;
            }
        }
        if speech {
            Found::Unresolved
        } else {
            Found::Nothing
        }
    }

    /// The attribution for subject head `h` of sentence `si`.
    fn resolve(&mut self, si: usize, t: &Tree, h: usize) -> Attribution {
        // The parser sometimes splits a title from its name with a conjunction ("Santa
        // Barbara County Sheriff Bill Brown"): the subject is the head and its conjuncts.
        let mut local: Vec<usize> = t
            .with_conjuncts(h)
            .into_iter()
            .flat_map(|c| t.noun_phrase(c))
            .collect();
        local.sort_unstable();
        local.dedup();
        let words = phrase_text(t, h, &local);
        let offset = t.sent.first_token;
        let np: Vec<usize> = local.iter().map(|&i| i + offset).collect();
        let global = h + offset;
        let lower = t.lower(h);
        // The person: a name in the phrase, a surname, or "he"/"she" for the last named.
        let person = if let Some(e) = self
            .people
            .iter()
            .find(|e| np.contains(&e.first_token))
            .copied()
        {
            Some(self.full(e))
        } else if t.upos(h) == Upos::Pron && matches!(lower.as_str(), "he" | "she") {
            // The last person named as a subject ("Smith told Wikinews ... He stated"),
            // else the last person named.
            let earlier = || self.people.iter().filter(|e| e.end_token <= global);
            earlier()
                .rfind(|e| self.is_subject(e))
                .or_else(|| earlier().next_back())
                .copied()
                .map(|e| self.full(e))
        } else if t.upos(h) == Upos::Propn {
            let form = &t.toks[h].form;
            self.full_names
                .iter()
                .find(|e| e.end_token <= global && self.doc.tokens[e.end_token - 1].form == *form)
                .copied()
        } else {
            None
        };
        let name = person.map(|e| self.entity_text(e));
        let mut actor = person.and_then(|e| self.actor_of_entity(e));
        if actor.is_none() && t.upos(h) != Upos::Pron {
            actor = self.actor_at(si, h);
        }
        Attribution { words, name, actor }
    }

    /// Whether the entity is the subject of its clause.
    fn is_subject(&self, e: &Entity) -> bool {
        let toks = &self.doc.tokens;
        let Some(si) = sentence_at(self.doc, toks[e.first_token].start) else {
            return false;
        };
        let offset = self.doc.sentences[si].first_token;
        (e.first_token..e.end_token).any(|k| {
            let head = toks[k].head.map(|h| h as usize + offset);
            head.is_none_or(|h| !(e.first_token..e.end_token).contains(&h))
                && crate::doc::deprel_name(toks[k].deprel).starts_with("nsubj")
        })
    }

    fn entity_text(&self, e: Entity) -> String {
        let d = self.doc;
        d.slice(d.tokens[e.first_token].start, d.tokens[e.end_token - 1].end)
            .to_string()
    }

    /// A one-word name resolved to the first earlier full name ending in it.
    fn full(&self, e: Entity) -> Entity {
        if e.end_token - e.first_token > 1 {
            return self
                .full_names
                .iter()
                .find(|p| self.entity_text(**p) == self.entity_text(e))
                .copied()
                .unwrap_or(e);
        }
        let form = &self.doc.tokens[e.first_token].form;
        self.full_names
            .iter()
            .find(|p| {
                p.first_token < e.first_token && self.doc.tokens[p.end_token - 1].form == *form
            })
            .copied()
            .unwrap_or(e)
    }

    /// The actor of a person, from the phrase that introduced them ("State Department
    /// spokesperson Tammy Bruce").
    fn actor_of_entity(&mut self, e: Entity) -> Option<ActorRef> {
        let si = sentence_at(self.doc, self.doc.tokens[e.first_token].start)?;
        let offset = self.doc.sentences[si].first_token;
        let t = Tree::new(self.doc, &self.doc.sentences[si]);
        let local = e.first_token.checked_sub(offset)?..e.end_token.checked_sub(offset)?;
        let mut h = local
            .clone()
            .find(|&i| t.head(i).is_none_or(|p| !local.contains(&p)))?;
        // The name may hang on its title: "ambassador, Aleksandr Darchiev".
        for _ in 0..3 {
            match (t.rel(h), t.head(h)) {
                ("appos" | "compound" | "flat" | "flat:name", Some(p)) => h = p,
                _ => break,
            }
        }
        self.actor_at(si, h)
    }

    /// The actor the noun phrase headed by `h` in sentence `si` names, by the coder's rules.
    fn actor_at(&mut self, si: usize, h: usize) -> Option<ActorRef> {
        let fallback = (0..=si).find_map(|s| self.first_country(s));
        let spans = self.spans_of(si).to_vec();
        let doc = self.doc;
        let t = Tree::new(doc, &doc.sentences[si]);
        let ctx = ActorContext {
            spans: &spans,
            countries: self.countries,
            fallback,
            pair: None,
            sentence: &[],
            story: &[],
            antecedent: None,
            suite: false,
        };
        let found = ctx.resolve(&t, h);
        if let Some(f) = found.iter().find(|f| f.named) {
            return Some(f.actor.clone());
        }
        // "State Department spokesperson" after "the U.S. State Department": the body
        // named in full earlier in the document.
        if let Some(a) = self.short_form(si, &t, h) {
            return Some(a);
        }
        // A role alone ("a spokesman") takes the document's country, as the coder does; a
        // bare unknown name does not.
        found
            .into_iter()
            .find(|f| f.actor.sector.is_some())
            .map(|f| f.actor)
    }

    /// The actor of an earlier dictionary phrase that ends in the same two or more
    /// capitalised words as a run in the phrase of `h` ("State Department").
    fn short_form(&mut self, si: usize, t: &Tree, h: usize) -> Option<ActorRef> {
        let np = t.noun_phrase(h);
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for &i in &np {
            let proper = t.upos(i) == Upos::Propn;
            match runs.last_mut() {
                Some(r) if proper && r.last() == Some(&(i.wrapping_sub(1))) => r.push(i),
                _ if proper => runs.push(vec![i]),
                _ => {}
            }
        }
        let doc = self.doc;
        for run in runs.into_iter().filter(|r| r.len() >= 2) {
            let words: Vec<&str> = run.iter().map(|&i| t.toks[i].form.as_str()).collect();
            for s in 0..=si {
                let first = doc.sentences[s].first_token;
                let hit = self.spans_of(s).iter().find_map(|sp| {
                    let SpanKind::Actor(code) = &sp.kind else {
                        return None;
                    };
                    let len = sp.end - sp.start;
                    let tail = sp.start + len.checked_sub(words.len())?;
                    let same = (0..words.len()).all(|k| {
                        doc.tokens
                            .get(first + tail + k)
                            .is_some_and(|x| x.form == words[k])
                    });
                    same.then(|| code.clone())
                });
                if let Some(code) = hit {
                    let split = split_code(&code, self.countries)?;
                    let text = phrase_text(t, h, &np);
                    return Some(ActorRef::coded(text, split.code, split.sector, code));
                }
            }
        }
        None
    }

    fn spans_of(&mut self, si: usize) -> &[Span] {
        if self.spans[si].is_none() {
            let t = Tree::new(self.doc, &self.doc.sentences[si]);
            let forms: Vec<&str> = t.toks.iter().map(|x| x.form.as_str()).collect();
            let enc = encode_sentence(self.dicts, &forms, self.countries);
            self.spans[si] = Some(find_spans(self.dicts, &enc, self.day));
        }
        self.spans[si].as_deref().unwrap_or(&[])
    }

    fn first_country(&mut self, si: usize) -> Option<String> {
        let countries = self.countries;
        self.spans_of(si).iter().find_map(|s| match &s.kind {
            SpanKind::Actor(c) => split_code(c, countries)
                .filter(|sp| countries.contains(&sp.code))
                .map(|sp| sp.code),
            SpanKind::Agent(_) => None,
        })
    }
}

/// The speaker's words: the subject's phrase, without punctuation or prepositions at its
/// edges, or the head word alone when the phrase runs long.
fn phrase_text(t: &Tree, h: usize, np: &[usize]) -> String {
    let edge = |i: usize| {
        t.upos(i) == Upos::Punct
            || matches!(t.rel(i), "case" | "cc" | "fixed")
            || t.lower(i) == "according"
    };
    let first = np.iter().copied().find(|&i| !edge(i));
    let last = np.iter().copied().rfind(|&i| !edge(i));
    match (first, last) {
        (Some(a), Some(b)) if b >= a && b - a < 12 => t.text(a, b).to_string(),
        _ => t.text(h, h).to_string(),
    }
}

/// The head of the speaker's phrase in sentence `t` for quotation `m`, if the sentence
/// attributes it: the speech verb the quotation hangs on, else one right after or right
/// before its marks, else "according to X".
fn subject(t: &Tree, m: &Marked) -> Option<usize> {
    let inside = |i: usize| t.toks[i].start >= m.open && t.toks[i].end <= m.close;
    let n = t.len();
    // The speech verb above the quotation in the tree.
    for r in (0..n).filter(|&i| inside(i) && t.upos(i) != Upos::Punct) {
        if t.head(r).is_some_and(inside) {
            continue;
        }
        let mut cur = t.head(r);
        for _ in 0..12 {
            let Some(v) = cur else { break };
            if !inside(v) && is_speech(t, v) {
                if let Some(s) = subject_of(t, v, &inside) {
                    return Some(s);
                }
            }
            cur = t.head(v);
        }
    }
    // Next to the marks: "...,” Bruce stated", "Bruce said: “...”".
    // After the marks the attribution comes before any other verb ("...,” 1st Fleet
    // Command's head Arba Agung told", not "... and holding signs which read").
    let after = (0..n).find(|&i| t.toks[i].start >= m.close);
    let following = after
        .into_iter()
        .flat_map(|a| a..(a + 10).min(n))
        .take_while(|&i| t.upos(i) != Upos::Verb || is_speech(t, i));
    let before = (0..n).rfind(|&i| t.toks[i].end <= m.open);
    let preceding = before
        .into_iter()
        .flat_map(|b| (b.saturating_sub(5)..=b).rev());
    for v in following.chain(preceding) {
        if !inside(v) && is_speech(t, v) {
            if let Some(s) = subject_of(t, v, &inside) {
                return Some(s);
            }
        }
    }
    // "according to the ministry".
    let acc = (0..n.saturating_sub(2))
        .find(|&i| !inside(i) && t.lower(i) == "according" && t.lower(i + 1) == "to")?;
    let mut h =
        (acc + 2..n).find(|&i| matches!(t.upos(i), Upos::Propn | Upos::Noun | Upos::Pron))?;
    for _ in 0..6 {
        match t.head(h) {
            Some(p) if p > h && matches!(t.rel(h), "compound" | "flat" | "amod" | "nmod:poss") => {
                h = p
            }
            _ => break,
        }
    }
    (!inside(h)).then_some(h)
}

/// The subject of speech verb `v`, outside the quotation: its `nsubj`, the subject of the
/// verb it is joined to ("..., he added and said"), or a name right beside it ("said Smith").
fn subject_of(t: &Tree, v: usize, inside: &dyn Fn(usize) -> bool) -> Option<usize> {
    if let Some(s) = t.kids(v, &["nsubj"]).find(|&s| !inside(s)) {
        // "Alex Greenwich who said": the relative pronoun stands for its antecedent.
        let relative = matches!(t.lower(s).as_str(), "who" | "which" | "that");
        return match (relative, t.rel(v), t.head(v)) {
            (true, "acl:relcl", Some(a)) => Some(a),
            (true, _, _) => None,
            _ => Some(s),
        };
    }
    // "...,” said Professor David Livermore": an inverted subject the parser may take for
    // an agent or object of the verb.
    let addressee = matches!(
        t.lower(v).as_str(),
        "tell" | "told" | "tells" | "ask" | "asked" | "asks" | "urge" | "urged" | "urges"
    );
    let after_quote = (0..v).any(inside);
    // "described by Marine Bulletin as “...”": a passive's agent speaks.
    if let Some(s) = t.kids(v, &["obl:agent"]).find(|&s| !inside(s)) {
        return Some(s);
    }
    if let Some(s) = t
        .kids(v, &["obj"])
        .find(|&s| s > v && s - v <= 6 && !inside(s) && t.upos(s) == Upos::Propn)
        .filter(|_| after_quote && !addressee)
    {
        return Some(s);
    }
    if t.rel(v) == "conj" {
        if let Some(s) = t
            .head(v)
            .and_then(|h| t.kids(h, &["nsubj"]).find(|&s| !inside(s)))
        {
            return Some(s);
        }
    }
    let beside = [v + 1, v.wrapping_sub(1)];
    beside
        .into_iter()
        .filter(|&i| i < t.len() && !inside(i))
        .find(|&i| matches!(t.upos(i), Upos::Propn | Upos::Pron))
        .map(|mut i| {
            for _ in 0..4 {
                match t.head(i) {
                    Some(p)
                        if matches!(t.rel(i), "compound" | "flat") && t.upos(p) == Upos::Propn =>
                    {
                        i = p
                    }
                    _ => break,
                }
            }
            i
        })
}
