//! Tables that fit the room they have. Each column says how wide it would like to be, how narrow
//! it can go, and whether it is a key column (the company, the saving, the stage). Key columns
//! always show; the others show in their priority order while they fit, and the width left over
//! is shared out. Text that does not fit ends in "…" and shows whole on hover; numbers are
//! right-aligned. So a list beside an open detail panel loses its least useful columns, never its
//! key ones, and never needs scrolling sideways.

use super::theme::size;
use egui_extras::{Column, TableBuilder};

#[derive(Debug, Clone)]
pub struct ColumnSpec {
    pub title: &'static str,
    pub width: f32,
    pub min: f32,
    /// Shown whatever the width.
    pub key: bool,
    /// Among the others, lower shows first.
    pub priority: u8,
    pub numeric: bool,
}

impl ColumnSpec {
    pub fn key(title: &'static str, width: f32, min: f32) -> Self {
        Self { title, width, min, key: true, priority: 0, numeric: false }
    }

    pub fn optional(title: &'static str, width: f32, min: f32, priority: u8) -> Self {
        Self { title, width, min, key: false, priority, numeric: false }
    }

    pub fn numeric(mut self) -> Self {
        self.numeric = true;
        self
    }
}

/// Which columns to show and how wide, for a table `available` points wide whose cells are
/// `spacing` apart. Returns indices into `columns`, in their order.
pub fn fit(columns: &[ColumnSpec], available: f32, spacing: f32) -> Vec<(usize, f32)> {
    let needs =
        |shown: &[usize], of: fn(&ColumnSpec) -> f32| -> f32 { shown.iter().map(|&i| of(&columns[i]) + spacing).sum() };
    let mut shown: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].key).collect();
    let mut optional: Vec<usize> = (0..columns.len()).filter(|&i| !columns[i].key).collect();
    optional.sort_by_key(|&i| columns[i].priority);
    for i in optional {
        let mut trial = shown.clone();
        trial.push(i);
        // A column joins when all can have their preferred width, or at least their minimum
        // while the key columns keep theirs.
        if needs(&trial, |c| c.min) <= available && needs(&shown, |c| c.width) + columns[i].min + spacing <= available {
            shown = trial;
        }
    }
    shown.sort_unstable();
    let preferred = needs(&shown, |c| c.width);
    let minimum = needs(&shown, |c| c.min);
    let widths: Vec<f32> = if preferred <= available {
        // Room to spare: in proportion to each one's preferred width.
        let extra = available - preferred;
        let total: f32 = shown.iter().map(|&i| columns[i].width).sum();
        shown.iter().map(|&i| columns[i].width + extra * columns[i].width / total.max(1.0)).collect()
    } else {
        // Short of room: each gives up the same share of what it could give.
        let short = (preferred - available).min(preferred - minimum);
        let slack: f32 = shown.iter().map(|&i| columns[i].width - columns[i].min).sum();
        shown
            .iter()
            .map(|&i| {
                let c = &columns[i];
                c.width - short * (c.width - c.min) / slack.max(1.0)
            })
            .collect()
    };
    shown.into_iter().zip(widths).collect()
}

/// A table builder for the fitted columns, with the rows' look every list shares.
pub fn builder<'a>(ui: &'a mut egui::Ui, id: &str, fitted: &[(usize, f32)]) -> TableBuilder<'a> {
    // Plain labels in the table, so a click anywhere on a row selects it.
    ui.style_mut().interaction.selectable_labels = false;
    let salt: Vec<usize> = fitted.iter().map(|(i, _)| *i).collect();
    let mut table = TableBuilder::new(ui)
        .id_salt((id, salt))
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for (_, width) in fitted {
        table = table.column(Column::exact(*width).clip(true));
    }
    table
}

/// One cell's text: cut with "…" when too long (whole on hover), right-aligned when a number.
pub fn cell(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>, numeric: bool) {
    let label = egui::Label::new(text).truncate();
    if numeric {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.add(label));
    } else {
        ui.add(label);
    }
}

/// The header row of a table that does not sort: each fitted column's title.
pub fn plain_header(header: &mut egui_extras::TableRow, specs: &[ColumnSpec], fitted: &[(usize, f32)]) {
    for &(i, _) in fitted {
        header.col(|ui| {
            self::header(ui, &specs[i], false, None);
        });
    }
}

/// A header title; `sorted` adds ▲ or ▼. Returns true when clicked (to sort by it).
pub fn header(ui: &mut egui::Ui, spec: &ColumnSpec, sortable: bool, sorted: Option<bool>) -> bool {
    let arrow = match sorted {
        Some(true) => " ▲",
        Some(false) => " ▼",
        None => "",
    };
    let text = if arrow.is_empty() {
        egui::RichText::new(spec.title).strong()
    } else {
        egui::RichText::new(format!("{}{arrow}", spec.title)).strong()
    };
    let layout = if spec.numeric {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    ui.with_layout(layout, |ui| {
        if sortable {
            ui.add(egui::Button::new(text).frame(false).truncate()).clicked()
        } else {
            ui.add(egui::Label::new(text).truncate());
            false
        }
    })
    .inner
}

pub const HEADER_HEIGHT: f32 = size::ROW_HEIGHT + 4.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<ColumnSpec> {
        vec![
            ColumnSpec::key("name", 200.0, 120.0),
            ColumnSpec::optional("short", 100.0, 60.0, 3),
            ColumnSpec::optional("industry", 90.0, 60.0, 1),
            ColumnSpec::key("status", 60.0, 50.0),
        ]
    }

    #[test]
    fn wide_enough_every_column_shows_and_the_room_is_shared() {
        let fitted = fit(&columns(), 1000.0, 8.0);
        assert_eq!(fitted.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 1, 2, 3]);
        let total: f32 = fitted.iter().map(|f| f.1 + 8.0).sum();
        assert!((total - 1000.0).abs() < 0.01);
    }

    #[test]
    fn narrow_the_key_columns_stay_and_optional_ones_go_lowest_priority_first() {
        let fitted = fit(&columns(), 360.0, 8.0);
        assert_eq!(fitted.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 2, 3], "short name goes first");
        let fitted = fit(&columns(), 150.0, 8.0);
        assert_eq!(fitted.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 3], "never a key column");
        assert!(fitted.iter().all(|(i, w)| *w >= columns()[*i].min - 0.01), "{fitted:?}");
    }
}
