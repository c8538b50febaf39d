//! What a notification's 撤销 (undo) takes back. Every deletion goes to a recycle bin, so undoing
//! it is a restore; a pipeline step is undone by putting back the record from before it.

use crate::catalog::Change;
use crate::domain::opportunity::Pipeline;
use crate::domain::{CompanyId, Contact, Need, Product, RowKind, ZoneId};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    RestoreCompany(CompanyId),
    RestoreRow {
        company: CompanyId,
        kind: RowKind,
        id: i64,
    },
    RestoreZone(ZoneId),
    RestoreSynonymGroup(i64),
    /// The pipeline record as it was before the step.
    Pipeline(Pipeline),
    RestoreFollowUp(i64),
    RestoreEvent(i64),
    RestoreLead(i64),
    RestoreEntry(i64),
    RestoreDeck(i64),
}

impl Undo {
    /// Takes the change back; returns what it changed, for the screens to follow.
    pub fn apply(&self, store: &mut Store) -> Result<Change, StoreError> {
        match self {
            Self::RestoreCompany(id) => {
                store.restore_company(*id)?;
                Ok(Change::Company(*id))
            }
            Self::RestoreRow { company, kind, id } => {
                match kind {
                    RowKind::Product => store.restore_child::<Product>(*id)?,
                    RowKind::Need => store.restore_child::<Need>(*id)?,
                    RowKind::Contact => store.restore_child::<Contact>(*id)?,
                }
                Ok(Change::Children(*company))
            }
            Self::RestoreZone(id) => {
                store.restore_zone(*id)?;
                Ok(Change::Zones)
            }
            Self::RestoreSynonymGroup(id) => {
                store.restore_synonym_group(*id)?;
                Ok(Change::Matching)
            }
            Self::Pipeline(previous) => {
                store.save_pipeline(previous)?;
                Ok(Change::Matching)
            }
            Self::RestoreFollowUp(id) => {
                store.restore_follow_up(*id)?;
                Ok(Change::Visits)
            }
            Self::RestoreEvent(id) => {
                store.restore_event(*id)?;
                Ok(Change::Events)
            }
            Self::RestoreLead(id) => {
                store.restore_lead(*id)?;
                Ok(Change::Exhibition)
            }
            Self::RestoreEntry(id) => {
                store.restore_contest_entry(*id)?;
                Ok(Change::Contests)
            }
            Self::RestoreDeck(id) => {
                store.restore_deck(*id)?;
                Ok(Change::Decks)
            }
        }
    }
}
