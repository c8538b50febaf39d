//! One place that builds every UI test harness, so fonts and theme are those of the app.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use qilian::store::Store;
use qilian::ui::theme::{self, ThemeChoice};
use qilian::ui::{QilianApp, Settings};
use std::path::{Path, PathBuf};

pub fn app_harness(db: &Path) -> Harness<'static, QilianApp> {
    let app = QilianApp::new(Settings::default(), Some(db.to_path_buf()));
    assert!(app.workspace.is_some(), "test database opens: {:?}", app.problem);
    Harness::builder()
        .with_size([1500.0, 950.0])
        .with_context_setup(|ctx| theme::setup(ctx, ThemeChoice::Light))
        .build_ui_state(|ui, app: &mut QilianApp| app.draw(ui), app)
}

/// A temporary database file, optionally with the demo federation in it.
pub fn temp_db(demo_companies: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("federation.db");
    let mut store = Store::open(&path).unwrap();
    if demo_companies > 0 {
        qilian::demo::write_demo(&mut store, demo_companies, 1).unwrap();
    }
    (dir, path)
}

pub fn visible_names(harness: &Harness<'_, QilianApp>) -> Vec<String> {
    let workspace = harness.state().workspace.as_ref().unwrap();
    workspace.members.visible_companies().map(|c| c.name.clone()).collect()
}

/// A temporary database holding one company of this name; returns its id too.
pub fn db_with_company(name: &str) -> (tempfile::TempDir, PathBuf, i64) {
    let (dir, path) = temp_db(0);
    let company = qilian::domain::Company { name: name.into(), ..Default::default() };
    let id = Store::open(&path).unwrap().insert_company(&company).unwrap();
    (dir, path, id)
}

/// Scrolls the field labelled `label` into view, clicks it and types `text`, as a person would.
pub fn type_into(harness: &mut Harness<'static, QilianApp>, label: &str, text: &str) {
    // By role too: a table header may carry the same words as the field.
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, label).click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, label).type_text(text);
    harness.run();
}
