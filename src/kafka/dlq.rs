//! Dead-letter tools: look at dead letters, and re-queue them after a fix.
//!
//! **Replay is safe to re-run.** Every replayed record carries a
//! `newswire-replayed-from: DLQ_TOPIC/PARTITION/OFFSET` header naming the
//! dead letter it came from. Before producing, replay scans the target topic
//! for that header and skips dead letters already replayed there. The scan of
//! the target starts at the oldest candidate dead letter's timestamp minus
//! [`CLOCK_SKEW_MARGIN`] (from the beginning when the broker cannot look
//! offsets up by time), so it reads only what could hold a marker.
//!
//! A replayed record keeps the dead letter's key and payload bytes exactly
//! (which are the original input's), its `traceparent` and `content-type`
//! (charset hint); the error headers are dropped. Two replays of the same DLQ running *at the same time* can
//! both move a dead letter: run one at a time.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use rdkafka::consumer::BaseConsumer;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{BorrowedMessage, Header, Headers, OwnedHeaders};
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, Producer, ProducerContext};
use rdkafka::{ClientContext, Message};

use super::admin::{self, AdminError};
use super::client;
use super::records::{
    HEADER_CONTENT_TYPE, HEADER_ERROR_KIND, HEADER_ERROR_MESSAGE, HEADER_ERROR_STAGE,
    HEADER_SOURCE, HEADER_TRACEPARENT,
};
use crate::config::Settings;

/// Marks a replayed record with the dead letter it came from.
pub const HEADER_REPLAYED_FROM: &str = "newswire-replayed-from";

/// Headers of a dead letter that a replay carries over: the trace context and
/// the input's `content-type` (its charset hint).
const PASSED_THROUGH: [&str; 2] = [HEADER_TRACEPARENT, HEADER_CONTENT_TYPE];

/// How far before the oldest candidate the target scan starts, to allow for
/// clock differences between the hosts that wrote the two topics.
pub const CLOCK_SKEW_MARGIN: Duration = Duration::from_secs(3600);

/// One dead letter as read back from the DLQ topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    /// Broker timestamp, milliseconds since the epoch.
    pub timestamp_ms: Option<i64>,
    pub key: Option<Vec<u8>>,
    pub payload: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

impl DeadLetter {
    fn from_message(m: &BorrowedMessage<'_>) -> Self {
        let headers = m
            .headers()
            .map(|h| {
                h.iter()
                    .map(|h| (h.key.to_string(), h.value.map(<[u8]>::to_vec)))
                    .collect()
            })
            .unwrap_or_default();
        DeadLetter {
            topic: m.topic().to_string(),
            partition: m.partition(),
            offset: m.offset(),
            timestamp_ms: m.timestamp().to_millis(),
            key: m.key().map(<[u8]>::to_vec),
            payload: m.payload().map(<[u8]>::to_vec),
            headers,
        }
    }

    /// `topic/partition/offset` of this dead letter.
    pub fn position(&self) -> String {
        format!("{}/{}/{}", self.topic, self.partition, self.offset)
    }

    /// A header's value as text (lossy).
    pub fn header(&self, key: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_deref())
            .map(|v| String::from_utf8_lossy(v).into_owned())
    }

    /// The `newswire-error-kind` header.
    pub fn kind(&self) -> Option<String> {
        self.header(HEADER_ERROR_KIND)
    }
}

/// Which dead letters a command looks at.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this `newswire-error-kind` (e.g. `undecodable`).
    pub kind: Option<String>,
    /// Only dead letters written at or after this time.
    pub since: Option<SystemTime>,
}

impl Filter {
    fn is_active(&self) -> bool {
        self.kind.is_some() || self.since.is_some()
    }

    fn matches(&self, m: &BorrowedMessage<'_>) -> bool {
        if let Some(kind) = &self.kind {
            let found = m.headers().and_then(|h| {
                h.iter()
                    .find(|h| h.key == HEADER_ERROR_KIND)
                    .and_then(|h| h.value)
            });
            if found != Some(kind.as_bytes()) {
                return false;
            }
        }
        if let Some(since) = self.since {
            let since_ms = since
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
            if m.timestamp().to_millis().is_none_or(|ts| ts < since_ms) {
                return false;
            }
        }
        true
    }

    fn starts(
        &self,
        consumer: &BaseConsumer,
        topic: &str,
        marks: &[admin::Watermarks],
        timeout: Duration,
    ) -> HashMap<i32, i64> {
        match self.since {
            Some(since) => admin::offsets_at(consumer, topic, marks, since, timeout),
            None => marks.iter().map(|w| (w.partition, w.low)).collect(),
        }
    }
}

/// The newest `limit` dead letters of `topic` matching `filter`, oldest first.
pub fn inspect(
    settings: &Settings,
    topic: &str,
    limit: usize,
    filter: &Filter,
    timeout: Duration,
) -> Result<Vec<DeadLetter>, AdminError> {
    let consumer = admin::tool_consumer(settings)?;
    let marks = admin::watermarks(&consumer, topic, timeout)?;
    let starts = if filter.is_active() {
        filter.starts(&consumer, topic, &marks, timeout)
    } else {
        // Without a filter only the last `limit` of each partition can matter.
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        marks
            .iter()
            .map(|w| (w.partition, w.high.saturating_sub(limit).max(w.low)))
            .collect()
    };
    let mut newest: HashMap<i32, VecDeque<DeadLetter>> = HashMap::new();
    admin::scan(&consumer, topic, &marks, &starts, timeout, |m| {
        if limit == 0 || !filter.matches(m) {
            return;
        }
        let queue = newest.entry(m.partition()).or_default();
        if queue.len() == limit {
            queue.pop_front();
        }
        queue.push_back(DeadLetter::from_message(m));
    })?;
    let mut all: Vec<DeadLetter> = newest.into_values().flatten().collect();
    all.sort_by_key(|d| (d.timestamp_ms.unwrap_or(0), d.partition, d.offset));
    let skip = all.len().saturating_sub(limit);
    Ok(all.split_off(skip))
}

fn printable(bytes: &[u8], max_chars: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out: String = text
        .chars()
        .take(max_chars)
        .flat_map(|c| match c {
            '\n' => "⏎".chars().collect::<Vec<_>>(),
            c if c.is_control() => c.escape_default().collect(),
            c => vec![c],
        })
        .collect();
    if text.chars().count() > max_chars {
        out.push('…');
    }
    out
}

fn rfc3339(ms: i64) -> String {
    let Ok(ms) = u64::try_from(ms) else {
        return ms.to_string();
    };
    humantime::format_rfc3339_millis(SystemTime::UNIX_EPOCH + Duration::from_millis(ms)).to_string()
}

/// A dead letter as a few readable lines.
pub fn render(d: &DeadLetter) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let when = d.timestamp_ms.map_or_else(|| "-".to_string(), rfc3339);
    let key = d
        .key
        .as_deref()
        .map_or_else(|| "(none)".to_string(), |k| printable(k, 80));
    let size = d.payload.as_ref().map_or(0, Vec::len);
    let _ = writeln!(out, "{}  {when}  key={key}  {size} bytes", d.position());
    for (label, header) in [
        ("stage", HEADER_ERROR_STAGE),
        ("kind", HEADER_ERROR_KIND),
        ("message", HEADER_ERROR_MESSAGE),
        ("source", HEADER_SOURCE),
    ] {
        let value = d.header(header).unwrap_or_else(|| "-".into());
        let _ = writeln!(out, "  {label:<9}{value}");
    }
    for (k, v) in &d.headers {
        if [
            HEADER_ERROR_STAGE,
            HEADER_ERROR_KIND,
            HEADER_ERROR_MESSAGE,
            HEADER_SOURCE,
        ]
        .contains(&k.as_str())
        {
            continue;
        }
        let v = v
            .as_deref()
            .map_or_else(|| "(null)".into(), |v| printable(v, 200));
        let _ = writeln!(out, "  {k}: {v}");
    }
    let payload = match &d.payload {
        None => "(null)".to_string(),
        Some(p) => printable(p, 160),
    };
    let _ = writeln!(out, "  payload  {payload}");
    out
}

/// What `replay` should do.
#[derive(Debug, Clone)]
pub struct ReplayOptions {
    pub from: String,
    pub to: String,
    pub filter: Filter,
    /// Count what would move without producing anything.
    pub dry_run: bool,
    /// Bound on each scan and on the final flush.
    pub timeout: Duration,
}

/// What `replay` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReplayReport {
    /// Dead letters read from the DLQ.
    pub scanned: u64,
    /// Of those, matching `--kind` / `--since`.
    pub matched: u64,
    /// Of those, skipped because the target already holds their replay.
    pub already_replayed: u64,
    /// Produced to the target and acknowledged (0 on a dry run).
    pub replayed: u64,
}

#[derive(Default)]
struct Deliveries {
    ok: Mutex<u64>,
    failed: Mutex<Option<KafkaError>>,
}

impl ClientContext for Deliveries {}

impl ProducerContext for Deliveries {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        match result {
            Ok(_) => {
                if let Ok(mut ok) = self.ok.lock() {
                    *ok += 1;
                }
            }
            Err((error, _)) => {
                if let Ok(mut failed) = self.failed.lock() {
                    failed.get_or_insert_with(|| error.clone());
                }
            }
        }
    }
}

/// Re-queue dead letters from `options.from` into `options.to`, skipping
/// those already replayed there. See the module docs for the guarantees.
pub fn replay(settings: &Settings, options: &ReplayOptions) -> Result<ReplayReport, AdminError> {
    let (from, to, timeout) = (&options.from, &options.to, options.timeout);
    if from == to {
        return Err(AdminError::SameTopic(from.clone()));
    }
    let consumer = admin::tool_consumer(settings)?;
    let mut report = ReplayReport::default();

    // 1. The candidates: positions and timestamps only.
    let dlq_marks = admin::watermarks(&consumer, from, timeout)?;
    let dlq_starts = options.filter.starts(&consumer, from, &dlq_marks, timeout);
    let mut candidates: HashSet<String> = HashSet::new();
    let mut oldest: Option<i64> = None;
    report.scanned = admin::scan(&consumer, from, &dlq_marks, &dlq_starts, timeout, |m| {
        if options.filter.matches(m) {
            candidates.insert(format!("{}/{}/{}", m.topic(), m.partition(), m.offset()));
            if let Some(ts) = m.timestamp().to_millis() {
                oldest = Some(oldest.map_or(ts, |o| o.min(ts)));
            }
        }
    })?;
    report.matched = candidates.len() as u64;
    if candidates.is_empty() {
        return Ok(report);
    }

    // 2. Which of them the target already holds.
    let target_marks = admin::watermarks(&consumer, to, timeout)?;
    let target_starts = match oldest.and_then(|ms| u64::try_from(ms).ok()) {
        Some(ms) => {
            let at = (SystemTime::UNIX_EPOCH + Duration::from_millis(ms))
                .checked_sub(CLOCK_SKEW_MARGIN)
                .unwrap_or(SystemTime::UNIX_EPOCH);
            admin::offsets_at(&consumer, to, &target_marks, at, timeout)
        }
        None => target_marks.iter().map(|w| (w.partition, w.low)).collect(),
    };
    let mut done: HashSet<String> = HashSet::new();
    admin::scan(&consumer, to, &target_marks, &target_starts, timeout, |m| {
        let marker = m.headers().and_then(|h| {
            h.iter()
                .find(|h| h.key == HEADER_REPLAYED_FROM)
                .and_then(|h| h.value)
        });
        if let Some(marker) = marker.and_then(|v| std::str::from_utf8(v).ok()) {
            if candidates.contains(marker) {
                done.insert(marker.to_string());
            }
        }
    })?;
    report.already_replayed = done.len() as u64;
    if options.dry_run || done.len() == candidates.len() {
        return Ok(report);
    }

    // 3. Produce the rest, in DLQ order per partition.
    let producer: BaseProducer<Deliveries> = client::producer_config(settings)
        .create_with_context(Deliveries::default())
        .map_err(AdminError::Client)?;
    let mut send_error: Option<KafkaError> = None;
    admin::scan(&consumer, from, &dlq_marks, &dlq_starts, timeout, |m| {
        let position = format!("{}/{}/{}", m.topic(), m.partition(), m.offset());
        if send_error.is_some() || !candidates.contains(&position) || done.contains(&position) {
            return;
        }
        let mut headers = OwnedHeaders::new().insert(Header {
            key: HEADER_REPLAYED_FROM,
            value: Some(position.as_str()),
        });
        for key in PASSED_THROUGH {
            if let Some(value) = m
                .headers()
                .and_then(|h| h.iter().find(|h| h.key == key).and_then(|h| h.value))
            {
                headers = headers.insert(Header {
                    key,
                    value: Some(value),
                });
            }
        }
        let mut record = BaseRecord::<[u8], [u8]>::to(to).headers(headers);
        if let Some(payload) = m.payload() {
            record = record.payload(payload);
        }
        if let Some(key) = m.key() {
            record = record.key(key);
        }
        loop {
            match producer.send(record) {
                Ok(()) => break,
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), r)) => {
                    record = r;
                    producer.poll(Duration::from_millis(100));
                }
                Err((error, _)) => {
                    send_error = Some(error);
                    break;
                }
            }
        }
        producer.poll(Duration::ZERO);
    })?;
    let flushed = producer.flush(timeout);
    let context = producer.context();
    report.replayed = context.ok.lock().map_or(0, |ok| *ok);
    let failed = context.failed.lock().ok().and_then(|mut f| f.take());
    if let Some(source) = send_error.or(failed).or(flushed.err()) {
        return Err(AdminError::Produce {
            topic: to.clone(),
            source,
        });
    }
    Ok(report)
}
