use super::{Result, Store};
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
}
