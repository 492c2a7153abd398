//! One parsed sentence seen as a dependency tree: children lists, relation names and the
//! small questions the coder asks of it (which child has relation X, what is the NP of a
//! head, is a token inside another's subtree).

use crate::doc::{deprel_name, Doc, Sentence, Token, Upos};

/// Relations that start a new clause or a separate item: an argument's noun phrase stops
/// at them, so "the man who attacked Israel" is not an Israeli actor.
const NP_STOPS: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "ccomp",
    "xcomp",
    "csubj",
    "conj",
    "cc",
    "parataxis",
    "punct",
    "list",
    "dep",
    "orphan",
    "reparandum",
];

pub struct Tree<'a> {
    pub doc: &'a Doc,
    pub sent: &'a Sentence,
    pub toks: &'a [Token],
    pub children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(doc: &'a Doc, sent: &'a Sentence) -> Tree<'a> {
        let toks = doc.sentence_tokens(sent);
        let mut children = vec![Vec::new(); toks.len()];
        for (i, t) in toks.iter().enumerate() {
            if let Some(h) = t
                .head
                .map(|h| h as usize)
                .filter(|&h| h < toks.len() && h != i)
            {
                children[h].push(i);
            }
        }
        Tree {
            doc,
            sent,
            toks,
            children,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn rel(&self, i: usize) -> &'static str {
        deprel_name(self.toks[i].deprel)
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.toks[i]
            .head
            .map(|h| h as usize)
            .filter(|&h| h < self.toks.len() && h != i)
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.toks[i].upos
    }

    /// Lower-cased form.
    pub fn lower(&self, i: usize) -> String {
        self.toks[i].form.to_lowercase()
    }

    /// Children of `i` whose relation is `rel` or a subtype of it (`obl` finds `obl:agent`
    /// only when asked for exactly; `nsubj` does not find `nsubj:pass`).
    pub fn kids<'b>(&'b self, i: usize, rels: &'b [&str]) -> impl Iterator<Item = usize> + 'b {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.rel(c)))
    }

    /// The preposition (`case` child) of a nominal, lower-cased.
    pub fn case_of(&self, i: usize) -> Option<String> {
        self.kids(i, &["case"]).next().map(|c| self.lower(c))
    }

    /// The head and every conjunct of it (`A, B and C`).
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let cur = out[k];
            out.extend(self.kids(cur, &["conj"]));
            k += 1;
        }
        out
    }

    /// The tokens of the noun phrase headed by `h`: `h` and its dependents, not entering
    /// clauses or conjuncts. Sorted.
    pub fn noun_phrase(&self, h: usize) -> Vec<usize> {
        let mut out = vec![h];
        let mut stack = vec![h];
        while let Some(cur) = stack.pop() {
            for &c in &self.children[cur] {
                if !NP_STOPS.contains(&self.rel(c)) && out.len() < 64 {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Whether `i` lies in the subtree of `top`.
    pub fn within(&self, mut i: usize, top: usize) -> bool {
        for _ in 0..self.toks.len() + 1 {
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

    /// Original text of tokens `first..=last` (sentence indices).
    pub fn text(&self, first: usize, last: usize) -> &'a str {
        self.doc.slice(self.toks[first].start, self.toks[last].end)
    }
}
