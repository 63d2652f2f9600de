//! Harness of the real-Kafka suite: the broker from the environment, topics
//! created with the admin client, a paced producer that remembers where each
//! input landed, `newswire run` child processes, readers, committed offsets.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{BorrowedMessage, Headers};
use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, ThreadedProducer};
use rdkafka::{ClientConfig, ClientContext, Message, Offset, TopicPartitionList};

/// Points the suite at a Kafka: `host:port[,host:port]`.
pub const BROKERS_ENV: &str = "NEWSWIRE_TEST_KAFKA_BROKERS";
/// `scripts/kafka.sh` of the broker the suite may stop and restart (set by
/// `scripts/test-real-kafka.sh`); without it the broker-trouble test skips.
pub const CONTROL_ENV: &str = "NEWSWIRE_TEST_KAFKA_CONTROL";
/// The `newswire` binary to run; default: the one cargo built with this test.
/// `scripts/test-real-kafka.sh` points it at the release build.
pub const BIN_ENV: &str = "NEWSWIRE_TEST_BIN";
/// Seed of the random kill/churn schedule, to replay a run.
pub const SEED_ENV: &str = "NEWSWIRE_TEST_SEED";

/// The delivery mode a scenario runs in. Exactly-once variants read with
/// `read_committed` and check 0 duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    AtLeastOnce,
    ExactlyOnce,
}

impl Mode {
    pub fn config_value(self) -> &'static str {
        match self {
            Mode::AtLeastOnce => "at-least-once",
            Mode::ExactlyOnce => "exactly-once",
        }
    }
}

/// The Kafka under test.
pub struct Kafka {
    pub brokers: String,
    pub control: Option<PathBuf>,
    _serial: MutexGuard<'static, ()>,
}

static SERIAL: Mutex<()> = Mutex::new(());

/// The broker from `NEWSWIRE_TEST_KAFKA_BROKERS`, or `None` (test skipped).
/// Scenarios run one at a time (one of them stops the broker), whatever
/// `--test-threads` says.
pub fn kafka(test: &str) -> Option<Kafka> {
    let Ok(brokers) = std::env::var(BROKERS_ENV) else {
        println!(
            "real_kafka::{test}: SKIPPED ({BROKERS_ENV} is unset; run scripts/test-real-kafka.sh)"
        );
        return None;
    };
    let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let control = std::env::var_os(CONTROL_ENV).map(PathBuf::from);
    let kafka = Kafka {
        brokers,
        control,
        _serial: serial,
    };
    kafka.wait_for_metadata(Duration::from_secs(60));
    println!(
        "\n=== real_kafka::{test} against {} with {} ===",
        kafka.brokers,
        binary().display()
    );
    Some(kafka)
}

pub fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

/// A name unique to this run.
pub fn unique(name: &str) -> String {
    format!("rk-{name}-{}-{}", std::process::id(), now_ms())
}

/// xorshift64*: a small deterministic generator for kill/churn schedules.
pub struct Rng(u64);

impl Rng {
    pub fn from_env(test: &str) -> Rng {
        let seed = std::env::var(SEED_ENV)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(now_ms() as u64 | 1);
        println!("{test}: seed {seed} (replay with {SEED_ENV}={seed})");
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..hi` milliseconds.
    pub fn millis(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(lo + self.next() % (hi - lo).max(1))
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

impl Kafka {
    pub fn config(&self) -> ClientConfig {
        let mut c = ClientConfig::new();
        c.set("bootstrap.servers", &self.brokers);
        c
    }

    fn wait_for_metadata(&self, timeout: Duration) {
        let consumer: BaseConsumer = self.config().create().expect("metadata client");
        let deadline = Instant::now() + timeout;
        loop {
            match consumer.fetch_metadata(None, Duration::from_secs(5)) {
                Ok(md) if !md.brokers().is_empty() => return,
                other => {
                    if Instant::now() >= deadline {
                        panic!("no Kafka answers at {}: {:?}", self.brokers, other.err());
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
            }
        }
    }

    /// Create topics (name, partitions) with the admin client, replication 1.
    pub fn create_topics(&self, topics: &[(&str, i32)]) {
        let admin: AdminClient<DefaultClientContext> =
            self.config().create().expect("admin client");
        let new: Vec<NewTopic> = topics
            .iter()
            .map(|(name, parts)| NewTopic::new(name, *parts, TopicReplication::Fixed(1)))
            .collect();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let results = rt
            .block_on(admin.create_topics(
                &new,
                &AdminOptions::new().operation_timeout(Some(Duration::from_secs(30))),
            ))
            .expect("create_topics request");
        for r in results {
            if let Err((name, code)) = r {
                panic!("cannot create topic {name}: {code:?}");
            }
        }
        // Wait until every partition has a leader in the metadata.
        let consumer: BaseConsumer = self.config().create().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        for (name, parts) in topics {
            loop {
                let ok = consumer
                    .fetch_metadata(Some(name), Duration::from_secs(5))
                    .ok()
                    .and_then(|md| {
                        md.topics().first().map(|t| {
                            t.error().is_none()
                                && t.partitions().len() == *parts as usize
                                && t.partitions().iter().all(|p| p.leader() >= 0)
                        })
                    })
                    .unwrap_or(false);
                if ok {
                    break;
                }
                assert!(Instant::now() < deadline, "topic {name} never got leaders");
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }

    /// Run `scripts/kafka.sh <verb>` of the broker under test.
    pub fn control(&self, verb: &str) -> bool {
        let script = self.control.as_ref().expect("NEWSWIRE_TEST_KAFKA_CONTROL");
        let status = Command::new("bash")
            .arg(script)
            .arg(verb)
            .stdout(Stdio::null())
            .status()
            .expect("run kafka.sh");
        status.success()
    }

    /// Committed positions of `group` on `topic` (-1 where none).
    pub fn committed(&self, group: &str, topic: &str, partitions: i32) -> Vec<i64> {
        let consumer: BaseConsumer = self
            .config()
            .set("group.id", group)
            .set("enable.auto.commit", "false")
            .create()
            .unwrap();
        let mut tpl = TopicPartitionList::new();
        for p in 0..partitions {
            tpl.add_partition(topic, p);
        }
        let committed = consumer
            .committed_offsets(tpl, Duration::from_secs(15))
            .expect("committed offsets");
        (0..partitions)
            .map(
                |p| match committed.find_partition(topic, p).map(|e| e.offset()) {
                    Some(Offset::Offset(o)) => o,
                    _ => -1,
                },
            )
            .collect()
    }

    /// High watermarks of `topic`.
    pub fn end_offsets(&self, topic: &str, partitions: i32) -> Vec<i64> {
        let consumer: BaseConsumer = self.config().create().unwrap();
        (0..partitions)
            .map(|p| {
                consumer
                    .fetch_watermarks(topic, p, Duration::from_secs(15))
                    .expect("watermarks")
                    .1
            })
            .collect()
    }
}

/// Input, output and DLQ topics of one scenario.
#[derive(Debug, Clone)]
pub struct Topics {
    pub input: String,
    pub input_partitions: i32,
    pub output: String,
    pub output_partitions: i32,
    pub dlq: String,
    pub dlq_partitions: i32,
}

impl Topics {
    pub fn create(
        kafka: &Kafka,
        name: &str,
        input_partitions: i32,
        output_partitions: i32,
    ) -> Topics {
        let base = unique(name);
        let t = Topics {
            input: format!("{base}.raw"),
            input_partitions,
            output: format!("{base}.enriched"),
            output_partitions,
            dlq: format!("{base}.dlq"),
            dlq_partitions: 2,
        };
        kafka.create_topics(&[
            (&t.input, input_partitions),
            (&t.output, output_partitions),
            (&t.dlq, t.dlq_partitions),
        ]);
        t
    }
}

/// One input message.
#[derive(Debug, Clone)]
pub struct Input {
    pub key: String,
    pub payload: Vec<u8>,
}

/// A small plain-text dispatch carrying an id (and an optional sequence).
pub fn dispatch(id: &str) -> Vec<u8> {
    format!(
        "Talks resume in Geneva, {id}\n\nGENEVA, Oct 21 (Reuters) - Delegations met again on Monday, \
         officials said ({id}). \"We are making progress,\" the envoy told reporters.\n"
    )
    .into_bytes()
}

/// Where each input landed: (partition, offset) -> input index.
#[derive(Debug, Default)]
pub struct Produced {
    pub positions: HashMap<(i32, i64), usize>,
    pub failed: usize,
    pub elapsed: Duration,
}

impl Produced {
    pub fn count(&self) -> usize {
        self.positions.len()
    }
}

struct DeliveryLog {
    positions: Mutex<HashMap<(i32, i64), usize>>,
    failed: std::sync::atomic::AtomicUsize,
}

impl ClientContext for DeliveryLog {}

impl ProducerContext for DeliveryLog {
    type DeliveryOpaque = Box<usize>;

    fn delivery(&self, result: &DeliveryResult<'_>, index: Box<usize>) {
        match result {
            Ok(m) => {
                self.positions
                    .lock()
                    .unwrap()
                    .insert((m.partition(), m.offset()), *index);
            }
            Err((error, _)) => {
                eprintln!("test producer: input {index} not delivered: {error}");
                self.failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

/// Produce `inputs` to `topic` at about `rate` messages per second on a
/// thread; join it for where each one landed. Survives broker downtime
/// (librdkafka buffers and retries; idempotent).
pub fn produce_paced(
    kafka: &Kafka,
    topic: &str,
    inputs: Arc<Vec<Input>>,
    rate: usize,
) -> JoinHandle<Produced> {
    let ctx = DeliveryLog {
        positions: Mutex::new(HashMap::new()),
        failed: Default::default(),
    };
    let producer: ThreadedProducer<DeliveryLog> = kafka
        .config()
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", "5")
        .set("message.timeout.ms", "300000")
        .create_with_context(ctx)
        .expect("test producer");
    let topic = topic.to_string();
    std::thread::spawn(move || {
        let start = Instant::now();
        let batch = (rate / 20).max(1);
        for (chunk_no, chunk) in inputs.chunks(batch).enumerate() {
            for (j, input) in chunk.iter().enumerate() {
                let index = chunk_no * batch + j;
                let mut record = BaseRecord::with_opaque_to(&topic, Box::new(index))
                    .key(&input.key)
                    .payload(&input.payload);
                loop {
                    match producer.send(record) {
                        Ok(()) => break,
                        Err((_, r)) => {
                            record = r;
                            std::thread::sleep(Duration::from_millis(10));
                        }
                    }
                }
            }
            let due =
                start + Duration::from_secs_f64((chunk_no + 1) as f64 * batch as f64 / rate as f64);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        let _ = producer.flush(Duration::from_secs(300));
        let elapsed = start.elapsed();
        let ctx = producer.context();
        Produced {
            positions: std::mem::take(&mut *ctx.positions.lock().unwrap()),
            failed: ctx.failed.load(Ordering::Relaxed),
            elapsed,
        }
    })
}

/// A record read back from an output or DLQ topic.
#[derive(Debug, Clone)]
pub struct Record {
    pub partition: i32,
    pub offset: i64,
    pub key: String,
    pub payload: Vec<u8>,
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Record {
    fn from_message(m: &BorrowedMessage<'_>) -> Record {
        let headers = m
            .headers()
            .map(|h| {
                h.iter()
                    .map(|h| (h.key.to_string(), h.value.unwrap_or_default().to_vec()))
                    .collect()
            })
            .unwrap_or_default();
        Record {
            partition: m.partition(),
            offset: m.offset(),
            key: String::from_utf8_lossy(m.key().unwrap_or_default()).into_owned(),
            payload: m.payload().unwrap_or_default().to_vec(),
            headers,
        }
    }

    pub fn header(&self, key: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }

    /// (partition, offset) of the input, from `newswire-source`.
    pub fn source(&self) -> (i32, i64) {
        let s = self
            .header("newswire-source")
            .expect("newswire-source header");
        let mut parts = s.rsplitn(3, '/');
        let offset = parts.next().unwrap().parse().unwrap();
        let partition = parts.next().unwrap().parse().unwrap();
        (partition, offset)
    }
}

/// Reads a topic from the beginning by assignment (no group).
pub struct Reader {
    consumer: BaseConsumer,
    pub records: Vec<Record>,
}

impl Reader {
    pub fn new(kafka: &Kafka, topic: &str, partitions: i32, mode: Mode) -> Reader {
        let isolation = match mode {
            Mode::AtLeastOnce => "read_uncommitted",
            Mode::ExactlyOnce => "read_committed",
        };
        let consumer: BaseConsumer = kafka
            .config()
            .set("group.id", unique("reader"))
            .set("enable.auto.commit", "false")
            .set("isolation.level", isolation)
            .create()
            .unwrap();
        let mut tpl = TopicPartitionList::new();
        for p in 0..partitions {
            tpl.add_partition_offset(topic, p, Offset::Beginning)
                .unwrap();
        }
        consumer.assign(&tpl).unwrap();
        Reader {
            consumer,
            records: Vec::new(),
        }
    }

    /// Read for `duration`.
    pub fn pump(&mut self, duration: Duration) {
        let deadline = Instant::now() + duration;
        while Instant::now() < deadline {
            self.poll_once();
        }
    }

    fn poll_once(&mut self) -> bool {
        match self.consumer.poll(Duration::from_millis(50)) {
            Some(Ok(m)) => {
                self.records.push(Record::from_message(&m));
                true
            }
            Some(Err(e)) => {
                eprintln!("reader: {e}");
                false
            }
            None => false,
        }
    }

    /// Read until `done(record)` says so for a new record, or `timeout`;
    /// true when done. `done` sees every record once, in arrival order.
    pub fn pump_until(&mut self, timeout: Duration, mut done: impl FnMut(&Record) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut checked = 0;
        loop {
            while checked < self.records.len() {
                checked += 1;
                if done(&self.records[checked - 1]) {
                    return true;
                }
            }
            if Instant::now() >= deadline {
                return false;
            }
            self.poll_once();
        }
    }

    /// Read until nothing arrives for `quiet`.
    pub fn drain(&mut self, quiet: Duration) {
        let mut last = Instant::now();
        while last.elapsed() < quiet {
            if self.poll_once() {
                last = Instant::now();
            }
        }
    }
}

/// Where worker logs go: `$TMPDIR/newswire-real-kafka/<run>/`.
pub fn log_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir()
            .join("newswire-real-kafka")
            .join(format!("{}-{}", std::process::id(), now_ms()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
    .clone()
}

/// The worker binary: `NEWSWIRE_TEST_BIN`, or the one built with this test.
pub fn binary() -> PathBuf {
    std::env::var_os(BIN_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_newswire")))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// How a worker process is configured.
#[derive(Debug, Clone)]
pub struct WorkerSpec {
    pub topics: Topics,
    pub group: String,
    pub mode: Mode,
    /// Extra `NEWSWIRE__...` variables.
    pub env: Vec<(String, String)>,
}

impl WorkerSpec {
    pub fn new(topics: &Topics, mode: Mode) -> WorkerSpec {
        WorkerSpec {
            topics: topics.clone(),
            group: unique("group"),
            mode,
            env: Vec::new(),
        }
    }

    pub fn with(mut self, key: &str, value: &str) -> WorkerSpec {
        self.env.push((key.to_string(), value.to_string()));
        self
    }
}

/// A `newswire run` child process.
pub struct Worker {
    pub name: String,
    pub child: Child,
    pub http_port: u16,
    pub log: PathBuf,
    pub started: Instant,
}

static SPAWNED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Worker {
    pub fn spawn(kafka: &Kafka, spec: &WorkerSpec, name: &str) -> Worker {
        let n = SPAWNED.fetch_add(1, Ordering::Relaxed);
        let log = log_dir().join(format!("{n:03}-{name}.log"));
        let http_port = free_port();
        let mut cmd = Command::new(binary());
        cmd.arg("run");
        for (k, _) in std::env::vars() {
            if k.starts_with("NEWSWIRE__") {
                cmd.env_remove(k);
            }
        }
        let t = &spec.topics;
        cmd.env("NEWSWIRE__KAFKA__BROKERS", &kafka.brokers)
            .env("NEWSWIRE__KAFKA__GROUP_ID", &spec.group)
            .env("NEWSWIRE__KAFKA__CLIENT_ID", name)
            .env("NEWSWIRE__KAFKA__SESSION_TIMEOUT", "6s")
            .env("NEWSWIRE__TOPICS__INPUT", &t.input)
            .env("NEWSWIRE__TOPICS__OUTPUT", &t.output)
            .env("NEWSWIRE__TOPICS__DLQ", &t.dlq)
            .env("NEWSWIRE__WORKER__REBALANCE_DRAIN_TIMEOUT", "3s")
            .env("NEWSWIRE__WORKER__COMMIT_INTERVAL", "200ms")
            .env("NEWSWIRE__WORKER__RETRY_BACKOFF", "50ms")
            .env("NEWSWIRE__WORKER__RETRY_BACKOFF_MAX", "2s")
            .env("NEWSWIRE__WORKER__STAGE_THREADS", "1")
            .env("NEWSWIRE__WORKER__MAX_IN_FLIGHT", "500")
            .env("NEWSWIRE__SHUTDOWN__TIMEOUT", "15s")
            .env("NEWSWIRE__DELIVERY__MODE", spec.mode.config_value())
            .env("NEWSWIRE__HTTP__LISTEN", format!("127.0.0.1:{http_port}"))
            .env("NEWSWIRE__LOG__LEVEL", "info")
            // An error exit prints its message, not anyhow's backtrace.
            .env("RUST_LIB_BACKTRACE", "0");
        if spec.mode == Mode::ExactlyOnce {
            // One transactional id per worker slot ("crash-w0" for
            // "crash-w0-k3"), stable across restarts, as a StatefulSet pod
            // name would be: a restarted worker fences its predecessor.
            let slot = name.splitn(3, '-').take(2).collect::<Vec<_>>().join("-");
            cmd.env(
                "NEWSWIRE__DELIVERY__TRANSACTIONAL_ID",
                format!("{}-{slot}", spec.group),
            );
        }
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        let file = std::fs::File::create(&log).unwrap();
        cmd.stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file);
        let child = cmd.spawn().expect("spawn newswire run");
        Worker {
            name: name.to_string(),
            child,
            http_port,
            log,
            started: Instant::now(),
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// SIGKILL and reap.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Send SIGTERM (no wait).
    pub fn terminate(&self) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.pid(), libc::SIGTERM);
        }
    }

    /// SIGTERM and wait up to `timeout`; the exit status and how long it took.
    pub fn stop(&mut self, timeout: Duration) -> (Option<ExitStatus>, Duration) {
        let start = Instant::now();
        self.terminate();
        let status = self.wait(timeout);
        (status, start.elapsed())
    }

    /// Wait for exit up to `timeout`; SIGKILL after it (and return None).
    pub fn wait(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                self.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// HTTP status of `/readyz`, `None` when the listener does not answer.
    pub fn readyz(&self) -> Option<u16> {
        http_status(self.http_port, "/readyz")
    }

    /// `/readyz` status line and reason, and the worker's key metrics, for
    /// failure messages.
    pub fn diagnose(&self) -> String {
        let get = |path: &str| -> String {
            let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.http_port)) else {
                return format!("{path}: no answer");
            };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let _ = write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
            let mut text = String::new();
            let _ = stream.read_to_string(&mut text);
            text
        };
        let ready = get("/readyz");
        let metrics: Vec<String> = get("/metrics")
            .lines()
            .filter(|l| l.starts_with("newswire_") && !l.contains("_bucket"))
            .map(str::to_string)
            .collect();
        format!(
            "readyz: {}\nmetrics:\n{}",
            ready.lines().next().unwrap_or("").to_string()
                + " / "
                + ready.lines().last().unwrap_or(""),
            metrics.join("\n")
        )
    }

    pub fn wait_ready(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.readyz() == Some(200) {
                return true;
            }
            if !self.is_running() {
                return false;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// The last lines of the worker's log, for failure messages.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if self.is_running() {
            self.kill();
        }
    }
}

/// A minimal HTTP/1.0 GET on loopback, returning the status code.
pub fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = [0u8; 64];
    let mut got = 0;
    while got < 12 {
        let n = stream.read(&mut buf[got..]).ok()?;
        if n == 0 {
            break;
        }
        got += n;
    }
    let head = std::str::from_utf8(&buf[..got]).ok()?;
    head.split_whitespace().nth(1)?.parse().ok()
}

/// Counts every scenario prints.
#[derive(Debug, Default)]
pub struct Counts {
    pub inputs: usize,
    pub outputs: usize,
    pub dlq: usize,
    pub distinct: usize,
    pub missing: usize,
    pub duplicates: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "inputs={} outputs={} dlq={} distinct={} missing={} duplicates={}",
            self.inputs, self.outputs, self.dlq, self.distinct, self.missing, self.duplicates
        )
    }
}

/// Map records back to input indexes via `newswire-source`, and count.
pub fn account(produced: &Produced, outputs: &[Record], dlq: &[Record]) -> (Counts, Vec<usize>) {
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for r in outputs.iter().chain(dlq) {
        let index = produced
            .positions
            .get(&r.source())
            .unwrap_or_else(|| panic!("record from an unknown input {:?}", r.source()));
        *seen.entry(*index).or_insert(0) += 1;
    }
    let mut missing: Vec<usize> = produced
        .positions
        .values()
        .filter(|i| !seen.contains_key(i))
        .copied()
        .collect();
    missing.sort_unstable();
    let counts = Counts {
        inputs: produced.count(),
        outputs: outputs.len(),
        dlq: dlq.len(),
        distinct: seen.len(),
        missing: missing.len(),
        duplicates: seen.values().map(|c| c - 1).sum(),
    };
    (counts, missing)
}
