//! 顾问团: enterprise requests from a company to the department that owns them and back. The
//! list shows each request's department, status and deadline in working days (overdue and
//! escalated ones stand out); a request opens beside it with the steps it can take and its whole
//! history. The figures say per department how it performs, for any period, with the monthly
//! trend; the departments' contacts and the routing of categories are edited here too; and the
//! service week is planned from the open requests (`week`).

mod sheet;
mod week;

use super::command::AppCommand;
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::table::{self, ColumnSpec};
use super::theme::{palette, size, space};
use super::widgets::{self, PickerText, choice_combo, company_picker, display_name};
use crate::advisory::{self, AdvisoryError, Desk, step_name};
use crate::catalog::Change;
use crate::domain::CompanyId;
use crate::domain::advisory::{Channel, Department, Figures, Request, Status, Step};
use crate::domain::text::parse_date;
use crate::i18n::format;
use crate::store::Route;
use crate::{text, tr};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Requests,
    Figures,
    Week,
    Departments,
}

/// Which requests the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Show {
    #[default]
    Open,
    Overdue,
    All,
    Only(Status),
}

/// A new request being typed.
#[derive(Debug, Clone, Default)]
struct Draft {
    company: Option<CompanyId>,
    category: Option<String>,
    description: String,
    raised_on: String,
    raised_by: String,
    channel: Channel,
}

/// A period the figures can be shown for, besides every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodChoice {
    Year(i32),
    /// From one day to another, as typed.
    Days,
}

/// The figures tab's numbers for one period, worked out when the period, the day or the data
/// changes rather than every frame: they walk every request (80 ms at 50 000).
struct PeriodFigures {
    key: (Option<(NaiveDate, NaiveDate)>, NaiveDate),
    years: Vec<i32>,
    from: NaiveDate,
    to: NaiveDate,
    all: Figures,
    departments: Vec<(Department, Figures, Vec<String>)>,
    monthly: Vec<((i32, u32), usize, usize)>,
}

impl PeriodFigures {
    /// The figures from one day to another, both included (`None`: since the first request).
    fn of(desk: &Desk, period: Option<(NaiveDate, NaiveDate)>, today: NaiveDate) -> Self {
        let mut years: Vec<i32> = desk.requests.iter().map(|r| r.raised_on.year()).collect();
        years.sort_unstable();
        years.dedup();
        let (from, to) =
            period.unwrap_or_else(|| (desk.requests.iter().map(|r| r.raised_on).min().unwrap_or(today), today));
        Self {
            key: (period, today),
            years,
            from,
            to,
            all: crate::domain::advisory::figures(desk.in_period(from, to), 0, today, &desk.calendar),
            departments: desk.by_department(from, to, today),
            monthly: desk.monthly(from, to),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Raise(Request),
    Step(Request, Step),
    Contacts(i64, String),
    Route(Route),
    SaveWeek(NaiveDate, Vec<i64>, Vec<crate::domain::advisory::Slot>),
    MoveSlot(i64, crate::domain::advisory::When),
    Attended(i64, Option<bool>),
    /// How many departments a company can receive in a half-day (`None`: the default).
    Capacity(CompanyId, Option<usize>),
    ExportWeek(NaiveDate),
    ExportRequests,
    ChooseSheet,
    ApplySheet,
}

pub struct AdvisoryScreen {
    desk: Option<Desk>,
    stale: bool,
    tab: Tab,
    show: Show,
    department: Option<i64>,
    selected: Option<i64>,
    draft: Option<Draft>,
    /// A reason, a department or a score being typed for the selected request's next step.
    reason: String,
    target: Option<i64>,
    satisfaction: u8,
    /// The period of the figures: a year, days of the secretary's choosing, or every year.
    period: Option<PeriodChoice>,
    /// The first and last day of a period of her choosing, as typed.
    period_days: (String, String),
    period_figures: Option<PeriodFigures>,
    new_category: String,
    week: week::WeekState,
    /// A department's sheet being read or previewed.
    sheet: Option<sheet::RequestSheet>,
    detail_expanded: bool,
    actions: Vec<Action>,
}

impl Default for AdvisoryScreen {
    fn default() -> Self {
        Self {
            desk: None,
            stale: true,
            tab: Tab::default(),
            show: Show::default(),
            department: None,
            selected: None,
            draft: None,
            reason: String::new(),
            target: None,
            satisfaction: 5,
            period: None,
            period_days: Default::default(),
            period_figures: None,
            new_category: String::new(),
            week: week::WeekState::default(),
            sheet: None,
            detail_expanded: true,
            actions: Vec::new(),
        }
    }
}

fn today() -> NaiveDate {
    crate::clock::today()
}

impl AdvisoryScreen {
    pub fn desk(&self) -> Option<&Desk> {
        self.desk.as_ref()
    }

    pub fn select(&mut self, id: i64) {
        self.selected = Some(id);
        self.detail_expanded = true;
    }

    fn shown<'a>(&self, desk: &'a Desk) -> Vec<&'a Request> {
        let today = today();
        desk.requests
            .iter()
            .filter(|r| self.department.is_none_or(|d| r.department == Some(d)))
            .filter(|r| match self.show {
                Show::Open => r.status.is_open(),
                Show::Overdue => r.overdue(today, &desk.calendar),
                Show::All => true,
                Show::Only(s) => r.status == s,
            })
            .collect()
    }

    fn requests(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(desk) = self.desk.take() else { return };
        let p = palette(ui);
        let today = today();
        ui.horizontal_wrapped(|ui| {
            let mut show = Some(self.show);
            let mut choices = vec![
                (Show::Open, lang.pick("未办结", "Open").to_string()),
                (Show::Overdue, lang.pick("已逾期", "Overdue").into()),
            ];
            choices.extend(Status::ALL.iter().map(|s| (Show::Only(*s), s.label(lang).to_string())));
            choice_combo(
                ui,
                "request_show",
                lang.pick("状态", "Status"),
                &mut show,
                &choices,
                lang.pick("全部", "All"),
                lang,
            );
            self.show = show.unwrap_or(Show::All);
            let departments: Vec<(i64, String)> =
                desk.departments.iter().map(|d| (d.id, d.short_name.clone())).collect();
            choice_combo(
                ui,
                "request_department",
                lang.pick("部门", "Department"),
                &mut self.department,
                &departments,
                lang.pick("全部", "All"),
                lang,
            );
            if ui.button(lang.pick("导入部门回执…", "Import a department's sheet…")).clicked() {
                self.actions.push(Action::ChooseSheet);
            }
            if ui.button(lang.pick("导出 Excel…", "Export to Excel…")).clicked() {
                self.actions.push(Action::ExportRequests);
            }
            if ui.button(lang.pick("登记新诉求…", "New request…")).clicked() {
                self.draft = Some(Draft { raised_on: today.to_string(), ..Draft::default() });
                self.selected = None;
            }
        });
        let shown = self.shown(&desk);
        let specs = [
            ColumnSpec::key(lang.pick("编号", "No."), 112.0, 108.0),
            ColumnSpec::key(lang.pick("企业", "Company"), 130.0, 84.0),
            ColumnSpec::optional(lang.pick("类别", "Category"), 90.0, 70.0, 2),
            ColumnSpec::key(lang.pick("部门", "Department"), 90.0, 60.0),
            ColumnSpec::key(lang.pick("状态", "Status"), 80.0, 64.0),
            ColumnSpec::optional(lang.pick("受理", "Received"), 92.0, 84.0, 3),
            ColumnSpec::key(lang.pick("期限", "Due"), 120.0, 96.0),
        ];
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let mut clicked = None;
        table::builder(ui, "requests", &fitted)
            .header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &specs, &fitted))
            .body(|body| {
                body.rows(size::ROW_HEIGHT, shown.len(), |mut row| {
                    let r = shown[row.index()];
                    row.set_selected(self.selected == Some(r.id));
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, &r.number, false),
                            1 => table::cell(
                                ui,
                                ctx.catalog.entry(r.company).map_or("", |e| display_name(&e.company)),
                                false,
                            ),
                            2 => table::cell(ui, &r.category, false),
                            3 => table::cell(
                                ui,
                                desk.department(r.department)
                                    .map_or(lang.pick("秘书处", "Secretariat"), |d| d.short_name.as_str()),
                                false,
                            ),
                            4 => table::cell(ui, r.status.label(lang), false),
                            5 => table::cell(ui, format::date(r.raised_on), false),
                            _ => {
                                let (text, colour) = if !r.status.is_open() {
                                    (
                                        r.resolved_on.map_or(String::new(), |d| {
                                            tr!(lang, "{} 办结", "done {}", format::date(d))
                                        }),
                                        ui.visuals().weak_text_color(),
                                    )
                                } else if r.paused() {
                                    (lang.pick("暂停中", "paused").to_string(), p.info)
                                } else if r.escalated(today, &desk.calendar) {
                                    (
                                        tr!(
                                            lang,
                                            "{} 督办",
                                            "{} escalated",
                                            r.due(&desk.calendar).map_or(String::new(), format::date)
                                        ),
                                        p.error,
                                    )
                                } else if r.overdue(today, &desk.calendar) {
                                    (
                                        tr!(
                                            lang,
                                            "{} 逾期",
                                            "{} overdue",
                                            r.due(&desk.calendar).map_or(String::new(), format::date)
                                        ),
                                        p.warning,
                                    )
                                } else {
                                    (
                                        r.due(&desk.calendar).map_or(String::new(), format::date),
                                        ui.visuals().text_color(),
                                    )
                                };
                                table::cell(ui, egui::RichText::new(text).color(colour), false)
                            }
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(r.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.select(id);
            self.draft = None;
            self.reason.clear();
        }
        self.desk = Some(desk);
    }

    /// The panel beside the list: a new request's form, or the selected request.
    fn panel(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        if self.tab != Tab::Requests {
            return;
        }
        let Some(desk) = self.desk.take() else { return };
        if self.draft.is_some() {
            let mut expanded = true;
            let title = lang.pick("登记新诉求", "New request");
            let event = widgets::detail_panel(ui, "request_new", &mut expanded, title, lang, |ui| {
                self.draft_form(ui, ctx, &desk)
            });
            if event == Some(widgets::PanelEvent::Close) {
                self.draft = None;
            }
        } else if let Some(r) = self.selected.and_then(|id| desk.requests.iter().find(|r| r.id == id)).cloned() {
            let title = format!("{} · {}", r.number, r.status.label(lang));
            let mut expanded = self.detail_expanded;
            let event = widgets::detail_panel(ui, "request_detail", &mut expanded, &title, lang, |ui| {
                self.request_detail(ui, ctx, &desk, &r)
            });
            self.detail_expanded = expanded;
            if event == Some(widgets::PanelEvent::Close) {
                self.selected = None;
            }
        }
        self.desk = Some(desk);
    }

    fn draft_form(&mut self, ui: &mut egui::Ui, ctx: &Ctx, desk: &Desk) {
        let lang = ctx.lang;
        let Some(draft) = &mut self.draft else { return };
        let none = lang.pick("（未选）", "(none)");
        company_picker(
            ui,
            "request_company",
            PickerText { label: lang.pick("企业", "Company"), none },
            &mut draft.company,
            ctx.catalog,
            lang,
            false,
        );
        let categories: Vec<(String, String)> = desk
            .routes
            .iter()
            .map(|r| {
                (
                    r.category.clone(),
                    format!(
                        "{} → {}",
                        r.category,
                        desk.department(Some(r.department)).map_or("", |d| d.short_name.as_str())
                    ),
                )
            })
            .collect();
        choice_combo(
            ui,
            "request_category",
            lang.pick("类别", "Category"),
            &mut draft.category,
            &categories,
            none,
            lang,
        );
        let label = ui.label(lang.pick("问题描述", "The problem"));
        ui.add(egui::TextEdit::multiline(&mut draft.description).desired_rows(3).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("受理日期", "Received on"));
            ui.add(egui::TextEdit::singleline(&mut draft.raised_on).desired_width(100.0)).labelled_by(label.id);
            let label = ui.label(lang.pick("反映人", "Raised by"));
            ui.add(egui::TextEdit::singleline(&mut draft.raised_by).desired_width(90.0)).labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            for c in Channel::ALL {
                ui.selectable_value(&mut draft.channel, c, c.label(lang));
            }
        });
        let date = parse_date(draft.raised_on.trim());
        let ready = draft.company.is_some()
            && draft.category.is_some()
            && !draft.description.trim().is_empty()
            && date.is_some();
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(ready, egui::Button::new(lang.pick("受理并分派", "Receive and route"))).clicked()
                && let (Some(company), Some(category), Some(raised_on)) = (draft.company, draft.category.clone(), date)
            {
                self.actions.push(Action::Raise(Request {
                    company,
                    category,
                    description: draft.description.trim().to_string(),
                    raised_on,
                    raised_by: draft.raised_by.trim().to_string(),
                    channel: draft.channel,
                    ..Request::default()
                }));
            }
            if date.is_none() {
                ui.colored_label(palette(ui).error, lang.pick("受理日期无法识别", "The date is not recognised"));
            } else {
                ui.weak(lang.pick("按类别自动分派到负责部门", "Routed by its category"));
            }
        });
    }

    fn request_detail(&mut self, ui: &mut egui::Ui, ctx: &Ctx, desk: &Desk, r: &Request) {
        let lang = ctx.lang;
        let p = palette(ui);
        let today = today();
        let company = ctx.catalog.entry(r.company).map_or("", |e| display_name(&e.company));
        ui.strong(format!("{company} · {}", r.category));
        ui.label(&r.description);
        ui.weak(tr!(
            lang,
            "{} 经{}受理{}",
            "Received {} by {}{}",
            format::date(r.raised_on),
            r.channel.label(lang),
            if r.raised_by.is_empty() { String::new() } else { format!("（{}）", r.raised_by) }
        ));
        let department =
            desk.department(r.department).map_or(lang.pick("秘书处", "the secretariat"), |d| d.name.as_str());
        ui.label(tr!(lang, "承办：{department}", "With: {department}"));
        match (r.due(&desk.calendar), r.escalation(&desk.calendar)) {
            _ if r.paused() => {
                ui.colored_label(
                    p.info,
                    lang.pick("等待企业，计时暂停", "Waiting for the company: the clock is stopped"),
                );
            }
            (Some(due), Some(up)) => {
                let colour = if r.escalated(today, &desk.calendar) {
                    p.error
                } else if r.overdue(today, &desk.calendar) {
                    p.warning
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(
                    colour,
                    tr!(
                        lang,
                        "时限 {} 个工作日：{} 到期，{} 起督办",
                        "{} working days: due {}, escalated from {}",
                        r.time_limit,
                        format::date(due),
                        format::date(up)
                    ),
                );
            }
            _ => {}
        }
        if let Some(s) = r.satisfaction {
            ui.label(tr!(lang, "回访满意度 {s}/5 {}", "Satisfaction {s}/5 {}", r.comment));
        }
        ui.separator();
        self.steps(ui, ctx, desk, r);
        ui.separator();
        ui.strong(lang.pick("办理记录", "History"));
        for h in desk.history.iter().filter(|h| h.request == r.id) {
            let to = h.to.label(lang);
            let dept = desk.department(h.department).map_or(String::new(), |d| format!(" · {}", d.short_name));
            let note = if h.note.is_empty() { String::new() } else { format!(" · {}", h.note) };
            let from = h.from.map_or(String::new(), |f| format!("{} → ", f.label(lang)));
            ui.label(format!("{} · {} · {}（{from}{to}）{dept}{note}", h.at, h.who, step_name(&h.step, lang)));
        }
    }

    /// The steps the request can take now, each with what it needs (a reason, a department…).
    fn steps(&mut self, ui: &mut egui::Ui, ctx: &Ctx, desk: &Desk, r: &Request) {
        let lang = ctx.lang;
        let today = today();
        let departments: Vec<(i64, String)> = desk.departments.iter().map(|d| (d.id, d.short_name.clone())).collect();
        let mut step = None;
        let label = ui.label(lang.pick("原因或说明", "Reason or note"));
        ui.add(egui::TextEdit::singleline(&mut self.reason).desired_width(f32::INFINITY)).labelled_by(label.id);
        let reason = self.reason.trim().to_string();
        let with_reason = !reason.is_empty();
        ui.horizontal_wrapped(|ui| match r.status {
            Status::Received => {
                choice_combo(
                    ui,
                    "assign_to",
                    lang.pick("分派给", "To"),
                    &mut self.target,
                    &departments,
                    lang.pick("（未选）", "(none)"),
                    lang,
                );
                if let Some(department) = self.target
                    && ui.button(lang.pick("分派", "Assign")).clicked()
                {
                    step = Some(Step::Assign { department });
                }
            }
            Status::Assigned | Status::InProgress => {
                if r.status == Status::Assigned && ui.button(lang.pick("开始办理", "Start")).clicked() {
                    step = Some(Step::Start);
                }
                if r.status == Status::InProgress && ui.button(lang.pick("办结", "Resolve")).clicked() {
                    step = Some(Step::Resolve { on: today, note: reason.clone() });
                }
                if r.paused() {
                    if ui.button(lang.pick("企业已回复，恢复计时", "Resume")).clicked() {
                        step = Some(Step::Resume { on: today });
                    }
                } else if ui
                    .add_enabled(with_reason, egui::Button::new(lang.pick("等待企业（暂停）", "Pause")))
                    .clicked()
                {
                    step = Some(Step::Pause { on: today, reason: reason.clone() });
                }
                if ui.add_enabled(with_reason, egui::Button::new(lang.pick("退回秘书处", "Decline"))).clicked() {
                    step = Some(Step::Decline { reason: reason.clone() });
                }
                choice_combo(
                    ui,
                    "reroute_to",
                    lang.pick("改派给", "Re-route to"),
                    &mut self.target,
                    &departments,
                    lang.pick("（未选）", "(none)"),
                    lang,
                );
                if let Some(department) = self.target.filter(|d| r.department != Some(*d))
                    && ui.add_enabled(with_reason, egui::Button::new(lang.pick("改派", "Re-route"))).clicked()
                {
                    step = Some(Step::Reroute { department, reason: reason.clone() });
                }
            }
            Status::Resolved => {
                let label = ui.label(lang.pick("回访满意度", "Satisfaction"));
                ui.add(egui::DragValue::new(&mut self.satisfaction).range(1..=5)).labelled_by(label.id);
                if ui.button(lang.pick("回访确认", "Confirm")).clicked() {
                    step = Some(Step::Confirm { satisfaction: self.satisfaction, comment: reason.clone() });
                }
                if ui.add_enabled(with_reason, egui::Button::new(lang.pick("重新办理", "Reopen"))).clicked() {
                    step = Some(Step::Reopen { reason: reason.clone() });
                }
            }
            Status::Confirmed => {
                if ui.add_enabled(with_reason, egui::Button::new(lang.pick("重新办理", "Reopen"))).clicked() {
                    step = Some(Step::Reopen { reason: reason.clone() });
                }
            }
        });
        if !with_reason {
            ui.weak(lang.pick(
                "改派、退回、暂停和重新办理须写明原因。",
                "Re-routing, declining, pausing and reopening need a reason.",
            ));
        }
        if let Some(step) = step {
            self.actions.push(Action::Step(r.clone(), step));
        }
    }

    fn figures(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(desk) = &self.desk else { return };
        let today = today();
        // The period's days: a year's, the typed ones once both read (the last shown until then).
        let typed = (parse_date(self.period_days.0.trim()), parse_date(self.period_days.1.trim()));
        let range = match self.period {
            None => None,
            Some(PeriodChoice::Year(y)) => NaiveDate::from_ymd_opt(y, 1, 1).zip(NaiveDate::from_ymd_opt(y, 12, 31)),
            Some(PeriodChoice::Days) => match typed {
                (Some(from), Some(to)) if from <= to => Some((from, to)),
                _ => self.period_figures.as_ref().and_then(|f| f.key.0),
            },
        };
        if self.period_figures.as_ref().is_some_and(|f| f.key != (range, today)) {
            self.period_figures = None;
        }
        let shown = self.period_figures.get_or_insert_with(|| PeriodFigures::of(desk, range, today));
        let (from, to) = (shown.from, shown.to);
        ui.horizontal_wrapped(|ui| {
            let mut choices: Vec<(PeriodChoice, String)> =
                shown.years.iter().map(|y| (PeriodChoice::Year(*y), tr!(lang, "{y} 年", "{y}"))).collect();
            choices.push((PeriodChoice::Days, lang.pick("自定起止日期", "From … to …").to_string()));
            let changed = choice_combo(
                ui,
                "figures_period",
                lang.pick("期间", "Period"),
                &mut self.period,
                &choices,
                lang.pick("历年合计", "All years"),
                lang,
            );
            if changed && self.period == Some(PeriodChoice::Days) && self.period_days.0.is_empty() {
                // Starting from what is on show.
                self.period_days = (from.to_string(), to.to_string());
            }
            if self.period == Some(PeriodChoice::Days) {
                for (label, text) in [
                    (lang.pick("起", "From"), &mut self.period_days.0),
                    (lang.pick("止", "To"), &mut self.period_days.1),
                ] {
                    let label = ui.label(label);
                    ui.add(egui::TextEdit::singleline(text).desired_width(100.0)).labelled_by(label.id);
                }
                match typed {
                    (Some(a), Some(b)) if a > b => {
                        ui.colored_label(
                            palette(ui).error,
                            lang.pick("起始日期晚于截止日期", "The first day is after the last"),
                        );
                    }
                    (None, _) | (_, None) => {
                        ui.weak(lang.pick("日期如 2025-07-01", "Dates like 2025-07-01"));
                    }
                    _ => {}
                }
            }
            ui.weak(tr!(lang, "{} 至 {}", "{} to {}", crate::i18n::format::date(from), crate::i18n::format::date(to)));
        });
        let all = &shown.all;
        // The headline of the article, for any period: how many problems were solved.
        ui.heading(tr!(
            lang,
            "受理 {} 件 · 已解决 {} 件 · 在办 {} 件（逾期 {}）",
            "{} received · {} resolved · {} open ({} overdue)",
            all.received,
            all.resolved,
            all.open,
            all.overdue
        ));
        ui.label(tr!(
            lang,
            "按时办结率 {}（在办逾期计为未按时） · 满意率 {}",
            "On time {} (open and overdue counted late) · satisfied {}",
            format::percent(all.on_time_rate),
            format::percent(all.satisfaction_rate)
        ));
        ui.add_space(space::S);
        let rows = &shown.departments;
        let specs = [
            ColumnSpec::key(lang.pick("部门", "Department"), 110.0, 90.0),
            ColumnSpec::key(lang.pick("受理", "Received"), 56.0, 48.0).numeric(),
            ColumnSpec::key(lang.pick("在办", "Open"), 56.0, 48.0).numeric(),
            ColumnSpec::key(lang.pick("逾期", "Overdue"), 56.0, 48.0).numeric(),
            ColumnSpec::optional(lang.pick("办结", "Resolved"), 56.0, 48.0, 3).numeric(),
            ColumnSpec::optional(lang.pick("中位天数", "Median days"), 72.0, 60.0, 2).numeric(),
            ColumnSpec::key(lang.pick("按时办结率", "On time"), 86.0, 72.0).numeric(),
            ColumnSpec::optional(lang.pick("满意率", "Satisfied"), 64.0, 56.0, 1).numeric(),
            ColumnSpec::optional(lang.pick("退回", "Declined"), 56.0, 48.0, 4).numeric(),
        ];
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let p = palette(ui);
        let chart_height = (ui.available_height() * 0.4).max(140.0);
        let table_height = ui.available_height() - chart_height - space::L;
        table::builder(ui, "department_figures", &fitted)
            .max_scroll_height(table_height)
            .header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &specs, &fitted))
            .body(|body| {
                body.rows(size::ROW_HEIGHT, rows.len(), |mut row| {
                    let (d, f, declines) = &rows[row.index()];
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, &d.short_name, false),
                            1 => table::cell(ui, f.received.to_string(), true),
                            2 => table::cell(ui, f.open.to_string(), true),
                            3 => {
                                let text = egui::RichText::new(f.overdue.to_string());
                                table::cell(ui, if f.overdue > 0 { text.color(p.warning) } else { text }, true)
                            }
                            4 => table::cell(ui, f.resolved.to_string(), true),
                            5 => table::cell(ui, f.median_days.map_or("—".into(), |d| format!("{d:.1}")), true),
                            6 => table::cell(ui, format::percent(f.on_time_rate), true),
                            7 => table::cell(ui, format::percent(f.satisfaction_rate), true),
                            // Right-aligned like the other counts (the column is numeric), with
                            // the reasons on hover.
                            _ => {
                                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                    ui.add(egui::Label::new(f.declines.to_string()).truncate())
                                        .on_hover_text(declines.join(lang.pick("；", "; ")));
                                });
                            }
                        });
                    }
                });
            });
        ui.horizontal_wrapped(|ui| {
            let line = |f: &Figures| {
                tr!(
                    lang,
                    "受理 {} · 在办 {} · 逾期 {} · 按时 {} · 满意 {}",
                    "{} received · {} open · {} overdue · {} on time · {} satisfied",
                    f.received,
                    f.open,
                    f.overdue,
                    format::percent(f.on_time_rate),
                    format::percent(f.satisfaction_rate)
                )
            };
            ui.menu_button(lang.pick("按企业…", "By company…"), |ui| {
                egui::ScrollArea::vertical().max_height(size::ROW_HEIGHT * 14.0).show(ui, |ui| {
                    for (company, f) in desk.by_company(from, to, today) {
                        let name = ctx.catalog.entry(company).map_or("", |e| display_name(&e.company));
                        ui.label(format!("{name}：{}", line(&f)));
                    }
                });
            });
            ui.menu_button(lang.pick("按类别…", "By category…"), |ui| {
                egui::ScrollArea::vertical().max_height(size::ROW_HEIGHT * 14.0).show(ui, |ui| {
                    for (category, f) in desk.by_category(from, to, today) {
                        ui.label(format!("{category}：{}", line(&f)));
                    }
                });
            });
        });
        ui.strong(lang.pick("每月受理与办结", "Received and resolved by month"));
        let months = &shown.monthly;
        let received: Vec<egui_plot::Bar> = months
            .iter()
            .enumerate()
            .map(|(i, (_, r, _))| egui_plot::Bar::new(i as f64 - 0.2, *r as f64).width(0.4))
            .collect();
        let resolved: Vec<egui_plot::Bar> = months
            .iter()
            .enumerate()
            .map(|(i, (_, _, d))| egui_plot::Bar::new(i as f64 + 0.2, *d as f64).width(0.4))
            .collect();
        let labels: Vec<String> = months.iter().map(|((y, m), _, _)| format!("{}.{m}", y % 100)).collect();
        egui_plot::Plot::new("monthly_requests")
            .height(ui.available_height().max(120.0))
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .legend(egui_plot::Legend::default())
            .x_axis_formatter(move |mark, _| {
                labels.get(mark.value.round().max(0.0) as usize).cloned().unwrap_or_default()
            })
            .show(ui, |plot| {
                plot.bar_chart(egui_plot::BarChart::new(lang.pick("受理", "Received"), received).color(p.info));
                plot.bar_chart(egui_plot::BarChart::new(lang.pick("办结", "Resolved"), resolved).color(p.success));
            });
    }

    fn departments(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(desk) = &self.desk else { return };
        ui.weak(lang.pick(
            "每类诉求由一个部门负责，按其时限（工作日）办理；新登记的诉求按此表自动分派。",
            "Each category belongs to one department with its time limit in working days; new requests are routed by this table.",
        ));
        let mut actions = Vec::new();
        egui::ScrollArea::vertical().id_salt("departments").show(ui, |ui| {
            for d in &desk.departments {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(&d.name);
                    let id = ui.make_persistent_id(("contacts", d.id));
                    let mut contacts: String = ui.data(|m| m.get_temp(id)).unwrap_or_else(|| d.contacts.clone());
                    let label = ui.label(lang.pick("联系人", "Contacts"));
                    let response =
                        ui.add(egui::TextEdit::singleline(&mut contacts).desired_width(220.0)).labelled_by(label.id);
                    if response.lost_focus() && contacts != d.contacts {
                        actions.push(Action::Contacts(d.id, contacts.clone()));
                    }
                    ui.data_mut(|m| m.insert_temp(id, contacts));
                });
                ui.horizontal_wrapped(|ui| {
                    for route in desk.routes.iter().filter(|r| r.department == d.id) {
                        let mut limit = route.time_limit;
                        let label = ui.label(&route.category);
                        let changed = ui
                            .add(
                                egui::DragValue::new(&mut limit)
                                    .range(1..=365)
                                    .suffix(lang.pick(" 个工作日", " working days")),
                            )
                            .labelled_by(label.id);
                        if changed.drag_stopped() || changed.lost_focus() {
                            actions.push(Action::Route(Route { time_limit: limit, ..route.clone() }));
                        }
                        let mut to = Some(route.department);
                        let departments: Vec<(i64, String)> =
                            desk.departments.iter().map(|d| (d.id, d.short_name.clone())).collect();
                        let salt = format!("route_{}", route.category);
                        if choice_combo(ui, &salt, lang.pick("归口", "Owner"), &mut to, &departments, "—", lang)
                            && let Some(department) = to
                        {
                            actions.push(Action::Route(Route { department, ..route.clone() }));
                        }
                        ui.separator();
                    }
                });
                ui.add_space(space::S);
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("新增类别", "New category"));
            ui.add(egui::TextEdit::singleline(&mut self.new_category).desired_width(120.0)).labelled_by(label.id);
            let mut to = None;
            let departments: Vec<(i64, String)> =
                desk.departments.iter().map(|d| (d.id, d.short_name.clone())).collect();
            let category = self.new_category.trim().to_string();
            if choice_combo(
                ui,
                "new_route",
                lang.pick("归口", "Owner"),
                &mut to,
                &departments,
                lang.pick("（选部门即添加）", "(pick to add)"),
                lang,
            ) && let Some(department) = to
                && !category.is_empty()
            {
                actions.push(Action::Route(Route {
                    category,
                    department,
                    time_limit: crate::domain::advisory::DEFAULT_TIME_LIMIT,
                }));
                self.new_category.clear();
            }
        });
        self.actions.extend(actions);
    }

    fn apply_one(&mut self, action: Action, ctx: &mut ApplyCtx) -> Result<(), AdvisoryError> {
        let who = ctx.lang.pick("秘书处", "Secretariat");
        match action {
            Action::Raise(request) => {
                let r = advisory::raise(ctx.store, &request, who)?;
                self.draft = None;
                self.select(r.id);
                let number = r.number.clone();
                ctx.notify(Notification::success(text!("已受理 {number}", "Received {number}")));
            }
            Action::Step(request, step) => {
                advisory::step(ctx.store, &request, &step, who)?;
                self.reason.clear();
                self.target = None;
            }
            Action::Contacts(id, contacts) => ctx.store.set_department_contacts(id, &contacts)?,
            Action::Route(route) => ctx.store.set_route(&route)?,
            Action::SaveWeek(week_of, departments, slots) => {
                ctx.store.save_week(week_of, &departments, &slots)?;
                self.week.preview = None;
                self.week.shown = Some(week_of);
                ctx.notify(Notification::success(text!("服务周安排已保存", "The service week is saved")));
            }
            Action::MoveSlot(id, when) => ctx.store.move_slot(id, when)?,
            Action::Attended(id, attended) => ctx.store.set_attended(id, attended)?,
            Action::Capacity(company, departments) => ctx.store.set_hosting_capacity(company, departments)?,
            Action::ExportWeek(week_of) => {
                let db = ctx.store.path().to_path_buf();
                ctx.send(AppCommand::Export(advisory::export::week_task(db, week_of)));
                return Ok(());
            }
            Action::ChooseSheet => {
                let title = crate::i18n::Text::new("选择部门回执表", "Choose the department's sheet");
                let request = super::file_dialog::FileRequest::open(title, super::file_dialog::spreadsheets());
                ctx.send(AppCommand::ChooseFile(request, super::command::FileFor::RequestSheet));
                return Ok(());
            }
            Action::ApplySheet => {
                let Some(Ok(plan)) = self.sheet.take().and_then(|s| s.read.result) else { return Ok(()) };
                let (updated, added) = advisory::apply_sheet(ctx.store, &plan, who)?;
                ctx.notify(Notification::success(text!(
                    "已导入回执：更新 {updated} 件，新增 {added} 件",
                    "Sheet imported: {updated} updated, {added} new"
                )));
            }
            Action::ExportRequests => {
                let db = ctx.store.path().to_path_buf();
                ctx.send(AppCommand::Export(advisory::export::requests_task(db)));
                return Ok(());
            }
        }
        ctx.send(AppCommand::DataChanged(Change::Requests));
        self.stale = true;
        Ok(())
    }
}

impl Screen for AdvisoryScreen {
    fn section(&self) -> Section {
        Section::Advisory
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if let Some(sheet) = &self.sheet {
            match sheet.ui(ui.ctx(), ctx) {
                Some(true) => self.actions.push(Action::ApplySheet),
                Some(false) => self.sheet = None,
                None => {}
            }
        }
        self.panel(ui, ctx);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading(lang.pick("企业发展顾问团", "The advisory group"));
                ui.separator();
                ui.selectable_value(&mut self.tab, Tab::Requests, lang.pick("企业诉求", "Requests"));
                ui.selectable_value(&mut self.tab, Tab::Figures, lang.pick("办理统计", "Figures"));
                ui.selectable_value(&mut self.tab, Tab::Week, lang.pick("服务周", "Service week"));
                ui.selectable_value(&mut self.tab, Tab::Departments, lang.pick("部门与分派", "Departments"));
            });
            ui.add_space(space::S);
            if self.desk.is_none() {
                ui.spinner();
                return;
            }
            match self.tab {
                Tab::Requests => self.requests(ui, ctx),
                Tab::Figures => self.figures(ui, ctx),
                Tab::Week => self.week(ui, ctx),
                Tab::Departments => self.departments(ui, ctx),
            }
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(desk) = &self.desk else { return };
        let today = today();
        let open = desk.requests.iter().filter(|r| r.status.is_open()).count();
        let overdue = desk.requests.iter().filter(|r| r.overdue(today, &desk.calendar)).count();
        let resolved = desk.requests.iter().filter(|r| !r.status.is_open()).count();
        ui.label(tr!(
            lang,
            "诉求 {} 件 · 已解决 {resolved} 件 · 在办 {open} 件 · 逾期 {overdue} 件",
            "{} requests · {resolved} resolved · {open} open · {overdue} overdue",
            desk.requests.len()
        ));
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        if let Some(sheet) = &mut self.sheet {
            sheet.read.poll();
        }
        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.apply_one(action, ctx) {
                ctx.fail(|l| e.message(l));
            }
        }
        if self.stale && ctx.current == Section::Advisory {
            self.stale = false;
            match Desk::load(ctx.store) {
                Ok(desk) => {
                    self.desk = Some(desk);
                    self.period_figures = None;
                    self.week.served = None;
                }
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, ctx: &mut ApplyCtx) {
        match command {
            AppCommand::DataChanged(_) => self.stale = true,
            AppCommand::FileChosen(super::command::FileFor::RequestSheet, path) => {
                let db = ctx.store.path().to_path_buf();
                self.sheet = Some(sheet::RequestSheet::start(db, path.clone(), ctx.lang, ctx.jobs));
            }
            _ => {}
        }
    }
}
