//! The `metodist` binary: parses the command line and runs a command.

use metodist::cli::Command;
use std::process::ExitCode;

mod cmd;

fn main() -> ExitCode {
    let cli = match metodist::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(r) => {
            if r.to_stdout {
                print!("{}", r.text);
            } else {
                eprint!("{}", r.text);
            }
            return ExitCode::from(u8::try_from(r.code).unwrap_or(2));
        }
    };
    let result = match cli.command {
        Command::Build {
            site,
            out,
            strict,
            force,
        } => cmd::build::run(&site, out, strict, force),
        Command::Check { site, strict } => cmd::check::run(&site, strict),
        Command::Serve {
            site,
            port,
            out,
            force,
        } => cmd::serve::run(&site, port, out, force),
        Command::New { kind, title, site } => cmd::new::run(&site, &kind, &title),
        Command::Schema => cmd::schema::run(),
        Command::Import {
            file,
            kind,
            out,
            site,
            force,
        } => cmd::import::run(&cmd::import::Args {
            file,
            kind,
            out,
            site,
            force,
        }),
        Command::Search {
            query,
            filters,
            site,
            out,
            json,
            limit,
        } => {
            let out = out.unwrap_or_else(|| metodist::build::default_out(&site));
            cmd::search::run(&out, &query, &filters, json, limit)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            metodist::errln!("ошибка: {}", in_russian(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, one after another; a system error is told in Russian.
fn in_russian(e: &anyhow::Error) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => metodist::ru::io_error(io),
            None => cause.to_string(),
        })
        .collect();
    parts.join(": ")
}
