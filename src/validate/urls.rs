//! Links a methodist typed in front matter: a refused one is an error at its value.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Meta;
use crate::parse::Page;
use crate::url::{visible, LinkUrl, UrlField};

/// Every URL field of a kind, with its path in the front matter. A new URL field of
/// front matter is added here, so that `check` sees it.
fn url_fields(meta: &Meta) -> Vec<(String, &UrlField<LinkUrl>)> {
    match meta {
        Meta::Practice(p) => p
            .materials
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((format!("materials[{i}].url"), m.url.as_ref()?)))
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
        let pos = p.locate_path(&path);
        let line = pos.map_or_else(|| visible(raw), |pos| visible(&p.line_at(pos)));
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
