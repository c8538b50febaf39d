//! 服务周: a week of half-day slots in which the departments go to the companies with open
//! requests in their categories — a department's visits grouped by zone, so a half-day stays in
//! one part of the park — never in two places at once, never more departments at a company in a
//! half-day than it can host; and, on the day most departments are out, a policy briefing
//! (政策说明会) for all of them and a training talk (培训讲座) by the least busy at the community
//! centre — those half-days are kept for them before the visits are placed, so a full week still
//! has them. Every slot says which requests it serves. Pure: the screen, the demo and the
//! benchmark hand it the week, the departments and the requests.

use crate::domain::CompanyId;
pub use crate::domain::advisory::{Half, Place, Session, Slot, When};
use crate::domain::workdays::WorkCalendar;
use crate::i18n::Lang;
use crate::tr;
use chrono::{Days, NaiveDate, Weekday};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many companies a department visits in one half-day.
pub const VISITS_PER_HALF_DAY: usize = 3;
/// How many departments a company can receive in one half-day unless told otherwise.
pub const DEFAULT_CAPACITY: usize = 2;
/// At most this many departments give the week's training talk (and never more than half of
/// those taking part, so the others go on visiting).
pub const TRAINERS: usize = 3;

/// An open request as the plan sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRequest {
    pub id: i64,
    pub number: String,
    pub category: String,
    pub company: CompanyId,
    pub department: i64,
}

pub struct WeekInput<'a> {
    /// Any day of the week; the plan uses its working days, Monday to Sunday.
    pub week_of: NaiveDate,
    pub calendar: &'a WorkCalendar,
    pub departments: &'a [i64],
    pub requests: &'a [OpenRequest],
    /// Each company's zone (its name; empty when it has none).
    pub zones: &'a HashMap<CompanyId, String>,
    /// Departments a company can receive in one half-day, where it differs from the default.
    pub capacity: &'a HashMap<CompanyId, usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeekPlan {
    pub slots: Vec<Slot>,
    /// The half-days of the week, in order.
    pub half_days: Vec<When>,
    /// Requests the week had no room for: (request, department).
    pub unplaced: Vec<(i64, i64)>,
}

/// The working days of the week `day` is in (Monday to Sunday; a worked Saturday counts).
pub fn working_days(day: NaiveDate, calendar: &WorkCalendar) -> Vec<NaiveDate> {
    let monday = day.week(Weekday::Mon).first_day();
    (0..7).map(|i| monday + Days::new(i)).filter(|d| calendar.workday(*d)).collect()
}

/// The visits placed around the half-days already kept (`kept`: department and half-day).
struct Visits {
    slots: Vec<Slot>,
    unplaced: Vec<(i64, i64)>,
}

fn plan_visits(input: &WeekInput, half_days: &[When], kept: &HashSet<(i64, When)>) -> Visits {
    let capacity = |c: CompanyId| input.capacity.get(&c).copied().unwrap_or(DEFAULT_CAPACITY);
    let taking_part: HashSet<i64> = input.departments.iter().copied().collect();
    // Each department's requests by company.
    let mut work: BTreeMap<i64, BTreeMap<CompanyId, Vec<i64>>> = BTreeMap::new();
    for r in input.requests.iter().filter(|r| taking_part.contains(&r.department)) {
        work.entry(r.department).or_default().entry(r.company).or_default().push(r.id);
    }
    // The departments with the most to do choose first.
    let mut order: Vec<(&i64, &BTreeMap<CompanyId, Vec<i64>>)> = work.iter().collect();
    order.sort_by(|a, b| {
        let count = |m: &BTreeMap<CompanyId, Vec<i64>>| m.values().map(Vec::len).sum::<usize>();
        count(b.1).cmp(&count(a.1)).then(a.0.cmp(b.0))
    });
    let mut busy = kept.clone();
    let mut hosting: HashMap<(CompanyId, When), usize> = HashMap::new();
    let mut visits = Visits { slots: Vec::new(), unplaced: Vec::new() };
    for (&department, companies) in order {
        // Companies by zone, the ones with the most requests first within a zone.
        let mut list: Vec<(&str, CompanyId, &Vec<i64>)> =
            companies.iter().map(|(c, rs)| (input.zones.get(c).map_or("", String::as_str), *c, rs)).collect();
        list.sort_by(|a, b| a.0.cmp(b.0).then(b.2.len().cmp(&a.2.len())).then(a.1.cmp(&b.1)));
        // Half-day rounds: up to VISITS_PER_HALF_DAY companies of one zone.
        let mut rounds: Vec<Vec<(CompanyId, &Vec<i64>)>> = Vec::new();
        let mut last_zone: Option<&str> = None;
        for (zone, company, requests) in list {
            match rounds.last_mut() {
                Some(round) if last_zone == Some(zone) && round.len() < VISITS_PER_HALF_DAY => {
                    round.push((company, requests))
                }
                _ => rounds.push(vec![(company, requests)]),
            }
            last_zone = Some(zone);
        }
        for round in rounds {
            let free = half_days.iter().find(|when| {
                !busy.contains(&(department, **when))
                    && round.iter().all(|(c, _)| hosting.get(&(*c, **when)).copied().unwrap_or(0) < capacity(*c))
            });
            match free {
                Some(&when) => {
                    busy.insert((department, when));
                    for (c, _) in &round {
                        *hosting.entry((*c, when)).or_default() += 1;
                    }
                    visits.slots.push(Slot {
                        when,
                        department,
                        place: Place::Companies(round.iter().map(|(c, _)| *c).collect()),
                        requests: round.iter().flat_map(|(_, rs)| rs.iter().copied()).collect(),
                    });
                }
                None => visits.unplaced.extend(round.iter().flat_map(|(_, rs)| rs.iter().map(|r| (*r, department)))),
            }
        }
    }
    visits
}

/// Plans the week.
pub fn plan_week(input: &WeekInput) -> WeekPlan {
    let half_days: Vec<When> = working_days(input.week_of, input.calendar)
        .into_iter()
        .flat_map(|day| [Half::Morning, Half::Afternoon].map(|half| When { day, half }))
        .collect();
    let mut plan = WeekPlan { half_days: half_days.clone(), ..WeekPlan::default() };
    if half_days.is_empty() {
        return plan;
    }
    // Where the departments would be without the centre: the day most are out holds the
    // briefing, in its quieter half, and the training talk in the other half.
    let first = plan_visits(input, &half_days, &HashSet::new());
    let mut present: BTreeMap<NaiveDate, HashSet<i64>> = BTreeMap::new();
    let mut out_at: HashMap<When, usize> = HashMap::new();
    for s in &first.slots {
        present.entry(s.when.day).or_default().insert(s.department);
        *out_at.entry(s.when).or_default() += 1;
    }
    let day = half_days
        .iter()
        .map(|w| w.day)
        .max_by_key(|d| (present.get(d).map_or(0, HashSet::len), std::cmp::Reverse(*d)))
        .unwrap_or(half_days[0].day);
    let halves: Vec<When> = half_days.iter().copied().filter(|w| w.day == day).collect();
    let briefing = *halves.iter().min_by_key(|w| (out_at.get(w).copied().unwrap_or(0), **w)).unwrap_or(&halves[0]);
    let training = halves.iter().copied().find(|w| *w != briefing);
    // The least busy give the training talk.
    let load = |d: i64| input.requests.iter().filter(|r| r.department == d).count();
    let mut trainers: Vec<i64> = input.departments.to_vec();
    trainers.sort_by_key(|d| (load(*d), *d));
    trainers.truncate(TRAINERS.min(input.departments.len() / 2));
    let mut kept: HashSet<(i64, When)> = input.departments.iter().map(|d| (*d, briefing)).collect();
    let mut centre: Vec<Slot> = input
        .departments
        .iter()
        .map(|&department| Slot {
            when: briefing,
            department,
            place: Place::Centre(Session::Briefing),
            requests: Vec::new(),
        })
        .collect();
    if let Some(when) = training.filter(|_| !trainers.is_empty()) {
        for &department in &trainers {
            kept.insert((department, when));
            centre.push(Slot { when, department, place: Place::Centre(Session::Training), requests: Vec::new() });
        }
    }
    let visits = plan_visits(input, &half_days, &kept);
    plan.slots = visits.slots;
    plan.slots.extend(centre);
    plan.unplaced = visits.unplaced;
    plan.slots.sort_by(|a, b| a.when.cmp(&b.when).then(a.department.cmp(&b.department)));
    plan
}

/// A rule a plan (after a change by hand) breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A department in two places in one half-day.
    DoubleBooked { department: i64, when: When },
    /// More departments at a company in one half-day than it can host.
    OverCapacity { company: CompanyId, when: When, departments: usize },
}

impl Conflict {
    pub fn message(
        &self,
        department: &dyn Fn(i64) -> String,
        company: &dyn Fn(CompanyId) -> String,
        lang: Lang,
    ) -> String {
        let when = |w: &When| format!("{} {}", w.day.format("%m-%d"), w.half.label(lang));
        match self {
            Self::DoubleBooked { department: d, when: w } => {
                tr!(lang, "{} {} 同时安排在两处", "{} is in two places {}", department(*d), when(w))
            }
            Self::OverCapacity { company: c, when: w, departments } => tr!(
                lang,
                "{} {} 要接待 {departments} 个部门，超过可接待数",
                "{} receives {departments} departments {}, more than it can",
                company(*c),
                when(w)
            ),
        }
    }
}

/// What the plan breaks.
pub fn conflicts(slots: &[Slot], capacity: &HashMap<CompanyId, usize>) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut seen: HashMap<(i64, When), usize> = HashMap::new();
    let mut hosting: BTreeMap<(When, CompanyId), usize> = BTreeMap::new();
    for s in slots {
        *seen.entry((s.department, s.when)).or_default() += 1;
        if let Place::Companies(companies) = &s.place {
            for c in companies {
                *hosting.entry((s.when, *c)).or_default() += 1;
            }
        }
    }
    let mut double: Vec<(i64, When)> = seen.into_iter().filter(|(_, n)| *n > 1).map(|(k, _)| k).collect();
    double.sort();
    out.extend(double.into_iter().map(|(department, when)| Conflict::DoubleBooked { department, when }));
    for ((when, company), n) in hosting {
        if n > capacity.get(&company).copied().unwrap_or(DEFAULT_CAPACITY) {
            out.push(Conflict::OverCapacity { company, when, departments: n });
        }
    }
    out
}

/// Why a slot is there, in words: the requests it serves, or the briefing.
pub fn explain(slot: &Slot, requests: &HashMap<i64, &OpenRequest>, lang: Lang) -> String {
    match &slot.place {
        Place::Centre(Session::Briefing) => lang
            .pick(
                "社区中心政策说明会：各部门一同到场，在本周到场部门最多的一天",
                "Policy briefing at the centre, every department there: the day most departments are out",
            )
            .into(),
        Place::Centre(Session::Training) => lang
            .pick(
                "社区中心培训讲座：由本周诉求最少的部门主讲，与说明会同一天",
                "Training talk at the centre by the departments with the fewest requests, the briefing's day",
            )
            .into(),
        Place::Companies(_) => {
            let served: Vec<String> = slot
                .requests
                .iter()
                .filter_map(|id| requests.get(id))
                .map(|r| format!("{} {}", r.number, r.category))
                .collect();
            tr!(lang, "办理 {} 件诉求：{}", "Serves {} requests: {}", served.len(), served.join(lang.pick("、", ", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: i64, company: CompanyId, department: i64) -> OpenRequest {
        OpenRequest { id, number: format!("SQ-{id}"), category: "用地审批".into(), company, department }
    }

    #[test]
    fn departments_go_to_their_companies_zone_by_zone_never_twice_at_once_within_capacity() {
        let calendar = WorkCalendar::default();
        // Department 1 has requests at six companies: four in zone A, two in zone B. Department 2
        // at company 10 too; company 10 can receive one department at a time.
        let mut requests: Vec<OpenRequest> = (1..=6).map(|i| request(i, 9 + i, 1)).collect();
        requests.push(request(100, 10, 2));
        requests.push(request(101, 99, 3));
        let zones: HashMap<CompanyId, String> =
            (10..=15).map(|c| (c, if c <= 13 { "A".to_string() } else { "B".to_string() })).collect();
        let capacity = HashMap::from([(10, 1)]);
        let input = WeekInput {
            week_of: NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
            calendar: &calendar,
            departments: &[1, 2],
            requests: &requests,
            zones: &zones,
            capacity: &capacity,
        };
        let plan = plan_week(&input);
        assert_eq!(plan.half_days.len(), 10, "five working days");
        assert!(conflicts(&plan.slots, &capacity).is_empty());
        let visits: Vec<&Slot> =
            plan.slots.iter().filter(|s| s.department == 1 && matches!(s.place, Place::Companies(_))).collect();
        // Zone A's four companies take two half-days (three, then one); zone B's two one more.
        assert_eq!(visits.len(), 3);
        for s in &visits {
            let Place::Companies(cs) = &s.place else { unreachable!() };
            let zone = |c: &CompanyId| zones[c].clone();
            assert!(cs.iter().all(|c| zone(c) == zone(&cs[0])), "one zone a half-day");
        }
        // Department 2 goes to company 10 when department 1 is not there.
        let two = plan.slots.iter().find(|s| s.department == 2 && matches!(s.place, Place::Companies(_))).unwrap();
        let one_at_10 = visits.iter().find(|s| matches!(&s.place, Place::Companies(cs) if cs.contains(&10))).unwrap();
        assert_ne!(two.when, one_at_10.when);
        // Department 3 does not take part: its request waits; nothing is unplaced.
        assert!(plan.slots.iter().all(|s| s.department != 3));
        assert!(plan.unplaced.is_empty());
        // The briefing at the centre for both; the training talk by the less busy (department 2,
        // one request) in the other half of the same day.
        let at = |session| plan.slots.iter().filter(move |s| s.place == Place::Centre(session));
        let briefing: Vec<&Slot> = at(Session::Briefing).collect();
        assert_eq!(briefing.iter().map(|s| s.department).collect::<Vec<_>>(), [1, 2]);
        assert!(briefing.iter().all(|s| s.when == briefing[0].when));
        let training: Vec<&Slot> = at(Session::Training).collect();
        assert_eq!(training.iter().map(|s| s.department).collect::<Vec<_>>(), [2]);
        assert_eq!(training[0].when.day, briefing[0].when.day);
        assert_ne!(training[0].when, briefing[0].when);
        let by_id: HashMap<i64, &OpenRequest> = requests.iter().map(|r| (r.id, r)).collect();
        assert!(explain(visits[0], &by_id, Lang::Zh).starts_with("办理 3 件诉求：SQ-"));
    }

    #[test]
    fn a_week_with_holidays_has_fewer_half_days_and_a_full_week_leaves_requests_unplaced() {
        let calendar = WorkCalendar::default();
        // National Day 2025: 6–8 October are off and Saturday the 11th is worked, so the week of
        // 6 October has the 9th, the 10th and the 11th.
        assert_eq!(working_days(NaiveDate::from_ymd_opt(2025, 10, 8).unwrap(), &calendar).len(), 3);
        let requests: Vec<OpenRequest> = (0..100).map(|i| request(i, i, 1)).collect();
        let zones: HashMap<CompanyId, String> = (0..100).map(|c| (c, format!("Z{c}"))).collect();
        let input = WeekInput {
            week_of: NaiveDate::from_ymd_opt(2025, 10, 8).unwrap(),
            calendar: &calendar,
            departments: &[1],
            requests: &requests,
            zones: &zones,
            capacity: &HashMap::new(),
        };
        let plan = plan_week(&input);
        assert_eq!(plan.slots.len(), 6, "every half-day of three days");
        let briefing = plan.slots.iter().filter(|s| s.place == Place::Centre(Session::Briefing)).count();
        assert_eq!(briefing, 1, "kept even in a full week");
        assert_eq!(plan.unplaced.len(), 100 - 5, "one company a half-day (each in its own zone)");
        // Moved by hand into a busy half-day: the conflict is shown.
        let mut moved = plan.slots.clone();
        moved[1].when = moved[0].when;
        assert_eq!(conflicts(&moved, &HashMap::new()), [Conflict::DoubleBooked { department: 1, when: moved[0].when }]);
    }

    #[test]
    fn a_full_week_of_seventeen_departments_still_has_its_briefing_and_training_talk() {
        let calendar = WorkCalendar::default();
        let departments: Vec<i64> = (1..=17).collect();
        // Every department has more than a week's visits, at companies in many zones.
        let requests: Vec<OpenRequest> = (0..17 * 40).map(|i| request(i, 1000 + i % 300, 1 + i % 17)).collect();
        let zones: HashMap<CompanyId, String> = (1000..1300).map(|c| (c, format!("Z{}", c % 9))).collect();
        let capacity = HashMap::new();
        let input = WeekInput {
            week_of: NaiveDate::from_ymd_opt(2025, 5, 19).unwrap(),
            calendar: &calendar,
            departments: &departments,
            requests: &requests,
            zones: &zones,
            capacity: &capacity,
        };
        let plan = plan_week(&input);
        assert!(conflicts(&plan.slots, &capacity).is_empty(), "no double booking, no company over capacity");
        assert!(!plan.unplaced.is_empty(), "a full week");
        let briefing: Vec<&Slot> = plan.slots.iter().filter(|s| s.place == Place::Centre(Session::Briefing)).collect();
        assert_eq!(briefing.len(), 17, "every department at the briefing");
        let training = plan.slots.iter().filter(|s| s.place == Place::Centre(Session::Training)).count();
        assert_eq!(training, TRAINERS);
        // Every department with open requests goes out.
        for d in &departments {
            assert!(plan.slots.iter().any(|s| s.department == *d && matches!(s.place, Place::Companies(_))), "{d}");
        }
    }
}
