//! Write: the rendered site goes into a temporary sibling folder that replaces the output
//! only when everything was written, so a failed or interrupted build never destroys the
//! previous site. Only a folder metodist made itself is replaced ([`target`]), and of the
//! old output only the files its manifest lists are removed ([`manifest`]).

pub mod manifest;
pub mod target;

pub use manifest::Manifest;
pub use target::{claim, OutputDir, Prior, Refusal};

use crate::load::Asset;
use crate::render::OutFile;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Everything to put in the output folder.
pub struct Output<'a> {
    /// Rendered files.
    pub files: Vec<OutFile>,
    /// Theme files embedded in the binary.
    pub theme_files: Vec<(PathBuf, &'static [u8])>,
    /// Files beside content pages: (published path, source).
    pub content_assets: Vec<(String, &'a Asset)>,
    /// The site's `static/` folder.
    pub static_files: &'a [Asset],
}

fn out_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// A sibling of `out` that no other build uses at the same time.
pub(crate) fn sibling(out: &Path, tag: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{tag}-{}", out_name(out), std::process::id()))
}

/// Repairs what an interrupted build left beside `out` (a real path): if it was killed
/// between moving the old output aside and moving the new one in, the old output is put
/// back; then the temporary folders of builds that no longer run are removed, and old
/// outputs as far as their manifests go. Best effort: what cannot be removed now is
/// removed by a later build.
pub fn recover(out: &Path) {
    let Some(parent) = out.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return;
    };
    let prefix = format!(".{}.", out_name(out));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    // (path, kind, modified) of every leftover of a dead build.
    let mut dead: Vec<(PathBuf, &'static str, Option<std::time::SystemTime>)> = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        let kind = match kind {
            "tmp" => "tmp",
            "old" => "old",
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let modified = e.metadata().and_then(|m| m.modified()).ok();
        if pid != std::process::id() && !build_may_run(pid, modified) {
            dead.push((e.path(), kind, modified));
        }
    }
    if !out.exists() {
        // The newest output moved aside is the one the killed build was replacing.
        let newest = dead
            .iter()
            .filter(|(_, kind, _)| *kind == "old")
            .max_by_key(|(_, _, modified)| *modified)
            .map(|(p, _, _)| p.clone());
        if let Some(old) = newest {
            if std::fs::rename(&old, out).is_ok() {
                dead.retain(|(p, _, _)| *p != old);
            }
        }
    }
    for (p, kind, _) in dead {
        if kind == "tmp" {
            // A folder a build of ours created and was still filling.
            let _ = std::fs::remove_dir_all(&p);
        } else {
            dispose(
                &p,
                &Prior::Ours(Manifest::read(&p).unwrap_or_default()),
                out,
            );
        }
    }
}

/// Whether the build with process id `pid` may still be running. Where processes cannot
/// be asked, a leftover counts as abandoned after a day.
pub(crate) fn build_may_run(pid: u32, modified: Option<std::time::SystemTime>) -> bool {
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    let day = std::time::Duration::from_secs(24 * 60 * 60);
    modified
        .and_then(|m| m.elapsed().ok())
        .is_none_or(|age| age < day)
}

/// What replacing the output left behind.
#[derive(Debug, Default)]
pub struct Written {
    /// The files of the new output (its manifest).
    pub manifest: Manifest,
    /// Where files found in the old output that metodist did not write were kept, if any
    /// appeared there while the build ran.
    pub kept: Option<PathBuf>,
}

/// Writes everything into a fresh folder, lets `finish` add to it (the search index),
/// lists it in its manifest, then swaps it in for `out`.
pub fn write(
    out: &OutputDir,
    output: Output<'_>,
    finish: impl FnOnce(&Path) -> Result<()>,
) -> Result<Written> {
    let tmp = sibling(&out.real, "tmp");
    let result = write_tree(&tmp, output)
        .and_then(|()| finish(&tmp))
        .and_then(|()| seal(&tmp))
        .and_then(|manifest| {
            let kept = swap(&tmp, out)?;
            Ok(Written { manifest, kept })
        });
    if result.is_err() {
        // A half-written folder is useless; the previous output is untouched.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Lists everything in the finished folder `dir` in its manifest.
fn seal(dir: &Path) -> Result<Manifest> {
    let manifest = Manifest::of_tree(dir)
        .with_context(|| format!("не удалось перечислить файлы {}", dir.display()))?;
    manifest
        .save(dir)
        .with_context(|| format!("не удалось записать {}", dir.join(manifest::FILE).display()))?;
    Ok(manifest)
}

/// Writes all files into `dir` (created empty).
pub fn write_tree(dir: &Path, output: Output<'_>) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("не удалось очистить {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("не удалось создать {}", dir.display()))?;
    let mut copies: Vec<(PathBuf, &Path)> = Vec::new();
    for (rel, asset) in &output.content_assets {
        copies.push((dir.join(rel), &asset.real));
    }
    for a in output.static_files {
        copies.push((dir.join(&a.rel), &a.real));
    }
    let theme: Vec<(PathBuf, &[u8])> = output
        .theme_files
        .iter()
        .map(|(p, b)| (dir.join(p), *b))
        .collect();
    theme.par_iter().try_for_each(|(p, b)| put(p, b))?;
    // Site files come after the theme's so a site can replace a theme file. Each is read
    // through the real path checked on loading, and only if it still is a regular file.
    copies.par_iter().try_for_each(|(to, from)| {
        ensure_parent(to)?;
        crate::confine::copy(from, to)
            .map_err(|e| anyhow::anyhow!(crate::confine::io_ru(&e)))
            .with_context(|| format!("не удалось скопировать {}", from.display()))?;
        Ok::<_, anyhow::Error>(())
    })?;
    output
        .files
        .par_iter()
        .try_for_each(|f| put(&dir.join(&f.path), &f.bytes))
}

fn ensure_parent(p: &Path) -> Result<()> {
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("не удалось создать {}", parent.display()))?;
    }
    Ok(())
}

fn put(path: &Path, bytes: &[u8]) -> Result<()> {
    ensure_parent(path)?;
    std::fs::write(path, bytes).with_context(|| format!("не удалось записать {}", path.display()))
}

/// Replaces the output by `tmp`. Where the system can exchange two folders in one step
/// (Linux), there is no moment without an output; elsewhere the old output is moved
/// aside first, and a build killed in between is repaired by the next one (`recover`).
/// Returns where foreign files of the old output were kept, if any.
fn swap(tmp: &Path, out: &OutputDir) -> Result<Option<PathBuf>> {
    let real = &out.real;
    if !real.exists() {
        std::fs::rename(tmp, real)
            .with_context(|| format!("не удалось создать {}", real.display()))?;
        return Ok(None);
    }
    if exchange(tmp, real) {
        // `tmp` now holds the old output.
        return Ok(dispose(tmp, &out.prior, real));
    }
    let old = sibling(real, "old");
    std::fs::rename(real, &old)
        .with_context(|| format!("не удалось заменить {}", real.display()))?;
    if let Err(e) = std::fs::rename(tmp, real) {
        let _ = std::fs::rename(&old, real);
        return Err(e).with_context(|| format!("не удалось заменить {}", real.display()));
    }
    Ok(dispose(&old, &out.prior, real))
}

/// Removes an old output moved aside: wholly if the user forced it, otherwise only the
/// files metodist wrote. Anything else found there (a file saved into the output while
/// the build ran) is kept in a visible folder beside the output, whose path is returned.
fn dispose(old: &Path, prior: &Prior, out: &Path) -> Option<PathBuf> {
    let clean = match prior {
        Prior::Forced => std::fs::remove_dir_all(old).is_ok() || !old.exists(),
        Prior::Ours(m) => m.remove_from(old),
        Prior::Missing | Prior::Empty => Manifest::default().remove_from(old),
    };
    if clean {
        return None;
    }
    let kept = out.with_file_name(format!(
        "{}.сохранено-{}",
        out_name(out),
        std::process::id()
    ));
    std::fs::rename(old, &kept).ok().map(|()| kept)
}

/// Exchanges two folders atomically; false where the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}
