//! The right panel for a full day of reviewing: the splitter between the
//! item list and the detail is dragged and remembered; each newly selected
//! item's detail starts at the top; the evidence row shown in the report is
//! readable in full without a tooltip; the five verdict buttons never leave
//! one alone on a line; the number after 自动判断 is labelled.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness, harness_sized, sample_copy, state, state_with};

use egui::{Key, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shenyue::ui::ShenyueApp;
use shenyue::ui::file_dialog::FakeDialog;

fn opened(dir: &std::path::Path, size: Option<[f32; 2]>) -> Harness<'static, ShenyueApp> {
    let report = sample_copy(dir, SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.open(report);
    let mut h = match size {
        Some(s) => harness_sized(st, s, 40),
        None => harness(st),
    };
    h.run();
    assert!(state(&h).report.is_some());
    h
}

#[test]
fn the_list_splitter_is_dragged_and_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = opened(dir.path(), None);
    let before = state(&h).settings.panels.checklist_list;
    let bar = h.get_by_label("拖动以调整列表高度").rect().center();
    h.hover_at(bar);
    h.step();
    h.drag_at(bar);
    h.step();
    for k in 1..=4 {
        h.hover_at(bar + egui::vec2(0.0, 30.0 * k as f32));
        h.step();
    }
    h.drop_at(bar + egui::vec2(0.0, 120.0));
    h.run();
    let after = state(&h).settings.panels.checklist_list;
    assert!(
        (after - before - 120.0).abs() < 20.0,
        "dragged 120 down: {before} → {after}"
    );
    assert!(
        state(&h).settings.panels.right > 200.0,
        "the panel width is kept for the next start"
    );
}

#[test]
fn each_item_starts_at_the_top_and_its_evidence_reads_in_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = opened(dir.path(), None);
    // An item with a long first quote, and the item after it.
    let (label, next_label, quote) = {
        let r = state(&h).report.as_ref().expect("report");
        let items = &r.assessment.items;
        let i = (0..items.len().saturating_sub(1))
            .find(|&i| {
                items[i]
                    .auto
                    .evidence
                    .first()
                    .is_some_and(|e| e.quote.chars().count() > 100)
                    && items[i].auto.evidence.len() >= 3
            })
            .expect("an item with a long quote");
        let it = &items[i];
        let next = &items[i + 1];
        (
            format!("{} {}", it.id, it.title),
            format!("{} {}", next.id, next.title),
            it.auto.evidence[0].quote.clone(),
        )
    };
    h.get_by_role_and_label(Role::Button, &label).click();
    h.run();
    // The shown row carries the whole quote, its end included.
    let tail: String = quote
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        h.query_all_by_label_contains(&tail).next().is_some(),
        "the end of the quote ({tail}) is on screen"
    );
    // Across the panel, not in the third beside its buttons.
    let quote_width = h
        .query_all_by_label_contains(&tail)
        .map(|n| n.rect().width())
        .fold(0.0_f32, f32::max);
    let panel = state(&h).settings.panels.right;
    assert!(
        quote_width > 0.8 * panel,
        "the quote is {quote_width} wide in a panel of {panel}"
    );
    // The number after 自动判断 says what it is.
    assert!(h.query_by_label_contains("自动评分").is_some());

    // Scroll the detail down, then move to the next item.
    let detail_title = |h: &Harness<'_, ShenyueApp>, l: &str| {
        h.query_all_by_role_and_label(Role::Label, l)
            .next()
            .map(|n| n.rect())
    };
    let top = detail_title(&h, &label).expect("title in the detail").top();
    let bar = h.get_by_label("拖动以调整列表高度").rect();
    h.hover_at(egui::pos2(bar.center().x, bar.bottom() + 80.0));
    for _ in 0..10 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        h.step();
    }
    h.run();
    let scrolled = detail_title(&h, &label).map_or(f32::NEG_INFINITY, |r| r.top());
    assert!(
        scrolled < top - 50.0,
        "the detail scrolled: {top} → {scrolled}"
    );
    h.key_press(Key::J);
    h.run();
    let next_top = detail_title(&h, &next_label).expect("next title").top();
    assert!(
        next_top >= bar.bottom() && (next_top - top).abs() < 5.0,
        "the next item starts at the top: {next_top} vs {top}"
    );
}

#[test]
fn no_verdict_button_is_alone_on_a_line_in_a_small_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = opened(dir.path(), Some([1000.0, 700.0]));
    h.key_press(Key::J);
    h.run();
    let y = |h: &Harness<'_, ShenyueApp>, l: &str| {
        h.get_by_role_and_label(Role::Button, l).rect().center().y
    };
    let (na, un, met) = (y(&h, "不适用 4"), y(&h, "未审 5"), y(&h, "符合 1"));
    assert!((na - un).abs() < 2.0, "未审 5 shares a row with 不适用 4");
    assert!(un >= met, "rows in order");
}

#[test]
fn the_top_bar_title_never_overlaps_its_buttons_at_1000_by_700() {
    let dir = tempfile::tempdir().expect("tempdir");
    let h = opened(dir.path(), Some([1000.0, 700.0]));
    let (title, subtitle) = {
        let m = &state(&h)
            .report
            .as_ref()
            .expect("report")
            .doc
            .structure
            .metadata;
        (
            m.title.clone().expect("title"),
            format!(
                "{} · {}年度",
                m.unit.clone().expect("unit"),
                m.year.expect("year")
            ),
        )
    };
    let button = h
        .get_by_role_and_label(Role::Button, "与往年报告对照…")
        .rect();
    // The side panels give way: the report keeps at least 400 of 1000 points.
    let panels = state(&h).settings.panels;
    assert!(
        panels.left + panels.right <= 600.0,
        "side panels {} + {} leave the report too little",
        panels.left,
        panels.right
    );
    for text in [&title, &subtitle] {
        let rect = h
            .query_all_by_label(text)
            .map(|n| n.rect())
            .find(|r| r.top() < 60.0)
            .expect("in the top bar");
        assert!(
            rect.right() <= button.left() + 0.5,
            "{text} {rect:?} runs into the button {button:?}"
        );
    }
}
