//! librdkafka client configuration built from [`Settings`].
//!
//! The worker's own settings are applied last, so a `kafka.properties` entry
//! cannot silently break delivery guarantees (e.g. re-enable auto offset store).

use rdkafka::ClientConfig;

use crate::config::{DeliveryMode, Settings};

/// Properties the worker relies on for its delivery guarantee;
/// `kafka.properties` cannot override them.
pub const CONSUMER_PINNED: &[&str] =
    &["enable.auto.offset.store", "enable.auto.commit", "group.id"];

/// Base configuration shared by every client: brokers, client id, passthrough.
pub fn base_config(settings: &Settings) -> ClientConfig {
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", &settings.kafka.brokers)
        .set("client.id", &settings.kafka.client_id);
    for (key, value) in &settings.kafka.properties {
        config.set(key, value);
    }
    config
}

/// The consumer group member.
pub fn consumer_config(settings: &Settings) -> ClientConfig {
    let mut config = base_config(settings);
    config
        .set("group.id", &settings.kafka.group_id)
        .set("partition.assignment.strategy", "cooperative-sticky")
        .set("enable.auto.offset.store", "false")
        // Exactly-once commits input offsets inside each transaction
        // (`send_offsets_to_transaction`), never through the consumer.
        .set(
            "enable.auto.commit",
            if settings.delivery.mode == DeliveryMode::ExactlyOnce {
                "false"
            } else {
                "true"
            },
        )
        .set(
            "auto.commit.interval.ms",
            settings.worker.commit_interval.as_millis().to_string(),
        )
        .set(
            "session.timeout.ms",
            settings.kafka.session_timeout.as_millis().to_string(),
        )
        .set("auto.offset.reset", "earliest")
        .set("enable.partition.eof", "false");
    // Defaults the operator may override in kafka.properties:
    for (key, value) in [
        // Lag metrics come from statistics.
        ("statistics.interval.ms", "2000"),
        // After a backpressure pause, fetch again promptly (librdkafka's
        // default postpones the next fetch by up to a second).
        ("fetch.queue.backoff.ms", "20"),
        // Bound prefetched data (librdkafka's default is 64 MiB).
        ("queued.max.messages.kbytes", "16384"),
    ] {
        if config.get(key).is_none() {
            config.set(key, value);
        }
    }
    if !settings.kafka.instance_id.is_empty() {
        config.set("group.instance.id", &settings.kafka.instance_id);
    }
    config
}

/// The producer for output and DLQ records: idempotent, and transactional
/// in exactly-once mode.
pub fn producer_config(settings: &Settings) -> ClientConfig {
    let mut config = base_config(settings);
    if config.get("linger.ms").is_none() {
        config.set("linger.ms", "5");
    }
    config.set("enable.idempotence", "true").set("acks", "all");
    if settings.delivery.mode == DeliveryMode::ExactlyOnce {
        if let Some(id) = settings.transactional_id() {
            config.set("transactional.id", id);
        }
        config.set(
            "transaction.timeout.ms",
            settings
                .delivery
                .transaction_timeout
                .as_millis()
                .to_string(),
        );
    }
    config
}

/// A plain consumer for operator tools and tests (no group semantics needed).
pub fn tool_consumer_config(settings: &Settings, group_id: &str) -> ClientConfig {
    let mut config = base_config(settings);
    config
        .set("group.id", group_id)
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest");
    config
}
