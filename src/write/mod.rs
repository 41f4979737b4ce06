//! Write: the rendered site goes into a temporary sibling folder that replaces the output
//! only when everything was written, so a failed or interrupted build never destroys the
//! previous site. Only a folder metodist made itself is replaced ([`target`]), and of the
//! old output only the files its manifest lists are removed ([`manifest`]).

pub mod in_place;
pub mod leftovers;
pub mod manifest;
pub mod protected;
pub mod target;

pub use in_place::InPlace;
pub(crate) use leftovers::{build_may_run, sibling};
pub use leftovers::{lock_beside, recover};
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
    let tmp = make_tmp(&out.real)?;
    let result = write_tree(&tmp, output)
        .and_then(|()| finish(&tmp))
        .and_then(|()| seal(&tmp))
        .and_then(|manifest| {
            let kept = swap(&tmp, out)?;
            Ok(Written { manifest, kept })
        });
    if result.is_err() {
        // A half-written folder is useless; the previous output is untouched.
        leftovers::discard(&tmp);
    }
    result
}

/// Creates the folder the new output is written into, beside `out` (so that it can be
/// renamed over it), marked as a build of ours.
pub(crate) fn make_tmp(out: &Path) -> Result<PathBuf> {
    let tmp = sibling(out, "tmp");
    let parent = out.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| {
        anyhow::anyhow!(
            "не удалось создать папку «{}»: {}",
            parent.display(),
            crate::ru::io_error(&e)
        )
    })?;
    if leftovers::is_building(&tmp) {
        // Ours, from a build killed with the same process id (a container's pid 1).
        leftovers::remove_marked(&tmp);
    } else {
        // Killed before marking it: empty. Anything else stays (and is named below).
        let _ = std::fs::remove_dir(&tmp);
    }
    let made = std::fs::create_dir(&tmp).and_then(|()| leftovers::mark(&tmp));
    match made {
        Ok(()) => Ok(tmp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "рядом с папкой «{}» лежит «{}», которую создал не metodist; переименуйте или \
             удалите её: там metodist собирает новую версию сайта",
            out.display(),
            tmp.display()
        ),
        Err(e) => anyhow::bail!(
            "не удалось создать временную папку в «{}», где metodist собирает новую версию \
             сайта рядом с «{}»: {}",
            parent.display(),
            out.display(),
            crate::ru::io_error(&e)
        ),
    }
}

/// Lists everything in the finished folder `dir` in its manifest, then takes away the
/// mark of an unfinished build.
fn seal(dir: &Path) -> Result<Manifest> {
    let manifest = Manifest::of_tree(dir)
        .with_context(|| format!("не удалось перечислить файлы {}", dir.display()))?;
    manifest
        .save(dir)
        .with_context(|| format!("не удалось записать {}", dir.join(manifest::FILE).display()))?;
    std::fs::remove_file(dir.join(leftovers::MARKER))
        .with_context(|| format!("не удалось завершить {}", dir.display()))?;
    Ok(manifest)
}

/// Writes all files into `dir`, a fresh folder.
pub fn write_tree(dir: &Path, output: Output<'_>) -> Result<()> {
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
        return Ok(leftovers::dispose(tmp, &out.prior, real));
    }
    let old = sibling(real, "old");
    std::fs::rename(real, &old).map_err(|e| not_replaced(real, &e))?;
    if let Err(e) = std::fs::rename(tmp, real) {
        let _ = std::fs::rename(&old, real);
        return Err(not_replaced(real, &e));
    }
    Ok(leftovers::dispose(&old, &out.prior, real))
}

/// Why the output could not be replaced, in Russian.
fn not_replaced(out: &Path, e: &std::io::Error) -> anyhow::Error {
    // EBUSY: a mount point (a Docker volume, a separate disk) cannot be renamed.
    if e.raw_os_error() == Some(16) {
        return anyhow::anyhow!(
            "не удалось заменить папку «{}»: она, похоже, точка монтирования (том Docker, \
             отдельный диск), а такую папку нельзя заменить целиком. Укажите папку внутри \
             неё, например -o {}",
            out.display(),
            out.join("site").display()
        );
    }
    anyhow::anyhow!(
        "не удалось заменить папку «{}»: {}",
        out.display(),
        crate::ru::io_error(e)
    )
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
