//! Sentence bounds: split at . ! ? ؟ … and newlines, but never inside a
//! quote-marked span, after a single capital or a known abbreviation
//! ("Mr.", "U.S.", "Gen."), or inside a number ("3.5").
//!
//! Owns: sentence boundaries only.
//! Must not touch: quote marks pairing (`marks.rs`), cues, speakers.

use super::marks::Marked;
use super::text::{is_arabic_letter, Text};

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "gov", "st", "jr", "sr", "no", "vs",
    "prof", "maj", "capt", "sgt", "mme", "mlle", "m", "jan", "feb", "aug", "sept", "sep", "oct",
    "nov", "dec", "inc", "corp", "co", "ltd", "etc", "approx", "av", "bd", "cf",
];

/// The longest entry of [`ABBREVIATIONS`], in characters (at least one).
const MAX_ABBREVIATION_CHARS: usize = 6;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Whether the terminator at `i` really ends a sentence.
fn ends_sentence(chars: &[char], i: usize) -> bool {
    let next = chars.get(i + 1).copied();
    match next {
        None => return true,
        Some(c) if is_terminator(c) || c == '"' || c == '”' || c == '»' || c == ')' => {
            return false
        }
        Some(c) if c.is_whitespace() => {}
        Some(c) if is_arabic_letter(c) && chars[i] != '…' => {}
        Some(_) => return false,
    }
    if chars[i] != '.' {
        return true;
    }
    // the word before the dot; only its length matters past
    // MAX_ABBREVIATION_CHARS chars (`initial_or_abbreviation` says no), so
    // the walk stops one char after that
    let mut s = i;
    while s > 0 && i - s <= MAX_ABBREVIATION_CHARS && is_alphanumeric(chars[s - 1]) {
        s -= 1;
    }
    if initial_or_abbreviation(&chars[s..i]) {
        return false;
    }
    // a Latin sentence starts with a capital, digit or mark
    let mut j = i + 1;
    while j < chars.len() && chars[j].is_whitespace() && chars[j] != '\n' {
        j += 1;
    }
    !chars.get(j).is_some_and(|c| c.is_lowercase())
}

/// `char::is_alphanumeric`, with the two cases most words are made of
/// answered first: ASCII, and the Arabic letters (all alphabetic), which
/// std looks up in its Unicode tables.
fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_arabic_letter(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether `word` (the letters and digits before a dot) is an initial (one
/// letter, not Arabic) or, lowercased, one of [`ABBREVIATIONS`].
fn initial_or_abbreviation(word: &[char]) -> bool {
    // Lowercasing never makes a word shorter in characters, so a word
    // longer than every abbreviation (and than one character) is neither:
    // no need to build its lowercase copy.
    if word.len() > MAX_ABBREVIATION_CHARS {
        return false;
    }
    if word.iter().all(char::is_ascii) {
        // Most words before a dot: lowercased on the stack, byte by byte,
        // which is what `to_lowercase` gives for ASCII (it took two
        // allocations per full stop).
        let mut buf = [0u8; MAX_ABBREVIATION_CHARS];
        for (b, c) in buf.iter_mut().zip(word) {
            *b = (*c as u8).to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or_default();
        return (word.len() == 1 && word[0].is_ascii_alphabetic())
            || ABBREVIATIONS.contains(&lower);
    }
    let lower = word.iter().collect::<String>().to_lowercase();
    (lower.chars().count() == 1
        && lower
            .chars()
            .all(|c| c.is_alphabetic() && !is_arabic_letter(c)))
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// A closed quotation whose content ends with `.`, `!` or `?` and is
/// followed, on the same line, by a Latin capital: the sentence ends there.
fn quote_ends_sentence(chars: &[char], content_end: usize, after: usize) -> bool {
    if content_end == 0 || !matches!(chars.get(content_end - 1), Some('.' | '!' | '?')) {
        return false;
    }
    let mut j = after;
    if chars.get(j).is_none_or(|c| *c != ' ') {
        return false;
    }
    while chars.get(j).is_some_and(|c| *c == ' ') {
        j += 1;
    }
    // `... "fierce resistance." "We will not ...`: a new quotation opening
    // with a capital
    if chars.get(j).is_some_and(|c| matches!(c, '"' | '“' | '«')) {
        j += 1;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
    }
    chars
        .get(j)
        .is_some_and(|c| c.is_uppercase() && !is_arabic_letter(*c))
}

/// The code point just after the first sentence end in `[from, limit)`, or
/// `limit`.
pub fn sentence_end_after(chars: &[char], from: usize, limit: usize) -> usize {
    let limit = limit.min(chars.len());
    (from..limit)
        .find(|&i| chars[i] == '\n' || (is_terminator(chars[i]) && ends_sentence(chars, i)))
        .map(|i| if chars[i] == '\n' { i } else { i + 1 })
        .unwrap_or(limit)
}

/// Sentence bounds over the whole text, in order, covering every non-space
/// code point once.
pub fn split(t: &Text, marks: &[Marked]) -> Vec<(usize, usize)> {
    let chars = &t.chars;
    let mut out = Vec::new();
    let mut s = 0;
    let mut mi = 0;
    let mut i = 0;
    while i < chars.len() {
        while mi < marks.len() && marks[mi].after <= i {
            mi += 1;
        }
        if mi < marks.len() && marks[mi].open <= i && i < marks[mi].after {
            // inside a quotation: jump over it (a newline inside a
            // multi-paragraph quotation does not split either)
            let m = &marks[mi];
            i = m.after;
            // `... "does not cover inflation." He said ...`: a Latin
            // quotation closed after its own terminator, then a capital
            if m.close.is_some() && quote_ends_sentence(chars, m.end, m.after) {
                let (a, b) = t.trim(s, m.after);
                if a < b {
                    out.push((a, b));
                }
                s = m.after;
            }
            continue;
        }
        // Before the next quotation opens, a code point that is neither a
        // newline nor a terminator changes nothing: skip them in one loop.
        let next_open = marks
            .get(mi)
            .map_or(chars.len(), |m| m.open.min(chars.len()));
        while i < next_open && chars[i] != '\n' && !is_terminator(chars[i]) {
            i += 1;
        }
        if i >= next_open {
            continue;
        }
        let c = chars[i];
        let cut = if c == '\n' {
            Some(i)
        } else if is_terminator(c) && ends_sentence(chars, i) {
            Some(i + 1)
        } else {
            None
        };
        if let Some(e) = cut {
            let (a, b) = t.trim(s, e);
            if a < b {
                out.push((a, b));
            }
            s = e;
        }
        i += 1;
    }
    let (a, b) = t.trim(s, chars.len());
    if a < b {
        out.push((a, b));
    }
    out
}

/// Index of the sentence containing `pos`.
pub fn sentence_index(sents: &[(usize, usize)], pos: usize) -> Option<usize> {
    let i = sents.partition_point(|s| s.1 <= pos);
    (i < sents.len() && sents[i].0 <= pos).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::marks;

    #[test]
    fn max_abbreviation_chars_bounds_the_list() {
        let longest = ABBREVIATIONS
            .iter()
            .map(|a| a.chars().count())
            .max()
            .unwrap_or(0);
        assert_eq!(MAX_ABBREVIATION_CHARS, longest.max(1));
    }

    /// Every char: the same answer as std.
    #[test]
    fn is_alphanumeric_is_std_s() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// The test of [`ends_sentence`] before [`initial_or_abbreviation`]:
    /// every word of at most six chars collected and lowercased.
    fn initial_or_abbreviation_reference(word: &[char]) -> bool {
        let word: String = if word.len() > MAX_ABBREVIATION_CHARS {
            String::new()
        } else {
            word.iter().collect::<String>().to_lowercase()
        };
        (word.chars().count() == 1
            && word
                .chars()
                .all(|c| c.is_alphabetic() && !is_arabic_letter(c)))
            || ABBREVIATIONS.contains(&word.as_str())
    }

    #[test]
    fn initial_or_abbreviation_knows_initials_and_the_list() {
        for (word, want) in [
            ("", false),
            ("J", true),
            ("é", true),
            ("ب", false),
            ("7", false),
            ("Mr", true),
            ("MRS", true),
            ("Sept", true),
            ("approx", true),
            ("Approxi", false),
            ("Smith", false),
            ("Mme", true),
            ("MMÉ", false),
            ("No", true),
            ("Σ", true),
        ] {
            let w: Vec<char> = word.chars().collect();
            assert_eq!(initial_or_abbreviation(&w), want, "{word:?}");
            assert_eq!(initial_or_abbreviation_reference(&w), want, "{word:?}");
        }
    }

    proptest::proptest! {
        /// Words of up to nine chars: ASCII in both cases and digits, and
        /// letters whose lowercase is longer or another script.
        #[test]
        fn initial_or_abbreviation_answers_as_the_reference(
            word in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => proptest::sample::select(
                        "mrsdgenltcovpjaubfMRSDGENLTCOVPJAUBF07".chars().collect::<Vec<_>>()
                    ),
                    1 => proptest::sample::select(vec!['é', 'É', 'İ', 'Σ', 'ß', 'ب', 'ſ', 'K']),
                ],
                0..10,
            ),
        ) {
            proptest::prop_assert_eq!(
                initial_or_abbreviation(&word),
                initial_or_abbreviation_reference(&word)
            );
        }
    }

    #[test]
    fn splits_outside_quotes_only() {
        let t =
            Text::new("Mr. Smith said: \"It works. Really.\" Then he left.\nوقال: «نعم. لا».وأضاف");
        let m = marks::scan(&t);
        let s: Vec<String> = split(&t, &m).iter().map(|&(a, b)| t.slice(a, b)).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Smith said: \"It works. Really.\"",
                "Then he left.",
                "وقال: «نعم. لا».",
                "وأضاف"
            ]
        );
    }
}
