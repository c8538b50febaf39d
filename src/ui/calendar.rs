//! 日历: the federation's events on a month or a quarter, with China's official days off and the
//! weekends worked in exchange. Today the events are the monthly visits; contests, the exhibition
//! and the service weeks join as they are built. Clicking a visit opens it.

use super::command::AppCommand;
use super::month_view::{DayEvent, month_view};
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::theme::{palette, space};
use super::widgets::display_name;
use crate::domain::workdays;
use crate::store::VisitMonth;
use crate::tr;
use chrono::Datelike;

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
    stale: bool,
}

impl Default for CalendarScreen {
    fn default() -> Self {
        let today = chrono::Local::now().date_naive();
        Self { year: today.year(), month: today.month(), span: Span::Month, visits: Vec::new(), stale: true }
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
            });
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
                if !workdays::year_known(year) {
                    ui.colored_label(
                        p.warning,
                        tr!(
                            lang,
                            "{year} 年的法定节假日和调休安排尚未收录：只标出了周末。",
                            "{year}'s official holidays and make-up days are not known yet: only weekends are marked."
                        ),
                    );
                }
            }
            ui.add_space(space::S);
            let events = self.events(ctx, ui);
            let mut clicked = None;
            if months == 1 {
                clicked = month_view(ui, self.year, self.month, &events, lang);
            } else {
                // A quarter: three months side by side.
                ui.columns(3, |columns| {
                    for (column, (year, month)) in columns.iter_mut().zip(&shown) {
                        column.strong(tr!(lang, "{month} 月", "{year}-{month:02}"));
                        if let Some(key) = month_view(column, *year, *month, &events, lang) {
                            clicked = Some(key);
                        }
                    }
                });
            }
            if let Some(EventKey::Visit { year, month }) = clicked {
                ctx.send(AppCommand::OpenVisit { year, month });
            }
        });
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        if self.stale && ctx.current == Section::Calendar {
            self.stale = false;
            match ctx.store.all_visit_months() {
                Ok(visits) => self.visits = visits,
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
