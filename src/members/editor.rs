//! One company being edited: its fields, products, needs and contacts, as stored and as typed.
//!
//! There is no save button. Every change is applied to the stored record field by field (see
//! `domain::fields`) and written at once, one transaction per edit; what cannot be saved stays
//! typed, with its reason, until it is fixed.

use crate::domain::fields::{Draft, Env, FieldError, FieldTable, ValidationError};
use crate::domain::{Company, CompanyId, Contact, Need, Product, RowKind};
use crate::i18n::Lang;
use crate::store::{ChildRecord, CompanyVisits, Store, StoreError};

/// One row being edited: what is stored (id 0 until its first valid save) and what is typed.
pub struct RowEditor<R: FieldTable> {
    pub stored: R,
    pub draft: Draft<R>,
    pub errors: Vec<FieldError>,
}

impl<R: FieldTable + ChildRecord> RowEditor<R> {
    fn new(stored: R, env: &Env) -> Self {
        Self { draft: Draft::of(&stored, env), stored, errors: Vec::new() }
    }

    /// What the row is called in a notice: its first field (the name).
    pub fn label(&self, env: &Env) -> String {
        R::fields().first().map(|f| (f.value)(&self.stored, env).text()).unwrap_or_default()
    }
}

pub struct RowList<R: FieldTable> {
    pub rows: Vec<RowEditor<R>>,
}

impl<R: FieldTable + ChildRecord> RowList<R> {
    fn load(store: &Store, company_id: CompanyId, env: &Env) -> Result<Self, StoreError> {
        let records: Vec<R> = store.children_of(company_id)?;
        Ok(Self { rows: records.into_iter().map(|r| RowEditor::new(r, env)).collect() })
    }

    /// Writes the valid fields of row `index`; a new row is inserted once its name is given.
    /// True when something was written.
    fn save(&mut self, index: usize, store: &mut Store, env: &Env) -> Result<bool, StoreError> {
        let Some(row) = self.rows.get_mut(index) else { return Ok(false) };
        let (mut record, errors) = row.draft.apply(&row.stored, env);
        row.errors = errors;
        if record == row.stored {
            return Ok(false);
        }
        if record.id() == 0 {
            let id = store.insert_child(&record)?;
            record.set_id(id);
        } else {
            store.update_child(&record)?;
        }
        row.stored = record;
        Ok(true)
    }

    /// Removes row `index`; returns the stored record's id and name if it went to the recycle bin.
    fn delete(&mut self, index: usize, store: &mut Store, env: &Env) -> Result<Option<(i64, String)>, StoreError> {
        let Some(row) = self.rows.get(index) else { return Ok(None) };
        let (id, label) = (row.stored.id(), row.label(env));
        if id != 0 {
            store.delete_child::<R>(id)?;
        }
        self.rows.remove(index);
        Ok((id != 0).then_some((id, label)))
    }
}

/// A product, need or contact of this company in the recycle bin.
pub struct DeletedRow {
    pub kind: RowKind,
    pub id: i64,
    pub label: String,
}

fn deleted_of<R: FieldTable + ChildRecord>(
    store: &Store,
    company_id: CompanyId,
    kind: RowKind,
    env: &Env,
    out: &mut Vec<DeletedRow>,
) -> Result<(), StoreError> {
    for record in store.deleted_children_of::<R>(company_id)? {
        let label = R::fields().first().map(|f| (f.value)(&record, env).text()).unwrap_or_default();
        out.push(DeletedRow { kind, id: record.id(), label });
    }
    Ok(())
}

fn load_deleted(store: &Store, company_id: CompanyId, env: &Env) -> Result<Vec<DeletedRow>, StoreError> {
    let mut rows = Vec::new();
    deleted_of::<Product>(store, company_id, RowKind::Product, env, &mut rows)?;
    deleted_of::<Need>(store, company_id, RowKind::Need, env, &mut rows)?;
    deleted_of::<Contact>(store, company_id, RowKind::Contact, env, &mut rows)?;
    Ok(rows)
}

pub struct CompanyEditor {
    pub stored: Company,
    pub draft: Draft<Company>,
    pub errors: Vec<FieldError>,
    /// The company is in the recycle bin: shown, not editable.
    pub deleted: bool,
    pub products: RowList<Product>,
    pub needs: RowList<Need>,
    pub contacts: RowList<Contact>,
    pub deleted_rows: Vec<DeletedRow>,
    /// Its part in the monthly visits, and the months it cannot host.
    pub visits: CompanyVisits,
}

impl CompanyEditor {
    pub fn load(store: &Store, id: CompanyId, deleted: bool, env: &Env) -> Result<Self, StoreError> {
        let stored = store.company(id)?;
        Ok(Self {
            draft: Draft::of(&stored, env),
            errors: Vec::new(),
            deleted,
            products: RowList::load(store, id, env)?,
            needs: RowList::load(store, id, env)?,
            contacts: RowList::load(store, id, env)?,
            deleted_rows: load_deleted(store, id, env)?,
            visits: store.company_visits(id)?,
            stored,
        })
    }

    pub fn id(&self) -> CompanyId {
        self.stored.id
    }

    /// Saves the company's valid fields. A credit code another company holds is reported at the
    /// field and the rest of the edit is still saved. True when something was written.
    pub fn save_company(&mut self, store: &mut Store, env: &Env) -> Result<bool, StoreError> {
        let (mut company, mut errors) = self.draft.apply(&self.stored, env);
        if company == self.stored {
            self.errors = errors;
            return Ok(false);
        }
        match store.update_company(&company) {
            Ok(()) => {}
            Err(StoreError::DuplicateCreditCode(other)) => {
                let field = Company::field("CreditCode").map(|f| f.info.label);
                if let Some(label) = field {
                    errors.push(FieldError {
                        key: "CreditCode",
                        label,
                        error: ValidationError::DuplicateCreditCode(other),
                    });
                }
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

    /// Shows one field as stored again (a zone renamed elsewhere), keeping the rest as typed.
    pub fn refresh_field(&mut self, key: &str, env: &Env) {
        if let Some(field) = Company::field(key) {
            self.draft.set(key, (field.value)(&self.stored, env).text());
        }
    }

    /// The names of the fields whose typed text could not be saved.
    pub fn unsaved_fields(&self, lang: Lang) -> Vec<&'static str> {
        let rows = self.products.rows.iter().map(|r| &r.errors).chain(self.needs.rows.iter().map(|r| &r.errors));
        let row_errors = rows.chain(self.contacts.rows.iter().map(|r| &r.errors)).flatten();
        self.errors.iter().chain(row_errors).map(|e| e.label.get(lang)).collect()
    }

    pub fn save_row(&mut self, kind: RowKind, index: usize, store: &mut Store, env: &Env) -> Result<bool, StoreError> {
        match kind {
            RowKind::Product => self.products.save(index, store, env),
            RowKind::Need => self.needs.save(index, store, env),
            RowKind::Contact => self.contacts.save(index, store, env),
        }
    }

    /// A blank row at the end of a list, saved once its name is typed.
    pub fn add_row(&mut self, kind: RowKind, env: &Env) {
        fn blank<R: FieldTable + ChildRecord>(company_id: CompanyId, env: &Env) -> RowEditor<R> {
            let mut record = R::default();
            record.set_company_id(company_id);
            RowEditor::new(record, env)
        }
        let id = self.stored.id;
        match kind {
            RowKind::Product => self.products.rows.push(blank(id, env)),
            RowKind::Need => self.needs.rows.push(blank(id, env)),
            RowKind::Contact => self.contacts.rows.push(blank(id, env)),
        }
    }

    /// Deletes a row; its id and name when a stored record went to the recycle bin.
    pub fn delete_row(
        &mut self,
        kind: RowKind,
        index: usize,
        store: &mut Store,
        env: &Env,
    ) -> Result<Option<(i64, String)>, StoreError> {
        let deleted = match kind {
            RowKind::Product => self.products.delete(index, store, env),
            RowKind::Need => self.needs.delete(index, store, env),
            RowKind::Contact => self.contacts.delete(index, store, env),
        }?;
        self.deleted_rows = load_deleted(store, self.stored.id, env)?;
        Ok(deleted)
    }

    /// Reads the company's rows again after some were restored; rows being typed are kept.
    pub fn reload_rows(&mut self, store: &Store, env: &Env) -> Result<(), StoreError> {
        fn merge<R: FieldTable + ChildRecord>(list: &mut RowList<R>, fresh: RowList<R>) {
            let (unsaved, mut known): (Vec<RowEditor<R>>, Vec<RowEditor<R>>) =
                list.rows.drain(..).partition(|r| r.stored.id() == 0);
            // A row already on screen keeps what is typed in it; restored ones come in fresh.
            list.rows = fresh
                .rows
                .into_iter()
                .map(|f| match known.iter().position(|k| k.stored.id() == f.stored.id()) {
                    Some(i) => known.swap_remove(i),
                    None => f,
                })
                .chain(unsaved)
                .collect();
        }
        let id = self.stored.id;
        merge(&mut self.products, RowList::load(store, id, env)?);
        merge(&mut self.needs, RowList::load(store, id, env)?);
        merge(&mut self.contacts, RowList::load(store, id, env)?);
        self.deleted_rows = load_deleted(store, id, env)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor_of(store: &mut Store) -> CompanyEditor {
        let id = store.insert_company(&Company { name: "宁波新星五金有限公司".into(), ..Company::default() }).unwrap();
        CompanyEditor::load(store, id, false, &Env::plain(Lang::Zh)).unwrap()
    }

    #[test]
    fn a_row_is_saved_once_named_and_a_deleted_one_comes_back() {
        let mut store = Store::open_in_memory().unwrap();
        let env = Env::plain(Lang::Zh);
        let mut editor = editor_of(&mut store);
        editor.add_row(RowKind::Product, &env);
        editor.products.rows[0].draft.set("UnitPrice", "-5".into());
        assert!(!editor.save_row(RowKind::Product, 0, &mut store, &env).unwrap(), "no name yet: not saved");
        assert_eq!(editor.unsaved_fields(Lang::Zh), ["产品名称", "单价(元)"]);
        editor.products.rows[0].draft.set("ProductName", "不锈钢螺丝".into());
        assert!(editor.save_row(RowKind::Product, 0, &mut store, &env).unwrap());
        let stored: Vec<Product> = store.children_of(editor.id()).unwrap();
        assert_eq!((stored[0].name.as_str(), stored[0].unit_price), ("不锈钢螺丝", None));

        let deleted = editor.delete_row(RowKind::Product, 0, &mut store, &env).unwrap();
        assert_eq!(deleted.as_ref().map(|(_, name)| name.as_str()), Some("不锈钢螺丝"));
        assert_eq!(editor.deleted_rows.len(), 1);
        store.restore_child::<Product>(deleted.unwrap().0).unwrap();
        editor.reload_rows(&store, &env).unwrap();
        assert_eq!(editor.products.rows.len(), 1);
        assert!(editor.deleted_rows.is_empty());
    }

    #[test]
    fn a_credit_code_of_another_company_is_refused_and_the_rest_saved() {
        let mut store = Store::open_in_memory().unwrap();
        let env = Env::plain(Lang::Zh);
        let code = "914403001922038216";
        store
            .insert_company(&Company { name: "甲公司".into(), credit_code: code.into(), ..Company::default() })
            .unwrap();
        let mut editor = editor_of(&mut store);
        editor.draft.set("CreditCode", code.into());
        editor.draft.set("ContactPerson", "王芳".into());
        assert!(editor.save_company(&mut store, &env).unwrap());
        assert_eq!(editor.errors[0].error, ValidationError::DuplicateCreditCode("甲公司".into()));
        let stored = store.company(editor.id()).unwrap();
        assert_eq!((stored.credit_code.as_str(), stored.contact_person.as_str()), ("", "王芳"));
    }
}
