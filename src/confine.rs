//! Confinement: metodist reads and publishes only files whose real path (after every
//! symbolic link) lies inside the site folder, and only regular files.
//!
//! A site comes from git, and git keeps symbolic links: a link to `/etc/passwd`, to a
//! home folder or to `/proc/self/environ` must never be read, let alone published.
//! The site root is resolved once ([`SiteRoot`]); each file is resolved, checked, and
//! then opened through the resolved path in a way that refuses any symbolic link
//! appearing on it later ([`open_regular`]), so the check cannot be raced.

use crate::diag::{display_path, Diagnostic};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The site folder as given and as resolved.
#[derive(Debug, Clone)]
pub struct SiteRoot {
    shown: PathBuf,
    real: PathBuf,
}

/// Why a file of the site is not read.
#[derive(Debug)]
pub enum Refusal {
    /// The real path lies outside the site. `link` is the symbolic link that leads out
    /// (with the target it names), or `None` when the path itself climbs out (`../..`).
    Outside {
        /// The path that was asked for.
        path: PathBuf,
        /// The link leading out and its target as written in the link.
        link: Option<(PathBuf, PathBuf)>,
        /// Where the path really leads.
        real: PathBuf,
    },
    /// A FIFO, a socket, a device or a folder: never opened (a FIFO would hang).
    Special(PathBuf),
    /// A symbolic link whose target does not exist.
    Broken {
        /// The link.
        link: PathBuf,
        /// Its target as written.
        target: PathBuf,
    },
    /// Any other failure to resolve the path (missing file, no permission).
    Io(PathBuf, io::Error),
}

impl SiteRoot {
    /// Resolves `root` once; a root that cannot be resolved (missing) is kept as given.
    pub fn new(root: &Path) -> SiteRoot {
        let shown = root.to_path_buf();
        let real = root.canonicalize().unwrap_or_else(|_| shown.clone());
        SiteRoot { shown, real }
    }

    /// The site folder as given (for display).
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Whether a resolved path lies inside the site.
    pub fn contains(&self, real: &Path) -> bool {
        real.starts_with(&self.real)
    }

    /// Resolves `path` (under the site folder as given) to its real path, refusing one
    /// outside the site, a broken link, and anything but a regular file.
    pub fn resolve_file(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = self.resolve(path)?;
        match std::fs::metadata(&real) {
            Ok(m) if m.is_file() => Ok(real),
            Ok(_) => Err(Refusal::Special(path.to_path_buf())),
            Err(e) => Err(Refusal::Io(path.to_path_buf(), e)),
        }
    }

    /// Resolves `path` to its real path inside the site, of any type.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = match path.canonicalize() {
            Ok(r) => r,
            Err(e) => {
                return Err(match self.broken_link(path) {
                    Some((link, target)) => Refusal::Broken { link, target },
                    None => Refusal::Io(path.to_path_buf(), e),
                })
            }
        };
        if self.contains(&real) {
            Ok(real)
        } else {
            Err(Refusal::Outside {
                path: path.to_path_buf(),
                link: self.link_out(path),
                real,
            })
        }
    }

    /// The first symbolic link on `path` (below the site folder) that leads outside.
    fn link_out(&self, path: &Path) -> Option<(PathBuf, PathBuf)> {
        self.links_on(path)
            .find(|link| link.canonicalize().is_ok_and(|real| !self.contains(&real)))
            .and_then(|link| std::fs::read_link(&link).ok().map(|t| (link, t)))
    }

    /// The first symbolic link on `path` whose target is missing.
    fn broken_link(&self, path: &Path) -> Option<(PathBuf, PathBuf)> {
        self.links_on(path)
            .find(|link| link.canonicalize().is_err())
            .and_then(|link| std::fs::read_link(&link).ok().map(|t| (link, t)))
    }

    /// The prefixes of `path` below the site folder that are symbolic links.
    fn links_on<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = PathBuf> + 'a {
        // Only links the site holds: above it (or for a path not under it) none count.
        let (mut cur, rest) = match path.strip_prefix(&self.shown) {
            Ok(rest) => (self.shown.clone(), rest),
            Err(_) => (PathBuf::new(), Path::new("")),
        };
        rest.components().filter_map(move |c| {
            cur.push(c);
            cur.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
                .then(|| cur.clone())
        })
    }
}

impl Refusal {
    /// The diagnostic for this refusal, located in the file that asked (`at`, the page
    /// naming the file) or, when `at` is `None`, at the refused path itself.
    pub fn diagnostic(&self, root: &Path, at: Option<&Path>) -> Diagnostic {
        let shown = |p: &Path| display_path(root, p);
        let place = |p: &Path| at.map_or_else(|| shown(p), Path::to_path_buf);
        // Located at the path itself, the path need not be repeated in the message.
        let named = |what: &str, p: &Path| match at {
            Some(_) => format!("{what} {}", shown(p).display()),
            None => what.to_string(),
        };
        match self {
            Refusal::Outside { path, link, real } => {
                let d = match link {
                    Some((link, target)) => Diagnostic::error(
                        place(link),
                        format!(
                            "{} ведёт за пределы папки сайта",
                            named("символическая ссылка", link)
                        ),
                    )
                    .snippet(format!(
                        "{} → {}",
                        shown(link).display(),
                        target.display()
                    )),
                    None => Diagnostic::error(
                        place(path),
                        format!("{} ведёт за пределы папки сайта", named("путь", path)),
                    )
                    .snippet(format!(
                        "{} → {}",
                        shown(path).display(),
                        real.display()
                    )),
                };
                d.hint(
                    "metodist читает и публикует только файлы из папки сайта: \
                     скопируйте нужный файл в папку сайта вместо ссылки",
                )
            }
            Refusal::Special(path) => Diagnostic::warning(
                place(path),
                format!(
                    "{}не обычный файл (канал, сокет, устройство или папка), пропущен",
                    at.map_or_else(String::new, |_| format!("{} — ", shown(path).display()))
                ),
            )
            .hint("положите на его место обычный файл или удалите его"),
            Refusal::Broken { link, target } => Diagnostic::error(
                place(link),
                format!(
                    "{} ведёт в несуществующий файл",
                    named("символическая ссылка", link)
                ),
            )
            .snippet(format!("{} → {}", shown(link).display(), target.display()))
            .hint("исправьте или удалите ссылку"),
            Refusal::Io(path, e) => Diagnostic::error(
                place(path),
                format!("{}: {}", named("не удалось прочитать", path), io_ru(e)),
            ),
        }
    }
}

/// An I/O error in Russian, for the common kinds; the system's text otherwise.
pub fn io_ru(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "файл не найден".into(),
        io::ErrorKind::PermissionDenied => "нет прав на чтение".into(),
        _ if e.raw_os_error() == Some(LOOP_ERRNO) => {
            "на пути к файлу появилась символическая ссылка во время сборки".into()
        }
        _ => e.to_string(),
    }
}

/// ELOOP: what opening without following links reports for a link on the path.
#[cfg(target_os = "linux")]
const LOOP_ERRNO: i32 = 40;
#[cfg(not(target_os = "linux"))]
const LOOP_ERRNO: i32 = 62;

/// Opens a resolved path for reading, only if it is a regular file and no symbolic link
/// has appeared on the path since it was resolved (Linux: `openat2` with
/// `RESOLVE_NO_SYMLINKS`; elsewhere the last component is opened without following a
/// link). Opened without blocking, so a FIFO put in a file's place cannot hang the build.
pub fn open_regular(real: &Path) -> io::Result<File> {
    let file = open_no_symlinks(real)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(io::Error::other(
            "не обычный файл (канал, сокет, устройство или папка)",
        ))
    }
}

#[cfg(target_os = "linux")]
fn open_no_symlinks(p: &Path) -> io::Result<File> {
    use rustix::fs::{openat2, Mode, OFlags, ResolveFlags, CWD};
    use rustix::io::Errno;
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    match openat2(CWD, p, flags, Mode::empty(), ResolveFlags::NO_SYMLINKS) {
        Ok(fd) => Ok(File::from(fd)),
        // Kernels before 5.6, or a sandbox that forbids the call: the last component
        // at least is not followed.
        Err(Errno::NOSYS | Errno::PERM) => Ok(File::from(rustix::fs::open(
            p,
            flags | OFlags::NOFOLLOW,
            Mode::empty(),
        )?)),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn open_no_symlinks(p: &Path) -> io::Result<File> {
    open_nofollow(p)
}

#[cfg(all(unix, not(target_os = "linux")))]
fn open_nofollow(p: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK | O_NOFOLLOW on macOS and the BSDs.
    const FLAGS: i32 = 0x0004 | 0x0100;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(FLAGS)
        .open(p)
}

#[cfg(not(unix))]
fn open_nofollow(p: &Path) -> io::Result<File> {
    File::open(p)
}

/// Reads at most `limit` bytes of a resolved regular file (see [`open_regular`]).
pub fn read(real: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_regular(real)?;
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Copies a resolved regular file (see [`open_regular`]) to `to`.
pub fn copy(real: &Path, to: &Path) -> io::Result<u64> {
    let mut from = open_regular(real)?;
    let mut out = File::create(to)?;
    io::copy(&mut from, &mut out)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_pass_links_outside_are_named() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        std::fs::write(root.join("content/a/real.txt"), "ok").unwrap();
        symlink("real.txt", root.join("content/a/inside.txt")).unwrap();
        symlink(outside.path(), root.join("content/out")).unwrap();
        let s = SiteRoot::new(root);
        assert!(s.resolve_file(&root.join("content/a/inside.txt")).is_ok());
        match s.resolve_file(&root.join("content/out/secret")) {
            Err(Refusal::Outside {
                link: Some((link, target)),
                ..
            }) => {
                assert_eq!(link, root.join("content/out"));
                assert_eq!(target, outside.path());
            }
            other => panic!("{other:?}"),
        }
        match s.resolve_file(&root.join("content/a/../../..").join("x")) {
            Err(Refusal::Outside { link: None, .. } | Refusal::Io(..)) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn open_regular_refuses_a_fifo_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            assert!(std::env::var("CI").is_err(), "mkfifo is needed in CI");
            eprintln!("пропущено: нет mkfifo");
            return;
        }
        assert!(open_regular(&fifo).is_err());
    }

    #[test]
    fn open_regular_refuses_a_link_appearing_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), "x").unwrap();
        symlink(dir.path().join("f"), dir.path().join("l")).unwrap();
        assert!(open_regular(&dir.path().join("f")).is_ok());
        assert!(open_regular(&dir.path().join("l")).is_err());
    }
}
