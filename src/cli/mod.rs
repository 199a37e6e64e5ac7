//! The command line: `shenyue [FILES…]` opens the GUI; subcommands run the
//! same library code headless. Each subcommand is a few lines over the
//! library; errors end as one line on stderr and exit code 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::document::{self, LoadOptions};
use crate::i18n::Lang;

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
        /// The report (txt, docx, html, pdf).
        file: PathBuf,
        /// Print the stable JSON interface instead of text.
        #[arg(long)]
        json: bool,
        /// Include the clean text.
        #[arg(long)]
        with_text: bool,
    },
    /// Internal: extract a PDF's text in an isolated process.
    #[command(name = "__pdf-extract", hide = true)]
    PdfExtract {
        /// The PDF.
        file: PathBuf,
    },
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
    LoadOptions {
        pdf_helper: std::env::current_exe().ok(),
        ..LoadOptions::default()
    }
}

/// Loads a report, with an error naming the file in the user's language.
pub fn load_report(path: &Path, lang: Lang) -> Result<document::Document, CliError> {
    document::open(path, &load_options())
        .map_err(|e| CliError(format!("{}: {}", path.display(), e.message(lang))))
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
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
        None => crate::ui::run(cli.files).map_err(CliError),
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

fn run_command(cmd: Command, lang: Lang) -> Result<(), CliError> {
    match cmd {
        Command::Inspect {
            file,
            json,
            with_text,
        } => inspect(&file, json, with_text, lang),
        Command::PdfExtract { file } => {
            let bytes =
                std::fs::read(&file).map_err(|e| CliError(format!("{}: {e}", file.display())))?;
            let text = document::pdf::extract_builtin(&bytes).map_err(CliError)?;
            print!("{text}");
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
