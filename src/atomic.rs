//! Atomic file writes: a temporary file in the same folder, written and
//! fsynced, then renamed over the target, then the folder fsynced. A crash
//! at any moment leaves either the old file or the new one, never a mix.

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

/// Writes the content of a temporary file; with [`TEST_PAUSE_ENV`] set, in
/// two halves with the announced pause between them.
pub(crate) fn write_temp(file: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
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
    write_temp(&mut tmp, bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
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
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.json");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
