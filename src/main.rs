use clap::Parser;
use qilian::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => qilian::ui::run(args.db),
    }
}
