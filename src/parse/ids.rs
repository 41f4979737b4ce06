//! Ids of the registries (`data/`). A school's, district's or framework's id is a folder
//! of the site (`schools/<id>/`, `district/<id>/`, `dashboard/<id>/`) and the key pages
//! name it by: two entries with one id, or with ids that differ only in letter case (one
//! folder on Windows and macOS), would publish one page for two, and an id that is no
//! URL slug («sosh 20») a page nothing links to. Each is an error at the repeated or
//! unfit id, naming the first.

use super::spans::{value_pos, Spans};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::SourceFile;
use std::collections::HashMap;

/// A registry whose entries have ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Registry {
    Regions,
    Districts,
    Schools,
    Frameworks,
    /// The indicators of one framework: unique within it; their ids are no folders.
    FrameworkIndicators,
}

impl Registry {
    /// «идентификатор …» of an entry.
    fn of_what(self) -> &'static str {
        match self {
            Registry::Regions => "региона",
            Registry::Districts => "района",
            Registry::Schools => "школы",
            Registry::Frameworks => "системы показателей",
            Registry::FrameworkIndicators => "показателя системы",
        }
    }

    /// The folder the id becomes, if it is one.
    fn folder(self) -> Option<&'static str> {
        match self {
            Registry::Regions | Registry::FrameworkIndicators => None,
            Registry::Districts => Some("district/"),
            Registry::Schools => Some("schools/"),
            Registry::Frameworks => Some("dashboard/"),
        }
    }
}

/// One id as written: the file, the field's path in it and the id.
pub(super) struct Entry<'a> {
    pub file: &'a SourceFile,
    pub path: String,
    pub id: String,
}

/// Checks the ids of one registry (across its files): unique ignoring letter case, and
/// URL slugs (regions too: they are keys like the others).
pub(super) fn check(registry: Registry, entries: &[Entry<'_>], diags: &mut Diagnostics) {
    let mut spans: HashMap<std::path::PathBuf, Spans> = HashMap::new();
    let mut pos = |e: &Entry<'_>| -> Option<Pos> {
        let s = spans
            .entry(e.file.rel.clone())
            .or_insert_with(|| Spans::yaml(&e.file.text));
        value_pos(s, &e.file.text, &e.path)
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    for (k, e) in entries.iter().enumerate() {
        let key = e.id.to_lowercase();
        let problem = match first.get(&key) {
            Some(&j) => {
                let f = &entries[j];
                let place = match (pos(f), f.file.rel == e.file.rel) {
                    (Some(p), true) => format!(" (строка {})", p.line),
                    (Some(p), false) => format!(" ({}, строка {})", display(f.file), p.line),
                    (None, _) => format!(" ({})", display(f.file)),
                };
                Some(repeated(registry, &e.id, &f.id, &place))
            }
            None => {
                first.insert(key, k);
                (registry != Registry::FrameworkIndicators && !crate::ru::is_slug(&e.id))
                    .then(|| unfit(registry, &e.id))
            }
        };
        let Some((message, hint)) = problem else {
            continue;
        };
        let p = pos(e);
        let line = p
            .and_then(|p| e.file.text.lines().nth(p.line - 1))
            .map(|l| super::frontmatter::snippet_window(l, p.map_or(1, |p| p.col)));
        diags.push(
            Diagnostic::error(&e.file.rel, message)
                .at_opt(p)
                .snippet(line.unwrap_or_else(|| e.id.to_string()))
                .hint(hint),
        );
    }
}

/// The message and hint for `id` met again as `first` (equal, or equal but for case).
fn repeated(registry: Registry, id: &str, first: &str, place: &str) -> (String, String) {
    let what = registry.of_what();
    if id == first {
        return (
            format!("идентификатор {what} «{id}» уже есть{place}"),
            repeat_hint(registry, id),
        );
    }
    let message = format!(
        "идентификатор {what} «{id}» отличается от «{first}»{place} только заглавными буквами"
    );
    let why = match registry.folder() {
        Some(_) => format!("на Windows и macOS «{id}» и «{first}» — одна папка"),
        None => format!("«{id}» и «{first}» в отчётах легко спутать"),
    };
    (message, format!("{}; {why}", repeat_hint(registry, id)))
}

fn display(f: &SourceFile) -> String {
    f.rel.to_string_lossy().replace('\\', "/")
}

fn repeat_hint(registry: Registry, id: &str) -> String {
    let why = match registry.folder() {
        Some(folder) => {
            format!("по нему строится адрес страницы {folder}{id}/ и его называют страницы")
        }
        None => "по нему запись называют страницы".to_string(),
    };
    format!("у каждой записи свой идентификатор: {why}; уберите повтор или дайте записи другой идентификатор")
}

/// Why an id is no slug, and how to write it.
fn unfit(registry: Registry, id: &str) -> (String, String) {
    let what = if id.trim().is_empty() {
        "он пуст".to_string()
    } else if crate::ru::windows_reserved(id) {
        "это имя зарезервировано в Windows: папку с ним нельзя скопировать на флешку".to_string()
    } else if id.len() > 100 {
        "он длиннее 100 символов".to_string()
    } else if id.chars().any(|c| c.is_uppercase()) {
        "в нём заглавные буквы".to_string()
    } else if id.chars().any(char::is_whitespace) {
        "в нём пробел".to_string()
    } else if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        match c.is_alphabetic() {
            true => format!("в нём буква «{c}» не латинского алфавита"),
            false => format!("в нём знак «{c}»"),
        }
    } else {
        "он начинается с дефиса".to_string()
    };
    let message = format!(
        "идентификатор {} «{id}» не годится для адреса: {what}",
        registry.of_what()
    );
    let suggestion = crate::ru::slugify(id);
    let example = match crate::ru::is_slug(&suggestion) && suggestion != id {
        true => format!(", например «{suggestion}»"),
        false => String::new(),
    };
    let hint = match registry.folder() {
        Some(folder) => format!(
            "идентификатор — часть адреса страниц ({folder}<идентификатор>/): только строчные латинские буквы, цифры и дефисы{example}"
        ),
        None => format!(
            "идентификатор пишется строчными латинскими буквами, цифрами и дефисами{example}"
        ),
    };
    (message, hint)
}
