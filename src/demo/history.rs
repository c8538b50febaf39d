//! The demo federation's past: two years of monthly visits and this year's plan, each held visit
//! with its invitations, attendance, feedback forms and follow-ups (a few of which became the
//! introductions on the supplier-matching board), the council meetings, briefings and training
//! of each year, and last year's exhibition with its booths, leads and deals.

use crate::domain::events::{EventKind, FederationEvent, FollowUp};
use crate::domain::exhibition::{Booth, BoothAt, Exhibition, Lead, LeadKind};
use crate::domain::opportunity::{Pipeline, Stage, Transition};
use crate::domain::workdays::WorkCalendar;
use crate::domain::{CompanyId, Product};
use crate::matching::board::{Matcher, Park};
use crate::matching::engine::Candidate as Match;
use crate::store::{self, FeedbackAnswer, Guest, Reply, StoreError, VisitDetails, VisitMonth};
use crate::visits::plan::{self, Candidate, PlanInput, Settled};
use crate::visits::service::visit_date;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Transaction;
use std::collections::{BTreeMap, BTreeSet};

const DONGSHENG: &str = "宁波东盛模具标准件有限公司";
const WEIJUN_SHORT: &str = "威骏模具";
/// What 威骏 bought from Hong Kong and found at 东盛.
const GUIDE_PILLARS: &str = "导柱导套";

const QUESTIONS: [&str; 4] = ["活动组织", "交流收获", "对接机会", "总体满意度"];

const COMMENTS: [&str; 8] = [
    "车间参观很有收获，希望多安排生产线现场讲解",
    "建议提前一周发送参观企业的产品目录",
    "对接环节时间偏短，希望留出一对一洽谈时间",
    "东道主介绍详细，找到了两家可以就近采购的供应商",
    "希望下次能安排质量管理方面的交流",
    "停车不太方便，建议统一乘车前往",
    "交流氛围很好，认识了同片区的几家企业",
    "希望秘书处整理一份成员企业供需清单",
];

const OUTSIDE_BUYERS: [&str; 6] = [
    "鄞州恒达五金贸易有限公司",
    "余姚市华丰塑料制品厂",
    "慈溪新立电器有限公司",
    "宁波保税区远通进出口有限公司",
    "舟山海丰船舶修造有限公司",
    "台州黄岩精艺模具有限公司",
];

/// The park as written, with the matches the board will show.
pub(super) struct Written {
    pub members: Vec<Candidate>,
    pub park: Park,
}

impl Written {
    fn name(&self, id: CompanyId) -> &str {
        self.park.companies.iter().find(|c| c.id == id).map_or("", |c| c.name.as_str())
    }

    fn short(&self, id: CompanyId) -> &str {
        let company = self.park.companies.iter().find(|c| c.id == id);
        company.map_or("", |c| if c.short_name.is_empty() { c.name.as_str() } else { c.short_name.as_str() })
    }

    fn need_item(&self, id: i64) -> Option<&str> {
        self.park.needs.iter().find(|n| n.id == id).map(|n| n.item.as_str())
    }

    fn product(&self, id: i64) -> Option<&Product> {
        self.park.products.iter().find(|p| p.id == id)
    }
}

/// Writes the past up to `today`: visits dated before it were held.
pub(super) fn write_history(tx: &Transaction, written: Written, today: NaiveDate) -> Result<(), StoreError> {
    let mut rng = ChaCha8Rng::seed_from_u64(u64::from(today.year().unsigned_abs()));
    let mut matcher = Matcher::default();
    matcher.update(&written.park);
    // Until its visit to 东盛, 威骏 bought its guide pillars from Hong Kong: no other member is
    // put to it for them.
    let dongsheng = written.park.companies.iter().find(|c| c.name == DONGSHENG).map(|c| c.id);
    let weijun = written.park.companies.iter().find(|c| c.short_name == WEIJUN_SHORT).map(|c| c.id);
    let article_need = written.park.needs.iter().find(|n| Some(n.company_id) == weijun && n.item == GUIDE_PILLARS);
    let matches: Vec<Match> = written
        .park
        .needs
        .iter()
        .flat_map(|n| matcher.candidates(n.id))
        .filter(|c| c.same_unit)
        .filter(|c| article_need.is_none_or(|n| n.id != c.need_id || Some(c.supplier_company_id) == dongsheng))
        .cloned()
        .collect();
    let visits = write_visit_plans(tx, &written, today.year())?;
    let mut pipelines: BTreeMap<(i64, i64), Pipeline> = BTreeMap::new();
    for visit in visits.iter().filter(|v| v.date.is_some_and(|d| d < today)) {
        write_visit_records(tx, &written, &matches, visit, today, &mut rng, &mut pipelines)?;
    }
    write_events(tx, today.year())?;
    write_exhibition(tx, &written, &matches, today.year() - 1, &mut rng, &mut pipelines)?;
    store::save_pipelines(tx, &pipelines.into_values().collect::<Vec<_>>())
}

/// Two past years of monthly visits and this year's published plan, as the rotation would have
/// made them; the visit to 东盛 (where 威骏 found its supplier) is last year's in March.
fn write_visit_plans(tx: &Transaction, written: &Written, this_year: i32) -> Result<Vec<VisitMonth>, StoreError> {
    let mut members = written.members.clone();
    let dongsheng = members.iter().find(|m| m.name == DONGSHENG).map(|m| m.id);
    let mut visits = Vec::new();
    for year in this_year - 2..=this_year {
        let settled = match dongsheng {
            Some(host) if year == this_year - 1 => vec![Settled { month: 3, host, published: true, pinned: false }],
            _ => Vec::new(),
        };
        // 东盛 had never opened its doors before that March.
        let candidates = members.iter().filter(|m| year >= this_year - 1 || Some(m.id) != dongsheng).cloned().collect();
        let input = PlanInput {
            year,
            candidates,
            settled,
            spring_festival_month: plan::spring_festival_month(year),
            visit_in_spring_festival: false,
        };
        for month in plan::plan_year(&input) {
            let Some(host) = month.host else { continue };
            let date = visit_date(year, month.month, &WorkCalendar::default());
            let reasons = if Some(host) == dongsheng && year == this_year - 1 {
                "东盛公司开放参观：导柱导套生产线".to_string()
            } else {
                plan::reasons_text(&month.reasons, crate::i18n::Lang::Zh)
            };
            let visit = VisitMonth {
                year,
                month: month.month,
                host: Some(host),
                date,
                reasons,
                published: true,
                pinned: false,
            };
            store::insert_visit(tx, &visit)?;
            store::set_details(tx, year, month.month, None, &details(written, host), "")?;
            visits.push(visit);
            if let Some(member) = members.iter_mut().find(|m| m.id == host) {
                member.last_hosted = date;
            }
        }
    }
    Ok(visits)
}

/// What the invitation says: the afternoon at the host's, its works and its products, then the
/// exchange and the forms.
fn details(written: &Written, host: CompanyId) -> VisitDetails {
    let company = written.park.companies.iter().find(|c| c.id == host);
    let product = written.park.products.iter().find(|p| p.company_id == host).map_or("", |p| p.name.as_str());
    let short = written.short(host);
    VisitDetails {
        time: "14:00".into(),
        place: company.map_or(String::new(), |c| c.address.clone()),
        theme: if product.is_empty() { format!("走进{short}") } else { format!("走进{short}：{product}") },
        agenda: [
            "14:00 参观生产车间",
            "14:45 东道主介绍企业、产品与工艺",
            "15:30 供需对接交流（按邀请名单分组）",
            "16:30 填写反馈表，秘书处小结",
        ]
        .join("\n"),
    }
}

/// Records a pair as introduced, unless its need is already being followed with some supplier
/// (a buyer works on one offer for a part at a time).
fn introduce(pipelines: &mut BTreeMap<(i64, i64), Pipeline>, pair: (i64, i64), on: NaiveDate, note: String) {
    if pipelines.values().any(|p| p.need_id == pair.0 && p.stage != Stage::Suggested) {
        return;
    }
    let pipeline = pipelines.entry(pair).or_insert_with(|| Pipeline::new(pair.0, pair.1));
    if let Ok(next) = pipeline.apply(Transition::Introduce { on, note }) {
        *pipeline = next;
    }
}

/// A held visit: whom the secretary invited (the host's buyers and suppliers first, then its
/// neighbours), who came, the forms they handed in, and what was left to do.
fn write_visit_records(
    tx: &Transaction,
    written: &Written,
    matches: &[Match],
    visit: &VisitMonth,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
    pipelines: &mut BTreeMap<(i64, i64), Pipeline>,
) -> Result<(), StoreError> {
    let (Some(host), Some(date)) = (visit.host, visit.date) else { return Ok(()) };
    let (year, month) = (visit.year, visit.month);
    // Pairs between the host and each member, either way round.
    let mut linked: BTreeMap<CompanyId, Vec<&Match>> = BTreeMap::new();
    for m in matches.iter().filter(|m| m.need_company_id != m.supplier_company_id) {
        if m.supplier_company_id == host {
            linked.entry(m.need_company_id).or_default().push(m);
        } else if m.need_company_id == host {
            linked.entry(m.supplier_company_id).or_default().push(m);
        }
    }
    let zone_of = |id: CompanyId| written.members.iter().find(|m| m.id == id).map(|m| &m.zone);
    let host_zone = zone_of(host);
    // As the screen suggests: the most to save at stake first.
    let at_stake = |pairs: &[&Match]| -> f64 {
        pairs
            .iter()
            .map(|m| match (m.current_unit_price, m.offered_unit_price, m.annual_quantity) {
                (Some(c), Some(o), Some(q)) => (c - o).max(0.0) * q,
                _ => 0.0,
            })
            .sum()
    };
    let mut ranked: Vec<(CompanyId, f64)> = linked.iter().map(|(c, pairs)| (*c, at_stake(pairs))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut invited: Vec<CompanyId> = ranked.iter().map(|(c, _)| *c).take(10).collect();
    let neighbours: Vec<CompanyId> = written
        .members
        .iter()
        .map(|m| m.id)
        .filter(|id| *id != host && zone_of(*id) == host_zone && !invited.contains(id))
        .collect();
    invited.extend(neighbours.choose_multiple(rng, 14usize.saturating_sub(invited.len())));
    let weijun = written.park.companies.iter().find(|c| c.short_name == WEIJUN_SHORT).map(|c| c.id);
    let dongsheng_visit = written.name(host) == DONGSHENG;
    if dongsheng_visit && let Some(w) = weijun.filter(|w| !invited.contains(w)) {
        invited.insert(0, w);
    }
    let mut guests: Vec<Guest> = invited
        .iter()
        .map(|&company| {
            let came = (dongsheng_visit && Some(company) == weijun) || rng.random_bool(0.75);
            // Those who came had said yes; most who did not had said no.
            let reply = match (came, rng.random_bool(0.7)) {
                (true, _) => Reply::Accepted,
                (false, true) => Reply::Declined,
                (false, false) => Reply::Awaiting,
            };
            Guest { company, invited: true, reply, attended: came }
        })
        .collect();
    // One or two came without an invitation.
    let walk_in_count = rng.random_range(0..=2);
    let walk_ins: Vec<CompanyId> = written
        .members
        .iter()
        .map(|m| m.id)
        .filter(|id| *id != host && !invited.contains(id))
        .collect::<Vec<_>>()
        .choose_multiple(rng, walk_in_count)
        .copied()
        .collect();
    guests.extend(walk_ins.into_iter().map(|company| Guest { company, attended: true, ..Guest::default() }));

    let mut answers = Vec::new();
    for g in guests.iter().filter(|g| g.attended) {
        let story = dongsheng_visit && Some(g.company) == weijun;
        if !story && !rng.random_bool(0.7) {
            continue;
        }
        for question in QUESTIONS {
            let score = if story { 5 } else { *[5u8, 5, 5, 4, 4, 4, 4, 3].choose(rng).unwrap_or(&4) };
            answers.push(FeedbackAnswer {
                company: g.company,
                question: question.into(),
                score: Some(score),
                comment: String::new(),
            });
        }
        let comment = if story {
            Some("没想到导柱导套就在 500 米外的东盛，价格只有香港的十分之一".to_string())
        } else {
            rng.random_bool(0.3).then(|| COMMENTS.choose(rng).map_or(String::new(), |c| c.to_string()))
        };
        if let Some(comment) = comment {
            answers.push(FeedbackAnswer { company: g.company, question: String::new(), score: None, comment });
        }
    }
    store::record_guests(tx, year, month, &guests, &answers)?;

    // What was left to do: an enquiry between the host and a guest who could trade with it, some
    // of which the secretary recorded as introductions; and the visit's minutes.
    let host_short = written.short(host).to_string();
    let note = format!("{year} 年 {month} 月互访（东道主 {host_short}）跟进");
    let mut follow_ups = Vec::new();
    let mut traders: Vec<&Guest> = guests.iter().filter(|g| g.attended && linked.contains_key(&g.company)).collect();
    traders.sort_by_key(|g| Some(g.company) != weijun);
    for g in traders.iter().take(3) {
        let pairs = &linked[&g.company];
        let story = dongsheng_visit && Some(g.company) == weijun;
        // The pair with the most to save comes first; for 威骏 at 东盛, the article's guide pillars.
        let saving = |m: &&Match| {
            let article = story && written.need_item(m.need_id) == Some(GUIDE_PILLARS);
            let per_unit = m.current_unit_price.zip(m.offered_unit_price).map_or(0.0, |(c, o)| c - o);
            (article, per_unit)
        };
        let Some(first) = pairs.iter().copied().max_by(|a, b| {
            let (a, b) = (saving(a), saving(b));
            a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
        }) else {
            continue;
        };
        let item = written.product(first.product_id).map_or(String::new(), |p| p.name.clone());
        let (buyer, seller) = (first.need_company_id, first.supplier_company_id);
        let due = date + Days::new(14);
        let introduced = story || rng.random_bool(0.4);
        follow_ups.push(FollowUp {
            id: 0,
            year,
            month,
            action: format!("{}向{}索取{}报价和样品", written.short(buyer), written.short(seller), item),
            owner: format!("{}采购部", written.short(buyer)),
            due: Some(due),
            companies: (Some(buyer), Some(seller)),
            introduced,
            // Old ones were nearly all done; the latest visit's are still open.
            done: due < today && (introduced || rng.random_bool(0.9)),
        });
        if introduced {
            introduce(pipelines, (first.need_id, first.product_id), date, note.clone());
            for m in pairs {
                introduce(pipelines, (m.need_id, m.product_id), date, note.clone());
            }
        }
        if story {
            // The article's pair went on: a trial order, then a contract at a tenth of the price.
            let pair = (first.need_id, first.product_id);
            if let Some(p) = pipelines.get_mut(&pair) {
                let trial = p.apply(Transition::StartTrial { on: date + Days::new(30) });
                let contract = trial.and_then(|t| {
                    t.apply(Transition::Contract {
                        on: date + Days::new(75),
                        unit_price: first.offered_unit_price.unwrap_or(12.0),
                        annual_quantity: first.annual_quantity.unwrap_or(6000.0),
                        baseline_unit_price: first.current_unit_price,
                    })
                });
                if let Ok(contracted) = contract {
                    *p = contracted;
                }
            }
        }
    }
    follow_ups.push(FollowUp {
        id: 0,
        year,
        month,
        action: "整理本次互访纪要和反馈表，发送全体成员".into(),
        owner: "秘书处".into(),
        due: Some(date + Days::new(7)),
        companies: (Some(host), None),
        introduced: false,
        done: date + Days::new(7) < today,
    });
    for f in &follow_ups {
        store::save_follow_up(tx, f)?;
    }
    Ok(())
}

/// Each year's council meetings, policy briefings and safety training.
fn write_events(tx: &Transaction, this_year: i32) -> Result<(), StoreError> {
    let place = "大港社区党群服务中心";
    for year in this_year - 2..=this_year {
        let weekday = |month: u32, n: u8| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Tue, n);
        let events = [
            (EventKind::Council, format!("{year} 年度理事会"), weekday(1, 2), 0),
            (EventKind::Briefing, "惠企政策宣讲会（税务、人社）".to_string(), weekday(4, 2), 0),
            (EventKind::Training, "安全生产培训".to_string(), weekday(6, 1), 1),
            (EventKind::Council, format!("{year} 年理事会年中会议"), weekday(7, 2), 0),
            (EventKind::Briefing, "数字化转型专题宣讲".to_string(), weekday(9, 2), 0),
        ];
        for (kind, title, start, extra_days) in events {
            let Some(start) = start else { continue };
            let event = FederationEvent {
                id: 0,
                kind,
                title,
                start,
                end: start + Days::new(extra_days),
                place: place.into(),
                note: String::new(),
            };
            store::save_event(tx, &event)?;
        }
    }
    Ok(())
}

/// Last year's exhibition: two days in October; a hall of 4 × 8 booths, the makers with the
/// most to sell to members in front; leads with members (the supplier-matching pairs) and with
/// buyers from outside, some of them deals.
fn write_exhibition(
    tx: &Transaction,
    written: &Written,
    matches: &[Match],
    year: i32,
    rng: &mut ChaCha8Rng,
    pipelines: &mut BTreeMap<(i64, i64), Pipeline>,
) -> Result<(), StoreError> {
    let Some(start) = NaiveDate::from_weekday_of_month_opt(year, 10, Weekday::Fri, 3) else { return Ok(()) };
    let exhibition = Exhibition {
        id: 0,
        year,
        title: format!("{year} 年度会员产品展销会"),
        start: Some(start),
        end: Some(start + Days::new(1)),
        place: "大港工业园区会展中心".into(),
        rows: 4,
        cols: 8,
    };
    let id = store::save_exhibition(tx, &exhibition)?;
    // Who has the most members to sell to.
    let mut buyers: BTreeMap<CompanyId, BTreeSet<CompanyId>> = BTreeMap::new();
    for m in matches.iter().filter(|m| m.need_company_id != m.supplier_company_id) {
        buyers.entry(m.supplier_company_id).or_default().insert(m.need_company_id);
    }
    let mut sellers: Vec<(CompanyId, usize)> = buyers.iter().map(|(s, b)| (*s, b.len())).collect();
    sellers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let exhibitors: Vec<CompanyId> = sellers.iter().take(26).map(|(s, _)| *s).collect();
    let booths: Vec<Booth> = exhibitors
        .iter()
        .enumerate()
        .map(|(i, &company)| {
            // Booths fill the hall row by row; the last row's end is left for the organisers' desk.
            let at = BoothAt { row: i as u32 / exhibition.cols, col: i as u32 % exhibition.cols };
            let products = written.park.products.iter().filter(|p| p.company_id == company).take(3).map(|p| p.id);
            Booth { at, company, products: products.collect() }
        })
        .collect();
    store::set_booths(tx, id, &booths)?;
    let note = format!("{year} 年度产品展销会");
    for &exhibitor in exhibitors.iter().take(14) {
        let pairs: Vec<&Match> = matches.iter().filter(|m| m.supplier_company_id == exhibitor).take(2).collect();
        for m in pairs {
            let deal = rng.random_bool(0.35);
            let yearly = m.offered_unit_price.zip(m.annual_quantity).map(|(p, q)| (p * q / 4.0).round());
            let lead = Lead {
                id: 0,
                exhibitor,
                visitor: Some(m.need_company_id),
                visitor_name: String::new(),
                kind: if deal { LeadKind::Deal } else { LeadKind::Lead },
                amount: yearly,
                note: written.product(m.product_id).map_or(String::new(), |p| format!("{}，现场洽谈", p.name)),
                pair: Some((m.need_id, m.product_id)),
            };
            store::save_lead(tx, id, &lead)?;
            introduce(pipelines, (m.need_id, m.product_id), start, note.clone());
        }
    }
    for (i, buyer) in OUTSIDE_BUYERS.iter().enumerate() {
        let exhibitor = exhibitors[(i * 5) % exhibitors.len().max(1)];
        let deal = i % 3 == 0;
        let lead = Lead {
            id: 0,
            exhibitor,
            visitor: None,
            visitor_name: buyer.to_string(),
            kind: if deal { LeadKind::Deal } else { LeadKind::Lead },
            amount: Some(f64::from(rng.random_range(5..60u32)) * 10_000.0),
            note: if deal { "现场签订采购意向书".into() } else { "留下联系方式，会后报价".into() },
            pair: None,
        };
        store::save_lead(tx, id, &lead)?;
    }
    Ok(())
}
