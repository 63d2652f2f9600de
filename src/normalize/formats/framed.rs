//! What IPTC 7901 and ANPA-1312 share: SOH/STX/ETX framing, header lines,
//! tab-led paragraphs and the ISO 8601 date helpers.
//!
//! Owns: [`split_frame`], [`body_lines`], [`iso_datetime`].
//!
//! Must not touch: text clean-up (framing characters are removed here; all
//! other controls are `text.rs`'s).

use super::{ETX, SOH, STX, SYN};

/// The parts of a framed message: header (between SOH and STX), body
/// (between STX and ETX) and trailer (after ETX). Missing framing degrades
/// gracefully: no STX means no header, no ETX means the body runs to the end.
pub struct Frame<'a> {
    pub header: &'a str,
    pub body: &'a str,
    pub trailer: &'a str,
}

pub fn split_frame(text: &str) -> Frame<'_> {
    let text = text.trim_start_matches(|c: char| c == SYN || c.is_whitespace());
    let after_soh = text.strip_prefix(SOH).unwrap_or(text);
    let (header, rest) = match after_soh.find(STX) {
        Some(i) => (&after_soh[..i], &after_soh[i + STX.len_utf8()..]),
        None => ("", after_soh),
    };
    let (body, trailer) = match rest.find(ETX) {
        Some(i) => (&rest[..i], &rest[i + ETX.len_utf8()..]),
        None => (rest, ""),
    };
    Frame {
        header,
        body,
        trailer,
    }
}

/// ANPA headers start with a selector code (a letter and four digits, e.g.
/// `a0123`) right after SOH.
pub fn looks_like_anpa_header(text: &str) -> bool {
    let rest = text.trim_start_matches([SYN, SOH, ' ']).as_bytes();
    rest.len() >= 5 && rest[0].is_ascii_alphabetic() && rest[1..5].iter().all(u8::is_ascii_digit)
}

/// Split a framed body into the lines before the first paragraph (heading
/// lines: slug, headline, byline) and the paragraphs. A paragraph starts at
/// a line led by a tab or by two or more spaces, or after a blank line; other
/// lines continue the current paragraph (wire copy is hard-wrapped). When
/// nothing is indented at all, the body is returned whole, as one block of
/// lines, for the shared layout rules (hard-wrap detection) to split, and
/// there are no heading lines.
pub fn body_lines(body: &str) -> (Vec<String>, Vec<String>) {
    let indented = |l: &str| l.starts_with('\t') || l.starts_with("  ");
    let lines: Vec<&str> = body.lines().collect();
    if !lines.iter().any(|l| indented(l) && !l.trim().is_empty()) {
        let whole = body.trim();
        let paras = if whole.is_empty() {
            Vec::new()
        } else {
            vec![whole.to_string()]
        };
        return (Vec::new(), paras);
    }
    let mut head = Vec::new();
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut started = false;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
            continue;
        }
        if indented(line) {
            started = true;
            if !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
            current.push_str(trimmed);
        } else if !started {
            head.push(trimmed.to_string());
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(trimmed);
        }
    }
    if !current.is_empty() {
        paras.push(current);
    }
    (head, paras)
}

/// ISO 8601 basic (`20241021T103000Z`, `20241021T103000+0300`,
/// `20241021`) to the extended form ninjs uses (`2024-10-21T10:30:00Z`);
/// anything else unchanged.
pub fn iso_datetime(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() >= 15 && digits(0..8) && b[8] == b'T' && digits(9..15) {
        let zone = &s[15..];
        let zone = match zone.len() {
            0 => "Z".to_string(),
            5 if (zone.starts_with('+') || zone.starts_with('-')) && digits(16..20) => {
                format!("{}:{}", &zone[..3], &zone[3..])
            }
            _ if zone == "Z" => "Z".to_string(),
            _ => return s.to_string(),
        };
        return format!(
            "{}-{}-{}T{}:{}:{}{zone}",
            &s[0..4],
            &s[4..6],
            &s[6..8],
            &s[9..11],
            &s[11..13],
            &s[13..15]
        );
    }
    s.to_string()
}

/// True for an RFC 3339 date-time (what ninjs `format: date-time` means):
/// `2024-10-21T10:30:00Z`, `2024-10-21T10:30:00.5+03:00`.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 20
        || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        || !matches!(b[10], b'T' | b't')
        || !(digits(11..13) && b[13] == b':' && digits(14..16) && b[16] == b':' && digits(17..19))
    {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let r = rest.as_bytes();
    rest == "Z"
        || rest == "z"
        || (r.len() == 6
            && matches!(r[0], b'+' | b'-')
            && r[1..3].iter().all(u8::is_ascii_digit)
            && r[3] == b':'
            && r[4..6].iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_and_lines() {
        let f =
            split_frame("\u{1}HDR\u{2}Head line\n\tPara one\ncontinued\n\tPara two\n\u{3}TRAILER");
        assert_eq!(f.header, "HDR");
        assert_eq!(f.trailer, "TRAILER");
        let (head, paras) = body_lines(f.body);
        assert_eq!(head, vec!["Head line"]);
        assert_eq!(paras, vec!["Para one continued", "Para two"]);
    }

    #[test]
    fn iso() {
        assert_eq!(iso_datetime("20241021T103000Z"), "2024-10-21T10:30:00Z");
        assert_eq!(
            iso_datetime("20241021T103000+0300"),
            "2024-10-21T10:30:00+03:00"
        );
        assert_eq!(iso_datetime("2024-10-21T10:30:00Z"), "2024-10-21T10:30:00Z");
        assert!(is_rfc3339("2024-10-21T10:30:00Z"));
        assert!(is_rfc3339("2024-10-21T10:30:00.123+03:00"));
        assert!(!is_rfc3339("2024-10-21"));
        assert!(!is_rfc3339("yesterday"));
    }
}
