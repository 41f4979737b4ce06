//! Write: the rendered site goes into a temporary sibling folder that replaces the output
//! only when everything was written, so a failed or interrupted build never destroys the
//! previous site.

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

/// A sibling of `out` that no other build uses at the same time.
fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes everything into a fresh folder, lets `finish` add to it (the search index),
/// then swaps it in for `out`.
pub fn write(
    out: &Path,
    output: Output<'_>,
    finish: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let tmp = sibling(out, "tmp");
    let result = write_tree(&tmp, output)
        .and_then(|()| finish(&tmp))
        .and_then(|()| swap(&tmp, out));
    if result.is_err() {
        // A half-written folder is useless; the previous output is untouched.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
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
        copies.push((dir.join(rel), &asset.abs));
    }
    for a in output.static_files {
        copies.push((dir.join(&a.rel), &a.abs));
    }
    let theme: Vec<(PathBuf, &[u8])> = output
        .theme_files
        .iter()
        .map(|(p, b)| (dir.join(p), *b))
        .collect();
    theme.par_iter().try_for_each(|(p, b)| put(p, b))?;
    // Site files come after the theme's so a site can replace a theme file.
    copies.par_iter().try_for_each(|(to, from)| {
        ensure_parent(to)?;
        std::fs::copy(from, to)
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

/// Replaces `out` by `tmp`: the old output is moved aside first and removed last.
fn swap(tmp: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        let old = sibling(out, "old");
        std::fs::rename(out, &old)
            .with_context(|| format!("не удалось заменить {}", out.display()))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e).with_context(|| format!("не удалось заменить {}", out.display()));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, out)
            .with_context(|| format!("не удалось создать {}", out.display()))?;
    }
    Ok(())
}
