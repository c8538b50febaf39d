//! 技术比武: a contest a quarter. The quarter's contest and its events on the left; for the event
//! chosen, its rules (`rules`), entries and the draw (`entries`), judges and who scores whom
//! (`judges`), one judge's score sheet (`scoring`), and the results (`results`); the leaderboard
//! for the room (`leaderboard`). Writes go through `contests::service`, which keeps the rules.

mod entries;
mod judges;
mod leaderboard;
mod results;
mod rules;
mod scoring;

use super::command::{AppCommand, FileFor};
use super::file_dialog::{self, FileRequest};
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::{size, space};
use crate::catalog::Change;
use crate::contests::service::{self, EventBoard, ScoreError};
use crate::domain::contest::{Contest, Entry, Event, Judge};
use crate::i18n::Lang;
use crate::store::StoreError;
use crate::undo::Undo;
use crate::{text, tr};
use chrono::Datelike;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    Rules,
    Entries,
    Judges,
    #[default]
    Scores,
    Results,
}

/// The contest's details as typed.
#[derive(Debug, Clone, PartialEq)]
struct ContestForm {
    title: String,
    date: String,
    place: String,
    /// The industries taking part, separated by 、 or commas.
    industries: String,
}

impl ContestForm {
    fn of(c: &Contest) -> Self {
        Self {
            title: c.title.clone(),
            date: c.date.map(|d| d.to_string()).unwrap_or_default(),
            place: c.place.clone(),
            industries: c.industries.join("、"),
        }
    }

    fn apply(&self, base: &Contest, lang: Lang) -> Result<Contest, String> {
        let date = match self.date.trim() {
            "" => None,
            text => Some(crate::domain::text::parse_date(text).ok_or_else(|| {
                tr!(lang, "日期“{text}”无法识别（如 2026-11-14）", "Date “{text}” not recognised (e.g. 2026-11-14)")
            })?),
        };
        let industries = self
            .industries
            .split(['、', ',', '，', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let title = self.title.trim();
        Ok(Contest {
            title: if title.is_empty() { base.title.clone() } else { title.to_string() },
            date,
            place: self.place.trim().to_string(),
            industries,
            ..base.clone()
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Quarter(i32, u32),
    CreateContest,
    SaveContest(Contest),
    AddEvent(String),
    SaveRules(Event),
    SaveEntry(Entry),
    DeleteEntry(i64),
    Draw,
    SaveJudge(Judge),
    Panel(i64, bool),
    Assign {
        judge: i64,
        entry: i64,
        scores: bool,
    },
    Score {
        judge: i64,
        entry: i64,
        criterion: usize,
        value: Option<f64>,
    },
    Submit(i64),
    Return(i64, String),
    ExportAwards,
    ExportSheet,
    /// Pick an entry form to read.
    ChooseEntries,
    /// The entry form previewed, written whole.
    ImportEntries,
}

pub struct ContestsScreen {
    db: PathBuf,
    year: i32,
    quarter: u32,
    /// The quarter was asked for; until then the latest contest is shown.
    quarter_chosen: bool,
    loaded: bool,
    contests: Vec<Contest>,
    events: Vec<Event>,
    event: Option<i64>,
    board: Option<EventBoard>,
    tab: Tab,
    /// The judge whose sheet is on show.
    judge: Option<i64>,
    /// What is typed in the score grid, by (entry, criterion), until it is entered.
    typed: HashMap<(i64, usize), String>,
    /// Why the last score typed was refused, by its cell.
    refused: HashMap<(i64, usize), String>,
    return_reason: String,
    new_event: String,
    entry_draft: entries::EntryDraft,
    judge_draft: judges::JudgeDraft,
    rules_draft: Option<Event>,
    contest_form: Option<ContestForm>,
    explained: Option<i64>,
    leaderboard: Option<leaderboard::Leaderboard>,
    /// How far the last leaderboard was revealed, and for which event: leaving by mistake (Esc)
    /// in the middle of a ceremony and coming back goes on from there.
    last_reveal: Option<(i64, leaderboard::Leaderboard)>,
    /// The score cell (entry, criterion) Enter moved to, focused when next drawn.
    focus_next: Option<(i64, usize)>,
    /// An entry form being read or previewed.
    entry_form: Option<entries::EntryForm>,
    actions: Vec<Action>,
}

impl ContestsScreen {
    pub fn new(db: PathBuf) -> Self {
        let today = crate::clock::today();
        Self {
            db,
            year: today.year(),
            quarter: (today.month() - 1) / 3 + 1,
            quarter_chosen: false,
            loaded: false,
            contests: Vec::new(),
            events: Vec::new(),
            event: None,
            board: None,
            tab: Tab::default(),
            judge: None,
            typed: HashMap::new(),
            refused: HashMap::new(),
            return_reason: String::new(),
            new_event: String::new(),
            entry_draft: entries::EntryDraft::default(),
            judge_draft: judges::JudgeDraft::default(),
            rules_draft: None,
            contest_form: None,
            explained: None,
            leaderboard: None,
            last_reveal: None,
            focus_next: None,
            entry_form: None,
            actions: Vec::new(),
        }
    }

    /// Shows the contest of `year`'s `quarter` (tests, the calendar).
    pub fn show_quarter(&mut self, year: i32, quarter: u32) {
        self.actions.push(Action::Quarter(year, quarter));
    }

    /// Shows the event named so of the contest on show, on the tab of its scores.
    pub fn show_event(&mut self, name: &str) {
        if let Some(e) = self.events.iter().find(|e| e.name == name) {
            self.select_event(e.id);
        }
    }

    pub fn board(&self) -> Option<&EventBoard> {
        self.board.as_ref()
    }

    pub fn contest(&self) -> Option<&Contest> {
        self.contests.iter().find(|c| c.year == self.year && c.quarter == self.quarter)
    }

    pub fn is_busy(&self) -> bool {
        !self.loaded
    }

    /// The leaderboard is on show, full screen.
    pub fn presenting(&self) -> bool {
        self.leaderboard.is_some()
    }

    fn select_event(&mut self, id: i64) {
        self.event = Some(id);
        self.board = None;
        self.typed.clear();
        self.refused.clear();
        self.rules_draft = None;
        self.explained = None;
        self.loaded = false;
    }

    fn header(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let (year, quarter) = (self.year, self.quarter);
        ui.horizontal_wrapped(|ui| {
            if ui.button("◀").on_hover_text(lang.pick("上一年", "Previous year")).clicked() {
                self.actions.push(Action::Quarter(year - 1, quarter));
            }
            ui.heading(tr!(lang, "{year} 年技术比武", "Skills contests {year}"));
            if ui.button("▶").on_hover_text(lang.pick("下一年", "Next year")).clicked() {
                self.actions.push(Action::Quarter(year + 1, quarter));
            }
            ui.separator();
            for q in 1..=4 {
                let label = tr!(lang, "{}季度", "Q{}", ["一", "二", "三", "四"][q as usize - 1]);
                let label = if lang == Lang::En { format!("Q{q}") } else { label };
                if ui.selectable_label(q == quarter, label).clicked() && q != quarter {
                    self.actions.push(Action::Quarter(year, q));
                }
            }
        });
        if let Some(contest) = self.contest().cloned() {
            if let Some(form) = &mut self.contest_form {
                let field = |ui: &mut egui::Ui, label: &str, text: &mut String, width: f32| {
                    let label = ui.label(label);
                    ui.add(egui::TextEdit::singleline(text).desired_width(width)).labelled_by(label.id);
                };
                ui.horizontal_wrapped(|ui| {
                    field(ui, lang.pick("名称", "Name"), &mut form.title, 240.0);
                    field(ui, lang.pick("日期", "Day"), &mut form.date, 100.0);
                    field(ui, lang.pick("地点", "Place"), &mut form.place, 180.0);
                });
                field(
                    ui,
                    lang.pick("参赛行业（用顿号分隔）", "Industries (separated by 、)"),
                    &mut form.industries,
                    f32::INFINITY,
                );
                let typed = form.apply(&contest, lang);
                ui.horizontal_wrapped(|ui| {
                    if ui.add_enabled(typed.is_ok(), egui::Button::new(lang.pick("保存", "Save"))).clicked()
                        && let Ok(c) = &typed
                    {
                        self.actions.push(Action::SaveContest(c.clone()));
                    }
                    if ui.button(lang.pick("取消", "Cancel")).clicked() {
                        self.actions.push(Action::Quarter(self.year, self.quarter));
                    }
                    if let Err(why) = &typed {
                        ui.colored_label(crate::ui::theme::palette(ui).error, why);
                    }
                });
                return;
            }
            let date = contest
                .date
                .map_or_else(|| lang.pick("日期未定", "date not set").to_string(), crate::i18n::format::date);
            // A long list is cut: the header keeps to a line or two.
            let shown: Vec<&str> = contest.industries.iter().take(5).map(String::as_str).collect();
            let more = contest.industries.len().saturating_sub(shown.len());
            let industries = match more {
                0 => shown.join(lang.pick("、", ", ")),
                n => tr!(lang, "{}等 {} 个行业", "{} and {} more", shown.join(lang.pick("、", ", ")), n + shown.len()),
            };
            ui.label(tr!(
                lang,
                "{} · {date} · {} · 参赛行业：{industries}",
                "{} · {date} · {} · industries: {industries}",
                contest.title,
                contest.place
            ));
            if ui.small_button(lang.pick("比武信息…", "Details…")).clicked() {
                self.contest_form = Some(ContestForm::of(&contest));
            }
        }
    }

    /// The contest's events, to choose one, and a new one.
    fn event_list(&mut self, ui: &mut egui::Ui, lang: Lang) {
        egui::Panel::left("contest_events").resizable(false).exact_size(size::CONTEST_EVENTS_WIDTH).show(ui, |ui| {
            ui.strong(lang.pick("比赛项目", "Events"));
            let mut chosen = None;
            for e in &self.events {
                if ui.selectable_label(self.event == Some(e.id), &e.name).clicked() {
                    chosen = Some(e.id);
                }
            }
            if let Some(id) = chosen {
                self.select_event(id);
            }
            ui.separator();
            let label = ui.label(lang.pick("新增项目", "New event"));
            ui.add(egui::TextEdit::singleline(&mut self.new_event).desired_width(f32::INFINITY)).labelled_by(label.id);
            ui.horizontal_wrapped(|ui| {
                for name in ["焊工", "数控车工", "电工", "叉车", "质检"] {
                    if ui.small_button(name).clicked() {
                        self.new_event = name.to_string();
                    }
                }
            });
            let name = self.new_event.trim().to_string();
            if ui.add_enabled(!name.is_empty(), egui::Button::new(lang.pick("添加项目", "Add event"))).clicked() {
                self.actions.push(Action::AddEvent(name));
                self.new_event.clear();
            }
        });
    }

    /// The event's tabs, and its leaderboard (`event`: the event on show).
    fn tabs(&mut self, ui: &mut egui::Ui, lang: Lang, event: i64) {
        ui.horizontal_wrapped(|ui| {
            for (tab, label) in [
                (Tab::Rules, lang.pick("规程", "Rules")),
                (Tab::Entries, lang.pick("选手与抽签", "Entries and draw")),
                (Tab::Judges, lang.pick("评委与回避", "Judges")),
                (Tab::Scores, lang.pick("评分", "Scoring")),
                (Tab::Results, lang.pick("成绩与奖项", "Results")),
            ] {
                ui.selectable_value(&mut self.tab, tab, label);
            }
            ui.separator();
            if ui.button(lang.pick("大屏排行榜", "Leaderboard")).clicked() {
                let kept = self.last_reveal.filter(|(id, _)| *id == event).map(|(_, state)| state);
                self.leaderboard = Some(kept.unwrap_or_default());
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
        });
    }

    fn apply_one(&mut self, action: Action, ctx: &mut ApplyCtx) -> Result<(), ScoreError> {
        let lang = ctx.lang;
        match action {
            Action::Quarter(year, quarter) => {
                (self.year, self.quarter, self.quarter_chosen) = (year, quarter, true);
                self.contest_form = None;
                self.event = None;
                self.board = None;
                self.loaded = false;
                return Ok(());
            }
            Action::CreateContest => {
                let contest = Contest {
                    year: self.year,
                    quarter: self.quarter,
                    title: tr!(
                        lang,
                        "{} 年第{}季度技术比武",
                        "Skills contest {} Q{}",
                        self.year,
                        ["一", "二", "三", "四"][self.quarter as usize - 1]
                    ),
                    industries: crate::contests::suggested_industries(
                        ctx.catalog.entries().iter().filter(|e| !e.deleted).map(|e| e.company.industry.as_str()),
                        self.quarter,
                    ),
                    ..Contest::default()
                };
                ctx.store.save_contest(&contest)?;
            }
            Action::SaveContest(contest) => {
                ctx.store.save_contest(&contest)?;
                self.contest_form = None;
            }
            Action::AddEvent(name) => {
                let Some(contest) = self.contest().map(|c| c.id) else { return Ok(()) };
                let id = ctx.store.save_contest_event(&Event::new(contest, &name))?;
                self.select_event(id);
                self.tab = Tab::Rules;
            }
            Action::SaveRules(event) => {
                ctx.store.save_contest_event(&event)?;
                self.rules_draft = None;
                ctx.notify(Notification::success(text!(
                    "规程已保存，成绩按新规程重算",
                    "Rules saved; results recomputed"
                )));
            }
            Action::SaveEntry(entry) => {
                ctx.store.save_contest_entries(&[entry])?;
            }
            Action::DeleteEntry(id) => {
                ctx.store.delete_contest_entry(id)?;
                ctx.notify(
                    Notification::success(text!("已删除选手", "Entry deleted")).with_undo(Undo::RestoreEntry(id)),
                );
            }
            Action::Draw => {
                let Some(board) = &self.board else { return Ok(()) };
                let seed = crate::contests::draw::new_seed();
                service::draw_order(ctx.store, board, seed)?;
                ctx.notify(Notification::success(text!(
                    "已抽签，种子 {seed}：任何人用此种子可重抽出同样顺序",
                    "Drawn with seed {seed}: anyone can draw the same order again from it"
                )));
            }
            Action::SaveJudge(judge) => {
                ctx.store.save_judge(&judge)?;
            }
            Action::Panel(judge, on) => {
                let Some(event) = self.event else { return Ok(()) };
                ctx.store.set_on_panel(event, judge, on)?;
            }
            Action::Assign { judge, entry, scores } => {
                let Some(board) = &self.board else { return Ok(()) };
                service::assign(ctx.store, board, judge, entry, scores)?;
            }
            Action::Score { judge, entry, criterion, value } => {
                let Some(board) = &self.board else { return Ok(()) };
                match service::enter_score(ctx.store, board, judge, entry, criterion, value) {
                    Ok(()) => {
                        self.typed.remove(&(entry, criterion));
                        self.refused.remove(&(entry, criterion));
                    }
                    Err(e) => {
                        self.refused.insert((entry, criterion), e.message(lang));
                        return Ok(());
                    }
                }
            }
            Action::Submit(judge) => {
                let Some(board) = &self.board else { return Ok(()) };
                service::submit_sheet(ctx.store, board, judge)?;
                ctx.notify(Notification::success(text!("评分表已签字确认并锁定", "The sheet is signed and locked")));
            }
            Action::Return(judge, reason) => {
                let Some(board) = &self.board else { return Ok(()) };
                service::return_sheet(ctx.store, board, judge, &reason)?;
                self.return_reason.clear();
            }
            Action::ExportAwards => {
                if let Some(contest) = self.contest() {
                    ctx.send(AppCommand::Export(crate::contests::export::awards_task(
                        self.db.clone(),
                        contest.clone(),
                    )));
                }
                return Ok(());
            }
            Action::ChooseEntries => {
                let Some(event) = self.event else { return Ok(()) };
                let title = crate::i18n::Text::new("选择报名表", "Choose the entry form");
                let request = FileRequest::open(title, file_dialog::spreadsheets());
                ctx.send(AppCommand::ChooseFile(request, FileFor::ContestEntries { event }));
                return Ok(());
            }
            Action::ImportEntries => {
                let Some(form) = self.entry_form.take() else { return Ok(()) };
                let Some(plan) = form.read.read() else { return Ok(()) };
                let added = plan.new_entries();
                ctx.store.save_contest_entries(&added)?;
                let n = added.len();
                ctx.notify(Notification::success(text!("已导入 {n} 名选手", "{n} entries imported")));
            }
            Action::ExportSheet => {
                if let Some(board) = &self.board {
                    let task = crate::contests::export::sheet_task(self.db.clone(), board.event.clone());
                    ctx.send(AppCommand::Export(task));
                }
                return Ok(());
            }
        }
        ctx.send(AppCommand::DataChanged(Change::Contests));
        self.loaded = false;
        Ok(())
    }

    fn load(&mut self, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        self.contests = ctx.store.contests()?;
        if !self.quarter_chosen {
            self.quarter_chosen = true;
            // The quarter on show: this one, or else the latest contest held.
            let now = (self.year, self.quarter);
            if !self.contests.iter().any(|c| (c.year, c.quarter) == now)
                && let Some(latest) = self.contests.iter().map(|c| (c.year, c.quarter)).filter(|k| *k <= now).max()
            {
                (self.year, self.quarter) = latest;
            }
        }
        self.events = match self.contest() {
            Some(c) => ctx.store.contest_events(c.id)?,
            None => Vec::new(),
        };
        if self.event.is_none_or(|id| !self.events.iter().any(|e| e.id == id)) {
            self.event = self.events.first().map(|e| e.id);
        }
        // What was typed and entered is read back from the scores; a refusal stays on show.
        self.typed.retain(|key, _| self.refused.contains_key(key));
        self.board = match self.event.and_then(|id| self.events.iter().find(|e| e.id == id)) {
            Some(event) => Some(EventBoard::load(ctx.store, event)?),
            None => None,
        };
        if let Some(board) = &self.board
            && self.judge.is_none_or(|j| board.judge(j).is_none())
        {
            self.judge = board.judges.iter().find(|j| board.panel.contains(&j.id)).map(|j| j.id);
        }
        self.loaded = true;
        Ok(())
    }
}

impl Screen for ContestsScreen {
    fn section(&self) -> Section {
        Section::Contests
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if let Some(board) = &self.board
            && let Some(show) = &mut self.leaderboard
        {
            if leaderboard::show(ui, ctx, board, show) {
                self.last_reveal = Some((board.event.id, *show));
                self.leaderboard = None;
            }
            return;
        }
        if self.contest().is_some() {
            self.event_list(ui, lang);
        }
        if let Some(form) = &self.entry_form {
            match form.ui(ui.ctx(), ctx) {
                Some(true) => self.actions.push(Action::ImportEntries),
                Some(false) => self.entry_form = None,
                None => {}
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.header(ui, ctx);
            // Only before the first read: after a write the sheet stays on show while it is read
            // again, so the cell being typed in keeps the keyboard.
            if !self.loaded && self.contests.is_empty() {
                ui.spinner();
                return;
            }
            if self.contest().is_none() {
                ui.add_space(space::M);
                ui.label(lang.pick("本季度还没有安排技术比武。", "No contest this quarter yet."));
                if ui.button(lang.pick("安排本季比武", "Plan this quarter's contest")).clicked() {
                    self.actions.push(Action::CreateContest);
                }
                return;
            }
            let Some(board) = self.board.take() else {
                ui.label(lang.pick("先在左侧添加比赛项目。", "Add an event on the left first."));
                return;
            };
            ui.separator();
            ui.heading(&board.event.name);
            self.tabs(ui, lang, board.event.id);
            ui.add_space(space::S);
            match self.tab {
                Tab::Rules => self.rules(ui, ctx, &board),
                Tab::Entries => self.entries(ui, ctx, &board),
                Tab::Judges => self.judges(ui, ctx, &board),
                Tab::Scores => self.scoring(ui, ctx, &board),
                Tab::Results => self.results(ui, ctx, &board),
            }
            self.board = Some(board);
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(board) = &self.board else { return };
        let on_panel: Vec<&Judge> = board.judges.iter().filter(|j| board.panel.contains(&j.id)).collect();
        let signed = on_panel.iter().filter(|j| board.sheet(j.id).state.locked()).count();
        ui.label(tr!(
            lang,
            "{} · 选手 {} 名 · 评委 {} 位，已签字 {signed} 位 · 已排名 {} 名",
            "{} · {} entries · {} judges, {signed} signed · {} ranked",
            board.event.name,
            board.entries.len(),
            on_panel.len(),
            board.ranked.len()
        ));
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.apply_one(action, ctx) {
                ctx.fail(|l| e.message(l));
            }
        }
        if let Some(form) = &mut self.entry_form {
            form.read.poll();
        }
        if !self.loaded
            && ctx.current == Section::Contests
            && let Err(e) = self.load(ctx)
        {
            self.loaded = true;
            ctx.fail(|l| e.message(l));
        }
    }

    fn on_command(&mut self, command: &AppCommand, ctx: &mut ApplyCtx) {
        match command {
            AppCommand::DataChanged(_) => self.loaded = false,
            AppCommand::FileChosen(FileFor::ContestEntries { event }, path) => {
                if let Some(e) = self.events.iter().find(|e| e.id == *event) {
                    self.entry_form =
                        Some(entries::EntryForm::start(self.db.clone(), path.clone(), e.clone(), ctx.jobs));
                }
            }
            AppCommand::OpenContest { year, quarter } => self.actions.push(Action::Quarter(*year, *quarter)),
            _ => {}
        }
    }
}
