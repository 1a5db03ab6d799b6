//! The DOCX is a real zip with Word's parts and real headings.

use std::io::{Cursor, Read};

use crate::build::{agency, at_least_20_events, five_parts, input, parsed, report_text};

fn entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

/// Tags open and close in order (a cheap well-formedness check).
fn balanced(xml: &str) -> bool {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let Some(j) = rest.find('>') else {
            return false;
        };
        let tag = &rest[..j];
        rest = &rest[j + 1..];
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        if tag.starts_with('/') {
            if stack.pop() != Some(name) {
                return false;
            }
        } else {
            stack.push(name);
        }
    }
    stack.is_empty()
}

#[test]
fn docx_is_a_zip_with_heading_paragraphs() {
    let text = report_text("开展法治宣传活动20余场。");
    let p = parsed(
        &text,
        &five_parts(),
        &[at_least_20_events("开展法治宣传活动20余场")],
    );
    let a = agency("a", "甲<&>局");
    let s = fazhi_summary::consolidate(
        "测试区",
        2023,
        std::slice::from_ref(&a),
        &[input(&a, "s", &text, &p)],
    );
    let bytes = fazhi_summary::render_docx(&s);
    assert_eq!(&bytes[..2], b"PK");
    let zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("name").into_owned())
        .collect();
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(
            names.iter().any(|n| n == part),
            "{part} missing from {names:?}"
        );
    }
    let doc = entry(&bytes, "word/document.xml");
    let styles = entry(&bytes, "word/styles.xml");
    assert!(balanced(&doc), "document.xml is not well formed");
    assert!(balanced(&styles), "styles.xml is not well formed");
    assert_eq!(
        doc.matches(r#"<w:pStyle w:val="Heading1"/>"#).count(),
        6,
        "five parts and the annexes"
    );
    assert!(doc.contains(r#"<w:pStyle w:val="Heading2"/>"#));
    assert!(doc.contains("一、主要举措和成效"));
    assert!(doc.contains("&lt;&amp;&gt;"), "text is escaped");
    for id in ["Heading1", "Heading2", "Heading3", "Title"] {
        assert!(
            styles.contains(&format!(r#"w:styleId="{id}""#)),
            "{id} style missing"
        );
    }
    assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
}

#[test]
fn citations_are_real_word_footnotes_one_per_note() {
    let Some(seeds) = crate::seeds::seeds() else {
        return;
    };
    let (_, s) = crate::seeds::seed_summary(&seeds);
    let bytes = fazhi_summary::render_docx(&s);
    let doc = entry(&bytes, "word/document.xml");
    let notes = entry(&bytes, "word/footnotes.xml");
    let settings = entry(&bytes, "word/settings.xml");
    let rels = entry(&bytes, "word/_rels/document.xml.rels");
    let types = entry(&bytes, "[Content_Types].xml");
    for (name, xml) in [
        ("document", &doc),
        ("footnotes", &notes),
        ("settings", &settings),
    ] {
        assert!(balanced(xml), "{name} is not well formed");
    }
    assert!(rels.contains("relationships/footnotes") && rels.contains("footnotes.xml"));
    assert!(types.contains("/word/footnotes.xml"));
    assert!(settings.contains(r#"<w:footnote w:id="0"/>"#));
    // One reference in the text per note, one footnote per note (plus the
    // two separators), in the same order.
    assert!(!s.notes.is_empty());
    assert_eq!(doc.matches("<w:footnoteReference ").count(), s.notes.len());
    assert_eq!(notes.matches("<w:footnote ").count(), s.notes.len() + 2);
    for n in &s.notes {
        assert!(doc.contains(&format!(r#"<w:footnoteReference w:id="{}"/>"#, n.id)));
        assert!(notes.contains(&format!(r#"<w:footnote w:id="{}">"#, n.id)));
    }
    // A note quotes its whole sentence with the number marked, by short name.
    assert!(notes.contains("西营门街道（第"), "short names in notes");
    assert!(
        notes.contains("发放宣传资料【6000余份】"),
        "number marked in its sentence"
    );
    // No old-style `[n]` markers or end-notes section remain.
    assert!(!doc.contains(">[1]<") && !doc.contains("注释"));
    // Several sources of one statement share one note; numbers of one
    // sentence are marked in one quote of it.
    assert!(s.notes.iter().any(|n| n.citations.len() > 1));
    assert!(
        s.notes
            .iter()
            .any(|n| n.text.contains("共接待群众【107批次】，共计【537人次】")),
        "{:#?}",
        s.notes
    );
}
