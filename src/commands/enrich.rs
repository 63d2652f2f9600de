//! `newswire enrich`: the offline mode. Each input is one raw dispatch; each
//! result is one NDJSON line on stdout, each failure one JSON object on stderr.

use std::io::{Read, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::pipeline::{Origin, Pipeline};

/// Arguments of `newswire enrich`.
#[derive(Debug, clap::Args)]
pub struct EnrichArgs {
    /// Raw dispatch files, one dispatch per file. None or `-` reads stdin.
    pub paths: Vec<PathBuf>,
    /// Print indented JSON instead of one record per line.
    #[arg(long)]
    pub pretty: bool,
    /// A TOML file layered over the defaults (the `[pipeline]` section
    /// applies: size limit, forced format, stages).
    #[arg(long, short)]
    pub config: Option<PathBuf>,
}

#[derive(Serialize)]
struct EnrichFailure<'a> {
    input: &'a str,
    stage: &'a str,
    kind: &'a str,
    message: &'a str,
}

/// Run `enrich`; returns the process exit code (0 all good, 2 any failed).
pub fn run(args: &EnrichArgs, pipeline: &Pipeline) -> std::io::Result<i32> {
    let inputs: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in &inputs {
        let name = path.display().to_string();
        let bytes = if name == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(path)
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                failed = true;
                report(&name, "read", "io", &format!("cannot read {name}: {e}"));
                continue;
            }
        };
        match pipeline.enrich(&bytes, &Origin::default()) {
            Ok(record) => {
                let json = if args.pretty {
                    serde_json::to_string_pretty(&record)
                } else {
                    serde_json::to_string(&record)
                };
                match json {
                    Ok(json) => {
                        if let Err(e) = writeln!(out, "{json}") {
                            // A closed pipe (`| head`) ends the run quietly.
                            if e.kind() == std::io::ErrorKind::BrokenPipe {
                                return Ok(if failed { 2 } else { 0 });
                            }
                            return Err(e);
                        }
                    }
                    Err(e) => {
                        failed = true;
                        report(&name, "serialize", "internal", &e.to_string());
                    }
                }
            }
            Err(e) => {
                failed = true;
                report(&name, e.stage.as_str(), e.kind.as_str(), &e.message);
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e),
        _ => {}
    }
    Ok(if failed { 2 } else { 0 })
}

fn report(input: &str, stage: &str, kind: &str, message: &str) {
    let failure = EnrichFailure {
        input,
        stage,
        kind,
        message,
    };
    if let Ok(line) = serde_json::to_string(&failure) {
        eprintln!("{line}");
    }
}
