use super::{Result, Store, StoreError};
use crate::domain::search_key::company_search_key;
use crate::domain::{Company, CompanyId, MemberStatus};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

/// A company as the members list shows it: the record, what search matches on, and whether it is
/// in the recycle bin.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyListItem {
    pub company: Company,
    pub search_key: String,
    pub deleted: bool,
}

const COLUMNS: &str = "id, name, short_name, credit_code, zone_id, address, x_m, y_m, industry, ownership,
    employees, status, join_date, stars, contact_person, phone, notes";

fn company_from_row(r: &Row) -> rusqlite::Result<Company> {
    Ok(Company {
        id: r.get(0)?,
        name: r.get(1)?,
        short_name: r.get(2)?,
        credit_code: r.get(3)?,
        zone_id: r.get(4)?,
        address: r.get(5)?,
        x_m: r.get(6)?,
        y_m: r.get(7)?,
        industry: r.get(8)?,
        ownership: r.get(9)?,
        employees: r.get(10)?,
        status: MemberStatus::from_code(&r.get::<_, String>(11)?).unwrap_or_default(),
        join_date: r.get::<_, Option<String>>(12)?.and_then(|d| d.parse().ok()),
        stars: r.get(13)?,
        contact_person: r.get(14)?,
        phone: r.get(15)?,
        notes: r.get(16)?,
    })
}

fn list_item_from_row(r: &Row) -> rusqlite::Result<CompanyListItem> {
    Ok(CompanyListItem { company: company_from_row(r)?, search_key: r.get(17)?, deleted: r.get(18)? })
}

impl Store {
    /// Companies not in the recycle bin, in id order.
    pub fn live_companies(&self) -> Result<Vec<Company>> {
        let sql = format!("SELECT {COLUMNS} FROM companies WHERE deleted_at IS NULL ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], company_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every company, deleted ones included (flagged), in id order.
    pub fn company_list(&self) -> Result<Vec<CompanyListItem>> {
        let sql = format!("SELECT {COLUMNS}, search_key, deleted_at IS NOT NULL FROM companies ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], list_item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One company as the list shows it, deleted or not; `None` when there is no such company.
    pub fn company_list_item(&self, id: CompanyId) -> Result<Option<CompanyListItem>> {
        let sql = format!("SELECT {COLUMNS}, search_key, deleted_at IS NOT NULL FROM companies WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], list_item_from_row).optional()?)
    }

    pub fn company(&self, id: CompanyId) -> Result<Company> {
        let sql = format!("SELECT {COLUMNS} FROM companies WHERE id = ?1");
        self.conn.query_row(&sql, [id], company_from_row).optional()?.ok_or(StoreError::NotFound(id))
    }

    pub fn insert_company(&mut self, company: &Company) -> Result<CompanyId> {
        self.write(|tx| insert_company(tx, company))
    }

    pub fn update_company(&mut self, company: &Company) -> Result<()> {
        self.write(|tx| update_company(tx, company))
    }

    /// Moves a company to the recycle bin; `restore_company` brings it back unchanged.
    pub fn delete_company(&mut self, id: CompanyId) -> Result<()> {
        self.set_deleted("companies", id, true)
    }

    pub fn restore_company(&mut self, id: CompanyId) -> Result<()> {
        self.set_deleted("companies", id, false)
    }
}

/// Inserts inside a caller's transaction, so the demo and imports can add many in one.
pub(crate) fn insert_company(tx: &Transaction, company: &Company) -> Result<CompanyId> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO companies (name, short_name, credit_code, zone_id, address, x_m, y_m, industry, ownership,
            employees, status, join_date, stars, contact_person, phone, notes, search_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    name_credit_code_conflict(tx, company, stmt.execute(params_from_iter(company_values(company))))?;
    Ok(tx.last_insert_rowid())
}

/// Updates inside a caller's transaction (imports update many in one).
pub(crate) fn update_company(tx: &Transaction, company: &Company) -> Result<()> {
    let mut values = company_values(company);
    values.push(company.id.into());
    let mut stmt = tx.prepare_cached(
        "UPDATE companies SET name = ?1, short_name = ?2, credit_code = ?3, zone_id = ?4, address = ?5,
            x_m = ?6, y_m = ?7, industry = ?8, ownership = ?9, employees = ?10, status = ?11,
            join_date = ?12, stars = ?13, contact_person = ?14, phone = ?15, notes = ?16,
            search_key = ?17, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?18",
    )?;
    let changed = name_credit_code_conflict(tx, company, stmt.execute(params_from_iter(values)))?;
    if changed == 0 {
        return Err(StoreError::NotFound(company.id));
    }
    Ok(())
}

/// The 17 stored columns of a company, in the order of `insert_company`'s statement.
fn company_values(c: &Company) -> Vec<Value> {
    vec![
        c.name.clone().into(),
        c.short_name.clone().into(),
        c.credit_code.clone().into(),
        c.zone_id.into(),
        c.address.clone().into(),
        c.x_m.into(),
        c.y_m.into(),
        c.industry.clone().into(),
        c.ownership.clone().into(),
        c.employees.into(),
        c.status.code().to_string().into(),
        c.join_date.map(|d| d.to_string()).into(),
        c.stars.into(),
        c.contact_person.clone().into(),
        c.phone.clone().into(),
        c.notes.clone().into(),
        company_search_key(&c.name, &c.short_name).into(),
    ]
}

/// The `<> ''` lets SQLite use the partial unique index; without it every insert scans the table.
const CREDIT_CODE_OWNER: &str = "SELECT name FROM companies WHERE credit_code = ?1 AND credit_code <> '' AND id <> ?2";

/// Turns a unique-index violation on the credit code into an error naming the company that holds
/// it. Looked up only on failure, so bulk inserts pay nothing for the friendly message.
fn name_credit_code_conflict<T>(tx: &Transaction, company: &Company, result: rusqlite::Result<T>) -> Result<T> {
    match result {
        Err(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
                && !company.credit_code.is_empty() =>
        {
            let other: Option<String> = tx
                .prepare_cached(CREDIT_CODE_OWNER)?
                .query_row(params![company.credit_code, company.id], |r| r.get(0))
                .optional()?;
            Err(other.map_or_else(|| StoreError::from(e), StoreError::DuplicateCreditCode))
        }
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_credit_code_lookup_uses_its_index() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let plan: String = store
            .conn
            .query_row(&format!("EXPLAIN QUERY PLAN {}", super::CREDIT_CODE_OWNER), ["x", "1"], |r| r.get(3))
            .unwrap();
        assert!(plan.contains("companies_credit_code"), "{plan}");
    }
}
