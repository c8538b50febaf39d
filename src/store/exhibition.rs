//! The annual exhibitions: the hall, its booths and the products at each, and the leads and
//! deals. A year's booths are saved whole, in one transaction, as the floor plan stands.

use super::{Result, Store, StoreError};
use crate::domain::exhibition::{Booth, BoothAt, Exhibition, Lead, LeadKind};
use rusqlite::{OptionalExtension, Row, Transaction, params};

fn exhibition_of(r: &Row) -> rusqlite::Result<Exhibition> {
    let date = |i: usize| -> rusqlite::Result<_> { Ok(r.get::<_, Option<String>>(i)?.and_then(|d| d.parse().ok())) };
    Ok(Exhibition {
        id: r.get(0)?,
        year: r.get(1)?,
        title: r.get(2)?,
        start: date(3)?,
        end: date(4)?,
        place: r.get(5)?,
        rows: r.get(6)?,
        cols: r.get(7)?,
    })
}

fn lead_of(r: &Row) -> rusqlite::Result<Lead> {
    let kind: String = r.get(5)?;
    let (need, product): (Option<i64>, Option<i64>) = (r.get(7)?, r.get(8)?);
    Ok(Lead {
        id: r.get(0)?,
        exhibitor: r.get(1)?,
        visitor: r.get(2)?,
        visitor_name: r.get(3)?,
        amount: r.get(4)?,
        kind: LeadKind::from_code(&kind).unwrap_or_default(),
        note: r.get(6)?,
        pair: need.zip(product),
    })
}

impl Store {
    /// Every year's exhibition, newest first.
    pub fn exhibitions(&self) -> Result<Vec<Exhibition>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, year, title, start_date, end_date, place, rows, cols FROM exhibitions ORDER BY year DESC",
        )?;
        let rows = stmt.query_map([], exhibition_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or saves the exhibition's details; returns its id.
    pub fn save_exhibition(&mut self, e: &Exhibition) -> Result<i64> {
        self.write(|tx| save_exhibition(tx, e))
    }

    /// The booths of an exhibition, by place, each with its products.
    pub fn booths(&self, exhibition: i64) -> Result<Vec<Booth>> {
        let mut stmt =
            self.conn.prepare("SELECT row, col, company_id FROM booths WHERE exhibition_id = ?1 ORDER BY row, col")?;
        let mut booths: Vec<Booth> = stmt
            .query_map([exhibition], |r| {
                Ok(Booth { at: BoothAt { row: r.get(0)?, col: r.get(1)? }, company: r.get(2)?, products: Vec::new() })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT company_id, product_id FROM booth_products WHERE exhibition_id = ?1 ORDER BY product_id",
        )?;
        for row in stmt.query_map([exhibition], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (company, product) = row?;
            if let Some(booth) = booths.iter_mut().find(|b| b.company == company) {
                booth.products.push(product);
            }
        }
        Ok(booths)
    }

    /// Replaces the exhibition's booths with `booths`, all or none; a booth outside the hall is
    /// refused.
    pub fn set_booths(&mut self, exhibition: i64, booths: &[Booth]) -> Result<()> {
        self.write(|tx| set_booths(tx, exhibition, booths))
    }

    /// The exhibition's leads and deals, oldest first.
    pub fn leads(&self, exhibition: i64) -> Result<Vec<Lead>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, exhibitor_id, visitor_id, visitor_name, amount, kind, note, need_id, product_id
             FROM exhibition_leads WHERE exhibition_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([exhibition], lead_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or saves a lead; returns its id.
    pub fn save_lead(&mut self, exhibition: i64, lead: &Lead) -> Result<i64> {
        self.write(|tx| save_lead(tx, exhibition, lead))
    }

    pub fn delete_lead(&mut self, id: i64) -> Result<()> {
        self.set_deleted("exhibition_leads", id, true)
    }

    pub fn restore_lead(&mut self, id: i64) -> Result<()> {
        self.set_deleted("exhibition_leads", id, false)
    }
}

pub(crate) fn save_exhibition(tx: &Transaction, e: &Exhibition) -> Result<i64> {
    let values = params![
        e.year,
        e.title,
        e.start.map(|d| d.to_string()),
        e.end.map(|d| d.to_string()),
        e.place,
        e.rows,
        e.cols,
        e.id
    ];
    if e.id == 0 {
        tx.execute(
            "INSERT INTO exhibitions (year, title, start_date, end_date, place, rows, cols)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &values[..7],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    let count = tx.execute(
        "UPDATE exhibitions SET year = ?1, title = ?2, start_date = ?3, end_date = ?4, place = ?5, rows = ?6,
            cols = ?7, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?8",
        values,
    )?;
    if count == 0 { Err(StoreError::NotFound(e.id)) } else { Ok(e.id) }
}

pub(crate) fn set_booths(tx: &Transaction, exhibition: i64, booths: &[Booth]) -> Result<()> {
    let hall: Option<(u32, u32)> = tx
        .query_row("SELECT rows, cols FROM exhibitions WHERE id = ?1", [exhibition], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((rows, cols)) = hall else { return Err(StoreError::NotFound(exhibition)) };
    tx.execute("DELETE FROM booth_products WHERE exhibition_id = ?1", [exhibition])?;
    tx.execute("DELETE FROM booths WHERE exhibition_id = ?1", [exhibition])?;
    let mut booth = tx.prepare("INSERT INTO booths (exhibition_id, row, col, company_id) VALUES (?1, ?2, ?3, ?4)")?;
    let mut product =
        tx.prepare("INSERT OR IGNORE INTO booth_products (exhibition_id, company_id, product_id) VALUES (?1, ?2, ?3)")?;
    for b in booths {
        if b.at.row >= rows || b.at.col >= cols {
            return Err(StoreError::NotFound(i64::from(b.at.row * 100 + b.at.col)));
        }
        booth.execute(params![exhibition, b.at.row, b.at.col, b.company])?;
        for p in &b.products {
            product.execute(params![exhibition, b.company, p])?;
        }
    }
    Ok(())
}

pub(crate) fn save_lead(tx: &Transaction, exhibition: i64, l: &Lead) -> Result<i64> {
    let values = params![
        exhibition,
        l.exhibitor,
        l.visitor,
        l.visitor_name,
        l.kind.code(),
        l.amount,
        l.note,
        l.pair.map(|p| p.0),
        l.pair.map(|p| p.1),
        l.id
    ];
    if l.id == 0 {
        tx.execute(
            "INSERT INTO exhibition_leads
                (exhibition_id, exhibitor_id, visitor_id, visitor_name, kind, amount, note, need_id, product_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &values[..9],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    let count = tx.execute(
        "UPDATE exhibition_leads SET exhibition_id = ?1, exhibitor_id = ?2, visitor_id = ?3, visitor_name = ?4,
            kind = ?5, amount = ?6, note = ?7, need_id = ?8, product_id = ?9,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?10 AND deleted_at IS NULL",
        values,
    )?;
    if count == 0 { Err(StoreError::NotFound(l.id)) } else { Ok(l.id) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Company, Product};

    #[test]
    fn an_exhibition_keeps_its_booths_products_and_leads() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.insert_company(&Company { name: "甲".into(), ..Company::default() }).unwrap();
        let b = store.insert_company(&Company { name: "乙".into(), ..Company::default() }).unwrap();
        let product =
            store.insert_child(&Product { company_id: a, name: "导柱".into(), ..Product::default() }).unwrap();
        let id = store.save_exhibition(&Exhibition::new(2025)).unwrap();
        let booths = vec![
            Booth { at: BoothAt { row: 0, col: 1 }, company: a, products: vec![product] },
            Booth { at: BoothAt { row: 1, col: 0 }, company: b, products: vec![] },
        ];
        store.set_booths(id, &booths).unwrap();
        assert_eq!(store.booths(id).unwrap(), booths);
        // A booth outside the hall is refused, and the plan as it was stays.
        let outside = [Booth { at: BoothAt { row: 9, col: 0 }, company: a, products: vec![] }];
        assert!(store.set_booths(id, &outside).is_err());
        assert_eq!(store.booths(id).unwrap(), booths);

        let lead = Lead { exhibitor: a, visitor_name: "外地采购商".into(), amount: Some(5e4), ..Lead::default() };
        let lead_id = store.save_lead(id, &lead).unwrap();
        assert_eq!(store.leads(id).unwrap(), [Lead { id: lead_id, ..lead }]);
        store.delete_lead(lead_id).unwrap();
        assert!(store.leads(id).unwrap().is_empty());
        store.restore_lead(lead_id).unwrap();
        assert_eq!(store.exhibitions().unwrap()[0].year, 2025);
    }
}
