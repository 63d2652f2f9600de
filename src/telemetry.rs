//! Every metric name in one place, the recorder, and tracing setup.
//!
//! Owns: metric names and their help texts, installing the Prometheus
//! recorder, configuring `tracing` output.
//!
//! Must not touch: Kafka or the pipeline. Other modules record metrics only
//! through the names defined here.
//!
//! Conventions (Prometheus): snake_case, `newswire_` prefix, units in the
//! name, counters end in `_total`, errors carry `stage` and `kind` labels.

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Messages read from the input topic.
pub const MESSAGES_CONSUMED_TOTAL: &str = "newswire_messages_consumed_total";
/// Enriched records acknowledged by the broker on the output topic.
pub const RECORDS_PRODUCED_TOTAL: &str = "newswire_records_produced_total";
/// Dead letters acknowledged on the DLQ topic, labelled `stage` and `kind`.
pub const DLQ_TOTAL: &str = "newswire_dlq_total";
/// Time spent in each pipeline stage, labelled `stage`.
pub const STAGE_DURATION_SECONDS: &str = "newswire_stage_duration_seconds";
/// Broker timestamp of the input message to the output acknowledgement.
pub const END_TO_END_SECONDS: &str = "newswire_end_to_end_seconds";
/// Messages consumed but not yet acknowledged downstream.
pub const IN_FLIGHT: &str = "newswire_in_flight";
/// Partition assignments and revocations seen by this member.
pub const REBALANCES_TOTAL: &str = "newswire_rebalances_total";
/// Consumer lag per assigned partition, from librdkafka statistics.
pub const CONSUMER_LAG: &str = "newswire_consumer_lag";
/// Offset commits that failed.
pub const COMMIT_FAILURES_TOTAL: &str = "newswire_commit_failures_total";
/// Produce attempts that failed and were retried, labelled `topic_role`.
pub const PRODUCE_RETRIES_TOTAL: &str = "newswire_produce_retries_total";
/// Times fetching was paused because `worker.max_in_flight` was reached.
pub const BACKPRESSURE_PAUSES_TOTAL: &str = "newswire_backpressure_pauses_total";

/// Exactly-once transactions ended, labelled `outcome` (`committed`, `aborted`).
pub const TRANSACTIONS_TOTAL: &str = "newswire_transactions_total";
/// Exactly-once: time from a transaction's first record to its commit or abort.
pub const TRANSACTION_DURATION_SECONDS: &str = "newswire_transaction_duration_seconds";

/// Exactly-once: transactional producers replaced after timeouts.
pub const PRODUCER_RESETS_TOTAL: &str = "newswire_producer_resets_total";

/// Times `newswire run` re-created its Kafka clients, by `reason`:
/// `stalled` (out of the consumer group with a broker reachable) or
/// `transaction_hung` (exactly-once: a librdkafka transaction call never
/// returned).
pub const CLIENT_RESTARTS_TOTAL: &str = "newswire_client_restarts_total";

/// Messages of a partition no longer assigned to this worker (fetched
/// before a revoke, polled after it), dropped unprocessed and uncommitted:
/// the partition's new owner reads them from the committed offset.
pub const STALE_MESSAGES_DROPPED_TOTAL: &str = "newswire_stale_messages_dropped_total";

/// 1 while `/readyz` would answer 200 (joined, a broker reachable, not
/// draining), else 0; evaluated at each scrape.
pub const READY: &str = "newswire_ready";

/// Every metric newswire exports, with its help text. The deploy checks
/// compare dashboards and alert rules against this list.
pub const METRICS: &[(&str, &str)] = &[
    (
        MESSAGES_CONSUMED_TOTAL,
        "Messages read from the input topic.",
    ),
    (
        RECORDS_PRODUCED_TOTAL,
        "Enriched records acknowledged on the output topic.",
    ),
    (
        DLQ_TOTAL,
        "Dead letters acknowledged on the DLQ topic, by stage and kind.",
    ),
    (STAGE_DURATION_SECONDS, "Time spent in each pipeline stage."),
    (
        END_TO_END_SECONDS,
        "Input broker timestamp to output acknowledgement.",
    ),
    (
        IN_FLIGHT,
        "Messages consumed but not yet acknowledged downstream.",
    ),
    (
        REBALANCES_TOTAL,
        "Partition assignments and revocations seen by this member.",
    ),
    (
        CONSUMER_LAG,
        "Consumer lag per assigned partition (librdkafka statistics).",
    ),
    (COMMIT_FAILURES_TOTAL, "Offset commits that failed."),
    (
        PRODUCE_RETRIES_TOTAL,
        "Produce attempts that failed and were retried.",
    ),
    (
        BACKPRESSURE_PAUSES_TOTAL,
        "Times fetching paused at worker.max_in_flight.",
    ),
    (
        TRANSACTIONS_TOTAL,
        "Exactly-once transactions ended, by outcome (committed, aborted).",
    ),
    (
        TRANSACTION_DURATION_SECONDS,
        "Exactly-once: first record of a transaction to its commit or abort.",
    ),
    (
        PRODUCER_RESETS_TOTAL,
        "Exactly-once: transactional producers replaced after timeouts.",
    ),
    (
        CLIENT_RESTARTS_TOTAL,
        "Times the worker re-created its Kafka clients, by reason (stalled, transaction_hung).",
    ),
    (
        STALE_MESSAGES_DROPPED_TOTAL,
        "Messages of partitions no longer assigned, dropped for their new owner.",
    ),
    (
        READY,
        "1 while /readyz answers 200 (joined, broker reachable, not draining).",
    ),
];

/// Install the global Prometheus recorder (once per process) and return a
/// handle that renders the text exposition format.
pub fn install_recorder() -> Result<PrometheusHandle, String> {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let buckets = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
        5.0, 10.0, 30.0,
    ];
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &buckets)
        .map_err(|e| e.to_string())?
        .build_recorder();
    let handle = recorder.handle();
    match metrics::set_global_recorder(recorder) {
        Ok(()) => {
            describe();
            zero_init();
            spawn_upkeep(handle.clone())?;
            let _ = HANDLE.set(handle.clone());
            Ok(handle)
        }
        // Another thread won the race; use its handle.
        Err(_) => HANDLE
            .get()
            .cloned()
            .ok_or_else(|| "a different metrics recorder is already installed".to_string()),
    }
}

/// How often histogram samples are folded into their buckets.
pub const UPKEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);

/// Name of the thread that runs the recorder's upkeep.
pub const UPKEEP_THREAD: &str = "metrics-upkeep";

/// The recorder keeps every histogram sample until upkeep folds it into the
/// buckets, which otherwise happens only when `/metrics` is rendered: a
/// worker nobody scrapes would grow by every sample of every message (the
/// soak test saw RSS climb ~1.5 MiB a minute at 300 msg/s). A thread does it
/// on a timer instead, for the life of the process.
fn spawn_upkeep(handle: PrometheusHandle) -> Result<(), String> {
    std::thread::Builder::new()
        .name(UPKEEP_THREAD.into())
        .spawn(move || loop {
            std::thread::sleep(UPKEEP_INTERVAL);
            handle.run_upkeep();
        })
        .map(|_| ())
        .map_err(|e| format!("cannot start the metrics upkeep thread: {e}"))
}

fn describe() {
    for (name, help) in METRICS {
        if name.ends_with("_total") {
            metrics::describe_counter!(*name, *help);
        } else if name.ends_with("_seconds") {
            metrics::describe_histogram!(*name, metrics::Unit::Seconds, *help);
        } else {
            metrics::describe_gauge!(*name, *help);
        }
    }
}

/// Export the counters whose label sets are known up front at zero, so a
/// series exists before its first event: `rate()` and `increase()` then see
/// the first failure, and dashboards show 0 rather than "no data".
fn zero_init() {
    for name in [
        MESSAGES_CONSUMED_TOTAL,
        RECORDS_PRODUCED_TOTAL,
        COMMIT_FAILURES_TOTAL,
        BACKPRESSURE_PAUSES_TOTAL,
        PRODUCER_RESETS_TOTAL,
        STALE_MESSAGES_DROPPED_TOTAL,
    ] {
        metrics::counter!(name).increment(0);
    }
    for role in ["output", "dlq"] {
        metrics::counter!(PRODUCE_RETRIES_TOTAL, "topic_role" => role).increment(0);
    }
    for kind in ["assign", "revoke"] {
        metrics::counter!(REBALANCES_TOTAL, "kind" => kind).increment(0);
    }
    for reason in ["stalled", "transaction_hung"] {
        metrics::counter!(CLIENT_RESTARTS_TOTAL, "reason" => reason).increment(0);
    }
    for outcome in ["committed", "aborted"] {
        metrics::counter!(TRANSACTIONS_TOTAL, "outcome" => outcome).increment(0);
    }
    metrics::gauge!(IN_FLIGHT).set(0.0);
}

/// Set up `tracing` output: `json` or human `text`, filtered by `RUST_LOG`
/// when set, else by `default_filter`.
pub fn init_tracing(format: &str, default_filter: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(default_filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
