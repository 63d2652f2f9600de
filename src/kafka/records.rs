//! What the worker writes: output records and dead letters, with their keys
//! and headers.
//!
//! Output headers: `content-type`, `newswire-schema`, `newswire-source`
//! (`topic/partition/offset` of the input), and an incoming `traceparent`.
//! DLQ headers: `newswire-error-stage`, `newswire-error-kind`,
//! `newswire-error-message`, `newswire-source`, and the input's `traceparent`
//! and `content-type` (charset hint). A dead letter keeps the original key and
//! payload bytes unchanged.

use rdkafka::message::{Header, Headers, OwnedHeaders, OwnedMessage};
use rdkafka::Message;

use crate::model::RECORD_SCHEMA;
use crate::StageError;

pub const HEADER_CONTENT_TYPE: &str = "content-type";
pub const HEADER_SCHEMA: &str = "newswire-schema";
pub const HEADER_SOURCE: &str = "newswire-source";
pub const HEADER_TRACEPARENT: &str = "traceparent";
pub const HEADER_ERROR_STAGE: &str = "newswire-error-stage";
pub const HEADER_ERROR_KIND: &str = "newswire-error-kind";
pub const HEADER_ERROR_MESSAGE: &str = "newswire-error-message";

/// Which topic a record goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    Output,
    Dlq,
}

impl Destination {
    pub fn as_str(self) -> &'static str {
        match self {
            Destination::Output => "output",
            Destination::Dlq => "dlq",
        }
    }
}

/// A record ready to produce, kept until acknowledged so it can be retried.
#[derive(Debug, Clone)]
pub struct Outbound {
    pub destination: Destination,
    pub key: Option<Vec<u8>>,
    pub payload: Vec<u8>,
    pub headers: OwnedHeaders,
    /// Set for dead letters.
    pub error: Option<StageError>,
}

/// `topic/partition/offset` of a message.
pub fn source_of(msg: &OwnedMessage) -> String {
    format!("{}/{}/{}", msg.topic(), msg.partition(), msg.offset())
}

fn header_bytes(msg: &OwnedMessage, key: &str) -> Option<Vec<u8>> {
    let headers = msg.headers()?;
    headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case(key))
        .and_then(|h| h.value.map(<[u8]>::to_vec))
}

fn traceparent(msg: &OwnedMessage) -> Option<Vec<u8>> {
    header_bytes(msg, HEADER_TRACEPARENT)
}

/// The charset declared by a `content-type` header (`...; charset=windows-1256`).
pub fn declared_charset(msg: &OwnedMessage) -> Option<String> {
    let headers = msg.headers()?;
    let value = headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case(HEADER_CONTENT_TYPE))?
        .value?;
    let value = std::str::from_utf8(value).ok()?;
    value.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Pass an incoming `traceparent` header through, if any.
fn with_traceparent(headers: OwnedHeaders, msg: &OwnedMessage) -> OwnedHeaders {
    match traceparent(msg) {
        Some(tp) => headers.insert(Header {
            key: HEADER_TRACEPARENT,
            value: Some(&tp),
        }),
        None => headers,
    }
}

/// The output record for a processed message. The key is the input key, or
/// the dispatch id when the input has none.
pub fn output(msg: &OwnedMessage, json: Vec<u8>, dispatch_id: Option<&str>) -> Outbound {
    let key = msg
        .key()
        .map(<[u8]>::to_vec)
        .or_else(|| dispatch_id.map(|id| id.as_bytes().to_vec()));
    let source = source_of(msg);
    let headers = OwnedHeaders::new()
        .insert(Header {
            key: HEADER_CONTENT_TYPE,
            value: Some("application/json"),
        })
        .insert(Header {
            key: HEADER_SCHEMA,
            value: Some(RECORD_SCHEMA),
        })
        .insert(Header {
            key: HEADER_SOURCE,
            value: Some(source.as_str()),
        });
    let headers = with_traceparent(headers, msg);
    Outbound {
        destination: Destination::Output,
        key,
        payload: json,
        headers,
        error: None,
    }
}

/// The dead letter for a message that failed: original key and bytes.
pub fn dead_letter(msg: &OwnedMessage, error: StageError) -> Outbound {
    let source = source_of(msg);
    // Header values must stay readable: cap the message length.
    let message: String = error.message.chars().take(1000).collect();
    let mut headers = OwnedHeaders::new()
        .insert(Header {
            key: HEADER_ERROR_STAGE,
            value: Some(error.stage.as_str()),
        })
        .insert(Header {
            key: HEADER_ERROR_KIND,
            value: Some(error.kind.as_str()),
        })
        .insert(Header {
            key: HEADER_ERROR_MESSAGE,
            value: Some(message.as_str()),
        })
        .insert(Header {
            key: HEADER_SOURCE,
            value: Some(source.as_str()),
        });
    headers = with_traceparent(headers, msg);
    // Kept so that a replay (`newswire dlq replay`) keeps the charset hint.
    if let Some(ct) = header_bytes(msg, HEADER_CONTENT_TYPE) {
        headers = headers.insert(Header {
            key: HEADER_CONTENT_TYPE,
            value: Some(&ct),
        });
    }
    Outbound {
        destination: Destination::Dlq,
        key: msg.key().map(<[u8]>::to_vec),
        payload: msg.payload().map(<[u8]>::to_vec).unwrap_or_default(),
        headers,
        error: Some(error),
    }
}

/// Look up a header's value as UTF-8 text.
pub fn header_str<'a>(headers: &'a impl Headers, key: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.key == key)
        .and_then(|h| h.value)
        .and_then(|v| std::str::from_utf8(v).ok())
}
