//! The operator tools against a real Kafka-protocol broker (librdkafka's
//! mock cluster): `dlq inspect`, `dlq replay` (counts, keys and bytes
//! preserved, safe to re-run, filters), `lag`, and `healthcheck`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::{header, Harness};
use newswire::kafka::admin;
use newswire::kafka::dlq::{self, Filter, ReplayOptions, HEADER_REPLAYED_FROM};
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::FutureRecord;
use rdkafka::{Message, Offset, TopicPartitionList};

const TIMEOUT: Duration = Duration::from_secs(30);
const CHARSET_HINT: &str = "text/plain; charset=windows-1256";

/// A dead letter as the worker writes it.
struct Letter {
    key: Option<String>,
    payload: Vec<u8>,
    kind: &'static str,
    timestamp_ms: i64,
    traceparent: Option<String>,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Thirty dead letters: every third `undecodable` with binary bytes, the
/// rest `malformed`; one without a key; timestamps one second apart.
fn letters(base_ms: i64) -> Vec<Letter> {
    (0..30)
        .map(|i| {
            let undecodable = i % 3 == 0;
            Letter {
                key: (i != 3).then(|| format!("k{i:02}")),
                payload: if undecodable {
                    vec![0xff, 0xfe, 0x00, i as u8, 0x80, b'\n', 0xc3]
                } else {
                    format!("<nitf><broken {i}").into_bytes()
                },
                kind: if undecodable {
                    "undecodable"
                } else {
                    "malformed"
                },
                timestamp_ms: base_ms + i64::from(i) * 1000,
                traceparent: (i % 2 == 0).then(|| format!("00-{i:032x}-{i:016x}-01")),
            }
        })
        .collect()
}

async fn produce_letters(h: &Harness, letters: &[Letter]) {
    let producer = h.producer();
    for (i, l) in letters.iter().enumerate() {
        let source = format!("{}/0/{i}", h.settings.topics.input);
        let message = format!("cannot {} dispatch {i}", l.kind);
        let mut headers = OwnedHeaders::new()
            .insert(Header {
                key: "newswire-error-stage",
                value: Some("decode"),
            })
            .insert(Header {
                key: "newswire-error-kind",
                value: Some(l.kind),
            })
            .insert(Header {
                key: "newswire-error-message",
                value: Some(&message),
            })
            .insert(Header {
                key: "newswire-source",
                value: Some(&source),
            });
        if let Some(tp) = &l.traceparent {
            headers = headers.insert(Header {
                key: "traceparent",
                value: Some(tp),
            });
        }
        if l.kind == "undecodable" {
            headers = headers.insert(Header {
                key: "content-type",
                value: Some(CHARSET_HINT),
            });
        }
        let mut record = FutureRecord::<String, Vec<u8>>::to(&h.settings.topics.dlq)
            .payload(&l.payload)
            .headers(headers)
            .timestamp(l.timestamp_ms);
        if let Some(key) = &l.key {
            record = record.key(key);
        }
        producer
            .send(record, Duration::from_secs(10))
            .await
            .map_err(|(e, _)| e)
            .unwrap();
    }
}

fn options(h: &Harness, kind: Option<&str>, dry_run: bool) -> ReplayOptions {
    ReplayOptions {
        from: h.settings.topics.dlq.clone(),
        to: h.settings.topics.input.clone(),
        filter: Filter {
            kind: kind.map(str::to_string),
            since: None,
        },
        dry_run,
        timeout: TIMEOUT,
    }
}

/// Replayed records in the input topic, by `newswire-replayed-from`.
fn replayed(h: &Harness) -> BTreeMap<String, rdkafka::message::OwnedMessage> {
    let all = h.read_all(
        &h.settings.topics.input,
        h.input_partitions,
        Duration::from_secs(60),
    );
    let mut by_origin = BTreeMap::new();
    for m in all {
        let origin = header(&m, HEADER_REPLAYED_FROM).expect("every input record here is a replay");
        assert!(
            by_origin.insert(origin.clone(), m).is_none(),
            "{origin} replayed twice"
        );
    }
    by_origin
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replay_moves_matching_dead_letters_with_their_bytes_exactly_once() {
    let h = Harness::new(3, 2);
    let originals = letters(now_ms() - 60_000);
    produce_letters(&h, &originals).await;
    let by_key: BTreeMap<Option<Vec<u8>>, &Letter> = originals
        .iter()
        .map(|l| (l.key.as_ref().map(|k| k.as_bytes().to_vec()), l))
        .collect();

    // Only one kind first.
    let report = dlq::replay(&h.settings, &options(&h, Some("undecodable"), false)).unwrap();
    assert_eq!(report.scanned, 30);
    assert_eq!(report.matched, 10);
    assert_eq!(report.already_replayed, 0);
    assert_eq!(report.replayed, 10);
    let moved = replayed(&h);
    assert_eq!(moved.len(), 10);
    for (origin, m) in &moved {
        assert!(
            origin.starts_with(&format!("{}/", h.settings.topics.dlq)),
            "{origin}"
        );
        let original = by_key[&m.key().map(<[u8]>::to_vec)];
        assert_eq!(original.kind, "undecodable");
        assert_eq!(
            m.payload(),
            Some(original.payload.as_slice()),
            "bytes unchanged"
        );
        assert_eq!(header(m, "traceparent"), original.traceparent);
        assert_eq!(header(m, "content-type").as_deref(), Some(CHARSET_HINT));
        assert_eq!(
            header(m, "newswire-error-kind"),
            None,
            "error headers dropped"
        );
    }
    assert!(
        moved.values().any(|m| m.key().is_none()),
        "a keyless dead letter stays keyless"
    );

    // Re-running moves nothing.
    let again = dlq::replay(&h.settings, &options(&h, Some("undecodable"), false)).unwrap();
    assert_eq!(
        (again.matched, again.already_replayed, again.replayed),
        (10, 10, 0)
    );
    assert_eq!(replayed(&h).len(), 10);

    // A dry run of everything counts the rest and produces nothing.
    let dry = dlq::replay(&h.settings, &options(&h, None, true)).unwrap();
    assert_eq!(
        (dry.matched, dry.already_replayed, dry.replayed),
        (30, 10, 0)
    );
    assert_eq!(replayed(&h).len(), 10);

    // Everything: only the other twenty move.
    let rest = dlq::replay(&h.settings, &options(&h, None, false)).unwrap();
    assert_eq!(
        (rest.matched, rest.already_replayed, rest.replayed),
        (30, 10, 20)
    );
    let moved = replayed(&h);
    assert_eq!(moved.len(), 30, "each dead letter exactly once");
    let keys: BTreeSet<Option<Vec<u8>>> = moved
        .values()
        .map(|m| m.key().map(<[u8]>::to_vec))
        .collect();
    assert_eq!(keys.len(), 30);

    // And once more through the binary.
    let out = newswire_cmd(&h).args(["dlq", "replay"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("replayed 0 dead letter(s)") && stdout.contains("30 already replayed"),
        "{stdout}"
    );

    // Replaying a topic into itself is refused.
    let mut same = options(&h, None, false);
    same.to = same.from.clone();
    assert!(matches!(
        dlq::replay(&h.settings, &same),
        Err(admin::AdminError::SameTopic(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_selects_recent_dead_letters_for_inspect_and_replay() {
    let h = Harness::new(2, 2);
    // Thirty letters, the first fifteen written three hours ago.
    let mut all = letters(now_ms() - 3 * 3600 * 1000);
    for (i, l) in all.iter_mut().enumerate().skip(15) {
        l.timestamp_ms = now_ms() - 60_000 + i as i64;
    }
    produce_letters(&h, &all).await;
    let since = SystemTime::now() - Duration::from_secs(3600);
    let filter = Filter {
        kind: None,
        since: Some(since),
    };
    let recent = dlq::inspect(&h.settings, &h.settings.topics.dlq, 100, &filter, TIMEOUT).unwrap();
    assert_eq!(recent.len(), 15);
    let mut opts = options(&h, None, false);
    opts.filter = filter;
    let report = dlq::replay(&h.settings, &opts).unwrap();
    assert_eq!(
        (report.scanned, report.matched, report.replayed),
        (30, 15, 15)
    );
    let again = dlq::replay(&h.settings, &opts).unwrap();
    assert_eq!((again.already_replayed, again.replayed), (15, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inspect_prints_the_newest_dead_letters_with_their_headers() {
    let h = Harness::new(2, 2);
    let originals = letters(now_ms() - 120_000);
    produce_letters(&h, &originals).await;

    let newest = dlq::inspect(
        &h.settings,
        &h.settings.topics.dlq,
        10,
        &Filter::default(),
        TIMEOUT,
    )
    .unwrap();
    let keys: Vec<Option<String>> = newest
        .iter()
        .map(|d| {
            d.key
                .as_ref()
                .map(|k| String::from_utf8_lossy(k).into_owned())
        })
        .collect();
    let expected: Vec<Option<String>> = originals[20..].iter().map(|l| l.key.clone()).collect();
    assert_eq!(keys, expected, "the newest ten, oldest first");
    for d in &newest {
        let original = originals
            .iter()
            .find(|l| l.timestamp_ms == d.timestamp_ms.unwrap())
            .unwrap();
        assert_eq!(d.payload.as_deref(), Some(original.payload.as_slice()));
        assert_eq!(d.kind().as_deref(), Some(original.kind));
    }

    let only = dlq::inspect(
        &h.settings,
        &h.settings.topics.dlq,
        4,
        &Filter {
            kind: Some("undecodable".into()),
            since: None,
        },
        TIMEOUT,
    )
    .unwrap();
    assert_eq!(only.len(), 4);
    assert!(only
        .iter()
        .all(|d| d.kind().as_deref() == Some("undecodable")));
    let text = dlq::render(&only[3]);
    assert!(text.contains("kind     undecodable"), "{text}");
    assert!(
        text.contains("message  cannot undecodable dispatch 27"),
        "{text}"
    );
    assert!(text.contains("source   newswire.raw/0/27"), "{text}");
    let even = dlq::render(&only[2]);
    assert!(even.contains("traceparent: 00-"), "{even}");
    assert!(text.contains("7 bytes"), "{text}");

    let out = newswire_cmd(&h)
        .args(["dlq", "inspect", "--limit", "3", "--kind", "malformed"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("kind     malformed").count(), 3, "{stdout}");
    assert!(stdout.contains("key=k29"), "{stdout}");
    assert!(
        stdout.contains("3 dead letter(s) shown from newswire.dlq"),
        "{stdout}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lag_reports_committed_end_and_lag_per_partition() {
    let mut h = Harness::new(3, 2);
    h.settings.kafka.group_id = "lag-test".into();
    let producer = h.producer();
    for (partition, count) in [(0, 12), (1, 7), (2, 5)] {
        for i in 0..count {
            let payload = format!("dispatch {partition}/{i}");
            producer
                .send(
                    FutureRecord::<(), String>::to(&h.settings.topics.input)
                        .partition(partition)
                        .payload(&payload),
                    Duration::from_secs(10),
                )
                .await
                .map_err(|(e, _)| e)
                .unwrap();
        }
    }
    // The group has committed 5 on partition 0, everything on 1, nothing on 2.
    let consumer: BaseConsumer =
        newswire::kafka::client::tool_consumer_config(&h.settings, &h.settings.kafka.group_id)
            .create()
            .unwrap();
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition_offset(&h.settings.topics.input, 0, Offset::Offset(5))
        .unwrap();
    tpl.add_partition_offset(&h.settings.topics.input, 1, Offset::Offset(7))
        .unwrap();
    consumer.commit(&tpl, CommitMode::Sync).unwrap();

    let lag = admin::group_lag(&h.settings, TIMEOUT).unwrap();
    assert_eq!(lag.group, "lag-test");
    let rows: Vec<(i32, Option<i64>, i64, i64)> = lag
        .partitions
        .iter()
        .map(|p| (p.partition, p.committed, p.end, p.lag))
        .collect();
    assert_eq!(
        rows,
        vec![(0, Some(5), 12, 7), (1, Some(7), 7, 0), (2, None, 5, 5)]
    );
    assert_eq!(lag.total(), 12);

    let out = newswire_cmd(&h).arg("lag").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("group lag-test  topic newswire.raw"),
        "{stdout}"
    );
    let table: Vec<Vec<&str>> = stdout
        .lines()
        .skip(2)
        .take(3)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        table,
        vec![
            vec!["0", "5", "12", "7"],
            vec!["1", "7", "7", "0"],
            vec!["2", "-", "5", "5"]
        ]
    );
    assert!(stdout.contains("total lag 12"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthcheck_exits_zero_only_on_http_200() {
    let health = std::sync::Arc::new(newswire::health::Health::new());
    let recorder = newswire::telemetry::install_recorder().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = newswire::http::serve("127.0.0.1:0", health, recorder, async {
        let _ = stopped.await;
    })
    .await
    .unwrap();
    let run = |url: String| async move {
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_newswire"))
                .args(["healthcheck", "--url", &url])
                .status()
                .unwrap()
                .code()
        })
        .await
        .unwrap()
    };
    assert_eq!(run(format!("http://{addr}/healthz")).await, Some(0));
    // Not ready (never joined): 503.
    assert_eq!(run(format!("http://{addr}/readyz")).await, Some(1));
    let _ = stop.send(());
    let _ = server.await;
    // Nothing listening.
    assert_eq!(run(format!("http://{addr}/healthz")).await, Some(1));
    assert!(
        newswire::http::probe(&format!("http://{addr}/healthz"), Duration::from_secs(1)).is_err()
    );
}

/// The binary configured, through the environment, for this harness.
fn newswire_cmd(h: &Harness) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newswire"));
    cmd.env("NEWSWIRE__KAFKA__BROKERS", &h.settings.kafka.brokers)
        .env("NEWSWIRE__KAFKA__GROUP_ID", &h.settings.kafka.group_id)
        .env("RUST_LOG", "error");
    cmd
}

/// The whole loop with real dead letters: a worker dead-letters oversized
/// dispatches, the "fix" (a higher limit) is deployed, replay re-queues them
/// and the fixed worker turns them into records; the lag ends at zero.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dead_letters_of_a_real_worker_replay_into_records_after_a_fix() {
    let h = Harness::new(2, 2);
    let mut strict = h.settings.clone();
    strict.pipeline.max_dispatch_bytes = 200;
    let items: Vec<common::Input> = (0..20)
        .map(|i| {
            let headers = vec![(
                "content-type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            )];
            (Some(format!("k{i}")), Some(common::dispatch(i)), headers)
        })
        .collect();
    h.produce(items).await;
    let worker = h.spawn_worker(strict);
    let dead = h.read(&h.settings.topics.dlq, 2, 20, Duration::from_secs(60));
    assert_eq!(dead.len(), 20);
    assert!(dead
        .iter()
        .all(|m| header(m, "newswire-error-kind").as_deref() == Some("too_large")));
    assert!(dead
        .iter()
        .all(|m| header(m, "content-type").as_deref() == Some("text/plain; charset=utf-8")));
    h.wait_committed_to_end(Duration::from_secs(20)).await;
    worker.join().await.unwrap();

    let report = dlq::replay(&h.settings, &options(&h, Some("too_large"), false)).unwrap();
    assert_eq!((report.matched, report.replayed), (20, 20));
    let lag = admin::group_lag(&h.settings, TIMEOUT).unwrap();
    assert_eq!(
        lag.total(),
        20,
        "the replayed dispatches wait for the worker"
    );

    let worker = h.spawn_worker(h.settings.clone());
    let out = h.read(&h.settings.topics.output, 2, 20, Duration::from_secs(60));
    assert_eq!(out.len(), 20);
    let keys: BTreeSet<String> = out.iter().map(common::key).collect();
    assert_eq!(keys, (0..20).map(|i| format!("k{i}")).collect());
    h.wait_committed_to_end(Duration::from_secs(20)).await;
    worker.join().await.unwrap();
    assert_eq!(admin::group_lag(&h.settings, TIMEOUT).unwrap().total(), 0);
    let again = dlq::replay(&h.settings, &options(&h, Some("too_large"), false)).unwrap();
    assert_eq!(again.replayed, 0, "nothing replayed twice");
}
