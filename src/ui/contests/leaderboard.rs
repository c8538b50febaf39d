//! The leaderboard for the room: the event's ranking full screen in type readable from the back
//! (every line at least 1/20 of the screen's height), revealed from the keyboard — from last place
//! up, one at a time, or award by award — so the room sees a result only when it is announced.
//! Rows not revealed yet show as ？？？. The tie-break chain the ranking follows is stated under the
//! title. Esc leaves.

use crate::contests::rank::chain_text;
use crate::contests::service::EventBoard;
use crate::domain::contest::Award;
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::theme::palette;
use crate::ui::widgets::display_name;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Leaderboard {
    /// Rows revealed, counted from the last place up.
    pub revealed: usize,
    /// Reveal a whole award tier at a time.
    pub by_award: bool,
}

/// Which reveal step a row is in when revealing award by award: the unplaced first, then 优秀奖,
/// 三等奖, 二等奖 and 一等奖 last.
fn tier(award: Option<Award>) -> usize {
    match award {
        None => 0,
        Some(Award::Excellent) => 1,
        Some(Award::Third) => 2,
        Some(Award::Second) => 3,
        Some(Award::First) => 4,
    }
}

impl Leaderboard {
    /// One step further: the next row up, or the next award's rows.
    fn next(&mut self, board: &EventBoard) {
        let n = board.ranked.len();
        if self.revealed >= n {
            return;
        }
        if self.by_award {
            // The row about to be revealed, and every row above it of the same award.
            let step = tier(board.ranked[n - 1 - self.revealed].award);
            while self.revealed < n && tier(board.ranked[n - 1 - self.revealed].award) == step {
                self.revealed += 1;
            }
        } else {
            self.revealed += 1;
        }
    }

    fn back(&mut self) {
        self.revealed = self.revealed.saturating_sub(1);
    }
}

/// Draws the leaderboard over the whole window and takes its keys; true when it is left.
pub(super) fn show(ui: &mut egui::Ui, ctx: &Ctx, board: &EventBoard, state: &mut Leaderboard) -> bool {
    let lang = ctx.lang;
    let (next, back, mode, leave) = ui.input_mut(|i| {
        let pressed = |i: &mut egui::InputState, keys: &[egui::Key]| {
            keys.iter().any(|k| i.consume_key(egui::Modifiers::NONE, *k))
        };
        (
            pressed(i, &[egui::Key::Space, egui::Key::ArrowRight, egui::Key::PageDown]),
            pressed(i, &[egui::Key::ArrowLeft, egui::Key::PageUp]),
            pressed(i, &[egui::Key::A]),
            pressed(i, &[egui::Key::Escape]),
        )
    });
    if mode {
        state.by_award = !state.by_award;
    }
    if next {
        state.next(board);
    }
    if back {
        state.back();
    }
    if leave {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        return true;
    }
    let p = palette(ui);
    let rect = ui.ctx().content_rect();
    // Projection: no line smaller than 1/20 of the height; as many rows as fit under the title.
    let line = (rect.height() / 20.0).max(24.0);
    let big = line * 1.4;
    let row_height = line * 1.6;
    let n = board.ranked.len();
    // Over the whole window, the navigation and status bar included: the room sees only this.
    egui::Area::new(ui.make_persistent_id("leaderboard")).order(egui::Order::Foreground).fixed_pos(rect.min).show(
        ui.ctx(),
        |ui| {
            ui.set_min_size(rect.size());
            ui.painter().rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
            let margin = egui::Margin::symmetric((line * 0.8) as i8, 0);
            egui::Frame::new().inner_margin(margin).show(ui, |ui| {
                ui.add_space(line * 0.5);
                ui.vertical_centered(|ui| {
                    ui.label(
                        egui::RichText::new(tr!(lang, "{} 成绩", "{} results", board.event.name)).size(big).strong(),
                    );
                    // Who wins a tie is said before anyone is revealed.
                    let chain = tr!(lang, "同分依次比较：{}", "Ties: {}", chain_text(&board.event, lang));
                    ui.label(egui::RichText::new(chain).size(line * 0.8));
                });
                ui.add_space(line * 0.5);
                // As many rows as fit between the title and tie-break lines (one or two, as the
                // chain wraps) and the operator's line.
                let room = rect.bottom() - ui.cursor().top() - line * 2.4;
                let rows_fit = ((room / row_height).floor() as usize).max(3);
                // The rows last revealed stay in view as the reveal climbs; before any, the last places.
                let first_shown = (n - state.revealed.min(n)).min(n.saturating_sub(rows_fit));
                let size = |text: String| egui::RichText::new(text).size(line);
                egui::Grid::new("leaderboard").spacing([line, row_height - line * 1.3]).show(ui, |ui| {
                    for (i, r) in board.ranked.iter().enumerate().skip(first_shown).take(rows_fit) {
                        ui.label(size(r.rank.to_string()).strong());
                        if i >= n - state.revealed.min(n) {
                            let entry = board.entry(r.entry);
                            let name = entry.map_or(String::new(), |e| e.contestant.clone());
                            let company = entry
                                .and_then(|e| ctx.catalog.entry(e.company))
                                .map_or(String::new(), |c| display_name(&c.company).to_string());
                            let total = board.results.iter().find(|x| x.entry == r.entry).and_then(|x| x.total);
                            ui.label(size(name).strong());
                            ui.label(size(company));
                            ui.label(size(total.map_or(String::new(), |t| format!("{t:.2}"))));
                            let award = r.award.map_or(String::new(), |a| a.label(lang).to_string());
                            let tied = if r.shared { lang.pick("（并列）", " (tied)") } else { "" };
                            ui.label(size(format!("{award}{tied}")).color(p.success).strong());
                        } else {
                            for _ in 0..4 {
                                ui.label(size("？？？".into()).weak());
                            }
                        }
                        ui.end_row();
                    }
                });
            });
            let mode =
                if state.by_award { lang.pick("按奖项", "by award") } else { lang.pick("逐名", "one by one") };
            let hint = tr!(
                lang,
                "已揭晓 {}/{n} · {mode} · 空格 下一步 · ← 收回 · A 切换 · Esc 退出",
                "{}/{n} shown · {mode} · Space next · ← back · A switch · Esc",
                state.revealed.min(n)
            );
            let at = egui::pos2(rect.left() + line * 0.5, rect.bottom() - line * 1.4);
            ui.put(
                egui::Rect::from_min_size(at, egui::vec2(rect.width() - line, line * 1.2)),
                egui::Label::new(egui::RichText::new(hint).size(line * 0.8).weak()),
            );
        },
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contests::rank::Ranked;

    fn board(awards: &[Option<Award>]) -> EventBoard {
        let ranked = awards
            .iter()
            .enumerate()
            .map(|(i, a)| Ranked { entry: i as i64, rank: i as u32 + 1, shared: false, decided_by: None, award: *a })
            .collect();
        EventBoard {
            event: crate::domain::contest::Event::new(1, "焊工"),
            entries: Vec::new(),
            judges: Vec::new(),
            panel: Vec::new(),
            skips: Default::default(),
            scores: Vec::new(),
            sheets: Vec::new(),
            corrections: Vec::new(),
            returns: Vec::new(),
            seed: None,
            results: Vec::new(),
            ranked,
        }
    }

    #[test]
    fn award_by_award_reveals_a_whole_tier_from_the_bottom_up() {
        let b = board(&[Some(Award::First), Some(Award::Second), Some(Award::Second), Some(Award::Third), None, None]);
        let mut state = Leaderboard { revealed: 0, by_award: true };
        let steps: Vec<usize> = (0..5)
            .map(|_| {
                state.next(&b);
                state.revealed
            })
            .collect();
        assert_eq!(steps, [2, 3, 5, 6, 6], "the unplaced, 三等奖, both 二等奖, then 一等奖");
        let mut one_by_one = Leaderboard::default();
        one_by_one.next(&b);
        one_by_one.next(&b);
        one_by_one.back();
        assert_eq!(one_by_one.revealed, 1);
    }
}
