//! Benchmarks of the document pipeline (and each of its stages), the
//! checklist engine, batch review, the year-on-year comparison and
//! re-anchoring. Speed is measured here, in release builds,
//! and never asserted in the (debug-build) tests.
//!
//! `cargo bench --bench pipeline` — results are recorded in docs/PERFORMANCE.md.
//! The large reports are the five samples concatenated until the wanted
//! size, so they have realistic structure and vocabulary.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shenyue::analysis::indicators::extract_indicators;
use shenyue::analysis::{Analysis, Analyzer};
use shenyue::assessment::{Anchor, reanchor};
use shenyue::compare::{compare, recycled};
use shenyue::document::{self, Document, LoadOptions};
use shenyue::framework::load::Registry;
use shenyue::inbox::{self, deadline::Deadline, parallel};
use shenyue::review::ReviewEngine;
use shenyue::segment::Segmenter;
use shenyue::text::CharRange;

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
    // A report pasted into one 5 MB line (no line breaks): the shape that
    // once made part detection quadratic.
    let sentence =
        "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，规范执法行为。";
    let one_line = sentence.repeat(5 * 1024 * 1024 / sentence.len() + 1);
    g.bench_function("5mb_single_line", |b| b.iter(|| load(black_box(&one_line))));
    g.finish();
}

/// The stages of loading one at a time, on 20,000 characters, so a change
/// to one shows in its own figure.
fn stages(c: &mut Criterion) {
    let raw = big_report(20_000);
    let mut g = c.benchmark_group("stages_20k_chars");
    // Cleaning alone: page marks, web chrome, PDF line breaks, spacing.
    g.bench_function("clean", |b| {
        b.iter(|| black_box(document::clean::clean(black_box(&raw))));
    });
    // Structure alone: paragraphs, sentences, headings, sections,
    // enumerations, metadata (unit, year), required parts, document kind.
    let cleaned = document::clean::clean(&raw).text;
    let index = shenyue::text::CharIndex::new(&cleaned);
    g.bench_function("structure", |b| {
        b.iter(|| {
            black_box(shenyue::structure::build(
                black_box(&cleaned),
                &index,
                None,
                Some("bench.txt"),
            ))
        });
    });
    // Word segmentation alone (jieba with the domain and framework terms)
    // of the whole text, line by line, boundaries only: the yardstick of
    // issue 11 (the analysis itself segments only around keyword matches).
    let registry = Registry::load(&[]);
    let segmenter = Segmenter::new(
        registry
            .frameworks
            .iter()
            .flat_map(shenyue::framework::Framework::terms),
    );
    g.bench_function("segment", |b| {
        b.iter(|| black_box(segmenter.boundaries(black_box(&cleaned))));
    });
    // The copy fingerprints of the clean text (shingles, winnowing), which
    // every inbox row and batch report keeps.
    g.bench_function("fingerprints", |b| {
        b.iter(|| black_box(inbox::Fingerprints::of_text(black_box(&cleaned))));
    });
    g.finish();
}

/// What `shenyue batch` does per report (read the file, load, analyse
/// against the year's frameworks, merge, build the inbox row with its copy
/// fingerprints), over the five samples: on one thread, and on all cores
/// through `inbox::review_files` (as `batch` and the inbox run it; the
/// engine is made beforehand, so its build is not in the figure) followed by
/// the copy index.
fn batch(c: &mut Criterion) {
    let load = shenyue::cli::load_options();
    let engine = inbox::EngineCell::new();
    let _ = engine.set(Some(ReviewEngine::new(load.clone())));
    let Some(Some(made)) = engine.get() else {
        return;
    };
    let files: Vec<std::path::PathBuf> = SAMPLES
        .iter()
        .map(|s| format!("{}/sample_reports/{s}", env!("CARGO_MANIFEST_DIR")).into())
        .collect();
    let deadline = Deadline::default();
    let mut g = c.benchmark_group("batch");
    g.sample_size(20);
    g.bench_function("five_samples_one_thread", |b| {
        b.iter(|| {
            for f in &files {
                let _ = black_box(inbox::review_file(made, f, &deadline));
            }
        });
    });
    let threads = parallel::threads(None, files.len());
    g.bench_function("five_samples_all_cores_with_copy_index", |b| {
        b.iter(|| {
            let mut rows = Vec::new();
            inbox::review_files(
                &load,
                &engine,
                &files,
                threads,
                &std::sync::atomic::AtomicBool::new(false),
                &deadline,
                |_, result| result.map(|r| r.row),
                |_, row| rows.extend(row.ok()),
            );
            inbox::link_copies(&mut rows, threads);
            black_box(rows)
        });
    });
    g.finish();
}

/// A 500k-character report whose every other line is edited, so the pair
/// holds both copied and new text.
fn edited(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if i % 2 == 0 {
                line.to_string()
            } else {
                format!("{line}本年度新增{i}项工作。")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn comparison(c: &mut Criterion) {
    let mut g = c.benchmark_group("compare");
    g.sample_size(10);
    // The real pair of one unit two years apart.
    let old = load(&sample("zhanjiang-etdz_2020.txt"));
    let new = load(&sample("zhanjiang-etdz_2022.txt"));
    let none = Analysis::default();
    g.bench_function("zhanjiang-etdz_2020_vs_2022", |b| {
        b.iter(|| black_box(compare(&old, &none, &new, &none)));
    });
    // Two reports of 500k characters, half of the newer one copied: the
    // whole comparison, and the recycled-text detection alone.
    let text = big_report(500_000);
    let (old, new) = (load(&text), load(&edited(&text)));
    g.bench_function("500k_chars", |b| {
        b.iter(|| black_box(compare(&old, &none, &new, &none)));
    });
    g.bench_function("recycled_500k_chars", |b| {
        b.iter(|| black_box(recycled(&old, &new)));
    });
    g.finish();
}

/// Finding a reviewer's edited and moved passage again in a 500k-character
/// revision (the passage is near the end, so the search crosses the text).
fn reanchoring(c: &mut Criterion) {
    let mut g = c.benchmark_group("reanchor");
    g.sample_size(10);
    let mut text = big_report(500_000);
    let passage = "全区共受理行政复议申请一百二十三件，纠错率百分之十二点五";
    text.push_str(passage);
    text.push_str("。\n");
    let start = text.chars().count() - passage.chars().count() - 2;
    let anchor = Anchor::from_text(
        &text,
        CharRange::new(start, start + passage.chars().count()),
    );
    let revised = format!("新增段落。{}", text.replace("一百二十三件", "一百二十四件"));
    g.bench_function("500k_chars", |b| {
        b.iter(|| black_box(reanchor(&anchor, black_box(&revised))));
    });
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
    // Figure extraction alone over the cleaned 500k-character text.
    let doc = load(&big_report(500_000));
    g.bench_function("indicators_500k_chars", |b| {
        b.iter(|| black_box(extract_indicators(black_box(&doc.text))));
    });
    g.finish();
}

criterion_group!(
    benches,
    pipeline,
    stages,
    analysis,
    batch,
    comparison,
    reanchoring
);
criterion_main!(benches);
