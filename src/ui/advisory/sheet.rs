//! A department's sheet read in the background and previewed: each row's request, old → new
//! status, or why it cannot be taken; written whole or not at all.

use crate::advisory::read_sheet;
use crate::advisory::sheets::{RowOutcome, SheetPlan};
use crate::i18n::{Lang, Text};
use crate::jobs::Jobs;
use crate::tr;
use crate::ui::file_read::{FileRead, preview_dialog};
use crate::ui::screen::Ctx;
use crate::ui::theme::{palette, size};
use crate::ui::widgets::display_name;
use std::path::PathBuf;

pub(super) struct RequestSheet {
    pub read: FileRead<SheetPlan>,
}

impl RequestSheet {
    pub fn start(db: PathBuf, file: PathBuf, lang: Lang, jobs: &mut Jobs) -> Self {
        let label = Text::new("读取部门回执", "Reading the sheet");
        let work = move |path: &std::path::Path| read_sheet(&db, path, lang).map_err(|m| Text::new(m.clone(), m));
        Self { read: FileRead::start(file, "qilian-request-sheet", label, jobs, work) }
    }

    /// The preview; `Some(true)` to write, `Some(false)` to close.
    pub fn ui(&self, ctx: &egui::Context, view: &Ctx) -> Option<bool> {
        let lang = view.lang;
        let title = tr!(lang, "导入部门回执：{}", "Import the sheet: {}", self.read.file_name());
        preview_dialog(ctx, &title, &self.read, lang, SheetPlan::writes, |ui, plan| {
            let p = palette(ui);
            let count = |f: fn(&RowOutcome) -> bool| plan.rows.iter().filter(|r| f(&r.outcome)).count();
            let (updates, new, same) = (
                count(|o| matches!(o, RowOutcome::Update { .. })),
                count(|o| matches!(o, RowOutcome::New(_))),
                count(|o| matches!(o, RowOutcome::Unchanged)),
            );
            ui.strong(tr!(
                lang,
                "更新 {updates} 件 · 新增 {new} 件 · 无变化 {same} 件 · 有问题 {} 行",
                "{updates} updated · {new} new · {same} unchanged · {} rows with problems",
                plan.errors()
            ));
            if plan.errors() > 0 {
                ui.colored_label(
                    p.error,
                    lang.pick(
                        "回执须整表导入：请改正下列各行后再导入。",
                        "The sheet goes in whole: correct these rows first.",
                    ),
                );
            }
            egui::ScrollArea::vertical().max_height(size::ROW_HEIGHT * 12.0).show(ui, |ui| {
                egui::Grid::new("request_sheet_rows").striped(true).show(ui, |ui| {
                    for row in &plan.rows {
                        ui.label(row.row.to_string());
                        ui.label(&row.number);
                        match &row.outcome {
                            RowOutcome::Update { request, to, .. } => {
                                ui.label(tr!(lang, "{} → {}", "{} → {}", request.status.label(lang), to.label(lang)));
                            }
                            RowOutcome::New(r) => {
                                let company = view.catalog.entry(r.company).map_or("", |e| display_name(&e.company));
                                ui.colored_label(
                                    p.success,
                                    tr!(lang, "新诉求 · {company} · {}", "New · {company} · {}", r.category),
                                );
                            }
                            RowOutcome::Unchanged => {
                                ui.weak(lang.pick("无变化", "Unchanged"));
                            }
                            RowOutcome::Error(why) => {
                                ui.colored_label(p.error, why);
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        })
    }
}
