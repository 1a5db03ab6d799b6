//! Find the article body of a government page and render it as lines.
//!
//! Chrome (script, style, nav, header, footer, forms, and elements whose
//! id/class names navigation, breadcrumbs, share, print or font-size
//! widgets: `data/html_chrome_hints.txt`) is never counted or rendered. The
//! body is the element with a known content id/class
//! (`data/html_content_hints.txt`) holding enough text, else the element
//! with the best content density: text credited to its nearest block, that
//! block's parent and (half) grandparent, link text counted against.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// An article has at least this many visible non-link characters.
pub(crate) const MIN_ARTICLE_CHARS: usize = 100;

const SKIP_TAGS: [&str; 14] = [
    "script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "button", "select",
    "input", "aside", "template", "svg",
];
const BLOCK_TAGS: [&str; 22] = [
    "p",
    "div",
    "td",
    "th",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "table",
    "tr",
    "ul",
    "ol",
    "center",
];

fn words(data: &'static str) -> Vec<String> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

fn content_hints() -> &'static [String] {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| words(include_str!("../../data/html_content_hints.txt")))
}

fn chrome_hints() -> &'static [String] {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| words(include_str!("../../data/html_chrome_hints.txt")))
}

pub(crate) fn chrome_lines() -> &'static [String] {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| words(include_str!("../../data/html_chrome_lines.txt")))
}

fn names(el: &scraper::node::Element) -> Vec<String> {
    el.id()
        .into_iter()
        .chain(el.classes())
        .map(str::to_lowercase)
        .collect()
}

fn is_chrome(el: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    let names = names(el);
    names
        .iter()
        .any(|n| chrome_hints().iter().any(|h| n.contains(h.as_str())))
}

fn visible_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

#[derive(Default, Clone, Copy)]
struct Score {
    text: usize,
    links: usize,
    density: f64,
}

/// The article element, or `None` when the page has no body of text.
pub(crate) fn find(html: &Html) -> Option<NodeId> {
    // Ordered by node id (document order): ties go to the later, inner node,
    // and the answer never depends on hash order.
    let mut scores: BTreeMap<NodeId, Score> = BTreeMap::new();
    // (node, is_block, is_link, skipped)
    let mut stack: Vec<(NodeId, bool, bool, bool)> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let parent_skip = stack.last().is_some_and(|s| s.3);
                    let parent_link = stack.last().is_some_and(|s| s.2);
                    stack.push((
                        node.id(),
                        BLOCK_TAGS.contains(&el.name()),
                        parent_link || el.name() == "a",
                        parent_skip || is_chrome(el),
                    ));
                }
                Node::Text(t) => {
                    let Some(&(_, _, link, skipped)) = stack.last() else {
                        continue;
                    };
                    let n = visible_len(t);
                    if skipped || n == 0 {
                        continue;
                    }
                    let mut blocks = 0;
                    for &(id, block, _, _) in stack.iter().rev() {
                        let s = scores.entry(id).or_default();
                        if link {
                            s.links += n;
                        } else {
                            s.text += n;
                        }
                        if block && !link {
                            s.density += match blocks {
                                0 | 1 => n as f64,
                                2 => n as f64 / 2.0,
                                _ => 0.0,
                            };
                            blocks += 1;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if matches!(node.value(), Node::Element(_)) {
                    stack.pop();
                }
            }
        }
    }
    let element = |id: NodeId| {
        html.tree
            .get(id)
            .and_then(|n| n.value().as_element().cloned())
    };
    let hinted = scores
        .iter()
        .filter(|(_, s)| s.text >= 2 * MIN_ARTICLE_CHARS && s.links * 2 < s.text)
        .filter(|(id, _)| {
            element(**id).is_some_and(|el| names(&el).iter().any(|n| content_hints().contains(n)))
        })
        // The hinted element with the most text; `max_by_key` keeps the last
        // maximum, so a body wins over a wrapper holding the same text.
        .max_by_key(|(_, s)| s.text)
        .map(|(id, _)| *id);
    if hinted.is_some() {
        return hinted;
    }
    scores
        .iter()
        .filter(|(_, s)| s.text >= MIN_ARTICLE_CHARS)
        .map(|(id, s)| {
            let link_density = s.links as f64 / (s.text + s.links).max(1) as f64;
            (*id, s.density * (1.0 - link_density))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

/// The lines of `root`'s subtree: blocks and `<br>` break lines, table cells
/// are joined by `\t`, whitespace runs collapse to one space.
pub(crate) fn render(html: &Html, root: NodeId, skip_chrome: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let Some(root) = html.tree.get(root) else {
        return lines;
    };
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut cells = CellSizes::default();
    let root_id = root.id();
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let l = line.trim();
        if !l.is_empty() {
            lines.push(l.to_owned());
        }
        line.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    depth += 1;
                    if skip_depth.is_some() {
                        continue;
                    }
                    let hidden = if skip_chrome {
                        is_chrome(el)
                    } else {
                        matches!(el.name(), "script" | "style" | "noscript" | "template")
                    };
                    if hidden {
                        skip_depth = Some(depth);
                        continue;
                    }
                    match el.name() {
                        "br" => flush(&mut line, &mut lines),
                        "td" | "th" if !line.is_empty() => line.push('\t'),
                        "td" | "th" => {}
                        name if BLOCK_TAGS.contains(&name)
                            && name != "table"
                            && !cells.in_small_cell(&node, root_id) =>
                        {
                            flush(&mut line, &mut lines)
                        }
                        _ => {}
                    }
                }
                Node::Text(t) if skip_depth.is_none() => {
                    let mut last_space = line.ends_with(' ') || line.is_empty();
                    for c in t.chars() {
                        if c.is_ascii_whitespace() {
                            if !last_space {
                                line.push(' ');
                            }
                            last_space = true;
                        } else {
                            line.push(c);
                            last_space = false;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth == Some(depth) {
                        skip_depth = None;
                    }
                    depth = depth.saturating_sub(1);
                    let name = el.name();
                    if skip_depth.is_none()
                        && (name == "tr"
                            || (BLOCK_TAGS.contains(&name)
                                && !cells.in_small_cell(&node, root_id)
                                && name != "td"
                                && name != "th"))
                    {
                        flush(&mut line, &mut lines);
                    }
                }
            }
        }
    }
    flush(&mut line, &mut lines);
    lines
        .into_iter()
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>().join("\t"))
        .filter(|l| !skip_chrome || !is_widget_line(l))
        .collect()
}

/// Cells small enough to be data (one value or phrase) keep their row on
/// one line; a big cell is page layout (old sites put the whole article in a
/// `<td>`), and its paragraphs break lines as usual.
const DATA_CELL_CHARS: usize = 100;

#[derive(Default)]
struct CellSizes {
    known: HashMap<NodeId, usize>,
}

impl CellSizes {
    fn in_small_cell(&mut self, node: &ego_tree::NodeRef<'_, Node>, root: NodeId) -> bool {
        // Only cells inside the rendered subtree count: the article itself may
        // sit in a layout cell.
        let cell = node
            .ancestors()
            .take(64)
            .take_while(|a| a.id() != root)
            .filter(|a| a.value().as_element().is_some())
            .take_while(|a| a.value().as_element().is_some_and(|e| e.name() != "table"))
            .find(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th"))
            });
        let Some(cell) = cell else { return false };
        let size = *self.known.entry(cell.id()).or_insert_with(|| {
            cell.descendants()
                .filter_map(|d| match d.value() {
                    Node::Text(t) => Some(visible_len(t)),
                    _ => None,
                })
                .sum()
        });
        size <= DATA_CELL_CHARS
    }
}

fn is_widget_line(line: &str) -> bool {
    line.chars().count() < 80 && chrome_lines().iter().any(|p| line.contains(p.as_str()))
}
