//! The reader's small items (issue 14, point 7) on the bundled site: each school once,
//! activity numbers that link to their rows, school pages by date, a home page that
//! says whose site it is, a favicon, and no link to a page that does not exist.

use super::{builds_site, root};
use regex::Regex;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The part of `html` from the first `start` to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let to = from + html[from..].find(end).expect("closed");
    &html[from..to]
}

/// The ШНОР roadmap names 18 schools (seed 002: 6 ШНОР, 12 «зоны риска»), some in two
/// spellings («Тальянская»/«Гальянская СОШ №17»); its «Школы» lists each once.
#[test]
fn roadmap_lists_each_school_once() {
    let (_tmp, out) = builds_site();
    let html = read(&out, "roadmaps/usolsky-shnor-2023/index.html");
    let section = between(&html, "<section class=\"schools\">", "</section>");
    let re = Regex::new(r#"<li><a href="([^"]+)""#).unwrap();
    let links: Vec<String> = re
        .captures_iter(section)
        .map(|c| c[1].to_string())
        .collect();
    let distinct: BTreeSet<&String> = links.iter().collect();
    assert_eq!(links.len(), 18, "{links:#?}");
    assert_eq!(distinct.len(), 18);
}

/// A school page links each activity that names the school to its row. Seed 002 names
/// «Тальянская (Гальянская) СОШ №17» in rows 5, 7 and 9 of the roadmap; every such link
/// on every school page lands on an existing row.
#[test]
fn school_pages_link_activities_to_their_rows() {
    let (_tmp, out) = builds_site();
    let talya = read(&out, "schools/talyanskaya-sosh-17/index.html");
    for n in [5, 7, 9] {
        let href = format!(
            "href=\"../../roadmaps/usolsky-shnor-2023/index.html#activity-{n}\">Мероприятие {n}</a>"
        );
        assert!(talya.contains(&href), "no link to activity {n}:\n{talya}");
    }
    let re = Regex::new(r##"href="\.\./\.\./([^"#]+)#(activity-[^"]+)""##).unwrap();
    let mut links = 0;
    for entry in fs::read_dir(out.join("schools")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        let Ok(html) = fs::read_to_string(&page) else {
            continue;
        };
        for c in re.captures_iter(&html) {
            links += 1;
            let target = read(&out, &c[1]);
            assert!(
                target.contains(&format!("id=\"{}\"", &c[2])),
                "{}: {}#{} has no such row",
                page.display(),
                &c[1],
                &c[2]
            );
        }
    }
    // The 2025 report alone names schools in dozens of its 110 activities.
    assert!(links > 30, "only {links} activity links on school pages");
}

/// «Отчёт · 21 ноября 2025 г.» → (2025, 11, 21); «Конкурс · 2025 г.» → (2025, 1, 1), the
/// key the site sorts a page with a year and no date by; none → None.
fn listed_date(kind_line: &str) -> Option<(i32, u32, u32)> {
    let re = Regex::new(r"(?:(\d{1,2}) (\p{L}+) )?(\d{4}) г\.").unwrap();
    let c = re.captures(kind_line)?;
    let year = c[3].parse().ok()?;
    match (c.get(1), c.get(2)) {
        (Some(d), Some(m)) => {
            let month = metodist::ru::MONTHS_GENITIVE
                .iter()
                .position(|x| *x == m.as_str())? as u32
                + 1;
            Some((year, month, d.as_str().parse().ok()?))
        }
        _ => Some((year, 1, 1)),
    }
}

/// A school page lists its pages newest first, undated last. «Буретская СОШ» is named by the 2025 report (approved 21.11.2025, seed 000) and the 2023 roadmap
/// (28.04.2023, seed 002): the report comes first, the roadmap last.
#[test]
fn school_pages_list_pages_newest_first() {
    let (_tmp, out) = builds_site();
    let re = Regex::new(r#"<p class="item-kind">([^<]*)</p>"#).unwrap();
    let lines =
        |html: &str| -> Vec<String> { re.captures_iter(html).map(|c| c[1].to_string()).collect() };
    let buret = lines(&read(&out, "schools/buretskaya-sosh/index.html"));
    assert_eq!(
        buret.first().map(String::as_str),
        Some("Отчёт · 21 ноября 2025 г.")
    );
    assert_eq!(
        buret.last().map(String::as_str),
        Some("Дорожная карта · 28 апреля 2023 г.")
    );
    for entry in fs::read_dir(out.join("schools")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        let Ok(html) = fs::read_to_string(&page) else {
            continue;
        };
        let dates: Vec<Option<(i32, u32, u32)>> =
            lines(&html).iter().map(|l| listed_date(l)).collect();
        // Newest first, and no dated page after an undated one.
        let sorted = dates.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => a >= b,
            (None, Some(_)) => false,
            _ => true,
        });
        assert!(sorted, "{}: {:?}", page.display(), lines(&html));
    }
}

/// The home page's title names the site and its publisher, and its description is the
/// site's, both as `metodist.toml` writes them.
#[test]
fn home_page_names_its_publisher() {
    let config: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("metodist.toml")).unwrap()).unwrap();
    let text = |k: &str| config[k].as_str().unwrap().to_string();
    let (_tmp, out) = builds_site();
    let home = read(&out, "index.html");
    let title = format!(
        "<title>{} — {}</title>",
        text("title"),
        text("organisation")
    );
    assert!(home.contains(&title), "no {title} in the home page");
    let description = text("description");
    assert!(!description.is_empty());
    assert!(
        home.contains(&format!(
            "<meta name=\"description\" content=\"{description}\">"
        )),
        "the home page's description is not the site's"
    );
}

/// Every page links the theme's favicon, and the file is there (a browser asks for
/// one on every visit); the site's own `static/favicon.svg` wins over the theme's.
#[test]
fn favicon_is_linked_and_published() {
    let (_tmp, out) = builds_site();
    for rel in ["favicon.svg", "favicon.ico"] {
        assert!(out.join(rel).is_file(), "no {rel} in the output");
    }
    for (page, prefix) in [
        ("index.html", ""),
        ("schools/belaya-sosh/index.html", "../../"),
    ] {
        let html = read(&out, page);
        let link =
            format!("<link rel=\"icon\" href=\"{prefix}favicon.svg\" type=\"image/svg+xml\">");
        assert!(html.contains(&link), "{page}: no {link}");
    }
}

/// The theme links nowhere that does not exist: its footer linked a crates.io page
/// metodist never had. The home page's own text links only inside the site, so any
/// address outside it there came from the theme.
#[test]
fn theme_links_no_page_outside_the_site() {
    let (_tmp, out) = builds_site();
    let home = read(&out, "index.html");
    let re = Regex::new(r#"href="([a-z]+:[^"]*)""#).unwrap();
    let outside: Vec<&str> = re
        .captures_iter(&home)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
}
