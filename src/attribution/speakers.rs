//! Speaker mentions next to a cue, in either order: verb-first Arabic
//! ("وقال المتحدث باسم الكرملين ديمتري بيسكوف:"), English and French subject
//! before the verb ("the minister said") or inverted after a quotation
//! ("said the minister", "indique Guido Tonelli"), and the noun phrase after
//! "according to" / "بحسب" / "selon". A mention is split into role and name
//! and given a kind: person, anonymous, organization or document.
//!
//! Owns: finding and analysing the words that name a speaker.
//! Must not touch: resolution across sentences (`resolve.rs`), quote marks.

use crate::model::SpeakerKind;

use super::cues::Cue;
use super::lexicon::{lexicon, CueKind, Lang, Phrases, Words};
use super::text::{is_arabic_letter, Text};

/// A speaker mention analysed in place.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: Option<(usize, usize)>,
    pub role: Option<(usize, usize)>,
    pub kind: SpeakerKind,
}

/// What the words around a cue say about its speaker.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Mention(Mention),
    /// A subject pronoun ("he", "elle", "a-t-il dit"): `(start, end, kinds)`.
    Pronoun(usize, usize, Compat),
    /// No subject at all: a follow-on cue ("وأضاف", "adding").
    Bare,
    /// Nothing usable.
    None,
}

/// Which earlier speakers a pronoun may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compat {
    Human,
    Thing,
    Any,
}

const MAX_TOKENS: usize = 10;

const AUXILIARIES: &[&str] = &[
    // French, folded: auxiliaries, reflexives and adverbs between subject and verb
    "a",
    "ont",
    "avait",
    "avaient",
    "aurait",
    "se",
    "s'",
    "s",
    // "s'est dit", "se sont déclarés": the reflexive auxiliary
    "est",
    "sont",
    // adverbs between the auxiliary and the participle ("ont d'emblée
    // dénoncé", "a aussitôt réagi")
    "d",
    "emblee",
    "abord",
    "aussitot",
    "immediatement",
    "vivement",
    "fermement",
    "publiquement",
    "clairement",
    "longuement",
    "cependant",
    // negation: "le ministère n'a pas confirmé"
    "n",
    "ne",
    "pas",
    "jamais",
    "plus",
    "rien",
    "guere",
    "egalement",
    "aussi",
    "encore",
    "ensuite",
    "toutefois",
    "pourtant",
    "deja",
    "neanmoins",
    "notamment",
    "alors",
    "lui-meme",
    "elle-meme",
    "d'ailleurs",
    "ainsi",
    "pour",
    "sa",
    "part",
    "de",
    "son",
    "cote",
    "tour",
    "leur",
    "quant",
    "had",
    "has",
    "have",
    "would",
    "will",
    "also",
    "later",
    "earlier",
    "then",
    "previously",
    "reportedly",
    "once",
    "again",
    "further",
    "has also",
    "had also",
    "always",
    "repeatedly",
    "publicly",
    "recently",
    "initially",
    "separately",
    "privately",
    "openly",
    "quickly",
];

const ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "l'", "l", "un", "une", "des",
];

/// Token `k` stands between a subject and its verb without being either:
/// an auxiliary or adverb of `AUXILIARIES`, or the stressed pronoun of
/// "quant à lui / elle / eux" ("La porte-parole a quant à elle affirmé").
pub(super) fn is_auxiliary(t: &Text, k: usize) -> bool {
    let f = t.fold_of(&t.tokens[k]);
    AUXILIARIES.contains(&f)
        || (matches!(f, "lui" | "elle" | "eux" | "elles")
            && k >= 2
            && t.fold_of(&t.tokens[k - 1]) == "a"
            && t.fold_of(&t.tokens[k - 2]) == "quant")
}

fn is_boundary_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '،'
            | ':'
            | ';'
            | '؛'
            | '.'
            | '!'
            | '?'
            | '؟'
            | '('
            | ')'
            | '«'
            | '»'
            | '"'
            | '“'
            | '”'
            | '„'
            | '‹'
            | '›'
            | '\n'
            | '—'
            | '–'
            | '['
            | ']'
    )
}

/// Whether only spaces (and hyphens joining a proclitic) lie between.
fn gap_is_space(t: &Text, a: usize, b: usize) -> bool {
    (a..b.min(t.len())).all(|i| {
        let c = t.chars[i];
        (!is_boundary_punct(c) && c != '-') || (c == '.' && after_abbreviation(t, i))
    })
}

/// A dot closing a title or an initial ("Mr.", "Dr.", "M.", "John F.").
fn after_abbreviation(t: &Text, dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && t.chars[s - 1].is_alphabetic() {
        s -= 1;
    }
    let word: String = t.chars[s..dot].iter().collect();
    let n = word.chars().count();
    (1..=4).contains(&n)
        && word.chars().next().is_some_and(char::is_uppercase)
        && matches!(
            word.as_str(),
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "M"
                | "Mme"
                | "Mlle"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Prof"
                | "Sgt"
                | "Capt"
                | "Maj"
                | "St"
                | "Jr"
                | "Sr"
                | "Pr"
        )
        || n == 1 && word.chars().all(char::is_uppercase)
}

fn strip_proclitics(f: &str) -> &str {
    let mut s = f;
    for _ in 0..2 {
        if let Some(r) = s.strip_prefix(['و', 'ف']) {
            if r.chars().count() >= 3 {
                s = r;
            }
        }
    }
    s
}

fn strip_al(f: &str) -> &str {
    let f = strip_proclitics(f);
    f.strip_prefix("ال")
        .or_else(|| f.strip_prefix("لل"))
        .or_else(|| f.strip_prefix("بال"))
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(f)
}

fn is_capitalized(t: &Text, tok: usize) -> bool {
    t.tokens
        .get(tok)
        .and_then(|x| t.chars.get(x.start))
        .is_some_and(|c| c.is_uppercase())
}

/// Find the speaker of a cue. `lo..hi` is the sentence; `blocked` are
/// quote spans the mention must not enter.
pub fn find(
    t: &Text,
    cue: &Cue,
    lo: usize,
    hi: usize,
    cues: &[Cue],
    blocked: &[(usize, usize)],
) -> Found {
    // the cue always lies inside the bounds used below
    let lo = lo.min(cue.word_start);
    let hi = hi.max(cue.end).min(t.len());
    let lang = cue.entry.lang;
    let words = lexicon().words(lang);
    // "بحسب ما ذكرت وكالة ...", "وفق ما أعلنه المتحدث": the source is the
    // subject of the verb after ما
    if lang == Lang::Ar && cue.kind() == CueKind::According {
        let k = t.token_at_or_after(cue.end);
        let ma = t
            .tokens
            .get(k)
            .filter(|m| t.fold_of(m) == "ما" && m.start < hi);
        if let Some(ma) = ma {
            let verb = cues.iter().find(|d| {
                d.word_start > ma.start
                    && d.kind() == CueKind::Speech
                    && t.only_ws_or(ma.end, d.word_start, &[])
            });
            if let Some(verb) = verb {
                return find(t, verb, lo, hi, cues, blocked);
            }
        }
    }
    if lang == Lang::En {
        if let Some(m) = passive_by_agent(t, cue, lo, hi, words, blocked) {
            return Found::Mention(m);
        }
    }
    if lang == Lang::Ar && cue.kind() == CueKind::Speech {
        if let Some(shifted) = arabic_subject_further_on(t, cue, hi, words) {
            return find(t, &shifted, lo, hi, cues, blocked);
        }
    }
    if cue.kind() == CueKind::Circumstantial {
        // "..., le qualifiant de": object clitics before the participle
        let mut before = cue.word_start;
        if lang != Lang::Ar {
            let mut k = t.tokens_before(before);
            while k > 0
                && t.tokens[k - 1].start >= lo
                && matches!(
                    t.fold_of(&t.tokens[k - 1]),
                    "le" | "la" | "les" | "l'" | "lui" | "leur" | "en" | "y" | "se" | "s'"
                )
            {
                before = t.tokens[k - 1].start;
                k -= 1;
            }
            // "..., tout en assurant que": the gerund shares the subject
            if k > 0
                && t.tokens[k - 1].start >= lo
                && t.fold_of(&t.tokens[k - 1]) == "tout"
                && t.tokens.get(k).is_some_and(|n| t.fold_of(n) == "en")
            {
                before = t.tokens[k - 1].start;
            }
        }
        let comma_before = t.chars[lo..before]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| matches!(c, ',' | '،' | '»' | '"' | '”'));
        if lang == Lang::Ar || comma_before || by_gerund(t, cue, lo) {
            return Found::Bare;
        }
        // "les syndicats promettant un « siège »": an absolute participle
        // with its own subject right before it; analysed like a verb below
        let k = t.tokens_before(cue.word_start);
        let has_subject = k > 0 && t.tokens[k - 1].end > lo && {
            let p = t.fold_of(&t.tokens[k - 1]);
            !words.stop.contains(p) && !AUXILIARIES.contains(&p)
        };
        if !has_subject {
            return Found::None;
        }
    }
    // "Mme Vasseur-Leroy, qui réclame ...": the antecedent of a relative
    // pronoun right before the verb
    if lang != Lang::Ar {
        if let Some(m) = relative_antecedent(t, cue, lo, lang, words, hi) {
            return Found::Mention(m);
        }
    }
    if lang == Lang::Fr && relative_after_inverted_subject(t, cue, cues, lo) {
        return Found::Bare;
    }
    if cue.entry.pronoun {
        return Found::Pronoun(cue.start, cue.end, Compat::Human);
    }
    let is_blocked = |p: usize| blocked.iter().any(|&(s, e)| s <= p && p < e);
    let cue_starts: Vec<usize> = cues
        .iter()
        .filter(|c| c.start >= cue.end && c.start < hi)
        .map(|c| c.word_start)
        .collect();

    // "estime pour sa part le chercheur", "a déclaré de son côté": an
    // adverbial phrase between the verb and an inverted subject
    let mut from = cue.end;
    if lang != Lang::Ar {
        let k = t.token_at_or_after(cue.end);
        let folds: Vec<&str> = (k..(k + 3).min(t.tokens.len()))
            .map(|j| t.fold_of(&t.tokens[j]))
            .collect();
        if matches!(
            folds.as_slice(),
            ["pour", "sa" | "leur", "part", ..]
                | ["de", "son" | "leur", "cote", ..]
                | ["a", "son" | "leur", "tour", ..]
                | ["for", "his" | "her" | "its" | "their", "part", ..]
        ) {
            let end = t.tokens[k + 2].end;
            if gap_is_space(t, cue.end, t.tokens[k].start) && t.tokens[k + 2].end < hi {
                from = end;
            }
        } else if lang == Lang::Fr
            && matches!(folds.first(), Some(&("dans" | "sur" | "devant")))
            && gap_is_space(t, cue.end, t.tokens[k].start)
        {
            // "déclare dans un communiqué la préfecture", "a réagi sur X la
            // maire": a short place or medium phrase (preposition, optional
            // article, one noun) before an inverted subject that opens with
            // an article or a capital
            let mut j = k + 1;
            if folds
                .get(1)
                .is_some_and(|f| ARTICLES.contains(f) || matches!(*f, "son" | "sa" | "ses"))
            {
                j += 1;
            }
            let subject_next = t.tokens.get(j + 1).is_some_and(|n| {
                n.end <= hi
                    && gap_is_space(t, t.tokens[k].end, n.start)
                    && (ARTICLES.contains(&t.fold_of(n)) || is_capitalized(t, j + 1))
            });
            if subject_next {
                from = t.tokens[j].end;
            }
        }
    }
    // "a indiqué à l'AFP une porte-parole": the recipient of a French
    // "told" verb stands between the verb and an inverted subject
    let told_text = t.str(cue.start, cue.end);
    if lang == Lang::Fr
        && cue.kind() == CueKind::Told
        && (told_text.ends_with('à') || told_text.ends_with(" au") || told_text.ends_with(" aux"))
    {
        from = skip_recipient(t, from, hi);
    }
    // tokens after the cue
    let after = || -> Vec<usize> {
        let mut v = Vec::new();
        let mut i = t.token_at_or_after(from);
        let mut prev_end = from;
        let mut used_prep = false;
        // "a indiqué mercredi soir la SNCF", "وأعلن أمس الجيش": a time
        // adverb between the verb and an inverted subject
        while let Some(tok) = t.tokens.get(i) {
            if tok.start >= hi
                || !gap_is_space(t, prev_end, tok.start)
                || !TIME_WORDS.contains(&strip_proclitics(t.fold_of(tok)))
            {
                break;
            }
            prev_end = tok.end;
            i += 1;
        }
        while i < t.tokens.len() && v.len() < MAX_TOKENS {
            let tok = &t.tokens[i];
            if tok.start >= hi || is_blocked(tok.start) || !gap_is_space(t, prev_end, tok.start) {
                break;
            }
            if cue_starts.contains(&tok.start) {
                break;
            }
            let f = t.fold_of(tok);
            let bare = strip_proclitics(f);
            // a place after an Arabic role: "السفير العراقي في عمان جواد"
            if lang == Lang::Ar
                && !used_prep
                // "النائب عن لجنة الطاقة علي سعدون": a constituency or
                // bloc after a deputy
                && matches!(f, "في" | "لدى" | "لدي" | "عن")
                && v.first().is_some_and(|&k: &usize| {
                    let h = strip_proclitics(t.fold_of(&t.tokens[k]));
                    words.roles.contains(h) || words.roles.contains(strip_al(h))
                })
                && t.tokens.get(i + 1).is_some_and(|n| {
                    n.start < hi
                        && !words.stop.contains(t.fold_of(n))
                        && gap_is_space(t, tok.end, n.start)
                })
            {
                used_prep = true;
                v.push(i);
                prev_end = tok.end;
                i += 1;
                continue;
            }
            // the name "علي" (written with ي) is not the preposition "على"
            let name_ali =
                lang == Lang::Ar && !v.is_empty() && t.str(tok.start, tok.end).ends_with("علي");
            if !name_ali
                && (words.stop.contains(f) || (lang == Lang::Ar && words.stop.contains(bare)))
            {
                // "of"-like words inside a role are fine once we have a head
                if !(lang != Lang::Ar
                    && !v.is_empty()
                    && matches!(f, "of" | "de" | "du" | "des" | "d'"))
                {
                    break;
                }
            }
            if lang == Lang::Ar && matches!(f, "ل" | "ب" | "و") {
                break;
            }
            // "مسؤول ... طلب عدم الكشف عن اسمه": the request for anonymity
            // ends the description
            if lang == Lang::Ar
                && !v.is_empty()
                && matches!(
                    bare,
                    "طلب" | "طالبا" | "رفض" | "رافضا" | "فضل" | "مفضلا" | "اشترط" | "مشترطا"
                )
                && t.tokens.get(i + 1).is_some_and(|n| {
                    matches!(
                        strip_proclitics(t.fold_of(n)),
                        "عدم" | "الكشف" | "كشف" | "ذكر" | "نشر" | "الافصاح" | "الإفصاح"
                    )
                })
            {
                break;
            }
            if lang == Lang::Ar
                && starts_with_lam_prep(t, i)
                && !v.is_empty()
                && !role_genitive(t, &v, i, hi, words)
            {
                break;
            }
            v.push(i);
            prev_end = tok.end;
            i += 1;
        }
        // do not end on a connector
        while let Some(&last) = v.last() {
            if matches!(
                t.fold_of(&t.tokens[last]),
                "of" | "de"
                    | "du"
                    | "des"
                    | "the"
                    | "la"
                    | "le"
                    | "and"
                    | "et"
                    | "في"
                    | "لدى"
                    | "لدي"
            ) {
                v.pop();
            } else {
                break;
            }
        }
        v
    };

    match (lang, cue.kind()) {
        // "نقلت وكالة سبأ عن وزير التخطيط قوله إن": the speaker is the one
        // after عن, up to قوله
        (Lang::Ar, CueKind::According) if quoted_via_an(t, cue, hi).is_some() => {
            let Some(v) = quoted_via_an(t, cue, hi) else {
                return Found::None;
            };
            Found::Mention(analyse(t, &v, lang, words, lo, hi))
        }
        (Lang::Ar, _) if kana_qad_subject(t, cue, lo, words).is_some() => {
            let Some(v) = kana_qad_subject(t, cue, lo, words) else {
                return Found::None;
            };
            Found::Mention(analyse(t, &v, lang, words, lo, hi))
        }
        (Lang::Ar, CueKind::According) if naqalat_an(t, cue, hi).is_some() => {
            let Some(v) = naqalat_an(t, cue, hi) else {
                return Found::None;
            };
            Found::Mention(analyse(t, &v, lang, words, lo, hi))
        }
        (Lang::Ar, CueKind::Speech) if kana_subject(t, cue, lo, words).is_some() => {
            let Some(v) = kana_subject(t, cue, lo, words) else {
                return Found::None;
            };
            Found::Mention(analyse(t, &v, lang, words, lo, hi))
        }
        (Lang::Ar, _) => {
            let v = after();
            // "ويعلن انتماءه", "حسب قوله", "تابع صبراً": an object with an
            // attached pronoun or an accusative adverb, not a subject
            if let Some(&k) = v.first().filter(|&&k| arabic_object_word(t, k)) {
                let tok = &t.tokens[k];
                return match cue.kind() {
                    CueKind::According if has_pronoun_suffix(t, k) => {
                        Found::Pronoun(tok.start, tok.end, Compat::Human)
                    }
                    CueKind::Speech => Found::Bare,
                    _ => Found::None,
                };
            }
            if v.is_empty() {
                return if cue.entry.kind == CueKind::Speech {
                    Found::Bare
                } else {
                    Found::None
                };
            }
            if v.len() == 1 && words.pronouns.contains(t.fold_of(&t.tokens[v[0]])) {
                let tok = &t.tokens[v[0]];
                return Found::Pronoun(tok.start, tok.end, Compat::Any);
            }
            let m = analyse(t, &v, lang, words, lo, hi);
            Found::Mention(
                arabic_name_in_apposition(t, &m, &v, hi, words, &cue_starts).unwrap_or(m),
            )
        }
        (_, CueKind::According) => {
            // "selon lui", "d'après elle"
            if let Some(n) = t.tokens.get(t.token_at_or_after(from)).filter(|n| {
                n.start < hi
                    && gap_is_space(t, from, n.start)
                    && matches!(
                        t.fold_of(n),
                        "lui" | "elle" | "eux" | "elles" | "him" | "her"
                    )
            }) {
                let compat = Compat::Human;
                return Found::Pronoun(n.start, n.end, compat);
            }
            let v = after();
            if v.is_empty() {
                return Found::None;
            }
            let m = analyse(t, &v, lang, words, lo, hi);
            Found::Mention(forward_apposition(t, m, hi))
        }
        _ => {
            // subject before the verb; skip a relative clause ", who ...,"
            // and take a short apposition "X, Y, said"
            let mut v = Vec::new();
            let mut next_start = cue.word_start;
            if lang == Lang::Fr {
                if let Some(aux) = adverbial_incise_start(t, next_start, lo) {
                    next_start = aux;
                }
            }
            // skip auxiliaries and adverbs right before the verb first, and
            // a time phrase between subject and verb ("Mayor X on Monday
            // defended", "the ministry late Tuesday said")
            {
                let mut i = t.tokens_before(next_start);
                let mut timed = false;
                while i > 0 {
                    let tok = &t.tokens[i - 1];
                    let time = lang == Lang::En && {
                        let f = t.fold_of(tok);
                        let word = SUBJECT_TIME_WORDS.contains(&f);
                        let on = timed && matches!(f, "on" | "late" | "early");
                        timed |= word;
                        word || on
                    };
                    if tok.end <= lo
                        || !gap_is_space(t, tok.end, next_start)
                        || !(is_auxiliary(t, i - 1) || time)
                    {
                        break;
                    }
                    next_start = tok.start;
                    i -= 1;
                }
            }
            let mut j = next_start;
            while j > lo && t.chars[j - 1].is_whitespace() {
                j -= 1;
            }
            let mut appositive: Option<Vec<usize>> = None;
            if j > lo && matches!(t.chars[j - 1], ',' | '،') {
                let comma = j - 1;
                let seg_start = (lo..comma)
                    .rev()
                    .find(|&k| is_boundary_punct(t.chars[k]))
                    .map(|k| k + 1)
                    .unwrap_or(lo);
                let a = t.token_at_or_after(seg_start);
                let b = t.tokens_before(comma);
                let seg: Vec<usize> = (a..b).collect();
                let opener_is_comma = seg_start > lo && matches!(t.chars[seg_start - 1], ',' | '،');
                if let Some(&f0) = seg.first() {
                    let w = t.fold_of(&t.tokens[f0]);
                    // "Le documentaire, réalisé après neuf mois d'enquête,
                    // précise": a participle clause, not the subject
                    let raw = t.str(t.tokens[f0].start, t.tokens[f0].end);
                    let participle = raw.chars().next().is_some_and(char::is_lowercase)
                        && !words.roles.contains(w)
                        && (["é", "ée", "és", "ées", "ant"]
                            .iter()
                            .any(|x| raw.ends_with(x))
                            || (lang == Lang::En
                                && raw.len() > 4
                                && (raw.ends_with("ed") || raw.ends_with("ing"))));
                    // "Jacques Fabre a, lui, dénoncé": a stressed pronoun
                    // set off by commas is no apposition
                    let stressed = seg.len() == 1 && matches!(w, "lui" | "elle" | "eux" | "elles");
                    if opener_is_comma
                        && (participle
                            || stressed
                            || matches!(
                                w,
                                "who" | "which" | "qui" | "dont" | "speaking" | "s'exprimant"
                            ))
                    {
                        next_start = seg_start - 1;
                    } else if (seg.len() <= 6
                        // "Le Pr Hélène Carrier, spécialiste du transport
                        // aérien à l'université de Toulouse, juge": a role
                        // noun opening the apposition allows a longer one
                        || (seg.len() <= 12 && role_opens(t, &seg, words)))
                        && !is_blocked(t.tokens[f0].start)
                        // "X, Y, said": the apposition follows a comma or
                        // opens the sentence; after a closing quote mark it
                        // ends the content of a post-posed cue instead
                        && (opener_is_comma || t.only_ws_or(lo, seg_start, &['-', '—', '–']))
                    {
                        appositive = Some(seg);
                    }
                }
            }
            let mut i = t.tokens_before(next_start);
            // "Tom Watson called the deal "lousy" and said ...": the
            // subject opening the sentence
            if appositive.is_none()
                && i > 0
                && t.tokens[i - 1].end > lo
                && matches!(t.fold_of(&t.tokens[i - 1]), "and" | "et" | "but" | "mais")
            {
                // after a dateline ("OTTAWA, June 4 (Reuters) - The Bank of
                // Canada held ... and said"); "of" inside a name
                let start =
                    super::indirect::dateline_end(t, lo, t.tokens[i - 1].start).unwrap_or(lo);
                let a = t.token_at_or_after(start);
                let mut b = a;
                while b < i - 1
                    && b - a < 6
                    && (is_capitalized(t, b)
                        || (b > a
                            && matches!(t.fold_of(&t.tokens[b]), "of" | "de" | "du")
                            && b + 1 < i - 1
                            && is_capitalized(t, b + 1)))
                {
                    b += 1;
                }
                let run: Vec<usize> = (a..b).collect();
                if run.len() >= 2 && !is_blocked(t.tokens[a].start) {
                    return Found::Mention(analyse(t, &run, lang, words, lo, hi));
                }
                return Found::Bare;
            }
            if appositive.is_none() {
                while i > 0 {
                    let tok = &t.tokens[i - 1];
                    if tok.end <= lo || !gap_is_space(t, tok.end, next_start) {
                        break;
                    }
                    if !is_auxiliary(t, i - 1) {
                        break;
                    }
                    next_start = tok.start;
                    i -= 1;
                }
            }
            if let Some(seg) = appositive {
                let first = t.tokens[seg[0]].start;
                let m = analyse(t, &seg, lang, words, lo, hi);
                if seg.len() == 1 && words.pronouns.contains(t.fold_of(&t.tokens[seg[0]])) {
                    let tok = &t.tokens[seg[0]];
                    return Found::Pronoun(tok.start, tok.end, Compat::Any);
                }
                return Found::Mention(with_apposition(t, m, first, lo, lang, words, hi));
            }
            if next_start != cue.word_start {
                // skip spaces and the comma before the relative clause
                i = t.tokens_before(next_start);
            }
            // "La Fédération autonome de l'enseignement (FAE) a annoncé": a
            // bracketed acronym before the (skipped) auxiliary repeats the
            // subject's name; the subject is before it
            if lang == Lang::Fr {
                if let Some(open) = bracketed_acronym_before(t, next_start, lo) {
                    next_start = open;
                    i = t.tokens_before(open);
                }
            }
            if lang == Lang::En {
                if let Some(k) = participle_phrase_start(t, i, lo, words) {
                    i = k;
                    next_start = t.tokens[k].start;
                }
                if let Some(open) = bracketed_acronym_before(t, next_start, lo) {
                    next_start = open;
                    i = t.tokens_before(open);
                }
            }
            while i > 0 && v.len() < MAX_TOKENS {
                let tok = &t.tokens[i - 1];
                if tok.end <= lo || is_blocked(tok.start) || !gap_is_space(t, tok.end, next_start) {
                    break;
                }
                let f = t.fold_of(tok);
                // "people familiar with the matter", "a source close to the
                // talks", "officials briefed on the plan"
                let within = matches!(f, "with" | "to" | "on")
                    && i >= 2
                    && matches!(
                        t.fold_of(&t.tokens[i - 2]),
                        "familiar" | "close" | "briefed" | "proche" | "proches"
                    );
                // "Le Soir rapporte que": a capitalised word after an article
                // is a name (of an outlet here), not the stop word "soir"
                let title_word = lang == Lang::Fr
                    && i >= 2
                    && t.chars[tok.start].is_uppercase()
                    && matches!(t.fold_of(&t.tokens[i - 2]), "le" | "la" | "les");
                if words.stop.contains(f)
                    && !within
                    && !title_word
                    && !matches!(f, "of" | "de" | "du" | "des" | "d'" | "and" | "et")
                {
                    if words.pronouns.contains(f) && v.is_empty() {
                        // "it said"
                    } else {
                        break;
                    }
                }
                // a lowercase participle ends an English subject
                // ("bodies recovered, increasing ... said")
                if lang == Lang::En
                    && !is_capitalized(t, i - 1)
                    && (f.ends_with("ed") || f.ends_with("ing"))
                    && !words.roles.contains(f)
                    && !(v.is_empty() && object_relative_before(t, i - 1, lo, words))
                {
                    break;
                }
                v.push(i - 1);
                next_start = tok.start;
                i -= 1;
            }
            v.reverse();
            trim_leading_connectors(t, &mut v);
            if !v.is_empty() {
                if v.len() == 1 && words.pronouns.contains(t.fold_of(&t.tokens[v[0]])) {
                    let tok = &t.tokens[v[0]];
                    let compat = match t.fold_of(tok) {
                        "he" | "she" | "il" | "elle" | "we" | "nous" | "celle-ci" | "celui-ci" => {
                            Compat::Human
                        }
                        "it" => Compat::Thing,
                        _ => Compat::Any,
                    };
                    return Found::Pronoun(tok.start, tok.end, compat);
                }
                let first = t.tokens[v[0]].start;
                // "that" / "que" directly before: a clause, not a subject
                return Found::Mention(with_apposition(
                    t,
                    analyse(t, &v, lang, words, lo, hi),
                    first,
                    lo,
                    lang,
                    words,
                    hi,
                ));
            }
            // inverted: "..., said the minister"
            let v = after();
            if !v.is_empty() {
                if v.len() == 1 && words.pronouns.contains(t.fold_of(&t.tokens[v[0]])) {
                    let tok = &t.tokens[v[0]];
                    return Found::Pronoun(tok.start, tok.end, Compat::Any);
                }
                // "», s'est défendu M. Perrin": the reflexive auxiliary
                // belongs to the verb
                let mut ws = cue.word_start;
                let mut r = t.tokens_before(ws);
                while r > 0
                    && t.tokens[r - 1].start >= lo
                    && lang == Lang::Fr
                    && matches!(t.fold_of(&t.tokens[r - 1]), "s" | "se" | "est" | "sont")
                {
                    ws = t.tokens[r - 1].start;
                    r -= 1;
                }
                let preceded_by_quote_or_comma = ws > lo
                    && t.chars[lo..ws]
                        .iter()
                        .rev()
                        .find(|c| !c.is_whitespace())
                        .is_some_and(|&c| is_boundary_punct(c));
                if preceded_by_quote_or_comma || cue.word_start == lo {
                    // "a déclaré le ministre des Affaires étrangères,
                    // Jean-Marc Lefort, lors ..."
                    let m = analyse(t, &v, lang, words, lo, hi);
                    return Found::Mention(forward_apposition(t, m, hi));
                }
            }
            if cue.entry.followon {
                Found::Bare
            } else {
                Found::None
            }
        }
    }
}

/// "he was told by Fisheries Minister Ana Lindqvist of ...", "the plan
/// was announced by Mayor Roy Park": an English passive speech verb whose
/// agent follows "by" is said by that agent, not by the subject before
/// it (the one who heard it). The agent is a run of capitalised words and
/// role nouns, with at least one capitalised word, right after "by".
fn passive_by_agent(
    t: &Text,
    cue: &Cue,
    lo: usize,
    hi: usize,
    words: &Words,
    blocked: &[(usize, usize)],
) -> Option<Mention> {
    let c = t.token_at_or_after(cue.word_start);
    let before = t.tokens.get(c.checked_sub(1)?)?;
    if before.start < lo
        || !gap_is_space(t, before.end, cue.word_start)
        || !matches!(t.fold_of(before), "was" | "were" | "been" | "is" | "are")
    {
        return None;
    }
    let by_k = t.token_at_or_after(cue.end);
    let by = t.tokens.get(by_k)?;
    if by.end > hi || t.fold_of(by) != "by" || !gap_is_space(t, cue.end, by.start) {
        return None;
    }
    let mut v = Vec::new();
    let mut prev_end = by.end;
    let mut k = by_k + 1;
    while let Some(tok) = t.tokens.get(k) {
        if v.len() >= MAX_TOKENS
            || tok.end > hi
            || !gap_is_space(t, prev_end, tok.start)
            || blocked.iter().any(|&(s, e)| tok.start < e && s < tok.end)
        {
            break;
        }
        let f = t.fold_of(tok);
        if !(is_capitalized(t, k) || (words.roles.contains(f) && !ROLE_GLUE.contains(&f))) {
            break;
        }
        v.push(k);
        prev_end = tok.end;
        k += 1;
    }
    if !v.iter().any(|&k| is_capitalized(t, k)) {
        return None;
    }
    Some(analyse(t, &v, Lang::En, words, lo, hi))
}

/// "She closed the session by saying "..."": an English gerund after
/// "by" (or "while", "before", "after") shares the subject of its
/// sentence, like one after a comma; without this the stop word before it
/// left the cue with no speaker.
fn by_gerund(t: &Text, cue: &Cue, lo: usize) -> bool {
    if cue.entry.lang != Lang::En {
        return false;
    }
    let k = t.tokens_before(cue.word_start);
    k.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| {
            p.start >= lo
                && gap_is_space(t, p.end, cue.word_start)
                && matches!(t.fold_of(p), "by" | "while" | "before" | "after")
        })
}

/// "The Coastal Survey Agency (CSA) said ...": an acronym in brackets
/// right before the verb glosses the subject before it; the subject walk
/// stopped at the bracket and took the words after the verb as an
/// inverted subject instead. The position of the opening bracket, when
/// it holds one upper-case word of two to eight letters.
fn bracketed_acronym_before(t: &Text, pos: usize, lo: usize) -> Option<usize> {
    let mut j = pos;
    while j > lo && t.chars.get(j - 1)?.is_whitespace() {
        j -= 1;
    }
    if j <= lo || *t.chars.get(j - 1)? != ')' {
        return None;
    }
    let close = j - 1;
    let open = (lo..close).rev().find(|&k| t.chars[k] == '(')?;
    let inner = &t.chars[open + 1..close];
    let ok = (2..=8).contains(&inner.len())
        && inner.iter().all(|c| c.is_uppercase())
        && open > lo
        && t.chars[open - 1].is_whitespace();
    ok.then_some(open)
}

/// "Residents the Gazette interviewed said ...": a reduced object
/// relative (a capitalised agent and a past verb) right before the cue
/// ends the subject noun phrase; its verb is not the end of the subject,
/// as a lowercase participle otherwise is. Whether token `k` (ending in
/// "ed") follows a capitalised word that follows a lowercase content word.
fn object_relative_before(t: &Text, k: usize, lo: usize, words: &Words) -> bool {
    let (Some(agent), Some(head)) = (
        k.checked_sub(1).and_then(|i| t.tokens.get(i)),
        k.checked_sub(2).and_then(|i| t.tokens.get(i)),
    ) else {
        return false;
    };
    let Some(verb) = t.tokens.get(k) else {
        return false;
    };
    let hf = t.fold_of(head);
    head.start >= lo
        && t.fold_of(verb).ends_with("ed")
        && is_capitalized(t, k - 1)
        && !is_capitalized(t, k - 2)
        && gap_is_space(t, head.end, agent.start)
        && gap_is_space(t, agent.end, verb.start)
        && !words.stop.contains(hf)
        && hf.len() > 3
}

/// Titles before a name in an Arabic apposition ("، السيد عبد الرحيم بنعلي،").
const AR_NAME_TITLES: &[&str] = &[
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
/// title): the person.
fn arabic_name_in_apposition(
    t: &Text,
    m: &Mention,
    v: &[usize],
    hi: usize,
    words: &Words,
    cue_starts: &[usize],
) -> Option<Mention> {
    if m.name.is_some() || m.kind != SpeakerKind::Person || m.role.is_none() {
        return None;
    }
    let &last = v.last()?;
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
    if k == first || t.fold_of(&t.tokens[first]).starts_with("ال") {
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
        role: m.role,
        kind: m.kind,
    })
}

/// "وكانت صحيفة «كوميرسانت» الروسية قد أفادت": in the pluperfect كان ...
/// قد + verb, the subject stands between كان and قد.
fn kana_qad_subject(t: &Text, cue: &Cue, lo: usize, words: &Words) -> Option<Vec<usize>> {
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
fn arabic_subject_further_on(t: &Text, cue: &Cue, hi: usize, words: &Words) -> Option<Cue> {
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
fn kana_subject(t: &Text, cue: &Cue, lo: usize, words: &Words) -> Option<Vec<usize>> {
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

/// "ونقلت وكالة الأنباء الألمانية عن المتحدثة ... هيلغا برانت: «...»":
/// the agency relays the words of the one named after عن. Tokens after عن,
/// up to a colon, quote mark or comma, within a dozen words.
fn naqalat_an(t: &Text, cue: &Cue, hi: usize) -> Option<Vec<usize>> {
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
            let p: &super::text::Token = &t.tokens[prev];
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
/// preposition is "إلى": "ونسبت الوكالة إلى مصدر عسكري قوله إن".
fn quoted_via_an(t: &Text, cue: &Cue, hi: usize) -> Option<Vec<usize>> {
    let first = t.token_at_or_after(cue.end);
    // ("إلى" folds to "الي": ى is folded as ي)
    let prep: &[&str] = if t.folded_str(cue.start, cue.end).starts_with("نسب") {
        &["الي", "الى"]
    } else {
        &["عن"]
    };
    let mut an = None;
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

/// The end of a short recipient phrase ("l'AFP", "la BBC", "des
/// journalistes") starting at `from`, when a subject phrase follows it.
/// "Le ministre a, par ailleurs, déclaré", "X avait, de son côté,
/// estimé": an adverbial set off by commas between the auxiliary and the
/// participle; the start of the auxiliary, so that the subject before it
/// is found.
fn adverbial_incise_start(t: &Text, pos: usize, lo: usize) -> Option<usize> {
    let k = t.tokens_before(pos);
    let last = t.tokens.get(k.checked_sub(1)?)?;
    if last.start < lo
        || !t.only_ws_or(last.end, pos, &[','])
        || !t.chars[last.end..pos].contains(&',')
    {
        return None;
    }
    // back to the opening comma, within four words
    let mut i = k - 1;
    for _ in 0..4 {
        let tok = &t.tokens[i];
        let before = t.chars[..tok.start]
            .iter()
            .rposition(|c| !c.is_whitespace())?;
        if t.chars[before] == ',' {
            let aux = t.tokens.get(t.tokens_before(before).checked_sub(1)?)?;
            let is_aux = matches!(
                t.fold_of(aux),
                "a" | "ont" | "avait" | "avaient" | "aurait" | "auraient"
            );
            return (is_aux && aux.start >= lo && aux.end == before).then_some(aux.start);
        }
        i = i.checked_sub(1)?;
    }
    None
}

/// "Senator Ann Doyle speaking at a town hall said": an English
/// participle phrase ("speaking to ...", "writing in ...") between the
/// subject and the verb, without commas. The subject walk would stop at
/// the preposition and take the phrase's object ("a town hall") as the
/// speaker; the index of the participle, so the walk starts before it.
/// Only when a capitalised word directly precedes the participle and a
/// preposition follows it, within [`MAX_TOKENS`] words of the verb.
fn participle_phrase_start(t: &Text, i: usize, lo: usize, words: &Words) -> Option<usize> {
    let first = i.saturating_sub(MAX_TOKENS);
    for k in (first.max(1)..i).rev() {
        let tok = t.tokens.get(k)?;
        let prev = t.tokens.get(k - 1)?;
        if prev.end <= lo {
            return None;
        }
        let next_end = t.tokens.get(k + 1).map_or(tok.end, |n| n.start);
        if !gap_is_space(t, tok.end, next_end) || !gap_is_space(t, prev.end, tok.start) {
            return None;
        }
        let f = t.fold_of(tok);
        if f.len() > 5 && f.ends_with("ing") && !is_capitalized(t, k) && !words.roles.contains(f) {
            let prep = t.tokens.get(k + 1).is_some_and(|n| {
                matches!(
                    t.fold_of(n),
                    "to" | "at" | "in" | "on" | "with" | "before" | "from" | "via"
                )
            });
            return (prep && k + 1 < i && is_capitalized(t, k - 1)).then_some(k);
        }
    }
    None
}

/// "ont déclaré à Reuters deux sources proches du dossier", "... des
/// responsables": words that open a plural subject after the recipient.
fn plural_subject_opener(w: &str) -> bool {
    matches!(
        w,
        "des"
            | "deux"
            | "trois"
            | "quatre"
            | "cinq"
            | "plusieurs"
            | "ses"
            | "leurs"
            | "ces"
            | "certains"
            | "certaines"
    )
}

fn skip_recipient(t: &Text, from: usize, hi: usize) -> usize {
    let mut k = t.token_at_or_after(from);
    let Some(first) = t.tokens.get(k) else {
        return from;
    };
    if first.start >= hi || !gap_is_space(t, from, first.start) {
        return from;
    }
    if matches!(
        t.fold_of(first),
        "l" | "la" | "le" | "les" | "des" | "un" | "une"
    ) {
        k += 1;
    }
    let Some(head) = t.tokens.get(k) else {
        return from;
    };
    // "a indiqué à Sud Ouest le maire", "a déclaré à La Libre Belgique la
    // ministre": an outlet of several words is one recipient; skip it whole
    let head_end = recipient_outlet_end(t, first.start, hi)
        .or_else(|| recipient_outlet_end(t, head.start, hi))
        .unwrap_or(head.end);
    let n = t.token_at_or_after(head_end);
    // the subject that follows opens with a determiner or a capital
    let subject_next = t.tokens.get(n).is_some_and(|n| {
        n.start < hi
            && gap_is_space(t, head_end, n.start)
            && (matches!(
                t.fold_of(n),
                "l" | "la" | "le" | "les" | "un" | "une" | "son" | "sa"
            ) || plural_subject_opener(t.fold_of(n))
                || t.chars[n.start].is_uppercase())
    });
    if subject_next {
        head_end
    } else {
        from
    }
}

/// The end of an outlet name of the gazetteer that starts exactly at
/// `at` and ends before `hi` (a multi-word name, "Sud Ouest", "La Dépêche
/// du Midi"), searched in a window as long as the longest name.
fn recipient_outlet_end(t: &Text, at: usize, hi: usize) -> Option<usize> {
    let g = crate::outlets::gazetteer();
    let end = (at + g.max_pattern_chars() + 1).min(hi).min(t.len());
    if at >= end {
        return None;
    }
    g.find_all(t.str(at, end))
        .into_iter()
        .find(|m| m.start == 0 && !m.guarded)
        .map(|m| at + m.end)
}

/// Nouns for a person holding a post in an institution ("council member",
/// "committee chairman", "membre du conseil"), folded.
const PERSON_HEADS: &[&str] = &[
    "member",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "head",
    "chief",
    "director",
    "official",
    "secretary",
    "spokesperson",
    "judge",
    "commissioner",
    "envoy",
    "adviser",
    "advisor",
    "aide",
    "membre",
    "presidente",
    "directeur",
    "directrice",
    "responsable",
    "juge",
];

/// English time words that may stand between a subject and its verb ("X
/// on Monday said", "X late Tuesday announced"), with "on" / "late" /
/// "early" before them (folded).
const SUBJECT_TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "morning",
    "afternoon",
    "evening",
    "night",
];

/// "On Monday, Chilean president X said", "Last Tuesday, ...": whether
/// tokens `a..e` are an English time phrase opening the sentence. Its
/// capitalised words look like a name, and the comma after it like an
/// apposition, so the time phrase was taken as the speaker's name and the
/// real subject as its role. Time words and the prepositions, articles
/// and numbers around them only, with at least one day, part of day or
/// month.
fn fronted_time_phrase(t: &Text, a: usize, e: usize) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if a >= e || e > t.tokens.len() {
        return false;
    }
    let mut timed = false;
    for tok in &t.tokens[a..e] {
        let f = t.fold_of(tok);
        if SUBJECT_TIME_WORDS.contains(&f) || MONTHS.contains(&f) {
            timed = true;
        } else if !(matches!(
            f,
            "on" | "in" | "at" | "last" | "this" | "early" | "late" | "the" | "of"
        ) || f.chars().all(|c| c.is_ascii_digit()))
        {
            return false;
        }
    }
    timed
}

/// Time adverbs that may stand between a verb and its inverted subject
/// (folded).
const TIME_WORDS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "hier",
    "soir",
    "matin",
    "apres-midi",
    "dernier",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "امس",
    "اليوم",
    "مساء",
    "صباح",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "الليله",
];

/// Function words listed among the roles because they run inside one ("le
/// ministre de l'Intérieur"); they do not open a role on their own.
const ROLE_GLUE: &[&str] = &[
    "le", "la", "les", "l'", "l", "du", "de", "des", "d'", "d", "et", "en", "a", "au", "aux",
    "the", "of", "for", "and", "m.", "m", "mme", "mr", "mrs", "ms", "dr",
];

/// Persons named in running text between `lo` and `hi`, whether they speak
/// or not: a run of two to four capitalized name words with a role next
/// to it ("la ministre du Commerce, Sophie Béranger", "Martine Rochas,
/// boulangère à Villeurbanne,", "Mme Claire Roy"). Later role nouns and
/// demonstratives ("la ministre", "celle-ci") refer back to them. Latin
/// scripts only; in reading order.
pub fn named_persons(t: &Text, lo: usize, hi: usize, lang: Lang) -> Vec<Mention> {
    if lang == Lang::Ar {
        return Vec::new();
    }
    let scan = NameScan {
        t,
        words: lexicon().words(lang),
    };
    let mut out = Vec::new();
    scan.run(t.token_at_or_after(lo), lo, hi, &mut out);
    out
}

/// The scan of [`named_persons`], one run of name words at a time.
struct NameScan<'a> {
    t: &'a Text,
    words: &'a Words,
}

impl NameScan<'_> {
    /// Token `j` may be part of a name: capitalized, and not a role noun,
    /// stop word, determiner, title, article or organization word.
    fn name_word(&self, j: usize) -> bool {
        let (t, words) = (self.t, self.words);
        let f = t.fold_of(&t.tokens[j]);
        is_capitalized(t, j)
            && !words.roles.contains(f)
            && !words.stop.contains(f)
            && !DETERMINERS.contains(&f)
            && !TITLES.contains(&f)
            && !ARTICLES.contains(&f)
            && !words.organizations.contains(f)
    }

    /// The scan from token `k` (the left-to-right state of the scan is
    /// only `k`), mentions appended to `out`.
    fn run(&self, mut k: usize, lo: usize, hi: usize, out: &mut Vec<Mention>) {
        let t = self.t;
        while k < t.tokens.len() && t.tokens[k].end <= hi {
            if !self.name_word(k) {
                k += 1;
                continue;
            }
            let (e, mention) = self.group(k, lo, hi);
            out.extend(mention);
            k = e;
        }
    }

    /// The run of name words opened by the name word at token `k`: one
    /// past its last token, and the person it names when it has a role.
    fn group(&self, k: usize, lo: usize, hi: usize) -> (usize, Option<Mention>) {
        let (t, words) = (self.t, self.words);
        // a capitalized particle inside a surname: "Gwenaëlle Le Goff"
        let particle = |j: usize| {
            is_capitalized(t, j)
                && matches!(
                    t.fold_of(&t.tokens[j]),
                    "le" | "la" | "de" | "du" | "van" | "von" | "da" | "di" | "ben" | "al" | "el"
                )
                && j + 1 < t.tokens.len()
                && t.tokens[j + 1].end <= hi
                && gap_is_space(t, t.tokens[j].end, t.tokens[j + 1].start)
                && self.name_word(j + 1)
        };
        let mut e = k + 1;
        while e < t.tokens.len()
            && e - k < 4
            && t.tokens[e].end <= hi
            && gap_is_space(t, t.tokens[e - 1].end, t.tokens[e].start)
            && (self.name_word(e) || particle(e))
        {
            e += 1;
        }
        let (ns, ne) = (t.tokens[k].start, t.tokens[e - 1].end);
        // "pour M. Rakotomalala, ...": a lone surname counts only after a
        // courtesy title (tested before the gazetteer, which is dearer)
        let title = (e - k == 1 && k > 0).then(|| &t.tokens[k - 1]).filter(|p| {
            p.start >= lo
                && TITLES.contains(&t.fold_of(p))
                && gap_is_space(t, p.end, t.tokens[k].start)
        });
        if e - k < 2 && title.is_none() {
            return (e, None);
        }
        if fronted_time_phrase(t, k, e) {
            return (e, None);
        }
        // not an outlet ("Jeune Afrique")
        if !crate::outlets::gazetteer()
            .find_all(t.str(ns, ne))
            .is_empty()
        {
            return (e, None);
        }
        if let Some(p) = title {
            let mention = Mention {
                start: p.start,
                end: ne,
                name: Some((ns, ne)),
                role: Some((p.start, p.end)),
                kind: SpeakerKind::Person,
            };
            return (e, Some(mention));
        }
        let role = role_before(t, k, lo, words).or_else(|| role_after(t, e, hi, words));
        let mention = match role {
            Some((rs, re)) => Some(Mention {
                start: rs.min(ns),
                end: re.max(ne),
                name: Some((ns, ne)),
                role: Some((rs, re)),
                kind: SpeakerKind::Person,
            }),
            None => person_without_role(t, k, e, lo, hi, words).then_some(Mention {
                start: ns,
                end: ne,
                name: Some((ns, ne)),
                role: None,
                kind: SpeakerKind::Person,
            }),
        };
        (e, mention)
    }
}

/// [`named_persons`] from the start of the text (`lo = 0`) up to many
/// bounds `hi`, as the resolver asks for it at every surname or role
/// mentioned alone (it rescanned the text up to the mention each time:
/// quadratic in the length of the dispatch).
///
/// The whole text is scanned once (`hi = t.len()`), each run of name
/// words kept with its start token, its result and its *reach*: an upper
/// bound of every code-point offset the run's computation compares with
/// `hi` or reads (the name tokens, the particle look-ahead one token
/// further, `role_after`'s space skip and at most 12 tokens after the
/// name, `person_without_role`'s two tokens after it; the end of the text
/// when fewer tokens follow). A run whose reach is at most `hi` is computed exactly the same under bound `hi`
/// (every comparison with `hi` gives the same answer as with `t.len()`),
/// and the scan's only state is the next token, so the scan up to `hi`
/// yields the cached runs in order until the first one that reaches past
/// `hi`; from that run's start token on, the scan is run again with bound
/// `hi` (the tokens between runs are not name words whatever the bound,
/// so they produce nothing either way). `role_before`, the courtesy title
/// before a lone surname and `person_without_role`'s look back to the
/// start of the sentence depend on `lo` only, fixed at 0.
#[derive(Debug)]
pub struct NarrativePersons {
    /// Code points of the text scanned (to recognise it).
    len: usize,
    /// `(start token, reach, person)` per run of name words, in order.
    runs: Vec<(usize, usize, Option<Mention>)>,
}

impl NarrativePersons {
    pub fn new(t: &Text, lang: Lang) -> Self {
        let mut runs = Vec::new();
        if lang != Lang::Ar {
            let scan = NameScan {
                t,
                words: lexicon().words(lang),
            };
            let hi = t.len();
            let mut k = 0;
            while k < t.tokens.len() && t.tokens[k].end <= hi {
                if !scan.name_word(k) {
                    k += 1;
                    continue;
                }
                let (e, mention) = scan.group(k, 0, hi);
                let reach = t.tokens.get(e + 12).map_or(t.len(), |x| x.end);
                runs.push((k, reach, mention));
                k = e;
            }
        }
        NarrativePersons { len: t.len(), runs }
    }

    /// Whether this was built for `t` (same length: the resolver keeps
    /// one text per dispatch).
    pub fn is_for(&self, t: &Text) -> bool {
        self.len == t.len()
    }

    /// Exactly `named_persons(t, 0, hi, lang)`.
    pub fn before(&self, t: &Text, hi: usize, lang: Lang) -> Vec<Mention> {
        if lang == Lang::Ar || hi > self.len {
            return named_persons(t, 0, hi, lang);
        }
        let mut out = Vec::new();
        for (k, reach, mention) in &self.runs {
            if *reach > hi {
                let scan = NameScan {
                    t,
                    words: lexicon().words(lang),
                };
                scan.run(*k, 0, hi, &mut out);
                return out;
            }
            out.extend(mention.iter().cloned());
        }
        out
    }
}

/// "Turkish president Erdoğan called for ...", "opposition leader Ruiz
/// met ...": English persons named by a lowercase role noun directly
/// before a single capitalised name, as the subject of a lowercase verb.
/// [`named_persons`] wants two to four name words, so such a person is
/// not kept there, and a later "he said" had no antecedent. The role
/// takes one capitalised or role word before it ("Turkish", "deputy").
/// In text order, between `lo` and `hi`.
pub fn role_name_subjects(t: &Text, lo: usize, hi: usize) -> Vec<Mention> {
    let words = lexicon().words(Lang::En);
    let mut out = Vec::new();
    let end = t.tokens_before(hi);
    let first = t.token_at_or_after(lo);
    for k in first.max(1)..end.saturating_sub(1) {
        let name = &t.tokens[k];
        let role = &t.tokens[k - 1];
        let Some(next) = t.tokens.get(k + 1) else {
            break;
        };
        let rf = t.fold_of(role);
        let nf = t.fold_of(next);
        if role.start < lo
            || next.end > hi
            || !is_capitalized(t, k)
            || is_capitalized(t, k - 1)
            || !words.roles.contains(rf)
            || ROLE_GLUE.contains(&rf)
            || !gap_is_space(t, role.end, name.start)
            || !gap_is_space(t, name.end, next.start)
            || !t.chars[next.start].is_lowercase()
            || words.stop.contains(nf)
            || words.roles.contains(nf)
        {
            continue;
        }
        let mut a = k - 1;
        if let Some(adj) = a.checked_sub(1).and_then(|i| t.tokens.get(i)) {
            let af = t.fold_of(adj);
            if adj.start >= lo
                && gap_is_space(t, adj.end, role.start)
                && !ROLE_GLUE.contains(&af)
                && (is_capitalized(t, a - 1) || words.roles.contains(af))
                && !words.stop.contains(af)
            {
                a -= 1;
            }
        }
        out.push(Mention {
            start: t.tokens[a].start,
            end: name.end,
            name: Some((name.start, name.end)),
            role: Some((t.tokens[a].start, role.end)),
            kind: SpeakerKind::Person,
        });
    }
    out
}

/// A name of tokens `k..e` without a role that still marks a person: a
/// relative clause or an age after it ("Karen Whitfield, who grows corn",
/// "Ana Souza, 34,"), or the subject opening its sentence (after an
/// opening phrase and its comma) right before a lowercase verb ("Sur son
/// exploitation, Nathalie Brunet montre ...").
fn person_without_role(t: &Text, k: usize, e: usize, lo: usize, hi: usize, words: &Words) -> bool {
    let name_end = t.tokens[e - 1].end;
    let Some(next) = t.tokens.get(e).filter(|n| n.end <= hi) else {
        return false;
    };
    let between = t.str(name_end, next.start);
    let f = t.fold_of(next);
    if between.trim() == "," {
        // "Ana Souza, 34,", "Jean-Marc Lacoste, 56 ans,"
        let unit = t
            .tokens
            .get(e + 1)
            .is_some_and(|n| matches!(t.fold_of(n), "ans" | "years" | "year-old"));
        let after_age = if unit { e + 2 } else { e + 1 };
        let age_end = if unit { t.tokens[e + 1].end } else { next.end };
        let age = f.chars().all(|c| c.is_ascii_digit())
            && t.tokens
                .get(after_age)
                .is_some_and(|n| n.end <= hi && t.str(age_end, n.start).trim() == ",");
        return matches!(f, "who" | "qui") || age;
    }
    // "Ahmed Salem was asleep": an auxiliary is a verb here
    let aux = matches!(
        f,
        "was" | "is" | "had" | "has" | "would" | "will" | "est" | "a" | "avait"
    );
    if !gap_is_space(t, name_end, next.start)
        || !t.chars[next.start].is_lowercase()
        || (words.stop.contains(f) && !aux)
        || words.roles.contains(f)
        || words.organizations.contains(f)
        || matches!(f, "and" | "et" | "of" | "de" | "du" | "des" | "d'" | "d")
    {
        return false;
    }
    // the name opens its sentence, or follows the comma closing an opening
    // phrase
    let mut j = t.tokens[k].start;
    while j > lo && t.chars[j - 1] == ' ' {
        j -= 1;
    }
    j == lo
        || matches!(t.chars[j - 1], '\n' | '.' | '!' | '?' | ',' | '—' | '–')
            && !(t.chars[j - 1] == '.' && after_abbreviation(t, j - 1))
}

/// The role right before the name at token `k`: a courtesy title ("Mme"),
/// or a phrase opened by a role noun and closed by a comma ("le président
/// de la Confédération, Dominique Anselme").
fn role_before(t: &Text, k: usize, lo: usize, words: &Words) -> Option<(usize, usize)> {
    let prev = t.tokens.get(k.checked_sub(1)?)?;
    if prev.start < lo {
        return None;
    }
    if TITLES.contains(&t.fold_of(prev)) && gap_is_space(t, prev.end, t.tokens[k].start) {
        return Some((prev.start, prev.end));
    }
    // "Finance Minister Tomás Urrutia", "le ministre Paul Girard": role
    // nouns right before the name, with their article
    let pf = t.fold_of(prev);
    if words.roles.contains(pf)
        && !ROLE_GLUE.contains(&pf)
        && gap_is_space(t, prev.end, t.tokens[k].start)
    {
        let mut a = k - 1;
        while a > 0 && k - a < 6 {
            let tok = &t.tokens[a - 1];
            let f = t.fold_of(tok);
            if tok.start < lo
                || !gap_is_space(t, tok.end, t.tokens[a].start)
                || !(words.roles.contains(f) || is_capitalized(t, a - 1))
            {
                break;
            }
            a -= 1;
        }
        return Some((t.tokens[a].start, prev.end));
    }
    // ", " right before the name
    let mut j = t.tokens[k].start;
    while j > lo && t.chars[j - 1] == ' ' {
        j -= 1;
    }
    if j <= lo || t.chars[j - 1] != ',' {
        return None;
    }
    let comma = j - 1;
    let mut i = t.tokens_before(comma);
    let mut next = comma;
    let mut opener = None;
    while i > 0 && t.tokens_before(comma) - i < 10 {
        let tok = &t.tokens[i - 1];
        if tok.start < lo || !gap_is_space(t, tok.end, next) {
            break;
        }
        let f = t.fold_of(tok);
        if words.roles.contains(f) && !ROLE_GLUE.contains(&f) {
            // with its article
            let a = i - 1;
            let with_article = a
                .checked_sub(1)
                .filter(|&b| {
                    t.tokens[b].start >= lo
                        && ARTICLES.contains(&t.fold_of(&t.tokens[b]))
                        && gap_is_space(t, t.tokens[b].end, tok.start)
                })
                .unwrap_or(a);
            opener = Some(t.tokens[with_article].start);
        }
        next = tok.start;
        i -= 1;
    }
    let end = t.tokens[t.tokens_before(comma).checked_sub(1)?].end;
    opener.map(|s| (s, end))
}

/// The apposition right after the name ending before token `e`: ", role
/// words," opened by a role noun or another lowercase noun ("boulangère à
/// Villeurbanne"), not by a relative pronoun or a verb form.
fn role_after(t: &Text, e: usize, hi: usize, words: &Words) -> Option<(usize, usize)> {
    let name_end = t.tokens[e - 1].end;
    let mut j = name_end;
    while j < hi && t.chars[j] == ' ' {
        j += 1;
    }
    if j >= hi || t.chars[j] != ',' {
        return None;
    }
    let first = t.tokens.get(e)?;
    if first.end > hi || !gap_is_space(t, j + 1, first.start) {
        return None;
    }
    let f = t.fold_of(first);
    let head = if ARTICLES.contains(&f) {
        t.tokens.get(e + 1).map(|n| t.fold_of(n))?
    } else {
        f
    };
    let lower_noun = t.chars[first.start].is_lowercase()
        && !words.stop.contains(head)
        && !matches!(head, "qui" | "who" | "which" | "dont")
        && !head.ends_with("ant")
        && !head.ends_with("ing");
    let role_noun = words.roles.contains(head) && !ROLE_GLUE.contains(&head);
    if !role_noun && !lower_noun {
        return None;
    }
    let mut end = first.end;
    let mut x = e + 1;
    while let Some(tok) = t.tokens.get(x) {
        if tok.end > hi || x - e >= 12 || !gap_is_space(t, end, tok.start) {
            break;
        }
        end = tok.end;
        x += 1;
    }
    Some((first.start, end))
}

/// The apposition `seg` opens with a role noun, after an optional article
/// ("ministre de ...", "an economist at ...").
fn role_opens(t: &Text, seg: &[usize], words: &Words) -> bool {
    // "a semiconductor analyst at ...", "a senior economist at ...": the
    // role noun may follow one or two lowercase modifiers
    seg.iter()
        .map(|&k| (k, t.fold_of(&t.tokens[k])))
        .filter(|(_, f)| !ARTICLES.contains(f))
        .take(3)
        .take_while(|&(k, f)| {
            k == seg[0] || !t.chars[t.tokens[k].start].is_uppercase() || words.roles.contains(f)
        })
        .any(|(_, f)| words.roles.contains(f) && !TITLES.contains(&f) && !ROLE_GLUE.contains(&f))
}

/// Possessive and demonstrative determiners: a capitalized one opens a
/// noun phrase ("Sa facture d'électricité a triplé", "Its board said"),
/// never a name.
const DETERMINERS: &[&str] = &[
    "sa", "son", "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "notre", "nos", "votre",
    "vos", "mon", "ma", "mes", "his", "her", "its", "their", "this", "these", "those", "our",
    "your", "my",
];

/// Courtesy titles before a name.
const TITLES: &[&str] = &[
    "mme", "m.", "m", "mr", "mrs", "ms", "dr", "mlle", "me", "pr", "sir",
];

/// "X, qui réclame" / "X, who said": up to four capitalized words before
/// the comma that precedes the relative pronoun.
fn relative_antecedent(
    t: &Text,
    cue: &Cue,
    lo: usize,
    lang: Lang,
    words: &Words,
    hi: usize,
) -> Option<Mention> {
    let k = t.tokens_before(cue.word_start);
    let rel = t.tokens.get(k.checked_sub(1)?)?;
    if !matches!(t.fold_of(rel), "qui" | "who")
        || rel.start <= lo
        || !gap_is_space(t, rel.end, cue.word_start)
    {
        return None;
    }
    let mut j = rel.start;
    while j > lo && t.chars[j - 1] == ' ' {
        j -= 1;
    }
    if j <= lo || t.chars[j - 1] != ',' {
        return None;
    }
    let comma = j - 1;
    let b = t.tokens_before(comma);
    let mut a = b;
    let mut next = comma;
    while a > 0 && b - a < 4 {
        let tok = &t.tokens[a - 1];
        if tok.start < lo || !gap_is_space(t, tok.end, next) || !is_capitalized(t, a - 1) {
            break;
        }
        next = tok.start;
        a -= 1;
    }
    if a == b {
        return None;
    }
    let v: Vec<usize> = (a..b).collect();
    Some(analyse(t, &v, lang, words, lo, hi))
}

/// "« ... », ajoute le rapport qui précise que ...": a relative "qui"
/// right before the verb, hanging on the inverted subject of a speech verb
/// a few words before it in the same sentence: the speaker is that subject,
/// the one just found for the previous cue.
fn relative_after_inverted_subject(t: &Text, cue: &Cue, cues: &[Cue], lo: usize) -> bool {
    let k = t.tokens_before(cue.word_start);
    let Some(rel) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    if t.fold_of(rel) != "qui" || rel.start <= lo || !gap_is_space(t, rel.end, cue.word_start) {
        return false;
    }
    // no comma: ", qui" is `relative_antecedent`'s
    if t.chars[lo..rel.start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| c == ',')
    {
        return false;
    }
    cues.iter().any(|c| {
        c.kind() == CueKind::Speech
            && c.start >= lo
            && c.end <= rel.start
            && t.token_at_or_after(rel.start) - t.token_at_or_after(c.end) <= 5
            && !t.chars[c.end..rel.start]
                .iter()
                .any(|&ch| matches!(ch, ',' | '.' | ';' | ':' | '«' | '»'))
    })
}

/// The written letters of token `k`, without a final diacritic.
fn letters(t: &Text, k: usize) -> Vec<char> {
    let tok = &t.tokens[k];
    t.chars[tok.start..tok.end]
        .iter()
        .copied()
        .filter(|&c| !('\u{064B}'..='\u{0652}').contains(&c) && c != '\u{0640}')
        .collect()
}

/// An Arabic noun with an attached possessive pronoun ("انتماءه",
/// "علاقتها", "قولهم"): written ه/ها/هم/هما/هن after a stem, no article.
fn has_pronoun_suffix(t: &Text, k: usize) -> bool {
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
fn relation_with_pronoun(t: &Text, k: usize) -> bool {
    let s: String = letters(t, k).into_iter().collect();
    let stem = s.trim_start_matches(['و', 'ف']);
    ["هما", "هم", "هن", "ها", "ه"].iter().any(|suf| {
        stem.strip_suffix(suf)
            .is_some_and(|base| RELATIONS.contains(&base.trim_end_matches('ت')))
    })
}

/// Relational nouns that name a person through a possessive ("جارها سليم
/// عودة", "شقيقه", "محاميه"), as written before the pronoun (a final ة is
/// written ت there and is trimmed before the lookup).
const RELATIONS: &[&str] = &[
    "جار",
    "شقيق",
    "أخ",
    "أخو",
    "أخي",
    "أخ",
    "اخ",
    "اخو",
    "أخت",
    "اخت",
    "والد",
    "زوج",
    "ابن",
    "ابن",
    "نجل",
    "ابن",
    "عم",
    "خال",
    "جد",
    "حفيد",
    "صديق",
    "زميل",
    "محامي",
    "محام",
    "مستشار",
    "مساعد",
    "نائب",
    "متحدث",
    "ناطق",
    "مدير",
    "رئيس",
    "قريب",
    "أقارب",
    "اقارب",
    "رفيق",
    "خطيب",
    "أم",
    "أب",
    "أبو",
    "ابو",
    "طبيب",
    "معلم",
    "كفيل",
    "ممثل",
    "وكيل",
    "مرافق",
    "شريك",
    "حارس",
    "ابنت",
    "أم",
    "جار",
    "والد",
    "زوج",
    "شقيق",
    "صديق",
    "زميل",
    "عم",
    "خال",
    "جد",
    "قريب",
];

/// An Arabic word that cannot start a subject after its verb: a noun with a
/// possessive pronoun, or an indefinite accusative adverb ("صبراً",
/// "مجدداً") written with tanwin.
fn arabic_object_word(t: &Text, k: usize) -> bool {
    let tok = &t.tokens[k];
    let raw: String = t.chars[tok.start..tok.end].iter().collect();
    let tanwin = raw.ends_with("اً") || raw.ends_with("ًا");
    tanwin || has_pronoun_suffix(t, k)
}

/// "selon le président du conseil, Michel Spiro, ...": a role mention
/// without a name takes the short run of capitalized words in apposition
/// right after it.
pub fn forward_apposition(t: &Text, m: Mention, hi: usize) -> Mention {
    // "le secrétaire général du syndicat CGSP-Cheminots, Marc Delvaux": a
    // lone capitalised word right after a French organisation noun names
    // the organisation, part of the role; the person is in the apposition
    let apposition_next = {
        let mut j = m.end;
        while j < hi && t.chars[j] == ' ' {
            j += 1;
        }
        j < hi && matches!(t.chars[j], ',' | '،') && {
            let n = t.token_at_or_after(j);
            n < t.tokens.len() && t.tokens[n].start < hi && is_capitalized(t, n)
        }
    };
    let orgs = &super::lexicon::lexicon().words(Lang::Fr).organizations;
    let org_name = m.name.filter(|&(s, e)| {
        let k = t.token_at_or_after(s);
        apposition_next
            && t.tokens.get(k).is_some_and(|tok| tok.end == e)
            && k > 0
            && m.role.is_some_and(|(rs, _)| rs <= t.tokens[k - 1].start)
            && orgs.contains(t.fold_of(&t.tokens[k - 1]))
    });
    let m = match (org_name, m.role) {
        (Some((_, e)), Some((rs, _))) => Mention {
            name: None,
            role: Some((rs, e)),
            ..m
        },
        _ => m,
    };
    if m.name.is_some() || m.kind != SpeakerKind::Person {
        return m;
    }
    let mut j = m.end;
    while j < hi && t.chars[j] == ' ' {
        j += 1;
    }
    if j >= hi || !matches!(t.chars[j], ',' | '،') {
        return m;
    }
    let a = t.token_at_or_after(j);
    let mut b = a;
    let mut prev = j + 1;
    while b < t.tokens.len() && b - a < 4 {
        let tok = &t.tokens[b];
        if tok.start >= hi || !gap_is_space(t, prev, tok.start) || !is_capitalized(t, b) {
            break;
        }
        prev = tok.end;
        b += 1;
    }
    // closed by a comma, a colon, or the end of the sentence ("a réagi la
    // maire de Bordeaux, Claire Morin.")
    let closes = t
        .chars
        .get(prev)
        .is_some_and(|&c| matches!(c, ',' | '،' | ':' | '.'));
    if b == a || !closes {
        return m;
    }
    let name = (t.tokens[a].start, t.tokens[b - 1].end);
    Mention {
        end: name.1,
        name: Some(name),
        role: m.role.or(Some((m.start, m.end))),
        ..m
    }
}

fn trim_leading_connectors(t: &Text, v: &mut Vec<usize>) {
    while let Some(&first) = v.first() {
        if matches!(
            t.fold_of(&t.tokens[first]),
            "and" | "et" | "but" | "mais" | "of" | "de"
        ) {
            v.remove(0);
        } else {
            break;
        }
    }
}

/// "Sadiq Khan, the mayor of London, said" / "the mayor, Sadiq Khan, said":
/// extend a mention over a comma-separated apposition before it.
fn with_apposition(
    t: &Text,
    m: Mention,
    first: usize,
    lo: usize,
    lang: Lang,
    words: &Words,
    hi: usize,
) -> Mention {
    // the char before the mention must be a comma
    let mut j = first;
    while j > lo && t.chars[j - 1].is_whitespace() {
        j -= 1;
    }
    if j <= lo || !matches!(t.chars[j - 1], ',' | '،') {
        return m;
    }
    let comma = j - 1;
    let mut v = Vec::new();
    let mut i = t.tokens_before(comma);
    let mut next = comma;
    while i > 0 && v.len() < 8 {
        let tok = &t.tokens[i - 1];
        if tok.end <= lo || !gap_is_space(t, tok.end, next) {
            break;
        }
        v.push(i - 1);
        next = tok.start;
        i -= 1;
    }
    v.reverse();
    if v.is_empty() || t.tokens[v[0]].start != after_space(t, lo, t.tokens[v[0]].start) {
        return m;
    }
    if let (Some(&a), Some(&b)) = (v.first(), v.last()) {
        if fronted_time_phrase(t, a, b + 1) {
            return m;
        }
    }
    let other = analyse(t, &v, lang, words, lo, hi);
    // "Lars Henriksen, a fisheries adviser to the Danish Fishermen's
    // Organisation, said": an apposition opened by an article and a role
    // noun, capitalized words and all, is the role of the name before it
    if lang != Lang::Ar
        && other.kind == SpeakerKind::Person
        && other.name == Some((other.start, other.end))
        && name_like(t, &v)
    {
        let mv: Vec<usize> = (t.token_at_or_after(m.start)..t.token_at_or_after(m.end)).collect();
        let article = mv.first().is_some_and(|&k| {
            matches!(
                t.fold_of(&t.tokens[k]),
                "a" | "an" | "the" | "un" | "une" | "le" | "la" | "l'"
            )
        });
        if article && role_opens(t, &mv, words) {
            return Mention {
                start: other.start,
                end: m.end,
                name: other.name,
                role: Some((m.start, m.end)),
                kind: SpeakerKind::Person,
            };
        }
    }
    if other.kind != SpeakerKind::Person || m.kind != SpeakerKind::Person {
        return m;
    }
    // "Asked about the delay, Harlan said": a participle clause before the
    // name is no apposition
    let opens_clause = lang != Lang::Ar
        && v.first().is_some_and(|&k| {
            let raw = t.str(t.tokens[k].start, t.tokens[k].end).to_lowercase();
            !words.roles.contains(t.fold_of(&t.tokens[k]))
                && raw.chars().count() > 4
                && ["ed", "ing", "é", "ée", "és", "ées", "ant"]
                    .iter()
                    .any(|x| raw.ends_with(x))
        });
    // "Most traders, Reyes said, had ...": words before the comma with no
    // role noun are the start of the reported clause, not an apposition
    let has_role = lang == Lang::Ar
        || v.iter().any(|&k| {
            let f = t.fold_of(&t.tokens[k]);
            words.roles.contains(f) && !ROLE_GLUE.contains(&f)
        });
    let (name, role) = if m.name.is_some() && m.role.is_none() && !opens_clause && has_role {
        (m.name, Some((other.start, other.end)))
    } else if m.name.is_none()
        && m.role.is_some()
        && other.name.is_some()
        && (lang == Lang::Ar || name_like(t, &v))
    {
        (Some((other.start, other.end)), m.role)
    } else if m.role.is_some_and(|(rs, _)| rs == m.start)
        && m.name.is_some()
        && other.role.is_none()
        && other.name == Some((other.start, other.end))
    {
        // "Gérald Karsenti, PDG de HP France, a indiqué": after a full name
        // the whole apposition is the role, capitalized words and all
        (other.name, Some((m.start, m.end)))
    } else {
        return m;
    };
    Mention {
        start: other.start,
        end: m.end,
        name,
        role,
        kind: SpeakerKind::Person,
    }
}

/// Latin tokens that can make up a personal name on their own: capitalized
/// words and the particles inside surnames ("Ursula von der Leyen"), not a
/// participle clause ("Interrogée sur le coût de la réforme, la ministre").
fn name_like(t: &Text, v: &[usize]) -> bool {
    v.iter().all(|&k| {
        is_capitalized(t, k)
            || matches!(
                t.fold_of(&t.tokens[k]),
                "de" | "du"
                    | "des"
                    | "d'"
                    | "von"
                    | "van"
                    | "der"
                    | "den"
                    | "da"
                    | "di"
                    | "bin"
                    | "ben"
                    | "ibn"
                    | "al"
                    | "el"
                    | "la"
                    | "le"
            )
    })
}

/// `pos` if only spaces (or the sentence start) precede it back to `lo` or
/// to a punctuation mark; else `usize::MAX`.
fn after_space(t: &Text, lo: usize, pos: usize) -> usize {
    let mut j = pos;
    while j > lo && t.chars[j - 1].is_whitespace() {
        j -= 1;
    }
    // a spaced hyphen ends a dateline: "DAKAR, 4 juin (Reuters) - Amadou
    // Diallo, ministre ..., a affirmé"
    let dateline_dash =
        j > lo + 1 && t.chars[j - 1] == '-' && t.chars[j - 2].is_whitespace() && j < pos;
    if j == lo || is_boundary_punct(t.chars[j - 1]) || dateline_dash {
        pos
    } else {
        usize::MAX
    }
}

/// Arabic "لل..." or "ل" + outlet attached: a prepositional phrase.
/// Media and audience nouns after "لل": an addressee ("للصحيفة"), never
/// part of a role.
const ADDRESSEES: &[&str] = &[
    "صحيفه",
    "صحف",
    "اذاعه",
    "تلفزيون",
    "قناه",
    "وكاله",
    "موقع",
    "صحافيين",
    "صحفيين",
    "صحافه",
    "اعلام",
    "مراسلين",
    "صحفي",
    "صحافي",
    "جريده",
    "مجله",
    "تلفزه",
    "شبكه",
    "منصه",
];

/// Nouns of bodies and their parts that stand in the construct state inside
/// an Arabic role ("رئيس مجلس إدارة ...", "رئيس هيئة الأركان", "مدير
/// إدارة المرور"), folded (ة as ه, أ as ا, ؤ as و, ئ as ي): when indefinite,
/// the word after them is their complement, not a name.
const CONSTRUCT_NOUNS: &[&str] = &[
    "مجلس",
    "اداره",
    "هييه",
    "لجنه",
    "وزاره",
    "شركه",
    "موسسه",
    "جمعيه",
    "اتحاد",
    "نقابه",
    "غرفه",
    "مركز",
    "مكتب",
    "قسم",
    "دايره",
    "مديريه",
    "جهاز",
    "صندوق",
    "بنك",
    "جامعه",
    "كليه",
    "معهد",
    "محكمه",
    "قياده",
    "اركان",
    "امانه",
    "ديوان",
    "سلطه",
    "مصلحه",
    "شوون",
    "علاقات",
    "قوات",
    "حرس",
    "منظمه",
    "حزب",
    "حركه",
    "كتله",
    "ايتلاف",
    "مجموعه",
    "فرع",
    "بلديه",
    "اماره",
    "منطقه",
    "محافظه",
];

/// "المنسقة الوطنية للتنسيقية نزهة الإدريسي", "الأمين العام للأمم المتحدة":
/// a definite genitive with "لل" continuing a role that opened the mention,
/// when the mention goes on after it (a name or more of the role).
fn role_genitive(t: &Text, v: &[usize], i: usize, hi: usize, words: &Words) -> bool {
    let Some(&k0) = v.first() else { return false };
    // "وزيرة": a role noun may itself start with و, so try the raw word too
    let raw = t.fold_of(&t.tokens[k0]);
    let head = strip_proclitics(raw);
    if ![raw, head]
        .iter()
        .any(|h| words.roles.contains(*h) || words.roles.contains(strip_al(h)))
    {
        return false;
    }
    let f = t.fold_of(&t.tokens[i]);
    let Some(rest) = f.strip_prefix("لل") else {
        return false;
    };
    if ADDRESSEES.contains(&rest) {
        return false;
    }
    if crate::outlets::gazetteer()
        .find_all(t.str(t.tokens[i].start + 1, t.tokens[i].end))
        .first()
        .is_some_and(|m| m.start == 0)
    {
        return false;
    }
    t.tokens.get(i + 1).is_some_and(|n| {
        n.start < hi
            && gap_is_space(t, t.tokens[i].end, n.start)
            && !words.stop.contains(t.fold_of(n))
            && !t.fold_of(n).starts_with('ل')
    })
}

fn starts_with_lam_prep(t: &Text, i: usize) -> bool {
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

fn span_of(t: &Text, v: &[usize]) -> Option<(usize, usize)> {
    Some((t.tokens[*v.first()?].start, t.tokens[*v.last()?].end))
}

/// Split a mention into role and name and decide its kind.
/// Head nouns of English texts that speak for themselves ("The United
/// States Constitution specifies that ...", "the 2019 audit found that
/// ...", "the new guidelines say"). Folded.
const EN_DOCUMENT_HEADS: &[&str] = &[
    "constitution",
    "treaty",
    "charter",
    "convention",
    "decree",
    "law",
    "act",
    "bill",
    "statute",
    "ruling",
    "judgment",
    "judgement",
    "verdict",
    "report",
    "study",
    "survey",
    "poll",
    "census",
    "audit",
    "memo",
    "letter",
    "statement",
    "communique",
    "declaration",
    "resolution",
    "agreement",
    "directive",
    "regulation",
    "regulations",
    "guidelines",
    "rules",
    "manual",
    "summary",
    "filing",
    "filings",
    "indictment",
    "petition",
    "document",
    "documents",
    "manifesto",
    "transcript",
    "minutes",
];

/// Whether an English mention (folded words) names a document: a
/// determiner first ("the", "a", "its", "this"), a document noun last
/// ("the United States Constitution", "a leaked memo", "its annual
/// report"). The determiner keeps a surname that is also a noun ("Jude
/// Law") a person.
fn english_document(folded: &[&str]) -> bool {
    let determiner = folded.first().is_some_and(|f| {
        matches!(
            *f,
            "the" | "a" | "an" | "its" | "this" | "that" | "their" | "his" | "her" | "our"
        )
    });
    determiner && folded.len() >= 2 && folded.last().is_some_and(|f| EN_DOCUMENT_HEADS.contains(f))
}

pub fn analyse(t: &Text, v: &[usize], lang: Lang, words: &Words, lo: usize, hi: usize) -> Mention {
    let (start, end) = span_of(t, v).unwrap_or((lo, lo));
    let folded: Vec<&str> = v.iter().map(|&i| t.fold_of(&t.tokens[i])).collect();
    let joined = folded.join(" ");
    let joined_bare = folded
        .iter()
        .map(|f| {
            if lang == Lang::Ar {
                strip_proclitics(f)
            } else {
                f
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    // one of the list's phrases, alone or as the mention's first words
    let starts = |list: &Phrases| list.starts_words(&joined_bare) || list.starts_words(&joined);
    let sentence = t.folded_str(lo, hi);
    let mention = Mention {
        start,
        end,
        name: None,
        role: None,
        kind: SpeakerKind::Person,
    };
    let text = t.str(start, end);
    if let Some(m) = crate::outlets::gazetteer()
        .find_all(text)
        .into_iter()
        .find(|m| !m.guarded)
    {
        // "Michael Bloomberg": a given name before the outlet's name
        let surname = lang == Lang::En && super::sources::given_name_before(t, start + m.start);
        if m.end == text.chars().count() && !surname {
            return Mention {
                name: Some((start + m.start, end)),
                kind: SpeakerKind::Organization,
                ..mention
            };
        }
    }
    if starts(&words.documents) || (lang == Lang::En && english_document(&folded)) {
        // the document's own words ("the statement", "البيان المشترك")
        // describe it, like the description of an unnamed source
        return Mention {
            role: Some((start, end)),
            kind: SpeakerKind::Document,
            ..mention
        };
    }
    // (A closure: the substring searches run only when the answer counts.)
    let anon_phrase = || {
        words
            .anonymous_phrases
            .iter()
            .any(|p| sentence.contains(p.as_str()))
    };
    let has_cap_name = lang != Lang::Ar
        && v.iter()
            .skip(1)
            .any(|&i| is_capitalized(t, i) && !words.roles.contains(t.fold_of(&t.tokens[i])));
    if !has_cap_name && (starts(&words.anonymous) || anon_phrase()) {
        return Mention {
            role: Some((start, end)),
            kind: SpeakerKind::Anonymous,
            ..mention
        };
    }
    match lang {
        Lang::Ar => {
            let head_raw = folded.first().copied().unwrap_or("");
            let head = strip_proclitics(head_raw);
            let is_org = words.organizations.starts_words(&joined)
                || words.organizations.starts_words(&joined_bare)
                || words.organizations.contains(head)
                || words.organizations.contains(head_raw);
            let first_is_role = [head_raw, head]
                .iter()
                .any(|h| words.roles.contains(*h) || words.roles.contains(strip_al(h)))
                || v.first().is_some_and(|&k| relation_with_pronoun(t, k));
            if is_org && !first_is_role {
                return Mention {
                    name: Some((start, end)),
                    kind: SpeakerKind::Organization,
                    ..mention
                };
            }
            if !first_is_role && v.len() <= 3 && words.anonymous.contains(strip_al(head)) {
                return Mention {
                    role: Some((start, end)),
                    kind: SpeakerKind::Anonymous,
                    ..mention
                };
            }
            if !first_is_role {
                // "ميلود الزوي المتحدث الرسمي": name, then a role
                let split = (1..v.len()).find(|&j| {
                    let f = t.fold_of(&t.tokens[v[j]]);
                    words.roles.contains(f)
                        && (f.starts_with("ال")
                            || v.get(j + 1)
                                .is_some_and(|&x| t.fold_of(&t.tokens[x]).starts_with("ال")))
                });
                return match split {
                    Some(j) => Mention {
                        name: span_of(t, &v[..j]),
                        role: span_of(t, &v[j..]),
                        ..mention
                    },
                    None => Mention {
                        name: Some((start, end)),
                        ..mention
                    },
                };
            }
            // role runs while words are role nouns, definite, or follow a
            // preposition; the name starts at the first other word
            let mut name_at = None;
            let mut lam_at: Option<usize> = None;
            let mut after_prep = false;
            // the word before was a body noun in the construct state
            // ("مجلس إدارة الشركة"): this word is its complement
            let mut construct = false;
            for (k, &i) in v.iter().enumerate() {
                let f = t.fold_of(&t.tokens[i]);
                if k == 0 {
                    construct = CONSTRUCT_NOUNS.contains(&f);
                    continue;
                }
                let is_role_word = words.roles.contains(f) || words.roles.contains(strip_al(f));
                let definite = f.starts_with("ال")
                    || f.starts_with("بال")
                    || f.starts_with("لل")
                    || f.starts_with("وال");
                // "نائب رئيس مجلس إدارة الشركة يوسف العلي", "رئيس هيئة
                // الأركان العامة": an indefinite body noun needs a
                // complement, so the chain of them, and the word closing
                // it (definite, or a body's own name: "مجلس إدارة سابك"),
                // belong to the role
                if construct || (CONSTRUCT_NOUNS.contains(&f) && v.len() > k + 1) {
                    construct = CONSTRUCT_NOUNS.contains(&f);
                    after_prep = false;
                    continue;
                }
                if after_prep {
                    after_prep = false;
                    continue;
                }
                if matches!(
                    f,
                    "في" | "لدى" | "لدي" | "عن" | "من" | "باسم" | "ب" | "الى" | "مع"
                ) {
                    after_prep = true;
                    continue;
                }
                if is_role_word || definite {
                    continue;
                }
                // "لغرفة عمليات": an attached preposition continues the role
                if f.starts_with('ل') && f.chars().count() > 3 {
                    lam_at.get_or_insert(k);
                    after_prep = true;
                    continue;
                }
                name_at = Some(k);
                break;
            }
            // "وزيرة البيئة ليلى الشابي": no name after the role, so the
            // word taken for ل + noun was the name itself
            // (a short run at the end, without a further preposition)
            if name_at.is_none()
                && lam_at.is_some_and(|k| {
                    v.len() - k <= 3
                        && !t.fold_of(&t.tokens[v[k]]).starts_with("لل")
                        && v[k + 1..].iter().all(|&x| {
                            let f = t.fold_of(&t.tokens[x]);
                            !f.starts_with("بال") && !f.starts_with("لل")
                        })
                })
            {
                name_at = lam_at;
            }
            match name_at {
                Some(k) => {
                    // the name ends where a role word resumes:
                    // "العقيد ميلود الزوي المتحدث الرسمي"
                    let name_end = (k + 1..v.len())
                        .find(|&j| {
                            let f = t.fold_of(&t.tokens[v[j]]);
                            words.roles.contains(f)
                                && (f.starts_with("ال")
                                    || v.get(j + 1).is_some_and(|&x| {
                                        t.fold_of(&t.tokens[x]).starts_with("ال")
                                    }))
                        })
                        .unwrap_or(v.len());
                    // "المسؤول الإعلامي لغرفة عمليات عمر المختار التابعة
                    // للجيش الليبي عبدالكريم صبرا": a personal name holds no
                    // preposition; an undefined word before one names a body
                    // inside the role, and the name is the undefined word
                    // after the last preposition's phrase
                    let k = (k + 1..name_end)
                        .rev()
                        .find(|&j| {
                            let f = t.fold_of(&t.tokens[v[j]]);
                            f.starts_with("لل")
                                || f.starts_with("بال")
                                || matches!(f, "في" | "لدى" | "لدي" | "عن" | "من" | "الى" | "مع")
                        })
                        .and_then(|p| {
                            (p + 1..name_end).find(|&j| {
                                let f = t.fold_of(&t.tokens[v[j]]);
                                !f.starts_with("ال") && !words.roles.contains(f)
                            })
                        })
                        .unwrap_or(k);
                    let role = if k > 0 {
                        span_of(t, &v[..k])
                    } else {
                        span_of(t, &v[name_end..])
                    };
                    Mention {
                        role,
                        name: span_of(t, &v[k..name_end]),
                        ..mention
                    }
                }
                None => {
                    // "المصدر", "المسؤول": an unnamed source
                    let unnamed = v.len() <= 3 && words.anonymous.contains(strip_al(head));
                    Mention {
                        role: Some((start, end)),
                        kind: if unnamed {
                            SpeakerKind::Anonymous
                        } else {
                            SpeakerKind::Person
                        },
                        ..mention
                    }
                }
            }
        }
        _ => {
            let last = folded.last().copied().unwrap_or("");
            let head = folded
                .iter()
                .copied()
                .find(|f| !ARTICLES.contains(f))
                .unwrap_or("");
            let head_is_role = words.roles.contains(head) && !words.organizations.contains(head);
            // "the Turkish Ministry of Foreign Affairs", "le ministère de
            // l'Intérieur": a strong institution noun near the head, and no
            // person role anywhere
            let inst_at = folded.iter().take(3).position(|f| {
                matches!(
                    *f,
                    "ministry"
                        | "ministere"
                        | "department"
                        | "government"
                        | "gouvernement"
                        | "embassy"
                        | "ambassade"
                        | "commission"
                        | "committee"
                        | "comite"
                        | "council"
                        | "conseil"
                        | "court"
                        | "tribunal"
                        | "agency"
                        | "agence"
                )
            });
            let institution = inst_at.is_some_and(|at| {
                !folded[..at]
                    .iter()
                    .any(|f| words.roles.contains(*f) && !ARTICLES.contains(f))
                    // "Council member Rosa Delgado", "Commission President
                    // X", "le président du conseil": a person noun after the
                    // institution
                    && !folded[at + 1..].iter().any(|f| PERSON_HEADS.contains(f))
                    && !folded
                        .iter()
                        .any(|f| matches!(*f, "spokesman" | "spokeswoman" | "porte-parole"))
            });
            let org = !head_is_role
                && (institution
                    || words.organizations.contains(last)
                    || words.organizations.ends_words(&joined)
                    || words.organizations.contains(&joined));
            if org && institution {
                return Mention {
                    name: Some((start, end)),
                    kind: SpeakerKind::Organization,
                    ..mention
                };
            }
            let name_word = |x: usize| {
                is_capitalized(t, v[x])
                    && !words.roles.contains(folded[x])
                    && !ARTICLES.contains(&folded[x])
                    && !DETERMINERS.contains(&folded[x])
                    && !TITLES.contains(&folded[x])
            };
            // "Ursula Becker of consumer group BEUC": a name of two or more
            // words opening the mention, then its affiliation
            let lead = (0..v.len()).take_while(|&x| name_word(x)).count();
            if lead >= 2
                && lead + 1 < v.len()
                && matches!(folded[lead], "of" | "at" | "from")
                && v.len() > lead + 1
            {
                return Mention {
                    name: span_of(t, &v[..lead]),
                    role: span_of(t, &v[lead..]),
                    ..mention
                };
            }
            // trailing run of capitalized non-role words = the name; a
            // courtesy title ("M. Garnier", "Pr Lenoir") is not part of it
            let mut k = v.len();
            while k > 0
                && is_capitalized(t, v[k - 1])
                && !words.roles.contains(folded[k - 1])
                && !(k < v.len() && TITLES.contains(&folded[k - 1]))
            {
                k -= 1;
            }
            // a lowercase particle inside a surname: "Kim van Sparrentak",
            // "Ursula von der Leyen"
            while k >= 2
                && k < v.len()
                && matches!(
                    folded[k - 1],
                    "van" | "von" | "der" | "den" | "de" | "da" | "di"
                )
                && !is_capitalized(t, v[k - 1])
                && name_word(k - 2)
            {
                k -= 1;
                while k >= 2
                    && matches!(folded[k - 1], "van" | "von" | "der" | "den" | "de")
                    && !is_capitalized(t, v[k - 1])
                {
                    k -= 1;
                }
                while k > 0 && name_word(k - 1) {
                    k -= 1;
                }
            }
            // a capitalized particle inside a surname ("Mme Le Bihan",
            // "Ursula von der Leyen" is lowercase): "Le", "La", "De", "Du",
            // "Van", "Von", "Da", "Di" between a capitalized word and the name
            while k >= 2
                && k < v.len()
                && matches!(
                    folded[k - 1],
                    "le" | "la" | "de" | "du" | "van" | "von" | "da" | "di" | "del" | "al" | "el"
                )
                && is_capitalized(t, v[k - 1])
                && is_capitalized(t, v[k - 2])
                && !ARTICLES.contains(&folded[k - 2])
            {
                // "Mme Le Bihan": the title stays the role
                k -= 1;
                if !words.roles.contains(folded[k - 1]) && !TITLES.contains(&folded[k - 1]) {
                    while k > 0
                        && is_capitalized(t, v[k - 1])
                        && !words.roles.contains(folded[k - 1])
                        && !TITLES.contains(&folded[k - 1])
                    {
                        k -= 1;
                    }
                }
            }
            // "minister of the Interior Gerald X": the first capitalized word
            // after a connector completes the role
            if k > 0
                && k < v.len()
                && matches!(
                    folded[k - 1],
                    "of" | "de"
                        | "du"
                        | "des"
                        | "d'"
                        | "for"
                        | "at"
                        | "in"
                        | "au"
                        | "la"
                        | "l"
                        | "l'"
                        | "from"
                        | "on"
                        | "with"
                        | "to"
                        | "the"
                )
            {
                // an earlier run of two or more capitalized words is the
                // name and the rest an affiliation: "Cardinal Marc Ouellet
                // of the Holy See", "Joechen Zaumseil, vice-président de L'Oréal"
                let name_word =
                    |x: usize| is_capitalized(t, v[x]) && !words.roles.contains(folded[x]);
                let mut a = 0;
                let mut run = None;
                while a + 1 < k {
                    if name_word(a) {
                        let mut b = a;
                        while b + 1 < k && name_word(b) {
                            b += 1;
                        }
                        if b - a >= 2 {
                            run = Some((a, b));
                            break;
                        }
                        a = b.max(a + 1);
                    } else {
                        a += 1;
                    }
                }
                if let Some((a, b)) = run {
                    let role = if a > 0 {
                        span_of(t, &v[..a])
                    } else {
                        span_of(t, &v[b..])
                    };
                    return Mention {
                        name: span_of(t, &v[a..b]),
                        role,
                        ..mention
                    };
                }
                k += 1;
            }
            if org {
                return Mention {
                    name: Some((start, end)),
                    kind: SpeakerKind::Organization,
                    ..mention
                };
            }
            if k == v.len() {
                // no trailing name: maybe "Sadiq Khan, the mayor" handled by
                // apposition; a leading capitalized run is a name
                let mut j = 0;
                while j < v.len()
                    && is_capitalized(t, v[j])
                    && !words.roles.contains(folded[j])
                    && !DETERMINERS.contains(&folded[j])
                    && !ARTICLES.contains(&folded[j])
                {
                    j += 1;
                }
                if j > 0 && j < v.len() {
                    return Mention {
                        name: span_of(t, &v[..j]),
                        role: span_of(t, &v[j..]),
                        ..mention
                    };
                }
                if j == v.len() {
                    return Mention {
                        name: Some((start, end)),
                        ..mention
                    };
                }
                let anonymous = folded.iter().any(|f| words.anonymous.contains(f));
                return Mention {
                    role: Some((start, end)),
                    kind: if anonymous {
                        SpeakerKind::Anonymous
                    } else {
                        SpeakerKind::Person
                    },
                    ..mention
                };
            }
            // honorifics belong to neither side: "Mr Tong" -> name "Tong"
            let mut role_v = &v[..k];
            while let Some(&l) = role_v.last() {
                if matches!(
                    t.fold_of(&t.tokens[l]),
                    "mr" | "mrs" | "ms" | "dr" | "m" | "mme"
                ) {
                    role_v = &role_v[..role_v.len() - 1];
                } else {
                    break;
                }
            }
            let _ = is_arabic_letter;
            Mention {
                role: span_of(t, role_v),
                name: span_of(t, &v[k..]),
                ..mention
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::cues;

    /// `NarrativePersons::before(hi)` is `named_persons(t, 0, hi)` for
    /// every bound at or next to a token edge (where the runs' reach is
    /// decided), over the English and French evaluation dispatches and a
    /// text with roles before and after names.
    #[test]
    fn narrative_persons_match_named_persons_at_every_bound() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
        let mut texts: Vec<(String, Lang)> = vec![(
            "La ministre du Commerce, Sophie Béranger, a parlé. Martine Rochas, \
             boulangère à Villeurbanne, et Mme Claire Roy, puis Gwenaëlle Le Goff."
                .into(),
            Lang::Fr,
        )];
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let lang = match name.split('-').next() {
                Some("en") => Lang::En,
                Some("fr") => Lang::Fr,
                _ => continue,
            };
            if name.ends_with(".txt") {
                texts.push((std::fs::read_to_string(&path).unwrap(), lang));
            }
        }
        assert!(texts.len() > 10);
        let mut found = 0;
        for (body, lang) in &texts {
            let t = Text::new(body);
            let cached = NarrativePersons::new(&t, *lang);
            let mut bounds: Vec<usize> = t
                .tokens
                .iter()
                .flat_map(|x| [x.start, x.end, x.end + 1])
                .filter(|&b| b <= t.len())
                .collect();
            bounds.push(t.len());
            found += cached.before(&t, t.len(), *lang).len();
            for hi in bounds {
                assert_eq!(
                    cached.before(&t, hi, *lang),
                    named_persons(&t, 0, hi, *lang),
                    "bound {hi}"
                );
            }
        }
        assert!(found > 10, "only {found} persons named");
    }

    fn speaker(body: &str, lang: Lang) -> (Found, Text) {
        let t = Text::new(body);
        let c = cues::find(&t, &[lang]);
        let cue = c
            .iter()
            .rfind(|c| {
                matches!(
                    c.kind(),
                    CueKind::Speech | CueKind::According | CueKind::Circumstantial
                )
            })
            .copied();
        let f = match cue {
            Some(cue) => find(&t, &cue, 0, t.len(), &c, &[]),
            None => Found::None,
        };
        (f, t)
    }

    fn parts(body: &str, lang: Lang) -> (Option<String>, Option<String>, SpeakerKind) {
        let (f, t) = speaker(body, lang);
        match f {
            Found::Mention(m) => (
                m.name.map(|(s, e)| t.slice(s, e)),
                m.role.map(|(s, e)| t.slice(s, e)),
                m.kind,
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn arabic_verb_first_role_and_name() {
        assert_eq!(
            parts(
                "وقال المتحدث باسم الكرملين ديمتري بيسكوف: «لا تعليق»",
                Lang::Ar
            ),
            (
                Some("ديمتري بيسكوف".into()),
                Some("المتحدث باسم الكرملين".into()),
                SpeakerKind::Person
            )
        );
        assert_eq!(
            parts(
                "وقال رئيس الوزراء الأردني عبد الله النسور خلال الاجتماع إن",
                Lang::Ar
            ),
            (
                Some("عبد الله النسور".into()),
                Some("رئيس الوزراء الأردني".into()),
                SpeakerKind::Person
            )
        );
        assert_eq!(
            parts("وقال مسؤول أميركي رفيع المستوى إن", Lang::Ar).2,
            SpeakerKind::Anonymous
        );
        assert_eq!(parts("وقال البيان إن", Lang::Ar).2, SpeakerKind::Document);
        assert_eq!(
            parts("وقالت وزارة الخارجية في بيان إن", Lang::Ar).2,
            SpeakerKind::Organization
        );
        assert_eq!(speaker("وأضاف: «نعم»", Lang::Ar).0, Found::Bare);
    }

    #[test]
    fn english_subjects_both_orders() {
        assert_eq!(
            parts("\"No,\" said Kremlin spokesman Dmitry Peskov.", Lang::En),
            (
                Some("Dmitry Peskov".into()),
                Some("Kremlin spokesman".into()),
                SpeakerKind::Person
            )
        );
        assert_eq!(
            parts(
                "Prime Minister Theresa May said the deal was done.",
                Lang::En
            ),
            (
                Some("Theresa May".into()),
                Some("Prime Minister".into()),
                SpeakerKind::Person
            )
        );
        assert_eq!(
            parts("The mayor of London, Sadiq Khan, tweeted that", Lang::En),
            (
                Some("Sadiq Khan".into()),
                Some("The mayor of London".into()),
                SpeakerKind::Person
            )
        );
        assert_eq!(
            parts("The ministry said in a statement", Lang::En).2,
            SpeakerKind::Organization
        );
        assert_eq!(
            parts(
                "A senior official, who asked not to be named, said",
                Lang::En
            )
            .2,
            SpeakerKind::Anonymous
        );
        assert!(matches!(
            speaker("\"Yes,\" he said.", Lang::En).0,
            Found::Pronoun(..)
        ));
    }

    #[test]
    fn french_inversion_and_selon() {
        assert_eq!(
            parts("« C'est très excitant » indique Guido Tonelli.", Lang::Fr),
            (Some("Guido Tonelli".into()), None, SpeakerKind::Person)
        );
        assert!(matches!(
            speaker("« Non », a-t-il déclaré.", Lang::Fr).0,
            Found::Pronoun(..)
        ));
        assert_eq!(
            parts(
                "Selon le président du conseil, Michel Spiro, le boson",
                Lang::Fr
            )
            .1,
            Some("le président du conseil".into())
        );
    }
}
