//! 片区管理: renaming the park's zones, adding new ones, deleting an empty one, restoring a deleted
//! one. Renames are saved as typed; a name that is empty or taken is refused at the field.

use super::theme::{self, size};
use super::widgets::dialog;
use crate::domain::place::ParkPlace;
use crate::domain::{Zone, ZoneId};
use crate::i18n::{Lang, glossary};
use crate::members::zones::{ZoneAction, name_problem};
use crate::tr;
use std::collections::HashMap;

pub struct ZonesDialog {
    /// The park's city and province as being typed.
    city: String,
    province: String,
    /// Each zone's name as being typed.
    drafts: Vec<(ZoneId, String)>,
    new_name: String,
    pub open: bool,
    pub deleted: Vec<Zone>,
}

impl ZonesDialog {
    pub fn new(place: &ParkPlace, zones: &[Zone], deleted: Vec<Zone>) -> Self {
        Self {
            city: place.city.clone(),
            province: place.province.clone(),
            drafts: zones.iter().map(|z| (z.id, z.name.clone())).collect(),
            new_name: String::new(),
            open: true,
            deleted,
        }
    }

    /// After the store changed: zones added or restored appear, deleted ones go, names being
    /// typed stay as typed.
    pub fn sync(&mut self, zones: &[Zone], deleted: Vec<Zone>) {
        let typed = std::mem::take(&mut self.drafts);
        self.drafts = zones
            .iter()
            .map(|z| typed.iter().find(|(id, _)| *id == z.id).cloned().unwrap_or((z.id, z.name.clone())))
            .collect();
        self.deleted = deleted;
    }

    /// Enter in the new zone's field adds it, if the name can be used.
    pub fn submit(&mut self, zones: &[Zone]) -> Option<ZoneAction> {
        if self.new_name.trim().is_empty() || name_problem(&self.new_name, None, zones).is_some() {
            return None;
        }
        Some(ZoneAction::Add(std::mem::take(&mut self.new_name)))
    }

    /// `companies` counts the companies in each zone, the recycle bin's included.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        zones: &[Zone],
        companies: &HashMap<ZoneId, usize>,
        lang: Lang,
    ) -> Vec<ZoneAction> {
        let mut actions = Vec::new();
        let Self { city, province, drafts, new_name, open, deleted } = self;
        let dialog = dialog(lang.pick("片区管理", "Zones"), ctx).default_width(size::ZONES_DIALOG_WIDTH);
        dialog.open(open).vscroll(true).show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.pick("园区所在城市", "The park's city"));
                let city_edit = ui.add(egui::TextEdit::singleline(city).desired_width(size::SEARCH_WIDTH * 0.5));
                let city_edit = city_edit.labelled_by(label.id);
                let label = ui.label(lang.pick("省份", "Province"));
                let province_edit =
                    ui.add(egui::TextEdit::singleline(province).desired_width(size::SEARCH_WIDTH * 0.5));
                let province_edit = province_edit.labelled_by(label.id);
                if city_edit.changed() || province_edit.changed() {
                    actions.push(ZoneAction::SetPlace(ParkPlace::new(city, province)));
                }
            });
            ui.weak(lang.pick(
                "导入表格时据此识别供应商所在地：写“北仑”“杭州”“江苏”的，分别算作市内、省内、国内。",
                "Imports read where suppliers are by it: a district of this city, another city of this province, another province.",
            ));
            ui.separator();
            ui.weak(lang.pick(
                "改名即时保存，企业的片区随之更新。没有企业的片区可以删除。",
                "Renames are saved at once; companies follow. A zone without companies can be deleted.",
            ));
            egui::Grid::new("zones").num_columns(4).striped(true).show(ui, |ui| {
                for (index, (id, name)) in drafts.iter_mut().enumerate() {
                    let label = ui.label(format!("{}", index + 1));
                    // Sized, not desired: a grid in a scrolling window would squeeze the name
                    // to a couple of characters.
                    let field = egui::TextEdit::singleline(name);
                    let edit = ui.add_sized([size::SEARCH_WIDTH, size::ROW_HEIGHT], field).labelled_by(label.id);
                    let count = companies.get(id).copied().unwrap_or(0);
                    ui.weak(tr!(lang, "{count} 家企业", "{count} companies"));
                    let delete = ui.add_enabled(count == 0, egui::Button::new(glossary::DELETE.get(lang)).small());
                    let delete = delete.on_disabled_hover_text(lang.pick(
                        "片区里还有企业：先把它们改到别的片区",
                        "The zone still has companies: move them to another zone first",
                    ));
                    if delete.clicked() {
                        actions.push(ZoneAction::Delete(*id));
                    }
                    ui.end_row();
                    match name_problem(name, Some(*id), zones) {
                        Some(problem) => {
                            ui.label("");
                            ui.colored_label(theme::error_color(ui), problem.get(lang));
                            ui.end_row();
                        }
                        None if edit.changed() => actions.push(ZoneAction::Rename(*id, name.trim().to_string())),
                        None => {}
                    }
                }
            });
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.pick("新片区", "New zone"));
                ui.add(egui::TextEdit::singleline(new_name).desired_width(size::SEARCH_WIDTH * 0.7))
                    .labelled_by(label.id);
                let blocked = name_problem(new_name, None, zones);
                if ui.add_enabled(blocked.is_none(), egui::Button::new(lang.pick("添加片区", "Add zone"))).clicked()
                {
                    actions.push(ZoneAction::Add(std::mem::take(new_name)));
                }
                if let Some(problem) = blocked.filter(|_| !new_name.trim().is_empty()) {
                    ui.colored_label(theme::error_color(ui), problem.get(lang));
                }
            });
            if !deleted.is_empty() {
                ui.collapsing(tr!(lang, "已删除的片区（{}）", "Deleted zones ({})", deleted.len()), |ui| {
                    for zone in deleted.iter() {
                        ui.horizontal(|ui| {
                            ui.label(&zone.name);
                            if ui.button(glossary::RESTORE.get(lang)).clicked() {
                                actions.push(ZoneAction::Restore(zone.id));
                            }
                        });
                    }
                });
            }
        });
        actions
    }
}
