//! One total score with one name, everywhere: the workbench and every
//! export call it 加权总分 / "Weighted score" and say how many items it
//! rests on ("仅依据 2 / 57 项已评分"), so a score from a handful of items
//! is never read as the report's grade.

use std::path::Path;

#[path = "fixtures/support.rs"]
mod support;

use shenyue::analysis::Analyzer;
use shenyue::assessment::{Assessment, Verdict};
use shenyue::document::{self, LoadOptions};
use shenyue::export::{ExportFormat, export, score_basis_note, total_score_name};
use shenyue::framework::load::Registry;
use shenyue::i18n::Lang;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn two_items_reviewed() -> Result<Assessment, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_reports/zhanjiang-etdz_2022.txt");
    let doc = document::open(&path, &LoadOptions::default())?;
    let analysis =
        support::analyse_for_its_year(&doc, &Registry::load_from(None, &[]), &Analyzer::new());
    let mut a = Assessment::from_analysis(&doc, &analysis, &path.to_string_lossy());
    for (id, v) in [("DC1", Verdict::Met), ("DC2", Verdict::NotMet)] {
        a.item_mut(id).ok_or(id)?.review.verdict = v;
    }
    Ok(a)
}

#[test]
fn every_export_names_the_score_alike_and_says_what_it_rests_on() -> TestResult {
    let a = two_items_reviewed()?;
    let (score, scored, items) = a.score_basis();
    assert!(score.is_some());
    assert_eq!(scored, 2);
    assert!(items > 10);
    for lang in [Lang::Zh, Lang::En] {
        let note = score_basis_note(&a, lang);
        let expected = match lang {
            Lang::Zh => format!("仅依据 2 / {items} 项已评分"),
            Lang::En => format!("from only 2 of {items} items scored"),
        };
        assert_eq!(note, expected);
        for format in [ExportFormat::Html, ExportFormat::Markdown] {
            let text = String::from_utf8(export(&a, None, format, lang)?)?;
            assert!(
                text.contains(total_score_name(lang)),
                "{format:?} {lang:?} names the score"
            );
            assert!(
                text.contains(&note),
                "{format:?} {lang:?} says what it rests on"
            );
            // No second name: every 总分 is part of 加权总分.
            let second = match lang {
                Lang::Zh => text.matches("总分").count() - text.matches("加权总分").count(),
                Lang::En => text.matches("Total score").count(),
            };
            assert_eq!(
                second, 0,
                "{format:?} {lang:?}: a second name for the score"
            );
        }
    }
    Ok(())
}
