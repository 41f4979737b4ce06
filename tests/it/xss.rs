//! Nothing a methodist pastes becomes a script on a teacher's screen: the OWASP XSS
//! filter-evasion vectors (`tests/bad_input/xss-vectors.txt`) go through a full build, in
//! page bodies and in front matter, and the built site must hold no executable markup.
//! The formatting Word produces survives.

use crate::util::{decode_entities, list_files, SiteTest};
use std::path::Path;

fn vectors() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input/xss-vectors.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A tag found in HTML: its lowercased name and attributes (names lowercased, values
/// entity-decoded).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// Every start tag of `html`. Deliberately simple (the output is serialized by html5ever
/// and tera), but it reads unquoted values and attributes without values too.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(j) = html[i..].find('<') {
        i += j + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |k| i + k + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v = i + 1;
                    i = html[v..].find(q as char).map_or(html.len(), |k| v + k);
                    value = html[v..i].to_string();
                    i = (i + 1).min(b.len());
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((attr, decode_entities(&value)));
        }
        out.push(Tag { name, attrs });
    }
    out
}

/// What a browser would take as the scheme of a URL: control characters and spaces are
/// dropped, case is ignored.
fn scheme(url: &str) -> String {
    let clean: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match clean.split_once(':') {
        Some((s, _)) if !s.contains('/') => s.to_string(),
        _ => String::new(),
    }
}

const URL_ATTRS: [&str; 15] = [
    "href",
    "src",
    "action",
    "formaction",
    "background",
    "dynsrc",
    "lowsrc",
    "data",
    "poster",
    "xlink:href",
    "cite",
    "srcset",
    "longdesc",
    "codebase",
    "content",
];

/// Everything executable in one built file, as messages.
fn executable(rel: &str, html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for t in tags(html) {
        let attr = |n: &str| {
            t.attrs
                .iter()
                .find(|(a, _)| a == n)
                .map(|(_, v)| v.as_str())
        };
        match t.name.as_str() {
            // The theme's own scripts: the visually-impaired toggle on every page, the search
            // client on the search page. Nothing from content may add one.
            "script" => {
                let src_is = |name: &str| {
                    t.attrs.len() == 1
                        && attr("src").is_some_and(|s| s.ends_with(name) && !s.contains(':'))
                };
                let theirs = src_is("js/a11y.js")
                    || (rel == "search/index.html" && src_is("search/search.js"));
                if !theirs {
                    found.push(format!("{rel}: <script {:?}>", t.attrs));
                }
            }
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "style"
            | "bgsound" | "isindex" => found.push(format!("{rel}: <{} {:?}>", t.name, t.attrs)),
            "meta" if attr("http-equiv").is_some() => {
                found.push(format!("{rel}: <meta {:?}>", t.attrs))
            }
            // Atom's `<link>` is a feed element, not HTML's. The theme's favicon is the one
            // icon a page may name (an image: a browser runs no script in it).
            "link"
                if rel.ends_with(".html")
                    && !matches!(attr("rel"), Some("stylesheet" | "alternate"))
                    && !(attr("rel") == Some("icon")
                        && attr("href")
                            .is_some_and(|h| h.trim_start_matches("../") == "favicon.svg")) =>
            {
                found.push(format!("{rel}: <link {:?}>", t.attrs))
            }
            "form" if attr("action").is_some_and(|a| a.contains(':')) => {
                found.push(format!("{rel}: <form {:?}>", t.attrs))
            }
            _ => {}
        }
        for (a, v) in &t.attrs {
            if a.starts_with("on") {
                found.push(format!("{rel}: <{} {a}=…> event handler", t.name));
            }
            if a == "style" {
                found.push(format!("{rel}: <{} style={v:?}>", t.name));
            }
            if URL_ATTRS.contains(&a.as_str()) && t.name != "meta" {
                let s = scheme(v);
                if matches!(
                    s.as_str(),
                    "javascript" | "vbscript" | "data" | "livescript" | "mocha"
                ) {
                    found.push(format!("{rel}: <{} {a}={v:?}>", t.name));
                }
            }
        }
    }
    found
}

/// A site whose pages carry every vector, in the body and in front matter.
fn hostile_site() -> (SiteTest, usize) {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    let vectors = vectors();
    assert!(vectors.len() > 90, "{}", vectors.len());
    for (i, v) in vectors.iter().enumerate() {
        site.create(
            &format!("content/pages/blok-{i:03}.md"),
            &format!("---\nkind: page\ntitle: Вектор {i}\n---\n{v}\n\nПосле вектора.\n"),
        );
        site.create(
            &format!("content/pages/stroka-{i:03}.md"),
            &format!("---\nkind: page\ntitle: Строка {i}\n---\nТекст до {v} и после.\n"),
        );
    }
    // Front matter: titles, summaries, tags, authors, organisations, indicator names are
    // text; templates escape them.
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let script = "<script>alert('заголовок')</script>";
    let img = "\"><img src=x onerror=alert(1)>";
    let svg = "<svg/onload=alert(1)>";
    site.create(
        "content/practices/vredonosnaya.md",
        &format!(
            "---\nkind: practice\ntitle: {}\nsummary: {}\ndistrict: usolsky\nauthors: [{}]\norganisation: {}\ntags: [{}, {}]\n---\nТекст практики.\n",
            q(script),
            q(img),
            q(svg),
            q("<a href=\"javascript:alert(1)\">организация</a>"),
            q(svg),
            q("<iframe src=javascript:alert(1)>"),
        ),
    );
    site.create(
        "content/news/vredonosnaya-novost.md",
        &format!(
            "---\nkind: news\ntitle: {}\nsummary: {}\ndate: 2025-03-01\n---\nНовость.\n",
            q(img),
            q(script)
        ),
    );
    site.create(
        "content/plans/vredonosnyj-plan.md",
        &format!(
            "---\nkind: plan\ntitle: План\ndistrict: usolsky\nyear: 2025\nindicators:\n  - id: A1\n    name: {}\n    unit: {}\n    target: \"10 %\"\n    actual: \"12 %\"\n---\nПлан.\n",
            q(script),
            q(svg)
        ),
    );
    // Word's formatting.
    site.create(
        "content/pages/word.md",
        "---\nkind: page\ntitle: Вставка из Word\n---\n<p><b>Жирный</b>, <i>курсив</i>, <u>подчёркнутый</u>, H<sub>2</sub>O, м<sup>2</sup>.</p>\n\n<table><tr><td colspan=\"2\" rowspan=\"3\">Объединённая ячейка</td><td>б</td></tr></table>\n\n<ol><li>первый</li><li>второй<ul><li>вложенный</li></ul></li></ol>\n",
    );
    (site, vectors.len())
}

#[test]
fn xss_vectors_produce_no_executable_markup() {
    let (site, n) = hostile_site();
    let out = site.build_ok();
    out.assert_stderr_lacks("panicked");
    for i in 0..n {
        site.assert_file(&format!("public/pages/blok-{i:03}/index.html"));
        site.assert_file(&format!("public/pages/stroka-{i:03}/index.html"));
    }
    let mut found = Vec::new();
    let mut checked = 0;
    for rel in list_files(&site.path("public")) {
        if !(rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".svg")) {
            continue;
        }
        let text = site.read(&format!("public/{rel}"));
        found.extend(executable(&rel, &text));
        checked += 1;
    }
    assert!(checked > 2 * n, "only {checked} files checked");
    assert!(
        found.is_empty(),
        "executable markup in the built site:\n{}",
        found.join("\n")
    );
    // Word's formatting survives; its inline styles go, the paragraph stays.
    let page = "public/pages/word/index.html";
    for kept in [
        "<b>Жирный</b>",
        "<i>курсив</i>",
        "<u>подчёркнутый</u>",
        "H<sub>2</sub>O",
        "м<sup>2</sup>",
        "colspan=\"2\"",
        "rowspan=\"3\"",
        "<ol><li>первый</li><li>второй<ul><li>вложенный</li></ul></li></ol>",
    ] {
        site.assert_contains(page, kept);
    }
    let styled = vectors()
        .iter()
        .position(|v| v.contains("Word-абзац"))
        .unwrap();
    site.assert_contains(
        &format!("public/pages/blok-{styled:03}/index.html"),
        "<p>Word-абзац со стилем</p>",
    );
    // The text of the vectors is kept (escaped), not silently lost with its page.
    site.assert_contains(
        "public/practices/vredonosnaya/index.html",
        "&lt;script&gt;alert(&#39;заголовок&#39;)&lt;/script&gt;",
    );
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The checker itself must see executable markup in every disguise it is fed.
    for bad in [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href='  JaVaScRiPt:alert(1)'>x</a>",
        "<a href=vbscript:msgbox(1)>x</a>",
        "<a href=\"data:text/html;base64,xxx\">x</a>",
        "<iframe src=x></iframe>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<base href=\"http://evil/\">",
        "<div style=\"width: expression(alert(1))\">",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        "<object data=x></object>",
    ] {
        assert!(!executable("x.html", bad).is_empty(), "missed {bad}");
    }
    for fine in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<a href=\"../plans/a/index.html\">план</a>",
        "<a href=\"https://example.org/javascript:x\">x</a>",
        "<td colspan=\"2\" rowspan=\"3\">x</td>",
        "<p>javascript:alert(1)</p>",
    ] {
        assert!(
            executable("x.html", fine).is_empty(),
            "false alarm on {fine}"
        );
    }
}
