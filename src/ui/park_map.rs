//! 园区地图: the park drawn with egui's painter: companies as dots coloured by zone, lines from
//! supplier to buyer for the opportunities on the board, names on hover, a click opens the company.

use crate::domain::opportunity::Stage;
use crate::domain::{Company, CompanyId, Zone, ZoneId};
use crate::i18n::Lang;
use crate::matching::board::{Opportunity, display_name};
use egui::{Color32, Pos2, Rect, Stroke, pos2, vec2};
use std::collections::HashMap;

/// Zone colours that stay apart for the colour-blind and on a projector.
const ZONE_COLORS: [Color32; 8] = [
    Color32::from_rgb(0x1F, 0x77, 0xB4),
    Color32::from_rgb(0xFF, 0x7F, 0x0E),
    Color32::from_rgb(0x2C, 0xA0, 0x2C),
    Color32::from_rgb(0xD6, 0x27, 0x28),
    Color32::from_rgb(0x94, 0x67, 0xBD),
    Color32::from_rgb(0x8C, 0x56, 0x4B),
    Color32::from_rgb(0xE3, 0x77, 0xC2),
    Color32::from_rgb(0x17, 0xBE, 0xCF),
];

/// How many board rows get a line: more would hide the park under them.
pub const MAX_LINES: usize = 60;
/// A click or hover this close to a dot (in points) means that company.
const PICK_RADIUS: f32 = 9.0;

pub fn zone_color(zones: &[Zone], zone: Option<ZoneId>) -> Color32 {
    zone.and_then(|z| zones.iter().position(|x| x.id == z))
        .map_or(Color32::GRAY, |i| ZONE_COLORS[i % ZONE_COLORS.len()])
}

pub fn stage_color(stage: Stage) -> Color32 {
    match stage {
        Stage::Suggested => Color32::from_rgb(0x4C, 0x78, 0xA8),
        Stage::Introduced => Color32::from_rgb(0x00, 0x6D, 0xDB),
        Stage::Trial => Color32::from_rgb(0xE0, 0x8A, 0x00),
        Stage::Contracted => Color32::from_rgb(0x1B, 0x9E, 0x3E),
        Stage::Declined => Color32::from_rgb(0xC0, 0x1C, 0x28),
        Stage::Dismissed => Color32::GRAY,
    }
}

/// Park metres to screen points: north up, the same scale both ways, the park centred.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapTransform {
    origin: Pos2,
    min: (f64, f64),
    scale: f32,
}

impl MapTransform {
    /// Fits the placed companies (see `Company::position`) into `rect`.
    pub fn fit(companies: &[Company], rect: Rect) -> Self {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in companies.iter().filter_map(Company::position) {
            min_x = min_x.min(x);
            min_y = min_y.min(y);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        if min_x > max_x {
            (min_x, min_y, max_x, max_y) = (0.0, 0.0, 1.0, 1.0);
        }
        let inner = rect.shrink(24.0);
        let width = (max_x - min_x).max(1.0) as f32;
        let height = (max_y - min_y).max(1.0) as f32;
        let scale = (inner.width() / width).min(inner.height() / height);
        let used = vec2(width * scale, height * scale);
        // Screen y grows downwards; north is up, so the origin is the bottom-left corner.
        let origin = pos2(inner.center().x - used.x / 2.0, inner.center().y + used.y / 2.0);
        Self { origin, min: (min_x, min_y), scale }
    }

    pub fn to_screen(&self, x_m: f64, y_m: f64) -> Pos2 {
        pos2(
            self.origin.x + (x_m - self.min.0) as f32 * self.scale,
            self.origin.y - (y_m - self.min.1) as f32 * self.scale,
        )
    }
}

/// The company whose dot is nearest `pointer`, if one is within reach.
pub fn company_at<'a>(companies: &'a [Company], transform: &MapTransform, pointer: Pos2) -> Option<&'a Company> {
    companies
        .iter()
        .filter_map(|c| c.position().map(|(x, y)| (c, transform.to_screen(x, y).distance(pointer))))
        .filter(|(_, d)| *d <= PICK_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// Draws the map into the space left; returns the company clicked.
pub fn park_map(
    ui: &mut egui::Ui,
    companies: &[Company],
    zones: &[Zone],
    rows: &[&Opportunity],
    selected: Option<(i64, i64)>,
    lang: Lang,
) -> Option<CompanyId> {
    let (response, painter) = ui.allocate_painter(ui.available_size(), egui::Sense::click());
    let name = lang.pick("园区地图", "Park map");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, name));
    let rect = response.rect;
    painter.rect_filled(rect, 6.0, ui.visuals().extreme_bg_color);
    let transform = MapTransform::fit(companies, rect);
    let by_id: HashMap<CompanyId, &Company> = companies.iter().map(|c| (c.id, c)).collect();
    let position = |id: CompanyId| by_id.get(&id).and_then(|c| c.position()).map(|(x, y)| transform.to_screen(x, y));

    // Lines first, so the dots sit on top; the selected pair last and thickest.
    let is_selected = |r: &Opportunity| selected == Some((r.candidate.need_id, r.candidate.product_id));
    let mut highlighted = Vec::new();
    for row in rows.iter().take(MAX_LINES) {
        if let (Some(from), Some(to)) =
            (position(row.candidate.supplier_company_id), position(row.candidate.need_company_id))
        {
            if is_selected(row) {
                highlighted.push((from, to, row.stage));
                continue;
            }
            painter.line_segment([from, to], Stroke::new(1.5, stage_color(row.stage).gamma_multiply(0.6)));
        }
    }
    for (from, to, stage) in &highlighted {
        painter.line_segment([*from, *to], Stroke::new(4.0, stage_color(*stage)));
    }
    let in_lines: std::collections::HashSet<CompanyId> = rows
        .iter()
        .take(MAX_LINES)
        .flat_map(|r| [r.candidate.supplier_company_id, r.candidate.need_company_id])
        .collect();
    let outline = ui.visuals().strong_text_color();
    for c in companies {
        let Some((x, y)) = c.position() else { continue };
        let at = transform.to_screen(x, y);
        let radius = if in_lines.contains(&c.id) { 5.0 } else { 3.0 };
        painter.circle_filled(at, radius, zone_color(zones, c.zone_id));
        if in_lines.contains(&c.id) {
            painter.circle_stroke(at, radius, Stroke::new(1.0, outline));
        }
    }
    for (from, to, _) in &highlighted {
        for end in [from, to] {
            painter.circle_stroke(*end, 9.0, Stroke::new(2.5, outline));
        }
    }

    // Legend: one swatch per zone, on a backing so dots under it do not show through.
    let legend = Rect::from_min_size(rect.min + vec2(6.0, 6.0), vec2(110.0, 12.0 + 18.0 * zones.len() as f32));
    painter.rect_filled(legend, 4.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9));
    let mut y = rect.top() + 12.0;
    for zone in zones {
        let swatch = pos2(rect.left() + 16.0, y + 7.0);
        painter.circle_filled(swatch, 5.0, zone_color(zones, Some(zone.id)));
        painter.text(
            swatch + vec2(10.0, 0.0),
            egui::Align2::LEFT_CENTER,
            &zone.name,
            egui::FontId::proportional(13.0),
            ui.visuals().text_color(),
        );
        y += 18.0;
    }

    let unplaced = companies.iter().filter(|c| c.position().is_none()).count();
    if unplaced > 0 {
        painter.text(
            rect.left_bottom() + vec2(12.0, -10.0),
            egui::Align2::LEFT_BOTTOM,
            match lang {
                Lang::Zh => format!("另有 {unplaced} 家企业未标注位置（在企业资料中填写坐标）"),
                Lang::En => {
                    format!("{unplaced} more companies are not on the map (enter their position in their record)")
                }
            },
            egui::FontId::proportional(13.0),
            ui.visuals().weak_text_color(),
        );
    }

    let hovered = response.hover_pos().and_then(|p| company_at(companies, &transform, p));
    if let Some(c) = hovered {
        let zone = zones.iter().find(|z| Some(z.id) == c.zone_id).map_or("", |z| z.name.as_str());
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(display_name(c));
            ui.label(&c.name);
            ui.weak(format!("{zone} · {}", c.industry));
            ui.weak(lang.pick("点击打开企业资料", "Click to open the company"));
        });
    }
    if response.clicked() {
        return response.interact_pointer_pos().and_then(|p| company_at(companies, &transform, p)).map(|c| c.id);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: i64, x: f64, y: f64) -> Company {
        Company { id, x_m: x, y_m: y, ..Company::default() }
    }

    #[test]
    fn the_park_fits_the_rect_with_north_up_and_one_scale() {
        let companies = [at(1, 10.0, 10.0), at(2, 2010.0, 1010.0)];
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(448.0, 448.0));
        let t = MapTransform::fit(&companies, rect);
        let sw = t.to_screen(10.0, 10.0);
        let ne = t.to_screen(2010.0, 1010.0);
        assert!((ne.x - sw.x - 400.0).abs() < 0.01, "the wide side fills the inner width");
        assert!((sw.y - ne.y - 200.0).abs() < 0.01, "north is up at the same scale");
        assert!(rect.contains(sw) && rect.contains(ne));
    }

    #[test]
    fn companies_not_placed_are_left_off_the_map() {
        let companies = [at(1, 0.0, 0.0), at(2, 1000.0, 1000.0), at(3, 2000.0, 2000.0)];
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(448.0, 448.0));
        let t = MapTransform::fit(&companies, rect);
        // The placed ones span the map; the unplaced one is not found where the origin would be.
        assert!((t.to_screen(2000.0, 2000.0).x - t.to_screen(1000.0, 1000.0).x - 400.0).abs() < 0.01);
        assert_eq!(company_at(&companies, &t, t.to_screen(0.0, 0.0)).map(|c| c.id), None);
    }

    #[test]
    fn a_click_picks_the_nearest_dot_within_reach() {
        let companies = [at(1, 10.0, 10.0), at(2, 110.0, 10.0), at(3, 2000.0, 2000.0)];
        let t = MapTransform::fit(&companies, Rect::from_min_size(pos2(0.0, 0.0), vec2(448.0, 448.0)));
        let two = t.to_screen(110.0, 10.0);
        assert_eq!(company_at(&companies, &t, two + vec2(2.0, 2.0)).map(|c| c.id), Some(2));
        assert_eq!(company_at(&companies, &t, two + vec2(40.0, -40.0)).map(|c| c.id), None);
    }
}
