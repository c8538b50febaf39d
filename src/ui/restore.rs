//! 从备份恢复: the federation's backups with when and why each was taken and how many member
//! companies it holds; one is restored after the user confirms, the current state backed up
//! first. Listing (which opens every backup) and restoring run as jobs.

use super::table::{self, ColumnSpec};
use super::theme::{size, space};
use super::widgets;
use crate::i18n::{Lang, Text, format};
use crate::jobs::{Job, Jobs};
use crate::store::StoreError;
use crate::store::backup::{self, BackupContents, BackupInfo};
use crate::tr;
use std::path::PathBuf;

/// A backup as listed: what its name says, and what opening it found.
pub struct Listed {
    pub info: BackupInfo,
    pub contents: Result<BackupContents, StoreError>,
}

pub enum RestoreEvent {
    /// The federation was replaced by `from`; what it held before is in `saved`.
    Restored {
        from: BackupInfo,
        saved: BackupInfo,
    },
    Failed(Text),
}

/// A store or job error, as the user reads it.
fn failure(message: impl Fn(Lang) -> String) -> Text {
    Text::from_fn(message)
}

pub struct RestoreDialog {
    pub open: bool,
    db: PathBuf,
    listing: Option<Job<Result<Vec<Listed>, StoreError>>>,
    backups: Option<Result<Vec<Listed>, Text>>,
    selected: Option<usize>,
    /// The user asked to restore the selected backup and is being asked to confirm.
    confirming: bool,
    start_restore: bool,
    restoring: Option<(Job<Result<BackupInfo, StoreError>>, BackupInfo)>,
}

impl RestoreDialog {
    pub fn new(db: PathBuf) -> Self {
        Self {
            open: true,
            db,
            listing: None,
            backups: None,
            selected: None,
            confirming: false,
            start_restore: false,
            restoring: None,
        }
    }

    pub fn backups(&self) -> Option<&[Listed]> {
        self.backups.as_ref().and_then(|b| b.as_ref().ok()).map(Vec::as_slice)
    }

    pub fn is_busy(&self) -> bool {
        self.listing.is_some() || self.restoring.is_some()
    }

    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) {
        let mut open = self.open;
        let dialog = widgets::dialog(lang.pick("从备份恢复", "Restore from a backup"), ctx);
        // Wide enough for the time, the reason, the count and the size side by side.
        dialog.default_width(size::RESTORE_DIALOG_WIDTH).open(&mut open).show(ctx, |ui| {
            let Self { backups, selected, confirming, start_restore, restoring, listing, .. } = self;
            ui.label(lang.pick(
                "企联每天首次打开时、每次导入前和恢复前都会自动备份。恢复会用所选备份替换当前数据；当前数据会先备份，可再恢复回来。",
                "Qilian backs up automatically on the first opening each day, before every import and before a restore. Restoring replaces the current data with the chosen backup; the current data is backed up first and can be restored in turn.",
            ));
            ui.add_space(space::M);
            if let Some((_, from)) = restoring {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!(lang, "正在恢复到 {} 的备份…", "Restoring the backup of {}…", stamp(from)));
                });
                return;
            }
            match backups {
                None if listing.is_some() => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(lang.pick("正在读取备份…", "Reading the backups…"));
                    });
                }
                None => {}
                Some(Err(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e.get(lang));
                }
                Some(Ok(list)) if list.is_empty() => {
                    ui.label(lang.pick("还没有备份。", "There are no backups yet."));
                }
                Some(Ok(list)) => {
                    if backup_table(ui, list, selected, lang) {
                        *confirming = false;
                    }
                    ui.add_space(space::M);
                    let chosen = selected.and_then(|i| list.get(i)).filter(|l| l.contents.is_ok());
                    match chosen {
                        Some(listed) if *confirming => {
                            let companies = listed.contents.as_ref().map_or(0, |c| c.companies);
                            ui.label(tr!(
                                lang,
                                "确定用 {} 的备份（{} 家企业）替换当前数据吗？当前数据会先备份。",
                                "Replace the current data with the backup of {} ({} companies)? The current data is backed up first.",
                                stamp(&listed.info),
                                format::count(companies as usize)
                            ));
                            ui.horizontal(|ui| {
                                if ui.button(lang.pick("确定恢复", "Restore")).clicked() {
                                    *start_restore = true;
                                }
                                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                                    *confirming = false;
                                }
                            });
                        }
                        _ => {
                            let button = egui::Button::new(lang.pick("恢复所选备份…", "Restore the chosen backup…"));
                            if ui.add_enabled(chosen.is_some(), button).clicked() {
                                *confirming = true;
                            }
                        }
                    }
                }
            }
        });
        self.open = open;
    }

    /// After drawing: starts what was asked for and takes in what finished.
    pub fn apply(&mut self, jobs: &mut Jobs) -> Option<RestoreEvent> {
        if self.backups.is_none() && self.listing.is_none() {
            let db = self.db.clone();
            match jobs.spawn("qilian-backups", Text::new("读取备份", "Reading backups"), false, move |_| list(&db))
            {
                Ok(job) => self.listing = Some(job),
                Err(e) => self.backups = Some(Err(failure(|l| e.message(l)))),
            }
        }
        if let Some(result) = self.listing.as_ref().and_then(Job::poll) {
            self.listing = None;
            self.backups = Some(match result {
                Ok(Ok(list)) => Ok(list),
                Ok(Err(e)) => Err(failure(|l| e.message(l))),
                Err(e) => Err(failure(|l| e.message(l))),
            });
        }
        if std::mem::take(&mut self.start_restore)
            && let Some(listed) = self.selected.and_then(|i| self.backups().and_then(|b| b.get(i)))
        {
            let (db, from) = (self.db.clone(), listed.info.clone());
            let source = from.path.clone();
            let label = Text::new("从备份恢复", "Restoring a backup");
            match jobs.spawn("qilian-restore", label, false, move |_| backup::restore(&db, &source)) {
                Ok(job) => self.restoring = Some((job, from)),
                Err(e) => return Some(RestoreEvent::Failed(failure(|l| e.message(l)))),
            }
        }
        let (job, _) = self.restoring.as_ref()?;
        let result = job.poll()?;
        let (_, from) = self.restoring.take()?;
        self.open = false;
        Some(match result {
            Ok(Ok(saved)) => RestoreEvent::Restored { from, saved },
            Ok(Err(e)) => RestoreEvent::Failed(failure(|l| e.message(l))),
            Err(e) => RestoreEvent::Failed(failure(|l| e.message(l))),
        })
    }
}

/// Every backup of `db`, newest first, each opened to count its companies.
fn list(db: &std::path::Path) -> Result<Vec<Listed>, StoreError> {
    Ok(backup::list(db)?.into_iter().map(|info| Listed { contents: backup::inspect(&info.path), info }).collect())
}

/// When a backup was taken, to the minute.
pub fn stamp(info: &BackupInfo) -> String {
    info.taken.format("%Y-%m-%d %H:%M").to_string()
}

/// The table of backups; true when the selection changed.
fn backup_table(ui: &mut egui::Ui, list: &[Listed], selected: &mut Option<usize>, lang: Lang) -> bool {
    let before = *selected;
    let specs = [
        ColumnSpec::key(lang.pick("备份时间", "Taken"), 160.0, 150.0),
        ColumnSpec::key(lang.pick("原因", "Why"), 110.0, 90.0),
        ColumnSpec::key(lang.pick("成员企业", "Companies"), 90.0, 80.0).numeric(),
        ColumnSpec::optional(lang.pick("大小", "Size"), 90.0, 70.0, 1).numeric(),
    ];
    let fitted = table::fit(&specs, ui.available_width(), ui.spacing().item_spacing.x);
    let height = (ui.ctx().content_rect().height() * 0.5).max(size::ROW_HEIGHT * 4.0);
    table::builder(ui, "backups", &fitted)
        .max_scroll_height(height)
        .header(table::HEADER_HEIGHT, |mut header| table::plain_header(&mut header, &specs, &fitted))
        .body(|body| {
            body.rows(size::ROW_HEIGHT, list.len(), |mut row| {
                let index = row.index();
                let listed = &list[index];
                row.set_selected(*selected == Some(index));
                for &(i, _) in &fitted {
                    row.col(|ui| match (i, &listed.contents) {
                        (0, _) => table::cell(ui, stamp(&listed.info), false),
                        (1, _) => table::cell(ui, listed.info.reason.label(lang), false),
                        (2, Ok(c)) => table::cell(ui, format::count(c.companies as usize), true),
                        (2, Err(e)) => {
                            let unreadable = egui::RichText::new(lang.pick("无法读取", "Unreadable"));
                            table::cell(ui, unreadable.color(ui.visuals().error_fg_color), true);
                            ui.response().on_hover_text(e.message(lang));
                        }
                        _ => table::cell(ui, format!("{:.1} MB", listed.info.bytes as f64 / 1_048_576.0), true),
                    });
                }
                if row.response().clicked() {
                    *selected = Some(index);
                }
            });
        });
    *selected != before
}
