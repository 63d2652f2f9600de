//! IPTC ninjs JSON (1.x, 2.x and 3.x field names).
//!
//! Owns: reading one ninjs item into a [`Dispatch`]. Field names by version:
//! headline `headline` (1.x) / `headlines[]` (2.x, 3.x); body `body_text`,
//! `body_html` (1.x) / `bodies[]` with `role`, `contentType`, `value` (2.x,
//! 3.x); byline `byline` (1.x) / `by`; dates `versioncreated`,
//! `firstcreated` (1.x, 2.x) / `versionCreated`, `firstCreated` (3.x); the
//! agency from `infoSources[]`/`infosources[]`, `copyrightholder` or
//! `provider`.
//!
//! Must not touch: text clean-up. A JSON value that is not an object, or an
//! object with none of the ninjs text fields, is `unsupported_format`; a
//! ninjs field of the wrong type is `malformed`, naming the field.

use serde_json::{Map, Value};

use super::xml::html_paragraphs;
use crate::error::{ErrorKind, Stage, StageError};
use crate::model::Dispatch;

fn malformed(message: impl Into<String>) -> StageError {
    StageError::new(Stage::Parse, ErrorKind::Malformed, message)
}

/// Keys whose presence makes a JSON object a ninjs item.
const NINJS_KEYS: &[&str] = &[
    "uri",
    "headline",
    "headlines",
    "body_text",
    "body_html",
    "bodies",
    "byline",
    "by",
    "versioncreated",
    "versionCreated",
];

pub fn parse(text: &str) -> Result<Dispatch, StageError> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|e| malformed(format!("invalid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(StageError::new(
            Stage::Parse,
            ErrorKind::UnsupportedFormat,
            "JSON payload is not an object, so not a ninjs item",
        ));
    };
    if !NINJS_KEYS.iter().any(|k| obj.contains_key(*k)) {
        let keys: Vec<&str> = obj.keys().map(String::as_str).take(8).collect();
        return Err(StageError::new(
            Stage::Parse,
            ErrorKind::UnsupportedFormat,
            format!(
                "JSON object is not a ninjs item: it has none of uri, headline(s), body_text, bodies, by(line) (keys: {})",
                keys.join(", ")
            ),
        ));
    }
    let headline = match obj.get("headlines") {
        Some(v) => pick_main(v, "headlines")?,
        None => opt_str(&obj, "headline")?,
    };
    let body = body(&obj)?;
    if body.trim().is_empty() && headline.as_deref().is_none_or(|h| h.trim().is_empty()) {
        return Err(StageError::new(
            Stage::Parse,
            ErrorKind::Empty,
            "ninjs item has neither a body nor a headline",
        ));
    }
    Ok(Dispatch {
        id: opt_str(&obj, "uri")?.or(opt_str(&obj, "guid")?),
        headline,
        body,
        byline: opt_str(&obj, "by")?.or(opt_str(&obj, "byline")?),
        slugline: opt_str(&obj, "slugline")?,
        language: opt_str(&obj, "language")?,
        first_created: opt_str(&obj, "firstCreated")?.or(opt_str(&obj, "firstcreated")?),
        version_created: opt_str(&obj, "versionCreated")?.or(opt_str(&obj, "versioncreated")?),
        agency: agency(&obj),
        located: located(&obj)?,
        dateline: None,
    })
}

fn opt_str(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, StageError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(malformed(format!(
            "ninjs `{key}` must be a string, found {}",
            kind(other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `located` is a string in 2.x/3.x; some producers send an object with a
/// `name`.
fn located(obj: &Map<String, Value>) -> Result<Option<String>, StageError> {
    match obj.get("located") {
        Some(Value::Object(o)) => opt_str(o, "name"),
        _ => opt_str(obj, "located"),
    }
}

/// From an array of `{role, value}` objects (ninjs `headlines`, `bodies`),
/// the value of the one with role `main`, else the first.
fn pick_main(v: &Value, key: &str) -> Result<Option<String>, StageError> {
    Ok(pick_main_entry(v, key)?.map(|(value, _)| value))
}

/// Like [`pick_main`], also returning the entry's `contentType`.
fn pick_main_entry(v: &Value, key: &str) -> Result<Option<(String, Option<String>)>, StageError> {
    let Value::Array(items) = v else {
        return Err(malformed(format!(
            "ninjs `{key}` must be an array, found {}",
            kind(v)
        )));
    };
    let mut first = None;
    for item in items {
        let Value::Object(o) = item else {
            return Err(malformed(format!(
                "ninjs `{key}` items must be objects, found {}",
                kind(item)
            )));
        };
        let Some(value) = opt_str(o, "value")? else {
            continue;
        };
        let content_type = opt_str(o, "contentType")?.or(opt_str(o, "contenttype")?);
        let role = opt_str(o, "role")?;
        if role.as_deref() == Some("main") {
            return Ok(Some((value, content_type)));
        }
        if first.is_none() {
            first = Some((value, content_type));
        }
    }
    Ok(first)
}

fn body(obj: &Map<String, Value>) -> Result<String, StageError> {
    if let Some(v) = obj.get("bodies") {
        if let Some((value, content_type)) = pick_main_entry(v, "bodies")? {
            let html = content_type.is_some_and(|t| t.contains("html"));
            return Ok(if html {
                html_paragraphs(&value).join("\n\n")
            } else {
                value
            });
        }
    }
    if let Some(text) = opt_str(obj, "body_text")? {
        return Ok(text);
    }
    if let Some(html) = opt_str(obj, "body_html")? {
        return Ok(html_paragraphs(&html).join("\n\n"));
    }
    Ok(String::new())
}

/// The agency of origin as named by the item (a name, not yet an id).
fn agency(obj: &Map<String, Value>) -> Option<String> {
    for key in ["infoSources", "infosources", "infosource"] {
        if let Some(Value::Array(items)) = obj.get(key) {
            for item in items {
                if let Some(name) = item.get("name").and_then(Value::as_str) {
                    return Some(name.to_string());
                }
            }
        }
    }
    for key in ["copyrightholder", "copyrightHolder", "provider", "source"] {
        match obj.get(key) {
            Some(Value::String(s)) => return Some(s.clone()),
            Some(Value::Object(o)) => {
                if let Some(name) = o.get("name").and_then(Value::as_str) {
                    return Some(name.to_string());
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ninjs_1x_fields() {
        let d = parse(r#"{"uri":"urn:x:1","headline":"H","body_text":"B","byline":"By X","versioncreated":"2024-01-01T00:00:00Z","copyrightholder":"AFP"}"#).unwrap();
        assert_eq!(d.id.as_deref(), Some("urn:x:1"));
        assert_eq!(d.headline.as_deref(), Some("H"));
        assert_eq!(d.body, "B");
        assert_eq!(d.byline.as_deref(), Some("By X"));
        assert_eq!(d.agency.as_deref(), Some("AFP"));
    }

    #[test]
    fn ninjs_3x_fields() {
        let d = parse(r#"{"uri":"u","headlines":[{"role":"sub","value":"S"},{"role":"main","value":"M"}],
            "bodies":[{"role":"main","contentType":"text/html","value":"<p>One</p><p>Two</p>"}],
            "by":"Ann","versionCreated":"2024-01-01T00:00:00Z","located":"Paris","infoSources":[{"name":"Reuters"}]}"#).unwrap();
        assert_eq!(d.headline.as_deref(), Some("M"));
        assert_eq!(d.body, "One\n\nTwo");
        assert_eq!(d.located.as_deref(), Some("Paris"));
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
    }

    #[test]
    fn not_ninjs_and_wrong_types() {
        assert_eq!(
            parse(r#"{"foo":1}"#).unwrap_err().kind,
            ErrorKind::UnsupportedFormat
        );
        assert_eq!(parse("42").unwrap_err().kind, ErrorKind::UnsupportedFormat);
        assert_eq!(
            parse(r#"{"uri":"u","body_text":42}"#).unwrap_err().kind,
            ErrorKind::Malformed
        );
        assert_eq!(
            parse(r#"{"uri":"u","bodies":"text"}"#).unwrap_err().kind,
            ErrorKind::Malformed
        );
        assert_eq!(
            parse(r#"{"uri":"u","body_text":"x""#).unwrap_err().kind,
            ErrorKind::Malformed
        );
        assert_eq!(parse(r#"{"uri":"u"}"#).unwrap_err().kind, ErrorKind::Empty);
    }
}
