//! The submissions inbox: every report of a folder reviewed at once, one
//! [`ReportRow`] per report (unit, year, kind, missing required parts,
//! coverage, publication against the deadline, review status, verdicts,
//! reports of other units it shares long passages with), failures beside
//! them, and a [`Summary`] of the lot.
//!
//! `shenyue batch` (CLI) and the GUI's inbox both build their rows here,
//! over the one pipeline ([`crate::review::ReviewEngine`]); the CLI writes
//! them as JSON ([`json`]) or CSV, the GUI shows them as a table.

pub mod copies;
pub mod deadline;
pub mod discover;
pub mod json;
pub mod parallel;
pub mod service;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::AutoStatus;
use crate::assessment::{self, Assessment, AssessmentError, Verdict};
use crate::framework::REQUIRED_PARTS_ID;
use crate::review::{FrameworkRequest, ReviewEngine, ReviewError};
use crate::structure::{DocumentKind, PartId};

pub use copies::Fingerprints;
pub use deadline::Deadline;

/// Where the reviewer is with a report, from the assessment beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 未审: no assessment, or nothing decided in it.
    #[default]
    NotStarted,
    /// 审阅中: some items decided.
    InProgress,
    /// 已完成: every item decided.
    Done,
}

impl ReviewStatus {
    /// From an assessment's progress (`None`: no assessment).
    pub fn of(a: Option<&Assessment>) -> ReviewStatus {
        let Some((reviewed, total)) = a.map(Assessment::progress) else {
            return ReviewStatus::NotStarted;
        };
        if reviewed == 0 {
            ReviewStatus::NotStarted
        } else if reviewed >= total {
            ReviewStatus::Done
        } else {
            ReviewStatus::InProgress
        }
    }

    /// 未审 / 审阅中 / 已完成.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            ReviewStatus::NotStarted => lang.pick("未审", "not started"),
            ReviewStatus::InProgress => lang.pick("审阅中", "in progress"),
            ReviewStatus::Done => lang.pick("已完成", "done"),
        }
    }
}

/// One checklist item of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// Item id ("G15-3").
    pub id: String,
    /// Its framework's id ("G15").
    pub framework: String,
    /// What the analysis found.
    pub status: AutoStatus,
    /// What the reviewer decided.
    pub verdict: Verdict,
}

/// How many items carry each verdict, in the order of [`Verdict::all`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VerdictCounts(pub [usize; 5]);

impl VerdictCounts {
    /// Counts over an assessment's items.
    pub fn of(a: &Assessment) -> VerdictCounts {
        let mut counts = [0; 5];
        for item in &a.items {
            if let Some(i) = Verdict::all()
                .iter()
                .position(|v| *v == item.review.verdict)
            {
                counts[i] += 1;
            }
        }
        VerdictCounts(counts)
    }

    /// "符合 5 · 不符合 1 · 未审 4" (verdicts with no items left out).
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        Verdict::all()
            .iter()
            .zip(self.0)
            .filter(|(_, n)| *n > 0)
            .map(|(v, n)| {
                let name = match lang {
                    crate::i18n::Lang::Zh => v.label_zh(),
                    crate::i18n::Lang::En => v.label_en(),
                };
                format!("{name} {n}")
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A report of another unit this one shares long passages with.
#[derive(Debug, Clone, PartialEq)]
pub struct CopiedFrom {
    /// The other report.
    pub file: PathBuf,
    /// Its unit.
    pub unit: Option<String>,
    /// Part of this report in passages common to both, 0–1.
    pub share: f32,
    /// The passages (here and there).
    pub passages: Vec<copies::Passage>,
}

/// Everything the inbox and `batch` show about one report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// The report file.
    pub file: PathBuf,
    /// The reporting unit (the reviewer's correction when there is one).
    pub unit: Option<String>,
    /// The year reported on (the reviewer's correction when there is one).
    pub year: Option<i32>,
    /// What kind of document it is.
    pub document_kind: DocumentKind,
    /// Characters of clean text.
    pub chars: usize,
    /// Required parts (DC1–DC5) the report lacks.
    pub parts_missing: Vec<PartId>,
    /// Automatic coverage of the year's framework, 0–100: top-level items
    /// found covered count 1, partly covered ½.
    pub coverage: f32,
    /// The web publication date, else the report's own signature date.
    pub published: Option<jiff::civil::Date>,
    /// The deadline that applies to it.
    pub deadline: Option<jiff::civil::Date>,
    /// Published by the deadline (`None` when a date is unknown).
    pub on_time: Option<bool>,
    /// From the assessment beside it.
    pub review_status: ReviewStatus,
    /// Verdicts over all items.
    pub verdicts: VerdictCounts,
    /// Every checklist item.
    pub items: Vec<ItemRow>,
    /// Last change of the report or its assessment.
    pub modified: Option<jiff::Timestamp>,
    /// Reports of other units sharing long passages with it (filled by
    /// [`link_copies`]).
    pub copied_from: Vec<CopiedFrom>,
    /// Its shingles, for [`link_copies`].
    pub prints: Fingerprints,
}

impl ReportRow {
    /// Sets the deadline that applies to this report's year and whether it
    /// was published by then; the one place `on_time` is decided, so a
    /// deadline changed in the inbox gives the same answer as `batch`.
    pub fn apply_deadline(&mut self, deadline: &Deadline) {
        self.deadline = deadline.for_year(self.year);
        self.on_time = self.published.zip(self.deadline).map(|(p, d)| p <= d);
    }
}

/// A report reviewed for the inbox: its row, and the assessment it came
/// from (the one beside it with fresh automatic results, or a new one).
#[derive(Debug)]
pub struct Reviewed {
    /// The row.
    pub row: ReportRow,
    /// The assessment.
    pub assessment: Assessment,
    /// True when the assessment was read from beside the report.
    pub existing: bool,
}

/// A report read for review, before the analysis: the first half of
/// [`review_file`], which needs no engine (so it can run while the engine's
/// dictionary is still being built).
#[derive(Debug)]
pub struct ReadReport {
    file: PathBuf,
    doc: crate::document::Document,
    existing: Option<Assessment>,
}

/// Reads a report and the assessment beside it (an unreadable one is an
/// error: the reviewer must know).
pub fn read_for_review(
    load: &crate::document::LoadOptions,
    file: &Path,
) -> Result<ReadReport, ReviewError> {
    let sidecar = assessment::sidecar_path(file);
    let existing = match assessment::load(&sidecar) {
        Ok((a, _)) => Some(a),
        Err(AssessmentError::NotFound { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let doc = crate::review::open_report(file, load)?;
    Ok(ReadReport {
        file: file.to_path_buf(),
        doc,
        existing,
    })
}

/// Reviews one report as the inbox shows it: reads it and the assessment
/// beside it ([`read_for_review`]), analyses it against the frameworks of
/// that assessment or of its year, and merges by the one rule
/// ([`review_read`]). Nothing is written.
pub fn review_file(
    engine: &ReviewEngine,
    file: &Path,
    deadline: &Deadline,
) -> Result<Reviewed, ReviewError> {
    let read = read_for_review(engine.load_options(), file)?;
    Ok(review_read(engine, read, deadline))
}

/// The second half of [`review_file`]: the analysis, the merge and the row.
pub fn review_read(engine: &ReviewEngine, read: ReadReport, deadline: &Deadline) -> Reviewed {
    let ReadReport {
        file,
        doc,
        existing,
    } = read;
    let file = file.as_path();
    let sidecar = assessment::sidecar_path(file);
    let had_existing = existing.is_some();
    let (analysis, _) = engine.check(&doc, &FrameworkRequest::default(), existing.as_ref());
    let (a, _) = match existing {
        Some(old) => crate::review::merge(old, &doc, &analysis),
        None => (
            engine.new_assessment(&doc, &analysis, file, Some(&sidecar)),
            None,
        ),
    };
    let meta = &doc.structure.metadata;
    let published = meta
        .published
        .as_deref()
        .or(meta.date.as_deref())
        .and_then(deadline::parse_iso);
    let year = a.report.year;
    let top: Vec<_> = a
        .items
        .iter()
        .filter(|i| i.parent.is_none() && i.framework != REQUIRED_PARTS_ID)
        .collect();
    let coverage = if top.is_empty() {
        0.0
    } else {
        let points: f32 = top
            .iter()
            .map(|i| match i.auto.status {
                AutoStatus::Covered => 1.0,
                AutoStatus::Partial => 0.5,
                AutoStatus::Missing => 0.0,
            })
            .sum();
        100.0 * points / top.len() as f32
    };
    let file_modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok());
    let modified = match (file_modified, had_existing.then_some(a.modified)) {
        (Some(f), Some(m)) => Some(f.max(m)),
        (f, m) => f.or(m),
    };
    let mut row = ReportRow {
        file: file.to_path_buf(),
        unit: Some(a.report.unit.clone()).filter(|u| !u.is_empty()),
        year,
        document_kind: meta.document_kind.kind,
        chars: doc.char_len(),
        parts_missing: doc
            .structure
            .parts
            .iter()
            .filter(|p| !p.present)
            .map(|p| p.id)
            .collect(),
        coverage,
        published,
        deadline: None,
        on_time: None,
        review_status: ReviewStatus::of(had_existing.then_some(&a)),
        verdicts: VerdictCounts::of(&a),
        items: a
            .items
            .iter()
            .map(|i| ItemRow {
                id: i.id.clone(),
                framework: i.framework.clone(),
                status: i.auto.status,
                verdict: i.review.verdict,
            })
            .collect(),
        modified,
        copied_from: Vec::new(),
        prints: Fingerprints::of_text(&doc.text),
    };
    row.apply_deadline(deadline);
    Reviewed {
        row,
        assessment: a,
        existing: had_existing,
    }
}

/// The review engine, made on a thread of its own ([`build_engine`]) while
/// the first reports are read: `None` inside when making it failed.
pub type EngineCell = std::sync::OnceLock<Option<ReviewEngine>>;

/// Makes the engine into `cell` on a thread of `scope`. Building jieba's
/// dictionary takes about 0.2 s on one core; meanwhile [`review_files`]
/// reads and cleans reports on the others.
pub fn build_engine<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    cell: &'scope EngineCell,
    load: crate::document::LoadOptions,
) {
    scope.spawn(move || {
        let made = std::panic::catch_unwind(|| ReviewEngine::new(load));
        let failed = made.is_err();
        let _ = cell.set(made.ok());
        if failed {
            log::error!("the review engine could not be built");
        }
    });
}

/// Reviews `files` on `threads` threads (see [`review_file`]), reading
/// them while `engine` is still being made ([`build_engine`]). `finish`
/// runs on the worker with each file and its result (to save or trim it);
/// `done(index, finished)` on the calling thread as each is done. Files not
/// done (cancelled, or no engine) are never passed to either.
#[allow(clippy::too_many_arguments)]
pub fn review_files<T: Send>(
    load: &crate::document::LoadOptions,
    engine: &EngineCell,
    files: &[PathBuf],
    threads: usize,
    cancel: &std::sync::atomic::AtomicBool,
    deadline: &Deadline,
    finish: impl Fn(&Path, Result<Reviewed, ReviewError>) -> T + Sync,
    done: impl FnMut(usize, T),
) {
    parallel::for_each_staged(
        files,
        threads,
        cancel,
        engine,
        |file| read_for_review(load, file),
        |engine, file, read| finish(file, read.map(|r| review_read(engine, r, deadline))),
        done,
    );
}

/// Fills every row's `copied_from` from one shingle index over all rows.
pub fn link_copies(rows: &mut [ReportRow], threads: usize) {
    let found = {
        let entries: Vec<copies::Entry<'_>> = rows
            .iter()
            .map(|r| copies::Entry {
                unit: r.unit.as_deref(),
                prints: &r.prints,
            })
            .collect();
        copies::find_copies(&entries, threads)
    };
    let others: Vec<(PathBuf, Option<String>)> = rows
        .iter()
        .map(|r| (r.file.clone(), r.unit.clone()))
        .collect();
    for (row, matches) in rows.iter_mut().zip(found) {
        row.copied_from = matches
            .into_iter()
            .filter_map(|m| {
                let (file, unit) = others.get(m.other)?.clone();
                Some(CopiedFrom {
                    file,
                    unit,
                    share: m.share,
                    passages: m.passages,
                })
            })
            .collect();
    }
}

/// A count per id, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Part or item id.
    pub id: String,
    /// Reports.
    pub count: usize,
}

/// The whole folder at a glance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Reports read.
    pub reports: usize,
    /// Files that could not be read.
    pub failures: usize,
    /// Reviews done.
    pub done: usize,
    /// Reviews started.
    pub in_progress: usize,
    /// Reviews not started.
    pub not_started: usize,
    /// Reports lacking at least one required part.
    pub missing_parts: usize,
    /// Reports published after the deadline.
    pub late: usize,
    /// Reports whose publication date or deadline is unknown.
    pub undated: usize,
    /// Reports sharing long passages with another unit's.
    pub copied: usize,
    /// Documents that are not annual reports.
    pub not_annual_reports: usize,
    /// Required parts most often missing.
    pub parts_most_missing: Vec<Tally>,
    /// Checklist items most often found missing.
    pub items_most_missing: Vec<Tally>,
}

/// Ids kept in the "most missing" lists.
const MOST_MISSING: usize = 5;

impl Summary {
    /// The summary of `rows`, with `failures` files that failed.
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a ReportRow>, failures: usize) -> Summary {
        let mut s = Summary {
            failures,
            ..Summary::default()
        };
        // Borrowed keys: the inbox recomputes this whenever a row arrives.
        let mut parts: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut items: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in rows {
            s.reports += 1;
            match r.review_status {
                ReviewStatus::Done => s.done += 1,
                ReviewStatus::InProgress => s.in_progress += 1,
                ReviewStatus::NotStarted => s.not_started += 1,
            }
            s.missing_parts += usize::from(!r.parts_missing.is_empty());
            match r.on_time {
                Some(false) => s.late += 1,
                None => s.undated += 1,
                Some(true) => {}
            }
            s.copied += usize::from(!r.copied_from.is_empty());
            s.not_annual_reports += usize::from(r.document_kind != DocumentKind::AnnualReport);
            for p in &r.parts_missing {
                *parts.entry(p.as_str()).or_default() += 1;
            }
            for i in &r.items {
                if i.status == AutoStatus::Missing && i.framework != REQUIRED_PARTS_ID {
                    *items.entry(i.id.as_str()).or_default() += 1;
                }
            }
        }
        let ranked = |m: std::collections::BTreeMap<&str, usize>| {
            let mut v: Vec<Tally> = m
                .into_iter()
                .map(|(id, count)| Tally {
                    id: id.to_string(),
                    count,
                })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
            v.truncate(MOST_MISSING);
            v
        };
        s.parts_most_missing = ranked(parts);
        s.items_most_missing = ranked(items);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::ItemAssessment;

    #[test]
    fn the_review_status_follows_the_verdicts_decided() {
        let item = |verdict| ItemAssessment {
            review: assessment::Review {
                verdict,
                ..Default::default()
            },
            ..Default::default()
        };
        let mut a = Assessment {
            items: vec![item(Verdict::Unreviewed), item(Verdict::Unreviewed)],
            ..Assessment::default()
        };
        assert_eq!(ReviewStatus::of(None), ReviewStatus::NotStarted);
        assert_eq!(ReviewStatus::of(Some(&a)), ReviewStatus::NotStarted);
        a.items[0].review.verdict = Verdict::Met;
        assert_eq!(ReviewStatus::of(Some(&a)), ReviewStatus::InProgress);
        a.items[1].review.verdict = Verdict::NotApplicable;
        assert_eq!(ReviewStatus::of(Some(&a)), ReviewStatus::Done);
        assert_eq!(
            VerdictCounts::of(&a).label(crate::i18n::Lang::Zh),
            "符合 1 · 不适用 1"
        );
    }
}
