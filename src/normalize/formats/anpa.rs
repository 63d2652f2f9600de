//! ANPA-1312 (SYN SYN SOH header STX body ETX trailer).
//!
//! Owns: reading the header (selector code, priority, category, slug
//! keyword such as `BC-Syria-Talks`, version, word count), the heading lines
//! before the first tab-led paragraph (the first one that is not the slug is
//! the headline; `^` and `<` format codes are dropped), and the trailer date
//! `MM-DD-YY HHMMGMT` (optionally after an `AP-XX-` prefix), which becomes
//! `version_created` in ISO 8601.
//!
//! Must not touch: text clean-up; the shared metadata rules (dateline,
//! byline, credit line) run on the body afterwards.

use regex::Regex;
use std::sync::LazyLock;

use super::framed::{body_lines, split_frame};
use super::iptc7901::header_agency;
use crate::model::Dispatch;

static TRAILER_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s-])(\d{2})-(\d{2})-(\d{2})\s+(\d{2})(\d{2})\s?(?:GMT|UTC|Z)\b").ok()
});

pub fn parse(text: &str) -> Dispatch {
    let frame = split_frame(text);
    let header = frame.header.trim();
    // Header: selector, priority, category, keyword (slug), version, word count.
    let words: Vec<&str> = header.split_whitespace().collect();
    let slug = words
        .iter()
        .find(|w| w.contains('-') && w.chars().any(|c| c.is_ascii_alphabetic()) && w.len() > 3)
        .map(|w| {
            w.trim_end_matches(|c: char| c == ',' || c.is_ascii_digit())
                .trim_end_matches(',')
                .to_string()
        });
    let cleaned: String = frame
        .body
        .lines()
        .map(|l| l.replace('^', "").trim_end_matches('<').to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let (head, mut paras) = body_lines(&cleaned);
    let mut headline = None;
    let mut rest = Vec::new();
    for line in head {
        let is_slug =
            slug.as_deref().is_some_and(|s| line.starts_with(s)) || line.starts_with("BC-");
        if is_slug || line.is_empty() {
            continue;
        }
        if headline.is_none() {
            headline = Some(line);
        } else {
            rest.push(line);
        }
    }
    // A trailer date can also close the body (some feeds put it before ETX).
    let mut version_created = trailer_date(frame.trailer);
    if version_created.is_none() {
        if let Some(last) = paras.last() {
            if let Some(date) = trailer_date(last) {
                if last.split_whitespace().count() <= 3 {
                    paras.pop();
                }
                version_created = Some(date);
            }
        }
    }
    rest.extend(paras);
    Dispatch {
        headline,
        body: rest.join("\n\n"),
        slugline: slug,
        version_created,
        agency: header_agency(header).or_else(|| header_agency(frame.trailer)),
        ..Dispatch::default()
    }
}

/// `10-21-26 1523GMT` -> `2026-10-21T15:23:00Z`. Two-digit years are 20YY.
fn trailer_date(s: &str) -> Option<String> {
    let re = TRAILER_DATE.as_ref()?;
    let c = re.captures(s)?;
    let (mm, dd, yy, hh, mi) = (&c[1], &c[2], &c[3], &c[4], &c[5]);
    let valid = mm.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && dd.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && hh.parse::<u8>().is_ok_and(|h| h < 24)
        && mi.parse::<u8>().is_ok_and(|m| m < 60);
    valid.then(|| format!("20{yy}-{mm}-{dd}T{hh}:{mi}:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_anpa_message() {
        let msg = "\u{16}\u{16}\u{1}a0456 r i BC-Syria-Talks 10-21 0123\n\u{2}^BC-Syria-Talks,0123<\n^Syria talks resume in Geneva<\n\tGENEVA (AP) _ Talks resumed on Monday.<\n\tA second paragraph<\ncontinues.<\n\u{3}AP-WX-10-21-26 1523GMT<";
        let d = parse(msg);
        assert_eq!(d.slugline.as_deref(), Some("BC-Syria-Talks"));
        assert_eq!(d.headline.as_deref(), Some("Syria talks resume in Geneva"));
        assert_eq!(
            d.body,
            "GENEVA (AP) _ Talks resumed on Monday.\n\nA second paragraph continues."
        );
        assert_eq!(d.version_created.as_deref(), Some("2026-10-21T15:23:00Z"));
        assert_eq!(d.agency.as_deref(), Some("AP"));
    }
}
