//! IPTC NewsML-G2 `newsItem` XML (also the first `newsItem` of a
//! `newsMessage`).
//!
//! Owns: mapping G2 paths to [`Dispatch`] fields: `@guid` -> id; `@xml:lang`
//! or `contentMeta/language/@tag` -> language; `itemMeta/provider`
//! (`@literal`, else the code of `@qcode`, else its `name`) -> agency;
//! `itemMeta/firstCreated`, `versionCreated`; `contentMeta/headline`,
//! `slugline`, `by`, `dateline`, `located/name`; the body from
//! `contentSet/inlineXML` (XHTML or NITF `body`, paragraphs by block
//! element) or `contentSet/inlineData` (plain text).
//!
//! Must not touch: text clean-up; XML safety is `xml.rs`'s.

use super::xml::{self, Element};
use crate::error::{ErrorKind, Stage, StageError};
use crate::model::Dispatch;

pub fn parse(text: &str) -> Result<Dispatch, StageError> {
    let root = xml::parse(text)?;
    let item = if root.name == "newsItem" {
        &root
    } else {
        root.find("newsItem").ok_or_else(|| {
            StageError::new(
                Stage::Parse,
                ErrorKind::UnsupportedFormat,
                format!(
                    "NewsML-G2 <{}> without a newsItem (only news items are supported)",
                    root.name
                ),
            )
        })?
    };
    let item_meta = item.child("itemMeta");
    let content_meta = item.child("contentMeta");
    let meta_text = |el: Option<&Element>, name: &str| -> Option<String> {
        el.and_then(|m| m.child(name))
            .map(Element::text)
            .filter(|t| !t.is_empty())
    };
    let headline = content_meta.and_then(|m| {
        // Prefer a headline without a role or with a main-ish role.
        let mut heads = m.elements().filter(|e| e.name == "headline");
        let first = heads.next()?;
        let best = std::iter::once(first)
            .chain(heads)
            .find(|h| h.attr("role").is_none_or(|r| r.contains("main")))
            .unwrap_or(first);
        Some(best.text()).filter(|t| !t.is_empty())
    });
    let agency = item_meta.and_then(|m| m.child("provider")).and_then(|p| {
        p.attr("literal")
            .map(str::to_string)
            .or_else(|| {
                p.attr("qcode")
                    .map(|q| q.rsplit(':').next().unwrap_or(q).to_string())
            })
            .or_else(|| Some(p.text()).filter(|t| !t.is_empty()))
    });
    let language = item.attr("lang").map(str::to_string).or_else(|| {
        content_meta
            .and_then(|m| m.child("language"))
            .and_then(|l| l.attr("tag"))
            .map(str::to_string)
    });
    let located = content_meta
        .and_then(|m| m.child("located"))
        .and_then(|l| {
            l.child("name")
                .map(Element::text)
                .or_else(|| l.attr("literal").map(str::to_string))
        })
        .filter(|t| !t.is_empty());
    let body = item
        .child("contentSet")
        .map(content_body)
        .unwrap_or_default();
    Ok(Dispatch {
        id: item.attr("guid").map(str::to_string),
        headline,
        body,
        byline: meta_text(content_meta, "by"),
        slugline: meta_text(content_meta, "slugline"),
        language,
        first_created: meta_text(item_meta, "firstCreated")
            .or_else(|| meta_text(content_meta, "contentCreated")),
        version_created: meta_text(item_meta, "versionCreated")
            .or_else(|| meta_text(content_meta, "contentModified")),
        agency,
        located,
        dateline: meta_text(content_meta, "dateline"),
    })
}

/// The body of a `contentSet`: the first `inlineXML` (its `body` element
/// when there is one: XHTML or NITF), else the first `inlineData`.
fn content_body(set: &Element) -> String {
    if let Some(inline) = set.child("inlineXML") {
        let scope = inline
            .find("body.content")
            .or_else(|| inline.find("body"))
            .unwrap_or(inline);
        return scope.paragraphs().join("\n\n");
    }
    if let Some(data) = set.child("inlineData") {
        let mut raw = String::new();
        for n in &data.children {
            if let xml::Node::Text(t) = n {
                raw.push_str(t);
            }
        }
        return raw;
    }
    String::new()
}
