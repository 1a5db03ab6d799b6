//! PDF and OFD specifics: running lines out, unreadable text refused.

use crate::common::{expected_text, extract, fixture};
use fazhi_extract::{Format, Limits};

#[test]
fn libreoffice_pdf_text_has_no_page_numbers_and_rejoined_paragraphs() {
    let x = extract("word_001.pdf");
    let want = expected_text("word_001.pdf");
    // No line is a bare page number, and every paragraph of the source is
    // found whole (a wrapped line rejoined), give or take page breaks.
    assert!(
        !x.text
            .lines()
            .any(|l| l.trim().chars().all(|c| c.is_ascii_digit()))
    );
    let whole = want.lines().filter(|l| x.text.contains(l)).count();
    assert!(
        whole * 10 >= want.lines().count() * 8,
        "{whole} of {} paragraphs whole:\n{}",
        want.lines().count(),
        x.text
    );
}

#[test]
fn pdf_whose_cjk_font_has_no_unicode_map_is_refused_at_detect_and_extract() {
    let bytes = fixture("unmapped_font.pdf");
    let msg = "PDF 文本无法识别，请提交 DOCX 或网页版本";
    let detected = fazhi_extract::detect(&bytes, Some("application/pdf"), None).err();
    assert!(
        detected
            .as_ref()
            .is_some_and(|e| e.to_string().starts_with(msg) && e.is_cheap_refusal()),
        "{detected:?}"
    );
    let extracted = fazhi_extract::extract(&bytes, Format::Pdf, &Limits::default()).err();
    assert_eq!(extracted.map(|e| e.code()), Some("pdf_unreadable"));
}

#[test]
fn ofd_pages_are_read_in_order_without_page_numbers() {
    let x = extract("seed_000.ofd");
    assert_eq!(x.text.trim(), expected_text("seed_000.ofd").trim());
    assert!(x.meta.title.is_some());
}

#[test]
fn ofd_page_limit_is_named() {
    let limits = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    let err = fazhi_extract::extract(&fixture("seed_000.ofd"), Format::Ofd, &limits).err();
    assert_eq!(err.as_ref().map(|e| e.code()), Some("limit.pages"));
    assert!(err.is_some_and(|e| e.to_string().contains("页数")));
}

#[test]
fn cid_fonts_whose_codes_are_ucs2_or_gbk_are_decoded_not_refused() {
    let x = extract("predefined_cmap.pdf");
    assert_eq!(x.text.trim(), expected_text("predefined_cmap.pdf").trim());
}
