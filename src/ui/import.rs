//! The import dialog: read a sheet off the UI thread, preview every row with its outcome and
//! reasons, let the user correct the column mapping, then write the good rows in one transaction
//! (also off the UI thread, with progress and a cancel that writes nothing).

use super::theme;
use crate::excel::columns::{Column, ListKind, header_signature};
use crate::excel::export;
use crate::excel::import::{self, Existing, ImportPlan, Layout, MatchKey, Outcome, OutcomeCounts};
use crate::excel::read::{self, RawSheet};
use crate::i18n::Lang;
use crate::store::Store;
use egui_extras::{Column as TableColumn, TableBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a background job reports back.
enum JobMessage {
    Planned(Result<Box<Planned>, String>),
    Progress(f32),
    Written(Result<OutcomeCounts, String>),
    Exported(Result<usize, String>),
}

struct Planned {
    sheet: Arc<RawSheet>,
    layout: Layout,
    plan: ImportPlan,
}

/// A named worker thread and the channel it answers on.
struct Job {
    receiver: Receiver<JobMessage>,
    cancel: Arc<AtomicBool>,
}

impl Job {
    /// Starts `work` on a named thread; the error says why no thread could be had.
    fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&Sender<JobMessage>, &AtomicBool) + Send + 'static,
    ) -> Result<Self, String> {
        let (sender, receiver) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                work(&sender, &flag);
                ctx.request_repaint();
            })
            .map_err(|e| e.to_string())?;
        Ok(Self { receiver, cancel })
    }
}

pub enum Stage {
    Reading,
    Preview,
    Writing(f32),
    Done(OutcomeCounts),
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowFilter {
    All,
    Errors,
    Changes,
}

pub struct ImportDialog {
    file: PathBuf,
    db: PathBuf,
    kind: Option<ListKind>,
    sheet_name: Option<String>,
    key: MatchKey,
    pub stage: Stage,
    planned: Option<Planned>,
    filter: RowFilter,
    job: Option<Job>,
    /// Set when the user changed the mapping, so the next plan saves it for this header layout.
    mapping_to_save: Option<(String, Vec<Option<Column>>)>,
    pub open: bool,
}

/// Reads the sheet, finds its layout (or takes the given or remembered one) and plans the import.
fn read_and_plan(
    file: &Path,
    db: &Path,
    sheet: Option<&str>,
    kind: Option<ListKind>,
    forced: Option<Layout>,
    key: MatchKey,
    lang: Lang,
) -> Result<Planned, String> {
    let store = Store::open(db).map_err(|e| e.message(lang))?;
    let (raw, layout) = match forced {
        // A layout the user just corrected applies to the sheet being shown.
        Some(layout) => (read::read_sheet(file, sheet).map_err(|e| e.message(lang))?, layout),
        None => import::read_with_layout(file, sheet, kind, &store).map_err(|e| e.message(lang))?,
    };
    let raw = Arc::new(raw);
    let existing = Existing::load(&store).map_err(|e| e.message(lang))?;
    let plan = import::plan(&raw, &layout, key, &existing, lang);
    Ok(Planned { sheet: raw, layout, plan })
}

impl ImportDialog {
    pub fn start(ctx: &egui::Context, file: PathBuf, db: PathBuf, kind: Option<ListKind>, lang: Lang) -> Self {
        let mut dialog = Self {
            file,
            db,
            kind,
            sheet_name: None,
            key: MatchKey::default(),
            stage: Stage::Reading,
            planned: None,
            filter: RowFilter::All,
            job: None,
            mapping_to_save: None,
            open: true,
        };
        dialog.replan(ctx, None, lang);
        dialog
    }

    pub fn plan(&self) -> Option<&ImportPlan> {
        self.planned.as_ref().map(|p| &p.plan)
    }

    /// Plans again in the background: after a change of sheet, mapping or match key.
    fn replan(&mut self, ctx: &egui::Context, forced: Option<Layout>, lang: Lang) {
        let (file, db, sheet, kind, key) =
            (self.file.clone(), self.db.clone(), self.sheet_name.clone(), self.kind, self.key);
        if let Some((signature, mapping)) = self.mapping_to_save.take()
            && let Ok(mut store) = Store::open(&db)
            && let Ok(json) = serde_json::to_string(&mapping)
        {
            // Remembered for the next file with the same headers; failing to remember loses nothing.
            let _ = store.save_mapping(&signature, &json);
        }
        self.stage = Stage::Reading;
        self.start_job(Job::spawn("qilian-import-read", ctx, move |sender, _| {
            let result = read_and_plan(&file, &db, sheet.as_deref(), kind, forced, key, lang).map(Box::new);
            let _ = sender.send(JobMessage::Planned(result));
        }));
    }

    fn commit(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(planned) = &self.planned else { return };
        let plan = planned.plan.clone();
        let db = self.db.clone();
        self.stage = Stage::Writing(0.0);
        self.start_job(Job::spawn("qilian-import-write", ctx, move |sender, cancel| {
            let result = Store::open(&db).map_err(|e| e.message(lang)).and_then(|mut store| {
                import::apply(&mut store, &plan, cancel, &mut |done, total| {
                    let _ = sender.send(JobMessage::Progress(done as f32 / total.max(1) as f32));
                })
                .map_err(|e| e.message(lang))
            });
            let _ = sender.send(JobMessage::Written(result));
        }));
    }

    fn start_job(&mut self, job: Result<Job, String>) {
        match job {
            Ok(job) => self.job = Some(job),
            Err(message) => self.stage = Stage::Failed(message),
        }
    }

    /// Takes what the worker reported; true when rows were written and the list should reload.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else { return false };
        let mut written = false;
        let mut finished = false;
        while let Ok(message) = job.receiver.try_recv() {
            match message {
                JobMessage::Planned(Ok(planned)) => {
                    self.sheet_name = Some(planned.sheet.sheet.clone());
                    self.planned = Some(*planned);
                    self.stage = Stage::Preview;
                    finished = true;
                }
                JobMessage::Planned(Err(message)) | JobMessage::Written(Err(message)) => {
                    self.stage = Stage::Failed(message);
                    finished = true;
                }
                JobMessage::Progress(p) => self.stage = Stage::Writing(p),
                JobMessage::Written(Ok(counts)) => {
                    self.stage = Stage::Done(counts);
                    written = true;
                    finished = true;
                }
                JobMessage::Exported(_) => finished = true,
            }
        }
        if finished {
            self.job = None;
        }
        written
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) {
        if self.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut open = self.open;
        let title = lang.pick("导入 Excel", "Import from Excel");
        egui::Window::new(title)
            .open(&mut open)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_size([1000.0, 640.0])
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| self.contents(ui, lang));
        // Closing the window while writing cancels the write; nothing is then written.
        if !open {
            if let Some(job) = &self.job {
                job.cancel.store(true, Ordering::Relaxed);
            }
            self.open = false;
        }
    }

    fn contents(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.label(format!("{}：{}", lang.pick("文件", "File"), self.file.display()));
        match &self.stage {
            Stage::Reading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(lang.pick("正在读取和检查…", "Reading and checking…"));
                });
            }
            Stage::Writing(progress) => {
                let progress = *progress;
                ui.add(egui::ProgressBar::new(progress).show_percentage().text(lang.pick("正在写入…", "Writing…")));
                if ui.button(lang.pick("取消导入", "Cancel import")).clicked()
                    && let Some(job) = &self.job
                {
                    job.cancel.store(true, Ordering::Relaxed);
                }
            }
            Stage::Done(counts) => {
                ui.label(egui::RichText::new(done_text(counts, lang)).size(theme::BODY_SIZE + 2.0));
                if ui.button(lang.pick("关闭", "Close")).clicked() {
                    self.open = false;
                }
            }
            Stage::Failed(message) => {
                ui.colored_label(theme::error_color(ui), message);
                if ui.button(lang.pick("关闭", "Close")).clicked() {
                    self.open = false;
                }
            }
            Stage::Preview => self.preview(ui, lang),
        }
    }

    fn preview(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(planned) = &mut self.planned else { return };
        let counts = planned.plan.counts();
        let mut replan = false;
        let mut forced = None;
        ui.horizontal_wrapped(|ui| {
            if planned.sheet.sheet_names.len() > 1 {
                let label = ui.label(lang.pick("工作表", "Sheet"));
                let mut chosen = planned.sheet.sheet.clone();
                egui::ComboBox::from_id_salt("import_sheet")
                    .selected_text(&chosen)
                    .show_ui(ui, |ui| {
                        for name in &planned.sheet.sheet_names {
                            ui.selectable_value(&mut chosen, name.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if chosen != planned.sheet.sheet {
                    self.sheet_name = Some(chosen);
                    replan = true;
                }
            }
            ui.label(format!(
                "{}{}，{}",
                lang.pick("导入为：", "Importing: "),
                planned.layout.kind.label(lang),
                match lang {
                    Lang::Zh => format!("表头在第 {} 行", planned.layout.header_row + 1),
                    Lang::En => format!("header on row {}", planned.layout.header_row + 1),
                }
            ));
            if planned.layout.kind == ListKind::Companies {
                ui.separator();
                let label = ui.label(lang.pick("匹配已有企业", "Match existing by"));
                let before = self.key;
                egui::ComboBox::from_id_salt("import_key")
                    .selected_text(self.key.label(lang))
                    .show_ui(ui, |ui| {
                        for key in [MatchKey::CreditCode, MatchKey::Name] {
                            ui.selectable_value(&mut self.key, key, key.label(lang));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if before != self.key {
                    forced = Some(planned.layout.clone());
                    replan = true;
                }
            }
        });
        ui.collapsing(
            lang.pick("列对应关系（可手动更正，下次相同表头自动沿用）", "Column mapping (corrections are remembered)"),
            |ui| {
                egui::Grid::new("mapping").num_columns(2).striped(true).show(ui, |ui| {
                    let kind = planned.layout.kind;
                    for (index, header) in planned.layout.headers.iter().enumerate() {
                        if header.trim().is_empty() {
                            continue;
                        }
                        let label = ui.label(format!("“{header}” →"));
                        let current = planned.layout.mapping.get(index).copied().flatten();
                        let mut chosen = current;
                        let ignore = lang.pick("（不导入）", "(ignore)");
                        egui::ComboBox::from_id_salt(("map", index))
                            .selected_text(chosen.map_or(ignore, |c| c.header(lang)))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut chosen, None, ignore);
                                for &column in kind.columns() {
                                    ui.selectable_value(&mut chosen, Some(column), column.header(lang));
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        if chosen != current {
                            let mut layout = planned.layout.clone();
                            // A column is mapped once: taking it from another header frees that one.
                            for slot in layout.mapping.iter_mut() {
                                if chosen.is_some() && *slot == chosen {
                                    *slot = None;
                                }
                            }
                            layout.mapping.resize(layout.headers.len(), None);
                            layout.mapping[index] = chosen;
                            self.mapping_to_save =
                                Some((header_signature(kind, &layout.headers), layout.mapping.clone()));
                            forced = Some(layout);
                            replan = true;
                        }
                        ui.end_row();
                    }
                });
            },
        );
        ui.horizontal(|ui| {
            ui.label(counts_text(&counts, lang));
            ui.separator();
            ui.selectable_value(&mut self.filter, RowFilter::All, lang.pick("全部行", "All rows"));
            ui.selectable_value(&mut self.filter, RowFilter::Errors, lang.pick("只看错误", "Errors only"));
            ui.selectable_value(&mut self.filter, RowFilter::Changes, lang.pick("只看新增和更新", "New and updated"));
        });
        ui.separator();
        let mut commit = false;
        let mut close = false;
        egui::Panel::bottom("import_buttons").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let writes = counts.new + counts.update;
                let text = match lang {
                    Lang::Zh => format!("导入 {writes} 行有效数据"),
                    Lang::En => format!("Import {writes} valid rows"),
                };
                if ui.add_enabled(writes > 0, egui::Button::new(text)).clicked() {
                    commit = true;
                }
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    close = true;
                }
                if counts.error > 0 {
                    ui.weak(lang.pick(
                        "有错误的行不会导入；可在 Excel 中改正后重新导入。",
                        "Rows with errors are skipped; fix them in Excel and import again.",
                    ));
                }
            });
        });
        let rows: Vec<&import::PlannedRow> = planned
            .plan
            .rows
            .iter()
            .filter(|r| match self.filter {
                RowFilter::All => true,
                RowFilter::Errors => matches!(r.outcome, Outcome::Error(_)),
                RowFilter::Changes => matches!(r.outcome, Outcome::New | Outcome::Update(_)),
            })
            .collect();
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .column(TableColumn::exact(56.0))
            .column(TableColumn::exact(64.0))
            .column(TableColumn::initial(280.0).clip(true))
            .column(TableColumn::remainder().clip(true))
            .header(theme::ROW_HEIGHT, |mut header| {
                for title in [
                    lang.pick("行号", "Row"),
                    lang.pick("结果", "Result"),
                    lang.pick("名称", "Name"),
                    lang.pick("说明", "Details"),
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, rows.len(), |mut table_row| {
                    let row = rows[table_row.index()];
                    table_row.col(|ui| {
                        ui.label(row.row.to_string());
                    });
                    table_row.col(|ui| {
                        let (text, error) = outcome_label(&row.outcome, lang);
                        if error {
                            ui.colored_label(theme::error_color(ui), text);
                        } else {
                            ui.label(text);
                        }
                    });
                    table_row.col(|ui| {
                        ui.label(&row.label);
                    });
                    table_row.col(|ui| {
                        ui.label(details(&row.outcome, lang));
                    });
                });
            });
        if replan {
            let ctx = ui.ctx().clone();
            self.replan(&ctx, forced, lang);
        } else if commit {
            let ctx = ui.ctx().clone();
            self.commit(&ctx, lang);
        } else if close {
            self.open = false;
        }
    }
}

fn outcome_label(outcome: &Outcome, lang: Lang) -> (&'static str, bool) {
    match outcome {
        Outcome::New => (lang.pick("新增", "New"), false),
        Outcome::Update(_) => (lang.pick("更新", "Update"), false),
        Outcome::Unchanged => (lang.pick("未变", "Same"), false),
        Outcome::Error(_) => (lang.pick("错误", "Error"), true),
    }
}

fn details(outcome: &Outcome, lang: Lang) -> String {
    match outcome {
        Outcome::Error(problems) => {
            problems.iter().map(|p| p.message(lang)).collect::<Vec<_>>().join(lang.pick("；", "; "))
        }
        Outcome::Update(changes) => changes
            .iter()
            .map(|c| format!("{}：{} → {}", c.column.header(lang), if c.old.is_empty() { "—" } else { &c.old }, c.new))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; ")),
        Outcome::New | Outcome::Unchanged => String::new(),
    }
}

fn counts_text(c: &OutcomeCounts, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("新增 {} · 更新 {} · 未变 {} · 错误 {}", c.new, c.update, c.unchanged, c.error),
        Lang::En => format!("New {} · update {} · same {} · errors {}", c.new, c.update, c.unchanged, c.error),
    }
}

fn done_text(c: &OutcomeCounts, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("导入完成：新增 {} 行，更新 {} 行；{} 行有错误未导入。", c.new, c.update, c.error),
        Lang::En => format!("Imported: {} new, {} updated; {} rows with errors skipped.", c.new, c.update, c.error),
    }
}

/// An export running in the background, and what it reported.
pub struct ExportJob {
    job: Job,
    pub file: PathBuf,
}

impl ExportJob {
    /// Writes the list (or its blank template when `template`) to `file` on a worker thread.
    pub fn start(
        ctx: &egui::Context,
        db: PathBuf,
        kind: ListKind,
        template: bool,
        file: PathBuf,
        lang: Lang,
    ) -> Result<Self, String> {
        let target = file.clone();
        let job = Job::spawn("qilian-export", ctx, move |sender, _| {
            let result = Store::open(&db).map_err(|e| e.message(lang)).and_then(|store| {
                if template {
                    export::export_template(&store, kind, &target, lang).map(|()| 0)
                } else {
                    export::export_list(&store, kind, &target, lang)
                }
                .map_err(|e| e.message(lang))
            });
            let _ = sender.send(JobMessage::Exported(result));
        })?;
        Ok(Self { job, file })
    }

    /// The result once the export has finished.
    pub fn poll(&self) -> Option<Result<usize, String>> {
        match self.job.receiver.try_recv() {
            Ok(JobMessage::Exported(result)) => Some(result),
            _ => None,
        }
    }
}
