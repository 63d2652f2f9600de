//! The load generator of `scripts/soak.sh`: a steady stream of dispatches
//! into a real Kafka, then a check that every one came out.
//!
//! ```sh
//! cargo run --release --example soak_load -- --brokers 127.0.0.1:9092 \
//!     --topic-prefix soak create
//! cargo run --release --example soak_load -- --brokers 127.0.0.1:9092 \
//!     --topic-prefix soak produce --rate 300 --seconds 600
//! ```
//!
//! `create` makes `PREFIX.in`, `PREFIX.out` and `PREFIX.dlq`. `produce` sends
//! the files of `--corpus` (default `samples/`) round-robin, keyed, at
//! `--rate` messages per second for `--seconds`, replacing every
//! `--poison-every`-th one by bytes that must be dead-lettered (alternately
//! empty and binary garbage); then it waits until the output and DLQ topics
//! together hold one record per input (at most `--drain-seconds`) and prints
//! `produced=N outputs=N dlq=N missing=N`. Exit 0 only when nothing is
//! missing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{BaseRecord, DefaultProducerContext, Producer, ThreadedProducer};
use rdkafka::types::RDKafkaErrorCode;

#[derive(Parser)]
struct Args {
    /// Bootstrap servers.
    #[arg(long)]
    brokers: String,
    /// Topics are PREFIX.in, PREFIX.out, PREFIX.dlq.
    #[arg(long)]
    topic_prefix: String,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create the three topics (an existing topic is fine).
    Create {
        #[arg(long, default_value_t = 6)]
        partitions: i32,
    },
    /// Produce a steady load, then wait for the worker to catch up.
    Produce {
        /// Messages per second.
        #[arg(long, default_value_t = 300)]
        rate: u64,
        /// How long to produce.
        #[arg(long, default_value_t = 600)]
        seconds: u64,
        /// Directory of dispatches to cycle through.
        #[arg(long, default_value = "samples")]
        corpus: PathBuf,
        /// Every Nth message is poison (0: none).
        #[arg(long, default_value_t = 20)]
        poison_every: u64,
        /// Longest wait for outputs + dead letters to reach the input count.
        #[arg(long, default_value_t = 180)]
        drain_seconds: u64,
    },
}

fn config(brokers: &str) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", brokers);
    c
}

fn create(brokers: &str, prefix: &str, partitions: i32) -> anyhow::Result<()> {
    let admin: AdminClient<DefaultClientContext> = config(brokers).create()?;
    let names: Vec<String> = ["in", "out", "dlq"]
        .iter()
        .map(|s| format!("{prefix}.{s}"))
        .collect();
    let topics: Vec<NewTopic> = names
        .iter()
        .map(|n| NewTopic::new(n, partitions, TopicReplication::Fixed(1)))
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(30)));
    for result in rt.block_on(admin.create_topics(&topics, &opts))? {
        match result {
            Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((name, code)) => bail!("cannot create topic {name}: {code:?}"),
        }
    }
    // Wait until every partition has a leader.
    let consumer: BaseConsumer = config(brokers).create()?;
    let deadline = Instant::now() + Duration::from_secs(60);
    for name in &names {
        loop {
            let ready = consumer
                .fetch_metadata(Some(name), Duration::from_secs(5))
                .ok()
                .and_then(|md| {
                    md.topics().first().map(|t| {
                        t.error().is_none()
                            && t.partitions().len() == partitions as usize
                            && t.partitions().iter().all(|p| p.leader() >= 0)
                    })
                })
                .unwrap_or(false);
            if ready {
                break;
            }
            if Instant::now() >= deadline {
                bail!("topic {name} has no leaders after 60s");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    println!("created {}", names.join(" "));
    Ok(())
}

fn load_corpus(dir: &PathBuf) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("read corpus {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let corpus = files
        .iter()
        .map(std::fs::read)
        .collect::<Result<Vec<_>, _>>()?;
    if corpus.is_empty() {
        bail!("no files in {}", dir.display());
    }
    Ok(corpus)
}

/// Sum of the high watermarks of a topic's partitions.
fn total_end(consumer: &BaseConsumer, topic: &str) -> anyhow::Result<i64> {
    let md = consumer.fetch_metadata(Some(topic), Duration::from_secs(10))?;
    let mut total = 0;
    for t in md.topics() {
        for p in t.partitions() {
            let (_, high) = consumer.fetch_watermarks(topic, p.id(), Duration::from_secs(10))?;
            total += high;
        }
    }
    Ok(total)
}

fn produce(
    brokers: &str,
    prefix: &str,
    rate: u64,
    seconds: u64,
    corpus: &PathBuf,
    poison_every: u64,
    drain_seconds: u64,
) -> anyhow::Result<()> {
    let corpus = load_corpus(corpus)?;
    let input = format!("{prefix}.in");
    let probe: BaseConsumer = config(brokers).create()?;
    // Records already there from an earlier run of the same prefix.
    let base = total_end(&probe, &input)?;
    let producer: ThreadedProducer<DefaultProducerContext> = config(brokers)
        .set("linger.ms", "5")
        .set("acks", "all")
        .create()?;
    let rate = rate.max(1);
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let mut sent: u64 = 0;
    let mut last_report = start;
    let garbage: Vec<u8> = (0u32..512).map(|i| (i * 7919 % 251) as u8).collect();
    while Instant::now() < end {
        // Catch up to the schedule, then sleep to the next slot.
        let due = (start.elapsed().as_secs_f64() * rate as f64) as u64;
        while sent < due {
            let key = format!("soak-{sent}");
            let payload: &[u8] = if poison_every > 0 && sent % poison_every == poison_every - 1 {
                if (sent / poison_every) % 2 == 0 {
                    &[]
                } else {
                    &garbage
                }
            } else {
                &corpus[(sent as usize) % corpus.len()]
            };
            let mut record = BaseRecord::<str, [u8]>::to(&input)
                .key(&key)
                .payload(payload);
            loop {
                match producer.send(record) {
                    Ok(()) => break,
                    Err((e, r)) if e.rdkafka_error_code() == Some(RDKafkaErrorCode::QueueFull) => {
                        record = r;
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err((e, _)) => bail!("produce: {e}"),
                }
            }
            sent += 1;
        }
        if last_report.elapsed() >= Duration::from_secs(60) {
            println!(
                "soak_load: {sent} sent in {:.0}s",
                start.elapsed().as_secs_f64()
            );
            last_report = Instant::now();
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    producer.flush(Duration::from_secs(60))?;
    let produced = total_end(&probe, &input)? - base;
    if produced != sent as i64 {
        bail!("sent {sent} but the input topic grew by {produced}");
    }
    println!(
        "soak_load: produced {sent} in {:.1}s; waiting for the worker",
        start.elapsed().as_secs_f64()
    );
    let deadline = Instant::now() + Duration::from_secs(drain_seconds);
    let out_topic = format!("{prefix}.out");
    let dlq_topic = format!("{prefix}.dlq");
    loop {
        let outputs = total_end(&probe, &out_topic)?;
        let dlq = total_end(&probe, &dlq_topic)?;
        let total_in = base + produced;
        let missing = (total_in - outputs - dlq).max(0);
        if missing == 0 || Instant::now() >= deadline {
            println!("produced={total_in} outputs={outputs} dlq={dlq} missing={missing}");
            if missing > 0 {
                bail!("{missing} dispatch(es) not processed within {drain_seconds}s");
            }
            return Ok(());
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    match args.command {
        Cmd::Create { partitions } => create(&args.brokers, &args.topic_prefix, partitions),
        Cmd::Produce {
            rate,
            seconds,
            corpus,
            poison_every,
            drain_seconds,
        } => produce(
            &args.brokers,
            &args.topic_prefix,
            rate,
            seconds,
            &corpus,
            poison_every,
            drain_seconds,
        ),
    }
}
