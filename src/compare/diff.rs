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

/// Sentences at least this similar (bigram Dice) are one sentence edited;
/// below, one was dropped and another written.
pub const SAME_SENTENCE: f64 = 0.5;

/// How a sentence of one year relates to the other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// The same sentence in both years.
    Same,
    /// One sentence, edited.
    Changed,
    /// Only in the older passage.
    Removed,
    /// Only in the newer passage.
    Added,
}

/// One row of the side-by-side view: a sentence of the older passage and
/// its counterpart in the newer one; `ops` is the character diff of a
/// changed pair (equal + deleted runs make the older sentence, equal +
/// inserted the newer one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceRow {
    /// Same, changed, removed or added.
    pub kind: RowKind,
    /// The older sentence.
    pub old: Option<String>,
    /// The newer sentence.
    pub new: Option<String>,
    /// Character diff of a changed pair; empty otherwise.
    pub ops: Vec<DiffOp>,
}

/// Sentences of a passage, each with its closing punctuation.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c == '\n' {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
            continue;
        }
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The two passages aligned by sentence, side by side: the alignment that
/// pairs the most similar sentences in order (a longest common subsequence
/// weighted by bigram similarity); unpaired sentences are removed or added,
/// a pair not identical is changed, with its character diff.
pub fn sentence_diff(a: &str, b: &str) -> Vec<SentenceRow> {
    let (sa, sb) = (sentences(a), sentences(b));
    let ka: Vec<Vec<u64>> = sa.iter().map(|s| super::ngram::name_bigrams(s)).collect();
    let kb: Vec<Vec<u64>> = sb.iter().map(|s| super::ngram::name_bigrams(s)).collect();
    let (n, m) = (sa.len(), sb.len());
    let sim = |i: usize, j: usize| -> f64 {
        if sa[i] == sb[j] {
            1.0
        } else {
            super::ngram::dice(&ka[i], &kb[j])
        }
    };
    // best[i][j]: best total similarity of sa[i..] with sb[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = sim(i, j);
            let take = if s >= SAME_SENTENCE {
                s + best[i + 1][j + 1]
            } else {
                f64::MIN
            };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m {
            let s = sim(i, j);
            if s >= SAME_SENTENCE && (best[i][j] - (s + best[i + 1][j + 1])).abs() < 1e-9 {
                let same = sa[i] == sb[j];
                rows.push(SentenceRow {
                    kind: if same {
                        RowKind::Same
                    } else {
                        RowKind::Changed
                    },
                    old: Some(sa[i].clone()),
                    new: Some(sb[j].clone()),
                    ops: if same {
                        Vec::new()
                    } else {
                        char_diff(&sa[i], &sb[j])
                    },
                });
                i += 1;
                j += 1;
                continue;
            }
            if (best[i][j] - best[i + 1][j]).abs() < 1e-9 {
                rows.push(removed(&sa[i]));
                i += 1;
            } else {
                rows.push(added(&sb[j]));
                j += 1;
            }
        } else if i < n {
            rows.push(removed(&sa[i]));
            i += 1;
        } else {
            rows.push(added(&sb[j]));
            j += 1;
        }
    }
    rows
}

fn removed(s: &str) -> SentenceRow {
    SentenceRow {
        kind: RowKind::Removed,
        old: Some(s.to_string()),
        new: None,
        ops: Vec::new(),
    }
}

fn added(s: &str) -> SentenceRow {
    SentenceRow {
        kind: RowKind::Added,
        old: None,
        new: Some(s.to_string()),
        ops: Vec::new(),
    }
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
    fn passages_align_by_sentence_side_by_side() {
        let a = "深化放管服改革。强化律师专业把关，提高决策科学民主性。法治宣传不够深入。";
        let b =
            "深化放管服改革。新建公共法律服务站12个。强化法律顾问专业把关，提高决策科学民主性。";
        let rows = sentence_diff(a, b);
        let kinds: Vec<RowKind> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RowKind::Same,
                RowKind::Added,
                RowKind::Changed,
                RowKind::Removed
            ],
            "{rows:#?}"
        );
        assert_eq!(
            rows[2].old.as_deref(),
            Some("强化律师专业把关，提高决策科学民主性。")
        );
        assert_eq!(
            rebuild(&rows[2].ops, DiffKind::Delete),
            "强化法律顾问专业把关，提高决策科学民主性。"
        );
        assert_eq!(rows[3].old.as_deref(), Some("法治宣传不够深入。"));
        assert!(sentence_diff("", "").is_empty());
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
