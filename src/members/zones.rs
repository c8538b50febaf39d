//! 片区管理: renaming, adding, deleting and restoring the park's zones.

use crate::domain::place::ParkPlace;
use crate::domain::{Zone, ZoneId};
use crate::i18n::Phrase;
use crate::store::{Store, StoreError};
use crate::undo::Undo;

#[derive(Debug, Clone, PartialEq)]
pub enum ZoneAction {
    Rename(ZoneId, String),
    Add(String),
    Delete(ZoneId),
    Restore(ZoneId),
    /// Where the park is, which tells a supplier in 杭州 (same province) from one in 苏州.
    SetPlace(ParkPlace),
}

/// Why a zone name cannot be used: `id` is the zone being renamed, `None` for a new one.
pub fn name_problem(name: &str, id: Option<ZoneId>, zones: &[Zone]) -> Option<Phrase> {
    let name = name.trim();
    if name.is_empty() {
        Some(Phrase::new("片区名称不能为空", "A zone needs a name"))
    } else if zones.iter().any(|z| z.name == name && Some(z.id) != id) {
        Some(Phrase::new("已有同名片区", "There is already a zone with this name"))
    } else {
        None
    }
}

/// Carries out one action; a deletion can be undone.
pub fn apply(store: &mut Store, action: &ZoneAction) -> Result<Option<Undo>, StoreError> {
    match action {
        ZoneAction::Rename(id, name) => store.rename_zone(*id, name.trim())?,
        ZoneAction::Add(name) => {
            store.add_zone(name.trim())?;
        }
        ZoneAction::Delete(id) => {
            store.delete_zone(*id)?;
            return Ok(Some(Undo::RestoreZone(*id)));
        }
        ZoneAction::Restore(id) => store.restore_zone(*id)?,
        ZoneAction::SetPlace(place) => store.set_park_place(place)?,
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;

    #[test]
    fn a_zone_in_use_stays_and_an_empty_one_goes_and_comes_back() {
        let mut store = Store::open_in_memory().unwrap();
        let zones = store.zones().unwrap();
        let (first, last) = (zones[0].id, zones[6].id);
        store.insert_company(&Company { name: "甲".into(), zone_id: Some(first), ..Company::default() }).unwrap();
        let refused = apply(&mut store, &ZoneAction::Delete(first)).unwrap_err();
        assert!(matches!(refused, StoreError::ZoneInUse { companies: 1, .. }));

        let undo = apply(&mut store, &ZoneAction::Delete(last)).unwrap();
        assert_eq!(store.zones().unwrap().len(), 6);
        assert_eq!(undo, Some(Undo::RestoreZone(last)));
        // Adding a zone by the deleted one's name brings the same zone back.
        apply(&mut store, &ZoneAction::Add("第七片区".into())).unwrap();
        assert_eq!(store.zones().unwrap()[6].id, last);
        assert!(store.deleted_zones().unwrap().is_empty());
    }

    #[test]
    fn where_the_park_is_is_kept() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.park_place().unwrap(), ParkPlace::default(), "unset until the user says");
        apply(&mut store, &ZoneAction::SetPlace(ParkPlace::new(" 宁波 ", "浙江"))).unwrap();
        assert_eq!(store.park_place().unwrap(), ParkPlace::new("宁波", "浙江"));
    }

    #[test]
    fn names_must_be_given_and_unique() {
        let zones = vec![Zone { id: 1, name: "第一片区".into() }, Zone { id: 2, name: "第二片区".into() }];
        assert!(name_problem(" ", None, &zones).is_some());
        assert!(name_problem("第一片区", Some(2), &zones).is_some());
        assert!(name_problem("第一片区", Some(1), &zones).is_none(), "a zone keeps its own name");
        assert!(name_problem("物流园片区", None, &zones).is_none());
    }
}
