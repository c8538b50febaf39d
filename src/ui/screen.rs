//! The screen contract. Each section of the navigation is one `Screen`, in its own module; the
//! app keeps them in one list (`ui::screens`) and builds the navigation from it.
//!
//! A screen draws its state with `ui` and pushes what the user asked for, as its own actions or
//! as `AppCommand`s; after drawing, `apply` carries its actions out (the only place it writes,
//! through the feature layers) and takes in background results; `on_command` is how the app
//! tells it what other screens asked (open this company, data changed…).

use super::command::{AppCommand, UiCommand};
use super::notify::Notification;
use crate::catalog::Catalog;
use crate::domain::Env;
use crate::i18n::{Lang, Text};
use crate::jobs::Jobs;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::ops::{Deref, DerefMut};

crate::labelled_enum! {
    /// The sections of SPEC.md, in the order of the navigation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum Section {
        #[default]
        Members = ("members", "成员企业", "Members"),
        Matching = ("matching", "供需对接", "Supplier matching"),
        Visits = ("visits", "互访交流", "Exchange visits"),
        Contests = ("contests", "技术比武", "Skills contests"),
        Exhibition = ("exhibition", "展销会", "Exhibition"),
        Advisory = ("advisory", "顾问团·服务周", "Advisory group"),
        Calendar = ("calendar", "日历", "Calendar"),
        Present = ("present", "会议投屏", "Present"),
    }
}

/// What every screen is handed while it draws: the shared read model and where to send commands.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub catalog: &'a Catalog,
    pub commands: &'a mut Vec<AppCommand>,
    pub jobs: &'a mut Jobs,
    /// The section on show.
    pub current: Section,
}

impl<'a> Ctx<'a> {
    pub fn send(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    pub fn notify(&mut self, notification: Notification) {
        self.send(AppCommand::Notify(notification));
    }

    /// Says what went wrong, as an error notification.
    pub fn fail(&mut self, message: impl Fn(Lang) -> String) {
        self.notify(Notification::error(Text::from_fn(message)));
    }

    /// What the fields of the park's records need: the zones and the industries in use.
    pub fn env(&self) -> Env<'a> {
        let catalog: &'a Catalog = self.catalog;
        Env { lang: self.lang, zones: catalog.zones(), industries: catalog.industries(), place: catalog.place() }
    }
}

/// What a screen is handed after drawing: the same, and the database to write to.
pub struct ApplyCtx<'a> {
    pub view: Ctx<'a>,
    pub store: &'a mut Store,
}

impl<'a> Deref for ApplyCtx<'a> {
    type Target = Ctx<'a>;
    fn deref(&self) -> &Ctx<'a> {
        &self.view
    }
}

impl<'a> DerefMut for ApplyCtx<'a> {
    fn deref_mut(&mut self) -> &mut Ctx<'a> {
        &mut self.view
    }
}

pub trait Screen: Any {
    fn section(&self) -> Section;

    /// False for a section still being built: the navigation greys it and says 开发中.
    fn is_ready(&self) -> bool {
        true
    }

    /// Draws the screen in the space left of the navigation and above the status bar.
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx);

    /// The screen's part of the status bar, when it is on show.
    fn status_ui(&mut self, _ui: &mut egui::Ui, _ctx: &mut Ctx) {}

    /// After drawing, every frame, shown or not: carry out what the user asked and take in what
    /// background work finished.
    fn apply(&mut self, _ctx: &mut ApplyCtx) {}

    /// What other screens and the app ask (every screen hears every command).
    fn on_command(&mut self, _command: &AppCommand, _ctx: &mut ApplyCtx) {}

    /// A keyboard command while this screen is on show; true when the screen used it.
    fn on_ui_command(&mut self, _command: UiCommand, _ctx: &mut ApplyCtx) -> bool {
        false
    }
}
