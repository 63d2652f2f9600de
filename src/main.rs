//! The `newswire` binary: parses the command line and runs one command.

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "newswire",
    version,
    about = "Raw agency wire copy in, clean attributed records out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Enrich raw dispatch files offline and print one JSON record per line.
    Enrich(newswire::commands::enrich::EnrichArgs),
    /// Score the pipeline against an annotated evaluation set.
    Eval(newswire::commands::eval::EvalArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Enrich(args) => {
            newswire::commands::enrich::run(&args, &newswire::Pipeline::default())?
        }
        Command::Eval(args) => newswire::commands::eval::run(&args)?,
    };
    std::process::exit(code);
}
