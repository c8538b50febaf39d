//! Synonym groups and opportunity pipelines.

use super::{Result, Store, StoreError};
use crate::domain::opportunity::{Pipeline, Stage};
use rusqlite::{Row, params};

/// One line of the synonym table: words that name the same thing, separated by spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct SynonymGroup {
    pub id: i64,
    pub words: String,
}

fn pipeline_from_row(r: &Row) -> rusqlite::Result<Pipeline> {
    let date = |i: usize| -> rusqlite::Result<Option<chrono::NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|d| d.parse().ok()))
    };
    Ok(Pipeline {
        need_id: r.get(0)?,
        product_id: r.get(1)?,
        stage: Stage::from_code(&r.get::<_, String>(2)?).unwrap_or_default(),
        introduced_on: date(3)?,
        note: r.get(4)?,
        trial_on: date(5)?,
        contracted_on: date(6)?,
        agreed_unit_price: r.get(7)?,
        agreed_annual_quantity: r.get(8)?,
        baseline_unit_price: r.get(9)?,
        declined_reason: r.get(10)?,
        dismissed_fingerprint: r.get(11)?,
    })
}

impl Store {
    /// Live synonym groups, oldest first.
    pub fn synonym_groups(&self) -> Result<Vec<SynonymGroup>> {
        self.synonym_groups_where("IS NULL")
    }

    /// Deleted synonym groups, so they can be restored.
    pub fn deleted_synonym_groups(&self) -> Result<Vec<SynonymGroup>> {
        self.synonym_groups_where("IS NOT NULL")
    }

    fn synonym_groups_where(&self, deleted: &str) -> Result<Vec<SynonymGroup>> {
        let sql = format!("SELECT id, words FROM synonym_groups WHERE deleted_at {deleted} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok(SynonymGroup { id: r.get(0)?, words: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_synonym_group(&mut self, words: &str) -> Result<i64> {
        self.write(|tx| {
            tx.execute("INSERT INTO synonym_groups (words) VALUES (?1)", [words])?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn update_synonym_group(&mut self, id: i64, words: &str) -> Result<()> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE synonym_groups SET words = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
                params![id, words],
            )? {
                0 => Err(StoreError::NotFound(id)),
                _ => Ok(()),
            }
        })
    }

    pub fn delete_synonym_group(&mut self, id: i64) -> Result<()> {
        self.set_deleted("synonym_groups", id, true)
    }

    pub fn restore_synonym_group(&mut self, id: i64) -> Result<()> {
        self.set_deleted("synonym_groups", id, false)
    }

    /// Every recorded pipeline; pairs without one are plain suggestions.
    pub fn pipelines(&self) -> Result<Vec<Pipeline>> {
        let mut stmt = self.conn.prepare(
            "SELECT need_id, product_id, stage, introduced_on, note, trial_on, contracted_on,
                agreed_unit_price, agreed_annual_quantity, baseline_unit_price, declined_reason,
                dismissed_fingerprint
             FROM opportunities ORDER BY id",
        )?;
        let rows = stmt.query_map([], pipeline_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the pipeline of a need × product pair, replacing what was there.
    pub fn save_pipeline(&mut self, p: &Pipeline) -> Result<()> {
        self.save_pipelines(std::slice::from_ref(p))
    }

    /// Saves several pairs' pipelines in one transaction (a visit introduces them together).
    pub fn save_pipelines(&mut self, pipelines: &[Pipeline]) -> Result<()> {
        self.write(|tx| save_pipelines(tx, pipelines))
    }
}

pub(crate) fn save_pipelines(tx: &rusqlite::Transaction, pipelines: &[Pipeline]) -> Result<()> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    for p in pipelines {
        tx.execute(
            "INSERT INTO opportunities (need_id, product_id, stage, introduced_on, note, trial_on,
                contracted_on, agreed_unit_price, agreed_annual_quantity, baseline_unit_price,
                declined_reason, dismissed_fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (need_id, product_id) DO UPDATE SET stage = excluded.stage,
                introduced_on = excluded.introduced_on, note = excluded.note,
                trial_on = excluded.trial_on, contracted_on = excluded.contracted_on,
                agreed_unit_price = excluded.agreed_unit_price,
                agreed_annual_quantity = excluded.agreed_annual_quantity,
                baseline_unit_price = excluded.baseline_unit_price,
                declined_reason = excluded.declined_reason,
                dismissed_fingerprint = excluded.dismissed_fingerprint,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![
                p.need_id,
                p.product_id,
                p.stage.code(),
                date(p.introduced_on),
                p.note,
                date(p.trial_on),
                date(p.contracted_on),
                p.agreed_unit_price,
                p.agreed_annual_quantity,
                p.baseline_unit_price,
                p.declined_reason,
                p.dismissed_fingerprint
            ],
        )?;
    }
    Ok(())
}
