//! `metodist serve`.

use anyhow::{Context, Result};
use metodist::build::BuildOptions;
use metodist::serve;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Builds, serves on 127.0.0.1, and rebuilds on every change until interrupted. Without
/// `-o` the site is built in a folder of serve's own, removed when it stops.
pub fn run(site: &Path, port: u16, out: Option<PathBuf>, force: bool) -> Result<ExitCode> {
    metodist::load::check_site(site)?;
    // Without -o: a fresh private folder of serve's own, the site in it.
    let scratch = match out {
        Some(_) => None,
        None => Some(serve::scratch::folder()?),
    };
    let out = match (&scratch, out) {
        (Some(dir), _) => serve::scratch::site(dir),
        (None, out) => out.unwrap_or_default(),
    };
    // Serving only ever returns with an error (a busy port, a folder that may not be
    // replaced…): the folder made for it goes too.
    let failed = serve_into(site, out, scratch.clone(), port, force);
    if let Some(dir) = &scratch {
        serve::scratch::remove_own(dir);
    }
    failed
}

/// Serves the site built into `out` (in `scratch`, serve's own folder, if it is one);
/// returns only on an error.
fn serve_into(
    site: &Path,
    out: PathBuf,
    scratch: Option<PathBuf>,
    port: u16,
    force: bool,
) -> Result<ExitCode> {
    let opts = BuildOptions {
        root: site.to_path_buf(),
        out,
        strict: false,
        write: true,
        force,
    };
    // A folder that may not be replaced stops serve before it starts.
    metodist::write::claim(site, &opts.out, force)?;
    let builder = serve::builder(&opts);
    if let Some(dir) = scratch.clone() {
        let builder = builder.clone();
        ctrlc::set_handler(move || {
            metodist::errln!("metodist serve останавливается: удаляю временную папку…");
            // A rebuild or a background index still writing would put files back.
            serve::stop_when_idle(&builder, || {
                serve::scratch::remove_own(&dir);
                std::process::exit(130);
            });
        })
        .context("не удалось перехватить Ctrl+C и сигналы остановки")?;
    }
    let state = Arc::new(serve::State::default());
    // The port first: a busy one stops serve before it builds anything.
    let server = serve::start(opts.out.clone(), port, state.clone())?;
    serve::rebuild(&builder, &state);
    // Watching before the address is printed: an edit made as soon as serve says it is
    // ready is seen.
    let _watcher = serve::watch(site, move || serve::rebuild(&builder, &state))?;
    metodist::outln!("Сайт: http://{}/", server.addr);
    if scratch.is_some() {
        metodist::outln!(
            "Сайт собирается во временную папку {}; для публикации соберите его командой metodist build",
            opts.out.display()
        );
    }
    loop {
        std::thread::park();
    }
}
