//! Report metadata: title, reporting unit, year reported on, signature
//! date. Never guessed: a value not supported by the text stays `None`.
//! Web-page date widgets were removed by cleaning and are never used.

use std::sync::LazyLock;

use regex::Regex;

use super::{Metadata, Structure};
use crate::text::{CharRange, iso_date};

#[allow(clippy::unwrap_used)] // constant patterns, covered by tests
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

// ASCII or full-width digits ("２０２０年").
static YEAR: LazyLock<Regex> =
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

/// Words that make a short early paragraph a report title.
fn is_title_like(p: &str) -> bool {
    let n = p.chars().count();
    n <= 70
        && !p.ends_with(['。', '：', ':'])
        && (p.contains("报告") || p.contains("情况") || p.contains("总结"))
        && (p.contains("法治") || p.contains("依法") || p.contains("法制"))
}

/// Extracts the metadata of a structured text.
pub fn extract(text: &str, s: &Structure, published: Option<&str>) -> Metadata {
    let paras: Vec<&str> = text.split('\n').collect();
    let first_heading_para = s.headings.first().map_or(paras.len(), |h| h.paragraph);
    let mut meta = Metadata {
        published: published.map(str::to_string),
        ..Metadata::default()
    };

    let title_idx =
        (0..first_heading_para.min(6)).find(|i| paras.get(*i).is_some_and(|p| is_title_like(p)));
    if let Some(i) = title_idx {
        meta.title = paras.get(i).map(|p| p.to_string());
        meta.title_range = s.paragraphs.get(i).map(|p| p.range);
    }
    meta.unit = meta
        .title
        .as_deref()
        .and_then(unit_from_title)
        .or_else(|| header_unit(&paras, title_idx.unwrap_or(0)))
        .or_else(|| signature_unit(&paras))
        .or_else(|| body_unit(&paras, first_heading_para));
    meta.year = meta
        .title
        .as_deref()
        .and_then(year_in)
        .or_else(|| opening_year(&paras, title_idx, first_heading_para));
    meta.date = signature_date(&paras);
    let _ = CharRange::default();
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
fn header_unit(paras: &[&str], title_idx: usize) -> Option<String> {
    paras
        .iter()
        .take(title_idx)
        .find(|p| UNIT_SUFFIX.is_match(p))
        .map(|p| p.trim().to_string())
}

/// The 落款 before the date at the end ("廉江市营仔镇人民政府").
fn signature_unit(paras: &[&str]) -> Option<String> {
    let tail = paras.len().saturating_sub(5);
    paras
        .iter()
        .skip(tail)
        .rev()
        .find(|p| p.chars().count() <= 40 && UNIT_SUFFIX.is_match(p))
        .map(|p| p.trim().to_string())
}

/// A unit named as the subject of the opening sentence ("营仔镇人民政府坚持…").
fn body_unit(paras: &[&str], first_heading_para: usize) -> Option<String> {
    paras.iter().take(first_heading_para.max(1)).find_map(|p| {
        BODY_UNIT
            .captures(p)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    })
}

fn year_in(s: &str) -> Option<i32> {
    YEAR.captures(s)
        .and_then(|c| c.get(1))
        .and_then(|m| super::headings::digits_value(m.as_str()))
        .and_then(|y| i32::try_from(y).ok())
}

/// The year an untitled report opens with: "2025年,在廉江市委…".
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
fn signature_date(paras: &[&str]) -> Option<String> {
    let tail = paras.len().saturating_sub(6);
    paras.iter().skip(tail).rev().find_map(|p| {
        let p = p.trim();
        if DATE_LINE.is_match(p) {
            return iso_date(p);
        }
        let c = CN_DATE_LINE.captures(p)?;
        let digits: String = c.get(1)?.as_str().chars().filter_map(cn_digit).collect();
        let m = super::headings::chinese_number(c.get(2)?.as_str())?;
        let d = super::headings::chinese_number(c.get(3)?.as_str())?;
        iso_date(&format!("{digits}年{m}月{d}日"))
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
    fn years_and_dates() {
        assert_eq!(year_in("湛河区法治政府建设年度报告（2020）"), Some(2020));
        assert_eq!(year_in("霞山区司法局关于 2019 年度"), Some(2019));
        assert_eq!(year_in("湛河区２０２０年法治政府建设年度报告"), Some(2020));
        assert_eq!(
            opening_year(&["２０２５年，在市委的领导下"], None, 1),
            Some(2025)
        );
        assert_eq!(
            signature_date(&["正文。", "２０２５年１２月３日"]).as_deref(),
            Some("2025-12-03")
        );
        assert_eq!(
            signature_date(&["正文。", "某镇人民政府", "2025年12月3日"]).as_deref(),
            Some("2025-12-03")
        );
        assert_eq!(
            signature_date(&["正文。", "二〇二一年一月五日"]).as_deref(),
            Some("2021-01-05")
        );
        assert_eq!(signature_date(&["正文于2025年12月3日完成。"]), None);
    }
}
