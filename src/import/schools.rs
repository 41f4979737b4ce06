//! School names in the text resolved through `data/schools.yaml` (ids, names, short
//! names, aliases; spacing, case, quotes and `ё` do not matter). Resolved names become
//! ids; unknown and ambiguous ones are listed once each in the review.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::review::{Review, Topic};
use crate::model::{name_key, Registries, Resolved};

static SCHOOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:МБОУ|МАОУ|МКОУ|МОУ|МБДОУ|МАДОУ|МКДОУ|МДОУ|МБУДО|МАУДО|МКУДО)\s*[«"]([^«»"]{2,60}?(?:[«"][^«»"]{1,40}[»"])?[^«»"]{0,20}?)[»"]|\bСОШ\s*№\s*\d{1,3}"#)
        .expect("valid regex")
});

/// Resolves school names, remembering what could not be resolved.
#[derive(Debug, Default)]
pub struct Schools {
    unknown: BTreeSet<String>,
}

impl Schools {
    /// Ids of the schools named in `text`; unknown names are reported once.
    pub fn find(
        &mut self,
        text: &str,
        line: usize,
        reg: &Registries,
        district: Option<&str>,
        review: &mut Review,
    ) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for c in SCHOOL.captures_iter(text) {
            let whole = c.get(0).map_or("", |m| m.as_str());
            let inner = c.get(1).map(|m| m.as_str());
            let found = [Some(whole), inner]
                .into_iter()
                .flatten()
                .map(|n| reg.resolve_school(n, district))
                .find(|r| !matches!(r, Resolved::Unknown))
                .unwrap_or(Resolved::Unknown);
            match found {
                Resolved::One(id) => {
                    if !ids.iter().any(|i| i == id) {
                        ids.push(id.to_string());
                    }
                }
                Resolved::Unknown => {
                    if self.unknown.insert(name_key(whole)) {
                        review.add(line, Topic::School, format!("школа «{whole}» не найдена в data/schools.yaml: добавьте её или псевдоним"));
                    }
                }
                Resolved::Ambiguous(many) => {
                    if self.unknown.insert(name_key(whole)) {
                        review.add(
                            line,
                            Topic::School,
                            format!(
                                "«{whole}» подходит к нескольким школам ({}): уточните",
                                many.join(", ")
                            ),
                        );
                    }
                }
            }
        }
        ids
    }
}
