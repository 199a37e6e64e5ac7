//! The stable JSON of `shenyue check --format json`: the report's metadata,
//! the frameworks used, every item's auto result and the indicators. Other
//! tools read it: change it only additively.

use serde::Serialize;

use super::Analysis;
use crate::document::Document;
use crate::document::summary::DocumentSummary;
use crate::i18n::Lang;

/// The whole check result.
#[derive(Debug, Serialize)]
pub struct CheckJson {
    /// Report metadata (as `inspect --json`, without text).
    pub report: DocumentSummary,
    /// What kind of document this is ("annual_report", "work_points",
    /// "other"); as `report.document_kind`, repeated at the top for tools.
    pub document_kind: &'static str,
    /// Why, in the language asked for.
    pub document_kind_reason: String,
    /// Framework ids used.
    pub frameworks: Vec<String>,
    /// One entry per item.
    pub items: Vec<ItemJson>,
    /// Quantitative statements.
    pub indicators: Vec<IndicatorJson>,
    /// Notices for the reviewer.
    pub notices: Vec<String>,
}

/// One checklist item.
#[derive(Debug, Serialize)]
pub struct ItemJson {
    /// Item id.
    pub id: String,
    /// Framework id.
    pub framework: String,
    /// Title.
    pub title: String,
    /// Parent item id, for sub-items.
    pub parent: Option<String>,
    /// `covered`, `partial` or `missing`.
    pub status: &'static str,
    /// 0–100.
    pub score: f32,
    /// One readable line.
    pub reason: String,
    /// Ranked evidence.
    pub evidence: Vec<EvidenceJson>,
}

/// One evidence passage.
#[derive(Debug, Serialize)]
pub struct EvidenceJson {
    /// Start (characters into the clean text).
    pub start: usize,
    /// End.
    pub end: usize,
    /// The passage.
    pub quote: String,
    /// Relevance.
    pub score: f32,
    /// How strongly it shows work on the item: `concrete`, `general`,
    /// `mention` (ranked in this order; the first quote is the strongest).
    pub strength: &'static str,
    /// The same in the language asked for (具体 / 一般 / 提及).
    pub strength_label: &'static str,
}

/// One indicator.
#[derive(Debug, Serialize)]
pub struct IndicatorJson {
    /// What is counted.
    pub name: String,
    /// The number.
    pub value: f64,
    /// The unit.
    pub unit: String,
    /// As written.
    pub raw: String,
    /// Approximate (余, 多).
    pub approx: bool,
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Item it belongs to.
    pub item: Option<String>,
}

impl CheckJson {
    /// Builds the JSON view of an analysis of `doc`, its reasons and
    /// `notices` written in `lang`.
    pub fn new(
        doc: &Document,
        file: &str,
        analysis: &Analysis,
        notices: Vec<String>,
        lang: Lang,
    ) -> CheckJson {
        CheckJson {
            report: DocumentSummary::new(doc, file, false),
            document_kind: doc.structure.metadata.document_kind.kind.as_str(),
            document_kind_reason: doc.structure.metadata.document_kind.reason.message(lang),
            frameworks: analysis.frameworks.clone(),
            items: analysis
                .items
                .iter()
                .map(|i| ItemJson {
                    id: i.id.clone(),
                    framework: i.framework.clone(),
                    title: i.title.clone(),
                    parent: i.parent.clone(),
                    status: i.status.as_str(),
                    score: i.score,
                    reason: i.reason.text(lang),
                    evidence: i
                        .evidence
                        .iter()
                        .map(|e| EvidenceJson {
                            start: e.range.start,
                            end: e.range.end,
                            quote: e.quote.clone(),
                            score: e.score,
                            strength: e.strength.as_str(),
                            strength_label: e.strength.label(lang),
                        })
                        .collect(),
                })
                .collect(),
            indicators: analysis
                .indicators
                .iter()
                .map(|x| IndicatorJson {
                    name: x.name.clone(),
                    value: x.value,
                    unit: x.unit.clone(),
                    raw: x.raw.clone(),
                    approx: x.approx,
                    start: x.range.start,
                    end: x.range.end,
                    item: x.item.clone(),
                })
                .collect(),
            notices,
        }
    }
}
