//! Why a comparison may mislead: the two reports are of different units, or
//! the "older" one is not older. Checked once, when the comparison is made,
//! from the metadata of both reports.

use crate::document::Document;
use crate::i18n::Lang;

/// One reason the comparison may mislead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The reports name different units.
    OtherUnit {
        /// The older report's unit.
        older: String,
        /// The newer report's unit.
        newer: String,
    },
    /// Years lie between the two reports (2020 compared with 2022): the
    /// "earlier report" is not last year's.
    SkippedYears {
        /// The older report's year.
        older: i32,
        /// The newer report's year.
        newer: i32,
    },
    /// The "older" report's year is not before the newer one's.
    NotOlder {
        /// The older report's year.
        older: i32,
        /// The newer report's year.
        newer: i32,
    },
}

impl Mismatch {
    /// One line in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let colon = lang.pick("：", ": ");
        match self {
            Mismatch::OtherUnit { older, newer } => format!(
                "{}{colon}{older} / {newer}",
                lang.pick("两份报告的单位不同", "The reports are of different units")
            ),
            Mismatch::SkippedYears { older, newer } => {
                let skipped = if newer - older == 2 {
                    (older + 1).to_string()
                } else {
                    format!("{}–{}", older + 1, newer - 1)
                };
                match lang {
                    Lang::Zh => format!(
                        "中间缺 {skipped} 年：对照的是 {older} 年的报告，不是上一年度的；下文的“上年”均指 {older} 年"
                    ),
                    Lang::En => format!(
                        "{skipped} is skipped: this compares with {older}, not the year before; \"earlier\" below means {older}"
                    ),
                }
            }
            Mismatch::NotOlder { older, newer } => format!(
                "{}{colon}{older} / {newer}",
                lang.pick(
                    "所选报告并不早于当前报告",
                    "The chosen report is not earlier than this one"
                )
            ),
        }
    }
}

/// The reasons comparing `old` with `new` may mislead (none when both
/// metadata agree or are unknown).
pub fn mismatches(old: &Document, new: &Document) -> Vec<Mismatch> {
    let (om, nm) = (&old.structure.metadata, &new.structure.metadata);
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (&om.unit, &nm.unit)
        && a != b
    {
        out.push(Mismatch::OtherUnit {
            older: a.clone(),
            newer: b.clone(),
        });
    }
    if let (Some(a), Some(b)) = (om.year, nm.year)
        && a >= b
    {
        out.push(Mismatch::NotOlder { older: a, newer: b });
    }
    if let (Some(a), Some(b)) = (om.year, nm.year)
        && b - a > 1
    {
        out.push(Mismatch::SkippedYears { older: a, newer: b });
    }
    out
}

/// All of `mismatches` as one line, if there is any.
pub fn warning(mismatches: &[Mismatch], lang: Lang) -> Option<String> {
    (!mismatches.is_empty()).then(|| {
        mismatches
            .iter()
            .map(|m| m.message(lang))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, text: &str) -> Document {
        Document::from_text(name, text)
    }

    #[test]
    fn warns_about_another_unit_or_a_newer_report() {
        let a = doc("a.txt", "甲区人民政府2020年法治政府建设年度报告\n正文。\n");
        let b = doc("b.txt", "乙区人民政府2022年法治政府建设年度报告\n正文。\n");
        let w = warning(&mismatches(&b, &a), Lang::Zh).unwrap_or_default();
        assert!(w.contains("单位不同") && w.contains("乙区人民政府"), "{w}");
        assert!(w.contains("并不早于") && w.contains("2022 / 2020"), "{w}");
        assert_eq!(
            warning(&mismatches(&a, &b), Lang::Zh).map(|w| w.contains("不早于")),
            Some(false)
        );
        assert!(
            warning(&mismatches(&a, &a), Lang::Zh).is_some(),
            "a report is not older than itself"
        );
        assert_eq!(
            mismatches(&a, &a),
            [Mismatch::NotOlder {
                older: 2020,
                newer: 2020
            }]
        );
        // 2020 with 2022: the skipped year is named.
        assert_eq!(
            mismatches(&a, &b),
            [
                Mismatch::OtherUnit {
                    older: "甲区人民政府".into(),
                    newer: "乙区人民政府".into()
                },
                Mismatch::SkippedYears {
                    older: 2020,
                    newer: 2022
                }
            ]
        );
        let skipped = warning(&mismatches(&a, &b), Lang::Zh).unwrap_or_default();
        assert!(skipped.contains("中间缺 2021 年"), "{skipped}");
        let en = warning(&mismatches(&b, &a), Lang::En).unwrap_or_default();
        assert!(en.contains("different units") && en.contains("; "), "{en}");
    }
}
