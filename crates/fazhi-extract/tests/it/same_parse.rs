//! Each fixture parses to the same parts, items and quantities as the plain
//! text of the same report.

use crate::common::{expected_text, extract, parse, shape};
use fazhi_extract::Format;

fn same_parse(name: &str, format: Format) {
    let got = extract(name);
    assert_eq!(got.format, format, "{name}");
    let want = parse(&expected_text(name));
    let have = parse(&got.text);
    assert!(
        want.sections.len() >= 3,
        "{name}: the plain text itself has parts"
    );
    assert_eq!(
        shape(&have),
        shape(&want),
        "{name}\n--- extracted ---\n{}",
        got.text
    );
}

#[test]
fn word_docx_with_automatic_numbering_parses_like_its_text() {
    same_parse("word_001.docx", Format::Docx);
}

#[test]
fn wps_docx_with_chinese_style_names_parses_like_its_text() {
    same_parse("wps_002.docx", Format::Docx);
}

#[test]
fn docx_with_table_footnote_and_tracked_changes_parses_like_its_text() {
    same_parse("tracked_003.docx", Format::Docx);
}

#[test]
fn gb2312_government_page_parses_like_its_text() {
    same_parse("gov_004.html", Format::Html);
}

#[test]
fn libreoffice_pdf_parses_like_its_text() {
    same_parse("word_001.pdf", Format::Pdf);
}

#[test]
fn ofd_parses_like_its_text() {
    same_parse("seed_000.ofd", Format::Ofd);
}

#[test]
fn docx_written_back_by_libreoffice_parses_like_its_text() {
    for name in ["lo_word_001.docx", "lo_wps_002.docx", "lo_tracked_003.docx"] {
        same_parse(name, Format::Docx);
        // LibreOffice writes its own styles and numbering: the text is still
        // exactly what Word would show.
        assert_eq!(
            extract(name).text.trim(),
            expected_text(name).trim(),
            "{name}"
        );
    }
}
