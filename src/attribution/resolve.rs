//! Resolution across sentences: turns what `speakers.rs` found next to each
//! cue into a [`Speaker`], in text order. A bare follow-on cue ("وأضاف",
//! "he added" without subject) takes the previous speaker; a surname alone
//! ("وأكد تونر") takes the full name given earlier; a pronoun takes the
//! nearest compatible speaker. Records how (`resolved_by`).
//!
//! Owns: the running list of speakers of one dispatch.
//! Must not touch: cue or mention detection.

use crate::model::{ResolvedBy, Span, Speaker, SpeakerKind};

use super::speakers::{Compat, Found, Mention};
use super::text::Text;

/// Speakers seen so far, most recent last.
#[derive(Debug, Default)]
pub struct Resolver {
    seen: Vec<Speaker>,
}

fn last_word(s: &str) -> Option<String> {
    s.split_whitespace()
        .last()
        .map(|w| super::text::fold_str(w.trim_start_matches(['و', 'ف'])))
}

impl Resolver {
    pub fn new() -> Self {
        Resolver::default()
    }

    /// Resolve one finding; `None` when no speaker can be given.
    pub fn resolve(&mut self, t: &Text, found: &Found) -> Option<Speaker> {
        let sp = match found {
            Found::Mention(m) => self.explicit(t, m),
            Found::Pronoun(s, e, compat) => {
                let prev = self
                    .seen
                    .iter()
                    .rev()
                    .find(|p| match compat {
                        Compat::Human => {
                            matches!(p.kind, SpeakerKind::Person | SpeakerKind::Anonymous)
                        }
                        Compat::Thing => {
                            matches!(p.kind, SpeakerKind::Organization | SpeakerKind::Document)
                        }
                        Compat::Any => true,
                    })?
                    .clone();
                Speaker {
                    mention: t.span(*s, *e),
                    resolved_by: ResolvedBy::Pronoun,
                    ..prev
                }
            }
            Found::Bare => {
                let prev = self.seen.last()?.clone();
                Speaker {
                    resolved_by: ResolvedBy::Previous,
                    ..prev
                }
            }
            Found::None => return None,
        };
        self.seen.push(sp.clone());
        Some(sp)
    }

    fn explicit(&self, t: &Text, m: &Mention) -> Speaker {
        let name = m.name.map(|(s, e)| t.slice(s, e));
        let role = m.role.map(|(s, e)| t.slice(s, e));
        let mention: Span = t.span(m.start, m.end);
        // a single-word name (or a name without role) that ends an earlier
        // full name: the surname alone
        if m.kind == SpeakerKind::Person && role.is_none() {
            if let Some(n) = name
                .as_deref()
                .filter(|n| n.split_whitespace().count() == 1)
            {
                let key = last_word(n);
                let full = self.seen.iter().rev().find(|p| {
                    p.kind == SpeakerKind::Person
                        && p.name.as_deref().is_some_and(|pn| {
                            pn.split_whitespace().count() > 1 && last_word(pn) == key
                        })
                });
                if let Some(full) = full {
                    return Speaker {
                        name: full.name.clone(),
                        role: full.role.clone(),
                        kind: SpeakerKind::Person,
                        mention,
                        resolved_by: ResolvedBy::Surname,
                    };
                }
            }
        }
        Speaker {
            name,
            role,
            kind: m.kind,
            mention,
            resolved_by: ResolvedBy::Explicit,
        }
    }
}
