//! The command line speaks Russian: clap's errors, usage and help frame.

use crate::util::SiteTest;

#[test]
fn command_line_mistakes_are_told_in_russian() {
    let site = SiteTest::fixture("basic");
    let out = site.run(&["check", "--strcit", "{site}"]);
    out.assert_code(2);
    out.assert_stderr_contains(
        "ошибка: неизвестный параметр «--strcit»\n  может быть, «--strict»?\n",
    );
    out.assert_stderr_contains("Подробнее: metodist check --help");
    let out = site.run(&["import", "x.docx", "--kind", "page"]);
    out.assert_code(2);
    out.assert_stderr_contains("ошибка: недопустимое значение «page» для «--kind <ВИД>»\n  допустимые значения: report, plan, roadmap, programme, regulation\n");
    let out = site.run(&["biuld"]);
    out.assert_code(2);
    out.assert_stderr_contains("ошибка: неизвестная команда «biuld»\n  может быть, «build»?\n");
    for out in [
        site.run(&["check", "--strcit", "{site}"]),
        site.run(&["import", "x.docx", "--kind", "page"]),
        site.run(&["biuld"]),
        site.run(&["serve", "--port", "abc"]),
        site.run(&[]),
    ] {
        for english in [
            "error:",
            "Usage:",
            "tip:",
            "For more information",
            "possible values",
            "[OPTIONS]",
        ] {
            out.assert_stderr_lacks(english);
        }
    }
}

#[test]
fn help_is_russian() {
    let site = SiteTest::fixture("basic");
    let out = site.run(&["build", "--help"]);
    out.assert_code(0);
    for russian in [
        "Использование: metodist build [ПАРАМЕТРЫ] [ПАПКА]",
        "Аргументы:",
        "Параметры:",
        "-h, --help         Показать эту справку",
    ] {
        out.assert_stdout_contains(russian);
    }
    let out = site.run(&["--help"]);
    out.assert_stdout_contains("Команды:\n  build");
    out.assert_stdout_contains("-V, --version  Показать версию");
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "Print version",
        "[default:",
        "[possible values",
    ] {
        assert!(
            !out.stdout.contains(english),
            "{english} in\n{}",
            out.stdout
        );
    }
}
