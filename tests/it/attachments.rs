//! Attachments that a browser would run when a teacher opens them from the site: HTML,
//! scripts, XSLT, web archives and XML rendered as XHTML beside a page are refused with
//! an error at the file; SVG drawings are published sanitised, with a warning at the
//! first thing removed; `static/` keeps the site author's own code as it is.

use crate::util::{list_files, SiteTest};

const DIR: &str = "content/practices/nastavnik";

/// The basic fixture with `files` (name, text) beside its practice page.
fn site_with(files: &[(&str, &str)]) -> SiteTest {
    let site = SiteTest::fixture("basic");
    for (name, text) in files {
        site.create(&format!("{DIR}/{name}"), text);
    }
    site
}

#[test]
fn attachments_that_run_are_refused_at_the_file() {
    let files = [
        ("evil.html", "<script>alert(1)</script>"),
        ("EVIL2.HTM", "<p onclick=alert(1)>x</p>"),
        ("evil.js", "alert(document.cookie)"),
        ("evil.mjs", "alert(1)"),
        (
            "evil.xhtml",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>",
        ),
        (
            "evil.xsl",
            "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>",
        ),
        ("evil.mht", "MIME-Version: 1.0\n\n<script>alert(1)</script>"),
        ("risunok.svgz", "not really gzip"),
        // No extension, but a browser sniffing it would take it for HTML.
        ("bez-rasshireniya", "  <SCRIPT>alert(1)</SCRIPT>"),
    ];
    let site = site_with(&files);
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    out.assert_stderr_lacks("panicked");
    for (name, _) in &files[..files.len() - 2] {
        out.assert_stderr_contains(&format!(
            "{DIR}/{name}: ошибка: вложение «{name}» выполнит код в браузере посетителя"
        ));
    }
    out.assert_stderr_contains(
        "если это ваш собственный код для сайта, положите его в папку static/",
    );
    out.assert_stderr_contains(&format!(
        "{DIR}/risunok.svgz: ошибка: сжатый рисунок SVG (.svgz) не проверить на скрипты"
    ));
    out.assert_stderr_contains(&format!(
        "{DIR}/bez-rasshireniya: ошибка: вложение «bez-rasshireniya» выполнит код"
    ));
    site.assert_no_file("public/index.html");
}

#[test]
fn xml_rendered_as_xhtml_is_refused_and_data_xml_published() {
    let site = site_with(&[
        (
            "dannye.xml",
            "<?xml version=\"1.0\"?>\n<shkoly><shkola id=\"1\">СОШ № 1</shkola></shkoly>\n",
        ),
        (
            "evil.xml",
            "<?xml version=\"1.0\"?>\n<doc>\n  <h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script>\n</doc>\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // Line 3, two spaces before «<h:script»: column 3.
    out.assert_stderr_contains(&format!(
        "{DIR}/evil.xml:3:3: ошибка: XML-файл содержит <script>"
    ));
    out.assert_stderr_lacks("dannye.xml");
    std::fs::remove_file(site.path(&format!("{DIR}/evil.xml"))).unwrap();
    site.build_ok();
    site.assert_contains("public/practices/nastavnik/dannye.xml", "СОШ № 1");
}

/// Every published file under the practice's folder, lowercased.
fn published(site: &SiteTest) -> Vec<(String, String)> {
    let dir = site.path("public/practices/nastavnik");
    list_files(&dir)
        .into_iter()
        .map(|f| {
            let text =
                String::from_utf8_lossy(&std::fs::read(dir.join(&f)).unwrap()).to_lowercase();
            (f, text)
        })
        .collect()
}

#[test]
fn svg_drawings_are_published_without_script() {
    let head = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">"#;
    let cases = [
        ("script.svg", "<script>alert(1)</script>", "2:1", "<script>"),
        (
            "onload.svg",
            r#"<rect width="5" height="5" onload="alert(1)"/>"#,
            "2:28",
            "onload",
        ),
        (
            "foreign.svg",
            r#"<foreignObject width="9" height="9"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></foreignObject>"#,
            "2:1",
            "<foreignObject>",
        ),
        (
            "href.svg",
            r#"<a xlink:href="javascript:alert(1)"><rect width="5" height="5"/></a>"#,
            "2:4",
            "ссылка javascript:",
        ),
    ];
    let files: Vec<(String, String)> = cases
        .iter()
        .map(|(name, body, _, _)| {
            (
                name.to_string(),
                format!("{head}\n{body}\n<circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#ed7d31\"/>\n</svg>\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let site = site_with(&refs);
    let out = site.build_ok();
    for (name, _, pos, what) in cases {
        out.assert_stderr_contains(&format!(
            "{DIR}/{name}:{pos}: предупреждение: из рисунка удалено то, что может выполнить код"
        ));
        out.assert_stderr_contains(what);
    }
    let published = published(&site);
    for (name, _, _, _) in cases {
        let (_, text) = published
            .iter()
            .find(|(f, _)| f == name)
            .unwrap_or_else(|| panic!("{name} not published: {published:?}"));
        assert!(
            text.contains("<circle") && text.contains("#ed7d31"),
            "{name}: drawing lost: {text}"
        );
        for bad in [
            "<script",
            "onload",
            "foreignobject",
            "<iframe",
            "javascript:",
            "alert(",
        ] {
            assert!(!text.contains(bad), "{name} still holds {bad}: {text}");
        }
    }
}

#[test]
fn a_chart_saved_from_excel_publishes_as_drawn() {
    // The shape of an SVG that Excel's «Сохранить как рисунок» writes.
    let chart = r##"<svg width="640" height="360" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xml:space="preserve" overflow="hidden"><defs><clipPath id="clip0"><rect x="0" y="0" width="640" height="360"/></clipPath></defs><g clip-path="url(#clip0)"><rect x="0" y="0" width="640" height="360" fill="#FFFFFF"/><path d="M60.5 300.5 620.5 300.5" stroke="#D9D9D9" stroke-width="1.33333" fill="none"/><rect x="100" y="120" width="80" height="180" fill="#4472C4"/><text fill="#595959" font-family="Calibri,Calibri_MSFontService,sans-serif" font-weight="400" font-size="16" transform="matrix(1 0 0 1 110 110)">87,5%</text><text fill="#595959" font-family="Calibri,Calibri_MSFontService,sans-serif" font-weight="400" font-size="19" transform="matrix(1 0 0 1 180 30)">Доля педагогов, прошедших обучение</text></g></svg>"##;
    let site = site_with(&[("diagramma.svg", chart)]);
    site.create(
        &format!("{DIR}/index.md"),
        &format!(
            "{}\n![Диаграмма](diagramma.svg)\n",
            std::fs::read_to_string(
                crate::util::fixtures()
                    .join("basic")
                    .join(DIR)
                    .join("index.md")
            )
            .unwrap()
        ),
    );
    let out = site.build_ok();
    out.assert_stderr_lacks("diagramma.svg");
    let text = site.read("public/practices/nastavnik/diagramma.svg");
    for kept in [
        "clip-path=\"url(#clip0)\"",
        "#4472C4",
        "87,5%",
        "Доля педагогов, прошедших обучение",
        "matrix(1 0 0 1 110 110)",
    ] {
        assert!(text.contains(kept), "lost {kept}: {text}");
    }
    site.assert_contains("public/practices/nastavnik/index.html", "diagramma.svg");
}

#[test]
fn static_keeps_the_authors_own_code() {
    let site = SiteTest::fixture("basic");
    site.create("static/widget/app.js", "console.log('мой код');");
    site.create("static/demo.html", "<script>console.log(1)</script>");
    site.create(
        "static/logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>"#,
    );
    let out = site.build_ok();
    out.assert_stderr_lacks("static/");
    site.assert_contains("public/widget/app.js", "мой код");
    site.assert_contains("public/demo.html", "<script>console.log(1)</script>");
    site.assert_contains("public/logo.svg", "<script>1</script>");
}

/// The hostile trial's XML: namespaces (and a `javascript:` link) that only the DTD's
/// attribute defaults give, which Chromium applies and a check without the DTD misses.
const DTD_XML: [(&str, &str); 3] = [
    (
        "xh.xml",
        "<!DOCTYPE r [<!ATTLIST r xmlns CDATA #FIXED \"http://www.w3.org/1999/xhtml\">]><r><script>alert(\"xh\")</script></r>",
    ),
    (
        "sv.xml",
        "<!DOCTYPE svg [<!ATTLIST svg xmlns CDATA #FIXED \"http://www.w3.org/2000/svg\">]><svg><script>alert(\"sv\")</script></svg>",
    ),
    (
        "a.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n  <!ATTLIST a xmlns CDATA \"http://www.w3.org/1999/xhtml\" href CDATA \"javascript:alert('a')\">\n]>\n<r><a>click</a></r>",
    ),
];

#[test]
fn xml_whose_doctype_declares_markup_is_refused_at_the_declaration() {
    let site = site_with(&DTD_XML);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    out.assert_stderr_lacks("panicked");
    // «<!DOCTYPE r [» and «<!DOCTYPE svg [» are 13 and 15 characters; in a.xml the
    // declaration is on line 3 after two spaces.
    for (name, pos) in [("xh.xml", "1:14"), ("sv.xml", "1:16"), ("a.xml", "3:3")] {
        out.assert_stderr_contains(&format!(
            "{DIR}/{name}:{pos}: ошибка: XML-файл объявляет свои правила разметки внутри <!DOCTYPE"
        ));
    }
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    site.assert_no_file("public/index.html");
}

#[test]
fn a_doctype_cannot_smuggle_anything_through_an_svg() {
    let svg = |name: &str, doctype: &str, body: &str| {
        (
            name.to_string(),
            format!("<!DOCTYPE svg [{doctype}]><svg xmlns=\"http://www.w3.org/2000/svg\">{body}<circle r=\"4\" fill=\"#ed7d31\"/></svg>"),
        )
    };
    let files = [
        // The namespace from the DTD only: no drawing for svg-hush, refused.
        (
            "fixed.svg".to_string(),
            "<!DOCTYPE svg [<!ATTLIST svg xmlns CDATA #FIXED \"http://www.w3.org/2000/svg\">]><svg><script>alert(\"sv\")</script><circle r=\"4\"/></svg>".to_string(),
        ),
        svg(
            "attlist.svg",
            "<!ATTLIST a xmlns CDATA \"http://www.w3.org/1999/xhtml\" href CDATA \"javascript:alert('a')\">",
            "<a>click</a>",
        ),
        svg(
            "entity.svg",
            "<!ENTITY e \"<script>alert(1)</script>\">",
            "&e;",
        ),
        svg(
            "xlink.svg",
            "<!ATTLIST a xmlns:x CDATA \"http://www.w3.org/1999/xlink\" x:href CDATA \"javascript:alert(1)\">",
            "<a><rect width=\"5\" height=\"5\"/></a>",
        ),
    ];
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let site = site_with(&refs);
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_stderr_contains(&format!(
        "{DIR}/fixed.svg: ошибка: рисунок SVG не удалось проверить на скрипты"
    ));
    std::fs::remove_file(site.path(&format!("{DIR}/fixed.svg"))).unwrap();
    site.build_ok();
    let published = published(&site);
    for (name, _) in &files[1..] {
        let (_, text) = published
            .iter()
            .find(|(f, _)| f == name)
            .unwrap_or_else(|| panic!("{name} not published: {published:?}"));
        assert!(text.contains("#ed7d31"), "{name}: drawing lost: {text}");
        for bad in [
            "<!doctype",
            "<!attlist",
            "<!entity",
            "<script",
            "javascript:",
            "alert(",
        ] {
            assert!(!text.contains(bad), "{name} still holds {bad}: {text}");
        }
    }
}

/// The document Chromium builds from `file` (headless, `--dump-dom`), if it runs here.
fn chromium_dom(file: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--dump-dom",
        ])
        .arg(format!("file://{}", file.display()))
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn what_a_doctype_smuggles_runs_in_chromium_and_nothing_published_does() {
    let runs = "document.documentElement.setAttribute('data-ran','yes')";
    let site = site_with(&[]);
    // The trial's vector, as it was published before: Chromium applies the ATTLIST
    // default, <r> becomes XHTML and its script runs. It proves the check below can see
    // a script run.
    let raw = site.path("xh.xml");
    std::fs::write(
        &raw,
        format!("<!DOCTYPE r [<!ATTLIST r xmlns CDATA #FIXED \"http://www.w3.org/1999/xhtml\">]><r><script>{runs}</script></r>"),
    )
    .unwrap();
    let chromium = chromium_dom(&raw);
    if !crate::prereq::present(chromium.is_some(), "chromium (/usr/bin/chromium)") {
        return;
    }
    let dom = chromium.unwrap();
    assert!(
        dom.contains("data-ran=\"yes\""),
        "the vector did not run: {dom}"
    );
    // The same tricks in SVG drawings are published sanitised: none runs.
    let svg = |doctype: &str, body: &str| {
        format!("<!DOCTYPE svg [{doctype}]><svg xmlns=\"http://www.w3.org/2000/svg\">{body}<circle r=\"4\"/></svg>")
    };
    let drawings = [
        (
            "script-ns.svg",
            svg(
                "<!ATTLIST script xmlns CDATA \"http://www.w3.org/2000/svg\">",
                &format!("<script>{runs}</script>"),
            ),
        ),
        (
            "entity.svg",
            svg(
                &format!("<!ENTITY e \"<script>{runs}</script>\">"),
                "&e;",
            ),
        ),
        (
            "href.svg",
            svg(
                &format!("<!ATTLIST a xmlns:x CDATA \"http://www.w3.org/1999/xlink\" x:href CDATA \"javascript:{runs}\" onclick CDATA \"{runs}\">"),
                "<a><rect width=\"5\" height=\"5\"/></a>",
            ),
        ),
        (
            "onload.svg",
            svg(
                &format!("<!ATTLIST svg onload CDATA \"{runs}\">"),
                "",
            ),
        ),
    ];
    for (name, text) in &drawings {
        site.create(&format!("{DIR}/{name}"), text);
    }
    site.build_ok();
    for (name, _) in &drawings {
        let file = site.path(&format!("public/practices/nastavnik/{name}"));
        assert!(file.is_file(), "{name} not published");
        let dom = chromium_dom(&file).unwrap();
        assert!(!dom.contains("data-ran"), "{name} ran script: {dom}");
        assert!(dom.contains("<circle"), "{name}: drawing lost: {dom}");
    }
}
