//! Fields of an assessment file this build does not know — written by a
//! newer build of the same schema version, or by another tool — kept as the
//! RON text they were written in, so that loading and saving with this build
//! loses none of them (at the top level and in the structs holding the
//! reviewer's work).
//!
//! Why not `#[serde(flatten)] extra: BTreeMap<String, ron::Value>`: with a
//! flattened field serde writes the whole struct as a map, and RON then
//! writes `{"schema_version": 2, …}` with quoted keys instead of
//! `(schema_version: 2, …)` — a file older builds cannot read
//! (ron-rs/ron#115) — and `ron::Value` has no struct or enum names, so
//! `Some(3)` or `Strong(level: 2)` would not come back as written. Instead
//! the model is read as before (serde skips what it does not know), and a
//! small scanner of RON's syntax finds the fields of the top-level struct and
//! of the structs below it that hold the reviewer's work (the report
//! reference, each item, its review and linked passages, each annotation;
//! [`Keeps`]); the value of each field the model does not have is kept
//! verbatim. The analysis's own structs (automatic results, evidence,
//! indicators) are made again by every re-analysis and keep nothing. [`splice`] writes them back into the text the model
//! serialises to, and the caller parses the result again before using it.

use std::sync::OnceLock;

use serde::de::{self, Deserialize, Visitor};

use super::{Annotation, Assessment, ItemAssessment, LinkedEvidence, ReportRef, Review};

/// Fields the model does not have, in the order the file had them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnknownFields(Vec<UnknownField>);

/// One field the model does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    /// The field name as written (a raw identifier keeps its `r#`).
    pub name: String,
    /// The value's RON text as written (comments inside it included).
    pub ron: String,
}

impl UnknownFields {
    /// True when the file had no field the model lacks.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &UnknownField> {
        self.0.iter()
    }
}

/// A struct of the model that keeps the fields it does not know, and the
/// known fields of it that hold such structs in turn (made by `keeps!`).
pub(super) trait Keeps: Deserialize<'static> + 'static {
    fn unknown(&self) -> &UnknownFields;
    fn unknown_mut(&mut self) -> &mut UnknownFields;
    /// Records the unknown fields of what the known field `name` holds.
    fn capture_in(&mut self, text: &str, name: &str, value: Span);
    /// Adds the insertions for what the known field `name` holds.
    fn splice_in(&self, written: &str, name: &str, value: Span, out: &mut Insertions)
    -> Option<()>;
    /// Calls `f` with this struct's unknown fields and then those of every
    /// struct below it, in file order.
    fn each_unknown<'a>(&'a self, f: &mut dyn FnMut(&'a UnknownFields));
}

/// What a known field holds that keeps unknown fields: one struct, or a list
/// of them.
trait Held {
    fn capture_held(&mut self, text: &str, value: Span);
    fn splice_held(&self, written: &str, value: Span, out: &mut Insertions) -> Option<()>;
    fn each_held<'a>(&'a self, f: &mut dyn FnMut(&'a UnknownFields));
}

impl<T: Keeps> Held for T {
    fn capture_held(&mut self, text: &str, value: Span) {
        capture_one(text, value, self);
    }
    fn splice_held(&self, written: &str, value: Span, out: &mut Insertions) -> Option<()> {
        splice_one(written, value, self, out)
    }
    fn each_held<'a>(&'a self, f: &mut dyn FnMut(&'a UnknownFields)) {
        self.each_unknown(f);
    }
}

impl<T: Keeps> Held for Vec<T> {
    fn capture_held(&mut self, text: &str, value: Span) {
        capture_list(text, value, self);
    }
    fn splice_held(&self, written: &str, value: Span, out: &mut Insertions) -> Option<()> {
        splice_list(written, value, self, out)
    }
    fn each_held<'a>(&'a self, f: &mut dyn FnMut(&'a UnknownFields)) {
        self.iter().for_each(|t| t.each_unknown(f));
    }
}

/// Where to insert what, in the written text.
pub(super) type Insertions = Vec<(usize, String)>;

fn any_unknown<T: Keeps>(t: &T) -> bool {
    let mut any = false;
    t.each_unknown(&mut |u| any |= !u.is_empty());
    any
}

/// Every unknown field of `a` and the structs below it, struct by struct in
/// file order: two assessments keep the same fields when these are equal.
pub(super) fn all_unknown(a: &Assessment) -> Vec<&UnknownFields> {
    let mut all = Vec::new();
    a.each_unknown(&mut |u| all.push(u));
    all
}

/// `Keeps` for each struct `T { fields… }`: its own unknown fields are in
/// `unknown`, and the listed known fields hold structs that keep theirs.
macro_rules! keeps {
    ($($t:ty { $($field:ident),* });* $(;)?) => {$(
        impl Keeps for $t {
            fn unknown(&self) -> &UnknownFields {
                &self.unknown
            }
            fn unknown_mut(&mut self) -> &mut UnknownFields {
                &mut self.unknown
            }
            fn capture_in(&mut self, _text: &str, _name: &str, _value: Span) {
                $(if _name == stringify!($field) {
                    self.$field.capture_held(_text, _value);
                })*
            }
            fn splice_in(
                &self,
                _written: &str,
                _name: &str,
                _value: Span,
                _out: &mut Insertions,
            ) -> Option<()> {
                $(if _name == stringify!($field) {
                    return self.$field.splice_held(_written, _value, _out);
                })*
                Some(())
            }
            fn each_unknown<'a>(&'a self, f: &mut dyn FnMut(&'a UnknownFields)) {
                f(&self.unknown);
                $(self.$field.each_held(f);)*
            }
        }
    )*};
}
keeps! {
    Assessment { report, items, annotations };
    ItemAssessment { review };
    Review { linked };
    ReportRef {};
    LinkedEvidence {};
    Annotation {};
}

/// Records in `a` and the structs below it (the report reference, the
/// items, their reviews and linked passages, the annotations) the fields of
/// `text` — the RON it was just read from — that the model does not have.
/// A text the scanner cannot follow (it always can for RON that parsed)
/// records nothing.
pub(super) fn capture(text: &str, a: &mut Assessment) {
    if let Some(open) = top_struct(text) {
        capture_struct(text, open, a);
    }
}

fn capture_struct<T: Keeps>(text: &str, open: usize, t: &mut T) {
    let Some(body) = struct_fields(text, open) else {
        return;
    };
    let known = field_names::<T>();
    let mut unknown = Vec::new();
    for field in &body.fields {
        let name = unraw(&field.name);
        if known.contains(&name) {
            t.capture_in(text, name, field.value);
        } else {
            unknown.push(field.unknown(text));
        }
    }
    t.unknown_mut().0 = unknown;
}

fn capture_one<T: Keeps>(text: &str, value: Span, t: &mut T) {
    if let Some(open) = element_struct(text, value.0) {
        capture_struct(text, open, t);
    }
}

fn capture_list<T: Keeps>(text: &str, value: Span, ts: &mut [T]) {
    let Some(elements) = list_elements(text, value.0) else {
        return;
    };
    if elements.len() != ts.len() {
        return;
    }
    for (element, t) in elements.iter().zip(ts) {
        capture_one(text, *element, t);
    }
}

/// `written` (what the model serialised to) with the unknown fields of `a`
/// and the structs below it added, each before its struct's closing
/// parenthesis; `None` when there are none or `written` cannot be followed.
pub(super) fn splice(written: &str, a: &Assessment) -> Option<String> {
    if !any_unknown(a) {
        return None;
    }
    let mut insertions = Vec::new();
    splice_struct(written, top_struct(written)?, a, &mut insertions)?;
    insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut out = written.to_string();
    for (at, text) in insertions {
        out.insert_str(at, &text);
    }
    Some(out)
}

fn splice_struct<T: Keeps>(written: &str, open: usize, t: &T, out: &mut Insertions) -> Option<()> {
    let body = struct_fields(written, open)?;
    if !t.unknown().is_empty() {
        out.push(insertion(written, body.close, t.unknown()));
    }
    for field in &body.fields {
        t.splice_in(written, unraw(&field.name), field.value, out)?;
    }
    Some(())
}

fn splice_one<T: Keeps>(written: &str, value: Span, t: &T, out: &mut Insertions) -> Option<()> {
    if !any_unknown(t) {
        return Some(());
    }
    splice_struct(written, element_struct(written, value.0)?, t, out)
}

fn splice_list<T: Keeps>(written: &str, value: Span, ts: &[T], out: &mut Insertions) -> Option<()> {
    if !ts.iter().any(any_unknown) {
        return Some(());
    }
    let elements = list_elements(written, value.0)?;
    if elements.len() != ts.len() {
        return None;
    }
    for (element, t) in elements.iter().zip(ts) {
        splice_one(written, *element, t, out)?;
    }
    Some(())
}

/// Where and what to insert so that `fields` end the struct closed at `close`:
/// one field per line, indented one step more than the closing parenthesis
/// when it stands on its own line (as the pretty writer puts it).
fn insertion(text: &str, close: usize, fields: &UnknownFields) -> (usize, String) {
    let line_start = text[..close].rfind('\n').map_or(0, |n| n + 1);
    let indent = &text[line_start..close];
    if indent.chars().all(char::is_whitespace) {
        let lines = fields
            .iter()
            .map(|f| format!("{indent}  {}: {},\n", f.name, f.ron))
            .collect();
        return (line_start, lines);
    }
    let before = text[..close].trim_end();
    let mut inline = String::new();
    if !before.ends_with(',') && !before.ends_with('(') {
        inline.push_str(", ");
    }
    for f in fields.iter() {
        inline.push_str(&format!("{}: {}, ", f.name, f.ron));
    }
    (close, inline)
}

/// The field names serde's derive gives `T` (its `FIELDS`), asked by a
/// deserializer that only records them: one list, the struct's own, so a new
/// field of the model is never taken for an unknown one.
fn field_names<T: Deserialize<'static> + 'static>() -> &'static [&'static str] {
    use std::any::TypeId;
    use std::collections::HashMap;
    use std::sync::Mutex;
    static CACHE: OnceLock<Mutex<HashMap<TypeId, &'static [&'static str]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.entry(TypeId::of::<T>()).or_insert_with(|| {
        let mut probe = FieldProbe(&[]);
        let _ = T::deserialize(&mut probe);
        probe.0
    })
}

struct FieldProbe(&'static [&'static str]);

impl<'de> de::Deserializer<'de> for &mut FieldProbe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        enum identifier ignored_any
    }
}

// ---- A scanner of RON's syntax: just enough to find fields and their text.

/// A byte range of the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span(usize, usize);

struct FieldSpan {
    name: String,
    value: Span,
}

impl FieldSpan {
    fn unknown(&self, text: &str) -> UnknownField {
        UnknownField {
            name: self.name.clone(),
            ron: text[self.value.0..self.value.1].to_string(),
        }
    }
}

struct StructSpan {
    fields: Vec<FieldSpan>,
    /// Byte index of the closing `)`.
    close: usize,
}

fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// RON's white space (`ron::parse`: Rust's `Pattern_White_Space`).
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{85}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|r| r.chars().next())
}

/// Index of the next byte that is not white space or a comment.
fn skip_trivia(t: &str, mut i: usize) -> Option<usize> {
    loop {
        let rest = t.get(i..)?;
        if let Some(c) = rest.chars().next().filter(|c| is_space(*c)) {
            i += c.len_utf8();
        } else if rest.starts_with("//") {
            i += rest.find('\n').map_or(rest.len(), |n| n + 1);
        } else if rest.starts_with("/*") {
            // Block comments nest in RON.
            let mut depth = 0usize;
            let mut j = i;
            loop {
                let r = t.get(j..)?;
                if r.starts_with("/*") {
                    depth += 1;
                    j += 2;
                } else if r.starts_with("*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += r.chars().next()?.len_utf8();
                }
            }
            i = j;
        } else {
            return Some(i);
        }
    }
}

/// End of the string, raw string, byte string or character literal starting
/// at `i`, if one does.
fn skip_literal(t: &str, i: usize) -> Option<Option<usize>> {
    let rest = t.get(i..)?;
    let body = rest.strip_prefix('b').unwrap_or(rest);
    let prefix = rest.len() - body.len();
    if let Some(raw) = body.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        if raw[hashes..].starts_with('"') {
            let open = i + prefix + 1 + hashes + 1;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = t.get(open..)?.find(&close)?;
            return Some(Some(open + end + close.len()));
        }
        return Some(None);
    }
    let Some(quote @ ('"' | '\'')) = body.chars().next() else {
        return Some(None);
    };
    let mut j = i + prefix + 1;
    loop {
        let c = char_at(t, j)?;
        j += c.len_utf8();
        if c == '\\' {
            j += char_at(t, j)?.len_utf8();
        } else if c == quote {
            return Some(Some(j));
        }
    }
}

/// Scans the value starting at `i` (at a significant byte): returns where
/// its text ends and where the `,` or closing bracket after it is.
fn skip_value(t: &str, i: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut j = i;
    let mut end = i;
    loop {
        j = skip_trivia(t, j)?;
        let c = char_at(t, j)?;
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                j += 1;
            }
            ')' | ']' | '}' if depth == 0 => return Some((end, j)),
            ')' | ']' | '}' => {
                depth -= 1;
                j += 1;
            }
            ',' if depth == 0 => return Some((end, j)),
            ',' | ':' => j += 1,
            _ => {
                if let Some(after) = skip_literal(t, j)? {
                    j = after;
                } else {
                    // A word: identifier, number, `-`, `#`, `.` …
                    let rest = &t[j..];
                    let len = rest
                        .find(|c: char| is_space(c) || "()[]{},:\"'/".contains(c))
                        .unwrap_or(rest.len())
                        .max(c.len_utf8());
                    j += len;
                }
            }
        }
        end = j;
    }
}

/// An identifier at `i` (raw identifiers included) and where it ends.
fn identifier(t: &str, i: usize) -> Option<(String, usize)> {
    let rest = t.get(i..)?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '#'))
        .unwrap_or(rest.len());
    (len > 0).then(|| (rest[..len].to_string(), i + len))
}

/// The `(` of the top-level struct, after inner attributes
/// (`#![enable(…)]`) and an optional struct name.
fn top_struct(t: &str) -> Option<usize> {
    let mut i = skip_trivia(t, 0)?;
    while t[i..].starts_with("#!") {
        i = skip_trivia(t, i + 2)?;
        if char_at(t, i)? != '[' {
            return None;
        }
        let (_, close) = skip_value(t, i + 1)?;
        i = skip_trivia(t, close + 1)?;
    }
    element_struct(t, i)
}

/// The `(` of the struct value starting at `i` (with or without its name).
fn element_struct(t: &str, i: usize) -> Option<usize> {
    let i = match identifier(t, i) {
        Some((_, end)) => skip_trivia(t, end)?,
        None => i,
    };
    (char_at(t, i)? == '(').then_some(i)
}

/// The named fields of the struct whose `(` is at `open`.
fn struct_fields(t: &str, open: usize) -> Option<StructSpan> {
    let mut fields = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_trivia(t, i)?;
        if char_at(t, i)? == ')' {
            return Some(StructSpan { fields, close: i });
        }
        let (name, end) = identifier(t, i)?;
        i = skip_trivia(t, end)?;
        if char_at(t, i)? != ':' {
            return None;
        }
        let start = skip_trivia(t, i + 1)?;
        let (value_end, stop) = skip_value(t, start)?;
        fields.push(FieldSpan {
            name,
            value: Span(start, value_end),
        });
        i = stop;
        match char_at(t, i)? {
            ',' => i += 1,
            ')' => return Some(StructSpan { fields, close: i }),
            _ => return None,
        }
    }
}

/// The elements of the list whose `[` is at `open`.
fn list_elements(t: &str, open: usize) -> Option<Vec<Span>> {
    if char_at(t, open)? != '[' {
        return None;
    }
    let mut elements = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_trivia(t, i)?;
        if char_at(t, i)? == ']' {
            return Some(elements);
        }
        let (end, stop) = skip_value(t, i)?;
        elements.push(Span(i, end));
        i = stop;
        match char_at(t, i)? {
            ',' => i += 1,
            ']' => return Some(elements),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_models_field_names_come_from_its_derive() {
        let top = field_names::<Assessment>();
        assert!(top.contains(&"schema_version") && top.contains(&"imported_comments"));
        assert!(
            !top.contains(&"unknown"),
            "the kept fields are not a field of the file"
        );
        let item = field_names::<ItemAssessment>();
        assert_eq!(
            item,
            [
                "id",
                "framework",
                "title",
                "parent",
                "weight",
                "auto",
                "review"
            ]
        );
    }

    #[test]
    fn the_scanner_follows_strings_comments_and_nesting() {
        let text = r##"#![enable(implicit_some)]
// a comment with ) and ,
Assessment(
  a: "x, ) \" y",
  b: r#"raw ") "#, /* nested /* ) */ , */
  c: Some(Thing(k: [1, 2], m: {"p": 'q', ')': ','})),
  d: -1.5e3
)"##;
        let top = struct_fields(text, top_struct(text).unwrap()).unwrap();
        let got: Vec<(&str, &str)> = top
            .fields
            .iter()
            .map(|f| (f.name.as_str(), &text[f.value.0..f.value.1]))
            .collect();
        assert_eq!(
            got,
            [
                ("a", r#""x, ) \" y""#),
                ("b", r##"r#"raw ") "#"##),
                ("c", r#"Some(Thing(k: [1, 2], m: {"p": 'q', ')': ','}))"#),
                ("d", "-1.5e3"),
            ]
        );
        assert_eq!(&text[top.close..], ")");
    }
}
