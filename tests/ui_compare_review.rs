//! The comparison shows the reviewer's own work: last year's saved verdict,
//! score and comment beside the automatic status, and this year's; a
//! skipped year is named; indicators in different units are listed apart
//! with both sentences instead of being subtracted.

#![allow(clippy::expect_used)]

#[path = "fixtures/ui_support.rs"]
mod ui_support;

use ui_support::{harness_sized, sample_copy, state, state_with};

use egui_kittest::kittest::{NodeT, Queryable};
use shenyue::assessment::Verdict;
use shenyue::ui::Action;
use shenyue::ui::actions::CompareTab;
use shenyue::ui::file_dialog::FakeDialog;

#[test]
fn both_years_verdicts_and_comments_beside_the_automatic_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = sample_copy(dir.path(), "zhanjiang-etdz_2020.txt");
    let new = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");
    // Last year's review, saved beside its report.
    let mut st = state_with(FakeDialog::default());
    st.open(old.clone());
    st.poll(0.0);
    let dc1 = |s: &shenyue::ui::AppState| {
        s.report
            .as_ref()
            .and_then(|r| r.assessment.items.iter().position(|i| i.id == "DC1"))
            .expect("DC1")
    };
    let i = dc1(&st);
    st.apply(Action::SetVerdict(i, Verdict::PartlyMet), 1.0);
    st.apply(
        Action::SetComment(i, "举措罗列较多，成效数据不足".into()),
        1.5,
    );
    st.save(2.0);
    drop(st);

    // This year: reviewed too, then compared with 2020 (2021 is skipped).
    let mut st = state_with(FakeDialog::default());
    st.open(new);
    st.poll(3.0);
    let i = dc1(&st);
    st.apply(Action::SetVerdict(i, Verdict::Met), 4.0);
    st.apply(Action::CompareWith(old), 5.0);
    st.poll(5.0);
    let row = st
        .comparison
        .active
        .as_ref()
        .and_then(|a| a.comparison.items.iter().position(|it| it.id == "DC1"))
        .expect("DC1 compared");
    st.apply(Action::CompareTab(CompareTab::Items), 6.0);
    st.apply(Action::CompareSelectItem(row), 6.1);
    let mut h = harness_sized(st, [1600.0, 1000.0], 60);
    h.run();
    assert!(
        h.query_all_by_label_contains("中间缺 2021 年")
            .next()
            .is_some(),
        "the skipped year is named"
    );
    assert!(
        h.query_all_by_label_contains("举措罗列较多，成效数据不足")
            .next()
            .is_some(),
        "last year's comment"
    );
    assert!(
        h.query_all_by_label("基本符合 70").next().is_some(),
        "last year's verdict and score"
    );
    assert!(
        h.query_all_by_label("符合 100").next().is_some(),
        "this year's verdict and score"
    );
    let older = state(&h).comparison.older().expect("older");
    assert!(
        older.assessment.is_some(),
        "the saved 2020 assessment was read"
    );
    // Never 部分覆盖 beside 未找到证据: in both years, every item with a
    // status other than 未找到 has evidence to show. (A 未找到 item may still
    // list passages that only mention it; they carry their strength label.)
    let newer = &state(&h).report.as_ref().expect("report").analysis;
    let items = &state(&h)
        .comparison
        .active
        .as_ref()
        .expect("active")
        .comparison
        .items;
    for it in items {
        let old_status = older.status(&it.id);
        let old_ev = older.top_evidence(&it.id, 3);
        if let Some(s) = old_status {
            assert!(
                s == shenyue::analysis::AutoStatus::Missing || !old_ev.is_empty(),
                "2020 {}: {s:?} with {} passages",
                it.id,
                old_ev.len()
            );
        }
        if let Some(s) = it.new_status {
            let new_ev = shenyue::compare::top_evidence(newer, &it.id, 3);
            assert!(
                s == shenyue::analysis::AutoStatus::Missing || !new_ev.is_empty(),
                "2022 {}: {s:?} with {} passages",
                it.id,
                new_ev.len()
            );
        }
    }

    // Indicators in different units are listed apart.
    h.state_mut()
        .state
        .apply(Action::CompareTab(CompareTab::Indicators), 7.0);
    h.run();
    assert!(
        h.query_all_by_label_contains("单位不同，未比较")
            .next()
            .is_some(),
        "a list of pairs in different units"
    );
    assert!(
        h.query_all_by_label_contains("20宗 / 29件")
            .next()
            .is_some(),
        "政府信息公开申请 20宗 / 29件 is listed apart"
    );

    // 查看差异 of the two 不足和原因 parts: aligned by sentence, side by side.
    let pair = state(&h)
        .comparison
        .active
        .as_ref()
        .and_then(|a| {
            a.pairs
                .iter()
                .find(|p| p.label(shenyue::i18n::Lang::Zh).starts_with("DC2"))
                .cloned()
        })
        .expect("DC2 pair");
    h.state_mut()
        .state
        .apply(Action::CompareTab(CompareTab::Recycled), 8.0);
    h.state_mut().state.apply(
        Action::CompareDiff {
            label: "DC2".into(),
            old: pair.old,
            new: pair.new,
        },
        8.1,
    );
    h.state_mut().state.poll(8.2);
    h.run();
    let rows = state(&h)
        .comparison
        .diff
        .as_ref()
        .map(|d| d.rows.clone())
        .expect("diff");
    assert!(!rows.is_empty(), "sentence rows");
    // Every row's sentences are on screen whole, each on its own side.
    for row in rows.iter().take(3) {
        for side in [&row.old, &row.new].into_iter().flatten() {
            assert!(
                h.query_all_by_label(side).next().is_some(),
                "{side} shown as one sentence"
            );
        }
    }
}

#[test]
fn an_indicator_row_opens_to_both_sentences_each_a_link_into_its_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = sample_copy(dir.path(), "zhanjiang-etdz_2020.txt");
    let new = sample_copy(dir.path(), "zhanjiang-etdz_2022.txt");
    let mut st = state_with(FakeDialog::default());
    st.open(new.clone());
    st.poll(0.0);
    st.apply(Action::CompareWith(old.clone()), 1.0);
    st.poll(1.0);
    st.apply(Action::CompareTab(CompareTab::Indicators), 2.0);
    let mut h = harness_sized(st, [1600.0, 1000.0], 60);
    h.run();
    let (index, pair) = {
        let c = &state(&h)
            .comparison
            .active
            .as_ref()
            .expect("compared")
            .comparison;
        // Unlike units are never in the table of changes.
        assert!(
            c.indicator_pairs().all(|p| p
                .old
                .as_ref()
                .zip(p.new.as_ref())
                .is_some_and(|(o, n)| o.unit == n.unit)),
            "only same-unit pairs are compared"
        );
        assert!(
            c.unit_mismatches()
                .all(|p| p.change.is_none() && p.trend.is_none()),
            "pairs in different units carry no difference"
        );
        let (i, p) = c
            .indicators
            .iter()
            .enumerate()
            .find(|(_, p)| p.comparable())
            .expect("a comparable pair");
        (i, p.clone())
    };
    let (o, n) = (
        pair.old.clone().expect("old"),
        pair.new.clone().expect("new"),
    );
    let sentence_of = |doc: &shenyue::document::Document, r: shenyue::text::CharRange| {
        let s = doc.structure.sentences_in(r)[0].range;
        doc.slice(s).trim().chars().take(20).collect::<String>()
    };
    let old_sentence = sentence_of(&state(&h).comparison.older().expect("older").doc, o.range);
    let new_sentence = sentence_of(&state(&h).report.as_ref().expect("report").doc, n.range);
    assert!(
        h.query_all_by_label_contains(&old_sentence)
            .next()
            .is_none(),
        "no sentence before a row is opened"
    );

    // One click on the row's name opens it: both sentences, side by side.
    h.query_all_by_label(&pair.name)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("the row's name")
        .click();
    h.run();
    assert_eq!(state(&h).comparison.selected_indicator, Some(index));
    let old_node = h
        .query_all_by_label_contains(&old_sentence)
        .next()
        .expect("last year's sentence");
    let new_node = h
        .query_all_by_label_contains(&new_sentence)
        .next()
        .expect("this year's sentence");
    let (ob, nb) = (old_node.rect(), new_node.rect());
    assert!(
        ob.right() <= nb.left(),
        "side by side, last year on the left"
    );
    assert!(
        ob.top() < nb.bottom() && nb.top() < ob.bottom(),
        "on the same rows"
    );

    // This year's link jumps the report view to its sentence.
    // (The opened row comes first; the pairs in different units below have
    // links of their own.)
    h.query_all_by_label("在报告中查看")
        .next()
        .expect("this year's link")
        .click();
    h.run();
    assert!(!state(&h).comparing(), "back in the workbench");
    let r = state(&h).report.as_ref().expect("report");
    assert_eq!(r.view.scrolled_to, Some(n.range.start));

    // Last year's link opens last year's report at its sentence.
    h.state_mut().state.apply(
        Action::Command(shenyue::ui::command::UiCommand::ShowComparison),
        3.0,
    );
    h.run();
    h.query_all_by_label("打开该年报告并定位到此句")
        .next()
        .expect("last year's link")
        .click();
    h.run();
    h.state_mut().state.poll(4.0);
    h.run();
    let r = state(&h).report.as_ref().expect("report");
    assert_eq!(r.report_path, old, "the older report is open");
    assert_eq!(r.view.scrolled_to, Some(o.range.start));
    assert!(
        state(&h).comparison.session.iter().any(|y| y.path == new),
        "this year's report stays a year of the session"
    );
}
