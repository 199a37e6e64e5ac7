//! The year a report covers, read the way a reviewer reads it: from the
//! title, the opening sentence, the headings ("一、2021年工作情况",
//! "三、2022年工作打算"), the signature and publication dates, the file name
//! and, last, which year the body talks about most. Every signal is kept
//! with its evidence; the signals vote, and the ones that disagree with the
//! result are reported as conflicts rather than silently dropped.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::text::CharRange;

#[allow(clippy::unwrap_used)] // constant patterns, covered by tests
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

/// A year in ASCII or full-width digits.
const Y: &str = r"((?:20|19|２０|１９)[0-9０-９]{2})";

/// "2021年以来" at the start of a paragraph or sentence.
static SINCE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:^|[。！；;])\s*{Y}\s*年(?:度)?以来")));
/// "2021年，我区…", "2020年是…之年" at the start of a sentence, and
/// "现将2020年度…报告如下".
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[。！；;])\s*{Y}\s*年(?:度)?\s*(?:[，,]|是)|现将[^。]{{0,20}}?{Y}\s*年"
    ))
});
/// "2021年，我区将…" opening a plans section.
static LEADING_YEAR: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s*{Y}\s*年(?:度)?")));
/// Any year followed by 年.
static ANY_YEAR: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"{Y}\s*年")));
static FILE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)"));
/// A heading about next year's work.
static PLAN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"下一步|下一年|下年度|明年|打算|计划|要点|安排|思路|设想|展望|努力方向|工作目标")
});

/// A kind of evidence for the year reported on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSignal {
    /// The title names the year.
    Title,
    /// A heading on the year's work ("一、2021年主要工作情况").
    Heading,
    /// The opening: "2021年，我区…", "现将2021年度…报告如下".
    Opening,
    /// A heading on next year's work ("三、2022年工作打算"): the year before.
    PlanHeading,
    /// The signature date: January–April covers the previous year.
    SignatureDate,
    /// "2021年以来…".
    SinceYear,
    /// The file name ("xxx_2019.txt", "2019年度…").
    FileName,
    /// The web publication date, same rule as the signature date.
    PublicationDate,
    /// The year the body mentions most (outside plans and ranges).
    BodyMentions,
}

impl YearSignal {
    /// How much the signal counts in the vote. The title decides on its
    /// own; what the text says of its own year outweighs dates, which
    /// outweigh the file name and word counts.
    pub fn weight(self) -> u32 {
        match self {
            YearSignal::Title => 100,
            YearSignal::Heading | YearSignal::Opening => 8,
            YearSignal::PlanHeading => 6,
            YearSignal::SignatureDate => 5,
            YearSignal::SinceYear => 4,
            YearSignal::FileName => 3,
            YearSignal::PublicationDate | YearSignal::BodyMentions => 2,
        }
    }

    /// Stable snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            YearSignal::Title => "title",
            YearSignal::Heading => "heading",
            YearSignal::Opening => "opening",
            YearSignal::PlanHeading => "plan_heading",
            YearSignal::SignatureDate => "signature_date",
            YearSignal::SinceYear => "since_year",
            YearSignal::FileName => "file_name",
            YearSignal::PublicationDate => "publication_date",
            YearSignal::BodyMentions => "body_mentions",
        }
    }

    /// Short description in the user's language.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            YearSignal::Title => ("标题", "title"),
            YearSignal::Heading => ("工作情况标题", "heading on the year's work"),
            YearSignal::Opening => ("开头段", "opening sentence"),
            YearSignal::PlanHeading => ("下一年度工作标题", "heading on next year's plans"),
            YearSignal::SignatureDate => ("落款日期", "signature date"),
            YearSignal::SinceYear => ("“某年以来”", "\"since year …\""),
            YearSignal::FileName => ("文件名", "file name"),
            YearSignal::PublicationDate => ("发布日期", "publication date"),
            YearSignal::BodyMentions => ("正文提及最多的年份", "year the body mentions most"),
        };
        lang.pick(zh, en)
    }
}

/// One piece of evidence for the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEvidence {
    /// What kind of evidence.
    pub signal: YearSignal,
    /// The year it points to (already corrected: a plan heading for 2022
    /// points to 2021).
    pub year: i32,
    /// Where in the clean text; `None` for the file name and the
    /// publication date, which are not part of the text.
    pub range: Option<CharRange>,
    /// The evidence as written (the file name, the ISO date, "2020 ×5").
    pub text: String,
}

/// The outcome of the vote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearInference {
    /// The year reported on.
    pub year: Option<i32>,
    /// The strongest evidence for that year.
    pub source: Option<YearEvidence>,
    /// Every signal found, strongest first.
    pub signals: Vec<YearEvidence>,
    /// Signals that point to another year.
    pub conflicts: Vec<YearEvidence>,
}

/// What the year reader needs to know about the text.
pub(super) struct YearInput<'a> {
    /// Paragraphs of the clean text.
    pub paras: &'a [&'a str],
    /// Character offset of each paragraph's start.
    pub starts: &'a [usize],
    /// The title paragraph.
    pub title: Option<usize>,
    /// The first heading's paragraph (or the paragraph count).
    pub first_heading: usize,
    /// Headings: (paragraph, level, text start in chars within the
    /// paragraph, text, section end as a paragraph index).
    pub headings: Vec<(usize, u8, usize, &'a str, usize)>,
    /// The signature date (ISO) and its paragraph.
    pub signed: Option<(String, usize)>,
    /// The publication date (ISO).
    pub published: Option<&'a str>,
    /// The file name.
    pub file_name: Option<&'a str>,
}

/// The value of a year as written.
pub(super) fn year_value(s: &str) -> Option<i32> {
    super::headings::digits_value(s)
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1990..=2100).contains(y))
}

/// The year a date covers: a report signed or published in January–April
/// reports on the year before.
fn covered_by_date(iso: &str) -> Option<i32> {
    let year: i32 = iso.get(0..4)?.parse().ok()?;
    let month: u32 = iso.get(5..7)?.parse().ok()?;
    Some(if month <= 4 { year - 1 } else { year })
}

/// Character offset of byte `b` inside paragraph `p`.
fn at(input: &YearInput, p: usize, b: usize) -> usize {
    let para = input.paras.get(p).copied().unwrap_or("");
    let start = input.starts.get(p).copied().unwrap_or(0);
    start + para.get(..b).map_or(0, |s| s.chars().count())
}

fn evidence(
    input: &YearInput,
    signal: YearSignal,
    year: i32,
    p: usize,
    m: regex::Match,
) -> YearEvidence {
    let range = CharRange::new(at(input, p, m.start()), at(input, p, m.end()));
    YearEvidence {
        signal,
        year,
        range: Some(range),
        text: m.as_str().trim().to_string(),
    }
}

/// The first capture group that matched, as a year.
fn captured_year(c: &regex::Captures) -> Option<i32> {
    c.iter()
        .skip(1)
        .flatten()
        .next()
        .and_then(|m| year_value(m.as_str()))
}

/// Collects every signal and votes.
pub(super) fn infer(input: &YearInput) -> YearInference {
    let mut found: Vec<YearEvidence> = Vec::new();

    if let Some(t) = input.title
        && let Some(para) = input.paras.get(t)
        && let Some(c) = ANY_YEAR
            .captures(para)
            .or_else(|| super::metadata::YEAR.captures(para))
        && let (Some(y), Some(m)) = (captured_year(&c), c.get(0))
    {
        found.push(evidence(input, YearSignal::Title, y, t, m));
    }

    // The front matter: between the title and the first heading, at most a
    // few paragraphs (a text without headings has no front matter to
    // speak of beyond its opening).
    let front_start = input.title.map_or(0, |t| t + 1);
    let front_end = input.first_heading.min(front_start + 6);
    for p in front_start..front_end {
        let Some(para) = input.paras.get(p) else {
            break;
        };
        if let Some(c) = OPENING.captures(para)
            && let (Some(y), Some(m)) = (captured_year(&c), c.get(0))
        {
            found.push(evidence(input, YearSignal::Opening, y, p, m));
        }
    }
    for (p, para) in input.paras.iter().enumerate() {
        // (SINCE cannot match without 以来; most paragraphs lack it.)
        if para.contains("以来")
            && let Some(c) = SINCE.captures(para)
            && let (Some(y), Some(m)) = (captured_year(&c), c.get(0))
        {
            found.push(evidence(input, YearSignal::SinceYear, y, p, m));
            break;
        }
    }

    // Headings: a year in a heading on the year's work is that year; in a
    // heading on next year's plans it is the year after. A plans heading
    // without a year whose section opens with one ("2021年，我区将…")
    // says the same.
    let mut plan_sections: Vec<(usize, usize)> = Vec::new();
    for &(p, level, text_start, text, end) in &input.headings {
        if level > 2 {
            continue;
        }
        let plan = PLAN_HEADING.is_match(text);
        if plan {
            plan_sections.push((p, end));
        }
        let para = input.paras.get(p).copied().unwrap_or("");
        let text_byte = para
            .char_indices()
            .nth(text_start)
            .map_or(para.len(), |(b, _)| b);
        let year_in_heading = ANY_YEAR
            .captures_at(para, text_byte)
            .and_then(|c| Some((captured_year(&c)?, c.get(0)?)))
            .filter(|(_, m)| m.start() < text_byte + text.len());
        match (year_in_heading, plan) {
            (Some((y, m)), false) => {
                found.push(evidence(input, YearSignal::Heading, y, p, m));
            }
            (Some((y, m)), true) => {
                found.push(evidence(input, YearSignal::PlanHeading, y - 1, p, m));
            }
            (None, true) => {
                let next = p + 1;
                if let Some(body) = input.paras.get(next)
                    && next < end.max(next + 1)
                    && let Some(c) = LEADING_YEAR.captures(body)
                    && let (Some(y), Some(m)) = (captured_year(&c), c.get(0))
                {
                    found.push(evidence(input, YearSignal::PlanHeading, y - 1, next, m));
                }
            }
            (None, false) => {}
        }
    }

    if let Some((iso, p)) = &input.signed
        && let Some(y) = covered_by_date(iso)
    {
        let para = input.paras.get(*p).copied().unwrap_or("");
        let start = input.starts.get(*p).copied().unwrap_or(0);
        found.push(YearEvidence {
            signal: YearSignal::SignatureDate,
            year: y,
            range: Some(CharRange::new(start, start + para.chars().count())),
            text: para.trim().to_string(),
        });
    }
    if let Some(iso) = input.published
        && let Some(y) = covered_by_date(iso)
    {
        found.push(YearEvidence {
            signal: YearSignal::PublicationDate,
            year: y,
            range: None,
            text: iso.to_string(),
        });
    }
    if let Some(name) = input.file_name
        && let Some(y) = FILE_YEAR
            .captures(name)
            .and_then(|c| c.get(1))
            .and_then(|m| year_value(m.as_str()))
    {
        found.push(YearEvidence {
            signal: YearSignal::FileName,
            year: y,
            range: None,
            text: name.to_string(),
        });
    }
    if let Some(e) = body_mentions(input, &plan_sections) {
        found.push(e);
    }
    vote(found)
}

/// The year the body mentions most, outside plans sections and outside
/// spans of years ("2021—2025年", "到2025年"), when one year clearly leads.
fn body_mentions(input: &YearInput, plans: &[(usize, usize)]) -> Option<YearEvidence> {
    let mut counts: BTreeMap<i32, (usize, usize, regex::Match)> = BTreeMap::new();
    for (p, para) in input.paras.iter().enumerate() {
        if plans.iter().any(|(a, b)| p >= *a && p <= *b) {
            continue;
        }
        for c in ANY_YEAR.captures_iter(para) {
            let (Some(m), Some(y)) = (c.get(0), captured_year(&c)) else {
                continue;
            };
            let before = para.get(..m.start()).unwrap_or("").trim_end();
            if before.ends_with(['—', '–', '-', '－', '~', '～', '至', '到']) {
                continue;
            }
            counts.entry(y).or_insert((0, p, m)).0 += 1;
        }
    }
    let mut ranked: Vec<(i32, usize, usize, regex::Match)> = counts
        .into_iter()
        .map(|(y, (n, p, m))| (y, n, p, m))
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let (year, n, p, m) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.1);
    if n < 2 || n <= second {
        return None;
    }
    let mut e = evidence(input, YearSignal::BodyMentions, year, p, m);
    e.text = format!("{year} ×{n}");
    Some(e)
}

/// Each kind of signal votes once per year with its weight; the year with
/// the most weight wins (ties: the one with the strongest single signal).
fn vote(mut found: Vec<YearEvidence>) -> YearInference {
    found.sort_by(|a, b| {
        b.signal
            .weight()
            .cmp(&a.signal.weight())
            .then(a.signal.cmp(&b.signal))
    });
    let mut seen = std::collections::HashSet::new();
    found.retain(|e| seen.insert((e.signal, e.year)));
    let mut score: BTreeMap<i32, (u32, u32)> = BTreeMap::new();
    for e in &found {
        let s = score.entry(e.year).or_default();
        s.0 += e.signal.weight();
        s.1 = s.1.max(e.signal.weight());
    }
    let year = score
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(y, _)| *y);
    let source = found.iter().find(|e| Some(e.year) == year).cloned();
    let conflicts = found
        .iter()
        .filter(|e| Some(e.year) != year)
        .cloned()
        .collect();
    YearInference {
        year,
        source,
        signals: found,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(paras: &'a [&'a str], starts: &'a [usize]) -> YearInput<'a> {
        YearInput {
            paras,
            starts,
            title: None,
            first_heading: paras.len(),
            headings: Vec::new(),
            signed: None,
            published: None,
            file_name: None,
        }
    }

    #[test]
    fn dates_cover_the_previous_year_until_april() {
        assert_eq!(covered_by_date("2021-01-05"), Some(2020));
        assert_eq!(covered_by_date("2021-04-30"), Some(2020));
        assert_eq!(covered_by_date("2021-05-01"), Some(2021));
        assert_eq!(covered_by_date("2025-12-03"), Some(2025));
        assert_eq!(covered_by_date("bad"), None);
    }

    #[test]
    fn a_plans_heading_points_to_the_year_before_and_headings_outvote_the_file_name() {
        let paras = [
            "一、2019年工作开展情况",
            "正文。",
            "三、2020年工作要点",
            "正文。",
        ];
        let starts = [0, 14, 18, 30];
        let mut i = input(&paras, &starts);
        i.first_heading = 0;
        i.headings = vec![
            (0, 1, 2, "2019年工作开展情况", 1),
            (2, 1, 2, "2020年工作要点", 3),
        ];
        i.file_name = Some("report_2020.txt");
        let r = infer(&i);
        assert_eq!(r.year, Some(2019));
        let src = r.source.unwrap();
        assert_eq!(src.signal, YearSignal::Heading);
        assert_eq!(src.range, Some(CharRange::new(2, 7)));
        assert!(
            r.signals
                .iter()
                .any(|e| e.signal == YearSignal::PlanHeading && e.year == 2019)
        );
        assert_eq!(r.conflicts.len(), 1);
        assert_eq!(r.conflicts[0].signal, YearSignal::FileName);
        assert_eq!(r.conflicts[0].year, 2020);
    }

    #[test]
    fn openings_since_and_signature() {
        let paras = [
            "２０２１年，我区坚持依法行政。",
            "2021年以来，我区扎实推进。",
            "某区人民政府",
            "2022年1月10日",
        ];
        let starts = [0, 16, 31, 38];
        let mut i = input(&paras, &starts);
        i.signed = Some(("2022-01-10".into(), 3));
        let r = infer(&i);
        assert_eq!(r.year, Some(2021));
        let kinds: Vec<YearSignal> = r.signals.iter().map(|e| e.signal).collect();
        assert_eq!(
            kinds,
            [
                YearSignal::Opening,
                YearSignal::SignatureDate,
                YearSignal::SinceYear,
                YearSignal::BodyMentions
            ]
        );
        assert!(r.conflicts.is_empty());
    }

    #[test]
    fn body_mentions_skip_year_spans_and_need_a_clear_lead() {
        let paras = [
            "落实《纲要（2021—2025年）》，到2025年基本建成。",
            "2022年完成。2022年启动。",
        ];
        let starts = [0, 30];
        let r = infer(&input(&paras, &starts));
        assert_eq!(r.year, Some(2022));
        assert_eq!(r.source.unwrap().signal, YearSignal::BodyMentions);
        let paras = ["2021年完成。2022年启动。"];
        assert_eq!(infer(&input(&paras, &[0])).year, None);
    }
}
