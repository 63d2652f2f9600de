//! Fuzz target: the whole pipeline (decode, parse, normalize, attribute,
//! assemble, serialize) on arbitrary bytes.
//!
//! Run with `cargo +nightly fuzz run enrich` from `fuzz/` (needs cargo-fuzz).
//! Invariants checked: no panic, the record serializes, and every
//! attribution span lies on the body's char boundaries with `text` equal to
//! the slice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::{Origin, Pipeline};

fuzz_target!(|data: &[u8]| {
    let pipeline = Pipeline::default();
    let Ok(record) = pipeline.enrich(data, &Origin::default()) else {
        return;
    };
    assert!(serde_json::to_vec(&record).is_ok());
    let body: Vec<char> = record
        .ninjs
        .bodies
        .first()
        .map(|b| b.value.chars().collect())
        .unwrap_or_default();
    let slice = |start: usize, end: usize| -> String {
        assert!(start <= end && end <= body.len(), "span {start}..{end} of {}", body.len());
        body[start..end].iter().collect()
    };
    let a = &record.attribution;
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
