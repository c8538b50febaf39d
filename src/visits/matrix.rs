//! Who has visited whom: for each member, the visits it attended and how many other members it
//! has met at one (two members meet when both are at the same visit, the host included), so the
//! secretary sees which members never meet.

use crate::domain::CompanyId;
use std::collections::{BTreeMap, BTreeSet};

/// A held visit: its host and who came.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldVisit {
    pub year: i32,
    pub month: u32,
    pub host: CompanyId,
    pub attended: Vec<CompanyId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub company: CompanyId,
    /// For each visit (the matrix's columns), whether it was there: as host or guest.
    pub at: Vec<Presence>,
    pub attended: usize,
    pub hosted: usize,
    /// How many other members it has met at a visit.
    pub met: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Absent,
    Guest,
    Host,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matrix {
    /// The columns: the held visits, oldest first.
    pub visits: Vec<HeldVisit>,
    /// One row a member, in the order given.
    pub rows: Vec<MemberRow>,
    /// Pairs of members who have never been at the same visit.
    pub never_met_pairs: usize,
    /// Whom each member has met at a visit (members and not).
    met: BTreeMap<CompanyId, BTreeSet<CompanyId>>,
}

impl Matrix {
    /// The matrix of `members` over `visits` (visits with nobody recorded count: the host was there).
    pub fn build(members: &[CompanyId], visits: Vec<HeldVisit>) -> Self {
        let mut met: BTreeMap<CompanyId, BTreeSet<CompanyId>> = BTreeMap::new();
        for visit in &visits {
            let present: BTreeSet<CompanyId> = visit.attended.iter().copied().chain([visit.host]).collect();
            for &a in &present {
                met.entry(a).or_default().extend(present.iter().copied().filter(|b| *b != a));
            }
        }
        let member_set: BTreeSet<CompanyId> = members.iter().copied().collect();
        let rows: Vec<MemberRow> = members
            .iter()
            .map(|&company| {
                let at: Vec<Presence> = visits
                    .iter()
                    .map(|v| {
                        if v.host == company {
                            Presence::Host
                        } else if v.attended.contains(&company) {
                            Presence::Guest
                        } else {
                            Presence::Absent
                        }
                    })
                    .collect();
                let met = met.get(&company).map_or(0, |m| m.intersection(&member_set).count());
                MemberRow {
                    company,
                    attended: at.iter().filter(|p| **p == Presence::Guest).count(),
                    hosted: at.iter().filter(|p| **p == Presence::Host).count(),
                    at,
                    met,
                }
            })
            .collect();
        let n = members.len();
        let met_pairs: usize = rows.iter().map(|r| r.met).sum::<usize>() / 2;
        Self { visits, rows, never_met_pairs: (n * n.saturating_sub(1) / 2).saturating_sub(met_pairs), met }
    }

    /// The members `company` has never met at a visit, in the matrix's order.
    pub fn never_met(&self, company: CompanyId) -> Vec<CompanyId> {
        let met = self.met.get(&company);
        self.rows
            .iter()
            .map(|r| r.company)
            .filter(|&other| other != company && !met.is_some_and(|m| m.contains(&other)))
            .collect()
    }

    /// Members who have been at no visit at all.
    pub fn never_there(&self) -> usize {
        self.rows.iter().filter(|r| r.attended + r.hosted == 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_meet_at_a_visit_host_included_and_the_rest_never_meet() {
        let visits = vec![
            HeldVisit { year: 2025, month: 3, host: 1, attended: vec![2, 3] },
            HeldVisit { year: 2025, month: 4, host: 4, attended: vec![2] },
        ];
        let matrix = Matrix::build(&[1, 2, 3, 4, 5], visits);
        let row = |id: CompanyId| matrix.rows.iter().find(|r| r.company == id).unwrap();
        assert_eq!(row(2).at, [Presence::Guest, Presence::Guest]);
        assert_eq!((row(2).attended, row(2).met), (2, 3), "2 met 1, 3 and 4");
        assert_eq!((row(1).hosted, row(1).met), (1, 2));
        assert_eq!(row(5).met, 0);
        assert_eq!(matrix.never_there(), 1);
        // Of the ten pairs, 1–2, 1–3, 2–3 and 2–4 met.
        assert_eq!(matrix.never_met_pairs, 6);
        assert_eq!(matrix.never_met(3), [4, 5]);
        assert_eq!(matrix.never_met(2), [5]);
        assert_eq!(matrix.never_met(5), [1, 2, 3, 4]);
    }
}
