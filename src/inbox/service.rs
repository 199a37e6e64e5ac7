//! A folder kept reviewed in the background: the inbox's engine. One thread
//! scans the folder, reviews new and changed reports on every core
//! ([`super::parallel`]), sends each row as soon as it is done, links copied
//! passages once a round is finished, and looks at the folder again every
//! few seconds (file times and sizes: new, changed and removed reports, and
//! assessments saved beside them). Nothing here waits on the caller: it
//! polls [`Service::try_recv`] when it likes (the GUI once per frame).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use super::discover::{self, Changes, FoundFile};
use super::{CopiedFrom, Deadline, Fingerprints, ReportRow};
use crate::document::LoadOptions;
use crate::i18n::Lang;

/// What the service tells its owner.
#[derive(Debug)]
pub enum Event {
    /// These reports are new or changed and are being reviewed.
    Found(Vec<PathBuf>),
    /// One report reviewed (its fingerprints left out), or why not.
    Row(PathBuf, Result<Box<ReportRow>, String>),
    /// These reports are gone.
    Removed(Vec<PathBuf>),
    /// Copied passages of every report, after a round.
    Copies(Vec<(PathBuf, Vec<CopiedFrom>)>),
    /// A round is over; the folder is looked at again after the interval.
    Idle,
}

/// How the service runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// How reports are loaded.
    pub load: LoadOptions,
    /// The publication deadline.
    pub deadline: Deadline,
    /// Language of error messages.
    pub lang: Lang,
    /// Worker threads (`None`: every core).
    pub jobs: Option<usize>,
    /// Time between two looks at the folder.
    pub poll: Duration,
}

/// The running service; dropping it stops it (reports under way finish,
/// no new ones start).
pub struct Service {
    rx: Receiver<Event>,
    stop: Arc<AtomicBool>,
    wake_tx: Sender<()>,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").finish_non_exhaustive()
    }
}

impl Service {
    /// Starts reviewing `folder`; `wake` is called after each event is sent
    /// (the GUI asks for a repaint there).
    pub fn start(
        folder: PathBuf,
        options: Options,
        wake: Option<Box<dyn Fn() + Send + Sync>>,
    ) -> Service {
        let (tx, rx) = channel();
        let (wake_tx, wake_rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let spawned = std::thread::Builder::new()
            .name("inbox".into())
            .spawn(move || run(&folder, &options, &flag, &tx, &wake_rx, wake.as_deref()));
        if let Err(e) = spawned {
            log::error!("the inbox thread could not start: {e}");
        }
        Service { rx, stop, wake_tx }
    }

    /// The next event, if one has arrived.
    pub fn try_recv(&self) -> Option<Event> {
        self.rx.try_recv().ok()
    }

    /// Looks at the folder now instead of at the next interval.
    pub fn rescan(&self) {
        let _ = self.wake_tx.send(());
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.wake_tx.send(());
    }
}

fn run(
    folder: &Path,
    options: &Options,
    stop: &AtomicBool,
    tx: &Sender<Event>,
    wake_rx: &Receiver<()>,
    wake: Option<&(dyn Fn() + Send + Sync)>,
) {
    let send = |e: Event| {
        let ok = tx.send(e).is_ok();
        if let Some(w) = wake {
            w();
        }
        ok
    };
    let engine = super::EngineCell::new();
    std::thread::scope(|scope| {
        super::build_engine(scope, &engine, options.load.clone());
        watch(folder, options, &engine, stop, &send, wake_rx);
    });
}

/// Reviews the folder, then every change in it, until stopped.
fn watch(
    folder: &Path,
    options: &Options,
    engine: &super::EngineCell,
    stop: &AtomicBool,
    send: &dyn Fn(Event) -> bool,
    wake_rx: &Receiver<()>,
) {
    let mut snapshot: Vec<FoundFile> = Vec::new();
    // Unit and shingles of every report reviewed, for the copy index.
    let mut prints: BTreeMap<PathBuf, (Option<String>, Fingerprints)> = BTreeMap::new();
    while !stop.load(Ordering::Relaxed) {
        let scan = discover::scan(folder);
        let changes = Changes::between(&snapshot, &scan);
        snapshot = scan;
        if !changes.is_empty() {
            if !changes.removed.is_empty() {
                for p in &changes.removed {
                    prints.remove(p);
                }
                if !send(Event::Removed(changes.removed.clone())) {
                    return;
                }
            }
            if !changes.changed.is_empty() && !send(Event::Found(changes.changed.clone())) {
                return;
            }
            let threads = super::parallel::threads(options.jobs, changes.changed.len());
            let mut alive = true;
            super::review_files(
                &options.load,
                engine,
                &changes.changed,
                threads,
                stop,
                &options.deadline,
                |_, result| result,
                |i, result| {
                    let Some(file) = changes.changed.get(i) else {
                        return;
                    };
                    let row = match result {
                        Ok(reviewed) => {
                            let mut row = reviewed.row;
                            let p = std::mem::take(&mut row.prints);
                            prints.insert(file.clone(), (row.unit.clone(), p));
                            Ok(Box::new(row))
                        }
                        Err(e) => {
                            prints.remove(file);
                            Err(e.message(options.lang))
                        }
                    };
                    alive &= send(Event::Row(file.clone(), row));
                },
            );
            if !alive || stop.load(Ordering::Relaxed) {
                return;
            }
            if !send(Event::Copies(copies(&prints, options.jobs))) {
                return;
            }
        }
        if !send(Event::Idle) {
            return;
        }
        match wake_rx.recv_timeout(options.poll) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn copies(
    prints: &BTreeMap<PathBuf, (Option<String>, Fingerprints)>,
    jobs: Option<usize>,
) -> Vec<(PathBuf, Vec<CopiedFrom>)> {
    let list: Vec<(&PathBuf, &(Option<String>, Fingerprints))> = prints.iter().collect();
    let entries: Vec<super::copies::Entry<'_>> = list
        .iter()
        .map(|(_, (unit, p))| super::copies::Entry {
            unit: unit.as_deref(),
            prints: p,
        })
        .collect();
    let found = super::copies::find_copies(&entries, super::parallel::threads(jobs, list.len()));
    list.iter()
        .zip(found)
        .map(|((path, _), matches)| {
            let copied = matches
                .into_iter()
                .filter_map(|m| {
                    let (other, (unit, _)) = list.get(m.other)?;
                    Some(CopiedFrom {
                        file: (*other).clone(),
                        unit: unit.clone(),
                        share: m.share,
                        passages: m.passages,
                    })
                })
                .collect();
            ((*path).clone(), copied)
        })
        .collect()
}
