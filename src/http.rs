//! The HTTP listener: `/metrics` (Prometheus text), `/healthz` (alive: 200
//! unless the worker is stalled out of its group, see [`Health::stalled`])
//! and `/readyz` (200 only when joined, a broker is reachable and not
//! draining; 503 otherwise, with the reason in the body).
//!
//! Must not touch: Kafka or the pipeline. It only reads [`Health`] and
//! renders the metrics recorder.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::health::Health;

#[derive(Clone)]
struct AppState {
    health: Arc<Health>,
    metrics: PrometheusHandle,
}

/// The router with the three endpoints.
pub fn router(health: Arc<Health>, metrics: PrometheusHandle) -> Router {
    Router::new()
        .route("/metrics", get(metrics_handler))
        .route("/healthz", get(live_handler))
        .route("/readyz", get(ready_handler))
        .with_state(AppState { health, metrics })
}

async fn metrics_handler(State(state): State<AppState>) -> impl IntoResponse {
    let ready = if state.health.is_ready() { 1.0 } else { 0.0 };
    metrics::gauge!(crate::telemetry::READY).set(ready);
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}

async fn live_handler(State(state): State<AppState>) -> impl IntoResponse {
    match state.health.stalled() {
        None => (StatusCode::OK, "ok\n".to_string()),
        Some(out) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "stalled: not a member of the consumer group for {}s although a broker is reachable; restart the process\n",
                out.as_secs()
            ),
        ),
    }
}

async fn ready_handler(State(state): State<AppState>) -> impl IntoResponse {
    let status = if state.health.is_ready() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, format!("{}\n", state.health.reason()))
}

/// Bind `listen` and serve until `shutdown` resolves. Returns the bound
/// address (useful with port 0) and the server task.
pub async fn serve(
    listen: &str,
    health: Arc<Health>,
    metrics: PrometheusHandle,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let app = router(health, metrics);
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    });
    Ok((addr, task))
}

/// Why a health probe failed.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("`{0}` is not a plain http://HOST:PORT/PATH URL")]
    Url(String),
    #[error("cannot reach {url}: {source}")]
    Io {
        url: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{url} answered with a malformed status line `{line}`")]
    Response { url: String, line: String },
}

/// GET `url` (plain `http://host:port/path`) with one HTTP/1.0 request over a
/// `TcpStream` and return the status code. Used by `newswire healthcheck`,
/// so container images need no curl or wget.
pub fn probe(url: &str, timeout: std::time::Duration) -> Result<u16, ProbeError> {
    use std::io::{Read, Write};
    use std::net::ToSocketAddrs;

    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| ProbeError::Url(url.into()))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || !authority.contains(':') {
        return Err(ProbeError::Url(url.into()));
    }
    let io = |source| ProbeError::Io {
        url: url.into(),
        source,
    };
    let addr = authority
        .to_socket_addrs()
        .map_err(io)?
        .next()
        .ok_or_else(|| ProbeError::Url(url.into()))?;
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout).map_err(io)?;
    stream.set_read_timeout(Some(timeout)).map_err(io)?;
    stream.set_write_timeout(Some(timeout)).map_err(io)?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .map_err(io)?;
    let mut head = [0u8; 64];
    let mut len = 0;
    while len < head.len() {
        let n = stream.read(&mut head[len..]).map_err(io)?;
        if n == 0 || head[..len + n].contains(&b'\n') {
            len += n;
            break;
        }
        len += n;
    }
    let line = String::from_utf8_lossy(&head[..len]);
    let line = line.lines().next().unwrap_or_default().to_string();
    let code = line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .filter(|_| line.starts_with("HTTP/"));
    code.ok_or(ProbeError::Response {
        url: url.into(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_rejects_what_it_cannot_fetch() {
        let t = std::time::Duration::from_millis(200);
        for url in [
            "https://127.0.0.1:1/healthz",
            "http:///healthz",
            "127.0.0.1:1",
            "http://localhost/",
        ] {
            assert!(matches!(probe(url, t), Err(ProbeError::Url(_))), "{url}");
        }
    }
}
