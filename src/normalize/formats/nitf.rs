//! IPTC NITF XML.
//!
//! Owns: mapping NITF to [`Dispatch`] fields: `head/docdata/doc-id/@id-string`
//! -> id; `body/body.head/hedline/hl1` (else `head/title`) -> headline;
//! `body.head/byline` -> byline (its `<person>`, `<byttl>` text inline);
//! `body.head/dateline` -> dateline text, its `location` -> located;
//! `body.head/distributor` or `docdata/doc.copyright/@holder` -> agency;
//! `docdata/date.issue/@norm`, `date.release/@norm` -> dates; `@xml:lang`
//! / `@lang` anywhere on the way -> language; `body.content` paragraphs,
//! with inline `<q>`, `<person>`, `<org>`, `<location>` keeping their text in
//! place; `body.end/tagline` appended as a last paragraph (credit lines live
//! there).
//!
//! Must not touch: text clean-up; XML safety is `xml.rs`'s.

use super::xml::{self, Element};
use crate::error::StageError;
use crate::model::Dispatch;

pub fn parse(text: &str) -> Result<Dispatch, StageError> {
    let root = xml::parse(text)?;
    let head = root.child("head");
    let body = root.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));
    let docdata = head.and_then(|h| h.child("docdata"));
    let non_empty = |s: String| Some(s).filter(|t| !t.is_empty());

    let headline = body_head
        .and_then(|b| b.path(&["hedline", "hl1"]))
        .map(Element::text)
        .and_then(non_empty)
        .or_else(|| {
            head.and_then(|h| h.child("title"))
                .map(Element::text)
                .and_then(non_empty)
        });
    let dateline_el = body_head.and_then(|b| b.child("dateline"));
    let located = dateline_el
        .and_then(|d| d.find("location"))
        .map(Element::text)
        .and_then(non_empty)
        .or_else(|| {
            dateline_el
                .and_then(|d| d.find("city"))
                .map(Element::text)
                .and_then(non_empty)
        });
    let agency = body_head
        .and_then(|b| b.child("distributor"))
        .map(Element::text)
        .and_then(non_empty)
        .or_else(|| {
            docdata
                .and_then(|d| d.child("doc.copyright"))
                .and_then(|c| c.attr("holder"))
                .map(str::to_string)
        });
    let language = [
        Some(&root),
        body,
        body.and_then(|b| b.child("body.content")),
    ]
    .into_iter()
    .flatten()
    .find_map(|e| e.attr("lang"))
    .map(str::to_string);
    let mut paragraphs = body
        .and_then(|b| b.child("body.content"))
        .map(Element::paragraphs)
        .unwrap_or_default();
    if let Some(end) = body.and_then(|b| b.child("body.end")) {
        paragraphs.extend(end.paragraphs());
    }
    let date_attr = |name: &str| {
        docdata
            .and_then(|d| d.child(name))
            .and_then(|e| e.attr("norm"))
            .map(str::to_string)
    };
    Ok(Dispatch {
        id: docdata
            .and_then(|d| d.child("doc-id"))
            .and_then(|d| d.attr("id-string"))
            .map(str::to_string),
        headline,
        body: paragraphs.join("\n\n"),
        byline: body_head
            .and_then(|b| b.child("byline"))
            .map(Element::text)
            .and_then(non_empty),
        slugline: docdata
            .and_then(|d| d.child("du-key"))
            .and_then(|k| k.attr("key"))
            .map(str::to_string),
        language,
        first_created: date_attr("date.issue"),
        version_created: date_attr("date.release"),
        agency,
        located,
        dateline: dateline_el.map(Element::text).and_then(non_empty),
    })
}
