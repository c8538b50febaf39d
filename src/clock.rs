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

/// Fixes today for the rest of the process (tests). The first day fixed, or named in
/// `QILIAN_TODAY`, stays.
pub fn fix_today(day: NaiveDate) {
    let _ = FIXED.set(Some(day));
}
