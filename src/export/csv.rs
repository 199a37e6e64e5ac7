//! CSV export: one row per checklist item, for the office's spreadsheet.
//! UTF-8 with a byte-order mark (so Excel and WPS read Chinese), CRLF line
//! ends, fields quoted when they hold a comma, a quote, CR or LF (RFC 4180).
//! Text that a spreadsheet would take for a formula (a comment starting with
//! `=`, `+`, `-` or `@`) gets a leading `'`, so it shows as written instead of
//! `#NAME?` — or running as a formula.

use std::path::Path;

use super::common::{evidence_count, fmt_score, report_file_name};
use super::labels::{auto_label, verdict_label};
use crate::assessment::Assessment;
use crate::i18n::Lang;

/// The UTF-8 byte-order mark spreadsheet programs look for.
const BOM: &str = "\u{feff}";

/// Column headers, in order.
fn header(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Zh => [
            "报告文件",
            "报告单位",
            "年度",
            "框架",
            "编号",
            "审查项目",
            "自动判断",
            "自动评分",
            "审查意见",
            "评分",
            "说明",
            "证据数",
        ],
        Lang::En => [
            "report_file",
            "unit",
            "year",
            "framework",
            "item_id",
            "title",
            "auto_status",
            "auto_score",
            "verdict",
            "score",
            "comment",
            "evidence_count",
        ],
    }
}

/// One item per row for one assessment; `report` fills the first column.
fn push_rows(out: &mut String, report: &str, a: &Assessment, lang: Lang) {
    let year = a.report.year.map(|y| y.to_string()).unwrap_or_default();
    for item in &a.items {
        let fields = [
            report.to_string(),
            a.report.unit.clone(),
            year.clone(),
            item.framework.clone(),
            item.id.clone(),
            item.title.clone(),
            auto_label(item.auto.status, lang).to_string(),
            fmt_score(Some(item.auto.score), ""),
            verdict_label(item.review.verdict, lang).to_string(),
            fmt_score(item.review.effective_score(), ""),
            item.review.comment.clone(),
            evidence_count(item).to_string(),
        ];
        push_record(out, fields.iter().map(String::as_str));
    }
}

/// True when a spreadsheet would read `field` as a formula rather than text.
fn looks_like_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.trim().parse::<f64>().is_err()
}

/// Appends one record, quoting what needs it, ended by CRLF.
fn push_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let escaped;
        let field = if looks_like_formula(field) {
            escaped = format!("'{field}");
            escaped.as_str()
        } else {
            field
        };
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// The CSV of one assessment (report column: the report's file name).
pub(super) fn render(a: &Assessment, lang: Lang) -> Vec<u8> {
    let mut out = String::from(BOM);
    push_record(&mut out, header(lang));
    push_rows(&mut out, &report_file_name(a), a, lang);
    out.into_bytes()
}

/// The CSV of many assessments (for `shenyue batch`): the same columns as the
/// single export, one row per item of every assessment, in the given order.
/// The path of each row pair fills the report-file column as given.
pub fn csv_batch(rows: &[(&Path, &Assessment)], lang: Lang) -> Vec<u8> {
    let mut out = String::from(BOM);
    push_record(&mut out, header(lang));
    for (path, a) in rows {
        push_rows(&mut out, &path.display().to_string(), a, lang);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let mut out = String::new();
        push_record(
            &mut out,
            ["a", "b,c", "say \"hi\"", "two\nlines", "cr\r", ""],
        );
        assert_eq!(
            out,
            "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\r\n"
        );
    }

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() {
        let mut out = String::new();
        push_record(
            &mut out,
            ["=SUM(A1)", "-缺少数据", "@x", "-5", "+3.5", "正常"],
        );
        assert_eq!(out, "'=SUM(A1),'-缺少数据,'@x,-5,+3.5,正常\r\n");
    }

    #[test]
    fn starts_with_a_bom_and_a_header_of_twelve_columns() {
        let bytes = render(&Assessment::default(), Lang::Zh);
        let text = String::from_utf8_lossy(&bytes);
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(
            text.trim_start_matches(BOM),
            format!("{}\r\n", header(Lang::Zh).join(","))
        );
    }
}
