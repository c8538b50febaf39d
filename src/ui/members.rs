//! 成员企业: the list of all member companies with search, filters and sorting (`members::list`),
//! and the detail panel of the one selected (`members::editor`, drawn by `company_detail`).

use super::command::{AppCommand, UiCommand, register_search_field};
use super::company_detail::{EditorAction, deleted_row_text, editor_ui};
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::table::{self, ColumnSpec};
use super::theme::{palette, size, space};
use super::widgets::{self, ClickGuard, PanelEvent, detail_panel, filter_combo};
use super::zones::ZonesDialog;
use crate::catalog::{Catalog, Change};
use crate::domain::records::stars_label;
use crate::domain::{CompanyId, MemberStatus};
use crate::excel::columns::ListKind;
use crate::excel::export::ExportTask;
use crate::i18n::{Lang, Phrase, Text, format, glossary};
use crate::members::editor::CompanyEditor;
use crate::members::list::{MemberList, SortColumn};
use crate::members::zones::ZoneAction;
use crate::store::StoreError;
use crate::undo::Undo;
use crate::{text, tr};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Select(CompanyId),
    Sort(SortColumn),
    Refilter,
    Editor(EditorAction),
    Create(String),
    Zone(ZoneAction),
    OpenZones,
    CloseDetail,
    Export(ListKind, bool),
}

struct NewCompany {
    name: String,
    /// The name field takes the keyboard when the dialog opens, not every frame after.
    focused: bool,
}

#[derive(Default)]
pub struct MembersScreen {
    pub list: MemberList,
    pub editor: Option<CompanyEditor>,
    detail_expanded: bool,
    new_company: Option<NewCompany>,
    zones_dialog: Option<ZonesDialog>,
    actions: Vec<Action>,
    focus_search: bool,
    /// A company to bring into view in the list once the catalog has it.
    scroll_to: Option<CompanyId>,
    delete_guard: ClickGuard,
}

/// The list's columns: what each shows, and the sort it offers.
fn columns(lang: Lang) -> [(ColumnSpec, Option<SortColumn>); 9] {
    use ColumnSpec as C;
    [
        (C::key(lang.pick("企业名称", "Name"), 250.0, 140.0), Some(SortColumn::Name)),
        (C::optional(lang.pick("简称", "Short name"), 96.0, 70.0, 4), None),
        (C::key(glossary::ZONE.get(lang), 80.0, 64.0), Some(SortColumn::Zone)),
        (C::optional(glossary::INDUSTRY.get(lang), 92.0, 64.0, 1), Some(SortColumn::Industry)),
        (C::optional(lang.pick("职工", "Staff"), 58.0, 48.0, 2).numeric(), Some(SortColumn::Employees)),
        (C::optional(glossary::STARS.get(lang), 76.0, 60.0, 3), Some(SortColumn::Stars)),
        (C::key(glossary::STATUS.get(lang), 60.0, 52.0), Some(SortColumn::Status)),
        (C::optional(lang.pick("入会", "Joined"), 80.0, 70.0, 5), Some(SortColumn::JoinDate)),
        (C::optional(lang.pick("联系人 / 电话", "Contact / phone"), 170.0, 120.0, 6), None),
    ]
}

/// The Excel menu's three groups: import, export and blank template, each for every list.
const EXCEL_GROUPS: [(Phrase, Option<bool>); 3] = [
    (Phrase::new("导入{}…", "Import {}…"), None),
    (Phrase::new("导出{}…", "Export {}…"), Some(false)),
    (Phrase::new("导出{}空白模板…", "Blank {} template…"), Some(true)),
];

impl MembersScreen {
    pub fn selected(&self) -> Option<CompanyId> {
        self.editor.as_ref().map(CompanyEditor::id)
    }

    /// The companies on screen, in order (for tests).
    pub fn visible_names<'a>(&self, catalog: &'a Catalog) -> Vec<&'a str> {
        self.list.visible().iter().map(|&i| catalog.entries()[i].company.name.as_str()).collect()
    }

    /// Sets the search text as if typed (for benchmarks and tests).
    pub fn set_search(&mut self, query: &str, catalog: &Catalog) {
        self.list.search = query.to_string();
        self.list.refilter(catalog);
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        ui.horizontal_wrapped(|ui| {
            ui.horizontal(|ui| {
                let label = ui.label(glossary::SEARCH.get(lang));
                let search =
                    ui.add(
                        egui::TextEdit::singleline(&mut self.list.search)
                            .hint_text(lang.pick(
                                "名称、简称或拼音首字母，如 dsgs",
                                "Name, short name or pinyin initials, e.g. dsgs",
                            ))
                            .desired_width(size::SEARCH_WIDTH),
                    );
                register_search_field(ui.ctx(), search.id);
                if std::mem::take(&mut self.focus_search) {
                    search.request_focus();
                }
                if search.labelled_by(label.id).changed() {
                    self.actions.push(Action::Refilter);
                }
            });
            let f = &mut self.list.filters;
            let mut changed =
                widgets::zone_and_industry_filters(ui, "filter", ctx.catalog, &mut f.zone, &mut f.industry, lang);
            let statuses: Vec<_> = MemberStatus::ALL.iter().map(|s| (*s, s.label(lang).to_string())).collect();
            changed |= filter_combo(ui, "filter_status", glossary::STATUS.get(lang), &mut f.status, &statuses, lang);
            let stars: Vec<_> = (0..=5).rev().map(|s| (s, stars_label(s, lang))).collect();
            changed |= filter_combo(ui, "filter_stars", glossary::STARS.get(lang), &mut f.stars, &stars, lang);
            changed |= ui.checkbox(&mut f.deleted, glossary::RECYCLE_BIN.get(lang)).changed();
            if changed {
                self.actions.push(Action::Refilter);
            }
            ui.separator();
            if ui.button(lang.pick("＋ 新建企业", "+ New company")).clicked() {
                self.new_company = Some(NewCompany { name: String::new(), focused: false });
            }
            if ui.button(lang.pick("片区管理", "Zones")).clicked() {
                self.actions.push(Action::OpenZones);
            }
            ui.menu_button(lang.pick("Excel 导入/导出", "Excel import/export"), |ui| {
                for (group, (phrase, export)) in EXCEL_GROUPS.iter().enumerate() {
                    if group > 0 {
                        ui.separator();
                    }
                    for kind in ListKind::ALL {
                        // Lower case changes only the English name.
                        let name = kind.label(lang).to_lowercase();
                        if ui.button(phrase.get(lang).replace("{}", &name)).clicked() {
                            match export {
                                None => ctx.send(AppCommand::Import(Some(kind))),
                                Some(template) => self.actions.push(Action::Export(kind, *template)),
                            }
                        }
                    }
                }
            });
        });
    }

    fn table(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let catalog = ctx.catalog;
        let visible = self.list.visible();
        if visible.is_empty() {
            ui.add_space(space::XXL);
            ui.vertical_centered(|ui| {
                ui.label(if catalog.entries().is_empty() {
                    lang.pick(
                        "还没有成员企业。点“新建企业”添加第一家。",
                        "No member companies yet. Use “New company” to add one.",
                    )
                } else if self.list.filters.deleted {
                    lang.pick("回收站是空的。", "The recycle bin is empty.")
                } else {
                    lang.pick("没有符合条件的企业。", "No company matches.")
                });
            });
            return;
        }
        let columns = columns(lang);
        let specs = columns.clone().map(|(c, _)| c);
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let (sorted_by, ascending) = self.list.sort();
        let selected = self.selected();
        let scroll_row = self.scroll_to.and_then(|id| self.list.row_of(id, catalog));
        if scroll_row.is_some() {
            self.scroll_to = None;
        }
        let mut clicked_row = None;
        let mut clicked_sort = None;
        let p = palette(ui);
        let mut builder = table::builder(ui, "members", &fitted);
        if let Some(row) = scroll_row {
            builder = builder.scroll_to_row(row, Some(egui::Align::Center));
        }
        builder
            .header(table::HEADER_HEIGHT, |mut header| {
                for &(i, _) in &fitted {
                    let (spec, sort) = &columns[i];
                    header.col(|ui| {
                        let sorted = (*sort == Some(sorted_by)).then_some(ascending);
                        if table::header(ui, spec, sort.is_some(), sorted) {
                            clicked_sort = *sort;
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(size::ROW_HEIGHT, visible.len(), |mut row| {
                    let c = &catalog.entries()[visible[row.index()]].company;
                    row.set_selected(selected == Some(c.id));
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, &c.name, false),
                            1 => table::cell(ui, &c.short_name, false),
                            2 => table::cell(ui, catalog.zone_name(c.zone_id), false),
                            3 => table::cell(ui, &c.industry, false),
                            4 => table::cell(ui, format::count(c.employees as usize), true),
                            5 => table::cell(
                                ui,
                                if c.stars > 0 { "★".repeat(c.stars as usize) } else { String::new() },
                                false,
                            ),
                            6 => table::cell(
                                ui,
                                egui::RichText::new(c.status.label(lang)).color(p.status(c.status)),
                                false,
                            ),
                            7 => table::cell(ui, c.join_date.map(format::month).unwrap_or_default(), false),
                            _ => table::cell(ui, format!("{} {}", c.contact_person, c.phone), false),
                        });
                    }
                    if row.response().clicked() {
                        clicked_row = Some(c.id);
                    }
                });
            });
        if let Some(id) = clicked_row {
            self.actions.push(Action::Select(id));
        }
        if let Some(column) = clicked_sort {
            self.actions.push(Action::Sort(column));
        }
    }

    fn new_company_dialog(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(dialog) = &mut self.new_company else { return };
        let mut close = false;
        let mut create = None;
        let modal = egui::Modal::new(ui.scope_id().with("new_company")).show(ui.ctx(), |ui| {
            ui.set_width(size::START_BUTTON[0]);
            ui.heading(lang.pick("新建企业", "New company"));
            let label = ui.label(lang.pick("企业名称", "Company name"));
            let edit =
                ui.add(egui::TextEdit::singleline(&mut dialog.name).desired_width(f32::INFINITY)).labelled_by(label.id);
            if !std::mem::replace(&mut dialog.focused, true) {
                edit.request_focus();
            }
            let blank = dialog.name.trim().is_empty();
            if blank {
                ui.weak(
                    lang.pick(
                        "必填，其他信息创建后在右侧填写",
                        "Required; fill in the rest on the right after creating",
                    ),
                );
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(!blank, egui::Button::new(lang.pick("创建", "Create"))).clicked() {
                    create = Some(dialog.name.clone());
                }
                if ui.button(glossary::CANCEL.get(lang)).clicked() {
                    close = true;
                }
            });
        });
        if modal.should_close() {
            close = true;
        }
        if let Some(name) = create {
            self.actions.push(Action::Create(name));
            close = true;
        }
        if close {
            self.new_company = None;
        }
    }

    /// Opens a company in the detail panel. What could not be saved in the one before is said,
    /// not silently dropped.
    fn select(&mut self, id: CompanyId, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        self.warn_unsaved(ctx, Some(id));
        let deleted = ctx.catalog.entry(id).is_some_and(|e| e.deleted);
        let env = ctx.env();
        self.editor = Some(CompanyEditor::load(ctx.store, id, deleted, &env)?);
        self.detail_expanded = true;
        Ok(())
    }

    fn warn_unsaved(&self, ctx: &mut Ctx, next: Option<CompanyId>) {
        let Some(editor) = self.editor.as_ref().filter(|e| Some(e.id()) != next) else { return };
        let (zh, en) = (editor.unsaved_fields(Lang::Zh), editor.unsaved_fields(Lang::En));
        if !zh.is_empty() {
            ctx.notify(Notification::warning(Text::new(
                format!("上一家企业有未保存的无效内容已放弃：{}", zh.join("、")),
                format!("Invalid entries of the previous company were not saved: {}", en.join(", ")),
            )));
        }
    }

    fn move_selection(&mut self, step: isize, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        let visible = self.list.visible();
        let current = self.selected().and_then(|id| self.list.row_of(id, ctx.catalog));
        let next = match current {
            Some(row) => row.saturating_add_signed(step).min(visible.len().saturating_sub(1)),
            None => 0,
        };
        let Some(&position) = visible.get(next) else { return Ok(()) };
        let id = ctx.catalog.entries()[position].company.id;
        self.scroll_to = Some(id);
        self.select(id, ctx)
    }

    fn apply_one(&mut self, action: Action, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        match action {
            Action::Select(id) => self.select(id, ctx)?,
            Action::Sort(column) => self.list.sort_by(column, ctx.catalog),
            Action::Refilter => self.list.refilter(ctx.catalog),
            Action::Create(name) => {
                let id = crate::members::create_company(ctx.store, &name, &self.list.filters.template())?;
                ctx.send(AppCommand::DataChanged(Change::Company(id)));
                self.warn_unsaved(ctx, Some(id));
                let env = ctx.env();
                self.editor = Some(CompanyEditor::load(ctx.store, id, false, &env)?);
                self.detail_expanded = true;
                self.scroll_to = Some(id);
                let name = self.editor.as_ref().map(|e| e.stored.name.clone()).unwrap_or_default();
                ctx.notify(Notification::success(text!("已创建：{name}", "Created: {name}")));
            }
            Action::Editor(action) => self.apply_editor(action, ctx)?,
            Action::Zone(action) => {
                let undo = crate::members::zones::apply(ctx.store, &action)?;
                ctx.send(AppCommand::DataChanged(Change::Zones));
                if let (ZoneAction::Delete(id), Some(undo)) = (&action, undo) {
                    let name = ctx.catalog.zone(Some(*id)).map(|z| z.name.clone()).unwrap_or_default();
                    ctx.notify(
                        Notification::success(text!("已删除片区“{name}”", "Zone “{name}” deleted")).with_undo(undo),
                    );
                }
            }
            Action::OpenZones => {
                let deleted = ctx.store.deleted_zones()?;
                self.zones_dialog = Some(ZonesDialog::new(ctx.catalog.place(), ctx.catalog.zones(), deleted));
            }
            Action::CloseDetail => {
                self.warn_unsaved(ctx, None);
                self.editor = None;
            }
            Action::Export(kind, template) => {
                let task = ExportTask::list(ctx.store.path().to_path_buf(), kind, template);
                ctx.send(AppCommand::Export(task));
            }
        }
        Ok(())
    }

    fn apply_editor(&mut self, action: EditorAction, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        let env = ctx.env();
        let Some(editor) = &mut self.editor else { return Ok(()) };
        let id = editor.id();
        match action {
            EditorAction::SaveCompany => {
                if editor.save_company(ctx.store, &env)? {
                    ctx.send(AppCommand::DataChanged(Change::Company(id)));
                }
            }
            EditorAction::SaveRow(kind, index) => {
                if editor.save_row(kind, index, ctx.store, &env)? {
                    ctx.send(AppCommand::DataChanged(Change::Children(id)));
                }
            }
            EditorAction::AddRow(kind) => editor.add_row(kind, &env),
            EditorAction::DeleteRow(kind, index) => {
                if let Some((row, label)) = editor.delete_row(kind, index, ctx.store, &env)? {
                    let undo = Undo::RestoreRow { company: id, kind, id: row };
                    ctx.send(AppCommand::DataChanged(Change::Children(id)));
                    ctx.notify(Notification::success(deleted_row_text(kind, &label)).with_undo(undo));
                }
            }
            EditorAction::RestoreRow(kind, row) => {
                let change = Undo::RestoreRow { company: id, kind, id: row }.apply(ctx.store)?;
                editor.reload_rows(ctx.store, &env)?;
                ctx.send(AppCommand::DataChanged(change));
            }
            EditorAction::DeleteCompany => {
                let name = editor.stored.name.clone();
                let undo = crate::members::delete_company(ctx.store, id)?;
                self.editor = None;
                ctx.send(AppCommand::DataChanged(Change::Company(id)));
                ctx.notify(
                    Notification::success(text!("已移入回收站：{name}", "Moved to the recycle bin: {name}"))
                        .with_undo(undo),
                );
            }
            EditorAction::RestoreCompany => {
                let name = editor.stored.name.clone();
                crate::members::restore_company(ctx.store, id)?;
                editor.deleted = false;
                ctx.send(AppCommand::DataChanged(Change::Company(id)));
                self.scroll_to = Some(id);
                ctx.notify(Notification::success(text!("已恢复：{name}", "Restored: {name}")));
            }
            EditorAction::ShowOpportunities => ctx.send(AppCommand::ShowOpportunities(id)),
            EditorAction::Reveal => {
                self.list.reveal(id, ctx.catalog);
                self.scroll_to = Some(id);
            }
            EditorAction::OpenVisit { year, month } => ctx.send(AppCommand::OpenVisit { year, month }),
            EditorAction::SetUnavailable { month, blocked } => {
                let mut months = self.editor.as_ref().map(|e| e.visits.unavailable.clone()).unwrap_or_default();
                months.retain(|m| *m != month);
                if blocked {
                    months.push(month);
                }
                ctx.store.set_host_unavailable(id, &months)?;
                if let Some(editor) = &mut self.editor {
                    editor.visits = ctx.store.company_visits(id)?;
                }
                ctx.send(AppCommand::DataChanged(Change::Visits));
            }
        }
        Ok(())
    }
}

impl Screen for MembersScreen {
    fn section(&self) -> Section {
        Section::Members
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        self.list.follow(ctx.catalog);
        egui::Panel::top("members_toolbar").show(ui, |ui| {
            ui.add_space(space::S);
            self.toolbar(ui, ctx);
            ui.add_space(space::S);
        });
        if let Some(editor) = &mut self.editor {
            let in_list = self.list.row_of(editor.id(), ctx.catalog).is_some();
            let env = ctx.env();
            let title = editor.stored.name.clone();
            let mut actions = Vec::new();
            let event = detail_panel(ui, "company_detail", &mut self.detail_expanded, &title, lang, |ui| {
                actions = editor_ui(ui, editor, &env, in_list, &self.delete_guard);
            });
            if actions.iter().any(|a| matches!(a, EditorAction::DeleteRow(..))) {
                self.delete_guard.arm(ui.ctx());
            }
            self.actions.extend(actions.into_iter().map(Action::Editor));
            if event == Some(PanelEvent::Close) {
                self.actions.push(Action::CloseDetail);
            }
        }
        egui::CentralPanel::default().show(ui, |ui| self.table(ui, ctx));
        self.new_company_dialog(ui, lang);
        if let Some(dialog) = &mut self.zones_dialog {
            let mut counts: HashMap<_, usize> = HashMap::new();
            for entry in ctx.catalog.entries() {
                if let Some(zone) = entry.company.zone_id {
                    *counts.entry(zone).or_default() += 1;
                }
            }
            for action in dialog.ui(ui.ctx(), ctx.catalog.zones(), &counts, lang) {
                self.actions.push(Action::Zone(action));
            }
            if !dialog.open {
                self.zones_dialog = None;
            }
        }
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let catalog = ctx.catalog;
        let (live, shown, deleted) = (catalog.live_count(), self.list.visible().len(), catalog.deleted_count());
        ui.label(tr!(
            ctx.lang,
            "成员企业 {} 家 · 当前显示 {} 家 · 回收站 {} 家",
            "{} member companies · {} shown · {} in the recycle bin",
            format::count(live),
            format::count(shown),
            format::count(deleted)
        ));
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.apply_one(action, ctx) {
                ctx.fail(|lang| e.message(lang));
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, ctx: &mut ApplyCtx) {
        let result = match command {
            AppCommand::OpenCompany(id) => {
                self.scroll_to = Some(*id);
                self.list.reveal(*id, ctx.catalog);
                self.select(*id, ctx)
            }
            AppCommand::DataChanged(Change::Zones) => {
                let env = ctx.env();
                if let Some(editor) = &mut self.editor {
                    editor.refresh_field("Zone", &env);
                }
                match &mut self.zones_dialog {
                    Some(dialog) => ctx.store.deleted_zones().map(|deleted| dialog.sync(ctx.catalog.zones(), deleted)),
                    None => Ok(()),
                }
            }
            AppCommand::DataChanged(Change::Children(id)) if self.selected() == Some(*id) => {
                let env = ctx.env();
                match &mut self.editor {
                    Some(editor) => editor.reload_rows(ctx.store, &env),
                    None => Ok(()),
                }
            }
            AppCommand::DataChanged(Change::Company(id)) => {
                // Deleted or restored elsewhere (an undo): the panel follows.
                if let (Some(editor), Some(entry)) = (&mut self.editor, ctx.catalog.entry(*id))
                    && editor.id() == *id
                {
                    editor.deleted = entry.deleted;
                }
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            ctx.fail(|lang| e.message(lang));
        }
    }

    fn on_ui_command(&mut self, command: UiCommand, ctx: &mut ApplyCtx) -> bool {
        let result = match command {
            UiCommand::FocusSearch => {
                self.focus_search = true;
                Ok(())
            }
            UiCommand::SelectNext => self.move_selection(1, ctx),
            UiCommand::SelectPrevious => self.move_selection(-1, ctx),
            UiCommand::Submit => {
                if let Some(dialog) = self.new_company.take_if(|d| !d.name.trim().is_empty()) {
                    self.apply_one(Action::Create(dialog.name), ctx)
                } else if let Some(action) = self.zones_dialog.as_mut().and_then(|d| d.submit(ctx.catalog.zones())) {
                    self.apply_one(Action::Zone(action), ctx)
                } else {
                    return false;
                }
            }
            UiCommand::CloseDialog if self.zones_dialog.is_some() => {
                self.zones_dialog = None;
                Ok(())
            }
            _ => return false,
        };
        if let Err(e) = result {
            ctx.fail(|lang| e.message(lang));
        }
        true
    }
}
