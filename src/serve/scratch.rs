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
        // A build killed mid-swap leaves siblings; `recover` knows which are ours.
        write::recover(&dir);
        // A link with serve's name is not serve's folder: nothing is removed through it.
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            remove(&dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_scratch_folders_go_and_foreign_files_stay() {
        let tmp = tempfile::tempdir().unwrap();
        let at = |name: &str| tmp.path().join(name);
        let put = |dir: &Path, file: &str| {
            std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
            std::fs::write(dir.join(file), "x").unwrap();
        };
        // No process has these ids on Linux (pid_max is at most 2^22).
        let dead = at(&format!("{PREFIX}4294967295"));
        put(&dead, "a/index.html");
        Manifest::of(["a/index.html".to_string()])
            .save(&dead)
            .unwrap();
        let half = at(&format!(".{PREFIX}4294967295.tmp-4294967295"));
        put(&half, "index.html");
        put(&half, write::leftovers::MARKER);
        // Named like a build's folder, without the mark of one: not ours.
        let lookalike = at(&format!(".{PREFIX}4294967295.tmp-4294967293"));
        put(&lookalike, "work.docx");
        let other = at(&format!("{PREFIX}4294967294"));
        put(&other, "mine.txt");
        let published = at("published");
        put(&published, "a/index.html");
        Manifest::of(["a/index.html".to_string()])
            .save(&published)
            .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&published, at(&format!("{PREFIX}4294967292"))).unwrap();
        remove_stale(tmp.path());
        assert!(!dead.exists() && !half.exists());
        // Not ours (no manifest, no mark): left alone; nothing removed through a link.
        assert!(other.join("mine.txt").exists());
        assert!(lookalike.join("work.docx").exists());
        assert!(published.join("a/index.html").exists());
    }
}
