//! Recording a pair's step along its pipeline (see `domain::opportunity`).

use crate::domain::opportunity::{Pipeline, PipelineError, Transition};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    NotAllowed(#[from] PipelineError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl StepError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotAllowed(e) => e.message(lang),
            Self::Store(e) => e.message(lang),
        }
    }
}

/// Takes the pair from `before` by `transition` and saves the result, which it returns.
pub fn record_step(store: &mut Store, before: &Pipeline, transition: Transition) -> Result<Pipeline, StepError> {
    let after = before.apply(transition)?;
    store.save_pipeline(&after)?;
    Ok(after)
}
