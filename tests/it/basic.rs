//! `metodist build` of `tests/fixtures/basic`: what the published site contains.

use crate::util::{attr_values, list_files, resolve_href, SiteTest};

/// Builds a fresh copy of the basic fixture into `<site>/public`.
fn built() -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    site
}

/// The text inside the first `<h1 …>…</h1>` of `html`, tags stripped.
fn h1(html: &str) -> Option<String> {
    let start = html.find("<h1")?;
    let open_end = start + html[start..].find('>')? + 1;
    let close = open_end + html[open_end..].find("</h1>")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(crate::util::decode_entities(text.trim()))
}

#[test]
fn every_kind_has_its_title_in_h1() {
    let site = built();
    // (page, title as written in the fixture's front matter)
    let pages = [
        (
            "reports/otchet-2025",
            "Отчёт о реализации плана РС НМС в 2025 году",
        ),
        // TOML front matter (+++).
        ("plans/plan-2025", "План РС НМС на 2025 год"),
        ("roadmaps/shnor-2025", "Дорожная карта сопровождения ШНОР"),
        (
            "programmes/programma",
            "Программа методического обеспечения 2025–2027",
        ),
        (
            "regulations/polozhenie",
            "Положение о региональной системе научно-методического сопровождения",
        ),
        ("rmo/matematika", "РМО учителей математики"),
        ("competitions/uchitel-goda", "Учитель года — 2025"),
        // A bundle: practices/nastavnik/index.md.
        ("practices/nastavnik", "Наставничество в школе"),
        ("events/seminar", "Семинар «Функциональная грамотность»"),
        ("news/novost", "Открыт приём заявок на конкурс"),
        ("pages/o-nas", "О методической службе"),
    ];
    for (page, title) in pages {
        let rel = format!("public/{page}/index.html");
        site.assert_file(&rel);
        let html = site.read(&rel);
        assert_eq!(h1(&html).as_deref(), Some(title), "<h1> of {rel}");
        // The <title> of the document names the page too.
        let head_title = html
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .map(crate::util::decode_entities)
            .unwrap_or_default();
        assert!(
            head_title.starts_with(title),
            "<title> of {rel}: {head_title}"
        );
    }
}

#[test]
fn taxonomy_pages_and_pagination() {
    let site = built();
    for term in [
        "district/usolsky",
        "subject/matematika",
        "level/ooo",
        // The practice is for ООО and СОО.
        "level/soo",
        "year/2025",
        "kind/practice",
        "tags/nastavnichestvo",
    ] {
        site.assert_file(&format!("public/{term}/index.html"));
    }
    // Nobody wrote level НОО, so there is no page for it.
    site.assert_no_file("public/level/noo/index.html");

    // The practice is listed on its kind's page and on the page of its tag; the report,
    // also tagged «наставничество», is on the tag page as well.
    let links_to = |rel: &str, target: &str| {
        let html = site.read(rel);
        attr_values(&html, "href").iter().any(|h| {
            resolve_href(rel.strip_prefix("public/").unwrap(), h).as_deref() == Some(target)
        })
    };
    let practice = "practices/nastavnik/index.html";
    let report = "reports/otchet-2025/index.html";
    assert!(links_to("public/kind/practice/index.html", practice));
    assert!(links_to("public/tags/nastavnichestvo/index.html", practice));
    assert!(links_to("public/tags/nastavnichestvo/index.html", report));
    assert!(!links_to("public/kind/practice/index.html", report));

    // Eight pages name district usolsky (competition, event, plan, practice, programme,
    // report, rmo, roadmap); paginate = 3 gives pages 1, 2 and 3.
    site.assert_file("public/district/usolsky/page/2/index.html");
    site.assert_file("public/district/usolsky/page/3/index.html");
    site.assert_no_file("public/district/usolsky/page/4/index.html");
    // Page 2 links back towards page 1.
    assert!(links_to(
        "public/district/usolsky/page/2/index.html",
        "district/usolsky/index.html"
    ));
}

#[test]
fn sitemap_and_atom_feed() {
    let site = built();
    site.assert_contains(
        "public/sitemap.xml",
        "<loc>https://metod.example.org/practices/nastavnik/</loc>",
    );
    site.assert_contains(
        "public/sitemap.xml",
        "<loc>https://metod.example.org/</loc>",
    );
    // Pages of the site are not linked through the development address.
    site.assert_not_contains("public/sitemap.xml", "localhost");

    // The feed carries news and events only.
    site.assert_contains("public/atom.xml", "Открыт приём заявок на конкурс");
    site.assert_contains("public/atom.xml", "Семинар «Функциональная грамотность»");
    site.assert_contains("public/atom.xml", "https://metod.example.org/news/novost/");
    site.assert_not_contains("public/atom.xml", "Отчёт о реализации плана");
    site.assert_not_contains("public/atom.xml", "Наставничество в школе");
    let atom = site.read("public/atom.xml");
    assert_eq!(atom.matches("<entry>").count(), 2, "{atom}");
}

#[test]
fn code_is_highlighted_with_classes() {
    let site = built();
    let html = site.read("public/reports/otchet-2025/index.html");
    let pre = html
        .find("<pre")
        .map(|i| &html[i..i + html[i..].find("</pre>").expect("closed <pre>")])
        .unwrap_or_else(|| panic!("no <pre> in the report page:\n{html}"));
    assert!(pre.contains("<span class=\"hl-"), "no hl- spans: {pre}");
    // The YAML key of the code block is inside the highlighted block.
    assert!(pre.contains(">kind<"), "{pre}");
    assert!(!html.contains("style="), "inline styles in the report page");

    let css: Vec<String> = list_files(&site.path("public"))
        .into_iter()
        .filter(|f| f.ends_with("highlight.css"))
        .collect();
    assert_eq!(css, ["css/highlight.css"], "{}", site.listing());
    site.assert_contains("public/css/highlight.css", ".hl-");
    // Every page refers to it relatively.
    assert!(attr_values(&html, "href")
        .iter()
        .any(|h| h == "../../css/highlight.css"));
}

#[test]
fn override_template_static_files_and_bundle_assets() {
    let site = built();
    // content/pages/o-nas.md asks for templates/special.html, the site's own template.
    site.assert_contains("public/pages/o-nas/index.html", "override-marker");
    // Other pages use the theme's template.
    site.assert_not_contains("public/news/novost/index.html", "override-marker");

    assert_eq!(
        std::fs::read(site.path("public/robots.txt")).unwrap(),
        std::fs::read(site.path("static/robots.txt")).unwrap()
    );

    // The file beside the practice's index.md is published beside its page.
    assert_eq!(
        std::fs::read(site.path("public/practices/nastavnik/plan.txt")).unwrap(),
        "План занятия\n".as_bytes()
    );
    let rel = "practices/nastavnik/index.html";
    let html = site.read(&format!("public/{rel}"));
    let hrefs = attr_values(&html, "href");
    let to_plan: Vec<&String> = hrefs
        .iter()
        .filter(|h| resolve_href(rel, h).as_deref() == Some("practices/nastavnik/plan.txt"))
        .collect();
    assert!(!to_plan.is_empty(), "no link to plan.txt in {hrefs:?}");
    for h in to_plan {
        assert!(
            !h.starts_with('/') && !h.contains("://"),
            "not relative: {h}"
        );
    }
}

#[test]
fn all_links_are_relative_and_resolve() {
    let site = built();
    let out = site.path("public");
    let files = list_files(&out);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(file)).unwrap();
        for attr in ["href", "src", "action"] {
            for v in attr_values(&html, attr) {
                if v.starts_with('/') {
                    problems.push(format!("{file}: {attr}=\"{v}\" starts with /"));
                    continue;
                }
                if v.contains("localhost") || v.contains("127.0.0.1") {
                    problems.push(format!("{file}: {attr}=\"{v}\" points at the dev server"));
                    continue;
                }
                if v.contains("://") || v.starts_with("mailto:") || v.starts_with("tel:") {
                    // No external requests: scripts, images and styles are local.
                    if attr == "src" {
                        problems.push(format!("{file}: external {attr}=\"{v}\""));
                    }
                    continue;
                }
                checked += 1;
                let (target, anchor) = if let Some(a) = v.strip_prefix('#') {
                    (Some(file.clone()), Some(a.to_string()))
                } else {
                    let anchor = v.split_once('#').map(|(_, a)| a.to_string());
                    (resolve_href(file, &v), anchor)
                };
                let Some(target) = target else {
                    problems.push(format!("{file}: {attr}=\"{v}\" leaves the site"));
                    continue;
                };
                if target.ends_with('/') {
                    // Folders do not open their index.html from file://.
                    problems.push(format!("{file}: {attr}=\"{v}\" is a folder, not a file"));
                    continue;
                }
                let path = out.join(&target);
                if !path.is_file() {
                    problems.push(format!("{file}: {attr}=\"{v}\" → {target} does not exist"));
                    continue;
                }
                if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    if !text.contains(&format!("id=\"{a}\"")) {
                        problems.push(format!(
                            "{file}: {attr}=\"{v}\" → no id=\"{a}\" in {target}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} bad links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The checker really looked at links (the site has dozens on every page).
    assert!(checked > 100, "only {checked} links checked");
    // The report's link to the plan's heading «Цели» became a relative link with its anchor.
    let report = site.read("public/reports/otchet-2025/index.html");
    assert!(
        attr_values(&report, "href")
            .contains(&"../../plans/plan-2025/index.html#tseli".to_string()),
        "{report}"
    );
    site.assert_contains("public/plans/plan-2025/index.html", "id=\"tseli\"");
}

#[test]
fn russian_dates_schools_and_backlinks() {
    let site = built();
    // date: 2025-11-21
    site.assert_contains("public/reports/otchet-2025/index.html", "21 ноября 2025 г.");
    // as_of: 30.11.2025 (the dd.mm.yyyy spelling)
    site.assert_contains("public/reports/otchet-2025/index.html", "30 ноября 2025 г.");
    // regulation date: 13.06.2023
    site.assert_contains(
        "public/regulations/polozhenie/index.html",
        "13 июня 2023 г.",
    );

    // «СОШ №20» in the roadmap is an alias of sosh-20; its full name is shown.
    site.assert_contains(
        "public/roadmaps/shnor-2025/index.html",
        "МБОУ «Средняя общеобразовательная школа № 20»",
    );
    site.assert_contains(
        "public/roadmaps/shnor-2025/index.html",
        "МБОУ «Белореченская СОШ»",
    );
    site.assert_not_contains("public/roadmaps/shnor-2025/index.html", "СОШ №20");

    // The practice names the competition as its source; the competition lists it back.
    let rel = "competitions/uchitel-goda/index.html";
    let html = site.read(&format!("public/{rel}"));
    let back = html
        .find("id=\"backlinks\"")
        .map(|i| &html[i..])
        .unwrap_or_else(|| panic!("no backlinks section in {rel}:\n{html}"));
    let back = &back[..back.find("</section>").unwrap_or(back.len())];
    assert!(back.contains("Наставничество в школе"), "{back}");
    assert!(
        attr_values(back, "href")
            .iter()
            .any(|h| resolve_href(rel, h).as_deref() == Some("practices/nastavnik/index.html")),
        "{back}"
    );
}
