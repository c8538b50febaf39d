//! Ranking an event: by total, then the event's tie-break chain in order; entries the whole chain
//! cannot separate share a rank (1, 2, 2, 4), never split by chance. Awards go by rank, so tied
//! entries get the same award. Then the team table by company.

use super::aggregate::EntryResult;
use crate::domain::CompanyId;
use crate::domain::contest::{Award, Entry, Event, TieBreak};
use crate::i18n::Lang;
use crate::tr;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Scores are compared to two decimals, as they are printed.
fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub entry: i64,
    pub rank: u32,
    /// Another entry has the same rank: the chain could not separate them.
    pub shared: bool,
    /// What placed it below the entry above with the same total (`None`: the total did).
    pub decided_by: Option<TieBreak>,
    pub award: Option<Award>,
}

/// The tie-break chain as the outputs state it: 总分 → 实操 → 理论 → 用时短者 → 并列.
pub fn chain_text(event: &Event, lang: Lang) -> String {
    let mut steps = vec![lang.pick("总分", "total").to_string()];
    steps.extend(event.tie_breaks.iter().map(|t| tie_break_name(event, *t, lang)));
    steps.push(lang.pick("仍相同则并列", "then a shared rank").to_string());
    steps.join(" → ")
}

pub fn tie_break_name(event: &Event, t: TieBreak, lang: Lang) -> String {
    match t {
        TieBreak::Criterion(i) => {
            let name = event.criteria.get(i).map_or("?", |c| c.name.as_str());
            tr!(lang, "{name}得分", "{name} score")
        }
        TieBreak::ShorterTime => lang.pick("用时短者", "shorter time").to_string(),
    }
}

/// Compares two entries by one tie-break: the better first.
fn by(t: TieBreak, a: (&EntryResult, &Entry), b: (&EntryResult, &Entry)) -> Ordering {
    match t {
        TieBreak::Criterion(i) => {
            let score = |r: &EntryResult| r.criteria.get(i).and_then(|c| c.value).map(hundredths);
            score(b.0).cmp(&score(a.0))
        }
        TieBreak::ShorterTime => {
            let time = |e: &Entry| e.time_seconds.map_or(i64::MAX, hundredths);
            time(a.1).cmp(&time(b.1))
        }
    }
}

/// The ranking of the entries that have a total (the others are not ranked yet).
pub fn rank(event: &Event, entries: &[Entry], results: &[EntryResult]) -> Vec<Ranked> {
    let entry_of: HashMap<i64, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let mut scored: Vec<(&EntryResult, &Entry)> =
        results.iter().filter(|r| r.total.is_some()).filter_map(|r| Some((r, *entry_of.get(&r.entry)?))).collect();
    let total = |r: &EntryResult| r.total.map_or(i64::MIN, hundredths);
    let compare = |a: &(&EntryResult, &Entry), b: &(&EntryResult, &Entry)| {
        let mut order = total(b.0).cmp(&total(a.0));
        for t in &event.tie_breaks {
            order = order.then_with(|| by(*t, *a, *b));
        }
        order
    };
    // Equal under the whole chain: the entry's id keeps the listing stable, not the ranking.
    scored.sort_by(|a, b| compare(a, b).then(a.1.id.cmp(&b.1.id)));
    let mut ranked: Vec<Ranked> = Vec::with_capacity(scored.len());
    for (i, current) in scored.iter().enumerate() {
        let (rank, decided_by) = match i.checked_sub(1).map(|p| &scored[p]) {
            Some(above) if compare(above, current) == Ordering::Equal => (ranked[i - 1].rank, None),
            Some(above) if total(above.0) == total(current.0) => {
                let t = event.tie_breaks.iter().copied().find(|t| by(*t, *above, *current) != Ordering::Equal);
                (i as u32 + 1, t)
            }
            _ => (i as u32 + 1, None),
        };
        ranked.push(Ranked { entry: current.1.id, rank, shared: false, decided_by, award: None });
    }
    let mut count: HashMap<u32, usize> = HashMap::new();
    for r in &ranked {
        *count.entry(r.rank).or_default() += 1;
    }
    let a = event.awards;
    for r in &mut ranked {
        r.shared = count[&r.rank] > 1;
        r.award = match r.rank {
            x if x <= a.first => Some(Award::First),
            x if x <= a.first + a.second => Some(Award::Second),
            x if x <= a.first + a.second + a.third => Some(Award::Third),
            x if x <= a.first + a.second + a.third + a.excellent => Some(Award::Excellent),
            _ => None,
        };
    }
    ranked
}

/// A company's line in the team table.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub company: CompanyId,
    pub entries: usize,
    /// Awards won, by tier (一等, 二等, 三等, 优秀).
    pub awards: [usize; 4],
    pub average: f64,
}

/// The companies by awards (一等奖 first, then 二等…), then by their entries' average total.
pub fn teams(entries: &[Entry], results: &[EntryResult], ranked: &[Ranked]) -> Vec<Team> {
    let total: HashMap<i64, f64> = results.iter().filter_map(|r| Some((r.entry, r.total?))).collect();
    let award: HashMap<i64, Award> = ranked.iter().filter_map(|r| Some((r.entry, r.award?))).collect();
    let mut by_company: HashMap<CompanyId, (usize, [usize; 4], f64, usize)> = HashMap::new();
    for e in entries {
        let line = by_company.entry(e.company).or_default();
        line.0 += 1;
        if let Some(a) = award.get(&e.id) {
            line.1[Award::ALL.iter().position(|x| x == a).unwrap_or(0)] += 1;
        }
        if let Some(t) = total.get(&e.id) {
            line.2 += t;
            line.3 += 1;
        }
    }
    let mut teams: Vec<Team> = by_company
        .into_iter()
        .map(|(company, (entries, awards, sum, scored))| Team {
            company,
            entries,
            awards,
            average: if scored > 0 { sum / scored as f64 } else { 0.0 },
        })
        .collect();
    teams.sort_by(|a, b| b.awards.cmp(&a.awards).then(b.average.total_cmp(&a.average)).then(a.company.cmp(&b.company)));
    teams
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contests::aggregate::CriterionResult;
    use crate::domain::contest::AwardCounts;

    /// An entry with these 理论 and 实操 scores (weights 30/70) and time.
    fn scored(id: i64, theory: f64, practice: f64, time: Option<f64>) -> (Entry, EntryResult) {
        let criterion = |v: f64| CriterionResult { value: Some(v), ..CriterionResult::default() };
        let entry = Entry { id, company: id % 3, time_seconds: time, ..Entry::default() };
        let total = theory * 0.3 + practice * 0.7;
        (entry, EntryResult { entry: id, criteria: vec![criterion(theory), criterion(practice)], total: Some(total) })
    }

    fn ranking(list: &[(Entry, EntryResult)], event: &Event) -> Vec<(i64, u32, bool, Option<TieBreak>)> {
        let (entries, results): (Vec<_>, Vec<_>) = list.iter().cloned().unzip();
        rank(event, &entries, &results).into_iter().map(|r| (r.entry, r.rank, r.shared, r.decided_by)).collect()
    }

    #[test]
    fn equal_totals_go_down_the_chain_and_a_tie_it_cannot_break_is_shared() {
        let event = Event::new(1, "焊工");
        let list = [
            scored(1, 90.0, 80.0, Some(300.0)), // 83
            scored(2, 76.0, 86.0, Some(280.0)), // 83: better 实操 than entry 1
            scored(3, 76.0, 86.0, Some(250.0)), // 83, same 实操 and 理论 as 2, faster
            scored(4, 76.0, 86.0, Some(250.0)), // the same as 3 in everything: shared
            scored(5, 100.0, 100.0, None),      // 100
        ];
        assert_eq!(
            ranking(&list, &event),
            [
                (5, 1, false, None),
                (3, 2, true, None),
                (4, 2, true, None),
                (2, 4, false, Some(TieBreak::ShorterTime)),
                (1, 5, false, Some(TieBreak::Criterion(1))),
            ]
        );
        assert_eq!(chain_text(&event, Lang::Zh), "总分 → 实操得分 → 理论得分 → 用时短者 → 仍相同则并列");
    }

    #[test]
    fn awards_follow_the_counts_and_tied_entries_share_the_award() {
        let mut event = Event::new(1, "电工");
        event.awards = AwardCounts { first: 1, second: 1, third: 1, excellent: 1 };
        let list = [
            scored(1, 100.0, 100.0, None),
            scored(2, 90.0, 90.0, Some(10.0)),
            scored(3, 90.0, 90.0, Some(10.0)),
            scored(4, 80.0, 80.0, None),
            scored(5, 70.0, 70.0, None),
            scored(6, 60.0, 60.0, None),
        ];
        let (entries, results): (Vec<_>, Vec<_>) = list.iter().cloned().unzip();
        let awards: Vec<(i64, Option<Award>)> =
            rank(&event, &entries, &results).iter().map(|r| (r.entry, r.award)).collect();
        assert_eq!(
            awards,
            [
                (1, Some(Award::First)),
                (2, Some(Award::Second)),
                (3, Some(Award::Second)),
                (4, Some(Award::Excellent)),
                (5, None),
                (6, None),
            ],
            "the two tied for second both get it; rank 4 is past the third prize"
        );
        let table = teams(&entries, &results, &rank(&event, &entries, &results));
        // Company 1 (entries 1 and 4): a first prize and a mention, ahead of company 2 and 0.
        assert_eq!(table[0].company, 1);
        assert_eq!(table[0].awards, [1, 0, 0, 1]);
    }

    #[test]
    fn entries_without_a_total_are_not_ranked() {
        let event = Event::new(1, "叉车");
        let (mut entry, mut result) = scored(1, 80.0, 80.0, None);
        result.total = None;
        entry.id = 1;
        assert!(rank(&event, &[entry], &[result]).is_empty());
    }
}
