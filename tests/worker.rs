//! The worker against a real Kafka-protocol broker (librdkafka's mock
//! cluster, in-process): delivery, order, dead letters, rebalances, faults,
//! shutdown, and the HTTP endpoints.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use common::{header, key, key_counts, source, Harness};
use rdkafka::Message;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_thousand_in_ten_thousand_out_in_order_and_committed() {
    let h = Harness::new(4, 8);
    const N: usize = 10_000;
    h.produce_dispatches(0..N).await;
    let worker = h.spawn_worker(h.settings.clone());

    let out = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        N,
        Duration::from_secs(120),
    );
    assert_eq!(out.len(), N, "every dispatch has exactly one record");
    let (committed, end) = h.wait_committed_to_end(Duration::from_secs(20)).await;
    assert_eq!(committed, end, "committed offsets reach the end offsets");
    let summary = worker.join().await.expect("clean shutdown");
    assert_eq!(summary.produced, N as u64);
    assert_eq!(summary.dead_lettered, 0);

    // Exactly one record per key, keyed by the input key.
    let counts = key_counts(&out);
    assert_eq!(counts.len(), N);
    assert!(counts.values().all(|&c| c == 1));

    // Order per input partition: within each output partition, records from
    // one input partition appear in input-offset order.
    let mut last: BTreeMap<(i32, i32), i64> = BTreeMap::new();
    for m in &out {
        let (_, in_part, in_off) = source(m);
        let slot = last.entry((m.partition(), in_part)).or_insert(-1);
        assert!(in_off > *slot, "output order follows input order");
        *slot = in_off;
    }

    // Headers and a valid ninjs item in the envelope.
    let validator = common::ninjs_validator();
    for m in out.iter().step_by(997) {
        assert_eq!(
            header(m, "content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(
            header(m, "newswire-schema").as_deref(),
            Some("newswire.record/1")
        );
        let record: serde_json::Value = serde_json::from_slice(m.payload().unwrap()).unwrap();
        assert_eq!(record["schema"], "newswire.record/1");
        let errors: Vec<String> = validator
            .iter_errors(&record["ninjs"])
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "ninjs invalid: {errors:?}");
        let (topic, p, o) = source(m);
        assert_eq!(record["source"]["topic"], topic.as_str());
        assert_eq!(record["source"]["partition"], p);
        assert_eq!(record["source"]["offset"], o);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn poison_messages_go_to_the_dlq_with_their_bytes_and_headers() {
    let h = Harness::new(3, 4);
    let mut settings = h.settings.clone();
    settings.pipeline.max_dispatch_bytes = 4096;
    const N: usize = 1000;
    let garbage: Vec<u8> = (0..600u32).map(|i| (i * 7 % 32) as u8).collect();
    let items: Vec<common::Input> = (0..N)
        .map(|i| {
            let payload = match i % 10 {
                1 => Some(Vec::new()),       // empty
                3 => None,                   // NULL payload
                5 => Some(vec![b'a'; 5000]), // too large
                7 => Some(garbage.clone()),  // binary garbage
                _ => Some(common::dispatch(i)),
            };
            let headers = vec![(
                "traceparent".to_string(),
                format!("00-{i:032x}-{:016x}-01", i),
            )];
            (Some(format!("k{i}")), payload, headers)
        })
        .collect();
    let originals: std::collections::HashMap<String, Option<Vec<u8>>> = items
        .iter()
        .map(|(k, p, _)| (k.clone().unwrap(), p.clone()))
        .collect();
    h.produce(items).await;
    let worker = h.spawn_worker(settings);

    let good = N - 4 * N / 10;
    let out = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        good,
        Duration::from_secs(60),
    );
    let dlq = h.read(&h.settings.topics.dlq, 2, N - good, Duration::from_secs(60));
    let (committed, end) = h.wait_committed_to_end(Duration::from_secs(20)).await;
    worker.join().await.expect("clean shutdown");

    assert_eq!(out.len() + dlq.len(), N, "outputs + dead letters == inputs");
    assert_eq!(out.len(), good);
    assert_eq!(committed, end, "the partitions kept flowing past poison");
    for m in &dlq {
        let k = key(m);
        let i: usize = k[1..].parse().unwrap();
        let kind = header(m, "newswire-error-kind").expect("kind header");
        let expected: &[&str] = match i % 10 {
            1 | 3 => &["empty"],
            5 => &["too_large"],
            7 => &["undecodable", "unsupported_format"],
            _ => panic!("good dispatch {k} dead-lettered: {kind}"),
        };
        assert!(expected.contains(&kind.as_str()), "{k}: kind {kind}");
        assert!(header(m, "newswire-error-stage").is_some());
        assert!(!header(m, "newswire-error-message")
            .unwrap_or_default()
            .is_empty());
        assert!(header(m, "newswire-source")
            .unwrap()
            .starts_with(&h.settings.topics.input));
        assert_eq!(
            header(m, "traceparent"),
            Some(format!("00-{i:032x}-{:016x}-01", i))
        );
        let original = originals[&k].clone().unwrap_or_default();
        assert_eq!(
            m.payload().unwrap_or_default(),
            original.as_slice(),
            "original bytes unchanged"
        );
    }
    for m in &out {
        assert!(
            header(m, "traceparent").is_some(),
            "traceparent passed through"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_share_the_group_and_one_takes_over() {
    let h = Harness::new(6, 6);
    const N: usize = 6000;
    let mut settings = h.settings.clone();
    settings.worker.max_in_flight = 50;
    // Produce steadily while the group changes.
    let producer_h = &h;
    let produce = async {
        for chunk in 0..30 {
            producer_h
                .produce_dispatches(chunk * 200..(chunk + 1) * 200)
                .await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let mut a = h.spawn_worker(settings.clone());
    let group_changes = async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let b = h.spawn_worker(settings.clone());
        tokio::time::sleep(Duration::from_secs(4)).await;
        a.shutdown();
        b
    };
    let ((), b) = tokio::join!(produce, group_changes);
    let a_summary = a.join().await.expect("a stops cleanly");

    let out = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        N,
        Duration::from_secs(120),
    );
    // Once the group has committed to the end, every output of the input
    // is in the topic (offsets are committed only after delivery): read it
    // all then, beyond the first N records.
    let (committed, end) = h.wait_committed_to_end(Duration::from_secs(30)).await;
    let extra = h.read_all(
        &h.settings.topics.output,
        h.output_partitions,
        Duration::from_secs(60),
    );
    let b_summary = b.join().await.expect("b stops cleanly");

    let keys: HashSet<String> = extra.iter().chain(out.iter()).map(key).collect();
    let missing: Vec<usize> = (0..N)
        .filter(|i| !keys.contains(&format!("k{i}")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} dispatches missing, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    assert!(a_summary.produced > 0, "worker a did part of the work");
    assert!(b_summary.produced > 0, "worker b took over");
    assert_eq!(committed, end);
}

/// Produce and commit requests that fail now and then are retried: every
/// dispatch reaches the output topic and the input is committed to its end.
///
/// One request in flight per connection here, and why: the mock cluster
/// checks idempotent producer sequence numbers only for *transactional*
/// producers (`rd_kafka_mock_validate_records` in librdkafka's
/// `rdkafka_mock.c` returns early without a `TransactionalId`). So when an
/// injected `NOT_LEADER_FOR_PARTITION` fails batch R1 while batch R2 of the
/// same partition is already in flight, the mock stores R2, and librdkafka,
/// trusting the broker's ordering guarantee, reports R1 delivered too
/// ("IMPLICITACK ... implicitly acked by subsequent batch success",
/// `rd_kafka_dr_implicit_ack`). R1 is then lost with a successful delivery
/// report. A real broker rejects R2 with `OUT_OF_ORDER_SEQUENCE_NUMBER`
/// instead, and R1 and R2 are both retried in order. It shows only under
/// heavy machine load, when more requests are pipelined: with librdkafka's
/// `debug=eos` logs and four CPU hogs beside it, 2 of 4 runs with the
/// default five in flight lost keys (k4, k4-k5), each time exactly the
/// messages of an IMPLICITACK line, committed past; with one in flight, 0
/// of 12 runs lost anything and none logged an implicit ack. With one
/// request in flight there is no later batch to ack an earlier failed one,
/// so the test checks the worker, not the mock's missing sequence check.
/// The same broker trouble with the default pipelining is exercised
/// against real Kafka in `tests/real_kafka/`, which checks sequences.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn injected_produce_and_commit_errors_are_retried() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
    let h = Harness::new(2, 2);
    const N: usize = 2000;
    h.produce_dispatches(0..N).await;
    // From now on the broker fails produce and commit requests now and then.
    h.broker.cluster().request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION; 8],
    );
    h.broker.cluster().request_errors(
        RDKafkaApiKey::OffsetCommit,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT; 4],
    );
    let mut settings = h.settings.clone();
    settings
        .kafka
        .properties
        .insert("max.in.flight.requests.per.connection".into(), "1".into());
    let worker = h.spawn_worker(settings);
    let out = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        N,
        Duration::from_secs(300),
    );
    let (committed, end) = h.wait_committed_to_end(Duration::from_secs(30)).await;
    assert!(!worker.handle.is_finished(), "the worker stays up");
    worker.join().await.expect("clean shutdown");
    let mut keys: HashSet<String> = out.iter().map(key).collect();
    if keys.len() < N {
        // At least once: a retried produce can be written twice, so the
        // first N records may hold duplicates (seen twice under load: 1,997
        // distinct keys in the first 2,000). Missing means absent from the
        // whole topic.
        let all = h.read_all(
            &h.settings.topics.output,
            h.output_partitions,
            Duration::from_secs(60),
        );
        println!("{} duplicates among the first {N} records", N - keys.len());
        keys = all.iter().map(key).collect();
        if keys.len() < N {
            // Say where the missing dispatches went, for whoever debugs
            // this (the mock's implicit-ack loss described above looked
            // like this: a few consecutive keys absent from the output
            // topic, in the input once, not in the DLQ, committed past).
            // Rerun with RUST_LOG=librdkafka=debug and `debug=eos` in
            // `kafka.properties` to see librdkafka's side.
            let missing: Vec<String> = (0..N)
                .map(|i| format!("k{i}"))
                .filter(|k| !keys.contains(k))
                .collect();
            let inputs = key_counts(&h.read_all(
                &h.settings.topics.input,
                h.input_partitions,
                Duration::from_secs(60),
            ));
            let dead = key_counts(&h.read_all(&h.settings.topics.dlq, 2, Duration::from_secs(10)));
            let outputs = key_counts(&all);
            println!(
                "output topic: {} records; input topic: {} records; committed {committed:?}, end {end:?}",
                all.len(),
                inputs.values().sum::<usize>()
            );
            for k in &missing {
                println!(
                    "missing {k}: {} in the input topic, {} in the DLQ",
                    inputs.get(k).unwrap_or(&0),
                    dead.get(k).unwrap_or(&0)
                );
            }
            let twice: Vec<_> = outputs.iter().filter(|(_, &n)| n > 1).collect();
            println!("written more than once: {twice:?}");
        }
    }
    assert_eq!(keys.len(), N, "nothing missing");
    assert_eq!(committed, end);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn shutdown_mid_stream_commits_only_what_was_produced() {
    let h = Harness::new(4, 4);
    const N: usize = 5000;
    h.produce_dispatches(0..N).await;
    let mut settings = h.settings.clone();
    settings.worker.max_in_flight = 20;
    settings.worker.stage_threads = 1;
    let mut worker = h.spawn_worker(settings);
    // Stop once some output is there but long before the end.
    let early = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        500,
        Duration::from_secs(60),
    );
    assert_eq!(early.len(), 500);
    worker.shutdown();
    let summary = worker.join().await.expect("clean shutdown");
    assert!((summary.produced as usize) < N, "stopped mid-stream");

    let committed = h.committed();
    let out = h.read_all(
        &h.settings.topics.output,
        h.output_partitions,
        Duration::from_secs(60),
    );
    let produced: HashSet<(i32, i64)> = out
        .iter()
        .map(|m| {
            let (_, p, o) = source(m);
            (p, o)
        })
        .collect();
    assert!(committed.iter().sum::<i64>() > 0, "progress was committed");
    for (p, &c) in committed.iter().enumerate() {
        for o in 0..c {
            assert!(
                produced.contains(&(p as i32, o)),
                "offset {p}/{o} committed without its record"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn metrics_and_readiness_over_http() {
    let h = Harness::new(2, 2);
    let metrics = newswire::telemetry::install_recorder().unwrap();
    let mut worker = h.spawn_worker(h.settings.clone());
    let (stop_http, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) =
        newswire::http::serve("127.0.0.1:0", worker.health.clone(), metrics, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    let get = |path: &'static str| async move {
        let r = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    };
    assert_eq!(get("/healthz").await.0, 200);
    // Ready only after joining the group.
    let mut status = 0;
    for _ in 0..100 {
        status = get("/readyz").await.0;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "ready after join");

    h.produce_dispatches(0..200).await;
    let out = h.read(&h.settings.topics.output, 2, 200, Duration::from_secs(60));
    assert_eq!(out.len(), 200);
    let (_, body) = get("/metrics").await;
    for name in newswire::telemetry::METRICS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| {
            [
                "newswire_messages_consumed_total",
                "newswire_records_produced_total",
                "newswire_stage_duration_seconds",
                "newswire_end_to_end_seconds",
            ]
            .contains(n)
        })
    {
        assert!(body.contains(name), "{name} exported");
    }
    let consumed: f64 = body
        .lines()
        .find(|l| l.starts_with("newswire_messages_consumed_total"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|v| v.parse().ok())
        .unwrap();
    assert!(consumed >= 200.0, "counter moved: {consumed}");
    // Lag comes from librdkafka statistics (every 2 s).
    let mut lag_seen = false;
    for _ in 0..50 {
        if get("/metrics").await.1.contains("newswire_consumer_lag{") {
            lag_seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(lag_seen, "per-partition consumer lag exported");

    worker.shutdown();
    let (status, reason) = get("/readyz").await;
    assert_eq!(status, 503, "not ready while draining: {reason}");
    worker.join().await.unwrap();
    let _ = stop_http.send(());
    let _ = server.await;
}

/// Run `n` dispatches through one stage thread with `configure`d worker
/// settings; every one comes out. Returns the most messages in flight at once.
async fn peak_in_flight(
    n: usize,
    configure: impl FnOnce(&mut newswire::config::WorkerSettings),
) -> usize {
    let h = Harness::new(2, 2);
    h.produce_dispatches(0..n).await;
    let mut settings = h.settings.clone();
    settings.worker.stage_threads = 1;
    configure(&mut settings.worker);
    let worker = h.spawn_worker(settings);
    let out = h.read(&h.settings.topics.output, 2, n, Duration::from_secs(300));
    assert_eq!(out.len(), n);
    worker.join().await.unwrap().peak_in_flight
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backpressure_bounds_work_in_flight() {
    let peak = peak_in_flight(3000, |w| w.max_in_flight = 16).await;
    // Fetching pauses at the bound; messages librdkafka had already handed
    // over when the pause landed may exceed it by a poll's worth.
    assert!(
        peak <= 16 + 64,
        "peak in flight {peak} stays near max_in_flight"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_byte_budget_bounds_work_in_flight_whatever_the_message_bound() {
    let size = common::dispatch(0).len();
    let peak = peak_in_flight(2000, |w| {
        w.max_in_flight = 1000;
        w.max_in_flight_bytes = 16 * size;
    })
    .await;
    assert!(
        peak <= 16 + 64,
        "peak in flight {peak} stays near 16 dispatches of {size} bytes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fatal_produce_error_stops_the_worker_without_committing_past_it() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
    let h = Harness::new(1, 1);
    h.produce_dispatches(0..50).await;
    h.broker.cluster().request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED; 500],
    );
    let worker = h.spawn_worker(h.settings.clone());
    let result = tokio::time::timeout(Duration::from_secs(60), worker.handle)
        .await
        .expect("the worker stops by itself")
        .unwrap();
    let error = result.expect_err("a fatal error is an error exit");
    let message = error.to_string();
    assert!(
        message.contains("newswire.enriched"),
        "names the topic: {message}"
    );
    assert!(
        message.contains("newswire.raw/0/"),
        "names the input: {message}"
    );
    assert_eq!(
        h.committed(),
        vec![0],
        "nothing committed past the failed message"
    );
}

/// Settings for exactly-once mode with a stable instance id.
fn exactly_once(h: &Harness, instance: &str) -> newswire::config::Settings {
    let mut settings = h.settings.clone();
    settings.delivery.mode = newswire::config::DeliveryMode::ExactlyOnce;
    settings.kafka.instance_id = instance.into();
    settings.delivery.transaction_max_messages = 100;
    settings.delivery.transaction_interval = Duration::from_millis(50);
    settings.delivery.transaction_timeout = Duration::from_secs(10);
    settings
}

// The mock cluster runs the transaction protocol (InitProducerId, AddPartitions,
// EndTxn) but neither fences an older producer with the same transactional
// id, nor hides aborted records from read_committed readers, nor stores
// offsets sent with the transaction: fencing and the exactly-once guarantee
// itself are proven against real Kafka (tests/real_kafka/).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn exactly_once_mode_writes_every_record_in_committed_transactions() {
    let h = Harness::new(4, 4);
    const N: usize = 2_000;
    h.produce_dispatches(0..N).await;
    h.produce([(Some("poison".to_string()), None, vec![])])
        .await;
    let worker = h.spawn_worker(exactly_once(&h, "eos-1"));

    let out = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        N,
        Duration::from_secs(120),
    );
    assert_eq!(out.len(), N, "every dispatch has exactly one record");
    let dlq = h.read(&h.settings.topics.dlq, 2, 1, Duration::from_secs(20));
    assert_eq!(dlq.len(), 1, "the NULL payload is dead-lettered");
    let summary = worker.join().await.expect("clean shutdown");
    println!("exactly-once on the mock cluster: {summary:?}");
    assert_eq!(summary.produced, N as u64);
    assert_eq!(summary.dead_lettered, 1);
    assert!(
        summary.transactions_committed >= (N / 100) as u64,
        "batches of at most 100 records: {summary:?}"
    );
    assert_eq!(summary.transactions_aborted, 0);
    let counts = key_counts(&out);
    assert_eq!(counts.len(), N);
    // Order per input partition is kept, as at least once.
    let mut last: BTreeMap<(i32, i32), i64> = BTreeMap::new();
    for m in &out {
        let (_, in_part, in_off) = source(m);
        let slot = last.entry((m.partition(), in_part)).or_insert(-1);
        assert!(in_off > *slot, "output order follows input order");
        *slot = in_off;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn leader_changes_and_a_broker_outage_lose_nothing() {
    let h = Harness::with_brokers(3, 3, 3);
    const N: usize = 3000;
    h.produce_dispatches(0..N).await;
    let worker = h.spawn_worker(h.settings.clone());
    let topics = [
        h.settings.topics.input.clone(),
        h.settings.topics.output.clone(),
    ];
    // Move every partition leader around while the worker runs, and take
    // one broker away for a while.
    let cluster = h.broker.cluster();
    for round in 0..12i32 {
        for topic in &topics {
            for p in 0..3 {
                cluster
                    .partition_leader(topic, p, Some(1 + (p + round) % 3))
                    .unwrap();
            }
        }
        if round == 4 {
            cluster.broker_down(2).unwrap();
        }
        if round == 8 {
            cluster.broker_up(2).unwrap();
        }
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    let out = h.read(
        &h.settings.topics.output,
        h.output_partitions,
        N,
        Duration::from_secs(120),
    );
    let (committed, end) = h.wait_committed_to_end(Duration::from_secs(30)).await;
    assert!(!worker.handle.is_finished(), "the worker stays up");
    let summary = worker.join().await.expect("clean shutdown");
    let keys: HashSet<String> = out.iter().map(key).collect();
    println!(
        "leader changes: {} records for {N} inputs ({} distinct); {summary:?}",
        out.len(),
        keys.len()
    );
    assert_eq!(keys.len(), N, "nothing missing");
    assert_eq!(committed, end, "everything committed");
}

/// A member that cannot get back into its group although the broker answers
/// (here: the coordinator keeps refusing JoinGroup) gives up its clients with
/// `WorkerError::Stalled`, which `newswire run` answers with new clients; a
/// new worker then finishes the work.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_worker_stuck_out_of_its_group_reports_a_stall() {
    use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
    let h = Harness::new(2, 2);
    const N: usize = 400;
    h.produce_dispatches(0..N / 2).await;
    let worker = h.spawn_worker(h.settings.clone());
    let out = h.read(&h.settings.topics.output, 2, N / 2, Duration::from_secs(60));
    assert_eq!(out.len(), N / 2);
    // From now on the coordinator expels the member and refuses it back.
    let cluster = h.broker.cluster();
    cluster.request_errors(
        RDKafkaApiKey::Heartbeat,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID; 50],
    );
    cluster.request_errors(
        RDKafkaApiKey::JoinGroup,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE; 5000],
    );
    let limit = newswire::kafka::worker::stall_limit(&h.settings);
    let result = tokio::time::timeout(limit + Duration::from_secs(60), worker.handle)
        .await
        .expect("the stalled worker gives up by itself")
        .expect("no panic");
    let error = result.expect_err("a stall is an error for run_worker");
    assert!(error.is_stall(), "{error}");
    assert!(
        error.to_string().contains("out of the consumer group"),
        "{error}"
    );

    // What `newswire run` does next: new clients, same settings.
    cluster.clear_request_errors(RDKafkaApiKey::JoinGroup);
    cluster.clear_request_errors(RDKafkaApiKey::Heartbeat);
    h.produce_dispatches(N / 2..N).await;
    let again = h.spawn_worker(h.settings.clone());
    let out = h.read(&h.settings.topics.output, 2, N, Duration::from_secs(120));
    let keys: HashSet<String> = out.iter().map(key).collect();
    assert_eq!(keys.len(), N, "nothing missing after the restart");
    again.join().await.expect("clean shutdown");
}
