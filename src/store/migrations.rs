//! Numbered schema migrations. Each is applied in its own write transaction, taken before the
//! version is read, so two programs opening an old file at once never both run one; SQLite's
//! `user_version` records how far a file has come, and `application_id` marks it as Qilian's.
//! Never edit a released migration: add one.

use rusqlite::{Connection, TransactionBehavior};

const V1_FOUNDATION: &str = r#"
CREATE TABLE zones (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE companies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (name <> ''),
    short_name      TEXT NOT NULL DEFAULT '',
    credit_code     TEXT NOT NULL DEFAULT '' CHECK (credit_code = '' OR length(credit_code) = 18),
    zone_id         INTEGER REFERENCES zones(id),
    address         TEXT NOT NULL DEFAULT '',
    x_m             REAL NOT NULL DEFAULT 0,
    y_m             REAL NOT NULL DEFAULT 0,
    industry        TEXT NOT NULL DEFAULT '',
    ownership       TEXT NOT NULL DEFAULT '',
    employees       INTEGER NOT NULL DEFAULT 0 CHECK (employees >= 0),
    status          TEXT NOT NULL DEFAULT 'active',
    join_date       TEXT,
    stars           INTEGER NOT NULL DEFAULT 0 CHECK (stars BETWEEN 0 AND 5),
    contact_person  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    search_key      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at      TEXT
);
-- A credit code identifies one company, deleted ones included, so that restoring never collides.
CREATE UNIQUE INDEX companies_credit_code ON companies(credit_code) WHERE credit_code <> '';
CREATE INDEX companies_zone ON companies(zone_id);

CREATE TABLE products (
    id               INTEGER PRIMARY KEY,
    company_id       INTEGER NOT NULL REFERENCES companies(id),
    name             TEXT NOT NULL CHECK (name <> ''),
    category         TEXT NOT NULL DEFAULT '',
    spec             TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL DEFAULT '',
    unit_price       REAL CHECK (unit_price >= 0),
    annual_capacity  REAL CHECK (annual_capacity >= 0),
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at       TEXT
);
CREATE INDEX products_company ON products(company_id);

CREATE TABLE needs (
    id                INTEGER PRIMARY KEY,
    company_id        INTEGER NOT NULL REFERENCES companies(id),
    item              TEXT NOT NULL CHECK (item <> ''),
    category          TEXT NOT NULL DEFAULT '',
    spec              TEXT NOT NULL DEFAULT '',
    current_supplier  TEXT NOT NULL DEFAULT '',
    supplier_region   TEXT,
    unit              TEXT NOT NULL DEFAULT '',
    unit_price        REAL CHECK (unit_price >= 0),
    annual_quantity   REAL CHECK (annual_quantity >= 0),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at        TEXT
);
CREATE INDEX needs_company ON needs(company_id);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT
);
CREATE INDEX contacts_company ON contacts(company_id);

INSERT INTO zones (name, sort_order) VALUES
    ('第一片区', 1), ('第二片区', 2), ('第三片区', 3), ('第四片区', 4),
    ('第五片区', 5), ('第六片区', 6), ('第七片区', 7);
"#;

/// Column mappings the user corrected by hand, keyed by the sheet's header layout.
const V2_IMPORT_MAPPINGS: &str = r#"
CREATE TABLE import_mappings (
    signature   TEXT PRIMARY KEY,
    mapping     TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
"#;

/// Supplier matching: the synonym groups the secretary edits (seeded with common industrial
/// ones), and what became of each need × product opportunity.
const V3_MATCHING: &str = r#"
CREATE TABLE synonym_groups (
    id          INTEGER PRIMARY KEY,
    words       TEXT NOT NULL CHECK (words <> ''),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT
);

INSERT INTO synonym_groups (words) VALUES
    ('导柱 导套 导柱导套 模具导柱 模具导柱导套 导柱组件 模具标准件'),
    ('顶针 顶杆 模具顶针 推杆 模具标准件'),
    ('模具弹簧 矩形弹簧 模具标准件'),
    ('注塑模具 注塑模 塑料模具 塑胶模具'),
    ('冲压模具 冲压模 五金冲压模 级进模 冲模'),
    ('纸箱 瓦楞纸箱 包装箱 外箱 纸板箱'),
    ('彩盒 彩色包装盒 彩印盒 彩箱'),
    ('托盘 木托盘 栈板 卡板 塑料托盘'),
    ('螺丝 螺钉 螺丝钉 紧固件'),
    ('螺栓 紧固件'),
    ('螺母 螺帽 紧固件'),
    ('冲压件 五金冲压件 钣金件'),
    ('铸件 铸造件 铸铁件 灰铁铸件'),
    ('轴承 深沟球轴承 滚动轴承'),
    ('减速机 减速器 减速箱'),
    ('香精 食用香精 食品香精'),
    ('香精 日化香精 洗涤香精'),
    ('蒸汽 工业蒸汽 热力'),
    ('线路板 电路板 pcb pcb线路板 印制电路板 印刷电路板'),
    ('线束 连接线 电线束 端子线'),
    ('abs abs粒子 abs塑料粒子 塑料粒子'),
    ('塑料外壳 塑胶外壳 塑料壳'),
    ('周转箱 塑料周转箱 物流箱'),
    ('工作服 劳保服 工装 工服'),
    ('整车运输 货运 运输服务 公路运输 物流运输'),
    ('仓储服务 仓储 仓库租赁 仓库出租'),
    ('水处理剂 阻垢剂 缓蚀阻垢剂'),
    ('油墨 水性油墨 印刷油墨'),
    ('模具钢 模具钢材 模具钢板'),
    ('不锈钢板 304不锈钢板 不锈钢卷板'),
    ('叉车 堆高车 电动叉车'),
    ('手套 劳保手套 防护手套'),
    ('胶带 封箱胶带 透明胶带 胶纸'),
    ('标签 不干胶标签 不干胶'),
    ('焊丝 二保焊丝 气保焊丝 实心焊丝'),
    ('液压油 抗磨液压油');

CREATE TABLE opportunities (
    id                      INTEGER PRIMARY KEY,
    need_id                 INTEGER NOT NULL REFERENCES needs(id),
    product_id              INTEGER NOT NULL REFERENCES products(id),
    stage                   TEXT NOT NULL,
    introduced_on           TEXT,
    note                    TEXT NOT NULL DEFAULT '',
    trial_on                TEXT,
    contracted_on           TEXT,
    agreed_unit_price       REAL CHECK (agreed_unit_price >= 0),
    agreed_annual_quantity  REAL CHECK (agreed_annual_quantity >= 0),
    baseline_unit_price     REAL CHECK (baseline_unit_price >= 0),
    declined_reason         TEXT NOT NULL DEFAULT '',
    dismissed_fingerprint   TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (need_id, product_id)
);
CREATE INDEX opportunities_product ON opportunities(product_id);
"#;

/// Zones can be deleted (when no company is in them) and restored.
const V4_ZONE_RECYCLE_BIN: &str = r#"
ALTER TABLE zones ADD COLUMN deleted_at TEXT;
"#;

/// The federation's own settings (where the park is), and how the user said to read values an
/// import did not recognise (北仑 as a supplier region, 民企 as an ownership…).
const V5_SETTINGS_AND_VALUE_MAPPINGS: &str = r#"
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE value_mappings (
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    meaning     TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (field, value)
);
"#;

/// The monthly exchange visits: one row a month with its host (the year plan, and once held, the
/// record of who hosted when); the months a company cannot host; who was invited to and who
/// attended each visit, and their feedback forms (反馈表); the log of every change to a published month, with its reason; and the
/// official days off and worked weekends the secretary enters for years the calendar lacks.
const V6_VISITS: &str = r#"
CREATE TABLE visits (
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    host_id     INTEGER REFERENCES companies(id),
    date        TEXT,
    reasons     TEXT NOT NULL DEFAULT '',
    published   INTEGER NOT NULL DEFAULT 0,
    pinned      INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (year, month)
);
CREATE INDEX visits_host ON visits (host_id);

CREATE TABLE host_unavailable (
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    PRIMARY KEY (company_id, month)
);

CREATE TABLE visit_guests (
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    invited     INTEGER NOT NULL DEFAULT 0,
    attended    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (year, month, company_id)
);
CREATE INDEX visit_guests_company ON visit_guests (company_id);

CREATE TABLE visit_feedback (
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    question    TEXT NOT NULL,
    score       INTEGER CHECK (score BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (year, month, company_id, question)
);

CREATE TABLE holidays (
    date        TEXT PRIMARY KEY,
    workday     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE visit_changes (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL,
    old_host_id INTEGER REFERENCES companies(id),
    new_host_id INTEGER REFERENCES companies(id),
    reason      TEXT NOT NULL,
    changed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
"#;

/// A visit's time, place, theme and agenda, and each invited member's reply; what a visit leaves to do (跟进事项); the federation's other events (briefings, council
/// meetings, training); the annual exhibition with its booths, the products at each, and the
/// leads and deals made there. Deleted follow-ups, events and leads keep their row until restored.
const V7_FOLLOW_UPS_EVENTS_EXHIBITION: &str = r#"
CREATE TABLE visit_followups (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    action      TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT,
    company_a   INTEGER REFERENCES companies(id),
    company_b   INTEGER REFERENCES companies(id),
    introduced  INTEGER NOT NULL DEFAULT 0,
    done        INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT
);
CREATE INDEX visit_followups_month ON visit_followups (year, month);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT
);
CREATE INDEX events_start ON events (start_date);

CREATE TABLE exhibitions (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    start_date  TEXT,
    end_date    TEXT,
    place       TEXT NOT NULL DEFAULT '',
    rows        INTEGER NOT NULL CHECK (rows BETWEEN 1 AND 26),
    cols        INTEGER NOT NULL CHECK (cols BETWEEN 1 AND 26),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE booths (
    exhibition_id INTEGER NOT NULL REFERENCES exhibitions(id),
    row           INTEGER NOT NULL,
    col           INTEGER NOT NULL,
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    PRIMARY KEY (exhibition_id, row, col),
    UNIQUE (exhibition_id, company_id)
);

CREATE TABLE booth_products (
    exhibition_id INTEGER NOT NULL REFERENCES exhibitions(id),
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    product_id    INTEGER NOT NULL REFERENCES products(id),
    PRIMARY KEY (exhibition_id, company_id, product_id)
);

CREATE TABLE exhibition_leads (
    id            INTEGER PRIMARY KEY,
    exhibition_id INTEGER NOT NULL REFERENCES exhibitions(id),
    exhibitor_id  INTEGER NOT NULL REFERENCES companies(id),
    visitor_id    INTEGER REFERENCES companies(id),
    visitor_name  TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('lead', 'deal')),
    amount        REAL CHECK (amount >= 0),
    note          TEXT NOT NULL DEFAULT '',
    need_id       INTEGER REFERENCES needs(id),
    product_id    INTEGER REFERENCES products(id),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at    TEXT
);
CREATE INDEX exhibition_leads_exhibition ON exhibition_leads (exhibition_id);

ALTER TABLE visit_guests ADD COLUMN reply TEXT NOT NULL DEFAULT 'awaiting';
ALTER TABLE visits ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN theme TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN agenda TEXT NOT NULL DEFAULT '';
"#;

/// The quarterly skills contests: contests, events with their rules (criteria as JSON, tie-breaks
/// and award counts as lists), entries with their running order, judges, panels and the entries a
/// judge does not see, scores, the judges' sheets and every correction to a returned one, draws.
const V8_CONTESTS: &str = r#"
CREATE TABLE contests (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    title       TEXT NOT NULL,
    date        TEXT,
    place       TEXT NOT NULL DEFAULT '',
    industries  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (year, quarter)
);

CREATE TABLE contest_events (
    id           INTEGER PRIMARY KEY,
    contest_id   INTEGER NOT NULL REFERENCES contests(id),
    name         TEXT NOT NULL,
    criteria     TEXT NOT NULL,
    aggregation  TEXT NOT NULL,
    drop_from    INTEGER NOT NULL,
    disagreement REAL NOT NULL,
    tie_breaks   TEXT NOT NULL,
    awards       TEXT NOT NULL,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
);
CREATE INDEX contest_events_contest ON contest_events (contest_id);

CREATE TABLE contest_entries (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES contest_events(id),
    company_id   INTEGER NOT NULL REFERENCES companies(id),
    contestant   TEXT NOT NULL,
    employee_no  TEXT NOT NULL DEFAULT '',
    trade        TEXT NOT NULL DEFAULT '',
    time_seconds REAL CHECK (time_seconds >= 0),
    run_order    INTEGER,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
);
CREATE INDEX contest_entries_event ON contest_entries (event_id);

CREATE TABLE contest_judges (
    id          INTEGER PRIMARY KEY,
    contest_id  INTEGER NOT NULL REFERENCES contests(id),
    name        TEXT NOT NULL,
    company_id  INTEGER REFERENCES companies(id),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT
);

CREATE TABLE judge_panels (
    event_id    INTEGER NOT NULL REFERENCES contest_events(id),
    judge_id    INTEGER NOT NULL REFERENCES contest_judges(id),
    PRIMARY KEY (event_id, judge_id)
);

CREATE TABLE judge_skips (
    judge_id    INTEGER NOT NULL REFERENCES contest_judges(id),
    entry_id    INTEGER NOT NULL REFERENCES contest_entries(id),
    PRIMARY KEY (judge_id, entry_id)
);

CREATE TABLE contest_scores (
    event_id    INTEGER NOT NULL REFERENCES contest_events(id),
    entry_id    INTEGER NOT NULL REFERENCES contest_entries(id),
    judge_id    INTEGER NOT NULL REFERENCES contest_judges(id),
    criterion   INTEGER NOT NULL,
    value       REAL NOT NULL CHECK (value >= 0),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (entry_id, judge_id, criterion)
);
CREATE INDEX contest_scores_event ON contest_scores (event_id);

CREATE TABLE score_sheets (
    event_id    INTEGER NOT NULL REFERENCES contest_events(id),
    judge_id    INTEGER NOT NULL REFERENCES contest_judges(id),
    state       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    changed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (event_id, judge_id)
);

CREATE TABLE score_corrections (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES contest_events(id),
    entry_id      INTEGER NOT NULL REFERENCES contest_entries(id),
    judge_id      INTEGER NOT NULL REFERENCES contest_judges(id),
    criterion     INTEGER NOT NULL,
    old_value     REAL,
    new_value     REAL,
    reason        TEXT NOT NULL,
    corrected_by  TEXT NOT NULL,
    corrected_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE contest_draws (
    event_id    INTEGER PRIMARY KEY REFERENCES contest_events(id),
    seed        INTEGER NOT NULL,
    drawn_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
"#;

/// The advisory group: its departments (seeded with the 17 of SPEC), which department owns each
/// category of request and in how many working days, the requests with their pauses, every step
/// of every request, and the service weeks with their half-day slots.
const V9_ADVISORY: &str = r#"
CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL,
    contacts    TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE category_routes (
    category      TEXT PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    time_limit    INTEGER NOT NULL DEFAULT 15 CHECK (time_limit BETWEEN 1 AND 365),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE requests (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    category      TEXT NOT NULL,
    description   TEXT NOT NULL,
    raised_on     TEXT NOT NULL,
    raised_by     TEXT NOT NULL DEFAULT '',
    channel       TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    status        TEXT NOT NULL,
    time_limit    INTEGER NOT NULL,
    pauses        TEXT NOT NULL DEFAULT '[]',
    resolved_on   TEXT,
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    comment       TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX requests_department ON requests (department_id);
CREATE INDEX requests_company ON requests (company_id);

CREATE TABLE request_history (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES requests(id),
    at            TEXT NOT NULL,
    who           TEXT NOT NULL,
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    step          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_history_request ON request_history (request_id);

CREATE TABLE service_weeks (
    id          INTEGER PRIMARY KEY,
    week_of     TEXT NOT NULL UNIQUE,
    departments TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE service_slots (
    id            INTEGER PRIMARY KEY,
    week_id       INTEGER NOT NULL REFERENCES service_weeks(id),
    day           TEXT NOT NULL,
    half          TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    companies     TEXT NOT NULL DEFAULT '',
    requests      TEXT NOT NULL DEFAULT '',
    attended      INTEGER
);
CREATE INDEX service_slots_week ON service_slots (week_id);

INSERT INTO departments (id, name, short_name) VALUES
    (1, '区人力资源和社会保障局（劳动局）', '人社局'),
    (2, '区财政局', '财政局'),
    (3, '区科技和工业信息化局（科工局）', '科工局'),
    (4, '区总工会', '总工会'),
    (5, '区税务局', '税务局'),
    (6, '区市场监督管理局', '市场监管局'),
    (7, '区应急管理局', '应急管理局'),
    (8, '区消防救援大队', '消防大队'),
    (9, '市生态环境局北仑分局', '生态环境分局'),
    (10, '市自然资源和规划局北仑分局', '自然资源分局'),
    (11, '区住房和城乡建设局', '住建局'),
    (12, '区商务局', '商务局'),
    (13, '区发展和改革局', '发改局'),
    (14, '区委人才工作领导小组办公室', '人才办'),
    (15, '市公安局北仑分局', '公安分局'),
    (16, '区卫生健康局', '卫健局'),
    (17, '区交通运输局', '交通局');

INSERT INTO category_routes (category, department_id) VALUES
    ('用工招聘', 1),
    ('劳动关系', 1),
    ('社会保险', 1),
    ('技能培训补贴', 1),
    ('财政补助资金', 2),
    ('政府采购', 2),
    ('技术改造', 3),
    ('科技项目申报', 3),
    ('工业用电', 3),
    ('职工权益', 4),
    ('职工文体活动', 4),
    ('税收政策', 5),
    ('发票办理', 5),
    ('出口退税', 5),
    ('执照变更', 6),
    ('产品质量', 6),
    ('计量检测', 6),
    ('知识产权', 6),
    ('安全生产', 7),
    ('危险化学品', 7),
    ('消防验收', 8),
    ('消防安全检查', 8),
    ('环评审批', 9),
    ('排污许可', 9),
    ('用地审批', 10),
    ('规划许可', 10),
    ('厂房建设审批', 11),
    ('职工住房', 11),
    ('外贸进出口', 12),
    ('展会补贴', 12),
    ('项目立项备案', 13),
    ('能耗指标', 13),
    ('人才引进', 14),
    ('人才公寓', 14),
    ('治安环境', 15),
    ('外籍员工证件', 15),
    ('职业病防治', 16),
    ('员工体检', 16),
    ('道路运输', 17),
    ('公交线路', 17),
    ('货车通行', 17);
"#;

const ALL: &[&str] = &[
    V1_FOUNDATION,
    V2_IMPORT_MAPPINGS,
    V3_MATCHING,
    V4_ZONE_RECYCLE_BIN,
    V5_SETTINGS_AND_VALUE_MAPPINGS,
    V6_VISITS,
    V7_FOLLOW_UPS_EVENTS_EXHIBITION,
    V8_CONTESTS,
    V9_ADVISORY,
    V10_DECKS,
    V11_VISIT_ARRANGEMENT_CHANGES,
    V12_SHEET_RETURNS,
    V13_CENTRE_SESSIONS_AND_HOSTING,
];

/// Version 10: the meetings' decks (会议投屏), one for each kind of meeting to start with.
const V10_DECKS: &str = r#"
CREATE TABLE decks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    meeting     TEXT NOT NULL,
    -- slide codes, in order, comma-separated
    slides      TEXT NOT NULL,
    zone_id     INTEGER REFERENCES zones(id),
    personal    INTEGER NOT NULL DEFAULT 0,
    deleted_at  TEXT,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX decks_live_name ON decks(name) WHERE deleted_at IS NULL;
INSERT INTO decks (name, meeting, slides) VALUES
    ('理事会', 'council',
     'title,glance,zones,industries,savings,savings-trend,pairs-map,requests,departments,request-trend,leaderboard'),
    ('月度互访会', 'visit', 'title,visit,savings,pairs-map'),
    ('季度比武', 'contest', 'title,leaderboard'),
    ('服务周', 'service-week', 'title,service-week,requests,departments,request-trend');
"#;

/// Version 11: a published visit's change log also keeps changes to its day and arrangements
/// (the host's changes keep these empty).
const V11_VISIT_ARRANGEMENT_CHANGES: &str = r#"
ALTER TABLE visit_changes ADD COLUMN old_date TEXT;
ALTER TABLE visit_changes ADD COLUMN new_date TEXT;
-- the arrangements changed besides the day: codes, comma-separated
ALTER TABLE visit_changes ADD COLUMN arrangements TEXT NOT NULL DEFAULT '';
"#;

/// Version 12: every return of a signed score sheet, with its reason (a sheet keeps only its
/// latest).
const V12_SHEET_RETURNS: &str = r#"
CREATE TABLE sheet_returns (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES contest_events(id),
    judge_id    INTEGER NOT NULL REFERENCES contest_judges(id),
    reason      TEXT NOT NULL,
    returned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
"#;

/// Version 13: what a service-week slot at the centre holds (a briefing or a training talk; the
/// slots before were all briefings), and how many departments a company can receive in one
/// half-day where the secretary has said (two otherwise).
const V13_CENTRE_SESSIONS_AND_HOSTING: &str = r#"
ALTER TABLE service_slots ADD COLUMN session TEXT NOT NULL DEFAULT 'briefing';
CREATE TABLE hosting_capacity (
    company_id  INTEGER PRIMARY KEY REFERENCES companies(id),
    departments INTEGER NOT NULL CHECK (departments >= 1)
);
"#;

/// "QILN": what `PRAGMA application_id` says in a Qilian file.
pub const APPLICATION_ID: i32 = 0x5149_4C4E;

/// The schema version this build writes; a database with a higher one is refused.
pub fn latest_version() -> i64 {
    ALL.len() as i64
}

/// The schema as an earlier version of Qilian made it, for tests of upgrading old files.
#[cfg(test)]
pub(super) fn schema_of_version(version: usize) -> String {
    ALL[..version].concat()
}

/// Brings the file to the latest schema, one migration per transaction, and marks it as Qilian's.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let id: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id != APPLICATION_ID {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        let Some(sql) = usize::try_from(version).ok().and_then(|v| ALL.get(v)) else {
            return tx.commit();
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_run_once_and_mark_the_file() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrate(&mut conn).unwrap();
        super::migrate(&mut conn).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, super::latest_version());
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(id, super::APPLICATION_ID);
    }
}
