//! The JSON of `shenyue batch --format json`: one object per report, the
//! files that failed, and a summary. Other tools read it: change it only
//! additively.
//!
//! ```json
//! {"reports": [{"file", "unit", "year", "document_kind", "parts_missing": ["DC2"],
//!   "coverage", "published", "on_time", "review_status", "copied_from": [{"file", "unit", "share"}],
//!   "items": [{"id", "status", "verdict"}], …}],
//!  "failures": [{"file", "error"}], "summary": {…}}
//! ```

use serde::Serialize;

use super::{ReportRow, ReviewStatus, Summary};
use crate::assessment::Verdict;

/// The whole batch.
#[derive(Debug, Serialize)]
pub struct BatchJson {
    /// One per report read, in the order of the files.
    pub reports: Vec<ReportJson>,
    /// Files that could not be read, with why.
    pub failures: Vec<FailureJson>,
    /// Counts over the reports.
    pub summary: SummaryJson,
}

/// One report.
#[derive(Debug, Serialize)]
pub struct ReportJson {
    /// The file, as found.
    pub file: String,
    /// Reporting unit, or null.
    pub unit: Option<String>,
    /// Year reported on, or null.
    pub year: Option<i32>,
    /// `annual_report`, `work_points` or `other`.
    pub document_kind: &'static str,
    /// Required parts missing ("DC2", …).
    pub parts_missing: Vec<&'static str>,
    /// Automatic coverage of the year's framework, percent (top-level items;
    /// partly covered counts half).
    pub coverage: f32,
    /// Publication date (ISO; the web page's, else the signature date), or null.
    pub published: Option<String>,
    /// Published by `deadline`; null when either is unknown.
    pub on_time: Option<bool>,
    /// `not_started`, `in_progress` or `done`.
    pub review_status: ReviewStatus,
    /// Reports of other units sharing long passages with this one.
    pub copied_from: Vec<CopiedJson>,
    /// Every checklist item.
    pub items: Vec<ItemJson>,
    /// Characters of clean text.
    pub chars: usize,
    /// The deadline applied (ISO), or null.
    pub deadline: Option<String>,
    /// Last change of the report or its assessment (RFC 3339), or null.
    pub modified: Option<String>,
}

/// Another unit's report sharing passages.
#[derive(Debug, Serialize)]
pub struct CopiedJson {
    /// Its file.
    pub file: String,
    /// Its unit.
    pub unit: Option<String>,
    /// Part of *this* report in the common passages, 0–1.
    pub share: f32,
}

/// One item.
#[derive(Debug, Serialize)]
pub struct ItemJson {
    /// Item id.
    pub id: String,
    /// `covered`, `partial` or `missing`.
    pub status: &'static str,
    /// `met`, `partly_met`, `not_met`, `not_applicable` or `unreviewed`.
    pub verdict: &'static str,
}

/// One failed file.
#[derive(Debug, Serialize)]
pub struct FailureJson {
    /// The file.
    pub file: String,
    /// Why, in the user's language.
    pub error: String,
}

/// The summary, with the deadline rule used.
#[derive(Debug, Serialize)]
pub struct SummaryJson {
    /// The counts.
    #[serde(flatten)]
    pub counts: Summary,
    /// The deadline rule ("4月1日" of the next year, or a date).
    pub deadline: String,
}

/// Stable name of a verdict.
pub fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "met",
        Verdict::PartlyMet => "partly_met",
        Verdict::NotMet => "not_met",
        Verdict::NotApplicable => "not_applicable",
        Verdict::Unreviewed => "unreviewed",
    }
}

fn round(x: f32, places: i32) -> f32 {
    let f = 10f32.powi(places);
    (x * f).round() / f
}

impl ReportJson {
    /// The JSON of one row.
    pub fn new(r: &ReportRow) -> ReportJson {
        ReportJson {
            file: r.file.display().to_string(),
            unit: r.unit.clone(),
            year: r.year,
            document_kind: r.document_kind.as_str(),
            parts_missing: r.parts_missing.iter().map(|p| p.as_str()).collect(),
            coverage: round(r.coverage, 1),
            published: r.published.map(|d| d.to_string()),
            on_time: r.on_time,
            review_status: r.review_status,
            copied_from: r
                .copied_from
                .iter()
                .map(|c| CopiedJson {
                    file: c.file.display().to_string(),
                    unit: c.unit.clone(),
                    share: round(c.share, 3),
                })
                .collect(),
            items: r
                .items
                .iter()
                .map(|i| ItemJson {
                    id: i.id.clone(),
                    status: i.status.as_str(),
                    verdict: verdict_name(i.verdict),
                })
                .collect(),
            chars: r.chars,
            deadline: r.deadline.map(|d| d.to_string()),
            modified: r.modified.map(|t| t.to_string()),
        }
    }
}

impl BatchJson {
    /// The batch of `rows` and `failures` (file, message).
    pub fn new(
        rows: &[ReportRow],
        failures: &[(std::path::PathBuf, String)],
        deadline: &super::Deadline,
    ) -> BatchJson {
        BatchJson {
            reports: rows.iter().map(ReportJson::new).collect(),
            failures: failures
                .iter()
                .map(|(f, e)| FailureJson {
                    file: f.display().to_string(),
                    error: e.clone(),
                })
                .collect(),
            summary: SummaryJson {
                counts: Summary::of(rows, failures.len()),
                deadline: deadline.label(),
            },
        }
    }
}
