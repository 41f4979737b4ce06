//! Front matter: splitting it from the body and reading it into typed structs.
//!
//! Both YAML (`---`) and TOML (`+++`) are read twice from the same text: once into
//! [`Common`], once into the kind's own struct. Reading from text (not from a parsed
//! value) keeps serde's line and column for every error.

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
    let mut reader = Reader {
        path,
        split,
        parsed: None,
    };
    let keys = reader.top_level_keys()?;
    let kind = reader.kind(&keys)?;
    let mut errors = reader.unknown_keys(kind, &keys);
    let common = reader.read::<Common>();
    let meta = reader.meta(kind);
    let (common, meta) = match (common, meta) {
        (Ok(c), Ok(m)) => (c, m),
        (c, m) => {
            errors.extend(c.err());
            errors.extend(m.err());
            return Err(errors);
        }
    };
    if errors.is_empty() {
        Ok(FrontMatter { common, meta })
    } else {
        Err(errors)
    }
}

/// A top-level key and where it stands.
#[derive(Debug, Clone)]
pub struct Key {
    /// The key as written.
    pub name: String,
    /// Its position in the file.
    pub pos: Pos,
    /// The scalar value on the same line, if any.
    pub value: Option<String>,
}

struct Reader<'a> {
    path: &'a Path,
    split: &'a Split<'a>,
    /// The YAML, parsed once; typed reads start from it and go back to the text only to
    /// locate an error.
    parsed: Option<serde_yaml_ng::Value>,
}

impl Reader<'_> {
    fn file_pos(&self, line_in_front: usize, col: usize) -> Pos {
        Pos::new(self.split.front_line + line_in_front - 1, col)
    }

    fn line_text(&self, file_line: usize) -> Option<&str> {
        self.split
            .front
            .lines()
            .nth(file_line.checked_sub(self.split.front_line)?)
    }

    /// Checks syntax and lists the top-level keys with their positions.
    fn top_level_keys(&mut self) -> Result<Vec<Key>, Vec<Diagnostic>> {
        // (name, value if it is a plain string): values come from the parser, so a
        // trailing `# comment` never becomes part of them.
        let names: Vec<(String, Option<String>)> = match self.split.format {
            Format::Yaml => {
                match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(self.split.front) {
                    Ok(serde_yaml_ng::Value::Mapping(m)) => {
                        let names = m
                            .iter()
                            .map(|(k, v)| {
                                let name = match k {
                                    serde_yaml_ng::Value::String(s) => s.clone(),
                                    other => serde_yaml_ng::to_string(other)
                                        .unwrap_or_default()
                                        .trim()
                                        .to_string(),
                                };
                                (name, v.as_str().map(str::to_string))
                            })
                            .collect();
                        self.parsed = Some(serde_yaml_ng::Value::Mapping(m));
                        names
                    }
                    Ok(serde_yaml_ng::Value::Null) => Vec::new(),
                    Ok(_) => {
                        return Err(vec![Diagnostic::error(
                            self.path,
                            "заголовок страницы должен быть набором полей «имя: значение»",
                        )
                        .at(self.file_pos(1, 1))
                        .hint("пример:\n      kind: practice\n      title: \"Шаг вперёд\"")]);
                    }
                    Err(e) => return Err(vec![self.yaml_error(&e)]),
                }
            }
            Format::Toml => match toml::from_str::<toml::Table>(self.split.front) {
                Ok(t) => t
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string)))
                    .collect(),
                Err(e) => return Err(vec![self.toml_error(&e)]),
            },
        };
        Ok(names
            .into_iter()
            .map(|(n, v)| Key {
                value: v,
                ..self.locate_key(n)
            })
            .collect())
    }

    fn locate_key(&self, name: String) -> Key {
        let sep = if self.split.format == Format::Yaml {
            ':'
        } else {
            '='
        };
        for (i, line) in self.split.front.lines().enumerate() {
            let Some(rest) = line.strip_prefix(name.as_str()) else {
                continue;
            };
            let rest = rest.trim_start_matches([' ', '"', '\'']);
            if let Some(value) = rest.strip_prefix(sep) {
                let value = value.trim().trim_matches(['"', '\'']).to_string();
                return Key {
                    pos: self.file_pos(i + 1, 1),
                    value: (!value.is_empty()).then_some(value),
                    name,
                };
            }
        }
        Key {
            pos: self.file_pos(1, 1),
            value: None,
            name,
        }
    }

    fn kind(&self, keys: &[Key]) -> Result<Kind, Vec<Diagnostic>> {
        let Some(key) = keys.iter().find(|k| k.name == "kind") else {
            return Err(vec![Diagnostic::error(
                self.path,
                "не указан вид страницы (поле kind)",
            )
            .at(self.file_pos(1, 1))
            .hint(format!(
                "добавьте, например, «kind: page»; виды: {}",
                kind_list()
            ))]);
        };
        let raw = key.value.clone().unwrap_or_default();
        Kind::from_name(&raw).ok_or_else(|| {
            let mut d = Diagnostic::error(self.path, format!("неизвестный вид страницы «{raw}»"))
                .at(key.pos)
                .snippet(self.line_text(key.pos.line).unwrap_or_default());
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
        keys.iter()
            .filter(|k| !allowed.contains(&k.name))
            .map(|k| {
                let hint = match closest(&k.name, &list) {
                    Some(best) => format!("может быть, «{best}»?"),
                    None => format!("поля вида «{}»: {}", kind.as_str(), list.join(", ")),
                };
                Diagnostic::error(self.path, format!("неизвестное поле «{}»", k.name))
                    .at(k.pos)
                    .snippet(self.line_text(k.pos.line).unwrap_or_default())
                    .hint(hint)
            })
            .collect()
    }

    fn read<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        match self.split.format {
            Format::Yaml => {
                if let Some(v) = &self.parsed {
                    if let Ok(t) = serde_yaml_ng::from_value(v.clone()) {
                        return Ok(t);
                    }
                }
                serde_yaml_ng::from_str(self.split.front).map_err(|e| self.yaml_error(&e))
            }
            Format::Toml => toml::from_str(self.split.front).map_err(|e| self.toml_error(&e)),
        }
    }

    fn meta(&self, kind: Kind) -> Result<Meta, Diagnostic> {
        Ok(match kind {
            Kind::Report => Meta::Report(self.read::<Report>()?),
            Kind::Plan => Meta::Plan(self.read::<Plan>()?),
            Kind::Roadmap => Meta::Roadmap(self.read::<Roadmap>()?),
            Kind::Programme => Meta::Programme(self.read::<Programme>()?),
            Kind::Regulation => Meta::Regulation(self.read::<Regulation>()?),
            Kind::Rmo => Meta::Rmo(self.read::<Rmo>()?),
            Kind::Competition => Meta::Competition(self.read::<Competition>()?),
            Kind::Practice => Meta::Practice(self.read::<Practice>()?),
            Kind::Event => Meta::Event(self.read::<Event>()?),
            Kind::Page | Kind::News => Meta::Plain,
        })
    }

    fn yaml_error(&self, e: &serde_yaml_ng::Error) -> Diagnostic {
        let raw = strip_location(&e.to_string());
        let pos = e
            .location()
            .map(|l| self.file_pos(l.line(), l.column()))
            .unwrap_or_else(|| self.file_pos(1, 1));
        // The parser notices an unclosed quote only where the text ends; point at it.
        if raw.contains("quoted scalar") || raw.contains("end of stream") {
            if let Some(at) = self.unclosed_quote() {
                return Diagnostic::error(self.path, "кавычка не закрыта")
                    .at(at)
                    .snippet(self.line_text(at.line).unwrap_or_default())
                    .hint("закройте кавычку в конце значения: кавычки ставятся парами");
            }
        }
        let pos = if raw.contains("control characters") {
            // Reported without a location: point at the first such character.
            self.split
                .front
                .find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                .map(|off| {
                    let p = Pos::of_offset(self.split.front, off);
                    self.file_pos(p.line, p.col)
                })
                .unwrap_or(pos)
        } else {
            pos
        };
        self.serde_error(&raw, pos, "YAML")
    }

    fn toml_error(&self, e: &toml::de::Error) -> Diagnostic {
        let pos = e
            .span()
            .map(|s| {
                let p = Pos::of_offset(self.split.front, s.start);
                self.file_pos(p.line, p.col)
            })
            .unwrap_or_else(|| self.file_pos(1, 1));
        let message = e.message().trim();
        // Like YAML, an unclosed quote is noticed at the end of the line; point at it.
        let pos = if message.contains("invalid basic string") || message.contains("unterminated") {
            self.unclosed_quote().unwrap_or(pos)
        } else {
            pos
        };
        // toml names the duplicate key only by its span.
        let key = e
            .span()
            .and_then(|s| self.split.front.get(s))
            .filter(|k| message == "duplicate key" && !k.is_empty());
        match key {
            Some(k) => self.serde_error(
                &format!("duplicate key `{}`", k.trim_matches('"')),
                pos,
                "TOML",
            ),
            None => self.serde_error(message, pos, "TOML"),
        }
    }

    fn serde_error(&self, raw: &str, pos: Pos, syntax: &str) -> Diagnostic {
        let (message, mut hint) = super::messages::russify(raw, syntax);
        let pos = self.duplicate_pos(raw).unwrap_or(pos);
        let line = self.line_text(pos.line).unwrap_or_default();
        if line.contains('\t') && syntax == "YAML" {
            hint = Some("в YAML отступы делаются пробелами, табуляция недопустима".into());
        }
        // Control characters would reach the terminal as they are; show their symbols.
        let line: String = line
            .chars()
            .map(|c| match c {
                '\t' => c,
                '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
                '\x7f' => '␡',
                c => c,
            })
            .collect();
        let line = snippet_window(&line, pos.col);
        let mut d = Diagnostic::error(self.path, message).at(pos).snippet(line);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    }
}

impl Reader<'_> {
    /// The first line whose double quotes do not pair up, at its last opening quote.
    fn unclosed_quote(&self) -> Option<Pos> {
        self.split.front.lines().enumerate().find_map(|(i, line)| {
            let quotes: Vec<usize> = line
                .char_indices()
                .filter(|(_, c)| *c == '"')
                .map(|(b, _)| b)
                .collect();
            let last = *quotes.last()?;
            (quotes.len() % 2 == 1).then(|| self.file_pos(i + 1, line[..last].chars().count() + 1))
        })
    }

    /// Parsers point a duplicate key at its mapping; the second occurrence is more useful.
    fn duplicate_pos(&self, raw: &str) -> Option<Pos> {
        let key = raw.split("duplicate ").nth(1)?.split(['`', '"']).nth(1)?;
        let sep = if self.split.format == Format::Yaml {
            ':'
        } else {
            '='
        };
        let mut hits = self.split.front.lines().enumerate().filter(|(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(sep))
        });
        hits.next()?;
        let (i, _) = hits.next()?;
        Some(self.file_pos(i + 1, 1))
    }
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

fn strip_location(msg: &str) -> String {
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
