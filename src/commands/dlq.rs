//! `newswire dlq inspect` and `newswire dlq replay`: thin shells over
//! [`crate::kafka::dlq`].

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use anyhow::Context;

use crate::config::Settings;
use crate::kafka::dlq::{self, Filter, ReplayOptions};

/// Arguments of `newswire dlq`.
#[derive(Debug, clap::Args)]
pub struct DlqArgs {
    /// A TOML file layered over the defaults (as for `run`).
    #[arg(long, short, global = true)]
    pub config: Option<PathBuf>,
    /// Longest time for each read of a topic, e.g. `60s`.
    #[arg(long, global = true, default_value = "60s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
    #[command(subcommand)]
    pub command: DlqCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum DlqCommand {
    /// Print the newest dead letters with their error headers.
    Inspect(InspectArgs),
    /// Re-queue dead letters into the input topic (safe to re-run).
    Replay(ReplayArgs),
}

/// Arguments of `newswire dlq inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The DLQ topic (default: topics.dlq).
    #[arg(long)]
    pub topic: Option<String>,
    /// Print at most this many, the newest.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Only this error kind: empty, too_large, undecodable, unsupported_format, malformed, internal.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only dead letters written since: an RFC 3339 time or a duration ago (`2h`).
    #[arg(long, value_parser = parse_since)]
    pub since: Option<SystemTime>,
}

/// Arguments of `newswire dlq replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// The DLQ topic to read (default: topics.dlq).
    #[arg(long)]
    pub from: Option<String>,
    /// The topic to re-queue into (default: topics.input).
    #[arg(long)]
    pub to: Option<String>,
    /// Only this error kind.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only dead letters written since: an RFC 3339 time or a duration ago (`2h`).
    #[arg(long, value_parser = parse_since)]
    pub since: Option<SystemTime>,
    /// Count what would move; produce nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `2026-11-29T01:00:00Z` or a duration ago such as `90m`.
pub fn parse_since(text: &str) -> Result<SystemTime, String> {
    if let Ok(at) = humantime::parse_rfc3339_weak(text) {
        return Ok(at);
    }
    let ago = humantime::parse_duration(text).map_err(|_| {
        format!("`{text}` is neither an RFC 3339 time (2026-11-29T01:00:00Z) nor a duration (2h)")
    })?;
    SystemTime::now()
        .checked_sub(ago)
        .ok_or_else(|| format!("`{text}` reaches before the epoch"))
}

/// Run a `dlq` subcommand; returns the exit code.
pub fn run(args: &DlqArgs, settings: &Settings) -> anyhow::Result<i32> {
    match &args.command {
        DlqCommand::Inspect(a) => {
            let topic = a.topic.as_deref().unwrap_or(&settings.topics.dlq);
            let filter = Filter {
                kind: a.kind.clone(),
                since: a.since,
            };
            let letters = dlq::inspect(settings, topic, a.limit, &filter, args.timeout)
                .with_context(|| format!("cannot inspect `{topic}`"))?;
            for letter in &letters {
                println!("{}", dlq::render(letter));
            }
            println!("{} dead letter(s) shown from {topic}", letters.len());
            Ok(0)
        }
        DlqCommand::Replay(a) => {
            let options = ReplayOptions {
                from: a
                    .from
                    .clone()
                    .unwrap_or_else(|| settings.topics.dlq.clone()),
                to: a
                    .to
                    .clone()
                    .unwrap_or_else(|| settings.topics.input.clone()),
                filter: Filter {
                    kind: a.kind.clone(),
                    since: a.since,
                },
                dry_run: a.dry_run,
                timeout: args.timeout,
            };
            let report = dlq::replay(settings, &options).with_context(|| {
                format!(
                    "replay {} -> {} failed (it is safe to re-run)",
                    options.from, options.to
                )
            })?;
            let verb = if a.dry_run {
                "would replay"
            } else {
                "replayed"
            };
            let count = if a.dry_run {
                report.matched - report.already_replayed
            } else {
                report.replayed
            };
            println!(
                "{verb} {count} dead letter(s) from {} to {} ({} scanned, {} matched, {} already replayed)",
                options.from, options.to, report.scanned, report.matched, report.already_replayed
            );
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_time_or_a_duration_ago() {
        let at = parse_since("2026-11-29T01:00:00Z").unwrap();
        assert_eq!(
            at.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(),
            1_795_914_000
        );
        let ago = parse_since("2h").unwrap();
        let elapsed = SystemTime::now().duration_since(ago).unwrap();
        assert!((7190..=7210).contains(&elapsed.as_secs()));
        assert!(parse_since("yesterday").unwrap_err().contains("RFC 3339"));
    }
}
