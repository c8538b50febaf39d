//! An event's entries in their running order, a new one typed, and the draw (抽签) with its
//! seed, which anyone can check by drawing again from it.

use super::{Action, ContestsScreen};
use crate::contests::draw::draw;
use crate::contests::service::EventBoard;
use crate::contests::sheets::{EntriesPlan, RowOutcome, read_entries};
use crate::domain::CompanyId;
use crate::domain::contest::Entry;
use crate::domain::contest::Event;
use crate::domain::text::parse_number;
use crate::i18n::Text;
use crate::jobs::Jobs;
use crate::tr;
use crate::ui::file_read::{FileRead, preview_dialog};
use crate::ui::screen::Ctx;
use crate::ui::table::{self, ColumnSpec};
use crate::ui::theme::{palette, size};
use crate::ui::widgets::{PickerText, company_picker, display_name};
use std::path::PathBuf;

/// An entry being typed.
#[derive(Debug, Clone, Default)]
pub(super) struct EntryDraft {
    pub company: Option<CompanyId>,
    pub contestant: String,
    pub employee_no: String,
    /// 工种, when it is not the event's own name (blank: the event's).
    pub trade: String,
    pub time: String,
}

impl ContestsScreen {
    pub(super) fn entries(&mut self, ui: &mut egui::Ui, ctx: &Ctx, board: &EventBoard) {
        let lang = ctx.lang;
        let p = palette(ui);
        ui.horizontal_wrapped(|ui| {
            if ui.button(lang.pick("从 Excel 导入报名表…", "Import an entry form…")).clicked() {
                self.actions.push(Action::ChooseEntries);
            }
            if ui.button(lang.pick("抽签排定出场顺序", "Draw the running order")).clicked() {
                self.actions.push(Action::Draw);
            }
            if let Some(seed) = board.seed {
                let ids: Vec<i64> = board.entries.iter().map(|e| e.id).collect();
                let drawn: Vec<i64> = board.entries.iter().filter(|e| e.order.is_some()).map(|e| e.id).collect();
                // Drawn again from the seed, the order must come out the same.
                let same = draw(&ids, seed) == drawn;
                let text = if same {
                    tr!(lang, "抽签种子 {seed}：按此种子重抽，顺序一致", "Seed {seed}: drawn again, the same order")
                } else {
                    tr!(
                        lang,
                        "抽签种子 {seed}：选手已有变动，请重新抽签",
                        "Seed {seed}: entries changed since; draw again"
                    )
                };
                ui.colored_label(if same { p.success } else { p.warning }, text);
            }
        });
        // A new entry.
        let draft = &mut self.entry_draft;
        ui.horizontal_wrapped(|ui| {
            let text = PickerText { label: lang.pick("单位", "Company"), none: lang.pick("（未选）", "(none)") };
            company_picker(ui, "entry_company", text, &mut draft.company, ctx.catalog, lang, false);
            for (label, value, width) in [
                (lang.pick("选手", "Contestant"), &mut draft.contestant, 90.0),
                (lang.pick("工号", "Employee no."), &mut draft.employee_no, 90.0),
                (lang.pick("工种", "Trade"), &mut draft.trade, 90.0),
                (lang.pick("用时（秒）", "Time (s)"), &mut draft.time, 70.0),
            ] {
                let label = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).desired_width(width)).labelled_by(label.id);
            }
            let time = parse_number(&draft.time);
            let ready = draft.company.is_some() && !draft.contestant.trim().is_empty() && time.is_ok();
            if ui.add_enabled(ready, egui::Button::new(lang.pick("添加选手", "Add"))).clicked()
                && let (Some(company), Ok(time)) = (draft.company, time)
            {
                self.actions.push(Action::SaveEntry(Entry {
                    event_id: board.event.id,
                    company,
                    contestant: draft.contestant.trim().to_string(),
                    employee_no: draft.employee_no.trim().to_string(),
                    trade: match draft.trade.trim() {
                        "" => board.event.name.clone(),
                        trade => trade.to_string(),
                    },
                    time_seconds: time,
                    ..Entry::default()
                }));
                *draft = EntryDraft { company: draft.company, ..EntryDraft::default() };
            }
        });
        let specs = [
            ColumnSpec::key(lang.pick("顺序", "Order"), 48.0, 44.0),
            ColumnSpec::key(lang.pick("选手", "Contestant"), 90.0, 80.0),
            ColumnSpec::optional(lang.pick("工号", "No."), 90.0, 70.0, 2),
            ColumnSpec::key(lang.pick("单位", "Company"), 150.0, 110.0),
            ColumnSpec::optional(lang.pick("工种", "Trade"), 80.0, 60.0, 3),
            ColumnSpec::optional(lang.pick("用时", "Time"), 70.0, 60.0, 1).numeric(),
            ColumnSpec::key("", 56.0, 56.0),
        ];
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let mut delete = None;
        table::builder(ui, "contest_entries", &fitted)
            .header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &specs, &fitted))
            .body(|body| {
                body.rows(size::ROW_HEIGHT, board.entries.len(), |mut row| {
                    let e = &board.entries[row.index()];
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, e.order.map_or("—".into(), |o| o.to_string()), false),
                            1 => table::cell(ui, &e.contestant, false),
                            2 => table::cell(ui, &e.employee_no, false),
                            3 => table::cell(
                                ui,
                                ctx.catalog.entry(e.company).map_or("", |c| display_name(&c.company)),
                                false,
                            ),
                            4 => table::cell(ui, &e.trade, false),
                            5 => table::cell(ui, e.time_seconds.map_or(String::new(), |t| format!("{t:.0}")), true),
                            _ => {
                                if ui.small_button(lang.pick("删除", "Delete")).clicked() {
                                    delete = Some(e.id);
                                }
                            }
                        });
                    }
                });
            });
        if let Some(id) = delete {
            self.actions.push(Action::DeleteEntry(id));
        }
    }
}

/// An entry form read in the background, then previewed: every row's outcome; written whole or
/// not at all.
pub(super) struct EntryForm {
    pub read: FileRead<EntriesPlan>,
}

impl EntryForm {
    pub fn start(db: PathBuf, file: PathBuf, event: Event, jobs: &mut Jobs) -> Self {
        let label = Text::new("读取报名表", "Reading the entry form");
        let work =
            move |path: &std::path::Path| read_entries(&db, path, &event).map_err(|e| Text::from_fn(|l| e.message(l)));
        Self { read: FileRead::start(file, "qilian-entry-form", label, jobs, work) }
    }

    /// The preview; `Some(true)` to write, `Some(false)` to close.
    pub fn ui(&self, ctx: &egui::Context, view: &Ctx) -> Option<bool> {
        let lang = view.lang;
        let title = tr!(lang, "导入报名表：{}", "Import the entry form: {}", self.read.file_name());
        preview_dialog(ctx, &title, &self.read, lang, EntriesPlan::writes, |ui, plan| {
            let p = palette(ui);
            let (new, errors) = (plan.new_entries().len(), plan.errors());
            let entered = plan.rows.iter().filter(|r| r.outcome == RowOutcome::Entered).count();
            ui.strong(tr!(
                lang,
                "表头在第 {} 行 · 新选手 {new} 名 · 已报名 {entered} 名 · 有问题 {errors} 行",
                "Header in row {} · {new} new · {entered} already entered · {errors} rows with problems",
                plan.header_row
            ));
            if errors > 0 {
                ui.colored_label(
                    p.error,
                    lang.pick(
                        "报名表须整表导入：请改正下列各行后再导入。",
                        "An entry form goes in whole: correct the rows below, then import it.",
                    ),
                );
            }
            egui::ScrollArea::vertical().max_height(size::ROW_HEIGHT * 12.0).show(ui, |ui| {
                egui::Grid::new("entry_rows").striped(true).show(ui, |ui| {
                    for row in &plan.rows {
                        ui.label(row.row.to_string());
                        ui.label(&row.contestant);
                        match &row.outcome {
                            RowOutcome::New(e) => {
                                let company = view.catalog.entry(e.company).map_or("", |c| display_name(&c.company));
                                ui.colored_label(p.success, tr!(lang, "新增 · {company}", "New · {company}"));
                            }
                            RowOutcome::Entered => {
                                ui.weak(lang.pick("已报名", "Already entered"));
                            }
                            RowOutcome::Error(problem) => {
                                ui.colored_label(p.error, problem.message(lang));
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        })
    }
}
