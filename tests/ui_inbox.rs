//! The submissions inbox, driven headless with egui_kittest: a reviewer
//! opens a folder of reports; the rows fill in from the background (a broken
//! file shows as a row with its reason); the title names the folder and its
//! count; sorting by year puts 2019 first; a new report dropped in the folder
//! appears; opening a row shows the workbench on it, and the reviewer comes
//! back to the inbox.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shenyue::ui::Action;
use shenyue::ui::ShenyueApp;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::inbox::{Column, EntryState, InboxAction};
use ui_support::{harness, sample_copy, state_with};

/// Steps the harness until `done` holds (the review runs on real threads),
/// failing after a minute.
fn wait_until(h: &mut Harness<'_, ShenyueApp>, what: &str, done: impl Fn(&ShenyueApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "still waiting: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

fn settled(app: &ShenyueApp) -> usize {
    app.state.inbox.as_ref().map_or(0, |i| i.settled())
}

#[test]
fn a_folder_opens_as_an_inbox_whose_rows_fill_in_and_lead_to_the_workbench() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("收件箱");
    std::fs::create_dir_all(folder.join("乡镇")).unwrap();
    for name in [
        "xiashan_2019.txt",
        "zhanjiang-etdz_2020.txt",
        "zhanjiang-etdz_2022.txt",
    ] {
        sample_copy(&folder, name);
    }
    sample_copy(&folder.join("乡镇"), "yingzai_2025.txt");
    std::fs::write(folder.join("broken.docx"), b"PK\x03\x04 not a zip").unwrap();
    let mut state = state_with(FakeDialog::default());
    state.open(folder.clone());
    let mut h = harness(state);
    wait_until(&mut h, "five rows", |app| settled(app) == 5);

    let title = h.state().state.window_title();
    assert_eq!(title, "收件箱 — 5 份报告 — 审阅");
    h.get_by_label("霞山区司法局");
    h.get_by_label("yingzai_2025.txt");
    // The failed file is a row (and counted in the summary strip).
    assert_eq!(h.query_all_by_label("无法读取").count(), 2);
    {
        let inbox = h.state().state.inbox.as_ref().unwrap();
        let broken = inbox.entry(&folder.join("broken.docx")).unwrap();
        assert!(
            matches!(&broken.state, EntryState::Failed(reason) if reason.contains("broken.docx"))
        );
    }
    // Its row says what is wrong first; the path is in the file column.
    h.get_by_label("DOCX 文件已损坏或不是 Word 文档（不是有效的压缩包），请用 Word/WPS 另存后再试");

    // Sort by year: 2019 first; again: 2025 first.
    let year = |app: &mut ShenyueApp| {
        let inbox = app.state.inbox.as_mut().unwrap();
        let first = inbox.visible()[0];
        inbox.entries[first].row().and_then(|r| r.year)
    };
    h.state_mut()
        .state
        .apply(Action::Inbox(InboxAction::SortBy(Column::Year)), 0.0);
    h.run();
    assert_eq!(year(h.state_mut()), Some(2019));
    h.get_by_label("年度 ▲").click();
    h.run();
    assert_eq!(year(h.state_mut()), Some(2025));
    // The same unit's other year is offered for comparison.
    let etdz = folder.join("zhanjiang-etdz_2022.txt");
    let years = h.state().state.inbox.as_ref().unwrap().same_unit(&etdz);
    assert_eq!(years, [(folder.join("zhanjiang-etdz_2020.txt"), 2020)]);

    // A report handed in later appears while the inbox is open.
    sample_copy(&folder, "zhanhe_2020.txt");
    h.state_mut()
        .state
        .apply(Action::Inbox(InboxAction::Rescan), 0.0);
    wait_until(&mut h, "the new report", |app| settled(app) == 6);
    h.get_by_label("湛河区");

    // Opening a row shows the workbench on that report, titled by its name.
    h.state_mut()
        .state
        .apply(Action::Inbox(InboxAction::Open(etdz.clone())), 0.0);
    h.run();
    {
        let s = &h.state().state;
        assert!(!s.show_inbox);
        assert_eq!(s.report.as_ref().unwrap().report_path, etdz);
        assert_eq!(s.window_title(), "zhanjiang-etdz_2022.txt — 审阅");
    }
    h.get_by_label("← 返回收件箱").click();
    h.run();
    assert!(h.state().state.show_inbox);
    h.get_by_label("xiashan_2019.txt");
}

#[test]
fn the_deadline_is_set_in_the_inbox_and_judges_every_row_again_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("报送");
    std::fs::create_dir_all(&folder).unwrap();
    // Published on 2023-02-22 (its web page's date), a report on 2022.
    sample_copy(&folder, "zhanjiang-etdz_2022.txt");
    let report = folder.join("zhanjiang-etdz_2022.txt");
    let mut state = state_with(FakeDialog::default());
    state.open(folder.clone());
    let mut h = harness(state);
    wait_until(&mut h, "one row", |app| settled(app) == 1);
    let on_time = |app: &ShenyueApp| {
        let row = app.state.inbox.as_ref().unwrap().entry(&report).unwrap();
        row.row().and_then(|r| r.on_time)
    };
    // By default 4月1日 of the next year: on time.
    assert_eq!(on_time(h.state()), Some(true));

    // The reviewer's office wants them by 1 February: now late, without
    // analysing anything again.
    retype_deadline(&mut h, "2月1日");
    h.run();
    assert_eq!(on_time(h.state()), Some(false));
    assert_eq!(h.state().state.settings.inbox_deadline, "02-01");
    assert!(h.query_by_label_contains("格式：").is_none());

    // Half-typed or wrong: marked, said which forms it takes, and the last
    // good deadline still applies.
    retype_deadline(&mut h, "3月");
    h.run();
    assert!(h.query_by_label_contains("格式：").is_some());
    assert_eq!(on_time(h.state()), Some(false));

    // One date for every report.
    retype_deadline(&mut h, "2023-03-01");
    h.run();
    assert_eq!(on_time(h.state()), Some(true));
    assert!(h.query_by_label_contains("格式：").is_none());

    // The next folder opened starts with the deadline last set.
    let settings = h.state().state.settings.clone();
    let mut state = state_with(FakeDialog::default());
    state.settings = settings;
    state.open(folder.clone());
    let mut h = harness(state);
    wait_until(&mut h, "one row again", |app| settled(app) == 1);
    assert_eq!(on_time(h.state()), Some(true));
    assert_eq!(
        h.state().state.inbox.as_ref().unwrap().deadline_text,
        "2023-03-01"
    );
}

/// Replaces what the deadline field holds with `text`, as typed.
fn retype_deadline(h: &mut Harness<'_, ShenyueApp>, text: &str) {
    h.get_by_label("发布截止：").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("发布截止：").type_text(text);
}

/// In a window narrower than the table's columns, the last columns are not
/// cut off: the table scrolls sideways to them.
#[test]
fn a_narrow_window_scrolls_the_table_sideways_to_its_last_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("收件箱");
    std::fs::create_dir_all(&folder).unwrap();
    sample_copy(&folder, "xiashan_2019.txt");
    sample_copy(&folder, "zhanhe_2020.txt");
    let mut state = state_with(FakeDialog::default());
    state.open(folder);
    let width = 900.0;
    let mut h = ui_support::harness_sized(state, [width, 700.0], 40);
    wait_until(&mut h, "two rows", |app| settled(app) == 2);

    let last = h.get_by_label("最后修改").rect();
    assert!(
        last.left() > width,
        "the last column starts off screen: {last:?}"
    );
    h.get_by_label("最后修改").scroll_to_me();
    h.run();
    let last = h.get_by_label("最后修改").rect();
    assert!(
        last.left() >= 0.0 && last.right() <= width,
        "scrolled into the window: {last:?}"
    );
    // The first column went out of view to the left.
    assert!(h.get_by_label("单位").rect().right() < 1.0);
}
