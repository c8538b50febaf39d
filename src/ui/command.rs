//! What screens and menus ask of the app, as values. A click pushes a command; the app runs the
//! queue once a frame, after drawing, so no screen reaches into another and nothing is written
//! to the database in the middle of drawing.
//!
//! `UiCommand`s are what the keyboard can do, each with its shortcut next to it.

use super::file_dialog::FileRequest;
use super::notify::Notification;
use super::screen::Section;
use crate::catalog::Change;
use crate::domain::CompanyId;
use crate::excel::columns::ListKind;
use crate::excel::export::ExportTask;
use crate::undo::Undo;
use crate::visits::sheets::VisitSheet;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

pub enum AppCommand {
    Navigate(Section),
    /// Show this company's record on the members screen.
    OpenCompany(CompanyId),
    /// Show what this company could sell to members and buy from them.
    ShowOpportunities(CompanyId),
    Notify(Notification),
    /// This window wrote to the database: refresh what reads it.
    DataChanged(Change),
    Undo(Undo),
    /// Pick a spreadsheet and preview its import as this list (or as what its headers say).
    Import(Option<ListKind>),
    ImportFile(PathBuf, Option<ListKind>),
    /// Pick where to save, then export in the background.
    Export(ExportTask),
    ExportTo(ExportTask, PathBuf),
    Ui(UiCommand),
    /// Open this federation file, or pick one (`None`).
    OpenDatabase(Option<PathBuf>),
    /// Create a new, empty federation at this path, or pick where (`None`).
    NewDatabase(Option<PathBuf>),
    /// Create the demo federation at this path (or open it, if it is already there).
    CreateDemo(PathBuf),
    /// List the federation's backups, to restore one.
    ShowBackups,
    /// Show the visit of this month on the visits screen.
    OpenVisit {
        year: i32,
        month: u32,
    },
    /// Show the exhibition of this year on its screen.
    OpenExhibition {
        year: i32,
    },
    /// Show the skills contest of this quarter on its screen.
    OpenContest {
        year: i32,
        quarter: u32,
    },
    /// Pick a file to open for a screen; the screen hears `FileChosen`.
    ChooseFile(FileRequest, FileFor),
    FileChosen(FileFor, PathBuf),
}

/// What a file chosen for a screen is for: the screen that asked takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFor {
    /// A visit's sign-in sheet or feedback forms.
    VisitSheet { year: i32, month: u32, kind: VisitSheet },
    /// An entry form for this contest event.
    ContestEntries { event: i64 },
    /// A department's sheet of requests sent back.
    RequestSheet,
    /// Where to write a deck: a PDF, or PNG images.
    Deck { deck: i64, pdf: bool },
    /// Where to write the work report of these years.
    Report { from: i32, to: i32 },
}

crate::labelled_enum! {
    /// What the keyboard does, wherever the user is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum UiCommand {
        FocusSearch = ("find", "查找", "Find"),
        SelectPrevious = ("previous", "列表中上一项", "Previous item in the list"),
        SelectNext = ("next", "列表中下一项", "Next item in the list"),
        Submit = ("submit", "提交表单", "Submit the form"),
        CloseDialog = ("close", "关闭对话框", "Close the dialog"),
        ToggleFullscreen = ("fullscreen", "全屏", "Full screen"),
        Larger = ("larger", "放大字号", "Larger text"),
        Smaller = ("smaller", "缩小字号", "Smaller text"),
    }
}

impl UiCommand {
    pub fn shortcut(self) -> KeyboardShortcut {
        let (modifiers, key) = match self {
            Self::FocusSearch => (Modifiers::COMMAND, Key::F),
            Self::SelectPrevious => (Modifiers::NONE, Key::ArrowUp),
            Self::SelectNext => (Modifiers::NONE, Key::ArrowDown),
            Self::Submit => (Modifiers::NONE, Key::Enter),
            Self::CloseDialog => (Modifiers::NONE, Key::Escape),
            Self::ToggleFullscreen => (Modifiers::NONE, Key::F11),
            Self::Larger => (Modifiers::COMMAND, Key::Equals),
            Self::Smaller => (Modifiers::COMMAND, Key::Minus),
        };
        KeyboardShortcut::new(modifiers, key)
    }
}

/// Where the keyboard was when the frame began: a key that types in a field must not also act.
pub struct KeyboardFocus {
    text_field: bool,
    search_field: bool,
    /// A drop-down or menu: Esc closes it, not the dialog under it.
    popup: bool,
}

/// The search field of the screen on show registers its id here, so ↑/↓ typed in it move the
/// list's selection instead of the text cursor.
pub fn register_search_field(ctx: &egui::Context, id: egui::Id) {
    ctx.data_mut(|d| d.insert_temp(search_field_key(), id));
}

fn search_field_key() -> egui::Id {
    egui::Id::unique("qilian-search-field")
}

impl KeyboardFocus {
    pub fn now(ctx: &egui::Context) -> Self {
        let focused = ctx.memory(|m| m.focused());
        let search = ctx.data(|d| d.get_temp::<egui::Id>(search_field_key()));
        Self {
            text_field: ctx.text_edit_focused(),
            search_field: focused.is_some() && focused == search,
            popup: egui::Popup::is_any_open(ctx),
        }
    }
}

/// The commands whose keys were pressed before this frame was drawn: the ones that never type
/// (Ctrl+F, F11, zoom), and ↑/↓ when they would not move a text cursor. They are taken from the
/// input so widgets do not act on them too.
pub fn keys_before_drawing(ctx: &egui::Context, focus: &KeyboardFocus) -> Vec<UiCommand> {
    let arrows_free = !focus.text_field || focus.search_field;
    let mut commands = Vec::new();
    for command in UiCommand::ALL {
        let takes = match command {
            UiCommand::SelectPrevious | UiCommand::SelectNext => arrows_free,
            UiCommand::Submit | UiCommand::CloseDialog => false,
            _ => true,
        };
        if takes && ctx.input_mut(|i| i.consume_shortcut(&command.shortcut())) {
            commands.push(command);
        }
    }
    commands
}

/// The commands of keys widgets may have used while drawing: Enter submits the form whose field
/// had the keyboard, Esc closes the dialog on top unless a modal or a drop-down took it.
pub fn keys_after_drawing(ctx: &egui::Context, focus: &KeyboardFocus) -> Vec<UiCommand> {
    let mut commands = Vec::new();
    let (enter, escape) = ctx.input(|i| {
        let plain = i.modifiers.is_none();
        (plain && i.key_pressed(Key::Enter), plain && i.key_pressed(Key::Escape))
    });
    if enter && focus.text_field {
        commands.push(UiCommand::Submit);
    }
    if escape && !focus.popup {
        commands.push(UiCommand::CloseDialog);
    }
    commands
}
