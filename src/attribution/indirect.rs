//! Indirect (reported) speech: a speech cue followed, within its sentence,
//! by a complementizer ("قال ... إن", "أكد أن", "said (that)", "a déclaré
//! que") opens reported content that runs to the end of the sentence, or to
//! the first direct quotation inside it.
//!
//! Owns: finding reported-content spans. Must not touch: quote marks
//! pairing, speaker analysis.

use super::cues::Cue;
use super::lexicon::{lexicon, CueKind, Lang};
use super::sentences::sentence_index;
use super::text::{is_word_char, Text};

/// One reported-content span and the index of its cue.
#[derive(Debug, Clone, Copy)]
pub struct Reported {
    pub cue: usize,
    pub start: usize,
    pub end: usize,
}

/// At most this many words between the verb and its complementizer (the
/// speaker mention and circumstances sit there).
const MAX_TO_THAT: usize = 14;
const MIN_WORDS: usize = 2;

/// `direct` are the spans (open mark .. after) of direct quotations, which
/// reported content must not run into; `blocked` all quote-marked spans.
pub fn find(
    t: &Text,
    cues: &[Cue],
    sents: &[(usize, usize)],
    direct: &[(usize, usize)],
    blocked: &[(usize, usize)],
) -> Vec<Reported> {
    let mut out: Vec<Reported> = Vec::new();
    let inside = |p: usize| blocked.iter().any(|&(s, e)| s <= p && p < e);
    for (ci, c) in cues.iter().enumerate() {
        // "وبحسب وكالة إنترفاكس، فإن ...", "ونقلاً عن ...، فإن ...": an
        // Arabic attribution phrase whose content opens with فإن
        let according_ar = c.kind() == CueKind::According && c.entry.lang == Lang::Ar;
        if !(matches!(c.kind(), CueKind::Speech | CueKind::Circumstantial)
            || told_verb(t, c)
            || according_ar)
            || inside(c.start)
        {
            continue;
        }
        let Some(si) = sentence_index(sents, c.start) else {
            continue;
        };
        let (lo, hi) = sents[si];
        if out.last().is_some_and(|r| r.end > c.start) {
            continue;
        }
        if impersonal_yudhkar(t, c, cues.get(ci + 1), lo) {
            continue;
        }
        // the complementizer: the first "that" after the cue, before any
        // other speech cue or quote mark
        let mut content_start = None;
        for d in &cues[ci + 1..] {
            if d.start >= hi || inside(d.start) {
                break;
            }
            if d.kind() == CueKind::That {
                let gap = t.token_at_or_after(d.start) - t.token_at_or_after(c.end);
                let fa = d.word_start < d.start && t.chars[d.word_start] == 'ف'
                    || qawluhu_before(t, d.word_start);
                if (gap <= MAX_TO_THAT || comma_before_that(t, c, d, gap)) && (!according_ar || fa)
                {
                    content_start = Some(d.end);
                }
                break;
            }
            if matches!(d.kind(), CueKind::Speech | CueKind::Circumstantial) {
                break;
            }
        }
        // "X said he would ..." / "X a dit ...": no complementizer
        if content_start.is_none() && c.entry.lang == Lang::En && c.kind() == CueKind::Speech {
            content_start = zero_that(t, c, hi);
        }
        // "Most traders, Echeverría said, had already priced in a pause":
        // a cue set off by commas inside the reported clause; the content
        // is what follows it
        if content_start.is_none() && c.entry.lang != Lang::Ar && c.kind() == CueKind::Speech {
            content_start = inserted_cue(t, c, lo, hi);
        }
        let Some(cs) = content_start else { continue };
        let mut end = hi;
        // a new speech clause ends the content ("..., وأوضح عباس")
        if let Some(next) = cues[ci + 1..].iter().find(|d| {
            d.start >= cs
                && d.start < hi
                && matches!(
                    d.kind(),
                    CueKind::Speech | CueKind::According | CueKind::Circumstantial
                )
                && !inside(d.start)
                && !according_incise(t, d, hi)
                && (d.word_start < d.start
                    || t.chars[..d.word_start]
                        .iter()
                        .rev()
                        .find(|c| !c.is_whitespace())
                        .is_some_and(|&c| matches!(c, ',' | '،' | ';' | '؛'))
                    || new_clause_start(t, d.word_start, cs).is_some())
        }) {
            end = new_clause_start(t, next.word_start, cs).unwrap_or(next.word_start);
        }
        // "..., فيما أكدت الوزيرة أن ..." / "..., while X said": a contrastive
        // connector before a new speech cue ends the content
        if let Some(next) = cues[ci + 1..].iter().find(|d| {
            d.start >= cs
                && d.start < end
                && d.kind() == CueKind::Speech
                && !inside(d.start)
                && t.token_at_or_after(d.word_start)
                    .checked_sub(1)
                    .and_then(|k| t.tokens.get(k))
                    .is_some_and(|p| CONTRAST.contains(&t.fold_of(p)))
        }) {
            let k = t.token_at_or_after(next.word_start).saturating_sub(1);
            end = t.tokens.get(k).map_or(next.word_start, |p| p.start);
        }
        for &(ds, _) in direct {
            if ds >= cs && ds < end {
                end = ds;
            }
        }
        // a marked span opening right at the content start: a quotation
        let (s, mut e) = t.trim(cs, end);
        // (a name in marks opening the content is no quotation:
        // "وأوضح أن «نخيل» ستفتتح ...")
        if s < e && !is_word_char(t.chars[s]) && inside(s) && !name_in_marks_at(t, s, blocked) {
            continue;
        }
        while e > s
            && matches!(
                t.chars[e - 1],
                '.' | ',' | '،' | ';' | ':' | '-' | '—' | ' '
            )
        {
            e -= 1;
        }
        let (s, e) = t.trim(s, e);
        let words = t.token_at_or_after(e) - t.token_at_or_after(s);
        if words < MIN_WORDS {
            continue;
        }
        // "…إن …، وإن …" / "that …, and that …": a repeated complementizer
        // starts a separate content under the same cue
        let mut from = s;
        for d in cues[ci + 1..]
            .iter()
            .filter(|d| d.kind() == CueKind::That && d.start > s && d.end < e && !inside(d.start))
        {
            if !repeated_that(t, from, d) {
                continue;
            }
            // cut before the conjunction ("... niveau et que ...")
            let cut = t
                .token_at_or_after(d.word_start)
                .checked_sub(1)
                .and_then(|k| t.tokens.get(k))
                .filter(|p| matches!(t.fold_of(p), "and" | "et") && p.start >= from)
                .map_or(d.word_start, |p| p.start);
            let (a, mut b) = t.trim(from, cut);
            while b > a && matches!(t.chars[b - 1], ',' | '،' | ';' | ' ') {
                b -= 1;
            }
            if t.token_at_or_after(b) - t.token_at_or_after(a) >= MIN_WORDS {
                out.push(Reported {
                    cue: ci,
                    start: a,
                    end: b,
                });
                from = t.trim(d.end, e).0;
            }
        }
        out.push(Reported {
            cue: ci,
            start: from,
            end: e,
        });
    }
    // Latin scripts: content before a post-posed cue ("..., a rapporté
    // l'OSDH", "..., TASS reported") and after a sentence-initial "Selon X,"
    // / "According to X,"
    for (ci, c) in cues.iter().enumerate() {
        if c.entry.lang == Lang::Ar || inside(c.start) {
            continue;
        }
        let Some(si) = sentence_index(sents, c.start) else {
            continue;
        };
        let (lo, hi) = sents[si];
        // a post-posed cue ends its sentence: only the subject or a short
        // circumstance follows it ("..., a rapporté l'OSDH.", "..., TASS
        // reported on Monday.")
        // French verb-subject inversion right after the comma ("..., a
        // annoncé samedi le ministère des Affaires étrangères dans un
        // communiqué") carries a longer subject and circumstance
        let tail = t.token_at_or_after(hi) - t.token_at_or_after(c.end);
        let inverted_fr = c.entry.lang == Lang::Fr
            && t.chars[lo..c.word_start]
                .iter()
                .rev()
                .find(|ch| !ch.is_whitespace())
                .is_some_and(|&ch| ch == ',');
        // "X, publié hier, précise : « ... »": a cue opening a quotation
        // after a colon is not post-posed
        let opens_quote = t.chars[c.end..hi]
            .iter()
            .find(|ch| !ch.is_whitespace())
            .is_some_and(|&ch| matches!(ch, ':' | '«' | '"' | '“'));
        let tail_short = !opens_quote
            && (tail <= 8 || (inverted_fr && tail <= 12))
            && !cues
                .iter()
                .any(|d| d.start >= c.end && d.start < hi && d.kind() == CueKind::That);
        // "..., reported by The Times" is passive, not a post-posed cue
        let passive = t
            .tokens
            .get(t.token_at_or_after(c.end))
            .is_some_and(|n| matches!(t.fold_of(n), "by" | "par"))
            || (1..=2).any(|back| {
                t.tokens_before(c.word_start)
                    .checked_sub(back)
                    .and_then(|k| t.tokens.get(k))
                    .is_some_and(|p| {
                        matches!(
                            t.fold_of(p),
                            "was" | "were" | "is" | "are" | "be" | "been" | "being" | "ete"
                        )
                    })
            });
        // "Pressed on whether ..., Hale said": a participial opener
        // (after a dateline: "BEIJING, March 12 (Xinhua) -- China ...")
        let first = dateline_end(t, lo, c.word_start).unwrap_or(lo);
        let opener = t.tokens.get(t.token_at_or_after(first)).is_some_and(|f| {
            let w = t.fold_of(f);
            c.entry.lang == Lang::En
                && (w.ends_with("ed") || w.ends_with("ing") || w == "asked" || w == "when")
        });
        let span = match c.kind() {
            CueKind::Speech if tail_short && !passive && !opener => postposed(t, c, lo),
            // "..., a indiqué à Reuters un porte-parole", "..., ont déclaré
            // à l'AFP deux sources proches du dossier": a French "told"
            // verb inverted after the content, the recipient then the
            // subject after it
            CueKind::Told
                if c.entry.lang == Lang::Fr
                    && told_verb(t, c)
                    && inverted_fr
                    && tail_short
                    && !passive =>
            {
                postposed(t, c, lo)
            }
            CueKind::According if t.only_ws_or(lo, c.word_start, &['-', '—']) => {
                preposed_according(t, c, hi)
            }
            _ => None,
        };
        let Some((a, b)) = span else { continue };
        // "Another analyst, who ..., said the market was ...": a cue that
        // governs a content after it is not post-posed
        if c.kind() == CueKind::Speech
            && out
                .iter()
                .any(|r| r.cue == ci && t.chars.get(r.start).is_some_and(|ch| ch.is_lowercase()))
        {
            continue;
        }
        // a dateline opening the sentence ("ALGER (APS) - ...") is not
        // part of the content
        let a = dateline_end(t, a, b).unwrap_or(a);
        let b = colon_quote_after_according(t, c, direct, a, b).unwrap_or(b);
        let (a, mut b) = t.trim(a, b);
        while b > a && matches!(t.chars[b - 1], '.' | ',' | ';' | ':' | ' ') {
            b -= 1;
        }
        if t.token_at_or_after(b) - t.token_at_or_after(a) < min_content_tokens(c)
            || !is_word_char(t.chars[a])
            || t.chars[a..b].windows(2).enumerate().any(|(i, w)| {
                // a dash or bracket of a dateline, not an acronym in
                // brackets later in the content ("(TANAP)")
                matches!(w, [' ', '-' | '—' | '–'])
                    || (w[0] == '(' && (i < 40 || !w[1].is_uppercase()))
            })
            || inside(a)
            || direct.iter().any(|&(ds, de)| ds < b && a < de)
            || out.iter().any(|r| r.start < b && a < r.end)
            || cues.iter().any(|d| {
                d.start >= a
                    && d.start < b
                    && !inside(d.start)
                    && d.kind() != CueKind::Told
                    && d.kind() != CueKind::According
                    // "Selon X, les partenaires s'inquiètent d'un retour
                    // ...": a verb of the content that reports nothing
                    && (c.kind() != CueKind::According || reports_inside(t, cues, d, b))
            })
        {
            continue;
        }
        out.push(Reported {
            cue: ci,
            start: a,
            end: b,
        });
    }
    out.extend(arabic_postposed_according(
        t, cues, sents, direct, blocked, &out,
    ));
    out.sort_by_key(|r| r.start);
    out
}

/// Newspaper copy sets a long apposition off by commas between the verb
/// and its complementizer ("ويرى X، أستاذ ... ومؤلف كتاب «...»، أن",
/// "ولفت المدير ...، في لقاء مع ... عقد ...، إلى أن"): an Arabic
/// complementizer right after a comma (or after "، إلى") still belongs
/// to the verb up to twice the usual distance.
fn comma_before_that(t: &Text, c: &Cue, d: &Cue, gap: usize) -> bool {
    if c.entry.lang != Lang::Ar || gap > 2 * MAX_TO_THAT {
        return false;
    }
    let k = t.tokens_before(d.word_start);
    let mut at = d.word_start;
    if let Some(p) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) {
        if matches!(t.fold_of(p), "الي" | "علي" | "من") && t.only_ws_or(p.end, d.word_start, &[])
        {
            at = p.start;
        }
    }
    t.chars[..at]
        .iter()
        .rev()
        .find(|ch| !ch.is_whitespace())
        .is_some_and(|&ch| matches!(ch, ',' | '،'))
}

/// "أعادت الفرق فتح الطريق ...، وفق الدفاع المدني.", "وأفرج عن
/// الموقوفين بكفالة ...، بحسب الشرطة.": an Arabic attribution phrase
/// closing its sentence after a comma reports the clause before it. The
/// phrase must be short (the source and a few words), the content at least
/// six words with no speech cue, quotation or reported span of its own.
fn arabic_postposed_according(
    t: &Text,
    cues: &[Cue],
    sents: &[(usize, usize)],
    direct: &[(usize, usize)],
    blocked: &[(usize, usize)],
    found: &[Reported],
) -> Vec<Reported> {
    let inside = |p: usize| blocked.iter().any(|&(s, e)| s <= p && p < e);
    let mut out = Vec::new();
    for (ci, c) in cues.iter().enumerate() {
        if c.entry.lang != Lang::Ar || c.kind() != CueKind::According || inside(c.start) {
            continue;
        }
        let Some(si) = sentence_index(sents, c.start) else {
            continue;
        };
        let (lo, hi) = sents[si];
        // right after a comma
        let comma = (lo..c.word_start)
            .rev()
            .find(|&i| !t.chars[i].is_whitespace())
            .filter(|&i| matches!(t.chars[i], ',' | '،'));
        let Some(comma) = comma else { continue };
        // a short tail: the source, no clause, no quotation after it
        let tail = t.token_at_or_after(hi) - t.token_at_or_after(c.end);
        let quoted_tail = t.chars[c.end..hi]
            .iter()
            .any(|ch| matches!(ch, ':' | '«' | '"' | '“' | '،' | ','));
        if tail == 0 || tail > 5 || quoted_tail {
            continue;
        }
        if cues
            .iter()
            .any(|d| d.start >= c.end && d.start < hi && d.kind() == CueKind::That)
        {
            continue;
        }
        let (a, mut b) = t.trim(lo, comma);
        while b > a && matches!(t.chars[b - 1], '.' | ',' | '،' | ';' | ':' | ' ') {
            b -= 1;
        }
        if a >= b
            || t.token_at_or_after(b) - t.token_at_or_after(a) < 6
            || !is_word_char(t.chars[a])
            || inside(a)
            || direct.iter().any(|&(ds, de)| ds < b && a < de)
            || found.iter().any(|r| r.start < b && a < r.end)
            || cues.iter().any(|d| {
                d.start >= a
                    && d.start < b
                    && !inside(d.start)
                    && matches!(
                        d.kind(),
                        CueKind::Speech | CueKind::Circumstantial | CueKind::According
                    )
            })
        {
            continue;
        }
        out.push(Reported {
            cue: ci,
            start: a,
            end: b,
        });
    }
    out
}

/// The content start after a cue inserted between commas in its clause:
/// "<words>, <subject> said, <content>." (a short subject, or none for a
/// French cue carrying its pronoun: "..., a-t-il estimé, ...").
fn inserted_cue(t: &Text, c: &Cue, lo: usize, hi: usize) -> Option<usize> {
    let mut after = c.end;
    while after < hi && t.chars[after] == ' ' {
        after += 1;
    }
    if after >= hi || t.chars[after] != ',' {
        return None;
    }
    // the comma before the subject, with only words (and the hyphens,
    // apostrophes and abbreviation dots inside them) in between
    let comma = (lo..c.word_start).rev().find(|&i| {
        let ch = t.chars[i];
        !is_word_char(ch) && !matches!(ch, ' ' | '-' | '.' | '\'' | '’')
    })?;
    if t.chars[comma] != ',' {
        return None;
    }
    let subject = t.token_at_or_after(c.word_start) - t.token_at_or_after(comma);
    let ok_subject = if c.entry.pronoun {
        subject == 0
    } else {
        (1..=5).contains(&subject)
    };
    // words of the clause before it, none of them quoted
    let opening = t.token_at_or_after(comma) - t.token_at_or_after(lo);
    let quoted = t.chars[lo..comma]
        .iter()
        .any(|&ch| matches!(ch, '"' | '“' | '”' | '«' | '»' | ','));
    if !ok_subject || opening == 0 || opening > 8 || quoted {
        return None;
    }
    let cs = after + 1;
    let words = t.token_at_or_after(hi) - t.token_at_or_after(cs);
    (words >= MIN_WORDS).then_some(cs)
}

/// The end of a dateline ("PARIS (AFP) -", "ALGER, 5 mars (APS) —")
/// opening `a..b`: a spaced dash within the first few words, with no
/// sentence punctuation before it.
pub(super) fn dateline_end(t: &Text, a: usize, b: usize) -> Option<usize> {
    let limit = t
        .tokens
        .get(t.token_at_or_after(a) + 6)
        .map_or(b, |tok| tok.start.min(b));
    // Every dateline found below has a dash in `a + 1..limit` (a doubled
    // hyphen's first one included); most sentences have none among their
    // first words, and one scan for it answers them without the tests at
    // every char.
    let has_dash = t
        .chars
        .get(a + 1..limit)
        .is_some_and(|w| w.iter().any(|c| matches!(c, '-' | '—' | '–')));
    if !has_dash {
        return None;
    }
    (a + 1..limit).find_map(|i| {
        // "BEIJING, March 12 (Xinhua) -- China ...": a doubled hyphen too
        let double = t.chars[i] == '-' && t.chars.get(i + 1) == Some(&'-');
        let i = if double { i + 1 } else { i };
        let before = if double { i - 2 } else { i - 1 };
        (matches!(t.chars[i], '-' | '—' | '–')
            && t.chars[before] == ' '
            && t.chars.get(i + 1) == Some(&' ')
            && !(a..i).any(|j| match t.chars[j] {
                '!' | '?' | ':' => true,
                // "OMAHA, Neb. (AP) —", "WASHINGTON, D.C. —": a state or
                // initials, not a sentence end
                '.' => !abbreviation_dot(t, a, j),
                _ => false,
            }))
        .then_some(i + 1)
    })
}

/// A dot closing a short capitalized abbreviation ("Neb.", "D.C.") after `a`.
fn abbreviation_dot(t: &Text, a: usize, dot: usize) -> bool {
    let mut s = dot;
    while s > a && (t.chars[s - 1].is_alphabetic() || t.chars[s - 1] == '.') {
        s -= 1;
    }
    let word = &t.chars[s..dot];
    !word.is_empty()
        && word.len() <= 5
        && word[0].is_uppercase()
        && t.chars.get(dot + 1).is_none_or(|c| *c == ' ' || *c == '.')
}

/// "..., but warned that", "..., and she accused", "..., mais il a
/// ajouté": a coordinated speech clause after a comma (a connector, then
/// an optional subject pronoun and auxiliary before the verb at `ws`);
/// the position of the comma. An English quantifier subject ("... and
/// several said", "and some of them said") opens a new clause even with
/// no comma; then the position of the connector.
fn new_clause_start(t: &Text, ws: usize, from: usize) -> Option<usize> {
    let mut k = t.tokens_before(ws);
    let mut seen_connector = false;
    let mut quantifier = false;
    for _ in 0..4 {
        let tok = t.tokens.get(k.checked_sub(1)?)?;
        if tok.start < from {
            return None;
        }
        let f = t.fold_of(tok);
        match f {
            "and" | "but" | "et" | "mais" => {
                seen_connector = true;
                k -= 1;
                break;
            }
            "he" | "she" | "they" | "it" | "we" | "il" | "elle" | "ils" | "elles" | "a" | "ont"
            | "has" | "had" | "also" => k -= 1,
            "several" | "some" | "many" | "others" | "most" | "few" | "of" | "them" => {
                quantifier |= f != "of" && f != "them";
                k -= 1;
            }
            _ => return None,
        }
    }
    if !seen_connector {
        return None;
    }
    let tok = t.tokens.get(k)?;
    if quantifier {
        return Some(tok.start);
    }
    let mut j = tok.start;
    while j > from && t.chars[j - 1].is_whitespace() {
        j -= 1;
    }
    (j > from && t.chars[j - 1] == ',').then_some(j - 1)
}

/// A "told" cue that is itself a finite verb ("told", "a déclaré à",
/// "confie à"), which can govern reported content.
pub(super) fn told_verb(t: &Text, c: &Cue) -> bool {
    if c.kind() != CueKind::Told || c.entry.lang == Lang::Ar {
        return false;
    }
    let w = t.str(c.start, c.end).to_lowercase();
    matches!(w.as_str(), "told" | "tells" | "said to")
        || (c.entry.lang == Lang::Fr
            && (w.ends_with(" à") || w.ends_with(" au") || w.ends_with(" aux"))
            && !w.starts_with("dans "))
}

/// "يذكر أن المحطة تغذي ...", "ويُذكر أن ...": at the start of a sentence
/// and right before its complementizer, "يذكر" is the impersonal "it is
/// worth recalling that", the writer's background, not a report of what
/// someone said (a speaker would stand between the verb and أن).
fn impersonal_yudhkar(t: &Text, c: &Cue, next: Option<&Cue>, lo: usize) -> bool {
    c.entry.lang == Lang::Ar
        && t.folded_str(c.start, c.end) == "يذكر"
        && t.only_ws_or(lo, c.word_start, &['-', '—'])
        && next.is_some_and(|d| d.kind() == CueKind::That && t.only_ws_or(c.end, d.word_start, &[]))
}

/// "نقلت الوكالة عن الوزير قوله إن": the verbal noun قول with a pronoun
/// right before the complementizer.
pub fn qawluhu_before(t: &Text, pos: usize) -> bool {
    let k = t.tokens_before(pos);
    k.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| {
            let f = t.fold_of(p).trim_start_matches('ب');
            f.len() > "قول".len() && f.starts_with("قول")
        })
}

/// "<content>, a rapporté l'OSDH" / "<content>, TASS news agency
/// reported": the sentence up to the comma before the cue (or before a
/// short subject in front of it).
fn postposed(t: &Text, c: &Cue, lo: usize) -> Option<(usize, usize)> {
    let k = t.tokens_before(c.word_start);
    // at most seven subject words between the comma and the verb ("three
    // people familiar with the matter said")
    let mut j = k;
    let mut comma = None;
    while j > 0 && k - j <= 7 {
        let tok = &t.tokens[j - 1];
        if tok.end <= lo {
            break;
        }
        let after = if j == k {
            c.word_start
        } else {
            t.tokens[j].start
        };
        let gap: String = t.chars[tok.end..after].iter().collect();
        if gap.contains(',') {
            comma = Some(tok.end + gap.find(',').map_or(0, |x| gap[..x].chars().count()));
            break;
        }
        if gap.chars().any(|ch| !ch.is_whitespace()) {
            return None;
        }
        j -= 1;
    }
    let comma = comma?;
    // "The union's spokesman, Karel Dvorak, said": the part before the
    // comma ends in a name in apposition, it is the subject
    let inner_comma = (lo..comma).rev().find(|&i| t.chars[i] == ',');
    // "Jean-Marc Lacoste, 56 ans, installé à Gujan-Mestras, a répondu": a
    // name opening the sentence before its appositions is the subject
    // (after a dateline, whose own comma is no apposition: "NEW YORK, ...")
    let flo = dateline_end(t, lo, comma).unwrap_or(lo);
    if let Some(fc) = (flo..comma).find(|&i| t.chars[i] == ',') {
        let (a, b) = (t.token_at_or_after(flo), t.tokens_before(fc));
        if a < b
            && (2..=4).contains(&(b - a))
            && t.tokens[a..b]
                .iter()
                .all(|tok| t.chars[tok.start].is_uppercase())
        {
            return None;
        }
    }
    if let Some(ic) = inner_comma {
        let (a, b) = (t.token_at_or_after(ic), t.tokens_before(comma));
        if a < b
            && t.tokens[a..b]
                .iter()
                .all(|tok| t.chars[tok.start].is_uppercase())
        {
            return None;
        }
        // "Sophie Garnier, 34 ans, a raconté": a short apposition after a
        // capitalized name
        let named = t
            .tokens_before(ic)
            .checked_sub(1)
            .and_then(|k| t.tokens.get(k))
            .is_some_and(|tok| t.chars[tok.start].is_uppercase());
        if a < b && b - a <= 5 && named {
            return None;
        }
        // "Le parti « Renouveau », deuxième formation de la coalition, a
        // annoncé": a short subject opening the sentence (an article and a
        // name, or a name in marks), then its apposition
        let hlo = dateline_end(t, lo, ic).unwrap_or(lo);
        let (ha, hb) = (t.token_at_or_after(hlo), t.tokens_before(ic));
        let head = if ha < hb { &t.tokens[ha..hb] } else { &[][..] };
        let name_in_marks = (lo..ic)
            .rev()
            .find(|&i| !t.chars[i].is_whitespace())
            .is_some_and(|i| matches!(t.chars[i], '»' | '"' | '”'));
        if !head.is_empty()
            && head.len() <= 4
            && matches!(
                t.fold_of(&head[0]),
                "le" | "la" | "les" | "l'" | "l" | "the"
            )
            && (named || name_in_marks)
        {
            return None;
        }
    }
    // the subject words must not be the content itself: none lowercase-only
    // verbs; an inverted French verb has no words in between
    Some((lo, comma))
}

/// "Selon Enedis, cité par franceinfo, près de 500 000 foyers ...": the
/// content after the last comma within a few words of the cue.
fn preposed_according(t: &Text, c: &Cue, hi: usize) -> Option<(usize, usize)> {
    let first = t.token_at_or_after(c.end);
    let mut from = None;
    for k in first..(first + 14).min(t.tokens.len()) {
        let tok = &t.tokens[k];
        if tok.start >= hi {
            break;
        }
        // "Selon la Direction générale de l'aviation civile (DGAC), ..."
        let comma_at = if t.chars.get(tok.end) == Some(&')') {
            tok.end + 1
        } else {
            tok.end
        };
        if t.chars.get(comma_at) != Some(&',') {
            continue;
        }
        from = Some(comma_at + 1);
        // an apposition on the source ("Selon X, cité par Y, ...") goes on
        // to the next comma
        let appositive = t.tokens.get(k + 1).is_some_and(|n| {
            matches!(
                t.fold_of(n),
                "cite"
                    | "citee"
                    | "cites"
                    | "joint"
                    | "jointe"
                    | "contacte"
                    | "contactee"
                    | "interroge"
                    | "interrogee"
                    | "cited"
                    | "quoted"
                    | "speaking"
                    | "who"
                    | "qui"
                    | "which"
                    | "dont"
            )
        });
        if !appositive && !name_apposition(t, k + 1, hi) {
            break;
        }
    }
    Some((from?, hi))
}

/// "Selon X, le boson va permettre ... : « Nous avons ... »": a
/// quotation after a colon closes the content of a sentence-initial French
/// attribution phrase; the content ends at the colon (the quotation is a
/// direct one of the same source).
fn colon_quote_after_according(
    t: &Text,
    c: &Cue,
    direct: &[(usize, usize)],
    a: usize,
    b: usize,
) -> Option<usize> {
    if c.kind() != CueKind::According || c.entry.lang != Lang::Fr {
        return None;
    }
    let &(ds, _) = direct.iter().find(|&&(ds, _)| ds > a && ds < b)?;
    let colon = (a..ds)
        .rev()
        .find(|&i| !t.chars[i].is_whitespace() && !super::marks::is_open_mark(t.chars[i]))?;
    (t.chars[colon] == ':').then_some(colon)
}

/// The fewest tokens of a content before a post-posed cue or after a
/// sentence-initial attribution phrase. "Selon X, <clause>" / "D'après X,
/// <clause>" is unambiguous once its comma is found, so a short clause
/// ("Selon la police, trois personnes ont été blessées") is reported
/// speech too; a post-posed cue needs a longer content to tell it from
/// narration.
fn min_content_tokens(c: &Cue) -> usize {
    if c.kind() == CueKind::According && c.entry.lang == Lang::Fr {
        3
    } else {
        6
    }
}

/// "Selon le directeur de l'hôpital, Marc Petit, les urgences ...": after
/// the comma at token `k`, a short run of capitalized words (a name, with
/// its particles) closed by another comma is an apposition on the source,
/// not the start of the content.
fn name_apposition(t: &Text, k: usize, hi: usize) -> bool {
    let mut n = 0;
    for tok in t.tokens.iter().skip(k).take(6) {
        if tok.start >= hi {
            return false;
        }
        let first = t.chars[tok.start];
        let particle = matches!(
            t.fold_of(tok),
            "de" | "du" | "d'" | "d" | "van" | "von" | "ben" | "el" | "al"
        );
        if !(first.is_uppercase() || (particle && n > 0)) {
            return false;
        }
        n += 1;
        if t.chars.get(tok.end) == Some(&',') {
            return (1..=4).contains(&n);
        }
    }
    false
}

/// ", selon lui, ..." / ", d'après elle, ...": an attribution incise set
/// off by commas inside a reported clause repeats its source; it does not
/// start a new report (so it does not end the content it sits in).
fn according_incise(t: &Text, d: &Cue, hi: usize) -> bool {
    if d.kind() != CueKind::According || d.entry.lang != Lang::Fr {
        return false;
    }
    let comma_before = t.chars[..d.word_start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| c == ',');
    let first = t.token_at_or_after(d.end);
    let comma_after = t
        .tokens
        .iter()
        .skip(first)
        .take(3)
        .take_while(|tok| tok.start < hi)
        .any(|tok| t.chars.get(tok.end) == Some(&','));
    comma_before && comma_after
}

/// Connectors that open a new, contrasting report within a sentence.
const CONTRAST: &[&str] = &["فيما", "بينما", "while", "whereas", "tandis"];

/// A complementizer that repeats the first one: after a comma and "و" /
/// "and" / "et" ("، وإن", ", and that", ", et que").
fn repeated_that(t: &Text, from: usize, d: &super::cues::Cue) -> bool {
    if d.start <= from {
        return false;
    }
    let k = t.token_at_or_after(d.word_start);
    let attached_wa = d.word_start < d.start && t.chars[d.word_start] == 'و';
    let (before, conj_ok) = if attached_wa {
        (d.word_start, true)
    } else {
        match k.checked_sub(1).and_then(|i| t.tokens.get(i)) {
            Some(p) if matches!(t.fold_of(p), "and" | "et" | "و") => (p.start, true),
            _ => (d.word_start, false),
        }
    };
    // "a expliqué que ... et que ...": in Latin script the conjunction alone
    // repeats the complementizer
    let latin = d.entry.lang != Lang::Ar && !attached_wa;
    conj_ok
        && (latin
            || t.chars[..before]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| matches!(c, ',' | '،' | ';' | '؛')))
}

/// Whether cue `d`, inside a content ending at `end`, reports speech of its
/// own: a complementizer or a quote mark follows it, or a comma precedes it
/// (a post-posed cue).
fn reports_inside(t: &Text, cues: &[Cue], d: &Cue, end: usize) -> bool {
    let that_after = cues.iter().any(|x| {
        x.kind() == CueKind::That
            && x.start >= d.end
            && x.start < end
            && t.token_at_or_after(x.start) - t.token_at_or_after(d.end) <= MAX_TO_THAT
    });
    let mark_or_colon_after = t.chars[d.end..end]
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| matches!(c, ':' | '«' | '"' | '“'));
    let comma_before = t.chars[..d.word_start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| matches!(c, ',' | '،'));
    that_after || mark_or_colon_after || comma_before
}

/// English "said" with its subject before it and a clause right after:
/// the content starts at the next word.
fn zero_that(t: &Text, c: &Cue, hi: usize) -> Option<usize> {
    let w = t.str(c.start, c.end).to_lowercase();
    if !matches!(
        w.as_str(),
        "said"
            | "says"
            | "told"
            | "added"
            | "warned"
            | "insisted"
            | "argued"
            | "claimed"
            | "stressed"
            | "noted"
            | "explained"
            | "confirmed"
            | "admitted"
            | "announced"
            | "stated"
            | "believes"
            | "thinks"
            // Wikinews and feature copy drop "that" after these too
            // ("X indicated 68 people were missing", "the agency denies the
            // two blasts are related"); all take plain objects as well, so
            // they are object-prone below
            | "indicated"
            | "denies"
            | "denied"
            | "maintained"
            | "estimated"
            | "promised"
            | "claims"
            | "reported"
    ) {
        return None;
    }
    // subject right before the verb
    let ti = t.tokens_before(c.word_start);
    let prev = t.tokens.get(ti.checked_sub(1)?)?;
    if !(prev.end..c.word_start).all(|i| matches!(t.chars[i], ' ' | ',' | ')')) {
        return None;
    }
    let mut i = t.token_at_or_after(c.end);
    let words = lexicon().words(Lang::En);
    // "told reporters" / "told AFP": skip the addressee
    let mut from = c.end;
    if w == "told" {
        // only a one-word addressee: "told reporters", "told AFP"
        let addressee = t.tokens.get(i)?;
        let a = t.fold_of(addressee);
        let known = matches!(
            a,
            "reporters"
                | "journalists"
                | "us"
                | "me"
                | "him"
                | "her"
                | "them"
                | "lawmakers"
                | "parliament"
                | "congress"
                | "supporters"
                | "residents"
                | "police"
                | "investigators"
        ) || crate::outlets::gazetteer()
            .canonical_id(t.str(addressee.start, addressee.end))
            .is_some();
        if !known {
            return None;
        }
        from = addressee.end;
        i += 1;
    }
    // "said on Sunday he would ...", "said yesterday the plan ...": a time
    // adverbial before the clause
    let day = |k: usize| {
        t.tokens.get(k).is_some_and(|x| {
            matches!(
                t.fold_of(x),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "week"
                    | "month"
                    | "night"
                    | "year"
            )
        })
    };
    match t.tokens.get(i).map(|x| t.fold_of(x)) {
        Some("yesterday" | "today" | "tonight" | "earlier" | "later") => {
            from = t.tokens[i].end;
            i += 1;
        }
        Some("on" | "last") if day(i + 1) => {
            from = t.tokens[i + 1].end;
            i += 2;
        }
        _ => {}
    }
    let next = t.tokens.get(i)?;
    if next.start >= hi || !(from..next.start).all(|k| t.chars[k] == ' ') {
        return None;
    }
    let f = t.fold_of(next);
    // "said at least 30 people had been killed": a quantifier opening the
    // subject
    let quantifier = f == "at"
        && t.tokens
            .get(i + 1)
            .is_some_and(|x| matches!(t.fold_of(x), "least" | "most"));
    if (words.stop.contains(f)
        && !words.pronouns.contains(f)
        && !quantifier
        && !demonstrative_subject(t, i))
        || f == "that"
    {
        return None;
    }
    // "she told reporters outside the gates.": a place adverbial, no clause
    if matches!(
        f,
        "outside" | "inside" | "near" | "behind" | "amid" | "across" | "following" | "upon"
    ) {
        return None;
    }
    // verbs that also take a plain object ("announced a curfew", "confirmed
    // the deal"): a clause needs a finite auxiliary or copula before the
    // next comma
    let object_prone = matches!(
        w.as_str(),
        "announced"
            | "confirmed"
            | "admitted"
            | "noted"
            | "explained"
            | "stressed"
            | "claimed"
            | "stated"
            | "indicated"
            | "denies"
            | "denied"
            | "maintained"
            | "estimated"
            | "promised"
            | "claims"
            | "reported"
    );
    if object_prone {
        let finite = t.tokens[i..]
            .iter()
            .take_while(|tok| tok.start < hi && !t.chars[from..tok.start].contains(&','))
            .take(12)
            .enumerate()
            .any(|(k, tok)| {
                let f = t.fold_of(tok);
                // a past-tense verb after the subject ("a fourth suspect
                // escaped")
                (k > 0 && f.len() > 4 && f.ends_with("ed") && t.chars[tok.start].is_lowercase())
                    || matches!(
                        f,
                        "is" | "are"
                            | "was"
                            | "were"
                            | "will"
                            | "would"
                            | "had"
                            | "has"
                            | "have"
                            | "could"
                            | "can"
                            | "should"
                            | "may"
                            | "might"
                            | "must"
                            | "did"
                            | "does"
                            | "do"
                    )
            });
        if !finite {
            return None;
        }
    }
    Some(next.start)
}

/// Whether the mark opening at `s` encloses a name that is the subject of
/// the content rather than the content itself: the clause goes on with
/// words right after the closing mark ("أن «نخيل» ستفتتح ..."), where a
/// quoted content is followed by punctuation or the end of the sentence.
fn name_in_marks_at(t: &Text, s: usize, blocked: &[(usize, usize)]) -> bool {
    if t.chars[s] != '«' {
        return false;
    }
    let Some(&(_, after)) = blocked.iter().find(|&&(o, _)| o == s) else {
        return false;
    };
    let words = t.token_at_or_after(after.saturating_sub(1)) - t.token_at_or_after(s);
    words <= 4
        && t.chars[after.min(t.len())..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| is_word_char(c))
}

/// "He estimated this would take a day", "but said this too was unrelated":
/// a demonstrative opening the reported clause is its subject, unlike "said
/// this week" (a time adverbial, which the stop list keeps out).
fn demonstrative_subject(t: &Text, i: usize) -> bool {
    let is = |k: usize, w: &[&str]| t.tokens.get(k).is_some_and(|x| w.contains(&t.fold_of(x)));
    is(i, &["this"])
        && !is(
            i + 1,
            &[
                "week",
                "month",
                "year",
                "morning",
                "afternoon",
                "evening",
                "weekend",
                "time",
                "summer",
                "winter",
                "spring",
                "autumn",
                "fall",
                "season",
                "quarter",
            ],
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`dateline_end`] before its scan for a dash: the tests at every
    /// char of the first words.
    fn dateline_end_reference(t: &Text, a: usize, b: usize) -> Option<usize> {
        let limit = t
            .tokens
            .get(t.token_at_or_after(a) + 6)
            .map_or(b, |tok| tok.start.min(b));
        (a + 1..limit).find_map(|i| {
            let double = t.chars[i] == '-' && t.chars.get(i + 1) == Some(&'-');
            let i = if double { i + 1 } else { i };
            let before = if double { i - 2 } else { i - 1 };
            (matches!(t.chars[i], '-' | '—' | '–')
                && t.chars[before] == ' '
                && t.chars.get(i + 1) == Some(&' ')
                && !(a..i).any(|j| match t.chars[j] {
                    '!' | '?' | ':' => true,
                    '.' => !abbreviation_dot(t, a, j),
                    _ => false,
                }))
            .then_some(i + 1)
        })
    }

    #[test]
    fn dateline_end_after_the_dash() {
        for (s, want) in [
            ("PARIS (AFP) - Le ministre a dit", Some(13)),
            ("BEIJING, March 12 (Xinhua) -- China said", Some(29)),
            ("OMAHA, Neb. (AP) — The company", Some(18)),
            ("He said: yes - no", None),
            ("No dash in these first words at all", None),
            ("", None),
        ] {
            let t = Text::new(s);
            assert_eq!(dateline_end(&t, 0, t.len()), want, "{s:?}");
            assert_eq!(dateline_end_reference(&t, 0, t.len()), want, "{s:?}");
        }
    }

    proptest::proptest! {
        /// Datelines and sentences from pieces (dashes of every kind,
        /// doubled hyphens, abbreviations, sentence marks), every start and
        /// end.
        #[test]
        fn dateline_end_answers_as_the_reference(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "PARIS", "(AFP)", "-", "--", "—", "–", "Neb.", "D.C.", "le", "dit",
                    "a-t-il", "!", "?", ":", ".", "5", "mars", "X.", "«",
                ]),
                0..12,
            ),
            sep in proptest::sample::select(vec![" ", "  ", ", ", "-"]),
        ) {
            let s = pieces.join(sep);
            let t = Text::new(&s);
            for a in 0..=t.len() {
                for b in a..=t.len() {
                    proptest::prop_assert_eq!(
                        dateline_end(&t, a, b),
                        dateline_end_reference(&t, a, b),
                        "{:?} {} {}", s, a, b
                    );
                }
            }
        }
    }
}
