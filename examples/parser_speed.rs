//! Timing: parse a CoNLL-U file with its gold tags, print the scores, then parse it three more
//! times and print tokens/s (wall clock and this process's CPU time, for a busy machine).
//! `cargo run --release --example parser_speed -- MODEL CONLLU`
use dragoman::parse::Parser;
use dragoman::read::conllu::ConlluReader;
use std::time::Instant;

/// Nanoseconds this process has spent on a CPU (robust to a busy machine).
fn cpu_ns() -> f64 {
    let s = std::fs::read_to_string("/proc/self/schedstat").unwrap_or_default();
    s.split_whitespace()
        .next()
        .and_then(|x| x.parse().ok())
        .unwrap_or(0.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = Instant::now();
    let p = Parser::load(std::path::Path::new(&args[1])).unwrap();
    println!("load {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let f = std::fs::File::open(&args[2]).unwrap();
    let docs: Vec<_> = ConlluReader::new(std::io::BufReader::new(f), "x")
        .map(|s| s.unwrap().to_doc("x"))
        .collect();
    let words: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let mut parsed = docs.clone();
    for d in &mut parsed {
        p.parse(d);
    }
    println!(
        "with gold tags: {}",
        dragoman::eval::ud::score(&docs, &parsed)
    );
    for round in 0..3 {
        let mut ds = docs.clone();
        let t = Instant::now();
        let c = cpu_ns();
        for d in &mut ds {
            p.parse(d);
        }
        let s = t.elapsed().as_secs_f64();
        let cs = (cpu_ns() - c) / 1e9;
        println!(
            "round {round}: {words} tokens in {s:.3}s wall = {:.0} tok/s; {cs:.3}s cpu = {:.0} tok/s",
            words as f64 / s,
            words as f64 / cs
        );
    }
}
