//! The binary as operators run it: `enrich`, `check-config`, `--help`.

use std::io::Write;
use std::process::{Command, Stdio};

fn newswire() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newswire"))
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["run", "enrich", "broker", "demo", "check-config", "eval"] {
        let out = newswire().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub} --help");
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn enrich_prints_one_record_per_input_and_errors_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let empty = dir.path().join("empty.txt");
    let missing = dir.path().join("missing.txt");
    std::fs::write(
        &good,
        "Headline\n\nPARIS (AFP) - \"Nous continuerons\", a déclaré le ministre.\n",
    )
    .unwrap();
    std::fs::write(&empty, "").unwrap();
    let out = newswire()
        .arg("enrich")
        .args([&good, &empty, &missing, &good])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "exit 2 when any input failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2, "one NDJSON line per good input");
    assert_eq!(records[0]["schema"], "newswire.record/1");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<serde_json::Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["input"], empty.display().to_string());
    assert_eq!(errors[0]["kind"], "empty");
    assert_eq!(errors[0]["stage"], "decode");
    assert_eq!(errors[1]["input"], missing.display().to_string());
}

#[test]
fn enrich_reads_stdin_and_pretty_prints() {
    let mut child = newswire()
        .args(["enrich", "--pretty"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("عنوان الخبر\n\nدمشق - سانا\n\nقال الوزير إن المحادثات مستمرة.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n  \"ninjs\""), "indented JSON");
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["ninjs"]["language"], "ar");
}

#[test]
fn check_config_prints_effective_config_with_secrets_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[kafka]\nbrokers = \"k1:9092,k2:9092\"\n[kafka.properties]\n\"sasl.password\" = \"hunter2\"\n\"ssl.key.password\" = \"swordfish\"\n\"fetch.min.bytes\" = \"1024\"\n",
    )
    .unwrap();
    let out = newswire()
        .args(["check-config", "--config"])
        .arg(&path)
        .env("NEWSWIRE__TOPICS__INPUT", "wires.raw")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("k1:9092,k2:9092"));
    assert!(text.contains("wires.raw"), "environment layer applied");
    assert!(text.contains("1024"));
    assert!(
        !text.contains("hunter2") && !text.contains("swordfish"),
        "{text}"
    );
}

#[test]
fn bad_config_exits_non_zero_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[kafka]\ngroup_idd = \"x\"\n", "group_idd"),
        (
            "[worker]\nmax_in_flight = \"lots\"\n",
            "worker.max_in_flight",
        ),
        ("[http]\nlisten = \"not an address\"\n", "http.listen"),
        ("[shutdown]\ntimeout = \"soon\"\n", "shutdown.timeout"),
    ];
    for (i, (text, key)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = newswire()
            .args(["check-config", "--config"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{text}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(key), "error names `{key}`: {stderr}");
    }
    let out = newswire()
        .arg("check-config")
        .env("NEWSWIRE__KAFKA__BROKERS", "nohostport")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("kafka.brokers"));
}

#[test]
fn broker_prints_its_bootstrap_list_and_serves_kafka_clients() {
    use rdkafka::consumer::{BaseConsumer, Consumer};
    use rdkafka::producer::{BaseRecord, DefaultProducerContext, Producer, ThreadedProducer};
    use rdkafka::{ClientConfig, Message};
    use std::io::BufRead;
    use std::time::{Duration, Instant};

    let mut child = newswire()
        .args(["broker", "--topic", "wires:3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let bootstrap = first.trim().to_string();
    assert!(
        bootstrap.split(',').all(|a| a
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())),
        "first line is host:port[,host:port...]: {bootstrap}"
    );

    let producer: ThreadedProducer<DefaultProducerContext> = ClientConfig::new()
        .set("bootstrap.servers", &bootstrap)
        .create()
        .unwrap();
    producer
        .send(
            BaseRecord::to("wires")
                .key("k")
                .payload("hello")
                .partition(2),
        )
        .map_err(|(e, _)| e)
        .unwrap();
    producer.flush(Duration::from_secs(10)).unwrap();
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", &bootstrap)
        .set("group.id", "cli-test")
        .set("auto.offset.reset", "earliest")
        .create()
        .unwrap();
    let metadata = consumer
        .fetch_metadata(Some("wires"), Duration::from_secs(10))
        .unwrap();
    assert_eq!(
        metadata.topics()[0].partitions().len(),
        3,
        "topic created with 3 partitions"
    );
    consumer.subscribe(&["wires"]).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut got = None;
    while got.is_none() && Instant::now() < deadline {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(200)) {
            got = m.payload().map(<[u8]>::to_vec);
        }
    }
    assert_eq!(got.as_deref(), Some(&b"hello"[..]));
    drop(consumer);
    drop(producer);
    // SIGTERM stops it.
    let _ = Command::new("kill").arg(child.id().to_string()).status();
    let status = child.wait().unwrap();
    assert!(status.success() || status.code().is_none(), "{status:?}");
}

#[test]
fn demo_runs_the_samples_through_the_real_worker() {
    let out = newswire()
        .arg("demo")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "demo exits 0: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let samples: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    assert!(samples.len() >= 8);
    for name in &samples {
        assert!(stdout.contains(&format!("── {name}")), "summary for {name}");
    }
    assert!(
        !stdout.contains("DEAD LETTER"),
        "every sample is processed: {stdout}"
    );
    assert!(
        stdout.contains("newswire_records_produced_total"),
        "metrics summary"
    );
    assert!(stdout.contains(&format!("{} records, 0 dead letters", samples.len())));
}

#[test]
fn enrich_honours_the_pipeline_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[pipeline]\nmax_dispatch_bytes = 10\n").unwrap();
    let input = dir.path().join("d.txt");
    std::fs::write(&input, "A headline\n\nA body longer than ten bytes.\n").unwrap();
    let out = newswire()
        .args(["enrich", "--config"])
        .arg(&config)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stderr)
            .unwrap()
            .lines()
            .last()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(err["kind"], "too_large");
}
