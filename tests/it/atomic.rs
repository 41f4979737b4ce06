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

/// A pseudo-random generator for kill delays; the seed is printed so a failure can be
/// replayed with `METODIST_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A site of `sections` × `per` pages, generated at test time.
fn big_site(sections: usize, per: usize) -> SiteTest {
    let site = SiteTest::fixture("basic");
    let para = "Повышение профессионального мастерства педагогов района. ".repeat(25);
    for s in 0..sections {
        for i in 0..per {
            site.create(
                &format!("content/razdel-{s:02}/stranitsa-{i:03}.md"),
                &format!(
                    "---\nkind: page\ntitle: Страница {s}-{i}\ntags: [тег-{}]\n---\n## Цель\n\n{para}\n\n- пункт\n- пункт\n",
                    i % 20
                ),
            );
        }
    }
    site
}

/// Kills `metodist build` at random moments (some while it writes its temporary folder)
/// and checks each time that the previous output is byte for byte as it was; a build
/// that runs to the end then replaces it and removes what the killed builds left.
#[test]
fn killed_builds_keep_previous_output() {
    use std::time::{Duration, Instant};
    let seed = std::env::var("METODIST_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("METODIST_KILL_SEED={seed}");
    let mut rng = Rng(seed);

    let site = big_site(20, 100);
    let started = Instant::now();
    site.build_ok();
    let full = started.elapsed();
    let mut before = site.snapshot("public");
    assert!(before.len() > 4000, "{} files", before.len());

    let args = ["build", "{site}", "-o", "{site}/public"];
    let mut killed_while_writing = 0;
    let mut left_behind = std::collections::BTreeSet::new();
    let title = |round: usize| format!("Заголовок прерванной сборки {round}");
    for round in 0..5 {
        // What this build would publish differs from what is there.
        site.create(
            "content/news/novost.md",
            &format!(
                "---\nkind: news\ntitle: {}\ndate: 2025-01-20\n---\nТекст.\n",
                title(round)
            ),
        );
        let mut child = site
            .cmd(&args)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        let tmp = site.path(&format!(".public.tmp-{pid}"));
        let t0 = Instant::now();
        if round % 2 == 0 {
            // Anywhere in the run.
            let delay = Duration::from_millis(rng.below(full.as_millis() as u64));
            while t0.elapsed() < delay && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(5));
            }
        } else {
            // Soon after it starts writing.
            while !tmp.exists() && child.try_wait().unwrap().is_none() && t0.elapsed() < full * 4 {
                std::thread::sleep(Duration::from_millis(2));
            }
            std::thread::sleep(Duration::from_millis(rng.below(400)));
        }
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        let page = site.path("public/news/novost/index.html");
        let swapped = std::fs::read_to_string(&page).is_ok_and(|t| t.contains(&title(round)));
        if finished || swapped {
            // Too late: the new output was already in place (the build had finished, or
            // was removing the old output). It must be whole, and it is the previous
            // output from now on.
            eprintln!(
                "round {round}: the build {} before the kill",
                if finished {
                    "finished"
                } else {
                    "had swapped its output in"
                }
            );
            let now = site.snapshot("public");
            assert_eq!(
                now.len(),
                before.len(),
                "round {round}: the new output is not whole"
            );
            before = now;
            left_behind.extend(leftovers(&site));
            continue;
        }
        if tmp.exists() {
            killed_while_writing += 1;
        }
        left_behind.extend(leftovers(&site));
        eprintln!(
            "round {round}: killed after {:?}{}",
            t0.elapsed(),
            if tmp.exists() { " while writing" } else { "" }
        );
        // Killed between moving the old output aside and moving the new one in, the old
        // output waits beside it and the next build puts it back.
        let old = format!(".public.old-{pid}");
        let current = if site.path("public").exists() {
            "public".to_string()
        } else {
            old
        };
        let after = site.snapshot(&current);
        assert!(
            after.len() == before.len(),
            "round {round}: {} files in {current}, {} before",
            after.len(),
            before.len()
        );
        for (path, bytes) in &before {
            assert!(
                after[path] == *bytes,
                "round {round}: {current}/{path} changed"
            );
        }
    }
    assert!(
        killed_while_writing > 0,
        "no build was killed while writing: seed {seed}"
    );
    // (Each build also clears what the builds killed before it left.)
    assert!(
        !left_behind.is_empty(),
        "the killed builds left nothing to clean up"
    );

    // A build that completes replaces the output and removes every leftover.
    site.build_ok();
    site.assert_contains(
        "public/news/novost/index.html",
        "Заголовок прерванной сборки",
    );
    assert_eq!(leftovers(&site), Vec::<String>::new(), "{}", site.listing());
    assert_eq!(site.snapshot("public").len(), before.len());
}

/// A build killed between its two renames leaves no `public/`; the next build, even one
/// that fails, puts the previous output back first. (Linux: elsewhere leftovers of dead
/// builds are recognised by age.)
#[cfg(target_os = "linux")]
#[test]
fn output_moved_aside_by_a_killed_build_is_restored() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let before = site.snapshot("public");
    // As if process 4194305 (above the Linux pid limit, so surely gone) was killed
    // right after moving the output aside, with its new output fully written.
    std::fs::rename(site.path("public"), site.path(".public.old-4194305")).unwrap();
    crate::util::copy_dir(
        &site.path(".public.old-4194305"),
        &site.path(".public.tmp-4194305"),
    );
    // The next build fails on its content…
    site.create(
        "content/news/novost.md",
        "---\nkind: news\ntitle: Без конца\n",
    );
    let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    // …but the previous output is back, and the leftovers are gone.
    assert!(site.snapshot("public") == before, "{}", site.listing());
    assert_eq!(leftovers(&site), Vec::<String>::new(), "{}", site.listing());
}
