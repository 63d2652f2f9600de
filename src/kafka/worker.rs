//! The worker loop: consume -> process -> produce -> ack -> commit.
//!
//! Two threads of control:
//! - the **poller**, a plain OS thread that owns the `poll` calls of the
//!   consumer. librdkafka runs rebalance callbacks inside `poll`, and our
//!   revoke callback blocks until the loop below has drained, so polling must
//!   not happen on the loop's own task. The poller also applies backpressure:
//!   at `worker.max_in_flight` messages or `worker.max_in_flight_bytes` of
//!   input it pauses the assigned partitions (fetching stops; it keeps
//!   polling so the group sees it alive) and resumes at half.
//! - the **loop**, an async task that turns each message into an output record
//!   or a dead letter (stages run in parallel on the fixed pool of
//!   `worker.stage_threads` threads of [`super::stages`], but results are
//!   sent in consumption order, so output order per partition is preserved),
//!   retries failed produces with backoff, acks delivered offsets to the
//!   [`OffsetTracker`], and stores what is safe to commit.
//!
//! At least once (the default), offsets are *stored* only for positions where
//! every earlier message of the partition has been acknowledged by the
//! broker; librdkafka's auto-commit then commits stored offsets every
//! `worker.commit_interval`. Revokes and shutdown commit synchronously.
//!
//! Exactly once (`delivery.mode = "exactly-once"`), records are produced in
//! batches, one Kafka transaction each, and the input offsets are committed
//! inside the transaction (see [`super::transaction`]). A batch ends when it
//! is full or old enough, before a revoke completes and at shutdown.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::stream::{FuturesOrdered, FuturesUnordered, StreamExt};
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::OwnedMessage;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::{Message, Offset, TopicPartitionList};
use tokio::sync::mpsc;

use super::client;
use super::context::{Event, WorkerContext};
use super::offsets::{OffsetTracker, Tp};
use super::records::{self, Destination, Outbound};
use super::stages::StagePool;
use super::transaction::{Finished, Slot, Transactions};
use crate::config::{ConfigError, DeliveryMode, Settings};
use crate::health::Health;
use crate::pipeline::{Origin, Pipeline, Processed};
use crate::telemetry;
use crate::{ErrorKind, Stage, StageError};

/// Why the worker stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot create the Kafka {role}: {source} (check kafka.brokers and kafka.properties)")]
    Client {
        role: &'static str,
        #[source]
        source: KafkaError,
    },
    #[error("cannot subscribe to topic `{topic}`: {source}")]
    Subscribe {
        topic: String,
        #[source]
        source: KafkaError,
    },
    /// A produce error that retrying cannot fix (authorization, fatal
    /// idempotence state). The message says which topic and input.
    #[error(
        "{0}; offsets were not committed past this message (fix the cause, e.g. ACLs, and restart)"
    )]
    FatalProduce(String),
    /// Exactly-once: the transactional producer cannot continue (fenced by
    /// another instance with the same id, or a fatal broker error).
    #[error("exactly-once: {0}")]
    Transaction(String),
    #[error("the consumer thread stopped unexpectedly")]
    PollerGone,
    #[error("cannot start the stage threads: {0}")]
    StageThreads(#[source] std::io::Error),
    /// Out of the consumer group for too long while a broker answers: the
    /// client's coordinator connection is stuck (seen with librdkafka after
    /// a broker restart). `newswire run` creates new clients and carries on.
    #[error(
        "out of the consumer group for {}s although a broker is reachable; the Kafka clients are stuck",
        .0.as_secs()
    )]
    Stalled(Duration),
    /// Exactly-once: a transaction call of librdkafka never returned (see
    /// [`transaction`](super::transaction), "A hung call"). `newswire run`
    /// creates new clients and carries on; the new producer fences the hung
    /// one.
    #[error("exactly-once: {0}; the Kafka clients are stuck")]
    TransactionHung(#[source] super::transaction::Hung),
}

impl WorkerError {
    /// Whether new Kafka clients may cure it (`newswire run` then restarts
    /// the worker in-process instead of exiting).
    pub fn is_stall(&self) -> bool {
        matches!(
            self,
            WorkerError::Stalled(_) | WorkerError::TransactionHung(_)
        )
    }

    /// The `reason` label of `newswire_client_restarts_total` for an error
    /// that restarts the clients.
    pub fn restart_reason(&self) -> &'static str {
        match self {
            WorkerError::TransactionHung(_) => "transaction_hung",
            _ => "stalled",
        }
    }
}

/// How long a worker may stay out of its group, with a broker reachable,
/// before it re-creates its clients: three session timeouts, at least 60 s.
pub fn stall_limit(settings: &Settings) -> Duration {
    (settings.kafka.session_timeout * 3).max(Duration::from_secs(60))
}

/// Counts of one worker run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WorkerSummary {
    pub consumed: u64,
    pub produced: u64,
    pub dead_lettered: u64,
    /// The most messages that were in flight at once (bounded by
    /// `worker.max_in_flight`, plus what was already fetched when fetching paused).
    pub peak_in_flight: usize,
    /// Exactly-once: transactions committed.
    pub transactions_committed: u64,
    /// Exactly-once: transactions aborted (their records produced again).
    pub transactions_aborted: u64,
}

/// Flags from the loop to the poller thread.
#[derive(Debug, Default)]
struct PollerControl {
    /// Stop handing out messages (shutdown): pause everything.
    stop_fetching: AtomicBool,
    /// Leave the poll loop and close the consumer.
    exit: AtomicBool,
}

/// Work between consume and acknowledgement, bounded in messages and in
/// input bytes. The poller takes, the loop releases.
#[derive(Debug)]
struct InFlightBudget {
    messages: AtomicUsize,
    bytes: AtomicUsize,
    max_messages: usize,
    max_bytes: usize,
}

impl InFlightBudget {
    fn new(max_messages: usize, max_bytes: usize) -> Self {
        InFlightBudget {
            messages: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            max_messages,
            max_bytes,
        }
    }

    fn take(&self, bytes: usize) {
        self.messages.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    fn release(&self, bytes: usize) {
        self.messages.fetch_sub(1, Ordering::Relaxed);
        self.bytes.fetch_sub(bytes, Ordering::Relaxed);
    }

    fn messages(&self) -> usize {
        self.messages.load(Ordering::Relaxed)
    }

    /// At either bound (fetching should stop).
    fn full(&self) -> bool {
        self.messages() >= self.max_messages || self.bytes.load(Ordering::Relaxed) >= self.max_bytes
    }

    /// Down to half of both bounds (fetching may resume).
    fn below_half(&self) -> bool {
        self.messages() <= self.max_messages / 2
            && self.bytes.load(Ordering::Relaxed) <= self.max_bytes / 2
    }
}

/// A message whose record is on its way to the broker.
#[derive(Clone)]
pub(super) struct InFlight {
    pub(super) tp: Tp,
    pub(super) offset: i64,
    source: String,
    timestamp_ms: Option<i64>,
    pub(super) outbound: Outbound,
    attempt: u32,
    /// The input offset was acknowledged to the tracker once already (a
    /// record produced again after an aborted transaction).
    acked: bool,
    /// Exactly-once: the record's place in its transaction.
    pub(super) slot: Option<Slot>,
    /// How many times the partition had been revoked when the message was
    /// consumed: a result of an earlier ownership is stale.
    ownership: u64,
    /// The input payload's size, released from the in-flight budget.
    input_bytes: usize,
}

type Consumer_ = BaseConsumer<WorkerContext>;

/// Run the worker until `shutdown` resolves (then drain, commit, leave the
/// group) or a fatal error occurs.
pub async fn run_worker(
    settings: &Settings,
    health: Arc<Health>,
    shutdown: impl Future<Output = ()>,
) -> Result<WorkerSummary, WorkerError> {
    let pipeline = Arc::new(settings.pipeline.build()?);
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let context = WorkerContext::new(
        events_tx.clone(),
        health.clone(),
        settings.worker.rebalance_drain_timeout,
        settings.delivery.mode == DeliveryMode::ExactlyOnce,
    );
    let consumer: Arc<Consumer_> = Arc::new(
        client::consumer_config(settings)
            .create_with_context(context)
            .map_err(|source| WorkerError::Client {
                role: "consumer",
                source,
            })?,
    );
    consumer
        .subscribe(&[&settings.topics.input])
        .map_err(|source| WorkerError::Subscribe {
            topic: settings.topics.input.clone(),
            source,
        })?;
    let producer: FutureProducer =
        client::producer_config(settings)
            .create()
            .map_err(|source| WorkerError::Client {
                role: "producer",
                source,
            })?;
    let txn = match (settings.delivery.mode, settings.transactional_id()) {
        (DeliveryMode::ExactlyOnce, Some(id)) => Some(
            Transactions::init(
                producer.clone(),
                client::producer_config(settings),
                id,
                &settings.delivery,
            )
            .await?,
        ),
        (DeliveryMode::ExactlyOnce, None) => {
            return Err(WorkerError::Transaction(
                "no transactional id: set kafka.instance_id or delivery.transactional_id".into(),
            ))
        }
        (DeliveryMode::AtLeastOnce, _) => None,
    };

    let stages =
        Arc::new(StagePool::new(stage_threads(settings)).map_err(WorkerError::StageThreads)?);
    let in_flight = Arc::new(InFlightBudget::new(
        settings.worker.max_in_flight,
        settings.worker.max_in_flight_bytes,
    ));
    let control = Arc::new(PollerControl::default());
    let poller = {
        let consumer = consumer.clone();
        let in_flight = in_flight.clone();
        let control = control.clone();
        std::thread::Builder::new()
            .name("newswire-poller".into())
            .spawn(move || poll_loop(&consumer, &events_tx, &in_flight, &control))
            .map_err(|_| WorkerError::PollerGone)?
    };
    tracing::info!(
        brokers = %settings.kafka.brokers,
        group = %settings.kafka.group_id,
        input = %settings.topics.input,
        output = %settings.topics.output,
        dlq = %settings.topics.dlq,
        delivery = settings.delivery.mode.as_str(),
        "worker started"
    );

    let mut state = Loop {
        settings,
        pipeline,
        producer: producer.clone(),
        consumer: &consumer,
        tracker: OffsetTracker::new(),
        revocations: HashMap::new(),
        assigned: HashSet::new(),
        in_flight: &in_flight,
        summary: WorkerSummary::default(),
        stages,
        txn,
    };
    let result = state.run(&mut events, &health, &control, shutdown).await;

    // Commit what is safe (exactly-once: the loop committed or abandoned its
    // last transaction), then let the poller close the consumer (leaving
    // the group). The poller owns the last reference, so the potentially slow
    // close happens on its thread.
    state.store_committable();
    let stalled = result.as_ref().is_err_and(WorkerError::is_stall);
    if state.txn.is_some() || stalled {
        // Nothing to commit through the consumer (exactly once), or no
        // coordinator to commit to (stalled: the partitions were lost).
    } else if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
        if !matches!(
            error,
            KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)
        ) {
            metrics::counter!(telemetry::COMMIT_FAILURES_TOTAL).increment(1);
            tracing::warn!(%error, "final commit failed");
        }
    }
    let summary = state.summary;
    let producer = state.producer.clone();
    drop(state);
    drop(events);
    control.exit.store(true, Ordering::Relaxed);
    drop(consumer);
    // Closing can block while the brokers are unreachable (rust-rdkafka
    // #509); never let that hold the process past its shutdown budget.
    let close_budget = (settings.shutdown.timeout / 4).min(Duration::from_secs(5));
    if tokio::time::timeout(
        close_budget,
        tokio::task::spawn_blocking(move || poller.join()),
    )
    .await
    .is_err()
    {
        tracing::warn!("consumer did not close in time; leaving without a clean group exit");
    }
    let _ = producer.flush(close_budget);
    tracing::info!(
        consumed = summary.consumed,
        produced = summary.produced,
        dead_lettered = summary.dead_lettered,
        "worker stopped"
    );
    result.map(|()| summary)
}

fn stage_threads(settings: &Settings) -> usize {
    match settings.worker.stage_threads {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    }
}

/// How long the poller holds back without polling before it pauses the
/// assignment. Short bursts at the bound are absorbed by not polling (the
/// prefetch queue, bounded by `queued.max.messages.kbytes`, stops fetching by
/// itself); pausing purges prefetched data and costs a re-fetch, so it is
/// kept for longer stalls, where the group must still see us poll.
const PAUSE_AFTER: Duration = Duration::from_millis(500);

/// What the poller does about pausing before its next poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PauseStep {
    /// Pause the current assignment.
    Pause,
    /// Resume what the poller paused.
    Resume,
    /// Leave it as it is.
    Keep,
}

/// The poller's pause decision. `paused` is what the poller last did,
/// `changed` whether the assignment changed since its last decision (a new
/// assignment is paused too while pausing).
fn pause_step(want_pause: bool, paused: bool, changed: bool, below_half: bool) -> PauseStep {
    if want_pause {
        if !paused || changed {
            PauseStep::Pause
        } else {
            PauseStep::Keep
        }
    } else if paused && below_half {
        // Hysteresis: resume only once the work has gone down to half the
        // bound, so the poller does not flap at the bound.
        PauseStep::Resume
    } else {
        PauseStep::Keep
    }
}

/// The partitions the poller has paused and not resumed yet.
///
/// librdkafka keeps a partition's pause flag while the partition is not
/// assigned, and it still has it when the partition is assigned again. So
/// resuming "the current assignment" is not enough: a partition paused
/// under backpressure, then lost (a broker outage expired the session)
/// before the resume, came back paused and was never fetched again. In one
/// broker-trouble run both workers sat in the group, ready, with 6,444
/// records of lag for four minutes. The resume therefore covers every
/// partition paused since the last resume, assigned or not.
///
/// Nor may the poller resume partitions it did not pause: a resume is not a
/// no-op in librdkafka (it is a versioned operation on the partition, after
/// which, as far as we can tell, its fetcher starts over from its fetch
/// start position). A trial that resumed every new assignment got 500 to
/// 1,544 duplicates in each of four broker-trouble runs, committed ones in
/// exactly-once mode, where the runs before had none.
#[derive(Debug, Default)]
struct PausedPartitions(std::collections::BTreeSet<Tp>);

impl PausedPartitions {
    /// Remember the partitions of a pause.
    fn paused(&mut self, tpl: &TopicPartitionList) {
        for e in tpl.elements() {
            self.0.insert((e.topic().to_string(), e.partition()));
        }
    }

    /// What to resume: every partition paused since the last resume. Empties
    /// the record.
    fn take(&mut self) -> TopicPartitionList {
        let mut tpl = TopicPartitionList::new();
        for (topic, partition) in std::mem::take(&mut self.0) {
            tpl.add_partition(&topic, partition);
        }
        tpl
    }
}

/// The poller thread: poll, forward messages, apply backpressure.
fn poll_loop(
    consumer: &Consumer_,
    events: &mpsc::UnboundedSender<Event>,
    in_flight: &InFlightBudget,
    control: &PollerControl,
) {
    let mut paused = false;
    let mut paused_partitions = PausedPartitions::default();
    let mut full_since: Option<Instant> = None;
    // While a broker is down, poll reports an error every few milliseconds.
    let error_log = super::context::LogThrottle::new(Duration::from_secs(10));
    while !control.exit.load(Ordering::Relaxed) {
        let stopping = control.stop_fetching.load(Ordering::Relaxed);
        let busy = in_flight.messages();
        let full = in_flight.full();
        if full && !stopping && !paused {
            let since = *full_since.get_or_insert_with(Instant::now);
            if since.elapsed() < PAUSE_AFTER {
                std::thread::sleep(Duration::from_millis(2));
                continue;
            }
        }
        if !full {
            full_since = None;
        }
        let want_pause = stopping || full;
        let changed = consumer
            .context()
            .assignment_changed
            .swap(false, Ordering::Relaxed);
        match pause_step(want_pause, paused, changed, in_flight.below_half()) {
            PauseStep::Pause => {
                if let Ok(assignment) = consumer.assignment() {
                    paused_partitions.paused(&assignment);
                    if consumer.pause(&assignment).is_ok() && !paused && !stopping {
                        metrics::counter!(telemetry::BACKPRESSURE_PAUSES_TOTAL).increment(1);
                        tracing::debug!(
                            in_flight = busy,
                            "in-flight bound reached; fetching paused"
                        );
                    }
                }
                paused = true;
            }
            PauseStep::Resume => {
                let _ = consumer.resume(&paused_partitions.take());
                tracing::debug!(in_flight = busy, "fetching resumed");
                paused = false;
            }
            PauseStep::Keep => {}
        }
        match consumer.poll(Duration::from_millis(50)) {
            Some(Ok(message)) => {
                if control.stop_fetching.load(Ordering::Relaxed) {
                    // Not begun, so never committed: the next owner re-reads it.
                    continue;
                }
                in_flight.take(message.payload_len());
                if events.send(Event::Message(message.detach())).is_err() {
                    break;
                }
            }
            Some(Err(error)) => {
                if let Some(suppressed) = error_log.admit() {
                    tracing::warn!(%error, suppressed, "consumer error");
                }
            }
            None => {}
        }
    }
}

/// A revoke waiting for its partitions to drain.
struct PendingRevoke {
    partitions: Vec<Tp>,
    reply: std::sync::mpsc::Sender<Vec<(Tp, i64)>>,
    deadline: Instant,
}

struct Loop<'a> {
    settings: &'a Settings,
    pipeline: Arc<Pipeline>,
    /// The producer of outputs and dead letters (exactly once: the
    /// transactions' current producer, replaced after a reset).
    producer: FutureProducer,
    consumer: &'a Consumer_,
    tracker: OffsetTracker,
    in_flight: &'a InFlightBudget,
    summary: WorkerSummary,
    /// The threads that run the stages (`worker.stage_threads` of them).
    stages: Arc<StagePool>,
    /// Exactly-once mode's transactions; `None` at least once.
    txn: Option<Transactions>,
    /// Revocations per partition, to tell results of an earlier ownership of
    /// a partition (revoked, then assigned again) from current ones.
    revocations: HashMap<Tp, u64>,
    /// The partitions assigned to this worker, as the loop has seen it: added
    /// by `Event::Assigned`, removed when a revoke completes. A message of
    /// any other partition is stale and dropped unprocessed. The poller sends
    /// events in the order librdkafka produced them, so a message fetched for
    /// a new assignment always comes after its `Assigned` event. Why: in an
    /// exactly-once broker-trouble run, a worker whose revoke had timed out
    /// (its partitions already given to the other worker) then processed
    /// 1,000 messages of such a partition that were polled after the revoke,
    /// stamped them with the new ownership, and committed them in a
    /// transaction the coordinator accepted (the group generation was
    /// valid, it had rejoined): 1,000 duplicates for `read_committed`.
    assigned: HashSet<Tp>,
}

type BoxFuture<T> = std::pin::Pin<Box<dyn Future<Output = T> + Send>>;
/// A delivery report; `None` when the producer dropped the message (shutdown).
type Delivery = Option<rdkafka::producer::future_producer::OwnedDeliveryResult>;
type Deliveries = FuturesUnordered<BoxFuture<(InFlight, Delivery)>>;
type Retries = FuturesUnordered<BoxFuture<InFlight>>;
/// A processed message: the message, its partition's ownership count, the result.
type ProcessedMessage = (Arc<OwnedMessage>, u64, Result<Processed, StageError>);
type Processing = FuturesOrdered<BoxFuture<ProcessedMessage>>;

/// Errors after which retrying cannot help: stop without committing past.
fn is_fatal(error: &KafkaError) -> bool {
    use RDKafkaErrorCode::*;
    matches!(
        error.rdkafka_error_code(),
        Some(
            TopicAuthorizationFailed
                | ClusterAuthorizationFailed
                | TransactionalIdAuthorizationFailed
                | SaslAuthenticationFailed
                | Authentication
                | Fatal
                | InvalidConfig
                | UnsupportedForMessageFormat
                | UnsupportedVersion
        )
    )
}

fn is_too_large(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(RDKafkaErrorCode::MessageSizeTooLarge | RDKafkaErrorCode::InvalidMessageSize)
    )
}

impl<'a> Loop<'a> {
    async fn run(
        &mut self,
        events: &mut mpsc::UnboundedReceiver<Event>,
        health: &Health,
        control: &PollerControl,
        shutdown: impl Future<Output = ()>,
    ) -> Result<(), WorkerError> {
        let mut shutdown = pin!(shutdown);
        let mut processing: Processing = FuturesOrdered::new();
        let mut deliveries: Deliveries = FuturesUnordered::new();
        let mut retries: Retries = FuturesUnordered::new();
        let mut commit_tick = tokio::time::interval(self.settings.worker.commit_interval);
        commit_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut revoke: Option<PendingRevoke> = None;
        let mut drain_deadline: Option<Instant> = None;
        // Exactly-once: the open batch is ending; no new record joins it.
        let mut committing = false;
        // Exactly-once: records of an aborted transaction, to produce again.
        let mut replay: Vec<InFlight> = Vec::new();

        loop {
            if let Some(r) = revoke.take() {
                let drained = r.partitions.iter().all(|tp| self.tracker.pending(tp) == 0);
                if (drained || Instant::now() >= r.deadline) && self.txn_open() {
                    // Exactly-once: the batch holding the revoked partitions'
                    // records commits (with their offsets) before the revoke
                    // completes.
                    committing = true;
                    revoke = Some(r);
                } else if drained || Instant::now() >= r.deadline {
                    let positions: Vec<(Tp, i64)> = r
                        .partitions
                        .iter()
                        .filter_map(|tp| {
                            self.assigned.remove(tp);
                            *self.revocations.entry(tp.clone()).or_default() += 1;
                            self.tracker.remove(tp).map(|pos| (tp.clone(), pos))
                        })
                        .collect();
                    if !drained {
                        tracing::warn!(partitions = ?r.partitions, "drain timed out; uncommitted work will be re-read by the next owner");
                    }
                    // Exactly-once commits offsets in transactions only.
                    let positions = if self.txn.is_some() {
                        Vec::new()
                    } else {
                        positions
                    };
                    let _ = r.reply.send(positions);
                } else {
                    revoke = Some(r);
                }
            }
            // Records of an aborted transaction go first into the next one
            // (those of partitions revoked meanwhile are dropped in `send`).
            for inflight in std::mem::take(&mut replay) {
                self.send(inflight, &mut deliveries, &mut retries)?;
            }
            if let Some(deadline) = drain_deadline {
                let idle = processing.is_empty() && deliveries.is_empty() && retries.is_empty();
                if idle && self.txn_open() {
                    committing = true;
                } else if idle {
                    return Ok(());
                } else if Instant::now() >= deadline {
                    tracing::warn!(
                        in_flight = self.tracker.pending_total(),
                        "shutdown timeout reached; committing what was acknowledged"
                    );
                    // Exactly once: a slice of the reserve is left for this.
                    let limit = (self.settings.shutdown.timeout / 8).max(Duration::from_secs(1));
                    if let Some(txn) = self.txn.as_mut() {
                        if retries.is_empty() && deliveries.is_empty() {
                            let group = self.consumer.group_metadata();
                            if let Finished::Committed(records) =
                                txn.finish(group, Some(limit)).await?
                            {
                                self.count_committed(&records);
                            }
                        } else {
                            // Records of the batch are still on their way
                            // (or waiting for a retry): it must not commit.
                            // The next owner redoes it from the last
                            // committed batch.
                            txn.abandon(limit).await?;
                        }
                    }
                    return Ok(());
                }
            }
            if let Some(txn) = self.txn.as_ref() {
                committing |= txn.is_due();
            }
            if committing && deliveries.is_empty() && retries.is_empty() {
                // While shutting down, the commit must fit the drain deadline.
                let limit = drain_deadline.map(|d| {
                    d.saturating_duration_since(Instant::now())
                        .max(Duration::from_secs(1))
                });
                self.end_batch(&mut replay, limit).await?;
                committing = false;
                continue;
            }
            let batch_due_at = match &self.txn {
                Some(txn) if !committing => txn.due_at(),
                _ => None,
            };

            tokio::select! {
                biased;
                () = &mut shutdown, if drain_deadline.is_none() => {
                    tracing::info!("shutdown requested; draining in-flight work");
                    health.set_draining();
                    control.stop_fetching.store(true, Ordering::Relaxed);
                    let timeout = self.settings.shutdown.timeout;
                    // Keep a slice of the timeout for the final commit and close.
                    let reserve = (timeout / 4).min(Duration::from_secs(5));
                    drain_deadline = Some(Instant::now() + timeout.saturating_sub(reserve));
                }
                Some((inflight, delivery)) = deliveries.next() => {
                    self.on_delivery(inflight, delivery, &mut retries)?;
                }
                Some(done) = processing.next(), if !committing => {
                    let inflight = self.on_processed(done);
                    self.send(inflight, &mut deliveries, &mut retries)?;
                }
                Some(inflight) = retries.next() => {
                    self.send(inflight, &mut deliveries, &mut retries)?;
                }
                event = events.recv(), if drain_deadline.is_none() && revoke.is_none() => {
                    match event {
                        Some(Event::Message(msg)) => {
                            let tp: Tp = (msg.topic().to_string(), msg.partition());
                            if self.assigned.contains(&tp) {
                                processing.push_back(self.start(msg));
                            } else {
                                // Fetched before its partition was revoked,
                                // polled after: not ours to process. Its
                                // owner reads it from the committed offset.
                                self.in_flight.release(msg.payload().map_or(0, <[u8]>::len));
                                metrics::counter!(telemetry::STALE_MESSAGES_DROPPED_TOTAL)
                                    .increment(1);
                                tracing::debug!(?tp, offset = msg.offset(), "dropped a message of a partition not assigned");
                            }
                        }
                        Some(Event::Assigned(partitions)) => {
                            tracing::debug!(?partitions, "assignment received by the loop");
                            self.assigned.extend(partitions);
                        }
                        Some(Event::Revoke { partitions, reply }) => {
                            revoke = Some(PendingRevoke {
                                partitions,
                                reply,
                                deadline: Instant::now() + self.settings.worker.rebalance_drain_timeout,
                            });
                        }
                        None => return Err(WorkerError::PollerGone),
                    }
                }
                _ = commit_tick.tick() => {
                    if let Some(out) = health.out_of_group_longer_than(stall_limit(self.settings)) {
                        tracing::error!(out_of_group = ?out, "out of the consumer group although a broker is reachable; re-creating the Kafka clients");
                        return Err(WorkerError::Stalled(out));
                    }
                    self.store_committable();
                    metrics::gauge!(telemetry::IN_FLIGHT).set(self.in_flight.messages() as f64);
                }
                () = sleep_until(batch_due_at), if batch_due_at.is_some() => {}
                () = tokio::time::sleep(Duration::from_millis(50)), if revoke.is_some() || drain_deadline.is_some() || committing => {}
            }
        }
    }

    fn txn_open(&self) -> bool {
        self.txn.as_ref().is_some_and(Transactions::is_open)
    }

    /// Exactly-once: commit the open batch (every record of it delivered),
    /// or queue its records for the next transaction after an abort.
    async fn end_batch(
        &mut self,
        replay: &mut Vec<InFlight>,
        limit: Option<Duration>,
    ) -> Result<(), WorkerError> {
        let Some(txn) = self.txn.as_mut() else {
            return Ok(());
        };
        let group = self.consumer.group_metadata();
        let finished = txn.finish(group, limit).await?;
        // After a reset, records go to the new producer.
        self.producer = txn.producer().clone();
        match finished {
            Finished::Committed(records) => self.count_committed(&records),
            Finished::Aborted(records) => {
                self.summary.transactions_aborted += 1;
                *replay = records
                    .into_iter()
                    .map(|mut r| {
                        r.slot = None;
                        r.attempt = 0;
                        r
                    })
                    .collect();
            }
        }
        Ok(())
    }

    /// Exactly-once: count records once their transaction committed.
    fn count_committed(&mut self, records: &[InFlight]) {
        self.summary.transactions_committed += 1;
        for r in records {
            self.count_written(r);
        }
    }

    /// Count a record the broker holds for good (at least once: delivered;
    /// exactly once: committed).
    fn count_written(&mut self, inflight: &InFlight) {
        match &inflight.outbound.error {
            None => {
                self.summary.produced += 1;
                metrics::counter!(telemetry::RECORDS_PRODUCED_TOTAL).increment(1);
            }
            Some(error) => {
                self.summary.dead_lettered += 1;
                metrics::counter!(telemetry::DLQ_TOTAL, "stage" => error.stage.as_str(), "kind" => error.kind.as_str())
                    .increment(1);
            }
        }
    }

    /// Begin tracking a message and queue its stages on a stage thread.
    fn start(&mut self, msg: OwnedMessage) -> BoxFuture<ProcessedMessage> {
        let tp: Tp = (msg.topic().to_string(), msg.partition());
        self.tracker.begin(&tp, msg.offset());
        let ownership = self.revocations.get(&tp).copied().unwrap_or(0);
        self.summary.consumed += 1;
        self.summary.peak_in_flight = self.summary.peak_in_flight.max(self.in_flight.messages());
        metrics::counter!(telemetry::MESSAGES_CONSUMED_TOTAL).increment(1);
        let msg = Arc::new(msg);
        let pipeline = self.pipeline.clone();
        let stages = self.stages.clone();
        Box::pin(async move {
            let job = msg.clone();
            let result = stages
                .run(move || {
                    let origin = Origin {
                        topic: Some(job.topic().to_string()),
                        partition: Some(job.partition()),
                        offset: Some(job.offset()),
                        key: job.key().map(|k| String::from_utf8_lossy(k).into_owned()),
                        charset: records::declared_charset(&job),
                    };
                    match job.payload() {
                        Some(payload) => pipeline.process(payload, &origin),
                        None => Processed {
                            outcome: Err(StageError::new(
                                Stage::Decode,
                                ErrorKind::Empty,
                                "message has no payload (NULL value)",
                            )),
                            dispatch_id: None,
                            timings: Default::default(),
                        },
                    }
                })
                .await
                .map_err(|e| StageError::new(Stage::Normalize, ErrorKind::Internal, e.to_string()));
            (msg, ownership, result)
        })
    }

    /// Turn a stage result into the record to produce.
    fn on_processed(&mut self, (msg, ownership, result): ProcessedMessage) -> InFlight {
        let outbound = match result {
            Ok(processed) => {
                let t = processed.timings;
                metrics::histogram!(telemetry::STAGE_DURATION_SECONDS, "stage" => "normalize")
                    .record(t.normalize.as_secs_f64());
                metrics::histogram!(telemetry::STAGE_DURATION_SECONDS, "stage" => "attribute")
                    .record(t.attribute.as_secs_f64());
                metrics::histogram!(telemetry::STAGE_DURATION_SECONDS, "stage" => "serialize")
                    .record(t.serialize.as_secs_f64());
                match processed.outcome {
                    Ok(json) => records::output(&msg, json, processed.dispatch_id.as_deref()),
                    Err(error) => self.dead_letter(&msg, error),
                }
            }
            Err(error) => self.dead_letter(&msg, error),
        };
        InFlight {
            tp: (msg.topic().to_string(), msg.partition()),
            offset: msg.offset(),
            source: records::source_of(&msg),
            timestamp_ms: msg.timestamp().to_millis(),
            outbound,
            attempt: 0,
            acked: false,
            slot: None,
            ownership,
            input_bytes: msg.payload().map_or(0, <[u8]>::len),
        }
    }

    fn dead_letter(&self, msg: &OwnedMessage, error: StageError) -> Outbound {
        tracing::warn!(
            source = %records::source_of(msg),
            stage = %error.stage,
            kind = %error.kind,
            message = %error.message,
            "dispatch sent to the DLQ"
        );
        records::dead_letter(msg, error)
    }

    fn topic(&self, destination: Destination) -> &str {
        match destination {
            Destination::Output => &self.settings.topics.output,
            Destination::Dlq => &self.settings.topics.dlq,
        }
    }

    /// Enqueue a record in the producer; on a full queue or a transient
    /// error, schedule a retry with exponential backoff.
    fn send(
        &mut self,
        mut inflight: InFlight,
        deliveries: &mut Deliveries,
        retries: &mut Retries,
    ) -> Result<(), WorkerError> {
        if let Some(txn) = self.txn.as_mut() {
            let current = self.revocations.get(&inflight.tp).copied().unwrap_or(0);
            if inflight.ownership != current || !self.tracker.contains(&inflight.tp) {
                // The partition was revoked before this record joined a
                // transaction (and maybe assigned to us again since): its
                // next owner processes the input again.
                if !inflight.acked {
                    self.in_flight.release(inflight.input_bytes);
                }
                return Ok(());
            }
            txn.begin_if_needed()?;
        }
        let topic = self.topic(inflight.outbound.destination).to_string();
        let enqueued = {
            let out = &inflight.outbound;
            let mut record = FutureRecord::<[u8], [u8]>::to(&topic)
                .payload(&out.payload)
                .headers(out.headers.clone());
            if let Some(key) = &out.key {
                record = record.key(key);
            }
            self.producer
                .send_result(record)
                .map_err(|(error, _)| error)
        };
        match enqueued {
            Ok(future) => {
                if let Some(txn) = self.txn.as_mut() {
                    inflight.slot = Some(txn.retain(&inflight));
                }
                deliveries.push(Box::pin(async move { (inflight, future.await.ok()) }));
                Ok(())
            }
            Err(error) => self.retry_or_fail(&mut inflight, error, retries),
        }
    }

    /// Decide what a produce error means for this record.
    fn retry_or_fail(
        &mut self,
        inflight: &mut InFlight,
        error: KafkaError,
        retries: &mut Retries,
    ) -> Result<(), WorkerError> {
        let destination = inflight.outbound.destination;
        if is_too_large(&error) && destination == Destination::Output {
            // The record outgrew the output topic's limit: dead-letter the input.
            tracing::warn!(source = %inflight.source, %error, "record too large for the output topic");
            let stage_error = StageError::new(
                Stage::Serialize,
                ErrorKind::TooLarge,
                format!("the enriched record was rejected by the output topic: {error}"),
            );
            inflight.outbound = dead_letter_from(inflight, stage_error);
            inflight.attempt = 0;
        } else if is_fatal(&error) {
            return Err(WorkerError::FatalProduce(format!(
                "fatal error producing to the {} topic `{}` for input {}: {error}",
                destination.as_str(),
                self.topic(destination),
                inflight.source
            )));
        } else {
            inflight.attempt += 1;
            metrics::counter!(telemetry::PRODUCE_RETRIES_TOTAL, "topic_role" => destination.as_str())
                .increment(1);
            if inflight.attempt == 1 || inflight.attempt % 10 == 0 {
                tracing::warn!(source = %inflight.source, attempt = inflight.attempt, %error, "produce failed; retrying");
            }
        }
        let backoff = backoff(
            self.settings.worker.retry_backoff,
            self.settings.worker.retry_backoff_max,
            inflight.attempt,
        );
        let retry = InFlight {
            slot: None,
            ..inflight.clone()
        };
        retries.push(Box::pin(async move {
            tokio::time::sleep(backoff).await;
            retry
        }));
        Ok(())
    }

    /// A delivery report arrived: ack it, or retry (exactly once: fail the
    /// transaction, whose records are then produced again).
    fn on_delivery(
        &mut self,
        mut inflight: InFlight,
        delivery: Delivery,
        retries: &mut Retries,
    ) -> Result<(), WorkerError> {
        if let (Some(txn), Some(slot)) = (self.txn.as_mut(), inflight.slot) {
            // A report of an aborted transaction: its record is produced
            // again in the current one.
            let Some(retained) = txn.record_mut(slot) else {
                return Ok(());
            };
            if matches!(delivery, Some(Ok(_))) {
                retained.acked = true;
            }
        }
        match delivery {
            Some(Ok(_)) => {
                if !inflight.acked {
                    self.tracker.ack(&inflight.tp, inflight.offset);
                    self.in_flight.release(inflight.input_bytes);
                }
                if self.txn.is_none() {
                    self.count_written(&inflight);
                }
                if let Some(ts) = inflight.timestamp_ms {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_millis() as i64);
                    if now >= ts {
                        metrics::histogram!(telemetry::END_TO_END_SECONDS)
                            .record((now - ts) as f64 / 1000.0);
                    }
                }
                Ok(())
            }
            Some(Err((error, _))) => self.on_failed_delivery(&mut inflight, error, retries),
            None => self.on_failed_delivery(&mut inflight, KafkaError::Canceled, retries),
        }
    }

    fn on_failed_delivery(
        &mut self,
        inflight: &mut InFlight,
        error: KafkaError,
        retries: &mut Retries,
    ) -> Result<(), WorkerError> {
        let (Some(txn), Some(slot)) = (self.txn.as_mut(), inflight.slot) else {
            return self.retry_or_fail(inflight, error, retries);
        };
        if is_fatal(&error) {
            return Err(WorkerError::FatalProduce(format!(
                "fatal error producing to the {} topic for input {}: {error}",
                inflight.outbound.destination.as_str(),
                inflight.source
            )));
        }
        if is_too_large(&error) && inflight.outbound.destination == Destination::Output {
            tracing::warn!(source = %inflight.source, %error, "record too large for the output topic");
            let stage_error = StageError::new(
                Stage::Serialize,
                ErrorKind::TooLarge,
                format!("the enriched record was rejected by the output topic: {error}"),
            );
            if let Some(retained) = txn.record_mut(slot) {
                retained.outbound = dead_letter_from(retained, stage_error);
            }
        }
        txn.mark_failed(error);
        Ok(())
    }

    /// Store the positions that are safe to commit; auto-commit sends them.
    /// (Exactly once: nothing to do, offsets go with each transaction.)
    fn store_committable(&mut self) {
        if self.txn.is_some() {
            return;
        }
        let positions = self.tracker.take_committable();
        if positions.is_empty() {
            return;
        }
        let mut tpl = TopicPartitionList::new();
        for ((topic, partition), position) in &positions {
            let _ = tpl.add_partition_offset(topic, *partition, Offset::Offset(*position));
        }
        if let Err(error) = self.consumer.store_offsets(&tpl) {
            tracing::debug!(%error, "storing offsets failed (partition no longer assigned?)");
        }
    }
}

fn dead_letter_from(inflight: &InFlight, error: StageError) -> Outbound {
    let mut out = inflight.outbound.clone();
    out.destination = Destination::Dlq;
    out.error = Some(error);
    out
}

/// Sleep until `at`; forever when `None` (the branch is disabled then).
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}

/// `base * 2^(attempt-1)`, capped at `max`.
fn backoff(base: Duration, max: Duration, attempt: u32) -> Duration {
    let factor = 1u32 << attempt.saturating_sub(1).min(16);
    base.saturating_mul(factor).min(max)
}

#[cfg(test)]
mod tests {
    use super::{pause_step, PauseStep, PausedPartitions};
    use rdkafka::TopicPartitionList;

    #[test]
    fn backpressure_pauses_once_and_resumes_below_half() {
        // (want_pause, paused, changed, below_half)
        assert_eq!(pause_step(true, false, false, false), PauseStep::Pause);
        assert_eq!(pause_step(true, true, false, false), PauseStep::Keep);
        assert_eq!(pause_step(false, true, false, false), PauseStep::Keep);
        assert_eq!(pause_step(false, true, false, true), PauseStep::Resume);
        assert_eq!(pause_step(false, false, false, true), PauseStep::Keep);
    }

    #[test]
    fn a_new_assignment_is_paused_while_pausing() {
        assert_eq!(pause_step(true, true, true, false), PauseStep::Pause);
    }

    /// A resume restarts librdkafka's fetcher: never for a partition the
    /// poller did not pause (a new assignment while fetching).
    #[test]
    fn a_new_assignment_is_left_alone_while_fetching() {
        assert_eq!(pause_step(false, false, true, false), PauseStep::Keep);
        assert_eq!(pause_step(false, false, true, true), PauseStep::Keep);
    }

    /// The broker-trouble failure: paused {2, 3}, lost them, the assignment
    /// is empty at the resume; they must be resumed all the same.
    #[test]
    fn the_resume_covers_paused_partitions_no_longer_assigned() {
        let mut paused = PausedPartitions::default();
        let mut first = TopicPartitionList::new();
        first.add_partition("in", 2);
        first.add_partition("in", 3);
        paused.paused(&first);
        // Paused again (the assignment changed while pausing): no double.
        let mut second = TopicPartitionList::new();
        second.add_partition("in", 3);
        paused.paused(&second);
        let resumed: Vec<_> = paused
            .take()
            .elements()
            .iter()
            .map(|e| (e.topic().to_string(), e.partition()))
            .collect();
        assert_eq!(resumed, vec![("in".to_string(), 2), ("in".to_string(), 3)]);
        assert_eq!(paused.take().count(), 0, "a resume empties the record");
    }
}
