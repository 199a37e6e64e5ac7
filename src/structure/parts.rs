//! The five required parts of an annual report (《法治政府建设与责任落实督察
//! 工作规定》): DC1 主要举措和成效, DC2 不足和原因, DC3 第一责任人职责,
//! DC4 下一年度安排, DC5 其他. Found by heading words first, then by
//! content; a missing part is a finding, not an error.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::Structure;
use crate::text::CharRange;

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
}

/// Detects the five parts.
pub fn detect(text: &str, s: &Structure, total: usize) -> Vec<Part> {
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
    let plans: Vec<CharRange> = found[3]
        .as_ref()
        .map(|f| f.ranges.clone())
        .unwrap_or_default();
    let in_plans = |offset: usize| plans.iter().any(|r| r.contains(offset));
    if found[1].is_none()
        && let Some(r) = shortcoming_region(s, &paras, &in_plans, body_end)
    {
        add(&mut found, PartId::DC2, r, PartFound::Content, false);
    }
    let problems: Vec<CharRange> = found[1]
        .as_ref()
        .map(|f| f.ranges.clone())
        .unwrap_or_default();
    if found[2].is_none() {
        let sentences: Vec<CharRange> = s
            .sentences
            .iter()
            .filter(|st| {
                !in_plans(st.range.start) && !problems.iter().any(|r| r.contains(st.range.start))
            })
            .filter(|st| {
                paras
                    .get(st.paragraph)
                    .is_some_and(|p| C_DC3.is_match(&slice(p, s, st)))
            })
            .map(|st| st.range)
            .collect();
        for r in sentences {
            add(&mut found, PartId::DC3, r, PartFound::Content, false);
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

fn slice(p: &str, s: &Structure, st: &super::Sentence) -> String {
    let base = s
        .paragraphs
        .get(st.paragraph)
        .map_or(0, |pp| pp.range.start);
    p.chars()
        .skip(st.range.start - base)
        .take(st.range.len())
        .collect()
}

fn add(found: &mut [Option<Found>; 5], id: PartId, r: CharRange, how: PartFound, as_section: bool) {
    let slot = &mut found[id as usize];
    match slot {
        Some(f) => {
            if !f.ranges.iter().any(|x| x.contains_range(r)) {
                f.ranges.push(r);
            }
            f.as_section |= as_section;
        }
        None => {
            *slot = Some(Found {
                ranges: vec![r],
                as_section,
                how,
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
        if let Some((_, class)) = tops.iter().find(|(t, _)| *t == p) {
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
    s: &Structure,
    paras: &[&str],
    in_plans: &dyn Fn(usize) -> bool,
    body_end: usize,
) -> Option<CharRange> {
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
        let problems = s
            .sentences_in(region)
            .iter()
            .filter(|st| !in_plans(st.range.start))
            .filter(|st| {
                paras
                    .get(st.paragraph)
                    .is_some_and(|pp| C_PROBLEM.is_match(&slice(pp, s, st)))
            })
            .count();
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
    fn a_slogan_is_not_a_shortcoming() {
        let t = "一、依法全面履行政府职能\n我区深化放管服改革，着力补齐短板和弱项。\n区委书记亲自部署法治政府建设。";
        let p = parts(t);
        assert!(!p[1].1);
        assert_eq!(p[2], (PartId::DC3, true, false, PartFound::Content));
    }
}
