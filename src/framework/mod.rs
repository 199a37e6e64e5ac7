//! Requirement frameworks as data: the checklist items a report is checked
//! against (the five required parts `DC`, the 2015 and 2021 纲要 `G15`/`G21`,
//! and user-supplied or imported work points).
//!
//! Frameworks live in RON files (`assets/frameworks/*.ron`, embedded in the
//! binary; user files in the config directory or given with `--framework`).
//! This file holds the schema and ways to look inside a framework; [`load`]
//! reads, validates and selects them.

pub mod load;
pub mod points;

pub use load::{
    FrameworkError, MAX_FILE_BYTES, REQUIRED_PARTS_ID, Registry, Selection, SelectionNotice,
    builtin, load_file, parse, user_dir,
};

use serde::{Deserialize, Serialize};

/// One requirement framework (a checklist).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    /// Stable id, e.g. `"G21"`; item ids are prefixed with it.
    pub id: String,
    /// Full name, e.g. 《法治政府建设实施纲要（2021－2025年）》.
    pub name: String,
    /// Short label for buttons, tables and notices, e.g. "2021－2025年纲要".
    #[serde(default)]
    pub short_name: String,
    /// Report years this framework applies to (inclusive; `None` = open).
    #[serde(default)]
    pub applies: YearSpan,
    /// What the framework is and where it comes from.
    #[serde(default)]
    pub description: String,
    /// Top-level items, in checklist order.
    pub items: Vec<Item>,
}

impl Framework {
    /// Every keyword and synonym of every item: the words segmentation must
    /// keep whole for this framework.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.walk()
            .flat_map(|(item, _)| item.keywords.iter())
            .flat_map(|k| {
                std::iter::once(k.term.as_str()).chain(k.synonyms.iter().map(String::as_str))
            })
    }

    /// Every item, depth first in checklist order, with its depth
    /// (0 = top-level item, 1 = sub-item, …).
    pub fn walk(&self) -> impl Iterator<Item = (&Item, usize)> {
        Walk {
            stack: self.items.iter().rev().map(|item| (item, 0)).collect(),
        }
    }

    /// The item (at any depth) with this id.
    pub fn find(&self, id: &str) -> Option<&Item> {
        self.walk().map(|(item, _)| item).find(|item| item.id == id)
    }

    /// The framework as pretty RON, in the style of the built-in files;
    /// [`parse`] reads it back unchanged.
    pub fn to_ron_pretty(&self) -> Result<String, FrameworkError> {
        load::to_ron_pretty(self)
    }

    /// The short name, or the full name when there is none.
    pub fn label(&self) -> &str {
        if self.short_name.trim().is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }
}

/// Depth-first iterator behind [`Framework::walk`]; an explicit stack keeps
/// deep user files from recursing.
struct Walk<'a> {
    stack: Vec<(&'a Item, usize)>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = (&'a Item, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let (item, depth) = self.stack.pop()?;
        self.stack
            .extend(item.children.iter().rev().map(|child| (child, depth + 1)));
        Some((item, depth))
    }
}

/// Inclusive span of report years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearSpan {
    /// First year (inclusive), or open.
    #[serde(default)]
    pub from: Option<i32>,
    /// Last year (inclusive), or open.
    #[serde(default)]
    pub to: Option<i32>,
}

/// One checklist item, possibly with sub-items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id, e.g. `"G21-07"` or `"G21-07.22"` for a sub-item.
    pub id: String,
    /// Official title.
    pub title: String,
    /// What counts as evidence, for the reviewer.
    #[serde(default)]
    pub description: String,
    /// Weighted evidence terms.
    #[serde(default)]
    pub keywords: Vec<Keyword>,
    /// Which part of the report evidence must come from.
    #[serde(default)]
    pub scope: Scope,
    /// Weight of this item in the rolled-up score.
    #[serde(default = "one")]
    pub weight: f32,
    /// Words that, in the same sentence, show a passage is about something
    /// else (for 学法 of officials: 全社会, 群众 — that is 普法 for the
    /// public). A sentence containing one is not evidence for this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Words of which a passage, or a heading above it, must contain one to
    /// be evidence for this item (for the principal leaders' duty: 法治,
    /// 依法 — leaders receiving petitioners is not that duty). Empty: no
    /// such condition. Sub-items inherit it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<String>,
    /// Sub-items (measures).
    #[serde(default)]
    pub children: Vec<Item>,
    /// Lead unit(s) (牵头单位), for imported work points.
    #[serde(default)]
    pub lead_units: Vec<String>,
    /// Responsible unit(s) (责任单位), for imported work points.
    #[serde(default)]
    pub responsible_units: Vec<String>,
    /// Quantitative targets and deadlines ("不少于1次", "100%", "6月底前").
    #[serde(default)]
    pub targets: Vec<String>,
}

impl YearSpan {
    /// True when `year` lies inside the span (open ends reach any year).
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|from| from <= year) && self.to.is_none_or(|to| year <= to)
    }

    /// True when neither end is set (the span covers every year).
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

fn one() -> f32 {
    1.0
}

/// A weighted evidence term with synonyms that count the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The term, e.g. "负责人出庭应诉".
    pub term: String,
    /// Relative importance (1.0 = ordinary; 2.0–3.0 = decisive).
    #[serde(default = "one")]
    pub weight: f32,
    /// Other wordings that count as the same term ("出庭出声").
    #[serde(default)]
    pub synonyms: Vec<String>,
}

impl Keyword {
    /// The term, then its synonyms: every wording that counts for it.
    pub fn wordings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.synonyms.iter().map(String::as_str))
    }
}

/// The part of the report an item's evidence must lie in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scope {
    /// Achievements: anywhere except the 不足 (DC2) and 安排 (DC4) parts.
    #[default]
    Achievements,
    /// Only inside the 不足和原因 part (DC2).
    Shortcomings,
    /// The principal leaders' 第一责任人 duty (DC3), wherever it is reported.
    Leadership,
    /// Only inside the next year's plans (DC4).
    Plans,
    /// Only inside 其他需要报告的情况 (DC5).
    Other,
    /// Anywhere in the report.
    Anywhere,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_spans_contain_their_ends_and_open_ends_reach_everything() {
        let g21 = YearSpan {
            from: Some(2021),
            to: Some(2025),
        };
        assert!(g21.contains(2021) && g21.contains(2025));
        assert!(!g21.contains(2020) && !g21.contains(2026));
        let g15 = YearSpan {
            from: None,
            to: Some(2020),
        };
        assert!(g15.contains(1999) && !g15.contains(2021));
        assert!(YearSpan::default().is_open() && YearSpan::default().contains(3000));
        assert!(!g15.is_open());
    }

    #[test]
    fn wordings_list_the_term_first() {
        let keyword = Keyword {
            term: "负责人出庭应诉".into(),
            weight: 3.0,
            synonyms: vec!["出庭出声".into(), "出庭应诉".into()],
        };
        let all: Vec<&str> = keyword.wordings().collect();
        assert_eq!(all, ["负责人出庭应诉", "出庭出声", "出庭应诉"]);
    }

    #[test]
    fn label_falls_back_to_the_name() {
        let mut framework = Framework {
            id: "YD".into(),
            name: "2024年工作要点".into(),
            short_name: String::new(),
            applies: YearSpan::default(),
            description: String::new(),
            items: Vec::new(),
        };
        assert_eq!(framework.label(), "2024年工作要点");
        framework.short_name = "要点".into();
        assert_eq!(framework.label(), "要点");
    }
}
