//! The year plan against the federation's records: who may host (from the members and the
//! matching engine), what is settled, and the date of each visit.

use super::invite::{self, Invitee};
use super::plan::{self, Candidate, PlanInput, PlannedMonth, Settled};
use crate::domain::events::FollowUp;
use crate::domain::opportunity::{Pipeline, Stage, Transition};
use crate::domain::workdays::WorkCalendar;
use crate::domain::{CompanyId, MemberStatus};
use crate::matching::board::{self, MatchedPair, Matcher, Park};
use crate::store::{Store, StoreError, VisitMonth};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{HashMap, HashSet};

/// A year's plan as the screen and the command line show it.
#[derive(Debug, Clone, PartialEq)]
pub struct YearPlan {
    pub year: i32,
    pub months: Vec<PlannedMonth>,
    /// Each month's visit date (the third Thursday, or the next working day).
    pub dates: Vec<Option<NaiveDate>>,
    /// The month of the Spring Festival; `None` when the lunar calendar does not reach the year.
    pub spring_festival_month: Option<u32>,
    /// The working days: the official calendar with the secretary's entries.
    pub calendar: WorkCalendar,
    /// Whom to invite to each host's visit, best first.
    pub invitees: HashMap<CompanyId, Vec<Invitee>>,
    /// How far each matched pair has come (absent: only suggested).
    pub stages: HashMap<(i64, i64), Stage>,
    /// The matched pairs between two companies (see `board::pairs_between`): what a follow-up
    /// between them can become.
    pub pairs_between: HashMap<(CompanyId, CompanyId), Vec<MatchedPair>>,
}

impl YearPlan {
    /// Whether the year's holidays are known (else dates only avoid weekends).
    pub fn holidays_known(&self) -> bool {
        self.calendar.year_known(self.year)
    }
}

/// How many other members' needs each company's products can fill, by the matching engine.
pub fn supply_counts(park: &Park, matcher: &Matcher) -> HashMap<CompanyId, usize> {
    let mut buyers: HashMap<CompanyId, HashSet<CompanyId>> = HashMap::new();
    for need in &park.needs {
        for candidate in matcher.candidates(need.id) {
            buyers.entry(candidate.supplier_company_id).or_default().insert(candidate.need_company_id);
        }
    }
    buyers.into_iter().map(|(supplier, buyers)| (supplier, buyers.len())).collect()
}

/// Everything the plan of `year` is made from, with the matching run it used.
fn plan_input(
    store: &Store,
    year: i32,
    visit_in_spring_festival: bool,
    park: &Park,
    matcher: &Matcher,
    stored: &HashMap<u32, VisitMonth>,
    zones: &HashMap<i64, String>,
) -> Result<PlanInput, StoreError> {
    let supply = supply_counts(park, matcher);
    let last: HashMap<CompanyId, NaiveDate> = store.last_hosted_before(year)?.into_iter().collect();
    let mut unavailable: HashMap<CompanyId, Vec<u32>> = HashMap::new();
    for (company, month) in store.host_unavailable()? {
        unavailable.entry(company).or_default().push(month);
    }
    let candidates = park
        .companies
        .iter()
        .map(|c| Candidate {
            id: c.id,
            name: c.name.clone(),
            zone: c.zone_id.and_then(|z| zones.get(&z).cloned()).unwrap_or_default(),
            industry: c.industry.clone(),
            active: c.status == MemberStatus::Active,
            last_hosted: last.get(&c.id).copied(),
            unavailable: unavailable.remove(&c.id).unwrap_or_default(),
            can_supply: supply.get(&c.id).copied().unwrap_or(0),
        })
        .collect();
    let settled = stored
        .values()
        .filter(|m| m.published || m.pinned)
        .filter_map(|m| Some(Settled { month: m.month, host: m.host?, published: m.published, pinned: m.pinned }))
        .collect();
    Ok(PlanInput {
        year,
        candidates,
        settled,
        spring_festival_month: plan::spring_festival_month(year),
        visit_in_spring_festival,
    })
}

/// How many members to suggest inviting to a visit.
const INVITEES: usize = 30;

/// Plans `year`, keeping its settled months, with whom to invite to each visit.
pub fn plan(store: &Store, year: i32, visit_in_spring_festival: bool) -> Result<YearPlan, StoreError> {
    let park = Park::load(store)?;
    let mut matcher = Matcher::default();
    matcher.update(&park);
    let stored: HashMap<u32, VisitMonth> = store.visit_months(year)?.into_iter().map(|m| (m.month, m)).collect();
    let zones: HashMap<i64, String> = store.zones()?.into_iter().map(|z| (z.id, z.name)).collect();
    let input = plan_input(store, year, visit_in_spring_festival, &park, &matcher, &stored, &zones)?;
    let calendar = store.work_calendar()?;
    let mut months = plan::plan_year(&input);
    // A settled month says why it was chosen as it said when it was saved.
    for m in months.iter_mut().filter(|m| m.published || m.pinned) {
        if let Some(saved) = stored.get(&m.month).filter(|s| !s.reasons.is_empty()) {
            m.reasons.retain(|r| matches!(r, plan::Reason::Published | plan::Reason::Pinned));
            m.reasons.push(plan::Reason::Recorded(saved.reasons.clone()));
        }
    }
    let dates = months
        .iter()
        .map(|m| {
            let kept = stored.get(&m.month).and_then(|s| s.date).filter(|_| m.published || m.pinned);
            m.host.and(kept.or_else(|| visit_date(year, m.month, &calendar)))
        })
        .collect();
    let need_items = park.needs.iter().map(|n| (n.id, n.item.clone())).collect();
    let product_names = park.products.iter().map(|p| (p.id, p.name.clone())).collect();
    let candidates: Vec<&crate::matching::engine::Candidate> =
        park.needs.iter().flat_map(|n| matcher.candidates(n.id)).collect();
    let pairs_between = board::pairs_between(candidates.iter().copied());
    let mut invitees = HashMap::new();
    for m in &months {
        let Some(host) = m.host else { continue };
        let last_attended: HashMap<CompanyId, (i32, u32)> =
            store.last_attended_before(year, m.month)?.into_iter().map(|(id, y, mo)| (id, (y, mo))).collect();
        let view = invite::Park {
            companies: &park.companies,
            zones: &zones,
            need_items: &need_items,
            product_names: &product_names,
            last_attended: &last_attended,
        };
        invitees.insert(host, invite::rank_invitees(host, candidates.iter().copied(), &view, INVITEES));
    }
    Ok(YearPlan {
        year,
        months,
        dates,
        spring_festival_month: input.spring_festival_month,
        calendar,
        invitees,
        stages: park.pipelines.iter().map(|p| ((p.need_id, p.product_id), p.stage)).collect(),
        pairs_between,
    })
}

/// The third Thursday of the month, or the first working day after it when that is a holiday.
pub fn visit_date(year: i32, month: u32, calendar: &WorkCalendar) -> Option<NaiveDate> {
    let third_thursday = NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Thu, 3)?;
    let mut date = third_thursday;
    while !calendar.workday(date) {
        date = date.succ_opt()?;
    }
    Some(date)
}

/// Saves the plan's open months (settled ones stay as they are).
pub fn save(store: &mut Store, plan: &YearPlan, lang: crate::i18n::Lang) -> Result<(), StoreError> {
    let months: Vec<VisitMonth> = plan
        .months
        .iter()
        .zip(&plan.dates)
        .filter(|(m, _)| !m.published && !m.pinned)
        .map(|(m, date)| VisitMonth {
            year: plan.year,
            month: m.month,
            host: m.host,
            date: *date,
            reasons: plan::reasons_text(&m.reasons, lang),
            published: false,
            pinned: false,
        })
        .collect();
    store.save_visit_plan(&months)
}

/// Saves the plan and publishes it: its months will not move again on a re-plan.
pub fn publish(store: &mut Store, plan: &YearPlan, lang: crate::i18n::Lang) -> Result<usize, StoreError> {
    save(store, plan, lang)?;
    store.publish_visit_plan(plan.year)
}

/// Records the pairs as introduced at the visit (the pipeline's 引荐 step, the visit as its
/// note); pairs already past suggestion stay as they are. With a follow-up, it is marked as
/// having become the introduction, in the same transaction. Returns how many were introduced.
pub fn introduce_at_visit(
    store: &mut Store,
    pairs: &[(i64, i64)],
    on: NaiveDate,
    note: &str,
    follow_up: Option<&FollowUp>,
) -> Result<usize, crate::matching::pipeline::StepError> {
    let pipelines = store.pipelines()?;
    let mut introduced = Vec::new();
    for &(need, product) in pairs {
        let before = pipelines
            .iter()
            .find(|p| p.need_id == need && p.product_id == product)
            .cloned()
            .unwrap_or_else(|| Pipeline::new(need, product));
        if before.stage == Stage::Suggested {
            introduced.push(before.apply(Transition::Introduce { on, note: note.to_string() })?);
        }
    }
    let marked = follow_up.map(|f| FollowUp { introduced: true, ..f.clone() });
    // All of the visit's introductions, or none.
    store.write(|tx| {
        crate::store::save_pipelines(tx, &introduced)?;
        if let Some(f) = &marked {
            crate::store::save_follow_up(tx, f)?;
        }
        Ok::<(), StoreError>(())
    })?;
    Ok(introduced.len())
}

/// The day of the week, for the screen: 周四.
pub fn weekday_name(date: NaiveDate, lang: crate::i18n::Lang) -> &'static str {
    let (zh, en) = match date.weekday() {
        Weekday::Mon => ("周一", "Mon"),
        Weekday::Tue => ("周二", "Tue"),
        Weekday::Wed => ("周三", "Wed"),
        Weekday::Thu => ("周四", "Thu"),
        Weekday::Fri => ("周五", "Fri"),
        Weekday::Sat => ("周六", "Sat"),
        Weekday::Sun => ("周日", "Sun"),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;
    use crate::i18n::Lang;

    #[test]
    fn visits_fall_on_working_days() {
        // 2026-10-15 is the third Thursday of October, a working day.
        let calendar = WorkCalendar::default();
        assert_eq!(visit_date(2026, 10, &calendar), NaiveDate::from_ymd_opt(2026, 10, 15));
        for month in 1..=12 {
            let date = visit_date(2026, month, &calendar).unwrap();
            assert_eq!(calendar.official_workday(date), Some(true), "{date}");
        }
        // An entered day off moves the visit to the next working day.
        let mut entered = WorkCalendar::default();
        entered.entered.insert(NaiveDate::from_ymd_opt(2027, 4, 15).unwrap(), false);
        assert_eq!(visit_date(2027, 4, &entered), NaiveDate::from_ymd_opt(2027, 4, 16));
    }

    #[test]
    fn a_published_month_stays_when_the_year_is_planned_again_and_changes_are_logged() {
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..30 {
            store.insert_company(&Company { name: format!("企业{i:02}"), ..Company::default() }).unwrap();
        }
        let first = plan(&store, 2027, false).unwrap();
        assert_eq!(first.spring_festival_month, Some(2));
        assert!(!first.holidays_known());
        assert_eq!(publish(&mut store, &first, Lang::Zh).unwrap(), 11);
        let published_host = first.months[0].host;

        // A company joins that never hosted; re-planning leaves the published year as it is.
        store.insert_company(&Company { name: "新成员".into(), ..Company::default() }).unwrap();
        let again = plan(&store, 2027, false).unwrap();
        assert_eq!(
            again.months.iter().map(|m| m.host).collect::<Vec<_>>(),
            first.months.iter().map(|m| m.host).collect::<Vec<_>>()
        );
        assert!(again.months.iter().filter(|m| m.host.is_some()).all(|m| m.published));

        // The secretary replaces January's host, saying why: the change is logged and kept.
        let other = store.company_list().unwrap().iter().map(|c| c.company.id).find(|id| Some(*id) != published_host);
        store.set_visit_host(2027, 1, other, "东道主厂房改造").unwrap();
        let changes = store.visit_changes(2027).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].old_host, changes[0].new_host, changes[0].reason.as_str()),
            (published_host, other, "东道主厂房改造")
        );
        assert_eq!(plan(&store, 2027, false).unwrap().months[0].host, other);

        // March's arrangements: filling in the place is not a change; moving the day and then the
        // place is, each logged with its reason; the day stays when the year is planned again.
        let details = |place: &str| crate::store::VisitDetails { place: place.into(), ..Default::default() };
        store.set_visit_details(2027, 3, None, &details("东盛公司会议室"), "").unwrap();
        assert_eq!(store.visit_changes(2027).unwrap().len(), 1, "a blank filled in");
        let (planned, moved) = (first.dates[2].unwrap(), NaiveDate::from_ymd_opt(2027, 3, 25).unwrap());
        store.set_visit_details(2027, 3, Some(moved), &details("东盛公司二号车间"), "东道主月中迎检").unwrap();
        let changes = store.visit_changes(2027).unwrap();
        assert_eq!(changes.len(), 2);
        let march = &changes[1];
        assert_eq!((march.month, march.old_host, march.new_host), (3, first.months[2].host, first.months[2].host));
        assert_eq!((march.old_date, march.new_date), (Some(planned), Some(moved)));
        assert_eq!(march.arrangements, [crate::store::Arrangement::Place]);
        assert_eq!(march.reason, "东道主月中迎检");
        assert_eq!(plan(&store, 2027, false).unwrap().dates[2], Some(moved));
    }
}
