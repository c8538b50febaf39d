//! A section that is not built yet: it says so, and what it will do, instead of showing made-up
//! content. The navigation greys it and marks it 开发中.

use super::screen::{Ctx, Screen, Section};
use super::theme::space;
use crate::i18n::Phrase;

pub struct ComingSoon {
    section: Section,
    plan: Phrase,
}

impl ComingSoon {
    pub fn new(section: Section, plan: Phrase) -> Self {
        Self { section, plan }
    }
}

impl Screen for ComingSoon {
    fn section(&self) -> Section {
        self.section
    }

    fn is_ready(&self) -> bool {
        false
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(space::XL);
            ui.heading(self.section.label(lang));
            ui.add_space(space::M);
            ui.label(
                lang.pick("此功能正在开发中，尚不可用。", "This section is being built and is not available yet."),
            );
            ui.label(self.plan.get(lang));
        });
    }
}
