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
        // The cell Enter moves to: focused when it is next drawn (the frame that saves the score
        // re-reads the sheet, and a focus asked for in the frame the key was pressed did not hold).
        let focus_next = &mut self.focus_next;
        egui::ScrollArea::vertical()
            .id_salt("score_grid")
            // The sheet takes the height, leaving a line for a refused score and the log's title.
            .max_height(ui.available_height() - size::ROW_HEIGHT * 2.0)
            .show(ui, |ui| {
                // An empty cell is outlined, on a plain row as on a striped one.
                let outline = ui.visuals().widgets.noninteractive.bg_stroke;
                ui.visuals_mut().widgets.inactive.bg_stroke = outline;
                egui::Grid::new("score_grid").striped(true).spacing([space::M, space::S]).show(ui, |ui| {
                    ui.strong(lang.pick("顺序", "Order"));
                    ui.strong(lang.pick("选手", "Contestant"));
                    ui.strong(lang.pick("工号", "No."));
                    ui.strong(lang.pick("单位", "Company"));
                    for c in criteria {
                        ui.strong(tr!(lang, "{}（满分 {}）", "{} (of {})", c.name, format::points(c.max)));
                    }
                    ui.end_row();
                    // Not derived from the panel's place: a message appearing above the sheet must not
                    // take the keyboard from the cell being typed in.
                    let cell_id = |entry: i64, c: usize| egui::Id::unique(("contest-score-cell", entry, c));
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
                            let id = cell_id(e.id, c);
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
                            if *focus_next == Some((e.id, c)) {
                                response.request_focus();
                                *focus_next = None;
                            }
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
                                    && let Some(next) = board.entries[k + 1..]
                                        .iter()
                                        .find(|n| board.assignment(judge, n) == Assignment::Scores)
                                {
                                    *focus_next = Some((next.id, c));
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        for (entry, criterion, value) in entered {
            self.actions.push(Action::Score { judge: judge.id, entry, criterion, value });
        }
        for ((entry, c), why) in &self.refused {
            let who = board.entry(*entry).map_or("", |e| e.contestant.as_str());
            let what = criteria.get(*c).map_or("", |c| c.name.as_str());
            ui.colored_label(p.error, tr!(lang, "{who} {what}：{why}", "{who} {what}: {why}"));
        }
        if !board.corrections.is_empty() || !board.returns.is_empty() {
            let count = board.corrections.len() + board.returns.len();
            let time = |at: &str| at.get(..16).unwrap_or(at).replace('T', " ");
            ui.collapsing(tr!(lang, "更正记录（{count}）", "Corrections ({count})"), |ui| {
                // The returns and the corrections they allowed, in the order they happened.
                let mut lines: Vec<(&str, String)> = board
                    .returns
                    .iter()
                    .map(|r| {
                        let judge = board.judge(r.judge).map_or("", |j| j.name.as_str());
                        let at = time(&r.at);
                        let line = tr!(
                            lang,
                            "{at} · 秘书处退回{judge}的评分表 · {}",
                            "{at} · the secretariat returned {judge}'s sheet · {}",
                            r.reason
                        );
                        (r.at.as_str(), line)
                    })
                    .collect();
                for c in &board.corrections {
                    let who = board.entry(c.entry).map_or("", |e| e.contestant.as_str());
                    let what = criteria.get(c.criterion).map_or("", |c| c.name.as_str());
                    let value = |v: Option<f64>| v.map_or("—".into(), format::points);
                    let at = time(&c.at);
                    let line = tr!(
                        lang,
                        "{at} · {} · {who} {what}：{} → {} · {}",
                        "{at} · {} · {who} {what}: {} → {} · {}",
                        c.by,
                        value(c.old),
                        value(c.new),
                        c.reason
                    );
                    lines.push((c.at.as_str(), line));
                }
                lines.sort_by(|a, b| a.0.cmp(b.0));
                for (_, line) in lines {
                    ui.label(line);
                }
            });
        }
    }
}
