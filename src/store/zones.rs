use super::{Result, Store};
use crate::domain::{Zone, ZoneId};
use rusqlite::params;

impl Store {
    pub fn zones(&self) -> Result<Vec<Zone>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM zones ORDER BY sort_order, id")?;
        let rows = stmt.query_map([], |r| Ok(Zone { id: r.get(0)?, name: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_zone(&mut self, name: &str) -> Result<ZoneId> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO zones (name, sort_order) VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM zones))",
                params![name],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn rename_zone(&mut self, id: ZoneId, name: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE zones SET name = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                params![id, name],
            )?;
            Ok(())
        })
    }
}
