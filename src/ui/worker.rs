//! The background worker: everything slow — reading and cleaning a report
//! (a PDF can take seconds), building the analyzer (segmentation
//! dictionary), analysing, reading the assessment beside the report — runs
//! here, never on the UI thread. The UI sends [`Job`]s and polls
//! [`WorkerEvent`]s; each job carries a ticket so the UI can ignore the
//! answer to a request it no longer cares about.
//!
//! [`Worker::inline`] runs jobs synchronously at submission, for tests and
//! headless use: same code, no thread, deterministic.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::analysis::Analysis;
use crate::assessment::{self, AssessmentError};
use crate::compare::{DiffOp, YearComparison, YearReport};
use crate::document::{Document, LoadError, LoadOptions};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::review::{FrameworkRequest, OpenedReport, Progress, ReviewEngine, ReviewError};

/// Work for the worker.
#[derive(Debug, Clone)]
pub enum Job {
    /// Open a report, or an assessment (`.ron`) and the report it names.
    Open {
        /// Matches the answer to the request.
        ticket: u64,
        /// The file to open.
        path: PathBuf,
    },
    /// Analyse an open report again against other frameworks.
    Analyse {
        /// Matches the answer to the request.
        ticket: u64,
        /// The report.
        doc: Arc<Document>,
        /// Framework ids to check against.
        frameworks: Vec<String>,
    },
    /// Analyse an open report again for another year: the frameworks are
    /// chosen anew by that year (the reviewer corrected it).
    AnalyseForYear {
        /// Matches the answer to the request.
        ticket: u64,
        /// The report.
        doc: Arc<Document>,
        /// The year the reviewer set.
        year: i32,
    },
    /// Compare an older report with the open one: read and analyse the
    /// older one (against the open report's frameworks) unless it is given,
    /// then [`crate::compare::compare_years`] (the comparison and everything
    /// the view shows beside it).
    Compare {
        /// Matches the answer to the request.
        ticket: u64,
        /// The older report: a file to open (a report, or an assessment
        /// naming its report) or one already open this session.
        older: OlderSource,
        /// Framework ids the open report was analysed against.
        frameworks: Vec<String>,
        /// The open report.
        newer: Arc<Document>,
        /// Its analysis.
        newer_analysis: Box<Analysis>,
    },
    /// The same unit's other reports in a report's folder (the comparison
    /// picker's choices), read by [`crate::compare::same_unit_reports`].
    FindSameUnit {
        /// Matches the answer to the request.
        ticket: u64,
        /// The report under review.
        report: PathBuf,
        /// Its unit.
        unit: String,
        /// Its year.
        year: i32,
    },
    /// The character diff of two passages.
    Diff {
        /// Matches the answer to the request.
        ticket: u64,
        /// The older passage.
        old: String,
        /// The newer passage.
        new: String,
    },
}

/// Where the older report of a comparison comes from.
#[derive(Debug, Clone)]
pub enum OlderSource {
    /// A file to open.
    Path(PathBuf),
    /// A report already read this session.
    Loaded(Box<YearReport>),
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Building the analyzer.
    Preparing,
    /// Reading and cleaning the file.
    Reading,
    /// Running the checklist analysis.
    Analysing,
}

/// A report opened by the worker: the review pipeline's result, plus the
/// list of frameworks the UI offers.
#[derive(Debug)]
pub struct Opened {
    /// The report, its analysis and the merged assessment.
    pub report: OpenedReport,
    /// Every framework available: (id, label).
    pub available: Vec<(String, String)>,
}

/// Why a file could not be opened.
#[derive(Debug)]
pub enum Failure {
    /// The report could not be loaded.
    Load(LoadError),
    /// The assessment opened could not be read.
    Assessment(AssessmentError),
    /// A framework file could not be read.
    Framework(crate::framework::FrameworkError),
}

impl Failure {
    /// One line in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Load(e) => e.message(lang),
            Failure::Assessment(e) => assessment_message(e, lang),
            Failure::Framework(e) => e.message(lang),
        }
    }
}

impl From<ReviewError> for Failure {
    fn from(e: ReviewError) -> Failure {
        match e {
            ReviewError::Load { source, .. } => Failure::Load(source),
            ReviewError::Assessment(e) => Failure::Assessment(e),
            ReviewError::Framework(e) => Failure::Framework(e),
            // The GUI asks only for frameworks it listed.
            ReviewError::UnknownFramework(id) => {
                Failure::Framework(crate::framework::FrameworkError::Invalid {
                    source_name: id,
                    message: "no such framework".into(),
                })
            }
        }
    }
}

/// An assessment error in the user's language (the library's messages are
/// English; the variant decides the Chinese wording).
pub fn assessment_message(e: &AssessmentError, lang: Lang) -> String {
    e.message(lang)
}

/// What the worker reports.
#[derive(Debug)]
pub enum WorkerEvent {
    /// A job reached a stage.
    Stage {
        /// The job's ticket.
        ticket: u64,
        /// The stage.
        stage: Stage,
    },
    /// The report's text is ready (the analysis is still running): the UI
    /// may show it at once.
    Document {
        /// The job's ticket.
        ticket: u64,
        /// The report.
        doc: Arc<Document>,
    },
    /// A report is open.
    Opened {
        /// The job's ticket.
        ticket: u64,
        /// The result.
        opened: Box<Opened>,
    },
    /// A report was analysed again.
    Analysed {
        /// The job's ticket.
        ticket: u64,
        /// The analysis.
        analysis: Analysis,
        /// The frameworks used.
        frameworks: Vec<Framework>,
    },
    /// A comparison is ready.
    Compared {
        /// The job's ticket.
        ticket: u64,
        /// The older report, read and analysed.
        older: Box<YearReport>,
        /// The comparison, with the aligned sections, mismatches and chart.
        comparison: Box<YearComparison>,
    },
    /// The same unit's other reports in a folder were found.
    SameUnit {
        /// The job's ticket.
        ticket: u64,
        /// What was found.
        found: crate::compare::SameUnitReports,
    },
    /// A diff is ready.
    Diffed {
        /// The job's ticket.
        ticket: u64,
        /// The character diff.
        ops: Vec<DiffOp>,
        /// The passages aligned by sentence, side by side.
        rows: Vec<crate::compare::SentenceRow>,
    },
    /// A job failed.
    Failed {
        /// The job's ticket.
        ticket: u64,
        /// The file.
        path: PathBuf,
        /// Why.
        failure: Failure,
    },
}

impl WorkerEvent {
    /// True for the last event of a job (it answers the job).
    pub fn is_final(&self) -> bool {
        !matches!(
            self,
            WorkerEvent::Stage { .. } | WorkerEvent::Document { .. }
        )
    }
}

/// The worker's engine: the review pipeline, built once on the worker.
struct Engine {
    review: ReviewEngine,
}

impl Engine {
    fn new(options: LoadOptions) -> Engine {
        Engine {
            review: ReviewEngine::new(options),
        }
    }

    fn run(&self, job: Job, emit: &mut dyn FnMut(WorkerEvent)) {
        match job {
            Job::Open { ticket, path } => match self.open(ticket, &path, emit) {
                Ok(opened) => emit(WorkerEvent::Opened {
                    ticket,
                    opened: Box::new(opened),
                }),
                Err(failure) => emit(WorkerEvent::Failed {
                    ticket,
                    path,
                    failure,
                }),
            },
            Job::Analyse {
                ticket,
                doc,
                frameworks,
            } => {
                emit(WorkerEvent::Stage {
                    ticket,
                    stage: Stage::Analysing,
                });
                let analysis = self.review.analyse(&doc, &frameworks);
                emit(WorkerEvent::Analysed {
                    ticket,
                    analysis,
                    frameworks: self
                        .review
                        .frameworks(&frameworks)
                        .into_iter()
                        .cloned()
                        .collect(),
                });
            }
            Job::AnalyseForYear { ticket, doc, year } => {
                emit(WorkerEvent::Stage {
                    ticket,
                    stage: Stage::Analysing,
                });
                let chosen = self
                    .review
                    .choose(Some(year), &FrameworkRequest::default(), None);
                let analysis = self.review.analyse(&doc, &chosen.ids);
                emit(WorkerEvent::Analysed {
                    ticket,
                    analysis,
                    frameworks: self
                        .review
                        .frameworks(&chosen.ids)
                        .into_iter()
                        .cloned()
                        .collect(),
                });
            }
            Job::Compare {
                ticket,
                older,
                frameworks,
                newer,
                newer_analysis,
            } => {
                let path = match &older {
                    OlderSource::Path(p) => p.clone(),
                    OlderSource::Loaded(r) => r.path.clone(),
                };
                match self.older(ticket, older, &frameworks, emit) {
                    Ok(older) => {
                        let comparison = crate::compare::compare_years(
                            &older.doc,
                            &older.analysis,
                            &newer,
                            &newer_analysis,
                        );
                        emit(WorkerEvent::Compared {
                            ticket,
                            older: Box::new(older),
                            comparison: Box::new(comparison),
                        });
                    }
                    Err(failure) => emit(WorkerEvent::Failed {
                        ticket,
                        path,
                        failure,
                    }),
                }
            }
            Job::FindSameUnit {
                ticket,
                report,
                unit,
                year,
            } => {
                let found = crate::compare::same_unit_reports(
                    &report,
                    &unit,
                    year,
                    self.review.load_options(),
                );
                emit(WorkerEvent::SameUnit { ticket, found });
            }
            Job::Diff { ticket, old, new } => {
                let ops = crate::compare::char_diff(&old, &new);
                let rows = crate::compare::sentence_diff(&old, &new);
                emit(WorkerEvent::Diffed { ticket, ops, rows });
            }
        }
    }

    /// The older report of a comparison, read and analysed against
    /// `frameworks` (again, when it was analysed against others).
    fn older(
        &self,
        ticket: u64,
        source: OlderSource,
        frameworks: &[String],
        emit: &mut dyn FnMut(WorkerEvent),
    ) -> Result<YearReport, Failure> {
        let mut kept = None;
        let (path, doc, analysis) = match source {
            OlderSource::Loaded(r) => {
                let r = *r;
                kept = r.assessment;
                (r.path, r.doc, Some(r.analysis))
            }
            OlderSource::Path(path) => {
                emit(WorkerEvent::Stage {
                    ticket,
                    stage: Stage::Reading,
                });
                let report_path = if assessment::is_assessment_file(&path) {
                    let (a, _) = assessment::load(&path).map_err(Failure::Assessment)?;
                    PathBuf::from(&a.report.path)
                } else {
                    path
                };
                let doc = self.review.open_report(&report_path)?;
                (report_path, Arc::new(doc), None)
            }
        };
        let analysis = match analysis {
            Some(a) if a.frameworks == frameworks => a,
            _ => {
                emit(WorkerEvent::Stage {
                    ticket,
                    stage: Stage::Analysing,
                });
                self.review.analyse(&doc, frameworks)
            }
        };
        // The reviewer's saved work on that year, if any (its sidecar); an
        // unreadable one is left out, the comparison still stands.
        let sidecar = assessment::sidecar_path(&path);
        let saved = kept.or_else(|| {
            sidecar
                .is_file()
                .then(|| assessment::load(&sidecar).ok().map(|(a, _)| a))
                .flatten()
        });
        Ok(YearReport {
            path,
            doc,
            analysis,
            assessment: saved,
        })
    }

    fn open(
        &self,
        ticket: u64,
        path: &Path,
        emit: &mut dyn FnMut(WorkerEvent),
    ) -> Result<Opened, Failure> {
        let report =
            self.review
                .open_for_review(path, &FrameworkRequest::default(), &mut |progress| {
                    emit(match progress {
                        Progress::Reading => WorkerEvent::Stage {
                            ticket,
                            stage: Stage::Reading,
                        },
                        Progress::Document(doc) => WorkerEvent::Document { ticket, doc },
                        Progress::Analysing => WorkerEvent::Stage {
                            ticket,
                            stage: Stage::Analysing,
                        },
                    });
                })?;
        Ok(Opened {
            report,
            available: self
                .review
                .registry()
                .frameworks
                .iter()
                .map(|f| (f.id.clone(), f.label().to_string()))
                .collect(),
        })
    }
}

enum Mode {
    Thread {
        jobs: Sender<Job>,
        events: Receiver<WorkerEvent>,
    },
    Inline {
        engine: Option<Box<Engine>>,
        options: LoadOptions,
        events: VecDeque<WorkerEvent>,
    },
}

/// Runs [`Job`]s off the UI thread (or inline, for tests).
pub struct Worker {
    mode: Mode,
    next_ticket: u64,
    busy: usize,
}

impl Worker {
    /// A worker thread; `repaint` is woken whenever there is news.
    /// The analyzer is built right away, on the thread.
    pub fn spawn(options: LoadOptions, repaint: Option<egui::Context>) -> Worker {
        let (job_tx, job_rx) = channel::<Job>();
        let (ev_tx, ev_rx) = channel::<WorkerEvent>();
        let spawned = std::thread::Builder::new()
            .name("shenyue-worker".into())
            .spawn(move || {
                let wake = || {
                    if let Some(ctx) = &repaint {
                        ctx.request_repaint();
                    }
                };
                let engine = Engine::new(options);
                while let Ok(job) = job_rx.recv() {
                    engine.run(job, &mut |event| {
                        let _ = ev_tx.send(event);
                        wake();
                    });
                }
            });
        match spawned {
            Ok(_) => Worker {
                mode: Mode::Thread {
                    jobs: job_tx,
                    events: ev_rx,
                },
                next_ticket: 1,
                busy: 0,
            },
            Err(e) => {
                log::warn!("no worker thread ({e}); working on the UI thread");
                Worker::inline_with(LoadOptions::default())
            }
        }
    }

    /// A worker that runs each job at once, on the caller's thread.
    pub fn inline() -> Worker {
        Worker::inline_with(LoadOptions::default())
    }

    /// Like [`Worker::inline`] with explicit load options.
    pub fn inline_with(options: LoadOptions) -> Worker {
        Worker {
            mode: Mode::Inline {
                engine: None,
                options,
                events: VecDeque::new(),
            },
            next_ticket: 1,
            busy: 0,
        }
    }

    /// An inline worker over a given review engine (tests: user frameworks
    /// from a folder of their own).
    pub fn inline_with_engine(engine: ReviewEngine) -> Worker {
        let options = engine.load_options().clone();
        Worker {
            mode: Mode::Inline {
                engine: Some(Box::new(Engine { review: engine })),
                options,
                events: VecDeque::new(),
            },
            next_ticket: 1,
            busy: 0,
        }
    }

    /// A fresh ticket for a job.
    pub fn ticket(&mut self) -> u64 {
        let t = self.next_ticket;
        self.next_ticket += 1;
        t
    }

    /// Queues a job.
    pub fn submit(&mut self, job: Job) {
        self.busy += 1;
        match &mut self.mode {
            Mode::Thread { jobs, .. } => {
                if let Err(e) = jobs.send(job) {
                    // The thread died (it never panics by design; be safe):
                    // fall back to inline work so the app keeps working.
                    log::error!("worker thread gone; working inline");
                    let job = e.0;
                    *self = Worker::inline();
                    self.submit(job);
                }
            }
            Mode::Inline {
                engine,
                options,
                events,
            } => {
                let engine = engine.get_or_insert_with(|| Box::new(Engine::new(options.clone())));
                engine.run(job, &mut |event| events.push_back(event));
            }
        }
    }

    /// The next event, if any.
    pub fn poll(&mut self) -> Option<WorkerEvent> {
        let event = match &mut self.mode {
            Mode::Thread { events, .. } => events.try_recv().ok(),
            Mode::Inline { events, .. } => events.pop_front(),
        };
        if event.as_ref().is_some_and(WorkerEvent::is_final) {
            self.busy = self.busy.saturating_sub(1);
        }
        event
    }

    /// Blocks until the next event or `timeout` (for headless drivers and
    /// tests of the threaded worker; the UI never calls this).
    pub fn wait(&mut self, timeout: std::time::Duration) -> Option<WorkerEvent> {
        if let Mode::Thread { events, .. } = &mut self.mode {
            let event = events.recv_timeout(timeout).ok();
            if event.as_ref().is_some_and(WorkerEvent::is_final) {
                self.busy = self.busy.saturating_sub(1);
            }
            return event;
        }
        self.poll()
    }

    /// True while jobs are unanswered.
    pub fn is_busy(&self) -> bool {
        self.busy > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_reports")
            .join(name)
    }

    fn finish(worker: &mut Worker) -> Vec<WorkerEvent> {
        let mut out = Vec::new();
        while let Some(e) = worker.wait(std::time::Duration::from_secs(60)) {
            let done = !matches!(e, WorkerEvent::Stage { .. } | WorkerEvent::Document { .. });
            out.push(e);
            if done {
                break;
            }
        }
        out
    }

    #[test]
    fn thread_worker_opens_a_sample_and_reports_stages() {
        let mut w = Worker::spawn(LoadOptions::default(), None);
        let ticket = w.ticket();
        w.submit(Job::Open {
            ticket,
            path: sample("zhanjiang-etdz_2020.txt"),
        });
        assert!(w.is_busy());
        let events = finish(&mut w);
        assert!(events.iter().any(|e| matches!(
            e,
            WorkerEvent::Stage {
                stage: Stage::Reading,
                ..
            }
        )));
        assert!(
            events
                .iter()
                .any(|e| matches!(e, WorkerEvent::Document { .. })),
            "the text comes before the analysis"
        );
        let Some(WorkerEvent::Opened { ticket: t, opened }) = events.last() else {
            panic!("{events:?}")
        };
        assert_eq!(*t, ticket);
        assert_eq!(
            opened.report.doc.structure.metadata.unit.as_deref(),
            Some("湛江经济技术开发区")
        );
        assert!(opened.report.frameworks.iter().any(|f| f.id == "DC"));
        assert!(
            opened
                .report
                .assessment_path
                .to_string_lossy()
                .ends_with("zhanjiang-etdz_2020.shenyue.ron")
        );
        assert!(!w.is_busy());
    }

    #[test]
    fn inline_worker_reports_a_missing_file_as_a_failure() {
        let mut w = Worker::inline();
        let ticket = w.ticket();
        w.submit(Job::Open {
            ticket,
            path: "/nonexistent/report.txt".into(),
        });
        let mut last = None;
        while let Some(e) = w.poll() {
            last = Some(e);
        }
        let Some(WorkerEvent::Failed { failure, .. }) = last else {
            panic!("{last:?}")
        };
        assert!(matches!(failure, Failure::Load(LoadError::Io(_))));
        let zh = failure.message(Lang::Zh);
        assert!(zh.chars().any(crate::text::is_han), "{zh}");
        assert_ne!(zh, failure.message(Lang::En));
    }
}
