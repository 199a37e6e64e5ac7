//! A reviewer's file survives the app being killed mid-save: this test
//! starts a writer process that saves and autosaves a large assessment in a
//! loop, kills it once a write is known to be under way, and checks that the
//! assessment, its `.bak` and its autosave are each a complete assessment —
//! the old version or the new one, never a torn mix. 30+ rounds.
//!
//! The writer is this same test binary, re-executed with
//! `SHENYUE_CRASH_WRITER=<path> --exact crash_writer_child --nocapture`;
//! in an ordinary test run `crash_writer_child` does nothing. The writer
//! runs with [`TEST_PAUSE_ENV`], so the atomic writer announces on stdout
//! when the chosen write has half its temporary file on disk: every kill
//! comes after that signal, and a round whose signal never comes fails.

#[path = "fixtures/crash_rng.rs"]
mod crash_rng;

use crash_rng::Rng;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use shenyue::analysis::{AutoStatus, Evidence};
use shenyue::assessment::{
    Anchor, Annotation, Assessment, AutoResult, ItemAssessment, ReportRef, Review, Verdict,
    autosave_path, backup_path, load, save, save_overwrite, write_autosave,
};
use shenyue::atomic::TEST_PAUSE_ENV;
use shenyue::text::CharRange;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WRITER_ENV: &str = "SHENYUE_CRASH_WRITER";
const WRITER_TEST: &str = "crash_writer_child";
const ROUNDS: usize = 32;
const ITEMS: usize = 200;
/// How long the writer may take to reach the write a round waits for. It
/// reaches it in well under a second; this only turns a writer that stopped
/// or never paused into a failure instead of a hang. Not a speed check.
const SIGNAL_DEADLINE: Duration = Duration::from_secs(60);
/// The pause that holds a write half done until the kill (the writer is
/// killed right after announcing it, long before this ends).
const HOLD_MS: u64 = 600_000;

/// An assessment of well over 1 MB of RON.
fn big_assessment() -> Assessment {
    let sentence = "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，";
    let quote: String = sentence.repeat(6);
    let mut a = Assessment::new(ReportRef {
        path: "报告.docx".into(),
        sha256: "0".repeat(64),
        title: "某区2020年法治政府建设年度报告".into(),
        unit: "某区人民政府".into(),
        year: Some(2020),
        chars: 500_000,
        ..ReportRef::default()
    });
    a.items = (0..ITEMS)
        .map(|i| ItemAssessment {
            id: format!("G{i}"),
            framework: "gangyao-2021".into(),
            title: format!("第{i}项"),
            auto: AutoResult {
                status: AutoStatus::Partial,
                score: 50.0,
                why: Default::default(),
                reason: "找到证据".into(),
                evidence: (0..6)
                    .map(|k| Evidence {
                        range: CharRange::new(i * 1000 + k * 100, i * 1000 + k * 100 + 80),
                        quote: quote.clone(),
                        score: 1.5,
                        matched: vec!["行政执法".into(), "法制审核".into()],
                        strength: shenyue::analysis::Strength::Concrete,
                    })
                    .collect(),
            },
            review: Review {
                verdict: Verdict::PartlyMet,
                comment: format!("意见{i}：{sentence}"),
                ..Review::default()
            },
            ..ItemAssessment::default()
        })
        .collect();
    a.annotations = (0..50)
        .map(|i| Annotation {
            id: i + 1,
            anchor: Anchor {
                range: CharRange::new(0, 10),
                quote: sentence.into(),
                before: "前文".into(),
                after: "后文".into(),
            },
            note: format!("批注{i}"),
            ..Annotation::default()
        })
        .collect();
    a
}

/// The iteration number the writer put in `text` after `prefix`.
fn marker(text: &str, prefix: &str) -> Option<u64> {
    text.strip_prefix(prefix)?.parse().ok()
}

/// The writer's progress reports in one line of its output (`@@save N`,
/// `@@auto N`, and `@@writing N` from the atomic writer when write N is half
/// written); libtest may print its own text on the same line.
fn reports(line: &str) -> impl Iterator<Item = (&str, u64)> {
    line.split("@@").skip(1).filter_map(|part| {
        let (kind, n) = part.trim().split_once(' ')?;
        Some((kind, n.trim().parse().ok()?))
    })
}

/// Not a real test: the writer process of [`killing_a_writer_never_leaves_a_broken_file`].
#[test]
fn crash_writer_child() -> TestResult {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return Ok(());
    };
    let path = PathBuf::from(path);
    let mut a = big_assessment();
    let mut stamp = None;
    let mut out = std::io::stdout();
    let started = Instant::now();
    // Bounded, so a writer whose parent died does not run forever.
    for iteration in 1..=10_000u64 {
        if started.elapsed() > Duration::from_secs(60) {
            break;
        }
        a.conclusion = format!("saved {iteration}");
        a.touch();
        stamp = Some(match save(&path, &a, stamp.as_ref()) {
            Ok(s) => s,
            Err(_) => save_overwrite(&path, &a)?,
        });
        writeln!(out, "@@save {iteration}")?;
        out.flush()?;
        a.reviewer = format!("autosaved {iteration}");
        a.touch();
        write_autosave(&path, &a)?;
        writeln!(out, "@@auto {iteration}")?;
        out.flush()?;
    }
    Ok(())
}

/// Kills the writer even when an assertion fails.
struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The writer's stdout, line by line, read on a thread so that waiting for a
/// line can give up after [`SIGNAL_DEADLINE`].
fn read_lines(stdout: std::process::ChildStdout) -> Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// A temporary file the writer left in `folder` (not the hard link that
/// stages the `.bak`, which is a complete copy of the old file).
fn leftover_temp(folder: &Path) -> std::io::Result<Option<(PathBuf, u64)>> {
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".tmp") && !name.contains(".bak.") {
            return Ok(Some((entry.path(), entry.metadata()?.len())));
        }
    }
    Ok(None)
}

fn check_complete(
    path: &Path,
    what: &str,
    seed: u64,
) -> Result<Assessment, Box<dyn std::error::Error>> {
    let (a, _) = load(path).map_err(|e| format!("seed {seed}: {what} is broken: {e}"))?;
    assert_eq!(a.items.len(), ITEMS, "seed {seed}: {what} lost items");
    assert_eq!(
        a.annotations.len(),
        50,
        "seed {seed}: {what} lost annotations"
    );
    Ok(a)
}

#[test]
fn killing_a_writer_never_leaves_a_broken_file() -> TestResult {
    let exe = std::env::current_exe()?;
    let dir = tempfile::tempdir()?;
    // Seeded per run and printed on failure.
    let seed = Rng::clock_seed() | 1;
    let mut rng = Rng::new(seed);
    let mut event_gap = Duration::from_millis(50);
    let begun = Instant::now();
    for round in 0..ROUNDS {
        let folder = dir.path().join(format!("round{round}"));
        std::fs::create_dir(&folder)?;
        let path = folder.join("报告.shenyue.ron");
        // The writes alternate save (odd) and autosave (even); from the
        // second on, the assessment exists. Odd rounds hold the chosen write
        // half done and kill it there; even rounds let it go on and kill at
        // a random moment after it began (writing, syncing, keeping the
        // .bak, renaming, or the next cycle).
        let target = 2 + rng.below(4);
        let hold = round % 2 == 1;
        let pause = format!("{target}:{}", if hold { HOLD_MS } else { 0 });
        let mut writer = Writer(
            Command::new(&exe)
                .args(["--exact", WRITER_TEST, "--nocapture", "--test-threads=1"])
                .env(WRITER_ENV, &path)
                .env(TEST_PAUSE_ENV, &pause)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()?,
        );
        let lines = read_lines(writer.0.stdout.take().ok_or("no stdout")?);

        // Wait for the signal that write `target` is half on disk.
        let mut last_saved = 0;
        let mut last_event: Option<Instant> = None;
        let mut signalled = false;
        while !signalled {
            let line = match lines.recv_timeout(SIGNAL_DEADLINE) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "seed {seed}: round {round}: no signal that write {target} began \
                         within {SIGNAL_DEADLINE:?}"
                    )
                    .into());
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!(
                        "seed {seed}: round {round}: the writer ended before write {target} began"
                    )
                    .into());
                }
            };
            for (kind, n) in reports(&line) {
                match kind {
                    "save" => last_saved = n,
                    "writing" if n == target => signalled = true,
                    _ => {}
                }
                if let Some(previous) = last_event {
                    event_gap = event_gap.max(previous.elapsed());
                }
                last_event = Some(Instant::now());
            }
        }
        if !hold {
            let gap_micros = u64::try_from(event_gap.as_micros()).unwrap_or(u64::MAX);
            std::thread::sleep(Duration::from_micros(rng.below(gap_micros)));
        }
        writer.0.kill()?;
        writer.0.wait()?;
        // Lines written before the kill are still in the pipe; the reader
        // ends at its end.
        while let Ok(line) = lines.recv_timeout(SIGNAL_DEADLINE) {
            for (kind, n) in reports(&line) {
                if kind == "save" {
                    last_saved = n;
                }
            }
        }

        if hold {
            // Proof that this kill hit the middle of a write: its half-written
            // temporary file is still there, and it is no assessment.
            let (temp, len) = leftover_temp(&folder)?.ok_or_else(|| {
                format!("seed {seed}: round {round}: no half-written temporary file after the kill")
            })?;
            assert!(
                len > 0,
                "seed {seed}: round {round}: the temporary file is empty"
            );
            assert!(
                load(&temp).is_err(),
                "seed {seed}: round {round}: the half-written file loads"
            );
        }

        let saved = check_complete(&path, "the assessment", seed)?;
        let n = marker(&saved.conclusion, "saved ").ok_or("no marker")?;
        if hold && target % 2 == 1 {
            // The save was stopped half way: the file is still the old one.
            assert_eq!(
                n, last_saved,
                "seed {seed}: round {round}: file holds save {n}, writer reported {last_saved}"
            );
        } else {
            assert!(
                n == last_saved || n == last_saved + 1,
                "seed {seed}: round {round}: file holds save {n}, writer reported {last_saved}"
            );
        }
        if backup_path(&path).exists() {
            check_complete(&backup_path(&path), "the .bak", seed)?;
        }
        if autosave_path(&path).exists() {
            check_complete(&autosave_path(&path), "the autosave", seed)?;
        }
    }
    println!("{ROUNDS} rounds in {:?} (seed {seed})", begun.elapsed());
    Ok(())
}

#[test]
fn the_test_assessment_is_large() -> TestResult {
    let len = big_assessment().to_ron()?.len();
    assert!(len >= 1_000_000, "{len} bytes");
    Ok(())
}
