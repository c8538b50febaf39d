//! One place that builds every UI test harness, so fonts, theme and window size are those of the
//! app, and one way to wait for background work.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use qilian::i18n::Lang;
use qilian::store::Store;
use qilian::ui::file_dialog::{FileChooser, FileRequest, Picked};
use qilian::ui::matching::MatchingScreen;
use qilian::ui::members::MembersScreen;
use qilian::ui::theme::{self, ThemeChoice};
use qilian::ui::{QilianApp, Section, Settings, Workspace};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The window size most tests use: a usual desktop.
pub const DESKTOP: [f32; 2] = [1500.0, 950.0];
/// A projector.
pub const PROJECTOR: [f32; 2] = [1024.0, 768.0];

/// How a test wants the window.
pub struct Window {
    pub size: [f32; 2],
    pub section: Section,
    pub lang: Lang,
    pub theme: ThemeChoice,
    /// What the file dialogs answer, in turn.
    pub files: Vec<Picked>,
}

impl Default for Window {
    fn default() -> Self {
        Self { size: DESKTOP, section: Section::Members, lang: Lang::Zh, theme: ThemeChoice::Light, files: Vec::new() }
    }
}

/// File dialogs that answer what the test says, and remember what they were asked.
pub struct ScriptedChooser {
    answers: VecDeque<Picked>,
}

impl FileChooser for ScriptedChooser {
    fn choose(&mut self, _request: &FileRequest, _lang: Lang) -> Picked {
        self.answers.pop_front().unwrap_or(Picked::Cancelled)
    }
}

/// The app on `db`, in a window as `window` says.
pub fn harness_with(db: &Path, window: Window) -> Harness<'static, QilianApp> {
    qilian::clock::fix_today(qilian::demo::test_day());
    let settings = Settings { lang: window.lang, section: window.section, theme: window.theme, ..Settings::default() };
    let chooser = ScriptedChooser { answers: window.files.into() };
    let app = QilianApp::new(settings, Some(db.to_path_buf())).with_file_chooser(Box::new(chooser));
    assert!(app.workspace.is_some(), "test database opens: {:?}", app.problem);
    let theme = window.theme;
    let egui_theme = match theme {
        ThemeChoice::Light => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    };
    Harness::builder()
        .with_size(window.size)
        .with_theme(egui_theme)
        .with_context_setup(move |ctx| theme::setup(ctx, theme))
        .build_ui_state(|ui, app: &mut QilianApp| app.draw(ui), app)
}

/// The app on `db` at a desktop size, on the members screen, in Chinese.
pub fn app_harness(db: &Path) -> Harness<'static, QilianApp> {
    harness_with(db, Window::default())
}

/// Runs frames until `done` holds, as a person waits for background work; panics after 10 s,
/// saying what it waited for.
pub fn step_until(harness: &mut Harness<'static, QilianApp>, what: &str, done: impl Fn(&QilianApp) -> bool) {
    let start = Instant::now();
    loop {
        harness.step();
        if done(harness.state()) {
            // Let what finished settle on screen; work it started is the caller's to wait for.
            let _ = harness.try_run();
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "waited 10 s for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits until no background job runs, none is about to start, and the window has settled.
pub fn settle(harness: &mut Harness<'static, QilianApp>) {
    let idle = |app: &QilianApp| !app.is_busy() && !matching(app).is_matching();
    // A frame may ask for work that the next one starts: idle until frames stop coming.
    for _ in 0..100 {
        step_until(harness, "background work", idle);
        if harness.try_run().is_ok() && idle(harness.state()) {
            return;
        }
    }
    panic!("the window never settled");
}

pub fn workspace(app: &QilianApp) -> &Workspace {
    app.workspace.as_ref().expect("a federation is open")
}

pub fn members(app: &QilianApp) -> &MembersScreen {
    workspace(app).screen::<MembersScreen>().expect("the members screen")
}

pub fn matching(app: &QilianApp) -> &MatchingScreen {
    workspace(app).screen::<MatchingScreen>().expect("the matching screen")
}

/// A temporary database file, optionally with the demo federation in it.
pub fn temp_db(demo_companies: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("federation.db");
    let mut store = Store::open(&path).unwrap();
    qilian::clock::fix_today(qilian::demo::test_day());
    if demo_companies > 0 {
        // The demo as written in 2026: its visit history does not move with the test's date.
        qilian::demo::write_demo_in(&mut store, demo_companies, 1, qilian::demo::test_day()).unwrap();
    }
    (dir, path)
}

/// The demo federation with nothing followed on the supplier-matching board yet (its history's
/// introductions and contract taken back): the board's own tests start from its suggestions.
pub fn temp_db_fresh_board(demo_companies: usize) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_db(demo_companies);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DELETE FROM opportunities;
         UPDATE exhibition_leads SET need_id = NULL, product_id = NULL;
         UPDATE visit_followups SET introduced = 0;",
    )
    .unwrap();
    (dir, path)
}

/// The names of the companies listed, in order.
pub fn visible_names(harness: &Harness<'_, QilianApp>) -> Vec<String> {
    let app = harness.state();
    members(app).visible_names(&workspace(app).catalog).into_iter().map(String::from).collect()
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

/// Scrolls the button into view and clicks it, as a person would.
pub fn press(harness: &mut Harness<'static, QilianApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
}

/// The companies listed, in order.
pub fn visible_companies(harness: &Harness<'_, QilianApp>) -> Vec<qilian::domain::Company> {
    let app = harness.state();
    let entries = workspace(app).catalog.entries();
    members(app).list.visible().iter().map(|&i| entries[i].company.clone()).collect()
}

/// The newest notification's text, in Chinese.
pub fn notice(harness: &Harness<'_, QilianApp>) -> Option<String> {
    harness.state().notifications.current().map(|n| n.text.get(Lang::Zh).to_string())
}

/// Opens the board's company filter, types `query` and picks `company`.
pub fn pick_company(harness: &mut Harness<'static, QilianApp>, query: &str, company: &str) {
    use egui::accesskit::Role;
    harness.get_by_role_and_label(Role::ComboBox, "企业").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text(query);
    harness.run();
    harness.get_by_role_and_label(Role::Button, company).click();
    harness.run();
}

/// Every text drawn over the full-window backdrop a full-screen view (the leaderboard, a slide)
/// paints first, with the sizes of its parts in points.
fn drawn_over_backdrop<S>(harness: &Harness<'_, S>) -> Vec<(String, Vec<f32>)> {
    fn texts(shape: &egui::Shape, out: &mut Vec<(String, Vec<f32>)>) {
        match shape {
            egui::Shape::Text(t) => out.push((
                t.galley.text().to_owned(),
                t.galley.job.sections.iter().map(|s| s.format.font_id.size).collect(),
            )),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| texts(s, out)),
            _ => {}
        }
    }
    let window = harness.ctx.content_rect();
    let shapes = &harness.output().shapes;
    let backdrop = shapes
        .iter()
        .position(|s| matches!(&s.shape, egui::Shape::Rect(r) if r.rect == window))
        .expect("a full-screen view paints a backdrop over the whole window");
    let mut out = Vec::new();
    for s in &shapes[backdrop..] {
        texts(&s.shape, &mut out);
    }
    out
}

/// The texts a full-screen view shows.
pub fn texts_over_backdrop<S>(harness: &Harness<'_, S>) -> Vec<String> {
    drawn_over_backdrop(harness).into_iter().map(|(text, _)| text).collect()
}

/// The sizes of the (not blank) texts a full-screen view shows, in points.
pub fn text_sizes_over_backdrop<S>(harness: &Harness<'_, S>) -> Vec<f32> {
    drawn_over_backdrop(harness)
        .into_iter()
        .filter(|(text, _)| !text.trim().is_empty())
        .flat_map(|(_, sizes)| sizes)
        .collect()
}

/// The paragraphs of a .docx file, as text; panics if it does not open as one.
pub fn docx_paragraphs(path: &Path) -> Vec<String> {
    let doc = docx_rs::read_docx(&std::fs::read(path).unwrap()).expect("a .docx that opens");
    doc.document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .collect()
}
