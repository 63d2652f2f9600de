//! The `newswire` binary: parses the command line and runs one command.

use std::path::Path;

use clap::{Parser, Subcommand};
use newswire::commands::{
    bench, broker, check_config, demo, dlq, enrich, eval, healthcheck, lag, run,
};
use newswire::config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "newswire",
    version,
    about = "Raw agency wire copy in, clean attributed records out.",
    long_about = "newswire turns raw news-agency dispatches (plain text, ninjs, NewsML-G2, NITF, \
IPTC 7901, ANPA-1312; Arabic, English, French) into IPTC ninjs records with an attribution \
block: who said what, and on whose authority. Run it as a Kafka worker (`run`), offline \
(`enrich`), or try it end to end with nothing installed (`demo`)."
)]
struct Cli {
    /// Log format: `text` or `json` (overrides log.format).
    #[arg(long, global = true)]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the Kafka worker: consume raw dispatches, produce enriched records.
    Run(run::RunArgs),
    /// Enrich raw dispatch files offline and print one JSON record per line.
    Enrich(enrich::EnrichArgs),
    /// Start the embedded Kafka-protocol broker in the foreground.
    Broker(broker::BrokerArgs),
    /// Run the whole pipeline on bundled samples with an embedded broker.
    Demo(demo::DemoArgs),
    /// Load and validate the configuration; print it with secrets redacted.
    CheckConfig(check_config::CheckConfigArgs),
    /// Score the pipeline against an annotated evaluation set.
    Eval(eval::EvalArgs),
    /// Measure the worker end to end, with the stages on and off.
    Bench(bench::BenchArgs),
    /// Inspect dead letters, or replay them into the input topic after a fix.
    Dlq(dlq::DlqArgs),
    /// Print committed offset, end offset and lag per input partition for the group.
    Lag(lag::LagArgs),
    /// GET /healthz of a local worker; exit 0 on HTTP 200 (container health checks).
    Healthcheck(healthcheck::HealthcheckArgs),
}

fn load(config: Option<&Path>, log_format: Option<&str>) -> anyhow::Result<Settings> {
    let settings = Settings::load(config)?;
    let format = log_format.unwrap_or(&settings.log.format);
    newswire::telemetry::init_tracing(format, &settings.log.level);
    Ok(settings)
}

/// Settings for the operator tools: like `run`, but quiet logs (warnings)
/// unless RUST_LOG says otherwise, so their output stays readable.
fn load_tool(config: Option<&Path>, log_format: Option<&str>) -> anyhow::Result<Settings> {
    let settings = Settings::load(config)?;
    let format = log_format.unwrap_or(&settings.log.format);
    newswire::telemetry::init_tracing(format, "warn");
    Ok(settings)
}

/// The error with the configured secrets taken out of its text, chain
/// included: librdkafka's configuration errors quote property values.
fn scrub(settings: &Settings, error: anyhow::Error) -> anyhow::Error {
    anyhow::Error::msg(settings.redact_text(&format!("{error:#}")))
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let log_format = cli.log_format.as_deref();
    let code = match cli.command {
        Command::Run(args) => {
            let settings = load(args.config.as_deref(), log_format)?;
            let rt = runtime()?;
            let result = rt.block_on(run::run(settings.clone()));
            // Do not wait on a consumer close stuck on unreachable brokers.
            rt.shutdown_timeout(std::time::Duration::from_secs(1));
            result.map_err(|e| scrub(&settings, e))?;
            0
        }
        Command::Enrich(args) => {
            let settings = load(args.config.as_deref(), log_format)?;
            enrich::run(&args, &settings.pipeline.build()?)?
        }
        Command::Broker(args) => {
            load(None, log_format)?;
            runtime()?.block_on(broker::run(&args))?;
            0
        }
        Command::Demo(args) => {
            // The demo prints a report; keep logs to warnings unless RUST_LOG says otherwise.
            let mut settings = Settings::load(None)?;
            settings.log.level = "warn,librdkafka=off,rdkafka=off".into();
            newswire::telemetry::init_tracing(
                log_format.unwrap_or(&settings.log.format),
                &settings.log.level,
            );
            runtime()?.block_on(demo::run(&args, settings))?;
            0
        }
        Command::CheckConfig(args) => check_config::run(&args),
        Command::Eval(args) => eval::run(&args)?,
        Command::Bench(args) => {
            let mut settings = Settings::load(None)?;
            settings.log.level = "warn,librdkafka=off,rdkafka=off".into();
            newswire::telemetry::init_tracing(
                log_format.unwrap_or(&settings.log.format),
                &settings.log.level,
            );
            runtime()?.block_on(bench::run(&args, settings))?;
            0
        }
        Command::Dlq(args) => {
            let settings = load_tool(args.config.as_deref(), log_format)?;
            dlq::run(&args, &settings).map_err(|e| scrub(&settings, e))?
        }
        Command::Lag(args) => {
            let settings = load_tool(args.config.as_deref(), log_format)?;
            lag::run(&args, &settings).map_err(|e| scrub(&settings, e))?
        }
        Command::Healthcheck(args) => healthcheck::run(&args),
    };
    std::process::exit(code);
}
