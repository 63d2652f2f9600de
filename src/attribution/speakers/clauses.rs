//! English and French words between a subject and its speech verb, or
//! after it: passive agents, gerunds, bracketed acronyms, reduced relatives,
//! adverbial incises, participle phrases, recipients, fronted time phrases
//! and relative clauses. Helpers of [`super::find`].
//!
//! Owns: recognising those constructions around one cue.
//! Must not touch: splitting a mention into role and name (`analyse.rs`).

use super::*;

/// "he was told by Fisheries Minister Ana Lindqvist of ...", "the plan
/// was announced by Mayor Roy Park": an English passive speech verb whose
/// agent follows "by" is said by that agent, not by the subject before
/// it (the one who heard it). The agent is a run of capitalised words and
/// role nouns, with at least one capitalised word, right after "by".
pub(super) fn passive_by_agent(
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
pub(super) fn by_gerund(t: &Text, cue: &Cue, lo: usize) -> bool {
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
pub(super) fn bracketed_acronym_before(t: &Text, pos: usize, lo: usize) -> Option<usize> {
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
pub(super) fn object_relative_before(t: &Text, k: usize, lo: usize, words: &Words) -> bool {
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

/// The end of a short recipient phrase ("l'AFP", "la BBC", "des
/// journalistes") starting at `from`, when a subject phrase follows it.
/// "Le ministre a, par ailleurs, déclaré", "X avait, de son côté,
/// estimé": an adverbial set off by commas between the auxiliary and the
/// participle; the start of the auxiliary, so that the subject before it
/// is found.
pub(super) fn adverbial_incise_start(t: &Text, pos: usize, lo: usize) -> Option<usize> {
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
pub(super) fn participle_phrase_start(
    t: &Text,
    i: usize,
    lo: usize,
    words: &Words,
) -> Option<usize> {
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
pub(super) fn plural_subject_opener(w: &str) -> bool {
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

pub(super) fn skip_recipient(t: &Text, from: usize, hi: usize) -> usize {
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

/// Nouns for a person holding a post in an institution ("council member",
/// "committee chairman", "membre du conseil"), folded.
pub(super) const PERSON_HEADS: &[&str] = &[
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
pub(super) const SUBJECT_TIME_WORDS: &[&str] = &[
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
pub(super) fn fronted_time_phrase(t: &Text, a: usize, e: usize) -> bool {
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
pub(super) const TIME_WORDS: &[&str] = &[
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

/// "X, qui réclame" / "X, who said": up to four capitalized words before
/// the comma that precedes the relative pronoun.
pub(super) fn relative_antecedent(
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
pub(super) fn relative_after_inverted_subject(
    t: &Text,
    cue: &Cue,
    cues: &[Cue],
    lo: usize,
) -> bool {
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
