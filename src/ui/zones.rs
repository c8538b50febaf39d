//! 片区管理: renaming the park's zones and adding new ones.

use crate::domain::{Zone, ZoneId};
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum ZoneAction {
    Rename(ZoneId, String),
    Add(String),
}

pub struct ZonesDialog {
    /// Each zone's name as being typed.
    drafts: Vec<(ZoneId, String)>,
    new_name: String,
    pub open: bool,
}

/// Why a zone name cannot be used, in the user's language.
fn problem(name: &str, id: Option<ZoneId>, zones: &[Zone], lang: Lang) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        Some(lang.pick("片区名称不能为空", "A zone needs a name"))
    } else if zones.iter().any(|z| z.name == name && Some(z.id) != id) {
        Some(lang.pick("已有同名片区", "There is already a zone with this name"))
    } else {
        None
    }
}

impl ZonesDialog {
    pub fn new(zones: &[Zone]) -> Self {
        Self { drafts: zones.iter().map(|z| (z.id, z.name.clone())).collect(), new_name: String::new(), open: true }
    }

    pub fn ui(&mut self, ctx: &egui::Context, zones: &[Zone], lang: Lang) -> Vec<ZoneAction> {
        let mut actions = Vec::new();
        let Self { drafts, new_name, open } = self;
        egui::Window::new(lang.pick("片区管理", "Zones")).open(open).collapsible(false).resizable(false).show(
            ctx,
            |ui| {
                ui.weak(
                    lang.pick("改名即时保存；企业的片区随之更新。", "Renames are saved at once; companies follow."),
                );
                egui::Grid::new("zones").num_columns(2).show(ui, |ui| {
                    for (index, (id, name)) in drafts.iter_mut().enumerate() {
                        let label = ui.label(format!("{}", index + 1));
                        let edit = ui.add(egui::TextEdit::singleline(name).desired_width(180.0)).labelled_by(label.id);
                        match problem(name, Some(*id), zones, lang) {
                            Some(message) => {
                                ui.colored_label(super::theme::error_color(ui), message);
                            }
                            None if edit.changed() => actions.push(ZoneAction::Rename(*id, name.trim().to_string())),
                            None => {}
                        }
                        ui.end_row();
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label(lang.pick("新片区", "New zone"));
                    ui.add(egui::TextEdit::singleline(new_name).desired_width(140.0)).labelled_by(label.id);
                    let blocked = problem(new_name, None, zones, lang);
                    if ui.add_enabled(blocked.is_none(), egui::Button::new(lang.pick("添加片区", "Add zone"))).clicked()
                    {
                        actions.push(ZoneAction::Add(new_name.trim().to_string()));
                        new_name.clear();
                    }
                    if let Some(message) = blocked.filter(|_| !new_name.trim().is_empty()) {
                        ui.colored_label(super::theme::error_color(ui), message);
                    }
                });
            },
        );
        actions
    }

    /// After the store changed, shows the zones as stored (a newly added one appears).
    pub fn sync(&mut self, zones: &[Zone]) {
        for zone in zones {
            if !self.drafts.iter().any(|(id, _)| *id == zone.id) {
                self.drafts.push((zone.id, zone.name.clone()));
            }
        }
    }
}
