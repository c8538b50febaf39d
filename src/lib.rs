//! Qilian (企联): the federation secretary's desktop application.
//!
//! Layers, each depending only on those above it: `domain` (plain types and rules) → `store`
//! (SQLite) → features (`demo`) → `ui` (egui screens) and `cli`.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod excel;
pub mod i18n;
pub mod matching;
pub mod store;
pub mod ui;
