//! Keeping a reviewer's assessment safe on disk: atomic saves with a `.bak`
//! of the previous version, refusal to overwrite a file someone else changed,
//! autosave beside the file and recovery from it, and report paths stored
//! relative to the assessment so a folder can be moved or shared.
//!
//! Files beside a report `报告.docx`:
//! - `报告.shenyue.ron` — the assessment ([`sidecar_path`]);
//! - `报告.shenyue.ron.bak` — the version before the last save ([`backup_path`]);
//! - `报告.shenyue.ron.autosave` — unsaved work ([`autosave_path`]).
//!
//! Every write goes to a temporary file in the same folder, is flushed to
//! the disk, and is then renamed over the target, so a crash or a killed
//! process leaves either the old or the new file, never a mix.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::{Assessment, AssessmentError};

/// Largest assessment file [`load`] accepts (64 MiB): far above any real
/// assessment, low enough that a wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What a file looked like when we last read or wrote it, to notice changes
/// made by someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time reported by the file system.
    pub modified: SystemTime,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

impl DiskStamp {
    fn of(bytes: &[u8], modified: SystemTime) -> Self {
        Self {
            len: bytes.len() as u64,
            modified,
            sha256: sha256_hex(bytes),
        }
    }

    /// True when `bytes` are the content this stamp describes.
    fn describes(&self, bytes: &[u8]) -> bool {
        // The hash decides: a modification time can stay the same across an
        // edit (coarse clocks) or change without one (a `touch`).
        self.len == bytes.len() as u64 && self.sha256 == sha256_hex(bytes)
    }
}

/// An autosaved version newer than the saved file, offered to the reviewer
/// ("恢复自动保存的版本？").
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// Where the autosave is.
    pub autosave_path: PathBuf,
    /// The autosaved assessment (report path resolved like [`load`] does).
    pub assessment: Assessment,
    /// `modified` of the autosaved assessment.
    pub autosaved: jiff::Timestamp,
    /// `modified` of the saved assessment; `None` when it is missing or unreadable.
    pub saved: Option<jiff::Timestamp>,
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// True for an assessment file or one of its companions: `*.ron`,
/// `X.shenyue.ron.bak`, `X.shenyue.ron.autosave` (decided by the name).
pub fn is_assessment_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".ron") || name.contains(".shenyue.ron")
}

/// The assessment file beside `report`: `报告名.shenyue.ron`.
pub fn sidecar_path(report: &Path) -> PathBuf {
    let stem = report
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_os_string());
    let mut name = stem;
    name.push(".shenyue.ron");
    report.with_file_name(name)
}

/// The previous version of `path`, kept by every save: `X.shenyue.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// Where unsaved work on `path` is autosaved: `X.shenyue.ron.autosave`.
pub fn autosave_path(path: &Path) -> PathBuf {
    with_suffix(path, ".autosave")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Reads the assessment at `path`, with the stamp to pass to [`save`].
/// `report.path` comes back resolved against the file's folder.
/// Never changes anything on disk.
pub fn load(path: &Path) -> Result<(Assessment, DiskStamp), AssessmentError> {
    let (bytes, modified) = read_capped(path)?;
    let text = utf8(path, &bytes)?;
    let mut assessment = Assessment::from_ron(&path.display().to_string(), text)?;
    if !assessment.report.path.is_empty() {
        assessment.report.path = resolve_report_path(path, &assessment.report.path)
            .to_string_lossy()
            .into_owned();
    }
    Ok((assessment, DiskStamp::of(&bytes, modified)))
}

/// Saves `a` to `path` atomically, keeping the previous file as `.bak` and
/// removing the autosave.
///
/// `expected` is the stamp from the last [`load`] or save of this file. If the
/// file now holds anything else (other than exactly what we would write) —
/// or, with `expected: None`, if a different file already exists there
/// (Save As onto an existing file) — nothing is
/// written and the error is [`AssessmentError::ChangedOnDisk`]; the UI then
/// asks the reviewer and may call [`save_overwrite`]. A file that has
/// disappeared since is simply written again: there is nothing to lose.
pub fn save(
    path: &Path,
    a: &Assessment,
    expected: Option<&DiskStamp>,
) -> Result<DiskStamp, AssessmentError> {
    let text = disk_text(path, a)?;
    let current = match read_capped(path) {
        Ok((bytes, _)) => Some(Some(bytes)),
        Err(AssessmentError::NotFound { .. }) => None,
        // Too large to be ours: certainly not what we last saw.
        Err(AssessmentError::TooLarge { .. }) => Some(None),
        // What keeps us from reading the target keeps us from writing it
        // (a path through a file, no permission): say so as a save.
        Err(AssessmentError::Io { path, source, .. }) => {
            return Err(AssessmentError::write_io(&path, "save to", source));
        }
        Err(e) => return Err(e),
    };
    if let Some(current) = current {
        let unchanged = match (current, expected) {
            // Identical content (e.g. the same save made twice) loses nothing.
            (Some(bytes), Some(stamp)) => stamp.describes(&bytes) || bytes == text.as_bytes(),
            (Some(bytes), None) => bytes == text.as_bytes(),
            (None, _) => false,
        };
        if !unchanged {
            return Err(AssessmentError::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
    }
    finish_save(path, &text)
}

/// Saves `a` to `path` whatever is there now (after the reviewer confirmed
/// overwriting); still atomic, still keeps the old file as `.bak`.
pub fn save_overwrite(path: &Path, a: &Assessment) -> Result<DiskStamp, AssessmentError> {
    let text = disk_text(path, a)?;
    finish_save(path, &text)
}

fn finish_save(path: &Path, text: &str) -> Result<DiskStamp, AssessmentError> {
    let stamp = write_atomic(path, text.as_bytes(), true)?;
    // The saved file now holds everything the autosave had. A stale autosave
    // left behind is harmless: it is not newer, so it is never offered.
    if let Err(e) = discard_autosave(path) {
        log::warn!("{e}");
    }
    Ok(stamp)
}

/// Writes `a` to [`autosave_path`]`(path)` atomically; no conflict check and
/// no `.bak` (the autosave is the app's own scratch copy).
pub fn write_autosave(path: &Path, a: &Assessment) -> Result<(), AssessmentError> {
    // Same folder as `path`, so the relative report path is the same.
    let text = disk_text(path, a)?;
    write_atomic(&autosave_path(path), text.as_bytes(), false).map(|_| ())
}

/// The autosave of `path`, if it exists, parses, and is newer (by the
/// `modified` recorded inside) than the saved file, or the saved file is
/// missing or unreadable.
pub fn recovery_candidate(path: &Path) -> Option<Recovery> {
    let autosave_path = autosave_path(path);
    let (assessment, _) = match load(&autosave_path) {
        Ok(loaded) => loaded,
        Err(AssessmentError::NotFound { .. }) => return None,
        Err(e) => {
            log::warn!("ignoring unreadable autosave: {e}");
            return None;
        }
    };
    let saved = load(path).ok().map(|(s, _)| s.modified);
    let autosaved = assessment.modified;
    saved
        .is_none_or(|saved| autosaved > saved)
        .then_some(Recovery {
            autosave_path,
            assessment,
            autosaved,
            saved,
        })
}

/// Deletes the autosave of `path`, if any.
pub fn discard_autosave(path: &Path) -> Result<(), AssessmentError> {
    let autosave = autosave_path(path);
    match fs::remove_file(&autosave) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(AssessmentError::io(&autosave, "delete", e)),
    }
}

/// True when `path` no longer holds what `expected` describes (changed or
/// deleted), for the UI's "changed outside Shenyue" check.
pub fn changed_on_disk(path: &Path, expected: &DiskStamp) -> Result<bool, AssessmentError> {
    match read_capped(path) {
        Ok((bytes, _)) => Ok(!expected.describes(&bytes)),
        Err(AssessmentError::NotFound { .. } | AssessmentError::TooLarge { .. }) => Ok(true),
        Err(e) => Err(e),
    }
}

/// `report_path` as stored in the assessment file at `ron_path`: relative to
/// the file's folder, with `/` separators. A relative `report_path` is taken
/// as already relative to that folder; a report on another drive stays absolute.
pub fn relative_report_path(ron_path: &Path, report_path: &Path) -> String {
    if report_path.is_relative() {
        return slash_join(report_path.components());
    }
    let ron_abs = std::path::absolute(ron_path).unwrap_or_else(|_| ron_path.to_path_buf());
    let dir = normalize(ron_abs.parent().unwrap_or(Path::new("")));
    let report = normalize(report_path);
    let dir_parts: Vec<Component> = dir.components().collect();
    let report_parts: Vec<Component> = report.components().collect();
    let common = dir_parts
        .iter()
        .zip(&report_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return report.to_string_lossy().into_owned();
    }
    let ups = std::iter::repeat_n(Component::ParentDir, dir_parts.len() - common);
    slash_join(ups.chain(report_parts[common..].iter().copied()))
}

/// The report path for `stored` (as written in the assessment at `ron_path`):
/// relative paths are taken from the assessment file's folder.
pub fn resolve_report_path(ron_path: &Path, stored: &str) -> PathBuf {
    let stored_path = Path::new(stored);
    if stored.is_empty() || stored_path.is_absolute() {
        return stored_path.to_path_buf();
    }
    let dir = ron_path.parent().unwrap_or(Path::new(""));
    let dir = std::path::absolute(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })
    .unwrap_or_else(|_| dir.to_path_buf());
    normalize(&dir.join(stored_path))
}

fn slash_join<'a>(parts: impl Iterator<Item = Component<'a>>) -> String {
    parts
        .filter(|c| *c != Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out.iter().collect()
}

/// The RON written for `a` at `path`: the same as [`Assessment::to_ron`] but
/// with an absolute report path made relative to `path`'s folder.
fn disk_text(path: &Path, a: &Assessment) -> Result<String, AssessmentError> {
    let report = Path::new(&a.report.path);
    if a.report.path.is_empty() || report.is_relative() {
        return a.to_ron();
    }
    let relative = relative_report_path(path, report);
    if relative == a.report.path {
        return a.to_ron();
    }
    let mut on_disk = a.clone();
    on_disk.report.path = relative;
    on_disk.to_ron()
}

/// Reads at most [`MAX_FILE_BYTES`] of `path`.
fn read_capped(path: &Path) -> Result<(Vec<u8>, SystemTime), AssessmentError> {
    let file = File::open(path).map_err(|e| AssessmentError::io(path, "open", e))?;
    let meta = file
        .metadata()
        .map_err(|e| AssessmentError::io(path, "read", e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(AssessmentError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between metadata and read: cap the read too.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AssessmentError::io(path, "read", e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(AssessmentError::TooLarge {
            path: path.to_path_buf(),
            len: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    // Some platforms keep no modification time; the hash still decides.
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    Ok((bytes, modified))
}

fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, AssessmentError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        AssessmentError::NotUtf8 {
            path: path.to_path_buf(),
            line,
        }
    })
}

/// Replaces `path` with `bytes` so that at every instant `path` is either the
/// complete old file or the complete new one; with `backup`, the old file is
/// kept as [`backup_path`] first.
fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<DiskStamp, AssessmentError> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| AssessmentError::Io {
            path: path.to_path_buf(),
            action: "save to",
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        })?;
    let existing = fs::metadata(path).ok();
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}.");
    builder.prefix(&prefix).suffix(".tmp");
    // Keep the reviewer's permissions; a new file gets the usual ones
    // (tempfile alone would make it private to the owner).
    if let Some(meta) = &existing {
        builder.permissions(meta.permissions());
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| AssessmentError::write_io(path, "create a temporary file for", e))?;
    crate::atomic::write_temp(&mut tmp, dir, bytes)
        .map_err(|e| AssessmentError::write_io(path, "write the temporary file for", e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| AssessmentError::write_io(path, "flush the temporary file for", e))?;
    if backup && existing.is_some() {
        make_backup(path, dir, &name)?;
    }
    let file = crate::atomic::persist_retrying(tmp, path)
        .map_err(|e| AssessmentError::write_io(path, "replace", e.error))?;
    sync_dir(dir);
    let modified = file
        .metadata()
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    Ok(DiskStamp::of(bytes, modified))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Keeps the current `path` as `.bak`, atomically: link (or copy) it to a
/// temporary name, then rename that over the old `.bak`.
fn make_backup(path: &Path, dir: &Path, name: &str) -> Result<(), AssessmentError> {
    let bak = backup_path(path);
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}.bak.");
    builder.prefix(&prefix).suffix(".tmp");
    // A hard link costs nothing and is safe because we never write a file in
    // place: the next save renames a new file over `path`, leaving the old
    // content to the `.bak` name alone.
    let staged = match builder.make_in(dir, |p| fs::hard_link(path, p)) {
        Ok(link) => link.persist(&bak).map_err(|e| e.error),
        // File systems without hard links: copy instead.
        Err(_) => copy_to_temp(path, dir, &builder)
            .and_then(|tmp| tmp.persist(&bak).map(|_| ()).map_err(|e| e.error)),
    };
    staged.map_err(|e| AssessmentError::write_io(&bak, "keep the previous version as", e))
}

fn copy_to_temp(
    path: &Path,
    dir: &Path,
    builder: &tempfile::Builder,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = builder.tempfile_in(dir)?;
    let mut src = File::open(path)?;
    std::io::copy(&mut src, &mut tmp)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Makes the rename itself durable (unix); elsewhere the rename is as durable
/// as the platform makes it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
        // Some file systems cannot sync a directory; the data is written anyway.
        log::debug!("could not sync folder {}: {e}", dir.display());
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    #[test]
    fn assessment_files_and_companions_are_recognised_by_name() {
        use std::path::Path;
        for yes in [
            "a.shenyue.ron",
            "审查.RON",
            "a.shenyue.ron.bak",
            "a.shenyue.ron.autosave",
        ] {
            assert!(super::is_assessment_file(Path::new(yes)), "{yes}");
        }
        for no in ["报告.txt", "a.ron.txt", "ron", "a.docx"] {
            assert!(!super::is_assessment_file(Path::new(no)), "{no}");
        }
    }

    use super::*;
    use crate::assessment::Verdict;
    use crate::assessment::model::tests::{TestResult, sample};

    /// The sample assessment, its report beside the assessment in `dir` (as
    /// [`load`] gives it back: absolute).
    fn sample_in(dir: &Path) -> Assessment {
        let mut a = sample();
        a.report.path = dir.join("报告.docx").to_string_lossy().into_owned();
        a
    }

    fn listing(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            out.push((
                entry.file_name().to_string_lossy().into_owned(),
                fs::read(entry.path())?,
            ));
        }
        out.sort();
        Ok(out)
    }

    #[test]
    fn paths_beside_the_report() {
        let report = Path::new("/data/2020/静海区2020年报告.docx");
        let ron = sidecar_path(report);
        assert_eq!(ron, Path::new("/data/2020/静海区2020年报告.shenyue.ron"));
        assert_eq!(
            backup_path(&ron),
            Path::new("/data/2020/静海区2020年报告.shenyue.ron.bak")
        );
        assert_eq!(
            autosave_path(&ron),
            Path::new("/data/2020/静海区2020年报告.shenyue.ron.autosave")
        );
        assert_eq!(
            sidecar_path(Path::new("a.b.pdf")),
            Path::new("a.b.shenyue.ron")
        );
    }

    #[test]
    fn report_paths_are_stored_relative_and_resolved_back() {
        let ron = Path::new("/data/review/2020/a.shenyue.ron");
        assert_eq!(
            relative_report_path(ron, Path::new("/data/review/2020/报告.docx")),
            "报告.docx"
        );
        assert_eq!(
            relative_report_path(ron, Path::new("/data/reports/./x/报告.pdf")),
            "../../reports/x/报告.pdf"
        );
        assert_eq!(
            relative_report_path(ron, Path::new("sub/报告.pdf")),
            "sub/报告.pdf"
        );
        assert_eq!(
            resolve_report_path(ron, "../../reports/x/报告.pdf"),
            Path::new("/data/reports/x/报告.pdf")
        );
        assert_eq!(
            resolve_report_path(ron, "/abs/报告.pdf"),
            Path::new("/abs/报告.pdf")
        );
        assert_eq!(resolve_report_path(ron, ""), Path::new(""));
        assert_eq!(normalize(Path::new("/a/../../b/./c")), Path::new("/b/c"));
    }

    #[test]
    fn save_then_load_round_trips_with_a_relative_report_path() -> TestResult {
        let dir = tempfile::tempdir()?;
        let report = dir.path().join("报告.docx");
        let path = sidecar_path(&report);
        let mut a = sample();
        a.report.path = report.to_string_lossy().into_owned();
        let stamp = save(&path, &a, None)?;
        let text = fs::read_to_string(&path)?;
        assert!(text.contains("path: \"报告.docx\","), "{text}");
        assert_eq!(stamp.len, text.len() as u64);
        assert_eq!(stamp.sha256, sha256_hex(text.as_bytes()));
        let (loaded, loaded_stamp) = load(&path)?;
        assert_eq!(loaded, a);
        assert_eq!(loaded_stamp.sha256, stamp.sha256);
        assert!(
            !backup_path(&path).exists(),
            "nothing to back up on the first save"
        );
        assert!(!changed_on_disk(&path, &stamp)?);
        Ok(())
    }

    #[test]
    fn each_save_keeps_the_previous_version_as_bak() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        let mut a = sample();
        let first = save(&path, &a, None)?;
        let first_text = fs::read(&path)?;
        a.item_mut("G16").ok_or("item")?.review.verdict = Verdict::NotMet;
        let second = save(&path, &a, Some(&first))?;
        assert_eq!(fs::read(backup_path(&path))?, first_text);
        assert_eq!(
            load(&path)?.0.item("G16").ok_or("item")?.review.verdict,
            Verdict::NotMet
        );
        a.conclusion = "第三版".into();
        save(&path, &a, Some(&second))?;
        assert_eq!(
            load(&backup_path(&path))?
                .0
                .item("G16")
                .ok_or("item")?
                .review
                .verdict,
            Verdict::NotMet
        );
        // Only the file and its backup: no temporary files left behind.
        let names: Vec<_> = listing(dir.path())?.into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["a.shenyue.ron", "a.shenyue.ron.bak"]);
        Ok(())
    }

    #[test]
    fn a_file_changed_by_someone_else_is_never_overwritten() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        let mut a = sample();
        let stamp = save(&path, &a, None)?;
        // A colleague saves their version over ours.
        let mut theirs = sample();
        theirs.conclusion = "同事的结论".into();
        fs::write(&path, theirs.to_ron()?)?;
        assert!(changed_on_disk(&path, &stamp)?);
        let before = listing(dir.path())?;
        a.conclusion = "我的结论".into();
        let err = save(&path, &a, Some(&stamp))
            .err()
            .ok_or("expected a conflict")?;
        assert_eq!(err.kind(), "changed_on_disk");
        assert!(err.to_string().contains("a.shenyue.ron"), "{err}");
        assert_eq!(listing(dir.path())?, before, "nothing written");
        // The reviewer confirms: overwrite, and the colleague's version is the .bak.
        save_overwrite(&path, &a)?;
        assert_eq!(load(&path)?.0.conclusion, "我的结论");
        assert_eq!(load(&backup_path(&path))?.0.conclusion, "同事的结论");
        Ok(())
    }

    #[test]
    fn a_stale_stamp_over_identical_content_is_no_conflict() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        let stale = save(&path, &sample(), None)?;
        let mut other = sample();
        other.conclusion = "另一版".into();
        save(&path, &other, Some(&stale))?;
        // Someone saved exactly what we are about to save: nothing to lose.
        save(&path, &other, Some(&stale))?;
        assert_eq!(load(&path)?.0.conclusion, "另一版");
        Ok(())
    }

    #[test]
    fn save_as_onto_an_existing_file_needs_confirmation() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        fs::write(&path, "someone else's file")?;
        let err = save(&path, &sample(), None)
            .err()
            .ok_or("expected a conflict")?;
        assert_eq!(err.kind(), "changed_on_disk");
        assert_eq!(fs::read_to_string(&path)?, "someone else's file");
        // The same content we would write is not a conflict.
        fs::write(&path, sample().to_ron()?)?;
        save(&path, &sample(), None)?;
        Ok(())
    }

    #[test]
    fn a_deleted_file_is_written_again() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        let stamp = save(&path, &sample_in(dir.path()), None)?;
        fs::remove_file(&path)?;
        assert!(changed_on_disk(&path, &stamp)?);
        save(&path, &sample_in(dir.path()), Some(&stamp))?;
        assert_eq!(load(&path)?.0, sample_in(dir.path()));
        Ok(())
    }

    #[test]
    fn load_errors_are_clear_and_change_nothing() -> TestResult {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("missing.shenyue.ron");
        assert_eq!(load(&missing).err().ok_or("error")?.kind(), "not_found");

        let bad = dir.path().join("bad.shenyue.ron");
        fs::write(&bad, "(\n  reviewer: \"张三\",\n  items: [ oops ],\n)")?;
        let err = load(&bad).err().ok_or("error")?;
        assert_eq!(err.kind(), "parse");
        assert!(
            err.to_string().contains(&format!("{}:3:", bad.display())),
            "{err}"
        );

        let latin1 = dir.path().join("latin1.shenyue.ron");
        fs::write(&latin1, b"(\n reviewer: \"Jos\xe9\",\n)")?;
        let err = load(&latin1).err().ok_or("error")?;
        assert!(
            matches!(err, AssessmentError::NotUtf8 { line: 2, .. }),
            "{err}"
        );

        let huge = dir.path().join("huge.shenyue.ron");
        File::create(&huge)?.set_len(MAX_FILE_BYTES + 1)?;
        assert_eq!(load(&huge).err().ok_or("error")?.kind(), "too_large");

        let newer = dir.path().join("newer.shenyue.ron");
        fs::write(&newer, "(schema_version: 99)")?;
        assert_eq!(load(&newer).err().ok_or("error")?.kind(), "newer_schema");

        let before = listing(dir.path())?
            .into_iter()
            .map(|(n, b)| (n, b.len()))
            .collect::<Vec<_>>();
        for p in [&missing, &bad, &latin1, &huge, &newer] {
            let _ = load(p);
            let _ = recovery_candidate(p);
        }
        let after = listing(dir.path())?
            .into_iter()
            .map(|(n, b)| (n, b.len()))
            .collect::<Vec<_>>();
        assert_eq!(before, after);
        Ok(())
    }

    #[test]
    fn saving_into_a_missing_folder_fails_cleanly() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("no/such/folder/a.shenyue.ron");
        let err = save(&path, &sample(), None).err().ok_or("error")?;
        assert!(err.to_string().contains("a.shenyue.ron"), "{err}");
        Ok(())
    }

    #[test]
    fn autosave_is_offered_only_when_newer_than_the_saved_file() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        let mut a = sample_in(dir.path());
        assert!(recovery_candidate(&path).is_none(), "nothing at all");

        // Autosave of a never-saved assessment: offered.
        write_autosave(&path, &a)?;
        let rec = recovery_candidate(&path).ok_or("offered")?;
        assert_eq!(rec.assessment, a);
        assert_eq!(rec.saved, None);
        assert_eq!(rec.autosave_path, autosave_path(&path));

        // Saving removes the autosave.
        let stamp = save(&path, &a, None)?;
        assert!(!autosave_path(&path).exists());
        assert!(recovery_candidate(&path).is_none());

        // The reviewer keeps working; the app autosaves; the app crashes.
        a.item_mut("G16").ok_or("item")?.review.comment = "崩溃前写的意见".into();
        a.modified = a
            .modified
            .checked_add(jiff::SignedDuration::from_secs(60))?;
        write_autosave(&path, &a)?;
        let rec = recovery_candidate(&path).ok_or("offered")?;
        assert_eq!(
            rec.assessment.item("G16").ok_or("item")?.review.comment,
            "崩溃前写的意见"
        );
        assert_eq!(rec.saved, Some(sample().modified));
        assert!(rec.autosaved > sample().modified);

        // An autosave not newer than the saved file is not offered.
        let mut old = sample();
        old.modified = old
            .modified
            .checked_sub(jiff::SignedDuration::from_secs(60))?;
        write_autosave(&path, &old)?;
        assert!(recovery_candidate(&path).is_none());

        // A broken autosave is ignored, and can be discarded.
        fs::write(autosave_path(&path), "(items: [")?;
        assert!(recovery_candidate(&path).is_none());
        discard_autosave(&path)?;
        assert!(!autosave_path(&path).exists());
        discard_autosave(&path)?;

        // A broken saved file with a good autosave: offered.
        write_autosave(&path, &a)?;
        fs::write(&path, "garbage")?;
        assert_eq!(recovery_candidate(&path).ok_or("offered")?.saved, None);
        assert!(changed_on_disk(&path, &stamp)?);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn saving_keeps_the_files_permissions() -> TestResult {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.shenyue.ron");
        let stamp = save(&path, &sample(), None)?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        save(&path, &sample(), Some(&stamp))?;
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }
}
