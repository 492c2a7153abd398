//! Read inputs the way `dragoman` does and count what came through: a quick check of the
//! readers on real data, and of their speed and memory (run under `/usr/bin/time -v`).
//!
//!     cargo run --release --example read_inputs -- PATH...

use dragoman::read::{read_inputs, ReadOptions};
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let started = std::time::Instant::now();
    let (mut docs, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    for item in read_inputs(&paths, &ReadOptions::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                bytes += doc.text.len();
            }
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    println!(
        "{docs} documents, {failed} unreadable, {bytes} text bytes, {:.3} s",
        started.elapsed().as_secs_f64()
    );
}
