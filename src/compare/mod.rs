//! Year-over-year comparison of two reports of one unit: did the newer
//! report follow through on the older one's plans, how did the numbers move,
//! how much text was recycled, and how the checklist changed.
//!
//! - [`plans`] / [`follow_through`]: the older report's 下一年度安排 items,
//!   each looked up among the newer report's achievements (`plans.rs`).
//! - [`recycled`]: passages of the newer report repeating the older one,
//!   by hashed character shingles (`recycled.rs`).
//! - [`indicator_pairs`] / [`indicator_pairs_in`]: the same indicator in both
//!   years (`indicators.rs`).
//! - [`char_diff`]: a character diff of two aligned sections (`diff.rs`).
//! - [`item_changes`]: checklist statuses side by side, by item id.
//! - [`compare`] ties these into a [`Comparison`], whose JSON is the stable
//!   interface of `shenyue compare`; [`to_markdown`] and [`to_html`] render it
//!   (`render.rs`).
//! - For the workbench, [`compare_years`] adds what the comparison view
//!   shows beside it ([`YearComparison`]): the sections offered for a diff
//!   ([`aligned_pairs`], `align.rs`), why the pair may mislead
//!   ([`mismatches`], `mismatch.rs`) and the indicator chart ([`chart_bars`],
//!   `figures.rs`); [`YearReport`] is one year of the items × years matrix
//!   (`year.rs`); [`same_unit_reports`] finds the unit's other years in a
//!   report's folder for the comparison picker (`folder.rs`).
//!
//! All positions are character offsets into the clean text of the report
//! they refer to (`old_*` into the older, everything else of follow-through
//! evidence and recycled `new_*` into the newer).

mod align;
mod diff;
mod figures;
mod folder;
mod indicators;
mod mismatch;
mod ngram;
mod plans;
mod recycled;
mod render;
mod year;

use serde::Serialize;
use serde::ser::Serializer;

use crate::analysis::indicators::extract_indicators;
use crate::analysis::{Analysis, AutoStatus, Indicator};
use crate::document::Document;
use crate::document::summary::DocumentSummary;

pub use align::{AlignedPair, PairKind, aligned_pairs};
pub use diff::{
    DIFF_TIMEOUT, DiffKind, DiffOp, RowKind, SAME_SENTENCE, SentenceRow, char_diff, diff_ratio,
    sentence_diff,
};
pub use figures::{ChartBar, change_text, chart_bars, value_text};
pub use folder::{MAX_FOLDER_FILES, SameUnitReport, SameUnitReports, same_unit_reports};
pub use indicators::{
    IndicatorPair, MIN_NAME_SIMILARITY, Trend, indicator_pairs, indicator_pairs_in,
};
pub use mismatch::{Mismatch, mismatches, warning};
pub use plans::{
    EVIDENCE_MIN, FollowStatus, FollowThrough, Plan, Quote, REPORTED_SINGLE, REPORTED_TOP,
    follow_through, plans,
};
pub use recycled::{
    MAX_GAP, MIN_PASSAGE, MIN_SIMILARITY, PartShare, RED_FLAG_SHARE, Recycled, RecycledPassage,
    SHINGLE, recycled,
};
pub use render::{escape_html, to_html, to_markdown};
pub use year::{YearReport, column_label, status_in, top_evidence};

/// One checklist item's automatic status in each year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    /// Item id ("G21-07"); items of different frameworks never share one.
    pub id: String,
    /// Item title (from the newer analysis when it has the item).
    pub title: String,
    /// Status in the older report, `null` when its analysis lacks the item.
    #[serde(serialize_with = "ser_status")]
    pub old_status: Option<AutoStatus>,
    /// Status in the newer report, `null` when its analysis lacks the item.
    #[serde(serialize_with = "ser_status")]
    pub new_status: Option<AutoStatus>,
}

impl ItemChange {
    /// True when both years have the item and its status differs.
    pub fn changed(&self) -> bool {
        matches!((self.old_status, self.new_status), (Some(a), Some(b)) if a != b)
    }

    /// How the item's status moved from the older to the newer year.
    pub fn change(&self) -> StatusChange {
        StatusChange::between(self.old_status, self.new_status)
    }
}

/// How an item's automatic status moved from the older to the newer year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Better covered this year.
    Better,
    /// Less covered this year.
    Worse,
    /// The same status.
    Same,
    /// Only the newer analysis has the item.
    New,
    /// Only the older analysis has the item.
    Gone,
}

impl StatusChange {
    /// The change between two statuses (missing < partial < covered).
    pub fn between(old: Option<AutoStatus>, new: Option<AutoStatus>) -> StatusChange {
        match (old, new) {
            (Some(a), Some(b)) => match rank(b).cmp(&rank(a)) {
                std::cmp::Ordering::Greater => StatusChange::Better,
                std::cmp::Ordering::Less => StatusChange::Worse,
                std::cmp::Ordering::Equal => StatusChange::Same,
            },
            (None, _) => StatusChange::New,
            (Some(_), None) => StatusChange::Gone,
        }
    }

    /// Marker for a table.
    pub fn symbol(self) -> &'static str {
        match self {
            StatusChange::Better => "↑",
            StatusChange::Worse => "↓",
            StatusChange::Same => "=",
            StatusChange::New => "+",
            StatusChange::Gone => "−",
        }
    }
}

fn rank(s: AutoStatus) -> u8 {
    match s {
        AutoStatus::Missing => 0,
        AutoStatus::Partial => 1,
        AutoStatus::Covered => 2,
    }
}

/// `covered` / `partial` / `missing` / null, as in every Shenyue JSON.
fn ser_status<S: Serializer>(status: &Option<AutoStatus>, s: S) -> Result<S::Ok, S::Error> {
    match status {
        Some(st) => s.serialize_str(st.as_str()),
        None => s.serialize_none(),
    }
}

/// Checklist items of both analyses aligned by id: the older analysis's
/// items in order, then the items only the newer one has.
pub fn item_changes(old: &Analysis, new: &Analysis) -> Vec<ItemChange> {
    let mut out: Vec<ItemChange> = old
        .items
        .iter()
        .map(|o| {
            let n = new.items.iter().find(|n| n.id == o.id);
            ItemChange {
                id: o.id.clone(),
                title: n.map_or_else(|| o.title.clone(), |n| n.title.clone()),
                old_status: Some(o.status),
                new_status: n.map(|n| n.status),
            }
        })
        .collect();
    out.extend(
        new.items
            .iter()
            .filter(|n| !old.items.iter().any(|o| o.id == n.id))
            .map(|n| ItemChange {
                id: n.id.clone(),
                title: n.title.clone(),
                old_status: None,
                new_status: Some(n.status),
            }),
    );
    out
}

/// The whole comparison of an older and a newer report. Its JSON (field
/// names and meanings) is the stable interface of `shenyue compare`:
/// change it only additively.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The older report's metadata.
    pub old: DocumentSummary,
    /// The newer report's metadata.
    pub new: DocumentSummary,
    /// Checklist statuses side by side.
    pub items: Vec<ItemChange>,
    /// Each plan of the older report, looked up in the newer one.
    pub follow_through: Vec<FollowThrough>,
    /// Indicators: pairs first (newer report's order), then unpaired ones.
    pub indicators: Vec<IndicatorPair>,
    /// Recycled passages, share and share per part (`recycled`,
    /// `recycled_share`, `recycled_parts` in JSON).
    #[serde(flatten)]
    pub recycled: Recycled,
}

impl Comparison {
    /// Follow-through counts: (reported, partly, not reported).
    pub fn follow_counts(&self) -> (usize, usize, usize) {
        let count = |st: FollowStatus| {
            self.follow_through
                .iter()
                .filter(|f| f.status == st)
                .count()
        };
        (
            count(FollowStatus::Reported),
            count(FollowStatus::Partly),
            count(FollowStatus::NotReported),
        )
    }

    /// How many checklist items changed as `ch`.
    pub fn change_count(&self, ch: StatusChange) -> usize {
        self.items.iter().filter(|i| i.change() == ch).count()
    }

    /// The indicators found in both years in the same unit: the ones
    /// compared (table, chart, exports).
    pub fn indicator_pairs(&self) -> impl Iterator<Item = &IndicatorPair> {
        self.indicators.iter().filter(|p| p.comparable())
    }

    /// The indicators found in both years but in different units (83起 /
    /// 1宗): listed apart, never compared.
    pub fn unit_mismatches(&self) -> impl Iterator<Item = &IndicatorPair> {
        self.indicators.iter().filter(|p| p.units_differ())
    }
}

/// How a document is named in the comparison: its path when loaded from
/// disk, else its name.
fn file_label(doc: &Document) -> String {
    doc.source
        .path
        .as_ref()
        .map_or_else(|| doc.source.name.clone(), |p| p.display().to_string())
}

/// The analysis's indicators, or freshly extracted ones when the analysis
/// carries none (e.g. a bare `Analysis::default()`).
fn indicators_of(doc: &Document, analysis: &Analysis) -> Vec<Indicator> {
    if analysis.indicators.is_empty() {
        extract_indicators(&doc.text)
    } else {
        analysis.indicators.clone()
    }
}

/// Compares an older report with a newer one of the same unit.
pub fn compare(
    old_doc: &Document,
    old_analysis: &Analysis,
    new_doc: &Document,
    new_analysis: &Analysis,
) -> Comparison {
    let old_ind = indicators_of(old_doc, old_analysis);
    let new_ind = indicators_of(new_doc, new_analysis);
    Comparison {
        old: DocumentSummary::new(old_doc, &file_label(old_doc), false),
        new: DocumentSummary::new(new_doc, &file_label(new_doc), false),
        items: item_changes(old_analysis, new_analysis),
        follow_through: follow_through(old_doc, new_doc),
        indicators: indicator_pairs_in(old_doc, &old_ind, new_doc, &new_ind),
        recycled: recycled(old_doc, new_doc),
    }
}

/// A comparison with what the workbench shows beside it, all computed at
/// once (on the worker): the view only displays it.
#[derive(Debug, Clone)]
pub struct YearComparison {
    /// The comparison itself (as `shenyue compare` writes it).
    pub comparison: Comparison,
    /// Sections of both reports offered for a character diff.
    pub pairs: Vec<AlignedPair>,
    /// Why the comparison may mislead.
    pub mismatches: Vec<Mismatch>,
    /// The indicator pairs as chart bars (older year = 100).
    pub chart: Vec<ChartBar>,
}

/// [`compare`] with the aligned sections, the mismatches and the chart.
pub fn compare_years(
    old_doc: &Document,
    old_analysis: &Analysis,
    new_doc: &Document,
    new_analysis: &Analysis,
) -> YearComparison {
    let comparison = compare(old_doc, old_analysis, new_doc, new_analysis);
    let paired: Vec<IndicatorPair> = comparison.indicator_pairs().cloned().collect();
    YearComparison {
        chart: chart_bars(&paired),
        pairs: aligned_pairs(old_doc, new_doc),
        mismatches: mismatches(old_doc, new_doc),
        comparison,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ItemResult;

    #[test]
    fn change_ranks_statuses() {
        use AutoStatus::*;
        assert_eq!(
            StatusChange::between(Some(Missing), Some(Covered)),
            StatusChange::Better
        );
        assert_eq!(
            StatusChange::between(Some(Covered), Some(Partial)),
            StatusChange::Worse
        );
        assert_eq!(
            StatusChange::between(Some(Partial), Some(Partial)),
            StatusChange::Same
        );
        assert_eq!(
            StatusChange::between(None, Some(Partial)),
            StatusChange::New
        );
        assert_eq!(
            StatusChange::between(Some(Partial), None),
            StatusChange::Gone
        );
        let c = Comparison {
            items: vec![ItemChange {
                id: "G21-01".into(),
                title: String::new(),
                old_status: Some(Missing),
                new_status: Some(Covered),
            }],
            ..compare(
                &Document::from_text("a", "a"),
                &Analysis::default(),
                &Document::from_text("b", "b"),
                &Analysis::default(),
            )
        };
        assert_eq!(c.change_count(StatusChange::Better), 1);
        assert_eq!(c.change_count(StatusChange::Worse), 0);
    }

    #[test]
    fn year_comparison_adds_pairs_mismatches_and_chart() {
        let old = Document::from_text(
            "old.txt",
            "甲区2021年法治政府建设年度报告\n一、主要工作情况\n全年办理行政复议案件20件。\n\
             二、存在的不足\n法治宣传不够深入。\n",
        );
        let new = Document::from_text(
            "new.txt",
            "乙区2022年法治政府建设年度报告\n一、主要工作情况\n全年办理行政复议案件25件。\n\
             二、存在的不足\n法治宣传不够深入。\n",
        );
        let y = compare_years(&old, &Analysis::default(), &new, &Analysis::default());
        assert!(!y.pairs.is_empty(), "{:#?}", y.pairs);
        assert!(
            matches!(y.mismatches.as_slice(), [Mismatch::OtherUnit { .. }]),
            "{:?}",
            y.mismatches
        );
        assert_eq!(y.chart.len(), y.comparison.indicator_pairs().count());
        assert!(
            y.chart.iter().any(|b| (b.new - 125.0).abs() < 1e-9),
            "{:?}",
            y.chart
        );
    }

    fn item(id: &str, status: AutoStatus) -> ItemResult {
        ItemResult {
            id: id.into(),
            framework: id.split('-').next().unwrap_or("").into(),
            title: format!("title {id}"),
            parent: None,
            depth: 0,
            weight: 1.0,
            status,
            score: 0.0,
            reason: crate::analysis::Reason::None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn items_are_aligned_by_id() {
        let old = Analysis {
            items: vec![
                item("G21-01", AutoStatus::Partial),
                item("G21-02", AutoStatus::Covered),
            ],
            ..Analysis::default()
        };
        let new = Analysis {
            items: vec![
                item("G21-02", AutoStatus::Missing),
                item("G21-01", AutoStatus::Covered),
                item("G21-03", AutoStatus::Covered),
            ],
            ..Analysis::default()
        };
        let ch = item_changes(&old, &new);
        let ids: Vec<&str> = ch.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["G21-01", "G21-02", "G21-03"]);
        assert_eq!(ch[0].old_status, Some(AutoStatus::Partial));
        assert_eq!(ch[0].new_status, Some(AutoStatus::Covered));
        assert!(ch[1].changed());
        assert_eq!(ch[2].old_status, None);
        let v = serde_json::to_value(&ch).unwrap();
        assert_eq!(v[0]["old_status"], "partial");
        assert_eq!(v[1]["new_status"], "missing");
        assert!(v[2]["old_status"].is_null());
    }

    #[test]
    fn comparison_json_has_the_stable_keys() {
        let old = Document::from_text(
            "old.txt",
            "某区2021年法治政府建设年度报告\n一、主要工作情况\n全年办理行政复议案件13件。\n\
             二、下一步工作打算\n（一）推行行政执法公示制度。建立执法信息公示平台。\n",
        );
        let new = Document::from_text(
            "new.txt",
            "某区2022年法治政府建设年度报告\n一、主要举措和成效\n全面推行行政执法公示制度，建成执法信息公示平台。全年办理行政复议案件15件。\n",
        );
        let c = compare(&old, &Analysis::default(), &new, &Analysis::default());
        let v = serde_json::to_value(&c).unwrap();
        for key in [
            "old",
            "new",
            "items",
            "follow_through",
            "indicators",
            "recycled",
            "recycled_share",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["old"]["file"], "old.txt");
        assert_eq!(v["new"]["year"], 2022);
        assert_eq!(v["follow_through"][0]["plan"], "推行行政执法公示制度");
        assert_eq!(v["follow_through"][0]["status"], "reported");
        let ind = &v["indicators"][0];
        assert_eq!(ind["old"]["value"], 13.0);
        assert_eq!(ind["new"]["value"], 15.0);
        assert_eq!(ind["trend"], "up");
        assert_eq!(c.follow_counts(), (1, 0, 0));
    }

    #[test]
    fn two_large_reports_compare() {
        // Speed is measured by `cargo bench --bench pipeline` (compare/500k_chars).
        // Two reports of about 500,000 characters, with figures on every
        // line, thirty plans, and half of the newer text copied.
        let topics = [
            "办理行政复议案件",
            "调解矛盾纠纷",
            "审查规范性文件",
            "开展执法案卷评查",
            "接待群众来访",
            "举办法治讲座",
            "审查重大合同",
            "公开政府信息",
        ];
        let line = |k: usize, year: usize| {
            let t = topics[k % topics.len()];
            let u = topics[(k / 3 + year) % topics.len()];
            format!(
                "第{k}项：{year}年全区{t}{}件，比上年增长{}%，并{u}{}宗，推动镇街第{k}批综合执法事项下放。\n",
                k * 7 % 500,
                k % 40,
                k * 3 % 900
            )
        };
        let mut old = String::from("某区2021年法治政府建设年度报告\n一、主要工作情况\n");
        let mut new = String::from("某区2022年法治政府建设年度报告\n一、主要举措和成效\n");
        for k in 0..8000 {
            old.push_str(&line(k, 2021));
            new.push_str(&if k % 2 == 0 {
                line(k, 2021)
            } else {
                line(k, 2022)
            });
        }
        old.push_str("二、下一步工作打算\n");
        for k in 0..30 {
            old.push_str(&format!(
                "（{}）{}。持续推进第{k}类事项改革。\n",
                k + 1,
                topics[k % topics.len()]
            ));
        }
        let (old, new) = (
            Document::from_text("o", &old),
            Document::from_text("n", &new),
        );
        assert!(old.char_len() > 450_000 && new.char_len() > 450_000);
        let c = compare(&old, &Analysis::default(), &new, &Analysis::default());
        assert_eq!(c.follow_through.len(), 30);
        assert!(c.recycled.share > 0.3, "{}", c.recycled.share);
        assert!(c.indicator_pairs().count() > 1000);
    }
}
