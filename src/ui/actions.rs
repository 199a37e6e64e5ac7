//! What the reviewer asks for: views return [`Action`]s and
//! `AppState::apply` (in `state.rs`) carries them out after drawing.

use std::path::PathBuf;

use super::command::UiCommand;
use super::export_target::ExportTarget;
use super::review::{EvidenceMark, Filter};
use super::settings::ThemeChoice;
use super::strings::T;
use crate::assessment::{AnnotationColor, Verdict};
use crate::i18n::Lang;
use crate::text::CharRange;

/// Something the reviewer asked for, carried out after drawing.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "an action does nothing until it is applied"]
pub enum Action {
    /// A command from the table (menu, toolbar, keyboard).
    Command(UiCommand),
    /// Open a file.
    Open(PathBuf),
    /// Scroll the report to a character and flash a passage.
    ScrollTo {
        /// The character.
        at: usize,
        /// The passage to flash.
        flash: Option<CharRange>,
    },
    /// Jump to a heading (index into the structure's headings).
    SelectHeading(usize),
    /// Jump to a required part.
    SelectPart(crate::structure::PartId),
    /// Select a checklist item (index into the assessment's items).
    SelectItem(usize),
    /// Jump to an evidence passage of the selected item.
    ShowEvidence(CharRange),
    /// Set an item's verdict.
    SetVerdict(usize, Verdict),
    /// Set an item's score (`None`: from the verdict).
    SetScore(usize, Option<f32>),
    /// Set an item's comment.
    SetComment(usize, String),
    /// Accept or reject an automatic evidence passage.
    MarkEvidence(usize, CharRange, EvidenceMark),
    /// Remove a passage the reviewer linked (item, index in `linked`).
    Unlink(usize, usize),
    /// Open the annotation editor on an existing annotation.
    EditAnnotation(u64),
    /// Remove an annotation.
    DeleteAnnotation(u64),
    /// Place an annotation that needs attention on the selected text.
    PlaceAnnotation(u64),
    /// Save the annotation editor's content.
    SaveAnnotation {
        /// Existing annotation, or `None` for a new one.
        id: Option<u64>,
        /// Where (for a new one).
        range: CharRange,
        /// The note.
        note: String,
        /// The colour.
        color: AnnotationColor,
    },
    /// Set the reviewer's name.
    SetReviewer(String),
    /// Set the overall conclusion.
    SetConclusion(String),
    /// Set the checklist filter.
    SetFilter(Filter),
    /// Switch a framework on or off for this report.
    ToggleFramework(String),
    /// The reviewer corrects the year reported on: the frameworks are
    /// chosen anew for it and the analysis re-run, verdicts kept.
    CorrectYear(i32),
    /// The reviewer corrects the reporting unit.
    CorrectUnit(String),
    /// Set the search text.
    SetSearch(String),
    /// Set the language.
    SetLang(Lang),
    /// Set the theme.
    SetTheme(ThemeChoice),
    /// Set the text size.
    SetTextSize(f32),
    /// Close the current dialog (cancel).
    CloseDialog,
    /// The path typed in the path dialog.
    PathEntered(PathBuf),
    /// Answer to the recovery offer: restore (true) or discard.
    Recover(bool),
    /// Answer to the unsaved-changes prompt: save first (true) or discard.
    ResolveUnsaved(bool),
    /// Overwrite a file changed on disk.
    Overwrite,
    /// Open the assessment again from its file, changed by someone else.
    ReloadAssessment,
    /// Dismiss the notice banner.
    DismissNotice,
    /// Forget the recent files.
    ClearRecent,
    /// Compare the open report with this older report (a report file, or
    /// an assessment naming one).
    CompareWith(PathBuf),
    /// Compare with another report of this session (its path).
    CompareAgainst(PathBuf),
    /// Show a tab of the comparison view.
    CompareTab(CompareTab),
    /// Select a row of the items table.
    CompareSelectItem(usize),
    /// Select a recycled passage.
    CompareSelectPassage(usize),
    /// Select a pair of aligned sections.
    CompareSelectPair(usize),
    /// Diff two passages (older, newer), labelled.
    CompareDiff {
        /// What is compared.
        label: String,
        /// The older report's passage.
        old: CharRange,
        /// The newer report's passage.
        new: CharRange,
    },
    /// Close the diff.
    CloseDiff,
    /// Leave the comparison and show this passage of the open report.
    CompareJump(CharRange),
    /// Select an indicator of the comparison (index into its indicators):
    /// both years' sentences are shown side by side.
    CompareSelectIndicator(usize),
    /// Open the compared older report and show this passage of it (the
    /// report under review stays a year of this session's comparisons).
    CompareJumpOlder(CharRange),
    /// Pre-fill the assessment from last year's assessment at this path.
    CarryFrom(PathBuf),
    /// Write an export to this file.
    ExportTo(ExportTarget, PathBuf),
    /// Something done in the submissions inbox.
    Inbox(super::inbox::InboxAction),
    /// Back from the workbench to the open folder's inbox.
    ShowInbox,
}

/// The tabs of the comparison view (what [`Action::CompareTab`] shows;
/// here so that actions depend on no view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareTab {
    /// 总览: plans, indicator chart and recycled share on one page.
    #[default]
    Overview,
    /// 逐项对照: items × years.
    Items,
    /// 上年计划落实: the older report's plans.
    FollowThrough,
    /// 指标对比: indicators in both years.
    Indicators,
    /// 重复文字: recycled text and diffs.
    Recycled,
}

impl CompareTab {
    /// Every tab, in display order.
    pub const ALL: [CompareTab; 5] = [
        CompareTab::Overview,
        CompareTab::Items,
        CompareTab::FollowThrough,
        CompareTab::Indicators,
        CompareTab::Recycled,
    ];

    /// The tab's label.
    pub fn label(self) -> T {
        match self {
            CompareTab::Overview => T::TabOverview,
            CompareTab::Items => T::TabItems,
            CompareTab::FollowThrough => T::TabFollowThrough,
            CompareTab::Indicators => T::TabIndicators,
            CompareTab::Recycled => T::TabRecycled,
        }
    }
}
