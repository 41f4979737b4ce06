//! The pipeline: load → parse → validate → derive → render → search → write, run by
//! [`Builder`] (in `incremental`), with the options, the report, stage timings and the
//! progress display.

use crate::derive;
use crate::diag::Diagnostics;
pub use crate::incremental::Builder;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to do with a site.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root (has `content/`).
    pub root: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Warnings are errors.
    pub strict: bool,
    /// Write the output (false for `check`).
    pub write: bool,
    /// Replace an output folder holding files metodist did not write (`--force`).
    pub force: bool,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// Problems found.
    pub diags: Diagnostics,
    /// Content pages published.
    pub pages: usize,
    /// Files written (0 for `check` or a failed build).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: std::time::Duration,
    /// The frozen site, if the content was valid.
    pub site: Option<derive::Site>,
}

impl BuildReport {
    /// True if the build failed.
    pub fn failed(&self) -> bool {
        self.diags.has_errors()
    }
}

/// Runs the pipeline. Content problems are in the report; `Err` is for I/O failures.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    Builder::new(opts.clone()).build()
}

/// Like [`build`], with a progress display on stderr when it is a terminal.
pub fn build_with_progress(opts: &BuildOptions) -> Result<BuildReport> {
    Builder::new(opts.clone())
        .with_progress(Progress::terminal())
        .build()
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}

/// Time spent in each stage, printed to stderr when `METODIST_TIMINGS` is set.
pub struct Timings {
    on: bool,
    last: Instant,
    stages: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    /// Records only if the environment asks for it.
    pub fn from_env() -> Timings {
        Timings {
            on: std::env::var_os("METODIST_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"),
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name` now.
    pub fn mark(&mut self, name: &'static str) {
        if self.on {
            let now = Instant::now();
            self.stages.push((name, now - self.last));
            self.last = now;
        }
    }

    /// The stages so far, one line.
    pub fn line(&self) -> String {
        let total: f64 = self.stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
        let parts: Vec<String> = self
            .stages
            .iter()
            .map(|(n, d)| format!("{n} {:.0}", d.as_secs_f64() * 1000.0))
            .collect();
        format!(
            "этапы, мс: {} | всего {:.0}",
            parts.join(", "),
            total * 1000.0
        )
    }

    /// Prints the stages, if asked for.
    pub fn print(&self) {
        if self.on {
            eprintln!("{}", self.line());
        }
    }
}

/// A progress display on stderr: a spinner with the stage, and a bar while pages are
/// rendered. Hidden unless stderr is a terminal.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// Shows nothing.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// Shows progress if stderr is a terminal (not in pipes, logs or CI).
    pub fn terminal() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            None,
            indicatif::ProgressDrawTarget::stderr_with_hz(10),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Progress { bar: Some(bar) }
    }

    /// A stage whose length is unknown.
    pub fn stage(&self, name: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.set_length(0);
            bar.set_message(name);
        }
    }

    /// A stage of `len` steps, each reported by [`Progress::tick`].
    pub fn counted(&self, name: &'static str, len: usize) {
        if let Some(bar) = &self.bar {
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_position(0);
            bar.set_length(len as u64);
            bar.set_message(name);
        }
    }

    /// One step done.
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Removes the display.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
