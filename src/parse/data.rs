//! Registries from `data/`: `regions.yaml`, `districts.yaml`, `schools.yaml`,
//! `frameworks/*.yaml`.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::SourceFile;
use crate::model::{name_key, District, Framework, Region, Registries, School};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::Path;

/// Reads every registry; a file with errors contributes nothing and is reported.
pub fn parse_registries(files: &[SourceFile], diags: &mut Diagnostics) -> Registries {
    let mut regions = Vec::new();
    let mut districts = Vec::new();
    let mut schools = Vec::new();
    let mut frameworks = Vec::new();
    for f in files {
        let rel = f.rel.to_string_lossy().replace('\\', "/");
        match rel.strip_prefix("data/").unwrap_or(&rel) {
            "regions.yaml" | "regions.yml" => regions.extend(read_list::<Region>(f, diags)),
            "districts.yaml" | "districts.yml" => districts.extend(read_list::<District>(f, diags)),
            "schools.yaml" | "schools.yml" => {
                let list = read_list::<School>(f, diags);
                check_aliases(f, &list, diags);
                schools.extend(list);
            }
            other if other.starts_with("frameworks/") => {
                if let Some(fw) = read_one::<Framework>(f, diags) {
                    frameworks.push(fw);
                }
            }
            _ => {}
        }
    }
    Registries::new(regions, districts, schools, frameworks)
}

fn read_list<T: DeserializeOwned>(f: &SourceFile, diags: &mut Diagnostics) -> Vec<T> {
    read_one::<Vec<T>>(f, diags).unwrap_or_default()
}

fn read_one<T: DeserializeOwned>(f: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    match serde_yaml_ng::from_str::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(yaml_diagnostic(&f.rel, &f.text, &e));
            None
        }
    }
}

/// A YAML error in a data file, located and translated.
pub fn yaml_diagnostic(path: &Path, text: &str, e: &serde_yaml_ng::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line(), l.column()))
        .unwrap_or(Pos::new(1, 1));
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    let (message, hint) = super::messages::russify(msg, "YAML");
    let mut d = Diagnostic::error(path, message)
        .at(pos)
        .snippet(text.lines().nth(pos.line - 1).unwrap_or_default());
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// An alias that two schools of one district share makes every use of it ambiguous.
fn check_aliases(f: &SourceFile, schools: &[School], diags: &mut Diagnostics) {
    let mut seen: HashMap<(String, &str), &str> = HashMap::new();
    for s in schools {
        let names = std::iter::once(&s.name)
            .chain(s.short_name.iter())
            .chain(s.aliases.iter());
        for alias in names {
            let key = (name_key(alias), s.district.as_str());
            match seen.get(&key) {
                Some(other) if *other != s.id => {
                    let pos = find_after(&f.text, &format!("id: {}", s.id), alias);
                    diags.push(
                        Diagnostic::error(
                            &f.rel,
                            format!(
                                "написание «{alias}» подходит к двум школам: {other} и {}",
                                s.id
                            ),
                        )
                        .at_opt(pos)
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

fn find_after(text: &str, anchor: &str, needle: &str) -> Option<Pos> {
    let start = text.find(anchor).unwrap_or(0);
    text[start..]
        .find(needle)
        .map(|i| Pos::of_offset(text, start + i))
}
