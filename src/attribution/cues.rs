//! Speech cues found in the body: one aho-corasick pass of the lexicon over
//! the folded text, kept only at word boundaries (Arabic proclitics allowed
//! where the lexicon says so), in the languages of the dispatch.
//!
//! Owns: where cues are. Must not touch: speakers, quotes.

use super::lexicon::{lexicon, CueKind, Entry, Lang};
use super::text::{is_arabic_letter, is_arabic_mark, is_word_char, Text};

/// One cue occurrence.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    /// Code points of the cue itself (without an attached proclitic).
    pub start: usize,
    pub end: usize,
    /// Start including an attached proclitic ("وقال").
    pub word_start: usize,
    pub entry: Entry,
}

impl Cue {
    pub fn kind(&self) -> CueKind {
        self.entry.kind
    }
}

/// All cues, in text order, not overlapping.
pub fn find(t: &Text, langs: &[Lang]) -> Vec<Cue> {
    let lex = lexicon();
    let Some(ac) = lex.automaton.as_ref() else {
        return Vec::new();
    };
    let chars = &t.chars;
    let mut out: Vec<Cue> = Vec::new();
    for m in ac.find_overlapping_iter_safe(&t.folded) {
        let Some(entry) = lex.entries.get(m.0).copied() else {
            continue;
        };
        if !langs.contains(&entry.lang) {
            continue;
        }
        let (s, mut e) = t.orig_span(m.1, m.2);
        if s >= e {
            continue;
        }
        // trailing diacritics (tanwin after alef) belong to the word
        while e < chars.len() && is_arabic_mark(chars[e]) {
            e += 1;
        }
        if entry.end_boundary && chars.get(e).is_some_and(|&c| is_word_char(c)) {
            continue;
        }
        let first_is_word = is_word_char(chars[s]);
        let mut ws = s;
        if first_is_word {
            let mut clitics = 0;
            while ws > 0
                && clitics < 2
                && entry.proclitics.contains(chars[ws - 1])
                && is_arabic_letter(chars[s])
            {
                ws -= 1;
                clitics += 1;
            }
            if ws > 0 && is_word_char(chars[ws - 1]) {
                continue;
            }
        }
        // "طلب عدم ذكر اسمه", "دون الكشف": a verbal noun, not a verb
        if entry.lang == Lang::Ar && ws == s && after_negating_noun(t, ws) {
            continue;
        }
        // a finite verb never carries tanwin: "طالباً" is not "طالبا"
        if entry.lang == Lang::Ar
            && entry.kind == CueKind::Speech
            && chars[s..e]
                .iter()
                .any(|&c| matches!(c, '\u{064B}'..='\u{064D}'))
        {
            continue;
        }
        // "the offer, described by ministers as "fair and final"", "was
        // described as "...": a labelling verb used as a participle or a
        // passive names no speaker; the marks after it are a marked term
        if entry.lang == Lang::En
            && entry.kind == CueKind::Speech
            && label_participle(t, t.token_at_or_after(s))
        {
            continue;
        }
        // "l'alerte a été levée", "une alerte orange", "en alerte": a
        // speech verb that is also a noun, right after a determiner or a
        // preposition, is the noun
        if entry.lang == Lang::Fr && entry.kind == CueKind::Speech && french_noun_use(t, s, e) {
            continue;
        }
        // "le niveau a été relevé", "l'arrêté a été annoncé": a bare
        // participle after "été" is a passive, no report by anyone
        if entry.lang == Lang::Fr && entry.kind == CueKind::Speech && french_passive(t, s) {
            continue;
        }
        // "des mesures telles que « ... »", "le maire ainsi que le préfet":
        // a comparative "que", no complementizer of a report
        if entry.lang == Lang::Fr && entry.kind == CueKind::That && after_comparative(t, s) {
            continue;
        }
        if let Some(last) = out.last() {
            if last.end > ws {
                // keep the longer of two overlapping cues
                if e - ws > last.end - last.word_start {
                    out.pop();
                } else {
                    continue;
                }
            }
        }
        out.push(Cue {
            start: s,
            end: e,
            word_start: ws,
            entry,
        });
    }
    out
}

/// English verbs that put a label on something ("described Y as",
/// "termed it", "labelled a ..."): transitive, so an active use always has
/// an object between the verb and "as" or the label.
const LABEL_VERBS: &[&str] = &[
    "described",
    "characterized",
    "characterised",
    "termed",
    "labelled",
    "labeled",
    "branded",
];

/// Adverbs that may stand between an auxiliary and a participle ("was long
/// described", "has often been termed") or before a reduced relative
/// ("groups once described as").
fn label_adverb(w: &str) -> bool {
    matches!(
        w,
        "long" | "once" | "often" | "also" | "still" | "widely" | "variously" | "frequently"
    ) || (w.len() > 4 && w.ends_with("ly"))
}

/// Whether token `k`, a labelling verb, is a participle or a passive rather
/// than a finite active verb with a speaker subject (the "described"
/// convention of `tests/eval/README.md`):
///
/// - directly followed by "by" or "as": no object, so not active ("The
///   offer, described by ministers as "...", "rebels long described as
///   "..."");
/// - after a form of "be" (an adverb may come between): a passive ("was
///   described as", "has been widely labelled").
///
/// "Critics have described the plan as "..."", "X, who described it as
/// "..."" and "X on Tuesday described Y as "..."" stay speech verbs: their
/// subject is the speaker of a partial quotation.
pub(super) fn label_participle(t: &Text, k: usize) -> bool {
    let Some(verb) = t.tokens.get(k) else {
        return false;
    };
    if !LABEL_VERBS.contains(&t.fold_of(verb)) {
        return false;
    }
    let next_is = |w: &[&str]| {
        t.tokens
            .get(k + 1)
            .is_some_and(|n| t.only_ws_or(verb.end, n.start, &[]) && w.contains(&t.fold_of(n)))
    };
    if next_is(&["by", "as"]) {
        return true;
    }
    // walk back over adverbs to the word that governs the verb
    let mut j = k;
    while j > 0 && j + 3 > k && label_adverb(t.fold_of(&t.tokens[j - 1])) {
        j -= 1;
    }
    j.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| {
            t.only_ws_or(p.end, t.tokens[j].start, &[])
                && matches!(
                    t.fold_of(p),
                    "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "got"
                )
        })
}

/// French speech verbs whose bare form (present or participle, folded: no
/// accents) is also a noun or an adjective ("l'alerte", "une annonce", "la
/// note", "le juge", "par écrit", "sa demande" for "demandé").
const FR_NOUN_HOMOGRAPHS: &[&str] = &[
    "alerte",
    "annonce",
    "note",
    "critique",
    "juge",
    "estime",
    "lance",
    "souffle",
    "tranche",
    "peste",
    "tonne",
    "nuance",
    "replique",
    "tacle",
    "releve",
    "ecrit",
    "promis",
    "prevenu",
    "accuse",
    "jure",
    "demande",
    "resume",
    "reclame",
    "repris",
    "recommande",
    "murmure",
    "lache",
    "analyse",
    "remarque",
    "avance",
    "tempete",
];

/// Words after which a noun, never a finite verb, comes: determiners and
/// prepositions (folded; "d'", "qu'" are "d", "qu").
const FR_NOUN_ONLY_BEFORE: &[&str] = &[
    "un", "une", "des", "du", "de", "d", "au", "aux", "ce", "cet", "cette", "ces", "son", "sa",
    "ses", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "ton", "ta", "tes", "chaque", "par",
    "pour", "sans", "sur", "sous", "avec", "dans", "apres", "avant", "contre", "vers", "entre",
    "quel", "quelle", "toute",
];

/// Determiners that are also object pronouns ("il l'annonce", "elle en
/// témoigne", "il leur annonce"): a noun after them unless the word before
/// them makes them pronouns.
const FR_DET_OR_PRONOUN: &[&str] = &["l", "le", "la", "les", "en", "leur"];

/// Words before an object pronoun that make the next word a verb: subject
/// pronouns, negation, "comme l'annonce X", "ce que le note X".
const FR_VERB_BEFORE_PRONOUN: &[&str] = &[
    "il", "elle", "on", "ils", "elles", "je", "j", "nous", "vous", "tu", "ne", "n", "comme", "que",
    "qu",
];

/// Whether the French cue `[s, e)`, a bare noun homograph (no auxiliary, no
/// inverted pronoun), follows a determiner or a preposition: then it is
/// the noun ("l'alerte a été levée", "une alerte orange", "en alerte").
fn french_noun_use(t: &Text, s: usize, e: usize) -> bool {
    let word = t.folded_str(s, e);
    if !FR_NOUN_HOMOGRAPHS.contains(&word) {
        return false;
    }
    let k = t.tokens_before(s);
    let Some(prev) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    // the determiner must be the word right before ("l'", "une ")
    if !t.only_ws_or(prev.end, s, &['\'', '\u{2019}']) {
        return false;
    }
    let p = t.fold_of(prev);
    if FR_NOUN_ONLY_BEFORE.contains(&p) {
        return true;
    }
    if !FR_DET_OR_PRONOUN.contains(&p) {
        return false;
    }
    let before = k
        .checked_sub(2)
        .and_then(|i| t.tokens.get(i))
        .filter(|b| t.only_ws_or(b.end, prev.start, &['\'', '\u{2019}']));
    !before.is_some_and(|b| FR_VERB_BEFORE_PRONOUN.contains(&t.fold_of(b)))
}

/// Whether the French "que" at `s` follows "tel(le)(s)" or "ainsi": "telles
/// que" gives examples and "ainsi que" adds an item, neither opens the
/// content of a report.
fn after_comparative(t: &Text, s: usize) -> bool {
    let k = t.tokens_before(s);
    k.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| {
            t.only_ws_or(p.end, s, &[])
                && matches!(t.fold_of(p), "tel" | "telle" | "tels" | "telles" | "ainsi")
        })
}

/// Whether the French cue starting at `s` follows "été" right before it
/// ("a été relevé", "avaient été annoncés"): the passive of a speech verb
/// reports nothing said by its subject. A cue matched with its own
/// auxiliary ("a relevé") never follows "été".
fn french_passive(t: &Text, s: usize) -> bool {
    let k = t.tokens_before(s);
    k.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| t.only_ws_or(p.end, s, &[]) && matches!(t.fold_of(p), "ete" | "été"))
}

/// Whether the word before `ws` is "عدم" / "دون" (then a verb form is a
/// verbal noun: "عدم ذكر اسمه").
fn after_negating_noun(t: &Text, ws: usize) -> bool {
    let k = t.tokens_before(ws);
    k.checked_sub(1)
        .and_then(|i| t.tokens.get(i))
        .is_some_and(|p| {
            matches!(t.fold_of(p), "عدم" | "دون" | "بدون")
                && t.chars[p.end..ws].iter().all(|c| c.is_whitespace())
        })
}

/// Overlapping search returning (pattern, byte start, byte end) triples,
/// sorted by start then longest first.
trait SafeOverlap {
    fn find_overlapping_iter_safe(&self, hay: &str) -> Vec<(usize, usize, usize)>;
}

impl SafeOverlap for aho_corasick::AhoCorasick {
    fn find_overlapping_iter_safe(&self, hay: &str) -> Vec<(usize, usize, usize)> {
        // The automaton is leftmost-longest (overlapping search needs the
        // standard kind), so search non-overlapping from every word start.
        let mut out = Vec::new();
        let bytes = hay.as_bytes();
        let mut pos = 0;
        while pos < hay.len() {
            let input = aho_corasick::Input::new(hay)
                .span(pos..hay.len())
                .anchored(aho_corasick::Anchored::No);
            let Some(m) = self.find(input) else { break };
            out.push((m.pattern().as_usize(), m.start(), m.end()));
            // next search starts at the next char after this match's start
            let mut next = m.start() + 1;
            while next < bytes.len() && !hay.is_char_boundary(next) {
                next += 1;
            }
            pos = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(body: &str, lang: Lang) -> Vec<(String, CueKind)> {
        let t = Text::new(body);
        find(&t, &[lang])
            .iter()
            .map(|c| (t.slice(c.start, c.end), c.kind()))
            .collect()
    }

    #[test]
    fn arabic_cues_with_proclitics_and_tanwin() {
        let c = cues(
            "وقال الوزير إن الوضع صعب، مضيفاً أن «الحل قريب». وانتقال",
            Lang::Ar,
        );
        assert_eq!(
            c,
            vec![
                ("قال".to_string(), CueKind::Speech),
                ("إن".to_string(), CueKind::That),
                ("مضيفاً".to_string(), CueKind::Circumstantial),
                ("أن".to_string(), CueKind::That),
            ]
        );
    }

    #[test]
    fn english_and_french_cues() {
        let c = cues(
            "\"Yes,\" said the minister, according to Reuters.",
            Lang::En,
        );
        assert_eq!(c[0].0, "said");
        assert_eq!(c[1], ("according to".to_string(), CueKind::According));
        let c = cues("« Non », a-t-il déclaré, selon l'AFP.", Lang::Fr);
        assert_eq!(c[0].0, "a-t-il déclaré");
        assert!(c[0].1 == CueKind::Speech);
        assert_eq!(c[1].0, "selon");
    }
    #[test]
    fn french_noun_homographs_after_a_determiner_are_not_cues() {
        for body in [
            "L'alerte a été levée dans la soirée par la préfecture.",
            "Une alerte orange est en vigueur sur le littoral.",
            "Les secours restent en alerte toute la nuit.",
            "Le niveau d'alerte monte après l'annonce du gouvernement.",
            "Cette annonce a surpris les élus, selon la note du cabinet.",
            "Il a été condamné par le juge, qui a reçu sa demande par écrit.",
            "Le niveau de vigilance a été relevé à l'orange jeudi.",
            "Les résultats avaient été annoncés la veille.",
        ] {
            let c = cues(body, Lang::Fr);
            assert!(
                c.iter().all(|(_, k)| *k != CueKind::Speech),
                "{body}: {c:?}"
            );
        }
    }

    #[test]
    fn french_noun_homographs_as_verbs_stay_cues() {
        for (body, cue) in [
            ("Le ministre alerte sur les risques de crue.", "alerte"),
            ("« Il faut partir », alerte le préfet.", "alerte"),
            ("Elle l'annonce sans détour : la ligne fermera.", "annonce"),
            ("Comme l'annonce la mairie, le pont rouvrira.", "annonce"),
            ("Il en témoigne devant la commission.", "témoigne"),
            ("« Rien n'est joué », annonce-t-il.", "annonce-t-il"),
            ("La préfète a alerté les maires.", "a alerté"),
        ] {
            let c = cues(body, Lang::Fr);
            assert!(
                c.iter().any(|(w, k)| w == cue && *k == CueKind::Speech),
                "{body}: {c:?}"
            );
        }
    }
}
