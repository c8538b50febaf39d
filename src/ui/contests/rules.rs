//! An event's rules (赛项规程): criteria with weights and maxima, how the judges' scores are
//! combined, when judges disagree, the tie-break chain, how many of each award.

use super::{Action, ContestsScreen};
use crate::contests::rank::{chain_text, tie_break_name};
use crate::contests::service::EventBoard;
use crate::domain::contest::{Aggregation, Criterion, MIN_JUDGES_TO_DROP, TieBreak};
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::theme::{palette, space};

impl ContestsScreen {
    pub(super) fn rules(&mut self, ui: &mut egui::Ui, ctx: &Ctx, board: &EventBoard) {
        let lang = ctx.lang;
        let p = palette(ui);
        let draft = self.rules_draft.get_or_insert_with(|| board.event.clone());
        egui::ScrollArea::vertical().id_salt("rules").show(ui, |ui| {
            ui.strong(lang.pick("评分内容", "Criteria"));
            let mut remove = None;
            // Scores are kept by criterion's place: once there are any, criteria are only added.
            let scored = !board.scores.is_empty();
            egui::Grid::new("criteria").num_columns(4).spacing([space::M, space::S]).show(ui, |ui| {
                ui.label(lang.pick("名称", "Name"));
                ui.label(lang.pick("权重 %", "Weight %"));
                ui.label(lang.pick("满分", "Maximum"));
                ui.end_row();
                for (i, c) in draft.criteria.iter_mut().enumerate() {
                    let name = ui.add(egui::TextEdit::singleline(&mut c.name).desired_width(120.0));
                    ui.add(egui::DragValue::new(&mut c.weight).range(0.0..=100.0).speed(1.0)).labelled_by(name.id);
                    ui.add(egui::DragValue::new(&mut c.max).range(1.0..=1000.0).speed(1.0)).labelled_by(name.id);
                    let button = egui::Button::new(lang.pick("删除", "Remove")).small();
                    let hint = lang.pick("已有评分，不能删除评分内容", "Scores exist: a criterion cannot be removed");
                    if ui.add_enabled(!scored, button).on_disabled_hover_text(hint).clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
            if let Some(i) = remove {
                draft.criteria.remove(i);
                // The chain's steps name criteria by place: those of the removed one go, later
                // ones move up.
                draft.tie_breaks = draft
                    .tie_breaks
                    .iter()
                    .filter_map(|t| match *t {
                        TieBreak::Criterion(c) if c == i => None,
                        TieBreak::Criterion(c) if c > i => Some(TieBreak::Criterion(c - 1)),
                        other => Some(other),
                    })
                    .collect();
            }
            if ui.small_button(lang.pick("添加评分内容", "Add a criterion")).clicked() {
                draft.criteria.push(Criterion { name: lang.pick("新项目", "New").into(), weight: 0.0, max: 100.0 });
            }
            ui.add_space(space::M);
            ui.horizontal_wrapped(|ui| {
                ui.label(lang.pick("计分方法", "Scores combined by"));
                for a in Aggregation::ALL {
                    ui.selectable_value(&mut draft.aggregation, a, a.label(lang));
                }
            });
            ui.horizontal_wrapped(|ui| {
                let label =
                    ui.label(lang.pick("评委不少于几位时去掉最高最低分", "Drop the extremes from this many judges"));
                ui.add(egui::DragValue::new(&mut draft.drop_from).range(MIN_JUDGES_TO_DROP..=15)).labelled_by(label.id);
                let label = ui.label(lang.pick("评委分差超过几分提示复核", "Flag judges this far apart"));
                ui.add(egui::DragValue::new(&mut draft.disagreement).range(1.0..=100.0)).labelled_by(label.id);
            });
            ui.add_space(space::M);
            ui.strong(lang.pick("同分排序（依次比较）", "Tie-breaks, in turn"));
            ui.label(chain_text(draft, lang));
            let mut step = None;
            for (i, t) in draft.tie_breaks.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(format!("{}. {}", i + 1, tie_break_name(draft, *t, lang)));
                    if i > 0 && ui.small_button("↑").clicked() {
                        step = Some((i, true));
                    }
                    if ui.small_button(lang.pick("删除", "Remove")).clicked() {
                        step = Some((i, false));
                    }
                });
            }
            match step {
                Some((i, true)) => draft.tie_breaks.swap(i, i - 1),
                Some((i, false)) => {
                    draft.tie_breaks.remove(i);
                }
                None => {}
            }
            ui.horizontal_wrapped(|ui| {
                let options = (0..draft.criteria.len()).map(TieBreak::Criterion).chain([TieBreak::ShorterTime]);
                for t in options.filter(|t| !draft.tie_breaks.contains(t)).collect::<Vec<_>>() {
                    let label = tr!(lang, "加上：{}", "Add: {}", tie_break_name(draft, t, lang));
                    if ui.small_button(label).clicked() {
                        draft.tie_breaks.push(t);
                    }
                }
            });
            ui.add_space(space::M);
            ui.strong(lang.pick("奖项名额", "Awards"));
            ui.horizontal_wrapped(|ui| {
                let a = &mut draft.awards;
                for (label, count) in [
                    (lang.pick("一等奖", "First"), &mut a.first),
                    (lang.pick("二等奖", "Second"), &mut a.second),
                    (lang.pick("三等奖", "Third"), &mut a.third),
                    (lang.pick("优秀奖", "Mentions"), &mut a.excellent),
                ] {
                    let label = ui.label(label);
                    ui.add(egui::DragValue::new(count).range(0..=100)).labelled_by(label.id);
                }
            });
            ui.add_space(space::M);
            ui.horizontal_wrapped(|ui| {
                let problem = draft.problem();
                let changed = *draft != board.event;
                if ui
                    .add_enabled(
                        changed && problem.is_none(),
                        egui::Button::new(lang.pick("保存规程", "Save the rules")),
                    )
                    .clicked()
                {
                    self.actions.push(Action::SaveRules(draft.clone()));
                }
                if changed && ui.button(lang.pick("放弃修改", "Discard")).clicked() {
                    *draft = board.event.clone();
                }
                if let Some(problem) = problem {
                    ui.colored_label(p.error, problem.message(lang));
                }
            });
        });
    }
}
