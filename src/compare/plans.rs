//! Follow-through: the plans of the older report's 下一年度安排 / 下一步 part
//! (DC4), each looked up among the newer report's achievements.
//!
//! A plan is matched by the character bigrams and trigrams of its whole
//! text (see [`super::ngram`]), weighted by how rare they are in the two
//! reports (inverse document frequency over all sentences of both), against
//! every sentence of the newer report outside its 不足 (DC2) and plans (DC4)
//! parts — a shortcoming or a new promise is not a report of work done.

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::ngram;
use crate::document::Document;
use crate::structure::{PartId, Structure};
use crate::text::CharRange;

/// A gram found in more than this share of all sentences (and in at least
/// [`COMMON_MIN_DF`] of them) is part of the genre's vocabulary, not of a
/// topic: it gets no weight. 15 % keeps a report's recurring themes
/// (行政执法 is in about one sentence in eight of the 湛江 pair) and drops
/// words in every other sentence (行政 is in one in five).
const COMMON_SHARE: f64 = 0.15;
/// Small documents: a gram must be in at least this many sentences to be
/// called common, so two sentences sharing a term are not silenced.
const COMMON_MIN_DF: u32 = 5;
/// A sentence scoring at least this is evidence. Scores are sums of
/// normalised IDF weights (≈ 1 for a gram found in one or two sentences), so
/// 2.0 means at least a shared three-character term (放管服: 2 bigrams +
/// 1 trigram) or two unrelated two-character terms.
pub const EVIDENCE_MIN: f64 = 2.0;
/// A best sentence at or above this (a shared four-character term such as
/// 营商环境, ≈ 3 bigrams + 2 trigrams) with a second piece of evidence makes
/// the plan reported: the topic comes back and more than one passage
/// reports on it.
pub const REPORTED_TOP: f64 = 3.0;
/// A single sentence at or above this (two distinct four-character terms
/// or a longer shared phrase) is enough on its own.
pub const REPORTED_SINGLE: f64 = 6.0;
/// Evidence sentences kept per plan.
const KEEP: usize = 3;
/// Longest plan text kept when the plan is a clause or a sentence.
const MAX_PLAN_TEXT: usize = 40;

/// One plan of the older report's DC4 part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The heading or first clause ("不断优化营商环境").
    pub text: String,
    /// Where `text` is in the older report.
    pub range: CharRange,
    /// The whole item: heading and body, or the whole clause or sentence.
    pub body_range: CharRange,
}

/// Whether the newer report reports on a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowStatus {
    /// Clear evidence in the achievements.
    Reported,
    /// Some evidence: the topic comes back in passing.
    Partly,
    /// Nothing found.
    NotReported,
}

impl FollowStatus {
    /// Stable lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowStatus::Reported => "reported",
            FollowStatus::Partly => "partly",
            FollowStatus::NotReported => "not_reported",
        }
    }

    /// Label in the user's language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            FollowStatus::Reported => lang.pick("已报告", "Reported"),
            FollowStatus::Partly => lang.pick("部分报告", "Partly reported"),
            FollowStatus::NotReported => lang.pick("未报告", "Not reported"),
        }
    }
}

/// A sentence of the newer report quoted as evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Where it is in the newer report.
    pub range: CharRange,
    /// The sentence.
    pub quote: String,
    /// Its score (sum of normalised IDF weights of the shared grams).
    pub score: f64,
}

impl Serialize for Quote {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Quote", 4)?;
        st.serialize_field("start", &self.range.start)?;
        st.serialize_field("end", &self.range.end)?;
        st.serialize_field("quote", &self.quote)?;
        st.serialize_field("score", &round3(self.score))?;
        st.end()
    }
}

/// The follow-through of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowThrough {
    /// The plan, in the older report.
    pub plan: Plan,
    /// Reported, partly, not reported.
    pub status: FollowStatus,
    /// Score of the best evidence (0 when none).
    pub score: f64,
    /// Best evidence first, at most three sentences.
    pub evidence: Vec<Quote>,
}

impl Serialize for FollowThrough {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("FollowThrough", 6)?;
        st.serialize_field("plan", &self.plan.text)?;
        st.serialize_field("start", &self.plan.range.start)?;
        st.serialize_field("end", &self.plan.range.end)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("score", &round3(self.score))?;
        st.serialize_field("evidence", &self.evidence)?;
        st.end()
    }
}

/// Rounds for JSON, so outputs stay readable and stable.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The plans of `doc`'s DC4 part: each numbered heading of the part's top
/// level ((一)… or 1. …); when the part has no headings, each 一是/二是
/// clause; failing that, each sentence. Empty when the report has no DC4.
pub fn plans(doc: &Document) -> Vec<Plan> {
    let s = &doc.structure;
    let Some(part) = s.part(PartId::DC4).filter(|p| p.present) else {
        return Vec::new();
    };
    let Some(span) = part.span() else {
        return Vec::new();
    };
    let inside = |r: CharRange| part.ranges.iter().any(|p| p.contains(r.start));
    let from_headings = heading_plans(doc, s, span, &inside);
    if !from_headings.is_empty() {
        return from_headings;
    }
    let from_clauses = clause_plans(doc, s, &inside);
    if !from_clauses.is_empty() {
        return from_clauses;
    }
    sentence_plans(doc, s, &inside)
}

/// Headings inside DC4, except the one that titles the whole part.
fn heading_plans(
    doc: &Document,
    s: &Structure,
    span: CharRange,
    inside: &dyn Fn(CharRange) -> bool,
) -> Vec<Plan> {
    let candidates: Vec<usize> = (0..s.headings.len())
        .filter(|&i| inside(s.headings[i].range))
        .filter(|&i| {
            // The heading whose section holds the whole part is its title
            // ("二、下一步工作打算"), not a plan.
            !s.sections
                .get(i)
                .is_some_and(|sec| sec.range.start <= span.start && sec.range.end >= span.end)
        })
        .collect();
    let Some(top) = candidates.iter().map(|&i| s.headings[i].level).min() else {
        return Vec::new();
    };
    let chosen: Vec<usize> = candidates
        .into_iter()
        .filter(|&i| s.headings[i].level == top)
        .collect();
    chosen
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let h = &s.headings[i];
            let next = chosen
                .get(k + 1)
                .map_or(span.end, |&j| s.headings[j].range.start);
            let end = s
                .sections
                .get(i)
                .map_or(next, |sec| sec.range.end.min(next))
                .min(span.end);
            Plan {
                text: h.text.clone(),
                range: h.text_range,
                body_range: trim_range(doc, CharRange::new(h.range.start, end)),
            }
        })
        .collect()
}

/// 一是/二是 items inside DC4.
fn clause_plans(doc: &Document, s: &Structure, inside: &dyn Fn(CharRange) -> bool) -> Vec<Plan> {
    s.enumerations
        .iter()
        .filter(|e| inside(e.range))
        .filter_map(|e| {
            let body = trim_range(doc, e.range);
            let marker = e.marker.chars().count();
            let text_start = (body.start + marker).min(body.end);
            let rest = CharRange::new(text_start, body.end);
            let clause = first_clause(doc, rest);
            (!clause.is_empty()).then(|| Plan {
                text: doc.slice(clause).to_string(),
                range: clause,
                body_range: body,
            })
        })
        .collect()
}

/// Sentences inside DC4 that are neither headings nor an introduction
/// ("…重点做好以下工作：").
fn sentence_plans(doc: &Document, s: &Structure, inside: &dyn Fn(CharRange) -> bool) -> Vec<Plan> {
    s.sentences
        .iter()
        .filter(|sen| inside(sen.range))
        .filter(|sen| {
            s.paragraphs
                .get(sen.paragraph)
                .is_none_or(|p| p.heading.is_none() || p.range.start != sen.range.start)
        })
        .filter_map(|sen| {
            let body = trim_range(doc, sen.range);
            let text = doc.slice(body);
            if text.chars().filter_map(ngram::fold).count() < 6 || text.ends_with(['：', ':']) {
                return None;
            }
            let clause = first_clause(doc, body);
            Some(Plan {
                text: doc.slice(clause).to_string(),
                range: clause,
                body_range: body,
            })
        })
        .collect()
}

/// The first clause of `range` (up to ，。；：), at most [`MAX_PLAN_TEXT`]
/// characters, without surrounding spaces.
fn first_clause(doc: &Document, range: CharRange) -> CharRange {
    let text = doc.slice(range);
    let mut len = 0;
    for c in text.chars() {
        if matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '？')
            || len >= MAX_PLAN_TEXT
        {
            break;
        }
        len += 1;
    }
    trim_range(doc, CharRange::new(range.start, range.start + len))
}

/// `range` without leading and trailing whitespace.
pub(crate) fn trim_range(doc: &Document, range: CharRange) -> CharRange {
    let text = doc.slice(range);
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let total = text.chars().count();
    let trail = text
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count()
        .min(total - lead);
    CharRange::new(
        range.start + lead,
        range.end.min(range.start + total) - trail,
    )
}

/// Gram weights from document frequencies over every sentence of both
/// reports.
struct Weights {
    df: HashMap<u64, u32>,
    n: f64,
    log_n: f64,
}

impl Weights {
    fn new<'a>(sentences: impl Iterator<Item = &'a Vec<u64>>) -> Weights {
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut n = 0usize;
        for grams in sentences {
            n += 1;
            for g in grams {
                *df.entry(*g).or_insert(0) += 1;
            }
        }
        let n = n as f64;
        Weights {
            df,
            n,
            log_n: (n + 1.0).ln().max(1.0),
        }
    }

    /// Normalised IDF: about 1 for a gram in one or two sentences, 0 for
    /// the genre's common grams.
    fn weight(&self, gram: u64) -> f64 {
        let d = self.df.get(&gram).copied().unwrap_or(0);
        if d >= COMMON_MIN_DF && f64::from(d) > COMMON_SHARE * self.n {
            return 0.0;
        }
        (((self.n + 1.0) / (f64::from(d) + 0.5)).ln() / self.log_n).max(0.0)
    }
}

/// Looks each plan of `old`'s DC4 part up among `new`'s achievements.
pub fn follow_through(old: &Document, new: &Document) -> Vec<FollowThrough> {
    let plans = plans(old);
    if plans.is_empty() {
        return Vec::new();
    }
    let sentence_grams = |doc: &Document| -> Vec<Vec<u64>> {
        doc.structure
            .sentences
            .iter()
            .map(|s| ngram::grams(doc.slice(s.range)))
            .collect()
    };
    let old_grams = sentence_grams(old);
    let new_grams = sentence_grams(new);
    let weights = Weights::new(old_grams.iter().chain(new_grams.iter()));

    // Achievements only: a sentence of 不足 or of next year's plans is not a
    // report of work done.
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, sen) in new.structure.sentences.iter().enumerate() {
        if matches!(
            new.structure.part_at(sen.range.start),
            Some(PartId::DC2 | PartId::DC4)
        ) {
            continue;
        }
        for g in &new_grams[i] {
            postings.entry(*g).or_default().push(i);
        }
    }

    let mut scores = vec![0.0f64; new.structure.sentences.len()];
    plans
        .into_iter()
        .map(|plan| {
            let mut touched: Vec<usize> = Vec::new();
            for g in ngram::grams(old.slice(plan.body_range)) {
                let w = weights.weight(g);
                if w <= 0.0 {
                    continue;
                }
                for &i in postings.get(&g).map_or(&[][..], Vec::as_slice) {
                    if scores[i] == 0.0 {
                        touched.push(i);
                    }
                    scores[i] += w;
                }
            }
            touched.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            let evidence: Vec<Quote> = touched
                .iter()
                .filter(|&&i| scores[i] >= EVIDENCE_MIN)
                .take(KEEP)
                .map(|&i| {
                    let range = trim_range(new, new.structure.sentences[i].range);
                    Quote {
                        range,
                        quote: new.slice(range).to_string(),
                        score: scores[i],
                    }
                })
                .collect();
            for &i in &touched {
                scores[i] = 0.0;
            }
            let top = evidence.first().map_or(0.0, |q| q.score);
            let second = evidence.get(1).map_or(0.0, |q| q.score);
            FollowThrough {
                plan,
                status: status_of(top, second),
                score: top,
                evidence,
            }
        })
        .collect()
}

/// The status from the two best evidence scores (see the constants).
fn status_of(top: f64, second: f64) -> FollowStatus {
    if top >= REPORTED_SINGLE || (top >= REPORTED_TOP && second >= EVIDENCE_MIN) {
        FollowStatus::Reported
    } else if top >= EVIDENCE_MIN {
        FollowStatus::Partly
    } else {
        FollowStatus::NotReported
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "某区2021年法治政府建设年度报告\n\
一、主要工作情况\n\
（一）推进政务公开。全年公开政府信息300条。\n\
二、存在的不足\n\
执法队伍力量较薄弱。\n\
三、下一步工作打算\n\
（一）推行行政执法公示制度。建立执法信息公示平台，公示执法结果。\n\
（二）稳妥推进行政复议体制改革。整合行政复议职责，集中受理复议案件。\n\
（三）加强法治宣传教育。开展宪法宣传周活动，推进民法典进社区。\n";

    const NEW: &str = "某区2022年法治政府建设年度报告\n\
一、主要工作情况\n\
（一）规范行政执法。全面推行行政执法公示制度，建成执法信息公示平台，公示执法结果1200条。\n\
（二）改革行政复议。整合行政复议职责，由区政府集中受理复议案件45件。\n\
（三）其他工作。全年接待群众来访200人次。\n\
二、存在的不足\n\
宪法宣传周活动和民法典进社区活动开展不够。\n\
三、下一步工作打算\n\
（一）开展宪法宣传周活动，推进民法典进社区。\n";

    #[test]
    fn plans_are_the_numbered_items_of_the_plans_part() {
        let doc = Document::from_text("old", OLD);
        let ps = plans(&doc);
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "推行行政执法公示制度",
                "稳妥推进行政复议体制改革",
                "加强法治宣传教育"
            ]
        );
        assert_eq!(doc.slice(ps[0].range), "推行行政执法公示制度");
        assert!(doc.slice(ps[0].body_range).starts_with("（一）推行"));
        assert!(doc.slice(ps[0].body_range).ends_with("公示执法结果。"));
        assert!(doc.slice(ps[2].body_range).ends_with("民法典进社区。"));
    }

    #[test]
    fn plans_from_clauses_when_the_part_has_no_headings() {
        let text = "某区报告\n一、主要工作\n我区全年调解纠纷100宗。\n\
下一步，我区将重点做好以下工作：一是深化放管服改革，推进证照分离。二是健全行政复议体制，稳妥推进改革。三是加强普法宣传。\n";
        let doc = Document::from_text("t", text);
        let texts: Vec<String> = plans(&doc).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            ["深化放管服改革", "健全行政复议体制", "加强普法宣传"]
        );
    }

    #[test]
    fn no_plans_without_a_plans_part() {
        let doc = Document::from_text("t", "某区报告\n一、主要工作\n我区全年调解纠纷100宗。\n");
        assert!(plans(&doc).is_empty());
        let other = Document::from_text("t2", OLD);
        assert!(follow_through(&doc, &other).is_empty());
    }

    #[test]
    fn each_plan_is_looked_up_in_the_achievements_only() {
        let old = Document::from_text("old", OLD);
        let new = Document::from_text("new", NEW);
        let ft = follow_through(&old, &new);
        assert_eq!(ft.len(), 3);

        // 公示制度: the achievements repeat it almost word for word.
        assert_eq!(ft[0].status, FollowStatus::Reported, "{:?}", ft[0]);
        assert!(ft[0].evidence[0].quote.contains("推行行政执法公示制度"));
        let q = &ft[0].evidence[0];
        assert_eq!(new.slice(q.range), q.quote);

        // 行政复议: reported with different words around the same terms.
        assert_eq!(ft[1].status, FollowStatus::Reported, "{:?}", ft[1]);
        assert!(ft[1].evidence[0].quote.contains("行政复议"));

        // 宪法宣传周/民法典进社区 appear only in the new 不足 and plans parts,
        // which do not count as reporting.
        assert_eq!(ft[2].status, FollowStatus::NotReported, "{:?}", ft[2]);
        assert!(ft[2].evidence.is_empty());
    }

    #[test]
    fn status_thresholds() {
        assert_eq!(status_of(6.5, 0.0), FollowStatus::Reported);
        assert_eq!(status_of(3.2, 2.1), FollowStatus::Reported);
        assert_eq!(status_of(3.2, 0.0), FollowStatus::Partly);
        assert_eq!(status_of(2.0, 0.0), FollowStatus::Partly);
        assert_eq!(status_of(1.9, 1.9), FollowStatus::NotReported);
    }

    #[test]
    fn json_shape() {
        let old = Document::from_text("old", OLD);
        let new = Document::from_text("new", NEW);
        let ft = follow_through(&old, &new);
        let v = serde_json::to_value(&ft[2]).unwrap_or_default();
        assert_eq!(v["plan"], "加强法治宣传教育");
        assert_eq!(v["status"], "not_reported");
        assert!(v["start"].is_u64() && v["end"].is_u64());
        let v = serde_json::to_value(&ft[0]).unwrap_or_default();
        assert_eq!(v["status"], "reported");
        assert!(v["evidence"][0]["quote"].is_string());
        assert!(v["evidence"][0]["start"].is_u64());
    }
}
