//! A small, bounded XML tree for the XML wire formats (NewsML-G2, NITF).
//!
//! Owns: [`parse`], which reads a document with quick-xml into an owned tree
//! of elements and text, and the text helpers the parsers share.
//!
//! Must not touch: entities beyond XML's five predefined ones and numeric
//! character references. A DOCTYPE is skipped unread: internal entity
//! declarations are never expanded (no "billion laughs") and external ones
//! are never fetched. A reference to an undeclared entity is kept literally
//! (`&name;`) so no text is silently lost. Nesting is bounded by
//! [`MAX_DEPTH`] and the element count by [`MAX_ELEMENTS`]; a document that
//! ends with elements still open is malformed.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{ErrorKind, Stage, StageError};

/// Deepest element nesting accepted. Real NewsML-G2 and NITF stay under 20.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document.
pub const MAX_ELEMENTS: usize = 200_000;

/// One XML element: local name (namespace prefix dropped), attributes by
/// local name, children in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

fn malformed(message: impl Into<String>) -> StageError {
    StageError::new(Stage::Parse, ErrorKind::Malformed, message)
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.into_owned(),
    }
}

fn element_of(start: &BytesStart<'_>) -> Element {
    let attrs = start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let value = match a.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
            };
            (local(a.key.as_ref()), value)
        })
        .collect();
    Element {
        name: local(start.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

/// Parse a whole document into its root element.
pub fn parse(text: &str) -> Result<Element, StageError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    // The stack of open elements; the document root is collected separately.
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            malformed(format!(
                "XML error at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(s) => {
                count += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed(format!(
                        "XML nesting deeper than {MAX_DEPTH} elements"
                    )));
                }
                if count > MAX_ELEMENTS {
                    return Err(malformed(format!("more than {MAX_ELEMENTS} XML elements")));
                }
                if root.is_some() && stack.is_empty() {
                    return Err(malformed("content after the XML root element"));
                }
                stack.push(element_of(&s));
            }
            Event::Empty(s) => {
                count += 1;
                let el = element_of(&s);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None if root.is_none() => root = Some(el),
                    None => return Err(malformed("content after the XML root element")),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(malformed("closing tag without an opening tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(parent) = stack.last_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| malformed(format!("XML text: {e}")))?;
                    push_text(parent, &s);
                }
            }
            Event::CData(t) => {
                if let Some(parent) = stack.last_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| malformed(format!("XML CDATA: {e}")))?;
                    push_text(parent, &s);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(parent) = stack.last_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.decode().map(|n| n.into_owned()).unwrap_or_default();
                            // XML's five, and a fixed table of common HTML
                            // names (a constant table: nothing a document
                            // declares is ever expanded).
                            match named_entity(&name) {
                                Some(c) => c.to_string(),
                                None => format!("&{name};"),
                            }
                        }
                        Err(e) => return Err(malformed(format!("bad character reference: {e}"))),
                    };
                    push_text(parent, &resolved);
                }
            }
            // DOCTYPE (with any entity declarations), comments, processing
            // instructions and the XML declaration carry no dispatch text.
            Event::DocType(_) | Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(malformed(format!(
            "the XML document ends with {} element(s) still open (truncated?)",
            stack.len()
        )));
    }
    root.ok_or_else(|| malformed("no XML root element"))
}

fn push_text(parent: &mut Element, s: &str) {
    if let Some(Node::Text(prev)) = parent.children.last_mut() {
        prev.push_str(s);
    } else {
        parent.children.push(Node::Text(s.to_string()));
    }
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Follow a path of child names.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |el, n| el.child(n))
    }

    /// The first descendant (depth-first, document order) with this name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// All text inside, white space collapsed to single spaces, trimmed.
    /// Inline elements (`<q>`, `<person>`, `<org>`, `<b>` ...) keep their
    /// text in place.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        collapse(&raw)
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name == "br" => out.push(' '),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The text as paragraphs: block elements (`p`, `div`, headings, list
    /// items, `br`, `blockquote`, `pre`, `hl2`, `block`, `tr`...) start new
    /// paragraphs; inline elements keep their text inside the paragraph.
    /// Paragraphs are returned without empty ones.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut paras = Vec::new();
        let mut current = String::new();
        self.collect_paragraphs(&mut paras, &mut current);
        flush(&mut paras, &mut current);
        paras
    }

    fn collect_paragraphs(&self, paras: &mut Vec<String>, current: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => current.push_str(t),
                // Not body text: media captions and credits, scripts, styles,
                // XHTML document heads.
                Node::Element(e) if is_skipped(&e.name) => {}
                Node::Element(e) if is_block(&e.name) => {
                    flush(paras, current);
                    e.collect_paragraphs(paras, current);
                    flush(paras, current);
                }
                Node::Element(e) => e.collect_paragraphs(paras, current),
            }
        }
    }
}

fn flush(paras: &mut Vec<String>, current: &mut String) {
    let p = collapse(current);
    if !p.is_empty() {
        paras.push(p);
    }
    current.clear();
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "media" | "script" | "style" | "head" | "object" | "noscript"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "pre"
            | "hl1"
            | "hl2"
            | "block"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "tagline"
            | "bq"
            | "fn"
            | "nitf-table"
    )
}

/// Collapse every run of white space to one space and trim.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs of an HTML fragment (ninjs `body_html`, `bodies[]` with
/// `text/html`): parsed as XML when it is well-formed XHTML, otherwise tags
/// are stripped by a tolerant scanner that breaks paragraphs at block tags
/// and decodes the common entities.
pub fn html_paragraphs(html: &str) -> Vec<String> {
    let wrapped = format!("<div>{html}</div>");
    if let Ok(root) = parse(&wrapped) {
        return root.paragraphs();
    }
    let mut paras = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        current.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            current.push_str(&decode_entities(&rest[lt..]));
            rest = "";
            break;
        };
        let tag = after[..gt].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if is_block(&name) {
            flush(&mut paras, &mut current);
        }
        rest = &after[gt + 1..];
    }
    current.push_str(&decode_entities(rest));
    flush(&mut paras, &mut current);
    paras
}

/// XML's predefined entities and the HTML named entities common in news
/// copy. A fixed table: document-declared entities are never expanded.
pub fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "euro" => '€',
        "shy" => '\u{00AD}',
        "zwnj" => '\u{200C}',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "Egrave" => 'È',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "agrave" => 'à',
        "Agrave" => 'À',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ocirc" => 'ô',
        "ucirc" => 'û',
        "ugrave" => 'ù',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "oelig" => 'œ',
        "szlig" => 'ß',
        _ => return None,
    })
}

/// Decode named entities of [`named_entity`] and numeric references;
/// anything else is left as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match named_entity(name) {
                Some(c) => Some(c),
                None => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_elements_keep_text() {
        let root =
            parse("<body><p>He said <q>yes</q> to <person>Ann</person>.</p><p>Two</p></body>")
                .unwrap();
        assert_eq!(root.paragraphs(), vec!["He said yes to Ann.", "Two"]);
    }

    #[test]
    fn entities_are_not_expanded() {
        let doc = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<p>&lol2; &amp; &#x41; &eacute;</p>"#;
        let root = parse(doc).unwrap();
        assert_eq!(root.text(), "&lol2; & A é");
    }

    #[test]
    fn depth_and_truncation() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().kind, ErrorKind::Malformed);
        assert_eq!(parse("<a><b>text").unwrap_err().kind, ErrorKind::Malformed);
        assert_eq!(
            parse("<a><b>text</a>").unwrap_err().kind,
            ErrorKind::Malformed
        );
    }

    #[test]
    fn html_fallback() {
        assert_eq!(
            html_paragraphs("<p>One &amp; two<br>three</p><p>Four &eacute;"),
            vec!["One & two", "three", "Four é"]
        );
    }
}
