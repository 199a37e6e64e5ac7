//! Indicator figures as people read them: both years of a pair as chart
//! bars indexed to the older year, the change as text ("+5 (+25%)",
//! "+298.8万"), a value as written. Pure over [`IndicatorPair`]s.

use super::IndicatorPair;
use crate::i18n::Lang;

/// One indicator of the chart: both years as an index, the older = 100.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// The indicator's name.
    pub name: String,
    /// The older year's value as an index (always 100).
    pub old: f64,
    /// The newer year's value relative to the older (older = 100).
    pub new: f64,
    /// The older value as written ("13件").
    pub old_raw: String,
    /// The newer value as written.
    pub new_raw: String,
}

/// The paired indicators as chart bars. Indicators count different things in
/// different units and magnitudes (件, %, 亿元), so each pair is normalised
/// to the older year (= 100); a pair whose older value is 0 cannot be and is
/// left out.
pub fn chart_bars(pairs: &[IndicatorPair]) -> Vec<ChartBar> {
    pairs
        .iter()
        .filter(|p| p.comparable())
        .filter_map(|p| {
            let (o, n) = (p.old.as_ref()?, p.new.as_ref()?);
            if o.value == 0.0 || !o.value.is_finite() || !n.value.is_finite() {
                return None;
            }
            Some(ChartBar {
                name: p.name.clone(),
                old: 100.0,
                new: n.value / o.value * 100.0,
                old_raw: o.raw.clone(),
                new_raw: n.raw.clone(),
            })
        })
        .collect()
}

/// "+9", "−3 (−12.5%)", "+298.8万": the change of a pair, with the
/// relative change when the units agree and the older value is not 0.
/// Values are after multipliers (911.2万元 is 9112000), so large changes
/// are written with 万/亿 in Chinese and with separators in English.
pub fn change_text(p: &IndicatorPair, lang: Lang) -> String {
    let (Some(o), Some(n), Some(ch)) = (&p.old, &p.new, p.change) else {
        return "—".to_string();
    };
    let abs = format_signed(ch, lang);
    if o.unit == n.unit && o.value != 0.0 {
        let rel = ch / o.value * 100.0;
        format!("{abs} ({}%)", format_signed(rel, Lang::En))
    } else {
        abs
    }
}

fn format_plain(x: f64) -> String {
    if (x.round() - x).abs() < 0.005 {
        format!("{:.0}", x)
    } else {
        format!("{:.1}", x)
    }
}

fn format_signed(x: f64, lang: Lang) -> String {
    let a = x.abs();
    let body = match lang {
        Lang::Zh if a >= 1e8 => format!("{}亿", format_plain(a / 1e8)),
        Lang::Zh if a >= 1e4 => format!("{}万", format_plain(a / 1e4)),
        Lang::En if a >= 1e4 => {
            let digits = format!("{:.0}", a);
            let mut out = String::new();
            for (k, c) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
        _ => format_plain(a),
    };
    if x > 0.0 {
        format!("+{body}")
    } else if x < 0.0 {
        format!("−{body}")
    } else {
        "0".to_string()
    }
}

/// A value as shown in the table: as written, else number and unit.
pub fn value_text(i: Option<&crate::analysis::Indicator>) -> String {
    match i {
        Some(i) if !i.raw.trim().is_empty() => i.raw.clone(),
        Some(i) => format!("{}{}", i.value, i.unit),
        None => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Indicator;
    use crate::text::CharRange;

    fn ind(value: f64, unit: &str, raw: &str) -> Indicator {
        Indicator {
            name: "受理行政复议案件".into(),
            value,
            unit: unit.into(),
            raw: raw.into(),
            approx: false,
            qualifier: None,
            range: CharRange::new(0, 1),
            item: None,
        }
    }

    fn pair(old: Option<Indicator>, new: Option<Indicator>) -> IndicatorPair {
        let change = match (&old, &new) {
            (Some(o), Some(n)) => Some(n.value - o.value),
            _ => None,
        };
        IndicatorPair {
            name: "受理行政复议案件".into(),
            old,
            new,
            similarity: 1.0,
            change,
            trend: None,
        }
    }

    #[test]
    fn chart_bars_are_indexed_to_the_older_year() {
        let bars = chart_bars(&[
            pair(Some(ind(20.0, "件", "20件")), Some(ind(25.0, "件", "25件"))),
            pair(Some(ind(0.0, "件", "0件")), Some(ind(3.0, "件", "3件"))),
            pair(None, Some(ind(3.0, "件", "3件"))),
        ]);
        assert_eq!(bars.len(), 1, "a zero base and a single year are left out");
        assert!((bars[0].new - 125.0).abs() < 1e-9);
        assert!((bars[0].old - 100.0).abs() < 1e-9);
        assert_eq!(bars[0].new_raw, "25件");
    }

    #[test]
    fn change_text_gives_absolute_and_relative_change() {
        let p = pair(Some(ind(20.0, "件", "20件")), Some(ind(25.0, "件", "25件")));
        assert_eq!(change_text(&p, Lang::Zh), "+5 (+25%)");
        let p = pair(Some(ind(20.0, "件", "20件")), Some(ind(15.0, "人", "15人")));
        assert_eq!(change_text(&p, Lang::Zh), "−5");
        assert_eq!(
            change_text(&pair(None, Some(ind(1.0, "件", "1件"))), Lang::Zh),
            "—"
        );
        // 911.2万元 → 1210万元.
        let p = pair(
            Some(ind(9_112_000.0, "元", "911.2万元")),
            Some(ind(12_100_000.0, "元", "1210万元")),
        );
        assert_eq!(change_text(&p, Lang::Zh), "+298.8万 (+32.8%)");
        assert_eq!(change_text(&p, Lang::En), "+2,988,000 (+32.8%)");
    }
}
