//! Moving through the report: scrolling to a passage, jumping to a heading
//! or a required part, selecting a checklist item (J/K) and stepping through
//! its evidence (N/P).

use super::actions::Action;
use super::command::UiCommand;
use super::review;
use super::state::AppState;
use super::strings::T;
use crate::text::CharRange;

impl AppState {
    /// Carries out a navigation action; other actions are left alone.
    pub(super) fn navigate(&mut self, action: &Action, now: f64) {
        match *action {
            Action::ScrollTo { at, flash } => {
                if let Some(r) = &mut self.report {
                    r.view.scroll_to(at, flash, now);
                }
            }
            Action::SelectHeading(h) => {
                if let Some(r) = &mut self.report
                    && let Some(head) = r.doc.structure.headings.get(h)
                {
                    let range = head.range;
                    r.selected_heading = Some(h);
                    r.view.scroll_to(range.start, Some(range), now);
                }
            }
            Action::SelectPart(id) => {
                if let Some(r) = &mut self.report
                    && let Some(span) = r.doc.structure.part(id).and_then(|p| p.ranges.first())
                {
                    let span = *span;
                    r.view.scroll_to(
                        span.start,
                        Some(CharRange::new(span.start, span.start)),
                        now,
                    );
                }
            }
            Action::SelectItem(i) => self.select_item(i, now),
            Action::ShowEvidence(range) => {
                if let Some(r) = &mut self.report {
                    if let Some(item) = r.item() {
                        r.selected_evidence = review::evidence_rows(item)
                            .iter()
                            .position(|(e, _)| *e == range);
                    }
                    r.view.scroll_to(range.start, Some(range), now);
                }
            }
            _ => {}
        }
    }

    /// Runs a navigation command; false for any other command.
    pub(super) fn run_navigation(&mut self, c: UiCommand, now: f64) -> bool {
        match c {
            UiCommand::NextItem => self.step_item(true, now),
            UiCommand::PrevItem => self.step_item(false, now),
            UiCommand::NextEvidence => self.step_evidence(true, now),
            UiCommand::PrevEvidence => self.step_evidence(false, now),
            _ => return false,
        }
        true
    }

    fn select_item(&mut self, i: usize, now: f64) {
        let Some(r) = &mut self.report else {
            return;
        };
        if i >= r.assessment.items.len() {
            return;
        }
        r.selected_item = Some(i);
        r.selected_evidence = None;
        r.reveal_item = true;
        r.undo.break_group();
        // The strongest evidence first: the first row not rejected.
        let rows = r.item().map(review::evidence_rows).unwrap_or_default();
        if let Some(first) = review::step_row(&rows, None, true) {
            r.selected_evidence = Some(first);
            let range = rows[first].0;
            r.view.scroll_to(range.start, Some(range), now);
        }
    }

    fn step_item(&mut self, forward: bool, now: f64) {
        let filter = self.settings.filter;
        let Some(r) = &self.report else {
            return;
        };
        let visible = r.visible_items(filter);
        if visible.is_empty() {
            return;
        }
        let next = match r
            .selected_item
            .and_then(|s| visible.iter().position(|v| *v == s))
        {
            None => {
                if forward {
                    visible.first()
                } else {
                    visible.last()
                }
            }
            Some(pos) => {
                if forward {
                    visible.get(pos + 1).or(visible.last())
                } else {
                    visible.get(pos.saturating_sub(1))
                }
            }
        };
        if let Some(&n) = next {
            self.select_item(n, now);
        }
    }

    fn step_evidence(&mut self, forward: bool, now: f64) {
        let lang = self.lang();
        let Some(r) = &mut self.report else {
            return;
        };
        let Some(item) = r.item() else {
            self.set_status(T::NoItemSelected.get(lang), now);
            return;
        };
        let rows = review::evidence_rows(item);
        let Some(next) = review::step_row(&rows, r.selected_evidence, forward) else {
            self.set_status(T::NoEvidence.get(lang), now);
            return;
        };
        r.selected_evidence = Some(next);
        let range = rows[next].0;
        r.view.scroll_to(range.start, Some(range), now);
        let counter = evidence_counter(lang, next, rows.len());
        self.set_status(&counter, now);
    }
}

/// "证据 3 / 8": which evidence row of how many is shown.
pub fn evidence_counter(lang: crate::i18n::Lang, index: usize, total: usize) -> String {
    format!("{} {} / {total}", T::Evidence.get(lang), index + 1)
}
