//! HTML text extraction: the article body of a government web page, with
//! scripts, styles and navigation dropped. Site chrome that survives (热搜,
//! 【打印】, 网站地图…) is removed later by `clean`, which also keeps the
//! page's 来源 and 发布日期 as metadata.

use scraper::{ElementRef, Html, Node};

use super::{Detail, LoadError, LoadOptions};

/// Elements whose content is never report text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "form", "select",
    "button", "svg", "template", "head", "object", "canvas", "input", "textarea", "map",
];
/// Elements that end a line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "hr",
    "main",
];

/// Extracts the readable text of a page: the title, the lines that carry the
/// page's metadata (来源/发布日期), then the main content.
pub fn extract(source: &str, options: &LoadOptions) -> Result<String, LoadError> {
    // The parser spends time proportional to the nesting depth on every
    // tag, so a page nested tens of thousands deep takes minutes to parse:
    // refuse it from its tags before parsing. The estimate errs high (an
    // element left open inside a table cell counts until the table ends),
    // hence the wide margin; `check_depth` then applies the exact cap.
    if nesting_estimate_exceeds(source, options.max_nesting.saturating_mul(4)) {
        return Err(LoadError::Html {
            detail: Detail::NestedTooDeep {
                max: options.max_nesting,
                groups: false,
            },
        });
    }
    let doc = Html::parse_document(source);
    check_depth(&doc, options.max_nesting)?;
    let root = doc.root_element();
    let body = doc.select(&selector("body")).next().unwrap_or(root);
    let content = main_content(body).unwrap_or(body);
    let mut out = String::new();
    let title: String = doc
        .select(&selector("title"))
        .flat_map(|t| t.text())
        .collect();
    let title = title.trim();
    if !title.is_empty() {
        out.push_str(title);
        out.push('\n');
    }
    if content != body {
        // Metadata lines sit outside the article container on most sites.
        let all = text_of(body);
        for line in all.lines() {
            let l = line.trim();
            if (l.contains("发布日期") || l.contains("发布时间") || l.starts_with("来源"))
                && l.chars().count() < 120
            {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out.push_str(&text_of(content));
    Ok(out)
}

fn selector(s: &str) -> scraper::Selector {
    // The selectors used here are constants that always parse.
    scraper::Selector::parse(s).unwrap_or_else(|_| unreachable_selector())
}

#[allow(clippy::unwrap_used)]
fn unreachable_selector() -> scraper::Selector {
    scraper::Selector::parse("*").unwrap()
}

/// Elements whose start tag opens no level: void elements, and those the
/// parser closes by itself when the next one starts (p, li, td…).
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "p", "li", "dt", "dd", "option",
    "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb", "rt", "rp", "rtc", "colgroup",
    "caption", "html", "head", "body",
];
/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// True when the page's tags alone nest deeper than `limit`: a linear scan
/// with a stack of open elements, where an end tag closes everything
/// opened after its start tag (as the parser does) and unmatched end tags
/// are ignored.
fn nesting_estimate_exceeds(source: &str, limit: usize) -> bool {
    use std::collections::HashMap;
    let bytes = source.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    // How many of each name are on the stack, so an unmatched end tag costs
    // nothing and a matched one only what it pops.
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while let Some(at) = source
        .get(i..)
        .and_then(|rest| rest.find('<'))
        .map(|p| i + p)
    {
        let after = bytes.get(at + 1..).unwrap_or_default();
        if after.starts_with(b"!--") {
            i = find_from(source, at + 4, "-->").map_or(bytes.len(), |p| p + 3);
            continue;
        }
        let closing = after.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let tag_end = find_from(source, name_start, ">").map_or(bytes.len(), |p| p + 1);
        if name_len == 0 {
            // "<!DOCTYPE …>", "<?xml …>", or a lone "<" in text.
            i = if matches!(after.first(), Some(b'!' | b'?')) {
                tag_end
            } else {
                at + 1
            };
            continue;
        }
        let name = source
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        i = tag_end;
        if closing {
            if open.get(&name).is_some_and(|n| *n > 0) {
                while let Some(top) = stack.pop() {
                    if let Some(n) = open.get_mut(&top) {
                        *n = n.saturating_sub(1);
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            i = find_end_tag(source, i, &name).unwrap_or(bytes.len());
            continue;
        }
        let self_closing = tag_end >= 2 && bytes.get(tag_end - 2) == Some(&b'/');
        if self_closing || FLAT.contains(&name.as_str()) {
            continue;
        }
        *open.entry(name.clone()).or_default() += 1;
        stack.push(name);
        if stack.len() > limit {
            return true;
        }
    }
    false
}

fn find_from(source: &str, from: usize, needle: &str) -> Option<usize> {
    source.get(from..)?.find(needle).map(|p| from + p)
}

/// Where `</name` (any case) starts at or after `from`.
fn find_end_tag(source: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let p = find_from(source, at, "</")?;
        let candidate = source.as_bytes().get(p + 2..p + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(p);
        }
        at = p + 2;
    }
}

fn check_depth(doc: &Html, max: usize) -> Result<(), LoadError> {
    // ego-tree nodes know their parent; measure depth iteratively.
    let mut stack = vec![(doc.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > max {
            return Err(LoadError::Html {
                detail: Detail::NestedTooDeep { max, groups: false },
            });
        }
        for child in node.children() {
            stack.push((child, depth + 1));
        }
    }
    Ok(())
}

fn is_skipped(el: &ElementRef) -> bool {
    SKIP.contains(&el.value().name())
}

/// The element that directly holds most of the page's Chinese text in
/// paragraph-like children: the classic "readability" choice of container.
fn main_content(body: ElementRef) -> Option<ElementRef> {
    use std::collections::HashMap;
    let mut score: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    let mut total = 0usize;
    for node in body.descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        if node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|e| is_skipped(&e))
        {
            continue;
        }
        let han = t.chars().filter(|c| crate::text::is_han(*c)).count();
        if han == 0 {
            continue;
        }
        total += han;
        // Credit the nearest block ancestor's parent: the container of paragraphs.
        let mut blocks = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .filter(|e| BLOCK.contains(&e.value().name()));
        let first = blocks.next();
        let container = blocks.next().or(first);
        if let Some(c) = container {
            *score.entry(c.id()).or_default() += han;
        }
    }
    let (best, han) = score.into_iter().max_by_key(|(_, n)| *n)?;
    // Only narrow down when the container clearly holds the article.
    if han < 200 || han * 2 < total {
        return None;
    }
    body.descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.id() == best)
}

fn text_of(root: ElementRef) -> String {
    let mut out = String::new();
    // Iterative pre-order walk with explicit "close" markers for blocks.
    // `pre` is carried down: inside it the text's own line breaks are the
    // report's lines (a whole report pasted into one <pre>).
    enum Step<'a> {
        Open(ego_tree::NodeRef<'a, Node>, bool),
        Close(bool),
    }
    let mut stack = vec![Step::Open(*root, false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(block) => {
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Step::Open(node, in_pre) => match node.value() {
                Node::Text(t) if in_pre => {
                    out.push_str(&t.replace("\r\n", "\n").replace('\r', "\n"));
                }
                Node::Text(t) => out.push_str(&t.replace(['\n', '\r'], " ")),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    let block = BLOCK.contains(&name);
                    if name == "br" {
                        // Every <br> is a line break, also a second one in a row.
                        out.push('\n');
                    } else if block && !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    let in_pre = in_pre
                        || name == "pre"
                        || name == "textarea"
                        || name == "listing"
                        || name == "plaintext"
                        || name == "xmp";
                    if name == "td" || name == "th" {
                        out.push(' ');
                    }
                    stack.push(Step::Close(block));
                    let children: Vec<_> = node.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push(Step::Open(child, in_pre));
                    }
                }
                _ => {}
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_article_and_drops_scripts_and_navigation() {
        let para = "一、主要举措和成效。我区坚持依法行政，受理行政复议案件13件，办理政府法律顾问事务243件。".repeat(4);
        let html = format!(
            "<html><head><title>某区2022年法治政府建设年度报告</title><style>p{{}}</style></head><body>\
             <nav>首页 政务公开</nav><div class=meta>来源:本网 发布日期:2023-02-22</div>\
             <script>var x='法治';</script><div id=content><p>{para}</p><p>二、存在的不足。{para}</p></div>\
             <footer>网站地图</footer></body></html>"
        );
        let text = extract(&html, &LoadOptions::default()).unwrap();
        assert!(
            text.starts_with("某区2022年法治政府建设年度报告\n"),
            "{text}"
        );
        assert!(text.contains("发布日期:2023-02-22"));
        assert!(text.contains("二、存在的不足。"));
        assert!(!text.contains("var x"));
        assert!(!text.contains("首页 政务公开"));
        assert!(!text.contains("网站地图"));
    }

    #[test]
    fn nesting_is_estimated_from_the_tags_before_parsing() {
        // 100,000 nested elements would take the parser minutes.
        let deep = format!(
            "<html><body>{}法治{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert!(nesting_estimate_exceeds(&deep, 1024));
        let opts = LoadOptions::default();
        assert!(matches!(extract(&deep, &opts), Err(LoadError::Html { .. })));
        // Unclosed formatting elements nest too.
        let unclosed = "<b><p>法治</p>".repeat(5_000);
        assert!(nesting_estimate_exceeds(&unclosed, 1024));
        // What real pages do is not nesting: unclosed p/li/td, void and
        // self-closing tags, markup inside scripts and comments, stray end
        // tags, and elements closed by an ancestor's end tag (the estimate
        // counts the divs left open in cells until </table>: 700 < 1024).
        let mut page = String::from("<!DOCTYPE html><html><head><title><div></title>");
        page.push_str(
            &"<script>var s = '<div><div><div>';</script><!-- <div><div> -->".repeat(300),
        );
        page.push_str("</head><body><table>");
        for _ in 0..700 {
            page.push_str("<tr><td><div>x<br><img src=a.png/><input/><p>段落<li>项</td></span>");
        }
        page.push_str("</table><ul>");
        page.push_str(&"<li><SPAN>项</Span>".repeat(2_000));
        page.push_str("</ul></body></html>");
        assert!(!nesting_estimate_exceeds(&page, 1024), "a flat page");
        assert!(extract(&page, &opts).is_ok());
        assert!(!nesting_estimate_exceeds("a < b <", 1));
        assert!(!nesting_estimate_exceeds(
            "<script>never closed <div><div>",
            1
        ));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let html = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(2000),
            "</div>".repeat(2000)
        );
        let opts = LoadOptions {
            max_nesting: 300,
            ..LoadOptions::default()
        };
        assert!(matches!(extract(&html, &opts), Err(LoadError::Html { .. })));
    }
}
