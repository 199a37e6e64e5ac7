//! The review pipeline: the one path from a report file to the assessment a
//! reviewer edits. The GUI's worker and every CLI subcommand (`check`,
//! `batch`, `compare`, `points`) go through [`ReviewEngine`]; they keep only
//! their own concerns (events and windows; arguments, output and exit codes).
//!
//! ```text
//! file ──open_report──▶ Document ──choose──▶ frameworks ──analyse──▶ Analysis
//!                                                                      │
//!             existing assessment / autosave ──Assessment::merge_analysis──▶ Assessment
//! ```
//!
//! The expensive parts (framework registry, segmentation dictionary) are
//! built once in [`ReviewEngine::new`] and then shared by reference: the
//! engine is `Send + Sync`, so many reports can be reviewed in parallel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::analysis::evidence::Prepared;
use crate::analysis::{Analysis, Analyzer};
use crate::assessment::{self, Assessment, AssessmentError, DiskStamp, ReanchorReport, Recovery};
use crate::document::{self, Document, LoadError, LoadOptions};
use crate::framework::{Framework, FrameworkError, Registry, SelectionNotice};
use crate::i18n::Lang;
use crate::structure::{DocumentKind, KindJudgement, YearSignal};

/// Why a step of the pipeline failed; every variant names its file.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// A report could not be read.
    #[error("{}: {source}", path.display())]
    Load {
        /// The report.
        path: PathBuf,
        /// Why.
        source: LoadError,
    },
    /// An assessment could not be read.
    #[error("{0}")]
    Assessment(#[from] AssessmentError),
    /// A framework or work-points file could not be read.
    #[error("{0}")]
    Framework(#[from] FrameworkError),
    /// `--framework` named neither a loaded framework nor a file.
    #[error("{0}: no such framework or file (see shenyue frameworks)")]
    UnknownFramework(String),
}

impl ReviewError {
    /// One line in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReviewError::Load { path, source } => {
                format!("{}: {}", path.display(), source.message(lang))
            }
            ReviewError::Assessment(e) => e.message(lang),
            ReviewError::Framework(e) => e.message(lang),
            ReviewError::UnknownFramework(arg) => format!(
                "{arg}: {}",
                lang.pick(
                    "没有这个框架，也不是文件（shenyue frameworks 列出可用框架）",
                    "no such framework or file (see shenyue frameworks)"
                )
            ),
        }
    }
}

/// Which frameworks to check a report against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameworkRequest {
    /// Framework ids asked for; empty: those of the assessment already there,
    /// else the default for the report's year.
    pub ids: Vec<String>,
    /// Ids always added (imported work points).
    pub also: Vec<String>,
}

/// The frameworks chosen for one report, and why when it is a fallback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    /// Framework ids, in checklist order.
    pub ids: Vec<String>,
    /// Why the choice is a fallback, if it is.
    pub notice: Option<SelectionNotice>,
}

/// What the reviewer must be told about a report before trusting its
/// checklist: typed, rendered in the user's language by [`Notice::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The frameworks chosen are a fallback.
    Frameworks(SelectionNotice),
    /// The document is not an annual report (a 政府工作报告, work points…).
    NotAnnualReport(KindJudgement),
    /// Signals for the year reported on disagree.
    YearConflict {
        /// The year used.
        year: i32,
        /// The signals pointing elsewhere: (year, what, as written).
        others: Vec<(i32, YearSignal, String)>,
    },
}

impl Notice {
    /// The notices for `doc` checked with `chosen`.
    pub fn for_report(doc: &Document, chosen: &Chosen) -> Vec<Notice> {
        let meta = &doc.structure.metadata;
        let mut out: Vec<Notice> = chosen
            .notice
            .iter()
            .cloned()
            .map(Notice::Frameworks)
            .collect();
        if meta.document_kind.kind != DocumentKind::AnnualReport {
            out.push(Notice::NotAnnualReport(meta.document_kind.clone()));
        }
        if let Some(year) = meta.year
            && !meta.year_conflicts.is_empty()
        {
            out.push(Notice::YearConflict {
                year,
                others: meta
                    .year_conflicts
                    .iter()
                    .map(|e| (e.year, e.signal, e.text.clone()))
                    .collect(),
            });
        }
        out
    }

    /// One line for the reviewer, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::Frameworks(n) => n.message(lang),
            Notice::NotAnnualReport(judgement) => match lang {
                Lang::Zh => format!(
                    "这份文件看来不是法治政府建设年度报告，而是{}（{}）；检查清单的结论仅供参考",
                    judgement.kind.label(lang),
                    judgement.reason.message(lang)
                ),
                Lang::En => format!(
                    "this does not look like an annual rule-of-law report but {} ({}); treat the checklist with care",
                    judgement.kind.label(lang),
                    judgement.reason.message(lang)
                ),
            },
            Notice::YearConflict { year, others } => {
                let list: Vec<String> = others
                    .iter()
                    .map(|(y, signal, text)| format!("{}「{text}」→{y}", signal.label(lang)))
                    .collect();
                match lang {
                    Lang::Zh => format!(
                        "报告年度按{year}年审查，但有线索指向其他年度：{}；请核对年度",
                        list.join("；")
                    ),
                    Lang::En => format!(
                        "the report is checked as {year}, but some signals point elsewhere: {}; please check the year",
                        list.join("; ")
                    ),
                }
            }
        }
    }
}

/// What a step of [`ReviewEngine::open_for_review`] has reached, so a UI
/// can show progress and the text before the analysis is done.
#[derive(Debug)]
pub enum Progress {
    /// Reading and cleaning the file.
    Reading,
    /// The report's text is ready.
    Document(Arc<Document>),
    /// Running the checklist analysis.
    Analysing,
}

/// A report opened for review: the document, its analysis and the merged
/// assessment, with what the reviewer must be told about it.
#[derive(Debug)]
pub struct OpenedReport {
    /// The report file.
    pub report_path: PathBuf,
    /// The clean, structured report.
    pub doc: Arc<Document>,
    /// Its analysis.
    pub analysis: Analysis,
    /// The frameworks used, in checklist order.
    pub frameworks: Vec<Framework>,
    /// What the reviewer must be told (fallback frameworks, not an annual
    /// report, conflicting year signals).
    pub notices: Vec<Notice>,
    /// Where the assessment lives (the sidecar, or the `.ron` opened).
    pub assessment_path: PathBuf,
    /// The assessment: the one on disk with fresh automatic results, or a
    /// new one.
    pub assessment: Assessment,
    /// The stamp of the assessment file read, for conflict checks on save.
    pub stamp: Option<DiskStamp>,
    /// Why the assessment there could not be read (it is left untouched and
    /// a new one is started).
    pub existing_error: Option<AssessmentError>,
    /// How annotations moved when the report's text had changed.
    pub reanchored: Option<ReanchorReport>,
    /// A newer autosave to offer.
    pub recovery: Option<Recovery>,
}

/// Frameworks, the analyzer built for their terms, and the load options:
/// everything slow to build, built once and shared.
pub struct ReviewEngine {
    registry: Registry,
    analyzer: Analyzer,
    load: LoadOptions,
    /// The analyzer's tables for each list of framework ids analysed, so
    /// they are looked up once, not once per report. Ids name frameworks
    /// exactly because the registry changes only through `&mut self`,
    /// which empties this.
    prepared: Mutex<HashMap<Vec<String>, Arc<Prepared>>>,
}

impl std::fmt::Debug for ReviewEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewEngine")
            .field(
                "frameworks",
                &self
                    .registry
                    .frameworks
                    .iter()
                    .map(|f| &f.id)
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl ReviewEngine {
    /// The built-in frameworks and the user's (`~/.config/shenyue/frameworks`).
    pub fn new(load: LoadOptions) -> ReviewEngine {
        ReviewEngine::with_registry(Registry::load(&[]), load)
    }

    /// An engine over `registry` (tests, or a user folder chosen elsewhere).
    pub fn with_registry(registry: Registry, load: LoadOptions) -> ReviewEngine {
        let analyzer = Analyzer::with_frameworks(&registry.frameworks);
        ReviewEngine {
            registry,
            analyzer,
            load,
            prepared: Mutex::new(HashMap::new()),
        }
    }

    /// The frameworks available.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The analyzer (its segmenter serves search and work-point import).
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// How reports are loaded.
    pub fn load_options(&self) -> &LoadOptions {
        &self.load
    }

    /// Adds (or replaces) a framework; its terms join the dictionary.
    pub fn add_framework(&mut self, framework: Framework) -> String {
        let id = framework.id.clone();
        self.analyzer.add_framework(&framework);
        self.registry.insert(framework);
        self.prepared
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        id
    }

    /// Resolves `--framework` arguments: ids of loaded frameworks, or files
    /// to load (added to the engine).
    pub fn resolve_framework_args(&mut self, args: &[String]) -> Result<Vec<String>, ReviewError> {
        let mut ids = Vec::new();
        for arg in args {
            if self.registry.get(arg).is_some() {
                ids.push(arg.clone());
                continue;
            }
            let path = Path::new(arg);
            if path.exists() {
                let framework = crate::framework::load::load_file(path)?;
                ids.push(self.add_framework(framework));
                continue;
            }
            return Err(ReviewError::UnknownFramework(arg.clone()));
        }
        Ok(ids)
    }

    /// Imports a 年度工作要点 as a framework (with this engine's segmenter)
    /// without adding it.
    pub fn import_points(&self, path: &Path) -> Result<Framework, ReviewError> {
        Ok(crate::framework::points::import_file(
            path,
            &self.load,
            self.analyzer.segmenter(),
        )?)
    }

    /// Imports a 年度工作要点 and adds it; returns its id.
    pub fn add_points(&mut self, path: &Path) -> Result<String, ReviewError> {
        let framework = self.import_points(path)?;
        Ok(self.add_framework(framework))
    }

    /// What kind of document the file is (`None` when it cannot be read).
    pub fn document_kind(&self, path: &Path) -> Option<KindJudgement> {
        self.open_report(path)
            .ok()
            .map(|doc| doc.structure.metadata.document_kind)
    }

    /// Reads and cleans a report.
    pub fn open_report(&self, path: &Path) -> Result<Document, ReviewError> {
        open_report(path, &self.load)
    }

    /// The frameworks for a report of `year`: those asked for; else those of
    /// `existing` when all are still available; else the default for the
    /// year (with a notice when it is a fallback). `request.also` is added.
    pub fn choose(
        &self,
        year: Option<i32>,
        request: &FrameworkRequest,
        existing: Option<&Assessment>,
    ) -> Chosen {
        let from_existing = existing
            .map(|a| a.frameworks.clone())
            .filter(|ids| !ids.is_empty() && ids.iter().all(|id| self.registry.get(id).is_some()));
        let mut chosen = if !request.ids.is_empty() {
            Chosen {
                ids: request.ids.clone(),
                notice: None,
            }
        } else if let Some(ids) = from_existing {
            Chosen { ids, notice: None }
        } else {
            let selection = self.registry.default_selection(year);
            Chosen {
                ids: selection.ids,
                notice: selection.notice,
            }
        };
        for id in &request.also {
            if !chosen.ids.contains(id) {
                chosen.ids.push(id.clone());
            }
        }
        chosen
    }

    /// The loaded frameworks with these ids, in order (unknown ids skipped).
    pub fn frameworks(&self, ids: &[String]) -> Vec<&Framework> {
        ids.iter().filter_map(|id| self.registry.get(id)).collect()
    }

    /// Analyses `doc` against the frameworks `ids`.
    pub fn analyse(&self, doc: &Document, ids: &[String]) -> Analysis {
        let frameworks = self.frameworks(ids);
        let prepared = {
            // A poisoned lock only means another analysis panicked; entries
            // are inserted whole.
            let mut cache = self.prepared.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(
                cache
                    .entry(ids.to_vec())
                    .or_insert_with(|| Arc::new(self.analyzer.prepare(&frameworks))),
            )
        };
        self.analyzer.analyse_prepared(doc, &frameworks, &prepared)
    }

    /// Chooses the frameworks for `doc` and analyses it.
    pub fn check(
        &self,
        doc: &Document,
        request: &FrameworkRequest,
        existing: Option<&Assessment>,
    ) -> (Analysis, Chosen) {
        let chosen = self.choose(report_year(doc, existing), request, existing);
        let analysis = self.analyse(doc, &chosen.ids);
        (analysis, chosen)
    }

    /// Opens `path` for review, as the workbench does: a report (with the
    /// assessment beside it, if any) or an assessment file (with the report
    /// it names). The existing assessment keeps every review; an unreadable
    /// one is reported and left untouched; a newer autosave is offered.
    pub fn open_for_review(
        &self,
        path: &Path,
        request: &FrameworkRequest,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<OpenedReport, ReviewError> {
        progress(Progress::Reading);
        let (report_path, assessment_path, existing, existing_error) =
            if assessment::is_assessment_file(path) {
                let (a, stamp) = assessment::load(path)?;
                let report = PathBuf::from(&a.report.path);
                (report, path.to_path_buf(), Some((a, stamp)), None)
            } else {
                let sidecar = assessment::sidecar_path(path);
                let (existing, error) = match assessment::load(&sidecar) {
                    Ok(loaded) => (Some(loaded), None),
                    Err(AssessmentError::NotFound { .. }) => (None, None),
                    Err(e) => (None, Some(e)),
                };
                (path.to_path_buf(), sidecar, existing, error)
            };
        let doc = Arc::new(self.open_report(&report_path)?);
        progress(Progress::Document(Arc::clone(&doc)));
        progress(Progress::Analysing);
        let (existing, stamp) = match existing {
            Some((a, s)) => (Some(a), Some(s)),
            None => (None, None),
        };
        let (analysis, chosen) = self.check(&doc, request, existing.as_ref());
        let (assessment, reanchored) = Assessment::merge_analysis(
            existing,
            &doc,
            &analysis,
            &absolute(&report_path).to_string_lossy(),
        );
        let recovery = assessment::recovery_candidate(&assessment_path);
        let notices = Notice::for_report(&doc, &chosen);
        Ok(OpenedReport {
            frameworks: self.frameworks(&chosen.ids).into_iter().cloned().collect(),
            report_path,
            doc,
            analysis,
            notices,
            assessment_path,
            assessment,
            stamp,
            existing_error,
            reanchored,
            recovery,
        })
    }

    /// A new assessment of `doc` (the CLI's `check` and `batch`), its report
    /// path stored as it will be read back from `assessment_path` (relative
    /// to it), or as given when the assessment goes to standard output.
    pub fn new_assessment(
        &self,
        doc: &Document,
        analysis: &Analysis,
        report_path: &Path,
        assessment_path: Option<&Path>,
    ) -> Assessment {
        let stored = match assessment_path {
            Some(out) => assessment::relative_report_path(out, &absolute(report_path)),
            None => report_path.display().to_string(),
        };
        Assessment::from_analysis(doc, analysis, &stored)
    }
}

/// Reads and cleans a report with `load` (no engine needed).
pub fn open_report(path: &Path, load: &LoadOptions) -> Result<Document, ReviewError> {
    document::open(path, load).map_err(|source| ReviewError::Load {
        path: path.to_path_buf(),
        source,
    })
}

/// The year a report is reviewed as: the reviewer's correction when there
/// is one, else what the text says.
pub fn report_year(doc: &Document, existing: Option<&Assessment>) -> Option<i32> {
    match existing {
        Some(a) if a.report.year_corrected => a.report.year,
        _ => doc.structure.metadata.year,
    }
}

/// `path` made absolute (unchanged when that fails).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The assessment after a re-analysis or a recovery: `a` with the results of
/// `analysis` by the one merge rule ([`Assessment::merge_analysis`]).
pub fn merge(
    a: Assessment,
    doc: &Document,
    analysis: &Analysis,
) -> (Assessment, Option<ReanchorReport>) {
    let report_path = a.report.path.clone();
    Assessment::merge_analysis(Some(a), doc, analysis, &report_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_engine_can_be_shared_between_threads() {
        assert_send_sync::<ReviewEngine>();
    }

    /// The tables the engine keeps per list of ids follow a framework
    /// replaced under the same id.
    #[test]
    fn a_replaced_framework_is_analysed_with_its_new_keywords() {
        let text = "某区2021年法治政府建设年度报告\n一、主要成效\n全年办理行政复议案件12件，出庭应诉率100%。\n二、存在的不足\n行政执法水平有待提高。";
        let doc = Document::from_text("t", text);
        let mut engine =
            ReviewEngine::with_registry(Registry::load_from(None, &[]), LoadOptions::default());
        let ids = vec!["G21".to_string()];
        let before = engine.analyse(&doc, &ids);
        assert_eq!(
            engine.analyse(&doc, &ids),
            before,
            "the kept tables give the same"
        );
        let mut edited = engine
            .registry()
            .get("G21")
            .cloned()
            .expect("G21 is built in");
        for item in &mut edited.items {
            item.keywords.clear();
            for child in &mut item.children {
                child.keywords.clear();
            }
        }
        engine.add_framework(edited.clone());
        let after = engine.analyse(&doc, &ids);
        assert_ne!(after, before);
        let mut registry = Registry::load_from(None, &[]);
        registry.insert(edited);
        let fresh = ReviewEngine::with_registry(registry, LoadOptions::default());
        assert_eq!(after, fresh.analyse(&doc, &ids));
    }

    #[test]
    fn a_request_beats_the_existing_assessment_which_beats_the_year() {
        let engine =
            ReviewEngine::with_registry(Registry::load_from(None, &[]), LoadOptions::default());
        let by_year = engine.choose(Some(2019), &FrameworkRequest::default(), None);
        assert!(by_year.ids.iter().any(|id| id == "G15"), "{by_year:?}");
        let existing = Assessment {
            frameworks: vec!["DC".into()],
            ..Assessment::default()
        };
        let kept = engine.choose(Some(2019), &FrameworkRequest::default(), Some(&existing));
        assert_eq!(kept.ids, ["DC"]);
        let asked = FrameworkRequest {
            ids: vec!["G21".into()],
            also: vec!["DC".into()],
        };
        assert_eq!(
            engine.choose(Some(2019), &asked, Some(&existing)).ids,
            ["G21", "DC"]
        );
        let unknown = engine.choose(None, &FrameworkRequest::default(), None);
        assert!(unknown.notice.is_some());
    }
}
