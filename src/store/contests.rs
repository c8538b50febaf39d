//! The contests' tables: contests, events with their rules, entries, judges, who sits on which
//! panel and which entries a judge does not see, scores, the judges' sheets and every correction
//! made to a returned sheet. The rules the writes obey (回避, locks, ranges) are
//! `contests::service`'s; here is how it is kept.

use super::{Result, Store, StoreError};
use crate::domain::contest::{
    Aggregation, AwardCounts, Contest, Criterion, Entry, Event, Judge, Score, SheetState, TieBreak,
};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

/// A change to a score on a returned sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub entry: i64,
    pub judge: i64,
    pub criterion: usize,
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub reason: String,
    /// Who made it (the judge, as the secretary entered it).
    pub by: String,
    pub at: String,
}

/// A signed sheet sent back to its judge for correction.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetReturn {
    pub judge: i64,
    pub reason: String,
    pub at: String,
}

/// A judge's sheet for an event.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub judge: i64,
    pub state: SheetState,
    /// Why it was returned.
    pub reason: String,
}

#[derive(Serialize, Deserialize)]
struct StoredCriterion {
    name: String,
    weight: f64,
    max: f64,
}

fn contest_of(r: &Row) -> rusqlite::Result<Contest> {
    let industries: String = r.get(6)?;
    Ok(Contest {
        id: r.get(0)?,
        year: r.get(1)?,
        quarter: r.get(2)?,
        title: r.get(3)?,
        date: r.get::<_, Option<String>>(4)?.and_then(|d| d.parse().ok()),
        place: r.get(5)?,
        industries: industries.lines().filter(|l| !l.is_empty()).map(String::from).collect(),
    })
}

fn event_of(r: &Row) -> rusqlite::Result<Event> {
    let criteria: String = r.get(3)?;
    let criteria: Vec<StoredCriterion> = serde_json::from_str(&criteria).unwrap_or_default();
    let aggregation: String = r.get(4)?;
    let tie_breaks: String = r.get(7)?;
    let awards: String = r.get(8)?;
    let counts: Vec<u32> = awards.split(',').filter_map(|n| n.parse().ok()).collect();
    Ok(Event {
        id: r.get(0)?,
        contest_id: r.get(1)?,
        name: r.get(2)?,
        criteria: criteria.into_iter().map(|c| Criterion { name: c.name, weight: c.weight, max: c.max }).collect(),
        aggregation: Aggregation::from_code(&aggregation).unwrap_or_default(),
        drop_from: r.get(5)?,
        disagreement: r.get(6)?,
        tie_breaks: tie_breaks.split(',').filter_map(TieBreak::from_code).collect(),
        awards: match counts[..] {
            [first, second, third, excellent] => AwardCounts { first, second, third, excellent },
            _ => AwardCounts::default(),
        },
    })
}

fn entry_of(r: &Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        event_id: r.get(1)?,
        company: r.get(2)?,
        contestant: r.get(3)?,
        employee_no: r.get(4)?,
        trade: r.get(5)?,
        time_seconds: r.get(6)?,
        order: r.get(7)?,
    })
}

const ENTRY_COLUMNS: &str = "id, event_id, company_id, contestant, employee_no, trade, time_seconds, run_order";

impl Store {
    /// Every contest, newest first.
    pub fn contests(&self) -> Result<Vec<Contest>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, year, quarter, title, date, place, industries FROM contests ORDER BY year DESC, quarter DESC",
        )?;
        let rows = stmt.query_map([], contest_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or saves a contest; returns its id.
    pub fn save_contest(&mut self, c: &Contest) -> Result<i64> {
        self.write(|tx| save_contest(tx, c))
    }

    /// The events of a contest, in the order they were added.
    pub fn contest_events(&self, contest: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, contest_id, name, criteria, aggregation, drop_from, disagreement, tie_breaks, awards
             FROM contest_events WHERE contest_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([contest], event_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn save_contest_event(&mut self, e: &Event) -> Result<i64> {
        self.write(|tx| save_contest_event(tx, e))
    }

    /// The entries of an event, in their running order (undrawn ones last, as added).
    pub fn contest_entries(&self, event: i64) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM contest_entries WHERE event_id = ?1 AND deleted_at IS NULL
             ORDER BY run_order IS NULL, run_order, id"
        ))?;
        let rows = stmt.query_map([event], entry_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or saves entries, all in one transaction; returns their ids.
    pub fn save_contest_entries(&mut self, entries: &[Entry]) -> Result<Vec<i64>> {
        self.write(|tx| entries.iter().map(|e| save_entry(tx, e)).collect())
    }

    pub fn delete_contest_entry(&mut self, id: i64) -> Result<()> {
        self.set_deleted("contest_entries", id, true)
    }

    pub fn restore_contest_entry(&mut self, id: i64) -> Result<()> {
        self.set_deleted("contest_entries", id, false)
    }

    pub fn judges(&self, contest: i64) -> Result<Vec<Judge>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, contest_id, name, company_id FROM contest_judges
             WHERE contest_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([contest], |r| {
            Ok(Judge { id: r.get(0)?, contest_id: r.get(1)?, name: r.get(2)?, company: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn save_judge(&mut self, j: &Judge) -> Result<i64> {
        self.write(|tx| save_judge(tx, j))
    }

    /// The judges on the event's panel.
    pub fn panel(&self, event: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT judge_id FROM judge_panels WHERE event_id = ?1 ORDER BY judge_id")?;
        let rows = stmt.query_map([event], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_on_panel(&mut self, event: i64, judge: i64, on: bool) -> Result<()> {
        self.write(|tx| set_on_panel(tx, event, judge, on))
    }

    /// The (judge, entry) pairs of the event's panel where the judge does not score the entry.
    pub fn skips(&self, event: i64) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.judge_id, s.entry_id FROM judge_skips s JOIN contest_entries e ON e.id = s.entry_id
             WHERE e.event_id = ?1",
        )?;
        let rows = stmt.query_map([event], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_skip(&mut self, judge: i64, entry: i64, skip: bool) -> Result<()> {
        self.write(|tx| set_skip(tx, judge, entry, skip))
    }

    /// Every score of the event's entries.
    pub fn contest_scores(&self, event: i64) -> Result<Vec<Score>> {
        let mut stmt =
            self.conn.prepare("SELECT entry_id, judge_id, criterion, value FROM contest_scores WHERE event_id = ?1")?;
        let rows = stmt.query_map([event], |r| {
            Ok(Score { entry: r.get(0)?, judge: r.get(1)?, criterion: r.get::<_, u32>(2)? as usize, value: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The judges' sheets of the event that are not simply open.
    pub fn sheets(&self, event: i64) -> Result<Vec<Sheet>> {
        let mut stmt = self.conn.prepare("SELECT judge_id, state, reason FROM score_sheets WHERE event_id = ?1")?;
        let rows = stmt.query_map([event], |r| {
            let state: String = r.get(1)?;
            Ok(Sheet { judge: r.get(0)?, state: SheetState::from_code(&state).unwrap_or_default(), reason: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every return of the event's signed sheets, oldest first.
    pub fn sheet_returns(&self, event: i64) -> Result<Vec<SheetReturn>> {
        let mut stmt = self
            .conn
            .prepare("SELECT judge_id, reason, returned_at FROM sheet_returns WHERE event_id = ?1 ORDER BY id")?;
        let rows =
            stmt.query_map([event], |r| Ok(SheetReturn { judge: r.get(0)?, reason: r.get(1)?, at: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every correction of the event's scores, oldest first.
    pub fn corrections(&self, event: i64) -> Result<Vec<Correction>> {
        let mut stmt = self.conn.prepare(
            "SELECT entry_id, judge_id, criterion, old_value, new_value, reason, corrected_by, corrected_at
             FROM score_corrections WHERE event_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([event], |r| {
            Ok(Correction {
                entry: r.get(0)?,
                judge: r.get(1)?,
                criterion: r.get::<_, u32>(2)? as usize,
                old: r.get(3)?,
                new: r.get(4)?,
                reason: r.get(5)?,
                by: r.get(6)?,
                at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The seed of the event's draw, if it was drawn.
    pub fn draw_seed(&self, event: i64) -> Result<Option<u64>> {
        let seed: Option<i64> = self
            .conn
            .query_row("SELECT seed FROM contest_draws WHERE event_id = ?1", [event], |r| r.get(0))
            .optional()?;
        Ok(seed.map(|s| s as u64))
    }

    /// Keeps the draw: its seed, and each entry's place in the running order.
    pub fn set_draw(&mut self, event: i64, seed: u64, order: &[i64]) -> Result<()> {
        self.write(|tx| set_draw(tx, event, seed, order))
    }
}

pub(crate) fn save_contest(tx: &Transaction, c: &Contest) -> Result<i64> {
    let values =
        params![c.year, c.quarter, c.title, c.date.map(|d| d.to_string()), c.place, c.industries.join("\n"), c.id];
    if c.id == 0 {
        tx.execute(
            "INSERT INTO contests (year, quarter, title, date, place, industries) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &values[..6],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    match tx.execute(
        "UPDATE contests SET year = ?1, quarter = ?2, title = ?3, date = ?4, place = ?5, industries = ?6,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?7",
        values,
    )? {
        0 => Err(StoreError::NotFound(c.id)),
        _ => Ok(c.id),
    }
}

pub(crate) fn save_contest_event(tx: &Transaction, e: &Event) -> Result<i64> {
    let criteria: Vec<StoredCriterion> =
        e.criteria.iter().map(|c| StoredCriterion { name: c.name.clone(), weight: c.weight, max: c.max }).collect();
    let criteria = serde_json::to_string(&criteria).unwrap_or_else(|_| "[]".into());
    let tie_breaks: Vec<String> = e.tie_breaks.iter().map(|t| t.code()).collect();
    let a = e.awards;
    let awards = format!("{},{},{},{}", a.first, a.second, a.third, a.excellent);
    let values = params![
        e.contest_id,
        e.name,
        criteria,
        e.aggregation.code(),
        e.drop_from,
        e.disagreement,
        tie_breaks.join(","),
        awards,
        e.id
    ];
    if e.id == 0 {
        tx.execute(
            "INSERT INTO contest_events (contest_id, name, criteria, aggregation, drop_from, disagreement, tie_breaks, awards)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &values[..8],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    match tx.execute(
        "UPDATE contest_events SET contest_id = ?1, name = ?2, criteria = ?3, aggregation = ?4, drop_from = ?5,
            disagreement = ?6, tie_breaks = ?7, awards = ?8, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?9",
        values,
    )? {
        0 => Err(StoreError::NotFound(e.id)),
        _ => Ok(e.id),
    }
}

pub(crate) fn save_entry(tx: &Transaction, e: &Entry) -> Result<i64> {
    let values = params![e.event_id, e.company, e.contestant, e.employee_no, e.trade, e.time_seconds, e.order, e.id];
    if e.id == 0 {
        tx.execute(
            "INSERT INTO contest_entries (event_id, company_id, contestant, employee_no, trade, time_seconds, run_order)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &values[..7],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    match tx.execute(
        "UPDATE contest_entries SET event_id = ?1, company_id = ?2, contestant = ?3, employee_no = ?4, trade = ?5,
            time_seconds = ?6, run_order = ?7, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?8",
        values,
    )? {
        0 => Err(StoreError::NotFound(e.id)),
        _ => Ok(e.id),
    }
}

pub(crate) fn save_judge(tx: &Transaction, j: &Judge) -> Result<i64> {
    if j.id == 0 {
        tx.execute(
            "INSERT INTO contest_judges (contest_id, name, company_id) VALUES (?1, ?2, ?3)",
            params![j.contest_id, j.name, j.company],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    match tx.execute(
        "UPDATE contest_judges SET name = ?2, company_id = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1",
        params![j.id, j.name, j.company],
    )? {
        0 => Err(StoreError::NotFound(j.id)),
        _ => Ok(j.id),
    }
}

pub(crate) fn set_on_panel(tx: &Transaction, event: i64, judge: i64, on: bool) -> Result<()> {
    if on {
        tx.execute("INSERT OR IGNORE INTO judge_panels (event_id, judge_id) VALUES (?1, ?2)", params![event, judge])?;
    } else {
        tx.execute("DELETE FROM judge_panels WHERE event_id = ?1 AND judge_id = ?2", params![event, judge])?;
    }
    Ok(())
}

pub(crate) fn set_skip(tx: &Transaction, judge: i64, entry: i64, skip: bool) -> Result<()> {
    if skip {
        tx.execute("INSERT OR IGNORE INTO judge_skips (judge_id, entry_id) VALUES (?1, ?2)", params![judge, entry])?;
    } else {
        tx.execute("DELETE FROM judge_skips WHERE judge_id = ?1 AND entry_id = ?2", params![judge, entry])?;
    }
    Ok(())
}

/// Writes one score (`None` clears it); on a returned sheet the change is logged with `reason`.
pub(crate) fn set_score(
    tx: &Transaction,
    event: i64,
    score: (i64, i64, usize),
    value: Option<f64>,
    correction: Option<(&str, &str)>,
) -> Result<()> {
    let (entry, judge, criterion) = (score.0, score.1, score.2 as u32);
    let old: Option<f64> = tx
        .query_row(
            "SELECT value FROM contest_scores WHERE entry_id = ?1 AND judge_id = ?2 AND criterion = ?3",
            params![entry, judge, criterion],
            |r| r.get(0),
        )
        .optional()?;
    if old == value {
        return Ok(());
    }
    match value {
        Some(v) => tx.execute(
            "INSERT INTO contest_scores (event_id, entry_id, judge_id, criterion, value) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (entry_id, judge_id, criterion) DO UPDATE SET value = excluded.value,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![event, entry, judge, criterion, v],
        )?,
        None => tx.execute(
            "DELETE FROM contest_scores WHERE entry_id = ?1 AND judge_id = ?2 AND criterion = ?3",
            params![entry, judge, criterion],
        )?,
    };
    if let Some((reason, by)) = correction {
        tx.execute(
            "INSERT INTO score_corrections (event_id, entry_id, judge_id, criterion, old_value, new_value, reason, corrected_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![event, entry, judge, criterion, old, value, reason, by],
        )?;
    }
    Ok(())
}

/// The sheet's state now, as the file has it (open when never signed).
pub(crate) fn sheet_state(tx: &Transaction, event: i64, judge: i64) -> Result<SheetState> {
    let state: Option<String> = tx
        .query_row("SELECT state FROM score_sheets WHERE event_id = ?1 AND judge_id = ?2", params![event, judge], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(state.and_then(|s| SheetState::from_code(&s)).unwrap_or_default())
}

/// Sends a signed sheet back, logging the return.
pub(crate) fn return_sheet(tx: &Transaction, event: i64, judge: i64, reason: &str) -> Result<()> {
    set_sheet(tx, event, judge, SheetState::Returned, reason)?;
    tx.execute(
        "INSERT INTO sheet_returns (event_id, judge_id, reason) VALUES (?1, ?2, ?3)",
        params![event, judge, reason],
    )?;
    Ok(())
}

pub(crate) fn set_sheet(tx: &Transaction, event: i64, judge: i64, state: SheetState, reason: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO score_sheets (event_id, judge_id, state, reason) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (event_id, judge_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
            changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![event, judge, state.code(), reason],
    )?;
    Ok(())
}

pub(crate) fn set_draw(tx: &Transaction, event: i64, seed: u64, order: &[i64]) -> Result<()> {
    tx.execute(
        "INSERT INTO contest_draws (event_id, seed) VALUES (?1, ?2)
         ON CONFLICT (event_id) DO UPDATE SET seed = excluded.seed, drawn_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![event, seed as i64],
    )?;
    tx.execute("UPDATE contest_entries SET run_order = NULL WHERE event_id = ?1", [event])?;
    let mut stmt = tx.prepare("UPDATE contest_entries SET run_order = ?2 WHERE id = ?1 AND event_id = ?3")?;
    for (i, entry) in order.iter().enumerate() {
        stmt.execute(params![entry, i as u32 + 1, event])?;
    }
    Ok(())
}
