//! Bytes to text: charset choice, decoding, mojibake repair and the
//! "is this text at all?" check.
//!
//! Owns: BOM detection, the charset precedence (BOM > transport header >
//! XML `encoding` declaration > valid UTF-8 > `chardetng` guess), decoding
//! with `encoding_rs` (never aborting on bad bytes), repair of UTF-8 text that
//! was once misread as windows-1256 or windows-1252, and the garbage verdict.
//!
//! Must not touch: format structure or text clean-up. The text it returns is
//! exactly what the bytes say (after repair); controls, odd spaces and so on
//! are left for `text.rs`, so the framing characters of IPTC 7901 and
//! ANPA-1312 (SOH, STX, ETX) survive for the format parsers.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1256};

use crate::error::{ErrorKind, Stage, StageError};

/// The decoded payload and what decoding did to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the charset the bytes were read as (`UTF-8`,
    /// `windows-1256`, ...), lowercased.
    pub charset: String,
    /// U+FFFD characters introduced by decoding invalid byte sequences.
    pub replacements: usize,
    /// Lines repaired because they were UTF-8 misread as a legacy charset.
    pub mojibake_lines: usize,
}

/// A dispatch is rejected as `undecodable` when more than this share of its
/// non-space characters are replacement characters...
const MAX_REPLACEMENT_SHARE: f64 = 0.2;
/// ...or when more than this share are control characters that no text
/// format uses (C0 other than tab, line feed, form feed, carriage return and
/// the wire framing characters; C1). Random bytes read as a single-byte
/// charset give about 10 %; real copy, almost none.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Decode `payload` to text.
///
/// `transport` is a charset label from outside the payload (a Kafka header,
/// per-topic config). Unknown labels are ignored rather than fatal.
pub fn decode(payload: &[u8], transport: Option<&str>) -> Result<Decoded, StageError> {
    let (encoding, body) = choose(payload, transport);
    // `decode_without_bom_handling` because `choose` already stripped the BOM.
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let replacements = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    let mut text = text.into_owned();
    let mut mojibake_lines = 0;
    if let Some((fixed, n)) = repair_mojibake(&text) {
        text = fixed;
        mojibake_lines = n;
    }
    garbage_check(&text, replacements)?;
    Ok(Decoded {
        text,
        charset: encoding.name().to_ascii_lowercase(),
        replacements,
        mojibake_lines,
    })
}

/// Pick the encoding and return the bytes to decode (BOM removed).
fn choose<'a>(payload: &'a [u8], transport: Option<&str>) -> (&'static Encoding, &'a [u8]) {
    if let Some((enc, bom_len)) = Encoding::for_bom(payload) {
        return (enc, &payload[bom_len..]);
    }
    if let Some(enc) = transport.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        return (enc, payload);
    }
    if let Some(enc) = xml_declared_encoding(payload) {
        return (ascii_compatible(enc), payload);
    }
    if std::str::from_utf8(payload).is_ok() {
        return (UTF_8, payload);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(payload, true);
    (detector.guess(None, true), payload)
}

/// A declaration inside the bytes cannot claim UTF-16 (the declaration itself
/// was readable as ASCII, so the bytes are not UTF-16); WHATWG does the same.
fn ascii_compatible(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        enc
    }
}

/// The `encoding="..."` of an `<?xml ...?>` declaration at the very start.
pub fn xml_declared_encoding(payload: &[u8]) -> Option<&'static Encoding> {
    let start = payload.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &payload[start..payload.len().min(start + 256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[at + 8..];
    let rest = &rest[rest.iter().position(|&b| b == b'"' || b == b'\'')?..];
    let quote = rest[0];
    let value = &rest[1..];
    let close = value.iter().position(|&b| b == quote)?;
    Encoding::for_label(&value[..close])
}

/// For one legacy charset, the byte each non-ASCII character decodes from
/// (0x80–0xFF), sorted by character for binary search.
struct ByteMap(Vec<(char, u8)>);

impl ByteMap {
    fn new(enc: &'static Encoding) -> ByteMap {
        let mut pairs = Vec::with_capacity(128);
        for b in 0x80u8..=0xFF {
            let bytes = [b];
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
            let mut chars = text.chars();
            if let (false, Some(c), None) = (had_errors, chars.next(), chars.next()) {
                pairs.push((c, b));
            }
        }
        pairs.sort_unstable();
        ByteMap(pairs)
    }

    fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        self.0
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .map(|i| self.0[i].1)
    }
}

static MAPS: LazyLock<[ByteMap; 2]> =
    LazyLock::new(|| [ByteMap::new(WINDOWS_1256), ByteMap::new(WINDOWS_1252)]);

/// Repair lines that are UTF-8 bytes once decoded as windows-1256 or
/// windows-1252 ("Ø§Ù„Ø³Ù„Ø§Ù…" / "ط§ظ„ط³ظ„ط§ظ…" for "السلام", "cafÃ©" for
/// "café").
///
/// The test: map every character back to the byte it was decoded from in
/// the suspected charset; if all map, and the bytes are valid UTF-8
/// containing multi-byte sequences, the text was mojibake. Genuine legacy
/// text almost never passes: in windows-1252 an accented letter is a lone
/// high byte, which is invalid UTF-8; in windows-1256 Arabic letters are
/// bytes C1–FE, never the 80–BF continuation bytes UTF-8 needs after a lead
/// byte.
///
/// Whole lines are tried first; in a line that mixes good text and
/// mojibake, words (UTF-8 sequences never contain an ASCII space) of at
/// least four characters are repaired one by one, shorter ones being too
/// short to tell.
///
/// Returns the repaired text and the number of lines repaired, or `None`
/// when nothing needed repair.
pub fn repair_mojibake(text: &str) -> Option<(String, usize)> {
    // Cheap gate: mojibake always contains a character standing for a UTF-8
    // lead byte: Â–ô in windows-1252 (C2–F4), or in windows-1256 the letters
    // ط ظ ع غ (D8–DB, the leads of Arabic) and the Latin letters it keeps.
    if !text
        .chars()
        .any(|c| matches!(c, '\u{00C2}'..='\u{00F4}' | 'ط' | 'ظ' | 'ع' | 'غ'))
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0;
    let mut buf = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A repair needs a multi-byte sequence, so two neighbouring
        // characters mapping to a lead byte and a continuation byte (in the
        // same charset) in the line; genuine text rarely has one.
        if !has_lead_then_continuation(line) {
            out.push_str(line);
            continue;
        }
        match repair_span(line, &mut buf).or_else(|| repair_words(line, &mut buf)) {
            Some(fixed) => {
                out.push_str(&fixed);
                repaired += 1;
            }
            None => out.push_str(line),
        }
    }
    (repaired > 0).then_some((out, repaired))
}

/// Per character U+0080–U+07FF, the UTF-8 roles of the byte it decodes
/// from: bit 0 lead byte (C2–F4) in windows-1256, bit 1 continuation byte
/// (80–BF) in windows-1256, bits 2 and 3 the same in windows-1252. Other
/// characters are looked up in the [`ByteMap`]s.
static ROLES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0x80u32..0x800)
        .map(|u| char::from_u32(u).map_or(0, roles_of))
        .collect()
});

fn roles_of(c: char) -> u8 {
    let mut roles = 0;
    for (i, map) in MAPS.iter().enumerate() {
        match map.byte(c) {
            Some(0xC2..=0xF4) => roles |= 1 << (2 * i),
            Some(0x80..=0xBF) => roles |= 2 << (2 * i),
            _ => {}
        }
    }
    roles
}

/// Whether some character of `s` maps to a UTF-8 lead byte and the next one
/// to a continuation byte, in the same one of the two charsets: necessary
/// for [`repair_span`] to repair `s` or any part of it (a repaired text
/// holds a multi-byte sequence, and each character maps to one byte).
fn has_lead_then_continuation(s: &str) -> bool {
    let mut prev = 0u8;
    for c in s.chars() {
        if c.is_ascii() {
            prev = 0;
            continue;
        }
        let roles = match ROLES.get((c as usize).wrapping_sub(0x80)) {
            Some(&r) => r,
            None => roles_of(c),
        };
        // The previous character's lead bits against this one's
        // continuation bits (shifted down onto them).
        if prev & (roles >> 1) & 0b0101 != 0 {
            return true;
        }
        prev = roles;
    }
    false
}

/// The repaired form of `s` if it is mojibake in one of the two charsets.
fn repair_span(s: &str, buf: &mut Vec<u8>) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    for map in MAPS.iter() {
        buf.clear();
        // Stop at the first byte that breaks the lead/continuation
        // structure of UTF-8: such bytes are never valid UTF-8, and genuine
        // text usually breaks it within a character or two.
        let mut pending = 0u8;
        let all_map = s.chars().all(|c| match map.byte(c) {
            Some(b) => {
                if pending > 0 {
                    if b & 0xC0 != 0x80 {
                        return false;
                    }
                    pending -= 1;
                } else {
                    pending = match b {
                        0x00..=0x7F => 0,
                        0xC2..=0xDF => 1,
                        0xE0..=0xEF => 2,
                        0xF0..=0xF4 => 3,
                        _ => return false,
                    };
                }
                buf.push(b);
                true
            }
            None => false,
        });
        if !all_map {
            continue;
        }
        let Ok(fixed) = std::str::from_utf8(buf) else {
            continue;
        };
        // At least one multi-byte sequence, a real gain (every repaired
        // character was two to four mojibake characters), and only
        // characters that the copy we read could contain.
        if !fixed.is_ascii()
            && fixed.chars().count() < s.chars().count()
            && fixed.chars().all(is_plausible_repair)
        {
            let fixed = fixed.to_string();
            // Twice-mangled text gets a second pass.
            return Some(repair_span(&fixed, buf).unwrap_or(fixed));
        }
    }
    None
}

/// Whether a character may come out of a repair: ASCII and the blocks that
/// Arabic, English and French copy is written in (Latin with its
/// extensions and modifier letters, as in transliterations like "Qurʼan"
/// and "Ḥamāh", Arabic, general punctuation, currency and letterlike
/// symbols, the symbol blocks of emoji, and emoji).
///
/// Genuine French text can look like windows-1252 mojibake: "é" is byte
/// E9, a UTF-8 lead byte, and the no-break space and "»" that follow it in
/// "mal ficelé »" are A0 and BB, continuation bytes. Taken as UTF-8 they
/// spell "頻", a CJK ideograph; such outcomes (CJK, Samaritan, Indic, IPA,
/// Hebrew accents...) mean the text was not mojibake.
fn is_plausible_repair(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{024F}'        // ASCII, Latin-1, Latin Extended-A/B
        | '\u{02B0}'..='\u{02FF}'   // spacing modifier letters
        | '\u{0300}'..='\u{036F}'   // combining diacritics
        | '\u{0600}'..='\u{06FF}'   // Arabic
        | '\u{0750}'..='\u{077F}'   // Arabic Supplement
        | '\u{1E00}'..='\u{1EFF}'   // Latin Extended Additional
        | '\u{2000}'..='\u{206F}'   // general punctuation
        | '\u{20A0}'..='\u{20CF}'   // currency symbols
        | '\u{2100}'..='\u{214F}'   // letterlike symbols
        | '\u{2190}'..='\u{2BFF}'   // arrows, shapes, symbols, dingbats (✅ ❤)
        | '\u{FB50}'..='\u{FDFF}'   // Arabic presentation forms
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{1F000}'..='\u{1FAFF}' // emoji
    )
}

fn repair_words(line: &str, buf: &mut Vec<u8>) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut any = false;
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let candidate = if word.is_ascii() || word.chars().count() < 4 {
            None
        } else {
            repair_span(word, buf)
        };
        match candidate {
            Some(fixed) => {
                out.push_str(&fixed);
                any = true;
            }
            None => out.push_str(word),
        }
    }
    any.then_some(out)
}

fn garbage_check(text: &str, replacements: usize) -> Result<(), StageError> {
    let mut visible = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        let is_bad_control = matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
            && !matches!(
                c,
                '\t' | '\u{0C}' | '\u{01}' | '\u{02}' | '\u{03}' | '\u{04}' | '\u{16}'
            );
        if is_bad_control {
            controls += 1;
        }
    }
    if visible == 0 {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::Empty,
            "the payload contains only white space",
        ));
    }
    let share = |n: usize| n as f64 / visible as f64;
    if share(replacements) > MAX_REPLACEMENT_SHARE {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::Undecodable,
            format!(
                "{replacements} of {visible} characters are undecodable byte sequences; the payload is not text in a supported charset"
            ),
        ));
    }
    if share(controls) > MAX_CONTROL_SHARE {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::Undecodable,
            format!("{controls} of {visible} characters are control codes; the payload is binary, not text"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_table_agrees_with_the_maps() {
        for u in 0x80u32..0x800 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(ROLES[(u - 0x80) as usize], roles_of(c));
            }
        }
        // "é" as UTF-8 read in windows-1252, and "ال" read in windows-1256.
        assert!(has_lead_then_continuation("cafÃ©"));
        assert!(has_lead_then_continuation("ط§ظ„"));
        assert!(!has_lead_then_continuation("السلام عليكم"));
        assert!(!has_lead_then_continuation("café"));
    }

    #[test]
    fn utf8_plain() {
        let d = decode("دمشق - سانا".as_bytes(), None).unwrap();
        assert_eq!(d.charset, "utf-8");
        assert_eq!(d.text, "دمشق - سانا");
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn boms_are_honoured_and_stripped() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Paris".as_bytes());
        assert_eq!(decode(&b, None).unwrap().text, "Paris");
        let mut b = vec![0xFF, 0xFE];
        for u in "سلام عليكم".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, None).unwrap();
        assert_eq!(d.charset, "utf-16le");
        assert_eq!(d.text, "سلام عليكم");
        let mut b = vec![0xFE, 0xFF];
        for u in "Genève".encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&b, None).unwrap().text, "Genève");
    }

    #[test]
    fn utf16_without_bom_by_transport_label() {
        let mut b = Vec::new();
        for u in "قال الوزير".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, Some("utf-16le")).unwrap();
        assert_eq!(d.text, "قال الوزير");
    }

    #[test]
    fn windows_1256_is_detected() {
        let text = "قال الرئيس السوري إن الحكومة ستعمل على تحسين الأوضاع الاقتصادية في البلاد خلال الأشهر المقبلة، وفق ما نقلت وكالة الأنباء الرسمية.";
        let (bytes, _, _) = WINDOWS_1256.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.charset, "windows-1256");
        assert_eq!(d.text, text);
    }

    #[test]
    fn iso_8859_6_by_transport_label() {
        let text = "قال الوزير";
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode(text);
        let d = decode(&bytes, Some("ISO-8859-6")).unwrap();
        assert_eq!(d.charset, "iso-8859-6");
        assert_eq!(d.text, text);
    }

    #[test]
    fn windows_1252_is_detected() {
        let text = "Le président a déclaré à la presse qu'il était très préoccupé par la situation économique à Genève.";
        let (bytes, _, _) = WINDOWS_1252.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.charset, "windows-1252");
        assert_eq!(d.text, text);
    }

    #[test]
    fn xml_declaration_wins_over_sniffing() {
        let xml = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><p>قال</p>";
        let (bytes, _, _) = WINDOWS_1256.encode(xml);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.charset, "windows-1256");
        assert!(d.text.contains("قال"));
    }

    #[test]
    fn mojibake_via_1252_and_1256_is_repaired() {
        let original = "السلام عليكم ورحمة الله";
        let (as1252, _, _) = WINDOWS_1252.decode(original.as_bytes());
        assert!(as1252.starts_with("Ø§Ù"));
        let d = decode(as1252.as_bytes(), None).unwrap();
        assert_eq!(d.text, original);
        assert_eq!(d.mojibake_lines, 1);

        let (as1256, _, _) = WINDOWS_1256.decode(original.as_bytes());
        assert!(as1256.starts_with("ط§ظ"));
        let (fixed, n) = repair_mojibake(&as1256).unwrap();
        assert_eq!((fixed.as_str(), n), (original, 1));

        let (fr, _, _) = WINDOWS_1252.decode("Le café de Genève".as_bytes());
        assert_eq!(repair_mojibake(&fr).unwrap().0, "Le café de Genève");
        let (q, _, _) = WINDOWS_1252.decode("He said “it’s over” — 😀".as_bytes());
        assert_eq!(repair_mojibake(&q).unwrap().0, "He said “it’s over” — 😀");
    }

    #[test]
    fn mixed_lines_are_repaired_word_by_word() {
        let (garbled, _, _) = WINDOWS_1256.decode("الرئيس".as_bytes());
        let line = format!("قال {garbled} إن");
        assert_eq!(repair_mojibake(&line).unwrap().0, "قال الرئيس إن");
    }

    #[test]
    fn utf8_labelled_as_windows_1256_is_repaired() {
        let d = decode("قال الرئيس السوري".as_bytes(), Some("windows-1256")).unwrap();
        assert_eq!(d.text, "قال الرئيس السوري");
        assert_eq!(d.mojibake_lines, 1);
    }

    #[test]
    fn genuine_text_is_not_repaired() {
        for s in [
            "قال الرئيس السوري بشار الأسد في دمشق",
            "Le président à Genève, déçu, a dit «non».",
            "Ça va — très bien. Zürich, Ørsted, Ÿ",
            "ظلام عظيم غريب طويل",
            "فقط، ضبط، شرط، ربط، خط، قط",
            "Größe Ärger Ökonomie Übermut naïve",
            // French typography: a no-break space before the closing
            // guillemet; "é\u{A0}»" is E9 A0 BB in windows-1252, "頻".
            "Le texte est « mal ficelé\u{A0}» hier, a-t-il dit.",
            "« Il faut y aller\u{A0}», « c'est déjà\u{A0}», « été\u{A0}»",
        ] {
            assert_eq!(repair_mojibake(s), None, "{s}");
        }
    }

    #[test]
    fn invalid_utf8_counts_replacements() {
        let mut b = "Reuters reported on Monday that the talks had"
            .as_bytes()
            .to_vec();
        b.extend_from_slice(&[0xC3, 0x28]);
        b.extend_from_slice(b" stalled.");
        let d = decode(&b, Some("utf-8")).unwrap();
        assert_eq!(d.replacements, 1);
    }

    #[test]
    fn binary_is_undecodable() {
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        assert_eq!(
            decode(&bytes, None).unwrap_err().kind,
            ErrorKind::Undecodable
        );
        let bad = vec![0xFFu8; 100];
        assert_eq!(
            decode(&bad, Some("utf-8")).unwrap_err().kind,
            ErrorKind::Undecodable
        );
    }
}
