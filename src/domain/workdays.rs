//! China's working days: the official holiday calendar, with its 调休 (weekend days worked to
//! make up for a long holiday), as the `chinese_holiday` crate publishes it from the State
//! Council's notices, and the secretary's own entries for the years it does not cover yet (the
//! next year's notice comes out in November). Where neither reaches the answer is "unknown",
//! never a guess.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{HashMap, HashSet};

/// The official calendar with the secretary's entries over it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkCalendar {
    /// Days entered by hand: true for a working day (a 补班 weekend), false for a day off.
    pub entered: HashMap<NaiveDate, bool>,
    /// Years whose whole schedule the secretary has entered.
    pub complete_years: HashSet<i32>,
}

impl WorkCalendar {
    /// Whether every day of `year` is known: from the official calendar, or entered in full.
    pub fn year_known(&self, year: i32) -> bool {
        year_known(year) || self.complete_years.contains(&year)
    }

    /// Whether `date` is a working day, where it is known: an entry first, then the official
    /// calendar, then weekdays of a year entered in full.
    pub fn official_workday(&self, date: NaiveDate) -> Option<bool> {
        if let Some(&workday) = self.entered.get(&date) {
            return Some(workday);
        }
        official_workday(date).or_else(|| {
            self.complete_years.contains(&date.year()).then(|| !matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
        })
    }

    /// Whether `date` is a working day as far as can be known (Monday to Friday elsewhere).
    pub fn workday(&self, date: NaiveDate) -> bool {
        self.official_workday(date).unwrap_or(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The day `days` working days after `from`, not counting the days `also_off` names (a
    /// request's pauses). `None` past the end of the calendar.
    pub fn working_days_after(
        &self,
        from: NaiveDate,
        days: u32,
        also_off: impl Fn(NaiveDate) -> bool,
    ) -> Option<NaiveDate> {
        let mut day = from;
        let mut counted = 0;
        while counted < days {
            day = day.succ_opt()?;
            if self.workday(day) && !also_off(day) {
                counted += 1;
            }
        }
        Some(day)
    }
}

/// The dates the official calendar covers (the crate's own bounds: it panics outside them).
fn covered(date: NaiveDate) -> bool {
    let first = NaiveDate::from_ymd_opt(2004, 1, 1);
    let last = NaiveDate::from_ymd_opt(2026, 12, 25);
    first.is_some_and(|f| date >= f) && last.is_some_and(|l| date <= l)
}

/// Whether the official calendar knows every day of `year`.
pub fn year_known(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(covered)
        && NaiveDate::from_ymd_opt(year, 12, 25).is_some_and(covered)
}

/// Whether `date` is a working day: `Some` from the official calendar (a holiday on a weekday is
/// not one; a 补班 Saturday is), `None` where the calendar does not reach.
pub fn official_workday(date: NaiveDate) -> Option<bool> {
    let ymd = (u16::try_from(date.year()).ok()?, date.month() as u8, date.day() as u8);
    covered(date).then(|| chinese_holiday::chinese_holiday(ymd).is_workday())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn holidays_and_make_up_days_of_a_known_year() {
        assert!(year_known(2026));
        // 2026: New Year's Day off on a Thursday; Sunday 4 January worked in exchange.
        assert_eq!(official_workday(day(2026, 1, 1)), Some(false));
        assert_eq!(official_workday(day(2026, 1, 4)), Some(true));
        // National Day week, and an ordinary Tuesday.
        assert_eq!(official_workday(day(2026, 10, 5)), Some(false));
        assert_eq!(official_workday(day(2026, 11, 24)), Some(true));
        assert_eq!(official_workday(day(2026, 11, 28)), Some(false), "a Saturday");
    }

    #[test]
    fn an_unknown_year_is_said_to_be_unknown_without_panicking() {
        assert!(!year_known(2027));
        assert!(!year_known(2003));
        assert_eq!(official_workday(day(2027, 2, 8)), None);
        assert_eq!(official_workday(day(2026, 12, 31)), None, "past the calendar's last day");
        let calendar = WorkCalendar::default();
        assert!(calendar.workday(day(2027, 2, 8)), "a Monday, as far as can be known");
        assert!(!calendar.workday(day(2027, 2, 6)), "a Saturday");
    }

    #[test]
    fn the_secretarys_entries_fill_a_year_the_official_calendar_does_not_cover() {
        let mut calendar = WorkCalendar::default();
        // 2027's Spring Festival as the notice would give it: days off, and a Saturday worked.
        calendar.entered.insert(day(2027, 2, 8), false);
        calendar.entered.insert(day(2027, 2, 20), true);
        assert!(!calendar.year_known(2027));
        assert_eq!(calendar.official_workday(day(2027, 2, 8)), Some(false));
        assert_eq!(calendar.official_workday(day(2027, 2, 20)), Some(true));
        assert_eq!(calendar.official_workday(day(2027, 3, 1)), None, "not entered, year not complete");
        calendar.complete_years.insert(2027);
        assert!(calendar.year_known(2027));
        assert_eq!(calendar.official_workday(day(2027, 3, 1)), Some(true), "a Monday of a year entered in full");
        assert!(!calendar.workday(day(2027, 2, 8)));
        // An entry also corrects a covered year.
        calendar.entered.insert(day(2026, 11, 24), false);
        assert_eq!(calendar.official_workday(day(2026, 11, 24)), Some(false));
    }
}
