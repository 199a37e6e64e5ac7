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
                        r.selected_evidence = review::evidence_ranges(item)
                            .iter()
                            .position(|e| *e == range);
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
        let first = r
            .item()
            .and_then(|it| review::evidence_ranges(it).first().copied());
        if let Some(range) = first {
            r.selected_evidence = Some(0);
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
        let list = review::evidence_ranges(item);
        if list.is_empty() {
            self.set_status(T::NoEvidence.get(lang), now);
            return;
        }
        let n = list.len();
        let next = match r.selected_evidence {
            None => {
                if forward {
                    0
                } else {
                    n - 1
                }
            }
            Some(cur) => {
                if forward {
                    (cur + 1) % n
                } else {
                    (cur + n - 1) % n
                }
            }
        };
        r.selected_evidence = Some(next);
        if let Some(&range) = list.get(next) {
            r.view.scroll_to(range.start, Some(range), now);
        }
    }
}
