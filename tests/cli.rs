//! The command-line contract of SPEC.md, run as a user would run it.

mod common;

use std::process::Command;

/// Qilian as a user runs it, on the day the tests take as today.
fn qilian(args: &[&str]) -> std::process::Output {
    let today = qilian::demo::test_day().to_string();
    Command::new(env!("CARGO_BIN_EXE_qilian")).args(args).env("LANG", "C").env("QILIAN_TODAY", today).output().unwrap()
}

#[test]
fn demo_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let out = qilian(&["demo", "--db", db]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("347 companies"));

    let out = qilian(&["check", "--db", db]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The schema of a file made now, whatever the latest migration is.
    let schema = qilian::store::Store::open(std::path::Path::new(db)).unwrap().schema_version().unwrap();
    assert!(stdout.starts_with(&format!("ok: schema {schema}, 7 zones, 347 companies")), "{stdout}");
    // The article's park is in Ningbo, Zhejiang: imports read suppliers' places from there.
    let place = qilian::store::Store::open(std::path::Path::new(db)).unwrap().park_place().unwrap();
    assert_eq!((place.city.as_str(), place.province.as_str()), ("宁波", "浙江"));

    // The demo only goes into an empty federation.
    let out = qilian(&["demo", "--db", db, "--companies", "10"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for db in [&a, &b] {
        assert!(qilian(&["demo", "--db", db.to_str().unwrap(), "--companies", "50", "--seed", "9"]).status.success());
    }
    let names = |p: &std::path::Path| {
        let store = qilian::store::Store::open(p).unwrap();
        store.company_list().unwrap().into_iter().map(|i| (i.company.name, i.company.credit_code)).collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
}

#[test]
fn check_on_a_missing_file_creates_an_empty_federation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let out = qilian(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("7 zones, 0 companies"));
}

#[test]
fn check_fails_on_a_file_that_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "这不是数据库".repeat(500)).unwrap();
    let out = qilian(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not a Qilian database"));
}

#[test]
fn help_lists_the_whole_contract() {
    let out = qilian(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for command in
        ["demo", "import", "export", "match", "plan-visits", "deck", "report", "backup", "restore", "check", "--db"]
    {
        assert!(help.contains(command), "{command} in {help}");
    }
}

#[test]
fn export_requests_and_service_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db, "--companies", "60"]).status.success());
    for (what, sheet) in [("requests", "Requests"), ("service-week", "By department")] {
        let file = dir.path().join(format!("{what}.xlsx"));
        let out = qilian(&["export", "--db", db, "--what", what, file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(qilian::excel::read::read_sheet(&file, None).unwrap().sheet, sheet);
    }
}

#[test]
fn export_contests_writes_the_award_list_and_teams_first_then_each_events_scores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db, "--companies", "80"]).status.success());
    let file = dir.path().join("contests.xlsx");
    let out = qilian(&["export", "--db", db, "--what", "contests", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sheet = qilian::excel::read::read_sheet(&file, None).unwrap();
    assert_eq!(sheet.sheet, "Awards");
    assert_eq!(sheet.sheet_names[1], "Teams");
    assert!(sheet.sheet_names.len() > 10, "the award list, the teams and a score sheet an event");
}

#[test]
fn plan_visits_prints_the_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db, "--companies", "40"]).status.success());
    let out = qilian(&["plan-visits", "--db", db, "--year", "2027", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let months: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let months = months.as_array().unwrap();
    assert_eq!(months.len(), 12);
    for m in months {
        let object = m.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["date", "host", "host_id", "month", "pinned", "published", "reasons"]);
        assert!(!m["reasons"].as_array().unwrap().is_empty(), "every month says why: {m}");
    }
    assert_eq!(months[0]["month"], "2027-01");
    // 2027's Spring Festival is on 6 February: no visit that month.
    assert!(months[1]["host"].is_null());
    let hosts: Vec<&str> = months.iter().filter_map(|m| m["host"].as_str()).collect();
    assert_eq!(hosts.len(), 11);
    let mut unique = hosts.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 11, "no host twice");
    // Nothing is written by planning.
    assert!(qilian::store::Store::open(std::path::Path::new(db)).unwrap().visit_months(2027).unwrap().is_empty());
    let out = dir.path().join("visits.xlsx");
    let export = qilian(&["export", "--db", db, "--what", "visits", out.to_str().unwrap()]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert!(
        String::from_utf8_lossy(&export.stdout).contains("33 months of visits"),
        "three years of the demo's visits"
    );
    let text = qilian(&["plan-visits", "--db", db, "--year", "2027"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("not known yet"), "2027's official holidays are not in the calendar: {text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("2027-")).count(), 12);
}

#[test]
fn match_ranks_dongsheng_for_weijun_first_and_prints_the_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db]).status.success());

    let out = qilian(&["match", "--db", db, "--top", "3", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 3);
    let mut keys: Vec<&str> = rows[0].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "annual_saving",
            "current_unit_price",
            "distance_m",
            "need_company",
            "need_item",
            "offered_unit_price",
            "product",
            "reasons",
            "score",
            "supplier_company"
        ]
    );
    let top = &rows[0];
    assert_eq!((top["need_company"].as_str(), top["supplier_company"].as_str()), (Some("威骏模具"), Some("东盛公司")));
    assert_eq!(top["annual_saving"].as_f64(), Some(648_000.0));
    assert_eq!((top["current_unit_price"].as_f64(), top["offered_unit_price"].as_f64()), (Some(120.0), Some(12.0)));
    assert!(top["distance_m"].as_f64().unwrap() < 500.0);
    let savings: Vec<f64> = rows.iter().map(|r| r["annual_saving"].as_f64().unwrap()).collect();
    assert!(savings.windows(2).all(|w| w[0] >= w[1]), "{savings:?}");

    let out = qilian(&["match", "--db", db, "--top", "2"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 3, "two rows and the totals: {text}");
    assert!(text.lines().next().unwrap().contains("威骏模具 导柱导套 ← 东盛公司"), "{text}");
}

#[test]
fn export_matches_writes_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let xlsx = dir.path().join("matches.xlsx");
    assert!(qilian(&["demo", "--db", db.to_str().unwrap(), "--companies", "60"]).status.success());
    let out = qilian(&["export", "--db", db.to_str().unwrap(), "--what", "matches", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let sheet = qilian::excel::read::read_sheet(&xlsx, None).unwrap();
    assert_eq!(sheet.rows[0].cells[0].text(), "Buyer");
    assert_eq!(sheet.rows[1].cells[0].text(), "威骏模具");
    assert_eq!(sheet.rows[1].cells[2].text(), "东盛公司");
    assert_eq!(sheet.rows[1].cells[8].text(), "648000");
    assert!(sheet.rows.len() > 20);
}

#[test]
fn a_db_path_in_a_missing_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("新建文件夹").join("联合会.db");
    let out = qilian(&["demo", "--db", db.to_str().unwrap(), "--companies", "5"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(db.exists());
}

#[test]
fn deck_renders_one_pdf_page_a_slide_and_refuses_an_unknown_deck() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db, "--companies", "60"]).status.success());
    let pdf = dir.path().join("理事会.pdf");
    let out = qilian(&["deck", "--db", db, pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = lopdf::Document::load(&pdf).expect("the PDF opens");
    let store = qilian::store::Store::open(std::path::Path::new(db)).unwrap();
    let deck = qilian::present::find_deck(&store, "理事会").unwrap().unwrap();
    let slides = qilian::present::build(&store, &deck, chrono::Local::now().date_naive(), qilian::i18n::Lang::En);
    assert_eq!(doc.get_pages().len(), slides.unwrap().len(), "one page a slide");

    let out = qilian(&["deck", "--db", db, "--deck", "季度比武", dir.path().join("c.png").to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let contest = qilian::present::find_deck(&store, "contest").unwrap().unwrap();
    let count = qilian::present::build(&store, &contest, chrono::Local::now().date_naive(), qilian::i18n::Lang::En);
    let count = count.unwrap().len();
    assert!(count > 2, "the title, then each event's ranking");
    let png = |n: usize| dir.path().join(format!("c-{n:02}.png"));
    assert!(png(count).exists() && !png(count + 1).exists(), "a picture a slide");

    let out = qilian(&["deck", "--db", db, "--deck", "年会", dir.path().join("x.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("理事会"), "names the decks there are");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn report_writes_a_word_document_with_the_years_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db]).status.success());
    let out_file = dir.path().join("2025.docx");
    let out = qilian(&["report", "--db", db, "--year", "2025", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = common::docx_paragraphs(&out_file).join("\n");
    let images = docx_rs::read_docx(&std::fs::read(&out_file).unwrap()).unwrap().images.len();
    let store = qilian::store::Store::open(std::path::Path::new(db)).unwrap();
    let today = chrono::Local::now().date_naive();
    let figures = qilian::present::report::gather(&store, 2025, 2025, today).unwrap();
    assert!(text.contains("2025 年工作总结"), "{text}");
    assert!(text.contains(&format!("成员企业 {} 家", figures.members)));
    assert!(text.contains(&format!("月度互访 {} 次", figures.visits)));
    assert!(text.contains(&format!("受理企业反映的困难和问题 {} 件", figures.received)));
    assert!(text.contains("东盛公司"), "the year's top contract told");
    assert_eq!(images, 3, "its three charts");

    let out = qilian(&[
        "report",
        "--db",
        db,
        "--year",
        "2024",
        "--from",
        "2025",
        dir.path().join("x.docx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("x.docx").exists());
}

#[test]
fn match_lists_every_need_with_its_top_candidates_for_recall_to_be_measured() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let db = db.to_str().unwrap();
    assert!(qilian(&["demo", "--db", db]).status.success());
    let out = qilian(&["match", "--db", db, "--candidates", "8", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let wide: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let most = wide.iter().map(|n| n["candidates"].as_array().unwrap().len()).max().unwrap();
    assert!(most > 5 && most <= 8, "K is not capped at the board's five: {most}");
    let out = qilian(&["match", "--db", db, "--candidates", "3", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let needs: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let counts = qilian::store::Store::open(std::path::Path::new(db)).unwrap().counts().unwrap();
    assert_eq!(needs.len() as i64, counts.needs, "every need, not one row per board line");
    assert!(needs.iter().all(|n| n["candidates"].as_array().unwrap().len() <= 3));
    let pillars = needs
        .iter()
        .find(|n| n["need_company"] == "威骏模具" && n["need_item"].as_str().unwrap().contains("导柱"))
        .expect("威骏's guide pillars");
    let first = &pillars["candidates"][0];
    assert_eq!(first["supplier_company"], "东盛公司");
    for key in ["product", "score", "reasons", "distance_m"] {
        assert!(!first[key].is_null(), "{key} in {first}");
    }
    let scores: Vec<f64> =
        pillars["candidates"].as_array().unwrap().iter().map(|c| c["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}
