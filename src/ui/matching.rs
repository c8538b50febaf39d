//! 供需对接: the park-wide board of supplier opportunities, sorted by estimated annual saving;
//! a need's candidates with their score in words; each pair's pipeline; what one company could
//! sell and buy; the park map. Matching runs in the background (`matching::service`), so the
//! board never waits for it.

use super::command::{AppCommand, UiCommand};
use super::notify::Notification;
use super::park_map::{self, MapLayout};
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::synonyms::SynonymsDialog;
use super::table::{self, ColumnSpec};
use super::theme::{self, palette, size, space};
use super::widgets::{self, PanelEvent, PickerText, company_picker, detail_panel, filter_combo};
use crate::catalog::Change;
use crate::domain::fields::FieldTable;
use crate::domain::opportunity::{Pipeline, Stage, Transition};
use crate::domain::text::{parse_date, parse_number};
use crate::domain::{Company, CompanyId, Need, ZoneId};
use crate::i18n::{Lang, Phrase, Text, format, glossary};
use crate::matching::board::{Opportunity, Unsupplied, display_name, fingerprint, heading};
use crate::matching::engine::Candidate;
use crate::matching::export::board_task;
use crate::matching::pipeline::record_step;
use crate::matching::service::{MatchService, MatchSnapshot};
use crate::matching::synonyms::{SynonymAction, teach_pair};
use crate::undo::Undo;
use crate::{text, tr};
use std::path::PathBuf;
use std::sync::Arc;

/// What the board says of a need no member supplies.
const UNSUPPLIED: Phrase = Phrase::new("园区内暂无供应", "No member supplies it");

/// The product half of the selection when a need with no candidate is selected: ids start at 1.
const NO_PRODUCT: i64 = 0;

/// Which stages the board shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StageFilter {
    /// Suggested, introduced and on trial: what still needs work.
    #[default]
    Open,
    /// Everything but dismissed suggestions.
    All,
    Only(Stage),
    /// The needs no member supplies, in place of the pairs.
    Unsupplied,
}

impl StageFilter {
    fn choices(lang: Lang) -> Vec<(StageFilter, String)> {
        let mut out = vec![
            (Self::Open, lang.pick("进行中", "Open").to_string()),
            (Self::All, lang.pick("全部（不含已忽略）", "All but dismissed").to_string()),
        ];
        out.extend(Stage::ALL.iter().map(|s| (Self::Only(*s), s.label(lang).to_string())));
        out.push((Self::Unsupplied, UNSUPPLIED.get(lang).to_string()));
        out
    }

    fn admits(self, stage: Stage) -> bool {
        match self {
            Self::Open => stage.is_open(),
            Self::All => stage != Stage::Dismissed,
            Self::Only(s) => s == stage,
            Self::Unsupplied => false,
        }
    }

    fn name(self, lang: Lang) -> String {
        Self::choices(lang).into_iter().find(|(f, _)| *f == self).map(|(_, name)| name).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardFilters {
    pub zone: Option<ZoneId>,
    pub industry: Option<String>,
    pub stage: StageFilter,
    /// Only the pairs where this company buys or sells.
    pub company: Option<CompanyId>,
}

/// The form open under the selected pair, with what is typed so far.
#[derive(Debug, Clone, PartialEq)]
enum Form {
    Introduce {
        date: String,
        note: String,
    },
    /// `baseline` is what the buyer pays now, kept with the contract.
    Contract {
        date: String,
        price: String,
        quantity: String,
        baseline: Option<f64>,
    },
    Decline {
        reason: String,
    },
}

impl Form {
    /// The step the form records, or why it cannot.
    fn transition(&self, lang: Lang) -> Result<Transition, String> {
        let date_of = |text: &str| {
            parse_date(text).ok_or_else(|| {
                lang.pick("日期无法识别，如 2026-11-25", "Date not understood, e.g. 2026-11-25").to_string()
            })
        };
        match self {
            Form::Introduce { date, note } => {
                Ok(Transition::Introduce { on: date_of(date)?, note: note.trim().to_string() })
            }
            Form::Contract { date, price, quantity, baseline } => {
                let on = date_of(date)?;
                let number = |t: &str| parse_number(t).ok().flatten();
                match (number(price), number(quantity)) {
                    (Some(unit_price), Some(annual_quantity)) => {
                        Ok(Transition::Contract { on, unit_price, annual_quantity, baseline_unit_price: *baseline })
                    }
                    _ => Err(lang.pick("单价和年用量须填数字", "Price and quantity must be numbers").to_string()),
                }
            }
            Form::Decline { reason } => Ok(Transition::Decline { reason: reason.clone() }),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Select(i64, i64),
    Transition(i64, i64, Transition),
    OpenCompany(CompanyId),
    Refilter,
    Export,
    Synonym(SynonymAction),
    OpenSynonyms,
    Retry,
    CloseDetail,
    /// Show the selected pair's stage in the board.
    RevealSelected,
}

pub struct MatchingScreen {
    service: MatchService,
    /// The run the board shows.
    shown: Option<Arc<MatchSnapshot>>,
    pub filters: BoardFilters,
    /// Indices into the board's rows that pass the filters; into its unsupplied needs when the
    /// filter asks for those.
    visible: Vec<usize>,
    pub selected: Option<(i64, i64)>,
    pub show_map: bool,
    detail_expanded: bool,
    form: Option<Form>,
    form_error: Option<String>,
    /// A form just opened below the fold is scrolled into view once.
    scroll_to_form: bool,
    scroll_to_row: bool,
    synonyms: Option<SynonymsDialog>,
    map_layout: Option<MapLayout>,
    /// Data changed while another section was on show: match again when this one is.
    stale: bool,
    focus_picker: bool,
    actions: Vec<Action>,
}

fn today() -> chrono::NaiveDate {
    crate::clock::today()
}

/// The board's columns: the saving and the stage are key, so they stay beside the detail panel.
fn columns(lang: Lang) -> [ColumnSpec; 9] {
    use ColumnSpec as C;
    [
        C::key(heading::BUYER.get(lang), 120.0, 68.0),
        C::key(heading::ITEM.get(lang), 100.0, 60.0),
        C::key(heading::SUPPLIER.get(lang), 120.0, 68.0),
        C::key(lang.pick("预计年节约", "Est. saving/yr"), 104.0, 84.0).numeric(),
        C::key(heading::STAGE.get(lang), 64.0, 50.0),
        C::optional(lang.pick("距离", "Distance"), 72.0, 60.0, 2).numeric(),
        C::optional(lang.pick("现价 → 报价", "Now → offer"), 150.0, 120.0, 1),
        C::optional(heading::PRODUCT.get(lang), 110.0, 80.0, 3),
        C::optional(heading::SCORE.get(lang), 52.0, 48.0, 4).numeric(),
    ]
}

/// The columns of the needs no member supplies: what the buyer buys and from whom today, where
/// the board has its supplier and saving.
fn unsupplied_columns(lang: Lang) -> [ColumnSpec; 5] {
    use ColumnSpec as C;
    let label = |key: &str| Need::field(key).map_or("", |f| f.info.label.get(lang));
    [
        C::key(heading::BUYER.get(lang), 120.0, 68.0),
        C::key(heading::ITEM.get(lang), 120.0, 68.0),
        C::key(lang.pick("园区内", "In the park"), 96.0, 72.0),
        C::optional(label("Spec"), 180.0, 100.0, 1),
        C::optional(label("CurrentSupplier"), 160.0, 100.0, 2),
    ]
}

impl MatchingScreen {
    pub fn new(db: PathBuf) -> Self {
        Self {
            service: MatchService::new(db),
            shown: None,
            filters: BoardFilters::default(),
            visible: Vec::new(),
            selected: None,
            show_map: false,
            detail_expanded: true,
            form: None,
            form_error: None,
            scroll_to_form: false,
            scroll_to_row: false,
            synonyms: None,
            map_layout: None,
            stale: false,
            focus_picker: false,
            actions: Vec::new(),
        }
    }

    /// The run on show.
    pub fn snapshot(&self) -> Option<&Arc<MatchSnapshot>> {
        self.shown.as_ref()
    }

    /// Whether a matching run is under way or about to start.
    pub fn is_matching(&self) -> bool {
        self.service.is_busy()
    }

    /// The board rows that pass the filters, in board order.
    pub fn visible_rows(&self) -> Vec<&Opportunity> {
        match &self.shown {
            Some(s) if !self.listing_unsupplied() => self.visible.iter().map(|&i| &s.board.rows[i]).collect(),
            _ => Vec::new(),
        }
    }

    /// The needs no member supplies that pass the filters, when the board lists those.
    pub fn visible_unsupplied(&self) -> Vec<&Unsupplied> {
        match &self.shown {
            Some(s) if self.listing_unsupplied() => self.visible.iter().map(|&i| &s.board.unsupplied[i]).collect(),
            _ => Vec::new(),
        }
    }

    fn listing_unsupplied(&self) -> bool {
        self.filters.stage == StageFilter::Unsupplied
    }

    fn refilter(&mut self) {
        let Some(snapshot) = &self.shown else { return };
        let f = &self.filters;
        let company_passes = |id: CompanyId| {
            snapshot.company(id).is_some_and(|c| {
                f.zone.is_none_or(|z| c.zone_id == Some(z)) && f.industry.as_ref().is_none_or(|i| &c.industry == i)
            })
        };
        if f.stage == StageFilter::Unsupplied {
            self.visible = snapshot
                .board
                .unsupplied
                .iter()
                .enumerate()
                .filter(|(_, u)| {
                    company_passes(u.need_company_id) && f.company.is_none_or(|id| u.need_company_id == id)
                })
                .map(|(i, _)| i)
                .collect();
            return;
        }
        self.visible = snapshot
            .board
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let c = &r.candidate;
                f.stage.admits(r.stage)
                    && (company_passes(c.need_company_id) || company_passes(c.supplier_company_id))
                    && f.company.is_none_or(|id| c.need_company_id == id || c.supplier_company_id == id)
            })
            .map(|(i, _)| i)
            .collect();
    }

    fn selected_row(&self) -> Option<usize> {
        let snapshot = self.shown.as_ref()?;
        let (need, product) = self.selected?;
        if self.listing_unsupplied() {
            return self.visible.iter().position(|&i| snapshot.board.unsupplied[i].need_id == need);
        }
        self.visible.iter().position(|&i| {
            let c = &snapshot.board.rows[i].candidate;
            c.need_id == need && c.product_id == product
        })
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        ui.horizontal_wrapped(|ui| {
            let f = &mut self.filters;
            let mut changed =
                widgets::zone_and_industry_filters(ui, "board", ctx.catalog, &mut f.zone, &mut f.industry, lang);
            let mut stage = Some(f.stage);
            changed |= filter_combo(
                ui,
                "board_stage",
                glossary::STATUS.get(lang),
                &mut stage,
                &StageFilter::choices(lang),
                lang,
            );
            f.stage = stage.unwrap_or_default();
            let focus = std::mem::take(&mut self.focus_picker);
            let text = PickerText { label: glossary::COMPANY.get(lang), none: glossary::ALL.get(lang) };
            changed |= company_picker(ui, "board_company", text, &mut f.company, ctx.catalog, lang, focus);
            if changed {
                self.actions.push(Action::Refilter);
            }
            ui.separator();
            ui.selectable_value(&mut self.show_map, false, lang.pick("机会列表", "Board"));
            ui.selectable_value(&mut self.show_map, true, lang.pick("园区地图", "Park map"));
            ui.separator();
            if ui.button(lang.pick("同义词…", "Synonyms…")).clicked() {
                self.actions.push(Action::OpenSynonyms);
            }
            if ui
                .add_enabled(self.shown.is_some(), egui::Button::new(lang.pick("导出 Excel…", "Export to Excel…")))
                .clicked()
            {
                self.actions.push(Action::Export);
            }
        });
    }

    fn table(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, lang: Lang) {
        if self.listing_unsupplied() && !self.visible.is_empty() {
            self.unsupplied_table(ui, snapshot, lang);
            return;
        }
        if self.visible.is_empty() {
            ui.add_space(space::XXL);
            ui.vertical_centered(|ui| {
                ui.label(if snapshot.park.needs.is_empty() {
                    lang.pick(
                        "还没有采购需求。在“成员企业”里为企业填写采购需求和产品后，这里会列出供需对接机会。",
                        "No needs yet. Enter companies' needs and products under Members to see opportunities here.",
                    )
                } else {
                    lang.pick("没有符合条件的机会。", "No opportunity matches the filters.")
                });
            });
            return;
        }
        let p = palette(ui);
        let mut clicked = None;
        let columns = columns(lang);
        let (fitted, builder) = self.board_builder(ui, "opportunity_board", &columns);
        builder.header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &columns, &fitted)).body(
            |body| {
                body.rows(size::ROW_HEIGHT, self.visible.len(), |mut row| {
                    let r = &snapshot.board.rows[self.visible[row.index()]];
                    let c = &r.candidate;
                    let selected = self.selected == Some((c.need_id, c.product_id));
                    row.set_selected(selected);
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, &r.need_company, false),
                            1 => table::cell(ui, &r.need_item, false),
                            2 => table::cell(ui, &r.supplier_company, false),
                            3 => table::cell(ui, c.annual_saving().map(format::money).unwrap_or_default(), true),
                            4 => {
                                // On a selected row the stage keeps the selection's own strong colour.
                                let text = egui::RichText::new(r.stage.label(lang));
                                let text = if selected { text.strong() } else { text.color(p.stage(r.stage)) };
                                table::cell(ui, text, false)
                            }
                            5 => table::cell(
                                ui,
                                c.distance_m.map_or_else(|| glossary::UNKNOWN.get(lang).to_string(), format::distance),
                                true,
                            ),
                            6 => table::cell(
                                ui,
                                match c.comparable_prices() {
                                    Some((now, offer)) => format!("{} → {}", format::money(now), format::money(offer)),
                                    None => lang.pick("未比价", "not compared").to_string(),
                                },
                                false,
                            ),
                            7 => table::cell(ui, &r.product, false),
                            _ => table::cell(ui, format::score(c.score), true),
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some((c.need_id, c.product_id));
                    }
                });
            },
        );
        if let Some((need, product)) = clicked {
            self.actions.push(Action::Select(need, product));
        }
    }

    /// The columns fitted to the width, and a table that scrolls to the selected row when a key
    /// press moved the selection.
    fn board_builder<'u>(
        &mut self,
        ui: &'u mut egui::Ui,
        id: &str,
        columns: &[ColumnSpec],
    ) -> (Vec<(usize, f32)>, egui_extras::TableBuilder<'u>) {
        let fitted = table::fit(columns, ui.available_width(), ui.spacing().item_spacing.x);
        let scroll_row = std::mem::take(&mut self.scroll_to_row).then(|| self.selected_row()).flatten();
        let mut builder = table::builder(ui, id, &fitted);
        if let Some(row) = scroll_row {
            builder = builder.scroll_to_row(row, Some(egui::Align::Center));
        }
        (fitted, builder)
    }

    /// The needs no member supplies: the buyer, the item, 暂无供应 where the board has the
    /// supplier, and what it buys today. Selecting one shows why the nearest products were not
    /// proposed.
    fn unsupplied_table(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, lang: Lang) {
        let mut clicked = None;
        let columns = unsupplied_columns(lang);
        let (fitted, builder) = self.board_builder(ui, "unsupplied_needs", &columns);
        builder.header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &columns, &fitted)).body(
            |body| {
                body.rows(size::ROW_HEIGHT, self.visible.len(), |mut row| {
                    let u = &snapshot.board.unsupplied[self.visible[row.index()]];
                    let need = snapshot.need(u.need_id);
                    row.set_selected(self.selected.is_some_and(|(need, _)| need == u.need_id));
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, &u.need_company, false),
                            1 => table::cell(ui, &u.need_item, false),
                            2 => table::cell(ui, egui::RichText::new(lang.pick("暂无供应", "none")).weak(), false),
                            3 => table::cell(ui, need.map_or("", |n| n.spec.as_str()), false),
                            _ => table::cell(ui, need.map_or("", |n| n.current_supplier.as_str()), false),
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(u.need_id);
                    }
                });
            },
        );
        if let Some(need) = clicked {
            self.actions.push(Action::Select(need, NO_PRODUCT));
        }
    }

    /// The right panel: the selected pair (its need, candidates and pipeline), then the focused
    /// company's sales and purchases.
    fn detail(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, lang: Lang) {
        if let Some((need_id, product_id)) = self.selected
            && let Some(need) = snapshot.need(need_id)
        {
            if self.selected_row().is_none() && product_id != NO_PRODUCT {
                ui.horizontal_wrapped(|ui| {
                    let stage = snapshot.pipeline(need_id, product_id).stage;
                    ui.colored_label(
                        palette(ui).warning,
                        tr!(
                            lang,
                            "此对接为“{}”，不在当前筛选“{}”的列表中。",
                            "This pair is “{}”: not in the list filtered to “{}”.",
                            stage.label(lang),
                            self.filters.stage.name(lang)
                        ),
                    );
                    if ui.button(lang.pick("在列表中显示", "Show it in the list")).clicked() {
                        self.actions.push(Action::RevealSelected);
                    }
                });
            }
            self.need_detail(ui, snapshot, need, product_id, lang);
            ui.separator();
        }
        if let Some(id) = self.filters.company
            && let Some(company) = snapshot.company(id)
        {
            self.company_detail(ui, snapshot, company, lang);
        }
    }

    fn need_detail(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, need: &Need, product_id: i64, lang: Lang) {
        let buyer = snapshot.company(need.company_id).map_or("", display_name);
        ui.add_space(space::S);
        ui.heading(format!("{buyer} · {}", need.item));
        if !need.spec.is_empty() {
            ui.weak(&need.spec);
        }
        let not_given = glossary::NOT_GIVEN.get(lang);
        let supplier = if need.current_supplier.is_empty() {
            not_given.to_string()
        } else {
            let region = need.supplier_region.map(|r| format!("（{}）", r.label(lang))).unwrap_or_default();
            format!("{}{region}", need.current_supplier)
        };
        ui.label(tr!(lang, "现供应商：{supplier}", "Current supplier: {supplier}"));
        let price = need.unit_price.map_or_else(|| not_given.to_string(), format::money);
        let unit = if need.unit.is_empty() { String::new() } else { format!("/{}", need.unit) };
        let quantity = need.annual_quantity.map_or(String::new(), |q| format!("{} {}", format::number(q), need.unit));
        ui.label(tr!(
            lang,
            "现单价：{price}{unit} · 年用量：{quantity}",
            "Unit price: {price}{unit} · Per year: {quantity}"
        ));
        if ui.link(lang.pick("打开需求企业资料", "Open the buyer's record")).clicked() {
            self.actions.push(Action::OpenCompany(need.company_id));
        }

        ui.add_space(space::M);
        ui.strong(lang.pick("园区内候选供应企业（按得分）", "Member suppliers, best first"));
        let candidates = snapshot.candidates.get(&need.id).map_or(&[][..], Vec::as_slice);
        if candidates.is_empty() {
            ui.weak(lang.pick("园区内暂无能供应此项的成员。", "No member can supply this yet."));
            self.why_not(ui, snapshot, need, lang);
        }
        for (rank, c) in candidates.iter().enumerate() {
            let supplier = snapshot.company(c.supplier_company_id).map_or("", display_name);
            let product = snapshot.product(c.product_id).map_or("", |p| p.name.as_str());
            let stage = snapshot.pipeline(c.need_id, c.product_id).stage;
            let title =
                format!("{}. {supplier} · {product} · {} · {}", rank + 1, format::score(c.score), stage.label(lang));
            if ui.selectable_label(product_id == c.product_id, egui::RichText::new(title).strong()).clicked() {
                self.actions.push(Action::Select(c.need_id, c.product_id));
            }
            ui.label(egui::RichText::new(c.reasons(lang)).small());
            ui.add_space(space::XS);
        }

        ui.add_space(space::M);
        let Some(candidate) = snapshot.candidate(need.id, product_id) else { return };
        let supplier_id = candidate.supplier_company_id;
        let supplier = snapshot.company(supplier_id).map_or("", display_name);
        ui.strong(tr!(lang, "当前对接：{supplier}", "This pair: {supplier}"));
        let pipeline = snapshot.pipeline(need.id, product_id);
        self.pipeline_panel(ui, snapshot, need, candidate, &pipeline, lang);
        if ui.link(lang.pick("打开供应企业资料", "Open the supplier's record")).clicked() {
            self.actions.push(Action::OpenCompany(supplier_id));
        }
    }

    /// For a need no member supplies: the nearest products, why each was not proposed, and one
    /// click to say that two names are the same thing, after which the board matches again.
    fn why_not(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, need: &Need, lang: Lang) {
        ui.add_space(space::M);
        ui.strong(lang.pick("最接近的产品及未推荐的原因", "Nearest products, and why they were not proposed"));
        let misses = snapshot.near_misses(need.id);
        if misses.is_empty() {
            ui.weak(lang.pick("园区内没有名称相近的产品。", "No member's product reads anything like it."));
        }
        for miss in misses {
            let Some(product) = snapshot.product(miss.product_id) else { continue };
            let supplier = snapshot.company(miss.supplier_company_id).map_or("", display_name);
            ui.add_space(space::XS);
            ui.label(egui::RichText::new(format!("{supplier} · {}", product.name)).strong());
            let spec = [product.spec.as_str(), product.unit.as_str()].join(" ");
            if !spec.trim().is_empty() {
                ui.weak(spec.trim());
            }
            let reasons: Vec<String> = miss.reasons.iter().map(|r| r.label(lang)).collect();
            ui.label(egui::RichText::new(reasons.join("；")).small());
            if let Some(words) = teach_pair(&need.item, &product.name) {
                let label = tr!(lang, "视为同义词：{}", "Treat as synonyms: {}", words.replace(' ', " = "));
                if ui.button(label).clicked() {
                    self.actions.push(Action::Synonym(SynonymAction::Add(words)));
                }
            }
        }
    }

    fn pipeline_panel(
        &mut self,
        ui: &mut egui::Ui,
        snapshot: &MatchSnapshot,
        need: &Need,
        candidate: &Candidate,
        pipeline: &Pipeline,
        lang: Lang,
    ) {
        let (need_id, product_id) = (need.id, candidate.product_id);
        ui.horizontal(|ui| {
            ui.label(tr!(lang, "{}：", "{}: ", glossary::STATUS.get(lang)));
            ui.colored_label(
                palette(ui).stage(pipeline.stage),
                egui::RichText::new(pipeline.stage.label(lang)).strong(),
            );
        });
        if let Some(on) = pipeline.introduced_on {
            ui.label(tr!(lang, "引荐：{on} {}", "Introduced: {on} {}", pipeline.note));
        }
        if let Some(on) = pipeline.trial_on {
            ui.label(tr!(lang, "试用：{on}", "Trial: {on}"));
        }
        if let (Some(on), Some(price), Some(quantity)) =
            (pipeline.contracted_on, pipeline.agreed_unit_price, pipeline.agreed_annual_quantity)
        {
            let (price, quantity) = (format::money(price), format::number(quantity));
            ui.label(tr!(
                lang,
                "签约：{on} · 约定单价 {price} · 年量 {quantity}",
                "Contracted: {on} · unit price {price} · per year {quantity}"
            ));
            if let Some(saving) = pipeline.realised_saving() {
                ui.strong(tr!(lang, "已实现年节约：{}", "Realised saving a year: {}", format::money(saving)));
            }
        }
        if pipeline.stage == Stage::Declined {
            ui.label(tr!(lang, "原因：{}", "Reason: {}", pipeline.declined_reason));
        }

        let step = |actions: &mut Vec<Action>, t: Transition| actions.push(Action::Transition(need_id, product_id, t));
        ui.horizontal_wrapped(|ui| match pipeline.stage {
            Stage::Suggested => {
                if ui.button(lang.pick("引荐…", "Introduce…")).clicked() {
                    self.open_form(Form::Introduce { date: today().to_string(), note: String::new() });
                }
                if ui.button(lang.pick("忽略此建议", "Dismiss")).clicked()
                    && let Some(product) = snapshot.product(product_id)
                {
                    step(&mut self.actions, Transition::Dismiss { fingerprint: fingerprint(need, product) });
                }
            }
            Stage::Introduced | Stage::Trial => {
                if pipeline.stage == Stage::Introduced && ui.button(lang.pick("开始试用", "Start trial")).clicked()
                {
                    step(&mut self.actions, Transition::StartTrial { on: today() });
                }
                if ui.button(lang.pick("签约…", "Contract…")).clicked() {
                    self.open_form(Form::Contract {
                        date: today().to_string(),
                        price: candidate.offered_unit_price.map(format::number).unwrap_or_default(),
                        quantity: need.annual_quantity.map(format::number).unwrap_or_default(),
                        baseline: need.unit_price,
                    });
                }
                if ui.button(lang.pick("未成…", "Declined…")).clicked() {
                    self.open_form(Form::Decline { reason: String::new() });
                }
            }
            Stage::Declined | Stage::Dismissed => {
                if ui.button(lang.pick("恢复为建议", "Back to suggested")).clicked() {
                    step(&mut self.actions, Transition::Reopen);
                }
            }
            Stage::Contracted => {}
        });
        self.form_ui(ui, need_id, product_id, lang);
    }

    fn open_form(&mut self, form: Form) {
        self.form = Some(form);
        self.form_error = None;
        self.scroll_to_form = true;
    }

    /// Records the open form's step, or shows why it cannot be.
    fn submit_form(&mut self, need_id: i64, product_id: i64, lang: Lang) {
        let Some(form) = &self.form else { return };
        match form.transition(lang) {
            Ok(t) => self.actions.push(Action::Transition(need_id, product_id, t)),
            Err(problem) => self.form_error = Some(problem),
        }
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, need_id: i64, product_id: i64, lang: Lang) {
        let Some(form) = &mut self.form else { return };
        let mut submit = false;
        let mut cancel = false;
        let group = ui.group(|ui| {
            let field = |ui: &mut egui::Ui, label: &str, text: &mut String| {
                ui.horizontal(|ui| {
                    // One label width, so the fields line up.
                    let height = ui.spacing().interact_size.y;
                    let label = ui.add_sized([size::LABEL_WIDTH, height], egui::Label::new(label).wrap());
                    let width = (ui.available_width() - space::M).clamp(80.0, 220.0);
                    ui.add(egui::TextEdit::singleline(text).desired_width(width)).labelled_by(label.id);
                });
            };
            let record = match form {
                Form::Introduce { date, note } => {
                    field(ui, lang.pick("引荐日期", "Date"), date);
                    field(ui, lang.pick("备注", "Note"), note);
                    lang.pick("确认引荐", "Record introduction")
                }
                Form::Contract { date, price, quantity, baseline } => {
                    if let Some(before) = baseline {
                        ui.label(tr!(lang, "签约前单价：{}", "Unit price before: {}", format::money(*before)));
                    }
                    field(ui, lang.pick("签约日期", "Date"), date);
                    field(ui, lang.pick("约定单价(元)", "Agreed unit price (¥)"), price);
                    field(ui, lang.pick("约定年用量", "Agreed annual quantity"), quantity);
                    lang.pick("确认签约", "Record contract")
                }
                Form::Decline { reason } => {
                    field(ui, lang.pick("未成原因", "Reason"), reason);
                    lang.pick("确认", "Record")
                }
            };
            if let Some(error) = &self.form_error {
                ui.colored_label(theme::error_color(ui), error);
            }
            ui.horizontal(|ui| {
                submit = ui.button(record).clicked();
                cancel = ui.button(glossary::CANCEL.get(lang)).clicked();
            });
        });
        if std::mem::take(&mut self.scroll_to_form) {
            group.response.scroll_to_me(Some(egui::Align::Max));
        }
        if submit {
            self.submit_form(need_id, product_id, lang);
        }
        if cancel {
            self.form = None;
            self.form_error = None;
        }
    }

    /// What the focused company could sell to members, and buy from them.
    fn company_detail(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, company: &Company, lang: Lang) {
        ui.add_space(space::S);
        ui.heading(display_name(company));
        if ui.link(lang.pick("打开企业资料", "Open the company's record")).clicked() {
            self.actions.push(Action::OpenCompany(company.id));
        }
        let sells = snapshot.sales_of(company.id);
        let best = snapshot.board.rows.iter().filter(|r| r.candidate.supplier_company_id == company.id).count();
        ui.add_space(space::S);
        ui.strong(tr!(lang, "可向成员供应（{} 项需求）", "Could sell to members ({} needs)", sells.len()));
        ui.weak(tr!(
            lang,
            "机会表每项需求只列最佳供应方：其中 {best} 项是本企业",
            "The board lists each need's best supplier: this company for {best} of them"
        ));
        if sells.is_empty() {
            ui.weak(lang.pick("暂无", "Nothing yet"));
        }
        for c in sells.iter().take(30) {
            let buyer = snapshot.company(c.need_company_id).map_or("", display_name);
            let item = snapshot.need(c.need_id).map_or("", |n| n.item.as_str());
            let product = snapshot.product(c.product_id).map_or("", |p| p.name.as_str());
            let saving = c.annual_saving().map(format::money).unwrap_or_default();
            let selected = self.selected == Some((c.need_id, c.product_id));
            if ui.selectable_label(selected, format!("{product} → {buyer}（{item}） {saving}")).clicked() {
                self.actions.push(Action::Select(c.need_id, c.product_id));
            }
        }
        let needs: Vec<&Need> = snapshot.park.needs.iter().filter(|n| n.company_id == company.id).collect();
        let supplied = needs.iter().filter(|n| snapshot.candidates.get(&n.id).is_some_and(|c| !c.is_empty())).count();
        ui.add_space(space::S);
        ui.strong(tr!(lang, "可从成员采购（{} 项需求）", "Could buy from members ({} needs)", needs.len()));
        ui.weak(tr!(lang, "其中 {supplied} 项园区内有供应方", "Members can supply {supplied} of them"));
        for need in needs {
            match snapshot.candidates.get(&need.id).and_then(|c| c.first()) {
                Some(best) => {
                    let supplier = snapshot.company(best.supplier_company_id).map_or("", display_name);
                    let saving = best.annual_saving().map(format::money).unwrap_or_default();
                    let selected = self.selected == Some((need.id, best.product_id));
                    if ui.selectable_label(selected, format!("{} ← {supplier} {saving}", need.item)).clicked() {
                        self.actions.push(Action::Select(need.id, best.product_id));
                    }
                }
                None => {
                    ui.weak(tr!(lang, "{} — 园区内暂无供应", "{} — no member supplies it", need.item));
                }
            }
        }
    }

    fn take_snapshot(&mut self, ctx: &ApplyCtx) {
        let Some(snapshot) = self.service.snapshot().cloned() else { return };
        if let Some(dialog) = &mut self.synonyms
            && let Ok(deleted) = ctx.store.deleted_synonym_groups()
        {
            dialog.refresh(&snapshot.park.synonym_groups, deleted);
        }
        self.shown = Some(snapshot);
        self.map_layout = None;
        self.refilter();
    }

    fn move_selection(&mut self, step: isize) {
        let Some(snapshot) = &self.shown else { return };
        let next = match self.selected_row() {
            Some(row) => row.saturating_add_signed(step).min(self.visible.len().saturating_sub(1)),
            None => 0,
        };
        if let Some(&i) = self.visible.get(next) {
            let pair = if self.listing_unsupplied() {
                (snapshot.board.unsupplied[i].need_id, NO_PRODUCT)
            } else {
                let c = &snapshot.board.rows[i].candidate;
                (c.need_id, c.product_id)
            };
            self.actions.push(Action::Select(pair.0, pair.1));
            self.scroll_to_row = true;
        }
    }

    fn apply_one(&mut self, action: Action, ctx: &mut ApplyCtx) {
        match action {
            Action::Select(need, product) => {
                if self.selected != Some((need, product)) {
                    self.form = None;
                    self.form_error = None;
                }
                self.selected = Some((need, product));
                self.detail_expanded = true;
            }
            Action::Refilter => self.refilter(),
            Action::Retry => self.service.retry(),
            Action::OpenCompany(id) => ctx.send(AppCommand::OpenCompany(id)),
            Action::CloseDetail => {
                self.selected = None;
                self.form = None;
                self.filters.company = None;
                self.refilter();
            }
            Action::RevealSelected => {
                self.filters.stage = StageFilter::All;
                if let (Some(snapshot), Some((need, _))) = (&self.shown, self.selected)
                    && let Some(stage) =
                        snapshot.board.rows.iter().find(|r| r.candidate.need_id == need).map(|r| r.stage)
                    && !StageFilter::All.admits(stage)
                {
                    self.filters.stage = StageFilter::Only(stage);
                }
                self.refilter();
                self.scroll_to_row = true;
            }
            Action::Transition(need, product, transition) => {
                let Some(snapshot) = &self.shown else { return };
                let before = snapshot.pipeline(need, product);
                match record_step(ctx.store, &before, transition) {
                    Ok(after) => {
                        self.form = None;
                        self.form_error = None;
                        let (stage, filter) = (after.stage, self.filters.stage);
                        let text = Text::from_fn(|lang| {
                            if filter.admits(stage) {
                                tr!(lang, "已记为“{}”", "Recorded as “{}”", stage.label(lang))
                            } else {
                                tr!(
                                    lang,
                                    "已记为“{}”，它不再列在“{}”中",
                                    "Recorded as “{}”; it leaves the “{}” list",
                                    stage.label(lang),
                                    filter.name(lang)
                                )
                            }
                        });
                        ctx.notify(Notification::success(text).with_undo(Undo::Pipeline(before)));
                        ctx.send(AppCommand::DataChanged(Change::Matching));
                    }
                    Err(e) => self.form_error = Some(e.message(ctx.lang)),
                }
            }
            Action::OpenSynonyms => match (ctx.store.synonym_groups(), ctx.store.deleted_synonym_groups()) {
                (Ok(groups), Ok(deleted)) => self.synonyms = Some(SynonymsDialog::new(&groups, deleted)),
                (Err(e), _) | (_, Err(e)) => ctx.fail(|lang| e.message(lang)),
            },
            Action::Synonym(action) => match crate::matching::synonyms::apply(ctx.store, &action) {
                Ok(undo) => {
                    if let Some(undo) = undo {
                        ctx.notify(
                            Notification::success(text!("已删除一组同义词", "Synonym group deleted")).with_undo(undo),
                        );
                    } else if let SynonymAction::Add(words) = &action {
                        let words = words.clone();
                        ctx.notify(Notification::success(Text::from_fn(move |lang| {
                            tr!(lang, "已添加同义词：{words}，正在重新匹配", "Synonyms added: {words}; matching again")
                        })));
                    }
                    if let Some(dialog) = &mut self.synonyms
                        && let (Ok(groups), Ok(deleted)) =
                            (ctx.store.synonym_groups(), ctx.store.deleted_synonym_groups())
                    {
                        dialog.refresh(&groups, deleted);
                    }
                    ctx.send(AppCommand::DataChanged(Change::Matching));
                }
                Err(e) => ctx.fail(|lang| e.message(lang)),
            },
            Action::Export => {
                if let Some(snapshot) = &self.shown {
                    ctx.send(AppCommand::Export(board_task(Arc::clone(snapshot))));
                }
            }
        }
    }
}

impl Screen for MatchingScreen {
    fn section(&self) -> Section {
        Section::Matching
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if std::mem::take(&mut self.stale)
            || self.shown.is_none() && !self.service.is_busy() && self.service.failure().is_none()
        {
            self.service.request();
        }
        egui::Panel::top("matching_toolbar").show(ui, |ui| {
            ui.add_space(space::S);
            self.toolbar(ui, ctx);
            ui.add_space(space::S);
        });
        if let Some(failure) = self.service.failure() {
            let message = failure.message(lang);
            egui::Panel::top("matching_failure").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        theme::error_color(ui),
                        tr!(lang, "匹配未能完成：{message}", "Matching could not finish: {message}"),
                    );
                    if ui.button(glossary::RETRY.get(lang)).clicked() {
                        self.actions.push(Action::Retry);
                    }
                });
            });
        }
        let Some(snapshot) = self.shown.clone() else {
            egui::CentralPanel::default().show(ui, |ui| {
                if self.service.failure().is_none() {
                    ui.add_space(space::XXL);
                    ui.vertical_centered(|ui| {
                        ui.spinner();
                        ui.label(lang.pick("正在匹配全园区的供需…", "Matching the whole park…"));
                    });
                }
            });
            return;
        };
        if self.selected.is_some() || self.filters.company.is_some() {
            let title = lang.pick("对接详情", "Details");
            let mut expanded = self.detail_expanded;
            let event = detail_panel(ui, "matching_detail", &mut expanded, title, lang, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.detail(ui, &snapshot, lang));
            });
            self.detail_expanded = expanded;
            if event == Some(PanelEvent::Close) {
                self.actions.push(Action::CloseDetail);
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.show_map {
                let listed = if self.listing_unsupplied() { &[][..] } else { &self.visible[..] };
                let rows: Vec<&Opportunity> = listed.iter().map(|&i| &snapshot.board.rows[i]).collect();
                let companies = &snapshot.park.companies;
                let clicked =
                    park_map::park_map(ui, &mut self.map_layout, companies, ctx.catalog, &rows, self.selected, lang);
                if let Some(id) = clicked {
                    self.actions.push(Action::OpenCompany(id));
                }
            } else {
                self.table(ui, &snapshot, lang);
            }
        });
        if let Some(dialog) = &mut self.synonyms {
            for action in dialog.ui(ui.ctx(), lang) {
                self.actions.push(Action::Synonym(action));
            }
            if !dialog.open {
                self.synonyms = None;
            }
        }
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        if let Some(s) = &self.shown {
            let b = &s.board;
            let total = b.rows.iter().filter(|r| r.stage != Stage::Dismissed).count();
            ui.label(tr!(
                lang,
                "机会 {} 条 · 当前显示 {} 条 · 潜在年节约 {} · 已签约 {} 项 · 已实现年节约 {}",
                "{} opportunities · {} shown · potential {} a year · {} contracted · realised {} a year",
                format::count(total),
                format::count(self.visible.len()),
                format::money(b.potential_saving),
                b.contracted,
                format::money(b.realised_saving)
            ));
            if !b.unsupplied.is_empty() {
                ui.separator();
                ui.label(tr!(
                    lang,
                    "园区内暂无供应 {} 项",
                    "{} needs no member supplies",
                    format::count(b.unsupplied.len())
                ));
            }
        }
        if self.service.is_busy() {
            ui.separator();
            ui.spinner();
            ui.weak(lang.pick("正在重新匹配…", "Re-matching…"));
        }
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        if self.service.poll(ctx.jobs) {
            self.take_snapshot(ctx);
        }
        for action in std::mem::take(&mut self.actions) {
            self.apply_one(action, ctx);
        }
    }

    fn on_command(&mut self, command: &AppCommand, ctx: &mut ApplyCtx) {
        match command {
            AppCommand::ShowOpportunities(id) => {
                self.filters.company = Some(*id);
                self.selected = None;
                self.form = None;
                self.detail_expanded = true;
                self.refilter();
                self.service.request();
            }
            // Zones are read from the catalog when drawing: nothing to match again.
            AppCommand::DataChanged(Change::Zones | Change::Visits) => {}
            AppCommand::DataChanged(_) if ctx.current == Section::Matching => self.service.request(),
            AppCommand::DataChanged(_) => self.stale = true,
            _ => {}
        }
    }

    fn on_ui_command(&mut self, command: UiCommand, ctx: &mut ApplyCtx) -> bool {
        match command {
            UiCommand::FocusSearch => self.focus_picker = true,
            UiCommand::SelectNext => self.move_selection(1),
            UiCommand::SelectPrevious => self.move_selection(-1),
            UiCommand::Submit => {
                if let Some(action) = self.synonyms.as_mut().and_then(SynonymsDialog::submit) {
                    self.actions.push(Action::Synonym(action));
                } else if let (Some(_), Some((need, product))) = (&self.form, self.selected) {
                    self.submit_form(need, product, ctx.lang);
                } else {
                    return false;
                }
            }
            UiCommand::CloseDialog => {
                if self.synonyms.take().is_none() && self.form.take().is_none() {
                    return false;
                }
            }
            _ => return false,
        }
        true
    }
}
