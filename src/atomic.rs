//! Atomic file writes: a temporary file in the same folder, written and
//! fsynced, then renamed over the target, then the folder fsynced. A crash
//! at any moment leaves either the old file or the new one, never a mix.
//!
//! Windows refuses to rename over a file another program holds open
//! without delete sharing (an antivirus scan or a search indexer for a
//! moment; Word or WPS for as long as they show it). The rename is then
//! tried again for a short while, and if the file stays locked its content
//! is replaced in place — not atomic, so only ever the last resort, and
//! the error is returned when even that is refused. Assessments are only
//! retried, never written in place ([`persist_retrying`]): their `.bak` may
//! be a hard link to the file.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Test hook for the crash tests, never set in normal use:
/// `SHENYUE_TEST_PAUSE_IN_WRITE=<n>:<ms>` makes the n-th atomic write of the
/// process (counting from 1) stop after half of its temporary file is
/// written, print `@@writing <n>` on stdout, and sleep `<ms>` milliseconds
/// before writing the rest. A test can then kill the process at a moment it
/// knows to be in the middle of a write, instead of hoping its timing hit one.
pub const TEST_PAUSE_ENV: &str = "SHENYUE_TEST_PAUSE_IN_WRITE";

/// Writes the content of a temporary file in `dir`; with [`TEST_PAUSE_ENV`]
/// set, in two halves with the announced pause between them; in a folder
/// given to [`simulate_full_disk`], into `/dev/full`.
pub(crate) fn write_temp(file: &mut impl Write, dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if full_disk_simulated(dir) {
        return write_to_dev_full(bytes);
    }
    let Some((n, pause)) = test_pause() else {
        return file.write_all(bytes);
    };
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    file.write_all(head)?;
    file.flush()?;
    let mut out = std::io::stdout().lock();
    // The announcement is best effort: a closed stdout must not fail a save.
    let _ = writeln!(out, "@@writing {n}").and_then(|()| out.flush());
    drop(out);
    std::thread::sleep(pause);
    file.write_all(tail)
}

/// `Some((n, pause))` when this write is the one [`TEST_PAUSE_ENV`] names.
/// Writes are counted only while the variable is set.
fn test_pause() -> Option<(u64, Duration)> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let value = std::env::var(TEST_PAUSE_ENV).ok()?;
    let n = WRITES.fetch_add(1, Ordering::SeqCst) + 1;
    let (nth, ms) = value.split_once(':')?;
    let pause = Duration::from_millis(ms.trim().parse().ok()?);
    (nth.trim().parse::<u64>().ok()? == n).then_some((n, pause))
}

/// Folders whose atomic writes [`simulate_full_disk`] sends to `/dev/full`.
static FULL_DISK: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Test hook, never used in normal runs: from now on, every atomic write
/// (saves, autosaves, exports) into `dir` writes its temporary file's content
/// into `/dev/full` instead, so it fails the way a full disk makes it fail —
/// the kernel's own `ENOSPC` (`ErrorKind::StorageFull`) — on a machine where
/// no small file system can be mounted without root. Only that folder is
/// affected, so tests running in parallel in other folders are not. Linux
/// only (`/dev/full`); elsewhere the write fails with `/dev/full`'s absence.
#[doc(hidden)]
pub fn simulate_full_disk(dir: &Path) {
    let mut dirs = FULL_DISK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    dirs.push(dir.to_path_buf());
}

fn full_disk_simulated(dir: &Path) -> bool {
    let dirs = FULL_DISK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    dirs.iter().any(|d| d == dir)
}

fn write_to_dev_full(bytes: &[u8]) -> std::io::Result<()> {
    let mut full = std::fs::OpenOptions::new().write(true).open("/dev/full")?;
    full.write_all(bytes)?;
    full.flush()
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Temporary files are private (0600); the result should be readable like
    // any file the user saves: keep the old file's permissions, else 0644.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(permissions)?;
    write_temp(&mut tmp, dir, bytes)?;
    tmp.as_file().sync_all()?;
    replace(tmp.into_temp_path(), path, bytes, |from, to| {
        std::fs::rename(from, to)
    })?;
    sync_dir(dir);
    remove_stale_temps(dir, &prefix);
    Ok(())
}

/// A temporary file this old was left by a writer that was killed; younger
/// ones may belong to a save still under way (another window, autosave).
const STALE_TEMP: Duration = Duration::from_secs(10 * 60);

/// Removes temporaries of earlier writes of the same file that were killed
/// before they could rename (kill -9, power cut): they are never read, but
/// would pile up beside the reviewer's files. Best effort: a file that cannot
/// be removed is left.
fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `tmp.persist(path)`, tried again for a short while when the system
/// refuses because the target is held open (Windows); for files that must
/// never be written in place (an assessment, whose `.bak` may be a hard link
/// to it).
pub(crate) fn persist_retrying(
    mut tmp: tempfile::NamedTempFile,
    path: &Path,
) -> Result<std::fs::File, tempfile::PersistError> {
    let mut tries = 1;
    loop {
        match tmp.persist(path) {
            Ok(file) => return Ok(file),
            Err(e)
                if e.error.kind() == std::io::ErrorKind::PermissionDenied
                    && tries < RENAME_RETRIES =>
            {
                tries += 1;
                tmp = e.file;
                std::thread::sleep(RENAME_PAUSE);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Times a refused rename is tried, and the pause between tries.
const RENAME_RETRIES: u32 = 10;
const RENAME_PAUSE: Duration = Duration::from_millis(50);

/// Moves the written temporary file over `path` with `rename`; when the
/// system refuses (`PermissionDenied`: the target is held open on Windows)
/// after [`RENAME_RETRIES`] tries, writes `bytes` into `path` in place. The
/// temporary file is removed either way.
fn replace(
    tmp: tempfile::TempPath,
    path: &Path,
    bytes: &[u8],
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut tries = 0;
    loop {
        match rename(&tmp, path) {
            Ok(()) => {
                // Renamed away: nothing is left to delete.
                let _ = tmp.keep();
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && path.is_file() => {
                tries += 1;
                if tries < RENAME_RETRIES {
                    std::thread::sleep(RENAME_PAUSE);
                    continue;
                }
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(path)
                    .map_err(|_| e)?;
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(());
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Makes a rename durable (best effort; not possible on every platform).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_left_by_a_killed_write_are_removed_by_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.shenyue.ron");
        let old = dir.path().join(".a.shenyue.ron.Xy12ab.tmp");
        let fresh = dir.path().join(".a.shenyue.ron.Zz99zz.tmp");
        let other = dir.path().join(".b.shenyue.ron.Xy12ab.tmp");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, b"half").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        for p in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(!old.exists(), "a stale temporary of this file is removed");
        assert!(
            fresh.exists(),
            "a write that may still be under way is left"
        );
        assert!(other.exists(), "another file's temporaries are not touched");
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, "新内容".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新内容");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_old_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.html");
        write_atomic(&path, b"a").unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"b").unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_target_held_open_against_renames_is_replaced_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("审查意见.docx");
        std::fs::write(&path, b"old content, longer than the new").unwrap();
        let tmp = tempfile::Builder::new()
            .tempfile_in(dir.path())
            .unwrap()
            .into_temp_path();
        let refused = std::cell::Cell::new(0);
        let locked = |_: &Path, _: &Path| {
            refused.set(refused.get() + 1);
            Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        };
        replace(tmp, &path, b"new", locked).unwrap();
        assert_eq!(refused.get(), RENAME_RETRIES);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary removed"
        );
        // Any other refusal is an error, and a missing target is never created.
        let tmp = tempfile::Builder::new()
            .tempfile_in(dir.path())
            .unwrap()
            .into_temp_path();
        let missing = dir.path().join("missing.docx");
        assert!(replace(tmp, &missing, b"x", locked).is_err());
        assert!(!missing.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A full disk (the kernel's ENOSPC from `/dev/full`): the error says so
    /// in both languages, the old file is intact and no temporary is left.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_an_error_that_keeps_the_old_file_and_leaves_nothing() {
        use crate::i18n::{Lang, io_cause};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("审查意见.html");
        write_atomic(&path, b"old").unwrap();
        simulate_full_disk(dir.path());
        let e = write_atomic(&path, b"new content").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
        assert!(io_cause(&e, Lang::Zh).contains("磁盘空间已满"));
        assert!(io_cause(&e, Lang::En).contains("the disk is full"));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.json");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
