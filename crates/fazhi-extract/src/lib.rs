//! fazhi-extract: the bytes of a submitted file → the text the parser reads.
//!
//! Pure: no async, no file or network I/O. Never panics on any input; every
//! cost is bounded by [`Limits`]. Output is text only (images are never
//! decompressed or copied), so what travels on after extraction stays small.
//!
//! Two calls: [`detect`] is cheap (magic bytes, ZIP directory, PDF fonts) and
//! meant for the gRPC edge while the agency is still on the line;
//! [`extract`] does the full work (meant for the worker). Character offsets
//! in [`Extracted::headings`] count `char`s of [`Extracted::text`], the same
//! unit `fazhi_core` uses, so the parse's offsets refer to that text.

mod detect;
mod docx;
mod error;
mod html;
mod layout;
mod limits;
mod meta;
mod ofd;
mod out;
mod pdf;
mod xml;
mod zipread;

pub use detect::detect;
pub use error::{ExtractError, Limit};
pub use limits::Limits;
pub use meta::{Date, PageMeta};

/// The formats we read. Serialized as [`Format::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Docx,
    Html,
    Pdf,
    Ofd,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Docx,
        Format::Html,
        Format::Pdf,
        Format::Ofd,
    ];

    /// Short name used in messages (`DOCX`, `网页（HTML）` …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "纯文本",
            Format::Docx => "DOCX",
            Format::Html => "网页（HTML）",
            Format::Pdf => "PDF",
            Format::Ofd => "OFD",
        }
    }

    /// The canonical media type (what the edge stores with the original).
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Html => "text/html",
            Format::Pdf => "application/pdf",
            Format::Ofd => "application/ofd",
        }
    }

    /// Stable lower-case code (`text`, `docx`, `html`, `pdf`, `ofd`).
    pub fn code(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Ofd => "ofd",
        }
    }
}

/// A heading signal from the document's own structure (Word heading styles,
/// `w:outlineLvl`), as a range of `char`s in [`Extracted::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub start: usize,
    pub end: usize,
    /// Outline level, 1 = top (`一、` level), as Word counts it.
    pub level: u8,
}

/// What the parser reads, plus what the file says about itself. Serializable
/// so the pipeline can store it (or carry it) as JSON.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub format: Format,
    /// Paragraphs separated by `\n`; table rows one per line, cells by `\t`.
    pub text: String,
    pub headings: Vec<Heading>,
    pub meta: PageMeta,
    /// Footnotes and endnotes, kept out of `text` so they never split a part.
    pub notes: Vec<String>,
}

/// Extract the text of `bytes` read as `format` (normally [`detect`]'s answer).
pub fn extract(bytes: &[u8], format: Format, limits: &Limits) -> Result<Extracted, ExtractError> {
    detect::check_input_size(bytes, limits)?;
    let extracted = match format {
        Format::Text => text(bytes, limits)?,
        Format::Docx => docx::extract(bytes, limits)?,
        Format::Html => html::extract(bytes, limits)?,
        Format::Pdf => pdf::extract(bytes, limits)?,
        Format::Ofd => ofd::extract(bytes, limits)?,
    };
    if extracted.text.trim().is_empty() {
        return Err(match format {
            Format::Pdf => ExtractError::PdfNoText,
            Format::Html => ExtractError::HtmlNoArticle,
            _ => ExtractError::NoText {
                format: format.name(),
            },
        });
    }
    Ok(extracted)
}

/// [`detect`] then [`extract`]: what a caller without a separate edge step wants.
pub fn extract_any(
    bytes: &[u8],
    declared_media_type: Option<&str>,
    file_name: Option<&str>,
    limits: &Limits,
) -> Result<Extracted, ExtractError> {
    let format = detect(bytes, declared_media_type, file_name)?;
    extract(bytes, format, limits)
}

fn text(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let text = fazhi_core::decode(bytes).map_err(|e| match e {
        fazhi_core::DecodeError::Empty => ExtractError::Empty,
        other => ExtractError::TextEncoding(other.to_string()),
    })?;
    let chars = text.chars().count();
    if chars > limits.max_output_chars {
        return Err(ExtractError::limit(
            Limit::OutputChars,
            chars as u64,
            limits.max_output_chars as u64,
        ));
    }
    Ok(Extracted {
        format: Format::Text,
        text,
        headings: Vec::new(),
        meta: PageMeta::default(),
        notes: Vec::new(),
    })
}
