//! Quote-mark scanning: pairs «», “”, "", „“, ‚‘, ‹› and ‘’ into top-level
//! quoted spans, keeping nested pairs inside the outer span, closing an
//! unbalanced opening mark by rule (paragraph end, or sentence end when the
//! rest of the paragraph is long), and following English-style quotations
//! that run over paragraphs with a reopened mark.
//!
//! Arabic copy, typed by hand and converted between encodings, also pairs
//! marks the wrong way round; the scan takes these as quote marks too:
//! - reversed guillemets `»...«` and `» ...»` (a `»` opening a paragraph or
//!   following a space or colon, before Arabic words, with a closing mark
//!   later in its paragraph or right after a colon);
//! - a repeated opener as closer, `« ...«` (a `«` after an open `«`, with
//!   no word right after it: an opening mark comes before its words);
//! - mixed pairs in Arabic quotations, `“...»`, `«...”`, and `„..."`;
//! - doubled marks `««...»»`: one quotation, the inner pair dropped.
//!
//! Owns: which characters are quote marks and how they pair.
//! Must not touch: whether a span is a quotation or a marked term (that is
//! `classify.rs`), cues, speakers.

use super::sentences::sentence_end_after;
use super::text::{is_arabic_letter, is_arabic_mark, is_word_char, Text};

/// A top-level quote-marked span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// Code point of the opening mark.
    pub open: usize,
    /// Code point of the closing mark; `None` when closed by rule.
    pub close: Option<usize>,
    /// Content bounds (inside the marks, whitespace trimmed).
    pub start: usize,
    pub end: usize,
    /// Code point just after the span (after the closing mark, if any).
    pub after: usize,
}

/// When an unclosed quotation has more than this many code points left in
/// its paragraph, it is closed at the end of its sentence instead.
const LONG_REMAINDER: usize = 500;
const MAX_DEPTH: usize = 16;

fn closes(open: char, c: char) -> bool {
    match open {
        '«' => c == '»',
        '‹' => c == '›',
        '“' => c == '”',
        '„' => c == '“' || c == '”' || c == '"',
        '‚' => c == '‘' || c == '’',
        '‘' => c == '’',
        '"' => c == '"',
        _ => false,
    }
}

/// [`closes`], plus the mixed pairs of Arabic quotations (`“...»`,
/// `«...”`). (A reversed opening `»` has its own closers, in [`scan`].)
fn closes_arabic(open: char, c: char) -> bool {
    closes(open, c) || matches!((open, c), ('“', '»') | ('«', '”'))
}

/// Whether an opening mark at `op` starts Arabic text (an Arabic letter
/// within its first five code points).
fn arabic_after(chars: &[char], op: usize) -> bool {
    let n = chars.len();
    chars
        .get(op + 1..(op + 6).min(n))
        .is_some_and(|s| s.iter().any(|&c| is_arabic_letter(c)))
}

/// A `»` at `i` that opens a quotation written with reversed guillemets
/// (`»الاسم«`, `» الاسم»`, `قال:» ...`): at a paragraph start or after a
/// space or colon, before Arabic words, and followed by a closing `«` or
/// `»` later in its paragraph, unless a colon announces it.
fn reversed_opener(chars: &[char], i: usize) -> bool {
    let before = chars[..i]
        .iter()
        .rev()
        .take_while(|&&c| c == ' ' || c == '\u{A0}')
        .count();
    let prev = i.checked_sub(before + 1).map(|j| chars[j]);
    let colon = prev == Some(':');
    let at_start = prev.is_none_or(|c| c == '\n');
    if !(colon || at_start || before > 0) {
        return false;
    }
    let first_word = chars[i + 1..].iter().take(3).find(|c| !c.is_whitespace());
    if !first_word.is_some_and(|&c| is_arabic_letter(c)) {
        return false;
    }
    // the next guillemet of the paragraph closes it: a `»`, or a `«` with
    // no word right after it (a `«` before a word opens a new pair)
    let next_mark = (i + 1..chars.len().min(i + 300))
        .take_while(|&j| chars[j] != '\n')
        .find(|&j| matches!(chars[j], '«' | '»'));
    match next_mark {
        Some(j) => chars[j] == '»' || !chars.get(j + 1).is_some_and(|&c| is_word_char(c)),
        None => colon,
    }
}

/// Whether a `«` at `i`, while another `«` is open, closes it (`« الاسم «`)
/// rather than opening a nested pair: no word right after it, and no `»`
/// left over for it in the rest of its paragraph (a nested pair needs two
/// closers after its opening, one for itself and one for the outer mark).
///
/// The repeated closer is for a short name (`« الاسم «`): a span of more
/// than [`REPEATED_MAX_WORDS`] words without sentence punctuation, or one
/// with a naming noun in it (`شركة`, `مؤسسة`, `صحيفة` ...), is a
/// description, not a quotation, and the `«` does not close it.
fn repeated_closer(chars: &[char], open: usize, i: usize) -> bool {
    if chars
        .get(i + 1)
        .is_some_and(|&c| is_word_char(c) || is_open_mark(c))
    {
        return false;
    }
    if !name_like_span(chars, open, i) {
        return false;
    }
    let (mut opens, mut closes) = (0usize, 0usize);
    for &c in chars[i + 1..].iter().take(2000).take_while(|&&c| c != '\n') {
        match c {
            '«' => opens += 1,
            '»' => closes += 1,
            _ => {}
        }
    }
    closes <= opens
}

/// Most words a `« الاسم «` span may have and still be taken as a name
/// whatever it holds.
const REPEATED_MAX_WORDS: usize = 3;

/// Nouns that name an organisation or a title ("شركة X", "مؤسسة X"): the
/// words after them in marks are a name or a description.
const NAMING_NOUNS: &[&str] = &[
    "شركة",
    "مؤسسة",
    "مجموعة",
    "صحيفة",
    "مجلة",
    "جريدة",
    "قناة",
    "وكالة",
    "هيئة",
    "جمعية",
    "منظمة",
    "مصرف",
    "بنك",
    "مركز",
    "معرض",
    "مشروع",
    "برنامج",
    "كتاب",
    "فيلم",
    "مسلسل",
    "علامة",
    "الوكيل",
    "وكيل",
];

/// Whether a word is a naming noun, alone or after up to two proclitics
/// (و ف ب ل ك: "لشركة", "ومؤسسة").
fn naming_noun(w: &str) -> bool {
    let mut s = w;
    for _ in 0..2 {
        if NAMING_NOUNS.contains(&s) {
            return true;
        }
        match s.chars().next() {
            Some(c @ ('و' | 'ف' | 'ب' | 'ل' | 'ك')) => s = &s[c.len_utf8()..],
            _ => return false,
        }
    }
    NAMING_NOUNS.contains(&s)
}

/// Whether the span between an open `«` at `open` and a repeated `«` at
/// `i` may be a name or a quotation: a few words (a name, whatever it
/// holds), or a longer span with sentence punctuation in it and no naming
/// noun. A longer span without either reads like a noun phrase ("الوكيل
/// المعتمد للشركة في المنطقة"), a description rather than a quotation.
fn name_like_span(chars: &[char], open: usize, i: usize) -> bool {
    let inner = &chars[open + 1..i];
    let text: String = inner.iter().filter(|&&c| !is_arabic_mark(c)).collect();
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !is_word_char(c)))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() <= REPEATED_MAX_WORDS {
        return true;
    }
    let punctuated = inner
        .iter()
        .any(|&c| matches!(c, '.' | '،' | ',' | '؛' | ':' | '!' | '?' | '؟'));
    punctuated && !words.iter().any(|w| naming_noun(w))
}

/// The characters [`scan`] acts on: a newline, and every mark that
/// [`closes`] accepts as a closer or [`scan`] may take as an opener. Any
/// other character leaves the scan's state as it is.
fn may_act(c: char) -> bool {
    // (the extra closers of `closes_arabic` are all listed here already)
    matches!(
        c,
        '\n' | '"' | '«' | '»' | '‹' | '›' | '“' | '”' | '„' | '‚' | '‘' | '’'
    )
}

/// A character that opens a quotation (the straight `"` opens and closes).
pub fn is_open_mark(c: char) -> bool {
    matches!(c, '«' | '‹' | '“' | '„' | '‚' | '‘' | '"')
}

/// Scan the whole body.
pub fn scan(t: &Text) -> Vec<Marked> {
    let chars = &t.chars;
    let n = chars.len();
    let mut out = Vec::new();
    // open marks: (mark, position, whether Arabic text follows it)
    let mut stack: Vec<(char, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        // Most characters change nothing: neither a newline nor a mark
        // that `closes` or the `opens` match below accepts (see
        // `may_act`), they only advance `i`. Skip them in a tight loop.
        while i < n && !may_act(chars[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let c = chars[i];
        if c == '\n' {
            if let Some(&(oc, op, arabic)) = stack.first() {
                // paragraph end with an unclosed outer quotation
                let mut j = i;
                while j < n && chars[j].is_whitespace() {
                    j += 1;
                }
                // Arabic: only after a full sentence ("... لهذا العام.\n\n«إذا
                // ...»"), the way agencies reopen a quotation that runs on
                let ends_sentence = chars[op..i]
                    .iter()
                    .rev()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|&c| matches!(c, '.' | '!' | '?' | '؟'));
                if j < n
                    && chars[j] == oc
                    && (!arabic || ends_sentence)
                    && closing_later(chars, j, oc)
                {
                    // continuation paragraph: the reopened mark is text
                    stack.truncate(1);
                    i = j + 1;
                    continue;
                }
                out.push(close_by_rule(t, op, i));
                stack.clear();
            }
            i += 1;
            continue;
        }
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        // closing?
        let closer = stack.iter().rposition(|&(oc, _, arabic)| {
            if oc == '»' {
                // "»الاسم«": the reversed pair closes at a `«` that no
                // word follows
                c == '»' || (c == '«' && !is_word_char(next))
            } else if arabic {
                closes_arabic(oc, c)
            } else {
                closes(oc, c)
            }
        });
        // "« الاسم «": in Arabic text a `«` with no word right after it,
        // while a `«` is open, may close it (an opening mark precedes words)
        let closer = closer.or_else(|| {
            let repeated = c == '«'
                && stack
                    .last()
                    .is_some_and(|&(oc, _, arabic)| oc == '«' && arabic)
                && stack
                    .last()
                    .is_some_and(|&(_, op, _)| repeated_closer(chars, op, i));
            repeated.then(|| stack.len() - 1)
        });
        if let Some(k) = closer {
            let apostrophe_like = matches!(c, '’' | '‘') && stack[k].0 != '‚';
            let ok = !apostrophe_like || !is_word_char(next);
            if ok {
                let op = stack[k].1;
                stack.truncate(k);
                if k == 0 {
                    // "««الاسم»»": doubled marks are one pair
                    let doubled = i >= op + 3
                        && is_open_mark(chars[op + 1])
                        && chars[op + 1] == chars[op]
                        && chars[i - 1] == c
                        && !chars[op + 2..i - 1]
                            .iter()
                            .any(|&x| x == chars[op] || x == c);
                    let (s, e) = if doubled {
                        t.trim(op + 2, i - 1)
                    } else {
                        t.trim(op + 1, i)
                    };
                    out.push(Marked {
                        open: op,
                        close: Some(i),
                        start: s,
                        end: e,
                        after: i + 1,
                    });
                }
                i += 1;
                continue;
            }
        }
        let opens = match c {
            '«' | '‹' | '„' | '“' => true,
            '»' => stack.is_empty() && reversed_opener(chars, i),
            '‚' => !next.is_whitespace(),
            '‘' => !is_word_char(prev) && is_word_char(next),
            '"' => !next.is_whitespace() || !is_word_char(prev),
            _ => false,
        };
        if opens && stack.len() < MAX_DEPTH {
            stack.push((c, i, arabic_after(chars, i)));
        }
        i += 1;
    }
    if let Some(&(_, op, _)) = stack.first() {
        out.push(close_by_rule(t, op, n));
    }
    out.retain(|m| m.start < m.end);
    out
}

/// Whether an opening mark at `j` is followed by a matching close in the
/// rest of the text (so a reopened paragraph really continues a quotation).
fn closing_later(chars: &[char], j: usize, oc: char) -> bool {
    chars[j + 1..].iter().take(5000).any(|&c| closes(oc, c))
}

fn close_by_rule(t: &Text, op: usize, para_end: usize) -> Marked {
    let end = if para_end - op > LONG_REMAINDER {
        sentence_end_after(&t.chars, op + 1, para_end)
    } else {
        para_end
    };
    let (s, e) = t.trim(op + 1, end);
    Marked {
        open: op,
        close: None,
        start: s,
        end: e,
        after: end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(body: &str) -> Vec<String> {
        let t = Text::new(body);
        scan(&t).iter().map(|m| t.slice(m.start, m.end)).collect()
    }

    /// `may_act` holds for every character `closes` accepts as a closer
    /// and every opening mark: the characters the fast skip of `scan`
    /// passes over cannot change its state.
    #[test]
    fn may_act_covers_every_mark() {
        let openers = ['«', '‹', '“', '„', '‚', '‘', '"'];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if openers.iter().any(|&o| closes(o, c)) || is_open_mark(c) || c == '\n' {
                assert!(may_act(c), "{c:?}");
            }
        }
    }

    #[test]
    fn nested_guillemets_are_one_span() {
        assert_eq!(
            spans("قال: «هذه تشبه «الأسطوانة المشروخة» وتؤدي إلى لا شيء» ثم غادر."),
            vec!["هذه تشبه «الأسطوانة المشروخة» وتؤدي إلى لا شيء"]
        );
    }

    #[test]
    fn unbalanced_opening_closes_at_paragraph_end() {
        assert_eq!(
            spans("قال: «لن نتراجع عن موقفنا.\nوفي سياق آخر، قال الوزير «نعم»."),
            vec!["لن نتراجع عن موقفنا.", "نعم"]
        );
    }

    #[test]
    fn english_quotes_across_paragraphs() {
        let body = "\"We will stay,\" he said. \"This is the first part.\n\n\"And this is the second.\"\n\nOther text.";
        assert_eq!(
            spans(body),
            vec![
                "We will stay,",
                "This is the first part.\n\n\"And this is the second."
            ]
        );
    }

    #[test]
    fn reversed_and_repeated_guillemets_pair_in_arabic() {
        assert_eq!(
            spans("وأطلقت الشركة ساعة »النجمة« في السوق المحلية."),
            vec!["النجمة"]
        );
        assert_eq!(
            spans("وأطلقت الشركة ساعة » النجمة» و«القمر» هذا العام."),
            vec!["النجمة", "القمر"]
        );
        assert_eq!(
            spans("وأطلقت الشركة ساعة « النجمة « و«القمر» هذا العام."),
            vec!["النجمة", "القمر"]
        );
        assert_eq!(
            spans("وقال المدير:» نحن نصنع أفضل الساعات في العالم."),
            vec!["نحن نصنع أفضل الساعات في العالم."]
        );
        // a nested pair written with spaces inside stays nested
        assert_eq!(
            spans("قال: «هذه تشبه « الأسطوانة المشروخة » ولا تفيد» ثم غادر."),
            vec!["هذه تشبه « الأسطوانة المشروخة » ولا تفيد"]
        );
    }

    #[test]
    fn doubled_and_mixed_marks_are_one_quotation() {
        assert_eq!(
            spans("وقال الوزير: ««لن نتراجع عن القرار»» ثم غادر."),
            vec!["لن نتراجع عن القرار"]
        );
        assert_eq!(
            spans("وقال الوزير: “لن نتراجع عن القرار» ثم غادر."),
            vec!["لن نتراجع عن القرار"]
        );
        assert_eq!(
            spans("وقال الوزير: «لن نتراجع عن القرار” ثم غادر."),
            vec!["لن نتراجع عن القرار"]
        );
        assert_eq!(
            spans("Er sagte „wir bleiben\" und ging."),
            vec!["wir bleiben"]
        );
        // English typographic quotes are not paired with guillemets
        assert_eq!(
            spans("He called it “a farce» and left. «Oui»."),
            vec!["a farce» and left. «Oui»."]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(
            spans("It’s the minister’s ‘red line’, he said. l’homme"),
            vec!["red line"]
        );
        assert_eq!(
            spans("„Wir schaffen das“, sagte sie."),
            vec!["Wir schaffen das"]
        );
    }
    #[test]
    fn a_repeated_guillemet_closes_a_short_name_or_a_punctuated_quotation_only() {
        // a long noun phrase: a description, not paired by the repeated mark
        let s = spans("وقال المدير إن «الموزع الحصري لمنتجات المصنع في المنطقة « سيفتتح فرعا.");
        assert!(
            !s.iter()
                .any(|x| x.trim() == "الموزع الحصري لمنتجات المصنع في المنطقة"),
            "{s:?}"
        );
        // a naming noun in a long span, even with a comma
        let s = spans("وحضر ممثل «مؤسسة النور للتنمية، فرع الشمال والوسط « الحفل أمس.");
        assert!(
            !s.iter()
                .any(|x| x.trim() == "مؤسسة النور للتنمية، فرع الشمال والوسط"),
            "{s:?}"
        );
        // a short name and a punctuated quotation still pair
        assert_eq!(
            spans("وأطلقت الشركة ساعة « النجمة « هذا العام."),
            vec!["النجمة"]
        );
        assert_eq!(
            spans("قال الوزير: « لن نتراجع، ولن نقبل بأي تسوية « ثم غادر."),
            vec!["لن نتراجع، ولن نقبل بأي تسوية"]
        );
    }
}
