//! 互访交流: the year's plan of monthly exchange visits — one host a month, each with its reasons
//! in words — published to the members, then kept: a re-plan fills only the open months, and a
//! published month changes only by the secretary's hand (更换, 对调), with the reason logged.
//! The plan is worked out in the background (it asks the matching engine who can supply whom).
//! Each month's visit opens in a panel (`detail`); its sheets are read with a preview (`sheet`);
//! who has visited whom is a view of its own (`matrix`).

mod detail;
mod matrix;
mod sheet;

use super::command::{AppCommand, FileFor};
use super::file_dialog::{self, FileRequest};
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::table::{self, ColumnSpec};
use super::theme::{palette, size, space};
use super::widgets::{PickerText, company_picker, display_name};
use crate::catalog::Change;
use crate::domain::CompanyId;
use crate::domain::events::FollowUp;
use crate::i18n::{Lang, Text};
use crate::jobs::Job;
use crate::store::{FeedbackAnswer, Guest, Store, StoreError, VisitChange};
use crate::undo::Undo;
use crate::visits::feedback;
use crate::visits::matrix::{HeldVisit, Matrix};
use crate::visits::plan::reasons_text;
use crate::visits::service::{self, YearPlan, weekday_name};
use crate::visits::sheets::VisitSheet;
use crate::{text, tr};
use chrono::Datelike;
use detail::{ArrangementsDraft, FollowUpDraft, MonthRecords, Tab};
use sheet::SheetImport;
use std::path::PathBuf;

/// What the background work hands back for a year.
struct Loaded {
    plan: YearPlan,
    /// Whether the Spring Festival month has a visit after all.
    spring: bool,
    changes: Vec<VisitChange>,
    /// The feedback form's questions, and every answer of the year.
    questions: Vec<String>,
    year_feedback: Vec<FeedbackAnswer>,
    /// The year's follow-ups, for the counts.
    follow_ups: Vec<FollowUp>,
    /// Who has visited whom, over every held visit.
    matrix: Matrix,
}

type Planned = Result<Loaded, StoreError>;

/// A change to one month being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthEdit {
    pub month: u32,
    /// Another host (更换), or the month to swap hosts with (对调).
    pub swap: bool,
    pub host: Option<CompanyId>,
    pub other_month: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Year(i32),
    Publish,
    SpringFestival(bool),
    Pin(u32, bool),
    Export,
    /// Who is invited and who attended, for these companies of this month.
    Guests(u32, Vec<Guest>),
    /// One answer of a company's feedback form for the month's visit.
    Feedback(u32, FeedbackAnswer),
    /// The feedback form's questions, for every visit.
    Questions(Vec<String>),
    /// The pairs between the host and this member, introduced at the month's visit.
    Introduce {
        month: u32,
        company: CompanyId,
        pairs: Vec<(i64, i64)>,
    },
    Confirm(MonthEdit),
    /// Pick the selected month's sign-in sheet or feedback forms to read.
    ChooseSheet(VisitSheet),
    ExportGuests(u32),
    ExportFeedback(u32),
    /// Add (id 0) or save a follow-up.
    SaveFollowUp(FollowUp),
    DeleteFollowUp(i64),
    /// The follow-up becomes the introduction of these pairs.
    IntroduceFollowUp(FollowUp, Vec<(i64, i64)>),
    /// Record the sheet previewed.
    RecordSheet,
    /// The month's day (when changed) and arrangements.
    /// A month's day, details and, for a published month, why they change.
    SaveArrangements(u32, Option<chrono::NaiveDate>, crate::store::VisitDetails, String),
}

pub struct VisitsScreen {
    db: PathBuf,
    year: i32,
    planning: Option<Job<Planned>>,
    planned: Option<Loaded>,
    failure: Option<Text>,
    /// The data changed since the plan was worked out.
    stale: bool,
    edit: Option<MonthEdit>,
    /// The month whose visit the panel shows: whom to invite.
    selected: Option<u32>,
    /// The selected month's guests, forms and follow-ups, as stored.
    records: Option<MonthRecords>,
    tab: Tab,
    follow_up_draft: FollowUpDraft,
    /// The selected month's arrangements as being typed.
    arrangements: Option<ArrangementsDraft>,
    /// A sign-in sheet or feedback forms being read or previewed.
    sheet: Option<SheetImport>,
    /// The matrix of who visited whom is on show instead of the plan.
    show_matrix: bool,
    matrix_filter: matrix::MatrixFilter,
    /// The form's questions as being edited, one a line.
    questions_text: Option<String>,
    detail_expanded: bool,
    actions: Vec<Action>,
}

impl VisitsScreen {
    pub fn new(db: PathBuf) -> Self {
        let year = crate::clock::today().year() + 1;
        Self {
            db,
            year,
            planning: None,
            planned: None,
            failure: None,
            stale: true,
            edit: None,
            selected: None,
            records: None,
            tab: Tab::default(),
            follow_up_draft: FollowUpDraft::default(),
            arrangements: None,
            sheet: None,
            show_matrix: false,
            matrix_filter: matrix::MatrixFilter::default(),
            questions_text: None,
            detail_expanded: true,
            actions: Vec::new(),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// Another year: its plan is worked out afresh, nothing of the last one stays selected.
    fn switch_year(&mut self, year: i32) {
        self.year = year;
        self.planned = None;
        self.edit = None;
        self.selected = None;
        self.records = None;
        self.stale = true;
    }

    /// Shows the plan of `year` (the year buttons; another screen opening a visit).
    pub fn show_year(&mut self, year: i32) {
        self.actions.push(Action::Year(year));
    }

    /// The plan on show, once worked out.
    pub fn plan(&self) -> Option<&YearPlan> {
        self.planned.as_ref().map(|l| &l.plan)
    }

    /// The month whose invitations are on show.
    pub fn selected(&self) -> Option<u32> {
        self.selected
    }

    pub fn is_busy(&self) -> bool {
        self.planning.is_some() || self.stale
    }

    fn start_planning(&mut self, ctx: &mut ApplyCtx) {
        let (db, year) = (self.db.clone(), self.year);
        let label = Text::new("排定互访计划", "Planning the visits");
        let work = move |_: &crate::jobs::JobContext| -> Planned {
            let store = Store::open(&db)?;
            let spring = store.visit_in_spring_festival(year)?;
            let plan = service::plan(&store, year, spring)?;
            Ok(Loaded {
                plan,
                spring,
                changes: store.visit_changes(year)?,
                questions: store.feedback_questions()?,
                year_feedback: store.visit_feedback(year, None)?,
                follow_ups: store.follow_ups(year, None)?,
                matrix: visit_matrix(&store)?,
            })
        };
        match ctx.jobs.spawn("qilian-visit-plan", label, false, work) {
            Ok(job) => {
                self.planning = Some(job);
                self.stale = false;
            }
            Err(e) => {
                self.failure = Some(Text::from_fn(|l| e.message(l)));
                self.stale = false;
            }
        }
    }

    fn apply_one(&mut self, action: Action, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        let lang = ctx.lang;
        let year = self.year;
        match action {
            Action::Year(y) => {
                self.switch_year(y);
                return Ok(());
            }
            Action::Publish => {
                let Some(Loaded { plan, .. }) = &self.planned else { return Ok(()) };
                let months = service::publish(ctx.store, plan, lang)?;
                ctx.notify(Notification::success(text!(
                    "{year} 年互访计划已发布（{months} 个月）；之后重新排期不会改动已发布的月份",
                    "The {year} visit plan is published ({months} months); re-planning will not move them"
                )));
            }
            Action::SpringFestival(on) => ctx.store.set_visit_in_spring_festival(year, on)?,
            Action::Guests(month, guests) => {
                ctx.store.set_visit_guests(year, month, &guests)?;
                self.records = None;
                return Ok(());
            }
            Action::Feedback(month, answer) => {
                ctx.store.set_visit_feedback(year, month, &answer)?;
                self.records = None;
                if let Some(loaded) = &mut self.planned {
                    loaded.year_feedback = ctx.store.visit_feedback(year, None)?;
                }
                return Ok(());
            }
            Action::ChooseSheet(kind) => {
                let Some(month) = self.selected else { return Ok(()) };
                let title = Text::from_fn(|l| tr!(l, "选择{}", "Choose the {}", kind.label(l)));
                let request = FileRequest::open(title, file_dialog::spreadsheets());
                ctx.send(AppCommand::ChooseFile(request, FileFor::VisitSheet { year, month, kind }));
                return Ok(());
            }
            Action::ExportGuests(month) => {
                let host = self.plan().and_then(|p| p.months.iter().find(|m| m.month == month)).and_then(|m| m.host);
                let suggested = host
                    .and_then(|h| self.plan().and_then(|p| p.invitees.get(&h)))
                    .map(|list| {
                        let why = |i: &crate::visits::invite::Invitee| {
                            i.reasons.iter().map(|r| r.text(lang)).collect::<Vec<_>>().join(lang.pick("；", "; "))
                        };
                        list.iter().map(|i| (i.company, why(i))).collect()
                    })
                    .unwrap_or_default();
                let task = crate::visits::export::guests_task(self.db.clone(), year, month, suggested);
                ctx.send(AppCommand::Export(task));
                return Ok(());
            }
            Action::ExportFeedback(month) => {
                ctx.send(AppCommand::Export(crate::visits::export::feedback_task(self.db.clone(), year, month)));
                return Ok(());
            }
            Action::SaveArrangements(month, date, details, reason) => {
                // The month must be stored to be arranged: the plan on show is saved first (its
                // open months only).
                if let Some(Loaded { plan, .. }) = &self.planned {
                    service::save(ctx.store, plan, lang)?;
                }
                ctx.store.set_visit_details(year, month, date, &details, &reason)?;
                self.stale = true;
                self.arrangements = None;
                self.records = None;
                ctx.notify(Notification::success(text!("已保存本月互访安排", "The visit's arrangements are saved")));
            }
            Action::RecordSheet => {
                let Some(sheet) = self.sheet.take() else { return Ok(()) };
                let Some(plan) = sheet.read.read() else { return Ok(()) };
                ctx.store.record_visit_sheet(sheet.year, sheet.month, &plan.guests, &plan.answers)?;
                let counts = plan.counts();
                let (companies, not_found) = (counts.companies, counts.not_found.len());
                ctx.notify(Notification::success(match sheet.kind {
                    VisitSheet::Attendance => text!(
                        "已导入签到表：出席 {companies} 家；{not_found} 个名称不是成员",
                        "Sign-in sheet recorded: {companies} members there; {not_found} names not members"
                    ),
                    VisitSheet::Feedback => text!(
                        "已导入反馈表：{companies} 家企业；{not_found} 个名称不是成员",
                        "Feedback recorded: {companies} companies; {not_found} names not members"
                    ),
                }));
                self.records = None;
                if let Some(loaded) = &mut self.planned {
                    loaded.year_feedback = ctx.store.visit_feedback(year, None)?;
                }
                ctx.send(AppCommand::DataChanged(Change::Visits));
                return Ok(());
            }
            Action::SaveFollowUp(f) => {
                ctx.store.save_follow_up(&f)?;
                self.refresh_follow_ups(ctx)?;
                return Ok(());
            }
            Action::DeleteFollowUp(id) => {
                ctx.store.delete_follow_up(id)?;
                self.refresh_follow_ups(ctx)?;
                ctx.notify(
                    Notification::success(text!("已删除跟进事项", "Follow-up deleted"))
                        .with_undo(Undo::RestoreFollowUp(id)),
                );
                return Ok(());
            }
            Action::IntroduceFollowUp(f, pairs) => {
                let Some(Loaded { plan, .. }) = &self.planned else { return Ok(()) };
                let today = crate::clock::today();
                let on = plan.dates.get(f.month as usize - 1).copied().flatten().map_or(today, |d| d.min(today));
                let note =
                    tr!(lang, "{year} 年 {} 月互访跟进：{}", "Visit of {year}-{:02}, follow-up: {}", f.month, f.action);
                match service::introduce_at_visit(ctx.store, &pairs, on, &note, Some(&f)) {
                    Ok(n) => ctx.notify(Notification::success(text!(
                        "已转为供需对接引荐：{n} 项（见供需对接）",
                        "Recorded as introductions: {n} pairs (see Supplier matching)"
                    ))),
                    Err(e) => ctx.fail(|l| e.message(l)),
                }
                self.records = None;
                ctx.send(AppCommand::DataChanged(Change::Matching));
                self.stale = true;
                return Ok(());
            }
            Action::Questions(questions) => {
                ctx.store.set_feedback_questions(&questions)?;
                if let Some(loaded) = &mut self.planned {
                    loaded.questions = ctx.store.feedback_questions()?;
                }
                return Ok(());
            }
            Action::Introduce { month, company, pairs } => {
                let Some(Loaded { plan, .. }) = &self.planned else { return Ok(()) };
                let today = crate::clock::today();
                let date = plan.dates.get(month as usize - 1).copied().flatten().map_or(today, |d| d.min(today));
                let host = plan.months.iter().find(|m| m.month == month).and_then(|m| m.host);
                let host_name = host.and_then(|h| ctx.catalog.entry(h)).map(|e| display_name(&e.company).to_string());
                let note = tr!(
                    lang,
                    "{year} 年 {month} 月互访（东道主 {}）",
                    "Visit of {year}-{month:02} (host {})",
                    host_name.unwrap_or_default()
                );
                let introduced = match service::introduce_at_visit(ctx.store, &pairs, date, &note, None) {
                    Ok(n) => n,
                    Err(e) => {
                        ctx.fail(|l| e.message(l));
                        return Ok(());
                    }
                };
                let name = ctx.catalog.entry(company).map(|e| display_name(&e.company).to_string()).unwrap_or_default();
                ctx.notify(Notification::success(text!(
                    "已记为本次互访的引荐：{name}，{introduced} 项（见供需对接）",
                    "Recorded as introduced at this visit: {name}, {introduced} pairs (see Supplier matching)"
                )));
                ctx.send(AppCommand::DataChanged(Change::Matching));
                self.stale = true;
                return Ok(());
            }
            Action::Export => {
                if let Some(Loaded { plan, .. }) = &self.planned {
                    ctx.send(AppCommand::Export(crate::visits::export::plan_task(self.db.clone(), plan.clone())));
                }
                return Ok(());
            }
            Action::Pin(month, true) => {
                // Pinned as planned: the host and the plan's reasons are kept.
                let planned = self.plan().and_then(|p| p.months.iter().find(|m| m.month == month));
                let (host, why) = planned.map_or((None, String::new()), |m| (m.host, reasons_text(&m.reasons, lang)));
                ctx.store.set_visit_host(year, month, host, &why)?;
            }
            Action::Pin(month, false) => ctx.store.set_visit_pinned(year, month, false)?,
            Action::Confirm(edit) => {
                // The months must exist to swap them: the plan on show is saved first (its open
                // months only; settled ones stay).
                if let Some(Loaded { plan, .. }) = &self.planned {
                    service::save(ctx.store, plan, lang)?;
                }
                if edit.swap {
                    ctx.store.swap_visit_hosts(year, edit.month, edit.other_month, edit.reason.trim())?;
                } else {
                    ctx.store.set_visit_host(year, edit.month, edit.host, edit.reason.trim())?;
                }
                self.edit = None;
            }
        }
        ctx.send(AppCommand::DataChanged(Change::Visits));
        self.stale = true;
        Ok(())
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let year = self.year;
        ui.horizontal_wrapped(|ui| {
            if ui.button("◀").on_hover_text(lang.pick("上一年", "Previous year")).clicked() {
                self.actions.push(Action::Year(year - 1));
            }
            ui.heading(tr!(lang, "{year} 年互访计划", "Visits of {year}"));
            if ui.button("▶").on_hover_text(lang.pick("下一年", "Next year")).clicked() {
                self.actions.push(Action::Year(year + 1));
            }
            ui.separator();
            let Some(Loaded { plan, spring, .. }) = &self.planned else { return };
            let open = plan.months.iter().filter(|m| m.host.is_some() && !m.published).count();
            let publish = egui::Button::new(lang.pick("发布全年计划", "Publish the year's plan"));
            if ui.add_enabled(open > 0, publish).clicked() {
                self.actions.push(Action::Publish);
            }
            let mut on = *spring;
            let label = lang.pick("春节所在月也安排互访", "A visit in the Spring Festival month too");
            if ui.checkbox(&mut on, label).changed() {
                self.actions.push(Action::SpringFestival(on));
            }
            if ui.button(lang.pick("导出 Excel…", "Export to Excel…")).clicked() {
                self.actions.push(Action::Export);
            }
            ui.separator();
            ui.toggle_value(&mut self.show_matrix, matrix::toggle_label(lang));
        });
    }

    fn notes(&self, ui: &mut egui::Ui, lang: Lang) {
        let Some(Loaded { plan, .. }) = &self.planned else { return };
        let p = palette(ui);
        let year = plan.year;
        if plan.spring_festival_month.is_none() {
            ui.colored_label(
                p.warning,
                tr!(
                    lang,
                    "{year} 年不在农历表范围内：春节月份未知，未避开春节。",
                    "{year} is outside the lunar calendar's range: the Spring Festival month is unknown and not avoided."
                ),
            );
        }
        if !plan.holidays_known() {
            ui.colored_label(
                p.warning,
                tr!(
                    lang,
                    "{year} 年的法定节假日和调休安排尚未收录：日期只避开了周末，请核对。",
                    "{year}'s official holidays and make-up days are not known yet: dates only avoid weekends; please check them."
                ),
            );
        }
    }

    fn plan_table(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(Loaded { plan, .. }) = &self.planned else { return };
        // Beside the visit's panel the month, its host and the buttons stay; the panel repeats
        // the date, the state and the reasons.
        let specs = [
            ColumnSpec::key(lang.pick("月份", "Month"), 56.0, 48.0),
            ColumnSpec::optional(lang.pick("日期", "Date"), 100.0, 88.0, 1),
            ColumnSpec::key(lang.pick("东道主", "Host"), 160.0, 120.0),
            ColumnSpec::optional(lang.pick("片区", "Zone"), 90.0, 70.0, 4),
            ColumnSpec::optional(lang.pick("理由", "Why"), 300.0, 160.0, 2),
            ColumnSpec::optional(lang.pick("状态", "State"), 64.0, 56.0, 3),
            ColumnSpec::key(lang.pick("调整", "Change"), 210.0, 200.0),
        ];
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let p = palette(ui);
        let catalog = ctx.catalog;
        let mut actions = Vec::new();
        let mut edit = None;
        let mut clicked = None;
        // The whole year shows; the form and the change log below keep their room.
        let below = if self.edit.is_some() { 3.0 } else { 1.0 } * size::ROW_HEIGHT + table::HEADER_HEIGHT;
        let height = (ui.available_height() - below).max(size::ROW_HEIGHT * 6.0);
        table::builder(ui, "visit_plan", &fitted)
            .max_scroll_height(height)
            .header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &specs, &fitted))
            .body(|body| {
                body.rows(size::ROW_HEIGHT, plan.months.len(), |mut row| {
                    let index = row.index();
                    let month = &plan.months[index];
                    let entry = month.host.and_then(|id| catalog.entry(id));
                    row.set_selected(self.selected == Some(month.month));
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, tr!(lang, "{} 月", "{}", month.month), false),
                            1 => {
                                // The year is in the title: the day and its weekday.
                                let date = plan.dates[index]
                                    .map(|d| format!("{} {}", d.format("%m-%d"), weekday_name(d, lang)));
                                table::cell(ui, date.unwrap_or_else(|| "—".into()), false)
                            }
                            2 => table::cell(ui, entry.map_or("—", |e| display_name(&e.company)), false),
                            3 => table::cell(ui, entry.map_or("", |e| catalog.zone_name(e.company.zone_id)), false),
                            4 => table::cell(ui, reasons_text(&month.reasons, lang), false),
                            5 => {
                                let (state, colour) = match (month.published, month.pinned) {
                                    (true, _) => (lang.pick("已发布", "Published"), p.success),
                                    (false, true) => (lang.pick("已固定", "Pinned"), p.info),
                                    _ => (lang.pick("草案", "Draft"), ui.visuals().weak_text_color()),
                                };
                                table::cell(ui, egui::RichText::new(state).color(colour), false)
                            }
                            _ => {
                                let pin = if month.pinned {
                                    lang.pick("取消固定", "Unpin")
                                } else {
                                    lang.pick("固定", "Pin")
                                };
                                if month.host.is_some() && !month.published && ui.small_button(pin).clicked() {
                                    actions.push(Action::Pin(month.month, !month.pinned));
                                }
                                if ui.small_button(lang.pick("更换…", "Replace…")).clicked() {
                                    edit = Some(MonthEdit {
                                        month: month.month,
                                        swap: false,
                                        host: month.host,
                                        other_month: month.month,
                                        reason: String::new(),
                                    });
                                }
                                if ui.small_button(lang.pick("对调…", "Swap…")).clicked() {
                                    let other = if month.month == 12 { 11 } else { month.month + 1 };
                                    edit = Some(MonthEdit {
                                        month: month.month,
                                        swap: true,
                                        host: None,
                                        other_month: other,
                                        reason: String::new(),
                                    });
                                }
                            }
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(month.month);
                    }
                });
            });
        self.actions.extend(actions);
        if clicked.is_some() {
            self.selected = clicked;
            self.detail_expanded = true;
        }
        if edit.is_some() {
            self.edit = edit;
        }
    }

    fn edit_form(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(edit) = &mut self.edit else { return };
        let published = self.planned.as_ref().is_some_and(|Loaded { plan, .. }| {
            plan.months
                .iter()
                .any(|m| m.published && (m.month == edit.month || edit.swap && m.month == edit.other_month))
        });
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let month = edit.month;
            if edit.swap {
                let label = ui.label(tr!(lang, "{month} 月与", "Swap month {month} with"));
                egui::ComboBox::from_id_salt("swap_with")
                    .selected_text(tr!(lang, "{} 月", "month {}", edit.other_month))
                    .show_ui(ui, |ui| {
                        for m in (1..=12).filter(|m| *m != month) {
                            ui.selectable_value(&mut edit.other_month, m, tr!(lang, "{m} 月", "month {m}"));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.label(lang.pick("对调东道主", "(hosts swapped)"));
            } else {
                let label = tr!(lang, "{month} 月东道主", "Host of month {month}");
                let none = lang.pick("（本月不安排）", "(no visit this month)");
                let text = PickerText { label: &label, none };
                company_picker(ui, "visit_host", text, &mut edit.host, ctx.catalog, lang, false);
            }
        });
        let (mut confirm, mut cancel) = (false, false);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("原因", "Reason"));
            let field = egui::TextEdit::singleline(&mut edit.reason).desired_width(size::SEARCH_WIDTH * 1.5);
            ui.add(field).labelled_by(label.id);
            // A change to a published month is logged with its reason: it is required there.
            let ready = !published || !edit.reason.trim().is_empty();
            confirm = ui.add_enabled(ready, egui::Button::new(lang.pick("确定", "Apply"))).clicked();
            cancel = ui.button(lang.pick("取消", "Cancel")).clicked();
            if !ready {
                ui.weak(lang.pick(
                    "已发布的月份须写明原因，记入变更记录",
                    "A published month needs a reason, kept in the change log",
                ));
            }
        });
        if confirm {
            self.actions.push(Action::Confirm(edit.clone()));
        }
        if cancel {
            self.edit = None;
        }
    }

    /// The year's follow-ups after one was added, changed or deleted; the panel reads its month again.
    fn refresh_follow_ups(&mut self, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        if let Some(loaded) = &mut self.planned {
            loaded.follow_ups = ctx.store.follow_ups(self.year, None)?;
        }
        self.records = None;
        Ok(())
    }

    /// The year's feedback at a glance, and the form's questions to edit.
    fn feedback_summary(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(Loaded { questions, year_feedback, .. }) = &self.planned else { return };
        let (per_question, overall) = feedback::averages(questions, year_feedback);
        let mut edited = None;
        ui.collapsing(
            feedback_title(overall, year_feedback.iter().filter(|a| a.score.is_some()).count(), lang),
            |ui| {
                ui.horizontal_wrapped(|ui| {
                    for q in &per_question {
                        let average = q.average.map_or("—".to_string(), |a| format!("{a:.1}"));
                        ui.label(tr!(lang, "{} {average}（{} 份）", "{} {average} ({})", q.question, q.answers));
                        ui.separator();
                    }
                });
                let text = self.questions_text.get_or_insert_with(|| questions.join("\n"));
                let label = ui.label(
                    lang.pick("反馈表题目（每行一题，所有互访共用）", "The form's questions (one a line, every visit)"),
                );
                let response = ui.add(egui::TextEdit::multiline(text).desired_rows(3)).labelled_by(label.id);
                if response.lost_focus() {
                    edited = Some(
                        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<_>>(),
                    );
                }
            },
        );
        if let Some(questions) = edited.filter(|q| !q.is_empty()) {
            self.actions.push(Action::Questions(questions));
        }
    }

    fn change_log(&self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(Loaded { changes, .. }) = &self.planned else { return };
        if changes.is_empty() {
            return;
        }
        let name = |id: Option<CompanyId>| {
            id.and_then(|id| ctx.catalog.entry(id)).map_or("—".to_string(), |e| display_name(&e.company).to_string())
        };
        ui.collapsing(
            tr!(lang, "已发布月份的变更记录（{}）", "Changes to published months ({})", changes.len()),
            |ui| {
                for c in changes {
                    let at = c.changed_at.get(..10).unwrap_or(&c.changed_at);
                    let mut what = Vec::new();
                    if c.old_host != c.new_host {
                        what.push(format!("{} → {}", name(c.old_host), name(c.new_host)));
                    }
                    if let (Some(old), Some(new)) = (c.old_date, c.new_date) {
                        let day = crate::i18n::format::date;
                        what.push(tr!(lang, "日期 {} → {}", "day {} → {}", day(old), day(new)));
                    }
                    if !c.arrangements.is_empty() {
                        let fields: Vec<&str> = c.arrangements.iter().map(|a| a.label(lang)).collect();
                        what.push(tr!(lang, "{}已改", "{} changed", fields.join(lang.pick("、", ", "))));
                    }
                    let what = what.join(lang.pick("；", "; "));
                    ui.label(tr!(lang, "{at} · {} 月：{what} · {}", "{at} · month {}: {what} · {}", c.month, c.reason));
                }
            },
        );
    }
}

impl Screen for VisitsScreen {
    fn section(&self) -> Section {
        Section::Visits
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if !self.show_matrix {
            self.month_panel(ui, ctx);
        }
        let name =
            |id: CompanyId| ctx.catalog.entry(id).map_or(String::new(), |e| display_name(&e.company).to_string());
        if let Some(sheet) = &self.sheet {
            match sheet.ui(ui.ctx(), lang, &name) {
                Some(true) => self.actions.push(Action::RecordSheet),
                Some(false) => self.sheet = None,
                None => {}
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.toolbar(ui, lang);
            ui.add_space(space::S);
            if let Some(failure) = &self.failure {
                ui.colored_label(palette(ui).error, failure.get(lang));
            }
            if self.planned.is_none() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(lang.pick("正在排定全年计划…", "Working out the year's plan…"));
                });
                return;
            }
            if self.show_matrix {
                if let Some(loaded) = &self.planned {
                    matrix::matrix_view(ui, ctx, &loaded.matrix, &mut self.matrix_filter);
                }
                return;
            }
            self.notes(ui, lang);
            ui.weak(lang.pick(
                "从未承办的成员优先，其次兼顾片区和行业分布、上次承办时间和可供应的成员数。发布后的月份不会因重新排期而改变。",
                "Members who never hosted come first, then zones and industries spread out, the longest since hosting, and how many members each can supply. Published months never move on a re-plan.",
            ));
            ui.add_space(space::S);
            self.plan_table(ui, ctx);
            self.edit_form(ui, ctx);
            self.feedback_summary(ui, lang);
            self.change_log(ui, ctx);
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(Loaded { plan, changes, follow_ups, .. }) = &self.planned else { return };
        let published = plan.months.iter().filter(|m| m.published).count();
        let drafts = plan.months.iter().filter(|m| m.host.is_some() && !m.published).count();
        let today = crate::clock::today();
        let open = follow_ups.iter().filter(|f| !f.done).count();
        let overdue = follow_ups.iter().filter(|f| f.overdue(today)).count();
        ui.label(tr!(
            lang,
            "{} 年 · 已发布 {published} 个月 · 待发布 {drafts} 个月 · 变更 {} 次 · 跟进事项未办 {open} 项（逾期 {overdue}）",
            "{} · {published} months published · {drafts} to publish · {} changes · {open} follow-ups open ({overdue} overdue)",
            plan.year,
            changes.len()
        ));
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.apply_one(action, ctx) {
                ctx.fail(|l| e.message(l));
            }
        }
        // The selected month's guests, forms and follow-ups: small reads, when the selection changes.
        if let Some(month) = self.selected
            && self.records.as_ref().is_none_or(|r| r.month != month)
        {
            let (store, year) = (&*ctx.store, self.year);
            let read = || -> Result<MonthRecords, StoreError> {
                Ok(MonthRecords {
                    month,
                    details: store.visit_details(year, month)?,
                    guests: store.visit_guests(year, month)?,
                    answers: store.visit_feedback(year, Some(month))?,
                    follow_ups: store.follow_ups(year, Some(month))?,
                })
            };
            match read() {
                Ok(records) => self.records = Some(records),
                Err(e) => {
                    self.records = Some(MonthRecords {
                        month,
                        details: Default::default(),
                        guests: Vec::new(),
                        answers: Vec::new(),
                        follow_ups: Vec::new(),
                    });
                    ctx.fail(|l| e.message(l));
                }
            }
        }
        if let Some(sheet) = &mut self.sheet {
            sheet.read.poll();
        }
        if let Some(result) = self.planning.as_ref().and_then(Job::poll) {
            self.planning = None;
            match result {
                Ok(Ok(planned)) => {
                    self.failure = None;
                    self.planned = Some(planned);
                }
                Ok(Err(e)) => self.failure = Some(Text::from_fn(|l| e.message(l))),
                Err(e) => self.failure = Some(Text::from_fn(|l| e.message(l))),
            }
        }
        // Worked out when first shown and after every change, one run at a time.
        if self.stale && self.planning.is_none() && ctx.current == Section::Visits {
            self.start_planning(ctx);
        }
    }

    fn on_command(&mut self, command: &AppCommand, ctx: &mut ApplyCtx) {
        match command {
            AppCommand::DataChanged(_) => self.stale = true,
            AppCommand::OpenVisit { year, month } => {
                if *year != self.year {
                    self.switch_year(*year);
                }
                self.selected = Some(*month);
                self.detail_expanded = true;
                self.show_matrix = false;
            }
            AppCommand::FileChosen(FileFor::VisitSheet { year, month, kind }, path) => {
                let db = self.db.clone();
                self.sheet = Some(SheetImport::start(db, path.clone(), *kind, *year, *month, ctx.jobs));
            }
            _ => {}
        }
    }
}

fn feedback_title(overall: Option<f64>, answers: usize, lang: Lang) -> String {
    match overall {
        Some(average) => tr!(
            lang,
            "本年反馈：平均 {average:.1} 分（{answers} 项评分）",
            "This year's feedback: {average:.1} on average ({answers} scores)"
        ),
        None => lang.pick("本年反馈：尚无", "This year's feedback: none yet").to_string(),
    }
}

/// Who has visited whom, over every published visit whose attendance is recorded.
fn visit_matrix(store: &Store) -> Result<Matrix, StoreError> {
    let mut attendance = std::collections::BTreeMap::<(i32, u32), Vec<CompanyId>>::new();
    for (year, month, company) in store.all_attendance()? {
        attendance.entry((year, month)).or_default().push(company);
    }
    let visits = store
        .all_visit_months()?
        .into_iter()
        .filter(|m| m.published)
        .filter_map(|m| {
            let attended = attendance.remove(&(m.year, m.month))?;
            Some(HeldVisit { year: m.year, month: m.month, host: m.host?, attended })
        })
        .collect();
    let members: Vec<CompanyId> = store.live_companies()?.iter().map(|c| c.id).collect();
    Ok(Matrix::build(&members, visits))
}
