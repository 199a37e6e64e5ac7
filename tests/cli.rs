//! The `shenyue` binary, driven as a user or another tool would: stable JSON
//! of `inspect` and `check`, assessments that load, exports, batch tables,
//! and one-line errors with exit code 2.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shenyue"));
    c.env("SHENYUE_LANG", "zh");
    c
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_reports")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn inspect_json_is_the_stable_interface() {
    let out = run(&[
        "inspect",
        "--json",
        sample("zhanjiang-etdz_2022.txt").to_str().unwrap(),
    ]);
    let j = stdout_json(&out);
    for key in [
        "file",
        "format",
        "encoding",
        "title",
        "unit",
        "year",
        "date",
        "published",
        "chars",
        "headings",
        "parts",
        "cleaning",
    ] {
        assert!(j.get(key).is_some(), "missing {key}");
    }
    assert!(j.get("text").is_none());
    assert_eq!(j["format"], "txt");
    assert_eq!(j["unit"], "湛江经济技术开发区");
    assert_eq!(j["year"], 2022);
    assert_eq!(
        j["date"],
        Value::Null,
        "a web page's date is not a signature date"
    );
    assert_eq!(j["published"], "2023-02-22");
    let parts = j["parts"].as_array().unwrap();
    assert_eq!(
        parts
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["DC1", "DC2", "DC3", "DC4", "DC5"]
    );
    assert_eq!(parts[4]["present"], false);
    assert_eq!(parts[4]["start"], Value::Null);
    let h = &j["headings"][0];
    assert_eq!(
        (
            h["level"].as_u64(),
            h["numbering"].as_str(),
            h["text"].as_str()
        ),
        (Some(1), Some("一、"), Some("主要举措和成效"))
    );
    assert!(
        j["cleaning"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "web_chrome" && c["count"].as_u64() > Some(0))
    );
    let with_text = stdout_json(&run(&[
        "inspect",
        "--json",
        "--with-text",
        sample("xiashan_2019.txt").to_str().unwrap(),
    ]));
    let text = with_text["text"].as_str().unwrap();
    assert_eq!(
        text.chars().count() as u64,
        with_text["chars"].as_u64().unwrap()
    );
    // Heading offsets are character offsets into that text.
    let h = &with_text["headings"][0];
    let slice: String = text
        .chars()
        .skip(h["start"].as_u64().unwrap() as usize)
        .take((h["end"].as_u64().unwrap() - h["start"].as_u64().unwrap()) as usize)
        .collect();
    assert_eq!(
        slice,
        format!(
            "{}{}",
            h["numbering"].as_str().unwrap(),
            h["text"].as_str().unwrap()
        )
    );
}

#[test]
fn check_writes_json_and_an_assessment_the_gui_opens() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("check.json");
    let report = sample("zhanhe_2020.txt");
    let out = run(&[
        "check",
        report.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        json_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(j["frameworks"], serde_json::json!(["DC", "G15"]));
    assert_eq!(j["report"]["year"], 2020);
    let items = j["items"].as_array().unwrap();
    let dc2 = items.iter().find(|i| i["id"] == "DC2").unwrap();
    assert_eq!(dc2["status"], "missing", "湛河 2020 has no 不足 part");
    let g = items.iter().find(|i| i["id"] == "G15-6").unwrap();
    assert_eq!(g["status"], "covered");
    let ev = &g["evidence"][0];
    for key in ["start", "end", "quote", "score"] {
        assert!(ev.get(key).is_some());
    }
    let ind = &j["indicators"][0];
    for key in [
        "name", "value", "unit", "raw", "approx", "start", "end", "item",
    ] {
        assert!(ind.get(key).is_some(), "indicator key {key}");
    }

    let ron_path = dir.path().join("zhanhe.shenyue.ron");
    let out = run(&[
        "check",
        report.to_str().unwrap(),
        "-o",
        ron_path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let (a, _) = shenyue::assessment::load(&ron_path).unwrap();
    assert_eq!(a.report.year, Some(2020));
    assert_eq!(
        Path::new(&a.report.path).canonicalize().unwrap(),
        report.canonicalize().unwrap()
    );
    assert_eq!(a.items.len(), items.len());

    // Export it as CSV: BOM, header, one row per item.
    let csv = dir.path().join("out.csv");
    let out = run(&[
        "export",
        ron_path.to_str().unwrap(),
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.lines().count(), 1 + items.len());
}

#[test]
fn batch_makes_one_table_and_never_overwrites_an_assessment() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["xiashan_2019.txt", "yingzai_2025.txt"] {
        std::fs::copy(sample(name), dir.path().join(name)).unwrap();
    }
    let existing = dir.path().join("xiashan_2019.shenyue.ron");
    let out = run(&[
        "check",
        dir.path().join("xiashan_2019.txt").to_str().unwrap(),
        "-o",
        existing.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let before = std::fs::read(&existing).unwrap();
    let table = dir.path().join("table.csv");
    let out = run(&[
        "batch",
        dir.path().to_str().unwrap(),
        "--save",
        "-o",
        table.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        before,
        "an existing assessment is never overwritten"
    );
    assert!(dir.path().join("yingzai_2025.shenyue.ron").exists());
    let text = String::from_utf8(std::fs::read(&table).unwrap()).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("yingzai_2025.txt") && l.contains("G21-01"))
    );
    assert!(
        text.lines()
            .any(|l| l.contains("xiashan_2019.txt") && l.contains("G15-1"))
    );
}

#[test]
fn errors_are_one_line_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    // Missing inputs and the output inside the temp folder, never a fixed
    // absolute path that might exist (or be written) on the machine.
    let missing = dir.path().join("no/such/file.txt");
    let missing_ron = dir.path().join("no/such.ron");
    let out_csv = dir.path().join("x.csv");
    for args in [
        vec!["inspect", empty.to_str().unwrap()],
        vec!["inspect", missing.to_str().unwrap()],
        vec!["check", empty.to_str().unwrap(), "--framework", "NOPE"],
        vec!["frobnicate"],
        vec![
            "export",
            missing_ron.to_str().unwrap(),
            "-o",
            out_csv.to_str().unwrap(),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
    assert!(!out_csv.exists(), "a failed export wrote its output");
    let out = run(&["inspect", empty.to_str().unwrap()]);
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("文件是空的")
    );
    let out = bin()
        .env("SHENYUE_LANG", "en")
        .args(["inspect", empty.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().contains("empty"));
}

#[test]
fn frameworks_lists_the_builtin_checklists() {
    let out = run(&["frameworks"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for id in ["DC ", "G15", "G21"] {
        assert!(text.lines().any(|l| l.starts_with(id)), "{id}: {text}");
    }
}

#[test]
fn compare_lists_last_years_plans_with_status_and_the_recycled_share() {
    let out = run(&[
        "compare",
        sample("zhanjiang-etdz_2020.txt").to_str().unwrap(),
        sample("zhanjiang-etdz_2022.txt").to_str().unwrap(),
    ]);
    let j = stdout_json(&out);
    assert_eq!(j["old"]["year"], 2020);
    assert_eq!(j["new"]["year"], 2022);
    let plans: Vec<&str> = j["follow_through"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["plan"].as_str().unwrap())
        .collect();
    assert_eq!(
        plans,
        [
            "不断优化营商环境",
            "深化行政执法体制改革",
            "强化法治宣传教育工作",
            "依法有效化解矛盾纠纷",
            "优化完善法治政府建设考核"
        ]
    );
    for f in j["follow_through"].as_array().unwrap() {
        assert!(["reported", "partly", "not_reported"].contains(&f["status"].as_str().unwrap()));
        for key in ["start", "end", "evidence"] {
            assert!(f.get(key).is_some());
        }
    }
    let share = j["recycled_share"].as_f64().unwrap();
    assert!(share > 0.0 && share < 0.2, "{share}");
    assert!(
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| !p["old"].is_null() && !p["new"].is_null())
    );
    // Markdown and HTML for people.
    let md = run(&[
        "compare",
        sample("zhanjiang-etdz_2020.txt").to_str().unwrap(),
        sample("zhanjiang-etdz_2022.txt").to_str().unwrap(),
        "--format",
        "md",
    ]);
    assert!(md.status.success());
    assert!(
        String::from_utf8(md.stdout)
            .unwrap()
            .contains("不断优化营商环境")
    );
}

/// A write that fails says what happened and what to do in the user's
/// language, without the OS's English text or a temporary file's name.
#[test]
fn a_failed_write_is_explained_in_the_users_language() {
    // A folder name without ".tmp" in it, so the check below means something.
    let dir = tempfile::Builder::new()
        .prefix("shenyue-cli")
        .tempdir()
        .unwrap();
    let gone = dir.path().join("no-such-folder").join("out.shenyue.ron");
    let report = sample("zhanhe_2020.txt");
    for (lang, expect) in [("zh", "文件夹不存在"), ("en", "the folder does not exist")] {
        for args in [
            vec![
                "check",
                report.to_str().unwrap(),
                "-o",
                gone.to_str().unwrap(),
            ],
            vec![
                "check",
                report.to_str().unwrap(),
                "--format",
                "json",
                "-o",
                gone.with_extension("json")
                    .to_str()
                    .unwrap()
                    .to_owned()
                    .leak(),
            ],
        ] {
            let out = bin()
                .env("SHENYUE_LANG", lang)
                .args(&args)
                .output()
                .unwrap();
            assert!(!out.status.success(), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
            assert!(err.contains(expect), "{lang}: {err}");
            assert!(
                err.contains("out.shenyue") || err.contains("out.json"),
                "names the file: {err}"
            );
            assert!(!err.contains("os error") && !err.contains(".tmp"), "{err}");
        }
    }
    assert!(
        !dir.path().join("no-such-folder").exists(),
        "nothing written"
    );
}

#[test]
fn a_gui_that_cannot_open_its_window_says_why_and_logs_it() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("shenyue.log");
    let out = bin()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("SHENYUE_LANG", "zh")
        .env("SHENYUE_LOG", &log)
        .env("SHENYUE_NO_ERROR_DIALOG", "1")
        .arg(sample("zhanhe_2020.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.trim().lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("无法打开窗口"), "{stderr}");
    assert!(
        lines[0].contains(&log.display().to_string()),
        "names the log: {stderr}"
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("start: shenyue"), "{logged}");
    assert!(logged.contains("FAILED: 无法打开窗口"), "{logged}");
}
