//! Agenda statements: what a sentence says was, or was not, the subject of talks.
//!
//! Found over the words rather than the tree alone, because these sentences ("X are not part
//! of the agenda", "X was not discussed") are often parsed as loose clauses: the subject of
//! a statement is the stretch between the clause's start (the sentence start, an opening
//! quote, "that", "but", a colon or semicolon) and its verb; its object the stretch after
//! the verb up to the clause's end.
//!
//! Forms recognised (each also negated, which puts its topics off the agenda):
//! - "X is (not) on / part of / off / high on the agenda", "X is (not) on the table",
//!   "kept X off the agenda";
//! - "X was (not) discussed / addressed / raised / covered", "did not discuss X", "will not
//!   touch on X", "refused to discuss X", "without discussing X";
//! - with talks in the sentence: "focusing / centred on X", "dealt with X", "the talks
//!   include / cover X", "talks on / about / over / regarding X", "the goal of the talks is
//!   (to) X", "excluding X", "X was excluded".

use super::vocab::Sentence;
use crate::doc::Upos;

/// Whether the sentence states topics for the talks or takes them off the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    On,
    Off,
}

/// One agenda statement of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub polarity: Polarity,
    /// Topic labels of the stated subject (contexts, issue codes, names).
    pub labels: Vec<String>,
    /// The cue word (sentence token index): the statement belongs to the talks named
    /// nearest before it when the sentence names several.
    pub cue: usize,
}

/// Nouns for talks: what agendas belong to.
pub const TALKS: &[&str] = &[
    "talks",
    "discussion",
    "discussions",
    "negotiation",
    "negotiations",
    "meeting",
    "meetings",
    "summit",
    "dialogue",
    "consultations",
    "conference",
    "session",
    "sessions",
    "round",
    "agenda",
];

/// Modifiers that put the talks of a sentence before the ones the document reports.
const EARLIER: &[&str] = &["previous", "earlier", "last", "past", "prior", "former"];

const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "without", "neither", "nor"];
const REFUSALS: &[&str] = &[
    "refused", "refuses", "refuse", "declined", "declines", "decline",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "remain", "remains", "remained",
    "stay", "stays", "stayed",
];
const TOPIC_PREPS: &[&str] = &["on", "about", "over", "regarding", "concerning"];
const PURPOSES: &[&str] = &[
    "goal", "aim", "purpose", "focus", "topic", "topics", "subject",
];
/// Words of time and circumstance that open no subject (day and month names come from `when`).
const TIME_WORDS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "sidelines",
    "behalf",
];

/// Discussion verbs whose negation takes a subject off the agenda wherever it is said.
const DISCUSSION: &[&str] = &[
    "discuss",
    "discussed",
    "discusses",
    "discussing",
    "address",
    "addressed",
    "addresses",
    "addressing",
    "raise",
    "raised",
    "raises",
    "raising",
    "touch",
    "touched",
    "touches",
    "touching",
    "tackle",
    "tackled",
    "tackles",
    "tackling",
    "mention",
    "mentioned",
    "mentions",
    "mentioning",
];

fn discussion_verb(w: &str) -> bool {
    DISCUSSION.contains(&w)
}

/// Verbs that state a subject only when talks are their subject or in view.
fn content_verb(w: &str) -> bool {
    const FORMS: &[&str] = &[
        "include",
        "includes",
        "included",
        "cover",
        "covers",
        "covered",
        "covering",
        "focus",
        "focuses",
        "focused",
        "focussed",
        "focusing",
        "center",
        "centers",
        "centered",
        "centering",
        "centre",
        "centres",
        "centred",
        "centring",
        "deal",
        "deals",
        "dealt",
        "dealing",
    ];
    FORMS.contains(&w)
}

fn particle(w: &str) -> bool {
    matches!(w, "on" | "upon" | "with" | "around")
}

impl Sentence<'_> {
    /// Cheap test before building statements: does the sentence name talks or an agenda,
    /// or use a discussion verb?
    pub fn may_state_agenda(words: &[crate::doc::Token]) -> bool {
        words.iter().any(|t| {
            let w = t.form.as_str();
            // Every cue word begins with one of these letters: most words stop here.
            let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
            if w.len() < 5 || !first.is_some_and(|c| b"acdemnrst".contains(&c)) {
                return false;
            }
            TALKS.iter().any(|k| w.eq_ignore_ascii_case(k))
                || DISCUSSION.iter().any(|k| w.eq_ignore_ascii_case(k))
                || w.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("exclud"))
        })
    }

    /// Whether the sentence speaks of earlier talks than the document's own.
    pub fn earlier_talks(&self) -> bool {
        let n = self.low.len();
        (0..n).any(|i| {
            TALKS.contains(&&*self.low[i])
                && (i.saturating_sub(3)..i).any(|j| EARLIER.contains(&&*self.low[j]))
        })
    }

    /// A verb, or a participle the tagger took for an adjective ("was not discussed").
    fn verb_at(&self, i: usize) -> bool {
        match self.t.upos(i) {
            Upos::Verb => true,
            Upos::Adj => self.low[i].ends_with("ed"),
            _ => false,
        }
    }

    fn talks_in(&self, from: usize, to: usize) -> bool {
        (from..to.min(self.low.len())).any(|i| TALKS.contains(&&*self.low[i]))
    }

    fn negated(&self, from: usize, to: usize) -> bool {
        (from..to).any(|i| {
            let w = &*self.low[i];
            NEGATIONS.contains(&w) || REFUSALS.contains(&w)
        })
    }

    /// Start of the clause that ends just before `to`.
    fn clause_start(&self, to: usize) -> usize {
        let mut i = to;
        while i > 0 && to - i < 25 {
            let w = &*self.low[i - 1];
            let sconj = self.t.upos(i - 1) == Upos::Sconj;
            if matches!(w, "“" | "\"" | ";" | ":" | "—" | "but" | "(") || sconj {
                break;
            }
            i -= 1;
        }
        i
    }

    /// End (exclusive) of the clause that starts at `from`.
    fn clause_end(&self, from: usize) -> usize {
        let n = self.low.len();
        let mut i = from;
        while i < n && i - from < 25 {
            let w = &*self.low[i];
            if matches!(
                w,
                "." | ";"
                    | ":"
                    | "!"
                    | "?"
                    | "”"
                    | "\""
                    | "—"
                    | "("
                    | ")"
                    | "but"
                    | "while"
                    | "which"
                    | "who"
            ) || self.t.upos(i) == Upos::Sconj
            {
                break;
            }
            // A comma before a new clause ("..., emphasizing that") ends it; one in a list
            // ("trade, energy and security") does not.
            if w == "," {
                let next = self.t.toks.get(i + 1).map(|t| t.upos);
                if matches!(
                    next,
                    None | Some(Upos::Verb | Upos::Sconj | Upos::Pron | Upos::Adv | Upos::Punct)
                ) || self.low.get(i + 1).is_some_and(|w| w == "followed")
                {
                    break;
                }
            }
            i += 1;
        }
        i
    }

    fn span(&self, from: usize, to: usize) -> Vec<bool> {
        let mut m = vec![false; self.low.len()];
        for b in m.iter_mut().take(to).skip(from) {
            *b = true;
        }
        m
    }

    /// A statement over tokens `from..to`, unless the stretch is empty or a time.
    fn statement(
        &self,
        polarity: Polarity,
        from: usize,
        to: usize,
        cue: usize,
    ) -> Option<Statement> {
        self.statement_over(polarity, self.span(from, to), cue)
    }

    fn statement_over(
        &self,
        polarity: Polarity,
        scope: Vec<bool>,
        cue: usize,
    ) -> Option<Statement> {
        let first = (0..scope.len()).find(|&i| scope[i] && self.t.upos(i) != Upos::Det)?;
        if TIME_WORDS.contains(&&*self.low[first])
            || crate::when::is_day_or_month(&self.low[first])
            || self.t.upos(first) == Upos::Num
        {
            return None;
        }
        let labels = self.labels(&scope, true);
        (!labels.is_empty()).then_some(Statement {
            polarity,
            labels,
            cue,
        })
    }

    /// The object of verb `v` within `from..to`: its object's or oblique's phrase and
    /// conjuncts when the tree has one there ("focused on Syria in Riyadh" is about Syria),
    /// else the whole stretch.
    fn object_scope(&self, v: usize, from: usize, to: usize) -> Vec<bool> {
        let t = &self.t;
        let obj = (from..to)
            .find(|&c| t.head(c) == Some(v) && matches!(t.rel(c), "obj" | "obl" | "nsubj:pass"));
        let Some(c) = obj else {
            return self.span(from, to);
        };
        let mut m = vec![false; self.low.len()];
        for k in t.with_conjuncts(c) {
            for i in t.noun_phrase(k) {
                if (from..to).contains(&i) {
                    m[i] = true;
                }
            }
        }
        m
    }

    /// Every agenda statement of the sentence, in order.
    pub fn statements(&self) -> Vec<Statement> {
        let n = self.low.len();
        let mut out = Vec::new();
        let talks = self.talks_in(0, n);
        let mut i = 0;
        while i < n {
            let w = &*self.low[i];
            let pol = |neg: bool| if neg { Polarity::Off } else { Polarity::On };
            // "X is not on the agenda", "kept X off the table".
            let table = w == "table" && i >= 2 && self.low[i - 1] == "the";
            if (w == "agenda" || table) && i >= 2 {
                let prep = &*self.low[i - 2];
                let off = matches!(prep, "off" | "from");
                if matches!(prep, "on" | "of" | "off" | "from") {
                    let be = (i.saturating_sub(8)..i - 2)
                        .rev()
                        .find(|&j| BE.contains(&&*self.low[j]));
                    if let Some(c) = be {
                        let neg = self.negated(c, i);
                        let start = self.clause_start(c);
                        out.extend(self.statement(pol(neg != off), start, c, i));
                    } else if off {
                        // "kept Ukraine off the agenda": the object sits before "off".
                        let v = (i.saturating_sub(8)..i - 2)
                            .rev()
                            .find(|&j| self.t.upos(j) == Upos::Verb);
                        if let Some(v) = v {
                            out.extend(self.statement(Polarity::Off, v + 1, i - 2, i));
                        }
                    }
                }
            } else if (discussion_verb(w) || content_verb(w) || w == "excluded" || w == "excluding")
                && self.verb_at(i)
            {
                let content = !discussion_verb(w);
                let neg_window = self.clause_start(i).max(i.saturating_sub(4));
                let mut neg = self.negated(neg_window, i) || w.starts_with("exclud");
                let after = if self.low.get(i + 1).is_some_and(|p| particle(p)) {
                    i + 2
                } else {
                    i + 1
                };
                let be = (neg_window..i).rev().find(|&j| BE.contains(&&*self.low[j]));
                let object_follows = self.t.toks.get(after).is_some_and(|t| {
                    matches!(
                        t.upos,
                        Upos::Det | Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num | Upos::Verb
                    ) || matches!(
                        t.form.to_lowercase().as_str(),
                        "“" | "\"" | "its" | "his" | "her" | "their" | "our" | "my" | "your"
                    )
                });
                if w == "excluding" {
                    neg = true;
                }
                let start = self.clause_start(i);
                // Content verbs state a subject only for talks: "the talks include X",
                // "talks focusing on X"; a discussion verb taken back states one anywhere,
                // a discussion verb affirmed only with talks in the sentence.
                let in_view = if content {
                    self.talks_in(start, i + 1) || talks
                } else {
                    neg || talks
                };
                if in_view {
                    if object_follows && (after > i + 1 || be.is_none() || content) {
                        let end = self.clause_end(after);
                        let scope = self.object_scope(i, after, end);
                        out.extend(self.statement_over(pol(neg), scope, i));
                    } else if let Some(c) = be {
                        let s = self.clause_start(c);
                        out.extend(self.statement(pol(neg), s, c, i));
                    }
                }
            } else if TALKS.contains(&w)
                && w != "agenda"
                && self
                    .low
                    .get(i + 1)
                    .is_some_and(|p| TOPIC_PREPS.contains(&&**p))
            {
                // "talks on trade", "negotiations over the border".
                let end = self.clause_end(i + 2);
                out.extend(self.statement(Polarity::On, i + 2, end, i));
            } else if PURPOSES.contains(&w) && self.low.get(i + 1).is_some_and(|p| p == "of") {
                // "The goal of the talks is to improve diplomatic missions".
                let talks_end = (i + 2..(i + 7).min(n)).find(|&j| TALKS.contains(&&*self.low[j]));
                if let Some(k) = talks_end {
                    if let Some(c) = (k + 1..(k + 4).min(n)).find(|&j| BE.contains(&&*self.low[j]))
                    {
                        let neg = self.negated(c, (c + 2).min(n));
                        let end = self.clause_end(c + 1);
                        out.extend(self.statement(pol(neg), c + 1, end, k));
                    }
                }
            }
            i += 1;
        }
        out
    }
}
