//! Security basics: hostile XML is never expanded or fetched, payloads and
//! fields are bounded, SASL/SSL settings reach librdkafka and their secrets
//! never appear in output, logs or errors, and the HTTP endpoints expose no
//! configuration or payloads.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newswire::config::{is_secret_key, Settings};
use newswire::model::EnrichedRecord;
use newswire::{ErrorKind, Origin, Pipeline};

fn newswire() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newswire"));
    for (k, _) in std::env::vars() {
        if k.starts_with("NEWSWIRE__") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd
}

fn enrich(payload: &[u8]) -> Result<(EnrichedRecord, String), newswire::StageError> {
    let record = Pipeline::default().enrich(payload, &Origin::default())?;
    let json = serde_json::to_string(&record).expect("record serializes");
    Ok((record, json))
}

/// A line of /etc/passwd that an XXE would leak (the file exists on every
/// machine these tests run on; fall back to its well-known first line).
fn passwd_marker() -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|t| t.lines().next().map(str::to_string))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "root:x:0:0".into())
}

fn nitf(doctype: &str, headline: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{doctype}\n<nitf><head><title>{headline}</title></head>\
         <body><body.head><hedline><hl1>{headline}</hl1></hedline></body.head>\
         <body.content><p>{body}</p><p>Second paragraph of the dispatch.</p></body.content></body></nitf>"
    )
}

fn newsml(doctype: &str, headline: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{doctype}\n\
         <newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:newsml:example.com:20261129:1\" version=\"1\">\
         <contentMeta><headline>{headline}</headline></contentMeta>\
         <contentSet><inlineXML contenttype=\"application/nitf+xml\"><nitf><body><body.content>\
         <p>{body}</p><p>Second paragraph of the dispatch.</p>\
         </body.content></body></nitf></inlineXML></contentSet></newsItem>"
    )
}

const XXE_DOCTYPES: [&str; 4] = [
    // An external general entity.
    "<!DOCTYPE nitf [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
    // A public external entity, and one over the network.
    "<!DOCTYPE nitf [<!ENTITY e PUBLIC \"-//X//Y\" \"file:///etc/passwd\"><!ENTITY n SYSTEM \"http://127.0.0.1:1/x\">]>",
    // A parameter entity pulled into the internal subset.
    "<!DOCTYPE nitf [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p; <!ENTITY e \"%p;\">]>",
    // An external DTD.
    "<!DOCTYPE nitf SYSTEM \"file:///etc/passwd\">",
];

#[test]
fn external_entities_and_dtds_are_never_resolved() {
    let leak = passwd_marker();
    for doctype in XXE_DOCTYPES {
        for (format, doc) in [
            (
                "nitf",
                nitf(doctype, "Headline &e; here", "Body says &e; and more."),
            ),
            (
                "newsml_g2",
                newsml(doctype, "Headline &e; here", "Body says &e; and more."),
            ),
        ] {
            let (record, json) =
                enrich(doc.as_bytes()).unwrap_or_else(|e| panic!("{format} with {doctype}: {e}"));
            assert!(
                !json.contains(&leak) && !json.contains("/bin/"),
                "{format} with {doctype} leaked /etc/passwd: {json}"
            );
            let body = &record.ninjs.bodies[0].value;
            // The undeclared (never expanded) reference is kept literally.
            if doctype.contains("ENTITY e") {
                assert!(body.contains("Body says &e; and more."), "{body}");
                assert_eq!(record.ninjs.headlines[0].value, "Headline &e; here");
            }
            assert!(
                json.len() < 8 * 1024,
                "{format}: record of {} bytes",
                json.len()
            );
        }
    }
}

/// Nested entity definitions (each ten times the previous): expanded, the
/// `lol9` reference alone would be 10^9 bytes.
fn laughs() -> String {
    let mut doctype = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        doctype.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    doctype.push_str("]>");
    doctype
}

#[test]
fn billion_laughs_stays_literal_and_small() {
    let doctype = laughs();
    for (format, doc) in [
        (
            "nitf",
            nitf(&doctype, "Laughs &lol9;", "It goes &lol9; on."),
        ),
        (
            "newsml_g2",
            newsml(&doctype, "Laughs &lol9;", "It goes &lol9; on."),
        ),
    ] {
        let (record, json) = enrich(doc.as_bytes()).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(
            record.ninjs.bodies[0].value.contains("It goes &lol9; on."),
            "{format}"
        );
        assert_eq!(record.ninjs.headlines[0].value, "Laughs &lol9;");
        assert!(
            json.len() < 2 * doc.len() + 4096,
            "{format}: a {}-byte input made a {}-byte record",
            doc.len(),
            json.len()
        );
    }
    // The "quadratic blowup" variant: one large entity referenced many times.
    let big = "x".repeat(50_000);
    let doctype = format!("<!DOCTYPE nitf [<!ENTITY big \"{big}\">]>");
    let doc = nitf(&doctype, "Quadratic", &"&big;".repeat(20_000));
    let (_, json) = enrich(doc.as_bytes()).unwrap();
    assert!(json.len() < 2 * doc.len(), "{} bytes out", json.len());
}

#[test]
fn xml_depth_and_element_count_are_bounded() {
    let deep = nitf(
        "",
        "Deep",
        &format!("{}x{}", "<span>".repeat(5_000), "</span>".repeat(5_000)),
    );
    assert_eq!(
        enrich(deep.as_bytes()).unwrap_err().kind,
        ErrorKind::Malformed
    );
    let wide = nitf(
        "",
        "Wide",
        &"<br/>".repeat(newswire::normalize::formats::xml::MAX_ELEMENTS + 1),
    );
    assert!(wide.len() < 2 * 1024 * 1024);
    assert_eq!(
        enrich(wide.as_bytes()).unwrap_err().kind,
        ErrorKind::Malformed
    );
}

#[test]
fn payload_size_is_bounded_by_the_configured_limit() {
    let mut settings = Settings::default();
    settings.pipeline.max_dispatch_bytes = 1024;
    let pipeline = settings.pipeline.build().unwrap();
    let ok = vec![b'a'; 1000];
    assert!(pipeline.enrich(&ok, &Origin::default()).is_ok());
    let e = pipeline
        .enrich(&vec![b'a'; 1025], &Origin::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
    // Pass-through mode has the same bound.
    settings.pipeline.stages = Vec::new();
    let e = settings
        .pipeline
        .build()
        .unwrap()
        .enrich(&vec![b'a'; 1025], &Origin::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
}

/// Secret values used below; none may ever be printed.
const SECRETS: [(&str, &str); 6] = [
    ("sasl.password", "s3cr3t-sasl-pw-9d1f"),
    ("ssl.key.password", "s3cr3t-key-pw-77aa"),
    ("ssl.keystore.password", "s3cr3t-keystore-pw-0b3c"),
    ("sasl.oauthbearer.client.secret", "s3cr3t-oauth-client-5e2d"),
    (
        "ssl.key.pem",
        "-----BEGIN PRIVATE KEY-----s3cr3t-pem-body-41c0",
    ),
    ("sasl.username", "s3cr3t-user-name-c4c4"),
];

fn assert_no_secret(what: &str, text: &str) {
    for (key, value) in SECRETS {
        assert!(
            !text.contains(value) && !text.contains("s3cr3t"),
            "{what} shows the value of {key}:\n{text}"
        );
    }
}

fn sasl_ssl_toml(brokers: &str) -> String {
    let mut toml = format!(
        "[kafka]\nbrokers = \"{brokers}\"\n[kafka.properties]\n\
         \"security.protocol\" = \"SASL_SSL\"\n\"sasl.mechanism\" = \"SCRAM-SHA-512\"\n\
         \"ssl.endpoint.identification.algorithm\" = \"https\"\n"
    );
    for (k, v) in SECRETS {
        // (No key file or keystore here; OAUTHBEARER/OIDC needs libcurl,
        // which this build leaves out.)
        if !matches!(
            k,
            "ssl.key.pem" | "ssl.keystore.password" | "sasl.oauthbearer.client.secret"
        ) {
            toml.push_str(&format!("\"{k}\" = \"{v}\"\n"));
        }
    }
    toml
}

#[test]
fn every_secret_kind_of_property_is_redacted() {
    for (key, _) in SECRETS {
        assert!(is_secret_key(key), "{key} must count as a secret");
    }
    for key in [
        "security.protocol",
        "fetch.min.bytes",
        "ssl.ca.location",
        "ssl.certificate.location",
    ] {
        assert!(!is_secret_key(key), "{key} is not a secret");
    }
    let mut s = Settings::default();
    for (k, v) in SECRETS {
        s.kafka.properties.insert(k.into(), v.into());
    }
    assert_no_secret("to_redacted_toml", &s.to_redacted_toml());
    assert_no_secret("redacted Debug", &format!("{:?}", s.redacted()));
}

#[test]
fn sasl_ssl_settings_are_accepted_by_librdkafka() {
    use rdkafka::consumer::BaseConsumer;
    use rdkafka::producer::BaseProducer;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sasl.toml");
    std::fs::write(&path, sasl_ssl_toml("kafka-1.example.com:9093")).unwrap();
    let settings = Settings::load_with_env(Some(&path), Vec::new()).unwrap();
    assert_eq!(settings.kafka.properties["security.protocol"], "SASL_SSL");
    // librdkafka was built with OpenSSL (the `ssl` feature): it accepts
    // SASL_SSL and SCRAM for the worker's consumer and producer.
    let consumer = newswire::kafka::client::consumer_config(&settings).create::<BaseConsumer>();
    assert!(consumer.is_ok(), "consumer: {:?}", consumer.err());
    let producer = newswire::kafka::client::producer_config(&settings).create::<BaseProducer>();
    assert!(producer.is_ok(), "producer: {:?}", producer.err());
}

#[test]
fn check_config_accepts_sasl_ssl_and_prints_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sasl.toml");
    std::fs::write(&path, sasl_ssl_toml("kafka-1.example.com:9093")).unwrap();
    let out = newswire()
        .args(["check-config", "--config"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("SASL_SSL") && stdout.contains("kafka-1.example.com:9093"));
    assert!(stdout.contains("<redacted>"));
    assert_no_secret("check-config stdout", &stdout);
    assert_no_secret("check-config stderr", &stderr);
}

#[test]
fn configuration_errors_do_not_echo_secret_values() {
    let dir = tempfile::tempdir().unwrap();
    // A secret of the wrong type: the deserializer's message would quote it.
    let cases = [
        "[kafka.properties]\n\"sasl.password\" = 271828182845\n",
        "[kafka.properties]\n\"ssl.key.password\" = [\"s3cr3t-in-a-list\"]\n",
        "[kafka.properties]\n\"sasl.oauthbearer.client.secret\" = { v = \"s3cr3t-in-a-table\" }\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let err = Settings::load_with_env(Some(&path), Vec::new()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("kafka.properties"), "{message}");
        assert!(
            !message.contains("271828182845") && !message.contains("s3cr3t"),
            "{message}"
        );
        let out = newswire()
            .args(["check-config", "--config"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains("271828182845") && !all.contains("s3cr3t"),
            "{all}"
        );
    }
}

/// `newswire run` with SASL_SSL credentials against a port where nothing
/// listens, librdkafka's own debug logging on: the worker starts, logs
/// connection failures, stops on SIGTERM, and no secret is in its output.
#[test]
fn the_worker_never_logs_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sasl.toml");
    let mut toml = sasl_ssl_toml("127.0.0.1:1");
    toml.push_str("\"debug\" = \"security,broker,conf,generic\"\n");
    toml.push_str("[http]\nlisten = \"127.0.0.1:0\"\n[log]\nlevel = \"debug\"\n");
    std::fs::write(&path, toml).unwrap();
    let mut child = newswire()
        .args(["run", "--config"])
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let pid = child.id() as libc::pid_t;
    // SAFETY: plain kill(2) on the child we spawned.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(40);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.wait();
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("127.0.0.1:1") || all.contains("kafka"),
        "the worker logged something: {all}"
    );
    assert_no_secret("newswire run output", &all);
}

/// The three endpoints of a worker that has processed a dispatch and runs
/// with credentials in its config: none shows the configuration (brokers,
/// properties, secrets) or any payload text; nothing else is served.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn http_endpoints_expose_no_config_or_payloads() {
    let h = common::Harness::new(1, 1);
    let mut settings = h.settings.clone();
    // Accepted by librdkafka on a plaintext connection (unused there).
    settings
        .kafka
        .properties
        .insert("sasl.password".into(), SECRETS[0].1.into());
    settings
        .kafka
        .properties
        .insert("statistics.interval.ms".into(), "200".into());
    let metrics = newswire::telemetry::install_recorder().unwrap();
    let worker = h.spawn_worker(settings.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) =
        newswire::http::serve("127.0.0.1:0", worker.health.clone(), metrics, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    let marker = "Zanzibar-payload-marker-8812";
    let payload = format!(
        "Envoy speaks\n\nGENEVA, Oct 21 (Reuters) - \"We will sign {marker},\" the envoy said.\n\nTalks go on.\n"
    );
    h.produce(vec![(
        Some("key-marker-4471".into()),
        Some(payload.into_bytes()),
        vec![],
    )])
    .await;
    let out = h.read(&settings.topics.output, 1, 1, Duration::from_secs(60));
    assert_eq!(out.len(), 1);
    tokio::time::sleep(Duration::from_millis(600)).await;

    let get = |path: &'static str| async move {
        let r = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    };
    for path in ["/metrics", "/healthz", "/readyz"] {
        let (status, body) = get(path).await;
        assert!(
            status == 200 || (path == "/readyz" && status == 503),
            "{path}: {status}"
        );
        for leak in [
            marker,
            "key-marker-4471",
            "GENEVA",
            SECRETS[0].1,
            settings.kafka.brokers.as_str(),
            "sasl",
            "password",
        ] {
            assert!(!body.contains(leak), "{path} shows `{leak}`:\n{body}");
        }
    }
    for path in [
        "/config",
        "/debug",
        "/env",
        "/settings",
        "/metrics/../config",
        "/",
    ] {
        let (status, _) = get(path).await;
        assert_eq!(status, 404, "{path}");
    }
    worker.join().await.unwrap();
    let _ = stop.send(());
    let _ = server.await;
}

#[test]
fn fields_and_attribution_lists_are_capped() {
    use newswire::pipeline::{MAX_ATTRIBUTIONS, MAX_FIELD_CHARS};
    let long = "Headline ".repeat(1_000);
    let (record, _) =
        enrich(nitf("", &long, "The body of the dispatch, as usual.").as_bytes()).unwrap();
    assert_eq!(
        record.ninjs.headlines[0].value.chars().count(),
        MAX_FIELD_CHARS
    );
    assert!(record.normalization.changes["fields_truncated"] >= 1);

    // Thousands of quotations and cited outlets in one dispatch.
    let mut body = String::from("Many voices\n\nGENEVA, Oct 21 (Reuters) - ");
    for i in 0..3_000 {
        body.push_str(&format!(
            "\"Point {i} stands,\" the envoy said, according to AFP. "
        ));
    }
    let (record, json) = enrich(body.as_bytes()).unwrap();
    let a = &record.attribution;
    assert_eq!(a.quotes.len(), MAX_ATTRIBUTIONS);
    assert!(record.normalization.changes["quotes_dropped"] > 0);
    assert!(a.sources.len() <= MAX_ATTRIBUTIONS);
    assert!(a.marked_terms.len() <= MAX_ATTRIBUTIONS);
    assert!(
        json.len() < 8 * body.len(),
        "a {}-byte dispatch made a {}-byte record",
        body.len(),
        json.len()
    );
}

/// A 2 MiB dispatch dense with quotations: the attribution pass reads a
/// bounded prefix (its cost is super-linear in the number of quote marks),
/// says how much it skipped, and every span still indexes the body.
#[test]
fn attribution_work_is_bounded_on_huge_dense_dispatches() {
    use newswire::pipeline::{MAX_ATTRIBUTED_CHARS, MAX_ATTRIBUTIONS};
    let mut body = String::from("Many voices\n\nGENEVA, Oct 21 (Reuters) - ");
    let mut i = 0;
    while body.len() < 2_000_000 {
        body.push_str(&format!("\"P{i} ok,\" he said. "));
        if i % 50 == 49 {
            body.push_str("\n\n");
        }
        i += 1;
    }
    let (record, _) = enrich(body.as_bytes()).unwrap();
    let text: Vec<char> = record.ninjs.bodies[0].value.chars().collect();
    assert!(text.len() > MAX_ATTRIBUTED_CHARS);
    let skipped = record.normalization.changes["attribution_skipped_chars"];
    assert!(skipped > 0 && skipped < text.len(), "{skipped}");
    let a = &record.attribution;
    assert_eq!(a.quotes.len(), MAX_ATTRIBUTIONS);
    for q in &a.quotes {
        assert!(q.end <= MAX_ATTRIBUTED_CHARS);
        assert_eq!(text[q.start..q.end].iter().collect::<String>(), q.text);
    }
    // A body under the bound is attributed whole and says nothing.
    let (small, _) =
        enrich(b"Title\n\nGENEVA, Oct 21 (Reuters) - \"We agree,\" he said.\n").unwrap();
    assert!(!small
        .normalization
        .changes
        .contains_key("attribution_skipped_chars"));
    assert_eq!(small.attribution.quotes.len(), 1);
}

/// librdkafka rejects a misspelled property, and its error message quotes
/// the value: `run` and the operator tools must not print it.
#[test]
fn client_configuration_errors_do_not_echo_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.toml");
    std::fs::write(
        &path,
        "[kafka]\nbrokers = \"127.0.0.1:1\"\n[kafka.properties]\n\"sasl.pasword\" = \"s3cr3t-typo-6a6a\"\n\
         [http]\nlisten = \"127.0.0.1:0\"\n",
    )
    .unwrap();
    for args in [&["run"][..], &["lag"][..], &["dlq", "inspect"][..]] {
        let out = newswire()
            .args(args)
            .arg("--config")
            .arg(&path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !out.status.success(),
            "{args:?} accepted a bad property: {all}"
        );
        assert!(
            all.contains("sasl.pasword"),
            "{args:?} names the property: {all}"
        );
        assert!(
            !all.contains("s3cr3t"),
            "{args:?} printed the secret: {all}"
        );
    }
}

/// Histogram samples must not pile up in a worker that nobody scrapes: the
/// recorder's upkeep runs on its own thread (the soak test caught the
/// growth when it did not).
#[test]
fn metrics_upkeep_runs_without_scrapes() {
    let _handle = newswire::telemetry::install_recorder().unwrap();
    let threads: Vec<String> = std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|c| c.trim().to_string())
        .collect();
    assert!(
        threads
            .iter()
            .any(|c| c == newswire::telemetry::UPKEEP_THREAD),
        "{threads:?}"
    );
}
