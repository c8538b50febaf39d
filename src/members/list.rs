//! The members list: which companies show, in what order. Sorting happens only when the sort
//! column or the catalog's list changes; a keystroke in the search box only filters the sorted
//! order, which keeps it fast at 50,000 companies.

use crate::catalog::{Catalog, Entry};
use crate::domain::search_key;
use crate::domain::{Company, CompanyId, MemberStatus, ZoneId};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Zone,
    Industry,
    Employees,
    Stars,
    Status,
    JoinDate,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub zone: Option<ZoneId>,
    pub industry: Option<String>,
    pub status: Option<MemberStatus>,
    pub stars: Option<u8>,
    /// The recycle bin: show deleted companies only.
    pub deleted: bool,
}

impl Filters {
    pub fn admit(&self, entry: &Entry) -> bool {
        let c = &entry.company;
        entry.deleted == self.deleted
            && self.zone.is_none_or(|z| c.zone_id == Some(z))
            && self.industry.as_ref().is_none_or(|i| &c.industry == i)
            && self.status.is_none_or(|s| c.status == s)
            && self.stars.is_none_or(|s| c.stars == s)
    }

    /// A company that these filters would show: a new one is made like it.
    pub fn template(&self) -> Company {
        Company {
            zone_id: self.zone,
            industry: self.industry.clone().unwrap_or_default(),
            status: self.status.unwrap_or_default(),
            stars: self.stars.unwrap_or(0),
            ..Company::default()
        }
    }
}

pub struct MemberList {
    pub search: String,
    pub filters: Filters,
    sort: SortColumn,
    ascending: bool,
    /// Positions in the catalog's entries, in sort order.
    order: Vec<usize>,
    /// `order` narrowed by the search and the filters: the rows on screen.
    visible: Vec<usize>,
    /// The catalog's `list_revision` the order was made from.
    sorted_at: Option<u64>,
}

impl Default for MemberList {
    fn default() -> Self {
        Self {
            search: String::new(),
            filters: Filters::default(),
            sort: SortColumn::Name,
            ascending: true,
            order: Vec::new(),
            visible: Vec::new(),
            sorted_at: None,
        }
    }
}

impl MemberList {
    /// Sorts again if the catalog's list changed since the last sort.
    pub fn follow(&mut self, catalog: &Catalog) {
        if self.sorted_at != Some(catalog.list_revision()) {
            self.resort(catalog);
        }
    }

    pub fn sort(&self) -> (SortColumn, bool) {
        (self.sort, self.ascending)
    }

    /// Sorts by `column`; the same column again turns the order round.
    pub fn sort_by(&mut self, column: SortColumn, catalog: &Catalog) {
        self.ascending = if self.sort == column { !self.ascending } else { true };
        self.sort = column;
        self.resort(catalog);
    }

    fn resort(&mut self, catalog: &Catalog) {
        let entries = catalog.entries();
        let by_name =
            |a: &Entry, b: &Entry| a.sort_key.cmp(&b.sort_key).then_with(|| a.company.name.cmp(&b.company.name));
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&entries[a], &entries[b]);
            let (cx, cy) = (&x.company, &y.company);
            let primary = match self.sort {
                SortColumn::Name => Ordering::Equal,
                SortColumn::Zone => catalog.zone_rank(cx.zone_id).cmp(&catalog.zone_rank(cy.zone_id)),
                SortColumn::Industry => cx.industry.cmp(&cy.industry),
                SortColumn::Employees => cx.employees.cmp(&cy.employees),
                SortColumn::Stars => cx.stars.cmp(&cy.stars),
                SortColumn::Status => cx.status.cmp(&cy.status),
                SortColumn::JoinDate => cx.join_date.cmp(&cy.join_date),
            };
            let ordering = primary.then_with(|| by_name(x, y));
            if self.ascending { ordering } else { ordering.reverse() }
        });
        self.order = order;
        self.sorted_at = Some(catalog.list_revision());
        self.refilter(catalog);
    }

    /// Narrows the sorted order by the search text and the filters.
    pub fn refilter(&mut self, catalog: &Catalog) {
        let query = self.search.trim().to_lowercase();
        let entries = catalog.entries();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| self.filters.admit(&entries[i]) && search_key::matches(&entries[i].search_key, &query))
            .collect();
    }

    /// The rows on screen, as positions in the catalog's entries.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Where a company is among the rows on screen.
    pub fn row_of(&self, id: CompanyId, catalog: &Catalog) -> Option<usize> {
        let position = catalog.position(id)?;
        self.visible.iter().position(|&i| i == position)
    }

    /// Clears what keeps `id` from showing: the search text and any filter it does not pass.
    pub fn reveal(&mut self, id: CompanyId, catalog: &Catalog) {
        let Some(entry) = catalog.entry(id) else { return };
        let c = &entry.company;
        let f = &mut self.filters;
        f.deleted = entry.deleted;
        if f.zone.is_some_and(|z| c.zone_id != Some(z)) {
            f.zone = None;
        }
        if f.industry.as_ref().is_some_and(|i| &c.industry != i) {
            f.industry = None;
        }
        if f.status.is_some_and(|s| c.status != s) {
            f.status = None;
        }
        if f.stars.is_some_and(|s| c.stars != s) {
            f.stars = None;
        }
        if !search_key::matches(&entry.search_key, &self.search.trim().to_lowercase()) {
            self.search.clear();
        }
        self.refilter(catalog);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn catalog_of(companies: &[Company]) -> (Store, Catalog) {
        let mut store = Store::open_in_memory().unwrap();
        for c in companies {
            store.insert_company(c).unwrap();
        }
        let catalog = Catalog::load(&store).unwrap();
        (store, catalog)
    }

    fn names(list: &MemberList, catalog: &Catalog) -> Vec<String> {
        list.visible().iter().map(|&i| catalog.entries()[i].company.name.clone()).collect()
    }

    #[test]
    fn names_sort_by_pinyin_and_filters_keep_the_order() {
        let company = |name: &str, zone: i64| Company { name: name.into(), zone_id: Some(zone), ..Company::default() };
        let (_store, catalog) =
            catalog_of(&[company("宁波安博电子", 1), company("宁波安宝模具", 2), company("北仑昂立机械", 1)]);
        let mut list = MemberList::default();
        list.follow(&catalog);
        assert_eq!(names(&list, &catalog), ["北仑昂立机械", "宁波安宝模具", "宁波安博电子"]);
        list.filters.zone = Some(1);
        list.refilter(&catalog);
        assert_eq!(names(&list, &catalog), ["北仑昂立机械", "宁波安博电子"]);
        list.search = "abdz".into();
        list.refilter(&catalog);
        assert_eq!(names(&list, &catalog), ["宁波安博电子"]);
        let id = catalog.entries().iter().find(|e| e.company.name == "宁波安博电子").unwrap().company.id;
        assert_eq!(list.row_of(id, &catalog), Some(0));
    }

    #[test]
    fn revealing_a_company_clears_only_what_hides_it() {
        let (_store, catalog) = catalog_of(&[
            Company { name: "甲".into(), zone_id: Some(1), industry: "物流".into(), ..Company::default() },
            Company { name: "乙".into(), zone_id: Some(2), industry: "物流".into(), ..Company::default() },
        ]);
        let mut list = MemberList::default();
        list.filters.zone = Some(1);
        list.filters.industry = Some("物流".into());
        list.search = "甲".into();
        list.follow(&catalog);
        let yi = catalog.entries().iter().find(|e| e.company.name == "乙").unwrap().company.id;
        assert_eq!(list.row_of(yi, &catalog), None);
        list.reveal(yi, &catalog);
        assert_eq!(list.filters.industry.as_deref(), Some("物流"), "the industry filter admits it: kept");
        assert_eq!(list.filters.zone, None);
        assert!(list.search.is_empty());
        assert!(list.row_of(yi, &catalog).is_some());
    }
}
