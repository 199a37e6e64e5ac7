//! Indicator extraction measured against the hand labels of the five sample
//! reports (`../shared/gold/*.json`): a reviewer opens each report and
//! expects every labelled figure to be found with the right value and unit,
//! at the place the label quotes, and no year or date to pass as a figure.

use std::path::Path;

#[path = "fixtures/support.rs"]
mod support;

use serde::Deserialize;
use shenyue::analysis::Indicator;
use shenyue::analysis::indicators::extract_indicators;
use shenyue::text::{CharRange, is_cjk};

const SAMPLES: &[&str] = &[
    "xiashan_2019",
    "yingzai_2025",
    "zhanhe_2020",
    "zhanjiang-etdz_2020",
    "zhanjiang-etdz_2022",
];

#[derive(Deserialize)]
struct Gold {
    indicators: Vec<GoldIndicator>,
}

#[derive(Deserialize)]
struct GoldIndicator {
    name: String,
    value: String,
    quote: String,
}

/// Clean-ish text as the real cleaner will deliver it: hard line breaks
/// re-joined unless the line ends a sentence, and spaces next to CJK
/// characters or digits removed.
fn clean(raw: &str) -> String {
    let mut joined = String::new();
    for line in raw.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        joined.push_str(line);
        if line.ends_with(['。', '；', '：', '！', '？']) {
            joined.push('\n');
        }
    }
    remove_cjk_spaces(&joined)
}

/// Drops every run of spaces (U+0020, U+3000) that touches a CJK character
/// or a digit on either side.
fn remove_cjk_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let sticky = |c: Option<&char>| c.is_some_and(|&c| is_cjk(c) || c.is_ascii_digit());
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], ' ' | '\u{3000}') {
            let start = i;
            while i < chars.len() && matches!(chars[i], ' ' | '\u{3000}') {
                i += 1;
            }
            let before = start.checked_sub(1).and_then(|p| chars.get(p));
            if !(sticky(before) || sticky(chars.get(i))) {
                out.extend(&chars[start..i]);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// "530多人次" → (530, "人次"); "超500人次" → (500, "人次"); "95.87%" → (95.87, "%").
fn parse_gold_value(v: &str) -> Option<(f64, String)> {
    let rest = v.trim_start_matches(|c: char| !c.is_ascii_digit());
    let num_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let mut value: f64 = rest[..num_len].parse().ok()?;
    let mut unit = rest[num_len..].trim_start_matches(['余', '多']);
    for (m, f) in [("亿", 1e8), ("万", 1e4)] {
        if let Some(u) = unit.strip_prefix(m) {
            value *= f;
            unit = u.trim_start_matches(['余', '多']);
        }
    }
    Some((value, unit.to_string()))
}

/// Character range of the first occurrence of `needle` in `hay`.
fn find_chars(hay: &str, needle: &str) -> Option<CharRange> {
    let byte = hay.find(needle)?;
    let start = hay[..byte].chars().count();
    Some(CharRange::new(start, start + needle.chars().count()))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The cleaned text of a shared sample report and its gold labels; `None`
/// only when the run opted out of the shared data (`SHENYUE_SKIP_GOLD=1`).
fn load(sample: &str) -> Option<(String, Gold)> {
    let reports = support::shared_folder("sample_reports", "txt")?;
    let gold_dir = support::shared_folder("gold", "json")?;
    let text = clean(&read(&reports.join(format!("{sample}.txt"))));
    let gold: Gold = serde_json::from_str(&read(&gold_dir.join(format!("{sample}.json"))))
        .unwrap_or_else(|e| panic!("bad gold file {sample}: {e}"));
    Some((text, gold))
}

fn matches_gold(ind: &Indicator, value: f64, unit: &str, at: CharRange) -> bool {
    (ind.value - value).abs() <= 1e-6 * value.abs().max(1.0)
        && ind.unit == unit
        && ind.range.overlaps(at)
}

#[test]
fn gold_indicators_are_found_with_value_and_unit() {
    let (mut found_total, mut gold_total) = (0usize, 0usize);
    for sample in SAMPLES {
        let Some((text, gold)) = load(sample) else {
            return;
        };
        let extracted = extract_indicators(&text);
        let mut found = 0;
        for g in &gold.indicators {
            let (value, unit) = parse_gold_value(&g.value)
                .unwrap_or_else(|| panic!("bad gold value {:?}", g.value));
            let quote = remove_cjk_spaces(&g.quote);
            let Some(at) = find_chars(&text, &quote) else {
                println!("  {sample}: quote not in cleaned text: {quote:?}");
                continue;
            };
            if extracted
                .iter()
                .any(|ind| matches_gold(ind, value, &unit, at))
            {
                found += 1;
            } else {
                println!("  {sample}: MISSED {} = {} ({quote:?})", g.name, g.value);
            }
        }
        let n = gold.indicators.len();
        println!(
            "{sample}: recall {found}/{n} = {:.2} ({} extracted)",
            found as f64 / n.max(1) as f64,
            extracted.len()
        );
        found_total += found;
        gold_total += n;
    }
    let recall = found_total as f64 / gold_total.max(1) as f64;
    println!("overall recall {found_total}/{gold_total} = {recall:.3}");
    assert!(recall >= 0.9, "overall recall {recall:.3} below 0.9");
}

#[test]
fn no_year_or_date_is_extracted_as_an_indicator() {
    for sample in SAMPLES {
        let Some((text, _)) = load(sample) else {
            return;
        };
        let extracted = extract_indicators(&text);
        assert!(!extracted.is_empty(), "{sample}: nothing extracted");
        let dates: Vec<&Indicator> = extracted
            .iter()
            .filter(|i| {
                matches!(i.unit.as_str(), "年" | "月" | "日" | "号")
                    || (i.unit.is_empty() && (1900.0..=2100.0).contains(&i.value))
            })
            .collect();
        assert!(
            dates.is_empty(),
            "{sample}: dates taken as indicators: {dates:#?}"
        );
        for ind in &extracted {
            // Every range is a real character span that ends with the raw text.
            let span: String = text
                .chars()
                .skip(ind.range.start)
                .take(ind.range.len())
                .collect::<String>();
            assert!(
                span.contains(&ind.raw),
                "{sample}: range {:?} does not hold {:?}",
                span,
                ind.raw
            );
            assert!(
                ind.name.chars().count() <= 26,
                "{sample}: name too long: {}",
                ind.name
            );
            assert_eq!(ind.item, None);
        }
    }
}

/// Prints everything extracted, for reading by eye:
/// `cargo test --test indicators_gold -- --ignored --nocapture dump`.
#[test]
#[ignore]
fn dump() {
    for sample in SAMPLES {
        let Some((text, _)) = load(sample) else {
            return;
        };
        println!("== {sample}");
        for i in extract_indicators(&text) {
            let span: String = text
                .chars()
                .skip(i.range.start)
                .take(i.range.len())
                .collect();
            println!(
                "{:>14} {:<6} {:<5} {} q={:?} | {} | {}",
                i.value,
                i.unit,
                if i.approx { "~" } else { "" },
                i.raw,
                i.qualifier,
                i.name,
                span
            );
        }
    }
}
