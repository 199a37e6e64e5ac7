//! Benchmarks of the document pipeline and the checklist engine.
//!
//! `cargo bench --bench pipeline` — results are recorded in docs/PERFORMANCE.md.
//! The large reports are the five samples concatenated until the wanted
//! size, so they have realistic structure and vocabulary.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shenyue::analysis::Analyzer;
use shenyue::document::{self, Document, LoadOptions};
use shenyue::framework::load::Registry;

const SAMPLES: [&str; 5] = [
    "zhanjiang-etdz_2020.txt",
    "zhanjiang-etdz_2022.txt",
    "zhanhe_2020.txt",
    "xiashan_2019.txt",
    "yingzai_2025.txt",
];

fn sample(name: &str) -> String {
    let path = format!("{}/sample_reports/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The samples concatenated until `chars` characters of raw text.
fn big_report(chars: usize) -> String {
    let all: Vec<String> = SAMPLES.iter().map(|s| sample(s)).collect();
    let mut out = String::new();
    let mut n = 0;
    'outer: loop {
        for s in &all {
            out.push_str(s);
            out.push('\n');
            n += s.chars().count() + 1;
            if n >= chars {
                break 'outer;
            }
        }
    }
    out
}

fn load(text: &str) -> Document {
    document::from_bytes("bench.txt", text.as_bytes(), &LoadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn pipeline(c: &mut Criterion) {
    let small = sample("zhanjiang-etdz_2020.txt");
    let report_20k = big_report(20_000);
    let report_500k = big_report(500_000);
    let mut g = c.benchmark_group("load_clean_structure");
    g.bench_function("sample_zhanjiang_2020", |b| {
        b.iter(|| load(black_box(&small)));
    });
    g.bench_function("20k_chars", |b| b.iter(|| load(black_box(&report_20k))));
    g.sample_size(10);
    g.bench_function("500k_chars", |b| b.iter(|| load(black_box(&report_500k))));
    g.finish();
}

fn analysis(c: &mut Criterion) {
    let registry = Registry::load(&[]);
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.bench_function("analyzer_new (dictionary build)", |b| {
        b.iter(|| black_box(Analyzer::with_frameworks(&registry.frameworks)));
    });
    let analyzer = Analyzer::with_frameworks(&registry.frameworks);
    for (label, text) in [
        ("20k_chars", big_report(20_000)),
        ("500k_chars", big_report(500_000)),
    ] {
        let doc = load(&text);
        let sel = registry.default_selection(doc.structure.metadata.year);
        let fws: Vec<_> = sel.ids.iter().filter_map(|id| registry.get(id)).collect();
        g.bench_function(format!("analyse_{label}"), |b| {
            b.iter(|| black_box(analyzer.analyse(&doc, &fws)));
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline, analysis);
criterion_main!(benches);
