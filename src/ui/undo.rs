//! Undo and redo of reviewer edits. Each step is a snapshot of the
//! reviewer's part of the assessment (reviews, annotations, reviewer name,
//! conclusion, and which assessment of last year it was started from) —
//! small, and restoring it can never leave the model half changed. A burst
//! of edits of the same kind to the same thing (typing a comment, dragging a
//! score slider) within [`GROUP_SECONDS`] of each other is one step, as in
//! rerun's undo.

use crate::assessment::{Annotation, Assessment, Review};

/// Edits of the same key closer than this (seconds) share one undo step.
pub const GROUP_SECONDS: f64 = 1.5;

/// Undo steps kept.
pub const MAX_STEPS: usize = 200;

/// What an edit changes, to group bursts: the same key in quick succession
/// is one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditKey {
    /// A discrete edit (verdict, evidence, annotation); never grouped.
    Discrete,
    /// Typing in an item's comment.
    Comment(String),
    /// Dragging an item's score.
    Score(String),
    /// Typing the reviewer name.
    Reviewer,
    /// Typing the conclusion.
    Conclusion,
    /// Typing an annotation's note.
    Note(u64),
}

/// The reviewer's part of an assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    reviews: Vec<(String, Review)>,
    annotations: Vec<Annotation>,
    reviewer: String,
    conclusion: String,
    carried_from: Option<String>,
}

impl Snapshot {
    /// Takes the reviewer's part of `a`.
    pub fn of(a: &Assessment) -> Snapshot {
        Snapshot {
            reviews: a
                .items
                .iter()
                .map(|i| (i.id.clone(), i.review.clone()))
                .collect(),
            annotations: a.annotations.clone(),
            reviewer: a.reviewer.clone(),
            conclusion: a.conclusion.clone(),
            carried_from: a.carried_from.clone(),
        }
    }

    /// Puts this snapshot back into `a` (items matched by id).
    pub fn restore(self, a: &mut Assessment) {
        for (id, review) in self.reviews {
            if let Some(item) = a.item_mut(&id) {
                item.review = review;
            }
        }
        a.annotations = self.annotations;
        a.reviewer = self.reviewer;
        a.conclusion = self.conclusion;
        a.carried_from = self.carried_from;
    }
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last: Option<(EditKey, f64)>,
}

impl UndoStack {
    /// Call before applying an edit to `a` at time `now` (seconds): records
    /// the state before it, unless the edit continues the previous burst.
    pub fn before_edit(&mut self, a: &Assessment, key: EditKey, now: f64) {
        let continues = key != EditKey::Discrete
            && self
                .last
                .as_ref()
                .is_some_and(|(k, t)| *k == key && now - *t < GROUP_SECONDS);
        if !continues {
            self.undo.push(Snapshot::of(a));
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last = Some((key, now));
    }

    /// Undoes one step; false when there is nothing to undo.
    pub fn undo(&mut self, a: &mut Assessment) -> bool {
        let Some(snapshot) = self.undo.pop() else {
            return false;
        };
        self.redo.push(Snapshot::of(a));
        snapshot.restore(a);
        self.last = None;
        true
    }

    /// Redoes one step; false when there is nothing to redo.
    pub fn redo(&mut self, a: &mut Assessment) -> bool {
        let Some(snapshot) = self.redo.pop() else {
            return false;
        };
        self.undo.push(Snapshot::of(a));
        snapshot.restore(a);
        self.last = None;
        true
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Ends the current burst: the next edit starts a new step.
    pub fn break_group(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{ItemAssessment, Verdict};

    fn assessment() -> Assessment {
        Assessment {
            items: vec![ItemAssessment {
                id: "DC1".into(),
                ..ItemAssessment::default()
            }],
            ..Assessment::default()
        }
    }

    fn comment(a: &mut Assessment, text: &str) {
        if let Some(i) = a.item_mut("DC1") {
            i.review.comment = text.into();
        }
    }

    fn get(a: &Assessment) -> (Verdict, String) {
        a.item("DC1")
            .map(|i| (i.review.verdict, i.review.comment.clone()))
            .unwrap_or((Verdict::Unreviewed, String::new()))
    }

    #[test]
    fn typing_burst_is_one_step_and_redo_restores_it() {
        let mut a = assessment();
        let mut u = UndoStack::default();
        for (n, t) in ["证", "证据", "证据不足"].iter().enumerate() {
            u.before_edit(&a, EditKey::Comment("DC1".into()), n as f64 * 0.5);
            comment(&mut a, t);
        }
        u.before_edit(&a, EditKey::Discrete, 2.0);
        if let Some(i) = a.item_mut("DC1") {
            i.review.verdict = Verdict::NotMet;
        }
        assert!(u.undo(&mut a));
        assert_eq!(get(&a), (Verdict::Unreviewed, "证据不足".into()));
        assert!(u.undo(&mut a));
        assert_eq!(get(&a), (Verdict::Unreviewed, String::new()));
        assert!(!u.undo(&mut a));
        assert!(u.redo(&mut a));
        assert!(u.redo(&mut a));
        assert_eq!(get(&a), (Verdict::NotMet, "证据不足".into()));
        assert!(!u.can_redo());
    }

    #[test]
    fn a_pause_or_another_field_starts_a_new_step() {
        let mut a = assessment();
        let mut u = UndoStack::default();
        u.before_edit(&a, EditKey::Comment("DC1".into()), 0.0);
        comment(&mut a, "一");
        u.before_edit(&a, EditKey::Comment("DC1".into()), 5.0);
        comment(&mut a, "一二");
        assert!(u.undo(&mut a));
        assert_eq!(get(&a).1, "一");
        u.before_edit(&a, EditKey::Conclusion, 6.0);
        a.conclusion = "好".into();
        u.before_edit(&a, EditKey::Comment("DC1".into()), 6.1);
        comment(&mut a, "三");
        assert!(u.undo(&mut a));
        assert_eq!(get(&a).1, "一");
        assert_eq!(a.conclusion, "好");
    }
}
