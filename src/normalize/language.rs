//! Language of a dispatch: declared by the format, or detected.
//!
//! Owns: [`detect`] and BCP 47 tidying of declared tags.
//!
//! Must not touch: the text. Detection counts letters per script first:
//! text that is mostly Arabic script is `ar` (whatlang's Persian/Urdu
//! guesses on short Arabic copy are usually wrong for agency wires, so they
//! are accepted only when whatlang is confident and the text uses
//! Persian-only letters); Latin text goes to whatlang. Mixed-script text
//! (each script at least 20 % of letters, common in Arabic copy quoting
//! English names) takes the majority script's language, with a confidence
//! lowered by the minority share, and says `mixed_script: true`.

use whatlang::{Detector, Lang};

use crate::model::LanguageGuess;

/// Latin-script languages considered for Latin text.
const LATIN_WIRE_LANGS: [Lang; 10] = [
    Lang::Eng,
    Lang::Fra,
    Lang::Spa,
    Lang::Deu,
    Lang::Ita,
    Lang::Por,
    Lang::Nld,
    Lang::Tur,
    Lang::Pol,
    Lang::Swe,
];

/// Characters of text looked at.
pub const SAMPLE_CHARS: usize = 3000;

/// Minority share of letters above which text counts as mixed-script.
const MIXED_SHARE: f64 = 0.2;

/// Tidy a declared BCP 47 tag: `AR_sy` -> `ar-SY`, `fr` -> `fr`. Returns
/// `None` for things that are not language tags.
pub fn tidy_tag(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary;
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match p.len() {
            2 => out.push_str(&p.to_ascii_uppercase()),
            4 => {
                let mut cs = p.chars();
                if let Some(f) = cs.next() {
                    out.push(f.to_ascii_uppercase());
                }
                out.push_str(&cs.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Some(out)
}

/// Detect the language of `text`; `declared` (already tidied) wins with
/// confidence 1.0. `None` when the text has no letters.
pub fn detect(text: &str, declared: Option<&str>) -> Option<LanguageGuess> {
    // The opening of a dispatch decides; long texts are sampled (on a char
    // boundary) to keep detection cheap.
    // (A text of at most `SAMPLE_CHARS` bytes has at most as many chars.)
    let text = if text.len() <= SAMPLE_CHARS {
        text
    } else {
        match text.char_indices().nth(SAMPLE_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        }
    };
    let (arabic, latin, other, any_arabic_script) = script_counts(text);
    let letters = arabic + latin + other;
    let mixed = letters > 0 && {
        let minor = arabic.min(latin) as f64 / letters as f64;
        minor >= MIXED_SHARE
    };
    if let Some(tag) = declared {
        return Some(LanguageGuess {
            tag: tag.to_string(),
            confidence: 1.0,
            mixed_script: mixed,
        });
    }
    if letters == 0 {
        return None;
    }
    let arabic_share = arabic as f64 / letters as f64;
    let latin_share = latin as f64 / letters as f64;
    if arabic >= latin && arabic_share >= 0.3 {
        // Only text with Persian-only letters can be Persian or Urdu; only
        // then is whatlang asked.
        let persian_letters = text
            .chars()
            .any(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'));
        let mut tag = "ar";
        if persian_letters {
            let arabic_text: String = text
                .chars()
                .filter(|c| is_arabic_script(*c) || c.is_whitespace())
                .collect();
            match whatlang::detect(&arabic_text) {
                Some(info) if info.is_reliable() && info.lang() == Lang::Pes => tag = "fa",
                Some(info) if info.is_reliable() && info.lang() == Lang::Urd => tag = "ur",
                _ => {}
            }
        }
        return Some(LanguageGuess {
            tag: tag.into(),
            confidence: round2(arabic_share),
            mixed_script: mixed,
        });
    }
    if latin_share >= 0.3 {
        // Without any Arabic-script character the filter keeps the text as is.
        let latin_text: std::borrow::Cow<'_, str> = if any_arabic_script {
            text.chars().filter(|c| !is_arabic_script(*c)).collect()
        } else {
            text.into()
        };
        if let Some((tag, confidence)) = stopword_vote(&latin_text) {
            return Some(LanguageGuess {
                tag: tag.into(),
                confidence: round2(confidence * latin_share.max(0.5)),
                mixed_script: mixed,
            });
        }
        // Restricted to the Latin-script languages wires are written in:
        // whatlang's full set confuses short English copy with Estonian or
        // Latvian.
        let info = Detector::with_allowlist(LATIN_WIRE_LANGS.to_vec()).detect(&latin_text)?;
        let tag = bcp47(info.lang());
        return Some(LanguageGuess {
            tag,
            confidence: round2(info.confidence() * latin_share.max(0.5)),
            mixed_script: mixed,
        });
    }
    let info = whatlang::detect(text)?;
    Some(LanguageGuess {
        tag: bcp47(info.lang()),
        confidence: round2(info.confidence()),
        mixed_script: mixed,
    })
}

/// Function words that are frequent in news copy and rare in the other
/// languages of the list.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "said", "that", "is", "was", "for", "on", "with", "he",
            "it", "by", "would", "had", "have", "has", "from", "after", "at", "his", "their",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "du", "et", "est", "une", "dans", "que", "qui", "pour",
            "sur", "au", "aux", "a", "selon", "été", "avec", "par", "il", "ses", "ont", "pas",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "y", "que", "en", "una", "por", "con", "para", "según",
            "fue", "su", "al", "se",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "den", "dem", "ein",
            "eine", "sagte", "wurde", "für",
        ],
    ),
];

/// A word of at most eight bytes packed into an integer (bytes in order,
/// zero-padded, the length in the top byte), for the look-up table.
fn stopword_key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > 7 {
        return None;
    }
    let mut key = (bytes.len() as u64) << 56;
    for (i, &b) in bytes.iter().enumerate() {
        key |= u64::from(b) << (8 * i);
    }
    Some(key)
}

/// For each language of [`STOPWORDS`] (bit `i` for entry `i`), whether the
/// lowercased `word` is one of its function words: the plain search.
fn stopword_langs_slow(word: &str) -> u8 {
    let mut langs = 0u8;
    for (i, (_, words)) in STOPWORDS.iter().enumerate() {
        if words.contains(&word) {
            langs |= 1 << i;
        }
    }
    langs
}

/// Every function word of at most seven bytes with its languages (as in
/// [`stopword_langs_slow`]), sorted by [`stopword_key`]; longer words (none
/// today) are looked up the plain way.
static STOPWORD_TABLE: std::sync::LazyLock<Vec<(u64, u8)>> = std::sync::LazyLock::new(|| {
    let mut table: Vec<(u64, u8)> = STOPWORDS
        .iter()
        .flat_map(|(_, words)| words.iter())
        .filter_map(|w| Some((stopword_key(w)?, stopword_langs_slow(w))))
        .collect();
    table.sort_unstable();
    table.dedup();
    table
});

/// Vote by function words: the language with the most hits wins when it
/// has at least three and twice the runner-up. Confidence is its share of
/// all hits. Much more reliable than trigrams on a sentence or two.
fn stopword_vote(text: &str) -> Option<(&'static str, f64)> {
    // Lowercasing never shortens a word in characters, so a word longer
    // than the longest function word cannot be one: skip it unlowered.
    let longest = STOPWORDS
        .iter()
        .flat_map(|(_, words)| words.iter())
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let mut hits = [0usize; STOPWORDS.len()];
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        if word.chars().nth(longest).is_some() {
            continue;
        }
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let langs = match (stopword_key(&lower), STOPWORD_TABLE.as_slice()) {
            (Some(key), table) => table
                .binary_search_by_key(&key, |&(k, _)| k)
                .map_or(0, |i| table[i].1),
            (None, _) => stopword_langs_slow(&lower),
        };
        for (i, hit) in hits.iter_mut().enumerate() {
            *hit += usize::from(langs & (1 << i) != 0);
        }
    }
    let total: usize = hits.iter().sum();
    let (best, &top) = hits.iter().enumerate().max_by_key(|(_, &n)| n)?;
    let second = hits
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, &n)| n)
        .max()
        .unwrap_or(0);
    (top >= 3 && top >= 2 * second).then(|| (STOPWORDS[best].0, top as f64 / total as f64))
}

/// Rounded to two decimals and capped at 0.99: 1.0 is kept for languages
/// declared by the format.
fn round2(x: f64) -> f64 {
    (x.clamp(0.0, 0.99) * 100.0).round() / 100.0
}

fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// Letters of the Arabic script, of the Latin script and of others, and
/// whether any Arabic-script character (letter or not) occurs.
fn script_counts(text: &str) -> (usize, usize, usize, bool) {
    let (mut arabic, mut latin, mut other) = (0, 0, 0);
    let mut any_arabic_script = false;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                latin += 1;
            }
        } else if is_arabic_script(c) {
            any_arabic_script = true;
            // Letters of the Arabic block without the slow Unicode lookup;
            // digits, punctuation and marks are not letters.
            if crate::normalize::text::is_letter(c) {
                arabic += 1;
            }
        } else if c.is_alphabetic() {
            if ('\u{00C0}'..='\u{024F}').contains(&c) {
                latin += 1;
            } else {
                other += 1;
            }
        }
    }
    (arabic, latin, other, any_arabic_script)
}

/// whatlang's ISO 639-3 code to the shortest BCP 47 tag for the languages
/// wires use; others keep their 639-3 code (valid BCP 47).
fn bcp47(lang: Lang) -> String {
    match lang {
        Lang::Ara => "ar",
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Deu => "de",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Rus => "ru",
        Lang::Tur => "tr",
        Lang::Pes => "fa",
        Lang::Urd => "ur",
        Lang::Heb => "he",
        Lang::Nld => "nl",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Ukr => "uk",
        Lang::Pol => "pl",
        other => return other.code().to_string(),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_tidied() {
        assert_eq!(tidy_tag("AR_sy").as_deref(), Some("ar-SY"));
        assert_eq!(tidy_tag("fr").as_deref(), Some("fr"));
        assert_eq!(tidy_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(tidy_tag("not a tag"), None);
    }

    #[test]
    fn detects_three_languages() {
        let ar = detect(
            "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف",
            None,
        )
        .unwrap();
        assert_eq!(ar.tag, "ar");
        assert!(!ar.mixed_script);
        let en = detect(
            "The minister said the talks would resume next week in Geneva after a pause.",
            None,
        )
        .unwrap();
        assert_eq!(en.tag, "en");
        let fr = detect("Le ministre a déclaré que les discussions reprendraient la semaine prochaine à Genève.", None).unwrap();
        assert_eq!(fr.tag, "fr");
    }

    #[test]
    fn mixed_script() {
        let g = detect(
            "قال المتحدث باسم Google Inc إن الشركة Alphabet ستعلن النتائج",
            None,
        )
        .unwrap();
        assert_eq!(g.tag, "ar");
        assert!(g.mixed_script);
        assert!(g.confidence < 1.0);
    }

    #[test]
    fn stopword_table_agrees_with_the_lists() {
        assert!(STOPWORDS.len() <= 8);
        for (_, words) in STOPWORDS {
            for w in *words {
                let key = stopword_key(w).expect("function words are short");
                let i = STOPWORD_TABLE
                    .binary_search_by_key(&key, |&(k, _)| k)
                    .expect("in the table");
                assert_eq!(STOPWORD_TABLE[i].1, stopword_langs_slow(w), "{w}");
            }
        }
        // Keys are distinct for distinct words (length in the top byte).
        assert_ne!(stopword_key("a"), stopword_key("a\0"));
    }

    #[test]
    fn declared_wins() {
        let g = detect("The minister said", Some("fr")).unwrap();
        assert_eq!((g.tag.as_str(), g.confidence), ("fr", 1.0));
    }
}
