//! `shenyue batch --format json` over a folder of the five samples: one row
//! per report whose unit, year, document kind and missing required parts
//! are those of the hand labels in `../shared/gold`; a file that fails is
//! listed while the rest go on, and the command still succeeds; the review
//! status follows the assessment beside a report; the deadline is settable.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::Path;
use std::process::Command;

#[path = "fixtures/support.rs"]
mod support;

use serde_json::Value;

fn batch(dir: &Path, extra: &[&str]) -> (std::process::Output, Value) {
    let out_file = dir.join("out").join("batch.json");
    std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    let mut args = vec!["batch", "reports", "--format", "json", "-o"];
    args.push(out_file.to_str().unwrap());
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .args(&args)
        .current_dir(dir)
        .env("SHENYUE_LANG", "en")
        .env("XDG_CONFIG_HOME", dir.join("no-config"))
        .output()
        .unwrap();
    let json = std::fs::read_to_string(&out_file)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Null);
    (out, json)
}

fn folder_of_samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    // One sample a level down: folders are searched below too.
    std::fs::create_dir_all(reports.join("towns")).unwrap();
    for name in support::SAMPLES {
        let to = if name.starts_with("yingzai") {
            reports.join("towns").join(name)
        } else {
            reports.join(name)
        };
        std::fs::copy(Path::new(support::SAMPLE_DIR).join(name), to).unwrap();
    }
    std::fs::write(reports.join("empty.txt"), "").unwrap();
    dir
}

fn row<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn rows_for_the_samples_match_the_hand_labels() {
    let Some(gold_files) = support::shared_files("gold", "json") else {
        return;
    };
    let dir = folder_of_samples();
    let (out, json) = batch(dir.path(), &["--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "only a file failed: {stderr}");
    assert!(stderr.contains("empty.txt"), "{stderr}");
    let failures = json["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert!(failures[0]["file"].as_str().unwrap().ends_with("empty.txt"));
    assert!(!failures[0]["error"].as_str().unwrap().is_empty());
    assert_eq!(json["reports"].as_array().unwrap().len(), 5);
    for path in gold_files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let r = row(&json, file);
        let mut units = vec![gold["unit"].as_str().unwrap()];
        units.extend(
            gold["unit_aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap()),
        );
        let unit = r["unit"].as_str().unwrap_or("(none)");
        assert!(units.contains(&unit), "{file}: unit {unit}, gold {units:?}");
        assert_eq!(r["year"], gold["year"], "{file}: year");
        assert_eq!(r["document_kind"], "annual_report", "{file}");
        let mut missing: Vec<&str> = gold["required_parts"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, p)| !p["present"].as_bool().unwrap())
            .map(|(id, _)| id.as_str())
            .collect();
        missing.sort_unstable();
        let got: Vec<&str> = r["parts_missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(got, missing, "{file}: parts missing");
        assert_eq!(r["review_status"], "not_started", "{file}");
        let coverage = r["coverage"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&coverage), "{file}: {coverage}");
        assert!(!r["items"].as_array().unwrap().is_empty());
        // Each sample is its own unit's text: no copies among them, the
        // same unit's two years not being "another unit".
        assert_eq!(r["copied_from"], serde_json::json!([]), "{file}");
    }
    let summary = &json["summary"];
    assert_eq!(summary["reports"], 5);
    assert_eq!(summary["failures"], 1);
    assert_eq!(summary["not_started"], 5);
    assert_eq!(summary["deadline"], "4月1日");
}

#[test]
fn review_status_deadline_and_a_copied_report_show_in_the_rows() {
    let dir = folder_of_samples();
    let reports = dir.path().join("reports");
    // The reviewer has decided one item of xiashan's report.
    let sidecar = reports.join("xiashan_2019.shenyue.ron");
    let status = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .args([
            "check",
            "xiashan_2019.txt",
            "-o",
            "xiashan_2019.shenyue.ron",
        ])
        .current_dir(&reports)
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .status()
        .unwrap();
    assert!(status.success());
    let ron = std::fs::read_to_string(&sidecar).unwrap();
    let ron = ron.replacen("verdict: Unreviewed", "verdict: Met", 1);
    std::fs::write(&sidecar, ron).unwrap();
    // Another unit hands in zhanhe's text under its own name.
    let zhanhe = std::fs::read_to_string(reports.join("zhanhe_2020.txt")).unwrap();
    std::fs::write(
        reports.join("copycat_2020.txt"),
        format!("某某县人民政府2020年法治政府建设情况报告\n\n{zhanhe}"),
    )
    .unwrap();
    let (out, json) = batch(dir.path(), &["--deadline", "2000-01-01"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        row(&json, "xiashan_2019.txt")["review_status"],
        "in_progress"
    );
    assert_eq!(
        row(&json, "yingzai_2025.txt")["review_status"],
        "not_started"
    );
    let copied = &row(&json, "copycat_2020.txt")["copied_from"];
    let first = &copied[0];
    assert!(
        first["file"].as_str().unwrap().ends_with("zhanhe_2020.txt"),
        "{copied}"
    );
    assert!(first["share"].as_f64().unwrap() > 0.8, "{copied}");
    // Every dated report is late for a deadline in 2000.
    for r in json["reports"].as_array().unwrap() {
        assert_ne!(r["on_time"], true, "{}", r["file"]);
        if r["published"].is_string() {
            assert_eq!(r["on_time"], false, "{}", r["file"]);
        }
    }
    assert_eq!(json["summary"]["in_progress"], 1);
    let (out, _) = batch(dir.path(), &["--deadline", "sometime"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad deadline is a command error"
    );
}
