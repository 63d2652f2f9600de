//! `newswire run`: the long-running worker with its HTTP endpoints.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

use crate::config::Settings;
use crate::health::Health;
use crate::{http, kafka, telemetry};

/// How long past `shutdown.timeout` the process waits for the worker before
/// it exits anyway.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// The exit status when the worker did not stop in time (EX_SOFTWARE).
const EXIT_SHUTDOWN_OVERDUE: i32 = 70;

/// The pause before new Kafka clients replace stuck ones.
const RESTART_PAUSE: std::time::Duration = std::time::Duration::from_secs(1);

/// Arguments of `newswire run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A TOML file layered over the defaults.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
}

/// Run the worker until SIGTERM/SIGINT; errors are fatal (non-zero exit).
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let metrics = telemetry::install_recorder().map_err(anyhow::Error::msg)?;
    let health = Arc::new(Health::new());
    let (stop_http, http_stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = http::serve(&settings.http.listen, health.clone(), metrics, async {
        let _ = http_stopped.await;
    })
    .await
    .with_context(|| format!("cannot listen on http.listen = {}", settings.http.listen))?;
    tracing::info!(%addr, "serving /metrics, /healthz and /readyz");
    // One shutdown signal for every incarnation of the worker.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        super::shutdown_signal().await;
        let _ = stop_tx.send(true);
    });
    // The worker bounds every step of its drain by `shutdown.timeout`, but a
    // client library call that never returns would hold the process forever.
    // Past the deadline plus a grace, leave anyway: nothing uncommitted is
    // lost (the next owner of the partitions re-reads it), and an
    // orchestrator would kill the process a little later regardless.
    let deadline = settings.shutdown.timeout + SHUTDOWN_GRACE;
    let mut overdue = stop_rx.clone();
    tokio::spawn(async move {
        let _ = overdue.wait_for(|stopped| *stopped).await;
        tokio::time::sleep(deadline).await;
        tracing::error!(
            waited = ?deadline,
            "the worker did not stop within shutdown.timeout (a Kafka client call did not return); \
             exiting now without a clean group exit; uncommitted work will be re-read by the next owner"
        );
        std::process::exit(EXIT_SHUTDOWN_OVERDUE);
    });
    let result = loop {
        let mut stop = stop_rx.clone();
        let shutdown = async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        };
        match kafka::run_worker(&settings, health.clone(), shutdown).await {
            // Stuck clients: new ones, same process (nothing was lost: the
            // partitions were already given up and will be re-read).
            Err(error) if error.is_stall() && !*stop_rx.borrow() => {
                metrics::counter!(telemetry::CLIENT_RESTARTS_TOTAL, "reason" => error.restart_reason())
                    .increment(1);
                tracing::warn!(%error, "restarting the worker with new Kafka clients");
                health.rejoining();
                // Do not spin if the new clients get stuck at once too.
                tokio::time::sleep(RESTART_PAUSE).await;
            }
            other => break other,
        }
    };
    let _ = stop_http.send(());
    let _ = server.await;
    result.map(|_| ()).context("worker stopped")
}
