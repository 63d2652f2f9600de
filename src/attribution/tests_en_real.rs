//! English constructions found in real Wikinews copy (`tests/eval-real`),
//! each tested on an invented sentence.

use super::test_support::{quote, run_in, speaker_name};
use super::*;
use crate::model::ResolvedBy;

fn run(body: &str) -> Attribution {
    run_in("en", body)
}

#[test]
fn participle_phrase_between_subject_and_verb() {
    let a = run(
        "On Friday, veteran senator Alma Reyes speaking to the Harbour Trade Forum called the tariff plan \"reckless and late\".",
    );
    let q = quote(&a, "reckless and late");
    assert_eq!(speaker_name(q), Some("Alma Reyes"), "{q:#?}");
}

#[test]
fn pronoun_takes_person_named_by_lowercase_role_and_one_name() {
    let a = run(
        "On Monday, Chilean president Bastida called for new talks on the river dispute. \"Nobody gains from another year of silence\", he said.",
    );
    let q = quote(&a, "Nobody gains from another year of silence");
    assert_eq!(speaker_name(q), Some("Bastida"), "{q:#?}");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.resolved_by),
        Some(ResolvedBy::Pronoun)
    );
}

#[test]
fn pronoun_prefers_a_seen_speaker_over_the_narrative() {
    let a = run(
        "\"We will open the port\", Mayor Lena Ortiz said. She met harbour chief Dunmore on Tuesday. \"The ships come first\", she said.",
    );
    let q = quote(&a, "The ships come first");
    assert_eq!(speaker_name(q), Some("Lena Ortiz"), "{q:#?}");
}

#[test]
fn fronted_time_phrase_then_name_and_long_role_apposition() {
    let a = run(
        "Late on Thursday, Maria Kessler, the Chair of the Board of Regional Water Works, announced that she would step down in June.",
    );
    let q = quote(&a, "she would step down in June");
    assert_eq!(speaker_name(q), Some("Maria Kessler"), "{q:#?}");
}

/// "Speaker" is a role noun, so a long "the Speaker of ..." apposition is
/// kept as the role of the name before it.
#[test]
fn speaker_of_a_chamber_is_a_role() {
    let a = run(
        "Yesterday morning, Maria Kessler, the Speaker of the Assembly of the Northern Provinces, announced that she would step down in June.",
    );
    let q = quote(&a, "she would step down in June");
    assert_eq!(speaker_name(q), Some("Maria Kessler"), "{q:#?}");
}

/// The named subject after a fronted phrase ("On Friday, after ...,
/// Halvorsen endorsed ...") is the antecedent of "he" in the next
/// sentence, not the earlier speaker named as the object.
#[test]
fn pronoun_takes_named_subject_after_fronted_phrase() {
    let a = run(
        "\"We need unity now,\" Peter Lund said on Monday.\n\nOn Friday, after weeks of doubt, Halvorsen endorsed his old rival, Peter Lund. \"It was an easy choice,\" he said.",
    );
    let q = quote(&a, "It was an easy choice,");
    assert_eq!(speaker_name(q), Some("Halvorsen"), "{q:#?}");
}

/// "was told by X of "..."": the agent of a passive speech verb speaks.
#[test]
fn passive_speech_verb_takes_the_agent() {
    let a = run(
        "At the briefing the premier was told by Fisheries Minister Ana Lindqvist of \"a sharp fall in the cod stock\", officials said.",
    );
    let q = quote(&a, "a sharp fall in the cod stock");
    assert_eq!(speaker_name(q), Some("Ana Lindqvist"), "{q:#?}");
}

/// "by saying "..."": the gerund shares the subject of its sentence.
#[test]
fn by_gerund_shares_the_sentence_subject() {
    let a = run(
        "\"The harbour stays open,\" Mayor Lena Ortiz said on Monday. She ended the meeting by saying \"we will rebuild the pier this year.\"",
    );
    let q = quote(&a, "we will rebuild the pier this year.");
    assert_eq!(speaker_name(q), Some("Lena Ortiz"), "{q:#?}");
}

/// "with X describing the "..." as ...": an absolute gerund of judging
/// with its own subject.
#[test]
fn describing_gerund_with_its_own_subject() {
    let a = run(
        "Work at the dam stopped on Friday, with Morales describing the \"constant risk of a second breach\" as too high.",
    );
    let q = quote(&a, "constant risk of a second breach");
    assert_eq!(speaker_name(q), Some("Morales"), "{q:#?}");
}

/// "The Coastal Survey Agency (CSA) said ...": the bracketed acronym
/// before the verb belongs to the subject.
#[test]
fn bracketed_acronym_between_subject_and_verb() {
    let a = run("The Coastal Survey Agency (CSA) said they expect the dunes to recover by spring.");
    let q = quote(&a, "they expect the dunes to recover by spring");
    let sp = q.speaker.as_ref().map(|s| (s.name.clone(), s.role.clone()));
    assert_eq!(
        sp,
        Some((Some("The Coastal Survey Agency".to_string()), None)),
        "{q:#?}"
    );
}

/// "Farmers the Gazette interviewed said ...": a reduced object relative
/// inside the subject.
#[test]
fn reduced_object_relative_inside_the_subject() {
    let a = run("Several farmers the Gazette interviewed said they would sell their herds by May.");
    let q = quote(&a, "they would sell their herds by May");
    let role = q.speaker.as_ref().and_then(|s| s.role.clone());
    assert!(
        role.as_deref().is_some_and(|r| r.contains("farmers")),
        "{q:#?}"
    );
}
