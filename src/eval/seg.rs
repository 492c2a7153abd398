//! Scoring segmentation against a UD treebank: tokens per sentence text, sentences per document.
//!
//! Tokens are scored twice: as syntactic words (what the tagger and parser consume: "do" "n't")
//! and as surface tokens (EWT writes "don't" as one multiword token over its words). Sentences
//! are scored as spans of each document rebuilt from its sentence texts (one space between
//! sentences, a blank line at `# newpar`).

use crate::doc::{Doc, DocMeta};
use crate::text::{self, Kind};
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

/// One gold sentence: its text, and the byte spans of its words and surface tokens in it.
#[derive(Debug, Default)]
struct GoldSentence {
    text: String,
    new_doc: bool,
    new_par: bool,
    words: Vec<(usize, usize)>,
    surface: Vec<(usize, usize)>,
}

/// A byte span.
type Span = (usize, usize);

/// A raw CoNLL-U word or multiword-token line: id range and form.
struct Line<'a> {
    first: u32,
    last: u32,
    form: &'a str,
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut cols = line.split('\t');
    let id = cols.next()?;
    let form = cols.next()?;
    if id.contains('.') {
        return None;
    }
    let (first, last) = match id.split_once('-') {
        Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
        None => {
            let n = id.parse().ok()?;
            (n, n)
        }
    };
    Some(Line { first, last, form })
}

/// Find `form` in `text` at or after `pos`, skipping whitespace; fall back to a search.
fn locate(text: &str, pos: usize, form: &str) -> Option<usize> {
    let rest = text.get(pos..)?;
    let trimmed = rest.trim_start();
    let at = pos + (rest.len() - trimmed.len());
    if trimmed.starts_with(form) {
        Some(at)
    } else {
        rest.find(form).map(|i| pos + i)
    }
}

fn finish_sentence(
    s: &mut GoldSentence,
    lines: &[(u32, u32, String)],
    origin: &str,
) -> Result<(), String> {
    let mut pos = 0;
    let mut i = 0;
    while i < lines.len() {
        let (first, last, form) = &lines[i];
        let start = locate(&s.text, pos, form).ok_or_else(|| {
            format!(
                "{origin}: token {form:?} not found in sentence text {:?}",
                s.text
            )
        })?;
        let end = start + form.len();
        s.surface.push((start, end));
        i += 1;
        if last > first {
            // The words of a multiword token spell it out ("did" + "n't" = "didn't");
            // cut the surface span at their lengths, or keep it whole if they don't.
            let n = (last - first + 1) as usize;
            let words = &lines[i..(i + n).min(lines.len())];
            let spelled: usize = words.iter().map(|w| w.2.len()).sum();
            if spelled == form.len() {
                let mut w0 = start;
                for w in words {
                    s.words.push((w0, w0 + w.2.len()));
                    w0 += w.2.len();
                }
            } else {
                s.words.push((start, end));
            }
            i += words.len();
        } else {
            s.words.push((start, end));
        }
        pos = end;
    }
    Ok(())
}

/// Read the gold sentences of a CoNLL-U file with their word and surface-token spans.
fn read_gold(gold: &Path) -> Result<Vec<GoldSentence>, String> {
    let raw = std::fs::read_to_string(gold)
        .map_err(|e| format!("cannot read {}: {e}", gold.display()))?;
    let origin = gold.display().to_string();
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    let mut lines: Vec<(u32, u32, String)> = Vec::new();
    let mut have_text = false;
    for (no, line) in raw.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if have_text || !lines.is_empty() {
                if !have_text {
                    return Err(format!("{origin}:{}: sentence without # text", no + 1));
                }
                finish_sentence(&mut cur, &lines, &format!("{origin}:{}", no + 1))?;
                out.push(std::mem::take(&mut cur));
            }
            lines.clear();
            have_text = false;
        } else if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if c.starts_with("newdoc") {
                cur.new_doc = true;
            } else if c.starts_with("newpar") {
                cur.new_par = true;
            } else if let Some(t) = c.strip_prefix("text =") {
                cur.text = t.trim().to_string();
                have_text = true;
            }
        } else if let Some(l) = parse_line(line) {
            // Words inside a multiword token come right after it; keep them for the split.
            lines.push((l.first, l.last, l.form.to_string()));
        }
    }
    if have_text {
        finish_sentence(&mut cur, &lines, &origin)?;
        out.push(cur);
    }
    if out.is_empty() {
        return Err(format!("{origin}: no sentences found"));
    }
    Ok(out)
}

/// Precision, recall and F1 counts.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Score {
    fn add(&mut self, gold: &[(usize, usize)], pred: &[(usize, usize)]) {
        let g: HashSet<_> = gold.iter().collect();
        self.gold += gold.len();
        self.predicted += pred.len();
        self.correct += pred.iter().filter(|p| g.contains(p)).count();
    }
    fn line(&self, name: &str) -> String {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<16} P {:6.2}  R {:6.2}  F1 {:6.2}   (gold {}, predicted {}, correct {})",
            100.0 * p,
            100.0 * r,
            100.0 * f,
            self.gold,
            self.predicted,
            self.correct
        )
    }
}

/// Predicted word spans, and surface spans with clitics merged back into their host word.
fn predicted_tokens(text: &str) -> (Vec<Span>, Vec<Span>) {
    let pieces = text::scan(text);
    let words: Vec<_> = pieces.iter().map(|p| (p.start, p.end)).collect();
    let mut surface: Vec<(usize, usize)> = Vec::with_capacity(words.len());
    for p in &pieces {
        match surface.last_mut() {
            Some(last) if p.kind == Kind::Clitic && !p.space_before && last.1 == p.start => {
                last.1 = p.end
            }
            _ => surface.push((p.start, p.end)),
        }
    }
    (words, surface)
}

/// Gold documents rebuilt from their sentences, with the sentence spans.
fn gold_documents(sents: &[GoldSentence]) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut docs: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for s in sents {
        if s.new_doc || docs.is_empty() {
            docs.push((String::new(), Vec::new()));
        }
        let Some((text, spans)) = docs.last_mut() else {
            continue;
        };
        if !text.is_empty() {
            text.push_str(if s.new_par { "\n\n" } else { " " });
        }
        let start = text.len();
        text.push_str(&s.text);
        spans.push((start, text.len()));
    }
    docs
}

/// Score segmentation against a CoNLL-U file; the report is ready to print.
pub fn evaluate(gold: &Path) -> Result<String, String> {
    report(gold, 0)
}

/// As [`evaluate`], listing up to `show_errors` sentences with token errors and documents
/// with sentence errors (for tuning).
pub fn report(gold: &Path, show_errors: usize) -> Result<String, String> {
    let sents = read_gold(gold)?;
    let mut words = Score::default();
    let mut surface = Score::default();
    let mut out = String::new();
    let mut shown = 0;
    for s in &sents {
        let (pw, ps) = predicted_tokens(&s.text);
        words.add(&s.words, &pw);
        surface.add(&s.surface, &ps);
        if shown < show_errors && pw != s.words {
            shown += 1;
            let show = |v: &[(usize, usize)]| {
                v.iter()
                    .map(|&(a, b)| &s.text[a..b])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            out.push_str(&format!(
                "TOK gold: {}\n    pred: {}\n",
                show(&s.words),
                show(&pw)
            ));
        }
    }

    let docs = gold_documents(&sents);
    let mut sentences = Score::default();
    let mut shown = 0;
    let mut tokens = 0usize;
    for (text, gold_spans) in &docs {
        let mut doc = Doc::new(DocMeta::default(), text.clone());
        text::segment(&mut doc);
        tokens += doc.tokens.len();
        let pred: Vec<_> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
        sentences.add(gold_spans, &pred);
        if shown < show_errors {
            let g: HashSet<_> = gold_spans.iter().collect();
            for &(a, b) in pred.iter().filter(|p| !g.contains(p)) {
                if shown < show_errors {
                    shown += 1;
                    out.push_str(&format!("SENT pred: {:?}\n", &text[a..b]));
                }
            }
        }
    }

    // Throughput over the same documents, repeated until the timing means something.
    let started = Instant::now();
    let mut timed_tokens = 0usize;
    let mut rounds = 0;
    while rounds == 0 || (started.elapsed().as_millis() < 300 && rounds < 1000) {
        for (text, _) in &docs {
            let mut doc = Doc::new(DocMeta::default(), text.clone());
            text::segment(&mut doc);
            timed_tokens += doc.tokens.len();
        }
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);

    out.push_str(&format!(
        "segmentation on {} ({} sentences, {} documents, {} predicted tokens)\n",
        gold.display(),
        sents.len(),
        docs.len(),
        tokens
    ));
    out.push_str(&words.line("words"));
    out.push('\n');
    out.push_str(&surface.line("surface tokens"));
    out.push('\n');
    out.push_str(&sentences.line("sentences"));
    out.push('\n');
    out.push_str(&format!(
        "speed            {:.2} M tokens/s ({} tokens in {:.3} s, one core)\n",
        timed_tokens as f64 / secs / 1e6,
        timed_tokens,
        secs
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "# newdoc id = d1\n# sent_id = 1\n# newpar id = p1\n# text = I didn't go.\n\
1\tI\tI\tPRON\t_\t_\t3\tnsubj\t_\t_\n\
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdid\tdo\tAUX\t_\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\t_\t_\t4\tadvmod\t_\t_\n\
4\tgo\tgo\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n\
\n\
# sent_id = 2\n# text = He left the U.S.\n\
1\tHe\the\tPRON\t_\t_\t2\tnsubj\t_\t_\n\
2\tleft\tleave\tVERB\t_\t_\t0\troot\t_\t_\n\
3\tthe\tthe\tDET\t_\t_\t4\tdet\t_\t_\n\
4\tU.S.\tU.S.\tPROPN\t_\t_\t2\tobj\t_\t_\n\
\n";

    #[test]
    fn gold_spans_split_multiword_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.conllu");
        std::fs::write(&path, SAMPLE).unwrap();
        let gold = read_gold(&path).unwrap();
        assert_eq!(gold.len(), 2);
        let s = &gold[0];
        let words: Vec<_> = s.words.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(words, ["I", "did", "n't", "go", "."]);
        let surf: Vec<_> = s.surface.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(surf, ["I", "didn't", "go", "."]);
        let docs = gold_documents(&gold);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].0, "I didn't go. He left the U.S.");

        let report = evaluate(&path).unwrap();
        assert!(
            report.contains("F1 100.00   (gold 9, predicted 9"),
            "{report}"
        );
        assert!(report.contains("sentences"), "{report}");
    }

    #[test]
    fn bad_gold_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.conllu");
        std::fs::write(&path, "1\tword\t_\t_\t_\t_\t0\troot\t_\t_\n\n").unwrap();
        assert!(evaluate(&path).is_err());
        assert!(evaluate(&dir.path().join("missing.conllu")).is_err());
    }
}
