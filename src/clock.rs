//! The day the app takes as today: the system's, unless `QILIAN_TODAY` (YYYY-MM-DD) names another
//! or a test fixes it. Deadlines, the plan's year and what counts as overdue all follow it, so a
//! test that fixes the day keeps its figures and images as the calendar moves on.

use chrono::NaiveDate;
use std::sync::OnceLock;

static FIXED: OnceLock<Option<NaiveDate>> = OnceLock::new();

fn fixed() -> Option<NaiveDate> {
    *FIXED.get_or_init(|| std::env::var("QILIAN_TODAY").ok().and_then(|day| day.trim().parse().ok()))
}

/// Today, as the app takes it.
pub fn today() -> NaiveDate {
    fixed().unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Now, as the app takes it: on a fixed day, that day at nine in the morning, so what a test
/// records at "now" reads the same on every run.
pub fn now() -> chrono::NaiveDateTime {
    match fixed() {
        Some(day) => day.and_time(chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()),
        None => chrono::Local::now().naive_local(),
    }
}

/// Fixes today for the rest of the process (tests). The first day fixed, or named in
/// `QILIAN_TODAY`, stays.
pub fn fix_today(day: NaiveDate) {
    let _ = FIXED.set(Some(day));
}
