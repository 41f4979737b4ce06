//! Which folder a build may write to. The output folder is checked once, before anything
//! is written: metodist replaces a folder only if it does not exist, is empty, or carries
//! the manifest of an earlier build ([`super::manifest`]) and nothing else. Some folders
//! are never replaced, whatever the user asks: the root, the home folder, the site itself
//! and anything holding a site's sources.

use super::manifest::{self, Manifest};
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// A site's source folders and files: a folder holding one of them is a site.
pub(crate) const SOURCES: [&str; 5] = ["content", "data", "templates", "static", "metodist.toml"];

/// Names of foreign files shown in a refusal.
const SHOWN: usize = 5;

/// An output folder a build may replace.
#[derive(Debug, Clone)]
pub struct OutputDir {
    /// The folder as the user named it, for messages.
    pub shown: PathBuf,
    /// Its real location, links resolved: the new output is swapped in here, so a link
    /// named as the output stays a link.
    pub real: PathBuf,
    /// What is there now.
    pub prior: Prior,
    /// Folders where files metodist did not write were kept while repairing what a
    /// killed build left beside the output.
    pub kept: Vec<PathBuf>,
}

/// What an output folder holds before the build.
#[derive(Debug, Clone)]
pub enum Prior {
    /// Nothing yet.
    Missing,
    /// A folder without files.
    Empty,
    /// The output of an earlier build, nothing else.
    Ours(Manifest),
    /// Files metodist did not write, which the user told it (`--force`) to remove.
    Forced,
}

/// Why a folder cannot be the output. The text is what the user reads.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// A file, not a folder.
    #[error("«{0}» — это файл, а не папка; укажите папку для сайта, например -o public")]
    NotAFolder(PathBuf),
    /// A link to nothing, or links in a loop.
    #[error(
        "«{shown}» ведёт через символическую ссылку «{link}», которая никуда не ведёт (её цели \
         нет или ссылки образуют цикл); исправьте ссылку или укажите другую папку"
    )]
    DanglingLink {
        /// The output as named.
        shown: PathBuf,
        /// The link that leads nowhere.
        link: PathBuf,
    },
    /// `/` or a folder right under it.
    #[error(
        "«{0}» — корень файловой системы или системная папка верхнего уровня; metodist туда не \
         пишет. Укажите отдельную папку для сайта, например -o public"
    )]
    System(PathBuf),
    /// The home folder or a folder holding it.
    #[error(
        "«{0}» — домашняя папка или папка, в которой она лежит; metodist не заменяет её даже с \
         --force. Укажите отдельную папку для сайта, например -o public"
    )]
    Home(PathBuf),
    /// The site folder or a folder holding it.
    #[error(
        "«{shown}» — папка сайта «{root}» или папка, в которой он лежит: сборка заменила бы \
         исходные файлы. Укажите отдельную папку, например -o {suggest}"
    )]
    Site {
        /// The output as named.
        shown: PathBuf,
        /// The site folder.
        root: PathBuf,
        /// A sensible output.
        suggest: PathBuf,
    },
    /// A link that leads to the site folder or a folder holding it.
    #[error(
        "«{0}» — символическая ссылка на папку сайта или папку, в которой он лежит: сборка \
         заменила бы исходные файлы. Удалите ссылку или направьте её на отдельную папку"
    )]
    LinkToSite(PathBuf),
    /// A git repository, a folder inside one, or a folder holding the site's sources.
    #[error(
        "«{0}» — репозиторий git или папка внутри него; metodist не пишет туда даже с \
         --force. Укажите отдельную папку для сайта, например -o public"
    )]
    Git(PathBuf),
    /// The current folder or a folder holding it.
    #[error(
        "«{0}» — текущая папка или папка, в которой она лежит; metodist не заменяет её. \
         Укажите отдельную папку, например -o public"
    )]
    Current(PathBuf),
    /// Inside `content/`, `data/`, `templates/` or `static/` of a site.
    #[error(
        "«{shown}» лежит внутри папки {source_dir}/ сайта: сборка заменила бы исходные \
         файлы или взяла бы собранный сайт как исходные. Укажите папку вне content/, data/, \
         templates/ и static/, например -o public"
    )]
    InsideSources {
        /// The output as named.
        shown: PathBuf,
        /// Which source folder.
        source_dir: &'static str,
    },
    /// A folder holding a site's sources.
    #[error(
        "в «{shown}» лежат исходные файлы сайта ({found}); это папка сайта, а не собранный \
         сайт, и metodist не заменяет её даже с --force. Укажите другую папку, например -o public"
    )]
    HoldsSources {
        /// The output as named.
        shown: PathBuf,
        /// The source folder or file found.
        found: String,
    },
    /// A folder with files metodist did not write.
    #[error(
        "в папке «{shown}» есть файлы, которые создал не metodist: {names}. metodist заменяет \
         только папки, которые собрал сам. Укажите новую или пустую папку; файлы, которые \
         должны попасть на сайт, положите в static/. Если содержимое папки не нужно, \
         запустите с --force: оно будет удалено"
    )]
    Foreign {
        /// The output as named.
        shown: PathBuf,
        /// Some of the files, quoted.
        names: String,
    },
    /// The folder could not be examined.
    #[error("не удалось проверить папку «{shown}»: {source}")]
    Io {
        /// The output as named.
        shown: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
}

/// Checks that the build of the site at `root` may write its output to `out`, and what
/// is there now. `force` allows replacing files metodist did not write, never the
/// folders refused whatever the user asks.
pub fn claim(root: &Path, out: &Path, force: bool) -> Result<OutputDir, Refusal> {
    let io = |source| Refusal::Io {
        shown: out.to_path_buf(),
        source,
    };
    let real_root = root.canonicalize().map_err(io)?;
    let real = real_path(out)?;
    super::protected::refuse(out, &real, &real_root, root)?;
    survey(out, &real, force)?;
    // What a killed build left beside the output is repaired only for a folder we may
    // replace, and then looked at again: an old output may have been put back.
    let kept = super::recover(&real);
    let prior = survey(out, &real, force)?;
    Ok(OutputDir {
        shown: out.to_path_buf(),
        real,
        prior,
        kept,
    })
}

/// The real location of `out`: every existing part resolved (links followed), the parts
/// that do not exist yet appended as written.
fn real_path(out: &Path) -> Result<PathBuf, Refusal> {
    let io = |source| Refusal::Io {
        shown: out.to_path_buf(),
        source,
    };
    let abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir().map_err(io)?.join(out)
    };
    let mut real = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => real.push(c),
            Component::CurDir => {}
            // `real` has no links in it, so going up by name is going up for real.
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                // A file on the way cannot hold a folder.
                if std::fs::metadata(&real).is_ok_and(|m| !m.is_dir()) {
                    return Err(Refusal::NotAFolder(real));
                }
                real.push(name);
                real = resolve_part(out, real)?;
            }
        }
    }
    match std::fs::metadata(&real) {
        Ok(m) if !m.is_dir() => Err(Refusal::NotAFolder(out.to_path_buf())),
        _ => Ok(real),
    }
}

/// `path` with its last part resolved if it exists; a link to nothing is refused.
fn resolve_part(out: &Path, path: PathBuf) -> Result<PathBuf, Refusal> {
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(path);
    };
    if !meta.file_type().is_symlink() {
        return Ok(path);
    }
    path.canonicalize().map_err(|_| Refusal::DanglingLink {
        shown: out.to_path_buf(),
        link: path.clone(),
    })
}

/// What the existing folder `real` holds, or why it may not be replaced.
fn survey(shown: &Path, real: &Path, force: bool) -> Result<Prior, Refusal> {
    if !real.exists() {
        return Ok(Prior::Missing);
    }
    let manifest = Manifest::read(real);
    // A file named like the manifest is ours only if it is our manifest.
    let ours = |rel: &str| {
        manifest
            .as_ref()
            .is_some_and(|m| rel == manifest::FILE || m.contains(rel))
    };
    for name in SOURCES {
        if !foreign_files(real, &real.join(name), &ours, 1).is_empty() {
            return Err(Refusal::HoldsSources {
                shown: shown.to_path_buf(),
                found: format!("{name}{}", if name.contains('.') { "" } else { "/" }),
            });
        }
    }
    let foreign = foreign_files(real, real, &ours, SHOWN + 1);
    if foreign.is_empty() {
        return Ok(manifest.map_or(Prior::Empty, Prior::Ours));
    }
    if force {
        return match nested_sources(real, &ours) {
            Some(found) => Err(Refusal::HoldsSources {
                shown: shown.to_path_buf(),
                found,
            }),
            None => Ok(Prior::Forced),
        };
    }
    let mut names: Vec<String> = foreign
        .iter()
        .take(SHOWN)
        .map(|f| format!("«{f}»"))
        .collect();
    if foreign.len() > SHOWN {
        names.push("и другие".into());
    }
    Err(Refusal::Foreign {
        shown: shown.to_path_buf(),
        names: names.join(", "),
    })
}

/// Up to `limit` entries under `dir` (a folder or a file inside `out`) that are not
/// folders and that `ours` does not claim, as paths relative to `out`. Links are not
/// followed: a link is itself an entry. An unreadable entry counts as foreign.
fn foreign_files(out: &Path, dir: &Path, ours: &dyn Fn(&str) -> bool, limit: usize) -> Vec<String> {
    let mut found = Vec::new();
    if std::fs::symlink_metadata(dir).is_err() {
        return found;
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let rel = match &entry {
            Ok(e) if e.file_type().is_dir() => continue,
            Ok(e) => manifest::rel_name(out, e.path()),
            Err(e) => manifest::rel_name(out, e.path().unwrap_or(dir)),
        };
        if ours(&rel) {
            continue;
        }
        found.push(rel);
        if found.len() >= limit {
            break;
        }
    }
    found
}

/// A site or a git repository anywhere in `out` among files metodist did not write:
/// `--force` never removes those. Returns what was found, as the user should read it.
fn nested_sources(out: &Path, ours: &dyn Fn(&str) -> bool) -> Option<String> {
    for entry in WalkDir::new(out).follow_links(false).into_iter().flatten() {
        let rel = manifest::rel_name(out, entry.path());
        if rel.is_empty() || ours(&rel) {
            continue;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        let name = parts.last().copied().unwrap_or_default();
        if name == ".git" || name == "metodist.toml" {
            return Some(rel);
        }
        let in_content = parts[..parts.len() - 1].contains(&"content");
        if in_content && name.to_ascii_lowercase().ends_with(".md") {
            let at = parts.iter().position(|p| *p == "content").unwrap_or(0);
            return Some(format!("{}/", parts[..=at].join("/")));
        }
    }
    None
}
