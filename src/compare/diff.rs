//! Character-level diff of two aligned passages (a section of each year),
//! shown on demand. Uses `similar`'s Myers diff over characters with a
//! deadline: past it the diff is approximate but still correct as an edit
//! script, so a huge section never freezes the UI.

use std::time::Duration;

use serde::Serialize;
use similar::{DiffTag, TextDiff};

use crate::text::CharRange;

/// Time allowed before `similar` falls back to an approximate diff.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

/// What a diff operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// Text in both.
    Equal,
    /// Text only in the older passage.
    Delete,
    /// Text only in the newer passage.
    Insert,
}

/// One run of the diff. Ranges are character offsets into the two passages
/// given to [`char_diff`]; `old` is empty for an insertion, `new` for a
/// deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// Equal, deleted or inserted.
    pub kind: DiffKind,
    /// Where it is in the older passage.
    pub old: CharRange,
    /// Where it is in the newer passage.
    pub new: CharRange,
    /// The text (from the older passage for equal and deleted runs).
    pub text: String,
}

/// The character diff of `a` (older) and `b` (newer): equal, deleted and
/// inserted runs in order. A replacement is a deletion followed by an
/// insertion.
pub fn char_diff(a: &str, b: &str) -> Vec<DiffOp> {
    let diff = TextDiff::configure().timeout(DIFF_TIMEOUT).diff_chars(a, b);
    let a_chars: Vec<char> = a.chars().collect();
    let b_chars: Vec<char> = b.chars().collect();
    let text = |chars: &[char], r: &std::ops::Range<usize>| -> String {
        chars
            .get(r.clone())
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        let old = CharRange::new(o.start, o.end);
        let new = CharRange::new(n.start, n.end);
        match tag {
            DiffTag::Equal => out.push(DiffOp {
                kind: DiffKind::Equal,
                old,
                new,
                text: text(&a_chars, &o),
            }),
            DiffTag::Delete => out.push(DiffOp {
                kind: DiffKind::Delete,
                old,
                new: CharRange::new(n.start, n.start),
                text: text(&a_chars, &o),
            }),
            DiffTag::Insert => out.push(DiffOp {
                kind: DiffKind::Insert,
                old: CharRange::new(o.start, o.start),
                new,
                text: text(&b_chars, &n),
            }),
            DiffTag::Replace => {
                out.push(DiffOp {
                    kind: DiffKind::Delete,
                    old,
                    new: CharRange::new(n.start, n.start),
                    text: text(&a_chars, &o),
                });
                out.push(DiffOp {
                    kind: DiffKind::Insert,
                    old: CharRange::new(o.end, o.end),
                    new,
                    text: text(&b_chars, &n),
                });
            }
        }
    }
    out
}

/// Similarity of two passages from their diff: twice the equal characters
/// over both lengths (1.0 identical, 0.0 nothing in common).
pub fn diff_ratio(ops: &[DiffOp]) -> f64 {
    let equal: usize = ops
        .iter()
        .filter(|o| o.kind == DiffKind::Equal)
        .map(|o| o.old.len())
        .sum();
    let old: usize = ops.iter().map(|o| o.old.len()).sum();
    let new: usize = ops.iter().map(|o| o.new.len()).sum();
    if old + new == 0 {
        return 1.0;
    }
    2.0 * equal as f64 / (old + new) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(ops: &[DiffOp], kind_skipped: DiffKind) -> String {
        ops.iter()
            .filter(|o| o.kind != kind_skipped)
            .map(|o| o.text.as_str())
            .collect()
    }

    #[test]
    fn a_changed_word_is_a_deletion_and_an_insertion() {
        let a = "强化律师专业把关，提高决策科学民主性。";
        let b = "强化法律顾问专业把关，提高决策科学民主性。";
        let ops = char_diff(a, b);
        // Old text = equal + deleted runs; new text = equal + inserted runs.
        assert_eq!(rebuild(&ops, DiffKind::Insert), a);
        assert_eq!(rebuild(&ops, DiffKind::Delete), b);
        let inserted: String = ops
            .iter()
            .filter(|o| o.kind == DiffKind::Insert)
            .map(|o| o.text.as_str())
            .collect();
        assert!(
            inserted.contains("法") && inserted.contains("顾问"),
            "{ops:?}"
        );
        // Offsets are characters: the first run is "强化" (2 characters).
        assert_eq!(ops[0].kind, DiffKind::Equal);
        assert_eq!(ops[0].old, CharRange::new(0, 2));
        let r = diff_ratio(&ops);
        assert!(r > 0.85 && r < 1.0, "{r}");
    }

    #[test]
    fn identical_and_empty_passages() {
        let ops = char_diff("法治政府", "法治政府");
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].kind, DiffKind::Equal);
        assert!((diff_ratio(&ops) - 1.0).abs() < 1e-9);
        assert!(char_diff("", "").is_empty());
        let ins = char_diff("", "新增");
        assert_eq!(ins.len(), 1);
        assert_eq!(ins[0].kind, DiffKind::Insert);
        assert_eq!(ins[0].new, CharRange::new(0, 2));
        assert_eq!(diff_ratio(&ins), 0.0);
    }
}
