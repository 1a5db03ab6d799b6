use crate::{ExtractError, Extracted, Limits};
pub(crate) fn extract(_b: &[u8], _l: &Limits) -> Result<Extracted, ExtractError> { Err(ExtractError::PdfNoText) }
pub(crate) fn cheap_check(_b: &[u8]) -> Result<(), ExtractError> { Ok(()) }
