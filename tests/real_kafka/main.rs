//! The reliability suite against a real Apache Kafka (issue 5).
//!
//! Every scenario spawns the real `newswire run` binary as child processes
//! (configured through `NEWSWIRE__...` variables, with unique topics and
//! group), injects one kind of fault, reads the output back and prints its
//! counts: inputs, outputs, DLQ, missing, duplicates, and timings.
//!
//! Skipped (a printed note, then success) unless `NEWSWIRE_TEST_KAFKA_BROKERS`
//! names a Kafka, so plain `cargo test` stays self-contained. Run it with
//! `scripts/test-real-kafka.sh`, which starts a local broker, or point the
//! variable at any Kafka you own (the broker-trouble scenario then skips,
//! since it must stop and restart the broker through `scripts/kafka.sh`).
//!
//! Modes: each scenario takes a [`Mode`]. The exactly-once variants give each
//! worker slot a stable `transactional.id`, read with `read_committed` and
//! additionally require 0 duplicates.

mod scenarios;
mod support;

use support::Mode;

#[test]
fn crash_at_least_once() {
    scenarios::crash(Mode::AtLeastOnce);
}

#[test]
fn group_churn_at_least_once() {
    scenarios::group_churn(Mode::AtLeastOnce);
}

#[test]
fn poison_mix_at_least_once() {
    scenarios::poison_mix(Mode::AtLeastOnce);
}

// The broker is stopped for at least 10 s and restarted mid-run. After the
// single broker restarts, librdkafka 2.12.1 sometimes does not recover its
// logical connection to the group coordinator (`REQTMOUT
// [thrd:GroupCoordinator] ... 1 out-queue`), and in exactly-once mode its
// `send_offsets_to_transaction` can wait forever whatever its timeout
// (librdkafka #5456/#5511). newswire reports the first (`/readyz`,
// `/healthz` after 5 minutes) and re-creates its clients after 60 s out of
// the group; it watches every transaction call and re-creates its clients
// when one is 10 s past its timeout (`transaction.rs`, "A hung call").
//
// History: quarantined in sessions 2 and 3 while its runs found newswire
// bugs: partitions paused under backpressure and lost with the session came
// back paused forever (6,444 missing, at least once); a fatal
// INVALID_TXN_STATE in the abort after records timed out made the worker
// exit; messages polled after a timed-out revoke were processed and
// committed by the old owner (1,000 duplicates); a hung
// `send_offsets_to_transaction` froze a worker for good (no commit, no exit
// on SIGTERM), its open transaction holding the output back from
// `read_committed` readers. Session 4, after the watchdog: exactly-once 12
// of 12 runs (2 of them recovered from a hung call), at-least-once 8 of 8.
#[test]
fn broker_trouble_at_least_once() {
    scenarios::broker_trouble(Mode::AtLeastOnce);
}

#[test]
fn graceful_drain_at_least_once() {
    scenarios::graceful_drain(Mode::AtLeastOnce);
}

#[test]
fn crash_exactly_once() {
    scenarios::crash(Mode::ExactlyOnce);
}

#[test]
fn group_churn_exactly_once() {
    scenarios::group_churn(Mode::ExactlyOnce);
}

#[test]
fn poison_mix_exactly_once() {
    scenarios::poison_mix(Mode::ExactlyOnce);
}

#[test]
fn broker_trouble_exactly_once() {
    scenarios::broker_trouble(Mode::ExactlyOnce);
}

#[test]
fn graceful_drain_exactly_once() {
    scenarios::graceful_drain(Mode::ExactlyOnce);
}

/// Two live workers with one transactional id: the older is fenced and
/// exits non-zero naming the id; nothing is lost or duplicated.
#[test]
fn fencing_exactly_once() {
    scenarios::fencing();
}

/// The order contract of the churn scenario, checked without Kafka.
#[test]
fn order_check_accepts_replays_and_rejects_reordering() {
    use scenarios::check_order;
    let ok = check_order("k", &[0, 1, 2, 3]);
    assert!(ok.violations.is_empty());
    assert_eq!((ok.duplicates, ok.rewinds), (0, 0));
    // A replay after a crash: 2, 3 written again, then onwards.
    let replay = check_order("k", &[0, 1, 2, 3, 2, 3, 4, 5]);
    assert!(replay.violations.is_empty(), "{:?}", replay.violations);
    assert_eq!((replay.duplicates, replay.rewinds), (2, 1));
    // Overtaking: 2 before 1.
    assert!(!check_order("k", &[0, 2, 1, 3]).violations.is_empty());
    // A gap.
    assert!(!check_order("k", &[0, 1, 3]).violations.is_empty());
    // A replay that skips inside the replayed range (interleaved writers).
    assert!(!check_order("k", &[0, 1, 2, 3, 4, 1, 3, 5])
        .violations
        .is_empty());
}
