//! The park's zones (片区). A zone is deleted to the recycle bin only when no company is in it,
//! and adding a zone by the name of a deleted one brings that one back.

use super::{Result, Store, StoreError};
use crate::domain::{Zone, ZoneId};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The zones in use, in their order.
    pub fn zones(&self) -> Result<Vec<Zone>> {
        self.zones_where("IS NULL")
    }

    pub fn deleted_zones(&self) -> Result<Vec<Zone>> {
        self.zones_where("IS NOT NULL")
    }

    fn zones_where(&self, deleted: &str) -> Result<Vec<Zone>> {
        let sql = format!("SELECT id, name FROM zones WHERE deleted_at {deleted} ORDER BY sort_order, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| Ok(Zone { id: r.get(0)?, name: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a zone at the end, or restores the deleted zone of that name; returns its id.
    pub fn add_zone(&mut self, name: &str) -> Result<ZoneId> {
        self.write(|tx| {
            let deleted: Option<ZoneId> = tx
                .query_row("SELECT id FROM zones WHERE name = ?1 AND deleted_at IS NOT NULL", [name], |r| r.get(0))
                .optional()?;
            if let Some(id) = deleted {
                tx.execute(
                    "UPDATE zones SET deleted_at = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                    [id],
                )?;
                return Ok(id);
            }
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

    /// Moves a zone to the recycle bin; refused while any company, in the recycle bin or not,
    /// is in it, so restoring a company never finds its zone gone.
    pub fn delete_zone(&mut self, id: ZoneId) -> Result<()> {
        let (name, companies): (String, i64) = self.conn.query_row(
            "SELECT z.name, (SELECT count(*) FROM companies c WHERE c.zone_id = z.id) FROM zones z WHERE z.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if companies > 0 {
            return Err(StoreError::ZoneInUse { name, companies });
        }
        self.set_deleted("zones", id, true)
    }

    pub fn restore_zone(&mut self, id: ZoneId) -> Result<()> {
        self.set_deleted("zones", id, false)
    }
}
