//! The window: menu, navigation, status bar, the first-start screen, and the screens (one module
//! each, registered in `screens`). Every frame the app draws, then runs the command queue once:
//! screens push what the user asked for, the app carries it out, refreshes the shared catalog
//! and tells every screen what changed. See docs/ARCHITECTURE.md.

pub mod advisory;
pub mod calendar;
pub mod command;
pub mod company_detail;
pub mod contests;
pub mod exhibition;
pub mod file_dialog;
pub mod file_read;
pub mod form;
pub mod import;
pub mod matching;
pub mod members;
pub mod month_view;
pub mod notify;
pub mod park_map;
pub mod present;
pub mod restore;
pub mod screen;
pub mod synonyms;
pub mod table;
pub mod theme;
pub mod visits;
pub mod widgets;
pub mod zones;

pub use screen::{Screen, Section};

use crate::catalog::{Catalog, Change};
use crate::domain::Env;
use crate::excel::ExcelError;
use crate::excel::columns::ListKind;
use crate::excel::export::ExportTask;
use crate::i18n::{Lang, Text, format, glossary};
use crate::jobs::{Job, Jobs};
use crate::store::backup::{self, BackupInfo};
use crate::store::{self, Store, StoreError};
use crate::undo::Undo;
use crate::{demo, text, tr};
use advisory::AdvisoryScreen;
use calendar::CalendarScreen;
use command::{AppCommand, FileFor, KeyboardFocus, UiCommand, keys_after_drawing, keys_before_drawing};
use contests::ContestsScreen;
use exhibition::ExhibitionScreen;
use file_dialog::{FileChooser, FileRequest, NativeChooser, PathPrompt, Picked};
use import::{ImportDialog, ImportEvent};
use matching::MatchingScreen;
use members::MembersScreen;
use notify::{Notification, NotificationAction, Notifications};
use present::PresentScreen;
use restore::{RestoreDialog, RestoreEvent};
use screen::{ApplyCtx, Ctx};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use theme::{Scale, ThemeChoice, size, space};
use visits::VisitsScreen;

/// The screens, in the order of the navigation: adding a screen is one module and one line here.
fn screens(db: &Path) -> Vec<Box<dyn Screen>> {
    vec![
        Box::new(MembersScreen::default()),
        Box::new(MatchingScreen::new(db.to_path_buf())),
        Box::new(VisitsScreen::new(db.to_path_buf())),
        Box::new(ContestsScreen::new(db.to_path_buf())),
        Box::new(ExhibitionScreen::new(db.to_path_buf())),
        Box::new(AdvisoryScreen::default()),
        Box::new(CalendarScreen::default()),
        Box::new(PresentScreen::new(db.to_path_buf())),
    ]
}

/// Preferences kept between runs by eframe; business data lives in the database, not here.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: ThemeChoice,
    pub scale: Scale,
    pub section: Section,
    pub last_db: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
}

const MAX_RECENT: usize = 8;

impl Settings {
    fn remember(&mut self, path: &Path) {
        self.last_db = Some(path.to_path_buf());
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

/// An open federation: its database, the catalog every screen reads, the screens, and the import
/// dialog when one is open.
pub struct Workspace {
    pub store: Store,
    pub catalog: Catalog,
    screens: Vec<Box<dyn Screen>>,
    import: Option<ImportDialog>,
    restore: Option<RestoreDialog>,
    /// Today's automatic backup, taken in the background when the federation is opened.
    daily_backup: Option<Job<Result<Option<BackupInfo>, StoreError>>>,
}

impl Workspace {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::with_store(Store::open(path)?)
    }

    /// A new federation (新建): where there is no file, or an empty one the user chose to replace.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        Self::with_store(Store::create(path)?)
    }

    fn with_store(store: Store) -> Result<Self, StoreError> {
        let catalog = Catalog::load(&store)?;
        Ok(Self { screens: screens(store.path()), store, catalog, import: None, restore: None, daily_backup: None })
    }

    pub fn screens(&self) -> impl Iterator<Item = &dyn Screen> {
        self.screens.iter().map(Box::as_ref)
    }

    /// The screen of type `T`, for tests and benchmarks that look inside one.
    pub fn screen<T: Screen>(&self) -> Option<&T> {
        self.screens.iter().find_map(|s| (s.as_ref() as &dyn std::any::Any).downcast_ref::<T>())
    }

    /// Runs `work` on the screen of type `T` with the catalog beside it.
    pub fn with_screen<T: Screen, R>(&mut self, work: impl FnOnce(&mut T, &Catalog) -> R) -> Option<R> {
        let screen =
            self.screens.iter_mut().find_map(|s| (s.as_mut() as &mut dyn std::any::Any).downcast_mut::<T>())?;
        Some(work(screen, &self.catalog))
    }

    pub fn import(&self) -> Option<&ImportDialog> {
        self.import.as_ref()
    }

    pub fn restore(&self) -> Option<&RestoreDialog> {
        self.restore.as_ref()
    }
}

/// What a path typed by hand (when the native dialog could not open) is for.
enum PathPurpose {
    OpenDatabase,
    NewDatabase,
    Import(Option<ListKind>),
    Export(ExportTask),
    Open(FileFor),
}

struct RunningExport {
    job: Job<Result<usize, ExcelError>>,
    what: Text,
    file: PathBuf,
}

pub struct QilianApp {
    pub settings: Settings,
    pub workspace: Option<Workspace>,
    /// Why the last open or create failed, shown on the start screen.
    pub problem: Option<Text>,
    pub notifications: Notifications,
    jobs: Jobs,
    exports: Vec<RunningExport>,
    commands: Vec<AppCommand>,
    chooser: Box<dyn FileChooser>,
    path_prompt: Option<PathPrompt<PathPurpose>>,
    show_shortcuts: bool,
    fullscreen: bool,
    /// The text size the window was last set to.
    applied_scale: Option<Scale>,
    log_file: Option<PathBuf>,
}

impl QilianApp {
    /// Opens `db` if given, else the last database, else the default one if it exists; otherwise
    /// the start screen offers to create the demo federation, an empty one, or open a file.
    pub fn new(settings: Settings, db: Option<PathBuf>) -> Self {
        let mut app = Self {
            settings,
            workspace: None,
            problem: None,
            notifications: Notifications::default(),
            jobs: Jobs::default(),
            exports: Vec::new(),
            commands: Vec::new(),
            chooser: Box::new(NativeChooser),
            path_prompt: None,
            show_shortcuts: false,
            fullscreen: false,
            applied_scale: None,
            log_file: None,
        };
        let candidate = db.or_else(|| {
            let last = app.settings.last_db.clone().filter(|p| p.exists());
            last.or_else(|| store::default_db_path().filter(|p| p.exists()))
        });
        if let Some(path) = candidate {
            app.open(&path);
        }
        app
    }

    /// Uses `chooser` instead of the system's file dialogs (tests, and machines without them).
    pub fn with_file_chooser(mut self, chooser: Box<dyn FileChooser>) -> Self {
        self.chooser = chooser;
        self
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    pub fn is_fullscreen(&self) -> bool {
        self.fullscreen
    }

    fn open(&mut self, path: &Path) {
        self.take(path, Workspace::open(path));
    }

    fn take(&mut self, path: &Path, opened: Result<Workspace, StoreError>) {
        match opened {
            Ok(mut workspace) => {
                log::info!("opened {}", path.display());
                let db = path.to_path_buf();
                let label = Text::new("每日自动备份", "Daily backup");
                match self.jobs.spawn("qilian-daily-backup", label, false, move |_| backup::daily(&db)) {
                    Ok(job) => workspace.daily_backup = Some(job),
                    Err(e) => log::warn!("no daily backup: {e}"),
                }
                self.workspace = Some(workspace);
                self.settings.remember(path);
                self.problem = None;
            }
            Err(e) => {
                log::warn!("could not open {}: {e}", path.display());
                self.problem = Some(Text::from_fn(|lang| e.message(lang)));
            }
        }
    }

    fn create_demo(&mut self, path: &Path) {
        self.open(path);
        let Some(workspace) = &mut self.workspace else { return };
        match demo::write_demo(&mut workspace.store, demo::DEFAULT_COMPANIES, 1) {
            Ok(_) => self.commands.push(AppCommand::DataChanged(Change::Everything)),
            Err(demo::DemoError::NotEmpty(_)) => self.notifications.push(Notification::warning(text!(
                "该文件已有企业数据，已直接打开。",
                "That file already has companies; opened it as it is."
            ))),
            Err(demo::DemoError::Store(e)) => {
                self.notifications.push(Notification::error(Text::from_fn(|l| e.message(l))))
            }
        }
    }

    /// The whole window, inside the `Ui` eframe (or a test harness) gives.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.jobs.has_waker() {
            let waker = ctx.clone();
            self.jobs.set_waker(Arc::new(move || waker.request_repaint()));
        }
        if self.applied_scale != Some(self.settings.scale) {
            theme::apply_scale(&ctx, self.settings.scale);
            self.applied_scale = Some(self.settings.scale);
        }
        let focus = KeyboardFocus::now(&ctx);
        self.commands.extend(keys_before_drawing(&ctx, &focus).into_iter().map(AppCommand::Ui));
        self.follow_other_writers();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        if self.workspace.is_some() {
            self.workspace_ui(ui);
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.start_screen(ui));
        }
        self.dialogs(&ctx);

        self.commands.extend(keys_after_drawing(&ctx, &focus).into_iter().map(AppCommand::Ui));
        self.after_drawing(&ctx);
    }

    /// Another Qilian window, or a background job, wrote: the catalog reloads and every screen
    /// hears of it.
    fn follow_other_writers(&mut self) {
        let Some(workspace) = &mut self.workspace else { return };
        match workspace.catalog.follow_other_writers(&workspace.store) {
            Ok(true) => self.commands.push(AppCommand::DataChanged(Change::Everything)),
            Ok(false) => {}
            Err(e) => self.notifications.push(Notification::error(Text::from_fn(|l| e.message(l)))),
        }
    }

    fn workspace_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        let Self { workspace: Some(workspace), commands, jobs, notifications, settings, .. } = self else { return };
        let Workspace { store, catalog, screens, .. } = workspace;
        let current = settings.section;
        let Some(index) = screens.iter().position(|s| s.section() == current) else {
            settings.section = Section::default();
            return;
        };

        egui::Panel::bottom("status").show(ui, |ui| {
            ui.add_space(space::XS);
            // Notifications and jobs on the right, given up to 60% of the bar; the screen's own
            // figures on the left, cut with "…" when they do not fit.
            let mut undo = None;
            let right_share = ui.available_width() * 0.6;
            let running = jobs.running();
            egui::Sides::new().shrink_left().truncate().show(
                ui,
                |ui| {
                    let mut ctx = Ctx { lang, catalog, commands: &mut *commands, jobs: &mut *jobs, current };
                    screens[index].status_ui(ui, &mut ctx);
                },
                |ui| {
                    ui.set_max_width(right_share);
                    if let Some(NotificationAction::Undo(u)) = notifications.ui(ui, lang) {
                        undo = Some(u);
                    }
                    for job in &running {
                        if job.cancellable && ui.small_button(glossary::CANCEL.get(lang)).clicked() {
                            job.cancel();
                        }
                        match job.progress {
                            Some(p) => ui.add(egui::ProgressBar::new(p).desired_width(80.0).show_percentage()),
                            None => ui.spinner(),
                        };
                        ui.add(egui::Label::new(job.label.get(lang)).truncate());
                    }
                },
            );
            if let Some(undo) = undo {
                commands.push(AppCommand::Undo(undo));
            }
        });

        egui::Panel::left("nav").resizable(false).exact_size(size::NAV_WIDTH).show(ui, |ui| {
            ui.add_space(space::M);
            ui.heading(lang.pick("企联", "Qilian"));
            let path = store.path().to_path_buf();
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            ui.add(egui::Label::new(egui::RichText::new(name).weak()).truncate())
                .on_hover_text(path.display().to_string());
            ui.add_space(space::M);
            let button_size = egui::vec2(size::NAV_WIDTH - 2.0 * space::M, size::NAV_BUTTON_HEIGHT);
            for screen in screens.iter() {
                let section = screen.section();
                let title = section.label(lang);
                let text = egui::RichText::new(title).size(theme::text_size::NAV);
                let selected = current == section;
                // A section not built yet is greyed and says so at the right of its button.
                let button = if screen.is_ready() {
                    egui::Button::selectable(selected, (text, egui::Atom::grow()))
                } else {
                    let soon = egui::RichText::new(lang.pick("开发中", "soon")).small().weak();
                    egui::Button::selectable(selected, (text.weak(), egui::Atom::grow(), soon))
                };
                let response = ui.add(button.min_size(button_size));
                // Screen readers (and tests) know the section by its name alone.
                response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, title));
                if response.clicked() {
                    commands.push(AppCommand::Navigate(section));
                }
            }
        });

        let mut ctx = Ctx { lang, catalog, commands, jobs, current };
        screens[index].ui(ui, &mut ctx);
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        if let Some(workspace) = &mut self.workspace
            && let Some(dialog) = &mut workspace.import
        {
            let catalog = &workspace.catalog;
            let env = Env { lang, zones: catalog.zones(), industries: catalog.industries(), place: catalog.place() };
            dialog.ui(ctx, &env);
        }
        if let Some(dialog) = self.workspace.as_mut().and_then(|w| w.restore.as_mut()) {
            dialog.ui(ctx, lang);
        }
        if let Some(prompt) = &mut self.path_prompt {
            match prompt.ui(ctx, lang) {
                Some(true) => self.accept_path(),
                Some(false) => self.path_prompt = None,
                None => {}
            }
        }
        if self.show_shortcuts {
            let mut open = true;
            widgets::dialog(lang.pick("键盘快捷键", "Keyboard shortcuts"), ctx).open(&mut open).show(ctx, |ui| {
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    for command in UiCommand::ALL {
                        ui.label(ctx.format_shortcut(&command.shortcut()));
                        ui.label(command.label(lang));
                        ui.end_row();
                    }
                });
            });
            self.show_shortcuts = open;
        }
    }

    fn accept_path(&mut self) {
        let Some(prompt) = &mut self.path_prompt else { return };
        let Some(path) = prompt.accept() else { return };
        let Some(prompt) = self.path_prompt.take() else { return };
        self.commands.push(match prompt.then {
            PathPurpose::OpenDatabase => AppCommand::OpenDatabase(Some(path)),
            PathPurpose::NewDatabase => AppCommand::NewDatabase(Some(path)),
            PathPurpose::Import(kind) => AppCommand::ImportFile(path, kind),
            PathPurpose::Export(task) => AppCommand::ExportTo(task, path),
            PathPurpose::Open(purpose) => AppCommand::FileChosen(purpose, path),
        });
    }

    /// Screens carry out what they were asked, background work is taken in, then the commands
    /// run, until none are left.
    fn after_drawing(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        if let Some(workspace) = &mut self.workspace {
            let Workspace { store, catalog, screens, import, restore, daily_backup } = workspace;
            let current = self.settings.section;
            for screen in screens.iter_mut() {
                let view = Ctx { lang, catalog, commands: &mut self.commands, jobs: &mut self.jobs, current };
                screen.apply(&mut ApplyCtx { view, store });
            }
            if let Some(dialog) = import {
                match dialog.apply(&mut self.jobs) {
                    Some(ImportEvent::Written(counts)) => {
                        self.notifications.push(Notification::success(Text::from_fn(|lang| {
                            tr!(
                                lang,
                                "已导入：新增 {} 行，更新 {} 行",
                                "Imported: {} new, {} updated",
                                counts.new,
                                counts.update
                            )
                        })));
                    }
                    Some(ImportEvent::Export(task)) => self.commands.push(AppCommand::Export(task)),
                    None => {}
                }
                if !dialog.open && !dialog.is_busy() {
                    *import = None;
                }
            }
            if let Some(dialog) = restore {
                match dialog.apply(&mut self.jobs) {
                    Some(RestoreEvent::Restored { from, saved }) => {
                        let (from, saved) = (restore::stamp(&from), saved.path.display().to_string());
                        self.notifications.push(Notification::success(text!(
                            "已恢复到 {from} 的备份；恢复前的数据已另存为备份：{saved}",
                            "Restored the backup of {from}; the data before it was backed up to {saved}"
                        )));
                        self.commands.push(AppCommand::DataChanged(Change::Everything));
                    }
                    Some(RestoreEvent::Failed(why)) => {
                        self.notifications.push(Notification::error(Text::from_fn(|lang| {
                            tr!(
                                lang,
                                "恢复失败，数据未改动：{}",
                                "Restore failed; nothing was changed: {}",
                                why.get(lang)
                            )
                        })))
                    }
                    None => {}
                }
                if !dialog.open && !dialog.is_busy() {
                    *restore = None;
                }
            }
            if let Some(result) = daily_backup.as_ref().and_then(Job::poll) {
                *daily_backup = None;
                let failed = match result {
                    Ok(Ok(_)) => None,
                    Ok(Err(e)) => Some(Text::from_fn(|l| e.message(l))),
                    Err(e) => Some(Text::from_fn(|l| e.message(l))),
                };
                if let Some(why) = failed {
                    self.notifications.push(Notification::warning(Text::from_fn(|lang| {
                        tr!(lang, "今天的自动备份未能完成：{}", "Today's automatic backup failed: {}", why.get(lang))
                    })));
                }
            }
        }
        self.poll_exports();
        // Commands may push more commands (an undo changes data); a bound keeps a cycle from
        // hanging the window.
        for _ in 0..16 {
            if self.commands.is_empty() {
                break;
            }
            for command in std::mem::take(&mut self.commands) {
                self.run(command, ctx);
            }
        }
        if self.jobs.poll() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn poll_exports(&mut self) {
        let mut still = Vec::new();
        for export in std::mem::take(&mut self.exports) {
            match export.job.poll() {
                None => still.push(export),
                Some(result) => {
                    let RunningExport { what, file, .. } = export;
                    let file = file.display().to_string();
                    let failed = |why: &dyn Fn(Lang) -> String| {
                        Notification::error(Text::from_fn(|lang| {
                            tr!(lang, "{}导出失败：{}", "Exporting {} failed: {}", what.get(lang), why(lang))
                        }))
                    };
                    let notification = match result {
                        Ok(Ok(rows)) => Notification::success(Text::from_fn(|lang| {
                            let rows = format::count(rows);
                            tr!(
                                lang,
                                "已导出 {rows} 行{}：{file}",
                                "Exported {rows} rows of {}: {file}",
                                what.get(lang)
                            )
                        })),
                        Ok(Err(e)) => failed(&|lang| e.message(lang)),
                        Err(e) => failed(&|lang| e.message(lang)),
                    };
                    self.notifications.push(notification);
                }
            }
        }
        self.exports = still;
    }

    /// Tells every screen.
    fn broadcast(&mut self, command: &AppCommand) {
        let lang = self.settings.lang;
        let current = self.settings.section;
        let Some(Workspace { store, catalog, screens, .. }) = &mut self.workspace else { return };
        for screen in screens.iter_mut() {
            let view = Ctx { lang, catalog, commands: &mut self.commands, jobs: &mut self.jobs, current };
            screen.on_command(command, &mut ApplyCtx { view, store });
        }
    }

    fn run(&mut self, command: AppCommand, ctx: &egui::Context) {
        let lang = self.settings.lang;
        match command {
            AppCommand::Navigate(section) => self.settings.section = section,
            AppCommand::OpenCompany(_) => {
                self.settings.section = Section::Members;
                self.broadcast(&command);
            }
            AppCommand::ShowOpportunities(_) => {
                self.settings.section = Section::Matching;
                self.broadcast(&command);
            }
            AppCommand::Notify(notification) => self.notifications.push(notification),
            AppCommand::DataChanged(change) => {
                if let Some(workspace) = &mut self.workspace
                    && let Err(e) = workspace.catalog.apply(change, &workspace.store)
                {
                    self.notifications.push(Notification::error(Text::from_fn(|l| e.message(l))));
                }
                self.broadcast(&command);
            }
            AppCommand::Undo(undo) => self.undo(undo),
            AppCommand::Import(kind) => {
                let request = FileRequest::open(
                    Text::new("选择要导入的表格", "Choose a spreadsheet to import"),
                    file_dialog::spreadsheets(),
                );
                match self.chooser.choose(&request, lang) {
                    Picked::File(path) => self.commands.push(AppCommand::ImportFile(path, kind)),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.path_prompt = Some(PathPrompt::new(request, PathPurpose::Import(kind))),
                }
            }
            AppCommand::ImportFile(path, kind) => {
                if let Some(workspace) = &mut self.workspace {
                    let db = workspace.store.path().to_path_buf();
                    workspace.import = Some(ImportDialog::start(path, db, kind, lang, &mut self.jobs));
                }
            }
            AppCommand::Export(task) => {
                let title = Text::from_fn(|lang| tr!(lang, "导出{}", "Export {}", task.what.get(lang)));
                let request = FileRequest::save(title, file_dialog::xlsx(), task.file_name.get(lang).to_string());
                match self.chooser.choose(&request, lang) {
                    Picked::File(path) => self.commands.push(AppCommand::ExportTo(task, path)),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.path_prompt = Some(PathPrompt::new(request, PathPurpose::Export(task))),
                }
            }
            AppCommand::ExportTo(task, path) => self.start_export(task, path),
            AppCommand::Ui(command) => self.ui_command(command, ctx),
            AppCommand::OpenDatabase(Some(path)) => self.open(&path),
            AppCommand::NewDatabase(Some(path)) => self.take(&path, Workspace::create(&path)),
            AppCommand::OpenDatabase(None) => {
                let request = FileRequest::open(
                    Text::new("打开联合会数据库", "Open a federation database"),
                    file_dialog::databases(),
                );
                self.choose_database(request, PathPurpose::OpenDatabase);
            }
            AppCommand::NewDatabase(None) => {
                let title = Text::new("新建联合会数据库", "New federation database");
                let request = FileRequest::save(title, file_dialog::databases(), "联合会.db".into());
                self.choose_database(request, PathPurpose::NewDatabase);
            }
            AppCommand::CreateDemo(path) => self.create_demo(&path),
            AppCommand::ChooseFile(request, purpose) => match self.chooser.choose(&request, lang) {
                Picked::File(path) => self.commands.push(AppCommand::FileChosen(purpose, path)),
                Picked::Cancelled => {}
                Picked::Unavailable => self.path_prompt = Some(PathPrompt::new(request, PathPurpose::Open(purpose))),
            },
            AppCommand::FileChosen(..) => self.broadcast(&command),
            AppCommand::OpenContest { .. } => {
                self.settings.section = Section::Contests;
                self.broadcast(&command);
            }
            AppCommand::OpenExhibition { .. } => {
                self.settings.section = Section::Exhibition;
                self.broadcast(&command);
            }
            AppCommand::OpenVisit { .. } => {
                self.settings.section = Section::Visits;
                self.broadcast(&command);
            }
            AppCommand::ShowBackups => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.restore = Some(RestoreDialog::new(workspace.store.path().to_path_buf()));
                }
            }
        }
    }

    fn choose_database(&mut self, request: FileRequest, purpose: PathPurpose) {
        let create = matches!(purpose, PathPurpose::NewDatabase);
        match self.chooser.choose(&request, self.settings.lang) {
            Picked::File(path) if create => self.take(&path, Workspace::create(&path)),
            Picked::File(path) => self.open(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => self.path_prompt = Some(PathPrompt::new(request, purpose)),
        }
    }

    fn start_export(&mut self, task: ExportTask, path: PathBuf) {
        let ExportTask { what, write, .. } = task;
        let lang = self.settings.lang;
        let label = Text::from_fn(|l| tr!(l, "正在导出{}", "Exporting {}", what.get(l)));
        let target = path.clone();
        match self.jobs.spawn("qilian-export", label, false, move |_| write(&target, lang)) {
            Ok(job) => self.exports.push(RunningExport { job, what, file: path }),
            Err(e) => self.notifications.push(Notification::error(Text::from_fn(|l| e.message(l)))),
        }
    }

    fn undo(&mut self, undo: Undo) {
        let Some(workspace) = &mut self.workspace else { return };
        match undo.apply(&mut workspace.store) {
            Ok(change) => {
                self.commands.push(AppCommand::DataChanged(change));
                if let Undo::RestoreCompany(id) = undo {
                    self.commands.push(AppCommand::OpenCompany(id));
                }
                self.notifications.push(Notification::success(text!("已撤销", "Undone")));
            }
            Err(e) => self.notifications.push(Notification::error(Text::from_fn(|l| e.message(l)))),
        }
    }

    fn ui_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        match command {
            UiCommand::ToggleFullscreen => {
                self.fullscreen = !self.fullscreen;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.fullscreen));
                return;
            }
            UiCommand::Larger | UiCommand::Smaller => {
                self.settings.scale = self.settings.scale.step(command == UiCommand::Larger);
                return;
            }
            UiCommand::Submit if self.path_prompt.is_some() => return self.accept_path(),
            UiCommand::CloseDialog if self.path_prompt.take().is_some() => return,
            UiCommand::CloseDialog if std::mem::take(&mut self.show_shortcuts) => return,
            UiCommand::CloseDialog => {
                if let Some(dialog) = self.workspace.as_mut().and_then(|w| w.import.as_mut()) {
                    return dialog.close();
                }
            }
            _ => {}
        }
        let lang = self.settings.lang;
        let current = self.settings.section;
        let Some(Workspace { store, catalog, screens, .. }) = &mut self.workspace else { return };
        let Some(screen) = screens.iter_mut().find(|s| s.section() == current) else { return };
        let view = Ctx { lang, catalog, commands: &mut self.commands, jobs: &mut self.jobs, current };
        let used = screen.on_ui_command(command, &mut ApplyCtx { view, store });
        if !used && command == UiCommand::CloseDialog && self.fullscreen {
            self.fullscreen = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(glossary::FILE.get(lang), |ui| {
                if ui.button(lang.pick("新建联合会…", "New federation…")).clicked() {
                    self.commands.push(AppCommand::NewDatabase(None));
                }
                if ui.button(lang.pick("打开…", "Open…")).clicked() {
                    self.commands.push(AppCommand::OpenDatabase(None));
                }
                ui.menu_button(lang.pick("最近打开", "Open recent"), |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak(glossary::NONE.get(lang));
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(AppCommand::OpenDatabase(Some(path.clone())));
                        }
                    }
                });
                ui.separator();
                let restore = egui::Button::new(lang.pick("从备份恢复…", "Restore from a backup…"));
                if ui.add_enabled(self.workspace.is_some(), restore).clicked() {
                    self.commands.push(AppCommand::ShowBackups);
                }
                ui.separator();
                if ui.button(lang.pick("退出", "Quit")).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(lang.pick("视图", "View"), |ui| {
                let before = self.settings.theme;
                for choice in ThemeChoice::ALL {
                    ui.radio_value(&mut self.settings.theme, choice, choice.label(lang));
                }
                if before != self.settings.theme {
                    theme::apply_theme(ui.ctx(), self.settings.theme);
                }
                ui.separator();
                ui.label(lang.pick("字号", "Text size"));
                for scale in Scale::ALL {
                    ui.radio_value(&mut self.settings.scale, scale, scale.label(lang));
                }
                ui.separator();
                let fullscreen = UiCommand::ToggleFullscreen;
                let shortcut = ui.ctx().format_shortcut(&fullscreen.shortcut());
                if ui.add(egui::Button::new(fullscreen.label(lang)).shortcut_text(shortcut)).clicked() {
                    self.commands.push(AppCommand::Ui(fullscreen));
                }
            });
            ui.menu_button(lang.pick("帮助", "Help"), |ui| {
                if ui.button(lang.pick("键盘快捷键…", "Keyboard shortcuts…")).clicked() {
                    self.show_shortcuts = true;
                }
                if let Some(file) = &self.log_file {
                    ui.weak(tr!(lang, "日志：{}", "Log: {}", file.display()));
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let other = match lang {
                    Lang::Zh => ("English", Lang::En),
                    Lang::En => ("中文", Lang::Zh),
                };
                if ui.button(other.0).clicked() {
                    self.settings.lang = other.1;
                }
            });
        });
    }

    fn start_screen(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.vertical_centered(|ui| {
            ui.add_space(space::XXL * 2.0);
            ui.heading(egui::RichText::new(lang.pick("欢迎使用企联", "Welcome to Qilian")).size(theme::text_size::TITLE));
            ui.add_space(space::M);
            ui.label(lang.pick(
                "企业联合会秘书的工作台：成员企业、供需对接、互访交流、技术比武、展销会和顾问团服务周。",
                "The federation secretary's desk: members, supplier matching, visits, contests, the exhibition and the advisory group.",
            ));
            ui.add_space(space::XL);
            if let Some(problem) = &self.problem {
                ui.colored_label(theme::error_color(ui), problem.get(lang));
                ui.add_space(space::L);
            }
            let data_dir = store::default_db_path().and_then(|p| p.parent().map(Path::to_path_buf));
            let button = |ui: &mut egui::Ui, text: &str| ui.add_sized(size::START_BUTTON, egui::Button::new(text));
            if let Some(dir) = &data_dir
                && button(ui, lang.pick("打开演示联合会（347 家企业）", "Open the demo federation (347 companies)")).clicked()
            {
                self.commands.push(AppCommand::CreateDemo(dir.join("qilian-demo.db")));
            }
            if button(ui, lang.pick("新建空白联合会…", "New empty federation…")).clicked() {
                self.commands.push(AppCommand::NewDatabase(None));
            }
            if button(ui, lang.pick("打开已有文件…", "Open a file…")).clicked() {
                self.commands.push(AppCommand::OpenDatabase(None));
            }
            if let Some(path) = store::default_db_path()
                && button(ui, lang.pick("在默认位置新建", "Create in the default place"))
                    .on_hover_text(path.display().to_string())
                    .clicked()
            {
                self.commands.push(AppCommand::NewDatabase(Some(path)));
            }
        });
    }
}

impl eframe::App for QilianApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // A second screen (the projector) lets a show put the slide there and the presenter's
        // view on the laptop: the first monitor the window is not on.
        let projector = frame.winit_window().and_then(|window| {
            let here = window.current_monitor();
            window.available_monitors().position(|m| Some(m) != here)
        });
        present::set_projector(ui.ctx(), projector);
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Starts the GUI; `db` overrides the remembered database.
pub fn run(db: Option<PathBuf>) -> ExitCode {
    let log = crate::logging::log_dir().and_then(|dir| crate::logging::init(&dir));
    let log_file = log.as_ref().map(|l| l.file.clone());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("企联 Qilian")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([1024.0, 680.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "qilian",
        options,
        Box::new(move |cc| {
            // Preferences that cannot be read after an upgrade fall back to defaults, with a trace.
            let stored = cc.storage.and_then(|s| s.get_string(eframe::APP_KEY));
            let settings: Settings =
                cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_else(|| {
                    if stored.is_some() {
                        log::warn!("the saved preferences could not be read; starting from the defaults");
                    }
                    Settings::default()
                });
            theme::setup(&cc.egui_ctx, settings.theme);
            let mut app = QilianApp::new(settings, db);
            app.log_file = log_file;
            Ok(Box::new(app))
        }),
    );
    drop(log);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("the window could not run: {e}");
            eprintln!("qilian: {e}");
            ExitCode::from(1)
        }
    }
}
