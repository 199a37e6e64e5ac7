//! Building an assessment from an analysis: the one rule by which the
//! analysis's automatic results meet the reviewer's work. The CLI (`check`,
//! `batch`), the GUI (opening, re-analysing, recovering) and every other path
//! go through [`Assessment::merge_analysis`] (via the review pipeline).
//!
//! The rule: items follow the analysis (framework order, each top-level item
//! followed by its sub-items) with their automatic results; each keeps the
//! review of the old item with the same framework and id, or failing that the
//! same id (a framework file replaced under another id); old items no longer
//! analysed are kept at the end only when they carry reviewer work, so no
//! work is ever lost and nothing empty piles up.

use super::model::{Assessment, AutoResult, ItemAssessment, ReportRef, Review};
use super::{ReanchorReport, reanchor_assessment};
use crate::analysis::{Analysis, ItemResult};
use crate::document::{Document, sha256_hex};

impl Review {
    /// True when the reviewer has done anything on the item that a merge
    /// must keep (a verdict, a score, a comment, links, evidence judged).
    pub fn has_work(&self) -> bool {
        self.verdict.is_reviewed()
            || self.score.is_some()
            || !self.comment.trim().is_empty()
            || !self.linked.is_empty()
            || !self.rejected.is_empty()
            || !self.accepted.is_empty()
    }
}

/// What an assessment records about its report; `report_path` as it should
/// be kept in memory (absolute, or as given; saving makes it relative).
pub fn report_ref(doc: &Document, report_path: &str) -> ReportRef {
    let m = &doc.structure.metadata;
    ReportRef {
        path: report_path.to_string(),
        sha256: sha256_hex(doc.text.as_bytes()),
        title: m.title.clone().unwrap_or_default(),
        unit: m.unit.clone().unwrap_or_default(),
        year: m.year,
        chars: doc.char_len(),
        year_corrected: false,
        unit_corrected: false,
        unknown: Default::default(),
    }
}

fn auto_of(r: &ItemResult) -> AutoResult {
    AutoResult {
        status: r.status,
        score: r.score,
        why: r.reason.clone(),
        reason: String::new(),
        evidence: r.evidence.clone(),
    }
}

impl Assessment {
    /// A new assessment of `doc` (stored as `report_path`) with the auto
    /// results of `analysis` and nothing reviewed yet.
    pub fn from_analysis(doc: &Document, analysis: &Analysis, report_path: &str) -> Assessment {
        Assessment::merge_analysis(None, doc, analysis, report_path).0
    }

    /// The assessment of `doc` after `analysis`: `existing` (the file beside
    /// the report, an autosave being recovered, …) keeps every review,
    /// annotation and overall judgement; its anchors are re-anchored when it
    /// was made on a different text, and the report of that is returned.
    /// Word comments of the report not imported before become annotations
    /// ([`Assessment::import_comments`]).
    pub fn merge_analysis(
        existing: Option<Assessment>,
        doc: &Document,
        analysis: &Analysis,
        report_path: &str,
    ) -> (Assessment, Option<ReanchorReport>) {
        let report = report_ref(doc, report_path);
        let mut reanchored = None;
        let mut a = match existing {
            Some(mut old) => {
                if !old.report.sha256.is_empty() && old.report.sha256 != report.sha256 {
                    reanchored = Some(reanchor_assessment(&mut old, &doc.text, &report.sha256));
                }
                let mut report = report;
                // What the reviewer corrected wins over what the text says.
                if old.report.year_corrected {
                    report.year = old.report.year;
                    report.year_corrected = true;
                }
                if old.report.unit_corrected {
                    report.unit = std::mem::take(&mut old.report.unit);
                    report.unit_corrected = true;
                }
                // So do the fields of it this build does not know.
                report.unknown = std::mem::take(&mut old.report.unknown);
                old.report = report;
                old
            }
            None => Assessment::new(report),
        };
        a.refresh_auto(analysis);
        a.import_comments(doc);
        (a, reanchored)
    }

    /// Replaces the auto results with those of `analysis` by the rule of
    /// this module, keeping the reviewer's work.
    pub fn refresh_auto(&mut self, analysis: &Analysis) {
        let mut old: Vec<Option<ItemAssessment>> = std::mem::take(&mut self.items)
            .into_iter()
            .map(Some)
            .collect();
        // The reviewer's decision and the fields this build does not know
        // follow the item; the rest comes from the analysis.
        let take_review = |old: &mut Vec<Option<ItemAssessment>>, r: &ItemResult| {
            let exact = old.iter().position(|o| {
                o.as_ref()
                    .is_some_and(|o| o.id == r.id && o.framework == r.framework)
            });
            let by_id = || {
                old.iter()
                    .position(|o| o.as_ref().is_some_and(|o| o.id == r.id))
            };
            exact
                .or_else(by_id)
                .and_then(|i| old.get_mut(i).and_then(Option::take))
                .map(|o| (o.review, o.unknown))
                .unwrap_or_default()
        };
        for r in &analysis.items {
            let (review, unknown) = take_review(&mut old, r);
            self.items.push(ItemAssessment {
                id: r.id.clone(),
                framework: r.framework.clone(),
                title: r.title.clone(),
                parent: r.parent.clone(),
                weight: r.weight,
                auto: auto_of(r),
                review,
                unknown,
            });
        }
        self.items
            .extend(old.into_iter().flatten().filter(|o| o.review.has_work()));
        self.frameworks = analysis.frameworks.clone();
        self.indicators = analysis.indicators.clone();
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Analyzer;
    use crate::assessment::{Assessment, ItemAssessment, Verdict};
    use crate::document::Document;
    use crate::framework::load::builtin;

    fn sample() -> (Document, crate::analysis::Analysis) {
        let fws = builtin();
        let analyzer = Analyzer::with_frameworks(&fws);
        let doc = Document::from_text(
            "t",
            "某区2020年法治政府建设情况报告\n一、主要举措和成效\n全年受理行政复议案件13件。",
        );
        let refs: Vec<_> = fws.iter().collect();
        let analysis = analyzer.analyse(&doc, &refs);
        (doc, analysis)
    }

    #[test]
    fn refresh_keeps_reviews() {
        let (doc, analysis) = sample();
        let mut a = Assessment::from_analysis(&doc, &analysis, "r.txt");
        assert_eq!(a.items.len(), analysis.items.len());
        assert_eq!(a.report.year, Some(2020));
        let first = a.items[0].id.clone();
        a.item_mut(&first).unwrap().review.verdict = Verdict::NotMet;
        a.refresh_auto(&analysis);
        assert_eq!(a.item(&first).unwrap().review.verdict, Verdict::NotMet);
        assert_eq!(a.items.len(), analysis.items.len());
    }

    #[test]
    fn stale_items_stay_only_with_reviewer_work() {
        let (doc, analysis) = sample();
        let mut a = Assessment::from_analysis(&doc, &analysis, "r.txt");
        for (id, comment) in [("OLD-1", "要求补充说明"), ("OLD-2", "")] {
            a.items.push(ItemAssessment {
                id: id.into(),
                framework: "OLD".into(),
                ..ItemAssessment::default()
            });
            a.item_mut(id).unwrap().review.comment = comment.into();
        }
        let (b, re) = Assessment::merge_analysis(Some(a), &doc, &analysis, "r.txt");
        assert!(re.is_none(), "same text, nothing to re-anchor");
        assert_eq!(b.items.len(), analysis.items.len() + 1);
        assert_eq!(b.items.last().map(|i| i.id.as_str()), Some("OLD-1"));
    }

    #[test]
    fn a_review_follows_its_item_into_a_renamed_framework() {
        let (doc, analysis) = sample();
        let mut a = Assessment::from_analysis(&doc, &analysis, "r.txt");
        let first = a.items[0].id.clone();
        a.items[0].framework = "OLD-NAME".into();
        a.items[0].review.verdict = Verdict::Met;
        a.refresh_auto(&analysis);
        assert_eq!(a.items.len(), analysis.items.len());
        assert_eq!(a.item(&first).unwrap().review.verdict, Verdict::Met);
    }

    #[test]
    fn the_reviewers_year_and_unit_survive_a_new_analysis() {
        let (doc, analysis) = sample();
        let mut a = Assessment::from_analysis(&doc, &analysis, "r.txt");
        a.report.year = Some(2019);
        a.report.year_corrected = true;
        a.report.unit = "某区司法局".into();
        a.report.unit_corrected = true;
        let (b, _) = Assessment::merge_analysis(Some(a), &doc, &analysis, "r.txt");
        assert_eq!(b.report.year, Some(2019));
        assert_eq!(b.report.unit, "某区司法局");
        let text = b.to_ron().unwrap();
        let back = Assessment::from_ron("r.ron", &text).unwrap();
        assert!(back.report.year_corrected && back.report.unit_corrected);
    }

    #[test]
    fn a_changed_text_is_reanchored() {
        let (doc, analysis) = sample();
        let a = Assessment::from_analysis(&doc, &analysis, "r.txt");
        let changed = Document::from_text(
            "t",
            "某区2020年法治政府建设情况报告\n一、主要举措和成效\n全年共受理行政复议案件13件。",
        );
        let (_, re) = Assessment::merge_analysis(Some(a), &changed, &analysis, "r.txt");
        assert!(re.is_some());
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
