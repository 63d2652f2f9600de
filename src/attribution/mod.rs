//! The attribution stage: who said what, and on whose authority.
//!
//! Owns: quote-mark scanning, speech cues, speakers and their resolution
//! across sentences, the outlet gazetteer and source roles.
//!
//! Must not touch: Kafka, HTTP, clocks, files at run time (lexicons are
//! compiled in). It reads a [`NormalizedDispatch`] and never changes it; every
//! span it reports is a code-point offset into `NormalizedDispatch::body`.
//!
//! (Skeleton: reports the credit line only. The attribution issue deepens it.)

use crate::model::{Attribution, NormalizedDispatch};

/// Find quotations, speakers and sources in one normalized dispatch.
pub fn attribute(doc: &NormalizedDispatch) -> Attribution {
    Attribution {
        credit_line: doc
            .normalization
            .credit_line
            .as_ref()
            .map(|s| s.text.clone()),
        ..Attribution::default()
    }
}
