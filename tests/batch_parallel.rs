//! `batch --jobs N` analyses reports in parallel over one shared engine and
//! writes the same table, in the same order, as one job does.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

use std::path::Path;
use std::process::Command;

#[test]
fn parallel_batch_writes_the_same_table_as_one_job() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports");
    for entry in std::fs::read_dir(&samples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    // One file that fails: listed, the rest go on.
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let table = |jobs: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_shenyue"))
            .args(["batch", ".", "--jobs", jobs])
            .current_dir(dir.path())
            .env("SHENYUE_LANG", "en")
            .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "only one file failed: {stderr}");
        assert!(stderr.contains("empty.txt"), "{stderr}");
        out.stdout
    };
    let one = table("1");
    let many = table("3");
    assert!(one.len() > 1000, "a table of five reports");
    assert_eq!(one, many);
    let text = String::from_utf8_lossy(&one);
    for name in ["xiashan_2019.txt", "zhanjiang-etdz_2022.txt"] {
        assert!(text.contains(name), "{name} in the table");
    }
}
