//! Widgets every screen uses the same way: filter drop-downs, the searchable company picker, the
//! detail panel that can be folded, resized and closed, dialogs that fit the window, and a guard
//! against a double click landing on a button that slid under the pointer.

use super::theme::{size, space, text_size};
use crate::catalog::Catalog;
use crate::domain::CompanyId;
use crate::domain::search_key;
use crate::i18n::{Lang, glossary};
use std::sync::Arc;

/// Room for `text` and a drop-down arrow: a Chinese character is about twice a Latin one.
fn combo_width(text: &str) -> f32 {
    text.chars().map(|c| if c.is_ascii() { 8.0 } else { text_size::BODY }).sum::<f32>() + 32.0
}

/// A drop-down of `choices` with an "all" entry. The label is part of the box ("片区：全部"), so
/// a toolbar wraps a filter as one piece on a narrow window. True when the choice changed.
pub fn filter_combo<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<T>,
    choices: &[(T, String)],
    lang: Lang,
) -> bool {
    choice_combo(ui, id, label, value, choices, glossary::ALL.get(lang), lang)
}

/// A drop-down of `choices`, `none` standing for no choice (全部 for a filter, 未选 for a form's
/// field), its label part of the box. True when the choice changed.
pub fn choice_combo<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<T>,
    choices: &[(T, String)],
    none: &str,
    lang: Lang,
) -> bool {
    let selected = value.as_ref().and_then(|v| choices.iter().find(|(c, _)| c == v)).map_or(none, |(_, text)| text);
    let text = format!("{label}{}{selected}", lang.colon());
    let before = value.clone();
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(&text)
        .width(combo_width(&text))
        // Tall enough for a short list to show whole; longer ones scroll.
        .height(ui.ctx().content_rect().height() * 0.6)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for (choice, text) in choices {
                ui.selectable_value(value, Some(choice.clone()), text);
            }
        })
        .response;
    // Screen readers (and UI tests) find the field by its name.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
    *value != before
}

/// The zone and industry filters every list screen has, from the catalog. True on a change.
pub fn zone_and_industry_filters(
    ui: &mut egui::Ui,
    id: &str,
    catalog: &Catalog,
    zone: &mut Option<crate::domain::ZoneId>,
    industry: &mut Option<String>,
    lang: Lang,
) -> bool {
    let zones: Vec<_> = catalog.zones().iter().map(|z| (z.id, z.name.clone())).collect();
    let industries: Vec<_> = catalog.industries().iter().map(|i| (i.clone(), i.clone())).collect();
    let zone_changed = filter_combo(ui, &format!("{id}_zone"), glossary::ZONE.get(lang), zone, &zones, lang);
    let industry_changed =
        filter_combo(ui, &format!("{id}_industry"), glossary::INDUSTRY.get(lang), industry, &industries, lang);
    zone_changed || industry_changed
}

/// How many matches the company picker lists at once; typing narrows them.
const PICKER_ROWS: usize = 60;

/// The live companies in the pinyin order of the names the picker shows, kept while the
/// catalog's list does not change.
fn companies_in_name_order(ui: &egui::Ui, catalog: &Catalog) -> Arc<Vec<usize>> {
    let key = egui::Id::unique(("qilian-companies-by-name", catalog.list_revision()));
    if let Some(order) = ui.data(|d| d.get_temp::<Arc<Vec<usize>>>(key)) {
        return order;
    }
    let entries = catalog.entries();
    let mut order: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].deleted).collect();
    order.sort_by_cached_key(|&i| search_key::pinyin_sort_key(display_name(&entries[i].company)));
    let order = Arc::new(order);
    ui.data_mut(|d| d.insert_temp(key, Arc::clone(&order)));
    order
}

/// What a company picker is called, and what its "no company" entry says: 全部 for a filter,
/// something like 不安排 where no company means none at all.
pub struct PickerText<'a> {
    pub label: &'a str,
    pub none: &'a str,
}

/// A company filter to type into: by name, short name or pinyin initials. Each match shows its
/// full name and zone, so two companies that share a short name are told apart. True on a change.
pub fn company_picker(
    ui: &mut egui::Ui,
    id: &str,
    text: PickerText,
    value: &mut Option<CompanyId>,
    catalog: &Catalog,
    lang: Lang,
    focus_search: bool,
) -> bool {
    let PickerText { label, none: any } = text;
    let selected = value.and_then(|id| catalog.entry(id)).map_or(any, |e| display_name(&e.company));
    let text = format!("{label}{}{selected}", lang.colon());
    let query_id = ui.make_persistent_id((id, "query"));
    let before = *value;
    // Typing in the search field must not close the list.
    let combo = egui::ComboBox::from_id_salt(id)
        .selected_text(&text)
        .width(combo_width(&text).max(160.0))
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let popup_id = combo_popup_id(ui, id);
    if focus_search {
        egui::Popup::open_id(ui.ctx(), popup_id);
    }
    let response = combo
        .height(ui.ctx().content_rect().height() * 0.6)
        .show_ui(ui, |ui| {
            let mut query: String = ui.data(|d| d.get_temp(query_id)).unwrap_or_default();
            let search_label = glossary::SEARCH.get(lang);
            let edit = ui.add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(lang.pick("名称、简称或拼音首字母", "Name, short name or pinyin initials"))
                    .desired_width(size::SEARCH_WIDTH),
            );
            let edit = edit.labelled_by(ui.label(search_label).id);
            if focus_search || !edit.has_focus() && query.is_empty() {
                edit.request_focus();
            }
            ui.data_mut(|d| d.insert_temp(query_id, query.clone()));
            ui.separator();
            if ui.selectable_label(value.is_none(), any).clicked() {
                *value = None;
            }
            let needle = query.trim().to_lowercase();
            let entries = catalog.entries();
            let order = companies_in_name_order(ui, catalog);
            let matches = order.iter().map(|&i| &entries[i]).filter(|e| search_key::matches(&e.search_key, &needle));
            let mut shown = 0;
            for entry in matches.take(PICKER_ROWS) {
                shown += 1;
                let c = &entry.company;
                ui.horizontal(|ui| {
                    if ui.selectable_label(*value == Some(c.id), display_name(c)).clicked() {
                        *value = Some(c.id);
                    }
                    let zone = catalog.zone_name(c.zone_id);
                    let detail = if zone.is_empty() { c.name.clone() } else { format!("{} · {zone}", c.name) };
                    ui.weak(detail);
                });
            }
            if shown == PICKER_ROWS {
                ui.weak(lang.pick("……输入更多字以缩小范围", "… type more to narrow the list"));
            } else if shown == 0 {
                ui.weak(lang.pick("没有符合的企业", "No company matches"));
            }
        })
        .response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
    if *value != before {
        egui::Popup::close_id(ui.ctx(), popup_id);
        ui.data_mut(|d| d.remove::<String>(query_id));
    }
    *value != before
}

/// The id egui gives a combo box's popup (as `ComboBox` makes it: from the salt wrapped in an
/// `IdSalt`, whose hash is not the string's), to open and close it from outside.
fn combo_popup_id(ui: &egui::Ui, id_salt: &str) -> egui::Id {
    ui.make_persistent_id(egui::IdSalt::new(id_salt)).with("popup")
}

/// The short name when there is one: what the secretary calls the company.
pub fn display_name(company: &crate::domain::Company) -> &str {
    crate::matching::board::display_name(company)
}

/// What the user did in a detail panel's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelEvent {
    Close,
}

/// A detail panel on the right: resizable between a width that fits a form and one that leaves
/// the list its key columns, foldable to a strip (its state in `expanded`), with a close button.
pub fn detail_panel(
    ui: &mut egui::Ui,
    id: &str,
    expanded: &mut bool,
    title: &str,
    lang: Lang,
    add_contents: impl FnOnce(&mut egui::Ui),
) -> Option<PanelEvent> {
    let available = ui.available_width();
    // The list beside it keeps at least this much.
    let list_min = (available * 0.35).max(300.0);
    let max = (available - list_min).max(size::DETAIL_MIN_WIDTH);
    let folded = egui::Panel::right(format!("{id}_folded")).resizable(false).exact_size(size::DETAIL_FOLDED_WIDTH);
    // At first a little under half the room, so the list keeps the larger share.
    let first = (available * 0.45).clamp(size::DETAIL_MIN_WIDTH, size::DETAIL_WIDTH).min(max);
    let open =
        egui::Panel::right(id.to_string()).resizable(true).size_range(size::DETAIL_MIN_WIDTH..=max).default_size(first);
    let mut event = None;
    egui::Panel::show_switched(ui, expanded, folded, open, |ui, is_open| {
        if !is_open {
            ui.add_space(space::S);
            if ui.button("«").on_hover_text(lang.pick("展开详情", "Show the details")).clicked() {
                ui.data_mut(|d| d.insert_temp(egui::Id::unique((id, "expand")), true));
            }
            return;
        }
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(glossary::CLOSE.get(lang))
                    .on_hover_text(lang.pick("关闭详情", "Close the details"))
                    .clicked()
                {
                    event = Some(PanelEvent::Close);
                }
                if ui.button("»").on_hover_text(lang.pick("收起详情", "Fold the details away")).clicked() {
                    ui.data_mut(|d| d.insert_temp(egui::Id::unique((id, "fold")), true));
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.add(egui::Label::new(egui::RichText::new(title).heading()).truncate());
                });
            });
        });
        ui.separator();
        add_contents(ui);
    });
    // The buttons ask through memory: `expanded` is lent to the panel while it draws.
    if ui.data_mut(|d| d.remove_temp::<bool>(egui::Id::unique((id, "expand")))).is_some() {
        *expanded = true;
    }
    if ui.data_mut(|d| d.remove_temp::<bool>(egui::Id::unique((id, "fold")))).is_some() {
        *expanded = false;
    }
    event
}

/// A dialog window that stays inside the app's window and scrolls inside when it is taller.
pub fn dialog(title: &str, ctx: &egui::Context) -> egui::Window<'static> {
    let room = ctx.content_rect().shrink(size::DIALOG_MARGIN);
    egui::Window::new(title.to_string())
        .collapsible(false)
        .resizable(true)
        .constrain(true)
        .max_size(room.size())
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
}

/// Keeps a button from acting twice when a double click's second click lands on the next row's
/// button, slid into place by the first.
#[derive(Default)]
pub struct ClickGuard {
    until: f64,
}

/// Longer than a double click.
const GUARD_SECONDS: f64 = 0.6;

impl ClickGuard {
    pub fn armed(&self, ui: &egui::Ui) -> bool {
        let now = ui.input(|i| i.time);
        if now < self.until {
            ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(self.until - now));
            return true;
        }
        false
    }

    pub fn arm(&mut self, ctx: &egui::Context) {
        self.until = ctx.input(|i| i.time) + GUARD_SECONDS;
    }
}
