//! Arabic subject constructions of newspaper and agency copy: a name in
//! apposition after a role, the pluperfect كان (قد), "نقلت ... عن", "عن ...
//! قوله", a subject further on ("على لسان", a resumptive فيه), and the
//! clitic pronouns that mark a word as an object rather than a name.
//!
//! Owns: where an Arabic speech verb's subject stands.
//! Must not touch: the Latin-script name scans (`persons.rs`).

use super::*;

/// Titles before a name in an Arabic apposition ("، السيد عبد الرحيم بنعلي،").
pub(super) const AR_NAME_TITLES: &[&str] = &[
    "السيد",
    "السيده",
    "الدكتور",
    "الدكتوره",
    "المهندس",
    "الشيخ",
    "اللواء",
    "العميد",
    "الفريق",
    "العقيد",
    "المستشار",
    "الاستاذ",
    "السفير",
    "القاضي",
];

/// "قال نائب وزير الخارجية الروسي، ميخائيل فيدوتوف، في تصريح", "أكد وزير
/// التجهيز والماء، السيد عبد الرحيم بنعلي، اليوم": a role without a name
/// after an Arabic verb, then the name between commas (after an optional
/// title): the person. A role ending in a place ("محافظ ملاطية، أحمد
/// صولماز،"), whose last word reads as a one-word name, takes a name of at
/// least two words in apposition too.
pub(super) fn arabic_name_in_apposition(
    t: &Text,
    m: &Mention,
    v: &[usize],
    hi: usize,
    words: &Words,
    cue_starts: &[usize],
) -> Option<Mention> {
    let &last = v.last()?;
    // "وقال محافظ ملاطية، أحمد صولماز،": a place after the role noun
    // reads as a one-word name; a name of two words or more in apposition
    // is the person, the place part of the role
    let one_word_name = v.len() >= 2
        && m.name
            .is_some_and(|(s, e)| s == t.tokens[last].start && e == t.tokens[last].end);
    if (m.name.is_some() && !one_word_name) || m.kind != SpeakerKind::Person || m.role.is_none() {
        return None;
    }
    let mut j = t.tokens[last].end;
    while j < hi && t.chars[j] == ' ' {
        j += 1;
    }
    if j >= hi || !matches!(t.chars[j], '،' | ',') {
        return None;
    }
    let mut k = last + 1;
    let mut prev_end = j + 1;
    if t.tokens.get(k).is_some_and(|tok| {
        tok.end <= hi
            && gap_is_space(t, prev_end, tok.start)
            && AR_NAME_TITLES.contains(&t.fold_of(tok))
    }) {
        prev_end = t.tokens[k].end;
        k += 1;
    }
    let first = k;
    while let Some(tok) = t.tokens.get(k) {
        let f = t.fold_of(tok);
        if tok.end > hi
            || k - first >= 4
            || !gap_is_space(t, prev_end, tok.start)
            || ((words.stop.contains(f) || words.stop.contains(strip_proclitics(f)))
                && t.str(tok.start, tok.end) != "علي")
            || words.roles.contains(f)
            || words.roles.contains(strip_al(f))
            || words.organizations.contains(f)
            || cue_starts.contains(&tok.start)
            || !t.chars[tok.start..tok.end]
                .iter()
                .any(|&c| is_arabic_letter(c))
        {
            break;
        }
        prev_end = tok.end;
        k += 1;
    }
    // a name of one to four words, its first not definite, closed by a
    // comma, a colon, a prepositional phrase or the end of the clause
    if k == first
        || (one_word_name && k - first < 2)
        || t.fold_of(&t.tokens[first]).starts_with("ال")
    {
        return None;
    }
    let mut e = prev_end;
    while e < hi && t.chars[e] == ' ' {
        e += 1;
    }
    let closed = e >= hi
        || matches!(t.chars[e], '،' | ',' | ':' | '.')
        || t.tokens.get(k).is_some_and(|n| {
            let f = t.fold_of(n);
            words.stop.contains(f) || words.stop.contains(strip_proclitics(f)) || f.starts_with('ل')
        });
    if !closed {
        return None;
    }
    let (ns, ne) = (t.tokens[first].start, t.tokens[k - 1].end);
    Some(Mention {
        start: m.start,
        end: ne,
        name: Some((ns, ne)),
        role: match (m.role, m.name) {
            (Some((rs, _)), Some((_, pe))) if one_word_name => Some((rs, pe)),
            (r, _) => r,
        },
        kind: m.kind,
    })
}

/// "وكانت صحيفة «كوميرسانت» الروسية قد أفادت": in the pluperfect كان ...
/// قد + verb, the subject stands between كان and قد.
pub(super) fn kana_qad_subject(
    t: &Text,
    cue: &Cue,
    lo: usize,
    words: &Words,
) -> Option<Vec<usize>> {
    let k = t.tokens_before(cue.word_start);
    let qad = t.tokens.get(k.checked_sub(1)?)?;
    if t.fold_of(qad) != "قد" || qad.start < lo {
        return None;
    }
    let kana = (k.saturating_sub(9)..k - 1).rev().find(|&j| {
        t.tokens[j].start >= lo
            && matches!(
                strip_proclitics(t.fold_of(&t.tokens[j])),
                "كان" | "كانت" | "كانوا"
            )
    })?;
    let v: Vec<usize> = (kana + 1..k - 1).collect();
    let first = *v.first()?;
    // a subject, not a stop word or a clause
    if words.stop.contains(t.fold_of(&t.tokens[first])) {
        return None;
    }
    Some(v)
}

/// The speaker of an Arabic speech verb stands further on in two
/// newspaper constructions: after the resumptive pronoun of a relative
/// clause ("في الوقت الذي أفادت فيه مصادر محلية بأن") and after "على لسان"
/// ("وبينت «الشركة» على لسان مديرها فلان أن", the company speaking through
/// a person). The cue moved to end there, so that the words after it are
/// read as the subject.
pub(super) fn arabic_subject_further_on(
    t: &Text,
    cue: &Cue,
    hi: usize,
    words: &Words,
) -> Option<Cue> {
    let k = t.token_at_or_after(cue.end);
    let tok = t.tokens.get(k)?;
    let next_is_subject = |j: usize| {
        t.tokens.get(j).is_some_and(|n| {
            n.start < hi
                && t.only_ws_or(t.tokens[j - 1].end, n.start, &[])
                && !words.stop.contains(t.fold_of(n))
        })
    };
    if matches!(t.fold_of(tok), "فيه" | "فيها")
        && t.only_ws_or(cue.end, tok.start, &[])
        && next_is_subject(k + 1)
    {
        return Some(Cue {
            end: tok.end,
            ..*cue
        });
    }
    // "على لسان" within a few words (a short subject, maybe in marks)
    let lisan = (k..(k + 6).min(t.tokens.len()))
        .take_while(|&j| t.tokens[j].start < hi)
        .find(|&j| {
            t.fold_of(&t.tokens[j]) == "لسان"
                && j > k
                && matches!(t.fold_of(&t.tokens[j - 1]), "علي" | "على")
        })?;
    let between = t.chars[cue.end..t.tokens[lisan].start]
        .iter()
        .any(|c| matches!(c, ',' | '،' | ':' | '.'));
    (!between && next_is_subject(lisan + 1)).then_some(Cue {
        end: t.tokens[lisan].end,
        ..*cue
    })
}

/// "وكان المتحدث باسم الهيئة خالد العمري أكد في تصريح ...": newspaper
/// copy also writes the pluperfect without قد, the subject standing between
/// كان and the speech verb. Tokens of that subject: at most twelve words,
/// no punctuation or quote mark between كان and the verb.
pub(super) fn kana_subject(t: &Text, cue: &Cue, lo: usize, words: &Words) -> Option<Vec<usize>> {
    let k = t.tokens_before(cue.word_start);
    let kana = (k.saturating_sub(13)..k).rev().find(|&j| {
        t.tokens[j].start >= lo
            && matches!(
                strip_proclitics(t.fold_of(&t.tokens[j])),
                "كان" | "كانت" | "كانوا"
            )
    })?;
    let v: Vec<usize> = (kana + 1..k).collect();
    let first = *v.first()?;
    if words.stop.contains(t.fold_of(&t.tokens[first])) {
        return None;
    }
    let clean = t.chars[t.tokens[kana].end..cue.word_start]
        .iter()
        .all(|c| !matches!(c, ',' | '،' | ':' | '«' | '»' | '"' | '.' | '(' | ')'));
    clean.then_some(v)
}

/// "أما نورة السبيعي، وهي معلمة ...، فتقول إن ...", "أما الوزير فقال":
/// a topic fronted with أما is the subject of the speech verb that takes
/// the particle ف ("فقال", "فقد قال"). Tokens of the topic: after أما up to the first comma
/// (a relative or circumstantial clause may follow it) or the verb, at
/// most eight words, أما within fifteen words before the verb.
pub(super) fn amma_subject(t: &Text, cue: &Cue, lo: usize, words: &Words) -> Option<Vec<usize>> {
    let mut k = t.tokens_before(cue.word_start);
    // "فقال", or "فقد قال"
    let fa = cue.word_start < cue.start && t.chars.get(cue.word_start) == Some(&'ف');
    if !fa {
        let qad = k
            .checked_sub(1)
            .is_some_and(|j| t.fold_of(&t.tokens[j]) == "فقد" && t.tokens[j].start >= lo);
        if !qad {
            return None;
        }
        k -= 1;
    }
    let amma = (k.saturating_sub(15)..k)
        .rev()
        .find(|&j| t.tokens[j].start >= lo && t.fold_of(&t.tokens[j]) == "اما")?;
    let mut v = Vec::new();
    for j in amma + 1..k {
        let tok = &t.tokens[j];
        if j > amma + 1 {
            let gap = &t.chars[t.tokens[j - 1].end..tok.start];
            if gap
                .iter()
                .any(|c| matches!(c, ',' | '،' | ':' | '«' | '"' | '.'))
            {
                break;
            }
        }
        v.push(j);
    }
    let first = *v.first()?;
    if v.len() > 8 || words.stop.contains(t.fold_of(&t.tokens[first])) {
        return None;
    }
    Some(v)
}

/// "ونقلت وكالة الأنباء الألمانية عن المتحدثة ... هيلغا برانت: «...»":
/// the agency relays the words of the one named after عن. Tokens after عن,
/// up to a colon, quote mark or comma, within a dozen words.
pub(super) fn naqalat_an(t: &Text, cue: &Cue, hi: usize) -> Option<Vec<usize>> {
    if !t.folded_str(cue.start, cue.end).contains("نقل") {
        return None;
    }
    let first = t.token_at_or_after(cue.end);
    let an = (first..(first + 8).min(t.tokens.len()))
        .take_while(|&k| t.tokens[k].start < hi)
        .find(|&k| t.fold_of(&t.tokens[k]) == "عن")?;
    let stops = |a: usize, b: usize| {
        t.chars[a..b]
            .iter()
            .any(|c| matches!(c, ',' | '،' | ':' | '«' | '"' | '.'))
    };
    if stops(cue.end, t.tokens[an].start) {
        return None;
    }
    let mut v = Vec::new();
    for k in an + 1..(an + 13).min(t.tokens.len()) {
        let tok = &t.tokens[k];
        if tok.start >= hi {
            break;
        }
        if let Some(&prev) = v.last() {
            let p: &crate::attribution::text::Token = &t.tokens[prev];
            if stops(p.end, tok.start) {
                break;
            }
        }
        v.push(k);
    }
    let last = *v.last()?;
    // the phrase must end at a colon or quote mark: a quotation follows
    let tail_end = t.tokens.get(last + 1).map_or(hi, |n| n.start).min(hi);
    t.chars[t.tokens[last].end..tail_end]
        .iter()
        .any(|c| matches!(c, ':' | '«' | '"'))
        .then_some(v)
}

/// Tokens between "عن" and "قوله" after an Arabic attribution cue, when
/// both are there within a few words; after "نسبت" ("attributed to") the
/// preposition is "إلى": "ونسبت الوكالة إلى مصدر عسكري قوله إن". The
/// preposition may close the cue itself ("ونُقل عن الوزير قوله").
pub(super) fn quoted_via_an(t: &Text, cue: &Cue, hi: usize) -> Option<Vec<usize>> {
    let first = t.token_at_or_after(cue.end);
    // ("إلى" folds to "الي": ى is folded as ي)
    let prep: &[&str] = if t.folded_str(cue.start, cue.end).starts_with("نسب") {
        &["الي", "الى"]
    } else {
        &["عن"]
    };
    // "ونُقل عن الوزير قوله", "نقلاً عن الوزير قوله": the cue itself
    // ends with the preposition
    let mut an = t
        .folded_str(cue.start, cue.end)
        .ends_with(" عن")
        .then(|| first.saturating_sub(1));
    for k in first..(first + 16).min(t.tokens.len()) {
        let tok = &t.tokens[k];
        if tok.start >= hi {
            return None;
        }
        let f = t.fold_of(tok);
        if an.is_none() && prep.contains(&f) {
            an = Some(k);
        } else if let Some(a) = an {
            let q = f.trim_start_matches('ب');
            if q.len() > "قول".len() && q.starts_with("قول") {
                return (k > a + 1).then(|| (a + 1..k).collect());
            }
        }
    }
    None
}

/// The written letters of token `k`, without a final diacritic.
pub(super) fn letters(t: &Text, k: usize) -> Vec<char> {
    let tok = &t.tokens[k];
    t.chars[tok.start..tok.end]
        .iter()
        .copied()
        .filter(|&c| !('\u{064B}'..='\u{0652}').contains(&c) && c != '\u{0640}')
        .collect()
}

/// An Arabic noun with an attached possessive pronoun ("انتماءه",
/// "علاقتها", "قولهم"): written ه/ها/هم/هما/هن after a stem, no article.
pub(super) fn has_pronoun_suffix(t: &Text, k: usize) -> bool {
    let w = letters(t, k);
    let s: String = w.iter().collect();
    let stem = s.trim_start_matches(['و', 'ف', 'ب', 'ل']);
    if stem.starts_with("ال") || s.ends_with("الله") || s.ends_with("لله") {
        return false;
    }
    ["هما", "هم", "هن", "ها", "ه"].iter().any(|suf| {
        stem.strip_suffix(suf).is_some_and(|base| {
            base.chars().count() >= 3 && !RELATIONS.contains(&base.trim_end_matches('ت'))
        })
    })
}

/// "جارها", "شقيقه": a relational noun with a possessive pronoun.
pub(super) fn relation_with_pronoun(t: &Text, k: usize) -> bool {
    let s: String = letters(t, k).into_iter().collect();
    let stem = s.trim_start_matches(['و', 'ف']);
    ["هما", "هم", "هن", "ها", "ه"].iter().any(|suf| {
        stem.strip_suffix(suf)
            .is_some_and(|base| RELATIONS.contains(&base.trim_end_matches('ت')))
    })
}

/// An Arabic word that cannot start a subject after its verb: a noun with a
/// possessive pronoun, or an indefinite accusative adverb ("صبراً",
/// "مجدداً") written with tanwin.
pub(super) fn arabic_object_word(t: &Text, k: usize) -> bool {
    let tok = &t.tokens[k];
    let raw: String = t.chars[tok.start..tok.end].iter().collect();
    let tanwin = raw.ends_with("اً") || raw.ends_with("ًا");
    tanwin || has_pronoun_suffix(t, k)
}

pub(super) fn starts_with_lam_prep(t: &Text, i: usize) -> bool {
    let tok = &t.tokens[i];
    let f = t.fold_of(tok);
    f.starts_with("لل")
        || (f.starts_with("ل") && {
            // the outlet name may run over several words ("لوكالة فرانس برس")
            let stop = (tok.start + 48).min(t.len());
            let rest: String = t.chars[tok.start + 1..stop].iter().collect();
            crate::outlets::gazetteer()
                .find_all(&rest)
                .first()
                .is_some_and(|m| m.start == 0)
        })
}
