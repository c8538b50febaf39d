//! 供需对接: the park-wide board of supplier opportunities, sorted by estimated annual saving;
//! a need's candidates with their score in words; each pair's pipeline; what one company could
//! sell and buy; the park map. Matching runs on a worker thread with its own database connection,
//! so the board never waits for it.

use super::members::{filter_combo, zone_and_industry_filters};
use super::park_map::{self, stage_color};
use super::synonyms::{SynonymAction, SynonymsDialog};
use super::theme;
use crate::domain::opportunity::{Pipeline, Stage, Transition};
use crate::domain::text::{parse_date, parse_number};
use crate::domain::{Company, CompanyId, Need, Product, Zone, ZoneId};
use crate::i18n::Lang;
use crate::matching::board::{Board, Matcher, Opportunity, Park, Rematch, board, display_name, fingerprint};
use crate::matching::engine::{Candidate, format_distance, format_money};
use crate::store::{Store, StoreError, SynonymGroup};
use egui_extras::{Column, TableBuilder};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// One finished matching run: the park as read, the board, and every need's candidates.
pub struct MatchSnapshot {
    pub park: Park,
    /// Read with the park, so a zone renamed meanwhile shows its new name.
    pub zones: Vec<Zone>,
    pub board: Board,
    pub candidates: HashMap<i64, Vec<Candidate>>,
    pub rematch: Rematch,
    pub took: Duration,
    companies: HashMap<CompanyId, usize>,
    needs: HashMap<i64, usize>,
    products: HashMap<i64, usize>,
    /// For each supplier, the candidates it could fill, biggest saving first: the company view
    /// reads this every frame, so it is built once here on the worker.
    sales: HashMap<CompanyId, Vec<Candidate>>,
}

impl MatchSnapshot {
    fn new(park: Park, zones: Vec<Zone>, matcher: &Matcher, rematch: Rematch, took: Duration) -> Self {
        let board = board(&park, matcher);
        let candidates = park.needs.iter().map(|n| (n.id, matcher.candidates(n.id).to_vec())).collect();
        let companies = park.companies.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let needs = park.needs.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let products = park.products.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut sales: HashMap<CompanyId, Vec<Candidate>> = HashMap::new();
        for c in park.needs.iter().flat_map(|n| matcher.candidates(n.id)) {
            sales.entry(c.supplier_company_id).or_default().push(c.clone());
        }
        for list in sales.values_mut() {
            let saving = |c: &Candidate| c.annual_saving().unwrap_or(0.0);
            list.sort_by(|a, b| saving(b).total_cmp(&saving(a)).then(a.need_id.cmp(&b.need_id)));
        }
        Self { park, zones, board, candidates, rematch, took, companies, needs, products, sales }
    }

    pub fn company(&self, id: CompanyId) -> Option<&Company> {
        self.companies.get(&id).map(|&i| &self.park.companies[i])
    }

    pub fn need(&self, id: i64) -> Option<&Need> {
        self.needs.get(&id).map(|&i| &self.park.needs[i])
    }

    pub fn product(&self, id: i64) -> Option<&Product> {
        self.products.get(&id).map(|&i| &self.park.products[i])
    }

    /// The recorded pipeline of a pair, or a fresh suggestion.
    pub fn pipeline(&self, need_id: i64, product_id: i64) -> Pipeline {
        self.park
            .pipelines
            .iter()
            .find(|p| p.need_id == need_id && p.product_id == product_id)
            .cloned()
            .unwrap_or_else(|| Pipeline::new(need_id, product_id))
    }

    /// The pair as a candidate: from the need's ranking, or from the board for a followed pair.
    fn candidate(&self, need_id: i64, product_id: i64) -> Option<&Candidate> {
        self.candidates.get(&need_id).and_then(|c| c.iter().find(|c| c.product_id == product_id)).or_else(|| {
            self.board.rows.iter().map(|r| &r.candidate).find(|c| c.need_id == need_id && c.product_id == product_id)
        })
    }
}

/// The matching thread: it reads the park through its own connection and keeps the `Matcher`,
/// so a run after an edit recomputes only what changed.
struct Worker {
    requests: Sender<()>,
    /// Each answer says how many requests it served.
    results: Receiver<(usize, Result<MatchSnapshot, StoreError>)>,
}

impl Worker {
    fn start(ctx: &egui::Context, db: PathBuf) -> std::io::Result<Self> {
        let (requests, incoming) = channel::<()>();
        let (outgoing, results) = channel();
        let ctx = ctx.clone();
        std::thread::Builder::new().name("qilian-match".into()).spawn(move || {
            let store = match Store::open(&db) {
                Ok(store) => store,
                Err(e) => {
                    let _ = outgoing.send((1, Err(e)));
                    return;
                }
            };
            let mut matcher = Matcher::default();
            // Ends when the screen (and with it the sender) is dropped.
            while incoming.recv().is_ok() {
                // Several requests while busy need one run.
                let mut served = 1;
                while incoming.try_recv().is_ok() {
                    served += 1;
                }
                let start = Instant::now();
                let result = Park::load(&store).and_then(|park| {
                    let zones = store.zones()?;
                    let rematch = matcher.update(&park);
                    Ok(MatchSnapshot::new(park, zones, &matcher, rematch, start.elapsed()))
                });
                if outgoing.send((served, result)).is_err() {
                    break;
                }
                ctx.request_repaint();
            }
        })?;
        Ok(Self { requests, results })
    }
}

/// Which stages the board shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StageFilter {
    /// Suggested, introduced and on trial: what still needs work.
    #[default]
    Open,
    /// Everything but dismissed suggestions.
    All,
    Only(Stage),
}

impl StageFilter {
    fn choices(lang: Lang) -> Vec<(StageFilter, String)> {
        let mut out = vec![
            (Self::Open, lang.pick("进行中", "Open").to_string()),
            (Self::All, lang.pick("全部（不含已忽略）", "All but dismissed").to_string()),
        ];
        out.extend(Stage::ALL.iter().map(|s| (Self::Only(*s), s.label(lang).to_string())));
        out
    }

    fn admits(self, stage: Stage) -> bool {
        match self {
            Self::Open => stage.is_open(),
            Self::All => stage != Stage::Dismissed,
            Self::Only(s) => s == stage,
        }
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

/// The line under the board: what just happened, and for a pipeline change, the record before it
/// so the change can be undone.
pub struct BoardNotice {
    pub text: String,
    pub is_error: bool,
    pub undo: Option<Pipeline>,
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

#[derive(Debug, Clone, PartialEq)]
enum Action {
    Select(i64, i64),
    Transition(i64, i64, Transition),
    Undo(Pipeline),
    OpenCompany(CompanyId),
    Refilter,
    Export,
    Synonym(SynonymAction),
    OpenSynonyms,
    Retry,
}

pub struct MatchingScreen {
    db: PathBuf,
    worker: Option<Worker>,
    /// Runs asked for and not yet answered.
    pending: usize,
    pub snapshot: Option<Arc<MatchSnapshot>>,
    zones: Vec<Zone>,
    industries: Vec<String>,
    /// The company filter's choices, sorted by name once per run rather than every frame.
    company_choices: Vec<(CompanyId, String)>,
    pub filters: BoardFilters,
    /// Indices into the board's rows that pass the filters.
    visible: Vec<usize>,
    pub selected: Option<(i64, i64)>,
    pub show_map: bool,
    form: Option<Form>,
    form_error: Option<String>,
    /// A form just opened below the fold is scrolled into view once.
    scroll_to_form: bool,
    synonyms: Option<SynonymsDialog>,
    deleted_synonyms: Vec<SynonymGroup>,
    export: Option<Receiver<Result<usize, String>>>,
    pub notice: Option<BoardNotice>,
    /// Why the last run failed; no run starts by itself until the user retries.
    failure: Option<String>,
    actions: Vec<Action>,
    data_version: i64,
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl MatchingScreen {
    pub fn new(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            db: store.path().to_path_buf(),
            worker: None,
            pending: 0,
            snapshot: None,
            zones: store.zones()?,
            industries: Vec::new(),
            company_choices: Vec::new(),
            filters: BoardFilters::default(),
            visible: Vec::new(),
            selected: None,
            show_map: false,
            form: None,
            form_error: None,
            scroll_to_form: false,
            synonyms: None,
            deleted_synonyms: Vec::new(),
            export: None,
            notice: None,
            failure: None,
            actions: Vec::new(),
            data_version: store.data_version()?,
        })
    }

    /// Asks the worker for a fresh run; starts it the first time.
    pub fn rematch(&mut self, ctx: &egui::Context) {
        self.failure = None;
        if self.worker.is_none() {
            match Worker::start(ctx, self.db.clone()) {
                Ok(worker) => self.worker = Some(worker),
                Err(e) => {
                    self.failure = Some(e.to_string());
                    return;
                }
            }
        }
        if let Some(worker) = &self.worker
            && worker.requests.send(()).is_ok()
        {
            self.pending += 1;
        }
    }

    /// Shows `text` under the board, replacing what was there (and its undo).
    pub fn tell(&mut self, text: String, is_error: bool) {
        self.notice = Some(BoardNotice { text, is_error, undo: None });
    }

    /// Shows what `company` could sell to members and buy from them, from a fresh run.
    pub fn focus_company(&mut self, ctx: &egui::Context, company: CompanyId) {
        self.filters.company = Some(company);
        self.selected = None;
        self.form = None;
        self.refilter();
        self.rematch(ctx);
    }

    /// True before the first run, unless a run failed and waits for the user to retry.
    pub fn wants_first_run(&self) -> bool {
        self.snapshot.is_none() && self.pending == 0 && self.failure.is_none()
    }

    /// Whether a matching run is under way.
    pub fn is_matching(&self) -> bool {
        self.pending > 0
    }

    /// The board rows that pass the filters, in board order.
    pub fn visible_rows(&self) -> Vec<&Opportunity> {
        self.snapshot.as_ref().map_or(Vec::new(), |s| self.visible.iter().map(|&i| &s.board.rows[i]).collect())
    }

    fn refilter(&mut self) {
        let Some(snapshot) = &self.snapshot else { return };
        let f = &self.filters;
        let company_passes = |id: CompanyId| {
            snapshot.company(id).is_some_and(|c| {
                f.zone.is_none_or(|z| c.zone_id == Some(z)) && f.industry.as_ref().is_none_or(|i| &c.industry == i)
            })
        };
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

    fn take_snapshot(&mut self, snapshot: MatchSnapshot) {
        let mut industries: Vec<String> = snapshot.park.companies.iter().map(|c| c.industry.clone()).collect();
        industries.sort();
        industries.dedup();
        industries.retain(|i| !i.is_empty());
        self.industries = industries;
        self.zones = snapshot.zones.clone();
        let mut companies: Vec<(CompanyId, String)> =
            snapshot.park.companies.iter().map(|c| (c.id, display_name(c).to_string())).collect();
        companies.sort_by(|a, b| a.1.cmp(&b.1));
        self.company_choices = companies;
        if let Some(dialog) = &mut self.synonyms {
            dialog.refresh(&snapshot.park.synonym_groups);
        }
        self.snapshot = Some(Arc::new(snapshot));
        self.refilter();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        egui::Panel::top("matching_toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            self.toolbar(ui, lang);
            ui.add_space(4.0);
        });
        egui::Panel::bottom("matching_status").show(ui, |ui| self.status_line(ui, lang));
        if let Some(failure) = &self.failure {
            let mut retry = false;
            egui::Panel::top("matching_failure").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        theme::error_color(ui),
                        format!("{}{failure}", lang.pick("匹配未能完成：", "Matching could not finish: ")),
                    );
                    retry = ui.button(lang.pick("重试", "Retry")).clicked();
                });
            });
            if retry {
                self.actions.push(Action::Retry);
            }
        }
        let Some(snapshot) = self.snapshot.clone() else {
            egui::CentralPanel::default().show(ui, |ui| {
                if self.failure.is_none() {
                    ui.add_space(40.0);
                    ui.vertical_centered(|ui| {
                        ui.spinner();
                        ui.label(lang.pick("正在匹配全园区的供需…", "Matching the whole park…"));
                    });
                }
            });
            return;
        };
        if self.selected.is_some() || self.filters.company.is_some() {
            egui::Panel::right("matching_detail").resizable(true).default_size(theme::DETAIL_WIDTH + 40.0).show(
                ui,
                |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.detail(ui, &snapshot, lang));
                },
            );
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.show_map {
                let rows = self.visible_rows();
                let clicked = park_map::park_map(ui, &snapshot.park.companies, &self.zones, &rows, self.selected, lang);
                if let Some(id) = clicked {
                    self.actions.push(Action::OpenCompany(id));
                }
            } else {
                self.table(ui, &snapshot, lang);
            }
        });
        if let Some(dialog) = &mut self.synonyms {
            for action in dialog.ui(ui.ctx(), &self.deleted_synonyms, lang) {
                self.actions.push(Action::Synonym(action));
            }
            if !dialog.open {
                self.synonyms = None;
            }
        }
        if self.export.is_some() || self.is_matching() {
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            let before = self.filters.clone();
            zone_and_industry_filters(
                ui,
                "board",
                (&self.zones, &mut self.filters.zone),
                (&self.industries, &mut self.filters.industry),
                lang,
            );
            let mut stage = Some(self.filters.stage);
            filter_combo(ui, "board_stage", lang.pick("状态", "Stage"), &mut stage, &StageFilter::choices(lang), lang);
            self.filters.stage = stage.unwrap_or_default();
            if self.snapshot.is_some() {
                filter_combo(
                    ui,
                    "board_company",
                    lang.pick("企业", "Company"),
                    &mut self.filters.company,
                    &self.company_choices,
                    lang,
                );
            }
            if self.filters != before {
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
                .add_enabled(self.export.is_none(), egui::Button::new(lang.pick("导出 Excel…", "Export to Excel…")))
                .clicked()
            {
                self.actions.push(Action::Export);
            }
        });
    }

    fn status_line(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal(|ui| {
            if let Some(s) = &self.snapshot {
                let b = &s.board;
                ui.label(match lang {
                    Lang::Zh => format!(
                        "机会 {} 条 · 当前显示 {} 条 · 潜在年节约 {} · 已签约 {} 项 · 已实现年节约 {}",
                        b.rows.iter().filter(|r| r.stage != Stage::Dismissed).count(),
                        self.visible.len(),
                        format_money(b.potential_saving),
                        b.contracted,
                        format_money(b.realised_saving)
                    ),
                    Lang::En => format!(
                        "{} opportunities · {} shown · potential {} a year · {} contracted · realised {} a year",
                        b.rows.iter().filter(|r| r.stage != Stage::Dismissed).count(),
                        self.visible.len(),
                        format_money(b.potential_saving),
                        b.contracted,
                        format_money(b.realised_saving)
                    ),
                });
            }
            if self.is_matching() {
                ui.separator();
                ui.spinner();
                ui.weak(lang.pick("正在重新匹配…", "Re-matching…"));
            } else if let Some(s) = &self.snapshot {
                ui.separator();
                let ms = s.took.as_millis();
                ui.weak(match (s.rematch, lang) {
                    (Rematch::Full, Lang::Zh) => format!("全部匹配用时 {ms} ms"),
                    (Rematch::Full, Lang::En) => format!("matched everything in {ms} ms"),
                    (Rematch::Needs(n), Lang::Zh) => format!("更新 {n} 项需求，用时 {ms} ms"),
                    (Rematch::Needs(n), Lang::En) => format!("{n} needs re-matched in {ms} ms"),
                });
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                let color = if notice.is_error { theme::error_color(ui) } else { ui.visuals().strong_text_color() };
                ui.colored_label(color, &notice.text);
                if let Some(previous) = &notice.undo
                    && ui.button(lang.pick("撤销", "Undo")).clicked()
                {
                    self.actions.push(Action::Undo(previous.clone()));
                }
            }
        });
    }

    fn table(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, lang: Lang) {
        if self.visible.is_empty() {
            ui.add_space(40.0);
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
        ui.style_mut().interaction.selectable_labels = false;
        // What the secretary decides on comes first: who, what, from whom, how much, where it stands.
        let headers = [
            lang.pick("需求企业", "Buyer"),
            lang.pick("采购品名", "Item"),
            lang.pick("供应企业", "Supplier"),
            lang.pick("预计年节约", "Est. saving/yr"),
            lang.pick("状态", "Stage"),
            lang.pick("距离", "Distance"),
            lang.pick("现价 → 报价", "Now → offer"),
            lang.pick("产品", "Product"),
            lang.pick("得分", "Score"),
        ];
        let mut clicked = None;
        egui::ScrollArea::horizontal().auto_shrink([false, false]).show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("opportunity_board")
                .striped(true)
                .resizable(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(120.0).at_least(80.0).clip(true))
                .column(Column::initial(100.0).clip(true))
                .column(Column::initial(130.0).clip(true))
                .column(Column::initial(100.0))
                .column(Column::initial(64.0))
                .column(Column::initial(70.0))
                .column(Column::initial(170.0).clip(true))
                .column(Column::initial(110.0).clip(true))
                .column(Column::remainder().at_least(48.0))
                .header(theme::ROW_HEIGHT + 4.0, |mut header| {
                    for title in headers {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, self.visible.len(), |mut row| {
                        let r = &snapshot.board.rows[self.visible[row.index()]];
                        let c = &r.candidate;
                        row.set_selected(self.selected == Some((c.need_id, c.product_id)));
                        row.col(|ui| {
                            ui.label(&r.need_company);
                        });
                        row.col(|ui| {
                            ui.label(&r.need_item);
                        });
                        row.col(|ui| {
                            ui.label(&r.supplier_company);
                        });
                        row.col(|ui| {
                            ui.label(c.annual_saving().map(format_money).unwrap_or_default());
                        });
                        row.col(|ui| {
                            ui.colored_label(stage_color(r.stage), r.stage.label(lang));
                        });
                        row.col(|ui| {
                            ui.label(
                                c.distance_m.map_or_else(|| lang.pick("未知", "unknown").to_string(), format_distance),
                            );
                        });
                        row.col(|ui| {
                            ui.label(match c.comparable_prices() {
                                Some((now, offer)) => format!("{} → {}", format_money(now), format_money(offer)),
                                None => lang.pick("未比价", "not compared").to_string(),
                            });
                        });
                        row.col(|ui| {
                            ui.label(&r.product);
                        });
                        row.col(|ui| {
                            ui.label(format!("{:.2}", c.score));
                        });
                        if row.response().clicked() {
                            clicked = Some((c.need_id, c.product_id));
                        }
                    });
                });
        });
        if let Some((need, product)) = clicked {
            self.actions.push(Action::Select(need, product));
        }
    }

    /// The right panel: the selected pair (its need, candidates and pipeline), then the focused
    /// company's sales and purchases.
    fn detail(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, lang: Lang) {
        if let Some((need_id, product_id)) = self.selected
            && let Some(need) = snapshot.need(need_id)
        {
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
        ui.add_space(6.0);
        ui.heading(format!("{buyer} · {}", need.item));
        if !need.spec.is_empty() {
            ui.weak(&need.spec);
        }
        let region = need.supplier_region.map(|r| format!("（{}）", r.label(lang))).unwrap_or_default();
        let supplier = if need.current_supplier.is_empty() {
            lang.pick("未填", "not given").to_string()
        } else {
            format!("{}{region}", need.current_supplier)
        };
        ui.label(format!("{}{supplier}", lang.pick("现供应商：", "Current supplier: ")));
        let price = need.unit_price.map(format_money).unwrap_or_else(|| lang.pick("未填", "not given").into());
        let quantity = need.annual_quantity.map_or(String::new(), |q| format!("{q} {}", need.unit));
        ui.label(format!(
            "{}{price}{} · {}{quantity}",
            lang.pick("现单价：", "Unit price: "),
            if need.unit.is_empty() { String::new() } else { format!("/{}", need.unit) },
            lang.pick("年用量：", "Per year: "),
        ));
        if ui.link(lang.pick("打开需求企业资料", "Open the buyer's record")).clicked() {
            self.actions.push(Action::OpenCompany(need.company_id));
        }

        ui.add_space(8.0);
        ui.strong(lang.pick("园区内候选供应企业（按得分）", "Member suppliers, best first"));
        let candidates = snapshot.candidates.get(&need.id).map_or(&[][..], Vec::as_slice);
        if candidates.is_empty() {
            ui.weak(lang.pick("园区内暂无能供应此项的成员。", "No member can supply this yet."));
        }
        for (rank, c) in candidates.iter().enumerate() {
            let supplier = snapshot.company(c.supplier_company_id).map_or("", display_name);
            let product = snapshot.product(c.product_id).map_or(String::new(), |p| p.name.clone());
            let stage = snapshot.pipeline(c.need_id, c.product_id).stage;
            let title = format!("{}. {supplier} · {product} · {:.2} · {}", rank + 1, c.score, stage.label(lang));
            if ui.selectable_label(product_id == c.product_id, egui::RichText::new(title).strong()).clicked() {
                self.actions.push(Action::Select(c.need_id, c.product_id));
            }
            ui.label(egui::RichText::new(c.reasons(lang)).small());
            ui.add_space(2.0);
        }

        ui.add_space(8.0);
        let Some(candidate) = snapshot.candidate(need.id, product_id) else { return };
        let supplier_id = candidate.supplier_company_id;
        let supplier = snapshot.company(supplier_id).map_or("", display_name);
        ui.strong(format!("{}{supplier}", lang.pick("当前对接：", "This pair: ")));
        let pipeline = snapshot.pipeline(need.id, product_id);
        self.pipeline_panel(ui, snapshot, need, candidate, &pipeline, lang);
        if ui.link(lang.pick("打开供应企业资料", "Open the supplier's record")).clicked() {
            self.actions.push(Action::OpenCompany(supplier_id));
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
            ui.label(lang.pick("状态：", "Stage: "));
            ui.colored_label(stage_color(pipeline.stage), egui::RichText::new(pipeline.stage.label(lang)).strong());
        });
        if let Some(on) = pipeline.introduced_on {
            ui.label(format!("{}{on} {}", lang.pick("引荐：", "Introduced: "), pipeline.note));
        }
        if let Some(on) = pipeline.trial_on {
            ui.label(format!("{}{on}", lang.pick("试用：", "Trial: ")));
        }
        if let (Some(on), Some(price), Some(quantity)) =
            (pipeline.contracted_on, pipeline.agreed_unit_price, pipeline.agreed_annual_quantity)
        {
            ui.label(format!(
                "{}{on} · {} {} · {} {quantity}",
                lang.pick("签约：", "Contracted: "),
                lang.pick("约定单价", "unit price"),
                format_money(price),
                lang.pick("年量", "per year"),
            ));
            if let Some(saving) = pipeline.realised_saving() {
                ui.strong(format!(
                    "{}{}",
                    lang.pick("已实现年节约：", "Realised saving a year: "),
                    format_money(saving)
                ));
            }
        }
        if pipeline.stage == Stage::Declined {
            ui.label(format!("{}{}", lang.pick("原因：", "Reason: "), pipeline.declined_reason));
        }

        let push = |actions: &mut Vec<Action>, t: Transition| actions.push(Action::Transition(need_id, product_id, t));
        ui.horizontal_wrapped(|ui| match pipeline.stage {
            Stage::Suggested => {
                if ui.button(lang.pick("引荐…", "Introduce…")).clicked() {
                    self.open_form(Form::Introduce { date: today().to_string(), note: String::new() });
                }
                if ui.button(lang.pick("忽略此建议", "Dismiss")).clicked()
                    && let Some(product) = snapshot.product(product_id)
                {
                    push(&mut self.actions, Transition::Dismiss { fingerprint: fingerprint(need, product) });
                }
            }
            Stage::Introduced | Stage::Trial => {
                if pipeline.stage == Stage::Introduced && ui.button(lang.pick("开始试用", "Start trial")).clicked()
                {
                    push(&mut self.actions, Transition::StartTrial { on: today() });
                }
                if ui.button(lang.pick("签约…", "Contract…")).clicked() {
                    let price = candidate.offered_unit_price.map(|p| p.to_string()).unwrap_or_default();
                    let quantity = need.annual_quantity.map(|q| q.to_string()).unwrap_or_default();
                    self.open_form(Form::Contract {
                        date: today().to_string(),
                        price,
                        quantity,
                        baseline: need.unit_price,
                    });
                }
                if ui.button(lang.pick("未成…", "Declined…")).clicked() {
                    self.open_form(Form::Decline { reason: String::new() });
                }
            }
            Stage::Declined | Stage::Dismissed => {
                if ui.button(lang.pick("恢复为建议", "Back to suggested")).clicked() {
                    push(&mut self.actions, Transition::Reopen);
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

    fn form_ui(&mut self, ui: &mut egui::Ui, need_id: i64, product_id: i64, lang: Lang) {
        let Some(form) = &mut self.form else { return };
        let mut submit = None;
        let mut cancel = false;
        let mut problem = None;
        let group = ui.group(|ui| {
            let field = |ui: &mut egui::Ui, label: &str, text: &mut String| {
                ui.horizontal(|ui| {
                    // One label width, so the fields line up.
                    let label = ui.add_sized([110.0, 24.0], egui::Label::new(label));
                    ui.add(egui::TextEdit::singleline(text).desired_width(200.0)).labelled_by(label.id);
                });
            };
            let date_of = |text: &str| {
                parse_date(text).ok_or(lang.pick("日期无法识别，如 2026-11-25", "Date not understood, e.g. 2026-11-25"))
            };
            match form {
                Form::Introduce { date, note } => {
                    field(ui, lang.pick("引荐日期", "Date"), date);
                    field(ui, lang.pick("备注", "Note"), note);
                    if ui.button(lang.pick("确认引荐", "Record introduction")).clicked() {
                        match date_of(date) {
                            Ok(on) => submit = Some(Transition::Introduce { on, note: note.trim().to_string() }),
                            Err(e) => problem = Some(e.to_string()),
                        }
                    }
                }
                Form::Contract { date, price, quantity, baseline } => {
                    let baseline = *baseline;
                    if let Some(before) = baseline {
                        ui.label(format!(
                            "{}{}",
                            lang.pick("签约前单价：", "Unit price before: "),
                            format_money(before)
                        ));
                    }
                    field(ui, lang.pick("签约日期", "Date"), date);
                    field(ui, lang.pick("约定单价(元)", "Agreed unit price (¥)"), price);
                    field(ui, lang.pick("约定年用量", "Agreed annual quantity"), quantity);
                    if ui.button(lang.pick("确认签约", "Record contract")).clicked() {
                        let number = |t: &str| parse_number(t).ok().flatten();
                        match (date_of(date), number(price), number(quantity)) {
                            (Err(e), _, _) => problem = Some(e.to_string()),
                            (Ok(on), Some(unit_price), Some(annual_quantity)) => {
                                submit = Some(Transition::Contract {
                                    on,
                                    unit_price,
                                    annual_quantity,
                                    baseline_unit_price: baseline,
                                })
                            }
                            _ => {
                                problem = Some(
                                    lang.pick("单价和年用量须填数字", "Price and quantity must be numbers").to_string(),
                                )
                            }
                        }
                    }
                }
                Form::Decline { reason } => {
                    field(ui, lang.pick("未成原因", "Reason"), reason);
                    if ui.button(lang.pick("确认", "Record")).clicked() {
                        submit = Some(Transition::Decline { reason: reason.clone() });
                    }
                }
            }
            if let Some(error) = &self.form_error {
                ui.colored_label(theme::error_color(ui), error);
            }
            if ui.button(lang.pick("取消", "Cancel")).clicked() {
                cancel = true;
            }
        });
        if std::mem::take(&mut self.scroll_to_form) {
            group.response.scroll_to_me(Some(egui::Align::Max));
        }
        if let Some(problem) = problem {
            self.form_error = Some(problem);
        }
        if let Some(t) = submit {
            self.actions.push(Action::Transition(need_id, product_id, t));
        }
        if cancel {
            self.form = None;
            self.form_error = None;
        }
    }

    /// What the focused company could sell to members, and buy from them.
    fn company_detail(&mut self, ui: &mut egui::Ui, snapshot: &MatchSnapshot, company: &Company, lang: Lang) {
        ui.add_space(6.0);
        ui.heading(display_name(company));
        if ui.link(lang.pick("打开企业资料", "Open the company's record")).clicked() {
            self.actions.push(Action::OpenCompany(company.id));
        }
        let sells = snapshot.sales.get(&company.id).map_or(&[][..], Vec::as_slice);
        ui.add_space(6.0);
        ui.strong(format!("{}（{}）", lang.pick("可向成员供应", "Could sell to members"), sells.len()));
        if sells.is_empty() {
            ui.weak(lang.pick("暂无", "Nothing yet"));
        }
        for c in sells.iter().take(30) {
            let buyer = snapshot.company(c.need_company_id).map_or("", display_name);
            let item = snapshot.need(c.need_id).map_or("", |n| n.item.as_str());
            let product = snapshot.product(c.product_id).map_or("", |p| p.name.as_str());
            let saving = c.annual_saving().map(format_money).unwrap_or_default();
            if ui
                .selectable_label(
                    self.selected == Some((c.need_id, c.product_id)),
                    format!("{product} → {buyer}（{item}） {saving}"),
                )
                .clicked()
            {
                self.actions.push(Action::Select(c.need_id, c.product_id));
            }
        }
        let needs: Vec<&Need> = snapshot.park.needs.iter().filter(|n| n.company_id == company.id).collect();
        ui.add_space(6.0);
        ui.strong(format!("{}（{}）", lang.pick("可从成员采购", "Could buy from members"), needs.len()));
        for need in needs {
            match snapshot.candidates.get(&need.id).and_then(|c| c.first()) {
                Some(best) => {
                    let supplier = snapshot.company(best.supplier_company_id).map_or("", display_name);
                    let saving = best.annual_saving().map(format_money).unwrap_or_default();
                    if ui
                        .selectable_label(
                            self.selected == Some((need.id, best.product_id)),
                            format!("{} ← {supplier} {saving}", need.item),
                        )
                        .clicked()
                    {
                        self.actions.push(Action::Select(need.id, best.product_id));
                    }
                }
                None => {
                    ui.weak(format!("{} — {}", need.item, lang.pick("园区内无供应", "no member supplies it")));
                }
            }
        }
    }

    /// Carries out what the user did; returns a company to open in 成员企业.
    pub fn apply(&mut self, ctx: &egui::Context, store: &mut Store, lang: Lang) -> Option<CompanyId> {
        let mut open = None;
        for action in std::mem::take(&mut self.actions) {
            match self.apply_one(ctx, action, store, lang) {
                Ok(Some(id)) => open = Some(id),
                Ok(None) => {}
                Err(e) => self.tell(e.message(lang), true),
            }
        }
        self.poll(ctx, lang);
        // Another window (or the members screen) wrote: match again.
        match store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.rematch(ctx);
            }
            _ => {}
        }
        open
    }

    fn poll(&mut self, ctx: &egui::Context, lang: Lang) {
        let mut received = Vec::new();
        if let Some(worker) = &self.worker {
            while let Ok(result) = worker.results.try_recv() {
                received.push(result);
            }
        }
        for (served, result) in received {
            self.pending = self.pending.saturating_sub(served);
            match result {
                Ok(snapshot) => self.take_snapshot(snapshot),
                Err(e) => {
                    // Stop the worker; the retry button starts a new one.
                    self.failure = Some(e.message(lang));
                    self.worker = None;
                    self.pending = 0;
                }
            }
        }
        if let Some(receiver) = &self.export
            && let Ok(result) = receiver.try_recv()
        {
            self.export = None;
            match result {
                Ok(rows) => self.tell(
                    match lang {
                        Lang::Zh => format!("已导出 {rows} 条供需对接机会"),
                        Lang::En => format!("Exported {rows} opportunities"),
                    },
                    false,
                ),
                Err(text) => self.tell(text, true),
            }
            ctx.request_repaint();
        }
    }

    fn apply_one(
        &mut self,
        ctx: &egui::Context,
        action: Action,
        store: &mut Store,
        lang: Lang,
    ) -> Result<Option<CompanyId>, StoreError> {
        match action {
            Action::Select(need, product) => {
                if self.selected != Some((need, product)) {
                    self.form = None;
                    self.form_error = None;
                }
                self.selected = Some((need, product));
            }
            Action::Refilter => self.refilter(),
            Action::Retry => self.rematch(ctx),
            Action::OpenCompany(id) => return Ok(Some(id)),
            Action::Transition(need, product, transition) => {
                let Some(snapshot) = &self.snapshot else { return Ok(None) };
                let before = snapshot.pipeline(need, product);
                match before.apply(transition) {
                    Ok(after) => {
                        store.save_pipeline(&after)?;
                        self.form = None;
                        self.form_error = None;
                        self.notice = Some(BoardNotice {
                            text: match lang {
                                Lang::Zh => format!("已记为“{}”", after.stage.label(lang)),
                                Lang::En => format!("Recorded as “{}”", after.stage.label(lang)),
                            },
                            is_error: false,
                            undo: Some(before),
                        });
                        self.rematch(ctx);
                    }
                    Err(e) => self.form_error = Some(e.message(lang)),
                }
            }
            Action::Undo(previous) => {
                store.save_pipeline(&previous)?;
                self.tell(lang.pick("已撤销", "Undone").to_string(), false);
                self.rematch(ctx);
            }
            Action::OpenSynonyms => {
                self.deleted_synonyms = store.deleted_synonym_groups()?;
                self.synonyms = Some(SynonymsDialog::new(&store.synonym_groups()?));
            }
            Action::Synonym(action) => {
                match action {
                    SynonymAction::Update(id, words) => store.update_synonym_group(id, &words)?,
                    SynonymAction::Add(words) => {
                        store.add_synonym_group(&words)?;
                        if let Some(dialog) = &mut self.synonyms {
                            dialog.refresh(&store.synonym_groups()?);
                        }
                    }
                    SynonymAction::Delete(id) => {
                        store.delete_synonym_group(id)?;
                        if let Some(dialog) = &mut self.synonyms {
                            dialog.refresh(&store.synonym_groups()?);
                        }
                    }
                    SynonymAction::Restore(id) => {
                        store.restore_synonym_group(id)?;
                        if let Some(dialog) = &mut self.synonyms {
                            dialog.refresh(&store.synonym_groups()?);
                        }
                    }
                }
                self.deleted_synonyms = store.deleted_synonym_groups()?;
                self.rematch(ctx);
            }
            Action::Export => {
                let Some(snapshot) = self.snapshot.clone() else { return Ok(None) };
                if let Some(path) = rfd::FileDialog::new()
                    .set_title(lang.pick("导出供需对接机会", "Export opportunities"))
                    .add_filter("Excel", &["xlsx"])
                    .set_file_name(lang.pick("供需对接.xlsx", "matches.xlsx"))
                    .save_file()
                {
                    self.export_to(ctx, snapshot, path, lang);
                }
            }
        }
        Ok(None)
    }

    /// Writes the board to `path` on a worker thread.
    pub fn export_to(&mut self, ctx: &egui::Context, snapshot: Arc<MatchSnapshot>, path: PathBuf, lang: Lang) {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("qilian-export".into()).spawn(move || {
            let result =
                crate::matching::export::export_board(&snapshot.board, &path, lang).map_err(|e| e.message(lang));
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.export = Some(receiver),
            Err(e) => self.tell(e.to_string(), true),
        }
    }
}
