//! The submissions inbox's state, drivable without a window: the folder,
//! one [`Entry`] per report (waiting, reviewed, or failed with the reason),
//! the sort column and filters, and the background [`Service`] that reviews
//! the folder on every core and picks up changes. The table is drawn by
//! `inbox_view`; what the reviewer does there comes back as [`InboxAction`]s.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::inbox::service::{Event, Options, Service};
use crate::inbox::{Deadline, ReportRow, ReviewStatus, Summary};

/// Events handled per frame at most, so a burst never makes a frame slow.
const EVENTS_PER_FRAME: usize = 400;

/// A report of the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Where its review is.
    pub state: EntryState,
}

/// Where a report's review is.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryState {
    /// Waiting or being analysed.
    Pending,
    /// Reviewed.
    Done(Box<ReportRow>),
    /// Could not be read; the reason.
    Failed(String),
}

impl Entry {
    /// The row, once reviewed.
    pub fn row(&self) -> Option<&ReportRow> {
        match &self.state {
            EntryState::Done(r) => Some(r),
            _ => None,
        }
    }

    /// The file name.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// A column of the table, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 单位.
    Unit,
    /// 年度.
    Year,
    /// 文件类型.
    Kind,
    /// 文件.
    File,
    /// 字数.
    Chars,
    /// 缺少必备内容.
    Missing,
    /// 覆盖率.
    Coverage,
    /// 发布日期 (against the deadline).
    Published,
    /// 审阅状态.
    Status,
    /// 审查意见.
    Verdicts,
    /// 疑似抄袭.
    Copied,
    /// 最后修改.
    Modified,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Column; 12] = [
        Column::Unit,
        Column::Year,
        Column::Kind,
        Column::File,
        Column::Chars,
        Column::Missing,
        Column::Coverage,
        Column::Published,
        Column::Status,
        Column::Verdicts,
        Column::Copied,
        Column::Modified,
    ];
}

/// Which reports the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// All.
    #[default]
    All,
    /// Those lacking a required part.
    MissingParts,
    /// Those published late (or undated).
    Late,
    /// Those sharing passages with another unit's.
    Copied,
    /// Those not yet done.
    NotDone,
    /// Files that failed.
    Failed,
}

impl Show {
    /// Every choice, in menu order.
    pub const ALL: [Show; 6] = [
        Show::All,
        Show::MissingParts,
        Show::Late,
        Show::Copied,
        Show::NotDone,
        Show::Failed,
    ];
}

/// What the reviewer did in the inbox.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "an action does nothing until it is applied"]
pub enum InboxAction {
    /// Sort by a column (again: the other way round).
    SortBy(Column),
    /// Filter by text (unit or file name).
    SetFilter(String),
    /// Show only some reports.
    SetShow(Show),
    /// Select a row.
    Select(PathBuf),
    /// Open the report in the workbench.
    Open(PathBuf),
    /// Open the newer report and compare it with the older (same unit).
    CompareYears {
        /// The older report.
        older: PathBuf,
        /// The newer report.
        newer: PathBuf,
    },
    /// Show a report's common passages with another unit's, side by side.
    ShowCopies(PathBuf),
    /// Close the side-by-side view.
    CloseCopies,
    /// Look at the folder again now.
    Rescan,
    /// The deadline field as typed; applied as soon as it reads as a date.
    EditDeadline(String),
    /// The deadline changed to this (returned to the app, which remembers it).
    DeadlineChanged(Deadline),
}

/// The open folder.
#[derive(Debug)]
pub struct Inbox {
    /// The folder.
    pub folder: PathBuf,
    /// Its reports, by path.
    pub entries: Vec<Entry>,
    /// The sort column and whether ascending.
    pub sort: (Column, bool),
    /// The text filter.
    pub filter: String,
    /// Which reports are shown.
    pub show: Show,
    /// The selected report.
    pub selected: Option<PathBuf>,
    /// The deadline used.
    pub deadline: Deadline,
    /// The deadline field as the reviewer typed it.
    pub deadline_text: String,
    /// True when `deadline_text` does not read as a deadline.
    pub deadline_invalid: bool,
    /// Common passages shown side by side.
    pub passages: Option<Passages>,
    /// True while the service is working on a round.
    pub busy: bool,
    /// Reports seen in the current round and how many are done.
    pub progress: (usize, usize),
    lang: Lang,
    order: Vec<usize>,
    dirty: bool,
    summary: Summary,
    service: Option<Service>,
}

impl Inbox {
    /// The inbox of `folder`, reviewed in the background with `options`;
    /// `wake` asks the window for a frame when something arrives.
    pub fn open(
        folder: PathBuf,
        options: Options,
        wake: Option<Box<dyn Fn() + Send + Sync>>,
    ) -> Inbox {
        let (deadline, lang) = (options.deadline, options.lang);
        let service = Service::start(folder.clone(), options, wake);
        Inbox::open_with(folder, deadline, lang, Some(service))
    }

    fn open_with(
        folder: PathBuf,
        deadline: Deadline,
        lang: Lang,
        service: Option<Service>,
    ) -> Inbox {
        Inbox {
            folder,
            entries: Vec::new(),
            sort: (Column::File, true),
            filter: String::new(),
            show: Show::All,
            selected: None,
            deadline,
            deadline_text: deadline.label_in(lang),
            deadline_invalid: false,
            passages: None,
            busy: true,
            progress: (0, 0),
            lang,
            order: Vec::new(),
            dirty: true,
            summary: Summary::default(),
            service,
        }
    }

    /// An inbox of `folder` with no background service: rows arrive only
    /// through [`Inbox::on_event`]. For benchmarks and tests that feed
    /// prepared rows at a chosen pace.
    pub fn fed(folder: PathBuf, options: &Options) -> Inbox {
        let mut inbox = Inbox::open_with(folder, options.deadline, options.lang, None);
        inbox.busy = false;
        inbox
    }

    /// The default service options for `lang`.
    pub fn options(lang: Lang) -> Options {
        Options {
            load: crate::document::LoadOptions::for_app(),
            deadline: Deadline::default(),
            lang,
            jobs: None,
            poll: std::time::Duration::from_secs(3),
        }
    }

    /// The folder's name ("corpus").
    pub fn name(&self) -> String {
        self.folder.file_name().map_or_else(
            || self.folder.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Handles what the service sent since the last call. Call once per frame.
    pub fn poll(&mut self) {
        if let Some(p) = &mut self.passages {
            p.poll();
        }
        for _ in 0..EVENTS_PER_FRAME {
            let Some(event) = self.service.as_ref().and_then(Service::try_recv) else {
                break;
            };
            self.on_event(event);
        }
    }

    /// Applies one event from the service (public for tests).
    pub fn on_event(&mut self, event: Event) {
        self.dirty = true;
        match event {
            Event::Found(paths) => {
                self.busy = true;
                if self.progress.0 == self.progress.1 {
                    self.progress = (0, 0);
                }
                self.progress.1 += paths.len();
                for p in paths {
                    match self.index_of(&p) {
                        Ok(i) => self.entries[i].state = EntryState::Pending,
                        Err(i) => self.entries.insert(
                            i,
                            Entry {
                                path: p,
                                state: EntryState::Pending,
                            },
                        ),
                    }
                }
            }
            Event::Row(path, result) => {
                self.progress.0 += 1;
                if let Ok(i) = self.index_of(&path) {
                    // Copies found earlier stay until the round's new ones.
                    let old_copies = self.entries[i]
                        .row()
                        .map(|r| r.copied_from.clone())
                        .unwrap_or_default();
                    self.entries[i].state = match result {
                        Ok(mut row) => {
                            row.copied_from = old_copies;
                            row.apply_deadline(&self.deadline);
                            EntryState::Done(row)
                        }
                        Err(e) => EntryState::Failed(e),
                    };
                }
            }
            Event::Removed(paths) => {
                self.entries.retain(|e| !paths.contains(&e.path));
            }
            Event::Copies(all) => {
                for (path, copies) in all {
                    if let Ok(i) = self.index_of(&path)
                        && let EntryState::Done(row) = &mut self.entries[i].state
                    {
                        row.copied_from = copies;
                    }
                }
            }
            Event::Idle => self.busy = false,
        }
    }

    fn index_of(&self, path: &Path) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|e| e.path.as_path().cmp(path))
    }

    /// The entry for `path`.
    pub fn entry(&self, path: &Path) -> Option<&Entry> {
        self.index_of(path).ok().and_then(|i| self.entries.get(i))
    }

    /// Reports reviewed or failed (not waiting).
    pub fn settled(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| !matches!(e.state, EntryState::Pending))
            .count()
    }

    /// Carries out what the reviewer did in the table; returns what the
    /// workbench must do (open a report, compare two).
    pub fn apply(&mut self, action: InboxAction) -> Option<InboxAction> {
        match action {
            InboxAction::SortBy(c) => {
                self.sort = if self.sort.0 == c {
                    (c, !self.sort.1)
                } else {
                    (c, true)
                };
                self.dirty = true;
            }
            InboxAction::SetFilter(f) => {
                self.filter = f;
                self.dirty = true;
            }
            InboxAction::SetShow(s) => {
                self.show = s;
                self.dirty = true;
            }
            InboxAction::Select(p) => self.selected = Some(p),
            InboxAction::ShowCopies(p) => {
                self.selected = Some(p.clone());
                self.passages = self.entry(&p).and_then(|e| Passages::load(e, self.lang));
            }
            InboxAction::CloseCopies => self.passages = None,
            InboxAction::Rescan => {
                if let Some(s) = &self.service {
                    s.rescan();
                }
            }
            InboxAction::EditDeadline(text) => {
                let parsed = Deadline::parse(&text);
                self.deadline_invalid = parsed.is_none();
                self.deadline_text = text;
                if let Some(d) = parsed.filter(|d| *d != self.deadline) {
                    self.set_deadline(d);
                    return Some(InboxAction::DeadlineChanged(d));
                }
            }
            a @ (InboxAction::Open(_)
            | InboxAction::CompareYears { .. }
            | InboxAction::DeadlineChanged(_)) => return Some(a),
        }
        None
    }

    /// Judges every report against `deadline` from now on (rows already
    /// reviewed are updated at once; no report is analysed again).
    pub fn set_deadline(&mut self, deadline: Deadline) {
        self.deadline = deadline;
        for e in &mut self.entries {
            if let EntryState::Done(row) = &mut e.state {
                row.apply_deadline(&deadline);
            }
        }
        self.dirty = true;
    }

    /// Indices into `entries` of the rows shown, in table order.
    pub fn visible(&mut self) -> &[usize] {
        if self.dirty {
            self.refresh();
        }
        &self.order
    }

    /// The summary of the reports reviewed so far.
    pub fn summary(&mut self) -> &Summary {
        if self.dirty {
            self.refresh();
        }
        &self.summary
    }

    fn refresh(&mut self) {
        self.dirty = false;
        let failed = self
            .entries
            .iter()
            .filter(|e| matches!(e.state, EntryState::Failed(_)))
            .count();
        self.summary = Summary::of(self.entries.iter().filter_map(Entry::row), failed);
        let needle = self.filter.trim().to_lowercase();
        let mut order: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                self.shows(e)
                    && (needle.is_empty()
                        || e.name().to_lowercase().contains(&needle)
                        || e.row()
                            .and_then(|r| r.unit.as_deref())
                            .is_some_and(|u| u.to_lowercase().contains(&needle)))
            })
            .collect();
        let (col, asc) = self.sort;
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&self.entries[a], &self.entries[b]);
            // Waiting and failed rows stay last whichever the direction.
            let settled = ea.row().is_none().cmp(&eb.row().is_none());
            let o = compare(col, ea, eb);
            settled
                .then(if asc { o } else { o.reverse() })
                .then_with(|| ea.path.cmp(&eb.path))
        });
        self.order = order;
    }

    fn shows(&self, e: &Entry) -> bool {
        match (self.show, &e.state) {
            (Show::All, _) => true,
            (Show::Failed, s) => matches!(s, EntryState::Failed(_)),
            (_, EntryState::Done(r)) => match self.show {
                Show::MissingParts => !r.parts_missing.is_empty(),
                Show::Late => r.on_time != Some(true),
                Show::Copied => !r.copied_from.is_empty(),
                Show::NotDone => r.review_status != ReviewStatus::Done,
                Show::All | Show::Failed => true,
            },
            _ => false,
        }
    }

    /// Reports of the same unit as `path` in other years, newest first.
    pub fn same_unit(&self, path: &Path) -> Vec<(PathBuf, i32)> {
        let Some(row) = self.entry(path).and_then(Entry::row) else {
            return Vec::new();
        };
        let (Some(unit), Some(year)) = (row.unit.as_deref(), row.year) else {
            return Vec::new();
        };
        let mut out: Vec<(PathBuf, i32)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let r = e.row()?;
                (r.unit.as_deref() == Some(unit) && r.year.is_some_and(|y| y != year))
                    .then(|| (e.path.clone(), r.year.unwrap_or_default()))
            })
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.1));
        out
    }
}

/// The (here, there) texts of common passages, or why they could not be read.
pub type PassageTexts = Result<Vec<(String, String)>, String>;

/// A report's passages in common with another unit's report, read off the
/// UI thread.
#[derive(Debug)]
pub struct Passages {
    /// This report.
    pub path: PathBuf,
    /// The other report.
    pub other: PathBuf,
    /// Its unit.
    pub other_unit: Option<String>,
    /// Share of this report in common passages.
    pub share: f32,
    /// (here, there) texts, once read; an error when a file could not be.
    pub pairs: Option<PassageTexts>,
    rx: Option<std::sync::mpsc::Receiver<PassageTexts>>,
}

impl Passages {
    /// Starts reading the passages of `entry`'s largest match.
    fn load(entry: &Entry, lang: Lang) -> Option<Passages> {
        let row = entry.row()?;
        let m = row.copied_from.first()?.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let (here, there) = (entry.path.clone(), m.file.clone());
        let passages = m.passages.clone();
        std::thread::spawn(move || {
            let options = crate::document::LoadOptions::for_app();
            let read = |p: &Path| {
                crate::document::open(p, &options)
                    .map_err(|e| format!("{}: {}", p.display(), e.message(lang)))
            };
            let result = read(&here).and_then(|a| {
                let b = read(&there)?;
                Ok(passages
                    .iter()
                    .map(|p| (a.slice(p.here).to_string(), b.slice(p.there).to_string()))
                    .collect())
            });
            let _ = tx.send(result);
        });
        Some(Passages {
            path: entry.path.clone(),
            other: m.file,
            other_unit: m.unit,
            share: m.share,
            pairs: None,
            rx: Some(rx),
        })
    }

    fn poll(&mut self) {
        if let Some(rx) = &self.rx
            && let Ok(result) = rx.try_recv()
        {
            self.pairs = Some(result);
            self.rx = None;
        }
    }

    /// True while the texts are being read.
    pub fn loading(&self) -> bool {
        self.rx.is_some()
    }
}

/// Orders two reviewed entries by a column (others compare equal).
fn compare(col: Column, a: &Entry, b: &Entry) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (ra, rb) = match (a.row(), b.row()) {
        (Some(x), Some(y)) => (x, y),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => return Ordering::Equal,
    };
    match col {
        Column::Unit => ra.unit.cmp(&rb.unit),
        Column::Year => ra.year.cmp(&rb.year),
        Column::Kind => ra.document_kind.as_str().cmp(rb.document_kind.as_str()),
        Column::File => a.path.cmp(&b.path),
        Column::Chars => ra.chars.cmp(&rb.chars),
        Column::Missing => ra.parts_missing.len().cmp(&rb.parts_missing.len()),
        Column::Coverage => ra.coverage.total_cmp(&rb.coverage),
        Column::Published => ra.published.cmp(&rb.published),
        Column::Status => ra.review_status.cmp(&rb.review_status),
        Column::Verdicts => ra.verdicts.0.cmp(&rb.verdicts.0),
        Column::Copied => {
            let share = |r: &ReportRow| r.copied_from.first().map_or(0.0, |c| c.share);
            share(ra).total_cmp(&share(rb))
        }
        Column::Modified => ra.modified.cmp(&rb.modified),
    }
}
