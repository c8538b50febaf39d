//! 展销会: the year's exhibition hall as a floor plan of booths in rows and columns. A member is
//! put at a booth by dragging it from the list onto the plan, or by 安排 in the list and a click on
//! a booth; a booth dragged onto another swaps them. A booth's panel says which of the company's
//! products stand there. Afterwards the leads and deals made at the booths: between members they
//! are supplier-matching pairs, recorded as introduced at the exhibition.

use super::command::AppCommand;
use super::notify::Notification;
use super::screen::{ApplyCtx, Ctx, Screen, Section};
use super::table::{self, ColumnSpec};
use super::theme::{palette, size, space};
use super::widgets::{self, PickerText, company_picker, display_name};
use crate::catalog::Change;
use crate::domain::exhibition::{self as hall, Booth, BoothAt, Exhibition, Lead, LeadKind, MAX_SIDE};
use crate::domain::text::{parse_date, parse_number};
use crate::domain::{CompanyId, Product};
use crate::exhibition::{self, Hall, Matches};
use crate::i18n::{Lang, Text, format};
use crate::jobs::Job;
use crate::store::{Store, StoreError};
use crate::undo::Undo;
use crate::{text, tr};
use chrono::Datelike;
use std::path::PathBuf;

/// What is dragged on the floor plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dragged {
    /// A member from the list.
    Company(CompanyId),
    /// The booth at this place, with its company.
    Booth(BoothAt),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Floor,
    Leads,
}

/// The exhibition's details as typed.
#[derive(Debug, Clone, PartialEq)]
struct DetailsForm {
    title: String,
    start: String,
    end: String,
    place: String,
    rows: u32,
    cols: u32,
}

impl DetailsForm {
    fn of(e: &Exhibition) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            title: e.title.clone(),
            start: date(e.start),
            end: date(e.end),
            place: e.place.clone(),
            rows: e.rows,
            cols: e.cols,
        }
    }

    /// The exhibition as typed over `base`, or why not: a date it cannot read, or booths that a
    /// smaller hall would leave outside.
    fn apply(&self, base: &Exhibition, booths: &[Booth], lang: Lang) -> Result<Exhibition, String> {
        let date = |text: &str| -> Result<Option<chrono::NaiveDate>, String> {
            match text.trim() {
                "" => Ok(None),
                t => parse_date(t).map(Some).ok_or_else(|| {
                    tr!(lang, "日期“{t}”无法识别（如 2026-10-16）", "Date “{t}” not recognised (e.g. 2026-10-16)")
                }),
            }
        };
        let (start, end) = (date(&self.start)?, date(&self.end)?);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            return Err(lang.pick("结束日期早于开始日期", "The end is before the start").into());
        }
        let outside = hall::outside(booths, self.rows, self.cols);
        if !outside.is_empty() {
            let labels: Vec<String> = outside.iter().map(|at| at.label()).collect();
            return Err(tr!(
                lang,
                "展厅缩小后这些展位在外面，请先移走：{}",
                "These booths would be outside the smaller hall; move them first: {}",
                labels.join(lang.pick("、", ", "))
            ));
        }
        let title = self.title.trim();
        Ok(Exhibition {
            title: if title.is_empty() { base.title.clone() } else { title.to_string() },
            start,
            end: end.or(start),
            place: self.place.trim().to_string(),
            rows: self.rows,
            cols: self.cols,
            ..base.clone()
        })
    }
}

/// A lead being typed.
#[derive(Debug, Clone, Default)]
struct LeadDraft {
    exhibitor: Option<CompanyId>,
    visitor: Option<CompanyId>,
    visitor_name: String,
    deal: bool,
    amount: String,
    note: String,
    pair: Option<(i64, i64)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Year(i32),
    Create,
    SaveDetails(Exhibition),
    Booths(Vec<Booth>),
    SaveLead(Lead),
    DeleteLead(i64),
    Export,
}

pub struct ExhibitionScreen {
    db: PathBuf,
    year: i32,
    /// The year was asked for (arrows, calendar); until then the latest exhibition is shown.
    year_chosen: bool,
    /// Whether the year on show was read (then `hall` is its exhibition, or none).
    loaded: bool,
    hall: Option<Hall>,
    matching: Option<Job<Result<Matches, StoreError>>>,
    matches: Option<Matches>,
    matches_stale: bool,
    tab: Tab,
    selected: Option<BoothAt>,
    /// The selected booth's company's products, as stored.
    products: Option<(CompanyId, Vec<Product>)>,
    /// A member chosen in the list, to put at the next booth clicked.
    placing: Option<CompanyId>,
    /// The members without a booth are listed beside the plan.
    show_list: bool,
    search: String,
    details: Option<DetailsForm>,
    lead: LeadDraft,
    detail_expanded: bool,
    actions: Vec<Action>,
}

impl ExhibitionScreen {
    pub fn new(db: PathBuf) -> Self {
        Self {
            db,
            year: crate::clock::today().year(),
            year_chosen: false,
            loaded: false,
            hall: None,
            matching: None,
            matches: None,
            matches_stale: true,
            tab: Tab::default(),
            selected: None,
            products: None,
            placing: None,
            show_list: false,
            search: String::new(),
            details: None,
            lead: LeadDraft::default(),
            detail_expanded: true,
            actions: Vec::new(),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn hall(&self) -> Option<&Hall> {
        self.hall.as_ref()
    }

    /// What the matching engine says members could trade, once worked out.
    pub fn matches(&self) -> Option<&Matches> {
        self.matches.as_ref()
    }

    /// Shows the exhibition of `year` (the calendar opening it; tests).
    pub fn show_year(&mut self, year: i32) {
        self.actions.push(Action::Year(year));
    }

    pub fn is_busy(&self) -> bool {
        !self.loaded || self.matching.is_some()
    }

    fn booths(&self) -> &[Booth] {
        self.hall.as_ref().map_or(&[], |h| h.booths.as_slice())
    }

    fn booth_at(&self, at: BoothAt) -> Option<&Booth> {
        self.booths().iter().find(|b| b.at == at)
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let year = self.year;
        ui.horizontal_wrapped(|ui| {
            if ui.button("◀").on_hover_text(lang.pick("上一年", "Previous year")).clicked() {
                self.actions.push(Action::Year(year - 1));
            }
            ui.heading(tr!(lang, "{year} 年产品展销会", "Exhibition {year}"));
            if ui.button("▶").on_hover_text(lang.pick("下一年", "Next year")).clicked() {
                self.actions.push(Action::Year(year + 1));
            }
            let Some(hall) = &self.hall else { return };
            ui.separator();
            ui.selectable_value(&mut self.tab, Tab::Floor, lang.pick("展位图", "Floor plan"));
            let leads = hall.leads.len();
            ui.selectable_value(
                &mut self.tab,
                Tab::Leads,
                tr!(lang, "意向与成交（{leads}）", "Leads and deals ({leads})"),
            );
            if self.tab == Tab::Floor {
                ui.toggle_value(&mut self.show_list, lang.pick("安排参展企业", "Place exhibitors"));
            }
            ui.separator();
            if ui.button(lang.pick("导出展位表…", "Export booths…")).clicked() {
                self.actions.push(Action::Export);
            }
            if ui.button(lang.pick("展会信息…", "Details…")).clicked() {
                self.details = Some(DetailsForm::of(&hall.exhibition));
            }
        });
    }

    fn details(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(hall) = &self.hall else { return };
        let e = &hall.exhibition;
        let dates = match (e.start, e.end) {
            (Some(s), Some(end)) if end != s => format!("{} – {}", format::date(s), format::date(end)),
            (Some(s), _) => format::date(s),
            _ => lang.pick("日期未定", "date not set").to_string(),
        };
        let placed = hall.booths.len();
        let total = e.rows * e.cols;
        ui.label(tr!(
            lang,
            "{} · {dates} · {} · 展位 {placed}/{total}",
            "{} · {dates} · {} · {placed} of {total} booths taken",
            e.title,
            if e.place.is_empty() { "—" } else { e.place.as_str() }
        ));
        let Some(form) = &mut self.details else { return };
        let p = palette(ui);
        ui.group(|ui| {
            let field = |ui: &mut egui::Ui, label: &str, text: &mut String, width: f32| {
                let label = ui.label(label);
                ui.add(egui::TextEdit::singleline(text).desired_width(width)).labelled_by(label.id);
            };
            ui.horizontal_wrapped(|ui| {
                field(ui, lang.pick("名称", "Name"), &mut form.title, 260.0);
                field(ui, lang.pick("地点", "Place"), &mut form.place, 200.0);
            });
            ui.horizontal_wrapped(|ui| {
                field(ui, lang.pick("开始日期", "From"), &mut form.start, 100.0);
                field(ui, lang.pick("结束日期", "To"), &mut form.end, 100.0);
                let label = ui.label(lang.pick("排数", "Rows"));
                ui.add(egui::DragValue::new(&mut form.rows).range(1..=MAX_SIDE)).labelled_by(label.id);
                let label = ui.label(lang.pick("每排展位", "Booths a row"));
                ui.add(egui::DragValue::new(&mut form.cols).range(1..=MAX_SIDE)).labelled_by(label.id);
            });
            let typed = form.apply(&hall.exhibition, &hall.booths, lang);
            ui.horizontal_wrapped(|ui| {
                if ui.add_enabled(typed.is_ok(), egui::Button::new(lang.pick("保存", "Save"))).clicked()
                    && let Ok(e) = &typed
                {
                    self.actions.push(Action::SaveDetails(e.clone()));
                }
                let cancel = ui.button(lang.pick("取消", "Cancel")).clicked();
                if let Err(why) = &typed {
                    ui.colored_label(p.error, why);
                }
                cancel
            })
            .inner
        })
        .inner
        .then(|| self.details = None);
    }

    /// The hall drawn to fit: each booth its number and company; drag and click as the module says.
    fn floor_plan(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(hall) = &self.hall else { return };
        let (rows, cols) = (hall.exhibition.rows, hall.exhibition.cols);
        let p = palette(ui);
        if let Some(company) = self.placing {
            let name = ctx.catalog.entry(company).map_or("", |e| display_name(&e.company));
            ui.colored_label(p.info, tr!(lang, "点一个空展位，安排“{name}”", "Click an empty booth for “{name}”"));
        } else {
            ui.weak(lang.pick(
                "点“安排参展企业”打开名单：拖到展位上，或点“安排”再点展位；把展位拖到另一个展位上即对调。",
                "Open 安排参展企业: drag a member onto a booth, or click 安排 then a booth; drag a booth onto another to swap.",
            ));
        }
        let gap = space::M;
        let width = ((ui.available_width() - gap * (cols as f32 - 1.0)) / cols as f32).clamp(40.0, 150.0);
        let room = ui.available_height() - space::XL;
        let height = ((room - gap * (rows as f32 - 1.0)) / rows as f32).clamp(44.0, 90.0);
        let mut dropped: Option<(Dragged, BoothAt)> = None;
        let mut clicked = None;
        egui::ScrollArea::both().id_salt("floor").show(ui, |ui| {
            egui::Grid::new("floor_grid").spacing([gap, gap]).show(ui, |ui| {
                for row in 0..rows {
                    for col in 0..cols {
                        let at = BoothAt { row, col };
                        let booth = hall.booths.iter().find(|b| b.at == at);
                        let (rect, response) =
                            ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click_and_drag());
                        if booth.is_some() {
                            response.dnd_set_drag_payload(Dragged::Booth(at));
                        }
                        let hovered = response.dnd_hover_payload::<Dragged>().is_some();
                        if let Some(payload) = response.dnd_release_payload::<Dragged>() {
                            dropped = Some((*payload, at));
                        }
                        if response.clicked() {
                            clicked = Some(at);
                        }
                        let entry = booth.and_then(|b| ctx.catalog.entry(b.company));
                        let fill = match entry {
                            Some(_) => ui.visuals().extreme_bg_color,
                            None => ui.visuals().faint_bg_color,
                        };
                        let painter = ui.painter();
                        painter.rect_filled(rect, size::CORNER_RADIUS, fill);
                        let stroke = if self.selected == Some(at) {
                            egui::Stroke::new(3.0, ui.visuals().selection.stroke.color)
                        } else if hovered {
                            egui::Stroke::new(2.0, p.info)
                        } else {
                            egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
                        };
                        painter.rect_stroke(rect, size::CORNER_RADIUS, stroke, egui::StrokeKind::Inside);
                        if let Some(e) = entry {
                            let zone = p.zone(e.company.zone_id.map(|_| ctx.catalog.zone_rank(e.company.zone_id)));
                            let stripe = egui::Rect::from_min_size(rect.min, egui::vec2(5.0, rect.height()));
                            painter.rect_filled(stripe, size::CORNER_RADIUS, zone);
                        }
                        let mut cell = ui.new_child(
                            egui::UiBuilder::new()
                                .max_rect(rect.shrink2(egui::vec2(space::M, space::S)))
                                .layout(egui::Layout::top_down(egui::Align::Min)),
                        );
                        cell.style_mut().interaction.selectable_labels = false;
                        cell.label(egui::RichText::new(at.label()).small().weak());
                        if let Some(e) = entry {
                            // A narrow booth wraps a short name onto a second line rather than cut it.
                            let name = egui::RichText::new(display_name(&e.company)).strong();
                            cell.add(egui::Label::new(name).wrap_mode(egui::TextWrapMode::Wrap));
                        }
                        let accessible = match entry {
                            Some(e) => format!("{} {}", at.label(), display_name(&e.company)),
                            None => at.label(),
                        };
                        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
                    }
                    ui.end_row();
                }
            });
        });
        let mut booths = hall.booths.clone();
        match dropped {
            Some((Dragged::Company(company), at)) => {
                hall::assign(&mut booths, company, at);
                self.actions.push(Action::Booths(booths));
                self.selected = Some(at);
            }
            Some((Dragged::Booth(from), to)) if from != to => {
                hall::move_booth(&mut booths, from, to);
                self.actions.push(Action::Booths(booths));
                self.selected = Some(to);
            }
            _ => {}
        }
        if let Some(at) = clicked {
            match self.placing.take() {
                Some(company) if self.booth_at(at).is_none() => {
                    let mut booths = self.booths().to_vec();
                    hall::assign(&mut booths, company, at);
                    self.actions.push(Action::Booths(booths));
                }
                _ => {}
            }
            self.selected = Some(at);
            self.detail_expanded = true;
        }
    }

    /// The right panel: the selected booth, or the members to place.
    fn side_panel(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        if self.hall.is_none() || self.tab != Tab::Floor || (self.selected.is_none() && !self.show_list) {
            return;
        }
        let title = match self.selected {
            Some(at) => match self.booth_at(at).and_then(|b| ctx.catalog.entry(b.company)) {
                Some(e) => format!("{} · {}", at.label(), display_name(&e.company)),
                None => tr!(lang, "{} · 空展位", "{} · empty", at.label()),
            },
            None => lang.pick("参展企业", "Exhibitors").to_string(),
        };
        let mut expanded = self.detail_expanded;
        let mut close = false;
        let event = widgets::detail_panel(ui, "booth_detail", &mut expanded, &title, lang, |ui| match self.selected {
            Some(at) => {
                self.booth_panel(ui, ctx, at);
                ui.separator();
                let back = if self.show_list {
                    lang.pick("返回企业名单", "Back to the list")
                } else {
                    lang.pick("关闭", "Close")
                };
                if ui.button(back).clicked() {
                    close = true;
                }
            }
            None => self.member_list(ui, ctx),
        });
        self.detail_expanded = expanded;
        if close {
            self.selected = None;
        }
        if event == Some(widgets::PanelEvent::Close) {
            self.selected = None;
            self.show_list = false;
        }
    }

    fn booth_panel(&mut self, ui: &mut egui::Ui, ctx: &Ctx, at: BoothAt) {
        let lang = ctx.lang;
        let Some(booth) = self.booth_at(at).cloned() else {
            ui.label(lang.pick("空展位：从名单拖来企业，或在此选择。", "Empty: drag a member here, or choose one."));
            let mut pick = None;
            let text =
                PickerText { label: lang.pick("安排企业", "Exhibitor"), none: lang.pick("（无）", "(none)") };
            if company_picker(ui, "booth_company", text, &mut pick, ctx.catalog, lang, false)
                && let Some(company) = pick
            {
                let mut booths = self.booths().to_vec();
                hall::assign(&mut booths, company, at);
                self.actions.push(Action::Booths(booths));
            }
            return;
        };
        let products = match &self.products {
            Some((company, products)) if *company == booth.company => products.as_slice(),
            _ => &[],
        };
        ui.strong(lang.pick("展品", "Products shown"));
        if products.is_empty() {
            ui.weak(lang.pick("该企业还没有登记产品。", "The company has no products on record."));
        }
        for product in products {
            let mut shown = booth.products.contains(&product.id);
            // Two grades of one product differ by their spec.
            let label = if product.spec.is_empty() {
                product.name.clone()
            } else {
                format!("{}（{}）", product.name, product.spec)
            };
            if ui.checkbox(&mut shown, label).changed() {
                let mut booths = self.booths().to_vec();
                if let Some(b) = booths.iter_mut().find(|b| b.at == at) {
                    b.products.retain(|p| *p != product.id);
                    if shown {
                        b.products.push(product.id);
                        b.products.sort_unstable();
                    }
                }
                self.actions.push(Action::Booths(booths));
            }
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let Some(hall) = &self.hall else { return };
            let label = lang.pick("移到展位", "Move to");
            let mut to = at;
            egui::ComboBox::from_id_salt("booth_move")
                .selected_text(format!("{label}{}{}", lang.colon(), at.label()))
                .show_ui(ui, |ui| {
                    for row in 0..hall.exhibition.rows {
                        for col in 0..hall.exhibition.cols {
                            let place = BoothAt { row, col };
                            let taken = hall.booths.iter().any(|b| b.at == place && b.at != at);
                            let text = if taken { format!("{}（对调）", place.label()) } else { place.label() };
                            ui.selectable_value(&mut to, place, text);
                        }
                    }
                })
                .response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
            if to != at {
                let mut booths = hall.booths.clone();
                hall::move_booth(&mut booths, at, to);
                self.actions.push(Action::Booths(booths));
                self.selected = Some(to);
            }
            if ui.button(lang.pick("移出展位", "Remove from the booth")).clicked() {
                let booths = hall.booths.iter().filter(|b| b.at != at).cloned().collect();
                self.actions.push(Action::Booths(booths));
            }
        });
        let Some(hall) = &self.hall else { return };
        let leads: Vec<&Lead> = hall.leads.iter().filter(|l| l.exhibitor == booth.company).collect();
        if !leads.is_empty() {
            let deals = leads.iter().filter(|l| l.kind == LeadKind::Deal).count();
            ui.label(tr!(lang, "意向与成交 {} 条（成交 {deals}）", "{} leads ({deals} deals)", leads.len()));
        }
    }

    fn member_list(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("搜索", "Search"));
            ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(f32::INFINITY)).labelled_by(label.id);
        });
        let placed: std::collections::HashSet<CompanyId> = self.booths().iter().map(|b| b.company).collect();
        let query = self.search.trim().to_lowercase();
        let members: Vec<&crate::catalog::Entry> = ctx
            .catalog
            .entries()
            .iter()
            .filter(|e| !e.deleted && !placed.contains(&e.company.id))
            .filter(|e| query.is_empty() || crate::domain::search_key::matches(&e.search_key, &query))
            .collect();
        ui.weak(tr!(lang, "未安排展位的成员 {} 家", "{} members without a booth", members.len()));
        let mut placing = None;
        egui::ScrollArea::vertical().id_salt("exhibitors").show_rows(
            ui,
            size::ROW_HEIGHT,
            members.len(),
            |ui, range| {
                for e in &members[range] {
                    ui.horizontal(|ui| {
                        let id = ui.make_persistent_id(("exhibitor", e.company.id));
                        ui.dnd_drag_source(id, Dragged::Company(e.company.id), |ui| {
                            ui.label(display_name(&e.company))
                                .on_hover_text(lang.pick("拖到展位上", "Drag onto a booth"));
                        });
                        if ui.small_button(lang.pick("安排", "Place")).clicked() {
                            placing = Some(e.company.id);
                        }
                    });
                }
            },
        );
        if placing.is_some() {
            self.placing = placing;
        }
    }

    fn leads_view(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(hall) = &self.hall else { return };
        let p = palette(ui);
        let deals: Vec<&Lead> = hall.leads.iter().filter(|l| l.kind == LeadKind::Deal).collect();
        let amount: f64 = deals.iter().filter_map(|l| l.amount).sum();
        let members = hall.leads.iter().filter(|l| l.pair.is_some()).count();
        ui.strong(tr!(
            lang,
            "意向 {} 条 · 成交 {} 条，金额 {} · 其中成员之间 {members} 条，对应供需对接",
            "{} leads · {} deals worth {} · {members} between members, linked to the board",
            hall.leads.len() - deals.len(),
            deals.len(),
            format::money(amount)
        ));
        self.lead_form(ui, ctx);
        ui.separator();
        let Some(hall) = &self.hall else { return };
        let specs = [
            ColumnSpec::key(lang.pick("展位", "Booth"), 52.0, 44.0),
            ColumnSpec::key(lang.pick("参展企业", "Exhibitor"), 140.0, 100.0),
            ColumnSpec::key(lang.pick("客户", "Buyer"), 170.0, 110.0),
            ColumnSpec::key(lang.pick("类型", "Kind"), 52.0, 44.0),
            ColumnSpec::optional(lang.pick("金额", "Amount"), 110.0, 90.0, 1).numeric(),
            ColumnSpec::optional(lang.pick("供需对接", "Matched pair"), 180.0, 120.0, 2),
            ColumnSpec::optional(lang.pick("说明", "Note"), 200.0, 100.0, 3),
            ColumnSpec::key("", 56.0, 56.0),
        ];
        let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
        let name =
            |id: CompanyId| ctx.catalog.entry(id).map_or(String::new(), |e| display_name(&e.company).to_string());
        let matches = self.matches.as_ref();
        let mut delete = None;
        table::builder(ui, "leads", &fitted)
            .header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &specs, &fitted))
            .body(|body| {
                // The newest first: the one just typed is in view.
                body.rows(size::ROW_HEIGHT, hall.leads.len(), |mut row| {
                    let lead = &hall.leads[hall.leads.len() - 1 - row.index()];
                    let booth = hall.booths.iter().find(|b| b.company == lead.exhibitor).map(|b| b.at.label());
                    for &(i, _) in &fitted {
                        row.col(|ui| match i {
                            0 => table::cell(ui, booth.clone().unwrap_or_default(), false),
                            1 => table::cell(ui, name(lead.exhibitor), false),
                            2 => table::cell(ui, lead.visitor.map_or_else(|| lead.visitor_name.clone(), name), false),
                            3 => {
                                let colour = if lead.kind == LeadKind::Deal { p.success } else { p.info };
                                table::cell(ui, egui::RichText::new(lead.kind.label(lang)).color(colour), false)
                            }
                            4 => table::cell(ui, lead.amount.map_or(String::new(), format::money), true),
                            5 => {
                                let pair = lead.pair.map_or(String::new(), |pair| {
                                    let words = matches.map_or(String::new(), |m| m.label(pair));
                                    let stage = matches.and_then(|m| m.stages.get(&pair)).copied().unwrap_or_default();
                                    let stage = stage.label(lang);
                                    format!("{words} {stage}")
                                });
                                table::cell(ui, pair, false)
                            }
                            6 => table::cell(ui, &lead.note, false),
                            _ => {
                                if ui.small_button(lang.pick("删除", "Delete")).clicked() {
                                    delete = Some(lead.id);
                                }
                            }
                        });
                    }
                });
            });
        if let Some(id) = delete {
            self.actions.push(Action::DeleteLead(id));
        }
    }

    fn lead_form(&mut self, ui: &mut egui::Ui, ctx: &Ctx) {
        let lang = ctx.lang;
        let Some(hall) = &self.hall else { return };
        let draft = &mut self.lead;
        let none = lang.pick("（无）", "(none)");
        let p = palette(ui);
        ui.horizontal_wrapped(|ui| {
            let exhibitors: Vec<(CompanyId, String)> = hall
                .booths
                .iter()
                .filter_map(|b| {
                    Some((
                        b.company,
                        format!("{} {}", b.at.label(), display_name(&ctx.catalog.entry(b.company)?.company)),
                    ))
                })
                .collect();
            widgets::choice_combo(
                ui,
                "lead_exhibitor",
                lang.pick("参展企业", "Exhibitor"),
                &mut draft.exhibitor,
                &exhibitors,
                none,
                lang,
            );
            let text = PickerText { label: lang.pick("成员客户", "Member buyer"), none };
            company_picker(ui, "lead_visitor", text, &mut draft.visitor, ctx.catalog, lang, false);
            if draft.visitor.is_none() {
                let label = ui.label(lang.pick("或非成员客户", "or outside buyer"));
                ui.add(egui::TextEdit::singleline(&mut draft.visitor_name).desired_width(160.0)).labelled_by(label.id);
            }
        });
        let pairs = match (draft.exhibitor, draft.visitor, &self.matches) {
            (Some(seller), Some(buyer), Some(m)) => m.sales(seller, buyer),
            _ => Vec::new(),
        };
        if draft.pair.is_some_and(|pair| !pairs.iter().any(|p| (p.need_id, p.product_id) == pair)) {
            draft.pair = None;
        }
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut draft.deal, false, LeadKind::Lead.label(lang));
            ui.selectable_value(&mut draft.deal, true, LeadKind::Deal.label(lang));
            let label = ui.label(lang.pick("金额（元）", "Amount (yuan)"));
            ui.add(egui::TextEdit::singleline(&mut draft.amount).desired_width(100.0)).labelled_by(label.id);
            let label = ui.label(lang.pick("说明", "Note"));
            ui.add(egui::TextEdit::singleline(&mut draft.note).desired_width(200.0)).labelled_by(label.id);
        });
        if !pairs.is_empty() {
            let matches = self.matches.as_ref();
            let mut choices: Vec<((i64, i64), String)> = pairs
                .iter()
                .map(|p| {
                    ((p.need_id, p.product_id), matches.map_or(String::new(), |m| m.label((p.need_id, p.product_id))))
                })
                .collect();
            // Two grades of one product read the same: numbered so they can be told apart.
            let words: Vec<String> = choices.iter().map(|(_, l)| l.clone()).collect();
            for (i, choice) in choices.iter_mut().enumerate() {
                let before = words[..i].iter().filter(|w| **w == words[i]).count();
                if before > 0 {
                    choice.1 = format!("{} #{}", words[i], before + 1);
                }
            }
            ui.horizontal_wrapped(|ui| {
                let no_pair = lang.pick("（不对应）", "(none)");
                let label = lang.pick("对应供需", "Matched pair");
                widgets::choice_combo(ui, "lead_pair", label, &mut draft.pair, &choices, no_pair, lang);
                ui.weak(lang.pick("选定后记为在展销会上引荐", "Recorded as introduced at the exhibition"));
            });
        }
        let amount = parse_number(&draft.amount);
        let ready = draft.exhibitor.is_some()
            && (draft.visitor.is_some() || !draft.visitor_name.trim().is_empty())
            && matches!(amount, Ok(a) if a.is_none_or(|a| a >= 0.0));
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new(lang.pick("添加", "Add"))).clicked()
                && let (Some(exhibitor), Ok(amount)) = (draft.exhibitor, amount)
            {
                self.actions.push(Action::SaveLead(Lead {
                    id: 0,
                    exhibitor,
                    visitor: draft.visitor,
                    visitor_name: if draft.visitor.is_some() {
                        String::new()
                    } else {
                        draft.visitor_name.trim().to_string()
                    },
                    kind: if draft.deal { LeadKind::Deal } else { LeadKind::Lead },
                    amount,
                    note: draft.note.trim().to_string(),
                    pair: draft.pair,
                }));
                *draft = LeadDraft { exhibitor: draft.exhibitor, ..LeadDraft::default() };
            }
            if amount.is_err() {
                ui.colored_label(p.error, lang.pick("金额须为数字", "The amount must be a number"));
            }
        });
    }

    fn apply_one(&mut self, action: Action, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        let year = self.year;
        match action {
            Action::Year(y) => {
                self.year = y;
                self.year_chosen = true;
                self.loaded = false;
                self.selected = None;
                self.details = None;
                return Ok(());
            }
            Action::Create => {
                ctx.store.save_exhibition(&Exhibition::new(year))?;
            }
            Action::SaveDetails(e) => {
                ctx.store.save_exhibition(&e)?;
                self.details = None;
            }
            Action::Booths(booths) => {
                let Some(hall) = &self.hall else { return Ok(()) };
                ctx.store.set_booths(hall.exhibition.id, &booths)?;
            }
            Action::SaveLead(lead) => {
                let Some(hall) = &self.hall else { return Ok(()) };
                let on = hall.exhibition.start.unwrap_or_else(crate::clock::today);
                if let Err(e) = exhibition::save_lead(ctx.store, &hall.exhibition, &lead, on) {
                    ctx.fail(|l| e.message(l));
                    return Ok(());
                }
                if lead.pair.is_some() {
                    ctx.send(AppCommand::DataChanged(Change::Matching));
                    ctx.notify(Notification::success(text!(
                        "已记录，并记为在展销会上的供需对接引荐",
                        "Recorded, and introduced at the exhibition on the board"
                    )));
                }
            }
            Action::DeleteLead(id) => {
                ctx.store.delete_lead(id)?;
                ctx.notify(
                    Notification::success(text!("已删除该条记录", "Lead deleted")).with_undo(Undo::RestoreLead(id)),
                );
            }
            Action::Export => {
                ctx.send(AppCommand::Export(exhibition::booths_task(self.db.clone(), year)));
                return Ok(());
            }
        }
        ctx.send(AppCommand::DataChanged(Change::Exhibition));
        self.loaded = false;
        Ok(())
    }

    fn load(&mut self, ctx: &mut ApplyCtx) -> Result<(), StoreError> {
        // First shown: this year's exhibition, or else the latest one held.
        if !self.year_chosen {
            self.year_chosen = true;
            let years: Vec<i32> = ctx.store.exhibitions()?.iter().map(|e| e.year).collect();
            if !years.contains(&self.year)
                && let Some(latest) = years.into_iter().filter(|y| *y <= self.year).max()
            {
                self.year = latest;
            }
        }
        self.hall = Hall::load(ctx.store, self.year)?;
        self.loaded = true;
        // The selected booth's products: a small read.
        let company = self.selected.and_then(|at| self.booth_at(at)).map(|b| b.company);
        self.products = match company {
            Some(company) => Some((company, ctx.store.children_of::<Product>(company)?)),
            None => None,
        };
        Ok(())
    }
}

impl Screen for ExhibitionScreen {
    fn section(&self) -> Section {
        Section::Exhibition
    }

    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        self.side_panel(ui, ctx);
        egui::CentralPanel::default().show(ui, |ui| {
            self.toolbar(ui, lang);
            ui.add_space(space::S);
            if !self.loaded {
                ui.spinner();
                return;
            }
            if self.hall.is_none() {
                ui.label(tr!(lang, "{} 年还没有安排展销会。", "No exhibition in {} yet.", self.year));
                if ui.button(lang.pick("安排本年展销会", "Plan this year's exhibition")).clicked() {
                    self.actions.push(Action::Create);
                }
                return;
            }
            self.details(ui, lang);
            ui.add_space(space::S);
            match self.tab {
                Tab::Floor => self.floor_plan(ui, ctx),
                Tab::Leads => self.leads_view(ui, ctx),
            }
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let Some(hall) = &self.hall else { return };
        let deals = hall.leads.iter().filter(|l| l.kind == LeadKind::Deal).count();
        ui.label(tr!(
            lang,
            "{} 年 · 展位 {}/{} · 意向与成交 {} 条（成交 {deals}）",
            "{} · {} of {} booths · {} leads ({deals} deals)",
            hall.exhibition.year,
            hall.booths.len(),
            hall.exhibition.rows * hall.exhibition.cols,
            hall.leads.len()
        ));
    }

    fn apply(&mut self, ctx: &mut ApplyCtx) {
        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.apply_one(action, ctx) {
                ctx.fail(|l| e.message(l));
            }
        }
        if ctx.current != Section::Exhibition {
            return;
        }
        let selected_company = self.selected.and_then(|at| self.booth_at(at)).map(|b| b.company);
        let products_stale = selected_company.is_some_and(|c| self.products.as_ref().is_none_or(|(p, _)| *p != c));
        if (!self.loaded || products_stale)
            && let Err(e) = self.load(ctx)
        {
            self.loaded = true;
            ctx.fail(|l| e.message(l));
        }
        if let Some(result) = self.matching.as_ref().and_then(Job::poll) {
            self.matching = None;
            match result {
                Ok(Ok(matches)) => self.matches = Some(matches),
                Ok(Err(e)) => ctx.fail(|l| e.message(l)),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
        // Which members could trade, worked out in the background when first shown and after changes.
        if self.matches_stale && self.matching.is_none() {
            self.matches_stale = false;
            let db = self.db.clone();
            let label = Text::new("查找可对接的成员", "Finding members who could trade");
            let work = move |_: &crate::jobs::JobContext| Matches::load(&Store::open(&db)?);
            match ctx.jobs.spawn("qilian-exhibition-matches", label, false, work) {
                Ok(job) => self.matching = Some(job),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
    }

    fn on_command(&mut self, command: &AppCommand, _ctx: &mut ApplyCtx) {
        match command {
            AppCommand::DataChanged(change) => {
                self.loaded = false;
                if !matches!(
                    change,
                    Change::Exhibition | Change::Visits | Change::Events | Change::Contests | Change::Requests
                ) {
                    self.matches_stale = true;
                }
            }
            AppCommand::OpenExhibition { year } => {
                self.year = *year;
                self.year_chosen = true;
                self.loaded = false;
                self.selected = None;
                self.tab = Tab::Floor;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hall_cannot_shrink_over_its_booths_or_end_before_it_starts() {
        let base = Exhibition::new(2026);
        let booths = [Booth { at: BoothAt { row: 3, col: 7 }, company: 1, products: vec![] }];
        let mut form = DetailsForm::of(&base);
        form.rows = 3;
        assert!(form.apply(&base, &booths, Lang::Zh).unwrap_err().contains("D8"));
        form.rows = 4;
        form.start = "2026-10-16".into();
        form.end = "2026-10-15".into();
        assert!(form.apply(&base, &booths, Lang::Zh).is_err());
        form.end = String::new();
        let e = form.apply(&base, &booths, Lang::Zh).unwrap();
        assert_eq!(e.end, e.start, "a one-day exhibition");
    }
}
