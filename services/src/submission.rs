//! A submission request parsed into what the rest of the system may trust.

use fazhi_proto::v1 as pb;
use sha2::{Digest, Sha256};

use crate::error::ServiceError;
use crate::fields::text_field;

const MAX_CODE_CHARS: usize = 64;
const MAX_KEY_CHARS: usize = 128;
const MAX_FILE_NAME_CHARS: usize = 255;
/// The earliest year 法治政府建设年度报告 were required (督察工作规定 2019 aside,
/// older archives exist); anything earlier is a typing error.
const EARLIEST_YEAR: i32 = 2000;

/// Namespace of submission ids (UUID v5), fixed forever: ids must be the same
/// on every machine and release.
const ID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6a1f_3c2e_9b4d_4e8a_a7c1_52d0_f0e3_b911);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission {
    agency_code: String,
    reporting_year: i32,
    content: Vec<u8>,
    media_type: String,
    file_name: String,
    idempotency_key: Option<String>,
    content_sha256: String,
}

impl NewSubmission {
    /// Parse a request; `current_year` bounds the reporting year (a report is
    /// on a past or the current year, never a future one).
    pub fn parse(
        request: pb::SubmitReportRequest,
        current_year: i32,
        max_document_bytes: usize,
    ) -> Result<Self, ServiceError> {
        let invalid = |m: &str| ServiceError::InvalidArgument(m.to_owned());
        let agency_code = request.agency_code.trim().to_owned();
        if agency_code.is_empty() {
            return Err(invalid("缺少单位代码（agency_code）"));
        }
        if agency_code.chars().count() > MAX_CODE_CHARS || agency_code.chars().any(char::is_control)
        {
            return Err(invalid("单位代码（agency_code）格式不正确"));
        }
        let year = request.reporting_year;
        if year == 0 {
            return Err(invalid(
                "缺少报告年度（reporting_year），应为所报告的年份，如 2023",
            ));
        }
        if !(EARLIEST_YEAR..=current_year).contains(&year) {
            return Err(ServiceError::InvalidArgument(format!(
                "报告年度 {year} 不合理：应为 {EARLIEST_YEAR} 至 {current_year} 年之间所报告的年份"
            )));
        }
        let document = request
            .document
            .ok_or_else(|| invalid("缺少报告文档（document）"))?;
        if document.content.is_empty() {
            return Err(invalid("报告文档为空"));
        }
        if document.content.len() > max_document_bytes {
            return Err(ServiceError::InvalidArgument(format!(
                "报告文件过大（{}），超过上限 {}；请删去图片等内容或压缩后重新提交",
                human_bytes(document.content.len()),
                human_bytes(max_document_bytes)
            )));
        }
        let declared = text_field("文档类型（media_type）", &document.media_type, 200)?;
        let file_name = text_field(
            "文件名（file_name）",
            &document.file_name,
            MAX_FILE_NAME_CHARS,
        )?;
        // What the file really is (content first, the declared type and the
        // name as hints): refused now, while the agency is still on the line,
        // when that is cheap to know (not a zip, a legacy .doc, a PDF
        // without text); the full reading happens in the worker.
        let format = fazhi_extract::detect(
            &document.content,
            Some(declared).filter(|d| !d.is_empty()),
            Some(file_name).filter(|f| !f.is_empty()),
        )
        .map_err(|e| ServiceError::InvalidArgument(e.to_string()))?;
        if format == fazhi_extract::Format::Text {
            crate::plain_text::check(&document.content)?;
        }
        let media_type = media_type_of(format, declared);
        let file_name = if file_name.is_empty() {
            "report.txt"
        } else {
            file_name
        }
        .to_owned();
        let idempotency_key = match request.idempotency_key.as_deref() {
            None => None,
            Some(k) => match text_field("报送编号（idempotency_key）", k, MAX_KEY_CHARS)? {
                "" => None,
                k => Some(k.to_owned()),
            },
        };
        let content_sha256 = hex::encode(Sha256::digest(&document.content));
        Ok(NewSubmission {
            agency_code,
            reporting_year: year,
            content: document.content,
            media_type,
            file_name,
            idempotency_key,
            content_sha256,
        })
    }

    /// Deterministic: the same (agency, year, idempotency key), or without a key
    /// the same (agency, year, document), always gives the same id, so a
    /// retried request is recognised and never counted twice.
    pub fn submission_id(&self) -> String {
        let name = match &self.idempotency_key {
            Some(key) => format!(
                "key\u{0}{}\u{0}{}\u{0}{}",
                self.agency_code, self.reporting_year, key
            ),
            None => format!(
                "doc\u{0}{}\u{0}{}\u{0}{}",
                self.agency_code, self.reporting_year, self.content_sha256
            ),
        };
        uuid::Uuid::new_v5(&ID_NAMESPACE, name.as_bytes()).to_string()
    }

    /// The id of the `generation`-th resubmission of the same document
    /// (0: [`Self::submission_id`]); used without a key only, so that the
    /// same file after a withdrawal or a replacement is a new version.
    pub fn resubmission_id(&self, generation: u32) -> String {
        if generation == 0 || self.idempotency_key.is_some() {
            return self.submission_id();
        }
        let name = format!(
            "doc\u{0}{}\u{0}{}\u{0}{}\u{0}{generation}",
            self.agency_code, self.reporting_year, self.content_sha256
        );
        uuid::Uuid::new_v5(&ID_NAMESPACE, name.as_bytes()).to_string()
    }

    pub fn has_idempotency_key(&self) -> bool {
        self.idempotency_key.is_some()
    }

    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn agency_code(&self) -> &str {
        &self.agency_code
    }

    pub fn reporting_year(&self) -> i32 {
        self.reporting_year
    }

    pub fn content_sha256(&self) -> &str {
        &self.content_sha256
    }

    /// The file, to keep once before publishing.
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The message: everything but the file itself, which is kept in the
    /// database by its hash (`Store::put_document`) so messages stay small.
    pub fn into_record(
        self,
        submission_id: String,
        district: String,
        submitted_at: i64,
    ) -> fazhi_store::SubmissionRecord {
        fazhi_store::SubmissionRecord {
            submission_id,
            agency_code: self.agency_code,
            district,
            reporting_year: self.reporting_year,
            file_name: self.file_name,
            media_type: self.media_type,
            size_bytes: self.content.len() as u64,
            content: Vec::new(),
            content_sha256: self.content_sha256,
            idempotency_key: self.idempotency_key,
            submitted_at,
        }
    }
}

/// `3.2 MB`, for messages about sizes.
pub(crate) fn human_bytes(n: usize) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if n as f64 >= MB {
        format!("{:.1} MB", n as f64 / MB)
    } else {
        format!("{:.0} KB", (n as f64 / 1024.0).ceil())
    }
}

/// The stored media type: the detected format's, keeping a declared
/// charset parameter for text (the worker's decoder is told nothing else).
fn media_type_of(format: fazhi_extract::Format, declared: &str) -> String {
    let essence = format.media_type();
    match declared.split_once(';') {
        Some((_, params)) if format == fazhi_extract::Format::Text && !params.trim().is_empty() => {
            format!("{essence}; {}", params.trim())
        }
        _ => essence.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(
        code: &str,
        year: i32,
        content: &[u8],
        key: Option<&str>,
    ) -> pb::SubmitReportRequest {
        pb::SubmitReportRequest {
            agency_code: code.into(),
            reporting_year: year,
            document: Some(pb::Document {
                content: content.to_vec(),
                media_type: "text/plain".into(),
                file_name: "报告.txt".into(),
            }),
            idempotency_key: key.map(Into::into),
        }
    }

    #[test]
    fn same_key_gives_same_id_whatever_the_content() {
        let a = NewSubmission::parse(
            request("a", 2023, "甲".as_bytes(), Some("k")),
            2026,
            1 << 20,
        )
        .unwrap();
        let b = NewSubmission::parse(
            request("a", 2023, "乙".as_bytes(), Some("k")),
            2026,
            1 << 20,
        )
        .unwrap();
        assert_eq!(a.submission_id(), b.submission_id());
        let c = NewSubmission::parse(
            request("b", 2023, "甲".as_bytes(), Some("k")),
            2026,
            1 << 20,
        )
        .unwrap();
        assert_ne!(a.submission_id(), c.submission_id());
    }

    #[test]
    fn without_key_the_document_decides_the_id() {
        let a =
            NewSubmission::parse(request("a", 2023, "甲".as_bytes(), None), 2026, 1 << 20).unwrap();
        let b =
            NewSubmission::parse(request("a", 2023, "甲".as_bytes(), None), 2026, 1 << 20).unwrap();
        let c =
            NewSubmission::parse(request("a", 2023, "乙".as_bytes(), None), 2026, 1 << 20).unwrap();
        assert_eq!(a.submission_id(), b.submission_id());
        assert_ne!(a.submission_id(), c.submission_id());
    }

    #[test]
    fn future_year_and_empty_document_are_refused_in_chinese() {
        let err = NewSubmission::parse(request("a", 2030, "甲".as_bytes(), None), 2026, 1 << 20)
            .unwrap_err();
        assert!(err.to_string().contains("报告年度 2030"));
        let err = NewSubmission::parse(request("a", 2023, b"", None), 2026, 1 << 20).unwrap_err();
        assert!(err.to_string().contains("为空"));
    }

    #[test]
    fn a_docx_that_is_not_a_zip_is_refused_saying_what_it_is() {
        let mut r = request("a", 2023, "法治政府建设年度报告".as_bytes(), None);
        let doc = r.document.as_mut().unwrap();
        doc.media_type =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into();
        doc.file_name = "报告.docx".into();
        let err = NewSubmission::parse(r, 2026, 1 << 20).unwrap_err();
        assert!(err.to_string().contains("ZIP"), "{err}");
    }

    #[test]
    fn nul_characters_are_refused_wherever_they_are() {
        let err =
            NewSubmission::parse(request("a", 2023, "报\0告".as_bytes(), None), 2026, 1 << 20)
                .unwrap_err();
        assert!(err.to_string().contains("空字符"), "{err}");
        let utf16: Vec<u8> = "法治政府建设年度报告 2023"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err =
            NewSubmission::parse(request("a", 2023, &utf16, None), 2026, 1 << 20).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
        let err = NewSubmission::parse(
            request("a", 2023, "甲".as_bytes(), Some("k\0")),
            2026,
            1 << 20,
        )
        .unwrap_err();
        assert!(err.to_string().contains("控制字符"), "{err}");
        let mut r = request("a", 2023, "甲".as_bytes(), None);
        r.document.as_mut().unwrap().media_type = "text/plain; charset=utf-8\0".into();
        assert!(NewSubmission::parse(r, 2026, 1 << 20).is_err());
    }

    #[test]
    fn a_document_over_the_limit_is_refused_with_the_limit_named() {
        let err = NewSubmission::parse(
            request("a", 2023, &vec![b'a'; 3 << 20], None),
            2026,
            2 << 20,
        )
        .unwrap_err();
        assert!(err.to_string().contains("2.0 MB"), "{err}");
    }

    #[test]
    fn gb18030_text_is_accepted() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("法治政府建设年度报告");
        assert!(NewSubmission::parse(request("a", 2023, &bytes, None), 2026, 1 << 20).is_ok());
    }
}

#[cfg(test)]
mod never_panics {
    //! The stable, short version of the `submit_request` fuzz target, run by
    //! `cargo test` (the long run needs nightly: see the README).
    use super::*;
    use proptest::prelude::*;
    use prost::Message;

    proptest! {
        #[test]
        fn any_bytes_as_a_request_are_parsed_or_refused(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
            if let Ok(request) = pb::SubmitReportRequest::decode(data.as_slice()) {
                let _ = NewSubmission::parse(request, 2026, 1 << 20);
            }
        }

        #[test]
        fn any_field_values_are_parsed_or_refused(
            code in ".{0,80}", key in proptest::option::of(".{0,200}"),
            media in ".{0,60}", name in ".{0,300}", year in any::<i32>(),
            content in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let request = pb::SubmitReportRequest {
                agency_code: code,
                reporting_year: year,
                document: Some(pb::Document { content, media_type: media, file_name: name }),
                idempotency_key: key,
            };
            if let Ok(new) = NewSubmission::parse(request, 2026, 1 << 20) {
                prop_assert!(!new.agency_code().chars().any(char::is_control));
                prop_assert!((2000..=2026).contains(&new.reporting_year()));
            }
        }
    }
}
