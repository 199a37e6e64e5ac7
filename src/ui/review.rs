//! From analysis to the assessment the workbench edits: the checklist
//! items of the chosen frameworks, each with the analysis's automatic result
//! and the reviewer's decision kept from an earlier session. Nothing a
//! reviewer wrote is ever dropped here: items no longer in a framework keep
//! their place at the end.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::analysis::{Analysis, ItemResult};
use crate::assessment::{self, Assessment, AutoResult, ItemAssessment, ReanchorReport, ReportRef};
use crate::document::Document;
use crate::framework::Framework;
use crate::text::CharRange;

/// The assessment for `doc`: items from `frameworks` (depth first), automatic
/// results from `analysis`, reviews, annotations and the rest from
/// `existing`. When `existing` was made on a different text, its anchors are
/// re-anchored and the report of that is returned.
pub fn build_assessment(
    doc: &Document,
    report_path: &Path,
    text_sha: &str,
    analysis: &Analysis,
    frameworks: &[Framework],
    existing: Option<Assessment>,
) -> (Assessment, Option<ReanchorReport>) {
    let meta = &doc.structure.metadata;
    let report = ReportRef {
        path: std::path::absolute(report_path)
            .unwrap_or_else(|_| report_path.to_path_buf())
            .to_string_lossy()
            .into_owned(),
        sha256: text_sha.to_string(),
        title: meta.title.clone().unwrap_or_default(),
        unit: meta.unit.clone().unwrap_or_default(),
        year: meta.year,
        chars: doc.char_len(),
    };
    let mut reanchored = None;
    let mut a = match existing {
        Some(mut old) => {
            if !old.report.sha256.is_empty() && old.report.sha256 != text_sha {
                reanchored = Some(assessment::reanchor_assessment(
                    &mut old, &doc.text, text_sha,
                ));
            }
            old.report = report;
            old
        }
        None => Assessment::new(report),
    };
    let old_items = std::mem::take(&mut a.items);
    a.items = merge_items(analysis, frameworks, old_items);
    a.frameworks = frameworks.iter().map(|f| f.id.clone()).collect();
    a.indicators = analysis.indicators.clone();
    (a, reanchored)
}

/// Replaces the automatic results of `a` with a new analysis against
/// `frameworks`, keeping every review.
pub fn reapply_analysis(a: &mut Assessment, analysis: &Analysis, frameworks: &[Framework]) {
    let old = std::mem::take(&mut a.items);
    a.items = merge_items(analysis, frameworks, old);
    a.frameworks = frameworks.iter().map(|f| f.id.clone()).collect();
    a.indicators = analysis.indicators.clone();
}

fn auto_of(r: &ItemResult) -> AutoResult {
    AutoResult {
        status: r.status,
        score: r.score,
        reason: r.reason.clone(),
        evidence: r.evidence.clone(),
    }
}

fn merge_items(
    analysis: &Analysis,
    frameworks: &[Framework],
    old: Vec<ItemAssessment>,
) -> Vec<ItemAssessment> {
    let results: HashMap<&str, &ItemResult> =
        analysis.items.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut old: HashMap<String, ItemAssessment> =
        old.into_iter().map(|i| (i.id.clone(), i)).collect();
    let mut order_old: Vec<String> = old.keys().cloned().collect();
    order_old.sort();
    let mut items = Vec::new();
    let mut seen = HashSet::new();
    for f in frameworks {
        let mut parents: Vec<String> = Vec::new();
        for (item, depth) in f.walk() {
            parents.truncate(depth);
            let parent = parents.last().cloned();
            parents.push(item.id.clone());
            if !seen.insert(item.id.clone()) {
                continue;
            }
            let review = old.remove(&item.id).map(|o| o.review).unwrap_or_default();
            let auto = results
                .get(item.id.as_str())
                .map(|r| auto_of(r))
                .unwrap_or_default();
            items.push(ItemAssessment {
                id: item.id.clone(),
                framework: f.id.clone(),
                title: item.title.clone(),
                parent,
                weight: item.weight,
                auto,
                review,
            });
        }
    }
    // Analysis results for items the frameworks do not list (e.g. imported
    // work points) still show.
    for r in &analysis.items {
        if seen.insert(r.id.clone()) {
            let review = old.remove(&r.id).map(|o| o.review).unwrap_or_default();
            items.push(ItemAssessment {
                id: r.id.clone(),
                framework: r.framework.clone(),
                title: r.title.clone(),
                parent: r.parent.clone(),
                weight: r.weight,
                auto: auto_of(r),
                review,
            });
        }
    }
    // The reviewer's work on items no longer checked is kept, at the end.
    for id in order_old {
        if let Some(item) = old.remove(&id) {
            items.push(item);
        }
    }
    items
}

/// Ids of the items the analysis gave a result for.
pub fn analysed_ids(analysis: &Analysis) -> HashSet<String> {
    analysis.items.iter().map(|r| r.id.clone()).collect()
}

/// How the reviewer judged one automatic evidence passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceMark {
    /// Not judged.
    Open,
    /// Confirmed.
    Accepted,
    /// Rejected: not evidence for the item.
    Rejected,
}

/// How the reviewer judged the evidence at `range` of `item`.
pub fn evidence_mark(item: &ItemAssessment, range: CharRange) -> EvidenceMark {
    if item.review.rejected.contains(&range) {
        EvidenceMark::Rejected
    } else if item.review.accepted.contains(&range) {
        EvidenceMark::Accepted
    } else {
        EvidenceMark::Open
    }
}

/// The passages N/P step through for an item, in text order: automatic
/// evidence not rejected, then the reviewer's own links.
pub fn evidence_ranges(item: &ItemAssessment) -> Vec<CharRange> {
    let mut out: Vec<CharRange> = item
        .auto
        .evidence
        .iter()
        .map(|e| e.range)
        .filter(|r| !item.review.rejected.contains(r))
        .chain(item.review.linked.iter().map(|l| l.anchor.range))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Checklist filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Filter {
    /// Every item.
    #[default]
    All,
    /// Items still 未审.
    Unreviewed,
    /// Items the analysis found nothing for.
    Missing,
    /// Items with a comment.
    Commented,
}

impl Filter {
    /// Every filter, in button order.
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Unreviewed,
        Filter::Missing,
        Filter::Commented,
    ];

    /// True when `item` passes the filter.
    pub fn accepts(self, item: &ItemAssessment, analysed: &HashSet<String>) -> bool {
        match self {
            Filter::All => true,
            // A verdict carried over from last year still needs a look.
            Filter::Unreviewed => !item.review.verdict.is_reviewed() || item.review.carried,
            Filter::Missing => {
                analysed.contains(&item.id)
                    && item.auto.status == crate::analysis::AutoStatus::Missing
            }
            Filter::Commented => !item.review.comment.trim().is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AutoStatus, Evidence};
    use crate::assessment::Verdict;
    use crate::framework::Registry;

    fn doc() -> Document {
        Document::from_text(
            "r.txt",
            "一、主要工作\n全面推进依法行政。\n二、存在的不足\n法治宣传不够深入。",
        )
    }

    #[test]
    fn items_come_from_frameworks_with_auto_results_and_old_reviews() {
        let registry = Registry::load_from(None, &[]);
        let Some(dc) = registry.get("DC").cloned() else {
            panic!("built-in DC framework")
        };
        let first = dc.items[0].id.clone();
        let d = doc();
        let analysis = Analysis {
            items: vec![ItemResult {
                id: first.clone(),
                framework: "DC".into(),
                title: "t".into(),
                parent: None,
                depth: 0,
                weight: 1.0,
                status: AutoStatus::Covered,
                score: 80.0,
                reason: "found".into(),
                evidence: vec![Evidence {
                    range: CharRange::new(7, 15),
                    quote: "全面推进依法行政".into(),
                    score: 1.0,
                    matched: vec![],
                }],
            }],
            ..Analysis::default()
        };
        let (mut a, re) = build_assessment(
            &d,
            Path::new("r.txt"),
            "sha",
            &analysis,
            std::slice::from_ref(&dc),
            None,
        );
        assert!(re.is_none());
        assert_eq!(a.items.len(), dc.walk().count());
        assert_eq!(a.items[0].auto.status, AutoStatus::Covered);
        assert_eq!(a.frameworks, ["DC"]);
        // The reviewer decides; a new analysis keeps the decision.
        a.items[0].review.verdict = Verdict::NotMet;
        a.items.push(ItemAssessment {
            id: "OLD-1".into(),
            ..ItemAssessment::default()
        });
        let (b, re) = build_assessment(
            &d,
            Path::new("r.txt"),
            "sha",
            &Analysis::default(),
            std::slice::from_ref(&dc),
            Some(a),
        );
        assert!(re.is_none(), "same text, no re-anchoring");
        assert_eq!(b.items[0].review.verdict, Verdict::NotMet);
        assert_eq!(b.items[0].auto.status, AutoStatus::Missing);
        assert_eq!(b.items.last().map(|i| i.id.as_str()), Some("OLD-1"));
    }

    #[test]
    fn evidence_order_skips_rejected_and_adds_links() {
        let mut item = ItemAssessment::default();
        for (s, e) in [(30, 35), (5, 9)] {
            item.auto.evidence.push(Evidence {
                range: CharRange::new(s, e),
                quote: String::new(),
                score: 1.0,
                matched: vec![],
            });
        }
        item.review.rejected.push(CharRange::new(30, 35));
        item.review.linked.push(crate::assessment::LinkedEvidence {
            anchor: crate::assessment::Anchor {
                range: CharRange::new(12, 14),
                ..Default::default()
            },
            note: String::new(),
        });
        assert_eq!(
            evidence_ranges(&item),
            [CharRange::new(5, 9), CharRange::new(12, 14)]
        );
        assert_eq!(
            evidence_mark(&item, CharRange::new(30, 35)),
            EvidenceMark::Rejected
        );
    }
}
