//! The threads that run the stages: a fixed pool of `worker.stage_threads`.
//!
//! Owns: running [`crate::Pipeline`] work off the async runtime, on a set of
//! threads that is created once per worker and never grows.
//!
//! Why not `tokio::task::spawn_blocking`: its pool creates a new thread
//! whenever a job arrives and no thread is idle *at that instant*. A stage
//! job's permit went to the next job as soon as the previous one's result
//! was delivered, a moment before its thread reported itself idle again, so
//! under load the pool kept adding threads for two stage permits: 13 threads
//! in all at the start of a soak, 37 to 40 within its first minutes (tokio
//! allows 512). Each of them takes a glibc malloc arena (up to 8 per core)
//! and a thread cache, and the work is spread over all of them, so each
//! arena holds a share of the freed memory. Here `stage_threads` means
//! exactly that many threads (docs/perf/worker.md, "Soak: RSS over time").
//!
//! Must not touch: Kafka clients or the async runtime. Jobs are plain
//! closures; results come back through a oneshot channel.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send>;

/// Why a stage job produced no result.
#[derive(Debug, thiserror::Error)]
pub enum StageJobError {
    /// The job panicked (a newswire bug); the message is the panic's.
    #[error("a stage panicked (this is a newswire bug, please report it): {0}")]
    Panicked(String),
    /// The pool's threads are gone (they only exit when the pool is dropped).
    #[error("the stage threads stopped")]
    Gone,
}

/// A fixed set of threads taking jobs from one queue, first come first
/// served. Dropping the pool closes the queue; each thread finishes its
/// current job and exits (nobody waits for them).
pub struct StagePool {
    jobs: mpsc::Sender<Job>,
}

impl StagePool {
    /// Start `threads` threads (at least one) named `newswire-stage-N`.
    pub fn new(threads: usize) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        // One receiver shared by all threads: whoever holds the lock waits
        // for the next job, the others wait for the lock. The lock is let go
        // before the job runs, so jobs run in parallel.
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("newswire-stage-{n}"))
                .spawn(move || loop {
                    let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    match next {
                        Ok(job) => job(),
                        // The pool was dropped: no more jobs will come.
                        Err(mpsc::RecvError) => break,
                    }
                })?;
        }
        Ok(Self { jobs })
    }

    /// Run `f` on a stage thread and wait for its result without blocking
    /// the async runtime. A panic in `f` is caught and returned as an error,
    /// the thread lives on.
    pub async fn run<R, F>(&self, f: F) -> Result<R, StageJobError>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            // The receiver may be gone (the worker stopped waiting); then
            // the result is simply dropped.
            let _ = done.send(catch_unwind(AssertUnwindSafe(f)));
        });
        self.jobs.send(job).map_err(|_| StageJobError::Gone)?;
        match result.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(panic)) => Err(StageJobError::Panicked(panic_message(&*panic))),
            // The job was dropped without running: the threads are gone.
            Err(_) => Err(StageJobError::Gone),
        }
    }
}

/// The text of a panic payload (`panic!` makes a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a non-text panic payload".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime")
    }

    #[test]
    fn jobs_run_on_a_fixed_set_of_named_threads() {
        let pool = StagePool::new(2).expect("threads");
        let names = runtime().block_on(async {
            let jobs =
                (0..200).map(|_| pool.run(|| std::thread::current().name().map(str::to_string)));
            futures_util::future::join_all(jobs).await
        });
        let names: HashSet<_> = names
            .into_iter()
            .map(|r| r.expect("a result").expect("a named thread"))
            .collect();
        assert!(!names.is_empty() && names.len() <= 2, "{names:?}");
        assert!(names.iter().all(|n| n.starts_with("newswire-stage-")));
    }

    #[test]
    fn a_panicking_job_is_an_error_and_the_pool_carries_on() {
        let pool = StagePool::new(1).expect("threads");
        let rt = runtime();
        // (The default panic hook prints "boom" in the test output.)
        let failed = rt.block_on(pool.run(|| -> u32 { panic!("boom") }));
        match failed {
            Err(StageJobError::Panicked(message)) => assert_eq!(message, "boom"),
            other => panic!("expected a panic error, got {other:?}"),
        }
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = ran.clone();
        let value = rt.block_on(pool.run(move || counter.fetch_add(1, Ordering::SeqCst) + 41));
        assert_eq!(value.expect("the single thread survived the panic"), 41);
        assert_eq!(ran.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn zero_threads_means_one() {
        let pool = StagePool::new(0).expect("threads");
        assert_eq!(runtime().block_on(pool.run(|| 7)).expect("ran"), 7);
    }
}
