//! Shenyue's segmentation alone over a folder of reports, for the
//! side-by-side figures in docs/PERFORMANCE.md (`scripts/bench-batch`):
//! the same segmenter the analysis builds (jieba-rs, the domain dictionary
//! and every framework's terms), each report cut line by line as the
//! analysis does. Prints the time to build the dictionary and the time to
//! segment all texts (read beforehand), on one thread.
//!
//! `cargo run --release --example segment_corpus -- DIR`

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: segment_corpus DIR");
        std::process::exit(2);
    };
    let mut texts = Vec::new();
    for path in shenyue::inbox::discover::report_files(&[dir.into()]) {
        if let Ok(t) = std::fs::read_to_string(&path) {
            texts.push(t);
        }
    }
    let start = Instant::now();
    let registry = shenyue::framework::load::Registry::load(&[]);
    let seg = shenyue::segment::Segmenter::new(
        registry
            .frameworks
            .iter()
            .flat_map(shenyue::framework::Framework::terms),
    );
    let built = start.elapsed();
    let start = Instant::now();
    let mut words = 0usize;
    for t in &texts {
        words += seg.boundaries(t).iter().filter(|b| **b).count();
    }
    let cut = start.elapsed();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    println!(
        "shenyue segmentation: {} texts, {chars} chars, {words} boundaries; dictionary {:.3} s, segmentation {:.3} s",
        texts.len(),
        built.as_secs_f64(),
        cut.as_secs_f64()
    );
}
