//! Nesting depth of container tags, counted on the raw text before the HTML
//! parser runs: html5ever's tree builder walks its stack of open elements
//! for many tags, so 100 000 nested `<div>`s would cost time quadratic in
//! depth. Script and style bodies are skipped; void and auto-closing tags
//! are not counted.

use crate::{ExtractError, Limit};

const CONTAINERS: [&str; 16] = [
    "div",
    "span",
    "section",
    "article",
    "table",
    "tbody",
    "tr",
    "td",
    "ul",
    "ol",
    "font",
    "b",
    "i",
    "a",
    "blockquote",
    "strong",
];

pub(crate) fn check_depth(html: &str, max: usize) -> Result<(), ExtractError> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
        let name = html.get(start..end).unwrap_or("").to_ascii_lowercase();
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let lower_rest = &bytes[end..];
            match find_ci(lower_rest, close.as_bytes()) {
                Some(p) => i = end + p,
                None => return Ok(()),
            }
            continue;
        }
        if !CONTAINERS.contains(&name.as_str()) {
            continue;
        }
        let gt = bytes[end..]
            .iter()
            .position(|&b| b == b'>')
            .map(|p| end + p);
        let self_closing = gt.is_some_and(|g| g > 0 && bytes[g - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            if depth > max {
                return Err(ExtractError::limit(
                    Limit::XmlDepth,
                    depth as u64,
                    max as u64,
                ));
            }
        }
    }
    Ok(())
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::check_depth;

    #[test]
    fn deep_nesting_is_refused_and_scripts_are_skipped() {
        let deep = "<div>".repeat(100_000);
        assert_eq!(
            check_depth(&deep, 256).err().map(|e| e.code()),
            Some("limit.xml_depth")
        );
        let script = format!("<script>{}</script><div>x</div>", "'<div>'+".repeat(1000));
        assert_eq!(check_depth(&script, 256), Ok(()));
        let normal = "<div><p>a<br/><span>b</span></p></div>".repeat(1000);
        assert_eq!(check_depth(&normal, 8), Ok(()));
    }
}
