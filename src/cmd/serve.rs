//! `metodist serve`.

use anyhow::Result;
use metodist::build::{default_out, BuildOptions};
use metodist::serve;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Builds, serves on 127.0.0.1, and rebuilds on every change until interrupted.
pub fn run(site: &Path, port: u16, out: Option<PathBuf>) -> Result<ExitCode> {
    let opts = BuildOptions {
        root: site.to_path_buf(),
        out: out.unwrap_or_else(|| default_out(site)),
        strict: false,
        write: true,
    };
    let state = Arc::new(serve::State::default());
    serve::rebuild(&opts, &state);
    let server = serve::start(opts.out.clone(), port, state.clone())?;
    println!("Сайт: http://{}/", server.addr);
    let watch_opts = opts.clone();
    let _watcher = serve::watch(site, move || serve::rebuild(&watch_opts, &state))?;
    loop {
        std::thread::park();
    }
}
