//! The assessment model: what a reviewer decided about one report (verdicts,
//! scores, comments, linked passages, annotations) beside what the analysis
//! found automatically, and its RON / JSON text form.
//!
//! Every struct reads older files: fields missing from a file take their
//! defaults (`#[serde(default)]` on each struct), so adding a field never
//! breaks a reviewer's existing assessments. Removing or re-typing a field,
//! or a new enum variant an older build cannot read, needs a new
//! [`SCHEMA_VERSION`], so that older builds refuse the file with a message
//! ("made by a newer Shenyue") instead of a parse error.
//!
//! Versions: 1 — the first release; 2 — evidence carries its strength
//! (具体/一般/提及) and reasons say why evidence is weak (new `Reason`
//! variants). Every version's files load: `tests/fixtures/assessments/`
//! keeps one of each.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::AssessmentError;
use super::unknown::{self, UnknownFields};
use crate::analysis::{AutoStatus, Evidence, Indicator, Reason};
use crate::i18n::Lang;
use crate::text::CharRange;

/// Version of the file format this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 2;

/// Characters of context kept on each side of an [`Anchor`]'s quote.
pub const ANCHOR_CONTEXT_CHARS: usize = 20;

/// A reviewer's assessment of one annual report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assessment {
    /// File format version ([`SCHEMA_VERSION`] when written by this build).
    pub schema_version: u32,
    /// Which report was assessed.
    pub report: ReportRef,
    /// Ids of the frameworks whose checklists are used.
    pub frameworks: Vec<String>,
    /// One entry per checklist item, in checklist order (children follow their parent).
    pub items: Vec<ItemAssessment>,
    /// Quantitative statements found in the report.
    pub indicators: Vec<Indicator>,
    /// The reviewer's highlights and notes on passages.
    pub annotations: Vec<Annotation>,
    /// Who reviewed.
    pub reviewer: String,
    /// The reviewer's overall conclusion.
    pub conclusion: String,
    /// When the assessment was started.
    pub created: jiff::Timestamp,
    /// When the reviewer last changed anything (set by the caller on every edit).
    pub modified: jiff::Timestamp,
    /// Path of last year's assessment this one was pre-filled from, if any.
    pub carried_from: Option<String>,
    /// Keys of the Word comments of the report already imported as
    /// annotations (see [`super::comments`]), so one the reviewer deleted
    /// does not come back when the report is opened again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub imported_comments: Vec<String>,
    /// Fields of the file this build does not know, written back on save
    /// (see [`super::unknown`]).
    #[serde(skip)]
    pub unknown: UnknownFields,
}

/// Which report an assessment is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportRef {
    /// Path of the report; on disk relative to the assessment file's folder
    /// (see [`super::relative_report_path`]), after [`super::load`] absolute.
    pub path: String,
    /// SHA-256 (lower-case hex) of the report's clean text the anchors refer to.
    pub sha256: String,
    /// Report title.
    pub title: String,
    /// Reporting body (单位).
    pub unit: String,
    /// Reporting year, if known.
    pub year: Option<i32>,
    /// Length of the clean text in characters.
    pub chars: usize,
    /// The reviewer corrected `year` (it is kept over what the text says).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub year_corrected: bool,
    /// The reviewer corrected `unit`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unit_corrected: bool,
    /// Fields of the report reference this build does not know, written back on save.
    #[serde(skip)]
    pub unknown: UnknownFields,
}

/// Automatic result and reviewer decision for one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemAssessment {
    /// Checklist item id ("G15-3").
    pub id: String,
    /// Id of the framework the item belongs to.
    pub framework: String,
    /// Item title.
    pub title: String,
    /// Id of the parent item, for child items.
    pub parent: Option<String>,
    /// Weight in the total score (1.0 unless the framework says otherwise).
    pub weight: f32,
    /// What the analysis found.
    pub auto: AutoResult,
    /// What the reviewer decided.
    pub review: Review,
    /// Fields of the item this build does not know, written back on save.
    #[serde(skip)]
    pub unknown: UnknownFields,
}

impl Default for ItemAssessment {
    fn default() -> Self {
        Self {
            id: String::new(),
            framework: String::new(),
            title: String::new(),
            parent: None,
            weight: 1.0,
            auto: AutoResult::default(),
            review: Review::default(),
            unknown: UnknownFields::default(),
        }
    }
}

/// The analysis's automatic result for one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AutoResult {
    /// Covered / partial / missing.
    pub status: AutoStatus,
    /// Automatic score, 0..=100.
    pub score: f32,
    /// Why the analysis decided so (typed; see [`AutoResult::reason_text`]).
    pub why: Reason,
    /// The reason as text, in files written before reasons were typed; read
    /// for display only, never written by this version.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Ranked supporting passages.
    pub evidence: Vec<Evidence>,
}

impl AutoResult {
    /// The reason in `lang` (the old text, for files that predate typed reasons).
    pub fn reason_text(&self, lang: Lang) -> String {
        match self.why {
            Reason::None => self.reason.clone(),
            _ => self.why.text(lang),
        }
    }
}

impl Default for AutoResult {
    fn default() -> Self {
        Self {
            status: AutoStatus::Missing,
            score: 0.0,
            why: Reason::None,
            reason: String::new(),
            evidence: Vec::new(),
        }
    }
}

/// The reviewer's decision on one item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// 符合 / 基本符合 / 不符合 / 不适用 / 未审.
    pub verdict: Verdict,
    /// Score 0..=100 set by the reviewer; `None` uses [`Verdict::default_score`].
    pub score: Option<f32>,
    /// The reviewer's comment.
    pub comment: String,
    /// Passages the reviewer linked to the item by hand.
    pub linked: Vec<LinkedEvidence>,
    /// Ranges of automatic evidence the reviewer rejected.
    pub rejected: Vec<CharRange>,
    /// Ranges of automatic evidence the reviewer confirmed.
    pub accepted: Vec<CharRange>,
    /// Pre-filled from last year's assessment and not yet confirmed.
    pub carried: bool,
    /// When the reviewer last changed this item.
    pub modified: Option<jiff::Timestamp>,
    /// Fields of the review this build does not know, written back on save.
    #[serde(skip)]
    pub unknown: UnknownFields,
}

impl Review {
    /// The score that counts: the reviewer's, else the verdict's default.
    pub fn effective_score(&self) -> Option<f32> {
        self.score.or_else(|| self.verdict.default_score())
    }
}

/// A reviewer's verdict on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Verdict {
    /// 符合.
    Met,
    /// 基本符合.
    PartlyMet,
    /// 不符合.
    NotMet,
    /// 不适用.
    NotApplicable,
    /// 未审 — not reviewed yet.
    #[default]
    Unreviewed,
}

impl Verdict {
    /// Chinese label (符合, 基本符合, 不符合, 不适用, 未审).
    pub fn label_zh(self) -> &'static str {
        match self {
            Verdict::Met => "符合",
            Verdict::PartlyMet => "基本符合",
            Verdict::NotMet => "不符合",
            Verdict::NotApplicable => "不适用",
            Verdict::Unreviewed => "未审",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Verdict::Met => "Met",
            Verdict::PartlyMet => "Partly met",
            Verdict::NotMet => "Not met",
            Verdict::NotApplicable => "Not applicable",
            Verdict::Unreviewed => "Unreviewed",
        }
    }

    /// Every verdict, in the order the UI offers them.
    pub fn all() -> [Verdict; 5] {
        [
            Verdict::Met,
            Verdict::PartlyMet,
            Verdict::NotMet,
            Verdict::NotApplicable,
            Verdict::Unreviewed,
        ]
    }

    /// Score implied by the verdict when the reviewer gave none
    /// (符合 100, 基本符合 70, 不符合 0; none for 不适用 and 未审).
    pub fn default_score(self) -> Option<f32> {
        match self {
            Verdict::Met => Some(100.0),
            Verdict::PartlyMet => Some(70.0),
            Verdict::NotMet => Some(0.0),
            Verdict::NotApplicable | Verdict::Unreviewed => None,
        }
    }

    /// True once the reviewer decided anything (including 不适用).
    pub fn is_reviewed(self) -> bool {
        self != Verdict::Unreviewed
    }
}

/// A passage of the report, remembered robustly enough to be found again
/// after the report text changes (see [`super::reanchor`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Anchor {
    /// Where the passage was, in clean-text characters.
    pub range: CharRange,
    /// The passage itself.
    pub quote: String,
    /// Up to [`ANCHOR_CONTEXT_CHARS`] characters just before the passage.
    pub before: String,
    /// Up to [`ANCHOR_CONTEXT_CHARS`] characters just after the passage.
    pub after: String,
}

impl Anchor {
    /// Anchors `range` of `text` (clamped to the text), keeping the quote and
    /// its context.
    pub fn from_text(text: &str, range: CharRange) -> Anchor {
        let before_start = range.start.saturating_sub(ANCHOR_CONTEXT_CHARS);
        let after_end = range.end.saturating_add(ANCHOR_CONTEXT_CHARS);
        let mut before = String::new();
        let mut quote = String::new();
        let mut after = String::new();
        let mut len = 0;
        for (i, c) in text.chars().enumerate() {
            len = i + 1;
            if i >= after_end {
                break;
            }
            if i >= range.end {
                after.push(c);
            } else if i >= range.start {
                quote.push(c);
            } else if i >= before_start {
                before.push(c);
            }
        }
        let start = range.start.min(len);
        let end = range.end.clamp(start, len);
        Anchor {
            range: CharRange::new(start, end),
            quote,
            before,
            after,
        }
    }
}

/// A passage the reviewer linked to an item by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkedEvidence {
    /// Where the passage is.
    pub anchor: Anchor,
    /// Why it was linked.
    pub note: String,
    /// Fields of the linked passage this build does not know, written back on save.
    #[serde(skip)]
    pub unknown: UnknownFields,
}

/// A highlight with a note on a passage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    /// Unique within the assessment (see [`Assessment::next_annotation_id`]).
    pub id: u64,
    /// Where the passage is.
    pub anchor: Anchor,
    /// The reviewer's note.
    pub note: String,
    /// Highlight colour.
    pub color: AnnotationColor,
    /// When the annotation was made.
    pub created: jiff::Timestamp,
    /// Set when re-anchoring could not find the passage again: the reviewer
    /// must place it by hand.
    pub needs_attention: bool,
    /// Where the annotation came from when it is a Word comment of the
    /// report file (`None` for the reviewer's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportedComment>,
    /// Fields of the annotation this build does not know, written back on save.
    #[serde(skip)]
    pub unknown: UnknownFields,
}

/// A Word comment imported as an annotation: who wrote it and when, as the
/// file says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportedComment {
    /// The comment's author (`w:author`).
    pub author: String,
    /// The date as written in the file (ISO 8601), empty when absent.
    pub date: String,
    /// The comment's `w:id` in the file it came from.
    pub word_id: String,
    /// Id of the annotation this comment replies to.
    pub reply_to: Option<u64>,
    /// Marked done (resolved) in Word.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

/// Highlight colour of an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum AnnotationColor {
    /// Default highlight.
    #[default]
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
    /// Orange.
    Orange,
}

impl AnnotationColor {
    /// The colour's name in `lang` (黄, 绿, …).
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            AnnotationColor::Yellow => ("黄", "Yellow"),
            AnnotationColor::Green => ("绿", "Green"),
            AnnotationColor::Blue => ("蓝", "Blue"),
            AnnotationColor::Pink => ("粉", "Pink"),
            AnnotationColor::Orange => ("橙", "Orange"),
        };
        lang.pick(zh, en)
    }

    /// Every colour, in the order the UI offers them.
    pub fn all() -> [AnnotationColor; 5] {
        [
            AnnotationColor::Yellow,
            AnnotationColor::Green,
            AnnotationColor::Blue,
            AnnotationColor::Pink,
            AnnotationColor::Orange,
        ]
    }
}

impl Default for Assessment {
    fn default() -> Self {
        Self {
            // A file without a version predates versioning: that is version 1.
            schema_version: SCHEMA_VERSION,
            report: ReportRef::default(),
            frameworks: Vec::new(),
            items: Vec::new(),
            indicators: Vec::new(),
            annotations: Vec::new(),
            reviewer: String::new(),
            conclusion: String::new(),
            created: jiff::Timestamp::default(),
            modified: jiff::Timestamp::default(),
            carried_from: None,
            imported_comments: Vec::new(),
            unknown: UnknownFields::default(),
        }
    }
}

/// Just enough of a file to read its version before trusting the rest:
/// a newer file may not parse as this build's [`Assessment`] at all.
#[derive(Deserialize)]
#[serde(rename = "Assessment")]
struct VersionProbe {
    #[serde(default = "schema_version_one")]
    schema_version: u32,
}

fn schema_version_one() -> u32 {
    1
}

impl Assessment {
    /// A new, empty assessment of `report`, created and modified now.
    pub fn new(report: ReportRef) -> Self {
        let now = jiff::Timestamp::now();
        Self {
            report,
            created: now,
            modified: now,
            ..Self::default()
        }
    }

    /// Records that the reviewer changed something just now.
    pub fn touch(&mut self) {
        self.modified = jiff::Timestamp::now();
    }

    /// `(reviewed, total)` over all items, top-level and children alike;
    /// 不适用 counts as reviewed; a verdict carried over from last year counts
    /// only once the reviewer has confirmed it.
    pub fn progress(&self) -> (usize, usize) {
        let reviewed = self
            .items
            .iter()
            .filter(|i| i.review.verdict.is_reviewed() && !i.review.carried)
            .count();
        (reviewed, self.items.len())
    }

    /// Weighted mean of the effective scores (the reviewer's score, else the
    /// verdict's default) of reviewed, applicable items; `None` when no such
    /// item has a positive weight. Scores are clamped to 0..=100. A verdict
    /// carried over from last year counts only once confirmed, as in
    /// [`Assessment::progress`].
    pub fn total_score(&self) -> Option<f32> {
        self.score_basis().0
    }

    /// The total score and how many items it rests on: `(score, scored,
    /// items)`, so every place that shows the score can say "from 3 of 57
    /// items" (`scored` = items with a score that counts).
    pub fn score_basis(&self) -> (Option<f32>, usize, usize) {
        let mut sum = 0.0f64;
        let mut weights = 0.0f64;
        let mut scored = 0;
        for item in &self.items {
            if item.review.carried {
                continue;
            }
            let Some(score) = item.review.effective_score() else {
                continue;
            };
            if !score.is_finite() || !item.weight.is_finite() || item.weight <= 0.0 {
                continue;
            }
            let w = f64::from(item.weight);
            sum += w * f64::from(score.clamp(0.0, 100.0));
            weights += w;
            scored += 1;
        }
        // The mean of f32 values clamped to 0..=100 is itself in range, so the
        // narrowing cast cannot overflow.
        let total = (weights > 0.0).then(|| (sum / weights) as f32);
        (total, scored, self.items.len())
    }

    /// The item with `id`.
    pub fn item(&self, id: &str) -> Option<&ItemAssessment> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The item with `id`, for editing.
    pub fn item_mut(&mut self, id: &str) -> Option<&mut ItemAssessment> {
        self.items.iter_mut().find(|i| i.id == id)
    }

    /// An annotation id not used yet.
    pub fn next_annotation_id(&self) -> u64 {
        self.annotations
            .iter()
            .map(|a| a.id)
            .max()
            .map_or(1, |m| m.saturating_add(1))
    }

    /// The annotation with `id`, for editing.
    pub fn annotation_mut(&mut self, id: u64) -> Option<&mut Annotation> {
        self.annotations.iter_mut().find(|a| a.id == id)
    }

    /// Human-readable RON: no struct names, one field per line, enums by name;
    /// the fields the file was read with that this build does not know come
    /// back as they were written (see [`super::unknown`]).
    pub fn to_ron(&self) -> Result<String, AssessmentError> {
        let known = self.to_ron_known()?;
        let Some(spliced) = unknown::splice(&known, self) else {
            return Ok(known);
        };
        // Used only if it reads back as this assessment with the same
        // unknown fields: a scanner mistake must not cost the reviewer's work.
        let keeps_everything = Assessment::from_ron("", &spliced).is_ok_and(|back| {
            unknown::all_unknown(&back) == unknown::all_unknown(self)
                && back.to_ron_known().is_ok_and(|t| t == known)
        });
        if keeps_everything {
            Ok(spliced)
        } else {
            log::warn!("fields this build does not know could not be written back; dropped");
            Ok(known)
        }
    }

    fn to_ron_known(&self) -> Result<String, AssessmentError> {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .compact_structs(false)
            .compact_arrays(false)
            .indentor("  ");
        let mut text =
            ron::ser::to_string_pretty(self, config).map_err(|e| AssessmentError::Serialize {
                format: "RON",
                message: e.to_string(),
            })?;
        text.push('\n');
        Ok(text)
    }

    /// Parses RON written by [`Assessment::to_ron`] (or by an older build).
    /// `source_name` (usually the file path) is named in errors.
    pub fn from_ron(source_name: &str, text: &str) -> Result<Assessment, AssessmentError> {
        let path = PathBuf::from(source_name);
        // A byte-order mark from a Windows editor is not an error of the reviewer's.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let probe: VersionProbe = ron::from_str(text).map_err(|e| parse_error(&path, &e))?;
        if probe.schema_version > SCHEMA_VERSION {
            return Err(AssessmentError::NewerSchema {
                path,
                found: probe.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        let mut assessment: Assessment = ron::from_str(text).map_err(|e| parse_error(&path, &e))?;
        unknown::capture(text, &mut assessment);
        // Read into this version's model, it is this version's file: saving
        // writes the current version (the old file is kept as .bak).
        assessment.schema_version = SCHEMA_VERSION;
        Ok(assessment)
    }

    /// Pretty JSON, for exchange with other tools.
    pub fn to_json(&self) -> Result<String, AssessmentError> {
        serde_json::to_string_pretty(self).map_err(|e| AssessmentError::Serialize {
            format: "JSON",
            message: e.to_string(),
        })
    }

    /// Parses JSON written by [`Assessment::to_json`].
    pub fn from_json(source_name: &str, text: &str) -> Result<Assessment, AssessmentError> {
        let path = PathBuf::from(source_name);
        let probe: VersionProbe = serde_json::from_str(text).map_err(|e| json_error(&path, &e))?;
        if probe.schema_version > SCHEMA_VERSION {
            return Err(AssessmentError::NewerSchema {
                path,
                found: probe.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        let mut assessment: Assessment =
            serde_json::from_str(text).map_err(|e| json_error(&path, &e))?;
        assessment.schema_version = SCHEMA_VERSION;
        Ok(assessment)
    }
}

fn parse_error(path: &Path, e: &ron::error::SpannedError) -> AssessmentError {
    AssessmentError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    }
}

fn json_error(path: &Path, e: &serde_json::Error) -> AssessmentError {
    AssessmentError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A small assessment touching every field, shared by the module's tests.
    pub(crate) fn sample() -> Assessment {
        let text =
            "一、2020年法治政府建设主要举措。（一）全面推进政务公开，依法公开政府信息1200条。";
        let created: jiff::Timestamp = "2021-03-01T08:00:00Z".parse().unwrap_or_default();
        let mut a = Assessment::new(ReportRef {
            path: "静海区2020年法治政府建设年度报告.docx".into(),
            sha256: "ab".repeat(32),
            title: "静海区2020年法治政府建设年度报告".into(),
            unit: "天津市静海区人民政府".into(),
            year: Some(2020),
            chars: text.chars().count(),
            ..ReportRef::default()
        });
        a.created = created;
        a.modified = created;
        a.frameworks = vec!["gangyao-2021".into()];
        a.reviewer = "张三".into();
        a.conclusion = "总体符合要求，政务公开部分\"较好\"。\n第二行".into();
        a.items = vec![
            ItemAssessment {
                id: "G15".into(),
                framework: "gangyao-2021".into(),
                title: "推进政务公开".into(),
                parent: None,
                weight: 2.0,
                auto: AutoResult {
                    status: AutoStatus::Covered,
                    score: 85.5,
                    why: Reason::Mentions {
                        passages: 2,
                        terms: vec!["政务公开".into()],
                        weak: false,
                        concrete: 2,
                        weakness: None,
                    },
                    reason: String::new(),
                    evidence: vec![Evidence {
                        range: CharRange::new(20, 28),
                        quote: "全面推进政务公开".into(),
                        score: 3.25,
                        matched: vec!["政务公开".into()],
                        strength: crate::analysis::Strength::Concrete,
                    }],
                },
                review: Review {
                    verdict: Verdict::Met,
                    score: Some(90.0),
                    comment: "证据充分".into(),
                    linked: vec![LinkedEvidence {
                        anchor: Anchor::from_text(text, CharRange::new(29, 37)),
                        note: "数字".into(),
                        unknown: Default::default(),
                    }],
                    rejected: vec![CharRange::new(1, 3)],
                    accepted: vec![CharRange::new(20, 28)],
                    carried: false,
                    modified: Some(created),
                    unknown: Default::default(),
                },
                unknown: UnknownFields::default(),
            },
            ItemAssessment {
                id: "G15-3".into(),
                framework: "gangyao-2021".into(),
                title: "政府信息公开".into(),
                parent: Some("G15".into()),
                review: Review {
                    verdict: Verdict::NotMet,
                    comment: "未见依申请公开数据".into(),
                    ..Review::default()
                },
                ..ItemAssessment::default()
            },
            ItemAssessment {
                id: "G16".into(),
                title: "行政复议".into(),
                ..ItemAssessment::default()
            },
        ];
        a.indicators = vec![Indicator {
            name: "公开政府信息".into(),
            value: 1200.0,
            unit: "条".into(),
            raw: "1200条".into(),
            approx: false,
            qualifier: None,
            range: CharRange::new(31, 41),
            item: Some("G15".into()),
        }];
        a.annotations = vec![Annotation {
            id: 1,
            anchor: Anchor::from_text(text, CharRange::new(20, 28)),
            note: "亮点".into(),
            color: AnnotationColor::Green,
            created,
            needs_attention: false,
            imported: None,
            unknown: Default::default(),
        }];
        a.carried_from = Some("../2019/静海区2019.shenyue.ron".into());
        a
    }

    #[test]
    fn ron_round_trip_keeps_everything_and_reads_like_a_document() -> TestResult {
        let a = sample();
        let ron = a.to_ron()?;
        assert_eq!(Assessment::from_ron("x.ron", &ron)?, a);
        // Readable by a person: no struct names, enums by name, one field per line, Chinese unescaped.
        assert!(!ron.contains("Assessment("), "{ron}");
        assert!(ron.contains("verdict: Met,"), "{ron}");
        assert!(ron.contains("color: Green,"), "{ron}");
        assert!(ron.contains("reviewer: \"张三\","), "{ron}");
        assert!(
            ron.lines().any(|l| l.trim() == "schema_version: 2,"),
            "{ron}"
        );
        assert!(ron.lines().any(|l| l.trim() == "id: \"G15-3\","), "{ron}");
        Ok(())
    }

    #[test]
    fn json_round_trip_keeps_everything() -> TestResult {
        let a = sample();
        let json = a.to_json()?;
        assert!(json.contains("\"verdict\": \"NotMet\""), "{json}");
        assert_eq!(Assessment::from_json("x.json", &json)?, a);
        Ok(())
    }

    #[test]
    fn older_file_missing_fields_loads_with_defaults() -> TestResult {
        let old = r#"(
  report: (path: "a.docx", sha256: "00"),
  items: [
    (id: "G1", title: "组织领导", review: (verdict: PartlyMet, comment: "一般")),
  ],
  annotations: [(id: 4, anchor: (range: (start: 1, end: 3), quote: "治政")), ],
)"#;
        let a = Assessment::from_ron("old.shenyue.ron", old)?;
        assert_eq!(a.schema_version, SCHEMA_VERSION);
        assert_eq!(a.report.path, "a.docx");
        assert_eq!(a.report.year, None);
        let item = a.item("G1").ok_or("item")?;
        assert_eq!(item.weight, 1.0);
        assert_eq!(item.auto.status, AutoStatus::Missing);
        assert_eq!(item.review.verdict, Verdict::PartlyMet);
        assert_eq!(item.review.comment, "一般");
        assert!(!item.review.carried);
        assert_eq!(a.annotations[0].color, AnnotationColor::Yellow);
        assert!(!a.annotations[0].needs_attention);
        assert_eq!(a.carried_from, None);
        Ok(())
    }

    #[test]
    fn newer_schema_is_refused_even_when_the_rest_is_unknown() -> TestResult {
        let newer =
            "(schema_version: 7, shiny_new_thing: {\"a\": [1, 2]}, items: \"changed type\")";
        let err = Assessment::from_ron("next.shenyue.ron", newer)
            .err()
            .ok_or("expected an error")?;
        assert_eq!(err.kind(), "newer_schema");
        assert!(err.to_string().contains("made by a newer Shenyue"), "{err}");
        assert!(err.to_string().contains("next.shenyue.ron"), "{err}");
        let json = Assessment::from_json("next.json", "{\"schema_version\": 9}")
            .err()
            .ok_or("expected an error")?;
        assert_eq!(json.kind(), "newer_schema");
        Ok(())
    }

    #[test]
    fn malformed_ron_names_file_line_and_column() -> TestResult {
        let mut ron = sample().to_ron()?;
        ron = ron.replacen("verdict: Met,", "verdict: Met,,", 1);
        let line = ron
            .lines()
            .position(|l| l.contains("verdict: Met,,"))
            .ok_or("line")?
            + 1;
        let err = Assessment::from_ron("bad.shenyue.ron", &ron)
            .err()
            .ok_or("expected an error")?;
        assert_eq!(err.kind(), "parse");
        let AssessmentError::Parse { line: l, col, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(*l, line);
        assert!(*col > 1);
        assert!(
            err.to_string()
                .starts_with(&format!("bad.shenyue.ron:{line}:")),
            "{err}"
        );
        let empty = Assessment::from_ron("empty.ron", "")
            .err()
            .ok_or("expected an error")?;
        assert_eq!(empty.kind(), "parse");
        Ok(())
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() -> TestResult {
        let ron = format!("\u{feff}{}", sample().to_ron()?);
        assert_eq!(Assessment::from_ron("bom.ron", &ron)?, sample());
        Ok(())
    }

    #[test]
    fn progress_counts_parents_and_children() -> TestResult {
        let a = sample();
        assert_eq!(a.progress(), (2, 3));
        assert_eq!(Assessment::default().progress(), (0, 0));
        Ok(())
    }

    #[test]
    fn total_score_is_weighted_and_falls_back_to_verdict_defaults() -> TestResult {
        let mut a = sample();
        // G15: weight 2, score 90; G15-3: weight 1, 不符合 → 0; G16 unreviewed.
        assert_eq!(a.total_score(), Some(60.0));
        assert_eq!(a.score_basis(), (Some(60.0), 2, 3), "rests on 2 of 3 items");
        a.item_mut("G15-3").ok_or("item")?.review.carried = true;
        assert_eq!(
            a.score_basis(),
            (Some(90.0), 1, 3),
            "an unconfirmed carried verdict does not count"
        );
        a.item_mut("G15-3").ok_or("item")?.review.carried = false;
        a.item_mut("G16").ok_or("item")?.review.verdict = Verdict::NotApplicable;
        assert_eq!(a.total_score(), Some(60.0), "不适用 does not count");
        a.item_mut("G16").ok_or("item")?.review.verdict = Verdict::PartlyMet;
        assert_eq!(a.total_score(), Some(62.5));
        a.item_mut("G15").ok_or("item")?.review.score = Some(250.0);
        assert_eq!(
            a.total_score(),
            Some((200.0 + 0.0 + 70.0) / 4.0),
            "clamped to 100"
        );
        for item in &mut a.items {
            item.review.verdict = Verdict::Unreviewed;
            item.review.score = None;
        }
        assert_eq!(a.total_score(), None);
        Ok(())
    }

    #[test]
    fn verdict_labels_and_defaults() -> TestResult {
        let zh: Vec<_> = Verdict::all().iter().map(|v| v.label_zh()).collect();
        assert_eq!(zh, ["符合", "基本符合", "不符合", "不适用", "未审"]);
        assert_eq!(Verdict::default(), Verdict::Unreviewed);
        assert_eq!(Verdict::PartlyMet.label_en(), "Partly met");
        assert_eq!(Verdict::Met.default_score(), Some(100.0));
        assert_eq!(Verdict::PartlyMet.default_score(), Some(70.0));
        assert_eq!(Verdict::NotMet.default_score(), Some(0.0));
        assert_eq!(Verdict::NotApplicable.default_score(), None);
        assert_eq!(Verdict::Unreviewed.default_score(), None);
        assert_eq!(AnnotationColor::all().len(), 5);
        Ok(())
    }

    #[test]
    fn anchor_from_text_keeps_quote_and_twenty_chars_of_context() -> TestResult {
        let text: String = ('一'..='龥').take(60).collect();
        let a = Anchor::from_text(&text, CharRange::new(25, 30));
        assert_eq!(a.quote, text.chars().skip(25).take(5).collect::<String>());
        assert_eq!(a.before, text.chars().skip(5).take(20).collect::<String>());
        assert_eq!(a.after, text.chars().skip(30).take(20).collect::<String>());
        let start = Anchor::from_text("政务公开", CharRange::new(0, 2));
        assert_eq!(
            (
                start.before.as_str(),
                start.quote.as_str(),
                start.after.as_str()
            ),
            ("", "政务", "公开")
        );
        let past = Anchor::from_text("政务公开", CharRange::new(3, 9));
        assert_eq!(past.range, CharRange::new(3, 4));
        assert_eq!(past.quote, "开");
        assert_eq!(past.before, "政务公");
        Ok(())
    }

    #[test]
    fn item_lookup_and_annotation_ids() -> TestResult {
        let mut a = sample();
        assert_eq!(
            a.item("G15-3").ok_or("item")?.parent.as_deref(),
            Some("G15")
        );
        assert!(a.item("nope").is_none());
        a.item_mut("G16").ok_or("item")?.review.comment = "补充".into();
        assert_eq!(a.item("G16").ok_or("item")?.review.comment, "补充");
        assert_eq!(a.next_annotation_id(), 2);
        assert_eq!(Assessment::default().next_annotation_id(), 1);
        a.annotation_mut(1).ok_or("annotation")?.note = "改".into();
        assert_eq!(a.annotations[0].note, "改");
        Ok(())
    }
}
