//! IPTC 7901 (SOH, header, STX, heading lines, body, ETX).
//!
//! Owns: reading the header (service/agency code, serial number, priority,
//! category, word count; the agency is the first header word the outlet
//! gazetteer knows) and the heading lines before the first paragraph: a line
//! ending in `/` is the keyword/slug line; the first other line is the
//! headline (a trailing ` =`, the 7901 end-of-heading mark, is dropped); a
//! further line starting with "By"/"Par"/"بقلم"/"كتب" stays for the shared
//! byline rule. `NNNN` end markers are dropped.
//!
//! Must not touch: text clean-up; the shared metadata rules (dateline, credit
//! line) run on the body afterwards.

use super::framed::{body_lines, split_frame};
use crate::model::Dispatch;
use crate::outlets::gazetteer;

pub fn parse(text: &str) -> Dispatch {
    let frame = split_frame(text);
    // `NNNN` closes a message on teleprinter circuits; it is not text.
    let mut lines: Vec<&str> = frame
        .body
        .lines()
        .filter(|l| l.trim() != "NNNN" && l.trim() != "ZCZC")
        .collect();
    // Leading slug lines ("Syrien/Konflikt/") and a headline closed by the
    // 7901 end-of-heading mark " =" are recognised even without indentation.
    let mut slugline = None;
    let mut headline = None;
    while let Some(first) = lines.first().map(|l| l.trim()) {
        if first.is_empty() {
            lines.remove(0);
        } else if slugline.is_none() && first.ends_with('/') && !first.contains(' ') {
            slugline = Some(first.to_string());
            lines.remove(0);
        } else if headline.is_none() && first.ends_with('=') && !first.starts_with(['\t', ' ']) {
            headline = Some(first.trim_end_matches('=').trim().to_string());
            lines.remove(0);
        } else {
            break;
        }
    }
    let (head, paras) = body_lines(&lines.join("\n"));
    let mut rest = Vec::new();
    for line in head {
        let line = line.trim_end_matches('=').trim().to_string();
        if line.is_empty() {
            continue;
        }
        if line.ends_with('/') && slugline.is_none() && !line.contains(' ') {
            slugline = Some(line);
        } else if headline.is_none() {
            headline = Some(line);
        } else {
            rest.push(line);
        }
    }
    rest.extend(paras);
    Dispatch {
        headline: headline.filter(|h| !h.is_empty()),
        body: rest.join("\n\n"),
        slugline,
        agency: header_agency(frame.header),
        ..Dispatch::default()
    }
}

/// The first word of the header that names an outlet ("dpa", "AFP").
pub fn header_agency(header: &str) -> Option<String> {
    header
        .split(|c: char| c.is_whitespace() || c == '-')
        .find(|w| gazetteer().canonical_id(w).is_some())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_7901_message() {
        let msg = "\u{1}ZCZC\ndpa 0123 4 pl 345 dpa\n\u{2}Syrien/Konflikt/\nTalks resume in Geneva =\n\n   GENEVA (dpa) - Talks resumed on Monday.\n   A second paragraph\ncontinues here.\nNNNN\n\u{3}";
        let d = parse(msg);
        assert_eq!(d.slugline.as_deref(), Some("Syrien/Konflikt/"));
        assert_eq!(d.headline.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(
            d.body,
            "GENEVA (dpa) - Talks resumed on Monday.\n\nA second paragraph continues here."
        );
        assert_eq!(d.agency.as_deref(), Some("dpa"));
    }

    #[test]
    fn unindented_7901() {
        let msg = "\u{1}AFP 0456 3 pol\n\u{2}Syria/Talks/\nTalks resume =\nGENEVA (AFP) - Talks resumed.\nA second line.\n\u{3}";
        let d = parse(msg);
        assert_eq!(d.slugline.as_deref(), Some("Syria/Talks/"));
        assert_eq!(d.headline.as_deref(), Some("Talks resume"));
        assert_eq!(d.body, "GENEVA (AFP) - Talks resumed.\nA second line.");
        assert_eq!(d.agency.as_deref(), Some("AFP"));
    }
}
