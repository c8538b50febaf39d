//! The advisory group's tables: departments, the routing of categories, requests (their pauses
//! as a JSON list) and the history of every step, written with the request in one transaction.

use super::{Result, Store, StoreError};
use crate::domain::CompanyId;
use crate::domain::advisory::{Channel, Department, Half, Pause, Place, Request, Session, Slot, Status, When};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use std::collections::HashMap;

/// Which department owns a category, and in how many working days.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub category: String,
    pub department: i64,
    pub time_limit: u32,
}

/// One step in a request's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub request: i64,
    pub at: String,
    pub who: String,
    pub from: Option<Status>,
    pub to: Status,
    pub department: Option<i64>,
    /// What was done, as a code (`assign`, `decline`…).
    pub step: String,
    pub note: String,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|d| d.parse().ok())
}

fn pauses_of(json: &str) -> Vec<Pause> {
    let pairs: Vec<(String, Option<String>)> = serde_json::from_str(json).unwrap_or_default();
    pairs.into_iter().filter_map(|(from, to)| Some(Pause { from: from.parse().ok()?, to: date(to) })).collect()
}

fn pauses_json(pauses: &[Pause]) -> String {
    let pairs: Vec<(String, Option<String>)> =
        pauses.iter().map(|p| (p.from.to_string(), p.to.map(|d| d.to_string()))).collect();
    serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
}

const REQUEST_COLUMNS: &str = "id, number, company_id, category, description, raised_on, raised_by, channel, \
    department_id, status, time_limit, pauses, resolved_on, satisfaction, comment";

fn request_of(r: &Row) -> rusqlite::Result<Request> {
    let channel: String = r.get(7)?;
    let status: String = r.get(9)?;
    let pauses: String = r.get(11)?;
    Ok(Request {
        id: r.get(0)?,
        number: r.get(1)?,
        company: r.get(2)?,
        category: r.get(3)?,
        description: r.get(4)?,
        raised_on: date(r.get(5)?).unwrap_or_default(),
        raised_by: r.get(6)?,
        channel: Channel::from_code(&channel).unwrap_or_default(),
        department: r.get(8)?,
        status: Status::from_code(&status).unwrap_or_default(),
        time_limit: r.get(10)?,
        pauses: pauses_of(&pauses),
        resolved_on: date(r.get(12)?),
        satisfaction: r.get(13)?,
        comment: r.get(14)?,
    })
}

impl Store {
    pub fn departments(&self) -> Result<Vec<Department>> {
        let mut stmt = self.conn.prepare("SELECT id, name, short_name, contacts FROM departments ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Department { id: r.get(0)?, name: r.get(1)?, short_name: r.get(2)?, contacts: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_department_contacts(&mut self, id: i64, contacts: &str) -> Result<()> {
        self.write(|tx| set_department_contacts(tx, id, contacts))
    }

    /// The routing table, by category.
    pub fn routes(&self) -> Result<Vec<Route>> {
        let mut stmt = self.conn.prepare(
            "SELECT category, department_id, time_limit FROM category_routes ORDER BY department_id, category",
        )?;
        let rows =
            stmt.query_map([], |r| Ok(Route { category: r.get(0)?, department: r.get(1)?, time_limit: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or changes a category's department and time limit.
    pub fn set_route(&mut self, route: &Route) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO category_routes (category, department_id, time_limit) VALUES (?1, ?2, ?3)
                 ON CONFLICT (category) DO UPDATE SET department_id = excluded.department_id,
                    time_limit = excluded.time_limit, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                params![route.category, route.department, route.time_limit],
            )?;
            Ok(())
        })
    }

    /// Every request, newest first.
    pub fn requests(&self) -> Result<Vec<Request>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {REQUEST_COLUMNS} FROM requests ORDER BY raised_on DESC, id DESC"))?;
        let rows = stmt.query_map([], request_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn request(&self, id: i64) -> Result<Request> {
        self.conn
            .query_row(&format!("SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?1"), [id], request_of)
            .optional()?
            .ok_or(StoreError::NotFound(id))
    }

    /// A request's steps, oldest first (`None`: every request's).
    pub fn request_history(&self, request: Option<i64>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT request_id, at, who, from_status, to_status, department_id, step, note FROM request_history
             WHERE ?1 IS NULL OR request_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([request], |r| {
            let from: Option<String> = r.get(3)?;
            let to: String = r.get(4)?;
            Ok(HistoryEntry {
                request: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                from: from.and_then(|f| Status::from_code(&f)),
                to: Status::from_code(&to).unwrap_or_default(),
                department: r.get(5)?,
                step: r.get(6)?,
                note: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves the request as it is after a step, with the step in its history; returns its id.
    pub fn save_request(&mut self, request: &Request, entry: &HistoryEntry) -> Result<i64> {
        self.write(|tx| save_request(tx, request, entry))
    }
}

/// A service week as stored: the Monday of its week and the departments taking part.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceWeek {
    pub id: i64,
    pub week_of: NaiveDate,
    pub departments: Vec<i64>,
}

/// A slot of a stored week, and whether the department came.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSlot {
    pub id: i64,
    pub slot: Slot,
    pub attended: Option<bool>,
}

fn ids(text: &str) -> Vec<i64> {
    text.split(',').filter_map(|n| n.trim().parse().ok()).collect()
}

fn list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

impl Store {
    /// Every service week, newest first.
    pub fn service_weeks(&self) -> Result<Vec<ServiceWeek>> {
        let mut stmt = self.conn.prepare("SELECT id, week_of, departments FROM service_weeks ORDER BY week_of DESC")?;
        let rows = stmt.query_map([], |r| {
            let departments: String = r.get(2)?;
            Ok(ServiceWeek {
                id: r.get(0)?,
                week_of: date(r.get(1)?).unwrap_or_default(),
                departments: ids(&departments),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn week_slots(&self, week: i64) -> Result<Vec<StoredSlot>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, day, half, department_id, companies, requests, attended, session FROM service_slots
             WHERE week_id = ?1 ORDER BY day, half, department_id",
        )?;
        let rows = stmt.query_map([week], |r| {
            let (half, companies, requests): (String, String, String) = (r.get(2)?, r.get(4)?, r.get(5)?);
            let session: String = r.get(7)?;
            let place = if companies.is_empty() {
                Place::Centre(Session::from_code(&session).unwrap_or(Session::Briefing))
            } else {
                Place::Companies(ids(&companies))
            };
            Ok(StoredSlot {
                id: r.get(0)?,
                slot: Slot {
                    when: When {
                        day: date(r.get(1)?).unwrap_or_default(),
                        half: Half::from_code(&half).unwrap_or(Half::Morning),
                    },
                    department: r.get(3)?,
                    place,
                    requests: ids(&requests),
                },
                attended: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps the week's plan, replacing the one before; returns the week's id.
    pub fn save_week(&mut self, week_of: NaiveDate, departments: &[i64], slots: &[Slot]) -> Result<i64> {
        self.write(|tx| save_week(tx, week_of, departments, slots))
    }

    /// Moves a slot to another half-day (the secretary's change).
    pub fn move_slot(&mut self, id: i64, when: When) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE service_slots SET day = ?2, half = ?3 WHERE id = ?1",
                params![id, when.day.to_string(), when.half.code()],
            )?;
            if n == 0 { Err(StoreError::NotFound(id)) } else { Ok(()) }
        })
    }

    /// How many departments each company can receive in one half-day, where the secretary has
    /// said (the others take `advisory::week::DEFAULT_CAPACITY`).
    pub fn hosting_capacity(&self) -> Result<HashMap<CompanyId, usize>> {
        let mut stmt = self.conn.prepare("SELECT company_id, departments FROM hosting_capacity")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, u32>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets how many departments a company can receive in one half-day; `None` goes back to the
    /// default.
    pub fn set_hosting_capacity(&mut self, company: CompanyId, departments: Option<usize>) -> Result<()> {
        self.write(|tx| {
            match departments {
                Some(n) => tx.execute(
                    "INSERT INTO hosting_capacity (company_id, departments) VALUES (?1, ?2)
                     ON CONFLICT (company_id) DO UPDATE SET departments = excluded.departments",
                    params![company, n.max(1) as u32],
                )?,
                None => tx.execute("DELETE FROM hosting_capacity WHERE company_id = ?1", [company])?,
            };
            Ok(())
        })
    }

    /// Records whether the department came to the slot.
    pub fn set_attended(&mut self, id: i64, attended: Option<bool>) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("UPDATE service_slots SET attended = ?2 WHERE id = ?1", params![id, attended])?;
            if n == 0 { Err(StoreError::NotFound(id)) } else { Ok(()) }
        })
    }
}

pub(crate) fn set_department_contacts(tx: &Transaction, id: i64, contacts: &str) -> Result<()> {
    match tx.execute("UPDATE departments SET contacts = ?2 WHERE id = ?1", params![id, contacts])? {
        0 => Err(StoreError::NotFound(id)),
        _ => Ok(()),
    }
}

pub(crate) fn save_week(tx: &Transaction, week_of: NaiveDate, departments: &[i64], slots: &[Slot]) -> Result<i64> {
    tx.execute(
        "INSERT INTO service_weeks (week_of, departments) VALUES (?1, ?2)
         ON CONFLICT (week_of) DO UPDATE SET departments = excluded.departments,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![week_of.to_string(), list(departments)],
    )?;
    let id: i64 =
        tx.query_row("SELECT id FROM service_weeks WHERE week_of = ?1", [week_of.to_string()], |r| r.get(0))?;
    tx.execute("DELETE FROM service_slots WHERE week_id = ?1", [id])?;
    let mut stmt = tx.prepare(
        "INSERT INTO service_slots (week_id, day, half, department_id, companies, requests, session)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for s in slots {
        let (companies, session) = match &s.place {
            Place::Companies(cs) => (list(cs), ""),
            Place::Centre(session) => (String::new(), session.code()),
        };
        stmt.execute(params![
            id,
            s.when.day.to_string(),
            s.when.half.code(),
            s.department,
            companies,
            list(&s.requests),
            session
        ])?;
    }
    Ok(id)
}

/// One request, read inside a transaction (the demo's).
pub(crate) fn request_in(tx: &Transaction, id: i64) -> Result<Request> {
    Ok(tx.query_row(&format!("SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?1"), [id], request_of)?)
}

/// The next free number of `year`: SQ2026-0042.
pub(crate) fn next_number(tx: &Transaction, year: i32) -> Result<String> {
    let prefix = format!("SQ{year}-");
    let last: Option<String> = tx
        .query_row("SELECT max(number) FROM requests WHERE number LIKE ?1 || '%'", [&prefix], |r| r.get(0))
        .optional()?
        .flatten();
    let n = last.and_then(|l| l.strip_prefix(&prefix).and_then(|n| n.parse::<u32>().ok())).unwrap_or(0) + 1;
    Ok(format!("{prefix}{n:04}"))
}

pub(crate) fn save_request(tx: &Transaction, r: &Request, entry: &HistoryEntry) -> Result<i64> {
    let number =
        if r.number.is_empty() { next_number(tx, chrono::Datelike::year(&r.raised_on))? } else { r.number.clone() };
    let values = params![
        number,
        r.company,
        r.category,
        r.description,
        r.raised_on.to_string(),
        r.raised_by,
        r.channel.code(),
        r.department,
        r.status.code(),
        r.time_limit,
        pauses_json(&r.pauses),
        r.resolved_on.map(|d| d.to_string()),
        r.satisfaction,
        r.comment,
        r.id
    ];
    let id = if r.id == 0 {
        tx.execute(
            "INSERT INTO requests (number, company_id, category, description, raised_on, raised_by, channel,
                department_id, status, time_limit, pauses, resolved_on, satisfaction, comment)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            &values[..14],
        )?;
        tx.last_insert_rowid()
    } else {
        match tx.execute(
            "UPDATE requests SET number = ?1, company_id = ?2, category = ?3, description = ?4, raised_on = ?5,
                raised_by = ?6, channel = ?7, department_id = ?8, status = ?9, time_limit = ?10, pauses = ?11,
                resolved_on = ?12, satisfaction = ?13, comment = ?14,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?15",
            values,
        )? {
            0 => return Err(StoreError::NotFound(r.id)),
            _ => r.id,
        }
    };
    tx.execute(
        "INSERT INTO request_history (request_id, at, who, from_status, to_status, department_id, step, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            entry.at,
            entry.who,
            entry.from.map(|s| s.code()),
            entry.to.code(),
            entry.department,
            entry.step,
            entry.note
        ],
    )?;
    Ok(id)
}
