//! `kmcore`: the command line for the people who edit rule bundles and the
//! teams without Python.
//!
//! ```text
//! kmcore check  PATH...                      a bundle (file or folder) or an overlay
//! kmcore diff   OLD NEW                      every dated value that changed
//! kmcore rules  --service S --jurisdiction J --date D
//! kmcore evaluate INPUT.parquet|INPUT.csv --output OUT.parquet [--keep id]
//! kmcore verify LOG...                       hash chains of application logs
//! kmcore replay LOG... --now 2026-07-01T12:00:00+05:00
//! ```
//!
//! Exit status: 0 when all is well, 1 when the command found problems (a
//! bundle that does not load, bundles that differ, a log that does not
//! verify), 2 for a usage error or a file that cannot be read or written.

mod bundles;
mod logs;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Command-line tools for kmcore rule bundles, tables and application logs.
#[derive(Parser)]
#[command(name = "kmcore", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a bundle (one file, several part files or a folder of them) or
    /// an overlay; each problem is printed as `file: path: code: message`.
    Check {
        /// Bundle files, a bundle folder, or one overlay file.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The bundle an overlay applies to (default: the embedded bundle).
        #[arg(long)]
        base: Option<PathBuf>,
    },
    /// Print every dated value that differs between two bundles (or a
    /// bundle and an overlay applied to it), with its dates and sources.
    Diff {
        /// The old bundle (file or folder; `embedded` for the built-in one).
        old: PathBuf,
        /// The new bundle, or an overlay of the old one.
        new: PathBuf,
    },
    /// Print the rules (dated values) in force for a service in a
    /// jurisdiction on a date.
    Rules {
        /// The service, by its dotted id (`driving_licence.learner_permit`).
        #[arg(long)]
        service: String,
        /// The jurisdiction code (`PB`, `ICT`, `SD`, `KP`, `BA`).
        #[arg(long)]
        jurisdiction: String,
        /// The date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// The bundle (default: the embedded bundle).
        #[arg(long)]
        bundle: Option<PathBuf>,
    },
    /// Evaluate a Parquet or CSV table of applications into a Parquet file,
    /// one output row per input row, a record batch at a time.
    Evaluate {
        /// The input: `.parquet` or `.csv` (with a header row).
        input: PathBuf,
        /// The output Parquet file.
        #[arg(long, short)]
        output: PathBuf,
        /// Input columns to copy into the output (an application id).
        #[arg(long)]
        keep: Vec<String>,
        /// Input columns to leave out.
        #[arg(long)]
        ignore: Vec<String>,
        /// The bundle (default: the embedded bundle).
        #[arg(long)]
        bundle: Option<PathBuf>,
        /// Rows per record batch.
        #[arg(long, default_value_t = 65_536)]
        batch_rows: usize,
    },
    /// Verify the hash chains of application logs (JSON files, or `.jsonl`
    /// files of one log a line).
    Verify {
        /// Log files.
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        /// The bundle (default: the embedded bundle).
        #[arg(long)]
        bundle: Option<PathBuf>,
        /// Also check every log's seal against the offices' public keys in
        /// this JSON file, `{"key id": "64 hex digits", ...}`: a log with
        /// no seal, or sealed by a key the file does not list, fails.
        #[arg(long)]
        keys: Option<PathBuf>,
    },
    /// Replay application logs and print each one's state and SLA clock as
    /// a JSON line.
    Replay {
        /// Log files (JSON, or `.jsonl` of one log a line).
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        /// The instant the SLA clocks are read at (RFC 3339).
        #[arg(long)]
        now: String,
        /// The bundle (default: the embedded bundle).
        #[arg(long)]
        bundle: Option<PathBuf>,
    },
}

/// How a command ended, short of success.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The command ran and found problems (exit status 1); they were printed.
    Found,
    /// The command could not run (exit status 2).
    Usage(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Usage(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { paths, base } => bundles::check(&paths, base.as_deref()),
        Command::Diff { old, new } => bundles::diff(&old, &new),
        Command::Rules {
            service,
            jurisdiction,
            date,
            bundle,
        } => bundles::rules(&service, &jurisdiction, &date, bundle.as_deref()),
        Command::Evaluate {
            input,
            output,
            keep,
            ignore,
            bundle,
            batch_rows,
        } => table::evaluate(&table::Job {
            input: &input,
            output: &output,
            keep: &keep,
            ignore: &ignore,
            bundle: bundle.as_deref(),
            batch_rows,
        }),
        Command::Verify { logs, bundle, keys } => {
            logs::verify(&logs, bundle.as_deref(), keys.as_deref())
        }
        Command::Replay { logs, now, bundle } => logs::replay(&logs, &now, bundle.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Found) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
