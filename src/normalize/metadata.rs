//! Structure found inside the text: headline and byline lines, the dateline
//! that opens the body, the credit line that closes it, and the agency of
//! origin.
//!
//! Owns: [`extract_heading`] (headline/byline lines moved out of the body),
//! [`find_dateline`], [`find_credit`] and [`agency_id`]. The rules are
//! written for the conventions of wires and newspapers in general, not for
//! one agency:
//!
//! * datelines: an upper-case place ("DAMASCUS", "NEW YORK"), optionally a
//!   region and a date, optionally an agency in parentheses, then a dash
//!   ("DAMASCUS, Oct 21 (Reuters) -", "WASHINGTON (AP) —"); a title-case
//!   place needs the agency ("Paris (AFP) -"); a date alone before a dash
//!   ("21 juin 2012. -"); Arabic: a place of one to three words then either
//!   an agency in parentheses ("القاهرة (رويترز) -") or a dash and an agency
//!   or quoted outlet ("دمشق - سانا", "موسكو - «الحياة»");
//! * credit lines: a last paragraph that is only outlet names or "agencies"
//!   ("(أ ف ب)", "Reuters", "وكالات", "— with agencies", "(avec AFP)"),
//!   Reuters-style "(Reporting by ...)" notes, "Source: ..." lines, or a
//!   parenthesised outlet list closing the last paragraph.
//!
//! Must not touch: the text of the body. Spans are code-point offsets into
//! the paragraphs exactly as they will be joined with `"\n\n"`.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Dateline, Span};
use crate::outlets::gazetteer;

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

const EN_MONTHS: &str = "Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?";
const FR_MONTHS: &str = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre";
const AR_MONTHS: &str = "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول";

fn date_pattern() -> String {
    format!(
        r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:(?i:{EN_MONTHS})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?i:{EN_MONTHS}|{FR_MONTHS})(?:\s+\d{{4}})?|\d{{1,2}}\s+(?:{AR_MONTHS})(?:\s+\d{{4}})?)"
    )
}

/// Upper-case place, optional region/date, optional (agency), dash.
static LATIN_CAPS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let date = date_pattern();
    re(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{Lu}}'’.\-]*(?:[ \-]\p{{Lu}}[\p{{Lu}}'’.\-]*){{0,3}})(?:,\s*(?P<date1>{date})|,\s*(?P<region>\p{{L}}[\p{{L}}.'’ ]{{1,30}}?)(?:,\s*(?P<date2>{date}))?)?\s*(?:\((?P<agency>[^()\n]{{1,40}})\))?\s*(?P<dash>[-–—_]{{1,2}}|:)(?:\s+|$)"
    ))
});

/// Title-case place (up to four words), optional date, (agency), dash.
static LATIN_TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let date = date_pattern();
    re(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{L}}'’.\-]*(?:\s+(?:\p{{Lu}}[\p{{L}}'’.\-]*|de|du|la|le|el|al|of|sur|en)){{0,3}})(?:,\s*(?P<date1>{date})|,\s*(?P<region>\p{{L}}[\p{{L}}.'’ ]{{1,30}}?))?\s*\((?P<agency>[^()\n]{{1,40}})\)\s*(?P<dash>[-–—_]{{1,2}}|:)(?:\s+|$)"
    ))
});

/// A date alone before a dash: "21 juin 2012. - ", "Oct. 21 — ".
static DATE_ONLY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let date = date_pattern();
    re(&format!(
        r"^(?P<date1>{date})\.?\s*(?P<dash>[-–—]{{1,2}})(?:\s+|$)"
    ))
});

/// A whole paragraph that is only a date ("Friday, January 4, 2019").
static DATE_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(&format!(r"^(?P<date1>{})\.?$", date_pattern())));

/// Arabic place (one to three words), optional date after a comma, then
/// (agency) and an optional dash or colon.
static ARABIC_PAREN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<place>\p{{Arabic}}+(?:\s+\p{{Arabic}}+){{0,2}})\s*(?:[،,]\s*(?P<date1>\d{{1,2}}\s+(?:{AR_MONTHS})(?:\s+\d{{4}})?)\s*)?\((?P<agency>[^()\n]{{1,40}})\)\s*(?P<dash>[-–—:]{{1,2}})?"
    ))
});

/// Arabic place then a dash or colon; the agency follows (checked in code).
static ARABIC_DASH: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(?P<place>\p{Arabic}+(?:\s+\p{Arabic}+){0,2})\s*[-–—:]{1,2}\s*"));

/// Words that stand for "from wire agencies" in credit lines.
fn is_generic_agencies(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "وكالات"
            | "الوكالات"
            | "وكالات الأنباء"
            | "agencies"
            | "agences"
            | "wires"
            | "wire services"
            | "news agencies"
    )
}

/// True when `s` is one or more outlet names (or "agencies") and nothing else.
fn is_outlet_list(s: &str) -> bool {
    static SPLIT: LazyLock<Option<Regex>> =
        LazyLock::new(|| re(r"\s*(?:[،,/;&+]|\s-\s|\s+and\s+|\s+et\s+|\s+و)\s*"));
    let Some(split) = SPLIT.as_ref() else {
        return false;
    };
    let mut any = false;
    for part in split.split(s.trim()) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !(is_generic_agencies(part) || gazetteer().canonical_id(part).is_some()) {
            return false;
        }
        any = true;
    }
    any
}

/// The agency named in a dateline or credit text, as a canonical id.
pub fn agency_id(text: &str) -> Option<String> {
    let g = gazetteer();
    if let Some(id) = g.canonical_id(text) {
        return Some(id.to_string());
    }
    g.find_all(text)
        .into_iter()
        .find(|m| !m.guarded || text.contains('«') || text.contains('"'))
        .map(|m| m.outlet.id.clone())
}

fn is_byline(p: &str) -> bool {
    static LATIN: LazyLock<Option<Regex>> = LazyLock::new(|| {
        re(
            r"^(?i:by|written by|par|from|de notre (?:correspondante?|envoyée? spéciale?)(?: à [\p{L}\- ]+)?,?)\s+\p{Lu}[\p{L}.'’\-]*(?:[\s,]+(?:\p{L}[\p{L}.'’\-]*|and|et|in|à|a))*$",
        )
    });
    static ARABIC: LazyLock<Option<Regex>> = LazyLock::new(|| {
        re(
            r"^(?:بقلم|كتب|كتبت|كتبه|كتبته|إعداد|اعداد|تقرير|إعداد وتقديم|مراسل|مراسلة|مراسلنا|من مراسلنا)\s*[:\-–—]?\s*\p{Arabic}[\p{Arabic}\s.\-–—:،]*$",
        )
    });
    let words = p.split_whitespace().count();
    if !(2..=14).contains(&words) || p.chars().count() > 120 {
        return false;
    }
    LATIN.as_ref().is_some_and(|r| r.is_match(p)) || ARABIC.as_ref().is_some_and(|r| r.is_match(p))
}

/// A short line naming a reporter's job or outlet, as wires put under a
/// byline ("AP Economics Writer", "The Associated Press").
fn is_byline_title(p: &str) -> bool {
    static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:writer|correspondent|editor|reporter|staff|correspondante?|envoyée?\s+spéciale?|journaliste|مراسل|مراسلة|محرر|محررة)\b",
        )
    });
    p.split_whitespace().count() <= 6
        && !p.ends_with('.')
        && (TITLE.as_ref().is_some_and(|r| r.is_match(p)) || gazetteer().canonical_id(p).is_some())
}

fn is_headline_like(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let last = p.chars().last();
    (1..=30).contains(&words)
        && p.chars().count() <= 220
        && p.chars().any(char::is_alphabetic)
        && !matches!(
            last,
            Some('.' | ',' | '،' | ':' | ';' | '؛' | '-' | '–' | '—')
        )
        && !is_byline(p)
        && (!p.starts_with(char::is_alphanumeric)
            || DATE_LINE.as_ref().is_none_or(|r| !r.is_match(p)))
        && find_dateline(p).is_none()
        && !is_credit_paragraph(p)
}

/// Move a headline and a byline standing on their own lines out of the body.
///
/// A known `headline` (from format metadata) repeated as the first paragraph
/// is removed; with no known headline, a first paragraph that looks like a
/// headline (at most 30 words, no closing sentence punctuation, not a
/// dateline, byline, date or credit) becomes the headline when
/// `find_headline` is set. Then a byline among the first two paragraphs
/// ("By ...", "Par ...", "بقلم ...", "كتب ...") becomes the byline (or is
/// removed when it repeats the known one). Returns how many paragraphs were
/// moved out. A body is never emptied entirely.
pub fn extract_heading(
    paras: &mut Vec<String>,
    headline: &mut Option<String>,
    byline: &mut Option<String>,
    find_headline: bool,
) -> usize {
    let mut moved = 0;
    if paras.len() >= 2 {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        match headline {
            Some(h) if same(&paras[0], h) => {
                paras.remove(0);
                moved += 1;
            }
            None if find_headline && is_headline_like(&paras[0]) => {
                *headline = Some(paras.remove(0));
                moved += 1;
            }
            _ => {}
        }
    }
    for i in 0..2 {
        if paras.len() < 2 || i >= paras.len() {
            break;
        }
        let p = &paras[i];
        let repeats = byline.as_deref().is_some_and(|b| b.trim() == p.trim());
        if repeats || (byline.is_none() && is_byline(p)) {
            let mut p = paras.remove(i);
            moved += 1;
            // A title line under the byline ("AP Economics Writer").
            if paras.len() >= 2 && paras.get(i).is_some_and(|t| is_byline_title(t)) {
                p = format!("{p}, {}", paras.remove(i));
                moved += 1;
            }
            if byline.is_none() {
                *byline = Some(p);
            }
            break;
        }
    }
    moved
}

/// The dateline at the start of `first` (the first body paragraph), with
/// code-point offsets relative to it.
pub fn find_dateline(first: &str) -> Option<Dateline> {
    let build = |end_byte: usize, place: Option<&str>, date: Option<&str>, agency: Option<&str>| {
        let text = first[..end_byte].trim_end().to_string();
        let end = text.chars().count();
        Dateline {
            text,
            start: 0,
            end,
            place: place
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
            date: date.map(|d| d.trim().to_string()),
            agency: agency.and_then(agency_id),
        }
    };
    let agency_ok = |a: &str| {
        agency_id(a).is_some()
            || is_generic_agencies(a)
            || (a.len() <= 6 && a.chars().all(|c| c.is_ascii_uppercase()))
    };
    // Necessary conditions on the first character, checked before the
    // regexes: the Latin patterns start with `\p{Lu}` (every such character
    // is `is_uppercase`), the date patterns with a digit (`\d`) or a month
    // or day name (letters), the Arabic ones with `\p{Arabic}` (not ASCII).
    let lead = first.chars().next();
    let latin = lead.is_some_and(char::is_uppercase);
    let dated = lead.is_some_and(char::is_alphanumeric);
    let arabic = lead.is_some_and(|c| !c.is_ascii());
    if let Some(c) = LATIN_CAPS
        .as_ref()
        .filter(|_| latin)
        .and_then(|r| r.captures(first))
    {
        let place = c.name("place").map_or("", |m| m.as_str());
        let agency = c.name("agency").map(|m| m.as_str());
        let date = c.name("date1").or(c.name("date2")).map(|m| m.as_str());
        let colon = c.name("dash").is_some_and(|m| m.as_str() == ":");
        let letters = place.chars().filter(|c| c.is_alphabetic()).count();
        // Without an agency or date, the sentence after the dash must start
        // like one ("WASHINGTON — The Senate", not "NATO - the alliance").
        let end = c.get(0).map_or(0, |m| m.end());
        let next = first[end..].chars().next();
        let sentence_follows = next.is_none_or(|n| {
            n.is_uppercase()
                || n.is_numeric()
                || !n.is_ascii() && !n.is_lowercase()
                || "\"'“‘«".contains(n)
        });
        let plausible = letters >= 3
            && agency.is_none_or(agency_ok)
            && (agency.is_some() || date.is_some() || (!colon && sentence_follows));
        if plausible {
            if let Some(m) = c.get(0) {
                return Some(build(m.end(), Some(place), date, agency));
            }
        }
    }
    if let Some(c) = LATIN_TITLE
        .as_ref()
        .filter(|_| latin)
        .and_then(|r| r.captures(first))
    {
        let agency = c.name("agency").map(|m| m.as_str());
        if agency.is_some_and(agency_ok) {
            if let Some(m) = c.get(0) {
                let place = c.name("place").map(|m| m.as_str());
                let date = c.name("date1").map(|m| m.as_str());
                return Some(build(m.end(), place, date, agency));
            }
        }
    }
    if let Some(c) = DATE_LINE
        .as_ref()
        .filter(|_| dated)
        .and_then(|r| r.captures(first))
    {
        return Some(build(
            first.len(),
            None,
            c.name("date1").map(|m| m.as_str()),
            None,
        ));
    }
    if let Some(c) = DATE_ONLY
        .as_ref()
        .filter(|_| dated)
        .and_then(|r| r.captures(first))
    {
        if let Some(m) = c.get(0) {
            return Some(build(
                m.end(),
                None,
                c.name("date1").map(|m| m.as_str()),
                None,
            ));
        }
    }
    if let Some(c) = ARABIC_PAREN
        .as_ref()
        .filter(|_| arabic)
        .and_then(|r| r.captures(first))
    {
        let agency = c.name("agency").map(|m| m.as_str());
        if agency.is_some_and(|a| agency_id(a).is_some() || is_generic_agencies(a)) {
            if let Some(m) = c.get(0) {
                let place = c.name("place").map(|m| m.as_str());
                let date = c.name("date1").map(|m| m.as_str());
                return Some(build(m.end(), place, date, agency));
            }
        }
    }
    if let Some(c) = ARABIC_DASH
        .as_ref()
        .filter(|_| arabic)
        .and_then(|r| r.captures(first))
    {
        let (Some(all), Some(place)) = (c.get(0), c.name("place")) else {
            return None;
        };
        let rest = &first[all.end()..];
        let agency_len = quoted_or_outlet_prefix(rest)?;
        let agency = &rest[..agency_len];
        let mut end = all.end() + agency_len;
        // A dash or colon closing the dateline belongs to it.
        let tail = &first[end..];
        let closing = tail.trim_start();
        if let Some(ch) = closing
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '–' | '—' | ':'))
        {
            end += tail.len() - closing.len() + ch.len_utf8();
        }
        return Some(build(end, Some(place.as_str()), None, Some(agency)));
    }
    None
}

/// Byte length of an agency at the start of `rest`: a «quoted» or
/// (parenthesised) outlet name, or an outlet name the gazetteer knows.
fn quoted_or_outlet_prefix(rest: &str) -> Option<usize> {
    for (open, close) in [('«', '»'), ('(', ')'), ('"', '"'), ('“', '”')] {
        if let Some(inner) = rest.strip_prefix(open) {
            let end = inner.find(close)?;
            let name = &inner[..end];
            if name.chars().count() <= 30 && !name.contains('\n') {
                return Some(open.len_utf8() + end + close.len_utf8());
            }
            return None;
        }
    }
    let m = gazetteer().find_all(rest).into_iter().next()?;
    if m.start != 0 || m.guarded {
        return None;
    }
    let end_byte = rest
        .char_indices()
        .nth(m.end)
        .map_or(rest.len(), |(b, _)| b);
    // The name must end the word: "سانا" but not "ساناتوريوم".
    Some(end_byte)
}

/// A paragraph that is, as a whole, a credit line.
fn is_credit_paragraph(p: &str) -> bool {
    static NOTES: LazyLock<Option<Regex>> = LazyLock::new(|| {
        re(
            r"^\(?\s*(?:(?:Additional\s+)?[Rr]eporting\s+by|Writing\s+by|Editing\s+by|Compiled\s+by|Rédigé\s+par|Rédaction|Édité\s+par|Avec\s+|avec\s+|إعداد|تحرير|شارك في التغطية|تغطية)\b.*\)?$",
        )
    });
    static WITH: LazyLock<Option<Regex>> = LazyLock::new(|| {
        re(
            r"^(?:[-–—]+\s*)?\(?\s*(?i:with|avec|with additional reporting from|d'après|selon|مع|بالتعاون مع)\s+(?P<x>[^()]+?)\s*\)?\.?$",
        )
    });
    static CONTRIBUTED: LazyLock<Option<Regex>> = LazyLock::new(|| {
        re(
            r"(?i)^(?:[-–—]+\s*)?\(?.*\b(?:contributed|contributing)\b.*\bto this (?:report|story)\.?\)?$",
        )
    });
    static SOURCE: LazyLock<Option<Regex>> =
        LazyLock::new(|| re(r"^(?:المصدر|Source|Sources)\s*:\s*(?P<x>.+)$"));
    let p = p.trim();
    let words = p.split_whitespace().count();
    if words == 0 || p.chars().count() > 300 {
        return false;
    }
    // The cheap necessary conditions first: the regexes use Unicode `\b`,
    // which sends them to the slow engines on non-ASCII text.
    if p.starts_with('(') && p.ends_with(')') && NOTES.as_ref().is_some_and(|r| r.is_match(p)) {
        return true;
    }
    if is_french_editing_note(p) {
        return true;
    }
    // `contribut` has no letter with a case variant outside ASCII, so this
    // is exactly what `(?i)` needs before the regex can match.
    if words <= 25
        && contains_ignore_ascii_case(p, b"contribut")
        && CONTRIBUTED.as_ref().is_some_and(|r| r.is_match(p))
    {
        return true;
    }
    if words > 10 {
        return false;
    }
    for r in [&WITH, &SOURCE].into_iter().filter_map(|r| r.as_ref()) {
        if let Some(x) = r.captures(p).and_then(|c| c.name("x")) {
            if is_outlet_list(x.as_str()) {
                return true;
            }
        }
    }
    let inner = p
        .trim_start_matches(['-', '–', '—', ' '])
        .trim_end_matches('.')
        .trim();
    let inner = inner
        .strip_prefix(['(', '['])
        .and_then(|s| s.strip_suffix([')', ']']))
        .unwrap_or(inner);
    let inner = inner.trim_start_matches('©').trim();
    is_outlet_list(inner) || is_agency_signature(p)
}

/// Whether `hay` contains `needle` (ASCII), ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &str, needle: &[u8]) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// An agency's end-of-copy signature: the agency name and a few short
/// desk/editor codes ("dpa ab xx", "AFP ms/lb").
fn is_agency_signature(p: &str) -> bool {
    let mut words = p.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    gazetteer().canonical_id(first).is_some()
        && (1..=6).contains(&rest.len())
        && rest.iter().all(|w| {
            w.chars().count() <= 5
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '/')
        })
}

/// The credit line closing the last paragraph: the whole paragraph when it
/// is one ([`is_credit_paragraph`]), or a parenthesised outlet list at its
/// end ("... said on Monday. (AFP)"). Offsets are code points relative to
/// `last`.
/// Reuters French closes a dispatch with its staff in brackets, the
/// reporters first: "(Jeanne Martin, avec Paul Roy à Lyon, édité par Luc
/// Bon)". A bracketed last paragraph whose editing note ("édité par",
/// "rédigé par") follows a comma or semicolon is that credit line.
fn is_french_editing_note(p: &str) -> bool {
    let Some(inner) = p.strip_prefix('(').and_then(|x| x.strip_suffix(')')) else {
        return false;
    };
    if inner.contains(['(', ')']) || inner.split_whitespace().count() > 40 {
        return false;
    }
    [
        ", édité par ",
        "; édité par ",
        ", rédigé par ",
        "; rédigé par ",
        ", Édité par ",
    ]
    .iter()
    .any(|k| inner.contains(k))
}

pub fn find_credit(last: &str) -> Option<Span> {
    if is_credit_paragraph(last) {
        return Some(Span {
            text: last.to_string(),
            start: 0,
            end: last.chars().count(),
        });
    }
    let trimmed = last.trim_end_matches(['.', ' ']);
    let inner_end = trimmed.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let inner = &inner_end[open + 1..];
    if !is_outlet_list(inner) || open == 0 {
        return None;
    }
    // The credit must follow the end of a sentence or a space.
    let before = inner_end[..open].trim_end();
    if !before.ends_with(['.', '!', '?', '؟', '»', '”', '"', ')'])
        && before.len() == inner_end[..open].len()
    {
        return None;
    }
    let start = last[..open].chars().count();
    let text = &last[open..trimmed.len()];
    Some(Span {
        text: text.to_string(),
        start,
        end: start + text.chars().count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Dateline {
        find_dateline(s).unwrap_or_else(|| panic!("no dateline in {s}"))
    }

    #[test]
    fn english_datelines() {
        let d = dl("DAMASCUS, Oct 21 (Reuters) - Syria said on Monday");
        assert_eq!(d.text, "DAMASCUS, Oct 21 (Reuters) -");
        assert_eq!((d.start, d.end), (0, 28));
        assert_eq!(d.place.as_deref(), Some("DAMASCUS"));
        assert_eq!(d.date.as_deref(), Some("Oct 21"));
        assert_eq!(d.agency.as_deref(), Some("reuters"));
        let d = dl("WASHINGTON (AP) — The Senate voted");
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("WASHINGTON"), Some("ap"))
        );
        let d = dl("NEW YORK, N.Y. — Stocks fell");
        assert_eq!(d.place.as_deref(), Some("NEW YORK"));
        let d = dl("PARIS, 21 oct (AFP) - Le");
        assert_eq!(d.date.as_deref(), Some("21 oct"));
        let d = dl("GENEVA (AP) _ Talks resumed");
        assert_eq!(d.text, "GENEVA (AP) _");
    }

    #[test]
    fn french_datelines() {
        let d = dl("Paris (AFP) - Le gouvernement a annoncé");
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("Paris"), Some("afp"))
        );
        let d = dl("21 juin 2012. - À la suite des élections");
        assert_eq!(d.text, "21 juin 2012. -");
        assert_eq!(d.date.as_deref(), Some("21 juin 2012"));
        assert!(d.place.is_none());
    }

    #[test]
    fn arabic_datelines() {
        let d = dl("دمشق - سانا أعلنت وزارة الخارجية");
        assert_eq!(d.text, "دمشق - سانا");
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("دمشق"), Some("sana"))
        );
        let d = dl("موسكو - «الحياة» - قال الكرملين");
        assert_eq!(d.text, "موسكو - «الحياة» -");
        assert_eq!(d.agency.as_deref(), Some("alhayat"));
        let d = dl("القاهرة (رويترز) - قالت مصادر");
        assert_eq!(d.text, "القاهرة (رويترز) -");
        assert_eq!(d.agency.as_deref(), Some("reuters"));
        let d = dl("بيروت (أ ف ب) - أعلن الجيش");
        assert_eq!(d.agency.as_deref(), Some("afp"));
    }

    #[test]
    fn not_datelines() {
        for s in [
            "The minister said - on Monday - that",
            "وقال الوزير إن الحكومة - في بيان",
            "A fire broke out yesterday",
            "I - too - agree",
            "NOTE: this is a test",
            "NATO - the alliance - said",
        ] {
            assert!(find_dateline(s).is_none(), "{s}");
        }
    }

    #[test]
    fn credit_lines() {
        for s in [
            "(أ ف ب)",
            "(رويترز)",
            "وكالات",
            "Reuters",
            "AFP",
            "— with agencies",
            "(avec AFP)",
            "أ ف ب، رويترز",
            "(Reporting by Tom Perry; Editing by Alex Richardson)",
            "المصدر: وكالات",
        ] {
            let c = find_credit(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(c.text, s);
        }
        assert!(find_credit("-- CNN's John Smith contributed to this report.").is_some());
        let c = find_credit("(Hélène Morel, avec Yann Bodin à Nantes, édité par Joël Serre)");
        assert!(c.is_some_and(|c| c.start == 0));
        assert!(find_credit("(Le texte, édité par la maison, sort en mai.) Il a ri.").is_none());
        let c = find_credit("وقال إن المحادثات ستستمر. (أ ف ب)").unwrap();
        assert_eq!(c.text, "(أ ف ب)");
        assert_eq!(c.start, 26);
        assert!(find_credit("He said the talks would continue.").is_none());
        assert!(find_credit("The vote (in Paris) was close.").is_none());
    }

    #[test]
    fn headings() {
        let mut paras: Vec<String> = [
            "Talks resume in Geneva",
            "By John Smith",
            "GENEVA (Reuters) - Talks resumed.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (mut h, mut b) = (None, None);
        assert_eq!(extract_heading(&mut paras, &mut h, &mut b, true), 2);
        assert_eq!(h.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(b.as_deref(), Some("By John Smith"));
        assert_eq!(paras.len(), 1);

        let mut paras: Vec<String> = [
            "By Jane Doe",
            "The Associated Press",
            "NEW YORK (AP) — Stocks fell.",
            "More.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (mut h, mut b) = (None, None);
        extract_heading(&mut paras, &mut h, &mut b, true);
        assert_eq!(h, None);
        assert_eq!(b.as_deref(), Some("By Jane Doe, The Associated Press"));
        assert!(is_byline("De notre correspondant à Beyrouth, Jean Dupont"));
        assert!(is_byline("بقلم: محمد علي"));
        assert!(!is_byline("By the way, the talks failed."));
        assert!(find_dateline(&paras[0]).is_some());
    }
}
