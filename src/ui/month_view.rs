//! A month as a calendar page: weeks from Monday, each day with its number, whether it is an
//! official day off (休) or a weekend worked (班), and its events as coloured lines to click.
//! egui has no such widget; this one draws any kind of event the caller hands it.

use super::theme::{palette, space, text_size};
use crate::domain::workdays::WorkCalendar;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate, Weekday};

/// Something on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayEvent<K> {
    pub date: NaiveDate,
    pub text: String,
    pub colour: egui::Color32,
    /// What clicking it opens, as the caller knows it.
    pub key: K,
}

/// How many days `year`-`month` has.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    u32::try_from((next - first).num_days()).ok()
}

/// What a click on the page meant.
#[derive(Debug, Clone, PartialEq)]
pub enum Clicked<K> {
    Event(K),
    Day(NaiveDate),
}

/// Draws `year`-`month` in the room given, days off and worked weekends as `calendar` knows them;
/// returns what was clicked: an event, or (where `days_clickable`) a day.
pub fn month_view<K: Clone>(
    ui: &mut egui::Ui,
    year: i32,
    month: u32,
    events: &[DayEvent<K>],
    calendar: &WorkCalendar,
    days_clickable: bool,
    lang: Lang,
) -> Option<Clicked<K>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let days = days_in_month(year, month)?;
    let lead = first.weekday().num_days_from_monday();
    let weeks = (lead + days).div_ceil(7);
    let p = palette(ui);
    let gap = space::S;
    // The page fills the room it is given: a quarter's three pages are narrow ones.
    let width = ((ui.available_width() - gap * 6.0) / 7.0).floor().max(20.0);
    // Too narrow for names: an event is a dot, named on hover.
    let compact = width < 72.0;
    let header_height = ui.text_style_height(&egui::TextStyle::Body) + space::S;
    let height = ((ui.available_height() - header_height - gap * weeks as f32) / weeks as f32).floor().max(48.0);
    let names = crate::i18n::format::weekday_names(lang);
    let mut clicked = None;
    let today = crate::clock::today();
    egui::Grid::new(("month_view", year, month)).spacing([gap, gap]).min_col_width(width).show(ui, |ui| {
        for name in names {
            ui.vertical_centered(|ui| ui.strong(name));
        }
        ui.end_row();
        for week in 0..weeks {
            for weekday in 0..7 {
                let index = week * 7 + weekday;
                let day = (index + 1).checked_sub(lead).filter(|d| (1..=days).contains(d));
                let sense = if days_clickable { egui::Sense::click() } else { egui::Sense::hover() };
                let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), sense);
                let Some(day) = day.and_then(|d| NaiveDate::from_ymd_opt(year, month, d)) else { continue };
                if response.clicked() {
                    clicked = Some(Clicked::Day(day));
                }
                let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
                let official = calendar.official_workday(day);
                // 休: an official day off on a weekday; 班: a weekend day worked (调休).
                let mark = match official {
                    Some(false) if !weekend => Some((lang.pick("休", "off"), p.success)),
                    Some(true) if weekend => Some((lang.pick("班", "work"), p.warning)),
                    _ => None,
                };
                let off = official.map_or(weekend, |w| !w);
                let fill = if off { ui.visuals().faint_bg_color } else { ui.visuals().extreme_bg_color };
                ui.painter().rect_filled(rect, 4.0, fill);
                if day == today {
                    let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
                    ui.painter().rect_stroke(rect, 4.0, stroke, egui::StrokeKind::Inside);
                }
                let inner = rect.shrink(space::S);
                let mut cell = ui
                    .new_child(egui::UiBuilder::new().max_rect(inner).layout(egui::Layout::top_down(egui::Align::Min)));
                // Plain labels, so a click on the day's number is a click on the day.
                cell.style_mut().interaction.selectable_labels = false;
                let heading = |ui: &mut egui::Ui| {
                    let size = if compact { text_size::SMALL } else { text_size::LARGE };
                    let number = egui::RichText::new(day.day().to_string()).size(size);
                    ui.label(if off { number.color(p.error) } else { number });
                    if let Some((text, colour)) = mark {
                        ui.label(egui::RichText::new(text).color(colour).strong().size(size));
                    }
                };
                // A narrow day puts its 休/班 under the number rather than beside it.
                if compact {
                    heading(&mut cell);
                } else {
                    cell.horizontal(heading);
                }
                for event in events.iter().filter(|e| e.date == day) {
                    let shown = if compact { "●" } else { event.text.as_str() };
                    let text = egui::RichText::new(shown).color(event.colour);
                    let response = cell.add(egui::Label::new(text).wrap().sense(egui::Sense::click()));
                    if response.on_hover_text(&event.text).clicked() {
                        clicked = Some(Clicked::Event(event.key.clone()));
                    }
                }
            }
            ui.end_row();
        }
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::days_in_month;

    #[test]
    fn months_have_their_days() {
        assert_eq!(days_in_month(2026, 2), Some(28));
        assert_eq!(days_in_month(2028, 2), Some(29));
        assert_eq!(days_in_month(2026, 12), Some(31));
        assert_eq!(days_in_month(2026, 13), None);
    }
}
