//! The contest's judges with their companies, who sits on this event's panel, and whom each
//! judge scores: a grid of entries by judges where 回避 (the judge's own company) can never be
//! ticked.

use super::{Action, ContestsScreen};
use crate::contests::service::{Assignment, EventBoard};
use crate::domain::CompanyId;
use crate::domain::contest::Judge;
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::theme::{palette, size};
use crate::ui::widgets::{PickerText, company_picker, display_name};

#[derive(Debug, Clone, Default)]
pub(super) struct JudgeDraft {
    pub name: String,
    pub company: Option<CompanyId>,
}

impl ContestsScreen {
    pub(super) fn judges(&mut self, ui: &mut egui::Ui, ctx: &Ctx, board: &EventBoard) {
        let lang = ctx.lang;
        let p = palette(ui);
        let draft = &mut self.judge_draft;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("评委姓名", "Judge"));
            ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(100.0)).labelled_by(label.id);
            let text = PickerText {
                label: lang.pick("所在单位", "Company"),
                none: lang.pick("（非成员单位）", "(not a member)"),
            };
            company_picker(ui, "judge_company", text, &mut draft.company, ctx.catalog, lang, false);
            let ready = !draft.name.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new(lang.pick("添加评委", "Add judge"))).clicked() {
                self.actions.push(Action::SaveJudge(Judge {
                    id: 0,
                    contest_id: board.event.contest_id,
                    name: draft.name.trim().to_string(),
                    company: draft.company,
                }));
                *draft = JudgeDraft::default();
            }
        });
        ui.weak(lang.pick(
            "勾选评委组后，评委默认评本项目全部选手；本单位的选手自动回避，不能指派。",
            "A judge on the panel scores every entry but their own company's, which can never be assigned.",
        ));
        let name =
            |id: CompanyId| ctx.catalog.entry(id).map_or(String::new(), |e| display_name(&e.company).to_string());
        egui::ScrollArea::both().id_salt("judges_grid").show(ui, |ui| {
            egui::Grid::new("judge_grid").striped(true).min_col_width(size::SCORE_CELL).show(ui, |ui| {
                ui.strong(lang.pick("评委", "Judge"));
                for e in &board.entries {
                    ui.label(&e.contestant).on_hover_text(name(e.company));
                }
                ui.end_row();
                for j in &board.judges {
                    let mut on = board.panel.contains(&j.id);
                    let company = j.company.map(name).unwrap_or_else(|| lang.pick("非成员单位", "not a member").into());
                    let label = format!("{}（{company}）", j.name);
                    if ui.checkbox(&mut on, label).changed() {
                        self.actions.push(Action::Panel(j.id, on));
                    }
                    for e in &board.entries {
                        match board.assignment(j, e) {
                            Assignment::Recused => {
                                let refuse = ui.add(
                                    egui::Button::new(
                                        egui::RichText::new(lang.pick("回避", "Recused")).color(p.warning),
                                    )
                                    .small(),
                                );
                                if refuse
                                    .on_hover_text(lang.pick("本单位选手，不能指派", "Own company: cannot be assigned"))
                                    .clicked()
                                {
                                    self.actions.push(Action::Assign { judge: j.id, entry: e.id, scores: true });
                                }
                            }
                            Assignment::NotOnPanel => {
                                ui.weak("—");
                            }
                            state => {
                                let mut scores = state == Assignment::Scores;
                                let text = tr!(lang, "{}评{}", "{} scores {}", j.name, e.contestant);
                                let response = ui.checkbox(&mut scores, "");
                                response.widget_info(|| {
                                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, scores, &text)
                                });
                                if response.changed() {
                                    self.actions.push(Action::Assign { judge: j.id, entry: e.id, scores });
                                }
                            }
                        }
                    }
                    ui.end_row();
                }
            });
        });
    }
}
