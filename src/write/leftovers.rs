//! What builds leave beside the output folder, and how the next build deals with it.
//!
//! A build writes into `.<out>.tmp-<pid>`, marked by [`MARKER`] until it is finished and
//! listed in its manifest; it then exchanges that folder with the output (or, where the
//! system cannot, moves the output aside to `.<out>.old-<pid>` first). A killed build can
//! leave either. Such a folder is removed whole only while it carries the marker (a build
//! of ours was filling it); one carrying a manifest is an output of ours and is removed
//! as far as its manifest goes; anything else with a look-alike name is not ours and is
//! left alone.

use super::manifest::Manifest;
use super::Prior;
use std::path::{Path, PathBuf};

/// The file that marks a folder a build is still writing.
pub const MARKER: &str = ".metodist-building";

/// How many numbered names to try for a folder of kept files.
const KEPT_NAMES: u32 = 100;

/// The name of the output folder, for its siblings.
pub(crate) fn out_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// A sibling of `out` that no other build uses at the same time.
pub(crate) fn sibling(out: &Path, tag: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{tag}-{}", out_name(out), std::process::id()))
}

/// Holds the folder beside `out` (its parent) locked while a build writes there, so that
/// two builds of one output run one after the other instead of taking each other's files
/// for foreign ones. Where folders cannot be locked, nothing is held.
pub fn lock_beside(out: &Path) -> Option<std::fs::File> {
    let parent = match out.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return None,
    };
    let dir = std::fs::File::open(parent).ok()?;
    match dir.try_lock() {
        Ok(()) => Some(dir),
        Err(std::fs::TryLockError::WouldBlock) => {
            crate::errln!(
                "в «{}» сейчас пишет другая сборка metodist; жду, пока она закончит…",
                parent.display()
            );
            dir.lock().ok().map(|()| dir)
        }
        Err(_) => None,
    }
}

/// Marks `dir` as a folder of ours to be removed whole.
pub(crate) fn mark(dir: &Path) -> std::io::Result<()> {
    std::fs::write(dir.join(MARKER), "metodist\n")
}

/// Removes a marked folder, its mark last: a removal cut short by a kill leaves a folder
/// still marked, which the next build removes.
pub(crate) fn remove_marked(dir: &Path) -> bool {
    let marker = dir.join(MARKER);
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .contents_first(true);
    for e in entries.into_iter().flatten() {
        let path = e.path();
        let _ = match e.file_type().is_dir() {
            true => std::fs::remove_dir(path),
            false if path == marker => Ok(()),
            false => std::fs::remove_file(path),
        };
    }
    let _ = std::fs::remove_file(&marker);
    std::fs::remove_dir(dir).is_ok() || !dir.exists()
}

/// Removes a folder a build of ours made and no longer needs: whole while it is marked,
/// as far as its manifest goes once it is sealed.
pub(crate) fn discard(dir: &Path) {
    if is_building(dir) {
        remove_marked(dir);
    } else if let Some(m) = Manifest::read(dir) {
        m.remove_from(dir);
    }
}

/// Whether a build of ours is (or was, when it was killed) still writing `dir`.
pub(crate) fn is_building(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
        && !std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink())
}

/// Repairs what interrupted builds left beside `out` (a real path): an old output moved
/// aside is put back if `out` is missing; unfinished builds of ours are removed; old
/// outputs are removed as far as their manifests go. Returns the folders where files
/// metodist did not write were kept. Best effort: what cannot be removed now is removed
/// by a later build.
pub fn recover(out: &Path) -> Vec<PathBuf> {
    let mut dead = leftovers(out);
    if !out.exists() {
        // The newest output moved aside is the one the killed build was replacing.
        let newest = dead
            .iter()
            .filter(|l| l.old && Manifest::read(&l.path).is_some())
            .max_by_key(|l| l.modified)
            .map(|l| l.path.clone());
        if let Some(old) = newest {
            if std::fs::rename(&old, out).is_ok() {
                dead.retain(|l| l.path != old);
            }
        }
    }
    let mut kept = Vec::new();
    for l in dead {
        if is_building(&l.path) {
            remove_marked(&l.path);
        } else if let Some(m) = Manifest::read(&l.path) {
            kept.extend(dispose(&l.path, &Prior::Ours(m), out));
        } else {
            // Killed before it could mark its folder, or after it had removed the
            // manifest of an old output but not yet its emptied folders: empty folders
            // are nobody's loss. A folder holding any file is left as it is.
            if holds_no_files(&l.path) {
                super::manifest::remove_empty_dirs(&l.path);
            }
        }
    }
    kept
}

/// Whether `dir` holds folders only (links and files count as content).
fn holds_no_files(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .all(|e| e.is_ok_and(|e| e.file_type().is_dir()))
}

/// A folder beside the output named like a build's, of a process no longer running.
struct Leftover {
    path: PathBuf,
    /// An output moved aside (`old`), not a build's own folder (`tmp`).
    old: bool,
    modified: Option<std::time::SystemTime>,
}

fn leftovers(out: &Path) -> Vec<Leftover> {
    let parent = match out.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return Vec::new(),
    };
    let prefix = format!(".{}.", out_name(out));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        let (Ok(pid), true) = (pid.parse::<u32>(), matches!(kind, "tmp" | "old")) else {
            continue;
        };
        // A link with such a name is nobody's build folder.
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let modified = e.metadata().and_then(|m| m.modified()).ok();
        // Our own process id too: nothing of this build exists yet when it repairs, so
        // such a folder is a dead build's that had the same id (a container's pid 1).
        if pid == std::process::id() || !build_may_run(pid, modified) {
            found.push(Leftover {
                path: e.path(),
                old: kind == "old",
                modified,
            });
        }
    }
    found
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

/// Removes an old output moved aside: wholly if the user forced it, otherwise only the
/// files metodist wrote. Anything else found there (a file saved into the output while
/// the build ran) is kept in a visible folder beside the output, whose path is returned;
/// if no such folder can be made, the path where the files still are.
pub(crate) fn dispose(old: &Path, prior: &Prior, out: &Path) -> Option<PathBuf> {
    let clean = match prior {
        Prior::Forced => mark(old).is_ok() && remove_marked(old),
        Prior::Ours(m) => m.remove_from(old),
        Prior::Missing | Prior::Empty => Manifest::default().remove_from(old),
    };
    if clean {
        return None;
    }
    let pid = std::process::id();
    let name = out_name(out);
    for n in 1..=KEPT_NAMES {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let kept = out.with_file_name(format!("{name}.сохранено-{pid}{suffix}"));
        // Never onto something that exists: a rename would replace an empty folder.
        if std::fs::symlink_metadata(&kept).is_err() && std::fs::rename(old, &kept).is_ok() {
            return Some(kept);
        }
    }
    Some(old.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marked_builds_go_whole_and_old_outputs_go_by_their_manifest() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let put = |dir: &Path, file: &str| {
            std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
            std::fs::write(dir.join(file), "x").unwrap();
        };
        put(&out, "index.html");
        // No process has these ids on Linux (pid_max is at most 2^22).
        let building = tmp.path().join(".out.tmp-4294967295");
        put(&building, "index.html");
        put(&building, MARKER);
        // An old output swapped out by a build killed before removing it, with a file
        // saved into it during that build.
        let swapped = tmp.path().join(".out.tmp-4294967294");
        put(&swapped, "index.html");
        Manifest::of(["index.html".to_string()])
            .save(&swapped)
            .unwrap();
        put(&swapped, "saved.docx");
        let users = tmp.path().join(".out.old-4294967293");
        put(&users, "plan.docx");
        let kept = recover(&out);
        assert!(!building.exists());
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].join("saved.docx").exists() && !kept[0].join("index.html").exists());
        assert!(users.join("plan.docx").exists());
        assert!(out.join("index.html").exists());
    }

    #[test]
    fn a_leftover_with_this_process_id_is_a_dead_build_s() {
        // As in a container, where every build is pid 1: the old output a killed build
        // swapped out, with a file saved into it meanwhile.
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let swapped = sibling(&out, "tmp");
        std::fs::create_dir_all(&swapped).unwrap();
        std::fs::write(swapped.join("index.html"), "x").unwrap();
        Manifest::of(["index.html".to_string()])
            .save(&swapped)
            .unwrap();
        std::fs::write(swapped.join("saved.docx"), "x").unwrap();
        let kept = recover(&out);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].join("saved.docx").exists() && !swapped.exists());
    }

    #[test]
    fn an_old_output_killed_after_its_manifest_went_leaves_no_empty_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let emptied = tmp.path().join(".out.tmp-4294967295");
        std::fs::create_dir_all(emptied.join("news/novost")).unwrap();
        let users = tmp.path().join(".out.old-4294967294");
        std::fs::create_dir_all(users.join("empty")).unwrap();
        std::fs::write(users.join("plan.docx"), "x").unwrap();
        assert!(recover(&out).is_empty());
        assert!(!emptied.exists());
        assert!(users.join("plan.docx").exists() && users.join("empty").exists());
    }

    #[test]
    fn a_marked_folder_goes_whole_and_its_mark_last() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/c.html"), "x").unwrap();
        mark(&dir).unwrap();
        assert!(is_building(&dir));
        assert!(remove_marked(&dir));
        assert!(!dir.exists());
    }
}
