//! The five scenarios of the reliability suite. Each is bounded in message
//! count and time, stops by itself, and prints what it checked.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::{
    account, dispatch, kafka, produce_paced, Counts, Input, Kafka, Mode, Reader, Record, Rng,
    Topics, Worker, WorkerSpec,
};

/// `n` dispatches keyed `<prefix>-<i>`, for `i` in `from..from + n`.
fn keyed_inputs(prefix: &str, from: usize, n: usize) -> Arc<Vec<Input>> {
    Arc::new(
        (from..from + n)
            .map(|i| {
                let key = format!("{prefix}-{i}");
                Input {
                    payload: dispatch(&key),
                    key,
                }
            })
            .collect(),
    )
}

/// Stop every worker with SIGTERM; each must exit 0 within `timeout`.
fn stop_all(workers: &mut [Worker], timeout: Duration) {
    for w in workers.iter() {
        w.terminate();
    }
    for w in workers.iter_mut() {
        let status = w.wait(timeout);
        assert!(
            status.is_some_and(|s| s.success()),
            "{} did not exit 0 within {timeout:?} after SIGTERM: {status:?}\n{}",
            w.name,
            w.log_tail(30)
        );
    }
}

fn spawn_ready(kafka: &Kafka, spec: &WorkerSpec, name: &str) -> Worker {
    let mut w = Worker::spawn(kafka, spec, name);
    assert!(
        w.wait_ready(Duration::from_secs(60)),
        "{name} never became ready\n{}",
        w.log_tail(30)
    );
    w
}

/// Read output (and DLQ) until every one of `n` inputs has a record, by
/// distinct `newswire-source`, then until quiet for `quiet`.
fn read_everything(
    output: &mut Reader,
    dlq: Option<&mut Reader>,
    n: usize,
    timeout: Duration,
) -> bool {
    let deadline = Instant::now() + timeout;
    let mut seen: HashSet<(i32, i64)> = HashSet::new();
    let mut complete = false;
    let mut dlq = dlq;
    while Instant::now() < deadline && !complete {
        output.pump_until(Duration::from_millis(500), |r| {
            seen.insert(r.source());
            false
        });
        if let Some(d) = dlq.as_deref_mut() {
            d.pump_until(Duration::from_millis(200), |r| {
                seen.insert(r.source());
                false
            });
        }
        complete = seen.len() >= n;
    }
    output.drain(Duration::from_secs(3));
    if let Some(d) = dlq {
        d.drain(Duration::from_secs(1));
    }
    complete
}

fn assert_mode(mode: Mode, test: &str, counts: &Counts, missing: &[usize]) {
    assert_eq!(
        counts.missing,
        0,
        "{test}: inputs without output: first {:?}",
        &missing[..missing.len().min(20)]
    );
    if mode == Mode::ExactlyOnce {
        assert_eq!(
            counts.duplicates, 0,
            "{test}: exactly-once allows no duplicate"
        );
    }
}

// ---------------------------------------------------------------------------
// 1. Crash: SIGKILL at random moments, restart; nothing missing.

pub fn crash(mode: Mode) {
    const N: usize = 50_000;
    const RATE: usize = 2_000;
    const WORKERS: usize = 2;
    const KILLS: usize = 6;
    let Some(kafka) = kafka("crash") else { return };
    let mut rng = Rng::from_env("crash");
    let topics = Topics::create(&kafka, "crash", 6, 6);
    let spec = WorkerSpec::new(&topics, mode);
    let inputs = keyed_inputs("crash", 0, N);
    let start = Instant::now();
    let mut workers: Vec<Worker> = (0..WORKERS)
        .map(|w| spawn_ready(&kafka, &spec, &format!("crash-w{w}")))
        .collect();
    let producer = produce_paced(&kafka, &topics.input, inputs, RATE);
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    for kill in 1..=KILLS {
        output.pump(rng.millis(1_500, 5_000));
        let w = rng.below(WORKERS);
        let lived = workers[w].started.elapsed();
        workers[w].kill();
        println!(
            "crash: kill {kill}/{KILLS}: SIGKILL {} after {:.1}s alive; {} output records so far",
            workers[w].name,
            lived.as_secs_f64(),
            output.records.len()
        );
        output.pump(rng.millis(0, 1_000));
        workers[w] = Worker::spawn(&kafka, &spec, &format!("crash-w{w}-k{kill}"));
    }
    let produced = producer.join().expect("producer thread");
    assert_eq!(produced.failed, 0, "the test producer lost inputs");
    let complete = read_everything(
        &mut output,
        None,
        produced.count(),
        Duration::from_secs(300),
    );
    let processing = start.elapsed();
    stop_all(&mut workers, Duration::from_secs(30));
    let (counts, missing) = account(&produced, &output.records, &[]);
    println!("crash [{mode:?}]: {counts}");
    println!(
        "crash [{mode:?}]: kills={KILLS} workers={WORKERS} partitions={} produce={:.1}s all-out-after={:.1}s complete={complete}",
        topics.input_partitions,
        produced.elapsed.as_secs_f64(),
        processing.as_secs_f64()
    );
    assert!(counts.inputs >= N);
    assert_mode(mode, "crash", &counts, &missing);
}

// ---------------------------------------------------------------------------
// 2. Group churn: members leave and join; nothing missing, order per key kept.

/// Order check of one key's output sequence numbers, in output order.
///
/// The contract: the *first occurrences* of the sequence numbers are exactly
/// 0, 1, 2, ... in that order (no gap, no overtaking), and every record is
/// either the successor of the record before it or a rewind (a replay of
/// something already written, which at-least-once allows after a crash or an
/// undrained revoke); a replay then runs forward again one by one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OrderReport {
    pub records: usize,
    pub duplicates: usize,
    pub rewinds: usize,
    pub violations: Vec<String>,
}

pub fn check_order(key: &str, seqs: &[usize]) -> OrderReport {
    let mut report = OrderReport {
        records: seqs.len(),
        ..OrderReport::default()
    };
    let mut next_new = 0usize;
    let mut prev: Option<usize> = None;
    for (i, &seq) in seqs.iter().enumerate() {
        if seq >= next_new {
            if seq != next_new {
                report.violations.push(format!(
                    "{key}: record {i} is seq {seq}, expected first seq {next_new}"
                ));
            }
            next_new = seq + 1;
        } else {
            report.duplicates += 1;
        }
        if let Some(p) = prev {
            if seq <= p {
                report.rewinds += 1;
            } else if seq != p + 1 {
                report
                    .violations
                    .push(format!("{key}: record {i} jumps from seq {p} to {seq}"));
            }
        }
        prev = Some(seq);
    }
    report
}

pub fn group_churn(mode: Mode) {
    const KEYS: usize = 150;
    const SEQS: usize = 100;
    const RATE: usize = 400;
    const WORKERS: usize = 3;
    const EVENTS: usize = 8;
    let Some(kafka) = kafka("group_churn") else {
        return;
    };
    let mut rng = Rng::from_env("group_churn");
    let topics = Topics::create(&kafka, "churn", 6, 6);
    let spec = WorkerSpec::new(&topics, mode);
    // Sequence-major: input index = seq * KEYS + key.
    let inputs: Arc<Vec<Input>> = Arc::new(
        (0..SEQS)
            .flat_map(|seq| {
                (0..KEYS).map(move |k| Input {
                    key: format!("key-{k}"),
                    payload: dispatch(&format!("key-{k} seq={seq}")),
                })
            })
            .collect(),
    );
    let start = Instant::now();
    let mut workers: Vec<Worker> = (0..WORKERS)
        .map(|w| spawn_ready(&kafka, &spec, &format!("churn-w{w}")))
        .collect();
    let producer = produce_paced(&kafka, &topics.input, inputs, RATE);
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    let mut leave_times = Vec::new();
    for event in 1..=EVENTS {
        output.pump(rng.millis(2_000, 4_000));
        let w = rng.below(WORKERS);
        let (status, took) = workers[w].stop(Duration::from_secs(30));
        assert!(
            status.is_some_and(|s| s.success()),
            "{} did not leave cleanly: {status:?}\n{}",
            workers[w].name,
            workers[w].log_tail(30)
        );
        leave_times.push(took);
        println!(
            "group_churn: event {event}/{EVENTS}: {} left in {:.2}s; {} output records so far",
            workers[w].name,
            took.as_secs_f64(),
            output.records.len()
        );
        output.pump(rng.millis(500, 2_000));
        workers[w] = Worker::spawn(&kafka, &spec, &format!("churn-w{w}-e{event}"));
    }
    let produced = producer.join().expect("producer thread");
    assert_eq!(produced.failed, 0, "the test producer lost inputs");
    let complete = read_everything(
        &mut output,
        None,
        produced.count(),
        Duration::from_secs(240),
    );
    let processing = start.elapsed();
    stop_all(&mut workers, Duration::from_secs(30));
    let (counts, missing) = account(&produced, &output.records, &[]);

    // Per key, the output's sequence numbers in output order (one key lives
    // on one output partition; records are read in partition order).
    let mut in_order: Vec<&Record> = output.records.iter().collect();
    in_order.sort_by_key(|r| (r.partition, r.offset));
    let mut per_key: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for r in in_order {
        let index = produced.positions[&r.source()];
        per_key.entry(index % KEYS).or_default().push(index / KEYS);
        assert_eq!(
            r.key,
            format!("key-{}", index % KEYS),
            "output keeps the input key"
        );
    }
    let mut total = OrderReport::default();
    for (k, seqs) in &per_key {
        let r = check_order(&format!("key-{k}"), seqs);
        total.records += r.records;
        total.duplicates += r.duplicates;
        total.rewinds += r.rewinds;
        total.violations.extend(r.violations);
    }
    println!("group_churn [{mode:?}]: {counts}");
    println!(
        "group_churn [{mode:?}]: workers={WORKERS} partitions={} leave/join events={EVENTS} keys={} rewinds={} order-violations={} max-leave={:.2}s all-out-after={:.1}s complete={complete}",
        topics.input_partitions,
        per_key.len(),
        total.rewinds,
        total.violations.len(),
        leave_times.iter().max().copied().unwrap_or_default().as_secs_f64(),
        processing.as_secs_f64()
    );
    assert_mode(mode, "group_churn", &counts, &missing);
    assert_eq!(per_key.len(), KEYS);
    assert!(
        total.violations.is_empty(),
        "order per key broken: {:?}",
        &total.violations[..total.violations.len().min(20)]
    );
}

// ---------------------------------------------------------------------------
// 3. Poison mix: outputs + DLQ == inputs, dead letters intact.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Good,
    Binary,
    Oversized,
    Empty,
}

fn poison_kind(i: usize) -> Kind {
    match i % 20 {
        3 | 11 => Kind::Binary,
        7 => Kind::Oversized,
        15 => Kind::Empty,
        _ => Kind::Good,
    }
}

/// Binary junk: control bytes and invalid UTF-8, differing per input.
fn binary_junk(i: usize) -> Vec<u8> {
    (0..700usize)
        .map(|j| match j % 5 {
            0 => 0x00,
            1 => 0x01 + (i + j) as u8 % 8,
            2 => 0xFF,
            3 => 0xC3,
            _ => (i * 31 + j) as u8 % 0x20,
        })
        .collect()
}

const MAX_DISPATCH_BYTES: usize = 4096;

pub fn poison_mix(mode: Mode) {
    const N: usize = 8_000;
    let Some(kafka) = kafka("poison_mix") else {
        return;
    };
    let topics = Topics::create(&kafka, "poison", 4, 4);
    let spec = WorkerSpec::new(&topics, mode).with(
        "NEWSWIRE__PIPELINE__MAX_DISPATCH_BYTES",
        &MAX_DISPATCH_BYTES.to_string(),
    );
    let inputs: Arc<Vec<Input>> = Arc::new(
        (0..N)
            .map(|i| {
                let key = format!("poison-{i}");
                let payload = match poison_kind(i) {
                    Kind::Good => dispatch(&key),
                    Kind::Binary => binary_junk(i),
                    Kind::Oversized => {
                        let mut p = dispatch(&key);
                        p.resize(MAX_DISPATCH_BYTES + 1 + i % 1000, b'x');
                        p
                    }
                    Kind::Empty => Vec::new(),
                };
                Input { key, payload }
            })
            .collect(),
    );
    let poison = (0..N).filter(|&i| poison_kind(i) != Kind::Good).count();
    let start = Instant::now();
    let mut workers = vec![
        spawn_ready(&kafka, &spec, "poison-w0"),
        spawn_ready(&kafka, &spec, "poison-w1"),
    ];
    let produced = produce_paced(&kafka, &topics.input, inputs.clone(), 4_000)
        .join()
        .expect("producer thread");
    assert_eq!(produced.failed, 0);
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    let mut dlq = Reader::new(&kafka, &topics.dlq, topics.dlq_partitions, mode);
    let complete = read_everything(
        &mut output,
        Some(&mut dlq),
        produced.count(),
        Duration::from_secs(180),
    );
    let processing = start.elapsed();
    // Committed offsets reach the end: poison never blocks a partition.
    let end = kafka.end_offsets(&topics.input, topics.input_partitions);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut committed = kafka.committed(&spec.group, &topics.input, topics.input_partitions);
    while committed != end && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(250));
        committed = kafka.committed(&spec.group, &topics.input, topics.input_partitions);
    }
    stop_all(&mut workers, Duration::from_secs(30));

    let (counts, missing) = account(&produced, &output.records, &dlq.records);
    let out_sources: HashSet<(i32, i64)> = output.records.iter().map(Record::source).collect();
    let dlq_sources: HashSet<(i32, i64)> = dlq.records.iter().map(Record::source).collect();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for r in &dlq.records {
        let index = produced.positions[&r.source()];
        let input = &inputs[index];
        let kind = r.header("newswire-error-kind").unwrap_or_default();
        *kinds.entry(kind.clone()).or_insert(0) += 1;
        for h in [
            "newswire-error-stage",
            "newswire-error-kind",
            "newswire-error-message",
            "newswire-source",
        ] {
            if r.header(h).is_none_or(|v| v.is_empty()) {
                problems.push(format!("{}: DLQ record without {h}", input.key));
            }
        }
        if r.payload != input.payload {
            problems.push(format!(
                "{}: DLQ payload differs from the input bytes",
                input.key
            ));
        }
        if r.key != input.key {
            problems.push(format!("{}: DLQ key is {:?}", input.key, r.key));
        }
        let expected = match poison_kind(index) {
            Kind::Good => "a good dispatch",
            Kind::Oversized => "too_large",
            Kind::Empty => "empty",
            Kind::Binary => "undecodable",
        };
        if kind != expected {
            problems.push(format!(
                "{}: dead-lettered as {kind:?}, expected {expected}",
                input.key
            ));
        }
    }
    for r in &output.records {
        let index = produced.positions[&r.source()];
        if poison_kind(index) != Kind::Good {
            problems.push(format!(
                "{}: poison input has an output record",
                inputs[index].key
            ));
        }
    }
    let both = out_sources.intersection(&dlq_sources).count();
    println!("poison_mix [{mode:?}]: {counts}");
    println!(
        "poison_mix [{mode:?}]: poison inputs={poison} ({:.0}%) distinct outputs={} distinct dlq={} in-both={both} dlq kinds={kinds:?} committed-to-end={} all-out-after={:.1}s complete={complete}",
        100.0 * poison as f64 / N as f64,
        out_sources.len(),
        dlq_sources.len(),
        committed == end,
        processing.as_secs_f64()
    );
    assert_mode(mode, "poison_mix", &counts, &missing);
    assert_eq!(
        out_sources.len() + dlq_sources.len(),
        counts.inputs,
        "distinct outputs + distinct dead letters == inputs"
    );
    assert_eq!(both, 0, "no input both in the output and the DLQ");
    assert_eq!(dlq_sources.len(), poison);
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(20)]
    );
    assert_eq!(
        committed, end,
        "committed offsets reach the end of every partition"
    );
}

// ---------------------------------------------------------------------------
// 4. Broker trouble: the broker stops and restarts mid-run.

pub fn broker_trouble(mode: Mode) {
    const BEFORE: usize = 6_000;
    const AFTER: usize = 6_000;
    const MIN_DOWN: Duration = Duration::from_secs(10);
    let Some(kafka) = kafka("broker_trouble") else {
        return;
    };
    if kafka.control.is_none() {
        println!(
            "broker_trouble: SKIPPED (needs {} = scripts/kafka.sh of a broker it may stop; run scripts/test-real-kafka.sh)",
            crate::support::CONTROL_ENV
        );
        return;
    }
    let topics = Topics::create(&kafka, "trouble", 4, 4);
    let spec = WorkerSpec::new(&topics, mode);
    let batch = |from: usize, n: usize| keyed_inputs("trouble", from, n);
    let start = Instant::now();
    let mut workers = vec![
        spawn_ready(&kafka, &spec, "trouble-w0"),
        spawn_ready(&kafka, &spec, "trouble-w1"),
    ];
    // A backlog the workers are in the middle of when the broker stops. (The
    // test's own producer is not exposed to the outage: in one trial, the
    // test producer, an idempotent librdkafka producer, never recovered from
    // the broker restart and timed out its queue after message.timeout.ms;
    // that would measure the harness, not the worker.)
    let mut produced = produce_paced(&kafka, &topics.input, batch(0, BEFORE), 20_000)
        .join()
        .expect("producer thread");
    assert_eq!(produced.failed, 0, "the test producer lost inputs");
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    let mut got = 0;
    output.pump_until(Duration::from_secs(60), |_| {
        got += 1;
        got >= BEFORE / 5
    });
    let before = output.records.len();

    // Timings count from the moment the stop begins (kafka.sh down sends
    // TERM and waits for the JVM to exit).
    let down_at = Instant::now();
    assert!(kafka.control("down"), "scripts/kafka.sh down failed");
    println!(
        "broker_trouble: broker stopped in {:.1}s after {before} of {BEFORE} output records ({:.1}s into the run)",
        down_at.elapsed().as_secs_f64(),
        start.elapsed().as_secs_f64()
    );
    let mut not_ready_after: Vec<Option<Duration>> = vec![None; workers.len()];
    while down_at.elapsed() < MIN_DOWN
        || (not_ready_after.iter().any(Option::is_none)
            && down_at.elapsed() < Duration::from_secs(45))
    {
        for (i, w) in workers.iter_mut().enumerate() {
            assert!(
                w.is_running(),
                "{} exited while the broker was down\n{}",
                w.name,
                w.log_tail(30)
            );
            if not_ready_after[i].is_none() && w.readyz() == Some(503) {
                not_ready_after[i] = Some(down_at.elapsed());
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let downtime = down_at.elapsed();
    assert!(kafka.control("up"), "scripts/kafka.sh up failed");
    let up_at = Instant::now();
    let mut ready_after = Vec::new();
    for w in workers.iter_mut() {
        assert!(
            w.wait_ready(Duration::from_secs(120)),
            "{} not ready again after the broker came back\n{}\n{}",
            w.name,
            w.diagnose(),
            w.log_tail(30)
        );
        ready_after.push(up_at.elapsed());
    }
    println!(
        "broker_trouble: broker down for {:.1}s; /readyz 503 after {:?}; ready again after {:?}",
        downtime.as_secs_f64(),
        not_ready_after
            .iter()
            .map(|d| d.map(|d| format!("{:.1}s", d.as_secs_f64())))
            .collect::<Vec<_>>(),
        ready_after
            .iter()
            .map(|d| format!("{:.1}s", d.as_secs_f64()))
            .collect::<Vec<_>>()
    );
    // More input after the recovery, from a fresh producer.
    let later = produce_paced(&kafka, &topics.input, batch(BEFORE, AFTER), 2_000)
        .join()
        .expect("producer thread");
    assert_eq!(later.failed, 0, "the test producer lost inputs");
    for (pos, index) in later.positions {
        produced.positions.insert(pos, index + BEFORE);
    }
    // The final count comes from a reader created after the recovery: the
    // first one lived through the outage, and a librdkafka client that did
    // (see the test producer above) may never fetch again; a record it
    // misses would be charged to the worker.
    drop(output);
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    let complete = read_everything(
        &mut output,
        None,
        produced.count(),
        Duration::from_secs(240),
    );
    let processing = start.elapsed();
    for w in workers.iter_mut() {
        assert!(w.is_running(), "{} died\n{}", w.name, w.log_tail(30));
    }
    stop_all(&mut workers, Duration::from_secs(30));
    let (counts, missing) = account(&produced, &output.records, &[]);
    println!("broker_trouble [{mode:?}]: {counts}");
    println!(
        "broker_trouble [{mode:?}]: all-out-after={:.1}s complete={complete}",
        processing.as_secs_f64()
    );
    assert!(
        not_ready_after.iter().all(Option::is_some),
        "/readyz kept answering 200 while the broker was down"
    );
    assert_mode(mode, "broker_trouble", &counts, &missing);
}

// ---------------------------------------------------------------------------
// 5. Graceful drain: SIGTERM under load exits 0 in time, everything committed.

pub fn graceful_drain(mode: Mode) {
    const N: usize = 20_000;
    const TIMEOUT: Duration = Duration::from_secs(10);
    let Some(kafka) = kafka("graceful_drain") else {
        return;
    };
    let topics = Topics::create(&kafka, "drain", 4, 4);
    let spec = WorkerSpec::new(&topics, mode).with("NEWSWIRE__SHUTDOWN__TIMEOUT", "10s");
    let inputs = keyed_inputs("drain", 0, N);
    let produced = produce_paced(&kafka, &topics.input, inputs, 20_000)
        .join()
        .expect("producer thread");
    assert_eq!(produced.failed, 0);
    let start = Instant::now();
    let mut worker = spawn_ready(&kafka, &spec, "drain-w0");
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    // Under load: wait for a fifth of the inputs, then SIGTERM.
    let mut outputs_at_term = 0;
    output.pump_until(Duration::from_secs(120), |_| {
        outputs_at_term += 1;
        outputs_at_term >= N / 5
    });
    let (status, took) = worker.stop(TIMEOUT + Duration::from_secs(20));
    println!(
        "graceful_drain: SIGTERM after {outputs_at_term} outputs; exit {status:?} after {:.2}s (shutdown.timeout {TIMEOUT:?})",
        took.as_secs_f64()
    );
    assert!(
        status.is_some_and(|s| s.success()),
        "exit status {status:?}\n{}",
        worker.log_tail(30)
    );
    assert!(
        took <= TIMEOUT,
        "took {took:?}, longer than shutdown.timeout"
    );

    // What the first worker wrote, against what its group committed.
    output.drain(Duration::from_secs(3));
    let committed = kafka.committed(&spec.group, &topics.input, topics.input_partitions);
    let mut written: HashMap<i32, HashSet<i64>> = HashMap::new();
    for r in &output.records {
        let (p, o) = r.source();
        written.entry(p).or_default().insert(o);
    }
    let mut uncommitted_outputs = 0;
    let mut committed_without_output = 0;
    for p in 0..topics.input_partitions {
        let offsets = written.get(&p).cloned().unwrap_or_default();
        let c = committed[p as usize].max(0);
        committed_without_output += (0..c).filter(|o| !offsets.contains(o)).count();
        uncommitted_outputs += offsets.iter().filter(|&&o| o >= c).count();
    }
    let first_run = output.records.len();
    println!(
        "graceful_drain: committed={committed:?} (sum {}) outputs={first_run} committed-without-output={committed_without_output} outputs-beyond-commit={uncommitted_outputs}",
        committed.iter().map(|c| c.max(&0)).sum::<i64>()
    );
    assert_eq!(
        committed_without_output, 0,
        "a commit passed an input without output"
    );
    assert!(committed.iter().sum::<i64>() > 0, "progress was committed");
    assert_eq!(
        uncommitted_outputs, 0,
        "every output written before SIGTERM was committed (the drain finished)"
    );

    // A successor resumes from the commit: nothing missing overall.
    let mut successor = spawn_ready(&kafka, &spec, "drain-w1");
    let complete = read_everything(
        &mut output,
        None,
        produced.count(),
        Duration::from_secs(180),
    );
    let (status, took2) = successor.stop(TIMEOUT + Duration::from_secs(20));
    assert!(
        status.is_some_and(|s| s.success()),
        "successor exit {status:?}"
    );
    let (counts, missing) = account(&produced, &output.records, &[]);
    println!("graceful_drain [{mode:?}]: {counts}");
    println!(
        "graceful_drain [{mode:?}]: successor exit after {:.2}s; all-out-after={:.1}s complete={complete}",
        took2.as_secs_f64(),
        start.elapsed().as_secs_f64()
    );
    assert_mode(mode, "graceful_drain", &counts, &missing);
    assert_eq!(counts.duplicates, 0, "a graceful handover repeats nothing");
}

// ---------------------------------------------------------------------------
// 6. Fencing (exactly-once): two live workers with one transactional id.

pub fn fencing() {
    const N: usize = 6_000;
    let Some(kafka) = kafka("fencing") else {
        return;
    };
    let mode = Mode::ExactlyOnce;
    let topics = Topics::create(&kafka, "fencing", 4, 4);
    let spec = WorkerSpec::new(&topics, mode);
    let inputs = keyed_inputs("fence", 0, N);
    let start = Instant::now();
    let mut first = spawn_ready(&kafka, &spec, "fence-w0");
    let producer = produce_paced(&kafka, &topics.input, inputs, 1_500);
    let mut output = Reader::new(&kafka, &topics.output, topics.output_partitions, mode);
    output.pump(Duration::from_secs(2));
    // Same slot, so the same transactional id: a misconfigured second replica.
    let mut second = spawn_ready(&kafka, &spec, "fence-w0-twin");
    let status = first.wait(Duration::from_secs(90));
    let log = std::fs::read_to_string(&first.log).unwrap_or_default();
    println!(
        "fencing: the first worker exited {status:?} {:.1}s after the twin started",
        first.started.elapsed().as_secs_f64()
    );
    assert!(
        status.is_some_and(|s| !s.success()),
        "the fenced worker exits non-zero by itself: {status:?}\n{log}"
    );
    assert!(
        log.contains("fenced") && log.contains(&format!("{}-fence-w0", spec.group)),
        "the exit says it was fenced and names the transactional id:\n{log}"
    );
    let produced = producer.join().expect("producer thread");
    assert_eq!(produced.failed, 0, "the test producer lost inputs");
    let complete = read_everything(
        &mut output,
        None,
        produced.count(),
        Duration::from_secs(180),
    );
    stop_all(std::slice::from_mut(&mut second), Duration::from_secs(30));
    let (counts, missing) = account(&produced, &output.records, &[]);
    println!("fencing [{mode:?}]: {counts}");
    println!(
        "fencing [{mode:?}]: all-out-after={:.1}s complete={complete}",
        start.elapsed().as_secs_f64()
    );
    assert_mode(mode, "fencing", &counts, &missing);
}
