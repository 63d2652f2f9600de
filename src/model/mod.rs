//! The in-memory types that flow through the pipeline and the JSON shape of
//! the record newswire publishes.
//!
//! Owns: [`Dispatch`] (what a format parser extracts), [`NormalizedDispatch`]
//! (what the normalization stage hands to attribution), the attribution output
//! contract, the IPTC ninjs item and the record envelope.
//!
//! Must not touch: I/O of any kind. These are plain data types; the stages
//! that fill them live in `normalize/` and `attribution/`.
//!
//! **Offsets.** Every `start`/`end` anywhere in a record is a Unicode scalar
//! value (code point) offset into the normalized main body text,
//! `ninjs.bodies[0].value`, end exclusive. `text` always equals that slice.

mod attribution;
mod dispatch;
mod ninjs;
mod record;

pub use attribution::*;
pub use dispatch::*;
pub use ninjs::*;
pub use record::*;
