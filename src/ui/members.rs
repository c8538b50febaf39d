//! 成员企业: the virtualised list of all member companies with search, filters and sorting, and
//! the detail panel of the selected one.

use super::company_detail::{CompanyEditor, EditorAction, RowKind, stars_text};
use super::import::{ExportJob, ImportDialog};
use super::theme;
use super::zones::{ZoneAction, ZonesDialog};
use crate::domain::search_key;
use crate::domain::{Company, CompanyId, MemberStatus, Zone, ZoneId};
use crate::excel::columns::ListKind;
use crate::i18n::Lang;
use crate::store::{CompanyListItem, Store, StoreError};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Zone,
    Industry,
    Employees,
    Stars,
    Status,
    JoinDate,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub zone: Option<ZoneId>,
    pub industry: Option<String>,
    pub status: Option<MemberStatus>,
    pub stars: Option<u8>,
    /// The recycle bin: show deleted companies only.
    pub deleted: bool,
}

/// Something that can be taken back from the notice line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undo {
    Company(CompanyId),
    Row(CompanyId, RowKind, i64),
}

pub struct Notice {
    pub text: String,
    pub is_error: bool,
    pub undo: Option<Undo>,
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Select(CompanyId),
    Sort(SortColumn),
    Refilter,
    Editor(EditorAction),
    Create(String),
    Undo(Undo),
    Zone(ZoneAction),
    PickImport(ListKind),
    PickExport(ListKind, bool),
}

pub struct MembersScreen {
    items: Vec<CompanyListItem>,
    zones: Vec<Zone>,
    industries: Vec<String>,
    /// Indices into `items` in the current sort order; filtering keeps this order.
    order: Vec<usize>,
    /// The rows on screen: `order` filtered by search and filters.
    visible: Vec<usize>,
    pub search: String,
    pub filters: Filters,
    sort: SortColumn,
    ascending: bool,
    pub editor: Option<CompanyEditor>,
    new_company: Option<String>,
    zones_dialog: Option<ZonesDialog>,
    pub import: Option<ImportDialog>,
    export: Option<ExportJob>,
    pub notice: Option<Notice>,
    actions: Vec<Action>,
    /// SQLite's data version when the list was read: another window's commit changes it.
    data_version: i64,
    /// A company whose supplier opportunities the user asked to see; the app switches sections.
    pub show_opportunities: Option<CompanyId>,
}

impl MembersScreen {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        let mut screen = Self {
            items: store.company_list()?,
            zones: store.zones()?,
            industries: Vec::new(),
            order: Vec::new(),
            visible: Vec::new(),
            search: String::new(),
            filters: Filters::default(),
            sort: SortColumn::Name,
            ascending: true,
            editor: None,
            new_company: None,
            zones_dialog: None,
            import: None,
            export: None,
            notice: None,
            actions: Vec::new(),
            data_version: store.data_version()?,
            show_opportunities: None,
        };
        screen.after_data_change();
        Ok(screen)
    }

    /// Sets the search text as if typed, and filters the list.
    pub fn set_search(&mut self, query: &str) {
        self.search = query.to_string();
        self.refilter();
    }

    /// Companies on screen, in order (for tests and the status line).
    pub fn visible_companies(&self) -> impl Iterator<Item = &Company> {
        self.visible.iter().map(|&i| &self.items[i].company)
    }

    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    pub fn live_count(&self) -> usize {
        self.items.iter().filter(|i| !i.deleted).count()
    }

    pub fn deleted_count(&self) -> usize {
        self.items.iter().filter(|i| i.deleted).count()
    }

    fn after_data_change(&mut self) {
        let mut industries: Vec<String> =
            self.items.iter().map(|i| i.company.industry.clone()).filter(|s| !s.is_empty()).collect();
        industries.sort();
        industries.dedup();
        self.industries = industries;
        self.resort();
    }

    fn resort(&mut self) {
        let items = &self.items;
        let zone_rank =
            |id: Option<ZoneId>| id.and_then(|id| self.zones.iter().position(|z| z.id == id)).unwrap_or(usize::MAX);
        let mut order: Vec<usize> = (0..items.len()).collect();
        let by_name = |a: &CompanyListItem, b: &CompanyListItem| {
            initials_part(&a.search_key)
                .cmp(initials_part(&b.search_key))
                .then_with(|| a.company.name.cmp(&b.company.name))
        };
        order.sort_by(|&a, &b| {
            let (x, y) = (&items[a], &items[b]);
            let primary = match self.sort {
                SortColumn::Name => Ordering::Equal,
                SortColumn::Zone => zone_rank(x.company.zone_id).cmp(&zone_rank(y.company.zone_id)),
                SortColumn::Industry => x.company.industry.cmp(&y.company.industry),
                SortColumn::Employees => x.company.employees.cmp(&y.company.employees),
                SortColumn::Stars => x.company.stars.cmp(&y.company.stars),
                SortColumn::Status => x.company.status.cmp(&y.company.status),
                SortColumn::JoinDate => x.company.join_date.cmp(&y.company.join_date),
            };
            let ordering = primary.then_with(|| by_name(x, y));
            if self.ascending { ordering } else { ordering.reverse() }
        });
        self.order = order;
        self.refilter();
    }

    fn refilter(&mut self) {
        let query = self.search.trim().to_lowercase();
        let f = &self.filters;
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let item = &self.items[i];
                let c = &item.company;
                item.deleted == f.deleted
                    && f.zone.is_none_or(|z| c.zone_id == Some(z))
                    && f.industry.as_ref().is_none_or(|ind| &c.industry == ind)
                    && f.status.is_none_or(|s| c.status == s)
                    && f.stars.is_none_or(|s| c.stars == s)
                    && search_key::matches(&item.search_key, &query)
            })
            .collect();
    }

    fn zone_name(&self, id: Option<ZoneId>) -> &str {
        id.and_then(|id| self.zones.iter().find(|z| z.id == id)).map_or("", |z| z.name.as_str())
    }

    pub fn selected(&self) -> Option<CompanyId> {
        self.editor.as_ref().map(|e| e.stored.id)
    }

    /// Draws the screen and queues what the user did; `apply` carries it out.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        egui::Panel::top("members_toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            self.toolbar(ui, lang);
            ui.add_space(4.0);
        });
        egui::Panel::bottom("members_status").show(ui, |ui| self.status_line(ui, lang));
        if self.editor.is_some() {
            egui::Panel::right("company_detail").resizable(true).default_size(theme::DETAIL_WIDTH).show(ui, |ui| {
                if let Some(editor) = &mut self.editor {
                    for action in editor.ui(ui, &self.zones, lang) {
                        self.actions.push(Action::Editor(action));
                    }
                }
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.table(ui, lang));
        self.new_company_dialog(ui, lang);
        if let Some(dialog) = &mut self.import {
            dialog.ui(ui.ctx(), lang);
        }
        if self.export.is_some() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(dialog) = &mut self.zones_dialog {
            for action in dialog.ui(ui.ctx(), &self.zones, lang) {
                self.actions.push(Action::Zone(action));
            }
            if !dialog.open {
                self.zones_dialog = None;
            }
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("搜索", "Search"));
                let search =
                    ui.add(
                        egui::TextEdit::singleline(&mut self.search)
                            .hint_text(lang.pick(
                                "名称、简称或拼音首字母，如 dsgs",
                                "Name, short name or pinyin initials, e.g. dsgs",
                            ))
                            .desired_width(210.0),
                    );
                if search.labelled_by(label.id).changed() {
                    self.actions.push(Action::Refilter);
                }
            });
            let before = self.filters.clone();
            zone_and_industry_filters(
                ui,
                "filter",
                (&self.zones, &mut self.filters.zone),
                (&self.industries, &mut self.filters.industry),
                lang,
            );
            let statuses = MemberStatus::ALL.map(|s| (s, s.label(lang).to_string())).to_vec();
            filter_combo(ui, "filter_status", lang.pick("状态", "Status"), &mut self.filters.status, &statuses, lang);
            let stars: Vec<(u8, String)> = (0..=5).rev().map(|s| (s, stars_text(s, lang))).collect();
            filter_combo(ui, "filter_stars", lang.pick("星级", "Stars"), &mut self.filters.stars, &stars, lang);
            ui.checkbox(&mut self.filters.deleted, lang.pick("回收站", "Recycle bin"));
            if self.filters != before {
                self.actions.push(Action::Refilter);
            }
            ui.separator();
            if ui.button(lang.pick("＋ 新建企业", "+ New company")).clicked() {
                self.new_company = Some(String::new());
            }
            if ui.button(lang.pick("片区管理", "Zones")).clicked() {
                self.zones_dialog = Some(ZonesDialog::new(&self.zones));
            }
            ui.menu_button(lang.pick("Excel 导入/导出", "Excel import/export"), |ui| {
                // Import, export and blank template, each for every list, in three groups.
                let groups: [MenuGroup; 3] = [
                    (Action::PickImport, "导入{}…", "Import {}…"),
                    (|kind| Action::PickExport(kind, false), "导出{}…", "Export {}…"),
                    (|kind| Action::PickExport(kind, true), "导出{}空白模板…", "Blank {} template…"),
                ];
                for (group, (action, zh, en)) in groups.into_iter().enumerate() {
                    if group > 0 {
                        ui.separator();
                    }
                    for kind in ListKind::ALL {
                        let text = match lang {
                            Lang::Zh => zh.replace("{}", kind.label(lang)),
                            Lang::En => en.replace("{}", &kind.label(lang).to_lowercase()),
                        };
                        if ui.button(text).clicked() {
                            self.actions.push(action(kind));
                        }
                    }
                }
            });
        });
    }

    fn table(&mut self, ui: &mut egui::Ui, lang: Lang) {
        if self.visible.is_empty() {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.label(if self.items.is_empty() {
                    lang.pick(
                        "还没有成员企业。点“新建企业”添加第一家。",
                        "No member companies yet. Use “New company” to add one.",
                    )
                } else if self.filters.deleted {
                    lang.pick("回收站是空的。", "The recycle bin is empty.")
                } else {
                    lang.pick("没有符合条件的企业。", "No company matches.")
                });
            });
            return;
        }
        // Plain labels in the table, so a click anywhere on a row selects it.
        ui.style_mut().interaction.selectable_labels = false;
        let selected = self.selected();
        let headers: [(&str, Option<SortColumn>); 9] = [
            (lang.pick("企业名称", "Name"), Some(SortColumn::Name)),
            (lang.pick("简称", "Short name"), None),
            (lang.pick("片区", "Zone"), Some(SortColumn::Zone)),
            (lang.pick("行业", "Industry"), Some(SortColumn::Industry)),
            (lang.pick("职工", "Staff"), Some(SortColumn::Employees)),
            (lang.pick("星级", "Stars"), Some(SortColumn::Stars)),
            (lang.pick("状态", "Status"), Some(SortColumn::Status)),
            (lang.pick("入会", "Joined"), Some(SortColumn::JoinDate)),
            (lang.pick("联系人 / 电话", "Contact / phone"), None),
        ];
        let mut clicked_row = None;
        let mut clicked_sort = None;
        // On a narrow window the table scrolls sideways rather than hiding its last columns.
        egui::ScrollArea::horizontal().auto_shrink([false, false]).show(ui, |ui| {
            TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(250.0).at_least(120.0).clip(true))
                .column(Column::initial(96.0).clip(true))
                .column(Column::initial(78.0))
                .column(Column::initial(90.0).clip(true))
                .column(Column::initial(56.0))
                .column(Column::initial(72.0))
                .column(Column::initial(56.0))
                .column(Column::initial(88.0))
                .column(Column::remainder().at_least(120.0).clip(true))
                .header(theme::ROW_HEIGHT + 4.0, |mut header| {
                    for (title, sort) in headers {
                        header.col(|ui| match sort {
                            Some(column) => {
                                let arrow =
                                    if self.sort == column { if self.ascending { " ▲" } else { " ▼" } } else { "" };
                                if ui
                                    .add(
                                        egui::Button::new(egui::RichText::new(format!("{title}{arrow}")).strong())
                                            .frame(false),
                                    )
                                    .clicked()
                                {
                                    clicked_sort = Some(column);
                                }
                            }
                            None => {
                                ui.strong(title);
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, self.visible.len(), |mut row| {
                        let item = &self.items[self.visible[row.index()]];
                        let c = &item.company;
                        row.set_selected(selected == Some(c.id));
                        row.col(|ui| {
                            ui.label(&c.name);
                        });
                        row.col(|ui| {
                            ui.label(&c.short_name);
                        });
                        row.col(|ui| {
                            ui.label(self.zone_name(c.zone_id));
                        });
                        row.col(|ui| {
                            ui.label(&c.industry);
                        });
                        row.col(|ui| {
                            ui.label(c.employees.to_string());
                        });
                        row.col(|ui| {
                            ui.label(if c.stars > 0 { "★".repeat(c.stars as usize) } else { String::new() });
                        });
                        row.col(|ui| {
                            ui.label(c.status.label(lang));
                        });
                        row.col(|ui| {
                            ui.label(c.join_date.map(|d| d.format("%Y-%m").to_string()).unwrap_or_default());
                        });
                        row.col(|ui| {
                            ui.label(format!("{} {}", c.contact_person, c.phone));
                        });
                        if row.response().clicked() {
                            clicked_row = Some(c.id);
                        }
                    });
                });
        });
        if let Some(id) = clicked_row {
            self.actions.push(Action::Select(id));
        }
        if let Some(column) = clicked_sort {
            self.actions.push(Action::Sort(column));
        }
    }

    fn status_line(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal(|ui| {
            ui.label(match lang {
                Lang::Zh => format!(
                    "成员企业 {} 家 · 当前显示 {} 家 · 回收站 {} 家",
                    self.live_count(),
                    self.visible.len(),
                    self.deleted_count()
                ),
                Lang::En => format!(
                    "{} member companies · {} shown · {} in the recycle bin",
                    self.live_count(),
                    self.visible.len(),
                    self.deleted_count()
                ),
            });
            if let Some(notice) = &self.notice {
                ui.separator();
                let color = if notice.is_error { theme::error_color(ui) } else { ui.visuals().strong_text_color() };
                ui.colored_label(color, &notice.text);
                if let Some(undo) = notice.undo
                    && ui.button(lang.pick("撤销", "Undo")).clicked()
                {
                    self.actions.push(Action::Undo(undo));
                }
            }
        });
    }

    fn new_company_dialog(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(name) = &mut self.new_company else { return };
        let mut close = false;
        let mut create = None;
        egui::Modal::new(ui.scope_id().with("new_company")).show(ui.ctx(), |ui| {
            ui.set_width(360.0);
            ui.heading(lang.pick("新建企业", "New company"));
            let label = ui.label(lang.pick("企业全称", "Full name"));
            let edit = ui.add(egui::TextEdit::singleline(name).desired_width(f32::INFINITY)).labelled_by(label.id);
            edit.request_focus();
            let blank = name.trim().is_empty();
            if blank {
                ui.weak(
                    lang.pick(
                        "必填，其他信息创建后在右侧填写",
                        "Required; fill in the rest on the right after creating",
                    ),
                );
            }
            ui.horizontal(|ui| {
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.add_enabled(!blank, egui::Button::new(lang.pick("创建", "Create"))).clicked() || (enter && !blank)
                {
                    create = Some(name.clone());
                }
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    close = true;
                }
            });
        });
        if let Some(name) = create {
            self.actions.push(Action::Create(name));
            close = true;
        }
        if close {
            self.new_company = None;
        }
    }

    /// Opens the import dialog on `file`; reading and checking start at once in the background.
    pub fn start_import(
        &mut self,
        ctx: &egui::Context,
        file: PathBuf,
        db: PathBuf,
        kind: Option<ListKind>,
        lang: Lang,
    ) {
        self.import = Some(ImportDialog::start(ctx, file, db, kind, lang));
    }

    /// Carries out what the user did this frame: every write is one store transaction.
    pub fn apply(&mut self, ctx: &egui::Context, store: &mut Store, lang: Lang) {
        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.apply_one(ctx, action, store, lang) {
                self.notice = Some(Notice { text: e.message(lang), is_error: true, undo: None });
            }
        }
        self.poll_jobs(store, lang);
        if let Err(e) = self.follow_other_windows(store) {
            self.notice = Some(Notice { text: e.message(lang), is_error: true, undo: None });
        }
    }

    /// Reloads the list when another Qilian window has written to the same file. The open
    /// company's form is left as it is, so nothing being typed is lost.
    fn follow_other_windows(&mut self, store: &Store) -> Result<(), StoreError> {
        let version = store.data_version()?;
        if version != self.data_version {
            self.reload(store)?;
        }
        Ok(())
    }

    fn poll_jobs(&mut self, store: &Store, lang: Lang) {
        if let Some(dialog) = &mut self.import
            && dialog.poll()
            && let Err(e) = self.reload(store)
        {
            self.notice = Some(Notice { text: e.message(lang), is_error: true, undo: None });
        }
        if self.import.as_ref().is_some_and(|d| !d.open && !d.is_busy()) {
            self.import = None;
        }
        if let Some(job) = &self.export
            && let Some(result) = job.poll()
        {
            let file = job.file.display().to_string();
            self.notice = Some(match result {
                Ok(_) => Notice { text: say(lang, "已导出", "Exported", &file), is_error: false, undo: None },
                Err(message) => Notice { text: message, is_error: true, undo: None },
            });
            self.export = None;
        }
    }

    fn apply_one(
        &mut self,
        ctx: &egui::Context,
        action: Action,
        store: &mut Store,
        lang: Lang,
    ) -> Result<(), StoreError> {
        match action {
            Action::PickImport(kind) => {
                let picked = rfd::FileDialog::new()
                    .set_title(lang.pick("选择要导入的表格", "Choose a spreadsheet to import"))
                    .add_filter("Excel / WPS / LibreOffice", &["xlsx", "xls", "xlsm", "ods"])
                    .pick_file();
                if let Some(file) = picked {
                    self.start_import(ctx, file, store.path().to_path_buf(), Some(kind), lang);
                }
            }
            Action::PickExport(kind, template) => {
                let name = match (template, lang) {
                    (true, Lang::Zh) => format!("{}模板.xlsx", kind.label(lang)),
                    (true, Lang::En) => format!("{} template.xlsx", kind.label(lang)),
                    (false, _) => format!("{}.xlsx", kind.label(lang)),
                };
                let picked = rfd::FileDialog::new()
                    .set_title(lang.pick("导出到", "Export to"))
                    .add_filter("Excel", &["xlsx"])
                    .set_file_name(name)
                    .save_file();
                if let Some(file) = picked {
                    match ExportJob::start(ctx, store.path().to_path_buf(), kind, template, file, lang) {
                        Ok(job) => self.export = Some(job),
                        Err(message) => self.notice = Some(Notice { text: message, is_error: true, undo: None }),
                    }
                }
            }
            Action::Refilter => self.refilter(),
            Action::Sort(column) => {
                self.ascending = if self.sort == column { !self.ascending } else { true };
                self.sort = column;
                self.resort();
            }
            Action::Select(id) => {
                // Invalid text is never saved; say what is dropped instead of dropping it silently.
                let unsaved = self.editor.as_ref().filter(|e| e.stored.id != id).map(|e| e.unsaved_fields(lang));
                self.select(id, store)?;
                if let Some(fields) = unsaved.filter(|f| !f.is_empty()) {
                    let text = match lang {
                        Lang::Zh => format!("上一家企业有未保存的无效内容已放弃：{}", fields.join("、")),
                        Lang::En => {
                            format!("Invalid entries of the previous company were not saved: {}", fields.join(", "))
                        }
                    };
                    self.notice = Some(Notice { text, is_error: true, undo: None });
                }
            }
            Action::Create(name) => {
                let company = Company {
                    name: crate::domain::text::clean(&name),
                    zone_id: self.filters.zone,
                    join_date: Some(chrono::Local::now().date_naive()),
                    ..Company::default()
                };
                let id = store.insert_company(&company)?;
                self.reload(store)?;
                self.filters = Filters::default();
                self.search.clear();
                self.refilter();
                self.select(id, store)?;
                self.notice =
                    Some(Notice {
                        text: say(lang, "已创建", "Created", &company.name), is_error: false, undo: None
                    });
            }
            Action::Undo(Undo::Company(id)) => {
                store.restore_company(id)?;
                self.reload(store)?;
                self.select(id, store)?;
                self.notice = None;
            }
            Action::Undo(Undo::Row(company_id, kind, id)) => {
                if self.selected() != Some(company_id) {
                    self.select(company_id, store)?;
                }
                if let Some(editor) = &mut self.editor {
                    editor.restore_row(kind, id, store)?;
                }
                self.notice = None;
            }
            Action::Editor(action) => self.apply_editor(action, store, lang)?,
            Action::Zone(action) => {
                match action {
                    ZoneAction::Rename(id, name) => store.rename_zone(id, &name)?,
                    ZoneAction::Add(name) => {
                        store.add_zone(&name)?;
                    }
                }
                self.zones = store.zones()?;
                if let Some(dialog) = &mut self.zones_dialog {
                    dialog.sync(&self.zones);
                }
                self.resort();
            }
        }
        Ok(())
    }

    fn apply_editor(&mut self, action: EditorAction, store: &mut Store, lang: Lang) -> Result<(), StoreError> {
        let Some(editor) = &mut self.editor else { return Ok(()) };
        let id = editor.stored.id;
        match action {
            EditorAction::SaveCompany => {
                if editor.save_company(store)? {
                    let saved = editor.stored.clone();
                    let Some(item) = self.items.iter_mut().find(|i| i.company.id == id) else { return Ok(()) };
                    let before = std::mem::replace(&mut item.company, saved);
                    item.search_key = search_key::company_search_key(&item.company.name, &item.company.short_name);
                    // Typing a phone number or an address changes no order and no filter: skip the
                    // re-sort, which costs tens of milliseconds on 50,000 companies.
                    let c = &item.company;
                    let reorders =
                        (&before.name, &before.short_name, &before.industry, before.zone_id, before.employees)
                            != (&c.name, &c.short_name, &c.industry, c.zone_id, c.employees)
                            || (before.stars, before.status, before.join_date) != (c.stars, c.status, c.join_date);
                    if reorders {
                        self.after_data_change();
                    }
                }
            }
            EditorAction::SaveRow(kind, index) => editor.save_row(kind, index, store)?,
            EditorAction::AddRow(kind) => editor.add_row(kind),
            EditorAction::RestoreRow(kind, row_id) => editor.restore_row(kind, row_id, store)?,
            EditorAction::DeleteRow(kind, index) => {
                if let Some(row_id) = editor.delete_row(kind, index, store)? {
                    self.notice = Some(Notice {
                        text: lang.pick("已删除一行", "Row deleted").to_string(),
                        is_error: false,
                        undo: Some(Undo::Row(id, kind, row_id)),
                    });
                }
            }
            EditorAction::DeleteCompany => {
                let name = editor.stored.name.clone();
                store.delete_company(id)?;
                self.editor = None;
                self.reload(store)?;
                self.notice = Some(Notice {
                    text: say(lang, "已移入回收站", "Moved to the recycle bin", &name),
                    is_error: false,
                    undo: Some(Undo::Company(id)),
                });
            }
            EditorAction::ShowOpportunities => self.show_opportunities = Some(id),
            EditorAction::RestoreCompany => {
                let name = editor.stored.name.clone();
                store.restore_company(id)?;
                self.reload(store)?;
                self.select(id, store)?;
                self.notice =
                    Some(Notice { text: say(lang, "已恢复", "Restored", &name), is_error: false, undo: None });
            }
        }
        Ok(())
    }

    pub fn select(&mut self, id: CompanyId, store: &Store) -> Result<(), StoreError> {
        let deleted = self.items.iter().any(|i| i.company.id == id && i.deleted);
        self.editor = Some(CompanyEditor::load(store, id, deleted)?);
        Ok(())
    }

    /// Reads the list again after a change that adds or removes companies.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.data_version = store.data_version()?;
        self.items = store.company_list()?;
        self.zones = store.zones()?;
        self.after_data_change();
        Ok(())
    }
}

/// A group of the Excel menu: the action for a list, and its label in Chinese and English.
type MenuGroup = (fn(ListKind) -> Action, &'static str, &'static str);

/// The zone and industry drop-downs, as every list screen has them; `id` keeps them apart.
pub(super) fn zone_and_industry_filters(
    ui: &mut egui::Ui,
    id: &str,
    (zones, zone): (&[Zone], &mut Option<ZoneId>),
    (industries, industry): (&[String], &mut Option<String>),
    lang: Lang,
) {
    let zones: Vec<(ZoneId, String)> = zones.iter().map(|z| (z.id, z.name.clone())).collect();
    filter_combo(ui, &format!("{id}_zone"), lang.pick("片区", "Zone"), zone, &zones, lang);
    let industries: Vec<(String, String)> = industries.iter().map(|i| (i.clone(), i.clone())).collect();
    filter_combo(ui, &format!("{id}_industry"), lang.pick("行业", "Industry"), industry, &industries, lang);
}

/// A drop-down of `choices` with an "all" entry. The label is part of the box ("片区：全部"), so
/// the toolbar wraps a filter as one piece on a narrow window.
pub(super) fn filter_combo<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<T>,
    choices: &[(T, String)],
    lang: Lang,
) {
    let any = lang.pick("全部", "All");
    let selected = value.as_ref().and_then(|v| choices.iter().find(|(c, _)| c == v)).map_or(any, |(_, text)| text);
    let text = format!("{label}{}{selected}", lang.pick("：", ": "));
    // Room for the text (a Chinese character is about twice a Latin one) and the arrow.
    let width: f32 = text.chars().map(|c| if c.is_ascii() { 8.0 } else { theme::BODY_SIZE }).sum::<f32>() + 32.0;
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(text)
        .width(width)
        // Tall enough for a short list to show whole; longer ones scroll.
        .height(520.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for (choice, text) in choices {
                ui.selectable_value(value, Some(choice.clone()), text);
            }
        })
        .response;
    // Screen readers (and UI tests) find the filter by its name.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
}

/// The pinyin initials segment of a search key (see `search_key::company_search_key`).
fn initials_part(key: &str) -> &str {
    key.split('\u{1f}').nth(2).unwrap_or(key)
}

fn say(lang: Lang, zh: &str, en: &str, name: &str) -> String {
    match lang {
        Lang::Zh => format!("{zh}：{name}"),
        Lang::En => format!("{en}: {name}"),
    }
}
