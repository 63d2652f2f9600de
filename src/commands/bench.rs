//! `newswire bench`: the end-to-end harness. Produces dispatches to a broker
//! (the embedded one by default, or `--brokers`), runs the real worker, and
//! measures throughput, end-to-end latency, CPU per message and peak RSS;
//! then runs the same load with the stages switched off (pass-through) and
//! prints the ratio, measured side by side in one run.
//!
//! Throughput is measured on a pre-loaded backlog, from the output records'
//! broker timestamps (first to last), so group-join time is excluded.
//! Latency is measured in a second phase at a fixed rate, as the output
//! record's timestamp minus the input record's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Message, Offset, TopicPartitionList};

use crate::config::Settings;
use crate::health::Health;
use crate::kafka::embedded::EmbeddedBroker;
use crate::kafka::{self, client, records};
use crate::pipeline::StageName;

/// Arguments of `newswire bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Dispatches in the throughput phase of each mode.
    #[arg(long, default_value_t = 10_000)]
    pub count: usize,
    /// Partitions of the bench topics (the embedded broker keeps at most
    /// 5 MiB per partition: spread large loads).
    #[arg(long, default_value_t = 16)]
    pub partitions: i32,
    /// Use these brokers instead of the embedded one (topics must be
    /// creatable by auto-creation or exist: bench.<mode>.<nonce>.{in,out,dlq}).
    #[arg(long)]
    pub brokers: Option<String>,
    /// Directory of dispatches to cycle through (default: `samples/`).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Messages per second in the latency phase.
    #[arg(long, default_value_t = 500)]
    pub rate: u64,
    /// Seconds of the latency phase.
    #[arg(long, default_value_t = 5)]
    pub latency_seconds: u64,
    /// Run the worker as this many separate `newswire run` processes in one
    /// consumer group (0: inside the bench process). Separate processes
    /// give the worker's own RSS and CPU, without the load clients and the
    /// embedded broker.
    #[arg(long, default_value_t = 0)]
    pub workers: usize,
    /// Run only the stages-on mode (no pass-through run).
    #[arg(long)]
    pub stages_only: bool,
}

#[derive(Debug, Default)]
struct ModeResult {
    name: &'static str,
    count: usize,
    bytes: usize,
    seconds: f64,
    /// Seconds from the output at the 20th percentile of time to the last:
    /// the steady state, after the group has formed.
    steady_seconds: f64,
    cpu_us_per_msg: f64,
    latencies_ms: Vec<f64>,
    /// Per worker process (`--workers`): the largest VmRSS sampled during
    /// the throughput phase and VmHWM at its end, in MiB.
    worker_rss: Vec<(f64, f64)>,
}

impl ModeResult {
    fn msgs_per_sec(&self) -> f64 {
        self.count as f64 / self.seconds.max(1e-9)
    }
    fn steady_msgs_per_sec(&self) -> f64 {
        (self.count - self.count / 5) as f64 / self.steady_seconds.max(1e-9)
    }
    fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1_048_576.0 / self.seconds.max(1e-9)
    }
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies_ms.is_empty() {
            return f64::NAN;
        }
        let idx = ((self.latencies_ms.len() as f64 - 1.0) * p).round() as usize;
        self.latencies_ms[idx.min(self.latencies_ms.len() - 1)]
    }
}

fn load_corpus(dir: &Path) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read corpus directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("README.md"))
        })
        .collect();
    files.sort();
    let corpus: Vec<Vec<u8>> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| !b.is_empty())
        .collect();
    anyhow::ensure!(!corpus.is_empty(), "no dispatches in {}", dir.display());
    Ok(corpus)
}

/// Process CPU time (user + system) so far, from /proc (Linux only).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is parenthesized and may contain spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // Linux reports clock ticks of USER_HZ, which is 100 on every common platform.
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Peak resident set size of this process in MiB, from /proc (Linux only).
fn peak_rss_mib() -> Option<f64> {
    status_mib("self", "VmHWM:")
}

/// A memory figure of `/proc/<pid>/status` (`VmRSS:`, `VmHWM:`) in MiB.
fn status_mib(pid: &str, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time (user + system) of process `pid` so far, from /proc.
fn cpu_time_of(pid: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Create the bench topics on a real Kafka (the embedded broker has its
/// own call); topics that already exist are fine.
async fn create_topics(settings: &Settings, partitions: i32) -> anyhow::Result<()> {
    use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
    use rdkafka::client::DefaultClientContext;
    let admin: AdminClient<DefaultClientContext> = client::base_config(settings).create()?;
    let topics = [
        NewTopic::new(
            &settings.topics.input,
            partitions,
            TopicReplication::Fixed(1),
        ),
        NewTopic::new(
            &settings.topics.output,
            partitions,
            TopicReplication::Fixed(1),
        ),
        NewTopic::new(&settings.topics.dlq, 1, TopicReplication::Fixed(1)),
    ];
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    for result in admin.create_topics(&topics, &opts).await? {
        match result {
            Ok(_) => {}
            Err((_, rdkafka::types::RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((topic, code)) => anyhow::bail!("cannot create topic {topic}: {code}"),
        }
    }
    Ok(())
}

/// Worker processes (`newswire run`) of one bench mode, killed on drop.
struct WorkerProcesses {
    children: Vec<std::process::Child>,
    _config: tempfile_like::TempConfig,
}

impl WorkerProcesses {
    fn spawn(settings: &Settings, n: usize) -> anyhow::Result<Self> {
        let mut settings = settings.clone();
        // Each process its own free port; warnings only.
        settings.http.listen = "127.0.0.1:0".into();
        settings.log.level = "warn".into();
        let config = tempfile_like::TempConfig::write(&toml::to_string(&settings)?)?;
        let exe = std::env::current_exe().context("cannot find the newswire binary")?;
        let mut children = Vec::with_capacity(n);
        for _ in 0..n {
            let child = std::process::Command::new(&exe)
                .arg("run")
                .arg("--config")
                .arg(config.path())
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .context("cannot start a worker process")?;
            children.push(child);
        }
        Ok(WorkerProcesses {
            children,
            _config: config,
        })
    }

    fn pids(&self) -> Vec<String> {
        self.children.iter().map(|c| c.id().to_string()).collect()
    }

    fn cpu_time(&self) -> Option<Duration> {
        self.pids().iter().map(|p| cpu_time_of(p)).sum()
    }
}

impl Drop for WorkerProcesses {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A config file in the temporary directory, removed on drop.
mod tempfile_like {
    use std::path::{Path, PathBuf};

    pub struct TempConfig(PathBuf);

    impl TempConfig {
        pub fn write(contents: &str) -> std::io::Result<Self> {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = std::env::temp_dir().join(format!(
                "newswire-bench-{}-{nanos}.toml",
                std::process::id()
            ));
            std::fs::write(&path, contents)?;
            Ok(TempConfig(path))
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempConfig {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

/// Run the harness and print the report.
pub async fn run(args: &BenchArgs, base: Settings) -> anyhow::Result<()> {
    let corpus_dir = args
        .corpus
        .clone()
        .unwrap_or_else(|| super::demo::samples_dir(None));
    let corpus = load_corpus(&corpus_dir)?;
    let embedded = match &args.brokers {
        Some(_) => None,
        None => Some(EmbeddedBroker::start(1)?),
    };
    let brokers = match (&args.brokers, &embedded) {
        (Some(b), _) => b.clone(),
        (None, Some(e)) => e.bootstrap_servers(),
        (None, None) => unreachable_brokers()?,
    };
    let nonce = std::process::id();
    println!(
        "newswire bench: {} dispatches per mode from {} ({} files), {} partitions, worker {}, broker {}",
        args.count,
        corpus_dir.display(),
        corpus.len(),
        args.partitions,
        match args.workers {
            0 => "in the bench process".to_string(),
            n => format!("in {n} separate process(es), one group"),
        },
        if embedded.is_some() {
            "embedded"
        } else {
            brokers.as_str()
        }
    );
    let mut results = Vec::new();
    let modes = [
        (
            "stages on",
            vec![StageName::Normalize, StageName::Attribute],
        ),
        ("pass-through", vec![]),
    ];
    let modes = if args.stages_only {
        &modes[..1]
    } else {
        &modes[..]
    };
    for (name, stages) in modes.iter().cloned() {
        let mut settings = base.clone();
        settings.kafka.brokers = brokers.clone();
        let tag = if stages.is_empty() { "pass" } else { "full" };
        settings.topics.input = format!("bench.{tag}.{nonce}.in");
        settings.topics.output = format!("bench.{tag}.{nonce}.out");
        settings.topics.dlq = format!("bench.{tag}.{nonce}.dlq");
        settings.kafka.group_id = format!("bench.{tag}.{nonce}");
        settings.pipeline.stages = stages;
        if let Some(e) = &embedded {
            for t in [&settings.topics.input, &settings.topics.output] {
                e.create_topic(t, args.partitions)?;
            }
            e.create_topic(&settings.topics.dlq, 1)?;
        } else {
            create_topics(&settings, args.partitions).await?;
        }
        let result = run_mode(name, args, &settings, &corpus).await?;
        results.push(result);
    }

    println!();
    println!(
        "{:<14} {:>8} {:>10} {:>8} {:>12} {:>9} {:>9} {:>9} {:>12}",
        "mode",
        "msgs",
        "msg/s",
        "MB/s",
        "steady msg/s",
        "p50 ms",
        "p99 ms",
        "p999 ms",
        "cpu µs/msg"
    );
    for r in &results {
        println!(
            "{:<14} {:>8} {:>10.0} {:>8.2} {:>12.0} {:>9.2} {:>9.2} {:>9.2} {:>12.1}",
            r.name,
            r.count,
            r.msgs_per_sec(),
            r.mb_per_sec(),
            r.steady_msgs_per_sec(),
            r.percentile(0.50),
            r.percentile(0.99),
            r.percentile(0.999),
            r.cpu_us_per_msg
        );
    }
    for r in results.iter().filter(|r| !r.worker_rss.is_empty()) {
        let rss: Vec<String> = r
            .worker_rss
            .iter()
            .map(|(rss, hwm)| format!("{rss:.0}/{hwm:.0}"))
            .collect();
        println!(
            "worker processes, {}: max VmRSS / VmHWM (MiB): {}",
            r.name,
            rss.join(", ")
        );
    }
    if let [on, off] = results.as_slice() {
        println!(
            "\nthroughput stages-on / pass-through: {:.2}   (target >= 0.80)",
            on.msgs_per_sec() / off.msgs_per_sec().max(1e-9)
        );
        println!(
            "p99 latency added by the stages: {:.2} ms",
            on.percentile(0.99) - off.percentile(0.99)
        );
    }
    if let Some(rss) = peak_rss_mib() {
        println!("peak RSS of the whole bench process (worker + load clients): {rss:.0} MiB");
    }
    drop(embedded);
    Ok(())
}

fn unreachable_brokers() -> anyhow::Result<String> {
    anyhow::bail!("no brokers: pass --brokers or let the embedded broker start")
}

async fn run_mode(
    name: &'static str,
    args: &BenchArgs,
    settings: &Settings,
    corpus: &[Vec<u8>],
) -> anyhow::Result<ModeResult> {
    let producer: FutureProducer = client::producer_config(settings).create()?;
    // Phase 1: a backlog, drained as fast as the worker can.
    let mut bytes = 0;
    let mut pending = Vec::with_capacity(args.count);
    for i in 0..args.count {
        let payload = &corpus[i % corpus.len()];
        bytes += payload.len();
        let key = format!("b{i}");
        pending.push(send(&producer, &settings.topics.input, &key, payload).await?);
    }
    for p in pending {
        p.await
            .map_err(|_| anyhow::anyhow!("producer dropped"))?
            .map_err(|(e, _)| e)?;
    }

    let health = Arc::new(Health::new());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let processes = match args.workers {
        0 => None,
        n => Some(WorkerProcesses::spawn(settings, n)?),
    };
    let worker = {
        let settings = settings.clone();
        let in_process = processes.is_none();
        tokio::spawn(async move {
            if !in_process {
                let _ = stopped.await;
                return Ok(());
            }
            kafka::run_worker(&settings, health, async {
                let _ = stopped.await;
            })
            .await
            .map(|_| ())
        })
    };
    let pids = processes.as_ref().map(WorkerProcesses::pids);
    let process_cpu = || match &processes {
        Some(p) => p.cpu_time(),
        None => cpu_time(),
    };
    // Sample the worker processes' RSS while they drain the backlog.
    let (stop_sampling, mut sampling_stopped) = tokio::sync::oneshot::channel::<()>();
    let sampler = pids.clone().map(|pids| {
        tokio::spawn(async move {
            let mut max = vec![0f64; pids.len()];
            loop {
                for (m, pid) in max.iter_mut().zip(&pids) {
                    *m = m.max(status_mib(pid, "VmRSS:").unwrap_or(0.0));
                }
                tokio::select! {
                    _ = &mut sampling_stopped => break,
                    _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                }
            }
            max
        })
    });
    let cpu_before = process_cpu();
    let reader = OutputReader::new(settings, args.partitions)?;
    let (mut out, _) = reader.read(args.count, Duration::from_secs(600)).await;
    let cpu_after = process_cpu();
    let _ = stop_sampling.send(());
    let max_rss = match sampler {
        Some(s) => s.await.unwrap_or_default(),
        None => Vec::new(),
    };
    let worker_rss: Vec<(f64, f64)> = pids
        .iter()
        .flatten()
        .zip(max_rss.iter().chain(std::iter::repeat(&0.0)))
        .map(|(pid, &rss)| (rss, status_mib(pid, "VmHWM:").unwrap_or(f64::NAN)))
        .collect();
    anyhow::ensure!(
        out.len() >= args.count,
        "only {} of {} records came back",
        out.len(),
        args.count
    );
    out.sort_by_key(|o| o.out_ts);
    let first = out.first().map_or(0, |o| o.out_ts);
    let last = out.last().map_or(0, |o| o.out_ts);
    let seconds = ((last - first) as f64 / 1000.0).max(0.001);
    let steady_from = out.get(out.len() / 5).map_or(first, |o| o.out_ts);
    let steady_seconds = ((last - steady_from) as f64 / 1000.0).max(0.001);
    let cpu_us_per_msg = match (cpu_before, cpu_after) {
        (Some(a), Some(b)) => (b - a).as_secs_f64() * 1e6 / args.count as f64,
        _ => f64::NAN,
    };

    // Phase 2: latency at a fixed rate.
    let total = (args.rate * args.latency_seconds) as usize;
    let interval = Duration::from_secs_f64(1.0 / args.rate.max(1) as f64);
    let mut sent_ts: HashMap<(i32, i64), i64> = HashMap::new();
    let start = Instant::now();
    let mut deliveries = Vec::with_capacity(total);
    let mut sent_at = Vec::with_capacity(total);
    for i in 0..total {
        let due = start + interval * i as u32;
        let now = Instant::now();
        if due > now {
            tokio::time::sleep(due - now).await;
        }
        let payload = &corpus[i % corpus.len()];
        sent_at.push(now_ms());
        deliveries.push(send(&producer, &settings.topics.input, &format!("l{i}"), payload).await?);
    }
    for (d, sent) in deliveries.into_iter().zip(sent_at) {
        if let Ok(Ok(delivery)) = d.await {
            sent_ts.insert((delivery.partition, delivery.offset), sent);
        }
    }
    let (late, _) = reader.read(total, Duration::from_secs(120)).await;
    let mut latencies_ms: Vec<f64> = late
        .iter()
        .filter_map(|o| {
            let sent = sent_ts.get(&(o.in_partition, o.in_offset))?;
            Some((o.out_ts - sent) as f64)
        })
        .collect();
    latencies_ms.sort_by(f64::total_cmp);

    let _ = stop.send(());
    worker.await??;
    drop(processes);
    Ok(ModeResult {
        name,
        count: args.count,
        bytes,
        seconds,
        steady_seconds,
        cpu_us_per_msg,
        latencies_ms,
        worker_rss,
    })
}

async fn send(
    producer: &FutureProducer,
    topic: &str,
    key: &str,
    payload: &[u8],
) -> anyhow::Result<rdkafka::producer::DeliveryFuture> {
    let mut record = FutureRecord::to(topic).key(key).payload(payload);
    loop {
        match producer.send_result(record) {
            Ok(f) => return Ok(f),
            Err((e, r)) => {
                if !matches!(
                    e.rdkafka_error_code(),
                    Some(rdkafka::error::RDKafkaErrorCode::QueueFull)
                ) {
                    return Err(e.into());
                }
                record = r;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
    }
}

/// One output (or dead letter) seen by the reader.
struct Seen {
    out_ts: i64,
    in_partition: i32,
    in_offset: i64,
}

/// Reads the output and DLQ topics from the beginning, remembering its place.
struct OutputReader {
    consumer: BaseConsumer,
}

impl OutputReader {
    fn new(settings: &Settings, partitions: i32) -> anyhow::Result<Self> {
        let consumer: BaseConsumer =
            client::tool_consumer_config(settings, "newswire-bench-reader").create()?;
        let mut tpl = TopicPartitionList::new();
        for p in 0..partitions {
            tpl.add_partition_offset(&settings.topics.output, p, Offset::Beginning)?;
        }
        tpl.add_partition_offset(&settings.topics.dlq, 0, Offset::Beginning)?;
        consumer.assign(&tpl)?;
        Ok(OutputReader { consumer })
    }

    async fn read(&self, expected: usize, timeout: Duration) -> (Vec<Seen>, bool) {
        let deadline = Instant::now() + timeout;
        let mut seen = Vec::with_capacity(expected);
        while seen.len() < expected && Instant::now() < deadline {
            match self.consumer.poll(Duration::from_millis(0)) {
                Some(Ok(m)) => {
                    let source = m
                        .headers()
                        .and_then(|h| records::header_str(h, records::HEADER_SOURCE))
                        .and_then(parse_source);
                    if let (Some((p, o)), Some(ts)) = (source, m.timestamp().to_millis()) {
                        seen.push(Seen {
                            out_ts: ts,
                            in_partition: p,
                            in_offset: o,
                        });
                    }
                }
                Some(Err(_)) | None => tokio::time::sleep(Duration::from_millis(2)).await,
            }
        }
        let complete = seen.len() >= expected;
        (seen, complete)
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

fn parse_source(s: &str) -> Option<(i32, i64)> {
    let mut parts = s.rsplitn(3, '/');
    let offset = parts.next()?.parse().ok()?;
    let partition = parts.next()?.parse().ok()?;
    Some((partition, offset))
}
