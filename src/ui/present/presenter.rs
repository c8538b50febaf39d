//! With a second screen: the slide goes full screen on the projector, and the laptop shows the
//! presenter's view — the slide on show, the next one, the slide's whole text as notes (the
//! projector cuts a long line), the time and how long the show has run.

use super::slide::{self, Page};
use crate::i18n::Lang;
use crate::present::Slide;
use crate::ui::theme::space;
use std::time::Duration;

/// Where egui keeps which monitor is the projector, as the window last saw it.
fn key() -> egui::Id {
    egui::Id::unique("qilian-projector")
}

/// Says which monitor the audience's view would go to (`None`: one screen only).
pub fn set_projector(ctx: &egui::Context, monitor: Option<usize>) {
    ctx.data_mut(|d| d.insert_temp(key(), monitor));
}

/// The projector's monitor, if a show can use two screens here: egui must open real windows
/// (not draw them inside this one, as a test harness does).
pub fn projector(ctx: &egui::Context) -> Option<usize> {
    if ctx.embed_viewports() { None } else { ctx.data(|d| d.get_temp::<Option<usize>>(key())).flatten() }
}

/// What the presenter asked for with the view's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Back,
    Next,
    Black,
    Leave,
}

/// Where the show is, for the view.
pub struct Showing<'a> {
    pub slides: &'a [Slide],
    pub index: usize,
    pub revealed: usize,
    pub black: bool,
    pub running: Duration,
    /// The time of day, for the clock.
    pub now: chrono::NaiveTime,
}

/// Draws the presenter's view over `ui`; returns what its buttons asked.
pub fn view(ui: &mut egui::Ui, showing: &Showing, lang: Lang) -> Option<Ask> {
    let mut ask = None;
    let count = showing.slides.len();
    egui::CentralPanel::default().show(ui, |ui| {
        let seconds = showing.running.as_secs();
        ui.horizontal(|ui| {
            ui.heading(crate::tr!(lang, "第 {} / {} 页", "Slide {} of {}", showing.index + 1, count));
            ui.separator();
            ui.heading(showing.now.format("%H:%M").to_string());
            ui.separator();
            ui.heading(crate::tr!(lang, "已放映 {:02}:{:02}", "Running {:02}:{:02}", seconds / 60, seconds % 60));
            if showing.black {
                ui.separator();
                ui.heading(lang.pick("黑屏中", "Screen black"));
            }
        });
        ui.add_space(space::M);
        let width = ui.available_width();
        let current_width = width * 0.6;
        let next_width = width - current_width - space::XL;
        ui.horizontal_top(|ui| {
            thumbnail(
                ui,
                showing.slides.get(showing.index),
                current_width,
                (showing.index + 1, count),
                Some(showing.revealed),
            );
            ui.add_space(space::XL);
            ui.vertical(|ui| {
                ui.strong(lang.pick("下一页", "Next"));
                match showing.slides.get(showing.index + 1) {
                    Some(_) => thumbnail(
                        ui,
                        showing.slides.get(showing.index + 1),
                        next_width,
                        (showing.index + 2, count),
                        None,
                    ),
                    None => {
                        ui.label(lang.pick("（最后一页）", "(the last slide)"));
                    }
                }
            });
        });
        ui.add_space(space::M);
        ui.horizontal(|ui| {
            if ui.button(lang.pick("上一页（←）", "Back (←)")).clicked() {
                ask = Some(Ask::Back);
            }
            if ui.button(lang.pick("下一页（→）", "Next (→)")).clicked() {
                ask = Some(Ask::Next);
            }
            if ui.button(lang.pick("黑屏（B）", "Black (B)")).clicked() {
                ask = Some(Ask::Black);
            }
            if ui.button(lang.pick("结束放映（Esc）", "End the show (Esc)")).clicked() {
                ask = Some(Ask::Leave);
            }
        });
        ui.add_space(space::M);
        ui.strong(lang.pick("备注", "Notes"));
        if let Some(current) = showing.slides.get(showing.index) {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for text in current.texts() {
                    ui.label(text);
                }
            });
        }
    });
    // The clock moves on by itself.
    ui.ctx().request_repaint_after(Duration::from_secs(1));
    ask
}

/// A slide drawn small, as the projector shows it.
fn thumbnail(ui: &mut egui::Ui, slide: Option<&Slide>, width: f32, position: (usize, usize), revealed: Option<usize>) {
    let Some(slide) = slide else { return };
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, width * 9.0 / 16.0), egui::Sense::hover());
    slide::paint(ui, rect, slide, Page { position: Some(position), revealed });
}
