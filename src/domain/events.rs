//! The federation's events besides the monthly visits, and the follow-up actions a visit leaves.

use super::CompanyId;
use chrono::NaiveDate;

crate::labelled_enum! {
    /// What kind of federation event a calendar entry is (the visits, contests, exhibition and
    /// service weeks have their own records).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum EventKind {
        #[default]
        Briefing = ("briefing", "宣讲会", "Briefing"),
        Council = ("council", "理事会", "Council meeting"),
        Training = ("training", "培训", "Training"),
        Other = ("other", "其他活动", "Other event"),
    }
}

/// A briefing, council meeting, training or other event on the federation's calendar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FederationEvent {
    pub id: i64,
    pub kind: EventKind,
    pub title: String,
    pub start: NaiveDate,
    /// The last day; the same as `start` for a one-day event.
    pub end: NaiveDate,
    pub place: String,
    pub note: String,
}

impl FederationEvent {
    /// Every day the event takes, first to last.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let end = self.end.max(self.start);
        self.start.iter_days().take_while(move |d| *d <= end)
    }
}

/// Something to do after a visit: who does it and by when; between two companies it can become
/// a supplier-matching introduction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUp {
    pub id: i64,
    pub year: i32,
    pub month: u32,
    pub action: String,
    /// Who takes it on: a person, a company, the secretariat.
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub companies: (Option<CompanyId>, Option<CompanyId>),
    /// It became a 供需对接 introduction.
    pub introduced: bool,
    pub done: bool,
}

impl FollowUp {
    /// Still to do, and its day has passed.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.done && self.due.is_some_and(|d| d < today)
    }

    /// The two companies, when it is between two different ones.
    pub fn pair(&self) -> Option<(CompanyId, CompanyId)> {
        match self.companies {
            (Some(a), Some(b)) if a != b => Some((a, b)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
    }

    #[test]
    fn an_event_takes_its_days_first_to_last() {
        let event = FederationEvent { start: day(30), end: day(30) + chrono::Days::new(3), ..Default::default() };
        assert_eq!(event.days().count(), 4);
        // An end before the start (typed by mistake) is a one-day event.
        let one_day = FederationEvent { start: day(5), end: day(1), ..Default::default() };
        assert_eq!(one_day.days().collect::<Vec<_>>(), [day(5)]);
    }

    #[test]
    fn a_follow_up_is_overdue_only_while_open_after_its_day() {
        let mut f = FollowUp { due: Some(day(10)), ..Default::default() };
        assert!(!f.overdue(day(10)));
        assert!(f.overdue(day(11)));
        f.done = true;
        assert!(!f.overdue(day(11)));
        assert_eq!(FollowUp { companies: (Some(1), Some(1)), ..Default::default() }.pair(), None);
        assert_eq!(FollowUp { companies: (Some(1), Some(2)), ..Default::default() }.pair(), Some((1, 2)));
    }
}
