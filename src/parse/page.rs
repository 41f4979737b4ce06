//! Pages and sections: identity, URL and typed front matter of each Markdown file.

use super::frontmatter::{front_spans, parse_front_matter_partial, split, Format, Split};
use super::recover::Removed;
use super::spans::{text_pos, value_pos, Spans};
use super::syntax;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::SourceFile;
use crate::model::{Common, Meta};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A site-relative URL of a folder with an `index.html`: `practices/shag-vperyod/`; the
/// home page is the empty path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct UrlPath(String);

impl UrlPath {
    /// The home page.
    pub fn root() -> UrlPath {
        UrlPath(String::new())
    }

    /// A path from `/`-separated segments; each is made URL-safe.
    pub fn from_segments<'a>(segments: impl IntoIterator<Item = &'a str>) -> UrlPath {
        let mut s = String::new();
        for seg in segments {
            let seg = url_segment(seg);
            if !seg.is_empty() {
                s.push_str(&seg);
                s.push('/');
            }
        }
        UrlPath(s)
    }

    /// A child folder of this one.
    pub fn join(&self, segment: &str) -> UrlPath {
        UrlPath(format!("{}{}/", self.0, url_segment(segment)))
    }

    /// The path as written: `practices/a/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How many folders deep the page is.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }

    /// The relative prefix from this page to the site root: `../../`.
    pub fn root_prefix(&self) -> String {
        "../".repeat(self.depth())
    }

    /// The file this URL is written to, relative to the output folder.
    pub fn output_file(&self) -> PathBuf {
        PathBuf::from(&self.0).join("index.html")
    }

    /// A link from this page to `target`, relative, ending in `index.html` so that it works
    /// from `file://` where folders do not open their index.
    pub fn href_to(&self, target: &UrlPath) -> String {
        format!("{}{}index.html", self.root_prefix(), target.0)
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

/// Makes a file or folder name URL-safe: Latin names stay, Cyrillic is transliterated.
pub fn url_segment(name: &str) -> String {
    let plain = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if plain {
        name.to_string()
    } else {
        crate::ru::slugify(name)
    }
}

/// One Markdown page with typed front matter.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source path relative to the site root: `content/practices/a.md`.
    pub src: PathBuf,
    /// Absolute source path.
    pub abs: PathBuf,
    /// The reference other pages use: the path under `content/` without `.md`.
    pub key: String,
    /// Where the page is published.
    pub url: UrlPath,
    /// Common front matter.
    pub common: Common,
    /// Kind-specific front matter.
    pub meta: Meta,
    /// The whole file text (for locating references in diagnostics).
    pub text: String,
    /// Where each front-matter field stands in `text`: made on first use, since only
    /// diagnostics need it (see [`Page::spans`]).
    spans: std::sync::OnceLock<Spans>,
    /// The front matter: its place in `text` and its syntax.
    front: (std::ops::Range<usize>, Format),
    /// Byte offset of the Markdown body in `text`.
    pub body_offset: usize,
    /// Line where the body begins.
    pub body_line: usize,
    /// File modification time.
    pub modified: Option<SystemTime>,
    /// Set when the front matter had errors (they are reported where it is parsed):
    /// what could not be read. Such a page goes through the later checks with the rest,
    /// so that all its problems show in one run, and is never rendered.
    pub unread: Option<Removed>,
}

impl Page {
    /// True if the front matter had errors (see [`Page::unread`]).
    pub fn has_front_errors(&self) -> bool {
        self.unread.is_some()
    }

    /// True if the field at `path` (as in the values read; or a field holding it, or one
    /// inside it) could not be read: what the page says there is unknown, and no check
    /// may take it as absent.
    pub fn lost(&self, path: &str) -> bool {
        self.unread
            .as_ref()
            .is_some_and(|u| u.touches(&u.original(path)))
    }

    /// The path in the file of a path in the values read: items of a list that could
    /// not be read are counted back in.
    fn in_file(&self, path: &str) -> String {
        match &self.unread {
            Some(u) if !u.is_empty() => u.original(path),
            _ => path.to_string(),
        }
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The folder under `content/` that relative links start from.
    pub fn dir(&self) -> String {
        let rel = content_rel(&self.src);
        rel.parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    }

    /// Where each front-matter field stands in [`Page::text`], by path.
    pub fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| {
            let (range, format) = &self.front;
            let front = self.text.get(range.clone()).unwrap_or_default();
            front_spans(*format, front).shifted(range.start)
        })
    }

    /// The position of the field at `path` (`indicators[3].target`, `approved.date`):
    /// its value, or, if the page does not write that field, its nearest written parent.
    pub fn locate_path(&self, path: &str) -> Option<Pos> {
        value_pos(self.spans(), &self.text, &self.in_file(path))
    }

    /// The position of `needle` inside the value of the field at `path` (a part of a
    /// target, a name in a list); the value's start if it is not there as written.
    pub fn locate_in(&self, path: &str, needle: &str) -> Option<Pos> {
        text_pos(self.spans(), &self.text, &self.in_file(path), needle)
    }

    /// The line at `pos`, for a snippet (cut around the column if it is very long).
    pub fn line_at(&self, pos: Pos) -> String {
        let line = self.text.lines().nth(pos.line.saturating_sub(1));
        super::frontmatter::snippet_window(line.unwrap_or_default(), pos.col)
    }

    /// The position of `needle` in the value of top-level field `key` (in its list items
    /// and nested fields too, the first that holds it); prefer [`Page::locate_in`] with
    /// the exact path, which tells equal values of different items apart.
    pub fn locate_field(&self, key: &str, needle: &str) -> Option<Pos> {
        if !key.is_empty() && !needle.is_empty() {
            let holds = |s: &super::spans::FieldSpan| {
                self.text
                    .get(s.value.clone())
                    .is_some_and(|v| v.contains(needle))
            };
            if let Some(path) = self.spans().innermost(key, holds) {
                return self.locate_in(path, needle);
            }
            if self.spans().get(key).is_some() {
                return self.locate_path(key);
            }
        }
        self.locate(needle)
    }

    /// The position of the first occurrence of `needle` in the front matter, if any.
    /// A text search: use it only for text that has no field of its own.
    pub fn locate(&self, needle: &str) -> Option<Pos> {
        if needle.is_empty() {
            return None;
        }
        self.text[..self.body_offset]
            .find(needle)
            .map(|off| Pos::of_offset(&self.text, off))
    }
}

/// Front matter of a section's `_index.md`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// Заголовок раздела.
    #[serde(default)]
    pub title: Option<String>,
    /// Описание раздела.
    #[serde(default)]
    pub summary: Option<String>,
    /// Порядок раздела в меню.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Сортировка страниц: date (новые выше), title, weight.
    #[serde(default)]
    pub sort_by: Option<SortBy>,
    /// Записей на странице списка.
    #[serde(default, deserialize_with = "crate::model::positive_count")]
    pub paginate: Option<usize>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    #[default]
    Date,
    /// Alphabetically.
    Title,
    /// By `weight`, then title.
    Weight,
}

/// A folder of `content/`, listing its pages.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to `content/`, `/`-separated; empty for the home page.
    pub dir: String,
    /// Source of `_index.md`, if the folder has one.
    pub src: Option<PathBuf>,
    /// Where the section is published.
    pub url: UrlPath,
    /// Front matter of `_index.md`.
    pub front: SectionFrontMatter,
    /// Text of `_index.md` (empty without one).
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
    /// Line where the body begins.
    pub body_line: usize,
}

impl Section {
    /// The Markdown body of `_index.md`.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// A page whose front matter has errors, as far as links to it need it: it exists, at
/// this key and URL. Links to it are then not reported as broken; its own errors are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unbuilt {
    /// The key other pages use to name it.
    pub key: String,
    /// Its URL (with its `slug` if that much of the front matter could be read).
    pub url: UrlPath,
}

/// The [`Unbuilt`] entry of a page file that failed to parse; `None` for sections and
/// files that are not pages (no front matter, drafts are simply not there).
pub fn unbuilt(file: &SourceFile) -> Option<Unbuilt> {
    let rel = content_rel(&file.rel);
    if rel.file_name().is_some_and(|n| n == "_index.md") {
        return None;
    }
    let slug = split(&file.text)
        .ok()
        .flatten()
        // A front matter too big to parse is not parsed here either.
        .filter(|s| s.front.len() <= super::limits::MAX_FRONT_BYTES)
        .and_then(|s| match s.format {
            super::frontmatter::Format::Yaml => {
                let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(s.front).ok()?;
                v.get("slug")?.as_str().map(str::to_string)
            }
            super::frontmatter::Format::Toml => {
                let t: toml::Table = toml::from_str(s.front).ok()?;
                t.get("slug")?.as_str().map(str::to_string)
            }
        });
    Some(Unbuilt {
        key: page_key(&rel),
        url: page_url(&rel, slug.as_deref()),
    })
}

/// Parses every Markdown file; `_index.md` files become sections. A page or section
/// whose front matter has errors is kept with what could be read (see [`Page::unread`]).
pub fn parse_pages(files: &[SourceFile], diags: &mut Diagnostics) -> (Vec<Page>, Vec<Section>) {
    let results: Vec<(Option<Parsed>, Vec<Diagnostic>)> =
        files.par_iter().map(parse_file).collect();
    let mut pages = Vec::new();
    let mut sections = Vec::new();
    for (parsed, ds) in results {
        ds.into_iter().for_each(|d| diags.push(d));
        match parsed {
            Some(Parsed::Page(p)) => pages.push(*p),
            Some(Parsed::Section(s)) => sections.push(s),
            Some(Parsed::Draft) | None => {}
        }
    }
    (pages, sections)
}

enum Parsed {
    Page(Box<Page>),
    Section(Section),
    Draft,
}

fn content_rel(src: &Path) -> PathBuf {
    src.strip_prefix("content").unwrap_or(src).to_path_buf()
}

fn parse_file(file: &SourceFile) -> (Option<Parsed>, Vec<Diagnostic>) {
    let rel = content_rel(&file.rel);
    let split = match split(&file.text) {
        Ok(s) => s,
        Err(d) => {
            let d = Diagnostic {
                path: file.rel.clone(),
                ..d
            };
            return (None, vec![d]);
        }
    };
    let is_section = rel.file_name().is_some_and(|n| n == "_index.md");
    if is_section {
        let (section, errors) = parse_section(file, &rel, split);
        return (Some(Parsed::Section(section)), errors);
    }
    let Some(split) = split else {
        let d = Diagnostic::error(&file.rel, "у страницы нет заголовка (front matter)")
            .at(Pos::new(1, 1))
            .snippet(file.text.lines().next().unwrap_or_default())
            .hint("начните файл со строки «---», затем «kind: page», «title: …» и снова «---»");
        return (None, vec![d]);
    };
    let partial = parse_front_matter_partial(&file.rel, &split);
    let failed = partial.has_errors();
    let Some(fm) = partial.front else {
        return (None, partial.errors);
    };
    if fm.common.draft {
        // A draft is not published, but what is wrong in its front matter is said.
        return match failed {
            false => (Some(Parsed::Draft), Vec::new()),
            true => (None, partial.errors),
        };
    }
    let unread = failed.then_some(partial.unread);
    let key = page_key(&rel);
    let url = page_url(&rel, fm.common.slug.as_deref());
    let body_offset = file.text.len() - split.body.len();
    let page = Page {
        src: file.rel.clone(),
        abs: file.abs.clone(),
        key,
        url,
        common: fm.common,
        meta: fm.meta,
        text: file.text.clone(),
        spans: std::sync::OnceLock::new(),
        front: (
            split.front_offset..split.front_offset + split.front.len(),
            split.format,
        ),
        body_offset,
        body_line: split.body_line,
        modified: file.modified,
        unread,
    };
    (Some(Parsed::Page(Box::new(page))), partial.errors)
}

fn parse_section(
    file: &SourceFile,
    rel: &Path,
    split: Option<Split<'_>>,
) -> (Section, Vec<Diagnostic>) {
    let dir = rel
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let (front, errors, body_offset, body_line) = match split {
        None => (SectionFrontMatter::default(), Vec::new(), 0, 1),
        Some(s) => {
            let (front, errors) = read_section(file, &s);
            (front, errors, file.text.len() - s.body.len(), s.body_line)
        }
    };
    let section = Section {
        url: UrlPath::from_segments(dir.split('/')),
        dir,
        src: Some(file.rel.clone()),
        front,
        text: file.text.clone(),
        body_offset,
        body_line,
    };
    (section, errors)
}

/// The front matter of a section's `_index.md`, as far as it can be read (the section
/// exists whatever its fields say); every problem, at its field.
fn read_section(file: &SourceFile, s: &Split<'_>) -> (SectionFrontMatter, Vec<Diagnostic>) {
    let (front, problems) = match s.format {
        Format::Yaml => super::data::read_yaml_partial(s.front),
        Format::Toml => super::data::read_toml_partial(s.front),
    };
    let errors = problems
        .into_iter()
        .map(|p| section_error(file, s, p))
        .collect();
    (front.unwrap_or_default(), errors)
}

fn section_error(file: &SourceFile, s: &Split<'_>, p: syntax::Problem) -> Diagnostic {
    let file_line = s.front_line + p.pos.line - 1;
    let line = file.text.lines().nth(file_line - 1).unwrap_or_default();
    Diagnostic::error(&file.rel, format!("{} (в заголовке раздела)", p.message))
        .at(Pos::new(file_line, p.pos.col))
        .snippet(super::frontmatter::snippet_window(line, p.pos.col))
        .hint(
            p.hint.unwrap_or_else(|| {
                "поля раздела: title, summary, weight, sort_by, paginate".into()
            }),
        )
}

/// `practices/shag.md` → `practices/shag`; `practices/shag/index.md` → `practices/shag`.
pub fn page_key(rel: &Path) -> String {
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_suffix(".md").unwrap_or(&s);
    s.strip_suffix("/index").unwrap_or(s).to_string()
}

fn page_url(rel: &Path, slug: Option<&str>) -> UrlPath {
    let key = page_key(rel);
    let mut segments: Vec<&str> = key.split('/').collect();
    if let (Some(slug), Some(last)) = (slug, segments.last_mut()) {
        *last = slug;
    }
    UrlPath::from_segments(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_relative_and_end_in_index_html() {
        let a = UrlPath::from_segments(["practices", "shag"]);
        let b = UrlPath::from_segments(["reports"]);
        assert_eq!(a.as_str(), "practices/shag/");
        assert_eq!(a.href_to(&b), "../../reports/index.html");
        assert_eq!(UrlPath::root().href_to(&a), "practices/shag/index.html");
    }

    #[test]
    fn cyrillic_file_names_become_latin_urls() {
        let url = page_url(Path::new("практики/Шаг вперёд.md"), None);
        assert_eq!(url.as_str(), "praktiki/shag-vperyod/");
        let url = page_url(Path::new("practices/a/index.md"), Some("b"));
        assert_eq!(url.as_str(), "practices/b/");
    }
}
