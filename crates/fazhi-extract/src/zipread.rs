//! A ZIP read under [`Limits`]: entry count checked on open; every entry read
//! through a budget of actual decompressed bytes (declared sizes can lie) and
//! a ratio check, so a bomb stops after at most the budget, never expands.

use std::io::{Cursor, Read};

use crate::{ExtractError, Format, Limit, Limits};

pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    format: Format,
    read_so_far: u64,
    limits: Limits,
}

/// Open the central directory (cheap: no entry is decompressed).
pub(crate) fn open<'a>(
    bytes: &'a [u8],
    format: Format,
    limits: &Limits,
) -> Result<Archive<'a>, ExtractError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(open_error)?;
    if zip.len() > limits.max_entries {
        return Err(ExtractError::limit(
            Limit::Entries,
            zip.len() as u64,
            limits.max_entries as u64,
        ));
    }
    Ok(Archive {
        zip,
        format,
        read_so_far: 0,
        limits: limits.clone(),
    })
}

/// A ZIP whose central directory cannot be read is, for a file that starts
/// with a local header, almost always cut short.
pub(crate) fn open_error(e: zip::result::ZipError) -> ExtractError {
    match e {
        zip::result::ZipError::UnsupportedArchive(what) => ExtractError::Malformed {
            format: "ZIP",
            detail: format!("不支持的压缩方式或加密（{what}）"),
        },
        _ => ExtractError::TruncatedZip,
    }
}

impl Archive<'_> {
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .flatten()
            .map(|n| n.into_owned())
            .collect()
    }

    /// The entry's decompressed bytes, `None` when absent.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let Some(index) = self.find(name) else {
            return Ok(None);
        };
        let format = self.format;
        let remaining = self
            .limits
            .max_uncompressed_bytes
            .saturating_sub(self.read_so_far);
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| ExtractError::malformed(format, format!("无法读取 {name}：{e}")))?;
        let compressed = entry.compressed_size().max(1);
        let mut buf = Vec::new();
        // One byte over the budget tells "over" from "exactly at".
        let mut limited = (&mut entry).take(remaining.saturating_add(1));
        let mut chunk = [0u8; 64 * 1024];
        loop {
            let n = limited
                .read(&mut chunk)
                .map_err(|e| ExtractError::malformed(format, format!("{name} 解压失败：{e}")))?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
            let len = buf.len() as u64;
            if len > remaining {
                return Err(ExtractError::limit(
                    Limit::UncompressedBytes,
                    self.read_so_far + len,
                    self.limits.max_uncompressed_bytes,
                ));
            }
            if len > self.limits.ratio_floor_bytes
                && len / compressed > self.limits.max_ratio.into()
            {
                return Err(ExtractError::limit(
                    Limit::CompressionRatio,
                    len / compressed,
                    self.limits.max_ratio.into(),
                ));
            }
        }
        self.read_so_far += buf.len() as u64;
        Ok(Some(buf))
    }

    /// Exact name first, then ASCII-case-insensitive (some producers write
    /// `Word/Document.xml`), leading `/` ignored.
    fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        if let Some(i) = self.zip.index_for_name(name) {
            return Some(i);
        }
        let found = self
            .zip
            .file_names()
            .flatten()
            .find(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
            .map(|n| n.into_owned())?;
        self.zip.index_for_name(&found)
    }
}

/// Resolve `target` (relative to the directory of `base`, or absolute with a
/// leading `/`) to an archive path, folding `.` and `..`.
pub(crate) fn resolve(base: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        parts.extend(
            base.rsplit_once('/')
                .map(|(dir, _)| dir)
                .unwrap_or("")
                .split('/'),
        );
    }
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn relative_and_absolute_targets() {
        assert_eq!(
            resolve("word/document.xml", "footnotes.xml"),
            "word/footnotes.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve("Doc_0/Document.xml", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0/Document.xml", "../OFD.xml"), "OFD.xml");
        assert_eq!(
            resolve("OFD.xml", "./Doc_0/Document.xml"),
            "Doc_0/Document.xml"
        );
    }
}
