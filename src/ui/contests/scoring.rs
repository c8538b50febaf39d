//! One judge's score sheet: every entry in running order with its name and number beside the
//! cells, so a score cannot land on the wrong contestant; Tab or Enter goes on; a score outside
//! the criterion's range is refused on the spot. The judge signs (签字确认) and the sheet locks;
//! only the secretariat returns it, with a reason, and each change after is logged. The sheet
//! shows this judge's scores only.

use super::{Action, ContestsScreen};
use crate::contests::service::{Assignment, EventBoard};
use crate::domain::contest::SheetState;
use crate::domain::text::parse_number;
use crate::i18n::format;
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::theme::{palette, size, space};
use crate::ui::widgets::display_name;

impl ContestsScreen {
    pub(super) fn scoring(&mut self, ui: &mut egui::Ui, ctx: &Ctx, board: &EventBoard) {
        let lang = ctx.lang;
        let p = palette(ui);
        let panel: Vec<_> = board.judges.iter().filter(|j| board.panel.contains(&j.id)).collect();
        if panel.is_empty() {
            ui.label(lang.pick("先在“评委与回避”中选定评委组。", "Choose the panel under Judges first."));
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.pick("评委", "Judge"));
            for j in &panel {
                let state = board.sheet(j.id).state;
                let mark = if state.locked() { lang.pick("（已签）", " (signed)") } else { "" };
                if ui.selectable_label(self.judge == Some(j.id), format!("{}{mark}", j.name)).clicked() {
                    self.judge = Some(j.id);
                    self.typed.clear();
                    self.refused.clear();
                }
            }
        });
        let Some(judge) = self.judge.and_then(|id| board.judge(id)) else { return };
        let sheet = board.sheet(judge.id);
        let locked = sheet.state.locked();
        let missing = board.missing(judge);
        ui.horizontal_wrapped(|ui| {
            let state = match sheet.state {
                SheetState::Returned => tr!(lang, "已退回更正：{}", "Returned: {}", sheet.reason),
                state => state.label(lang).to_string(),
            };
            let colour = match sheet.state {
                SheetState::Submitted => p.success,
                SheetState::Returned => p.warning,
                SheetState::Open => ui.visuals().text_color(),
            };
            ui.colored_label(colour, tr!(lang, "{} 的评分表：{state}", "{}'s sheet: {state}", judge.name));
            if !locked {
                ui.label(tr!(lang, "尚缺 {missing} 项", "{missing} to go"));
                let sign = egui::Button::new(lang.pick("签字确认", "Sign and lock"));
                if ui.add_enabled(missing == 0, sign).clicked() {
                    self.actions.push(Action::Submit(judge.id));
                }
            }
        });
        if locked {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.pick("退回原因", "Why return it"));
                ui.add(egui::TextEdit::singleline(&mut self.return_reason).desired_width(240.0)).labelled_by(label.id);
                let ready = !self.return_reason.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new(lang.pick("退回更正（秘书处）", "Return for correction")))
                    .clicked()
                {
                    self.actions.push(Action::Return(judge.id, self.return_reason.trim().to_string()));
                }
            });
        }
        ui.add_space(space::S);
        let criteria = &board.event.criteria;
        let mut entered = Vec::new();
        let mut focus_next: Option<egui::Id> = None;
        egui::ScrollArea::vertical()
            .id_salt("score_grid")
            .max_height(ui.available_height() - size::ROW_HEIGHT * 4.0)
            .show(ui, |ui| {
                egui::Grid::new("score_grid").striped(true).spacing([space::M, space::S]).show(ui, |ui| {
                    ui.strong(lang.pick("顺序", "Order"));
                    ui.strong(lang.pick("选手", "Contestant"));
                    ui.strong(lang.pick("工号", "No."));
                    ui.strong(lang.pick("单位", "Company"));
                    for c in criteria {
                        ui.strong(tr!(lang, "{}（满分 {}）", "{} (of {})", c.name, format::points(c.max)));
                    }
                    ui.end_row();
                    let cell_id = |ui: &egui::Ui, entry: i64, c: usize| ui.make_persistent_id(("score", entry, c));
                    for (k, e) in board.entries.iter().enumerate() {
                        ui.label(e.order.map_or("—".into(), |o| o.to_string()));
                        ui.strong(&e.contestant);
                        ui.label(&e.employee_no);
                        ui.label(ctx.catalog.entry(e.company).map_or("", |c| display_name(&c.company)));
                        let assignment = board.assignment(judge, e);
                        for (c, criterion) in criteria.iter().enumerate() {
                            match assignment {
                                Assignment::Scores => {}
                                Assignment::Recused => {
                                    ui.colored_label(p.warning, lang.pick("回避", "Recused"));
                                    continue;
                                }
                                _ => {
                                    ui.weak(lang.pick("不评", "Not scored"));
                                    continue;
                                }
                            }
                            let stored = board.score(e.id, judge.id, c);
                            if locked {
                                ui.label(stored.map_or("—".into(), format::points));
                                continue;
                            }
                            let id = cell_id(ui, e.id, c);
                            let text = self
                                .typed
                                .entry((e.id, c))
                                .or_insert_with(|| stored.map_or(String::new(), format::points));
                            let label = tr!(lang, "{} {}", "{} {}", e.contestant, criterion.name);
                            let field = egui::TextEdit::singleline(text)
                                .id(id)
                                .desired_width(size::SCORE_CELL)
                                .align(egui::Align2::RIGHT_CENTER);
                            // Labelled with whose and which score it is, so tests and screen readers find it.
                            let response = ui.add(field);
                            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
                            if self.refused.contains_key(&(e.id, c)) {
                                ui.painter().rect_stroke(
                                    response.rect,
                                    2.0,
                                    egui::Stroke::new(2.0, p.error),
                                    egui::StrokeKind::Outside,
                                );
                            }
                            if response.lost_focus() {
                                let typed = text.trim();
                                let value = parse_number(typed).ok();
                                if value.is_some() || typed.is_empty() {
                                    let value = value.flatten();
                                    if value != stored {
                                        entered.push((e.id, c, value));
                                    }
                                } else {
                                    self.refused
                                        .insert((e.id, c), tr!(lang, "“{typed}”不是分数", "“{typed}” is not a score"));
                                }
                                // Enter goes down the column, as on a paper sheet; Tab goes across.
                                if ui.input(|i| i.key_pressed(egui::Key::Enter))
                                    && let Some(next) = board.entries.get(k + 1)
                                {
                                    focus_next = Some(cell_id(ui, next.id, c));
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        if let Some(id) = focus_next {
            ui.memory_mut(|m| m.request_focus(id));
        }
        for (entry, criterion, value) in entered {
            self.actions.push(Action::Score { judge: judge.id, entry, criterion, value });
        }
        for ((entry, c), why) in &self.refused {
            let who = board.entry(*entry).map_or("", |e| e.contestant.as_str());
            let what = criteria.get(*c).map_or("", |c| c.name.as_str());
            ui.colored_label(p.error, tr!(lang, "{who} {what}：{why}", "{who} {what}: {why}"));
        }
        if !board.corrections.is_empty() {
            ui.collapsing(tr!(lang, "更正记录（{}）", "Corrections ({})", board.corrections.len()), |ui| {
                for c in &board.corrections {
                    let who = board.entry(c.entry).map_or("", |e| e.contestant.as_str());
                    let what = criteria.get(c.criterion).map_or("", |c| c.name.as_str());
                    let value = |v: Option<f64>| v.map_or("—".into(), format::points);
                    let at = c.at.get(..16).unwrap_or(&c.at).replace('T', " ");
                    ui.label(tr!(
                        lang,
                        "{at} · {} · {who} {what}：{} → {} · {}",
                        "{at} · {} · {who} {what}: {} → {} · {}",
                        c.by,
                        value(c.old),
                        value(c.new),
                        c.reason
                    ));
                }
            });
        }
    }
}
