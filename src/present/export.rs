//! A deck written out for when the laptop or the projector fails, or to send to members: a PDF
//! with one page a slide, or one PNG a slide. The pages are images drawn exactly as the screen
//! draws the slides (`ui::present::render`); this module only writes them.

use crate::i18n::Lang;
use image::RgbaImage;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The slides could not be drawn.
    #[error("rendering failed: {0}")]
    Render(String),
    /// No graphics adapter to draw with, not even a software one.
    #[error("no graphics adapter: {0}")]
    NoGraphics(String),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("cancelled")]
    Cancelled,
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Render(why) => {
                crate::tr!(lang, "无法绘制幻灯片：{}", "The slides could not be drawn: {}", why)
            }
            Self::NoGraphics(why) => crate::tr!(
                lang,
                "这台电脑没有可用的图形适配器，无法绘制幻灯片（{}）",
                "This computer has no graphics adapter to draw the slides with ({})",
                why
            ),
            Self::Io(path, e) => {
                crate::tr!(lang, "无法写入 {}：{}", "Could not write {}: {}", path.display(), e)
            }
            Self::Cancelled => lang.pick("已取消", "Cancelled").into(),
        }
    }
}

/// The PDF's page width in points; the height follows the slides' shape.
const PAGE_WIDTH: f32 = 960.0;

/// A PDF of `pages`, one a page, each image filling its page.
pub fn pdf(pages: &[RgbaImage]) -> Vec<u8> {
    let mut ids = Ref::new(1);
    let catalog = ids.bump();
    let tree = ids.bump();
    let page_ids: Vec<Ref> = pages.iter().map(|_| ids.bump()).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    let name = Name(b"Slide");
    for (&page_id, image) in page_ids.iter().zip(pages) {
        let (image_id, content_id) = (ids.bump(), ids.bump());
        let height = PAGE_WIDTH * image.height() as f32 / image.width().max(1) as f32;
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, height));
        page.parent(tree);
        page.contents(content_id);
        page.resources().x_objects().pair(name, image_id);
        page.finish();
        // The slides are opaque: the alpha channel carries nothing.
        let rgb: Vec<u8> = image.pixels().flat_map(|p| [p[0], p[1], p[2]]).collect();
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let compressed = zlib.write_all(&rgb).and_then(|()| zlib.finish()).expect("compressing in memory");
        let mut xobject = pdf.image_xobject(image_id, &compressed);
        xobject.filter(Filter::FlateDecode);
        xobject.width(image.width() as i32);
        xobject.height(image.height() as i32);
        xobject.color_space().device_rgb();
        xobject.bits_per_component(8);
        xobject.finish();
        let mut content = Content::new();
        content.save_state();
        content.transform([PAGE_WIDTH, 0.0, 0.0, height, 0.0, 0.0]);
        content.x_object(name);
        content.restore_state();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

/// Writes `bytes` to `path` whole or not at all: a failed export leaves no half file.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |e| ExportError::Io(path.to_path_buf(), e);
    let name = path.file_name().ok_or_else(|| io(std::io::ErrorKind::InvalidInput.into()))?;
    // A new file of our own beside the target (so the rename stays on one disk), made with the
    // user's usual permissions, then renamed over the target.
    let temp = path.with_file_name(format!(".{}.{}.part", name.to_string_lossy(), std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(io)
}

pub fn write_pdf(path: &Path, pages: &[RgbaImage]) -> Result<(), ExportError> {
    write_whole(path, &pdf(pages))
}

/// Writes each page as `<stem>-01.png`, `<stem>-02.png`… beside `path`; returns the files.
pub fn write_pngs(path: &Path, pages: &[RgbaImage]) -> Result<Vec<PathBuf>, ExportError> {
    let stem = path.file_stem().map_or("slides".into(), |s| s.to_string_lossy().into_owned());
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut written = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let file = folder.join(format!("{stem}-{:02}.png", i + 1));
        let mut bytes = std::io::Cursor::new(Vec::new());
        page.write_to(&mut bytes, image::ImageFormat::Png).map_err(|e| ExportError::Render(e.to_string()))?;
        write_whole(&file, bytes.get_ref())?;
        written.push(file);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_has_one_page_a_slide_each_the_slides_shape() {
        let pages = vec![RgbaImage::from_pixel(64, 36, image::Rgba([255, 255, 255, 255])); 3];
        let doc = lopdf::Document::load_mem(&pdf(&pages)).expect("a PDF that opens");
        let ids = doc.get_pages();
        assert_eq!(ids.len(), 3);
        for id in ids.values() {
            let images = doc.get_page_images(*id).unwrap();
            assert_eq!((images[0].width, images[0].height), (64, 36));
        }
    }

    #[test]
    fn pngs_are_numbered_beside_the_chosen_name() {
        let dir = tempfile::tempdir().unwrap();
        let pages = vec![RgbaImage::from_pixel(8, 6, image::Rgba([0, 0, 0, 255])); 2];
        let files = write_pngs(&dir.path().join("理事会.png"), &pages).unwrap();
        let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["理事会-01.png", "理事会-02.png"]);
        assert_eq!(image::open(&files[1]).unwrap().width(), 8);
    }
}
