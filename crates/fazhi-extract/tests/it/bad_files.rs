//! Bad files: each refused by `detect` or `extract` with its clear message.

use std::time::Instant;

use crate::common::fixture;
use fazhi_extract::{ExtractError, Format, Limits, detect, extract};

fn refusal(name: &str) -> ExtractError {
    let bytes = fixture(name);
    let file = name.rsplit('/').next();
    match detect(&bytes, None, file) {
        Err(e) => e,
        Ok(format) => match extract(&bytes, format, &Limits::default()) {
            Err(e) => e,
            Ok(x) => panic!("{name} was read as {:?}: {}", x.format, x.text),
        },
    }
}

#[test]
fn zip_bomb_is_refused_naming_the_limit_without_inflating() {
    let started = Instant::now();
    let e = refusal("bad/bomb.docx");
    assert!(e.code().starts_with("limit."), "{e}");
    assert!(e.to_string().contains("上限"), "{e}");
    // The entry inflates to 1 GiB; stopping at the ratio check is fast.
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn docx_that_is_not_a_zip_says_what_it_really_is() {
    let e = refusal("bad/not_a_zip.docx");
    assert_eq!(e.code(), "not_zip");
    assert!(e.is_cheap_refusal());
    assert!(e.to_string().contains("纯文本"), "{e}");
}

#[test]
fn truncated_zip_is_refused_at_detect() {
    let e = refusal("bad/truncated.docx");
    assert_eq!(e.code(), "truncated_zip");
    assert!(e.is_cheap_refusal() && e.to_string().contains("不完整"));
}

#[test]
fn scanned_pdf_without_text_is_refused_at_detect() {
    let bytes = fixture("scanned.pdf");
    let e = detect(&bytes, Some("application/pdf"), Some("scan.pdf")).err();
    assert_eq!(e.as_ref().map(|e| e.code()), Some("pdf_no_text"));
    assert!(e.is_some_and(|e| e.to_string().contains("扫描件")));
    let e = extract(&bytes, Format::Pdf, &Limits::default()).err();
    assert_eq!(e.map(|e| e.code()), Some("pdf_no_text"));
}

#[test]
fn legacy_doc_is_refused_asking_for_docx() {
    let e = refusal("bad/legacy.doc");
    assert_eq!(e.code(), "legacy_ole");
    assert!(e.to_string().contains("DOCX"));
    // Whatever it is called.
    let bytes = fixture("bad/legacy.doc");
    assert_eq!(
        detect(&bytes, Some("application/octet-stream"), Some("报告.docx"))
            .err()
            .map(|e| e.code()),
        Some("legacy_ole")
    );
}

#[test]
fn html_page_with_no_article_is_refused() {
    let e = refusal("bad/no_article.html");
    assert_eq!(e.code(), "html_no_article");
    assert!(e.to_string().contains("找不到报告正文"));
}

#[test]
fn xml_nested_100000_deep_is_refused_quickly() {
    let started = Instant::now();
    let e = refusal("bad/deep.docx");
    assert_eq!(e.code(), "limit.xml_depth");
    assert!(e.to_string().contains("嵌套层数"), "{e}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn html_nested_100000_deep_is_refused_quickly() {
    let page = format!("<html><body>{}</body></html>", "<div>".repeat(100_000));
    let started = Instant::now();
    let e = extract(page.as_bytes(), Format::Html, &Limits::default()).err();
    assert_eq!(e.map(|e| e.code()), Some("limit.xml_depth"));
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn entry_count_and_total_size_limits_are_configurable_and_named() {
    let bytes = fixture("word_001.docx");
    let few = Limits {
        max_entries: 3,
        ..Limits::default()
    };
    assert_eq!(
        extract(&bytes, Format::Docx, &few).err().map(|e| e.code()),
        Some("limit.entries")
    );
    let small = Limits {
        max_uncompressed_bytes: 10_000,
        ..Limits::default()
    };
    let e = extract(&bytes, Format::Docx, &small).err();
    assert_eq!(
        e.as_ref().map(|e| e.code()),
        Some("limit.uncompressed_bytes")
    );
    assert!(e.is_some_and(|e| e.to_string().contains("10000")));
    let tiny = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    assert_eq!(
        extract(&bytes, Format::Docx, &tiny).err().map(|e| e.code()),
        Some("limit.input_bytes")
    );
}

#[test]
fn a_declared_type_the_content_contradicts_is_refused_saying_what_it_is() {
    let text = "一、主要举措和成效\n开展活动22场。".as_bytes();
    let e = detect(text, Some("application/pdf"), None).err();
    assert_eq!(e.as_ref().map(|e| e.code()), Some("media_type_mismatch"));
    assert!(e.is_some_and(|e| e.to_string().contains("实际是：纯文本")));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let e = detect(png, None, Some("a.docx")).err();
    assert!(e.is_some_and(|e| e.to_string().contains("PNG 图片")));
}

#[test]
fn empty_file_is_refused() {
    assert_eq!(
        detect(b"", None, None).err().map(|e| e.code()),
        Some("empty")
    );
    assert_eq!(
        detect(b"  \n", None, Some("a.docx"))
            .err()
            .map(|e| e.code()),
        Some("empty")
    );
}

#[test]
fn content_wins_over_a_wrong_name_when_it_is_a_readable_format() {
    let pdf = fixture("word_001.pdf");
    assert_eq!(
        detect(
            &pdf,
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Some("报告.docx")
        ),
        Ok(Format::Pdf)
    );
    let docx = fixture("word_001.docx");
    assert_eq!(
        detect(&docx, Some("application/pdf"), Some("报告.pdf")),
        Ok(Format::Docx)
    );
}
