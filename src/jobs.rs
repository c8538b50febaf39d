//! Long work off the UI thread, one way for every task: reading and planning a sheet, writing an
//! import, exporting, matching the park.
//!
//! `Jobs::spawn` runs a closure on a named thread and hands back a `Job<T>`, which the one who
//! asked keeps and polls for its typed result. The registry knows every job that is running, with
//! its label, progress and whether it can be cancelled, so the window can show them in one place
//! and keep redrawing while they run. Errors stay typed until they are shown; a job whose thread
//! died says so instead of vanishing.

use crate::i18n::{Lang, Text};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Asks the window to draw again (egui's `request_repaint`), from any thread.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("no worker thread could be started: {0}")]
    Spawn(std::io::Error),
    #[error("the background task stopped unexpectedly")]
    Died,
}

impl JobError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Spawn(e) => crate::tr!(lang, "无法启动后台任务：{e}", "No worker thread could be started: {e}"),
            Self::Died => lang
                .pick("后台任务意外中止，详情见日志。", "The background task stopped unexpectedly; see the log.")
                .into(),
        }
    }
}

/// Progress is kept in ten-thousandths; this means "not known".
const UNKNOWN_PROGRESS: u32 = u32::MAX;

struct Shared {
    label: Text,
    cancellable: bool,
    cancel: AtomicBool,
    progress: AtomicU32,
    running: AtomicBool,
}

/// What a job's closure is given: whether it has been cancelled, and where to report progress.
pub struct JobContext {
    shared: Arc<Shared>,
}

impl JobContext {
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancel.load(Ordering::Relaxed)
    }

    /// The flag itself, for functions that check it while they work.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.shared.cancel
    }

    pub fn set_progress(&self, done: usize, total: usize) {
        let part = if total == 0 { 1.0 } else { done as f64 / total as f64 };
        self.shared.progress.store((part.clamp(0.0, 1.0) * 10_000.0) as u32, Ordering::Relaxed);
    }
}

/// Marks the job finished and wakes the window, also when the work panics.
struct Finished {
    shared: Arc<Shared>,
    waker: Option<Waker>,
}

impl Finished {
    fn mark(&self) {
        self.shared.running.store(false, Ordering::Release);
    }
}

impl Drop for Finished {
    fn drop(&mut self) {
        self.mark();
        if let Some(wake) = &self.waker {
            wake();
        }
    }
}

/// A running (or finished) job and the result it will hand over.
pub struct Job<T> {
    shared: Arc<Shared>,
    result: Receiver<T>,
}

impl<T> Job<T> {
    /// The result once the work is done; `Err(Died)` if its thread ended without one.
    pub fn poll(&self) -> Option<Result<T, JobError>> {
        match self.result.try_recv() {
            Ok(value) => Some(Ok(value)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(JobError::Died)),
        }
    }

    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }

    /// How far it has got, 0–1, when the work reports it.
    pub fn progress(&self) -> Option<f32> {
        progress_of(&self.shared)
    }
}

fn progress_of(shared: &Shared) -> Option<f32> {
    let p = shared.progress.load(Ordering::Relaxed);
    (p != UNKNOWN_PROGRESS).then(|| p as f32 / 10_000.0)
}

/// A running job as the window lists it.
pub struct JobView {
    pub label: Text,
    pub progress: Option<f32>,
    pub cancellable: bool,
    shared: Arc<Shared>,
}

impl JobView {
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }
}

/// Every job that is running.
#[derive(Default)]
pub struct Jobs {
    active: Vec<Arc<Shared>>,
    waker: Option<Waker>,
}

impl Jobs {
    pub fn new(waker: Option<Waker>) -> Self {
        Self { active: Vec::new(), waker }
    }

    /// Jobs started from now on wake the window when they finish.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    pub fn has_waker(&self) -> bool {
        self.waker.is_some()
    }

    /// Runs `work` on a thread named `name` (as debuggers and crash reports show it).
    pub fn spawn<T: Send + 'static>(
        &mut self,
        name: &str,
        label: Text,
        cancellable: bool,
        work: impl FnOnce(&JobContext) -> T + Send + 'static,
    ) -> Result<Job<T>, JobError> {
        let shared = Arc::new(Shared {
            label,
            cancellable,
            cancel: AtomicBool::new(false),
            progress: AtomicU32::new(UNKNOWN_PROGRESS),
            running: AtomicBool::new(true),
        });
        let (sender, result) = channel();
        let context = JobContext { shared: Arc::clone(&shared) };
        let finished = Finished { shared: Arc::clone(&shared), waker: self.waker.clone() };
        let thread_name = name.to_string();
        std::thread::Builder::new()
            .name(thread_name.clone())
            .spawn(move || {
                let value = work(&context);
                // Finished before the result is there: whoever holds the result never sees the
                // job still listed as running.
                finished.mark();
                if sender.send(value).is_err() {
                    log::info!("{thread_name}: finished after its owner stopped waiting");
                }
                drop(finished);
            })
            .map_err(JobError::Spawn)?;
        self.active.push(Arc::clone(&shared));
        Ok(Job { shared, result })
    }

    /// Forgets the jobs that have finished; true while any is still running.
    pub fn poll(&mut self) -> bool {
        self.active.retain(|s| s.running.load(Ordering::Acquire));
        !self.active.is_empty()
    }

    pub fn running(&self) -> Vec<JobView> {
        let running = self.active.iter().filter(|s| s.running.load(Ordering::Relaxed));
        running
            .map(|s| JobView {
                label: s.label.clone(),
                progress: progress_of(s),
                cancellable: s.cancellable,
                shared: Arc::clone(s),
            })
            .collect()
    }

    pub fn is_busy(&self) -> bool {
        self.active.iter().any(|s| s.running.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait<T>(job: &Job<T>) -> Result<T, JobError> {
        let start = Instant::now();
        loop {
            if let Some(result) = job.poll() {
                return result;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "the job did not finish");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn a_job_hands_back_its_typed_result_and_leaves_the_registry() {
        let mut jobs = Jobs::default();
        let job = jobs
            .spawn("qilian-test", Text::new("测试", "test"), false, |ctx| {
                ctx.set_progress(1, 2);
                21 * 2
            })
            .unwrap();
        assert_eq!(wait(&job).unwrap(), 42);
        assert_eq!(job.progress(), Some(0.5));
        while jobs.poll() {
            std::thread::yield_now();
        }
        assert!(jobs.running().is_empty());
    }

    #[test]
    fn cancelling_is_seen_by_the_work() {
        let mut jobs = Jobs::default();
        let (go, wait_for_go) = channel::<()>();
        let job = jobs
            .spawn("qilian-test", Text::new("测试", "test"), true, move |ctx| {
                wait_for_go.recv().ok();
                ctx.is_cancelled()
            })
            .unwrap();
        let view = jobs.running().pop().expect("listed while running");
        assert!(view.cancellable);
        view.cancel();
        go.send(()).unwrap();
        assert!(wait(&job).unwrap(), "the work saw the cancel");
    }

    #[test]
    fn a_job_that_panics_is_reported_not_lost() {
        let mut jobs = Jobs::default();
        let job = jobs.spawn("qilian-test", Text::new("测试", "test"), false, |_| -> u8 { panic!("boom") }).unwrap();
        assert!(matches!(wait(&job), Err(JobError::Died)));
        while jobs.poll() {
            std::thread::yield_now();
        }
    }
}
