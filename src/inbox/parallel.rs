//! Work over many reports on several threads: each worker takes the next
//! report; results come back to the calling thread as they are done, so it
//! can show progress (the CLI's bar, the inbox's rows filling in).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Worker threads to use for `jobs` asked (`None`: every core) over `n`
/// items: at least 1, never more than the items.
pub fn threads(jobs: Option<usize>, n: usize) -> usize {
    jobs.or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .clamp(1, n.max(1))
}

/// Runs `work` on every item on `threads` threads and calls `done(index,
/// result)` on the calling thread as each finishes (in the order they
/// finish). When `cancel` is set, items not yet started are skipped.
pub fn for_each<I, T, W, D>(items: &[I], threads: usize, cancel: &AtomicBool, work: W, mut done: D)
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    D: FnMut(usize, T),
{
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                while !cancel.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else {
                        break;
                    };
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            done(i, result);
        }
    });
}

/// Results of the first stage kept per thread while the second stage
/// waits: enough to keep every core busy while the dictionary is built
/// (0.1–0.25 s, slower when it shares the cores; reading a report takes
/// about 0.6 ms, so 64 left the workers idle for half of it), few enough
/// to bound the memory of the documents held.
const BACKLOG_PER_THREAD: usize = 256;

/// Sorts `v` on `threads` threads: each sorts a run of it, then the
/// standard stable sort, which finds runs already in order, merges them.
/// For elements that are all distinct (or equal only when
/// indistinguishable) the result is that of `sort_unstable`. The copy
/// index sorts about a thousand fingerprints per report after all
/// reports are read, which on the calling thread alone cost 2 % of a
/// batch's time.
pub fn sort<T: Ord + Send>(v: &mut [T], threads: usize) {
    const MIN_RUN: usize = 1 << 14;
    if threads < 2 || v.len() < 2 * MIN_RUN {
        v.sort_unstable();
        return;
    }
    let run = v.len().div_ceil(threads.min(v.len() / MIN_RUN));
    std::thread::scope(|scope| {
        for chunk in v.chunks_mut(run) {
            scope.spawn(move || chunk.sort_unstable());
        }
    });
    v.sort();
}

/// Like [`for_each`], for work in two stages of which only the second
/// needs `ready`, a value made on another thread (the review engine and its
/// dictionary). Until it is there, the workers do the first stage of the
/// next items and keep the results (a bounded backlog) instead of waiting;
/// when it is there, they finish the backlog and go on with both stages.
/// `ready` set to `None` (its maker failed) ends the work: items not done
/// are never passed to `done`.
pub fn for_each_staged<I, R, A, T, F, S, D>(
    items: &[I],
    threads: usize,
    cancel: &AtomicBool,
    ready: &OnceLock<Option<R>>,
    first: F,
    second: S,
    mut done: D,
) where
    I: Sync,
    R: Send + Sync,
    A: Send,
    T: Send,
    F: Fn(&I) -> A + Sync,
    S: Fn(&R, &I, A) -> T + Sync,
    D: FnMut(usize, T),
{
    let threads = threads.max(1);
    let next = AtomicUsize::new(0);
    let backlog: Mutex<Vec<(usize, A)>> = Mutex::new(Vec::new());
    let cap = BACKLOG_PER_THREAD * threads;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, first, second, backlog) = (&next, &first, &second, &backlog);
            scope.spawn(move || {
                while !cancel.load(Ordering::Relaxed) {
                    if let Some(made) = ready.get() {
                        let Some(r) = made else { break };
                        // The backlog first, then new items; a worker stops
                        // only when both are empty. Nothing joins the backlog
                        // once `ready` is set (checked under its lock).
                        let kept = backlog.lock().ok().and_then(|mut b| b.pop());
                        let (i, a) = match kept {
                            Some(job) => job,
                            None => {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(item) = items.get(i) else { break };
                                (i, first(item))
                            }
                        };
                        let Some(item) = items.get(i) else { break };
                        if tx.send((i, second(r, item, a))).is_err() {
                            break;
                        }
                        continue;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else {
                        // Nothing left to start: wait for `ready`, then help
                        // with the backlog.
                        ready.wait();
                        continue;
                    };
                    let a = first(item);
                    let job = match backlog.lock() {
                        Ok(mut b) if ready.get().is_none() && b.len() < cap => {
                            b.push((i, a));
                            None
                        }
                        _ => Some((i, a)),
                    };
                    if let Some((i, a)) = job {
                        let Some(r) = ready.wait() else { break };
                        if tx.send((i, second(r, item, a))).is_err() {
                            break;
                        }
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            done(i, result);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel sort gives what `sort_unstable` gives, for lengths
    /// around the run sizes and any number of threads.
    #[test]
    fn sorting_on_several_threads_is_sorting() {
        let mut rng = crate::testing::XorShift::new(3);
        for n in [0, 1, 5, 1 << 15, (1 << 15) + 7, 100_003] {
            // Few distinct keys, so that ties are many; the index makes
            // every element distinct, as the copy index's postings are.
            let items: Vec<(u64, u32)> = (0..n).map(|i| (rng.below(50) as u64, i as u32)).collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            for threads in [1, 2, 3, 8] {
                let mut got = items.clone();
                sort(&mut got, threads);
                assert_eq!(got, expected, "{n} items, {threads} threads");
            }
        }
    }

    #[test]
    fn every_item_is_done_once_whatever_the_threads() {
        let items: Vec<u32> = (0..100).collect();
        for threads in [1, 3, 8] {
            let mut seen = vec![0u32; items.len()];
            for_each(
                &items,
                threads,
                &AtomicBool::new(false),
                |x| x * 2,
                |i, r| {
                    assert_eq!(r, items[i] * 2);
                    seen[i] += 1;
                },
            );
            assert!(seen.iter().all(|&n| n == 1), "{threads} threads");
        }
    }

    /// Every item goes through both stages once, whether `ready` comes
    /// before, during or after the first stages, and however many threads.
    #[test]
    fn staged_work_does_every_item_once_whenever_ready_comes() {
        let items: Vec<u32> = (0..500).collect();
        for threads in [1, 2, 5] {
            for delay_ms in [0u64, 5, 50] {
                let ready: OnceLock<Option<u32>> = OnceLock::new();
                let mut seen = vec![0u32; items.len()];
                std::thread::scope(|s| {
                    s.spawn(|| {
                        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
                        let _ = ready.set(Some(1000));
                    });
                    for_each_staged(
                        &items,
                        threads,
                        &AtomicBool::new(false),
                        &ready,
                        |x| x * 2,
                        |r, _, a| r + a,
                        |i, t| {
                            assert_eq!(t, 1000 + items[i] * 2);
                            seen[i] += 1;
                        },
                    );
                });
                assert!(
                    seen.iter().all(|&n| n == 1),
                    "{threads} threads, {delay_ms} ms"
                );
            }
        }
    }

    /// A maker that failed (`None`) ends the work instead of hanging.
    #[test]
    fn staged_work_ends_when_the_maker_failed() {
        let items: Vec<u32> = (0..50).collect();
        let ready: OnceLock<Option<u32>> = OnceLock::new();
        let mut count = 0;
        std::thread::scope(|s| {
            s.spawn(|| ready.set(None));
            for_each_staged(
                &items,
                2,
                &AtomicBool::new(false),
                &ready,
                |x| *x,
                |r, _, a| r + a,
                |_, _| count += 1,
            );
        });
        assert_eq!(count, 0);
    }

    #[test]
    fn a_cancelled_run_starts_nothing_more() {
        let items: Vec<u32> = (0..100).collect();
        let mut count = 0;
        for_each(&items, 2, &AtomicBool::new(true), |x| *x, |_, _| count += 1);
        assert_eq!(count, 0);
        assert_eq!(threads(Some(0), 5), 1);
        assert_eq!(threads(Some(9), 5), 5);
    }
}
