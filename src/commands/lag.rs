//! `newswire lag`: committed offset, end offset and lag per input partition
//! for the configured consumer group. Reads only; never joins the group.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;

use crate::config::Settings;
use crate::kafka::admin;

/// Arguments of `newswire lag`.
#[derive(Debug, clap::Args)]
pub struct LagArgs {
    /// A TOML file layered over the defaults (as for `run`).
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// Longest time to wait for the brokers, e.g. `30s`.
    #[arg(long, default_value = "30s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
}

/// Print the lag table; returns the exit code.
pub fn run(args: &LagArgs, settings: &Settings) -> anyhow::Result<i32> {
    let lag = admin::group_lag(settings, args.timeout).with_context(|| {
        format!(
            "cannot read the lag of group `{}` on `{}`",
            settings.kafka.group_id, settings.topics.input
        )
    })?;
    print!("{}", admin::render_lag(&lag));
    Ok(0)
}
