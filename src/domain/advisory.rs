//! 企业发展顾问团: the 17 departments and the problems each owns, and enterprise requests (企业
//! 诉求) on their way from a company to a department and back: the steps allowed, deadlines in
//! China's working days (调休 Saturdays count, holidays do not, paused days do not), and the
//! figures per department.

use super::CompanyId;
use super::workdays::WorkCalendar;
use chrono::NaiveDate;

/// The member departments as seeded: name, short name, the request categories they own.
pub const DEPARTMENTS: [(&str, &str, &[&str]); 17] = [
    ("区人力资源和社会保障局（劳动局）", "人社局", &["用工招聘", "劳动关系", "社会保险", "技能培训补贴"]),
    ("区财政局", "财政局", &["财政补助资金", "政府采购"]),
    ("区科技和工业信息化局（科工局）", "科工局", &["技术改造", "科技项目申报", "工业用电"]),
    ("区总工会", "总工会", &["职工权益", "职工文体活动"]),
    ("区税务局", "税务局", &["税收政策", "发票办理", "出口退税"]),
    ("区市场监督管理局", "市场监管局", &["执照变更", "产品质量", "计量检测", "知识产权"]),
    ("区应急管理局", "应急管理局", &["安全生产", "危险化学品"]),
    ("区消防救援大队", "消防大队", &["消防验收", "消防安全检查"]),
    ("市生态环境局北仑分局", "生态环境分局", &["环评审批", "排污许可"]),
    ("市自然资源和规划局北仑分局", "自然资源分局", &["用地审批", "规划许可"]),
    ("区住房和城乡建设局", "住建局", &["厂房建设审批", "职工住房"]),
    ("区商务局", "商务局", &["外贸进出口", "展会补贴"]),
    ("区发展和改革局", "发改局", &["项目立项备案", "能耗指标"]),
    ("区委人才工作领导小组办公室", "人才办", &["人才引进", "人才公寓"]),
    ("市公安局北仑分局", "公安分局", &["治安环境", "外籍员工证件"]),
    ("区卫生健康局", "卫健局", &["职业病防治", "员工体检"]),
    ("区交通运输局", "交通局", &["道路运输", "公交线路", "货车通行"]),
];

/// Working days a department has for a request unless its category says otherwise.
pub const DEFAULT_TIME_LIMIT: u32 = 15;
/// Working days after the due date when a request goes up (督办).
pub const ESCALATION_AFTER: u32 = 5;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    /// Who to call there, as the secretary keeps it.
    pub contacts: String,
}

crate::labelled_enum! {
    /// How the request reached the federation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
    pub enum Channel {
        #[default]
        Visit = ("visit", "走访", "Visit"),
        Phone = ("phone", "电话", "Phone"),
        ServiceWeek = ("service-week", "服务周", "Service week"),
        Letter = ("letter", "来函", "Letter"),
    }
}

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
    pub enum Status {
        /// With the secretary: new, or declined by a department.
        #[default]
        Received = ("received", "已受理", "Received"),
        Assigned = ("assigned", "已分派", "Assigned"),
        InProgress = ("in-progress", "办理中", "In progress"),
        Resolved = ("resolved", "已办结", "Resolved"),
        Confirmed = ("confirmed", "企业已确认", "Confirmed"),
    }
}

impl Status {
    /// Still with someone to act on.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Received | Self::Assigned | Self::InProgress)
    }
}

/// A time the request waited for the company: its days do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub from: NaiveDate,
    /// `None`: still waiting.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub id: i64,
    /// 诉求编号, e.g. SQ2026-0042: how departments' sheets name it.
    pub number: String,
    pub company: CompanyId,
    pub category: String,
    pub description: String,
    pub raised_on: NaiveDate,
    pub raised_by: String,
    pub channel: Channel,
    pub department: Option<i64>,
    pub status: Status,
    pub time_limit: u32,
    pub pauses: Vec<Pause>,
    pub resolved_on: Option<NaiveDate>,
    pub satisfaction: Option<u8>,
    pub comment: String,
}

/// A step of a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// To a department (the routing table's, or the secretary's choice).
    Assign {
        department: i64,
    },
    /// To another department, saying why.
    Reroute {
        department: i64,
        reason: String,
    },
    /// The department gives it back (退回), saying why: it returns to the secretary.
    Decline {
        reason: String,
    },
    Start,
    /// Waiting for the company, from a day, saying why.
    Pause {
        on: NaiveDate,
        reason: String,
    },
    Resume {
        on: NaiveDate,
    },
    Resolve {
        on: NaiveDate,
        note: String,
    },
    /// The follow-up call (回访): the company's satisfaction 1–5 and its words.
    Confirm {
        satisfaction: u8,
        comment: String,
    },
    /// Not solved after all, saying why: back to its department.
    Reopen {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StepError {
    #[error("not allowed from this status")]
    NotAllowed { from: Status },
    #[error("a reason is required")]
    ReasonRequired,
    #[error("satisfaction is 1 to 5")]
    Satisfaction,
    #[error("already paused, or not paused")]
    Pause,
    #[error("the same department")]
    SameDepartment,
}

impl StepError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Self::NotAllowed { from } => {
                crate::tr!(lang, "“{}”状态下不能这样办理", "Not allowed while {}", from.label(lang))
            }
            Self::ReasonRequired => lang.pick("须写明原因", "A reason is required").into(),
            Self::Satisfaction => lang.pick("满意度为 1–5 分", "Satisfaction is 1 to 5").into(),
            Self::Pause => lang.pick("已在暂停中，或并未暂停", "Already paused, or not paused").into(),
            Self::SameDepartment => lang.pick("已在该部门", "Already with that department").into(),
        }
    }
}

impl Request {
    pub fn paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.to.is_none())
    }

    /// The request after `step`, or why the step is refused.
    pub fn apply(&self, step: &Step) -> Result<Request, StepError> {
        let mut next = self.clone();
        let reason_given = |r: &str| if r.trim().is_empty() { Err(StepError::ReasonRequired) } else { Ok(()) };
        let from = self.status;
        let refuse = Err(StepError::NotAllowed { from });
        match step {
            Step::Assign { department } => {
                if from != Status::Received {
                    return refuse;
                }
                next.department = Some(*department);
                next.status = Status::Assigned;
            }
            Step::Reroute { department, reason } => {
                if !matches!(from, Status::Assigned | Status::InProgress) {
                    return refuse;
                }
                reason_given(reason)?;
                if self.department == Some(*department) {
                    return Err(StepError::SameDepartment);
                }
                next.department = Some(*department);
                next.status = Status::Assigned;
            }
            Step::Decline { reason } => {
                if !matches!(from, Status::Assigned | Status::InProgress) {
                    return refuse;
                }
                reason_given(reason)?;
                next.department = None;
                next.status = Status::Received;
            }
            Step::Start => {
                if from != Status::Assigned {
                    return refuse;
                }
                next.status = Status::InProgress;
            }
            Step::Pause { on, reason } => {
                if !from.is_open() {
                    return refuse;
                }
                reason_given(reason)?;
                if self.paused() {
                    return Err(StepError::Pause);
                }
                next.pauses.push(Pause { from: *on, to: None });
            }
            Step::Resume { on } => match next.pauses.last_mut() {
                Some(p) if p.to.is_none() => p.to = Some((*on).max(p.from)),
                _ => return Err(StepError::Pause),
            },
            Step::Resolve { on, .. } => {
                if from != Status::InProgress {
                    return refuse;
                }
                if let Some(p) = next.pauses.last_mut().filter(|p| p.to.is_none()) {
                    p.to = Some((*on).max(p.from));
                }
                next.status = Status::Resolved;
                next.resolved_on = Some(*on);
            }
            Step::Confirm { satisfaction, comment } => {
                if from != Status::Resolved {
                    return refuse;
                }
                if !(1..=5).contains(satisfaction) {
                    return Err(StepError::Satisfaction);
                }
                next.status = Status::Confirmed;
                next.satisfaction = Some(*satisfaction);
                next.comment = comment.trim().to_string();
            }
            Step::Reopen { reason } => {
                if !matches!(from, Status::Resolved | Status::Confirmed) {
                    return refuse;
                }
                reason_given(reason)?;
                next.status = if self.department.is_some() { Status::Assigned } else { Status::Received };
                next.resolved_on = None;
                next.satisfaction = None;
            }
        }
        Ok(next)
    }

    fn paused_on(&self, day: NaiveDate) -> bool {
        self.pauses.iter().any(|p| day >= p.from && p.to.is_none_or(|to| day < to))
    }

    /// The day the time limit runs out: `time_limit` working days after the day it was raised,
    /// days paused not counted. `None` while paused (the clock is stopped).
    pub fn due(&self, calendar: &WorkCalendar) -> Option<NaiveDate> {
        self.working_days_after(self.time_limit, calendar)
    }

    /// When it goes up (督办): some working days after the due date.
    pub fn escalation(&self, calendar: &WorkCalendar) -> Option<NaiveDate> {
        self.working_days_after(self.time_limit + ESCALATION_AFTER, calendar)
    }

    fn working_days_after(&self, days: u32, calendar: &WorkCalendar) -> Option<NaiveDate> {
        if self.paused() {
            return None;
        }
        calendar.working_days_after(self.raised_on, days, |day| self.paused_on(day))
    }

    /// Working days it took (or has taken by `today`), paused days not counted.
    pub fn working_days(&self, today: NaiveDate, calendar: &WorkCalendar) -> u32 {
        let end = self.resolved_on.unwrap_or(today);
        let mut day = self.raised_on;
        let mut counted = 0;
        while day < end {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if calendar.workday(day) && !self.paused_on(day) {
                counted += 1;
            }
        }
        counted
    }

    /// Open past its due date.
    pub fn overdue(&self, today: NaiveDate, calendar: &WorkCalendar) -> bool {
        self.status.is_open() && self.due(calendar).is_some_and(|d| today > d)
    }

    /// Open past its escalation date.
    pub fn escalated(&self, today: NaiveDate, calendar: &WorkCalendar) -> bool {
        self.status.is_open() && self.escalation(calendar).is_some_and(|d| today > d)
    }

    /// Resolved by its due date.
    pub fn on_time(&self, calendar: &WorkCalendar) -> Option<bool> {
        let resolved = self.resolved_on?;
        Some(self.due(calendar).is_none_or(|d| resolved <= d))
    }
}

/// A department's figures over some requests.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub received: usize,
    pub open: usize,
    pub overdue: usize,
    pub resolved: usize,
    /// The median working days from raised to resolved.
    pub median_days: Option<f64>,
    /// Resolved on time over everything that should be done by now: the resolved, and the open
    /// ones already overdue (counted late).
    pub on_time_rate: Option<f64>,
    /// Satisfied (4 or 5) over those who gave a score.
    pub satisfaction_rate: Option<f64>,
    pub declines: usize,
}

/// The figures of `requests` on `today`; `declines` is how many times they were given back.
pub fn figures<'a>(
    requests: impl IntoIterator<Item = &'a Request>,
    declines: usize,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Figures {
    let mut f = Figures { declines, ..Figures::default() };
    let mut days = Vec::new();
    let (mut on_time, mut late) = (0usize, 0usize);
    let (mut scored, mut satisfied) = (0usize, 0usize);
    for r in requests {
        f.received += 1;
        if r.status.is_open() {
            f.open += 1;
            if r.overdue(today, calendar) {
                f.overdue += 1;
                late += 1;
            }
        } else {
            f.resolved += 1;
            days.push(r.working_days(today, calendar) as f64);
            match r.on_time(calendar) {
                Some(true) => on_time += 1,
                Some(false) => late += 1,
                None => {}
            }
        }
        if let Some(s) = r.satisfaction {
            scored += 1;
            if s >= 4 {
                satisfied += 1;
            }
        }
    }
    days.sort_by(f64::total_cmp);
    f.median_days = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2]),
        n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    };
    f.on_time_rate = (on_time + late > 0).then(|| on_time as f64 / (on_time + late) as f64);
    f.satisfaction_rate = (scored > 0).then(|| satisfied as f64 / scored as f64);
    f
}

// The service week's plan, as stored and shown (made by `advisory::week`).

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Half {
        Morning = ("am", "上午", "Morning"),
        Afternoon = ("pm", "下午", "Afternoon"),
    }
}

/// A half-day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct When {
    pub day: NaiveDate,
    pub half: Half,
}

crate::labelled_enum! {
    /// What is held at the community centre during the week.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Session {
        Briefing = ("briefing", "政策说明会", "Briefing"),
        Training = ("training", "培训讲座", "Training"),
    }
}

/// Where a department is in a half-day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Place {
    /// At these companies, in this order.
    Companies(Vec<CompanyId>),
    /// At the community centre, for a briefing or a training talk.
    Centre(Session),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub when: When,
    pub department: i64,
    pub place: Place,
    /// The requests the slot serves.
    pub requests: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn request(raised: NaiveDate, limit: u32) -> Request {
        Request { raised_on: raised, time_limit: limit, ..Request::default() }
    }

    #[test]
    fn deadlines_count_working_days_across_holidays_and_worked_saturdays() {
        let calendar = WorkCalendar::default();
        // Raised Friday 26 September 2025: Sunday 28 September is worked for National Day, 1–8
        // October are off, Saturday 11 October is worked. Five working days: 28, 29, 30
        // September, 9 and 10 October.
        assert_eq!(request(day(9, 26), 5).due(&calendar), Some(day(10, 10)));
        assert_eq!(request(day(9, 26), 6).due(&calendar), Some(day(10, 11)), "the worked Saturday counts");
        // An ordinary week: Monday plus three is Thursday.
        assert_eq!(request(day(3, 3), 3).due(&calendar), Some(day(3, 6)));
        // Escalation five working days after the due date: overdue from the day after it is due,
        // escalated from the day after that.
        let mut open = request(day(3, 3), 3);
        open.status = Status::InProgress;
        assert_eq!(open.escalation(&calendar), Some(day(3, 13)));
        assert!(!open.overdue(day(3, 6), &calendar) && open.overdue(day(3, 7), &calendar));
        assert!(!open.escalated(day(3, 13), &calendar) && open.escalated(day(3, 14), &calendar));
        let done = Request { status: Status::Resolved, ..open };
        assert!(!done.escalated(day(3, 20), &calendar), "a resolved request is not escalated");
    }

    #[test]
    fn paused_days_do_not_count_and_a_running_pause_stops_the_clock() {
        let calendar = WorkCalendar::default();
        let mut r = request(day(3, 3), 3);
        r.status = Status::Assigned;
        let paused = r.apply(&Step::Pause { on: day(3, 4), reason: "等企业补材料".into() }).unwrap();
        assert_eq!(paused.due(&calendar), None, "the clock stops");
        let resumed = paused.apply(&Step::Resume { on: day(3, 11) }).unwrap();
        // Paused from the 4th until the 11th: the 11th, 12th and 13th count.
        assert_eq!(resumed.due(&calendar), Some(day(3, 13)));
        assert!(r.apply(&Step::Pause { on: day(3, 4), reason: " ".into() }).is_err(), "a reason");
        assert_eq!(resumed.apply(&Step::Resume { on: day(3, 12) }), Err(StepError::Pause));
    }

    #[test]
    fn the_status_machine_refuses_illegal_steps_and_declines_come_back_to_the_secretary() {
        let r = request(day(3, 3), 15);
        assert_eq!(r.apply(&Step::Start), Err(StepError::NotAllowed { from: Status::Received }));
        let assigned = r.apply(&Step::Assign { department: 1 }).unwrap();
        assert_eq!(assigned.apply(&Step::Decline { reason: "".into() }), Err(StepError::ReasonRequired));
        let declined = assigned.apply(&Step::Decline { reason: "不属本局职责".into() }).unwrap();
        assert_eq!((declined.status, declined.department), (Status::Received, None), "never lost between desks");
        let moved = assigned.apply(&Step::Reroute { department: 2, reason: "属税务".into() }).unwrap();
        assert_eq!(moved.department, Some(2));
        assert_eq!(moved.apply(&Step::Reroute { department: 2, reason: "x".into() }), Err(StepError::SameDepartment));
        let resolved =
            moved.apply(&Step::Start).unwrap().apply(&Step::Resolve { on: day(3, 10), note: String::new() }).unwrap();
        assert_eq!(
            resolved.apply(&Step::Confirm { satisfaction: 6, comment: String::new() }),
            Err(StepError::Satisfaction)
        );
        let confirmed = resolved.apply(&Step::Confirm { satisfaction: 5, comment: "很快".into() }).unwrap();
        let reopened = confirmed.apply(&Step::Reopen { reason: "问题复发".into() }).unwrap();
        assert_eq!((reopened.status, reopened.resolved_on, reopened.satisfaction), (Status::Assigned, None, None));
    }

    #[test]
    fn the_on_time_rate_counts_open_overdue_requests_as_late() {
        let calendar = WorkCalendar::default();
        let today = day(4, 30);
        let done = |raised, resolved, satisfaction| Request {
            status: Status::Confirmed,
            resolved_on: Some(resolved),
            satisfaction: Some(satisfaction),
            ..request(raised, 5)
        };
        let open_overdue = Request { status: Status::InProgress, ..request(day(3, 3), 5) };
        let open_in_time = Request { status: Status::Assigned, ..request(day(4, 28), 5) };
        let requests = [done(day(3, 3), day(3, 7), 5), done(day(3, 3), day(3, 20), 3), open_overdue, open_in_time];
        let f = figures(&requests, 1, today, &calendar);
        assert_eq!((f.received, f.open, f.overdue, f.resolved, f.declines), (4, 2, 1, 2, 1));
        assert_eq!(f.on_time_rate, Some(1.0 / 3.0), "one on time; one late; one open and overdue");
        assert_eq!(f.satisfaction_rate, Some(0.5));
        assert_eq!(f.median_days, Some((4.0 + 13.0) / 2.0));
    }
}
