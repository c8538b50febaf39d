//! The selected month's visit, in the panel on the right: whom to invite and who came (ticked in
//! bulk, or read from the sign-in sheet), the feedback forms (typed, or read from Excel), and the
//! follow-ups the visit left, each of which can become a supplier-matching introduction.

use super::{Action, Loaded, VisitsScreen};
use crate::domain::CompanyId;
use crate::domain::events::FollowUp;
use crate::domain::text::parse_date;
use crate::domain::workdays::WorkCalendar;
use crate::i18n::Lang;
use crate::matching::board::pair_key;
use crate::store::{FeedbackAnswer, Guest, Reply, VisitDetails};
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::theme::{palette, size, space};
use crate::ui::widgets::{self, PickerText, company_picker, display_name};
use crate::visits::feedback;
use crate::visits::plan::reasons_text;
use crate::visits::service::weekday_name;
use crate::visits::sheets::VisitSheet;
use chrono::{Datelike, Days, NaiveDate};

/// What the panel shows of the selected month, as stored.
pub(super) struct MonthRecords {
    pub month: u32,
    pub details: VisitDetails,
    pub guests: Vec<Guest>,
    pub answers: Vec<FeedbackAnswer>,
    pub follow_ups: Vec<FollowUp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Tab {
    /// Day, time, place, theme and agenda.
    Arrangements,
    #[default]
    Invitations,
    Feedback,
    FollowUps,
}

/// A visit's arrangements being typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ArrangementsDraft {
    pub month: u32,
    pub date: String,
    pub details: VisitDetails,
    /// Why a published month changes (kept in its change log).
    pub reason: String,
}

impl ArrangementsDraft {
    /// The day typed, or why it cannot be read or held (a day off); a blank day keeps the one
    /// planned.
    fn date(&self, year: i32, calendar: &WorkCalendar, lang: Lang) -> Result<Option<NaiveDate>, String> {
        let text = self.date.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match parse_date(text) {
            Some(d) if d.year() == year && d.month() == self.month && calendar.workday(d) => Ok(Some(d)),
            Some(d) if d.year() == year && d.month() == self.month => Err(tr!(
                lang,
                "{} {} 是休息日，互访安排在工作日",
                "{} is a day off ({}): visits are held on working days",
                crate::i18n::format::date(d),
                weekday_name(d, lang)
            )),
            Some(_) => Err(tr!(lang, "日期须在本月（{year} 年 {} 月）", "The day must be in {year}-{:02}", self.month)),
            None => Err(tr!(
                lang,
                "日期“{text}”无法识别（如 2026-04-16）",
                "Date “{text}” not recognised (e.g. 2026-04-16)"
            )),
        }
    }
}

/// A follow-up being typed.
#[derive(Debug, Clone, Default)]
pub(super) struct FollowUpDraft {
    pub action: String,
    pub owner: String,
    pub due: String,
    pub a: Option<CompanyId>,
    pub b: Option<CompanyId>,
}

impl FollowUpDraft {
    /// The follow-up typed, or why it cannot be added yet.
    fn follow_up(&self, year: i32, month: u32, lang: Lang) -> Result<FollowUp, String> {
        let action = self.action.trim();
        if action.is_empty() {
            return Err(lang.pick("请写明要做什么", "Say what is to be done").into());
        }
        let due = match self.due.trim() {
            "" => None,
            text => Some(parse_date(text).ok_or_else(|| {
                tr!(
                    lang,
                    "截止日期“{text}”无法识别（如 2026-04-30）",
                    "Due date “{text}” not recognised (e.g. 2026-04-30)"
                )
            })?),
        };
        Ok(FollowUp {
            id: 0,
            year,
            month,
            action: action.to_string(),
            owner: self.owner.trim().to_string(),
            due,
            companies: (self.a, self.b),
            introduced: false,
            done: false,
        })
    }
}

impl VisitsScreen {
    /// The selected month's visit: its date and reasons, then the tab on show.
    pub(super) fn month_panel(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(month) = self.selected else { return };
        let Some(Loaded { plan, .. }) = &self.planned else { return };
        let host = plan.months.iter().find(|m| m.month == month).and_then(|m| m.host);
        let name =
            |id: CompanyId| ctx.catalog.entry(id).map_or(String::new(), |e| display_name(&e.company).to_string());
        let title = match host {
            Some(host) => tr!(lang, "{month} 月 · {}", "Month {month} · {}", name(host)),
            None => tr!(lang, "{month} 月", "Month {month}"),
        };
        let planned = plan.months.iter().zip(&plan.dates).find(|(m, _)| m.month == month);
        let date = planned.and_then(|(_, d)| *d);
        let mut actions = Vec::new();
        let records = self.records.as_ref().filter(|r| r.month == month);
        let tab = &mut self.tab;
        let draft = &mut self.follow_up_draft;
        // Another month's arrangements, half typed, give way to this month's.
        if self.arrangements.as_ref().is_some_and(|a| a.month != month) {
            self.arrangements = None;
        }
        let arrangements = &mut self.arrangements;
        let questions = self.planned.as_ref().map_or(&[][..], |l| l.questions.as_slice());
        let year = self.year;
        let event = widgets::detail_panel(ui, "visit_detail", &mut self.detail_expanded, &title, lang, |ui| {
            if let Some((m, date)) = planned {
                if let Some(date) = date {
                    ui.label(format!("{} {}", crate::i18n::format::date(*date), weekday_name(*date, lang)));
                }
                ui.label(reasons_text(&m.reasons, lang));
                ui.separator();
            }
            let Some(host) = host else {
                ui.label(lang.pick("本月没有安排互访。", "No visit this month."));
                return;
            };
            let Some(records) = records else {
                ui.spinner();
                return;
            };
            ui.horizontal_wrapped(|ui| {
                ui.selectable_value(tab, Tab::Arrangements, lang.pick("安排", "Arrangements"));
                ui.selectable_value(tab, Tab::Invitations, lang.pick("邀请与出席", "Invitations"));
                ui.selectable_value(tab, Tab::Feedback, lang.pick("反馈表", "Feedback"));
                let count = records.follow_ups.len();
                let label = tr!(lang, "跟进事项（{count}）", "Follow-ups ({count})");
                ui.selectable_value(tab, Tab::FollowUps, label);
            });
            ui.separator();
            match *tab {
                Tab::Arrangements => {
                    let draft = arrangements.get_or_insert_with(|| ArrangementsDraft {
                        month,
                        date: date.map(|d| d.to_string()).unwrap_or_default(),
                        details: records.details.clone(),
                        reason: String::new(),
                    });
                    let published = planned.is_some_and(|(m, _)| m.published);
                    let stored = Stored { details: &records.details, date, published, calendar: &plan.calendar };
                    arrangements_form(ui, lang, year, draft, &stored, &mut actions);
                }
                Tab::Invitations => invitations(ui, ctx, plan, host, month, records, &name, &mut actions),
                Tab::Feedback => {
                    ui.horizontal_wrapped(|ui| {
                        if ui.button(lang.pick("导入反馈表…", "Import forms…")).clicked() {
                            actions.push(Action::ChooseSheet(VisitSheet::Feedback));
                        }
                        if ui.button(lang.pick("导出反馈结果…", "Export results…")).clicked() {
                            actions.push(Action::ExportFeedback(month));
                        }
                    });
                    let attended: Vec<CompanyId> =
                        records.guests.iter().filter(|g| g.attended).map(|g| g.company).collect();
                    let mut answered = None;
                    feedback_form(ui, questions, &records.answers, &attended, &name, lang, &mut answered);
                    if let Some(answer) = answered {
                        actions.push(Action::Feedback(month, answer));
                    }
                }
                Tab::FollowUps => {
                    let today = crate::clock::today();
                    let view = FollowUpView { plan, year, month, date, today };
                    follow_ups(ui, ctx, &view, records, draft, &name, &mut actions);
                }
            }
        });
        self.actions.extend(actions);
        if event == Some(widgets::PanelEvent::Close) {
            self.selected = None;
        }
    }
}

/// A visit's arrangements as they stand, against which a draft is checked.
struct Stored<'a> {
    details: &'a VisitDetails,
    date: Option<NaiveDate>,
    published: bool,
    calendar: &'a WorkCalendar,
}

/// The visit's day, time, place, theme and agenda, saved together; a published month's change
/// needs a reason.
fn arrangements_form(
    ui: &mut egui::Ui,
    lang: Lang,
    year: i32,
    draft: &mut ArrangementsDraft,
    stored: &Stored,
    actions: &mut Vec<Action>,
) {
    let field = |ui: &mut egui::Ui, label: &str, text: &mut String| {
        ui.horizontal(|ui| {
            let label = ui.add_sized([size::LABEL_WIDTH * 0.6, size::ROW_HEIGHT], egui::Label::new(label));
            ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label.id);
        });
    };
    field(ui, lang.pick("日期", "Day"), &mut draft.date);
    field(ui, lang.pick("时间", "Time"), &mut draft.details.time);
    field(ui, lang.pick("地点", "Place"), &mut draft.details.place);
    field(ui, lang.pick("主题", "Theme"), &mut draft.details.theme);
    let label = ui.label(lang.pick("议程（每行一项）", "Agenda (one item a line)"));
    let agenda = egui::TextEdit::multiline(&mut draft.details.agenda).desired_rows(4).desired_width(f32::INFINITY);
    ui.add(agenda).labelled_by(label.id);
    let date = draft.date(year, stored.calendar, lang);
    let changed = draft.details != *stored.details || date.as_ref().is_ok_and(|d| d.is_some() && *d != stored.date);
    // What the members were told changes: the day moves, or something filled in is altered.
    let moved = date.as_ref().is_ok_and(|d| d.is_some_and(|d| stored.date.is_some_and(|s| s != d)));
    let needs_reason = stored.published && (moved || !stored.details.changes_to(&draft.details).is_empty());
    if needs_reason {
        field(ui, lang.pick("变更理由", "Why it changes"), &mut draft.reason);
    }
    let reason = draft.reason.trim();
    ui.horizontal_wrapped(|ui| {
        let ready = changed && date.is_ok() && !(needs_reason && reason.is_empty());
        if ui.add_enabled(ready, egui::Button::new(lang.pick("保存安排", "Save"))).clicked()
            && let Ok(date) = &date
        {
            actions.push(Action::SaveArrangements(draft.month, *date, draft.details.clone(), reason.to_string()));
        }
        match &date {
            Err(why) => {
                ui.colored_label(palette(ui).error, why);
            }
            Ok(_) if needs_reason => {
                ui.weak(lang.pick(
                    "本月已发布：请写明变更理由，保存后记入变更记录",
                    "This month is published: say why it changes; the change is logged",
                ));
            }
            Ok(_) => {
                ui.weak(lang.pick("保存后本月固定，重新排期不会改动", "Saving pins the month: a re-plan leaves it"));
            }
        }
    });
}

/// Whom to invite, ranked with why, and who came; bulk ticks, the sign-in sheet, the list.
#[allow(clippy::too_many_arguments)]
fn invitations(
    ui: &mut egui::Ui,
    ctx: &Ctx,
    plan: &crate::visits::service::YearPlan,
    host: CompanyId,
    month: u32,
    records: &MonthRecords,
    name: &dyn Fn(CompanyId) -> String,
    actions: &mut Vec<Action>,
) {
    let lang = ctx.lang;
    let invitees = plan.invitees.get(&host).map_or(&[][..], Vec::as_slice);
    let guests = &records.guests;
    let guest = |id: CompanyId| guests.iter().find(|g| g.company == id).copied();
    let (invited, attended) =
        (guests.iter().filter(|g| g.invited).count(), guests.iter().filter(|g| g.attended).count());
    let mut changed: Option<Vec<Guest>> = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr!(lang, "已邀请 {invited} 家 · 已出席 {attended} 家", "{invited} invited · {attended} attended"));
        // Inviting the whole list, and after the visit ticking everyone invited as there.
        if ui.small_button(lang.pick("邀请全部建议企业", "Invite all suggested")).clicked() {
            let all = invitees.iter().map(|i| {
                let g = guest(i.company);
                Guest { invited: true, ..g.unwrap_or(Guest { company: i.company, ..Guest::default() }) }
            });
            changed = Some(all.collect());
        }
        let everyone = egui::Button::new(lang.pick("受邀者全部出席", "All invited attended")).small();
        if ui.add_enabled(invited > 0, everyone).clicked() {
            changed = Some(guests.iter().filter(|g| g.invited).map(|g| Guest { attended: true, ..*g }).collect());
        }
    });
    let replied = |reply: Reply| guests.iter().filter(|g| g.invited && g.reply == reply).count();
    if invited > 0 {
        let (accepted, declined, awaiting) =
            (replied(Reply::Accepted), replied(Reply::Declined), replied(Reply::Awaiting));
        ui.label(tr!(
            lang,
            "回复：接受 {accepted} · 谢绝 {declined} · 未回复 {awaiting}",
            "Replies: {accepted} accepted · {declined} declined · {awaiting} awaiting"
        ));
    }
    ui.horizontal_wrapped(|ui| {
        if ui.small_button(lang.pick("导入签到表…", "Import sign-in sheet…")).clicked() {
            actions.push(Action::ChooseSheet(VisitSheet::Attendance));
        }
        if ui.small_button(lang.pick("导出邀请与出席名单…", "Export the list…")).clicked() {
            actions.push(Action::ExportGuests(month));
        }
    });
    ui.weak(lang.pick(
        "建议名单：先是东道主能供货或能为东道主供货的成员（按预计节约），再是同片区的近邻。",
        "Suggested: first the members the host could supply or be supplied by (by the saving at stake), then its neighbours in the zone.",
    ));
    ui.add_space(space::S);
    // Guests not on the suggested list (added by hand, or came anyway) come first.
    let others: Vec<Guest> =
        guests.iter().filter(|g| !invitees.iter().any(|i| i.company == g.company)).copied().collect();
    let mut introduce = None;
    let below = size::ROW_HEIGHT * 2.0;
    egui::ScrollArea::vertical().id_salt("invitees").max_height(ui.available_height() - below).show(ui, |ui| {
        let mut row = |ui: &mut egui::Ui, label: String, company: CompanyId| {
            let mut g = guest(company).unwrap_or(Guest { company, ..Guest::default() });
            ui.horizontal_wrapped(|ui| {
                ui.strong(label);
                let before = g;
                ui.checkbox(&mut g.invited, lang.pick("邀请", "Invited"));
                if g.invited {
                    // A reply is asked of the invited only; the label keeps the box findable.
                    let id = ui.make_persistent_id(("reply", company));
                    let text = format!("{}{}", lang.pick("回复", "Reply"), lang.colon());
                    egui::ComboBox::from_id_salt(id)
                        .selected_text(format!("{text}{}", g.reply.label(lang)))
                        .show_ui(ui, |ui| {
                            for reply in Reply::ALL {
                                ui.selectable_value(&mut g.reply, reply, reply.label(lang));
                            }
                        })
                        .response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &text));
                }
                ui.checkbox(&mut g.attended, lang.pick("出席", "Attended"));
                if g != before {
                    changed = Some(vec![g]);
                }
            });
        };
        for g in &others {
            row(ui, name(g.company), g.company);
        }
        for (rank, invitee) in invitees.iter().enumerate() {
            row(ui, format!("{}. {}", rank + 1, name(invitee.company)), invitee.company);
            for reason in &invitee.reasons {
                ui.label(egui::RichText::new(reason.text(lang)).small());
            }
            // The visit is where a match becomes an introduction.
            let open: Vec<(i64, i64)> =
                invitee.pairs.iter().copied().filter(|p| !plan.stages.contains_key(p)).collect();
            let done = invitee.pairs.len() - open.len();
            ui.horizontal_wrapped(|ui| {
                let record = tr!(lang, "记为本次引荐（{} 项）", "Record as introduced ({})", open.len());
                if !open.is_empty() && ui.small_button(record).clicked() {
                    introduce = Some((invitee.company, open));
                }
                if done > 0 {
                    ui.weak(tr!(lang, "已在跟进 {done} 项", "{done} already followed"));
                }
            });
            ui.add_space(space::S);
        }
    });
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        let text =
            PickerText { label: lang.pick("添加企业", "Add a company"), none: lang.pick("（无）", "(none)") };
        let mut pick = None;
        if company_picker(ui, "visit_guest", text, &mut pick, ctx.catalog, lang, false)
            && let Some(company) = pick
        {
            let before = guest(company).unwrap_or(Guest { company, ..Guest::default() });
            changed = Some(vec![Guest { invited: true, ..before }]);
        }
    });
    if let Some(guests) = changed {
        actions.push(Action::Guests(month, guests));
    }
    if let Some((company, pairs)) = introduce {
        actions.push(Action::Introduce { month, company, pairs });
    }
}

/// A visit's feedback forms: the averages, then for each company that attended a score of 1–5
/// for each question (0: not given) and a comment. An answer changed is sent back in `answered`.
fn feedback_form(
    ui: &mut egui::Ui,
    questions: &[String],
    answers: &[FeedbackAnswer],
    attended: &[CompanyId],
    name: &dyn Fn(CompanyId) -> String,
    lang: Lang,
    answered: &mut Option<FeedbackAnswer>,
) {
    let (per_question, overall) = feedback::averages(questions, answers);
    let given = answers.iter().filter(|a| a.score.is_some()).count();
    match overall {
        Some(average) => ui.strong(tr!(
            lang,
            "本次平均 {average:.1} 分（{given} 项评分）",
            "{average:.1} on average ({given} scores)"
        )),
        None => ui.strong(lang.pick("本次尚无评分", "No scores yet")),
    };
    for q in &per_question {
        let average = q.average.map_or("—".to_string(), |a| format!("{a:.1}"));
        ui.label(tr!(lang, "{}：{average}（{} 份）", "{}: {average} ({})", q.question, q.answers));
    }
    ui.separator();
    if attended.is_empty() {
        ui.weak(lang.pick("先在“邀请与出席”中勾选出席的企业。", "First tick who attended under Invitations."));
        return;
    }
    ui.weak(lang.pick("每题 1–5 分，0 为未填。", "Each question 1–5; 0 is not given."));
    egui::ScrollArea::vertical().id_salt("feedback").show(ui, |ui| {
        for &company in attended {
            ui.strong(name(company));
            let answer = |question: &str| {
                answers.iter().find(|a| a.company == company && a.question == question).cloned().unwrap_or(
                    FeedbackAnswer { company, question: question.to_string(), score: None, comment: String::new() },
                )
            };
            ui.horizontal_wrapped(|ui| {
                for question in questions {
                    let mut current = answer(question);
                    let mut score = current.score.unwrap_or(0);
                    let label = ui.label(question);
                    if ui.add(egui::DragValue::new(&mut score).range(0..=5)).labelled_by(label.id).changed() {
                        current.score = (score > 0).then_some(score);
                        *answered = Some(current);
                    }
                }
            });
            // The company's comment, kept with the form's empty question.
            let mut comment = answer("");
            let label = ui.label(lang.pick("意见建议", "Comments"));
            let field = egui::TextEdit::singleline(&mut comment.comment).desired_width(f32::INFINITY);
            if ui.add(field).labelled_by(label.id).changed() {
                *answered = Some(comment);
            }
            ui.add_space(space::S);
        }
    });
}

/// What the follow-ups tab reads of the visit.
struct FollowUpView<'a> {
    plan: &'a crate::visits::service::YearPlan,
    year: i32,
    month: u32,
    date: Option<NaiveDate>,
    today: NaiveDate,
}

/// The visit's follow-ups: each with its owner and due date (overdue ones stand out), done when
/// ticked; one between two companies becomes an introduction in one click. Then a new one.
fn follow_ups(
    ui: &mut egui::Ui,
    ctx: &Ctx,
    view: &FollowUpView,
    records: &MonthRecords,
    draft: &mut FollowUpDraft,
    name: &dyn Fn(CompanyId) -> String,
    actions: &mut Vec<Action>,
) {
    let lang = ctx.lang;
    let p = palette(ui);
    egui::ScrollArea::vertical().id_salt("follow_ups").show(ui, |ui| {
        new_follow_up(ui, ctx, view, draft, actions);
        ui.separator();
        if records.follow_ups.is_empty() {
            ui.weak(lang.pick("本次互访还没有跟进事项。", "No follow-ups for this visit yet."));
        }
        for f in &records.follow_ups {
            let mut done = f.done;
            if ui.checkbox(&mut done, &f.action).changed() {
                actions.push(Action::SaveFollowUp(FollowUp { done, ..f.clone() }));
            }
            let names: Vec<String> = [f.companies.0, f.companies.1].into_iter().flatten().map(name).collect();
            if !names.is_empty() {
                ui.label(names.join(" ↔ "));
            }
            ui.horizontal_wrapped(|ui| {
                if !f.owner.is_empty() {
                    ui.label(tr!(lang, "负责：{}", "Owner: {}", f.owner));
                }
                if let Some(due) = f.due {
                    let text = tr!(lang, "截止 {}", "Due {}", crate::i18n::format::date(due));
                    if f.overdue(view.today) {
                        ui.colored_label(p.error, tr!(lang, "{text} · 已逾期", "{text} · overdue"));
                    } else {
                        ui.label(text);
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                if f.introduced {
                    ui.colored_label(p.success, lang.pick("已转为供需对接引荐", "Became an introduction"));
                } else if let Some((a, b)) = f.pair() {
                    let pairs = view.plan.pairs_between.get(&pair_key(a, b)).map_or(&[][..], Vec::as_slice);
                    // Pairs already past suggestion are followed on the board already.
                    let open: Vec<(i64, i64)> = pairs
                        .iter()
                        .map(|p| (p.need_id, p.product_id))
                        .filter(|p| !view.plan.stages.contains_key(p))
                        .collect();
                    if pairs.is_empty() {
                        ui.weak(lang.pick(
                            "两家之间暂无匹配的需求与产品，补充后可转为引荐",
                            "No matched need and product between them yet",
                        ));
                    } else if open.is_empty() {
                        ui.weak(tr!(
                            lang,
                            "两家的 {} 项匹配已在供需对接中跟进",
                            "Their {} matched pairs are followed on the board already",
                            pairs.len()
                        ));
                    } else {
                        let label = tr!(lang, "转为供需对接引荐（{} 项）", "Make it an introduction ({})", open.len());
                        if ui.small_button(label).clicked() {
                            actions.push(Action::IntroduceFollowUp(f.clone(), open));
                        }
                    }
                }
                if ui.small_button(lang.pick("删除", "Delete")).clicked() {
                    actions.push(Action::DeleteFollowUp(f.id));
                }
            });
            ui.add_space(space::S);
        }
    });
}

/// The form of a new follow-up: what, who, by when, between which companies.
fn new_follow_up(
    ui: &mut egui::Ui,
    ctx: &Ctx,
    view: &FollowUpView,
    draft: &mut FollowUpDraft,
    actions: &mut Vec<Action>,
) {
    let lang = ctx.lang;
    if draft.due.is_empty()
        && let Some(date) = view.date
    {
        draft.due = (date + Days::new(14)).to_string();
    }
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("新增事项", "New follow-up"));
        let field = egui::TextEdit::singleline(&mut draft.action).desired_width(f32::INFINITY);
        ui.add(field).labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.pick("负责人", "Owner"));
        ui.add(egui::TextEdit::singleline(&mut draft.owner).desired_width(120.0)).labelled_by(label.id);
        let label = ui.label(lang.pick("截止日期", "Due"));
        ui.add(egui::TextEdit::singleline(&mut draft.due).desired_width(100.0)).labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        let none = lang.pick("（无）", "(none)");
        let (catalog, a, b) = (ctx.catalog, &mut draft.a, &mut draft.b);
        company_picker(
            ui,
            "follow_up_a",
            PickerText { label: lang.pick("企业", "Company"), none },
            a,
            catalog,
            lang,
            false,
        );
        company_picker(
            ui,
            "follow_up_b",
            PickerText { label: lang.pick("对方", "With"), none },
            b,
            catalog,
            lang,
            false,
        );
    });
    let typed = draft.follow_up(view.year, view.month, lang);
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(typed.is_ok(), egui::Button::new(lang.pick("添加", "Add"))).clicked()
            && let Ok(f) = &typed
        {
            actions.push(Action::SaveFollowUp(f.clone()));
            *draft = FollowUpDraft::default();
        }
        match &typed {
            Err(why) if !draft.action.is_empty() => {
                ui.colored_label(palette(ui).error, why);
            }
            _ => {
                ui.weak(lang.pick(
                    "两家企业之间的事项可一键转为供需对接引荐",
                    "One between two companies can become an introduction",
                ));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visits_day_must_be_read_in_its_month_and_a_working_day_or_left_as_planned() {
        let calendar = WorkCalendar::default();
        let mut draft = ArrangementsDraft {
            month: 4,
            date: String::new(),
            details: VisitDetails::default(),
            reason: String::new(),
        };
        assert_eq!(draft.date(2027, &calendar, Lang::Zh), Ok(None));
        draft.date = "2027年4月16日".into();
        assert_eq!(draft.date(2027, &calendar, Lang::Zh), Ok(NaiveDate::from_ymd_opt(2027, 4, 16)));
        draft.date = "2027-05-16".into();
        assert!(draft.date(2027, &calendar, Lang::Zh).unwrap_err().contains("本月"));
        draft.date = "下周四".into();
        assert!(draft.date(2027, &calendar, Lang::Zh).unwrap_err().contains("无法识别"));
        draft.date = "2027-04-17".into();
        assert!(draft.date(2027, &calendar, Lang::Zh).unwrap_err().contains("休息日"), "a Saturday");
        // 2026: Qingming is 4 to 6 April, a Saturday to a Monday.
        draft.month = 4;
        draft.date = "2026-04-06".into();
        assert!(draft.date(2026, &calendar, Lang::Zh).unwrap_err().contains("休息日"), "清明 holiday");
    }

    #[test]
    fn a_follow_up_needs_what_and_a_date_it_can_read() {
        let mut draft = FollowUpDraft { due: "2026-04-30".into(), ..Default::default() };
        assert!(draft.follow_up(2026, 3, Lang::Zh).is_err());
        draft.action = " 报价 ".into();
        let f = draft.follow_up(2026, 3, Lang::Zh).unwrap();
        assert_eq!((f.action.as_str(), f.due), ("报价", NaiveDate::from_ymd_opt(2026, 4, 30)));
        draft.due = "下周".into();
        assert!(draft.follow_up(2026, 3, Lang::Zh).unwrap_err().contains("下周"));
    }
}
