//! HTML character references left in scraped web copies (`&nbsp;`,
//! `&ldquo;…&rdquo;`, `&#12288;`): read as the characters they stand for,
//! each mapped to the offset of its `&`, so spans still point at the text
//! as submitted. Bounded look-ahead per `&`: linear.

/// Longest reference read (`&#x3000;`, `&hellip;`).
const MAX_REF: usize = 10;

const NAMED: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("quot", '"'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("mdash", '—'),
    ("ndash", '-'),
    ("hellip", '…'),
    ("middot", '·'),
    ("times", '×'),
    ("deg", '°'),
];

/// The character a reference body (between `&` and `;`) stands for.
fn resolve(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(v).filter(|c| !c.is_control() || *c == '\t');
    }
    NAMED.iter().find(|(n, _)| *n == body).map(|&(_, c)| c)
}

/// Replace references in a raw line of (character, original offset).
pub fn decode(raw: &mut Vec<(char, usize)>) {
    if !raw.iter().any(|&(c, _)| c == '&') {
        return;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (c, at) = raw[i];
        if c == '&' {
            let limit = raw.len().min(i + 2 + MAX_REF);
            let semi = (i + 1..limit).find(|&k| raw[k].0 == ';');
            let body: Option<String> =
                semi.map(|k| raw[i + 1..k].iter().map(|&(c, _)| c).collect());
            if let (Some(k), Some(ch)) = (semi, body.as_deref().and_then(resolve)) {
                out.push((crate::normalize::fold(ch).unwrap_or(' '), at));
                i = k + 1;
                continue;
            }
        }
        out.push((c, at));
        i += 1;
    }
    *raw = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Vec<usize>) {
        let mut raw: Vec<(char, usize)> = s.chars().enumerate().map(|(i, c)| (c, i)).collect();
        decode(&mut raw);
        (
            raw.iter().map(|p| p.0).collect(),
            raw.iter().map(|p| p.1).collect(),
        )
    }

    #[test]
    fn references_become_their_characters_at_the_ampersand() {
        let (text, offsets) = run("&nbsp;落实&ldquo;谁执法谁普法&rdquo;&#12288;R&amp;D");
        assert_eq!(text, " 落实“谁执法谁普法” R&D");
        assert_eq!(offsets[3], 8);
        assert_eq!(run("A & B;&unknown;&").0, "A & B;&unknown;&");
    }
}
