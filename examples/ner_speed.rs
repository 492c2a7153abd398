//! Throwaway timing of the recogniser: `cargo run --release --example ner_speed -- MODEL IOB2
//! [TAGGER]` (with a tagger model, documents are tagged first, untimed, as in the pipeline).
use dragoman::ner::Recognizer;
use dragoman::read::iob2::Iob2Reader;
use std::io::BufReader;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rec = Recognizer::load(args[1].as_ref()).expect("model");
    let f = std::fs::File::open(&args[2]).expect("input");
    let docs: Vec<_> = Iob2Reader::new(BufReader::new(f), "x")
        .filter_map(Result::ok)
        .map(|s| s.to_doc("x"))
        .collect();
    let mut docs: Vec<_> = (0..8).flat_map(|_| docs.clone()).collect();
    if let Some(t) = args.get(3) {
        let tagger = dragoman::tag::Tagger::load(t.as_ref()).expect("tagger");
        docs.iter_mut().for_each(|d| tagger.tag(d));
    }
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let t = Instant::now();
    let mut n = 0;
    for d in &mut docs {
        rec.recognize(d);
        n += d.entities.len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{tokens} tokens in {s:.3}s: {:.0} tokens/s ({n} entities)",
        tokens as f64 / s
    );
}
