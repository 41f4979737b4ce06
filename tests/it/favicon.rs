//! The favicon: the theme's by default, the site's own from `static/` when it has one.

use crate::util::site_with;

const HOME: &str = "---\ntitle: Главная\n---\nТекст.\n";

#[test]
fn the_theme_gives_a_favicon_and_the_site_may_replace_it() {
    let site = site_with(&[("content/_index.md", HOME)]);
    site.build_ok();
    site.assert_contains("public/favicon.svg", "<svg");
    site.assert_contains(
        "public/index.html",
        "<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">",
    );
    let own = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>наш значок</title></svg>";
    let site = site_with(&[("content/_index.md", HOME), ("static/favicon.svg", own)]);
    site.build_ok();
    assert_eq!(site.read("public/favicon.svg"), own);
}
