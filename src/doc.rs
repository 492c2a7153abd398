//! The one document model that flows through every stage.
//!
//! A [`Doc`] owns the original text and its metadata. Each stage reads the layers before it and adds
//! its own: the segmenter fills `sentences` and `tokens`, the tagger `Token::upos`, the parser
//! `Token::head`/`Token::deprel`, the recogniser `entities`. Later stages (actors, events, dates,
//! places) hang further layers off the same `Doc`.
//!
//! Offsets are **byte** offsets into `Doc::text`, so slicing is free; output that promises Unicode
//! scalar offsets converts with [`Doc::char_offset`].

use serde_json::{Map, Value};

/// Where a document came from and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub id: String,
    /// Publication date, `YYYY-MM-DD`, as validated by the reader.
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Input fields the contract does not name, kept as they came.
    pub extra: Map<String, Value>,
}

/// Universal POS tags (UD v2), in a fixed order so a tag is one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    #[default]
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Upos {
        Upos::ALL.get(i).copied().unwrap_or(Upos::X)
    }
}

/// Dependency relations: the UD v2 universal set plus the subtypes English EWT uses.
/// A relation outside the list falls back to its universal part (`obl:foo` → `obl`).
pub const DEPRELS: &[&str] = &[
    "root",
    "punct",
    "case",
    "nsubj",
    "det",
    "advmod",
    "obj",
    "amod",
    "obl",
    "conj",
    "compound",
    "mark",
    "nmod",
    "cc",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "ccomp",
    "acl:relcl",
    "flat",
    "parataxis",
    "nummod",
    "appos",
    "acl",
    "aux:pass",
    "nsubj:pass",
    "obl:unmarked",
    "nmod:unmarked",
    "discourse",
    "compound:prt",
    "iobj",
    "list",
    "expl",
    "fixed",
    "nmod:desc",
    "obl:agent",
    "csubj",
    "nsubj:outer",
    "det:predet",
    "vocative",
    "goeswith",
    "advcl:relcl",
    "cc:preconj",
    "reparandum",
    "orphan",
    "csubj:pass",
    "dislocated",
    "dep",
    "csubj:outer",
    "clf",
    "flat:foreign",
    "obl:tmod",
    "obl:npmod",
    "nmod:tmod",
    "nmod:npmod",
    "flat:name",
];

/// Index of a relation in [`DEPRELS`], falling back to its universal part, then to `dep`.
pub fn deprel_index(s: &str) -> u8 {
    let find = |x: &str| DEPRELS.iter().position(|d| *d == x);
    find(s)
        .or_else(|| s.split(':').next().and_then(find))
        .or_else(|| find("dep"))
        .unwrap_or(0) as u8
}

pub fn deprel_name(i: u8) -> &'static str {
    DEPRELS.get(i as usize).copied().unwrap_or("dep")
}

/// One token: a span of the original text with the layers stages add to it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Token {
    /// Byte offsets into `Doc::text`.
    pub start: usize,
    pub end: usize,
    /// The token as stages see it: usually the text slice; readers of pre-tokenised input
    /// (CoNLL-U, IOB2) keep the given form here.
    pub form: String,
    pub upos: Upos,
    /// Index of the head token *within the sentence* (0-based), `None` for the root or unparsed.
    pub head: Option<u32>,
    /// Index into [`DEPRELS`]; meaningful once parsed.
    pub deprel: u8,
    /// Whether whitespace follows the token in the text.
    pub space_after: bool,
}

/// A sentence: a contiguous run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Byte offsets into `Doc::text`.
    pub start: usize,
    pub end: usize,
    /// Token range `[first_token, end_token)` into `Doc::tokens`.
    pub first_token: usize,
    pub end_token: usize,
}

impl Sentence {
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.first_token..self.end_token
    }
    pub fn len(&self) -> usize {
        self.end_token - self.first_token
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Named-entity classes. PER/ORG/LOC are the core; GPE (countries, cities) and NORP
/// (nationalities, groups) matter for actor coding; MISC is everything else named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum EntityLabel {
    Per,
    Org,
    Loc,
    Gpe,
    Norp,
    Misc,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 6] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Gpe,
        EntityLabel::Norp,
        EntityLabel::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Gpe => "GPE",
            EntityLabel::Norp => "NORP",
            EntityLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<EntityLabel> {
        EntityLabel::ALL.iter().copied().find(|l| l.as_str() == s)
    }
}

/// A named entity: a token span with a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    /// Token range `[first_token, end_token)` into `Doc::tokens`.
    pub first_token: usize,
    pub end_token: usize,
    pub label: EntityLabel,
}

/// A document and all the layers stages have added to it.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub meta: DocMeta,
    pub text: String,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub entities: Vec<Entity>,
}

impl Doc {
    pub fn new(meta: DocMeta, text: String) -> Doc {
        Doc {
            meta,
            text,
            ..Doc::default()
        }
    }

    /// Build a document from already-segmented sentences of token forms (CoNLL-U, IOB2 input):
    /// the text is the forms joined by single spaces (none where `space_after` is false), so
    /// offsets stay true to the text.
    pub fn from_tokens(meta: DocMeta, sentences: &[Vec<(String, bool)>]) -> Doc {
        let mut doc = Doc::new(meta, String::new());
        for (si, sent) in sentences.iter().enumerate() {
            if si > 0 && !doc.text.is_empty() && !doc.text.ends_with(' ') {
                doc.text.push(' ');
            }
            let first_token = doc.tokens.len();
            let sent_start = doc.text.len();
            for (ti, (form, space_after)) in sent.iter().enumerate() {
                let start = doc.text.len();
                doc.text.push_str(form);
                let end = doc.text.len();
                let last = ti + 1 == sent.len();
                if *space_after && !last {
                    doc.text.push(' ');
                }
                doc.tokens.push(Token {
                    start,
                    end,
                    form: form.clone(),
                    space_after: *space_after,
                    ..Token::default()
                });
            }
            let end = doc.tokens.last().map(|t| t.end).unwrap_or(sent_start);
            doc.sentences.push(Sentence {
                start: sent_start,
                end: end.max(sent_start),
                first_token,
                end_token: doc.tokens.len(),
            });
        }
        doc
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.token_range()]
    }

    /// For each token, the entity covering it, as (is its first token, label).
    pub fn entity_marks(&self) -> Vec<Option<(bool, EntityLabel)>> {
        let mut marks = vec![None; self.tokens.len()];
        for e in &self.entities {
            for t in e.first_token..e.end_token.min(marks.len()) {
                marks[t] = Some((t == e.first_token, e.label));
            }
        }
        marks
    }

    /// The original text of a byte span.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Convert a byte offset into a Unicode-scalar offset (what output records promise).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let mut b = byte;
        while b > 0 && !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.text[..b].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_round_trips() {
        for u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
            assert_eq!(Upos::from_index(u.index()), u);
        }
        assert_eq!(Upos::parse("NN"), None);
    }

    #[test]
    fn deprel_falls_back_to_universal_part() {
        assert_eq!(deprel_name(deprel_index("nsubj:pass")), "nsubj:pass");
        assert_eq!(deprel_name(deprel_index("obl:into")), "obl");
        assert_eq!(deprel_name(deprel_index("nonsense")), "dep");
    }

    #[test]
    fn from_tokens_keeps_offsets_true() {
        let sents = vec![
            vec![
                ("Hello".to_string(), false),
                (",".to_string(), true),
                ("world".to_string(), true),
            ],
            vec![("Bye".to_string(), true)],
        ];
        let doc = Doc::from_tokens(DocMeta::default(), &sents);
        assert_eq!(doc.text, "Hello, world Bye");
        for t in &doc.tokens {
            assert_eq!(doc.slice(t.start, t.end), t.form);
        }
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.sentence_tokens(&doc.sentences[1])[0].form, "Bye");
    }

    #[test]
    fn entity_marks_cover_spans() {
        let sents = vec![["in", "New", "York", "today"]
            .iter()
            .map(|w| (w.to_string(), true))
            .collect::<Vec<_>>()];
        let mut doc = Doc::from_tokens(DocMeta::default(), &sents);
        doc.entities.push(Entity {
            first_token: 1,
            end_token: 3,
            label: EntityLabel::Gpe,
        });
        let marks = doc.entity_marks();
        assert_eq!(marks[0], None);
        assert_eq!(marks[1], Some((true, EntityLabel::Gpe)));
        assert_eq!(marks[2], Some((false, EntityLabel::Gpe)));
        assert_eq!(marks[3], None);
    }

    #[test]
    fn char_offsets_count_scalars() {
        let doc = Doc::new(DocMeta::default(), "Türkiye talks".to_string());
        let byte = doc.text.find("talks").unwrap();
        assert_eq!(doc.char_offset(byte), 8);
    }
}
