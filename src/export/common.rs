//! What every export reads the same way from an assessment: which items are
//! listed, which quotes stand for an item, how scores and dates are written.

use std::path::Path;

use crate::assessment::{Anchor, Annotation, Assessment, ItemAssessment, Reanchor, reanchor};
use crate::document::{Document, sha256_hex};
use crate::i18n::Lang;
use crate::text::CharRange;

/// Longest quote printed in a table cell, in characters.
pub(super) const QUOTE_CHARS: usize = 120;

/// How the assessed report is named in messages: its path, else its title.
pub(super) fn report_name(a: &Assessment) -> String {
    if a.report.path.is_empty() {
        a.report.title.clone()
    } else {
        a.report.path.clone()
    }
}

/// The report's file name (without folders), or its title when there is no path.
pub(super) fn report_file_name(a: &Assessment) -> String {
    Path::new(&a.report.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| a.report.title.clone())
}

/// The report's title, else its file name.
pub(super) fn report_title(a: &Assessment) -> String {
    if a.report.title.trim().is_empty() {
        report_file_name(a)
    } else {
        a.report.title.trim().to_string()
    }
}

/// A score as people write it: "90", "85.5"; `none` when absent.
pub(super) fn fmt_score(score: Option<f32>, none: &str) -> String {
    match score {
        Some(s) if s.is_finite() => {
            let rounded = (s * 10.0).round() / 10.0;
            if rounded.fract() == 0.0 {
                format!("{rounded:.0}")
            } else {
                format!("{rounded:.1}")
            }
        }
        _ => none.to_string(),
    }
}

/// The year as written in the header ("2020年" / "2020"); `none` when unknown.
pub(super) fn fmt_year(year: Option<i32>, suffix: &str, none: &str) -> String {
    year.map_or_else(|| none.to_string(), |y| format!("{y}{suffix}"))
}

/// The date of the review (the assessment's last change), in local time:
/// "2021年3月1日" or "2021-03-01".
pub(super) fn review_date(a: &Assessment, lang: Lang) -> String {
    let date = a.modified.to_zoned(jiff::tz::TimeZone::system()).date();
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => date.to_string(),
    }
}

/// Depth of an item below the top level (0 for a top-level item), following
/// `parent` links; a broken or cyclic chain stops counting.
pub(super) fn depth(a: &Assessment, item: &ItemAssessment) -> usize {
    let mut depth = 0;
    let mut parent = item.parent.as_deref();
    while let Some(id) = parent {
        if depth >= 8 {
            break;
        }
        depth += 1;
        parent = a.item(id).and_then(|p| p.parent.as_deref());
    }
    depth
}

/// True when a sub-item carries the reviewer's work worth printing.
fn has_review(item: &ItemAssessment) -> bool {
    item.review.verdict.is_reviewed() || !item.review.comment.trim().is_empty()
}

/// The items the 审查意见 lists, with their depth: every top-level item, and
/// sub-items only when reviewed or commented (the rest is detail a reader
/// of the opinion does not need).
pub(super) fn listed_items(a: &Assessment) -> Vec<(&ItemAssessment, usize)> {
    a.items
        .iter()
        .map(|item| (item, depth(a, item)))
        .filter(|(item, depth)| *depth == 0 || has_review(item))
        .collect()
}

/// A passage quoted for an item.
pub(super) struct Quote {
    /// The passage, shortened to [`QUOTE_CHARS`].
    pub text: String,
    /// True when the reviewer linked or confirmed it.
    pub by_reviewer: bool,
}

/// Up to `max` quotes standing for an item, each cut to `max_chars`: the
/// reviewer's linked and confirmed passages first, then the best automatic
/// evidence the reviewer did not reject.
pub(super) fn item_quotes(item: &ItemAssessment, max: usize, max_chars: usize) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut seen: Vec<CharRange> = Vec::new();
    for linked in &item.review.linked {
        seen.push(linked.anchor.range);
        quotes.push(Quote {
            text: shorten_to(&linked.anchor.quote, max_chars),
            by_reviewer: true,
        });
    }
    for ev in &item.auto.evidence {
        if item.review.accepted.contains(&ev.range) && !seen.contains(&ev.range) {
            seen.push(ev.range);
            quotes.push(Quote {
                text: shorten_to(&ev.quote, max_chars),
                by_reviewer: true,
            });
        }
    }
    for ev in &item.auto.evidence {
        if !item.review.rejected.contains(&ev.range) && !seen.contains(&ev.range) {
            seen.push(ev.range);
            quotes.push(Quote {
                text: shorten_to(&ev.quote, max_chars),
                by_reviewer: false,
            });
        }
    }
    quotes.retain(|q| !q.text.is_empty());
    quotes.truncate(max);
    quotes
}

/// Number of passages supporting an item: automatic evidence the reviewer
/// did not reject, plus passages linked by hand.
pub(super) fn evidence_count(item: &ItemAssessment) -> usize {
    let auto = item
        .auto
        .evidence
        .iter()
        .filter(|e| !item.review.rejected.contains(&e.range))
        .count();
    auto + item.review.linked.len()
}

/// `text` on one line, cut to [`QUOTE_CHARS`] characters with an ellipsis.
pub(super) fn shorten(text: &str) -> String {
    shorten_to(text, QUOTE_CHARS)
}

/// `text` on one line, cut to `max_chars` characters with an ellipsis.
pub(super) fn shorten_to(text: &str, max_chars: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max_chars).collect();
    cut.push('…');
    cut
}

/// Names of the frameworks the assessment used: the built-in framework's
/// full name (《…》) when known, else the id as stored.
pub(super) fn framework_names(a: &Assessment) -> Vec<String> {
    let builtin = crate::framework::builtin();
    a.frameworks
        .iter()
        .map(|id| {
            builtin
                .iter()
                .find(|f| &f.id == id)
                .map_or_else(|| id.clone(), |f| f.name.clone())
        })
        .collect()
}

/// "张三：" before the note of a Word comment imported from the report
/// (its author), empty for the reviewer's own annotations.
pub(super) fn note_author(n: &Annotation) -> String {
    match &n.imported {
        Some(i) if !i.author.trim().is_empty() => format!("{}：", i.author.trim()),
        _ => String::new(),
    }
}

/// Annotations in reading order, by where they were anchored; those that
/// need the reviewer's attention (their passage was not found again) last,
/// since their stored place is no longer reliable.
pub(super) fn annotations_in_order(a: &Assessment) -> Vec<&Annotation> {
    let mut notes: Vec<&Annotation> = a.annotations.iter().collect();
    notes.sort_by_key(|n| {
        (
            n.needs_attention,
            n.anchor.range.start,
            n.anchor.range.end,
            n.id,
        )
    });
    notes
}

/// Counts of each verdict over all items, in [`crate::assessment::Verdict::all`] order.
pub(super) fn verdict_counts(a: &Assessment) -> Vec<(crate::assessment::Verdict, usize)> {
    crate::assessment::Verdict::all()
        .into_iter()
        .map(|v| (v, a.items.iter().filter(|i| i.review.verdict == v).count()))
        .collect()
}

/// An annotation with its number and, when found, its place in the text.
pub(super) struct Numbered<'a> {
    /// 1, 2, … in reading order.
    pub number: usize,
    /// The annotation.
    pub annotation: &'a Annotation,
    /// Where it is in the report, when found.
    pub range: Option<CharRange>,
}

/// A confirmed or linked evidence passage in the text and the items it supports.
pub(super) struct EvidenceMark {
    /// Where it is in the report.
    pub range: CharRange,
    /// `(id, title)` of each item.
    pub items: Vec<(String, String)>,
}

/// Where `anchor`'s passage is in `doc`: at its range when the quote is
/// still there, else found again by quote and context.
pub(super) fn locate(doc: &Document, anchor: &Anchor) -> Option<CharRange> {
    if anchor.quote.is_empty() {
        return None;
    }
    if anchor.range.end <= doc.char_len() && doc.slice(anchor.range) == anchor.quote {
        return Some(anchor.range);
    }
    match reanchor(anchor, &doc.text) {
        Reanchor::Exact(range) | Reanchor::Moved(range, _) => Some(range),
        Reanchor::Lost => None,
    }
}

/// Where a passage known by range and quote is: at its range when it still
/// reads so, else at the first verbatim copy of the quote.
pub(super) fn locate_quote(doc: &Document, range: CharRange, quote: &str) -> Option<CharRange> {
    if range.end <= doc.char_len() && doc.slice(range) == quote {
        return Some(range);
    }
    let byte = doc.text.find(quote)?;
    let start = doc.index.char_of(&doc.text, byte);
    Some(CharRange::new(start, start + quote.chars().count()))
}

/// Annotations numbered in reading order (where they are found in `doc`);
/// those not found come last, in the order of [`annotations_in_order`].
pub(super) fn number_annotations<'a>(
    a: &'a Assessment,
    doc: Option<&Document>,
) -> Vec<Numbered<'a>> {
    let mut placed: Vec<(Option<CharRange>, &Annotation)> = annotations_in_order(a)
        .into_iter()
        .map(|n| (doc.and_then(|d| locate(d, &n.anchor)), n))
        .collect();
    // A stable sort keeps the common order among the annotations not found.
    placed.sort_by_key(|(range, n)| match range {
        Some(r) => (0, r.start, r.end, n.id),
        None => (1, 0, 0, 0),
    });
    placed
        .into_iter()
        .enumerate()
        .map(|(i, (range, annotation))| Numbered {
            number: i + 1,
            annotation,
            range,
        })
        .collect()
}

/// Passages the reviewer linked or confirmed, merged when several items
/// point at the same place.
pub(super) fn evidence_marks(a: &Assessment, doc: &Document) -> Vec<EvidenceMark> {
    let same_text = sha256_hex(doc.text.as_bytes()) == a.report.sha256;
    let mut marks: Vec<EvidenceMark> = Vec::new();
    let mut add = |range: CharRange, id: &str, title: &str| {
        if range.is_empty() {
            return;
        }
        let entry = (id.to_string(), title.to_string());
        match marks.iter_mut().find(|m| m.range == range) {
            Some(m) if !m.items.contains(&entry) => m.items.push(entry),
            Some(_) => {}
            None => marks.push(EvidenceMark {
                range,
                items: vec![entry],
            }),
        }
    };
    for item in &a.items {
        for linked in &item.review.linked {
            if let Some(range) = locate(doc, &linked.anchor) {
                add(range, &item.id, &item.title);
            }
        }
        for accepted in &item.review.accepted {
            let quote = item
                .auto
                .evidence
                .iter()
                .find(|e| e.range == *accepted)
                .map(|e| e.quote.as_str());
            let range = match quote {
                Some(q) if !q.is_empty() => locate_quote(doc, *accepted, q),
                // Without a quote a bare range is only trusted in the very text it was made on.
                _ => (same_text && accepted.end <= doc.char_len()).then_some(*accepted),
            };
            if let Some(range) = range {
                add(range, &item.id, &item.title);
            }
        }
    }
    marks.sort_by_key(|m| (m.range.start, m.range.end));
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Evidence;
    use crate::assessment::{Anchor, ItemAssessment, LinkedEvidence, Verdict};

    fn ev(start: usize, quote: &str) -> Evidence {
        Evidence {
            range: CharRange::new(start, start + quote.chars().count()),
            quote: quote.into(),
            score: 1.0,
            matched: Vec::new(),
            strength: crate::analysis::Strength::Unrated,
        }
    }

    #[test]
    fn scores_are_written_like_people_write_them() {
        assert_eq!(fmt_score(Some(90.0), "—"), "90");
        assert_eq!(fmt_score(Some(85.54), "—"), "85.5");
        assert_eq!(fmt_score(Some(f32::NAN), "—"), "—");
        assert_eq!(fmt_score(None, "—"), "—");
        assert_eq!(fmt_year(Some(2020), "年", "—"), "2020年");
    }

    #[test]
    fn quotes_put_the_reviewers_passages_first_and_drop_rejected_ones() {
        let mut item = ItemAssessment::default();
        item.auto.evidence = vec![ev(0, "被否定的段落"), ev(10, "自动找到"), ev(20, "已确认")];
        item.review.rejected = vec![item.auto.evidence[0].range];
        item.review.accepted = vec![item.auto.evidence[2].range];
        item.review.linked = vec![LinkedEvidence {
            anchor: Anchor {
                range: CharRange::new(40, 44),
                quote: "手工关联".into(),
                ..Anchor::default()
            },
            note: String::new(),
            unknown: Default::default(),
        }];
        let quotes = item_quotes(&item, 5, QUOTE_CHARS);
        let texts: Vec<&str> = quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["手工关联", "已确认", "自动找到"]);
        assert_eq!(
            quotes.iter().map(|q| q.by_reviewer).collect::<Vec<_>>(),
            [true, true, false]
        );
        assert_eq!(item_quotes(&item, 1, QUOTE_CHARS).len(), 1);
        assert_eq!(item_quotes(&item, 1, 2)[0].text, "手工…");
        assert_eq!(evidence_count(&item), 3);
    }

    #[test]
    fn long_quotes_are_cut_on_one_line() {
        let long = "依法行政\n".repeat(40);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), QUOTE_CHARS + 1);
        assert!(short.ends_with('…'));
        assert!(!short.contains('\n'));
    }

    #[test]
    fn sub_items_are_listed_only_with_the_reviewers_work() {
        let mut a = Assessment::default();
        let item = |id: &str, parent: Option<&str>| ItemAssessment {
            id: id.into(),
            parent: parent.map(Into::into),
            ..ItemAssessment::default()
        };
        a.items = vec![
            item("G1", None),
            item("G1-1", Some("G1")),
            item("G1-2", Some("G1")),
            item("G1-2-1", Some("G1-2")),
            item("G2", None),
        ];
        a.items[2].review.comment = "需补充".into();
        a.items[3].review.verdict = Verdict::NotMet;
        let listed: Vec<(&str, usize)> = listed_items(&a)
            .into_iter()
            .map(|(i, d)| (i.id.as_str(), d))
            .collect();
        assert_eq!(listed, [("G1", 0), ("G1-2", 1), ("G1-2-1", 2), ("G2", 0)]);
    }
}
