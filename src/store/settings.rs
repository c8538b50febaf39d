//! The federation's own settings, one row each.

use super::{Result, Store};
use crate::domain::place::ParkPlace;
use crate::domain::workdays::WorkCalendar;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

const PARK_CITY: &str = "park.city";
const PARK_PROVINCE: &str = "park.province";

const FEEDBACK_QUESTIONS: &str = "visits.feedback.questions";

const FEDERATION_NAME: &str = "federation.name";

const REPORT_TEMPLATE: &str = "report.template";

/// The questions a federation's feedback form starts with (the article's 反馈表).
const DEFAULT_QUESTIONS: [&str; 4] = ["活动组织", "交流收获", "对接机会", "总体满意度"];

fn spring_key(year: i32) -> String {
    format!("visits.{year}.spring_festival")
}

impl Store {
    fn setting(&self, key: &str) -> Result<String> {
        let value = self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        Ok(value.unwrap_or_default())
    }

    /// Where the park is, which gives 本地, 省内 and 省外 their meaning; empty until the user says.
    pub fn park_place(&self) -> Result<ParkPlace> {
        Ok(ParkPlace::new(&self.setting(PARK_CITY)?, &self.setting(PARK_PROVINCE)?))
    }

    /// The federation's name, for slides and reports; empty until the user says.
    pub fn federation_name(&self) -> Result<String> {
        self.setting(FEDERATION_NAME)
    }

    pub fn set_federation_name(&mut self, name: &str) -> Result<()> {
        self.write(|tx| set_federation_name(tx, name))
    }

    /// The wording of the work report (年度工作总结), as the secretary last changed it.
    pub fn report_template(&self) -> Result<String> {
        let text = self.setting(REPORT_TEMPLATE)?;
        Ok(if text.trim().is_empty() { crate::present::report::DEFAULT_TEMPLATE.to_string() } else { text })
    }

    /// Saves the report's wording; empty goes back to the one Qilian starts with.
    pub fn set_report_template(&mut self, text: &str) -> Result<()> {
        self.write(|tx| put(tx, REPORT_TEMPLATE, text))
    }

    /// Whether the secretary asked for a visit in `year`'s Spring Festival month after all.
    pub fn visit_in_spring_festival(&self, year: i32) -> Result<bool> {
        Ok(self.setting(&spring_key(year))? == "1")
    }

    pub fn set_visit_in_spring_festival(&mut self, year: i32, on: bool) -> Result<()> {
        self.write(|tx| put(tx, &spring_key(year), if on { "1" } else { "0" }))
    }

    /// The questions of the visits' feedback form (反馈表), one template for every visit.
    pub fn feedback_questions(&self) -> Result<Vec<String>> {
        let text = self.setting(FEEDBACK_QUESTIONS)?;
        let questions: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        Ok(if questions.is_empty() { DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect() } else { questions })
    }

    pub fn set_feedback_questions(&mut self, questions: &[String]) -> Result<()> {
        self.write(|tx| put(tx, FEEDBACK_QUESTIONS, &questions.join("\n")))
    }

    /// The official calendar with the secretary's entries over it.
    pub fn work_calendar(&self) -> Result<WorkCalendar> {
        let mut stmt = self.conn.prepare("SELECT date, workday FROM holidays")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
        let mut calendar = WorkCalendar::default();
        for row in rows {
            let (date, workday) = row?;
            if let Ok(date) = date.parse() {
                calendar.entered.insert(date, workday);
            }
        }
        let mut stmt =
            self.conn.prepare("SELECT key FROM settings WHERE key LIKE 'holidays.%.complete' AND value = '1'")?;
        let keys = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for key in keys {
            if let Some(year) = key?.split('.').nth(1).and_then(|y| y.parse().ok()) {
                calendar.complete_years.insert(year);
            }
        }
        Ok(calendar)
    }

    /// Enters `date` as a working day (`Some(true)`), a day off (`Some(false)`), or as the
    /// official calendar has it (`None`).
    pub fn set_holiday(&mut self, date: NaiveDate, workday: Option<bool>) -> Result<()> {
        self.write(|tx| {
            match workday {
                Some(w) => tx.execute(
                    "INSERT INTO holidays (date, workday) VALUES (?1, ?2)
                     ON CONFLICT (date) DO UPDATE SET workday = excluded.workday,
                        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                    params![date.to_string(), w],
                )?,
                None => tx.execute("DELETE FROM holidays WHERE date = ?1", [date.to_string()])?,
            };
            Ok(())
        })
    }

    /// Says that `year`'s whole schedule has been entered (or not).
    pub fn set_holiday_year_complete(&mut self, year: i32, complete: bool) -> Result<()> {
        self.write(|tx| put(tx, &format!("holidays.{year}.complete"), if complete { "1" } else { "0" }))
    }

    pub fn set_park_place(&mut self, place: &ParkPlace) -> Result<()> {
        self.write(|tx| set_park_place(tx, place))
    }
}

/// Writes where the park is inside a transaction already open (the demo's).
pub(crate) fn set_park_place(tx: &rusqlite::Transaction, place: &ParkPlace) -> Result<()> {
    put(tx, PARK_CITY, &place.city)?;
    put(tx, PARK_PROVINCE, &place.province)
}

/// Writes the federation's name inside a transaction already open (the demo's).
pub(crate) fn set_federation_name(tx: &rusqlite::Transaction, name: &str) -> Result<()> {
    put(tx, FEDERATION_NAME, name.trim())
}

/// Sets one setting.
fn put(tx: &rusqlite::Transaction, key: &str, value: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    )?
    .execute(params![key, value])?;
    Ok(())
}
