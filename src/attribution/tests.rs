//! End-to-end tests of the attribution stage on hand-written dispatches in
//! Arabic, English and French, with exact spans and speakers.

use super::*;
use crate::model::{LanguageGuess, Normalization, ResolvedBy, SourceRole, SpeakerKind};

fn doc(body: &str, lang: Option<&str>) -> NormalizedDispatch {
    NormalizedDispatch {
        body: body.into(),
        normalization: Normalization {
            language: lang.map(|l| LanguageGuess {
                tag: l.into(),
                confidence: 1.0,
                mixed_script: false,
            }),
            ..Normalization::default()
        },
        ..NormalizedDispatch::default()
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

/// Prints the attribution of the files in `$ATTRIBUTION_DUMP` (a
/// colon-separated list of paths); for looking at real text by hand.
#[test]
#[ignore]
fn dump() {
    let Ok(paths) = std::env::var("ATTRIBUTION_DUMP") else {
        return;
    };
    for p in paths.split(':') {
        let Ok(body) = std::fs::read_to_string(p) else {
            continue;
        };
        let lang = if p.contains("/ar-") {
            "ar"
        } else if p.contains("/fr-") {
            "fr"
        } else {
            "en"
        };
        let a = run(&body, Some(lang));
        println!("=== {p}");
        for q in &a.quotes {
            let sp = q
                .speaker
                .as_ref()
                .map(|s| format!("{:?}/{:?}/{:?}/{:?}", s.name, s.role, s.kind, s.resolved_by));
            let text: String = q.text.chars().take(70).collect();
            println!(
                "{:?} cue={:?} sp={:?} med={:?} :: {}",
                q.kind,
                q.cue.as_ref().map(|c| c.text.clone()),
                sp,
                q.medium,
                text
            );
        }
        println!(
            "terms: {:?}",
            a.marked_terms
                .iter()
                .map(|m| m.text.clone())
                .collect::<Vec<_>>()
        );
        println!(
            "sources: {:?}",
            a.sources
                .iter()
                .map(|s| (s.id.clone(), s.role))
                .collect::<Vec<_>>()
        );
        println!("credit: {:?}", a.credit_line);
    }
}

/// Code-point span of the `nth` occurrence of `needle` in `body`.
fn at(body: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (b, _) = body
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in body"));
    let s = body[..b].chars().count();
    (s, s + needle.chars().count())
}

fn quote<'a>(a: &'a Attribution, text: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("no quote {text:?} in {:#?}", a.quotes))
}

fn speaker_of(q: &Quote) -> (Option<&str>, Option<&str>, SpeakerKind, ResolvedBy) {
    let s = q
        .speaker
        .as_ref()
        .unwrap_or_else(|| panic!("no speaker: {q:#?}"));
    (s.name.as_deref(), s.role.as_deref(), s.kind, s.resolved_by)
}

fn terms(a: &Attribution) -> Vec<&str> {
    a.marked_terms.iter().map(|m| m.text.as_str()).collect()
}

fn sources(a: &Attribution) -> Vec<(&str, SourceRole, &str)> {
    a.sources
        .iter()
        .map(|s| (s.id.as_str(), s.role, s.mention.as_str()))
        .collect()
}

#[test]
fn arabic_verb_first_with_role_and_name() {
    let body = "موسكو (أ ف ب) - وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحافيين: «لا نرى أي أساس لهذه الاتهامات».";
    let a = run(body, Some("ar"));
    assert_eq!(a.quotes.len(), 1);
    let q = &a.quotes[0];
    let (s, e) = at(body, "لا نرى أي أساس لهذه الاتهامات", 0);
    assert_eq!((q.start, q.end, q.kind), (s, e, QuoteKind::Direct));
    let cue = q.cue.as_ref().map(|c| (c.text.as_str(), c.start));
    assert_eq!(cue, Some(("قال", at(body, "قال", 0).0)));
    assert_eq!(
        speaker_of(q),
        (
            Some("ديمتري بيسكوف"),
            Some("المتحدث باسم الكرملين"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
    let m = q.speaker.as_ref().map(|s| s.mention.clone());
    assert_eq!(
        m.as_ref().map(|m| m.text.as_str()),
        Some("المتحدث باسم الكرملين ديمتري بيسكوف")
    );
    assert_eq!(sources(&a), vec![("afp", SourceRole::Credit, "أ ف ب")]);
}

#[test]
fn nested_guillemets_are_one_quotation() {
    let body = "وقال الوزير: «إن هذه الاتهامات تشبه «الأسطوانة المشروخة» وتؤدي إلى لا شيء».";
    let a = run(body, Some("ar"));
    assert_eq!(a.quotes.len(), 1);
    let inner = "إن هذه الاتهامات تشبه «الأسطوانة المشروخة» وتؤدي إلى لا شيء";
    let (s, e) = at(body, inner, 0);
    assert_eq!((a.quotes[0].start, a.quotes[0].end), (s, e));
    assert!(a.marked_terms.is_empty());
}

#[test]
fn unbalanced_mark_does_not_swallow_the_rest() {
    let body = "وقال المسؤول: «لن نتراجع عن قرارنا مهما كانت الضغوط.\n\nوفي سياق آخر، أعلنت الشرطة توقيف ثلاثة أشخاص في المدينة.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "لن نتراجع عن قرارنا مهما كانت الضغوط.");
    assert_eq!(q.kind, QuoteKind::Direct);
    let para_end = at(body, "\n\n", 0).0;
    assert!(a
        .quotes
        .iter()
        .all(|q| q.start > para_end || q.end <= para_end));
}

#[test]
fn scare_quotes_and_names_are_marked_terms() {
    let body = "وتدعم واشنطن فصائل «المعتدلين» في الشمال، فيما تقاتل «جبهة النصرة» في إدلب، بحسب ما نقلت «روسيا اليوم».";
    let a = run(body, Some("ar"));
    assert!(
        a.quotes.iter().all(|q| q.kind != QuoteKind::Direct),
        "{:#?}",
        a.quotes
    );
    assert_eq!(terms(&a), vec!["المعتدلين", "جبهة النصرة", "روسيا اليوم"]);
    assert_eq!(sources(&a), vec![("rt", SourceRole::Cited, "روسيا اليوم")]);

    let body = "The so-called \"moderate\" rebels control the town, residents said on Monday.";
    let a = run(body, Some("en"));
    assert_eq!(terms(&a), vec!["moderate"]);
}

#[test]
fn bare_follow_on_takes_the_previous_speaker() {
    let body = "وقال وزير الخارجية الأميركي جون كيري: «نحن ملتزمون بالحل السياسي».\n\nوأضاف: «لا حل عسكريا في سوريا».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "لا حل عسكريا في سوريا");
    assert_eq!(
        speaker_of(q),
        (
            Some("جون كيري"),
            Some("وزير الخارجية الأميركي"),
            SpeakerKind::Person,
            ResolvedBy::Previous
        )
    );
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("أضاف"));
}

#[test]
fn surname_alone_takes_the_full_name() {
    let body = "وقال المتحدث باسم الخارجية الأميركية مارك تونر إن بلاده تدعم المفاوضات.\n\nوأكد تونر أن «الوقت ينفد».";
    let a = run(body, Some("ar"));
    let indirect = quote(&a, "بلاده تدعم المفاوضات");
    assert_eq!(indirect.kind, QuoteKind::Indirect);
    let q = quote(&a, "الوقت ينفد");
    let (name, _, kind, by) = speaker_of(q);
    assert_eq!(
        (name, kind, by),
        (Some("مارك تونر"), SpeakerKind::Person, ResolvedBy::Surname)
    );
    let m = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert_eq!(m, Some("تونر"));
}

#[test]
fn arabic_anonymous_and_document_speakers() {
    let body = "وقال مسؤول أميركي رفيع المستوى طلب عدم الكشف عن اسمه إن الهجوم كان متوقعا.\n\nوقال البيان إن «الوضع تحت السيطرة».";
    let a = run(body, Some("ar"));
    let q = &a.quotes[0];
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_of(q).2, SpeakerKind::Anonymous);
    let q = quote(&a, "الوضع تحت السيطرة");
    assert_eq!(speaker_of(q).2, SpeakerKind::Document);
    // a document is described by its own words, like an unnamed source
    assert_eq!(speaker_of(q).1, Some("البيان"));
}

#[test]
fn arabic_interviewed_cited_and_credit() {
    let body = "وقال قائد ميداني لوكالة الصحافة الفرنسية إن «المعارك مستمرة»، فيما أفادت وكالة سبوتنيك بتقدم القوات، نقلاً عن مصادر عسكرية.\n\nوكالات";
    let a = run(body, Some("ar"));
    let q = quote(&a, "المعارك مستمرة");
    assert_eq!(q.medium.as_deref(), Some("afp"));
    assert_eq!(a.credit_line.as_deref(), Some("وكالات"));
    assert_eq!(
        sources(&a),
        vec![
            ("afp", SourceRole::Interviewed, "وكالة الصحافة الفرنسية"),
            ("sputnik", SourceRole::Cited, "وكالة سبوتنيك"),
            ("agencies", SourceRole::Credit, "وكالات"),
        ]
    );
    let body = "أعلنت الحكومة الجديدة خطتها بحسب وكالة سبوتنيك.\n\n(أ ف ب)";
    let a = run(body, Some("ar"));
    assert_eq!(a.credit_line.as_deref(), Some("(أ ف ب)"));
    assert_eq!(
        sources(&a),
        vec![
            ("sputnik", SourceRole::Cited, "وكالة سبوتنيك"),
            ("afp", SourceRole::Credit, "أ ف ب")
        ]
    );
}

#[test]
fn circumstantial_forms_in_both_spellings() {
    for circ in ["مضيفاً", "مضيفا", "مضيفًا"] {
        let body = format!(
            "وقال الرئيس الفرنسي إيمانويل ماكرون إن فرنسا ستبقى، {circ} أن «الحرب لم تنته بعد»."
        );
        let a = run(&body, Some("ar"));
        let q = quote(&a, "الحرب لم تنته بعد");
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(circ));
        let (name, _, _, by) = speaker_of(q);
        assert_eq!((name, by), (Some("إيمانويل ماكرون"), ResolvedBy::Previous));
    }
}

#[test]
fn english_told_afp_he_added_and_pronoun() {
    let body = "KABUL (AFP) - \"We have lost everything,\" Abdul Rahim, a farmer from Helmand, told AFP.\n\n\"There is nothing left,\" he added.\n\nShe said she would leave.";
    let a = run(body, None);
    let q = quote(&a, "We have lost everything,");
    assert_eq!(q.medium.as_deref(), Some("afp"));
    assert_eq!(
        speaker_of(q),
        (
            Some("Abdul Rahim"),
            Some("a farmer from Helmand"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
    let q = quote(&a, "There is nothing left,");
    assert_eq!(speaker_of(q).3, ResolvedBy::Previous);
    assert_eq!(speaker_of(q).0, Some("Abdul Rahim"));
    let q = quote(&a, "she would leave");
    assert_eq!(q.kind, QuoteKind::Indirect);
    // "he added" made Abdul Rahim masculine: "She" has no compatible
    // speaker, and none is better than a wrong one
    assert!(q.speaker.is_none(), "{q:#?}");
    assert_eq!(
        sources(&a),
        vec![
            ("afp", SourceRole::Credit, "AFP"),
            ("afp", SourceRole::Interviewed, "AFP")
        ]
    );
}

#[test]
fn english_anonymous_according_to_and_statement() {
    let body = "A senior official, who asked not to be named, said the talks had collapsed.\n\nThe ministry said in a statement that \"all options remain open\" for now, according to Sputnik.";
    let a = run(body, Some("en"));
    let q = quote(&a, "the talks had collapsed");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_of(q).2, SpeakerKind::Anonymous);
    let q = quote(&a, "all options remain open");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_of(q).2, SpeakerKind::Organization);
    assert_eq!(sources(&a), vec![("sputnik", SourceRole::Cited, "Sputnik")]);
}

#[test]
fn english_quotation_over_paragraphs() {
    let body = "\"We are not going anywhere,\" said Kremlin spokesman Dmitry Peskov. \"This is the first point.\n\n\"And this is the second point.\"\n\nThe talks resume on Monday.";
    let a = run(body, Some("en"));
    let q = quote(
        &a,
        "This is the first point.\n\n\"And this is the second point.",
    );
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_of(q).0, Some("Dmitry Peskov"));
    let q = quote(&a, "We are not going anywhere,");
    assert_eq!(
        speaker_of(q),
        (
            Some("Dmitry Peskov"),
            Some("Kremlin spokesman"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
}

#[test]
fn french_inversion_selon_and_que() {
    let body = "PARIS (AFP) - « Nous ne céderons pas », a déclaré le ministre de l'Intérieur Gérald Darmanin.\n\n« La situation est grave », a-t-il ajouté, selon l'AFP.\n\nLe porte-parole du gouvernement a affirmé que la réforme serait maintenue.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Nous ne céderons pas");
    assert_eq!(
        speaker_of(q),
        (
            Some("Gérald Darmanin"),
            Some("le ministre de l'Intérieur"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
    let q = quote(&a, "La situation est grave");
    assert_eq!(
        q.cue.as_ref().map(|c| c.text.as_str()),
        Some("a-t-il ajouté")
    );
    assert_eq!(speaker_of(q).0, Some("Gérald Darmanin"));
    let q = quote(&a, "la réforme serait maintenue");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_of(q).1, Some("Le porte-parole du gouvernement"));
    assert_eq!(
        sources(&a),
        vec![
            ("afp", SourceRole::Credit, "AFP"),
            ("afp", SourceRole::Cited, "AFP")
        ]
    );
}

#[test]
fn french_adverbs_and_reflexives_between_subject_and_verb() {
    let body = "Il a cependant déclaré que « cette révision ne doit pas mettre en danger la voie européenne ».\n\nBarroso, le président de la commission européenne, se dit « particulièrement rassuré » par le vote.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "particulièrement rassuré");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(
        speaker_of(q),
        (
            Some("Barroso"),
            Some("le président de la commission européenne"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
}

#[test]
fn english_name_before_an_affiliation() {
    let body = "\"We have said for years that priests should follow strict rules,\" said Cardinal Marc Ouellet of the Holy See.";
    let a = run(body, Some("en"));
    let q = quote(
        &a,
        "We have said for years that priests should follow strict rules,",
    );
    assert_eq!(
        speaker_of(q),
        (
            Some("Marc Ouellet"),
            Some("Cardinal"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
}

#[test]
fn english_coordinated_verbs_keep_the_sentence_subject() {
    let body = "Tom Watson called the deal \"lousy\" and said he would only vote for it after a referendum.";
    let a = run(body, Some("en"));
    let q = quote(&a, "he would only vote for it after a referendum");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_of(q).0, Some("Tom Watson"));
}

#[test]
fn no_speaker_is_none_not_a_guess() {
    let a = run(
        "« Liberté, égalité, fraternité » est la devise de la République.\n\nAutre paragraphe.",
        Some("fr"),
    );
    assert!(a.quotes.iter().all(|q| q.speaker.is_none()));
}

#[test]
fn empty_and_odd_inputs() {
    for body in [
        "",
        "«",
        "»»««",
        "\"",
        "\n\n",
        "وقال",
        "said",
        "(أ ف ب)",
        "« »",
        "“”„‚‘’‹›",
    ] {
        let _ = run(body, None);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "«",
        "»",
        "\"",
        "“",
        "”",
        "„",
        "‚",
        "‘",
        "’",
        "‹",
        "›",
        "'",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        "،",
        ":",
        "؟",
        "!",
        "وقال",
        "وأضاف",
        "مضيفاً",
        "إن",
        "أن",
        "الوزير",
        "بيسكوف",
        "مسؤول",
        "البيان",
        "لوكالة الصحافة الفرنسية",
        "بحسب",
        "نقلاً عن",
        "وكالات",
        "(أ ف ب)",
        "said",
        "he",
        "told AFP",
        "according to",
        "Reuters",
        "the minister",
        "John Smith",
        "that",
        "a déclaré",
        "a-t-il ajouté",
        "selon",
        "que",
        "qu'",
        "l'AFP",
        "Le ministre",
        "ـ",
        "َ",
        "ً",
        "é",
        "İ",
        "ẞ",
        "\u{202F}",
        "\u{00A0}",
        "-",
        "—",
        "(",
        ")",
        "DAMASCUS",
        "(Reuters) -",
    ];

    fn pieces() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
    }

    fn check_invariants(body: &str, lang: Option<&str>) {
        let a = attribute(&doc(body, lang));
        check_spans(body, &a);
        let n = body.chars().count();
        let mut marked: Vec<(usize, usize)> = Vec::new();
        for q in &a.quotes {
            assert!(q.start <= q.end && q.end <= n);
            if q.kind != QuoteKind::Indirect {
                marked.push((q.start, q.end));
            }
        }
        marked.sort();
        for w in marked.windows(2) {
            assert!(w[0].1 <= w[1].0, "overlapping quotations {w:?} in {body:?}");
        }
        let mut indirect: Vec<(usize, usize)> = a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| (q.start, q.end))
            .collect();
        indirect.sort();
        for w in indirect.windows(2) {
            assert!(
                w[0].1 <= w[1].0,
                "overlapping reported speech {w:?} in {body:?}"
            );
        }
        for s in &a.sources {
            assert!(s.start < s.end && s.end <= n);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn never_panics_on_arbitrary_text(body in any::<String>()) {
            check_invariants(&body, None);
        }

        #[test]
        fn spans_are_exact_and_quotations_disjoint(body in pieces(), lang in prop::sample::select(vec![None, Some("ar"), Some("en"), Some("fr"), Some("de")])) {
            check_invariants(&body, lang);
        }
    }
}

/// Rough per-step timings on a long synthetic dispatch (run by hand).
#[test]
#[ignore]
fn step_timings() {
    use std::time::Instant;
    let para = "وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحافيين: «لا نرى أي أساس لهذه الاتهامات التي تشبه «الأسطوانة المشروخة»». وأضاف أن «الحوار هو السبيل الوحيد»، مشدداً على ضرورة «مواصلة المحادثات» بين الأطراف، بحسب وكالة سبوتنيك.";
    let body = vec![para; 30].join("\n\n");
    let d = doc(&body, Some("ar"));
    let n = 20;
    let t0 = Instant::now();
    for _ in 0..n {
        let _ = Text::new(&body);
    }
    let t = Text::new(&body);
    let t1 = Instant::now();
    for _ in 0..n {
        let _ = cues::find(&t, &[Lang::Ar]);
    }
    let c = cues::find(&t, &[Lang::Ar]);
    let t2 = Instant::now();
    for _ in 0..n {
        let _ = marks::scan(&t);
    }
    let t3 = Instant::now();
    for _ in 0..n {
        let _ = sources::find(&t, &d, &c);
    }
    let t4 = Instant::now();
    for _ in 0..n {
        let _ = attribute(&d);
    }
    let t5 = Instant::now();
    println!(
        "text {:?} cues {:?} marks {:?} sources {:?} all {:?} (per doc, {} bytes, {} cues)",
        (t1 - t0) / n,
        (t2 - t1) / n,
        (t3 - t2) / n,
        (t4 - t3) / n,
        (t5 - t4) / n,
        body.len(),
        c.len()
    );
}

#[test]
fn partial_inside_indirect_is_one_indirect_quote() {
    let body = "وقال وزير المالية إن الموازنة الجديدة «لن تمس الرواتب» في العام المقبل.";
    let a = run(body, Some("ar"));
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
    let q = &a.quotes[0];
    let (s, e) = at(body, "الموازنة الجديدة «لن تمس الرواتب» في العام المقبل", 0);
    assert_eq!((q.start, q.end, q.kind), (s, e, QuoteKind::Indirect));
}

#[test]
fn quotation_closed_after_its_full_stop_ends_the_sentence() {
    let body = "Port director Anna Kool said the new cranes were \"long overdue.\" She said dockers would be retrained by June.";
    let a = run(body, Some("en"));
    let q = quote(&a, "the new cranes were \"long overdue.\"");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        (q.start, q.end),
        at(body, "the new cranes were \"long overdue.\"", 0)
    );
    let q2 = quote(&a, "dockers would be retrained by June");
    assert_eq!(speaker_of(q2).0, Some("Anna Kool"));
}

#[test]
fn repeated_complementizer_and_contrast_split_reported_content() {
    let body = "وقال مصدر دبلوماسي إن المحادثات استؤنفت صباح اليوم، وإن الوفدين اتفقا على جدول الأعمال، فيما أكدت وزيرة الخارجية سلمى النعيمي أن الجولة المقبلة ستعقد في مسقط.";
    let a = run(body, Some("ar"));
    let texts: Vec<&str> = a.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "المحادثات استؤنفت صباح اليوم",
            "الوفدين اتفقا على جدول الأعمال",
            "الجولة المقبلة ستعقد في مسقط"
        ]
    );
    assert_eq!(
        speaker_of(&a.quotes[1]).1,
        Some("مصدر دبلوماسي"),
        "{:#?}",
        a.quotes[1]
    );
    assert_eq!(speaker_of(&a.quotes[2]).0, Some("سلمى النعيمي"));
    let (s, e) = at(body, "الجولة المقبلة ستعقد في مسقط", 0);
    assert_eq!((a.quotes[2].start, a.quotes[2].end), (s, e));
}

#[test]
fn arabic_object_after_verb_is_not_a_speaker() {
    let body = "وقال رئيس البلدية خالد السبيعي: «الطريق سيفتح قريباً». ويعلن انتماءه للحزب منذ سنوات، مؤكداً أن «المشروع يسير وفق الخطة».";
    let a = run(body, Some("ar"));
    for q in &a.quotes {
        let s = q.speaker.as_ref().map(|s| s.name.as_deref());
        assert_ne!(s, Some(Some("انتماءه")), "{q:#?}");
    }
    let q = quote(&a, "المشروع يسير وفق الخطة");
    assert_eq!(speaker_of(q).0, Some("خالد السبيعي"));
}

#[test]
fn relational_noun_with_pronoun_is_a_role() {
    let body = "وقال شقيقه فهد المطيري للصحيفة: «لم نتلق أي اتصال منذ أسبوع».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "لم نتلق أي اتصال منذ أسبوع");
    let (name, role, kind, _) = speaker_of(q);
    assert_eq!(
        (name, role, kind),
        (Some("فهد المطيري"), Some("شقيقه"), SpeakerKind::Person)
    );
}

#[test]
fn asked_not_to_be_named_keeps_the_anonymous_official() {
    let body =
        "وقال مسؤول أمني عراقي، طالباً عدم ذكر اسمه: «الهجوم استهدف نقطة تفتيش على الطريق الدولي».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "الهجوم استهدف نقطة تفتيش على الطريق الدولي");
    let (_, role, kind, _) = speaker_of(q);
    assert_eq!(kind, SpeakerKind::Anonymous);
    assert_eq!(role, Some("مسؤول أمني عراقي"));
}

#[test]
fn arabic_feminine_follow_on_takes_the_last_feminine_speaker() {
    let body = "وقالت وزيرة الصحة هدى الكعبي: «الحملة تشمل كل المدارس».\n\nوقال مدير المستشفى خالد الرميحي إن الأسرّة متوفرة.\n\nوأضافت: «لن نتردد في تمديد الحملة».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "لن نتردد في تمديد الحملة");
    let (name, _, _, by) = speaker_of(q);
    assert_eq!((name, by), (Some("هدى الكعبي"), ResolvedBy::Previous));
    assert_eq!((q.start, q.end), at(body, "لن نتردد في تمديد الحملة", 0));
}

#[test]
fn arabic_long_role_with_genitive_and_interviewed_outlet_after_name() {
    let body = "وقالت المنسقة الإقليمية للجمعية سعاد بنجلون لوكالة الصحافة الفرنسية: «المساعدات لم تصل بعد».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "المساعدات لم تصل بعد");
    let (name, role, kind, _) = speaker_of(q);
    assert_eq!(
        (name, role, kind),
        (
            Some("سعاد بنجلون"),
            Some("المنسقة الإقليمية للجمعية"),
            SpeakerKind::Person
        )
    );
}

#[test]
fn arabic_anonymity_request_ends_the_speaker_description() {
    let body = "قال مسؤول في وزارة النقل طلب عدم الكشف عن اسمه إن المطار سيعاد فتحه خلال يومين.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "المطار سيعاد فتحه خلال يومين");
    let (_, role, kind, _) = speaker_of(q);
    assert_eq!(
        (role, kind),
        (Some("مسؤول في وزارة النقل"), SpeakerKind::Anonymous)
    );
}

#[test]
fn french_inverted_role_then_name_in_apposition() {
    let body = "« Le dialogue reste ouvert », a affirmé la ministre de la Culture, Hélène Marchand, lors d'un déplacement à Lyon.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Le dialogue reste ouvert");
    let (name, role, _, _) = speaker_of(q);
    assert_eq!(
        (name, role),
        (Some("Hélène Marchand"), Some("la ministre de la Culture"))
    );
}

#[test]
fn french_pour_sa_part_and_de_son_cote() {
    let body = "« Rien n'est joué », estime pour sa part le politologue Marc Duval.\n\nLe préfet de la Gironde a de son côté jugé la situation « préoccupante ».";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Rien n'est joué");
    assert_eq!(speaker_of(q).0, Some("Marc Duval"));
    let q = quote(&a, "préoccupante");
    assert_eq!(speaker_of(q).1, Some("Le préfet de la Gironde"));
}

#[test]
fn french_told_verb_governs_reported_content() {
    let body = "Le maire de Brest, Yann Kervella, a déclaré à France Bleu que les écoles rouvriraient lundi.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "les écoles rouvriraient lundi");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        (q.start, q.end),
        at(body, "les écoles rouvriraient lundi", 0)
    );
    assert_eq!(speaker_of(q).0, Some("Yann Kervella"));
}

#[test]
fn designations_after_dit_or_so_called_are_marked_terms() {
    let body = "Les élus dits « frondeurs » ont voté contre le texte.\n\nThe so-called \"reform caucus\" said it would abstain.";
    let a = run(body, None);
    assert!(
        a.quotes
            .iter()
            .all(|q| q.text != "frondeurs" && q.text != "reform caucus"),
        "{:#?}",
        a.quotes
    );
    assert_eq!(terms(&a), vec!["frondeurs", "reform caucus"]);
}

#[test]
fn french_participle_cues_and_relative_antecedent() {
    let body = "Les pêcheurs bretons ont bloqué le port de Lorient, les syndicats promettant une « mobilisation totale ».\n\n« Nous irons jusqu'au bout », a prévenu Mme Le Bihan, qui exige un moratoire « immédiat et complet ».";
    let a = run(body, Some("fr"));
    let q = quote(&a, "mobilisation totale");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_of(q).1, Some("les syndicats"));
    let q = quote(&a, "immédiat et complet");
    assert_eq!((q.start, q.end), at(body, "immédiat et complet", 0));
    assert!(
        speaker_of(q).0.is_some_and(|n| n.ends_with("Le Bihan")),
        "{q:#?}"
    );
}

#[test]
fn definite_role_alone_refers_back_to_the_named_holder() {
    let body = "وقال وزير النقل سامي العتيبي إن الخط سيفتتح في مارس.\n\nوقال المتحدث باسم الشركة: «الأعمال تسير بحسب الجدول».\n\nوقال الوزير: «لن نقبل أي تأخير».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "لن نقبل أي تأخير");
    let (name, role, _, by) = speaker_of(q);
    assert_eq!(
        (name, role, by),
        (
            Some("سامي العتيبي"),
            Some("وزير النقل"),
            ResolvedBy::Previous
        )
    );
    let body = "Interior Minister Paul Eder said the border would stay open.\n\n\"We are monitoring the situation,\" the minister said.";
    let a = run(body, Some("en"));
    let q = quote(&a, "We are monitoring the situation,");
    assert_eq!(speaker_of(q).0, Some("Paul Eder"));
}

#[test]
fn arabic_lam_outlet_after_a_long_speaker_description_is_interviewed() {
    let body = "وقال دبلوماسي غربي رفيع في العاصمة الأردنية، طلب عدم الكشف عن هويته، لوكالة الصحافة الفرنسية إن المحادثات ستستأنف الأحد.";
    let a = run(body, Some("ar"));
    assert_eq!(
        sources(&a),
        vec![("afp", SourceRole::Interviewed, "وكالة الصحافة الفرنسية")]
    );
    let q = quote(&a, "المحادثات ستستأنف الأحد");
    assert_eq!(q.medium.as_deref(), Some("afp"));
    let (_, role, kind, _) = speaker_of(q);
    assert_eq!(kind, SpeakerKind::Anonymous);
    assert_eq!(role, Some("دبلوماسي غربي رفيع"));
}

#[test]
fn called_is_a_cue_and_pronouns_follow_gender() {
    let body = "Transport union head Pieter Claes said the offer was \"an insult.\"\n\nRail operator chief Marieke Smets called the walkout \"reckless.\" She said trains would run on Sunday.\n\nClaes disagreed. \"Nothing has been agreed,\" he said.";
    let a = run(body, Some("en"));
    let q = quote(&a, "reckless.");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_of(q).0, Some("Marieke Smets"));
    let q = quote(&a, "trains would run on Sunday");
    assert_eq!(speaker_of(q).0, Some("Marieke Smets"));
    let q = quote(&a, "Nothing has been agreed,");
    let (name, _, _, by) = speaker_of(q);
    assert_eq!((name, by), (Some("Pieter Claes"), ResolvedBy::Pronoun));
}

#[test]
fn institutions_with_of_phrases_are_organizations() {
    let body =
        "The Egyptian Ministry of Foreign Affairs said the talks were \"constructive and frank.\"";
    let a = run(body, Some("en"));
    let q = &a.quotes[0];
    let (name, role, kind, _) = speaker_of(q);
    assert_eq!(
        (name, role, kind),
        (
            Some("The Egyptian Ministry of Foreign Affairs"),
            None,
            SpeakerKind::Organization
        )
    );
}

#[test]
fn arabic_naqalat_an_qawluhu_and_bihasab_fainna() {
    let body = "ونقلت وكالة الأنباء الكويتية عن وزير النفط عادل الصباح قوله إن الإنتاج سيرتفع في الربع المقبل.\n\nوبحسب وكالة رويترز، فإن الأسعار تراجعت بنسبة اثنين في المئة.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "الإنتاج سيرتفع في الربع المقبل");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let (name, role, _, _) = speaker_of(q);
    assert_eq!((name, role), (Some("عادل الصباح"), Some("وزير النفط")));
    let q = quote(&a, "الأسعار تراجعت بنسبة اثنين في المئة");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        (q.start, q.end),
        at(body, "الأسعار تراجعت بنسبة اثنين في المئة", 0)
    );
}

#[test]
fn latin_postposed_cue_and_preposed_selon_open_reported_content() {
    let body = "Trois civils ont été blessés dans l'explosion d'un engin près de Kidal, a rapporté la mission de l'ONU.\n\nSelon la préfecture, jointe par l'AFP, les routes resteront fermées jusqu'à dimanche.\n\nThe refinery will remain closed for at least two weeks, the company said.";
    let a = run(body, None);
    for text in [
        "Trois civils ont été blessés dans l'explosion d'un engin près de Kidal",
        "les routes resteront fermées jusqu'à dimanche",
        "The refinery will remain closed for at least two weeks",
    ] {
        let q = quote(&a, text);
        assert_eq!(q.kind, QuoteKind::Indirect);
        assert_eq!((q.start, q.end), at(body, text, 0));
    }
    let q = quote(&a, "The refinery will remain closed for at least two weeks");
    assert_eq!(speaker_of(q).2, SpeakerKind::Organization);
}

#[test]
fn appositive_subject_before_said_is_not_reported_content() {
    let body = "The union's spokesman, Karel Dvorak, said on Monday.\n\nItaly, the proposed end point, and Egypt were called to join.";
    let a = run(body, Some("en"));
    assert!(a.quotes.is_empty(), "{:#?}", a.quotes);
}

#[test]
fn selon_lui_takes_the_previous_speaker() {
    let body = "Le ministre de l'Agriculture, Paul Garnier, a reçu les éleveurs jeudi.\n\n« Nous avons entendu leurs demandes », a déclaré M. Garnier.\n\nSelon lui, les aides seront versées avant la fin du mois.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "les aides seront versées avant la fin du mois");
    let (name, _, _, by) = speaker_of(q);
    assert_eq!(by, ResolvedBy::Pronoun);
    assert!(name.is_some_and(|n| n.ends_with("Garnier")), "{q:#?}");
}

#[test]
fn fragment_after_selon_comma_is_reported_words_not_a_term() {
    // the comma closes the attribution phrase: the marks are in the content
    let body = "Selon une source judiciaire, le dossier est « quasiment bouclé » depuis lundi.\n\nSelon « Libération », le juge a été dessaisi.";
    let a = run(body, Some("fr"));
    assert_eq!(terms(&a), vec!["Libération"]);
    let q = quote(&a, "le dossier est « quasiment bouclé » depuis lundi");
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn french_told_verb_governs_fragments_and_finds_inverted_subject() {
    let body = "La présidente de la région, Anne Morel, a déclaré à la presse que ces travaux étaient « très en retard ».\n\n« Nous reprendrons le chantier en mai », a indiqué à l'AFP un porte-parole du conseil régional.";
    let a = run(body, Some("fr"));
    assert!(terms(&a).is_empty(), "{:?}", terms(&a));
    let q = quote(&a, "ces travaux étaient « très en retard »");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_of(q).0, Some("Anne Morel"));
    let q = quote(&a, "Nous reprendrons le chantier en mai");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_of(q).1, Some("un porte-parole du conseil régional"));
}

#[test]
fn french_postposed_cue_after_dateline_with_time_and_inverted_subject() {
    let body = "RABAT (MAP) - Le Maroc a décidé de suspendre « à titre provisoire » ses importations de blé tendre, a annoncé jeudi le ministère de l'Agriculture dans un communiqué.\n\nDevant le tribunal, Marc Lenoir, 52 ans, a raconté mardi la nuit de l'incendie.";
    let a = run(body, Some("fr"));
    let text =
        "Le Maroc a décidé de suspendre « à titre provisoire » ses importations de blé tendre";
    let q = quote(&a, text);
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!((q.start, q.end), at(body, text, 0));
    assert_eq!(speaker_of(q).0, Some("le ministère de l'Agriculture"));
    assert!(terms(&a).is_empty(), "{:?}", terms(&a));
    // a subject with a short apposition is not reported content
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
}

#[test]
fn thanking_verb_governs_a_quoted_fragment() {
    let body = "La maire de Lille, Odile Vasseur, a remercié les bénévoles pour leur « dévouement sans faille ».";
    let a = run(body, Some("fr"));
    assert!(terms(&a).is_empty(), "{:?}", terms(&a));
    let q = quote(&a, "dévouement sans faille");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_of(q).0, Some("Odile Vasseur"));
}

#[test]
fn lowercase_fragment_inside_reported_content_is_not_a_term() {
    let body = "Fuel prices will rise \"sharply and soon\" across the region, the energy regulator said on Tuesday.\n\nRebels long described as \"moderate\" by Western capitals have left the city, a rebel commander said.";
    let a = run(body, Some("en"));
    assert_eq!(terms(&a), vec!["moderate"]);
    let q = quote(
        &a,
        "Fuel prices will rise \"sharply and soon\" across the region",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn speech_verb_without_quotation_introduces_the_next_bare_speaker() {
    // أعلن governs a noun phrase, not a quotation; the bare قال after it
    // takes its subject
    let body =
        "أعلن المتحدث باسم وزارة الداخلية العقيد سامر الحداد الأحد إغلاق المعبر، وقال إن الإغلاق مؤقت.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "الإغلاق مؤقت");
    let (name, role, _, by) = speaker_of(q);
    assert_eq!(name, Some("سامر الحداد"));
    assert!(
        role.is_some_and(|r| r.starts_with("المتحدث باسم")),
        "{role:?}"
    );
    assert_eq!(by, ResolvedBy::Previous);
    let body = "The mayor, Ellen Cobb, announced a curfew on Friday. \"Nobody should be on the streets after dark,\" she said.";
    let a = run(body, Some("en"));
    // "announced a curfew": a plain object, not reported content
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
    let q = quote(&a, "Nobody should be on the streets after dark,");
    let (name, _, _, by) = speaker_of(q);
    assert_eq!(name, Some("Ellen Cobb"));
    assert_eq!(by, ResolvedBy::Pronoun);
}

#[test]
fn courtesy_title_is_not_part_of_the_name() {
    let body = "« Le calendrier sera tenu », a déclaré M. Hugo Perrin.\n\n« Il n'y aura pas de report », a insisté M. Perrin.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Le calendrier sera tenu");
    assert_eq!(speaker_of(q).0, Some("Hugo Perrin"));
    let q = quote(&a, "Il n'y aura pas de report");
    let (name, _, _, by) = speaker_of(q);
    assert_eq!(name, Some("Hugo Perrin"));
    assert_eq!(by, ResolvedBy::Surname);
}

#[test]
fn reflexive_speech_verb_keeps_its_subject() {
    let body = "Le ministre de la Culture, Rémi Ferrand, s'est dit mardi « très inquiet » pour les festivals.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "très inquiet");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker_of(q).0, Some("Rémi Ferrand"));
}

#[test]
fn apposition_after_a_name_is_the_role_and_participle_clause_is_skipped() {
    let body = "Nadia Rahmi, directrice générale de Sotex Maroc, a indiqué « ne pas exclure » une vente.\n\nLe rapport du Sénat, publié après un an d'enquête, précise : « Aucune alerte n'a été entendue. »";
    let a = run(body, Some("fr"));
    let q = quote(&a, "ne pas exclure");
    let (name, role, _, _) = speaker_of(q);
    assert_eq!(name, Some("Nadia Rahmi"));
    assert_eq!(role, Some("directrice générale de Sotex Maroc"));
    assert_eq!(a.quotes.len(), 2, "{:#?}", a.quotes);
    let q = quote(&a, "Aucune alerte n'a été entendue.");
    let s = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert!(s.is_some_and(|m| !m.contains("publié")), "{:#?}", q.speaker);
}

#[test]
fn arabic_long_role_with_a_body_name_inside_keeps_the_person_name_last() {
    let body = "وقال المتحدث باسم قيادة عمليات نينوى التابعة للجيش العراقي سعد الطائي إن القوات استعادت السيطرة على القرية.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "القوات استعادت السيطرة على القرية");
    let (name, role, _, _) = speaker_of(q);
    assert_eq!(name, Some("سعد الطائي"));
    assert_eq!(
        role,
        Some("المتحدث باسم قيادة عمليات نينوى التابعة للجيش العراقي")
    );
}

#[test]
fn arabic_circumstantial_takes_the_subject_of_the_main_verb() {
    // دافع is no speech verb; معتبرة shares its subject
    let body = "الرباط (وكالات) - دافعت وزيرة الصحة المغربية لمياء بنعلي عن خطة التلقيح، معتبرة أنها «الطريق الوحيد للخروج من الأزمة».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "الطريق الوحيد للخروج من الأزمة");
    let (name, role, _, by) = speaker_of(q);
    assert_eq!(name, Some("لمياء بنعلي"));
    assert_eq!(role, Some("وزيرة الصحة المغربية"));
    assert_eq!(by, ResolvedBy::Explicit);
}

#[test]
fn maghreb_agency_abbreviations_and_one_id_per_outlet() {
    let body = "ALGER (APS) - Le gouvernement a adopté le projet de loi de finances.\n\nوقال النائب لصحيفة «القدس العربي» إن الحكومة ستسقط.";
    let a = run(body, None);
    let ids: Vec<&str> = a.sources.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"aps"), "{ids:?}");
    assert!(ids.contains(&"alqudsalarabi"), "{ids:?}");
    assert!(!ids.contains(&"alquds"), "{ids:?}");
}

#[test]
fn participle_after_comma_takes_the_subject_of_the_main_clause() {
    let body = "Le syndicat Sud-Rail a rejeté jeudi la proposition de la direction, la jugeant « très en deçà des attentes ».\n\nLes élus ont d'emblée dénoncé un budget « insincère ».";
    let a = run(body, Some("fr"));
    let q = quote(&a, "très en deçà des attentes");
    let s = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert_eq!(s, Some("Le syndicat Sud-Rail"));
    assert_eq!(speaker_of(q).3, ResolvedBy::Explicit);
    let q = quote(&a, "insincère");
    let s = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert_eq!(s, Some("Les élus"));
    let body = "The dockworkers' union rejected the offer on Monday, calling it \"an insult to every member\".";
    let a = run(body, Some("en"));
    let q = quote(&a, "an insult to every member");
    let s = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert_eq!(s, Some("The dockworkers' union"));
}

#[test]
fn quotation_closed_after_its_period_ends_the_sentence_before_a_new_quotation() {
    let body = "Ruth Adler told reporters that the strike would be \"long and hard.\" \"We are ready for it,\" she said.";
    let a = run(body, Some("en"));
    let q = quote(&a, "the strike would be \"long and hard.\"");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let q = quote(&a, "We are ready for it,");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_of(q).0, Some("Ruth Adler"));
}

#[test]
fn coordinated_speech_clause_ends_the_first_reported_content() {
    let body = "The health agency said on Friday that the outbreak was under control, but warned that new cases would appear in the north.\n\nShe said the talks had failed, and she accused the employers of \"bad faith\".";
    let a = run(body, Some("en"));
    let q = quote(&a, "the outbreak was under control");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let q = quote(&a, "new cases would appear in the north");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        q.speaker.as_ref().map(|s| s.mention.text.as_str()),
        Some("The health agency")
    );
    let q = quote(&a, "the talks had failed");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let q = quote(&a, "bad faith");
    assert_eq!(q.kind, QuoteKind::Partial);
}

#[test]
fn zero_complementizer_after_time_adverbial_or_quantifier() {
    let body = "Former mayor Tom Grady said on Monday he would run again.\n\nRescue teams said at least 12 people were still missing.";
    let a = run(body, Some("en"));
    let q = quote(&a, "he would run again");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker_of(q).0, Some("Tom Grady"));
    let q = quote(&a, "at least 12 people were still missing");
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn what_it_called_is_a_quotation_of_the_sentence_subject() {
    let body = "The airline declined to comment on what it called \"internal matters\".";
    let a = run(body, Some("en"));
    assert!(terms(&a).is_empty(), "{:?}", terms(&a));
    let q = quote(&a, "internal matters");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(
        q.speaker.as_ref().map(|s| s.mention.text.as_str()),
        Some("The airline")
    );
}

#[test]
fn arabic_pluperfect_kana_qad_puts_the_subject_before_the_verb() {
    let body = "وكانت صحيفة «الوطن» المحلية قد ذكرت الشهر الماضي أن المصنع سيغلق أبوابه.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "المصنع سيغلق أبوابه");
    let m = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert_eq!(m, Some("صحيفة «الوطن» المحلية"));
}

#[test]
fn arabic_iktafa_bil_qawl_introduces_a_quotation() {
    let body = "واكتفت المتحدثة باسم الشركة سلوى عيد بالقول: «لا تعليق لدينا في هذه المرحلة».";
    let a = run(body, Some("ar"));
    let q = quote(&a, "لا تعليق لدينا في هذه المرحلة");
    assert_eq!(q.kind, QuoteKind::Direct);
    let (name, role, _, _) = speaker_of(q);
    assert_eq!(name, Some("سلوى عيد"));
    assert_eq!(role, Some("المتحدثة باسم الشركة"));
}

#[test]
fn french_told_verb_with_contracted_article() {
    let body = "« La saison est perdue », a confié au Télégramme un ostréiculteur de Cancale.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "La saison est perdue");
    let m = q.speaker.as_ref().map(|s| s.mention.text.as_str());
    assert_eq!(m, Some("un ostréiculteur de Cancale"));
    assert_eq!(q.medium.as_deref(), Some("letelegramme"));
}

#[test]
fn unclosed_quotation_ends_at_the_interrupting_cue() {
    let body = "« Nous ne céderons pas au chantage, a déclaré le maire, Paul Aubry, devant le conseil municipal.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Nous ne céderons pas au chantage");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("a déclaré"));
    assert_eq!(speaker_of(q).0, Some("Paul Aubry"));
}

#[test]
fn pronoun_prefers_the_named_subject_of_the_sentence_before() {
    let body = "\"We will appeal,\" a union official said.\n\nLabour Minister Anna Kovacs refused to comment on the ruling. \"The court has spoken,\" she told reporters.";
    let a = run(body, Some("en"));
    let q = quote(&a, "The court has spoken,");
    let (name, _, _, by) = speaker_of(q);
    assert_eq!(name, Some("Anna Kovacs"));
    assert_eq!(by, ResolvedBy::Pronoun);
}

#[test]
fn quotation_over_paragraphs_finds_the_narrative_speaker_before_it() {
    let body = "Devant le tribunal, Lucie Marchal a raconté jeudi la nuit du naufrage.\n\n« L'eau montait très vite. Nous avons perdu le canot.\n\n« Personne ne répondait à la radio », a-t-elle ajouté.";
    let a = run(body, Some("fr"));
    let q = &a.quotes[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_of(q).0, Some("Lucie Marchal"));
}

#[test]
fn french_role_and_pronoun_refer_to_persons_named_in_the_narrative() {
    let body = "La ministre de la Santé, Odile Brunet, et le président de l'ordre des médecins, Paul Ravel, ont signé lundi le protocole.\n\n« Rien ne change pour les patients », a assuré la ministre. Elle a reconnu que les délais « restent longs ».\n\nM. Ravel s'est montré prudent. « Nous jugerons sur pièces », a-t-il déclaré.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Rien ne change pour les patients");
    assert_eq!(
        (q.start, q.end),
        at(body, "Rien ne change pour les patients", 0)
    );
    assert_eq!(
        speaker_of(q),
        (
            Some("Odile Brunet"),
            Some("La ministre de la Santé"),
            SpeakerKind::Person,
            ResolvedBy::Previous
        )
    );
    let q = quote(&a, "les délais « restent longs »");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).3),
        (Some("Odile Brunet"), ResolvedBy::Pronoun)
    );
    let q = quote(&a, "Nous jugerons sur pièces");
    assert_eq!(
        q.cue.as_ref().map(|c| c.text.as_str()),
        Some("a-t-il déclaré")
    );
    assert_eq!(speaker_of(q).0, Some("Paul Ravel"));
}

#[test]
fn french_demonstrative_colon_speaker_and_interview_with_a_daily() {
    let body = "La délégation a été reçue par la ministre du Travail, Inès Caron. Dans un entretien au Parisien, celle-ci a assuré que la loi « sera appliquée ».\n\nLe porte-parole du syndicat, Hugo Lenoir : « Nous attendons des actes. »";
    let a = run(body, Some("fr"));
    let q = quote(&a, "la loi « sera appliquée »");
    assert_eq!((q.start, q.end), at(body, "la loi « sera appliquée »", 0));
    assert_eq!(
        speaker_of(q),
        (
            Some("Inès Caron"),
            Some("la ministre du Travail"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
    let q = quote(&a, "Nous attendons des actes.");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        speaker_of(q),
        (
            Some("Hugo Lenoir"),
            Some("Le porte-parole du syndicat"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
    assert!(sources(&a).contains(&("leparisien", SourceRole::Interviewed, "Parisien")));
}

#[test]
fn french_lede_quotation_opinion_frame_and_quant_a_lui() {
    let body = "LILLE (AFP) - « Je n'ai plus rien. » Devant sa maison inondée, Lucie Vermeulen, retraitée à Armentières, attend les assureurs.\n\nPour le préfet du Nord, Alain Costa, « la décrue sera lente ». Le maire de la ville, Jean Dehaene, a quant à lui assuré que « tout sera reconstruit ».\n\n« Je n'ai jamais promis de date », s'est défendu M. Dehaene.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Je n'ai plus rien.");
    assert_eq!((q.start, q.end), at(body, "Je n'ai plus rien.", 0));
    assert_eq!(speaker_of(q).0, Some("Lucie Vermeulen"));
    let q = quote(&a, "la décrue sera lente");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("Alain Costa"), Some("le préfet du Nord"))
    );
    // the stressed pronoun of "quant à lui" stands between subject and verb
    let q = quote(&a, "tout sera reconstruit");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("Jean Dehaene"), Some("Le maire de la ville"))
    );
    let q = quote(&a, "Je n'ai jamais promis de date");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).3),
        (Some("Jean Dehaene"), ResolvedBy::Surname)
    );
}

#[test]
fn french_medium_phrase_before_an_inverted_subject() {
    let body = "« La situation est sous contrôle », déclare dans un communiqué la préfecture du Nord.\n\n« C'est un premier pas », a réagi sur X la maire de Roubaix, Claire Morin.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "La situation est sous contrôle");
    let s = q.speaker.as_ref().map(|s| (s.name.clone(), s.role.clone()));
    assert!(
        s.as_ref()
            .is_some_and(|(n, r)| n.as_deref() == Some("la préfecture du Nord")
                || r.as_deref() == Some("la préfecture du Nord")),
        "{s:?}"
    );
    let q = quote(&a, "C'est un premier pas");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("Claire Morin"), Some("la maire de Roubaix"))
    );
}

#[test]
fn apposition_after_a_dateline_and_told_reporters_outside() {
    let body = "DAKAR, 4 juin (Reuters) - Awa Ndour, ministre sénégalaise du Commerce, a affirmé mardi que les prix baisseraient.\n\n\"We stay,\" she told reporters outside the court.";
    let a = run(body, None);
    let q = quote(&a, "les prix baisseraient");
    assert_eq!(
        speaker_of(q),
        (
            Some("Awa Ndour"),
            Some("ministre sénégalaise du Commerce"),
            SpeakerKind::Person,
            ResolvedBy::Explicit
        )
    );
    assert!(a.quotes.iter().all(|q| !q.text.contains("outside")));
}

#[test]
fn arabic_role_noun_starting_with_waw_keeps_its_genitive() {
    let body =
        "وقالت وزيرة الدولة للشؤون الخارجية هند العلي إن «الحوار مستمر بين الطرفين رغم الخلافات».";
    let a = run(body, Some("ar"));
    // a whole content in marks right after "إن" is reported speech
    let q = quote(&a, "الحوار مستمر بين الطرفين رغم الخلافات");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("هند العلي"), Some("وزيرة الدولة للشؤون الخارجية"))
    );
}

#[test]
fn outlet_carrying_a_statement_and_bracketed_abbreviation() {
    let body = "وأكدت الحكومة في بيان نشرته وكالة الأنباء القطرية أن المفاوضات مستمرة.\n\nوصرح وزير الخارجية لوكالة الأنباء الأردنية (بترا) بأن الأردن يدعم الحل.";
    let a = run(body, Some("ar"));
    let roles: Vec<(&str, SourceRole)> = sources(&a).iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(
        roles,
        vec![
            ("qna", SourceRole::Statement),
            ("petra", SourceRole::Interviewed),
            ("petra", SourceRole::Interviewed)
        ]
    );
}

#[test]
fn pronoun_with_no_speaker_before_takes_an_earlier_named_subject() {
    let body = "NEW YORK (AP) — Rosa Delgado lost her job in March. Now she cleans offices at night.\n\n\"I never thought I would be here,\" she said.";
    let a = run(body, Some("en"));
    let q = quote(&a, "I never thought I would be here,");
    assert_eq!(
        (q.start, q.end),
        at(body, "I never thought I would be here,", 0)
    );
    assert_eq!(speaker_of(q).0, Some("Rosa Delgado"));
}

#[test]
fn french_generic_noun_and_clause_before_a_colon() {
    let body = "Le président de la région, Loïc Tanguy, a écrit au PDG. Dans ce courrier, l'élu dénonce une situation « inacceptable ».\n\nSa voisine de quai, Maëlle Le Bris, infirmière, hausse les épaules : « On a l'habitude, on attend. »";
    let a = run(body, Some("fr"));
    let q = quote(&a, "inacceptable");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).3),
        (Some("Loïc Tanguy"), ResolvedBy::Previous)
    );
    let q = quote(&a, "On a l'habitude, on attend.");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("Maëlle Le Bris"), Some("infirmière"))
    );
}

#[test]
fn arabic_compound_surname_and_outlet_after_a_name_in_marks() {
    let body = "أكد وزير المياه رائد أبو الهيجاء أن العجز غير مسبوق.\n\nوأوضح أبو الهيجاء أن الوزارة تعمل على مشاريع جديدة.\n\nوقالت مديرة البرنامج في منظمة «أوكسفام» سارة الحسيني لوكالة فرانس برس إن الوضع صعب.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "الوزارة تعمل على مشاريع جديدة");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).3),
        (Some("رائد أبو الهيجاء"), ResolvedBy::Surname)
    );
    assert!(sources(&a).contains(&("afp", SourceRole::Interviewed, "وكالة فرانس برس")));
}

#[test]
fn english_name_then_affiliation_and_lowercase_particle() {
    let body = "\"We are disappointed,\" said Ursula Becker of consumer group BEUC.\n\n\"It's a start,\" said Green lawmaker Kim van Sparrentak.";
    let a = run(body, Some("en"));
    let q = quote(&a, "We are disappointed,");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("Ursula Becker"), Some("of consumer group BEUC"))
    );
    let q = quote(&a, "It's a start,");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("Kim van Sparrentak"), Some("Green lawmaker"))
    );
}

#[test]
fn cue_inserted_inside_the_reported_clause() {
    let body =
        "Chile's central bank held rates. Most traders, Reyes said, had already priced in a pause.";
    let a = run(body, Some("en"));
    let q = quote(&a, "had already priced in a pause");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        (q.start, q.end),
        at(body, "had already priced in a pause", 0)
    );
    assert_eq!(speaker_of(q).0, Some("Reyes"));
}

#[test]
fn pronoun_cue_at_the_very_start_has_no_antecedent_and_does_not_panic() {
    for (body, lang) in [
        ("oui, a-t-il dit.", "fr"),
        ("«oui», a-t-il dit.", "fr"),
        ("yes, he said.", "en"),
        ("\"yes,\" she said.", "en"),
    ] {
        let a = run(body, Some(lang));
        assert!(a.quotes.iter().all(|q| q.speaker.is_none()), "{body}");
    }
}

#[test]
fn english_time_phrase_between_subject_and_verb_and_council_member() {
    let body = "Mayor Ann Kowalski on Monday defended the plan, saying the city had \"no painless options\" left.\n\nCouncil member Tom Reyes said he would vote against it.\n\n\"It is the wrong plan,\" he said.";
    let a = run(body, Some("en"));
    let q = quote(&a, "no painless options");
    assert_eq!(speaker_of(q).0, Some("Ann Kowalski"));
    let q = quote(&a, "he would vote against it");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1, speaker_of(q).2),
        (
            Some("Tom Reyes"),
            Some("Council member"),
            SpeakerKind::Person
        )
    );
    let q = quote(&a, "It is the wrong plan,");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).3),
        (Some("Tom Reyes"), ResolvedBy::Pronoun)
    );
}

#[test]
fn english_pronoun_takes_a_person_named_without_a_role() {
    let body = "Farmers said Thursday that relief had come late.\n\nKaren Whitfield, who grows corn near Fremont, lost most of her crop in May.\n\n\"You can't plant with a promise,\" she said.";
    let a = run(body, Some("en"));
    let q = quote(&a, "You can't plant with a promise,");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).3),
        (Some("Karen Whitfield"), ResolvedBy::Pronoun)
    );
}

#[test]
fn names_after_a_naming_noun_or_before_the_verb_are_marked_terms() {
    let body = "Le collectif de contrôleurs « Ciel bleu » a appelé mardi à la grève. Le gouvernement a lancé le plan « Horizon 2030 ». Le ministre a jugé ce plan « irresponsable ». Le parti a appelé à manifester sous le mot d'ordre « Respectez nos voix ».";
    let a = run(body, Some("fr"));
    assert_eq!(
        terms(&a),
        vec!["Ciel bleu", "Horizon 2030", "Respectez nos voix"]
    );
    let q = quote(&a, "irresponsable");
    assert_eq!(q.kind, QuoteKind::Partial);
    let body = "أعلن الجيش إطلاق عملية «درع الحدود» شرق البلاد.";
    let a = run(body, Some("ar"));
    assert_eq!(terms(&a), vec!["درع الحدود"]);
    assert!(a.quotes.is_empty());
}

#[test]
fn a_guarded_word_inside_a_reuters_arabic_credit_line_is_no_outlet() {
    let body = "القاهرة (رويترز) - قال الوزير إن الأسعار سترتفع.\n\n(إعداد محمد علي للنشرة العربية - تحرير سها جادو)";
    let a = run(body, Some("ar"));
    assert!(
        !sources(&a).iter().any(|s| s.0 == "alarabiya"),
        "{:?}",
        sources(&a)
    );
}

#[test]
fn french_colon_after_a_clause_naming_nobody_and_two_complementizers() {
    let body = "Sur son exploitation de Chabeuil, Nathalie Brunet montre ses tomates. Son constat est sans appel : « Sans eau, je perds la saison. »\n\nLa préfète, Catherine Vasseur, a expliqué que les nappes avaient atteint leur plus bas niveau et que « chaque litre compte ».";
    let a = run(body, Some("fr"));
    let q = quote(&a, "Sans eau, je perds la saison.");
    assert_eq!(speaker_of(q).0, Some("Nathalie Brunet"));
    let q = quote(&a, "les nappes avaient atteint leur plus bas niveau");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let q = quote(&a, "« chaque litre compte »");
    assert_eq!(
        (q.kind, speaker_of(q).0),
        (QuoteKind::Indirect, Some("Catherine Vasseur"))
    );
}

#[test]
fn french_selon_with_an_acronym_and_a_plain_verb_in_the_content() {
    let body = "Selon la Direction générale de l'aviation civile (DGAC), environ 1.200 vols pourraient être annulés. Selon une source diplomatique à Abidjan, plusieurs partenaires s'inquiètent d'un retour des tensions.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "environ 1.200 vols pourraient être annulés");
    assert_eq!(q.kind, QuoteKind::Indirect);
    let q = quote(
        &a,
        "plusieurs partenaires s'inquiètent d'un retour des tensions",
    );
    assert_eq!(speaker_of(q).2, SpeakerKind::Anonymous);
}

#[test]
fn subject_with_a_name_in_marks_and_its_apposition_is_no_reported_content() {
    let body = "Le parti « Renouveau », deuxième formation de la coalition au pouvoir, a annoncé mercredi son retrait du gouvernement, dénonçant une « dérive autoritaire » du président.\n\nLe porte-parole du gouvernement, Serge Ahoua, a regretté une décision « précipitée », tout en assurant que l'exécutif disposait toujours d'une majorité.";
    let a = run(body, Some("fr"));
    assert!(!a.quotes.iter().any(|q| q.text.starts_with("Le parti")));
    let q = quote(&a, "dérive autoritaire");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).2),
        (Some("parti « Renouveau »"), SpeakerKind::Organization)
    );
    let q = quote(&a, "l'exécutif disposait toujours d'une majorité");
    assert_eq!(speaker_of(q).0, Some("Serge Ahoua"));
}

#[test]
fn english_clause_after_said_is_not_post_posed_and_a_long_apposition_is_a_role() {
    let body = "Another analyst, who declined to be named because he was not authorised to speak to the media, said the market was \"punishing honesty\".\n\nLars Henriksen, a fisheries adviser to the Danish Fishermen's Producer Organisation, said the Danish experience showed that coexistence was possible.";
    let a = run(body, Some("en"));
    assert!(!a.quotes.iter().any(|q| q.text.starts_with("Another")));
    let q = quote(&a, "the market was \"punishing honesty\"");
    assert_eq!(speaker_of(q).2, SpeakerKind::Anonymous);
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.contains("coexistence"))
        .expect("the reported clause");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (
            Some("Lars Henriksen"),
            Some("a fisheries adviser to the Danish Fishermen's Producer Organisation")
        )
    );
}

#[test]
fn arabic_quotation_reopened_after_a_full_sentence_runs_on() {
    let body = "وقالت المتحدثة باسم المفوضية أولغا بيتروفا للصحافيين: «تلقينا أقل من ربع المبلغ.\n\n«إذا لم يصل التمويل فسنخفض الحصص».";
    let a = run(body, Some("ar"));
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
    assert!(a.quotes[0].text.starts_with("تلقينا") && a.quotes[0].text.ends_with("الحصص"));
    assert_eq!(speaker_of(&a.quotes[0]).0, Some("أولغا بيتروفا"));
}

#[test]
fn arabic_name_in_apposition_after_a_role_and_a_deputy_for_a_bloc() {
    let body = "«نحن مستعدون للجولة المقبلة»، قال نائب وزير الخارجية الروسي، ميخائيل فيدوتوف، في تصريح لوكالة سبوتنيك.\n\nوأكد وزير التجهيز والماء، السيد عبد الرحيم بنعلي، اليوم الأربعاء، أن الوضعية المائية تحسنت نسبيا.\n\nوقال النائب عن لجنة الطاقة علي سعدون إن الوزارة صرفت أكثر من 80 مليار دولار.";
    let a = run(body, Some("ar"));
    let q = quote(&a, "نحن مستعدون للجولة المقبلة");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("ميخائيل فيدوتوف"), Some("نائب وزير الخارجية الروسي"))
    );
    let q = quote(&a, "الوضعية المائية تحسنت نسبيا");
    assert_eq!(speaker_of(q).0, Some("عبد الرحيم بنعلي"));
    let q = quote(&a, "الوزارة صرفت أكثر من 80 مليار دولار");
    assert_eq!(
        (speaker_of(q).0, speaker_of(q).1),
        (Some("علي سعدون"), Some("النائب عن لجنة الطاقة"))
    );
}

#[test]
fn french_pronoun_after_a_titled_surname_and_new_speech_verbs() {
    let body = "Le directeur général de la compagnie, Faly Andriamanana, était absent.\n\nMais pour M. Rakotomalala, ces promesses ne suffisent plus. « On nous dit ça chaque année », lâche-t-il.\n\n« On ne lâchera rien », promet sa porte-parole, Sandrine Vigier.";
    let a = run(body, Some("fr"));
    let q = quote(&a, "On nous dit ça chaque année");
    assert_eq!(speaker_of(q).0, Some("Rakotomalala"));
    let q = quote(&a, "On ne lâchera rien");
    assert_eq!(
        (q.kind, speaker_of(q).0),
        (QuoteKind::Direct, Some("Sandrine Vigier"))
    );
}

#[test]
fn interview_answers_after_dashes_or_labels_are_direct_quotations() {
    let body = "Jean-Marc Lacoste, 56 ans, installé à Gujan-Mestras, a répondu à nos questions.\n\n— Comment avez-vous vécu ces six semaines ?\n\n— Très mal. Le reste est « en cours d'instruction », comme ils disent.";
    let a = run(body, Some("fr"));
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
    let q = quote(
        &a,
        "Très mal. Le reste est « en cours d'instruction », comme ils disent.",
    );
    assert_eq!(
        (q.kind, speaker_of(q).0),
        (QuoteKind::Direct, Some("Jean-Marc Lacoste"))
    );
    assert!(terms(&a).is_empty());
    let body = "Economist Maria Lopez, 48, spoke to us.\n\nQ: Will rates fall?\n\nA: Not this year.\n\n- one\n\n- two";
    let a = run(body, Some("en"));
    let q = quote(&a, "Not this year.");
    assert_eq!(speaker_of(q).0, Some("Maria Lopez"));
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
}

#[test]
fn outlet_in_marks_after_a_told_cue_and_definite_noun_phrase_far_from_the_verb() {
    let body = "« Nous irons jusqu'au bout », a déclaré au « Parisien » le maire. Le ministre a défendu mardi devant les députés le « bouclier tarifaire ». L'ONG a appelé à la « libération immédiate » des détenus.";
    let a = run(body, Some("fr"));
    assert_eq!(terms(&a), vec!["Parisien", "bouclier tarifaire"]);
    assert_eq!(quote(&a, "libération immédiate").kind, QuoteKind::Partial);
}

#[test]
fn english_age_epithet_and_and_said_after_a_dateline() {
    let body = "DERNA, Libya (AP) — Ahmed Salem was asleep when the water came.\n\n\"I heard a sound like an explosion,\" the 38-year-old teacher said.\n\nOTTAWA, June 4 (Reuters) - The Bank of Canada held its rate and said it would need to see more easing.";
    let a = run(body, Some("en"));
    let q = quote(&a, "I heard a sound like an explosion,");
    assert_eq!(speaker_of(q).0, Some("Ahmed Salem"));
    let q = quote(&a, "it would need to see more easing");
    let (name, role, _, _) = speaker_of(q);
    assert_eq!(name.or(role), Some("The Bank of Canada"), "{q:#?}");
}

#[test]
fn post_posed_cue_after_a_double_hyphen_dateline_whose_city_ends_in_ing() {
    let body = "BEIJING, March 12 (Xinhua) -- China will expand a pilot program for the elderly to 100 more cities this year, the Ministry of Civil Affairs announced Thursday.";
    let a = run(body, Some("en"));
    let q = quote(
        &a,
        "China will expand a pilot program for the elderly to 100 more cities this year",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn post_posed_anonymous_subject_after_a_two_city_dateline() {
    let body = "BERLIN/PARIS, Oct 2 (Reuters) - The carmaker is considering closing two plants in Europe, three people familiar with the matter said.";
    let a = run(body, Some("en"));
    let q = quote(
        &a,
        "The carmaker is considering closing two plants in Europe",
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
    let (name, role, _, _) = speaker_of(q);
    assert!(
        name.or(role)
            .is_some_and(|s| s.contains("people familiar with the matter")),
        "{q:#?}"
    );
}

#[test]
fn english_bare_clause_after_indicated_estimated_denies_and_a_bracketed_acronym() {
    let body = "Deputy Mayor Tomas Brandt indicated 40 homes were flooded overnight.\n\nThe Regional Water Board (RWB) said they expect the river to fall by Friday. He estimated this would take two days. The utility denies the two outages are linked.";
    let a = run(body, Some("en"));
    for text in [
        "40 homes were flooded overnight",
        "they expect the river to fall by Friday",
        "this would take two days",
        "the two outages are linked",
    ] {
        assert_eq!(quote(&a, text).kind, QuoteKind::Indirect);
    }
    // a plain object is no clause
    let a = run("The council denied the request on Monday.", Some("en"));
    assert!(a.quotes.is_empty(), "{:#?}", a.quotes);
    // "said this week" is a time adverbial, not a clause subject
    let a = run(
        "The firm said this week it would hire 200 staff.",
        Some("en"),
    );
    assert!(a.quotes.iter().all(|q| !q.text.starts_with("this week")));
}

#[test]
fn wikinews_itself_and_photo_credits_are_no_sources() {
    let body = "Several residents Wikinews spoke to said the bridge had been closed for a week.\n\nZnak.com reported the plant had shut down.\n\nA flooded street. Image: Voice of America.";
    let a = run(body, Some("en"));
    let ids: Vec<&str> = a.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["znak"], "{:#?}", a.sources);
}
