//! Building an assessment from an analysis: the auto results become the
//! items' `auto` part, reviews start unreviewed. Re-running the analysis
//! later refreshes `auto` and keeps every review.

use super::model::{Assessment, AutoResult, ItemAssessment, ReportRef};
use crate::analysis::Analysis;
use crate::document::{Document, sha256_hex};

impl Assessment {
    /// A new assessment of `doc` (stored as `report_path`) with the auto
    /// results of `analysis` and nothing reviewed yet.
    pub fn from_analysis(doc: &Document, analysis: &Analysis, report_path: &str) -> Assessment {
        let m = &doc.structure.metadata;
        let report = ReportRef {
            path: report_path.to_string(),
            sha256: sha256_hex(doc.text.as_bytes()),
            title: m.title.clone().unwrap_or_default(),
            unit: m.unit.clone().unwrap_or_default(),
            year: m.year,
            chars: doc.char_len(),
        };
        let mut a = Assessment::new(report);
        a.refresh_auto(analysis);
        a
    }

    /// Replaces the auto results with those of `analysis`, keeping the
    /// reviewer's decisions on items that still exist (items no longer in
    /// the analysis are kept when they carry a review, so no work is lost).
    pub fn refresh_auto(&mut self, analysis: &Analysis) {
        let mut old: Vec<ItemAssessment> = std::mem::take(&mut self.items);
        for r in &analysis.items {
            let review = old
                .iter()
                .position(|o| o.id == r.id && o.framework == r.framework)
                .map(|i| old.swap_remove(i).review)
                .unwrap_or_default();
            self.items.push(ItemAssessment {
                id: r.id.clone(),
                framework: r.framework.clone(),
                title: r.title.clone(),
                parent: r.parent.clone(),
                weight: r.weight,
                auto: AutoResult {
                    status: r.status,
                    score: r.score,
                    reason: r.reason.clone(),
                    evidence: r.evidence.clone(),
                },
                review,
            });
        }
        self.items.extend(
            old.into_iter()
                .filter(|o| o.review.verdict.is_reviewed() || !o.review.comment.is_empty()),
        );
        self.frameworks = analysis.frameworks.clone();
        self.indicators = analysis.indicators.clone();
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Analyzer;
    use crate::assessment::{Assessment, Verdict};
    use crate::document::Document;
    use crate::framework::load::builtin;

    #[test]
    fn refresh_keeps_reviews() {
        let fws = builtin();
        let analyzer = Analyzer::with_frameworks(&fws);
        let doc = Document::from_text(
            "t",
            "某区2020年法治政府建设情况报告\n一、主要举措和成效\n全年受理行政复议案件13件。",
        );
        let refs: Vec<_> = fws.iter().collect();
        let analysis = analyzer.analyse(&doc, &refs);
        let mut a = Assessment::from_analysis(&doc, &analysis, "r.txt");
        assert_eq!(a.items.len(), analysis.items.len());
        assert_eq!(a.report.year, Some(2020));
        let first = a.items[0].id.clone();
        a.item_mut(&first).unwrap().review.verdict = Verdict::NotMet;
        a.refresh_auto(&analysis);
        assert_eq!(a.item(&first).unwrap().review.verdict, Verdict::NotMet);
        assert_eq!(a.items.len(), analysis.items.len());
    }
}

impl Assessment {
    /// "Start from last year": pre-fills the reviews of items that also exist in
    /// `last_year` (same framework and id) with last year's verdict, score and
    /// comment, each marked `carried` until the reviewer touches it. Items the
    /// reviewer already reviewed here are left alone. Returns how many were carried.
    pub fn carry_from(&mut self, last_year: &Assessment, last_year_path: &str) -> usize {
        let mut carried = 0;
        for item in &mut self.items {
            if item.review.verdict.is_reviewed() || !item.review.comment.is_empty() {
                continue;
            }
            let Some(old) = last_year
                .items
                .iter()
                .find(|o| o.id == item.id && o.framework == item.framework)
            else {
                continue;
            };
            if !old.review.verdict.is_reviewed() && old.review.comment.is_empty() {
                continue;
            }
            item.review.verdict = old.review.verdict;
            item.review.score = old.review.score;
            item.review.comment = old.review.comment.clone();
            item.review.carried = true;
            carried += 1;
        }
        self.carried_from = Some(last_year_path.to_string());
        carried
    }
}

#[cfg(test)]
mod carry_tests {
    use crate::assessment::{Assessment, ItemAssessment, ReportRef, Verdict};

    fn with_items(ids: &[&str]) -> Assessment {
        let mut a = Assessment::new(ReportRef::default());
        for id in ids {
            a.items.push(ItemAssessment {
                id: (*id).into(),
                framework: "G".into(),
                ..ItemAssessment::default()
            });
        }
        a
    }

    #[test]
    fn carries_last_years_reviews_marked_unconfirmed() {
        let mut old = with_items(&["G-1", "G-2", "G-3"]);
        old.items[0].review.verdict = Verdict::NotMet;
        old.items[0].review.comment = "不足部分照抄上年".into();
        old.items[1].review.verdict = Verdict::Met;
        let mut new = with_items(&["G-1", "G-2", "G-4"]);
        new.items[1].review.verdict = Verdict::PartlyMet; // already reviewed this year
        assert_eq!(new.carry_from(&old, "../2020/r.shenyue.ron"), 1);
        assert_eq!(new.items[0].review.verdict, Verdict::NotMet);
        assert!(new.items[0].review.carried);
        assert_eq!(new.items[0].review.comment, "不足部分照抄上年");
        assert_eq!(new.items[1].review.verdict, Verdict::PartlyMet);
        assert!(!new.items[1].review.carried);
        assert_eq!(new.items[2].review.verdict, Verdict::Unreviewed);
        assert_eq!(new.carried_from.as_deref(), Some("../2020/r.shenyue.ron"));
    }
}
