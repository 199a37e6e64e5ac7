//! The command line: `shenyue [FILES…]` opens the GUI; subcommands run the
//! same library code headless. Each subcommand is a few lines over the
//! library; errors end as one line on stderr and exit code 2.

mod assets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::document::{self, LoadOptions};
use crate::i18n::Lang;
use crate::review::{FrameworkRequest, ReviewEngine};

/// 审阅 Shenyue — review annual 法治政府建设年度报告.
#[derive(Debug, Parser)]
#[command(
    name = "shenyue",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Reports or assessments to open in the workbench.
    pub files: Vec<PathBuf>,
    /// What to do headless.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show a report's clean text structure, metadata and cleaning log.
    Inspect {
        /// The report (docx, doc, wps, pdf, ofd, odt, rtf, html, txt).
        file: PathBuf,
        /// Print the stable JSON interface instead of text.
        #[arg(long)]
        json: bool,
        /// Include the clean text.
        #[arg(long)]
        with_text: bool,
    },
    /// Fill the checklist: evidence, status and reason per item, indicators.
    Check {
        /// The report.
        file: PathBuf,
        /// Framework id (DC, G15, G21…) or a framework .ron file; repeatable.
        /// Default: chosen by the report's year.
        #[arg(long = "framework", value_name = "ID|PATH")]
        frameworks: Vec<String>,
        /// A 年度工作要点 document to check the report against as well.
        #[arg(long, value_name = "FILE")]
        points: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Ron)]
        format: CheckFormat,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Import a 年度工作要点 / 工作安排 / 工作计划 as a checklist framework file.
    Points {
        /// The work-points document (docx, doc, wps, pdf, ofd, odt, rtf, html, txt).
        file: PathBuf,
        /// Write the framework here (atomically) instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Compare a unit's older report with its newer one: item statuses,
    /// follow-through of last year's plans, indicators, recycled text.
    Compare {
        /// The older report.
        old: PathBuf,
        /// The newer report.
        new: PathBuf,
        /// Framework id or file for both reports (default: by the newer report's year).
        #[arg(long = "framework", value_name = "ID|PATH")]
        frameworks: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Json)]
        format: CompareFormat,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Export an assessment: html, docx (审查意见), csv, json or md.
    Export {
        /// The assessment file (.shenyue.ron).
        assessment: PathBuf,
        /// Output format (default: from the output file's extension).
        #[arg(long, value_name = "html|docx|csv|json|md")]
        format: Option<String>,
        /// The file to write (atomically).
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Check many reports at once: one table (CSV, one row per item) or one
    /// JSON object per report (missing parts, coverage, deadline, review
    /// status, copied passages) with a summary.
    Batch {
        /// Reports, or folders to search for reports (in them and below them).
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
        format: BatchFormat,
        /// Publication deadline: month-day of the year after the report's
        /// year (default 04-01, i.e. 4月1日), or one date for all (2026-03-31).
        #[arg(long, value_name = "MM-DD|DATE")]
        deadline: Option<String>,
        /// Write the result here (atomically) instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Also save a new assessment beside each report that has none (never overwrites).
        #[arg(long)]
        save: bool,
        /// Reports analysed at once (default: every core).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// List the requirement frameworks available (built-in and user files).
    Frameworks {
        /// Also load these framework files.
        #[arg(long = "framework", value_name = "PATH")]
        extra: Vec<PathBuf>,
    },
    /// Internal: extract a PDF's text in an isolated process.
    #[command(name = "__pdf-extract", hide = true)]
    PdfExtract {
        /// The PDF.
        file: PathBuf,
    },
    /// Internal: write the man pages and shell completions (packaging).
    #[command(name = "__generate-assets", hide = true)]
    GenerateAssets {
        /// The folder to write `man/` and `completions/` into.
        dir: PathBuf,
    },
}

/// Formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// The assessment file the GUI opens.
    Ron,
    /// The stable JSON interface.
    Json,
}

/// Formats of `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    /// One row per checklist item, for a spreadsheet.
    Csv,
    /// One object per report, failures and a summary.
    Json,
}

/// Formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// The stable JSON interface.
    Json,
    /// Markdown for quick sharing.
    Md,
    /// A standalone, printable web page.
    Html,
}

/// A failure to report as one line.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Load options for the binary: PDFs are extracted in a child process.
pub fn load_options() -> LoadOptions {
    LoadOptions::for_app()
}

/// Loads a report, with an error naming the file in the user's language.
pub fn load_report(path: &Path, lang: Lang) -> Result<document::Document, CliError> {
    document::open(path, &load_options())
        .map_err(|e| CliError(format!("{}: {}", path.display(), e.message(lang))))
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    crate::started();
    let lang = Lang::from_env();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let rendered = e.to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            eprintln!("shenyue: {first} (shenyue --help)");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        None => run_gui(cli.files),
        Some(cmd) => run_command(cmd, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shenyue: {}", e.0.lines().next().unwrap_or(""));
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "gui")]
fn run_gui(files: Vec<PathBuf>) -> Result<(), CliError> {
    crate::ui::run(files).map_err(CliError)
}

/// A build without the workbench (the fuzz targets' `--no-default-features`).
#[cfg(not(feature = "gui"))]
fn run_gui(_files: Vec<PathBuf>) -> Result<(), CliError> {
    Err(CliError(
        "this build has no window; use a subcommand (shenyue --help)".into(),
    ))
}

fn run_command(cmd: Command, lang: Lang) -> Result<(), CliError> {
    match cmd {
        Command::Compare {
            old,
            new,
            frameworks,
            format,
            output,
        } => compare(&old, &new, &frameworks, format, output.as_deref(), lang),
        Command::Inspect {
            file,
            json,
            with_text,
        } => inspect(&file, json, with_text, lang),
        Command::Check {
            file,
            frameworks,
            points,
            format,
            output,
        } => check(
            &file,
            &frameworks,
            points.as_deref(),
            format,
            output.as_deref(),
            lang,
        ),
        Command::Frameworks { extra } => list_frameworks(&extra, lang),
        Command::Export {
            assessment,
            format,
            output,
        } => export(&assessment, format.as_deref(), &output, lang),
        Command::Batch {
            inputs,
            format,
            deadline,
            output,
            save,
            jobs,
        } => {
            let deadline = match deadline {
                Some(d) => crate::inbox::Deadline::parse(&d).ok_or_else(|| {
                    CliError(format!(
                        "--deadline {d}: {}",
                        lang.pick(
                            "看不懂这个日期；请写月-日（如 04-01）或完整日期（如 2026-03-31）",
                            "not a date; write month-day (04-01) or a full date (2026-03-31)"
                        )
                    ))
                })?,
                None => crate::inbox::Deadline::default(),
            };
            let options = BatchOptions {
                format,
                deadline,
                save,
                jobs,
            };
            batch(&inputs, output.as_deref(), &options, lang)
        }
        Command::Points { file, output } => {
            guard(output.as_deref(), &[&file], lang)?;
            let engine = ReviewEngine::new(load_options());
            let fw = engine
                .import_points(&file)
                .map_err(|e| CliError(e.message(lang)))?;
            if let Some(kind) = engine.document_kind(&file) {
                use crate::structure::DocumentKind;
                if kind.kind != DocumentKind::WorkPoints {
                    eprintln!(
                        "shenyue: {}: {}{}（{}）",
                        file.display(),
                        lang.pick(
                            "提示：这份文件看来不是工作要点，而是",
                            "note: this does not look like work points but "
                        ),
                        kind.kind.label(lang),
                        kind.reason.message(lang)
                    );
                }
            }
            let text = fw.to_ron_pretty().map_err(|e| CliError(e.message(lang)))?;
            emit(&text, output.as_deref(), lang)
        }
        Command::PdfExtract { file } => {
            let bytes =
                std::fs::read(&file).map_err(|e| CliError(format!("{}: {e}", file.display())))?;
            let text = document::pdf::extract_builtin(&bytes).map_err(CliError)?;
            print!("{text}");
            Ok(())
        }
        Command::GenerateAssets { dir } => {
            for path in assets::generate(&dir)? {
                println!("{}", path.display());
            }
            Ok(())
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value).map_err(|e| CliError(format!("JSON: {e}")))
}

fn inspect(file: &Path, json: bool, with_text: bool, lang: Lang) -> Result<(), CliError> {
    let doc = load_report(file, lang)?;
    let summary =
        document::summary::DocumentSummary::new(&doc, &file.display().to_string(), with_text);
    if json {
        println!("{}", to_json(&summary)?);
        return Ok(());
    }
    let none = lang.pick("（未知）", "(unknown)");
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| none.to_string());
    println!(
        "{}  {} / {} / {} {}",
        summary.file,
        summary.format,
        summary.encoding,
        summary.chars,
        lang.pick("字", "chars")
    );
    println!("{}{}", lang.pick("标题：", "Title: "), show(&summary.title));
    println!("{}{}", lang.pick("单位：", "Unit: "), show(&summary.unit));
    println!(
        "{}{}",
        lang.pick("年度：", "Year: "),
        summary
            .year
            .map_or_else(|| none.to_string(), |y| y.to_string())
    );
    println!(
        "{}{}",
        lang.pick("成文日期：", "Date: "),
        show(&summary.date)
    );
    println!(
        "{}{}",
        lang.pick("发布日期：", "Published: "),
        show(&summary.published)
    );
    println!("{}", lang.pick("提纲：", "Outline:"));
    for h in &summary.headings {
        println!("{}{}{}", "  ".repeat(h.level as usize), h.numbering, h.text);
    }
    println!("{}", lang.pick("必备内容：", "Required parts:"));
    for p in &doc.structure.parts {
        let mark = if p.present { "✓" } else { "✗" };
        println!("  {mark} {} {}", p.id.as_str(), p.id.label(lang));
    }
    println!("{}", lang.pick("清理记录：", "Cleaning:"));
    for e in &doc.cleaning.entries {
        println!("  {} × {}", e.kind.label(lang), e.count);
    }
    if with_text {
        println!("\n{}", doc.text);
    }
    Ok(())
}

/// Refuses an output that is one of the command's inputs (any spelling of
/// the path): the one guard every writing subcommand calls first.
fn guard(output: Option<&Path>, inputs: &[&Path], lang: Lang) -> Result<(), CliError> {
    match output {
        Some(out) => {
            crate::output::guard_output(out, inputs).map_err(|e| CliError(e.message(lang)))
        }
        None => Ok(()),
    }
}

/// Like [`guard`], and also refuses assessment files: for outputs that are
/// not assessments (comparisons, tables).
fn guard_not_assessment(
    output: Option<&Path>,
    inputs: &[&Path],
    lang: Lang,
) -> Result<(), CliError> {
    match output {
        Some(out) => crate::output::guard_non_assessment_output(out, inputs)
            .map_err(|e| CliError(e.message(lang))),
        None => Ok(()),
    }
}

/// Writes `text` to `output` atomically, or prints it.
pub fn emit(text: &str, output: Option<&Path>, lang: Lang) -> Result<(), CliError> {
    emit_bytes(text.as_bytes(), output, lang)
}

fn emit_bytes(bytes: &[u8], output: Option<&Path>, lang: Lang) -> Result<(), CliError> {
    match output {
        Some(path) => crate::atomic::write_atomic(path, bytes).map_err(|e| {
            CliError(format!(
                "{}: {}{}",
                path.display(),
                lang.pick("无法写入：", "cannot write: "),
                crate::i18n::io_cause(&e, lang)
            ))
        }),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(bytes);
            if !bytes.ends_with(b"\n") {
                let _ = out.write_all(b"\n");
            }
            Ok(())
        }
    }
}

fn check(
    file: &Path,
    framework_args: &[String],
    points: Option<&Path>,
    format: CheckFormat,
    output: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    let mut inputs = vec![file];
    inputs.extend(points);
    let framework_files: Vec<&Path> = framework_args
        .iter()
        .map(Path::new)
        .filter(|p| p.exists())
        .collect();
    inputs.extend(framework_files.iter().copied());
    guard(output, &inputs, lang)?;
    let fail = |e: crate::review::ReviewError| CliError(e.message(lang));
    let mut engine = ReviewEngine::new(load_options());
    let mut request = FrameworkRequest {
        ids: engine
            .resolve_framework_args(framework_args)
            .map_err(fail)?,
        also: Vec::new(),
    };
    if let Some(points) = points {
        request.also.push(engine.add_points(points).map_err(fail)?);
    }
    let doc = engine.open_report(file).map_err(fail)?;
    // An assessment already at the output is merged into (its reviews kept,
    // the previous version kept as .bak), never replaced.
    let existing = match (format, output) {
        (CheckFormat::Ron, Some(out)) if out.exists() => {
            Some(crate::assessment::load(out).map_err(|e| CliError(e.message(lang)))?)
        }
        _ => None,
    };
    let (analysis, chosen) = engine.check(&doc, &request, existing.as_ref().map(|(a, _)| a));
    let notices: Vec<String> = crate::review::Notice::for_report(&doc, &chosen)
        .iter()
        .map(|n| n.message(lang))
        .collect();
    for n in &notices {
        eprintln!("shenyue: {n}");
    }
    match format {
        CheckFormat::Json => {
            let json = crate::analysis::json::CheckJson::new(
                &doc,
                &file.display().to_string(),
                &analysis,
                notices,
                lang,
            );
            emit(&to_json(&json)?, output, lang)
        }
        CheckFormat::Ron => match (existing, output) {
            (Some((old, stamp)), Some(out)) => {
                let (merged, _) = crate::review::merge(old, &doc, &analysis);
                crate::assessment::save(out, &merged, Some(&stamp))
                    .map(|_| ())
                    .map_err(|e| CliError(e.message(lang)))
            }
            _ => {
                let a = engine.new_assessment(&doc, &analysis, file, output);
                let text = a.to_ron().map_err(|e| CliError(e.message(lang)))?;
                emit(&text, output, lang)
            }
        },
    }
}

fn list_frameworks(extra: &[PathBuf], lang: Lang) -> Result<(), CliError> {
    let registry = crate::framework::load::Registry::load(extra);
    for fw in &registry.frameworks {
        let years = match (fw.applies.from, fw.applies.to) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (None, Some(b)) => format!("≤{b}"),
            (Some(a), None) => format!("≥{a}"),
            (None, None) => lang.pick("任何年度", "any year").to_string(),
        };
        let count = fw.walk().count();
        println!(
            "{:<6} {:<10} {:>3} {}  {}",
            fw.id,
            years,
            count,
            lang.pick("项", "items"),
            fw.name
        );
    }
    if let Some(dir) = crate::framework::load::user_dir() {
        println!(
            "{}{}",
            lang.pick("用户框架目录：", "User frameworks folder: "),
            dir.display()
        );
    }
    for e in &registry.errors {
        eprintln!("{}", e.message(lang));
    }
    Ok(())
}

fn export(
    assessment: &Path,
    format: Option<&str>,
    output: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    use crate::export::{ExportFormat, export_to_file};
    let format = match format {
        Some(f) => ExportFormat::parse(f),
        None => ExportFormat::for_path(output),
    }
    .map_err(|e| CliError(e.message(lang)))?;
    let (a, _) = crate::assessment::load(assessment).map_err(|e| CliError(e.message(lang)))?;
    // The report text is needed only to show highlights in HTML; without it
    // the export still has every verdict and comment.
    let report = PathBuf::from(&a.report.path);
    let doc = document::open(&report, &load_options()).ok();
    if doc.is_none() && format == ExportFormat::Html {
        eprintln!(
            "shenyue: {}: {}",
            report.display(),
            lang.pick(
                "找不到报告原文，导出内容不含原文批注",
                "report not found; exporting without its annotated text"
            )
        );
    }
    export_to_file(&a, doc.as_ref(), format, lang, output).map_err(|e| CliError(e.message(lang)))
}

/// One report of a batch: its row and (for CSV) its assessment, or why not.
type BatchResult = Result<
    (
        crate::inbox::ReportRow,
        Option<crate::assessment::Assessment>,
    ),
    String,
>;

/// How `batch` runs.
struct BatchOptions {
    format: BatchFormat,
    deadline: crate::inbox::Deadline,
    save: bool,
    jobs: Option<usize>,
}

fn batch(
    inputs: &[PathBuf],
    output: Option<&Path>,
    options: &BatchOptions,
    lang: Lang,
) -> Result<(), CliError> {
    use crate::assessment::Assessment;
    use crate::inbox::{ReportRow, discover, parallel};
    let files = discover::report_files(inputs);
    if files.is_empty() {
        return Err(CliError(
            lang.pick("没有找到报告文件", "no report files found")
                .to_string(),
        ));
    }
    let input_refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    guard_not_assessment(output, &input_refs, lang)?;
    let load = load_options();
    let threads = parallel::threads(options.jobs, files.len());
    let keep_assessments = options.format == BatchFormat::Csv;
    // Results keep the order of the files, whatever order they finish in.
    let mut slots: Vec<Option<BatchResult>> = files.iter().map(|_| None).collect();
    let bar = ProgressBar::new(files.len());
    let engine = crate::inbox::EngineCell::new();
    std::thread::scope(|scope| {
        crate::inbox::build_engine(scope, &engine, load.clone());
        crate::inbox::review_files(
            &load,
            &engine,
            &files,
            threads,
            &std::sync::atomic::AtomicBool::new(false),
            &options.deadline,
            |file, result| {
                let reviewed = result.map_err(|e| e.message(lang))?;
                // `save` never replaces an assessment, even one that appeared meanwhile.
                if options.save && !reviewed.existing {
                    let sidecar = crate::assessment::sidecar_path(file);
                    if let Err(e) = crate::assessment::save(&sidecar, &reviewed.assessment, None) {
                        bar.message(&e.message(lang));
                    }
                }
                let a = keep_assessments.then_some(reviewed.assessment);
                Ok((reviewed.row, a))
            },
            |i, result| {
                if let Some(slot) = slots.get_mut(i) {
                    *slot = Some(result);
                }
                bar.advance();
            },
        );
    });
    bar.finish();
    let mut rows: Vec<ReportRow> = Vec::new();
    let mut assessments: Vec<Assessment> = Vec::new();
    let mut failures: Vec<(PathBuf, String)> = Vec::new();
    for (file, slot) in files.iter().zip(slots) {
        match slot {
            Some(Ok((row, a))) => {
                rows.push(row);
                assessments.extend(a);
            }
            Some(Err(e)) => failures.push((file.clone(), e)),
            None => failures.push((
                file.clone(),
                lang.pick("未能处理", "not processed").to_string(),
            )),
        }
    }
    for (_, e) in &failures {
        eprintln!("shenyue: {e}");
    }
    let bytes = match options.format {
        BatchFormat::Csv => {
            let refs: Vec<(&Path, &Assessment)> = rows
                .iter()
                .map(|r| r.file.as_path())
                .zip(&assessments)
                .collect();
            crate::export::csv_batch(&refs, lang)
        }
        BatchFormat::Json => {
            crate::inbox::link_copies(&mut rows, threads);
            let json = crate::inbox::json::BatchJson::new(&rows, &failures, &options.deadline);
            to_json(&json)?.into_bytes()
        }
    };
    emit_bytes(&bytes, output, lang)?;
    if !failures.is_empty() {
        eprintln!(
            "shenyue: {} {}",
            failures.len(),
            lang.pick(
                "个文件未能处理（见上），其余已完成",
                "file(s) could not be processed (see above); the rest are done"
            )
        );
    }
    Ok(())
}

/// A progress bar on standard error, drawn only when it is a terminal;
/// messages from the workers are printed above it.
struct ProgressBar {
    total: usize,
    shown: bool,
    /// Reports done, and when the bar was last drawn.
    state: std::sync::Mutex<(usize, std::time::Instant)>,
}

impl ProgressBar {
    fn new(total: usize) -> ProgressBar {
        use std::io::IsTerminal;
        ProgressBar {
            total,
            shown: std::io::stderr().is_terminal(),
            state: std::sync::Mutex::new((0, std::time::Instant::now())),
        }
    }

    /// A line printed above the bar (from any thread).
    fn message(&self, line: &str) {
        let _guard = self.state.lock();
        if self.shown {
            eprint!("\r\x1b[K");
        }
        eprintln!("shenyue: {line}");
    }

    fn advance(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.0 += 1;
        let done = state.0;
        if self.shown
            && (done == self.total || state.1.elapsed() >= std::time::Duration::from_millis(100))
        {
            state.1 = std::time::Instant::now();
            let width = 30;
            let filled = width * done / self.total.max(1);
            eprint!(
                "\r[{}{}] {done}/{}",
                "#".repeat(filled),
                "-".repeat(width - filled),
                self.total
            );
        }
    }

    fn finish(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
    }
}

fn compare(
    old: &Path,
    new: &Path,
    framework_args: &[String],
    format: CompareFormat,
    output: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    guard_not_assessment(output, &[old, new], lang)?;
    let fail = |e: crate::review::ReviewError| CliError(e.message(lang));
    let mut engine = ReviewEngine::new(load_options());
    let request = FrameworkRequest {
        ids: engine
            .resolve_framework_args(framework_args)
            .map_err(fail)?,
        also: Vec::new(),
    };
    let old_doc = engine.open_report(old).map_err(fail)?;
    let new_doc = engine.open_report(new).map_err(fail)?;
    // Both reports are checked against the same checklists (those of the
    // newer report's year) so their items line up.
    let (new_analysis, chosen) = engine.check(&new_doc, &request, None);
    let old_analysis = engine.analyse(&old_doc, &chosen.ids);
    let mut c = crate::compare::compare(&old_doc, &old_analysis, &new_doc, &new_analysis);
    c.old.file = old.display().to_string();
    c.new.file = new.display().to_string();
    use crate::export::{ComparisonFormat, render_comparison, write_comparison};
    let format = match format {
        CompareFormat::Json => ComparisonFormat::Json,
        CompareFormat::Md => ComparisonFormat::Markdown,
        CompareFormat::Html => ComparisonFormat::Html,
    };
    match output {
        Some(path) => write_comparison(&c, format, lang, &[old, new], path),
        None => render_comparison(&c, format, lang).map(|text| println!("{text}")),
    }
    .map_err(|e| CliError(e.message(lang)))
}
