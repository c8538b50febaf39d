//! The window: menu, navigation between sections, the first-start screen, and one module per
//! screen. Screens draw state and queue actions; the app carries the actions out after drawing.

pub mod company_detail;
pub mod import;
pub mod matching;
pub mod members;
pub mod park_map;
pub mod synonyms;
pub mod theme;
pub mod zones;

use crate::demo;
use crate::i18n::Lang;
use crate::store::{self, Store};
use matching::MatchingScreen;
use members::MembersScreen;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use theme::ThemeChoice;

/// The sections of SPEC.md, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Section {
    #[default]
    Members,
    Matching,
    Visits,
    Contests,
    Exhibition,
    Advisory,
    Calendar,
    Present,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Self::Members,
        Self::Matching,
        Self::Visits,
        Self::Contests,
        Self::Exhibition,
        Self::Advisory,
        Self::Calendar,
        Self::Present,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Members => lang.pick("成员企业", "Members"),
            Self::Matching => lang.pick("供需对接", "Supplier matching"),
            Self::Visits => lang.pick("互访交流", "Exchange visits"),
            Self::Contests => lang.pick("技术比武", "Skills contests"),
            Self::Exhibition => lang.pick("展销会", "Exhibition"),
            Self::Advisory => lang.pick("顾问团·服务周", "Advisory group"),
            Self::Calendar => lang.pick("日历", "Calendar"),
            Self::Present => lang.pick("会议投屏", "Present"),
        }
    }

    /// What a section not built yet will do, said plainly instead of showing made-up content.
    fn coming(self, lang: Lang) -> &'static str {
        match self {
            Self::Members | Self::Matching => "",
            Self::Visits => lang.pick(
                "将排出全年每月互访的东道主，推荐邀请企业，记录出席、反馈表和后续事项。",
                "Will plan the year's monthly host companies, suggest whom to invite, and record attendance, feedback and follow-ups.",
            ),
            Self::Contests => lang.pick(
                "将管理每季技术比武的项目、选手、评委、评分和排名，并提供投屏排行榜。",
                "Will run each quarter's contest: events, entries, judges, scores, ranking and a live leaderboard.",
            ),
            Self::Exhibition => lang.pick(
                "将安排年度产品展销会的展位、参展企业与产品，记录成交和意向。",
                "Will lay out the annual exhibition's booths, exhibitors and products, and record deals and leads.",
            ),
            Self::Advisory => lang.pick(
                "将把企业诉求分派给17家成员单位并跟踪办结，安排服务周各部门的驻点日程。",
                "Will route enterprise requests to the 17 departments, track them to resolution, and plan the service week.",
            ),
            Self::Calendar => lang.pick(
                "将在一张月历/季历上显示互访、比武、展销会、服务周和政策说明会。",
                "Will show visits, contests, the exhibition, service weeks and briefings on one calendar.",
            ),
            Self::Present => lang.pick(
                "将把联合会概况、本月互访、比武排行、对接成果等做成大字号投屏幻灯片。",
                "Will turn the federation's figures into large-type slides for the projector.",
            ),
        }
    }
}

/// Preferences kept between runs by eframe; business data lives in the database, not here.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: ThemeChoice,
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

/// An open federation and the screens that show it.
pub struct Workspace {
    pub store: Store,
    pub members: MembersScreen,
    pub matching: MatchingScreen,
}

impl Workspace {
    pub fn open(path: &Path) -> Result<Self, store::StoreError> {
        Self::from_store(Store::open(path)?)
    }

    pub fn from_store(store: Store) -> Result<Self, store::StoreError> {
        let members = MembersScreen::load(&store)?;
        let matching = MatchingScreen::new(&store)?;
        Ok(Self { store, members, matching })
    }
}

/// What the menu and the start screen ask for; run after drawing.
#[derive(Debug, Clone, PartialEq)]
enum AppAction {
    Open(PathBuf),
    CreateEmpty(PathBuf),
    CreateDemo(PathBuf),
    PickOpen,
    PickNew,
}

pub struct QilianApp {
    pub settings: Settings,
    pub workspace: Option<Workspace>,
    pub section: Section,
    /// Why the last open or create failed, shown on the start screen.
    pub problem: Option<String>,
    actions: Vec<AppAction>,
}

impl QilianApp {
    /// Opens `db` if given, else the last database, else the default one if it exists; otherwise
    /// the start screen offers to create the demo federation, an empty one, or open a file.
    pub fn new(settings: Settings, db: Option<PathBuf>) -> Self {
        let mut app = Self { settings, workspace: None, section: Section::Members, problem: None, actions: Vec::new() };
        let candidate = db.or_else(|| {
            let last = app.settings.last_db.clone().filter(|p| p.exists());
            last.or_else(|| store::default_db_path().filter(|p| p.exists()))
        });
        if let Some(path) = candidate {
            app.open(&path);
        }
        app
    }

    fn open(&mut self, path: &Path) {
        match Workspace::open(path) {
            Ok(workspace) => {
                self.workspace = Some(workspace);
                self.settings.remember(path);
                self.problem = None;
            }
            Err(e) => self.problem = Some(e.message(self.settings.lang)),
        }
    }

    fn run_actions(&mut self) {
        for action in std::mem::take(&mut self.actions) {
            match action {
                AppAction::Open(path) | AppAction::CreateEmpty(path) => self.open(&path),
                AppAction::CreateDemo(path) => self.create_demo(&path),
                AppAction::PickOpen => {
                    if let Some(path) = rfd::FileDialog::new()
                        .set_title(self.settings.lang.pick("打开联合会数据库", "Open a federation database"))
                        .add_filter(
                            self.settings.lang.pick("企联数据库", "Qilian database"),
                            &["db", "sqlite", "qilian"],
                        )
                        .pick_file()
                    {
                        self.open(&path);
                    }
                }
                AppAction::PickNew => {
                    if let Some(path) = rfd::FileDialog::new()
                        .set_title(self.settings.lang.pick("新建联合会数据库", "New federation database"))
                        .add_filter(self.settings.lang.pick("企联数据库", "Qilian database"), &["db"])
                        .set_file_name("联合会.db")
                        .save_file()
                    {
                        self.open(&path);
                    }
                }
            }
        }
    }

    fn create_demo(&mut self, path: &Path) {
        self.open(path);
        let lang = self.settings.lang;
        let Some(workspace) = &mut self.workspace else { return };
        let result = demo::write_demo(&mut workspace.store, demo::DEFAULT_COMPANIES, 1)
            .map_err(|e| match e {
                demo::DemoError::NotEmpty(_) => lang
                    .pick("该文件已有企业数据，已直接打开。", "That file already has companies; opened it as it is.")
                    .to_string(),
                demo::DemoError::Store(e) => e.message(lang),
            })
            .and_then(|_| workspace.members.reload(&workspace.store).map_err(|e| e.message(lang)));
        if let Err(message) = result {
            workspace.members.notice = Some(members::Notice { text: message, is_error: true, undo: None });
        }
    }

    /// The whole window, inside the `Ui` eframe (or a test harness) gives.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        match &mut self.workspace {
            None => {
                egui::CentralPanel::default().show(ui, |ui| self.start_screen(ui));
            }
            Some(workspace) => {
                let title = workspace.store.path().display().to_string();
                egui::Panel::left("nav").resizable(false).exact_size(theme::NAV_WIDTH).show(ui, |ui| {
                    ui.add_space(8.0);
                    ui.heading(lang.pick("企联", "Qilian"));
                    ui.weak(file_name(&title));
                    ui.add_space(8.0);
                    for section in Section::ALL {
                        let text = egui::RichText::new(section.label(lang)).size(theme::BODY_SIZE + 1.0);
                        if ui
                            .add_sized(
                                [theme::NAV_WIDTH - 16.0, 32.0],
                                egui::Button::selectable(self.section == section, text),
                            )
                            .clicked()
                        {
                            if section == Section::Matching && self.section != section {
                                // Members may have changed meanwhile; the worker re-matches what did.
                                workspace.matching.rematch(ui.ctx());
                            }
                            self.section = section;
                        }
                    }
                });
                match self.section {
                    Section::Members => {
                        workspace.members.ui(ui, lang);
                        workspace.members.apply(ui.ctx(), &mut workspace.store, lang);
                        if let Some(id) = workspace.members.show_opportunities.take() {
                            workspace.matching.focus_company(ui.ctx(), id);
                            self.section = Section::Matching;
                        }
                    }
                    Section::Matching => {
                        if workspace.matching.wants_first_run() {
                            workspace.matching.rematch(ui.ctx());
                        }
                        workspace.matching.ui(ui, lang);
                        if let Some(id) = workspace.matching.apply(ui.ctx(), &mut workspace.store, lang) {
                            // The matching worker only reads, so the list is as current as the board.
                            let opened = workspace
                                .members
                                .reload(&workspace.store)
                                .and_then(|()| workspace.members.select(id, &workspace.store));
                            match opened {
                                Ok(()) => self.section = Section::Members,
                                Err(e) => workspace.matching.tell(e.message(lang), true),
                            }
                        }
                    }
                    other => {
                        egui::CentralPanel::default().show(ui, |ui| {
                            ui.add_space(24.0);
                            ui.heading(other.label(lang));
                            ui.add_space(8.0);
                            ui.label(lang.pick(
                                "此功能正在开发中，尚不可用。",
                                "This section is being built and is not available yet.",
                            ));
                            ui.label(other.coming(lang));
                        });
                    }
                }
            }
        }
        self.run_actions();
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.pick("文件", "File"), |ui| {
                if ui.button(lang.pick("新建联合会…", "New federation…")).clicked() {
                    self.actions.push(AppAction::PickNew);
                }
                if ui.button(lang.pick("打开…", "Open…")).clicked() {
                    self.actions.push(AppAction::PickOpen);
                }
                ui.menu_button(lang.pick("最近打开", "Open recent"), |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak(lang.pick("（无）", "(none)"));
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.actions.push(AppAction::Open(path.clone()));
                        }
                    }
                });
                ui.separator();
                if ui.button(lang.pick("退出", "Quit")).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(lang.pick("视图", "View"), |ui| {
                let before = self.settings.theme;
                ui.radio_value(&mut self.settings.theme, ThemeChoice::Light, lang.pick("浅色主题", "Light theme"));
                ui.radio_value(&mut self.settings.theme, ThemeChoice::Dark, lang.pick("深色主题", "Dark theme"));
                if before != self.settings.theme {
                    theme::apply_theme(ui.ctx(), self.settings.theme);
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
            ui.add_space(80.0);
            ui.heading(egui::RichText::new(lang.pick("欢迎使用企联", "Welcome to Qilian")).size(30.0));
            ui.add_space(8.0);
            ui.label(lang.pick(
                "企业联合会秘书的工作台：成员企业、供需对接、互访交流、技术比武、展销会和顾问团服务周。",
                "The federation secretary's desk: members, supplier matching, visits, contests, the exhibition and the advisory group.",
            ));
            ui.add_space(24.0);
            if let Some(problem) = &self.problem {
                ui.colored_label(theme::error_color(ui), problem);
                ui.add_space(12.0);
            }
            let size = [360.0, 40.0];
            let data_dir = store::default_db_path().and_then(|p| p.parent().map(Path::to_path_buf));
            if let Some(dir) = &data_dir
                && ui.add_sized(size, egui::Button::new(lang.pick("打开演示联合会（347 家企业）", "Open the demo federation (347 companies)"))).clicked()
            {
                self.actions.push(AppAction::CreateDemo(dir.join("qilian-demo.db")));
            }
            if ui.add_sized(size, egui::Button::new(lang.pick("新建空白联合会…", "New empty federation…"))).clicked() {
                self.actions.push(AppAction::PickNew);
            }
            if ui.add_sized(size, egui::Button::new(lang.pick("打开已有文件…", "Open a file…"))).clicked() {
                self.actions.push(AppAction::PickOpen);
            }
            if let Some(path) = store::default_db_path()
                && ui.add_sized(size, egui::Button::new(lang.pick("在默认位置新建", "Create in the default place"))).on_hover_text(path.display().to_string()).clicked()
            {
                self.actions.push(AppAction::CreateEmpty(path));
            }
        });
    }
}

fn file_name(path: &str) -> &str {
    Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path)
}

impl eframe::App for QilianApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Starts the GUI; `db` overrides the remembered database.
pub fn run(db: Option<PathBuf>) -> ExitCode {
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
            // Preferences that cannot be read after an upgrade fall back to defaults.
            let settings: Settings = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
            theme::setup(&cc.egui_ctx, settings.theme);
            Ok(Box::new(QilianApp::new(settings, db)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qilian: {e}");
            ExitCode::from(1)
        }
    }
}
