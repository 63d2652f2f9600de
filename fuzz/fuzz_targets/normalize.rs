//! Fuzz target: decode + parse + normalize arbitrary bytes.
//!
//! Run with `cargo +nightly fuzz run normalize` from the repository root
//! (needs cargo-fuzz). The first byte picks a format hint (or none) so the
//! parsers are also reached with input their sniffing would not route to
//! them. Invariants checked: no panic, and every reported span is on the
//! body's char boundaries with `text` equal to the slice. Any crash found
//! becomes a regression test in `src/normalize/tests.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::model::{Format, Hints};
use newswire::normalize::{normalize, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    let format = match selector % 8 {
        0 => Some(Format::Plain),
        1 => Some(Format::Ninjs),
        2 => Some(Format::NewsmlG2),
        3 => Some(Format::Nitf),
        4 => Some(Format::Iptc7901),
        5 => Some(Format::Anpa1312),
        _ => None,
    };
    let hints = Hints {
        format,
        charset: None,
    };
    if let Ok(d) = normalize(payload, &hints, &Limits::default()) {
        let chars: Vec<char> = d.body.chars().collect();
        let spans = d
            .normalization
            .dateline
            .iter()
            .map(|s| (s.start, s.end, s.text.clone()))
            .chain(
                d.normalization
                    .credit_line
                    .iter()
                    .map(|s| (s.start, s.end, s.text.clone())),
            );
        for (start, end, text) in spans {
            assert!(start <= end && end <= chars.len());
            let slice: String = chars[start..end].iter().collect();
            assert_eq!(slice, text);
        }
    }
});
