//! A report of one year beside the others: its file, its clean text and
//! its analysis, with the look-ups the items × years matrix needs.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::{Analysis, AutoStatus, Evidence};
use crate::document::Document;
use crate::i18n::Lang;

/// A report of this session other than the one being reviewed: its text and
/// its analysis (for the items × years matrix).
#[derive(Debug, Clone)]
pub struct YearReport {
    /// The report file.
    pub path: PathBuf,
    /// The clean, structured report.
    pub doc: Arc<Document>,
    /// Its analysis (against the frameworks of the report under review when
    /// it was compared).
    pub analysis: Analysis,
    /// The reviewer's saved assessment of this year's report (its sidecar),
    /// if there is one: the verdicts, scores and comments the comparison
    /// shows beside the automatic status.
    pub assessment: Option<crate::assessment::Assessment>,
}

impl YearReport {
    /// The reporting year, if known.
    pub fn year(&self) -> Option<i32> {
        self.doc.structure.metadata.year
    }

    /// The reporting unit, if known.
    pub fn unit(&self) -> Option<&str> {
        self.doc.structure.metadata.unit.as_deref()
    }

    /// Column heading: the year, else the file name.
    pub fn column_label(&self, lang: Lang) -> String {
        column_label(&self.doc, lang)
    }

    /// The automatic status of item `id` in this report's analysis.
    pub fn status(&self, id: &str) -> Option<AutoStatus> {
        status_in(&self.analysis, id)
    }

    /// The best `n` evidence passages of item `id`.
    pub fn top_evidence(&self, id: &str, n: usize) -> Vec<&Evidence> {
        top_evidence(&self.analysis, id, n)
    }

    /// The reviewer's review of item `id` in this year's assessment.
    pub fn review(&self, id: &str) -> Option<&crate::assessment::Review> {
        self.assessment
            .as_ref()
            .and_then(|a| a.item(id))
            .map(|i| &i.review)
    }
}

/// A column heading for `doc`: "2020年" / "2020", else its file name.
pub fn column_label(doc: &Document, lang: Lang) -> String {
    match doc.structure.metadata.year {
        Some(y) => lang.pick(&format!("{y}年"), &y.to_string()).to_string(),
        None => doc.source.name.clone(),
    }
}

/// The automatic status of item `id` in `analysis`.
pub fn status_in(analysis: &Analysis, id: &str) -> Option<AutoStatus> {
    analysis.items.iter().find(|i| i.id == id).map(|i| i.status)
}

/// The best `n` evidence passages of item `id` in `analysis`. An item
/// whose status comes from its sub-items (no evidence of its own) shows
/// theirs, strongest first — so a status of 部分覆盖 never stands beside
/// "no evidence found".
pub fn top_evidence<'a>(analysis: &'a Analysis, id: &str, n: usize) -> Vec<&'a Evidence> {
    let own: Vec<&Evidence> = analysis
        .items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.evidence.iter().take(n).collect())
        .unwrap_or_default();
    if !own.is_empty() {
        return own;
    }
    let prefix = format!("{id}.");
    let mut children: Vec<&Evidence> = analysis
        .items
        .iter()
        .filter(|i| i.id.starts_with(&prefix))
        .flat_map(|i| i.evidence.iter())
        .collect();
    children.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut seen = std::collections::HashSet::new();
    children.retain(|e| seen.insert(e.range));
    children.truncate(n);
    children
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ItemResult;
    use crate::text::CharRange;

    #[test]
    fn looks_up_an_items_status_and_best_evidence() {
        let ev = |start: usize| Evidence {
            range: CharRange::new(start, start + 2),
            quote: "正文".into(),
            score: 1.0,
            matched: Vec::new(),
            strength: crate::analysis::Strength::Unrated,
        };
        let analysis = Analysis {
            items: vec![ItemResult {
                id: "G21-01".into(),
                framework: "G21".into(),
                title: "t".into(),
                parent: None,
                depth: 0,
                weight: 1.0,
                status: AutoStatus::Partial,
                score: 0.5,
                reason: crate::analysis::Reason::None,
                evidence: vec![ev(0), ev(5), ev(9)],
            }],
            ..Analysis::default()
        };
        assert_eq!(status_in(&analysis, "G21-01"), Some(AutoStatus::Partial));
        assert_eq!(status_in(&analysis, "G21-02"), None);
        let best = top_evidence(&analysis, "G21-01", 2);
        assert_eq!(best.len(), 2);
        assert_eq!(best[1].range.start, 5);
        assert!(top_evidence(&analysis, "G21-02", 2).is_empty());
        // A parent without evidence of its own shows its sub-items'.
        let mut with_children = analysis.clone();
        with_children.items[0].evidence.clear();
        for (k, start) in [(1, 20), (2, 30)] {
            let mut child = analysis.items[0].clone();
            child.id = format!("G21-01.{k}");
            child.evidence = vec![Evidence {
                score: start as f32,
                ..ev(start)
            }];
            with_children.items.push(child);
        }
        let shown = top_evidence(&with_children, "G21-01", 3);
        assert_eq!(
            shown.iter().map(|e| e.range.start).collect::<Vec<_>>(),
            [30, 20],
            "the sub-items' evidence, strongest first"
        );
        let doc = Document::from_text("甲.txt", "某区2021年法治政府建设年度报告\n正文。\n");
        assert_eq!(column_label(&doc, Lang::Zh), "2021年");
        assert_eq!(column_label(&doc, Lang::En), "2021");
        let undated = Document::from_text("甲.txt", "正文。\n");
        assert_eq!(column_label(&undated, Lang::Zh), "甲.txt");
    }
}
