//! The stable JSON view of a document used by `shenyue inspect --json` and
//! as the `report` object of `shenyue check --format json`. Field names and
//! meanings are an interface other tools read: change them only additively.

use serde::Serialize;

use super::Document;

/// Summary of a loaded document. Unknown values are `null`, never guessed.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    /// File name or path as given.
    pub file: String,
    /// `txt`, `docx`, `html` or `pdf`.
    pub format: &'static str,
    /// Detected encoding.
    pub encoding: String,
    /// Report title.
    pub title: Option<String>,
    /// Reporting unit.
    pub unit: Option<String>,
    /// Year reported on.
    pub year: Option<i32>,
    /// Signature date, ISO.
    pub date: Option<String>,
    /// Web publication date, ISO.
    pub published: Option<String>,
    /// Characters of clean text.
    pub chars: usize,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// Headings in order.
    pub headings: Vec<HeadingSummary>,
    /// DC1..DC5.
    pub parts: Vec<PartSummary>,
    /// Changes made by cleaning.
    pub cleaning: Vec<CleaningSummary>,
    /// The clean text, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One heading.
#[derive(Debug, Clone, Serialize)]
pub struct HeadingSummary {
    /// 1–4.
    pub level: u8,
    /// "一、", "（一）"…
    pub numbering: String,
    /// Heading text.
    pub text: String,
    /// Start (characters).
    pub start: usize,
    /// End (characters).
    pub end: usize,
}

/// One required part.
#[derive(Debug, Clone, Serialize)]
pub struct PartSummary {
    /// "DC1".."DC5".
    pub id: &'static str,
    /// Whether the report has it.
    pub present: bool,
    /// Start of its span, or null.
    pub start: Option<usize>,
    /// End of its span, or null.
    pub end: Option<usize>,
}

/// One kind of cleaning change.
#[derive(Debug, Clone, Serialize)]
pub struct CleaningSummary {
    /// Stable kind name.
    pub kind: &'static str,
    /// How many times.
    pub count: usize,
}

impl DocumentSummary {
    /// Summarises `doc`; `file` is how the file is named in the output.
    pub fn new(doc: &Document, file: &str, with_text: bool) -> Self {
        let s = &doc.structure;
        DocumentSummary {
            file: file.to_string(),
            format: doc.source.format.as_str(),
            encoding: doc.source.encoding.clone(),
            title: s.metadata.title.clone(),
            unit: s.metadata.unit.clone(),
            year: s.metadata.year,
            date: s.metadata.date.clone(),
            published: s.metadata.published.clone(),
            chars: doc.char_len(),
            sha256: doc.source.sha256.clone(),
            headings: s
                .headings
                .iter()
                .map(|h| HeadingSummary {
                    level: h.level,
                    numbering: h.numbering.clone(),
                    text: h.text.clone(),
                    start: h.range.start,
                    end: h.range.end,
                })
                .collect(),
            parts: s
                .parts
                .iter()
                .map(|p| {
                    let span = p.span();
                    PartSummary {
                        id: p.id.as_str(),
                        present: p.present,
                        start: span.map(|r| r.start),
                        end: span.map(|r| r.end),
                    }
                })
                .collect(),
            cleaning: doc
                .cleaning
                .entries
                .iter()
                .map(|e| CleaningSummary {
                    kind: e.kind.as_str(),
                    count: e.count,
                })
                .collect(),
            text: with_text.then(|| doc.text.clone()),
        }
    }
}
