//! Walking one folder of the site: every file found is resolved to its real path and
//! kept only if that lies inside the site; links leading out, broken links and special
//! files (FIFOs, sockets, devices) are reported and skipped.

use super::{is_ignored, Asset};
use crate::confine::{Refusal, SiteRoot};
use crate::diag::{display_path, Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file found by the walk: its path as walked and its real path, inside the site.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub path: PathBuf,
    pub real: PathBuf,
}

/// Walks `dir`, splitting files into those `want` selects and the rest (as assets
/// relative to `dir`). Hidden files and editor leftovers are skipped.
pub(super) fn walk(
    site: &SiteRoot,
    dir: &Path,
    diags: &mut Diagnostics,
    want: impl Fn(&Path) -> bool,
) -> (Vec<Found>, Vec<Asset>) {
    let mut selected = Vec::new();
    let mut assets = Vec::new();
    let root = site.shown();
    if dir.symlink_metadata().is_err() {
        return (selected, assets);
    }
    // The folder itself may be a link (`content -> /somewhere`).
    let dir_real = match site.resolve(dir) {
        Ok(real) if real.is_dir() => real,
        Ok(_) => return (selected, assets),
        Err(refusal) => {
            diags.push(refusal.diagnostic(root, None));
            return (selected, assets);
        }
    };
    // Real paths of the folders walked so far: a plain entry's real path is its
    // folder's plus its name, so only links need resolving.
    let mut reals: HashMap<PathBuf, PathBuf> = HashMap::new();
    reals.insert(dir.to_path_buf(), dir_real);
    let mut it = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()));
    while let Some(entry) = it.next() {
        let e = match entry {
            Ok(e) if e.depth() == 0 => continue,
            Ok(e) => e,
            Err(err) => {
                diags.push(walk_error(site, dir, &err));
                continue;
            }
        };
        let path = e.path().to_path_buf();
        let real = if e.path_is_symlink() {
            site.resolve(&path)
        } else {
            match path.parent().and_then(|p| reals.get(p)) {
                Some(parent) => Ok(parent.join(e.file_name())),
                None => site.resolve(&path),
            }
        };
        let real = match real {
            Ok(real) => real,
            Err(refusal) => {
                diags.push(refusal.diagnostic(root, None));
                if e.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        };
        let kind = e.file_type();
        if kind.is_dir() {
            reals.insert(path, real);
        } else if kind.is_file() {
            if want(&path) {
                selected.push(Found { path, real });
            } else if let Ok(rel) = path.strip_prefix(dir) {
                assets.push(Asset {
                    rel: rel.to_path_buf(),
                    abs: path.clone(),
                    real,
                });
            }
        } else {
            diags.push(Refusal::Special(path).diagnostic(root, None));
        }
    }
    (selected, assets)
}

fn walk_error(site: &SiteRoot, dir: &Path, err: &walkdir::Error) -> Diagnostic {
    let root = site.shown();
    let path = err.path().unwrap_or(dir);
    let rel = display_path(root, path);
    // A link whose target is missing (walkdir fails to follow it), or one leading out
    // to a folder that holds the site (walkdir sees a loop).
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        if let Err(refusal) = site.resolve(path) {
            return refusal.diagnostic(root, None);
        }
    }
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::error(rel, "символическая ссылка образует цикл")
            .snippet(format!(
                "ведёт в {}",
                display_path(root, ancestor).display()
            ))
            .hint("удалите ссылку или направьте её за пределы папки content");
    }
    let shown = err
        .io_error()
        .map_or_else(|| err.to_string(), crate::confine::io_ru);
    Diagnostic::error(rel, format!("не удалось прочитать: {shown}"))
        .hint("проверьте права доступа к файлу и папке")
}
