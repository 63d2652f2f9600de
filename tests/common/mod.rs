//! Shared harness for the integration tests: an embedded broker (librdkafka's
//! mock cluster, real Kafka protocol on loopback), real producers and
//! consumers, and a worker running in-process.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use newswire::config::Settings;
use newswire::health::Health;
use newswire::kafka::embedded::EmbeddedBroker;
use newswire::kafka::{client, run_worker, WorkerError, WorkerSummary};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Message, Offset, TopicPartitionList};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// One input message: key, payload (None = NULL), headers.
pub type Input = (Option<String>, Option<Vec<u8>>, Vec<(String, String)>);

pub struct Harness {
    pub broker: EmbeddedBroker,
    pub settings: Settings,
    pub input_partitions: i32,
    pub output_partitions: i32,
}

pub struct RunningWorker {
    pub handle: JoinHandle<Result<WorkerSummary, WorkerError>>,
    pub stop: Option<oneshot::Sender<()>>,
    pub health: Arc<Health>,
}

impl RunningWorker {
    pub fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    pub async fn join(mut self) -> Result<WorkerSummary, WorkerError> {
        self.shutdown();
        tokio::time::timeout(Duration::from_secs(60), self.handle)
            .await
            .expect("worker stops within 60 s")
            .expect("worker task does not panic")
    }
}

/// A small but realistic plain-text dispatch carrying its index.
pub fn dispatch(i: usize) -> Vec<u8> {
    format!(
        "Talks resume in Geneva, round {i}\n\nGENEVA, Oct 21 (Reuters) - Delegations met again on Monday for round {i}, \
         officials said. \"We are making progress,\" the envoy told reporters.\n\nThe talks will continue on Tuesday.\n"
    )
    .into_bytes()
}

impl Harness {
    pub fn new(input_partitions: i32, output_partitions: i32) -> Harness {
        Harness::with_brokers(1, input_partitions, output_partitions)
    }

    /// A mock cluster of `brokers` brokers (ids 1..=brokers).
    pub fn with_brokers(brokers: i32, input_partitions: i32, output_partitions: i32) -> Harness {
        // Silent unless RUST_LOG asks for logs (e.g. RUST_LOG=newswire=debug).
        newswire::telemetry::init_tracing("text", "off");
        let broker = EmbeddedBroker::start(brokers).expect("mock cluster starts");
        let mut settings = Settings::default();
        settings.kafka.brokers = broker.bootstrap_servers();
        settings.kafka.group_id = "newswire-test".into();
        settings.kafka.session_timeout = Duration::from_secs(6);
        settings.worker.rebalance_drain_timeout = Duration::from_secs(3);
        settings.worker.commit_interval = Duration::from_millis(100);
        settings.worker.retry_backoff = Duration::from_millis(20);
        settings.worker.retry_backoff_max = Duration::from_millis(500);
        settings.shutdown.timeout = Duration::from_secs(15);
        settings.http.listen = "127.0.0.1:0".into();
        broker
            .create_topic(&settings.topics.input, input_partitions)
            .unwrap();
        broker
            .create_topic(&settings.topics.output, output_partitions)
            .unwrap();
        broker.create_topic(&settings.topics.dlq, 2).unwrap();
        Harness {
            broker,
            settings,
            input_partitions,
            output_partitions,
        }
    }

    pub fn producer(&self) -> FutureProducer {
        client::producer_config(&self.settings).create().unwrap()
    }

    /// Produce `(key, payload, headers)` items to the input topic and wait for all acks.
    pub async fn produce(&self, items: impl IntoIterator<Item = Input>) -> usize {
        let producer = self.producer();
        let mut futures = Vec::new();
        for (key, payload, headers) in items {
            let mut h = OwnedHeaders::new();
            for (k, v) in &headers {
                h = h.insert(Header {
                    key: k,
                    value: Some(v),
                });
            }
            let mut record =
                FutureRecord::<String, Vec<u8>>::to(&self.settings.topics.input).headers(h);
            if let Some(key) = key.as_ref() {
                record = record.key(key);
            }
            if let Some(payload) = payload.as_ref() {
                record = record.payload(payload);
            }
            loop {
                match producer.send_result(record) {
                    Ok(f) => {
                        futures.push(f);
                        break;
                    }
                    Err((_, r)) => {
                        record = r;
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
            }
        }
        let n = futures.len();
        for f in futures {
            f.await.unwrap().map_err(|(e, _)| e).unwrap();
        }
        n
    }

    pub async fn produce_dispatches(&self, range: std::ops::Range<usize>) -> usize {
        self.produce(range.map(|i| (Some(format!("k{i}")), Some(dispatch(i)), vec![])))
            .await
    }

    pub fn spawn_worker(&self, settings: Settings) -> RunningWorker {
        let health = Arc::new(Health::new());
        let (stop, stopped) = oneshot::channel::<()>();
        let h = health.clone();
        let handle = tokio::spawn(async move {
            run_worker(&settings, h, async {
                let _ = stopped.await;
            })
            .await
        });
        RunningWorker {
            handle,
            stop: Some(stop),
            health,
        }
    }

    /// A consumer assigned to every partition of `topic` from the beginning.
    fn reader(&self, topic: &str, partitions: i32) -> BaseConsumer {
        let consumer: BaseConsumer =
            client::tool_consumer_config(&self.settings, "newswire-test-reader")
                .create()
                .unwrap();
        let mut tpl = TopicPartitionList::new();
        for p in 0..partitions {
            tpl.add_partition_offset(topic, p, Offset::Beginning)
                .unwrap();
        }
        consumer.assign(&tpl).unwrap();
        consumer
    }

    /// Read a topic from the beginning until `expected` messages arrived or
    /// `timeout` passed. Uses partition assignment, not a group.
    pub fn read(
        &self,
        topic: &str,
        partitions: i32,
        expected: usize,
        timeout: Duration,
    ) -> Vec<OwnedMessage> {
        let consumer = self.reader(topic, partitions);
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while out.len() < expected && Instant::now() < deadline {
            if let Some(Ok(m)) = consumer.poll(Duration::from_millis(100)) {
                out.push(m.detach());
            }
        }
        out
    }

    /// Read everything now in a topic: every partition from the beginning
    /// up to its high watermark, or until `timeout` passes.
    pub fn read_all(&self, topic: &str, partitions: i32, timeout: Duration) -> Vec<OwnedMessage> {
        // The topic as it stands now: each partition up to the high
        // watermark read before the first poll. (A quiet window instead
        // once gave up early on a loaded machine and reported two records
        // missing that were there.)
        let consumer = self.reader(topic, partitions);
        let highs: Vec<i64> = (0..partitions)
            .map(|p| {
                consumer
                    .fetch_watermarks(topic, p, Duration::from_secs(10))
                    .map_or(0, |(_, high)| high)
            })
            .collect();
        let reached = |consumer: &BaseConsumer| {
            let Ok(positions) = consumer.position() else {
                return false;
            };
            (0..partitions).all(|p| {
                let high = highs[p as usize];
                high == 0
                    || matches!(
                        positions.find_partition(topic, p).map(|e| e.offset()),
                        Some(Offset::Offset(o)) if o >= high
                    )
            })
        };
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while Instant::now() < deadline && !reached(&consumer) {
            if let Some(Ok(m)) = consumer.poll(Duration::from_millis(100)) {
                out.push(m.detach());
            }
        }
        out
    }

    /// Committed positions of the worker's group on the input topic.
    pub fn committed(&self) -> Vec<i64> {
        let consumer: BaseConsumer =
            client::tool_consumer_config(&self.settings, &self.settings.kafka.group_id)
                .create()
                .unwrap();
        let mut tpl = TopicPartitionList::new();
        for p in 0..self.input_partitions {
            tpl.add_partition(&self.settings.topics.input, p);
        }
        let committed = consumer
            .committed_offsets(tpl, Duration::from_secs(10))
            .unwrap();
        (0..self.input_partitions)
            .map(|p| {
                match committed
                    .find_partition(&self.settings.topics.input, p)
                    .map(|e| e.offset())
                {
                    Some(Offset::Offset(o)) => o,
                    _ => 0,
                }
            })
            .collect()
    }

    /// End (high watermark) offsets of the input topic.
    pub fn end_offsets(&self) -> Vec<i64> {
        let consumer: BaseConsumer =
            client::tool_consumer_config(&self.settings, "newswire-test-reader")
                .create()
                .unwrap();
        (0..self.input_partitions)
            .map(|p| {
                consumer
                    .fetch_watermarks(&self.settings.topics.input, p, Duration::from_secs(10))
                    .unwrap()
                    .1
            })
            .collect()
    }

    /// Wait until the committed positions equal the end offsets.
    pub async fn wait_committed_to_end(&self, timeout: Duration) -> (Vec<i64>, Vec<i64>) {
        let end = self.end_offsets();
        let deadline = Instant::now() + timeout;
        loop {
            let committed = self.committed();
            if committed == end || Instant::now() >= deadline {
                return (committed, end);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// A header's value as a string.
pub fn header(msg: &OwnedMessage, key: &str) -> Option<String> {
    use rdkafka::message::Headers;
    let headers = msg.headers()?;
    headers
        .iter()
        .find(|h| h.key == key)
        .and_then(|h| h.value)
        .map(|v| String::from_utf8_lossy(v).into_owned())
}

/// `(topic, partition, offset)` from the `newswire-source` header.
pub fn source(msg: &OwnedMessage) -> (String, i32, i64) {
    let s = header(msg, "newswire-source").expect("newswire-source header");
    let mut parts = s.rsplitn(3, '/');
    let offset = parts.next().unwrap().parse().unwrap();
    let partition = parts.next().unwrap().parse().unwrap();
    let topic = parts.next().unwrap().to_string();
    (topic, partition, offset)
}

pub fn key(msg: &OwnedMessage) -> String {
    String::from_utf8_lossy(msg.key().unwrap_or_default()).into_owned()
}

/// Count messages per key.
pub fn key_counts(msgs: &[OwnedMessage]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for m in msgs {
        *counts.entry(key(m)).or_insert(0) += 1;
    }
    counts
}

/// The ninjs 3.1 schema validator.
pub fn ninjs_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/ninjs-schema_3.1.json")).unwrap();
    // The schema points at GeoJSON for place geometries; newswire emits none,
    // and tests run offline, so an open schema stands in for it.
    let geojson = jsonschema::Resource::from_contents(serde_json::json!({})).unwrap();
    jsonschema::draft202012::options()
        .with_resource("https://geojson.org/schema/GeoJSON.json", geojson)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the ninjs schema compiles: {e}"))
}
