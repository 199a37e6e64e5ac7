//! Re-anchoring: finding a reviewer's annotated or linked passages again
//! after the report text changed (a corrected version of the report was
//! loaded, or extraction improved).
//!
//! Order of trust: the quote still at its old place ([`Reanchor::Exact`]);
//! the quote verbatim elsewhere, the copy with the most similar context and
//! nearest the old place winning; a window whose similarity to the quote plus
//! context is at least [`MIN_SIMILARITY`] ([`Reanchor::Moved`]). Anything
//! less is [`Reanchor::Lost`]: a passage that cannot be found is flagged for
//! the reviewer, never moved to a wrong place.
//!
//! Cost: one O(n) pass to index the text, then per anchor a bounded number of
//! candidate windows found through the quote's rarest character bigrams,
//! each compared in O(m²) — never a comparison at every offset.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::{ANCHOR_CONTEXT_CHARS, Anchor, Assessment};
use crate::text::{CharIndex, CharRange};

/// Least similarity of a window (quote and context together) to count as
/// the same passage.
pub const MIN_SIMILARITY: f32 = 0.8;

/// Least similarity of the quote alone: good context around a rewritten
/// quote is not the same passage.
const MIN_QUOTE_SIMILARITY: f32 = 0.7;

/// A quote shorter than this (a heading, a short sentence) is easily
/// confused with its neighbours ("五、全面推行政务公开" and what is left of it
/// after a deletion, "五、全领域的政务公开"): it must match more closely.
const SHORT_QUOTE: usize = 20;

/// Least quote similarity for a short quote.
const MIN_SHORT_QUOTE_SIMILARITY: f32 = 0.85;

fn min_quote_similarity(m: usize) -> f32 {
    if m < SHORT_QUOTE {
        MIN_SHORT_QUOTE_SIMILARITY
    } else {
        MIN_QUOTE_SIMILARITY
    }
}

/// Context counts for at most this many characters in the combined
/// similarity, so a long quote is judged mostly by itself.
const CONTEXT_WEIGHT: usize = 20;

/// An exact copy this good ends the search without fuzzy matching.
const GOOD_ENOUGH: f32 = 0.95;

/// Rarest quote bigrams used to seed the fuzzy search.
const MAX_SEEDS: usize = 8;

/// Bigrams more frequent than this are too common to seed anything.
const MAX_SEED_OCCURRENCES: usize = 2_000;

/// Fuzzy candidate windows compared per anchor, at most.
const MAX_CANDIDATES: usize = 32;

/// Budget of alignment cells per anchor, bounding the fuzzy search for very
/// long quotes.
const CELL_BUDGET: usize = 16_000_000;

/// A quote this long (characters) found verbatim is not searched for
/// fuzzily elsewhere.
const DISTINCTIVE: usize = 6;

/// Verbatim copies of the quote considered, at most.
const MAX_EXACT_OCCURRENCES: usize = 10_000;

/// Where an anchor's passage is in the new text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reanchor {
    /// The quote is still at the old range.
    Exact(CharRange),
    /// Found elsewhere, or slightly edited, with a confidence in 0..=1: the
    /// window's similarity (at least [`MIN_SIMILARITY`]), lowered by a tenth
    /// when another place was as good and the nearer one was chosen.
    Moved(CharRange, f32),
    /// Not found well enough: leave it to the reviewer.
    Lost,
}

/// A hand-linked passage that could not be found again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostLink {
    /// Id of the item the passage is linked to.
    pub item: String,
    /// Index in the item's `review.linked`.
    pub index: usize,
}

/// What [`reanchor_assessment`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReanchorReport {
    /// Annotations and linked passages still in place.
    pub exact: usize,
    /// Annotations and linked passages moved (or matched after small edits).
    pub moved: usize,
    /// Annotations and linked passages not found.
    pub lost: usize,
    /// Ids of the annotations not found (now marked `needs_attention`).
    pub lost_annotations: Vec<u64>,
    /// Linked passages not found (left unchanged).
    pub lost_links: Vec<LostLink>,
    /// Automatic evidence passages that moved.
    pub evidence_moved: usize,
    /// Automatic evidence passages not found (left unchanged until the
    /// analysis is run again).
    pub evidence_lost: usize,
}

/// Finds `anchor`'s passage in `text`.
pub fn reanchor(anchor: &Anchor, text: &str) -> Reanchor {
    Haystack::new(text).find(anchor)
}

/// Finds each of `anchors` in `text` (indexed once for all): a fresh anchor
/// (range, quote and context from `text`) for each found, `None` for each
/// lost.
pub fn find_all(anchors: &[Anchor], text: &str) -> Vec<Option<Anchor>> {
    let hay = Haystack::new(text);
    anchors
        .iter()
        .map(|anchor| match hay.find(anchor) {
            Reanchor::Exact(range) | Reanchor::Moved(range, _) => Some(hay.anchor(range)),
            Reanchor::Lost => None,
        })
        .collect()
}

/// Re-anchors every annotation and linked passage of `a` in the new report
/// `text` (whose SHA-256 is `new_sha`), and records the new hash and length.
///
/// Found anchors get their range, quote and context refreshed from the new
/// text. Lost annotations keep their old anchor and get `needs_attention`;
/// lost links keep their old anchor and are listed in the report. Automatic
/// evidence is re-anchored by its quote, and the reviewer's accepted and
/// rejected ranges follow their evidence. Indicators are left to the
/// analysis to recompute. `a.modified` is not touched: the caller decides
/// whether this counts as an edit.
pub fn reanchor_assessment(a: &mut Assessment, text: &str, new_sha: &str) -> ReanchorReport {
    let hay = Haystack::new(text);
    let mut report = ReanchorReport::default();
    for annotation in &mut a.annotations {
        match hay.find(&annotation.anchor) {
            Reanchor::Exact(range) => {
                report.exact += 1;
                annotation.anchor = hay.anchor(range);
            }
            Reanchor::Moved(range, _) => {
                report.moved += 1;
                annotation.anchor = hay.anchor(range);
            }
            Reanchor::Lost => {
                report.lost += 1;
                annotation.needs_attention = true;
                report.lost_annotations.push(annotation.id);
            }
        }
    }
    for item in &mut a.items {
        for (index, link) in item.review.linked.iter_mut().enumerate() {
            match hay.find(&link.anchor) {
                Reanchor::Exact(range) => {
                    report.exact += 1;
                    link.anchor = hay.anchor(range);
                }
                Reanchor::Moved(range, _) => {
                    report.moved += 1;
                    link.anchor = hay.anchor(range);
                }
                Reanchor::Lost => {
                    report.lost += 1;
                    report.lost_links.push(LostLink {
                        item: item.id.clone(),
                        index,
                    });
                }
            }
        }
        let mut moved: HashMap<CharRange, CharRange> = HashMap::new();
        for evidence in &mut item.auto.evidence {
            let anchor = Anchor {
                range: evidence.range,
                quote: evidence.quote.clone(),
                ..Anchor::default()
            };
            match hay.find(&anchor) {
                Reanchor::Exact(_) => {}
                Reanchor::Moved(range, _) => {
                    report.evidence_moved += 1;
                    moved.insert(evidence.range, range);
                    evidence.range = range;
                    evidence.quote = hay.slice(range);
                }
                Reanchor::Lost => report.evidence_lost += 1,
            }
        }
        for range in item
            .review
            .accepted
            .iter_mut()
            .chain(item.review.rejected.iter_mut())
        {
            if let Some(new) = moved.get(range) {
                *range = *new;
            }
        }
    }
    a.report.sha256 = new_sha.to_string();
    a.report.chars = hay.chars.len();
    report
}

/// The new text, indexed for repeated searches.
struct Haystack<'a> {
    text: &'a str,
    chars: Vec<char>,
    index: CharIndex,
    /// Positions of every character bigram, built on the first fuzzy search.
    bigrams: OnceCell<HashMap<(char, char), Vec<usize>>>,
}

/// A window that might be the passage.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    range: CharRange,
    score: f32,
    distance: usize,
}

impl Candidate {
    /// True when `self` is a better choice than `other`: more similar, then nearer.
    fn beats(&self, other: &Candidate) -> bool {
        self.score > other.score || (self.score == other.score && self.distance < other.distance)
    }
}

impl<'a> Haystack<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            chars: text.chars().collect(),
            index: CharIndex::new(text),
            bigrams: OnceCell::new(),
        }
    }

    fn slice(&self, range: CharRange) -> String {
        self.chars
            .get(range.start..range.end)
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// A fresh anchor for `range` of this text.
    fn anchor(&self, range: CharRange) -> Anchor {
        let len = self.chars.len();
        let start = range.start.min(len);
        let end = range.end.clamp(start, len);
        let collect = |a: usize, b: usize| self.chars[a..b].iter().collect::<String>();
        Anchor {
            range: CharRange::new(start, end),
            quote: collect(start, end),
            before: collect(start.saturating_sub(ANCHOR_CONTEXT_CHARS), start),
            after: collect(end, end.saturating_add(ANCHOR_CONTEXT_CHARS).min(len)),
        }
    }

    fn find(&self, anchor: &Anchor) -> Reanchor {
        let quote: Vec<char> = anchor.quote.chars().collect();
        let context = Context::new(anchor);
        let old = anchor.range;
        if quote.is_empty() {
            // Nothing to search for: only an unchanged spot is trustworthy.
            let here = CharRange::new(old.start, old.start);
            let same = old.start <= self.chars.len()
                && self.context_similarity(&context, here) == Some(1.0);
            return if same {
                Reanchor::Exact(here)
            } else {
                Reanchor::Lost
            };
        }
        if self.chars.get(old.start..old.end) == Some(&quote[..]) {
            return Reanchor::Exact(old);
        }
        let mut candidates = self.exact_candidates(&anchor.quote, quote.len(), &context, old);
        let best_exact = best(&candidates).map_or(0.0, |c| c.score);
        // A verbatim copy of a quote long enough to be distinctive is the
        // passage, moved: a rewritten window with better context around it
        // (the neighbours of a moved paragraph close ranks behind it) is
        // another passage that reads alike.
        let distinctive = quote.len() >= DISTINCTIVE && !candidates.is_empty();
        if best_exact < GOOD_ENOUGH && !distinctive {
            candidates.extend(self.fuzzy_candidates(&quote, &context, old));
        }
        let Some(chosen) = best(&candidates) else {
            return Reanchor::Lost;
        };
        if chosen.score < MIN_SIMILARITY {
            return Reanchor::Lost;
        }
        // Two equally good, separate places: the nearer is only a guess.
        let ambiguous = candidates
            .iter()
            .any(|c| !c.range.overlaps(chosen.range) && c.score >= chosen.score - 0.02);
        let confidence = if ambiguous {
            chosen.score * 0.9
        } else {
            chosen.score
        };
        Reanchor::Moved(chosen.range, confidence)
    }

    /// Every verbatim copy of the quote, scored by its context.
    fn exact_candidates(
        &self,
        quote: &str,
        m: usize,
        context: &Context,
        old: CharRange,
    ) -> Vec<Candidate> {
        self.text
            .match_indices(quote)
            .take(MAX_EXACT_OCCURRENCES)
            .map(|(byte, _)| {
                let start = self.index.char_of(self.text, byte);
                self.candidate(CharRange::new(start, start + m), m, 1.0, context, old)
            })
            .collect()
    }

    /// Windows similar to the quote, found around occurrences of its rarest
    /// bigrams and aligned to the best-matching substring.
    fn fuzzy_candidates(
        &self,
        quote: &[char],
        context: &Context,
        old: CharRange,
    ) -> Vec<Candidate> {
        let m = quote.len();
        if m < 2 {
            return Vec::new();
        }
        let bigrams = self.bigrams.get_or_init(|| {
            let mut map: HashMap<(char, char), Vec<usize>> = HashMap::new();
            for (i, w) in self.chars.windows(2).enumerate() {
                map.entry((w[0], w[1])).or_default().push(i);
            }
            map
        });
        // Seeds: the rarest distinct bigrams of the quote that occur at all.
        let mut seeds: Vec<(usize, &Vec<usize>)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (offset, w) in quote.windows(2).enumerate() {
            if let Some(positions) = bigrams.get(&(w[0], w[1]))
                && positions.len() <= MAX_SEED_OCCURRENCES
                && seen.insert((w[0], w[1]))
            {
                seeds.push((offset, positions));
            }
        }
        seeds.sort_by_key(|(_, positions)| positions.len());
        seeds.truncate(MAX_SEEDS);

        // Each occurrence votes for where the quote would start.
        let mut votes: Vec<(usize, usize)> = Vec::new();
        for (seed, (offset, positions)) in seeds.iter().enumerate() {
            votes.extend(positions.iter().map(|&p| (p.saturating_sub(*offset), seed)));
        }
        votes.sort_unstable();
        let slack = (m / 4).max(2);
        let mut clusters: Vec<Cluster> = Vec::new();
        for (start, seed) in votes {
            match clusters.last_mut() {
                Some(c) if start <= c.last + slack => c.add(start, seed),
                _ => clusters.push(Cluster::new(start, seed)),
            }
        }
        clusters.sort_by(|a, b| {
            b.seeds.len().cmp(&a.seeds.len()).then(
                a.first
                    .abs_diff(old.start)
                    .cmp(&b.first.abs_diff(old.start)),
            )
        });
        let per_window = m.saturating_mul(m + 2 * slack).max(1);
        clusters.truncate((CELL_BUDGET / per_window).clamp(1, MAX_CANDIDATES));

        let mut out = Vec::new();
        for cluster in clusters {
            let lo = cluster.first.saturating_sub(slack);
            let hi = cluster.last.saturating_add(m + slack).min(self.chars.len());
            if lo >= hi {
                continue;
            }
            let (start, end, dist) = best_substring(quote, &self.chars[lo..hi]);
            let window = CharRange::new(lo + start, lo + end);
            let quote_similarity = 1.0 - dist as f32 / m.max(window.len()) as f32;
            if quote_similarity >= min_quote_similarity(m) {
                out.push(self.candidate(window, m, quote_similarity, context, old));
            }
        }
        out
    }

    /// Scores a window: quote similarity and the better of the two context
    /// similarities, weighted by length (context by at most [`CONTEXT_WEIGHT`]).
    fn candidate(
        &self,
        range: CharRange,
        m: usize,
        quote_similarity: f32,
        context: &Context,
        old: CharRange,
    ) -> Candidate {
        let (context_similarity, weight) = match self.context_similarity(context, range) {
            Some(s) => (
                s,
                (context.before.len() + context.after.len()).min(CONTEXT_WEIGHT),
            ),
            None => (0.0, 0),
        };
        let score = (m as f32 * quote_similarity + weight as f32 * context_similarity)
            / (m + weight) as f32;
        Candidate {
            range,
            score,
            distance: range.start.abs_diff(old.start),
        }
    }

    /// The better of the before- and after-context similarities at `range`;
    /// `None` when the anchor kept no context. One intact side is enough:
    /// text is usually inserted or deleted on one side of a passage.
    fn context_similarity(&self, context: &Context, range: CharRange) -> Option<f32> {
        let before = (!context.before.is_empty()).then(|| {
            let from = range.start.saturating_sub(context.before.len());
            similarity(
                &context.before,
                self.chars.get(from..range.start).unwrap_or(&[]),
            )
        });
        let after = (!context.after.is_empty()).then(|| {
            let to = range
                .end
                .saturating_add(context.after.len())
                .min(self.chars.len());
            similarity(&context.after, self.chars.get(range.end..to).unwrap_or(&[]))
        });
        match (before, after) {
            (Some(b), Some(a)) => Some(b.max(a)),
            (one, other) => one.or(other),
        }
    }
}

fn best(candidates: &[Candidate]) -> Option<Candidate> {
    candidates
        .iter()
        .copied()
        .reduce(|a, b| if b.beats(&a) { b } else { a })
}

/// An anchor's context as characters.
struct Context {
    before: Vec<char>,
    after: Vec<char>,
}

impl Context {
    fn new(anchor: &Anchor) -> Self {
        Self {
            before: anchor.before.chars().collect(),
            after: anchor.after.chars().collect(),
        }
    }
}

/// Votes of nearby seed occurrences for one quote start.
struct Cluster {
    first: usize,
    last: usize,
    seeds: Vec<usize>,
}

impl Cluster {
    fn new(start: usize, seed: usize) -> Self {
        Self {
            first: start,
            last: start,
            seeds: vec![seed],
        }
    }

    fn add(&mut self, start: usize, seed: usize) {
        self.last = start;
        if !self.seeds.contains(&seed) {
            self.seeds.push(seed);
        }
    }
}

/// 1 − edit distance / longer length; 1 for two empty strings.
fn similarity(a: &[char], b: &[char]) -> f32 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f32 / longer as f32
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// The substring of `region` closest to `pattern` by edit distance
/// (semi-global alignment): `(start, end, distance)` within `region`.
fn best_substring(pattern: &[char], region: &[char]) -> (usize, usize, usize) {
    // Each cell keeps (cost, start of the region substring it aligns).
    let mut prev: Vec<(usize, usize)> = (0..=region.len()).map(|j| (0, j)).collect();
    let mut cur = prev.clone();
    for (i, p) in pattern.iter().enumerate() {
        cur[0] = (i + 1, 0);
        for (j, r) in region.iter().enumerate() {
            let substitute = (prev[j].0 + usize::from(p != r), prev[j].1);
            let skip_pattern = (prev[j + 1].0 + 1, prev[j + 1].1);
            let skip_region = (cur[j].0 + 1, cur[j].1);
            let mut best = substitute;
            if skip_pattern.0 < best.0 {
                best = skip_pattern;
            }
            if skip_region.0 < best.0 {
                best = skip_region;
            }
            cur[j + 1] = best;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (end, (dist, start)) = prev
        .iter()
        .copied()
        .enumerate()
        .min_by_key(|(_, (cost, _))| *cost)
        .unwrap_or((0, (pattern.len(), 0)));
    (start, end, dist)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::tests::{TestResult, sample};
    use crate::assessment::{Annotation, LinkedEvidence};

    const REPORT: &str = "一、主要举措。（一）深化行政执法体制改革，全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。\
        （二）加强行政复议工作，全年受理行政复议案件13件，审结12件。\
        （三）推进政务公开，依法公开政府信息1200条，办理依申请公开45件。\
        二、存在的不足。一是法治宣传教育针对性不强；二是基层执法力量薄弱。";

    fn range_of(text: &str, needle: &str) -> CharRange {
        let byte = text.find(needle).unwrap_or(usize::MAX);
        let start = text.get(..byte).map_or(usize::MAX, |s| s.chars().count());
        CharRange::new(start, start + needle.chars().count())
    }

    fn anchor_on(needle: &str) -> Anchor {
        Anchor::from_text(REPORT, range_of(REPORT, needle))
    }

    #[test]
    fn unchanged_text_is_exact() {
        let a = anchor_on("全年受理行政复议案件13件");
        assert_eq!(reanchor(&a, REPORT), Reanchor::Exact(a.range));
    }

    #[test]
    fn insertion_before_moves_the_anchor() -> TestResult {
        let a = anchor_on("全年受理行政复议案件13件");
        let new = REPORT.replace(
            "一、主要举措。",
            "一、主要举措。2020年，我区坚持以法治思维推进各项工作。",
        );
        let Reanchor::Moved(range, confidence) = reanchor(&a, &new) else {
            return Err("not moved".into());
        };
        assert_eq!(range, range_of(&new, "全年受理行政复议案件13件"));
        assert!(confidence > 0.99, "{confidence}");
        Ok(())
    }

    #[test]
    fn insertion_right_before_the_quote_is_still_found() -> TestResult {
        let a = anchor_on("全年受理行政复议案件13件");
        let new = REPORT.replace("加强行政复议工作，", "加强行政复议工作，依法化解行政争议，");
        let Reanchor::Moved(range, _) = reanchor(&a, &new) else {
            return Err("not moved".into());
        };
        assert_eq!(range, range_of(&new, "全年受理行政复议案件13件"));
        Ok(())
    }

    #[test]
    fn a_few_edited_characters_are_still_found() -> TestResult {
        let a = anchor_on("全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度");
        let new = REPORT
            .replace("全面推行行政执法公示制度", "全面落实行政执法公示制度")
            .replace("一、主要举措。", "一、2020年主要举措。");
        let Reanchor::Moved(range, confidence) = reanchor(&a, &new) else {
            return Err("not moved".into());
        };
        let expected = range_of(
            &new,
            "全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度",
        );
        assert!(
            range.start.abs_diff(expected.start) <= 1 && range.end.abs_diff(expected.end) <= 1,
            "{range:?}"
        );
        assert!((MIN_SIMILARITY..1.0).contains(&confidence), "{confidence}");
        Ok(())
    }

    #[test]
    fn a_deleted_passage_is_lost_not_moved() {
        let a = anchor_on("办理依申请公开45件");
        let new = REPORT.replace("，办理依申请公开45件", "");
        assert_eq!(reanchor(&a, &new), Reanchor::Lost);
        let b = anchor_on("一是法治宣传教育针对性不强");
        let rewritten = REPORT.replace("一是法治宣传教育针对性不强", "一是普法工作形式较为单一");
        assert_eq!(reanchor(&b, &rewritten), Reanchor::Lost);
    }

    #[test]
    fn a_short_quote_elsewhere_in_another_context_is_lost() {
        // "执法" still occurs, but the annotated sentence is gone.
        let a = anchor_on("二是基层执法力量薄弱");
        let new = REPORT.replace("；二是基层执法力量薄弱", "");
        assert_eq!(reanchor(&a, &new), Reanchor::Lost);
    }

    #[test]
    fn duplicate_quotes_are_resolved_by_context() -> TestResult {
        let text = "市司法局：开展执法检查3次，发现问题12个。区城管局：开展执法检查3次，整改到位。";
        let second = text.rfind("开展执法检查3次").ok_or("second copy")?;
        let start = text[..second].chars().count();
        let a = Anchor::from_text(text, CharRange::new(start, start + 8));
        // The first copy comes nearer to the old place after an insertion, but context decides.
        let new = format!(
            "2020年执法情况如下。{}",
            text.replacen("市司法局：", "市司法局（含下属单位）：", 1)
        );
        let Reanchor::Moved(range, _) = reanchor(&a, &new) else {
            return Err("not moved".into());
        };
        let expected_byte = new.rfind("开展执法检查3次").ok_or("copy")?;
        assert_eq!(range.start, new[..expected_byte].chars().count());
        Ok(())
    }

    #[test]
    fn identical_copies_prefer_the_nearest_with_lower_confidence() -> TestResult {
        let unit = "开展执法检查，整改到位。";
        let text = unit.repeat(4);
        let a = Anchor::from_text(&text, CharRange::new(24, 30));
        let new = format!("序{text}");
        let Reanchor::Moved(range, confidence) = reanchor(&a, &new) else {
            return Err("not moved".into());
        };
        assert_eq!(range, CharRange::new(25, 31));
        assert!(confidence < 0.95, "{confidence}");
        Ok(())
    }

    #[test]
    fn empty_quote_and_shrunk_text() {
        let empty = Anchor::from_text(REPORT, CharRange::new(5, 5));
        assert_eq!(
            reanchor(&empty, REPORT),
            Reanchor::Exact(CharRange::new(5, 5))
        );
        assert_eq!(reanchor(&empty, "完全不同的文本"), Reanchor::Lost);
        let a = anchor_on("审结12件");
        assert_eq!(reanchor(&a, "短"), Reanchor::Lost);
        assert_eq!(reanchor(&a, ""), Reanchor::Lost);
    }

    #[test]
    fn helpers_measure_what_they_say() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("政务公开"), &c("政府公开")), 1);
        assert_eq!(levenshtein(&c(""), &c("abc")), 3);
        assert_eq!(similarity(&c(""), &c("")), 1.0);
        assert_eq!(
            best_substring(&c("公开政府"), &c("依法公开政府信息")),
            (2, 6, 0)
        );
        assert_eq!(best_substring(&c("公开政府"), &c("依法公布政府信息")).2, 1);
    }

    #[test]
    fn long_texts_are_reanchored() -> TestResult {
        // Speed is measured by `cargo bench --bench pipeline` (reanchor/500k_chars).
        // 500k characters of repetitive report text; the passage edited and moved.
        let filler = "坚持依法行政，推进法治政府建设，落实行政执法责任制。";
        let mut text = filler.repeat(20_000);
        let passage = "全区共受理行政复议申请一百二十三件，纠错率百分之十二点五";
        text.push_str(passage);
        text.push_str(&filler.repeat(2));
        let start = text.chars().count() - passage.chars().count() - filler.chars().count() * 2;
        let a = Anchor::from_text(
            &text,
            CharRange::new(start, start + passage.chars().count()),
        );
        let new = format!("新增段落。{}", text.replace("一百二十三件", "一百二十四件"));
        let Reanchor::Moved(range, _) = reanchor(&a, &new) else {
            return Err("not moved".into());
        };
        assert_eq!(range.start, start + 5);
        Ok(())
    }

    #[test]
    fn reanchoring_an_assessment_updates_anchors_and_flags_the_lost() -> TestResult {
        let mut a = sample();
        a.annotations = vec![
            Annotation {
                id: 1,
                anchor: anchor_on("全年受理行政复议案件13件"),
                note: "数字".into(),
                ..Annotation::default()
            },
            Annotation {
                id: 2,
                anchor: anchor_on("办理依申请公开45件"),
                note: "待核".into(),
                ..Annotation::default()
            },
        ];
        let item = a.item_mut("G15").ok_or("item")?;
        item.review.linked = vec![
            LinkedEvidence {
                anchor: anchor_on("依法公开政府信息1200条"),
                note: String::new(),
                unknown: Default::default(),
            },
            LinkedEvidence {
                anchor: anchor_on("办理依申请公开45件"),
                note: String::new(),
                unknown: Default::default(),
            },
        ];
        let ev = range_of(REPORT, "推进政务公开");
        item.auto.evidence[0].range = ev;
        item.auto.evidence[0].quote = "推进政务公开".into();
        item.review.accepted = vec![ev];

        let new = format!("前言。{}", REPORT.replace("，办理依申请公开45件", ""));
        let report = reanchor_assessment(&mut a, &new, "cd");
        assert_eq!((report.exact, report.moved, report.lost), (0, 2, 2));
        assert_eq!(report.lost_annotations, [2]);
        assert_eq!(
            report.lost_links,
            [LostLink {
                item: "G15".into(),
                index: 1
            }]
        );
        assert_eq!(report.evidence_moved, 1);

        let moved = &a.annotations[0];
        assert_eq!(
            moved.anchor.range,
            range_of(&new, "全年受理行政复议案件13件")
        );
        assert_eq!(moved.anchor.before.chars().count(), ANCHOR_CONTEXT_CHARS);
        assert!(!moved.needs_attention);
        let lost = &a.annotations[1];
        assert!(lost.needs_attention);
        assert_eq!(
            lost.anchor,
            anchor_on("办理依申请公开45件"),
            "kept, not moved"
        );
        assert_eq!(lost.note, "待核");
        let item = a.item("G15").ok_or("item")?;
        assert_eq!(
            item.review.linked[0].anchor.range,
            range_of(&new, "依法公开政府信息1200条")
        );
        assert_eq!(item.review.accepted, [range_of(&new, "推进政务公开")]);
        assert_eq!(a.report.sha256, "cd");
        assert_eq!(a.report.chars, new.chars().count());
        Ok(())
    }
}
