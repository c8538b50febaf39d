//! The year's host rotation: one host a month, chosen fairly and saying why.
//!
//! A pure function over plain values: who may host, when each last hosted, which months each
//! cannot do, and which months are already settled (published or pinned by the secretary, never
//! moved by a re-plan). Months are filled in order; for each, members who never hosted come
//! before everyone who has (nobody hosts twice while they remain), then a zone and an industry the
//! year has not had yet, then whoever hosted longest ago, then whoever can supply the most
//! members. Every choice carries its reasons, in words.

use crate::domain::CompanyId;
use crate::i18n::{Lang, format};
use crate::tr;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A member that could host, as the plan needs to know it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: CompanyId,
    pub name: String,
    /// The zone's name; empty when the company has none.
    pub zone: String,
    pub industry: String,
    /// In good standing (在册): applicants, suspended and withdrawn members do not host.
    pub active: bool,
    /// When it last hosted a visit, before the year planned.
    pub last_hosted: Option<NaiveDate>,
    /// Months (1–12) it said it cannot host.
    pub unavailable: Vec<u32>,
    /// How many other members' needs its products can fill.
    pub can_supply: usize,
}

/// A month the secretary has settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    pub month: u32,
    pub host: CompanyId,
    /// Published to the members: it never moves.
    pub published: bool,
    /// Kept by the secretary on a re-plan, published or not.
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanInput {
    pub year: i32,
    pub candidates: Vec<Candidate>,
    pub settled: Vec<Settled>,
    /// The month of the Spring Festival, when known for the year.
    pub spring_festival_month: Option<u32>,
    /// The secretary asked for a visit in the Spring Festival month after all.
    pub visit_in_spring_festival: bool,
}

/// Why a host was chosen, or a month left without one.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    NeverHosted,
    LastHosted(NaiveDate),
    /// Its zone has no host yet this year (true), or has one already (false).
    Zone {
        name: String,
        first: bool,
    },
    Industry {
        name: String,
        first: bool,
    },
    CanSupply(usize),
    Published,
    Pinned,
    SpringFestival,
    NobodyAvailable,
    /// Why the month was settled, as saved with it (in the language of the day it was saved).
    Recorded(String),
}

impl Reason {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::NeverHosted => lang.pick("从未承办", "never hosted").into(),
            Self::LastHosted(date) => {
                let month = format::month(*date);
                tr!(lang, "上次承办 {month}", "last hosted {month}")
            }
            Self::Zone { name, first: true } => tr!(lang, "{name}本年尚无", "first of {name} this year"),
            Self::Zone { name, first: false } => tr!(lang, "{name}本年已有", "{name} has hosted this year"),
            Self::Industry { name, first: true } => tr!(lang, "{name}行业", "{name}"),
            Self::Industry { name, first: false } => tr!(lang, "{name}行业（本年已有）", "{name} (already this year)"),
            Self::CanSupply(n) => tr!(lang, "可供 {n} 家成员所需", "can supply {n} members"),
            Self::Published => lang.pick("已发布", "published").into(),
            Self::Pinned => lang.pick("已固定", "pinned").into(),
            Self::SpringFestival => lang
                .pick("春节所在月，不安排互访（可开启）", "Spring Festival month: no visit (can be turned on)")
                .into(),
            Self::NobodyAvailable => lang.pick("本月没有可承办的成员", "no member can host this month").into(),
            Self::Recorded(text) => text.clone(),
        }
    }
}

/// One line of reasons: 从未承办 · 第三片区本年尚无 · 模具行业 · 可供 12 家成员所需.
pub fn reasons_text(reasons: &[Reason], lang: Lang) -> String {
    reasons.iter().map(|r| r.text(lang)).collect::<Vec<_>>().join(" · ")
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedMonth {
    pub month: u32,
    pub host: Option<CompanyId>,
    pub reasons: Vec<Reason>,
    pub published: bool,
    pub pinned: bool,
}

/// Plans `input.year`: twelve months in order, the settled ones as they are.
pub fn plan_year(input: &PlanInput) -> Vec<PlannedMonth> {
    let by_id: HashMap<CompanyId, &Candidate> = input.candidates.iter().map(|c| (c.id, c)).collect();
    let settled: HashMap<u32, &Settled> = input.settled.iter().map(|s| (s.month, s)).collect();
    let mut zones: HashMap<&str, usize> = HashMap::new();
    let mut industries: HashMap<&str, usize> = HashMap::new();
    let mut hosting: Vec<CompanyId> = Vec::new();
    for s in &input.settled {
        hosting.push(s.host);
        if let Some(c) = by_id.get(&s.host) {
            *zones.entry(&c.zone).or_default() += 1;
            *industries.entry(&c.industry).or_default() += 1;
        }
    }
    let mut months = Vec::with_capacity(12);
    for month in 1..=12 {
        if let Some(s) = settled.get(&month) {
            let mut reasons = Vec::new();
            if s.published {
                reasons.push(Reason::Published);
            }
            if s.pinned {
                reasons.push(Reason::Pinned);
            }
            if let Some(c) = by_id.get(&s.host) {
                reasons.extend(history(c));
            }
            months.push(PlannedMonth { month, host: Some(s.host), reasons, published: s.published, pinned: s.pinned });
            continue;
        }
        if input.spring_festival_month == Some(month) && !input.visit_in_spring_festival {
            months.push(PlannedMonth {
                month,
                host: None,
                reasons: vec![Reason::SpringFestival],
                published: false,
                pinned: false,
            });
            continue;
        }
        let free = |c: &&Candidate| c.active && !hosting.contains(&c.id) && !c.unavailable.contains(&month);
        let eligible: Vec<&Candidate> = input.candidates.iter().filter(free).collect();
        // Nobody hosts twice while a member who never hosted can.
        let never: Vec<&Candidate> = eligible.iter().copied().filter(|c| c.last_hosted.is_none()).collect();
        let pool = if never.is_empty() { eligible } else { never };
        let best = pool.into_iter().min_by(|a, b| {
            let used = |c: &Candidate| {
                (
                    zones.get(c.zone.as_str()).copied().unwrap_or(0),
                    industries.get(c.industry.as_str()).copied().unwrap_or(0),
                )
            };
            used(a)
                .cmp(&used(b))
                .then_with(|| a.last_hosted.cmp(&b.last_hosted))
                .then_with(|| b.can_supply.cmp(&a.can_supply))
                .then_with(|| a.id.cmp(&b.id))
        });
        let Some(host) = best else {
            months.push(PlannedMonth {
                month,
                host: None,
                reasons: vec![Reason::NobodyAvailable],
                published: false,
                pinned: false,
            });
            continue;
        };
        let mut reasons = history(host);
        if !host.zone.is_empty() {
            reasons.push(Reason::Zone { name: host.zone.clone(), first: !zones.contains_key(host.zone.as_str()) });
        }
        if !host.industry.is_empty() {
            let first = !industries.contains_key(host.industry.as_str());
            reasons.push(Reason::Industry { name: host.industry.clone(), first });
        }
        if host.can_supply > 0 {
            reasons.push(Reason::CanSupply(host.can_supply));
        }
        hosting.push(host.id);
        *zones.entry(&host.zone).or_default() += 1;
        *industries.entry(&host.industry).or_default() += 1;
        months.push(PlannedMonth { month, host: Some(host.id), reasons, published: false, pinned: false });
    }
    months
}

fn history(c: &Candidate) -> Vec<Reason> {
    vec![c.last_hosted.map_or(Reason::NeverHosted, Reason::LastHosted)]
}

/// The month the Spring Festival (the first day of the lunar year) falls in, for the years the
/// lunar calendar covers (1900–2099); `None` otherwise, which the screen says rather than guess.
pub fn spring_festival_month(year: i32) -> Option<u32> {
    use chrono::Datelike;
    lunardate::LunarDate::new(year, 1, 1, false).to_solar_date().ok().map(|d| d.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: CompanyId, zone: &str, industry: &str, last: Option<(i32, u32)>) -> Candidate {
        Candidate {
            id,
            name: format!("企业{id}"),
            zone: zone.into(),
            industry: industry.into(),
            active: true,
            last_hosted: last.and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 15)),
            unavailable: Vec::new(),
            can_supply: 0,
        }
    }

    fn input(candidates: Vec<Candidate>) -> PlanInput {
        PlanInput {
            year: 2027,
            candidates,
            settled: Vec::new(),
            spring_festival_month: Some(2),
            visit_in_spring_festival: false,
        }
    }

    fn hosts(plan: &[PlannedMonth]) -> Vec<Option<CompanyId>> {
        plan.iter().map(|m| m.host).collect()
    }

    /// Twenty members over four zones and five industries; half hosted before.
    fn park() -> Vec<Candidate> {
        (1..=20)
            .map(|id| {
                let zone = format!("第{}片区", ["一", "二", "三", "四"][((id / 2) % 4) as usize]);
                let industry = ["模具", "物流", "电子", "机械", "香料"][(id % 5) as usize];
                let last = (id % 2 == 0).then_some((2020 + (id % 5) as i32, 3));
                candidate(id, &zone, industry, last)
            })
            .collect()
    }

    #[test]
    fn nobody_hosts_twice_while_a_member_who_never_hosted_remains() {
        let plan = plan_year(&input(park()));
        let chosen: Vec<CompanyId> = plan.iter().filter_map(|m| m.host).collect();
        assert_eq!(chosen.len(), 11, "eleven months: the Spring Festival month has no visit");
        let never: Vec<CompanyId> = (1..=20).filter(|id| id % 2 == 1).collect();
        // Ten never hosted: they come first, in the first ten months with a visit.
        assert!(chosen[..10].iter().all(|id| never.contains(id)), "{chosen:?}");
        assert!(!never.contains(&chosen[10]));
        let mut unique = chosen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), chosen.len(), "no host twice in a year");
    }

    #[test]
    fn among_those_who_hosted_the_longest_ago_comes_first() {
        let members = vec![
            candidate(1, "甲", "模具", Some((2025, 3))),
            candidate(2, "甲", "模具", Some((2021, 3))),
            candidate(3, "甲", "模具", Some((2023, 3))),
        ];
        let plan = plan_year(&PlanInput { spring_festival_month: None, ..input(members) });
        assert_eq!(hosts(&plan)[..3], [Some(2), Some(3), Some(1)]);
        assert!(reasons_text(&plan[0].reasons, Lang::Zh).starts_with("上次承办 2021-03"));
    }

    #[test]
    fn zones_and_industries_spread_over_the_year() {
        let plan = plan_year(&input(park()));
        let park = park();
        let zone_of = |id: CompanyId| park.iter().find(|c| c.id == id).map(|c| c.zone.clone()).unwrap();
        let first_four: std::collections::BTreeSet<String> =
            plan.iter().filter_map(|m| m.host).take(4).map(zone_of).collect();
        assert_eq!(first_four.len(), 4, "the first four visits are in four different zones");
        let text = reasons_text(&plan[0].reasons, Lang::Zh);
        assert!(text.contains("从未承办") && text.contains("本年尚无") && text.contains("行业"), "{text}");
    }

    #[test]
    fn unavailable_months_withdrawn_members_and_the_spring_festival_are_respected() {
        let mut members = vec![candidate(1, "甲", "模具", None), candidate(2, "乙", "物流", None)];
        members[0].unavailable = vec![1, 3];
        members.push(Candidate { active: false, ..candidate(3, "丙", "电子", None) });
        let plan = plan_year(&input(members.clone()));
        assert_eq!(plan[0].host, Some(2), "1 cannot host in January");
        assert_eq!(plan[1].host, None);
        assert_eq!(plan[1].reasons, vec![Reason::SpringFestival]);
        assert_eq!(plan[2].host, None, "1 cannot host in March either, and 2 hosted in January");
        assert_eq!(plan[3].host, Some(1));
        assert!(plan.iter().all(|m| m.host != Some(3)), "a withdrawn member never hosts");
        assert!(plan[4..].iter().all(|m| m.host.is_none() && m.reasons == vec![Reason::NobodyAvailable]));
        let on = plan_year(&PlanInput { visit_in_spring_festival: true, ..input(members) });
        assert_eq!(on[1].host, Some(1), "the secretary turned the Spring Festival month on");
    }

    #[test]
    fn settled_months_never_move_and_count_for_the_spread() {
        let mut settled_input = input(park());
        settled_input.settled = vec![
            Settled { month: 1, host: 4, published: true, pinned: false },
            Settled { month: 6, host: 7, published: false, pinned: true },
        ];
        let plan = plan_year(&settled_input);
        assert_eq!((plan[0].host, plan[0].published), (Some(4), true));
        assert_eq!((plan[5].host, plan[5].pinned), (Some(7), true));
        assert!(reasons_text(&plan[0].reasons, Lang::Zh).starts_with("已发布"));
        let others: Vec<CompanyId> =
            plan.iter().enumerate().filter(|(i, _)| *i != 0 && *i != 5).filter_map(|(_, m)| m.host).collect();
        assert!(!others.contains(&4) && !others.contains(&7), "a settled host is not planned again");
        // Re-planning with the same settled months gives the same year.
        assert_eq!(plan_year(&settled_input), plan);
    }

    #[test]
    fn every_month_says_why() {
        let plan = plan_year(&input(park()));
        assert_eq!(plan.len(), 12);
        for m in &plan {
            assert!(!m.reasons.is_empty(), "month {}", m.month);
            assert!(!reasons_text(&m.reasons, Lang::En).is_empty());
        }
    }

    #[test]
    fn the_spring_festival_month_comes_from_the_lunar_calendar() {
        assert_eq!(spring_festival_month(2026), Some(2), "2026-02-17");
        assert_eq!(spring_festival_month(2025), Some(1), "2025-01-29");
        assert_eq!(spring_festival_month(2027), Some(2), "2027-02-06");
        assert_eq!(spring_festival_month(2300), None, "outside the calendar's years: unknown, not guessed");
    }
}
