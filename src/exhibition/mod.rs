//! 年度产品展销会 against the federation's records: the hall of a year with its booths and leads,
//! the supplier-matching pairs a lead between members can be (the visitor's need, the exhibitor's
//! product), recording a lead with its pair introduced in one transaction, and the booth list for
//! printing.

use crate::domain::CompanyId;
use crate::domain::exhibition::{Booth, Exhibition, Lead};
use crate::domain::opportunity::{Pipeline, Stage, Transition};
use crate::domain::{Contact, Value};
use crate::excel::ExcelError;
use crate::excel::export::{ExportTask, write_table};
use crate::i18n::{Lang, Text};
use crate::matching::board::{self, MatchedPair, Matcher, Park};
use crate::matching::pipeline::StepError;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// A year's exhibition as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Hall {
    pub exhibition: Exhibition,
    pub booths: Vec<Booth>,
    pub leads: Vec<Lead>,
}

impl Hall {
    /// The exhibition of `year`, if one is planned.
    pub fn load(store: &Store, year: i32) -> Result<Option<Self>, StoreError> {
        let Some(exhibition) = store.exhibitions()?.into_iter().find(|e| e.year == year) else { return Ok(None) };
        Ok(Some(Self { booths: store.booths(exhibition.id)?, leads: store.leads(exhibition.id)?, exhibition }))
    }
}

/// What the matching engine says members could trade, for linking leads to pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matches {
    pub pairs_between: HashMap<(CompanyId, CompanyId), Vec<MatchedPair>>,
    /// How far each pair has come (absent: only suggested).
    pub stages: HashMap<(i64, i64), Stage>,
    pub need_items: HashMap<i64, String>,
    pub product_names: HashMap<i64, String>,
}

impl Matches {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        let park = Park::load(store)?;
        let mut matcher = Matcher::default();
        matcher.update(&park);
        Ok(Self {
            pairs_between: board::pairs_between(park.needs.iter().flat_map(|n| matcher.candidates(n.id))),
            stages: park.pipelines.iter().map(|p| ((p.need_id, p.product_id), p.stage)).collect(),
            need_items: park.needs.iter().map(|n| (n.id, n.item.clone())).collect(),
            product_names: park.products.iter().map(|p| (p.id, p.name.clone())).collect(),
        })
    }

    /// The pairs where `buyer` needs what `seller` makes: what a lead between them can be.
    pub fn sales(&self, seller: CompanyId, buyer: CompanyId) -> Vec<MatchedPair> {
        let pairs = self.pairs_between.get(&board::pair_key(seller, buyer)).map_or(&[][..], Vec::as_slice);
        pairs.iter().filter(|p| p.seller == seller && p.buyer == buyer).copied().collect()
    }

    /// A pair in words: 导柱导套 ← 导柱.
    pub fn label(&self, pair: (i64, i64)) -> String {
        let need = self.need_items.get(&pair.0).map_or("", String::as_str);
        let product = self.product_names.get(&pair.1).map_or("", String::as_str);
        format!("{need} ← {product}")
    }
}

/// Saves a lead; a lead with a pair records that pair as introduced at the exhibition (when it was
/// still only a suggestion), in the same transaction. Returns the lead's id.
pub fn save_lead(store: &mut Store, exhibition: &Exhibition, lead: &Lead, on: NaiveDate) -> Result<i64, StepError> {
    let mut introduced = Vec::new();
    if let Some((need, product)) = lead.pair {
        let before = store
            .pipelines()?
            .into_iter()
            .find(|p| p.need_id == need && p.product_id == product)
            .unwrap_or_else(|| Pipeline::new(need, product));
        if before.stage == Stage::Suggested {
            introduced.push(before.apply(Transition::Introduce { on, note: exhibition.title.clone() })?);
        }
    }
    let id = store.write(|tx| {
        crate::store::save_pipelines(tx, &introduced)?;
        crate::store::save_lead(tx, exhibition.id, lead)
    })?;
    Ok(id)
}

/// The booth list's headers: booth, company, zone, products shown, contact and phone.
pub fn booth_headers(lang: Lang) -> [&'static str; 6] {
    [
        lang.pick("展位号", "Booth"),
        lang.pick("参展企业", "Exhibitor"),
        lang.pick("片区", "Zone"),
        lang.pick("展品", "Products"),
        lang.pick("联系人", "Contact"),
        lang.pick("电话", "Phone"),
    ]
}

/// The hall's booths as rows under [`booth_headers`], in booth order.
pub fn booth_rows(store: &Store, hall: &Hall, lang: Lang) -> Result<Vec<Vec<Value>>, StoreError> {
    let companies: HashMap<CompanyId, crate::domain::Company> =
        store.live_companies()?.into_iter().map(|c| (c.id, c)).collect();
    let zones: HashMap<i64, String> = store.zones()?.into_iter().map(|z| (z.id, z.name)).collect();
    let products: HashMap<i64, String> =
        store.all_children::<crate::domain::Product>()?.into_iter().map(|p| (p.id, p.name)).collect();
    Ok(hall
        .booths
        .iter()
        .map(|b| {
            let company = companies.get(&b.company);
            let zone = company.and_then(|c| c.zone_id).and_then(|z| zones.get(&z)).map_or("", String::as_str);
            let shown: Vec<&str> = b.products.iter().filter_map(|p| products.get(p)).map(String::as_str).collect();
            let contact: Option<Contact> =
                company.and_then(|c| store.children_of::<Contact>(c.id).ok()).and_then(|c| c.into_iter().next());
            let (person, phone) = match (company, &contact) {
                (Some(c), _) if !c.contact_person.is_empty() => (c.contact_person.clone(), c.phone.clone()),
                (_, Some(c)) => (c.name.clone(), c.phone.clone()),
                _ => (String::new(), String::new()),
            };
            vec![
                Value::of_text(&b.at.label()),
                Value::of_text(company.map_or("", |c| c.name.as_str())),
                Value::of_text(zone),
                Value::of_text(&shown.join(lang.pick("、", ", "))),
                Value::of_text(&person),
                Value::of_text(&phone),
            ]
        })
        .collect())
}

/// The booth list of `year`'s exhibition for printing.
pub fn export_booths(store: &Store, year: i32, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let Some(hall) = Hall::load(store, year)? else { return Err(StoreError::NotFound(i64::from(year)).into()) };
    let rows = booth_rows(store, &hall, lang)?;
    write_table(path, lang.pick("展位表", "Booths"), &booth_headers(lang), &rows)?;
    Ok(rows.len())
}

/// The booth list, for the window's export button.
pub fn booths_task(db: std::path::PathBuf, year: i32) -> ExportTask {
    ExportTask {
        what: Text::new(format!("{year} 年展销会展位表"), format!("the {year} exhibition's booths")),
        file_name: Text::new(format!("{year}年展销会展位表.xlsx"), format!("exhibition booths {year}.xlsx")),
        write: Box::new(move |path: &Path, lang: Lang| export_booths(&Store::open(&db)?, year, path, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_exhibitions_booth_list_prints_every_booth_with_its_products() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.db")).unwrap();
        crate::demo::write_demo_in(&mut store, 120, 1, crate::demo::test_day()).unwrap();
        let hall = Hall::load(&store, 2025).unwrap().unwrap();
        let path = dir.path().join("booths.xlsx");
        assert_eq!(export_booths(&store, 2025, &path, Lang::Zh).unwrap(), hall.booths.len());
        let sheet = crate::excel::read::read_sheet(&path, None).unwrap();
        assert_eq!(sheet.rows[0].cells[0].text(), "展位号");
        assert_eq!(sheet.rows[1].cells[0].text(), "A1");
        assert!(!sheet.rows[1].cells[3].text().is_empty(), "its products");
        assert!(export_booths(&store, 2031, &path, Lang::Zh).is_err(), "no exhibition that year");
    }

    #[test]
    fn a_lead_between_members_introduces_its_pair_with_the_exhibition_as_the_note() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::write_demo_in(&mut store, 120, 1, crate::demo::test_day()).unwrap();
        let hall = Hall::load(&store, 2025).unwrap().unwrap();
        let matches = Matches::load(&store).unwrap();
        // A pair still only suggested, its seller at a booth.
        let (seller, pair) =
            hall.booths
                .iter()
                .find_map(|b| {
                    let pair =
                        matches.pairs_between.values().flatten().find(|p| {
                            p.seller == b.company && !matches.stages.contains_key(&(p.need_id, p.product_id))
                        })?;
                    Some((b.company, *pair))
                })
                .unwrap();
        assert_eq!(matches.sales(seller, pair.buyer).first().map(|p| p.seller), Some(seller));
        let lead = Lead {
            exhibitor: seller,
            visitor: Some(pair.buyer),
            pair: Some((pair.need_id, pair.product_id)),
            ..Lead::default()
        };
        let day = NaiveDate::from_ymd_opt(2025, 10, 17).unwrap();
        let id = save_lead(&mut store, &hall.exhibition, &lead, day).unwrap();
        assert!(store.leads(hall.exhibition.id).unwrap().iter().any(|l| l.id == id));
        let pipeline = store
            .pipelines()
            .unwrap()
            .into_iter()
            .find(|p| (p.need_id, p.product_id) == (pair.need_id, pair.product_id))
            .unwrap();
        assert_eq!((pipeline.stage, pipeline.introduced_on), (Stage::Introduced, Some(day)));
        assert_eq!(pipeline.note, hall.exhibition.title);
    }
}
