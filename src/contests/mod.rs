//! 每季技术比武: turning the judges' scores into results (`aggregate`), ranking them with the
//! stated tie-breaks and giving the awards (`rank`), the running order's draw (`draw`), the
//! quarter's industries in turn (here) — pure functions over the domain's types — and the
//! contests against the store (`service`).

pub mod aggregate;
pub mod draw;
pub mod export;
pub mod rank;
pub mod service;
pub mod sheets;

use std::collections::HashMap;

/// A quarter's industries, suggested from the members' (one industry per member, as listed): the
/// industries with the most members first, taken a quarter's share in turn, so that every
/// industry has its quarter in the year.
pub fn suggested_industries<'a>(members: impl IntoIterator<Item = &'a str>, quarter: u32) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for industry in members.into_iter().filter(|i| !i.is_empty()) {
        *counts.entry(industry).or_default() += 1;
    }
    let mut industries: Vec<(&str, usize)> = counts.into_iter().collect();
    industries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let share = industries.len().div_ceil(4).max(1);
    let skip = (quarter.clamp(1, 4) as usize - 1) * share;
    industries.iter().skip(skip).take(share).map(|(i, _)| i.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_industry_has_its_quarter_the_largest_first() {
        let members = ["模具", "模具", "模具", "电子", "电子", "塑料", "五金", "五金", "包装", "", "化工"];
        let year: Vec<Vec<String>> = (1..=4).map(|q| suggested_industries(members, q)).collect();
        assert_eq!(year[0], ["模具", "五金"], "the most members first");
        let mut all: Vec<String> = year.concat();
        all.sort();
        let mut expected = vec!["模具", "电子", "塑料", "五金", "包装", "化工"];
        expected.sort();
        assert_eq!(all, expected, "each industry once over the year");
        assert!(suggested_industries([], 1).is_empty());
    }
}
