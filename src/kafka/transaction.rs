//! Exactly-once delivery: one Kafka transaction per batch of records.
//!
//! Owns: the transactional producer's life cycle (`init_transactions`,
//! `begin_transaction`, `send_offsets_to_transaction`, `commit_transaction`,
//! `abort_transaction`), the records of the open transaction and the
//! transaction metrics.
//!
//! Must not touch: consuming and in-flight bookkeeping; the worker loop
//! decides *when* a batch ends (size, interval, rebalance, shutdown) and what
//! to do with the records of an aborted one.
//!
//! # The recipe (KIP-98 and KIP-447)
//!
//! A batch opens with the first record the loop produces. Every output and
//! dead letter of the batch is produced inside the transaction, and is kept
//! here as well. When the batch ends, the loop waits for every record's
//! delivery report; [`Transactions::finish`] then sends the input positions
//! covered by the batch with the consumer's group metadata and commits. A
//! `read_committed` reader sees the batch's records and the group sees its
//! offsets at once, or neither.
//!
//! # Aborts
//!
//! On an abortable error (a failed delivery, a transaction timed out by the
//! coordinator, a rejected offset commit) the transaction is aborted and its
//! records are handed back to the loop, which produces them again in the
//! next transaction. That is the outcome of the textbook "seek back to the
//! last committed offsets and re-process", without re-running the stages and
//! without racing messages the consumer has already prefetched: the records
//! are the deterministic result of the same inputs. Each transaction has a
//! *generation*; delivery reports of an aborted generation are ignored.
//!
//! # A stuck producer
//!
//! When even the abort cannot complete (its retries time out: seen after a
//! broker restart, when librdkafka's connection to the transaction
//! coordinator did not recover), the producer is replaced: a new one with the
//! same `transactional.id` runs `init_transactions`, which fences the old one
//! and makes the coordinator abort its open transaction; the batch is then
//! produced again through the new producer.
//!
//! # Fatal errors
//!
//! Fencing (another live producer took the same `transactional.id`) or any
//! other fatal producer error ends the worker with
//! [`WorkerError::Transaction`](super::WorkerError) and a non-zero exit; the
//! open transaction is never committed, so the next owner of the partitions
//! starts from the last committed batch.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rdkafka::consumer::ConsumerGroupMetadata;
use rdkafka::error::{KafkaError, KafkaResult, RDKafkaErrorCode};
use rdkafka::producer::{FutureProducer, Producer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

use super::offsets::Tp;
use super::worker::{InFlight, WorkerError};
use crate::config::DeliverySettings;
use crate::telemetry;

/// Where a record sits in a transaction: its generation and index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Slot {
    pub(super) generation: u64,
    pub(super) index: usize,
}

/// How [`Transactions::finish`] ended a batch.
pub(super) enum Finished {
    /// The records and their input offsets are committed.
    Committed(Vec<InFlight>),
    /// The transaction was aborted; these records must be produced again in
    /// the next one (except those of partitions no longer assigned).
    Aborted(Vec<InFlight>),
}

/// The transactional producer's state in the worker loop.
pub(super) struct Transactions {
    producer: FutureProducer,
    /// To create a replacement producer after a reset.
    config: ClientConfig,
    id: String,
    max_messages: usize,
    interval: Duration,
    timeout: Duration,
    generation: u64,
    /// When the open transaction began; `None` while none is open.
    opened: Option<Instant>,
    /// Records produced in the open transaction, in production order.
    records: Vec<InFlight>,
    /// The first delivery error of the open transaction: it must abort.
    failed: Option<KafkaError>,
    /// Transactions aborted since the last commit.
    consecutive_aborts: u32,
}

impl Transactions {
    /// Register the transactional id with the coordinator (fencing any
    /// previous producer with the same id) and get ready for the first batch.
    pub(super) async fn init(
        producer: FutureProducer,
        config: ClientConfig,
        id: String,
        delivery: &DeliverySettings,
    ) -> Result<Self, WorkerError> {
        init_transactions(&producer, &id, delivery.transaction_timeout).await?;
        Ok(Transactions {
            producer,
            config,
            id,
            max_messages: delivery.transaction_max_messages,
            interval: delivery.transaction_interval,
            timeout: delivery.transaction_timeout,
            generation: 0,
            opened: None,
            records: Vec::new(),
            failed: None,
            consecutive_aborts: 0,
        })
    }

    /// The current producer (a new one after a reset).
    pub(super) fn producer(&self) -> &FutureProducer {
        &self.producer
    }

    /// Whether a transaction is open.
    pub(super) fn is_open(&self) -> bool {
        self.opened.is_some()
    }

    /// When the open batch is due by time, if one is open.
    pub(super) fn due_at(&self) -> Option<Instant> {
        self.opened.map(|t| t + self.interval)
    }

    /// Whether the open batch should end now: full, old enough, or failed.
    pub(super) fn is_due(&self) -> bool {
        self.opened.is_some_and(|t| {
            self.failed.is_some()
                || self.records.len() >= self.max_messages
                || t.elapsed() >= self.interval
        })
    }

    /// Open a transaction unless one is open.
    pub(super) fn begin_if_needed(&mut self) -> Result<(), WorkerError> {
        if self.opened.is_some() {
            return Ok(());
        }
        self.producer.begin_transaction().map_err(|error| {
            WorkerError::Transaction(self.describe_fatal("cannot begin a transaction", &error))
        })?;
        self.opened = Some(Instant::now());
        Ok(())
    }

    /// Keep a copy of a record produced in the open transaction; returns
    /// its slot, to be carried by its delivery report.
    pub(super) fn retain(&mut self, record: &InFlight) -> Slot {
        let slot = Slot {
            generation: self.generation,
            index: self.records.len(),
        };
        let mut copy = record.clone();
        copy.slot = Some(slot);
        self.records.push(copy);
        slot
    }

    /// The retained record at `slot`, if it belongs to the open transaction.
    pub(super) fn record_mut(&mut self, slot: Slot) -> Option<&mut InFlight> {
        if slot.generation != self.generation {
            return None;
        }
        self.records.get_mut(slot.index)
    }

    /// A record of the open transaction failed: the transaction must abort.
    pub(super) fn mark_failed(&mut self, error: KafkaError) {
        if self.failed.is_none() {
            tracing::warn!(%error, "a record of the open transaction failed; the batch will be aborted and produced again");
            self.failed = Some(error);
        }
    }

    /// End the open batch: send the input positions it covers and commit;
    /// or abort, on an abortable error. Blocks a blocking-pool thread, not
    /// the loop's. Every record's delivery report must be in (or the
    /// producer's flush inside `commit_transaction` waits for it).
    ///
    /// `limit` bounds the whole call (shutdown); then a stuck producer is
    /// not replaced and the records are returned as aborted, to be dropped.
    pub(super) async fn finish(
        &mut self,
        group: Option<ConsumerGroupMetadata>,
        limit: Option<Duration>,
    ) -> Result<Finished, WorkerError> {
        let Some(opened) = self.opened.take() else {
            return Ok(Finished::Committed(Vec::new()));
        };
        let records = std::mem::take(&mut self.records);
        let failed = self.failed.take();
        let offsets = positions(&records);
        let producer = self.producer.clone();
        let (timeout, budget) = self.call_limits(limit);
        let outcome = tokio::task::spawn_blocking(move || {
            commit_or_abort(&producer, &offsets, group, failed, timeout, budget)
        })
        .await
        .map_err(|e| WorkerError::Transaction(format!("commit panicked: {e}")))?;
        metrics::histogram!(telemetry::TRANSACTION_DURATION_SECONDS)
            .record(opened.elapsed().as_secs_f64());
        match outcome {
            Ok(()) => {
                metrics::counter!(telemetry::TRANSACTIONS_TOTAL, "outcome" => "committed")
                    .increment(1);
                tracing::debug!(records = records.len(), "transaction committed");
                self.consecutive_aborts = 0;
                Ok(Finished::Committed(records))
            }
            Err(Failure::Aborted { reason, timed_out }) => {
                metrics::counter!(telemetry::TRANSACTIONS_TOTAL, "outcome" => "aborted")
                    .increment(1);
                self.generation += 1;
                self.consecutive_aborts += 1;
                tracing::warn!(
                    records = records.len(),
                    %reason,
                    "transaction aborted; its records will be produced again"
                );
                // A record that timed out spent a whole transaction timeout
                // undelivered; aborts in a row mean the same. The producer's
                // connections are suspect (seen after a broker restart):
                // start afresh rather than time out again and again.
                if limit.is_none() && (timed_out || self.consecutive_aborts >= 3) {
                    tracing::warn!("replacing the producer after aborts caused by timeouts");
                    self.reset().await?;
                }
                Ok(Finished::Aborted(records))
            }
            Err(Failure::Stuck(error)) => {
                metrics::counter!(telemetry::TRANSACTIONS_TOTAL, "outcome" => "aborted")
                    .increment(1);
                self.generation += 1;
                if limit.is_some() {
                    tracing::warn!(%error, "the transaction could not be completed before the shutdown deadline; nothing of it is committed");
                    return Ok(Finished::Aborted(records));
                }
                tracing::warn!(
                    %error,
                    records = records.len(),
                    "the transaction can neither commit nor abort; replacing the producer"
                );
                self.reset().await?;
                Ok(Finished::Aborted(records))
            }
            Err(Failure::Fatal(error)) => Err(WorkerError::Transaction(
                self.describe_fatal("the transaction could not be completed", &error),
            )),
        }
    }

    /// Replace the producer with a new one of the same transactional id.
    /// Its `init_transactions` fences the old producer and aborts the old
    /// open transaction on the coordinator, so nothing of it can commit.
    async fn reset(&mut self) -> Result<(), WorkerError> {
        let producer: FutureProducer = self.config.create().map_err(|error| {
            WorkerError::Transaction(format!(
                "cannot create a replacement producer for transactional id `{}`: {error}",
                self.id
            ))
        })?;
        init_transactions(&producer, &self.id, self.timeout).await?;
        let old = std::mem::replace(&mut self.producer, producer);
        // Dropping a producer purges and flushes it (bounded); keep that off
        // the loop's thread.
        tokio::task::spawn_blocking(move || drop(old));
        self.generation += 1;
        self.consecutive_aborts = 0;
        metrics::counter!(telemetry::PRODUCER_RESETS_TOTAL).increment(1);
        Ok(())
    }

    /// The timeout of one blocking call and the retry budget, within `limit`.
    fn call_limits(&self, limit: Option<Duration>) -> (Duration, Duration) {
        let budget = limit.map_or(self.timeout, |l| l.min(self.timeout));
        (call_timeout(budget), budget)
    }

    /// Abort the open transaction without producing its records again
    /// (shutdown with work that cannot be completed): the next owner of the
    /// partitions starts from the last committed batch.
    /// `limit` bounds the call; an abort that does not complete in time is
    /// left to the coordinator (it aborts the transaction after
    /// `delivery.transaction_timeout`, or when the next instance with this
    /// id starts).
    pub(super) async fn abandon(&mut self, limit: Duration) -> Result<(), WorkerError> {
        if self.opened.take().is_none() {
            return Ok(());
        }
        self.records.clear();
        let producer = self.producer.clone();
        let (timeout, budget) = self.call_limits(Some(limit));
        let result = tokio::task::spawn_blocking(move || {
            retrying(budget, || producer.abort_transaction(timeout))
        })
        .await
        .map_err(|e| WorkerError::Transaction(format!("abort panicked: {e}")))?;
        self.failed = None;
        self.generation += 1;
        metrics::counter!(telemetry::TRANSACTIONS_TOTAL, "outcome" => "aborted").increment(1);
        match result {
            Ok(()) => Ok(()),
            Err(error) if is_fatal(&error) => Err(WorkerError::Transaction(
                self.describe_fatal("cannot abort the transaction", &error),
            )),
            Err(error) => {
                tracing::warn!(%error, "the open transaction could not be aborted in time; the coordinator will abort it");
                Ok(())
            }
        }
    }

    fn describe_fatal(&self, what: &str, error: &KafkaError) -> String {
        if is_fenced(error) {
            format!(
                "{what}: this producer was fenced: another worker started with transactional id `{}` \
                 ({error}); give each instance its own kafka.instance_id. Nothing of the open \
                 transaction was committed",
                self.id
            )
        } else {
            format!(
                "{what} (transactional id `{}`): {error}. Nothing of the open transaction was committed",
                self.id
            )
        }
    }
}

/// Register `id` with the transaction coordinator, retrying retriable
/// errors for up to `budget`.
async fn init_transactions(
    producer: &FutureProducer,
    id: &str,
    budget: Duration,
) -> Result<(), WorkerError> {
    let timeout = call_timeout(budget);
    let p = producer.clone();
    let started = Instant::now();
    let result =
        tokio::task::spawn_blocking(move || retrying(budget, || p.init_transactions(timeout)))
            .await
            .map_err(|e| WorkerError::Transaction(format!("initialization panicked: {e}")))?;
    if let Err(error) = result {
        return Err(WorkerError::Transaction(format!(
            "cannot initialize transactions for transactional id `{id}`: {error} \
             (the brokers must support transactions, Kafka 2.5 or later, and reach \
             transaction.state.log.min.isr)"
        )));
    }
    tracing::info!(transactional_id = %id, took = ?started.elapsed(), "exactly-once: transactions initialized");
    Ok(())
}

/// Why a batch did not commit.
enum Failure {
    /// Aborted cleanly; produce the records again. `timed_out`: a record's
    /// delivery timed out.
    Aborted { reason: String, timed_out: bool },
    /// Neither commit nor abort completed: replace the producer, then
    /// produce the records again. Either no fatal error, or a fatal one (not
    /// fencing) in the abort of a batch that was never asked to commit.
    Stuck(KafkaError),
    /// The producer cannot continue.
    Fatal(KafkaError),
}

fn commit_or_abort(
    producer: &FutureProducer,
    offsets: &TopicPartitionList,
    group: Option<ConsumerGroupMetadata>,
    failed: Option<KafkaError>,
    timeout: Duration,
    budget: Duration,
) -> Result<(), Failure> {
    let timed_out = failed.as_ref().is_some_and(|e| {
        matches!(
            e.rdkafka_error_code(),
            Some(RDKafkaErrorCode::MessageTimedOut)
        )
    });
    // Whether `commit_transaction` was called: from then on the coordinator
    // may have the commit (a timed-out commit can still complete).
    let mut commit_requested = false;
    let attempt = || -> KafkaResult<()> {
        if let Some(error) = failed {
            return Err(error);
        }
        if offsets.count() > 0 {
            let group = group.as_ref().ok_or(KafkaError::Canceled)?;
            retrying(budget, || {
                producer.send_offsets_to_transaction(offsets, group, timeout)
            })?;
        }
        commit_requested = true;
        retrying(budget, || producer.commit_transaction(timeout))
    };
    let result = attempt();
    match result {
        Ok(()) => Ok(()),
        Err(error) if is_fatal(&error) => Err(Failure::Fatal(error)),
        Err(error) => match retrying(budget, || producer.abort_transaction(timeout)) {
            Ok(()) => Err(Failure::Aborted {
                reason: error.to_string(),
                timed_out,
            }),
            // Seen after a broker restart: records of the batch timed out
            // ("requires epoch bump") and the abort then failed fatally with
            // INVALID_TXN_STATE. That producer is dead, but the batch was
            // never asked to commit, so nothing of it can be committed: a new
            // producer with the same id (whose `init_transactions` fences
            // this one and aborts the batch on the coordinator) carries on.
            // After a commit request, or when fenced, the worker must stop:
            // the coordinator may have the commit, and re-producing would
            // duplicate.
            Err(abort_error)
                if is_fatal(&abort_error) && !commit_requested && !is_fenced(&abort_error) =>
            {
                Err(Failure::Stuck(abort_error))
            }
            Err(abort_error) if is_fatal(&abort_error) => Err(Failure::Fatal(abort_error)),
            Err(abort_error) => Err(Failure::Stuck(abort_error)),
        },
    }
}

/// Call `op` again while it fails with a retriable error, within `budget`.
fn retrying(budget: Duration, mut op: impl FnMut() -> KafkaResult<()>) -> KafkaResult<()> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(50);
    loop {
        match op() {
            Err(KafkaError::Transaction(error))
                if error.is_retriable() && start.elapsed() < budget =>
            {
                tracing::debug!(%error, "transaction call failed; retrying");
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(1));
            }
            other => return other,
        }
    }
}

/// Each blocking transaction call waits at most this long; a retriable
/// failure is retried until `delivery.transaction_timeout` has passed, then
/// the batch aborts.
fn call_timeout(transaction_timeout: Duration) -> Duration {
    transaction_timeout.min(Duration::from_secs(10))
}

fn is_fatal(error: &KafkaError) -> bool {
    match error {
        KafkaError::Transaction(e) => e.is_fatal(),
        other => {
            is_fenced(other) || matches!(other.rdkafka_error_code(), Some(RDKafkaErrorCode::Fatal))
        }
    }
}

fn is_fenced(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(
            RDKafkaErrorCode::Fenced
                | RDKafkaErrorCode::ProducerFenced
                | RDKafkaErrorCode::InvalidProducerEpoch
        )
    )
}

/// The input positions a batch covers: per partition, one past the highest
/// offset produced. The loop ends a batch only once every record of it was
/// enqueued (no produce retry pending), and produces each partition's
/// records in consumption order, so the batch holds every consumed offset of
/// a partition below that position that the last committed batch did not.
fn positions(records: &[InFlight]) -> TopicPartitionList {
    let mut next: BTreeMap<&Tp, i64> = BTreeMap::new();
    for r in records {
        let p = next.entry(&r.tp).or_insert(r.offset + 1);
        *p = (*p).max(r.offset + 1);
    }
    let mut tpl = TopicPartitionList::new();
    for ((topic, partition), position) in next {
        if tpl
            .add_partition_offset(topic, *partition, Offset::Offset(position))
            .is_err()
        {
            tracing::warn!(
                topic,
                partition,
                position,
                "cannot record a transaction position"
            );
        }
    }
    tpl
}
