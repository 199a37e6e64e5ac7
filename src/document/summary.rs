//! The stable JSON view of a document used by `shenyue inspect --json` and
//! as the `report` object of `shenyue check --format json`. Field names and
//! meanings are an interface other tools read: change them only additively.

use serde::Serialize;

use super::Document;
use crate::i18n::Lang;
use crate::structure::{KindReason, UnitEvidence, YearEvidence};

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
    /// The strongest evidence for `year`, or null.
    pub year_source: Option<SignalSummary>,
    /// Every year signal found, strongest first.
    pub year_signals: Vec<SignalSummary>,
    /// Year signals pointing to another year than `year`.
    pub year_conflicts: Vec<SignalSummary>,
    /// The evidence `unit` was taken from, or null.
    pub unit_source: Option<SignalSummary>,
    /// What kind of document this is: "annual_report", "work_points" or "other".
    pub document_kind: &'static str,
    /// Why it was judged so.
    pub document_kind_reason: KindSummary,
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

/// One piece of evidence for the year or the unit.
#[derive(Debug, Clone, Serialize)]
pub struct SignalSummary {
    /// Stable name of the signal ("title", "plan_heading", "file_name"…).
    pub signal: &'static str,
    /// The year it points to (year signals only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The unit it names (unit signals only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Start in the clean text (characters), or null when the evidence is
    /// outside the text (file name, publication date).
    pub start: Option<usize>,
    /// End (characters), or null.
    pub end: Option<usize>,
    /// The evidence as written.
    pub text: String,
}

impl SignalSummary {
    fn year(e: &YearEvidence) -> Self {
        SignalSummary {
            signal: e.signal.as_str(),
            year: Some(e.year),
            unit: None,
            start: e.range.map(|r| r.start),
            end: e.range.map(|r| r.end),
            text: e.text.clone(),
        }
    }

    fn unit(e: &UnitEvidence) -> Self {
        SignalSummary {
            signal: e.signal.as_str(),
            year: None,
            unit: Some(e.unit.clone()),
            start: Some(e.range.start),
            end: Some(e.range.end),
            text: e.text.clone(),
        }
    }
}

/// The document's kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindSummary {
    /// "annual_report", "work_points" or "other".
    pub kind: &'static str,
    /// Why, as data: `{"code": "title_says", "title": …, "phrase": …}`,
    /// `{"code": "government_work_report", "cues": […]}`,
    /// `{"code": "task_assignments", "count": n}`,
    /// `{"code": "report_content", "mentions": n, "parts": ["DC1", …]}`,
    /// `{"code": "no_report_signals"}`.
    pub reason: KindReason,
    /// The reason in words: `{"zh": …, "en": …}`.
    pub message: MessageSummary,
}

/// A message in both languages.
#[derive(Debug, Clone, Serialize)]
pub struct MessageSummary {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
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
            year_source: s.metadata.year_source.as_ref().map(SignalSummary::year),
            year_signals: s
                .metadata
                .year_signals
                .iter()
                .map(SignalSummary::year)
                .collect(),
            year_conflicts: s
                .metadata
                .year_conflicts
                .iter()
                .map(SignalSummary::year)
                .collect(),
            unit_source: s.metadata.unit_source.as_ref().map(SignalSummary::unit),
            document_kind: s.metadata.document_kind.kind.as_str(),
            document_kind_reason: KindSummary {
                kind: s.metadata.document_kind.kind.as_str(),
                reason: s.metadata.document_kind.reason.clone(),
                message: MessageSummary {
                    zh: s.metadata.document_kind.reason.message(Lang::Zh),
                    en: s.metadata.document_kind.reason.message(Lang::En),
                },
            },
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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn the_json_carries_the_kind_and_where_the_year_came_from() {
        let doc = Document::from_text(
            "某区_2020.txt",
            "一、2021年法治政府建设工作情况\n我区深入推进法治政府建设，依法行政水平提升。\n二、存在的不足\n法治建设不平衡，基层力量薄弱。\n三、2022年工作打算\n持续推进法治政府建设。\n某区人民政府\n2022年3月1日",
        );
        let json = serde_json::to_value(DocumentSummary::new(&doc, "x", false)).unwrap();
        assert_eq!(json["year"], 2021);
        assert_eq!(json["year_source"]["signal"], "heading");
        assert_eq!(json["year_source"]["start"], 2);
        assert_eq!(json["year_source"]["text"], "2021年");
        let signals: Vec<&str> = json["year_signals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["signal"].as_str().unwrap())
            .collect();
        assert_eq!(
            signals,
            ["heading", "plan_heading", "signature_date", "file_name"]
        );
        // The file name disagrees, and says so.
        let conflicts = json["year_conflicts"].as_array().unwrap();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0]["signal"], "file_name");
        assert_eq!(conflicts[0]["year"], 2020);
        assert_eq!(conflicts[0]["start"], Value::Null);
        assert_eq!(json["unit"], "某区人民政府");
        assert_eq!(json["unit_source"]["signal"], "signature");
        assert_eq!(json["document_kind"], "annual_report");
        assert_eq!(json["document_kind_reason"]["kind"], "annual_report");
        assert_eq!(
            json["document_kind_reason"]["reason"]["code"],
            "report_content"
        );
        assert!(
            json["document_kind_reason"]["message"]["zh"]
                .as_str()
                .unwrap()
                .contains("法治政府建设")
        );
    }
}
