//! Choosing files. The native dialog is used when it can open; when it cannot (on Linux without a
//! desktop portal or zenity, rfd logs an error and returns as if cancelled), the app says so and
//! offers a field to type the path into instead of doing nothing. Tests put their own chooser in.

use super::theme::size;
use super::widgets::dialog;
use crate::i18n::{Lang, Text, glossary};
use std::path::PathBuf;

/// What to ask the user for.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRequest {
    pub title: Text,
    /// A name for the filter and the file endings it admits.
    pub filter: (Text, Vec<&'static str>),
    /// For saving: the name suggested. `None`: choosing a file to open.
    pub save_as: Option<String>,
}

impl FileRequest {
    pub fn open(title: Text, filter: (Text, Vec<&'static str>)) -> Self {
        Self { title, filter, save_as: None }
    }

    pub fn save(title: Text, filter: (Text, Vec<&'static str>), name: String) -> Self {
        Self { title, filter, save_as: Some(name) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Picked {
    File(PathBuf),
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

pub trait FileChooser {
    fn choose(&mut self, request: &FileRequest, lang: Lang) -> Picked;
}

/// The system's own dialog, through rfd.
pub struct NativeChooser;

impl FileChooser for NativeChooser {
    fn choose(&mut self, request: &FileRequest, lang: Lang) -> Picked {
        let failures = crate::logging::dialog_failures();
        let (filter, endings) = &request.filter;
        let dialog = rfd::FileDialog::new().set_title(request.title.get(lang)).add_filter(filter.get(lang), endings);
        let picked = match &request.save_as {
            Some(name) => dialog.set_file_name(name).save_file(),
            None => dialog.pick_file(),
        };
        match picked {
            Some(path) => Picked::File(path),
            None if crate::logging::dialog_failures() > failures => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }
}

/// The field that stands in for a native dialog that could not open.
pub struct PathPrompt<T> {
    pub request: FileRequest,
    pub path: String,
    problem: Option<Text>,
    /// What to do with the path once given.
    pub then: T,
}

impl<T> PathPrompt<T> {
    pub fn new(request: FileRequest, then: T) -> Self {
        let path = request.save_as.clone().unwrap_or_default();
        Self { request, path, problem: None, then }
    }

    /// The path typed, if it can be used: a file to open must exist, one to save must be in a
    /// folder that does.
    pub fn accept(&mut self) -> Option<PathBuf> {
        let path = PathBuf::from(self.path.trim());
        let usable = match &self.request.save_as {
            None => path.is_file(),
            Some(_) => path.parent().is_some_and(|p| p.as_os_str().is_empty() || p.is_dir()) && !path.is_dir(),
        };
        if usable {
            return Some(path);
        }
        self.problem = Some(if self.request.save_as.is_none() {
            Text::new("找不到这个文件，请检查路径。", "There is no such file; check the path.")
        } else {
            Text::new("这个文件夹不存在，请检查路径。", "That folder does not exist; check the path.")
        });
        None
    }

    /// Draws the prompt; `Some(true)` when the user confirms, `Some(false)` when they cancel.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Option<bool> {
        let mut answer = None;
        let mut open = true;
        dialog(self.request.title.get(lang), ctx).open(&mut open).resizable(false).show(ctx, |ui| {
            ui.label(lang.pick(
                "系统的文件对话框打不开（Linux 上可能缺少 xdg-desktop-portal 或 zenity）。请直接输入文件的完整路径：",
                "The system's file dialog could not open (on Linux, xdg-desktop-portal or zenity may be missing). Type the file's full path:",
            ));
            let label = ui.label(lang.pick("文件路径", "File path"));
            let edit = ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(size::START_BUTTON[0] * 1.5));
            edit.labelled_by(label.id);
            if let Some(problem) = &self.problem {
                ui.colored_label(super::theme::error_color(ui), problem.get(lang));
            }
            ui.horizontal(|ui| {
                if ui.button(glossary::OK.get(lang)).clicked() {
                    answer = Some(true);
                }
                if ui.button(glossary::CANCEL.get(lang)).clicked() {
                    answer = Some(false);
                }
            });
        });
        if !open {
            answer = Some(false);
        }
        answer
    }
}

/// The spreadsheets Qilian reads.
pub fn spreadsheets() -> (Text, Vec<&'static str>) {
    (
        Text::new("Excel / WPS / LibreOffice 表格", "Excel / WPS / LibreOffice sheets"),
        vec!["xlsx", "xls", "xlsm", "ods"],
    )
}

pub fn xlsx() -> (Text, Vec<&'static str>) {
    (Text::new("Excel 表格", "Excel workbook"), vec!["xlsx"])
}

pub fn docx() -> (Text, Vec<&'static str>) {
    (Text::new("Word 文档", "Word document"), vec!["docx"])
}

pub fn pdf() -> (Text, Vec<&'static str>) {
    (Text::new("PDF 文档", "PDF document"), vec!["pdf"])
}

pub fn png() -> (Text, Vec<&'static str>) {
    (Text::new("PNG 图片（每页一张）", "PNG images (one a slide)"), vec!["png"])
}

pub fn databases() -> (Text, Vec<&'static str>) {
    (Text::new("企联数据库", "Qilian database"), vec!["db", "sqlite", "qilian"])
}
