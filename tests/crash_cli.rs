//! Kill -9 of the CLI at random moments while it saves (`check -o` onto an
//! assessment, which merges and keeps the old file as `.bak`) and while it
//! exports (docx, html): after every kill the assessment and its `.bak` are
//! each a complete assessment that still holds the reviewer's work, and an
//! export is either absent or complete — never a torn file.
//!
//! Each round starts the real binary and kills it after a random delay
//! between zero and a little more than one whole run, so the kills land in
//! loading, analysing, writing the temporary file, syncing, keeping the
//! `.bak`, renaming, or after the end. `SHENYUE_CRASH_ROUNDS` sets the
//! rounds per kind (default 120 saves and 60 of each export);
//! `SHENYUE_CRASH_SEED` replays a run (the seed is printed on failure).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

#[path = "fixtures/crash_rng.rs"]
mod crash_rng;

use crash_rng::Rng;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shenyue::assessment::{Verdict, backup_path, load, save_overwrite};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const COMMENT: &str = "审查意见：行政执法公示需补充数据（崩溃测试）";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shenyue"));
    c.env("SHENYUE_LANG", "zh")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn rounds(default: usize) -> usize {
    std::env::var("SHENYUE_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A folder with a report and an assessment of it that holds a reviewer's
/// verdict and comment on its first item.
fn setup() -> Result<(tempfile::TempDir, PathBuf, PathBuf, usize), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let report = dir.path().join("报告.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanhe_2020.txt"),
        &report,
    )?;
    let ron = dir.path().join("报告.shenyue.ron");
    let status = bin()
        .args([
            "check".as_ref(),
            report.as_os_str(),
            "-o".as_ref(),
            ron.as_os_str(),
        ])
        .status()?;
    assert!(status.success(), "the first check failed");
    let (mut a, _) = load(&ron)?;
    let first = a.items.first_mut().ok_or("no items")?;
    first.review.verdict = Verdict::PartlyMet;
    first.review.comment = COMMENT.into();
    save_overwrite(&ron, &a)?;
    let items = a.items.len();
    Ok((dir, report, ron, items))
}

/// How long one whole run of `cmd` takes (the slowest of three).
fn run_time(mut make: impl FnMut() -> Command) -> Result<Duration, Box<dyn std::error::Error>> {
    let mut slowest = Duration::ZERO;
    for _ in 0..3 {
        let began = Instant::now();
        let status = make().status()?;
        assert!(status.success(), "an uninterrupted run failed");
        slowest = slowest.max(began.elapsed());
    }
    Ok(slowest)
}

/// Starts `cmd`, kills it (SIGKILL) after a random part of `span`, and
/// reports whether it was still running when killed.
fn kill_at_random(mut cmd: Command, span: Duration, rng: &mut Rng) -> std::io::Result<bool> {
    let mut child = cmd.spawn()?;
    let micros = u64::try_from(span.as_micros()).unwrap_or(u64::MAX);
    std::thread::sleep(Duration::from_micros(rng.below(micros * 6 / 5)));
    let running = child.try_wait()?.is_none();
    let _ = child.kill();
    child.wait()?;
    Ok(running)
}

fn check_assessment(path: &Path, items: usize, what: &str, seed: u64, round: usize) {
    let (a, _) = load(path).unwrap_or_else(|e| {
        panic!("seed {seed}, round {round}: {what} is broken: {e:?}");
    });
    assert_eq!(
        a.items.len(),
        items,
        "seed {seed}, round {round}: {what} lost items"
    );
    assert_eq!(
        a.items[0].review.comment, COMMENT,
        "seed {seed}, round {round}: {what} lost the reviewer's comment"
    );
    assert_eq!(a.items[0].review.verdict, Verdict::PartlyMet);
}

fn temp_files(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn killing_check_o_never_breaks_the_assessment_or_its_backup() -> TestResult {
    let (dir, report, ron, items) = setup()?;
    let mut rng = Rng::from_env_or(Rng::clock_seed());
    let seed = rng.state();
    let make = || {
        let mut c = bin();
        c.args([
            "check".as_ref(),
            report.as_os_str(),
            "-o".as_ref(),
            ron.as_os_str(),
        ]);
        c
    };
    let span = run_time(make)?;
    let n = rounds(120);
    let mut interrupted = 0;
    for round in 0..n {
        if kill_at_random(make(), span, &mut rng)? {
            interrupted += 1;
        }
        check_assessment(&ron, items, "the assessment", seed, round);
        let bak = backup_path(&ron);
        if bak.exists() {
            check_assessment(&bak, items, "the .bak", seed, round);
        }
    }
    // After all the kills, an ordinary run still works and leaves no
    // temporary file of its own.
    let before = temp_files(dir.path());
    assert!(
        make().status()?.success(),
        "seed {seed}: check after the kills failed"
    );
    check_assessment(&ron, items, "the assessment", seed, n);
    assert!(temp_files(dir.path()) <= before);
    println!(
        "{n} kills of check -o ({interrupted} while running, {before} temporary files left; seed {seed})"
    );
    Ok(())
}

/// A complete export: a docx whose every zip entry reads back, or an html
/// page that ends.
fn export_complete(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if path.extension().is_some_and(|e| e == "docx") {
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let mut document = String::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| e.to_string())?;
            let mut text = String::new();
            entry.read_to_string(&mut text).map_err(|e| e.to_string())?;
            if entry.name() == "word/document.xml" {
                document = text;
            }
        }
        if !document.contains("崩溃测试") {
            return Err("word/document.xml lacks the reviewer's comment".into());
        }
        Ok(())
    } else {
        let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        if text.trim_end().ends_with("</html>") && text.contains("崩溃测试") {
            Ok(())
        } else {
            Err("the page is cut short".into())
        }
    }
}

#[test]
fn killing_export_leaves_no_torn_file() -> TestResult {
    let (dir, _report, ron, _items) = setup()?;
    let before = std::fs::read(&ron)?;
    let mut rng = Rng::from_env_or(Rng::clock_seed());
    let seed = rng.state();
    let n = rounds(60);
    for ext in ["docx", "html"] {
        let out = dir.path().join(format!("审查意见.{ext}"));
        let make = || {
            let mut c = bin();
            c.args([
                "export".as_ref(),
                ron.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ]);
            c
        };
        let span = run_time(make)?;
        std::fs::remove_file(&out)?;
        let mut interrupted = 0;
        let mut written = 0;
        for round in 0..n {
            if kill_at_random(make(), span, &mut rng)? {
                interrupted += 1;
            }
            if out.exists() {
                written += 1;
                if let Err(e) = export_complete(&out) {
                    panic!("seed {seed}, round {round}: the {ext} export is torn: {e}");
                }
            }
            // Every few rounds start again from no file, so kills also hit
            // the first write, not only replacements.
            if round % 4 == 3 && out.exists() {
                std::fs::remove_file(&out)?;
            }
        }
        println!(
            "{n} kills of export {ext} ({interrupted} while running, {written} with a file; seed {seed})"
        );
    }
    assert_eq!(
        std::fs::read(&ron)?,
        before,
        "seed {seed}: export changed the assessment"
    );
    Ok(())
}
