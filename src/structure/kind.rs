//! What kind of document this is. Offices receive, among the annual
//! 法治政府建设 reports, the government's 政府工作报告 to the people's
//! congress, a year's 工作要点 (a list of tasks), or a notice; reviewing
//! those against the annual-report checklist produces nonsense, so the
//! tool says what it thinks the document is, and why.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{PartId, Structure};
use crate::i18n::Lang;

#[allow(clippy::unwrap_used)] // constant patterns, covered by tests
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

/// The kinds of document the tool tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// An annual 法治政府建设 report (年度报告, 情况报告, 工作报告).
    AnnualReport,
    /// A list of tasks for the coming year (工作要点, 工作安排, 工作计划).
    WorkPoints,
    /// Anything else: a 政府工作报告, a notice…
    #[default]
    Other,
}

impl DocumentKind {
    /// Stable snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::AnnualReport => "annual_report",
            DocumentKind::WorkPoints => "work_points",
            DocumentKind::Other => "other",
        }
    }

    /// Short name in the user's language.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            DocumentKind::AnnualReport => ("法治政府建设年度报告", "annual rule-of-law report"),
            DocumentKind::WorkPoints => ("工作要点（任务清单）", "work points (task list)"),
            DocumentKind::Other => ("其他文件", "another kind of document"),
        };
        lang.pick(zh, en)
    }
}

/// Why the document was judged to be of its kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum KindReason {
    /// A line at the top names the kind ("…法治政府建设情况报告",
    /// "…工作要点", "…的通知").
    TitleSays {
        /// The line.
        title: String,
        /// The words that decided.
        phrase: String,
    },
    /// Forms of address and phrases of a report to the people's congress.
    GovernmentWorkReport {
        /// The phrases found ("各位代表", "请予审议"…).
        cues: Vec<String>,
    },
    /// Tasks with lead and responsible units (牵头单位, 责任单位).
    TaskAssignments {
        /// How many assignments.
        count: usize,
    },
    /// The content of an annual report: 法治政府建设 work in the year,
    /// with the parts an annual report has.
    ReportContent {
        /// Mentions of 法治政府/依法行政/法治建设.
        mentions: usize,
        /// The required parts found.
        parts: Vec<PartId>,
    },
    /// Report-like parts, but the text is about other matters: 法治政府
    /// 建设 is a small share of it.
    OffTopic {
        /// Mentions of 法治政府/依法行政/法治建设.
        mentions: usize,
        /// Characters of text.
        chars: usize,
    },
    /// None of the above.
    #[default]
    NoReportSignals,
}

impl KindReason {
    /// The reason in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (KindReason::TitleSays { title, .. }, Lang::Zh) => format!("标题为“{title}”"),
            (KindReason::TitleSays { title, .. }, Lang::En) => format!("the title reads “{title}”"),
            (KindReason::GovernmentWorkReport { cues }, Lang::Zh) => {
                format!("向人民代表大会所作的政府工作报告（{}）", cues.join("、"))
            }
            (KindReason::GovernmentWorkReport { cues }, Lang::En) => format!(
                "a government work report to the people's congress ({})",
                cues.join(", ")
            ),
            (KindReason::TaskAssignments { count }, Lang::Zh) => {
                format!("列有 {count} 处牵头单位/责任单位的任务分工")
            }
            (KindReason::TaskAssignments { count }, Lang::En) => {
                format!("{count} tasks assigned to lead or responsible units")
            }
            (KindReason::ReportContent { mentions, parts }, Lang::Zh) => format!(
                "正文叙述法治政府建设工作（提及 {mentions} 次），含{}",
                parts_list(parts, lang)
            ),
            (KindReason::ReportContent { mentions, parts }, Lang::En) => format!(
                "the text reports on rule-of-law government work ({mentions} mentions) with {}",
                parts_list(parts, lang)
            ),
            (KindReason::OffTopic { mentions, chars }, Lang::Zh) => {
                format!("全文 {chars} 字仅 {mentions} 处提及法治政府建设，主要叙述其他工作")
            }
            (KindReason::OffTopic { mentions, chars }, Lang::En) => format!(
                "only {mentions} mentions of rule-of-law government work in {chars} characters; the text is about other matters"
            ),
            (KindReason::NoReportSignals, Lang::Zh) => {
                "未见法治政府建设年度报告的标题或内容".to_string()
            }
            (KindReason::NoReportSignals, Lang::En) => {
                "neither the title nor the content of an annual rule-of-law report".to_string()
            }
        }
    }
}

fn parts_list(parts: &[PartId], lang: Lang) -> String {
    let names: Vec<&str> = parts.iter().map(|p| p.label(lang)).collect();
    names.join(lang.pick("、", ", "))
}

/// The kind with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KindJudgement {
    /// The kind.
    pub kind: DocumentKind,
    /// Why.
    pub reason: KindReason,
}

/// Phrases only a report to the people's congress uses.
const CONGRESS_CUES: &[&str] = &[
    "各位代表",
    "请予审议",
    "向大会报告",
    "政协委员和其他列席人员",
    "人民代表大会",
    "政府工作报告",
];
/// Figures of the whole economy, which a 政府工作报告 reports and an annual
/// 法治政府建设 report does not.
const ECONOMY_CUES: &[&str] = &[
    "地区生产总值",
    "GDP",
    "固定资产投资",
    "一般公共预算收入",
    "社会消费品零售总额",
    "规模以上工业",
];
/// Mentions of the topic per 1,000 characters below which a text is about
/// something else (annual reports run at 4–7, a 政府工作报告 below 0.3).
const MIN_TOPIC_PER_MILLE: usize = 1;
static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:法治政府|依法行政|法治建设|法制建设|法治[\p{Han}]{0,4}建设)[^。]*(?:报告|情况|总结)")
});
static POINTS_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"工作要点|工作安排|工作计划|任务分工|任务分解|重点任务|实施方案|工作方案")
});
static GOV_REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"^[^法]*政府工作报告"));
static NOTICE_TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:通知|通报|函|决定|意见)$"));
static ASSIGNMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:牵头单位|责任单位|配合单位|责任部门|牵头部门)\s*[：:]"));
static TOPIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"法治政府|依法行政|法治建设|法治[\p{Han}]{1,4}建设"));

/// Judges a structured text (parts already detected).
pub fn classify(text: &str, s: &Structure) -> KindJudgement {
    let paras: Vec<&str> = text.split('\n').collect();
    // The top of the document: lines before the first heading, at most 8,
    // that read as titles (short, not ending a sentence, not a 主送 line).
    let first_heading = s.headings.first().map_or(paras.len(), |h| h.paragraph);
    let top: Vec<&str> = paras
        .iter()
        .take(first_heading.min(8))
        .map(|p| p.trim())
        .filter(|p| {
            let n = p.chars().count();
            (4..=70).contains(&n) && !p.ends_with(['。', '：', ':', '；', '，'])
        })
        .collect();

    let cues: Vec<String> = CONGRESS_CUES
        .iter()
        .filter(|c| text.contains(**c))
        .map(|c| c.to_string())
        .collect();
    let economy: Vec<String> = ECONOMY_CUES
        .iter()
        .filter(|c| text.contains(**c))
        .map(|c| c.to_string())
        .collect();
    let says = |title: &str, m: regex::Match| KindReason::TitleSays {
        title: title.to_string(),
        phrase: m.as_str().to_string(),
    };

    for t in &top {
        if let Some(m) = GOV_REPORT_TITLE.find(t) {
            return judged(DocumentKind::Other, says(t, m));
        }
    }
    // "各位代表" and "请予审议" together, or any three cues: a report to the
    // congress, whatever its title (an annual report may quote the 政府工作
    // 报告 once, never address the deputies).
    let addressed = cues.iter().any(|c| c == "各位代表") && cues.iter().any(|c| c == "请予审议");
    // Three figures of the whole economy: a report on everything the
    // government did, not on building the rule of law.
    if addressed || cues.len() >= 3 || economy.len() >= 3 {
        let cues = cues.into_iter().chain(economy).collect();
        return judged(
            DocumentKind::Other,
            KindReason::GovernmentWorkReport { cues },
        );
    }
    for t in &top {
        if let Some(m) = POINTS_TITLE.find(t)
            && !t.contains("报告")
        {
            return judged(DocumentKind::WorkPoints, says(t, m));
        }
    }
    for t in &top {
        if let Some(m) = REPORT_TITLE.find(t) {
            return judged(DocumentKind::AnnualReport, says(t, m));
        }
    }
    for t in &top {
        if let Some(m) = NOTICE_TITLE.find(t)
            && t.starts_with("关于")
        {
            return judged(DocumentKind::Other, says(t, m));
        }
    }

    let assignments = ASSIGNMENT.find_iter(text).count();
    if assignments >= 3 {
        return judged(
            DocumentKind::WorkPoints,
            KindReason::TaskAssignments { count: assignments },
        );
    }
    let mentions = TOPIC.find_iter(text).count();
    let parts: Vec<PartId> = s.parts.iter().filter(|p| p.present).map(|p| p.id).collect();
    // An annual report reports the year's work (DC1) and at least one of
    // the other parts: its shortcomings, the leaders' duty, next year.
    let has_work = parts.contains(&PartId::DC1);
    let has_other = parts
        .iter()
        .any(|p| matches!(p, PartId::DC2 | PartId::DC3 | PartId::DC4));
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if mentions >= 3 && has_work && has_other {
        if mentions * 1000 < chars * MIN_TOPIC_PER_MILLE {
            return judged(
                DocumentKind::Other,
                KindReason::OffTopic { mentions, chars },
            );
        }
        return judged(
            DocumentKind::AnnualReport,
            KindReason::ReportContent { mentions, parts },
        );
    }
    judged(DocumentKind::Other, KindReason::NoReportSignals)
}

fn judged(kind: DocumentKind, reason: KindReason) -> KindJudgement {
    KindJudgement { kind, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn kind(text: &str) -> DocumentKind {
        Document::from_text("t", text)
            .structure
            .metadata
            .document_kind
            .kind
    }

    #[test]
    fn titles_decide() {
        assert_eq!(
            kind("某区2021年法治政府建设情况报告\n正文。"),
            DocumentKind::AnnualReport
        );
        assert_eq!(
            kind("某县2022年法治政府建设工作要点\n一、任务"),
            DocumentKind::WorkPoints
        );
        assert_eq!(
            kind("关于印发某县2020年度法治政府建设工作安排的通知\n各乡镇：现印发。"),
            DocumentKind::WorkPoints
        );
        assert_eq!(
            kind("关于做好防汛工作的通知\n各乡镇：请做好防汛。"),
            DocumentKind::Other
        );
        assert_eq!(
            kind("2022年某区政府工作报告\n各位代表："),
            DocumentKind::Other
        );
    }

    #[test]
    fn content_decides_without_a_title() {
        let congress = "各位代表：\n现在，我代表区人民政府，向大会报告工作，请予审议。\n一、2020年工作回顾\n法治政府建设扎实推进。";
        let j = Document::from_text("t", congress)
            .structure
            .metadata
            .document_kind;
        assert_eq!(j.kind, DocumentKind::Other);
        assert!(matches!(j.reason, KindReason::GovernmentWorkReport { .. }));
        assert!(j.reason.message(Lang::Zh).contains("各位代表"));
        assert!(j.reason.message(Lang::En).contains("people's congress"));

        let points = "一、推进依法决策\n1.完善决策程序。（牵头单位：区司法局）\n2.推行法律顾问。（牵头单位：区司法局）\n3.开展合法性审查。（责任单位：各部门）";
        assert_eq!(kind(points), DocumentKind::WorkPoints);

        let report = "一、主要举措和成效\n我区深入推进法治政府建设，依法行政水平提升，全年办结复议案件40件。\n二、存在的不足\n法治建设工作不平衡，基层法治力量薄弱。\n三、下一步工作打算\n持续推进法治政府建设。";
        let j = Document::from_text("t", report)
            .structure
            .metadata
            .document_kind;
        assert_eq!(j.kind, DocumentKind::AnnualReport, "{j:?}");
        assert_eq!(kind("今天天气很好。\n明天也好。"), DocumentKind::Other);

        // The parts of a report, but about something else entirely.
        let filler = "全年新增道路十公里，建成公园三个，学校扩建两所。".repeat(200);
        let elsewhere = format!("{report}\n{filler}");
        let j = Document::from_text("t", &elsewhere)
            .structure
            .metadata
            .document_kind;
        assert_eq!(j.kind, DocumentKind::Other, "{j:?}");
        assert!(matches!(j.reason, KindReason::OffTopic { .. }), "{j:?}");
    }
}
