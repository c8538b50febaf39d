//! The notification centre: one place in the window for what just happened — success, warning or
//! error, each optionally with 撤销 (undo). The newest shows in the status bar until the next one
//! or until it is dismissed; the session's earlier ones stay listed under 消息, and every one is
//! written to the log, so no error is silently dropped.

use super::theme::{self, palette};
use crate::i18n::{Lang, Text, glossary};
use crate::undo::Undo;
use std::collections::VecDeque;

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Severity {
        Success = ("success", "完成", "Done"),
        Info = ("info", "提示", "Note"),
        Warning = ("warning", "注意", "Warning"),
        Error = ("error", "错误", "Error"),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub severity: Severity,
    pub text: Text,
    pub undo: Option<Undo>,
}

impl Notification {
    pub fn new(severity: Severity, text: Text) -> Self {
        Self { severity, text, undo: None }
    }

    pub fn success(text: Text) -> Self {
        Self::new(Severity::Success, text)
    }

    pub fn warning(text: Text) -> Self {
        Self::new(Severity::Warning, text)
    }

    pub fn error(text: Text) -> Self {
        Self::new(Severity::Error, text)
    }

    pub fn with_undo(mut self, undo: Undo) -> Self {
        self.undo = Some(undo);
        self
    }
}

/// How many notifications the 消息 list keeps.
const HISTORY: usize = 50;

#[derive(Default)]
pub struct Notifications {
    current: Option<Notification>,
    history: VecDeque<Notification>,
}

/// What the user did with a notification.
pub enum NotificationAction {
    Undo(Undo),
}

impl Notifications {
    pub fn push(&mut self, notification: Notification) {
        let text = notification.text.get(Lang::Zh);
        match notification.severity {
            Severity::Error => log::error!("{text}"),
            Severity::Warning => log::warn!("{text}"),
            Severity::Success | Severity::Info => log::info!("{text}"),
        }
        self.history.push_front(notification.clone());
        self.history.truncate(HISTORY);
        self.current = Some(notification);
    }

    pub fn current(&self) -> Option<&Notification> {
        self.current.as_ref()
    }

    /// Draws the newest notification and the list of earlier ones, right to left.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<NotificationAction> {
        let mut action = None;
        if !self.history.is_empty() {
            let title = crate::tr!(lang, "消息（{}）", "Messages ({})", self.history.len());
            ui.menu_button(title, |ui| {
                egui::ScrollArea::vertical().max_height(ui.ctx().content_rect().height() * 0.6).show(ui, |ui| {
                    for n in &self.history {
                        let color = color_of(ui, n.severity);
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(color, n.severity.label(lang));
                            ui.label(n.text.get(lang));
                        });
                    }
                });
            });
        }
        let Some(current) = &self.current else { return None };
        let mut dismiss = false;
        if ui.small_button("×").on_hover_text(glossary::CLOSE.get(lang)).clicked() {
            dismiss = true;
        }
        if let Some(undo) = &current.undo
            && ui.button(glossary::UNDO.get(lang)).clicked()
        {
            action = Some(NotificationAction::Undo(undo.clone()));
            dismiss = true;
        }
        let color = color_of(ui, current.severity);
        ui.add(egui::Label::new(egui::RichText::new(current.text.get(lang)).color(color)).truncate());
        if dismiss {
            self.current = None;
        }
        action
    }
}

fn color_of(ui: &egui::Ui, severity: Severity) -> egui::Color32 {
    let p = palette(ui);
    match severity {
        Severity::Success => p.success,
        Severity::Info => ui.visuals().text_color(),
        Severity::Warning => p.warning,
        Severity::Error => theme::error_color(ui),
    }
}
