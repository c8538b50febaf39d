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

/// The preview of what was read, as a dialog: a spinner while reading, the reason it could not
/// be read, or `body` for what it read; then 确定导入 (only when `writes` says there is something to
/// write) and 取消. Returns `Some(true)` to write, `Some(false)` to close.
pub fn preview_dialog<T: Send + 'static>(
    ctx: &egui::Context,
    title: &str,
    read: &FileRead<T>,
    lang: crate::i18n::Lang,
    writes: impl Fn(&T) -> bool,
    body: impl FnOnce(&mut egui::Ui, &T),
) -> Option<bool> {
    use super::theme::{palette, size, space};
    let mut choice = None;
    super::widgets::dialog(title, ctx).default_width(size::SHEET_DIALOG_WIDTH).show(ctx, |ui| {
        match &read.result {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(lang.pick("正在读取…", "Reading…"));
                });
            }
            Some(Err(message)) => {
                ui.colored_label(palette(ui).error, message.get(lang));
            }
            Some(Ok(value)) => body(ui, value),
        }
        ui.add_space(space::S);
        ui.horizontal(|ui| {
            let ready = read.read().is_some_and(&writes);
            if ui.add_enabled(ready, egui::Button::new(lang.pick("确定导入", "Import"))).clicked() {
                choice = Some(true);
            }
            if ui.button(lang.pick("取消", "Cancel")).clicked() {
                choice = Some(false);
            }
        });
    });
    choice
}
