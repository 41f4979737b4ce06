//! Links a methodist types (`materials[].url`, `base_url`): every spelling of a
//! `javascript:`, `vbscript:` or `data:` link in `tests/bad_input/url-vectors.txt` is a
//! `check` error at the value's line and column, and nothing is written; https, mailto,
//! tel and files beside the page are still published as links; a site template that
//! passes text through `safe_url` publishes `#` for every vector.

use crate::util::{attr_values, SiteTest};

/// The vectors, escapes decoded (the format is in the file's header).
fn vectors() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/bad_input/url-vectors.txt"
    );
    let out: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(unescape)
        .collect();
    assert!(out.len() >= 30, "only {} vectors", out.len());
    out
}

fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('0') => '\0',
            Some('f') => '\x0c',
            Some('\\') => '\\',
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap()
            }
            other => panic!("unknown escape {other:?} in {line}"),
        });
    }
    out
}

/// `v` as a double-quoted YAML or TOML string on one line: both read `\"`, `\\` and
/// `\uXXXX`; everything but printable ASCII is escaped, so no raw control character or
/// line break reaches the file (the loader would turn U+2028 into a line break).
fn quoted(v: &str) -> String {
    let mut s = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            ' '..='~' => s.push(c),
            c => s.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    s.push('"');
    s
}

const REFUSED: &str = "ошибка: недопустимый адрес ссылки";

/// The error heads `metodist check` prints, one per diagnostic.
fn errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": ошибка: "))
        .collect()
}

#[test]
fn every_vector_in_materials_is_refused_at_its_value() {
    let vectors = vectors();
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    // YAML: lines 1-4 are the fence, kind, title and `materials:`; item i takes two
    // lines, its `    url: "` puts the opening quote of vector i at line 6 + 2i,
    // column 10.
    let mut yaml = String::from("---\nkind: practice\ntitle: Векторы\nmaterials:\n");
    // TOML: lines 1-3 fence, kind, title; item i takes three lines from 4 + 3i, its
    // `url = "` puts the quote at line 6 + 3i, column 7.
    let mut toml = String::from("+++\nkind = \"practice\"\ntitle = \"Векторы TOML\"\n");
    for (i, v) in vectors.iter().enumerate() {
        yaml.push_str(&format!("  - title: \"{i}\"\n    url: {}\n", quoted(v)));
        toml.push_str(&format!(
            "[[materials]]\ntitle = \"{i}\"\nurl = {}\n",
            quoted(v)
        ));
    }
    yaml.push_str("---\nТекст.\n");
    toml.push_str("+++\nТекст.\n");
    site.create("content/practices/vektory.md", &yaml);
    site.create("content/practices/vektory-toml.md", &toml);
    // The pages with refused links still exist: a link to them is no error.
    site.create(
        "content/pages/ssylka.md",
        "---\nkind: page\ntitle: Ссылка\n---\n[Векторы](../practices/vektory.md), [TOML](../practices/vektory-toml.md).\n",
    );

    let out = site.run(&["check", "{site}"]);
    out.assert_code(1).assert_stderr_lacks("panicked");
    let mut missing = Vec::new();
    for (i, v) in vectors.iter().enumerate() {
        for at in [
            format!("content/practices/vektory.md:{}:10: {REFUSED}", 6 + 2 * i),
            format!(
                "content/practices/vektory-toml.md:{}:7: {REFUSED}",
                6 + 3 * i
            ),
        ] {
            if !out.stderr.lines().any(|l| l.starts_with(&at)) {
                missing.push(format!("{v:?} not at {at}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} vectors not refused where they stand:\n{}\n{}",
        missing.len(),
        2 * vectors.len(),
        missing.join("\n"),
        out.describe()
    );
    assert_eq!(
        errors(&out.stderr).len(),
        2 * vectors.len(),
        "{}",
        out.describe()
    );
    site.assert_no_file("public/index.html");

    // A build refuses the same and writes nothing.
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    assert_eq!(errors(&out.stderr).len(), 2 * vectors.len());
    site.assert_no_file("public/index.html");
    site.assert_no_file("public/practices/vektory/index.html");
}

#[test]
fn every_vector_in_base_url_is_refused_at_its_value() {
    let vectors = vectors();
    let mut missing = Vec::new();
    for v in &vectors {
        let site = SiteTest::new();
        // `base_url = "`: the opening quote is at line 2, column 12.
        site.create(
            "metodist.toml",
            &format!("title = \"Сайт\"\nbase_url = {}\n", quoted(v)),
        );
        site.create(
            "content/news/novost.md",
            "---\nkind: news\ntitle: Новость\ndate: 2025-03-01\n---\nТекст.\n",
        );
        let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
        let head = "metodist.toml:2:12: ошибка: ошибка в настройках: недопустимый base_url";
        let refused = out.code == Some(1)
            && out.stderr.lines().any(|l| l.starts_with(head))
            && errors(&out.stderr).len() == 1;
        if !refused {
            missing.push(format!("{v:?}\n{}", out.describe()));
        }
        assert!(!site.path("public").exists(), "{v:?}: output written");
    }
    assert!(
        missing.is_empty(),
        "{} of {} vectors in base_url not refused:\n{}",
        missing.len(),
        vectors.len(),
        missing.join("\n")
    );
}

#[test]
fn links_that_run_nothing_are_published() {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    site.create(
        "content/practices/khoroshaya/index.md",
        "---\nkind: practice\ntitle: Хорошие ссылки\nmaterials:\n  - {title: Сайт, url: \"https://example.org/?a=1&b=2\"}\n  - {title: Почта, url: \"mailto:metod@example.org\"}\n  - {title: Телефон, url: \"tel:+73952000000\"}\n  - {title: План, url: plan.pdf}\n  - {title: Без ссылки}\n---\nТекст.\n",
    );
    site.create_bytes("content/practices/khoroshaya/plan.pdf", b"%PDF-1.4\n");
    site.build_ok();
    let page = site.read("public/practices/khoroshaya/index.html");
    let hrefs = attr_values(&page, "href");
    for want in [
        "https://example.org/?a=1&b=2",
        "mailto:metod@example.org",
        "tel:+73952000000",
        "plan.pdf",
    ] {
        assert!(
            hrefs.iter().any(|h| h == want),
            "{want} not a link: {hrefs:?}"
        );
    }
    site.assert_contains(
        "public/practices/khoroshaya/index.html",
        "<li>Без ссылки</li>",
    );
    site.assert_file("public/practices/khoroshaya/plan.pdf");
    site.assert_contains(
        "public/sitemap.xml",
        "<loc>https://metod.example.org/practices/khoroshaya/</loc>",
    );
}

#[test]
fn a_site_template_using_safe_url_publishes_no_vector() {
    let vectors = vectors();
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    // The site author's own template: any text becomes a link, through the filter.
    site.create(
        "templates/vectors.html",
        "<!doctype html><title>{{ page.title }}</title>{% for n in page.notes %}<a href=\"{{ n | safe_url }}\">{{ loop.index }}</a>\n{% endfor %}<a href=\"{{ page.summary | safe_url }}\">ok</a>\n",
    );
    let notes: Vec<String> = vectors.iter().map(|v| quoted(v)).collect();
    site.create(
        "content/pages/vectors.md",
        &format!(
            "---\nkind: page\ntitle: Векторы\ntemplate: vectors.html\nsummary: \"https://example.org/?a=1&b=2\"\nnotes: [{}]\n---\n",
            notes.join(", ")
        ),
    );
    site.build_ok();
    let page = site.read("public/pages/vectors/index.html");
    let hrefs = attr_values(&page, "href");
    assert_eq!(hrefs.len(), vectors.len() + 1, "{page}");
    for (v, h) in vectors.iter().zip(&hrefs) {
        assert_eq!(h, "#", "{v:?} published as {h:?}");
    }
    assert_eq!(hrefs[vectors.len()], "https://example.org/?a=1&b=2");
    assert!(
        page.contains("href=\"https://example.org/?a=1&amp;b=2\""),
        "{page}"
    );
}
