//! Report metadata: title, reporting unit, year reported on, signature
//! date. Never guessed: a value not supported by the text stays `None`.
//! Web-page date widgets were removed by cleaning and are never used.

use std::sync::LazyLock;

use regex::Regex;

use serde::{Deserialize, Serialize};

use super::{Metadata, Structure, year};
use crate::i18n::Lang;
use crate::text::{CharRange, iso_date};

#[allow(clippy::unwrap_used)] // constant patterns, covered by tests
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

// ASCII or full-width digits ("２０２０年").
pub(super) static YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"((?:20|19|２０|１９)[0-9０-９]{2})\s*(?:年|）|\))"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"));
static CN_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$",
    )
});
static UNIT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:中共)?[\p{Han}（）()·\s]{2,40}?(?:人民政府|政府|委员会|管委会|管理委员会|局|办公室|办事处|街道|司法所|区委|县委|市委|党委|党组)$",
    )
});
static BODY_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([\p{Han}]{2,20}?(?:人民政府|管理委员会|管委会|司法局|[^\p{Han}]?局))(?:坚持|始终|深入|认真|紧紧|全面|扎实|以)",
    )
});

/// Subject of an opening sentence that starts with the year:
/// "2022年,经开区在市委、市政府的统一领导下".
static OPENING_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:20|19|２０|１９)[0-9０-９]{2}\s*年(?:度)?\s*[，,]\s*([\p{Han}]{2,14}?(?:人民政府|管理委员会|管委会|政府|区|县|镇|乡|街道|局))(?:在|坚持|始终|深入|认真|紧紧|全面|扎实|以)",
    )
});
/// A 主送-style line naming the reporting body: "某区人民政府关于…的报告".
static ADDRESSER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^((?:中共)?[\p{Han}]{2,24}?(?:人民政府|管理委员会|管委会|委员会|办公室|局))关于")
});
/// How the report refers to its own body or area: 我区, 我镇, 我局, 全区…
static SELF_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(&format!("(我|全)({})", SELF_SUFFIXES.join("|"))));

/// Where a unit was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitSignal {
    /// The title ("湛江经济技术开发区2020年法治政府建设工作报告").
    Title,
    /// The issuing body's line above the title.
    Header,
    /// The 落款 signer before the date.
    Signature,
    /// The opening: "某区人民政府关于…", "2022年，经开区在…", "营仔镇人民政府坚持…".
    Opening,
    /// 我区/我镇 in the body, with the name it gives itself in its own
    /// documents ("《湛河区2020年度法治政府建设工作安排》").
    SelfReference,
}

impl UnitSignal {
    /// Stable snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitSignal::Title => "title",
            UnitSignal::Header => "header",
            UnitSignal::Signature => "signature",
            UnitSignal::Opening => "opening",
            UnitSignal::SelfReference => "self_reference",
        }
    }

    /// Short description in the user's language.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            UnitSignal::Title => ("标题", "title"),
            UnitSignal::Header => ("发文机关行", "issuing body line"),
            UnitSignal::Signature => ("落款", "signature"),
            UnitSignal::Opening => ("开头段", "opening"),
            UnitSignal::SelfReference => ("正文自称", "how the text names itself"),
        };
        lang.pick(zh, en)
    }
}

/// One piece of evidence for the reporting unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitEvidence {
    /// What kind of evidence.
    pub signal: UnitSignal,
    /// The unit it names.
    pub unit: String,
    /// Where the name is in the clean text.
    pub range: CharRange,
    /// The paragraph (or, for self-references, the phrases) it was read from.
    pub text: String,
}

/// Words that make a short early paragraph a report title.
fn is_title_like(p: &str) -> bool {
    let n = p.chars().count();
    n <= 70
        && !p.ends_with(['。', '：', ':'])
        && (p.contains("报告") || p.contains("情况") || p.contains("总结"))
        && (p.contains("法治") || p.contains("依法") || p.contains("法制"))
}

/// Paragraphs with their character offsets.
struct Paras<'a> {
    text: Vec<&'a str>,
    starts: Vec<usize>,
}

impl Paras<'_> {
    /// The character range of `needle` found at byte `b` of paragraph `p`.
    fn range(&self, p: usize, b: usize, needle: &str) -> CharRange {
        let para = self.text.get(p).copied().unwrap_or("");
        let start = self.starts.get(p).copied().unwrap_or(0)
            + para.get(..b).map_or(0, |s| s.chars().count());
        CharRange::new(start, start + needle.chars().count())
    }

    /// Evidence for `unit` inside paragraph `p` (the whole paragraph when
    /// the unit is not written there as such).
    fn unit(&self, signal: UnitSignal, p: usize, unit: String) -> UnitEvidence {
        let para = self.text.get(p).copied().unwrap_or("");
        let range = match para.find(&unit) {
            Some(b) => self.range(p, b, &unit),
            None => self.range(p, 0, para),
        };
        UnitEvidence {
            signal,
            unit,
            range,
            text: para.trim().to_string(),
        }
    }
}

/// Extracts the metadata of a structured text.
pub fn extract(
    text: &str,
    s: &Structure,
    published: Option<&str>,
    file_name: Option<&str>,
) -> Metadata {
    let paras = Paras {
        text: text.split('\n').collect(),
        starts: s.paragraphs.iter().map(|p| p.range.start).collect(),
    };
    let first_heading_para = s.headings.first().map_or(paras.text.len(), |h| h.paragraph);
    let mut meta = Metadata {
        published: published.map(str::to_string),
        ..Metadata::default()
    };

    let title_idx = (0..first_heading_para.min(6))
        .find(|i| paras.text.get(*i).is_some_and(|p| is_title_like(p)));
    if let Some(i) = title_idx {
        meta.title = paras.text.get(i).map(|p| p.to_string());
        meta.title_range = s.paragraphs.get(i).map(|p| p.range);
    }

    // Unit: every signal, then the first by precedence.
    let mut units = Vec::new();
    if let Some(i) = title_idx
        && let Some(u) = meta.title.as_deref().and_then(unit_from_title)
    {
        units.push(paras.unit(UnitSignal::Title, i, u));
    }
    if let Some((i, u)) = header_unit(&paras.text, title_idx.unwrap_or(0)) {
        units.push(paras.unit(UnitSignal::Header, i, u));
    }
    let signed = signature_date(&paras.text);
    if let Some((i, u)) = signature_unit(&paras.text) {
        units.push(paras.unit(UnitSignal::Signature, i, u));
    }
    if let Some((i, u)) = opening_unit(&paras.text, title_idx, first_heading_para) {
        units.push(paras.unit(UnitSignal::Opening, i, u));
    }
    if let Some(e) = self_reference_unit(&paras) {
        units.push(e);
    }
    units.sort_by_key(|e| e.signal);
    meta.unit_source = units.first().cloned();
    meta.unit = meta.unit_source.as_ref().map(|e| e.unit.clone());
    meta.unit_signals = units;

    let headings: Vec<(usize, u8, usize, &str, usize)> = s
        .headings
        .iter()
        .zip(&s.sections)
        .map(|(h, sec)| {
            let para_start = paras.starts.get(h.paragraph).copied().unwrap_or(0);
            let end_para = s.paragraph_at(sec.range.end).unwrap_or(h.paragraph);
            (
                h.paragraph,
                h.level,
                h.text_range.start.saturating_sub(para_start),
                h.text.as_str(),
                end_para,
            )
        })
        .collect();
    let inferred = year::infer(&year::YearInput {
        paras: &paras.text,
        starts: &paras.starts,
        title: title_idx,
        first_heading: first_heading_para,
        headings,
        signed: signed.clone(),
        published,
        file_name,
    });
    meta.year = inferred.year;
    meta.year_source = inferred.source;
    meta.year_signals = inferred.signals;
    meta.year_conflicts = inferred.conflicts;
    meta.date = signed.map(|(d, _)| d);
    meta
}

/// The unit is what precedes 关于, the year, or 法治政府 in the title:
/// "湛江经济技术开发区2020年法治政府建设工作报告" → 湛江经济技术开发区.
fn unit_from_title(title: &str) -> Option<String> {
    let title = title.trim();
    let mut cut = title.len();
    for key in ["关于", "法治政府", "依法行政", "法治建设", "法制"] {
        if let Some(p) = title.find(key) {
            cut = cut.min(p);
        }
    }
    if let Some(m) = YEAR.find(title) {
        cut = cut.min(m.start());
    }
    let unit = title[..cut]
        .trim()
        .trim_end_matches(['的', '（', '('])
        .trim();
    if unit.chars().count() >= 2 {
        return Some(unit.to_string());
    }
    // "2020年XX区法治政府建设情况报告": the unit follows the year.
    let after_year = YEAR.find(title).map(|m| &title[m.end()..])?;
    let after_year = after_year.trim_start_matches('度');
    let end = ["法治政府", "依法行政", "法治建设"]
        .iter()
        .filter_map(|k| after_year.find(k))
        .min()?;
    let unit = after_year[..end].trim();
    (unit.chars().count() >= 2).then(|| unit.to_string())
}

/// An issuing-body line above the title ("湛江市霞山区司法局").
fn header_unit(paras: &[&str], title_idx: usize) -> Option<(usize, String)> {
    paras
        .iter()
        .take(title_idx)
        .position(|p| UNIT_SUFFIX.is_match(p))
        .and_then(|i| Some((i, paras.get(i)?.trim().to_string())))
}

/// The 落款 before the date at the end ("廉江市营仔镇人民政府").
fn signature_unit(paras: &[&str]) -> Option<(usize, String)> {
    let tail = paras.len().saturating_sub(5);
    (tail..paras.len())
        .rev()
        .find(|i| {
            paras
                .get(*i)
                .is_some_and(|p| p.chars().count() <= 40 && UNIT_SUFFIX.is_match(p))
        })
        .and_then(|i| Some((i, paras.get(i)?.trim().to_string())))
}

/// A unit named in the opening: a "某区人民政府关于…" line, the subject of
/// a sentence opening with the year ("2022年,经开区在…"), or of the
/// opening sentence ("营仔镇人民政府坚持…").
fn opening_unit(
    paras: &[&str],
    title_idx: Option<usize>,
    first_heading_para: usize,
) -> Option<(usize, String)> {
    let start = title_idx.map_or(0, |t| t + 1);
    let end = first_heading_para.max(start + 1).min(start + 6);
    (start..end).find_map(|i| {
        let p = paras.get(i)?;
        let m = ADDRESSER
            .captures(p)
            .or_else(|| OPENING_SUBJECT.captures(p))
            .or_else(|| BODY_UNIT.captures(p))?;
        let unit = m.get(1)?.as_str();
        // "2021年，全区坚持…" names the area, not the body.
        (!is_generic_name(unit)).then(|| (i, unit.to_string()))
    })
}

/// Names no unit calls itself by: the whole area, a district of a town…
fn is_generic_name(name: &str) -> bool {
    const LEADING: &[char] = &[
        '全', '本', '该', '各', '我', '辖', '每', '此', '城', '社', '园', '片', '景', '山', '街',
        '小', '校', '市', '乡', '村',
    ];
    let n = name.chars().count();
    n < 2 || name.starts_with(LEADING) && n <= 3 || name.contains(['年', '度'])
}

/// The suffixes [`SELF_WORD`] captures after 我 / 全 (我区, 全县 …).
const SELF_SUFFIXES: [&str; 7] = ["区", "县", "镇", "乡", "街道", "市", "局"];

/// For each of [`SELF_SUFFIXES`], the pattern naming the body whose
/// self-reference ends in it; compiled once: compiling it for every report
/// cost about 5 % of a batch (docs/PERFORMANCE.md).
static NAMED_UNIT: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    SELF_SUFFIXES
        .iter()
        .map(|suffix| {
            re(&format!(
                r"《\s*(?:(?:20|19)\d{{2}}\s*年度?\s*)?([\p{{Han}}]{{2,10}}?{suffix})|^\s*(?:20|19)\d{{2}}\s*年度?\s*[，,]\s*([\p{{Han}}]{{2,10}}?{suffix})(?:在|坚持|始终|深入|认真|紧紧|全面|扎实|以)"
            ))
        })
        .collect()
});

fn named_unit_regex(suffix: &str) -> Option<&'static Regex> {
    let i = SELF_SUFFIXES.iter().position(|s| *s == suffix)?;
    NAMED_UNIT.get(i)
}

/// The body calls the reporting body 我区/我镇 (or its area 全区); the name it uses for itself
/// is the one that heads its own documents ("《湛河区 2020 年度…》",
/// "《2019年度霞山区…》") or opens a sentence with the year. The most
/// frequent such name with the same suffix as the self-reference wins.
fn self_reference_unit(paras: &Paras) -> Option<UnitEvidence> {
    let mut words: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in &paras.text {
        // Every match is 我 or 全 and a suffix: split by hand, which is
        // cheaper than asking the regex for its groups at every match.
        for m in SELF_WORD.find_iter(p) {
            let mut chars = m.as_str().chars();
            let Some(who) = chars.next() else { continue };
            let suffix = chars.as_str();
            // 我区 names the body itself; 全区 ("the whole district") only
            // its kind of area, so it counts less. 全局 is "overall".
            let weight = match (who, suffix) {
                ('全', "局") => 0,
                ('全', _) => 1,
                _ => 2,
            };
            *words.entry(suffix).or_default() += weight;
        }
    }
    let (suffix, _) = words
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)?;
    let named = named_unit_regex(suffix)?;
    // name -> (count, first paragraph, byte offset)
    let mut names: Vec<(String, usize, usize, usize)> = Vec::new();
    for (i, p) in paras.text.iter().enumerate() {
        // The name heads a document title (《) or a paragraph opening with
        // the year; other paragraphs cannot match and are not scanned.
        let opening = p.trim_start();
        if !p.contains('《') && !opening.starts_with("20") && !opening.starts_with("19") {
            continue;
        }
        for c in named.captures_iter(p) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let name = m.as_str();
            if is_generic_name(name) {
                continue;
            }
            match names.iter_mut().find(|n| n.0 == name) {
                Some(n) => n.1 += 1,
                None => names.push((name.to_string(), 1, i, m.start())),
            }
        }
    }
    // The most frequent; on a tie, the first seen.
    let best = names
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.1.cmp(&b.1).then(ib.cmp(ia)))
        .map(|(_, n)| n)?;
    Some(UnitEvidence {
        signal: UnitSignal::SelfReference,
        unit: best.0.clone(),
        range: paras.range(best.2, best.3, &best.0),
        text: format!("我{suffix} · {} ×{}", best.0, best.1),
    })
}

#[cfg(test)]
fn year_in(s: &str) -> Option<i32> {
    YEAR.captures(s)
        .and_then(|c| c.get(1))
        .and_then(|m| super::headings::digits_value(m.as_str()))
        .and_then(|y| i32::try_from(y).ok())
}

/// The year an untitled report opens with: "2025年,在廉江市委…".
#[cfg(test)]
fn opening_year(
    paras: &[&str],
    title_idx: Option<usize>,
    first_heading_para: usize,
) -> Option<i32> {
    let start = title_idx.map_or(0, |t| t + 1);
    paras
        .iter()
        .take(first_heading_para.max(start + 1))
        .skip(start)
        .find_map(|p| {
            let head: String = p.chars().take(8).collect();
            (head.starts_with("20") || head.starts_with("２０"))
                .then(|| year_in(&head))
                .flatten()
        })
}

/// The signature date: a line that is only a date, among the last lines.
/// Returns the ISO date and the date line's paragraph.
fn signature_date(paras: &[&str]) -> Option<(String, usize)> {
    let tail = paras.len().saturating_sub(6);
    (tail..paras.len()).rev().find_map(|i| {
        let p = paras.get(i)?.trim();
        if DATE_LINE.is_match(p) {
            return iso_date(p).map(|d| (d, i));
        }
        let c = CN_DATE_LINE.captures(p)?;
        let digits: String = c.get(1)?.as_str().chars().filter_map(cn_digit).collect();
        let m = super::headings::chinese_number(c.get(2)?.as_str())?;
        let d = super::headings::chinese_number(c.get(3)?.as_str())?;
        iso_date(&format!("{digits}年{m}月{d}日")).map(|d| (d, i))
    })
}

fn cn_digit(c: char) -> Option<char> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or_else(|| (c == '零').then_some(0))
        .and_then(|v| char::from_digit(v as u32, 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_from_titles() {
        let cases = [
            (
                "湛江经济技术开发区2020年法治政府建设工作报告",
                "湛江经济技术开发区",
            ),
            (
                "霞山区司法局关于2019年度法治政府建设情况报告",
                "霞山区司法局",
            ),
            ("湛河区法治政府建设年度报告（2020）", "湛河区"),
            ("2020年某某县法治政府建设情况报告", "某某县"),
            (
                "中共某区委 某区人民政府关于2024年法治政府建设情况的报告",
                "中共某区委 某区人民政府",
            ),
        ];
        for (t, u) in cases {
            assert_eq!(unit_from_title(t).as_deref(), Some(u), "{t}");
        }
    }

    #[test]
    fn units_from_the_opening_and_from_self_reference() {
        let paras = ["2022年,经开区在市委的领导下推进法治政府建设。"];
        assert_eq!(
            opening_unit(&paras, None, 1),
            Some((0, "经开区".to_string()))
        );
        let paras = ["2021年，全区坚持依法行政。"];
        assert_eq!(opening_unit(&paras, None, 1), None);
        let text = [
            "我县制定了《某某县2021年度法治政府建设工作要点》。",
            "印发《某某县法治宣传方案》和《湛江市实施意见》，我县落实。",
        ];
        let paras = Paras {
            text: text.to_vec(),
            starts: vec![0, 30],
        };
        let e = self_reference_unit(&paras).unwrap();
        assert_eq!(e.unit, "某某县");
        assert_eq!(e.signal, UnitSignal::SelfReference);
        assert_eq!(e.range, CharRange::new(6, 9));
    }

    #[test]
    fn years_and_dates() {
        assert_eq!(year_in("湛河区法治政府建设年度报告（2020）"), Some(2020));
        assert_eq!(year_in("霞山区司法局关于 2019 年度"), Some(2019));
        assert_eq!(year_in("湛河区２０２０年法治政府建设年度报告"), Some(2020));
        assert_eq!(
            opening_year(&["２０２５年，在市委的领导下"], None, 1),
            Some(2025)
        );
        assert_eq!(
            signature_date(&["正文。", "２０２５年１２月３日"])
                .map(|d| d.0)
                .as_deref(),
            Some("2025-12-03")
        );
        assert_eq!(
            signature_date(&["正文。", "某镇人民政府", "2025年12月3日"])
                .map(|d| d.0)
                .as_deref(),
            Some("2025-12-03")
        );
        assert_eq!(
            signature_date(&["正文。", "二〇二一年一月五日"])
                .map(|d| d.0)
                .as_deref(),
            Some("2021-01-05")
        );
        assert_eq!(signature_date(&["正文于2025年12月3日完成。"]), None);
    }
}
