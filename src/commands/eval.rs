//! `newswire eval PATH`: score the pipeline against an annotated evaluation
//! set and print the per-language table (or JSON with `--json`).
//!
//! Owns: argument parsing and output. The loading, matching and scoring rules
//! live in [`crate::eval`]; this shell must not grow any of its own.

use std::path::PathBuf;

use anyhow::Context;

use crate::eval;
use crate::pipeline::Pipeline;

/// Arguments of `newswire eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Directory holding the evaluation set (e.g. `tests/eval`): `NAME.txt`
    /// (raw dispatch) + `NAME.gold.json` (gold annotation) per dispatch.
    pub path: PathBuf,
    /// Print machine-readable scores as one JSON object instead of the
    /// table: `overall` and `by_language` (every metric of the table plus raw
    /// counts), `warnings`, `findings` (each miss and false alarm) and
    /// `dispatches` (raw counts per dispatch).
    #[arg(long)]
    pub json: bool,
    /// Also list every missed and false quotation, wrong speaker and source,
    /// per dispatch.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Run `eval`; returns the process exit code (0 when the set was scored).
pub fn run(args: &EvalArgs) -> anyhow::Result<i32> {
    let cases = eval::load_set(&args.path)
        .with_context(|| format!("loading the evaluation set {}", args.path.display()))?;
    let report = eval::evaluate(&cases, &Pipeline::default());
    if args.json {
        let json = serde_json::to_string_pretty(&report).context("serializing the report")?;
        println!("{json}");
    } else {
        print!("{}", report.to_table(args.verbose));
    }
    Ok(0)
}
