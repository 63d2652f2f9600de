//! Unicode and Arabic clean-up of one text field, with a count of every
//! change, and the paragraph layout of a body.
//!
//! Owns: [`clean`] (NFC, Arabic presentation-form folding, removal of
//! tatweel, zero-width, bidi and control characters, line-break and space
//! normalization) and [`layout`] (lines to paragraphs separated by `"\n\n"`).
//!
//! Must not touch: letters, digits, punctuation and quote marks as written.
//! Those are the attribution stage's evidence; folding them is the job of
//! `search_key.rs`, which builds a separate matching key.
//!
//! Both functions are idempotent: `clean(clean(x)) == clean(x)` and
//! `layout(layout(x)) == layout(x)` (property-tested in `normalize::tests`).

use std::collections::BTreeMap;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `char::is_alphabetic` with fast paths for ASCII and the Arabic letters
/// (U+0621–U+064A, U+066E–U+06D3, tatweel excluded), which make up nearly
/// all of the characters in a dispatch; the general lookup is slow.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c) {
        c != '\u{0640}'
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_alphanumeric` with the fast paths of [`is_letter`].
pub fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// Change counts by kind, as published in `normalization.changes`.
pub type Changes = BTreeMap<String, usize>;

fn bump(changes: &mut Changes, kind: &str, n: usize) {
    if n == 0 {
        return;
    }
    // Look up before inserting: `entry` would allocate the key every time.
    match changes.get_mut(kind) {
        Some(count) => *count += n,
        None => {
            changes.insert(kind.to_string(), n);
        }
    }
}

/// What to do with one character in [`clean`].
enum Action {
    Keep,
    Drop(&'static str),
    Replace(&'static str, char),
}

fn classify(c: char, prev: Option<char>, next: Option<char>) -> Action {
    match c {
        // Kashida: purely typographic elongation.
        '\u{0640}' => Action::Drop("tatweel"),
        // Zero-width space, word joiner, invisible operators, BOM / ZWNBSP,
        // soft hyphen, Mongolian vowel separator, combining grapheme joiner.
        '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}' | '\u{034F}' => {
            Action::Drop("zero_width")
        }
        '\u{00AD}' => Action::Drop("soft_hyphens"),
        // ZWNJ keeps a letter from joining the next one (Persian plural
        // "می‌خواهم", Arabic abbreviations); meaningful only between letters.
        '\u{200C}' => {
            // (Tatweel counts as alphabetic but is removed, so it is no
            // neighbour.)
            let letter = |x: char| x != '\u{0640}' && x.is_alphabetic();
            if prev.is_some_and(letter) && next.is_some_and(letter) {
                Action::Keep
            } else {
                Action::Drop("zero_width")
            }
        }
        // ZWJ matters in emoji sequences; between letters it is noise.
        '\u{200D}' => {
            if prev.is_some_and(|p| !p.is_alphanumeric() && !p.is_whitespace() && p as u32 > 0x2000)
            {
                Action::Keep
            } else {
                Action::Drop("zero_width")
            }
        }
        // Bidi marks, embeddings, overrides and isolates.
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Action::Drop("bidi_controls"),
        // Line breaks: CR, NEL, LINE SEPARATOR become LF (CRLF counted once,
        // see `clean`); PARAGRAPH SEPARATOR is a paragraph break.
        '\r' | '\u{0085}' | '\u{2028}' | '\u{000B}' | '\u{000C}' => {
            Action::Replace("line_breaks", '\n')
        }
        '\u{2029}' => Action::Replace("line_breaks", '\u{2029}'),
        '\t' => Action::Replace("spaces", ' '),
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Action::Replace("spaces", ' '),
        '\n' | ' ' => Action::Keep,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Action::Drop("controls"),
        // Noncharacters and unpaired-surrogate stand-ins never carry text.
        '\u{FFFE}' | '\u{FFFF}' | '\u{FDD0}'..='\u{FDEF}' => Action::Drop("controls"),
        _ => Action::Keep,
    }
}

/// Arabic presentation forms A (U+FB50–U+FDFF) and B (U+FE70–U+FEFF, except
/// the BOM which is handled as a zero-width character).
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Whether [`clean`] may do anything but keep `c` as it is: a superset of
/// the presentation forms and of every character [`classify`] does not
/// always keep (ZWNJ and ZWJ, which depend on their neighbours, included).
/// Everything else is copied in runs, without a look at its neighbours.
fn may_change(c: char) -> bool {
    match c {
        ' '..='~' | '\n' => false,
        '\u{0}'..='\u{A0}'
        | '\u{AD}'
        | '\u{034F}'
        | '\u{0640}'
        | '\u{061C}'
        | '\u{1680}'
        | '\u{180E}'
        | '\u{2000}'..='\u{206F}'
        | '\u{3000}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{FFFE}'
        | '\u{FFFF}' => true,
        _ => false,
    }
}

/// Whether a UTF-8 byte can start a character for which [`may_change`]
/// holds: ASCII controls and DEL, and the lead bytes of U+0080–U+00BF,
/// U+0340–U+037F, U+0600–U+067F, U+1000–U+1FFF, U+2000–U+2FFF,
/// U+3000–U+3FFF and U+F000–U+FFFF. Continuation bytes and other lead
/// bytes never do.
fn may_start_change(b: u8) -> bool {
    match b {
        0x20..=0x7E | b'\n' => false,
        0x00..=0x7F => true,
        0xC2 | 0xCD | 0xD8 | 0xD9 | 0xE1 | 0xE2 | 0xE3 | 0xEF => true,
        _ => false,
    }
}

/// One character of [`clean`]'s first pass that [`may_change`] flags.
/// `prev` is the previous character as kept (not as given), so that a
/// second pass sees the same neighbours and decides the same way.
fn fold_one(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    folded: &mut String,
    changes: &mut Changes,
) {
    if is_presentation_form(c) {
        let base: String = std::iter::once(c).nfkc().collect();
        // Some code points in the blocks are unassigned (kept as they
        // are); isolated and medial harakat forms decompose to a space
        // or a tatweel plus the mark: keep the mark only.
        let base: String = base
            .chars()
            .filter(|b| !b.is_whitespace() && *b != '\u{0640}')
            .collect();
        if base.is_empty() || base == c.to_string() {
            folded.push(c);
        } else {
            folded.push_str(&base);
            bump(changes, "presentation_forms", 1);
        }
        return;
    }
    match classify(c, prev, next) {
        Action::Keep => folded.push(c),
        Action::Drop(kind) => bump(changes, kind, 1),
        Action::Replace(kind, with) => {
            if c == '\r' && next == Some('\n') {
                // CRLF: the LF stays, the CR goes, one line break fixed.
                bump(changes, kind, 1);
            } else {
                if with == '\u{2029}' {
                    folded.push_str("\n\n");
                } else {
                    folded.push(with);
                }
                bump(changes, kind, 1);
            }
        }
    }
}

/// `is_nfc_quick(s.chars()) == IsNormalized::Yes`, skipping the table
/// look-ups for the characters below U+0300 and the Arabic letters
/// U+0621–U+064A: all are starters (combining class 0) with NFC_QC = Yes,
/// which is exactly what the quick check does for ASCII (resets the
/// previous combining class, leaves the verdict as it is). The other
/// characters go through the same steps as in the quick check.
fn is_nfc_quick_yes(s: &str) -> bool {
    let mut last_cc = 0u8;
    for c in s.chars() {
        if c < '\u{0300}' || ('\u{0621}'..='\u{064A}').contains(&c) {
            last_cc = 0;
            continue;
        }
        let cc = unicode_normalization::char::canonical_combining_class(c);
        if last_cc > cc && cc != 0 {
            return false;
        }
        if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return false;
        }
        last_cc = cc;
    }
    true
}

/// Clean one text field; counts go into `changes` by kind.
///
/// Only the characters listed in [`classify`] and the presentation forms are
/// touched; the presentation forms get their compatibility decomposition
/// (NFKC of that one character: "ﻻ" -> "لا", "ﺑ" -> "ب"), nothing else in the
/// text is NFKC'd, so superscripts, ligatures like "ﬁ" and full-width forms
/// elsewhere stay as written. Spaces: runs collapse to one, lines are trimmed,
/// runs of blank lines collapse to one blank line, and the text is trimmed.
/// Finally NFC.
pub fn clean(input: &str, changes: &mut Changes) -> String {
    // First pass: runs of characters that are kept as they are (nearly all
    // of them) are copied whole; only the few that may change are looked at.
    let mut folded = String::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).copied().is_some_and(may_start_change) {
            i += 1;
            continue;
        }
        // `i` is at a lead byte (ASCII or multi-byte), so a boundary.
        let Some(c) = input.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let after = i + c.len_utf8();
        if !may_change(c) {
            i = after;
            continue;
        }
        folded.push_str(input.get(run..i).unwrap_or_default());
        let prev = folded.chars().next_back();
        let next = input.get(after..).and_then(|r| r.chars().next());
        fold_one(c, prev, next, &mut folded, changes);
        run = after;
        i = after;
    }
    folded.push_str(input.get(run..).unwrap_or_default());

    // Spaces and blank lines: each line trimmed of spaces, runs of spaces
    // inside it collapsed to one.
    let mut spaced = String::with_capacity(folded.len());
    let mut space_fixes = 0;
    let mut blank_run = 0;
    let mut first = true;
    let mut scratch = String::new();
    for line in folded.split('\n') {
        let trimmed = line.trim_matches(' ');
        let tidy: &str = if trimmed.contains("  ") {
            scratch.clear();
            let mut pending_space = false;
            for c in trimmed.chars() {
                if c == ' ' {
                    pending_space = true;
                    continue;
                }
                if pending_space {
                    scratch.push(' ');
                }
                pending_space = false;
                scratch.push(c);
            }
            &scratch
        } else {
            trimmed
        };
        if tidy.len() != line.len() {
            space_fixes += 1;
        }
        if tidy.is_empty() {
            blank_run += 1;
            continue;
        }
        if !first {
            spaced.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        first = false;
        blank_run = 0;
        spaced.push_str(tidy);
    }
    bump(changes, "spaces", space_fixes);

    if is_nfc_quick_yes(&spaced) {
        return spaced;
    }
    let nfc: String = spaced.nfc().collect();
    if nfc != spaced {
        let diff = spaced.chars().count().abs_diff(nfc.chars().count()).max(1);
        bump(changes, "nfc", diff);
    }
    nfc
}

/// The minimum length of the longest line for a block to count as
/// hard-wrapped, and how far below it a wrapped line may end.
const WRAP_MIN_WIDTH: usize = 40;
const WRAP_SLACK: usize = 16;

/// Lay out cleaned text as paragraphs separated by `"\n\n"`.
///
/// Blank lines separate blocks. Inside a block, each line is a paragraph
/// (Arabic agencies and many sites put one paragraph per line), unless the
/// text is hard-wrapped: counting the lines of multi-line blocks (but the
/// last line of each), at least three, and 70 % of them, end within
/// [`WRAP_SLACK`] characters of the longest line, which is 40 to 100 wide.
/// Then, in every block, lines are joined with a space, and a markedly
/// shorter line ends the paragraph.
pub fn layout(text: &str) -> Vec<String> {
    let blocks: Vec<Vec<&str>> = split_blank_lines(text)
        .into_iter()
        .map(|block| {
            block
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<&str>>()
        })
        .filter(|lines| !lines.is_empty())
        .collect();
    let width = wrap_width(&blocks);
    let mut paragraphs = Vec::new();
    for lines in blocks {
        let Some(width) = width.filter(|_| lines.len() > 1) else {
            paragraphs.extend(lines.iter().map(|l| l.to_string()));
            continue;
        };
        let mut current = String::new();
        for line in lines {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
            if line.chars().count() + WRAP_SLACK < width {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
    }
    paragraphs
}

/// `text.split("\n\n")`, collected: the separators found by
/// `memchr::memmem`, which skips ahead with a vectorized scan, where a
/// `&str` pattern makes `split` run std's Two-Way searcher over every byte.
/// Both take the leftmost match and go on after it (non-overlapping), so
/// "a\n\n\nb" splits into "a" and "\nb" either way.
fn split_blank_lines(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\n\n") {
        // `at` and `at + 2` border an ASCII newline: char boundaries
        blocks.push(&text[start..at]);
        start = at + 2;
    }
    blocks.push(&text[start..]);
    blocks
}

/// The wrap width when the text is hard-wrapped (see [`layout`]).
fn wrap_width(blocks: &[Vec<&str>]) -> Option<usize> {
    let inner: Vec<usize> = blocks
        .iter()
        .filter(|b| b.len() > 1)
        .flat_map(|b| b[..b.len() - 1].iter().map(|l| l.chars().count()))
        .collect();
    let width = blocks
        .iter()
        .filter(|b| b.len() > 1)
        .flat_map(|b| b.iter().map(|l| l.chars().count()))
        .max()?;
    if inner.len() < 3 || !(WRAP_MIN_WIDTH..=100).contains(&width) {
        return None;
    }
    let full = inner.iter().filter(|&&n| n + WRAP_SLACK >= width).count();
    (full * 10 >= inner.len() * 7).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Changes) {
        let mut c = Changes::new();
        (clean(s, &mut c), c)
    }

    #[test]
    fn tatweel_and_presentation_forms() {
        let (t, c) = run("الســـلام ﻻ ﺑﻴﺮﻭﺕ");
        assert_eq!(t, "السلام لا بيروت");
        assert_eq!(c["tatweel"], 3);
        assert_eq!(c["presentation_forms"], 6);
    }

    #[test]
    fn lam_alef_with_hamza_splits_and_composes() {
        let (t, _) = run("ﻷن");
        assert_eq!(t, "لأن");
        assert_eq!(t.chars().count(), 3);
    }

    #[test]
    fn no_nfkc_outside_presentation_forms() {
        let (t, c) = run("x² ﬁn Ｐ ½");
        assert_eq!(t, "x² ﬁn Ｐ ½");
        assert!(c.is_empty());
    }

    #[test]
    fn invisible_characters() {
        let (t, c) = run("\u{200F}قال\u{200B} \u{202B}AFP\u{202C}\u{0007} x\u{00AD}y");
        assert_eq!(t, "قال AFP xy");
        assert_eq!(c["bidi_controls"], 3);
        assert_eq!(c["zero_width"], 1);
        assert_eq!(c["controls"], 1);
        assert_eq!(c["soft_hyphens"], 1);
    }

    #[test]
    fn zwnj_kept_between_letters_only() {
        let (t, _) = run("می\u{200C}خواهم \u{200C}x");
        assert_eq!(t, "می\u{200C}خواهم x");
    }

    #[test]
    fn spaces_and_line_breaks() {
        let (t, c) = run("  a\u{00A0}\u{00A0}b\t c \r\n\r\n\r\n\nd\re\u{2029}f ");
        assert_eq!(t, "a b c\n\nd\ne\n\nf");
        assert!(c["line_breaks"] >= 4);
        assert!(c["spaces"] >= 1);
    }

    #[test]
    fn quotes_and_punctuation_untouched() {
        let s = "قال «نعم»، وأضاف: “yes” \"no\" ‘x’ — ؟";
        let (t, c) = run(s);
        assert_eq!(t, s);
        assert!(c.is_empty());
    }

    #[test]
    fn nfc_composition() {
        let (t, c) = run("e\u{0301}te\u{0301}");
        assert_eq!(t, "été");
        assert_eq!(c["nfc"], 2);
    }

    #[test]
    fn fast_paths_agree_with_the_general_rules() {
        // Every character `clean` may touch is flagged by `may_change`, and
        // every such character starts with a byte `may_start_change` flags.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let touched = is_presentation_form(c)
                || !matches!(classify(c, None, None), Action::Keep)
                || matches!(c, '\u{200C}' | '\u{200D}');
            if touched {
                assert!(may_change(c), "{:04X}", c as u32);
            }
            if may_change(c) {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_change(lead), "{:04X}", c as u32);
            }
            // The characters the NFC check skips are starters with NFC_QC = Yes.
            if c < '\u{0300}' || ('\u{0621}'..='\u{064A}').contains(&c) {
                assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes);
            }
        }
        for s in [
            "",
            "abc",
            "e\u{0301}",
            "\u{0651}\u{064E}",
            "ب\u{0651}\u{064E}",
            "ﻻ x",
        ] {
            assert_eq!(
                is_nfc_quick_yes(s),
                is_nfc_quick(s.chars()) == IsNormalized::Yes,
                "{s}"
            );
        }
    }

    #[test]
    fn split_blank_lines_is_split_on_two_newlines() {
        // every string of up to six of these chars
        let alphabet = ['a', '\n', ' ', 'é'];
        let mut texts = vec![String::new()];
        let mut longest = vec![String::new()];
        for _ in 0..6 {
            longest = longest
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longest.iter().cloned());
        }
        for t in &texts {
            let by_split: Vec<&str> = t.split("\n\n").collect();
            assert_eq!(split_blank_lines(t), by_split, "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn split_blank_lines_answers_as_split(t in "[a\n é\r]{0,40}") {
            let by_split: Vec<&str> = t.split("\n\n").collect();
            proptest::prop_assert_eq!(split_blank_lines(&t), by_split);
        }
    }

    #[test]
    fn layout_one_paragraph_per_line_or_block() {
        assert_eq!(layout("a\nb\n\nc"), vec!["a", "b", "c"]);
    }

    #[test]
    fn layout_unwraps_hard_wrapped_blocks() {
        let text = "The minister said on Monday that the government would\n\
                    review the decision before the end of the month, and\n\
                    that talks would continue.\n\
                    Officials declined to comment on the details of the plan\n\
                    when reached by telephone late on Monday evening.";
        let p = layout(text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("talks would continue."));
        // Short blocks of a wrapped text are unwrapped too.
        let text =
            format!("{text}\n\nA short paragraph wrapped once by the sender's mail\nclient.");
        let p = layout(&text);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(
            p[2],
            "A short paragraph wrapped once by the sender's mail client."
        );
    }
}
