//! The vendor's event pages (`tests/spec/`, byte-for-byte copies), parsed:
//! per event type, its envelope attributes with the Required column, the
//! fields of `data` (nested ones included) and the example.
//!
//! Two formats: the markdown pages (`license-events.md` and both pages of
//! `vendor-2026/`: a Payload table, "Properties of `X`" tables inside
//! `<details>`, a `json` example block) and the older app-usage text
//! (`app-usage-events.txt`: one bullet per attribute, `nametype` run
//! together, `Required` and `Can be one of:` on the lines under it). Every
//! line the parser does not expect is an error, so that a change of format
//! fails loudly instead of reading as "no fields".
#![allow(dead_code, clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

/// Which publication a page belongs to (see `tests/spec/vendor-2026/CHANGES.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// The pages the crate was built from: `tests/spec/*`.
    Older,
    /// The vendor's newer pages: `tests/spec/vendor-2026/*`.
    Newer,
}

/// Every page, its version, and the folder of its examples' fixtures.
pub const PAGES: &[(&str, Version, &str)] = &[
    (
        "tests/spec/license-events.md",
        Version::Older,
        "tests/fixtures",
    ),
    (
        "tests/spec/app-usage-events.txt",
        Version::Older,
        "tests/fixtures",
    ),
    (
        "tests/spec/vendor-2026/licenses.md",
        Version::Newer,
        "tests/fixtures/vendor-2026",
    ),
    (
        "tests/spec/vendor-2026/app-usages.md",
        Version::Newer,
        "tests/fixtures/vendor-2026",
    ),
];

/// A value's shape as a page states it (and, converted in `tests/spec.rs`,
/// as `qlik_events::schema` states it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    DateTime,
    Integer,
    Boolean,
    OneOf(Vec<String>),
    /// Only from the crate: pages type `license` as a string.
    LicenseNumber,
    Object(Vec<PageField>),
    Array(Box<Kind>),
    Nullable(Box<Kind>),
    /// A page's empty type (``` `` ```): any JSON value.
    Any,
}

impl Kind {
    /// A short name, without the fields of objects (they are compared one
    /// by one).
    pub fn name(&self) -> String {
        match self {
            Kind::String => "string".into(),
            Kind::DateTime => "date-time".into(),
            Kind::Integer => "integer".into(),
            Kind::Boolean => "boolean".into(),
            Kind::OneOf(values) => format!("one of {}", values.join(" | ")),
            Kind::LicenseNumber => "license number".into(),
            Kind::Object(_) => "object".into(),
            Kind::Array(inner) => format!("array of {}", inner.name()),
            Kind::Nullable(inner) => format!("{} or null", inner.name()),
            Kind::Any => "any".into(),
        }
    }

    /// The fields of an object, also through arrays and `null`.
    pub fn fields(&self) -> Option<&[PageField]> {
        match self {
            Kind::Object(fields) => Some(fields),
            Kind::Array(inner) | Kind::Nullable(inner) => inner.fields(),
            _ => None,
        }
    }
}

/// One row of a table (or one bullet of the text page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageField {
    pub name: String,
    pub required: bool,
    pub kind: Kind,
    /// `file:line` of the row, for messages.
    pub at: String,
}

/// One event type's section of a page.
#[derive(Clone, Debug)]
pub struct PageEvent {
    pub event_type: String,
    /// The channel of the section (`None` on the text page, which names none).
    pub channel: Option<String>,
    pub deprecated: bool,
    /// The Payload table: the envelope attributes, `data` with its fields.
    pub attributes: Vec<PageField>,
    /// The example as on the page, without a final newline.
    pub example: String,
    pub at: String,
}

impl PageEvent {
    /// Whether the Payload table marks `name` Required (`false` when absent).
    pub fn requires(&self, name: &str) -> bool {
        self.attributes.iter().any(|a| a.name == name && a.required)
    }

    /// The fields of `data` (empty when the page lists none).
    pub fn data_fields(&self) -> &[PageField] {
        self.attributes
            .iter()
            .find(|a| a.name == "data")
            .and_then(|d| d.kind.fields())
            .unwrap_or_default()
    }
}

/// A parsed page.
#[derive(Clone, Debug)]
pub struct Page {
    pub path: &'static str,
    pub version: Version,
    pub fixtures: &'static str,
    pub events: Vec<PageEvent>,
}

/// Every page of [`PAGES`], read from the crate's copies.
pub fn all() -> Vec<Page> {
    PAGES
        .iter()
        .map(|&(path, version, fixtures)| {
            let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            parse(path, version, fixtures, &text)
        })
        .collect()
}

/// One page from its text (tests feed altered copies through here).
pub fn parse(path: &'static str, version: Version, fixtures: &'static str, text: &str) -> Page {
    let events = if path.ends_with(".md") {
        markdown(path, text)
    } else {
        bullets(path, text)
    };
    Page {
        path,
        version,
        fixtures,
        events,
    }
}

/// Splits a table row into its cells (`\|` is a pipe inside a cell).
fn cells(row: &str) -> Vec<String> {
    let inner = row
        .trim()
        .strip_prefix('|')
        .and_then(|r| r.strip_suffix('|'));
    let inner = inner.unwrap_or_else(|| panic!("not a table row: {row}"));
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                out.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

fn unquote(cell: &str) -> &str {
    cell.strip_prefix('`')
        .and_then(|c| c.strip_suffix('`'))
        .unwrap_or(cell)
}

/// The values after `Allowed values:` (markdown) up to the sentence's end.
fn allowed_values(description: &str) -> Option<Vec<String>> {
    let rest = description.split("Allowed values: ").nth(1)?;
    let list = rest.split(". ").next().unwrap_or(rest);
    let list = list.strip_suffix('.').unwrap_or(list);
    Some(list.split('|').map(|v| v.trim().to_owned()).collect())
}

/// `Metadata: format = X` of a description, unquoted.
fn format(description: &str) -> Option<&str> {
    let rest = description.split("format = ").nth(1)?;
    let value = rest.split(['.', ' ']).next().unwrap_or(rest);
    Some(value.trim_matches('"'))
}

/// The kind of a markdown row; `children` are the rows of its
/// "Properties of" table, if any.
fn row_kind(ty: &str, description: &str, children: Option<Vec<PageField>>, at: &str) -> Kind {
    let kind = match (ty, format(description)) {
        ("string", Some("date-time")) => Kind::DateTime,
        ("string", None) => match allowed_values(description) {
            Some(values) => Kind::OneOf(values),
            None => Kind::String,
        },
        ("integer", Some("int64") | None) => Kind::Integer,
        ("boolean", None) => Kind::Boolean,
        ("", None) => Kind::Any,
        ("object[]", None) => Kind::Array(Box::new(Kind::Object(
            children
                .clone()
                .unwrap_or_else(|| panic!("{at}: `object[]` without properties")),
        ))),
        // `object`, or a named schema (`dataVolume`, `appQuotaUsage`).
        (name, None) if name.chars().all(|c| c.is_ascii_alphanumeric()) && !name.is_empty() => {
            if name != "object" && children.is_none() {
                panic!("{at}: type `{name}` without properties");
            }
            Kind::Object(children.clone().unwrap_or_default())
        }
        (ty, format) => {
            panic!("{at}: type `{ty}` with format {format:?}: teach tests/common/pages.rs")
        }
    };
    if children.is_some() && !matches!(kind, Kind::Object(_) | Kind::Array(_)) {
        panic!("{at}: properties under a `{ty}`");
    }
    // The newer pages say where a value may be `null` in words.
    if description.contains("Emitted as null") {
        Kind::Nullable(Box::new(kind))
    } else {
        kind
    }
}

/// A markdown row before its "Properties of" table is read.
struct Row {
    name: String,
    ty: String,
    required: bool,
    description: String,
    children: Option<Vec<PageField>>,
    at: String,
}

impl Row {
    fn finish(self) -> PageField {
        let kind = row_kind(&self.ty, &self.description, self.children, &self.at);
        PageField {
            name: self.name,
            required: self.required,
            kind,
            at: self.at,
        }
    }
}

const HEADER: &str = "| Name | Type | Required | Description |";

/// The event sections of a markdown page (the `## Schemas` section, which
/// repeats them, is left out).
fn markdown(path: &str, text: &str) -> Vec<PageEvent> {
    let lines: Vec<&str> = text.lines().collect();
    let mut events = Vec::new();
    let mut channel: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("## ") {
            channel = line
                .strip_prefix("## Events published on the `")
                .and_then(|rest| rest.strip_suffix("` channel"))
                .map(str::to_owned);
            if line == "## Schemas" {
                break;
            }
        }
        if let (Some(heading), Some(channel)) = (line.strip_prefix("### "), &channel) {
            let (event, next) = section(path, &lines, i, heading, channel);
            events.push(event);
            i = next;
            continue;
        }
        i += 1;
    }
    events
}

/// One `### type` section starting at line `start`: the event and the line
/// after it.
fn section(
    path: &str,
    lines: &[&str],
    start: usize,
    heading: &str,
    channel: &str,
) -> (PageEvent, usize) {
    let at = |i: usize| format!("{path}:{}", i + 1);
    // The heading's `_(deprecated)_` and `**Deprecated:** `true`` say the
    // same; the flag line is what counts.
    let event_type = heading.strip_suffix("  _(deprecated)_").unwrap_or(heading);
    assert!(
        !event_type.contains(' '),
        "{}: an event heading is one type: {heading}",
        at(start)
    );
    let deprecated = lines
        .iter()
        .skip(start + 1)
        .take_while(|l| !l.starts_with('#'))
        .any(|l| *l == "**Deprecated:** `true`");

    // A stack of open tables: the Payload table, then one per open
    // "Properties of `X`", with X.
    let mut stack: Vec<(Option<String>, Vec<Row>)> = Vec::new();
    let mut example: Option<String> = None;
    let mut i = start + 1;
    while i < lines.len() && !lines[i].starts_with("#") {
        let line = lines[i];
        if line == "**Payload**" {
            assert!(stack.is_empty(), "{}: a second Payload table", at(i));
            stack.push((None, Vec::new()));
        } else if let Some(rest) = line.strip_prefix("<summary>Properties of `") {
            let name = rest
                .strip_suffix("`</summary>")
                .unwrap_or_else(|| panic!("{}: {line}", at(i)));
            assert!(
                !stack.is_empty(),
                "{}: properties outside the Payload table",
                at(i)
            );
            stack.push((Some(name.to_owned()), Vec::new()));
        } else if line == "</details>" {
            let (name, rows) = stack
                .pop()
                .unwrap_or_else(|| panic!("{}: unbalanced </details>", at(i)));
            let name =
                name.unwrap_or_else(|| panic!("{}: </details> closes the Payload table", at(i)));
            let parent = stack
                .last_mut()
                .unwrap_or_else(|| panic!("{}: unbalanced </details>", at(i)));
            let row = parent
                .1
                .iter_mut()
                .rev()
                .find(|r| r.name == name)
                .unwrap_or_else(|| {
                    panic!(
                        "{}: properties of `{name}`, not a field of the table above",
                        at(i)
                    )
                });
            assert!(
                row.children.is_none(),
                "{}: `{name}` has two property tables",
                at(i)
            );
            row.children = Some(rows.into_iter().map(Row::finish).collect());
        } else if line.starts_with("| ") {
            let table = stack
                .last_mut()
                .unwrap_or_else(|| panic!("{}: a table outside Payload", at(i)));
            if line == HEADER {
                assert!(table.1.is_empty(), "{}: a second header", at(i));
                assert_eq!(
                    lines.get(i + 1).copied(),
                    Some("| --- | --- | --- | --- |"),
                    "{}",
                    at(i + 1)
                );
                i += 2;
                continue;
            }
            let c = cells(line);
            assert_eq!(c.len(), 4, "{}: a row of four cells: {line}", at(i));
            let required = match c[2].as_str() {
                "Yes" => true,
                "No" => false,
                other => panic!("{}: Required is `{other}`", at(i)),
            };
            table.1.push(Row {
                name: unquote(&c[0]).to_owned(),
                ty: unquote(&c[1]).to_owned(),
                required,
                description: c[3].clone(),
                children: None,
                at: at(i),
            });
        } else if line == "```json" {
            let end = (i + 1..lines.len())
                .find(|&j| lines[j] == "```")
                .unwrap_or_else(|| panic!("{}: an unclosed example", at(i)));
            assert!(example.is_none(), "{}: a second example", at(i));
            example = Some(lines[i + 1..end].join("\n"));
            i = end + 1;
            continue;
        } else if line == "<details>" || line.is_empty() || !line.starts_with(['|', '<', '`', '{'])
        {
            // Prose, the title and the other `**Key:** value` lines.
        } else {
            panic!("{}: unexpected line: {line}", at(i));
        }
        i += 1;
    }
    assert!(!stack.is_empty(), "{}: no Payload table", at(start));
    assert_eq!(stack.len(), 1, "{}: a `<details>` left open", at(start));
    let attributes = stack.pop().map(|(_, rows)| rows).unwrap_or_default();
    assert!(
        !attributes.is_empty(),
        "{}: an empty Payload table",
        at(start)
    );
    let event = PageEvent {
        event_type: event_type.to_owned(),
        channel: Some(channel.to_owned()),
        deprecated,
        attributes: attributes.into_iter().map(Row::finish).collect(),
        example: example.unwrap_or_else(|| panic!("{}: no example", at(start))),
        at: at(start),
    };
    (event, i)
}

/// A bullet of the text page before its nested bullets are read.
struct Bullet {
    indent: usize,
    name: String,
    ty: &'static str,
    required: bool,
    one_of: Option<Vec<String>>,
    children: Vec<PageField>,
    at: String,
}

impl Bullet {
    fn finish(self) -> PageField {
        let at = self.at;
        let object = || Kind::Object(self.children.clone());
        let kind = match (self.ty, self.one_of) {
            ("string", Some(values)) => Kind::OneOf(values),
            ("string", None) => Kind::String,
            ("integer", None) => Kind::Integer,
            ("boolean", None) => Kind::Boolean,
            ("object", None) => object(),
            ("array of objects", None) => Kind::Array(Box::new(object())),
            (ty, one_of) => panic!("{at}: `{ty}` with allowed values {one_of:?}"),
        };
        if !self.children.is_empty() && !matches!(kind, Kind::Object(_) | Kind::Array(_)) {
            panic!("{at}: properties under a `{}`", self.ty);
        }
        PageField {
            name: self.name,
            required: self.required,
            kind,
            at,
        }
    }
}

/// The types the text page runs into the names (longest first).
const BULLET_TYPES: &[&str] = &["array of objects", "boolean", "integer", "object", "string"];

/// The text page: a title, `Payload`, `object`, the bullets, the type,
/// `Example payload of ...`, the example up to the end of the file.
fn bullets(path: &str, text: &str) -> Vec<PageEvent> {
    let at = |i: usize| format!("{path}:{}", i + 1);
    let lines: Vec<&str> = text.lines().collect();
    let payload = lines
        .iter()
        .position(|l| *l == "Payload")
        .unwrap_or_else(|| panic!("{path}: no `Payload`"));
    assert_eq!(
        lines.get(payload + 2).copied(),
        Some("object"),
        "{}",
        at(payload + 2)
    );
    // Open bullets, innermost last: a bullet is finished (and added to its
    // parent's children) when one at its indent or less follows.
    let mut open: Vec<Bullet> = Vec::new();
    let mut top: Vec<PageField> = Vec::new();
    let close = |open: &mut Vec<Bullet>, top: &mut Vec<PageField>, indent: usize| {
        while open.last().is_some_and(|b| b.indent >= indent) {
            let field = open.pop().unwrap().finish();
            match open.last_mut() {
                Some(parent) => parent.children.push(field),
                None => top.push(field),
            }
        }
    };
    let mut i = payload + 3;
    while i < lines.len() {
        let line = lines[i];
        let indent = line.len() - line.trim_start().len();
        let content = line.trim();
        if indent == 0 && !content.is_empty() {
            break;
        }
        if let Some(bullet) = content.strip_prefix("• ") {
            close(&mut open, &mut top, indent);
            let ty = BULLET_TYPES
                .iter()
                .find(|t| bullet.ends_with(*t) && bullet.len() > t.len())
                .unwrap_or_else(|| panic!("{}: a bullet without a known type: {bullet}", at(i)));
            open.push(Bullet {
                indent,
                name: bullet[..bullet.len() - ty.len()].to_owned(),
                ty,
                required: false,
                one_of: None,
                children: Vec::new(),
                at: at(i),
            });
        } else if content == "Required" {
            let b = open
                .last_mut()
                .unwrap_or_else(|| panic!("{}: `Required` under no bullet", at(i)));
            assert!(
                lines[i - 1].trim().starts_with("• "),
                "{}: `Required` right under its bullet",
                at(i)
            );
            b.required = true;
        } else if let Some(values) = content.strip_prefix("Can be one of: ") {
            let b = open
                .last_mut()
                .unwrap_or_else(|| panic!("{}: values under no bullet", at(i)));
            b.one_of = Some(
                values
                    .split(", ")
                    .map(|v| {
                        v.strip_prefix('"')
                            .and_then(|v| v.strip_suffix('"'))
                            .unwrap_or_else(|| panic!("{}: an unquoted value {v}", at(i)))
                            .to_owned()
                    })
                    .collect(),
            );
        }
        // Anything else is a description or `Show X properties`.
        i += 1;
    }
    close(&mut open, &mut top, 0);
    let event_type = lines
        .get(i)
        .copied()
        .unwrap_or_else(|| panic!("{path}: no event type after the bullets"));
    assert!(
        !event_type.contains(' '),
        "{}: the event type: {event_type}",
        at(i)
    );
    let intro = format!("Example payload of the \"{}\" event", lines[0]);
    assert_eq!(
        lines.get(i + 2).copied(),
        Some(intro.as_str()),
        "{}",
        at(i + 2)
    );
    assert_eq!(lines.get(i + 3).copied(), Some(""), "{}", at(i + 3));
    // The example runs to the end of the file (which has no final newline).
    let example = lines[i + 4..].join("\n");
    vec![PageEvent {
        event_type: event_type.to_owned(),
        channel: None,
        deprecated: false,
        attributes: top,
        example,
        at: at(i),
    }]
}
