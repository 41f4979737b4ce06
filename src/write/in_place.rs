//! Writing into an output folder in place, as `metodist serve` does after the first
//! build: a changed file is replaced through a temporary file, a file no longer produced
//! is removed. The folder was claimed when it was first built; since then someone may
//! have put a symbolic link into it, so nothing is written or removed in a folder whose
//! real place is outside the output.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// An output folder written in place, by its real path.
#[derive(Debug, Clone, Default)]
pub struct InPlace {
    root: PathBuf,
}

impl InPlace {
    /// The output at `root`, a real path (links resolved).
    pub fn new(root: PathBuf) -> InPlace {
        InPlace { root }
    }

    /// The output folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` to `rel` through a temporary file, so a reader never sees half a
    /// file and a link in the file's place is replaced, not written through.
    pub fn put(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.root.join(rel);
        let parent = path.parent().unwrap_or(&self.root);
        self.check_inside(parent)?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("не удалось создать {}", parent.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::write(&tmp, bytes)
            .with_context(|| format!("не удалось записать {}", path.display()))?;
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("не удалось записать {}", path.display()))
    }

    /// Removes `rel` (a link as a link) and the folders it leaves empty.
    pub fn remove(&self, rel: &Path) -> Result<()> {
        let path = self.root.join(rel);
        let parent = path.parent().unwrap_or(&self.root);
        self.check_inside(parent)?;
        let _ = std::fs::remove_file(&path);
        prune_empty(&self.root, Some(parent));
        Ok(())
    }

    /// Fails if `dir` (inside the output by name) is, or would be created, somewhere
    /// else: its nearest existing folder must really be inside the output.
    pub fn check_inside(&self, dir: &Path) -> Result<()> {
        let mut existing = dir;
        while std::fs::symlink_metadata(existing).is_err() {
            match existing.parent() {
                Some(p) => existing = p,
                None => break,
            }
        }
        let real = existing.canonicalize().unwrap_or_default();
        if !real.starts_with(&self.root) {
            bail!(
                "в собранном сайте «{}» папка «{}» ведёт по символической ссылке за его пределы; \
                 metodist не пишет через ссылки: удалите ссылку, и сайт будет собран заново",
                self.root.display(),
                existing.display()
            );
        }
        Ok(())
    }
}

/// Fails, naming them, if there are files metodist did not write (`foreign`, paths
/// relative to the output `root`) where it is about to write.
pub fn refuse_foreign<'a>(root: &Path, foreign: impl Iterator<Item = &'a PathBuf>) -> Result<()> {
    let names: Vec<String> = foreign
        .take(6)
        .map(|p| format!("«{}»", p.display()))
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    bail!(
        "в собранном сайте «{}» есть файлы, которые создал не metodist: {}{}; metodist их не \
         заменяет и не удаляет. Перенесите их (файлы, которые должны попасть на сайт, кладите в \
         static/), и сайт будет пересобран",
        root.display(),
        names[..names.len().min(5)].join(", "),
        if names.len() > 5 {
            " и другие"
        } else {
            ""
        }
    )
}

/// Removes folders left empty by removed files, up to the output root.
fn prune_empty(root: &Path, mut dir: Option<&Path>) {
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_stops_at_the_root() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("out");
        let deep = root.join("a/b/c");
        std::fs::create_dir_all(&deep).expect("mkdir");
        prune_empty(&root, Some(&deep));
        assert!(root.is_dir());
        assert!(!root.join("a").exists());
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_or_removed_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, victim) = (tmp.path().join("out"), tmp.path().join("victim"));
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::create_dir_all(&victim).unwrap();
        std::fs::write(victim.join("index.html"), "чужое").unwrap();
        std::os::unix::fs::symlink(&victim, root.join("b")).unwrap();
        let out = InPlace::new(root.canonicalize().unwrap());
        assert!(out.put(Path::new("b/index.html"), b"new").is_err());
        assert!(out.put(Path::new("b/new/index.html"), b"new").is_err());
        assert!(out.remove(Path::new("b/index.html")).is_err());
        assert_eq!(
            std::fs::read_to_string(victim.join("index.html")).unwrap(),
            "чужое"
        );
        assert!(!victim.join("new").exists());
        // A link in a file's own place is replaced, its target untouched.
        std::os::unix::fs::symlink(victim.join("index.html"), root.join("a/index.html")).unwrap();
        out.put(Path::new("a/index.html"), b"new").unwrap();
        assert_eq!(
            std::fs::read_to_string(victim.join("index.html")).unwrap(),
            "чужое"
        );
        assert_eq!(std::fs::read(root.join("a/index.html")).unwrap(), b"new");
    }
}
