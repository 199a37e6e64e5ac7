//! Work over many reports on several threads: each worker takes the next
//! report; results come back to the calling thread as they are done, so it
//! can show progress (the CLI's bar, the inbox's rows filling in).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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

#[cfg(test)]
mod tests {
    use super::*;

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
