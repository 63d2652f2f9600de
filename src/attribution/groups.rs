//! English plural groups as speakers: "They concluded that ...", "the
//! researchers said", "several said". A plural pronoun refers to a group,
//! never to one named person, so it looks for the nearest group: a group
//! that already spoke, or one named in the narrative ("an assembly of
//! several foreign ministers met ...; They concluded ...").
//!
//! A group speaker is represented like other unnamed speakers: `kind`
//! `anonymous`, the words that name it as `role` ("several foreign
//! ministers"), no `name`.
//!
//! Owns: what counts as a plural group noun phrase in English.
//! Must not touch: cue detection, the running list of speakers (that is
//! `resolve`).

use crate::model::{Speaker, SpeakerKind};

use super::lexicon::{lexicon, Lang};
use super::speakers::Mention;
use super::text::Text;

/// Plural heads of groups of people that the role lexicon does not give as
/// a singular role + "s" (roles are checked that way too: "ministers",
/// "researchers", "senators"). Folded.
const GROUP_HEADS: &[&str] = &[
    "protesters",
    "protestors",
    "marchers",
    "strikers",
    "fishermen",
    "demonstrators",
    "democrats",
    "republicans",
    "conservatives",
    "liberals",
    "lawmakers",
    "legislators",
    "investigators",
    "voters",
    "workers",
    "farmers",
    "parents",
    "families",
    "critics",
    "supporters",
    "opponents",
    "villagers",
    "survivors",
    "scientists",
    "researchers",
    "officials",
    "authorities",
    "police",
    "rescuers",
    "doctors",
    "nurses",
    "experts",
    "analysts",
    "economists",
    "residents",
    "witnesses",
    "diplomats",
    "leaders",
    "members",
    "participants",
    "organizers",
    "organisers",
    "activists",
    "campaigners",
    "unions",
    "teachers",
    "students",
    "delegates",
    "negotiators",
    "judges",
];

/// Words that may open a group noun phrase before its modifiers ("the",
/// "several", "some of the", "two").
fn group_opener(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "several"
            | "some"
            | "many"
            | "most"
            | "few"
            | "other"
            | "both"
            | "all"
            | "two"
            | "three"
            | "four"
            | "five"
            | "dozens"
            | "hundreds"
            | "thousands"
    ) || w.chars().all(|c| c.is_ascii_digit())
}

/// Whether a folded word is the plural head of a group of people.
pub fn is_group_head(w: &str) -> bool {
    if GROUP_HEADS.contains(&w) {
        return true;
    }
    // a role noun of the lexicon with a plural -s ("ministers", "senators");
    // not the function words and modifiers listed among the roles
    let roles = &lexicon().words(Lang::En).roles;
    w.len() > 4
        && w.strip_suffix('s').is_some_and(|sg| {
            roles.contains(sg) && !matches!(sg, "of" | "the" | "for" | "and" | "state" | "vice")
        })
}

/// Whether an already resolved speaker is a group: unnamed, with a role
/// whose last word is a group head ("the researchers", "Some of the
/// protesters Wikinews interviewed" is not: the head is not last, but the
/// first group head anywhere in a short role counts).
pub fn is_group_speaker(sp: &Speaker) -> bool {
    if sp.name.is_some() || sp.kind == SpeakerKind::Document {
        return false;
    }
    sp.role.as_deref().is_some_and(|r| {
        r.split_whitespace()
            .take(6)
            .any(|w| is_group_head(&super::text::fold_str(w)))
    })
}

/// The last group noun phrase named in the text between `lo` and `hi`:
/// a group head with the modifiers and the opener before it ("an assembly
/// of several foreign ministers" gives "several foreign ministers"; "the
/// researchers"; "Democrats").
pub fn last_group_before(t: &Text, lo: usize, hi: usize) -> Option<Mention> {
    let words = lexicon().words(Lang::En);
    let first = t.token_at_or_after(lo);
    let last = t.tokens_before(hi);
    (first..last).rev().find_map(|k| {
        let head = t.tokens.get(k)?;
        if !is_group_head(t.fold_of(head)) {
            return None;
        }
        // modifiers before the head: role words ("foreign", "senior"),
        // capitalized adjectives ("Turkish", "Democratic"), lowercase
        // adjectives are not followed (they may be verbs or adverbs)
        let mut s = k;
        while s > first {
            let p = &t.tokens[s - 1];
            let f = t.fold_of(p);
            let adjacent = t.only_ws_or(p.end, t.tokens[s].start, &[]);
            let modifier = words.roles.contains(f) && !matches!(f, "of" | "the" | "for" | "and");
            let proper_adj = t.chars[p.start].is_uppercase() && s - 1 > first && {
                // not the first word of a sentence: a capital there says
                // nothing
                let pp = &t.tokens[s - 2];
                !t.chars[pp.end..p.start]
                    .iter()
                    .any(|&c| matches!(c, '.' | '!' | '?' | '\n'))
            };
            if !adjacent || !(modifier || proper_adj) {
                break;
            }
            s -= 1;
        }
        if s > first {
            let p = &t.tokens[s - 1];
            if group_opener(t.fold_of(p)) && t.only_ws_or(p.end, t.tokens[s].start, &[]) {
                s -= 1;
            }
        }
        let start = t.tokens[s].start;
        Some(Mention {
            start,
            end: head.end,
            name: None,
            role: Some((start, head.end)),
            kind: SpeakerKind::Anonymous,
        })
    })
}
