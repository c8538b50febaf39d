//! 同义词: the synonym table matching reads. One line per group of words that name the same
//! thing; every change is saved as it is typed and the board re-matches in the background.

use crate::i18n::Lang;
use crate::matching::text::parse_group;
use crate::store::SynonymGroup;

#[derive(Debug, Clone, PartialEq)]
pub enum SynonymAction {
    Update(i64, String),
    Add(String),
    Delete(i64),
    Restore(i64),
}

pub struct SynonymsDialog {
    /// Each group's words as being typed.
    drafts: Vec<(i64, String)>,
    new_words: String,
    filter: String,
    pub open: bool,
}

impl SynonymsDialog {
    pub fn new(groups: &[SynonymGroup]) -> Self {
        Self {
            drafts: groups.iter().map(|g| (g.id, g.words.clone())).collect(),
            new_words: String::new(),
            filter: String::new(),
            open: true,
        }
    }

    /// Takes the groups as stored after a change, keeping what is being typed in the others.
    pub fn refresh(&mut self, groups: &[SynonymGroup]) {
        let typed: Vec<(i64, String)> = std::mem::take(&mut self.drafts);
        self.drafts = groups
            .iter()
            .map(|g| typed.iter().find(|(id, _)| *id == g.id).cloned().unwrap_or((g.id, g.words.clone())))
            .collect();
    }

    pub fn ui(&mut self, ctx: &egui::Context, deleted: &[SynonymGroup], lang: Lang) -> Vec<SynonymAction> {
        let mut actions = Vec::new();
        let Self { drafts, new_words, filter, open } = self;
        egui::Window::new(lang.pick("同义词表", "Synonyms"))
            .open(open)
            .collapsible(false)
            .default_size([560.0, 520.0])
            .show(ctx, |ui| {
                ui.weak(lang.pick(
                    "每行一组同义词，用空格或顿号分隔，如“螺丝 螺钉 紧固件”。改动即时保存，供需对接随之重新匹配。",
                    "One group per line, words separated by spaces, e.g. “螺丝 螺钉 紧固件”. Saved as you type; matching follows.",
                ));
                ui.horizontal(|ui| {
                    let label = ui.label(lang.pick("查找", "Find"));
                    ui.add(egui::TextEdit::singleline(filter).desired_width(200.0)).labelled_by(label.id);
                });
                ui.separator();
                egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show(ui, |ui| {
                    for (index, (id, words)) in drafts.iter_mut().enumerate() {
                        if !filter.trim().is_empty() && !words.contains(filter.trim()) {
                            continue;
                        }
                        ui.horizontal(|ui| {
                            let label = ui.add_sized([28.0, 24.0], egui::Label::new(format!("{}", index + 1)));
                            // The words take the row, less room for the delete button.
                            let width = (ui.available_width() - 72.0).max(200.0);
                            let edit =
                                ui.add(egui::TextEdit::singleline(words).desired_width(width)).labelled_by(label.id);
                            if edit.changed() && !parse_group(words).is_empty() {
                                actions.push(SynonymAction::Update(*id, words.trim().to_string()));
                            }
                            if ui.button(lang.pick("删除", "Delete")).clicked() {
                                actions.push(SynonymAction::Delete(*id));
                            }
                        });
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label(lang.pick("新的一组", "New group"));
                    ui.add(
                        egui::TextEdit::singleline(new_words)
                            .hint_text(lang.pick("如：托盘 栈板 卡板", "e.g. 托盘 栈板 卡板"))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    let empty = parse_group(new_words).is_empty();
                    if ui.add_enabled(!empty, egui::Button::new(lang.pick("添加", "Add"))).clicked() {
                        actions.push(SynonymAction::Add(new_words.trim().to_string()));
                        new_words.clear();
                    }
                });
                if !deleted.is_empty() {
                    ui.collapsing(format!("{}（{}）", lang.pick("已删除", "Deleted"), deleted.len()), |ui| {
                        for group in deleted {
                            ui.horizontal(|ui| {
                                ui.label(&group.words);
                                if ui.button(lang.pick("恢复", "Restore")).clicked() {
                                    actions.push(SynonymAction::Restore(group.id));
                                }
                            });
                        }
                    });
                }
            });
        actions
    }
}
