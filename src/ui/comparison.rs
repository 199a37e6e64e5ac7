//! The year-over-year comparison's state, drivable without a window: the
//! reports of the same unit opened this session ([`YearReport`]), the
//! comparison shown ([`Active`]: the older report against the one being
//! reviewed), which tab and row are selected, the sections that can be
//! diffed ([`AlignedPair`]) and the character diff asked for
//! ([`DiffView`]). The comparison itself is computed by
//! [`crate::compare::compare`] on the worker; the view is `compare_view`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{Analysis, AutoStatus, Evidence};
use crate::compare::{Comparison, DiffOp, IndicatorPair};
use crate::document::Document;
use crate::i18n::Lang;
use crate::structure::{PartId, Structure};
use crate::text::CharRange;

use super::strings::T;

/// Older reports kept in memory this session (each holds its text and
/// analysis, a few hundred KB).
pub const MAX_SESSION: usize = 8;

/// Heading levels whose sections are offered for a diff (一、 and （一）).
const PAIR_LEVELS: u8 = 2;

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

/// The best `n` evidence passages of item `id` in `analysis`.
pub fn top_evidence<'a>(analysis: &'a Analysis, id: &str, n: usize) -> Vec<&'a Evidence> {
    analysis
        .items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.evidence.iter().take(n).collect())
        .unwrap_or_default()
}

/// The tabs of the comparison view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareTab {
    /// 总览: plans, indicator chart and recycled share on one page.
    #[default]
    Overview,
    /// 逐项对照: items × years.
    Items,
    /// 上年计划落实: the older report's plans.
    FollowThrough,
    /// 指标对比: indicators in both years.
    Indicators,
    /// 重复文字: recycled text and diffs.
    Recycled,
}

impl CompareTab {
    /// Every tab, in display order.
    pub const ALL: [CompareTab; 5] = [
        CompareTab::Overview,
        CompareTab::Items,
        CompareTab::FollowThrough,
        CompareTab::Indicators,
        CompareTab::Recycled,
    ];

    /// The tab's label.
    pub fn label(self) -> T {
        match self {
            CompareTab::Overview => T::TabOverview,
            CompareTab::Items => T::TabItems,
            CompareTab::FollowThrough => T::TabFollowThrough,
            CompareTab::Indicators => T::TabIndicators,
            CompareTab::Recycled => T::TabRecycled,
        }
    }
}

/// How an item's automatic status moved from the older to the newer year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
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

impl Change {
    /// The change between two statuses.
    pub fn between(old: Option<AutoStatus>, new: Option<AutoStatus>) -> Change {
        match (old, new) {
            (Some(a), Some(b)) => match rank(b).cmp(&rank(a)) {
                std::cmp::Ordering::Greater => Change::Better,
                std::cmp::Ordering::Less => Change::Worse,
                std::cmp::Ordering::Equal => Change::Same,
            },
            (None, _) => Change::New,
            (Some(_), None) => Change::Gone,
        }
    }

    /// Marker for the table.
    pub fn symbol(self) -> &'static str {
        match self {
            Change::Better => "↑",
            Change::Worse => "↓",
            Change::Same => "=",
            Change::New => "+",
            Change::Gone => "−",
        }
    }

    /// What the marker means.
    pub fn label(self) -> T {
        match self {
            Change::Better => T::ChangeBetter,
            Change::Worse => T::ChangeWorse,
            Change::Same => T::ChangeSame,
            Change::New => T::ChangeNew,
            Change::Gone => T::ChangeGone,
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

/// What two aligned sections are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairKind {
    /// The same required part in both reports.
    Part(PartId),
    /// Headings with the same numbering (and parents' numbering).
    Heading {
        /// "二、（一）".
        numbering: String,
        /// The older heading's text.
        old_text: String,
        /// The newer heading's text.
        new_text: String,
    },
}

/// Two sections of the two reports that correspond, offered for a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedPair {
    /// What they are.
    pub kind: PairKind,
    /// The section in the older report.
    pub old: CharRange,
    /// The section in the newer report.
    pub new: CharRange,
}

impl AlignedPair {
    /// One line for a chooser.
    pub fn label(&self, lang: Lang) -> String {
        match &self.kind {
            PairKind::Part(p) => format!("{} {}", p.as_str(), p.label(lang)),
            PairKind::Heading {
                numbering,
                old_text,
                new_text,
            } => {
                if old_text == new_text {
                    format!("{numbering} {new_text}")
                } else {
                    format!("{numbering} {old_text} ↔ {new_text}")
                }
            }
        }
    }
}

/// Sections of `old` and `new` that correspond: the required parts both
/// have (不足和原因 first, the one most often copied), then headings of the
/// two top levels with the same numbering under the same parents.
pub fn aligned_pairs(old: &Document, new: &Document) -> Vec<AlignedPair> {
    let mut out = Vec::new();
    let order = [
        PartId::DC2,
        PartId::DC1,
        PartId::DC3,
        PartId::DC4,
        PartId::DC5,
    ];
    for id in order {
        let span = |s: &Structure| {
            s.part(id)
                .filter(|p| p.present)
                .and_then(crate::structure::Part::span)
        };
        if let (Some(o), Some(n)) = (span(&old.structure), span(&new.structure))
            && !o.is_empty()
            && !n.is_empty()
        {
            out.push(AlignedPair {
                kind: PairKind::Part(id),
                old: o,
                new: n,
            });
        }
    }
    let new_keys = heading_keys(&new.structure);
    for (key, o_idx) in heading_keys(&old.structure) {
        let Some((_, n_idx)) = new_keys.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        let (Some(oh), Some(nh)) = (
            old.structure.headings.get(o_idx),
            new.structure.headings.get(*n_idx),
        ) else {
            continue;
        };
        let (Some(os), Some(ns)) = (
            section_of(&old.structure, o_idx),
            section_of(&new.structure, *n_idx),
        ) else {
            continue;
        };
        out.push(AlignedPair {
            kind: PairKind::Heading {
                numbering: key,
                old_text: oh.text.clone(),
                new_text: nh.text.clone(),
            },
            old: os,
            new: ns,
        });
    }
    out
}

/// (numbering path, heading index) of the headings of the top levels.
fn heading_keys(s: &Structure) -> Vec<(String, usize)> {
    s.sections
        .iter()
        .filter_map(|sec| {
            let h = s.headings.get(sec.heading)?;
            if h.level > PAIR_LEVELS {
                return None;
            }
            let mut key = h.numbering.clone();
            let mut parent = sec.parent;
            // Guard against a malformed parent chain.
            let mut hops = 0;
            while let Some(p) = parent {
                let ph = s.headings.get(p)?;
                key = format!("{}{key}", ph.numbering);
                parent = s.sections.iter().find(|x| x.heading == p)?.parent;
                hops += 1;
                if hops > 8 {
                    break;
                }
            }
            Some((key, sec.heading))
        })
        .collect()
}

fn section_of(s: &Structure, heading: usize) -> Option<CharRange> {
    s.sections
        .iter()
        .find(|x| x.heading == heading)
        .map(|x| x.range)
}

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
    /// The diff shown.
    pub diff: Option<DiffView>,
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
        self.diff = None;
        self.pending = None;
    }

    /// Clears the selections of a previous comparison.
    pub fn clear_selection(&mut self) {
        self.selected_item = None;
        self.selected_passage = None;
        self.selected_pair = None;
        self.diff = None;
    }
}

/// Why the comparison may be misleading, if it may: the two reports are of
/// different units, or the "older" one is not older.
pub fn warning(old: &Document, new: &Document, lang: Lang) -> Option<String> {
    let (om, nm) = (&old.structure.metadata, &new.structure.metadata);
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (&om.unit, &nm.unit)
        && a != b
    {
        out.push(format!(
            "{}{}{a} / {b}",
            T::OtherUnit.get(lang),
            colon(lang)
        ));
    }
    if let (Some(a), Some(b)) = (om.year, nm.year)
        && a >= b
    {
        out.push(format!("{}{}{a} / {b}", T::NotOlder.get(lang), colon(lang)));
    }
    (!out.is_empty()).then(|| out.join(lang.pick("；", "; ")))
}

fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// One indicator of the chart: both years as an index, the older = 100.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// The indicator's name.
    pub name: String,
    /// The older year's value as an index (always 100).
    pub old: f64,
    /// The newer year's value relative to the older (older = 100).
    pub new: f64,
    /// The older value as written ("13件").
    pub old_raw: String,
    /// The newer value as written.
    pub new_raw: String,
}

/// The paired indicators as chart bars. Indicators count different things in
/// different units and magnitudes (件, %, 亿元), so each pair is normalised
/// to the older year (= 100); a pair whose older value is 0 cannot be and is
/// left out.
pub fn chart_bars(pairs: &[IndicatorPair]) -> Vec<ChartBar> {
    pairs
        .iter()
        .filter_map(|p| {
            let (o, n) = (p.old.as_ref()?, p.new.as_ref()?);
            if o.value == 0.0 || !o.value.is_finite() || !n.value.is_finite() {
                return None;
            }
            Some(ChartBar {
                name: p.name.clone(),
                old: 100.0,
                new: n.value / o.value * 100.0,
                old_raw: o.raw.clone(),
                new_raw: n.raw.clone(),
            })
        })
        .collect()
}

/// "+9", "−3 (−12.5%)", "+298.8万": the change of a pair, with the
/// relative change when the units agree and the older value is not 0.
/// Values are after multipliers (911.2万元 is 9112000), so large changes
/// are written with 万/亿 in Chinese and with separators in English.
pub fn change_text(p: &IndicatorPair, lang: Lang) -> String {
    let (Some(o), Some(n), Some(ch)) = (&p.old, &p.new, p.change) else {
        return "—".to_string();
    };
    let abs = format_signed(ch, lang);
    if o.unit == n.unit && o.value != 0.0 {
        let rel = ch / o.value * 100.0;
        format!("{abs} ({}%)", format_signed(rel, Lang::En))
    } else {
        abs
    }
}

fn format_plain(x: f64) -> String {
    if (x.round() - x).abs() < 0.005 {
        format!("{:.0}", x)
    } else {
        format!("{:.1}", x)
    }
}

fn format_signed(x: f64, lang: Lang) -> String {
    let a = x.abs();
    let body = match lang {
        Lang::Zh if a >= 1e8 => format!("{}亿", format_plain(a / 1e8)),
        Lang::Zh if a >= 1e4 => format!("{}万", format_plain(a / 1e4)),
        Lang::En if a >= 1e4 => {
            let digits = format!("{:.0}", a);
            let mut out = String::new();
            for (k, c) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
        _ => format_plain(a),
    };
    if x > 0.0 {
        format!("+{body}")
    } else if x < 0.0 {
        format!("−{body}")
    } else {
        "0".to_string()
    }
}

/// A value as shown in the table: as written, else number and unit.
pub fn value_text(i: Option<&crate::analysis::Indicator>) -> String {
    match i {
        Some(i) if !i.raw.trim().is_empty() => i.raw.clone(),
        Some(i) => format!("{}{}", i.value, i.unit),
        None => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Indicator;

    fn doc(name: &str, text: &str) -> Document {
        Document::from_text(name, text)
    }

    #[test]
    fn change_ranks_statuses() {
        use AutoStatus::*;
        assert_eq!(
            Change::between(Some(Missing), Some(Covered)),
            Change::Better
        );
        assert_eq!(Change::between(Some(Covered), Some(Partial)), Change::Worse);
        assert_eq!(Change::between(Some(Partial), Some(Partial)), Change::Same);
        assert_eq!(Change::between(None, Some(Partial)), Change::New);
        assert_eq!(Change::between(Some(Partial), None), Change::Gone);
    }

    fn ind(value: f64, unit: &str, raw: &str) -> Indicator {
        Indicator {
            name: "受理行政复议案件".into(),
            value,
            unit: unit.into(),
            raw: raw.into(),
            approx: false,
            qualifier: None,
            range: CharRange::new(0, 1),
            item: None,
        }
    }

    fn pair(old: Option<Indicator>, new: Option<Indicator>) -> IndicatorPair {
        let change = match (&old, &new) {
            (Some(o), Some(n)) => Some(n.value - o.value),
            _ => None,
        };
        IndicatorPair {
            name: "受理行政复议案件".into(),
            old,
            new,
            similarity: 1.0,
            change,
            trend: None,
        }
    }

    #[test]
    fn chart_bars_are_indexed_to_the_older_year() {
        let bars = chart_bars(&[
            pair(Some(ind(20.0, "件", "20件")), Some(ind(25.0, "件", "25件"))),
            pair(Some(ind(0.0, "件", "0件")), Some(ind(3.0, "件", "3件"))),
            pair(None, Some(ind(3.0, "件", "3件"))),
        ]);
        assert_eq!(bars.len(), 1, "a zero base and a single year are left out");
        assert!((bars[0].new - 125.0).abs() < 1e-9);
        assert!((bars[0].old - 100.0).abs() < 1e-9);
        assert_eq!(bars[0].new_raw, "25件");
    }

    #[test]
    fn change_text_gives_absolute_and_relative_change() {
        let p = pair(Some(ind(20.0, "件", "20件")), Some(ind(25.0, "件", "25件")));
        assert_eq!(change_text(&p, Lang::Zh), "+5 (+25%)");
        let p = pair(Some(ind(20.0, "件", "20件")), Some(ind(15.0, "人", "15人")));
        assert_eq!(change_text(&p, Lang::Zh), "−5");
        assert_eq!(
            change_text(&pair(None, Some(ind(1.0, "件", "1件"))), Lang::Zh),
            "—"
        );
        // 911.2万元 → 1210万元.
        let p = pair(
            Some(ind(9_112_000.0, "元", "911.2万元")),
            Some(ind(12_100_000.0, "元", "1210万元")),
        );
        assert_eq!(change_text(&p, Lang::Zh), "+298.8万 (+32.8%)");
        assert_eq!(change_text(&p, Lang::En), "+2,988,000 (+32.8%)");
    }

    #[test]
    fn sections_with_the_same_numbering_are_aligned() {
        let old = doc(
            "old.txt",
            "某区2020年法治政府建设年度报告\n一、主要工作情况\n（一）加强组织领导。成立领导小组。\n\
             二、存在的不足\n法治宣传不够深入。\n三、下一步工作打算\n（一）推进依法行政。\n",
        );
        let new = doc(
            "new.txt",
            "某区2022年法治政府建设年度报告\n一、主要举措和成效\n（一）加强组织领导。调整领导小组。\n\
             二、存在的不足\n法治宣传不够深入，考核不够完善。\n三、下一步工作打算\n（一）推进依法行政。\n",
        );
        let pairs = aligned_pairs(&old, &new);
        assert!(
            pairs.iter().any(|p| p.kind == PairKind::Part(PartId::DC2)),
            "{pairs:#?}"
        );
        let first = pairs
            .iter()
            .find(|p| matches!(&p.kind, PairKind::Heading { numbering, .. } if numbering == "一、（一）"))
            .unwrap_or_else(|| panic!("{pairs:#?}"));
        assert!(old.slice(first.old).contains("成立领导小组"));
        assert!(new.slice(first.new).contains("调整领导小组"));
        let labels: Vec<String> = pairs.iter().map(|p| p.label(Lang::Zh)).collect();
        assert!(
            labels
                .iter()
                .any(|l| l == "一、 主要工作情况 ↔ 主要举措和成效"),
            "{labels:?}"
        );
    }

    #[test]
    fn warns_about_another_unit_or_a_newer_report() {
        let a = doc("a.txt", "甲区人民政府2020年法治政府建设年度报告\n正文。\n");
        let b = doc("b.txt", "乙区人民政府2022年法治政府建设年度报告\n正文。\n");
        let w = warning(&b, &a, Lang::Zh).unwrap_or_default();
        assert!(w.contains("单位不同") && w.contains("乙区人民政府"), "{w}");
        assert!(w.contains("并不早于") && w.contains("2022 / 2020"), "{w}");
        assert_eq!(
            warning(&a, &b, Lang::Zh).map(|w| w.contains("不早于")),
            Some(false)
        );
        assert!(
            warning(&a, &a, Lang::Zh).is_some(),
            "a report is not older than itself"
        );
    }

    #[test]
    fn columns_are_the_compared_report_and_others_of_the_unit_oldest_first() {
        let mk = |name: &str, text: &str| YearReport {
            path: PathBuf::from(name),
            doc: Arc::new(doc(name, text)),
            analysis: Analysis::default(),
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
