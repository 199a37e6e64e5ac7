//! What the workbench leaves behind when it cannot go on: every warning and
//! panic goes to a log file (`shenyue.log` in the user's state folder, see
//! [`log_path`]) as well as stderr, and a start-up that fails — no window
//! (OpenGL, display), or a panic — says why on stderr, in the log and, when
//! the desktop offers one, in a message dialog. Before this nothing was
//! logged at all: `log::warn!` went nowhere and a crash left no trace.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::i18n::Lang;

/// A log file above this size is started afresh at the next start.
const MAX_LOG_BYTES: u64 = 1024 * 1024;

/// Where the log is: `$XDG_STATE_HOME/shenyue/shenyue.log` (usually
/// `~/.local/state/shenyue/`), else the local data folder; `SHENYUE_LOG`
/// names another file.
pub fn log_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SHENYUE_LOG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("", "", "shenyue")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(dir.join("shenyue.log"))
}

struct LogFile(Mutex<std::fs::File>);

impl Write for &LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut file = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let mut file = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        file.flush()
    }
}

static LOG: std::sync::OnceLock<Option<LogFile>> = std::sync::OnceLock::new();

fn open_log() -> Option<LogFile> {
    let path = log_path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    let too_big = std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG_BYTES);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(!too_big)
        .write(true)
        .truncate(too_big)
        .open(&path)
        .ok()?;
    Some(LogFile(Mutex::new(file)))
}

/// Appends one line, with the time, to the log file (if it could be opened).
pub fn record(line: &str) {
    if let Some(Some(log)) = LOG.get() {
        let mut out = log;
        let now = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M:%S");
        let _ = writeln!(out, "{now} [{}] {line}", std::process::id());
        let _ = out.flush();
    }
}

/// Opens the log, sends `log` records of level warning and above there
/// (`RUST_LOG` changes the level), and logs every panic with its thread
/// before the usual report on stderr. Call once, first thing in the GUI.
pub fn install() {
    LOG.get_or_init(open_log);
    struct Logger;
    impl log::Log for Logger {
        fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
            metadata.level() <= log::max_level()
        }
        fn log(&self, record: &log::Record<'_>) {
            if self.enabled(record.metadata()) {
                record_line(record);
            }
        }
        fn flush(&self) {}
    }
    fn record_line(entry: &log::Record<'_>) {
        let line = format!("{} {}: {}", entry.level(), entry.target(), entry.args());
        eprintln!("shenyue: {line}");
        record(&line);
    }
    static LOGGER: Logger = Logger;
    if log::set_logger(&LOGGER).is_ok() {
        let level = std::env::var("RUST_LOG")
            .ok()
            .and_then(|v| v.parse::<log::LevelFilter>().ok())
            .unwrap_or(log::LevelFilter::Warn);
        log::set_max_level(level);
    }
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        record(&format!(
            "PANIC on thread {}: {info}",
            thread.name().unwrap_or("unnamed")
        ));
        default_hook(info);
    }));
    record(&format!("start: shenyue {}", env!("CARGO_PKG_VERSION")));
}

/// Says why the workbench could not start or stopped — in the log and in a
/// message dialog when the desktop has a way to show one — and returns the
/// line for stderr (the caller prints it), which names the log.
pub fn report_failure(what: &str, lang: Lang) -> String {
    let log = log_path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let (title, body) = match lang {
        Lang::Zh => (
            "审阅 Shenyue 无法继续运行",
            format!(
                "{what}\n\n未保存的审阅工作在自动保存的恢复副本中，下次打开报告时会提示恢复。\n日志：{log}"
            ),
        ),
        Lang::En => (
            "Shenyue cannot go on",
            format!(
                "{what}\n\nUnsaved work is in the autosaved recovery copy; opening the report again offers it.\nLog: {log}"
            ),
        ),
    };
    record(&format!("FAILED: {what}"));
    // Without a display there is nowhere to show a dialog, and trying
    // makes rfd log a second line on stderr.
    let has_display = cfg!(any(windows, target_os = "macos"))
        || ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    if has_display && std::env::var_os("SHENYUE_NO_ERROR_DIALOG").is_none() {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(title)
            .set_description(body)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    format!("{what} (log: {log})")
}
