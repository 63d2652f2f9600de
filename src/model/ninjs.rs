//! A subset of the IPTC ninjs 3.1 news item, enough for what newswire emits.
//!
//! The ninjs 3.1 schema sets `unevaluatedProperties: false`: nothing of
//! newswire's own may go inside this object. Project data sits beside it in
//! the record envelope. Tests validate every emitted item against the schema
//! (`tests/fixtures/ninjs-schema_3.1.json`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ninjs {
    /// The only required property: a URI identifying the item.
    pub uri: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_created: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub headlines: Vec<Headline>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub bodies: Vec<Body>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub located: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slugline: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub people: Vec<Person>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub info_sources: Vec<InfoSource>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub alt_ids: Vec<AltId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Headline {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Body {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub char_count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_count: Option<u64>,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfoSource {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AltId {
    pub role: String,
    pub value: String,
}
