//! Incremental rebuilds (what `metodist serve` does after each change) must give exactly
//! what a full build of the same sources gives: every output file byte for byte, and
//! the same problems. Each edit is applied to one site kept by an incremental builder;
//! after it, a fresh full build goes into another folder and the two are compared.

use crate::util::SiteTest;
use metodist::build::{build, BuildOptions, Builder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn opts(root: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        strict: false,
        write: true,
        force: false,
    }
}

/// Every file under `dir` but the tantivy index (its segment names are random), by
/// relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk output");
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        // The manifest lists tantivy's files too; `assert_listed` checks it.
        if rel.starts_with("search/tantivy/") || rel == metodist::write::manifest::FILE {
            continue;
        }
        out.insert(rel, std::fs::read(e.path()).expect("read output"));
    }
    out
}

fn empty_dirs(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .filter(|e| std::fs::read_dir(e.path()).is_ok_and(|mut d| d.next().is_none()))
        .map(|e| e.into_path())
        .collect()
}

/// The output's manifest lists exactly the files in it.
fn assert_listed(dir: &Path, edit: &str) {
    let listed: Vec<String> = metodist::write::Manifest::read(dir)
        .unwrap_or_else(|| panic!("{edit}: no manifest in {}", dir.display()))
        .files()
        .map(str::to_string)
        .collect();
    let present: Vec<String> = metodist::write::Manifest::of_tree(dir)
        .expect("walk output")
        .files()
        .map(str::to_string)
        .collect();
    assert_eq!(listed, present, "{edit}: the manifest of {}", dir.display());
}

fn assert_same(incremental: &Path, full: &Path, edit: &str) {
    assert_listed(incremental, edit);
    assert_listed(full, edit);
    let a = tree(incremental);
    let b = tree(full);
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{edit}: only after the incremental build: {only_a:?}; only after the full build: {only_b:?}"
    );
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    if let Some(first) = differ.first() {
        let (x, y) = (
            String::from_utf8_lossy(&a[*first]),
            String::from_utf8_lossy(&b[*first]),
        );
        let at = x
            .chars()
            .zip(y.chars())
            .position(|(p, q)| p != q)
            .unwrap_or(0);
        let around = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(80))
                .take(200)
                .collect::<String>()
        };
        panic!(
            "{edit}: {} files differ: {differ:?}\nfirst, {first}, incremental:\n{}\nfull:\n{}",
            differ.len(),
            around(&x),
            around(&y)
        );
    }
    let dirs: Vec<_> = empty_dirs(incremental);
    assert!(dirs.is_empty(), "{edit}: empty folders left: {dirs:?}");
}

fn news(i: usize, tags: &str) -> String {
    format!(
        "---\nkind: news\ntitle: Новость номер {i}\ndate: 2025-02-{:02}\ndistrict: usolsky\ntags: [{tags}]\n---\nТекст новости {i}. Подробнее о [семинаре](../events/seminar.md).\n",
        i + 1
    )
}

fn edit(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no «{from}»:\n{text}");
    site.create(rel, &text.replacen(from, to, 1));
}

#[test]
fn incremental_rebuilds_give_what_full_builds_give() {
    let site = SiteTest::fixture("basic");
    // Enough news for several list pages (the fixture paginates by 3) and shared tags.
    for i in 0..8 {
        let tags = if i % 2 == 0 {
            "конкурсы, РМО"
        } else {
            "РМО"
        };
        site.create(&format!("content/news/n{i}.md"), &news(i, tags));
    }
    let out = site.path("out-incremental");
    let mut builder = Builder::incremental(opts(site.root(), &out));
    let first = builder.build().expect("first build");
    assert!(!first.failed(), "{}", first.diags.report());
    builder.wait().expect("search");
    let all_files = tree(&out).len();

    let again = builder.build().expect("unchanged rebuild");
    builder.wait().expect("search");
    assert_eq!(again.files, 0, "nothing changed, nothing is written");

    type Edit = fn(&SiteTest);
    let edits: [(&str, Edit); 11] = [
        ("body text", |s| {
            edit(
                s,
                "content/news/n3.md",
                "Текст новости 3.",
                "Новый текст, ## не заголовок.",
            );
        }),
        ("title", |s| {
            edit(
                s,
                "content/events/seminar.md",
                "title: ",
                "title: Изменённый: ",
            );
        }),
        ("tags", |s| {
            edit(
                s,
                "content/news/n4.md",
                "tags: [конкурсы, РМО]",
                "tags: [наставничество, новая метка]",
            );
        }),
        ("new page", |s| {
            s.create("content/news/n9.md", &news(9, "РМО"));
        }),
        ("new page linked from another", |s| {
            edit(
                s,
                "content/news/n1.md",
                "Подробнее",
                "См. [новость 10](n10.md). Подробнее",
            );
            s.create("content/news/n10.md", &news(10, "РМО"));
        }),
        ("deleted page", |s| {
            std::fs::remove_file(s.path("content/news/n0.md")).expect("remove");
        }),
        ("site template", |s| {
            edit(
                s,
                "templates/special.html",
                "Особый шаблон сайта",
                "Другой особый шаблон",
            );
        }),
        ("new template overriding the theme", |s| {
            s.create(
                "templates/news.html",
                "{% extends \"page.html\" %}{% block details %}<p>новость</p>{% endblock details %}",
            );
        }),
        ("broken link, build fails", |s| {
            edit(
                s,
                "content/news/n5.md",
                "Подробнее",
                "[битая](net-takoy.md). Подробнее",
            );
        }),
        ("broken link fixed", |s| {
            edit(s, "content/news/n5.md", "[битая](net-takoy.md). ", "");
        }),
        ("registry and static file", |s| {
            edit(s, "data/districts.yaml", "name: ", "name: Переименованный ");
            s.create("static/robots.txt", "User-agent: *\nDisallow: /tmp/\n");
        }),
    ];
    for (k, (name, apply)) in edits.iter().enumerate() {
        apply(&site);
        let inc = builder.build().expect("incremental build");
        builder.wait().expect("search");
        let full_out = site.path(&format!("out-full-{k}"));
        let full = build(&opts(site.root(), &full_out)).expect("full build");
        assert_eq!(
            inc.diags.report(),
            full.diags.report(),
            "{name}: the same problems"
        );
        assert_eq!(inc.failed(), full.failed(), "{name}");
        if full.failed() {
            // The previous output stays; compare with the last good full build.
            assert!(!full_out.exists(), "{name}: a failed build writes nothing");
            continue;
        }
        assert_same(&out, &full_out, name);
        if *name == "body text" {
            assert!(
                inc.files * 4 < all_files,
                "{name}: {} of {all_files} files rewritten",
                inc.files
            );
        }
        std::fs::remove_dir_all(&full_out).expect("clean");
    }
}

#[test]
fn a_deleted_output_folder_is_written_again_whole() {
    let site = SiteTest::fixture("basic");
    let out = site.path("out");
    let mut builder = Builder::incremental(opts(site.root(), &out));
    assert!(!builder.build().expect("build").failed());
    builder.wait().expect("search");
    std::fs::remove_dir_all(&out).expect("remove output");
    assert!(!builder.build().expect("build").failed());
    builder.wait().expect("search");
    let full_out = site.path("full");
    assert!(!build(&opts(site.root(), &full_out))
        .expect("build")
        .failed());
    assert_same(&out, &full_out, "output folder deleted");
}
