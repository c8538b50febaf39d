//! 会议投屏: a deck for the meeting, built live from the data when opened, shown full screen in
//! type readable from the back of the room (no line under 1/25 of the height). → / Space /
//! PageDown go on, ← / PageUp back, a number and Enter jump, B blacks the screen, Esc leaves.

use super::command::AppCommand;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::space;
use crate::i18n::{Lang, Text};
use crate::jobs::Job;
use crate::present::{Deck, Meeting, Slide, build};
use crate::store::{Store, StoreError};

pub mod render;
pub mod slide;

/// The slide on show, while presenting.
#[derive(Debug, Clone, Default, PartialEq)]
struct Show {
    index: usize,
    /// Lines of a ranking revealed so far, from its last up.
    revealed: usize,
    black: bool,
    /// Digits typed, to jump to on Enter.
    typed: String,
}

impl Show {
    fn go_to(&mut self, index: usize) {
        self.index = index;
        self.revealed = 0;
    }

    /// On: the next line of a ranking being revealed, else the next slide.
    fn next(&mut self, slides: &[Slide]) {
        if let Some(Slide::Lines { lines, reveal: true, .. }) = slides.get(self.index)
            && self.revealed < lines.len()
        {
            self.revealed += 1;
        } else if self.index + 1 < slides.len() {
            self.go_to(self.index + 1);
        }
    }
}

pub struct PresentScreen {
    db: std::path::PathBuf,
    deck: Deck,
    /// The deck being built in the background (the savings slides ask the matching engine).
    building: Option<Job<Result<Vec<Slide>, StoreError>>>,
    slides: Option<Vec<Slide>>,
    show: Option<Show>,
}

impl PresentScreen {
    pub fn new(db: std::path::PathBuf) -> Self {
        Self { db, deck: Deck::standard(Meeting::default(), Lang::Zh), building: None, slides: None, show: None }
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
    fn keys(show: &mut Show, ui: &egui::Ui, slides: &[Slide]) -> bool {
        ui.input_mut(|i| {
            let mut pressed = |key: egui::Key| i.consume_key(egui::Modifiers::NONE, key);
            if pressed(egui::Key::Escape) {
                return false;
            }
            if pressed(egui::Key::ArrowRight) || pressed(egui::Key::Space) || pressed(egui::Key::PageDown) {
                show.next(slides);
            }
            if pressed(egui::Key::ArrowLeft) || pressed(egui::Key::PageUp) {
                show.go_to(show.index.saturating_sub(1));
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
                    && (1..=slides.len()).contains(&n)
                {
                    show.go_to(n - 1);
                }
                show.typed.clear();
            }
            true
        })
    }

    /// The slide on show over the whole window, or black.
    fn draw(ui: &egui::Ui, slides: &[Slide], show: &Show) {
        if show.black {
            let rect = ui.ctx().content_rect();
            egui::Area::new(ui.make_persistent_id("black")).order(egui::Order::Foreground).fixed_pos(rect.min).show(
                ui.ctx(),
                |ui| {
                    ui.set_min_size(rect.size());
                    ui.painter().rect_filled(rect, 0.0, egui::Color32::BLACK);
                },
            );
        } else if let Some(current) = slides.get(show.index) {
            let page = slide::Page { number: show.index + 1, count: slides.len(), revealed: Some(show.revealed) };
            slide::show(ui, current, page);
        }
    }
}

impl Screen for PresentScreen {
    fn section(&self) -> Section {
        Section::Present
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if let (Some(show), Some(slides)) = (&mut self.show, &self.slides) {
            if !Self::keys(show, ui, slides) {
                self.show = None;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                return;
            }
            Self::draw(ui, slides, show);
            return;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(lang.pick("会议投屏", "Meetings on the projector"));
            ui.add_space(space::S);
            ui.horizontal_wrapped(|ui| {
                for meeting in Meeting::ALL {
                    if ui.selectable_label(self.deck.meeting == meeting, meeting.label(lang)).clicked()
                        && self.deck.meeting != meeting
                        && self.building.is_none()
                    {
                        self.deck = Deck::standard(meeting, lang);
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
                ui.label(format!("{}. {}", i + 1, slide.title().replace('\n', " · ")));
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
            if self.deck.id.is_none() {
                // A meeting's own deck is named in the language on screen.
                self.deck.name = self.deck.meeting.label(ctx.lang).to_string();
            }
            let (db, deck, lang) = (self.db.clone(), self.deck.clone(), ctx.lang);
            let work = move |_: &crate::jobs::JobContext| {
                build(&Store::open(&db)?, &deck, chrono::Local::now().date_naive(), lang)
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
