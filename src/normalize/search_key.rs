//! The `search_text` matching key: the normalized body folded so that
//! spelling variants meet, in the spirit of CAMeL Tools' normalizers and
//! Lucene's Arabic normalizer.
//!
//! Owns: [`search_key`]. Folds: Arabic diacritics (U+064B–U+065F, U+0670)
//! and Quranic annotation marks removed; alef variants (أ إ آ ٱ) to ا; alef
//! maksura ى to ي; teh marbuta ة to ه; Persian yeh/keheh (ی ک) to Arabic
//! ي ك; Arabic-Indic and Persian digits to ASCII; Arabic comma, semicolon and
//! question mark to ASCII; every quote mark to `"`; dashes to `-`; Latin
//! lowercased with accents stripped (NFD, combining marks dropped; œ æ ß
//! expanded); white space collapsed.
//!
//! Must not touch: the body itself. The key is not offset-aligned with the
//! body and must never be used to compute spans.

use unicode_normalization::UnicodeNormalization;

/// Fold `text` into its matching key.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // ASCII and Arabic are folded as they are (decomposing Arabic would turn
    // ؤ and ئ into bare و and ي); everything else is decomposed first so
    // accents can be dropped. Marks of other scripts that survive are
    // recomposed at the end.
    let mut needs_nfc = false;
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without the general folding table.
            if c.is_ascii_whitespace() || c == '\u{0B}' {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(match c {
                '"' | '\'' | '`' => '"',
                c => c.to_ascii_lowercase(),
            });
        } else if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
            && !matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ة')
        {
            // Arabic letters that `fold_one` keeps as they are (no case, not
            // marks, not space), without its tables.
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            fold_one(c, &mut out, &mut pending_space, &mut needs_nfc);
        } else {
            for d in std::iter::once(c).nfd() {
                fold_one(d, &mut out, &mut pending_space, &mut needs_nfc);
            }
        }
    }
    if needs_nfc {
        out.nfc().collect()
    } else {
        out
    }
}

/// Fold one (decomposed) character onto `out`.
fn fold_one(c: char, out: &mut String, pending_space: &mut bool, needs_nfc: &mut bool) {
    if c.is_whitespace() {
        *pending_space = !out.is_empty();
        return;
    }
    let folded: &str = match c {
        // Latin combining accents (after NFD), Arabic harakat, shadda,
        // sukun, maddah/hamza marks, superscript alef, Quranic marks.
        '\u{0300}'..='\u{036F}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => return,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ا' => "ا",
        'ى' | 'ی' | 'ي' => "ي",
        'ة' => "ه",
        'ک' | 'ك' => "ك",
        '٠' | '۰' => "0",
        '١' | '۱' => "1",
        '٢' | '۲' => "2",
        '٣' | '۳' => "3",
        '٤' | '۴' => "4",
        '٥' | '۵' => "5",
        '٦' | '۶' => "6",
        '٧' | '۷' => "7",
        '٨' | '۸' => "8",
        '٩' | '۹' => "9",
        '٫' => ".",
        '٬' => ",",
        '،' => ",",
        '؛' => ";",
        '؟' => "?",
        '«' | '»' | '“' | '”' | '„' | '‟' | '"' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '\''
        | '`' | '´' | '〝' | '〞' | '＂' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        _ => "",
    };
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    if folded.is_empty() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            return;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            *needs_nfc = true;
        }
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            // Arabic has no case.
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    } else {
        out.push_str(folded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letter_fast_path_agrees_with_fold_one() {
        for c in ('\u{0621}'..='\u{063A}').chain('\u{0641}'..='\u{064A}') {
            if matches!(c, 'أ' | 'إ' | 'آ' | 'ى' | 'ة') {
                continue;
            }
            let (mut out, mut pending, mut nfc) = (String::from("x"), true, false);
            fold_one(c, &mut out, &mut pending, &mut nfc);
            assert_eq!(out, format!("x {c}"));
            assert!(!pending && !nfc);
        }
    }

    #[test]
    fn arabic_folds() {
        assert_eq!(
            search_key("أَعلنَ إبراهيم آمال مستشفى المدرسة"),
            "اعلن ابراهيم امال مستشفي المدرسه"
        );
        assert_eq!(search_key("عام ٢٠٢٤ و۱۴۰۳"), "عام 2024 و1403");
        assert_eq!(search_key("قال، «نعم»؛ لماذا؟"), "قال, \"نعم\"; لماذا?");
    }

    #[test]
    fn latin_folds() {
        assert_eq!(
            search_key("Élysée  a DÉCLARÉ “Œuvre”"),
            "elysee a declare \"oeuvre\""
        );
    }

    #[test]
    fn idempotent() {
        let s = "أَعلنَ «Élysée» ٢٠٢٤ مؤتمر";
        assert_eq!(search_key(&search_key(s)), search_key(s));
    }
}
