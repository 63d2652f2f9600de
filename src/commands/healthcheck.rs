//! `newswire healthcheck`: GET a local endpoint and exit 0 on HTTP 200, 1
//! otherwise. For container `HEALTHCHECK`s, so images need no curl.

use std::time::Duration;

use crate::config::{HttpSettings, Settings};

/// Arguments of `newswire healthcheck`.
#[derive(Debug, clap::Args)]
pub struct HealthcheckArgs {
    /// URL to GET (default: /healthz on 127.0.0.1 at the port of http.listen,
    /// read from the NEWSWIRE__ environment like `run`).
    #[arg(long)]
    pub url: Option<String>,
}

/// The default probe URL: `/healthz` on loopback at the configured port.
pub fn default_url() -> String {
    let listen = Settings::load(None)
        .map(|s| s.http.listen)
        .unwrap_or_else(|_| HttpSettings::default().listen);
    let port = listen
        .rsplit_once(':')
        .map_or("9898", |(_, p)| p)
        .to_string();
    format!("http://127.0.0.1:{port}/healthz")
}

/// Returns the exit code.
pub fn run(args: &HealthcheckArgs) -> i32 {
    let url = args.url.clone().unwrap_or_else(default_url);
    match crate::http::probe(&url, Duration::from_secs(3)) {
        Ok(200) => 0,
        Ok(status) => {
            eprintln!("{url}: HTTP {status}");
            1
        }
        Err(error) => {
            eprintln!("{error}");
            1
        }
    }
}
