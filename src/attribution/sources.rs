//! Sources: every agency or outlet the body names, with its role: `credit`
//! (credit line, dateline agency), `interviewed` (the outlet a speaker
//! talked to), `cited` ("according to", "بحسب", "نقلاً عن", "Reuters
//! reported") or `statement`; plus the credit line itself.
//!
//! Owns: credit line and dateline detection (when normalization did not
//! report them), outlet context (guarded names, quote marks), source roles.
//! Must not touch: quotations and speakers.

use crate::model::{NormalizedDispatch, Source, SourceRole};
use crate::outlets::gazetteer;

use super::cues::Cue;
use super::lexicon::{CueKind, Lang};
use super::text::{fold_str, is_arabic_letter, is_word_char, Text};

/// What this step found.
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<Source>,
    pub credit_line: Option<String>,
    /// Span of the credit line (excluded from quotes and speakers).
    pub credit_span: Option<(usize, usize)>,
    /// Every confirmed outlet mention `(start, end, id)`, any role.
    pub outlets: Vec<(usize, usize, String)>,
}

impl Found {
    /// The interviewed outlet mentioned in `[s, e)`, if any.
    pub fn interviewed_in(&self, s: usize, e: usize) -> Option<&str> {
        self.sources
            .iter()
            .find(|x| x.role == SourceRole::Interviewed && x.start >= s && x.end <= e)
            .map(|x| x.id.as_str())
    }
}

/// Nouns that introduce an outlet name ("قناة الجزيرة", "the channel").
const OUTLET_NOUNS: &[&str] = &[
    "قناه",
    "صحيفه",
    "جريده",
    "وكاله",
    "موقع",
    "شبكه",
    "اذاعه",
    "مجله",
    "تلفزيون",
    "channel",
    "newspaper",
    "network",
    "broadcaster",
    "radio",
    "daily",
    "agency",
    "magazine",
    "journal",
    "site",
    "website",
    "chaine",
    "quotidien",
    "hebdomadaire",
    "agence",
    "television",
    "radio",
];

const QUOTE_OPENERS: &[char] = &['«', '"', '“', '„', '‹', '‘', '\''];
const QUOTE_CLOSERS: &[char] = &['»', '"', '”', '“', '›', '’', '\''];

const AGENCIES_WORDS: &[&str] = &["وكالات", "agencies", "agences", "agencias", "وكالات الانباء"];

fn word_before(t: &Text, pos: usize) -> Option<String> {
    let i = t.tokens_before(pos);
    let tok = t.tokens.get(i.checked_sub(1)?)?;
    Some(t.fold_of(tok).to_owned())
}

/// Whether the word right before `pos` (one space between) is an English
/// given name, so that a name starting at `pos` is a surname ("Michael
/// Bloomberg", "Carla Reuters"): a capitalized word in letters, not a
/// function word, a role, a day or a month ("The Bloomberg report", "On
/// Bloomberg", "Editor", "Monday"), not ending a sentence.
pub(super) fn given_name_before(t: &Text, pos: usize) -> bool {
    let k = t.tokens_before(pos);
    let Some(p) = k.checked_sub(1).and_then(|i| t.tokens.get(i)) else {
        return false;
    };
    if p.end + 1 != pos || t.chars[p.end] != ' ' {
        return false;
    }
    let word = &t.chars[p.start..p.end];
    let shaped = word.len() >= 2
        && word[0].is_ascii_uppercase()
        && word[1..]
            .iter()
            .all(|c| c.is_alphabetic() && c.is_lowercase());
    if !shaped {
        return false;
    }
    let f = t.fold_of(p);
    let words = super::lexicon::lexicon().words(Lang::En);
    !words.stop.contains(f)
        && !words.roles.contains(f)
        && !words.pronouns.contains(f)
        && !matches!(
            f,
            "the"
                | "a"
                | "an"
                | "of"
                | "for"
                | "per"
                | "said"
                | "says"
                | "told"
                | "tells"
                | "like"
                | "unlike"
                | "both"
                | "neither"
                | "january"
                | "february"
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
        )
        && !OUTLET_NOUNS.contains(&f)
}

/// Detect the credit line: a short last paragraph of outlet names or
/// "وكالات", or a short parenthetical closing the body.
fn detect_credit(t: &Text) -> Option<(usize, usize)> {
    let &(ps, pe) = t.paragraphs.last()?;
    let (ps, pe) = t.trim(ps, pe);
    if ps >= pe {
        return None;
    }
    let para = t.str(ps, pe);
    let core = para.trim_matches(|c: char| !is_word_char(c));
    let words = core.split_whitespace().count();
    let is_credit_text = |s: &str| {
        let f = fold_str(s.trim_matches(|c: char| !is_word_char(c)));
        if AGENCIES_WORDS.iter().any(|w| fold_str(w) == f) {
            return true;
        }
        // every word covered by outlet names or separators
        let found = gazetteer().find_all(s);
        if found.is_empty() {
            return false;
        }
        let chars: Vec<char> = s.chars().collect();
        (0..chars.len())
            .all(|i| !is_word_char(chars[i]) || found.iter().any(|m| m.start <= i && i < m.end))
    };
    if t.paragraphs.len() > 1 && words <= 6 && para.chars().count() <= 60 && is_credit_text(para) {
        return Some((ps, pe));
    }
    // trailing parenthetical: "... (أ ف ب)" / "(AFP)"
    let mut e = pe;
    while e > ps && matches!(t.chars[e - 1], '.' | ' ') {
        e -= 1;
    }
    if e > ps && t.chars[e - 1] == ')' {
        let open = (ps..e - 1).rev().take(40).find(|&i| t.chars[i] == '(')?;
        let inner = t.str(open + 1, e - 1);
        if is_credit_text(inner) {
            return Some((open, e));
        }
    }
    None
}

/// Outlet mentions in the dateline: parenthesised or followed by a dash,
/// within the opening of the first paragraph.
fn in_dateline(t: &Text, doc: &NormalizedDispatch, s: usize, e: usize) -> bool {
    if let Some(d) = &doc.normalization.dateline {
        if d.start <= s && e <= d.end {
            return true;
        }
    }
    if s > 150 {
        return false;
    }
    let first_para_end = t.paragraphs.first().map(|p| p.1).unwrap_or(0);
    if e > first_para_end {
        return false;
    }
    let before = t.chars.get(s.wrapping_sub(1)).copied();
    let after = t.chars.get(e).copied();
    let paren = before == Some('(') && after == Some(')');
    let dash_after = (e..(e + 4).min(t.len())).any(|i| matches!(t.chars[i], '-' | '–' | '—' | ':'));
    // "عمان - بترا:" / "الرياض – واس"
    let dash_before =
        s <= 60 && (s.saturating_sub(3)..s).any(|i| matches!(t.chars[i], '-' | '–' | '—'));
    // a credit at the start: "(AFP) -" or "DAMASCUS, Oct 21 (Reuters) -"
    let sentence_so_far = t.slice(0, s);
    let short_prefix = sentence_so_far.split_whitespace().count() <= 8
        && !sentence_so_far.contains(['\n', '!', '?']);
    short_prefix && (paren || dash_after || dash_before)
}

/// Find sources and the credit line.
pub fn find(t: &Text, doc: &NormalizedDispatch, cues: &[Cue]) -> Found {
    let mut found = Found::default();
    let credit_span = doc
        .normalization
        .credit_line
        .as_ref()
        .filter(|c| c.end <= t.len() && c.start < c.end && t.str(c.start, c.end) == c.text)
        .map(|c| (c.start, c.end))
        .or_else(|| detect_credit(t));
    if let Some((s, e)) = credit_span {
        found.credit_line = Some(t.slice(s, e));
        found.credit_span = Some((s, e));
    }
    let english = doc.language().and_then(Lang::from_tag) == Some(Lang::En);
    // outlet names seen as a person's surname ("Michael Bloomberg")
    let mut surnames: Vec<String> = Vec::new();
    for m in t.outlets() {
        let (s, e) = (m.start, m.end);
        let in_credit = credit_span.is_some_and(|(cs, ce)| cs <= s && e <= ce);
        // wrapped in marks, or preceded by an (unbalanced) opening mark
        let quoted = (s > 0 && QUOTE_OPENERS.contains(&t.chars[s - 1]))
            || (t.chars.get(e).is_some_and(|c| QUOTE_CLOSERS.contains(c))
                && s > 0
                && !is_word_char(t.chars[s - 1])
                && t.chars[s - 1] != ' ');
        let after_noun = word_before(t, s).is_some_and(|w| {
            let w = w.trim_start_matches(['و', 'ف', 'ب', 'ل']).to_string();
            OUTLET_NOUNS.iter().any(|n| w == *n || w.ends_with(n))
        });
        // a guarded word names an outlet only in quote marks, after an
        // outlet noun, or as the whole credit line, or after an interview
        // noun with the ل of the addressee ("في تصريحات للمدينة")
        if m.guarded && !(quoted || after_noun || in_credit || interview_lam(t, s)) {
            continue;
        }
        // "(إعداد ... للنشرة العربية - تحرير ...)": inside a credit line, a
        // guarded word after another word is part of a phrase ("the Arabic
        // service"), not an outlet
        if m.guarded && in_credit && !(quoted || after_noun) {
            let (cs, _) = credit_span.unwrap_or((s, e));
            let mut j = s;
            while j > cs && t.chars[j - 1] == ' ' {
                j -= 1;
            }
            if j > cs && is_word_char(t.chars[j - 1]) {
                continue;
            }
        }
        if m.outlet.id == "agencies" && !in_credit {
            continue;
        }
        // "Michael Bloomberg, formerly the mayor": a given name right
        // before the outlet's name makes it a person's surname (English)
        if !in_credit && english && given_name_before(t, s) {
            surnames.push(t.slice(s, e));
            continue;
        }
        if !in_credit && not_a_source(t, s, &m.outlet.id) {
            continue;
        }
        // "لوكالة الأنباء الأردنية (بترا)", "l'Agence de presse (APS)": an
        // abbreviation in brackets right after the full name repeats it, in
        // the same role
        let repeated = found.sources.last().filter(|prev| {
            prev.id == m.outlet.id && prev.end <= s && t.only_ws_or(prev.end, s, &['(', '['])
        });
        let role = if in_credit || in_dateline(t, doc, s, e) {
            SourceRole::Credit
        } else if let Some(prev) = repeated {
            prev.role
        } else {
            role_from_context(t, cues, s)
        };
        // "... Michael Bloomberg ... Bloomberg won the caucus": the same
        // word alone later is the person again, unless something makes it
        // the outlet (marks, an outlet noun, "told Bloomberg")
        if role == SourceRole::Cited
            && !(quoted || after_noun)
            && surnames.iter().any(|n| *n == t.slice(s, e))
        {
            continue;
        }
        // "a expliqué à Wikinews": Wikinews speaking for itself is no
        // source (tests/eval/README.md, outlet ids)
        if m.outlet.id == "wikinews" && role == SourceRole::Interviewed {
            continue;
        }
        found.outlets.push((s, e, m.outlet.id.clone()));
        found.sources.push(Source {
            id: m.outlet.id.clone(),
            name: m.outlet.name.clone(),
            mention: t.slice(s, e),
            role,
            start: s,
            end: e,
        });
    }
    found
}

/// Nouns of a statement given to a newspaper ("تصريح", "حديث", "حوار",
/// "مقابلة"), folded, as word beginnings (with suffixes: "تصريحاته").
const INTERVIEW_NOUNS: &[&str] = &["تصريح", "حديث", "حوار", "مقابله", "لقاء"];

/// "في تصريحات للمدينة", "في حديث خاص للرياض": a guarded outlet name
/// written with the contracted preposition (ل + ال = لل; the match starts
/// at the second ل, see `crate::outlets`) right after a noun of an
/// interview, optionally with "خاص". "للمدينة" alone is "for the city".
fn interview_lam(t: &Text, s: usize) -> bool {
    if !(s >= 1 && t.chars[s] == 'ل' && t.chars[s - 1] == 'ل') {
        return false;
    }
    let k = t.tokens_before(s);
    let word = |back: usize| {
        k.checked_sub(back)
            .and_then(|i| t.tokens.get(i))
            .map(|tok| t.fold_of(tok).trim_start_matches(['و', 'ف', 'ب']))
    };
    let is_noun =
        |w: Option<&str>| w.is_some_and(|w| INTERVIEW_NOUNS.iter().any(|n| w.starts_with(n)));
    is_noun(word(1)) || (matches!(word(1), Some("خاص" | "خاصه")) && is_noun(word(2)))
}

/// "a affirmé sur franceinfo", "a-t-il dit au micro de RTL", "invitée de
/// LCI": French speakers talk *on* a broadcaster; the outlet is the one
/// they were interviewed by, not a cited one. `window` is the folded text
/// of the few words before the name.
fn broadcast_interview(prev_word: &str, window: &str, speech_near: bool) -> bool {
    let studio = [
        "micro de",
        "micro d'",
        "antenne de",
        "antenne d'",
        "plateau de",
        "plateau d'",
        "ondes de",
        "invite de",
        "invitee de",
        "invite du",
        "invitee du",
        "invite d'",
        "invitee d'",
    ]
    .iter()
    .any(|p| window.contains(p));
    studio || (prev_word == "sur" && speech_near)
}

/// Outlet mentions that are no source of the dispatch: Wikinews speaking
/// of itself ("the protesters Wikinews interviewed", "told Wikinews": the
/// publication's own reporting, see tests/eval/README.md), and photo credits
/// of an image caption ("Image: Voice of America.", "Photo: AFP"), which
/// credit a picture, not the text.
fn not_a_source(t: &Text, s: usize, id: &str) -> bool {
    if id == "wikinews" {
        return true;
    }
    let mut j = s;
    while j > 0 && t.chars[j - 1] == ' ' {
        j -= 1;
    }
    if j == 0 || t.chars[j - 1] != ':' {
        return false;
    }
    word_before(t, j - 1).is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "image" | "photo" | "photograph" | "picture" | "video" | "credit" | "footage"
        )
    })
}

/// The role of an outlet mention at `s` from the words just before it.
fn role_from_context(t: &Text, cues: &[Cue], s: usize) -> SourceRole {
    let ti = t.tokens_before(s);
    let window_start = t.tokens[ti.saturating_sub(4)..ti]
        .first()
        .map(|tok| tok.start)
        .unwrap_or(s);
    // sentence-internal only: stop at a terminator
    let window_start = (window_start..s)
        .rev()
        .find(|&i| matches!(t.chars[i], '.' | '!' | '?' | '؟' | '\n'))
        .map(|i| i + 1)
        .unwrap_or(window_start);
    let ci = cues.partition_point(|c| c.end <= s);
    let near: Vec<&Cue> = cues[..ci]
        .iter()
        .rev()
        .take_while(|c| c.end >= window_start)
        .collect();
    let prev_word = word_before(t, s).unwrap_or_default();
    // "في بيان نشرته وكالة الأنباء القطرية", "in a statement carried by
    // WAM", "dans un communiqué relayé par l'APS": the outlet carried an
    // official statement
    let window = t.folded_str(window_start, s);
    let statement_noun = ["بيان", "statement", "communique"]
        .iter()
        .any(|n| window.contains(n));
    let carried = [
        "نشرته",
        "نشرتها",
        "بثته",
        "بثتها",
        "اوردته",
        "اوردتها",
        "وزعته",
        "وزعتها",
        "carried",
        "published",
        "released",
        "publie",
        "diffuse",
        "relaye",
    ]
    .iter()
    .any(|v| window.contains(v));
    if statement_noun && carried {
        return SourceRole::Statement;
    }
    // "told AFP", "في تصريح لـ", "interrogé par"
    if near.iter().any(|c| c.kind() == CueKind::Told) {
        return SourceRole::Interviewed;
    }
    if near.iter().any(|c| c.kind() == CueKind::According) {
        return SourceRole::Cited;
    }
    // Arabic ل attached right before the name after a speech verb: "لوكالة"
    // skip quote marks and tatweel between ل and the name: "لـ«الشرق الأوسط»"
    let mut k = s;
    while k > 0 && matches!(t.chars[k - 1], '«' | '"' | '“' | 'ـ' | ' ') && s - k < 3 {
        k -= 1;
    }
    let lam = k > 0
        && t.chars[k - 1] == 'ل'
        && (k < 2 || !is_word_char(t.chars[k - 2]) || matches!(t.chars[k - 2], 'و' | 'ف'))
        && t.chars.get(s).is_some_and(|&c| is_arabic_letter(c));
    let speech_near = near.iter().any(|c| c.kind() == CueKind::Speech);
    let told_verb = near.iter().any(|c| {
        c.kind() == CueKind::Speech && {
            let w = t.str(c.start, c.end).to_lowercase();
            w == "told" || w == "tells"
        }
    });
    if told_verb {
        return SourceRole::Interviewed;
    }
    // "a déclaré à l'AFP", "said to the BBC", "لوكالة"
    let to_word = matches!(prev_word.as_str(), "a" | "au" | "to" | "l")
        || t.str(s.saturating_sub(2), s) == "l'"
        || t.str(s.saturating_sub(2), s) == "l’";
    if (lam || to_word) && speech_near {
        return SourceRole::Interviewed;
    }
    if broadcast_interview(&prev_word, window, speech_near) {
        return SourceRole::Interviewed;
    }
    // "قال مسؤول أميركي رفيع المستوى، طلب عدم الكشف عن اسمه، لوكالة ...":
    // the speaker description may be long; any speech verb earlier in the
    // sentence, within a clause's reach, governs the ل
    if lam {
        let far = t.tokens[ti.saturating_sub(20)..ti]
            .first()
            .map(|tok| tok.start)
            .unwrap_or(s);
        // a name in marks ("منظمة «أوكسفام»") does not end the clause
        let short_mark = |i: usize| {
            let open = (i.saturating_sub(40)..i).rev().find(|&j| t.chars[j] == '«');
            open.is_some_and(|o| t.chars[o..i].iter().filter(|c| **c == ' ').count() <= 2)
        };
        let sentence_start = (far..s)
            .rev()
            .find(|&i| {
                matches!(t.chars[i], '.' | '!' | '?' | '؟' | '\n' | ':')
                    || (t.chars[i] == '»' && !short_mark(i))
            })
            .map(|i| i + 1)
            .unwrap_or(far);
        if cues[..ci]
            .iter()
            .rev()
            .take_while(|c| c.start >= sentence_start)
            .any(|c| c.kind() == CueKind::Speech)
        {
            return SourceRole::Interviewed;
        }
    }
    if matches!(prev_word.as_str(), "بيان" | "statement" | "communique") {
        return SourceRole::Statement;
    }
    SourceRole::Cited
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::cues;
    use crate::attribution::lexicon::Lang;

    pub(crate) fn doc(body: &str) -> NormalizedDispatch {
        NormalizedDispatch {
            body: body.into(),
            ..NormalizedDispatch::default()
        }
    }

    fn run(body: &str) -> Found {
        let t = Text::new(body);
        let c = cues::find(&t, &Lang::ALL);
        find(&t, &doc(body), &c)
    }

    fn roles(f: &Found) -> Vec<(String, SourceRole, String)> {
        f.sources
            .iter()
            .map(|s| (s.id.clone(), s.role, s.mention.clone()))
            .collect()
    }

    #[test]
    fn arabic_credit_line_agencies() {
        let f = run("قال الوزير إن الوضع هادئ.\n\nوكالات");
        assert_eq!(f.credit_line.as_deref(), Some("وكالات"));
        assert_eq!(
            roles(&f),
            vec![("agencies".into(), SourceRole::Credit, "وكالات".into())]
        );
    }

    #[test]
    fn trailing_parenthetical_credit() {
        let f = run("قال الوزير إن الوضع هادئ (أ ف ب)");
        assert_eq!(f.credit_line.as_deref(), Some("(أ ف ب)"));
        assert_eq!(
            roles(&f),
            vec![("afp".into(), SourceRole::Credit, "أ ف ب".into())]
        );
    }

    #[test]
    fn dateline_agency_is_credit() {
        let f = run("DAMASCUS, Oct 21 (Reuters) - The minister said on Monday the talks failed, according to Sputnik.");
        assert_eq!(
            roles(&f),
            vec![
                ("reuters".into(), SourceRole::Credit, "Reuters".into()),
                ("sputnik".into(), SourceRole::Cited, "Sputnik".into()),
            ]
        );
    }

    #[test]
    fn interviewed_and_cited_in_arabic() {
        let f = run("وقال المسؤول لوكالة الصحافة الفرنسية إن الهجوم فشل، بحسب وكالة سبوتنيك، ونقلاً عن «روسيا اليوم».");
        assert_eq!(
            roles(&f),
            vec![
                (
                    "afp".into(),
                    SourceRole::Interviewed,
                    "وكالة الصحافة الفرنسية".into()
                ),
                ("sputnik".into(), SourceRole::Cited, "وكالة سبوتنيك".into()),
                ("rt".into(), SourceRole::Cited, "روسيا اليوم".into()),
            ]
        );
    }

    #[test]
    fn told_afp_and_guarded_names() {
        let f =
            run("The official told AFP the island was quiet. Al Jazeera showed footage; الجزيرة");
        assert_eq!(f.sources[0].id, "afp");
        assert_eq!(f.sources[0].role, SourceRole::Interviewed);
        assert_eq!(f.sources.len(), 2);
        let f = run("ذكرت «الجزيرة» أن");
        assert_eq!(f.sources[0].id, "aljazeera");
        assert_eq!(f.sources[0].role, SourceRole::Cited);
    }
}
