//! The opportunity board as a spreadsheet and as the JSON of `qilian match --json`.

use super::board::{Board, Opportunity, Park, display_name, heading, synonyms_of};
use super::engine::MatchIndex;
use super::service::MatchSnapshot;
use crate::domain::CompanyId;
use crate::domain::Value;
use crate::domain::opportunity::Stage;
use crate::excel::ExcelError;
use crate::excel::export::{ExportTask, write_table};
use crate::i18n::{Lang, Text};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Rows worth showing outside the app: everything but dismissed and declined pairs.
pub fn live_rows(board: &Board) -> impl Iterator<Item = &Opportunity> {
    board.rows.iter().filter(|r| !matches!(r.stage, Stage::Dismissed | Stage::Declined))
}

fn number(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, Value::Number)
}

/// The board as an export task, for the window's background export.
pub fn board_task(board: Arc<MatchSnapshot>) -> ExportTask {
    let write = move |path: &Path, lang: Lang| export_board(&board.board, path, lang);
    ExportTask {
        what: Text::new("供需对接机会", "supplier opportunities"),
        file_name: Text::new("供需对接.xlsx", "matches.xlsx"),
        write: Box::new(write),
    }
}

/// Writes the board, all stages included; returns the number of rows.
pub fn export_board(board: &Board, path: &Path, lang: Lang) -> Result<usize, ExcelError> {
    let headers = [
        heading::BUYER.get(lang),
        heading::ITEM.get(lang),
        heading::SUPPLIER.get(lang),
        heading::PRODUCT.get(lang),
        heading::SCORE.get(lang),
        lang.pick("距离(米)", "Distance (m)"),
        lang.pick("现单价", "Current unit price"),
        lang.pick("成员报价", "Member's unit price"),
        lang.pick("预计年节约(元)", "Est. annual saving (¥)"),
        heading::STAGE.get(lang),
        lang.pick("已实现年节约(元)", "Realised annual saving (¥)"),
        lang.pick("依据", "Why"),
    ];
    let rows: Vec<Vec<Value>> = board
        .rows
        .iter()
        .map(|r| {
            let c = &r.candidate;
            vec![
                Value::Text(r.need_company.clone()),
                Value::Text(r.need_item.clone()),
                Value::Text(r.supplier_company.clone()),
                Value::Text(r.product.clone()),
                Value::Number((c.score * 1000.0).round() / 1000.0),
                number(c.distance_m.map(f64::round)),
                number(c.current_unit_price),
                number(c.offered_unit_price),
                number(c.annual_saving().map(f64::round)),
                Value::Text(r.stage.label(lang).to_string()),
                number(r.realised_saving().map(f64::round)),
                Value::Text(c.reasons(lang)),
            ]
        })
        .collect();
    write_table(path, lang.pick("供需对接", "Matches"), &headers, &rows)?;
    Ok(rows.len())
}

/// One object per opportunity, with the fields SPEC's `match --json` contract names.
pub fn to_json(rows: &[&Opportunity], lang: Lang) -> serde_json::Value {
    let round = |x: f64, places: i32| {
        let f = 10f64.powi(places);
        (x * f).round() / f
    };
    serde_json::Value::Array(
        rows.iter()
            .map(|r| {
                let c = &r.candidate;
                serde_json::json!({
                    "need_company": r.need_company,
                    "need_item": r.need_item,
                    "supplier_company": r.supplier_company,
                    "product": r.product,
                    "score": round(c.score, 3),
                    "distance_m": c.distance_m.map(|d| round(d, 1)),
                    "current_unit_price": c.current_unit_price,
                    "offered_unit_price": c.offered_unit_price,
                    "annual_saving": c.annual_saving().map(|s| round(s, 2)),
                    "reasons": c.reasons(lang),
                })
            })
            .collect(),
    )
}

/// Every need with its top `k` candidates, best first (none when nobody in the park makes it):
/// what recall@K is measured from. The board keeps one row per need; this lists them all.
pub fn candidates_json(park: &Park, k: usize, lang: Lang) -> Vec<serde_json::Value> {
    let company: HashMap<CompanyId, &str> = park.companies.iter().map(|c| (c.id, display_name(c))).collect();
    let product: HashMap<i64, &str> = park.products.iter().map(|p| (p.id, p.name.as_str())).collect();
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    // Its own index, not the board's: the board keeps five candidates a need, K may ask for more.
    let index = MatchIndex::build(&park.companies, &park.products, synonyms_of(&park.synonym_groups));
    park.needs
        .iter()
        .zip(index.match_all(&park.needs, k))
        .map(|(need, found)| {
            let candidates: Vec<serde_json::Value> = found
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "product_id": c.product_id,
                        "product": product.get(&c.product_id),
                        "supplier_company": company.get(&c.supplier_company_id),
                        "score": round3(c.score),
                        "text": round3(c.text),
                        "same_category": c.same_category,
                        "same_unit": c.same_unit,
                        "distance_m": c.distance_m.map(|d| (d * 10.0).round() / 10.0),
                        "reasons": c.reasons(lang),
                    })
                })
                .collect();
            serde_json::json!({
                "need_id": need.id,
                "need_company": company.get(&need.company_id),
                "need_item": need.item,
                "candidates": candidates,
            })
        })
        .collect()
}

/// One line per opportunity for the terminal.
pub fn to_text(rank: usize, r: &Opportunity, lang: Lang) -> String {
    let c = &r.candidate;
    format!(
        "{rank:>4}. {} {} ← {} {} · {} {:.2} · {} · {}",
        r.need_company,
        r.need_item,
        r.supplier_company,
        r.product,
        lang.pick("得分", "score"),
        c.score,
        r.stage.label(lang),
        c.reasons(lang)
    )
}
