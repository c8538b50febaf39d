//! Supplier matching (供需对接): which member can supply what another member buys from far away.
//!
//! `text` turns item names into comparable tokens, `engine` ranks candidates (pure, no database),
//! `board` joins them with the recorded pipelines and keeps results between runs, `service` runs
//! matching in the background, `pipeline` and `synonyms` record what the secretary decides;
//! `lexicon` is the trade vocabulary Qilian ships beside her synonyms.

pub mod board;
pub mod engine;
pub mod export;
pub mod lexicon;
pub mod pipeline;
pub mod service;
pub mod synonyms;
pub mod text;

#[cfg(test)]
mod tests;
