//! When each page last changed: front matter `updated`, else git history, else file time.

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// Last commit date of every file in the site's git repository, if it is one.
#[derive(Debug, Default)]
pub struct GitDates {
    by_path: HashMap<PathBuf, NaiveDate>,
}

impl GitDates {
    /// Reads the whole history once: one `git log` for all files keeps this linear.
    pub fn read(root: &Path) -> GitDates {
        let Ok(top) = Command::new("git")
            .args(["rev-parse", "--show-toplevel"])
            .current_dir(root)
            .output()
        else {
            return GitDates::default();
        };
        if !top.status.success() {
            return GitDates::default();
        }
        let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
        let Ok(log) = Command::new("git")
            .args([
                "log",
                "--format=%x00%cs",
                "--name-only",
                "--no-renames",
                "-z",
                "--",
                ".",
            ])
            .current_dir(root)
            .output()
        else {
            return GitDates::default();
        };
        let text = String::from_utf8_lossy(&log.stdout);
        let mut by_path = HashMap::new();
        let mut current: Option<NaiveDate> = None;
        for field in text.split('\0') {
            let field = field.trim_matches('\n');
            if field.is_empty() {
                continue;
            }
            if let Ok(d) = NaiveDate::parse_from_str(field, "%Y-%m-%d") {
                current = Some(d);
                continue;
            }
            // With -z the date and the first file name share a field: "date\nname".
            let name = match field.split_once('\n') {
                Some((date, name)) => {
                    current = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().or(current);
                    name
                }
                None => field,
            };
            if let Some(d) = current {
                by_path.entry(top.join(name)).or_insert(d);
            }
        }
        GitDates { by_path }
    }

    /// The last commit date of `abs`, if the file is in history.
    pub fn get(&self, abs: &Path) -> Option<NaiveDate> {
        let canon = abs.canonicalize().ok()?;
        self.by_path
            .get(&canon)
            .or_else(|| self.by_path.get(abs))
            .copied()
    }
}

/// The date a page shows as «обновлено».
pub fn updated(
    front: Option<NaiveDate>,
    git: &GitDates,
    abs: &Path,
    modified: Option<SystemTime>,
) -> Option<NaiveDate> {
    front
        .or_else(|| git.get(abs))
        .or_else(|| modified.map(|m| DateTime::<Utc>::from(m).date_naive()))
}
