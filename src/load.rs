//! Load: reads the site folder (content, data, static, templates, config) into memory.
//!
//! Input: a site root. Output: [`Loaded`], every text decoded as UTF-8 with problems
//! (non-UTF-8, oversized files, symlink loops) recorded as diagnostics, not failures.

mod walk;

use crate::confine::SiteRoot;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walk::{walk, Found};

/// Largest content file we read; bigger files are reported, not loaded.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A text file read from the site.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators: `content/practices/a.md`.
    pub rel: PathBuf,
    /// Absolute path.
    pub abs: PathBuf,
    /// Text without a byte-order mark.
    pub text: String,
    /// Modification time, for the «обновлено» date when git has none.
    pub modified: Option<SystemTime>,
}

/// A non-Markdown file to copy as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the folder it was found in (`content/` or `static/`).
    pub rel: PathBuf,
    /// Absolute path.
    pub abs: PathBuf,
    /// The real path (after symbolic links), checked to lie inside the site: what is
    /// read and copied.
    pub real: PathBuf,
}

/// Everything read from the site folder.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Site root.
    pub root: PathBuf,
    /// `metodist.toml`, if present.
    pub config: Option<SourceFile>,
    /// Markdown files under `content/`.
    pub pages: Vec<SourceFile>,
    /// Other files under `content/`, copied beside their pages.
    pub content_assets: Vec<Asset>,
    /// YAML files under `data/`.
    pub data: Vec<SourceFile>,
    /// Files under `static/`.
    pub static_files: Vec<Asset>,
    /// The site's own templates under `templates/`, overriding the theme's.
    pub templates: Vec<SourceFile>,
}

/// Files read by an earlier load, kept by `metodist serve` between rebuilds so that only
/// files whose size or modification time changed are read again.
#[derive(Debug, Default)]
pub struct ReadCache {
    // With the warnings reading gave (invisible line separators), to give them again.
    files: std::sync::Mutex<std::collections::HashMap<PathBuf, (u64, SystemTime, Read)>>,
}

impl ReadCache {
    /// The cached text of `path` if the file still has this size and time. A file changed
    /// within the last two seconds is read again whatever its time says: on file
    /// systems that keep whole seconds, two saves in one second would look alike.
    fn get(&self, path: &Path, meta: &std::fs::Metadata) -> Option<Read> {
        let modified = meta.modified().ok()?;
        let settled = modified
            .elapsed()
            .is_ok_and(|age| age > std::time::Duration::from_secs(2));
        if !settled {
            return None;
        }
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        match files.get(path) {
            Some((len, time, f)) if *len == meta.len() && *time == modified => Some(f.clone()),
            _ => None,
        }
    }

    fn put(&self, path: &Path, meta: &std::fs::Metadata, read: Read) {
        if let Ok(modified) = meta.modified() {
            let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
            files.insert(path.to_path_buf(), (meta.len(), modified, read));
        }
    }
}

/// A file as read, with the warnings reading it gave.
type Read = (SourceFile, Diagnostics);

/// Why a folder cannot be built or checked as a site.
#[derive(Debug, thiserror::Error)]
pub enum NotASite {
    /// Nothing there.
    #[error("папки сайта «{0}» нет; укажите папку, в которой лежит content/")]
    Missing(PathBuf),
    /// A file.
    #[error(
        "«{0}» — это файл, а не папка сайта; укажите папку, в которой лежит content/ \
         (одну страницу проверяет metodist check ФАЙЛ.md)"
    )]
    File(PathBuf),
    /// A folder without `content/`.
    #[error(
        "«{0}» — это не папка сайта: в ней нет папки content/. Укажите папку сайта (в ней лежат \
         content/ и data/) или создайте в этой папке content/ со страницами"
    )]
    NoContent(PathBuf),
}

/// Checks that `root` is a site folder: it exists and holds `content/`.
pub fn check_site(root: &Path) -> Result<(), NotASite> {
    match std::fs::metadata(root) {
        Err(_) => Err(NotASite::Missing(root.to_path_buf())),
        Ok(m) if !m.is_dir() => Err(NotASite::File(root.to_path_buf())),
        Ok(_) if !root.join("content").is_dir() => Err(NotASite::NoContent(root.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

/// Reads the site at `root`; problems go to `diags`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Loaded {
    load_cached(root, diags, &ReadCache::default())
}

/// [`load`], reusing the files `cache` holds and remembering what it reads.
pub fn load_cached(root: &Path, diags: &mut Diagnostics, cache: &ReadCache) -> Loaded {
    let site = SiteRoot::new(root);
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Loaded::default()
    };
    let config_path = root.join("metodist.toml");
    if config_path.symlink_metadata().is_ok() {
        loaded.config = read_in(&site, &config_path, diags);
    }
    let (md, other) = walk(&site, &root.join("content"), diags, |p| has_ext(p, &["md"]));
    loaded.pages = read_all_cached(root, md, diags, cache);
    loaded.content_assets = other;
    let (yaml, _) = walk(&site, &root.join("data"), diags, |p| {
        has_ext(p, &["yaml", "yml"])
    });
    loaded.data = read_all(root, yaml, diags);
    let (_, statics) = walk(&site, &root.join("static"), diags, |_| false);
    loaded.static_files = statics;
    let (tpl, _) = walk(&site, &root.join("templates"), diags, |p| {
        has_ext(p, &["html", "xml", "txt", "css", "js", "svg"])
    });
    loaded.templates = read_all(root, tpl, diags);
    loaded
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Hidden files, editor and system leftovers (Windows Explorer's `Thumbs.db` and
/// `desktop.ini` in any case) and the review reports `metodist import` writes beside a
/// page (`*.review.md`: they list removed personal data and are never published).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".review.md")
        || ["thumbs.db", "ehthumbs.db", "desktop.ini"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
}

fn read_all(root: &Path, found: Vec<Found>, diags: &mut Diagnostics) -> Vec<SourceFile> {
    read_all_cached(root, found, diags, &ReadCache::default())
}

fn read_all_cached(
    root: &Path,
    found: Vec<Found>,
    diags: &mut Diagnostics,
    cache: &ReadCache,
) -> Vec<SourceFile> {
    let results: Vec<(Option<SourceFile>, Diagnostics)> = found
        .par_iter()
        .map(|f| {
            let mut local = Diagnostics::new();
            let Some(meta) = metadata(root, f, &mut local) else {
                return (None, local);
            };
            if let Some((file, warnings)) = cache.get(&f.path, &meta) {
                local.extend(warnings);
                return (Some(file), local);
            }
            let mut read = Diagnostics::new();
            let file = read_with(root, f, &meta, &mut read);
            if let Some(file) = &file {
                cache.put(&f.path, &meta, (file.clone(), read.clone()));
            }
            local.extend(read);
            (file, local)
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for (f, d) in results {
        diags.extend(d);
        files.extend(f);
    }
    files
}

/// Reads one text file of the site at `root`: strips a BOM, rejects non-UTF-8 and
/// oversized files, and anything whose real path lies outside the site.
pub fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    read_in(&SiteRoot::new(root), path, diags)
}

fn read_in(site: &SiteRoot, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let root = site.shown();
    let real = match site.resolve_file(path) {
        Ok(real) => real,
        Err(refusal) => {
            diags.push(refusal.diagnostic(root, None));
            return None;
        }
    };
    let found = Found {
        path: path.to_path_buf(),
        real,
    };
    let meta = metadata(root, &found, diags)?;
    read_with(root, &found, &meta, diags)
}

/// The file's metadata, or a diagnostic.
fn metadata(root: &Path, f: &Found, diags: &mut Diagnostics) -> Option<std::fs::Metadata> {
    match std::fs::metadata(&f.real) {
        Ok(m) => Some(m),
        Err(e) => {
            diags.push(Diagnostic::error(
                crate::diag::display_path(root, &f.path),
                format!("не удалось прочитать файл: {}", crate::confine::io_ru(&e)),
            ));
            None
        }
    }
}

/// [`read_text`] once the metadata is known.
fn read_with(
    root: &Path,
    f: &Found,
    meta: &std::fs::Metadata,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    let path = &f.path;
    let rel = crate::diag::display_path(root, path);
    if meta.len() > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::error(
                rel,
                format!(
                    "файл слишком большой: {} МБ, допустимо не более {} МБ",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .hint("разделите документ на несколько страниц или приложите его как файл (PDF, DOCX)"),
        );
        return None;
    }
    // Read through the resolved path, never past the limit whatever the file becomes.
    let bytes = match crate::confine::read(&f.real, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                rel,
                format!("не удалось прочитать файл: {}", crate::confine::io_ru(&e)),
            ));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            diags.push(not_utf8(rel, e));
            return None;
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    // Warned about where the editor shows them: lone `\r` already line breaks.
    let text = lone_cr_to_newline(text);
    separator_warnings(&rel, &text, diags);
    let text = separators_to_spaces(text);
    Some(SourceFile {
        rel,
        abs: path.to_path_buf(),
        text,
        modified: meta.modified().ok(),
    })
}

/// Makes the text read as editors and `grep` show it: a lone `\r` (old Mac editors)
/// becomes `\n`; U+0085, U+2028 and U+2029, which editors and `grep` do not count as
/// line breaks but the YAML parser (libyaml) does, become a space — one character for
/// one, so every line and column stays the editor's (see [`separator_warnings`]).
pub fn normalize_newlines(text: String) -> String {
    separators_to_spaces(lone_cr_to_newline(text))
}

/// U+0085, U+2028 and U+2029.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn lone_cr_to_newline(text: String) -> String {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !(0..b.len()).any(lone) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() != Some(&'\n') => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

fn separators_to_spaces(text: String) -> String {
    if !text.contains(is_separator) {
        return text;
    }
    text.chars()
        .map(|c| if is_separator(c) { ' ' } else { c })
        .collect()
}

/// At most this many invisible line separators are pointed at in one file.
const MAX_SEPARATOR_WARNINGS: usize = 10;

/// A warning at each U+0085, U+2028 and U+2029 of `text` (pasted from Word or a web
/// page): invisible in the editor, a line break to some programs and a space to others,
/// read as a space here.
fn separator_warnings(rel: &Path, text: &str, diags: &mut Diagnostics) {
    let name = |c: char| match c {
        '\u{2028}' => Some("разделитель строки"),
        '\u{2029}' => Some("разделитель абзацев"),
        '\u{85}' => Some("знак новой строки"),
        _ => None,
    };
    let found: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| is_separator(*c))
        .collect();
    for (k, &(off, c)) in found.iter().take(MAX_SEPARATOR_WARNINGS).enumerate() {
        let pos = Pos::of_offset(text, off);
        let line = text.lines().nth(pos.line - 1).unwrap_or_default();
        let shown: String = line
            .chars()
            .map(|x| if is_separator(x) { '⏎' } else { x })
            .collect();
        let more = found.len().saturating_sub(MAX_SEPARATOR_WARNINGS);
        let rest = match k + 1 == MAX_SEPARATOR_WARNINGS && more > 0 {
            true => format!(" (и ещё {} в этом файле)", more),
            false => String::new(),
        };
        diags.push(
            Diagnostic::warning(
                rel,
                format!(
                    "невидимый {} U+{:04X} читается как пробел; удалите его{rest}",
                    name(c).unwrap_or_default(),
                    u32::from(c)
                ),
            )
            .at(pos)
            .snippet(crate::parse::frontmatter::snippet_window(&shown, pos.col))
            .hint("его не видно в редакторе (здесь он показан знаком ⏎), а одни программы считают его концом строки, другие — нет; так бывает с текстом, вставленным из Word или с веб-страницы"),
        );
    }
}

/// A file that is not UTF-8: located at the first bad byte, shown as Windows-1251 (what
/// Russian Windows saves by default) when it looks like it.
fn not_utf8(rel: PathBuf, e: std::string::FromUtf8Error) -> Diagnostic {
    let valid = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
    let pos = Pos::of_offset(&prefix, valid);
    let line_start = bytes[..valid]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[valid..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| valid + i);
    let line = &bytes[line_start..line_end];
    let (cp1251, _, bad) = encoding_rs::WINDOWS_1251.decode(&bytes);
    let non_ascii = cp1251.chars().filter(|c| !c.is_ascii()).count();
    let cyrillic = cp1251
        .chars()
        .filter(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        .count();
    let d = if !bad && cyrillic * 10 >= non_ascii * 9 {
        let (shown, _, _) = encoding_rs::WINDOWS_1251.decode(line);
        Diagnostic::error(rel, "файл не в кодировке UTF-8 (похоже, в Windows-1251)")
            .snippet(shown.trim_end().to_string())
    } else {
        Diagnostic::error(rel, "файл не в кодировке UTF-8")
            .snippet(String::from_utf8_lossy(line).trim_end().to_string())
    };
    d.at(pos)
        .hint("сохраните файл в UTF-8 (в Блокноте: «Сохранить как» → кодировка UTF-8)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_leftovers_are_not_published() {
        for name in [
            "Thumbs.db",
            "thumbs.db",
            "ehthumbs.db",
            "desktop.ini",
            "Desktop.ini",
            ".DS_Store",
            "~$otchet.docx",
            "plan.md~",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in [
            "otchet.docx",
            "thumbs.db.pdf",
            "desktop.ini.txt",
            "index.md",
        ] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn every_line_break_becomes_newline() {
        assert_eq!(
            normalize_newlines("a\rb\r\nc\u{2028}d\u{85}e\u{2029}f\r".into()),
            "a\nb\r\nc d e f\n"
        );
        assert_eq!(normalize_newlines("a\r\nb\n".into()), "a\r\nb\n");
    }

    /// Sets a file's text and its modification time `secs_ago` seconds back.
    fn write_aged(path: &Path, text: &str, secs_ago: u64) {
        std::fs::write(path, text).unwrap();
        let t = SystemTime::now() - std::time::Duration::from_secs(secs_ago);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    #[test]
    fn read_cache_rereads_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let (a, b) = (root.join("content/a.md"), root.join("content/b.md"));
        write_aged(&a, "первый", 60);
        write_aged(&b, "второй", 60);
        let cache = ReadCache::default();
        let texts = |cache: &ReadCache| -> Vec<String> {
            let mut d = Diagnostics::new();
            let mut t: Vec<String> = load_cached(root, &mut d, cache)
                .pages
                .into_iter()
                .map(|f| f.text)
                .collect();
            t.sort();
            t
        };
        assert_eq!(texts(&cache), ["второй", "первый"]);
        // A new time and size: read again; the unchanged file comes from the cache.
        write_aged(&a, "первый, исправленный", 30);
        assert_eq!(texts(&cache), ["второй", "первый, исправленный"]);
        // A file saved just now is always read, whatever the cache holds.
        std::fs::write(&a, "сейчас").unwrap();
        assert!(texts(&cache).contains(&"сейчас".to_string()));
    }
}
