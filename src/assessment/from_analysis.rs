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
