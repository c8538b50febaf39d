//! The log: a file in the user's data folder, so that what the window shows only briefly, or an
//! error nobody saw, leaves a trace. Rotated at 1 MB, keeping three old files (4 MB at most).
//!
//! It also notices when the native file dialog could not open: on Linux rfd logs an error when
//! neither the desktop portal nor zenity answers, and returns as if the user had cancelled.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const MAX_FILE_BYTES: u64 = 1_000_000;
const KEEP_FILES: usize = 3;

/// Errors rfd logged: each one is a file dialog that did not open.
static DIALOG_FAILURES: AtomicUsize = AtomicUsize::new(0);

/// How many times a native file dialog failed to open since start.
pub fn dialog_failures() -> usize {
    DIALOG_FAILURES.load(Ordering::Relaxed)
}

struct QilianLog {
    file: Box<dyn log::Log>,
}

impl log::Log for QilianLog {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        self.file.enabled(metadata)
    }

    fn log(&self, record: &log::Record) {
        if record.level() == log::Level::Error && record.target().starts_with("rfd") {
            DIALOG_FAILURES.fetch_add(1, Ordering::Relaxed);
        }
        self.file.log(record);
    }

    fn flush(&self) {
        self.file.flush();
    }
}

/// Where the log goes: next to the default database.
pub fn log_dir() -> Option<PathBuf> {
    crate::store::data_dir().map(|dir| dir.join("logs"))
}

/// Keeps the log writing; dropping it flushes and closes the file.
pub struct LogGuard {
    _handle: flexi_logger::LoggerHandle,
    pub file: PathBuf,
}

/// Starts logging to `dir` (info and above). A log that cannot be opened is not a reason to stop
/// the app: the error is printed and the app runs without one.
pub fn init(dir: &Path) -> Option<LogGuard> {
    use flexi_logger::{Cleanup, Criterion, FileSpec, Logger, Naming};
    let spec = FileSpec::default().directory(dir).basename("qilian").suppress_timestamp();
    let file = spec.as_pathbuf(None);
    let built = Logger::try_with_str("info")
        .and_then(|logger| {
            logger
                .log_to_file(spec)
                .append()
                .rotate(Criterion::Size(MAX_FILE_BYTES), Naming::Numbers, Cleanup::KeepLogFiles(KEEP_FILES))
                .format_for_files(flexi_logger::detailed_format)
                .build()
        })
        .map_err(|e| e.to_string())
        .and_then(|(file_log, handle)| {
            log::set_boxed_logger(Box::new(QilianLog { file: file_log })).map(|()| handle).map_err(|e| e.to_string())
        });
    match built {
        Ok(handle) => {
            log::set_max_level(log::LevelFilter::Info);
            log::info!("Qilian {} started", env!("CARGO_PKG_VERSION"));
            Some(LogGuard { _handle: handle, file })
        }
        Err(e) => {
            eprintln!("qilian: no log file in {}: {e}", dir.display());
            None
        }
    }
}
