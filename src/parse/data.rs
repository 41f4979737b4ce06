//! Registries from `data/`: `regions.yaml`, `districts.yaml`, `schools.yaml`,
//! `frameworks/*.yaml`.

use super::ids;
use super::recover::{self, Removed};
use super::spans::{text_pos, value_pos, Spans};
use super::syntax::{self, Problem};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::model::{name_key, District, Framework, Region, Registries, Resolved, School};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::Path;

/// Reads every registry; a file with errors is reported and contributes the entries
/// that could be read, and the registry is marked [`crate::model::Incomplete`].
pub fn parse_registries(files: &[SourceFile], diags: &mut Diagnostics) -> Registries {
    let mut regions = Vec::new();
    let mut districts = Vec::new();
    let mut schools = Vec::new();
    let mut frameworks = Vec::new();
    let mut incomplete = crate::model::Incomplete::default();
    // Which file each entry came from, to point at its references.
    let mut sources: Vec<Source<'_>> = Vec::new();
    let mut ids = RegistryIds::default();
    for f in files {
        let rel = f.rel.to_string_lossy().replace('\\', "/");
        match rel.strip_prefix("data/").unwrap_or(&rel) {
            "regions.yaml" | "regions.yml" => {
                let (list, _, whole) = read_list::<Region>(f, diags);
                incomplete.regions |= !whole;
                ids.regions.extend(list_ids(f, list.iter().map(|r| &r.id)));
                regions.extend(list);
            }
            "districts.yaml" | "districts.yml" => {
                let (list, removed, whole) = read_list::<District>(f, diags);
                incomplete.districts |= !whole;
                ids.districts
                    .extend(list_ids(f, list.iter().map(|d| &d.id)));
                sources.push(Source::list(
                    f,
                    Registry::Districts,
                    districts.len(),
                    list.len(),
                    removed,
                ));
                districts.extend(list);
            }
            "schools.yaml" | "schools.yml" => {
                let (list, removed, whole) = read_list::<School>(f, diags);
                incomplete.schools |= !whole;
                check_aliases(f, &list, &removed, diags);
                ids.schools.extend(list_ids(f, list.iter().map(|s| &s.id)));
                sources.push(Source::list(
                    f,
                    Registry::Schools,
                    schools.len(),
                    list.len(),
                    removed,
                ));
                schools.extend(list);
            }
            other if other.starts_with("frameworks/") => match read_one::<Framework>(f, diags) {
                Some(fw) => {
                    ids.add_framework(f, &fw);
                    sources.push(Source::one(f, frameworks.len()));
                    frameworks.push(fw);
                }
                None => incomplete.frameworks = true,
            },
            _ => {}
        }
    }
    ids.check(diags);
    let mut reg = Registries::new(regions, districts, schools, frameworks);
    reg.incomplete = incomplete;
    for s in &sources {
        check_references(s, &reg, diags);
    }
    reg
}

/// The ids of every registry as written, checked once all files are read.
#[derive(Default)]
struct RegistryIds<'a> {
    regions: Vec<ids::Entry<'a>>,
    districts: Vec<ids::Entry<'a>>,
    schools: Vec<ids::Entry<'a>>,
    frameworks: Vec<ids::Entry<'a>>,
    /// The indicators of each framework, checked framework by framework.
    indicators: Vec<Vec<ids::Entry<'a>>>,
}

impl<'a> RegistryIds<'a> {
    fn add_framework(&mut self, f: &'a SourceFile, fw: &Framework) {
        self.frameworks.push(entry(f, "id".into(), &fw.id));
        let list = fw.indicators.iter().enumerate();
        self.indicators.push(
            list.map(|(k, i)| entry(f, format!("indicators[{k}].id"), &i.id))
                .collect(),
        );
    }

    fn check(&self, diags: &mut Diagnostics) {
        use ids::Registry;
        ids::check(Registry::Regions, &self.regions, diags);
        ids::check(Registry::Districts, &self.districts, diags);
        ids::check(Registry::Schools, &self.schools, diags);
        ids::check(Registry::Frameworks, &self.frameworks, diags);
        for list in &self.indicators {
            ids::check(Registry::FrameworkIndicators, list, diags);
        }
    }
}

fn entry<'a>(file: &'a SourceFile, path: String, id: &str) -> ids::Entry<'a> {
    ids::Entry {
        file,
        path,
        id: id.to_string(),
    }
}

/// The ids of a list registry, at `[k].id`.
fn list_ids<'a, 'b>(
    f: &'a SourceFile,
    ids: impl Iterator<Item = &'b String>,
) -> Vec<ids::Entry<'a>> {
    ids.enumerate()
        .map(|(k, id)| entry(f, format!("[{k}].id"), id))
        .collect()
}

/// A registry whose entries name entries of another.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Registry {
    /// `districts.yaml`: each names its region.
    Districts,
    /// `schools.yaml`: each names its district.
    Schools,
    /// `frameworks/*.yaml`: one framework naming its region.
    Framework,
}

/// Entries `start..start + len` of a registry, read from `file`.
struct Source<'a> {
    file: &'a SourceFile,
    registry: Registry,
    start: usize,
    len: usize,
    /// Entries that could not be read, to count them back into positions.
    removed: Removed,
}

impl<'a> Source<'a> {
    fn list(
        file: &'a SourceFile,
        registry: Registry,
        start: usize,
        len: usize,
        removed: Removed,
    ) -> Self {
        Source {
            file,
            registry,
            start,
            len,
            removed,
        }
    }

    fn one(file: &'a SourceFile, index: usize) -> Self {
        Source::list(file, Registry::Framework, index, 1, Removed::default())
    }
}

/// A district's region, a school's district and a framework's region must be ids of
/// their registries, as the same names are on pages; an unknown one is an error at it.
fn check_references(s: &Source<'_>, reg: &Registries, diags: &mut Diagnostics) {
    // Made once, and only if an entry is wrong.
    let spans = std::cell::OnceCell::new();
    for k in 0..s.len {
        let i = s.start + k;
        // A registry that could not all be read may hold the name: not an error here.
        let (field, what, value, known, file) = match s.registry {
            Registry::Districts => {
                let r = &reg.districts[i].region;
                let ok = reg.region(r).is_some() || reg.incomplete.regions;
                ("region", "регион", r, ok, "data/regions.yaml")
            }
            Registry::Schools => {
                let d = &reg.schools[i].district;
                let ok = reg.district(d).is_some() || reg.incomplete.districts;
                ("district", "район", d, ok, "data/districts.yaml")
            }
            Registry::Framework => {
                let r = &reg.frameworks[i].region;
                let ok = reg.region(r).is_some() || reg.incomplete.regions;
                ("region", "регион", r, ok, "data/regions.yaml")
            }
        };
        if known {
            continue;
        }
        let path = match s.registry {
            Registry::Framework => field.to_string(),
            _ => s.removed.original(&format!("[{k}].{field}")),
        };
        let spans = spans.get_or_init(|| Spans::yaml(&s.file.text));
        let pos = value_pos(spans, &s.file.text, &path);
        let ids: Vec<&str> = match s.registry {
            Registry::Schools => reg.districts.iter().map(|d| d.id.as_str()).collect(),
            _ => reg.regions.iter().map(|r| r.id.as_str()).collect(),
        };
        let hint = match (s.registry, reg.resolve_district(value)) {
            (Registry::Schools, Resolved::One(id)) => {
                format!("укажите идентификатор района: «{id}»")
            }
            _ => match super::frontmatter::closest(value, &ids) {
                Some(best) => format!("может быть, «{best}»? Идентификаторы — в {file}"),
                None if ids.is_empty() => format!("добавьте запись в {file}"),
                None => format!(
                    "добавьте запись в {file} или укажите один из идентификаторов: {}",
                    ids.iter().take(10).copied().collect::<Vec<_>>().join(", ")
                ),
            },
        };
        diags.push(
            Diagnostic::error(
                &s.file.rel,
                format!("неизвестное значение: {what} «{value}»"),
            )
            .at_opt(pos)
            .snippet(
                pos.and_then(|p| s.file.text.lines().nth(p.line - 1))
                    .unwrap_or(value),
            )
            .hint(hint),
        );
    }
}

/// The entries of a registry file that could be read, what could not, and whether the
/// file was read whole; its problems go to `diags`.
fn read_list<T: DeserializeOwned>(
    f: &SourceFile,
    diags: &mut Diagnostics,
) -> (Vec<T>, Removed, bool) {
    let (value, problems, removed) = read_yaml_parts::<Vec<T>>(&f.text);
    let whole = problems.is_empty();
    for p in problems {
        diags.push(problem_diagnostic(&f.rel, &f.text, p));
    }
    (value.unwrap_or_default(), removed, whole)
}

fn read_one<T: DeserializeOwned>(f: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    match read_yaml::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(problems) => {
            for p in problems {
                diags.push(problem_diagnostic(&f.rel, &f.text, p));
            }
            None
        }
    }
}

/// Reads a whole YAML text (a data file, a section's front matter) into `T`; every problem,
/// located and in Russian.
pub fn read_yaml<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    whole(read_yaml_partial(text))
}

/// Reads a whole TOML text (`metodist.toml`, a section's front matter) into `T`; every
/// problem, located and in Russian.
pub fn read_toml<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    whole(read_toml_partial(text))
}

fn whole<T>((value, problems): (Option<T>, Vec<Problem>)) -> Result<T, Vec<Problem>> {
    match value {
        Some(v) if problems.is_empty() => Ok(v),
        _ => Err(problems),
    }
}

/// [`read_yaml`] as far as it can: the value without the fields that could not be read
/// (if it can be made of the rest), and every problem.
pub fn read_yaml_partial<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<Problem>) {
    let (value, problems, _) = read_yaml_parts(text);
    (value, problems)
}

/// [`read_yaml_partial`] with what was taken out of the text.
fn read_yaml_parts<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<Problem>, Removed) {
    let value = match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text) {
        Ok(v) => v,
        Err(e) => return (None, vec![syntax::yaml(text, &e)], Removed::default()),
    };
    let partial = recover::read_partial::<T>(text, recover::Syntax::Yaml(&value));
    let spans = std::cell::OnceCell::new();
    let problems = partial
        .errors
        .iter()
        .map(|e| syntax::field(text, spans.get_or_init(|| Spans::yaml(text)), e, "YAML"))
        .collect();
    (partial.value, problems, partial.removed)
}

/// [`read_toml`] as far as it can (see [`read_yaml_partial`]).
pub fn read_toml_partial<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<Problem>) {
    let table = match toml::from_str::<toml::Table>(text) {
        Ok(t) => t,
        Err(e) => return (None, vec![syntax::toml(text, &e)]),
    };
    let partial = recover::read_partial::<T>(text, recover::Syntax::Toml(&table));
    let spans = std::cell::OnceCell::new();
    let problems = partial
        .errors
        .iter()
        .map(|e| syntax::field(text, spans.get_or_init(|| Spans::toml(text)), e, "TOML"))
        .collect();
    (partial.value, problems)
}

/// A problem of a YAML data file as a diagnostic with its line.
fn problem_diagnostic(path: &Path, text: &str, p: Problem) -> Diagnostic {
    let line = text.lines().nth(p.pos.line - 1).unwrap_or_default();
    let mut d = Diagnostic::error(path, p.message)
        .at(p.pos)
        .snippet(super::frontmatter::snippet_window(line, p.pos.col));
    if let Some(h) = p.hint {
        d = d.hint(h);
    }
    d
}

/// A YAML error in a data file, located and translated.
pub fn yaml_diagnostic(path: &Path, text: &str, e: &serde_yaml_ng::Error) -> Diagnostic {
    problem_diagnostic(path, text, syntax::yaml(text, e))
}

/// An alias that two schools of one district share makes every use of it ambiguous.
fn check_aliases(f: &SourceFile, schools: &[School], removed: &Removed, diags: &mut Diagnostics) {
    let spans = Spans::yaml(&f.text);
    let mut seen: HashMap<(String, &str), &str> = HashMap::new();
    for (k, s) in schools.iter().enumerate() {
        let names = std::iter::once((format!("[{k}].name"), &s.name))
            .chain(
                s.short_name
                    .iter()
                    .map(|n| (format!("[{k}].short_name"), n)),
            )
            .chain(
                s.aliases
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (format!("[{k}].aliases[{j}]"), a)),
            );
        for (path, alias) in names {
            let key = (name_key(alias), s.district.as_str());
            match seen.get(&key) {
                Some(other) if *other != s.id => {
                    diags.push(
                        Diagnostic::error(
                            &f.rel,
                            format!(
                                "написание «{alias}» подходит к двум школам: {other} и {}",
                                s.id
                            ),
                        )
                        .at_opt(text_pos(&spans, &f.text, &removed.original(&path), alias))
                        .snippet(alias.clone())
                        .hint("уберите псевдоним у одной из школ или уточните его"),
                    );
                }
                _ => {
                    seen.insert(key, &s.id);
                }
            }
        }
    }
}
