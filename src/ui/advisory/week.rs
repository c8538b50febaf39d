//! The service week (服务周): the week and the departments taking part chosen, the plan worked
//! out from the open requests (a preview, saved on request), then kept: each half-day's slots with
//! what they serve, moved by hand with every conflict shown, whether the department came, the
//! schedules exported per department and per company.

use super::{Action, AdvisoryScreen, Draft};
use crate::advisory::open_requests;
use crate::advisory::week::{
    DEFAULT_CAPACITY, OpenRequest, WeekInput, WeekPlan, conflicts, explain, plan_week, working_days,
};
use crate::domain::CompanyId;
use crate::domain::advisory::{Channel, Half, Place, Slot, When};
use crate::domain::text::parse_date;
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::theme::{palette, size, space};
use crate::ui::widgets::{PickerText, company_picker, display_name};
use chrono::{Days, NaiveDate, Weekday};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
pub(super) struct WeekState {
    /// Any day of the week to plan, as typed.
    pub week_of: String,
    /// The departments taking part (`None`: not chosen yet, every department with open requests).
    pub departments: Option<HashSet<i64>>,
    /// A plan worked out and not saved yet.
    pub preview: Option<(NaiveDate, Vec<i64>, WeekPlan)>,
    /// The saved week on show.
    pub shown: Option<NaiveDate>,
    /// The requests the saved week on show served, read from the desk once per week and desk (the
    /// screen drops them when it reads the desk again).
    pub served: Option<(NaiveDate, Vec<OpenRequest>)>,
    /// A company whose hosting capacity is being set, and the number chosen.
    pub capacity_company: Option<CompanyId>,
    pub capacity: usize,
}

/// Where a slot is, and under it why, wrapped to a width a projector shows whole.
fn place_and_why(ui: &mut egui::Ui, place: &str, why: &str) {
    ui.vertical(|ui| {
        ui.set_max_width(size::DETAIL_WIDTH);
        ui.label(place);
        ui.add(egui::Label::new(egui::RichText::new(why).small().weak()).wrap());
    });
}

fn when_text(w: &When, lang: crate::i18n::Lang) -> String {
    let weekday = crate::visits::service::weekday_name(w.day, lang);
    format!("{} {weekday} {}", w.day.format("%m-%d"), w.half.label(lang))
}

impl AdvisoryScreen {
    pub(super) fn week(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(desk) = self.desk.take() else { return };
        let p = palette(ui);
        let open = open_requests(&desk);
        let state = &mut self.week;
        if state.week_of.is_empty() {
            // The next week by default.
            state.week_of = (crate::clock::today().week(Weekday::Mon).first_day() + Days::new(7)).to_string();
        }
        let with_open: HashSet<i64> = open.iter().map(|r| r.department).collect();
        let chosen = state.departments.get_or_insert_with(|| with_open.clone());
        ui.horizontal_wrapped(|ui| {
            for (w, _) in &desk.weeks {
                let label = tr!(lang, "{} 周", "week of {}", crate::i18n::format::date(w.week_of));
                if ui.selectable_label(state.shown == Some(w.week_of) && state.preview.is_none(), label).clicked() {
                    state.shown = Some(w.week_of);
                    state.preview = None;
                }
            }
        });
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("安排哪一周（周内任一天）", "Plan the week of"));
            ui.add(egui::TextEdit::singleline(&mut state.week_of).desired_width(100.0)).labelled_by(label.id);
            let day = parse_date(state.week_of.trim());
            if let Some(day) = day {
                ui.weak(tr!(lang, "该周工作日 {} 天", "{} working days", working_days(day, &desk.calendar).len()));
            }
            if ui
                .add_enabled(
                    day.is_some() && !chosen.is_empty(),
                    egui::Button::new(lang.pick("生成安排", "Work out the plan")),
                )
                .clicked()
                && let Some(day) = day
            {
                let mut departments: Vec<i64> = chosen.iter().copied().collect();
                departments.sort_unstable();
                let zones: HashMap<CompanyId, String> = ctx
                    .catalog
                    .entries()
                    .iter()
                    .map(|e| (e.company.id, ctx.catalog.zone_name(e.company.zone_id).to_string()))
                    .collect();
                let input = WeekInput {
                    week_of: day,
                    calendar: &desk.calendar,
                    departments: &departments,
                    requests: &open,
                    zones: &zones,
                    capacity: &desk.capacity,
                };
                state.preview = Some((day.week(Weekday::Mon).first_day(), departments.clone(), plan_week(&input)));
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.pick("参加部门：", "Taking part:"));
            for d in &desk.departments {
                let mut on = chosen.contains(&d.id);
                let count = open.iter().filter(|r| r.department == d.id).count();
                if ui.checkbox(&mut on, tr!(lang, "{}（{count}）", "{} ({count})", d.short_name)).changed() {
                    if on {
                        chosen.insert(d.id);
                    } else {
                        chosen.remove(&d.id);
                    }
                }
            }
        });
        let title = tr!(
            lang,
            "企业接待能力（未设定的每半天最多接待 {} 个部门；已设定 {} 家）",
            "Hosting (unless set, a company receives at most {} departments a half-day; {} set)",
            DEFAULT_CAPACITY,
            desk.capacity.len()
        );
        // Its own id: the title's count changes as companies are set, and it must stay open.
        egui::CollapsingHeader::new(title).id_salt("hosting_capacity").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let text =
                    PickerText { label: lang.pick("企业", "Company"), none: lang.pick("（未选）", "(none)") };
                company_picker(ui, "capacity_company", text, &mut state.capacity_company, ctx.catalog, lang, false);
                if state.capacity == 0 {
                    state.capacity = DEFAULT_CAPACITY;
                }
                let label = ui.label(lang.pick("每半天可接待部门数", "Departments a half-day"));
                ui.add(egui::DragValue::new(&mut state.capacity).range(1..=9)).labelled_by(label.id);
                if ui
                    .add_enabled(state.capacity_company.is_some(), egui::Button::new(lang.pick("设定", "Set")))
                    .clicked()
                    && let Some(company) = state.capacity_company
                {
                    self.actions.push(Action::Capacity(company, Some(state.capacity)));
                }
            });
            let mut set: Vec<(&CompanyId, &usize)> = desk.capacity.iter().collect();
            set.sort_by_key(|(c, _)| ctx.catalog.position(**c));
            for (&company_id, &n) in set {
                ui.horizontal(|ui| {
                    let name = ctx.catalog.entry(company_id).map_or("", |e| display_name(&e.company));
                    ui.label(tr!(lang, "{name}：每半天 {n} 个部门", "{name}: {n} departments a half-day"));
                    if ui.small_button(lang.pick("恢复默认", "Back to the default")).clicked() {
                        self.actions.push(Action::Capacity(company_id, None));
                    }
                });
            }
        });
        ui.separator();
        let by_id: HashMap<i64, &OpenRequest> = open.iter().map(|r| (r.id, r)).collect();
        let department = |id: i64| desk.department(Some(id)).map_or(String::new(), |d| d.short_name.clone());
        let company =
            |id: CompanyId| ctx.catalog.entry(id).map_or(String::new(), |e| display_name(&e.company).to_string());
        let place = |s: &Slot| match &s.place {
            Place::Centre(session) => tr!(lang, "社区中心 · {}", "Community centre · {}", session.label(lang)),
            Place::Companies(cs) => cs.iter().map(|c| company(*c)).collect::<Vec<_>>().join(lang.pick("、", ", ")),
        };
        if let Some((week_of, departments, plan)) = &state.preview {
            ui.horizontal_wrapped(|ui| {
                ui.strong(tr!(
                    lang,
                    "{} 周的安排（未保存）",
                    "Week of {} (not saved)",
                    crate::i18n::format::date(*week_of)
                ));
                if ui.button(lang.pick("保存安排", "Save the plan")).clicked() {
                    self.actions.push(Action::SaveWeek(*week_of, departments.clone(), plan.slots.clone()));
                }
            });
            if !plan.unplaced.is_empty() {
                ui.colored_label(
                    p.warning,
                    tr!(
                        lang,
                        "本周排不下 {} 件诉求，留待下次服务周",
                        "{} requests do not fit this week",
                        plan.unplaced.len()
                    ),
                );
            }
            egui::ScrollArea::vertical().id_salt("week_preview").show(ui, |ui| {
                egui::Grid::new("week_preview_grid").striped(true).show(ui, |ui| {
                    for s in &plan.slots {
                        ui.label(when_text(&s.when, lang));
                        ui.strong(department(s.department));
                        place_and_why(ui, &place(s), &explain(s, &by_id, lang));
                        ui.end_row();
                    }
                });
            });
        } else if let Some((w, slots)) = state.shown.and_then(|d| desk.weeks.iter().find(|(w, _)| w.week_of == d)) {
            ui.horizontal_wrapped(|ui| {
                ui.strong(tr!(lang, "{} 周的服务安排", "The service week of {}", crate::i18n::format::date(w.week_of)));
                if ui.button(lang.pick("导出日程…", "Export the schedules…")).clicked() {
                    self.actions.push(Action::ExportWeek(w.week_of));
                }
                if ui.button(lang.pick("登记服务周诉求…", "A request raised this week…")).clicked() {
                    self.draft = Some(Draft {
                        raised_on: crate::clock::today().to_string(),
                        channel: Channel::ServiceWeek,
                        ..Draft::default()
                    });
                    self.tab = super::Tab::Requests;
                }
            });
            // The requests the week served, whatever has become of them since (a past week's are
            // mostly resolved now).
            if state.served.as_ref().is_none_or(|(week_of, _)| *week_of != w.week_of) {
                let wanted: HashSet<i64> = slots.iter().flat_map(|s| s.slot.requests.iter().copied()).collect();
                let served = desk
                    .requests
                    .iter()
                    .filter(|r| wanted.contains(&r.id))
                    .map(|r| OpenRequest {
                        id: r.id,
                        number: r.number.clone(),
                        category: r.category.clone(),
                        company: r.company,
                        department: r.department.unwrap_or_default(),
                    })
                    .collect();
                state.served = Some((w.week_of, served));
            }
            let served = state.served.as_ref().map_or(&[][..], |(_, served)| served.as_slice());
            let by_id: HashMap<i64, &OpenRequest> = served.iter().map(|r| (r.id, r)).collect();
            let plain: Vec<Slot> = slots.iter().map(|s| s.slot.clone()).collect();
            for c in conflicts(&plain, &desk.capacity) {
                ui.colored_label(p.error, c.message(&department, &company, lang));
            }
            let half_days: Vec<When> = working_days(w.week_of, &desk.calendar)
                .into_iter()
                .flat_map(|day| [Half::Morning, Half::Afternoon].map(|half| When { day, half }))
                .collect();
            egui::ScrollArea::vertical()
                .id_salt("week_slots")
                .max_height(ui.available_height() - size::ROW_HEIGHT)
                .show(ui, |ui| {
                    egui::Grid::new("week_slots_grid").striped(true).spacing([space::M, space::S]).show(ui, |ui| {
                        for stored in slots {
                            let s = &stored.slot;
                            let mut when = s.when;
                            let label = tr!(lang, "{} 的时间", "When {}", department(s.department));
                            egui::ComboBox::from_id_salt(("slot_when", stored.id))
                                .selected_text(when_text(&s.when, lang))
                                .show_ui(ui, |ui| {
                                    for h in &half_days {
                                        ui.selectable_value(&mut when, *h, when_text(h, lang));
                                    }
                                })
                                .response
                                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
                            if when != s.when {
                                self.actions.push(Action::MoveSlot(stored.id, when));
                            }
                            ui.strong(department(s.department));
                            place_and_why(ui, &place(s), &explain(s, &by_id, lang));
                            let mut came = stored.attended.unwrap_or(false);
                            if ui.checkbox(&mut came, lang.pick("到场", "Came")).changed() {
                                self.actions.push(Action::Attended(stored.id, Some(came)));
                            }
                            ui.end_row();
                        }
                    });
                });
        } else {
            ui.weak(lang.pick(
                "选好周和参加部门后点“生成安排”：各部门按片区走访有在办诉求的企业，半天一处，每家企业同一半天接待的部门不超过其接待能力；各部门到场最多的那天在社区中心举办政策说明会和培训讲座。",
                "Choose the week and the departments, then work out the plan: each department visits the companies with its open requests zone by zone, one place a half-day, no company receiving more departments at once than it can; a policy briefing and a training talk at the centre on the day most are out.",
            ));
        }
        self.desk = Some(desk);
    }
}
