//! 企业发展顾问团 against the store: raising a request routes it by its category; every step is
//! checked by the request's rules (`domain::advisory`) and saved with its line of history in one
//! transaction; the figures per department, company and category, and by month.

pub mod export;
pub mod sheets;
pub mod week;

use crate::domain::CompanyId;
use crate::domain::advisory::{DEFAULT_TIME_LIMIT, Department, Figures, Request, Status, Step, StepError, figures};
use crate::domain::workdays::WorkCalendar;
use crate::i18n::Lang;
use crate::store::{HistoryEntry, Route, ServiceWeek, Store, StoreError, StoredSlot};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
pub enum AdvisoryError {
    #[error(transparent)]
    Step(#[from] StepError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AdvisoryError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Step(e) => e.message(lang),
            Self::Store(e) => e.message(lang),
        }
    }
}

/// The step's code and words for the history.
fn describe(step: &Step) -> (&'static str, String) {
    match step {
        Step::Assign { .. } => ("assign", String::new()),
        Step::Reroute { reason, .. } => ("reroute", reason.clone()),
        Step::Decline { reason } => ("decline", reason.clone()),
        Step::Start => ("start", String::new()),
        Step::Pause { reason, .. } => ("pause", reason.clone()),
        Step::Resume { .. } => ("resume", String::new()),
        Step::Resolve { note, .. } => ("resolve", note.clone()),
        Step::Confirm { comment, satisfaction } => {
            ("confirm", format!("{satisfaction}/5 {comment}").trim().to_string())
        }
        Step::Reopen { reason } => ("reopen", reason.clone()),
    }
}

/// What the history says of a step, in words.
pub fn step_name(code: &str, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        "raise" => ("受理", "received"),
        "assign" => ("分派", "assigned"),
        "reroute" => ("改派", "re-routed"),
        "decline" => ("退回", "declined"),
        "start" => ("开始办理", "started"),
        "pause" => ("暂停（等企业）", "paused (waiting for the company)"),
        "resume" => ("恢复计时", "resumed"),
        "resolve" => ("办结", "resolved"),
        "confirm" => ("回访确认", "confirmed at the follow-up call"),
        "reopen" => ("重新办理", "reopened"),
        _ => ("", ""),
    };
    lang.pick(zh, en)
}

fn now() -> String {
    crate::clock::now().format("%Y-%m-%d %H:%M").to_string()
}

/// Takes the request one step, and keeps the step in its history.
pub fn step(store: &mut Store, request: &Request, step: &Step, who: &str) -> Result<Request, AdvisoryError> {
    step_at(store, request, step, who, &now())
}

/// The same, at a given time.
pub(crate) fn step_at(
    store: &mut Store,
    request: &Request,
    step: &Step,
    who: &str,
    at: &str,
) -> Result<Request, AdvisoryError> {
    store.write(|tx| step_in(tx, request, step, who, at))
}

/// A step inside a caller's transaction: checked, saved, its history line written.
pub(crate) fn step_in(
    tx: &rusqlite::Transaction,
    request: &Request,
    step: &Step,
    who: &str,
    at: &str,
) -> Result<Request, AdvisoryError> {
    let after = request.apply(step)?;
    let (code, note) = describe(step);
    // A decline is the department's act: it is counted against the department that gave it back.
    let department = if code == "decline" { request.department } else { after.department };
    let entry = HistoryEntry {
        request: request.id,
        at: at.to_string(),
        who: who.to_string(),
        from: Some(request.status),
        to: after.status,
        department,
        step: code.to_string(),
        note,
    };
    crate::store::save_request(tx, &after, &entry)?;
    Ok(after)
}

/// Writes a department's sheet as previewed: every update's steps and every new request
/// (routed by its category), all in one transaction or none. Returns (updated, new).
pub fn apply_sheet(store: &mut Store, plan: &sheets::SheetPlan, who: &str) -> Result<(usize, usize), AdvisoryError> {
    let routes = store.routes()?;
    let at = now();
    store.write(|tx| {
        let (mut updated, mut added) = (0, 0);
        for row in &plan.rows {
            match &row.outcome {
                sheets::RowOutcome::Update { request, steps, .. } => {
                    let mut current = request.clone();
                    for step in steps {
                        current = step_in(tx, &current, step, who, &at)?;
                    }
                    updated += 1;
                }
                sheets::RowOutcome::New(request) => {
                    raise_in(tx, request, &routes, who, &at)?;
                    added += 1;
                }
                sheets::RowOutcome::Unchanged | sheets::RowOutcome::Error(_) => {}
            }
        }
        Ok((updated, added))
    })
}

/// Reads a department's sheet (in the background: nothing is written).
pub fn read_sheet(db: &std::path::Path, file: &std::path::Path, lang: Lang) -> Result<sheets::SheetPlan, String> {
    let sheet = crate::excel::read::read_sheet(file, None).map_err(|e| e.message(lang))?;
    let store = Store::open(db).map_err(|e| e.message(lang))?;
    let requests = store.requests().map_err(|e| e.message(lang))?;
    let companies = store.company_list().map_err(|e| e.message(lang))?;
    sheets::plan_sheet(&sheet.rows, &requests, &companies, crate::clock::today(), lang)
}

/// Receives a new request and routes it by its category: to the owning department, with the
/// category's time limit; a category nobody owns stays with the secretary.
pub fn raise(store: &mut Store, request: &Request, who: &str) -> Result<Request, AdvisoryError> {
    raise_at(store, request, who, &now())
}

pub(crate) fn raise_at(store: &mut Store, request: &Request, who: &str, at: &str) -> Result<Request, AdvisoryError> {
    let routes = store.routes()?;
    store.write(|tx| raise_in(tx, request, &routes, who, at))
}

/// Receiving inside a caller's transaction: saved with its history line, then assigned by
/// `routes` when a department owns its category.
fn raise_in(
    tx: &rusqlite::Transaction,
    request: &Request,
    routes: &[Route],
    who: &str,
    at: &str,
) -> Result<Request, AdvisoryError> {
    let route = routes.iter().find(|r| r.category == request.category);
    let received = Request {
        id: 0,
        status: Status::Received,
        department: None,
        time_limit: route.map_or(DEFAULT_TIME_LIMIT, |r| r.time_limit),
        ..request.clone()
    };
    let entry = HistoryEntry {
        request: 0,
        at: at.to_string(),
        who: who.to_string(),
        from: None,
        to: Status::Received,
        department: None,
        step: "raise".into(),
        note: String::new(),
    };
    let id = crate::store::save_request(tx, &received, &entry)?;
    let received = crate::store::request_in(tx, id)?;
    match route {
        Some(r) => step_in(tx, &received, &Step::Assign { department: r.department }, who, at),
        None => Ok(received),
    }
}

/// Everything the screen and the figures read, at once.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    pub departments: Vec<Department>,
    pub routes: Vec<Route>,
    pub requests: Vec<Request>,
    pub history: Vec<HistoryEntry>,
    pub calendar: WorkCalendar,
    /// The service weeks, newest first, each with its slots.
    pub weeks: Vec<(ServiceWeek, Vec<StoredSlot>)>,
    /// How many departments a company can receive in one half-day, where the secretary said.
    pub capacity: HashMap<CompanyId, usize>,
}

impl Desk {
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            departments: store.departments()?,
            routes: store.routes()?,
            requests: store.requests()?,
            history: store.request_history(None)?,
            calendar: store.work_calendar()?,
            weeks: store
                .service_weeks()?
                .into_iter()
                .map(|w| Ok((w.clone(), store.week_slots(w.id)?)))
                .collect::<Result<_, StoreError>>()?,
            capacity: store.hosting_capacity()?,
        })
    }

    pub fn department(&self, id: Option<i64>) -> Option<&Department> {
        id.and_then(|id| self.departments.iter().find(|d| d.id == id))
    }

    /// Requests raised from `from` to `to` (inclusive).
    pub fn in_period(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &Request> {
        self.requests.iter().filter(move |r| (from..=to).contains(&r.raised_on))
    }

    /// Each department's figures over the requests raised in the period, with the reasons it
    /// gave back requests.
    pub fn by_department(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Vec<(Department, Figures, Vec<String>)> {
        let in_period: Vec<&Request> = self.in_period(from, to).collect();
        let ids: HashSet<i64> = in_period.iter().map(|r| r.id).collect();
        // Each department's declines of the period's requests, in one pass over the history.
        let mut declined: HashMap<i64, Vec<String>> = HashMap::new();
        for h in self.history.iter().filter(|h| h.step == "decline" && ids.contains(&h.request)) {
            if let Some(d) = h.department {
                declined.entry(d).or_default().push(h.note.clone());
            }
        }
        self.departments
            .iter()
            .map(|d| {
                let declines = declined.remove(&d.id).unwrap_or_default();
                let own = in_period.iter().copied().filter(|r| r.department == Some(d.id));
                (d.clone(), figures(own, declines.len(), today, &self.calendar), declines)
            })
            .collect()
    }

    /// Figures per company (the ones that raised requests in the period).
    pub fn by_company(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Vec<(CompanyId, Figures)> {
        let mut groups: HashMap<CompanyId, Vec<&Request>> = HashMap::new();
        for r in self.in_period(from, to) {
            groups.entry(r.company).or_default().push(r);
        }
        let mut out: Vec<(CompanyId, Figures)> =
            groups.into_iter().map(|(c, rs)| (c, figures(rs, 0, today, &self.calendar))).collect();
        out.sort_by(|a, b| b.1.received.cmp(&a.1.received).then(a.0.cmp(&b.0)));
        out
    }

    /// Figures per category.
    pub fn by_category(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Vec<(String, Figures)> {
        let mut groups: BTreeMap<String, Vec<&Request>> = BTreeMap::new();
        for r in self.in_period(from, to) {
            groups.entry(r.category.clone()).or_default().push(r);
        }
        groups.into_iter().map(|(c, rs)| (c, figures(rs, 0, today, &self.calendar))).collect()
    }

    /// Requests received and resolved each month of the period: ((year, month), received, resolved).
    pub fn monthly(&self, from: NaiveDate, to: NaiveDate) -> Vec<((i32, u32), usize, usize)> {
        let mut months: BTreeMap<(i32, u32), (usize, usize)> = BTreeMap::new();
        let mut month = (from.year(), from.month());
        while month <= (to.year(), to.month()) {
            months.insert(month, (0, 0));
            month = if month.1 == 12 { (month.0 + 1, 1) } else { (month.0, month.1 + 1) };
        }
        for r in &self.requests {
            if let Some(m) = months.get_mut(&(r.raised_on.year(), r.raised_on.month())) {
                m.0 += 1;
            }
            if let Some(d) = r.resolved_on
                && let Some(m) = months.get_mut(&(d.year(), d.month()))
            {
                m.1 += 1;
            }
        }
        months.into_iter().map(|(k, (a, b))| (k, a, b)).collect()
    }
}

/// The open requests with a department, as the week's plan reads them.
pub fn open_requests(desk: &Desk) -> Vec<week::OpenRequest> {
    desk.requests
        .iter()
        .filter(|r| r.status.is_open())
        .filter_map(|r| {
            Some(week::OpenRequest {
                id: r.id,
                number: r.number.clone(),
                category: r.category.clone(),
                company: r.company,
                department: r.department?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Company;

    fn store_with_company() -> (Store, CompanyId) {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.insert_company(&Company { name: "甲".into(), ..Company::default() }).unwrap();
        (store, id)
    }

    fn request(company: CompanyId, category: &str) -> Request {
        Request {
            company,
            category: category.into(),
            description: "新厂房消防验收排期太长".into(),
            raised_on: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
            ..Request::default()
        }
    }

    #[test]
    fn a_request_is_routed_by_its_category_with_its_time_limit_and_every_step_is_kept() {
        let (mut store, company) = store_with_company();
        let fire = store.departments().unwrap().into_iter().find(|d| d.short_name == "消防大队").unwrap();
        let r = raise(&mut store, &request(company, "消防验收"), "秘书处").unwrap();
        assert_eq!((r.status, r.department, r.time_limit), (Status::Assigned, Some(fire.id), DEFAULT_TIME_LIMIT));
        assert_eq!(r.number, "SQ2025-0001");
        // Given back with a reason: it returns to the secretary, counted against the department.
        let back = step(&mut store, &r, &Step::Decline { reason: "应由住建局先验收主体".into() }, "消防大队").unwrap();
        assert_eq!((back.status, back.department), (Status::Received, None));
        let history = store.request_history(Some(r.id)).unwrap();
        let steps: Vec<&str> = history.iter().map(|h| h.step.as_str()).collect();
        assert_eq!(steps, ["raise", "assign", "decline"]);
        assert_eq!((history[2].department, history[2].note.as_str()), (Some(fire.id), "应由住建局先验收主体"));
        assert!(matches!(step(&mut store, &back, &Step::Start, "x"), Err(AdvisoryError::Step(_))), "refused");
        assert_eq!(store.request_history(Some(r.id)).unwrap().len(), 3, "a refused step leaves no history");
        // A category nobody owns stays with the secretary; a second request numbers on.
        let other = raise(&mut store, &request(company, "其他问题"), "秘书处").unwrap();
        assert_eq!((other.status, other.number.as_str()), (Status::Received, "SQ2025-0002"));
        let desk = Desk::load(&store).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let fire_figures =
            desk.by_department(from, today, today).into_iter().find(|(d, _, _)| d.id == fire.id).unwrap();
        assert_eq!((fire_figures.1.declines, fire_figures.2.len()), (1, 1));
        assert_eq!(desk.monthly(from, today)[2], ((2025, 3), 2, 0));

        // The routing table edited: a new category with its owner and time limit routes at once.
        let safety = store.departments().unwrap().into_iter().find(|d| d.short_name == "应急管理局").unwrap();
        let route = crate::store::Route { category: "其他问题".into(), department: safety.id, time_limit: 10 };
        store.set_route(&route).unwrap();
        let routed = raise(&mut store, &request(company, "其他问题"), "秘书处").unwrap();
        assert_eq!((routed.status, routed.department, routed.time_limit), (Status::Assigned, Some(safety.id), 10));
        // Re-routed with a reason: the history says from where to where and why.
        let rerouted =
            step(&mut store, &routed, &Step::Reroute { department: fire.id, reason: "涉及消防".into() }, "秘书处")
                .unwrap();
        assert_eq!(rerouted.department, Some(fire.id));
        let last = store.request_history(Some(routed.id)).unwrap().pop().unwrap();
        assert_eq!((last.step.as_str(), last.department, last.note.as_str()), ("reroute", Some(fire.id), "涉及消防"));
        let no_reason = Step::Reroute { department: safety.id, reason: " ".into() };
        assert!(matches!(step(&mut store, &rerouted, &no_reason, "秘书处"), Err(AdvisoryError::Step(_))));
    }
}
