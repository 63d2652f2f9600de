//! The Kafka edge: consume raw dispatches, produce records and dead letters,
//! commit offsets only behind what is durably written.
//!
//! - [`worker`]: the consume -> process -> produce -> ack -> commit loop.
//! - [`context`]: librdkafka callbacks (rebalances, statistics, errors, commits).
//! - [`offsets`]: the per-partition ack tracker deciding what may be committed.
//! - [`transaction`]: exactly-once mode, one Kafka transaction per batch.
//! - [`records`]: output and DLQ records, their keys and headers.
//! - [`stages`]: the fixed pool of threads that run the stages.
//! - [`embedded`]: the in-process broker (librdkafka's mock cluster).
//! - [`client`]: client configuration from settings.
//! - [`admin`]: read-only views for operators: bounded topic scans, group lag.
//! - [`dlq`]: dead-letter inspection and re-run-safe replay.
//!
//! Must not touch: stage internals. The worker calls [`crate::Pipeline`] and
//! treats its result as opaque bytes or a [`crate::StageError`].

pub mod admin;
pub mod client;
pub mod context;
pub mod dlq;
pub mod embedded;
pub mod offsets;
pub mod records;
pub mod stages;
pub mod transaction;
pub mod worker;

pub use worker::{run_worker, WorkerError, WorkerSummary};
