//! The reviewer's edits of the assessment: verdicts, scores, comments,
//! evidence marks and links, annotations, reviewer and conclusion, undo and
//! redo, the frameworks checked against, and starting from last year's
//! assessment. Every edit is one undo step (typing in one field groups).

use std::path::Path;
use std::sync::Arc;

use super::actions::Action;
use super::command::UiCommand;
use super::notices::{Dialog, Notice};
use super::review::EvidenceMark;
use super::state::AppState;
use super::strings::T;
use super::undo::EditKey;
use super::worker::Job;
use crate::assessment::{
    self, Anchor, Annotation, AnnotationColor, Assessment, LinkedEvidence, Verdict,
};

impl AppState {
    /// Carries out an edit of the assessment; other actions are left alone.
    pub(super) fn apply_edit(&mut self, action: Action, now: f64) {
        let lang = self.lang();
        match action {
            Action::SetVerdict(i, v) => {
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.verdict = v;
                        item.review.carried = false;
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::SetScore(i, s) => {
                let key = self.item_key(i).map_or(EditKey::Discrete, EditKey::Score);
                self.edit(now, key, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.score = s.map(|s| s.clamp(0.0, 100.0));
                        item.review.carried = false;
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::SetComment(i, text) => {
                let key = self.item_key(i).map_or(EditKey::Discrete, EditKey::Comment);
                self.edit(now, key, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.comment = text;
                        item.review.carried = false;
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::MarkEvidence(i, range, mark) => {
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(item) = a.items.get_mut(i) {
                        item.review.accepted.retain(|r| *r != range);
                        item.review.rejected.retain(|r| *r != range);
                        match mark {
                            EvidenceMark::Accepted => item.review.accepted.push(range),
                            EvidenceMark::Rejected => item.review.rejected.push(range),
                            EvidenceMark::Open => {}
                        }
                        item.review.modified = Some(jiff::Timestamp::now());
                    }
                });
            }
            Action::Unlink(i, n) => {
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(item) = a.items.get_mut(i)
                        && n < item.review.linked.len()
                    {
                        item.review.linked.remove(n);
                    }
                });
            }
            Action::EditAnnotation(id) => {
                if let Some(a) = self
                    .report
                    .as_ref()
                    .and_then(|r| r.assessment.annotations.iter().find(|a| a.id == id))
                {
                    self.dialog = Some(Dialog::Annotation {
                        id: Some(id),
                        range: a.anchor.range,
                        note: a.note.clone(),
                        color: a.color,
                    });
                }
            }
            Action::DeleteAnnotation(id) => {
                self.edit(now, EditKey::Discrete, |a| {
                    a.annotations.retain(|x| x.id != id);
                });
            }
            Action::PlaceAnnotation(id) => {
                let Some((range, doc)) = self
                    .report
                    .as_ref()
                    .and_then(|r| r.view.selected_range().map(|s| (s, Arc::clone(&r.doc))))
                else {
                    self.set_status(T::NoSelection.get(lang), now);
                    return;
                };
                self.edit(now, EditKey::Discrete, |a| {
                    if let Some(x) = a.annotation_mut(id) {
                        x.anchor = Anchor::from_text(&doc.text, range);
                        x.needs_attention = false;
                    }
                });
                if let Some(r) = &mut self.report {
                    r.view.selection = None;
                }
            }
            Action::SaveAnnotation {
                id,
                range,
                note,
                color,
            } => {
                self.dialog = None;
                let Some(text) = self.report.as_ref().map(|r| Arc::clone(&r.doc)) else {
                    return;
                };
                self.edit(now, EditKey::Discrete, |a| match id {
                    Some(id) => {
                        if let Some(x) = a.annotation_mut(id) {
                            x.note = note;
                            x.color = color;
                        }
                    }
                    None => {
                        let id = a.next_annotation_id();
                        a.annotations.push(Annotation {
                            id,
                            anchor: Anchor::from_text(&text.text, range),
                            note,
                            color,
                            created: jiff::Timestamp::now(),
                            needs_attention: false,
                            imported: None,
                            unknown: Default::default(),
                        });
                    }
                });
                if id.is_none() {
                    if let Some(r) = &mut self.report {
                        r.view.selection = None;
                    }
                    self.set_status(T::AnnotationAdded.get(lang), now);
                }
            }
            Action::SetReviewer(name) => {
                self.settings.reviewer = name.clone();
                self.edit(now, EditKey::Reviewer, |a| a.reviewer = name);
            }
            Action::SetConclusion(text) => {
                self.edit(now, EditKey::Conclusion, |a| a.conclusion = text);
            }
            Action::ToggleFramework(id) => self.toggle_framework(&id),
            Action::CorrectYear(year) => self.correct_year(year, now),
            Action::CorrectUnit(unit) => {
                self.edit(now, EditKey::Discrete, |a| {
                    a.report.unit = unit.trim().to_string();
                    a.report.unit_corrected = true;
                });
            }
            Action::CarryFrom(path) => self.carry_from(&path, now),
            _ => {}
        }
    }

    /// Runs an editing command; false for any other command.
    pub(super) fn run_editing(&mut self, c: UiCommand, now: f64) -> bool {
        let lang = self.lang();
        match c {
            UiCommand::Undo | UiCommand::Redo => self.undo_redo(c == UiCommand::Undo, now),
            UiCommand::VerdictMet => self.set_verdict_on_selected(Verdict::Met, now),
            UiCommand::VerdictPartlyMet => self.set_verdict_on_selected(Verdict::PartlyMet, now),
            UiCommand::VerdictNotMet => self.set_verdict_on_selected(Verdict::NotMet, now),
            UiCommand::VerdictNotApplicable => {
                self.set_verdict_on_selected(Verdict::NotApplicable, now);
            }
            UiCommand::VerdictUnreviewed => {
                self.set_verdict_on_selected(Verdict::Unreviewed, now);
            }
            UiCommand::Annotate => {
                match self.report.as_ref().and_then(|r| r.view.selected_range()) {
                    Some(range) => {
                        self.dialog = Some(Dialog::Annotation {
                            id: None,
                            range,
                            note: String::new(),
                            color: AnnotationColor::Yellow,
                        });
                    }
                    None => self.set_status(T::NoSelection.get(lang), now),
                }
            }
            UiCommand::LinkSelection => self.link_selection(now),
            UiCommand::StartFromLastYear => {
                if self.report.is_some() {
                    self.files
                        .request(super::file_dialog::DialogRequest::OpenLastYear {
                            title: c.label(lang).trim_end_matches('…').to_string(),
                        });
                } else {
                    self.set_status(T::NoDocument.get(lang), now);
                }
            }
            _ => return false,
        }
        true
    }

    fn undo_redo(&mut self, undo: bool, now: f64) {
        let lang = self.lang();
        let Some(r) = &mut self.report else {
            return;
        };
        let done = if undo {
            r.undo.undo(&mut r.assessment)
        } else {
            r.undo.redo(&mut r.assessment)
        };
        if done {
            r.mark_edited(now);
        }
        let msg = match (undo, done) {
            (true, true) => T::Undone,
            (true, false) => T::UndoNothing,
            (false, true) => T::Redone,
            (false, false) => T::RedoNothing,
        };
        self.set_status(msg.get(lang), now);
    }

    fn item_key(&self, i: usize) -> Option<String> {
        self.report
            .as_ref()
            .and_then(|r| r.assessment.items.get(i))
            .map(|it| it.id.clone())
    }

    /// Applies a reviewer edit with undo, marking the assessment changed.
    fn edit(&mut self, now: f64, key: EditKey, f: impl FnOnce(&mut Assessment)) {
        let Some(r) = &mut self.report else {
            return;
        };
        let before = r.assessment.clone();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        r.undo.before_edit(&before, key, now);
        r.assessment = after;
        r.mark_edited(now);
    }

    fn set_verdict_on_selected(&mut self, v: Verdict, now: f64) {
        let selected = self.report.as_ref().and_then(|r| r.selected_item);
        match selected {
            Some(i) => self.apply(Action::SetVerdict(i, v), now),
            None => self.set_status(T::NoItemSelected.get(self.lang()), now),
        }
    }

    fn link_selection(&mut self, now: f64) {
        let lang = self.lang();
        let Some(r) = &self.report else {
            return;
        };
        let Some(range) = r.view.selected_range() else {
            self.set_status(T::NoSelection.get(lang), now);
            return;
        };
        let Some(i) = r.selected_item else {
            self.set_status(T::NoItemSelected.get(lang), now);
            return;
        };
        let id = r.assessment.items.get(i).map(|it| it.id.clone());
        let doc = Arc::clone(&r.doc);
        self.edit(now, EditKey::Discrete, |a| {
            if let Some(item) = a.items.get_mut(i) {
                item.review.linked.push(LinkedEvidence {
                    anchor: Anchor::from_text(&doc.text, range),
                    note: String::new(),
                    unknown: Default::default(),
                });
                item.review.modified = Some(jiff::Timestamp::now());
            }
        });
        if let Some(r) = &mut self.report {
            r.view.selection = None;
        }
        self.set_status(
            format!("{} {}", T::LinkedTo.get(lang), id.unwrap_or_default()),
            now,
        );
    }

    /// Records the reviewer's year (one undo step) and re-runs the analysis
    /// against the frameworks of that year; the verdicts stay (the Analysed
    /// answer merges by the one rule).
    fn correct_year(&mut self, year: i32, now: f64) {
        if self.report.is_none() {
            return;
        }
        self.edit(now, EditKey::Discrete, |a| {
            a.report.year = Some(year);
            a.report.year_corrected = true;
        });
        let Some(r) = &mut self.report else {
            return;
        };
        let ticket = self.worker.ticket();
        r.analysing = Some(ticket);
        let doc = Arc::clone(&r.doc);
        self.worker
            .submit(Job::AnalyseForYear { ticket, doc, year });
    }

    fn toggle_framework(&mut self, id: &str) {
        let Some(r) = &mut self.report else {
            return;
        };
        let mut ids: Vec<String> = r.frameworks.iter().map(|f| f.id.clone()).collect();
        if let Some(pos) = ids.iter().position(|x| x == id) {
            ids.remove(pos);
        } else {
            // Keep the order of the registry.
            ids.push(id.to_string());
            let order: Vec<&String> = r.available.iter().map(|(id, _)| id).collect();
            ids.sort_by_key(|x| order.iter().position(|o| *o == x).unwrap_or(usize::MAX));
        }
        let ticket = self.worker.ticket();
        r.analysing = Some(ticket);
        let doc = Arc::clone(&r.doc);
        self.worker.submit(Job::Analyse {
            ticket,
            doc,
            frameworks: ids,
        });
    }

    /// Pre-fills the assessment from last year's assessment at `path`: one
    /// undo step; carried items stay marked until the reviewer touches them.
    fn carry_from(&mut self, path: &Path, now: f64) {
        let lang = self.lang();
        let Some(r) = &self.report else {
            self.set_status(T::NoDocument.get(lang), now);
            return;
        };
        let last = match assessment::load(path) {
            Ok((a, _)) => a,
            Err(e) => {
                self.notice = Some(Notice::Assessment(e));
                return;
            }
        };
        if !last.report.sha256.is_empty() && last.report.sha256 == r.assessment.report.sha256 {
            self.notice = Some(Notice::Text(T::CarrySameReport.get(lang).into()));
            return;
        }
        let stored = assessment::relative_report_path(&r.assessment_path, path);
        let mut carried = 0;
        self.edit(now, EditKey::Discrete, |a| {
            carried = a.carry_from(&last, &stored);
        });
        let msg = if carried == 0 {
            T::CarriedNone.get(lang).to_string()
        } else {
            format!("{} {carried}", T::CarriedCount.get(lang))
        };
        self.set_status(msg, now);
    }
}
