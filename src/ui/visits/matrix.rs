//! 互访矩阵: every member against every held visit (● a guest, ★ the host), members who have met
//! the fewest others first, so the secretary sees who never meets whom and whom to invite next.

use crate::domain::ZoneId;
use crate::i18n::Lang;
use crate::i18n::glossary;
use crate::tr;
use crate::ui::screen::Ctx;
use crate::ui::table::{self, ColumnSpec};
use crate::ui::theme::{palette, size};
use crate::ui::widgets::{display_name, filter_combo};
use crate::visits::matrix::{Matrix, Presence};

/// How many of the members a company has not met a hover names.
const NEVER_MET_SHOWN: usize = 24;

/// What the matrix shows: one zone, or every zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct MatrixFilter {
    pub zone: Option<ZoneId>,
}

pub(super) fn matrix_view(ui: &mut egui::Ui, ctx: &Ctx, matrix: &Matrix, filter: &mut MatrixFilter) {
    let lang = ctx.lang;
    let catalog = ctx.catalog;
    let members = matrix.rows.len();
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr!(
            lang,
            "{} 次有出席记录的互访 · {} 家成员从未到场 · {} 对成员从未在互访中见面（共 {} 对）",
            "{} visits with attendance · {} members never there · {} pairs never met at a visit (of {})",
            matrix.visits.len(),
            matrix.never_there(),
            matrix.never_met_pairs,
            members * members.saturating_sub(1) / 2
        ));
        ui.separator();
        let zones: Vec<_> = catalog.zones().iter().map(|z| (z.id, z.name.clone())).collect();
        filter_combo(ui, "matrix_zone", glossary::ZONE.get(lang), &mut filter.zone, &zones, lang);
    });
    ui.weak(lang.pick(
        "● 到场  ★ 东道主；见面数少的成员排在前面，指向企业名称可见它还没见过哪些成员。两家成员同在一次互访即算见过面。",
        "● there  ★ host; members who met the fewest others first; point at a name for whom it has not met. Two members meet when both are at one visit.",
    ));
    let mut rows: Vec<&crate::visits::matrix::MemberRow> = matrix
        .rows
        .iter()
        .filter(|r| filter.zone.is_none() || catalog.entry(r.company).is_some_and(|e| e.company.zone_id == filter.zone))
        .collect();
    rows.sort_by_key(|r| (r.met, catalog.position(r.company)));
    let specs = [
        ColumnSpec::key(lang.pick("企业", "Company"), 180.0, 140.0),
        ColumnSpec::key(lang.pick("片区", "Zone"), 72.0, 60.0),
        ColumnSpec::key(lang.pick("到场", "There"), 52.0, 48.0).numeric(),
        ColumnSpec::key(lang.pick("见过", "Met"), 52.0, 48.0).numeric(),
    ];
    let p = palette(ui);
    egui::ScrollArea::horizontal().id_salt("matrix_scroll").show(ui, |ui| {
        let mut builder = table::builder(ui, "visit_matrix", &[]);
        for spec in &specs {
            builder = builder.column(egui_extras::Column::exact(spec.width).clip(true));
        }
        for _ in &matrix.visits {
            builder = builder.column(egui_extras::Column::exact(size::MATRIX_COLUMN));
        }
        builder
            .header(table::HEADER_HEIGHT * 1.6, |mut header| {
                for spec in &specs {
                    header.col(|ui| {
                        table::header(ui, spec, false, None);
                    });
                }
                for visit in &matrix.visits {
                    let host = catalog.entry(visit.host).map_or("", |e| display_name(&e.company));
                    header.col(|ui| {
                        ui.vertical(|ui| {
                            ui.label(
                                egui::RichText::new(format!("{}.{}", visit.year % 100, visit.month)).small().strong(),
                            );
                            ui.add(egui::Label::new(egui::RichText::new(host).small()).truncate());
                        })
                        .response
                        .on_hover_text(tr!(
                            lang,
                            "{} 年 {} 月 · {host}",
                            "{}-{:02} · {host}",
                            visit.year,
                            visit.month
                        ));
                    });
                }
            })
            .body(|body| {
                body.rows(size::ROW_HEIGHT, rows.len(), |mut row| {
                    let r = rows[row.index()];
                    let entry = catalog.entry(r.company);
                    row.col(|ui| {
                        let name = entry.map_or("", |e| display_name(&e.company));
                        // Whom it has not met yet, worked out only when asked: the next visit's guests.
                        ui.add(egui::Label::new(name).truncate()).on_hover_ui(|ui| {
                            let never = matrix.never_met(r.company);
                            let names: Vec<&str> = never
                                .iter()
                                .take(NEVER_MET_SHOWN)
                                .filter_map(|id| catalog.entry(*id).map(|e| display_name(&e.company)))
                                .collect();
                            let more = never.len().saturating_sub(NEVER_MET_SHOWN);
                            ui.strong(tr!(
                                lang,
                                "{name} 尚未在互访中见过 {} 家成员",
                                "{name} has not met {} members at a visit",
                                never.len()
                            ));
                            ui.label(names.join(lang.pick("、", ", ")));
                            if more > 0 {
                                ui.weak(tr!(lang, "另有 {more} 家", "and {more} more"));
                            }
                        });
                    });
                    row.col(|ui| table::cell(ui, entry.map_or("", |e| catalog.zone_name(e.company.zone_id)), false));
                    row.col(|ui| table::cell(ui, (r.attended + r.hosted).to_string(), true));
                    let met = egui::RichText::new(r.met.to_string());
                    row.col(|ui| {
                        table::cell(ui, if r.met == 0 { met.color(p.warning) } else { met }, true);
                    });
                    for presence in &r.at {
                        row.col(|ui| match presence {
                            Presence::Guest => table::cell(ui, egui::RichText::new("●").color(p.info), false),
                            Presence::Host => table::cell(ui, egui::RichText::new("★").color(p.success), false),
                            Presence::Absent => {}
                        });
                    }
                });
            });
    });
    if matrix.visits.is_empty() {
        ui.weak(lang.pick("还没有记录出席情况的互访。", "No visit has its attendance recorded yet."));
    }
}

/// The matrix's title on the toolbar toggle.
pub(super) fn toggle_label(lang: Lang) -> &'static str {
    lang.pick("互访矩阵", "Who visited whom")
}
