//! Whom to invite to a visit: first the members the host could supply and those who could supply
//! the host — the visit is where a match becomes an introduction — by the saving at stake; then
//! the host's neighbours in its zone, nearest first. Each invitee says why.

use crate::domain::{Company, CompanyId, MemberStatus, distance_m};
use crate::i18n::{Lang, format};
use crate::matching::engine::Candidate;
use crate::tr;
use std::collections::HashMap;

/// Why a member is worth inviting.
#[derive(Debug, Clone, PartialEq)]
pub enum InviteReason {
    /// It needs these of what the host makes, saving this much a year where prices compare.
    Buys { items: Vec<String>, saving: Option<f64> },
    /// It makes these of what the host needs.
    Sells { items: Vec<String>, saving: Option<f64> },
    /// A neighbour of the host, this far away when both are on the map.
    Neighbour { zone: String, distance_m: Option<f64> },
    /// It last came to a visit in this year and month, or never.
    Absent(Option<(i32, u32)>),
}

impl InviteReason {
    pub fn text(&self, lang: Lang) -> String {
        let saving = |s: &Option<f64>, lang: Lang| {
            s.map(|s| tr!(lang, "（预计年节约 {}）", " (est. saving {} a year)", format::money(s))).unwrap_or_default()
        };
        let list = |items: &[String]| items.join(lang.pick("、", ", "));
        match self {
            Self::Buys { items, saving: s } => {
                tr!(lang, "需要东道主的{}{}", "needs the host's {}{}", list(items), saving(s, lang))
            }
            Self::Sells { items, saving: s } => {
                tr!(lang, "可供东道主所需的{}{}", "makes the {} the host needs{}", list(items), saving(s, lang))
            }
            Self::Neighbour { zone, distance_m: Some(d) } => {
                tr!(lang, "同在{zone}，相距 {}", "also in {zone}, {} away", format::distance(*d))
            }
            Self::Neighbour { zone, distance_m: None } => tr!(lang, "同在{zone}", "also in {zone}"),
            Self::Absent(None) => lang.pick("从未参加互访", "never came to a visit").into(),
            Self::Absent(Some((y, m))) => tr!(lang, "上次参加互访 {y}-{m:02}", "last came to a visit {y}-{m:02}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Invitee {
    pub company: CompanyId,
    pub reasons: Vec<InviteReason>,
    /// The saving at stake between it and the host, summed.
    pub saving: f64,
    /// The matched pairs (need, product) between it and the host, which the visit can introduce.
    pub pairs: Vec<(i64, i64)>,
}

/// What the ranking reads about the park.
pub struct Park<'a> {
    pub companies: &'a [Company],
    /// The zone names by id.
    pub zones: &'a HashMap<i64, String>,
    /// Each need's item and each product's name, by id.
    pub need_items: &'a HashMap<i64, String>,
    pub product_names: &'a HashMap<i64, String>,
    /// When each member last attended a visit (year, month); absent: never.
    pub last_attended: &'a HashMap<CompanyId, (i32, u32)>,
}

/// The members to invite to `host`'s visit, best first, at most `limit`.
pub fn rank_invitees<'c>(
    host: CompanyId,
    candidates: impl IntoIterator<Item = &'c Candidate>,
    park: &Park,
    limit: usize,
) -> Vec<Invitee> {
    let by_id: HashMap<CompanyId, &Company> = park.companies.iter().map(|c| (c.id, c)).collect();
    let invitable = |id: CompanyId| id != host && by_id.get(&id).is_some_and(|c| c.status == MemberStatus::Active);
    // Per member: what it would buy from the host and sell to it, with the savings.
    #[derive(Default)]
    struct Link {
        buys: (Vec<String>, Option<f64>),
        sells: (Vec<String>, Option<f64>),
        pairs: Vec<(i64, i64)>,
    }
    type Side = fn(&mut Link) -> &mut (Vec<String>, Option<f64>);
    let mut links: HashMap<CompanyId, Link> = HashMap::new();
    for c in candidates {
        let (other, item, side): (CompanyId, Option<&String>, Side) =
            if c.supplier_company_id == host && invitable(c.need_company_id) {
                (c.need_company_id, park.product_names.get(&c.product_id), |l| &mut l.buys)
            } else if c.need_company_id == host && invitable(c.supplier_company_id) {
                (c.supplier_company_id, park.need_items.get(&c.need_id), |l| &mut l.sells)
            } else {
                continue;
            };
        let link = links.entry(other).or_default();
        link.pairs.push((c.need_id, c.product_id));
        let (items, saving) = side(link);
        if let Some(item) = item.filter(|i| !items.contains(i)) {
            items.push(item.clone());
        }
        if let Some(s) = c.annual_saving() {
            *saving = Some(saving.unwrap_or(0.0) + s);
        }
    }
    let mut ranked: Vec<Invitee> = links
        .into_iter()
        .map(|(company, Link { buys, sells, pairs })| {
            let saving = buys.1.unwrap_or(0.0) + sells.1.unwrap_or(0.0);
            let mut reasons = Vec::new();
            if !buys.0.is_empty() {
                reasons.push(InviteReason::Buys { items: buys.0, saving: buys.1 });
            }
            if !sells.0.is_empty() {
                reasons.push(InviteReason::Sells { items: sells.0, saving: sells.1 });
            }
            Invitee { company, reasons, saving, pairs }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.saving.total_cmp(&a.saving).then(b.reasons.len().cmp(&a.reasons.len())).then(a.company.cmp(&b.company))
    });
    if let Some(host_company) = by_id.get(&host)
        && let Some(zone) = host_company.zone_id
    {
        let zone_name = park.zones.get(&zone).cloned().unwrap_or_default();
        let mut neighbours: Vec<(&Company, Option<f64>)> = park
            .companies
            .iter()
            .filter(|c| c.zone_id == Some(zone) && invitable(c.id) && !ranked.iter().any(|r| r.company == c.id))
            .map(|c| (c, distance_m(host_company, c)))
            .collect();
        neighbours.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.0.id.cmp(&b.0.id),
        });
        ranked.extend(neighbours.into_iter().map(|(c, d)| Invitee {
            company: c.id,
            reasons: vec![InviteReason::Neighbour { zone: zone_name.clone(), distance_m: d }],
            saving: 0.0,
            pairs: Vec::new(),
        }));
    }
    // Then whoever has stayed away longest, never first, so every member is asked in turn.
    if ranked.len() < limit {
        let mut absent: Vec<&Company> =
            park.companies.iter().filter(|c| invitable(c.id) && !ranked.iter().any(|r| r.company == c.id)).collect();
        absent.sort_by_key(|c| (park.last_attended.get(&c.id).copied(), c.id));
        ranked.extend(absent.into_iter().take(limit - ranked.len()).map(|c| Invitee {
            company: c.id,
            reasons: vec![InviteReason::Absent(park.last_attended.get(&c.id).copied())],
            saving: 0.0,
            pairs: Vec::new(),
        }));
    }
    ranked.truncate(limit);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::board::{Matcher, Park as MatchPark};
    use crate::store::Store;

    #[test]
    fn at_dongshengs_visit_weijun_comes_first_for_the_guide_pillars_it_buys_from_hong_kong() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::write_demo_in(&mut store, 347, 1, crate::demo::test_day()).unwrap();
        let park = MatchPark::load(&store).unwrap();
        let mut matcher = Matcher::default();
        matcher.update(&park);
        let candidates: Vec<&Candidate> = park.needs.iter().flat_map(|n| matcher.candidates(n.id)).collect();
        let zones: HashMap<i64, String> = store.zones().unwrap().into_iter().map(|z| (z.id, z.name)).collect();
        let need_items = park.needs.iter().map(|n| (n.id, n.item.clone())).collect();
        let product_names = park.products.iter().map(|p| (p.id, p.name.clone())).collect();
        let last_attended = HashMap::new();
        let view = Park {
            companies: &park.companies,
            zones: &zones,
            need_items: &need_items,
            product_names: &product_names,
            last_attended: &last_attended,
        };
        let find = |short: &str| park.companies.iter().find(|c| c.short_name == short).unwrap().id;
        let (dongsheng, weijun) = (find("东盛公司"), find("威骏模具"));

        let invitees = rank_invitees(dongsheng, candidates.iter().copied(), &view, 30);
        assert_eq!(invitees[0].company, weijun, "{invitees:?}");
        let why = invitees[0].reasons.iter().map(|r| r.text(Lang::Zh)).collect::<Vec<_>>().join("；");
        assert!(why.contains("需要东道主的导柱导套"), "{why}");
        assert!(invitees[0].saving >= 648_000.0, "the guide pillars alone save ¥648,000 a year");
        // Buyers and sellers by the saving at stake, then neighbours nearest first; never the host.
        let savings: Vec<f64> = invitees.iter().take_while(|i| i.saving > 0.0).map(|i| i.saving).collect();
        assert!(savings.windows(2).all(|w| w[0] >= w[1]));
        assert!(invitees.iter().all(|i| i.company != dongsheng));
        assert!(invitees.iter().any(|i| matches!(i.reasons[0], InviteReason::Neighbour { .. })));
        assert!(invitees.len() <= 30);
    }

    #[test]
    fn after_links_and_neighbours_come_those_who_stayed_away_longest() {
        let company = |id: i64, zone: Option<i64>| Company { id, zone_id: zone, ..Company::default() };
        let companies =
            vec![company(1, Some(1)), company(2, Some(1)), company(3, Some(2)), company(4, Some(2)), company(5, None)];
        let zones = HashMap::from([(1, "第一片区".to_string()), (2, "第二片区".to_string())]);
        let (need_items, product_names) = (HashMap::new(), HashMap::new());
        let last_attended = HashMap::from([(3, (2025, 6)), (4, (2024, 2))]);
        let view = Park {
            companies: &companies,
            zones: &zones,
            need_items: &need_items,
            product_names: &product_names,
            last_attended: &last_attended,
        };
        let invitees = rank_invitees(1, std::iter::empty(), &view, 10);
        let order: Vec<CompanyId> = invitees.iter().map(|i| i.company).collect();
        assert_eq!(order, [2, 5, 4, 3], "the neighbour, then never came, then the longest ago");
        assert_eq!(invitees[1].reasons[0].text(Lang::Zh), "从未参加互访");
        assert_eq!(invitees[2].reasons[0].text(Lang::Zh), "上次参加互访 2024-02");
    }
}
