//! The subcommands of the `newswire` binary. `main.rs` parses the command
//! line and calls exactly one of these; each is a thin shell over the library.

pub mod bench;
pub mod broker;
pub mod check_config;
pub mod demo;
pub mod dlq;
pub mod enrich;
pub mod eval;
pub mod healthcheck;
pub mod lag;
pub mod run;

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received"),
        () = term => tracing::info!("SIGTERM received"),
    }
}
