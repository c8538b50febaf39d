//! The visits table: one row a month, the months companies cannot host, and the change log of
//! published months.

use super::{Result, Store, StoreError};
use crate::domain::CompanyId;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl VisitDetails {
    /// What of these arrangements `new` changes. Filling in what was blank is not a change to
    /// what the members were told.
    pub fn changes_to(&self, new: &VisitDetails) -> Vec<Arrangement> {
        let changed = |old: &str, new: &str| !old.is_empty() && old != new;
        [
            (Arrangement::Time, changed(&self.time, &new.time)),
            (Arrangement::Place, changed(&self.place, &new.place)),
            (Arrangement::Theme, changed(&self.theme, &new.theme)),
            (Arrangement::Agenda, changed(&self.agenda, &new.agenda)),
        ]
        .into_iter()
        .filter_map(|(a, changed)| changed.then_some(a))
        .collect()
    }
}

/// A month of the visit plan as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitMonth {
    pub year: i32,
    pub month: u32,
    pub host: Option<CompanyId>,
    pub date: Option<NaiveDate>,
    /// The plan's reasons in words, as they were when the month was saved.
    pub reasons: String,
    pub published: bool,
    pub pinned: bool,
}

/// What the invitation says of a visit besides its host and day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitDetails {
    /// When it starts, as the secretary writes it: 14:00, 下午两点.
    pub time: String,
    pub place: String,
    pub theme: String,
    /// One item a line.
    pub agenda: String,
}

crate::labelled_enum! {
    /// What an invited member answered.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Reply {
        #[default]
        Awaiting = ("awaiting", "未回复", "No reply"),
        Accepted = ("accepted", "接受", "Accepted"),
        Declined = ("declined", "谢绝", "Declined"),
    }
}

/// A member invited to a visit, or there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Guest {
    pub company: CompanyId,
    pub invited: bool,
    pub reply: Reply,
    pub attended: bool,
}

/// One company's part in the visits: what it hosted, what it attended (and whose visit), and the
/// months it cannot host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyVisits {
    /// Published visits it hosted, (year, month), newest first.
    pub hosted: Vec<(i32, u32)>,
    /// Visits it attended, (year, month, host), newest first.
    pub attended: Vec<(i32, u32, Option<CompanyId>)>,
    pub unavailable: Vec<u32>,
}

/// One answer of a feedback form: a question's score (1–5) and a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackAnswer {
    pub company: CompanyId,
    pub question: String,
    pub score: Option<u8>,
    pub comment: String,
}

crate::labelled_enum! {
    /// What of a visit's arrangements a change touched, besides its day.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Arrangement {
        Time = ("time", "时间", "time"),
        Place = ("place", "地点", "place"),
        Theme = ("theme", "主题", "theme"),
        Agenda = ("agenda", "议程", "agenda"),
    }
}

/// A change to a published month: its host, or its day and arrangements.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitChange {
    pub year: i32,
    pub month: u32,
    pub old_host: Option<CompanyId>,
    pub new_host: Option<CompanyId>,
    /// The day before and after, when the change moved it.
    pub old_date: Option<NaiveDate>,
    pub new_date: Option<NaiveDate>,
    pub arrangements: Vec<Arrangement>,
    pub reason: String,
    pub changed_at: String,
}

fn month_of(row: &rusqlite::Row) -> rusqlite::Result<VisitMonth> {
    let date: Option<String> = row.get(3)?;
    Ok(VisitMonth {
        year: row.get(0)?,
        month: row.get(1)?,
        host: row.get(2)?,
        date: date.and_then(|d| d.parse().ok()),
        reasons: row.get(4)?,
        published: row.get(5)?,
        pinned: row.get(6)?,
    })
}

const MONTH_COLUMNS: &str = "year, month, host_id, date, reasons, published, pinned";

impl Store {
    /// The stored months of `year`, in order (months never planned are absent).
    pub fn visit_months(&self, year: i32) -> Result<Vec<VisitMonth>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {MONTH_COLUMNS} FROM visits WHERE year = ?1 ORDER BY month"))?;
        let rows = stmt.query_map([year], month_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who was invited to and who attended the visit of `month`.
    pub fn visit_guests(&self, year: i32, month: u32) -> Result<Vec<Guest>> {
        let mut stmt = self.conn.prepare(
            "SELECT company_id, invited, attended, reply FROM visit_guests WHERE year = ?1 AND month = ?2
             AND (invited OR attended) ORDER BY company_id",
        )?;
        let rows = stmt.query_map(params![year, month], |r| {
            let reply: String = r.get(3)?;
            Ok(Guest {
                company: r.get(0)?,
                invited: r.get(1)?,
                reply: Reply::from_code(&reply).unwrap_or_default(),
                attended: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets who is invited or attended, as given; in one transaction (ticking a whole list).
    pub fn set_visit_guests(&mut self, year: i32, month: u32, guests: &[Guest]) -> Result<()> {
        self.record_visit_sheet(year, month, guests, &[])
    }

    /// Records who was there and the feedback answers given, all in one transaction or none (a
    /// sign-in sheet or the feedback forms read from Excel).
    pub fn record_visit_sheet(
        &mut self,
        year: i32,
        month: u32,
        guests: &[Guest],
        answers: &[FeedbackAnswer],
    ) -> Result<()> {
        self.write(|tx| record_guests(tx, year, month, guests, answers))
    }

    /// The time, place, theme and agenda of the visit of `month` (empty when none is stored).
    pub fn visit_details(&self, year: i32, month: u32) -> Result<VisitDetails> {
        let details = self
            .conn
            .query_row(
                "SELECT start_time, place, theme, agenda FROM visits WHERE year = ?1 AND month = ?2",
                params![year, month],
                |r| Ok(VisitDetails { time: r.get(0)?, place: r.get(1)?, theme: r.get(2)?, agenda: r.get(3)? }),
            )
            .optional()?;
        Ok(details.unwrap_or_default())
    }

    /// Sets the day (when given) and the details of a stored month, and pins it: a re-plan must not
    /// give the arrangements another host or day. A published month's change is logged with
    /// `reason`.
    pub fn set_visit_details(
        &mut self,
        year: i32,
        month: u32,
        date: Option<NaiveDate>,
        details: &VisitDetails,
        reason: &str,
    ) -> Result<()> {
        self.write(|tx| set_details(tx, year, month, date, details, reason))
    }

    /// Every attendance of every visit: (year, month, company).
    pub fn all_attendance(&self) -> Result<Vec<(i32, u32, CompanyId)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT year, month, company_id FROM visit_guests WHERE attended ORDER BY year, month")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When each company last attended a visit, before `year`'s `month`.
    pub fn last_attended_before(&self, year: i32, month: u32) -> Result<Vec<(CompanyId, i32, u32)>> {
        let mut stmt = self.conn.prepare(
            "SELECT company_id, max(year * 100 + month) FROM visit_guests
             WHERE attended AND year * 100 + month < ?1 GROUP BY company_id",
        )?;
        let rows = stmt.query_map([year * 100 + month as i32], |r| {
            let (id, key): (CompanyId, i32) = (r.get(0)?, r.get(1)?);
            Ok((id, key / 100, (key % 100) as u32))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What `company` hosted and attended, and when it cannot host.
    pub fn company_visits(&self, company: CompanyId) -> Result<CompanyVisits> {
        let mut stmt = self.conn.prepare(
            "SELECT year, month FROM visits WHERE host_id = ?1 AND published ORDER BY year DESC, month DESC",
        )?;
        let hosted = stmt.query_map([company], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT g.year, g.month, v.host_id FROM visit_guests g
             LEFT JOIN visits v ON v.year = g.year AND v.month = g.month
             WHERE g.company_id = ?1 AND g.attended ORDER BY g.year DESC, g.month DESC",
        )?;
        let attended =
            stmt.query_map([company], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare("SELECT month FROM host_unavailable WHERE company_id = ?1 ORDER BY month")?;
        let unavailable = stmt.query_map([company], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(CompanyVisits { hosted, attended, unavailable })
    }

    /// The feedback forms of the visit of `month` (`None`: every visit of the year).
    pub fn visit_feedback(&self, year: i32, month: Option<u32>) -> Result<Vec<FeedbackAnswer>> {
        let mut stmt = self.conn.prepare(
            "SELECT company_id, question, score, comment FROM visit_feedback
             WHERE year = ?1 AND (?2 IS NULL OR month = ?2) ORDER BY month, company_id, question",
        )?;
        let rows = stmt.query_map(params![year, month], |r| {
            Ok(FeedbackAnswer { company: r.get(0)?, question: r.get(1)?, score: r.get(2)?, comment: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves one answer of a company's form for the visit of `month`.
    pub fn set_visit_feedback(&mut self, year: i32, month: u32, answer: &FeedbackAnswer) -> Result<()> {
        self.write(|tx| save_answer(tx, year, month, answer))
    }

    /// Every stored month of every year, oldest first.
    pub fn all_visit_months(&self) -> Result<Vec<VisitMonth>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {MONTH_COLUMNS} FROM visits ORDER BY year, month"))?;
        let rows = stmt.query_map([], month_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When each company last hosted a published visit before `year`.
    pub fn last_hosted_before(&self, year: i32) -> Result<Vec<(CompanyId, NaiveDate)>> {
        let mut stmt = self.conn.prepare(
            "SELECT host_id, max(date) FROM visits
             WHERE published AND host_id IS NOT NULL AND date IS NOT NULL AND year < ?1 GROUP BY host_id",
        )?;
        let rows = stmt.query_map([year], |r| Ok((r.get::<_, CompanyId>(0)?, r.get::<_, String>(1)?)))?;
        let mut found = Vec::new();
        for row in rows {
            let (id, date) = row?;
            if let Ok(date) = date.parse() {
                found.push((id, date));
            }
        }
        Ok(found)
    }

    /// Every company's months it cannot host.
    pub fn host_unavailable(&self) -> Result<Vec<(CompanyId, u32)>> {
        let mut stmt =
            self.conn.prepare("SELECT company_id, month FROM host_unavailable ORDER BY company_id, month")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_host_unavailable(&mut self, company: CompanyId, months: &[u32]) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM host_unavailable WHERE company_id = ?1", [company])?;
            let mut stmt = tx.prepare("INSERT INTO host_unavailable (company_id, month) VALUES (?1, ?2)")?;
            for month in months {
                stmt.execute(params![company, month])?;
            }
            Ok(())
        })
    }

    /// Saves the unpublished, unpinned months of a plan, leaving settled months as they are.
    pub fn save_visit_plan(&mut self, months: &[VisitMonth]) -> Result<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO visits (year, month, host_id, date, reasons, published, pinned)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)
                 ON CONFLICT (year, month) DO UPDATE SET host_id = excluded.host_id, date = excluded.date,
                    reasons = excluded.reasons, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE NOT visits.published AND NOT visits.pinned",
            )?;
            for m in months {
                stmt.execute(params![m.year, m.month, m.host, m.date.map(|d| d.to_string()), m.reasons])?;
            }
            Ok(())
        })
    }

    /// Publishes every planned month of `year` that has a host.
    pub fn publish_visit_plan(&mut self, year: i32) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE visits SET published = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE year = ?1 AND host_id IS NOT NULL AND NOT published",
                [year],
            )?)
        })
    }

    pub fn set_visit_pinned(&mut self, year: i32, month: u32, pinned: bool) -> Result<()> {
        self.write(|tx| {
            match tx
                .execute("UPDATE visits SET pinned = ?3 WHERE year = ?1 AND month = ?2", params![year, month, pinned])?
            {
                0 => Err(StoreError::NotFound(i64::from(month))),
                _ => Ok(()),
            }
        })
    }

    /// Gives a month another host (`None`: no visit that month). A published month's change is
    /// logged with `reason`; the month is pinned so a re-plan keeps the secretary's choice.
    pub fn set_visit_host(&mut self, year: i32, month: u32, host: Option<CompanyId>, reason: &str) -> Result<()> {
        self.write(|tx| set_host(tx, year, month, host, reason))
    }

    /// Swaps the hosts of two months, logging both when published.
    pub fn swap_visit_hosts(&mut self, year: i32, a: u32, b: u32, reason: &str) -> Result<()> {
        self.write(|tx| {
            let host = |month: u32| -> Result<Option<CompanyId>> {
                Ok(tx
                    .query_row("SELECT host_id FROM visits WHERE year = ?1 AND month = ?2", params![year, month], |r| {
                        r.get(0)
                    })
                    .optional()?
                    .flatten())
            };
            let (host_a, host_b) = (host(a)?, host(b)?);
            set_host(tx, year, a, host_b, reason)?;
            set_host(tx, year, b, host_a, reason)
        })
    }

    /// Every change to the published months of `year`, oldest first.
    pub fn visit_changes(&self, year: i32) -> Result<Vec<VisitChange>> {
        let mut stmt = self.conn.prepare(
            "SELECT year, month, old_host_id, new_host_id, reason, changed_at, old_date, new_date, arrangements
             FROM visit_changes WHERE year = ?1 ORDER BY id",
        )?;
        let date = |text: Option<String>| text.and_then(|d| d.parse().ok());
        let rows = stmt.query_map([year], |r| {
            let arrangements: String = r.get(8)?;
            Ok(VisitChange {
                year: r.get(0)?,
                month: r.get(1)?,
                old_host: r.get(2)?,
                new_host: r.get(3)?,
                old_date: date(r.get(6)?),
                new_date: date(r.get(7)?),
                arrangements: arrangements.split(',').filter_map(Arrangement::from_code).collect(),
                reason: r.get(4)?,
                changed_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn set_details(
    tx: &rusqlite::Transaction,
    year: i32,
    month: u32,
    date: Option<NaiveDate>,
    d: &VisitDetails,
    reason: &str,
) -> Result<()> {
    let before = tx
        .query_row(
            "SELECT host_id, date, start_time, place, theme, agenda FROM visits
             WHERE year = ?1 AND month = ?2 AND published",
            params![year, month],
            |r| {
                let date: Option<String> = r.get(1)?;
                let details = VisitDetails { time: r.get(2)?, place: r.get(3)?, theme: r.get(4)?, agenda: r.get(5)? };
                Ok((r.get::<_, Option<CompanyId>>(0)?, date.and_then(|d| d.parse::<NaiveDate>().ok()), details))
            },
        )
        .optional()?;
    if let Some((host, old_date, old)) = before {
        let new_date = date.or(old_date);
        let arrangements: Vec<&str> = old.changes_to(d).into_iter().map(Arrangement::code).collect();
        if new_date != old_date || !arrangements.is_empty() {
            let moved = new_date != old_date;
            tx.execute(
                "INSERT INTO visit_changes (year, month, old_host_id, new_host_id, reason, old_date, new_date, arrangements)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
                params![
                    year,
                    month,
                    host,
                    reason,
                    old_date.filter(|_| moved).map(|d| d.to_string()),
                    new_date.filter(|_| moved).map(|d| d.to_string()),
                    arrangements.join(",")
                ],
            )?;
        }
    }
    let count = tx.execute(
        "UPDATE visits SET date = coalesce(?3, date), start_time = ?4, place = ?5, theme = ?6, agenda = ?7,
            pinned = CASE WHEN published THEN pinned ELSE 1 END, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE year = ?1 AND month = ?2",
        params![year, month, date.map(|d| d.to_string()), d.time, d.place, d.theme, d.agenda],
    )?;
    if count == 0 { Err(StoreError::NotFound(i64::from(month))) } else { Ok(()) }
}

/// Who was invited and there, and the answers given, for the visit of `month`.
pub(crate) fn record_guests(
    tx: &rusqlite::Transaction,
    year: i32,
    month: u32,
    guests: &[Guest],
    answers: &[FeedbackAnswer],
) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO visit_guests (year, month, company_id, invited, attended, reply) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (year, month, company_id) DO UPDATE SET invited = excluded.invited,
            attended = excluded.attended, reply = excluded.reply,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    )?;
    for g in guests {
        stmt.execute(params![year, month, g.company, g.invited, g.attended, g.reply.code()])?;
    }
    for answer in answers {
        save_answer(tx, year, month, answer)?;
    }
    Ok(())
}

fn save_answer(tx: &rusqlite::Transaction, year: i32, month: u32, answer: &FeedbackAnswer) -> Result<()> {
    tx.execute(
        "INSERT INTO visit_feedback (year, month, company_id, question, score, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (year, month, company_id, question) DO UPDATE SET score = excluded.score,
            comment = excluded.comment, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![year, month, answer.company, answer.question, answer.score, answer.comment],
    )?;
    Ok(())
}

/// Writes one month as it is (the demo federation's past visits).
pub(crate) fn insert_visit(tx: &rusqlite::Transaction, m: &VisitMonth) -> Result<()> {
    tx.execute(
        "INSERT INTO visits (year, month, host_id, date, reasons, published, pinned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![m.year, m.month, m.host, m.date.map(|d| d.to_string()), m.reasons, m.published, m.pinned],
    )?;
    Ok(())
}

fn set_host(tx: &rusqlite::Transaction, year: i32, month: u32, host: Option<CompanyId>, reason: &str) -> Result<()> {
    let before: Option<(Option<CompanyId>, bool)> = tx
        .query_row("SELECT host_id, published FROM visits WHERE year = ?1 AND month = ?2", params![year, month], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    // The secretary's reason becomes the month's: it says why this host, now.
    tx.execute(
        "INSERT INTO visits (year, month, host_id, reasons, pinned) VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT (year, month) DO UPDATE SET host_id = excluded.host_id, pinned = 1,
            reasons = excluded.reasons, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![year, month, host, reason],
    )?;
    if let Some((old, true)) = before
        && old != host
    {
        tx.execute(
            "INSERT INTO visit_changes (year, month, old_host_id, new_host_id, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![year, month, old, host, reason],
        )?;
    }
    Ok(())
}
