//! One error type for detection and extraction. Every variant is the file's
//! fault (a permanent refusal, never worth a retry); `Display` is a Chinese
//! sentence a clerk can act on, [`ExtractError::code`] a stable machine code.

use crate::Format;

/// A configured bound that a file went over (see [`crate::Limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    InputBytes,
    UncompressedBytes,
    CompressionRatio,
    Entries,
    XmlDepth,
    Pages,
    OutputChars,
}

impl Limit {
    /// Chinese name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Limit::InputBytes => "文件大小（字节）",
            Limit::UncompressedBytes => "解压后总大小（字节）",
            Limit::CompressionRatio => "压缩比",
            Limit::Entries => "压缩包条目数",
            Limit::XmlDepth => "XML/HTML 嵌套层数",
            Limit::Pages => "页数",
            Limit::OutputChars => "提取文字字符数",
        }
    }

    /// Stable suffix of [`ExtractError::code`].
    pub fn code(self) -> &'static str {
        match self {
            Limit::InputBytes => "limit.input_bytes",
            Limit::UncompressedBytes => "limit.uncompressed_bytes",
            Limit::CompressionRatio => "limit.compression_ratio",
            Limit::Entries => "limit.entries",
            Limit::XmlDepth => "limit.xml_depth",
            Limit::Pages => "limit.pages",
            Limit::OutputChars => "limit.output_chars",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("文件为空")]
    Empty,
    /// The message of `fazhi_core::DecodeError` (kept as text: that type is not `Clone`).
    #[error("{0}")]
    TextEncoding(String),
    #[error("文件声明为 {claimed}，但它不是 ZIP 压缩包（{claimed} 必须是），文件实际是：{actual}")]
    NotZip {
        claimed: &'static str,
        actual: &'static str,
    },
    #[error("压缩包不完整（文件可能在上传或复制时被截断），请重新导出后提交")]
    TruncatedZip,
    #[error(
        "这是旧版 Word（.doc）或 WPS（.wps）二进制文件，无法读取；请在 Word 或 WPS 中“另存为”DOCX 后提交"
    )]
    LegacyOle,
    #[error("文档设置了打开密码（加密的 Office 文档），无法读取；请取消密码并另存为 DOCX 后提交")]
    EncryptedOffice,
    #[error("文件声明为 {declared}，但文件实际是：{actual}")]
    Mismatch {
        declared: &'static str,
        actual: &'static str,
    },
    #[error(
        "不支持的文件格式（文件实际是：{actual}）；请提交 DOCX、PDF、OFD、网页（HTML）或纯文本"
    )]
    Unsupported { actual: &'static str },
    #[error("文件超出限制：{}为 {value}，上限为 {max}（可能是压缩炸弹或结构异常的文件）", .limit.name())]
    LimitExceeded { limit: Limit, value: u64, max: u64 },
    #[error("{format} 文件已损坏或结构不完整：{detail}")]
    Malformed {
        format: &'static str,
        detail: String,
    },
    #[error("PDF 文本无法识别，请提交 DOCX 或网页版本（{reason}）")]
    PdfUnreadable { reason: &'static str },
    #[error("PDF 没有文字层（可能是扫描件），请提交 DOCX 或网页版本")]
    PdfNoText,
    #[error("PDF 已加密，无法读取文字，请提交未加密的 PDF、DOCX 或网页版本")]
    PdfEncrypted,
    #[error(
        "网页中找不到报告正文（只有导航、页眉页脚等网站栏目），请提交报告正文所在的页面或 DOCX"
    )]
    HtmlNoArticle,
    #[error("{format} 文件中没有文字")]
    NoText { format: &'static str },
}

impl ExtractError {
    /// Stable machine code (logs, metrics, the `REJECTED` reason).
    pub fn code(&self) -> &'static str {
        match self {
            ExtractError::Empty => "empty",
            ExtractError::TextEncoding(_) => "text_encoding",
            ExtractError::NotZip { .. } => "not_zip",
            ExtractError::TruncatedZip => "truncated_zip",
            ExtractError::LegacyOle => "legacy_ole",
            ExtractError::EncryptedOffice => "encrypted_office",
            ExtractError::Mismatch { .. } => "media_type_mismatch",
            ExtractError::Unsupported { .. } => "unsupported_format",
            ExtractError::LimitExceeded { limit, .. } => limit.code(),
            ExtractError::Malformed { .. } => "malformed",
            ExtractError::PdfUnreadable { .. } => "pdf_unreadable",
            ExtractError::PdfNoText => "pdf_no_text",
            ExtractError::PdfEncrypted => "pdf_encrypted",
            ExtractError::HtmlNoArticle => "html_no_article",
            ExtractError::NoText { .. } => "no_text",
        }
    }

    /// True for what [`crate::detect`] can know cheaply while the agency is
    /// still on the line (the edge answers `INVALID_ARGUMENT`); the others
    /// surface during [`crate::extract`] (the worker marks the submission
    /// `REJECTED` with this message). Either way never retry.
    pub fn is_cheap_refusal(&self) -> bool {
        matches!(
            self,
            ExtractError::Empty
                | ExtractError::TextEncoding(_)
                | ExtractError::NotZip { .. }
                | ExtractError::TruncatedZip
                | ExtractError::LegacyOle
                | ExtractError::EncryptedOffice
                | ExtractError::Mismatch { .. }
                | ExtractError::Unsupported { .. }
                | ExtractError::PdfNoText
                | ExtractError::PdfEncrypted
                | ExtractError::PdfUnreadable { .. }
                | ExtractError::LimitExceeded {
                    limit: Limit::InputBytes | Limit::Entries,
                    ..
                }
        )
    }

    pub(crate) fn malformed(format: Format, detail: impl Into<String>) -> Self {
        ExtractError::Malformed {
            format: format.name(),
            detail: detail.into(),
        }
    }

    pub(crate) fn limit(limit: Limit, value: u64, max: u64) -> Self {
        ExtractError::LimitExceeded { limit, value, max }
    }
}
