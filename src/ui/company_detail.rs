//! The detail panel: one company's fields, its products, needs and contacts, edited in place and
//! saved as typed (see `members::editor`). It draws and returns what the user did; the members
//! screen carries that out after drawing.

use super::form;
use super::theme::{self, space};
use super::widgets::ClickGuard;
use crate::domain::RowKind;
use crate::domain::fields::{Env, FieldTable};
use crate::i18n::{Phrase, Text, glossary};
use crate::members::editor::{CompanyEditor, DeletedRow, RowList};
use crate::store::ChildRecord;
use crate::tr;

/// What the user did in the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorAction {
    SaveCompany,
    SaveRow(RowKind, usize),
    AddRow(RowKind),
    DeleteRow(RowKind, usize),
    DeleteCompany,
    RestoreCompany,
    RestoreRow(RowKind, i64),
    /// Open 供需对接 on what this company could sell and buy.
    ShowOpportunities,
    /// Clear what hides the company from the list beside.
    Reveal,
    /// Show this month's visit on the visits screen.
    OpenVisit {
        year: i32,
        month: u32,
    },
    /// Whether the company can host a visit in this month.
    SetUnavailable {
        month: u32,
        blocked: bool,
    },
}

fn list_title(kind: RowKind) -> (Phrase, Phrase) {
    match kind {
        RowKind::Product => (Phrase::new("生产的产品", "Products made"), Phrase::new("添加产品", "Add product")),
        RowKind::Need => {
            (Phrase::new("采购的零部件和材料", "Parts and materials bought"), Phrase::new("添加采购需求", "Add need"))
        }
        RowKind::Contact => (Phrase::new("其他联系人", "Other contacts"), Phrase::new("添加联系人", "Add contact")),
    }
}

/// Draws the editor; `in_list` says whether the company shows in the list beside it.
pub fn editor_ui(
    ui: &mut egui::Ui,
    editor: &mut CompanyEditor,
    env: &Env,
    in_list: bool,
    delete_guard: &ClickGuard,
) -> Vec<EditorAction> {
    let lang = env.lang;
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        if editor.deleted {
            ui.colored_label(
                theme::error_color(ui),
                lang.pick("此企业在回收站中", "This company is in the recycle bin"),
            );
            if ui.button(lang.pick("恢复企业", "Restore company")).clicked() {
                actions.push(EditorAction::RestoreCompany);
            }
        } else {
            ui.weak(lang.pick("修改即时保存", "Changes are saved as you type"));
            if ui.button(lang.pick("供需对接机会", "Supplier opportunities")).clicked() {
                actions.push(EditorAction::ShowOpportunities);
            }
            if ui.button(lang.pick("删除企业", "Delete company")).clicked() {
                actions.push(EditorAction::DeleteCompany);
            }
        }
    });
    if !in_list {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                theme::palette(ui).warning,
                lang.pick("此企业不在左侧列表的筛选结果中。", "This company is not in the filtered list."),
            );
            if ui.button(lang.pick("在列表中显示", "Show it in the list")).clicked() {
                actions.push(EditorAction::Reveal);
            }
        });
    }
    ui.separator();
    // Each company starts at the top of its own scroll position.
    egui::ScrollArea::vertical().id_salt(("company_detail", editor.id())).auto_shrink([false, false]).show(ui, |ui| {
        ui.add_enabled_ui(!editor.deleted, |ui| {
            if form::field_grid(ui, "company_fields", &mut editor.draft, &editor.errors, env) {
                actions.push(EditorAction::SaveCompany);
            }
            ui.add_space(space::L);
            let deleted = &editor.deleted_rows;
            rows_ui(ui, RowKind::Product, &mut editor.products, deleted, env, delete_guard, &mut actions);
            rows_ui(ui, RowKind::Need, &mut editor.needs, deleted, env, delete_guard, &mut actions);
            rows_ui(ui, RowKind::Contact, &mut editor.contacts, deleted, env, delete_guard, &mut actions);
            visits_ui(ui, editor, env, &mut actions);
        });
    });
    actions
}

/// The company's part in the monthly visits, each visit a link to it, and the months it cannot
/// host (the rotation keeps them free).
fn visits_ui(ui: &mut egui::Ui, editor: &CompanyEditor, env: &Env, actions: &mut Vec<EditorAction>) {
    let lang = env.lang;
    let visits = &editor.visits;
    ui.strong(lang.pick("每月互访", "Monthly visits"));
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!(lang, "承办（{}）：", "Hosted ({}): ", visits.hosted.len()));
        if visits.hosted.is_empty() {
            ui.weak(glossary::NONE.get(lang));
        }
        for &(year, month) in &visits.hosted {
            if ui.link(tr!(lang, "{year} 年 {month} 月", "{year}-{month:02}")).clicked() {
                actions.push(EditorAction::OpenVisit { year, month });
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!(lang, "参加（{}）：", "Attended ({}): ", visits.attended.len()));
        if visits.attended.is_empty() {
            ui.weak(glossary::NONE.get(lang));
        }
        for &(year, month, _) in &visits.attended {
            if ui.link(tr!(lang, "{year} 年 {month} 月", "{year}-{month:02}")).clicked() {
                actions.push(EditorAction::OpenVisit { year, month });
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.pick("不能承办的月份：", "Cannot host in: "));
        for month in 1..=12u32 {
            let mut blocked = visits.unavailable.contains(&month);
            if ui.checkbox(&mut blocked, tr!(lang, "{month}月", "{month}")).changed() {
                actions.push(EditorAction::SetUnavailable { month, blocked });
            }
        }
    });
}

/// A titled list of editable rows with its add button and the rows of its recycle bin.
fn rows_ui<R: FieldTable + ChildRecord>(
    ui: &mut egui::Ui,
    kind: RowKind,
    list: &mut RowList<R>,
    deleted: &[DeletedRow],
    env: &Env,
    delete_guard: &ClickGuard,
    actions: &mut Vec<EditorAction>,
) {
    let lang = env.lang;
    let (title, add) = list_title(kind);
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr!(lang, "{}（{}）", "{} ({})", title.get(lang), list.rows.len()));
        if ui.button(add.get(lang)).clicked() {
            actions.push(EditorAction::AddRow(kind));
        }
        // Deleted rows of this list stay restorable here after the undo notice is gone.
        let deleted: Vec<&DeletedRow> = deleted.iter().filter(|d| d.kind == kind).collect();
        if !deleted.is_empty() {
            ui.menu_button(tr!(lang, "已删除（{}）", "Deleted ({})", deleted.len()), |ui| {
                for row in deleted {
                    if ui.button(tr!(lang, "恢复“{}”", "Restore “{}”", row.label)).clicked() {
                        actions.push(EditorAction::RestoreRow(kind, row.id));
                    }
                }
            });
        }
    });
    let guarded = delete_guard.armed(ui);
    for (index, row) in list.rows.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if form::field_pairs(ui, (kind.code(), index), &mut row.draft, env) {
                actions.push(EditorAction::SaveRow(kind, index));
            }
            ui.horizontal_wrapped(|ui| {
                for error in &row.errors {
                    ui.colored_label(theme::error_color(ui), error.message(lang));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let delete = egui::Button::new(glossary::DELETE.get(lang)).small();
                    if ui.add_enabled(!guarded, delete).clicked() {
                        actions.push(EditorAction::DeleteRow(kind, index));
                    }
                });
            });
        });
    }
    ui.add_space(space::M);
}

/// The notice for a deleted row, naming it: "已删除产品“不锈钢螺丝”".
pub fn deleted_row_text(kind: RowKind, label: &str) -> Text {
    Text::from_fn(|lang| tr!(lang, "已删除{}“{label}”", "Deleted {} “{label}”", kind.label(lang)))
}
