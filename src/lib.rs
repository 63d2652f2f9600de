//! newswire: raw agency wire copy in, clean attributed records out.
//!
//! The pure core ([`normalize`], [`attribution`], [`pipeline`], [`model`])
//! turns bytes into an [`model::EnrichedRecord`] without any I/O. The edges
//! ([`kafka`], [`http`], [`commands`]) move bytes and watch the worker.

pub mod attribution;
pub mod config;
pub mod error;
pub mod eval;
pub mod model;
pub mod normalize;
pub mod outlets;
pub mod pipeline;

pub use error::{ErrorKind, Stage, StageError};
pub use pipeline::{Origin, Pipeline};
pub mod commands;
pub mod health;
pub mod http;
pub mod kafka;
pub mod telemetry;
