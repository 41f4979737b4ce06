//! Nothing whose real path lies outside the site folder is read or published: symbolic
//! links in `content/`, `static/`, `data/` and `templates/` (to a file, to a folder with
//! an `id_rsa`, to `/proc/self/environ`), the site folders and `metodist.toml` as links,
//! and `indicators_file` paths climbing out. Each is an error naming the link and its
//! target, and no byte of the outside file appears anywhere under the site folder.
//! Links that stay inside the site still work; FIFOs are skipped with a warning and
//! never hang the build.
#![cfg(unix)]

use crate::util::{Output, SiteTest, BIN};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Text of the outside files; must never be found under the site folder.
const SECRET: &str = "SEKRET-vne-sayta-7f3a";
/// A variable put in the build's environment, for `/proc/self/environ`.
const TOKEN: &str = "DEPLOY-TOKEN-9c1e";

/// The basic fixture and, beside it (outside the site), a folder `outside/` holding a
/// secret file, an `id_rsa`, a page, a table and a config.
fn site() -> (SiteTest, PathBuf) {
    let site = SiteTest::fixture("basic");
    let outside = site.root().parent().unwrap().join("outside");
    std::fs::create_dir_all(outside.join("ssh")).unwrap();
    std::fs::create_dir_all(outside.join("content")).unwrap();
    std::fs::write(outside.join("secret.txt"), SECRET).unwrap();
    std::fs::write(outside.join("ssh/id_rsa"), format!("-----BEGIN {SECRET}")).unwrap();
    std::fs::write(
        outside.join("content/_index.md"),
        format!("---\ntitle: {SECRET}\n---\n{SECRET}\n"),
    )
    .unwrap();
    std::fs::write(
        outside.join("extra.yaml"),
        format!("schools:\n  - id: x\n    name: {SECRET}\n"),
    )
    .unwrap();
    std::fs::write(
        outside.join("table.csv"),
        format!("id;name;target;actual\nZ1;{SECRET};10;20\n"),
    )
    .unwrap();
    std::fs::write(outside.join("page.html"), SECRET).unwrap();
    std::fs::write(
        outside.join("metodist.toml"),
        format!("title = \"{SECRET}\"\n"),
    )
    .unwrap();
    (site, outside)
}

/// Runs `metodist build` with a deadline (a FIFO must never make it hang) and the
/// token in its environment.
fn build(site: &SiteTest) -> Output {
    let mut child = Command::new(BIN)
        .args(["build"])
        .arg(site.root())
        .arg("-o")
        .arg(site.path("public"))
        .current_dir(site.root())
        .env("METODIST_TEST_TOKEN", TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("metodist build hung\n{}", site.listing());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    Output {
        args: vec!["build".into()],
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        listing: site.listing(),
    }
}

/// Panics if any regular file under the site folder (links not followed) holds the
/// secret or the token, or if the output mentions them.
fn assert_no_leak(site: &SiteTest, out: &Output) {
    for text in [&out.stdout, &out.stderr] {
        assert!(
            !text.contains(SECRET) && !text.contains(TOKEN),
            "leaked into the output\n{}",
            out.describe()
        );
    }
    for e in walkdir::WalkDir::new(site.root()).follow_links(false) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SECRET) && !text.contains(TOKEN),
            "{} holds the outside file's content\n{}",
            e.path().display(),
            out.describe()
        );
    }
}

/// The build fails, no panic, and the error names `link` (relative to the site) and
/// `target` as written in the link.
fn assert_refused(site: &SiteTest, out: &Output, link: &str, target: &str) {
    out.assert_code(1);
    out.assert_stderr_lacks("panicked");
    out.assert_stderr_contains(&format!(
        "{link}: ошибка: символическая ссылка ведёт за пределы папки сайта"
    ));
    out.assert_stderr_contains(&format!("{link} → {target}"));
    assert_no_leak(site, out);
}

fn link(target: &Path, site: &SiteTest, rel: &str) {
    let p = site.path(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    symlink(target, p).unwrap();
}

#[test]
fn content_link_to_a_file_outside_is_refused() {
    let (site, outside) = site();
    let rel = "content/practices/nastavnik/passwd.txt";
    link(&outside.join("secret.txt"), &site, rel);
    let out = build(&site);
    assert_refused(
        &site,
        &out,
        rel,
        &outside.join("secret.txt").to_string_lossy(),
    );
}

#[test]
fn content_link_to_a_folder_outside_is_refused() {
    let (site, outside) = site();
    let rel = "content/practices/nastavnik/ssh";
    link(&outside.join("ssh"), &site, rel);
    let out = build(&site);
    assert_refused(&site, &out, rel, &outside.join("ssh").to_string_lossy());
}

#[test]
fn content_link_to_proc_environ_is_refused() {
    let (site, _) = site();
    let rel = "content/practices/nastavnik/environ.txt";
    link(Path::new("/proc/self/environ"), &site, rel);
    let out = build(&site);
    assert_refused(&site, &out, rel, "/proc/self/environ");
}

#[test]
fn relative_link_climbing_out_is_refused() {
    let (site, _) = site();
    let rel = "content/practices/nastavnik/doc.txt";
    link(Path::new("../../../../outside/secret.txt"), &site, rel);
    let out = build(&site);
    assert_refused(&site, &out, rel, "../../../../outside/secret.txt");
}

#[test]
fn static_links_outside_are_refused() {
    let (site, outside) = site();
    link(&outside.join("secret.txt"), &site, "static/secret.txt");
    link(&outside.join("ssh"), &site, "static/keys");
    let out = build(&site);
    assert_refused(
        &site,
        &out,
        "static/secret.txt",
        &outside.join("secret.txt").to_string_lossy(),
    );
    assert_refused(
        &site,
        &out,
        "static/keys",
        &outside.join("ssh").to_string_lossy(),
    );
}

#[test]
fn data_and_templates_links_outside_are_refused() {
    let (site, outside) = site();
    link(&outside.join("extra.yaml"), &site, "data/extra.yaml");
    link(&outside.join("page.html"), &site, "templates/page.html");
    let out = build(&site);
    assert_refused(
        &site,
        &out,
        "data/extra.yaml",
        &outside.join("extra.yaml").to_string_lossy(),
    );
    assert_refused(
        &site,
        &out,
        "templates/page.html",
        &outside.join("page.html").to_string_lossy(),
    );
}

#[test]
fn site_folders_as_links_outside_are_refused() {
    for dir in ["content", "static", "data", "templates"] {
        let (site, outside) = site();
        let saved = site.root().parent().unwrap().join(format!("saved-{dir}"));
        std::fs::rename(site.path(dir), &saved).unwrap();
        let target = if dir == "content" {
            outside.join("content")
        } else {
            outside.clone()
        };
        link(&target, &site, dir);
        let out = build(&site);
        assert_refused(&site, &out, dir, &target.to_string_lossy());
    }
}

#[test]
fn config_as_a_link_outside_is_refused() {
    let (site, outside) = site();
    std::fs::remove_file(site.path("metodist.toml")).unwrap();
    link(&outside.join("metodist.toml"), &site, "metodist.toml");
    let out = build(&site);
    assert_refused(
        &site,
        &out,
        "metodist.toml",
        &outside.join("metodist.toml").to_string_lossy(),
    );
}

/// A report page whose `indicators_file` is `file`.
fn report(site: &SiteTest, file: &str) {
    site.create(
        "content/reports/vne/index.md",
        &format!(
            "---\nkind: report\ntitle: Отчёт\nyear: 2025\nindicators_file: {file}\n---\nТекст.\n"
        ),
    );
}

#[test]
fn indicators_file_climbing_out_is_refused_at_the_field() {
    let (site, outside) = site();
    // content/reports/vne → up four folders is the temporary folder holding `outside`.
    report(&site, "../../../../outside/table.csv");
    let out = build(&site);
    out.assert_code(1);
    // The field is on line 5, its value starts at column 18.
    out.assert_stderr_contains(
        "content/reports/vne/index.md:5:18: ошибка: путь content/reports/vne/../../../../outside/table.csv ведёт за пределы папки сайта",
    );
    out.assert_stderr_contains(&outside.join("table.csv").to_string_lossy());
    assert_no_leak(&site, &out);
}

#[test]
fn indicators_file_absolute_outside_is_refused() {
    let (site, outside) = site();
    let abs = outside.join("table.csv");
    report(&site, &abs.to_string_lossy());
    let out = build(&site);
    out.assert_code(1);
    out.assert_stderr_contains("content/reports/vne/index.md:5:18: ошибка: путь");
    out.assert_stderr_contains("ведёт за пределы папки сайта");
    assert_no_leak(&site, &out);
}

#[test]
fn indicators_file_through_a_link_outside_is_refused() {
    let (site, outside) = site();
    report(&site, "table.csv");
    link(
        &outside.join("table.csv"),
        &site,
        "content/reports/vne/table.csv",
    );
    let out = build(&site);
    let target = outside.join("table.csv");
    let target = target.to_string_lossy();
    // Refused once as the page's table (at its field) and once as an attachment.
    out.assert_stderr_contains(
        "content/reports/vne/index.md:5:18: ошибка: символическая ссылка content/reports/vne/table.csv ведёт за пределы папки сайта",
    );
    assert_refused(&site, &out, "content/reports/vne/table.csv", &target);
}

#[test]
fn links_inside_the_site_still_work() {
    let site = SiteTest::fixture("basic");
    site.create("static/files/polozhenie.txt", "Положение о конкурсе");
    site.create(
        "content/reports/vnutri/tablitsa.csv",
        "id;name;target;actual\nV1;Доля участников;10 %;20 %\n",
    );
    report(&site, "svyaz.csv");
    link(
        Path::new("../vnutri/tablitsa.csv"),
        &site,
        "content/reports/vne/svyaz.csv",
    );
    link(
        Path::new("../../../static/files/polozhenie.txt"),
        &site,
        "content/practices/nastavnik/polozhenie.txt",
    );
    link(&site.path("static/files"), &site, "static/docs");
    let out = build(&site);
    out.assert_code(0);
    site.assert_contains("public/practices/nastavnik/polozhenie.txt", "Положение");
    site.assert_contains("public/docs/polozhenie.txt", "Положение");
    site.assert_contains("public/reports/vne/index.html", "Доля участников");
}

#[test]
fn broken_link_is_an_error_naming_its_target() {
    let site = SiteTest::fixture("basic");
    link(
        Path::new("net-takogo.pdf"),
        &site,
        "content/practices/nastavnik/slomano.pdf",
    );
    let out = build(&site);
    out.assert_code(1);
    out.assert_stderr_contains(
        "content/practices/nastavnik/slomano.pdf: ошибка: символическая ссылка ведёт в несуществующий файл",
    );
    out.assert_stderr_contains("slomano.pdf → net-takogo.pdf");
}

/// Makes a FIFO; false (and a note) where `mkfifo` is missing, which fails in CI.
fn mkfifo(path: &Path) -> bool {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let made = Command::new("mkfifo").arg(path).status();
    crate::prereq::present(made.is_ok_and(|s| s.success()), "mkfifo")
}

#[test]
fn fifos_are_skipped_with_a_warning_and_never_hang() {
    let site = SiteTest::fixture("basic");
    let attachment = site.path("content/practices/nastavnik/kanal.pdf");
    if !mkfifo(&attachment) {
        return;
    }
    let out = build(&site);
    out.assert_code(0);
    out.assert_stderr_contains(
        "content/practices/nastavnik/kanal.pdf: предупреждение: не обычный файл",
    );
    site.assert_no_file("public/practices/nastavnik/kanal.pdf");
    // A table the page names is not skipped: the page would lose its indicators.
    let table = site.path("content/reports/vne/kanal.csv");
    if !mkfifo(&table) {
        return;
    }
    report(&site, "kanal.csv");
    build(&site).assert_code(1).assert_stderr_contains(
        "content/reports/vne/index.md:5:18: ошибка: «kanal.csv» — папка, канал или устройство",
    );
}

#[test]
fn devices_the_root_chains_and_lookalike_folders_are_refused() {
    let (site, _) = site();
    // A folder beside the site whose name starts with the site's: outside all the same.
    let lookalike = site.root().with_file_name("site2");
    std::fs::create_dir_all(&lookalike).unwrap();
    std::fs::write(lookalike.join("secret.txt"), SECRET).unwrap();
    let cases = [
        (
            "content/practices/nastavnik/zero.bin",
            "/dev/zero".to_string(),
        ),
        ("content/practices/nastavnik/koren", "/".to_string()),
        (
            "content/practices/nastavnik/pohozhaya.txt",
            lookalike.join("secret.txt").to_string_lossy().into_owned(),
        ),
        // A chain: an inside link to a link leading out; the second is named.
        (
            "content/practices/nastavnik/cep.txt",
            "zveno.txt".to_string(),
        ),
        (
            "content/practices/nastavnik/zveno.txt",
            "../../../../outside/secret.txt".to_string(),
        ),
    ];
    for (rel, target) in &cases {
        link(Path::new(target), &site, rel);
    }
    let out = build(&site);
    for (rel, target) in &cases[..3] {
        assert_refused(&site, &out, rel, target);
    }
    assert_refused(&site, &out, cases[4].0, &cases[4].1);
    // The first link of the chain leads out through the second.
    out.assert_stderr_contains("content/practices/nastavnik/cep.txt: ошибка: символическая ссылка");
}

#[test]
fn templates_never_read_the_build_environment() {
    let (site, _) = site();
    // The hostile trial's template: a CI token published through tera's `get_env`.
    site.create(
        "templates/x.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ get_env(name=\"METODIST_TEST_TOKEN\", default=\"none\") }}</p>\n{% endblock content %}\n",
    );
    site.create(
        "content/pages/token.md",
        "---\nkind: page\ntitle: Токен\ntemplate: x.html\n---\nТекст.\n",
    );
    let out = build(&site);
    assert_no_leak(&site, &out);
    out.assert_code(1);
    out.assert_stderr_lacks("panicked");
    // Line 3: «<p>{{ » is six characters, so the call starts at column 7.
    out.assert_stderr_contains(
        "templates/x.html:3:7: ошибка: шаблон «x.html» вызывает функцию get_env: шаблоны сайта не читают переменные окружения сборки",
    );
    // Includes of files outside the site: tera looks names up among templates only.
    site.create(
        "templates/y.html",
        "{% include \"/etc/passwd\" %}{% include \"../metodist.toml\" %}{% include \"../../outside/secret.txt\" %}",
    );
    let out = build(&site);
    out.assert_code(1);
    out.assert_stderr_contains("шаблон «y.html» включает несуществующий шаблон «/etc/passwd»");
    assert_no_leak(&site, &out);
}
