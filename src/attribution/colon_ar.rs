//! Arabic colon quotations without quote marks.
//!
//! Newspaper interviews and some agency copy print the speaker's own words
//! after a colon with no quote marks at all:
//!
//! ```text
//! وقال مدير الميناء خالد السالم: نحن مستعدون لاستقبال السفن الكبيرة.
//! وأضاف: لدينا خطة واضحة للتوسعة.
//! ```
//!
//! The text after "قال X:" (or a bare follow-on verb "وأضاف:") up to the end
//! of its sentence is a **direct** quotation (the speaker's words in the
//! first person, as the gold of the newspaper development articles
//! annotates them). Its speaker is found like that of a marked quotation
//! after the same cue: X, or the previous speaker for a follow-on verb.
//!
//! With no closing mark to end it, the quotation runs on over the next
//! sentences of its paragraph (at most [`MAX_SENTENCES`] in all) until one
//! that reads as the writer's again: a sentence with a cue of its own
//! ("وأشار إلى أن", "وأضاف:"), a colon, a quotation in marks, or a
//! narrative opener ("من جهته", "يذكر أن", "وكان"). Newspaper copy runs
//! such answers over several sentences, often glued (".و") or joined by
//! "..":
//!
//! ```text
//! وقال والد الطالب: ذهبت إلى المدرسة صباحا..وكل ما وجدته أبواب مغلقة.
//! ```
//!
//! Not taken here:
//! - a colon followed by a quote mark (`قال: «...»`, also reversed `:»`):
//!   the mark scan owns it;
//! - a complementizer right after the colon (`وقال: إن الحكومة ...`):
//!   reported speech, left to `indirect.rs` like `قال إن «...»`;
//! - a colon far from the cue (more than [`MAX_TO_COLON`] words: a list or
//!   a heading later in the sentence), or after another cue;
//! - clock times (`10:30`) and short contents (fewer than [`MIN_WORDS`]).
//!
//! Owns: finding these spans. Must not touch: speakers (resolved by the
//! caller through the cue, like every cued quotation), quote marks.

use super::cues::Cue;
use super::lexicon::{CueKind, Lang};
use super::marks::is_open_mark;
use super::sentences::sentence_index;
use super::text::{fold_str, Text};

/// One unmarked colon quotation and the index of its cue.
#[derive(Debug, Clone, Copy)]
pub struct ColonQuote {
    pub cue: usize,
    pub start: usize,
    pub end: usize,
}

/// At most this many words between the verb and the colon: the subject
/// with its role and name, a recipient ("له"), a short circumstance
/// ("في تصريح صحافي").
const MAX_TO_COLON: usize = 10;
/// At least this many words after the colon.
const MIN_WORDS: usize = 3;
/// At most this many sentences in one colon quotation.
const MAX_SENTENCES: usize = 5;
/// A quote-marked span of at least this many words in a following
/// sentence is a quotation of its own: the colon quotation stops before.
const MARKED_QUOTE_WORDS: usize = 5;
/// First words (folded, proclitic و included) of a sentence in which the
/// writer speaks again: a change of speaker ("من جهته"), background
/// ("يذكر أن", "وكان"), a transition ("إلى ذلك").
const NARRATIVE_OPENERS: &[&str] = &[
    "من جهته",
    "من جهتها",
    "من جانبه",
    "من جانبها",
    "بدوره",
    "بدورها",
    "يذكر",
    "ويذكر",
    "يشار",
    "ويشار",
    "وتجدر",
    "يجدر",
    "وكان",
    "وكانت",
    "ويأتي",
    "وتأتي",
    "يأتي",
    "تأتي",
    "إلى ذلك",
    "الى ذلك",
    "وفي سياق",
    "في سياق",
    "في غضون",
    "وفي غضون",
    "في الأثناء",
    "وفي الأثناء",
];

/// Closing marks, straight or typographic, in either direction: a colon
/// followed by any of them opens a marked quotation (possibly with a
/// reversed mark, `:» ...`), which the mark scan handles.
fn is_any_mark(c: char) -> bool {
    is_open_mark(c) || matches!(c, '»' | '›' | '”' | '’')
}

/// Every unmarked colon quotation of the body. `blocked` are the
/// quote-marked spans (open .. after): a cue inside one is quoted text.
pub fn find(
    t: &Text,
    cues: &[Cue],
    sents: &[(usize, usize)],
    blocked: &[(usize, usize)],
) -> Vec<ColonQuote> {
    let inside = |p: usize| blocked.iter().any(|&(s, e)| s <= p && p < e);
    let mut out: Vec<ColonQuote> = Vec::new();
    for (ci, c) in cues.iter().enumerate() {
        let speech = matches!(c.kind(), CueKind::Speech | CueKind::Circumstantial);
        if c.entry.lang != Lang::Ar || !speech || inside(c.start) {
            continue;
        }
        // a cue inside a colon quotation already taken is quoted text
        if out.last().is_some_and(|q| c.start < q.end) {
            continue;
        }
        let Some(si) = sentence_index(sents, c.start) else {
            continue;
        };
        let (_, hi) = sents[si];
        // the colon: before the next verb, complementizer or attribution
        // phrase (another clause); a told phrase may sit between
        // ("وقال في تصريح لـ«الصحيفة»:"), and so may a name in marks, but
        // no unclosed mark
        let next_cue = cues
            .get(ci + 1..)
            .and_then(|rest| {
                rest.iter()
                    .find(|d| d.start >= c.end && d.kind() != CueKind::Told)
            })
            .map_or(hi, |d| d.start.min(hi));
        let Some(colon) = (c.end..next_cue)
            .filter(|&i| !inside(i))
            .take_while(|&i| !is_any_mark(t.chars[i]))
            .find(|&i| t.chars[i] == ':')
        else {
            continue;
        };
        // "الساعة 10:30": a clock time, not a colon of speech
        if t.chars.get(colon + 1).is_some_and(|ch| ch.is_ascii_digit()) {
            continue;
        }
        let gap = t.tokens_before(colon) - t.token_at_or_after(c.end);
        if gap > MAX_TO_COLON {
            continue;
        }
        let (s, e) = t.trim(colon + 1, hi);
        if s >= e || is_any_mark(t.chars[s]) {
            continue;
        }
        // "وقال: إن الحكومة ...": a complementizer opens reported speech
        let that_first = cues
            .iter()
            .find(|d| d.word_start >= s)
            .is_some_and(|d| d.word_start == s && d.kind() == CueKind::That);
        if that_first {
            continue;
        }
        let words = t.token_at_or_after(e) - t.token_at_or_after(s);
        if words < MIN_WORDS {
            continue;
        }
        let e = run_on(t, cues, sents, blocked, si, e);
        out.push(ColonQuote {
            cue: ci,
            start: s,
            end: e,
        });
    }
    out
}

/// The end of a colon quotation whose first sentence is `sents[si]`,
/// ending at `end`: the end of the last following sentence of the same
/// paragraph that still reads as the speaker's words (module docs).
fn run_on(
    t: &Text,
    cues: &[Cue],
    sents: &[(usize, usize)],
    blocked: &[(usize, usize)],
    si: usize,
    end: usize,
) -> usize {
    let mut end = end;
    for &(lo, hi) in sents.iter().skip(si + 1).take(MAX_SENTENCES - 1) {
        // a new paragraph (or a line of its own) is a new unit
        if t.chars[end.min(lo)..lo].contains(&'\n') {
            break;
        }
        let cue_inside = cues.iter().any(|c| {
            lo <= c.start
                && c.start < hi
                && c.kind() != CueKind::That
                && !blocked.iter().any(|&(s, e)| s <= c.start && c.start < e)
        });
        let colon = (lo..hi)
            .filter(|&i| !blocked.iter().any(|&(s, e)| s <= i && i < e))
            .any(|i| t.chars[i] == ':');
        let quotation = blocked.iter().any(|&(s, e)| {
            lo <= s
                && s < hi
                && (s == lo
                    || t.token_at_or_after(e) - t.token_at_or_after(s) >= MARKED_QUOTE_WORDS)
        });
        let folded = t.folded_str(lo, hi);
        let opener = NARRATIVE_OPENERS.iter().any(|o| {
            let o = fold_str(o);
            folded.starts_with(o.as_str())
                && folded[o.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphabetic())
        });
        if cue_inside || colon || quotation || opener {
            break;
        }
        end = t.trim(lo, hi).1;
    }
    end
}
