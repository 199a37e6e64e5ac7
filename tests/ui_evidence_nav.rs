//! Evidence navigation as a reviewer uses it: N/P walk an item's evidence in
//! the order the list ranks it (strongest first), not in document order,
//! with a counter "证据 2 / 8"; closing the find bar clears its highlights;
//! the F1 help explains the colours.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness, sample_copy, state, state_with};

use egui::{Key, Modifiers, Role};
use egui_kittest::kittest::Queryable;
use shenyue::ui::file_dialog::FakeDialog;

#[test]
fn n_and_p_follow_the_ranked_list_with_a_counter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.open(report);
    let mut h = harness(st);
    h.run();
    // An item whose ranked evidence is not in document order, so the test
    // tells rank order from text order.
    let (label, rows) = {
        let r = state(&h).report.as_ref().expect("report");
        let item = r
            .assessment
            .items
            .iter()
            .find(|i| {
                i.auto.evidence.len() >= 3
                    && i.auto.evidence.windows(2).any(|w| w[0].range > w[1].range)
            })
            .expect("an item with evidence out of text order");
        (
            format!("{} {}", item.id, item.title),
            shenyue::ui::review::evidence_rows(item),
        )
    };
    let n = rows.len();
    h.get_by_role_and_label(Role::Button, &label).click();
    h.run();
    let at = |h: &egui_kittest::Harness<'_, shenyue::ui::ShenyueApp>| {
        state(h).report.as_ref().and_then(|r| r.view.scrolled_to)
    };
    assert_eq!(at(&h), Some(rows[0].0.start), "selecting shows #1");
    assert!(h.query_by_label(&format!("证据 1 / {n}")).is_some());
    for (k, row) in rows.iter().enumerate().take(4).skip(1) {
        h.key_press(Key::N);
        h.run();
        assert_eq!(at(&h), Some(row.0.start), "N goes to #{}", k + 1);
        assert!(
            h.query_all_by_label(&format!("证据 {} / {n}", k + 1))
                .next()
                .is_some(),
            "counter after N"
        );
    }
    h.key_press(Key::P);
    h.run();
    let back = n.min(4) - 2;
    assert_eq!(at(&h), Some(rows[back].0.start), "P goes back one");
}

#[test]
fn closing_the_find_bar_clears_its_highlights_and_f1_has_a_legend() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.open(report);
    let mut h = harness(st);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("查找").type_text("营商环境");
    h.run();
    assert!(!state(&h).search.hits.is_empty());
    h.key_press(Key::Escape);
    h.run();
    assert!(!state(&h).search.open);
    assert!(
        state(&h).search.hits.is_empty(),
        "no search highlight stays after the bar closes"
    );
    // Reopening finds the kept query again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(!state(&h).search.hits.is_empty());
    h.key_press(Key::Escape);
    h.run();

    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("报告中的颜色").is_some(), "colour legend");
    assert!(h.query_by_label_contains("当前查找结果").is_some());
    assert!(h.query_by_label("批注（带下划线）").is_some());
    for colour in ["黄", "绿", "蓝", "粉", "橙"] {
        assert!(
            h.query_all_by_label(&format!(" {colour} "))
                .next()
                .is_some(),
            "annotation colour {colour} in the legend"
        );
    }
}
