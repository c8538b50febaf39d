//! 园区地图: the park drawn with egui's painter: companies as dots coloured by zone, lines from
//! supplier to buyer for the opportunities on the board, names on hover, a click opens the company.
//!
//! Where each company lands on screen is worked out once per matching run and map size, with a
//! grid of small cells to find what is under the pointer without looking at every company. A park
//! of thousands is drawn one dot per cell, sized by how many companies share it, so 50,000
//! companies read as a map, not as solid blobs.

use super::theme::{palette, size, space, text_size};
use crate::catalog::Catalog;
use crate::domain::{Company, CompanyId, ZoneId};
use crate::i18n::Lang;
use crate::matching::board::{Opportunity, display_name};
use crate::tr;
use egui::{Pos2, Rect, Stroke, pos2, vec2};
use std::collections::{HashMap, HashSet};

/// How many board rows get a line: more would hide the park under them.
pub const MAX_LINES: usize = 60;
/// The grid's cell, in points: companies in one cell are drawn as one dot when the park is dense.
const CELL: f32 = 6.0;
/// Above this many placed companies, the map draws cells instead of companies.
const DENSE: usize = 3000;

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
        let inner = rect.shrink(space::XL);
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

fn cell_of(p: Pos2) -> (i32, i32) {
    ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32)
}

fn clusters(
    points: &[(Pos2, usize)],
    cells: &HashMap<(i32, i32), Vec<usize>>,
    companies: &[Company],
) -> Vec<(Pos2, f32, Option<ZoneId>)> {
    cells
        .values()
        .map(|members| {
            let mut by_zone: HashMap<Option<ZoneId>, usize> = HashMap::new();
            for &i in members {
                *by_zone.entry(companies[points[i].1].zone_id).or_default() += 1;
            }
            let zone = by_zone.into_iter().max_by_key(|(z, n)| (*n, *z)).and_then(|(z, _)| z);
            let centre = members.iter().fold(vec2(0.0, 0.0), |sum, &i| sum + points[i].0.to_vec2());
            let centre = (centre / members.len() as f32).to_pos2();
            let radius = (size::MAP_DOT * 0.6 * (members.len() as f32).sqrt()).clamp(1.5, CELL * 0.75);
            (centre, radius, zone)
        })
        .collect()
}

/// Where the companies of one matching run land in one map rectangle. The owner drops it when
/// a new run comes in.
pub struct MapLayout {
    rect: Rect,
    /// Each placed company: its position and its index in the companies.
    points: Vec<(Pos2, usize)>,
    at: HashMap<CompanyId, Pos2>,
    /// Indices into `points`, by grid cell.
    cells: HashMap<(i32, i32), Vec<usize>>,
    /// One dot per occupied cell, for a dense park: where, how big, and the zone most of its
    /// companies are in.
    clusters: Vec<(Pos2, f32, Option<ZoneId>)>,
    unplaced: usize,
}

impl MapLayout {
    pub fn new(companies: &[Company], rect: Rect) -> Self {
        let transform = MapTransform::fit(companies, rect);
        let mut points = Vec::with_capacity(companies.len());
        let mut at = HashMap::with_capacity(companies.len());
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, c) in companies.iter().enumerate() {
            let Some((x, y)) = c.position() else { continue };
            let p = transform.to_screen(x, y);
            cells.entry(cell_of(p)).or_default().push(points.len());
            points.push((p, i));
            at.insert(c.id, p);
        }
        let unplaced = companies.len() - points.len();
        let clusters = if points.len() > DENSE { clusters(&points, &cells, companies) } else { Vec::new() };
        Self { rect, points, at, cells, clusters, unplaced }
    }

    /// How many dots a frame draws.
    pub fn dots(&self) -> usize {
        if self.clusters.is_empty() { self.points.len() } else { self.clusters.len() }
    }

    /// The company whose dot is nearest `pointer`, if one is within reach.
    pub fn company_at(&self, pointer: Pos2) -> Option<usize> {
        let (cx, cy) = cell_of(pointer);
        let reach = (size::MAP_PICK_RADIUS / CELL).ceil() as i32;
        let near = (-reach..=reach).flat_map(|dx| (-reach..=reach).map(move |dy| (cx + dx, cy + dy)));
        near.filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .map(|&i| (self.points[i].1, self.points[i].0.distance(pointer)))
            .filter(|(_, d)| *d <= size::MAP_PICK_RADIUS)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(company, _)| company)
    }

    /// How many companies share the cell under `pointer`.
    fn crowd_at(&self, pointer: Pos2) -> usize {
        self.cells.get(&cell_of(pointer)).map_or(0, Vec::len)
    }
}

/// Draws the map into the space left; returns the company clicked. `layout` keeps where the
/// companies land between frames (drop it when `companies` change).
pub fn park_map(
    ui: &mut egui::Ui,
    layout: &mut Option<MapLayout>,
    companies: &[Company],
    catalog: &Catalog,
    rows: &[&Opportunity],
    selected: Option<(i64, i64)>,
    lang: Lang,
) -> Option<CompanyId> {
    let (response, painter) = ui.allocate_painter(ui.available_size(), egui::Sense::click());
    let name = lang.pick("园区地图", "Park map");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, name));
    let rect = response.rect;
    let layout = match layout {
        Some(l) if l.rect == rect => l,
        _ => layout.insert(MapLayout::new(companies, rect)),
    };
    let p = palette(ui);
    let visuals = ui.visuals();
    painter.rect_filled(rect, size::CORNER_RADIUS, visuals.extreme_bg_color);
    let zone_colour = |c: &Company| p.zone(Some(catalog.zone_rank(c.zone_id)).filter(|r| *r != usize::MAX));

    // Lines first, so the dots sit on top; the selected pair last and thickest.
    let is_selected = |r: &Opportunity| selected == Some((r.candidate.need_id, r.candidate.product_id));
    let lines: Vec<&&Opportunity> = rows.iter().take(MAX_LINES).collect();
    let ends = |r: &Opportunity| {
        Some((*layout.at.get(&r.candidate.supplier_company_id)?, *layout.at.get(&r.candidate.need_company_id)?))
    };
    for row in lines.iter().filter(|r| !is_selected(r)) {
        if let Some((from, to)) = ends(row) {
            let colour = p.stage(row.stage).gamma_multiply(p.map_line_alpha);
            painter.line_segment([from, to], Stroke::new(size::MAP_LINE, colour));
        }
    }
    let in_lines: HashSet<CompanyId> =
        lines.iter().flat_map(|r| [r.candidate.supplier_company_id, r.candidate.need_company_id]).collect();
    let outline = visuals.strong_text_color();
    if !layout.clusters.is_empty() {
        // One dot per cell, in the colour of the zone most of its companies are in.
        for &(centre, radius, zone) in &layout.clusters {
            painter.circle_filled(centre, radius, p.zone(Some(catalog.zone_rank(zone)).filter(|r| *r != usize::MAX)));
        }
    } else {
        for &(at, i) in &layout.points {
            let c = &companies[i];
            let in_pair = in_lines.contains(&c.id);
            let radius = if in_pair { size::MAP_DOT_IN_PAIR } else { size::MAP_DOT };
            painter.circle_filled(at, radius, zone_colour(c));
            if in_pair {
                painter.circle_stroke(at, radius, Stroke::new(1.0, outline));
            }
        }
    }
    for row in lines.iter().filter(|r| is_selected(r)) {
        if let Some((from, to)) = ends(row) {
            painter.line_segment([from, to], Stroke::new(size::MAP_LINE_SELECTED, p.stage(row.stage)));
            for end in [from, to] {
                painter.circle_stroke(end, size::MAP_RING, Stroke::new(size::MAP_RING_STROKE, outline));
            }
        }
    }

    // Legend: one swatch per zone, on a backing so dots under it do not show through.
    let zones = catalog.zones();
    let line = text_size::SMALL + space::S;
    let legend_size = vec2(size::MAP_LEGEND_WIDTH, space::L + line * zones.len() as f32);
    let legend = Rect::from_min_size(rect.min + vec2(space::S, space::S), legend_size);
    painter.rect_filled(legend, size::CORNER_RADIUS, visuals.extreme_bg_color.gamma_multiply(0.9));
    let mut y = rect.top() + space::L;
    for (rank, zone) in zones.iter().enumerate() {
        let swatch = pos2(rect.left() + space::L + space::S, y + line / 2.0);
        painter.circle_filled(swatch, size::MAP_SWATCH, p.zone(Some(rank)));
        let font = egui::FontId::proportional(text_size::SMALL);
        let at = swatch + vec2(size::MAP_SWATCH * 2.0, 0.0);
        painter.text(at, egui::Align2::LEFT_CENTER, &zone.name, font, visuals.text_color());
        y += line;
    }

    if layout.unplaced > 0 {
        painter.text(
            rect.left_bottom() + vec2(space::L, -space::M),
            egui::Align2::LEFT_BOTTOM,
            tr!(
                lang,
                "另有 {} 家企业未标注位置（在企业资料中填写坐标）",
                "{} more companies are not on the map (enter their position in their record)",
                layout.unplaced
            ),
            egui::FontId::proportional(text_size::SMALL),
            visuals.weak_text_color(),
        );
    }

    if let Some(pointer) = response.hover_pos()
        && let Some(i) = layout.company_at(pointer)
    {
        let c = &companies[i];
        let crowd = layout.crowd_at(pointer);
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(display_name(c));
            ui.label(&c.name);
            ui.weak(format!("{} · {}", catalog.zone_name(c.zone_id), c.industry));
            if crowd > 1 {
                ui.weak(tr!(
                    lang,
                    "此处共 {crowd} 家企业，放大窗口可分开",
                    "{crowd} companies here; a larger window separates them"
                ));
            }
            ui.weak(lang.pick("点击打开企业资料", "Click to open the company"));
        });
    }
    if response.clicked() {
        return response.interact_pointer_pos().and_then(|p| layout.company_at(p)).map(|i| companies[i].id);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: i64, x: f64, y: f64) -> Company {
        Company { id, x_m: x, y_m: y, ..Company::default() }
    }

    fn square() -> Rect {
        Rect::from_min_size(pos2(0.0, 0.0), vec2(448.0, 448.0))
    }

    #[test]
    fn the_park_fits_the_rect_with_north_up_and_one_scale() {
        let companies = [at(1, 10.0, 10.0), at(2, 2010.0, 1010.0)];
        let t = MapTransform::fit(&companies, square());
        let sw = t.to_screen(10.0, 10.0);
        let ne = t.to_screen(2010.0, 1010.0);
        assert!((ne.x - sw.x - 400.0).abs() < 0.01, "the wide side fills the inner width");
        assert!((sw.y - ne.y - 200.0).abs() < 0.01, "north is up at the same scale");
        assert!(square().contains(sw) && square().contains(ne));
    }

    #[test]
    fn companies_not_placed_are_left_off_the_map() {
        let companies = [at(1, 0.0, 0.0), at(2, 1000.0, 1000.0), at(3, 2000.0, 2000.0)];
        let layout = MapLayout::new(&companies, square());
        let t = MapTransform::fit(&companies, square());
        assert!((t.to_screen(2000.0, 2000.0).x - t.to_screen(1000.0, 1000.0).x - 400.0).abs() < 0.01);
        assert_eq!(layout.unplaced, 1);
        assert_eq!(layout.company_at(t.to_screen(0.0, 0.0)), None);
    }

    #[test]
    fn a_click_picks_the_nearest_dot_within_reach() {
        let companies = [at(1, 10.0, 10.0), at(2, 110.0, 10.0), at(3, 2000.0, 2000.0)];
        let layout = MapLayout::new(&companies, square());
        let two = MapTransform::fit(&companies, square()).to_screen(110.0, 10.0);
        assert_eq!(layout.company_at(two + vec2(2.0, 2.0)).map(|i| companies[i].id), Some(2));
        assert_eq!(layout.company_at(two + vec2(40.0, -40.0)), None);
    }
}
