//! A failed build leaves the previous output byte for byte, with no temporary folders.

use crate::util::SiteTest;

/// Names in the site folder that a build leaves beside `public/`.
fn leftovers(site: &SiteTest) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect()
}

#[test]
fn failed_build_keeps_previous_output() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let before = site.snapshot("public");
    assert!(
        before.contains_key("news/novost/index.html"),
        "{}",
        site.listing()
    );
    assert!(before.len() > 20, "{}", site.listing());

    // The news page loses its closing fence and gets a new title.
    site.create(
        "content/news/novost.md",
        "---\nkind: news\ntitle: Новый заголовок\ndate: 2025-01-20\nЗаявки принимаются.\n",
    );
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    out.assert_stderr_contains(
        "content/news/novost.md:1:1: ошибка: заголовок страницы (front matter) не закрыт",
    );
    out.assert_stderr_contains("сборка не выполнена");

    let after = site.snapshot("public");
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "file list changed"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{path} changed");
    }
    site.assert_not_contains("public/news/novost/index.html", "Новый заголовок");
    assert_eq!(leftovers(&site), Vec::<String>::new(), "{}", site.listing());
}

/// A build that fails while writing (a static file named like a section folder) keeps
/// the previous output too, and removes its half-written folder.
#[test]
fn failed_write_keeps_previous_output() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let before = site.snapshot("public");

    // `static/news` is a file; the news section needs a folder `news/` in the output.
    site.create("static/news", "не папка\n");
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    out.assert_stderr_contains("ошибка");

    assert!(
        site.snapshot("public") == before,
        "output changed\n{}",
        site.listing()
    );
    assert_eq!(leftovers(&site), Vec::<String>::new(), "{}", site.listing());
}

/// A successful rebuild replaces the output and leaves nothing beside it.
#[test]
fn successful_rebuild_replaces_output() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    site.create(
        "content/news/novost.md",
        "---\nkind: news\ntitle: Приём заявок продлён\ndate: 2025-01-20\n---\nДо 1 марта.\n",
    );
    // A file the first build wrote but the second does not: a removed page.
    site.create(
        "content/pages/vremennaya.md",
        "---\nkind: page\ntitle: Временная\n---\nТекст.\n",
    );
    site.build_ok();
    site.assert_file("public/pages/vremennaya/index.html");
    std::fs::remove_file(site.path("content/pages/vremennaya.md")).unwrap();
    site.build_ok();
    site.assert_contains("public/news/novost/index.html", "Приём заявок продлён");
    // The output is replaced, not merged: the removed page is gone.
    site.assert_no_file("public/pages/vremennaya/index.html");
    assert_eq!(leftovers(&site), Vec::<String>::new(), "{}", site.listing());
}
