//! The table of `tests/hostile/cases.tsv` and the inputs its rows describe
//! (the format is documented in `tests/hostile.rs`). Shared by the test and
//! by the `hostile` benchmark (`benchmarks/benches/hostile.rs`), which times
//! the same inputs in an optimised build.

use std::path::Path;

use serde_json::Value;

#[derive(Debug)]
pub struct Case {
    pub line: usize,
    pub name: String,
    pub input: String,
    pub expected: Expected,
    pub checks: Vec<Check>,
}

#[derive(Debug)]
pub enum Expected {
    Accepted(Option<TypeExp>),
    Error {
        /// `Debug` names of the allowed kinds.
        kinds: Vec<String>,
        /// `None` for `*` (any path).
        path: Option<String>,
    },
}

#[derive(Debug)]
pub enum TypeExp {
    Known(String),
    Unknown(String),
}

#[derive(Debug)]
pub enum Check {
    /// The value at a JSON pointer of the event written back as JSON.
    Pointer(String, Value),
    /// The length of the array, object or string (in bytes) there.
    Len(String, usize),
    /// The length of the raw `data` text of an unknown event.
    RawDataLen(usize),
}

/// Every row of `tests/hostile/cases.tsv` under `root` (the crate's
/// directory), in order.
pub fn parse_table(root: &Path) -> Vec<Case> {
    let path = root.join("tests/hostile/cases.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "cases.tsv:{}: fewer than 3 columns", i + 1);
        let checks = cols.get(3).copied().unwrap_or("");
        cases.push(Case {
            line: i + 1,
            name: cols[0].to_owned(),
            input: cols[1].to_owned(),
            expected: parse_expected(cols[2])
                .unwrap_or_else(|e| panic!("cases.tsv:{}: {e}", i + 1)),
            checks: checks
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(|t| parse_check(t).unwrap_or_else(|e| panic!("cases.tsv:{}: {e}", i + 1)))
                .collect(),
        });
    }
    cases
}

fn parse_expected(s: &str) -> Result<Expected, String> {
    if let Some(rest) = s.strip_prefix("accepted") {
        let ty = if rest.is_empty() {
            None
        } else if let Some(json) = rest.strip_prefix(" unknown ") {
            let ty: String = serde_json::from_str(json).map_err(|e| format!("{json}: {e}"))?;
            Some(TypeExp::Unknown(ty))
        } else if let Some(ty) = rest.strip_prefix(' ') {
            Some(TypeExp::Known(ty.to_owned()))
        } else {
            return Err(format!("bad expectation `{s}`"));
        };
        return Ok(Expected::Accepted(ty));
    }
    let rest = s
        .strip_prefix("error ")
        .ok_or_else(|| format!("bad expectation `{s}`"))?;
    let (kinds, path) = match rest.split_once(' ') {
        Some((kinds, "*")) => (kinds, None),
        Some((kinds, path)) => (kinds, Some(path.to_owned())),
        None => (rest, Some(String::new())),
    };
    Ok(Expected::Error {
        kinds: kinds.split('|').map(str::to_owned).collect(),
        path,
    })
}

fn parse_check(token: &str) -> Result<Check, String> {
    if let Some(n) = token.strip_prefix("raw_data#len=") {
        return Ok(Check::RawDataLen(
            n.parse().map_err(|e| format!("{token}: {e}"))?,
        ));
    }
    if let Some((ptr, n)) = token.split_once("#len=") {
        return Ok(Check::Len(
            ptr.to_owned(),
            n.parse().map_err(|e| format!("{token}: {e}"))?,
        ));
    }
    let (ptr, json) = token
        .split_once('=')
        .ok_or_else(|| format!("bad check `{token}`"))?;
    let value = serde_json::from_str(json).map_err(|e| format!("{token}: {e}"))?;
    Ok(Check::Pointer(ptr.to_owned(), value))
}

// ---------------------------------------------------------------------------
// Inputs: files, inline text and generators.

/// The inputs of a case: one, or one per prefix for `gen:prefixes`.
pub fn inputs(root: &Path, spec: &str) -> Vec<(String, Vec<u8>)> {
    if let Some(json) = spec.strip_prefix("text:") {
        let text: String = serde_json::from_str(json).unwrap();
        return vec![(String::new(), text.into_bytes())];
    }
    if let Some(rest) = spec.strip_prefix("gen:") {
        let (recipe, args) = rest.split_once(' ').unwrap();
        let args: Vec<Value> = serde_json::from_str(args).unwrap();
        return generate(root, recipe, &args);
    }
    vec![(String::new(), base(root, spec))]
}

/// `fixture:TYPE` (tests/fixtures/TYPE.json), `file:NAME` or a bare NAME
/// (tests/hostile/NAME), or `-` (the template `@@`).
fn base(root: &Path, spec: &str) -> Vec<u8> {
    if spec == "-" {
        return b"@@".to_vec();
    }
    let path = match spec.strip_prefix("fixture:") {
        Some(ty) => root.join(format!("tests/fixtures/{ty}.json")),
        None => root
            .join("tests/hostile")
            .join(spec.strip_prefix("file:").unwrap_or(spec)),
    };
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_arg(args: &[Value], i: usize) -> &str {
    args[i].as_str().unwrap()
}

fn count_arg(args: &[Value], i: usize) -> usize {
    usize::try_from(args[i].as_u64().unwrap()).unwrap()
}

/// Replaces the one `@@` of `template` with `middle`.
fn fill_template(template: &[u8], middle: &[u8]) -> Vec<u8> {
    let at = find_unique(template, b"@@");
    let mut out = Vec::with_capacity(template.len() + middle.len());
    out.extend_from_slice(&template[..at]);
    out.extend_from_slice(middle);
    out.extend_from_slice(&template[at + 2..]);
    out
}

fn find_unique(haystack: &[u8], needle: &[u8]) -> usize {
    let hits: Vec<usize> = haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "`{}` must occur exactly once",
        String::from_utf8_lossy(needle)
    );
    hits[0]
}

fn generate(root: &Path, recipe: &str, args: &[Value]) -> Vec<(String, Vec<u8>)> {
    let one = |bytes: Vec<u8>| vec![(String::new(), bytes)];
    match recipe {
        // [base, from, to, from, to, ...]: each `from` occurs exactly once.
        "edit" => {
            let mut bytes = base(root, str_arg(args, 0));
            for pair in args[1..].chunks(2) {
                let (from, to) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
                let at = find_unique(&bytes, from.as_bytes());
                bytes.splice(at..at + from.len(), to.bytes());
            }
            one(bytes)
        }
        // [base, before, after]
        "wrap" => {
            let mut bytes = str_arg(args, 1).as_bytes().to_vec();
            bytes.extend(base(root, str_arg(args, 0)));
            bytes.extend_from_slice(str_arg(args, 2).as_bytes());
            one(bytes)
        }
        // [base]: every prefix that stops before the final `}`.
        "prefixes" => {
            let bytes = base(root, str_arg(args, 0));
            let end = bytes.iter().rposition(|&b| b == b'}').unwrap();
            (0..end)
                .map(|n| (format!("prefix {n}"), bytes[..n].to_vec()))
                .collect()
        }
        // [base, before, unit, count, after]: `@@` -> before unit*count after.
        "fill" => {
            let unit = str_arg(args, 2);
            let mut middle = str_arg(args, 1).to_owned();
            middle.push_str(&unit.repeat(count_arg(args, 3)));
            middle.push_str(str_arg(args, 4));
            one(fill_template(
                &base(root, str_arg(args, 0)),
                middle.as_bytes(),
            ))
        }
        // [base, before, item, sep, count, after]: `#` in item -> its index.
        "join" => {
            let item = str_arg(args, 2);
            let sep = str_arg(args, 3);
            let mut middle = str_arg(args, 1).to_owned();
            for i in 0..count_arg(args, 4) {
                if i > 0 {
                    middle.push_str(sep);
                }
                middle.push_str(&item.replace('#', &i.to_string()));
            }
            middle.push_str(str_arg(args, 5));
            one(fill_template(
                &base(root, str_arg(args, 0)),
                middle.as_bytes(),
            ))
        }
        // [base, before, open, inner, close, count, after]
        "nest" => {
            let count = count_arg(args, 5);
            let mut middle = str_arg(args, 1).to_owned();
            middle.push_str(&str_arg(args, 2).repeat(count));
            middle.push_str(str_arg(args, 3));
            middle.push_str(&str_arg(args, 4).repeat(count));
            middle.push_str(str_arg(args, 6));
            one(fill_template(
                &base(root, str_arg(args, 0)),
                middle.as_bytes(),
            ))
        }
        other => panic!("unknown recipe `{other}`"),
    }
}

/// The same recipe with its repeat count divided by `divisor`, for the rows
/// that repeat something (`fill`, `join`, `nest`) at least `min_count` times:
/// a smaller input of the same shape, to see how the work grows with size.
pub fn scaled(spec: &str, divisor: usize, min_count: usize) -> Option<String> {
    let (recipe, args) = spec.strip_prefix("gen:")?.split_once(' ')?;
    let at = match recipe {
        "fill" => 3,
        "join" => 4,
        "nest" => 5,
        _ => return None,
    };
    let mut args: Vec<Value> = serde_json::from_str(args).ok()?;
    let count = usize::try_from(args.get(at)?.as_u64()?).ok()?;
    if count < min_count {
        return None;
    }
    args[at] = Value::from(count / divisor);
    Some(format!("gen:{recipe} {}", Value::Array(args)))
}
