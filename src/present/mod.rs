//! 会议投屏: slides built live from the federation's data, each a few large lines or a chart, never
//! a dense table; a deck for each kind of meeting. What a slide says is worked out here; how it is
//! drawn on the projector is `ui::present`'s. No personal data goes on a slide: no phone numbers,
//! no employee numbers — names of companies and contestants only.

use crate::advisory::Desk;
use crate::contests::service::EventBoard;
use crate::domain::opportunity::Stage;
use crate::i18n::{Lang, format};
use crate::matching::board::{Matcher, Park, board};
use crate::store::{Store, StoreError};
use crate::tr;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Most lines a slide shows (projection guidance: six).
pub const MAX_LINES: usize = 6;

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum SlideKind {
        Title = ("title", "封面", "Title"),
        Glance = ("glance", "联合会概况", "The federation at a glance"),
        Zones = ("zones", "各片区成员", "Members by zone"),
        Visit = ("visit", "本月互访", "This month's visit"),
        Leaderboard = ("leaderboard", "技术比武排行", "Contest leaderboard"),
        Savings = ("savings", "供需对接成果", "Supplier matching"),
        Requests = ("requests", "企业诉求办理", "Requests"),
    }
}

crate::labelled_enum! {
    /// The meetings a deck is for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Meeting {
        #[default]
        Council = ("council", "理事会", "Council meeting"),
        Visit = ("visit", "月度互访会", "Monthly visit"),
        Contest = ("contest", "季度比武", "Quarterly contest"),
        ServiceWeek = ("service-week", "服务周", "Service week"),
    }
}

impl Meeting {
    /// The slides of the meeting's deck, in order.
    pub fn slides(self) -> &'static [SlideKind] {
        use SlideKind::*;
        match self {
            Self::Council => &[Title, Glance, Zones, Savings, Requests, Leaderboard],
            Self::Visit => &[Title, Visit, Savings],
            Self::Contest => &[Title, Leaderboard],
            Self::ServiceWeek => &[Title, Requests, Glance],
        }
    }
}

/// What a slide shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Slide {
    Title {
        title: String,
        subtitle: String,
    },
    /// A heading and at most six large lines.
    Lines {
        title: String,
        lines: Vec<String>,
    },
    /// A heading and labelled bars (at most six).
    Bars {
        title: String,
        bars: Vec<(String, f64)>,
    },
}

impl Slide {
    pub fn title(&self) -> &str {
        match self {
            Self::Title { title, .. } | Self::Lines { title, .. } | Self::Bars { title, .. } => title,
        }
    }
}

fn lines(title: String, mut lines: Vec<String>) -> Slide {
    lines.truncate(MAX_LINES);
    Slide::Lines { title, lines }
}

/// Builds the slides of `meeting`'s deck from the federation as it is on `today`.
pub fn build(store: &Store, meeting: Meeting, today: NaiveDate, lang: Lang) -> Result<Vec<Slide>, StoreError> {
    meeting.slides().iter().map(|kind| slide(store, meeting, *kind, today, lang)).collect()
}

fn slide(store: &Store, meeting: Meeting, kind: SlideKind, today: NaiveDate, lang: Lang) -> Result<Slide, StoreError> {
    let companies = store.live_companies()?;
    let name = |id: i64| {
        companies
            .iter()
            .find(|c| c.id == id)
            .map_or(String::new(), |c| crate::matching::board::display_name(c).to_string())
    };
    Ok(match kind {
        SlideKind::Title => Slide::Title {
            title: tr!(lang, "大港企业联合会{}", "Dagang federation · {}", meeting.label(lang)),
            subtitle: format::date(today),
        },
        SlideKind::Glance => {
            let employees: u64 = companies.iter().map(|c| u64::from(c.employees)).sum();
            let new = companies.iter().filter(|c| c.join_date.is_some_and(|d| d.year() == today.year())).count();
            let mut industries: BTreeMap<&str, usize> = BTreeMap::new();
            for c in companies.iter().filter(|c| !c.industry.is_empty()) {
                *industries.entry(c.industry.as_str()).or_default() += 1;
            }
            let mut top: Vec<(&str, usize)> = industries.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = top.iter().take(3).map(|(i, n)| format!("{i} {n}")).collect();
            lines(
                kind.label(lang).to_string(),
                vec![
                    tr!(lang, "成员企业 {} 家", "{} member companies", companies.len()),
                    tr!(lang, "职工 {} 人", "{} employees", format::count(employees as usize)),
                    tr!(lang, "今年新入会 {new} 家", "{new} joined this year"),
                    tr!(lang, "主要行业：{}", "Main industries: {}", top.join(lang.pick("、", ", "))),
                ],
            )
        }
        SlideKind::Zones => {
            let zones = store.zones()?;
            let mut bars: Vec<(String, f64)> = zones
                .iter()
                .map(|z| (z.name.clone(), companies.iter().filter(|c| c.zone_id == Some(z.id)).count() as f64))
                .collect();
            bars.truncate(MAX_LINES + 1);
            Slide::Bars { title: kind.label(lang).to_string(), bars }
        }
        SlideKind::Visit => {
            let month = store.visit_months(today.year())?.into_iter().find(|m| m.month == today.month());
            match month.and_then(|m| Some((m.clone(), m.host?))) {
                None => lines(
                    kind.label(lang).to_string(),
                    vec![lang.pick("本月没有安排互访", "No visit this month").into()],
                ),
                Some((m, host)) => {
                    let details = store.visit_details(m.year, m.month)?;
                    let makes: Vec<String> = store
                        .children_of::<crate::domain::Product>(host)?
                        .into_iter()
                        .take(3)
                        .map(|p| p.name)
                        .collect();
                    let when = m.date.map_or(String::new(), |d| format!("{} {}", format::date(d), details.time));
                    let mut shown = vec![
                        tr!(lang, "东道主：{}", "Host: {}", name(host)),
                        when,
                        tr!(lang, "主要产品：{}", "Makes: {}", makes.join(lang.pick("、", ", "))),
                    ];
                    shown.extend(details.agenda.lines().filter(|l| !l.trim().is_empty()).map(String::from));
                    lines(tr!(lang, "{} 月互访", "The visit of {}", m.month), shown)
                }
            }
        }
        SlideKind::Leaderboard => {
            let contest = store
                .contests()?
                .into_iter()
                .find(|c| (c.year, c.quarter) <= (today.year(), (today.month() - 1) / 3 + 1));
            let event = match &contest {
                Some(c) => store.contest_events(c.id)?.into_iter().next(),
                None => None,
            };
            match event {
                None => lines(
                    kind.label(lang).to_string(),
                    vec![lang.pick("还没有比武成绩", "No contest results yet").into()],
                ),
                Some(event) => {
                    let b = EventBoard::load(store, &event)?;
                    let shown = b
                        .ranked
                        .iter()
                        .take(MAX_LINES)
                        .filter_map(|r| {
                            let entry = b.entry(r.entry)?;
                            let award = r.award.map_or("", |a| a.label(lang));
                            Some(format!("{}. {} · {} {award}", r.rank, entry.contestant, name(entry.company)))
                        })
                        .collect();
                    lines(tr!(lang, "{} 成绩", "{} results", event.name), shown)
                }
            }
        }
        SlideKind::Savings => {
            let park = Park::load(store)?;
            let mut matcher = Matcher::default();
            matcher.update(&park);
            let b = board(&park, &matcher);
            let mut shown = vec![
                tr!(
                    lang,
                    "已签约 {} 项 · 已实现年节约 {}",
                    "{} contracted · {} a year realised",
                    b.contracted,
                    format::money(b.realised_saving)
                ),
                tr!(lang, "潜在年节约 {}", "{} a year within reach", format::money(b.potential_saving)),
            ];
            shown.extend(
                b.rows
                    .iter()
                    .filter(|r| r.stage == Stage::Contracted || r.stage == Stage::Introduced)
                    .take(4)
                    .map(|r| format!("{} ← {} · {}", r.need_company, r.supplier_company, r.need_item)),
            );
            lines(kind.label(lang).to_string(), shown)
        }
        SlideKind::Requests => {
            let desk = Desk::load(store)?;
            let first = desk.requests.iter().map(|r| r.raised_on).min().unwrap_or(today);
            let all = crate::domain::advisory::figures(&desk.requests, 0, today, &desk.calendar);
            lines(
                kind.label(lang).to_string(),
                vec![
                    tr!(lang, "{} 年以来受理 {} 件", "{} received since {}", all.received, first.year()),
                    tr!(lang, "已解决 {} 件", "{} resolved", all.resolved),
                    tr!(lang, "按时办结率 {}", "On time: {}", format::percent(all.on_time_rate)),
                    tr!(lang, "满意率 {}", "Satisfied: {}", format::percent(all.satisfaction_rate)),
                ],
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_deck_builds_from_the_demo_within_six_lines_and_without_personal_data() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::write_demo_in(&mut store, 347, 1, crate::demo::test_day()).unwrap();
        let phones: Vec<String> =
            store.live_companies().unwrap().into_iter().map(|c| c.phone).filter(|p| !p.is_empty()).collect();
        for meeting in Meeting::ALL {
            let slides = build(&store, meeting, crate::demo::test_day(), Lang::Zh).unwrap();
            assert_eq!(slides.len(), meeting.slides().len());
            for slide in &slides {
                let text = format!("{slide:?}");
                assert!(!phones.iter().any(|p| text.contains(p.as_str())), "no phone numbers");
                assert!(!text.contains("GH"), "no employee numbers");
                if let Slide::Lines { lines, .. } = slide {
                    assert!(lines.len() <= MAX_LINES);
                }
            }
        }
        let council = build(&store, Meeting::Council, crate::demo::test_day(), Lang::Zh).unwrap();
        let savings = council.iter().find(|s| s.title() == "供需对接成果").unwrap();
        assert!(format!("{savings:?}").contains("¥648,000"), "the article's contract on the slide");
    }
}
