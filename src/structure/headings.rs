//! Heading numbering (GB/T 9704: 一、 → （一） → 1. → （1）) and inline
//! enumerations (一是…二是…, "。2. …").

use super::{Enumeration, Heading, Section};
use crate::text::CharRange;

/// Value of a Chinese numeral from 一 to 九十九 (also 〇/零 digits).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a).filter(|v| *v > 0),
        ['十', b] => digit(*b).map(|v| 10 + v),
        [a, '十'] => digit(*a).map(|v| v * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

fn is_cn_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// True for an ASCII or a full-width digit: reports typed with a Chinese
/// input method number their headings "１．" and "（２）" as often as "1.".
pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a run of ASCII or full-width digits.
pub(super) fn digits_value(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| {
        let d = if c.is_ascii_digit() {
            c.to_digit(10)?
        } else {
            u32::from(c)
                .checked_sub(u32::from('０'))
                .filter(|d| *d < 10)?
        };
        n.checked_mul(10)?.checked_add(d)
    })
}

/// False only when no numbering [`parse_marker`] reads starts with `c`:
/// asked first at every clause of every paragraph, most of which start
/// with none.
fn may_start_marker(c: char) -> bool {
    matches!(c, '第' | '（' | '(' | '①'..='⑳') || is_cn_numeral(c) || is_digit(c)
}

/// The numbering at the start of a paragraph: (level, numbering as written,
/// its length in chars, ordinal). Tolerates half/full-width variants.
pub fn parse_marker(text: &str) -> Option<(u8, String, usize, u32)> {
    let chars: Vec<char> = text.chars().take(8).collect();
    let first = *chars.first()?;
    // 第一部分 第一、 (level 1): the numbering of reports written as
    // chapters.
    if first == '第' {
        let n = chars
            .iter()
            .skip(1)
            .take_while(|c| is_cn_numeral(**c))
            .count();
        let num: String = chars.iter().skip(1).take(n).collect();
        let after = chars.get(n + 1..).unwrap_or(&[]);
        let len = if after.starts_with(&['部', '分']) {
            n + 3
        } else if matches!(after.first(), Some('、' | '．')) {
            n + 2
        } else {
            return None;
        };
        if n == 0 || n > 3 {
            return None;
        }
        let ord = chinese_number(&num)?;
        return Some((1, chars.iter().take(len).collect(), len, ord));
    }
    // ① … ⑳ (level 3), as 1.
    if ('①'..='⑳').contains(&first) {
        let ord = u32::from(first) - u32::from('①') + 1;
        return Some((3, first.to_string(), 1, ord));
    }
    // 一、 一． 一. 一， (level 1)
    if is_cn_numeral(first) {
        let n = chars.iter().take_while(|c| is_cn_numeral(**c)).count();
        if n <= 3 && matches!(chars.get(n), Some('、' | '．' | '.' | '，' | ',')) {
            let num: String = chars[..n].iter().collect();
            let ord = chinese_number(&num)?;
            return Some((1, chars[..=n].iter().collect(), n + 1, ord));
        }
        return None;
    }
    // （一） (一) (level 2) and （1） (1) (level 4)
    if first == '（' || first == '(' {
        let n = chars
            .iter()
            .skip(1)
            .take_while(|c| is_cn_numeral(**c) || is_digit(**c))
            .count();
        let close = chars.get(n + 1)?;
        if n == 0 || n > 3 || !matches!(close, '）' | ')') {
            return None;
        }
        let inner: String = chars[1..=n].iter().collect();
        let numbering: String = chars[..n + 2].iter().collect();
        if inner.chars().all(is_digit) {
            return Some((4, numbering, n + 2, digits_value(&inner)?));
        }
        return Some((2, numbering, n + 2, chinese_number(&inner)?));
    }
    // 1. 1． 1、 (level 3), but not 1.68 or 2020年
    if is_digit(first) {
        let n = chars.iter().take_while(|c| is_digit(**c)).count();
        if n <= 2
            && matches!(chars.get(n), Some('.' | '．' | '、'))
            && !chars.get(n + 1).is_some_and(|c| is_digit(*c))
        {
            let num: String = chars[..n].iter().collect();
            return Some((3, chars[..=n].iter().collect(), n + 1, digits_value(&num)?));
        }
    }
    None
}

/// Longest heading text that may run into its paragraph's body.
const MAX_RUN_IN: usize = 45;
/// Longest paragraph that is taken whole as a heading.
const MAX_HEADING: usize = 80;

/// The heading a paragraph starts with, if it starts with numbering and the
/// numbered text reads as a heading (short, or a short first sentence
/// followed by body text).
pub fn heading_of(line: &str, base: usize, paragraph: usize) -> Option<Heading> {
    let (level, numbering, marker_len, _) = parse_marker(line)?;
    let chars: Vec<char> = line.chars().collect();
    let mut text_start = marker_len;
    while chars.get(text_start).is_some_and(|c| c.is_whitespace()) {
        text_start += 1;
    }
    let rest = &chars[text_start.min(chars.len())..];
    if rest.is_empty() {
        return None;
    }
    let stop = rest
        .iter()
        .position(|c| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';'));
    let (text_len, runs_into_body) = match stop {
        Some(p) if p + 1 < rest.len() => {
            if p > MAX_RUN_IN || p == 0 {
                return None;
            }
            (p, true)
        }
        Some(p) => {
            if rest.len() > MAX_HEADING {
                return None;
            }
            (p, false)
        }
        None => {
            if rest.len() > MAX_HEADING {
                return None;
            }
            (rest.len(), false)
        }
    };
    let mut text: String = rest[..text_len].iter().collect();
    // A heading that ends with a colon introduces what follows; keep the text.
    while text.ends_with(['：', ':']) {
        text.pop();
    }
    let text_range = CharRange::new(base + text_start, base + text_start + text.chars().count());
    Some(Heading {
        level,
        numbering,
        text,
        range: CharRange::new(base, text_range.end),
        text_range,
        paragraph,
        runs_into_body,
    })
}

/// Finds inline enumeration items in a paragraph: 一是/二是/… and numbered
/// clauses after a sentence end ("。2. 建立…", "；（3）…").
pub fn enumerations_of(line: &str, base: usize, paragraph: usize, out: &mut Vec<Enumeration>) {
    let chars: Vec<char> = line.chars().collect();
    let mut found: Vec<(usize, usize, String, u32)> = Vec::new(); // (start, marker len, marker, ordinal)
    let boundary = |i: usize| {
        i == 0
            || matches!(
                chars.get(i - 1),
                Some('。' | '；' | ';' | '：' | ':' | '，' | '！' | '？')
            )
    };
    let mut i = 0;
    while i < chars.len() {
        if boundary(i) {
            // 一是 … 十是
            let n = chars[i..]
                .iter()
                .take(3)
                .take_while(|c| is_cn_numeral(**c))
                .count();
            if n > 0 && chars.get(i + n) == Some(&'是') {
                let num: String = chars[i..i + n].iter().collect();
                if let Some(ord) = chinese_number(&num) {
                    found.push((i, n + 1, format!("{num}是"), ord));
                    i += n + 1;
                    continue;
                }
            }
            // Numbered clauses inside the paragraph (not at its start, where
            // they are headings or numbered paragraphs).
            if i > 0
                && !matches!(chars.get(i - 1), Some('，'))
                && chars.get(i).is_some_and(|&c| may_start_marker(c))
            {
                let tail: String = chars[i..chars.len().min(i + 8)].iter().collect();
                if let Some((level, marker, len, ord)) = parse_marker(&tail)
                    && level >= 3
                {
                    found.push((i, len, marker, ord));
                    i += len;
                    continue;
                }
            }
        }
        i += 1;
    }
    // Keep only runs that count up (一是, 二是…), so stray matches drop out.
    // Two families, 一是… and numbered clauses, each with its last ordinal
    // kept (tracked, not searched for, so a long paragraph stays linear).
    let family = |marker: &str| usize::from(!marker.ends_with('是'));
    let mut last: [Option<u32>; 2] = [None, None];
    let mut kept: Vec<(usize, usize, String, u32)> = Vec::new();
    for f in found {
        let fam = family(&f.2);
        // A paragraph that opens with "三是" continues a list begun in an
        // earlier paragraph (PDF reports give each item its own paragraph).
        let ok = match last[fam] {
            Some(p) => f.3 == p + 1 || f.3 == 1,
            None => f.3 <= 2 || f.0 == 0,
        };
        if ok {
            last[fam] = Some(f.3);
            kept.push(f);
        }
    }
    // Each item runs to the next item of its family.
    let mut ends = vec![chars.len(); kept.len()];
    let mut next_start = [chars.len(); 2];
    for (k, item) in kept.iter().enumerate().rev() {
        let fam = family(&item.2);
        if let Some(end) = ends.get_mut(k) {
            *end = next_start[fam];
        }
        next_start[fam] = item.0;
    }
    for ((start, _, marker, ordinal), end) in kept.iter().zip(ends) {
        out.push(Enumeration {
            paragraph,
            marker: marker.clone(),
            ordinal: *ordinal,
            range: CharRange::new(base + start, base + end),
        });
    }
}

/// One section per heading: to the next heading of the same or a higher
/// (smaller) level, or the end of the text.
pub fn sections(headings: &[Heading], total: usize) -> Vec<Section> {
    // One pass over a stack of open sections (levels strictly increasing
    // upwards): a heading closes every open section of its level or deeper,
    // and the one left on top is its parent. Linear, so a text of many
    // thousands of headings cannot stall loading.
    let mut ends = vec![total; headings.len()];
    let mut parents = vec![None; headings.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while let Some(&top) = open.last() {
            if headings.get(top).is_some_and(|t| t.level >= h.level) {
                if let Some(end) = ends.get_mut(top) {
                    *end = h.range.start.saturating_sub(1);
                }
                open.pop();
            } else {
                break;
            }
        }
        if let Some(parent) = parents.get_mut(i) {
            *parent = open.last().copied();
        }
        open.push(i);
    }
    headings
        .iter()
        .zip(ends.into_iter().zip(parents))
        .enumerate()
        .map(|(i, (h, (end, parent)))| Section {
            heading: i,
            range: CharRange::new(h.range.start, end.max(h.range.end)),
            parent,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character some numbering starts with passes the check made
    /// before parsing: every BMP character is tried in front of the tails a
    /// numbering can have.
    #[test]
    fn the_check_before_parsing_a_marker_never_skips_one() {
        let tails = [
            "",
            "、",
            "．",
            ".",
            "，",
            "是",
            "）",
            ")",
            "一、",
            "1）",
            "二部分",
            "十）",
            "1.5",
        ];
        let mut seen = 0;
        for code in 0..=0xFFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for tail in tails {
                if parse_marker(&format!("{c}{tail}")).is_some() {
                    seen += 1;
                    assert!(may_start_marker(c), "{c}{tail}");
                }
            }
        }
        assert!(seen > 40, "{seen}");
    }

    #[test]
    fn markers_of_every_level_and_width() {
        let cases = [
            ("一、主要举措", Some((1, "一、", 1))),
            ("十二、其他", Some((1, "十二、", 12))),
            ("（一）强化", Some((2, "（一）", 1))),
            ("(十一)依法", Some((2, "(十一)", 11))),
            ("1.认真", Some((3, "1.", 1))),
            ("2．精心", Some((3, "2．", 2))),
            ("3、加强", Some((3, "3、", 3))),
            ("（1）规范", Some((4, "（1）", 1))),
            ("(12)规范", Some((4, "(12)", 12))),
            ("１．认真", Some((3, "１．", 1))),
            ("１２、加强", Some((3, "１２、", 12))),
            ("（３）规范", Some((4, "（３）", 3))),
            ("第一部分 主要举措", Some((1, "第一部分", 1))),
            ("第十二、其他", Some((1, "第十二、", 12))),
            ("②规范执法", Some((3, "②", 2))),
            ("⑳其他", Some((3, "⑳", 20))),
            ("第一责任人", None),
            ("第三方评估", None),
            ("１．６８亿元", None),
            ("1.68亿元", None),
            ("2020年", None),
            ("一是加强", None),
            ("一体化", None),
            ("（注）", None),
        ];
        for (text, want) in cases {
            let got = parse_marker(text).map(|(l, m, _, o)| (l, m, o));
            assert_eq!(got, want.map(|(l, m, o)| (l, m.to_string(), o)), "{text}");
        }
    }

    #[test]
    fn heading_running_into_its_paragraph() {
        let h = heading_of(
            "（一）强化组织领导，压实法治责任。镇党委书记切实承担起职责。",
            10,
            3,
        )
        .unwrap();
        assert_eq!(
            (h.level, h.numbering.as_str(), h.text.as_str()),
            (2, "（一）", "强化组织领导，压实法治责任")
        );
        assert!(h.runs_into_body);
        assert_eq!(h.text_range, CharRange::new(13, 26));
        assert_eq!(h.range, CharRange::new(10, 26));
        let whole = heading_of("一、 主要工作情况", 0, 0).unwrap();
        assert_eq!(
            (whole.text.as_str(), whole.runs_into_body),
            ("主要工作情况", false)
        );
        let colon = heading_of("三、存在的主要问题：", 0, 0).unwrap();
        assert_eq!(colon.text, "存在的主要问题");
        // A long numbered paragraph whose first sentence is long is not a heading.
        let long = format!("1.{}。后文", "很".repeat(70));
        assert!(heading_of(&long, 0, 0).is_none());
    }

    #[test]
    fn inline_enumerations_count_up() {
        let mut out = Vec::new();
        enumerations_of(
            "三是健全机制。一是开展评议。统一是基础。二是落实自查。",
            0,
            0,
            &mut out,
        );
        let markers: Vec<&str> = out.iter().map(|e| e.marker.as_str()).collect();
        // "三是" opening a paragraph continues an earlier list.
        assert_eq!(markers, ["三是", "一是", "二是"]);
        assert_eq!(out[1].range, CharRange::new(7, 20));
        let mut out = Vec::new();
        enumerations_of(
            "1.认真安排部署。为统筹安排。2.精心组织实施。紧紧围绕。",
            0,
            0,
            &mut out,
        );
        assert_eq!(out.iter().map(|e| e.ordinal).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn interleaved_enumerations_run_to_the_next_item_of_their_family() {
        let text = "一是甲；2. 乙；二是丙；（3）丁；三是戊。";
        let mut out = Vec::new();
        enumerations_of(text, 100, 0, &mut out);
        let got: Vec<(&str, usize, usize)> = out
            .iter()
            .map(|e| (e.marker.as_str(), e.range.start - 100, e.range.end - 100))
            .collect();
        assert_eq!(
            got,
            [
                ("一是", 0, 9),
                ("2.", 4, 13),
                ("二是", 9, 18),
                ("（3）", 13, 22),
                ("三是", 18, 22)
            ]
        );
        // A paragraph of 60,000 items whose numbered clauses never count up
        // again: kept once, and found without re-scanning the list.
        let long = "一是甲；2. 乙；（3）丁；二是丙。".repeat(20_000);
        let mut out = Vec::new();
        enumerations_of(&long, 0, 0, &mut out);
        assert_eq!(out.iter().filter(|e| !e.marker.ends_with('是')).count(), 2);
        assert_eq!(out.len(), 40_002);
    }

    #[test]
    fn sections_nest_and_tolerate_skipped_levels() {
        let hs: Vec<Heading> = [(0, 1), (10, 3), (20, 2), (30, 1)]
            .iter()
            .enumerate()
            .map(|(i, (s, l))| Heading {
                level: *l,
                numbering: String::new(),
                text: String::new(),
                range: CharRange::new(*s, s + 5),
                text_range: CharRange::new(*s, s + 5),
                paragraph: i,
                runs_into_body: false,
            })
            .collect();
        let secs = sections(&hs, 50);
        assert_eq!(secs.len(), 4);
        assert_eq!(secs[0].range, CharRange::new(0, 29));
        assert_eq!(secs[1].range, CharRange::new(10, 19));
        assert_eq!(secs[1].parent, Some(0));
        assert_eq!(secs[2].parent, Some(0));
        assert_eq!(secs[3].range, CharRange::new(30, 50));
        assert_eq!(secs[3].parent, None);
    }

    #[test]
    fn sections_match_their_definition_on_many_headings() {
        // Levels in a scrambled order, with skips and returns.
        let levels: Vec<u8> = (0..3000u32)
            .map(|i| (i * 7 + i / 5) as u8 % 4 + 1)
            .collect();
        let hs: Vec<Heading> = levels
            .iter()
            .enumerate()
            .map(|(i, l)| Heading {
                level: *l,
                numbering: String::new(),
                text: String::new(),
                range: CharRange::new(i * 10, i * 10 + 4),
                text_range: CharRange::new(i * 10, i * 10 + 4),
                paragraph: i,
                runs_into_body: false,
            })
            .collect();
        let total = hs.len() * 10;
        let secs = sections(&hs, total);
        for (i, h) in hs.iter().enumerate() {
            // The definition: to the next heading of the same or a higher
            // level; the parent is the nearest earlier higher-level heading.
            let end = hs[i + 1..]
                .iter()
                .find(|n| n.level <= h.level)
                .map_or(total, |n| n.range.start - 1);
            let parent = hs[..i].iter().rposition(|p| p.level < h.level);
            assert_eq!(secs[i].range, CharRange::new(h.range.start, end), "{i}");
            assert_eq!(secs[i].parent, parent, "{i}");
        }
    }
}
