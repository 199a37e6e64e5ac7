//! Anchoring under change (issue 12): random edits to a report — inserted
//! and deleted passages, paragraphs moved, white space and punctuation
//! changed — and then every annotation and linked passage is either found
//! again on its own text, or listed as needing attention (annotations by id,
//! linked passages by item and index). None may ever be attached to another
//! passage.
//!
//! The edits keep, for every character of the new text, the position it
//! came from, so "its own text" is exact: the characters that descend from
//! the anchored passage. A re-anchored range is right when most of it
//! descends from the passage and it covers most of what survives of it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic on broken fixtures

#[path = "fixtures/support.rs"]
mod support;

use proptest::prelude::*;
use shenyue::assessment::{
    Anchor, Annotation, AnnotationColor, Assessment, ItemAssessment, LinkedEvidence,
    reanchor_assessment,
};
use shenyue::document::Document;
use shenyue::text::CharRange;

/// One edit, in terms of fractions of the current text so any sequence is valid.
#[derive(Debug, Clone)]
enum Edit {
    /// Insert a sentence at a position.
    Insert(f64, usize),
    /// Delete a span (start, length).
    Delete(f64, usize),
    /// Move the paragraph at a position to another position.
    MoveParagraph(f64, f64),
    /// Insert white space (a space or a line break) at a position.
    Space(f64, bool),
    /// Swap full- and half-width punctuation in a span.
    Punctuation(f64, usize),
}

const SENTENCES: [&str; 4] = [
    "本年度另行开展专项督导检查三次。",
    "（此段为修订时补充。）",
    "根据上级要求，相关工作已完成整改。",
    "全年共组织法治讲座12场，参加人员600余人次。",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 0..SENTENCES.len()).prop_map(|(p, s)| Edit::Insert(p, s)),
        (0.0..1.0f64, 1..60usize).prop_map(|(p, n)| Edit::Delete(p, n)),
        (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| Edit::MoveParagraph(a, b)),
        (0.0..1.0f64, any::<bool>()).prop_map(|(p, nl)| Edit::Space(p, nl)),
        (0.0..1.0f64, 1..200usize).prop_map(|(p, n)| Edit::Punctuation(p, n)),
    ]
}

/// The text as characters, each with the original position it came from.
struct Tracked {
    chars: Vec<(char, Option<usize>)>,
}

impl Tracked {
    fn new(text: &str) -> Self {
        Tracked {
            chars: text
                .chars()
                .enumerate()
                .map(|(i, c)| (c, Some(i)))
                .collect(),
        }
    }

    fn at(&self, f: f64) -> usize {
        ((self.chars.len() as f64) * f) as usize
    }

    fn apply(&mut self, edit: &Edit) {
        match *edit {
            Edit::Insert(p, s) => {
                let at = self.at(p);
                let new: Vec<(char, Option<usize>)> =
                    SENTENCES[s].chars().map(|c| (c, None)).collect();
                self.chars.splice(at..at, new);
            }
            Edit::Delete(p, n) => {
                let at = self.at(p);
                let end = (at + n).min(self.chars.len());
                self.chars.drain(at..end);
            }
            Edit::MoveParagraph(a, b) => {
                let breaks: Vec<usize> = self
                    .chars
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, _))| *c == '\n')
                    .map(|(i, _)| i)
                    .collect();
                if breaks.len() < 3 {
                    return;
                }
                let k = ((breaks.len() - 1) as f64 * a) as usize;
                let (start, end) = (breaks[k] + 1, breaks[k + 1] + 1);
                let para: Vec<_> = self.chars.drain(start..end).collect();
                let breaks: Vec<usize> = self
                    .chars
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, _))| *c == '\n')
                    .map(|(i, _)| i + 1)
                    .collect();
                let to = breaks[((breaks.len() - 1) as f64 * b) as usize];
                self.chars.splice(to..to, para);
            }
            Edit::Space(p, newline) => {
                let at = self.at(p);
                self.chars
                    .insert(at, (if newline { '\n' } else { ' ' }, None));
            }
            Edit::Punctuation(p, n) => {
                let at = self.at(p);
                let end = (at + n).min(self.chars.len());
                for (c, _) in &mut self.chars[at..end] {
                    *c = match *c {
                        '，' => ',',
                        ',' => '，',
                        '；' => ';',
                        '：' => ':',
                        '（' => '(',
                        '）' => ')',
                        other => other,
                    };
                }
            }
        }
    }

    fn text(&self) -> String {
        self.chars.iter().map(|(c, _)| *c).collect()
    }

    /// How many characters of `range` (new text) descend from `orig`, and
    /// how many characters of the new text descend from `orig` at all.
    fn overlap(&self, range: CharRange, orig: CharRange) -> (usize, usize) {
        let from = |o: &Option<usize>| o.is_some_and(|o| orig.contains(o));
        let inside = self
            .chars
            .get(range.start..range.end.min(self.chars.len()))
            .map_or(0, |s| s.iter().filter(|(_, o)| from(o)).count());
        let surviving = self.chars.iter().filter(|(_, o)| from(o)).count();
        (inside, surviving)
    }
}

/// Passages to anchor: sentences of 8–80 characters whose text occurs once.
fn passages(doc: &Document) -> Vec<CharRange> {
    let mut out = Vec::new();
    for s in &doc.structure.sentences {
        let q = doc.slice(s.range);
        let n = q.chars().count();
        if (8..=80).contains(&n) && doc.text.matches(q).count() == 1 {
            out.push(s.range);
        }
    }
    out
}

fn assessment(text: &str, ranges: &[CharRange]) -> Assessment {
    let mut a = Assessment::default();
    let mut item = ItemAssessment {
        id: "T-1".into(),
        ..ItemAssessment::default()
    };
    for (i, r) in ranges.iter().enumerate() {
        if i % 2 == 0 {
            a.annotations.push(Annotation {
                id: i as u64,
                anchor: Anchor::from_text(text, *r),
                note: format!("note {i}"),
                color: AnnotationColor::Yellow,
                created: jiff::Timestamp::UNIX_EPOCH,
                needs_attention: false,
                imported: None,
                unknown: Default::default(),
            });
        } else {
            item.review.linked.push(LinkedEvidence {
                anchor: Anchor::from_text(text, *r),
                note: String::new(),
                unknown: Default::default(),
            });
        }
    }
    a.items.push(item);
    a
}

/// Checks one re-anchored range against the passage it came from.
fn right_place(
    t: &Tracked,
    found: CharRange,
    orig: CharRange,
    what: &str,
) -> Result<(), TestCaseError> {
    let (inside, surviving) = t.overlap(found, orig);
    let text: Vec<char> = t.chars.iter().map(|(c, _)| *c).collect();
    let shown: String = text
        .get(found.start.saturating_sub(20)..(found.end + 20).min(text.len()))
        .map_or_else(String::new, |s| s.iter().collect());
    prop_assert!(
        inside * 2 > found.len(),
        "{what}: re-anchored to {found:?} ({shown:?}), of which only {inside} characters come from the passage {orig:?}"
    );
    prop_assert!(
        inside * 2 >= surviving,
        "{what}: re-anchored to {found:?} covers {inside} of the {surviving} surviving characters of {orig:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(support::proptest_config(0x5eed_a4c4, 64))]

    #[test]
    fn annotations_are_found_on_their_text_or_flagged(
        sample in 0..support::SAMPLES.len(),
        picks in proptest::collection::vec(0.0..1.0f64, 6),
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let raw = support::sample(support::SAMPLES[sample]);
        let doc = Document::from_text("r.txt", &raw);
        let candidates = passages(&doc);
        prop_assume!(candidates.len() > 10);
        let mut ranges: Vec<CharRange> = picks
            .iter()
            .map(|p| candidates[((candidates.len() - 1) as f64 * p) as usize])
            .collect();
        ranges.sort_by_key(|r| r.start);
        ranges.dedup();
        let mut a = assessment(&doc.text, &ranges);
        let mut t = Tracked::new(&doc.text);
        for e in &edits {
            t.apply(e);
        }
        let new_text = t.text();
        let report = reanchor_assessment(&mut a, &new_text, "new");

        let mut flagged = 0;
        for (i, orig) in ranges.iter().enumerate() {
            let what = format!("passage {i} {:?} after {edits:?}", doc.slice(*orig));
            if i % 2 == 0 {
                let ann = a.annotations.iter().find(|x| x.id == i as u64).unwrap();
                if ann.needs_attention {
                    prop_assert!(report.lost_annotations.contains(&(i as u64)), "{what}: flagged but not listed");
                    flagged += 1;
                } else {
                    right_place(&t, ann.anchor.range, *orig, &what)?;
                }
            } else {
                let index = i / 2;
                let lost = report.lost_links.iter().any(|l| l.item == "T-1" && l.index == index);
                if lost {
                    flagged += 1;
                } else {
                    let link = &a.items[0].review.linked[index];
                    right_place(&t, link.anchor.range, *orig, &what)?;
                }
            }
        }
        prop_assert_eq!(flagged, report.lost, "every lost anchor is listed");
    }
}
