//! librdkafka callbacks of the worker's consumer.
//!
//! Rebalances are the delicate part. Callbacks run on the poller thread,
//! inside `poll`. On a revoke, the callback asks the worker loop to drain the
//! revoked partitions (bounded by `worker.rebalance_drain_timeout`), gets back
//! the positions safe to commit, stores and commits them synchronously
//! (unless the partitions were lost or no broker is reachable, when a
//! commit cannot succeed and would block the poller), and only then lets
//! the revoke complete. So the next owner of a partition
//! starts right after the last record we durably wrote: nothing is lost, and
//! duplicates are limited to work that did not drain in time.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc as std_mpsc, Arc};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError, KafkaResult, RDKafkaErrorCode};
use rdkafka::message::OwnedMessage;
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, Offset, TopicPartitionList};
use tokio::sync::mpsc;

use super::offsets::Tp;
use crate::health::Health;
use crate::telemetry;

/// What the poller thread tells the worker loop, in consumption order.
#[derive(Debug)]
pub enum Event {
    /// A message to process.
    Message(OwnedMessage),
    /// Partitions were assigned.
    Assigned(Vec<Tp>),
    /// Partitions are being revoked: drain them and reply with the positions
    /// safe to commit.
    Revoke {
        partitions: Vec<Tp>,
        reply: std_mpsc::Sender<Vec<(Tp, i64)>>,
    },
}

/// Rate limit for a log line that can repeat many times a second (broker
/// connection errors during an outage): the first one is logged, then at
/// most one per `every`, carrying how many were suppressed in between.
#[derive(Debug)]
pub struct LogThrottle {
    every: Duration,
    origin: Instant,
    /// Milliseconds since `origin` of the last logged line, plus one (0 = never).
    last: AtomicU64,
    suppressed: AtomicU64,
}

impl LogThrottle {
    pub fn new(every: Duration) -> Self {
        LogThrottle {
            every,
            origin: Instant::now(),
            last: AtomicU64::new(0),
            suppressed: AtomicU64::new(0),
        }
    }

    /// `Some(suppressed since the last line)` when this occurrence should be
    /// logged, else `None` (and it is counted).
    pub fn admit(&self) -> Option<u64> {
        let now = self.origin.elapsed().as_millis() as u64 + 1;
        let last = self.last.load(Ordering::Relaxed);
        if last == 0 || now.saturating_sub(last) >= self.every.as_millis() as u64 {
            self.last.store(now, Ordering::Relaxed);
            Some(self.suppressed.swap(0, Ordering::Relaxed))
        } else {
            self.suppressed.fetch_add(1, Ordering::Relaxed);
            None
        }
    }
}

/// The consumer's context: forwards rebalances to the worker loop, turns
/// statistics into lag gauges and broker reachability.
pub struct WorkerContext {
    events: mpsc::UnboundedSender<Event>,
    health: Arc<Health>,
    drain_timeout: Duration,
    /// Set when the assignment changed (the poller re-applies a pause).
    pub(crate) assignment_changed: AtomicBool,
    /// Client errors repeat every few milliseconds while a broker is down.
    error_log: LogThrottle,
    /// Exactly-once: offsets are committed by the producer's transactions,
    /// which the consumer's statistics never see; lag is then measured from
    /// the consume position.
    lag_from_position: bool,
}

impl WorkerContext {
    pub fn new(
        events: mpsc::UnboundedSender<Event>,
        health: Arc<Health>,
        drain_timeout: Duration,
        lag_from_position: bool,
    ) -> Self {
        WorkerContext {
            events,
            health,
            drain_timeout,
            assignment_changed: AtomicBool::new(false),
            error_log: LogThrottle::new(Duration::from_secs(10)),
            lag_from_position,
        }
    }
}

fn partitions_of(tpl: &TopicPartitionList) -> Vec<Tp> {
    tpl.elements()
        .iter()
        .map(|e| (e.topic().to_string(), e.partition()))
        .collect()
}

impl ClientContext for WorkerContext {
    fn stats(&self, stats: Statistics) {
        // Any live connection counts, the group coordinator's included: a
        // member that owns no partition fetches from no broker, and with
        // librdkafka's sparse connections it then holds no connection to a
        // broker by node id at all, yet it is healthy (and was reported
        // "no broker reachable" for minutes after a broker restart).
        let up = stats.brokers.values().any(|b| b.state == "UP");
        self.health.set_broker_reachable(up);
        for (topic, t) in &stats.topics {
            for (id, p) in &t.partitions {
                let lag = if self.lag_from_position {
                    // The last stable offset (what a read_committed
                    // consumer can reach) minus the consume position.
                    let end = if p.ls_offset >= 0 {
                        p.ls_offset
                    } else {
                        p.hi_offset
                    };
                    if end < 0 || p.app_offset < 0 {
                        -1
                    } else {
                        (end - p.app_offset).max(0)
                    }
                } else {
                    p.consumer_lag
                };
                if *id < 0 || lag < 0 {
                    continue;
                }
                metrics::gauge!(telemetry::CONSUMER_LAG, "topic" => topic.clone(), "partition" => id.to_string())
                    .set(lag as f64);
            }
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        if matches!(
            error.rdkafka_error_code(),
            Some(RDKafkaErrorCode::AllBrokersDown)
        ) {
            self.health.set_broker_reachable(false);
        }
        if let Some(suppressed) = self.error_log.admit() {
            tracing::warn!(%error, reason, suppressed, "kafka client error");
        }
    }
}

impl ConsumerContext for WorkerContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let Rebalance::Revoke(tpl) = rebalance else {
            return;
        };
        metrics::counter!(telemetry::REBALANCES_TOTAL, "kind" => "revoke").increment(1);
        self.assignment_changed.store(true, Ordering::Relaxed);
        if consumer.assignment_lost() {
            // The session expired: out of the group until it rejoins.
            self.health.set_joined(false);
        }
        let partitions = partitions_of(tpl);
        if partitions.is_empty() {
            return;
        }
        // This member no longer reports lag for these partitions; zero its
        // last value so dashboards and alerts see only the owner's figure.
        for (topic, partition) in &partitions {
            metrics::gauge!(telemetry::CONSUMER_LAG, "topic" => topic.clone(), "partition" => partition.to_string())
                .set(0.0);
        }
        tracing::info!(?partitions, "partitions revoked; draining");
        let (reply, answer) = std_mpsc::channel();
        if self
            .events
            .send(Event::Revoke {
                partitions: partitions.clone(),
                reply,
            })
            .is_err()
        {
            // The worker loop is gone (shutdown): it already committed.
            return;
        }
        // The loop replies within its drain timeout; allow a little more.
        let Ok(positions) = answer.recv_timeout(self.drain_timeout + Duration::from_secs(2)) else {
            tracing::warn!(
                ?partitions,
                "drain did not answer in time; committing nothing more"
            );
            return;
        };
        if positions.is_empty() {
            return;
        }
        let mut commit = TopicPartitionList::new();
        for ((topic, partition), position) in &positions {
            if commit
                .add_partition_offset(topic, *partition, Offset::Offset(*position))
                .is_err()
            {
                tracing::warn!(topic, partition, position, "cannot record revoke position");
            }
        }
        if let Err(error) = consumer.store_offsets(&commit) {
            tracing::warn!(%error, "storing offsets of revoked partitions failed");
        }
        // A synchronous commit waits without a bound for the group
        // coordinator, and this thread is the only one polling: while it
        // waits, no statistics, no heartbeat handling, no readiness update.
        // When the partitions are already lost (session expired) the commit
        // would be rejected anyway; when no broker is reachable it would
        // block until one is. Skip it then: the next owner re-reads from the
        // last committed position (duplicates, never loss).
        if consumer.assignment_lost() {
            tracing::warn!(
                ?positions,
                "partitions were lost (session expired); not committing them"
            );
            return;
        }
        if !self.health.broker_reachable() {
            metrics::counter!(telemetry::COMMIT_FAILURES_TOTAL).increment(1);
            tracing::warn!(
                ?positions,
                "no broker reachable; not committing revoked partitions (their next owner re-reads from the last commit)"
            );
            return;
        }
        match consumer.commit(&commit, CommitMode::Sync) {
            Ok(()) => tracing::info!(?positions, "committed revoked partitions"),
            Err(error) => {
                metrics::counter!(telemetry::COMMIT_FAILURES_TOTAL).increment(1);
                tracing::warn!(%error, "commit of revoked partitions failed");
            }
        }
    }

    fn post_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Assign(tpl) => {
                metrics::counter!(telemetry::REBALANCES_TOTAL, "kind" => "assign").increment(1);
                self.assignment_changed.store(true, Ordering::Relaxed);
                self.health.set_joined(true);
                let partitions = partitions_of(tpl);
                tracing::info!(?partitions, "partitions assigned");
                let _ = self.events.send(Event::Assigned(partitions));
            }
            Rebalance::Revoke(_) => {}
            Rebalance::Error(error) => tracing::warn!(%error, "rebalance error"),
        }
    }

    fn commit_callback(&self, result: KafkaResult<()>, offsets: &TopicPartitionList) {
        match result {
            Ok(()) => tracing::debug!(count = offsets.count(), "offsets committed"),
            // Nothing new to commit is not a failure.
            Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
            Err(error) => {
                metrics::counter!(telemetry::COMMIT_FAILURES_TOTAL).increment(1);
                tracing::warn!(%error, "offset commit failed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_throttle_admits_the_first_line_then_one_per_period_with_the_count() {
        let t = LogThrottle::new(Duration::from_secs(1));
        assert_eq!(t.admit(), Some(0));
        assert_eq!(t.admit(), None);
        assert_eq!(t.admit(), None);
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(t.admit(), Some(2));
        assert_eq!(t.admit(), None);
    }
}
