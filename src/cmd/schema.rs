//! `metodist schema`: the JSON Schema of front matter, for editor completion.

use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// Prints the schema to stdout.
pub fn run() -> Result<ExitCode> {
    let text = serde_json::to_string_pretty(&metodist::model::front_matter_schema())?;
    // A closed pipe (`metodist schema | head`) is the reader's choice, not an error.
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(ExitCode::SUCCESS)
}
