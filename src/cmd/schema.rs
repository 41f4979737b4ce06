//! `metodist schema`: the JSON Schema of front matter, for editor completion.

use anyhow::Result;
use std::process::ExitCode;

/// Prints the schema to stdout.
pub fn run() -> Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(&metodist::model::front_matter_schema())?);
    Ok(ExitCode::SUCCESS)
}
