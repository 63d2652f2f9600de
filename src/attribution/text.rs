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
    /// [`Text::fold_of`]. (32 bits: see [`MAX_TEXT_BYTES`].)
    fold_start: u32,
    fold_end: u32,
}

/// The longest body a [`Text`] holds, in bytes: 1 GiB - 1. The offsets
/// of its private tables are `u32` (half the memory of `usize`, written for
/// every byte of the body), and every one of them is below 4 GiB when the
/// body is below 1 GiB: a code point is at least one byte and folds to at
/// most four. The pipeline attributes at most `MAX_ATTRIBUTED_CHARS`
/// (100,000) characters of a dispatch, and the configuration caps a
/// dispatch at 1 GiB; a longer body given to [`Text::new`] directly is cut
/// to its longest prefix under this bound that ends on a char boundary.
pub const MAX_TEXT_BYTES: usize = (1 << 30) - 1;

/// Where one code point sits: its byte offset in the body and the byte
/// offset in [`Text::folded`] where its folded char starts (a mark folds
/// to nothing: the next char's offset). Both tables in one, as they are
/// built and read together.
#[derive(Debug, Clone, Copy, PartialEq)]
struct At {
    byte: u32,
    fold: u32,
}

/// The body, prepared once.
#[derive(Debug)]
pub struct Text {
    pub chars: Vec<char>,
    /// Folded characters (diacritics removed), as a string for matching.
    pub folded: String,
    /// For each byte offset of `folded` that starts a char: the code-point
    /// offset in `chars` of that folded char. One extra entry at the end.
    folded_to_orig: Vec<u32>,
    /// For each code point, its byte offset in the body (so that spans are
    /// sliced, not rebuilt) and in `folded`, plus one entry at the end.
    at: Vec<At>,
    /// The body itself.
    src: String,
    pub tokens: Vec<Token>,
    /// Paragraph bounds `(start, end)` in code points; a single or double
    /// newline separates paragraphs.
    pub paragraphs: Vec<(usize, usize)>,
    /// The body folded as [`crate::outlets::Gazetteer`] folds it (its fold
    /// differs from [`fold_for_match`]), as bytes, and for each byte the
    /// code-point offset of its char, plus one entry at the end: for
    /// [`Text::outlets`].
    gazetteer_folded: Vec<u8>,
    gazetteer_cp_at: Vec<u32>,
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
///
/// Called on many short words and names by the rules, so it allocates
/// once: an ASCII string folds to its ASCII lowercase (no ASCII char is an
/// Arabic mark, and [`fold_for_match`] lowercases ASCII), copied and
/// lowercased in bulk; another is folded char by char into a string with
/// room for the input's bytes (`collect` over the filter grew it from
/// nothing, reallocating on the way).
pub fn fold_str(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .filter(|&c| !is_arabic_mark(c))
            .map(fold_for_match),
    );
    out
}

/// Everything [`Text::new`] needs to know about one two-byte code point
/// (U+0080-U+07FF: Latin-1 and Latin Extended, Greek, Cyrillic, Hebrew,
/// the Arabic block and its supplement), worked out once: the char, its
/// attribution fold ([`fold_for_match`], `None` for an [`is_arabic_mark`]),
/// its gazetteer fold ([`crate::outlets::fold_char`], already as UTF-8
/// bytes, none for an [`crate::outlets::is_ignorable`]) and its class for
/// the token scan. Built from those functions, so a look-up answers exactly
/// what they answer; the pass then copies instead of decoding, folding
/// twice and encoding each fold.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TwoByte {
    c: char,
    attr: Option<char>,
    /// The gazetteer fold's UTF-8 bytes, the first `gaz_len` of them
    /// (0: dropped).
    gaz: [u8; 2],
    gaz_len: u8,
    class: Class,
}

/// A code point's class for [`TokenScan`]: whether it is a word char
/// ([`is_word_char`]), whether it can start a token (a word char that is
/// not an Arabic mark), and whether it continues a token after a `-` (a
/// letter that is not Arabic).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Class {
    word: bool,
    starts: bool,
    joins: bool,
}

impl Class {
    fn of(c: char) -> Self {
        let word = is_word_char(c);
        Class {
            word,
            starts: word && !is_arabic_mark(c),
            joins: c.is_alphabetic() && !is_arabic_letter(c),
        }
    }
}

/// The class of an ASCII space.
const SPACE: Class = Class {
    word: false,
    starts: false,
    joins: false,
};

/// The first code point past the two-byte ones.
const TWO_BYTE_END: usize = 0x800;

/// [`TwoByte`] for every code point below [`TWO_BYTE_END`], indexed by the
/// code point; `None` below U+0080 (ASCII has its own path) and for the few
/// whose fold is not one or two bytes long (U+023A lowercases to a
/// three-byte char, say): those take the general path of [`Text::new`].
static TWO_BYTE: std::sync::LazyLock<Vec<Option<TwoByte>>> = std::sync::LazyLock::new(|| {
    (0..TWO_BYTE_END as u32)
        .map(|cp| {
            let c = char::from_u32(cp).filter(|c| c.len_utf8() == 2)?;
            let (attr, gaz) = both_folds(c);
            if attr.is_some_and(|a| a.len_utf8() > 2) || gaz.is_some_and(|g| g.len_utf8() > 2) {
                return None;
            }
            let mut bytes = [0u8; 4];
            let gaz_len = gaz.map_or(0, |g| g.encode_utf8(&mut bytes).len());
            Some(TwoByte {
                c,
                attr,
                gaz: [bytes[0], bytes[1]],
                gaz_len: gaz_len as u8,
                class: Class::of(c),
            })
        })
        .collect()
});

/// The attribution fold and the gazetteer fold of one character (`None`:
/// dropped), as [`Text::new`] builds them.
fn both_folds(c: char) -> (Option<char>, Option<char>) {
    (
        (!is_arabic_mark(c)).then(|| fold_for_match(c)),
        (!crate::outlets::is_ignorable(c)).then(|| crate::outlets::fold_char(c)),
    )
}

/// How many bytes at the start of `bytes` are ASCII: what
/// `bytes.iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len())`
/// answers, eight bytes at a time. A byte is ASCII when its top bit is
/// clear, so a word of eight bytes is all ASCII when it has none of the
/// eight top bits set; read little-endian, the first byte that is not
/// ASCII is the lowest set bit's byte. (`position` tests one byte per
/// step, and `Text::new` asks this for every run: most of an English or
/// French body.)
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk); // `chunks_exact(8)`: always 8 bytes
        let top = u64::from_le_bytes(word) & TOP_BITS;
        if top != 0 {
            return n + (top.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = words.remainder();
    n + rest
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(rest.len())
}

/// `body`, or its longest prefix of at most [`MAX_TEXT_BYTES`] bytes that
/// ends on a char boundary.
fn within_max_text_bytes(body: &str) -> &str {
    let mut cut = body.len().min(MAX_TEXT_BYTES);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    &body[..cut]
}

/// The tokens of the body, found during the pass of [`Text::new`].
///
/// A token starts at a word char ([`is_word_char`]) that is not an Arabic
/// mark, and goes on over word chars (marks included) and over a `-`
/// followed by a letter that is not Arabic ("Jean-Pierre", "al-Assad"):
/// for a `-` the next code point decides, so it is kept pending until then.
/// `i` is a code point's offset, `f` where its fold starts in `folded`.
#[derive(Default)]
struct TokenScan {
    tokens: Vec<Token>,
    /// The open token's start (code point, folded byte).
    open: Option<(usize, u32)>,
    /// A `-` in the open token that the next code point decides on.
    hyphen: Option<(usize, u32)>,
}

impl TokenScan {
    fn close(&mut self, end: usize, fold_end: u32) {
        if let Some((start, fold_start)) = self.open.take() {
            self.tokens.push(Token {
                start,
                end,
                fold_start,
                fold_end,
            });
        }
    }

    /// A pending `-` meets the next code point: it joins the token when
    /// that is a non-Arabic letter (which then continues it), otherwise the
    /// token ends before the `-`. Answers whether the code point was taken.
    fn after_hyphen(&mut self, letter: bool) -> bool {
        match self.hyphen.take() {
            Some(_) if letter => true,
            Some((h, hf)) => {
                self.close(h, hf);
                false
            }
            None => false,
        }
    }

    /// A run of ASCII bytes, the first at code point `i0`, folding at
    /// `f0` (one folded byte per byte).
    fn ascii(&mut self, run: &[u8], i0: usize, f0: u32) {
        let mut k = 0;
        while k < run.len() {
            if self.hyphen.is_some() && self.after_hyphen(run[k].is_ascii_alphabetic()) {
                k += 1;
                continue;
            }
            if self.open.is_some() {
                // The rest of the word.
                while k < run.len() && run[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                if k == run.len() {
                    break;
                }
                if run[k] == b'-' {
                    self.hyphen = Some((i0 + k, f0 + k as u32));
                } else {
                    // Not a word char, so it starts nothing either.
                    self.close(i0 + k, f0 + k as u32);
                }
                k += 1;
            } else {
                // Up to the next word.
                while k < run.len() && !run[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                if k < run.len() {
                    self.open = Some((i0 + k, f0 + k as u32));
                    k += 1;
                }
            }
        }
    }

    /// One code point that is not ASCII, of class `class` (or an ASCII
    /// space met inside a run of two-byte code points: not a word char, and
    /// [`TokenScan::ascii`] would do the same with it).
    #[inline]
    fn step(&mut self, class: Class, i: usize, f: u32) {
        if self.hyphen.is_some() && self.after_hyphen(class.joins) {
            return;
        }
        if self.open.is_some() {
            if !class.word {
                self.close(i, f);
            }
        } else if class.starts {
            self.open = Some((i, f));
        }
    }

    /// The end of the text, `len` code points folding to `fold_len` bytes.
    fn finish(mut self, len: usize, fold_len: u32) -> Vec<Token> {
        if let Some((h, hf)) = self.hyphen.take() {
            self.close(h, hf);
        }
        self.close(len, fold_len);
        self.tokens
    }
}

impl Text {
    pub fn new(body: &str) -> Self {
        let body = within_max_text_bytes(body);
        // One pass: code points, their byte offsets, the folded copy with
        // its maps both ways, the gazetteer's folded copy with its map, the
        // paragraphs and the tokens. Offsets are `u32`: the body is under
        // `MAX_TEXT_BYTES`, so every `as u32` below is exact.
        let n = body.len();
        let mut chars: Vec<char> = Vec::with_capacity(n);
        let mut at: Vec<At> = Vec::with_capacity(n + 1);
        let mut folded = String::with_capacity(n);
        let mut folded_to_orig: Vec<u32> = Vec::with_capacity(n + 1);
        let mut gazetteer_folded: Vec<u8> = Vec::with_capacity(n);
        let mut gazetteer_cp_at: Vec<u32> = Vec::with_capacity(n + 1);
        let two_byte: &[Option<TwoByte>] = &TWO_BYTE;
        let mut paragraphs = Vec::new();
        let mut para_start = 0;
        let mut words = TokenScan::default();
        let bytes = body.as_bytes();
        let mut b = 0;
        while b < n {
            // A run of ASCII (most of a Latin text, the spaces and
            // punctuation of an Arabic one): one code point and one folded
            // byte per byte, lowercased by both folds, never a mark; so
            // every table grows by a range, in bulk.
            let run = ascii_prefix_len(&bytes[b..]);
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
                words.ascii(ascii, i0, f0 as u32);
                chars.extend(ascii.iter().map(|&x| char::from(x)));
                let (byte0, fold0, cp0) = (b as u32, f0 as u32, i0 as u32);
                at.extend((0..run as u32).map(|k| At {
                    byte: byte0 + k,
                    fold: fold0 + k,
                }));
                folded.push_str(&body[b..b + run]);
                folded[f0..].make_ascii_lowercase();
                folded_to_orig.extend(cp0..cp0 + run as u32);
                gazetteer_folded.extend_from_slice(&folded.as_bytes()[f0..]);
                gazetteer_cp_at.extend(cp0..cp0 + run as u32);
                debug_assert_eq!(gazetteer_folded.len(), g0 + run);
                b += run;
                continue;
            }
            // A run of two-byte code points (an Arabic or accented word),
            // with the single spaces between them: each looked up in
            // `TWO_BYTE` and copied into every table. It stops at anything
            // else (an ASCII char that is not a space, a longer code point,
            // one of the few two-byte ones without an entry), which the
            // paths around it take.
            let run_start = b;
            while let Some(&lead) = bytes.get(b) {
                let i = chars.len();
                let f = folded.len() as u32;
                if lead == b' ' {
                    words.step(SPACE, i, f);
                    chars.push(' ');
                    at.push(At {
                        byte: b as u32,
                        fold: f,
                    });
                    folded.push(' ');
                    folded_to_orig.push(i as u32);
                    gazetteer_folded.push(b' ');
                    gazetteer_cp_at.push(i as u32);
                    b += 1;
                    continue;
                }
                // A lead byte 0xC2-0xDF starts a two-byte code point, whose
                // eleven bits are the lead's low five and the next byte's
                // low six (the body is a `&str`, so that byte is there).
                if !(0xC2..=0xDF).contains(&lead) {
                    break;
                }
                let Some(&next) = bytes.get(b + 1) else {
                    break;
                };
                let cp = (usize::from(lead & 0x1F) << 6) | usize::from(next & 0x3F);
                let Some(e) = two_byte.get(cp).copied().flatten() else {
                    break;
                };
                words.step(e.class, i, f);
                chars.push(e.c);
                at.push(At {
                    byte: b as u32,
                    fold: f,
                });
                if let Some(a) = e.attr {
                    folded.push(a);
                    if a.len_utf8() == 1 {
                        folded_to_orig.push(i as u32);
                    } else {
                        folded_to_orig.extend_from_slice(&[i as u32; 2]);
                    }
                }
                match e.gaz_len {
                    0 => {}
                    1 => {
                        gazetteer_folded.push(e.gaz[0]);
                        gazetteer_cp_at.push(i as u32);
                    }
                    _ => {
                        gazetteer_folded.extend_from_slice(&e.gaz);
                        gazetteer_cp_at.extend_from_slice(&[i as u32; 2]);
                    }
                }
                b += 2;
            }
            if b > run_start {
                continue;
            }
            // One other non-ASCII code point.
            let Some(c) = body[b..].chars().next() else {
                break;
            };
            let i = chars.len();
            let f = folded.len() as u32;
            words.step(Class::of(c), i, f);
            chars.push(c);
            at.push(At {
                byte: b as u32,
                fold: f,
            });
            let (attr, gaz) = both_folds(c);
            if let Some(f) = attr {
                folded.push(f);
                for _ in 0..f.len_utf8() {
                    folded_to_orig.push(i as u32);
                }
            }
            if let Some(g) = gaz {
                let mut buf = [0u8; 4];
                let g = g.encode_utf8(&mut buf).as_bytes();
                gazetteer_folded.extend_from_slice(g);
                for _ in 0..g.len() {
                    gazetteer_cp_at.push(i as u32);
                }
            }
            b += c.len_utf8();
        }
        if chars.len() > para_start {
            paragraphs.push((para_start, chars.len()));
        }
        at.push(At {
            byte: n as u32,
            fold: folded.len() as u32,
        });
        folded_to_orig.push(chars.len() as u32);
        gazetteer_cp_at.push(chars.len() as u32);
        let tokens = words.finish(chars.len(), folded.len() as u32);
        Text {
            chars,
            folded,
            folded_to_orig,
            at,
            src: body.to_owned(),
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
            .get(tok.fold_start as usize..tok.fold_end as usize)
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Code-point span of a match `[bs, be)` in byte offsets of `folded`.
    pub fn orig_span(&self, bs: usize, be: usize) -> (usize, usize) {
        let s = self
            .folded_to_orig
            .get(bs)
            .map_or(self.len(), |&i| i as usize);
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
                .map_or(self.len(), |&i| i as usize + 1)
        };
        (s.min(self.len()), e.min(self.len()).max(s.min(self.len())))
    }

    /// The body between two code-point offsets, clamped to the body.
    pub fn str(&self, start: usize, end: usize) -> &str {
        let e = end.min(self.len());
        let s = start.min(e);
        match (self.at.get(s), self.at.get(e)) {
            (Some(a), Some(b)) => self
                .src
                .get(a.byte as usize..b.byte as usize)
                .unwrap_or_default(),
            _ => "",
        }
    }

    /// The folded form of the body between two code-point offsets, clamped
    /// to the body: the same as `fold_str(self.str(start, end))`.
    pub fn folded_str(&self, start: usize, end: usize) -> &str {
        let e = end.min(self.len());
        let s = start.min(e);
        match (self.at.get(s), self.at.get(e)) {
            (Some(a), Some(b)) => self
                .folded
                .get(a.fold as usize..b.fold as usize)
                .unwrap_or_default(),
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

    #[test]
    fn ascii_prefix_len_is_the_position_of_the_first_other_byte() {
        let by_position = |b: &[u8]| b.iter().position(|x| !x.is_ascii()).unwrap_or(b.len());
        // every length up to three words and a tail, with the first byte
        // that is not ASCII at every offset, and none
        for len in 0..=27 {
            let ascii: Vec<u8> = (0..len).map(|k| b'a' + (k % 26) as u8).collect();
            assert_eq!(ascii_prefix_len(&ascii), len);
            for at in 0..len {
                for other in [0x80, 0xC3, 0xD8, 0xFF] {
                    let mut b = ascii.clone();
                    b[at] = other;
                    assert_eq!(ascii_prefix_len(&b), by_position(&b), "{b:?}");
                    assert_eq!(ascii_prefix_len(&b), at);
                }
            }
        }
        for s in ["", "abc", "é", "aé", "السلام", "plain ASCII text, then ق"] {
            assert_eq!(ascii_prefix_len(s.as_bytes()), by_position(s.as_bytes()));
        }
    }

    /// [`fold_str`] as it was first written: every char filtered and
    /// folded, collected into a string grown from nothing.
    fn fold_str_reference(s: &str) -> String {
        s.chars()
            .filter(|&c| !is_arabic_mark(c))
            .map(fold_for_match)
            .collect()
    }

    #[test]
    fn fold_str_folds_case_accents_and_arabic() {
        for (s, want) in [
            ("", ""),
            ("Minister", "minister"),
            ("L'ÉLU", "l'elu"),
            ("porte\u{2019}parole", "porte'parole"),
            ("Mr. O'Brien-SMITH 42", "mr. o'brien-smith 42"),
            ("الوزيرُ", "الوزير"),
            ("مسؤولة", "مسووله"),
        ] {
            assert_eq!(fold_str(s), want, "{s:?}");
            assert_eq!(fold_str_reference(s), want, "{s:?}");
        }
    }

    proptest::proptest! {
        /// ASCII (every case and punctuation), accented Latin, Arabic with
        /// marks and tatweel, typographic quotes and spaces, Greek.
        #[test]
        fn fold_str_answers_as_the_reference(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    6 => proptest::char::range('\u{0}', '\u{7f}'),
                    1 => proptest::sample::select(vec![
                        'é', 'É', 'ç', 'Ç', 'ô', 'ß', 'İ', 'Σ', 'ς', '\u{2019}', '\u{a0}',
                        'ؤ', 'ئ', 'أ', 'ة', '\u{064E}', '\u{0640}', '\u{0670}', 'ى',
                    ]),
                    1 => proptest::char::any(),
                ],
                0..24,
            ),
        ) {
            let s: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(fold_str(&s), fold_str_reference(&s));
        }
    }

    proptest::proptest! {
        /// Any bytes, mostly ASCII or not at all.
        #[test]
        fn ascii_prefix_len_answers_as_position(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![4 => 0u8..0x80, 1 => proptest::num::u8::ANY],
                0..70,
            ),
        ) {
            let want = bytes.iter().position(|x| !x.is_ascii()).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(ascii_prefix_len(&bytes), want);
        }
    }

    /// The tokens by their definition, one code point at a time (the loop
    /// `Text::new` ran before the tokens came out of its pass), as
    /// `(start, end, fold_start, fold_end)`; `folded_at` as in `Text::new`.
    fn tokens_by_definition(
        chars: &[char],
        folded_at: &[usize],
    ) -> Vec<(usize, usize, usize, usize)> {
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
                tokens.push((s, i, folded_at[s], folded_at[i]));
            } else {
                i += 1;
            }
        }
        tokens
    }

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
            "Jean-Pierre al-Assad a--b x- -y z-é z-ق z-1 ق-a ق- é-é-\u{64B} fin-".to_string(),
            "a-".to_string(),
            "-".to_string(),
            "é".to_string(),
            "ab-\u{64B}cd 12-3 x-\n-y".to_string(),
        ];
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                bodies.push(std::fs::read_to_string(&path).unwrap());
            }
        }
        assert!(bodies.len() > 10);
        for body in &bodies {
            check_against_definition(body);
        }
    }

    /// Every table of `Text::new(body)` against the plain per-code-point
    /// definition: chars, folded copy and its maps, tokens, paragraphs,
    /// and the outlets `Gazetteer::find_all` finds.
    fn check_against_definition(body: &str) {
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
        let widen = |v: &[u32]| v.iter().map(|&x| x as usize).collect::<Vec<_>>();
        assert_eq!(widen(&t.folded_to_orig), to_orig);
        let fold_at: Vec<u32> = t.at.iter().map(|a| a.fold).collect();
        let byte_at_t: Vec<u32> = t.at.iter().map(|a| a.byte).collect();
        assert_eq!(widen(&fold_at), at);
        assert_eq!(widen(&byte_at_t), byte_at);
        let tokens = |v: &[Token]| -> Vec<_> {
            v.iter()
                .map(|k| (k.start, k.end, k.fold_start as usize, k.fold_end as usize))
                .collect()
        };
        assert_eq!(tokens(&t.tokens), tokens_by_definition(&t.chars, &at));
        assert_eq!(t.paragraphs, paragraphs);
        let (mut gazetteer_folded, mut gazetteer_cp_at) = (vec![], vec![]);
        for (i, c) in body.chars().enumerate() {
            if !crate::outlets::is_ignorable(c) {
                let mut buf = [0u8; 4];
                let g = crate::outlets::fold_char(c)
                    .encode_utf8(&mut buf)
                    .as_bytes();
                gazetteer_folded.extend_from_slice(g);
                gazetteer_cp_at.extend(std::iter::repeat_n(i, g.len()));
            }
        }
        gazetteer_cp_at.push(chars.len());
        assert_eq!(t.gazetteer_folded, gazetteer_folded);
        assert_eq!(widen(&t.gazetteer_cp_at), gazetteer_cp_at);
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

    /// The code points of the Arabic blocks (the base block, its supplement,
    /// the presentation forms A and B) and the Latin-1 and Latin Extended
    /// letters (U+00C0-U+024F), plus every two-byte code point, one by one
    /// in the contexts the pass tells apart (inside a word, alone between
    /// spaces, after and before a `-`, next to a newline and to an Arabic
    /// mark): `Text::new` (its table of two-byte code points, its general
    /// path) gives what the per-code-point fold gives.
    #[test]
    fn every_arabic_and_latin_code_point_folds_as_defined() {
        let ranges = [
            0x0600..=0x06FF,
            0x0750..=0x077F,
            0xFB50..=0xFDFF,
            0xFE70..=0xFEFF,
            0x00C0..=0x024F,
            0x0080..=0x07FF,
        ];
        for range in ranges {
            let mut body = String::new();
            for c in range.filter_map(char::from_u32) {
                body.push_str(&format!(
                    "x{c}y {c} ق{c}ق -{c} a-{c}b {c}-a {c}-ق {c}\u{64B}{c}\n{c}é{c} ,{c}. "
                ));
            }
            check_against_definition(&body);
        }
    }

    /// Each entry of the table of two-byte code points is what the fold
    /// and class functions answer for its code point; only the code points
    /// whose fold is longer than two bytes lack one.
    #[test]
    fn two_byte_table_is_the_functions() {
        assert_eq!(TWO_BYTE.len(), TWO_BYTE_END);
        for cp in 0..TWO_BYTE_END as u32 {
            let entry = TWO_BYTE[cp as usize];
            let Some(c) = char::from_u32(cp).filter(|_| cp >= 0x80) else {
                assert_eq!(entry, None);
                continue;
            };
            let (attr, gaz) = both_folds(c);
            if attr.is_some_and(|a| a.len_utf8() > 2) || gaz.is_some_and(|g| g.len_utf8() > 2) {
                assert_eq!(entry, None, "U+{cp:04X}");
                continue;
            }
            let e = entry.unwrap();
            assert_eq!(e.c, c);
            assert_eq!(e.attr, attr);
            let mut buf = [0u8; 4];
            let g = gaz.map_or(&[][..], |g| g.encode_utf8(&mut buf).as_bytes());
            assert_eq!(&e.gaz[..usize::from(e.gaz_len)], g, "U+{cp:04X}");
            assert_eq!(e.class.word, is_word_char(c));
            assert_eq!(e.class.starts, is_word_char(c) && !is_arabic_mark(c));
            assert_eq!(e.class.joins, c.is_alphabetic() && !is_arabic_letter(c));
        }
        // The Arabic block and its supplement all have an entry.
        assert!((0x0600..0x0800).all(|cp| TWO_BYTE[cp].is_some()));
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
