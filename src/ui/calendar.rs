//! 日历: the federation's events on a month or a quarter, coloured by kind, with China's official
//! days off and the weekends worked in exchange: the monthly visits, the exhibition, and the
//! quarter's skills contest, the service weeks, and the briefings, council meetings and training
//! entered here. Clicking a visit or the exhibition opens it on its screen; clicking another event,
//! or a day, opens it here to edit or enter.

use super::command::AppCommand;
use super::month_view::{Clicked, DayEvent, month_view};
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::{palette, size, space};
use super::widgets::{self, display_name};
use crate::catalog::Change;
use crate::domain::contest::Contest;
use crate::domain::events::{EventKind, FederationEvent};
use crate::domain::exhibition::Exhibition;
use crate::domain::text::parse_date;
use crate::domain::workdays::WorkCalendar;
use crate::i18n::Lang;
use crate::store::{StoreError, VisitMonth};
use crate::undo::Undo;
use crate::{text, tr};
use chrono::{Datelike, NaiveDate};

/// What an event on the calendar opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKey {
    Visit { year: i32, month: u32 },
    Exhibition { year: i32 },
    Contest { year: i32, quarter: u32 },
    ServiceWeek,
    Event(i64),
}

/// An event being entered or edited, as typed.
#[derive(Debug, Clone, PartialEq)]
struct EventForm {
    id: i64,
    kind: EventKind,
    title: String,
    start: String,
    end: String,
    place: String,
    note: String,
}

impl EventForm {
    fn new(day: NaiveDate) -> Self {
        let (start, end) = (day.to_string(), day.to_string());
        Self {
            id: 0,
            kind: EventKind::default(),
            title: String::new(),
            start,
            end,
            place: String::new(),
            note: String::new(),
        }
    }

    fn of(e: &FederationEvent) -> Self {
        Self {
            id: e.id,
            kind: e.kind,
            title: e.title.clone(),
            start: e.start.to_string(),
            end: e.end.to_string(),
            place: e.place.clone(),
            note: e.note.clone(),
        }
    }

    /// The event typed, or why it cannot be saved yet.
    fn event(&self, lang: Lang) -> Result<FederationEvent, String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(lang.pick("请填写活动名称", "Give the event a name").into());
        }
        let date = |text: &str| {
            parse_date(text.trim()).ok_or_else(|| {
                tr!(lang, "日期“{text}”无法识别（如 2026-05-20）", "Date “{text}” not recognised (e.g. 2026-05-20)")
            })
        };
        let start = date(&self.start)?;
        let end = if self.end.trim().is_empty() { start } else { date(&self.end)? };
        if end < start {
            return Err(lang.pick("结束日期早于开始日期", "The end is before the start").into());
        }
        Ok(FederationEvent {
            id: self.id,
            kind: self.kind,
            title: title.to_string(),
            start,
            end,
            place: self.place.trim().to_string(),
            note: self.note.trim().to_string(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Month,
    Quarter,
}

pub struct CalendarScreen {
    year: i32,
    month: u32,
    span: Span,
    visits: Vec<VisitMonth>,
    events: Vec<FederationEvent>,
    exhibitions: Vec<Exhibition>,
    contests: Vec<Contest>,
    /// The service weeks' Mondays.
    service_weeks: Vec<NaiveDate>,
    work: WorkCalendar,
    form: Option<EventForm>,
    form_expanded: bool,
    /// Clicking a day enters it as a day off, a worked weekend, or as the official calendar has it.
    editing: bool,
    actions: Vec<Action>,
    stale: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Day(NaiveDate, Option<bool>),
    YearComplete(i32, bool),
    SaveEvent(FederationEvent),
    DeleteEvent(i64),
}

impl Default for CalendarScreen {
    fn default() -> Self {
        let today = crate::clock::today();
        Self {
            year: today.year(),
            month: today.month(),
            span: Span::Month,
            visits: Vec::new(),
            events: Vec::new(),
            exhibitions: Vec::new(),
            contests: Vec::new(),
            service_weeks: Vec::new(),
            work: WorkCalendar::default(),
            form: None,
            form_expanded: true,
            editing: false,
            actions: Vec::new(),
            stale: true,
        }
    }
}

impl CalendarScreen {
    /// Shows `year`-`month` (tests fix it; the visits screen could open it).
    pub fn show_month(&mut self, year: i32, month: u32) {
        self.year = year;
        self.month = month.clamp(1, 12);
    }

    fn step(&mut self, months: i32) {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        self.year = index.div_euclid(12);
        self.month = index.rem_euclid(12) as u32 + 1;
    }

    /// The events on the days from `first` to `last`, as the pages show them.
    fn events(&self, ctx: &Ctx, ui: &egui::Ui, first: NaiveDate, last: NaiveDate) -> Vec<DayEvent<EventKey>> {
        let p = palette(ui);
        let lang = ctx.lang;
        let shown = |d: &NaiveDate| (first..=last).contains(d);
        let visits = self.visits.iter().filter_map(|v| {
            let date = v.date.filter(shown)?;
            let host = v
                .host
                .and_then(|h| ctx.catalog.entry(h))
                .map_or(String::new(), |e| display_name(&e.company).to_string());
            let (label, colour) = if v.published {
                (lang.pick("互访", "Visit"), p.visit())
            } else {
                (lang.pick("互访（草案）", "Visit (draft)"), ui.visuals().weak_text_color())
            };
            Some(DayEvent {
                date,
                text: format!("{label} · {host}"),
                colour,
                key: EventKey::Visit { year: v.year, month: v.month },
            })
        });
        let exhibitions = self.exhibitions.iter().flat_map(|e| {
            let days = e.start.map(|start| {
                let end = e.end.unwrap_or(start).max(start);
                start.iter_days().take_while(move |d| *d <= end)
            });
            days.into_iter().flatten().filter(shown).map(|date| DayEvent {
                date,
                text: e.title.clone(),
                colour: p.exhibition(),
                key: EventKey::Exhibition { year: e.year },
            })
        });
        let contests = self.contests.iter().filter_map(|c| {
            Some(DayEvent {
                date: c.date.filter(shown)?,
                text: format!("{} · {}", lang.pick("技术比武", "Contest"), c.title),
                colour: p.contest(),
                key: EventKey::Contest { year: c.year, quarter: c.quarter },
            })
        });
        let weeks = self.service_weeks.iter().flat_map(|monday| {
            crate::advisory::week::working_days(*monday, &self.work).into_iter().filter(shown).map(|date| DayEvent {
                date,
                text: lang.pick("服务周", "Service week").to_string(),
                colour: p.service_week(),
                key: EventKey::ServiceWeek,
            })
        });
        // Only events that reach into the pages are spelled out: five years of them stay cheap.
        let events = self.events.iter().filter(|e| e.start <= last && e.end >= first).flat_map(|e| {
            e.days().filter(shown).map(|date| DayEvent {
                date,
                text: format!("{} · {}", e.kind.label(lang), e.title),
                colour: p.event(e.kind),
                key: EventKey::Event(e.id),
            })
        });
        visits.chain(exhibitions).chain(contests).chain(weeks).chain(events).collect()
    }

    /// The event being entered or edited, in the panel on the right.
    fn event_form(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(form) = &mut self.form else { return };
        let title =
            if form.id == 0 { lang.pick("新建活动", "New event") } else { lang.pick("编辑活动", "Edit event") };
        let mut actions = Vec::new();
        let mut close = false;
        let event = widgets::detail_panel(ui, "calendar_event", &mut self.form_expanded, title, lang, |ui| {
            ui.horizontal_wrapped(|ui| {
                for kind in EventKind::ALL {
                    ui.selectable_value(&mut form.kind, kind, kind.label(lang));
                }
            });
            let field = |ui: &mut egui::Ui, label: &str, text: &mut String| {
                ui.horizontal(|ui| {
                    let label = ui.add_sized([size::LABEL_WIDTH, size::ROW_HEIGHT], egui::Label::new(label));
                    ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label.id);
                });
            };
            field(ui, lang.pick("名称", "Name"), &mut form.title);
            field(ui, lang.pick("开始日期", "From"), &mut form.start);
            field(ui, lang.pick("结束日期", "To"), &mut form.end);
            field(ui, lang.pick("地点", "Place"), &mut form.place);
            field(ui, lang.pick("备注", "Notes"), &mut form.note);
            let typed = form.event(lang);
            ui.horizontal_wrapped(|ui| {
                if ui.add_enabled(typed.is_ok(), egui::Button::new(lang.pick("保存", "Save"))).clicked()
                    && let Ok(event) = &typed
                {
                    actions.push(Action::SaveEvent(event.clone()));
                    close = true;
                }
                if form.id != 0 && ui.button(lang.pick("删除", "Delete")).clicked() {
                    actions.push(Action::DeleteEvent(form.id));
                    close = true;
                }
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    close = true;
                }
            });
            if let Err(why) = &typed
                && !form.title.is_empty()
            {
                ui.colored_label(palette(ui).error, why);
            }
        });
        self.actions.extend(actions);
        if close || event == Some(widgets::PanelEvent::Close) {
            self.form = None;
        }
    }

    fn reload(&mut self, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        self.visits = ctx.store.all_visit_months()?;
        self.events = ctx.store.events()?;
        self.exhibitions = ctx.store.exhibitions()?;
        self.contests = ctx.store.contests()?;
        self.service_weeks = ctx.store.service_weeks()?.into_iter().map(|w| w.week_of).collect();
        self.work = ctx.store.work_calendar()?;
        Ok(())
    }
}

/// The first and last day of the months shown.
fn shown_days(months: &[(i32, u32)]) -> (NaiveDate, NaiveDate) {
    let day = |(year, month): (i32, u32), d: u32| NaiveDate::from_ymd_opt(year, month, d).unwrap_or_default();
    let first = months.first().map_or(NaiveDate::default(), |m| day(*m, 1));
    let last = months.last().map_or(first, |&m| day(m, super::month_view::days_in_month(m.0, m.1).unwrap_or(28)));
    (first, last)
}

impl Screen for CalendarScreen {
    fn section(&self) -> Section {
        Section::Calendar
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        self.event_form(ui, lang);
        egui::CentralPanel::default().show(ui, |ui| {
            let months = if self.span == Span::Quarter { 3 } else { 1 };
            ui.horizontal_wrapped(|ui| {
                if ui.button("◀").on_hover_text(lang.pick("上一页", "Back")).clicked() {
                    self.step(-months);
                }
                let title = match self.span {
                    Span::Month => tr!(lang, "{} 年 {} 月", "{}-{:02}", self.year, self.month),
                    Span::Quarter => {
                        tr!(
                            lang,
                            "{} 年 {}–{} 月",
                            "{}-{:02} to {:02}",
                            self.year,
                            self.month,
                            (self.month + 2).min(12)
                        )
                    }
                };
                ui.heading(title);
                if ui.button("▶").on_hover_text(lang.pick("下一页", "Forward")).clicked() {
                    self.step(months);
                }
                ui.separator();
                ui.selectable_value(&mut self.span, Span::Month, lang.pick("月", "Month"));
                ui.selectable_value(&mut self.span, Span::Quarter, lang.pick("季", "Quarter"));
                if ui.button(lang.pick("今天", "Today")).clicked() {
                    let today = crate::clock::today();
                    self.show_month(today.year(), today.month());
                }
                ui.separator();
                if ui.button(lang.pick("新建活动…", "New event…")).clicked() {
                    let today = crate::clock::today();
                    let first = NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(today);
                    let shown = today.year() == self.year && today.month() == self.month;
                    self.form = Some(EventForm::new(if shown { today } else { first }));
                }
                ui.toggle_value(&mut self.editing, lang.pick("录入节假日", "Enter holidays"));
            });
            if self.editing {
                let year = self.year;
                ui.horizontal_wrapped(|ui| {
                    ui.label(lang.pick(
                        "按国务院办公厅通知录入：点工作日设为“休”，点周末设为“班”，再点一次撤销。",
                        "Enter the State Council's notice: click a working day to make it a day off, a weekend day to make it worked; click again to undo.",
                    ));
                    let mut complete = self.work.complete_years.contains(&year);
                    let label = tr!(lang, "{year} 年安排已全部录入", "{year} entered in full");
                    if ui.checkbox(&mut complete, label).changed() {
                        self.actions.push(Action::YearComplete(year, complete));
                    }
                });
            }
            let p = palette(ui);
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(p.visit(), lang.pick("■ 互访", "■ Visit"));
                ui.colored_label(p.exhibition(), lang.pick("■ 展销会", "■ Exhibition"));
                ui.colored_label(p.contest(), lang.pick("■ 技术比武", "■ Contest"));
                ui.colored_label(p.service_week(), lang.pick("■ 服务周", "■ Service week"));
                for kind in EventKind::ALL {
                    ui.colored_label(p.event(kind), format!("■ {}", kind.label(lang)));
                }
                ui.colored_label(p.success, lang.pick("休 法定假日", "off: official holiday"));
                ui.colored_label(p.warning, lang.pick("班 调休上班", "work: weekend worked (调休)"));
            });
            let shown: Vec<(i32, u32)> = (0..months)
                .map(|i| {
                    let index = self.year * 12 + self.month as i32 - 1 + i;
                    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
                })
                .collect();
            for year in shown.iter().map(|(y, _)| *y).collect::<std::collections::BTreeSet<_>>() {
                if !self.work.year_known(year) {
                    ui.colored_label(
                        p.warning,
                        tr!(
                            lang,
                            "{year} 年的法定节假日和调休安排尚未收录：只标出了周末（可点“录入节假日”按通知录入）。",
                            "{year}'s official holidays and make-up days are not known yet: only weekends are marked (enter them with “Enter holidays”)."
                        ),
                    );
                }
            }
            ui.add_space(space::S);
            let (first, last) = shown_days(&shown);
            let events = self.events(ctx, ui, first, last);
            let mut clicked = None;
            let work = &self.work;
            if months == 1 {
                clicked = month_view(ui, self.year, self.month, &events, work, true, lang);
            } else {
                // A quarter: three months side by side.
                ui.columns(3, |columns| {
                    for (column, (year, month)) in columns.iter_mut().zip(&shown) {
                        column.strong(tr!(lang, "{month} 月", "{year}-{month:02}"));
                        if let Some(c) = month_view(column, *year, *month, &events, work, true, lang) {
                            clicked = Some(c);
                        }
                    }
                });
            }
            match clicked {
                Some(Clicked::Event(EventKey::Visit { year, month })) => ctx.send(AppCommand::OpenVisit { year, month }),
                Some(Clicked::Event(EventKey::Exhibition { year })) => ctx.send(AppCommand::OpenExhibition { year }),
                Some(Clicked::Event(EventKey::Contest { year, quarter })) => {
                    ctx.send(AppCommand::OpenContest { year, quarter })
                }
                Some(Clicked::Event(EventKey::ServiceWeek)) => ctx.send(AppCommand::Navigate(Section::Advisory)),
                Some(Clicked::Event(EventKey::Event(id))) => {
                    self.form = self.events.iter().find(|e| e.id == id).map(EventForm::of);
                }
                // Outside the holiday entry a day opens a new event on it.
                Some(Clicked::Day(day)) if !self.editing => self.form = Some(EventForm::new(day)),
                Some(Clicked::Day(day)) => {
                    // A click turns a working day into a day off and a weekend into a worked day;
                    // a second click takes the entry back.
                    let next = match self.work.entered.get(&day) {
                        Some(_) => None,
                        None => Some(!self.work.workday(day)),
                    };
                    self.actions.push(Action::Day(day, next));
                }
                None => {}
            }
        });
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        for action in std::mem::take(&mut self.actions) {
            let (written, change) = match action {
                // The visit plan dates its visits by these days.
                Action::Day(day, workday) => (ctx.store.set_holiday(day, workday), Change::Visits),
                Action::YearComplete(year, complete) => {
                    (ctx.store.set_holiday_year_complete(year, complete), Change::Visits)
                }
                Action::SaveEvent(event) => (ctx.store.save_event(&event).map(|_| ()), Change::Events),
                Action::DeleteEvent(id) => {
                    let deleted = ctx.store.delete_event(id);
                    if deleted.is_ok() {
                        ctx.notify(
                            Notification::success(text!("已删除活动", "Event deleted"))
                                .with_undo(Undo::RestoreEvent(id)),
                        );
                    }
                    (deleted, Change::Events)
                }
            };
            match written {
                Ok(()) => ctx.send(AppCommand::DataChanged(change)),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
            self.stale = true;
        }
        if self.stale && ctx.current == Section::Calendar {
            self.stale = false;
            if let Err(e) = self.reload(ctx) {
                ctx.fail(|l| e.message(l));
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, _ctx: &mut ApplyCtx) {
        if let AppCommand::DataChanged(_) = command {
            self.stale = true;
        }
    }
}
