//! Products, needs and contacts: rows that belong to one company, stored the same way.

use super::{Result, Store, StoreError};
use crate::domain::{CompanyId, Contact, Need, Product, SupplierRegion};
use rusqlite::types::Value;
use rusqlite::{Row, Transaction, params_from_iter};

/// A table of rows owned by a company. `COLUMNS` lists the editable columns, in the order of
/// `values` and of the columns read by `from_row` after `id` and `company_id`.
pub trait ChildRecord: Sized {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    fn id(&self) -> i64;
    fn set_id(&mut self, id: i64);
    fn company_id(&self) -> CompanyId;
    fn set_company_id(&mut self, company_id: CompanyId);
    fn values(&self) -> Vec<Value>;
    /// Reads a row whose first columns are `id, company_id`, then `COLUMNS`.
    fn from_row(row: &Row) -> rusqlite::Result<Self>;
}

/// The ids every child record keeps the same way: its own and its company's.
macro_rules! owned_by_company {
    () => {
        fn id(&self) -> i64 {
            self.id
        }
        fn set_id(&mut self, id: i64) {
            self.id = id;
        }
        fn company_id(&self) -> CompanyId {
            self.company_id
        }
        fn set_company_id(&mut self, company_id: CompanyId) {
            self.company_id = company_id;
        }
    };
}

impl ChildRecord for Product {
    const TABLE: &'static str = "products";
    const COLUMNS: &'static [&'static str] = &["name", "category", "spec", "unit", "unit_price", "annual_capacity"];
    owned_by_company!();
    fn values(&self) -> Vec<Value> {
        vec![
            self.name.clone().into(),
            self.category.clone().into(),
            self.spec.clone().into(),
            self.unit.clone().into(),
            self.unit_price.into(),
            self.annual_capacity.into(),
        ]
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Product {
            id: r.get(0)?,
            company_id: r.get(1)?,
            name: r.get(2)?,
            category: r.get(3)?,
            spec: r.get(4)?,
            unit: r.get(5)?,
            unit_price: r.get(6)?,
            annual_capacity: r.get(7)?,
        })
    }
}

impl ChildRecord for Need {
    const TABLE: &'static str = "needs";
    const COLUMNS: &'static [&'static str] =
        &["item", "category", "spec", "current_supplier", "supplier_region", "unit", "unit_price", "annual_quantity"];
    owned_by_company!();
    fn values(&self) -> Vec<Value> {
        vec![
            self.item.clone().into(),
            self.category.clone().into(),
            self.spec.clone().into(),
            self.current_supplier.clone().into(),
            self.supplier_region.map(|r| r.code().to_string()).into(),
            self.unit.clone().into(),
            self.unit_price.into(),
            self.annual_quantity.into(),
        ]
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Need {
            id: r.get(0)?,
            company_id: r.get(1)?,
            item: r.get(2)?,
            category: r.get(3)?,
            spec: r.get(4)?,
            current_supplier: r.get(5)?,
            supplier_region: r.get::<_, Option<String>>(6)?.and_then(|c| SupplierRegion::from_code(&c)),
            unit: r.get(7)?,
            unit_price: r.get(8)?,
            annual_quantity: r.get(9)?,
        })
    }
}

impl ChildRecord for Contact {
    const TABLE: &'static str = "contacts";
    const COLUMNS: &'static [&'static str] = &["name", "role", "phone", "email"];
    owned_by_company!();
    fn values(&self) -> Vec<Value> {
        vec![self.name.clone().into(), self.role.clone().into(), self.phone.clone().into(), self.email.clone().into()]
    }
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Contact {
            id: r.get(0)?,
            company_id: r.get(1)?,
            name: r.get(2)?,
            role: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
        })
    }
}

impl Store {
    /// The live rows of one company, in the order they were added.
    pub fn children_of<T: ChildRecord>(&self, company_id: CompanyId) -> Result<Vec<T>> {
        self.children_where(company_id, "IS NULL")
    }

    /// The rows of one company in the recycle bin, so they can be restored.
    pub fn deleted_children_of<T: ChildRecord>(&self, company_id: CompanyId) -> Result<Vec<T>> {
        self.children_where(company_id, "IS NOT NULL")
    }

    fn children_where<T: ChildRecord>(&self, company_id: CompanyId, deleted: &str) -> Result<Vec<T>> {
        let sql = format!(
            "SELECT id, company_id, {} FROM {} WHERE company_id = ?1 AND deleted_at {deleted} ORDER BY id",
            T::COLUMNS.join(", "),
            T::TABLE
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([company_id], T::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every live row of a kind, of companies that are not deleted.
    pub fn all_children<T: ChildRecord>(&self) -> Result<Vec<T>> {
        let columns: Vec<String> = T::COLUMNS.iter().map(|c| format!("t.{c}")).collect();
        let sql = format!(
            "SELECT t.id, t.company_id, {} FROM {} t JOIN companies c ON c.id = t.company_id
             WHERE t.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY t.id",
            columns.join(", "),
            T::TABLE
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], T::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn insert_child<T: ChildRecord>(&mut self, record: &T) -> Result<i64> {
        self.write(|tx| insert_child(tx, record))
    }

    pub fn update_child<T: ChildRecord>(&mut self, record: &T) -> Result<()> {
        self.write(|tx| update_child(tx, record))
    }

    /// Soft delete: `restore_child` undoes it.
    pub fn delete_child<T: ChildRecord>(&mut self, id: i64) -> Result<()> {
        self.set_deleted(T::TABLE, id, true)
    }

    pub fn restore_child<T: ChildRecord>(&mut self, id: i64) -> Result<()> {
        self.set_deleted(T::TABLE, id, false)
    }
}

/// Inserts inside a caller's transaction (the demo and imports add many rows in one).
pub(crate) fn insert_child<T: ChildRecord>(tx: &Transaction, record: &T) -> Result<i64> {
    let placeholders: Vec<String> = (2..=T::COLUMNS.len() + 1).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} (company_id, {}) VALUES (?1, {})",
        T::TABLE,
        T::COLUMNS.join(", "),
        placeholders.join(", ")
    );
    let mut values = vec![Value::from(record.company_id())];
    values.extend(record.values());
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(tx.last_insert_rowid())
}

/// Updates inside a caller's transaction.
pub(crate) fn update_child<T: ChildRecord>(tx: &Transaction, record: &T) -> Result<()> {
    let assignments: Vec<String> = T::COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
    let sql = format!(
        "UPDATE {} SET {}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?{}",
        T::TABLE,
        assignments.join(", "),
        T::COLUMNS.len() + 1
    );
    let mut values = record.values();
    values.push(record.id().into());
    match tx.prepare_cached(&sql)?.execute(params_from_iter(values))? {
        0 => Err(StoreError::NotFound(record.id())),
        _ => Ok(()),
    }
}
