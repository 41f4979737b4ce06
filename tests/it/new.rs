//! `metodist new`: a page with its front-matter skeleton.

use crate::util::SiteTest;

#[test]
fn new_practice_writes_a_skeleton_that_check_reads() {
    let site = SiteTest::new();
    let out = site.run(&["new", "practice", "Шаг вперёд", "--site", "{site}"]);
    out.assert_code(0);
    // «Шаг вперёд» → sh-a-g, -, v-p-e-r-yo-d.
    let rel = "content/practices/shag-vperyod.md";
    site.assert_file(rel);
    out.assert_stdout_contains("shag-vperyod.md");
    let text = site.read(rel);
    assert!(text.starts_with("---\nkind: practice\n"), "{text}");
    assert!(text.contains("title: \"Шаг вперёд\"\n"), "{text}");
    assert_eq!(
        text.matches("\n---\n").count(),
        1,
        "one closing fence: {text}"
    );

    // A second page with the same title is refused, and the first is not overwritten.
    let again = site.run(&["new", "practice", "Шаг вперёд", "--site", "{site}"]);
    again.assert_code(1);
    again.assert_stderr_contains("уже есть");
    assert_eq!(site.read(rel), text);

    // An unknown kind is refused with the list of kinds.
    let bad = site.run(&["new", "praktika", "Шаг", "--site", "{site}"]);
    bad.assert_code(1);
    bad.assert_stderr_contains("неизвестный вид «praktika»");

    // The skeleton, untouched, is a valid page: its empty fields are empty values.
    site.copy_from_fixture("basic", "data");
    let check = site.run(&["check", "{site}"]);
    // Not a crash: 0 (valid) or 1 (content errors), never a signal or a panic.
    assert!(matches!(check.code, Some(0 | 1)), "{}", check.describe());
    assert!(!check.stderr.contains("panicked"), "{}", check.describe());
    check.assert_code(0);
    check.assert_stderr_contains("проверено: 1 страница, ошибок нет");
}

#[test]
fn new_skeleton_of_every_kind_passes_check() {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    let kinds = [
        (
            "report",
            "Отчёт за год",
            "content/reports/otchyot-za-god.md",
        ),
        ("plan", "План на год", "content/plans/plan-na-god.md"),
        ("roadmap", "Карта", "content/roadmaps/karta.md"),
        ("programme", "Программа", "content/programmes/programma.md"),
        (
            "regulation",
            "Положение",
            "content/regulations/polozhenie.md",
        ),
        ("rmo", "РМО физиков", "content/rmo/rmo-fizikov.md"),
        ("competition", "Конкурс", "content/competitions/konkurs.md"),
        ("event", "Семинар", "content/events/seminar.md"),
        ("page", "О нас", "content/pages/o-nas.md"),
        ("news", "Новость", "content/news/novost.md"),
    ];
    for (kind, title, rel) in kinds {
        site.run(&["new", kind, title, "--site", "{site}"])
            .assert_code(0);
        site.assert_file(rel);
    }
    let check = site.run(&["check", "{site}"]);
    check.assert_code(0);
    check.assert_stderr_contains("проверено: 10 страниц, ошибок нет");
}

/// Whatever the title, the skeleton is valid YAML.
#[test]
fn new_escapes_backslashes_in_the_title() {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.run(&["new", "page", "Папка C:\\Документы", "--site", "{site}"])
        .assert_code(0);
    site.assert_file("content/pages/papka-c-dokumenty.md");
    let check = site.run(&["check", "{site}"]);
    check.assert_code(0);
}
