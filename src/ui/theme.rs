//! Look and feel in one place: the bundled CJK font, the themes, and the design tokens screens
//! use: named colours (zones, pipeline stages, member statuses, import outcomes, severities) for
//! each theme, a type scale, spacing and the sizes of the window's parts. Screens take colours
//! from `palette(ui)` and sizes from here, never as numbers of their own.

use crate::domain::MemberStatus;
use crate::domain::events::EventKind;
use crate::domain::opportunity::Stage;
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Noto Sans CJK SC, cut to Latin, punctuation and the basic CJK block (SIL OFL 1.1, see
/// assets/fonts/LICENSE-OFL.txt). Bundled so Chinese renders on machines without CJK fonts.
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Qilian.otf");
const CJK_FONT_NAME: &str = "noto_sans_sc";

/// The type scale, in points at the standard text size.
pub mod text_size {
    pub const SMALL: f32 = 12.5;
    pub const BODY: f32 = 15.0;
    pub const MONO: f32 = 14.0;
    pub const NAV: f32 = 15.0;
    /// A line that sums up (an import done).
    pub const LARGE: f32 = 17.0;
    pub const HEADING: f32 = 22.0;
    pub const TITLE: f32 = 30.0;
}

/// Spacing, in points.
pub mod space {
    pub const XS: f32 = 2.0;
    pub const S: f32 = 4.0;
    /// Between the rows of a form.
    pub const ROW: f32 = 6.0;
    pub const M: f32 = 8.0;
    pub const L: f32 = 12.0;
    pub const XL: f32 = 24.0;
    pub const XXL: f32 = 40.0;
}

/// The sizes of the window's parts, in points.
pub mod size {
    pub const ROW_HEIGHT: f32 = 26.0;
    pub const NAV_WIDTH: f32 = 188.0;
    pub const NAV_BUTTON_HEIGHT: f32 = 32.0;
    /// A detail panel is this wide at first, and never narrower than its minimum, which fits a
    /// label and a field side by side.
    pub const DETAIL_WIDTH: f32 = 440.0;
    pub const DETAIL_MIN_WIDTH: f32 = 330.0;
    /// The strip a folded detail panel leaves.
    pub const DETAIL_FOLDED_WIDTH: f32 = 36.0;
    /// A form's label column.
    pub const LABEL_WIDTH: f32 = 104.0;
    pub const SEARCH_WIDTH: f32 = 210.0;
    pub const START_BUTTON: [f32; 2] = [360.0, 40.0];
    /// Room a dialog leaves around itself inside the window.
    pub const DIALOG_MARGIN: f32 = 24.0;
    pub const RESTORE_DIALOG_WIDTH: f32 = 600.0;
    /// A sheet preview: a row's number, the name as written and its outcome side by side.
    pub const SHEET_DIALOG_WIDTH: f32 = 640.0;
    /// The contest's list of events beside its tabs.
    pub const CONTEST_EVENTS_WIDTH: f32 = 150.0;
    /// A score cell of the scoring grid: room for 100.5 in large type.
    pub const SCORE_CELL: f32 = 84.0;
    /// A column of the visit matrix: a date over a short name.
    pub const MATRIX_COLUMN: f32 = 44.0;
    /// Room for the park's city and province on one line, and a zone's name, count and 删除.
    pub const ZONES_DIALOG_WIDTH: f32 = 520.0;
    pub const CORNER_RADIUS: f32 = 6.0;
    /// The park map: dots, lines and the distance within which a pointer picks a company.
    pub const MAP_DOT: f32 = 3.0;
    pub const MAP_DOT_IN_PAIR: f32 = 5.0;
    pub const MAP_LINE: f32 = 1.5;
    pub const MAP_LINE_SELECTED: f32 = 4.0;
    pub const MAP_RING: f32 = 9.0;
    pub const MAP_PICK_RADIUS: f32 = 9.0;
    pub const MAP_RING_STROKE: f32 = 2.5;
    pub const MAP_LEGEND_WIDTH: f32 = 120.0;
    pub const MAP_SWATCH: f32 = 5.0;
    /// The numbers before the lines of a list (synonym groups).
    pub const INDEX_WIDTH: f32 = 28.0;
}

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum ThemeChoice {
        #[default]
        Light = ("light", "浅色主题", "Light theme"),
        Dark = ("dark", "深色主题", "Dark theme"),
    }
}

crate::labelled_enum! {
    /// 字号: the whole window scaled by one factor, remembered between runs. The projector uses
    /// the larger ones.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum Scale {
        #[default]
        Standard = ("standard", "标准", "Standard"),
        Large = ("large", "大", "Large"),
        ExtraLarge = ("extra-large", "特大", "Extra large"),
    }
}

impl Scale {
    pub fn factor(self) -> f32 {
        match self {
            Self::Standard => 1.0,
            Self::Large => 1.25,
            Self::ExtraLarge => 1.5,
        }
    }

    /// One step larger or smaller, staying within the scale.
    pub fn step(self, larger: bool) -> Self {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        let j = if larger { (i + 1).min(Self::ALL.len() - 1) } else { i.saturating_sub(1) };
        Self::ALL[j]
    }
}

/// The named colours of one theme.
pub struct Palette {
    pub error: Color32,
    pub warning: Color32,
    pub success: Color32,
    pub info: Color32,
    /// Suggested, introduced, trial, contracted, declined, dismissed.
    stages: [Color32; 6],
    /// Applicant, active, suspended, withdrawn.
    statuses: [Color32; 4],
    /// Zone colours that stay apart for the colour-blind and on a projector.
    zones: [Color32; 8],
    pub unknown_zone: Color32,
    /// How strongly an unselected pair's line shows on the map.
    pub map_line_alpha: f32,
    /// The calendar's kinds of event: visit, exhibition, contest, service week, then briefing,
    /// council, training, other (as `EventKind` lists them).
    events: [Color32; 8],
}

impl Palette {
    pub fn stage(&self, stage: Stage) -> Color32 {
        self.stages[Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)]
    }

    pub fn status(&self, status: MemberStatus) -> Color32 {
        self.statuses[MemberStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    pub fn visit(&self) -> Color32 {
        self.events[0]
    }

    pub fn exhibition(&self) -> Color32 {
        self.events[1]
    }

    pub fn contest(&self) -> Color32 {
        self.events[2]
    }

    pub fn service_week(&self) -> Color32 {
        self.events[3]
    }

    pub fn event(&self, kind: EventKind) -> Color32 {
        self.events[4 + EventKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    /// The colour of the zone at `rank` in the zones' order (`None`: no zone).
    pub fn zone(&self, rank: Option<usize>) -> Color32 {
        rank.map_or(self.unknown_zone, |i| self.zones[i % self.zones.len()])
    }
}

const ZONES: [Color32; 8] = [
    Color32::from_rgb(0x1F, 0x77, 0xB4),
    Color32::from_rgb(0xFF, 0x7F, 0x0E),
    Color32::from_rgb(0x2C, 0xA0, 0x2C),
    Color32::from_rgb(0xD6, 0x27, 0x28),
    Color32::from_rgb(0x94, 0x67, 0xBD),
    Color32::from_rgb(0x8C, 0x56, 0x4B),
    Color32::from_rgb(0xE3, 0x77, 0xC2),
    Color32::from_rgb(0x17, 0xBE, 0xCF),
];

static LIGHT: Palette = Palette {
    error: Color32::from_rgb(0xC0, 0x1C, 0x28),
    warning: Color32::from_rgb(0xA8, 0x5A, 0x00),
    success: Color32::from_rgb(0x1B, 0x7F, 0x37),
    info: Color32::from_rgb(0x1F, 0x5F, 0xA8),
    stages: [
        Color32::from_rgb(0x2F, 0x5F, 0x9E),
        Color32::from_rgb(0x00, 0x5C, 0xC5),
        Color32::from_rgb(0xB0, 0x60, 0x00),
        Color32::from_rgb(0x1B, 0x7F, 0x37),
        Color32::from_rgb(0xC0, 0x1C, 0x28),
        Color32::from_gray(0x70),
    ],
    statuses: [
        Color32::from_rgb(0x1F, 0x5F, 0xA8),
        Color32::from_gray(0x30),
        Color32::from_rgb(0xA8, 0x5A, 0x00),
        Color32::from_gray(0x80),
    ],
    zones: ZONES,
    unknown_zone: Color32::GRAY,
    map_line_alpha: 0.6,
    events: [
        Color32::from_rgb(0x1F, 0x5F, 0xA8),
        Color32::from_rgb(0x7B, 0x3F, 0xA0),
        Color32::from_rgb(0xB3, 0x26, 0x1E),
        Color32::from_rgb(0x2E, 0x7D, 0x32),
        Color32::from_rgb(0x8C, 0x4A, 0x2F),
        Color32::from_rgb(0x00, 0x6D, 0x77),
        Color32::from_rgb(0xB0, 0x1E, 0x6A),
        Color32::from_gray(0x55),
    ],
};

/// Lighter variants: on a dark background (and on a selected row) the light theme's blues and
/// greens are too dark to read.
static DARK: Palette = Palette {
    error: Color32::from_rgb(0xFF, 0x7B, 0x72),
    warning: Color32::from_rgb(0xF0, 0xB4, 0x50),
    success: Color32::from_rgb(0x6F, 0xD6, 0x8A),
    info: Color32::from_rgb(0x8C, 0xC4, 0xFF),
    stages: [
        Color32::from_rgb(0x9C, 0xC8, 0xFF),
        Color32::from_rgb(0x6C, 0xB6, 0xFF),
        Color32::from_rgb(0xF0, 0xB4, 0x50),
        Color32::from_rgb(0x6F, 0xD6, 0x8A),
        Color32::from_rgb(0xFF, 0x7B, 0x72),
        Color32::from_gray(0xA0),
    ],
    statuses: [
        Color32::from_rgb(0x8C, 0xC4, 0xFF),
        Color32::from_gray(0xE0),
        Color32::from_rgb(0xF0, 0xB4, 0x50),
        Color32::from_gray(0x90),
    ],
    zones: [
        Color32::from_rgb(0x4E, 0xA3, 0xF0),
        Color32::from_rgb(0xFF, 0x9F, 0x4A),
        Color32::from_rgb(0x5C, 0xD1, 0x5C),
        Color32::from_rgb(0xFF, 0x6B, 0x6B),
        Color32::from_rgb(0xC3, 0x9B, 0xF0),
        Color32::from_rgb(0xC8, 0x96, 0x7E),
        Color32::from_rgb(0xFF, 0x9E, 0xDB),
        Color32::from_rgb(0x3F, 0xE0, 0xF0),
    ],
    unknown_zone: Color32::from_gray(0xB0),
    map_line_alpha: 0.85,
    events: [
        Color32::from_rgb(0x8C, 0xC4, 0xFF),
        Color32::from_rgb(0xD2, 0xA8, 0xFF),
        Color32::from_rgb(0xFF, 0x8A, 0x80),
        Color32::from_rgb(0x81, 0xC7, 0x84),
        Color32::from_rgb(0xE8, 0xA8, 0x80),
        Color32::from_rgb(0x5E, 0xD8, 0xE0),
        Color32::from_rgb(0xFF, 0x8F, 0xC8),
        Color32::from_gray(0xC0),
    ],
};

/// The palette of the theme `ui` is drawn in.
pub fn palette(ui: &egui::Ui) -> &'static Palette {
    if ui.visuals().dark_mode { &DARK } else { &LIGHT }
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
            (TextStyle::Small, FontId::proportional(text_size::SMALL)),
            (TextStyle::Body, FontId::proportional(text_size::BODY)),
            (TextStyle::Button, FontId::proportional(text_size::BODY)),
            (TextStyle::Monospace, FontId::monospace(text_size::MONO)),
            (TextStyle::Heading, FontId::proportional(text_size::HEADING)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(space::M, space::ROW);
        style.spacing.button_padding = egui::vec2(space::M, space::S);
        style.spacing.interact_size.y = 24.0;
    });
    // The 字号 setting is the one way to zoom, so it stays what the menu says.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::Light => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    });
}

pub fn apply_scale(ctx: &egui::Context, scale: Scale) {
    ctx.set_zoom_factor(scale.factor());
}

/// Everything a screen needs to look like Qilian; also what every UI test starts from.
pub fn setup(ctx: &egui::Context, theme: ThemeChoice) {
    install_fonts(ctx);
    install_style(ctx);
    apply_theme(ctx, theme);
}

pub fn error_color(ui: &egui::Ui) -> Color32 {
    palette(ui).error
}
