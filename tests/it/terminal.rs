//! Nothing a file holds reaches the terminal as a control sequence (issue 13 §7): a
//! date or title with `ESC [2J` (clear the screen) or `ESC ]0;…BEL` (set the window
//! title) is printed with the characters shown as symbols, by `check`, `build`,
//! `search` and `import`.

use crate::check::expect;
use crate::util::{Output, SiteTest};

/// Panics if stdout or stderr holds a control character other than a line break or tab.
fn assert_no_controls(out: &Output) {
    for (name, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            panic!(
                "{name} holds the control character U+{:04X}\n{}",
                u32::from(c),
                out.describe()
            );
        }
    }
}

/// The date's message line quoted the value as it was: the snippet alone was shown.
#[test]
fn a_diagnostic_message_shows_escape_sequences_as_symbols() {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    // YAML's «\e» is ESC. Line 4 is `date: "…"`: «date: » is 6 characters.
    site.create(
        "content/news/esc.md",
        "---\nkind: news\ntitle: Новость\ndate: \"31.02.2025\\e[2J\\e]0;PWNED\\a\"\n---\nТекст.\n",
    );
    let check = site.run(&["check", "{site}"]);
    let build = site.run(&["build", "{site}", "-o", "{site}/public"]);
    for out in [check, build] {
        out.assert_code(1);
        assert_no_controls(&out);
        expect(
            &out,
            "content/news/esc.md:4:7: ошибка: несуществующая или неверно записанная дата «31.02.2025␛[2J␛]0;PWNED␇»",
            &[],
        );
    }
}

/// `metodist search` printed a page title as it was: the terminal cleared its screen
/// and took «PWNED» for its window title.
#[test]
fn search_results_show_escape_sequences_as_symbols() {
    let site = SiteTest::fixture("basic");
    site.create(
        "content/news/zagolovok.md",
        "---\nkind: news\ntitle: \"Новость \\e]0;PWNED\\a\\e[2J ежегодная\"\ndate: 2025-01-20\n---\nЕжегодная новость \u{1b}[31mкрасная\u{1b}[0m.\n",
    );
    site.build_ok();
    let out = site.run(&["search", "ежегодная", "--out", "{site}/public"]);
    out.assert_code(0);
    assert_no_controls(&out);
    out.assert_stdout_contains("Новость ␛]0;PWNED␇␛[2J ежегодная");
}

/// The review `import` prints quotes the imported text; a guess about the whole
/// document was printed at a line 0 that no editor has.
#[test]
fn import_review_has_no_line_zero_and_no_control_characters() {
    let site = SiteTest::fixture("basic");
    let text = format!(
        "ОТЧЁТ \u{1b}]0;PWNED\u{7} о работе методической службы за 2025 год\n\n{}\n",
        "Методическая служба провела семинары для педагогов района. ".repeat(10)
    );
    site.create("otchet.txt", &text);
    let out = site.run(&[
        "import",
        "otchet.txt",
        "--kind",
        "report",
        "--site",
        "{site}",
    ]);
    out.assert_code(0);
    assert_no_controls(&out);
    // No district in the document: a guess about the whole of it.
    out.assert_stderr_contains(
        "otchet.txt: Заголовок страницы (front matter): район и регион по заголовку не определены",
    );
    out.assert_stderr_lacks(":0:");
}
