//! Markdown export for quick sharing (chat, e-mail, a wiki): the header, the
//! conclusion, a pipe table of the listed items, and the annotations.

use std::fmt::Write as _;

use super::common::{
    annotations_in_order, fmt_score, fmt_year, listed_items, note_author, report_title,
    review_date, shorten, verdict_counts,
};
use super::labels::{auto_label, labels, verdict_label};
use crate::assessment::Assessment;
use crate::i18n::Lang;

/// A table cell: pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    let text = text.trim().replace('\\', "\\\\").replace('|', "\\|");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The Markdown text of `a`.
pub(super) fn render(a: &Assessment, lang: Lang) -> String {
    let l = labels(lang);
    let mut md = String::new();
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(md, "# {}\n", l.title);
    let _ = writeln!(md, "**{}**\n", report_title(a).replace('\n', " "));
    let (reviewed, total) = a.progress();
    let meta = [
        (l.unit, a.report.unit.clone()),
        (l.year, fmt_year(a.report.year, l.year_suffix, l.none)),
        (l.reviewer, a.reviewer.clone()),
        (l.date, review_date(a, lang)),
        (l.progress, format!("{reviewed} / {total}")),
        (l.total_score, super::labels::total_score_value(a, lang)),
    ];
    let colon = lang.pick("：", ": ");
    for (label, value) in meta {
        let value = if value.trim().is_empty() {
            l.none.to_string()
        } else {
            value
        };
        let _ = writeln!(md, "- {label}{colon}{value}");
    }
    let counts: Vec<String> = verdict_counts(a)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{} {n}", verdict_label(v, lang)))
        .collect();
    if !counts.is_empty() {
        let _ = writeln!(md, "- {}", counts.join(" · "));
    }

    let _ = writeln!(md, "\n## {}\n", l.h_conclusion);
    if a.conclusion.trim().is_empty() {
        let _ = writeln!(md, "{}", l.empty);
    } else {
        for para in a.conclusion.lines().filter(|p| !p.trim().is_empty()) {
            let _ = writeln!(md, "{}\n", para.trim());
        }
    }

    let _ = writeln!(md, "\n## {}\n", l.h_checklist);
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} | {} |",
        l.col_id, l.col_item, l.col_auto, l.col_verdict, l.col_score, l.col_comment
    );
    let _ = writeln!(md, "|---|---|---|---|---:|---|");
    for (item, depth) in listed_items(a) {
        let indent = "　".repeat(depth);
        let _ = writeln!(
            md,
            "| {} | {}{} | {} | {} | {} | {} |",
            cell(&item.id),
            indent,
            cell(&item.title),
            auto_label(item.auto.status, lang),
            verdict_label(item.review.verdict, lang),
            fmt_score(item.review.effective_score(), l.none),
            cell(&item.review.comment),
        );
    }
    let _ = writeln!(md, "\n{}", l.sub_items_note);

    let _ = writeln!(md, "\n## {}\n", l.h_annotations);
    if a.annotations.is_empty() {
        let _ = writeln!(md, "{}", l.no_annotations);
    }
    for (i, n) in annotations_in_order(a).iter().enumerate() {
        let _ = writeln!(
            md,
            "{}. > {}\n\n   {}{}\n",
            i + 1,
            shorten(&n.anchor.quote),
            note_author(n),
            n.note.trim().replace('\n', "\n   ")
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_the_table_intact() {
        assert_eq!(cell("a|b\nc\n\n"), "a\\|b<br>c");
    }

    #[test]
    fn an_empty_assessment_still_has_every_section() {
        let md = render(&Assessment::default(), Lang::Zh);
        for heading in [
            "# 审查意见",
            "## 一、审查结论",
            "## 二、逐项审查",
            "## 三、批注",
        ] {
            assert!(md.contains(heading), "{md}");
        }
        assert!(md.contains("（未填写）"));
    }
}
