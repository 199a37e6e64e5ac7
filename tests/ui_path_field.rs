//! Without a native file dialog the path field stands in, as a dialog
//! would: pre-filled with 报告名_审查意见.docx beside the report, asking
//! before it replaces an existing file, and speaking only the user's
//! language (the system's English reason stays out of it).

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness, sample_copy, state, state_with};

use egui_kittest::kittest::Queryable;
use shenyue::ui::command::UiCommand;
use shenyue::ui::file_dialog::{DialogOutcome, FakeDialog};

#[test]
fn the_export_path_is_proposed_and_replacing_a_file_is_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut st = state_with(FakeDialog::with([
        DialogOutcome::Unavailable("org.freedesktop.portal.Desktop not found".into()),
        DialogOutcome::Unavailable("org.freedesktop.portal.Desktop not found".into()),
    ]));
    st.open(report);
    st.poll(0.0);
    let mut h = harness(st);
    h.run();
    let expected = dir.path().join("zhanjiang-etdz_2020_审查意见.docx");

    // First export: the field proposes the file; OK writes it.
    h.state_mut().state.run(UiCommand::ExportDocx, 1.0);
    h.run();
    let field = h.get_by_label("路径");
    assert_eq!(
        field.value().as_deref(),
        Some(expected.display().to_string().as_str()),
        "pre-filled beside the report"
    );
    assert!(
        h.query_by_label_contains("portal").is_none(),
        "no English reason"
    );
    h.get_by_label("确定").click();
    h.run();
    assert!(expected.is_file(), "exported where proposed");
    let first = std::fs::metadata(&expected).expect("meta").len();
    std::fs::write(&expected, b"the reviewer's own edits").expect("edit");

    // Second export to the same name: asked first; 另选名称 keeps the file.
    h.state_mut().state.run(UiCommand::ExportDocx, 2.0);
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(
        h.query_by_label_contains("已存在。要替换它吗").is_some(),
        "asks before replacing"
    );
    assert_eq!(
        std::fs::read(&expected).expect("read"),
        b"the reviewer's own edits",
        "nothing replaced yet"
    );
    h.get_by_label("替换").click();
    h.run();
    assert!(state(&h).dialog.is_none());
    assert_eq!(
        std::fs::metadata(&expected).expect("meta").len(),
        first,
        "replaced once the reviewer agreed"
    );
}
