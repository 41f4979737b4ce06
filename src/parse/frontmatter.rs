//! Front matter: splitting it from the body and reading it into typed structs.
//!
//! Both YAML (`---`) and TOML (`+++`) are parsed once, then read twice into types: once
//! into [`Common`], once into the kind's own struct. Every field that does not fit is
//! reported (see `recover`), each at the position of that field (see `spans`).

use super::limits;
use super::recover;
use super::spans::Spans;
use super::syntax::{self, Problem};
use crate::diag::{Diagnostic, Pos};
use crate::model::{
    Common, Competition, Event, Kind, Meta, Plan, Practice, Programme, Regulation, Report, Rmo,
    Roadmap,
};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::Path;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A file cut into front matter and body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// YAML or TOML.
    pub format: Format,
    /// The front matter text, without fences.
    pub front: &'a str,
    /// Line of the file where `front` begins (1-based).
    pub front_line: usize,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// Line of the file where `body` begins (1-based).
    pub body_line: usize,
}

/// Cuts `text` into front matter and body; `Ok(None)` if there is no front matter.
pub fn split(text: &str) -> Result<Option<Split<'_>>, Diagnostic> {
    let (format, fence) = if text.starts_with("---") {
        (Format::Yaml, "---")
    } else if text.starts_with("+++") {
        (Format::Toml, "+++")
    } else {
        return Ok(None);
    };
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != fence {
        return Ok(None);
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let l = text[offset..end].trim_end();
        if l == fence || (format == Format::Yaml && l == "...") {
            return Ok(Some(Split {
                format,
                front: &text[first_end..offset],
                front_line: 2,
                front_offset: first_end,
                body: &text[end..],
                body_line: line + 1,
            }));
        }
        offset = end;
        line += 1;
    }
    Err(
        Diagnostic::error("", "заголовок страницы (front matter) не закрыт")
            .at(Pos::new(1, 1))
            .snippet(fence)
            .hint(format!(
                "добавьте строку «{fence}» после последнего поля заголовка"
            )),
    )
}

/// Typed front matter of one page.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// Fields of every kind.
    pub common: Common,
    /// Fields of this kind.
    pub meta: Meta,
}

/// Reads the front matter of a page at `path`; every problem found is returned.
pub fn parse_front_matter(path: &Path, split: &Split<'_>) -> Result<FrontMatter, Vec<Diagnostic>> {
    let partial = parse_front_matter_partial(path, split);
    let failed = partial.has_errors();
    match (partial.front, failed) {
        (Some(fm), false) => Ok(fm),
        _ => Err(partial.errors),
    }
}

/// A front matter as far as it could be read.
pub struct PartialFront {
    /// The fields that could be read; `None` if the page cannot be made of them (no
    /// kind, no title, a syntax error).
    pub front: Option<FrontMatter>,
    /// Fields taken out because they could not be read.
    pub unread: recover::Removed,
    /// Every problem found (warnings too).
    pub errors: Vec<Diagnostic>,
}

impl PartialFront {
    /// True if a problem found is an error, not a warning.
    pub fn has_errors(&self) -> bool {
        self.errors
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// Reads the front matter of a page at `path` as far as it can: every problem, and the
/// fields that could be read, so that the page goes through the later checks too.
pub fn parse_front_matter_partial(path: &Path, split: &Split<'_>) -> PartialFront {
    let failed = |errors| PartialFront {
        front: None,
        unread: recover::Removed::default(),
        errors,
    };
    let reader = match Reader::new(path, split) {
        Ok(r) => r,
        Err(errors) => return failed(errors),
    };
    let keys = reader.top_level_keys();
    let kind = match reader.kind(&keys) {
        Ok(k) => k,
        Err(errors) => return failed(errors),
    };
    let mut errors = reader.unknown_keys(kind, &keys);
    if split.format == Format::Yaml {
        if let Some(p) = syntax::swallowing_quote(split.front) {
            let mut d = reader.problem(p);
            d.severity = crate::diag::Severity::Warning;
            errors.push(d);
        }
    }
    errors.extend(reader.overflows.iter().map(|o| reader.overflow(o)));
    if keys.iter().any(|k| k.name == COMPLEX_KEY) {
        // Every typed read fails on such a key too; one error says it.
        return failed(errors);
    }
    let (mut common, mut unread, common_errors) = reader.read::<Common>();
    if common.is_none() && !common_errors.is_empty() {
        // A title of the wrong kind, or none: the page is still checked, under a title
        // made of its file name (it is never published with errors).
        if let Some((c, removed)) = reader.common_titled() {
            common = Some(c);
            unread = removed;
        }
    }
    let (meta, meta_unread, meta_errors) = reader.meta(kind);
    errors.extend(common_errors);
    errors.extend(meta_errors);
    unread.merge(meta_unread);
    PartialFront {
        front: common
            .zip(meta)
            .map(|(common, meta)| FrontMatter { common, meta }),
        unread,
        errors,
    }
}

/// Where each field of a front matter stands, relative to its text.
pub fn front_spans(format: Format, front: &str) -> Spans {
    match format {
        Format::Yaml => Spans::yaml(front),
        Format::Toml => Spans::toml(front),
    }
}

/// The name of a key that is a list or a mapping, as `spans` records it.
const COMPLEX_KEY: &str = "?";

/// A top-level key.
#[derive(Debug, Clone)]
pub struct Key {
    /// The key as written.
    pub name: String,
    /// The value, if it is a plain string.
    pub value: Option<String>,
}

/// The front matter, parsed once; typed reads start from it.
enum Parsed {
    Yaml(serde_yaml_ng::Value),
    Toml(toml::Table),
}

struct Reader<'a> {
    path: &'a Path,
    split: &'a Split<'a>,
    parsed: Parsed,
    /// Lists cut to their limits (see `limits`).
    overflows: Vec<limits::Overflow>,
    /// Made on first use: only diagnostics need positions.
    spans: std::cell::OnceCell<Spans>,
    /// Made on first use: lines for snippets, each found without reading the text again.
    lines: std::cell::OnceCell<crate::diag::LineIndex<'a>>,
}

impl<'a> Reader<'a> {
    /// Checks the syntax; a front matter that is not a set of fields is an error.
    fn new(path: &'a Path, split: &'a Split<'a>) -> Result<Reader<'a>, Vec<Diagnostic>> {
        let mut reader = Reader {
            path,
            split,
            parsed: Parsed::Yaml(serde_yaml_ng::Value::Null),
            overflows: Vec::new(),
            spans: std::cell::OnceCell::new(),
            lines: std::cell::OnceCell::new(),
        };
        if split.front.len() > limits::MAX_FRONT_BYTES {
            return Err(reader.too_big());
        }
        reader.parsed = match split.format {
            Format::Yaml => match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(split.front) {
                Ok(v @ serde_yaml_ng::Value::Mapping(_)) => Parsed::Yaml(v),
                Ok(serde_yaml_ng::Value::Null) => {
                    Parsed::Yaml(serde_yaml_ng::Value::Mapping(Default::default()))
                }
                Ok(_) => {
                    return Err(vec![Diagnostic::error(
                        path,
                        "заголовок страницы должен быть набором полей «имя: значение»",
                    )
                    .at(reader.file_pos(Pos::new(1, 1)))
                    .hint("пример:\n      kind: practice\n      title: \"Шаг вперёд\"")]);
                }
                Err(e) => return Err(vec![reader.problem(syntax::yaml(split.front, &e))]),
            },
            Format::Toml => match toml::from_str::<toml::Table>(split.front) {
                Ok(t) => Parsed::Toml(t),
                Err(e) => return Err(vec![reader.problem(syntax::toml(split.front, &e))]),
            },
        };
        reader.overflows = match &mut reader.parsed {
            Parsed::Yaml(v) => limits::cap_yaml(v),
            Parsed::Toml(t) => limits::cap_toml(t),
        };
        Ok(reader)
    }

    fn spans(&self) -> &Spans {
        self.spans
            .get_or_init(|| front_spans(self.split.format, self.split.front))
    }

    fn file_pos(&self, p: Pos) -> Pos {
        Pos::new(self.split.front_line + p.line - 1, p.col)
    }

    fn offset_pos(&self, offset: usize) -> Pos {
        self.file_pos(Pos::of_offset(self.split.front, offset))
    }

    fn line_text(&self, file_line: usize) -> Option<&str> {
        let lines = self
            .lines
            .get_or_init(|| crate::diag::LineIndex::new(self.split.front));
        Some(lines.line(file_line.checked_sub(self.split.front_line)? + 1))
    }

    /// The top-level keys.
    fn top_level_keys(&self) -> Vec<Key> {
        // (name, value if it is a plain string): values come from the parser, so a
        // trailing `# comment` never becomes part of them.
        let names: Vec<(String, Option<String>)> = match &self.parsed {
            Parsed::Yaml(serde_yaml_ng::Value::Mapping(m)) => {
                m.iter()
                    .map(|(k, v)| {
                        let name = match k {
                            serde_yaml_ng::Value::String(s) => s.clone(),
                            // A list or mapping as a key: no name (see `COMPLEX_KEY`).
                            serde_yaml_ng::Value::Sequence(_)
                            | serde_yaml_ng::Value::Mapping(_) => COMPLEX_KEY.to_string(),
                            other => serde_yaml_ng::to_string(other)
                                .unwrap_or_default()
                                .trim()
                                .to_string(),
                        };
                        (name, v.as_str().map(str::to_string))
                    })
                    .collect()
            }
            Parsed::Yaml(_) => Vec::new(),
            Parsed::Toml(t) => t
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string)))
                .collect(),
        };
        names
            .into_iter()
            .map(|(name, value)| Key { name, value })
            .collect()
    }

    /// The errors for a front matter too big to parse: its long lists with their
    /// counts where they can be counted, else its size.
    fn too_big(&self) -> Vec<Diagnostic> {
        let lists = match self.split.format {
            Format::Yaml => limits::count_yaml(self.split.front),
            Format::Toml => Vec::new(),
        };
        if lists.is_empty() {
            return vec![Diagnostic::error(
                self.path,
                format!(
                    "заголовок страницы (front matter) занимает {} КБ, допустимо не более {} КБ",
                    crate::ru::grouped(self.split.front.len() / 1024),
                    crate::ru::grouped(limits::MAX_FRONT_BYTES / 1024)
                ),
            )
            .at(self.file_pos(Pos::new(1, 1)))
            .hint("это не страница, а выгрузка: разделите её на несколько страниц")];
        }
        lists
            .iter()
            .map(|(o, line, col)| {
                let (message, hint) = limits::describe(o);
                let pos = self.file_pos(Pos::new(*line, *col));
                Diagnostic::error(self.path, message)
                    .at(pos)
                    .snippet(self.line_text(pos.line).unwrap_or_default())
                    .hint(hint)
            })
            .collect()
    }

    /// The error for a list cut to its limit, at its key (or its first item).
    fn overflow(&self, o: &limits::Overflow) -> Diagnostic {
        let (message, hint) = limits::describe(o);
        let pos = self
            .spans()
            .get(&o.path)
            .map_or(self.file_pos(Pos::new(1, 1)), |s| {
                self.offset_pos(s.key.as_ref().unwrap_or(&s.value).start)
            });
        Diagnostic::error(self.path, message)
            .at(pos)
            .snippet(self.line_text(pos.line).unwrap_or_default())
            .hint(hint)
    }

    /// Where a top-level key stands in the file, from the parser's spans.
    fn key_pos(&self, name: &str) -> Pos {
        self.spans()
            .get(name)
            .and_then(|s| s.key.as_ref())
            .map_or(self.file_pos(Pos::new(1, 1)), |k| self.offset_pos(k.start))
    }

    fn kind(&self, keys: &[Key]) -> Result<Kind, Vec<Diagnostic>> {
        let Some(key) = keys.iter().find(|k| k.name == "kind") else {
            return Err(vec![Diagnostic::error(
                self.path,
                "не указан вид страницы (поле kind)",
            )
            .at(self.file_pos(Pos::new(1, 1)))
            .hint(format!(
                "добавьте, например, «kind: page»; виды: {}",
                kind_list()
            ))]);
        };
        let raw = key.value.clone().unwrap_or_default();
        Kind::from_name(&raw).ok_or_else(|| {
            let pos = self.key_pos(&key.name);
            let mut d = Diagnostic::error(self.path, format!("неизвестный вид страницы «{raw}»"))
                .at(pos)
                .snippet(self.line_text(pos.line).unwrap_or_default());
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            d = d.hint(match closest(&raw, &names) {
                Some(best) => format!("может быть, «{best}»? Виды: {}", kind_list()),
                None => format!("допустимые виды: {}", kind_list()),
            });
            vec![d]
        })
    }

    fn unknown_keys(&self, kind: Kind, keys: &[Key]) -> Vec<Diagnostic> {
        let allowed = allowed_fields(kind);
        let list: Vec<&str> = allowed.iter().map(String::as_str).collect();
        let mut out = crate::diag::Diagnostics::new();
        let mut capped = crate::diag::Capped::new(&mut out);
        for k in keys.iter().filter(|k| !allowed.contains(&k.name)) {
            capped.push(|| {
                let pos = self.key_pos(&k.name);
                if k.name == COMPLEX_KEY {
                    return Diagnostic::error(
                        self.path,
                        "имя поля — список или набор полей, а должно быть словом",
                    )
                    .at(pos)
                    .snippet(self.line_text(pos.line).unwrap_or_default())
                    .hint("уберите «?» и скобки: поле записывается как «имя: значение»");
                }
                let hint = match closest(&k.name, &list) {
                    Some(best) => format!("может быть, «{best}»?"),
                    None => format!("поля вида «{}»: {}", kind.as_str(), list.join(", ")),
                };
                Diagnostic::error(self.path, format!("неизвестное поле «{}»", k.name))
                    .at(pos)
                    .snippet(self.line_text(pos.line).unwrap_or_default())
                    .hint(hint)
            });
        }
        capped.finish(
            self.path,
            crate::diag::Severity::Error,
            ["неизвестное поле", "неизвестных поля", "неизвестных полей"],
        );
        out.items().to_vec()
    }

    /// Reads the front matter into `T`, reporting every field that does not fit: the
    /// value without them (if it can be made), what was taken out, the problems.
    fn read<T: DeserializeOwned>(&self) -> (Option<T>, recover::Removed, Vec<Diagnostic>) {
        let syntax = match &self.parsed {
            Parsed::Yaml(v) => recover::Syntax::Yaml(v),
            Parsed::Toml(t) => recover::Syntax::Toml(t),
        };
        let name = match self.split.format {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        };
        let partial = recover::read_partial::<T>(self.split.front, syntax);
        let errors = partial
            .errors
            .iter()
            .map(|e| self.problem(syntax::field(self.split.front, self.spans(), e, name)))
            .collect();
        (partial.value, partial.removed, errors)
    }

    /// [`Common`] with the title replaced by the file's name, if that is all it needs;
    /// the title counts as not read.
    fn common_titled(&self) -> Option<(Common, recover::Removed)> {
        let name = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let partial = match &self.parsed {
            Parsed::Yaml(serde_yaml_ng::Value::Mapping(m)) => {
                let mut m = m.clone();
                m.insert("title".into(), name.into());
                let v = serde_yaml_ng::Value::Mapping(m);
                let text = serde_yaml_ng::to_string(&v).ok()?;
                recover::read_partial::<Common>(&text, recover::Syntax::Yaml(&v))
            }
            Parsed::Yaml(_) => return None,
            Parsed::Toml(t) => {
                let mut t = t.clone();
                t.insert("title".into(), name.into());
                let text = toml::to_string(&t).ok()?;
                recover::read_partial::<Common>(&text, recover::Syntax::Toml(&t))
            }
        };
        let mut removed = partial.removed;
        removed.record("title");
        Some((partial.value?, removed))
    }

    fn meta(&self, kind: Kind) -> (Option<Meta>, recover::Removed, Vec<Diagnostic>) {
        fn as_meta<T>(
            (v, removed, errors): (Option<T>, recover::Removed, Vec<Diagnostic>),
            wrap: fn(T) -> Meta,
        ) -> (Option<Meta>, recover::Removed, Vec<Diagnostic>) {
            (v.map(wrap), removed, errors)
        }
        match kind {
            Kind::Report => as_meta(self.read::<Report>(), Meta::Report),
            Kind::Plan => as_meta(self.read::<Plan>(), Meta::Plan),
            Kind::Roadmap => as_meta(self.read::<Roadmap>(), Meta::Roadmap),
            Kind::Programme => as_meta(self.read::<Programme>(), Meta::Programme),
            Kind::Regulation => as_meta(self.read::<Regulation>(), Meta::Regulation),
            Kind::Rmo => as_meta(self.read::<Rmo>(), Meta::Rmo),
            Kind::Competition => as_meta(self.read::<Competition>(), Meta::Competition),
            Kind::Practice => as_meta(self.read::<Practice>(), Meta::Practice),
            Kind::Event => as_meta(self.read::<Event>(), Meta::Event),
            Kind::Page | Kind::News => (Some(Meta::Plain), recover::Removed::default(), Vec::new()),
        }
    }

    /// A parser problem as a diagnostic of this file, with its line as the snippet.
    fn problem(&self, p: Problem) -> Diagnostic {
        let mut pos = self.file_pos(p.pos);
        let mut hint = p.hint;
        // A duplicate key: the parser points at its mapping, the fix is at the second one.
        if let Some((mapping, key)) = duplicate_of(&p.message) {
            let spans = match self.split.format {
                Format::Yaml => Spans::yaml(self.split.front),
                Format::Toml => Spans::default(),
            };
            if let Some(off) = syntax::duplicate_key(&spans, mapping, key) {
                pos = self.offset_pos(off);
            }
        }
        let line = self.line_text(pos.line).unwrap_or_default();
        if line.contains('\t') && self.split.format == Format::Yaml {
            hint = Some("в YAML отступы делаются пробелами, табуляция недопустима".into());
        }
        let line = snippet_window(&visible(line), pos.col);
        let mut d = Diagnostic::error(self.path, p.message)
            .at(pos)
            .snippet(line);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    }
}

/// «поле «title» указано дважды (в approved)» → (`approved`, `title`).
fn duplicate_of(message: &str) -> Option<(&str, &str)> {
    let rest = message.strip_prefix("поле «")?;
    let (key, rest) = rest.split_once("» указано дважды")?;
    let mapping = rest
        .trim()
        .strip_prefix("(в ")
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or("");
    Some((mapping, key))
}

/// Control characters would reach the terminal as they are; show their symbols. A tab
/// stays a tab: in a YAML line it is the indentation to fix, seen as the user sees it.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => c,
            c => crate::diag::control_symbol(c).unwrap_or(c),
        })
        .collect()
}

/// A long line cut to about 100 characters around column `col` (from 1), so that a
/// diagnostic about a 20,000-character line stays readable.
pub fn snippet_window(line: &str, col: usize) -> String {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return line.to_string();
    }
    let at = col.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(WIDTH / 2).min(chars.len() - WIDTH);
    let end = start + WIDTH;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// A parser message without its `at line L column C` parts.
pub fn strip_location(msg: &str) -> String {
    static AT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r",? at (?:line \d+ column \d+|position \d+)")
            .expect("valid built-in regex")
    });
    AT.replace_all(msg, "").into_owned()
}

fn kind_list() -> String {
    Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The top-level fields a page of `kind` may have, from the JSON schema.
pub fn allowed_fields(kind: Kind) -> BTreeSet<String> {
    let mut set = schema_properties(schemars::schema_for!(Common));
    set.extend(match kind {
        Kind::Report => schema_properties(schemars::schema_for!(Report)),
        Kind::Plan => schema_properties(schemars::schema_for!(Plan)),
        Kind::Roadmap => schema_properties(schemars::schema_for!(Roadmap)),
        Kind::Programme => schema_properties(schemars::schema_for!(Programme)),
        Kind::Regulation => schema_properties(schemars::schema_for!(Regulation)),
        Kind::Rmo => schema_properties(schemars::schema_for!(Rmo)),
        Kind::Competition => schema_properties(schemars::schema_for!(Competition)),
        Kind::Practice => schema_properties(schemars::schema_for!(Practice)),
        Kind::Event => schema_properties(schemars::schema_for!(Event)),
        Kind::Page | Kind::News => BTreeSet::new(),
    });
    set
}

fn schema_properties(schema: schemars::Schema) -> BTreeSet<String> {
    schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// The candidate nearest to `word` by edit distance, if close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count().div_ceil(3)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
