//! The record envelope newswire publishes, one per dispatch.

use serde::{Deserialize, Serialize};

use super::{Attribution, Format, Ninjs, Normalization};

/// The schema id carried in every record and in the `newswire-schema` header.
pub const RECORD_SCHEMA: &str = "newswire.record/1";

/// One enriched dispatch: an IPTC ninjs item plus newswire's own data beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrichedRecord {
    pub schema: String,
    pub ninjs: Ninjs,
    pub normalization: Normalization,
    pub attribution: Attribution,
    pub source: SourceInfo,
}

/// Where the dispatch came from and how it was read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub topic: Option<String>,
    pub partition: Option<i32>,
    pub offset: Option<i64>,
    pub key: Option<String>,
    pub format: Option<Format>,
    pub charset: Option<String>,
}
