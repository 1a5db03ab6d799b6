//! The page's encoding: BOM, then `<meta charset>` / `http-equiv`
//! `content="…; charset=…"` in the first 4 KiB, then UTF-8 if the bytes are
//! valid UTF-8, else a guess by `chardetng` (GB2312/GBK pages without a
//! declaration are common). GB2312 and GBK labels decode with encoding_rs's
//! GBK decoder, which reads the whole of GB18030's two-byte range.

use encoding_rs::Encoding;

pub(crate) fn decode(bytes: &[u8]) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared(bytes))
        .unwrap_or_else(|| sniff(bytes));
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(pos) = crate::detect::find(&head[from..], b"charset") {
        let start = from + pos + b"charset".len();
        let rest = &head[start..];
        let value: Vec<u8> = rest
            .iter()
            .skip_while(|b| matches!(b, b' ' | b'=' | b'"' | b'\''))
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
            .copied()
            .collect();
        if let Some(e) = Encoding::for_label(&value) {
            // A page that says UTF-16 in ASCII bytes is not UTF-16.
            return Some(
                if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    e
                },
            );
        }
        from = start;
    }
    None
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn gb2312_declared_and_undeclared() {
        let text = "法治政府建设年度报告，开展普法宣传活动二十余场。";
        let (gb, _, _) = encoding_rs::GBK.encode(text);
        let mut declared =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">".to_vec();
        declared.extend_from_slice(&gb);
        assert!(decode(&declared).ends_with(text));
        let mut bare = b"<html><body><p>".to_vec();
        bare.extend_from_slice(&gb.repeat(4));
        assert!(decode(&bare).contains(text));
        assert!(decode(format!("<meta charset=\"utf-8\">{text}").as_bytes()).contains(text));
    }
}
