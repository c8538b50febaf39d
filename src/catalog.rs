//! What several screens read, held once: the zones, the industries in use, and every company
//! with what it is searched and sorted by. The window keeps one catalog per open federation,
//! refreshes it when anything writes (this window, a background job, another Qilian window), and
//! hands it to every screen; screens keep only their own view state.
//!
//! Two counters tell screens what to redo: `revision` moves on every change, `list_revision`
//! only on a change that can move a company in a sorted or filtered list (a new name, zone,
//! industry…), so typing a phone number costs a list of 50,000 companies no re-sort.

use crate::domain::place::ParkPlace;
use crate::domain::search_key::pinyin_sort_key;
use crate::domain::{Company, CompanyId, Zone, ZoneId};
use crate::store::{CompanyListItem, Store, StoreError};
use std::collections::HashMap;

/// What a write changed, so readers refresh no more than they must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// One company was added, edited, deleted or restored.
    Company(CompanyId),
    /// The products, needs or contacts of one company.
    Children(CompanyId),
    /// The park's zones, or where the park is.
    Zones,
    /// Supplier-matching records: synonyms, pipelines.
    Matching,
    /// The visit plan: its months, hosts and change log; guests, forms and follow-ups.
    Visits,
    /// The federation's other events (briefings, council meetings, training).
    Events,
    /// The exhibition: its hall, booths and leads.
    Exhibition,
    /// The skills contests: events, entries, judges, scores.
    Contests,
    /// The advisory group: departments, routing, requests.
    Requests,
    /// The meetings' decks.
    Decks,
    /// Anything at all: another window or a background job wrote.
    Everything,
}

/// A company as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub company: Company,
    /// What search matches on (see `search_key::company_search_key`).
    pub search_key: String,
    /// What the name sorts by (see `search_key::pinyin_sort_key`).
    pub sort_key: String,
    pub deleted: bool,
}

impl Entry {
    fn new(item: CompanyListItem) -> Self {
        let sort_key = pinyin_sort_key(&item.company.name);
        Self { company: item.company, search_key: item.search_key, sort_key, deleted: item.deleted }
    }

    /// What a list sorts or filters by: when none of it changes, no list needs re-sorting.
    fn listing(&self) -> impl PartialEq + '_ {
        let c = &self.company;
        ((&c.name, &c.short_name, &c.industry, c.zone_id, c.employees), (c.stars, c.status, c.join_date, self.deleted))
    }
}

pub struct Catalog {
    zones: Vec<Zone>,
    place: ParkPlace,
    industries: Vec<String>,
    /// In name order when loaded, so a list sorted by name costs one pass over them.
    entries: Vec<Entry>,
    by_id: HashMap<CompanyId, usize>,
    deleted: usize,
    data_version: i64,
    revision: u64,
    list_revision: u64,
}

impl Catalog {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        let mut catalog = Self {
            zones: Vec::new(),
            place: ParkPlace::default(),
            industries: Vec::new(),
            entries: Vec::new(),
            by_id: HashMap::new(),
            deleted: 0,
            data_version: 0,
            revision: 0,
            list_revision: 0,
        };
        catalog.reload(store)?;
        Ok(catalog)
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.data_version = store.data_version()?;
        self.zones = store.zones()?;
        self.place = store.park_place()?;
        let mut entries: Vec<Entry> = store.company_list()?.into_iter().map(Entry::new).collect();
        entries.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.company.name.cmp(&b.company.name)));
        self.entries = entries;
        self.by_id = self.entries.iter().enumerate().map(|(i, e)| (e.company.id, i)).collect();
        self.deleted = self.entries.iter().filter(|e| e.deleted).count();
        self.collect_industries();
        self.bump(true);
        Ok(())
    }

    fn bump(&mut self, list: bool) {
        self.revision += 1;
        if list {
            self.list_revision += 1;
        }
    }

    fn collect_industries(&mut self) {
        let mut industries: Vec<String> = self
            .entries
            .iter()
            .filter(|e| !e.deleted && !e.company.industry.is_empty())
            .map(|e| e.company.industry.clone())
            .collect();
        industries.sort_by_cached_key(|i| pinyin_sort_key(i));
        industries.dedup();
        self.industries = industries;
    }

    /// Reloads everything when another connection (a job, another window) has written since the
    /// last look; true when it did. One cheap query a frame.
    pub fn follow_other_writers(&mut self, store: &Store) -> Result<bool, StoreError> {
        if store.data_version()? == self.data_version {
            return Ok(false);
        }
        self.reload(store)?;
        Ok(true)
    }

    /// Takes in what this window just wrote.
    pub fn apply(&mut self, change: Change, store: &Store) -> Result<(), StoreError> {
        match change {
            Change::Company(id) => self.reload_company(id, store),
            Change::Zones => {
                self.zones = store.zones()?;
                self.place = store.park_place()?;
                self.bump(true);
                Ok(())
            }
            Change::Everything => self.reload(store),
            Change::Children(_)
            | Change::Matching
            | Change::Visits
            | Change::Events
            | Change::Exhibition
            | Change::Contests
            | Change::Requests
            | Change::Decks => Ok(()),
        }
    }

    fn reload_company(&mut self, id: CompanyId, store: &Store) -> Result<(), StoreError> {
        let Some(item) = store.company_list_item(id)? else { return self.reload(store) };
        let entry = Entry::new(item);
        let list = match self.by_id.get(&id) {
            Some(&i) => {
                let moved = self.entries[i].listing() != entry.listing();
                self.deleted = self.deleted + usize::from(entry.deleted) - usize::from(self.entries[i].deleted);
                let industry_changed = self.entries[i].company.industry != entry.company.industry;
                self.entries[i] = entry;
                if industry_changed {
                    self.collect_industries();
                }
                moved
            }
            None => {
                self.deleted += usize::from(entry.deleted);
                self.by_id.insert(id, self.entries.len());
                self.entries.push(entry);
                self.collect_industries();
                true
            }
        };
        self.bump(list);
        Ok(())
    }

    pub fn zones(&self) -> &[Zone] {
        &self.zones
    }

    pub fn zone(&self, id: Option<ZoneId>) -> Option<&Zone> {
        id.and_then(|id| self.zones.iter().find(|z| z.id == id))
    }

    pub fn zone_name(&self, id: Option<ZoneId>) -> &str {
        self.zone(id).map_or("", |z| z.name.as_str())
    }

    /// A zone's place in the zones' order (for sorting and colours); unknown zones last.
    pub fn zone_rank(&self, id: Option<ZoneId>) -> usize {
        id.and_then(|id| self.zones.iter().position(|z| z.id == id)).unwrap_or(usize::MAX)
    }

    /// Where the park is (its city and province), as the secretary set it.
    pub fn place(&self) -> &ParkPlace {
        &self.place
    }

    /// The industries of the companies not in the recycle bin, in pinyin order.
    pub fn industries(&self) -> &[String] {
        &self.industries
    }

    /// Every company, the recycle bin's too, in name order as loaded (companies added since come
    /// last), fixed until `list_revision` moves.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, id: CompanyId) -> Option<&Entry> {
        self.by_id.get(&id).map(|&i| &self.entries[i])
    }

    /// Where a company is in `entries`.
    pub fn position(&self, id: CompanyId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    pub fn live_count(&self) -> usize {
        self.entries.len() - self.deleted
    }

    pub fn deleted_count(&self) -> usize {
        self.deleted
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn list_revision(&self) -> u64 {
        self.list_revision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(name: &str) -> Company {
        Company { name: name.into(), ..Company::default() }
    }

    #[test]
    fn another_connections_write_is_seen_and_an_own_edit_is_taken_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut store = Store::open(&path).unwrap();
        let id = store.insert_company(&company("宁波甲公司")).unwrap();
        let mut catalog = Catalog::load(&store).unwrap();
        assert!(!catalog.follow_other_writers(&store).unwrap(), "nothing new");

        let mut other = Store::open(&path).unwrap();
        other.insert_company(&Company { industry: "物流".into(), ..company("宁波乙公司") }).unwrap();
        assert!(catalog.follow_other_writers(&store).unwrap());
        assert_eq!(catalog.entries().len(), 2);
        assert_eq!(catalog.industries(), ["物流"]);

        // A phone number moves no list; a new name does.
        let (revision, list) = (catalog.revision(), catalog.list_revision());
        store.update_company(&Company { id, phone: "13805741234".into(), ..company("宁波甲公司") }).unwrap();
        catalog.apply(Change::Company(id), &store).unwrap();
        assert_eq!((catalog.revision(), catalog.list_revision()), (revision + 1, list));
        assert_eq!(catalog.entry(id).unwrap().company.phone, "13805741234");
        store.update_company(&Company { id, ..company("宁波丙公司") }).unwrap();
        catalog.apply(Change::Company(id), &store).unwrap();
        assert_eq!(catalog.list_revision(), list + 1);
        assert!(!catalog.follow_other_writers(&store).unwrap(), "this window's own writes are not news");
    }
}
