//! The assessment file on disk while the workbench has it open: changed by
//! someone else (a second window, a colleague, a sync tool) it is noticed
//! within seconds and offered — reload theirs or keep mine elsewhere — and
//! never overwritten by Save or the autosave; a folder that vanished, a path
//! through a file, or a place nobody may write to make Save fail with a
//! message in the reviewer's language, the work stays in memory, and Save As
//! elsewhere then works. App-state tests (no window) and one kittest story.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use egui_kittest::kittest::Queryable;
use shenyue::assessment::{self, Verdict};
use shenyue::i18n::Lang;
use shenyue::ui::Action;
use shenyue::ui::AppState;
use shenyue::ui::command::UiCommand;
use shenyue::ui::file_dialog::{DialogOutcome, FakeDialog};
use shenyue::ui::notices::{Dialog, Notice};
use ui_support::{SAMPLE_2020, harness, sample_copy, state, state_with};

/// A state with the sample open in `dir`, one verdict given and saved at t=2.
fn opened_and_saved(dir: &Path, dialog: FakeDialog) -> (AppState, PathBuf) {
    let report = sample_copy(dir, SAMPLE_2020);
    let mut st = state_with(dialog);
    st.open(report);
    st.poll(0.0);
    st.apply(Action::SetVerdict(0, Verdict::Met), 1.0);
    st.save(2.0);
    assert!(
        !st.has_unsaved(),
        "{:?}",
        st.notice.as_ref().map(|n| n.message(Lang::En))
    );
    let path = st.report.as_ref().unwrap().assessment_path.clone();
    (st, path)
}

/// What another Shenyue window does: load the file, change it, save it.
fn another_window_saves(path: &Path, conclusion: &str) {
    let (mut other, stamp) = assessment::load(path).unwrap();
    other.conclusion = conclusion.into();
    assessment::save(path, &other, Some(&stamp)).unwrap();
}

fn changed_outside(st: &AppState) -> Option<bool> {
    match &st.dialog {
        Some(Dialog::ChangedOutside { dirty, .. }) => Some(*dirty),
        _ => None,
    }
}

#[test]
fn a_change_by_someone_else_is_noticed_offered_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("我的版本.shenyue.ron");
    let (mut st, path) = opened_and_saved(dir.path(), FakeDialog::picking(&elsewhere));
    st.poll(3.0);
    assert!(st.dialog.is_none(), "our own save is no outside change");

    // A touch (same bytes, new time) is no change.
    let later = SystemTime::now() + Duration::from_secs(30);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    st.poll(6.0);
    assert!(st.dialog.is_none(), "a touch is not a change");

    // Another window saves while this one has unsaved work.
    another_window_saves(&path, "另一窗口的结论");
    let theirs = std::fs::read_to_string(&path).unwrap();
    st.apply(Action::SetComment(0, "我的意见".into()), 6.5);
    st.poll(7.0);
    assert!(
        st.dialog.is_none(),
        "looked at 6.0; the next look is due at 8.0"
    );
    st.poll(8.5);
    assert_eq!(
        changed_outside(&st),
        Some(true),
        "noticed, with unsaved work"
    );

    // "Decide later": neither the autosave nor Save overwrites their file.
    st.apply(Action::CloseDialog, 9.0);
    st.flush_autosave(20.0);
    st.poll(21.0);
    assert!(st.dialog.is_none(), "asked once per change");
    st.save(22.0);
    assert!(matches!(st.dialog, Some(Dialog::Conflict { .. })));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(st.has_unsaved());

    // "Keep my version (save as…)": mine goes elsewhere, theirs stays.
    st.apply(Action::CloseDialog, 23.0);
    st.apply(Action::Command(UiCommand::SaveAs), 23.0);
    st.poll(23.5);
    assert!(!st.has_unsaved());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let (mine, _) = assessment::load(&elsewhere).unwrap();
    assert_eq!(mine.items[0].review.comment, "我的意见");
    assert_eq!(mine.items[0].review.verdict, Verdict::Met);
    assert_eq!(st.report.as_ref().unwrap().assessment_path, elsewhere);
}

#[test]
fn reload_takes_their_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut st, path) = opened_and_saved(dir.path(), FakeDialog::default());
    st.poll(3.0);
    another_window_saves(&path, "另一窗口的结论");
    st.poll(5.5);
    assert_eq!(
        changed_outside(&st),
        Some(false),
        "noticed, nothing unsaved"
    );
    st.apply(Action::ReloadAssessment, 6.0);
    st.poll(6.5);
    let r = st.report.as_ref().expect("the report is open again");
    assert_eq!(r.assessment.conclusion, "另一窗口的结论");
    assert_eq!(r.assessment.items[0].review.verdict, Verdict::Met);
    assert!(!st.has_unsaved());
    assert!(st.dialog.is_none(), "{:?}", st.dialog.is_some());
}

#[test]
fn a_deleted_assessment_is_no_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (mut st, path) = opened_and_saved(dir.path(), FakeDialog::default());
    st.poll(3.0);
    std::fs::remove_file(&path).unwrap();
    st.poll(5.5);
    assert!(st.dialog.is_none(), "nothing of anyone's to lose");
    st.save(6.0);
    assert!(path.exists(), "Save writes it again");
}

/// Saving to `target` failed: the message names it, is in the reviewer's
/// language with the cause (not the OS's words, not the temporary file), and
/// the work stays unsaved in memory.
fn assert_failed_and_kept(st: &AppState, target: &Path, cause: Option<&str>) {
    let notice = st.notice.as_ref().expect("an error is shown");
    let zh = notice.message(Lang::Zh);
    let en = notice.message(Lang::En);
    assert!(
        zh.contains(&format!("无法保存 {}", target.display())),
        "{zh}"
    );
    if let Some(cause) = cause {
        assert!(zh.contains(cause), "{zh}");
    }
    let temporary = format!("/.{}.", target.file_name().unwrap().to_string_lossy());
    for raw in [
        "os error",
        "No such file",
        "Not a directory",
        temporary.as_str(),
    ] {
        assert!(!zh.contains(raw) && !en.contains(raw), "{zh} / {en}");
    }
    let en_words = en.replace(&target.display().to_string(), "");
    assert!(!en_words.chars().any(shenyue::text::is_han), "{en}");
    assert!(st.has_unsaved(), "the work is still unsaved");
    let r = st.report.as_ref().unwrap();
    assert_eq!(r.assessment.items[0].review.verdict, Verdict::Met);
}

#[test]
fn saving_into_a_vanished_folder_fails_clearly_and_save_as_elsewhere_works() {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("共享");
    std::fs::create_dir(&share).unwrap();
    let elsewhere = dir.path().join("本机.shenyue.ron");
    let (mut st, path) = opened_and_saved(&share, FakeDialog::picking(&elsewhere));
    st.apply(Action::SetComment(0, "断网前的意见".into()), 3.0);
    std::fs::remove_dir_all(&share).unwrap();
    st.save(4.0);
    assert_failed_and_kept(&st, &path, Some("文件夹不存在或已被移走"));
    st.flush_autosave(10.0);
    assert!(!path.exists());

    save_as_elsewhere_works(&mut st, 11.0, &elsewhere, "断网前的意见");
}

/// After a failed save: Save As (the dialog picks `elsewhere`) saves
/// without an error, and the file there holds the reviewer's `comment`.
fn save_as_elsewhere_works(st: &mut AppState, at: f64, elsewhere: &Path, comment: &str) {
    st.notice = None;
    st.apply(Action::Command(UiCommand::SaveAs), at);
    st.poll(at + 0.5);
    assert!(
        st.notice.is_none(),
        "{:?}",
        st.notice.as_ref().map(|n| n.message(Lang::En))
    );
    assert!(!st.has_unsaved());
    let (saved, _) = assessment::load(elsewhere).unwrap();
    assert_eq!(saved.items[0].review.comment, comment);
}

/// The names and contents of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.path().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// A full disk: Save and the autosave fail with the kernel's own ENOSPC
/// (the folder's writes go to /dev/full, `atomic::simulate_full_disk`; a
/// small mounted file system would need root). The reviewer is told the disk
/// is full in their language, the work stays in memory, the saved file and
/// its `.bak` are untouched, no temporary is left behind, and Save As to
/// another disk works.
#[cfg(target_os = "linux")]
#[test]
fn saving_onto_a_full_disk_fails_clearly_keeps_the_work_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("满盘");
    std::fs::create_dir(&disk).unwrap();
    let elsewhere = dir.path().join("另一块盘.shenyue.ron");
    let (mut st, path) = opened_and_saved(&disk, FakeDialog::picking(&elsewhere));
    st.apply(Action::SetComment(0, "满盘前的意见".into()), 3.0);
    st.save(4.0);
    assert!(!st.has_unsaved(), "a second save makes a .bak");
    st.apply(Action::SetComment(0, "磁盘满时写的意见".into()), 5.0);
    let before = listing(&disk);
    assert!(
        before.iter().any(|(n, _)| n.ends_with(".bak")),
        "{before:?}"
    );

    shenyue::atomic::simulate_full_disk(&disk);
    st.save(6.0);
    assert_failed_and_kept(&st, &path, Some("磁盘空间已满"));
    let en = st.notice.as_ref().unwrap().message(Lang::En);
    assert!(en.contains("the disk is full"), "{en}");
    assert_eq!(
        st.report.as_ref().unwrap().assessment.items[0]
            .review
            .comment,
        "磁盘满时写的意见"
    );
    assert_eq!(
        listing(&disk),
        before,
        "saved file and .bak intact, no temporary"
    );

    // The autosave fails the same way and leaves nothing either.
    st.notice = None;
    st.flush_autosave(12.0);
    let autosave_notice = st.notice.as_ref().expect("the failed autosave is shown");
    assert!(
        autosave_notice.message(Lang::Zh).contains("磁盘空间已满"),
        "{}",
        autosave_notice.message(Lang::Zh)
    );
    assert_eq!(listing(&disk), before);
    assert!(st.has_unsaved());

    save_as_elsewhere_works(&mut st, 13.0, &elsewhere, "磁盘满时写的意见");
    assert_eq!(listing(&disk), before);
}

#[test]
fn save_as_through_a_file_or_into_proc_fails_clearly_and_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir
        .path()
        .join("zhanjiang-etdz_2020.txt")
        .join("x.shenyue.ron");
    let unwritable = PathBuf::from("/proc/shenyue-test.shenyue.ron");
    let fine = dir.path().join("另存.shenyue.ron");
    let dialog = FakeDialog::with(
        [&not_a_folder, &unwritable, &fine].map(|p| DialogOutcome::Picked(p.clone())),
    );
    let (mut st, _) = opened_and_saved(dir.path(), dialog);
    st.apply(Action::SetComment(0, "要保留的意见".into()), 3.0);
    let first_path = st.report.as_ref().unwrap().assessment_path.clone();

    st.apply(Action::Command(UiCommand::SaveAs), 4.0);
    st.poll(4.5);
    assert_failed_and_kept(&st, &not_a_folder, Some("路径中的某一级不是文件夹"));
    st.notice = None;

    // Root may write almost anywhere, but not into /proc.
    st.apply(Action::Command(UiCommand::SaveAs), 5.0);
    st.poll(5.5);
    assert_failed_and_kept(&st, &unwritable, None);
    assert!(!unwritable.exists());
    assert_eq!(st.report.as_ref().unwrap().assessment_path, first_path);
    st.notice = None;

    st.apply(Action::Command(UiCommand::SaveAs), 6.0);
    st.poll(6.5);
    assert!(!st.has_unsaved());
    let (saved, _) = assessment::load(&fine).unwrap();
    assert_eq!(saved.items[0].review.comment, "要保留的意见");
    assert!(matches!(st.notice, None | Some(Notice::Text(_))));
}

#[test]
fn story_the_window_offers_their_version_when_the_file_changes_while_idle() {
    let dir = tempfile::tempdir().unwrap();
    let (mut st, path) = opened_and_saved(dir.path(), FakeDialog::default());
    st.poll(3.0);
    another_window_saves(&path, "另一窗口的结论");
    let mut h = harness(st);
    h.run();
    // The harness's clock starts at zero: the first look after t=3 + 2 s.
    for _ in 0..40 {
        if changed_outside(state(&h)).is_some() {
            break;
        }
        h.step();
        std::thread::sleep(Duration::from_millis(60));
    }
    h.run();
    assert!(
        h.query_by_label_contains("审阅记录文件刚被其他程序")
            .is_some()
    );
    h.get_by_label("重新载入").click();
    h.run();
    for _ in 0..20 {
        if state(&h)
            .report
            .as_ref()
            .is_some_and(|r| r.assessment.conclusion == "另一窗口的结论")
        {
            break;
        }
        h.step();
    }
    assert_eq!(
        state(&h).report.as_ref().unwrap().assessment.conclusion,
        "另一窗口的结论"
    );
    assert!(
        h.query_by_label_contains("审阅记录文件刚被其他程序")
            .is_none()
    );
}
