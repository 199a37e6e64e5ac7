//! The eframe application: each frame it polls the worker and dialogs,
//! turns shortcuts and dropped files into actions, draws the panels (which
//! return actions), applies the actions to [`AppState`], and handles the
//! window closing with unsaved work.

use std::path::PathBuf;

use egui::{Align, Layout, RichText, Ui};

use super::actions::Action;
use super::command::UiCommand;
use super::file_dialog::RfdDialog;
use super::notices::{Dialog, Then};
use super::report_view::Highlights;
use super::settings::{Settings, ThemeChoice};
use super::state::AppState;
use super::strings::T;
use super::theme::Palette;
use super::worker::Worker;
use super::{checklist, compare_view, dialogs, info_panel, outline, status_bar, top_bar};

/// Key of the settings in eframe's storage.
pub const SETTINGS_KEY: &str = "shenyue_settings";

/// The workbench as an eframe app.
pub struct ShenyueApp {
    /// Everything the workbench knows (public so tests can look).
    pub state: AppState,
    applied: Option<(ThemeChoice, u32)>,
    /// The start-up probe has reported (see [`ShenyueApp::startup_probe`]).
    probed: bool,
    /// What the inbox probe has reported (see [`ShenyueApp::inbox_probe`]).
    inbox_probed: InboxProbe,
    /// The window title last set.
    title: String,
}

impl ShenyueApp {
    /// The app for the real window: settings from storage, a worker thread,
    /// native dialogs; opens the first of `files` (the others go to the
    /// recent files).
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> ShenyueApp {
        super::install_fonts(&cc.egui_ctx);
        // First start: the system's language; later: the saved choice.
        let settings = Settings::at_start(
            cc.storage
                .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY)),
            crate::i18n::Lang::from_env(),
        );
        let worker = Worker::spawn(
            crate::document::LoadOptions::for_app(),
            Some(cc.egui_ctx.clone()),
        );
        let dialogs = Box::new(RfdDialog::new(Some(cc.egui_ctx.clone())));
        let mut state = AppState::new(settings, worker, dialogs);
        state.repaint = Some(cc.egui_ctx.clone());
        // Hidden start-up option for screenshots and demos: compare the
        // report opened with this older report as soon as it is open.
        if let Some(older) = std::env::var_os("SHENYUE_COMPARE_WITH").filter(|v| !v.is_empty()) {
            state.comparison.on_open = Some(PathBuf::from(older));
        }
        let mut files = files.into_iter();
        if let Some(first) = files.next() {
            for other in files.rev() {
                state.settings.remember(&other);
            }
            state.open(first);
        }
        ShenyueApp::with_state(&cc.egui_ctx, state)
    }

    /// The app around a prepared state (tests build one with an inline
    /// worker and a fake dialog). Fonts are the caller's business here.
    pub fn with_state(ctx: &egui::Context, state: AppState) -> ShenyueApp {
        // Ctrl+= / Ctrl+- change the text size (ours), not egui's zoom.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ShenyueApp {
            state,
            applied: None,
            probed: false,
            inbox_probed: InboxProbe::default(),
            title: String::new(),
        }
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        let s = &self.state.settings;
        let key = (s.theme, s.text_size.to_bits());
        if self.applied == Some(key) {
            return;
        }
        self.applied = Some(key);
        ctx.set_visuals_of(egui::Theme::Light, super::theme::visuals(false));
        ctx.set_visuals_of(egui::Theme::Dark, super::theme::visuals(true));
        ctx.set_theme(match s.theme {
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::System => egui::ThemePreference::System,
        });
        let size = s.text_size;
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (
                    TextStyle::Small,
                    FontId::new(size * 0.8, FontFamily::Proportional),
                ),
                (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                (
                    TextStyle::Button,
                    FontId::new(size, FontFamily::Proportional),
                ),
                (
                    TextStyle::Heading,
                    FontId::new(size * 1.3, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(size * 0.9, FontFamily::Monospace),
                ),
            ]
            .into();
        });
    }

    /// Shortcuts and clipboard events of this frame.
    fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let text_focus = ctx.egui_wants_keyboard_input();
        let dialog_open = self.state.dialog.is_some();
        // Escape closes an open menu or popup first, and only that.
        if egui::Popup::is_any_open(ctx) && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            egui::Popup::close_all(ctx);
            ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        }
        let mut commands = ctx.input_mut(|i| UiCommand::consume_shortcuts(i, text_focus));
        if dialog_open {
            // Behind a dialog only Escape and F1 act; the rest would change
            // things the reviewer cannot see.
            commands.retain(|c| matches!(c, UiCommand::Escape | UiCommand::Shortcuts));
        }
        if self.state.comparing() {
            // The report and the checklist are hidden behind the comparison.
            commands.retain(|c| !c.acts_on_workbench());
        }
        if !text_focus
            && !self.state.comparing()
            && ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
        {
            commands.push(UiCommand::Copy);
        }
        commands.into_iter().map(Action::Command).collect()
    }

    fn apply(&mut self, ctx: &egui::Context, actions: Vec<Action>, now: f64) {
        for action in actions {
            if action == Action::Command(UiCommand::Copy) {
                if let Some(text) = self.state.selected_text() {
                    ctx.copy_text(text);
                    self.state.status = Some((T::Copied.get(self.state.lang()).into(), now));
                }
                continue;
            }
            self.state.apply(action, now);
        }
    }

    fn central(&mut self, ui: &mut Ui, now: f64) -> Vec<Action> {
        let lang = self.state.lang();
        let palette = Palette::for_dark(ui.visuals().dark_mode);
        let size = self.state.settings.text_size;
        let faint = self.state.settings.show_faint_evidence;
        let search_open = self.state.search.open;
        let mut actions = Vec::new();
        if search_open {
            actions.extend(top_bar::find_bar(ui, &self.state));
            ui.separator();
        }
        let hits = std::mem::take(&mut self.state.search.hits);
        let current = self.state.search.current;
        if let Some(r) = &mut self.state.report {
            let selected = r.selected_item;
            let mut strong = Vec::new();
            let mut faint_ranges = Vec::new();
            for (i, item) in r.assessment.items.iter().enumerate() {
                if Some(i) == selected {
                    strong = super::review::evidence_ranges(item);
                } else if faint {
                    faint_ranges.extend(
                        item.auto
                            .evidence
                            .iter()
                            .map(|e| e.range)
                            .filter(|x| !item.review.rejected.contains(x)),
                    );
                    faint_ranges.extend(item.review.linked.iter().map(|l| l.anchor.range));
                }
            }
            let annotations = r.assessment.annotations.clone();
            let hl = Highlights {
                strong,
                faint: faint_ranges,
                annotations: &annotations,
                search: &hits,
                search_current: current,
            };
            let doc = std::sync::Arc::clone(&r.doc);
            actions.extend(r.view.show(ui, &doc, &hl, size, lang, now));
        } else if let Some(loading) = &mut self.state.loading
            && let Some(doc) = loading.preview.clone()
        {
            // The text is ready, the analysis is not: let the reviewer read.
            let hl = Highlights::default();
            let _ = loading.view.show(ui, &doc, &hl, size, lang, now);
        } else {
            self.welcome(ui, &palette, &mut actions);
        }
        self.state.search.hits = hits;
        actions
    }

    fn welcome(&self, ui: &mut Ui, palette: &Palette, actions: &mut Vec<Action>) {
        let lang = self.state.lang();
        ui.with_layout(Layout::top_down(Align::Center), |ui| {
            ui.add_space(ui.available_height() * 0.25);
            if self.state.loading.is_some() {
                ui.spinner();
                ui.label(T::Loading.get(lang));
                return;
            }
            ui.heading(T::AppTitle.get(lang));
            ui.add_space(8.0);
            ui.label(T::Welcome.get(lang));
            ui.label(RichText::new(T::WelcomeFormats.get(lang)).color(palette.weak));
            ui.add_space(12.0);
            if ui
                .button(UiCommand::Open.label(lang))
                .on_hover_text(UiCommand::Open.tooltip(lang))
                .clicked()
            {
                actions.push(Action::Command(UiCommand::Open));
            }
            if !self.state.settings.recent.is_empty() {
                ui.add_space(16.0);
                ui.label(RichText::new(T::MenuRecent.get(lang)).color(palette.weak));
                for p in self.state.settings.recent.iter().take(8) {
                    let name = p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .add(egui::Button::new(name).frame_when_inactive(false))
                        .on_hover_text(p.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::Open(p.clone()));
                    }
                }
            }
        });
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && self.state.has_unsaved() && !self.state.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.dialog = Some(Dialog::Unsaved(Then::Quit));
        }
        if self.state.quit_requested {
            self.state.quit_requested = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for ShenyueApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.apply_settings(&ctx);
        self.state.poll(now);
        let lang = self.state.lang();
        let mut actions = Vec::new();

        // Files dropped on the window open like Ctrl+O.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(first) = dropped.into_iter().next() {
            actions.push(Action::Open(first));
        }
        actions.extend(self.keyboard(&ctx));

        egui::Panel::top("top_bar").show(ui, |ui| {
            actions.extend(top_bar::menu_bar(ui, &self.state));
            actions.extend(top_bar::toolbar(ui, &self.state));
            actions.extend(top_bar::notice(ui, &self.state));
            if self.state.inbox.is_some()
                && !self.state.show_inbox
                && ui.button(T::BackToInbox.get(lang)).clicked()
            {
                actions.push(Action::ShowInbox);
            }
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::show(ui, &self.state, now);
        });
        if self.state.show_inbox
            && let Some(inbox) = &mut self.state.inbox
        {
            egui::CentralPanel::default().show(ui, |ui| {
                let done = super::inbox_view::show(ui, inbox, lang);
                actions.extend(done.into_iter().map(Action::Inbox));
            });
            self.finish_frame(&ctx, actions, now);
            return;
        }
        if self.state.comparing()
            && let Some(report) = &self.state.report
        {
            let (cmp, lang) = (&self.state.comparison, self.state.lang());
            egui::CentralPanel::default().show(ui, |ui| {
                actions.extend(compare_view::show(ui, report, cmp, lang));
            });
            self.finish_frame(&ctx, actions, now);
            return;
        }
        // The side panels give way in a small window (at most about a
        // quarter and a third of it), so the report keeps a readable width.
        let full_width = ui.available_width();
        let show_left = self.state.settings.show_outline || self.state.settings.show_info;
        if show_left && let Some(r) = &self.state.report {
            let (outline_on, info_on) = (
                self.state.settings.show_outline,
                self.state.settings.show_info,
            );
            // One panel state per language: English labels may widen the
            // panel, and back in Chinese it returns to its Chinese width.
            let left = egui::Panel::left(("outline_panel", lang))
                .default_size(self.state.settings.panels.left)
                .size_range(160.0..=(full_width * 0.24).max(180.0))
                .resizable(true)
                .show(ui, |ui| {
                    let full = ui.available_height();
                    if outline_on {
                        let share = if info_on { 0.62 } else { 1.0 };
                        actions.extend(outline::show(ui, r, lang, full * share - 150.0));
                    }
                    if info_on {
                        ui.separator();
                        egui::ScrollArea::vertical()
                            .id_salt("info_scroll")
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                actions.extend(info_panel::show(ui, r, lang));
                            });
                    }
                });
            // Remembered for the next start (the splitter's position).
            self.state.settings.panels.left = left.response.rect.width();
        }
        let filter = self.state.settings.filter;
        if self.state.settings.show_checklist
            && let Some(r) = &mut self.state.report
        {
            let list_height = &mut self.state.settings.panels.checklist_list;
            let right = egui::Panel::right(("checklist_panel", lang))
                .default_size(self.state.settings.panels.right)
                .size_range(240.0..=(full_width * 0.34).max(260.0))
                .resizable(true)
                .show(ui, |ui| {
                    actions.extend(checklist::show(ui, r, filter, lang, list_height));
                });
            self.state.settings.panels.right = right.response.rect.width();
        }
        // The find field takes the keyboard in the frame it is first drawn.
        let focus_given = self.state.search.open && self.state.search.focus;
        egui::CentralPanel::default().show(ui, |ui| {
            actions.extend(self.central(ui, now));
        });
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop_overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(140));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                T::DropHere.get(lang),
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
        if focus_given {
            self.state.search.focus = false;
        }
        self.finish_frame(&ctx, actions, now);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Whatever is still waiting is written to the autosave, never lost.
        let now = f64::MAX / 2.0;
        self.state.flush_autosave(now);
    }
}

impl ShenyueApp {
    /// Dialogs, the frame's actions, closing and repaints: the end of every
    /// frame, in the workbench and in the comparison view.
    fn finish_frame(&mut self, ctx: &egui::Context, mut actions: Vec<Action>, now: f64) {
        self.startup_probe(ctx);
        self.inbox_probe(ctx);
        let title = self.state.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        actions.extend(dialogs::show(ctx, &mut self.state));
        self.apply(ctx, actions, now);
        self.handle_close(ctx);
        if self.state.wants_repaint() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.state.report.is_some() {
            // Idle frames still look at the assessment file now and then.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                super::report::WATCH_INTERVAL,
            ));
        }
        if let Some(secs) = self.state.autosave_in(now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(secs + 0.05));
        }
    }

    /// With `SHENYUE_INBOX_PROBE` set, prints when the inbox showed its
    /// first row, when every report was analysed and the copies linked, and
    /// the resident memory then; closes the window after: how
    /// docs/PERFORMANCE.md measures the inbox on 1,000 reports.
    fn inbox_probe(&mut self, ctx: &egui::Context) {
        if self.inbox_probed.all || std::env::var_os("SHENYUE_INBOX_PROBE").is_none() {
            return;
        }
        let Some(inbox) = self.state.inbox.as_ref() else {
            return;
        };
        let ms = crate::started().elapsed().as_secs_f64() * 1000.0;
        let (done, total) = inbox.progress;
        if !self.inbox_probed.first && done > 0 {
            eprintln!("inbox: first row after {ms:.0} ms");
            self.inbox_probed.first = true;
        }
        if total > 0 && done == total && !inbox.busy {
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
                })
                .unwrap_or_default();
            eprintln!("inbox: all {total} rows and their copies after {ms:.0} ms; resident {rss}");
            self.inbox_probed.all = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            ctx.request_repaint();
        }
    }

    /// With `SHENYUE_STARTUP_PROBE` set, prints the time from process start
    /// to the first frame that shows the report's text, then closes the
    /// window: how docs/PERFORMANCE.md measures launch time in a real window.
    fn startup_probe(&mut self, ctx: &egui::Context) {
        if self.probed || std::env::var_os("SHENYUE_STARTUP_PROBE").is_none() {
            return;
        }
        let shown = self.state.report_text_shown();
        if shown {
            let ms = crate::started().elapsed().as_secs_f64() * 1000.0;
            eprintln!("first frame with the report's text: {ms:.0} ms after start");
            self.probed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            ctx.request_repaint();
        }
    }
}

/// What [`ShenyueApp::inbox_probe`] has printed.
#[derive(Default)]
struct InboxProbe {
    first: bool,
    all: bool,
}
