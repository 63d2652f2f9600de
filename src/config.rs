//! Settings: what operators put in TOML files and `NEWSWIRE__...` variables.
//!
//! The doc comments on these structs are the configuration reference; the
//! committed `config/default.toml` repeats every key with its default, and a
//! test keeps the two equal.
//!
//! Layering, each layer overriding the one before:
//! 1. the built-in defaults (the `Default` impls below),
//! 2. `config/default.toml`, compiled into the binary,
//! 3. the file given with `--config PATH`,
//! 4. environment variables `NEWSWIRE__SECTION__KEY`
//!    (e.g. `NEWSWIRE__KAFKA__BROKERS=broker-1:9092`).
//!
//! Unknown keys are errors, and every error names the key at fault.
//!
//! Must not touch: Kafka clients, sockets, the pipeline. This module only
//! reads and checks settings.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::model::Format;
use crate::pipeline::StageName;

/// The committed defaults file, compiled in so the binary is self-contained.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// Prefix of environment variables; sections and keys are split by `__`.
pub const ENV_PREFIX: &str = "NEWSWIRE";

/// A configuration problem, naming the key at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration: {0}")]
    Load(String),
    #[error("invalid configuration key `{key}`: {message}")]
    Invalid { key: String, message: String },
}

/// All settings of newswire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub kafka: KafkaSettings,
    pub topics: TopicSettings,
    pub pipeline: PipelineSettings,
    pub worker: WorkerSettings,
    pub delivery: DeliverySettings,
    pub shutdown: ShutdownSettings,
    pub http: HttpSettings,
    pub log: LogSettings,
}

/// How to reach Kafka and join the consumer group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KafkaSettings {
    /// Bootstrap servers, comma-separated `host:port` list.
    pub brokers: String,
    /// Consumer group id; all replicas of one deployment share it.
    pub group_id: String,
    /// Client id reported to the brokers.
    pub client_id: String,
    /// Static group membership id (`group.instance.id`), e.g. the pod name.
    /// Empty disables static membership.
    pub instance_id: String,
    /// How long the group waits for a silent member before rebalancing.
    #[serde(with = "humantime_serde")]
    pub session_timeout: Duration,
    /// Extra librdkafka properties passed through as given (SASL, SSL,
    /// tuning). Values of keys containing `password`, `secret`, `sasl`,
    /// `token`, `credential`, `private` or `ssl.key` are never logged or
    /// printed, nor echoed in configuration errors.
    pub properties: BTreeMap<String, String>,
}

impl Default for KafkaSettings {
    fn default() -> Self {
        KafkaSettings {
            brokers: "localhost:9092".into(),
            group_id: "newswire".into(),
            client_id: "newswire".into(),
            instance_id: String::new(),
            session_timeout: Duration::from_secs(45),
            properties: BTreeMap::new(),
        }
    }
}

/// Topic names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TopicSettings {
    /// Raw agency dispatches are consumed from here.
    pub input: String,
    /// One enriched record per dispatch is produced here.
    pub output: String,
    /// Dispatches that failed a stage go here, bytes unchanged, with error headers.
    pub dlq: String,
}

impl Default for TopicSettings {
    fn default() -> Self {
        TopicSettings {
            input: "newswire.raw".into(),
            output: "newswire.enriched".into(),
            dlq: "newswire.dlq".into(),
        }
    }
}

/// The largest allowed `pipeline.max_dispatch_bytes`: 1 GiB.
pub const MAX_DISPATCH_BYTES_LIMIT: usize = 1 << 30;

/// What the pipeline does to each dispatch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineSettings {
    /// Dispatches larger than this many bytes go to the DLQ as `too_large`.
    /// At most [`MAX_DISPATCH_BYTES_LIMIT`] (1 GiB): Kafka's own message
    /// limits are far lower, and the stages may then keep text offsets in
    /// 32 bits.
    pub max_dispatch_bytes: usize,
    /// Stages to run, in order. An empty list is pass-through mode (used to
    /// measure the worker without the stages).
    pub stages: Vec<StageName>,
    /// Force a format for every dispatch instead of sniffing it:
    /// `auto`, `plain`, `ninjs`, `newsml_g2`, `nitf`, `iptc7901`, `anpa1312`.
    pub format: String,
}

impl Default for PipelineSettings {
    fn default() -> Self {
        PipelineSettings {
            max_dispatch_bytes: 2 * 1024 * 1024,
            stages: vec![StageName::Normalize, StageName::Attribute],
            format: "auto".into(),
        }
    }
}

impl PipelineSettings {
    /// The forced format, `None` for `auto`.
    pub fn forced_format(&self) -> Result<Option<Format>, ConfigError> {
        if self.format == "auto" {
            return Ok(None);
        }
        self.format
            .parse::<Format>()
            .map(Some)
            .map_err(|message| ConfigError::Invalid {
                key: "pipeline.format".into(),
                message: format!("{message} (or auto)"),
            })
    }

    /// Build the pure pipeline these settings describe.
    pub fn build(&self) -> Result<crate::Pipeline, ConfigError> {
        Ok(crate::Pipeline::new(
            crate::normalize::Limits {
                max_dispatch_bytes: self.max_dispatch_bytes,
            },
            &self.stages,
            self.forced_format()?,
        ))
    }
}

/// The worker loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkerSettings {
    /// Most messages consumed but not yet acknowledged by the broker. At the
    /// bound the worker pauses fetching instead of growing memory.
    pub max_in_flight: usize,
    /// Most input bytes (dispatch payloads) consumed but not yet
    /// acknowledged: bounds memory when dispatches are large, whatever
    /// `max_in_flight` allows. A message larger than the budget still goes
    /// through, alone.
    pub max_in_flight_bytes: usize,
    /// Threads that run the stages (0 = one per CPU core).
    pub stage_threads: usize,
    /// How often stored offsets are committed.
    #[serde(with = "humantime_serde")]
    pub commit_interval: Duration,
    /// First delay before retrying a failed produce; doubles up to `retry_backoff_max`.
    #[serde(with = "humantime_serde")]
    pub retry_backoff: Duration,
    /// Longest delay between produce retries.
    #[serde(with = "humantime_serde")]
    pub retry_backoff_max: Duration,
    /// How long in-flight work of revoked partitions may drain before the
    /// revoke completes. Keep it below `kafka.session_timeout`.
    #[serde(with = "humantime_serde")]
    pub rebalance_drain_timeout: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            max_in_flight: 1000,
            max_in_flight_bytes: 8 * 1024 * 1024,
            stage_threads: 0,
            commit_interval: Duration::from_secs(1),
            retry_backoff: Duration::from_millis(100),
            retry_backoff_max: Duration::from_secs(10),
            rebalance_drain_timeout: Duration::from_secs(10),
        }
    }
}

/// Delivery guarantee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliverySettings {
    /// `at-least-once` (default): a crash may repeat work, never lose it.
    /// `exactly-once`: outputs, dead letters and input offsets are written
    /// in one Kafka transaction per batch; downstream readers must use
    /// `isolation.level=read_committed`.
    pub mode: DeliveryMode,
    /// Exactly-once only: the producer's `transactional.id`. Empty derives
    /// `<kafka.group_id>-<kafka.instance_id>`. It must be stable across
    /// restarts of one instance and unique among running instances.
    pub transactional_id: String,
    /// Exactly-once only: commit the open transaction once it holds this many
    /// records...
    pub transaction_max_messages: usize,
    /// ...or once it has been open this long, whichever comes first. Sets
    /// the latency a `read_committed` reader sees.
    #[serde(with = "humantime_serde")]
    pub transaction_interval: Duration,
    /// Exactly-once only: the broker aborts a transaction left open longer
    /// than this (`transaction.timeout.ms`); it also bounds each blocking
    /// transaction call.
    #[serde(with = "humantime_serde")]
    pub transaction_timeout: Duration,
}

/// The delivery guarantee of [`DeliverySettings::mode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryMode {
    AtLeastOnce,
    ExactlyOnce,
}

impl DeliveryMode {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMode::AtLeastOnce => "at-least-once",
            DeliveryMode::ExactlyOnce => "exactly-once",
        }
    }
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            mode: DeliveryMode::AtLeastOnce,
            transactional_id: String::new(),
            transaction_max_messages: 500,
            transaction_interval: Duration::from_millis(100),
            transaction_timeout: Duration::from_secs(60),
        }
    }
}

impl Settings {
    /// The `transactional.id` of exactly-once mode: `delivery.transactional_id`,
    /// else `<group_id>-<instance_id>`; `None` when neither is set.
    pub fn transactional_id(&self) -> Option<String> {
        if !self.delivery.transactional_id.trim().is_empty() {
            Some(self.delivery.transactional_id.trim().to_string())
        } else if !self.kafka.instance_id.trim().is_empty() {
            Some(format!(
                "{}-{}",
                self.kafka.group_id,
                self.kafka.instance_id.trim()
            ))
        } else {
            None
        }
    }
}

/// Graceful shutdown on SIGTERM/SIGINT.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShutdownSettings {
    /// Longest time to drain in-flight work and commit before exiting.
    #[serde(with = "humantime_serde")]
    pub timeout: Duration,
}

impl Default for ShutdownSettings {
    fn default() -> Self {
        ShutdownSettings {
            timeout: Duration::from_secs(30),
        }
    }
}

/// The HTTP listener for `/metrics`, `/healthz` and `/readyz`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpSettings {
    /// Address to listen on, `host:port`. Port 0 picks a free port.
    pub listen: String,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            listen: "0.0.0.0:9898".into(),
        }
    }
}

/// Logging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSettings {
    /// `text` for people, `json` for log pipelines.
    pub format: String,
    /// Default filter, `RUST_LOG` syntax; the `RUST_LOG` variable wins.
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            format: "text".into(),
            level: "info".into(),
        }
    }
}

/// Substrings of librdkafka property names whose values are secret:
/// passwords, client secrets, SASL settings (usernames, OAUTHBEARER
/// configs), tokens, and the private key (`ssl.key.pem`, `ssl.key.password`).
const SECRET_MARKERS: [&str; 7] = [
    "password",
    "secret",
    "sasl",
    "token",
    "credential",
    "private",
    "ssl.key",
];
const REDACTED: &str = "<redacted>";

/// Whether the value of a librdkafka property must never be shown.
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_MARKERS.iter().any(|m| key.contains(m))
}

impl Settings {
    /// Load settings from every layer: defaults, `config/default.toml`,
    /// `path`, then the process environment.
    pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
        Self::load_with_env(path, std::env::vars())
    }

    /// Like [`Settings::load`], with the environment given explicitly (tests).
    pub fn load_with_env(
        path: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        use config::{Config, File, FileFormat};

        let mut builder =
            Config::builder().add_source(File::from_str(DEFAULT_TOML, FileFormat::Toml));
        if let Some(path) = path {
            let text = std::fs::read_to_string(path).map_err(|e| {
                ConfigError::Load(format!("cannot read config file {}: {e}", path.display()))
            })?;
            builder = builder.add_source(File::from_str(&text, FileFormat::Toml));
        }
        let env: config::Map<String, String> = env
            .into_iter()
            .filter(|(k, _)| k.starts_with(&format!("{ENV_PREFIX}__")))
            .collect();
        builder = builder.add_source(
            config::Environment::with_prefix(ENV_PREFIX)
                .prefix_separator("__")
                .separator("__")
                .list_separator(",")
                .with_list_parse_key("pipeline.stages")
                .try_parsing(true)
                .source(Some(env)),
        );
        let merged = builder
            .build()
            .map_err(|e| ConfigError::Load(e.to_string()))?
            .try_deserialize::<serde_json::Value>()
            .map_err(|e| ConfigError::Load(e.to_string()))?;
        let settings: Settings = serde_path_to_error::deserialize(merged).map_err(|e| {
            let key = e.path().to_string();
            // The deserializer quotes the offending value ("invalid type:
            // integer `1234`"): never for a secret property.
            let message = match key.strip_prefix("kafka.properties.") {
                Some(property) if is_secret_key(property) => {
                    "expected a string (value not shown: secret)".to_string()
                }
                _ => e.inner().to_string(),
            };
            ConfigError::Invalid { key, message }
        })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Check values that parse but make no sense.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key: &str, message: &str| {
            Err(ConfigError::Invalid {
                key: key.into(),
                message: message.into(),
            })
        };
        if self.kafka.brokers.trim().is_empty() {
            return invalid("kafka.brokers", "must list at least one host:port");
        }
        for broker in self.kafka.brokers.split(',') {
            let broker = broker.trim();
            let ok = broker
                .rsplit_once(':')
                .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
            if !ok {
                return invalid(
                    "kafka.brokers",
                    &format!(
                        "`{broker}` is not host:port (expected e.g. `kafka-1:9092,kafka-2:9092`)"
                    ),
                );
            }
        }
        if self.kafka.group_id.trim().is_empty() {
            return invalid("kafka.group_id", "must not be empty");
        }
        for (key, value) in [
            ("topics.input", &self.topics.input),
            ("topics.output", &self.topics.output),
            ("topics.dlq", &self.topics.dlq),
        ] {
            if value.trim().is_empty() {
                return invalid(key, "must name a topic");
            }
        }
        if self.topics.output == self.topics.input || self.topics.dlq == self.topics.input {
            return invalid(
                "topics.output",
                "output and DLQ topics must differ from the input topic (the worker would consume its own output)",
            );
        }
        if self.pipeline.max_dispatch_bytes == 0 {
            return invalid(
                "pipeline.max_dispatch_bytes",
                "must be a positive number of bytes",
            );
        }
        if self.pipeline.max_dispatch_bytes > MAX_DISPATCH_BYTES_LIMIT {
            return invalid(
                "pipeline.max_dispatch_bytes",
                "must be at most 1073741824 (1 GiB); Kafka's message limits are far lower",
            );
        }
        self.pipeline.forced_format()?;
        if self.worker.max_in_flight == 0 {
            return invalid("worker.max_in_flight", "must be at least 1");
        }
        if self.worker.max_in_flight_bytes == 0 {
            return invalid(
                "worker.max_in_flight_bytes",
                "must be a positive number of bytes",
            );
        }
        if self.delivery.mode == DeliveryMode::ExactlyOnce {
            if self.transactional_id().is_none() {
                return invalid(
                    "delivery.transactional_id",
                    "exactly-once needs a transactional id that is stable across restarts: set kafka.instance_id (e.g. the pod name of a StatefulSet) or delivery.transactional_id",
                );
            }
            if self.delivery.transaction_max_messages == 0 {
                return invalid("delivery.transaction_max_messages", "must be at least 1");
            }
            if self.delivery.transaction_interval.is_zero() {
                return invalid(
                    "delivery.transaction_interval",
                    "must be a positive duration such as `100ms`",
                );
            }
            if self.delivery.transaction_timeout < Duration::from_secs(1) {
                return invalid(
                    "delivery.transaction_timeout",
                    "must be at least `1s` (the broker caps it at transaction.max.timeout.ms, 15 minutes by default)",
                );
            }
        }
        if self.shutdown.timeout.is_zero() {
            return invalid(
                "shutdown.timeout",
                "must be a positive duration such as `30s`",
            );
        }
        if self.worker.rebalance_drain_timeout >= self.kafka.session_timeout {
            return invalid(
                "worker.rebalance_drain_timeout",
                "must be shorter than kafka.session_timeout",
            );
        }
        if self.http.listen.parse::<SocketAddr>().is_err() {
            return invalid(
                "http.listen",
                &format!(
                    "`{}` is not an address such as `0.0.0.0:9898`",
                    self.http.listen
                ),
            );
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return invalid("log.format", "expected `text` or `json`");
        }
        Ok(())
    }

    /// A copy safe to print: secret librdkafka property values replaced.
    pub fn redacted(&self) -> Settings {
        let mut copy = self.clone();
        for (key, value) in copy.kafka.properties.iter_mut() {
            if is_secret_key(key) {
                *value = REDACTED.into();
            }
        }
        copy
    }

    /// `text` with the value of every secret librdkafka property replaced
    /// by `<redacted>`. For error messages that may quote a property value:
    /// librdkafka's configuration errors do (`... sasl.password VALUE`).
    pub fn redact_text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (key, value) in &self.kafka.properties {
            if is_secret_key(key) && !value.is_empty() {
                out = out.replace(value.as_str(), REDACTED);
            }
        }
        out
    }

    /// The effective settings as TOML, secrets redacted.
    pub fn to_redacted_toml(&self) -> String {
        toml::to_string_pretty(&self.redacted())
            .unwrap_or_else(|e| format!("# cannot render: {e}\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_committed_defaults_file_equals_the_code_defaults() {
        let loaded = Settings::load_with_env(None, env(&[])).unwrap();
        assert_eq!(loaded, Settings::default());
    }

    #[test]
    fn environment_overrides_every_layer() {
        let s = Settings::load_with_env(
            None,
            env(&[
                ("NEWSWIRE__KAFKA__BROKERS", "a:1,b:2"),
                ("NEWSWIRE__KAFKA__GROUP_ID", "g"),
                ("NEWSWIRE__TOPICS__INPUT", "in"),
                ("NEWSWIRE__TOPICS__OUTPUT", "out"),
                ("NEWSWIRE__TOPICS__DLQ", "dlq"),
                ("NEWSWIRE__HTTP__LISTEN", "127.0.0.1:1"),
                ("NEWSWIRE__WORKER__MAX_IN_FLIGHT", "7"),
                ("NEWSWIRE__SHUTDOWN__TIMEOUT", "5s"),
                ("NEWSWIRE__PIPELINE__STAGES", "normalize"),
                ("OTHER__KAFKA__BROKERS", "ignored:1"),
            ]),
        )
        .unwrap();
        assert_eq!(s.kafka.brokers, "a:1,b:2");
        assert_eq!(s.kafka.group_id, "g");
        assert_eq!(
            (
                s.topics.input.as_str(),
                s.topics.output.as_str(),
                s.topics.dlq.as_str()
            ),
            ("in", "out", "dlq")
        );
        assert_eq!(s.http.listen, "127.0.0.1:1");
        assert_eq!(s.worker.max_in_flight, 7);
        assert_eq!(s.shutdown.timeout, Duration::from_secs(5));
        assert_eq!(s.pipeline.stages, vec![StageName::Normalize]);
    }

    #[test]
    fn exactly_once_needs_a_stable_transactional_id() {
        let err =
            Settings::load_with_env(None, env(&[("NEWSWIRE__DELIVERY__MODE", "exactly-once")]))
                .unwrap_err()
                .to_string();
        assert!(err.contains("delivery.transactional_id"), "{err}");
        assert!(err.contains("kafka.instance_id"), "{err}");

        let s = Settings::load_with_env(
            None,
            env(&[
                ("NEWSWIRE__DELIVERY__MODE", "exactly-once"),
                ("NEWSWIRE__KAFKA__INSTANCE_ID", "newswire-2"),
                ("NEWSWIRE__DELIVERY__TRANSACTION_INTERVAL", "250ms"),
            ]),
        )
        .unwrap();
        assert_eq!(s.delivery.mode, DeliveryMode::ExactlyOnce);
        assert_eq!(s.transactional_id().as_deref(), Some("newswire-newswire-2"));
        assert_eq!(s.delivery.transaction_interval, Duration::from_millis(250));

        let s = Settings::load_with_env(
            None,
            env(&[
                ("NEWSWIRE__DELIVERY__MODE", "exactly-once"),
                ("NEWSWIRE__DELIVERY__TRANSACTIONAL_ID", "wire-eu-1"),
            ]),
        )
        .unwrap();
        assert_eq!(s.transactional_id().as_deref(), Some("wire-eu-1"));

        let err =
            Settings::load_with_env(None, env(&[("NEWSWIRE__DELIVERY__MODE", "exactly-twice")]))
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("exactly-twice") && err.contains("exactly-once"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_key() {
        let dir = std::env::temp_dir().join(format!("newswire-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.toml");
        std::fs::write(&path, "[topics]\ninptu = \"x\"\n").unwrap();
        let err = Settings::load_with_env(Some(&path), env(&[])).unwrap_err();
        assert!(err.to_string().contains("inptu"), "{err}");
        std::fs::write(&path, "[nosuchsection]\nx = 1\n").unwrap();
        let err = Settings::load_with_env(Some(&path), env(&[])).unwrap_err();
        assert!(err.to_string().contains("nosuchsection"), "{err}");
    }

    #[test]
    fn secrets_are_redacted() {
        let mut s = Settings::default();
        for (k, v) in [
            ("sasl.password", "p1"),
            ("sasl.username", "u1"),
            ("ssl.keystore.password", "p2"),
            ("client.secret", "p3"),
            ("fetch.min.bytes", "1"),
        ] {
            s.kafka.properties.insert(k.into(), v.into());
        }
        let text = s.to_redacted_toml();
        for secret in ["p1", "u1", "p2", "p3"] {
            assert!(!text.contains(&format!("\"{secret}\"")), "{text}");
        }
        assert!(text.contains("fetch.min.bytes"));
        assert_eq!(
            s.kafka.properties["sasl.password"], "p1",
            "the original is untouched"
        );
    }

    #[test]
    fn inconsistent_values_are_rejected() {
        let mut s = Settings::default();
        s.topics.output = s.topics.input.clone();
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("topics.output"));
        let mut s = Settings::default();
        s.worker.rebalance_drain_timeout = Duration::from_secs(60);
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("worker.rebalance_drain_timeout"));
        let mut s = Settings::default();
        s.pipeline.format = "pdf".into();
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("pipeline.format"));
    }

    #[test]
    fn the_dispatch_size_limit_is_capped_at_one_gib() {
        let mut s = Settings::default();
        s.pipeline.max_dispatch_bytes = MAX_DISPATCH_BYTES_LIMIT;
        assert!(s.validate().is_ok());
        s.pipeline.max_dispatch_bytes = MAX_DISPATCH_BYTES_LIMIT + 1;
        let message = s.validate().unwrap_err().to_string();
        assert!(message.contains("pipeline.max_dispatch_bytes"), "{message}");
        assert!(message.contains("at most 1073741824"), "{message}");
    }
}
