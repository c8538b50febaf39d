//! A file read in the background for a preview (a sign-in sheet, an entry form, a department's
//! sheet): the job while it runs, then what it read or why it could not.

use crate::i18n::Text;
use crate::jobs::{Job, Jobs};
use std::path::{Path, PathBuf};

pub struct FileRead<T> {
    pub file: PathBuf,
    job: Option<Job<Result<T, Text>>>,
    pub result: Option<Result<T, Text>>,
}

impl<T: Send + 'static> FileRead<T> {
    /// Reads `file` with `work` on a named thread.
    pub fn start(
        file: PathBuf,
        name: &str,
        label: Text,
        jobs: &mut Jobs,
        work: impl FnOnce(&Path) -> Result<T, Text> + Send + 'static,
    ) -> Self {
        let path = file.clone();
        match jobs.spawn(name, label, false, move |_| work(&path)) {
            Ok(job) => Self { file, job: Some(job), result: None },
            Err(e) => Self { file, job: None, result: Some(Err(Text::from_fn(|l| e.message(l)))) },
        }
    }

    /// Takes in the result once the job is done.
    pub fn poll(&mut self) {
        if let Some(result) = self.job.as_ref().and_then(Job::poll) {
            self.job = None;
            self.result = Some(result.unwrap_or_else(|e| Err(Text::from_fn(|l| e.message(l)))));
        }
    }

    /// The file's name, for the preview's title.
    pub fn file_name(&self) -> String {
        self.file.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned())
    }

    /// What was read, when it was read.
    pub fn read(&self) -> Option<&T> {
        self.result.as_ref().and_then(|r| r.as_ref().ok())
    }
}
