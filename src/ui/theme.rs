//! Look and feel in one place: the bundled CJK font, the themes, and the sizes screens use.

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Noto Sans CJK SC, cut to Latin, punctuation and the basic CJK block (SIL OFL 1.1, see
/// assets/fonts/LICENSE-OFL.txt). Bundled so Chinese renders on machines without CJK fonts.
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Qilian.otf");
const CJK_FONT_NAME: &str = "noto_sans_sc";

/// Body text size: Chinese needs a little more than egui's default to stay legible.
pub const BODY_SIZE: f32 = 15.0;
pub const HEADING_SIZE: f32 = 22.0;
pub const ROW_HEIGHT: f32 = 26.0;
pub const NAV_WIDTH: f32 = 168.0;
pub const DETAIL_WIDTH: f32 = 460.0;

pub const ERROR_COLOR_LIGHT: Color32 = Color32::from_rgb(0xC0, 0x1C, 0x28);
pub const ERROR_COLOR_DARK: Color32 = Color32::from_rgb(0xFF, 0x7B, 0x72);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

/// Installs the CJK font first in every family, so Latin and Chinese share one typeface.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(CJK_FONT_NAME.to_owned(), Arc::new(FontData::from_static(CJK_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        match family {
            // Monospace keeps its Latin face and falls back to the CJK one.
            FontFamily::Monospace => list.push(CJK_FONT_NAME.to_owned()),
            _ => list.insert(0, CJK_FONT_NAME.to_owned()),
        }
    }
    ctx.set_fonts(fonts);
}

/// Text sizes and spacing for both light and dark styles.
pub fn install_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(12.5)),
            (TextStyle::Body, FontId::proportional(BODY_SIZE)),
            (TextStyle::Button, FontId::proportional(BODY_SIZE)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Heading, FontId::proportional(HEADING_SIZE)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 24.0;
    });
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::Light => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    });
}

pub fn error_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { ERROR_COLOR_DARK } else { ERROR_COLOR_LIGHT }
}

/// Everything a screen needs to look like Qilian; also what every UI test starts from.
pub fn setup(ctx: &egui::Context, theme: ThemeChoice) {
    install_fonts(ctx);
    install_style(ctx);
    apply_theme(ctx, theme);
}
