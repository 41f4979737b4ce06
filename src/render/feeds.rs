//! sitemap.xml and the Atom feed of news and events.

use crate::derive::Site;
use crate::markdown::html_escape;
use crate::model::Kind;
use crate::url::BaseUrl;

/// `url` under the site's address. `base_url` was checked when the config was read; it
/// is checked again here, as templates check URLs through `safe_url`: a refused one
/// leaves the path site-relative.
fn absolute(site: &Site, url: &str) -> String {
    let base = site.config.base_url.value().map_or("", BaseUrl::as_str);
    under(base, url)
}

fn under(base: &str, url: &str) -> String {
    let base = match crate::url::check_base(base) {
        Ok(()) => base.trim().trim_end_matches('/'),
        Err(_) => "",
    };
    format!("{base}/{url}")
}

/// Every page and list of the site.
pub fn sitemap(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let entry = |out: &mut String, url: &str, lastmod: Option<&str>| {
        out.push_str("  <url><loc>");
        out.push_str(&html_escape(&absolute(site, url)));
        out.push_str("</loc>");
        if let Some(d) = lastmod {
            out.push_str("<lastmod>");
            out.push_str(d);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    };
    for s in &site.sections {
        entry(&mut out, &s.url, None);
    }
    for p in &site.pages {
        entry(&mut out, &p.url, p.updated.as_deref());
    }
    if !site.dashboards.frameworks.is_empty() {
        entry(&mut out, "dashboard/", None);
    }
    for d in &site.dashboards.frameworks {
        entry(&mut out, &d.url, None);
    }
    if !site.schools.list.is_empty() {
        entry(&mut out, "schools/", None);
    }
    for s in &site.schools.list {
        entry(&mut out, &s.url, None);
    }
    for t in site.taxonomies.iter().filter(|t| !t.terms.is_empty()) {
        entry(&mut out, &t.url, None);
        for term in &t.terms {
            entry(&mut out, &term.term.url, None);
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// News and events, newest first.
pub fn atom(site: &Site) -> String {
    let mut items: Vec<usize> = (0..site.pages.len())
        .filter(|i| matches!(site.pages[*i].kind, Kind::News | Kind::Event))
        .collect();
    items.sort_by(|a, b| {
        site.pages[*b]
            .sort_date
            .cmp(&site.pages[*a].sort_date)
            .then_with(|| site.pages[*a].title.cmp(&site.pages[*b].title))
    });
    items.truncate(site.config.feed_limit.max(1));
    let updated = items
        .iter()
        .filter_map(|i| site.pages[*i].sort_date)
        .max()
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n");
    out.push_str(&format!(
        "  <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n",
        html_escape(&site.config.title),
        html_escape(&absolute(site, "")),
        html_escape(&absolute(site, "")),
        html_escape(&absolute(site, "atom.xml")),
    ));
    for i in items {
        let p = &site.pages[i];
        let date = p
            .sort_date
            .map(|d| format!("{d}T00:00:00Z"))
            .unwrap_or_else(|| updated.clone());
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{date}</updated>\n    <category term=\"{}\" label=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            html_escape(&p.title),
            html_escape(&absolute(site, &p.url)),
            html_escape(&absolute(site, &p.url)),
            p.kind.as_str(),
            p.kind_label,
            html_escape(&p.summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::under;

    #[test]
    fn a_refused_base_url_never_reaches_the_feeds() {
        assert_eq!(
            under("https://metod.example.org/", "a/"),
            "https://metod.example.org/a/"
        );
        assert_eq!(under("", "a/"), "/a/");
        for v in crate::url::tests::vectors() {
            assert_eq!(under(&v, "a/"), "/a/", "{v:?}");
        }
    }
}
