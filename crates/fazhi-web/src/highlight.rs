//! The report's text with its parts, items, quantities and findings marked.
//! Spans are in characters (as the parser gives them); the text is walked
//! once, char by char, so a span never cuts a character and the cost is
//! linear. Spans nest; one that would cross another already open is left
//! out rather than producing broken markup, except a `priority` span (the
//! sentence a reader came to see), before which crossing spans give way.

use maud::{Markup, PreEscaped};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub class: String,
    pub id: Option<String>,
    /// Shown on hover (what a number counts).
    pub title: Option<String>,
    /// Shown before the span by the stylesheet (a part's name).
    pub label: Option<String>,
    pub priority: bool,
}

impl Span {
    pub fn new(start: usize, end: usize, class: &str) -> Span {
        Span {
            start,
            end,
            class: class.to_owned(),
            id: None,
            title: None,
            label: None,
            priority: false,
        }
    }
}

fn crosses(a: &Span, b: &Span) -> bool {
    (a.start < b.start && b.start < a.end && a.end < b.end)
        || (b.start < a.start && a.start < b.end && b.end < a.end)
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        c => out.push(c),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| escape_into(&mut out, c));
    out
}

fn open_tag(out: &mut String, s: &Span) {
    out.push_str("<span class=\"");
    out.push_str(&escape(&s.class));
    out.push('"');
    for (name, value) in [("id", &s.id), ("title", &s.title), ("data-label", &s.label)] {
        if let Some(v) = value {
            out.push_str(&format!(" {name}=\"{}\"", escape(v)));
        }
    }
    out.push('>');
}

/// `text` as HTML with `spans` as `<span>` elements.
pub fn render(text: &str, spans: Vec<Span>) -> Markup {
    let total = text.chars().count();
    let priority: Vec<Span> = spans.iter().filter(|s| s.priority).cloned().collect();
    let mut spans: Vec<Span> = spans
        .into_iter()
        .map(|mut s| {
            s.end = s.end.min(total);
            s
        })
        .filter(|s| s.start < s.end)
        .filter(|s| s.priority || !priority.iter().any(|p| crosses(p, s)))
        .collect();
    // Outer spans first: by start, then the longer one.
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new(); // ends of open spans
    let mut next = spans.into_iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while stack.last() == Some(&i) {
            stack.pop();
            out.push_str("</span>");
        }
        while let Some(s) = next.next_if(|s| s.start == i) {
            if stack.last().is_some_and(|&end| s.end > end) {
                continue; // would cross the open span
            }
            open_tag(&mut out, &s);
            stack.push(s.end);
        }
        escape_into(&mut out, c);
    }
    for _ in stack {
        out.push_str("</span>");
    }
    PreEscaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_spans_wrap_the_right_characters() {
        let html = render(
            "开展普法22场。",
            vec![Span::new(0, 8, "item"), Span::new(4, 7, "qty")],
        )
        .into_string();
        assert_eq!(
            html,
            "<span class=\"item\">开展普法<span class=\"qty\">22场</span>。</span>"
        );
    }

    #[test]
    fn a_crossing_span_is_dropped_unless_it_has_priority() {
        let text = "甲乙丙丁戊";
        let plain = render(text, vec![Span::new(0, 3, "a"), Span::new(2, 5, "b")]).into_string();
        assert_eq!(plain, "<span class=\"a\">甲乙丙</span>丁戊");
        let mut target = Span::new(2, 5, "target");
        target.priority = true;
        let html = render(text, vec![Span::new(0, 3, "a"), target]).into_string();
        assert_eq!(html, "甲乙<span class=\"target\">丙丁戊</span>");
    }

    #[test]
    fn text_and_attributes_are_escaped_and_spans_past_the_end_are_clamped() {
        let mut s = Span::new(0, 99, "q");
        s.title = Some("a\"b".into());
        let html = render("<b>&", vec![s]).into_string();
        assert_eq!(
            html,
            "<span class=\"q\" title=\"a&quot;b\">&lt;b&gt;&amp;</span>"
        );
    }

    #[test]
    fn output_is_linear_on_a_long_text() {
        let text = "法".repeat(200_000);
        let spans = (0..20_000)
            .map(|i| Span::new(i * 10, i * 10 + 5, "q"))
            .collect();
        let t = std::time::Instant::now();
        let html = render(&text, spans).into_string();
        assert!(t.elapsed().as_millis() < 2_000);
        assert_eq!(html.matches("<span").count(), 20_000);
    }
}
