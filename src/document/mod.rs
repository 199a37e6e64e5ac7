//! Documents: from a file's bytes to a clean, structured [`Document`].
//!
//! `load` turns bytes of any supported format (txt in UTF-8/UTF-16/GB18030,
//! DOCX, Word 97–2003 .doc/.wps, ODT, RTF, HTML, PDF, OFD) into raw text,
//! choosing the reader by the bytes, not the file name; `clean` repairs PDF and web artefacts and
//! logs every kind of change; `crate::structure` finds paragraphs, sentences,
//! headings, the required parts and the metadata. All positions are character
//! offsets into [`Document::text`].

pub mod clean;
pub mod comments;
pub mod decode;
pub mod detail;
pub mod doc;
pub mod docx;
pub mod html;
pub mod odt;
pub mod ofd;
pub mod pdf;
pub mod rtf;
pub mod summary;
pub mod xmltext;
pub mod zipsafe;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::i18n::Lang;
use crate::structure::Structure;
use crate::text::{CharIndex, CharRange};

pub use clean::{CleaningEntry, CleaningKind, CleaningLog, WebMeta};
pub use comments::WordComment;
pub use detail::{Detail, PieceTableFault};

/// The file formats Shenyue reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Word 2007+ document.
    Docx,
    /// Web page.
    Html,
    /// PDF with a text layer.
    Pdf,
    /// Word 97–2003 binary document (`.doc`, and Kingsoft WPS `.wps`).
    Doc,
    /// OpenDocument text (`.odt`).
    Odt,
    /// Rich Text Format.
    Rtf,
    /// OFD, the Chinese fixed-layout format (GB/T 33190).
    Ofd,
}

/// The first bytes of an OLE compound file (Word 97–2003, WPS).
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Format {
    /// Stable lower-case name (`txt`, `docx`, `html`, `pdf`, `doc`, `odt`,
    /// `rtf`, `ofd`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Ofd => "ofd",
        }
    }

    /// Decides the format from the content first (magic bytes) and the file
    /// name second, so a mis-named file still opens.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let lower = name.to_lowercase();
        if bytes.starts_with(b"%PDF") {
            return Format::Pdf;
        }
        if bytes.starts_with(&OLE_MAGIC) {
            return Format::Doc;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            // The entries say what the archive holds; the name decides only
            // when they cannot be read.
            return zipsafe::classify(bytes).unwrap_or(if lower.ends_with(".odt") {
                Format::Odt
            } else if lower.ends_with(".ofd") {
                Format::Ofd
            } else {
                Format::Docx
            });
        }
        if bytes.starts_with(b"{\\rtf") {
            return Format::Rtf;
        }
        if lower.ends_with(".pdf") {
            return Format::Pdf;
        }
        if lower.ends_with(".docx") {
            return Format::Docx;
        }
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return Format::Html;
        }
        let head = &bytes[..bytes.len().min(1024)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") {
            return Format::Html;
        }
        Format::Txt
    }
}

/// File name extensions of the reports Shenyue reads (lower case, no dot):
/// what file dialogs offer and what `batch` picks up in a folder. The
/// content decides the format; these only say which files to look at.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "docx", "doc", "wps", "odt", "rtf", "ofd", "pdf", "html", "htm", "xhtml",
];

/// True when `path`'s extension is one of [`REPORT_EXTENSIONS`].
pub fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.as_str()))
}

/// Limits that keep hostile or broken input from exhausting the machine.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest extracted text, in bytes of UTF-8.
    pub max_text_bytes: usize,
    /// Largest total uncompressed size of the parts read from a DOCX.
    pub max_docx_uncompressed: u64,
    /// Deepest XML/HTML element nesting accepted.
    pub max_nesting: usize,
    /// Seconds a PDF extractor may run.
    pub pdf_timeout_secs: u64,
    /// An executable that understands `__pdf-extract FILE` (the `shenyue`
    /// binary itself), so a crashing PDF parser cannot take the app down.
    /// `None` runs the built-in extractor on a thread instead.
    pub pdf_helper: Option<PathBuf>,
}

impl LoadOptions {
    /// Options for the `shenyue` binary (GUI and CLI): PDFs are extracted in
    /// a child process of this executable, and `SHENYUE_MAX_TEXT_MB` changes
    /// the cap on a report's extracted text.
    pub fn for_app() -> LoadOptions {
        let mut options = LoadOptions {
            pdf_helper: std::env::current_exe().ok(),
            ..LoadOptions::default()
        };
        if let Some(mb) = std::env::var("SHENYUE_MAX_TEXT_MB")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            options.max_text_bytes = mb.saturating_mul(1024 * 1024);
        }
        options
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 200 * 1024 * 1024,
            max_text_bytes: 50 * 1024 * 1024,
            max_docx_uncompressed: 200 * 1024 * 1024,
            max_nesting: 512,
            pdf_timeout_secs: 60,
            pdf_helper: None,
        }
    }
}

/// Why a file could not be turned into a document.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// No content at all.
    #[error("the file is empty")]
    Empty,
    /// Bytes that are not text.
    #[error(
        "the file is binary, not text ({detail}); open a txt, docx, doc, wps, odt, rtf, html, pdf or ofd report"
    )]
    Binary {
        /// What gave it away.
        detail: Detail,
    },
    /// Bytes in no supported encoding.
    #[error("the text encoding cannot be read ({detail}); save it as UTF-8 or GB18030")]
    Encoding {
        /// What was wrong.
        detail: Detail,
    },
    /// Over a size limit.
    #[error("the {what} is too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// Which size ("file", "text", "DOCX content").
        what: &'static str,
        /// The size seen.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A broken or hostile DOCX.
    #[error("the DOCX file is damaged or not a Word document ({detail})")]
    Docx {
        /// What was wrong.
        detail: Detail,
    },
    /// A broken or unreadable Word 97–2003 / WPS binary document.
    #[error(
        "the Word 97–2003 (.doc/.wps) file is damaged or cannot be read ({detail}); save it as DOCX in Word or WPS and try again"
    )]
    Doc {
        /// What was wrong.
        detail: Detail,
    },
    /// A broken OpenDocument text.
    #[error(
        "the ODT file is damaged or not a text document ({detail}); save it as DOCX in LibreOffice or WPS and try again"
    )]
    Odt {
        /// What was wrong.
        detail: Detail,
    },
    /// A broken RTF file.
    #[error("the RTF file is damaged ({detail}); save it as DOCX in Word or WPS and try again")]
    Rtf {
        /// What was wrong.
        detail: Detail,
    },
    /// A broken OFD file.
    #[error(
        "the OFD file is damaged ({detail}); export it as PDF or DOCX from an OFD reader and try again"
    )]
    Ofd {
        /// What was wrong.
        detail: Detail,
    },
    /// A zip archive that is none of the document formats read.
    #[error(
        "the file is a zip archive but not a document ({detail}); open a DOCX, ODT or OFD report"
    )]
    ZipNotDocument {
        /// What the archive holds.
        detail: Detail,
    },
    /// A scan: pages of images and no text.
    #[error(
        "the {format} has no text, only images ({detail}): it is a scan. Text recognition (OCR) is outside Shenyue; run OCR in another program and open its text"
    )]
    Scanned {
        /// "PDF" or "OFD".
        format: &'static str,
        /// What was found.
        detail: Detail,
    },
    /// A broken HTML page.
    #[error("the web page cannot be read ({detail})")]
    Html {
        /// What was wrong.
        detail: Detail,
    },
    /// A PDF whose text could not be extracted.
    #[error("no text could be extracted from the PDF ({detail}); if it is a scan, run OCR first")]
    Pdf {
        /// What was wrong.
        detail: Detail,
    },
    /// The built-in PDF extractor failed and poppler is not installed.
    #[error(
        "the PDF's text could not be extracted ({detail}); install poppler-utils (pdftotext) and try again"
    )]
    PdfToolMissing {
        /// What the built-in extractor said.
        detail: Detail,
    },
}

impl LoadError {
    /// One line in the user's language: what is wrong and what to do.
    /// The technical detail, for the errors that have one.
    pub fn detail(&self) -> Option<&Detail> {
        match self {
            LoadError::Binary { detail }
            | LoadError::Encoding { detail }
            | LoadError::Docx { detail }
            | LoadError::Doc { detail }
            | LoadError::Odt { detail }
            | LoadError::Rtf { detail }
            | LoadError::Ofd { detail }
            | LoadError::ZipNotDocument { detail }
            | LoadError::Scanned { detail, .. }
            | LoadError::Html { detail }
            | LoadError::Pdf { detail }
            | LoadError::PdfToolMissing { detail } => Some(detail),
            LoadError::Io(_) | LoadError::Empty | LoadError::TooLarge { .. } => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let zh = self.detail().map(|d| d.text(Lang::Zh)).unwrap_or_default();
        match self {
            LoadError::Io(e) => match e.kind() {
                // The operating system's wording is English; say the common
                // cases in Chinese.
                std::io::ErrorKind::NotFound => "找不到文件：文件不存在或已被移动、改名".into(),
                std::io::ErrorKind::IsADirectory => {
                    "这是文件夹，不是文件；请选择一份报告文件".into()
                }
                std::io::ErrorKind::PermissionDenied => "没有读取该文件的权限".into(),
                // The OS's own words are English: say it in general terms.
                _ => "无法读取文件；请确认文件可以访问（未被其他程序锁定、网络共享可用）后重试"
                    .into(),
            },
            LoadError::Empty => "文件是空的，没有可审阅的文字".into(),
            LoadError::Binary { .. } => {
                format!(
                    "这不是文本文件（{zh}），请打开 txt、docx、doc、wps、odt、rtf、html、pdf 或 ofd 格式的报告"
                )
            }
            LoadError::Encoding { .. } => {
                format!("无法识别文本编码（{zh}），请另存为 UTF-8 或 GB18030 后再打开")
            }
            LoadError::TooLarge { what, size, limit } => {
                let what = match *what {
                    "file" => "文件",
                    "text" => "文字内容",
                    "ODT content" => "ODT 解压后内容",
                    "OFD content" => "OFD 解压后内容",
                    "Word binary stream" => "Word 文档数据流",
                    _ => "DOCX 解压后内容",
                };
                format!("{what}过大（{size} 字节，上限 {limit} 字节），可能不是一份报告或已损坏")
            }
            LoadError::Docx { .. } => {
                format!("DOCX 文件已损坏或不是 Word 文档（{zh}），请用 Word/WPS 另存后再试")
            }
            LoadError::Doc { .. } => format!(
                "Word 97–2003（.doc/.wps）文件已损坏或无法读取（{zh}），请用 Word/WPS 另存为 DOCX 后再试"
            ),
            LoadError::Odt { .. } => format!(
                "ODT 文件已损坏或不是文本文档（{zh}），请用 LibreOffice/WPS 另存为 DOCX 后再试"
            ),
            LoadError::Rtf { .. } => {
                format!("RTF 文件已损坏（{zh}），请用 Word/WPS 另存为 DOCX 后再试")
            }
            LoadError::Ofd { .. } => {
                format!("OFD 文件已损坏（{zh}），请用 OFD 阅读器另存为 PDF 或 DOCX 后再试")
            }
            LoadError::ZipNotDocument { .. } => {
                format!("这是压缩包，不是文档（{zh}），请打开 docx、odt 或 ofd 格式的报告")
            }
            LoadError::Scanned { format, .. } => format!(
                "该 {format} 没有文字，只有图像（{zh}），是扫描件；本软件不做文字识别（OCR），请先用其他软件识别成文字后再打开"
            ),
            LoadError::Html { .. } => format!("网页无法解析（{zh}）"),
            LoadError::Pdf { .. } => {
                format!("未能从 PDF 中提取文字（{zh}）；如为扫描件，请先做文字识别（OCR）")
            }
            LoadError::PdfToolMissing { .. } => {
                format!("未能提取 PDF 文字（{zh}）；请安装 poppler-utils（pdftotext）后重试")
            }
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The file, when loaded from disk.
    pub path: Option<PathBuf>,
    /// Display name (file name).
    pub name: String,
    /// Detected format.
    pub format: Format,
    /// Detected encoding ("UTF-8", "GB18030", "UTF-16LE", or the container's).
    pub encoding: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// Size of the file in bytes.
    pub byte_len: u64,
}

/// A report: clean text, what cleaning changed, and its structure.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from.
    pub source: SourceInfo,
    /// The clean text every offset points into.
    pub text: String,
    /// Character ↔ byte offsets of `text`.
    pub index: CharIndex,
    /// What cleaning changed.
    pub cleaning: CleaningLog,
    /// Metadata found in web-page chrome (来源, 发布日期).
    pub web: WebMeta,
    /// Paragraphs, sentences, headings, parts, metadata.
    pub structure: Structure,
    /// Word comments carried by the file (DOCX), each with the text it is
    /// on; the review pipeline turns them into annotations.
    pub comments: Vec<WordComment>,
}

impl Document {
    /// Number of characters in the clean text.
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The clean text of a character range.
    pub fn slice(&self, range: CharRange) -> &str {
        self.index.slice(&self.text, range)
    }

    /// Builds a document from text that needs no decoding (tests, pasted text).
    pub fn from_text(name: &str, text: &str) -> Document {
        let source = SourceInfo {
            path: None,
            name: name.to_string(),
            format: Format::Txt,
            encoding: "UTF-8".into(),
            sha256: sha256_hex(text.as_bytes()),
            byte_len: text.len() as u64,
        };
        build(source, text, Vec::new())
    }
}

/// SHA-256 of bytes as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Reads and loads a file from disk.
pub fn open(path: &Path, options: &LoadOptions) -> Result<Document, LoadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(LoadError::Io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "this is a folder, not a file",
        )));
    }
    let limit = options.max_file_bytes;
    if meta.len() > limit {
        return Err(LoadError::TooLarge {
            what: "file",
            size: meta.len(),
            limit,
        });
    }
    // Read at most one byte past the limit: the size on record can be wrong
    // (a file still being written, a pipe, a device such as /dev/zero).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            what: "file",
            size: bytes.len() as u64,
            limit,
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut doc = from_bytes(&name, &bytes, options, Some(path))?;
    doc.source.path = Some(path.to_path_buf());
    Ok(doc)
}

/// Loads a document from bytes; `path` (if any) lets the PDF extractor read
/// the file directly.
pub fn from_bytes(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    path: Option<&Path>,
) -> Result<Document, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    if bytes.len() as u64 > options.max_file_bytes {
        return Err(LoadError::TooLarge {
            what: "file",
            size: bytes.len() as u64,
            limit: options.max_file_bytes,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip that is no document gets its own message, not a DOCX error.
        if let Err(e @ LoadError::ZipNotDocument { .. }) = zipsafe::classify(bytes) {
            return Err(e);
        }
    }
    let format = Format::detect(name, bytes);
    let mut comments = Vec::new();
    let (raw, encoding) = match format {
        Format::Txt => {
            let d = decode::decode_text(bytes)?;
            (d.text, d.encoding)
        }
        Format::Docx => {
            let (text, found) = docx::extract_with_comments(bytes, options)?;
            comments = found;
            (text, "DOCX (UTF-8 XML)".to_string())
        }
        Format::Html => {
            let d = decode::decode_text(bytes)?;
            (html::extract(&d.text, options)?, d.encoding)
        }
        Format::Pdf if pdf::is_scan(bytes) => {
            return Err(LoadError::Scanned {
                format: "PDF",
                detail: Detail::ImagesNoFonts,
            });
        }
        Format::Pdf => match pdf::extract(bytes, path, options) {
            Ok(text) if !text.trim().is_empty() => (text, "PDF text layer".to_string()),
            Ok(_) | Err(LoadError::Pdf { .. }) if pdf::has_images(bytes) => {
                return Err(LoadError::Scanned {
                    format: "PDF",
                    detail: Detail::ImagesNoTextLayer,
                });
            }
            Ok(text) => (text, "PDF text layer".to_string()),
            Err(e) => return Err(e),
        },
        Format::Doc => {
            let (text, encoding) = doc::extract(bytes, options)?;
            // Kingsoft WPS writes the same binary format; say which it is.
            if name.to_lowercase().ends_with(".wps") {
                (text, format!("WPS {encoding}"))
            } else {
                (text, encoding)
            }
        }
        Format::Odt => (odt::extract(bytes, options)?, "ODT (UTF-8 XML)".to_string()),
        Format::Rtf => rtf::extract(bytes, options)?,
        Format::Ofd => (ofd::extract(bytes, options)?, "OFD (UTF-8 XML)".to_string()),
    };
    if raw.len() > options.max_text_bytes {
        return Err(LoadError::TooLarge {
            what: "text",
            size: raw.len() as u64,
            limit: options.max_text_bytes as u64,
        });
    }
    if raw.trim().is_empty() {
        return Err(match format {
            Format::Pdf => LoadError::Pdf {
                detail: Detail::EmptyTextLayer,
            },
            _ => LoadError::Empty,
        });
    }
    let source = SourceInfo {
        path: None,
        name: name.to_string(),
        format,
        encoding,
        sha256: sha256_hex(bytes),
        byte_len: bytes.len() as u64,
    };
    Ok(build(source, &raw, comments))
}

fn build(source: SourceInfo, raw: &str, comments: Vec<WordComment>) -> Document {
    let cleaned = clean::clean(raw);
    let index = CharIndex::new(&cleaned.text);
    let structure = crate::structure::build(
        &cleaned.text,
        &index,
        cleaned.web.published.as_deref(),
        Some(&source.name),
    );
    Document {
        source,
        text: cleaned.text,
        index,
        cleaning: cleaned.log,
        web: cleaned.web,
        structure,
        comments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_and_a_missing_file_say_so_in_both_languages() {
        let dir = std::env::temp_dir();
        let e = open(&dir, &LoadOptions::default()).unwrap_err();
        assert!(e.message(Lang::En).contains("folder"), "{e}");
        assert!(e.message(Lang::Zh).contains("文件夹"), "{e}");
        let e = open(
            &dir.join("no-such-report-湛河.txt"),
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(e.message(Lang::Zh).contains("找不到文件"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_file_is_read_only_up_to_the_limit() {
        // /dev/zero reports a size of 0 and never ends.
        let options = LoadOptions {
            max_file_bytes: 4096,
            ..LoadOptions::default()
        };
        let e = open(Path::new("/dev/zero"), &options).unwrap_err();
        assert!(
            matches!(
                e,
                LoadError::TooLarge {
                    what: "file",
                    size: 4097,
                    limit: 4096
                }
            ),
            "{e:?}"
        );
    }
}
