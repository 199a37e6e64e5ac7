//! The command table: every action a reviewer can start from a menu, a
//! toolbar button or the keyboard, with its label (zh/en), tooltip and
//! shortcuts — one table that the menus, the shortcut handling and the F1
//! shortcut map all read (after rerun's `UICommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::Lang;

/// A command without arguments, as offered in menus and on the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Open a report or assessment with the file dialog.
    Open,
    /// Open a report or assessment by typing its path.
    OpenPath,
    /// Open a folder of reports as the submissions inbox.
    OpenFolder,
    /// Save the assessment (to its sidecar file by default).
    Save,
    /// Save the assessment under another name.
    SaveAs,
    /// Close the open report.
    CloseReport,
    /// Quit the application.
    Quit,
    /// Undo the last reviewer edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show the find bar.
    Find,
    /// Go to the next search hit.
    FindNext,
    /// Go to the previous search hit.
    FindPrev,
    /// Select the next checklist item.
    NextItem,
    /// Select the previous checklist item.
    PrevItem,
    /// Verdict 符合 on the selected item.
    VerdictMet,
    /// Verdict 基本符合.
    VerdictPartlyMet,
    /// Verdict 不符合.
    VerdictNotMet,
    /// Verdict 不适用.
    VerdictNotApplicable,
    /// Back to 未审.
    VerdictUnreviewed,
    /// Show the selected item's next evidence passage.
    NextEvidence,
    /// Show the selected item's previous evidence passage.
    PrevEvidence,
    /// Annotate the selected text.
    Annotate,
    /// Link the selected text to the selected item as evidence.
    LinkSelection,
    /// Copy the selected report text.
    Copy,
    /// Clear the selection, close the find bar.
    Escape,
    /// Larger text.
    TextBigger,
    /// Smaller text.
    TextSmaller,
    /// Default text size.
    TextReset,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show or hide the outline panel.
    ToggleOutline,
    /// Show or hide the report information panel.
    ToggleInfo,
    /// Show or hide the checklist panel.
    ToggleChecklist,
    /// Show or hide other items' evidence in the report.
    ToggleFaintEvidence,
    /// Show the keyboard shortcut map.
    Shortcuts,
    /// Compare the report with an older report of the same unit.
    CompareWith,
    /// Show the comparison made last.
    ShowComparison,
    /// Leave the comparison view, back to the workbench.
    CloseComparison,
    /// Pre-fill the assessment from last year's assessment.
    StartFromLastYear,
    /// Export the assessment as a printable web page.
    ExportHtml,
    /// Export the assessment as a Word document.
    ExportDocx,
    /// Export the assessment as CSV.
    ExportCsv,
    /// Export the assessment as JSON.
    ExportJson,
    /// Export the assessment as Markdown.
    ExportMarkdown,
    /// Export the comparison as a web page.
    ExportComparisonHtml,
    /// Export the comparison as Markdown.
    ExportComparisonMarkdown,
    /// Export the comparison as JSON (as `shenyue compare` writes it).
    ExportComparisonJson,
}

/// How a command is presented.
#[derive(Debug, Clone, Copy)]
pub struct CommandInfo {
    /// Menu label in Chinese.
    pub label_zh: &'static str,
    /// Menu label in English.
    pub label_en: &'static str,
    /// Tooltip in Chinese.
    pub tip_zh: &'static str,
    /// Tooltip in English.
    pub tip_en: &'static str,
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;

impl UiCommand {
    /// Every command, in the order of the F1 map.
    pub const ALL: [UiCommand; 46] = [
        UiCommand::Open,
        UiCommand::OpenPath,
        UiCommand::OpenFolder,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::CloseReport,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Find,
        UiCommand::FindNext,
        UiCommand::FindPrev,
        UiCommand::NextItem,
        UiCommand::PrevItem,
        UiCommand::VerdictMet,
        UiCommand::VerdictPartlyMet,
        UiCommand::VerdictNotMet,
        UiCommand::VerdictNotApplicable,
        UiCommand::VerdictUnreviewed,
        UiCommand::NextEvidence,
        UiCommand::PrevEvidence,
        UiCommand::Annotate,
        UiCommand::LinkSelection,
        UiCommand::Copy,
        UiCommand::Escape,
        UiCommand::TextBigger,
        UiCommand::TextSmaller,
        UiCommand::TextReset,
        UiCommand::ToggleTheme,
        UiCommand::ToggleOutline,
        UiCommand::ToggleInfo,
        UiCommand::ToggleChecklist,
        UiCommand::ToggleFaintEvidence,
        UiCommand::Shortcuts,
        UiCommand::CompareWith,
        UiCommand::ShowComparison,
        UiCommand::CloseComparison,
        UiCommand::StartFromLastYear,
        UiCommand::ExportHtml,
        UiCommand::ExportDocx,
        UiCommand::ExportCsv,
        UiCommand::ExportJson,
        UiCommand::ExportMarkdown,
        UiCommand::ExportComparisonHtml,
        UiCommand::ExportComparisonMarkdown,
        UiCommand::ExportComparisonJson,
    ];

    /// Label and tooltip.
    pub fn info(self) -> CommandInfo {
        let (label_zh, label_en, tip_zh, tip_en) = match self {
            UiCommand::Open => (
                "打开…",
                "Open…",
                "打开报告（docx、doc、wps、pdf、ofd、odt、rtf、html、txt）或审阅记录",
                "Open a report (docx, doc, wps, pdf, ofd, odt, rtf, html, txt) or an assessment",
            ),
            UiCommand::OpenFolder => (
                "打开文件夹…",
                "Open folder…",
                "把一个文件夹（含子文件夹）中的全部报告作为收件箱打开：缺项、覆盖率、发布日期、审阅进度",
                "Open every report in a folder (and below) as the inbox: missing parts, coverage, dates, progress",
            ),
            UiCommand::OpenPath => (
                "按路径打开…",
                "Open by path…",
                "输入文件路径打开（系统对话框不可用时）",
                "Type the path of a file to open (when the system dialog is unavailable)",
            ),
            UiCommand::Save => (
                "保存",
                "Save",
                "保存审阅记录（默认保存在报告旁的 .shenyue.ron 文件）",
                "Save the assessment (by default beside the report as .shenyue.ron)",
            ),
            UiCommand::SaveAs => (
                "另存为…",
                "Save as…",
                "把审阅记录保存到其他位置",
                "Save the assessment somewhere else",
            ),
            UiCommand::CloseReport => (
                "关闭报告",
                "Close report",
                "关闭当前报告",
                "Close the open report",
            ),
            UiCommand::Quit => ("退出", "Quit", "退出审阅", "Quit Shenyue"),
            UiCommand::Undo => ("撤销", "Undo", "撤销上一步审阅操作", "Undo the last edit"),
            UiCommand::Redo => ("重做", "Redo", "重做被撤销的操作", "Redo the undone edit"),
            UiCommand::Find => (
                "查找…",
                "Find…",
                "在报告中查找词语或字符",
                "Find words or characters in the report",
            ),
            UiCommand::FindNext => (
                "查找下一个",
                "Find next",
                "跳到下一处匹配",
                "Go to the next match",
            ),
            UiCommand::FindPrev => (
                "查找上一个",
                "Find previous",
                "跳到上一处匹配",
                "Go to the previous match",
            ),
            UiCommand::NextItem => (
                "下一条",
                "Next item",
                "选择清单中的下一条",
                "Select the next checklist item",
            ),
            UiCommand::PrevItem => (
                "上一条",
                "Previous item",
                "选择清单中的上一条",
                "Select the previous checklist item",
            ),
            UiCommand::VerdictMet => ("符合", "Met", "当前条目：符合", "Selected item: met"),
            UiCommand::VerdictPartlyMet => (
                "基本符合",
                "Partly met",
                "当前条目：基本符合",
                "Selected item: partly met",
            ),
            UiCommand::VerdictNotMet => (
                "不符合",
                "Not met",
                "当前条目：不符合",
                "Selected item: not met",
            ),
            UiCommand::VerdictNotApplicable => (
                "不适用",
                "Not applicable",
                "当前条目：不适用",
                "Selected item: not applicable",
            ),
            UiCommand::VerdictUnreviewed => (
                "未审",
                "Unreviewed",
                "当前条目：恢复为未审",
                "Selected item: back to unreviewed",
            ),
            UiCommand::NextEvidence => (
                "下一处证据",
                "Next evidence",
                "跳到当前条目的下一处证据",
                "Go to the selected item's next evidence",
            ),
            UiCommand::PrevEvidence => (
                "上一处证据",
                "Previous evidence",
                "跳到当前条目的上一处证据",
                "Go to the selected item's previous evidence",
            ),
            UiCommand::Annotate => (
                "批注所选文字…",
                "Annotate selection…",
                "为报告中选中的文字添加批注",
                "Add a note to the selected report text",
            ),
            UiCommand::LinkSelection => (
                "关联为证据",
                "Link as evidence",
                "把选中的文字作为当前条目的证据",
                "Link the selected text to the selected item as evidence",
            ),
            UiCommand::Copy => (
                "复制",
                "Copy",
                "复制选中的报告文字",
                "Copy the selected report text",
            ),
            UiCommand::Escape => (
                "取消选择",
                "Clear selection",
                "取消文字选择，关闭查找栏",
                "Clear the selection, close the find bar",
            ),
            UiCommand::TextBigger => (
                "放大文字",
                "Larger text",
                "增大文字",
                "Make the text larger",
            ),
            UiCommand::TextSmaller => (
                "缩小文字",
                "Smaller text",
                "减小文字",
                "Make the text smaller",
            ),
            UiCommand::TextReset => (
                "默认文字大小",
                "Default text size",
                "恢复默认文字大小",
                "Back to the default text size",
            ),
            UiCommand::ToggleTheme => (
                "切换浅色/深色",
                "Toggle light/dark",
                "在浅色和深色主题间切换",
                "Switch between the light and dark theme",
            ),
            UiCommand::ToggleOutline => (
                "提纲面板",
                "Outline panel",
                "显示或隐藏左侧提纲",
                "Show or hide the outline",
            ),
            UiCommand::ToggleInfo => (
                "报告信息面板",
                "Report panel",
                "显示或隐藏报告信息和清理记录",
                "Show or hide the report information and cleaning log",
            ),
            UiCommand::ToggleChecklist => (
                "审查清单面板",
                "Checklist panel",
                "显示或隐藏右侧审查清单",
                "Show or hide the checklist",
            ),
            UiCommand::ToggleFaintEvidence => (
                "显示其他条目的证据",
                "Show other items' evidence",
                "在报告中淡色标出其他条目的证据",
                "Mark other items' evidence faintly in the report",
            ),
            UiCommand::Shortcuts => (
                "快捷键一览",
                "Keyboard shortcuts",
                "显示所有快捷键",
                "Show every keyboard shortcut",
            ),
            UiCommand::CompareWith => (
                "与往年报告对照…",
                "Compare with an earlier report…",
                "选择同一单位往年的报告，对照审查要点、上年计划落实、指标和重复文字",
                "Pick an earlier report of the same unit: checklist, last year's plans, indicators and recycled text side by side",
            ),
            UiCommand::ShowComparison => (
                "显示对照结果",
                "Show the comparison",
                "回到上次的对照结果",
                "Back to the comparison made last",
            ),
            UiCommand::CloseComparison => (
                "返回审阅台",
                "Back to the workbench",
                "关闭对照视图，回到报告和审查清单（Esc）",
                "Close the comparison, back to the report and checklist (Esc)",
            ),
            UiCommand::StartFromLastYear => (
                "从上年审查开始…",
                "Start from last year…",
                "选择上年的审阅记录（.shenyue.ron），带入其结论、分数和意见，逐条确认",
                "Pick last year's assessment (.shenyue.ron): its verdicts, scores and comments are carried over, to be confirmed one by one",
            ),
            UiCommand::ExportHtml => (
                "网页（HTML，可打印）…",
                "Web page (HTML, printable)…",
                "导出可打印的审查意见网页：报告原文、批注和审查清单",
                "Export a printable web page: the report with notes, and the checklist",
            ),
            UiCommand::ExportDocx => (
                "Word 审查意见（DOCX）…",
                "Word review (DOCX)…",
                "导出 Word 审查意见（可用 Word、WPS、LibreOffice 打开）",
                "Export the review as a Word document (Word, WPS, LibreOffice)",
            ),
            UiCommand::ExportCsv => (
                "表格（CSV）…",
                "Spreadsheet (CSV)…",
                "导出每条一行的表格（UTF-8，Excel、WPS 可直接打开）",
                "Export one row per item (UTF-8, opens in Excel and WPS)",
            ),
            UiCommand::ExportJson => (
                "数据（JSON）…",
                "Data (JSON)…",
                "导出完整的审阅记录数据",
                "Export the whole assessment as data",
            ),
            UiCommand::ExportMarkdown => (
                "Markdown 文本…",
                "Markdown…",
                "导出便于分享的 Markdown 文本",
                "Export Markdown for quick sharing",
            ),
            UiCommand::ExportComparisonHtml => (
                "导出对照报告（HTML）…",
                "Export the comparison (HTML)…",
                "把当前对照结果导出为网页",
                "Export the comparison shown as a web page",
            ),
            UiCommand::ExportComparisonMarkdown => (
                "导出对照报告（Markdown）…",
                "Export the comparison (Markdown)…",
                "把当前对照结果导出为 Markdown 文本",
                "Export the comparison shown as Markdown",
            ),
            UiCommand::ExportComparisonJson => (
                "导出对照数据（JSON）…",
                "Export the comparison (JSON)…",
                "把当前对照结果导出为数据（与命令行 compare 相同）",
                "Export the comparison shown as data (as the compare command writes it)",
            ),
        };
        CommandInfo {
            label_zh,
            label_en,
            tip_zh,
            tip_en,
        }
    }

    /// The label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let i = self.info();
        lang.pick(i.label_zh, i.label_en)
    }

    /// The tooltip in `lang`.
    pub fn tooltip(self, lang: Lang) -> &'static str {
        let i = self.info();
        lang.pick(i.tip_zh, i.tip_en)
    }

    /// Keyboard shortcuts, the first one shown in menus. Shortcuts without
    /// modifiers only act when no text field has the keyboard.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::Open => const { &[sc(CTRL, Key::O)] },
            UiCommand::OpenPath => &[],
            UiCommand::OpenFolder => const { &[sc(CTRL_SHIFT, Key::O)] },
            UiCommand::Save => const { &[sc(CTRL, Key::S)] },
            UiCommand::SaveAs => const { &[sc(CTRL_SHIFT, Key::S)] },
            UiCommand::CloseReport => const { &[sc(CTRL, Key::W)] },
            UiCommand::Quit => const { &[sc(CTRL, Key::Q)] },
            UiCommand::Undo => const { &[sc(CTRL, Key::Z)] },
            UiCommand::Redo => const { &[sc(CTRL_SHIFT, Key::Z), sc(CTRL, Key::Y)] },
            UiCommand::Find => const { &[sc(CTRL, Key::F)] },
            UiCommand::FindNext => const { &[sc(NONE, Key::F3)] },
            UiCommand::FindPrev => const { &[sc(Modifiers::SHIFT, Key::F3)] },
            UiCommand::NextItem => const { &[sc(NONE, Key::J)] },
            UiCommand::PrevItem => const { &[sc(NONE, Key::K)] },
            UiCommand::VerdictMet => const { &[sc(NONE, Key::Num1)] },
            UiCommand::VerdictPartlyMet => const { &[sc(NONE, Key::Num2)] },
            UiCommand::VerdictNotMet => const { &[sc(NONE, Key::Num3)] },
            UiCommand::VerdictNotApplicable => const { &[sc(NONE, Key::Num4)] },
            UiCommand::VerdictUnreviewed => const { &[sc(NONE, Key::Num5)] },
            UiCommand::NextEvidence => const { &[sc(NONE, Key::N)] },
            UiCommand::PrevEvidence => const { &[sc(NONE, Key::P)] },
            UiCommand::Annotate => const { &[sc(NONE, Key::A)] },
            UiCommand::LinkSelection => const { &[sc(NONE, Key::L)] },
            UiCommand::Copy => const { &[sc(CTRL, Key::C)] },
            UiCommand::Escape => const { &[sc(NONE, Key::Escape)] },
            UiCommand::TextBigger => const { &[sc(CTRL, Key::Equals), sc(CTRL, Key::Plus)] },
            UiCommand::TextSmaller => const { &[sc(CTRL, Key::Minus)] },
            UiCommand::TextReset => const { &[sc(CTRL, Key::Num0)] },
            UiCommand::ToggleTheme => &[],
            UiCommand::ToggleOutline => &[],
            UiCommand::ToggleInfo => &[],
            UiCommand::ToggleChecklist => &[],
            UiCommand::ToggleFaintEvidence => &[],
            UiCommand::Shortcuts => const { &[sc(NONE, Key::F1)] },
            UiCommand::CompareWith
            | UiCommand::ShowComparison
            | UiCommand::CloseComparison
            | UiCommand::StartFromLastYear
            | UiCommand::ExportHtml
            | UiCommand::ExportDocx
            | UiCommand::ExportCsv
            | UiCommand::ExportJson
            | UiCommand::ExportMarkdown
            | UiCommand::ExportComparisonHtml
            | UiCommand::ExportComparisonMarkdown
            | UiCommand::ExportComparisonJson => &[],
        }
    }

    /// True for commands that act on the report text or the checklist:
    /// while the comparison view hides them, their shortcuts do nothing
    /// (they would change what the reviewer cannot see).
    pub fn acts_on_workbench(self) -> bool {
        matches!(
            self,
            UiCommand::Undo
                | UiCommand::Redo
                | UiCommand::Find
                | UiCommand::FindNext
                | UiCommand::FindPrev
                | UiCommand::NextItem
                | UiCommand::PrevItem
                | UiCommand::VerdictMet
                | UiCommand::VerdictPartlyMet
                | UiCommand::VerdictNotMet
                | UiCommand::VerdictNotApplicable
                | UiCommand::VerdictUnreviewed
                | UiCommand::NextEvidence
                | UiCommand::PrevEvidence
                | UiCommand::Annotate
                | UiCommand::LinkSelection
                | UiCommand::Copy
        )
    }

    /// The first shortcut as text ("Ctrl+S"), for menus and the F1 map.
    pub fn shortcut_text(self) -> Option<String> {
        self.shortcuts().first().map(format_shortcut)
    }

    /// Checks the input for this frame and returns the commands whose
    /// shortcut was pressed, consuming the keys. `text_focus` is true while
    /// a text field has the keyboard: then only shortcuts with Ctrl (and
    /// the function keys) act, so typing "j" in a comment types a "j".
    pub fn consume_shortcuts(input: &mut egui::InputState, text_focus: bool) -> Vec<UiCommand> {
        let mut out = Vec::new();
        // Most specific first: Ctrl+Shift+S before Ctrl+S (egui ignores an
        // extra Shift when matching).
        let mut table: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*c, *s)))
            .filter(|(c, _)| *c != UiCommand::Copy) // arrives as Event::Copy
            .collect();
        table.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        for (command, shortcut) in table {
            let plain = shortcut.modifiers.is_none();
            let function_key = matches!(shortcut.logical_key, Key::F1 | Key::F3 | Key::Escape);
            if text_focus && plain && !function_key {
                continue;
            }
            // A plain letter must not fire when a modifier is held (Ctrl+J is not J).
            if plain && !function_key && input.modifiers.any() {
                continue;
            }
            if input.consume_shortcut(&shortcut) && !out.contains(&command) {
                out.push(command);
            }
        }
        out
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}

/// "Ctrl+Shift+Z", "F1", "J", "Ctrl+=" — punctuation keys as the
/// character on the key, never as egui's key name ("Ctrl+Equals").
pub fn format_shortcut(shortcut: &KeyboardShortcut) -> String {
    let names = &egui::ModifierNames::NAMES;
    let mut s = names.format(&shortcut.modifiers, false);
    if !s.is_empty() {
        s += names.concat;
    }
    let key = shortcut.logical_key;
    let symbol = match key {
        Key::Minus => "-",
        other => other.symbol_or_name(),
    };
    if symbol.chars().count() == 1 && symbol.chars().all(|c| c.is_ascii_punctuation()) {
        s += symbol;
    } else {
        s += key.name();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_labels_and_no_shortcut_is_shared() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::ALL {
            let i = c.info();
            assert!(!i.label_zh.is_empty() && !i.label_en.is_empty(), "{c:?}");
            assert!(!i.tip_zh.is_empty() && !i.tip_en.is_empty(), "{c:?}");
            for s in c.shortcuts() {
                assert!(seen.insert(format_shortcut(s)), "{c:?} {s:?} used twice");
            }
        }
        assert_eq!(UiCommand::Save.shortcut_text().as_deref(), Some("Ctrl+S"));
        assert_eq!(
            UiCommand::Redo.shortcut_text().as_deref(),
            Some("Ctrl+Shift+Z")
        );
        assert_eq!(UiCommand::NextItem.shortcut_text().as_deref(), Some("J"));
        assert_eq!(
            UiCommand::TextBigger.shortcut_text().as_deref(),
            Some("Ctrl+="),
            "the key's character, not its name"
        );
        assert_eq!(
            UiCommand::TextSmaller.shortcut_text().as_deref(),
            Some("Ctrl+-")
        );
        assert_eq!(UiCommand::Shortcuts.shortcut_text().as_deref(), Some("F1"));
    }

    fn press(key: Key, modifiers: Modifiers) -> egui::RawInput {
        egui::RawInput {
            events: vec![egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            }],
            ..Default::default()
        }
    }

    fn commands_for(raw: egui::RawInput, text_focus: bool) -> Vec<UiCommand> {
        let ctx = egui::Context::default();
        let mut out = Vec::new();
        let mut output = ctx.run_ui(raw, |ui| {
            out = ui
                .ctx()
                .input_mut(|i| UiCommand::consume_shortcuts(i, text_focus));
        });
        // Nothing renders here; the font atlas upload is not needed.
        output.textures_delta.clear();
        out
    }

    #[test]
    fn shortcuts_pick_the_most_specific_command() {
        assert_eq!(
            commands_for(press(Key::Z, CTRL_SHIFT), false),
            [UiCommand::Redo]
        );
        assert_eq!(commands_for(press(Key::Z, CTRL), false), [UiCommand::Undo]);
        assert_eq!(
            commands_for(press(Key::S, CTRL_SHIFT), false),
            [UiCommand::SaveAs]
        );
    }

    #[test]
    fn plain_keys_yield_to_text_fields_and_modifiers() {
        assert_eq!(
            commands_for(press(Key::J, NONE), false),
            [UiCommand::NextItem]
        );
        assert!(commands_for(press(Key::J, NONE), true).is_empty());
        assert!(commands_for(press(Key::J, CTRL), false).is_empty());
        assert_eq!(
            commands_for(press(Key::S, CTRL), true),
            [UiCommand::Save],
            "Ctrl shortcuts work while typing"
        );
        assert_eq!(
            commands_for(press(Key::F1, NONE), true),
            [UiCommand::Shortcuts]
        );
    }
}
