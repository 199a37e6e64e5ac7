//! PDF text extraction, isolated so that a crashing parser cannot take the
//! process down: the built-in extractor (`pdf-extract`) runs in a child
//! process (`shenyue __pdf-extract FILE`) or, without a helper binary, on a
//! thread under `catch_unwind`. Chinese official PDFs often defeat it, so
//! poppler's `pdftotext` is tried whenever the built-in result is poor.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Detail, LoadError, LoadOptions};

/// Extracts the text layer of a PDF.
pub fn extract(
    bytes: &[u8],
    path: Option<&Path>,
    options: &LoadOptions,
) -> Result<String, LoadError> {
    // The child process and pdftotext read a file; write one if needed.
    let temp;
    let file: &Path = match path {
        Some(p) => p,
        None => {
            temp = tempfile::Builder::new().suffix(".pdf").tempfile()?;
            std::fs::write(temp.path(), bytes)?;
            temp.path()
        }
    };
    let builtin = match &options.pdf_helper {
        Some(helper) => run_capture(
            Command::new(helper).arg("__pdf-extract").arg(file),
            options.pdf_timeout_secs,
            options.max_text_bytes,
        ),
        None => extract_in_thread(bytes.to_vec()),
    };
    let builtin_error = match builtin {
        Ok(text) if looks_usable(&text) => return Ok(text),
        Ok(_) => Detail::NoReadableChinese,
        Err(e) if e == CRASHED => Detail::ExtractorCrashed,
        Err(message) => Detail::Extractor { message },
    };
    match run_capture(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(file)
            .arg("-"),
        options.pdf_timeout_secs,
        options.max_text_bytes,
    ) {
        Ok(text) if !text.trim().is_empty() => Ok(text),
        Ok(_) => Err(LoadError::Pdf {
            detail: Detail::EmptyTextLayer,
        }),
        Err(e) if e.starts_with("spawn:") => Err(LoadError::PdfToolMissing {
            detail: builtin_error,
        }),
        Err(e) => Err(LoadError::Pdf {
            detail: Detail::BothExtractors {
                builtin: Box::new(builtin_error),
                message: e,
            },
        }),
    }
}

/// Runs the built-in extractor in this process (the `__pdf-extract` entry
/// point of the binary calls this in its child process).
pub fn extract_builtin(bytes: &[u8]) -> Result<String, String> {
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| e.to_string())
}

/// What [`extract_in_thread`] says when the extractor panicked.
const CRASHED: &str = "the built-in PDF extractor crashed on this file";

fn extract_in_thread(bytes: Vec<u8>) -> Result<String, String> {
    let handle = std::thread::Builder::new()
        .name("pdf-extract".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || std::panic::catch_unwind(|| extract_builtin(&bytes)))
        .map_err(|e| format!("cannot start extractor thread: {e}"))?;
    match handle.join() {
        Ok(Ok(result)) => result,
        Ok(Err(_)) | Err(_) => Err(CRASHED.into()),
    }
}

/// True when the PDF holds image objects: with no text layer, a scan.
/// Image XObjects are streams, which may not sit in compressed object
/// streams, so their dictionaries are always readable bytes.
pub fn has_images(bytes: &[u8]) -> bool {
    let subtype = |at: usize| {
        let rest = bytes.get(at + 8..).unwrap_or_default();
        let rest = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .and_then(|p| rest.get(p..))
            .unwrap_or_default();
        rest.starts_with(b"/Image")
    };
    bytes
        .windows(8)
        .enumerate()
        .any(|(at, w)| w == b"/Subtype" && subtype(at))
}

/// True when the PDF surely has no text layer: it draws images and has no
/// font at all. Font dictionaries can hide in compressed object streams,
/// so a PDF with those is left to the extractors.
pub fn is_scan(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has_images(bytes) && !has(b"/Font") && !has(b"/ObjStm")
}

/// Extracted text is usable if it is mostly real characters and has Chinese
/// in it (CID fonts without a ToUnicode map come out as garbage or empty).
fn looks_usable(text: &str) -> bool {
    let total = text.chars().filter(|c| !c.is_whitespace()).count();
    let han = text.chars().filter(|c| crate::text::is_han(*c)).count();
    let bad = text
        .chars()
        .filter(|c| *c == '\u{fffd}' || c.is_control() && !c.is_whitespace())
        .count();
    total > 0 && han * 5 >= total && bad * 50 < total
}

/// Runs a command, returns its stdout as UTF-8, with a time and size limit.
/// Errors starting with `spawn:` mean the program could not be started.
fn run_capture(cmd: &mut Command, timeout_secs: u64, max_bytes: usize) -> Result<String, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let r = (&mut stdout)
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut buf);
        r.map(|_| buf)
    });
    let deadline = Instant::now() + Duration::from_secs(timeout_secs);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {timeout_secs} s"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let buf = reader
        .join()
        .map_err(|_| "reader crashed".to_string())?
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("exited with {status}"));
    }
    if buf.len() > max_bytes {
        return Err("the extracted text is too large".into());
    }
    String::from_utf8(buf).map_err(|_| "the extractor printed invalid UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_pdf_is_an_error_not_a_crash() {
        let err = extract(b"%PDF-1.4\n garbage", None, &LoadOptions::default()).unwrap_err();
        assert!(
            matches!(
                err,
                LoadError::Pdf { .. } | LoadError::PdfToolMissing { .. }
            ),
            "{err}"
        );
    }

    #[test]
    fn usable_text_needs_chinese() {
        assert!(looks_usable("法治政府建设年度报告 2020"));
        assert!(!looks_usable("?Identity-H Unimplemented? ???"));
        assert!(!looks_usable(""));
    }
}
