//! Part-of-speech tagger (UPOS), trained on UD English EWT.
//!
//! A greedy left-to-right averaged perceptron ([`features`] says what it looks at). Frequent,
//! unambiguous forms are tagged from a dictionary without scoring. Tagging uses sums precomputed
//! when the model loads ([`decode`]), so a known word costs a handful of lookups.
//!
//! Model file (little-endian): magic `DRGTAGR1`; the class names (`write_strings`; a class is
//! `UPOS` or `UPOS/finer`, and reduces to the UPOS before the slash); the tag dictionary's forms
//! (`write_strings`) then their classes (`u32` count, `u16` each); the lexicon's forms
//! (`write_strings`) then per form its class mask (`u64`) and commonest class (`u16`); the
//! capitalisation table's words (`write_strings`) then their buckets (`u8` each); the number
//! of passes (`u32`, 1 or 2) and each pass's perceptron.

pub mod caps;
pub mod decode;
pub mod features;
pub mod train;

pub use decode::TagBuffers;

use crate::doc::{Doc, Upos};
use crate::model::perceptron::{read_strings, read_u32, write_strings, write_u32};
use crate::model::{Perceptron, TrainOptions};
use decode::Tables;
use std::io::{self, Read, Write};
use std::path::Path;
use train::{fit, upos_classes, upos_samples, FitOptions, Tuning};
pub use train::{read_upos, TaggedSentence};

const MAGIC: &[u8; 8] = b"DRGTAGR1";
/// More classes than any tag set needs; a bound keeps a corrupt file from asking for huge
/// tables.
const MAX_CLASSES: usize = 512;

/// Passes over EWT when the caller does not say.
const DEFAULT_EPOCHS: usize = 15;
/// Averaged weights smaller than this are dropped from the saved model.
const PRUNE: f32 = 0.1;
/// Whether `train` adds the look-ahead second pass. Measured on EWT: +0.15 dev and +0.06 test
/// UPOS for 2.7× the tagging time and twice the model, so the shipped model has one pass.
const TWO_PASS: bool = false;

/// A word of the training lexicon: its word-feature sums are cached when the model loads, and
/// the classes it was seen with make its ambiguity class.
#[derive(Debug, Clone, PartialEq)]
pub struct LexEntry {
    pub form: String,
    /// Bit `c` set when the word took class `c` often enough (classes ≥ 64 are not recorded).
    pub mask: u64,
    /// Its commonest class.
    pub top: u16,
}

impl LexEntry {
    pub fn ambiguity(&self) -> u64 {
        features::ambiguity(self.mask, self.top)
    }
}

/// A model with its precomputed sums.
struct Stage {
    model: Perceptron,
    tables: Tables,
}

impl Stage {
    fn pass(&self) -> decode::Pass<'_> {
        decode::Pass {
            model: &self.model,
            tables: &self.tables,
        }
    }
}

pub struct Tagger {
    classes: Vec<String>,
    class_upos: Vec<Upos>,
    dict: Vec<(String, u16)>,
    vocab: Vec<LexEntry>,
    /// Capitalisation buckets of lowercased words, from unlabelled text.
    caps: Vec<(String, u8)>,
    first: Stage,
    /// The look-ahead pass, when trained.
    second: Option<Stage>,
}

impl Tagger {
    pub(crate) fn from_parts(
        classes: Vec<String>,
        first: Perceptron,
        second: Option<Perceptron>,
        dict: Vec<(String, u16)>,
        vocab: Vec<LexEntry>,
        caps: Vec<(String, u8)>,
    ) -> Result<Tagger, String> {
        // The dense history tables grow with the cube of the class count.
        if classes.is_empty() || classes.len() > MAX_CLASSES {
            return Err(format!(
                "{} classes (expected 1 to {MAX_CLASSES})",
                classes.len()
            ));
        }
        for model in std::iter::once(&first).chain(&second) {
            if model.n_classes() != classes.len() {
                return Err(format!(
                    "model has {} classes but the class list {}",
                    model.n_classes(),
                    classes.len()
                ));
            }
        }
        let class_upos = classes
            .iter()
            .map(|c| {
                let upos = c.split('/').next().unwrap_or("");
                Upos::parse(upos).ok_or_else(|| format!("class {c:?} does not start with a UPOS"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if let Some((f, _)) = dict.iter().find(|(_, c)| *c as usize >= classes.len()) {
            return Err(format!("tag dictionary entry {f:?} has no such class"));
        }
        if let Some(e) = vocab.iter().find(|e| e.top as usize >= classes.len()) {
            return Err(format!("lexicon entry {:?} has no such class", e.form));
        }
        if let Some((w, b)) = caps.iter().find(|(_, b)| !(1..=5).contains(b)) {
            return Err(format!(
                "capitalisation bucket {b} of {w:?} is out of range"
            ));
        }
        let first = Stage {
            tables: Tables::build(&first, &vocab, &dict, &caps, false),
            model: first,
        };
        let second = second.map(|model| Stage {
            tables: Tables::build(&model, &vocab, &dict, &caps, true),
            model,
        });
        Ok(Tagger {
            classes,
            class_upos,
            dict,
            vocab,
            caps,
            first,
            second,
        })
    }

    pub fn load(path: &Path) -> io::Result<Tagger> {
        let bytes = std::fs::read(path)?;
        Tagger::read_from(&mut bytes.as_slice())
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        crate::model::save_with(path, |w| self.write_to(w))
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(MAGIC)?;
        write_strings(w, &self.classes)?;
        let forms: Vec<String> = self.dict.iter().map(|(f, _)| f.clone()).collect();
        write_strings(w, &forms)?;
        write_u32(w, self.dict.len() as u32)?;
        for (_, c) in &self.dict {
            w.write_all(&c.to_le_bytes())?;
        }
        let forms: Vec<String> = self.vocab.iter().map(|e| e.form.clone()).collect();
        write_strings(w, &forms)?;
        for e in &self.vocab {
            w.write_all(&e.mask.to_le_bytes())?;
            w.write_all(&e.top.to_le_bytes())?;
        }
        let words: Vec<String> = self.caps.iter().map(|(w, _)| w.clone()).collect();
        write_strings(w, &words)?;
        w.write_all(&self.caps.iter().map(|(_, b)| *b).collect::<Vec<u8>>())?;
        write_u32(w, 1 + self.second.is_some() as u32)?;
        self.first.model.write_to(w)?;
        if let Some(s) = &self.second {
            s.model.write_to(w)?;
        }
        Ok(())
    }

    pub fn read_from(r: &mut impl Read) -> io::Result<Tagger> {
        let invalid = |m: String| io::Error::new(io::ErrorKind::InvalidData, m);
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a dragoman tagger model (bad magic)".into()));
        }
        let classes = read_strings(r)?;
        let forms = read_strings(r)?;
        let n = read_u32(r)? as usize;
        if n != forms.len() {
            return Err(invalid(
                "corrupt tagger model (tag dictionary sizes differ)".into(),
            ));
        }
        let mut dict = Vec::with_capacity(n);
        for f in forms {
            let mut b = [0u8; 2];
            r.read_exact(&mut b)?;
            dict.push((f, u16::from_le_bytes(b)));
        }
        let mut vocab = Vec::new();
        for form in read_strings(r)? {
            let mut b = [0u8; 10];
            r.read_exact(&mut b)?;
            let mask = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
            let top = u16::from_le_bytes([b[8], b[9]]);
            vocab.push(LexEntry { form, mask, top });
        }
        let words = read_strings(r)?;
        let mut buckets = vec![0u8; words.len()];
        r.read_exact(&mut buckets)?;
        let caps = words.into_iter().zip(buckets).collect();
        let passes = read_u32(r)?;
        if !(1..=2).contains(&passes) {
            return Err(invalid(format!("corrupt tagger model ({passes} passes)")));
        }
        let first = Perceptron::read_from(r)?;
        let second = if passes == 2 {
            Some(Perceptron::read_from(r)?)
        } else {
            None
        };
        Tagger::from_parts(classes, first, second, dict, vocab, caps)
            .map_err(|e| invalid(format!("corrupt tagger model: {e}")))
    }

    /// Fill `Token::upos` for every token of the document.
    pub fn tag(&self, doc: &mut Doc) {
        // Buffers (and their out-of-vocabulary rows) live on between documents, one set per
        // thread.
        thread_local! {
            static BUFS: std::cell::RefCell<TagBuffers> = std::cell::RefCell::new(TagBuffers::default());
        }
        BUFS.with(|b| match b.try_borrow_mut() {
            Ok(mut bufs) => self.tag_with(doc, &mut bufs),
            Err(_) => self.tag_with(doc, &mut TagBuffers::default()),
        });
    }

    fn tag_with(&self, doc: &mut Doc, bufs: &mut TagBuffers) {
        let n_tokens = doc.tokens.len();
        let mut spans: Vec<std::ops::Range<usize>> = doc
            .sentences
            .iter()
            .map(|s| s.first_token.min(n_tokens)..s.end_token.min(n_tokens))
            .collect();
        // Tokens no sentence covers (a document built by hand) are tagged as one sentence.
        let covered: usize = spans.iter().map(|r| r.len()).sum();
        if covered < n_tokens && spans.iter().all(|r| r.is_empty()) {
            spans.clear();
            spans.push(0..n_tokens);
        }
        for span in spans {
            let tokens = &mut doc.tokens[span];
            self.tag_classes(tokens.iter().map(|t| t.form.as_str()), bufs);
            for (t, &c) in tokens.iter_mut().zip(&bufs.classes) {
                t.upos = self.class_upos(c);
            }
        }
    }

    /// Tags of one sentence given as forms.
    pub fn tag_forms(&self, forms: &[&str]) -> Vec<Upos> {
        let mut out = Vec::with_capacity(forms.len());
        self.tag_forms_with(forms, &mut TagBuffers::default(), &mut out);
        out
    }

    /// [`tag_forms`](Tagger::tag_forms) reusing buffers across calls; `out` is overwritten.
    pub fn tag_forms_with(&self, forms: &[&str], bufs: &mut TagBuffers, out: &mut Vec<Upos>) {
        self.tag_classes(forms.iter().copied(), bufs);
        out.clear();
        out.extend(bufs.classes.iter().map(|&c| self.class_upos(c)));
    }

    fn tag_classes<'a>(&self, forms: impl Iterator<Item = &'a str>, bufs: &mut TagBuffers) {
        decode::tag_sentence(
            self.first.pass(),
            self.second.as_ref().map(Stage::pass),
            forms,
            bufs,
        );
    }

    fn class_upos(&self, class: u16) -> Upos {
        self.class_upos
            .get(class as usize)
            .copied()
            .unwrap_or_default()
    }

    /// A one-line description of the model's size.
    pub fn summary(&self) -> String {
        let stages = std::iter::once(&self.first).chain(&self.second);
        let (f, w) = stages.fold((0, 0), |(f, w), s| {
            (f + s.model.n_features(), w + s.model.n_weights())
        });
        format!(
            "{} classes, {} pass(es), {f} features, {w} weights, {} dictionary forms, {} cached words",
            self.classes.len(),
            1 + self.second.is_some() as usize,
            self.dict.len(),
            self.first.tables.n_cached_words()
        )
    }
}

/// Train a UPOS tagger on given sentences, with no held-out tuning: for callers that need
/// predicted tags on data the tagger has not seen (the parser's jackknifing). Same model as
/// [`train`] ships (one pass), except that its capitalisation statistics come from the given
/// sentences only, not the news, and it keeps the last epoch rather than the best on dev.
pub fn train_on(sentences: &[TaggedSentence], epochs: usize, seed: u64) -> Tagger {
    let samples = upos_samples(sentences);
    let mut counts = caps::CapsCounts::default();
    for (forms, _) in sentences {
        counts.add_tokens(forms.iter().map(|f| f.as_str()));
    }
    let opts = FitOptions {
        epochs,
        seed,
        prune: PRUNE,
        two_pass: false,
    };
    fit(&samples, upos_classes(), &counts.buckets(), opts, None)
        .expect("the UPOS class list is consistent with itself")
}

/// Train on `data/ud-english-ewt`; returns the model and a human-readable report.
pub fn train(opts: &TrainOptions) -> Result<(Tagger, String), String> {
    let t0 = std::time::Instant::now();
    let dir = opts.data.join("ud-english-ewt");
    let train = read_upos(&dir.join("en_ewt-ud-train.conllu"), opts.limit)?;
    let dev = upos_samples(&read_upos(&dir.join("en_ewt-ud-dev.conllu"), None)?);
    let test = upos_samples(&read_upos(&dir.join("en_ewt-ud-test.conllu"), None)?);
    let samples = upos_samples(&train);
    let epochs = opts.epochs.unwrap_or(DEFAULT_EPOCHS);
    let mut counts = caps::CapsCounts::default();
    let news_docs = caps::add_news(&opts.data, &mut counts)?;
    for s in &samples {
        counts.add_tokens(s.forms.iter().map(|f| f.as_str()));
    }
    let caps_table = counts.buckets();
    let mut log = format!(
        "tagger: {} training sentences ({} tokens), {epochs} epochs, seed {}\n\
         capitalisation statistics for {} words from {news_docs} news texts and EWT train\n",
        samples.len(),
        samples.iter().map(|s| s.forms.len()).sum::<usize>(),
        opts.seed,
        caps_table.len()
    );
    let tuning = Tuning {
        samples: &dev,
        log: &mut log,
    };
    let fit_opts = FitOptions {
        epochs,
        seed: opts.seed,
        prune: PRUNE,
        two_pass: TWO_PASS,
    };
    let tagger = fit(
        &samples,
        upos_classes(),
        &caps_table,
        fit_opts,
        Some(tuning),
    )?;
    let test_acc = tagger.accuracy(&test);
    log.push_str(&format!(
        "test UPOS {:.2}% on {} tokens (gold tokenization)\n{}\ntrained in {:.1}s\n",
        test_acc.upos,
        test_acc.tokens,
        tagger.summary(),
        t0.elapsed().as_secs_f64()
    ));
    Ok((tagger, log))
}

#[cfg(test)]
mod tests {
    use super::train::Sample;
    use super::*;
    use crate::doc::DocMeta;
    use crate::model::hash::{hash_str, PrehashedMap};
    use std::collections::HashMap;
    use std::sync::OnceLock;

    fn ewt(file: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/ud-english-ewt")
            .join(file)
    }

    /// A model trained once on a slice of EWT train, shared by the tests below.
    fn small() -> &'static (Tagger, Vec<TaggedSentence>) {
        static CELL: OnceLock<(Tagger, Vec<TaggedSentence>)> = OnceLock::new();
        CELL.get_or_init(|| {
            let train = read_upos(&ewt("en_ewt-ud-train.conllu"), Some(1000))
                .expect("EWT train in ../shared/data");
            let dev = read_upos(&ewt("en_ewt-ud-dev.conllu"), Some(400)).expect("EWT dev");
            (train_on(&train, 2, 1), dev)
        })
    }

    #[test]
    fn beats_most_frequent_tag_baseline() {
        let (tagger, dev) = small();
        let train = read_upos(&ewt("en_ewt-ud-train.conllu"), Some(1000)).unwrap();
        // Baseline: each known form's most frequent tag, NOUN for unknown forms.
        let mut counts: HashMap<&str, HashMap<Upos, usize>> = HashMap::new();
        for (forms, tags) in &train {
            for (f, t) in forms.iter().zip(tags) {
                *counts.entry(f).or_default().entry(*t).or_default() += 1;
            }
        }
        let (mut base, mut ours, mut n) = (0, 0, 0);
        for (forms, tags) in dev {
            let refs: Vec<&str> = forms.iter().map(|s| s.as_str()).collect();
            let pred = tagger.tag_forms(&refs);
            for ((f, gold), p) in forms.iter().zip(tags).zip(pred) {
                let guess = counts
                    .get(f.as_str())
                    .and_then(|c| c.iter().max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t))))
                    .map_or(Upos::Noun, |(t, _)| *t);
                base += (guess == *gold) as usize;
                ours += (p == *gold) as usize;
                n += 1;
            }
        }
        let (base, ours) = (base as f64 / n as f64, ours as f64 / n as f64);
        assert!(ours > base + 0.05, "tagger {ours:.3} vs baseline {base:.3}");
        assert!(ours > 0.85, "tagger accuracy {ours:.3}");
    }

    fn assert_fast_path_matches_reference(tagger: &Tagger, dev: &[TaggedSentence]) {
        let dict: PrehashedMap<u16> = tagger.dict.iter().map(|(f, c)| (hash_str(f), *c)).collect();
        let lexicon: features::Lexicon = tagger
            .vocab
            .iter()
            .map(|e| (hash_str(&e.form), e.ambiguity()))
            .collect();
        let caps = caps::table(&tagger.caps);
        let mut bufs = TagBuffers::default();
        for (forms, _) in dev.iter().take(200) {
            let refs: Vec<&str> = forms.iter().map(|s| s.as_str()).collect();
            let second = tagger.second.as_ref().map(|s| &s.model);
            let naive = decode::tag_sentence_naive(
                &tagger.first.model,
                second,
                &dict,
                &lexicon,
                &caps,
                &refs,
            );
            tagger.tag_classes(refs.iter().copied(), &mut bufs);
            assert_eq!(naive, bufs.classes, "sentence {refs:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_reference_scorer() {
        let (tagger, dev) = small();
        assert!(tagger.second.is_none());
        assert_fast_path_matches_reference(tagger, dev);
    }

    #[test]
    fn two_pass_tagger_trains_decodes_and_round_trips() {
        let (one_pass, dev) = small();
        let train = read_upos(&ewt("en_ewt-ud-train.conllu"), Some(600)).unwrap();
        let opts = FitOptions {
            epochs: 2,
            seed: 3,
            prune: PRUNE,
            two_pass: true,
        };
        let tagger = fit(&upos_samples(&train), upos_classes(), &[], opts, None).unwrap();
        assert!(tagger.second.is_some());
        assert_fast_path_matches_reference(&tagger, dev);
        let mut bytes = Vec::new();
        tagger.write_to(&mut bytes).unwrap();
        let back = Tagger::read_from(&mut bytes.as_slice()).unwrap();
        assert!(back.second.is_some());
        let dev_samples = upos_samples(dev);
        let acc = back.accuracy(&dev_samples).upos;
        assert_eq!(acc, tagger.accuracy(&dev_samples).upos);
        // Trained on less data than the one-pass model, it should still be in its league.
        assert!(
            acc > one_pass.accuracy(&dev_samples).upos - 3.0,
            "two-pass {acc:.2}"
        );
    }

    #[test]
    fn round_trips_through_a_file() {
        let (tagger, dev) = small();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tagger.bin");
        tagger.save(&path).unwrap();
        let back = Tagger::load(&path).unwrap();
        assert_eq!(back.classes, tagger.classes);
        assert_eq!(back.dict, tagger.dict);
        for (forms, _) in dev.iter().take(50) {
            let refs: Vec<&str> = forms.iter().map(|s| s.as_str()).collect();
            assert_eq!(back.tag_forms(&refs), tagger.tag_forms(&refs));
        }
    }

    #[test]
    fn corrupt_or_truncated_files_are_errors() {
        let (tagger, _) = small();
        let mut bytes = Vec::new();
        tagger.write_to(&mut bytes).unwrap();
        for cut in [0, 5, 8, 20, bytes.len() / 3, bytes.len() - 1] {
            assert!(
                Tagger::read_from(&mut &bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(Tagger::read_from(&mut bad.as_slice()).is_err());
        // An unknown class name is refused, not mapped silently.
        let mut renamed = bytes.clone();
        let at = 8 + 4 + 4; // magic, class count, first name's length
        renamed[at..at + 3].copy_from_slice(b"ZZZ");
        assert!(Tagger::read_from(&mut renamed.as_slice()).is_err());
        assert!(Tagger::load(Path::new("/nonexistent/tagger.bin")).is_err());
    }

    #[test]
    fn damaged_files_never_panic() {
        let (tagger, _) = small();
        let mut bytes = Vec::new();
        tagger.write_to(&mut bytes).unwrap();
        let mut rng = train::SplitMix64::new(9);
        for _ in 0..200 {
            let mut bad = bytes.clone();
            // Mostly the header and string tables, where counts and lengths live.
            let at = rng.below(4096.min(bad.len()));
            bad[at] = rng.next_u64() as u8;
            if let Ok(t) = Tagger::read_from(&mut bad.as_slice()) {
                let _ = t.tag_forms(&["Officials", "met", "in", "Geneva", "."]);
            }
        }
    }

    #[test]
    fn tag_fills_every_token_of_a_doc() {
        let (tagger, _) = small();
        let sents: Vec<Vec<(String, bool)>> = [
            "The minister said the talks would resume in Geneva .",
            "Protesters gathered outside parliament on Tuesday .",
        ]
        .iter()
        .map(|s| s.split(' ').map(|w| (w.to_string(), true)).collect())
        .collect();
        let mut doc = Doc::from_tokens(DocMeta::default(), &sents);
        for t in doc.tokens.iter_mut() {
            t.upos = Upos::Sym;
        }
        tagger.tag(&mut doc);
        assert!(doc.tokens.iter().all(|t| t.upos != Upos::Sym));
        let tags: Vec<Upos> = doc.tokens.iter().map(|t| t.upos).collect();
        assert_eq!(tags[0], Upos::Det);
        assert_eq!(tags[9], Upos::Punct);
        // An empty sentence and an empty document are fine too.
        assert!(tagger.tag_forms(&[]).is_empty());
        tagger.tag(&mut Doc::default());
    }

    #[test]
    fn samples_keep_upos_order() {
        let s: Vec<Sample> = upos_samples(&[(vec!["a".into()], vec![Upos::Verb])]);
        assert_eq!(upos_classes()[s[0].classes[0] as usize], "VERB");
    }
}
