//! What the parsers extract from raw bytes ([`Dispatch`]) and what the
//! normalization stage hands on ([`NormalizedDispatch`] with its
//! [`Normalization`] report).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Span;

/// The wire format a dispatch arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text as newspapers and Arabic agencies send it.
    Plain,
    /// IPTC ninjs JSON (1.x, 2.x or 3.x field names).
    Ninjs,
    /// IPTC NewsML-G2 `newsItem` XML.
    NewsmlG2,
    /// IPTC NITF XML.
    Nitf,
    /// IPTC 7901 (SOH/STX/ETX framed).
    Iptc7901,
    /// ANPA-1312 (SYN SYN SOH framed).
    Anpa1312,
}

impl Format {
    /// The lowercase name used in config, records and metric labels.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Ninjs => "ninjs",
            Format::NewsmlG2 => "newsml_g2",
            Format::Nitf => "nitf",
            Format::Iptc7901 => "iptc7901",
            Format::Anpa1312 => "anpa1312",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "plain" => Format::Plain,
            "ninjs" => Format::Ninjs,
            "newsml_g2" => Format::NewsmlG2,
            "nitf" => Format::Nitf,
            "iptc7901" => Format::Iptc7901,
            "anpa1312" => Format::Anpa1312,
            other => {
                return Err(format!(
                    "unknown format `{other}`; expected one of plain, ninjs, newsml_g2, nitf, iptc7901, anpa1312"
                ))
            }
        })
    }
}

/// Hints from outside the payload (transport headers, per-topic config).
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Force a format instead of sniffing it.
    pub format: Option<Format>,
    /// A charset label declared by the transport (e.g. a `content-type` header).
    pub charset: Option<String>,
}

/// A dispatch as a format parser extracted it: text fields still as decoded,
/// not yet normalized. Paragraphs in `body` are separated by `"\n\n"`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dispatch {
    /// An identifier declared by the format (ninjs `uri`, NewsML-G2 `guid`).
    pub id: Option<String>,
    pub headline: Option<String>,
    pub body: String,
    pub byline: Option<String>,
    pub slugline: Option<String>,
    /// Language declared by the format (BCP 47), if any.
    pub language: Option<String>,
    pub first_created: Option<String>,
    pub version_created: Option<String>,
    /// Agency id or name declared by format metadata (provider, source).
    pub agency: Option<String>,
    /// Place of origin declared by format metadata (ninjs `located`,
    /// NewsML-G2 `located`, NITF dateline `location`).
    pub located: Option<String>,
    /// A dateline given as its own metadata element (NewsML-G2, NITF), as
    /// written; not part of the body.
    pub dateline: Option<String>,
}

/// The output of the normalization stage: clean text plus metadata.
///
/// `body` is the normalized main body, and the reference text for every
/// character offset in the record. It keeps the dateline and a trailing
/// credit line as written (their spans are reported in [`Normalization`]);
/// a headline or byline given on lines of their own is moved out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalizedDispatch {
    pub format: Format,
    /// The charset the payload was decoded from (WHATWG label, e.g. `windows-1256`).
    pub charset: String,
    /// Identifier declared by the format, if any.
    pub id: Option<String>,
    pub headline: Option<String>,
    pub body: String,
    pub byline: Option<String>,
    pub slugline: Option<String>,
    pub first_created: Option<String>,
    pub version_created: Option<String>,
    /// Place of origin: declared by the format, else the body dateline's place.
    pub located: Option<String>,
    pub normalization: Normalization,
}

impl Default for NormalizedDispatch {
    /// An empty plain-text dispatch (handy in tests: `..Default::default()`).
    fn default() -> Self {
        NormalizedDispatch {
            format: Format::Plain,
            charset: "utf-8".into(),
            id: None,
            headline: None,
            body: String::new(),
            byline: None,
            slugline: None,
            first_created: None,
            version_created: None,
            located: None,
            normalization: Normalization::default(),
        }
    }
}

impl NormalizedDispatch {
    /// BCP 47 tag of the detected or declared language, if known.
    pub fn language(&self) -> Option<&str> {
        self.normalization.language.as_ref().map(|l| l.tag.as_str())
    }
}

/// The `normalization` member of the record: what the stage found and changed,
/// and whatever ninjs has no room for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Normalization {
    pub language: Option<LanguageGuess>,
    pub dateline: Option<Dateline>,
    /// The trailing credit line, with its span in the body.
    pub credit_line: Option<Span>,
    /// Canonical id of the agency of origin (format metadata, dateline or credit).
    pub agency: Option<String>,
    pub word_count: usize,
    pub char_count: usize,
    /// Hex SHA-256 of the normalized body.
    pub content_hash: String,
    /// 64-bit SimHash over word shingles, as 16 hex digits.
    pub simhash: String,
    /// A folded matching key (diacritics, letter variants, digits, case,
    /// quote marks); not offset-aligned with the body.
    pub search_text: String,
    /// Number of U+FFFD replacement characters introduced by decoding.
    pub replacements: usize,
    /// Some lines were UTF-8 once misread as windows-1256/1252 and were
    /// repaired (the count is `changes.mojibake_lines`).
    pub mojibake_repaired: bool,
    /// A dateline given by the format as metadata (NewsML-G2, NITF), as
    /// written; the body dateline, if any, is in `dateline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_dateline: Option<String>,
    /// Counts of every kind of change made to the text, by kind.
    pub changes: BTreeMap<String, usize>,
}

/// A detected language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageGuess {
    /// BCP 47 tag (`ar`, `en`, `fr`, ...).
    pub tag: String,
    /// 0.0 ..= 1.0; 1.0 when declared by the format.
    pub confidence: f64,
    /// Both Arabic and Latin script make up at least a fifth of the letters.
    #[serde(default)]
    pub mixed_script: bool,
}

/// The dateline opening a dispatch ("DAMASCUS, Oct 21 (Reuters) -").
///
/// `start`/`end` are code-point offsets into the normalized body (end
/// exclusive) and `text` is exactly that slice. `place` and `date` are as
/// written; `agency` is a canonical outlet id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub place: Option<String>,
    pub date: Option<String>,
    pub agency: Option<String>,
}
