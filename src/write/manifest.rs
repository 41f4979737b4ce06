//! The manifest: the list of files metodist wrote into an output folder, kept in the
//! folder itself. It is what makes a folder «ours»: a later build replaces only a folder
//! that carries it, and removes only the files it lists.

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The manifest's file name inside the output folder.
pub const FILE: &str = ".metodist-manifest";

/// The first line; a file that does not start with it is not our manifest.
const HEADER: &str = "# metodist: эту папку собрал metodist, он заменяет её при каждой сборке.";

/// The files of an output folder, as paths relative to it with `/` separators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    files: BTreeSet<String>,
}

impl Manifest {
    /// A manifest of these relative paths.
    pub fn of(files: impl IntoIterator<Item = String>) -> Manifest {
        Manifest {
            files: files.into_iter().collect(),
        }
    }

    /// The manifest of everything under `dir` (a folder metodist has just written).
    pub fn of_tree(dir: &Path) -> io::Result<Manifest> {
        let mut files = BTreeSet::new();
        for entry in WalkDir::new(dir).min_depth(1).follow_links(false) {
            let entry = entry?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = rel_name(dir, entry.path());
            if rel != FILE && rel != super::leftovers::MARKER {
                files.insert(rel);
            }
        }
        Ok(Manifest { files })
    }

    /// The manifest in `dir`, or `None` if the folder carries none.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let path = dir.join(FILE);
        // A link could point the manifest at any file: only a plain file counts.
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let files: BTreeSet<String> = lines
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                l.strip_prefix('\\')
                    .filter(|r| r.starts_with('#'))
                    .unwrap_or(l)
                    .to_string()
            })
            .collect();
        // We never write a path that leaves the folder; a manifest that lists one was
        // made by someone else, and the folder is not ours.
        files
            .iter()
            .all(|f| stays_inside(f))
            .then_some(Manifest { files })
    }

    /// Writes the manifest into `dir`, through a temporary file.
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        let mut text = String::with_capacity(self.files.len() * 48 + HEADER.len() + 200);
        text.push_str(HEADER);
        text.push_str(
            "\n# Не удаляйте этот файл: без него metodist не станет писать в эту папку.\n",
        );
        for f in &self.files {
            // A name starting with `#` would read as a comment.
            if f.starts_with('#') {
                text.push('\\');
            }
            text.push_str(f);
            text.push('\n');
        }
        let tmp = dir.join(format!("{FILE}.tmp-{}", std::process::id()));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, dir.join(FILE))
    }

    /// Adds a file.
    pub fn insert(&mut self, rel: String) {
        self.files.insert(rel);
    }

    /// Removes a file.
    pub fn remove(&mut self, rel: &str) {
        self.files.remove(rel);
    }

    /// Removes `prefix` and everything under `prefix/`.
    pub fn remove_under(&mut self, prefix: &str) {
        let dir = format!("{prefix}/");
        self.files.retain(|f| f != prefix && !f.starts_with(&dir));
    }

    /// Whether the manifest lists this relative path.
    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains(rel)
    }

    /// The listed paths.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    /// Removes from `dir` the files this manifest lists and the folders left empty. Returns
    /// true if `dir` is then gone; if something metodist did not write is still there, the
    /// folder and its manifest stay, so a later build still knows the folder for its own.
    pub fn remove_from(&self, dir: &Path) -> bool {
        let Ok(real_dir) = dir.canonicalize() else {
            return !dir.exists();
        };
        let mut inside: HashSet<PathBuf> = HashSet::new();
        for f in self.files.iter().filter(|f| stays_inside(f)) {
            let path = dir.join(decode(f));
            // Never through a link: a listed name that is a link is removed as a link,
            // and nothing is removed in a folder that a link leads out of `dir`.
            let Some(parent) = path.parent() else {
                continue;
            };
            if !inside.contains(parent) {
                if !parent
                    .canonicalize()
                    .is_ok_and(|p| p.starts_with(&real_dir))
                {
                    continue;
                }
                inside.insert(parent.to_path_buf());
            }
            if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                let _ = std::fs::remove_file(&path);
            }
        }
        let manifest = dir.join(FILE);
        let only_manifest = WalkDir::new(dir)
            .min_depth(1)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .all(|e| e.file_type().is_dir() || e.path() == manifest);
        if only_manifest {
            let _ = std::fs::remove_file(&manifest);
        }
        remove_empty_dirs(dir);
        !dir.exists()
    }
}

/// `path` relative to `dir`, with `/` separators, as the manifest names it: one line of
/// text whatever the name holds (a backslash is `\\`, line breaks `\n` and `\r`, a byte that is
/// not UTF-8 `\xNN`), so that every name a folder can hold is listed exactly.
pub fn rel_name(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = rel.components().map(|c| encode(c.as_os_str())).collect();
    parts.join("/")
}

/// The path a manifest name stands for.
pub fn decode(rel: &str) -> PathBuf {
    let mut bytes = Vec::with_capacity(rel.len());
    let mut rest = rel;
    while let Some(i) = rest.find('\\') {
        bytes.extend_from_slice(&rest.as_bytes()[..i]);
        let tail = &rest[i + 1..];
        let hex = tail.strip_prefix('x').and_then(|t| t.get(..2));
        match (
            tail.chars().next(),
            hex.and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (Some('x'), Some(b)) => {
                bytes.push(b);
                rest = &tail[3..];
            }
            (Some('n'), _) => {
                bytes.push(b'\n');
                rest = &tail[1..];
            }
            (Some('r'), _) => {
                bytes.push(b'\r');
                rest = &tail[1..];
            }
            (Some(c), _) => {
                bytes.extend_from_slice(c.to_string().as_bytes());
                rest = &tail[c.len_utf8()..];
            }
            (None, _) => rest = tail,
        }
    }
    bytes.extend_from_slice(rest.as_bytes());
    path_of_bytes(bytes)
}

fn encode(name: &std::ffi::OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(unix)]
fn path_of_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_of_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether a relative path names something inside its folder: no root, no `..`.
fn stays_inside(rel: &str) -> bool {
    decode(rel)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Removes every empty folder under `dir`, deepest first, and `dir` itself if it ends up
/// empty. Folders holding anything stay.
pub fn remove_empty_dirs(dir: &Path) {
    let dirs: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    for d in dirs {
        // Fails, as it should, on a folder that is not empty.
        let _ = std::fs::remove_dir(&d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_names_are_listed_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut names = vec![
            "a b.html".to_string(),
            "x\\y\nz".into(),
            "# c".into(),
            "\\x41".into(),
            "file\r".into(),
        ];
        if cfg!(unix) {
            names.push("cp866-\u{fffd}".into());
        }
        for name in &names {
            let mut os = std::ffi::OsString::from(name.replace('\u{fffd}', ""));
            #[cfg(unix)]
            if name.contains('\u{fffd}') {
                use std::os::unix::ffi::OsStringExt;
                os = std::ffi::OsString::from_vec([os.into_vec(), vec![0x8f, 0xe0]].concat());
            }
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join(&os), "x").unwrap();
        }
        let m = Manifest::of_tree(&out).unwrap();
        m.save(&out).unwrap();
        assert_eq!(Manifest::read(&out).as_ref(), Some(&m));
        assert_eq!(m.files().count(), names.len());
        // Every listed name is found again, so removal leaves nothing.
        assert!(m.remove_from(&out), "{:?}", m);
    }

    #[test]
    fn a_file_without_the_header_is_no_manifest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "index.html\n").unwrap();
        assert_eq!(Manifest::read(dir.path()), None);
    }

    #[test]
    fn removal_keeps_what_is_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("a/b")).unwrap();
        std::fs::create_dir_all(out.join("empty")).unwrap();
        std::fs::write(out.join("a/b/page.html"), "p").unwrap();
        std::fs::write(out.join("a/mine.docx"), "x").unwrap();
        let m = Manifest::of(["a/b/page.html".to_string()]);
        m.save(&out).unwrap();
        assert!(!m.remove_from(&out));
        assert!(out.join("a/mine.docx").exists());
        assert!(!out.join("a/b").exists() && !out.join("empty").exists());
        // Still known for ours, with nothing of it left to remove.
        assert!(Manifest::read(&out).is_some());
        std::fs::remove_file(out.join("a/mine.docx")).unwrap();
        assert!(m.remove_from(&out));
    }

    #[test]
    fn a_manifest_naming_files_outside_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../../.bashrc", "/etc/passwd", "a/../../x"] {
            Manifest::of(["index.html".to_string(), bad.into()])
                .save(dir.path())
                .unwrap();
            assert_eq!(Manifest::read(dir.path()), None, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn removal_does_not_follow_a_link_out_of_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (out, home) = (dir.path().join("out"), dir.path().join("home"));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(home.join(".bashrc"), "x").unwrap();
        std::os::unix::fs::symlink(&home, out.join("link")).unwrap();
        // Listed under the link only, as a crafted manifest would.
        assert!(!Manifest::of(["link/.bashrc".to_string()]).remove_from(&out));
        assert!(home.join(".bashrc").exists());
        // Listed itself, the link goes and its target stays.
        Manifest::of(["link".to_string(), "link/.bashrc".into()]).remove_from(&out);
        assert!(home.join(".bashrc").exists() && !out.exists());
    }

    #[test]
    fn removal_under_a_prefix_takes_whole_folder_names() {
        let mut m = Manifest::of([
            "search/d/1.js".to_string(),
            "search/dd".into(),
            "search/d".into(),
        ]);
        m.remove_under("search/d");
        assert_eq!(m, Manifest::of(["search/dd".to_string()]));
    }
}
