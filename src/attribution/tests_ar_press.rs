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
