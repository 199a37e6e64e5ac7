//! The words every export prints, in one table per language, so the HTML,
//! DOCX, CSV and Markdown exports say the same thing the same way.

use crate::analysis::AutoStatus;
use crate::assessment::Verdict;
use crate::i18n::Lang;

/// Fixed words of the exports.
pub(super) struct Labels {
    /// Document title.
    pub title: &'static str,
    /// Kicker above the title.
    pub kicker: &'static str,
    pub report: &'static str,
    pub unit: &'static str,
    pub year: &'static str,
    pub reviewer: &'static str,
    pub date: &'static str,
    pub progress: &'static str,
    pub total_score: &'static str,
    pub frameworks: &'static str,
    /// How many items got each verdict.
    pub tally: &'static str,
    /// Section headings. The annotated report text is an appendix after
    /// the signed opinion (HTML only).
    pub h_conclusion: &'static str,
    pub h_checklist: &'static str,
    pub h_annotations: &'static str,
    pub h_report_text: &'static str,
    /// Checklist columns.
    pub col_id: &'static str,
    pub col_item: &'static str,
    pub col_auto: &'static str,
    pub col_verdict: &'static str,
    pub col_score: &'static str,
    pub col_comment: &'static str,
    /// "(not written yet)".
    pub empty: &'static str,
    /// Stands for a missing value in a cell.
    pub none: &'static str,
    /// Annotations that could not be placed in the report text.
    pub unplaced: &'static str,
    /// Prefix of an evidence tag in the margin.
    pub evidence_for: &'static str,
    /// Marks a passage the reviewer confirmed or linked.
    pub confirmed: &'static str,
    /// Legend of the highlights.
    pub legend_evidence: &'static str,
    pub legend_note: &'static str,
    /// Explains which sub-items are listed.
    pub sub_items_note: &'static str,
    /// Explains the quote markers of the HTML checklist.
    pub quotes_note: &'static str,
    /// "Reviewed items: n / m".
    pub items_reviewed: &'static str,
    /// Signature line prefix.
    pub signed: &'static str,
    /// Footer.
    pub generated: &'static str,
    /// Note on a carried, unconfirmed verdict.
    pub carried: &'static str,
    /// Shown when no annotation exists.
    pub no_annotations: &'static str,
    /// How the DOCX appendix shows annotations and evidence.
    pub appendix_note: &'static str,
    /// Before an annotation's colour in its Word comment.
    pub color_prefix: &'static str,
    /// Unit of a year ("2020年").
    pub year_suffix: &'static str,
}

const ZH: Labels = Labels {
    title: "审查意见",
    kicker: "法治政府建设年度报告",
    report: "报告名称",
    unit: "报告单位",
    year: "报告年度",
    reviewer: "审查人",
    date: "审查日期",
    progress: "审查进度",
    total_score: "加权总分",
    frameworks: "审查依据",
    tally: "审查结果",
    h_conclusion: "一、审查结论",
    h_checklist: "二、逐项审查",
    h_annotations: "三、批注",
    h_report_text: "附：报告原文与批注",
    col_id: "编号",
    col_item: "审查项目",
    col_auto: "自动判断",
    col_verdict: "审查意见",
    col_score: "评分",
    col_comment: "说明",
    empty: "（未填写）",
    none: "—",
    unplaced: "未能在原文中定位的批注",
    evidence_for: "佐证",
    confirmed: "审查人确认",
    legend_evidence: "下划线：审查人确认或关联的佐证段落",
    legend_note: "底色与序号：批注，说明见右侧",
    sub_items_note: "表中列出全部一级审查项目，以及已审查或有说明的下级项目。",
    quotes_note: "引文左侧蓝线为审查人确认或关联的佐证，灰线为自动找到的段落。",
    items_reviewed: "已审查",
    signed: "审查人：",
    generated: "由 审阅 Shenyue 生成",
    carried: "沿用上年意见，待确认",
    no_annotations: "无批注。",
    appendix_note: "审查人的批注以 Word 批注形式显示在页边；下划线为审查人确认或关联的佐证段落，〔〕内为所佐证的审查项目编号。",
    color_prefix: "标记颜色：",
    year_suffix: "年",
};

const EN: Labels = Labels {
    title: "Review opinion",
    kicker: "Annual report on building a rule-of-law government",
    report: "Report",
    unit: "Reporting body",
    year: "Year",
    reviewer: "Reviewer",
    date: "Date",
    progress: "Progress",
    total_score: "Weighted score",
    frameworks: "Checked against",
    tally: "Verdicts",
    h_conclusion: "1. Conclusion",
    h_checklist: "2. Item by item",
    h_annotations: "3. Annotations",
    h_report_text: "Appendix: report text and annotations",
    col_id: "No.",
    col_item: "Item",
    col_auto: "Automatic",
    col_verdict: "Verdict",
    col_score: "Score",
    col_comment: "Comment",
    empty: "(none written)",
    none: "—",
    unplaced: "Annotations not found in the report text",
    evidence_for: "Evidence",
    confirmed: "confirmed by the reviewer",
    legend_evidence: "Underlined: evidence the reviewer confirmed or linked",
    legend_note: "Shaded and numbered: annotations, notes on the right",
    sub_items_note: "All top-level items are listed, and sub-items that were reviewed or commented.",
    quotes_note: "Quotes with a blue bar were confirmed or linked by the reviewer, grey ones were found automatically.",
    items_reviewed: "reviewed",
    signed: "Reviewer: ",
    generated: "Made with Shenyue (审阅)",
    carried: "carried over from last year, not yet confirmed",
    no_annotations: "No annotations.",
    appendix_note: "The reviewer's annotations are Word comments in the margin; underlined passages are evidence the reviewer confirmed or linked, with the ids of the items they support in 〔〕.",
    color_prefix: "Colour: ",
    year_suffix: "",
};

/// The labels of `lang`.
pub(super) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The name of the total score, the same in the workbench and every export.
pub fn total_score_name(lang: Lang) -> &'static str {
    lang.pick("加权总分", "Weighted score")
}

/// What the total score rests on: "仅依据 3 / 57 项已评分" / "from only 3 of
/// 57 items scored"; "尚无已评分的项" when none.
pub fn score_basis_note(a: &crate::assessment::Assessment, lang: Lang) -> String {
    match a.score_basis() {
        (None, _, _) => lang
            .pick("尚无已评分的项", "no item scored yet")
            .to_string(),
        (Some(_), scored, items) if scored < items => match lang {
            Lang::Zh => format!("仅依据 {scored} / {items} 项已评分"),
            Lang::En => format!("from only {scored} of {items} items scored"),
        },
        (Some(_), _, items) => match lang {
            Lang::Zh => format!("依据全部 {items} 项"),
            Lang::En => format!("from all {items} items"),
        },
    }
}

/// The total score with what it rests on: "78.3（仅依据 3 / 57 项已评分）" /
/// "78.3 (from only 3 of 57 items scored)". The one wording of the score
/// for the workbench and every export.
pub fn total_score_value(a: &crate::assessment::Assessment, lang: Lang) -> String {
    let value = super::common::fmt_score(a.total_score(), "—");
    let note = score_basis_note(a, lang);
    match lang {
        Lang::Zh => format!("{value}（{note}）"),
        Lang::En => format!("{value} ({note})"),
    }
}

/// Name of an automatic status — the one wording, for the workbench and
/// every export.
pub fn auto_label(status: AutoStatus, lang: Lang) -> &'static str {
    match status {
        AutoStatus::Covered => lang.pick("已覆盖", "Covered"),
        AutoStatus::Partial => lang.pick("部分覆盖", "Partly covered"),
        AutoStatus::Missing => lang.pick("未发现", "Not found"),
    }
}

/// Name of a verdict.
pub(super) fn verdict_label(verdict: Verdict, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => verdict.label_zh(),
        Lang::En => verdict.label_en(),
    }
}
