//! The one error type of the pure core.
//!
//! A [`StageError`] says which stage failed, a closed [`ErrorKind`], and a
//! human message. The same three fields become the DLQ headers
//! (`newswire-error-stage`, `newswire-error-kind`, `newswire-error-message`),
//! the labels of `newswire_dlq_total`, and the JSON that `newswire enrich`
//! prints on stderr.

use serde::Serialize;

/// A pipeline stage, as named in errors, metrics and config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Size limits, charset detection and decoding.
    Decode,
    /// Format sniffing and the per-format parsers.
    Parse,
    /// Unicode and Arabic clean-up, metadata, fingerprints.
    Normalize,
    /// Quotations, speakers and sources.
    Attribute,
    /// Building and serializing the record.
    Serialize,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Parse => "parse",
            Stage::Normalize => "normalize",
            Stage::Attribute => "attribute",
            Stage::Serialize => "serialize",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a dispatch could not be processed. A closed set: every value is a
/// metric label and a DLQ header value that operators filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The payload is missing or has no text in it.
    Empty,
    /// The payload is larger than `pipeline.max_dispatch_bytes`.
    TooLarge,
    /// The bytes do not decode to text in any supported charset.
    Undecodable,
    /// The format is recognized but not supported, or nothing is recognizable.
    UnsupportedFormat,
    /// The format was recognized but the document is broken.
    Malformed,
    /// A bug in newswire; please report it.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Undecodable => "undecodable",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::Malformed => "malformed",
            ErrorKind::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dispatch failed in one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{stage} failed ({kind}): {message}")]
pub struct StageError {
    pub stage: Stage,
    pub kind: ErrorKind,
    pub message: String,
}

impl StageError {
    pub fn new(stage: Stage, kind: ErrorKind, message: impl Into<String>) -> Self {
        StageError {
            stage,
            kind,
            message: message.into(),
        }
    }
}
