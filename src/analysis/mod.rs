//! Analysis: from a [`crate::document::Document`] and frameworks to the
//! auto-filled checklist (ranked evidence, status, reason per item) and the
//! quantitative indicators.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::text::CharRange;

/// Automatic status of one checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AutoStatus {
    /// Clear evidence found.
    Covered,
    /// Some, weak or thin evidence.
    Partial,
    /// Nothing found.
    Missing,
}

impl AutoStatus {
    /// Stable lower-case name used in JSON (`covered`, `partial`, `missing`).
    pub fn as_str(self) -> &'static str {
        match self {
            AutoStatus::Covered => "covered",
            AutoStatus::Partial => "partial",
            AutoStatus::Missing => "missing",
        }
    }
}

/// A passage that answers a checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where the passage is, in clean-text characters.
    pub range: CharRange,
    /// The passage itself.
    pub quote: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// The keywords that matched.
    pub matched: Vec<String>,
    /// How strongly the passage shows work on the item (files written before
    /// strengths were judged read as [`Strength::Unrated`]).
    #[serde(default)]
    pub strength: Strength,
}

/// How strongly a quote shows work on its item; evidence is ranked by this
/// first, then by score, so the top quote is the strongest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Strength {
    /// Not judged (evidence from a file written before strengths existed).
    #[default]
    Unrated,
    /// The item is only named: in passing, in a list of tasks, or thinly.
    Mention,
    /// On the item, but no concrete act: a slogan, a lead-in, a statement
    /// of intent or of principle.
    General,
    /// Reports a concrete act, document, number or result on the item (for
    /// shortcomings and plans: names a specific problem or measure).
    Concrete,
}

impl Strength {
    /// Stable lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Unrated => "unrated",
            Strength::Mention => "mention",
            Strength::General => "general",
            Strength::Concrete => "concrete",
        }
    }

    /// The label shown beside the quote (具体 / 一般 / 提及).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Strength::Unrated => "",
            Strength::Mention => lang.pick("提及", "mention"),
            Strength::General => lang.pick("一般", "general"),
            Strength::Concrete => lang.pick("具体", "concrete"),
        }
    }
}

/// Why the strongest evidence of an item is weak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weakness {
    /// A slogan or a statement of resolve.
    Slogan,
    /// A sentence that introduces what follows.
    LeadIn,
    /// The item is only named in a list of tasks.
    Listed,
    /// The item is mentioned in passing (one minor keyword).
    Passing,
    /// On topic, but no act, document, number or result.
    NoAct,
    /// The passage is mainly about another item.
    AboutAnother,
}

impl Weakness {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Weakness::Slogan => lang.pick(
                "最强的一处是口号或表态，未见具体举措",
                "the strongest passage is a slogan, with no concrete act",
            ),
            Weakness::LeadIn => lang.pick(
                "最强的一处只是引出下文的导语",
                "the strongest passage only introduces what follows",
            ),
            Weakness::Listed => lang.pick(
                "只在任务列举中出现，未见对此项的具体工作",
                "only named in a list of tasks, with no work reported on it",
            ),
            Weakness::Passing => lang.pick("只是顺带提及", "mentioned only in passing"),
            Weakness::AboutAnother => lang.pick(
                "相关段落主要涉及其他事项",
                "the passages are mainly about another item",
            ),
            Weakness::NoAct => lang.pick(
                "未写明具体举措、文件、数字或成效",
                "no concrete act, document, number or result is given",
            ),
        }
    }
}

/// A quantitative statement found in the text ("受理行政复议案件13件").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// What is counted ("受理行政复议案件").
    pub name: String,
    /// The number, after multipliers (1.68亿 → 168000000).
    pub value: f64,
    /// The unit ("件", "%", "人次", "户").
    pub unit: String,
    /// The text as written ("13件", "600余项").
    pub raw: String,
    /// True for approximate values (余, 多, 近, 约).
    pub approx: bool,
    /// Qualifier such as "同比增长", "达", "不少于", if any.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Where the statement is, in clean-text characters (name through unit).
    pub range: CharRange,
    /// The checklist item the statement belongs to, if assigned.
    #[serde(default)]
    pub item: Option<String>,
}

pub mod indicators;

pub mod evidence;
pub mod json;
mod keyword_trie;
mod statement;

pub use evidence::Analyzer;

/// The auto result for one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    /// Item id ("G21-07", "G21-07.22").
    pub id: String,
    /// Framework id ("G21").
    pub framework: String,
    /// Item title.
    pub title: String,
    /// Parent item id, for sub-items.
    pub parent: Option<String>,
    /// 0 for top-level items.
    pub depth: usize,
    /// Weight in the rolled-up score.
    pub weight: f32,
    /// Suggested status.
    pub status: AutoStatus,
    /// Strength of the evidence, 0–100.
    pub score: f32,
    /// Why the analysis decided so; rendered in the user's language by
    /// [`Reason::text`] where it is shown.
    pub reason: Reason,
    /// Ranked evidence, best first.
    pub evidence: Vec<Evidence>,
}

/// Everything the analysis found in one report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Framework ids used, in order.
    pub frameworks: Vec<String>,
    /// One result per item (top-level items, each followed by its sub-items).
    pub items: Vec<ItemResult>,
    /// Quantitative statements, in text order.
    pub indicators: Vec<Indicator>,
}

/// Why an item got its automatic status: typed, so the text is written where
/// it is shown, in the user's language ([`Reason::text`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Reason {
    /// No reason recorded (an assessment written before reasons were typed
    /// keeps its old text in `AutoResult::legacy_reason`).
    #[default]
    None,
    /// `passages` passages mention `terms`; `weak` when they are not enough
    /// to count the item as covered.
    Mentions {
        /// Evidence passages kept.
        passages: usize,
        /// The first few keywords that matched.
        terms: Vec<String>,
        /// The evidence is too weak for "covered".
        weak: bool,
        /// How many of the passages report concrete work.
        #[serde(default)]
        concrete: usize,
        /// Why the evidence was judged weak, when it was.
        #[serde(default)]
        weakness: Option<Weakness>,
    },
    /// The item is only named (in passing or in a list of tasks): not
    /// enough to count it as even partly covered.
    OnlyNamed {
        /// Passages that name it.
        passages: usize,
        /// The keywords found.
        terms: Vec<String>,
        /// Why that is not evidence of work.
        weakness: Weakness,
    },
    /// A parent item takes the status of its sub-items: `covered` and
    /// `partial` of `of` sub-items have evidence.
    FromChildren {
        /// Sub-items covered.
        covered: usize,
        /// Sub-items partly covered.
        partial: usize,
        /// Sub-items in all.
        of: usize,
    },
    /// Nothing found; `examples` are the item's heaviest keywords.
    NothingFound {
        /// Keywords looked for.
        examples: Vec<String>,
    },
    /// A required part the structure does not contain.
    PartMissing,
    /// A required part under its own heading.
    PartUnderHeading {
        /// The heading, with its numbering.
        heading: String,
    },
    /// A required part spread over sections organised by the outline's tasks.
    PartInTopicalSections,
    /// A required part found in the text but without a heading of its own.
    PartInText {
        /// Evidence passages found.
        passages: usize,
    },
}

/// In the default language (Chinese); use [`Reason::text`] for the user's.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::Zh))
    }
}

impl Reason {
    /// One line the reviewer can read, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Reason::None, _) => String::new(),
            (
                Reason::Mentions {
                    passages,
                    terms,
                    weak,
                    concrete,
                    weakness,
                },
                Lang::Zh,
            ) => {
                let terms = terms.join("、");
                match (weakness, concrete) {
                    (Some(w), _) => format!("{passages}处提及{terms}，但{}", w.text(lang)),
                    (None, 0) => format!(
                        "{passages}处提及{terms}{}",
                        if *weak { "（证据较弱）" } else { "" }
                    ),
                    (None, c) => format!(
                        "{c}处具体记述（共{passages}处）：{terms}{}",
                        if *weak {
                            "，但证据不足以认定覆盖"
                        } else {
                            ""
                        }
                    ),
                }
            }
            (
                Reason::Mentions {
                    passages,
                    terms,
                    weak,
                    concrete,
                    weakness,
                },
                Lang::En,
            ) => {
                let terms = terms.join(", ");
                let s = if *passages == 1 { "" } else { "s" };
                let verb = if *passages == 1 {
                    "mentions"
                } else {
                    "mention"
                };
                match (weakness, concrete) {
                    (Some(w), _) => {
                        format!("{passages} passage{s} {verb} {terms}, but {}", w.text(lang))
                    }
                    (None, 0) => format!(
                        "{passages} passage{s} {verb} {terms}{}",
                        if *weak { " (weak evidence)" } else { "" }
                    ),
                    (None, c) => format!(
                        "{c} of {passages} passage{s} report concrete work: {terms}{}",
                        if *weak {
                            ", not enough to count as covered"
                        } else {
                            ""
                        }
                    ),
                }
            }
            (
                Reason::OnlyNamed {
                    passages,
                    terms,
                    weakness,
                },
                Lang::Zh,
            ) => format!(
                "{passages}处出现{}，但{}",
                terms.join("、"),
                weakness.text(lang)
            ),
            (
                Reason::OnlyNamed {
                    passages,
                    terms,
                    weakness,
                },
                Lang::En,
            ) => format!(
                "{} named in {passages} passage{}, but {}",
                terms.join(", "),
                if *passages == 1 { "" } else { "s" },
                weakness.text(lang)
            ),
            (
                Reason::FromChildren {
                    covered,
                    partial,
                    of,
                },
                Lang::Zh,
            ) => {
                format!("按子项认定：{of}个子项中{covered}个覆盖、{partial}个部分覆盖")
            }
            (
                Reason::FromChildren {
                    covered,
                    partial,
                    of,
                },
                Lang::En,
            ) => format!("from its sub-items: {covered} of {of} covered, {partial} partly covered"),
            (Reason::NothingFound { examples }, Lang::Zh) => {
                format!("未找到相关内容（如：{}）", examples.join("、"))
            }
            (Reason::NothingFound { examples }, Lang::En) => {
                format!("nothing found on this (e.g. {})", examples.join(", "))
            }
            (Reason::PartMissing, _) => lang
                .pick("报告中未找到这一必备内容", "this required part is missing")
                .to_string(),
            (Reason::PartUnderHeading { heading }, _) => {
                format!("{}{heading}", lang.pick("见标题：", "under heading: "))
            }
            (Reason::PartInTopicalSections, _) => lang
                .pick(
                    "见按纲要任务编排的各部分",
                    "in the sections organised by the outline's tasks",
                )
                .to_string(),
            (Reason::PartInText { passages }, Lang::Zh) => {
                format!("无单独标题，见正文（{passages}处）")
            }
            (Reason::PartInText { passages }, Lang::En) => {
                format!("no heading of its own; found in the text ({passages} passages)")
            }
        }
    }
}
