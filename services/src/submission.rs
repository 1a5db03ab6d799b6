//! A submission request parsed into what the rest of the system may trust.

use fazhi_proto::v1 as pb;
use sha2::{Digest, Sha256};

use crate::error::ServiceError;

/// Media types processed today. DOCX, HTML and PDF are planned: the API
/// already carries the media type so clients need not change.
const TEXT_PLAIN: &str = "text/plain";
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
        let media_type = normalize_media_type(&document.media_type, &document.file_name)?;
        // Refuse undecodable text now, while the agency is still on the line.
        fazhi_core::decode(&document.content)
            .map_err(|e| ServiceError::InvalidArgument(format!("无法读取报告文本：{e}")))?;
        let file_name = document.file_name.trim();
        if file_name.chars().count() > MAX_FILE_NAME_CHARS
            || file_name.chars().any(char::is_control)
        {
            return Err(invalid("文件名过长或含有控制字符"));
        }
        let file_name = if file_name.is_empty() {
            "report.txt"
        } else {
            file_name
        }
        .to_owned();
        let idempotency_key = match request.idempotency_key.map(|k| k.trim().to_owned()) {
            Some(k) if k.is_empty() => None,
            Some(k) if k.chars().count() > MAX_KEY_CHARS => {
                return Err(invalid("幂等键（idempotency_key）不能超过128个字符"));
            }
            other => other,
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

    pub fn agency_code(&self) -> &str {
        &self.agency_code
    }

    pub fn reporting_year(&self) -> i32 {
        self.reporting_year
    }

    pub fn content_sha256(&self) -> &str {
        &self.content_sha256
    }

    pub fn into_record(self, district: String, submitted_at: i64) -> fazhi_store::SubmissionRecord {
        fazhi_store::SubmissionRecord {
            submission_id: self.submission_id(),
            agency_code: self.agency_code,
            district,
            reporting_year: self.reporting_year,
            file_name: self.file_name,
            media_type: self.media_type,
            content: self.content,
            content_sha256: self.content_sha256,
            idempotency_key: self.idempotency_key,
            submitted_at,
        }
    }
}

fn normalize_media_type(media_type: &str, file_name: &str) -> Result<String, ServiceError> {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let essence = if essence.is_empty() {
        let lower = file_name.to_lowercase();
        if lower.ends_with(".txt") || !lower.contains('.') {
            TEXT_PLAIN.to_owned()
        } else {
            return Err(ServiceError::InvalidArgument(format!(
                "请注明文档类型（media_type）；目前仅支持纯文本（text/plain），无法处理“{file_name}”"
            )));
        }
    } else {
        essence
    };
    if essence == TEXT_PLAIN {
        return Ok(if media_type.trim().is_empty() {
            TEXT_PLAIN.to_owned()
        } else {
            media_type.trim().to_owned()
        });
    }
    let what = match essence.as_str() {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/msword" => "Word 文档",
        "application/pdf" => "PDF",
        "text/html" => "网页（HTML）",
        "application/ofd" => "OFD",
        _ => "该格式",
    };
    Err(ServiceError::InvalidArgument(format!(
        "暂不支持{what}（{essence}），目前仅支持纯文本（text/plain，UTF-8 或 GB18030 编码），请另存为 .txt 后提交"
    )))
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
        let a = NewSubmission::parse(request("a", 2023, "甲".as_bytes(), Some("k")), 2026).unwrap();
        let b = NewSubmission::parse(request("a", 2023, "乙".as_bytes(), Some("k")), 2026).unwrap();
        assert_eq!(a.submission_id(), b.submission_id());
        let c = NewSubmission::parse(request("b", 2023, "甲".as_bytes(), Some("k")), 2026).unwrap();
        assert_ne!(a.submission_id(), c.submission_id());
    }

    #[test]
    fn without_key_the_document_decides_the_id() {
        let a = NewSubmission::parse(request("a", 2023, "甲".as_bytes(), None), 2026).unwrap();
        let b = NewSubmission::parse(request("a", 2023, "甲".as_bytes(), None), 2026).unwrap();
        let c = NewSubmission::parse(request("a", 2023, "乙".as_bytes(), None), 2026).unwrap();
        assert_eq!(a.submission_id(), b.submission_id());
        assert_ne!(a.submission_id(), c.submission_id());
    }

    #[test]
    fn future_year_and_empty_document_are_refused_in_chinese() {
        let err =
            NewSubmission::parse(request("a", 2030, "甲".as_bytes(), None), 2026).unwrap_err();
        assert!(err.to_string().contains("报告年度 2030"));
        let err = NewSubmission::parse(request("a", 2023, b"", None), 2026).unwrap_err();
        assert!(err.to_string().contains("为空"));
    }

    #[test]
    fn docx_is_refused_with_a_hint() {
        let mut r = request("a", 2023, b"PK\x03\x04", None);
        r.document.as_mut().unwrap().media_type =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into();
        let err = NewSubmission::parse(r, 2026).unwrap_err();
        assert!(err.to_string().contains("Word"), "{err}");
    }

    #[test]
    fn gb18030_text_is_accepted() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("法治政府建设年度报告");
        assert!(NewSubmission::parse(request("a", 2023, &bytes, None), 2026).is_ok());
    }
}
