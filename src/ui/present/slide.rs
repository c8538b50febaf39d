//! How a slide is drawn: on the projector and into the PDF alike. Type is measured in parts of
//! the output's height, so a slide reads the same from the back of the room at any resolution:
//! a line is 1/18 of the height, a title 1/11, the page number 1/25 (the smallest allowed).

use crate::present::{Bar, MapDot, MapPair, Slide};
use crate::ui::theme::palette;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, vec2};

/// Where a slide is in its deck, and how much of a ranking is revealed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// Its number (from 1) and the deck's count, shown in the corner; `None` for a chart on its
    /// own (in the report).
    pub position: Option<(usize, usize)>,
    /// How many lines of a revealed ranking show, from its last up; `None` shows them all.
    pub revealed: Option<usize>,
}

/// The sizes of a slide of `height` points.
struct Scale {
    line: f32,
    title: f32,
    small: f32,
}

impl Scale {
    fn of(height: f32) -> Self {
        Self { line: height / 18.0, title: height / 11.0, small: height / 25.0 }
    }
}

/// Shows `slide` over the whole window, in front of everything else.
pub fn show(ui: &egui::Ui, slide: &Slide, page: Page) {
    let rect = ui.ctx().content_rect();
    egui::Area::new(ui.make_persistent_id("slide")).order(egui::Order::Foreground).fixed_pos(rect.min).show(
        ui.ctx(),
        |ui| {
            ui.set_min_size(rect.size());
            paint(ui, rect, slide, page);
        },
    );
}

/// Paints `slide` over `rect` (a backdrop first, then its text and charts).
pub fn paint(ui: &egui::Ui, rect: Rect, slide: &Slide, page: Page) {
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    // High contrast: every word in the strongest colour; pale grey washes out on a projector.
    let strong = visuals.strong_text_color();
    let text = strong;
    let weak = visuals.weak_text_color();
    let accent = palette(ui).info;
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
    let s = Scale::of(rect.height());
    // The bottom margin keeps the page number clear of a chart's labels.
    let inner =
        Rect::from_min_max(rect.min + vec2(s.line * 1.2, s.line * 0.8), rect.max - vec2(s.line * 1.2, s.line * 1.8));
    // Text wider than the slide is cut with an ellipsis rather than run off the screen.
    let put = |pos: Pos2, anchor: Align2, line: &str, size: f32, color: Color32, width: f32| {
        let mut job = egui::text::LayoutJob::simple_singleline(line.to_owned(), FontId::proportional(size), color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(size));
        let galley = painter.layout_job(job);
        let at = anchor.anchor_size(pos, galley.size()).min;
        painter.galley(at, galley.clone(), color);
        galley.size()
    };
    let heading = |title: &str| {
        put(inner.min, Align2::LEFT_TOP, title, s.title, strong, inner.width());
        inner.top() + s.title * 1.5
    };
    match slide {
        Slide::Title { title, subtitle } => {
            let mut y = rect.top() + rect.height() * 0.3;
            for part in title.lines() {
                put(Pos2::new(rect.center().x, y), Align2::CENTER_TOP, part, s.title, strong, inner.width());
                y += s.title * 1.4;
            }
            y += s.line * 0.6;
            put(Pos2::new(rect.center().x, y), Align2::CENTER_TOP, subtitle, s.line, text, inner.width());
        }
        Slide::Lines { title, lines, reveal } => {
            let mut y = heading(title);
            let hidden = match (reveal, page.revealed) {
                (true, Some(shown)) => lines.len().saturating_sub(shown),
                _ => 0,
            };
            for (i, line) in lines.iter().enumerate() {
                let (shown, color) = if i < hidden { ("· · · · · ·", weak) } else { (line.as_str(), text) };
                put(Pos2::new(inner.left(), y), Align2::LEFT_TOP, shown, s.line, color, inner.width());
                y += s.line * 1.35;
            }
        }
        Slide::Bars { title, bars } => {
            let top = heading(title);
            paint_bars(&painter, Rect::from_min_max(Pos2::new(inner.left(), top), inner.max), bars, &s, text, accent);
        }
        Slide::Map { title, dots, pairs } => {
            let top = heading(title);
            paint_map(ui, &painter, Rect::from_min_max(Pos2::new(inner.left(), top), inner.max), dots, pairs, &s);
        }
        Slide::Columns { title, columns } => {
            let top = heading(title);
            paint_columns(
                &painter,
                Rect::from_min_max(Pos2::new(inner.left(), top), inner.max),
                columns,
                &s,
                text,
                accent,
            );
        }
    }
    if let Some((number, count)) = page.position {
        let at = rect.right_bottom() - vec2(s.line, s.line * 0.6);
        put(at, Align2::RIGHT_BOTTOM, &format!("{number}/{count}"), s.small, weak, s.line * 4.0);
    }
}

/// Bars across: the label, the bar, the value; the labels' column as wide as the longest needs,
/// up to two fifths of the slide.
fn paint_bars(painter: &egui::Painter, area: Rect, bars: &[Bar], s: &Scale, text: Color32, accent: Color32) {
    let font = FontId::proportional(s.line);
    let measure = |t: &str| painter.layout_no_wrap(t.to_owned(), font.clone(), text).size().x;
    let label_width = bars.iter().map(|b| measure(&b.label)).fold(0.0, f32::max).min(area.width() * 0.4);
    let value_width = bars.iter().map(|b| measure(&b.shown)).fold(0.0, f32::max);
    let gap = s.line * 0.5;
    let bar_width = (area.width() - label_width - value_width - gap * 2.0).max(s.line);
    let most = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let row = (area.height() / bars.len().max(1) as f32).min(s.line * 1.5);
    for (i, bar) in bars.iter().enumerate() {
        let y = area.top() + row * i as f32;
        let mut job = egui::text::LayoutJob::simple_singleline(bar.label.clone(), font.clone(), text);
        job.wrap = egui::text::TextWrapping::truncate_at_width(label_width.max(s.line));
        let galley = painter.layout_job(job);
        painter.galley(Pos2::new(area.left() + label_width - galley.size().x, y), galley, text);
        let length = if most > 0.0 { bar_width * (bar.value / most) as f32 } else { 0.0 };
        let left = area.left() + label_width + gap;
        let body = Rect::from_min_size(Pos2::new(left, y + s.line * 0.1), vec2(length, s.line * 0.9));
        painter.rect_filled(body, 0.0, accent);
        painter.text(Pos2::new(left + length + gap, y), Align2::LEFT_TOP, &bar.shown, font.clone(), text);
    }
}

/// Columns over months: the value above each column, the month beneath it, a base line. Six
/// columns share the width, so their figures take the smallest allowed type.
fn paint_columns(painter: &egui::Painter, area: Rect, columns: &[Bar], s: &Scale, text: Color32, accent: Color32) {
    let font = FontId::proportional(s.small);
    let n = columns.len().max(1) as f32;
    let slot = area.width() / n;
    let base = area.bottom() - s.line * 1.4;
    let tallest = (base - area.top() - s.line * 1.4).max(s.line);
    let most = columns.iter().map(|c| c.value).fold(0.0, f64::max);
    painter.line_segment([Pos2::new(area.left(), base), Pos2::new(area.right(), base)], Stroke::new(2.0, text));
    for (i, column) in columns.iter().enumerate() {
        let centre = area.left() + slot * (i as f32 + 0.5);
        let height = if most > 0.0 { tallest * (column.value / most) as f32 } else { 0.0 };
        let body =
            Rect::from_min_max(Pos2::new(centre - slot * 0.3, base - height), Pos2::new(centre + slot * 0.3, base));
        painter.rect_filled(body, 0.0, accent);
        painter.text(
            Pos2::new(centre, base - height - s.line * 0.2),
            Align2::CENTER_BOTTOM,
            &column.shown,
            font.clone(),
            text,
        );
        painter.text(Pos2::new(centre, base + s.line * 0.2), Align2::CENTER_TOP, &column.label, font.clone(), text);
    }
}

/// The park fitted into `area`, north up: members as small dots in their zone's colour, each pair
/// a thick line from supplier to buyer with both names on a plate that keeps them readable.
fn paint_map(ui: &egui::Ui, painter: &egui::Painter, area: Rect, dots: &[MapDot], pairs: &[MapPair], s: &Scale) {
    let p = palette(ui);
    let visuals = ui.visuals();
    let (mut min, mut max) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    for at in dots.iter().map(|d| d.at).chain(pairs.iter().flat_map(|x| [x.supplier.1, x.buyer.1])) {
        min = (min.0.min(at.0), min.1.min(at.1));
        max = (max.0.max(at.0), max.1.max(at.1));
    }
    if min.0 > max.0 {
        return;
    }
    // Room at the sides for the names.
    let room = area.shrink2(vec2(s.small * 3.0, s.small));
    let (width, height) = ((max.0 - min.0).max(1.0) as f32, (max.1 - min.1).max(1.0) as f32);
    let scale = (room.width() / width).min(room.height() / height);
    let origin = Pos2::new(room.center().x - width * scale / 2.0, room.center().y + height * scale / 2.0);
    let to_screen =
        |at: (f64, f64)| Pos2::new(origin.x + (at.0 - min.0) as f32 * scale, origin.y - (at.1 - min.1) as f32 * scale);
    let radius = (s.small * 0.1).max(2.0);
    for dot in dots {
        painter.circle_filled(to_screen(dot.at), radius, p.zone(dot.zone).gamma_multiply(0.7));
    }
    let stroke = Stroke::new((s.small * 0.15).max(3.0), p.info);
    let font = FontId::proportional(s.small);
    let plate = visuals.extreme_bg_color.gamma_multiply(0.85);
    let text = visuals.strong_text_color();
    for pair in pairs {
        let (from, to) = (to_screen(pair.supplier.1), to_screen(pair.buyer.1));
        painter.line_segment([from, to], stroke);
        painter.circle_filled(from, radius * 2.5, p.info);
        painter.circle_filled(to, radius * 2.5, p.info);
    }
    // The names after the lines, so no line crosses a name; the supplier's on the side away from
    // its buyer, and each inside the slide.
    for pair in pairs {
        let (from, to) = (to_screen(pair.supplier.1), to_screen(pair.buyer.1));
        for (name, at, other) in [(&pair.supplier.0, from, to), (&pair.buyer.0, to, from)] {
            let galley = painter.layout_no_wrap(name.clone(), font.clone(), text);
            let size = galley.size();
            let left = if at.x <= other.x { at.x - size.x - s.small * 0.4 } else { at.x + s.small * 0.4 };
            let x = left.clamp(area.left(), area.right() - size.x);
            let y = (at.y - size.y / 2.0).clamp(area.top(), area.bottom() - size.y);
            let rect = Rect::from_min_size(Pos2::new(x, y), size).expand(s.small * 0.1);
            painter.rect_filled(rect, s.small * 0.15, plate);
            painter.galley(Pos2::new(x, y), galley, text);
        }
    }
}
