//! The detail panel: one company's fields, its products, needs and contacts, edited in place.
//!
//! There is no save button. Every change is applied to the stored record field by field (see
//! `domain::validation`) and written at once by the members screen, in one transaction per edit.

use super::theme;
use crate::domain::{
    Company, CompanyDraft, Contact, ContactDraft, Field, FieldError, MemberStatus, Need, NeedDraft, OWNERSHIP_KINDS,
    Product, ProductDraft, SupplierRegion, Zone,
};
use crate::i18n::Lang;
use crate::store::{ChildRecord, Store, StoreError};

/// A form for a record owned by a company: products, needs and contacts are edited alike.
pub trait RowDraft: Default {
    type Record: ChildRecord + Clone + Default + PartialEq;
    fn from_record(record: &Self::Record) -> Self;
    fn apply(&self, base: &Self::Record) -> (Self::Record, Vec<FieldError>);
    /// The free-text fields, in column order.
    fn text_fields(&mut self) -> Vec<(Field, &mut String)>;
    /// The supplier region picker, for needs only.
    fn region(&mut self) -> Option<&mut Option<SupplierRegion>> {
        None
    }
}

impl RowDraft for ProductDraft {
    type Record = Product;
    fn from_record(record: &Product) -> Self {
        Self::from_product(record)
    }
    fn apply(&self, base: &Product) -> (Product, Vec<FieldError>) {
        ProductDraft::apply(self, base)
    }
    fn text_fields(&mut self) -> Vec<(Field, &mut String)> {
        ProductDraft::text_fields(self)
    }
}

impl RowDraft for NeedDraft {
    type Record = Need;
    fn from_record(record: &Need) -> Self {
        Self::from_need(record)
    }
    fn apply(&self, base: &Need) -> (Need, Vec<FieldError>) {
        NeedDraft::apply(self, base)
    }
    fn text_fields(&mut self) -> Vec<(Field, &mut String)> {
        NeedDraft::text_fields(self)
    }
    fn region(&mut self) -> Option<&mut Option<SupplierRegion>> {
        Some(&mut self.supplier_region)
    }
}

impl RowDraft for ContactDraft {
    type Record = Contact;
    fn from_record(record: &Contact) -> Self {
        Self::from_contact(record)
    }
    fn apply(&self, base: &Contact) -> (Contact, Vec<FieldError>) {
        ContactDraft::apply(self, base)
    }
    fn text_fields(&mut self) -> Vec<(Field, &mut String)> {
        ContactDraft::text_fields(self)
    }
}

/// One row being edited: what is stored (id 0 until its first valid save) and what is typed.
pub struct RowEditor<D: RowDraft> {
    pub stored: D::Record,
    pub draft: D,
    pub errors: Vec<FieldError>,
}

pub struct RowList<D: RowDraft> {
    pub rows: Vec<RowEditor<D>>,
}

impl<D: RowDraft> RowList<D> {
    fn load(store: &Store, company_id: i64) -> Result<Self, StoreError> {
        let records: Vec<D::Record> = store.children_of(company_id)?;
        Ok(Self {
            rows: records
                .into_iter()
                .map(|stored| RowEditor { draft: D::from_record(&stored), stored, errors: Vec::new() })
                .collect(),
        })
    }

    /// Writes the valid fields of row `index`; a new row is inserted once its name is given.
    fn save(&mut self, index: usize, store: &mut Store) -> Result<(), StoreError> {
        let Some(row) = self.rows.get_mut(index) else { return Ok(()) };
        let (mut record, errors) = row.draft.apply(&row.stored);
        row.errors = errors;
        if record == row.stored {
            return Ok(());
        }
        if record.id() == 0 {
            let id = store.insert_child(&record)?;
            record.set_id(id);
        } else {
            store.update_child(&record)?;
        }
        row.stored = record;
        Ok(())
    }

    /// Removes row `index`; returns the id of the stored record that went to the recycle bin.
    fn delete(&mut self, index: usize, store: &mut Store) -> Result<Option<i64>, StoreError> {
        if index >= self.rows.len() {
            return Ok(None);
        }
        let id = self.rows[index].stored.id();
        if id != 0 {
            store.delete_child::<D::Record>(id)?;
        }
        self.rows.remove(index);
        Ok((id != 0).then_some(id))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Product,
    Need,
    Contact,
}

/// What the user did in the panel; the members screen carries it out after drawing.
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
}

/// A product, need or contact of this company in the recycle bin.
pub struct DeletedRow {
    pub kind: RowKind,
    pub id: i64,
    pub label: String,
}

fn load_deleted(store: &Store, company_id: i64) -> Result<Vec<DeletedRow>, StoreError> {
    let mut rows = Vec::new();
    for p in store.deleted_children_of::<Product>(company_id)? {
        rows.push(DeletedRow { kind: RowKind::Product, id: p.id, label: p.name });
    }
    for n in store.deleted_children_of::<Need>(company_id)? {
        rows.push(DeletedRow { kind: RowKind::Need, id: n.id, label: n.item });
    }
    for c in store.deleted_children_of::<Contact>(company_id)? {
        rows.push(DeletedRow { kind: RowKind::Contact, id: c.id, label: c.name });
    }
    Ok(rows)
}

pub struct CompanyEditor {
    pub stored: Company,
    pub draft: CompanyDraft,
    pub errors: Vec<FieldError>,
    pub deleted: bool,
    pub products: RowList<ProductDraft>,
    pub needs: RowList<NeedDraft>,
    pub contacts: RowList<ContactDraft>,
    pub deleted_rows: Vec<DeletedRow>,
}

impl CompanyEditor {
    pub fn load(store: &Store, id: i64, deleted: bool) -> Result<Self, StoreError> {
        let stored = store.company(id)?;
        Ok(Self {
            draft: CompanyDraft::from_company(&stored),
            errors: Vec::new(),
            deleted,
            products: RowList::load(store, id)?,
            needs: RowList::load(store, id)?,
            contacts: RowList::load(store, id)?,
            deleted_rows: load_deleted(store, id)?,
            stored,
        })
    }

    /// Saves the company's valid fields. A credit code another company holds is reported at the
    /// field and the rest of the edit is still saved. Returns true when something was written.
    pub fn save_company(&mut self, store: &mut Store) -> Result<bool, StoreError> {
        let (mut company, mut errors) = self.draft.apply(&self.stored);
        if company == self.stored {
            self.errors = errors;
            return Ok(false);
        }
        match store.update_company(&company) {
            Ok(()) => {}
            Err(StoreError::DuplicateCreditCode(other)) => {
                errors.push(FieldError {
                    field: Field::CreditCode,
                    error: crate::domain::ValidationError::DuplicateCreditCode(other),
                });
                company.credit_code = self.stored.credit_code.clone();
                store.update_company(&company)?;
            }
            // Nothing was written: the draft keeps what was typed, and the next change retries.
            Err(e) => return Err(e),
        }
        self.errors = errors;
        self.stored = company;
        Ok(true)
    }

    /// The names of the fields whose typed text could not be saved.
    pub fn unsaved_fields(&self, lang: Lang) -> Vec<&'static str> {
        let rows = self.products.rows.iter().map(|r| &r.errors).chain(self.needs.rows.iter().map(|r| &r.errors));
        let row_errors = rows.chain(self.contacts.rows.iter().map(|r| &r.errors)).flatten();
        self.errors.iter().chain(row_errors).map(|e| e.field.label(lang)).collect()
    }

    pub fn save_row(&mut self, kind: RowKind, index: usize, store: &mut Store) -> Result<(), StoreError> {
        match kind {
            RowKind::Product => self.products.save(index, store),
            RowKind::Need => self.needs.save(index, store),
            RowKind::Contact => self.contacts.save(index, store),
        }
    }

    pub fn add_row(&mut self, kind: RowKind) {
        let company_id = self.stored.id;
        match kind {
            RowKind::Product => self.products.rows.push(RowEditor {
                stored: Product { company_id, ..Product::default() },
                draft: ProductDraft::default(),
                errors: Vec::new(),
            }),
            RowKind::Need => self.needs.rows.push(RowEditor {
                stored: Need { company_id, ..Need::default() },
                draft: NeedDraft::default(),
                errors: Vec::new(),
            }),
            RowKind::Contact => self.contacts.rows.push(RowEditor {
                stored: Contact { company_id, ..Contact::default() },
                draft: ContactDraft::default(),
                errors: Vec::new(),
            }),
        }
    }

    pub fn delete_row(&mut self, kind: RowKind, index: usize, store: &mut Store) -> Result<Option<i64>, StoreError> {
        let deleted = match kind {
            RowKind::Product => self.products.delete(index, store),
            RowKind::Need => self.needs.delete(index, store),
            RowKind::Contact => self.contacts.delete(index, store),
        }?;
        self.deleted_rows = load_deleted(store, self.stored.id)?;
        Ok(deleted)
    }

    pub fn restore_row(&mut self, kind: RowKind, id: i64, store: &mut Store) -> Result<(), StoreError> {
        let company_id = self.stored.id;
        match kind {
            RowKind::Product => {
                store.restore_child::<Product>(id)?;
                self.products = RowList::load(store, company_id)?;
            }
            RowKind::Need => {
                store.restore_child::<Need>(id)?;
                self.needs = RowList::load(store, company_id)?;
            }
            RowKind::Contact => {
                store.restore_child::<Contact>(id)?;
                self.contacts = RowList::load(store, company_id)?;
            }
        }
        self.deleted_rows = load_deleted(store, company_id)?;
        Ok(())
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, zones: &[Zone], lang: Lang) -> Vec<EditorAction> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.heading(&self.stored.name);
        });
        ui.horizontal(|ui| {
            if self.deleted {
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
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.add_enabled_ui(!self.deleted, |ui| {
                if self.company_fields(ui, zones, lang) {
                    actions.push(EditorAction::SaveCompany);
                }
                ui.add_space(12.0);
                rows_ui(
                    ui,
                    "products",
                    lang.pick("生产的产品", "Products made"),
                    lang.pick("添加产品", "Add product"),
                    RowKind::Product,
                    &mut self.products,
                    &self.deleted_rows,
                    lang,
                    &mut actions,
                );
                rows_ui(
                    ui,
                    "needs",
                    lang.pick("采购的零部件和材料", "Parts and materials bought"),
                    lang.pick("添加采购需求", "Add need"),
                    RowKind::Need,
                    &mut self.needs,
                    &self.deleted_rows,
                    lang,
                    &mut actions,
                );
                rows_ui(
                    ui,
                    "contacts",
                    lang.pick("其他联系人", "Other contacts"),
                    lang.pick("添加联系人", "Add contact"),
                    RowKind::Contact,
                    &mut self.contacts,
                    &self.deleted_rows,
                    lang,
                    &mut actions,
                );
            });
        });
        actions
    }

    /// Draws the company's own fields; true when any changed this frame.
    fn company_fields(&mut self, ui: &mut egui::Ui, zones: &[Zone], lang: Lang) -> bool {
        let Self { draft, errors, .. } = self;
        let mut changed = false;
        egui::Grid::new("company_fields").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            let text = |ui: &mut egui::Ui, field: Field, value: &mut String| {
                labelled_text(ui, field.label(lang), value, errors, field, lang)
            };
            changed |= text(ui, Field::CompanyName, &mut draft.name);
            changed |= text(ui, Field::ShortName, &mut draft.short_name);
            changed |= text(ui, Field::CreditCode, &mut draft.credit_code);

            let zone_label = ui.label(lang.pick("片区", "Zone"));
            let zone_name = draft
                .zone_id
                .and_then(|id| zones.iter().find(|z| z.id == id))
                .map_or(lang.pick("（未分片区）", "(no zone)"), |z| z.name.as_str());
            let before = draft.zone_id;
            egui::ComboBox::from_id_salt("zone")
                .selected_text(zone_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.zone_id, None, lang.pick("（未分片区）", "(no zone)"));
                    for zone in zones {
                        ui.selectable_value(&mut draft.zone_id, Some(zone.id), &zone.name);
                    }
                })
                .response
                .labelled_by(zone_label.id);
            changed |= before != draft.zone_id;
            ui.end_row();

            changed |= text(ui, Field::Address, &mut draft.address);
            changed |= text(ui, Field::X, &mut draft.x_m);
            changed |= text(ui, Field::Y, &mut draft.y_m);
            changed |= text(ui, Field::Industry, &mut draft.industry);

            let label = ui.label(Field::Ownership.label(lang));
            ui.horizontal(|ui| {
                let edit =
                    ui.add(egui::TextEdit::singleline(&mut draft.ownership).desired_width(120.0)).labelled_by(label.id);
                changed |= edit.changed();
                for kind in OWNERSHIP_KINDS {
                    if ui.small_button(kind).clicked() && draft.ownership != kind {
                        draft.ownership = kind.to_string();
                        changed = true;
                    }
                }
            });
            ui.end_row();

            changed |= text(ui, Field::Employees, &mut draft.employees);

            let status_label = ui.label(lang.pick("会员状态", "Status"));
            let before = draft.status;
            egui::ComboBox::from_id_salt("status")
                .selected_text(draft.status.label(lang))
                .show_ui(ui, |ui| {
                    for status in MemberStatus::ALL {
                        ui.selectable_value(&mut draft.status, status, status.label(lang));
                    }
                })
                .response
                .labelled_by(status_label.id);
            changed |= before != draft.status;
            ui.end_row();

            changed |= text(ui, Field::JoinDate, &mut draft.join_date);

            let stars_label = ui.label(lang.pick("星级", "Stars"));
            let before = draft.stars;
            egui::ComboBox::from_id_salt("stars")
                .selected_text(stars_text(draft.stars, lang))
                .show_ui(ui, |ui| {
                    for stars in 0..=5 {
                        ui.selectable_value(&mut draft.stars, stars, stars_text(stars, lang));
                    }
                })
                .response
                .labelled_by(stars_label.id);
            changed |= before != draft.stars;
            ui.end_row();

            changed |= text(ui, Field::ContactPerson, &mut draft.contact_person);
            changed |= text(ui, Field::Phone, &mut draft.phone);

            let notes_label = ui.label(Field::Notes.label(lang));
            let notes =
                ui.add(egui::TextEdit::multiline(&mut draft.notes).desired_rows(2).desired_width(f32::INFINITY));
            changed |= notes.labelled_by(notes_label.id).changed();
            ui.end_row();
        });
        changed
    }
}

pub fn stars_text(stars: u8, lang: Lang) -> String {
    if stars == 0 { lang.pick("未评", "Not rated").to_string() } else { "★".repeat(stars as usize) }
}

fn field_error(errors: &[FieldError], field: Field) -> Option<&FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// A label and a one-line text field in a grid row, with the field's error underneath in red.
fn labelled_text(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    errors: &[FieldError],
    field: Field,
    lang: Lang,
) -> bool {
    let label = ui.label(label);
    let changed = ui
        .vertical(|ui| {
            let response = ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY)).labelled_by(label.id);
            if let Some(error) = field_error(errors, field) {
                ui.colored_label(theme::error_color(ui), error.error.message(lang));
            }
            response.changed()
        })
        .inner;
    ui.end_row();
    changed
}

const ROW_LABEL_WIDTH: f32 = 100.0;

/// A titled list of editable rows with its add button.
#[allow(clippy::too_many_arguments)]
fn rows_ui<D: RowDraft>(
    ui: &mut egui::Ui,
    id: &str,
    title: &str,
    add_label: &str,
    kind: RowKind,
    list: &mut RowList<D>,
    deleted: &[DeletedRow],
    lang: Lang,
    actions: &mut Vec<EditorAction>,
) {
    ui.horizontal(|ui| {
        ui.strong(format!("{title}（{}）", list.rows.len()));
        if ui.button(add_label).clicked() {
            actions.push(EditorAction::AddRow(kind));
        }
        // Deleted rows of this list stay restorable here after the undo notice is gone.
        let deleted: Vec<&DeletedRow> = deleted.iter().filter(|d| d.kind == kind).collect();
        if !deleted.is_empty() {
            let text = match lang {
                Lang::Zh => format!("已删除（{}）", deleted.len()),
                Lang::En => format!("Deleted ({})", deleted.len()),
            };
            ui.menu_button(text, |ui| {
                for row in deleted {
                    let label = match lang {
                        Lang::Zh => format!("恢复“{}”", row.label),
                        Lang::En => format!("Restore “{}”", row.label),
                    };
                    if ui.button(label).clicked() {
                        actions.push(EditorAction::RestoreRow(kind, row.id));
                    }
                }
            });
        }
    });
    for (index, row) in list.rows.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Two labelled fields to a line, sharing the panel's width.
            let spacing = ui.spacing().item_spacing.x;
            let edit_width = ((ui.available_width() - 2.0 * ROW_LABEL_WIDTH - 3.0 * spacing) / 2.0).max(80.0);
            let mut fields = row.draft.text_fields().into_iter();
            while let Some(first) = fields.next() {
                let second = fields.next();
                ui.horizontal(|ui| {
                    for (field, value) in std::iter::once(first).chain(second) {
                        let label =
                            ui.add_sized([ROW_LABEL_WIDTH, 22.0], egui::Label::new(field.label(lang)).truncate());
                        let edit =
                            ui.add(egui::TextEdit::singleline(value).desired_width(edit_width)).labelled_by(label.id);
                        if edit.changed() {
                            actions.push(EditorAction::SaveRow(kind, index));
                        }
                    }
                });
            }
            if let Some(region) = row.draft.region() {
                ui.horizontal(|ui| {
                    let label = ui.add_sized(
                        [ROW_LABEL_WIDTH, 22.0],
                        egui::Label::new(lang.pick("供应商所在地", "Supplier region")).truncate(),
                    );
                    let before = *region;
                    egui::ComboBox::from_id_salt((id, index, "region"))
                        .selected_text(region.map_or(lang.pick("（未填）", "(not set)"), |r| r.label(lang)))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(region, None, lang.pick("（未填）", "(not set)"));
                            for choice in SupplierRegion::ALL {
                                ui.selectable_value(region, Some(choice), choice.label(lang));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if before != *region {
                        actions.push(EditorAction::SaveRow(kind, index));
                    }
                });
            }
            ui.horizontal(|ui| {
                for error in &row.errors {
                    ui.colored_label(
                        theme::error_color(ui),
                        format!("{}：{}", error.field.label(lang), error.error.message(lang)),
                    );
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.small_button(lang.pick("删除", "Delete")).clicked() {
                        actions.push(EditorAction::DeleteRow(kind, index));
                    }
                });
            });
        });
    }
    ui.add_space(8.0);
}
