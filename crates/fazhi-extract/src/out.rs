//! The text being built: paragraphs joined by `\n`, a running `char` count
//! (headings are `char` ranges) and the output-size limit.

use crate::{ExtractError, Heading, Limit};

pub(crate) struct Out {
    text: String,
    chars: usize,
    max_chars: usize,
    headings: Vec<Heading>,
}

impl Out {
    pub(crate) fn new(max_chars: usize) -> Self {
        Out {
            text: String::new(),
            chars: 0,
            max_chars,
            headings: Vec::new(),
        }
    }

    /// Append one paragraph (trimmed; empty ones are dropped), optionally a
    /// heading at `level`.
    pub(crate) fn paragraph(&mut self, para: &str, level: Option<u8>) -> Result<(), ExtractError> {
        let para = para.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if para.is_empty() {
            return Ok(());
        }
        if !self.text.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        let start = self.chars;
        let n = para.chars().count();
        self.chars += n;
        if self.chars > self.max_chars {
            return Err(ExtractError::limit(
                Limit::OutputChars,
                self.chars as u64,
                self.max_chars as u64,
            ));
        }
        self.text.push_str(para);
        if let Some(level) = level {
            self.headings.push(Heading {
                start,
                end: self.chars,
                level,
            });
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> (String, Vec<Heading>) {
        (self.text, self.headings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_char_ranges_of_the_text() {
        let mut out = Out::new(100);
        out.paragraph("  标题一  ", None).ok();
        out.paragraph("", None).ok();
        out.paragraph("一、主要举措", Some(1)).ok();
        let (text, headings) = out.finish();
        assert_eq!(text, "标题一\n一、主要举措");
        let h = headings[0];
        let got: String = text.chars().skip(h.start).take(h.end - h.start).collect();
        assert_eq!(got, "一、主要举措");
    }

    #[test]
    fn output_limit_is_named() {
        let mut out = Out::new(3);
        let err = out.paragraph("一二三四", None).err();
        assert_eq!(err.map(|e| e.code()), Some("limit.output_chars"));
    }
}
