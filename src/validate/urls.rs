//! Links a methodist typed in front matter: a refused one is an error at its value.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Meta;
use crate::parse::frontmatter::{snippet_window, split};
use crate::parse::locate::{front_matter_value, Step};
use crate::parse::Page;
use crate::url::{visible, LinkUrl, UrlField};

/// Every URL field of a kind, with its path in the front matter. A new URL field of
/// front matter is added here, so that `check` sees it.
fn url_fields(meta: &Meta) -> Vec<([Step<'static>; 3], &UrlField<LinkUrl>)> {
    match meta {
        Meta::Practice(p) => p
            .materials
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let path = [Step::Key("materials"), Step::Index(i), Step::Key("url")];
                m.url.as_ref().map(|u| (path, u))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Reports every refused URL of the page's front matter at its value.
pub fn check_page_urls(p: &Page, diags: &mut Diagnostics) {
    for (path, field) in url_fields(&p.meta) {
        let Some((raw, why)) = field.refused() else {
            continue;
        };
        let pos = split(&p.text)
            .ok()
            .flatten()
            .and_then(|s| front_matter_value(&s, &path))
            .or_else(|| p.locate(raw));
        let line = pos
            .and_then(|pos| p.text.lines().nth(pos.line - 1))
            .map(|l| snippet_window(&visible(l), pos.map_or(1, |p| p.col)))
            .unwrap_or_else(|| visible(raw));
        diags.push(
            Diagnostic::error(
                &p.src,
                format!(
                    "недопустимый адрес ссылки «{}»: {}",
                    visible(raw),
                    why.reason()
                ),
            )
            .at_opt(pos)
            .snippet(line)
            .hint(why.hint()),
        );
    }
}
