//! OFD (GB/T 33190), the Chinese fixed-layout format: a zip whose
//! `OFD.xml` names the document (`DocBody/DocRoot`), whose `Document.xml`
//! lists the pages (`Pages/Page@BaseLoc`), each page's `Content.xml` holding
//! `TextObject`s (`Boundary="x y w h"`) with `TextCode`s (`X`, `Y`, optional
//! `DeltaX`).
//!
//! Producers write text objects in any order, often one per line or one
//! per character, so the text is rebuilt from positions: page by page,
//! top to bottom and left to right, runs on the same baseline joined into
//! lines and lines into paragraphs by the layout (a larger gap, an indent,
//! or a short previous line starts a new one). Page-number lines are put on
//! lines of their own after the paragraph they interrupt, where cleaning
//! removes and logs them as it does for PDF page marks.

use quick_xml::events::{BytesStart, Event};

use super::zipsafe::SafeZip;
use super::{Detail, Format, LoadError, LoadOptions};

/// Most pages read: an annual report has tens; thousands is not a report.
pub const MAX_PAGES: usize = 2_000;

/// Coordinates beyond this (mm, 100 m) are not on any page.
const MAX_COORD: f64 = 100_000.0;

/// Font size assumed when a text object gives none (五号, 10.5 pt, in mm).
const DEFAULT_SIZE: f64 = 3.7;

fn err(detail: Detail) -> LoadError {
    LoadError::Ofd { detail }
}

/// One `TextCode`: text at a position of a page (mm, y downwards).
#[derive(Debug, Clone)]
struct Run {
    x: f64,
    y: f64,
    end_x: f64,
    size: f64,
    text: String,
}

/// One line of a page, runs joined.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Extracts the text of an OFD file.
pub fn extract(bytes: &[u8], options: &LoadOptions) -> Result<String, LoadError> {
    let mut zip = SafeZip::open(bytes, Format::Ofd, options)?;
    let ofd_xml = read_required(&mut zip, "OFD.xml")?;
    let doc_root = first_text_of(&ofd_xml, "DocRoot", options.max_nesting)?
        .ok_or_else(|| err(Detail::NoDocRoot))?;
    let doc_path = resolve("", &doc_root);
    let document = read_required(&mut zip, &doc_path)?;
    let page_locs = page_locations(&document, options.max_nesting)?;
    if page_locs.is_empty() {
        return Err(err(Detail::NoPages));
    }
    if page_locs.len() > MAX_PAGES {
        return Err(err(Detail::TooManyPages {
            count: Some(page_locs.len()),
            max: MAX_PAGES,
        }));
    }
    let doc_dir = parent(&doc_path);
    let mut pages: Vec<Vec<Run>> = Vec::with_capacity(page_locs.len());
    let mut images = 0usize;
    let mut text_bytes = 0usize;
    for (i, loc) in page_locs.iter().enumerate() {
        let path = resolve(doc_dir, loc);
        let found = zip
            .resolve(&path)
            .or_else(|| zip.resolve(&resolve("", loc)))
            .ok_or_else(|| {
                err(Detail::PageMissing {
                    page: i + 1,
                    path: path.clone(),
                })
            })?;
        let content = read_required(&mut zip, &found)?;
        let (runs, page_images) = page_runs(&content, options.max_nesting)?;
        images += page_images;
        text_bytes += runs.iter().map(|r| r.text.len()).sum::<usize>();
        if text_bytes > options.max_text_bytes {
            return Err(LoadError::TooLarge {
                what: "text",
                size: text_bytes as u64,
                limit: options.max_text_bytes as u64,
            });
        }
        pages.push(runs);
    }
    if pages.iter().all(Vec::is_empty) {
        return Err(if images > 0 {
            LoadError::Scanned {
                format: "OFD",
                detail: Detail::ImagePages {
                    pages: pages.len(),
                    images,
                },
            }
        } else {
            err(Detail::NoTextObjects)
        });
    }
    Ok(layout(pages))
}

fn read_required(zip: &mut SafeZip, name: &str) -> Result<Vec<u8>, LoadError> {
    let found = zip.resolve(name).ok_or_else(|| missing(name))?;
    zip.read(&found)?.ok_or_else(|| missing(name))
}

fn missing(part: &str) -> LoadError {
    err(Detail::Missing { part: part.into() })
}

/// The directory part of an archive path ("" at the root).
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| path.get(..i).unwrap_or(""))
}

/// Resolves a location against the directory of the file that names it;
/// one starting with "/" is from the archive's root.
fn resolve(base_dir: &str, loc: &str) -> String {
    let loc = loc.trim().replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    let joined;
    let full = if loc.starts_with('/') {
        loc.as_str()
    } else {
        joined = format!("{base_dir}/{loc}");
        joined.as_str()
    };
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|b| *b == b':') {
        Some(i) => name.get(i + 1..).unwrap_or_default(),
        None => name,
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local_name(a.key.as_ref()) == name)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw)
                .map(|v| v.into_owned())
                .unwrap_or(raw)
        })
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .filter_map(|t| t.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .collect()
}

/// Walks an XML part, calling `f` on every event with the current depth;
/// enforces the nesting cap and reports truncation.
fn walk(
    xml: &[u8],
    max_nesting: usize,
    mut f: impl FnMut(&Event, usize) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            err(Detail::Xml {
                part: None,
                at: Some(reader.buffer_position()),
                message: e.to_string(),
            })
        })?;
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > max_nesting {
                    return Err(err(Detail::NestedTooDeep {
                        max: max_nesting,
                        groups: false,
                    }));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        f(&event, depth)?;
        if let Event::End(_) = event {
            depth = depth.saturating_sub(1);
        }
        buf.clear();
    }
    if depth != 0 {
        return Err(err(Detail::Truncated { part: None }));
    }
    Ok(())
}

/// The text of the first element with this local name.
fn first_text_of(xml: &[u8], name: &str, max_nesting: usize) -> Result<Option<String>, LoadError> {
    let mut inside = false;
    let mut found: Option<String> = None;
    walk(xml, max_nesting, |event, _| {
        match event {
            Event::Start(e)
                if found.is_none() && local_name(e.name().as_ref()) == name.as_bytes() =>
            {
                inside = true;
                found = Some(String::new());
            }
            Event::End(_) => inside = false,
            Event::Text(t) if inside => {
                if let (Some(f), Ok(t)) = (found.as_mut(), t.decode()) {
                    f.push_str(t.trim());
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(found.filter(|f| !f.is_empty()))
}

/// `BaseLoc` of every `Pages/Page`, in document order.
fn page_locations(document: &[u8], max_nesting: usize) -> Result<Vec<String>, LoadError> {
    let mut locs = Vec::new();
    let mut in_pages = 0usize;
    walk(document, max_nesting, |event, depth| {
        match event {
            Event::Start(e) if local_name(e.name().as_ref()) == b"Pages" => in_pages = depth,
            Event::End(e) if local_name(e.name().as_ref()) == b"Pages" => in_pages = 0,
            Event::Start(e) | Event::Empty(e)
                if in_pages > 0 && local_name(e.name().as_ref()) == b"Page" =>
            {
                if let Some(loc) = attr(e, b"BaseLoc") {
                    locs.push(loc);
                }
                // Refuse early rather than collect a million locations.
                if locs.len() > MAX_PAGES {
                    return Err(err(Detail::TooManyPages {
                        count: None,
                        max: MAX_PAGES,
                    }));
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(locs)
}

/// The text runs of one page's content, and how many images it draws.
fn page_runs(content: &[u8], max_nesting: usize) -> Result<(Vec<Run>, usize), LoadError> {
    let mut runs = Vec::new();
    let mut images = 0usize;
    // The open text object's origin and font size.
    let mut object: Option<(f64, f64, f64)> = None;
    // The open text code: position, advances, text.
    let mut code: Option<(f64, f64, Vec<f64>, String)> = None;
    walk(content, max_nesting, |event, _| {
        match event {
            Event::Start(e) | Event::Empty(e) => match local_name(e.name().as_ref()) {
                b"TextObject" => {
                    let b = attr(e, b"Boundary")
                        .map(|b| numbers(&b))
                        .unwrap_or_default();
                    let size = attr(e, b"Size")
                        .and_then(|s| s.trim().parse::<f64>().ok())
                        .filter(|s| s.is_finite() && *s > 0.0 && *s < 1000.0)
                        .unwrap_or(DEFAULT_SIZE);
                    object = Some((
                        b.first().copied().unwrap_or(0.0),
                        b.get(1).copied().unwrap_or(0.0),
                        size,
                    ));
                }
                b"TextCode" if matches!(event, Event::Start(_)) => {
                    let num = |n: &[u8]| {
                        attr(e, n)
                            .and_then(|v| v.trim().parse::<f64>().ok())
                            .filter(|v| v.is_finite())
                            .unwrap_or(0.0)
                    };
                    let deltas = attr(e, b"DeltaX").map(|d| delta_x(&d)).unwrap_or_default();
                    code = Some((num(b"X"), num(b"Y"), deltas, String::new()));
                }
                b"ImageObject" => images += 1,
                _ => {}
            },
            Event::Text(t) => {
                if let (Some(c), Ok(t)) = (code.as_mut(), t.decode()) {
                    c.3.push_str(&t.replace(['\n', '\r'], ""));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = code.as_mut() {
                    c.3.push_str(&super::xmltext::reference_text(r).unwrap_or_default());
                }
            }
            Event::End(e) => match local_name(e.name().as_ref()) {
                b"TextCode" => {
                    if let Some((x, y, deltas, text)) = code.take() {
                        let (ox, oy, size) = object.unwrap_or((0.0, 0.0, DEFAULT_SIZE));
                        let x = ox + x;
                        let y = oy + y;
                        // A position off any page (damage, or a number no
                        // producer writes) cannot be laid out.
                        if !text.trim().is_empty() && x.abs() < MAX_COORD && y.abs() < MAX_COORD {
                            let end_x = x + advance(&text, &deltas, size);
                            runs.push(Run {
                                x,
                                y,
                                end_x,
                                size,
                                text,
                            });
                        }
                    }
                }
                b"TextObject" => object = None,
                _ => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    Ok((runs, images))
}

/// `DeltaX` values, with the `g N V` shorthand (V repeated N times)
/// expanded; at most a few thousand, since a run is one line at most.
fn delta_x(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut tokens = s.split_whitespace();
    while let Some(t) = tokens.next() {
        if out.len() > 4096 {
            break;
        }
        if t == "g" {
            let n = tokens
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
                .min(4096);
            let v = tokens
                .next()
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite())
                .unwrap_or(0.0);
            out.extend(std::iter::repeat_n(v, n));
        } else if let Ok(v) = t.parse::<f64>()
            && v.is_finite()
        {
            out.push(v);
        }
    }
    out
}

/// Width of a character: full for CJK, half for the rest.
fn char_width(c: char, size: f64) -> f64 {
    if c.is_ascii() { size * 0.5 } else { size }
}

/// How far a run reaches from its start: the advances it gives, and the
/// estimated width of the characters it gives none for.
fn advance(text: &str, deltas: &[f64], size: f64) -> f64 {
    let chars: Vec<char> = text.chars().collect();
    let mut total = 0.0;
    for (i, c) in chars.iter().enumerate() {
        let last = i + 1 == chars.len();
        total += match deltas.get(i) {
            Some(d) if !last => *d,
            _ => char_width(*c, size),
        };
    }
    total
}

/// True for a line that is only a page number ("- 3 -", "— 3 —", "第3页",
/// "3/10", "3").
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let digits = t.chars().filter(char::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '~' | '·' | '_');
    let core = t.trim_matches(dashes);
    if core.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some(rest) = core.strip_prefix('第')
        && let Some((n, tail)) = rest.split_once('页')
    {
        let total = tail
            .trim_start_matches([',', '，', '/', '／'])
            .strip_prefix('共')
            .and_then(|x| x.strip_suffix('页'));
        return n.chars().all(|c| c.is_ascii_digit())
            && !n.is_empty()
            && (tail.is_empty() || total.is_some_and(|x| x.chars().all(|c| c.is_ascii_digit())));
    }
    if let Some((a, b)) = core.split_once(['/', '／']) {
        return !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// Joins runs on the same baseline into lines, left to right.
fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match groups.last_mut() {
            Some(g)
                if g.first()
                    .is_some_and(|f| (run.y - f.y).abs() <= 0.4 * f.size.max(run.size)) =>
            {
                g.push(run);
            }
            _ => groups.push(vec![run]),
        }
    }
    let mut lines = Vec::with_capacity(groups.len());
    for mut g in groups {
        g.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut last: Option<&Run> = None;
        for run in &g {
            if let Some(prev) = last {
                // The same text drawn twice at the same place (fake bold).
                if (prev.x - run.x).abs() < 0.05 && prev.text == run.text {
                    continue;
                }
                // A clear gap on the line is a space (columns, spaced words).
                if run.x - prev.end_x > 0.9 * run.size.max(prev.size) {
                    text.push(' ');
                }
            }
            text.push_str(&run.text);
            last = Some(run);
        }
        let x0 = g.first().map_or(0.0, |r| r.x);
        let x1 = g.iter().map(|r| r.end_x).fold(f64::MIN, f64::max);
        let y = g.first().map_or(0.0, |r| r.y);
        let size = g.iter().map(|r| r.size).fold(0.0, f64::max);
        lines.push(Line {
            x0,
            x1,
            y,
            size,
            text,
        });
    }
    lines
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

fn percentile(values: &mut [f64], p: f64) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let at = ((values.len() as f64 - 1.0) * p).round().max(0.0) as usize;
    values.get(at).copied()
}

/// The most common value, to the nearest half millimetre.
fn mode(values: &[f64]) -> Option<f64> {
    use std::collections::HashMap;
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for v in values {
        *counts.entry((v * 2.0).round() as i64).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(k, n)| (*n, k.saturating_neg()))
        .map(|(k, _)| k as f64 / 2.0)
}

/// Pages of runs → paragraphs, one per line, page numbers on lines of their
/// own after the paragraph they interrupted.
fn layout(pages: Vec<Vec<Run>>) -> String {
    // Body lines per page, page-number lines apart.
    let mut body: Vec<Vec<Line>> = Vec::with_capacity(pages.len());
    let mut marks: Vec<Vec<String>> = Vec::with_capacity(pages.len());
    for runs in pages {
        let lines = lines_of(runs);
        let n = lines.len();
        let mut page_body = Vec::with_capacity(n);
        let mut page_marks = Vec::new();
        for (i, line) in lines.into_iter().enumerate() {
            // Only the first or last lines of a page are page numbers; a
            // bare number in the body is a table cell or a figure.
            let edge = i < 1 || i + 2 >= n;
            if edge && is_page_number(&line.text) {
                page_marks.push(line.text.trim().to_string());
            } else {
                page_body.push(line);
            }
        }
        body.push(page_body);
        marks.push(page_marks);
    }
    let all: Vec<&Line> = body.iter().flatten().collect();
    let left = mode(&all.iter().map(|l| l.x0).collect::<Vec<_>>()).unwrap_or(0.0);
    let right = percentile(&mut all.iter().map(|l| l.x1).collect::<Vec<_>>(), 0.9).unwrap_or(0.0);
    let mut gaps: Vec<f64> = body
        .iter()
        .flat_map(|p| p.windows(2).map(|w| w[1].y - w[0].y))
        .filter(|g| *g > 0.0)
        .collect();
    let spacing = median(&mut gaps).unwrap_or(DEFAULT_SIZE * 1.5);

    let mut out = String::new();
    let mut pending_marks: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    for (page, page_marks) in body.iter().zip(&marks) {
        for (i, line) in page.iter().enumerate() {
            let starts_paragraph = match prev {
                None => true,
                Some(p) => {
                    let same_page = i > 0;
                    let gap = same_page && line.y - p.y > 1.6 * spacing;
                    let indented = line.x0 > left + 0.8 * line.size;
                    let short = p.x1 < right - 2.0 * p.size.max(line.size);
                    gap || indented || short
                }
            };
            if starts_paragraph {
                if prev.is_some() {
                    out.push('\n');
                }
                for mark in pending_marks.drain(..) {
                    out.push_str(&mark);
                    out.push('\n');
                }
            } else if out.ends_with(|c: char| c.is_ascii_alphanumeric())
                && line.text.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
            out.push_str(line.text.trim());
            prev = Some(line);
        }
        pending_marks.extend(page_marks.iter().cloned());
    }
    out.push('\n');
    for mark in pending_marks {
        out.push_str(&mark);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_relative_and_absolute() {
        assert_eq!(resolve("", "Doc_0/Document.xml"), "Doc_0/Document.xml");
        assert_eq!(
            resolve("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(
            resolve("Doc_0", "/Doc_0/Pages/Page_1/Content.xml"),
            "Doc_0/Pages/Page_1/Content.xml"
        );
        assert_eq!(resolve("Doc_0/Pages", "../Res/a.xml"), "Doc_0/Res/a.xml");
        assert_eq!(resolve("", "../../x"), "x");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for t in [
            "- 3 -",
            "— 3 —",
            "第3页",
            "第 3 页 共 10 页",
            "3/10",
            "12",
            "－12－",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "2020年",
            "一、3",
            "第三页",
            "- a -",
            "受理13件",
            "第3页内容",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn delta_x_shorthand() {
        assert_eq!(delta_x("g 3 4.5 1"), vec![4.5, 4.5, 4.5, 1.0]);
        assert!(delta_x("g 99999999 1").len() <= 4096);
    }

    fn run(x: f64, y: f64, text: &str) -> Run {
        Run {
            x,
            y,
            end_x: x + advance(text, &[], 4.0),
            size: 4.0,
            text: text.into(),
        }
    }

    #[test]
    fn runs_in_any_order_make_lines_and_paragraphs() {
        // Full lines are 10 characters (40 mm) from x = 20.
        let mut page = vec![
            run(28.0, 30.0, "第一段第一行文字"),
            run(20.0, 36.0, "第一段第二行文字很长"),
            run(20.0, 42.0, "短行。"),
            run(28.0, 48.0, "第二"),
            run(36.0, 48.0, "段落的第一行"),
            run(20.0, 54.0, "继续写完整的一行字。"),
            run(50.0, 80.0, "- 1 -"),
        ];
        page.reverse();
        let page2 = vec![run(20.0, 30.0, "跨页续写。"), run(50.0, 80.0, "- 2 -")];
        let text = layout(vec![page, page2]);
        assert_eq!(
            text,
            "第一段第一行文字第一段第二行文字很长短行。\n第二段落的第一行继续写完整的一行字。跨页续写。\n- 1 -\n- 2 -\n"
        );
    }
}
