//! Where `metodist serve` builds when no `-o` is given: a folder of its own in the
//! system's temporary folder. A serve that is killed mid-rebuild then never leaves the
//! user's `public/` half-updated; the folder is removed when serve stops, and the folders
//! of serves that were killed are removed by the next one.

use crate::write::{self, Manifest};
use std::path::{Path, PathBuf};

const PREFIX: &str = "metodist-serve-";

/// The scratch folder of this process, after removing those of serves no longer running.
pub fn folder() -> PathBuf {
    let tmp = std::env::temp_dir();
    remove_stale(&tmp);
    tmp.join(format!("{PREFIX}{}", std::process::id()))
}

/// Removes this process's scratch folder when serve stops, and a build's temporary folder
/// beside it. The folder was missing, empty or ours when serve started (it was claimed
/// like any output), so everything in it is serve's own, down to the files a background
/// search index was writing when the user pressed Ctrl+C, which no manifest lists yet.
pub fn remove_own(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    for tag in ["tmp", "old"] {
        let _ = std::fs::remove_dir_all(write::sibling(dir, tag));
    }
}

/// Removes a scratch folder left by another serve: the files its manifest lists and the
/// folders left empty.
fn remove(dir: &Path) {
    if let Some(m) = Manifest::read(dir) {
        m.remove_from(dir);
    }
    write::manifest::remove_empty_dirs(dir);
}

/// Removes the scratch folders (and the half-written builds beside them) of serves whose
/// process is gone.
fn remove_stale(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    let mut dead = std::collections::BTreeSet::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix('.').unwrap_or(&name).strip_prefix(PREFIX) else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(pid) = digits.parse::<u32>() else {
            continue;
        };
        let modified = e.metadata().and_then(|m| m.modified()).ok();
        if pid != std::process::id() && !write::build_may_run(pid, modified) {
            dead.insert(pid);
        }
    }
    for pid in dead {
        let dir = tmp.join(format!("{PREFIX}{pid}"));
        // A build killed mid-swap leaves siblings; `recover` knows them.
        write::recover(&dir);
        remove(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_scratch_folders_go_and_foreign_files_stay() {
        let tmp = tempfile::tempdir().unwrap();
        // No process has this id on Linux (pid_max is at most 2^22).
        let dead = tmp.path().join(format!("{PREFIX}4294967295"));
        std::fs::create_dir_all(dead.join("a")).unwrap();
        std::fs::write(dead.join("a/index.html"), "x").unwrap();
        Manifest::of(["a/index.html".to_string()])
            .save(&dead)
            .unwrap();
        let half = tmp
            .path()
            .join(format!(".{PREFIX}4294967295.tmp-4294967295"));
        std::fs::create_dir_all(&half).unwrap();
        std::fs::write(half.join("index.html"), "x").unwrap();
        let other = tmp.path().join(format!("{PREFIX}4294967294"));
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("mine.txt"), "x").unwrap();
        remove_stale(tmp.path());
        assert!(!dead.exists() && !half.exists());
        // Not ours (no manifest): left alone.
        assert!(other.join("mine.txt").exists());
    }
}
