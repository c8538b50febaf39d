//! The import dialog: read a sheet in the background, preview every row with its outcome and
//! reasons, let the user correct the column mapping, then write the good rows in one transaction
//! (also in the background, with progress and a cancel that writes nothing). The window is the
//! app's, so every screen that imports a list opens the same one.

use super::table::{self, ColumnSpec};
use super::theme::{self, palette, size, space, text_size};
use super::widgets::dialog;
use crate::excel::columns::ListKind;
use crate::excel::import::{MatchKey, Outcome, OutcomeCounts, PlannedRow};
use crate::excel::session::{self, ImportError, Preview, PreviewRequest};
use crate::i18n::{Lang, Text, glossary};
use crate::jobs::{Job, Jobs};
use crate::tr;
use std::path::PathBuf;

pub enum Stage {
    Reading,
    Preview,
    Writing(f32),
    Done(OutcomeCounts),
    Failed(ImportError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowFilter {
    All,
    Errors,
    Changes,
}

pub struct ImportDialog {
    request: PreviewRequest,
    pub stage: Stage,
    preview: Option<Preview>,
    filter: RowFilter,
    reading: Option<Job<Result<Preview, ImportError>>>,
    writing: Option<Job<Result<OutcomeCounts, ImportError>>>,
    /// Asked for while drawing, started after: read and plan again, write the plan.
    replan: bool,
    commit: bool,
    pub open: bool,
}

/// What an import told the app when it finished.
pub enum ImportEvent {
    Written(OutcomeCounts),
}

impl ImportDialog {
    /// Opens on `file`; reading and checking start at once in the background.
    pub fn start(file: PathBuf, db: PathBuf, kind: Option<ListKind>, lang: Lang, jobs: &mut Jobs) -> Self {
        let request = PreviewRequest { file, db, kind, sheet: None, key: MatchKey::default(), corrected: None, lang };
        let mut dialog = Self {
            request,
            stage: Stage::Reading,
            preview: None,
            filter: RowFilter::All,
            reading: None,
            writing: None,
            replan: true,
            commit: false,
            open: true,
        };
        dialog.start_jobs(jobs);
        dialog
    }

    pub fn plan(&self) -> Option<&crate::excel::import::ImportPlan> {
        self.preview.as_ref().map(|p| &p.plan)
    }

    pub fn is_busy(&self) -> bool {
        self.reading.is_some() || self.writing.is_some()
    }

    fn start_jobs(&mut self, jobs: &mut Jobs) {
        if std::mem::take(&mut self.replan) {
            let request = self.request.clone();
            self.request.corrected = None;
            self.stage = Stage::Reading;
            let label = Text::new("正在读取和检查表格", "Reading and checking the sheet");
            match jobs.spawn("qilian-import-read", label, false, move |_| session::preview(&request)) {
                Ok(job) => self.reading = Some(job),
                Err(e) => self.stage = Stage::Failed(e.into()),
            }
        }
        if std::mem::take(&mut self.commit)
            && let Some(preview) = &self.preview
        {
            let (db, plan) = (self.request.db.clone(), preview.plan.clone());
            self.stage = Stage::Writing(0.0);
            let label = Text::new("正在导入", "Importing");
            match jobs.spawn("qilian-import-write", label, true, move |job| session::write(&db, &plan, job)) {
                Ok(job) => self.writing = Some(job),
                Err(e) => self.stage = Stage::Failed(e.into()),
            }
        }
    }

    /// After drawing: starts what was asked for and takes in what finished.
    pub fn apply(&mut self, jobs: &mut Jobs) -> Option<ImportEvent> {
        self.start_jobs(jobs);
        if let Some(result) = self.reading.as_ref().and_then(Job::poll) {
            self.reading = None;
            match result.map_err(ImportError::from).and_then(|r| r) {
                Ok(preview) => {
                    self.request.sheet = Some(preview.sheet.sheet.clone());
                    self.preview = Some(preview);
                    self.stage = Stage::Preview;
                }
                Err(e) => self.stage = Stage::Failed(e),
            }
        }
        if let Some(job) = &self.writing {
            match job.poll() {
                None => self.stage = Stage::Writing(job.progress().unwrap_or(0.0)),
                Some(result) => {
                    self.writing = None;
                    match result.map_err(ImportError::from).and_then(|r| r) {
                        Ok(counts) => {
                            self.stage = Stage::Done(counts);
                            return Some(ImportEvent::Written(counts));
                        }
                        Err(e) => self.stage = Stage::Failed(e),
                    }
                }
            }
        }
        None
    }

    /// Closing the window while writing cancels the write; nothing is then written.
    pub fn close(&mut self) {
        if let Some(job) = &self.writing {
            job.cancel();
        }
        self.open = false;
    }

    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) {
        let mut open = self.open;
        let room = ctx.content_rect().shrink(size::DIALOG_MARGIN).size();
        dialog(lang.pick("导入 Excel", "Import from Excel"), ctx)
            .open(&mut open)
            .default_size([room.x.min(1000.0), room.y.min(680.0)])
            .show(ctx, |ui| self.contents(ui, lang));
        if !open {
            self.close();
        }
    }

    fn contents(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let file = &self.request.file;
        let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        ui.add(egui::Label::new(tr!(lang, "文件：{name}", "File: {name}")).truncate())
            .on_hover_text(file.display().to_string());
        match &self.stage {
            Stage::Reading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(lang.pick("正在读取和检查…", "Reading and checking…"));
                });
            }
            Stage::Writing(progress) => {
                ui.add(egui::ProgressBar::new(*progress).show_percentage().text(lang.pick("正在写入…", "Writing…")));
                if ui.button(lang.pick("取消导入", "Cancel import")).clicked()
                    && let Some(job) = &self.writing
                {
                    job.cancel();
                }
            }
            Stage::Done(counts) => {
                ui.label(
                    egui::RichText::new(done_text(counts, lang)).size(text_size::LARGE).color(palette(ui).success),
                );
                if ui.button(glossary::CLOSE.get(lang)).clicked() {
                    self.open = false;
                }
            }
            Stage::Failed(error) => {
                ui.colored_label(theme::error_color(ui), error.message(lang));
                if ui.button(glossary::CLOSE.get(lang)).clicked() {
                    self.open = false;
                }
            }
            Stage::Preview => self.preview(ui, lang),
        }
    }

    fn preview(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(preview) = &self.preview else { return };
        let counts = preview.plan.counts();
        let layout = &preview.layout;
        let mut corrected = None;
        let mut sheet = None;
        let mut key = self.request.key;
        ui.horizontal_wrapped(|ui| {
            if preview.sheet.sheet_names.len() > 1 {
                let label = ui.label(lang.pick("工作表", "Sheet"));
                let mut chosen = preview.sheet.sheet.clone();
                egui::ComboBox::from_id_salt("import_sheet")
                    .selected_text(&chosen)
                    .show_ui(ui, |ui| {
                        for name in &preview.sheet.sheet_names {
                            ui.selectable_value(&mut chosen, name.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if chosen != preview.sheet.sheet {
                    sheet = Some(chosen);
                }
            }
            ui.label(tr!(
                lang,
                "导入为：{}，表头在第 {} 行",
                "Importing: {}, header on row {}",
                layout.kind.label(lang),
                layout.header_row + 1
            ));
            if layout.kind == ListKind::Companies {
                ui.separator();
                let label = ui.label(lang.pick("匹配已有企业", "Match existing by"));
                egui::ComboBox::from_id_salt("import_key")
                    .selected_text(key.label(lang))
                    .show_ui(ui, |ui| {
                        for choice in MatchKey::ALL {
                            ui.selectable_value(&mut key, choice, choice.label(lang));
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
        });
        let mapping_title =
            lang.pick("列对应关系（可手动更正，下次相同表头自动沿用）", "Column mapping (corrections are remembered)");
        ui.collapsing(mapping_title, |ui| {
            // However many columns the sheet has, the rows below keep their room.
            egui::ScrollArea::vertical().max_height(ui.ctx().content_rect().height() * 0.25).show(ui, |ui| {
                egui::Grid::new("mapping").num_columns(2).striped(true).show(ui, |ui| {
                    let columns = layout.kind.columns();
                    for (index, header) in layout.headers.iter().enumerate() {
                        if header.trim().is_empty() {
                            continue;
                        }
                        let label = ui.label(format!("“{header}” →"));
                        let current = layout.mapping.get(index).copied().flatten();
                        let mut chosen = current;
                        let ignore = lang.pick("（不导入）", "(ignore)");
                        egui::ComboBox::from_id_salt(("map", index))
                            .selected_text(chosen.map_or(ignore, |c| c.label.get(lang)))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut chosen, None, ignore);
                                for column in &columns {
                                    ui.selectable_value(&mut chosen, Some(*column), column.label.get(lang));
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        if chosen != current {
                            let mut layout = layout.clone();
                            // A column is mapped once: taking it from another header frees that one.
                            for slot in layout.mapping.iter_mut() {
                                if chosen.is_some() && *slot == chosen {
                                    *slot = None;
                                }
                            }
                            layout.mapping.resize(layout.headers.len(), None);
                            layout.mapping[index] = chosen;
                            corrected = Some(layout);
                        }
                        ui.end_row();
                    }
                });
            });
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(counts_job(&counts, ui, lang));
            ui.separator();
            ui.selectable_value(&mut self.filter, RowFilter::All, lang.pick("全部行", "All rows"));
            ui.selectable_value(&mut self.filter, RowFilter::Errors, lang.pick("只看错误", "Errors only"));
            ui.selectable_value(&mut self.filter, RowFilter::Changes, lang.pick("只看新增和更新", "New and updated"));
        });
        ui.separator();
        let rows: Vec<&PlannedRow> = preview
            .plan
            .rows
            .iter()
            .filter(|r| match self.filter {
                RowFilter::All => true,
                RowFilter::Errors => matches!(r.outcome, Outcome::Error(_)),
                RowFilter::Changes => matches!(r.outcome, Outcome::New | Outcome::Update(_)),
            })
            .collect();
        // The buttons keep a line of their own under the rows, whatever is open above.
        let footer = ui.spacing().interact_size.y + 2.0 * space::M + ui.spacing().item_spacing.y * 2.0;
        let specs = [
            ColumnSpec::key(lang.pick("行号", "Row"), 56.0, 48.0).numeric(),
            ColumnSpec::key(lang.pick("结果", "Result"), 64.0, 56.0),
            ColumnSpec::key(lang.pick("名称", "Name"), 280.0, 140.0),
            ColumnSpec::key(lang.pick("说明", "Details"), 400.0, 160.0),
        ];
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let p = palette(ui);
        let weak = ui.visuals().weak_text_color();
        let height = (ui.available_height() - footer - table::HEADER_HEIGHT).max(size::ROW_HEIGHT * 3.0);
        table::builder(ui, "import_rows", &fitted)
            .sense(egui::Sense::hover())
            .max_scroll_height(height)
            .auto_shrink([false, true])
            .header(table::HEADER_HEIGHT, |mut header| {
                for spec in &specs {
                    header.col(|ui| {
                        table::header(ui, spec, false, None);
                    });
                }
            })
            .body(|body| {
                body.rows(size::ROW_HEIGHT, rows.len(), |mut table_row| {
                    let row = rows[table_row.index()];
                    let (label, colour) = match &row.outcome {
                        Outcome::New => (lang.pick("新增", "New"), p.success),
                        Outcome::Update(_) => (lang.pick("更新", "Update"), p.info),
                        Outcome::Unchanged => (lang.pick("未变", "Same"), weak),
                        Outcome::Error(_) => (lang.pick("错误", "Error"), p.error),
                    };
                    table_row.col(|ui| table::cell(ui, row.row.to_string(), true));
                    table_row.col(|ui| table::cell(ui, egui::RichText::new(label).color(colour), false));
                    table_row.col(|ui| table::cell(ui, &row.label, false));
                    table_row.col(|ui| table::cell(ui, details(&row.outcome, lang), false));
                });
            });
        ui.add_space(space::M);
        ui.horizontal_wrapped(|ui| {
            let writes = counts.new + counts.update;
            let text = tr!(lang, "导入 {writes} 行有效数据", "Import {writes} valid rows");
            if ui.add_enabled(writes > 0, egui::Button::new(text)).clicked() {
                self.commit = true;
            }
            if ui.button(glossary::CANCEL.get(lang)).clicked() {
                self.open = false;
            }
            if counts.error > 0 {
                ui.weak(lang.pick(
                    "有错误的行不会导入；可在 Excel 中改正后重新导入。",
                    "Rows with errors are skipped; fix them in Excel and import again.",
                ));
            }
        });
        if key != self.request.key {
            self.request.key = key;
            self.request.corrected = Some(layout.clone());
            self.replan = true;
        }
        if let Some(sheet) = sheet {
            self.request.sheet = Some(sheet);
            self.request.corrected = None;
            self.replan = true;
        }
        if let Some(layout) = corrected {
            self.request.corrected = Some(layout);
            self.replan = true;
        }
    }
}

fn details(outcome: &Outcome, lang: Lang) -> String {
    let separator = lang.pick("；", "; ");
    match outcome {
        Outcome::Error(problems) => problems.iter().map(|p| p.message(lang)).collect::<Vec<_>>().join(separator),
        Outcome::Update(changes) => changes
            .iter()
            .map(|c| {
                let old = if c.old.is_empty() { "—" } else { &c.old };
                format!("{}{}{old} → {}", c.column.label.get(lang), lang.colon(), c.new)
            })
            .collect::<Vec<_>>()
            .join(separator),
        Outcome::New | Outcome::Unchanged => String::new(),
    }
}

/// "新增 1 · 更新 1 · 未变 0 · 错误 1", each count in its outcome's colour, as one label.
fn counts_job(c: &OutcomeCounts, ui: &egui::Ui, lang: Lang) -> egui::text::LayoutJob {
    let p = palette(ui);
    let parts = [
        (tr!(lang, "新增 {}", "New {}", c.new), p.success),
        (tr!(lang, "更新 {}", "update {}", c.update), p.info),
        (tr!(lang, "未变 {}", "same {}", c.unchanged), ui.visuals().text_color()),
        (tr!(lang, "错误 {}", "errors {}", c.error), p.error),
    ];
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    for (i, (text, colour)) in parts.into_iter().enumerate() {
        if i > 0 {
            job.append(" · ", 0.0, egui::TextFormat::simple(font.clone(), ui.visuals().text_color()));
        }
        job.append(&text, 0.0, egui::TextFormat::simple(font.clone(), colour));
    }
    job
}

fn done_text(c: &OutcomeCounts, lang: Lang) -> String {
    tr!(
        lang,
        "导入完成：新增 {} 行，更新 {} 行；{} 行有错误未导入。",
        "Imported: {} new, {} updated; {} rows with errors skipped.",
        c.new,
        c.update,
        c.error
    )
}
