//! The shared read-only view of one body that every attribution step works
//! on: its code points, a folded copy for lexicon matching (with a map back
//! to code-point offsets), word tokens and paragraph bounds.
//!
//! Owns: folding for matching (Latin case and accents, Arabic letter
//! variants, Arabic diacritics and tatweel dropped) and tokenization.
//! Must not touch: any decision about quotes, cues or speakers.

use crate::model::Span;

/// One word of the body, as code-point offsets.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Byte range in [`Text::folded`] of the folded form (see
    /// [`fold_for_match`], diacritics removed); read it with
    /// [`Text::fold_of`].
    fold_start: usize,
    fold_end: usize,
}

/// The body, prepared once.
#[derive(Debug)]
pub struct Text {
    pub chars: Vec<char>,
    /// Folded characters (diacritics removed), as a string for matching.
    pub folded: String,
    /// For each byte offset of `folded` that starts a char: the code-point
    /// offset in `chars` of that folded char. One extra entry at the end.
    folded_to_orig: Vec<usize>,
    /// For each code point, the byte offset in `folded` where its folded
    /// char starts (marks fold to nothing), plus one entry at the end.
    folded_at: Vec<usize>,
    /// The body itself, and for each code point its byte offset in it (one
    /// extra entry at the end), so that spans are sliced, not rebuilt.
    src: String,
    byte_at: Vec<usize>,
    pub tokens: Vec<Token>,
    /// Paragraph bounds `(start, end)` in code points; a single or double
    /// newline separates paragraphs.
    pub paragraphs: Vec<(usize, usize)>,
    /// The body folded as [`crate::outlets::Gazetteer`] folds it (its fold
    /// differs from [`fold_for_match`]), as bytes, and for each byte the
    /// code-point offset of its char, plus one entry at the end: for
    /// [`Text::outlets`].
    gazetteer_folded: Vec<u8>,
    gazetteer_cp_at: Vec<usize>,
}

/// Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef) and
/// tatweel: ignored for matching.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0610}'..='\u{061A}')
}

/// Arabic letter (base block).
pub fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
}

/// A character that belongs to a word.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    ('\u{0621}'..='\u{064A}').contains(&c) || is_arabic_mark(c) || c.is_alphanumeric()
}

/// Fold one character to exactly one character for lexicon matching.
pub fn fold_for_match(c: char) -> char {
    if c.is_ascii() {
        // (No arm below is ASCII; `fold_char` lowercases ASCII.)
        return c.to_ascii_lowercase();
    }
    match c {
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
        'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
        'î' | 'ï' | 'Î' => 'i',
        'ô' | 'ö' | 'Ô' => 'o',
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' => 'u',
        'ç' | 'Ç' => 'c',
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
        'ؤ' => 'و',
        'ئ' => 'ي',
        c => crate::outlets::fold_char(c),
    }
}

/// Fold a lexicon entry the same way as the text (diacritics dropped).
pub fn fold_str(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(fold_for_match)
        .collect()
}

/// The two folds of one character of the Arabic block (U+0600-U+06FF),
/// `None` when the fold drops it: [`fold_for_match`] unless
/// [`is_arabic_mark`] (the attribution fold), and
/// [`crate::outlets::fold_char`] unless [`crate::outlets::is_ignorable`]
/// (the gazetteer's fold). Built once from those functions, so a look-up
/// is exactly what they answer.
struct ArabicFolds([(Option<char>, Option<char>); 256]);

static ARABIC_FOLDS: std::sync::LazyLock<ArabicFolds> = std::sync::LazyLock::new(|| {
    let mut table = [(None, None); 256];
    for (k, slot) in table.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x0600 + k as u32) {
            *slot = both_folds(c);
        }
    }
    ArabicFolds(table)
});

/// The attribution fold and the gazetteer fold of one character (`None`:
/// dropped), as [`Text::new`] builds them.
fn both_folds(c: char) -> (Option<char>, Option<char>) {
    (
        (!is_arabic_mark(c)).then(|| fold_for_match(c)),
        (!crate::outlets::is_ignorable(c)).then(|| crate::outlets::fold_char(c)),
    )
}

impl Text {
    pub fn new(body: &str) -> Self {
        // One pass: code points, their byte offsets, the folded copy with
        // its maps both ways, the gazetteer's folded copy with its map, and
        // the paragraphs.
        let n = body.len();
        let mut chars: Vec<char> = Vec::with_capacity(n);
        let mut byte_at: Vec<usize> = Vec::with_capacity(n + 1);
        let mut folded = String::with_capacity(n);
        let mut folded_to_orig = Vec::with_capacity(n + 1);
        let mut folded_at: Vec<usize> = Vec::with_capacity(n + 1);
        let mut gazetteer_folded: Vec<u8> = Vec::with_capacity(n);
        let mut gazetteer_cp_at: Vec<usize> = Vec::with_capacity(n + 1);
        let arabic = &ARABIC_FOLDS.0;
        // Paragraph bounds come out of the same pass.
        let mut paragraphs = Vec::new();
        let mut para_start = 0;
        let bytes = body.as_bytes();
        let mut b = 0;
        while b < n {
            // A run of ASCII (most of a Latin text, the spaces and
            // punctuation of an Arabic one): one code point and one folded
            // byte per byte, lowercased by both folds, never a mark; so
            // every table grows by a range, in bulk.
            let run = bytes[b..]
                .iter()
                .position(|x| !x.is_ascii())
                .unwrap_or(n - b);
            if run > 0 {
                let (i0, f0, g0) = (chars.len(), folded.len(), gazetteer_folded.len());
                let ascii = &bytes[b..b + run];
                for k in memchr::memchr_iter(b'\n', ascii) {
                    let i = i0 + k;
                    if i > para_start {
                        paragraphs.push((para_start, i));
                    }
                    para_start = i + 1;
                }
                chars.extend(ascii.iter().map(|&x| char::from(x)));
                byte_at.extend(b..b + run);
                folded_at.extend(f0..f0 + run);
                folded.push_str(&body[b..b + run]);
                folded[f0..].make_ascii_lowercase();
                folded_to_orig.extend(i0..i0 + run);
                gazetteer_folded.extend_from_slice(&folded.as_bytes()[f0..]);
                gazetteer_cp_at.extend(i0..i0 + run);
                debug_assert_eq!(gazetteer_folded.len(), g0 + run);
                b += run;
                continue;
            }
            // One non-ASCII code point.
            let Some(c) = body[b..].chars().next() else {
                break;
            };
            let i = chars.len();
            chars.push(c);
            byte_at.push(b);
            folded_at.push(folded.len());
            let (attr, gaz) = match (c as u32).checked_sub(0x0600) {
                Some(k) if k < 256 => arabic[k as usize],
                _ => both_folds(c),
            };
            if let Some(f) = attr {
                folded.push(f);
                for _ in 0..f.len_utf8() {
                    folded_to_orig.push(i);
                }
            }
            if let Some(g) = gaz {
                let mut buf = [0u8; 4];
                let g = g.encode_utf8(&mut buf).as_bytes();
                gazetteer_folded.extend_from_slice(g);
                for _ in 0..g.len() {
                    gazetteer_cp_at.push(i);
                }
            }
            b += c.len_utf8();
        }
        if chars.len() > para_start {
            paragraphs.push((para_start, chars.len()));
        }
        byte_at.push(body.len());
        folded_to_orig.push(chars.len());
        folded_at.push(folded.len());
        gazetteer_cp_at.push(chars.len());

        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if is_word_char(chars[i]) && !is_arabic_mark(chars[i]) {
                let s = i;
                while i < chars.len()
                    && (is_word_char(chars[i])
                        || (chars[i] == '-'
                            && i + 1 < chars.len()
                            && chars[i + 1].is_alphabetic()
                            && !is_arabic_letter(chars[i + 1])))
                {
                    i += 1;
                }
                tokens.push(Token {
                    start: s,
                    end: i,
                    fold_start: folded_at[s],
                    fold_end: folded_at[i],
                });
            } else {
                i += 1;
            }
        }
        Text {
            chars,
            folded,
            folded_to_orig,
            folded_at,
            src: body.to_owned(),
            byte_at,
            tokens,
            paragraphs,
            gazetteer_folded,
            gazetteer_cp_at,
        }
    }

    /// The outlet names in the whole body: exactly
    /// `gazetteer().find_all(body)`, with the gazetteer's folded copy of
    /// the body built in the pass of [`Text::new`] instead of a second
    /// walk over its code points.
    pub fn outlets(&self) -> Vec<crate::outlets::OutletMatch<'static>> {
        crate::outlets::gazetteer().find_all_folded(
            &self.src,
            &self.chars,
            &self.gazetteer_folded,
            &self.gazetteer_cp_at,
        )
    }

    /// The folded form of a token: its characters folded with
    /// [`fold_for_match`], Arabic marks dropped.
    pub fn fold_of(&self, tok: &Token) -> &str {
        self.folded
            .get(tok.fold_start..tok.fold_end)
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Code-point span of a match `[bs, be)` in byte offsets of `folded`.
    pub fn orig_span(&self, bs: usize, be: usize) -> (usize, usize) {
        let s = self.folded_to_orig.get(bs).copied().unwrap_or(self.len());
        let e = if be == 0 {
            s
        } else {
            // the original index of the last folded char, plus one
            let last = self.folded[..be]
                .char_indices()
                .next_back()
                .map(|(b, _)| b)
                .unwrap_or(0);
            self.folded_to_orig
                .get(last)
                .map(|&i| i + 1)
                .unwrap_or(self.len())
        };
        (s.min(self.len()), e.min(self.len()).max(s.min(self.len())))
    }

    /// The body between two code-point offsets, clamped to the body.
    pub fn str(&self, start: usize, end: usize) -> &str {
        let e = end.min(self.len());
        let s = start.min(e);
        match (self.byte_at.get(s), self.byte_at.get(e)) {
            (Some(&a), Some(&b)) => self.src.get(a..b).unwrap_or_default(),
            _ => "",
        }
    }

    /// The folded form of the body between two code-point offsets, clamped
    /// to the body: the same as `fold_str(self.str(start, end))`.
    pub fn folded_str(&self, start: usize, end: usize) -> &str {
        let e = end.min(self.len());
        let s = start.min(e);
        match (self.folded_at.get(s), self.folded_at.get(e)) {
            (Some(&a), Some(&b)) => self.folded.get(a..b).unwrap_or_default(),
            _ => "",
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        self.str(start, end).to_owned()
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let e = end.min(self.len());
        let s = start.min(e);
        Span {
            text: self.slice(s, e),
            start: s,
            end: e,
        }
    }

    /// Index of the first token starting at or after `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// Index one past the last token ending at or before `pos`.
    pub fn tokens_before(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }

    /// The paragraph containing `pos` (or the nearest one before it).
    pub fn paragraph_of(&self, pos: usize) -> (usize, usize) {
        let i = self.paragraphs.partition_point(|p| p.1 < pos);
        self.paragraphs
            .get(i)
            .copied()
            .filter(|p| p.0 <= pos)
            .unwrap_or((pos, pos))
    }

    /// Trim whitespace from both ends of a span.
    pub fn trim(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        e = e.min(self.len());
        s = s.min(e);
        while s < e && self.chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && self.chars[e - 1].is_whitespace() {
            e -= 1;
        }
        (s, e)
    }

    /// Whether only whitespace and the given punctuation lie in `[s, e)`.
    pub fn only_ws_or(&self, s: usize, e: usize, punct: &[char]) -> bool {
        (s..e.min(self.len()))
            .all(|i| self.chars[i].is_whitespace() || punct.contains(&self.chars[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables of `Text::new` (built by ASCII runs and a table for the
    /// Arabic block) are those of the plain per-code-point definition, and
    /// `Text::outlets` finds what `Gazetteer::find_all` finds, over the
    /// evaluation dispatches and a text with every kind of folded char.
    #[test]
    fn tables_match_the_per_code_point_definition() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
        let mut bodies = vec![
            String::new(),
            "\n\nÉté à Genève\u{00A0}: « l’AFP », وقالَ مضيفاً ـ ؤئ\u{0610} (أ ف ب)\n\
             Ωmega İstanbul \u{2014} ﻻ ٱ ى ة\n"
                .to_string(),
        ];
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                bodies.push(std::fs::read_to_string(&path).unwrap());
            }
        }
        assert!(bodies.len() > 10);
        for body in &bodies {
            let t = Text::new(body);
            let chars: Vec<char> = body.chars().collect();
            assert_eq!(t.chars, chars);
            let mut folded = String::new();
            let (mut to_orig, mut at, mut byte_at) = (vec![], vec![], vec![]);
            let mut paragraphs = vec![];
            let mut para_start = 0;
            for (i, (b, c)) in body.char_indices().enumerate() {
                byte_at.push(b);
                at.push(folded.len());
                if c == '\n' {
                    if i > para_start {
                        paragraphs.push((para_start, i));
                    }
                    para_start = i + 1;
                }
                if !is_arabic_mark(c) {
                    let f = fold_for_match(c);
                    folded.push(f);
                    to_orig.extend(std::iter::repeat_n(i, f.len_utf8()));
                }
            }
            if chars.len() > para_start {
                paragraphs.push((para_start, chars.len()));
            }
            byte_at.push(body.len());
            to_orig.push(chars.len());
            at.push(folded.len());
            assert_eq!(t.folded, folded);
            assert_eq!(t.folded_to_orig, to_orig);
            assert_eq!(t.folded_at, at);
            assert_eq!(t.byte_at, byte_at);
            assert_eq!(t.paragraphs, paragraphs);
            let spans = |m: Vec<crate::outlets::OutletMatch>| -> Vec<_> {
                m.iter()
                    .map(|m| (m.outlet.id.clone(), m.start, m.end, m.guarded))
                    .collect()
            };
            assert_eq!(
                spans(t.outlets()),
                spans(crate::outlets::gazetteer().find_all(body))
            );
        }
    }

    #[test]
    fn folding_drops_diacritics_and_maps_back() {
        let t = Text::new("وقالَ مضيفاً: «نعم»");
        let pos = t.folded.find("مضيفا").unwrap_or(0);
        let (s, e) = t.orig_span(pos, pos + "مضيفا".len());
        assert_eq!(t.slice(s, e), "مضيفاً".trim_end_matches('\u{064B}'));
        assert_eq!(t.tokens.len(), 3);
    }
}
