//! 同义词: the synonym table matching reads. One line per group of words that name the same
//! thing; every change is saved as it is typed and the board re-matches in the background. A
//! group that repeats another word for word is refused, with the group it repeats named. The trade
//! lexicon Qilian ships is listed apart, read-only: matching reads both.

use super::theme::{self, size, space};
use super::widgets::dialog;
use crate::i18n::{Lang, glossary};
use crate::matching::lexicon;
use crate::matching::synonyms::{SynonymAction, problem};
use crate::store::SynonymGroup;
use crate::tr;

pub struct SynonymsDialog {
    /// The groups as stored, to compare a new or edited group with.
    groups: Vec<SynonymGroup>,
    /// Each group's words as being typed.
    drafts: Vec<(i64, String)>,
    new_words: String,
    filter: String,
    deleted: Vec<SynonymGroup>,
    pub open: bool,
}

impl SynonymsDialog {
    pub fn new(groups: &[SynonymGroup], deleted: Vec<SynonymGroup>) -> Self {
        Self {
            groups: groups.to_vec(),
            drafts: groups.iter().map(|g| (g.id, g.words.clone())).collect(),
            new_words: String::new(),
            filter: String::new(),
            deleted,
            open: true,
        }
    }

    /// Takes the groups as stored after a change, keeping what is being typed in the others.
    pub fn refresh(&mut self, groups: &[SynonymGroup], deleted: Vec<SynonymGroup>) {
        let typed = std::mem::take(&mut self.drafts);
        self.drafts = groups
            .iter()
            .map(|g| typed.iter().find(|(id, _)| *id == g.id).cloned().unwrap_or((g.id, g.words.clone())))
            .collect();
        self.groups = groups.to_vec();
        self.deleted = deleted;
    }

    /// Enter in the new group's field adds it, if it can be added.
    pub fn submit(&mut self) -> Option<SynonymAction> {
        if problem(&self.new_words, None, &self.groups).is_some() {
            return None;
        }
        Some(SynonymAction::Add(std::mem::take(&mut self.new_words)))
    }

    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Vec<SynonymAction> {
        let mut actions = Vec::new();
        let Self { groups, drafts, new_words, filter, deleted, open } = self;
        let room = ctx.content_rect().size();
        dialog(lang.pick("同义词表", "Synonyms"), ctx).open(open).default_size([600.0, room.y * 0.8]).show(ctx, |ui| {
            ui.weak(lang.pick(
                "每行一组同义词，用空格或顿号分隔，如“螺丝 螺钉 紧固件”。改动即时保存，供需对接随之重新匹配。",
                "One group per line, words separated by spaces, e.g. “螺丝 螺钉 紧固件”. Saved as you type; matching follows.",
            ));
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.pick("新的一组", "New group"));
                ui.add(
                    egui::TextEdit::singleline(new_words)
                        .hint_text(lang.pick("如：托盘 栈板 卡板", "e.g. 托盘 栈板 卡板"))
                        .desired_width(size::SEARCH_WIDTH * 1.4),
                )
                .labelled_by(label.id);
                let blocked = problem(new_words, None, groups);
                if ui.add_enabled(blocked.is_none(), egui::Button::new(glossary::ADD.get(lang))).clicked() {
                    actions.push(SynonymAction::Add(std::mem::take(new_words)));
                }
                if let Some(problem) = blocked.filter(|_| !new_words.trim().is_empty()) {
                    ui.colored_label(theme::error_color(ui), problem.message(lang));
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("查找", "Find"));
                ui.add(egui::TextEdit::singleline(filter).desired_width(size::SEARCH_WIDTH)).labelled_by(label.id);
            });
            let described = lexicon::described(lang);
            let (look_alikes, modifiers) = (lexicon::look_alike_lines(), lexicon::exclusive_modifier_lines());
            let shipped_lists = [
                (
                    "shipped_lexicon",
                    tr!(
                        lang,
                        "随软件提供的行业词库（{} 个品名，只读；下面是您自己添加的）",
                        "The trade lexicon Qilian ships ({} items, read-only; yours are below)",
                        described.len()
                    ),
                    described,
                ),
                (
                    "shipped_look_alikes",
                    tr!(
                        lang,
                        "随软件提供的易混品（{} 行，只读：左边的不是右边的；您把两者加为同义词即可推翻）",
                        "Look-alikes Qilian ships ({} lines, read-only: the left is not the right; a group of yours joining two overrules it)",
                        look_alikes.len()
                    ),
                    look_alikes,
                ),
                (
                    "shipped_modifiers",
                    tr!(
                        lang,
                        "随软件提供的互斥规格词（{} 行，只读：同一行的词不会同时形容一件物品）",
                        "Exclusive modifiers Qilian ships ({} lines, read-only: no item is two words of one line)",
                        modifiers.len()
                    ),
                    modifiers,
                ),
            ];
            for (id, title, lines) in shipped_lists {
                read_only_list(ui, id, &title, lines, filter.trim(), room.y, lang);
            }
            if !deleted.is_empty() {
                ui.collapsing(tr!(lang, "已删除（{}）", "Deleted ({})", deleted.len()), |ui| {
                    for group in deleted.iter() {
                        ui.horizontal(|ui| {
                            ui.label(&group.words);
                            if ui.button(glossary::RESTORE.get(lang)).clicked() {
                                actions.push(SynonymAction::Restore(group.id));
                            }
                        });
                    }
                });
            }
            ui.separator();
            // The list takes the rest of the dialog, however tall the window is.
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                for (index, (id, words)) in drafts.iter_mut().enumerate() {
                    if !filter.trim().is_empty() && !words.contains(filter.trim()) {
                        continue;
                    }
                    let trouble = ui.horizontal(|ui| {
                        let height = ui.spacing().interact_size.y;
                        let label = ui.add_sized([size::INDEX_WIDTH, height], egui::Label::new(format!("{}", index + 1)));
                        // The words take the row, less room for the delete button.
                        let width = (ui.available_width() - 72.0).max(200.0);
                        let edit = ui.add(egui::TextEdit::singleline(words).desired_width(width)).labelled_by(label.id);
                        if ui.button(glossary::DELETE.get(lang)).clicked() {
                            actions.push(SynonymAction::Delete(*id));
                        }
                        let trouble = problem(words, Some(*id), groups);
                        if edit.changed() && trouble.is_none() {
                            actions.push(SynonymAction::Update(*id, words.trim().to_string()));
                        }
                        trouble
                    });
                    if let Some(trouble) = trouble.inner {
                        ui.horizontal(|ui| {
                            ui.add_space(size::INDEX_WIDTH + space::M);
                            ui.colored_label(theme::error_color(ui), trouble.message(lang));
                        });
                    }
                }
            });
        });
        actions
    }
}

/// A read-only list the dialog shows folded: the lines containing `wanted`, the first ones only
/// (a long list only with 查找, so the dialog stays quick to draw).
fn read_only_list(ui: &mut egui::Ui, id: &str, title: &str, lines: &[String], wanted: &str, room: f32, lang: Lang) {
    egui::CollapsingHeader::new(title).id_salt(id).show(ui, |ui| {
        let found: Vec<&str> =
            lines.iter().filter(|line| wanted.is_empty() || line.contains(wanted)).map(String::as_str).collect();
        const SHOWN: usize = 60;
        egui::ScrollArea::vertical().id_salt((id, "list")).max_height(room * 0.25).show(ui, |ui| {
            for line in found.iter().take(SHOWN) {
                ui.label(*line);
            }
        });
        if found.len() > SHOWN {
            ui.weak(tr!(
                lang,
                "另有 {} 行，用上面的“查找”缩小范围",
                "{} more: narrow them with Find above",
                found.len() - SHOWN
            ));
        }
        if found.is_empty() {
            ui.weak(lang.pick("没有符合的内置条目。", "No shipped line has that word."));
        }
    });
}
