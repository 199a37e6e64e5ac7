//! Analysis: from a [`crate::document::Document`] and frameworks to the
//! auto-filled checklist (ranked evidence, status, reason per item) and the
//! quantitative indicators.

use serde::{Deserialize, Serialize};

use crate::text::CharRange;

/// Automatic status of one checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AutoStatus {
    /// Clear evidence found.
    Covered,
    /// Some, weak or thin evidence.
    Partial,
    /// Nothing found.
    Missing,
}

impl AutoStatus {
    /// Stable lower-case name used in JSON (`covered`, `partial`, `missing`).
    pub fn as_str(self) -> &'static str {
        match self {
            AutoStatus::Covered => "covered",
            AutoStatus::Partial => "partial",
            AutoStatus::Missing => "missing",
        }
    }
}

/// A passage that answers a checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where the passage is, in clean-text characters.
    pub range: CharRange,
    /// The passage itself.
    pub quote: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// The keywords that matched.
    pub matched: Vec<String>,
}

/// A quantitative statement found in the text ("受理行政复议案件13件").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// What is counted ("受理行政复议案件").
    pub name: String,
    /// The number, after multipliers (1.68亿 → 168000000).
    pub value: f64,
    /// The unit ("件", "%", "人次", "户").
    pub unit: String,
    /// The text as written ("13件", "600余项").
    pub raw: String,
    /// True for approximate values (余, 多, 近, 约).
    pub approx: bool,
    /// Qualifier such as "同比增长", "达", "不少于", if any.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Where the statement is, in clean-text characters (name through unit).
    pub range: CharRange,
    /// The checklist item the statement belongs to, if assigned.
    #[serde(default)]
    pub item: Option<String>,
}

pub mod indicators;

pub mod evidence;
pub mod json;
pub mod segment;

pub use evidence::Analyzer;

/// The auto result for one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    /// Item id ("G21-07", "G21-07.22").
    pub id: String,
    /// Framework id ("G21").
    pub framework: String,
    /// Item title.
    pub title: String,
    /// Parent item id, for sub-items.
    pub parent: Option<String>,
    /// 0 for top-level items.
    pub depth: usize,
    /// Weight in the rolled-up score.
    pub weight: f32,
    /// Suggested status.
    pub status: AutoStatus,
    /// Strength of the evidence, 0–100.
    pub score: f32,
    /// One line the reviewer can read ("3 passages mention 合法性审查, 集体讨论决定").
    pub reason: String,
    /// Ranked evidence, best first.
    pub evidence: Vec<Evidence>,
}

/// Everything the analysis found in one report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Framework ids used, in order.
    pub frameworks: Vec<String>,
    /// One result per item (top-level items, each followed by its sub-items).
    pub items: Vec<ItemResult>,
    /// Quantitative statements, in text order.
    pub indicators: Vec<Indicator>,
    /// Notices for the reviewer (e.g. no framework for the report's year).
    pub notices: Vec<String>,
}
