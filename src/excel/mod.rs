//! Excel exchange: import of messy real sheets with a row-by-row preview, and export of real
//! spreadsheets and blank templates.

pub mod columns;
pub mod export;
pub mod headers;
pub mod import;
pub mod read;
pub mod rejects;
pub mod session;

use crate::i18n::Lang;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ExcelError {
    #[error("cannot read the spreadsheet: {0}")]
    Unreadable(String),
    #[error("the workbook has no sheet named {0}")]
    NoSuchSheet(String),
    #[error("the workbook has no sheets")]
    Empty,
    #[error("the file is too large to be a member list: {} is {found}, at most {max}", limit.label(crate::i18n::Lang::En))]
    TooLarge { limit: read::Limit, found: u64, max: u64 },
    #[error("not a file (a folder, a device or a pipe)")]
    NotAFile,
    #[error("not a spreadsheet (.xlsx, .xls or .ods), whatever its name says")]
    NotASpreadsheet,
    #[error("no header row found")]
    NoHeader,
    #[error("cannot write the spreadsheet: {0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ExcelError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Unreadable(e), Lang::Zh) => format!("无法读取该表格（支持 .xlsx、.xls、.ods）：{e}"),
            (Self::NoSuchSheet(s), Lang::Zh) => format!("工作簿中没有名为“{s}”的工作表"),
            (Self::Empty, Lang::Zh) => "工作簿中没有工作表".into(),
            (Self::TooLarge { limit, found, max }, Lang::Zh) => format!(
                "文件超出了成员名单应有的规模，未导入：{}为 {found}，上限 {max}。请检查是否选错了文件，或删去远离数据的空白格式区域后另存。",
                limit.label(Lang::Zh)
            ),
            (Self::NotAFile, Lang::Zh) => "所选的不是普通文件（是文件夹、设备或管道），无法读取。".into(),
            (Self::NotASpreadsheet, Lang::Zh) => {
                "该文件不是表格文件（.xlsx、.xls、.ods），不论扩展名是什么；请在 Excel 中另存为 .xlsx 后再导入。".into()
            }
            (Self::NoHeader, Lang::Zh) => {
                "前 30 行中找不到表头（如“企业名称”“统一社会信用代码”“片区”），请检查表格或手动指定列".into()
            }
            (Self::Write(e), Lang::Zh) => format!("无法写入表格：{e}（文件是否正在 Excel 中打开？）"),
            (Self::Store(e), lang) => e.message(lang),
            (other, Lang::En) => {
                let mut text = other.to_string();
                if let Some(first) = text.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                text
            }
        }
    }
}
