//! Labelled dependency parser, trained on UD English EWT.
//!
//! A greedy arc-hybrid transition parser ([`transition`]) scored by an averaged perceptron over
//! Zhang & Nivre style features ([`features`]), trained with the dynamic oracle and error
//! exploration of Goldberg & Nivre (2013) ([`oracle`], [`training`]). Every sentence, whatever
//! its length, comes out as one tree: one word on the root, no cycles.

pub mod features;
pub mod lexicon;
pub mod oracle;
pub mod training;
pub mod transition;
pub mod weights;

use crate::doc::{deprel_index, Doc, DEPRELS};
use crate::model::perceptron::{read_strings, write_strings};
use crate::model::{Perceptron, TrainOptions};
use features::{extract, Tokens, BUFFER_STATIC, DYNAMIC, N_FEATS, STACK_STATIC};
use lexicon::Lexicon;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use transition::{Classes, Move, State, NONE};
use weights::{Tables, MAX_CLASSES};

const MAGIC: &[u8; 8] = b"DRGPARS2";
/// Bumped whenever the feature templates change: a model is only valid with the features it was
/// trained on.
const FEATURE_VERSION: u32 = 4;

pub struct Parser {
    /// Quantised weights laid out for fast scoring.
    tables: Tables,
    lexicon: Lexicon,
    /// Label names as stored in the model; class labels index this list.
    names: Vec<String>,
    /// Class label → index into [`DEPRELS`].
    to_deprel: Vec<u8>,
    /// Class label of `root`.
    root_label: u8,
}

/// Buffers one parse reuses from sentence to sentence.
pub(crate) struct Scratch<S> {
    pub st: State,
    pub tk: Tokens,
    pub feats: [u64; N_FEATS],
    pub scores: Vec<S>,
    /// Run-time parsing only: partial sums of the static feature groups.
    partial: Partial,
}

impl<S: Copy + Default> Scratch<S> {
    pub fn new(n_classes: usize) -> Scratch<S> {
        Scratch {
            st: State::default(),
            tk: Tokens::default(),
            feats: [0; N_FEATS],
            scores: vec![S::default(); n_classes],
            partial: Partial::default(),
        }
    }
}

/// Sums of the features that stay fixed while the parser moves ([`STACK_STATIC`],
/// [`BUFFER_STATIC`]), kept so that each is looked up once per word rather than once per
/// configuration. The scores are integer sums, so adding the parts gives exactly the scores of
/// all features at once.
struct Partial {
    /// By stack depth: the stack group's sums while that depth's top three words stand.
    stack: Vec<[i32; MAX_CLASSES]>,
    /// Depths below this have valid sums.
    stack_valid: usize,
    buffer: [i32; MAX_CLASSES],
    /// The buffer front `buffer` was summed for, or [`NONE`].
    buffer_front: u32,
}

impl Default for Partial {
    fn default() -> Partial {
        Partial {
            stack: Vec::new(),
            stack_valid: 0,
            buffer: [0; MAX_CLASSES],
            buffer_front: NONE,
        }
    }
}

fn pick<const N: usize>(feats: &[u64; N_FEATS], which: &[usize; N]) -> [u64; N] {
    which.map(|i| feats[i])
}

impl Partial {
    fn reset(&mut self) {
        self.stack_valid = 0;
        self.buffer_front = NONE;
    }

    /// Scores of configuration `st` with features `feats`, into `acc`.
    fn score(
        &mut self,
        tables: &Tables,
        st: &State,
        feats: &[u64; N_FEATS],
        acc: &mut [i32; MAX_CLASSES],
    ) {
        let depth = st.stack.len();
        if self.stack.len() <= depth {
            self.stack.resize(depth + 1, [0; MAX_CLASSES]);
        }
        if depth >= self.stack_valid {
            let sum = &mut self.stack[depth];
            *sum = [0; MAX_CLASSES];
            tables.add(&pick(feats, &STACK_STATIC), sum);
            self.stack_valid = depth + 1;
        }
        if self.buffer_front != st.b {
            self.buffer = [0; MAX_CLASSES];
            tables.add(&pick(feats, &BUFFER_STATIC), &mut self.buffer);
            self.buffer_front = st.b;
        }
        for ((a, s), b) in acc.iter_mut().zip(&self.stack[depth]).zip(&self.buffer) {
            *a = s + b;
        }
        tables.add(&pick(feats, &DYNAMIC), acc);
    }

    /// After a move from a stack of `depth` words: a shift puts a new word on top, whose
    /// depth's sums are then stale.
    fn moved(&mut self, m: Move, depth: usize) {
        if m == Move::Shift {
            self.stack_valid = self.stack_valid.min(depth + 1);
        }
    }
}

/// The highest-scoring legal class: LEFT onto the root must carry the root label, and no other
/// arc may.
pub(crate) fn best_legal<S: Copy + PartialOrd>(
    st: &State,
    classes: Classes,
    root_label: u8,
    scores: &[S],
) -> usize {
    let mut best = usize::MAX;
    let mut consider = |c: usize| {
        if best == usize::MAX || scores[c] > scores[best] {
            best = c;
        }
    };
    if st.can(Move::Shift) {
        consider(0);
    }
    if st.can(Move::Left) {
        if st.left_is_root() {
            consider(classes.encode(Move::Left, root_label));
        } else {
            for l in 0..classes.n_labels as u8 {
                if l != root_label {
                    consider(classes.encode(Move::Left, l));
                }
            }
        }
    }
    if st.can(Move::Right) {
        for l in 0..classes.n_labels as u8 {
            if l != root_label {
                consider(classes.encode(Move::Right, l));
            }
        }
    }
    best
}

/// The standard label inventory: every relation of [`DEPRELS`].
pub(crate) fn label_names() -> Vec<String> {
    DEPRELS.iter().map(|s| s.to_string()).collect()
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

impl Parser {
    /// A parser from a trained model, keeping only weights of magnitude `min_abs` or more.
    pub fn new(
        model: &Perceptron,
        names: Vec<String>,
        lexicon: Lexicon,
        min_abs: f32,
    ) -> Result<Parser, String> {
        Parser::from_tables(Tables::build(model, min_abs), names, lexicon)
    }

    fn from_tables(tables: Tables, names: Vec<String>, lexicon: Lexicon) -> Result<Parser, String> {
        let classes = Classes {
            n_labels: names.len(),
        };
        if tables.n_classes() != classes.count() {
            return Err(format!(
                "parser model has {} classes but {} labels need {}",
                tables.n_classes(),
                names.len(),
                classes.count()
            ));
        }
        if names.len() > 64 {
            return Err(format!("too many parser labels ({})", names.len()));
        }
        let root_label = names
            .iter()
            .position(|s| s == "root")
            .ok_or("parser labels lack `root`")? as u8;
        let to_deprel = names.iter().map(|s| deprel_index(s)).collect();
        Ok(Parser {
            tables,
            lexicon,
            names,
            to_deprel,
            root_label,
        })
    }

    pub(crate) fn classes(&self) -> Classes {
        Classes {
            n_labels: self.names.len(),
        }
    }

    pub fn load(path: &Path) -> std::io::Result<Parser> {
        let f = std::fs::File::open(path)?;
        Parser::read_from(&mut BufReader::new(f))
    }

    pub fn read_from(r: &mut impl Read) -> io::Result<Parser> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a dragoman parser model (bad magic)".into()));
        }
        let version = crate::model::perceptron::read_u32(r)?;
        let n_feats = crate::model::perceptron::read_u32(r)?;
        if version != FEATURE_VERSION || n_feats as usize != N_FEATS {
            return Err(invalid(format!(
                "parser model was trained with feature set {version}/{n_feats}, this build uses {FEATURE_VERSION}/{N_FEATS}: retrain it"
            )));
        }
        let names = read_strings(r)?;
        if names.is_empty() || names.len() > 64 {
            return Err(invalid(format!("bad parser label count {}", names.len())));
        }
        let n_classes = Classes {
            n_labels: names.len(),
        }
        .count();
        let lexicon = Lexicon::read_from(r)?;
        let tables = Tables::read_from(r, n_classes)?;
        Parser::from_tables(tables, names, lexicon).map_err(invalid)
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::model::save_with(path, |w| self.write_to(w))
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(MAGIC)?;
        crate::model::perceptron::write_u32(w, FEATURE_VERSION)?;
        crate::model::perceptron::write_u32(w, N_FEATS as u32)?;
        write_strings(w, &self.names)?;
        self.lexicon.write_to(w)?;
        self.tables.write_to(w)
    }

    /// Number of features and weights kept in the model.
    pub fn size(&self) -> (usize, usize) {
        self.tables.size()
    }

    /// Fill `Token::head` and `Token::deprel` for every sentence; reads `Token::upos`.
    pub fn parse(&self, doc: &mut Doc) {
        // Buffers live on between calls (one set per thread): documents of one sentence each
        // would otherwise pay a score of allocations per sentence.
        thread_local! {
            static SCRATCH: std::cell::Cell<Option<Scratch<i32>>> = const { std::cell::Cell::new(None) };
        }
        let n_classes = self.classes().count();
        let mut sc = SCRATCH
            .with(|c| c.take())
            .filter(|sc| sc.scores.len() == n_classes)
            .unwrap_or_else(|| Scratch::new(n_classes));
        self.parse_with(doc, &mut sc);
        SCRATCH.with(|c| c.set(Some(sc)));
    }

    /// Parse again only the sentences whose indices are given (after their tags changed).
    pub fn reparse(&self, doc: &mut Doc, sentences: &[usize]) {
        let mut sc = Scratch::new(self.classes().count());
        let spans: Vec<std::ops::Range<usize>> = sentences
            .iter()
            .filter_map(|&i| doc.sentences.get(i))
            .map(|s| s.token_range())
            .collect();
        self.parse_spans(doc, spans, &mut sc);
    }

    fn parse_with(&self, doc: &mut Doc, sc: &mut Scratch<i32>) {
        let mut spans: Vec<std::ops::Range<usize>> =
            doc.sentences.iter().map(|s| s.token_range()).collect();
        // Tokens with no sentence at all (a document built by hand) are parsed as one sentence,
        // as the tagger tags them.
        if !doc.tokens.is_empty() && spans.iter().all(|r| r.is_empty()) {
            spans.clear();
            spans.push(0..doc.tokens.len());
        }
        self.parse_spans(doc, spans, sc);
    }

    fn parse_spans(
        &self,
        doc: &mut Doc,
        spans: Vec<std::ops::Range<usize>>,
        sc: &mut Scratch<i32>,
    ) {
        let root_deprel = deprel_index("root");
        for range in spans {
            let Some(toks) = doc.tokens.get_mut(range) else {
                continue;
            };
            if toks.is_empty() {
                continue;
            }
            self.parse_tokens(sc, toks);
            let n = toks.len() as u32;
            for (i, t) in toks.iter_mut().enumerate() {
                let h = sc.st.head[i];
                if h == n {
                    t.head = None;
                    t.deprel = root_deprel;
                } else {
                    t.head = Some(h);
                    t.deprel = self.to_deprel[sc.st.label[i] as usize];
                }
            }
        }
    }

    /// Run the parser over one sentence; the result is left in `sc.st`.
    pub(crate) fn parse_tokens(&self, sc: &mut Scratch<i32>, toks: &[crate::doc::Token]) {
        let classes = self.classes();
        sc.tk.fill_from_tokens(toks, &self.lexicon);
        sc.st.reset(toks.len());
        sc.partial.reset();
        let n = classes.count().min(MAX_CLASSES);
        let mut acc = [0i32; MAX_CLASSES];
        while !sc.st.is_terminal() {
            extract(&sc.tk, &sc.st, &mut sc.feats);
            sc.partial.score(&self.tables, &sc.st, &sc.feats, &mut acc);
            let c = best_legal(&sc.st, classes, self.root_label, &acc[..n]);
            let (m, l) = classes.decode(c);
            let depth = sc.st.stack.len();
            sc.st.apply(m, l);
            sc.partial.moved(m, depth);
        }
    }

    /// [`parse_tokens`](Parser::parse_tokens) scoring every feature afresh in every
    /// configuration: what the partial sums must reproduce.
    #[cfg(test)]
    fn parse_tokens_plain(&self, sc: &mut Scratch<i32>, toks: &[crate::doc::Token]) {
        let classes = self.classes();
        sc.tk.fill_from_tokens(toks, &self.lexicon);
        sc.st.reset(toks.len());
        while !sc.st.is_terminal() {
            extract(&sc.tk, &sc.st, &mut sc.feats);
            self.tables.score(&sc.feats, &mut sc.scores);
            let c = best_legal(&sc.st, classes, self.root_label, &sc.scores);
            let (m, l) = classes.decode(c);
            sc.st.apply(m, l);
        }
    }
}

/// Train on `data/ud-english-ewt`; returns the model and a human-readable report.
pub fn train(opts: &TrainOptions) -> Result<(Parser, String), String> {
    training::train(opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocMeta, Upos};
    use crate::model::Trainer;

    /// A parser with a little random-ish weight mass, enough to exercise decoding.
    fn toy_parser() -> Parser {
        let names = label_names();
        let classes = Classes {
            n_labels: names.len(),
        };
        let mut t = Trainer::new(classes.count());
        for i in 0..200u64 {
            t.add(
                crate::model::hash::feature((i % N_FEATS as u64) as u32, i % 7),
                (i as usize * 31) % classes.count(),
                1.0,
            );
            t.tick();
        }
        Parser::new(&t.finish(0.0), names, Lexicon::default(), 0.0).unwrap()
    }

    fn doc_of(words: &[&str]) -> Doc {
        let sent: Vec<(String, bool)> = words.iter().map(|w| (w.to_string(), true)).collect();
        let mut doc = Doc::from_tokens(DocMeta::default(), &[sent.clone(), sent]);
        for (i, t) in doc.tokens.iter_mut().enumerate() {
            t.upos = Upos::from_index(i % 17);
        }
        doc
    }

    fn assert_trees(doc: &Doc) {
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            let n = toks.len() as u32;
            let heads: Vec<u32> = toks.iter().map(|t| t.head.unwrap_or(n)).collect();
            assert!(oracle::is_single_rooted_tree(&heads), "{heads:?}");
            for t in toks {
                assert_eq!(t.head.is_none(), t.deprel == deprel_index("root"));
            }
        }
    }

    #[test]
    fn always_outputs_trees_for_any_length() {
        let p = toy_parser();
        for len in [1, 2, 3, 17, 300] {
            let words: Vec<String> = (0..len).map(|i| format!("w{i}")).collect();
            let refs: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
            let mut doc = doc_of(&refs);
            p.parse(&mut doc);
            assert_trees(&doc);
        }
        let mut empty = Doc::default();
        p.parse(&mut empty);
        // Tokens without sentences make one tree.
        let mut bare = doc_of(&["a", "b", "c"]);
        bare.sentences.clear();
        p.parse(&mut bare);
        let heads: Vec<u32> = bare.tokens.iter().map(|t| t.head.unwrap_or(6)).collect();
        assert!(oracle::is_single_rooted_tree(&heads), "{heads:?}");
    }

    /// The shipped model parses the seed example the same with partial sums as with every
    /// feature scored afresh.
    #[test]
    fn partial_sums_give_the_plain_parse() {
        let p = Parser::load(Path::new("models/parser.bin")).expect("shipped parser");
        let text = std::fs::read_to_string("examples/seed-2025-04-10.txt").expect("seed");
        let mut doc = Doc::new(DocMeta::default(), text);
        crate::text::segment(&mut doc);
        let tagger = crate::tag::Tagger::load(Path::new("models/tagger.bin")).expect("tagger");
        tagger.tag(&mut doc);
        let n_classes = p.classes().count();
        let (mut a, mut b) = (Scratch::new(n_classes), Scratch::new(n_classes));
        assert!(doc.sentences.len() > 5);
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            p.parse_tokens(&mut a, toks);
            p.parse_tokens_plain(&mut b, toks);
            assert_eq!(a.st.head, b.st.head);
            assert_eq!(a.st.label, b.st.label);
        }
    }

    #[test]
    fn save_load_round_trip_and_corruption() {
        let p = toy_parser();
        let mut buf = Vec::new();
        p.write_to(&mut buf).unwrap();
        let back = Parser::read_from(&mut buf.as_slice()).unwrap();
        let mut a = doc_of(&["The", "cat", "sat", "."]);
        let mut b = a.clone();
        p.parse(&mut a);
        back.parse(&mut b);
        assert_eq!(a.tokens, b.tokens);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parser.bin");
        p.save(&path).unwrap();
        assert!(Parser::load(&path).is_ok());

        let mut cut = buf.clone();
        cut.truncate(buf.len() / 2);
        assert!(Parser::read_from(&mut cut.as_slice()).is_err());
        let mut bad = buf.clone();
        bad[0] = b'X';
        assert!(Parser::read_from(&mut bad.as_slice()).is_err());
        assert!(Parser::load(&dir.path().join("missing.bin")).is_err());
    }
}
