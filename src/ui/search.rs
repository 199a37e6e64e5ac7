//! The find bar: the text searched for, its hits in the report, and moving
//! between them (the view scrolls to the current hit).

use super::highlight;
use super::report::Report;
use crate::text::CharRange;

/// Search hits found at most.
pub const MAX_HITS: usize = 10_000;

/// The find bar.
#[derive(Debug, Default)]
pub struct Search {
    /// Shown.
    pub open: bool,
    /// The text searched for.
    pub query: String,
    /// Hits, in text order.
    pub hits: Vec<CharRange>,
    /// The current hit.
    pub current: Option<usize>,
    /// Ask the field to take the keyboard.
    pub focus: bool,
}

impl Search {
    /// Searches `report` for `q` and shows the first hit at or after the
    /// top of the view.
    pub fn set_query(&mut self, q: String, report: Option<&mut Report>, now: f64) {
        let Some(r) = report else {
            self.query = q;
            return;
        };
        self.hits = highlight::find_all(&r.doc.text, &q, MAX_HITS);
        self.query = q;
        let top = r
            .doc
            .structure
            .paragraphs
            .get(r.view.top_paragraph())
            .map_or(0, |p| p.range.start);
        self.current = if self.hits.is_empty() {
            None
        } else {
            Some(
                self.hits
                    .partition_point(|h| h.start < top)
                    .min(self.hits.len() - 1),
            )
        };
        if let Some(h) = self.current.and_then(|c| self.hits.get(c)) {
            r.view.scroll_to(h.start, None, now);
        }
    }

    /// Closes the find bar and clears its hits, so no highlight stays in
    /// the report; the query is kept for the next Ctrl+F.
    pub fn close(&mut self) {
        self.open = false;
        self.hits.clear();
        self.current = None;
        self.focus = false;
    }

    /// Moves to the next (or previous) hit, wrapping around.
    pub fn step(&mut self, forward: bool, report: Option<&mut Report>, now: f64) {
        let n = self.hits.len();
        if n == 0 {
            return;
        }
        let next = match self.current {
            None => 0,
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
        };
        self.current = Some(next);
        if let (Some(r), Some(h)) = (report, self.hits.get(next)) {
            r.view.scroll_to(h.start, None, now);
        }
    }
}
