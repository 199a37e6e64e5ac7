//! The first window, driven headless with egui_kittest: a reviewer opens the
//! 2020 report of 湛江经济技术开发区, jumps through the outline, switches the
//! interface to English, and gets a clear message for a broken file.

// Test helpers outside #[test] functions panic on setup failures too.
#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness, sample_copy, state_with};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::kittest::Queryable;
use shenyue::ui::file_dialog::FakeDialog;

#[test]
fn clicking_an_outline_heading_scrolls_the_report_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = state_with(FakeDialog::default());
    state.open(sample_copy(dir.path(), SAMPLE_2020));
    let mut h = harness(state);
    h.run();
    {
        let r = h.state().state.report.as_ref().expect("report open");
        assert_eq!(
            r.doc.structure.metadata.unit.as_deref(),
            Some("湛江经济技术开发区")
        );
        assert!(r.view.visible.contains(&0), "starts at the top");
    }
    // The outline lists the level-1 heading; click it.
    h.get_by_role_and_label(egui::Role::Button, "二、下一步工作打算")
        .click();
    h.run();
    let r = h.state().state.report.as_ref().expect("report open");
    let target = r
        .doc
        .structure
        .headings
        .iter()
        .position(|x| x.numbering == "二、" && x.text == "下一步工作打算")
        .expect("heading");
    let heading = &r.doc.structure.headings[target];
    assert_eq!(r.selected_heading, Some(target));
    assert_eq!(r.view.scrolled_to, Some(heading.range.start));
    assert!(
        r.view.visible.contains(&heading.paragraph),
        "the heading's paragraph {} is on screen (visible {:?})",
        heading.paragraph,
        r.view.visible
    );
    assert!(
        r.view.top_paragraph() > 0,
        "the view scrolled down from the top"
    );
    // The heading is now drawn in the report too (outline entry + paragraph).
    assert!(
        h.query_all_by_label_contains("下一步工作打算").count() >= 2,
        "heading visible in the report"
    );
}

#[test]
fn the_interface_switches_to_english_from_the_menu() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = state_with(FakeDialog::default());
    state.open(sample_copy(dir.path(), SAMPLE_2020));
    let mut h = harness(state);
    h.run();
    let button = egui::Role::Button;
    assert!(h.query_by_role_and_label(button, "文件").is_some());
    h.get_by_role_and_label(button, "视图").click();
    h.run();
    h.get_by_label("界面语言").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().state.settings.lang, shenyue::i18n::Lang::En);
    assert!(
        h.query_by_role_and_label(button, "File").is_some(),
        "menu in English"
    );
    assert!(h.query_by_label("Checklist").is_some(), "panel in English");
    assert!(h.query_by_role_and_label(button, "文件").is_none());
}

#[test]
fn an_empty_file_shows_a_clear_error_in_the_users_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("空报告.txt");
    std::fs::write(&empty, b"").expect("write");
    let mut state = state_with(FakeDialog::default());
    state.open(empty.clone());
    let mut h = harness(state);
    h.run();
    assert!(h.state().state.report.is_none());
    assert!(h.query_by_label_contains("文件是空的").is_some());
    assert!(
        h.query_by_label_contains("空报告.txt").is_some(),
        "the message names the file"
    );
    // In English, the same failure reads in English.
    h.state_mut().state.settings.lang = shenyue::i18n::Lang::En;
    h.run();
    assert!(h.query_by_label_contains("the file is empty").is_some());
}

#[test]
fn ctrl_o_opens_through_the_dialog_and_a_missing_dialog_offers_a_path_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = harness(state_with(FakeDialog::with([
        shenyue::ui::file_dialog::DialogOutcome::Unavailable("no portal".into()),
        shenyue::ui::file_dialog::DialogOutcome::Picked(path.clone()),
    ])));
    h.run();
    // First Ctrl+O: no dialog on this desktop → the path field, not a hang.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(
        h.query_by_label_contains("无法打开系统的文件对话框")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("no portal").is_none(),
        "the system's English reason is not shown"
    );
    let field = h.get_by_label("路径");
    field.click();
    field.type_text(&path.display().to_string());
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(h.state().state.report.is_some(), "opened by typed path");
    // Second time the (fake) native dialog picks the file.
    h.state_mut().state.report = None;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(h.state().state.report.is_some(), "opened by the dialog");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_report_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = harness(state_with(FakeDialog::default()));
    h.run();
    assert!(
        h.query_by_label_contains("拖到此处").is_some(),
        "welcome text"
    );
    h.input_mut().dropped_files.push(Arc::new(Dropped(path)));
    h.run();
    assert!(h.state().state.report.is_some());
    assert!(h.query_by_label("审查清单").is_some());
}

#[test]
fn text_size_grows_with_ctrl_plus_and_shrinks_with_ctrl_minus() {
    let mut h = harness(state_with(FakeDialog::default()));
    h.run();
    let before = h.state().state.settings.text_size;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert_eq!(h.state().state.settings.text_size, before + 1.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.run();
    assert_eq!(h.state().state.settings.text_size, before - 1.0);
}
