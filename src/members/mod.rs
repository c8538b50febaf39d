//! Member companies as the secretary works on them: the sorted, filtered, searchable list; the
//! company being edited with its products, needs and contacts; the zones. No drawing here: the
//! members screen (`ui::members`) shows this state and sends the user's actions to it.

pub mod editor;
pub mod list;
pub mod zones;

use crate::domain::text::clean;
use crate::domain::{Company, CompanyId};
use crate::store::{Store, StoreError};

/// Creates a company named `name` that joined today; zone, industry and status come from
/// `like` (what the list is filtered to), so the new company shows in the list it was made from.
pub fn create_company(store: &mut Store, name: &str, like: &Company) -> Result<CompanyId, StoreError> {
    let company = Company {
        name: clean(name),
        zone_id: like.zone_id,
        industry: like.industry.clone(),
        status: like.status,
        stars: like.stars,
        join_date: Some(crate::clock::today()),
        ..Company::default()
    };
    store.insert_company(&company)
}

/// Moves a company to the recycle bin; the undo brings it back unchanged.
pub fn delete_company(store: &mut Store, id: CompanyId) -> Result<crate::undo::Undo, StoreError> {
    store.delete_company(id)?;
    Ok(crate::undo::Undo::RestoreCompany(id))
}

pub fn restore_company(store: &mut Store, id: CompanyId) -> Result<(), StoreError> {
    store.restore_company(id)
}
