//! The output folder: metodist replaces only a folder it made itself, never the user's
//! files, the site's sources, the home folder or the root; a linked output stays a link;
//! a path that is not a site is refused before anything is written (issue 13, §1).

use crate::util::{list_files, SiteTest, BIN};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A site of one page.
fn small_site() -> SiteTest {
    let site = SiteTest::new();
    site.create(
        "content/a.md",
        "---\nkind: page\ntitle: \"Страница\"\n---\nТекст страницы.\n",
    );
    site
}

/// A folder beside the site (in the test's temporary folder).
fn beside(site: &SiteTest, name: &str) -> PathBuf {
    site.root().parent().unwrap().join(name)
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_folder_with_files_of_the_user_is_refused_until_forced() {
    let site = small_site();
    let keep = beside(&site, "keep");
    std::fs::create_dir_all(keep.join("docs")).unwrap();
    std::fs::write(keep.join("otchet.docx"), "отчёт").unwrap();
    std::fs::write(keep.join("docs/plan.docx"), "план").unwrap();
    let before = files(&keep);
    let keep_arg = keep.to_string_lossy().into_owned();
    let out = site.run(&["build", "{site}", "-o", &keep_arg]);
    out.assert_code(1)
        .assert_stderr_contains("которые создал не metodist")
        .assert_stderr_contains("«otchet.docx»")
        .assert_stderr_contains("«docs/plan.docx»")
        .assert_stderr_contains("--force");
    assert_eq!(files(&keep), before, "nothing of the user's may change");
    // Asked for explicitly, the folder is replaced.
    site.run(&["build", "{site}", "-o", &keep_arg, "--force"])
        .assert_code(0);
    assert!(keep.join("a/index.html").is_file());
    assert!(!keep.join("otchet.docx").exists());
}

#[test]
fn an_output_of_metodist_is_replaced_and_a_file_added_to_it_is_not_lost() {
    let site = small_site();
    site.build_ok();
    let manifest = site.read("public/.metodist-manifest");
    assert!(manifest.contains("\na/index.html\n"), "{manifest}");
    // Rebuilding over its own output needs no flag.
    site.create("content/b.md", "---\nkind: page\ntitle: \"Вторая\"\n---\n");
    site.build_ok();
    site.assert_file("public/b/index.html");
    // A file the user put into the output is not metodist's to delete.
    site.create("public/CNAME", "metodist.example.ru\n");
    site.run(&["build", "{site}", "-o", "{site}/public"])
        .assert_code(1)
        .assert_stderr_contains("«CNAME»");
    assert_eq!(site.read("public/CNAME"), "metodist.example.ru\n");
    site.assert_file("public/b/index.html");
}

#[test]
fn the_site_its_sources_and_their_parents_are_never_replaced() {
    let site = small_site();
    site.create("static/logo.txt", "логотип");
    site.create("data/districts.yaml", "[]\n");
    let sources = site.snapshot("");
    for (out, says) in [
        (".", "папка сайта"),
        ("..", "папка сайта"),
        ("{site}", "папка сайта"),
        ("content", "внутри папки content/"),
        ("content/public", "внутри папки content/"),
        ("static/out", "внутри папки static/"),
        ("data", "внутри папки data/"),
        ("/", "корень файловой системы"),
    ] {
        for force in [false, true] {
            let mut args = vec!["build", "{site}", "-o", out];
            if force {
                args.push("--force");
            }
            site.run(&args).assert_code(1).assert_stderr_contains(says);
            assert_eq!(site.snapshot(""), sources, "-o {out} changed the site");
        }
    }
}

#[test]
fn a_folder_holding_another_sites_sources_is_refused_even_forced() {
    let site = small_site();
    let other = beside(&site, "other-site");
    std::fs::create_dir_all(other.join("content")).unwrap();
    std::fs::write(
        other.join("content/page.md"),
        "---\nkind: page\ntitle: x\n---\n",
    )
    .unwrap();
    let arg = other.to_string_lossy().into_owned();
    for force in [false, true] {
        let mut args = vec!["build", "{site}", "-o", &arg];
        if force {
            args.push("--force");
        }
        site.run(&args)
            .assert_code(1)
            .assert_stderr_contains("исходные файлы сайта (content/)");
    }
    assert!(other.join("content/page.md").is_file());
}

#[test]
fn the_home_folder_and_its_parents_are_refused_even_forced() {
    let site = small_site();
    let home = beside(&site, "home");
    std::fs::create_dir_all(home.join("Документы")).unwrap();
    std::fs::write(home.join("Документы/отчёт.docx"), "x").unwrap();
    let arg = home.to_string_lossy().into_owned();
    let out = site
        .cmd(&["build", "{site}", "-o", &arg, "--force"])
        .env("HOME", &home)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("домашняя папка"), "{stderr}");
    assert!(home.join("Документы/отчёт.docx").is_file());
}

#[test]
fn a_file_is_not_turned_into_a_folder() {
    let site = small_site();
    site.create("notes.txt", "заметки");
    site.run(&["build", "{site}", "-o", "notes.txt"])
        .assert_code(1)
        .assert_stderr_contains("это файл, а не папка");
    assert_eq!(site.read("notes.txt"), "заметки");
}

#[cfg(unix)]
#[test]
fn a_linked_output_is_written_through_and_stays_a_link() {
    let site = small_site();
    let www = beside(&site, "www");
    std::fs::create_dir_all(&www).unwrap();
    std::os::unix::fs::symlink(&www, site.path("public")).unwrap();
    for _ in 0..2 {
        site.build_ok();
        let link = std::fs::symlink_metadata(site.path("public")).unwrap();
        assert!(link.file_type().is_symlink(), "public must stay a link");
        assert!(
            www.join("a/index.html").is_file(),
            "written through the link"
        );
    }
    // A link to nothing is refused, not replaced by a folder.
    std::fs::remove_file(site.path("public")).unwrap();
    std::os::unix::fs::symlink(beside(&site, "gone"), site.path("public")).unwrap();
    site.run(&["build", "{site}", "-o", "{site}/public"])
        .assert_code(1)
        .assert_stderr_contains("символическую ссылку");
    assert!(std::fs::symlink_metadata(site.path("public"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_folder_that_is_not_a_site_is_refused() {
    let site = SiteTest::new();
    site.create("notes/a.md", "---\nkind: page\ntitle: x\n---\n");
    site.run(&["build", "{site}"])
        .assert_code(1)
        .assert_stderr_contains("это не папка сайта");
    site.assert_no_file("public");
    site.run(&["check", "{site}"])
        .assert_code(1)
        .assert_stderr_contains("это не папка сайта");
    site.run(&["build", "{site}/missing"])
        .assert_code(1)
        .assert_stderr_contains("папки сайта «");
}

#[test]
fn check_of_one_page_reports_that_page() {
    let site = small_site();
    site.create(
        "content/bad.md",
        "---\nkind: page\ntitle: \"Плохая\"\nyaer: 2025\n---\n",
    );
    let out = site.run(&["check", "content/a.md"]);
    out.assert_code(0)
        .assert_stderr_contains("проверяется страница content/a.md")
        .assert_stderr_contains("в других файлах сайта: 1 ошибка");
    site.run(&["check", "content/bad.md"])
        .assert_code(1)
        .assert_stderr_contains("content/bad.md:4:1: ошибка:");
    site.create("notes.md", "# заметки\n");
    site.run(&["check", "notes.md"])
        .assert_code(1)
        .assert_stderr_contains("не страница сайта");
}

/// `metodist serve` without `-o` builds where the user's `public/` is not: killed or
/// stopped, it leaves `public/` exactly as it was, and Ctrl+C removes its own folder.
#[cfg(unix)]
#[test]
fn serve_leaves_public_alone() {
    use std::io::{BufRead, BufReader};
    let site = small_site();
    site.build_ok();
    let before = site.snapshot("public");
    /// Kills serve if the test fails before it is stopped.
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Kill(
        Command::new(BIN)
            .arg("serve")
            .arg(site.root())
            .args(["--port", "0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let mut scratch = None;
    for line in lines.by_ref().map_while(Result::ok).take(2) {
        if let Some(rest) = line.strip_prefix("Сайт собирается во временную папку ")
        {
            scratch = rest.split(';').next().map(PathBuf::from);
        }
    }
    let scratch = scratch.expect("serve names its folder");
    assert!(scratch.join("a/index.html").is_file());
    site.create("content/a.md", "---\nkind: page\ntitle: \"Новая\"\n---\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !std::fs::read_to_string(scratch.join("a/index.html")).is_ok_and(|t| t.contains("Новая"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "serve did not rebuild"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let _ = child.0.wait();
    assert_eq!(site.snapshot("public"), before, "serve changed public/");
    assert!(!scratch.exists(), "Ctrl+C leaves {}", scratch.display());
}

/// What a hostile trial found (issue 13, §1): each of these lost a file before.
mod hostile {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_source_folder_that_is_a_link_is_protected_where_it_really_is() {
        let site = small_site();
        std::fs::create_dir_all(site.path("src")).unwrap();
        std::fs::rename(site.path("content"), site.path("src/content")).unwrap();
        std::os::unix::fs::symlink("src/content", site.path("content")).unwrap();
        let before = site.snapshot("src");
        for out in ["src/content", "src/content/out"] {
            site.run(&["build", "{site}", "-o", out, "--force"])
                .assert_code(1)
                .assert_stderr_contains("внутри папки content/");
        }
        assert_eq!(site.snapshot("src"), before);
    }

    #[test]
    fn look_alike_build_folders_of_the_user_are_left_alone() {
        let site = small_site();
        site.create("out/mine.txt", "моё");
        site.create(".out.tmp-99999/diploma.docx", "диплом");
        site.create(".out.old-99998/plan.docx", "план");
        // Refused for the foreign file, and nothing beside it touched.
        site.run(&["build", "{site}", "-o", "out"]).assert_code(1);
        // A build that goes ahead leaves them too.
        site.run(&["build", "{site}", "-o", "fresh"]).assert_code(0);
        std::fs::remove_dir_all(site.path("out")).unwrap();
        site.run(&["build", "{site}", "-o", "out"]).assert_code(0);
        assert_eq!(site.read(".out.tmp-99999/diploma.docx"), "диплом");
        assert_eq!(site.read(".out.old-99998/plan.docx"), "план");
        site.assert_file("out/a/index.html");
    }

    #[test]
    fn a_file_named_like_the_manifest_is_the_users() {
        let site = small_site();
        site.create("out/.metodist-manifest", "мои заметки\n");
        site.run(&["build", "{site}", "-o", "out"])
            .assert_code(1)
            .assert_stderr_contains("«.metodist-manifest»");
        assert_eq!(site.read("out/.metodist-manifest"), "мои заметки\n");
    }

    #[test]
    fn force_never_removes_a_nested_site_or_a_git_repository() {
        let site = small_site();
        site.create("projects/notes.txt", "x");
        site.create(
            "projects/s3/content/a.md",
            "---\nkind: page\ntitle: x\n---\n",
        );
        site.create("deploy/notes.txt", "x");
        site.create("deploy/.git/HEAD", "ref: refs/heads/main\n");
        for (out, says) in [("projects", "(s3/content/)"), ("deploy", "(.git)")] {
            site.run(&["build", "{site}", "-o", out, "--force"])
                .assert_code(1)
                .assert_stderr_contains(says);
        }
        site.assert_file("projects/s3/content/a.md");
        site.assert_file("deploy/.git/HEAD");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_replaced_like_any_other() {
        use std::os::unix::ffi::OsStrExt;
        let site = small_site();
        let name = std::ffi::OsStr::from_bytes(b"\x8f\xe0\xa8\xaa\xa0\xa7.txt");
        std::fs::create_dir_all(site.path("static")).unwrap();
        std::fs::write(site.path("static").join(name), "приказ").unwrap();
        site.build_ok();
        let out = site.build_ok();
        assert!(!out.stderr.contains("предупреждение"), "{}", out.stderr);
        let parent = site.root().to_path_buf();
        let kept = std::fs::read_dir(&parent)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("сохранено"))
            .count();
        assert_eq!(kept, 0, "{}", site.listing());
    }

    /// The dev server writes in place after its first build; a link put into the output
    /// since must not take a write or a removal outside it.
    #[cfg(unix)]
    #[test]
    fn in_place_rebuilds_never_write_through_a_link() {
        use metodist::build::{BuildOptions, Builder};
        let site = small_site();
        site.create("content/b.md", "---\nkind: page\ntitle: \"Б\"\n---\n");
        let victim = beside(&site, "victim");
        std::fs::create_dir_all(&victim).unwrap();
        std::fs::write(victim.join("index.html"), "чужое").unwrap();
        let out = site.path("public");
        let mut builder = Builder::incremental(BuildOptions {
            root: site.root().to_path_buf(),
            out: out.clone(),
            strict: false,
            write: true,
            force: false,
        });
        assert!(!builder.build().unwrap().failed());
        builder.wait().unwrap();
        std::fs::remove_dir_all(out.join("b")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("b")).unwrap();
        site.create(
            "content/b.md",
            "---\nkind: page\ntitle: \"Б, исправленная\"\n---\n",
        );
        let edited = builder.build();
        site.create("content/b.md", "---\nkind: page\ntitle: \"Б\"\n---\n");
        std::fs::remove_file(site.path("content/b.md")).unwrap();
        let removed = builder.build();
        assert_eq!(
            std::fs::read_to_string(victim.join("index.html")).unwrap(),
            "чужое"
        );
        // The link is foreign: the builds say so instead of writing.
        for r in [edited, removed] {
            let text = match r {
                Ok(report) => report.diags.report(),
                Err(e) => format!("{e:#}"),
            };
            // Either the in-place write that met the link or the fresh claim after it.
            assert!(text.contains("ссылк") || text.contains("«b»"), "{text}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_holding_a_source_folder_behind_a_link_is_refused_even_forced() {
        let site = small_site();
        std::fs::create_dir_all(site.path("src")).unwrap();
        std::fs::rename(site.path("content"), site.path("src/pages")).unwrap();
        std::os::unix::fs::symlink("src/pages", site.path("content")).unwrap();
        site.create("src/notes.txt", "заметки");
        let before = site.snapshot("src");
        site.run(&["build", "{site}", "-o", "src", "--force"])
            .assert_code(1)
            .assert_stderr_contains("исходные файлы сайта (content/ →");
        assert_eq!(site.snapshot("src"), before);
    }

    #[test]
    fn git_repositories_and_other_sites_sources_are_refused_even_forced() {
        let site = small_site();
        // A repository of the site, a bare one beside it, another site's folders.
        site.create(".git/HEAD", "ref: refs/heads/main\n");
        site.create(".git/objects/info/packs", "");
        site.create(".git/refs/heads/main", "0000\n");
        site.create("../bare.git/HEAD", "ref: refs/heads/main\n");
        site.create("../bare.git/objects/pack/p", "");
        site.create("../bare.git/refs/tags/t", "");
        site.create("../other/content/a.md", "---\nkind: page\ntitle: x\n---\n");
        site.create("../other/templates/page.html", "{{ page.title }}");
        for (out, says) in [
            (".git", "репозиторий git"),
            (".git/public", "репозиторий git"),
            ("../bare.git", "репозиторий git"),
            ("../other/content", "внутри папки content/"),
            ("../other/templates", "внутри папки templates/"),
        ] {
            site.run(&["build", "{site}", "-o", out, "--force"])
                .assert_code(1)
                .assert_stderr_contains(says);
        }
        site.assert_file(".git/refs/heads/main");
        site.assert_file("../bare.git/HEAD");
        site.assert_file("../other/content/a.md");
        site.assert_file("../other/templates/page.html");
    }

    /// `serve -o`: a file of the user's where a new page goes, or in the search folder
    /// the index replaces, is neither overwritten nor deleted.
    #[test]
    fn in_place_rebuilds_never_replace_a_file_of_the_user() {
        use metodist::build::{BuildOptions, Builder};
        let site = small_site();
        let out = site.path("public");
        let mut builder = Builder::incremental(BuildOptions {
            root: site.root().to_path_buf(),
            out: out.clone(),
            strict: false,
            write: true,
            force: false,
        });
        assert!(!builder.build().unwrap().failed());
        builder.wait().unwrap();
        site.create("public/c/index.html", "моя страница");
        site.create("content/c.md", "---\nkind: page\ntitle: \"В\"\n---\n");
        let err = builder.build().map(|_| ()).unwrap_err();
        assert!(format!("{err:#}").contains("«c/index.html»"), "{err:#}");
        assert_eq!(site.read("public/c/index.html"), "моя страница");

        let site = small_site();
        let out = site.path("public");
        let mut builder = Builder::incremental(BuildOptions {
            root: site.root().to_path_buf(),
            out,
            strict: false,
            write: true,
            force: false,
        });
        assert!(!builder.build().unwrap().failed());
        builder.wait().unwrap();
        std::fs::create_dir_all(site.path("public/search/d")).unwrap();
        site.create("public/search/d/mine.txt", "моё");
        site.create(
            "content/a.md",
            "---\nkind: page\ntitle: \"Страница\"\n---\nДругой текст.\n",
        );
        let searched = builder.build().and_then(|_| builder.wait());
        let err = searched.unwrap_err();
        assert!(format!("{err:#}").contains("mine.txt"), "{err:#}");
        assert_eq!(site.read("public/search/d/mine.txt"), "моё");
    }

    #[cfg(unix)]
    #[test]
    fn import_never_writes_through_a_link() {
        let site = small_site();
        site.create("../victim.md", "чужое");
        site.create("doc.txt", "ПЛАН РАБОТЫ\n\n1. Семинар\n");
        std::os::unix::fs::symlink(beside(&site, "victim.md"), site.path("content/link.md"))
            .unwrap();
        std::fs::create_dir_all(beside(&site, "outside")).unwrap();
        std::os::unix::fs::symlink(beside(&site, "outside"), site.path("content/dir")).unwrap();
        for out in ["content/link.md", "content/dir/page.md"] {
            site.run(&[
                "import", "doc.txt", "--site", "{site}", "-o", out, "--force",
            ])
            .assert_code(1)
            .assert_stderr_contains("символическ");
        }
        assert_eq!(site.read("../victim.md"), "чужое");
        assert!(std::fs::read_dir(beside(&site, "outside"))
            .unwrap()
            .next()
            .is_none());
    }

    #[test]
    fn two_builds_of_one_output_take_turns() {
        let site = SiteTest::fixture("basic");
        site.build_ok();
        let children: Vec<_> = (0..2)
            .map(|_| {
                site.cmd(&["build", "{site}", "-o", "{site}/public"])
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{stderr}");
            assert!(!stderr.contains("предупреждение"), "{stderr}");
        }
        let kept = std::fs::read_dir(site.root())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("сохранено"))
            .count();
        assert_eq!(kept, 0, "{}", site.listing());
    }
}
