//! `newswire broker`: the embedded Kafka-protocol broker in the foreground,
//! for local development with kcat or any Kafka client.

use std::io::Write;

use crate::kafka::embedded::{parse_topic_spec, EmbeddedBroker};

/// Arguments of `newswire broker`.
#[derive(Debug, clap::Args)]
pub struct BrokerArgs {
    /// Topic to create, `NAME` or `NAME:PARTITIONS`; repeat for several.
    /// Without any, creates the default input (4), output (4) and DLQ (1) topics.
    #[arg(long = "topic")]
    pub topics: Vec<String>,
    /// Number of brokers in the cluster.
    #[arg(long, default_value_t = 1)]
    pub brokers: i32,
}

/// Start the broker, print its bootstrap list first on stdout, wait for a signal.
pub async fn run(args: &BrokerArgs) -> anyhow::Result<()> {
    let specs = if args.topics.is_empty() {
        let t = crate::config::TopicSettings::default();
        vec![
            format!("{}:4", t.input),
            format!("{}:4", t.output),
            format!("{}:1", t.dlq),
        ]
    } else {
        args.topics.clone()
    };
    let topics = specs
        .iter()
        .map(|s| parse_topic_spec(s))
        .collect::<Result<Vec<_>, _>>()?;
    let broker = EmbeddedBroker::start(args.brokers)?;
    for (name, partitions) in &topics {
        broker.create_topic(name, *partitions)?;
    }
    let mut out = std::io::stdout();
    writeln!(out, "{}", broker.bootstrap_servers())?;
    out.flush()?;
    for (name, partitions) in &topics {
        tracing::info!(topic = %name, partitions, "topic created");
    }
    tracing::info!("embedded broker running; Ctrl-C or SIGTERM stops it");
    super::shutdown_signal().await;
    drop(broker);
    Ok(())
}
