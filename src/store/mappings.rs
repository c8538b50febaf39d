//! What the user taught an import: column mappings by header layout, and how to read values it
//! did not recognise.

use super::{Result, Store};
use crate::domain::fields::ValueMap;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The mapping (JSON) last chosen for sheets whose headers have this signature.
    pub fn saved_mapping(&self, signature: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT mapping FROM import_mappings WHERE signature = ?1", [signature], |r| r.get(0))
            .optional()?)
    }

    pub fn save_mapping(&mut self, signature: &str, mapping_json: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO import_mappings (signature, mapping) VALUES (?1, ?2)
                 ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                params![signature, mapping_json],
            )?;
            Ok(())
        })
    }

    /// Every value the user told an import how to read.
    pub fn value_mappings(&self) -> Result<ValueMap> {
        let mut stmt = self.conn.prepare("SELECT field, value, meaning FROM value_mappings")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers how to read these values, replacing what was said before for the same ones.
    pub fn save_value_mappings(&mut self, mappings: &ValueMap) -> Result<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO value_mappings (field, value, meaning) VALUES (?1, ?2, ?3)
                 ON CONFLICT (field, value) DO UPDATE SET meaning = excluded.meaning,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            )?;
            for ((field, value), meaning) in mappings {
                stmt.execute(params![field, value, meaning])?;
            }
            Ok(())
        })
    }
}
