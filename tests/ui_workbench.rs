//! The reviewer's day, headless (egui_kittest with the bundled CJK font):
//! open the 2020 report of 湛江经济技术开发区, the checklist shows the automatic
//! statuses; select an item, its evidence is shown; set 不符合 with a
//! comment; annotate a passage selected with the mouse; undo and redo;
//! save; reopen — everything is there. Then the report is edited underneath:
//! annotations are re-anchored or listed as needing attention. Also: a file
//! changed by someone else is not overwritten, and closing with unsaved
//! changes asks.

// Test helpers outside #[test] functions panic on setup failures too.
#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness, sample_copy, state, state_with};

use std::path::Path;

use egui::{Key, Modifiers, Pos2, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use shenyue::assessment::Verdict;
use shenyue::ui::ShenyueApp;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::notices::Dialog;

fn open(path: &Path) -> Harness<'static, ShenyueApp> {
    let mut state = state_with(FakeDialog::default());
    state.open(path.to_path_buf());
    let mut h = harness(state);
    h.run();
    assert!(
        h.state().state.report.is_some(),
        "{:?}",
        h.state()
            .state
            .notice
            .as_ref()
            .map(|n| n.message(shenyue::i18n::Lang::En))
    );
    h
}

/// Drags the mouse across the report from `from` to `to`.
fn drag(h: &mut Harness<'_, ShenyueApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=4 {
        let t = k as f32 / 4.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.drop_at(to);
    h.run();
}

#[test]
fn a_reviewers_story_from_opening_to_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = open(&report);

    // The checklist shows the required parts with their automatic status.
    let (n_items, first_with_evidence, id, title) = {
        let r = state(&h).report.as_ref().expect("report");
        let i = r
            .assessment
            .items
            .iter()
            .position(|i| !i.auto.evidence.is_empty())
            .expect("the analysis finds evidence for some item");
        let item = &r.assessment.items[i];
        (
            r.assessment.items.len(),
            i,
            item.id.clone(),
            item.title.clone(),
        )
    };
    assert!(n_items >= 5, "DC1–DC5 at least");
    assert!(h.query_all_by_label(&format!("已审 0 / {n_items}")).count() >= 1);
    assert!(
        h.query_by_role_and_label(Role::Button, &format!("{id} {title}"))
            .is_some(),
        "item {id} listed"
    );

    // Select the item: the report jumps to its first evidence.
    h.get_by_role_and_label(Role::Button, &format!("{id} {title}"))
        .click();
    h.run();
    {
        let r = state(&h).report.as_ref().expect("report");
        assert_eq!(r.selected_item, Some(first_with_evidence));
        let first =
            shenyue::ui::review::evidence_rows(&r.assessment.items[first_with_evidence])[0].0;
        assert_eq!(r.view.scrolled_to, Some(first.start));
        let p = r
            .doc
            .structure
            .paragraph_at(first.start)
            .expect("paragraph");
        assert!(r.view.visible.contains(&p), "evidence on screen");
    }
    assert!(
        h.query_by_label_contains("证据 1 / ").is_some(),
        "evidence list"
    );

    // 不符合 with the keyboard, then a comment.
    h.key_press(Key::Num3);
    h.run();
    let comment_box = h.get_by_label("审阅意见");
    comment_box.click();
    comment_box.type_text("未见具体数据");
    h.run();
    // Leave the text field so plain keys are shortcuts again.
    h.key_press(Key::Escape);
    h.run();
    {
        let r = state(&h).report.as_ref().expect("report");
        let item = &r.assessment.items[first_with_evidence];
        assert_eq!(item.review.verdict, Verdict::NotMet);
        assert_eq!(item.review.comment, "未见具体数据");
    }
    assert!(h.query_all_by_label(&format!("已审 1 / {n_items}")).count() >= 1);

    // Select a passage with the mouse and annotate it: the paragraph of the
    // evidence the view jumped to, which is on screen.
    let target: String = {
        let r = state(&h).report.as_ref().expect("report");
        let first =
            shenyue::ui::review::evidence_rows(&r.assessment.items[first_with_evidence])[0].0;
        let p = r
            .doc
            .structure
            .paragraph_at(first.start)
            .expect("paragraph");
        let para = r.doc.slice(r.doc.structure.paragraphs[p].range);
        para.trim_start().chars().take(12).collect()
    };
    let target = target.as_str();
    let rect = h
        .query_all_by_label_contains(target)
        .find(|n| n.accesskit_node().role() == Role::Label)
        .expect("the paragraph is on screen")
        .rect();
    drag(
        &mut h,
        Pos2::new(rect.left() + 40.0, rect.top() + 8.0),
        Pos2::new(rect.left() + 300.0, rect.top() + 8.0),
    );
    let selected = state(&h).selected_text().expect("a selection");
    assert!(selected.chars().count() >= 5, "selected {selected:?}");
    h.key_press(Key::A);
    h.run();
    assert!(matches!(state(&h).dialog, Some(Dialog::Annotation { .. })));
    let note = h.get_by_label("批注内容");
    note.click();
    note.type_text("亮点：审批改革");
    h.run();
    h.get_by_label("确定").click();
    h.run();
    let annotation = {
        let r = state(&h).report.as_ref().expect("report");
        assert_eq!(r.assessment.annotations.len(), 1);
        let a = r.assessment.annotations[0].clone();
        assert_eq!(a.note, "亮点：审批改革");
        assert_eq!(a.anchor.quote, selected);
        a
    };

    // Undo removes the annotation, redo brings it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        state(&h)
            .report
            .as_ref()
            .expect("report")
            .assessment
            .annotations
            .is_empty()
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        state(&h)
            .report
            .as_ref()
            .expect("report")
            .assessment
            .annotations,
        std::slice::from_ref(&annotation)
    );

    // Save with Ctrl+S: the sidecar beside the report.
    assert!(state(&h).has_unsaved());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!state(&h).has_unsaved(), "{:?}", state(&h).notice);
    let sidecar = dir.path().join("zhanjiang-etdz_2020.shenyue.ron");
    assert!(sidecar.is_file());
    drop(h);

    // Reopen: everything is there.
    let h = open(&report);
    {
        let r = state(&h).report.as_ref().expect("report");
        let item = r.assessment.item(&id).expect("item");
        assert_eq!(item.review.verdict, Verdict::NotMet);
        assert_eq!(item.review.comment, "未见具体数据");
        assert_eq!(r.assessment.annotations, std::slice::from_ref(&annotation));
        assert!(r.reanchored.is_none());
    }
    assert!(h.query_all_by_label(&format!("已审 1 / {n_items}")).count() >= 1);
    drop(h);

    // The report is edited underneath: a paragraph is added at the top
    // (the annotation moves) — and an annotation on a deleted passage
    // cannot be placed.
    let text = std::fs::read_to_string(&report).expect("read");
    let (mut a, _) = shenyue::assessment::load(&sidecar).expect("load");
    let doomed = "凝聚合力再攻坚";
    let clean_doc = shenyue::document::open(&report, &Default::default()).expect("doc");
    let start = clean_doc
        .text
        .find(doomed)
        .map(|b| clean_doc.text[..b].chars().count())
        .expect("in clean text");
    a.annotations.push(shenyue::assessment::Annotation {
        id: 2,
        anchor: shenyue::assessment::Anchor::from_text(
            &clean_doc.text,
            shenyue::text::CharRange::new(start, start + doomed.chars().count()),
        ),
        note: "将被删除".into(),
        ..Default::default()
    });
    shenyue::assessment::save_overwrite(&sidecar, &a).expect("save");
    let edited = format!(
        "补充说明：本报告于次年修订。\n{}",
        text.replace(doomed, "另起炉灶重新开展")
    );
    std::fs::write(&report, edited).expect("edit report");
    let mut h = open(&report);
    let r = state(&h).report.as_ref().expect("report");
    assert!(r.reanchored.is_some(), "the text changed");
    let moved = r
        .assessment
        .annotations
        .iter()
        .find(|x| x.id == annotation.id)
        .expect("kept");
    assert!(!moved.needs_attention);
    assert_eq!(moved.anchor.quote, annotation.anchor.quote);
    assert!(
        moved.anchor.range.start > annotation.anchor.range.start,
        "moved down"
    );
    let lost = r
        .assessment
        .annotations
        .iter()
        .find(|x| x.id == 2)
        .expect("kept, not dropped");
    assert!(lost.needs_attention);
    assert!(
        h.query_by_label_contains("需要处理").is_some(),
        "listed for the reviewer"
    );
    assert!(h.query_by_label_contains("将被删除").is_some());

    // The reviewer places it by hand on the rewritten passage.
    let new_text = r.doc.text.clone();
    let b = new_text.find("另起炉灶").expect("rewritten passage");
    let start = new_text[..b].chars().count();
    h.state_mut()
        .state
        .report
        .as_mut()
        .expect("report")
        .view
        .selection = Some((start, start + 8));
    h.run();
    h.get_by_label("定位到所选文字").click();
    h.run();
    let r = state(&h).report.as_ref().expect("report");
    let placed = r
        .assessment
        .annotations
        .iter()
        .find(|x| x.id == 2)
        .expect("kept");
    assert!(!placed.needs_attention);
    assert_eq!(placed.anchor.quote, "另起炉灶重新开展");
    assert!(h.query_by_label_contains("需要处理").is_none());
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = open(&report);
    h.key_press(Key::J);
    h.key_press(Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let sidecar = dir.path().join("zhanjiang-etdz_2020.shenyue.ron");
    let theirs = std::fs::read_to_string(&sidecar).expect("read") + "\n// 另一位审阅人的修改\n";
    std::fs::write(&sidecar, &theirs).expect("write");
    // The watch on the file may notice the change first and ask (before or
    // at the save): the other reviewer's file is untouched, and deciding
    // later leaves the guard at save time.
    let decide_later_if_asked = |h: &mut Harness<'_, ShenyueApp>| {
        let asked = matches!(state(h).dialog, Some(Dialog::ChangedOutside { .. }));
        if asked {
            assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), theirs);
            h.get_by_label("稍后决定").click();
            h.run();
        }
        asked
    };
    h.key_press(Key::Num2);
    h.run();
    decide_later_if_asked(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    if decide_later_if_asked(&mut h) {
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
    }
    assert!(
        matches!(state(&h).dialog, Some(Dialog::Conflict { .. })),
        "{:?}",
        state(&h).dialog
    );
    assert!(h.query_by_label("文件已在外部被修改").is_some());
    assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), theirs);
    // The reviewer decides to overwrite; the other version stays as .bak.
    h.get_by_label_contains("仍然覆盖").click();
    h.run();
    assert!(!state(&h).has_unsaved());
    let bak = std::fs::read_to_string(dir.path().join("zhanjiang-etdz_2020.shenyue.ron.bak"))
        .expect("backup");
    assert_eq!(bak, theirs);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = open(&report);
    h.key_press(Key::J);
    h.key_press(Key::Num4);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(matches!(state(&h).dialog, Some(Dialog::Unsaved(_))));
    assert!(!state(&h).quit_confirmed);
    h.get_by_label("取消").click();
    h.run();
    assert!(state(&h).dialog.is_none() && state(&h).has_unsaved());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    assert!(state(&h).quit_confirmed, "saved, then allowed to quit");
    assert!(dir.path().join("zhanjiang-etdz_2020.shenyue.ron").is_file());
}

#[test]
fn f1_shows_every_shortcut_and_j_k_walk_the_checklist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = open(&report);
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("快捷键").is_some());
    assert!(h.query_by_label("Ctrl+Shift+Z / Ctrl+Y").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(state(&h).dialog.is_none());
    h.key_press(Key::J);
    h.run();
    assert_eq!(
        state(&h).report.as_ref().and_then(|r| r.selected_item),
        Some(0)
    );
    h.key_press(Key::J);
    h.key_press(Key::J);
    h.key_press(Key::K);
    h.run();
    assert_eq!(
        state(&h).report.as_ref().and_then(|r| r.selected_item),
        Some(1)
    );
}

#[test]
fn find_highlights_hits_and_steps_through_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut h = open(&report);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let field = h.get_by_label("查找");
    assert!(
        field.is_focused(),
        "Ctrl+F puts the cursor in the find field"
    );
    field.type_text("营商环境");
    h.run();
    let hits = state(&h).search.hits.len();
    assert!(
        hits >= 2,
        "{hits} {:?} open={}",
        state(&h).search.query,
        state(&h).search.open
    );
    assert!(h.query_by_label(&format!("1 / {hits}")).is_some());
    h.key_press(Key::F3);
    h.run();
    assert_eq!(state(&h).search.current, Some(1));
    let r = state(&h).report.as_ref().expect("report");
    assert_eq!(r.view.scrolled_to, Some(state(&h).search.hits[1].start));
}
