//! How the workbench reads an item's review: which automatic evidence the
//! reviewer judged, the passages N/P step through, the checklist filters.
//! Merging an analysis into an assessment is the library's
//! ([`crate::assessment::Assessment::merge_analysis`]).

use std::collections::HashSet;

use crate::analysis::Analysis;
use crate::assessment::ItemAssessment;
use crate::text::CharRange;

/// Ids of the items the analysis gave a result for.
pub fn analysed_ids(analysis: &Analysis) -> HashSet<String> {
    analysis.items.iter().map(|r| r.id.clone()).collect()
}

/// How the reviewer judged one automatic evidence passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceMark {
    /// Not judged.
    Open,
    /// Confirmed.
    Accepted,
    /// Rejected: not evidence for the item.
    Rejected,
}

/// How the reviewer judged the evidence at `range` of `item`.
pub fn evidence_mark(item: &ItemAssessment, range: CharRange) -> EvidenceMark {
    if item.review.rejected.contains(&range) {
        EvidenceMark::Rejected
    } else if item.review.accepted.contains(&range) {
        EvidenceMark::Accepted
    } else {
        EvidenceMark::Open
    }
}

/// The evidence rows of an item as the checklist lists them: the automatic
/// evidence in rank order (strongest first, rejected ones included, so the
/// numbers match the list), then the reviewer's own links. `bool` is true
/// for a passage the reviewer rejected. N/P walk these rows in this order,
/// skipping rejected ones; the counter "证据 3 / 8" counts them.
pub fn evidence_rows(item: &ItemAssessment) -> Vec<(CharRange, bool)> {
    let mut out: Vec<(CharRange, bool)> = item
        .auto
        .evidence
        .iter()
        .map(|e| (e.range, item.review.rejected.contains(&e.range)))
        .collect();
    for l in &item.review.linked {
        if !out.iter().any(|(r, _)| *r == l.anchor.range) {
            out.push((l.anchor.range, false));
        }
    }
    out
}

/// The row after (or before) `current` that N (or P) moves to, wrapping
/// around and skipping rejected rows; `None` when every row is rejected.
pub fn step_row(
    rows: &[(CharRange, bool)],
    current: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let n = rows.len();
    if n == 0 {
        return None;
    }
    let start = match (current, forward) {
        (None, true) => n - 1,
        (None, false) => 0,
        (Some(c), _) => c.min(n - 1),
    };
    (1..=n)
        .map(|k| {
            if forward {
                (start + k) % n
            } else {
                (start + n - k % n) % n
            }
        })
        .find(|&i| !rows[i].1)
}

/// The passages highlighted for an item, in text order: automatic
/// evidence not rejected, then the reviewer's own links.
pub fn evidence_ranges(item: &ItemAssessment) -> Vec<CharRange> {
    let mut out: Vec<CharRange> = item
        .auto
        .evidence
        .iter()
        .map(|e| e.range)
        .filter(|r| !item.review.rejected.contains(r))
        .chain(item.review.linked.iter().map(|l| l.anchor.range))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The reviewer's work in an assessment, in a few words: "12 项已有结论（3
/// 项有意见）、4 条批注" — what the recovery dialog says it would restore.
pub fn work_summary(a: &crate::assessment::Assessment, lang: crate::i18n::Lang) -> String {
    let (reviewed, total) = a.progress();
    let commented = a
        .items
        .iter()
        .filter(|i| !i.review.comment.trim().is_empty())
        .count();
    let notes = a.annotations.len();
    let mut out = match lang {
        crate::i18n::Lang::Zh => {
            format!("{reviewed} / {total} 项已有结论（{commented} 项有意见）、{notes} 条批注")
        }
        crate::i18n::Lang::En => format!(
            "verdicts on {reviewed} of {total} items ({commented} with comments), {notes} annotations"
        ),
    };
    if !a.conclusion.trim().is_empty() {
        out.push_str(lang.pick("、总体意见", ", the overall conclusion"));
    }
    out
}

/// Checklist filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Filter {
    /// Every item.
    #[default]
    All,
    /// Items still 未审.
    Unreviewed,
    /// Items the analysis found nothing for.
    Missing,
    /// Items with a comment.
    Commented,
}

impl Filter {
    /// Every filter, in button order.
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Unreviewed,
        Filter::Missing,
        Filter::Commented,
    ];

    /// True when `item` passes the filter.
    pub fn accepts(self, item: &ItemAssessment, analysed: &HashSet<String>) -> bool {
        match self {
            Filter::All => true,
            // A verdict carried over from last year still needs a look.
            Filter::Unreviewed => !item.review.verdict.is_reviewed() || item.review.carried,
            Filter::Missing => {
                analysed.contains(&item.id)
                    && item.auto.status == crate::analysis::AutoStatus::Missing
            }
            Filter::Commented => !item.review.comment.trim().is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Evidence;

    #[test]
    fn evidence_order_skips_rejected_and_adds_links() {
        let mut item = ItemAssessment::default();
        for (s, e) in [(30, 35), (5, 9)] {
            item.auto.evidence.push(Evidence {
                range: CharRange::new(s, e),
                quote: String::new(),
                score: 1.0,
                matched: vec![],
                strength: crate::analysis::Strength::Unrated,
            });
        }
        item.review.rejected.push(CharRange::new(30, 35));
        item.review.linked.push(crate::assessment::LinkedEvidence {
            anchor: crate::assessment::Anchor {
                range: CharRange::new(12, 14),
                ..Default::default()
            },
            note: String::new(),
            unknown: Default::default(),
        });
        assert_eq!(
            evidence_ranges(&item),
            [CharRange::new(5, 9), CharRange::new(12, 14)]
        );
        assert_eq!(
            evidence_mark(&item, CharRange::new(30, 35)),
            EvidenceMark::Rejected
        );
        // The rows keep the rank order of the list, rejected included.
        assert_eq!(
            evidence_rows(&item),
            [
                (CharRange::new(30, 35), true),
                (CharRange::new(5, 9), false),
                (CharRange::new(12, 14), false)
            ]
        );
    }

    #[test]
    fn stepping_rows_follows_rank_order_and_skips_rejected() {
        let r = |s| CharRange::new(s, s + 1);
        let rows = [(r(50), false), (r(10), true), (r(30), false), (r(5), false)];
        assert_eq!(step_row(&rows, None, true), Some(0));
        assert_eq!(
            step_row(&rows, Some(0), true),
            Some(2),
            "skips the rejected #2"
        );
        assert_eq!(step_row(&rows, Some(2), true), Some(3));
        assert_eq!(step_row(&rows, Some(3), true), Some(0), "wraps");
        assert_eq!(step_row(&rows, None, false), Some(3));
        assert_eq!(step_row(&rows, Some(2), false), Some(0));
        assert_eq!(step_row(&[(r(1), true)], None, true), None);
    }
}
