//! Qilian (企联): the federation secretary's desktop application.
//!
//! Layers, each depending only on those above it (see docs/ARCHITECTURE.md):
//! `i18n` and `domain` (plain types and rules) → `store` (SQLite) → `jobs`, `catalog`, `undo` and
//! the features (`members`, `excel`, `matching`, `visits`, `demo`) → `ui` (egui screens) and `cli`.

pub mod advisory;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod contests;
pub mod demo;
pub mod domain;
pub mod excel;
pub mod exhibition;
pub mod i18n;
pub mod jobs;
pub mod logging;
pub mod matching;
pub mod members;
pub mod present;
pub mod store;
pub mod ui;
pub mod undo;
pub mod visits;
