//! No command may overwrite its own input: every writing subcommand, given
//! an output that is one of its inputs (also through another spelling of the
//! path or a symlink), exits with code 2, names the file, says what to do,
//! and leaves the input byte for byte as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shenyue"));
    c.env("SHENYUE_LANG", "zh").current_dir(dir);
    // No user frameworks from the developer's machine.
    c.env("XDG_CONFIG_HOME", dir.join("no-config"));
    c.env("HOME", dir);
    c
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_reports")
        .join(name)
}

/// A temp folder with copies of two samples and a work-points file.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::copy(sample("zhanjiang-etdz_2020.txt"), &old).unwrap();
    std::fs::copy(sample("zhanjiang-etdz_2022.txt"), &new).unwrap();
    let points = dir.path().join("points.txt");
    std::fs::write(
        &points,
        "某区2021年法治政府建设工作要点\n一、加强党的领导\n1.落实第一责任人职责。牵头单位：区委办\n2.开展述法。\n二、依法行政\n3.推进合法性审查全覆盖。\n",
    )
    .unwrap();
    (dir, old, new, points)
}

fn assert_refused(out: &Output, input: &Path, before: &[u8]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("请换一个输出文件名"), "{stderr}");
    let name = input.file_name().unwrap().to_string_lossy();
    assert!(stderr.contains(name.as_ref()), "names the file: {stderr}");
    assert_eq!(std::fs::read(input).unwrap(), before, "input untouched");
}

#[test]
fn check_refuses_its_report_and_its_work_points() {
    let (dir, old, _, points) = setup();
    let before = std::fs::read(&old).unwrap();
    for spelling in ["old.txt", "./old.txt", "sub/../old.txt"] {
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        let out = bin(dir.path())
            .args(["check", "old.txt", "-o", spelling])
            .output()
            .unwrap();
        assert_refused(&out, &old, &before);
    }
    let abs = old.to_str().unwrap();
    let out = bin(dir.path())
        .args(["check", "old.txt", "--format", "json", "-o", abs])
        .output()
        .unwrap();
    assert_refused(&out, &old, &before);
    let points_before = std::fs::read(&points).unwrap();
    let out = bin(dir.path())
        .args([
            "check",
            "old.txt",
            "--points",
            "points.txt",
            "-o",
            "points.txt",
        ])
        .output()
        .unwrap();
    assert_refused(&out, &points, &points_before);
}

#[cfg(unix)]
#[test]
fn check_refuses_a_symlink_to_its_report() {
    let (dir, old, _, _) = setup();
    let before = std::fs::read(&old).unwrap();
    std::os::unix::fs::symlink(&old, dir.path().join("link.txt")).unwrap();
    let out = bin(dir.path())
        .args(["check", "old.txt", "-o", "link.txt"])
        .output()
        .unwrap();
    assert_refused(&out, &old, &before);
}

#[test]
fn compare_refuses_either_report() {
    let (dir, old, new, _) = setup();
    for (target, file) in [("new.txt", &new), ("old.txt", &old), ("./new.txt", &new)] {
        let before = std::fs::read(file).unwrap();
        let out = bin(dir.path())
            .args(["compare", "old.txt", "new.txt", "-o", target])
            .output()
            .unwrap();
        assert_refused(&out, file, &before);
    }
}

#[test]
fn batch_refuses_a_report_it_reads() {
    let (dir, old, _, _) = setup();
    let before = std::fs::read(&old).unwrap();
    let out = bin(dir.path())
        .args(["batch", "old.txt", "new.txt", "-o", "old.txt"])
        .output()
        .unwrap();
    assert_refused(&out, &old, &before);
    // A folder given as input: its reports are inputs too.
    let out = bin(dir.path())
        .args(["batch", ".", "-o", "./old.txt"])
        .output()
        .unwrap();
    assert_refused(&out, &old, &before);
}

#[test]
fn points_refuses_its_source() {
    let (dir, _, _, points) = setup();
    let before = std::fs::read(&points).unwrap();
    let out = bin(dir.path())
        .args(["points", "points.txt", "-o", "points.txt"])
        .output()
        .unwrap();
    assert_refused(&out, &points, &before);
}

#[test]
fn export_refuses_the_report_and_the_assessment() {
    let (dir, old, _, _) = setup();
    let ron = dir.path().join("old.shenyue.ron");
    let out = bin(dir.path())
        .args(["check", "old.txt", "-o", "old.shenyue.ron"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read(&old).unwrap();
    let out = bin(dir.path())
        .args([
            "export",
            "old.shenyue.ron",
            "--format",
            "html",
            "-o",
            "old.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&old).unwrap(), before);
    let ron_before = std::fs::read(&ron).unwrap();
    let out = bin(dir.path())
        .args([
            "export",
            "old.shenyue.ron",
            "--format",
            "json",
            "-o",
            "old.shenyue.ron",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&ron).unwrap(), ron_before);
}

#[test]
fn check_into_an_existing_assessment_keeps_the_reviewers_work() {
    let (dir, _, _, _) = setup();
    let ron = dir.path().join("old.shenyue.ron");
    let out = bin(dir.path())
        .args(["check", "old.txt", "-o", "old.shenyue.ron"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (mut a, _) = shenyue::assessment::load(&ron).unwrap();
    let id = a.items[0].id.clone();
    a.items[0].review.verdict = shenyue::assessment::Verdict::NotMet;
    a.items[0].review.comment = "缺少具体数据".into();
    shenyue::assessment::save_overwrite(&ron, &a).unwrap();
    let out = bin(dir.path())
        .args(["check", "old.txt", "-o", "old.shenyue.ron"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (b, _) = shenyue::assessment::load(&ron).unwrap();
    let item = b.item(&id).unwrap();
    assert_eq!(item.review.comment, "缺少具体数据");
    assert_eq!(item.review.verdict, shenyue::assessment::Verdict::NotMet);
    assert!(
        shenyue::assessment::backup_path(&ron).is_file(),
        "previous version kept"
    );
}
