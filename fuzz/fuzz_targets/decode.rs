//! Fuzz target: the charset decoder alone, with each transport charset hint.
//!
//! Run with `cargo +nightly fuzz run decode` from the repository root.
//! The first byte picks a transport `charset=` hint (or none), the rest is
//! the payload. Invariants checked: no panic; a decoded text is valid UTF-8
//! (it is a `String`), names a charset, and the XML-declaration sniffer and
//! the mojibake repair never panic on it either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::normalize::decode;

const HINTS: [Option<&str>; 8] = [
    None,
    Some("utf-8"),
    Some("windows-1256"),
    Some("iso-8859-6"),
    Some("windows-1252"),
    Some("utf-16le"),
    Some("x-unknown-charset"),
    Some(""),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    let hint = HINTS[usize::from(selector) % HINTS.len()];
    let _ = decode::xml_declared_encoding(payload);
    if let Ok(d) = decode::decode(payload, hint) {
        assert!(!d.charset.is_empty());
        assert!(d.replacements <= d.text.chars().count());
        let _ = decode::repair_mojibake(&d.text);
    }
});
