//! Read-only views of the cluster for operators: topic scans bounded by the
//! high watermarks seen at the start, and consumer-group lag.
//!
//! Used by `newswire lag` and the DLQ tools ([`super::dlq`]). These clients
//! never join the worker's group and never commit: `lag` only *reads* the
//! group's committed offsets.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::BorrowedMessage;
use rdkafka::{Message, Offset, TopicPartitionList};

use super::client;
use crate::config::Settings;

/// Group id used by the read-only tool consumers (never commits).
pub const TOOLS_GROUP_ID: &str = "newswire-tools";

/// Why an operator tool could not talk to the cluster.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("cannot create a Kafka client: {0} (check kafka.brokers and kafka.properties)")]
    Client(#[source] KafkaError),
    #[error("cannot read metadata of topic `{topic}`: {source} (is a broker reachable?)")]
    Metadata {
        topic: String,
        #[source]
        source: KafkaError,
    },
    #[error("topic `{0}` does not exist or has no partitions")]
    UnknownTopic(String),
    #[error("cannot read the offsets of `{topic}` partition {partition}: {source}")]
    Watermarks {
        topic: String,
        partition: i32,
        #[source]
        source: KafkaError,
    },
    #[error("cannot read the committed offsets of group `{group}`: {source}")]
    Committed {
        group: String,
        #[source]
        source: KafkaError,
    },
    #[error("cannot read topic `{topic}`: {source}")]
    Consume {
        topic: String,
        #[source]
        source: KafkaError,
    },
    #[error(
        "reading `{topic}` timed out after {timeout:?} with partitions {pending:?} unfinished"
    )]
    Timeout {
        topic: String,
        timeout: Duration,
        pending: Vec<i32>,
    },
    #[error("cannot produce to `{topic}`: {source}")]
    Produce {
        topic: String,
        #[source]
        source: KafkaError,
    },
    #[error("--from and --to name the same topic `{0}`; replaying a topic into itself loops")]
    SameTopic(String),
}

/// The offsets of one partition: first available and end (next to be written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watermarks {
    pub partition: i32,
    pub low: i64,
    pub high: i64,
}

/// A read-only consumer for the tools (its own group, no commits).
pub fn tool_consumer(settings: &Settings) -> Result<BaseConsumer, AdminError> {
    client::tool_consumer_config(settings, TOOLS_GROUP_ID)
        .set("enable.partition.eof", "false")
        .create()
        .map_err(AdminError::Client)
}

/// Low and high watermarks of every partition of `topic`, by partition id.
pub fn watermarks(
    consumer: &BaseConsumer,
    topic: &str,
    timeout: Duration,
) -> Result<Vec<Watermarks>, AdminError> {
    let metadata = consumer
        .fetch_metadata(Some(topic), timeout)
        .map_err(|source| AdminError::Metadata {
            topic: topic.into(),
            source,
        })?;
    let mut partitions: Vec<i32> = metadata
        .topics()
        .iter()
        .filter(|t| t.name() == topic && t.error().is_none())
        .flat_map(|t| t.partitions().iter().map(|p| p.id()))
        .collect();
    if partitions.is_empty() {
        return Err(AdminError::UnknownTopic(topic.into()));
    }
    partitions.sort_unstable();
    partitions
        .into_iter()
        .map(|partition| {
            let (low, high) = consumer
                .fetch_watermarks(topic, partition, timeout)
                .map_err(|source| AdminError::Watermarks {
                    topic: topic.into(),
                    partition,
                    source,
                })?;
            Ok(Watermarks {
                partition,
                low,
                high,
            })
        })
        .collect()
}

/// The first offset of each partition whose timestamp is at or after `at`.
/// Falls back to the low watermark when the broker cannot answer (some
/// brokers, and the embedded one, do not index timestamps): scanning more is
/// always safe, scanning less is not.
pub fn offsets_at(
    consumer: &BaseConsumer,
    topic: &str,
    marks: &[Watermarks],
    at: SystemTime,
    timeout: Duration,
) -> HashMap<i32, i64> {
    let fallback: HashMap<i32, i64> = marks.iter().map(|w| (w.partition, w.low)).collect();
    let Ok(since_epoch) = at.duration_since(SystemTime::UNIX_EPOCH) else {
        return fallback;
    };
    let millis = i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX);
    let mut tpl = TopicPartitionList::new();
    for w in marks {
        if tpl
            .add_partition_offset(topic, w.partition, Offset::Offset(millis))
            .is_err()
        {
            return fallback;
        }
    }
    let Ok(found) = consumer.offsets_for_times(tpl, timeout) else {
        return fallback;
    };
    marks
        .iter()
        .map(|w| {
            let start = match found.find_partition(topic, w.partition).map(|e| e.offset()) {
                Some(Offset::Offset(o)) if o >= w.low => o,
                _ => w.low,
            };
            (w.partition, start)
        })
        .collect()
}

/// Read `topic` from the given start offsets up to the high watermarks in
/// `marks` (messages written after them are not read), calling `visit` for
/// each message in partition order. Partitions whose start is at or past
/// their end are skipped.
pub fn scan(
    consumer: &BaseConsumer,
    topic: &str,
    marks: &[Watermarks],
    starts: &HashMap<i32, i64>,
    timeout: Duration,
    mut visit: impl FnMut(&BorrowedMessage<'_>),
) -> Result<u64, AdminError> {
    let mut tpl = TopicPartitionList::new();
    let mut ends: HashMap<i32, i64> = HashMap::new();
    for w in marks {
        let start = starts
            .get(&w.partition)
            .copied()
            .unwrap_or(w.low)
            .max(w.low);
        if start >= w.high {
            continue;
        }
        tpl.add_partition_offset(topic, w.partition, Offset::Offset(start))
            .map_err(|source| AdminError::Consume {
                topic: topic.into(),
                source,
            })?;
        ends.insert(w.partition, w.high);
    }
    if ends.is_empty() {
        return Ok(0);
    }
    consumer
        .assign(&tpl)
        .map_err(|source| AdminError::Consume {
            topic: topic.into(),
            source,
        })?;
    let deadline = Instant::now() + timeout;
    let mut read = 0u64;
    let result = loop {
        if ends.is_empty() {
            break Ok(read);
        }
        if Instant::now() >= deadline {
            let mut pending: Vec<i32> = ends.keys().copied().collect();
            pending.sort_unstable();
            break Err(AdminError::Timeout {
                topic: topic.into(),
                timeout,
                pending,
            });
        }
        match consumer.poll(Duration::from_millis(100)) {
            Some(Ok(message)) => {
                let partition = message.partition();
                let Some(end) = ends.get(&partition).copied() else {
                    continue;
                };
                if message.offset() >= end {
                    ends.remove(&partition);
                    continue;
                }
                read += 1;
                visit(&message);
                if message.offset() + 1 >= end {
                    ends.remove(&partition);
                }
            }
            Some(Err(source)) => {
                break Err(AdminError::Consume {
                    topic: topic.into(),
                    source,
                })
            }
            None => {
                // Offsets can have gaps (compaction, transaction markers):
                // the position tells when a partition is really done.
                if let Ok(positions) = consumer.position() {
                    for e in positions.elements_for_topic(topic) {
                        if let Offset::Offset(pos) = e.offset() {
                            if ends.get(&e.partition()).is_some_and(|end| pos >= *end) {
                                ends.remove(&e.partition());
                            }
                        }
                    }
                }
            }
        }
    };
    let _ = consumer.unassign();
    result
}

/// Committed offset, end offset and lag of one input partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionLag {
    pub partition: i32,
    /// The group's committed offset; `None` when it never committed here.
    pub committed: Option<i64>,
    /// First offset still on the broker (retention).
    pub low: i64,
    /// End offset (high watermark): the next offset to be written.
    pub end: i64,
    /// Messages the group still has to process: `end - max(committed, low)`
    /// (without a commit the group starts at `low`, `auto.offset.reset=earliest`).
    pub lag: i64,
}

/// Lag of a consumer group on one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupLag {
    pub group: String,
    pub topic: String,
    pub partitions: Vec<PartitionLag>,
}

impl GroupLag {
    pub fn total(&self) -> i64 {
        self.partitions.iter().map(|p| p.lag).sum()
    }
}

/// Lag of the configured group (`kafka.group_id`) on the input topic.
/// Reads committed offsets without joining the group.
pub fn group_lag(settings: &Settings, timeout: Duration) -> Result<GroupLag, AdminError> {
    let group = settings.kafka.group_id.clone();
    let topic = settings.topics.input.clone();
    let consumer: BaseConsumer = client::tool_consumer_config(settings, &group)
        .create()
        .map_err(AdminError::Client)?;
    let marks = watermarks(&consumer, &topic, timeout)?;
    let mut tpl = TopicPartitionList::new();
    for w in &marks {
        tpl.add_partition(&topic, w.partition);
    }
    let committed =
        consumer
            .committed_offsets(tpl, timeout)
            .map_err(|source| AdminError::Committed {
                group: group.clone(),
                source,
            })?;
    let partitions = marks
        .iter()
        .map(|w| {
            let committed = match committed
                .find_partition(&topic, w.partition)
                .map(|e| e.offset())
            {
                Some(Offset::Offset(o)) if o >= 0 => Some(o),
                _ => None,
            };
            let from = committed.unwrap_or(w.low).max(w.low);
            PartitionLag {
                partition: w.partition,
                committed,
                low: w.low,
                end: w.high,
                lag: (w.high - from).max(0),
            }
        })
        .collect();
    Ok(GroupLag {
        group,
        topic,
        partitions,
    })
}

/// A plain table of the lag, for people.
pub fn render_lag(lag: &GroupLag) -> String {
    use std::fmt::Write;
    let mut out = format!("group {}  topic {}\n", lag.group, lag.topic);
    let _ = writeln!(
        out,
        "{:>9}  {:>12}  {:>12}  {:>10}",
        "partition", "committed", "end", "lag"
    );
    for p in &lag.partitions {
        let committed = p
            .committed
            .map_or_else(|| "-".to_string(), |c| c.to_string());
        let _ = writeln!(
            out,
            "{:>9}  {:>12}  {:>12}  {:>10}",
            p.partition, committed, p.end, p.lag
        );
    }
    let _ = writeln!(out, "total lag {}", lag.total());
    out
}
