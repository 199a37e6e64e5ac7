//! The year-over-year comparison's state, drivable without a window: the
//! reports of the same unit opened this session ([`YearReport`]), the
//! comparison shown ([`Active`]: the older report against the one being
//! reviewed), which tab and row are selected and the character diff asked
//! for ([`DiffView`]). Everything shown is computed by
//! [`crate::compare::compare_years`] on the worker; the view draws it.

use std::path::{Path, PathBuf};

use crate::compare::YearReport;
use crate::compare::{AlignedPair, ChartBar, Comparison, DiffOp, Mismatch, YearComparison};
use crate::text::CharRange;

use crate::ui::actions::CompareTab;

/// Older reports kept in memory this session (each holds its text and
/// analysis, a few hundred KB).
pub const MAX_SESSION: usize = 8;

/// A character diff asked for, and its result once the worker has it.
#[derive(Debug, Clone)]
pub struct DiffView {
    /// What is compared (shown above the diff).
    pub label: String,
    /// The passage of the older report.
    pub old: CharRange,
    /// The passage of the newer report.
    pub new: CharRange,
    /// The worker job computing it.
    pub ticket: u64,
    /// The diff, when it is ready.
    pub ops: Option<Vec<DiffOp>>,
    /// The passages aligned by sentence (with `ops`).
    pub rows: Vec<crate::compare::SentenceRow>,
}

/// The comparison shown: the older report against the one under review.
#[derive(Debug, Clone)]
pub struct Active {
    /// The older report (a key into [`Comparisons::session`]).
    pub older_path: PathBuf,
    /// The newer report (the one under review when it was computed).
    pub newer_path: PathBuf,
    /// The result.
    pub comparison: Comparison,
    /// Sections offered for a diff.
    pub pairs: Vec<AlignedPair>,
    /// Why the comparison may mislead.
    pub mismatches: Vec<Mismatch>,
    /// The indicator pairs as chart bars.
    pub chart: Vec<ChartBar>,
}

impl Active {
    /// The comparison of `older_path` with `newer_path`, as the worker made it.
    pub fn new(older_path: PathBuf, newer_path: PathBuf, made: YearComparison) -> Active {
        Active {
            older_path,
            newer_path,
            comparison: made.comparison,
            pairs: made.pairs,
            mismatches: made.mismatches,
            chart: made.chart,
        }
    }
}

/// A comparison being computed.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The worker job.
    pub ticket: u64,
    /// The older report.
    pub path: PathBuf,
}

/// Everything about year-over-year comparison this session.
#[derive(Debug, Default)]
pub struct Comparisons {
    /// Reports of this session other than the one under review, newest
    /// remembered first.
    pub session: Vec<YearReport>,
    /// The comparison shown, if one was made.
    pub active: Option<Active>,
    /// The comparison view is shown instead of the workbench.
    pub open: bool,
    /// The tab shown.
    pub tab: CompareTab,
    /// Selected row of the items table (index into `comparison.items`).
    pub selected_item: Option<usize>,
    /// Selected recycled passage.
    pub selected_passage: Option<usize>,
    /// Selected pair of aligned sections.
    pub selected_pair: Option<usize>,
    /// Selected indicator (index into `comparison.indicators`).
    pub selected_indicator: Option<usize>,
    /// Show this passage once this report has opened (a sentence of the
    /// older report followed from the comparison).
    pub jump_on_open: Option<(PathBuf, CharRange)>,
    /// The diff shown.
    pub diff: Option<DiffView>,
    /// The same unit's other reports in the report's folder (the picker's
    /// one-click choices), once the worker has read them.
    pub same_unit: Option<crate::compare::SameUnitReports>,
    /// The worker job reading them.
    pub same_unit_ticket: Option<u64>,
    /// A comparison being computed.
    pub pending: Option<Pending>,
    /// Compare with this file as soon as the report has opened (the
    /// `SHENYUE_COMPARE_WITH` start-up option).
    pub on_open: Option<PathBuf>,
}

impl Comparisons {
    /// Keeps `report` for this session (replacing an older copy of it).
    pub fn remember(&mut self, report: YearReport) {
        self.session.retain(|r| r.path != report.path);
        self.session.insert(0, report);
        self.session.truncate(MAX_SESSION);
    }

    /// Forgets `path` (it became the report under review).
    pub fn forget(&mut self, path: &Path) {
        self.session.retain(|r| r.path != path);
    }

    /// The older report of the comparison shown.
    pub fn older(&self) -> Option<&YearReport> {
        let a = self.active.as_ref()?;
        self.session.iter().find(|r| r.path == a.older_path)
    }

    /// The session reports shown as year columns beside the report under
    /// review: the compared one, and others of the same unit; oldest first.
    pub fn columns(&self, unit: Option<&str>, current: &Path) -> Vec<&YearReport> {
        let older = self.active.as_ref().map(|a| a.older_path.as_path());
        let mut cols: Vec<&YearReport> = self
            .session
            .iter()
            .filter(|r| r.path != current)
            .filter(|r| {
                Some(r.path.as_path()) == older
                    || (unit.is_some() && r.unit() == unit && r.year().is_some())
            })
            .collect();
        cols.sort_by_key(|r| r.year().unwrap_or(i32::MIN));
        cols
    }

    /// Clears what belongs to the report under review (another report opened).
    pub fn reset(&mut self) {
        self.active = None;
        self.open = false;
        self.selected_item = None;
        self.selected_passage = None;
        self.selected_pair = None;
        self.selected_indicator = None;
        self.diff = None;
        self.pending = None;
        self.same_unit = None;
        self.same_unit_ticket = None;
    }

    /// The picker's choices: the same unit's earlier reports in the
    /// folder of `current`, newest first.
    pub fn earlier_in_folder(&self, current: &Path) -> Vec<&crate::compare::SameUnitReport> {
        self.same_unit
            .as_ref()
            .filter(|f| f.report == current)
            .map(|f| f.earlier().collect())
            .unwrap_or_default()
    }

    /// Clears the selections of a previous comparison.
    pub fn clear_selection(&mut self) {
        self.selected_item = None;
        self.selected_passage = None;
        self.selected_pair = None;
        self.selected_indicator = None;
        self.diff = None;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analysis::Analysis;
    use crate::document::Document;

    fn doc(name: &str, text: &str) -> Document {
        Document::from_text(name, text)
    }

    #[test]
    fn columns_are_the_compared_report_and_others_of_the_unit_oldest_first() {
        let mk = |name: &str, text: &str| YearReport {
            path: PathBuf::from(name),
            doc: Arc::new(doc(name, text)),
            analysis: Analysis::default(),
            assessment: None,
        };
        let r2020 = mk(
            "2020.txt",
            "湛江经济技术开发区2020年法治政府建设年度报告\n正文。\n",
        );
        let r2021 = mk(
            "2021.txt",
            "湛江经济技术开发区2021年法治政府建设年度报告\n正文。\n",
        );
        let unit = r2020.unit().map(str::to_string);
        let mut c = Comparisons::default();
        c.remember(r2021);
        c.remember(r2020);
        c.active = Some(Active {
            older_path: PathBuf::from("2020.txt"),
            newer_path: PathBuf::from("2022.txt"),
            comparison: crate::compare::compare(
                &doc("x", "x"),
                &Analysis::default(),
                &doc("y", "y"),
                &Analysis::default(),
            ),
            pairs: Vec::new(),
            mismatches: Vec::new(),
            chart: Vec::new(),
        });
        let cols = c.columns(unit.as_deref(), Path::new("2022.txt"));
        let names: Vec<&str> = cols.iter().map(|r| r.doc.source.name.as_str()).collect();
        assert_eq!(unit.as_deref(), Some("湛江经济技术开发区"));
        assert_eq!(names, ["2020.txt", "2021.txt"]);
        let other_unit = c.columns(Some("霞山区"), Path::new("2022.txt"));
        assert_eq!(other_unit.len(), 1, "only the compared report");
        assert_eq!(c.older().map(|r| r.path.clone()), Some("2020.txt".into()));
    }
}
