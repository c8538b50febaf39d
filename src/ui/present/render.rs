//! Slides drawn offscreen into images, by the same code and the same wgpu renderer as the
//! projector: what the PDF shows is what the room saw.

use super::slide::{self, Page};
use crate::jobs::JobContext;
use crate::present::Slide;
use crate::present::export::ExportError;
use crate::ui::theme::{self, ThemeChoice};
use egui_kittest::Harness;

/// The size pages are drawn at: full HD, sharp on paper and on any projector.
pub const PAGE_SIZE: [f32; 2] = [1920.0, 1080.0];

/// What the offscreen window draws: the slides and the one to show.
struct Pages {
    slides: Vec<Slide>,
    index: usize,
}

/// Draws each slide at `size` in the light theme (paper is white), reporting progress to `job`
/// and stopping when it is cancelled.
pub fn render(
    slides: &[Slide],
    size: [f32; 2],
    job: Option<&JobContext>,
) -> Result<Vec<image::RgbaImage>, ExportError> {
    let pages = Pages { slides: slides.to_vec(), index: 0 };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_accessibility_check(false)
        .with_render_cursor(false)
        .with_context_setup(|ctx| theme::setup(ctx, ThemeChoice::Light))
        .build_ui_state(
            |ui, pages: &mut Pages| {
                if let Some(current) = pages.slides.get(pages.index) {
                    let page = Page { number: pages.index + 1, count: pages.slides.len(), revealed: None };
                    slide::show(ui, current, page);
                }
            },
            pages,
        );
    let mut images = Vec::with_capacity(slides.len());
    for index in 0..slides.len() {
        if job.is_some_and(JobContext::is_cancelled) {
            return Err(ExportError::Cancelled);
        }
        harness.state_mut().index = index;
        harness.run_ok();
        images.push(harness.render().map_err(ExportError::Render)?);
        if let Some(job) = job {
            job.set_progress(index + 1, slides.len());
        }
    }
    Ok(images)
}
