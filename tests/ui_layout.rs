//! The workbench from a small laptop to a large screen at 100–200 % scale:
//! at 1000×700 and 1600×1000 points, drawn at 1.0, 1.5 and 2.0 pixels per
//! point, nothing in the top bar overlaps (the 与往年报告对照… button and the
//! subtitle), the report stays the widest column (the side panels give way
//! first), the scroll bar sits beside the text instead of over its last
//! character, the view keeps its top paragraph when the window is
//! resized, and English names stay inside the left panel, which keeps its
//! width.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness_scaled, sample_copy, state, state_with};

use egui::{Rect, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use shenyue::i18n::Lang;
use shenyue::ui::file_dialog::FakeDialog;
use shenyue::ui::{Action, ShenyueApp};

const SIZES: [[f32; 2]; 2] = [[1000.0, 700.0], [1600.0, 1000.0]];
const SCALES: [f32; 3] = [1.0, 1.5, 2.0];

fn opened(
    dir: &std::path::Path,
    size: [f32; 2],
    ppp: f32,
    lang: Lang,
) -> Harness<'static, ShenyueApp> {
    let report = sample_copy(dir, SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.settings.lang = lang;
    st.open(report);
    let mut h = harness_scaled(st, size, ppp, 60);
    h.run();
    assert!(state(&h).report.is_some());
    h
}

/// Buttons and labels of the top bar (its last row ends at `below`).
fn top_bar_widgets(h: &Harness<'_, ShenyueApp>, below: f32) -> Vec<(String, Rect)> {
    h.query_all(by().predicate(|_| true))
        .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::Label))
        .filter_map(|n| {
            let r = n.rect();
            let ak = n.accesskit_node();
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            (r.bottom() <= below && r.width() > 0.5 && !label.is_empty()).then_some((label, r))
        })
        .collect()
}

#[test]
fn at_every_size_and_scale_nothing_overlaps_and_the_report_is_the_widest_column() {
    for lang in [Lang::Zh, Lang::En] {
        for size in SIZES {
            for ppp in SCALES {
                let dir = tempfile::tempdir().expect("tempdir");
                let h = opened(dir.path(), size, ppp, lang);
                let at = format!("{lang:?} {size:?} at {ppp}");
                let r = state(&h).report.as_ref().expect("report");
                let compare = h
                    .query_all(by().role(Role::Button))
                    .find(|n| {
                        let l = n.accesskit_node().label().unwrap_or_default();
                        l == "与往年报告对照…" || l == "Compare with an earlier report…"
                    })
                    .map(|n| n.rect())
                    .unwrap_or_else(|| panic!("{at}: the compare button"));
                // The top bar: no two of its widgets share a point.
                let widgets = top_bar_widgets(&h, compare.bottom() + 2.0);
                assert!(widgets.len() > 8, "{at}: the top bar: {widgets:?}");
                for (i, (la, a)) in widgets.iter().enumerate() {
                    for (lb, b) in &widgets[i + 1..] {
                        let overlap = a.intersect(*b);
                        let nested = a.contains_rect(*b) || b.contains_rect(*a);
                        assert!(
                            nested || overlap.width() <= 0.5 || overlap.height() <= 0.5,
                            "{at}: {la:?} {a:?} overlaps {lb:?} {b:?}"
                        );
                    }
                }
                // The report is the widest column, with a readable measure.
                let panels = state(&h).settings.panels;
                let text = r.view.text_width();
                let em = state(&h).settings.text_size;
                assert!(
                    text >= panels.left && text >= panels.right,
                    "{at}: report {text} narrower than a side panel ({} / {})",
                    panels.left,
                    panels.right
                );
                assert!(
                    text >= 20.0 * em,
                    "{at}: the report wraps at {} characters",
                    text / em
                );
                // The scroll bar has room of its own, right of the text.
                assert!(
                    r.view.right_gutter() >= shenyue::ui::report_view::SCROLL_BAR_WIDTH,
                    "{at}: the scroll bar would cover the text (gutter {})",
                    r.view.right_gutter()
                );
            }
        }
    }
}

#[test]
fn resizing_the_window_keeps_the_top_paragraph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = opened(dir.path(), SIZES[1], 1.0, Lang::Zh);
    let (at, para) = {
        let r = state(&h).report.as_ref().expect("report");
        let p = r.doc.structure.paragraphs.len() * 2 / 5;
        (r.doc.structure.paragraphs[p].range.start, p)
    };
    h.state_mut()
        .state
        .apply(Action::ScrollTo { at, flash: None }, 0.0);
    h.run();
    let top = state(&h)
        .report
        .as_ref()
        .expect("report")
        .view
        .top_paragraph();
    assert!(top > 0 && top <= para, "scrolled into the report: {top}");
    for size in [SIZES[0], [1300.0, 800.0], SIZES[1]] {
        h.set_size(egui::vec2(size[0], size[1]));
        h.run();
        let now = state(&h)
            .report
            .as_ref()
            .expect("report")
            .view
            .top_paragraph();
        assert_eq!(
            now, top,
            "at {size:?} the view starts at the same paragraph"
        );
    }
}

#[test]
fn english_names_stay_inside_the_left_panel_and_its_width() {
    // English part names once widened the panel, which stayed wide back in
    // Chinese; where it could not widen (1000×700) they pushed its content
    // past its edge, which clipped the info rows' buttons and the outline
    // with no ellipsis. They are truncated to the panel now.
    for size in SIZES {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = opened(dir.path(), size, 1.0, Lang::Zh);
        let chinese = state(&h).settings.panels.left;
        h.state_mut().state.apply(Action::SetLang(Lang::En), 0.0);
        h.run();
        let english = state(&h).settings.panels.left;
        assert!(
            english <= chinese + 1.0,
            "{size:?}: English does not widen the panel ({chinese} → {english})"
        );
        let top = h.get_by_label("Required parts").rect().top();
        let past: Vec<(String, Rect)> = h
            .query_all(by().predicate(|_| true))
            .filter(|n| {
                matches!(
                    n.accesskit_node().role(),
                    Role::Button | Role::Label | Role::TextInput | Role::SpinButton
                )
            })
            .filter_map(|n| {
                let r = n.rect();
                let ak = n.accesskit_node();
                let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
                let in_panel = r.left() < english - 1.0 && r.top() >= top - 1.0;
                let below_status = r.bottom() > size[1] - 30.0;
                (in_panel && !below_status && r.right() > english + 0.5).then_some((label, r))
            })
            .collect();
        assert!(past.is_empty(), "{size:?}: past the panel's edge {past:#?}");
        h.state_mut().state.apply(Action::SetLang(Lang::Zh), 1.0);
        h.run();
        let back = state(&h).settings.panels.left;
        assert!(
            (back - chinese).abs() < 1.0,
            "back in Chinese the panel is as wide as before ({chinese} → {english} → {back})"
        );
    }
}

/// The report's unit and year rows (their fields, correction buttons and
/// the labels of these rows and the next) that share a point. Only these:
/// entries of the outline scrolled out of its view keep their places in
/// the tree, under the rows below it.
fn info_rows_overlaps(h: &Harness<'_, ShenyueApp>) -> Vec<String> {
    let left = state(h).settings.panels.left;
    let row_labels = ["单位", "年度", "成文日期", "Unit", "Year", "Date"];
    let widgets: Vec<(String, Rect)> = h
        .query_all(by().predicate(|_| true))
        .filter_map(|n| {
            let ak = n.accesskit_node();
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            let wanted = match ak.role() {
                Role::TextInput | Role::SpinButton => true,
                Role::Button => {
                    label == "更正"
                        || label == "Correct"
                        || label == "✓"
                        || label.contains("更正年度")
                        || label.contains("year")
                }
                Role::Label => row_labels.contains(&label.as_str()),
                _ => false,
            };
            if !wanted {
                return None;
            }
            let r = n.rect();
            (r.right() <= left && r.width() > 0.5).then_some((label, r))
        })
        .collect();
    assert!(
        widgets.len() >= 7,
        "the unit and year rows are in the panel: {widgets:?}"
    );
    let mut out = Vec::new();
    for (i, (la, a)) in widgets.iter().enumerate() {
        for (lb, b) in &widgets[i + 1..] {
            let overlap = a.intersect(*b);
            let nested = a.contains_rect(*b) || b.contains_rect(*a);
            if !nested && overlap.width() > 0.5 && overlap.height() > 0.5 {
                out.push(format!("{la:?} {a:?} overlaps {lb:?} {b:?}"));
            }
        }
    }
    out
}

#[test]
fn the_left_panel_keeps_its_rows_apart_when_the_window_grows() {
    // The unit's 更正 button once wrapped under its field and was drawn
    // under the year's row after the window grew from 1000×700.
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = opened(dir.path(), SIZES[0], 1.0, lang);
        for size in [SIZES[0], SIZES[1]] {
            h.set_size(egui::vec2(size[0], size[1]));
            h.run();
            let found = info_rows_overlaps(&h);
            assert!(found.is_empty(), "{lang:?} {size:?}: {found:#?}");
        }
    }
}

#[test]
fn at_1000_by_700_in_english_the_filter_tabs_share_a_line_and_the_comparison_stays_in_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = sample_copy(dir.path(), "zhanjiang-etdz_2020.txt");
    let new = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");
    let mut st = state_with(FakeDialog::default());
    st.settings.lang = Lang::En;
    st.open(new);
    st.poll(0.0);
    let mut h = harness_scaled(st, SIZES[0], 1.0, 60);
    h.run();
    // "Commented" once wrapped alone under the other three tabs.
    let tops: Vec<f32> = ["All", "Unreviewed", "Not found", "Commented"]
        .iter()
        .map(|l| h.get_by_role_and_label(Role::Button, l).rect().top())
        .collect();
    assert!(
        tops.iter().all(|t| (t - tops[0]).abs() < 1.0),
        "the filter tabs on one line: {tops:?}"
    );

    // The comparison's commands, laid out right to left on the tabs' row,
    // once ran past the view's left edge and took the view with them.
    h.state_mut().state.apply(Action::CompareWith(old), 1.0);
    h.state_mut().state.poll(1.0);
    h.run();
    assert!(state(&h).comparing(), "the comparison is shown");
    let off: Vec<(String, Rect)> = h
        .query_all(by().predicate(|_| true))
        .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::Label))
        .filter_map(|n| {
            let r = n.rect();
            let ak = n.accesskit_node();
            let label = ak.label().or_else(|| ak.value()).unwrap_or_default();
            (r.width() > 0.5 && (r.left() < -0.5 || r.right() > SIZES[0][0] + 0.5))
                .then_some((label, r))
        })
        .collect();
    assert!(off.is_empty(), "off screen: {off:#?}");
    // The way back sits at the tabs' right end, not alone on a row.
    let back = h
        .get_by_role_and_label(Role::Button, "Back to the workbench")
        .rect();
    let tab = h.get_by_role_and_label(Role::Button, "Overview").rect();
    assert!(
        (back.center().y - tab.center().y).abs() < 2.0,
        "back {back:?} beside the tabs {tab:?}"
    );
}
