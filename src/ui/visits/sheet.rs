//! Reading a visit's sign-in sheet or feedback forms: the file is read in the background, then a
//! preview says how many came, which names are not members and what each row would do; nothing
//! is written until the secretary confirms.

use crate::i18n::{Lang, Text};
use crate::jobs::Jobs;
use crate::tr;
use crate::ui::file_read::{FileRead, preview_dialog};
use crate::ui::theme::{palette, size};
use crate::visits::sheets::{RowOutcome, SheetPlan, VisitSheet, read_visit_sheet};
use std::path::PathBuf;

pub(super) struct SheetImport {
    pub year: i32,
    pub month: u32,
    pub kind: VisitSheet,
    pub read: FileRead<SheetPlan>,
}

impl SheetImport {
    pub fn start(db: PathBuf, file: PathBuf, kind: VisitSheet, year: i32, month: u32, jobs: &mut Jobs) -> Self {
        let label = Text::from_fn(|l| tr!(l, "读取{}", "Reading the {}", kind.label(l)));
        let work = move |path: &std::path::Path| {
            read_visit_sheet(&db, path, kind, year, month).map_err(|e| Text::from_fn(|l| e.message(l)))
        };
        Self { year, month, kind, read: FileRead::start(file, "qilian-visit-sheet", label, jobs, work) }
    }

    /// The preview; `Some(true)` to record, `Some(false)` to close.
    pub fn ui(&self, ctx: &egui::Context, lang: Lang, name: &dyn Fn(i64) -> String) -> Option<bool> {
        let (month, what, file) = (self.month, self.kind.label(lang), self.read.file_name());
        let title = tr!(lang, "导入{month} 月互访的{what}：{file}", "Import the {what} of month {month}: {file}");
        preview_dialog(ctx, &title, &self.read, lang, SheetPlan::writes, |ui, plan| preview(ui, plan, lang, name))
    }
}

fn preview(ui: &mut egui::Ui, plan: &SheetPlan, lang: Lang, name: &dyn Fn(i64) -> String) {
    let p = palette(ui);
    let counts = plan.counts();
    let header = plan.header_row;
    let companies = counts.companies;
    ui.strong(match plan.kind {
        VisitSheet::Attendance => tr!(
            lang,
            "表头在第 {header} 行 · 表中出席 {companies} 家成员企业",
            "Header in row {header} · {companies} members there"
        ),
        VisitSheet::Feedback => tr!(
            lang,
            "表头在第 {header} 行 · {companies} 家成员企业交了反馈表",
            "Header in row {header} · {companies} members answered"
        ),
    });
    let (changes, unchanged) = (counts.changes, counts.unchanged);
    ui.label(tr!(
        lang,
        "将记录 {changes} 项更改 · {unchanged} 项已是如此（重复导入不会重复记录）",
        "{changes} changes to record · {unchanged} already so (importing twice records nothing twice)"
    ));
    if !counts.not_found.is_empty() {
        ui.colored_label(
            p.warning,
            tr!(
                lang,
                "成员中找不到的名称（{}）：{}",
                "Not members ({}): {}",
                counts.not_found.len(),
                counts.not_found.join(lang.pick("、", ", "))
            ),
        );
    }
    if counts.errors > 0 {
        ui.colored_label(
            p.error,
            tr!(lang, "{} 行有问题，未导入（见下表）", "{} rows have problems and are left out", counts.errors),
        );
    }
    if !plan.ignored.is_empty() {
        ui.weak(tr!(lang, "未读取的列：{}", "Columns not read: {}", plan.ignored.join(lang.pick("、", ", "))));
    }
    if !plan.writes() {
        ui.weak(lang.pick("没有需要更改的内容（可能已经导入过）。", "Nothing to change (perhaps imported already)."));
    }
    ui.separator();
    egui::ScrollArea::vertical().max_height(size::ROW_HEIGHT * 12.0).show(ui, |ui| {
        egui::Grid::new("sheet_rows").striped(true).num_columns(3).show(ui, |ui| {
            ui.strong(lang.pick("行", "Row"));
            ui.strong(lang.pick("表中名称", "As written"));
            ui.strong(lang.pick("结果", "Outcome"));
            ui.end_row();
            for row in &plan.rows {
                ui.label(row.row.to_string());
                ui.label(&row.name);
                let member = row.company.map(name).filter(|n| n != &row.name);
                let (text, colour) = match (&row.outcome, plan.kind) {
                    (RowOutcome::Recorded, VisitSheet::Attendance) => {
                        (lang.pick("记为出席", "There").into(), p.success)
                    }
                    (RowOutcome::Recorded, VisitSheet::Feedback) => {
                        (lang.pick("记录反馈", "Answers recorded").into(), p.success)
                    }
                    (RowOutcome::Absent, _) => (lang.pick("改为未出席", "Now absent").into(), p.warning),
                    (RowOutcome::Unchanged, _) => {
                        (lang.pick("已是如此", "Already so").into(), ui.visuals().weak_text_color())
                    }
                    (RowOutcome::Repeated { first_row }, _) => (
                        tr!(lang, "同一企业，已计入第 {first_row} 行", "Same company as row {first_row}"),
                        ui.visuals().weak_text_color(),
                    ),
                    (RowOutcome::Error(problem), _) => (problem.message(lang), p.error),
                };
                let text = match member {
                    Some(member) => format!("{member} · {text}"),
                    None => text,
                };
                ui.colored_label(colour, text);
                ui.end_row();
            }
        });
    });
}
