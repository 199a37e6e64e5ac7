//! Kill -9 of the workbench's own save, autosave and export: a child process
//! drives the app state (no window) through edit → autosave → Save → export
//! to DOCX in a loop and is killed at a random moment; then the next start —
//! a fresh app state opening the same report — must find every file whole
//! (the assessment, its `.bak` and the autosave each load; the export is
//! absent or a complete zip) and offer recovery exactly when the autosave
//! holds work newer than the saved file, with that work in it.
//!
//! The child is this test binary re-executed with `SHENYUE_APP_CRASH_CHILD=<dir>
//! --exact app_state_child`; in an ordinary run `app_state_child` does
//! nothing. Rounds: `SHENYUE_CRASH_ROUNDS` (default 30).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/crash_rng.rs"]
mod crash_rng;
#[path = "fixtures/ui_support.rs"]
mod ui_support;

use crash_rng::Rng;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shenyue::assessment::{self, Verdict};
use shenyue::export::ExportFormat;
use shenyue::ui::Action;
use shenyue::ui::export_target::ExportTarget;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::notices::Dialog;
use ui_support::{SAMPLE_2020, sample_copy, state_with};

const CHILD_ENV: &str = "SHENYUE_APP_CRASH_CHILD";

/// The child: edits, autosaves, saves and exports for ever, printing the
/// round it is in, until it is killed.
#[test]
fn app_state_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let report = dir.join(SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.open(report);
    st.poll(0.0);
    if let Some(Dialog::Recovery(_)) = st.dialog {
        st.apply(Action::Recover(true), 0.0);
    }
    let export = dir.join("审查意见.docx");
    for round in 1u64.. {
        let now = round as f64 * 10.0;
        let comment = format!("第{round}轮意见");
        st.apply(Action::SetVerdict(0, Verdict::Met), now);
        st.apply(Action::SetComment(0, comment), now);
        println!("edit {round}");
        st.flush_autosave(now + 5.0);
        println!("autosaved {round}");
        st.save(now + 6.0);
        println!("saved {round}");
        st.apply(
            Action::ExportTo(ExportTarget::Assessment(ExportFormat::Docx), export.clone()),
            now + 7.0,
        );
        println!("exported {round}");
    }
}

/// The round number in the comment of item 0, if it has one.
fn round_of(a: &assessment::Assessment) -> Option<u64> {
    let c = &a.items.first()?.review.comment;
    c.strip_prefix('第')?.strip_suffix("轮意见")?.parse().ok()
}

fn complete_docx(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    (0..zip.len()).all(|i| {
        let mut entry = zip.by_index(i).unwrap();
        let mut sink = Vec::new();
        entry.read_to_end(&mut sink).is_ok()
    })
}

#[test]
fn killing_the_app_state_mid_save_or_export_loses_nothing_and_recovery_is_offered() {
    let rounds: usize = std::env::var("SHENYUE_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let mut rng = Rng::from_env_or(0x05EE_DA99_u64);
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let sidecar = assessment::sidecar_path(&report);
    let export = dir.path().join("审查意见.docx");
    let (mut offered, mut mid_write) = (0, 0);
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(CHILD_ENV, dir.path())
            .args([
                "--exact",
                "app_state_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is past opening (its first edit), then a random moment.
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let started = Instant::now();
        loop {
            let line = lines.next().expect("the child ended").unwrap();
            if line.starts_with("edit ") {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the child never edited"
            );
        }
        let reader = std::thread::spawn(move || lines.map_while(Result::ok).last());
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        child.kill().unwrap();
        child.wait().unwrap();
        let last = reader.join().unwrap().unwrap_or_default();
        if !last.starts_with("exported") {
            mid_write += 1;
        }

        // Every file on disk is whole.
        let saved = assessment::load(&sidecar).ok().map(|(a, _)| a);
        if sidecar.exists() {
            assert!(
                saved.is_some(),
                "round {round}: the assessment does not load"
            );
        }
        let bak = assessment::backup_path(&sidecar);
        if bak.exists() {
            assert!(
                assessment::load(&bak).is_ok(),
                "round {round}: the .bak does not load"
            );
        }
        let autosave_file = assessment::autosave_path(&sidecar);
        let autosaved = assessment::load(&autosave_file).ok().map(|(a, _)| a);
        if autosave_file.exists() {
            assert!(
                autosaved.is_some(),
                "round {round}: the autosave does not load"
            );
        }
        if export.exists() {
            assert!(complete_docx(&export), "round {round}: a torn export");
        }

        // The next start offers the autosave exactly when it is newer.
        let newer = autosaved
            .as_ref()
            .is_some_and(|a| saved.as_ref().is_none_or(|s| a.modified > s.modified));
        let mut next = state_with(FakeDialog::default());
        next.open(report.clone());
        next.poll(0.0);
        match &next.dialog {
            Some(Dialog::Recovery(rec)) => {
                assert!(newer, "round {round}: recovery offered without newer work");
                assert!(
                    round_of(&rec.assessment).is_some(),
                    "round {round}: empty recovery"
                );
                offered += 1;
            }
            _ => assert!(!newer, "round {round}: newer autosaved work not offered"),
        }
    }
    println!(
        "{rounds} kills: {mid_write} before the round's export finished, recovery offered {offered} times"
    );
    assert!(mid_write > 0, "no kill landed mid-round");
}
