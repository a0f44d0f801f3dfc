//! `serde_json::Value` for the fields the spec leaves untyped (`newValue`,
//! `oldValue`, `valid.Start`): serde_json's `ValueVisitor` over the reader.

use serde_json::{Map, Value};

use super::{Code, Reader, Res};

/// A whole text as a `Value`, as `serde_json::from_str` reads it.
pub(crate) fn value_from_str(text: &str) -> Result<Value, crate::Error> {
    let mut r = Reader::from_str(text);
    value(&mut r)
        .and_then(|v| r.end().map(|()| v))
        .map_err(|f| f.into_error(text.as_bytes(), None))
}

/// `Value::deserialize`: containers count against the recursion limit, and
/// a key given twice keeps its last value, as in serde_json.
pub(crate) fn value(r: &mut Reader<'_>) -> Res<Value> {
    let Some(peek) = r.ws() else {
        return Err(r.peek_error(Code::EofWhileParsingValue));
    };
    let ret = match peek {
        b'n' => {
            r.eat();
            r.ident(b"ull")?;
            Ok(Value::Null)
        }
        b't' => {
            r.eat();
            r.ident(b"rue")?;
            Ok(Value::Bool(true))
        }
        b'f' => {
            r.eat();
            r.ident(b"alse")?;
            Ok(Value::Bool(false))
        }
        b'-' => {
            r.eat();
            Ok(number(r.number(false)?))
        }
        b'0'..=b'9' => Ok(number(r.number(true)?)),
        b'"' => {
            r.eat();
            Ok(Value::String(r.string()?.into_owned()))
        }
        open @ (b'[' | b'{') => {
            r.descend()?;
            r.eat();
            let ret = if open == b'[' { array(r) } else { object(r) };
            match ret {
                Ok(v) => r.close(open).map(|()| v),
                Err(e) => Err(r.close_failed(open, e)),
            }
        }
        _ => Err(r.peek_error(Code::ExpectedSomeValue)),
    };
    ret.map_err(|e| r.fix(e))
}

fn number(n: super::Num) -> Value {
    n.to_json().map_or(Value::Null, Value::Number)
}

fn array(r: &mut Reader<'_>) -> Res<Value> {
    let mut out = Vec::new();
    let mut first = true;
    while r.element(&mut first)? {
        out.push(value(r)?);
    }
    Ok(Value::Array(out))
}

fn object(r: &mut Reader<'_>) -> Res<Value> {
    let mut out = Map::new();
    let mut first = true;
    while let Some(key) = r.key(&mut first)? {
        let key = r.text(key)?.into_owned();
        r.colon()?;
        out.insert(key, value(r)?);
    }
    Ok(Value::Object(out))
}
