//! Helpers shared by the attribution test modules that run whole bodies
//! through [`attribute`] in one language.

use super::*;
use crate::model::{LanguageGuess, Normalization};

/// Attribute `body` as a dispatch detected as `lang` ("en", "fr", "ar").
pub(super) fn run_in(lang: &str, body: &str) -> Attribution {
    attribute(&NormalizedDispatch {
        body: body.into(),
        normalization: Normalization {
            language: Some(LanguageGuess {
                tag: lang.into(),
                confidence: 1.0,
                mixed_script: false,
            }),
            ..Normalization::default()
        },
        ..NormalizedDispatch::default()
    })
}

/// The quote whose text is exactly `text`; panics listing the quotes found.
pub(super) fn quote<'a>(a: &'a Attribution, text: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("no quote {text:?} in {:#?}", a.quotes))
}

/// The resolved speaker name of `q`, if any.
pub(super) fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}
