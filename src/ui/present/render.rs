//! Slides drawn offscreen into images, by the same code and the same wgpu renderer as the
//! projector: what the PDF shows is what the room saw.

use super::slide::{self, Page};
use crate::jobs::JobContext;
use crate::present::export::ExportError;
use crate::present::{Slide, report};
use crate::store::Store;
use crate::ui::theme::{self, ThemeChoice};
use egui_kittest::Harness;
use std::collections::HashMap;

/// The size pages are drawn at: full HD, sharp on paper and on any projector.
pub const PAGE_SIZE: [f32; 2] = [1920.0, 1080.0];

/// The size the report's charts are drawn at: wide, for twelve months side by side.
const CHART_SIZE: [f32; 2] = [1600.0, 675.0];

/// What the offscreen window draws: the slides and the one to show.
struct Pages {
    slides: Vec<Slide>,
    index: usize,
    /// Page numbers in the corner (a deck's pages have them, the report's charts not).
    numbered: bool,
}

/// Draws each slide at `size` in the light theme (paper is white), reporting progress to `job`
/// and stopping when it is cancelled.
pub fn render(
    slides: &[Slide],
    size: [f32; 2],
    job: Option<&JobContext>,
) -> Result<Vec<image::RgbaImage>, ExportError> {
    draw(Pages { slides: slides.to_vec(), index: 0, numbered: true }, size, job)
}

/// egui's wgpu renderer on the adapter egui's harness would pick (a software one first: the same
/// pixels on every machine); a machine without any says so instead of stopping the program.
fn renderer() -> Result<egui_kittest::wgpu::WgpuTestRenderer, ExportError> {
    use eframe::egui_wgpu;
    let setup = egui_kittest::wgpu::default_wgpu_setup();
    let instance = pollster::block_on(setup.new_instance());
    let config = egui_wgpu::WgpuConfiguration { wgpu_setup: setup, ..Default::default() };
    let options = egui_wgpu::RendererOptions::PREDICTABLE;
    let state = pollster::block_on(egui_wgpu::RenderState::create(&config, &instance, None, options))
        .map_err(|e| ExportError::NoGraphics(e.to_string()))?;
    Ok(egui_kittest::wgpu::WgpuTestRenderer::from_render_state(state))
}

fn draw(pages: Pages, size: [f32; 2], job: Option<&JobContext>) -> Result<Vec<image::RgbaImage>, ExportError> {
    let count = pages.slides.len();
    let renderer = renderer()?;
    let mut harness = Harness::builder()
        .renderer(renderer)
        .with_size(egui::vec2(size[0], size[1]))
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_accessibility_check(false)
        .with_render_cursor(false)
        .with_context_setup(|ctx| theme::setup(ctx, ThemeChoice::Light))
        .build_ui_state(
            |ui, pages: &mut Pages| {
                if let Some(current) = pages.slides.get(pages.index) {
                    let position = pages.numbered.then_some((pages.index + 1, pages.slides.len()));
                    let page = Page { position, revealed: None };
                    slide::show(ui, current, page);
                }
            },
            pages,
        );
    let mut images = Vec::with_capacity(count);
    for index in 0..count {
        if job.is_some_and(JobContext::is_cancelled) {
            return Err(ExportError::Cancelled);
        }
        harness.state_mut().index = index;
        harness.run_ok();
        images.push(harness.render().map_err(ExportError::Render)?);
        if let Some(job) = job {
            job.set_progress(index + 1, count);
        }
    }
    Ok(images)
}

/// Writes the work report of the years `from`–`to` as it stands on `today` to `path`, its charts
/// drawn like the slides; returns its figures.
pub fn write_report(
    store: &Store,
    years: (i32, i32),
    today: chrono::NaiveDate,
    path: &std::path::Path,
    job: Option<&JobContext>,
) -> Result<report::Report, ExportError> {
    let store_error = |e: crate::store::StoreError| ExportError::Render(e.message(crate::i18n::Lang::Zh));
    let figures = report::gather(store, years.0, years.1, today).map_err(store_error)?;
    let template = store.report_template().map_err(store_error)?;
    let charts = figures.charts();
    let pages = Pages { slides: charts.iter().map(|(_, s)| s.clone()).collect(), index: 0, numbered: false };
    let images = draw(pages, CHART_SIZE, job)?;
    let mut drawn = HashMap::new();
    for ((key, _), image) in charts.iter().zip(images) {
        let mut png = std::io::Cursor::new(Vec::new());
        image.write_to(&mut png, image::ImageFormat::Png).map_err(|e| ExportError::Render(e.to_string()))?;
        drawn.insert(*key, report::ChartImage { png: png.into_inner(), width: image.width(), height: image.height() });
    }
    report::write(path, &figures, &template, &drawn)?;
    Ok(figures)
}
