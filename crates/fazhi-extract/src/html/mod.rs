//! Government web pages: charset (see `charset`), a depth bound before
//! parsing (see `prescan`), html5ever via `scraper` for the tree, the article
//! body by hints and density (see `article`), metadata (see `meta`).

mod article;
mod charset;
mod meta;
mod prescan;

use scraper::Html;

use crate::out::Out;
use crate::{ExtractError, Extracted, Format, Limits};

pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let source = charset::decode(bytes);
    prescan::check_depth(&source, limits.max_xml_depth)?;
    let html = Html::parse_document(&source);
    let root = html.tree.root().id();
    let page_lines = article::render(&html, root, false);
    let meta = meta::read(&html, &page_lines);
    let body = article::find(&html).ok_or(ExtractError::HtmlNoArticle)?;
    let lines = article::render(&html, body, true);
    let visible: usize = lines
        .iter()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if visible < article::MIN_ARTICLE_CHARS {
        return Err(ExtractError::HtmlNoArticle);
    }
    let mut out = Out::new(limits.max_output_chars);
    // The title usually sits above the body container; the parser reads the
    // agency and year from it.
    if let Some(title) = meta.title.as_deref() {
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let t = squash(title);
        if !lines.iter().take(3).any(|l| squash(l).contains(&t)) {
            out.paragraph(title, None)?;
        }
    }
    for line in &lines {
        out.paragraph(line, None)?;
    }
    let (text, headings) = out.finish();
    Ok(Extracted {
        format: Format::Html,
        text,
        headings,
        meta,
        notes: Vec::new(),
    })
}
