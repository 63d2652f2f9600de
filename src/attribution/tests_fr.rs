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

// Session 6: regional outlets, opinion frames, body antecedents, fragments.

#[test]
fn a_recipient_outlet_of_several_words_is_skipped_before_an_inverted_subject() {
    let body = "« Le pont restera fermé », a indiqué à Sud Ouest le maire de Lormont, Paul Arnaud.";
    let a = run(body);
    let q = quote(&a, "Le pont restera fermé");
    assert_eq!(speaker_name(q), Some("Paul Arnaud"), "{q:#?}");
    assert_eq!(q.medium.as_deref(), Some("sudouest"), "{q:#?}");
}

#[test]
fn regional_outlets_take_their_roles_and_common_words_name_none() {
    let body = "Selon Le Parisien, la ligne rouvrira lundi. Le devoir de réserve s'impose, a dit \
                le préfet au Devoir. La presse locale évoque une panne de 20 minutes.";
    let a = run(body);
    let ids: Vec<(&str, SourceRoleName)> = a
        .sources
        .iter()
        .map(|s| (s.id.as_str(), SourceRoleName::of(s.role)))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("leparisien", SourceRoleName::Cited),
            ("ledevoir", SourceRoleName::Interviewed)
        ],
        "{:#?}",
        a.sources
    );
}

/// The source roles compared by name in these tests.
#[derive(Debug, PartialEq)]
enum SourceRoleName {
    Cited,
    Interviewed,
    Other,
}

impl SourceRoleName {
    fn of(r: crate::model::SourceRole) -> Self {
        match r {
            crate::model::SourceRole::Cited => SourceRoleName::Cited,
            crate::model::SourceRole::Interviewed => SourceRoleName::Interviewed,
            _ => SourceRoleName::Other,
        }
    }
}

#[test]
fn an_opinion_frame_with_an_initial_names_the_speaker_of_a_later_fragment() {
    let body = "Pour J. Moreau, avec un tel budget, les communes « ne tiendront pas l'hiver ».";
    let a = run(body);
    let q = quote(&a, "ne tiendront pas l'hiver");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_name(q), Some("J. Moreau"), "{q:#?}");
    assert!(a.marked_terms.is_empty(), "{:#?}", a.marked_terms);
}

#[test]
fn an_opinion_frame_with_a_role_and_apposition_names_the_speaker_of_a_fragment() {
    let body = "Pour la rectrice, Odile Marchal, la réforme est « une erreur de calendrier ».";
    let a = run(body);
    let q = quote(&a, "une erreur de calendrier");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_name(q), Some("Odile Marchal"), "{q:#?}");
}

#[test]
fn a_frame_naming_no_one_leaves_a_fragment_a_marked_term() {
    let body = "Pour l'instant, la décision reste « suspendue ».";
    let a = run(body);
    assert!(a.quotes.is_empty(), "{:#?}", a.quotes);
    assert_eq!(a.marked_terms.len(), 1);
}

#[test]
fn a_pronoun_after_a_sentence_opened_by_a_body_takes_the_body() {
    let body = "Le juge Marc Olivier a rouvert le dossier. Le ministère de la Justice n'a pas \
                commenté la décision. Il a cependant déclaré que l'enquête suivrait son cours.";
    let a = run(body);
    let q = quote(&a, "l'enquête suivrait son cours");
    let sp = q.speaker.as_ref().expect("a speaker");
    let who = sp.role.as_deref().or(sp.name.as_deref()).unwrap_or("");
    assert!(who.contains("ministère"), "{q:#?}");
}

#[test]
fn a_feminine_pronoun_after_a_feminine_body_takes_the_body() {
    let body = "Le ministre Paul Girard a présenté son plan. La Fédération des parents a annoncé \
                un recours. Elle a toutefois précisé qu'elle restait ouverte au dialogue.";
    let a = run(body);
    let q = quote(&a, "elle restait ouverte au dialogue");
    let sp = q.speaker.as_ref().expect("a speaker");
    let who = sp.role.as_deref().or(sp.name.as_deref()).unwrap_or("");
    assert!(who.contains("Fédération"), "{q:#?}");
}

#[test]
fn a_pronoun_disagreeing_with_the_body_before_keeps_the_person() {
    let body = "La ministre Anne Roche a reçu les élus. Le gouvernement n'a rien annoncé. \
                « Nous avancerons », a-t-elle déclaré.";
    let a = run(body);
    let q = quote(&a, "Nous avancerons");
    assert_eq!(speaker_name(q), Some("Anne Roche"), "{q:#?}");
}

#[test]
fn a_reflexive_inverted_pronoun_is_the_speaker() {
    let body = "Le viticulteur Pierre Lasserre a tout perdu. « Avec quel argent ? », s'est-il \
                interrogé.";
    let a = run(body);
    let q = quote(&a, "Avec quel argent ?");
    assert_eq!(speaker_name(q), Some("Pierre Lasserre"), "{q:#?}");
}

#[test]
fn a_bracketed_acronym_before_the_auxiliary_keeps_the_body_as_subject() {
    let body = "Le ministre Paul Girard a présenté son plan. L'Union des artisans (UDA) a \
                annoncé un recours. Elle a cependant précisé qu'elle restait ouverte au dialogue.";
    let a = run(body);
    let q = quote(&a, "elle restait ouverte au dialogue");
    let sp = q.speaker.as_ref().expect("a speaker");
    let who = sp.role.as_deref().or(sp.name.as_deref()).unwrap_or("");
    assert!(who.contains("Union des artisans"), "{q:#?}");
}

#[test]
fn an_outlet_named_with_a_capitalised_common_word_is_a_subject() {
    let body =
        "Le trafic reste perturbé.\n\nLe Soir rapporte que la direction a proposé une réunion.";
    let a = run(body);
    let q = quote(&a, "la direction a proposé une réunion");
    let sp = q.speaker.as_ref().expect("a speaker");
    let who = sp.name.as_deref().or(sp.role.as_deref()).unwrap_or("");
    assert!(who.contains("Le Soir"), "{q:#?}");
}

#[test]
fn a_frame_naming_no_one_before_an_utterance_keeps_the_speaker() {
    let body = "« Le premier trimestre sera dur », a prévenu Claire Dumas. Et pour la suite, \
                « tout dépendra des commandes de l'automne ».";
    let a = run(body);
    let q = quote(&a, "tout dépendra des commandes de l'automne");
    assert_eq!(speaker_name(q), Some("Claire Dumas"), "{q:#?}");
}

#[test]
fn an_organisation_name_after_its_noun_is_part_of_the_role_before_an_apposition() {
    let body = "« Nous ne céderons pas », a affirmé le secrétaire général du syndicat \
                SUD-Rail, Marc Delvaux.";
    let a = run(body);
    let q = quote(&a, "Nous ne céderons pas");
    assert_eq!(speaker_name(q), Some("Marc Delvaux"), "{q:#?}");
}

#[test]
fn a_fragment_after_the_verb_of_a_body_subject_is_its_partial_quotation() {
    let body = "Le trafic reste perturbé.\n\nMétéo Suisse place le Valais en vigilance \
                rouge pour « chutes de neige ».";
    let a = run(body);
    let q = quote(&a, "chutes de neige");
    assert_eq!(q.kind, QuoteKind::Partial);
    let sp = q.speaker.as_ref().expect("a speaker");
    let who = sp.name.as_deref().or(sp.role.as_deref()).unwrap_or("");
    assert!(who.contains("Météo Suisse"), "{q:#?}");
}

#[test]
fn a_number_in_marks_after_the_verb_of_a_body_subject_is_partial() {
    let body = "L'usine ouvrira en mai.\n\nLe groupe souhaite à terme que « 40 % » des ventes \
                viendront d'Afrique.";
    let a = run(body);
    let q = quote(&a, "40 %");
    assert_eq!(q.kind, QuoteKind::Partial);
}

#[test]
fn a_fragment_in_a_sentence_without_a_speaking_subject_stays_a_marked_term() {
    let body = "Le trafic reste perturbé.\n\nLa côte est placée en vigilance jaune « vagues \
                submersion ». Désormais les « boîtes à clés » sont interdites. Les élus \
                craignent que la loi bloque des sites tels que « forum libre ».";
    let a = run(body);
    assert!(a.quotes.is_empty(), "{:#?}", a.quotes);
    assert_eq!(a.marked_terms.len(), 3, "{:#?}", a.marked_terms);
}

#[test]
fn an_incise_ending_its_sentence_inside_guillemets_splits_the_quotation() {
    let body = "Le ministre, Paul Verger, a promis un service minimum. « Nous avons tout essayé, insiste la syndicaliste Marie Roux. Le gouvernement ne nous écoute pas. »";
    let a = run(body);
    let first = quote(&a, "Nous avons tout essayé");
    assert_eq!(first.kind, QuoteKind::Direct);
    assert_eq!(speaker_name(first), Some("Marie Roux"), "{first:#?}");
    let second = quote(&a, "Le gouvernement ne nous écoute pas.");
    assert_eq!(second.kind, QuoteKind::Direct);
    assert_eq!(speaker_name(second), Some("Marie Roux"), "{second:#?}");
}

#[test]
fn a_pronoun_incise_ending_its_sentence_keeps_the_speaker() {
    let body = "« La digue tiendra », a assuré l'ingénieure Clara Mounier. « Il faudra la renforcer, poursuit-elle. Les travaux commencent en mai. »";
    let a = run(body);
    let first = quote(&a, "Il faudra la renforcer");
    assert_eq!(speaker_name(first), Some("Clara Mounier"), "{first:#?}");
    let second = quote(&a, "Les travaux commencent en mai.");
    assert_eq!(speaker_name(second), Some("Clara Mounier"), "{second:#?}");
}

#[test]
fn every_example_after_telles_que_is_a_marked_term() {
    let body = "Les élus craignent que la loi bloque des mots telles que « grève » ou « désobéissance civile » sur les réseaux.";
    let a = run(body);
    let terms: Vec<&str> = a.marked_terms.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(terms, ["grève", "désobéissance civile"], "{a:#?}");
    assert!(
        a.quotes.iter().all(|q| !q.text.contains("désobéissance")),
        "{a:#?}"
    );
}

#[test]
fn a_self_description_is_a_partial_quotation_of_the_subject() {
    let body = "Le maire a quitté la salle. Julien Ferrand se présentait comme « le candidat qui remettra la ville au travail ».";
    let a = run(body);
    let q = quote(&a, "le candidat qui remettra la ville au travail");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_name(q), Some("Julien Ferrand"), "{q:#?}");
}

#[test]
fn content_before_a_cue_after_a_passive_speech_participle_is_reported() {
    let body = "Le niveau de vigilance a été relevé à l'orange jeudi dans le Loiret, a annoncé la préfecture.";
    let a = run(body);
    let q = quote(
        &a,
        "Le niveau de vigilance a été relevé à l'orange jeudi dans le Loiret",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn an_incise_after_a_question_inside_guillemets_splits_the_quotation() {
    let body = "« Pourquoi ici ? Pourquoi maintenant ? s'interroge Karim Benali. Personne ne nous a prévenus. »";
    let a = run(body);
    let first = quote(&a, "Pourquoi ici ? Pourquoi maintenant ?");
    assert_eq!(speaker_name(first), Some("Karim Benali"), "{first:#?}");
    let second = quote(&a, "Personne ne nous a prévenus.");
    assert_eq!(speaker_name(second), Some("Karim Benali"), "{second:#?}");
}

#[test]
fn tempete_after_a_quotation_is_a_cue_and_the_storm_is_not() {
    let body = "La tempête a frappé la côte. « Pas question de reconstruire ici », tempête un élu d'opposition.";
    let a = run(body);
    let q = quote(&a, "Pas question de reconstruire ici");
    assert_eq!(
        q.speaker.as_ref().and_then(|s| s.role.as_deref()),
        Some("un élu d'opposition"),
        "{q:#?}"
    );
}

#[test]
fn adverbs_between_auxiliary_and_participle_keep_the_inverted_subject() {
    let body = "Le texte sera voté jeudi. « Il n'y aura pas de 49.3 », avait pourtant juré la ministre du Travail, Catherine Vautrin. « Nous tiendrons bon », a également déclaré le président du groupe, Marc Fesneau.";
    let a = run(body);
    let q = quote(&a, "Il n'y aura pas de 49.3");
    assert_eq!(speaker_name(q), Some("Catherine Vautrin"), "{q:#?}");
    let q = quote(&a, "Nous tiendrons bon");
    assert_eq!(speaker_name(q), Some("Marc Fesneau"), "{q:#?}");
}

#[test]
fn a_word_before_a_comma_is_not_skipped_as_an_adverb() {
    let body =
        "« Je n'ai jamais rien reçu, j'aurais agi le jour même, a assuré Bernard Vasseur, 67 ans.";
    let a = run(body);
    let q = &a.quotes[0];
    assert_eq!(speaker_name(q), Some("Bernard Vasseur"), "{q:#?}");
}
