//! Arabic newspaper constructions (Saudi dailies: long appositions, the
//! pluperfect without قد, names in marks at every mention, attribution
//! phrases closing the sentence). Invented sentences only.

use super::*;
use crate::model::{LanguageGuess, Normalization};

fn run(body: &str) -> Attribution {
    attribute(&NormalizedDispatch {
        body: body.into(),
        normalization: Normalization {
            language: Some(LanguageGuess {
                tag: "ar".into(),
                confidence: 1.0,
                mixed_script: false,
            }),
            ..Normalization::default()
        },
        ..NormalizedDispatch::default()
    })
}

fn quote<'a>(a: &'a Attribution, text: &str) -> Option<&'a Quote> {
    a.quotes.iter().find(|q| q.text == text)
}

fn speaker(q: &Quote) -> String {
    q.speaker
        .as_ref()
        .map(|s| {
            format!(
                "{} {}",
                s.name.clone().unwrap_or_default(),
                s.role.clone().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

#[test]
fn pluperfect_without_qad_names_the_subject_between_kana_and_the_verb() {
    let body = "وقال وزير النقل سامي الحربي إن الطريق سيفتح قريبا.\n\nوكان المتحدث باسم الهيئة العامة للطرق خالد العمري أكد في تصريح صحافي أن أعمال الصيانة ستنتهي الشهر المقبل.";
    let a = run(body);
    let q = quote(&a, "أعمال الصيانة ستنتهي الشهر المقبل").unwrap_or_else(|| panic!("{a:#?}"));
    assert!(speaker(q).contains("خالد العمري"), "{q:#?}");
}

#[test]
fn agency_relaying_a_named_speaker_after_an() {
    let body = "ونقلت وكالة الأنباء الألمانية عن المتحدثة باسم وزارة البيئة هيلغا برانت: «لن نتراجع عن خطة خفض الانبعاثات مهما كانت الكلفة».";
    let a = run(body);
    let q = quote(&a, "لن نتراجع عن خطة خفض الانبعاثات مهما كانت الكلفة")
        .unwrap_or_else(|| panic!("{a:#?}"));
    assert!(speaker(q).contains("هيلغا برانت"), "{q:#?}");
}

#[test]
fn long_apposition_between_verb_and_complementizer() {
    let body = "ولفت مدير المصنع، خلال جولة نظمها مساء أمس للصحفيين في الموقع الجديد شرق المدينة، إلى أن المبيعات ارتفعت بنسبة كبيرة خلال العام.";
    let a = run(body);
    let q = quote(&a, "المبيعات ارتفعت بنسبة كبيرة خلال العام").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn attribution_phrase_closing_the_sentence_reports_the_clause_before_it() {
    let body = "أعادت فرق الإنقاذ فتح الطريق الساحلي أمام حركة السير مساء أمس، بحسب الدفاع المدني.";
    let a = run(body);
    let q = quote(
        &a,
        "أعادت فرق الإنقاذ فتح الطريق الساحلي أمام حركة السير مساء أمس",
    )
    .unwrap_or_else(|| panic!("{a:#?}"));
    assert!(speaker(q).contains("الدفاع المدني"), "{q:#?}");
}

#[test]
fn a_name_marked_at_every_mention_stays_a_marked_term_inside_reported_speech() {
    let body = "أعلنت شركة «نخيل» عن نتائجها.\n\nوقال المدير التنفيذي إن «نخيل» ستفتتح فرعين جديدين في الرياض العام المقبل.";
    let a = run(body);
    let n = a.marked_terms.iter().filter(|m| m.text == "نخيل").count();
    assert_eq!(n, 2, "{a:#?}");
}

#[test]
fn a_name_after_a_front_or_prize_noun_is_a_marked_term() {
    let body =
        "وقال القائد الميداني إن القوات تقدمت على محور «الوادي الأخضر» خلال الليل بعد معارك عنيفة.";
    let a = run(body);
    assert!(
        a.marked_terms.iter().any(|m| m.text == "الوادي الأخضر"),
        "{a:#?}"
    );
}

#[test]
fn justify_and_mufidan_are_speech_cues() {
    let body = "وبررت الوزارة أن تأخر المشروع جاء بسبب الأمطار الغزيرة التي شهدتها المنطقة.\n\nوأوضح المدير أن المصنع الجديد سيبدأ الإنتاج قريبا، مفيدا بقوله: «نحن مستعدون للمرحلة المقبلة».";
    let a = run(body);
    assert!(
        quote(
            &a,
            "تأخر المشروع جاء بسبب الأمطار الغزيرة التي شهدتها المنطقة"
        )
        .is_some(),
        "{a:#?}"
    );
    assert!(quote(&a, "نحن مستعدون للمرحلة المقبلة").is_some(), "{a:#?}");
}

#[test]
fn colon_quotation_without_marks_is_direct_with_the_speaker_before_the_colon() {
    let body = "وقال وزير المالية سامي الحربي: الحكومة ستواصل دعم المشاريع الصغيرة هذا العام.\n\nوأضاف: نحن ملتزمون بتنفيذ الخطة كاملة دون تأخير.";
    let a = run(body);
    let q = quote(&a, "الحكومة ستواصل دعم المشاريع الصغيرة هذا العام.")
        .unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Direct);
    assert!(speaker(q).contains("سامي الحربي"), "{q:#?}");
    // a bare follow-on verb keeps the previous speaker
    let q =
        quote(&a, "نحن ملتزمون بتنفيذ الخطة كاملة دون تأخير.").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Direct);
    assert!(speaker(q).contains("سامي الحربي"), "{q:#?}");
}

#[test]
fn colon_followed_by_a_complementizer_or_a_mark_is_not_an_unmarked_quotation() {
    let body = "وقال المتحدث: إن الوفد سيصل إلى العاصمة مساء الغد.\n\nوأضاف: «لا نريد التصعيد في هذه المرحلة».\n\nووصل القطار عند الساعة 10:30 صباحا كما قال السائق.";
    let a = run(body);
    let q = quote(&a, "الوفد سيصل إلى العاصمة مساء الغد").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Indirect);
    let q = quote(&a, "لا نريد التصعيد في هذه المرحلة").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(a.quotes.len(), 2, "{a:#?}");
}

fn name_and_role(q: &Quote) -> (String, String) {
    let s = q.speaker.as_ref();
    (
        s.and_then(|s| s.name.clone()).unwrap_or_default(),
        s.and_then(|s| s.role.clone()).unwrap_or_default(),
    )
}

#[test]
fn a_role_in_a_construct_chain_keeps_the_whole_chain_before_the_name() {
    let body = "وقال نائب رئيس مجلس إدارة الشركة يوسف العلي إن الأرباح ارتفعت خلال الربع الأول.\n\nوأكد رئيس هيئة الأركان العامة سالم الخالدي أن القوات في حالة جاهزية تامة.\n\nوقال المتحدث الرسمي باسم وزارة الخارجية أحمد الصباح إن الوفد سيغادر غدا.";
    let a = run(body);
    let q = quote(&a, "الأرباح ارتفعت خلال الربع الأول").unwrap_or_else(|| panic!("{a:#?}"));
    let (name, role) = name_and_role(q);
    assert_eq!(name, "يوسف العلي", "{q:#?}");
    assert!(role.contains("نائب رئيس مجلس إدارة الشركة"), "{q:#?}");
    let q = quote(&a, "القوات في حالة جاهزية تامة").unwrap_or_else(|| panic!("{a:#?}"));
    let (name, role) = name_and_role(q);
    assert_eq!(name, "سالم الخالدي", "{q:#?}");
    assert!(role.contains("رئيس هيئة الأركان العامة"), "{q:#?}");
    let q = quote(&a, "الوفد سيغادر غدا").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(name_and_role(q).0, "أحمد الصباح", "{q:#?}");
}

#[test]
fn a_role_chain_ending_in_a_body_name_refers_back_to_the_person() {
    let body = "وقال نائب رئيس مجلس إدارة الشركة يوسف العلي إن الأرباح ارتفعت خلال الربع الأول.\n\nوأشار نائب رئيس مجلس إدارة نخيل إلى أن الشركة ستوزع أرباحا على المساهمين.";
    let a = run(body);
    let q = quote(&a, "الشركة ستوزع أرباحا على المساهمين").unwrap_or_else(|| panic!("{a:#?}"));
    let (name, _) = name_and_role(q);
    assert_ne!(name, "نخيل", "{q:#?}");
}

#[test]
fn an_outlet_after_the_contracted_preposition_lam_is_found() {
    // ل + المدينة = للمدينة (the alef of the article is not written)
    let body = "وقال مدير المستشفى في تصريحات للمدينة إن عدد الحالات في تراجع مستمر.\n\nوقال الناطق في حديث خاص للأناضول إن المفاوضات متواصلة.\n\nوتبرع رجل الأعمال بمبلغ كبير للمدينة قبل عام.";
    let a = run(body);
    let roles: Vec<(&str, crate::model::SourceRole)> =
        a.sources.iter().map(|s| (s.id.as_str(), s.role)).collect();
    assert!(
        roles.contains(&("almadina", crate::model::SourceRole::Interviewed)),
        "{roles:?}"
    );
    assert!(
        roles.contains(&("anadolu", crate::model::SourceRole::Interviewed)),
        "{roles:?}"
    );
    // "للمدينة" with no interview noun before it is "for the city"
    assert_eq!(
        a.sources.iter().filter(|s| s.id == "almadina").count(),
        1,
        "{roles:?}"
    );
}

#[test]
fn an_agency_attributing_words_to_a_source_with_nasabat_ila() {
    let body = "ونسبت وكالة رويترز إلى مصدر دبلوماسي قوله إن المحادثات ستستأنف الأسبوع المقبل.";
    let a = run(body);
    let q = quote(&a, "المحادثات ستستأنف الأسبوع المقبل").unwrap_or_else(|| panic!("{a:#?}"));
    assert!(speaker(q).contains("مصدر دبلوماسي"), "{q:#?}");
    assert!(
        a.sources
            .iter()
            .any(|s| s.id == "reuters" && s.role == crate::model::SourceRole::Cited),
        "{a:#?}"
    );
}

#[test]
fn colon_quotation_runs_over_the_sentences_of_its_paragraph() {
    // three sentences of the speaker, one glued to the next by "..", then
    // the writer's own sentence with a cue of its own
    let body = "وقال مدير المستشفى فهد القحطاني: استقبلنا أكثر من مئة مصاب خلال ساعتين. عملت الفرق طوال الليل..وكل الأقسام كانت في حالة طوارئ.وأشار القحطاني إلى أن حالة ثلاثة مصابين حرجة.";
    let a = run(body);
    let q = quote(
        &a,
        "استقبلنا أكثر من مئة مصاب خلال ساعتين. عملت الفرق طوال الليل..وكل الأقسام كانت في حالة طوارئ.",
    )
    .unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Direct);
    assert!(speaker(q).contains("فهد القحطاني"), "{q:#?}");
    let q = quote(&a, "حالة ثلاثة مصابين حرجة").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Indirect);
}

#[test]
fn colon_quotation_stops_at_a_narrative_opener_a_new_paragraph_or_a_colon() {
    let body = "وقال المحافظ: المشروع سيخدم آلاف الأسر. يذكر أن المشروع بدأ قبل عامين.\n\nوأضاف: العمل مستمر بلا توقف. التفاصيل كالتالي: ثلاث مراحل.";
    let a = run(body);
    assert!(quote(&a, "المشروع سيخدم آلاف الأسر.").is_some(), "{a:#?}");
    assert!(quote(&a, "العمل مستمر بلا توقف.").is_some(), "{a:#?}");
}

#[test]
fn passive_naqala_an_names_the_speaker_after_an() {
    let body = "ونُقل عن وزير الخارجية فيصل المقداد قوله إن الحوار هو الطريق الوحيد لحل الأزمة.";
    let a = run(body);
    let q = quote(&a, "الحوار هو الطريق الوحيد لحل الأزمة").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(
        name_and_role(q),
        ("فيصل المقداد".to_string(), "وزير الخارجية".to_string())
    );
    // no outlet is named: no source
    assert!(a.sources.is_empty(), "{a:#?}");
}

#[test]
fn impersonal_yudhkar_anna_is_background_not_a_quotation() {
    let body = "وقال الوزير إن المحطة ستعود إلى العمل غدا.\n\nيذكر أن المحطة تغذي عشرات القرى بمياه الشرب.\n\nويذكر المسؤول أن الأعطال تكررت.";
    let a = run(body);
    assert!(quote(&a, "المحطة ستعود إلى العمل غدا").is_some(), "{a:#?}");
    assert!(
        a.quotes.iter().all(|q| !q.text.contains("عشرات القرى")),
        "{a:#?}"
    );
    // with a subject between the verb and أن, it reports someone
    assert!(quote(&a, "الأعطال تكررت").is_some(), "{a:#?}");
}

#[test]
fn marks_enclosing_the_complementizer_anna_make_reported_speech() {
    let body = "وأكد المتحدث باسم الحكومة محمد المومني في تصريح صحافي «أن إغلاق الحدود تم من قبل الجانب الآخر».\n\nوقال الوزير: «إن التصريحات التي نسمعها لا تخدم أحدا».";
    let a = run(body);
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.contains("إغلاق الحدود تم من قبل الجانب الآخر"))
        .unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Indirect);
    // the emphatic إن may open a direct utterance
    let q = quote(&a, "إن التصريحات التي نسمعها لا تخدم أحدا").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn a_topic_fronted_with_amma_is_the_speaker_of_the_verb_with_fa() {
    let body = "أما نورة السبيعي، وهي معلمة تقيم مع والدتها، فتقول إن نصف راتبها يذهب إلى الإيجار.\n\nأما وزير الإسكان ماجد الحقيل فقد قال إن الأسعار ستستقر.";
    let a = run(body);
    let q = quote(&a, "نصف راتبها يذهب إلى الإيجار").unwrap_or_else(|| panic!("{a:#?}"));
    assert!(speaker(q).contains("نورة السبيعي"), "{q:#?}");
    let q = quote(&a, "الأسعار ستستقر").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(
        name_and_role(q),
        ("ماجد الحقيل".to_string(), "وزير الإسكان".to_string())
    );
}

#[test]
fn a_role_ending_in_a_place_takes_the_name_in_apposition() {
    let body = "وقال والي ملاطية، أحمد صولماز، في تصريح متلفز إن فرق البحث توجهت إلى القرى القريبة.";
    let a = run(body);
    let q = quote(&a, "فرق البحث توجهت إلى القرى القريبة").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(
        name_and_role(q),
        ("أحمد صولماز".to_string(), "والي ملاطية".to_string())
    );
}

#[test]
fn a_bare_followon_after_a_narrative_verb_takes_its_named_subject() {
    // the subject is the surname of an earlier speaker; the last quoted
    // speaker (an anonymous spokesman) is passed over
    let body = "قال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن الحكومة لن تتراجع. ونقلت الإذاعة عن الناطق باسم الخارجية قوله إن الوزارة ستواصل اتصالاتها.\n\nوقد دعا نتنياهو الجالية اليهودية إلى معارضة الاتفاق. وقال: إنه يجب فحص الاتفاق حسب مضمونه.";
    let a = run(body);
    let q = quote(&a, "يجب فحص الاتفاق حسب مضمونه").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(
        name_and_role(q),
        (
            "بنيامين نتنياهو".to_string(),
            "رئيس الوزراء الإسرائيلي".to_string()
        )
    );
}

#[test]
fn a_pronoun_on_illa_annahu_takes_the_subject_of_the_opening_clause() {
    let body = "وبينما رفض ناطق باسم شرطة العاصمة إعطاء المزيد من التفاصيل، إلا أنه أكد للصحافيين أن الرجلين مثلا أمس أمام المحكمة.";
    let a = run(body);
    let q = quote(&a, "الرجلين مثلا أمس أمام المحكمة").unwrap_or_else(|| panic!("{a:#?}"));
    // (the role still runs on over the verb's object, "إعطاء المزيد")
    assert!(speaker(q).contains("ناطق باسم شرطة العاصمة"), "{q:#?}");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.kind),
        Some(crate::model::SpeakerKind::Anonymous)
    );
}

#[test]
fn a_lone_surname_takes_the_person_named_in_the_narrative() {
    // named with a role before the name, and with the role in apposition
    // after it; neither has spoken before the surname alone
    let body = "استقبل وزير الخارجية الأردني أيمن الصفدي، اليوم، نظيره القبرصي في عمان.\n\nوقال الصفدي إن المملكة تدعم جهود التهدئة.\n\nمن جهة أخرى، شارك هشام الخطيب، رئيس غرفة تجارة العاصمة، في الاجتماع.\n\nوأوضح الخطيب أن التبادل التجاري ارتفع.";
    let a = run(body);
    let q = quote(&a, "المملكة تدعم جهود التهدئة").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(
        name_and_role(q),
        (
            "أيمن الصفدي".to_string(),
            "وزير الخارجية الأردني".to_string()
        )
    );
    assert_eq!(
        q.speaker.as_ref().map(|s| s.resolved_by),
        Some(crate::model::ResolvedBy::Surname)
    );
    // (the verb opening the clause, "شارك", is not part of the name)
    let q = quote(&a, "التبادل التجاري ارتفع").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(
        name_and_role(q),
        (
            "هشام الخطيب".to_string(),
            "رئيس غرفة تجارة العاصمة".to_string()
        )
    );
}

#[test]
fn a_role_closed_by_a_body_name_takes_the_person_with_the_possessive_role() {
    // "إدارتها" stands for the company named before it: the later role
    // spelled out with the company's name is that person
    let body = "وأعلنت «نخيل» على لسان سالم العتيبي، نائب رئيس مجلس إدارتها، عن نتائجها.\n\nوأشار نائب رئيس مجلس إدارة نخيل إلى أن الأرباح ارتفعت.";
    let a = run(body);
    let q = quote(&a, "الأرباح ارتفعت").unwrap_or_else(|| panic!("{a:#?}"));
    assert_eq!(
        name_and_role(q),
        (
            "سالم العتيبي".to_string(),
            "نائب رئيس مجلس إدارتها".to_string()
        )
    );
    // a role of another body is not tied to that person
    let body = "وأعلنت «نخيل» على لسان سالم العتيبي، نائب رئيس مجلس إدارتها، عن نتائجها.\n\nوأشار نائب رئيس مجلس إدارة إعمار إلى أن الأرباح ارتفعت.";
    let a = run(body);
    let q = quote(&a, "الأرباح ارتفعت").unwrap_or_else(|| panic!("{a:#?}"));
    assert_ne!(speaker(q), "سالم العتيبي", "{q:#?}");
}
