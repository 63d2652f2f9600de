//! The walk of one dispatch: raw bytes + where they came from ->
//! [`EnrichedRecord`] -> JSON bytes.
//!
//! Owns: the order of the stages, per-stage timing, and assembling the record
//! envelope (including the ninjs `people` and `infoSources` derived from the
//! attribution).
//!
//! Must not touch: Kafka, HTTP, metrics. It returns timings; the caller
//! (worker, `enrich`, benches) decides what to do with them.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::attribution;
use crate::error::{ErrorKind, Stage, StageError};
use crate::model::{
    AltId, Attribution, Body, EnrichedRecord, Format, Headline, Hints, InfoSource, Ninjs,
    NormalizedDispatch, Person, SourceInfo, RECORD_SCHEMA,
};
use crate::normalize::{self, Limits};

/// Most characters kept in a one-line field of a record (headline, byline,
/// slugline, place, declared dateline); longer values are cut at a character
/// boundary and counted in `normalization.changes` as `fields_truncated`.
pub const MAX_FIELD_CHARS: usize = 1_000;

/// Most quotations, sources and marked terms kept in one record; the rest
/// are dropped and counted in `normalization.changes` (`quotes_dropped`,
/// `sources_dropped`, `marked_terms_dropped`). Real dispatches carry tens;
/// the cap keeps a crafted dispatch from turning into a record many times
/// its own size.
pub const MAX_ATTRIBUTIONS: usize = 1_000;

/// Longest stretch of a body, in characters, that the attribution pass
/// reads. Its cost grows faster than linearly with the number of quote
/// marks and cues (a crafted 2 MiB dispatch dense with quotations takes over
/// a minute), so a longer body is attributed up to its last paragraph break
/// before this bound, and the characters left out are counted in
/// `normalization.changes` as `attribution_skipped_chars`. Real dispatches
/// are a few thousand characters; 100,000 is a long document.
pub const MAX_ATTRIBUTED_CHARS: usize = 100_000;

/// A stage that can be switched on or off in `pipeline.stages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageName {
    Normalize,
    Attribute,
}

/// How the pipeline runs; built once from config, shared by every message.
#[derive(Debug, Clone)]
pub struct Pipeline {
    limits: Limits,
    normalize: bool,
    attribute: bool,
    format: Option<Format>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(
            Limits::default(),
            &[StageName::Normalize, StageName::Attribute],
            None,
        )
    }
}

/// Where a payload came from (all optional: `enrich` has no Kafka metadata).
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub topic: Option<String>,
    pub partition: Option<i32>,
    pub offset: Option<i64>,
    pub key: Option<String>,
    /// Charset declared by the transport (e.g. a `content-type` header).
    pub charset: Option<String>,
}

/// Wall time spent in each stage of one dispatch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub normalize: Duration,
    pub attribute: Duration,
    pub serialize: Duration,
}

/// The result of processing one payload.
#[derive(Debug)]
pub struct Processed {
    pub outcome: Result<Vec<u8>, StageError>,
    /// The dispatch id (used as the output key when the input has none).
    pub dispatch_id: Option<String>,
    pub timings: Timings,
}

impl Pipeline {
    /// `stages` lists the stages to run; an empty list is pass-through mode
    /// (the payload is wrapped as plain text, used to measure the floor).
    pub fn new(limits: Limits, stages: &[StageName], format: Option<Format>) -> Self {
        Pipeline {
            limits,
            normalize: stages.contains(&StageName::Normalize),
            attribute: stages.contains(&StageName::Attribute),
            format,
        }
    }

    /// Run every stage and build the record.
    pub fn enrich(&self, payload: &[u8], origin: &Origin) -> Result<EnrichedRecord, StageError> {
        self.enrich_timed(payload, origin, &mut Timings::default())
    }

    fn enrich_timed(
        &self,
        payload: &[u8],
        origin: &Origin,
        timings: &mut Timings,
    ) -> Result<EnrichedRecord, StageError> {
        let hints = Hints {
            format: self.format,
            charset: origin.charset.clone(),
        };
        let t = Instant::now();
        let mut doc = if self.normalize {
            normalize::normalize(payload, &hints, &self.limits)?
        } else {
            passthrough(payload, &self.limits)?
        };
        timings.normalize = t.elapsed();
        let t = Instant::now();
        let mut attribution = if self.attribute {
            let (attribution, skipped) = attribute_bounded(&doc);
            if skipped > 0 {
                doc.normalization
                    .changes
                    .insert("attribution_skipped_chars".into(), skipped);
            }
            attribution
        } else {
            Attribution::default()
        };
        timings.attribute = t.elapsed();
        cap_sizes(&mut doc, &mut attribution);
        Ok(assemble(doc, attribution, origin))
    }

    /// Run every stage and serialize the record to JSON bytes.
    pub fn process(&self, payload: &[u8], origin: &Origin) -> Processed {
        let mut timings = Timings::default();
        let mut dispatch_id = None;
        let outcome = self
            .enrich_timed(payload, origin, &mut timings)
            .and_then(|record| {
                dispatch_id = Some(record.ninjs.uri.clone());
                let t = Instant::now();
                // `serde_json::to_vec` starts from 128 bytes and doubles
                // (about nine reallocations and copies for a 10 KB
                // dispatch, whose record is ~4-5x its size: body, search
                // text, quotes); the same writer into a buffer sized for
                // that up front. The bytes written are the same.
                let mut bytes = Vec::with_capacity(payload.len().saturating_mul(5) + 4096);
                let bytes = serde_json::to_writer(&mut bytes, &record)
                    .map(|()| bytes)
                    .map_err(|e| {
                        StageError::new(Stage::Serialize, ErrorKind::Internal, e.to_string())
                    });
                timings.serialize = t.elapsed();
                bytes
            });
        Processed {
            outcome,
            dispatch_id,
            timings,
        }
    }
}

/// The attribution of the body's first [`MAX_ATTRIBUTED_CHARS`] characters
/// (cut at a paragraph break when there is one), and how many characters
/// were left out. Spans stay valid: they index the full body's prefix.
fn attribute_bounded(doc: &NormalizedDispatch) -> (Attribution, usize) {
    let Some((limit, _)) = doc.body.char_indices().nth(MAX_ATTRIBUTED_CHARS) else {
        return (attribution::attribute(doc), 0);
    };
    let cut = doc.body[..limit]
        .rfind("\n\n")
        .filter(|&i| i > 0)
        .unwrap_or(limit);
    let mut head = doc.clone();
    head.body.truncate(cut);
    let kept = head.body.chars().count();
    let n = &mut head.normalization;
    if n.credit_line.as_ref().is_some_and(|c| c.end > kept) {
        n.credit_line = None;
    }
    if n.dateline.as_ref().is_some_and(|d| d.end > kept) {
        n.dateline = None;
    }
    n.char_count = kept;
    (
        attribution::attribute(&head),
        doc.body[cut..].chars().count(),
    )
}

/// Enforce [`MAX_FIELD_CHARS`] and [`MAX_ATTRIBUTIONS`], counting what was cut.
fn cap_sizes(doc: &mut NormalizedDispatch, attribution: &mut Attribution) {
    let mut truncated = 0;
    for field in [
        &mut doc.headline,
        &mut doc.byline,
        &mut doc.slugline,
        &mut doc.located,
        &mut doc.normalization.declared_dateline,
    ]
    .into_iter()
    .flatten()
    {
        if let Some((cut, _)) = field.char_indices().nth(MAX_FIELD_CHARS) {
            field.truncate(cut);
            truncated += 1;
        }
    }
    let dropped = [
        ("fields_truncated", truncated),
        ("quotes_dropped", drop_past_cap(&mut attribution.quotes)),
        ("sources_dropped", drop_past_cap(&mut attribution.sources)),
        (
            "marked_terms_dropped",
            drop_past_cap(&mut attribution.marked_terms),
        ),
    ];
    for (kind, n) in dropped {
        if n > 0 {
            *doc.normalization.changes.entry(kind.into()).or_insert(0) += n;
        }
    }
}

/// Keep the first [`MAX_ATTRIBUTIONS`] items; returns how many were dropped.
fn drop_past_cap<T>(items: &mut Vec<T>) -> usize {
    let dropped = items.len().saturating_sub(MAX_ATTRIBUTIONS);
    items.truncate(MAX_ATTRIBUTIONS);
    dropped
}

/// Pass-through mode: no normalization, the payload as lossy UTF-8.
fn passthrough(payload: &[u8], limits: &Limits) -> Result<NormalizedDispatch, StageError> {
    if payload.len() > limits.max_dispatch_bytes {
        return Err(StageError::new(
            Stage::Decode,
            ErrorKind::TooLarge,
            format!("payload is {} bytes", payload.len()),
        ));
    }
    Ok(NormalizedDispatch {
        format: Format::Plain,
        charset: "utf-8".into(),
        id: None,
        headline: None,
        body: String::from_utf8_lossy(payload).into_owned(),
        byline: None,
        slugline: None,
        first_created: None,
        version_created: None,
        located: None,
        normalization: Default::default(),
    })
}

/// Build the record envelope from the two stages' outputs.
pub fn assemble(
    doc: NormalizedDispatch,
    attribution: Attribution,
    origin: &Origin,
) -> EnrichedRecord {
    let uri = dispatch_uri(&doc, origin);
    // The format's own id, when the uri had to be derived from it.
    let alt_ids: Vec<AltId> = doc
        .id
        .as_deref()
        .filter(|id| !id.is_empty() && *id != uri)
        .map(|id| AltId {
            role: "source".into(),
            value: id.to_string(),
        })
        .into_iter()
        .collect();
    let mut people: Vec<Person> = Vec::new();
    for speaker in attribution.quotes.iter().filter_map(|q| q.speaker.as_ref()) {
        let Some(name) = speaker.name.as_ref().or(speaker.role.as_ref()) else {
            continue;
        };
        if !people.iter().any(|p| &p.name == name) {
            people.push(Person {
                name: name.clone(),
                rel: Some("speaker".into()),
                literal: None,
            });
        }
    }
    let mut info_sources: Vec<InfoSource> = Vec::new();
    for source in &attribution.sources {
        let role = match source.role {
            crate::model::SourceRole::Credit => "credit",
            crate::model::SourceRole::Cited => "cited",
            crate::model::SourceRole::Interviewed => "interviewed",
            crate::model::SourceRole::Statement => "statement",
        };
        if !info_sources
            .iter()
            .any(|s| s.literal.as_deref() == Some(&source.id) && s.role.as_deref() == Some(role))
        {
            info_sources.push(InfoSource {
                name: source.name.clone(),
                role: Some(role.into()),
                literal: Some(source.id.clone()),
            });
        }
    }
    let ninjs = Ninjs {
        uri,
        kind: "text".into(),
        language: doc.language().map(str::to_string),
        first_created: doc.first_created,
        version_created: doc.version_created,
        headlines: doc
            .headline
            .into_iter()
            .map(|value| Headline {
                role: Some("main".into()),
                content_type: Some("text/plain".into()),
                value,
            })
            .collect(),
        bodies: vec![Body {
            role: Some("main".into()),
            content_type: Some("text/plain".into()),
            char_count: Some(doc.normalization.char_count as u64),
            word_count: Some(doc.normalization.word_count as u64),
            value: doc.body,
        }],
        by: doc.byline,
        located: doc.located,
        slugline: doc.slugline,
        people,
        info_sources,
        alt_ids,
    };
    EnrichedRecord {
        schema: RECORD_SCHEMA.into(),
        ninjs,
        normalization: doc.normalization,
        attribution,
        source: SourceInfo {
            topic: origin.topic.clone(),
            partition: origin.partition,
            offset: origin.offset,
            key: origin.key.clone(),
            format: Some(doc.format),
            charset: Some(doc.charset),
        },
    }
}

/// A stable URI for the dispatch: the format's own id when it is a URI,
/// else derived from it or from the content hash.
fn dispatch_uri(doc: &NormalizedDispatch, origin: &Origin) -> String {
    if let Some(id) = doc.id.as_deref().filter(|id| !id.is_empty()) {
        if id.contains(':') && !id.chars().any(char::is_whitespace) {
            return id.to_string();
        }
        return format!("urn:newswire:id:{}", percent_encode(id));
    }
    if !doc.normalization.content_hash.is_empty() {
        return format!("urn:newswire:sha256:{}", doc.normalization.content_hash);
    }
    match (&origin.topic, origin.partition, origin.offset) {
        (Some(t), Some(p), Some(o)) => format!("urn:newswire:kafka:{}:{p}:{o}", percent_encode(t)),
        _ => {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(doc.body.as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("urn:newswire:sha256:{hex}")
        }
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
