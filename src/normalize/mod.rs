//! The normalization stage: raw bytes in, one clean [`NormalizedDispatch`] out.
//!
//! Owns: charset decoding, format parsing, Unicode/Arabic clean-up, metadata
//! (language, dateline, byline, credit line) and fingerprints.
//!
//! Must not touch: Kafka, HTTP, clocks, files. Pure functions only; the same
//! code serves the worker, `newswire enrich`, the benches and the fuzzers.
//!
//! (Skeleton: UTF-8 plain text only. The normalization issue deepens it.)

use unicode_normalization::UnicodeNormalization;

use crate::error::{ErrorKind, Stage, StageError};
use crate::model::{Format, Hints, LanguageGuess, Normalization, NormalizedDispatch};

/// Limits the stage enforces before doing any work.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Payloads larger than this go to the DLQ as `too_large`.
    pub max_dispatch_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_dispatch_bytes: 2 * 1024 * 1024,
        }
    }
}

/// Decode, parse and normalize one raw dispatch.
pub fn normalize(
    payload: &[u8],
    hints: &Hints,
    limits: &Limits,
) -> Result<NormalizedDispatch, StageError> {
    if payload.is_empty() {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::Empty,
            "payload is empty",
        ));
    }
    if payload.len() > limits.max_dispatch_bytes {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::TooLarge,
            format!(
                "payload is {} bytes, over the limit of {} (pipeline.max_dispatch_bytes)",
                payload.len(),
                limits.max_dispatch_bytes
            ),
        ));
    }
    let (text, _, had_errors) = encoding_rs::UTF_8.decode(payload);
    let replacements = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    if replacements * 4 > text.chars().count() {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::Undecodable,
            format!("{replacements} undecodable byte sequences; the payload is not text"),
        ));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    if controls * 10 > text.chars().count() {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::Undecodable,
            format!("{controls} control characters; the payload is binary, not text"),
        ));
    }
    let text: String = text.nfc().collect();
    let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let headline = paras.next().map(str::to_string);
    let body = paras.collect::<Vec<_>>().join("\n\n");
    if body.is_empty() && headline.is_none() {
        return Err(StageError::new(
            Stage::Parse,
            ErrorKind::Empty,
            "no text in payload",
        ));
    }
    let lang = whatlang::detect(&body).map(|info| LanguageGuess {
        tag: match info.lang() {
            whatlang::Lang::Ara => "ar".into(),
            whatlang::Lang::Eng => "en".into(),
            whatlang::Lang::Fra => "fr".into(),
            other => other.code().into(),
        },
        confidence: info.confidence(),
    });
    Ok(NormalizedDispatch {
        format: hints.format.unwrap_or(Format::Plain),
        charset: "utf-8".into(),
        id: None,
        headline,
        normalization: Normalization {
            language: lang,
            word_count: body.split_whitespace().count(),
            char_count: body.chars().count(),
            replacements,
            ..Normalization::default()
        },
        body,
        byline: None,
        slugline: None,
        first_created: None,
        version_created: None,
    })
}
