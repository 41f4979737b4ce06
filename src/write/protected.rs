//! Folders no build may replace, whatever the user asks: the root and the folders right
//! under it, home folders, the current folder, a site and the folders holding it, the
//! source folders of a site (wherever their links lead), and git repositories.

use super::target::{Refusal, SOURCES};
use std::path::{Component, Path, PathBuf};

/// Refuses `real` (the output's real path, named `shown`) if no build may replace it.
/// `root` is the real path of the site being built, `site` the site as the user named it.
pub fn refuse(shown: &Path, real: &Path, root: &Path, site: &Path) -> Result<(), Refusal> {
    let shown_buf = || shown.to_path_buf();
    let named = real
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .count();
    if named <= 1 {
        return Err(Refusal::System(shown_buf()));
    }
    if root.starts_with(real) {
        let is_link = std::fs::symlink_metadata(shown).is_ok_and(|m| m.file_type().is_symlink());
        return Err(match is_link {
            true => Refusal::LinkToSite(shown_buf()),
            false => Refusal::Site {
                shown: shown_buf(),
                root: site.to_path_buf(),
                suggest: site.join("public"),
            },
        });
    }
    if homes().iter().any(|h| h.starts_with(real)) {
        return Err(Refusal::Home(shown_buf()));
    }
    own_sources(shown, real, root)?;
    other_sources(shown, real)?;
    if in_git(real) {
        return Err(Refusal::Git(shown_buf()));
    }
    let cwd = std::env::current_dir().and_then(|d| d.canonicalize());
    if cwd.is_ok_and(|d| d.starts_with(real)) {
        return Err(Refusal::Current(shown_buf()));
    }
    Ok(())
}

/// The site's source folders, by name and where their links really lead: the output may
/// be neither inside one nor hold one.
fn own_sources(shown: &Path, real: &Path, root: &Path) -> Result<(), Refusal> {
    for dir in &SOURCES[..4] {
        let named = root.join(dir);
        let resolved = named.canonicalize().ok();
        let mut places = std::iter::once(named.clone()).chain(resolved.clone());
        if places.any(|p| real.starts_with(p)) {
            return Err(Refusal::InsideSources {
                shown: shown.to_path_buf(),
                source_dir: dir,
            });
        }
        if let Some(r) = resolved.filter(|r| r.starts_with(real)) {
            return Err(Refusal::HoldsSources {
                shown: shown.to_path_buf(),
                found: format!("{dir}/ → {}", r.display()),
            });
        }
    }
    Ok(())
}

/// The output inside a source folder of any site above it (a folder holding
/// `metodist.toml` or `content/`), not only the one being built.
fn other_sources(shown: &Path, real: &Path) -> Result<(), Refusal> {
    for site in real.ancestors().skip(1) {
        let is_site = site.join("metodist.toml").is_file() || site.join("content").is_dir();
        if !is_site {
            continue;
        }
        if let Some(dir) = SOURCES[..4].iter().find(|d| real.starts_with(site.join(d))) {
            return Err(Refusal::InsideSources {
                shown: shown.to_path_buf(),
                source_dir: dir,
            });
        }
    }
    Ok(())
}

/// Whether `real` is a git repository (`.git`, a bare one) or lies inside one.
fn in_git(real: &Path) -> bool {
    real.ancestors().any(|d| {
        d.file_name().is_some_and(|n| n == ".git")
            || (d.join("HEAD").is_file() && d.join("objects").is_dir() && d.join("refs").is_dir())
    })
}

/// Home folders, links resolved: the one `HOME` names, the one the system gives the
/// user, and those of every person's account (root and uid from 1000): under `sudo`,
/// `HOME` is root's while the folder at risk is the user's.
fn homes() -> Vec<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let named = std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    named
        .into_iter()
        .chain(std::env::home_dir())
        .chain(account_homes())
        .filter_map(|h| h.canonicalize().ok())
        .collect()
}

/// The home folders of people's accounts in `/etc/passwd` (`name:x:uid:gid:…:home:shell`).
fn account_homes() -> Vec<PathBuf> {
    std::fs::read_to_string("/etc/passwd")
        .map(|text| homes_in(&text))
        .unwrap_or_default()
}

fn homes_in(passwd: &str) -> Vec<PathBuf> {
    passwd
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            let uid: u32 = fields.get(2)?.parse().ok()?;
            let home = PathBuf::from(fields.get(5)?);
            (uid == 0 || (1000..65534).contains(&uid)).then_some(home)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_s_homes_are_read_from_the_accounts() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\n\
                      daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n\
                      www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n\
                      ivanova:x:1000:1000:Иванова А. А.:/home/ivanova:/bin/bash\n\
                      nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n\
                      broken line\n";
        assert_eq!(
            homes_in(passwd),
            [PathBuf::from("/root"), PathBuf::from("/home/ivanova")]
        );
    }
}
