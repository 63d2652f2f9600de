//! Quotation or marked term: decides, for each top-level quote-marked span,
//! whether it is a direct quotation, a partial quotation (a fragment inside
//! reported speech) or a marked term (scare quotes, names, titles), and
//! which cue governs it.
//!
//! Owns: that decision. Must not touch: mark pairing, speaker analysis.

use crate::outlets::{gazetteer, is_ignorable};

use super::cues::{label_participle, Cue};
use super::indirect::told_verb;
use super::lexicon::{CueKind, Lang};
use super::marks::Marked;
use super::sentences::sentence_end_after;
use super::text::{is_arabic_letter, is_word_char, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Direct,
    Partial,
    Term,
}

/// The decision for one span.
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub class: Class,
    /// Index into the cue list of the governing cue.
    pub cue: Option<usize>,
}

/// Fragments of at most this many words without sentence punctuation are
/// marked terms unless a cue governs them.
const SHORT_WORDS: usize = 4;
/// A cue governs a quotation at most this many words away.
const MAX_GAP: usize = 25;

fn governs(k: CueKind) -> bool {
    matches!(
        k,
        CueKind::Speech | CueKind::Circumstantial | CueKind::According
    )
}

fn tokens_between(t: &Text, a: usize, b: usize) -> usize {
    if b <= a {
        return 0;
    }
    t.token_at_or_after(b)
        .saturating_sub(t.token_at_or_after(a))
}

/// Whether the whole content is one outlet name.
fn is_outlet_name(content: &str) -> bool {
    // A match covers at most `max_pattern_chars` characters other than the
    // diacritics and tatweel the gazetteer skips; more word characters than
    // that cannot all be covered by one match.
    let g = gazetteer();
    let mut n = 0;
    let mut strict = 0;
    for c in content.chars().filter(|&c| is_word_char(c)) {
        n += 1;
        if !is_ignorable(c) {
            strict += 1;
        }
    }
    if strict > g.max_pattern_chars() {
        return false;
    }
    let found = g.find_all(content);
    found.len() == 1 && {
        let m = found[0];
        let covered = content
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .filter(|&c| is_word_char(c))
            .count();
        covered == n
    }
}

/// Words that introduce a designation, not a quotation: "les partis dits
/// « modérés »", "the so-called "moderates"", "ما يسمى «...»".
const DESIGNATORS: &[&str] = &[
    "dits",
    "dite",
    "dites",
    "soi-disant",
    "so-called",
    "so",
    "called",
    "named",
    "dubbed",
    "titled",
    "entitled",
    "nicknamed",
    "baptise",
    "baptisee",
    "surnomme",
    "surnommee",
    "nomme",
    "nommee",
    "intitule",
    "intitulee",
    "يسمي",
    "بـ",
    "المسمي",
    "المسماه",
    "يعرف",
    "تعرف",
    "المعروف",
    "المعروفه",
    "عنوان",
    "بعنوان",
    // slogans and mottos: "sous le mot d'ordre « ... »", "under the slogan
    // "..."", "تحت شعار «...»", "أطلق عليها اسم «...»"
    "slogan",
    "slogans",
    "motto",
    "hashtag",
    "ordre",
    "devise",
    "mot-diese",
    "شعار",
    "بشعار",
    "اسم",
    "وسم",
];

/// Nouns that a proper name in quote marks follows as an apposition: "le
/// plan « Horizon 2030 »", "the operation "Iron Shield"", "عملية «درع
/// الحدود»". Folded; Arabic ones indefinite (in construct).
const NAMING_HEADS: &[&str] = &[
    "plan",
    "operation",
    "collectif",
    "parti",
    "mouvement",
    "programme",
    "projet",
    "campagne",
    "festival",
    "film",
    "serie",
    "feuilleton",
    "livre",
    "roman",
    "emission",
    "documentaire",
    "album",
    "chanson",
    "brigade",
    "dispositif",
    "label",
    "initiative",
    "application",
    "plateforme",
    "reseau",
    "coalition",
    "alliance",
    "liste",
    "association",
    "groupe",
    "affaire",
    "journal",
    "magazine",
    "quotidien",
    "hebdomadaire",
    "sommet",
    "forum",
    "exercice",
    "manoeuvres",
    "chaine",
    "site",
    "radio",
    "television",
    "revue",
    "mensuel",
    "channel",
    "website",
    "tabloid",
    "weekly",
    "paper",
    "broadcaster",
    "group",
    "party",
    "movement",
    "campaign",
    "program",
    "project",
    "app",
    "movie",
    "series",
    "show",
    "book",
    "song",
    "codenamed",
    "code-named",
    "newspaper",
    "daily",
    "exercise",
    "network",
    "platform",
    "عمليه",
    "حمله",
    "حزب",
    "حركه",
    "تنظيم",
    "جماعه",
    "مبادره",
    "برنامج",
    "مشروع",
    "مسلسل",
    "فيلم",
    "كتاب",
    "صحيفه",
    "جريده",
    "مجله",
    "قناه",
    "تحالف",
    "ائتلاف",
    "كتله",
    "قائمه",
    "مهرجان",
    "منصه",
    "تطبيق",
    "جمعيه",
    "مناورات",
    "تمرين",
    "فصيل",
    "كتائب",
    "لواء",
    // French names of texts, appeals, ships, places and teams: "l'appel
    // « Pas en notre nom »", "la loi « Climat »", "le navire « Ocean
    // Viking »"
    "appel",
    "petition",
    "tribune",
    "manifeste",
    "loi",
    "reforme",
    "pacte",
    "charte",
    "navire",
    "bateau",
    "mission",
    "sonde",
    "fusee",
    "satellite",
    "exposition",
    "spectacle",
    "concours",
    "prix",
    "cellule",
    "equipe",
    "marque",
    "quartier",
    "podcast",
    "compte",
    "surnom",
    "theme",
    // newspaper copy names fronts, prizes, events, venues and firms in
    // marks: "محور «...»", "جوائز «...»", "موقع «تويتر»", "شركة «...»"
    "محور",
    "جايزه",
    "جوايز",
    "معركه",
    "سوق",
    "معرض",
    "موقع",
    "شركه",
    "مركز",
    "نادي",
    "منتدي",
    "موتمر",
];

/// A short name in marks right after a naming noun ("le plan « Horizon
/// 2030 »"); in Latin script it opens with a capital or a digit (a
/// lowercase fragment after a noun is a partial quotation: "jugé ce plan
/// « irréaliste »").
fn named_by_head(t: &Text, open: usize, start: usize) -> bool {
    let k = t.tokens_before(open);
    let Some(p) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    if !t.only_ws_or(p.end, open, &[]) || !NAMING_HEADS.contains(&t.fold_of(p)) {
        return false;
    }
    let first = t.chars[start..].iter().find(|c| !c.is_whitespace());
    first.is_some_and(|&c| c.is_uppercase() || c.is_ascii_digit() || is_arabic_letter(c))
}

/// Whether the span in marks names something rather than quoting anyone:
/// one outlet name, a span after a designating verb ("dite", "baptisé",
/// "surnommé") or a capitalised span after a naming noun ("le plan «
/// Horizon »"). Such a span stays a marked term whoever the sentence's
/// subject is.
pub fn names_something(t: &Text, m: &Marked) -> bool {
    is_outlet_name(&t.slice(m.start, m.end))
        || designated(t, m.open)
        || named_by_head(t, m.open, m.start)
}

fn designated(t: &Text, open: usize) -> bool {
    let k = t.tokens_before(open);
    // "what it called "market speculation"", "ce qu'il a nommé « ... »": a
    // subject pronoun makes the verb a speech act, not a designation
    let speech_act = k >= 2
        && matches!(
            t.fold_of(&t.tokens[k - 2]),
            "it" | "he" | "she" | "they" | "we" | "i" | "il" | "elle" | "ils" | "elles"
        );
    if speech_act {
        return false;
    }
    if designated_by_dit(t, k, open) {
        return true;
    }
    k.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| {
            t.only_ws_or(p.end, open, &[])
                && (DESIGNATORS.contains(&t.fold_of(p))
                    || t.fold_of(p).ends_with("-called")
                    || (t.fold_of(p) == "ب"
                        && k >= 2
                        && matches!(
                            t.fold_of(&t.tokens[k - 2]),
                            "يعرف" | "المعروف" | "تعرف" | "يسمي"
                            // "المعروفة بـ«...»", "التي سميت بـ«...»"
                            | "المعروفه" | "سميت" | "سمي" | "المسماه" | "الملقب" | "الملقبه"
                            | "والمعروف" | "والمعروفه"
                        )))
        })
}

/// "The offer, described by ministers as "fair and final", ...", "lines
/// long described as "the forgotten network"", "The design was described
/// as "...": a label after "as" whose labelling verb, a few words back in
/// the sentence, is a participle or a passive (`cues::label_participle`)
/// is a marked term, even when a speech verb follows ("Engineers,
/// described by X as "the best in the world," said ..."). The finite
/// active ("X described Y as "..."") keeps its cue and makes a partial
/// quotation of X.
fn labelled_as(t: &Text, open: usize, lo: usize) -> bool {
    let k = t.tokens_before(open);
    let as_before = k
        .checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| t.fold_of(p) == "as" && t.only_ws_or(p.end, open, &[]));
    if !as_before {
        return false;
    }
    // the verb and its agent ("described by the main contractor as"): a
    // few words, within the sentence
    (k.saturating_sub(8)..k - 1)
        .rev()
        .take_while(|&i| t.tokens[i].start >= lo)
        .any(|i| label_participle(t, i))
}

/// Labels that credit a picture at the end of an image caption ("Image:
/// Voice of America.", "Photo: AFP"), folded.
const CAPTION_LABELS: &[&str] = &["image", "photo", "photograph", "picture", "credit"];

/// Whether `pos` is in an image caption: a short paragraph holding a
/// picture credit ("Protesters with a banner saying "put it to the
/// people". Image: Voice of America."). Gallery captions describe what a
/// picture shows; the words in marks on a banner, sign or poster are
/// marked terms, not quotations (tests/eval-real/README.md, decisions).
fn in_caption(t: &Text, pos: usize) -> bool {
    let (ps, pe) = t.paragraph_of(pos);
    let (a, b) = (t.token_at_or_after(ps), t.tokens_before(pe));
    if b <= a || b - a > 60 {
        return false;
    }
    t.tokens[a..b].iter().any(|tok| {
        CAPTION_LABELS.contains(&t.fold_of(tok))
            && t.chars[tok.start].is_uppercase()
            && t.chars.get(tok.end) == Some(&':')
            && tok.start >= pos
    })
}

/// "le quartier dit « des Abattoirs »", "l'accord dit « de Doha »": the
/// participle "dit" right after a noun designates; after an auxiliary or a
/// pronoun ("il a dit « ... »", "ils ont dit") it is the speech verb.
fn designated_by_dit(t: &Text, k: usize, open: usize) -> bool {
    let Some(p) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    if t.fold_of(p) != "dit" || !t.only_ws_or(p.end, open, &[]) {
        return false;
    }
    let Some(before) = k.checked_sub(2).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    let w = t.fold_of(before);
    let verbal = matches!(
        w,
        "a" | "ai"
            | "as"
            | "avons"
            | "avez"
            | "ont"
            | "avait"
            | "avaient"
            | "aurait"
            | "auraient"
            | "avoir"
            | "ayant"
            | "il"
            | "elle"
            | "on"
            | "ils"
            | "elles"
            | "je"
            | "j'"
            | "nous"
            | "vous"
            | "se"
            | "s'"
            | "lui"
            | "leur"
            | "l'"
            | "le"
            | "la"
            | "me"
            | "m'"
            | "te"
            | "t'"
            | "ne"
            | "n'"
            | "pas"
            | "jamais"
            | "deja"
            | "qui"
            | "qu'"
            | "que"
            | "est"
            | "etait"
            | "sont"
            | "fut"
            | "tout"
            | "bien"
            | "aussi"
    );
    !verbal && t.chars[before.start].is_lowercase() && before.end <= p.start
}

/// Whether a short span taken for a marked term, found inside reported
/// content, is rather the speaker's own words: Latin text opening in
/// lowercase (not a name), not introduced as a designation ("dits
/// « modérés »", "described as "moderate"").
pub fn reported_words(t: &Text, open: usize, start: usize) -> bool {
    let lower = t.chars[start..]
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_lowercase());
    let as_before = t
        .tokens_before(open)
        .checked_sub(1)
        .and_then(|k| t.tokens.get(k))
        .is_some_and(|p| matches!(t.fold_of(p), "as" | "comme"));
    lower && !as_before && !designated(t, open)
}

/// An opening mark that never closes ends at the speech cue that
/// interrupts it (tests/eval/README.md): "« Le régime a peur, a déclaré
/// son porte-parole": the span stops at the comma right before the cue.
pub fn cut_at_cue(t: &Text, m: Marked, cues: &[Cue]) -> Marked {
    if m.close.is_some() {
        return m;
    }
    let cut = cues.iter().find_map(|c| {
        if c.word_start <= m.start || c.word_start >= m.end || c.kind() != CueKind::Speech {
            return None;
        }
        let mut j = c.word_start;
        while j > m.start && t.chars[j - 1].is_whitespace() {
            j -= 1;
        }
        (j > m.start && matches!(t.chars[j - 1], ',' | '،')).then_some(j - 1)
    });
    match cut {
        Some(comma) => {
            let (s, e) = t.trim(m.start, comma);
            Marked {
                start: s,
                end: e,
                after: comma,
                ..m
            }
        }
        None => m,
    }
}

/// "« Nous sommes prêts, a affirmé le maire, mais rien n'est simple. »":
/// French copy sets a speech incise off by commas inside the guillemets of
/// one quotation. The passage is two quotations (a split quotation,
/// tests/eval/README.md) with the incise between them, outside both, so
/// that its cue names their speaker. Only a French verb right after a comma
/// (an inverted cue: "a affirmé le maire", "a-t-il ajouté", "explique-t-elle"),
/// a short incise closed by a comma or by the end of its sentence ("« ...,
/// insiste Marie Roux. Le gouvernement ... »"), and some words on both sides.
pub fn split_at_incise(t: &Text, m: Marked, cues: &[Cue]) -> Vec<Marked> {
    let Some(close) = m.close else {
        return vec![m];
    };
    let cue = cues.iter().find(|c| {
        c.entry.lang == Lang::Fr
            && c.kind() == CueKind::Speech
            && c.word_start > m.start
            && c.end < m.end
            && t.chars[m.start..c.word_start]
                .iter()
                .rev()
                .find(|ch| !ch.is_whitespace())
                .is_some_and(|&ch| {
                    ch == ','
                        // "« Pourquoi maintenant ? s'interroge X. ... »": a
                        // question or exclamation ends the first part, and
                        // the incise goes on in lowercase
                        || (matches!(ch, '?' | '!') && t.chars[c.word_start].is_lowercase())
                })
    });
    let Some(c) = cue else {
        return vec![m];
    };
    // where the first part ends: at the comma before the cue (dropped), or
    // after its question or exclamation mark (kept); then the comma closing
    // the incise (a name in apposition may add one: "a affirmé le maire,
    // Luc Vidal, mais")
    let mut sep = c.word_start;
    while sep > m.start && t.chars[sep - 1].is_whitespace() {
        sep -= 1;
    }
    let comma = match sep.checked_sub(1).map(|p| t.chars[p]) {
        Some(',') => sep - 1,
        _ => sep,
    };
    let commas: Vec<usize> = (c.end..m.end)
        .filter(|&i| t.chars[i] == ',')
        .take(2)
        .collect();
    // "« Nous avons tout essayé, insiste Marie Roux. Le gouvernement ne
    // nous écoute pas. »": the incise may also end its sentence, and the
    // quotation goes on with the next one
    let full_stop = sentence_end_after(&t.chars, c.end, m.end);
    if full_stop < m.end && commas.first().is_none_or(|&first| full_stop <= first) {
        return split_at_full_stop(t, m, close, (comma, c.end, full_stop));
    }
    let Some(&first) = commas.first() else {
        return vec![m];
    };
    if t.chars[c.end..first]
        .iter()
        .any(|&ch| matches!(ch, '.' | '!' | '?' | ';' | ':' | '«' | '»'))
        || tokens_between(t, c.end, first) > 8
        || tokens_between(t, m.start, comma) < 2
    {
        return vec![m];
    }
    // "..., a affirmé le maire, Luc Vidal, mais ...": a capitalized name
    // between the two commas belongs to the incise
    let resume = match commas.get(1) {
        Some(&second)
            if tokens_between(t, first + 1, second) <= 4
                && t.tokens[t.token_at_or_after(first + 1)..t.token_at_or_after(second)]
                    .iter()
                    .all(|tok| t.chars[tok.start].is_uppercase()) =>
        {
            second + 1
        }
        _ => first + 1,
    };
    let (s2, e2) = t.trim(resume, m.end);
    let (s1, e1) = t.trim(m.start, comma);
    if tokens_between(t, s2, e2) < 2 || s1 >= e1 {
        return vec![m];
    }
    split_in_two(&m, close, comma, (s1, e1), (s2, e2))
}

/// Whether the mark opening at `open` gives an example after "tel(le)s
/// que": "des pages telles que « suicide »", also the later items of the
/// list ("... « suicide » ou « permanganate »", "« a », « b » et « c »"),
/// walking back over the closed marks and the commas or "ou"/"et" between
/// them, not before `lo` (the sentence start).
pub(super) fn example_after_tel_que(t: &Text, open: usize, lo: usize) -> bool {
    let mut at = open;
    loop {
        let mut j = at;
        while j > lo && t.chars[j - 1].is_whitespace() {
            j -= 1;
        }
        let kb = t.tokens_before(j);
        let fold_at =
            |k: Option<usize>| k.and_then(|k| t.tokens.get(k)).map_or("", |p| t.fold_of(p));
        let prev = fold_at(kb.checked_sub(1));
        let word_before = kb
            .checked_sub(1)
            .and_then(|k| t.tokens.get(k))
            .is_some_and(|tok| t.only_ws_or(tok.end, j, &[]) && tok.start >= lo);
        if word_before
            && matches!(prev, "que" | "qu" | "qu'")
            && matches!(
                fold_at(kb.checked_sub(2)),
                "tel" | "telle" | "tels" | "telles"
            )
        {
            return true;
        }
        // the item before: "« a » ou", "« a »,"
        if word_before && matches!(prev, "ou" | "et") {
            if let Some(tok) = kb.checked_sub(1).and_then(|k| t.tokens.get(k)) {
                j = tok.start;
                while j > lo && t.chars[j - 1].is_whitespace() {
                    j -= 1;
                }
            }
        } else if j > lo && t.chars[j - 1] == ',' {
            j -= 1;
            while j > lo && t.chars[j - 1].is_whitespace() {
                j -= 1;
            }
        } else {
            return false;
        }
        if j <= lo || !matches!(t.chars[j - 1], '»' | '"' | '”') {
            return false;
        }
        // the opening mark of that item, on the same line
        let Some(o) = (lo..j - 1)
            .rev()
            .take_while(|&i| t.chars[i] != '\n')
            .find(|&i| super::marks::is_open_mark(t.chars[i]))
        else {
            return false;
        };
        at = o;
    }
}

/// The two quotations a passage `m` is split into around an incise: the
/// first, `first`, ends at the `comma` before the incise, without a closing
/// mark; the second, `second`, opens after the incise and keeps `m`'s
/// closing mark `close`.
fn split_in_two(
    m: &Marked,
    close: usize,
    comma: usize,
    first: (usize, usize),
    second: (usize, usize),
) -> Vec<Marked> {
    vec![
        Marked {
            open: m.open,
            close: None,
            start: first.0,
            end: first.1,
            after: comma,
        },
        Marked {
            open: second.0,
            close: Some(close),
            start: second.0,
            end: second.1,
            after: m.after,
        },
    ]
}

/// The second case of [`split_at_incise`]: an incise that ends its
/// sentence (`incise` = the comma before the cue, the cue's end, and the
/// code point after the full stop). The passage is two quotations when the
/// incise is short and plain and both sides hold some words; the second
/// opens its own sentence, so it continues the speaker the incise names.
fn split_at_full_stop(
    t: &Text,
    m: Marked,
    close: usize,
    (comma, cue_end, stop): (usize, usize, usize),
) -> Vec<Marked> {
    let incise_ok = stop > cue_end
        && !t.chars[cue_end..stop - 1]
            .iter()
            .any(|&ch| matches!(ch, ';' | ':' | '«' | '»' | '"' | '“' | '”'))
        && tokens_between(t, cue_end, stop) <= 8
        && tokens_between(t, m.start, comma) >= 2;
    let (s1, e1) = t.trim(m.start, comma);
    let (s2, e2) = t.trim(stop, m.end);
    if !incise_ok || s1 >= e1 || tokens_between(t, s2, e2) < 2 {
        return vec![m];
    }
    split_in_two(&m, close, comma, (s1, e1), (s2, e2))
}

/// "a raconté avoir écrit « ... »", "dit avoir dénoncé « ... »": a
/// participle after "avoir" that a speech verb governs is part of what is
/// reported; the governing cue (and its subject) is that verb's.
fn infinitive_under_cue(t: &Text, c: &Cue, cues: &[Cue]) -> bool {
    if c.entry.lang != Lang::Fr {
        return false;
    }
    let k = t.tokens_before(c.word_start);
    let Some(aux) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    if !matches!(t.fold_of(aux), "avoir" | "d'avoir" | "etre" | "d'etre") {
        return false;
    }
    cues.iter().any(|d| {
        d.kind() == CueKind::Speech && d.end <= aux.start && t.only_ws_or(d.end, aux.start, &[])
    })
}

pub fn classify(
    t: &Text,
    m: &Marked,
    sentence: (usize, usize),
    cues: &[Cue],
    blocked: &[(usize, usize)],
) -> Decision {
    let (lo, hi) = sentence;
    let content = t.slice(m.start, m.end);
    let words = t.token_at_or_after(m.end) - t.token_at_or_after(m.start);
    let has_punct = content
        .chars()
        .any(|c| matches!(c, '.' | '!' | '?' | '؟' | '،' | ',' | ':' | ';' | '\n'));
    let short = words <= SHORT_WORDS && !has_punct;
    let term = Decision {
        class: Class::Term,
        cue: None,
    };
    if is_outlet_name(&content)
        || designated(t, m.open)
        || labelled_as(t, m.open, lo)
        || in_caption(t, m.open)
        || example_after_tel_que(t, m.open, lo)
    {
        return term;
    }
    if (short || (words <= 6 && !has_punct)) && named_by_head(t, m.open, m.start) {
        return term;
    }
    let inside_other = |p: usize| blocked.iter().any(|&(s, e)| s <= p && p < e);
    // nearest governing cue before the mark, in the sentence
    let pre = cues
        .iter()
        .enumerate()
        .rev()
        .find(|(_, c)| {
            c.end <= m.open
                && c.start >= lo
                && (governs(c.kind()) || told_verb(t, c))
                && !inside_other(c.start)
                && !infinitive_under_cue(t, c, cues)
        })
        .filter(|(_, c)| tokens_between(t, c.end, m.open) <= MAX_GAP);
    // first governing cue after the mark, close to it
    let post = cues
        .iter()
        .enumerate()
        .find(|(_, c)| {
            c.start >= m.after
                && c.start < hi
                && (governs(c.kind()) || told_verb(t, c))
                && !inside_other(c.start)
        })
        .filter(|(_, c)| {
            tokens_between(t, m.after, c.word_start) <= 6
                && !blocked
                    .iter()
                    .any(|&(s, _)| s >= m.after && s < c.word_start)
        });
    let before = {
        let mut j = m.open;
        while j > lo && t.chars[j - 1].is_whitespace() {
            j -= 1;
        }
        (j > lo).then(|| t.chars[j - 1])
    };
    let colon = matches!(before, Some(':'));
    let post_adjacent =
        post.is_some_and(|(_, c)| t.only_ws_or(m.after, c.word_start, &[',', '،', '.', '-', '—']));

    if let Some((pi, pc)) = pre {
        // complementizer between the cue and the mark
        let that = cues
            .iter()
            .rfind(|c| c.kind() == CueKind::That && c.start >= pc.end && c.end <= m.open);
        let gap_from = that.map(|c| c.end).unwrap_or(pc.end);
        let gap = tokens_between(t, gap_from, m.open);
        let arabic = pc.entry.lang == Lang::Ar;
        // Arabic verb-first: the words after the verb name the speaker
        let speaker_zone = that.is_none() && !colon && arabic && pc.kind() == CueKind::Speech;
        if short {
            // "a déclaré au « Parisien »", "dans un entretien à « Libération
            // »": a capitalized name right after the recipient preposition
            // of a "told" cue is an outlet
            let capital = t.chars[m.start..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_uppercase());
            if !arabic && capital && pc.kind() == CueKind::Told && gap <= 1 {
                return term;
            }
            // "Le ministre a défendu mardi devant les députés le « bouclier
            // tarifaire »": a noun phrase with a definite article, away from
            // the verb, names something; "a appelé à la « libération »" is a
            // partial quotation
            let definite = t
                .tokens_before(m.open)
                .checked_sub(1)
                .and_then(|k| t.tokens.get(k))
                .is_some_and(|p| {
                    matches!(t.fold_of(p), "le" | "la" | "les" | "l'" | "l" | "the")
                        && t.only_ws_or(p.end, m.open, &[])
                });
            if !arabic && that.is_none() && definite && gap > 3 {
                return term;
            }
            // "وبينت «سابك»": a short span in the speaker zone names the
            // speaker, it is not what was said
            // "Selon X, ... « ... »": past the comma that closes the
            // attribution phrase, the span is inside the reported content
            let according_zone = pc.kind() == CueKind::According
                && !t.chars[pc.end..m.open]
                    .iter()
                    .any(|&c| matches!(c, ',' | '،'));
            if speaker_zone || according_zone {
                return term;
            }
            if colon && !post_adjacent {
                return Decision {
                    class: Class::Direct,
                    cue: Some(pi),
                };
            }
            return Decision {
                class: Class::Partial,
                cue: Some(pi),
            };
        }
        let embedded = if that.is_some() {
            gap > 0
        } else if arabic || colon {
            false
        } else {
            // "X said it was "..."": words between the verb and the mark
            // that are not the inverted subject
            gap > 0 && !matches!(before, Some(',') | Some('،'))
        };
        return Decision {
            class: if embedded {
                Class::Partial
            } else {
                Class::Direct
            },
            cue: Some(pi),
        };
    }
    if let Some((qi, qc)) = post {
        // "Le collectif « Ciel bleu » a appelé", "the group "Southern Front"
        // said": a short span inside the subject, directly before the verb
        // with no comma, after other words of the sentence: a name
        let latin = qc.entry.lang != Lang::Ar;
        if latin
            && short
            && t.only_ws_or(m.after, qc.word_start, &[])
            && !t.only_ws_or(lo, m.open, &['-', '—', '–'])
        {
            return term;
        }
        if short
            && (qc.kind() == CueKind::According || tokens_between(t, m.after, qc.word_start) > 3)
        {
            return term;
        }
        return Decision {
            class: if short && !post_adjacent {
                Class::Partial
            } else {
                Class::Direct
            },
            cue: Some(qi),
        };
    }
    if short && !colon {
        return term;
    }
    Decision {
        class: Class::Direct,
        cue: None,
    }
}
