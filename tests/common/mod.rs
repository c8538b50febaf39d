//! One place that builds every UI test harness, so fonts and theme are those of the app.

use egui_kittest::Harness;
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
