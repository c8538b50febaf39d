//! Forms drawn from a record's field table: each field is labelled with its table label (so
//! screen readers and UI tests find it by name), edited the way its kind says, and shows the
//! reason it could not be saved right under it.

use super::theme::{self, size, space};
use crate::domain::Draft;
use crate::domain::fields::{Choice, Env, FieldError, FieldInfo, FieldTable, Kind};

/// One field's editor, `width` wide; true when the text changed.
fn field_editor(
    ui: &mut egui::Ui,
    id: egui::Id,
    info: &FieldInfo,
    text: &mut String,
    env: &Env,
    label: egui::Id,
    width: f32,
) -> bool {
    match info.kind {
        Kind::Text | Kind::Number => {
            ui.add(egui::TextEdit::singleline(text).desired_width(width)).labelled_by(label).changed()
        }
        Kind::Date => ui
            .add(egui::TextEdit::singleline(text).hint_text("2026-03-05").desired_width(width))
            .labelled_by(label)
            .changed(),
        Kind::LongText => {
            ui.add(egui::TextEdit::multiline(text).desired_rows(2).desired_width(width)).labelled_by(label).changed()
        }
        Kind::Choice(list) => {
            let choices = list(env);
            let shown =
                choices.iter().find(|c| c.text == *text).map_or(text.as_str(), |c| c.label.as_str()).to_string();
            let before = text.clone();
            egui::ComboBox::from_id_salt(id)
                .selected_text(shown)
                .width(width.min(size::SEARCH_WIDTH))
                .show_ui(ui, |ui| {
                    for Choice { text: value, label } in &choices {
                        ui.selectable_value(text, value.clone(), label);
                    }
                })
                .response
                .labelled_by(label);
            *text != before
        }
        Kind::Suggest(list) => {
            let choices = list(env);
            let size = egui::vec2(width.min(ui.available_width()), ui.spacing().interact_size.y);
            // The offer button first, from the right; the field takes exactly the rest.
            let layout = egui::Layout::right_to_left(egui::Align::Center);
            ui.allocate_ui_with_layout(size, layout, |ui| {
                let mut changed = false;
                if !choices.is_empty() {
                    ui.menu_button(egui::RichText::new("▼").small(), |ui| {
                        egui::ScrollArea::vertical().max_height(ui.ctx().content_rect().height() * 0.5).show(
                            ui,
                            |ui| {
                                for choice in &choices {
                                    if ui.selectable_label(*text == choice.text, &choice.label).clicked() {
                                        *text = choice.text.clone();
                                        changed = true;
                                        ui.close();
                                    }
                                }
                            },
                        );
                    });
                }
                let edit = egui::TextEdit::singleline(text).desired_width(ui.available_width());
                changed | ui.add(edit).labelled_by(label).changed()
            })
            .inner
        }
    }
}

fn error_of<'a>(errors: &'a [FieldError], key: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.key == key)
}

/// Every field of the draft, a label and its editor to a row; true when any changed.
pub fn field_grid<R: FieldTable>(
    ui: &mut egui::Ui,
    id: &str,
    draft: &mut Draft<R>,
    errors: &[FieldError],
    env: &Env,
) -> bool {
    let mut changed = false;
    egui::Grid::new(id).num_columns(2).spacing([space::L, space::ROW]).show(ui, |ui| {
        for (field, text) in draft.fields_mut() {
            let info = &field.info;
            let label = ui.label(info.label.get(env.lang)).id;
            ui.vertical(|ui| {
                let editor = ui.make_persistent_id((id, info.key));
                changed |= field_editor(ui, editor, info, text, env, label, f32::INFINITY);
                if let Some(error) = error_of(errors, info.key) {
                    ui.colored_label(theme::error_color(ui), error.error.message(env.lang));
                }
            });
            ui.end_row();
        }
    });
    changed
}

/// The fields of a draft two to a line (one, when the panel is narrow), for the rows of a list
/// (products, needs, contacts). True when any changed.
pub fn field_pairs<R: FieldTable>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    draft: &mut Draft<R>,
    env: &Env,
) -> bool {
    let mut changed = false;
    let spacing = ui.spacing().item_spacing.x;
    let height = ui.spacing().interact_size.y;
    let room = ui.available_width();
    let per_line = if room >= 2.0 * (size::LABEL_WIDTH + MIN_PAIR_FIELD) + 3.0 * spacing { 2 } else { 1 };
    let edit_width = (room - per_line as f32 * (size::LABEL_WIDTH + spacing)) / per_line as f32 - spacing;
    let id = ui.make_persistent_id(id);
    let mut fields = draft.fields_mut().peekable();
    while fields.peek().is_some() {
        ui.horizontal(|ui| {
            for (field, text) in fields.by_ref().take(per_line) {
                let info = &field.info;
                let label = info.label.get(env.lang);
                let layout = egui::Layout::left_to_right(egui::Align::Center);
                let label = ui
                    .allocate_ui_with_layout(egui::vec2(size::LABEL_WIDTH, height), layout, |ui| {
                        ui.set_min_width(size::LABEL_WIDTH);
                        ui.add(egui::Label::new(label).truncate())
                    })
                    .inner;
                changed |= field_editor(ui, id.with(info.key), info, text, env, label.id, edit_width.max(80.0));
            }
        });
    }
    changed
}

/// Below this a field of a row is too narrow to share its line with another.
const MIN_PAIR_FIELD: f32 = 140.0;
