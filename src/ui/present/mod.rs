//! 会议投屏: the federation's decks — made, arranged and saved here — built live from the data
//! when opened and shown full screen in type readable from the back of the room (no line under
//! 1/25 of the height); with a second screen, on the projector while the laptop shows the
//! presenter's view. → / Space / PageDown go on (a ranking reveals a line first), ← / PageUp back,
//! a number and Enter jump, B blacks the screen, Esc leaves. A deck exports to PDF or PNG; the
//! year's work report is written from here too (`report`).

use super::command::AppCommand;
use super::command::FileFor;
use super::file_dialog::{self, FileRequest};
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::space;
use crate::catalog::Change;
use crate::i18n::Text;
use crate::jobs::Job;
use crate::present::export::{self, ExportError};
use crate::present::{Deck, Meeting, Slide, SlideKind, build};
use crate::store::{Store, StoreError};
use crate::text;
use crate::undo::Undo;

pub mod presenter;
pub mod render;
pub mod report;
pub mod slide;

pub use presenter::set_projector;

/// The slide on show, while presenting.
#[derive(Debug, Clone, PartialEq)]
struct Show {
    index: usize,
    /// Lines of a ranking revealed so far, from its last up.
    revealed: usize,
    black: bool,
    /// Digits typed, to jump to on Enter.
    typed: String,
    /// The projector's monitor when the show uses two screens; `None`: this window, full screen.
    audience: Option<usize>,
    started: std::time::Instant,
}

impl Show {
    fn new(audience: Option<usize>) -> Self {
        Self { index: 0, revealed: 0, black: false, typed: String::new(), audience, started: std::time::Instant::now() }
    }

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

/// What the secretary asked of the decks, carried out after drawing.
enum Action {
    Save(Deck),
    Delete(i64),
}

pub struct PresentScreen {
    db: std::path::PathBuf,
    /// The saved decks; `None` until read (or after a change).
    decks: Option<Vec<Deck>>,
    /// The deck chosen, by id.
    chosen: Option<i64>,
    /// The work report is on show instead of a deck.
    on_report: bool,
    report: report::ReportPanel,
    /// The name field of the chosen deck, saved when it loses focus or on Enter.
    name_draft: String,
    /// The deck being built in the background (the savings slides ask the matching engine).
    building: Option<Job<Result<Vec<Slide>, StoreError>>>,
    slides: Option<Vec<Slide>>,
    /// What the slides were built for: the language, and whether the screen was on show then.
    built_in: Option<crate::i18n::Lang>,
    on_show: bool,
    show: Option<Show>,
    exporting: Option<Job<Result<String, ExportError>>>,
    actions: Vec<Action>,
}

impl PresentScreen {
    pub fn new(db: std::path::PathBuf) -> Self {
        Self {
            db,
            decks: None,
            chosen: None,
            on_report: false,
            report: report::ReportPanel::default(),
            name_draft: String::new(),
            building: None,
            slides: None,
            built_in: None,
            on_show: false,
            show: None,
            exporting: None,
            actions: Vec::new(),
        }
    }

    /// The deck chosen.
    pub fn deck(&self) -> Option<&Deck> {
        self.decks.as_ref()?.iter().find(|d| d.id.is_some() && d.id == self.chosen)
    }

    /// A deck or the work report is being written.
    pub fn exporting(&self) -> bool {
        self.exporting.is_some() || self.report.writing()
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

    /// With a projector beside this screen, the slides go there and the presenter's view stays
    /// here; otherwise this window goes full screen.
    fn start(&mut self, ui: &egui::Ui) {
        let audience = presenter::projector(ui.ctx());
        self.show = Some(Show::new(audience));
        if audience.is_none() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
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
            let page = slide::Page { position: Some((show.index + 1, slides.len())), revealed: Some(show.revealed) };
            slide::show(ui, current, page);
        }
    }
}

/// Takes in a finished export (a deck, the report): says where it went, or why not.
fn written(job: &mut Option<Job<Result<String, ExportError>>>, ctx: &mut ApplyCtx) {
    let Some(result) = job.as_ref().and_then(Job::poll) else { return };
    *job = None;
    match result {
        Ok(Ok(done)) => ctx.notify(Notification::success(Text::from_fn(move |_| done.clone()))),
        Ok(Err(ExportError::Cancelled)) => {}
        Ok(Err(e)) => ctx.fail(|l| e.message(l)),
        Err(e) => ctx.fail(|l| e.message(l)),
    }
}

impl PresentScreen {
    /// The list of decks and what to do with them.
    fn deck_list(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(decks) = &self.decks else { return };
        let mut chosen = None;
        for deck in decks {
            let on = !self.on_report && deck.id == self.chosen;
            if ui.selectable_label(on, &deck.name).clicked() {
                self.on_report = false;
                if deck.id != self.chosen {
                    chosen = deck.id;
                }
            }
        }
        ui.add_space(space::M);
        if ui.button(lang.pick("新建幻灯片", "New deck")).clicked() {
            let taken: Vec<&str> = decks.iter().map(|d| d.name.as_str()).collect();
            let base = lang.pick("新幻灯片", "New deck");
            let name = (1..)
                .map(|n| if n == 1 { base.to_string() } else { format!("{base} {n}") })
                .find(|n| !taken.contains(&n.as_str()))
                .unwrap_or_default();
            self.actions.push(Action::Save(Deck { name, ..Deck::standard(Meeting::Custom, lang) }));
        }
        if let Some(id) = self.chosen
            && !self.on_report
            && ui.button(lang.pick("删除此幻灯片", "Delete this deck")).clicked()
        {
            self.actions.push(Action::Delete(id));
        }
        ui.separator();
        if ui.selectable_label(self.on_report, lang.pick("年度工作总结", "Work report")).clicked() {
            self.on_report = true;
        }
        if let Some(id) = chosen {
            self.choose(Some(id));
        }
    }

    fn choose(&mut self, id: Option<i64>) {
        self.chosen = id;
        self.name_draft = self.deck().map(|d| d.name.clone()).unwrap_or_default();
        self.slides = None;
    }

    /// The chosen deck's settings and slides; a change is saved at once.
    fn editor(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(mut deck) = self.deck().cloned() else { return };
        let before = deck.clone();
        egui::Grid::new("deck_settings").num_columns(2).spacing([space::L, space::ROW]).show(ui, |ui| {
            let label = ui.label(lang.pick("名称", "Name"));
            let field =
                ui.add(egui::TextEdit::singleline(&mut self.name_draft).desired_width(280.0)).labelled_by(label.id);
            // Saved when the field is left (Enter leaves it too); an emptied name is put back.
            if field.lost_focus() {
                match self.name_draft.trim() {
                    "" => self.name_draft = deck.name.clone(),
                    name => deck.name = name.to_string(),
                }
            }
            ui.end_row();
            let label = ui.label(lang.pick("会议类型", "Meeting"));
            egui::ComboBox::from_id_salt("deck_meeting")
                .selected_text(deck.meeting.label(lang))
                .show_ui(ui, |ui| {
                    for meeting in Meeting::ALL {
                        ui.selectable_value(&mut deck.meeting, meeting, meeting.label(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(lang.pick("片区", "Zone"));
            let zones = ctx.catalog.zones();
            let shown = deck
                .zone
                .and_then(|z| zones.iter().find(|x| x.id == z))
                .map_or(lang.pick("全部片区", "All zones").to_string(), |z| z.name.clone());
            egui::ComboBox::from_id_salt("deck_zone")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut deck.zone, None, lang.pick("全部片区", "All zones"));
                    for zone in zones {
                        ui.selectable_value(&mut deck.zone, Some(zone.id), &zone.name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut deck.personal, lang.pick("显示电话和工号", "Show phone and employee numbers"));
            ui.end_row();
        });
        ui.add_space(space::M);
        ui.strong(lang.pick("幻灯片（按放映顺序）", "Slides, in the order shown"));
        let count = deck.slides.len();
        let mut moved = None;
        egui::Grid::new("deck_slides").num_columns(4).spacing([space::M, space::S]).show(ui, |ui| {
            for (i, kind) in deck.slides.iter().enumerate() {
                ui.label(format!("{}. {}", i + 1, kind.label(lang)));
                if ui.add_enabled(i > 0, egui::Button::new("↑")).on_hover_text(lang.pick("上移", "Move up")).clicked()
                {
                    moved = Some((i, i - 1));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("↓"))
                    .on_hover_text(lang.pick("下移", "Move down"))
                    .clicked()
                {
                    moved = Some((i, i + 1));
                }
                if ui.add_enabled(count > 1, egui::Button::new(lang.pick("移除", "Remove"))).clicked() {
                    moved = Some((i, usize::MAX));
                }
                ui.end_row();
            }
        });
        match moved {
            Some((i, usize::MAX)) => {
                deck.slides.remove(i);
            }
            Some((i, j)) => deck.slides.swap(i, j),
            None => {}
        }
        let missing: Vec<SlideKind> = SlideKind::ALL.into_iter().filter(|k| !deck.slides.contains(k)).collect();
        if !missing.is_empty() {
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("添加幻灯片", "Add a slide"));
                egui::ComboBox::from_id_salt("deck_add")
                    .selected_text(lang.pick("选择…", "Choose…"))
                    .show_ui(ui, |ui| {
                        for kind in missing {
                            if ui.selectable_label(false, kind.label(lang)).clicked() {
                                deck.slides.push(kind);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
        if deck != before {
            self.actions.push(Action::Save(deck));
        }
    }

    /// Start, export, and what the keys do.
    fn controls(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(deck) = self.deck().cloned() else { return };
        let ready = self.slides.as_ref().is_some_and(|s| !s.is_empty());
        ui.horizontal(|ui| {
            let start = ui.add_enabled(ready, egui::Button::new(lang.pick("开始放映（F5）", "Start (F5)"))).clicked()
                || (ready && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F5)));
            if start {
                self.start(ui);
            }
            let idle = self.exporting.is_none();
            for (pdf, label) in
                [(true, lang.pick("导出 PDF", "Export PDF")), (false, lang.pick("导出图片", "Export images"))]
            {
                if ui.add_enabled(idle, egui::Button::new(label)).clicked()
                    && let Some(id) = deck.id
                {
                    let (filter, ending) = if pdf { (file_dialog::pdf(), "pdf") } else { (file_dialog::png(), "png") };
                    let request = FileRequest::save(
                        text!("导出幻灯片", "Export the deck"),
                        filter,
                        format!("{}.{ending}", deck.name),
                    );
                    ctx.send(AppCommand::ChooseFile(request, FileFor::Deck { deck: id, pdf }));
                }
            }
            if self.building.is_some() || self.exporting.is_some() {
                ui.spinner();
            }
        });
        ui.weak(lang.pick(
            "放映时：→、空格或 PageDown 下一页（排行榜先从末名逐行揭晓），← 或 PageUp 上一页，数字加回车 跳页，B 黑屏，Esc 退出。",
            "While showing: → / Space / PageDown next (a ranking is revealed from the last place up first), ← / PageUp back, a number and Enter jumps, B blacks the screen, Esc leaves.",
        ));
    }
}

impl Screen for PresentScreen {
    fn section(&self) -> Section {
        Section::Present
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if let (Some(show), Some(slides)) = (&mut self.show, &self.slides) {
            let mut going_on = Self::keys(show, ui, slides);
            match show.audience {
                None => Self::draw(ui, slides, show),
                Some(monitor) => {
                    let builder = egui::ViewportBuilder::default()
                        .with_title(lang.pick("企联 · 投屏", "Qilian · projector"))
                        .with_monitor(monitor);
                    let id = egui::ViewportId::from_hash_of("qilian-audience");
                    ui.ctx().show_viewport_immediate(id, builder, |ui, _| {
                        going_on &= Self::keys(show, ui, slides) && !ui.input(|i| i.viewport().close_requested());
                        Self::draw(ui, slides, show);
                    });
                    let showing = presenter::Showing {
                        slides,
                        index: show.index,
                        revealed: show.revealed,
                        black: show.black,
                        running: show.started.elapsed(),
                        now: chrono::Local::now().time(),
                    };
                    match presenter::view(ui, &showing, lang) {
                        Some(presenter::Ask::Back) => show.go_to(show.index.saturating_sub(1)),
                        Some(presenter::Ask::Next) => show.next(slides),
                        Some(presenter::Ask::Black) => show.black = !show.black,
                        Some(presenter::Ask::Leave) => going_on = false,
                        None => {}
                    }
                }
            }
            if !going_on {
                if show.audience.is_none() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                }
                self.show = None;
            }
            return;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(lang.pick("会议投屏", "Meetings on the projector"));
            ui.add_space(space::S);
            if self.decks.is_none() {
                ui.spinner();
                return;
            }
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(200.0);
                    self.deck_list(ui, ctx);
                });
                ui.separator();
                ui.vertical(|ui| {
                    if self.on_report {
                        self.report.ui(ui, ctx);
                        return;
                    }
                    if self.deck().is_none() {
                        ui.label(lang.pick("请选择或新建一套幻灯片。", "Choose a deck, or make a new one."));
                        return;
                    }
                    self.controls(ui, ctx);
                    ui.add_space(space::M);
                    egui::ScrollArea::vertical().show(ui, |ui| self.editor(ui, ctx));
                });
            });
        });
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        if ctx.current == Section::Present {
            self.report.apply(ctx);
        }
        for action in std::mem::take(&mut self.actions) {
            let written = match action {
                Action::Save(deck) => ctx.store.save_deck(&deck).map(|id| self.chosen = Some(id)),
                Action::Delete(id) => ctx.store.delete_deck(id).map(|()| {
                    ctx.view.notify(
                        Notification::success(text!("已删除幻灯片", "Deck deleted")).with_undo(Undo::RestoreDeck(id)),
                    );
                    self.chosen = None;
                }),
            };
            match written {
                Ok(()) => ctx.send(AppCommand::DataChanged(Change::Decks)),
                Err(e) => {
                    ctx.fail(|l| e.message(l));
                    self.decks = None;
                }
            }
        }
        if self.decks.is_none() && ctx.current == Section::Present {
            match ctx.store.decks() {
                Ok(decks) => {
                    let keep = self.chosen.filter(|id| decks.iter().any(|d| d.id == Some(*id)));
                    self.decks = Some(decks);
                    let first = self.decks.as_ref().and_then(|d| d.first()).and_then(|d| d.id);
                    self.choose(keep.or(first));
                }
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
        if let Some(result) = self.building.as_ref().and_then(Job::poll) {
            self.building = None;
            let built = match result {
                Ok(built) => built.map_err(|e| e.message(ctx.lang)),
                Err(e) => Err(e.message(ctx.lang)),
            };
            match built {
                Ok(slides) => self.slides = Some(slides),
                Err(message) => {
                    self.slides = Some(Vec::new());
                    ctx.fail(move |_| message.clone());
                }
            }
        }
        written(&mut self.exporting, ctx);
        // A deck always shows the data as it is when opened: coming back to the screen, or in
        // another language, builds it again.
        let on_show = ctx.current == Section::Present;
        if (on_show && !self.on_show || self.built_in != Some(ctx.lang)) && self.show.is_none() {
            self.slides = None;
        }
        self.on_show = on_show;
        if let Some(deck) = self.deck().cloned()
            && self.slides.is_none()
            && self.building.is_none()
            && ctx.current == Section::Present
        {
            let (db, lang) = (self.db.clone(), ctx.lang);
            let work = move |_: &crate::jobs::JobContext| build(&Store::open(&db)?, &deck, crate::clock::today(), lang);
            match ctx.jobs.spawn("qilian-deck", Text::new("准备幻灯片", "Preparing the slides"), false, work) {
                Ok(job) => {
                    self.building = Some(job);
                    self.built_in = Some(lang);
                }
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, ctx: &mut ApplyCtx) {
        match command {
            AppCommand::DataChanged(_) if self.show.is_none() => {
                self.decks = None;
                self.slides = None;
            }
            AppCommand::FileChosen(FileFor::Report { from, to }, path) => self.report.write((*from, *to), path, ctx),
            AppCommand::FileChosen(FileFor::Deck { deck, pdf }, path) => {
                let Some(deck) = self.decks.as_ref().and_then(|d| d.iter().find(|d| d.id == Some(*deck))).cloned()
                else {
                    return;
                };
                let (db, lang, path, pdf) = (self.db.clone(), ctx.lang, path.clone(), *pdf);
                let work = move |job: &crate::jobs::JobContext| {
                    let store = Store::open(&db).map_err(|e| ExportError::Render(e.message(lang)))?;
                    let slides = build(&store, &deck, crate::clock::today(), lang)
                        .map_err(|e| ExportError::Render(e.message(lang)))?;
                    let pages = render::render(&slides, render::PAGE_SIZE, Some(job))?;
                    let file = path.display();
                    if pdf {
                        export::write_pdf(&path, &pages)?;
                        Ok(crate::tr!(lang, "已导出 {} 页 → {file}", "{} slides exported to {file}", pages.len()))
                    } else {
                        let written = export::write_pngs(&path, &pages)?;
                        Ok(crate::tr!(
                            lang,
                            "已导出 {} 张图片（{file} 旁）",
                            "{} images written beside {file}",
                            written.len()
                        ))
                    }
                };
                match ctx.jobs.spawn("qilian-deck-export", Text::new("导出幻灯片", "Exporting the deck"), true, work)
                {
                    Ok(job) => self.exporting = Some(job),
                    Err(e) => ctx.fail(|l| e.message(l)),
                }
            }
            _ => {}
        }
    }
}
