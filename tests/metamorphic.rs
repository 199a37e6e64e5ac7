//! Metamorphic tests: transformations of the five sample reports that do
//! not change what a reader concludes (see `fixtures/variants.rs`) must
//! not change what the tool concludes either: the unit and year against
//! the gold labels in `../shared/gold`, the required parts DC1–DC5, the
//! document kind, and the checklist statuses of the untransformed report
//! (at most one item different per report). Prints the figures recorded in
//! docs/METAMORPHIC.md (`cargo test --test metamorphic -- --nocapture`).
//! Also the document kinds of the two 政府工作报告 in `../shared/wrongtype`
//! and of work-point texts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // fixtures that fail to load should fail the test

#[path = "fixtures/variants.rs"]
mod variants;

use std::path::PathBuf;

use serde_json::Value;
use shenyue::analysis::{Analyzer, AutoStatus};
use shenyue::document::{self, Document, LoadOptions};
use shenyue::framework::load::Registry;
use shenyue::structure::{DocumentKind, PartId};
use variants::Variant;

fn shared(sub: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")).join(sub)
}

struct Gold {
    file: String,
    units: Vec<String>,
    year: i32,
    parts: Vec<(PartId, bool)>,
}

/// The gold labels, sorted by file; fails without `../shared/gold`.
fn gold() -> Vec<Gold> {
    let dir = shared("gold");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("gold labels not found at {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let g: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            let mut units = vec![g["unit"].as_str().unwrap().to_string()];
            units.extend(
                g["unit_aliases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap().to_string()),
            );
            let parts = g["required_parts"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(id, l)| (PartId::parse(id).unwrap(), l["present"].as_bool().unwrap()))
                .collect();
            Gold {
                file: g["file"].as_str().unwrap().to_string(),
                units,
                year: i32::try_from(g["year"].as_i64().unwrap()).unwrap(),
                parts,
            }
        })
        .collect()
}

fn sample_text(file: &str) -> String {
    std::fs::read_to_string(shared("sample_reports").join(file)).unwrap()
}

/// Item id → status of the checklist the tool picks for the document
/// (the framework of the year it reads), as `check` and the workbench do.
fn statuses(doc: &Document, registry: &Registry, analyzer: &Analyzer) -> Vec<(String, AutoStatus)> {
    let selection = registry.default_selection(doc.structure.metadata.year);
    let fws: Vec<_> = selection
        .ids
        .iter()
        .filter_map(|id| registry.get(id))
        .collect();
    analyzer
        .analyse(doc, &fws)
        .items
        .iter()
        .map(|i| (i.id.clone(), i.status))
        .collect()
}

/// Items whose status differs (an item only one side has counts).
fn differing(a: &[(String, AutoStatus)], b: &[(String, AutoStatus)]) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(id, s)| b.iter().find(|(j, _)| j == id).is_none_or(|(_, t)| t != s))
        .map(|(id, _)| id.clone())
        .collect();
    out.extend(
        b.iter()
            .filter(|(id, _)| !a.iter().any(|(j, _)| j == id))
            .map(|(id, _)| id.clone()),
    );
    out
}

#[derive(Default, Clone, Copy)]
struct Kept {
    unit: usize,
    year: usize,
    parts: usize,
    statuses: usize,
    kind: usize,
    /// Most checklist items changed in one report.
    most_changed: usize,
}

#[test]
fn transformations_a_reader_ignores_do_not_change_the_conclusions() {
    let golds = gold();
    assert_eq!(golds.len(), 5, "five gold files");
    let registry = Registry::load(&[]);
    let analyzer = Analyzer::new();
    let options = LoadOptions::default();

    // The untransformed reports, loaded as files are.
    let baselines: Vec<Vec<(String, AutoStatus)>> = golds
        .iter()
        .map(|g| {
            let doc = document::open(&shared("sample_reports").join(&g.file), &options).unwrap();
            statuses(&doc, &registry, &analyzer)
        })
        .collect();

    let mut failures = Vec::new();
    let mut table = Vec::new();
    let mut sources = Vec::new();
    for variant in Variant::ALL {
        let mut kept = Kept::default();
        for (i, (g, base)) in golds.iter().zip(&baselines).enumerate() {
            let bytes = variant.apply(&sample_text(&g.file), i);
            // A neutral file name: the sample's own name carries its year,
            // and the point is what the text alone says.
            let doc = document::from_bytes("report.txt", &bytes, &options, None).unwrap();
            let m = &doc.structure.metadata;
            let tag = format!("{} / {}", variant.name(), g.file);

            let unit = m.unit.clone().unwrap_or_else(|| "(none)".into());
            if g.units.contains(&unit) {
                kept.unit += 1;
            } else {
                failures.push(format!("{tag}: unit {unit}, want one of {:?}", g.units));
            }
            if m.year == Some(g.year) {
                kept.year += 1;
            } else {
                failures.push(format!(
                    "{tag}: year {:?} (signals {:?}), want {}",
                    m.year,
                    m.year_signals
                        .iter()
                        .map(|e| (e.signal.as_str(), e.year))
                        .collect::<Vec<_>>(),
                    g.year
                ));
            }
            let wrong_parts: Vec<&str> = g
                .parts
                .iter()
                .filter(|(id, present)| {
                    doc.structure
                        .part(*id)
                        .is_none_or(|p| p.present != *present)
                })
                .map(|(id, _)| id.as_str())
                .collect();
            if wrong_parts.is_empty() {
                kept.parts += 1;
            } else {
                failures.push(format!("{tag}: parts {wrong_parts:?} differ from gold"));
            }
            let diff = differing(base, &statuses(&doc, &registry, &analyzer));
            kept.most_changed = kept.most_changed.max(diff.len());
            if diff.len() <= 1 {
                kept.statuses += 1;
            } else {
                failures.push(format!("{tag}: checklist items {diff:?} changed"));
            }
            if matches!(variant, Variant::NoTitle) {
                sources.push(format!(
                    "{}: year from {}, unit from {}",
                    g.file,
                    m.year_source
                        .as_ref()
                        .map_or("nothing", |e| e.signal.as_str()),
                    m.unit_source
                        .as_ref()
                        .map_or("nothing", |e| e.signal.as_str())
                ));
            }
            if m.document_kind.kind == DocumentKind::AnnualReport {
                kept.kind += 1;
            } else {
                failures.push(format!("{tag}: kind {:?}", m.document_kind));
            }
        }
        table.push((variant, kept));
    }

    println!(
        "| {:<26} | {:>5} | {:>5} | {:>5} | {:>8} | {:>12} | {:>5} |",
        "transformation", "unit", "year", "parts", "statuses", "most changed", "kind"
    );
    println!("|---|---|---|---|---|---|---|");
    for (v, k) in &table {
        println!(
            "| {:<26} | {:>3}/5 | {:>3}/5 | {:>3}/5 | {:>6}/5 | {:>12} | {:>3}/5 |",
            v.name(),
            k.unit,
            k.year,
            k.parts,
            k.statuses,
            k.most_changed,
            k.kind
        );
    }
    println!("Without title and opening:");
    for s in &sources {
        println!("  {s}");
    }
    for f in &failures {
        println!("  - {f}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn government_work_reports_are_another_kind_of_document() {
    for file in [
        "longhua_2021_gov_work_report.txt",
        "nanshan_2022_gov_work_report.txt",
    ] {
        let doc = document::open(&shared("wrongtype").join(file), &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let j = &doc.structure.metadata.document_kind;
        assert_eq!(j.kind, DocumentKind::Other, "{file}: {j:?}");
        // Also when it arrives with its first lines (the address to the
        // deputies) cut off.
        let text = sample_or_wrongtype_without_first_lines(&doc.text, 2);
        let cut = Document::from_text("report.txt", &text);
        assert_eq!(
            cut.structure.metadata.document_kind.kind,
            DocumentKind::Other,
            "{file} without its first lines: {:?}",
            cut.structure.metadata.document_kind
        );
    }
}

fn sample_or_wrongtype_without_first_lines(text: &str, n: usize) -> String {
    text.lines().skip(n).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_samples_are_annual_reports_with_and_without_their_title() {
    for g in gold() {
        let text = sample_text(&g.file);
        let whole = Document::from_text(&g.file, &text);
        assert_eq!(
            whole.structure.metadata.document_kind.kind,
            DocumentKind::AnnualReport,
            "{}: {:?}",
            g.file,
            whole.structure.metadata.document_kind
        );
        let cut = Document::from_text("report.txt", &variants::strip_opening(&text));
        assert_eq!(cut.structure.metadata.title, None, "{}: title", g.file);
        assert_eq!(
            cut.structure.metadata.document_kind.kind,
            DocumentKind::AnnualReport,
            "{} without title: {:?}",
            g.file,
            cut.structure.metadata.document_kind
        );
    }
}

#[test]
fn work_points_are_task_lists() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/points"
    ));
    for file in [
        "liangzihu_2018.txt",
        "xiping_2020.txt",
        "xx_county_2022.txt",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let doc = Document::from_text(file, &text);
        let j = &doc.structure.metadata.document_kind;
        assert_eq!(j.kind, DocumentKind::WorkPoints, "{file}: {j:?}");
        let cut = Document::from_text("points.txt", &variants::strip_opening(&text));
        let j = &cut.structure.metadata.document_kind;
        assert_eq!(
            j.kind,
            DocumentKind::WorkPoints,
            "{file} without title: {j:?}"
        );
    }
    // A work plan written without responsibility columns: the title says it.
    let plan = "某镇2023年法治政府建设工作计划\n一、加强组织领导\n（一）镇党委定期研究法治建设。\n二、推进依法决策\n（一）落实重大行政决策程序。";
    let j = Document::from_text("t", plan)
        .structure
        .metadata
        .document_kind;
    assert_eq!(j.kind, DocumentKind::WorkPoints, "{j:?}");
}
