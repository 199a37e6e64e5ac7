//! The one table of UI strings in both languages. Every label the workbench
//! shows that is not a command (see [`super::command`]) or a library label
//! (verdicts, parts, cleaning kinds) comes from here, so a translator edits
//! one place.

use crate::i18n::Lang;

macro_rules! strings {
    ($($key:ident => ($zh:literal, $en:literal),)*) => {
        /// A UI string; [`T::get`] gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T {
            $(
                #[doc = $en]
                $key,
            )*
        }

        impl T {
            /// Every string, in table order (for tests).
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The string in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $(T::$key => lang.pick($zh, $en),)*
                }
            }
        }
    };
}

strings! {
    AppTitle => ("审阅 Shenyue", "审阅 Shenyue"),
    MenuFile => ("文件", "File"),
    MenuEdit => ("编辑", "Edit"),
    MenuView => ("视图", "View"),
    MenuReview => ("审阅", "Review"),
    MenuHelp => ("帮助", "Help"),
    MenuRecent => ("最近打开", "Open recent"),
    MenuLanguage => ("界面语言", "Language"),
    MenuTheme => ("主题", "Theme"),
    ThemeLight => ("浅色", "Light"),
    ThemeDark => ("深色", "Dark"),
    ThemeSystem => ("跟随系统", "System"),
    NoRecent => ("（暂无）", "(none)"),
    ClearRecent => ("清空最近打开", "Clear recent files"),
    Welcome => ("将报告拖到此处，或按 Ctrl+O 打开", "Drop a report here, or press Ctrl+O to open one"),
    WelcomeFormats => ("支持 txt、docx、html、pdf 格式，以及审阅记录（.shenyue.ron）", "txt, docx, html and pdf reports, and assessments (.shenyue.ron)"),
    DropHere => ("松开鼠标以打开文件", "Release to open the file"),
    Loading => ("正在打开", "Opening"),
    StageReading => ("正在读取并清理文本…", "Reading and cleaning the text…"),
    StageAnalysing => ("正在自动比对审查要点…", "Checking the requirements…"),
    StagePreparing => ("正在准备分析引擎…", "Preparing the analysis engine…"),
    OpenFailed => ("无法打开", "Cannot open"),
    Dismiss => ("关闭提示", "Dismiss"),
    Outline => ("提纲", "Outline"),
    RequiredParts => ("必备内容", "Required parts"),
    PartPresent => ("已具备", "present"),
    PartMissing => ("缺少", "missing"),
    NoHeadings => ("未识别到标题", "No headings found"),
    Info => ("报告信息", "Report"),
    Title => ("标题", "Title"),
    Unit => ("单位", "Unit"),
    Year => ("年度", "Year"),
    Date => ("成文日期", "Date"),
    Published => ("发布日期", "Published"),
    Source => ("来源", "Source"),
    FileName => ("文件", "File"),
    Format => ("格式", "Format"),
    Encoding => ("编码", "Encoding"),
    Chars => ("字数", "Characters"),
    Unknown => ("（未知）", "(unknown)"),
    Cleaning => ("文本清理记录", "Cleaning log"),
    CleaningNone => ("未做任何清理", "Nothing was cleaned"),
    CleaningChanges => ("处清理", "changes"),
    CharsUnit => ("字", "chars"),
    Checklist => ("审查清单", "Checklist"),
    Reviewed => ("已审", "Reviewed"),
    FilterAll => ("全部", "All"),
    FilterUnreviewed => ("未审", "Unreviewed"),
    FilterMissing => ("缺失", "Missing"),
    FilterCommented => ("有意见", "Commented"),
    FilterLabel => ("筛选", "Filter"),
    NoItems => ("没有审查条目（未载入框架或自动分析尚无结果）", "No checklist items (no framework loaded or no analysis result yet)"),
    NoItemsFiltered => ("没有符合筛选条件的条目", "No items match the filter"),
    NoAnalysis => ("自动分析尚未给出结果", "The automatic analysis gave no result"),
    AutoCovered => ("已覆盖", "Covered"),
    AutoPartial => ("部分覆盖", "Partly covered"),
    AutoMissing => ("未发现", "Not found"),
    AutoNone => ("无自动结果", "No automatic result"),
    AutoReason => ("自动判断", "Automatic finding"),
    Description => ("审查要点", "What to look for"),
    Evidence => ("证据", "Evidence"),
    NoEvidence => ("未找到证据", "No evidence found"),
    LinkedEvidence => ("审阅人关联的证据", "Evidence linked by the reviewer"),
    Accept => ("采纳", "Accept"),
    Reject => ("排除", "Reject"),
    Accepted => ("已采纳", "accepted"),
    Rejected => ("已排除", "rejected"),
    Unlink => ("取消关联", "Unlink"),
    Verdict => ("结论", "Verdict"),
    Score => ("得分", "Score"),
    ScoreAuto => ("按结论", "From verdict"),
    ScoreSet => ("自定分数", "Set a score"),
    Comment => ("审阅意见", "Comment"),
    CommentHint => ("在此填写对本条的审阅意见", "Your comment on this item"),
    SelectItemHint => ("在上方选择一个条目（J / K 切换）", "Select an item above (J / K to move)"),
    Overall => ("总体评价", "Overall review"),
    ReviewerName => ("审阅人", "Reviewer"),
    ReviewerHint => ("审阅人姓名", "Reviewer's name"),
    Conclusion => ("总体结论", "Conclusion"),
    ConclusionHint => ("对报告的总体评价", "Your overall conclusion"),
    TotalScore => ("加权总分", "Weighted total"),
    NoScore => ("尚无", "none yet"),
    Annotations => ("批注", "Annotations"),
    NeedsAttention => ("需要处理：报告文本已变化，以下批注未能自动定位", "Needs attention: the report changed and these could not be placed"),
    LostLinks => ("未能定位的关联证据", "Linked evidence that could not be placed"),
    Reanchored => ("报告文本与审阅记录不一致，已按原文重新定位批注", "The report text changed; annotations were re-anchored by their quotes"),
    AnnotateSelection => ("批注所选文字", "Annotate selection"),
    LinkSelection => ("作为当前条目的证据", "Link to the selected item"),
    CopySelection => ("复制", "Copy"),
    ClearSelection => ("取消选择", "Clear selection"),
    SelectionInfo => ("已选", "Selected"),
    NewAnnotation => ("新建批注", "New annotation"),
    EditAnnotation => ("编辑批注", "Edit annotation"),
    Note => ("批注内容", "Note"),
    NoteHint => ("写下批注", "Write a note"),
    Colour => ("颜色", "Colour"),
    Ok => ("确定", "OK"),
    Cancel => ("取消", "Cancel"),
    Delete => ("删除", "Delete"),
    Save => ("保存", "Save"),
    DontSave => ("不保存", "Don't save"),
    Search => ("查找", "Find"),
    SearchHint => ("查找词语或字符", "Find words or characters"),
    SearchNext => ("下一个", "Next"),
    SearchPrev => ("上一个", "Previous"),
    SearchNone => ("无匹配", "No match"),
    SearchClose => ("关闭查找", "Close find"),
    Saved => ("已保存", "Saved"),
    Autosaved => ("已自动保存", "Autosaved"),
    Unsaved => ("有未保存的更改", "Unsaved changes"),
    NotSavedYet => ("尚未保存", "Not saved yet"),
    SaveFailed => ("保存失败", "Save failed"),
    SavedTo => ("已保存到", "Saved to"),
    ShortcutsTitle => ("快捷键", "Keyboard shortcuts"),
    Close => ("关闭", "Close"),
    UnsavedTitle => ("有未保存的更改", "Unsaved changes"),
    UnsavedBody => ("审阅记录有未保存的更改。关闭前要保存吗？", "The assessment has unsaved changes. Save before closing?"),
    RecoveryTitle => ("发现自动保存的版本", "An autosaved version was found"),
    RecoveryBody => ("上次可能未正常退出。自动保存的版本比已保存的审阅记录更新，要恢复它吗？", "Shenyue may not have closed normally. The autosaved version is newer than the saved assessment. Restore it?"),
    RecoveryRestore => ("恢复自动保存的版本", "Restore the autosave"),
    RecoveryDiscard => ("丢弃，使用已保存的版本", "Discard it, keep the saved file"),
    AutosavedAt => ("自动保存于", "Autosaved at"),
    SavedAt => ("已保存版本", "Saved version"),
    ConflictTitle => ("文件已在外部被修改", "Changed outside Shenyue"),
    ConflictBody => ("审阅记录文件在打开后被其他程序或其他审阅人修改过。为免覆盖他人的工作，尚未保存。", "The assessment file was changed by another program or reviewer since it was opened. Nothing was saved, so their work is not lost."),
    ConflictOverwrite => ("仍然覆盖（旧文件保留为 .bak）", "Overwrite anyway (the old file is kept as .bak)"),
    ConflictSaveAs => ("另存为…", "Save as…"),
    AssessmentUnreadable => ("已有的审阅记录无法读取，未作改动；保存时将询问", "The existing assessment could not be read and was left untouched; saving will ask first"),
    PathTitle => ("按路径打开", "Open by path"),
    SavePathTitle => ("另存为（输入路径）", "Save as (enter a path)"),
    PathHint => ("文件的完整路径", "Full path of the file"),
    PathLabel => ("路径", "Path"),
    DialogUnavailable => ("无法打开系统文件对话框", "The system file dialog is not available"),
    DialogWaiting => ("等待文件对话框…", "Waiting for the file dialog…"),
    TypePathInstead => ("改为输入路径", "Type a path instead"),
    UndoNothing => ("没有可撤销的操作", "Nothing to undo"),
    RedoNothing => ("没有可重做的操作", "Nothing to redo"),
    Undone => ("已撤销", "Undone"),
    Redone => ("已重做", "Redone"),
    NoItemSelected => ("请先在审查清单中选择一个条目", "Select a checklist item first"),
    NoSelection => ("请先在报告中选择文字", "Select some text in the report first"),
    NoDocument => ("尚未打开报告", "No report is open"),
    Frameworks => ("审查框架", "Frameworks"),
    FrameworkNotice => ("框架提示", "Framework notice"),
    LinkedTo => ("已关联到", "Linked to"),
    AnnotationAdded => ("已添加批注", "Annotation added"),
    Copied => ("已复制", "Copied"),
    Progress => ("进度", "Progress"),
    ShowFaint => ("显示其他条目的证据", "Show other items' evidence"),
    Panels => ("面板", "Panels"),
    TextSize => ("文字大小", "Text size"),
    Language => ("语言", "Language"),
    ZhName => ("中文", "中文"),
    EnName => ("English", "English"),
    ReportText => ("报告正文", "Report text"),
    Ready => ("就绪", "Ready"),
    AnalysisNotice => ("分析提示", "Analysis notice"),
    PlaceHere => ("定位到所选文字", "Place on selection"),
    PlaceHereTip => ("先在报告中选中这条批注对应的文字，再点此按钮", "Select the passage in the report first, then click here"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::Zh).trim().is_empty(), "{t:?} zh");
            assert!(!t.get(Lang::En).trim().is_empty(), "{t:?} en");
        }
        assert_eq!(T::Save.get(Lang::Zh), "保存");
        assert_eq!(T::Save.get(Lang::En), "Save");
    }
}
