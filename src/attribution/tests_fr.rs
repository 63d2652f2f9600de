//! French constructions found in real Wikinews copy (`tests/eval-real`),
//! each tested on an invented sentence.

use super::*;
use crate::model::{LanguageGuess, Normalization};

fn run(body: &str) -> Attribution {
    attribute(&NormalizedDispatch {
        body: body.into(),
        normalization: Normalization {
            language: Some(LanguageGuess {
                tag: "fr".into(),
                confidence: 1.0,
                mixed_script: false,
            }),
            ..Normalization::default()
        },
        ..NormalizedDispatch::default()
    })
}

fn quote<'a>(a: &'a Attribution, text: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("no quote {text:?} in {:#?}", a.quotes))
}

fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}

#[test]
fn a_company_title_in_capitals_is_a_role_not_a_name() {
    let body = "Paul Verdier, PDG de Lumina France, a indiqué que les ventes avaient doublé.";
    let a = run(body);
    let q = quote(&a, "les ventes avaient doublé");
    assert_eq!(speaker_name(q), Some("Paul Verdier"), "{q:#?}");
}
