//! The comparison picker: "与往年报告对照…" lists the same unit's earlier
//! reports in the report's folder, found by what their texts say (unit and
//! year), not by their file names, one click each, with a skipped year
//! named; the file dialog (or the path field standing in for it) starts at
//! the nearest of them.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use std::path::{Path, PathBuf};

use ui_support::{harness_sized, sample_copy, state, state_with};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shenyue::ui::command::UiCommand;
use shenyue::ui::file_dialog::{DialogOutcome, FakeDialog};

/// The 2022 report, and the 2020 report under a name that says nothing,
/// plus another unit's 2021 report.
fn folder(dir: &Path) -> (PathBuf, PathBuf) {
    let new = sample_copy(dir, "zhanjiang-etdz_2022.txt");
    let old = dir.join("材料二.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanjiang-etdz_2020.txt"),
        &old,
    )
    .expect("copy 2020");
    std::fs::write(
        dir.join("zhanjiang-etdz_2021.txt"),
        "湛江市霞山区2021年法治政府建设年度报告\n一、主要举措和成效\n深化改革。\n",
    )
    .expect("another unit");
    (new, old)
}

#[test]
fn the_picker_offers_the_units_earlier_report_in_one_click_and_names_the_skipped_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (new, old) = folder(dir.path());
    let mut st = state_with(FakeDialog::default());
    st.open(new);
    st.poll(0.0);
    let found = st
        .comparison
        .same_unit
        .clone()
        .expect("the folder was read");
    let years: Vec<(PathBuf, i32)> = found
        .reports
        .iter()
        .map(|r| (r.path.clone(), r.year))
        .collect();
    assert_eq!(
        years,
        [(old.clone(), 2020)],
        "by the text: the other unit's file named _2021 is not offered"
    );
    let mut h = harness_sized(st, [1600.0, 1000.0], 60);
    h.run();
    h.get_by_role_and_label(Role::Button, "与往年报告对照…")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("本单位在此文件夹中的往年报告")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("中间缺（文件夹中没有）：2021")
            .is_some(),
        "the skipped year is named under its choice"
    );
    assert!(h.query_by_label("选择其他文件…").is_some());
    h.get_by_label("2020年  材料二.txt").click();
    h.run();
    h.state_mut().state.poll(1.0);
    h.run();
    let active = state(&h).comparison.active.as_ref().expect("compared");
    assert_eq!(active.older_path, old, "one click compared with it");
    assert!(state(&h).comparing());
}

#[test]
fn the_dialog_and_the_path_field_start_at_the_units_earlier_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (new, old) = folder(dir.path());
    let mut st = state_with(FakeDialog::with([DialogOutcome::Unavailable(
        "org.freedesktop.portal.Desktop not found".into(),
    )]));
    st.open(new);
    st.poll(0.0);
    let mut h = harness_sized(st, [1600.0, 1000.0], 60);
    h.run();
    h.state_mut().state.run(UiCommand::CompareWith, 1.0);
    h.run();
    // No native dialog here: the field stands in, starting where the
    // dialog would (OpenOlder's suggestion), the 2020 report found by its
    // text although its name has no year.
    let field = h.get_by_label("路径");
    assert_eq!(
        field.value().as_deref(),
        Some(old.display().to_string().as_str())
    );
    h.get_by_label("确定").click();
    h.run();
    h.state_mut().state.poll(2.0);
    h.run();
    let active = state(&h).comparison.active.as_ref().expect("compared");
    assert_eq!(active.older_path, old);
}
