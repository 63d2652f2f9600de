//! French constructions found in real Wikinews copy (`tests/eval-real`),
//! each tested on an invented sentence.

use super::test_support::{quote, run_in, speaker_name};
use super::*;

fn run(body: &str) -> Attribution {
    run_in("fr", body)
}

#[test]
fn a_company_title_in_capitals_is_a_role_not_a_name() {
    let body = "Paul Verdier, PDG de Lumina France, a indiqué que les ventes avaient doublé.";
    let a = run(body);
    let q = quote(&a, "les ventes avaient doublé");
    assert_eq!(speaker_name(q), Some("Paul Verdier"), "{q:#?}");
}

#[test]
fn a_short_clause_after_selon_is_reported_speech() {
    let body =
        "Un incendie a touché un entrepôt. D'après les pompiers, deux salariés sont blessés.";
    let a = run(body);
    let q = quote(&a, "deux salariés sont blessés");
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn a_name_in_apposition_after_selon_and_a_role_is_not_content() {
    let body = "Selon la directrice du musée, Inès Carpentier, les visites reprendront en avril.";
    let a = run(body);
    let q = quote(&a, "les visites reprendront en avril");
    assert_eq!(speaker_name(q), Some("Inès Carpentier"), "{q:#?}");
}

#[test]
fn a_selon_incise_stays_inside_the_reported_clause() {
    let body =
        "Le maire a expliqué que le chantier est, selon lui, le plus coûteux de la décennie.";
    let a = run(body);
    let q = quote(
        &a,
        "le chantier est, selon lui, le plus coûteux de la décennie",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn a_selon_clause_ends_at_the_colon_of_a_quotation() {
    let body = "Selon le recteur, Hugo Lenormand, la rentrée sera décalée d'une semaine : « Nous n'avons pas le choix. »";
    let a = run(body);
    let q = quote(&a, "la rentrée sera décalée d'une semaine");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let d = quote(&a, "Nous n'avons pas le choix.");
    assert_eq!(d.kind, QuoteKind::Direct);
    assert_eq!(speaker_name(d), Some("Hugo Lenormand"), "{d:#?}");
}

#[test]
fn an_opinion_frame_after_mais_names_the_speaker() {
    let body = "Le projet divise la commune. Mais pour Hélène Vasseur, « rien n'est joué ».";
    let a = run(body);
    let q = quote(&a, "rien n'est joué");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_name(q), Some("Hélène Vasseur"), "{q:#?}");
}

#[test]
fn a_relative_qui_after_an_inverted_subject_keeps_that_speaker() {
    let body = "« Les stocks sont au plus bas », souligne le rapport qui précise que la demande a triplé en un an.";
    let a = run(body);
    let q = quote(&a, "la demande a triplé en un an");
    let s = q
        .speaker
        .as_ref()
        .and_then(|s| s.role.as_deref().or(s.name.as_deref()));
    assert!(s.is_some_and(|s| s.contains("rapport")), "{q:#?}");
}

#[test]
fn a_speech_incise_inside_guillemets_splits_the_quotation() {
    let body =
        "« La digue tiendra, a assuré l'ingénieure, Clara Mounier, mais il faudra la renforcer. »";
    let a = run(body);
    let first = quote(&a, "La digue tiendra");
    assert_eq!(first.kind, QuoteKind::Direct);
    assert_eq!(speaker_name(first), Some("Clara Mounier"), "{first:#?}");
    let second = quote(&a, "mais il faudra la renforcer.");
    assert_eq!(speaker_name(second), Some("Clara Mounier"), "{second:#?}");
}

#[test]
fn a_pronoun_incise_inside_guillemets_splits_the_quotation_too() {
    let body = "« Le chantier commence lundi », a annoncé le maire, Henri Castagné. « Les travaux dureront deux ans, a-t-il ajouté, et la rue restera ouverte. »";
    let a = run(body);
    let first = quote(&a, "Les travaux dureront deux ans");
    assert_eq!(speaker_name(first), Some("Henri Castagné"), "{first:#?}");
    let second = quote(&a, "et la rue restera ouverte.");
    assert_eq!(speaker_name(second), Some("Henri Castagné"), "{second:#?}");
}

#[test]
fn a_stance_verb_after_a_quotation_names_a_new_speaker() {
    let body = "« Le festival doit continuer », a déclaré la directrice, Agnès Thiollet. « Le public ne viendra plus », craint Bruno Lhermitte, programmateur.";
    let a = run(body);
    let q = quote(&a, "Le public ne viendra plus");
    assert_eq!(speaker_name(q), Some("Bruno Lhermitte"), "{q:#?}");
}

#[test]
fn a_report_in_the_present_after_the_content_names_the_outlet() {
    let body =
        "Le chantier du tramway a pris six mois de retard à cause des fouilles, rapporte Le Point.";
    let a = run(body);
    let q = quote(
        &a,
        "Le chantier du tramway a pris six mois de retard à cause des fouilles",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(
        a.sources
            .iter()
            .any(|s| s.id == "lepoint" && s.role == crate::model::SourceRole::Cited),
        "{:#?}",
        a.sources
    );
}

fn terms(a: &Attribution) -> Vec<&str> {
    a.marked_terms.iter().map(|m| m.text.as_str()).collect()
}

#[test]
fn names_after_dit_and_after_naming_nouns_are_marked_terms() {
    let body = "Le quartier dit « des Tanneries » sera rénové. Des élus ont signé l'appel « Sauvons la gare » et le navire « Étoile du Nord » a quitté le port.";
    let a = run(body);
    let t = terms(&a);
    for name in ["des Tanneries", "Sauvons la gare", "Étoile du Nord"] {
        assert!(t.contains(&name), "{name}: {t:?} {:#?}", a.quotes);
    }
}

#[test]
fn dit_after_an_auxiliary_stays_a_speech_verb() {
    let body = "Le maire a dit « regretter » ce choix.";
    let a = run(body);
    assert!(terms(&a).is_empty(), "{:#?}", a.marked_terms);
    assert_eq!(quote(&a, "regretter").kind, QuoteKind::Partial);
}

#[test]
fn a_broader_title_refers_back_to_the_person_named_with_a_narrower_one() {
    let body = "« L'enquête sera longue », a déclaré la procureure de Rennes, Maud Keraudren. Selon la magistrate, quatre témoins ont déjà été entendus.";
    let a = run(body);
    let q = quote(&a, "quatre témoins ont déjà été entendus");
    assert_eq!(speaker_name(q), Some("Maud Keraudren"), "{q:#?}");
}

#[test]
fn a_manner_of_speaking_verb_after_a_quotation_is_a_cue() {
    let body = "« Je ne savais pas », a murmuré Ludovic Ferrand, chauffeur du car.";
    let a = run(body);
    let q = quote(&a, "Je ne savais pas");
    assert_eq!(speaker_name(q), Some("Ludovic Ferrand"), "{q:#?}");
}

#[test]
fn a_told_verb_inverted_after_the_content_reports_it() {
    let body = "La chaîne de magasins va fermer douze points de vente, ont déclaré à Reuters deux sources syndicales.";
    let a = run(body);
    let q = quote(&a, "La chaîne de magasins va fermer douze points de vente");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let role = q.speaker.as_ref().and_then(|s| s.role.as_deref());
    assert_eq!(role, Some("deux sources syndicales"), "{q:#?}");
    assert!(
        a.sources
            .iter()
            .any(|s| s.id == "reuters" && s.role == crate::model::SourceRole::Interviewed),
        "{:#?}",
        a.sources
    );
}

#[test]
fn a_quoted_fragment_after_avoir_belongs_to_the_governing_verb() {
    let body = "Entendue mardi, Odile Ferrat, qui tenait la boulangerie, a raconté avoir signalé « à deux reprises » les fissures.";
    let a = run(body);
    let q = quote(&a, "à deux reprises");
    assert_eq!(speaker_name(q), Some("Odile Ferrat"), "{q:#?}");
}

#[test]
fn an_adverbial_between_auxiliary_and_participle_keeps_the_subject() {
    let body = "Le préfet a, par ailleurs, annoncé que les routes seraient rouvertes jeudi.";
    let a = run(body);
    let q = quote(&a, "les routes seraient rouvertes jeudi");
    let role = q.speaker.as_ref().and_then(|s| s.role.as_deref());
    assert_eq!(role, Some("Le préfet"), "{q:#?}");
}

#[test]
fn a_report_in_the_imperfect_governs_its_clause() {
    let body = "Dans une étude parue en 2021, l'observatoire relevait que la moitié des communes rurales n'avaient plus de médecin.";
    let a = run(body);
    let q = quote(
        &a,
        "la moitié des communes rurales n'avaient plus de médecin",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn a_speaker_talking_on_a_broadcaster_was_interviewed_by_it() {
    let body = "La ministre a affirmé sur franceinfo que le texte serait voté. Invité de RTL, le maire a dénoncé un « abandon ». Elle a expliqué à Wikinews que rien ne changerait.";
    let a = run(body);
    let roles: Vec<(&str, crate::model::SourceRole)> =
        a.sources.iter().map(|s| (s.id.as_str(), s.role)).collect();
    assert!(
        roles.contains(&("franceinfo", crate::model::SourceRole::Interviewed)),
        "{roles:?}"
    );
    assert!(
        roles.contains(&("rtl", crate::model::SourceRole::Interviewed)),
        "{roles:?}"
    );
    assert!(!roles.iter().any(|(id, _)| *id == "wikinews"), "{roles:?}");
}

#[test]
fn a_lowercase_quotation_inside_the_writers_sentence_is_partial() {
    let body = "Pour la directrice, Anne Fabre, les visiteurs « ne reviendront pas cet été ». « Nous sommes prêts », a-t-elle ajouté.";
    let a = run(body);
    assert_eq!(
        quote(&a, "ne reviendront pas cet été").kind,
        QuoteKind::Partial
    );
    assert_eq!(quote(&a, "Nous sommes prêts").kind, QuoteKind::Direct);
}
