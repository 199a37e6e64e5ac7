//! Sections of two reports that correspond, offered for a character diff:
//! the required parts both have, then the headings of the two top levels
//! with the same numbering under the same parents. Pure over the two
//! documents; positions are character offsets into each report's clean text.

use crate::document::Document;
use crate::i18n::Lang;
use crate::structure::{PartId, Structure};
use crate::text::CharRange;

/// Heading levels whose sections are offered for a diff (一、 and （一）).
const PAIR_LEVELS: u8 = 2;

/// What two aligned sections are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairKind {
    /// The same required part in both reports.
    Part(PartId),
    /// Headings with the same numbering (and parents' numbering).
    Heading {
        /// "二、（一）".
        numbering: String,
        /// The older heading's text.
        old_text: String,
        /// The newer heading's text.
        new_text: String,
    },
}

/// Two sections of the two reports that correspond, offered for a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedPair {
    /// What they are.
    pub kind: PairKind,
    /// The section in the older report.
    pub old: CharRange,
    /// The section in the newer report.
    pub new: CharRange,
}

impl AlignedPair {
    /// One line for a chooser.
    pub fn label(&self, lang: Lang) -> String {
        match &self.kind {
            PairKind::Part(p) => format!("{} {}", p.as_str(), p.label(lang)),
            PairKind::Heading {
                numbering,
                old_text,
                new_text,
            } => {
                if old_text == new_text {
                    format!("{numbering} {new_text}")
                } else {
                    format!("{numbering} {old_text} ↔ {new_text}")
                }
            }
        }
    }
}

/// Sections of `old` and `new` that correspond: the required parts both
/// have (不足和原因 first, the one most often copied), then headings of the
/// two top levels with the same numbering under the same parents.
pub fn aligned_pairs(old: &Document, new: &Document) -> Vec<AlignedPair> {
    let mut out = Vec::new();
    let order = [
        PartId::DC2,
        PartId::DC1,
        PartId::DC3,
        PartId::DC4,
        PartId::DC5,
    ];
    for id in order {
        let span = |s: &Structure| {
            s.part(id)
                .filter(|p| p.present)
                .and_then(crate::structure::Part::span)
        };
        if let (Some(o), Some(n)) = (span(&old.structure), span(&new.structure))
            && !o.is_empty()
            && !n.is_empty()
        {
            out.push(AlignedPair {
                kind: PairKind::Part(id),
                old: o,
                new: n,
            });
        }
    }
    let new_keys = heading_keys(&new.structure);
    for (key, o_idx) in heading_keys(&old.structure) {
        let Some((_, n_idx)) = new_keys.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        let (Some(oh), Some(nh)) = (
            old.structure.headings.get(o_idx),
            new.structure.headings.get(*n_idx),
        ) else {
            continue;
        };
        let (Some(os), Some(ns)) = (
            section_of(&old.structure, o_idx),
            section_of(&new.structure, *n_idx),
        ) else {
            continue;
        };
        out.push(AlignedPair {
            kind: PairKind::Heading {
                numbering: key,
                old_text: oh.text.clone(),
                new_text: nh.text.clone(),
            },
            old: os,
            new: ns,
        });
    }
    out
}

/// (numbering path, heading index) of the headings of the top levels.
fn heading_keys(s: &Structure) -> Vec<(String, usize)> {
    s.sections
        .iter()
        .filter_map(|sec| {
            let h = s.headings.get(sec.heading)?;
            if h.level > PAIR_LEVELS {
                return None;
            }
            let mut key = h.numbering.clone();
            let mut parent = sec.parent;
            // Guard against a malformed parent chain.
            let mut hops = 0;
            while let Some(p) = parent {
                let ph = s.headings.get(p)?;
                key = format!("{}{key}", ph.numbering);
                parent = s.sections.iter().find(|x| x.heading == p)?.parent;
                hops += 1;
                if hops > 8 {
                    break;
                }
            }
            Some((key, sec.heading))
        })
        .collect()
}

fn section_of(s: &Structure, heading: usize) -> Option<CharRange> {
    s.sections
        .iter()
        .find(|x| x.heading == heading)
        .map(|x| x.range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, text: &str) -> Document {
        Document::from_text(name, text)
    }

    #[test]
    fn sections_with_the_same_numbering_are_aligned() {
        let old = doc(
            "old.txt",
            "某区2020年法治政府建设年度报告\n一、主要工作情况\n（一）加强组织领导。成立领导小组。\n\
             二、存在的不足\n法治宣传不够深入。\n三、下一步工作打算\n（一）推进依法行政。\n",
        );
        let new = doc(
            "new.txt",
            "某区2022年法治政府建设年度报告\n一、主要举措和成效\n（一）加强组织领导。调整领导小组。\n\
             二、存在的不足\n法治宣传不够深入，考核不够完善。\n三、下一步工作打算\n（一）推进依法行政。\n",
        );
        let pairs = aligned_pairs(&old, &new);
        assert!(
            pairs.iter().any(|p| p.kind == PairKind::Part(PartId::DC2)),
            "{pairs:#?}"
        );
        let first = pairs
            .iter()
            .find(|p| matches!(&p.kind, PairKind::Heading { numbering, .. } if numbering == "一、（一）"))
            .unwrap_or_else(|| panic!("{pairs:#?}"));
        assert!(old.slice(first.old).contains("成立领导小组"));
        assert!(new.slice(first.new).contains("调整领导小组"));
        let labels: Vec<String> = pairs.iter().map(|p| p.label(Lang::Zh)).collect();
        assert!(
            labels
                .iter()
                .any(|l| l == "一、 主要工作情况 ↔ 主要举措和成效"),
            "{labels:?}"
        );
    }
}
