//! The deployment artifacts under deploy/ agree with the code: they parse,
//! the Kubernetes probes, ports and KEDA trigger match the config defaults,
//! the dashboard and alert rules query only metrics a real worker exports,
//! and the Dockerfile builds and runs the binary the README describes.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use newswire::config::Settings;
use serde::Deserialize;
use serde_json::Value as Json;
use serde_yaml_ng::Value as Yaml;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// Every document of a (multi-document) YAML file.
fn yaml_docs(text: &str) -> Vec<Yaml> {
    serde_yaml_ng::Deserializer::from_str(text)
        .map(|doc| Yaml::deserialize(doc).expect("valid YAML"))
        .filter(|doc| !doc.is_null())
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // Hidden entries are local state (scripts/kafka.sh keeps a broker's
        // data in deploy/kafka/.state), not deploy artifacts.
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every document of that kind under deploy/k8s.
fn k8s_all(kind: &str) -> Vec<Yaml> {
    let mut files = Vec::new();
    files_under(&root().join("deploy/k8s"), &mut files);
    let mut found = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
    {
        for doc in yaml_docs(&std::fs::read_to_string(f).unwrap()) {
            if doc["kind"].as_str() == Some(kind) {
                found.push(doc);
            }
        }
    }
    found
}

/// The one document of that kind under deploy/k8s.
fn k8s(kind: &str) -> Yaml {
    let mut found = k8s_all(kind);
    assert_eq!(found.len(), 1, "exactly one {kind} under deploy/k8s");
    found.remove(0)
}

/// The document of that kind and name under deploy/k8s.
fn k8s_named(kind: &str, name: &str) -> Yaml {
    let mut found: Vec<Yaml> = k8s_all(kind)
        .into_iter()
        .filter(|d| d["metadata"]["name"].as_str() == Some(name))
        .collect();
    assert_eq!(found.len(), 1, "exactly one {kind} named {name}");
    found.remove(0)
}

fn default_port() -> u64 {
    Settings::default()
        .http
        .listen
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .expect("http.listen has a port")
}

#[test]
fn every_yaml_and_json_file_under_deploy_parses() {
    let mut files = Vec::new();
    files_under(&root().join("deploy"), &mut files);
    let mut checked = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        match f.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => {
                let docs: Result<Vec<Yaml>, _> = serde_yaml_ng::Deserializer::from_str(&text)
                    .map(Yaml::deserialize)
                    .collect();
                let docs = docs.unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                assert!(!docs.is_empty(), "{} is empty", f.display());
                checked += 1;
            }
            Some("json") => {
                serde_json::from_str::<Json>(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                checked += 1;
            }
            _ => {}
        }
    }
    assert!(checked >= 12, "only {checked} files checked");
}

#[test]
fn kustomization_lists_every_manifest() {
    let k = &yaml_docs(&read("deploy/k8s/kustomization.yaml"))[0];
    let listed: BTreeSet<String> = k["resources"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let mut present = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("deploy/k8s")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".yaml") && name != "kustomization.yaml" {
            present.insert(name);
        }
    }
    assert_eq!(listed, present);
}

#[test]
fn statefulset_probes_ports_and_shutdown_match_the_defaults() {
    assert!(
        k8s_all("Deployment").is_empty(),
        "the worker runs as a StatefulSet, not a Deployment"
    );
    let d = k8s("StatefulSet");
    let pod = &d["spec"]["template"]["spec"];
    let c = &pod["containers"][0];
    let port = default_port();
    let resolve = |p: &Yaml| -> u64 {
        match p {
            Yaml::Number(n) => n.as_u64().unwrap(),
            Yaml::String(name) => c["ports"]
                .as_sequence()
                .unwrap()
                .iter()
                .find(|cp| cp["name"].as_str() == Some(name))
                .and_then(|cp| cp["containerPort"].as_u64())
                .unwrap_or_else(|| panic!("no container port named {name}")),
            other => panic!("bad port {other:?}"),
        }
    };
    assert_eq!(
        c["livenessProbe"]["httpGet"]["path"].as_str(),
        Some("/healthz")
    );
    assert_eq!(
        c["readinessProbe"]["httpGet"]["path"].as_str(),
        Some("/readyz")
    );
    assert_eq!(resolve(&c["livenessProbe"]["httpGet"]["port"]), port);
    assert_eq!(resolve(&c["readinessProbe"]["httpGet"]["port"]), port);

    let grace = pod["terminationGracePeriodSeconds"].as_u64().unwrap();
    assert!(
        grace > Settings::default().shutdown.timeout.as_secs(),
        "terminationGracePeriodSeconds {grace} must exceed shutdown.timeout"
    );
    // The ConfigMap's shutdown.timeout too (checked below it loads).
    let cm = configmap_settings();
    assert!(grace > cm.shutdown.timeout.as_secs());

    let env = c["env"].as_sequence().unwrap();
    let instance = env
        .iter()
        .find(|e| e["name"].as_str() == Some("NEWSWIRE__KAFKA__INSTANCE_ID"))
        .expect("instance id env");
    assert_eq!(
        instance["valueFrom"]["fieldRef"]["fieldPath"].as_str(),
        Some("metadata.name")
    );
    for kind in ["requests", "limits"] {
        for res in ["cpu", "memory"] {
            assert!(
                !c["resources"][kind][res].is_null(),
                "resources.{kind}.{res}"
            );
        }
    }
    assert_eq!(c["args"][0].as_str(), Some("run"));
    assert_eq!(pod["securityContext"]["runAsNonRoot"].as_bool(), Some(true));
}

/// Static membership needs names that survive a restart: the pod name is the
/// instance id, and only a StatefulSet keeps it across rollouts.
#[test]
fn the_instance_id_is_a_stable_statefulset_pod_name() {
    let sts = k8s("StatefulSet");
    let spec = &sts["spec"];
    assert_eq!(spec["podManagementPolicy"].as_str(), Some("Parallel"));
    assert_eq!(
        spec["updateStrategy"]["type"].as_str(),
        Some("RollingUpdate")
    );
    assert!(
        spec["volumeClaimTemplates"].is_null(),
        "the worker is stateless"
    );
    // The governing Service exists, is headless, selects the pods, and is
    // not scraped (the ServiceMonitor selects only the metrics Service).
    let governing = spec["serviceName"].as_str().expect("serviceName");
    let headless = k8s_named("Service", governing);
    assert_eq!(headless["spec"]["clusterIP"].as_str(), Some("None"));
    let pod_labels = &spec["template"]["metadata"]["labels"];
    for (k, v) in headless["spec"]["selector"].as_mapping().unwrap() {
        assert_eq!(&pod_labels[k.as_str().unwrap()], v);
    }
    let monitor = k8s("ServiceMonitor");
    let wanted = monitor["spec"]["selector"]["matchLabels"]
        .as_mapping()
        .unwrap();
    let headless_labels = &headless["metadata"]["labels"];
    assert!(
        wanted
            .iter()
            .any(|(k, v)| &headless_labels[k.as_str().unwrap()] != v),
        "the ServiceMonitor would scrape the headless Service too"
    );
    // The pod name is passed as the instance id, and no transactional id
    // is pinned in the manifest (the worker derives it from the instance id).
    let env = spec["template"]["spec"]["containers"][0]["env"]
        .as_sequence()
        .unwrap();
    let instance = env
        .iter()
        .find(|e| e["name"].as_str() == Some("NEWSWIRE__KAFKA__INSTANCE_ID"))
        .expect("instance id env");
    assert_eq!(
        instance["valueFrom"]["fieldRef"]["fieldPath"].as_str(),
        Some("metadata.name")
    );
    assert!(env
        .iter()
        .all(|e| e["name"].as_str() != Some("NEWSWIRE__DELIVERY__TRANSACTIONAL_ID")));
    // The ConfigMap leaves instance_id to the environment.
    assert_eq!(configmap_settings().kafka.instance_id, "");
}

fn configmap_settings() -> Settings {
    let cm = k8s("ConfigMap");
    let toml = cm["data"]["newswire.toml"].as_str().expect("newswire.toml");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newswire.toml");
    std::fs::write(&path, toml).unwrap();
    Settings::load_with_env(Some(&path), Vec::new())
        .unwrap_or_else(|e| panic!("the ConfigMap's newswire.toml is invalid: {e}"))
}

#[test]
fn configmap_service_and_monitor_match_the_defaults() {
    let settings = configmap_settings();
    let defaults = Settings::default();
    assert_eq!(settings.http.listen, defaults.http.listen);
    assert_eq!(settings.kafka.group_id, defaults.kafka.group_id);
    assert_eq!(settings.topics, defaults.topics);

    let svc = k8s_named("Service", "newswire");
    let port = &svc["spec"]["ports"][0];
    assert_eq!(port["port"].as_u64(), Some(default_port()));
    assert_eq!(port["targetPort"].as_str(), Some("http"));
    let monitor = k8s("ServiceMonitor");
    assert_eq!(
        monitor["spec"]["endpoints"][0]["port"].as_str(),
        port["name"].as_str()
    );
    assert_eq!(
        monitor["spec"]["endpoints"][0]["path"].as_str(),
        Some("/metrics")
    );
    // The Service selects the StatefulSet's pods.
    let d = k8s("StatefulSet");
    let labels = &d["spec"]["template"]["metadata"]["labels"];
    for (k, v) in svc["spec"]["selector"].as_mapping().unwrap() {
        assert_eq!(&labels[k.as_str().unwrap()], v);
    }
}

#[test]
fn keda_scales_on_the_configured_group_and_never_past_the_partitions() {
    let so = k8s("ScaledObject");
    let settings = configmap_settings();
    let target = &so["spec"]["scaleTargetRef"];
    assert_eq!(target["kind"].as_str(), Some("StatefulSet"));
    assert_eq!(target["apiVersion"].as_str(), Some("apps/v1"));
    let sts = k8s("StatefulSet");
    assert_eq!(target["name"], sts["metadata"]["name"]);
    let trigger = &so["spec"]["triggers"][0];
    assert_eq!(trigger["type"].as_str(), Some("kafka"));
    let meta = &trigger["metadata"];
    assert_eq!(
        meta["consumerGroup"].as_str(),
        Some(settings.kafka.group_id.as_str())
    );
    assert_eq!(meta["topic"].as_str(), Some(settings.topics.input.as_str()));
    assert_eq!(
        meta["bootstrapServers"].as_str(),
        Some(settings.kafka.brokers.as_str())
    );
    let partitions: u64 = so["metadata"]["annotations"]["newswire.io/input-partitions"]
        .as_str()
        .and_then(|p| p.parse().ok())
        .expect("documented input partition count");
    let max = so["spec"]["maxReplicaCount"].as_u64().unwrap();
    let min = so["spec"]["minReplicaCount"].as_u64().unwrap();
    assert!(
        max <= partitions,
        "maxReplicaCount {max} > {partitions} partitions"
    );
    assert!(min >= 1 && min <= max);
    // The local stack creates the input topic with the documented count.
    let compose = read("deploy/compose.yaml");
    assert!(
        compose.contains(&format!(
            "--topic {} --partitions {partitions} ",
            settings.topics.input
        )),
        "compose creates {} with {partitions} partitions",
        settings.topics.input
    );
    // And the PDB never blocks a drain of a single replica.
    let pdb = k8s("PodDisruptionBudget");
    assert!(pdb["spec"]["maxUnavailable"].as_u64().unwrap_or(0) >= 1);
}

#[test]
fn the_prometheus_rule_and_the_compose_rules_are_the_same() {
    let rule = k8s("PrometheusRule");
    let plain = &yaml_docs(&read("deploy/prometheus/alerts.yml"))[0];
    assert_eq!(rule["spec"]["groups"], plain["groups"]);
    let alerts: BTreeSet<&str> = plain["groups"][0]["rules"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|r| r["alert"].as_str())
        .collect();
    for needed in [
        "NewswireLagGrowing",
        "NewswireDlqRateHigh",
        "NewswireNotReady",
        "NewswireCommitFailures",
    ] {
        assert!(alerts.contains(needed), "{needed} alert");
    }
    // Every runbook link points at a section that exists.
    let ops = read("docs/operations.md");
    for r in plain["groups"][0]["rules"].as_sequence().unwrap() {
        let url = r["annotations"]["runbook_url"].as_str().unwrap();
        let anchor = url.split('#').nth(1).unwrap();
        let heading_exists = ops.lines().any(|l| {
            l.starts_with("## ")
                && l[3..]
                    .trim()
                    .to_lowercase()
                    .replace(|c: char| !c.is_alphanumeric() && c != ' ' && c != '-', "")
                    .replace(' ', "-")
                    == anchor
        });
        assert!(
            heading_exists,
            "docs/operations.md has no section #{anchor}"
        );
    }
}

#[test]
fn compose_wires_kafka_newswire_prometheus_and_grafana() {
    let c = &yaml_docs(&read("deploy/compose.yaml"))[0];
    let services = c["services"].as_mapping().unwrap();
    for s in [
        "kafka",
        "topics",
        "newswire",
        "producer",
        "prometheus",
        "grafana",
    ] {
        assert!(services.contains_key(s), "service {s}");
    }
    assert!(c["services"]["kafka"]["image"]
        .as_str()
        .unwrap()
        .starts_with("apache/kafka:"));
    assert_eq!(
        c["services"]["newswire"]["build"]["dockerfile"].as_str(),
        Some("deploy/Dockerfile")
    );
    assert_eq!(
        c["services"]["newswire"]["environment"]["NEWSWIRE__KAFKA__BROKERS"].as_str(),
        Some("kafka:9092")
    );
    let prom = &yaml_docs(&read("deploy/prometheus/prometheus.yml"))[0];
    let target = prom["scrape_configs"][0]["static_configs"][0]["targets"][0]
        .as_str()
        .unwrap();
    assert_eq!(target, format!("newswire:{}", default_port()));
    // The mounted files exist.
    for s in ["prometheus", "grafana"] {
        for v in c["services"][s]["volumes"].as_sequence().unwrap() {
            let host = v.as_str().unwrap().split(':').next().unwrap();
            assert!(root().join("deploy").join(host).exists(), "{host}");
        }
    }
}

#[test]
fn the_dockerfile_builds_and_runs_the_documented_binary() {
    let d = read("deploy/Dockerfile");
    let lines: Vec<&str> = d
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .collect();
    let has = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    assert!(has("FROM rust:1-bookworm AS builder"));
    assert!(has("FROM debian:bookworm-slim"));
    assert!(
        d.contains("cargo build --release --locked --bin newswire"),
        "release build of the newswire binary"
    );
    assert!(d.contains("target/release/newswire"));
    assert!(d.contains("build-essential") && d.contains("cmake"));
    // TLS/SASL: OpenSSL headers to build librdkafka with the `ssl` feature,
    // the shared library and the trust store at run time.
    let (build, runtime) = d
        .split_once("FROM debian:bookworm-slim")
        .expect("a runtime stage");
    assert!(build.contains("libssl-dev") && build.contains("pkg-config"));
    assert!(runtime.contains("libssl3") && runtime.contains("ca-certificates"));
    let ci = read(".ci/run");
    assert!(ci.contains("libssl-dev") && ci.contains("pkg-config"));
    assert!(has(r#"ENTRYPOINT ["newswire"]"#));
    assert!(has(r#"CMD ["run"]"#));
    assert!(has(&format!("EXPOSE {}", default_port())));
    let user = lines
        .iter()
        .rfind(|l| l.starts_with("USER "))
        .expect("USER");
    assert!(!user.contains("root") && !user.starts_with("USER 0"));
    let healthcheck = lines
        .iter()
        .position(|l| l.starts_with("HEALTHCHECK"))
        .expect("HEALTHCHECK");
    assert!(lines[healthcheck..healthcheck + 2]
        .join(" ")
        .contains(r#"CMD ["newswire", "healthcheck"]"#));
    // The README tells how to build it this way.
    assert!(read("README.md").contains("docker build -f deploy/Dockerfile"));
    // And the binary really has the subcommands the image and docs use.
    for sub in ["run", "healthcheck", "lag", "dlq"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_newswire"))
            .args([sub, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "newswire {sub} --help");
    }
}

/// `newswire_...` names in a PromQL expression, `_bucket`/`_sum`/`_count` stripped.
fn metric_names(expr: &str, out: &mut BTreeSet<String>) {
    let bytes = expr.as_bytes();
    let mut i = 0;
    while let Some(at) = expr[i..].find("newswire_") {
        let start = i + at;
        let preceded =
            start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        let end = expr[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(expr.len(), |e| start + e);
        if !preceded {
            let name = &expr[start..end];
            let base = ["_bucket", "_sum", "_count"]
                .iter()
                .find_map(|s| name.strip_suffix(s))
                .unwrap_or(name);
            out.insert(base.to_string());
        }
        i = end;
    }
}

fn queried_metrics() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let dashboard: Json = serde_json::from_str(&read("deploy/grafana/newswire.json")).unwrap();
    let panels = dashboard["panels"].as_array().unwrap();
    assert!(panels.len() >= 7);
    for p in panels {
        for t in p["targets"].as_array().unwrap() {
            metric_names(t["expr"].as_str().unwrap(), &mut names);
        }
    }
    let alerts = &yaml_docs(&read("deploy/prometheus/alerts.yml"))[0];
    for r in alerts["groups"][0]["rules"].as_sequence().unwrap() {
        metric_names(r["expr"].as_str().unwrap(), &mut names);
    }
    names
}

#[test]
fn the_dashboard_covers_what_the_issue_asks() {
    let names = queried_metrics();
    for needed in [
        "newswire_messages_consumed_total",
        "newswire_records_produced_total",
        "newswire_consumer_lag",
        "newswire_dlq_total",
        "newswire_stage_duration_seconds",
        "newswire_end_to_end_seconds",
        "newswire_in_flight",
        "newswire_rebalances_total",
    ] {
        assert!(names.contains(needed), "dashboard/alerts use {needed}");
    }
    let dashboard = read("deploy/grafana/newswire.json");
    assert!(dashboard.contains(
        "histogram_quantile(0.99, sum by (le, stage) (rate(newswire_stage_duration_seconds_bucket"
    ));
    assert!(dashboard.contains("sum by (stage, kind) (rate(newswire_dlq_total"));
}

/// Scrape `/metrics` of a real worker (exactly-once mode) on the embedded
/// broker, after it has processed good and poison dispatches and reported
/// librdkafka statistics, and check every queried metric is among the
/// exported ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_queried_metric_is_exported_by_a_real_worker() {
    let h = common::Harness::new(2, 2);
    let mut settings = h.settings.clone();
    settings
        .kafka
        .properties
        .insert("statistics.interval.ms".into(), "300".into());
    // Exactly-once exports everything at-least-once does, plus the
    // transaction metrics.
    settings.delivery.mode = newswire::config::DeliveryMode::ExactlyOnce;
    settings.kafka.instance_id = "deploy-check".into();
    let recorder = newswire::telemetry::install_recorder().unwrap();
    let worker = h.spawn_worker(settings);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) =
        newswire::http::serve("127.0.0.1:0", worker.health.clone(), recorder, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();

    let mut items: Vec<common::Input> = (0..50)
        .map(|i| (Some(format!("k{i}")), Some(common::dispatch(i)), vec![]))
        .collect();
    items.push((Some("poison".into()), Some(Vec::new()), vec![]));
    h.produce(items).await;
    let out = h.read(&h.settings.topics.output, 2, 50, Duration::from_secs(60));
    assert_eq!(out.len(), 50);
    let dlq = h.read(&h.settings.topics.dlq, 2, 1, Duration::from_secs(30));
    assert_eq!(dlq.len(), 1);

    // Wait until the statistics callback reported lag.
    let mut exported = BTreeSet::new();
    for _ in 0..100 {
        let body = reqwest::get(format!("http://{addr}/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        exported = body
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| l.split(['{', ' ']).next())
            .map(|n| {
                ["_bucket", "_sum", "_count"]
                    .iter()
                    .find_map(|s| n.strip_suffix(s))
                    .unwrap_or(n)
                    .to_string()
            })
            .collect();
        if exported.contains("newswire_consumer_lag") && exported.contains("newswire_dlq_total") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    worker.join().await.unwrap();
    let _ = stop.send(());
    let _ = server.await;

    for (name, _) in newswire::telemetry::METRICS {
        assert!(
            exported.contains(*name),
            "{name} is in METRICS but not exported"
        );
    }
    let queried = queried_metrics();
    let missing: Vec<&String> = queried.difference(&exported).collect();
    assert!(
        missing.is_empty(),
        "queried by the dashboard or alerts but not exported: {missing:?}"
    );
}

/// Keys of config/default.toml as `section.key` (nested tables count as a key).
fn default_keys() -> Vec<String> {
    let table: toml::Table = newswire::config::DEFAULT_TOML.parse().unwrap();
    let mut keys = Vec::new();
    for (section, value) in &table {
        for key in value.as_table().unwrap().keys() {
            keys.push(format!("{section}.{key}"));
        }
    }
    keys
}

#[test]
fn every_configuration_key_is_in_the_readme_table() {
    let readme = read("README.md");
    let section = readme
        .split("\n## Configuration")
        .nth(1)
        .expect("README has a Configuration section");
    let section = section.split("\n## ").next().unwrap();
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| `")).collect();
    let keys = default_keys();
    assert!(keys.len() >= 20, "{keys:?}");
    for key in keys {
        let (sec, name) = key.split_once('.').unwrap();
        let env = format!("NEWSWIRE__{}__{}", sec.to_uppercase(), name.to_uppercase());
        let found = rows.iter().any(|row| {
            row.contains(&format!("`{key}`"))
                || (row.contains(&format!("`{sec}.")) && row.contains(&format!("`{name}`")))
        });
        assert!(found, "README's configuration table has no row for `{key}`");
        let documented_env = rows.iter().any(|row| {
            row.contains(&env) || (row.contains(&format!("`{sec}.")) && row.contains("..._"))
        });
        assert!(
            documented_env || key == "kafka.properties",
            "README's configuration table does not name {env}"
        );
    }
}
