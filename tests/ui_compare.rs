//! Year over year in the workbench, headless (egui_kittest with the bundled
//! CJK font). A reviewer has the 2022 report of 湛江经济技术开发区 open and
//! compares it with the 2020 report: the comparison is computed on the
//! background worker, the view lists the five plans of 2020 with their
//! status, the indicators with a chart, the recycled share; a quote jumps
//! back into the report. The reviewer exports the assessment (DOCX, CSV)
//! without changing it, and starts a review from last year's assessment:
//! the carried verdict is marked until confirmed, and is one undo step.

// Test helpers outside #[test] functions panic on setup failures too.
#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{harness_sized, sample_copy, state};

use std::path::Path;
use std::time::{Duration, Instant};

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shenyue::assessment::Verdict;
use shenyue::compare::FollowStatus;
use shenyue::document::LoadOptions;
use shenyue::ui::ShenyueApp;
use shenyue::ui::actions::CompareTab;
use shenyue::ui::file_dialog::{DialogOutcome, FakeDialog};
use shenyue::ui::worker::Worker;
use shenyue::ui::{Action, AppState, Settings};

/// Steps the harness until `ready` holds (the worker thread answered), then
/// lets it settle. Fails after a generous deadline instead of hanging.
fn step_until(h: &mut Harness<'_, ShenyueApp>, what: &str, ready: impl Fn(&AppState) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(300);
    while !ready(state(h)) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; notice: {:?}",
            state(h)
                .notice
                .as_ref()
                .map(|n| n.message(shenyue::i18n::Lang::En))
        );
        h.step();
        // Give the worker thread the CPU between frames.
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run();
}

/// Opens `path` with an inline worker (deterministic) and `dialog`.
fn open_inline(path: &Path, dialog: FakeDialog) -> Harness<'static, ShenyueApp> {
    let mut s = AppState::new(Settings::default(), Worker::inline(), Box::new(dialog));
    s.open(path.to_path_buf());
    let mut h = harness_sized(s, [1600.0, 1000.0], 60);
    h.run();
    assert!(state(&h).report.is_some(), "{:?}", state(&h).notice);
    h
}

#[test]
fn comparing_2022_with_2020_on_the_worker_shows_plans_indicators_and_recycled_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");
    let old = sample_copy(dir.path(), "zhanjiang-etdz_2020.txt");
    // A third year of the same unit, for the items × years matrix.
    let mid = dir.path().join("zhanjiang-etdz_2021.txt");
    std::fs::write(
        &mid,
        "湛江经济技术开发区2021年法治政府建设年度报告\n一、主要举措和成效\n\
         （一）优化营商环境。深化“放管服”改革。\n二、存在的不足和原因\n法治宣传不够深入。\n",
    )
    .expect("write 2021");
    let html = dir.path().join("对照.html");
    let dialog = FakeDialog::with([
        DialogOutcome::Picked(old.clone()),
        DialogOutcome::Picked(mid.clone()),
        DialogOutcome::Picked(html.clone()),
    ]);
    let mut s = AppState::new(
        Settings::default(),
        Worker::spawn(LoadOptions::default(), None),
        Box::new(dialog),
    );
    s.open(new.clone());
    let mut h = harness_sized(s, [1600.0, 1000.0], 60);
    step_until(
        &mut h,
        "the 2022 report and its folder's other years",
        |s| s.report.is_some() && s.comparison.same_unit.is_some(),
    );

    // The toolbar's picker offers the unit's other years in the folder; the
    // older report is picked here through the dialog.
    h.get_by_role_and_label(Role::Button, "与往年报告对照…")
        .click();
    h.run();
    h.get_by_label("选择其他文件…").click();
    h.step(); // the click: the dialog is asked
    h.step(); // its answer: the job goes to the worker
    assert!(
        state(&h).comparison.pending.is_some(),
        "the comparison runs on the worker, the window stays live"
    );
    step_until(&mut h, "the comparison", |s| {
        s.comparison.active.is_some() && s.comparison.pending.is_none()
    });
    assert!(state(&h).comparing(), "the view replaces the workbench");

    // 总览: the five plans of 2020 (二、下一步工作打算 （一）…（五）), each with a status.
    let plans = [
        "不断优化营商环境",
        "深化行政执法体制改革",
        "强化法治宣传教育工作",
        "依法有效化解矛盾纠纷",
        "优化完善法治政府建设考核",
    ];
    for p in plans {
        assert!(h.query_by_label(p).is_some(), "plan {p} listed");
    }
    {
        let c = &state(&h)
            .comparison
            .active
            .as_ref()
            .expect("active")
            .comparison;
        assert_eq!(c.follow_through.len(), 5);
        // 营商环境 is reported on in 2022 (放管服, 营商环境 sentences).
        assert_eq!(c.follow_through[0].status, FollowStatus::Reported);
    }
    assert!(
        h.query_all_by_label("已报告").count() >= 1,
        "a status label next to the plans"
    );
    assert!(
        h.query_by_label_contains("重复文字占比").is_some(),
        "recycled share"
    );
    assert!(
        h.query_by_label_contains("指标变化").is_some(),
        "chart title"
    );

    // 指标对比: the table of pairs with values of both years.
    h.get_by_role_and_label(Role::Button, "指标对比").click();
    h.run();
    assert_eq!(state(&h).comparison.tab, CompareTab::Indicators);
    let (name, old_raw, new_raw) = {
        let c = &state(&h)
            .comparison
            .active
            .as_ref()
            .expect("active")
            .comparison;
        let p = c.indicator_pairs().next().expect("pairs in both years");
        (
            p.name.clone(),
            p.old.as_ref().map(|i| i.raw.clone()).unwrap_or_default(),
            p.new.as_ref().map(|i| i.raw.clone()).unwrap_or_default(),
        )
    };
    assert!(h.query_by_label_contains(&name).is_some(), "{name}");
    assert!(h.query_all_by_label(&old_raw).count() >= 1, "{old_raw}");
    assert!(h.query_all_by_label(&new_raw).count() >= 1, "{new_raw}");
    assert!(h.query_by_label("趋势").is_some());

    // 重复文字: the share per part, and a diff of the two 不足和原因 parts.
    h.get_by_role_and_label(Role::Button, "重复文字").click();
    h.run();
    assert!(h.query_by_label_contains("重复文字占比").is_some());
    h.get_by_role_and_label(Role::Button, "DC2 不足和原因")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "查看差异").click();
    step_until(&mut h, "the diff", |s| {
        s.comparison.diff.as_ref().is_some_and(|d| d.ops.is_some())
    });
    assert!(
        h.query_by_label_contains("绿色：本年新增").is_some(),
        "diff legend"
    );

    // 逐项对照 with a third year of the unit: three year columns.
    h.get_by_role_and_label(Role::Button, "与往年报告对照…")
        .click();
    h.run();
    h.get_by_label("选择其他文件…").click();
    step_until(&mut h, "the 2021 comparison", |s| {
        s.comparison.pending.is_none()
            && s.comparison
                .active
                .as_ref()
                .is_some_and(|a| a.older_path == mid)
    });
    h.get_by_role_and_label(Role::Button, "逐项对照").click();
    h.run();
    for year in ["2020年", "2021年", "2022年"] {
        assert!(
            h.query_all_by_label(year).count() >= 1,
            "{year} column in the matrix"
        );
    }
    // Back to 2020 through the year chooser: no reading again.
    h.state_mut()
        .state
        .apply(Action::CompareAgainst(old.clone()), 0.0);
    step_until(&mut h, "back to 2020", |s| {
        s.comparison.pending.is_none()
            && s.comparison
                .active
                .as_ref()
                .is_some_and(|a| a.older_path == old)
    });

    // 上年计划落实: clicking a quote shows it in the report.
    h.get_by_role_and_label(Role::Button, "上年计划落实")
        .click();
    h.run();
    let quote = {
        let c = &state(&h)
            .comparison
            .active
            .as_ref()
            .expect("active")
            .comparison;
        c.follow_through[0].evidence[0].clone()
    };
    h.get_by_label(&format!("“{}”", quote.quote)).click();
    h.run();
    assert!(!state(&h).comparing(), "back in the workbench");
    let r = state(&h).report.as_ref().expect("report");
    assert_eq!(r.view.scrolled_to, Some(quote.range.start));

    // The comparison stays: shown again, and Esc leaves it.
    h.get_by_role_and_label(Role::Button, "显示对照结果")
        .click();
    h.run();
    assert!(state(&h).comparing());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!state(&h).comparing());

    // The comparison report leaves the tool as a web page.
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_label("导出对照报告（HTML）…").click();
    h.run();
    let page = std::fs::read_to_string(&html).expect("comparison exported");
    assert!(page.contains("不断优化营商环境") && page.contains("2020"));
}

#[test]
fn exports_from_the_menu_write_files_and_leave_the_assessment_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");
    let docx = dir.path().join("审查意见.docx");
    let csv = dir.path().join("审查意见"); // no extension: .csv is added
    let mut h = open_inline(
        &report,
        FakeDialog::with([
            DialogOutcome::Picked(docx.clone()),
            DialogOutcome::Picked(csv.clone()),
        ]),
    );
    h.state_mut()
        .state
        .apply(Action::SetVerdict(0, Verdict::NotMet), 1.0);
    h.state_mut()
        .state
        .apply(Action::SetComment(0, "未见数据".into()), 1.0);
    h.run();
    let before = state(&h)
        .report
        .as_ref()
        .expect("report")
        .assessment
        .clone();
    let dirty = state(&h).has_unsaved();

    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_label("Word 审查意见（DOCX）…").click();
    h.run();
    let bytes = std::fs::read(&docx).expect("the DOCX was written");
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip");
    assert!(
        h.query_by_label_contains("已导出到").is_some(),
        "status bar says so"
    );

    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_label("表格（CSV）…").click();
    h.run();
    let text = std::fs::read_to_string(dir.path().join("审查意见.csv")).expect("CSV written");
    assert!(text.starts_with('\u{feff}'), "BOM for Excel and WPS");
    assert!(text.contains("未见数据"), "the comment is in the table");

    let r = state(&h).report.as_ref().expect("report");
    assert_eq!(r.assessment, before, "exports never modify the assessment");
    assert_eq!(state(&h).has_unsaved(), dirty);
}

#[test]
fn a_failed_export_says_why_in_the_users_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");
    // The fake dialog picks the assessment file itself: refused.
    let ron = dir.path().join("zhanjiang-etdz_2022.shenyue.ron");
    let mut h = open_inline(&report, FakeDialog::picking(&ron));
    h.state_mut().state.apply(
        Action::Command(shenyue::ui::command::UiCommand::ExportHtml),
        1.0,
    );
    h.run();
    assert!(!ron.exists());
    assert!(h.query_all_by_label_contains("导出失败").count() >= 1);
    assert!(
        h.query_by_label_contains("不能用导出文件覆盖审查记录")
            .is_some()
    );
}

#[test]
fn starting_from_last_year_carries_verdicts_marked_until_confirmed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = sample_copy(dir.path(), "zhanjiang-etdz_2020.txt");
    let new = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");

    // Find an item both years' checklists have.
    let ids = |path: &Path| -> Vec<String> {
        let h = open_inline(path, FakeDialog::default());
        state(&h)
            .report
            .as_ref()
            .expect("report")
            .assessment
            .items
            .iter()
            .map(|i| i.id.clone())
            .collect()
    };
    let new_ids = ids(&new);
    let old_ids = ids(&old);
    let shared = old_ids
        .iter()
        .position(|id| new_ids.contains(id))
        .expect("an item in both years");
    let id = old_ids[shared].clone();

    // Last year's review: 不符合 with a comment, saved beside the 2020 report.
    let mut s = AppState::new(
        Settings::default(),
        Worker::inline(),
        Box::new(FakeDialog::default()),
    );
    s.open(old.clone());
    s.poll(0.0);
    s.apply(Action::SetVerdict(shared, Verdict::NotMet), 1.0);
    s.apply(Action::SetComment(shared, "去年缺少数据".into()), 1.0);
    s.save(2.0);
    let last_year = dir.path().join("zhanjiang-etdz_2020.shenyue.ron");
    assert!(last_year.is_file(), "{:?}", s.notice);
    drop(s);

    let mut h = open_inline(&new, FakeDialog::picking(&last_year));
    let index = |h: &Harness<'_, ShenyueApp>| {
        state(h)
            .report
            .as_ref()
            .expect("report")
            .assessment
            .items
            .iter()
            .position(|i| i.id == id)
            .expect("item")
    };
    let i = index(&h);
    let item = |h: &Harness<'_, ShenyueApp>| {
        let r = state(h).report.as_ref().expect("report");
        let it = &r.assessment.items[i];
        (
            it.review.verdict,
            it.review.carried,
            it.review.comment.clone(),
        )
    };
    assert!(h.query_by_label("承").is_none());

    h.get_by_role_and_label(Role::Button, "审阅").click();
    h.run();
    h.get_by_label("从上年审查开始…").click();
    h.run();
    assert_eq!(item(&h), (Verdict::NotMet, true, "去年缺少数据".into()));
    assert!(h.query_all_by_label("承").count() >= 1, "carried marker");
    let progress =
        |h: &Harness<'_, ShenyueApp>| state(h).report.as_ref().expect("report").progress().0;
    assert_eq!(progress(&h), 0, "a carried verdict is not yet a review");
    assert!(h.query_by_label_contains("待确认").is_some(), "status");
    assert!(
        state(&h)
            .report
            .as_ref()
            .and_then(|r| r.assessment.carried_from.clone())
            .is_some_and(|p| p.ends_with("zhanjiang-etdz_2020.shenyue.ron"))
    );

    // One undo step takes it all back; redo brings it again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(item(&h), (Verdict::Unreviewed, false, String::new()));
    assert!(
        state(&h)
            .report
            .as_ref()
            .is_some_and(|r| r.assessment.carried_from.is_none())
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(item(&h), (Verdict::NotMet, true, "去年缺少数据".into()));

    // The reviewer selects the item and confirms: the marker goes.
    h.state_mut().state.apply(Action::SelectItem(i), 3.0);
    h.run();
    h.get_by_label("确认沿用").click();
    h.run();
    assert_eq!(item(&h), (Verdict::NotMet, false, "去年缺少数据".into()));
    assert!(h.query_by_label("承").is_none(), "marker gone");
    assert_eq!(progress(&h), 1, "confirmed: reviewed");
}
