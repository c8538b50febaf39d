//! 年度工作总结 on the meetings screen: the period, the wording the secretary can change, and the
//! Word document written on a background job.

use super::render;
use crate::i18n::{Lang, Text};
use crate::jobs::Job;
use crate::present::export::ExportError;
use crate::present::report::{DEFAULT_TEMPLATE, Report};
use crate::store::Store;
use crate::text;
use crate::ui::command::{AppCommand, FileFor};
use crate::ui::file_dialog::{FileRequest, docx};
use crate::ui::screen::{ApplyCtx, Ctx};
use crate::ui::theme::space;
use chrono::Datelike;

pub struct ReportPanel {
    from: i32,
    to: i32,
    /// The wording as being edited.
    template: Option<String>,
    save_template: Option<String>,
    writing: Option<Job<Result<String, ExportError>>>,
}

impl Default for ReportPanel {
    fn default() -> Self {
        // At a year's start the report is of the year just ended.
        let last = crate::clock::today().year() - 1;
        Self { from: last, to: last, template: None, save_template: None, writing: None }
    }
}

impl ReportPanel {
    pub fn writing(&self) -> bool {
        self.writing.is_some()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx) {
        let lang = ctx.lang;
        ui.strong(lang.pick("年度工作总结", "The year's work report"));
        ui.add_space(space::S);
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("从", "From"));
            ui.add(egui::DragValue::new(&mut self.from).range(2000..=2099)).labelled_by(label.id);
            let label = ui.label(lang.pick("年到", "to"));
            ui.add(egui::DragValue::new(&mut self.to).range(2000..=2099)).labelled_by(label.id);
            ui.label(lang.pick("年", ""));
            self.to = self.to.max(self.from);
            let idle = self.writing.is_none();
            if ui.add_enabled(idle, egui::Button::new(lang.pick("生成 Word 文档", "Write the Word document"))).clicked()
            {
                let period =
                    if self.from == self.to { self.from.to_string() } else { format!("{}-{}", self.from, self.to) };
                let request = FileRequest::save(
                    text!("保存工作总结", "Save the work report"),
                    docx(),
                    format!("{period}{}.docx", lang.pick("年工作总结", " work report")),
                );
                ctx.send(AppCommand::ChooseFile(request, FileFor::Report { from: self.from, to: self.to }));
            }
            if !idle {
                ui.spinner();
            }
        });
        ui.add_space(space::M);
        let Some(template) = &mut self.template else { return };
        ui.horizontal(|ui| {
            ui.strong(lang.pick("措辞模板", "Wording"));
            if ui.button(lang.pick("恢复默认措辞", "Back to the default wording")).clicked() {
                *template = DEFAULT_TEMPLATE.to_string();
                self.save_template = Some(String::new());
            }
        });
        ui.weak(lang.pick(
            "{名称} 处填入数字；单独一行的 {图:片区}、{图:节约}、{图:诉求} 插入图表，{表:部门}、{表:案例} 插入表格；以“# ”开头的行是标题。",
            "{name} is replaced by a figure; a line that is only {图:片区}, {图:节约} or {图:诉求} places a chart, {表:部门} or {表:案例} a table; a line starting “# ” is a heading.",
        ));
        egui::CollapsingHeader::new(lang.pick("可用的数字", "Figures you can use")).show(ui, |ui| {
            let names: Vec<String> =
                Report::default().placeholders().into_iter().map(|(name, _)| format!("{{{name}}}")).collect();
            ui.label(names.join("  "));
        });
        let label = ui.label(lang.pick("模板内容", "Template"));
        let field = egui::ScrollArea::vertical()
            .max_height(ui.available_height() - space::M)
            .show(ui, |ui| {
                ui.add(egui::TextEdit::multiline(template).desired_width(f32::INFINITY).desired_rows(16))
                    .labelled_by(label.id)
            })
            .inner;
        // Saved as it is typed: closing the window loses nothing.
        if field.changed() {
            self.save_template = Some(template.clone());
        }
    }

    pub fn apply(&mut self, ctx: &mut ApplyCtx) {
        if self.template.is_none() {
            match ctx.store.report_template() {
                Ok(t) => self.template = Some(t),
                Err(e) => ctx.fail(|l| e.message(l)),
            }
        }
        if let Some(text) = self.save_template.take()
            && let Err(e) = ctx.store.set_report_template(&text)
        {
            ctx.fail(|l| e.message(l));
        }
        super::written(&mut self.writing, ctx);
    }

    /// Writes the report to the file the secretary chose.
    pub fn write(&mut self, years: (i32, i32), path: &std::path::Path, ctx: &mut ApplyCtx) {
        let (db, path, lang) = (ctx.store.path().to_path_buf(), path.to_path_buf(), ctx.lang);
        let work = move |job: &crate::jobs::JobContext| {
            let store = Store::open(&db).map_err(|e| ExportError::Render(e.message(lang)))?;
            let report = render::write_report(&store, years, crate::clock::today(), &path, Some(job))?;
            Ok(written(&report.period(), &path, lang))
        };
        match ctx.jobs.spawn("qilian-report", Text::new("生成工作总结", "Writing the work report"), true, work) {
            Ok(job) => self.writing = Some(job),
            Err(e) => ctx.fail(|l| e.message(l)),
        }
    }
}

fn written(period: &str, path: &std::path::Path, lang: Lang) -> String {
    crate::tr!(lang, "{period}工作总结已保存：{}", "The work report of {period} is saved: {}", path.display())
}
