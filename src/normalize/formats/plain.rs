//! Plain-text dispatches, as newspapers and Arabic agencies send them.
//!
//! Owns: nothing but handing the text on: in plain text every structural
//! element (headline line, dateline, byline, credit line) is found by the
//! shared metadata rules in `normalize::metadata`, which all formats share.
//!
//! Must not touch: the text (clean-up is `text.rs`).

use crate::model::Dispatch;

pub fn parse(text: &str) -> Dispatch {
    Dispatch {
        body: text.to_string(),
        ..Dispatch::default()
    }
}
