//! Diagnostics at the place to fix, in Russian (issue 13 §7, second trial): a `slug`
//! that takes another page's address, `indicators_file` empty, leading out of
//! `content/` or holding a NUL, a table row inside itself, a filter missing in a site
//! template, an unclosed quote closed lines later, a line separator inside a value.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::{site_with, SiteTest};

/// The conflict named both files but had no line: the `slug` is what leads the page to
/// the other's address, so the error stands at it, whichever page sorts first.
#[test]
fn a_slug_taking_another_address_is_an_error_at_the_slug() {
    let site = site_with(&[
        // Sorts before o-nas.md, which keeps its own name.
        (
            "content/pages/dubl.md",
            "---\nkind: page\ntitle: Дубль\nslug: o-nas\n---\nТекст.\n",
        ),
        (
            "content/pages/o-nas.md",
            "---\nkind: page\ntitle: О нас\n---\nТекст.\n",
        ),
        // Sorts after a.md: the second of the pair has the slug.
        (
            "content/news/a.md",
            "---\nkind: news\ntitle: А\n---\nТекст.\n",
        ),
        (
            "content/news/b.md",
            "---\nkind: news\ntitle: Б\nsummary: кратко\nslug: a\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // Line 4 «slug: o-nas», line 5 «slug: a»: «slug: » is 6 characters.
    expect(
        &out,
        "content/pages/dubl.md:4:7: ошибка: адрес /pages/o-nas/ уже занят страницей content/pages/o-nas.md",
        &["| slug: o-nas"],
    );
    expect(
        &out,
        "content/news/b.md:5:7: ошибка: адрес /news/a/ уже занят страницей content/news/a.md",
        &["| slug: a"],
    );
}

/// `indicators_file` empty had no line and called «» a folder; `../../../metodist.toml`
/// was reported at `content/reports/t11/../../../metodist.toml`; a NUL gave the file
/// system's English words with the NUL printed.
#[test]
fn indicators_file_problems_are_errors_at_the_field() {
    let site = site_with(&[
        (
            "content/reports/t11/index.md",
            "---\nkind: report\ntitle: Отчёт 11\nindicators_file: ../../../metodist.toml\n---\n",
        ),
        (
            "content/reports/t12.md",
            "---\nkind: report\ntitle: Отчёт 12\nindicators_file: \"\"\n---\n",
        ),
        (
            "content/reports/t13.md",
            "---\nkind: report\ntitle: Отчёт 13\nindicators_file: \"ind.csv\\u0000x\"\n---\n",
        ),
        (
            "content/reports/t14.md",
            "+++\nkind = \"report\"\ntitle = \"Отчёт 14\"\nindicators_file = \"ind\\u001b[2J.csv\"\n+++\n",
        ),
        ("metodist.toml", "title = \"Сайт\"\n"),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // Line 4 of each: «indicators_file: » is 17 characters; «indicators_file = » 18.
    expect(
        &out,
        "content/reports/t11/index.md:4:18: ошибка: таблица показателей «../../../metodist.toml» лежит вне папки content/ (это metodist.toml)",
        &["| indicators_file: ../../../metodist.toml"],
    );
    expect(
        &out,
        "content/reports/t12.md:4:18: ошибка: в поле indicators_file не указан файл",
        &["| indicators_file: \"\""],
    );
    expect(
        &out,
        "content/reports/t13.md:4:18: ошибка: в пути «ind.csv␀x» управляющий символ U+0000 (в indicators_file)",
        &[],
    );
    expect(
        &out,
        "content/reports/t14.md:4:19: ошибка: в пути «ind␛[2J.csv» управляющий символ U+001B (в indicators_file)",
        &[],
    );
    out.assert_stderr_lacks("NUL byte");
    out.assert_stderr_lacks("../../../metodist.toml:");
}

/// Control characters are refused in every field that names a file or a page.
#[test]
fn control_characters_in_path_fields_are_errors_at_the_field() {
    let site = site_with(&[
        (
            "content/reports/r.md",
            "---\nkind: report\ntitle: Отчёт\ntemplate: \"page\\t.html\"\nplan: \"plans/p\\0\"\n---\n",
        ),
        (
            "content/practices/p.md",
            "---\nkind: practice\ntitle: Практика\nsource_event: \"events/e\\x07\"\n---\n",
        ),
        (
            "content/rmo/m.md",
            "---\nkind: rmo\ntitle: РМО\nmeetings:\n  - topic: Заседание\n    event: \"events/\\x1b\"\n---\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // «template: » is 10 characters, «plan: » 6, «source_event: » 14, «    event: » 11.
    for head in [
        "content/reports/r.md:4:11: ошибка: в пути «page␉.html» управляющий символ U+0009 (в template)",
        "content/reports/r.md:5:7: ошибка: в пути «plans/p␀» управляющий символ U+0000 (в plan)",
        "content/practices/p.md:4:15: ошибка: в пути «events/e␇» управляющий символ U+0007 (в source_event)",
        "content/rmo/m.md:6:12: ошибка: в пути «events/␛» управляющий символ U+001B (в meetings[0].event)",
    ] {
        expect(&out, head, &[]);
    }
}

/// A «Входит в» naming the row's own id said «нет показателя с id «K15»», though K15
/// was right there.
#[test]
fn a_table_row_inside_itself_is_named_as_such() {
    let site = site_with(&[
        (
            "content/reports/t/index.md",
            "---\nkind: report\ntitle: Отчёт\nindicators_file: t.csv\n---\n",
        ),
        (
            "content/reports/t/t.csv",
            "Код;Показатель;Цель;Факт;Входит в\nK15;Доля;10 %;12 %;K15\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/reports/t/t.csv:2:1: ошибка: строка 2, столбец Входит в: строка не может входить сама в себя: у неё id «K15» и в «Входит в» тоже «K15»",
        &[],
    );
    out.assert_stderr_lacks("нет показателя с id");
}

/// An unknown filter or function in a site template was «нет шаблона «special.html»» at
/// the page that uses it.
#[test]
fn an_unknown_filter_in_a_site_template_is_reported_in_the_template() {
    for (call, col, message) in [
        ("{{ page.title | nofilter }}", 15, "нет фильтра «nofilter»"),
        ("{{ nofn() }}", 4, "нет функции «nofn»"),
    ] {
        let site = SiteTest::fixture("basic");
        site.create(
            "templates/special.html",
            &format!("{{% extends \"page.html\" %}}\n{{% block details %}}<p>\n{call}</p>{{% endblock details %}}\n"),
        );
        let out = site.run(&["check", "{site}"]);
        out.assert_code(1);
        // Line 3 starts with the call: «{{ page.title » is 14 characters before «|»;
        // «{{ » is 3 before «nofn».
        expect(
            &out,
            &format!("templates/special.html:3:{col}: ошибка: ошибка при заполнении шаблона «special.html»: {message}"),
            &["страница: content/pages/o-nas.md"],
        );
        out.assert_stderr_lacks("нет шаблона");
    }
}

/// The loader turned a U+2028 inside a quoted title into a line break: the date error
/// stood a line below the line editors and `grep -n` show; unquoted, the title's second
/// half became a line of its own («после имени поля нет двоеточия» at a line the editor
/// does not have). Now it reads as a space, with a warning where it is.
#[test]
fn an_invisible_line_separator_moves_no_position() {
    let site = site_with(&[
        (
            "content/reports/ls.md",
            "---\nkind: report\ntitle: \"Отчёт\u{2028}за год\"\ndistrict: usolsky\ndate: 31.02.2025\nindicators:\n  - id: A1\n    name: Доля\n    target: \"не менее 10²%\"\n---\nТекст\u{2029}дальше.\n",
        ),
        (
            "content/news/bez-kavychek.md",
            "---\nkind: news\ntitle: Отчёт\u{2028}за год\ndate: 2025-01-20\n---\nТекст\u{85}.\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // Line 3 «title: "Отчёт⏎за год"»: «title: "Отчёт» is 13 characters.
    expect(
        &out,
        "content/reports/ls.md:3:14: предупреждение: невидимый разделитель строки U+2028 читается как пробел; удалите его",
        &["| title: \"Отчёт⏎за год\""],
    );
    // Line 5, as in the editor: «date: » is 6 characters.
    expect(
        &out,
        "content/reports/ls.md:5:7: ошибка: несуществующая или неверно записанная дата «31.02.2025»",
        &[],
    );
    // Line 9 «    target: "не менее 10²%"»: «    target: "» is 13 characters, «не менее »
    // 9 more: the number starts at column 23.
    expect(
        &out,
        "content/reports/ls.md:9:25: ошибка: показатель A1, поле target: цифра «²» набрана особым шрифтом",
        &[],
    );
    // Line 11 «Текст⏎дальше.»: «Текст» is 5 characters.
    expect(
        &out,
        "content/reports/ls.md:11:6: предупреждение: невидимый разделитель абзацев U+2029 читается как пробел; удалите его",
        &[],
    );
    // Unquoted: no error, the warning at line 3 («title: Отчёт» is 12 characters).
    expect(
        &out,
        "content/news/bez-kavychek.md:3:13: предупреждение: невидимый разделитель строки U+2028 читается как пробел; удалите его",
        &[],
    );
    expect(
        &out,
        "content/news/bez-kavychek.md:6:6: предупреждение: невидимый знак новой строки U+0085 читается как пробел; удалите его",
        &[],
    );
    out.assert_stderr_lacks("content/news/bez-kavychek.md:4");
    out.assert_stderr_lacks("двоеточия");
    out.assert_stderr_contains("итого: 2 ошибки, 4 предупреждения");
}

/// A quote closed by the last quote of a later line, with no syntax error after it: the
/// `date` became a part of the title and nothing was said. A warning at the opening quote.
#[test]
fn a_quote_that_swallows_fields_is_a_warning_at_the_quote() {
    let site = site_with(&[(
        "content/news/kavychka.md",
        "---\nkind: news\ntitle: \"Открыт приём заявок\ndate: 2025-01-20\nsummary: кратко\"\n---\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    // Line 3 «title: "Открыт приём заявок»: «title: » is 7 characters.
    expect(
        &out,
        "content/news/kavychka.md:3:8: предупреждение: кавычка не закрыта в этой строке: значение в кавычках продолжается до кавычки в строке «summary: кратко\"»",
        &["| title: \"Открыт приём заявок"],
    );
    // A value that really goes on over lines that do not read as fields: no warning.
    let site = site_with(&[(
        "content/news/dlinny.md",
        "---\nkind: news\ntitle: \"Открыт приём заявок\n  на конкурс\"\ndate: 2025-01-20\n---\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    out.assert_stderr_lacks("предупреждение");
}

/// A row error of a table named through `..` was reported at
/// `content/reports/a/../b/t.csv`, a path no file manager shows.
#[test]
fn a_table_row_error_names_the_table_as_the_site_does() {
    let site = site_with(&[
        (
            "content/reports/a/r.md",
            "---\nkind: report\ntitle: Р\nindicators_file: ../b/t.csv\n---\n",
        ),
        (
            "content/reports/b/t.csv",
            "Код;Показатель;Цель;Знаменатель;Числитель\nA1;Д;10 %;0;1\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/reports/b/t.csv:2:1: ошибка: строка 2: показатель A1, поле denominator: знаменатель должен быть больше нуля",
        &[],
    );
    out.assert_stderr_lacks("/../");
}
