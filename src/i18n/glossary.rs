//! The words every screen shares, one English word for each Chinese one, so 状态 reads "Status"
//! on every screen and a button says the same thing wherever it stands.

use super::Phrase;

// Nouns.
pub const ZONE: Phrase = Phrase::new("片区", "Zone");
pub const INDUSTRY: Phrase = Phrase::new("行业", "Industry");
pub const STATUS: Phrase = Phrase::new("状态", "Status");
pub const STARS: Phrase = Phrase::new("星级", "Stars");
pub const COMPANY: Phrase = Phrase::new("企业", "Company");
pub const SEARCH: Phrase = Phrase::new("搜索", "Search");
pub const FILE: Phrase = Phrase::new("文件", "File");
pub const RECYCLE_BIN: Phrase = Phrase::new("回收站", "Recycle bin");
pub const ALL: Phrase = Phrase::new("全部", "All");
pub const NONE: Phrase = Phrase::new("（无）", "(none)");
pub const NOT_GIVEN: Phrase = Phrase::new("未填", "not given");
pub const NO_ZONE: Phrase = Phrase::new("（未分片区）", "(no zone)");
pub const UNKNOWN: Phrase = Phrase::new("未知", "unknown");

// Verbs on buttons.
pub const ADD: Phrase = Phrase::new("添加", "Add");
pub const DELETE: Phrase = Phrase::new("删除", "Delete");
pub const RESTORE: Phrase = Phrase::new("恢复", "Restore");
pub const UNDO: Phrase = Phrase::new("撤销", "Undo");
pub const CANCEL: Phrase = Phrase::new("取消", "Cancel");
pub const CLOSE: Phrase = Phrase::new("关闭", "Close");
pub const OK: Phrase = Phrase::new("确定", "OK");
pub const RETRY: Phrase = Phrase::new("重试", "Retry");
pub const DELETED: Phrase = Phrase::new("已删除", "Deleted");
