//! Quality of the auto-checklist against the hand labels in
//! `../shared/gold/*.json` (the five sample reports): required parts,
//! framework-item coverage, evidence placement, indicators. Prints the
//! per-report table recorded in docs/QUALITY.md and holds the floors
//! the issue sets. General rules only: nothing here special-cases a report.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::PathBuf;

#[path = "fixtures/support.rs"]
mod support;

use serde_json::Value;
use shenyue::analysis::{Analyzer, AutoStatus};
use shenyue::document::{self, LoadOptions};
use shenyue::framework::load::Registry;
use shenyue::structure::PartId;

/// Gold quotes are substrings of the raw file's lines; the clean text has
/// PDF spaces removed, so compare without white space.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Character offset of `needle` in `hay`, both squashed; returns the
/// character range in the (unsquashed) clean text.
fn find_in_clean(clean: &str, quote: &str) -> Option<(usize, usize)> {
    let q = squash(quote);
    let chars: Vec<char> = clean.chars().collect();
    let mut map = Vec::new(); // squashed index -> clean char index
    let mut squashed = String::new();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            map.push(i);
            squashed.push(*c);
        }
    }
    let byte = squashed.find(&q)?;
    let start = squashed[..byte].chars().count();
    let len = q.chars().count();
    Some((*map.get(start)?, *map.get(start + len - 1)? + 1))
}

#[derive(Default, Debug)]
struct Tally {
    parts_ok: usize,
    parts: usize,
    items_ok: usize,
    strict_ok: usize,
    items: usize,
    evid_ok: usize,
    evid: usize,
    ind_ok: usize,
    ind: usize,
}

fn units_equal(a: &str, b: &str) -> bool {
    a == b
}

/// "530多人次" → (530.0, "人次"); "100%" → (100, "%").
fn parse_value(v: &str) -> Option<(f64, String)> {
    let v = v.trim_start_matches(['超', '近', '约', '逾']);
    let num: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let rest = &v[num.len()..];
    let unit: String = rest
        .trim_start_matches(['余', '多', '近', '约'])
        .to_string();
    let mut value: f64 = num.parse().ok()?;
    let unit = if let Some(u) = unit.strip_prefix('万') {
        value *= 10_000.0;
        u.to_string()
    } else if let Some(u) = unit.strip_prefix('亿') {
        value *= 100_000_000.0;
        u.to_string()
    } else {
        unit
    };
    Some((value, unit))
}

#[test]
fn checklist_quality_against_gold_labels() {
    let Some(files) = support::shared_files("gold", "json") else {
        return;
    };
    let registry = Registry::load(&[]);
    let analyzer = Analyzer::new();
    let mut total = Tally::default();
    println!(
        "{:<26} {:>7} {:>9} {:>9} {:>9}",
        "report", "parts", "coverage", "top-3", "indicators"
    );
    for path in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let report =
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample_reports")).join(file);
        let doc = document::open(&report, &LoadOptions::default()).unwrap();
        let selection = registry.default_selection(doc.structure.metadata.year);
        let fws: Vec<_> = selection
            .ids
            .iter()
            .filter_map(|id| registry.get(id))
            .collect();
        let analysis = analyzer.analyse(&doc, &fws);
        let mut t = Tally::default();
        let mut misses = Vec::new();
        for (id, label) in gold["required_parts"].as_object().unwrap() {
            let part = doc.structure.part(PartId::parse(id).unwrap()).unwrap();
            t.parts += 1;
            if part.present == label["present"].as_bool().unwrap() {
                t.parts_ok += 1;
            } else {
                misses.push(format!("part {id}: got present={}", part.present));
            }
        }
        for (id, label) in gold["coverage"].as_object().unwrap() {
            let item = analysis
                .items
                .iter()
                .find(|i| &i.id == id)
                .unwrap_or_else(|| panic!("{file}: no item {id}"));
            let covered = label["covered"].as_bool().unwrap();
            t.items += 1;
            if (item.status == AutoStatus::Covered) == covered {
                t.strict_ok += 1;
            }
            if (item.status != AutoStatus::Missing) == covered {
                t.items_ok += 1;
            } else {
                misses.push(format!(
                    "{id}: gold covered={covered}, got {:?} ({})",
                    item.status, item.reason
                ));
            }
            if covered {
                t.evid += 1;
                let quotes: Vec<(usize, usize)> = label["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|q| find_in_clean(&doc.text, q.as_str().unwrap()))
                    .collect();
                let hit = item.evidence.iter().take(3).any(|e| {
                    quotes
                        .iter()
                        .any(|(s, en)| e.range.start <= *s && *en <= e.range.end)
                });
                if hit {
                    t.evid_ok += 1;
                } else {
                    misses.push(format!("{id}: no gold quote in top-3 evidence"));
                }
            }
        }
        for ind in gold["indicators"].as_array().unwrap() {
            t.ind += 1;
            let Some((value, unit)) = parse_value(ind["value"].as_str().unwrap()) else {
                continue;
            };
            let place = find_in_clean(&doc.text, ind["quote"].as_str().unwrap());
            let found = analysis.indicators.iter().any(|x| {
                (x.value - value).abs() < 1e-6
                    && units_equal(&x.unit, &unit)
                    && place.is_none_or(|(s, e)| x.range.start < e + 12 && s < x.range.end + 12)
            });
            if found {
                t.ind_ok += 1;
            } else {
                misses.push(format!("indicator {} not found", ind["value"]));
            }
        }
        println!(
            "{:<26} {:>3}/{:<3} {:>4}/{:<4} {:>4}/{:<4} {:>4}/{:<4}",
            file, t.parts_ok, t.parts, t.items_ok, t.items, t.evid_ok, t.evid, t.ind_ok, t.ind
        );
        for m in misses {
            println!("    - {m}");
        }
        total.parts_ok += t.parts_ok;
        total.parts += t.parts;
        total.items_ok += t.items_ok;
        total.items += t.items;
        total.strict_ok += t.strict_ok;
        total.evid_ok += t.evid_ok;
        total.evid += t.evid;
        total.ind_ok += t.ind_ok;
        total.ind += t.ind;
    }
    // Nothing counted is 0%, not 100%: an empty tally must not pass a floor.
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "TOTAL parts {}/{} ({:.1}%), coverage {}/{} ({:.1}%), top-3 evidence {}/{} ({:.1}%), indicators {}/{} ({:.1}%)",
        total.parts_ok,
        total.parts,
        pct(total.parts_ok, total.parts),
        total.items_ok,
        total.items,
        pct(total.items_ok, total.items),
        total.evid_ok,
        total.evid,
        pct(total.evid_ok, total.evid),
        total.ind_ok,
        total.ind,
        pct(total.ind_ok, total.ind)
    );
    println!(
        "strict coverage (only `covered` counts as covered, `partial` as not): {}/{} ({:.1}%)",
        total.strict_ok,
        total.items,
        pct(total.strict_ok, total.items)
    );
    assert!(total.parts > 0, "no required part was checked");
    assert_eq!(
        total.parts_ok, total.parts,
        "required parts must be right for every report"
    );
    assert!(
        pct(total.items_ok, total.items) >= 95.0,
        "coverage agreement below 95%"
    );
    assert!(
        pct(total.evid_ok, total.evid) >= 90.0,
        "top-3 evidence below 90%"
    );
    assert!(
        pct(total.ind_ok, total.ind) >= 90.0,
        "indicator recall below 90%"
    );
}
