//! China's working days: the official holiday calendar, with its 调休 (weekend days worked to
//! make up for a long holiday), as the `chinese_holiday` crate publishes it from the State
//! Council's notices. Outside the years it covers the answer is "unknown", never a guess.

use chrono::{Datelike, NaiveDate, Weekday};

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

/// Whether `date` is a working day as far as can be known: the official calendar where it
/// reaches, Monday to Friday elsewhere (the caller says the year is not known).
pub fn workday(date: NaiveDate) -> bool {
    official_workday(date).unwrap_or(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
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
        assert!(workday(day(2027, 2, 8)), "a Monday, as far as can be known");
        assert!(!workday(day(2027, 2, 6)), "a Saturday");
    }
}
