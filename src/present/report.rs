//! 年度工作总结: the federation's work report for a period (a year, or several), written in Chinese
//! from the same figures the slides show, as a .docx the secretary finishes in Word or WPS. The
//! wording is a template she can change: `{名称}` stands for a figure, a line that is only
//! `{图:…}` or `{表:…}` for a chart or a table, a line starting `# ` for a heading.

use crate::advisory::Desk;
use crate::contests::service::EventBoard;
use crate::domain::CompanyId;
use crate::domain::advisory::Figures;
use crate::domain::contest::Award;
use crate::domain::opportunity::Stage;
use crate::i18n::{Lang, format};
use crate::matching::board::{Matcher, Park, display_name};
use crate::present::export::{ExportError, write_whole};
use crate::present::{Bar, Slide};
use crate::store::{Store, StoreError};
use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, Paragraph, Pic, Run, RunFonts, Shading, Style, StyleType, Table, TableCell, TableRow,
    WidthType,
};
use std::collections::HashMap;
use std::path::Path;

/// The wording a new federation's report starts with.
pub const DEFAULT_TEMPLATE: &str = "\
# {联合会}{期间}工作总结

{期间}，{联合会}围绕“服务企业、促进合作”的宗旨，组织成员企业互访交流、供需对接和技术比武，联合企业发展顾问团为企业排忧解难，各项工作取得了实实在在的成效。现将主要工作总结如下。

# 一、成员发展

截至{截至日期}，联合会共有成员企业 {成员企业数} 家，职工 {职工人数} 人；{期间}新入会 {新入会} 家。

{图:片区}

# 二、互访交流

{期间}共组织月度互访 {互访次数} 次，成员企业出席 {出席家次} 家次，平均每次 {平均出席} 家。企业走进彼此的车间，看产品、谈工艺、找合作，许多企业第一次发现身边就有合适的供应商和客户。

# 三、供需对接

联合会牵线成员企业之间的供需对接 {牵线对数} 对，其中 {签约对数} 对已签约，年节约采购成本 {年节约} 元。

{典型案例}

{图:节约}

# 四、技术比武

{期间}举办技术比武 {比武次数} 次、{比赛项目数} 个项目，{获奖人数} 名职工获奖。一等奖获得者：{一等奖名单}。

# 五、企业诉求办理

顾问团{期间}共受理企业反映的困难和问题 {受理诉求} 件，已解决 {已解决} 件，按时办结率 {按时办结率}，企业满意率 {满意率}。举办服务周 {服务周次数} 次，走访企业 {服务周走访企业} 家次。

{图:诉求}

# 六、下一步工作

（请在此填写下一步工作打算。）

# 附表

{表:部门}
";

/// The figures of the report's period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub federation: String,
    pub from_year: i32,
    pub to_year: i32,
    /// The last day counted: the period's end, or today if sooner.
    pub until: NaiveDate,
    pub members: usize,
    pub employees: u64,
    pub joined: usize,
    pub members_by_zone: Vec<(String, usize)>,
    pub visits: usize,
    /// Member companies at the visits, counted once a visit.
    pub attendances: usize,
    pub introduced: usize,
    pub contracted: usize,
    pub saving: f64,
    /// The contracts of the period, the largest saving first.
    pub stories: Vec<Story>,
    /// Each month's yearly saving of the contracts signed by then, over the period.
    pub saving_by_month: Vec<((i32, u32), f64)>,
    pub contests: usize,
    pub events: usize,
    pub winners: usize,
    /// First prizes: contestant, company, event.
    pub first_prizes: Vec<(String, String, String)>,
    pub received: usize,
    pub resolved: usize,
    pub on_time_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
    /// Requests received and resolved each month.
    pub requests_by_month: Vec<((i32, u32), usize, usize)>,
    /// Each department with requests, and its figures.
    pub departments: Vec<(String, Figures)>,
    pub service_weeks: usize,
    pub service_week_visits: usize,
}

/// A contract the federation brought about, told as the seed article tells 东盛 and 威骏's.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub buyer: String,
    pub supplier: String,
    pub item: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub previous_supplier: String,
    pub distance_m: Option<f64>,
    pub saving: f64,
}

impl Story {
    fn text(&self) -> String {
        let from = if self.previous_supplier.is_empty() {
            String::new()
        } else {
            format!("原从{}采购，", self.previous_supplier)
        };
        let prices = match (self.before, self.after) {
            (Some(b), Some(a)) => format!("单价由 {} 降到 {}，", format::money(b), format::money(a)),
            _ => String::new(),
        };
        let near = self.distance_m.map_or(String::new(), |d| format!("相距仅 {} 的", format::distance(d)));
        format!(
            "{}所需的{}{from}经联合会牵线，改由{near}成员企业{}供货，{prices}一年节约 {}。",
            self.buyer,
            self.item,
            self.supplier,
            format::money(self.saving)
        )
    }
}

fn in_years(d: NaiveDate, from: i32, to: i32) -> bool {
    (from..=to).contains(&d.year())
}

/// Gathers the figures of the years `from`–`to` as they stand on `today`.
pub fn gather(store: &Store, from: i32, to: i32, today: NaiveDate) -> Result<Report, StoreError> {
    let end = NaiveDate::from_ymd_opt(to, 12, 31).unwrap_or(today);
    let until = end.min(today);
    let mut r =
        Report { federation: store.federation_name()?, from_year: from, to_year: to, until, ..Report::default() };
    // The park's members are the members counted: read once, for the figures and the matching.
    let park = Park::load(store)?;
    let companies = &park.companies;
    let name =
        |id: CompanyId| companies.iter().find(|c| c.id == id).map_or(String::new(), |c| display_name(c).to_string());
    r.members = companies.len();
    r.employees = companies.iter().map(|c| u64::from(c.employees)).sum();
    r.joined = companies.iter().filter(|c| c.join_date.is_some_and(|d| in_years(d, from, to))).count();
    r.members_by_zone = store
        .zones()?
        .into_iter()
        .map(|z| {
            let n = companies.iter().filter(|c| c.zone_id == Some(z.id)).count();
            (z.name, n)
        })
        .collect();

    for year in from..=to {
        for month in store.visit_months(year)? {
            if month.host.is_none() || month.date.is_none_or(|d| d > until) {
                continue;
            }
            r.visits += 1;
            r.attendances += store.visit_guests(year, month.month)?.iter().filter(|g| g.attended).count();
        }
    }

    let mut matcher = Matcher::default();
    matcher.update(&park);
    for p in &park.pipelines {
        if p.introduced_on.is_some_and(|d| in_years(d, from, to)) {
            r.introduced += 1;
        }
        if p.stage != Stage::Contracted || !p.contracted_on.is_some_and(|d| in_years(d, from, to)) {
            continue;
        }
        r.contracted += 1;
        let saving = p.realised_saving().unwrap_or(0.0);
        r.saving += saving;
        let Some(need) = park.needs.iter().find(|n| n.id == p.need_id) else { continue };
        let Some(product) = park.products.iter().find(|x| x.id == p.product_id) else { continue };
        let distance_m =
            matcher.candidates(need.id).iter().find(|c| c.product_id == product.id).and_then(|c| c.distance_m);
        let previous = match (need.current_supplier.trim(), need.supplier_region) {
            ("", Some(region)) => region.label(Lang::Zh).to_string(),
            (who, _) => who.to_string(),
        };
        r.stories.push(Story {
            buyer: name(need.company_id),
            supplier: name(product.company_id),
            item: need.item.clone(),
            before: p.baseline_unit_price,
            after: p.agreed_unit_price,
            previous_supplier: previous,
            distance_m,
            saving,
        });
    }
    r.stories.sort_by(|a, b| b.saving.total_cmp(&a.saving));
    let contracts: Vec<(NaiveDate, f64)> =
        park.pipelines.iter().filter_map(|p| Some((p.contracted_on?, p.realised_saving()?))).collect();
    let mut month = (from, 1);
    while month <= (until.year(), until.month()) {
        let total = contracts.iter().filter(|(d, _)| (d.year(), d.month()) <= month).map(|(_, s)| s).sum();
        r.saving_by_month.push((month, total));
        month = if month.1 == 12 { (month.0 + 1, 1) } else { (month.0, month.1 + 1) };
    }

    for contest in store.contests()?.into_iter().filter(|c| (from..=to).contains(&c.year)) {
        if contest.date.is_some_and(|d| d > until) {
            continue;
        }
        let events = store.contest_events(contest.id)?;
        let mut held = false;
        for event in &events {
            let board = EventBoard::load(store, event)?;
            let awarded: Vec<_> = board.ranked.iter().filter(|x| x.award.is_some()).collect();
            if board.ranked.is_empty() {
                continue;
            }
            held = true;
            r.events += 1;
            r.winners += awarded.len();
            for ranked in awarded.iter().filter(|x| x.award == Some(Award::First)) {
                if let Some(entry) = board.entry(ranked.entry) {
                    r.first_prizes.push((entry.contestant.clone(), name(entry.company), event.name.clone()));
                }
            }
        }
        if held {
            r.contests += 1;
        }
    }

    let desk = Desk::load(store)?;
    let first = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or(until);
    let all = crate::domain::advisory::figures(desk.in_period(first, until), 0, until, &desk.calendar);
    r.received = all.received;
    r.resolved = all.resolved;
    r.on_time_rate = all.on_time_rate;
    r.satisfaction_rate = all.satisfaction_rate;
    r.requests_by_month = desk.monthly(first, until);
    r.departments = desk
        .by_department(first, until, until)
        .into_iter()
        .filter(|(_, f, _)| f.received > 0)
        .map(|(d, f, _)| (d.name, f))
        .collect();
    for (_, slots) in desk.weeks.iter().filter(|(w, _)| in_years(w.week_of, from, to) && w.week_of <= until) {
        r.service_weeks += 1;
        r.service_week_visits += slots
            .iter()
            .map(|s| match &s.slot.place {
                crate::domain::advisory::Place::Companies(cs) => cs.len(),
                crate::domain::advisory::Place::Centre(_) => 0,
            })
            .sum::<usize>();
    }
    Ok(r)
}

impl Report {
    /// 2025 年, or 2023—2025 年.
    pub fn period(&self) -> String {
        if self.from_year == self.to_year {
            format!("{} 年", self.from_year)
        } else {
            format!("{}—{} 年", self.from_year, self.to_year)
        }
    }

    /// What each `{名称}` of the template stands for.
    pub fn placeholders(&self) -> Vec<(&'static str, String)> {
        let federation =
            if self.federation.is_empty() { "企业联合会".to_string() } else { self.federation.clone() };
        let average = if self.visits == 0 { 0.0 } else { self.attendances as f64 / self.visits as f64 };
        let stories: Vec<String> = self.stories.iter().take(3).map(Story::text).collect();
        let firsts: Vec<String> =
            self.first_prizes.iter().map(|(who, company, event)| format!("{who}（{company}，{event}）")).collect();
        vec![
            ("联合会", federation),
            ("期间", self.period()),
            ("截至日期", format!("{} 年 {} 月 {} 日", self.until.year(), self.until.month(), self.until.day())),
            ("成员企业数", self.members.to_string()),
            ("职工人数", format::count(self.employees as usize)),
            ("新入会", self.joined.to_string()),
            ("互访次数", self.visits.to_string()),
            ("出席家次", self.attendances.to_string()),
            ("平均出席", format!("{average:.1}")),
            ("牵线对数", self.introduced.to_string()),
            ("签约对数", self.contracted.to_string()),
            ("年节约", format::money(self.saving).trim_start_matches('¥').to_string()),
            ("典型案例", if stories.is_empty() { String::new() } else { format!("典型的如：{}", stories.join("")) }),
            ("比武次数", self.contests.to_string()),
            ("比赛项目数", self.events.to_string()),
            ("获奖人数", self.winners.to_string()),
            ("一等奖名单", if firsts.is_empty() { "无".into() } else { firsts.join("、") }),
            ("受理诉求", self.received.to_string()),
            ("已解决", self.resolved.to_string()),
            ("按时办结率", format::percent(self.on_time_rate)),
            ("满意率", format::percent(self.satisfaction_rate)),
            ("服务周次数", self.service_weeks.to_string()),
            ("服务周走访企业", self.service_week_visits.to_string()),
        ]
    }

    /// The charts the template can place, each as a slide that `ui::present::render` draws.
    pub fn charts(&self) -> Vec<(&'static str, Slide)> {
        let bars = self
            .members_by_zone
            .iter()
            .map(|(zone, n)| Bar { label: zone.clone(), value: *n as f64, shown: n.to_string() })
            .collect();
        // A year's report charts its months; a longer period its years.
        let by_year = self.from_year != self.to_year;
        let bucket = |(y, m): (i32, u32)| if by_year { (y, 0) } else { (y, m) };
        let label = |(y, m): (i32, u32)| if by_year { format!("{y} 年") } else { format!("{m}月") };
        let mut savings: Vec<Bar> = Vec::new();
        for (month, total) in &self.saving_by_month {
            let shown = format::money_short(*total, Lang::Zh);
            match savings.last_mut() {
                // Savings add up: a bucket shows where its last month ended.
                Some(last) if last.label == label(bucket(*month)) => {
                    (last.value, last.shown) = (*total, shown);
                }
                _ => savings.push(Bar { label: label(bucket(*month)), value: *total, shown }),
            }
        }
        let mut requests: Vec<Bar> = Vec::new();
        for (month, received, _) in &self.requests_by_month {
            match requests.last_mut() {
                Some(last) if last.label == label(bucket(*month)) => last.value += *received as f64,
                _ => requests.push(Bar { label: label(bucket(*month)), value: *received as f64, shown: String::new() }),
            }
        }
        for bar in &mut requests {
            bar.shown = format::number(bar.value);
        }
        let per = if by_year { "每年" } else { "每月" };
        vec![
            ("片区", Slide::Bars { title: "各片区成员企业".into(), bars }),
            ("节约", Slide::Columns { title: "签约项目年节约累计".into(), columns: savings }),
            ("诉求", Slide::Columns { title: format!("{per}受理企业诉求"), columns: requests }),
        ]
    }

    /// The tables the template can place: a header row and rows.
    fn table(&self, key: &str) -> Option<Vec<Vec<String>>> {
        match key {
            "部门" => {
                let mut rows = vec![
                    vec!["部门", "受理", "已解决", "按时办结率", "满意率"].into_iter().map(String::from).collect(),
                ];
                rows.extend(self.departments.iter().map(|(name, f)| {
                    vec![
                        name.clone(),
                        f.received.to_string(),
                        f.resolved.to_string(),
                        format::percent(f.on_time_rate),
                        format::percent(f.satisfaction_rate),
                    ]
                }));
                Some(rows)
            }
            "案例" => {
                let mut rows =
                    vec![vec!["采购方", "供货方", "品名", "年节约"].into_iter().map(String::from).collect::<Vec<_>>()];
                rows.extend(
                    self.stories
                        .iter()
                        .map(|s| vec![s.buyer.clone(), s.supplier.clone(), s.item.clone(), format::money(s.saving)]),
                );
                Some(rows)
            }
            _ => None,
        }
    }
}

/// Fills `{名称}` placeholders; unknown ones stay as written, for the secretary to see.
fn fill(line: &str, values: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if values.contains_key(&after[..end]) => {
                out.push_str(&values[&after[..end]]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A chart drawn for the report: PNG bytes and size in pixels.
pub struct ChartImage {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

const BODY_FONT: &str = "宋体";
/// The text width of an A4 page with Word's usual margins, in twentieths of a point.
const TEXT_WIDTH: usize = 8300;
const HEADING_FONT: &str = "黑体";

fn cell(text: &str, header: bool) -> TableCell {
    let mut run = Run::new().add_text(text);
    if header {
        run = run.bold();
    }
    let cell = TableCell::new().add_paragraph(Paragraph::new().add_run(run));
    if header { cell.shading(Shading::new().fill("D9D9D9")) } else { cell }
}

/// The report as a .docx: the template filled in, its charts and tables placed.
pub fn docx(report: &Report, template: &str, charts: &HashMap<&str, ChartImage>) -> Docx {
    let values: HashMap<&str, String> = report.placeholders().into_iter().collect();
    let heading = Style::new("Heading1", StyleType::Paragraph)
        .name("heading 1")
        .based_on("Normal")
        .next("Normal")
        .outline_lvl(0)
        .size(32)
        .bold()
        .fonts(RunFonts::new().east_asia(HEADING_FONT));
    let mut doc = Docx::new()
        .add_style(heading)
        .default_fonts(RunFonts::new().east_asia(BODY_FONT).ascii("Times New Roman").hi_ansi("Times New Roman"))
        .default_size(28);
    let mut titled = false;
    for line in template.lines().map(str::trim_end) {
        let marker = line.trim().strip_prefix('{').and_then(|l| l.strip_suffix('}'));
        if let Some(key) = marker.and_then(|m| m.strip_prefix("图:")) {
            if let Some(chart) = charts.get(key) {
                // 15 cm wide, in EMU.
                let width = 5_400_000u32;
                let height = (u64::from(width) * u64::from(chart.height) / u64::from(chart.width.max(1))) as u32;
                let pic = Pic::new_with_dimensions(chart.png.clone(), chart.width, chart.height).size(width, height);
                doc =
                    doc.add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_image(pic)));
            }
            continue;
        }
        if let Some(rows) = marker.and_then(|m| m.strip_prefix("表:")).and_then(|key| report.table(key)) {
            // The first column (names) takes two fifths of the text width, the figures share the rest.
            let columns = rows.first().map_or(1, Vec::len).max(2);
            let first = TEXT_WIDTH * 2 / 5;
            let other = (TEXT_WIDTH - first) / (columns - 1);
            let widths: Vec<usize> = std::iter::once(first).chain(std::iter::repeat_n(other, columns - 1)).collect();
            let rows = rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    TableRow::new(
                        row.iter().zip(&widths).map(|(t, w)| cell(t, i == 0).width(*w, WidthType::Dxa)).collect(),
                    )
                })
                .collect();
            doc = doc.add_table(Table::new(rows).set_grid(widths).width(TEXT_WIDTH, WidthType::Dxa));
            continue;
        }
        let filled = fill(line, &values);
        doc = match filled.strip_prefix("# ") {
            // The first heading is the document's title: centred and larger.
            Some(title) if !titled => {
                titled = true;
                let run = Run::new().add_text(title).size(36).bold().fonts(RunFonts::new().east_asia(HEADING_FONT));
                doc.add_paragraph(Paragraph::new().style("Heading1").align(AlignmentType::Center).add_run(run))
            }
            Some(title) => {
                let run = Run::new().add_text(title).size(30).bold().fonts(RunFonts::new().east_asia(HEADING_FONT));
                doc.add_paragraph(Paragraph::new().style("Heading1").add_run(run))
            }
            None if filled.trim().is_empty() => doc,
            // Chinese paragraphs open with two characters' indent.
            None => doc.add_paragraph(
                Paragraph::new()
                    .indent(None, Some(docx_rs::SpecialIndentType::FirstLine(560)), None, None)
                    .add_run(Run::new().add_text(filled.trim())),
            ),
        };
    }
    doc
}

/// Writes the report to `path`, whole or not at all.
pub fn write(
    path: &Path,
    report: &Report,
    template: &str,
    charts: &HashMap<&str, ChartImage>,
) -> Result<(), ExportError> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx(report, template, charts).build().pack(&mut bytes).map_err(|e| ExportError::Render(e.to_string()))?;
    write_whole(path, bytes.get_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_left_for_the_secretary_to_see() {
        let values: HashMap<&str, String> = [("期间", "2025 年".to_string())].into_iter().collect();
        assert_eq!(fill("{期间}共{未知}次{", &values), "2025 年共{未知}次{");
    }

    #[test]
    fn the_demo_years_figures_tell_the_articles_story() {
        let mut store = Store::open_in_memory().unwrap();
        let today = crate::demo::test_day();
        crate::demo::write_demo_in(&mut store, 347, 1, today).unwrap();
        let all = gather(&store, 2024, today.year(), today).unwrap();
        assert_eq!(all.members, 347);
        assert!(all.visits > 0 && all.attendances > all.visits, "{} visits, {} attended", all.visits, all.attendances);
        assert!(all.received > 0 && all.resolved <= all.received);
        assert!(all.contests > 0 && !all.first_prizes.is_empty());
        let story = all.stories.iter().find(|s| s.buyer == "威骏模具").expect("the article's contract");
        assert!(story.text().contains("东盛"), "{}", story.text());
        assert!(all.saving >= 648_000.0);
        assert_eq!(all.period(), format!("2024—{} 年", today.year()));

        let columns = |r: &Report, key: &str| match r.charts().into_iter().find(|(k, _)| *k == key) {
            Some((_, Slide::Columns { columns, .. })) => columns,
            other => panic!("{key} is a column chart: {other:?}"),
        };
        let years: Vec<String> = columns(&all, "诉求").into_iter().map(|b| b.label).collect();
        assert_eq!(years, ["2024 年", "2025 年", "2026 年"], "a longer period by its years");
        let one = gather(&store, 2025, 2025, today).unwrap();
        let months = columns(&one, "节约");
        assert_eq!(months.len(), 12, "a year by its months");
        assert_eq!((months[0].label.as_str(), months[11].label.as_str()), ("1月", "12月"));
        assert!(months.windows(2).all(|w| w[0].value <= w[1].value), "savings add up");
        let received: f64 = columns(&one, "诉求").iter().map(|b| b.value).sum();
        assert_eq!(received as usize, one.received);

        let doc = docx(&all, DEFAULT_TEMPLATE, &HashMap::new());
        let mut bytes = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut bytes).unwrap();
        let read = docx_rs::read_docx(bytes.get_ref()).expect("a .docx that opens");
        let text = text_of(&read);
        assert!(text.contains("成员企业 347 家"), "{text}");
        assert!(text.contains(&format!("已解决 {} 件", all.resolved)));
        assert!(!text.contains('{'), "every placeholder filled: {text}");
        assert!(text.contains("按时办结率"), "the departments' table");
    }

    fn text_of(doc: &Docx) -> String {
        use docx_rs::{DocumentChild, TableCellContent, TableChild, TableRowChild};
        let mut out = Vec::new();
        for child in &doc.document.children {
            match child {
                DocumentChild::Paragraph(p) => out.push(p.raw_text()),
                DocumentChild::Table(t) => {
                    for TableChild::TableRow(row) in &t.rows {
                        for TableRowChild::TableCell(cell) in &row.cells {
                            for content in &cell.children {
                                if let TableCellContent::Paragraph(p) = content {
                                    out.push(p.raw_text());
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out.join("\n")
    }
}
