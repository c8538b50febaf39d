use super::board::{Matcher, Park, Rematch, board, fingerprint};
use super::engine::{DEFAULT_TOP, MatchIndex};
use super::lexicon::Concept;
use super::text::Synonyms;
use crate::domain::opportunity::{Pipeline, Stage, Transition};
use crate::domain::{Company, MemberStatus, Need, Product, SupplierRegion};
use crate::i18n::Lang;
use crate::store::SynonymGroup;

fn company(id: i64, name: &str, x: f64, y: f64) -> Company {
    Company {
        id, name: format!("宁波{name}有限公司"), short_name: name.into(), x_m: x, y_m: y, ..Company::default()
    }
}

fn product(id: i64, company_id: i64, name: &str, category: &str, price: f64, unit: &str) -> Product {
    Product {
        id,
        company_id,
        name: name.into(),
        category: category.into(),
        unit: unit.into(),
        unit_price: Some(price),
        ..Product::default()
    }
}

fn need(id: i64, company_id: i64, item: &str, category: &str, price: f64, unit: &str) -> Need {
    Need {
        id,
        company_id,
        item: item.into(),
        category: category.into(),
        unit: unit.into(),
        unit_price: Some(price),
        annual_quantity: Some(6000.0),
        current_supplier: "香港精密模具配件有限公司".into(),
        supplier_region: Some(SupplierRegion::HongKongMacaoTaiwan),
        ..Need::default()
    }
}

fn synonyms() -> Synonyms {
    Synonyms::new(&[
        vec!["导柱", "导套", "导柱导套", "模具标准件"],
        vec!["顶针", "顶杆", "模具标准件"],
        vec!["螺丝", "螺钉", "紧固件"],
        vec!["纸箱", "瓦楞纸箱", "包装箱"],
    ])
}

/// 东盛 (1) makes guide pillars 424 m from 威骏 (2); 远方 (3) makes them too, far away and dearer.
fn park() -> (Vec<Company>, Vec<Product>) {
    let companies = vec![
        company(1, "东盛公司", 460.0, 520.0),
        company(2, "威骏模具", 760.0, 820.0),
        company(3, "远方标准件", 2400.0, 1900.0),
        company(4, "华达香精", 1400.0, 300.0),
    ];
    let products = vec![
        product(10, 1, "导柱导套", "模具标准件", 12.0, "套"),
        product(11, 1, "顶针", "模具标准件", 1.5, "支"),
        product(30, 3, "导柱导套", "模具标准件", 15.0, "套"),
        product(31, 3, "螺丝", "紧固件", 180.0, "千个"),
        product(32, 3, "瓦楞纸箱", "包装", 3.2, "只"),
        product(40, 4, "食用香精", "香精香料", 95.0, "公斤"),
        product(41, 2, "注塑模具", "模具", 45000.0, "套"),
    ];
    (companies, products)
}

#[test]
fn dongsheng_is_the_first_candidate_for_weijuns_guide_pillars_and_says_why() {
    let (companies, products) = park();
    let index = MatchIndex::build(&companies, &products, synonyms());
    let weijun_need = need(100, 2, "导柱导套", "模具标准件", 120.0, "套");
    let candidates = index.candidates(&weijun_need, DEFAULT_TOP);
    assert_eq!(candidates.iter().map(|c| c.product_id).collect::<Vec<_>>(), vec![10, 30]);
    let best = &candidates[0];
    assert_eq!(best.supplier_company_id, 1);
    assert_eq!(best.annual_saving(), Some((120.0 - 12.0) * 6000.0));
    assert_eq!(
        best.reasons(Lang::Zh),
        "名称相近 1.00 · 类别一致 · 距离 424 m · 单价 ¥12 对 ¥120 · 预计年节约 ¥648,000 · 现供应商在港澳台"
    );
    assert!(best.reasons(Lang::En).contains("est. annual saving ¥648,000"));
}

#[test]
fn synonyms_and_spec_variants_match() {
    let (companies, products) = park();
    let index = MatchIndex::build(&companies, &products, synonyms());
    let first = |item: &str, category: &str| {
        let n = Need { spec: "Φ20×150".into(), ..need(1, 2, item, category, 100.0, "套") };
        index.candidates(&n, 1).first().map(|c| c.product_id)
    };
    assert_eq!(first("导柱", ""), Some(10));
    assert_eq!(first("模具导柱 Φ20", ""), Some(10), "a spec written into the item name");
    assert_eq!(first("螺钉", ""), Some(31));
    assert_eq!(first("不锈钢螺钉", "紧固件"), Some(31));
    assert_eq!(first("纸箱", ""), Some(32));
    assert_eq!(first("包装箱", "包装"), Some(32));
    assert_eq!(first("顶杆", ""), Some(11));
}

#[test]
fn unrelated_items_and_the_company_itself_never_match() {
    let (companies, products) = park();
    let index = MatchIndex::build(&companies, &products, synonyms());
    // 香精 shares 精 with 精密 and nothing else with 导柱; 注塑模具 is made by 威骏 itself.
    assert!(index.candidates(&need(1, 2, "香精", "香精香料", 100.0, "公斤"), 5).iter().all(|c| c.product_id == 40));
    assert!(index.candidates(&need(1, 4, "导柱", "", 100.0, "套"), 5).iter().all(|c| c.product_id != 40));
    assert!(index.candidates(&need(1, 2, "注塑模具", "模具", 50000.0, "套"), 5).is_empty());
    assert!(index.candidates(&need(1, 1, "玻璃瓶", "包装", 1.0, "只"), 5).is_empty());
}

#[test]
fn a_price_per_thousand_compares_with_one_per_piece() {
    let (companies, products) = park();
    let index = MatchIndex::build(&companies, &products, synonyms());
    // ¥180 per thousand screws is ¥0.18 each, against ¥0.50 paid now: 6,000 a year save ¥1,920.
    let candidate = &index.candidates(&need(1, 2, "螺丝", "紧固件", 0.5, "个"), 1)[0];
    assert_eq!(candidate.product_id, 31);
    let saving = candidate.annual_saving().unwrap();
    assert!((saving - 1920.0).abs() < 1e-6, "{saving}");
}

#[test]
fn prices_in_different_units_are_not_compared() {
    let (companies, products) = park();
    let index = MatchIndex::build(&companies, &products, synonyms());
    // A carton holds what its seller puts in it: no price per piece follows from it.
    let candidate = &index.candidates(&need(1, 2, "螺丝", "紧固件", 0.5, "箱"), 1)[0];
    assert_eq!(candidate.product_id, 31);
    assert_eq!(candidate.annual_saving(), None);
    assert!(candidate.reasons(Lang::Zh).contains("单位不同，未比价"));
}

#[test]
fn withdrawn_members_and_the_current_supplier_are_left_out() {
    let (mut companies, products) = park();
    companies[0].status = MemberStatus::Withdrawn;
    let index = MatchIndex::build(&companies, &products, synonyms());
    let n = need(1, 2, "导柱导套", "模具标准件", 120.0, "套");
    assert_eq!(index.candidates(&n, 5).iter().map(|c| c.product_id).collect::<Vec<_>>(), vec![30]);
    let supplied_by_yuanfang = Need { current_supplier: "远方标准件".into(), ..n };
    assert!(index.candidates(&supplied_by_yuanfang, 5).is_empty());
}

#[test]
fn pruning_keeps_the_true_top_candidates() {
    // Many suppliers of one item at scattered places (some not on the map) and prices (many
    // equal), and of a near item: the pruned ranking, which visits a large group square by
    // square of the map, must equal a plain sort of every pair, wherever the buyer is.
    // (0, 0) is not on the map.
    for buyer_at in [(1000.0, 1000.0), (1.0, 1.0), (0.0, 0.0)] {
        let mut companies = vec![company(1, "买方", buyer_at.0, buyer_at.1)];
        let mut products = Vec::new();
        for i in 0..240i64 {
            let mut supplier = company(i + 2, &format!("供方{i}"), (i * 37 % 2000) as f64, (i * 91 % 2000) as f64);
            if i % 12 == 0 {
                (supplier.x_m, supplier.y_m) = (0.0, 0.0);
            }
            companies.push(supplier);
            let (name, price) = if i < 200 { ("导柱导套", 5.0 + (i * 13 % 7) as f64) } else { ("导柱", 40.0) };
            products.push(product(1000 + i, i + 2, name, "模具标准件", price, "套"));
        }
        let index = MatchIndex::build(&companies, &products, synonyms());
        let n = need(1, 1, "导柱", "模具标准件", 90.0, "套");
        let all = index.candidates(&n, 1000);
        assert_eq!(all.len(), 240);
        for top in [1, 5, 12] {
            assert_eq!(index.candidates(&n, top), all[..top].to_vec(), "top {top}, buyer at {buyer_at:?}");
        }
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
    }
}

fn groups(lines: &[&str]) -> Vec<SynonymGroup> {
    lines.iter().enumerate().map(|(i, w)| SynonymGroup { id: i as i64 + 1, words: w.to_string() }).collect()
}

fn demo_park() -> Park {
    let (companies, products) = park();
    Park {
        companies,
        products,
        needs: vec![need(100, 2, "导柱导套", "模具标准件", 120.0, "套"), need(101, 2, "螺钉", "紧固件", 250.0, "千个")],
        synonym_groups: groups(&["导柱 导柱导套 模具标准件", "螺丝 螺钉 紧固件"]),
        pipelines: Vec::new(),
    }
}

#[test]
fn the_matcher_recomputes_only_what_changed_and_agrees_with_a_full_run() {
    let mut park = demo_park();
    let mut matcher = Matcher::default();
    assert_eq!(matcher.update(&park), Rematch::Full);
    assert_eq!(matcher.update(&park), Rematch::Needs(0));
    park.needs[1].unit_price = Some(300.0);
    assert_eq!(matcher.update(&park), Rematch::Needs(1));
    let mut fresh = Matcher::default();
    fresh.update(&park);
    for n in &park.needs {
        assert_eq!(matcher.candidates(n.id), fresh.candidates(n.id));
    }
    // A phone number is not something matching reads; a removed need is simply gone.
    park.companies[0].phone = "13800000000".into();
    assert_eq!(matcher.update(&park), Rematch::Needs(0));
    let removed = park.needs.remove(0);
    assert_eq!(matcher.update(&park), Rematch::Needs(0));
    assert!(matcher.candidates(removed.id).is_empty());
    park.needs.insert(0, removed.clone());
    assert_eq!(matcher.update(&park), Rematch::Needs(1));
    assert_eq!(matcher.candidates(removed.id), fresh.candidates(removed.id));
    park.synonym_groups.pop();
    assert_eq!(matcher.update(&park), Rematch::Full);
    park.companies[0].industry = "食品烘焙".into();
    assert_eq!(matcher.update(&park), Rematch::Full, "a member's trade weighs in its candidates");
    assert!(!matcher.candidates(101).is_empty(), "the shipped lexicon still says 螺丝 = 螺钉");
}

#[test]
fn the_board_puts_the_biggest_saving_first_and_follows_the_pipeline() {
    let mut park = demo_park();
    let mut matcher = Matcher::default();
    matcher.update(&park);
    let b = board(&park, &matcher);
    assert_eq!(b.rows.len(), 2);
    assert_eq!((b.rows[0].need_item.as_str(), b.rows[0].supplier_company.as_str()), ("导柱导套", "东盛公司"));
    assert_eq!(b.rows[0].stage, Stage::Suggested);
    assert_eq!(b.potential_saving, 648_000.0 + (250.0 - 180.0) * 6000.0);

    // Dismissing 东盛 brings the next supplier; changing the need brings 东盛 back.
    let dongsheng = &park.products[0];
    let dismissed = Pipeline::new(100, 10)
        .apply(Transition::Dismiss { fingerprint: fingerprint(&park.needs[0], dongsheng) })
        .expect("dismiss");
    park.pipelines.push(dismissed);
    let b = board(&park, &matcher);
    let for_need = |b: &super::board::Board, stage| {
        b.rows
            .iter()
            .filter(|r| r.candidate.need_id == 100 && r.stage == stage)
            .map(|r| r.candidate.product_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(for_need(&b, Stage::Suggested), vec![30]);
    assert_eq!(for_need(&b, Stage::Dismissed), vec![10]);
    park.needs[0].annual_quantity = Some(8000.0);
    matcher.update(&park);
    assert_eq!(for_need(&board(&park, &matcher), Stage::Suggested), vec![10]);

    // Once introduced and contracted, no other supplier is suggested and the saving is realised.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let contracted = Pipeline::new(100, 10)
        .apply(Transition::Introduce { on: day, note: String::new() })
        .and_then(|p| {
            p.apply(Transition::Contract {
                on: day,
                unit_price: 13.0,
                annual_quantity: 5000.0,
                baseline_unit_price: Some(120.0),
            })
        })
        .expect("contract");
    park.pipelines = vec![contracted];
    let b = board(&park, &matcher);
    assert_eq!(for_need(&b, Stage::Contracted), vec![10]);
    assert!(for_need(&b, Stage::Suggested).is_empty());
    assert_eq!((b.contracted, b.realised_saving), (1, (120.0 - 13.0) * 5000.0));

    // 威骏 brings its record up to date: 东盛 is now its supplier at the new price. The contract
    // and its saving stay.
    park.needs[0].current_supplier = "东盛公司".into();
    park.needs[0].unit_price = Some(13.0);
    matcher.update(&park);
    let b = board(&park, &matcher);
    assert_eq!(for_need(&b, Stage::Contracted), vec![10]);
    assert_eq!(b.realised_saving, (120.0 - 13.0) * 5000.0);
}

#[test]
fn a_company_not_on_the_map_has_an_unknown_distance_that_neither_helps_nor_hurts() {
    let (mut companies, products) = park();
    // 威骏 imported from a sheet without coordinates.
    companies[1].x_m = 0.0;
    companies[1].y_m = 0.0;
    let index = MatchIndex::build(&companies, &products, synonyms());
    let candidates = index.candidates(&need(100, 2, "导柱导套", "模具标准件", 120.0, "套"), 5);
    assert_eq!(candidates.iter().map(|c| c.product_id).collect::<Vec<_>>(), vec![10, 30], "price decides");
    assert_eq!(candidates[0].distance_m, None);
    assert!(candidates[0].reasons(Lang::Zh).contains("距离未知（未标位置）"));
}

#[test]
fn a_supplier_with_several_grades_is_listed_once_with_its_best() {
    let (companies, mut products) = park();
    products.push(product(12, 1, "导柱导套", "模具标准件", 11.0, "套"));
    products
        .push(Product { spec: "加长型".into(), ..product(13, 1, "导柱导套", "模具标准件", 25.0, "套") });
    let index = MatchIndex::build(&companies, &products, synonyms());
    let candidates = index.candidates(&need(100, 2, "导柱导套", "模具标准件", 120.0, "套"), 5);
    assert_eq!(
        candidates.iter().map(|c| c.product_id).collect::<Vec<_>>(),
        vec![12, 30],
        "东盛's ¥11 grade, then 远方"
    );
}

/// A park of one buyer (1) and three sellers, read with the shipped lexicon.
fn shipped_park(products: &[(i64, i64, &str, &str, &str)]) -> MatchIndex {
    let companies: Vec<Company> =
        (1..=4).map(|id| company(id, &format!("成员{id}"), 100.0 * id as f64, 100.0)).collect();
    let products: Vec<Product> = products
        .iter()
        .map(|&(id, company_id, name, spec, unit)| Product {
            spec: spec.into(),
            ..product(id, company_id, name, "", 10.0, unit)
        })
        .collect();
    MatchIndex::build(&companies, &products, super::board::synonyms_of(&[]))
}

fn proposed(index: &MatchIndex, item: &str, spec: &str, unit: &str) -> Vec<i64> {
    let need = Need { spec: spec.into(), ..need(1, 1, item, "", 20.0, unit) };
    index.candidates(&need, DEFAULT_TOP).iter().map(|c| c.product_id).collect()
}

#[test]
fn a_need_nobody_supplies_gets_no_look_alike_and_says_why_not() {
    let index = shipped_park(&[(20, 2, "二保焊丝", "ER50-6 1.2mm", "公斤"), (30, 3, "气缸", "SC63×100", "个")]);
    assert_eq!(proposed(&index, "二保焊机", "NBC-350", "台"), Vec::<i64>::new(), "a welder is not its wire");
    assert_eq!(proposed(&index, "气缸垫", "", "个"), Vec::<i64>::new(), "a gasket is not the cylinder");
    let need = need(1, 1, "二保焊机", "", 20.0, "台");
    let misses = index.near_misses(&need, &index.candidates(&need, DEFAULT_TOP), 3);
    assert_eq!(misses[0].product_id, 20);
    let why: Vec<String> = misses[0].reasons.iter().map(|r| r.label(Lang::Zh)).collect();
    assert!(why.iter().any(|w| w.contains("易混品")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("名称中心词不同")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("计量方式不同")), "{why:?}");
}

#[test]
fn a_shared_model_code_puts_the_right_grade_first() {
    let index = shipped_park(&[(20, 2, "微型轴承", "608ZZ", "个"), (30, 3, "深沟球轴承", "6204ZZ 20×47×14", "个")]);
    assert_eq!(proposed(&index, "轴承 6204ZZ", "铁封", "个"), vec![30, 20], "6204ZZ, and a 深沟球轴承 is a 轴承");
    assert_eq!(proposed(&index, "轴承 608ZZ", "", "个"), vec![20, 30]);
}

#[test]
fn a_service_is_matched_on_what_it_is_done_to() {
    let index = shipped_park(&[
        (20, 2, "叉车维修保养", "各品牌", "次"),
        (30, 3, "行车维修保养", "单梁 双梁", "次"),
        (40, 4, "注塑机", "二手 280吨", "台"),
    ]);
    assert_eq!(proposed(&index, "行车维修保养", "5吨单梁", "台次"), vec![30], "not the forklift's");
    assert_eq!(proposed(&index, "注塑机维修", "液压系统故障", "次"), Vec::<i64>::new(), "a repair is not the machine");
}

#[test]
fn pieces_against_bulk_lowers_a_match_and_a_trade_synonym_finds_the_supplier() {
    let index = shipped_park(&[(20, 2, "液氮", "99.999%", "吨"), (30, 3, "气动螺丝刀", "", "把")]);
    assert_eq!(proposed(&index, "液氮罐", "175L", "个"), Vec::<i64>::new());
    assert_eq!(proposed(&index, "风批", "", "把"), vec![30], "workshop slang, no shared character");
}

#[test]
fn her_synonyms_override_the_shipped_lexicon_word_by_word() {
    let companies: Vec<Company> = (1..=3).map(|id| company(id, &format!("成员{id}"), 100.0, 100.0)).collect();
    let products = vec![product(20, 2, "润滑脂", "", 30.0, "公斤"), product(30, 3, "无水奶油", "", 30.0, "公斤")];
    let ask = |groups: &[SynonymGroup]| {
        let index = MatchIndex::build(&companies, &products, super::board::synonyms_of(groups));
        index.candidates(&need(1, 1, "黄油", "", 40.0, "公斤"), 1).first().map(|c| c.product_id)
    };
    assert_eq!(ask(&[]), Some(20), "in the shipped lexicon 黄油 is grease");
    assert_eq!(ask(&groups(&["黄油 无水奶油"])), Some(30), "in a bakery park it is butter");
}

#[test]
fn the_board_lists_the_needs_no_member_supplies_but_not_those_of_members_who_left() {
    let (mut companies, products) = park();
    companies[3].status = MemberStatus::Withdrawn;
    let needs = vec![
        need(100, 2, "导柱导套", "模具标准件", 120.0, "套"),
        need(101, 2, "二保焊机", "设备", 9000.0, "台"),
        need(102, 4, "氩弧焊机", "设备", 9000.0, "台"),
    ];
    let park = Park { companies, products, needs, synonym_groups: Vec::new(), pipelines: Vec::new() };
    let mut matcher = Matcher::default();
    matcher.update(&park);
    let board = board(&park, &matcher);
    let unsupplied: Vec<(i64, &str)> = board.unsupplied.iter().map(|u| (u.need_id, u.need_item.as_str())).collect();
    assert_eq!(unsupplied, [(101, "二保焊机")], "the withdrawn member's need is nobody's business");
    assert!(board.rows.iter().all(|r| r.candidate.need_id == 100));
}

#[test]
fn the_buyers_trade_settles_what_an_ambiguous_word_means() {
    let trade = |id: i64, industry: &str| Company {
        industry: industry.into(),
        ..company(id, &format!("成员{id}"), 100.0, 100.0)
    };
    let companies = vec![trade(1, "食品烘焙"), trade(2, "机械加工"), trade(3, "食品原料"), trade(4, "化工")];
    let products = vec![product(30, 3, "黄油", "乳制品", 30.0, "公斤"), product(40, 4, "黄油", "润滑脂", 30.0, "公斤")];
    let index = MatchIndex::build(&companies, &products, super::board::synonyms_of(&[]));
    let first = |buyer: i64, heading: &str| {
        let c = index.candidates(&need(1, buyer, "黄油", heading, 40.0, "公斤"), 2);
        (c[0].product_id, c[0].reasons(Lang::Zh))
    };
    let (bakery, why) = first(1, "原材料");
    assert_eq!(bakery, 30, "a bakery's 黄油 is butter");
    assert!(why.contains("行业相近"), "{why}");
    assert_eq!(first(2, "设备润滑").0, 40, "a machine shop's is grease");
}

#[test]
fn her_synonym_group_overrules_a_shipped_look_alike() {
    let companies: Vec<Company> = (1..=2).map(|id| company(id, &format!("成员{id}"), 100.0, 100.0)).collect();
    let products = vec![product(20, 2, "堆垛机", "", 9000.0, "台")];
    let ask = |groups: &[SynonymGroup]| {
        let index = MatchIndex::build(&companies, &products, super::board::synonyms_of(groups));
        index.candidates(&need(1, 1, "堆高车", "", 9900.0, "台"), 1).first().map(|c| c.product_id)
    };
    assert_eq!(ask(&[]), None, "shipped: a 堆高车 is not a 堆垛机");
    assert_eq!(ask(&groups(&["堆高车 堆垛机"])), Some(20), "in her park they are one thing");
}

/// Synonyms from lexicon lines with their notes (head words, categories, unit family), or
/// without them, to show what the notes do.
fn lexicon_of(lines: &[&str], with_notes: bool) -> Synonyms {
    let concepts: Vec<Concept> = lines.iter().filter_map(|line| Concept::parse(line)).collect();
    let words: Vec<Vec<String>> = concepts.iter().map(|c| c.names.clone()).collect();
    let synonyms = Synonyms::new(&words);
    if with_notes { synonyms.with_notes(&concepts.iter().map(|c| vec![c]).collect::<Vec<_>>()) } else { synonyms }
}

#[test]
fn the_lexicons_head_words_make_a_slang_name_a_kind_of_the_plain_one() {
    let lines = ["螺丝刀 起子 改锥 | 螺丝刀 | 五金工具 | 件", "风批 气批 | 螺丝刀 | 气动工具 | 件"];
    let companies: Vec<Company> = (1..=2).map(|id| company(id, &format!("成员{id}"), 100.0, 100.0)).collect();
    let products = vec![product(20, 2, "风批", "", 90.0, "把")];
    let ask = |with_notes: bool| {
        let index = MatchIndex::build(&companies, &products, lexicon_of(&lines, with_notes));
        index.candidates(&need(1, 1, "螺丝刀", "", 99.0, "把"), DEFAULT_TOP).len()
    };
    assert_eq!(ask(false), 0, "no character in common");
    assert_eq!(ask(true), 1, "a 风批 is a kind of 螺丝刀");
}

#[test]
fn the_lexicons_unit_family_stands_in_for_a_unit_that_says_nothing() {
    let lines = [
        "石英砂 硅砂 | 石英砂 | 矿产 | 重",
        "石英砂过滤器 石英砂滤料罐 | 石英砂过滤器 | 水处理设备 | 件",
        "空调 空调机 | 空调 | 家电 暖通 | 件",
        "空调清洗 空调保养 | 清洗 空调 | 家电服务 | 服务",
    ];
    let companies: Vec<Company> = (1..=3).map(|id| company(id, &format!("成员{id}"), 100.0, 100.0)).collect();
    let products = vec![product(20, 2, "石英砂", "", 900.0, "袋"), product(30, 3, "空调", "", 3000.0, "台")];
    let text = |with_notes: bool, item: &str, unit: &str, product_id: i64| {
        let index = MatchIndex::build(&companies, &products, lexicon_of(&lines, with_notes));
        index.pair(&need(1, 1, item, "", 99.0, unit), product_id).unwrap().text
    };
    // A bag holds either; the lexicon says the sand is bought by weight and its filter by the piece.
    let ratio = text(true, "石英砂过滤器", "", 20) / text(false, "石英砂过滤器", "", 20);
    assert!((ratio - 0.6).abs() < 1e-9, "{ratio}");
    // A cleaning by the job is not the air conditioner a member sells by the piece.
    assert!(text(true, "空调清洗", "次", 30) < text(false, "空调清洗", "次", 30));
    assert_eq!(text(true, "硅砂", "", 20), text(false, "硅砂", "", 20), "one thing, one measure");
}

#[test]
fn a_supplier_in_the_line_the_lexicon_names_for_an_item_comes_first() {
    let lines = ["润滑脂 黄油 锂基脂 | 润滑脂 | 润滑油 油品 | 重"];
    let seller = |id: i64, industry: &str| Company {
        industry: industry.into(),
        ..company(id, &format!("成员{id}"), 100.0, 100.0)
    };
    let companies = vec![company(1, "成员1", 100.0, 100.0), seller(2, "五金交电"), seller(3, "润滑油贸易")];
    let products = vec![product(20, 2, "黄油", "", 29.0, "公斤"), product(30, 3, "黄油", "", 30.0, "公斤")];
    let first = |with_notes: bool| {
        let index = MatchIndex::build(&companies, &products, lexicon_of(&lines, with_notes));
        let c = index.candidates(&need(1, 1, "黄油", "", 40.0, "公斤"), 2);
        (c[0].product_id, c[0].reasons(Lang::Zh))
    };
    assert_eq!(first(false).0, 20, "a yuan cheaper");
    let (id, why) = first(true);
    assert_eq!(id, 30, "the lubricant dealer: grease is its line");
    assert!(why.contains("行业相近"), "{why}");
}

#[test]
fn her_group_that_restates_a_shipped_concept_keeps_what_the_lexicon_says_of_it() {
    let seller = |id: i64, industry: &str| Company {
        industry: industry.into(),
        ..company(id, &format!("成员{id}"), 100.0, 100.0)
    };
    let companies = vec![company(1, "成员1", 100.0, 100.0), seller(2, "五金交电"), seller(3, "润滑油贸易")];
    let products = vec![product(20, 2, "黄油", "", 29.0, "公斤"), product(30, 3, "黄油", "", 30.0, "公斤")];
    let first = |groups: &[SynonymGroup]| {
        let index = MatchIndex::build(&companies, &products, super::board::synonyms_of(groups));
        index.candidates(&need(1, 1, "黄油", "", 40.0, "公斤"), 2)[0].product_id
    };
    assert_eq!(first(&[]), 30, "shipped: grease, the lubricant dealer's line");
    assert_eq!(first(&groups(&["黄油 润滑脂 锂基脂"])), 30, "two of its names: she means the same grease");
    assert_eq!(first(&groups(&["黄油 无水奶油"])), 20, "one shared word: the lexicon's trade is not hers");
}

#[test]
fn a_name_ending_in_a_head_word_of_the_lexicon_is_that_kind_and_a_modifier_is_not() {
    let lines = ["地牛 手动液压搬运车 | 搬运车 | 搬运设备 | 件", "304不锈钢 SUS304 | 不锈钢 | 不锈钢 金属材料 | 重"];
    let companies: Vec<Company> = (1..=2).map(|id| company(id, &format!("成员{id}"), 100.0, 100.0)).collect();
    let products = vec![product(20, 2, "液压搬运车", "", 1500.0, "台")];
    let ask = |with_notes: bool| {
        let index = MatchIndex::build(&companies, &products, lexicon_of(&lines, with_notes));
        index.candidates(&need(1, 1, "地牛", "", 1900.0, "台"), DEFAULT_TOP).len()
    };
    assert_eq!(ask(false), 0, "no character in common");
    assert_eq!(ask(true), 1, "both are a 搬运车");
    let s = lexicon_of(&lines, true);
    let concepts = |name: &str| super::text::concept_ids(&super::text::tokens(name, &s));
    assert_eq!(concepts("冷轧不锈钢").len(), 1, "a 不锈钢, at its head");
    assert!(concepts("不锈钢螺丝").is_empty(), "a screw of it: 不锈钢 only says what it is made of");
}

#[test]
fn two_names_of_one_item_are_a_candidate_however_many_other_words_they_carry() {
    let synonyms = Synonyms::new(&[vec!["线鼻子", "冷压端子"]]);
    let companies: Vec<Company> = (1..=2).map(|id| company(id, &format!("成员{id}"), 100.0, 100.0)).collect();
    let products = vec![Product {
        spec: "SC25-8 紫铜镀锡 窥口 1000只/包".into(),
        ..product(20, 2, "冷压端子 铜管 窥口型", "", 0.3, "只")
    }];
    let index = MatchIndex::build(&companies, &products, synonyms);
    let need = Need { spec: "1.5平方 M4 叉型 国标".into(), ..need(1, 1, "线鼻子 叉型", "", 0.5, "只") };
    let found = index.candidates(&need, DEFAULT_TOP);
    assert_eq!(found.iter().map(|c| c.product_id).collect::<Vec<_>>(), [20]);
    assert_eq!(found[0].text, super::engine::MIN_TEXT, "its words alone read less; the synonym says it is the item");
}

#[test]
fn a_product_of_the_excluded_kind_comes_after_the_right_one() {
    let index = shipped_park(&[
        (20, 2, "粉末涂料", "户外 聚酯 白色 高光", "公斤"),
        (30, 3, "粉末涂料", "户内 环氧聚酯 白色", "公斤"),
    ]);
    let need = Need { spec: "户内 白色 高光".into(), ..need(1, 1, "粉末涂料", "", 30.0, "公斤") };
    let text = |id: i64| index.pair(&need, id).unwrap().text;
    assert!(text(30) > text(20) * 1.5, "户外 powder is not what an indoor need asks for: {} {}", text(30), text(20));
    assert_eq!(index.candidates(&need, DEFAULT_TOP)[0].product_id, 30);
    let why = super::engine::MissReason::ModifiersDiffer("户内".into(), "户外".into()).label(Lang::Zh);
    assert_eq!(why, "规格不符（要户内，此为户外）");
}

#[test]
fn a_modifier_only_overlap_is_never_a_candidate() {
    // Neither head is in the other name: what they share only says what each is made of or for.
    let index = shipped_park(&[(20, 2, "塑料袋", "PE 加厚", "个"), (30, 3, "不锈钢法兰", "304 DN50", "个")]);
    for (item, spec) in [("塑料桶", "PE 加厚"), ("不锈钢弯头", "304 DN50")] {
        assert_eq!(proposed(&index, item, spec, "个"), Vec::<i64>::new(), "{item}");
        let need = Need { spec: spec.into(), ..need(1, 1, item, "", 20.0, "个") };
        let text = [20, 30].map(|id| index.pair(&need, id).unwrap().text);
        assert!(text.iter().all(|t| *t <= 0.25), "{item}: {text:?}");
    }
}
