//! Format sniffing and the per-format parsers.
//!
//! Owns: [`sniff`] (which format a decoded payload is in) and [`parse`]
//! (dispatching to one parser per format). Each parser turns decoded text
//! into a [`Dispatch`]: text fields as the format gives them, the body as
//! paragraphs separated by blank lines (or, for plain text, as written).
//!
//! Must not touch: text clean-up, metadata detection in the body (dateline,
//! byline, credit line) and fingerprints; those run on every format's output
//! in the parent module, so every format gets the same treatment.

pub mod anpa;
pub mod framed;
pub mod iptc7901;
pub mod newsml_g2;
pub mod ninjs;
pub mod nitf;
pub mod plain;
pub mod xml;

use crate::error::{ErrorKind, Stage, StageError};
use crate::model::{Dispatch, Format};

/// ASCII framing characters of the wire formats.
pub const SOH: char = '\u{01}';
pub const STX: char = '\u{02}';
pub const ETX: char = '\u{03}';
pub const SYN: char = '\u{16}';

/// Guess the format of a decoded payload from its first characters.
///
/// `{` is JSON (ninjs), `<` is XML (the root element name decides between
/// NewsML-G2 and NITF; other XML is unsupported), SYN or SOH framing is
/// ANPA-1312 or IPTC 7901, anything else is plain text.
pub fn sniff(text: &str) -> Result<Format, StageError> {
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    match head.chars().next() {
        Some('{') => Ok(Format::Ninjs),
        Some('[') if looks_like_json_array(head) => Err(StageError::new(
            Stage::Parse,
            ErrorKind::UnsupportedFormat,
            "a JSON array is not a ninjs item (send one item per message)",
        )),
        Some('<') => match xml_root_name(head) {
            Some(name) if is_newsml(&name) => Ok(Format::NewsmlG2),
            Some(name) if name == "nitf" => Ok(Format::Nitf),
            Some(name) => Err(StageError::new(
                Stage::Parse,
                ErrorKind::UnsupportedFormat,
                format!("XML with root element <{name}> is neither NewsML-G2 nor NITF"),
            )),
            // `<` followed by no element name: text that starts with "<".
            None => Ok(Format::Plain),
        },
        Some(SYN) => Ok(Format::Anpa1312),
        Some(SOH) => Ok(if framed::looks_like_anpa_header(head) {
            Format::Anpa1312
        } else {
            Format::Iptc7901
        }),
        _ => Ok(Format::Plain),
    }
}

fn is_newsml(name: &str) -> bool {
    matches!(name, "newsItem" | "newsMessage" | "packageItem" | "NewsML")
}

fn looks_like_json_array(s: &str) -> bool {
    let rest = s[1..].trim_start();
    rest.starts_with('{') || rest.starts_with(']') || rest.starts_with('"')
}

/// The local name of the first element, skipping the XML declaration,
/// comments, processing instructions and a DOCTYPE (without reading it).
fn xml_root_name(s: &str) -> Option<String> {
    let mut rest = s;
    for _ in 0..64 {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest.starts_with("<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            let r = &rest[2..];
            let end = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => {
                    let close = b + r[b..].find(']')?;
                    close + r[close..].find('>')? + 1
                }
                (_, Some(g)) => g + 1,
                _ => return None,
            };
            rest = r.get(end..)?;
        } else {
            let r = rest.strip_prefix('<')?;
            if !r.starts_with(|c: char| c.is_alphabetic() || c == '_') {
                return None;
            }
            let name: String = r
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.'))
                .collect();
            if name.is_empty() {
                return None;
            }
            return Some(match name.rsplit_once(':') {
                Some((_, l)) => l.to_string(),
                None => name,
            });
        }
    }
    None
}

/// Parse decoded text in the given format.
pub fn parse(format: Format, text: &str) -> Result<Dispatch, StageError> {
    match format {
        Format::Plain => Ok(plain::parse(text)),
        Format::Ninjs => ninjs::parse(text),
        Format::NewsmlG2 => newsml_g2::parse(text),
        Format::Nitf => nitf::parse(text),
        Format::Iptc7901 => Ok(iptc7901::parse(text)),
        Format::Anpa1312 => Ok(anpa::parse(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff("  {\"uri\":1}").unwrap(), Format::Ninjs);
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<!-- x --><newsItem/>").unwrap(),
            Format::NewsmlG2
        );
        assert_eq!(
            sniff("<!DOCTYPE nitf [<!ENTITY a \"b\">]><nitf/>").unwrap(),
            Format::Nitf
        );
        assert_eq!(
            sniff("<g2:newsItem xmlns:g2='x'/>").unwrap(),
            Format::NewsmlG2
        );
        assert_eq!(
            sniff("\u{16}\u{16}\u{01}a0123 r i BC-Syria").unwrap(),
            Format::Anpa1312
        );
        assert_eq!(
            sniff("\u{01}ZCZC\n\u{02}x\u{03}").unwrap(),
            Format::Iptc7901
        );
        assert_eq!(sniff("دمشق - سانا").unwrap(), Format::Plain);
        assert_eq!(sniff("<3 love").unwrap(), Format::Plain);
        assert_eq!(
            sniff("<html><body/></html>").unwrap_err().kind,
            ErrorKind::UnsupportedFormat
        );
        assert_eq!(
            sniff("[{\"a\":1}]").unwrap_err().kind,
            ErrorKind::UnsupportedFormat
        );
        assert_eq!(sniff("[Reuters] text").unwrap(), Format::Plain);
    }
}
