//! Recycled text: passages of the newer report that repeat the older one.
//!
//! Both texts are folded (punctuation and spaces dropped, full-width forms
//! folded, see [`super::ngram::fold`]) so that "，" against "," or a PDF line
//! break never hides a copy. Every 8-character shingle of the older text is
//! hashed into a sorted table; each shingle of the newer text is looked up
//! there (O(n log n) overall, no character-by-character comparison of the
//! two texts). Hits are chained along a diagonal — the newer and older
//! positions advance together — allowing gaps of up to [`MAX_GAP`]
//! characters on either side, so a passage with a word changed, inserted or
//! dropped stays one passage. Its similarity is the share of both sides'
//! characters covered by matching shingles.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::ngram;
use super::plans::round3;
use crate::document::Document;
use crate::structure::PartId;
use crate::text::CharRange;

/// Shingle length in folded characters. Eight characters is longer than
/// nearly all of the genre's fixed terms (法治政府建设 is six) but shorter
/// than a clause, so a copied clause is always seen.
pub const SHINGLE: usize = 8;
/// Largest gap (folded characters, on each side) bridged inside a passage:
/// about one clause, enough for a changed name or an inserted phrase
/// (律师 → 法律顾问, a second law's title).
pub const MAX_GAP: usize = 16;
/// Shortest passage reported (folded characters of the newer text). Shorter
/// matches are the genre's stock phrases (推进法治建设第一责任人职责 is 13),
/// not recycled text.
pub const MIN_PASSAGE: usize = 16;
/// Passages less similar than this are chance alignments of stock phrases.
pub const MIN_SIMILARITY: f64 = 0.5;
/// A required part of the newer report with at least this share recycled is
/// a red flag when it is the 不足和原因 part (DC2): the shortcomings should
/// be this year's.
pub const RED_FLAG_SHARE: f64 = 0.3;
/// Positions of one shingle considered in the older text; a shingle repeated
/// more often is boilerplate and its first occurrences suffice.
const MAX_CANDIDATES: usize = 64;
/// How far a new chain looks ahead to pick the best of several occurrences.
const LOOKAHEAD: usize = 64;

/// A passage of the newer report that repeats one of the older report.
#[derive(Debug, Clone, PartialEq)]
pub struct RecycledPassage {
    /// Where it is in the older report.
    pub old: CharRange,
    /// Where it is in the newer report.
    pub new: CharRange,
    /// 1.0 for a verbatim copy; ≥ 0.8 for a copy with small edits.
    pub similarity: f64,
    /// The passage as it stands in the newer report.
    pub quote: String,
}

impl Serialize for RecycledPassage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RecycledPassage", 6)?;
        st.serialize_field("old_start", &self.old.start)?;
        st.serialize_field("old_end", &self.old.end)?;
        st.serialize_field("new_start", &self.new.start)?;
        st.serialize_field("new_end", &self.new.end)?;
        st.serialize_field("similarity", &round3(self.similarity))?;
        st.serialize_field("quote", &self.quote)?;
        st.end()
    }
}

/// The recycled share of one required part of the newer report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartShare {
    /// Which part.
    pub part: PartId,
    /// Text characters in the part (punctuation and spaces not counted).
    pub chars: usize,
    /// Of those, characters repeated by recycled passages.
    pub recycled_chars: usize,
    /// `recycled_chars / chars`.
    #[serde(serialize_with = "ser_round3")]
    pub share: f64,
}

fn ser_round3<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round3(*x))
}

/// Everything the newer report repeats from the older one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recycled {
    /// The passages, in the newer report's order.
    #[serde(rename = "recycled")]
    pub passages: Vec<RecycledPassage>,
    /// Share of the newer report's text characters (punctuation and spaces
    /// not counted) that recycled passages repeat (the edited words inside a
    /// passage are not counted).
    #[serde(rename = "recycled_share", serialize_with = "ser_round3")]
    pub share: f64,
    /// The share per required part present in the newer report.
    #[serde(rename = "recycled_parts")]
    pub parts: Vec<PartShare>,
}

impl Recycled {
    /// The share of one part, if the newer report has it.
    pub fn part_share(&self, part: PartId) -> Option<f64> {
        self.parts.iter().find(|p| p.part == part).map(|p| p.share)
    }

    /// True when the newer report's 不足和原因 part largely repeats the older
    /// report (at least [`RED_FLAG_SHARE`] of it).
    pub fn shortcomings_recycled(&self) -> bool {
        self.part_share(PartId::DC2)
            .is_some_and(|s| s >= RED_FLAG_SHARE)
    }
}

/// A chain of shingle hits on one diagonal, in folded positions.
struct Chain {
    new_start: usize,
    new_end: usize,
    old_start: usize,
    old_end: usize,
    last_new: usize,
    last_old: usize,
    covered_new: usize,
    covered_old: usize,
    /// Start of every shingle of the newer text in the chain.
    hits: Vec<usize>,
}

impl Chain {
    fn start(i: usize, j: usize) -> Chain {
        Chain {
            new_start: i,
            new_end: i + SHINGLE,
            old_start: j,
            old_end: j + SHINGLE,
            last_new: i,
            last_old: j,
            covered_new: SHINGLE,
            covered_old: SHINGLE,
            hits: vec![i],
        }
    }

    /// Whether the hit (i, j) continues this chain, and how far off the
    /// diagonal it is.
    fn drift(&self, i: usize, j: usize) -> Option<usize> {
        if j <= self.last_old || i > self.new_end + MAX_GAP || j > self.old_end + MAX_GAP {
            return None;
        }
        let drift = (j - self.last_old).abs_diff(i - self.last_new);
        (drift <= MAX_GAP).then_some(drift)
    }

    fn extend(&mut self, i: usize, j: usize) {
        self.covered_new += i + SHINGLE - self.new_end.max(i);
        self.new_end = i + SHINGLE;
        self.covered_old += j + SHINGLE - self.old_end.max(j);
        self.old_end = self.old_end.max(j + SHINGLE);
        self.last_new = i;
        self.last_old = j;
        self.hits.push(i);
    }

    fn similarity(&self) -> f64 {
        let len = (self.new_end - self.new_start) + (self.old_end - self.old_start);
        if len == 0 {
            return 0.0;
        }
        ((self.covered_new + self.covered_old) as f64 / len as f64).min(1.0)
    }
}

/// Folded text with its shingle table.
struct Folded {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let (chars, offsets) = ngram::folded_stream(text);
        Folded { chars, offsets }
    }

    fn shingle(&self, i: usize) -> &[char] {
        self.chars.get(i..i + SHINGLE).unwrap_or(&[])
    }

    fn hashes(&self) -> Vec<u64> {
        self.chars.windows(SHINGLE).map(hash).collect()
    }

    /// Character range in the original text of folded positions [a, b).
    fn original(&self, a: usize, b: usize) -> CharRange {
        let start = self.offsets.get(a).copied().unwrap_or(0);
        let end = b
            .checked_sub(1)
            .and_then(|k| self.offsets.get(k))
            .map_or(start, |&o| o + 1);
        CharRange::new(start, end)
    }
}

/// FNV-1a over the shingle's characters.
fn hash(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Finds the passages of `new` that repeat `old`, the recycled share, and
/// the share per required part of `new`.
pub fn recycled(old: &Document, new: &Document) -> Recycled {
    let old_f = Folded::new(&old.text);
    let new_f = Folded::new(&new.text);
    let chains = find_chains(&old_f, &new_f);

    // Characters of the newer text matched by a kept passage's shingles;
    // the edited gaps inside a passage are not counted as recycled.
    let mut inside = vec![false; new_f.chars.len()];
    let mut passages = Vec::new();
    for ch in chains {
        for &i in &ch.hits {
            for flag in inside.iter_mut().skip(i).take(SHINGLE) {
                *flag = true;
            }
        }
        let new_range = new_f.original(ch.new_start, ch.new_end);
        passages.push(RecycledPassage {
            old: old_f.original(ch.old_start, ch.old_end),
            new: new_range,
            similarity: ch.similarity(),
            quote: new.slice(new_range).to_string(),
        });
    }
    let total = new_f.chars.len();
    let recycled_chars = inside.iter().filter(|&&b| b).count();
    let share = if total == 0 {
        0.0
    } else {
        recycled_chars as f64 / total as f64
    };

    let parts = new
        .structure
        .parts
        .iter()
        .filter(|p| p.present && !p.ranges.is_empty())
        .map(|p| {
            let (mut chars, mut rec) = (0usize, 0usize);
            for (k, &off) in new_f.offsets.iter().enumerate() {
                if p.ranges.iter().any(|r| r.contains(off)) {
                    chars += 1;
                    if inside[k] {
                        rec += 1;
                    }
                }
            }
            PartShare {
                part: p.id,
                chars,
                recycled_chars: rec,
                share: if chars == 0 {
                    0.0
                } else {
                    rec as f64 / chars as f64
                },
            }
        })
        .collect();
    Recycled {
        passages,
        share,
        parts,
    }
}

/// The chains (passages) of `new` found in `old`, long and similar enough.
fn find_chains(old: &Folded, new: &Folded) -> Vec<Chain> {
    if old.chars.len() < SHINGLE || new.chars.len() < SHINGLE {
        return Vec::new();
    }
    let mut table: Vec<(u64, usize)> = old
        .hashes()
        .into_iter()
        .enumerate()
        .map(|(j, h)| (h, j))
        .collect();
    table.sort_unstable();
    let new_hashes = new.hashes();

    // The positions in `old` of new shingle i (verified, not just hashed).
    let candidates = |i: usize| -> Vec<usize> {
        let h = new_hashes[i];
        let from = table.partition_point(|&(x, _)| x < h);
        let shingle = new.shingle(i);
        table[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, j)| j)
            .filter(|&j| old.shingle(j) == shingle)
            .take(MAX_CANDIDATES)
            .collect()
    };

    let mut out = Vec::new();
    let mut current: Option<Chain> = None;
    // First hit since the chain last grew that did not fit it: where to
    // resume if the chain ends, so that hit can start a passage of its own.
    let mut pending: Option<usize> = None;
    let mut i = 0;
    while i < new_hashes.len() {
        if let Some(ch) = &current
            && i > ch.new_end + MAX_GAP
        {
            let ch = current.take();
            close(ch, &mut out);
            if let Some(p) = pending.take() {
                i = p;
                continue;
            }
        }
        // The common case inside a copy: the next shingle continues the
        // diagonal exactly, whatever the candidate cap would have listed.
        if let Some(ch) = &mut current {
            let j = ch.last_old + (i - ch.last_new);
            if old.shingle(j) == new.shingle(i) {
                ch.extend(i, j);
                pending = None;
                i += 1;
                continue;
            }
        }
        let cands = candidates(i);
        if cands.is_empty() {
            i += 1;
            continue;
        }
        match &mut current {
            Some(ch) => {
                let best = cands
                    .iter()
                    .filter_map(|&j| ch.drift(i, j).map(|d| (d, j)))
                    .min();
                if let Some((_, j)) = best {
                    ch.extend(i, j);
                    pending = None;
                } else if pending.is_none() && i >= ch.new_end {
                    pending = Some(i);
                }
            }
            None => {
                let j = best_start(old, new, i, &cands);
                current = Some(Chain::start(i, j));
            }
        }
        i += 1;
    }
    close(current, &mut out);
    out
}

/// Of several occurrences in `old`, the one that matches `new` longest
/// from position `i` on (the first one on ties).
fn best_start(old: &Folded, new: &Folded, i: usize, cands: &[usize]) -> usize {
    let run = |j: usize| {
        (0..LOOKAHEAD)
            .take_while(|&k| {
                matches!((new.chars.get(i + k), old.chars.get(j + k)), (Some(a), Some(b)) if a == b)
            })
            .count()
    };
    let mut best = (0usize, usize::MAX);
    for &j in cands {
        let r = run(j);
        if r > best.0 || (r == best.0 && j < best.1) {
            best = (r, j);
        }
    }
    if best.1 == usize::MAX { 0 } else { best.1 }
}

/// Keeps a finished chain if it is long and similar enough.
fn close(chain: Option<Chain>, out: &mut Vec<Chain>) {
    if let Some(ch) = chain
        && ch.new_end - ch.new_start >= MIN_PASSAGE
        && ch.similarity() >= MIN_SIMILARITY
    {
        out.push(ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "坚持以考促学、以考促用、以考促改，强化责任意识，压实工作责任，推动法治建设各项工作走深走实，组织区直及驻区有关单位开展法治政府建设自纠自查活动，收集自查报告二十八份。";

    /// A report of `year`; the two years use different headings so that
    /// only the body can repeat.
    fn report(year: u32, body: &str) -> Document {
        let head = if year == 2020 {
            "某区2020年法治政府建设年度报告\n一、主要工作情况"
        } else {
            "某区人民政府二〇二二年依法行政情况\n一、主要举措和成效"
        };
        Document::from_text("r", &format!("{head}\n{body}\n"))
    }

    #[test]
    fn a_copied_paragraph_is_found_with_similarity_one() {
        let old = report(2020, &format!("我区全年办理行政复议案件十三件。\n{PARA}"));
        let new = report(
            2022,
            &format!(
                "全年调解矛盾纠纷七百余宗，维护了社会稳定。\n{PARA}\n今年新建公共法律服务站五个。"
            ),
        );
        let r = recycled(&old, &new);
        assert_eq!(r.passages.len(), 1, "{:?}", r.passages);
        let p = &r.passages[0];
        assert!((p.similarity - 1.0).abs() < 1e-9, "{}", p.similarity);
        // The passage spans the paragraph (minus the final 。, not a text character).
        assert_eq!(p.quote, PARA.trim_end_matches('。'));
        assert_eq!(new.slice(p.new), p.quote);
        assert_eq!(old.slice(p.old), p.quote);
        assert!(r.share > 0.3 && r.share < 0.9, "{}", r.share);
    }

    #[test]
    fn an_edited_paragraph_is_one_passage_of_high_similarity() {
        let edited = PARA
            .replace("，压实工作责任", "")
            .replace("区直及驻区有关单位", "区直单位")
            .replace("二十八份", "三十二份")
            .replace('，', ",");
        let old = report(2020, PARA);
        let new = report(2022, &edited);
        let r = recycled(&old, &new);
        assert_eq!(r.passages.len(), 1, "{:?}", r.passages);
        let p = &r.passages[0];
        assert!(
            p.similarity >= 0.8 && p.similarity < 1.0,
            "{}",
            p.similarity
        );
        assert!(p.quote.starts_with("坚持以考促学") && p.quote.contains("自纠自查"));
    }

    #[test]
    fn an_unrelated_paragraph_is_not_recycled() {
        let old = report(2020, PARA);
        let new = report(
            2022,
            "全年成功调解基层矛盾纠纷七百八十六宗，涉及金额一千二百一十万元，有效维护了辖区内的经济社会和谐稳定。",
        );
        let r = recycled(&old, &new);
        assert!(r.passages.is_empty(), "{:?}", r.passages);
        assert_eq!(r.share, 0.0);
    }

    #[test]
    fn stock_phrases_shorter_than_a_passage_do_not_count() {
        let old = report(
            2020,
            "严格落实推进法治建设第一责任人职责，全区上下形成合力。",
        );
        let new = report(
            2022,
            "区委书记认真履行推进法治建设第一责任人职责，带头学法。",
        );
        assert!(recycled(&old, &new).passages.is_empty());
    }

    #[test]
    fn a_copied_shortcomings_part_is_a_red_flag() {
        let gaps = "二、存在的不足\n一是法治工作力量较薄弱，法制审查等依法决策机制贯彻落实还不彻底。二是执法权限下放镇街后，人员配备和执法水平难以满足新形势下执法需求。";
        let old = Document::from_text(
            "old",
            &format!("某区报告\n一、主要工作情况\n全年办理行政复议案件十三件。\n{gaps}\n"),
        );
        let new = Document::from_text(
            "new",
            &format!("某区报告\n一、主要工作情况\n全年调解矛盾纠纷七百余宗。\n{gaps}\n"),
        );
        let r = recycled(&old, &new);
        let dc2 = r.part_share(PartId::DC2);
        assert!(dc2.is_some_and(|s| s > 0.9), "{:?}", r.parts);
        assert!(r.shortcomings_recycled());
        assert!(r.part_share(PartId::DC1).is_some_and(|s| s < 0.5));
    }

    #[test]
    fn json_uses_the_stable_names() {
        let old = report(2020, PARA);
        let new = report(2022, PARA);
        let v = serde_json::to_value(recycled(&old, &new)).unwrap();
        assert!(v["recycled"][0]["old_start"].is_u64());
        assert!(v["recycled"][0]["new_end"].is_u64());
        assert_eq!(v["recycled"][0]["similarity"], 1.0);
        assert!(v["recycled_share"].is_f64());
        assert_eq!(v["recycled_parts"][0]["part"], "DC1");
    }

    #[test]
    fn large_reports_compare() {
        // Speed is measured by `cargo bench --bench pipeline` (compare/recycled_500k_chars).
        // About 500k characters each, half of the newer one copied.
        let mut old = String::from("某区报告\n一、主要工作情况\n");
        let mut new = old.clone();
        for k in 0..6000 {
            let line = format!("第{k}项工作：{PARA}\n");
            old.push_str(&line);
            if k % 2 == 0 {
                new.push_str(&line);
            } else {
                new.push_str(&format!("新的第{k}项：全年调解矛盾纠纷{k}宗，维护了社会稳定，群众满意度达到百分之九十八。\n"));
            }
        }
        let (old, new) = (
            Document::from_text("o", &old),
            Document::from_text("n", &new),
        );
        let r = recycled(&old, &new);
        assert!(r.share > 0.5, "{}", r.share);
    }
}
