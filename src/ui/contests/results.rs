//! The event's results: the rule and the tie-break chain stated above the ranking; each entry's
//! rank (shared ranks say so), total, criteria, award, what decided a tie, and a flag where the
//! judges disagree; a click says how the total was computed. Then the team table, and the
//! exports for the certificates.

use super::{Action, ContestsScreen};
use crate::contests::aggregate::explain;
use crate::contests::rank::{chain_text, teams, tie_break_name};
use crate::contests::service::EventBoard;
use crate::domain::contest::Aggregation;
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::table::{self, ColumnSpec};
use crate::ui::theme::{palette, size, space};
use crate::ui::widgets::display_name;

fn number(x: f64) -> String {
    format!("{x:.2}")
}

impl ContestsScreen {
    pub(super) fn results(&mut self, ui: &mut egui::Ui, ctx: &Ctx, board: &EventBoard) {
        let lang = ctx.lang;
        let p = palette(ui);
        let event = &board.event;
        let weights: Vec<String> = event.criteria.iter().map(|c| format!("{} {}%", c.name, c.weight)).collect();
        let rule = match event.aggregation {
            Aggregation::DropExtremes => tr!(
                lang,
                "{}（评委不少于 {} 位时）",
                "{} (with {} judges or more)",
                event.aggregation.label(lang),
                event.drop_from
            ),
            other => other.label(lang).to_string(),
        };
        ui.label(tr!(lang, "计分：{rule} · 权重：{}", "Scoring: {rule} · weights: {}", weights.join(" · ")));
        ui.label(tr!(lang, "同分排序：{}", "Ties: {}", chain_text(event, lang)));
        ui.horizontal_wrapped(|ui| {
            if ui.button(lang.pick("导出获奖名单…", "Export the awards…")).clicked() {
                self.actions.push(Action::ExportAwards);
            }
            if ui.button(lang.pick("导出本项目评分表…", "Export this event's scores…")).clicked() {
                self.actions.push(Action::ExportSheet);
            }
        });
        let mut specs = vec![
            ColumnSpec::key(lang.pick("名次", "Rank"), 72.0, 60.0),
            ColumnSpec::key(lang.pick("选手", "Contestant"), 80.0, 70.0),
            ColumnSpec::optional(lang.pick("单位", "Company"), 130.0, 90.0, 2),
            ColumnSpec::key(lang.pick("总分", "Total"), 64.0, 60.0).numeric(),
        ];
        // Criteria names are the user's: their columns are titled in the table's header row.
        specs.extend(event.criteria.iter().map(|_| ColumnSpec::optional("", 60.0, 52.0, 3).numeric()));
        specs.push(ColumnSpec::key(lang.pick("奖项", "Award"), 64.0, 56.0));
        specs.push(ColumnSpec::optional(lang.pick("说明", "Note"), 220.0, 120.0, 1));
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let criteria = event.criteria.len();
        let unranked: Vec<_> = board.entries.iter().filter(|e| !board.ranked.iter().any(|r| r.entry == e.id)).collect();
        let rows = board.ranked.len() + unranked.len();
        let mut clicked = None;
        let height = (ui.available_height() - size::ROW_HEIGHT * 6.0).max(size::ROW_HEIGHT * 6.0);
        table::builder(ui, "contest_results", &fitted)
            .max_scroll_height(height)
            .header(table::HEADER_HEIGHT, |mut header| {
                for &(i, _) in &fitted {
                    header.col(|ui| {
                        if (4..4 + criteria).contains(&i) {
                            ui.strong(&event.criteria[i - 4].name);
                        } else {
                            table::header(ui, &specs[i], false, None);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(size::ROW_HEIGHT, rows, |mut row| {
                    let index = row.index();
                    let (entry_id, ranked) = match board.ranked.get(index) {
                        Some(r) => (r.entry, Some(r)),
                        None => (unranked[index - board.ranked.len()].id, None),
                    };
                    let Some(entry) = board.entry(entry_id) else { return };
                    let result = board.results.iter().find(|r| r.entry == entry_id);
                    row.set_selected(self.explained == Some(entry_id));
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => {
                                let rank = match ranked {
                                    Some(r) if r.shared => tr!(lang, "{}（并列）", "{} (tied)", r.rank),
                                    Some(r) => r.rank.to_string(),
                                    None => lang.pick("未评完", "incomplete").into(),
                                };
                                table::cell(ui, rank, false)
                            }
                            1 => table::cell(ui, &entry.contestant, false),
                            2 => table::cell(
                                ui,
                                ctx.catalog.entry(entry.company).map_or("", |c| display_name(&c.company)),
                                false,
                            ),
                            3 => table::cell(ui, result.and_then(|r| r.total).map_or("—".into(), number), true),
                            i if i < 4 + criteria => {
                                let value = result.and_then(|r| r.criteria[i - 4].value);
                                table::cell(ui, value.map_or("—".into(), number), true)
                            }
                            i if i == 4 + criteria => {
                                let award = ranked.and_then(|r| r.award).map_or("", |a| a.label(lang));
                                table::cell(ui, egui::RichText::new(award).color(p.success), false)
                            }
                            _ => {
                                let mut notes = Vec::new();
                                if let Some(t) = ranked.and_then(|r| r.decided_by) {
                                    let by = tie_break_name(event, t, lang);
                                    notes.push(tr!(
                                        lang,
                                        "与上一名总分相同，按{by}排后",
                                        "Same total as above; placed by {by}"
                                    ));
                                }
                                if ranked.is_some_and(|r| r.shared) {
                                    notes.push(
                                        lang.pick(
                                            "同分规则全部比较后仍相同，并列",
                                            "Equal through the whole chain: tied",
                                        )
                                        .into(),
                                    );
                                }
                                if result.is_some_and(|r| r.flagged()) {
                                    notes.push(lang.pick("评委分歧较大，请复核", "Judges far apart: review").into());
                                }
                                let colour = if result.is_some_and(|r| r.flagged()) {
                                    p.warning
                                } else {
                                    ui.visuals().text_color()
                                };
                                table::cell(
                                    ui,
                                    egui::RichText::new(notes.join(lang.pick("；", "; "))).color(colour),
                                    false,
                                )
                            }
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(entry_id);
                    }
                });
            });
        if clicked.is_some() {
            self.explained = clicked;
        }
        ui.add_space(space::S);
        let judge = |id: i64| board.judge(id).map_or(String::new(), |j| j.name.clone());
        match self.explained.and_then(|id| board.results.iter().find(|r| r.entry == id)) {
            Some(result) => {
                let who = board.entry(result.entry).map_or("", |e| e.contestant.as_str());
                ui.label(tr!(lang, "{who}：{}", "{who}: {}", explain(event, result, &judge, lang)));
            }
            None => {
                ui.weak(
                    lang.pick("点一名选手，看总分是怎样算出的。", "Click an entry to see how its total was computed."),
                );
            }
        }
        ui.collapsing(lang.pick("团体成绩（按单位）", "Teams (by company)"), |ui| {
            egui::Grid::new("teams").striped(true).show(ui, |ui| {
                for h in [
                    lang.pick("单位", "Company"),
                    lang.pick("参赛", "Entries"),
                    lang.pick("一等奖", "First"),
                    lang.pick("二等奖", "Second"),
                    lang.pick("三等奖", "Third"),
                    lang.pick("优秀奖", "Mentions"),
                    lang.pick("平均分", "Average"),
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for t in teams(&board.entries, &board.results, &board.ranked) {
                    ui.label(ctx.catalog.entry(t.company).map_or("", |c| display_name(&c.company)));
                    ui.label(t.entries.to_string());
                    for n in t.awards {
                        ui.label(n.to_string());
                    }
                    ui.label(number(t.average));
                    ui.end_row();
                }
            });
        });
    }
}
