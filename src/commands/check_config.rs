//! `newswire check-config`: load and validate the configuration, print the
//! effective settings with secrets redacted.

use std::path::PathBuf;

use crate::config::Settings;

/// Arguments of `newswire check-config`.
#[derive(Debug, clap::Args)]
pub struct CheckConfigArgs {
    /// A TOML file layered over the defaults.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
}

/// Returns the exit code: 0 valid, 1 invalid (the message names the key).
pub fn run(args: &CheckConfigArgs) -> i32 {
    match Settings::load(args.config.as_deref()) {
        Ok(settings) => {
            println!("# effective configuration (secrets redacted)");
            print!("{}", settings.to_redacted_toml());
            0
        }
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
}
