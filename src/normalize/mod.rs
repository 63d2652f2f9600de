//! The normalization stage: raw bytes in, one clean [`NormalizedDispatch`] out.
//!
//! Owns: the order of the steps and the assembly of the [`Normalization`]
//! report. The steps live in submodules:
//!
//! 1. size limits (here): empty -> `empty`, over `max_dispatch_bytes` ->
//!    `too_large`;
//! 2. [`decode`]: charset (BOM, transport header, XML declaration, UTF-8,
//!    `chardetng`), mojibake repair, garbage verdict (`undecodable`);
//! 3. [`formats`]: sniffing (overridden by `Hints::format`) and one parser
//!    per format (`unsupported_format`, `malformed`);
//! 4. [`text`]: clean-up of every text field, paragraph layout of the body;
//! 5. [`metadata`]: headline and byline lines moved out of the body,
//!    dateline and credit line found (kept in the body, spans reported),
//!    agency of origin;
//! 6. [`language`], [`search_key`], [`fingerprint`].
//!
//! Offsets: every `start`/`end` in the output is a Unicode scalar value
//! (code point) offset into the final `body`, end exclusive, and the `text`
//! beside it equals that slice.
//!
//! Must not touch: Kafka, HTTP, clocks, files. Pure functions only; the same
//! code serves the worker, `newswire enrich`, the benches and the fuzzers.
//! Never panics: no `unwrap`/`expect` outside tests, no unchecked indexing
//! on untrusted positions.

pub mod decode;
pub mod fingerprint;
pub mod formats;
pub mod language;
pub mod metadata;
pub mod search_key;
pub mod text;

use crate::error::{ErrorKind, Stage, StageError};
use crate::model::{Hints, Normalization, NormalizedDispatch, Span};
use text::Changes;

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
    let decoded = decode::decode(payload, hints.charset.as_deref())?;
    let format = match hints.format {
        Some(f) => f,
        None => formats::sniff(&decoded.text)?,
    };
    let raw = formats::parse(format, &decoded.text)?;

    let mut changes = Changes::new();
    if decoded.mojibake_lines > 0 {
        changes.insert("mojibake_lines".into(), decoded.mojibake_lines);
    }
    let mut field = |s: Option<String>| -> Option<String> {
        let cleaned = text::clean(&s?, &mut changes);
        let one_line = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        (!one_line.is_empty()).then_some(one_line)
    };
    let mut headline = field(raw.headline);
    let mut byline = field(raw.byline);
    let slugline = field(raw.slugline);
    let declared_located = field(raw.located);
    let declared_dateline = field(raw.dateline);
    let id = raw
        .id
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());

    let cleaned_body = text::clean(&raw.body, &mut changes);
    let mut paras = text::layout(&cleaned_body);
    let moved = metadata::extract_heading(&mut paras, &mut headline, &mut byline, true);
    if moved > 0 {
        changes.insert("lines_moved_out".into(), moved);
    }
    if paras.is_empty() && headline.is_none() {
        return Err(StageError::new(
            Stage::Parse,
            ErrorKind::Empty,
            format!("no text in the {} payload", format.as_str()),
        ));
    }

    let dateline = paras.first().and_then(|p| metadata::find_dateline(p));
    let body = paras.join("\n\n");
    let body_chars = body.chars().count();
    let credit_line = match paras.last() {
        Some(last) if paras.len() >= 2 || dateline.is_some() => {
            metadata::find_credit(last).and_then(|c| {
                let offset = body_chars - last.chars().count();
                let span = Span {
                    start: c.start + offset,
                    end: c.end + offset,
                    text: c.text,
                };
                // Never let the credit line overlap the dateline.
                let clear = dateline.as_ref().is_none_or(|d| d.end <= span.start);
                clear.then_some(span)
            })
        }
        _ => None,
    };

    let declared_lang = raw.language.as_deref().and_then(language::tidy_tag);
    // `detect` reads only the first `SAMPLE_CHARS` characters of the
    // sample, so the body beyond them need not be copied.
    // (A body of at most `SAMPLE_CHARS` bytes has at most as many chars.)
    let body_head = if body.len() <= language::SAMPLE_CHARS {
        &body
    } else {
        match body.char_indices().nth(language::SAMPLE_CHARS) {
            Some((cut, _)) => &body[..cut],
            None => &body,
        }
    };
    let lang_sample = match &headline {
        Some(h) => format!("{h}\n{body_head}"),
        None => body_head.to_string(),
    };
    let language = language::detect(&lang_sample, declared_lang.as_deref());

    let agency = raw
        .agency
        .as_deref()
        .and_then(metadata::agency_id)
        .or_else(|| dateline.as_ref().and_then(|d| d.agency.clone()))
        .or_else(|| {
            credit_line
                .as_ref()
                .and_then(|c| metadata::agency_id(&c.text))
        });
    let located = declared_located.or_else(|| dateline.as_ref().and_then(|d| d.place.clone()));

    let search_text = search_key::search_key(&body);
    let simhash = fingerprint::simhash(&search_text);
    // Whitespace-separated words with at least one word character (what
    // `split_whitespace().filter(..).count()` counts), in one pass without
    // the splitting iterator: a word counts once its first word character
    // is seen, and the rest of it is only scanned for the next whitespace.
    let mut word_count = 0;
    let mut counted = false;
    for c in body.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && text::is_word_char(c) {
            word_count += 1;
            counted = true;
        }
    }

    // ninjs dates are RFC 3339 date-times; anything else is reported and
    // dropped rather than published invalid.
    let mut date = |d: Option<String>| -> Option<String> {
        let d = formats::framed::iso_datetime(&d?);
        if formats::framed::is_rfc3339(&d) {
            Some(d)
        } else {
            *changes.entry("invalid_dates_dropped".into()).or_insert(0) += 1;
            None
        }
    };
    let first_created = date(raw.first_created);
    let version_created = date(raw.version_created);

    Ok(NormalizedDispatch {
        format,
        charset: decoded.charset,
        id,
        headline,
        byline,
        slugline,
        first_created,
        version_created,
        located,
        normalization: Normalization {
            language,
            dateline,
            credit_line,
            agency,
            word_count,
            char_count: body_chars,
            content_hash: fingerprint::content_hash(&body),
            simhash: format!("{simhash:016x}"),
            search_text,
            replacements: decoded.replacements,
            mojibake_repaired: decoded.mojibake_lines > 0,
            declared_dateline,
            changes,
        },
        body,
    })
}

#[cfg(test)]
mod tests;
