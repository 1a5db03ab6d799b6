//! The files agencies really have, through the real gRPC API: each format is
//! processed to the same parse as the plain text of the same report, and
//! each bad file gets its clear refusal with nothing stored.

use std::path::PathBuf;

use fazhi_proto::v1 as pb;
use tonic::Code;

use crate::helpers::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/fazhi-extract/tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn file(content: Vec<u8>, file_name: &str, media_type: &str, key: &str) -> pb::SubmitReportRequest {
    pb::SubmitReportRequest {
        agency_code: "xc-cgzhzx".into(),
        reporting_year: 2023,
        document: Some(pb::Document {
            content,
            media_type: media_type.into(),
            file_name: file_name.into(),
        }),
        idempotency_key: Some(key.into()),
    }
}

/// Parts, items and quantities as a clerk would compare them.
fn shape(p: &pb::ParsedReport) -> (Vec<i32>, Vec<usize>, Vec<(String, String)>) {
    (
        p.sections.iter().map(|s| s.part).collect(),
        p.sections.iter().map(|s| s.items.len()).collect(),
        p.quantities
            .iter()
            .map(|q| (q.text.clone(), q.unit.clone()))
            .collect(),
    )
}

async fn processed(app: &TestApp, request: pb::SubmitReportRequest) -> pb::Submission {
    let what = request.document.as_ref().unwrap().file_name.clone();
    let r = app
        .ingest()
        .await
        .submit_report(request)
        .await
        .unwrap_or_else(|e| panic!("{what}: {:?} {}", e.code(), e.message()))
        .into_inner();
    app.wait_done(&r.submission_id).await
}

#[tokio::test]
async fn docx_html_pdf_and_ofd_parse_like_their_plain_text() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    // (fixture, declared type, the plain text it was made from)
    let cases = [
        ("word_001.docx", DOCX, "001_6193ebd917cce1b8.txt"),
        ("wps_002.docx", DOCX, "002_8688029d397398e8.txt"),
        (
            "word_001.pdf",
            "application/pdf",
            "001_6193ebd917cce1b8.txt",
        ),
        ("gov_004.html", "text/html", "004_f20b88b3a1d009b5.txt"),
        ("seed_000.ofd", "", "000_694a7727829af4aa.txt"),
    ];
    for (name, media_type, text) in cases {
        let got = processed(&app, file(fixture(name), name, media_type, name)).await;
        assert_eq!(
            got.status,
            pb::SubmissionStatus::Processed as i32,
            "{name}: {got:?}"
        );
        let plain = processed(
            &app,
            file(sample(text), text, "text/plain", &format!("{name}.txt")),
        )
        .await;
        let (a, b) = (got.parsed.unwrap(), plain.parsed.unwrap());
        let (pa, pb_) = (shape(&a), shape(&b));
        assert_eq!(pa.0, pb_.0, "{name}: the same five parts");
        assert_eq!(pa.1, pb_.1, "{name}: the same items per part");
        if name.ends_with(".pdf") {
            // Two paragraphs split at page breaks (see docs/formats.md): the
            // quantities must still be the same numbers.
            let nums = |q: &[(String, String)]| {
                q.iter()
                    .map(|(t, u)| format!("{t}{u}"))
                    .collect::<std::collections::BTreeSet<_>>()
            };
            assert_eq!(nums(&pa.2), nums(&pb_.2), "{name}: the same quantities");
        } else {
            assert_eq!(pa.2, pb_.2, "{name}: the same quantities");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn bad_files_are_refused_clearly_and_the_service_stays_healthy() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    // Cheap to know while the agency is on the line: refused at once.
    for (name, media_type, says) in [
        ("bad/not_a_zip.docx", DOCX, "ZIP"),
        ("bad/truncated.docx", DOCX, "不完整"),
        ("bad/legacy.doc", "application/msword", "DOCX"),
        ("scanned.pdf", "application/pdf", "PDF"),
        ("unmapped_font.pdf", "application/pdf", "PDF 文本无法识别"),
    ] {
        let err = app
            .ingest()
            .await
            .submit_report(file(fixture(name), name, media_type, name))
            .await
            .expect_err(name);
        assert_eq!(
            err.code(),
            Code::InvalidArgument,
            "{name}: {}",
            err.message()
        );
        assert!(err.message().contains(says), "{name}: {}", err.message());
    }
    for status in [
        fazhi_store::SubmissionStatus::Queued,
        fazhi_store::SubmissionStatus::Processed,
        fazhi_store::SubmissionStatus::Rejected,
    ] {
        assert_eq!(
            app.store.count_by_status(status).await.unwrap(),
            0,
            "nothing stored"
        );
    }
    // Known only once read: accepted, then REJECTED with the limit or reason named.
    for (name, media_type, says) in [
        ("bad/bomb.docx", DOCX, "压缩"),
        ("bad/deep.docx", DOCX, "嵌套"),
        ("bad/no_article.html", "text/html", "正文"),
    ] {
        let got = processed(&app, file(fixture(name), name, media_type, name)).await;
        assert_eq!(
            got.status,
            pb::SubmissionStatus::Rejected as i32,
            "{name}: {got:?}"
        );
        assert!(
            got.reject_reason.contains(says),
            "{name}: {}",
            got.reject_reason
        );
    }
    let ok = processed(
        &app,
        file(
            sample("002_8688029d397398e8.txt"),
            "r.txt",
            "text/plain",
            "after",
        ),
    )
    .await;
    assert_eq!(ok.status, pb::SubmissionStatus::Processed as i32);
    app.stop().await;
}

/// A 30 MB Word file of photos: the fixture with 30 MB of incompressible
/// "image" added, as Word stores photos (not deflated).
fn docx_with_photos() -> Vec<u8> {
    use std::io::{Read, Write};
    let original = fixture("word_001.docx");
    let mut reader = zip::ZipArchive::new(std::io::Cursor::new(original)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..reader.len() {
        let mut entry = reader.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    // xorshift: fast, incompressible enough, deterministic.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let photo: Vec<u8> = (0..30 * 1024 * 1024 / 8)
        .flat_map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()
        })
        .collect();
    out.start_file(
        "word/media/image1.jpeg",
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
    )
    .unwrap();
    out.write_all(&photo).unwrap();
    out.finish().unwrap().into_inner()
}

#[tokio::test]
async fn a_30_mb_docx_is_accepted_kept_once_and_no_queue_message_is_over_1_mib() {
    use sea_orm::{ConnectionTrait, Statement};
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let mut app = spawn_app(&settings, false).await;
    let big = docx_with_photos();
    assert!(big.len() > 30 * 1024 * 1024);
    const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let first = app
        .ingest()
        .await
        .max_encoding_message_size(64 << 20)
        .submit_report(file(big.clone(), "photos.docx", DOCX, "photos"))
        .await
        .expect("a 30 MB DOCX is accepted")
        .into_inner();
    // The same file again under another key: a second submission, one copy.
    let second = app
        .ingest()
        .await
        .max_encoding_message_size(64 << 20)
        .submit_report(file(big.clone(), "photos.docx", DOCX, "photos-again"))
        .await
        .unwrap()
        .into_inner();
    assert_ne!(first.submission_id, second.submission_id);
    let db = app.store.db();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT MAX(LENGTH(payload)) AS biggest, COUNT(*) AS n FROM queue_messages",
        ))
        .await
        .unwrap()
        .unwrap();
    let (biggest, n): (i64, i64) = (
        row.try_get("", "biggest").unwrap(),
        row.try_get("", "n").unwrap(),
    );
    assert_eq!(n, 2);
    assert!(biggest < 1024 * 1024, "a queue message of {biggest} bytes");
    let copies = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM documents",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        copies.try_get::<i64>("", "n").unwrap(),
        1,
        "the file is kept once"
    );

    app.start_worker();
    let done = app.wait_done(&first.submission_id).await;
    assert_eq!(
        done.status,
        pb::SubmissionStatus::Processed as i32,
        "{done:?}"
    );
    assert_eq!(done.size_bytes, big.len() as u64);
    let original = app
        .ingest()
        .await
        .max_decoding_message_size(64 << 20)
        .get_original_document(pb::GetOriginalDocumentRequest {
            submission_id: first.submission_id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(
        original.content == big,
        "the original comes back byte for byte"
    );
    app.stop().await;
}
