//! The embedded broker: librdkafka's mock cluster, in-process, speaking the
//! real Kafka protocol on real loopback TCP ports.
//!
//! Used by `newswire broker`, `newswire demo` and the integration tests, so
//! that nothing needs a Kafka installation. Limits worth knowing: each mock
//! partition keeps at most 5 MiB or 100,000 messages (older segments are
//! deleted), and transactions are not faithfully emulated. For anything that
//! must prove durability or exactly-once, use a real Kafka.

use rdkafka::mocking::MockCluster;
use rdkafka::producer::DefaultProducerContext;

/// Why the embedded broker could not start or create a topic.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error("cannot start the embedded broker: {0}")]
    Start(rdkafka::error::KafkaError),
    #[error("cannot create topic `{topic}` on the embedded broker: {source}")]
    Topic {
        topic: String,
        #[source]
        source: rdkafka::error::KafkaError,
    },
    #[error("invalid topic spec `{0}`: expected NAME or NAME:PARTITIONS, e.g. `newswire.raw:4`")]
    Spec(String),
}

/// A running in-process broker cluster. Dropping it shuts the cluster down.
pub struct EmbeddedBroker {
    cluster: MockCluster<'static, DefaultProducerContext>,
}

impl std::fmt::Debug for EmbeddedBroker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedBroker")
            .field("bootstrap", &self.bootstrap_servers())
            .finish()
    }
}

impl EmbeddedBroker {
    /// Start a cluster of `brokers` brokers on free loopback ports.
    pub fn start(brokers: i32) -> Result<Self, EmbeddedError> {
        let cluster = MockCluster::new(brokers).map_err(EmbeddedError::Start)?;
        Ok(EmbeddedBroker { cluster })
    }

    /// The bootstrap address list, `host:port[,host:port...]`.
    pub fn bootstrap_servers(&self) -> String {
        self.cluster.bootstrap_servers()
    }

    /// Create a topic with `partitions` partitions (replication factor 1).
    pub fn create_topic(&self, topic: &str, partitions: i32) -> Result<(), EmbeddedError> {
        self.cluster
            .create_topic(topic, partitions, 1)
            .map_err(|source| EmbeddedError::Topic {
                topic: topic.to_string(),
                source,
            })
    }

    /// The underlying mock cluster, for fault injection in tests
    /// (`broker_down`, `request_errors`, ...).
    pub fn cluster(&self) -> &MockCluster<'static, DefaultProducerContext> {
        &self.cluster
    }
}

/// Parse `NAME` or `NAME:PARTITIONS` (default 1 partition).
pub fn parse_topic_spec(spec: &str) -> Result<(String, i32), EmbeddedError> {
    let (name, partitions) = match spec.rsplit_once(':') {
        Some((name, n)) => (
            name,
            n.parse::<i32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| EmbeddedError::Spec(spec.to_string()))?,
        ),
        None => (spec, 1),
    };
    if name.is_empty() {
        return Err(EmbeddedError::Spec(spec.to_string()));
    }
    Ok((name.to_string(), partitions))
}
