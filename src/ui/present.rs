//! 会议投屏: a deck for the meeting, built live from the data when opened, shown full screen in
//! type readable from the back of the room (no line under 1/25 of the height). → / Space /
//! PageDown go on, ← / PageUp back, a number and Enter jump, B blacks the screen, Esc leaves.

use super::command::AppCommand;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::{palette, space};
use crate::i18n::Text;
use crate::jobs::Job;
use crate::present::{Meeting, Slide, build};
use crate::store::{Store, StoreError};

/// The slide on show, while presenting.
#[derive(Debug, Clone, Default, PartialEq)]
struct Show {
    index: usize,
    black: bool,
    /// Digits typed, to jump to on Enter.
    typed: String,
}

pub struct PresentScreen {
    db: std::path::PathBuf,
    meeting: Meeting,
    /// The deck being built in the background (the savings slide asks the matching engine).
    building: Option<Job<Result<Vec<Slide>, StoreError>>>,
    slides: Option<Vec<Slide>>,
    show: Option<Show>,
}

impl PresentScreen {
    pub fn new(db: std::path::PathBuf) -> Self {
        Self { db, meeting: Meeting::default(), building: None, slides: None, show: None }
    }

    pub fn slides(&self) -> Option<&[Slide]> {
        self.slides.as_deref()
    }

    /// The slide on show, from 0, while presenting.
    pub fn showing(&self) -> Option<usize> {
        self.show.as_ref().map(|s| s.index)
    }

    pub fn blacked_out(&self) -> bool {
        self.show.as_ref().is_some_and(|s| s.black)
    }

    fn start(&mut self, ui: &egui::Ui) {
        self.show = Some(Show::default());
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// Takes the presenter's keys; false when the show is left.
    fn keys(show: &mut Show, ui: &egui::Ui, count: usize) -> bool {
        ui.input_mut(|i| {
            let mut pressed = |key: egui::Key| i.consume_key(egui::Modifiers::NONE, key);
            if pressed(egui::Key::Escape) {
                return false;
            }
            if pressed(egui::Key::ArrowRight) || pressed(egui::Key::Space) || pressed(egui::Key::PageDown) {
                show.index = (show.index + 1).min(count.saturating_sub(1));
            }
            if pressed(egui::Key::ArrowLeft) || pressed(egui::Key::PageUp) {
                show.index = show.index.saturating_sub(1);
            }
            if pressed(egui::Key::B) {
                show.black = !show.black;
            }
            let digits = [
                egui::Key::Num0,
                egui::Key::Num1,
                egui::Key::Num2,
                egui::Key::Num3,
                egui::Key::Num4,
                egui::Key::Num5,
                egui::Key::Num6,
                egui::Key::Num7,
                egui::Key::Num8,
                egui::Key::Num9,
            ];
            for (n, key) in digits.iter().enumerate() {
                if pressed(*key) {
                    show.typed.push(char::from(b'0' + n as u8));
                }
            }
            if pressed(egui::Key::Enter) {
                if let Ok(n) = show.typed.parse::<usize>()
                    && (1..=count).contains(&n)
                {
                    show.index = n - 1;
                }
                show.typed.clear();
            }
            true
        })
    }

    /// One slide over the whole window.
    fn draw(ui: &mut egui::Ui, slide: &Slide, number: usize, count: usize, black: bool) {
        let rect = ui.ctx().content_rect();
        let p = palette(ui);
        egui::Area::new(ui.make_persistent_id("slide")).order(egui::Order::Foreground).fixed_pos(rect.min).show(
            ui.ctx(),
            |ui| {
                ui.set_min_size(rect.size());
                if black {
                    ui.painter().rect_filled(rect, 0.0, egui::Color32::BLACK);
                    return;
                }
                ui.painter().rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
                // Projection: a line is 1/18 of the height, a title 1/11; the page number 1/25.
                let line = rect.height() / 18.0;
                let title = rect.height() / 11.0;
                let strong = ui.visuals().strong_text_color();
                let margin = egui::Margin::symmetric((line * 1.2) as i8, (line * 0.8) as i8);
                egui::Frame::new().inner_margin(margin).show(ui, |ui| match slide {
                    Slide::Title { title: t, subtitle } => {
                        ui.add_space(rect.height() * 0.28);
                        ui.vertical_centered(|ui| {
                            ui.label(egui::RichText::new(t).size(title).strong().color(strong));
                            ui.add_space(line);
                            ui.label(egui::RichText::new(subtitle).size(line));
                        });
                    }
                    Slide::Lines { title: t, lines } => {
                        ui.label(egui::RichText::new(t).size(title).strong().color(strong));
                        ui.add_space(line * 0.5);
                        for l in lines {
                            ui.add(egui::Label::new(egui::RichText::new(l).size(line)).truncate());
                            ui.add_space(line * 0.3);
                        }
                    }
                    Slide::Bars { title: t, bars } => {
                        ui.label(egui::RichText::new(t).size(title).strong().color(strong));
                        ui.add_space(line * 0.5);
                        let most = bars.iter().map(|(_, v)| *v).fold(1.0, f64::max);
                        let width = rect.width() * 0.5;
                        egui::Grid::new("bars").spacing([line * 0.5, line * 0.3]).show(ui, |ui| {
                            for (label, value) in bars {
                                ui.label(egui::RichText::new(label).size(line));
                                let (bar, _) = ui.allocate_exact_size(egui::vec2(width, line), egui::Sense::hover());
                                let filled = egui::Rect::from_min_size(
                                    bar.min,
                                    egui::vec2(bar.width() * (*value / most) as f32, bar.height()),
                                );
                                ui.painter().rect_filled(filled, 0.0, p.info);
                                ui.label(egui::RichText::new(format!("{value}")).size(line));
                                ui.end_row();
                            }
                        });
                    }
                });
                let at = egui::pos2(rect.right() - line * 3.0, rect.bottom() - line * 1.2);
                let size = rect.height() / 25.0;
                ui.put(
                    egui::Rect::from_min_size(at, egui::vec2(line * 2.6, line)),
                    egui::Label::new(egui::RichText::new(format!("{number}/{count}")).size(size).weak()),
                );
            },
        );
    }
}

impl Screen for PresentScreen {
    fn section(&self) -> Section {
        Section::Present
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let count = self.slides.as_ref().map_or(0, Vec::len);
        if let (Some(show), Some(slides)) = (&mut self.show, &self.slides) {
            if !Self::keys(show, ui, count) {
                self.show = None;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                return;
            }
            if let Some(slide) = slides.get(show.index) {
                Self::draw(ui, slide, show.index + 1, count, show.black);
            }
            return;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(lang.pick("会议投屏", "Meetings on the projector"));
            ui.add_space(space::S);
            ui.horizontal_wrapped(|ui| {
                for meeting in Meeting::ALL {
                    if ui.selectable_label(self.meeting == meeting, meeting.label(lang)).clicked()
                        && self.meeting != meeting
                        && self.building.is_none()
                    {
                        self.meeting = meeting;
                        self.slides = None;
                    }
                }
            });
            ui.add_space(space::S);
            let Some(slides) = &self.slides else {
                ui.spinner();
                return;
            };
            for (i, slide) in slides.iter().enumerate() {
                ui.label(format!("{}. {}", i + 1, slide.title()));
            }
            ui.add_space(space::M);
            let start = ui.button(lang.pick("开始放映（F5）", "Start (F5)")).clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F5));
            ui.weak(lang.pick(
                "放映时：→ 或空格 下一页，← 上一页，数字加回车 跳页，B 黑屏，Esc 退出。幻灯片不显示电话和工号。",
                "While showing: → or Space next, ← back, a number and Enter jumps, B blacks the screen, Esc leaves. Slides carry no phone or employee numbers.",
            ));
            if start && !slides.is_empty() {
                self.start(ui);
            }
        });
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        if let Some(result) = self.building.as_ref().and_then(Job::poll) {
            self.building = None;
            match result {
                Ok(Ok(slides)) => self.slides = Some(slides),
                Ok(Err(e)) => {
                    self.slides = Some(Vec::new());
                    ctx.fail(|l| e.message(l));
                }
                Err(e) => {
                    self.slides = Some(Vec::new());
                    ctx.fail(|l| e.message(l));
                }
            }
        }
        // A deck always shows the data as it is when opened.
        if self.slides.is_none() && self.building.is_none() && ctx.current == Section::Present {
            let (db, meeting, lang) = (self.db.clone(), self.meeting, ctx.lang);
            let work = move |_: &crate::jobs::JobContext| {
                build(&Store::open(&db)?, meeting, chrono::Local::now().date_naive(), lang)
            };
            match ctx.jobs.spawn("qilian-deck", Text::new("准备幻灯片", "Preparing the slides"), false, work) {
                Ok(job) => self.building = Some(job),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, _ctx: &mut ApplyCtx) {
        if let AppCommand::DataChanged(_) = command
            && self.show.is_none()
        {
            self.slides = None;
        }
    }
}
