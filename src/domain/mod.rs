//! Plain types of the federation and the rules they obey. No I/O here.

pub mod advisory;
pub mod contest;
pub mod credit_code;
pub mod deck;
pub mod events;
pub mod exhibition;
pub mod fields;
pub mod opportunity;
pub mod phone;
pub mod place;
pub mod records;
pub mod search_key;
pub mod text;
pub mod units;
pub mod workdays;

pub use fields::{Draft, Env, FieldError, FieldTable, ValidationError, Value};

use chrono::NaiveDate;

pub type CompanyId = i64;
pub type ZoneId = i64;

#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub id: ZoneId,
    pub name: String,
}

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
    pub enum MemberStatus {
        Applicant = ("applicant", "申请中", "Applicant"),
        #[default]
        Active = ("active", "在册", "Active"),
        Suspended = ("suspended", "暂停", "Suspended"),
        Withdrawn = ("withdrawn", "已退会", "Withdrawn"),
    }
}

crate::labelled_enum! {
    /// Where a company's current supplier of a part is: the farther, the more a member nearby can
    /// help.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum SupplierRegion {
        Park = ("park", "园区内", "In the park"),
        City = ("city", "市内", "Same city"),
        Province = ("province", "省内", "Same province"),
        Domestic = ("china", "国内", "China"),
        HongKongMacaoTaiwan = ("hmt", "港澳台", "HK/Macao/Taiwan"),
        Abroad = ("abroad", "境外", "Abroad"),
    }
}

crate::labelled_enum! {
    /// The usual kinds of ownership, offered in forms. Stored by their Chinese name, and other
    /// text is allowed (the list in SPEC ends with "…").
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Ownership {
        State = ("state", "国有", "State-owned"),
        Private = ("private", "民营", "Private"),
        Foreign = ("foreign", "外资", "Foreign-owned"),
        JointVenture = ("joint-venture", "中外合资", "Joint venture"),
        Taiwan = ("taiwan", "台资", "Taiwan-funded"),
        HongKong = ("hong-kong", "港资", "Hong Kong-funded"),
        Collective = ("collective", "集体", "Collective"),
    }
}

crate::labelled_enum! {
    /// The records a company owns, edited in its detail panel.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RowKind {
        Product = ("product", "产品", "product"),
        Need = ("need", "采购需求", "need"),
        Contact = ("contact", "联系人", "contact"),
    }
}

/// A member company. `id` is 0 until the store has saved it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    pub short_name: String,
    /// Empty when unknown; unique among companies when present.
    pub credit_code: String,
    pub zone_id: Option<ZoneId>,
    pub address: String,
    /// Metres east and north of the park origin.
    pub x_m: f64,
    pub y_m: f64,
    pub industry: String,
    pub ownership: String,
    pub employees: u32,
    pub status: MemberStatus,
    pub join_date: Option<NaiveDate>,
    /// 五星企业 rating 1–5; 0 means not rated.
    pub stars: u8,
    pub contact_person: String,
    pub phone: String,
    pub notes: String,
}

/// Something a company makes and could sell to other members.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Product {
    pub id: i64,
    pub company_id: CompanyId,
    pub name: String,
    pub category: String,
    /// Specification and keywords, e.g. "Φ20×150 SUJ2 导柱导套".
    pub spec: String,
    pub unit: String,
    pub unit_price: Option<f64>,
    pub annual_capacity: Option<f64>,
}

/// A part or material a company buys today, and from whom.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Need {
    pub id: i64,
    pub company_id: CompanyId,
    pub item: String,
    pub category: String,
    pub spec: String,
    pub current_supplier: String,
    pub supplier_region: Option<SupplierRegion>,
    pub unit: String,
    pub unit_price: Option<f64>,
    pub annual_quantity: Option<f64>,
}

/// A further person to call at a company, besides its main contact.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub id: i64,
    pub company_id: CompanyId,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

impl Company {
    /// Where the company is on the park map. A company at the exact origin has not been placed
    /// (the origin is the park's corner, and a sheet without coordinates leaves both at 0).
    pub fn position(&self) -> Option<(f64, f64)> {
        (self.x_m != 0.0 || self.y_m != 0.0).then_some((self.x_m, self.y_m))
    }
}

/// Distance in metres between two positions on the park map, when both are known.
pub fn distance_between(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> Option<f64> {
    let ((ax, ay), (bx, by)) = (a?, b?);
    Some((ax - bx).hypot(ay - by))
}

/// Distance in metres between two companies on the park map, when both are placed.
pub fn distance_m(a: &Company, b: &Company) -> Option<f64> {
    distance_between(a.position(), b.position())
}

/// Understands the ways sheets and people write a zone: 第一片区, 一片区, 1片区, 片区1, 第1片区,
/// 一区, 1号片区, 第十二片区, A区 for A片区, and returns the index in `zones` of the one meant.
pub fn resolve_zone(text: &str, zones: &[Zone]) -> Option<usize> {
    let cleaned = text::clean(text);
    if let Some(i) = zones.iter().position(|z| z.name == cleaned) {
        return Some(i);
    }
    let core = zone_core(&cleaned);
    if let Some(number) = zone_number(&core) {
        return zones.iter().position(|z| zone_number(&zone_core(&z.name)) == Some(number));
    }
    // Zones named by a letter or a direction: the name without 片区/区 must be the same.
    (!core.is_empty()).then(|| zones.iter().position(|z| zone_core(&z.name) == core)).flatten()
}

/// A zone's name without the words around its number or name: 第三片区 → 三, 1号片区 → 1,
/// A区 → a.
fn zone_core(text: &str) -> String {
    text.replace("片区", "").replace(['第', '区', '号', '片', ' '], "").to_lowercase()
}

/// 3, 03, 三, 十二, 二十 → the number.
fn zone_number(core: &str) -> Option<u32> {
    if let Ok(n) = core.parse::<u32>() {
        return Some(n);
    }
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|p| p as u32).or((c == '两').then_some(2));
    let chars: Vec<char> = core.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).filter(|n| *n > 0),
        ['十', ones] => Some(10 + digit(*ones)?),
        [tens, '十'] => Some(10 * digit(*tens)?),
        [tens, '十', ones] => Some(10 * digit(*tens)? + digit(*ones)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The zones every new federation starts with (see the first migration).
    const DEFAULT_ZONES: [&str; 7] =
        ["第一片区", "第二片区", "第三片区", "第四片区", "第五片区", "第六片区", "第七片区"];

    fn default_zones() -> Vec<Zone> {
        DEFAULT_ZONES.iter().enumerate().map(|(i, name)| Zone { id: i as i64 + 1, name: name.to_string() }).collect()
    }

    #[test]
    fn zone_spellings_resolve() {
        let zones = default_zones();
        for text in ["第三片区", "三片区", "3片区", "片区3", "第3片区", " 第三片区 ", "３片区"] {
            assert_eq!(resolve_zone(text, &zones), Some(2), "{text}");
        }
        assert_eq!(resolve_zone("第九片区", &zones), None);
        assert_eq!(resolve_zone("东区", &zones), None);
    }

    #[test]
    fn more_zone_spellings_resolve() {
        let zones = default_zones();
        for text in ["三区", "3区", "第三区", "3号片区", "三号片区", "片区三", "第 3 片区", "03片区", "三片"]
        {
            assert_eq!(resolve_zone(text, &zones), Some(2), "{text}");
        }
        let more: Vec<Zone> = ["第十片区", "第十二片区", "第二十片区", "A片区", "东片区"]
            .iter()
            .enumerate()
            .map(|(i, name)| Zone { id: i as i64 + 1, name: name.to_string() })
            .collect();
        assert_eq!(resolve_zone("10片区", &more), Some(0));
        assert_eq!(resolve_zone("12区", &more), Some(1));
        assert_eq!(resolve_zone("第二十片区", &more), Some(2));
        assert_eq!(resolve_zone("a区", &more), Some(3));
        assert_eq!(resolve_zone("东区", &more), Some(4));
        assert_eq!(resolve_zone("西区", &more), None);
        assert_eq!(resolve_zone("片区", &more), None);
        assert_eq!(resolve_zone("十三片区", &more), None);
    }

    #[test]
    fn codes_round_trip() {
        for s in MemberStatus::ALL {
            assert_eq!(MemberStatus::from_code(s.code()), Some(s));
        }
        for r in SupplierRegion::ALL {
            assert_eq!(SupplierRegion::from_code(r.code()), Some(r));
        }
    }
}
