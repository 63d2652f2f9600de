//! `newswire demo`: the whole product on one machine with nothing installed.
//!
//! Starts the embedded broker, creates the topics, produces the bundled
//! sample dispatches, runs the real worker against them, reads the output and
//! DLQ topics back and prints a readable summary per dispatch plus the
//! worker's metrics. `--serve` keeps the worker and its HTTP endpoints up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::Value;

use crate::config::Settings;
use crate::health::Health;
use crate::kafka::embedded::EmbeddedBroker;
use crate::kafka::{self, client, records};
use crate::{http, telemetry};

/// Arguments of `newswire demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Directory of sample dispatches (default: `samples/` here or in the source tree).
    #[arg(long)]
    pub samples: Option<PathBuf>,
    /// Keep the worker and its HTTP endpoints running after the summary.
    #[arg(long)]
    pub serve: bool,
}

pub fn samples_dir(arg: Option<&Path>) -> PathBuf {
    if let Some(dir) = arg {
        return dir.to_path_buf();
    }
    let here = PathBuf::from("samples");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Load every regular file of the samples directory except READMEs, sorted.
fn load_samples(dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut samples = Vec::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the samples directory {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !path.is_file() || name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        samples.push((name, std::fs::read(&path)?));
    }
    samples.sort();
    anyhow::ensure!(
        !samples.is_empty(),
        "no sample dispatches in {}",
        dir.display()
    );
    Ok(samples)
}

/// Run the demo; returns when the summary is printed (or on a signal with `--serve`).
pub async fn run(args: &DemoArgs, mut settings: Settings) -> anyhow::Result<()> {
    let samples = load_samples(&samples_dir(args.samples.as_deref()))?;
    let broker = EmbeddedBroker::start(1)?;
    settings.kafka.brokers = broker.bootstrap_servers();
    if !args.serve {
        settings.http.listen = "127.0.0.1:0".into();
    }
    settings.worker.commit_interval = Duration::from_millis(200);
    broker.create_topic(&settings.topics.input, 4)?;
    broker.create_topic(&settings.topics.output, 4)?;
    broker.create_topic(&settings.topics.dlq, 1)?;
    println!("embedded broker at {}", settings.kafka.brokers);

    // Produce the samples, keyed by file name.
    let producer: FutureProducer = client::producer_config(&settings).create()?;
    for (name, bytes) in &samples {
        producer
            .send(
                FutureRecord::to(&settings.topics.input)
                    .key(name.as_str())
                    .payload(bytes.as_slice()),
                Duration::from_secs(10),
            )
            .await
            .map_err(|(e, _)| e)
            .with_context(|| format!("cannot produce sample {name}"))?;
    }
    println!(
        "produced {} sample dispatches to `{}`\n",
        samples.len(),
        settings.topics.input
    );

    // Run the real worker with its HTTP endpoints.
    let metrics = telemetry::install_recorder().map_err(anyhow::Error::msg)?;
    let health = Arc::new(Health::new());
    let (stop_worker, worker_stopped) = tokio::sync::oneshot::channel::<()>();
    let (stop_http, http_stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = http::serve(
        &settings.http.listen,
        health.clone(),
        metrics.clone(),
        async {
            let _ = http_stopped.await;
        },
    )
    .await?;
    let worker = {
        let settings = settings.clone();
        let health = health.clone();
        tokio::spawn(async move {
            kafka::run_worker(&settings, health, async {
                let _ = worker_stopped.await;
            })
            .await
        })
    };

    // Read every output and dead letter back.
    let reader: StreamConsumer =
        client::tool_consumer_config(&settings, "newswire-demo-reader").create()?;
    reader.subscribe(&[&settings.topics.output, &settings.topics.dlq])?;
    let mut results: BTreeMap<String, Value> = BTreeMap::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while results.len() < samples.len() && Instant::now() < deadline {
        let Ok(Ok(msg)) = tokio::time::timeout(Duration::from_secs(1), reader.recv()).await else {
            continue;
        };
        let key = msg
            .key()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .unwrap_or_default();
        let value = if msg.topic() == settings.topics.dlq {
            let headers = msg.headers();
            let get = |k: &str| {
                headers
                    .and_then(|h| records::header_str(h, k))
                    .unwrap_or("")
                    .to_string()
            };
            serde_json::json!({ "dlq": {
                "stage": get(records::HEADER_ERROR_STAGE),
                "kind": get(records::HEADER_ERROR_KIND),
                "message": get(records::HEADER_ERROR_MESSAGE),
            }})
        } else {
            serde_json::from_slice(msg.payload().unwrap_or_default()).unwrap_or(Value::Null)
        };
        results.insert(key, value);
    }

    for (name, _) in &samples {
        print_summary(name, results.get(name));
    }
    println!("metrics (from {addr}/metrics):");
    for line in metrics.render().lines() {
        if line.starts_with("newswire_") && !line.contains("_bucket") {
            println!("  {line}");
        }
    }

    if args.serve {
        println!("\nworker still running; http://{addr}/metrics, /healthz, /readyz. Ctrl-C stops.");
        super::shutdown_signal().await;
    }
    let _ = stop_worker.send(());
    let summary = worker.await??;
    let _ = stop_http.send(());
    let _ = server.await;
    // Clients first, then the broker they talk to.
    drop(reader);
    drop(producer);
    drop(broker);
    anyhow::ensure!(
        results.len() == samples.len(),
        "only {} of {} dispatches came back from the worker",
        results.len(),
        samples.len()
    );
    println!(
        "\nworker: {} consumed, {} records, {} dead letters",
        summary.consumed, summary.produced, summary.dead_lettered
    );
    Ok(())
}

fn short(text: &str, max: usize) -> String {
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s.replace('\n', " ")
}

fn print_summary(name: &str, record: Option<&Value>) {
    println!("── {name}");
    let Some(record) = record else {
        println!("   (no result)\n");
        return;
    };
    if let Some(dlq) = record.get("dlq") {
        println!(
            "   DEAD LETTER  stage={} kind={}: {}\n",
            dlq["stage"].as_str().unwrap_or(""),
            dlq["kind"].as_str().unwrap_or(""),
            dlq["message"].as_str().unwrap_or("")
        );
        return;
    }
    let ninjs = &record["ninjs"];
    println!(
        "   format={} charset={} language={}",
        record["source"]["format"].as_str().unwrap_or("?"),
        record["source"]["charset"].as_str().unwrap_or("?"),
        ninjs["language"].as_str().unwrap_or("?")
    );
    if let Some(h) = ninjs["headlines"][0]["value"].as_str() {
        println!("   headline: {}", short(h, 100));
    }
    if let Some(place) = ninjs["located"].as_str() {
        println!("   located:  {place}");
    }
    let attribution = &record["attribution"];
    let empty = Vec::new();
    let quotes = attribution["quotes"].as_array().unwrap_or(&empty);
    println!("   quotes:   {}", quotes.len());
    for q in quotes {
        let speaker = &q["speaker"];
        let who = match (speaker["name"].as_str(), speaker["role"].as_str()) {
            (Some(n), Some(r)) => format!("{n} ({r})"),
            (Some(n), None) => n.to_string(),
            (None, Some(r)) => r.to_string(),
            (None, None) => "?".to_string(),
        };
        println!(
            "     [{}] {} — {}",
            q["kind"].as_str().unwrap_or("?"),
            who,
            short(q["text"].as_str().unwrap_or(""), 70)
        );
    }
    let sources = attribution["sources"].as_array().unwrap_or(&empty);
    if !sources.is_empty() {
        let list: Vec<String> = sources
            .iter()
            .map(|s| {
                format!(
                    "{} ({})",
                    s["id"].as_str().unwrap_or("?"),
                    s["role"].as_str().unwrap_or("?")
                )
            })
            .collect();
        println!("   sources:  {}", list.join(", "));
    }
    println!();
}
