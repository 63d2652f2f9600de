//! The subcommands of the `newswire` binary. `main.rs` parses the command
//! line and calls exactly one of these; each is a thin shell over the library.

pub mod enrich;
pub mod eval;
