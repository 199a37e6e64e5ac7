//! Reading zip-based documents (DOCX, ODT, OFD) without trusting the
//! archive: a cap on entries, on each part's and on the total uncompressed
//! size, a compression-ratio guard against zip bombs, and inflation that
//! stops at the declared size so a forged header costs no more memory than
//! an honest file.

use std::io::{Cursor, Read};

use super::{Detail, Format, LoadError, LoadOptions};

/// Most entries an archive may have.
pub const MAX_ENTRIES: usize = 20_000;
/// A part whose uncompressed size is this many times its compressed size is
/// treated as a zip bomb (real documents compress XML about 5–20×).
pub const MAX_RATIO: u64 = 400;

/// An open archive with a budget for everything read from it.
pub struct SafeZip<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    format: Format,
    /// Uncompressed bytes still allowed.
    budget: u64,
    limit: u64,
}

impl<'a> SafeZip<'a> {
    /// Opens `bytes` as the archive of a `format` document.
    pub fn open(bytes: &'a [u8], format: Format, options: &LoadOptions) -> Result<Self, LoadError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            damaged(
                format,
                Detail::NotZip {
                    message: e.to_string(),
                },
            )
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(damaged(
                format,
                Detail::TooManyEntries {
                    count: archive.len(),
                },
            ));
        }
        Ok(Self {
            archive,
            format,
            budget: options.max_docx_uncompressed,
            limit: options.max_docx_uncompressed,
        })
    }

    /// The names of the entries.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.archive.file_names()
    }

    /// True when the archive has an entry of this exact name.
    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The entry named `name`, or one whose name differs only in case or
    /// in a leading slash (producers disagree on both).
    pub fn resolve(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        if self.contains(name) {
            return Some(name.to_string());
        }
        self.names()
            .find(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
            .map(str::to_string)
    }

    /// Reads one part, `None` when it does not exist.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, LoadError> {
        let format = self.format;
        let what = content_label(format);
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(damaged(
                    format,
                    Detail::Entry {
                        name: name.into(),
                        message: e.to_string(),
                    },
                ));
            }
        };
        let limit = self.budget;
        let declared = file.size();
        if declared > limit {
            return Err(LoadError::TooLarge {
                what,
                size: self.limit - limit + declared,
                limit: self.limit,
            });
        }
        let compressed = file.compressed_size().max(1);
        if declared / compressed > MAX_RATIO && declared > 1024 * 1024 {
            return Err(damaged(
                format,
                Detail::ZipBomb {
                    name: name.into(),
                    ratio: Some(declared / compressed),
                    max: MAX_RATIO,
                },
            ));
        }
        // Inflate no more than the header declares; an archive that
        // declares nothing gets the ratio's worth.
        let cap = if declared > 0 {
            declared
        } else {
            compressed.saturating_mul(MAX_RATIO).max(1024 * 1024)
        }
        .min(limit);
        let mut out = Vec::with_capacity(usize::try_from(cap.min(64 * 1024 * 1024)).unwrap_or(0));
        let read = file
            .take(cap.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| {
                damaged(
                    format,
                    Detail::EntryCorrupt {
                        name: name.into(),
                        message: e.to_string(),
                    },
                )
            })? as u64;
        if read > cap {
            return Err(if cap == limit {
                LoadError::TooLarge {
                    what,
                    size: self.limit - limit + read,
                    limit: self.limit,
                }
            } else if declared > 0 {
                damaged(
                    format,
                    Detail::ForgedSize {
                        name: name.into(),
                        declared,
                    },
                )
            } else {
                damaged(
                    format,
                    Detail::ZipBomb {
                        name: name.into(),
                        ratio: None,
                        max: MAX_RATIO,
                    },
                )
            });
        }
        self.budget = self.budget.saturating_sub(read);
        Ok(Some(out))
    }
}

/// What kind of document a zip archive holds, from its entries: DOCX
/// (`word/document.xml`), ODF text (`mimetype`), OFD (`OFD.xml` at the
/// root). `Err` when it is a zip but none of these.
pub fn classify(bytes: &[u8]) -> Result<Format, LoadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| LoadError::Docx {
        detail: Detail::NotZip {
            message: e.to_string(),
        },
    })?;
    let names: Vec<String> = archive
        .file_names()
        .take(MAX_ENTRIES)
        .map(str::to_string)
        .collect();
    let has = |wanted: &str| {
        names
            .iter()
            .any(|n| n.trim_start_matches('/').eq_ignore_ascii_case(wanted))
    };
    // A Word package that lost its document is a damaged DOCX, which
    // its reader reports as such.
    if has("word/document.xml")
        || has("[Content_Types].xml")
        || names.iter().any(|n| n.starts_with("word/"))
    {
        return Ok(Format::Docx);
    }
    if has("OFD.xml") {
        return Ok(Format::Ofd);
    }
    if has("mimetype") || has("content.xml") {
        let mut mimetype = String::new();
        if let Ok(file) = archive.by_name("mimetype") {
            // The media type is one short line; never read more.
            let _ = file.take(200).read_to_string(&mut mimetype);
        }
        let mimetype = mimetype.trim();
        if mimetype == "application/vnd.oasis.opendocument.text"
            || mimetype == "application/vnd.oasis.opendocument.text-template"
            || (mimetype.is_empty() && has("content.xml"))
        {
            return Ok(Format::Odt);
        }
        return Err(LoadError::ZipNotDocument {
            detail: Detail::NotOdfText {
                media_type: (!mimetype.is_empty()).then(|| mimetype.to_string()),
            },
        });
    }
    let sample: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    Err(LoadError::ZipNotDocument {
        detail: Detail::NoDocumentEntries {
            count: names.len(),
            first: sample.join(", "),
        },
    })
}

/// The error for a damaged archive of `format`.
pub fn damaged(format: Format, detail: Detail) -> LoadError {
    match format {
        Format::Odt => LoadError::Odt { detail },
        Format::Ofd => LoadError::Ofd { detail },
        _ => LoadError::Docx { detail },
    }
}

fn content_label(format: Format) -> &'static str {
    match format {
        Format::Odt => "ODT content",
        Format::Ofd => "OFD content",
        _ => "DOCX content",
    }
}
