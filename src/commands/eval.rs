//! `newswire eval PATH`: score the pipeline against an annotated evaluation set.

use std::path::PathBuf;

/// Arguments of `newswire eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Directory holding the evaluation set (e.g. `tests/eval`).
    pub path: PathBuf,
}

/// Run `eval`; returns the process exit code.
pub fn run(_args: &EvalArgs) -> anyhow::Result<i32> {
    anyhow::bail!("eval is not implemented yet")
}
