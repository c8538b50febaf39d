//! 日历: the federation's events on a month or a quarter, with China's official days off and the
//! weekends worked in exchange. Today the events are the monthly visits; contests, the exhibition
//! and the service weeks join as they are built. Clicking a visit opens it.

use super::command::AppCommand;
use super::month_view::{Clicked, DayEvent, month_view};
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::{palette, space};
use super::widgets::display_name;
use crate::catalog::Change;
use crate::domain::workdays::WorkCalendar;
use crate::store::VisitMonth;
use crate::tr;
use chrono::{Datelike, NaiveDate};

/// What an event on the calendar opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKey {
    Visit { year: i32, month: u32 },
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
    work: WorkCalendar,
    /// Clicking a day enters it as a day off, a worked weekend, or as the official calendar has it.
    editing: bool,
    actions: Vec<Action>,
    stale: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Action {
    Day(NaiveDate, Option<bool>),
    YearComplete(i32, bool),
}

impl Default for CalendarScreen {
    fn default() -> Self {
        let today = chrono::Local::now().date_naive();
        Self {
            year: today.year(),
            month: today.month(),
            span: Span::Month,
            visits: Vec::new(),
            work: WorkCalendar::default(),
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

    fn events(&self, ctx: &Ctx, ui: &egui::Ui) -> Vec<DayEvent<EventKey>> {
        let p = palette(ui);
        self.visits
            .iter()
            .filter_map(|v| {
                let date = v.date?;
                let host = v
                    .host
                    .and_then(|h| ctx.catalog.entry(h))
                    .map_or(String::new(), |e| display_name(&e.company).to_string());
                let (label, colour) = if v.published {
                    (ctx.lang.pick("互访", "Visit"), p.info)
                } else {
                    (ctx.lang.pick("互访（草案）", "Visit (draft)"), ui.visuals().weak_text_color())
                };
                Some(DayEvent {
                    date,
                    text: format!("{label} · {host}"),
                    colour,
                    key: EventKey::Visit { year: v.year, month: v.month },
                })
            })
            .collect()
    }
}

impl Screen for CalendarScreen {
    fn section(&self) -> Section {
        Section::Calendar
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
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
                    let today = chrono::Local::now().date_naive();
                    self.show_month(today.year(), today.month());
                }
                ui.separator();
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
                ui.colored_label(p.info, lang.pick("■ 互访", "■ Visit"));
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
            let events = self.events(ctx, ui);
            let mut clicked = None;
            let (work, editing) = (&self.work, self.editing);
            if months == 1 {
                clicked = month_view(ui, self.year, self.month, &events, work, editing, lang);
            } else {
                // A quarter: three months side by side.
                ui.columns(3, |columns| {
                    for (column, (year, month)) in columns.iter_mut().zip(&shown) {
                        column.strong(tr!(lang, "{month} 月", "{year}-{month:02}"));
                        if let Some(c) = month_view(column, *year, *month, &events, work, editing, lang) {
                            clicked = Some(c);
                        }
                    }
                });
            }
            match clicked {
                Some(Clicked::Event(EventKey::Visit { year, month })) => ctx.send(AppCommand::OpenVisit { year, month }),
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
            let written = match action {
                Action::Day(day, workday) => ctx.store.set_holiday(day, workday),
                Action::YearComplete(year, complete) => ctx.store.set_holiday_year_complete(year, complete),
            };
            match written {
                // The visit plan dates its visits by these days.
                Ok(()) => ctx.send(AppCommand::DataChanged(Change::Visits)),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
            self.stale = true;
        }
        if self.stale && ctx.current == Section::Calendar {
            self.stale = false;
            let loaded = ctx.store.all_visit_months().and_then(|v| Ok((v, ctx.store.work_calendar()?)));
            match loaded {
                Ok((visits, work)) => (self.visits, self.work) = (visits, work),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, _ctx: &mut ApplyCtx) {
        if let AppCommand::DataChanged(_) = command {
            self.stale = true;
        }
    }
}
