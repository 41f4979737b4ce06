//! Where `metodist serve` builds when no `-o` is given: a private folder of its own in the
//! system's temporary folder (`metodist-serve-<pid>-<random>`, made fresh and readable by
//! the user only), with the site in `site/` inside it. A serve that is killed mid-rebuild
//! then never leaves the user's `public/` half-updated. The folder is removed when serve
//! stops, and the folders of serves that were killed are removed by the next one.

use crate::write::{self, leftovers, Manifest};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

const PREFIX: &str = "metodist-serve-";

/// A fresh private folder for this serve, after removing those of serves no longer
/// running. Returns the folder; the site is built into its `site/`.
pub fn folder() -> Result<PathBuf> {
    let tmp = std::env::temp_dir();
    remove_stale(&tmp);
    let dir = tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .tempdir_in(&tmp)
        .with_context(|| format!("не удалось создать временную папку в «{}»", tmp.display()))?;
    Ok(dir.keep())
}

/// The site's output inside a serve folder.
pub fn site(dir: &Path) -> PathBuf {
    dir.join("site")
}

/// Removes this serve's folder when serve stops. Everything in it is serve's own (the
/// folder was made fresh and private), down to the files a background search index was
/// writing, which no manifest lists yet. Marked first and the mark removed last, so a
/// removal cut short is finished by the next serve.
pub fn remove_own(dir: &Path) {
    if leftovers::mark(dir).is_ok() {
        leftovers::remove_marked(dir);
    }
}

/// Removes the folders of serves whose process is gone: a folder whose removal was cut
/// short (marked), or one holding only a built site and what its builds left beside it.
/// A folder with anything else in it, or a link with such a name, is left alone.
fn remove_stale(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(PREFIX) else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(pid) = digits.parse::<u32>() else {
            continue;
        };
        let modified = e.metadata().and_then(|m| m.modified()).ok();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || pid == std::process::id() || write::build_may_run(pid, modified) {
            continue;
        }
        let dir = e.path();
        if leftovers::is_building(&dir) {
            leftovers::remove_marked(&dir);
            continue;
        }
        let out = site(&dir);
        write::recover(&out);
        if let Some(m) = Manifest::read(&out) {
            m.remove_from(&out);
        }
        // Only if nothing else is left in it.
        let _ = std::fs::remove_dir(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_serve_folders_go_and_foreign_files_stay() {
        let tmp = tempfile::tempdir().unwrap();
        let at = |name: &str| tmp.path().join(name);
        let put = |dir: &Path, file: &str| {
            std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
            std::fs::write(dir.join(file), "x").unwrap();
        };
        // No process has these ids on Linux (pid_max is at most 2^22).
        let dead = at(&format!("{PREFIX}4294967295-aaaa"));
        put(&site(&dead), "a/index.html");
        Manifest::of(["a/index.html".to_string()])
            .save(&site(&dead))
            .unwrap();
        put(&dead, ".site.tmp-4294967295/index.html");
        put(
            &dead,
            &format!(".site.tmp-4294967295/{}", leftovers::MARKER),
        );
        // A removal cut short: marked, whatever is left in it.
        let cut = at(&format!("{PREFIX}4294967295-bbbb"));
        put(&cut, "site/x/index.html");
        put(&cut, leftovers::MARKER);
        // Named like serve's, but not serve's: files and empty folders stay.
        let other = at(&format!("{PREFIX}4294967294-cccc"));
        put(&other, "mine.txt");
        std::fs::create_dir_all(other.join("empty")).unwrap();
        let empty_only = at(&format!("{PREFIX}4294967294-dddd"));
        std::fs::create_dir_all(empty_only.join("deeper")).unwrap();
        let published = at("published");
        put(&published, "a/index.html");
        Manifest::of(["a/index.html".to_string()])
            .save(&published)
            .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&published, at(&format!("{PREFIX}4294967292-eeee"))).unwrap();
        remove_stale(tmp.path());
        assert!(!dead.exists() && !cut.exists());
        assert!(other.join("mine.txt").exists() && other.join("empty").exists());
        assert!(empty_only.join("deeper").exists());
        assert!(published.join("a/index.html").exists());
    }
}
