//! Save state in plain words: the autosave is a recovery copy, Save writes
//! the assessment, and the status bar says which happened; Escape closes an
//! open menu; the recovery offer says what it would restore; the window
//! title names the report's file and marks unsaved work.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness, sample_copy, state, state_with};

use egui::{Key, Role};
use egui_kittest::kittest::Queryable;
use shenyue::assessment::Verdict;
use shenyue::ui::Action;
use shenyue::ui::command::UiCommand;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::notices::Dialog;

#[test]
fn autosave_and_save_are_named_apart_and_recovery_says_what_it_restores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.open(report.clone());
    st.poll(0.0);
    st.apply(Action::SetVerdict(0, Verdict::Met), 1.0);
    st.save(2.0);
    // Later work reaches only the recovery copy.
    st.apply(Action::SetVerdict(1, Verdict::NotMet), 3.0);
    st.apply(Action::SetComment(1, "缺少数据".into()), 3.5);
    st.flush_autosave(1.0e6);
    let mut h = harness(st);
    h.run();
    assert!(
        h.query_by_label_contains("已自动保存恢复副本").is_some(),
        "the status names the recovery copy"
    );
    assert!(
        h.query_by_label_contains("审阅记录有未保存的更改")
            .is_some()
    );

    // Escape closes an open menu, and only the menu.
    h.get_by_role_and_label(Role::Button, "文件").click();
    h.run();
    assert!(
        h.query_by_label_contains(UiCommand::SaveAs.label(shenyue::i18n::Lang::Zh))
            .is_some(),
        "the File menu is open"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label_contains(UiCommand::SaveAs.label(shenyue::i18n::Lang::Zh))
            .is_none(),
        "Escape closed the menu"
    );
    drop(h);

    // As after a crash: the report is opened again with the autosave newer.
    let mut st = state_with(FakeDialog::default());
    st.open(report);
    st.poll(10.0);
    assert!(
        matches!(st.dialog, Some(Dialog::Recovery(_))),
        "{:?}",
        st.dialog.is_some()
    );
    let mut h = harness(st);
    h.run();
    let total = state(&h)
        .report
        .as_ref()
        .map(|r| r.assessment.items.len())
        .expect("report");
    assert!(
        h.query_by_label_contains(&format!(
            "恢复副本包含：2 / {total} 项已有结论（1 项有意见）"
        ))
        .is_some(),
        "the offer says what the recovery copy holds"
    );
    assert!(
        h.query_by_label_contains(&format!("已保存的审阅记录包含：1 / {total} 项已有结论"))
            .is_some(),
        "and what the saved file holds"
    );
}

#[test]
fn the_title_names_the_file_and_marks_unsaved_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.open(report);
    st.poll(0.0);
    assert_eq!(st.window_title(), format!("{SAMPLE_2020} — 审阅"));
    st.apply(Action::SetVerdict(0, Verdict::Met), 1.0);
    assert_eq!(
        st.window_title(),
        format!("*{SAMPLE_2020} — 审阅"),
        "unsaved work is marked"
    );
    st.save(2.0);
    assert_eq!(
        st.window_title(),
        format!("{SAMPLE_2020} — 审阅"),
        "saving clears the mark"
    );
    st.apply(Action::SetVerdict(0, Verdict::NotMet), 3.0);
    st.settings.lang = shenyue::i18n::Lang::En;
    assert_eq!(st.window_title(), format!("*{SAMPLE_2020} — Shenyue"));
}
