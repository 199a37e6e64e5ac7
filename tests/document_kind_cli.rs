//! The document kind reaches the user: `check` says when a file is not an
//! annual report (a 政府工作报告 sent by mistake), in its JSON and on stderr,
//! and `points` says when it is given a report instead of work points.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn shared(sub: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    assert!(
        dir.is_dir(),
        "{} is missing: these tests need the shared reference data",
        dir.display()
    );
    dir
}

fn check_json(file: &Path) -> (Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .args(["check", "--format", "json", file.to_str().unwrap()])
        .env("SHENYUE_LANG", "en")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_government_work_report_is_flagged_by_check() {
    let dir = shared("wrongtype");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        seen += 1;
        let (json, stderr) = check_json(&path);
        assert_eq!(json["document_kind"], "other", "{}", path.display());
        assert_eq!(json["report"]["document_kind"], "other");
        let notices = json["notices"].as_array().unwrap();
        assert!(
            notices
                .iter()
                .any(|n| n.as_str().unwrap().contains("does not look like an annual")),
            "{notices:?}"
        );
        assert!(stderr.contains("does not look like an annual"), "{stderr}");
    }
    assert_eq!(seen, 2, "both wrong-type documents checked");
}

#[test]
fn an_annual_report_gets_no_kind_notice() {
    let dir = shared("sample_reports");
    let (json, stderr) = check_json(&dir.join("zhanjiang-etdz_2022.txt"));
    assert_eq!(json["document_kind"], "annual_report");
    assert!(!stderr.contains("does not look like"), "{stderr}");
}

#[test]
fn points_says_when_it_is_given_a_report() {
    let dir = shared("sample_reports");
    let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
        .args(["points", dir.join("xiashan_2019.txt").to_str().unwrap()])
        .env("SHENYUE_LANG", "en")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("does not look like work points"),
        "{stderr}"
    );
}
