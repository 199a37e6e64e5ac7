//! The workbench in English: started with English, every screen a reviewer
//! walks through (the checklist with an item selected, each menu, the find
//! bar, the F1 help, the comparison, the overall review) shows no Chinese
//! outside the report's own text (its title, unit, file name, quotes) and
//! the items' titles, which come from the Chinese frameworks.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{SAMPLE_2020, harness_sized, sample_copy, state, state_with};

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use shenyue::i18n::Lang;
use shenyue::ui::ShenyueApp;
use shenyue::ui::file_dialog::FakeDialog;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Everything on screen that is Chinese but neither report text nor an
/// item's title or description (framework content). Each run of non-ASCII
/// text is looked up: in the report when it is long enough to be the
/// report's own words (6+ characters), else in the titles, descriptions,
/// quotes and the report's name, unit and file name (exactly, or 4+
/// characters of them) — so a stray UI word like 证据 is never excused by
/// occurring somewhere in the report.
fn chinese_on_screen(h: &Harness<'_, ShenyueApp>) -> Vec<String> {
    let st = state(h);
    let mut named: Vec<String> = Vec::new();
    let mut doc = String::new();
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(r) = &st.report {
        doc = r.doc.text.clone();
        paragraphs = r
            .doc
            .structure
            .paragraphs
            .iter()
            .map(|p| r.doc.slice(p.range).trim().to_string())
            .collect();
        for item in &r.assessment.items {
            named.push(item.title.clone());
            named.extend(r.description(&item.id).map(str::to_string));
            named.extend(item.auto.evidence.iter().map(|e| e.quote.clone()));
        }
        for f in &r.frameworks {
            named.push(f.label().to_string());
        }
        let rec = &r.assessment.report;
        named.push(rec.title.clone());
        named.push(rec.unit.clone());
        named.push(r.assessment_path.to_string_lossy().into_owned());
    }
    let excused = |run: &str| {
        let n = run.chars().count();
        (n >= 6 && doc.contains(run))
            || named
                .iter()
                .any(|a| a == run || (n >= 4 && a.contains(run)))
    };
    let mut out = Vec::new();
    for node in h.query_all(by().predicate(|_| true)) {
        let ak = node.accesskit_node();
        // A wrapped label's rows are its children; the label has the whole.
        if ak.role() == Role::TextRun {
            continue;
        }
        for text in [ak.label(), ak.value()].into_iter().flatten() {
            // A whole paragraph or a numbered quote ("3. …") of the report.
            let whole = text
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                .trim_end_matches('…');
            if (whole.chars().count() >= 6 && doc.contains(whole))
                || paragraphs.iter().any(|p| p == whole)
            {
                continue;
            }
            let stray = text
                .split(|c: char| c.is_ascii_alphabetic() || "():+;,/[]·".contains(c))
                .map(|run| {
                    run.trim_matches(|c: char| c.is_ascii_digit() || "-. ".contains(c) || c == '…')
                })
                .filter(|run| run.chars().any(is_han))
                .any(|run| !excused(run));
            if stray {
                out.push(text.clone());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_screen_in_english_has_no_stray_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = sample_copy(dir.path(), SAMPLE_2020);
    let mut st = state_with(FakeDialog::default());
    st.settings.lang = Lang::En;
    st.open(report);
    let mut h = harness_sized(st, [1600.0, 1000.0], 40);
    h.run();
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    let mut look = |h: &Harness<'_, ShenyueApp>, screen: &str| {
        let c = chinese_on_screen(h);
        if !c.is_empty() {
            found.push((screen.to_string(), c));
        }
    };
    look(&h, "opened");
    // The checklist names the required parts as the left panel does.
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "DC1 Measures and results")
            .count(),
        2,
        "DC1 in English in the left panel and in the checklist"
    );
    assert!(h.query_all_by_label_contains("Required parts").count() >= 2);
    h.key_press(Key::J);
    h.run();
    look(&h, "item selected");
    for _ in 0..3 {
        h.key_press(Key::J);
    }
    h.run();
    look(&h, "another item");
    for menu in ["File", "Edit", "Review", "Export", "View", "Help"] {
        if let Some(b) = h.query_by_role_and_label(Role::Button, menu) {
            b.click();
            h.run();
            look(&h, &format!("menu {menu}"));
            h.key_press(Key::Escape);
            h.run();
        }
    }
    if let Some(o) = h.query_by_label("Overall review") {
        o.click();
        h.run();
        look(&h, "overall review");
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("营商环境");
    h.run();
    look(&h, "find bar");
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::F1);
    h.run();
    look(&h, "F1 help");
    h.key_press(Key::Escape);
    h.run();
    assert!(found.is_empty(), "Chinese in the English UI: {found:#?}");
}
