//! The five required parts of an annual report (《法治政府建设与责任落实督察
//! 工作规定》): DC1 主要举措和成效, DC2 不足和原因, DC3 第一责任人职责,
//! DC4 下一年度安排, DC5 其他. Found by heading words first, then by
//! content; a missing part is a finding, not an error.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::Structure;
use crate::text::{CharIndex, CharRange};

/// Id of a required part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PartId {
    /// 主要举措和成效.
    DC1,
    /// 存在的不足和原因.
    DC2,
    /// 党政主要负责人履行第一责任人职责.
    DC3,
    /// 下一年度主要安排.
    DC4,
    /// 其他需要报告的情况.
    DC5,
}

impl PartId {
    /// All five, in order.
    pub const ALL: [PartId; 5] = [
        PartId::DC1,
        PartId::DC2,
        PartId::DC3,
        PartId::DC4,
        PartId::DC5,
    ];

    /// "DC1".."DC5".
    pub fn as_str(self) -> &'static str {
        match self {
            PartId::DC1 => "DC1",
            PartId::DC2 => "DC2",
            PartId::DC3 => "DC3",
            PartId::DC4 => "DC4",
            PartId::DC5 => "DC5",
        }
    }

    /// Parses "DC1".."DC5".
    pub fn parse(s: &str) -> Option<PartId> {
        PartId::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Short name in the user's language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (zh, en) = match self {
            PartId::DC1 => ("主要举措和成效", "Measures and results"),
            PartId::DC2 => ("不足和原因", "Shortcomings and causes"),
            PartId::DC3 => ("第一责任人职责", "Principal leaders' duty"),
            PartId::DC4 => ("下一年度安排", "Next year's plans"),
            PartId::DC5 => ("其他需要报告的情况", "Other matters"),
        };
        lang.pick(zh, en)
    }
}

/// How a part was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartFound {
    /// A heading names it.
    Heading,
    /// Sections on topics (the 纲要's tasks) that report achievements.
    TopicalSections,
    /// Recognised from the wording of unheaded text.
    Content,
    /// Not found.
    Missing,
}

/// Where a required part is in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Which part.
    pub id: PartId,
    /// Whether the report has it.
    pub present: bool,
    /// Where (possibly several spans).
    pub ranges: Vec<CharRange>,
    /// True when a heading is devoted to it.
    pub as_section: bool,
    /// How it was found.
    pub found: PartFound,
}

impl Part {
    /// The span from the first range's start to the last range's end.
    pub fn span(&self) -> Option<CharRange> {
        let first = self.ranges.first()?;
        Some(self.ranges.iter().fold(*first, |a, r| a.union(*r)))
    }
}

#[allow(clippy::unwrap_used)] // constant patterns, covered by tests
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

static H_DC5: LazyLock<Regex> = LazyLock::new(|| re(r"其他需要报告|其他需报告|其他事项|其他情况"));
static H_DC2: LazyLock<Regex> = LazyLock::new(|| {
    re(r"不足|存在(的|主要)?(主要)?问题|问题和困难|困难和问题|薄弱环节|短板|差距|问题与不足")
});
static H_DC3: LazyLock<Regex> =
    LazyLock::new(|| re(r"第一责任人|主要负责人|主要负责同志|主要领导履行"));
static H_DC4: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"下一步|下一年|下年度|明年|工作安排|工作计划|工作打算|主要安排|工作要点|工作思路|努力方向|今后|工作设想|下阶段",
    )
});
static H_DC1: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"主要举措|成效|主要工作|工作开展情况|工作情况|基本情况|建设情况|取得的成绩|主要做法|工作进展|工作成绩|落实情况",
    )
});
/// An unheaded paragraph that introduces shortcomings.
static C_DC2: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:存在|仍有|还有|面临|也存在)[^。；]{0,14}(?:不足|问题|短板|困难|差距|薄弱)|(?:不足|问题|短板)(?:主要(?:是|有|表现在|体现在))",
    )
});
/// Wording of a shortcoming.
static C_PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"有待|不够|不足|薄弱|滞后|不高|不强|欠缺|仍需|不到位|不完善|不健全|不平衡|不充分|偏弱|较弱|差距|短板",
    )
});
/// Principal leaders acting in person.
static C_DC3: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"第一责任人|党政主要负责人|主要负责同志|主要负责人|主要领导|(?:书记|区长|县长|市长|镇长|乡长|局长|主任)[^。；]{0,12}(?:亲自|带头|主持|专题研究|部署|述法|旁听|听取)",
    )
});
/// The start of an unheaded plans paragraph.
static C_DC4: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:下一步|下一年|下一阶段|今后|明年|新的一年|(?:20\d{2})年[，,]?(?:我们|我区|我县|我市|我局|我镇|我街道)?将)",
    )
});
static CLOSING: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:特此报告|专此报告|以上报告|附件)"));

struct Found {
    ranges: Vec<CharRange>,
    as_section: bool,
    how: PartFound,
    /// The furthest end of any range.
    reach: usize,
    /// True while every range starts no earlier than the one before.
    in_order: bool,
}

/// The characters a part's ranges cover, merged into sorted disjoint spans
/// so that "is this offset inside the part?" is a binary search: a text of
/// thousands of headings must not cost sentences × ranges.
struct Coverage(Vec<CharRange>);

impl Coverage {
    fn of(found: Option<&Found>) -> Coverage {
        let mut ranges: Vec<CharRange> = found.map(|f| f.ranges.clone()).unwrap_or_default();
        ranges.retain(|r| !r.is_empty());
        ranges.sort();
        let mut merged: Vec<CharRange> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Coverage(merged)
    }

    fn contains(&self, offset: usize) -> bool {
        let i = self.0.partition_point(|r| r.end <= offset);
        self.0.get(i).is_some_and(|r| r.contains(offset))
    }
}

/// Detects the five parts.
pub fn detect(text: &str, index: &CharIndex, s: &Structure, total: usize) -> Vec<Part> {
    let paras: Vec<&str> = text.split('\n').collect();
    let top = s.headings.iter().map(|h| h.level).min();
    let body_end = closing_start(&paras, s).unwrap_or(total);
    let mut found: [Option<Found>; 5] = Default::default();

    // 1. Headings. Top-level headings decide first; deeper ones may name
    //    DC2–DC5 when their top-level section does not already.
    let mut top_classes: Vec<(usize, Option<PartId>)> = Vec::new();
    for (i, h) in s.headings.iter().enumerate() {
        let Some(sec) = s.sections.get(i) else {
            continue;
        };
        let range = CharRange::new(sec.range.start, sec.range.end.min(body_end));
        let is_top = Some(h.level) == top;
        let class = classify_heading(&h.text);
        if is_top {
            top_classes.push((i, class.first().copied()));
        }
        for id in class {
            // A sub-heading names a part only inside an achievements (or
            // unclassified) top-level section: "严格落实第一责任人职责" under
            // 下一步工作安排 is a plan, not the leaders' record.
            if !is_top && (id == PartId::DC1 || !top_allows(s, i, id, &top_classes)) {
                continue;
            }
            add(&mut found, id, range, PartFound::Heading, true);
        }
    }
    // 2. Topical top-level sections before the first DC2/DC4 section report
    //    achievements (reports organised along the 纲要's tasks).
    if found[0].is_none() {
        for &(i, class) in &top_classes {
            match class {
                None => {
                    if let Some(sec) = s.sections.get(i) {
                        let r = CharRange::new(sec.range.start, sec.range.end.min(body_end));
                        add(&mut found, PartId::DC1, r, PartFound::TopicalSections, true);
                    }
                }
                Some(PartId::DC2 | PartId::DC4 | PartId::DC5) => break,
                Some(_) => {}
            }
        }
    }
    // 3. Content: unheaded plans, shortcomings, leaders' duty.
    if found[3].is_none()
        && let Some(start) = paras
            .iter()
            .position(|p| C_DC4.is_match(p))
            .and_then(|i| s.paragraphs.get(i))
    {
        let r = CharRange::new(start.range.start, body_end);
        if !r.is_empty() {
            add(&mut found, PartId::DC4, r, PartFound::Content, false);
        }
    }
    let plans = Coverage::of(found[3].as_ref());
    let in_plans = |offset: usize| plans.contains(offset);
    if found[1].is_none()
        && let Some(r) = shortcoming_region(text, index, s, &paras, &in_plans, body_end)
    {
        add(&mut found, PartId::DC2, r, PartFound::Content, false);
    }
    let problems = Coverage::of(found[1].as_ref());
    if found[2].is_none() {
        let sentences: Vec<CharRange> = s
            .sentences
            .iter()
            .filter(|st| !in_plans(st.range.start) && !problems.contains(st.range.start))
            .filter(|st| C_DC3.is_match(index.slice(text, st.range)))
            .map(|st| st.range)
            .collect();
        // Distinct sentences: no range can contain another, so they are
        // taken as they are (`add` would compare each with all before it).
        if !sentences.is_empty() {
            found[2] = Some(Found {
                reach: sentences.last().map_or(0, |r| r.end),
                ranges: sentences,
                as_section: false,
                how: PartFound::Content,
                in_order: true,
            });
        }
    }
    // 4. A report with no usable headings: achievements are what precedes
    //    the other parts.
    if found[0].is_none() {
        let first_other = found
            .iter()
            .skip(1)
            .flatten()
            .flat_map(|f| f.ranges.iter().map(|r| r.start))
            .min();
        let end = first_other.unwrap_or(body_end);
        let start = s.metadata.title_range.map_or(0, |t| t.end + 1);
        if end > start + 200 {
            add(
                &mut found,
                PartId::DC1,
                CharRange::new(start, end),
                PartFound::Content,
                false,
            );
        }
    }

    PartId::ALL
        .iter()
        .zip(found)
        .map(|(id, f)| match f {
            Some(f) => Part {
                id: *id,
                present: true,
                ranges: f.ranges,
                as_section: f.as_section,
                found: f.how,
            },
            None => Part {
                id: *id,
                present: false,
                ranges: Vec::new(),
                as_section: false,
                found: PartFound::Missing,
            },
        })
        .collect()
}

fn add(found: &mut [Option<Found>; 5], id: PartId, r: CharRange, how: PartFound, as_section: bool) {
    let slot = &mut found[id as usize];
    match slot {
        Some(f) => {
            // Ranges arrive in text order: when every earlier range starts
            // no later than `r`, one of them contains `r` exactly when one
            // reaches as far, so a report of thousands of headings is not
            // compared range by range.
            let in_order = f.in_order && f.ranges.last().is_none_or(|x| x.start <= r.start);
            let inside = if in_order {
                f.reach >= r.end
            } else {
                f.ranges.iter().any(|x| x.contains_range(r))
            };
            if !inside {
                f.ranges.push(r);
                f.reach = f.reach.max(r.end);
                f.in_order = in_order;
            }
            f.as_section |= as_section;
        }
        None => {
            *slot = Some(Found {
                ranges: vec![r],
                as_section,
                how,
                reach: r.end,
                in_order: true,
            });
        }
    }
}

/// What a heading's words say its section is; several for combined headings
/// ("存在的问题及下一步打算").
fn classify_heading(text: &str) -> Vec<PartId> {
    let mut out = Vec::new();
    if H_DC5.is_match(text) {
        out.push(PartId::DC5);
    }
    if H_DC2.is_match(text) {
        out.push(PartId::DC2);
    }
    if H_DC3.is_match(text) {
        out.push(PartId::DC3);
    }
    if H_DC4.is_match(text) {
        out.push(PartId::DC4);
    }
    if out.is_empty() && H_DC1.is_match(text) {
        out.push(PartId::DC1);
    }
    out
}

fn top_allows(s: &Structure, i: usize, _id: PartId, tops: &[(usize, Option<PartId>)]) -> bool {
    let mut cur = s.sections.get(i).and_then(|x| x.parent);
    while let Some(p) = cur {
        // `tops` is in heading order: a binary search, not a scan per heading.
        if let Some((_, class)) = tops
            .binary_search_by_key(&p, |(t, _)| *t)
            .ok()
            .and_then(|k| tops.get(k))
        {
            return match class {
                None | Some(PartId::DC1) => true,
                Some(_) => false,
            };
        }
        cur = s.sections.get(p).and_then(|x| x.parent);
    }
    true
}

/// Where the closing formula and signature begin ("特此报告。", 落款, date).
fn closing_start(paras: &[&str], s: &Structure) -> Option<usize> {
    let tail = paras.len().saturating_sub(4);
    (tail..paras.len())
        .find(|i| paras.get(*i).is_some_and(|p| CLOSING.is_match(p)))
        .and_then(|i| s.paragraphs.get(i))
        .map(|p| p.range.start.saturating_sub(1))
}

/// An unheaded passage of shortcomings: a paragraph that introduces problems
/// ("但仍存在一些问题和困难", "存在不少短板，主要是："), through the end of
/// its top-level section, when it really lists problems (two or more
/// sentences in the wording of shortcomings).
fn shortcoming_region(
    text: &str,
    index: &CharIndex,
    s: &Structure,
    paras: &[&str],
    in_plans: &dyn Fn(usize) -> bool,
    body_end: usize,
) -> Option<CharRange> {
    // problems_before[i]: sentences before the i-th worded as shortcomings,
    // so that each candidate region is counted in O(log n), not by
    // re-reading every sentence up to the end of the report.
    let mut problems_before = Vec::with_capacity(s.sentences.len() + 1);
    problems_before.push(0usize);
    let mut count = 0;
    for st in &s.sentences {
        if !in_plans(st.range.start) && C_PROBLEM.is_match(index.slice(text, st.range)) {
            count += 1;
        }
        problems_before.push(count);
    }
    for (pi, p) in paras.iter().enumerate() {
        let para = s.paragraphs.get(pi)?;
        if in_plans(para.range.start) || p.starts_with("下一步") {
            continue;
        }
        // The trigger must be in the paragraph's first two sentences.
        let opening: String = p.split_inclusive(['。', '；']).take(2).collect();
        if !C_DC2.is_match(&opening) {
            continue;
        }
        let top = s.headings.iter().map(|h| h.level).min().unwrap_or(1);
        let end = s
            .headings
            .iter()
            .find(|h| h.level == top && h.range.start > para.range.start)
            .map_or(body_end, |h| h.range.start.saturating_sub(1))
            .min(body_end);
        let region = CharRange::new(para.range.start, end);
        // The sentences inside `region`, as `Structure::sentences_in` finds them.
        let a = s
            .sentences
            .partition_point(|st| st.range.end <= region.start);
        let b = s
            .sentences
            .partition_point(|st| st.range.start < region.end)
            .max(a);
        let problems = problems_before.get(b).copied().unwrap_or(count)
            - problems_before.get(a).copied().unwrap_or(count);
        if problems >= 2 {
            return Some(region);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn parts(text: &str) -> Vec<(PartId, bool, bool, PartFound)> {
        let d = Document::from_text("t", text);
        d.structure
            .parts
            .iter()
            .map(|p| (p.id, p.present, p.as_section, p.found))
            .collect()
    }

    #[test]
    fn parts_from_headings() {
        let t = "某区2020年法治政府建设情况报告\n一、主要举措和成效\n我区深化改革。\n二、存在的不足和原因\n工作有待加强。\n三、下一年度主要安排\n我们将继续努力。\n特此报告。";
        let p = parts(t);
        assert_eq!(p[0], (PartId::DC1, true, true, PartFound::Heading));
        assert_eq!(p[1], (PartId::DC2, true, true, PartFound::Heading));
        assert!(!p[2].1);
        assert_eq!(p[3], (PartId::DC4, true, true, PartFound::Heading));
        assert!(!p[4].1);
        let d = Document::from_text("t", t);
        let dc4 = d.structure.part(PartId::DC4).unwrap().span().unwrap();
        assert_eq!(d.slice(dc4), "三、下一年度主要安排\n我们将继续努力。");
    }

    #[test]
    fn unheaded_shortcomings_and_plans_by_content() {
        let t = "一、依法全面履行政府职能\n我区深化放管服改革。\n二、全面推行政务公开\n我区推进政务公开。我区在推进法治政府建设中取得了一些成绩，但仍存在一些问题和困难：一是执法队伍力量不足；二是法治宣传教育的针对性有待提高。\n下一步，我们将持续深化改革，镇长亲自部署。";
        let p = parts(t);
        assert_eq!(p[0], (PartId::DC1, true, true, PartFound::TopicalSections));
        assert_eq!(p[1], (PartId::DC2, true, false, PartFound::Content));
        assert!(!p[2].1, "a plan is not the leaders' record");
        assert_eq!(p[3], (PartId::DC4, true, false, PartFound::Content));
    }

    #[test]
    fn coverage_and_containment_match_their_definitions() {
        let ranges = [(10, 20), (12, 15), (30, 40), (18, 25), (50, 50), (5, 8)];
        let mut found: [Option<Found>; 5] = Default::default();
        for (a, b) in ranges {
            add(
                &mut found,
                PartId::DC2,
                CharRange::new(a, b),
                PartFound::Heading,
                true,
            );
        }
        let f = found[1].as_ref().unwrap();
        // (12, 15) lies inside (10, 20); the rest are kept, in order.
        let kept: Vec<(usize, usize)> = f.ranges.iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(kept, [(10, 20), (30, 40), (18, 25), (50, 50), (5, 8)]);
        let cover = Coverage::of(found[1].as_ref());
        for offset in 0..60 {
            let want = f.ranges.iter().any(|r| r.contains(offset));
            assert_eq!(cover.contains(offset), want, "{offset}");
        }
        // Thousands of sibling sections of one part, as a hostile text has.
        let mut found: [Option<Found>; 5] = Default::default();
        for i in 0..50_000 {
            let r = CharRange::new(i * 10, i * 10 + 9);
            add(&mut found, PartId::DC2, r, PartFound::Heading, true);
            add(
                &mut found,
                PartId::DC2,
                CharRange::new(i * 10 + 2, i * 10 + 5),
                PartFound::Heading,
                true,
            );
        }
        assert_eq!(found[1].as_ref().unwrap().ranges.len(), 50_000);
    }

    #[test]
    fn a_slogan_is_not_a_shortcoming() {
        let t = "一、依法全面履行政府职能\n我区深化放管服改革，着力补齐短板和弱项。\n区委书记亲自部署法治政府建设。";
        let p = parts(t);
        assert!(!p[1].1);
        assert_eq!(p[2], (PartId::DC3, true, false, PartFound::Content));
    }
}
