//! 会议投屏: slides built live from the federation's data, each a few large lines or a chart, never
//! a dense table; a deck for each kind of meeting. What a slide says is worked out here; how it is
//! drawn on the projector (and into a PDF) is `ui::present`'s. No personal data goes on a slide —
//! no phone numbers, no employee numbers — unless the deck says so.

pub mod export;
pub mod report;

use crate::advisory::Desk;
use crate::contests::service::EventBoard;
use crate::domain::advisory::{Place, Session, When};
use crate::domain::opportunity::Stage;
use crate::domain::{Company, CompanyId, Zone};
use crate::i18n::{Lang, format};
use crate::matching::board::{Matcher, Park, board, display_name};
use crate::store::{Store, StoreError};
use crate::tr;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};

pub use crate::domain::deck::{Deck, Meeting, SlideKind};

/// Most lines a slide shows (projection guidance: six).
pub const MAX_LINES: usize = 6;

/// The deck called `name`, or the first deck of the meeting `name` names (its code or its name
/// in either language); empty is the first deck. `None` when there is none.
pub fn find_deck(store: &Store, name: &str) -> Result<Option<Deck>, StoreError> {
    let decks = store.decks()?;
    let name = name.trim();
    if name.is_empty() {
        return Ok(decks.into_iter().next());
    }
    if let Some(deck) = decks.iter().find(|d| d.name == name) {
        return Ok(Some(deck.clone()));
    }
    let meeting = Meeting::from_code(name).or_else(|| Meeting::from_label(name));
    Ok(meeting.and_then(|m| decks.into_iter().find(|d| d.meeting == m)))
}

/// A bar of a chart: what it is, how long, and its value as written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// A dot of the park map: where (park metres) and which zone (its rank among the zones).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapDot {
    pub at: (f64, f64),
    pub zone: Option<usize>,
}

/// A pair on the park map: the supplier and the buyer, named, and what the line stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPair {
    pub supplier: (String, (f64, f64)),
    pub buyer: (String, (f64, f64)),
}

/// What a slide shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Slide {
    Title {
        title: String,
        subtitle: String,
    },
    /// A heading and at most six large lines; a ranking is revealed from its last line up.
    Lines {
        title: String,
        lines: Vec<String>,
        reveal: bool,
    },
    /// A heading and labelled bars across (at most six), for categories.
    Bars {
        title: String,
        bars: Vec<Bar>,
    },
    /// A heading and columns, oldest first (at most six), for a trend over months.
    Columns {
        title: String,
        columns: Vec<Bar>,
    },
    /// The park with its members as dots and a few pairs as lines between named companies.
    Map {
        title: String,
        dots: Vec<MapDot>,
        pairs: Vec<MapPair>,
    },
}

impl Slide {
    pub fn title(&self) -> &str {
        match self {
            Self::Title { title, .. }
            | Self::Lines { title, .. }
            | Self::Bars { title, .. }
            | Self::Columns { title, .. }
            | Self::Map { title, .. } => title,
        }
    }

    /// Every piece of text the slide shows.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Self::Title { title, subtitle } => vec![title, subtitle],
            Self::Lines { title, lines, .. } => std::iter::once(title).chain(lines).map(String::as_str).collect(),
            Self::Bars { title, bars: items, .. } | Self::Columns { title, columns: items } => {
                std::iter::once(title.as_str())
                    .chain(items.iter().flat_map(|b| [b.label.as_str(), b.shown.as_str()]))
                    .collect()
            }
            Self::Map { title, pairs, .. } => std::iter::once(title.as_str())
                .chain(pairs.iter().flat_map(|p| [p.supplier.0.as_str(), p.buyer.0.as_str()]))
                .collect(),
        }
    }
}

fn lines(title: String, mut lines: Vec<String>) -> Slide {
    lines.truncate(MAX_LINES);
    Slide::Lines { title, lines, reveal: false }
}

/// The months of a trend: the six that end with `today`'s, oldest first.
fn last_months(today: NaiveDate) -> Vec<(i32, u32)> {
    let first = today.with_day(1).unwrap_or(today);
    (0..MAX_LINES as u32)
        .rev()
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .map(|d| (d.year(), d.month()))
        .collect()
}

fn month_label(month: (i32, u32), lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}月", month.1),
        Lang::En => format!("{}/{:02}", month.1, month.0 % 100),
    }
}

/// What the slides are made from, read once per deck.
struct Sources {
    federation: String,
    zones: Vec<Zone>,
    companies: Vec<Company>,
    /// The members the deck is about (its zone's, or all).
    in_scope: HashSet<CompanyId>,
    park: Option<(Park, Matcher)>,
    desk: Option<Desk>,
}

impl Sources {
    fn load(store: &Store, deck: &Deck) -> Result<Self, StoreError> {
        let wants = |kinds: &[SlideKind]| deck.slides.iter().any(|k| kinds.contains(k));
        use SlideKind::*;
        let park = if wants(&[Savings, SavingsTrend, PairsMap, Visit]) {
            let park = Park::load(store)?;
            let mut matcher = Matcher::default();
            matcher.update(&park);
            Some((park, matcher))
        } else {
            None
        };
        let desk =
            if wants(&[Requests, Departments, RequestTrend, ServiceWeek]) { Some(Desk::load(store)?) } else { None };
        // The matching already read the members; otherwise they are read here.
        let companies = match &park {
            Some((park, _)) => park.companies.clone(),
            None => store.live_companies()?,
        };
        let in_scope =
            companies.iter().filter(|c| deck.zone.is_none() || c.zone_id == deck.zone).map(|c| c.id).collect();
        Ok(Self { federation: store.federation_name()?, zones: store.zones()?, companies, in_scope, park, desk })
    }

    fn name(&self, id: CompanyId) -> String {
        self.companies.iter().find(|c| c.id == id).map_or(String::new(), |c| display_name(c).to_string())
    }

    fn members(&self) -> impl Iterator<Item = &Company> {
        self.companies.iter().filter(|c| self.in_scope.contains(&c.id))
    }
}

/// Builds the deck's slides from the federation as it is on `today`.
pub fn build(store: &Store, deck: &Deck, today: NaiveDate, lang: Lang) -> Result<Vec<Slide>, StoreError> {
    let sources = Sources::load(store, deck)?;
    let mut slides = Vec::new();
    for kind in &deck.slides {
        slides.extend(slide(store, &sources, deck, *kind, today, lang)?.into_iter().map(|s| said_when_empty(s, lang)));
    }
    Ok(slides)
}

/// A chart with nothing to draw says so in words instead of showing an empty slide.
fn said_when_empty(slide: Slide, lang: Lang) -> Slide {
    match slide {
        Slide::Bars { title, bars } if bars.is_empty() => {
            lines(title, vec![lang.pick("还没有可统计的数据", "Nothing to count yet").into()])
        }
        Slide::Map { title, dots, .. } if dots.is_empty() => {
            lines(title, vec![lang.pick("还没有企业标在园区地图上", "No company is on the park map yet").into()])
        }
        other => other,
    }
}

fn slide(
    store: &Store,
    src: &Sources,
    deck: &Deck,
    kind: SlideKind,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<Slide>, StoreError> {
    let heading = kind.label(lang).to_string();
    let zone_name = deck.zone.and_then(|z| src.zones.iter().find(|x| x.id == z)).map(|x| x.name.clone());
    Ok(vec![match kind {
        SlideKind::Title => {
            let federation = if src.federation.is_empty() {
                lang.pick("企业联合会", "The federation")
            } else {
                &src.federation
            };
            let mut subtitle = format::date(today);
            if let Some(zone) = &zone_name {
                subtitle = format!("{zone} · {subtitle}");
            }
            Slide::Title { title: format!("{federation}\n{}", deck.name), subtitle }
        }
        SlideKind::Glance => {
            let members: Vec<&Company> = src.members().collect();
            let employees: u64 = members.iter().map(|c| u64::from(c.employees)).sum();
            let new = members.iter().filter(|c| c.join_date.is_some_and(|d| d.year() == today.year())).count();
            let top: Vec<&str> = by_industry(&members).into_iter().take(2).map(|(i, _)| i).collect();
            let mut shown = vec![
                tr!(lang, "成员企业 {} 家", "{} member companies", members.len()),
                tr!(lang, "职工 {} 人", "{} employees", format::count(employees as usize)),
                tr!(lang, "今年新入会 {new} 家", "{new} joined this year"),
            ];
            if !top.is_empty() {
                shown.push(tr!(lang, "主要行业：{}", "Main industries: {}", top.join(lang.pick("、", ", "))));
            }
            lines(heading, shown)
        }
        SlideKind::Zones => {
            let bars = src
                .zones
                .iter()
                .filter(|z| deck.zone.is_none_or(|d| d == z.id))
                .map(|z| {
                    let n = src.members().filter(|c| c.zone_id == Some(z.id)).count();
                    Bar { label: z.name.clone(), value: n as f64, shown: n.to_string() }
                })
                .take(MAX_LINES + 1)
                .collect();
            Slide::Bars { title: heading, bars }
        }
        SlideKind::Industries => {
            let members: Vec<&Company> = src.members().collect();
            let bars = by_industry(&members)
                .into_iter()
                .take(MAX_LINES)
                .map(|(i, n)| Bar { label: i.to_string(), value: n as f64, shown: n.to_string() })
                .collect();
            Slide::Bars { title: heading, bars }
        }
        SlideKind::Visit => visit_slide(store, src, deck, today, lang)?,
        // A contest has several events: a ranking each, as the ceremony goes through them.
        SlideKind::Leaderboard => return leaderboard_slides(store, src, deck, today, lang),
        SlideKind::Savings => {
            let (park, matcher) = src.park.as_ref().expect("loaded for the savings slides");
            let b = board(park, matcher);
            let scoped = |company: &str| deck.zone.is_none() || src.members().any(|c| display_name(c) == company);
            let mut shown = vec![
                tr!(
                    lang,
                    "已签约 {} 项 · 年节约 {}",
                    "{} contracted · {} a year saved",
                    b.contracted,
                    format::money(b.realised_saving)
                ),
                tr!(lang, "潜在年节约 {}", "{} a year within reach", format::money(b.potential_saving)),
            ];
            shown.extend(
                b.rows
                    .iter()
                    .filter(|r| r.stage == Stage::Contracted || r.stage == Stage::Introduced)
                    .filter(|r| scoped(&r.need_company))
                    .take(MAX_LINES - 2)
                    .map(|r| format!("{} ← {} · {}", r.need_company, r.supplier_company, r.need_item)),
            );
            lines(heading, shown)
        }
        SlideKind::SavingsTrend => {
            let (park, _) = src.park.as_ref().expect("loaded for the savings slides");
            let need_company: HashMap<i64, CompanyId> = park.needs.iter().map(|n| (n.id, n.company_id)).collect();
            let contracts: Vec<(NaiveDate, f64)> = park
                .pipelines
                .iter()
                .filter(|p| need_company.get(&p.need_id).is_some_and(|c| src.in_scope.contains(c)))
                .filter_map(|p| Some((p.contracted_on?, p.realised_saving()?)))
                .collect();
            // Each column: the yearly saving of every contract signed by the end of that month.
            let columns = last_months(today)
                .into_iter()
                .map(|m| {
                    let total: f64 = contracts.iter().filter(|(d, _)| (d.year(), d.month()) <= m).map(|(_, s)| s).sum();
                    Bar { label: month_label(m, lang), value: total, shown: format::money_short(total, lang) }
                })
                .collect();
            Slide::Columns { title: heading, columns }
        }
        SlideKind::ServiceWeek => week_slide(src, today, lang),
        SlideKind::PairsMap => map_slide(src, lang),
        SlideKind::Requests => {
            let desk = src.desk.as_ref().expect("loaded for the request slides");
            let scoped: Vec<_> = desk.requests.iter().filter(|r| src.in_scope.contains(&r.company)).collect();
            let first = scoped.iter().map(|r| r.raised_on).min().unwrap_or(today);
            let all = crate::domain::advisory::figures(scoped, 0, today, &desk.calendar);
            lines(
                heading,
                vec![
                    tr!(lang, "{} 年以来受理 {} 件", "{1} received since {0}", first.year(), all.received),
                    tr!(lang, "已解决 {} 件", "{} resolved", all.resolved),
                    tr!(lang, "按时办结率 {}", "On time: {}", format::percent(all.on_time_rate)),
                    tr!(lang, "满意率 {}", "Satisfied: {}", format::percent(all.satisfaction_rate)),
                ],
            )
        }
        SlideKind::Departments => {
            let desk = src.desk.as_ref().expect("loaded for the request slides");
            let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
            let mut rows: Vec<(String, crate::domain::advisory::Figures)> = desk
                .departments
                .iter()
                .map(|d| {
                    let own = desk
                        .in_period(year_start, today)
                        .filter(|r| r.department == Some(d.id) && src.in_scope.contains(&r.company));
                    let name = if d.short_name.is_empty() { d.name.clone() } else { d.short_name.clone() };
                    (name, crate::domain::advisory::figures(own, 0, today, &desk.calendar))
                })
                .filter(|(_, f)| f.on_time_rate.is_some())
                .collect();
            // The departments that handled most this year; a 17-row chart is a table.
            rows.sort_by(|a, b| b.1.received.cmp(&a.1.received).then(a.0.cmp(&b.0)));
            let bars = rows
                .into_iter()
                .take(MAX_LINES)
                .map(|(name, f)| Bar {
                    label: name,
                    value: f.on_time_rate.unwrap_or(0.0),
                    shown: format::percent(f.on_time_rate),
                })
                .collect();
            Slide::Bars { title: tr!(lang, "{} 年按时办结率", "On time in {}", today.year()), bars }
        }
        SlideKind::RequestTrend => {
            let desk = src.desk.as_ref().expect("loaded for the request slides");
            let columns = last_months(today)
                .into_iter()
                .map(|m| {
                    let n = desk
                        .requests
                        .iter()
                        .filter(|r| (r.raised_on.year(), r.raised_on.month()) == m && src.in_scope.contains(&r.company))
                        .count();
                    Bar { label: month_label(m, lang), value: n as f64, shown: n.to_string() }
                })
                .collect();
            Slide::Columns { title: heading, columns }
        }
    }])
}

/// Most pairs a map names: more labels would cover each other.
const MAP_PAIRS: usize = 4;

/// Cells across the park a map keeps one dot per zone in: a park of 50,000 still draws quickly.
const MAP_CELLS: f64 = 160.0;

/// The park: members as dots by zone, and the pairs the federation follows (contracted and
/// introduced first, then the largest savings suggested), between companies placed on the map.
fn map_slide(src: &Sources, lang: Lang) -> Slide {
    let placed: Vec<(&Company, (f64, f64))> = src.members().filter_map(|c| Some((c, c.position()?))).collect();
    let (min_x, max_x) = placed.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, p)| (a.min(p.0), b.max(p.0)));
    let (min_y, max_y) = placed.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, p)| (a.min(p.1), b.max(p.1)));
    let cell = ((max_x - min_x).max(max_y - min_y) / MAP_CELLS).max(1.0);
    let mut seen = HashSet::new();
    let dots = placed
        .iter()
        .filter_map(|(c, at)| {
            let zone = c.zone_id.and_then(|z| src.zones.iter().position(|x| x.id == z));
            let key = (((at.0 - min_x) / cell) as i64, ((at.1 - min_y) / cell) as i64, zone);
            seen.insert(key).then_some(MapDot { at: *at, zone })
        })
        .collect();
    let (park, matcher) = src.park.as_ref().expect("loaded for the savings slides");
    let b = board(park, matcher);
    let position = |name: &str| {
        src.companies
            .iter()
            .find(|c| display_name(c) == name && src.in_scope.contains(&c.id))
            .and_then(|c| c.position())
    };
    let followed = |r: &&crate::matching::board::Opportunity| matches!(r.stage, Stage::Contracted | Stage::Introduced);
    let mut rows: Vec<_> = b.rows.iter().filter(followed).collect();
    rows.extend(b.rows.iter().filter(|r| r.stage == Stage::Suggested));
    let mut pairs: Vec<MapPair> = Vec::new();
    for r in rows {
        if pairs.len() == MAP_PAIRS {
            break;
        }
        let (Some(from), Some(to)) = (position(&r.supplier_company), position(&r.need_company)) else { continue };
        if pairs.iter().any(|p| p.supplier.0 == r.supplier_company && p.buyer.0 == r.need_company) {
            continue;
        }
        pairs.push(MapPair { supplier: (r.supplier_company.clone(), from), buyer: (r.need_company.clone(), to) });
    }
    Slide::Map { title: SlideKind::PairsMap.label(lang).to_string(), dots, pairs }
}

/// Members per industry, most first.
fn by_industry<'a>(members: &[&'a Company]) -> Vec<(&'a str, usize)> {
    let mut industries: BTreeMap<&str, usize> = BTreeMap::new();
    for c in members.iter().filter(|c| !c.industry.is_empty()) {
        *industries.entry(c.industry.as_str()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = industries.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top
}

/// This month's visit: the host, what it makes, which members could buy it, the agenda.
fn visit_slide(store: &Store, src: &Sources, deck: &Deck, today: NaiveDate, lang: Lang) -> Result<Slide, StoreError> {
    let heading = SlideKind::Visit.label(lang).to_string();
    let month = store.visit_months(today.year())?.into_iter().find(|m| m.month == today.month());
    let Some((m, host)) = month.and_then(|m| Some((m.clone(), m.host?))) else {
        return Ok(lines(heading, vec![lang.pick("本月没有安排互访", "No visit this month").into()]));
    };
    let details = store.visit_details(m.year, m.month)?;
    let mut makes: Vec<String> = Vec::new();
    for product in store.children_of::<crate::domain::Product>(host)? {
        if makes.len() < 3 && !makes.contains(&product.name) {
            makes.push(product.name);
        }
    }
    let mut buyers: Vec<String> = Vec::new();
    if let Some((park, matcher)) = &src.park {
        for need in &park.needs {
            if matcher.candidates(need.id).iter().take(3).any(|c| c.supplier_company_id == host) {
                let name = src.name(need.company_id);
                if !name.is_empty() && !buyers.contains(&name) {
                    buyers.push(name);
                }
            }
        }
    }
    let mut host_line = tr!(lang, "东道主：{}", "Host: {}", src.name(host));
    if deck.personal
        && let Some(phone) = src.companies.iter().find(|c| c.id == host).map(|c| &c.phone).filter(|p| !p.is_empty())
    {
        host_line = format!("{host_line} · {phone}");
    }
    let mut shown = vec![host_line];
    if let Some(d) = m.date {
        shown.push(format!("{} {}", format::date(d), details.time).trim_end().to_string());
    }
    shown.push(tr!(lang, "主要产品：{}", "Makes: {}", makes.join(lang.pick("、", ", "))));
    if !buyers.is_empty() {
        let more =
            if buyers.len() > 3 { tr!(lang, " 等 {} 家", " and {} more", buyers.len() - 3) } else { String::new() };
        buyers.truncate(3);
        shown.push(tr!(
            lang,
            "可采购的成员：{}{}",
            "Members who could buy: {}{}",
            buyers.join(lang.pick("、", ", ")),
            more
        ));
    }
    shown.extend(details.agenda.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from));
    Ok(lines(tr!(lang, "{} 月互访", "The visit of {}", m.month), shown))
}

/// The latest contest with results: each event's top six, revealed from the sixth up; one slide
/// saying there are none yet otherwise.
fn leaderboard_slides(
    store: &Store,
    src: &Sources,
    deck: &Deck,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<Slide>, StoreError> {
    let quarter = (today.year(), (today.month() - 1) / 3 + 1);
    for contest in store.contests()?.into_iter().filter(|c| (c.year, c.quarter) <= quarter) {
        let mut slides = Vec::new();
        for event in store.contest_events(contest.id)? {
            let b = EventBoard::load(store, &event)?;
            let shown: Vec<String> = b
                .ranked
                .iter()
                .take(MAX_LINES)
                .filter_map(|r| {
                    let entry = b.entry(r.entry)?;
                    let award = r.award.map_or("", |a| a.label(lang));
                    let who = if deck.personal && !entry.employee_no.is_empty() {
                        format!("{}（{}）", entry.contestant, entry.employee_no)
                    } else {
                        entry.contestant.clone()
                    };
                    Some(format!("{}. {who} · {} {award}", r.rank, src.name(entry.company)).trim_end().to_string())
                })
                .collect();
            if !shown.is_empty() {
                slides.push(Slide::Lines {
                    title: tr!(lang, "{} 成绩", "{} results", event.name),
                    lines: shown,
                    reveal: true,
                });
            }
        }
        if !slides.is_empty() {
            return Ok(slides);
        }
    }
    Ok(vec![lines(
        SlideKind::Leaderboard.label(lang).to_string(),
        vec![lang.pick("还没有比武成绩", "No contest results yet").into()],
    )])
}

/// The coming (or latest) service week: each day, which departments go out.
fn week_slide(src: &Sources, today: NaiveDate, lang: Lang) -> Slide {
    let heading = SlideKind::ServiceWeek.label(lang).to_string();
    let desk = src.desk.as_ref().expect("loaded for the request slides");
    // Weeks are newest first: the first one not over yet, else the latest.
    let week = desk.weeks.iter().rev().find(|(w, _)| w.week_of + chrono::Days::new(6) >= today).or(desk.weeks.first());
    let Some((week, slots)) = week else {
        return lines(heading, vec![lang.pick("还没有安排服务周", "No service week planned yet").into()]);
    };
    let short = |id: i64| {
        desk.department(Some(id))
            .map_or(String::new(), |d| if d.short_name.is_empty() { d.name.clone() } else { d.short_name.clone() })
    };
    // Each half-day: who goes out to which companies, and who sits at the centre.
    // Keyed by the half-day and what is held at the centre (none: visits); the departments'
    // names and the companies visited.
    type Half = (When, Option<Session>);
    let mut halves: BTreeMap<Half, (Vec<String>, HashSet<CompanyId>)> = BTreeMap::new();
    for s in slots {
        let at_centre = match s.slot.place {
            Place::Centre(session) => Some(session),
            Place::Companies(_) => None,
        };
        let half = halves.entry((s.slot.when, at_centre)).or_default();
        let name = short(s.slot.department);
        if !half.0.contains(&name) {
            half.0.push(name);
        }
        if let Place::Companies(cs) = &s.slot.place {
            half.1.extend(cs.iter().copied());
        }
    }
    // A line holds about twenty characters on a projector: the first department stands for the
    // others, and the counts say the rest.
    let shown = halves
        .into_iter()
        .map(|((when, at_centre), (departments, companies))| {
            let day = format!(
                "{}{}{}",
                format::weekday_names(lang)[when.day.weekday().num_days_from_monday() as usize],
                lang.pick("", " "),
                when.half.label(lang)
            );
            let day = tr!(lang, "周{day}", "{day}");
            let first = departments.first().cloned().unwrap_or_default();
            let who = match departments.len() {
                1 => first,
                n => tr!(lang, "{first}等 {n} 个部门", "{n} departments"),
            };
            match at_centre {
                Some(session) => tr!(lang, "{day}：{who} · {}", "{day}: {who} · {}", session.label(lang)),
                None => match companies.len() {
                    1 => tr!(lang, "{day}：{who} · 1 家企业", "{day}: {who} · 1 company"),
                    n => tr!(lang, "{day}：{who} · {n} 家企业", "{day}: {who} · {n} companies"),
                },
            }
        })
        .collect();
    lines(tr!(lang, "服务周（{} 起）", "Service week from {}", week.week_of.format("%m-%d")), shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::write_demo_in(&mut store, 347, 1, crate::demo::test_day()).unwrap();
        store
    }

    #[test]
    fn every_deck_builds_from_the_demo_within_six_lines_and_without_personal_data() {
        let store = demo();
        let phones: Vec<String> =
            store.live_companies().unwrap().into_iter().map(|c| c.phone).filter(|p| !p.is_empty()).collect();
        for lang in [Lang::Zh, Lang::En] {
            for meeting in Meeting::ALL {
                let deck = Deck::standard(meeting, lang);
                let slides = build(&store, &deck, crate::demo::test_day(), lang).unwrap();
                assert!(slides.len() >= meeting.slides().len(), "a slide for each, a contest's for each event");
                for slide in &slides {
                    let text = slide.texts().join(" ");
                    assert!(!phones.iter().any(|p| text.contains(p.as_str())), "no phone numbers: {text}");
                    assert!(!text.contains("GH"), "no employee numbers: {text}");
                    match slide {
                        Slide::Lines { lines, .. } => assert!(lines.len() <= MAX_LINES),
                        Slide::Columns { columns: bars, .. } => assert!(bars.len() <= MAX_LINES),
                        Slide::Bars { bars, .. } => assert!(bars.len() <= MAX_LINES + 1),
                        Slide::Map { pairs, .. } => assert!(pairs.len() <= MAP_PAIRS),
                        Slide::Title { .. } => {}
                    }
                }
            }
        }
        let council =
            build(&store, &Deck::standard(Meeting::Council, Lang::Zh), crate::demo::test_day(), Lang::Zh).unwrap();
        assert!(council[0].title().starts_with("大港企业联合会"), "{}", council[0].title());
        let savings = council.iter().find(|s| s.title() == "供需对接成果").unwrap();
        assert!(savings.texts().join(" ").contains("¥648,000"), "the article's contract on the slide");
    }

    #[test]
    fn personal_data_shows_only_when_the_deck_allows_it() {
        let store = demo();
        let mut deck = Deck::standard(Meeting::Contest, Lang::Zh);
        let hidden = build(&store, &deck, crate::demo::test_day(), Lang::Zh).unwrap();
        deck.personal = true;
        let shown = build(&store, &deck, crate::demo::test_day(), Lang::Zh).unwrap();
        assert!(!hidden[1].texts().join(" ").contains("GH"));
        assert!(shown[1].texts().join(" ").contains("GH"), "{:?}", shown[1]);
        assert!(matches!(&shown[1], Slide::Lines { reveal: true, .. }), "a ranking is revealed");
    }

    #[test]
    fn a_zone_deck_counts_only_that_zones_members() {
        let store = demo();
        let zone = store.zones().unwrap()[0].clone();
        let in_zone = store.live_companies().unwrap().iter().filter(|c| c.zone_id == Some(zone.id)).count();
        let deck = Deck { zone: Some(zone.id), ..Deck::standard(Meeting::Council, Lang::Zh) };
        let slides = build(&store, &deck, crate::demo::test_day(), Lang::Zh).unwrap();
        assert!(slides[0].texts()[1].contains(&zone.name), "the title says which zone");
        assert!(slides[1].texts().contains(&format!("成员企业 {in_zone} 家").as_str()), "{:?}", slides[1]);
        let Slide::Bars { bars, .. } = &slides[2] else { panic!("zones are bars") };
        assert_eq!(bars.len(), 1);
    }

    #[test]
    fn an_empty_federations_charts_say_there_is_nothing_yet() {
        let store = Store::open_in_memory().unwrap();
        let deck = Deck { slides: SlideKind::ALL.to_vec(), ..Deck::standard(Meeting::Custom, Lang::Zh) };
        for slide in build(&store, &deck, crate::demo::test_day(), Lang::Zh).unwrap() {
            let empty = match &slide {
                Slide::Lines { lines, .. } => lines.is_empty(),
                Slide::Bars { bars, .. } => bars.is_empty(),
                Slide::Map { dots, .. } => dots.is_empty(),
                Slide::Columns { .. } | Slide::Title { .. } => false,
            };
            assert!(!empty, "{} says something", slide.title());
        }
    }

    #[test]
    fn the_trends_run_over_the_last_six_months_oldest_first() {
        let months = last_months(NaiveDate::from_ymd_opt(2026, 3, 15).unwrap());
        assert_eq!(months, [(2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3)]);
        let store = demo();
        let deck = Deck { slides: vec![SlideKind::SavingsTrend], ..Deck::standard(Meeting::Custom, Lang::Zh) };
        let slides = build(&store, &deck, crate::demo::test_day(), Lang::Zh).unwrap();
        let Slide::Columns { columns, .. } = &slides[0] else { panic!("a trend is columns") };
        assert!(columns.windows(2).all(|w| w[0].value <= w[1].value), "savings add up over the months");
        assert!(columns.last().unwrap().value > 0.0);
    }
}
