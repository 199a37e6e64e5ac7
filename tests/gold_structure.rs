//! The five sample reports against the hand labels in `../shared/gold`:
//! reporting unit, year reported on, signature date, level-1 headings and
//! which required parts are present. General rules only.

#![allow(clippy::unwrap_used, clippy::expect_used)] // fixtures that fail to load should fail the test

use std::path::PathBuf;

#[path = "fixtures/support.rs"]
mod support;

use serde_json::Value;
use shenyue::document::{self, LoadOptions};
use shenyue::structure::PartId;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn metadata_headings_and_parts_match_the_gold_labels() {
    let Some(files) = support::shared_files("gold", "json") else {
        return;
    };
    let mut checked = 0;
    for path in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let report =
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample_reports")).join(file);
        let doc = document::open(&report, &LoadOptions::default()).unwrap();
        let m = &doc.structure.metadata;

        let mut units: Vec<&str> = vec![gold["unit"].as_str().unwrap()];
        units.extend(
            gold["unit_aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap()),
        );
        let unit = m.unit.as_deref().unwrap_or("(none)");
        assert!(
            units.contains(&unit),
            "{file}: unit {unit} not in {units:?}"
        );
        assert_eq!(m.year.map(i64::from), gold["year"].as_i64(), "{file}: year");
        assert_eq!(
            m.date.as_deref(),
            gold["date"].as_str(),
            "{file}: signature date"
        );

        let ours: Vec<String> = doc
            .structure
            .headings
            .iter()
            .filter(|h| h.level == 1)
            .map(|h| squash(&h.text))
            .collect();
        let want: Vec<String> = gold["level1_headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| squash(h.as_str().unwrap()))
            .collect();
        assert_eq!(ours, want, "{file}: level-1 headings");

        for (id, label) in gold["required_parts"].as_object().unwrap() {
            let part = doc.structure.part(PartId::parse(id).unwrap()).unwrap();
            assert_eq!(
                part.present,
                label["present"].as_bool().unwrap(),
                "{file}: {id} present"
            );
            // Every gold quote for a present part lies in that part's span
            // (DC3 is often folded into DC1, so its quotes are checked for
            // presence only).
            if part.present && id != "DC3" {
                let span = part.span().unwrap();
                let text = doc.slice(span);
                for q in label["evidence"].as_array().unwrap() {
                    assert!(
                        squash(text).contains(&squash(q.as_str().unwrap())),
                        "{file}: {id} quote {q} outside its part"
                    );
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 5, "all five gold files checked");
}
