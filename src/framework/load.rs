//! Getting frameworks into memory: the three built-in RON files embedded in
//! the binary, user files (config directory, `--framework` paths), their
//! validation, the [`Registry`] that merges them, and the default choice of
//! frameworks for a report year.
//!
//! Nothing here panics on bad input: a broken user file becomes a
//! [`FrameworkError`] in [`Registry::errors`] and the rest still loads.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ron::extensions::Extensions;

use super::{Framework, Item};
use crate::i18n::Lang;

/// Largest framework file we read (5 MB); the built-in ones are ~100 KB.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// Id of the five required parts of every report, always selected.
pub const REQUIRED_PARTS_ID: &str = "DC";

/// The built-in framework files, in checklist order.
const BUILTIN_SOURCES: [(&str, &str); 3] = [
    ("DC.ron", include_str!("../../assets/frameworks/DC.ron")),
    ("G15.ron", include_str!("../../assets/frameworks/G15.ron")),
    ("G21.ron", include_str!("../../assets/frameworks/G21.ron")),
];

/// Parsed once: the built-in files never change while the program runs.
static BUILTIN: LazyLock<Vec<Result<Framework, FrameworkError>>> = LazyLock::new(|| {
    BUILTIN_SOURCES
        .iter()
        .map(|(name, text)| parse(name, text))
        .collect()
});

/// Why a framework file could not be read, parsed or accepted.
///
/// Each message is one English line naming the file, what is wrong and what
/// to do; [`FrameworkError::message`] gives the line in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum FrameworkError {
    /// The file or folder could not be read.
    #[error("could not read framework file {}: {source}; check that it exists and is readable", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than any framework could reasonably be.
    #[error("framework file {} is {len} bytes, more than the {max}-byte limit; check that this is the right file", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        len: u64,
        /// The limit.
        max: u64,
    },
    /// The file is not UTF-8 text.
    #[error("framework file {} is not UTF-8 text (invalid bytes on line {line}); re-save it as UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
    },
    /// The text is not well-formed RON for a framework.
    #[error(
        "{source_name}:{line}:{col}: {message}; fix the framework file at that line (see the built-in files for the format)"
    )]
    Parse {
        /// File name or path the text came from.
        source_name: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        col: usize,
        /// The parser's description.
        message: String,
    },
    /// Well-formed RON whose content breaks a rule (duplicate id, empty title, …).
    #[error("{source_name}: invalid framework: {message}; correct the file and load it again")]
    Invalid {
        /// File name or path the text came from.
        source_name: String,
        /// What is wrong, naming the item.
        message: String,
    },
    /// The framework could not be written as RON (a bug).
    #[error("could not write framework {id} as RON: {message}; please report this as a bug")]
    Serialize {
        /// The framework's id.
        id: String,
        /// The serialiser's description.
        message: String,
    },
}

impl Clone for FrameworkError {
    /// Clones; an I/O error is re-created from its kind and message because
    /// `std::io::Error` itself cannot be cloned.
    fn clone(&self) -> Self {
        match self {
            FrameworkError::Io { path, source } => FrameworkError::Io {
                path: path.clone(),
                source: std::io::Error::new(source.kind(), source.to_string()),
            },
            FrameworkError::TooLarge { path, len, max } => FrameworkError::TooLarge {
                path: path.clone(),
                len: *len,
                max: *max,
            },
            FrameworkError::NotUtf8 { path, line } => FrameworkError::NotUtf8 {
                path: path.clone(),
                line: *line,
            },
            FrameworkError::Parse {
                source_name,
                line,
                col,
                message,
            } => FrameworkError::Parse {
                source_name: source_name.clone(),
                line: *line,
                col: *col,
                message: message.clone(),
            },
            FrameworkError::Invalid {
                source_name,
                message,
            } => FrameworkError::Invalid {
                source_name: source_name.clone(),
                message: message.clone(),
            },
            FrameworkError::Serialize { id, message } => FrameworkError::Serialize {
                id: id.clone(),
                message: message.clone(),
            },
        }
    }
}

impl FrameworkError {
    /// Stable machine name of the variant, for localisation and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            FrameworkError::Io { .. } => "io",
            FrameworkError::TooLarge { .. } => "too_large",
            FrameworkError::NotUtf8 { .. } => "not_utf8",
            FrameworkError::Parse { .. } => "parse",
            FrameworkError::Invalid { .. } => "invalid",
            FrameworkError::Serialize { .. } => "serialize",
        }
    }

    /// One line in the user's language: which file, what is wrong, what to do.
    /// Parser and validator details stay in English (they quote the file).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            FrameworkError::Io { path, source } => {
                format!(
                    "无法读取框架文件 {}（{source}），请确认文件存在且可读",
                    path.display()
                )
            }
            FrameworkError::TooLarge { path, len, max } => format!(
                "框架文件 {} 过大（{len} 字节，上限 {max} 字节），请确认选对了文件",
                path.display()
            ),
            FrameworkError::NotUtf8 { path, line } => format!(
                "框架文件 {} 不是 UTF-8 文本（第 {line} 行有无效字节），请另存为 UTF-8",
                path.display()
            ),
            FrameworkError::Parse {
                source_name,
                line,
                col,
                message,
            } => format!(
                "{source_name}:{line}:{col}：格式错误（{message}），请按内置框架文件的格式修改该行"
            ),
            FrameworkError::Invalid {
                source_name,
                message,
            } => format!("{source_name}：框架内容不合规（{message}），请修改后重新载入"),
            FrameworkError::Serialize { id, message } => {
                format!("无法把框架 {id} 写成 RON（{message}），这是程序错误，请报告")
            }
        }
    }
}

/// The three built-in frameworks, in order `DC`, `G15`, `G21`.
///
/// They are parsed once. A built-in file that fails to parse (a packaging
/// bug, caught by the tests) is left out and logged; [`Registry::load`]
/// reports it in [`Registry::errors`].
pub fn builtin() -> Vec<Framework> {
    BUILTIN
        .iter()
        .filter_map(|result| match result {
            Ok(framework) => Some(framework.clone()),
            Err(e) => {
                log::error!("built-in framework not loaded: {e}");
                None
            }
        })
        .collect()
}

/// RON options for framework files: `Some(..)` may be left out
/// (`applies: (from: 2021)`) whether or not the file enables it.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses and validates one framework from RON text.
///
/// `source_name` (a file name or path) is only used in error messages.
/// Syntax errors name the line and column; validation then checks that ids
/// are non-empty and unique in the whole tree and nest under their parent's
/// id, that titles and keyword terms are non-empty and that every weight is
/// a finite number above zero.
pub fn parse(source_name: &str, text: &str) -> Result<Framework, FrameworkError> {
    // An editor's byte-order mark is not part of the RON text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let framework: Framework = ron_options().from_str(text).map_err(|e| {
        let (line, col) = next_token(text, e.span.start.line, e.span.start.col);
        FrameworkError::Parse {
            source_name: source_name.to_string(),
            line,
            col,
            message: one_line(&e.code.to_string()),
        }
    })?;
    let problems = validate(&framework);
    if let Some(first) = problems.first() {
        let message = match problems.len() {
            1 => first.clone(),
            n => format!(
                "{first} (and {} more problem{})",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        };
        return Err(FrameworkError::Invalid {
            source_name: source_name.to_string(),
            message: one_line(&message),
        });
    }
    Ok(framework)
}

/// `text` with control characters escaped (`\n` → `\\n`), so a message
/// that quotes the file stays on one line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The position of the first non-blank character at or after `line:col`
/// (both 1-based, columns in characters). RON sometimes reports the cursor
/// before the blanks that precede the offending token, e.g. at the end of the
/// previous line; the user needs the token itself. Unchanged when only blanks
/// follow.
fn next_token(text: &str, line: usize, col: usize) -> (usize, usize) {
    for (index, content) in text.split('\n').enumerate().skip(line.saturating_sub(1)) {
        let skip = if index + 1 == line {
            col.saturating_sub(1)
        } else {
            0
        };
        if let Some(offset) = content.chars().skip(skip).position(|c| !c.is_whitespace()) {
            return (index + 1, skip + offset + 1);
        }
    }
    (line, col)
}

/// Every rule the framework breaks, in file order.
fn validate(framework: &Framework) -> Vec<String> {
    let mut problems = Vec::new();
    if framework.id.trim().is_empty() {
        problems
            .push("the framework `id` is empty; give it a short id such as \"G21\"".to_string());
    }
    if framework.name.trim().is_empty() {
        problems.push(format!(
            "framework \"{}\" has an empty `name`",
            framework.id
        ));
    }
    if let (Some(from), Some(to)) = (framework.applies.from, framework.applies.to)
        && from > to
    {
        problems.push(format!(
            "`applies` runs from {from} to {to}, which is backwards"
        ));
    }
    if framework.items.is_empty() {
        problems.push(format!("framework \"{}\" has no items", framework.id));
    }
    let mut seen = HashSet::new();
    for item in &framework.items {
        validate_item(item, &framework.id, &mut seen, &mut problems);
    }
    problems
}

/// Checks one item and its children; `parent` is the id it must start with.
fn validate_item<'a>(
    item: &'a Item,
    parent: &str,
    seen: &mut HashSet<&'a str>,
    problems: &mut Vec<String>,
) {
    let id = item.id.as_str();
    if id.trim().is_empty() {
        problems.push(format!("an item under \"{parent}\" has an empty `id`"));
    } else {
        if !seen.insert(id) {
            problems.push(format!(
                "item id \"{id}\" is used more than once; ids must be unique"
            ));
        }
        if !(id.starts_with(parent) && id.len() > parent.len()) {
            problems.push(format!(
                "item id \"{id}\" must start with its parent's id \"{parent}\" (e.g. \"{parent}.1\")"
            ));
        }
    }
    if item.title.trim().is_empty() {
        problems.push(format!("item \"{id}\" has an empty `title`"));
    }
    if !(item.weight.is_finite() && item.weight > 0.0) {
        problems.push(format!(
            "item \"{id}\" has weight {}; use a number above 0",
            item.weight
        ));
    }
    for (n, keyword) in item.keywords.iter().enumerate() {
        let n = n + 1;
        if keyword.term.trim().is_empty() {
            problems.push(format!("item \"{id}\", keyword {n}: the `term` is empty"));
        }
        if !(keyword.weight.is_finite() && keyword.weight > 0.0) {
            problems.push(format!(
                "item \"{id}\", keyword {n} (\"{}\"): weight {} must be a number above 0",
                keyword.term, keyword.weight
            ));
        }
        // An empty synonym would match every sentence.
        if keyword.synonyms.iter().any(|s| s.trim().is_empty()) {
            problems.push(format!(
                "item \"{id}\", keyword {n} (\"{}\"): a synonym is empty",
                keyword.term
            ));
        }
    }
    for child in &item.children {
        validate_item(child, id, seen, problems);
    }
}

/// Reads, parses and validates one framework file (at most
/// [`MAX_FILE_BYTES`], UTF-8).
pub fn load_file(path: &Path) -> Result<Framework, FrameworkError> {
    let io_error = |source| FrameworkError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder, not a .ron file",
        )));
    }
    let too_large = |len| FrameworkError::TooLarge {
        path: path.to_path_buf(),
        len,
        max: MAX_FILE_BYTES,
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // Read one byte past the limit so a file that grew since `metadata` is
    // still caught without reading all of it.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        FrameworkError::NotUtf8 {
            path: path.to_path_buf(),
            line: 1 + valid.iter().filter(|&&b| b == b'\n').count(),
        }
    })?;
    parse(&path.display().to_string(), &text)
}

/// The folder for the user's own framework files:
/// `<config dir>/shenyue/frameworks` (e.g. `~/.config/shenyue/frameworks`).
/// `None` when the system has no home directory.
pub fn user_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "shenyue")
        .map(|dirs| dirs.config_dir().join("frameworks"))
}

/// The `*.ron` files directly in `dir`, sorted by name so loading order (and
/// so which of two same-id files wins) does not depend on the file system.
fn ron_files_in(dir: &Path) -> Result<Vec<PathBuf>, FrameworkError> {
    let io_error = |source| FrameworkError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        let is_ron = path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"));
        if is_ron && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// All frameworks available to this session, and the files that failed.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Built-in frameworks (possibly replaced by user files with the same id),
    /// then user frameworks with new ids, in loading order.
    pub frameworks: Vec<Framework>,
    /// Every file that could not be loaded; the rest loaded anyway.
    pub errors: Vec<FrameworkError>,
}

/// The frameworks to check a report against, and why, when the choice is a
/// fallback.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Framework ids, the required parts first.
    pub ids: Vec<String>,
    /// A note for the reviewer when no loaded outline covers the report
    /// year and another one is used instead.
    pub notice: Option<SelectionNotice>,
}

/// Why the frameworks chosen for a report are a fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionNotice {
    /// No outline is loaded at all: only the required parts are checked.
    NoOutline,
    /// The report's year is unknown; `used` (a framework label) is checked.
    UnknownYear {
        /// The outline used.
        used: String,
    },
    /// The year is later than every loaded outline's span.
    AfterOutlines {
        /// The report's year.
        year: i32,
        /// The outline used.
        used: String,
    },
    /// The year is earlier than every loaded outline's span.
    BeforeOutlines {
        /// The report's year.
        year: i32,
        /// The outline used.
        used: String,
    },
}

impl SelectionNotice {
    /// One line for the reviewer, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SelectionNotice::NoOutline, Lang::Zh) => {
                "未载入任何纲要框架，仅按年度报告必备内容审查".into()
            }
            (SelectionNotice::NoOutline, Lang::En) => {
                "no outline framework is loaded; only the required parts are checked".into()
            }
            (SelectionNotice::UnknownYear { used }, Lang::Zh) => {
                format!("未能确定报告年度，暂按{used}审查；请核对报告年度")
            }
            (SelectionNotice::UnknownYear { used }, Lang::En) => {
                format!(
                    "the report's year could not be determined; checking against {used} for now — please check the year"
                )
            }
            (SelectionNotice::AfterOutlines { year, used }, Lang::Zh) => {
                format!("报告年度为{year}年，尚未载入更新的纲要框架，暂按{used}审查")
            }
            (SelectionNotice::AfterOutlines { year, used }, Lang::En) => {
                format!(
                    "the report is for {year}, later than every loaded outline; checking against {used} for now"
                )
            }
            (SelectionNotice::BeforeOutlines { year, used }, Lang::Zh) => {
                format!("报告年度为{year}年，早于已载入纲要框架的适用年度，暂按{used}审查")
            }
            (SelectionNotice::BeforeOutlines { year, used }, Lang::En) => {
                format!(
                    "the report is for {year}, earlier than every loaded outline; checking against {used} for now"
                )
            }
        }
    }
}

impl Registry {
    /// Built-in frameworks, then every `*.ron` in [`user_dir`], then
    /// `extra_paths` (files, or folders of `*.ron`). A file whose id equals an
    /// earlier framework's replaces it; a file that fails is reported in
    /// [`Registry::errors`].
    pub fn load(extra_paths: &[PathBuf]) -> Registry {
        Registry::load_from(user_dir().as_deref(), extra_paths)
    }

    /// Like [`Registry::load`] with an explicit user folder (`None`: none).
    /// A user folder that does not exist is simply empty.
    pub fn load_from(user_dir: Option<&Path>, extra_paths: &[PathBuf]) -> Registry {
        let mut registry = Registry::default();
        for result in BUILTIN.iter() {
            match result {
                Ok(framework) => registry.insert(framework.clone()),
                Err(e) => registry.errors.push(e.clone()),
            }
        }
        if let Some(dir) = user_dir.filter(|dir| dir.exists()) {
            registry.load_dir(dir);
        }
        for path in extra_paths {
            if path.is_dir() {
                registry.load_dir(path);
            } else {
                registry.load_path(path);
            }
        }
        registry
    }

    /// Loads every `*.ron` file in `dir`.
    fn load_dir(&mut self, dir: &Path) {
        match ron_files_in(dir) {
            Ok(files) => {
                for file in files {
                    self.load_path(&file);
                }
            }
            Err(e) => self.errors.push(e),
        }
    }

    /// Loads one file, recording a failure instead of returning it.
    fn load_path(&mut self, path: &Path) {
        match load_file(path) {
            Ok(framework) => {
                log::info!("framework {} loaded from {}", framework.id, path.display());
                self.insert(framework);
            }
            Err(e) => {
                log::warn!("{e}");
                self.errors.push(e);
            }
        }
    }

    /// Adds a framework, replacing (in place) one with the same id.
    pub fn insert(&mut self, framework: Framework) {
        match self.frameworks.iter_mut().find(|f| f.id == framework.id) {
            Some(slot) => *slot = framework,
            None => self.frameworks.push(framework),
        }
    }

    /// The framework with this id.
    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// The frameworks a report of `year` is checked against by default: the
    /// required parts ([`REQUIRED_PARTS_ID`]) always, plus every outline whose
    /// `applies` span contains the year (G15 up to 2020, G21 for 2021–2025).
    ///
    /// An outline is a framework other than the required parts with at least
    /// one bound on its span; open-ended user checklists are chosen by hand.
    /// When no outline covers the year, the one most recently in force before
    /// it is used (G21 for 2026 and later) with a notice; for an unknown year,
    /// the newest outline, with a notice.
    pub fn default_selection(&self, year: Option<i32>) -> Selection {
        let mut ids: Vec<String> = self
            .get(REQUIRED_PARTS_ID)
            .map(|f| f.id.clone())
            .into_iter()
            .collect();
        let outlines: Vec<&Framework> = self
            .frameworks
            .iter()
            .filter(|f| f.id != REQUIRED_PARTS_ID && !f.applies.is_open())
            .collect();
        if outlines.is_empty() {
            return Selection {
                ids,
                notice: Some(SelectionNotice::NoOutline),
            };
        }
        // Sort key "newest": latest end (open end = newest), then latest start.
        let newest_key = |f: &&Framework| {
            (
                f.applies.to.unwrap_or(i32::MAX),
                f.applies.from.unwrap_or(i32::MIN),
            )
        };
        let Some(year) = year else {
            let newest = outlines.iter().copied().max_by_key(newest_key);
            let notice = newest.map(|f| SelectionNotice::UnknownYear {
                used: f.label().to_string(),
            });
            ids.extend(newest.map(|f| f.id.clone()));
            return Selection { ids, notice };
        };
        let fitting: Vec<&Framework> = outlines
            .iter()
            .copied()
            .filter(|f| f.applies.contains(year))
            .collect();
        if !fitting.is_empty() {
            ids.extend(fitting.iter().map(|f| f.id.clone()));
            return Selection { ids, notice: None };
        }
        // Prefer the outline most recently in force before the year; a year
        // before every outline falls back to the earliest one.
        let ended_before = outlines
            .iter()
            .copied()
            .filter(|f| f.applies.to.is_some_and(|to| to < year))
            .max_by_key(newest_key);
        let (chosen, notice) = match ended_before {
            Some(f) => (
                f,
                SelectionNotice::AfterOutlines {
                    year,
                    used: f.label().to_string(),
                },
            ),
            None => {
                let earliest = outlines
                    .iter()
                    .copied()
                    .min_by_key(|f| f.applies.from.unwrap_or(i32::MIN));
                let Some(f) = earliest else {
                    return Selection { ids, notice: None };
                };
                (
                    f,
                    SelectionNotice::BeforeOutlines {
                        year,
                        used: f.label().to_string(),
                    },
                )
            }
        };
        ids.push(chosen.id.clone());
        Selection {
            ids,
            notice: Some(notice),
        }
    }
}

/// Writes a framework as pretty RON in the style of the built-in files
/// (struct names, four-space indent, `implicit_some`).
pub(super) fn to_ron_pretty(framework: &Framework) -> Result<String, FrameworkError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .extensions(Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(framework, config).map_err(|e| FrameworkError::Serialize {
        id: framework.id.clone(),
        message: e.to_string(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::framework::{Keyword, Scope, YearSpan};

    fn item(id: &str, children: Vec<Item>) -> Item {
        Item {
            id: id.to_string(),
            title: format!("标题{id}"),
            description: String::new(),
            keywords: vec![Keyword {
                term: "行政复议".into(),
                weight: 2.0,
                synonyms: vec!["复议".into()],
            }],
            scope: Scope::Achievements,
            weight: 1.0,
            children,
            lead_units: Vec::new(),
            responsible_units: Vec::new(),
            targets: Vec::new(),
            exclude: Vec::new(),
            require: Vec::new(),
        }
    }

    fn framework(id: &str, from: Option<i32>, to: Option<i32>) -> Framework {
        Framework {
            id: id.to_string(),
            name: format!("框架{id}"),
            short_name: format!("{id}纲要"),
            applies: YearSpan { from, to },
            description: String::new(),
            items: vec![item(
                &format!("{id}-1"),
                vec![item(&format!("{id}-1.1"), Vec::new())],
            )],
        }
    }

    fn invalid_message(text: &str) -> String {
        match parse("t.ron", text) {
            Err(FrameworkError::Invalid { message, .. }) => message,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn builtins_parse_in_order() {
        for result in BUILTIN.iter() {
            if let Err(e) = result {
                panic!("{e}");
            }
        }
        let ids: Vec<String> = builtin().into_iter().map(|f| f.id).collect();
        assert_eq!(ids, ["DC", "G15", "G21"]);
    }

    #[test]
    fn minimal_file_with_defaults_and_implicit_some() {
        let text = r#"
            // a user's work points
            Framework(id: "YD", name: "要点", applies: (from: 2024, to: 2024),
              items: [(id: "YD-1", title: "一、学法", keywords: [(term: "学法")])])
        "#;
        let f = parse("yd.ron", text).unwrap();
        assert_eq!(
            f.applies,
            YearSpan {
                from: Some(2024),
                to: Some(2024)
            }
        );
        let item = &f.items[0];
        assert_eq!(item.weight, 1.0);
        assert_eq!(item.scope, Scope::Achievements);
        assert_eq!(item.keywords[0].weight, 1.0);
        assert!(item.keywords[0].synonyms.is_empty());
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let text = "\u{feff}Framework(id: \"A\", name: \"a\", items: [(id: \"A1\", title: \"t\")])";
        assert_eq!(parse("a.ron", text).unwrap().id, "A");
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let text = "Framework(\n    id: \"A\",\n    name: \"a\"\n    items: [],\n)";
        let err = parse("A.ron", text).unwrap_err();
        match &err {
            FrameworkError::Parse { line, col, .. } => {
                assert_eq!(*line, 4, "{err}");
                assert_eq!(*col, 5, "{err}");
            }
            other => panic!("expected Parse, got {other:?}"),
        }
        assert!(err.to_string().starts_with("A.ron:4:5: "), "{err}");
    }

    #[test]
    fn error_position_moves_to_the_offending_token() {
        assert_eq!(next_token("ab\n  c", 1, 3), (2, 3));
        assert_eq!(next_token("ab\n  c", 1, 2), (1, 2));
        assert_eq!(next_token("a\n \n", 1, 2), (1, 2));
        assert_eq!(next_token("中文 x", 1, 3), (1, 4));
        let text =
            "Framework(id: \"A\", name: \"a\", items: [\n    Item(\n        @id: \"A1\"),\n])";
        match parse("a.ron", text).unwrap_err() {
            FrameworkError::Parse { line, col, .. } => assert_eq!((line, col), (3, 9)),
            other => panic!("expected Parse, got {other:?}"),
        }
    }

    #[test]
    fn messages_quoting_the_file_stay_on_one_line() {
        let mut f = framework("X", None, None);
        f.items[0].children[0].id = "X-1\n.1".into();
        f.items[0].children.push(item("X-1\n.1", Vec::new()));
        let err = parse("x.ron", &to_ron_pretty(&f).unwrap()).unwrap_err();
        assert!(!err.to_string().contains('\n'), "{err}");
        assert!(err.to_string().contains("X-1\\n.1"), "{err}");
        assert_eq!(one_line("中\t文"), "中\\t文");
    }

    #[test]
    fn missing_field_is_a_parse_error() {
        let err = parse("m.ron", "Framework(id: \"A\", items: [])").unwrap_err();
        assert_eq!(err.kind(), "parse");
        assert!(err.to_string().contains("name"), "{err}");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut f = framework("X", None, None);
        f.items.push(item("X-1", Vec::new()));
        let text = to_ron_pretty(&f).unwrap();
        let message = invalid_message(&text);
        assert!(
            message.contains("\"X-1\" is used more than once"),
            "{message}"
        );
    }

    #[test]
    fn child_ids_must_nest_under_their_parent() {
        let mut f = framework("X", None, None);
        f.items[0].children[0].id = "Y-1.1".into();
        let message = invalid_message(&to_ron_pretty(&f).unwrap());
        assert!(
            message.contains("must start with its parent's id \"X-1\""),
            "{message}"
        );
    }

    #[test]
    fn empty_titles_terms_and_bad_weights_are_each_reported() {
        let mut f = framework("X", None, None);
        f.items[0].title = "  ".into();
        f.items[0].keywords[0].term = String::new();
        f.items[0].children[0].weight = 0.0;
        f.items[0].children[0].keywords[0].weight = -1.0;
        f.items[0].children[0].keywords[0]
            .synonyms
            .push(String::new());
        let message = invalid_message(&to_ron_pretty(&f).unwrap());
        assert!(
            message.contains("\"X-1\" has an empty `title`"),
            "{message}"
        );
        assert!(message.contains("and 4 more problems"), "{message}");
        let all = validate(&f);
        assert_eq!(all.len(), 5, "{all:?}");
        assert!(
            all.iter()
                .any(|p| p.contains("keyword 1: the `term` is empty"))
        );
        assert!(all.iter().any(|p| p.contains("\"X-1.1\" has weight 0")));
        assert!(
            all.iter()
                .any(|p| p.contains("weight -1 must be a number above 0"))
        );
        assert!(all.iter().any(|p| p.contains("a synonym is empty")));
    }

    #[test]
    fn non_finite_weights_are_rejected() {
        let mut f = framework("X", None, None);
        f.items[0].weight = f32::NAN;
        f.items[0].keywords[0].weight = f32::INFINITY;
        assert_eq!(validate(&f).len(), 2);
    }

    #[test]
    fn backwards_span_and_empty_framework_are_rejected() {
        let mut f = framework("X", Some(2025), Some(2021));
        f.items.clear();
        f.id = String::new();
        let all = validate(&f);
        assert_eq!(all.len(), 3, "{all:?}");
    }

    #[test]
    fn walk_is_depth_first_with_depths_and_find_reaches_children() {
        let mut f = framework("X", None, None);
        f.items.push(item("X-2", Vec::new()));
        let order: Vec<(&str, usize)> = f.walk().map(|(i, d)| (i.id.as_str(), d)).collect();
        assert_eq!(order, [("X-1", 0), ("X-1.1", 1), ("X-2", 0)]);
        assert_eq!(f.find("X-1.1").map(|i| i.title.as_str()), Some("标题X-1.1"));
        assert!(f.find("X-3").is_none());
    }

    #[test]
    fn pretty_ron_round_trips() {
        let f = framework("X", Some(2021), None);
        let text = f.to_ron_pretty().unwrap();
        assert!(text.contains("Framework("), "{text}");
        assert!(
            text.contains("标题X-1"),
            "Chinese must stay readable: {text}"
        );
        assert_eq!(parse("x.ron", &text).unwrap(), f);
    }

    #[test]
    fn selection_by_year_spans() {
        let registry = Registry {
            frameworks: vec![
                framework("DC", None, None),
                framework("OLD", None, Some(2020)),
                framework("NEW", Some(2021), Some(2025)),
                framework("FREE", None, None),
            ],
            errors: Vec::new(),
        };
        let pick = |year| registry.default_selection(year);
        assert_eq!(pick(Some(2019)).ids, ["DC", "OLD"]);
        assert_eq!(pick(Some(2020)).notice, None);
        assert_eq!(pick(Some(2021)).ids, ["DC", "NEW"]);
        let later = pick(Some(2027));
        assert_eq!(later.ids, ["DC", "NEW"]);
        assert_eq!(
            later.notice.map(|n| n.message(Lang::Zh)).as_deref(),
            Some("报告年度为2027年，尚未载入更新的纲要框架，暂按NEW纲要审查")
        );
        let unknown = pick(None);
        assert_eq!(unknown.ids, ["DC", "NEW"]);
        assert!(
            unknown
                .notice
                .unwrap()
                .message(Lang::Zh)
                .contains("未能确定报告年度")
        );
    }

    #[test]
    fn selection_before_every_outline_and_without_outlines() {
        let registry = Registry {
            frameworks: vec![
                framework("DC", None, None),
                framework("NEW", Some(2021), None),
            ],
            errors: Vec::new(),
        };
        let early = registry.default_selection(Some(2010));
        assert_eq!(early.ids, ["DC", "NEW"]);
        assert!(early.notice.unwrap().message(Lang::Zh).contains("早于"));
        assert_eq!(registry.default_selection(Some(2030)).notice, None);

        let only_dc = Registry {
            frameworks: vec![framework("DC", None, None)],
            errors: Vec::new(),
        };
        let sel = only_dc.default_selection(Some(2022));
        assert_eq!(sel.ids, ["DC"]);
        assert!(sel.notice.is_some());
    }

    #[test]
    fn a_user_outline_for_one_year_joins_the_builtin_one() {
        let mut registry = Registry::load_from(None, &[]);
        registry.insert(framework("YD2024", Some(2024), Some(2024)));
        let sel = registry.default_selection(Some(2024));
        assert_eq!(sel.ids, ["DC", "G21", "YD2024"]);
        assert_eq!(sel.notice, None);
    }

    #[test]
    fn load_file_rejects_non_utf8_large_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.ron");
        std::fs::write(&bad, b"// ok\n// ok\nFramework(\xff)").unwrap();
        match load_file(&bad) {
            Err(FrameworkError::NotUtf8 { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected NotUtf8, got {other:?}"),
        }

        let big = dir.path().join("big.ron");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(load_file(&big).unwrap_err().kind(), "too_large");

        let missing = dir.path().join("missing.ron");
        let err = load_file(&missing).unwrap_err();
        assert_eq!(err.kind(), "io");
        assert!(err.to_string().contains("missing.ron"), "{err}");
        assert_eq!(load_file(dir.path()).unwrap_err().kind(), "io");
    }

    #[test]
    fn registry_reports_bad_files_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a_broken.ron"), "Framework(").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a framework").unwrap();
        let good = framework("YD", Some(2024), Some(2024));
        std::fs::write(dir.path().join("b_good.ron"), good.to_ron_pretty().unwrap()).unwrap();
        let missing = dir.path().join("nowhere.ron");

        let registry = Registry::load_from(Some(dir.path()), std::slice::from_ref(&missing));
        let ids: Vec<&str> = registry.frameworks.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["DC", "G15", "G21", "YD"]);
        assert_eq!(registry.errors.len(), 2, "{:?}", registry.errors);
        assert_eq!(registry.errors[0].kind(), "parse");
        assert!(registry.errors[0].to_string().contains("a_broken.ron:1:"));
        assert_eq!(registry.errors[1].kind(), "io");
    }

    #[test]
    fn messages_are_one_line_in_both_languages() {
        let errors = [
            FrameworkError::Io {
                path: "u.ron".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            FrameworkError::TooLarge {
                path: "u.ron".into(),
                len: 9,
                max: 1,
            },
            FrameworkError::NotUtf8 {
                path: "u.ron".into(),
                line: 2,
            },
            FrameworkError::Parse {
                source_name: "u.ron".into(),
                line: 3,
                col: 7,
                message: "Expected closing `)`".into(),
            },
            FrameworkError::Invalid {
                source_name: "u.ron".into(),
                message: "x".into(),
            },
        ];
        for e in &errors {
            for lang in [Lang::Zh, Lang::En] {
                let msg = e.message(lang);
                assert!(!msg.contains('\n'), "{msg}");
                assert!(msg.contains("u.ron"), "{msg}");
            }
            assert_eq!(e.clone().to_string(), e.to_string());
        }
        assert!(
            errors[3]
                .to_string()
                .starts_with("u.ron:3:7: Expected closing")
        );
    }
}
