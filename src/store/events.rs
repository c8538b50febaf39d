//! A visit's follow-up actions and the federation's other events. Both are deleted to a recycle
//! bin (`deleted_at`) so a deletion can be undone.

use super::{Result, Store, StoreError};
use crate::domain::events::{EventKind, FederationEvent, FollowUp};
use chrono::NaiveDate;
use rusqlite::{Row, Transaction, params};

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|d| d.parse().ok())
}

fn follow_up_of(r: &Row) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        year: r.get(1)?,
        month: r.get(2)?,
        action: r.get(3)?,
        owner: r.get(4)?,
        due: date(r.get(5)?),
        companies: (r.get(6)?, r.get(7)?),
        introduced: r.get(8)?,
        done: r.get(9)?,
    })
}

const FOLLOW_UP_COLUMNS: &str = "id, year, month, action, owner, due, company_a, company_b, introduced, done";

fn event_of(r: &Row) -> rusqlite::Result<FederationEvent> {
    let kind: String = r.get(1)?;
    Ok(FederationEvent {
        id: r.get(0)?,
        kind: EventKind::from_code(&kind).unwrap_or(EventKind::Other),
        title: r.get(2)?,
        start: date(r.get(3)?).unwrap_or_default(),
        end: date(r.get(4)?).unwrap_or_default(),
        place: r.get(5)?,
        note: r.get(6)?,
    })
}

fn changed(count: usize, id: i64) -> Result<()> {
    if count == 0 { Err(StoreError::NotFound(id)) } else { Ok(()) }
}

impl Store {
    /// The follow-ups of one visit (`Some(month)`) or of the whole year, oldest first.
    pub fn follow_ups(&self, year: i32, month: Option<u32>) -> Result<Vec<FollowUp>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM visit_followups
             WHERE year = ?1 AND (?2 IS NULL OR month = ?2) AND deleted_at IS NULL ORDER BY month, id"
        ))?;
        let rows = stmt.query_map(params![year, month], follow_up_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or saves a follow-up; returns its id.
    pub fn save_follow_up(&mut self, f: &FollowUp) -> Result<i64> {
        self.write(|tx| save_follow_up(tx, f))
    }

    pub fn delete_follow_up(&mut self, id: i64) -> Result<()> {
        self.set_deleted("visit_followups", id, true)
    }

    pub fn restore_follow_up(&mut self, id: i64) -> Result<()> {
        self.set_deleted("visit_followups", id, false)
    }

    /// Every event that is not deleted, by its first day.
    pub fn events(&self) -> Result<Vec<FederationEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, title, start_date, end_date, place, note FROM events
             WHERE deleted_at IS NULL ORDER BY start_date, id",
        )?;
        let rows = stmt.query_map([], event_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or saves an event; returns its id.
    pub fn save_event(&mut self, e: &FederationEvent) -> Result<i64> {
        self.write(|tx| save_event(tx, e))
    }

    pub fn delete_event(&mut self, id: i64) -> Result<()> {
        self.set_deleted("events", id, true)
    }

    pub fn restore_event(&mut self, id: i64) -> Result<()> {
        self.set_deleted("events", id, false)
    }
}

pub(crate) fn save_follow_up(tx: &Transaction, f: &FollowUp) -> Result<i64> {
    let values = params![
        f.year,
        f.month,
        f.action,
        f.owner,
        f.due.map(|d| d.to_string()),
        f.companies.0,
        f.companies.1,
        f.introduced,
        f.done,
        f.id
    ];
    if f.id == 0 {
        tx.execute(
            "INSERT INTO visit_followups (year, month, action, owner, due, company_a, company_b, introduced, done)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &values[..9],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    let count = tx.execute(
        "UPDATE visit_followups SET year = ?1, month = ?2, action = ?3, owner = ?4, due = ?5, company_a = ?6,
            company_b = ?7, introduced = ?8, done = ?9, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?10 AND deleted_at IS NULL",
        values,
    )?;
    changed(count, f.id).map(|()| f.id)
}

pub(crate) fn save_event(tx: &Transaction, e: &FederationEvent) -> Result<i64> {
    let values =
        params![e.kind.code(), e.title, e.start.to_string(), e.end.max(e.start).to_string(), e.place, e.note, e.id];
    if e.id == 0 {
        tx.execute(
            "INSERT INTO events (kind, title, start_date, end_date, place, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &values[..6],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    let count = tx.execute(
        "UPDATE events SET kind = ?1, title = ?2, start_date = ?3, end_date = ?4, place = ?5, note = ?6,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?7 AND deleted_at IS NULL",
        values,
    )?;
    changed(count, e.id).map(|()| e.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_ups_and_events_are_saved_deleted_and_restored() {
        let mut store = Store::open_in_memory().unwrap();
        let mut f = FollowUp { year: 2026, month: 3, action: "报价".into(), ..Default::default() };
        f.id = store.save_follow_up(&f).unwrap();
        f.done = true;
        store.save_follow_up(&f).unwrap();
        assert_eq!(store.follow_ups(2026, Some(3)).unwrap(), [f.clone()]);
        store.delete_follow_up(f.id).unwrap();
        assert!(store.follow_ups(2026, None).unwrap().is_empty());
        store.restore_follow_up(f.id).unwrap();
        assert_eq!(store.follow_ups(2026, None).unwrap(), [f]);

        let day = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        let e = FederationEvent { title: "政策宣讲".into(), start: day, ..Default::default() };
        let id = store.save_event(&e).unwrap();
        assert_eq!(store.events().unwrap(), [FederationEvent { id, end: day, ..e.clone() }], "one day");
        store.delete_event(id).unwrap();
        assert!(store.events().unwrap().is_empty());
        store.restore_event(id).unwrap();
        assert_eq!(store.events().unwrap().len(), 1);
    }
}
