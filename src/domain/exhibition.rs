//! The annual product exhibition (年度产品展销会): a hall of booths in rows and columns, which
//! company and which of its products stand at each, and the leads and deals it produced.

use super::CompanyId;
use chrono::NaiveDate;

/// The largest hall side the floor plan draws (a park's exhibition has tens of booths).
pub const MAX_SIDE: u32 = 26;

#[derive(Debug, Clone, PartialEq)]
pub struct Exhibition {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub place: String,
    pub rows: u32,
    pub cols: u32,
}

impl Exhibition {
    /// A new year's exhibition: a hall of 4 rows of 8 booths until the secretary says otherwise.
    pub fn new(year: i32) -> Self {
        Self {
            id: 0,
            year,
            title: format!("{year} 年度会员产品展销会"),
            start: None,
            end: None,
            place: String::new(),
            rows: 4,
            cols: 8,
        }
    }
}

/// Where a booth is: row and column from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BoothAt {
    pub row: u32,
    pub col: u32,
}

impl BoothAt {
    /// The number printed on the floor: the row's letter and the column from 1 (A1, B12).
    pub fn label(self) -> String {
        let letter = char::from(b'A' + (self.row % MAX_SIDE) as u8);
        format!("{letter}{}", self.col + 1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Booth {
    pub at: BoothAt,
    pub company: CompanyId,
    /// The company's products shown there.
    pub products: Vec<i64>,
}

/// Puts `company` at `at`. A company already there moves back to the list; the company's own
/// booth elsewhere, if any, moves here with its products (one booth a company).
pub fn assign(booths: &mut Vec<Booth>, company: CompanyId, at: BoothAt) {
    let products = booths.iter().find(|b| b.company == company).map(|b| b.products.clone()).unwrap_or_default();
    booths.retain(|b| b.company != company && b.at != at);
    booths.push(Booth { at, company, products });
    booths.sort_by_key(|b| b.at);
}

/// Moves the booth at `from` to `to`, swapping with the booth there, if any.
pub fn move_booth(booths: &mut [Booth], from: BoothAt, to: BoothAt) {
    for booth in booths.iter_mut() {
        if booth.at == from {
            booth.at = to;
        } else if booth.at == to {
            booth.at = from;
        }
    }
    booths.sort_by_key(|b| b.at);
}

/// The booths outside a hall made smaller: they must be moved before it shrinks.
pub fn outside(booths: &[Booth], rows: u32, cols: u32) -> Vec<BoothAt> {
    booths.iter().map(|b| b.at).filter(|at| at.row >= rows || at.col >= cols).collect()
}

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum LeadKind {
        #[default]
        Lead = ("lead", "意向", "Lead"),
        Deal = ("deal", "成交", "Deal"),
    }
}

/// A lead or deal made at a booth: with a member (then it can be a supplier-matching pair) or
/// with an outside buyer, named.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lead {
    pub id: i64,
    pub exhibitor: CompanyId,
    pub visitor: Option<CompanyId>,
    /// An outside buyer's name, when the visitor is not a member.
    pub visitor_name: String,
    pub kind: LeadKind,
    /// The amount agreed or in view, in yuan.
    pub amount: Option<f64>,
    pub note: String,
    /// The supplier-matching pair it was recorded as (the visitor's need, the exhibitor's product).
    pub pair: Option<(i64, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(row: u32, col: u32) -> BoothAt {
        BoothAt { row, col }
    }

    #[test]
    fn booths_are_numbered_as_printed_on_the_floor() {
        assert_eq!(at(0, 0).label(), "A1");
        assert_eq!(at(2, 11).label(), "C12");
    }

    #[test]
    fn assigning_moves_a_company_with_its_products_and_frees_the_booth_it_takes() {
        let mut booths = vec![
            Booth { at: at(0, 0), company: 1, products: vec![10] },
            Booth { at: at(0, 1), company: 2, products: vec![] },
        ];
        assign(&mut booths, 1, at(0, 1));
        assert_eq!(booths, [Booth { at: at(0, 1), company: 1, products: vec![10] }], "2 is back on the list");
        assign(&mut booths, 3, at(1, 1));
        assert_eq!(booths.len(), 2);
    }

    #[test]
    fn moving_a_booth_onto_another_swaps_them() {
        let mut booths = vec![
            Booth { at: at(0, 0), company: 1, products: vec![] },
            Booth { at: at(0, 1), company: 2, products: vec![] },
        ];
        move_booth(&mut booths, at(0, 0), at(0, 1));
        assert_eq!(booths.iter().map(|b| (b.at, b.company)).collect::<Vec<_>>(), [(at(0, 0), 2), (at(0, 1), 1)]);
        move_booth(&mut booths, at(0, 0), at(3, 3));
        assert_eq!(booths.iter().map(|b| (b.at, b.company)).collect::<Vec<_>>(), [(at(0, 1), 1), (at(3, 3), 2)]);
        assert_eq!(outside(&booths, 3, 8), [at(3, 3)]);
    }
}
