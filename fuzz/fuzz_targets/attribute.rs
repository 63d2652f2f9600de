//! Fuzz target: the attribution pass alone on arbitrary body text.
//!
//! Run with `cargo +nightly fuzz run attribute` from the repository root.
//! The first byte picks the dispatch language (Arabic, English, French or
//! unknown, which tries all three lexicons) and whether the last paragraph
//! is declared the credit line; the rest, read as UTF-8 (lossily), is the
//! body. Invariants checked: no panic, and every span lies on the body's
//! char boundaries with `text` equal to the slice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::attribution::attribute;
use newswire::model::{LanguageGuess, NormalizedDispatch, Span};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    let body = String::from_utf8_lossy(payload).into_owned();
    let mut doc = NormalizedDispatch {
        body,
        ..NormalizedDispatch::default()
    };
    doc.normalization.language = match selector % 4 {
        0 => Some("ar"),
        1 => Some("en"),
        2 => Some("fr"),
        _ => None,
    }
    .map(|tag| LanguageGuess {
        tag: tag.into(),
        confidence: 1.0,
        mixed_script: false,
    });
    let chars: Vec<char> = doc.body.chars().collect();
    if selector & 4 != 0 {
        // The last paragraph as the credit line: a valid span, as the
        // normalizer would report it.
        let last_start = doc
            .body
            .rfind("\n\n")
            .map_or(0, |i| doc.body[..i + 2].chars().count());
        let text: String = chars[last_start..].iter().collect();
        doc.normalization.credit_line = Some(Span {
            start: last_start,
            end: chars.len(),
            text,
        });
    }
    let a = attribute(&doc);
    let slice = |start: usize, end: usize| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "span {start}..{end} of {}",
            chars.len()
        );
        chars[start..end].iter().collect()
    };
    for q in &a.quotes {
        assert_eq!(slice(q.start, q.end), q.text);
        if let Some(cue) = &q.cue {
            assert_eq!(slice(cue.start, cue.end), cue.text);
        }
        if let Some(s) = &q.speaker {
            assert_eq!(slice(s.mention.start, s.mention.end), s.mention.text);
        }
    }
    for s in &a.sources {
        assert_eq!(slice(s.start, s.end), s.mention);
    }
    for m in &a.marked_terms {
        assert_eq!(slice(m.start, m.end), m.text);
    }
});
