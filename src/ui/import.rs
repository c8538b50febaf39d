//! The import dialog: read a sheet in the background, preview every row with its outcome and
//! reasons, let the user correct the column mapping and say how to read values nothing
//! recognised, then write the good rows in one transaction (also in the background, with
//! progress and a cancel that writes nothing). The rejected rows can then be saved as a sheet to
//! send back. The window is the app's, so every screen that imports a list opens the same one.

use super::table::{self, ColumnSpec};
use super::theme::{self, palette, size, space, text_size};
use super::widgets::dialog;
use crate::domain::fields::{Choice, Env, Kind};
use crate::excel::columns::{Column, ListKind};
use crate::excel::export::ExportTask;
use crate::excel::import::{MatchKey, Outcome, OutcomeCounts, PlannedRow};
use crate::excel::rejects;
use crate::excel::session::{self, ImportError, ImportRequest, Mode, Observer, Summary};
use crate::i18n::{Lang, Text, glossary};
use crate::jobs::{Job, JobContext, Jobs};
use crate::store::Store;
use crate::tr;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

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

/// A value nothing recognised, in one column: how many rows have it.
struct UnrecognisedValue {
    column: Column,
    value: String,
    rows: usize,
}

pub struct ImportDialog {
    request: ImportRequest,
    db: PathBuf,
    pub stage: Stage,
    preview: Option<Summary>,
    unrecognised: Vec<UnrecognisedValue>,
    /// The rejected rows of the finished import, to save for fixing.
    rejects: Option<Arc<session::Rejects>>,
    filter: RowFilter,
    reading: Option<Job<Result<Summary, ImportError>>>,
    writing: Option<Job<Result<Summary, ImportError>>>,
    /// Asked for while drawing, started after: read and plan again, write the plan.
    replan: bool,
    commit: bool,
    save_rejects: bool,
    pub open: bool,
}

/// What an import told the app when it finished, or asks of it.
pub enum ImportEvent {
    Written(OutcomeCounts),
    /// Save the rejected rows where the user chooses.
    Export(ExportTask),
}

/// Moves the progress bar of the write as rows are taken in.
struct JobProgress<'a> {
    job: &'a JobContext,
    total: usize,
}

impl Observer for JobProgress<'_> {
    fn progress(&mut self, rows: usize) {
        self.job.set_progress(rows.min(self.total), self.total.max(1));
    }
}

impl ImportDialog {
    /// Opens on `file`; reading and checking start at once in the background.
    pub fn start(file: PathBuf, db: PathBuf, kind: Option<ListKind>, lang: Lang, jobs: &mut Jobs) -> Self {
        let mut request = ImportRequest::new(file, kind, lang);
        request.keep_rejects = true;
        let mut dialog = Self {
            request,
            db,
            stage: Stage::Reading,
            preview: None,
            unrecognised: Vec::new(),
            rejects: None,
            filter: RowFilter::All,
            reading: None,
            writing: None,
            replan: true,
            commit: false,
            save_rejects: false,
            open: true,
        };
        dialog.start_jobs(jobs);
        dialog
    }

    /// The sheet as last read and checked.
    pub fn preview(&self) -> Option<&Summary> {
        self.preview.as_ref()
    }

    pub fn is_busy(&self) -> bool {
        self.reading.is_some() || self.writing.is_some()
    }

    fn start_jobs(&mut self, jobs: &mut Jobs) {
        if std::mem::take(&mut self.replan) {
            let (db, request) = (self.db.clone(), self.request.clone());
            // Taught once: what the user said is saved by this read and read back by the next.
            self.request.remember_layout = false;
            self.request.new_values.clear();
            self.stage = Stage::Reading;
            let label = Text::new("正在读取和检查表格", "Reading and checking the sheet");
            let work = move |job: &JobContext| session::preview(&db, &request, job.cancel_flag());
            match jobs.spawn("qilian-import-read", label, true, work) {
                Ok(job) => self.reading = Some(job),
                Err(e) => self.stage = Stage::Failed(e.into()),
            }
        }
        if std::mem::take(&mut self.commit)
            && let Some(preview) = &self.preview
        {
            // The write plans again under the database's write lock, exactly as previewed.
            let mut request = self.request.clone();
            request.layout = Some(preview.layout.clone());
            request.sheet = Some(preview.info.sheet.clone());
            request.previewed = Some(preview.stamp);
            let (db, total) = (self.db.clone(), preview.rows.len());
            self.stage = Stage::Writing(0.0);
            let label = Text::new("正在导入", "Importing");
            let work = move |job: &JobContext| {
                let mut store = Store::open(&db)?;
                let mut progress = JobProgress { job, total };
                session::run(&mut store, &request, Mode::Write { strict: false }, job.cancel_flag(), &mut progress)
            };
            match jobs.spawn("qilian-import-write", label, true, work) {
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
                    self.request.sheet = Some(preview.info.sheet.clone());
                    self.request.layout = Some(preview.layout.clone());
                    self.unrecognised = unrecognised_values(&preview.rows);
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
                        Ok(summary) => {
                            self.stage = Stage::Done(summary.counts);
                            self.rejects = Some(Arc::new(summary.rejects));
                            return Some(ImportEvent::Written(summary.counts));
                        }
                        Err(e) => self.stage = Stage::Failed(e),
                    }
                }
            }
        }
        if std::mem::take(&mut self.save_rejects)
            && let Some(rejects) = &self.rejects
        {
            return Some(ImportEvent::Export(self.rejects_task(rejects.clone())));
        }
        None
    }

    /// Saving the rejected rows, named after the sheet they came from.
    fn rejects_task(&self, rows: Arc<session::Rejects>) -> ExportTask {
        let stem = self.request.file.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let file_name = Text::new(format!("{stem}-被拒绝的行.xlsx"), format!("{stem}-rejected rows.xlsx"));
        let write =
            move |path: &std::path::Path, lang: Lang| rejects::write(path, &rows, lang).map(|()| rows.rows.len());
        ExportTask { what: Text::new("被拒绝的行", "rejected rows"), file_name, write: Box::new(write) }
    }

    /// Closing the window while reading or writing cancels it; nothing is then written.
    pub fn close(&mut self) {
        if let Some(job) = &self.writing {
            job.cancel();
        }
        if let Some(job) = &self.reading {
            job.cancel();
        }
        self.open = false;
    }

    /// Draws the dialog; `env` gives the choices a value can be mapped to.
    pub fn ui(&mut self, ctx: &egui::Context, env: &Env) {
        let lang = env.lang;
        let mut open = self.open;
        let room = ctx.content_rect().shrink(size::DIALOG_MARGIN).size();
        dialog(lang.pick("导入 Excel", "Import from Excel"), ctx)
            .open(&mut open)
            .default_size([room.x.min(1000.0), room.y.min(680.0)])
            .show(ctx, |ui| self.contents(ui, env));
        if !open {
            self.close();
        }
    }

    fn contents(&mut self, ui: &mut egui::Ui, env: &Env) {
        let lang = env.lang;
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
                ui.horizontal_wrapped(|ui| {
                    if counts.error > 0 {
                        let text = lang.pick("保存被拒绝的行…", "Save rejected rows…");
                        if ui.button(text).clicked() {
                            self.save_rejects = true;
                        }
                        ui.weak(lang.pick(
                            "另存为表格，附“原因”一列，可发回企业改正后再导入。",
                            "A sheet with a Reason column, to send back for fixing and import again.",
                        ));
                    }
                    if ui.button(glossary::CLOSE.get(lang)).clicked() {
                        self.open = false;
                    }
                });
            }
            Stage::Failed(error) => {
                ui.colored_label(theme::error_color(ui), error.message(lang));
                if ui.button(glossary::CLOSE.get(lang)).clicked() {
                    self.open = false;
                }
            }
            Stage::Preview => self.preview_ui(ui, env),
        }
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui, env: &Env) {
        let lang = env.lang;
        let Some(preview) = &self.preview else { return };
        let counts = preview.counts;
        let layout = &preview.layout;
        let mut corrected = None;
        let mut sheet = None;
        let mut key = self.request.key;
        let mut meaning = None;
        ui.horizontal_wrapped(|ui| {
            if preview.info.sheet_names.len() > 1 {
                let label = ui.label(lang.pick("工作表", "Sheet"));
                let mut chosen = preview.info.sheet.clone();
                egui::ComboBox::from_id_salt("import_sheet")
                    .selected_text(&chosen)
                    .show_ui(ui, |ui| {
                        for name in &preview.info.sheet_names {
                            ui.selectable_value(&mut chosen, name.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if chosen != preview.info.sheet {
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
        if !self.unrecognised.is_empty() {
            let title = tr!(
                lang,
                "无法识别的值（{} 个）：这些行照常导入，该项留空；指定含义后自动沿用",
                "Values not recognised ({}): those rows are imported without them; say what they mean and it is remembered",
                self.unrecognised.len()
            );
            ui.collapsing(title, |ui| {
                egui::ScrollArea::vertical().id_salt("values").max_height(ui.ctx().content_rect().height() * 0.2).show(
                    ui,
                    |ui| {
                        egui::Grid::new("values").num_columns(2).striped(true).show(ui, |ui| {
                            for (i, value) in self.unrecognised.iter().enumerate() {
                                if let Some(choice) = value_choice(ui, i, value, env) {
                                    meaning = Some((value.column.key.to_string(), value.value.clone(), choice));
                                }
                                ui.end_row();
                            }
                        });
                    },
                );
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(counts_job(&counts, ui, lang));
            ui.separator();
            ui.selectable_value(&mut self.filter, RowFilter::All, lang.pick("全部行", "All rows"));
            ui.selectable_value(&mut self.filter, RowFilter::Errors, lang.pick("只看错误", "Errors only"));
            ui.selectable_value(&mut self.filter, RowFilter::Changes, lang.pick("只看新增和更新", "New and updated"));
        });
        ui.separator();
        let rows: Vec<&PlannedRow> = preview
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
                    table_row.col(|ui| table::cell(ui, details(row, lang), false));
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
            self.replan = true;
        }
        if let Some(sheet) = sheet {
            self.request.sheet = Some(sheet);
            self.request.layout = None;
            self.replan = true;
        }
        if let Some(layout) = corrected {
            self.request.layout = Some(layout);
            self.request.remember_layout = true;
            self.replan = true;
        }
        if let Some((key, value, meaning)) = meaning {
            self.request.new_values.insert((key, value), meaning);
            self.replan = true;
        }
    }
}

/// The distinct values nothing recognised, by column, with how many rows have each.
fn unrecognised_values(rows: &[PlannedRow]) -> Vec<UnrecognisedValue> {
    let mut counts: BTreeMap<(&str, &str), (Column, usize)> = BTreeMap::new();
    for warning in rows.iter().flat_map(|r| &r.warnings) {
        counts.entry((warning.column.key, &warning.value)).or_insert((warning.column, 0)).1 += 1;
    }
    counts
        .into_iter()
        .map(|((_, value), (column, rows))| UnrecognisedValue { column, value: value.to_string(), rows })
        .collect()
}

/// One unrecognised value and a drop-down of what it could mean; the meaning picked, if any.
fn value_choice(ui: &mut egui::Ui, index: usize, value: &UnrecognisedValue, env: &Env) -> Option<String> {
    let lang = env.lang;
    let (label, text, rows) = (value.column.label.get(lang), &value.value, value.rows);
    let label = ui.label(tr!(lang, "{label}“{text}”（{rows} 行）→", "{label} “{text}” ({rows} rows) →"));
    let choices: Vec<Choice> = match value.column.kind {
        Kind::Choice(list) | Kind::Suggest(list) => list(env),
        _ => Vec::new(),
    };
    let mut picked = None;
    egui::ComboBox::from_id_salt(("value", index))
        .selected_text(lang.pick("（留空）", "(leave empty)"))
        // Tall enough for a park's zones or the ownership kinds to show whole.
        .height(ui.ctx().content_rect().height() * 0.6)
        .show_ui(ui, |ui| {
            for choice in &choices {
                let shown =
                    if choice.text.is_empty() { lang.pick("（留空）", "(leave empty)") } else { &choice.label };
                if ui.selectable_label(false, shown).clicked() {
                    picked = Some(choice.text.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
    picked
}

fn details(row: &PlannedRow, lang: Lang) -> String {
    let separator = lang.pick("；", "; ");
    match &row.outcome {
        Outcome::Update(changes) => {
            let changes = changes.iter().map(|c| {
                let old = if c.old.is_empty() { "—" } else { &c.old };
                format!("{}{}{old} → {}", c.column.label.get(lang), lang.colon(), c.new)
            });
            changes.chain(row.warnings.iter().map(|w| w.message(lang))).collect::<Vec<_>>().join(separator)
        }
        Outcome::Error(_) | Outcome::New | Outcome::Unchanged => row.reasons(lang),
    }
}

/// "新增 1 · 更新 1 · 未变 0 · 错误 1", each count in its outcome's colour, as one label.
fn counts_job(c: &OutcomeCounts, ui: &egui::Ui, lang: Lang) -> egui::text::LayoutJob {
    let p = palette(ui);
    let mut parts = vec![
        (tr!(lang, "新增 {}", "New {}", c.new), p.success),
        (tr!(lang, "更新 {}", "update {}", c.update), p.info),
        (tr!(lang, "未变 {}", "same {}", c.unchanged), ui.visuals().text_color()),
        (tr!(lang, "错误 {}", "errors {}", c.error), p.error),
    ];
    if c.warned > 0 {
        parts.push((tr!(lang, "有未识别的值 {}", "values left out {}", c.warned), p.warning));
    }
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
