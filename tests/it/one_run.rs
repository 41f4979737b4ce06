//! Every problem in one run (issue 13 §7, second trial): a page whose front matter has
//! an error still goes through the later checks (links, indicators, activities,
//! personal data, URL conflicts) with what could be read, and what could not be read
//! causes no errors of its own. A registry that could not be read makes no reference to
//! it an error.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::{Output, SiteTest};

/// A site with the basic fixture's registries and configuration and `files`.
fn site_with(files: &[(&str, &str)]) -> SiteTest {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    for (rel, text) in files {
        site.create(rel, text);
    }
    site
}

/// The number of diagnostics printed (first lines).
fn count(out: &Output) -> usize {
    out.stderr
        .lines()
        .filter(|l| {
            !l.starts_with(' ') && (l.contains(": ошибка: ") || l.contains(": предупреждение: "))
        })
        .count()
}

/// `check` and `build` both fail with exactly `heads`, and nothing is written.
fn all_in_one_run(site: &SiteTest, heads: &[&str]) {
    let check = site.run(&["check", "{site}"]);
    let build = site.run(&["build", "{site}", "-o", "{site}/public"]);
    for out in [&check, &build] {
        out.assert_code(1);
        for h in heads {
            expect(out, h, &[]);
        }
        assert_eq!(count(out), heads.len(), "{}", out.describe());
    }
    site.assert_no_file("public/index.html");
}

/// The date error hid the rest: the indicator, the link, the e-mail and the phone came
/// only after the date was fixed.
#[test]
fn a_bad_date_hides_nothing_else_of_the_page() {
    let site = site_with(&[(
        "content/reports/volna.md",
        "---\nkind: report\ntitle: Отчёт\ndistrict: usolsky\ndate: 31.02.2025\nindicators:\n  - id: A1\n    name: Доля\n    target: \"10 %\"\n    actual: \"1O %\"\n---\nПишите на ivanov@mail.ru или звоните +7 914 123-45-67.\n[Ссылка](nesushchestvuet.md)\n",
    )]);
    all_in_one_run(
        &site,
        &[
            // Line 5 «date: 31.02.2025»: «date: » is 6 characters.
            "content/reports/volna.md:5:7: ошибка: несуществующая или неверно записанная дата «31.02.2025»",
            // Line 10 «    actual: "1O %"»: «    actual: "» is 13 characters.
            "content/reports/volna.md:10:14: ошибка: показатель A1, поле actual: в числе «1O» латинская буква «O» вместо цифры 0",
            // Line 12: «Пишите на » is 10 characters; «…ivanov@mail.ru или звоните » 37.
            "content/reports/volna.md:12:11: предупреждение: адрес электронной почты «ivanov@mail.ru» будет опубликован",
            "content/reports/volna.md:12:38: предупреждение: номер мобильного телефона «+7 914 123-45-67» будет опубликован",
            "content/reports/volna.md:13:1: ошибка: ссылка ведёт на несуществующую страницу или файл «nesushchestvuet.md»",
        ],
    );
}

/// A status typo, a row without a title and a plan item that does not exist came in
/// rounds; in YAML and in TOML they come together.
#[test]
fn activity_errors_come_together() {
    let site = SiteTest::fixture("basic");
    site.create(
        "content/reports/akt.md",
        "---\nkind: report\ntitle: Отчёт\ndistrict: usolsky\nplan: plans/plan-2025\nactivities:\n  - n: \"1\"\n    title: Совещание\n    status: сделано\n  - n: \"2\"\n    status: done\n  - plan_ref: \"99\"\n    status: [done]\n---\nТекст.\n",
    );
    site.create(
        "content/reports/akt-toml.md",
        "+++\nkind = \"report\"\ntitle = \"Отчёт\"\ndistrict = \"usolsky\"\nplan = \"plans/plan-2025\"\n[[activities]]\nn = \"1\"\ntitle = \"Совещание\"\nstatus = \"сделано\"\n[[activities]]\nn = \"2\"\nstatus = \"done\"\n[[activities]]\nplan_ref = \"99\"\nstatus = 5\n+++\nТекст.\n",
    );
    all_in_one_run(
        &site,
        &[
            // «    status: » is 12 characters; «  - n: » 6 (the row's first field).
            "content/reports/akt.md:9:13: ошибка: недопустимое значение «сделано» (в activities[0].status)",
            "content/reports/akt.md:10:5: ошибка: мероприятие 2, поле title: у мероприятия нет наименования",
            // «  - plan_ref: » is 14 characters.
            "content/reports/akt.md:12:15: ошибка: мероприятие 3, поле plan_ref: в плане нет мероприятия № 99",
            "content/reports/akt.md:13:13: ошибка: неверный тип значения: список, ожидается одно из допустимых значений (в activities[2].status)",
            // «status = » is 9 characters; a row without the field is placed at its
            // «[[activities]]» line.
            "content/reports/akt-toml.md:9:10: ошибка: недопустимое значение «сделано» (в activities[0].status)",
            "content/reports/akt-toml.md:10:1: ошибка: мероприятие 2, поле title: у мероприятия нет наименования",
            // «plan_ref = » is 11 characters.
            "content/reports/akt-toml.md:14:12: ошибка: мероприятие 3, поле plan_ref: в плане нет мероприятия № 99",
            "content/reports/akt-toml.md:15:10: ошибка: неверный тип значения: ожидается одно из допустимых значений (в activities[2].status)",
        ],
    );
}

/// A «Входит в» error hid the zero denominator of another row.
#[test]
fn a_bad_table_row_hides_no_other_row() {
    let site = site_with(&[
        (
            "content/reports/t/index.md",
            "---\nkind: report\ntitle: Отчёт\nindicators_file: t.csv\n---\n",
        ),
        (
            "content/reports/t/t.csv",
            "Код;Показатель;Цель;Факт;Числитель;Знаменатель;Входит в\nK1;Доля;10 %;12 %;;;Z9\nK2;Доля школ;не менее 50 %;60 %;3;0;\n",
        ),
    ]);
    all_in_one_run(
        &site,
        &[
            "content/reports/t/t.csv:2:1: ошибка: строка 2, столбец Входит в: нет показателя с id «Z9»",
            "content/reports/t/t.csv:3:1: ошибка: строка 3: показатель K2, поле denominator: знаменатель должен быть больше нуля",
        ],
    );
}

/// A field error of `_index.md` hid its conflict with `index.md` of the same folder.
#[test]
fn a_section_with_a_bad_field_is_still_a_section() {
    let site = site_with(&[
        (
            "content/proekty/_index.md",
            "---\ntitle: Проекты\nweight: много\n---\n",
        ),
        (
            "content/proekty/index.md",
            "---\nkind: page\ntitle: Проекты страницей\n---\nТекст.\n",
        ),
    ]);
    all_in_one_run(
        &site,
        &[
            // Line 3 «weight: много»: «weight: » is 8 characters.
            "content/proekty/_index.md:3:9: ошибка: неверный тип значения: строка \"много\", ожидается целое число (в weight) (в заголовке раздела)",
            "content/proekty/_index.md: ошибка: адрес /proekty/ уже занят страницей content/proekty/index.md",
        ],
    );
}

/// What could not be read is unknown, not absent: a `plan` of the wrong type does not
/// make every `plan_ref` «план не указан», a district of the wrong type does not make a
/// `framework_id` «у страницы нет района», a `slug` of the wrong type does not make a
/// URL conflict, and a plan with an activity that could not be read does not make a
/// report's reference to it «в плане нет мероприятия».
#[test]
fn what_could_not_be_read_causes_no_errors_of_its_own() {
    let site = site_with(&[
        (
            "content/reports/bez-plana.md",
            "---\nkind: report\ntitle: Отчёт\nplan: [plans/plan-2025]\nactivities:\n  - plan_ref: \"1\"\n---\n",
        ),
        (
            "content/reports/bez-rayona.md",
            "---\nkind: report\ntitle: Отчёт\ndistrict: [usolsky]\nindicators:\n  - id: A1\n    name: Доля\n    framework_id: P1\n    target: \"10 %\"\n---\n",
        ),
        (
            "content/news/o-nas.md",
            "---\nkind: news\ntitle: Новость\nslug: [a, b]\n---\nТекст.\n",
        ),
        ("content/news/o-nas/index.md", "---\nkind: news\ntitle: Другая\n---\n"),
        (
            "content/plans/plan.md",
            "---\nkind: plan\ntitle: План\nactivities:\n  - n: \"1\"\n    title: Совещание\n  - n: \"2\"\n    title: [Семинар]\n---\n",
        ),
        (
            "content/reports/po-planu.md",
            "---\nkind: report\ntitle: Отчёт\nplan: plans/plan\nactivities:\n  - plan_ref: \"2\"\n    status: done\n---\n",
        ),
    ]);
    all_in_one_run(
        &site,
        &[
            // «plan: » 6, «district: » 10, «slug: » 6, «    title: » 11 characters.
            "content/reports/bez-plana.md:4:7: ошибка: неверный тип значения: список, ожидается строка (в plan)",
            "content/reports/bez-rayona.md:4:11: ошибка: неверный тип значения: список, ожидается строка (в district)",
            "content/news/o-nas.md:4:7: ошибка: неверный тип значения: список, ожидается строка (в slug)",
            "content/plans/plan.md:8:12: ошибка: неверный тип значения: список, ожидается строка (в activities[1].title)",
        ],
    );
}

/// An indicator taken out whole (its `name` is missing) is counted back in: the next
/// one's error stands at its own line, not at the line of the one before it.
#[test]
fn items_taken_out_keep_the_next_items_lines() {
    let site = site_with(&[(
        "content/reports/spisok.md",
        "---\nkind: report\ntitle: Отчёт\ndate: 32.01.2025\nindicators:\n  - id: A1\n    target: \"10 %\"\n  - id: A2\n    name: Вторая\n    target: \"не менее 10²%\"\n  - id: A3\n    name: Третья\n    target: \"5 %\"\n    actual: \"1O %\"\n---\n",
    )]);
    all_in_one_run(
        &site,
        &[
            "content/reports/spisok.md:4:7: ошибка: несуществующая или неверно записанная дата «32.01.2025»",
            // Line 6 «  - id: A1»: the item is placed at its first field, column 5.
            "content/reports/spisok.md:6:5: ошибка: нет обязательного поля «name» (в indicators[0])",
            // Line 10 «    target: "не менее 10²%"»: «    target: "» is 13 characters,
            // «не менее » 9 more: the number starts at column 23.
            "content/reports/spisok.md:10:25: ошибка: показатель A2, поле target: цифра «²» набрана особым шрифтом",
            // Line 14 «    actual: "1O %"»: «    actual: "» is 13 characters.
            "content/reports/spisok.md:14:14: ошибка: показатель A3, поле actual: в числе «1O» латинская буква «O» вместо цифры 0",
        ],
    );
}

/// One mistake in `data/schools.yaml` — a quote closed lines later — made every page
/// that names a school fail with «неизвестное значение: школа», and the mistake itself
/// was reported where the parser gave up. Only the registry's own error is reported,
/// at the opening quote.
#[test]
fn a_broken_school_registry_makes_no_page_fail() {
    let site = SiteTest::fixture("basic");
    site.create(
        "data/schools.yaml",
        "- id: sosh-20\n  name: \"МБОУ «Средняя общеобразовательная школа № 20»\n  short_name: СОШ № 20\n  district: usolsky\n  aliases: [\"Тельминская школа 20\"]\n- id: belorechenskaya-sosh\n  name: МБОУ «Белореченская СОШ»\n  district: usolsky\n",
    );
    all_in_one_run(
        &site,
        // Line 2 «  name: "МБОУ…»: «  name: » is 8 characters, the quote is column 9.
        &["data/schools.yaml:2:9: ошибка: кавычка не закрыта в этой строке: значение в кавычках продолжается до кавычки в строке «aliases: [\"Тельминская школа 20\"]»"],
    );
}

/// An alias bomb or a nesting too deep in `data/districts.yaml` is its own error; pages
/// naming a district and schools naming one are not errors too.
#[test]
fn a_district_registry_that_cannot_be_read_makes_no_reference_an_error() {
    let bomb = "- &a [x, x, x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n- &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n- &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n- &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    let deep = format!(
        "- id: usolsky\n  aliases: {}{}\n",
        "[".repeat(200),
        "]".repeat(200)
    );
    for (text, head) in [
        // The first alias: line 2, column 7.
        (
            bomb.to_string(),
            "data/districts.yaml:2:7: ошибка: ссылки «*» разворачиваются в слишком большой текст",
        ),
        (deep, "data/districts.yaml:2:"),
    ] {
        let site = SiteTest::fixture("basic");
        site.create("data/districts.yaml", &text);
        let check = site.run(&["check", "{site}"]);
        check.assert_code(1);
        expect(&check, head, &[]);
        assert_eq!(count(&check), 1, "{}", check.describe());
    }
}

/// A school entry with a field that cannot be read: the other entries are kept and
/// checked (two of them share a spelling), each at its own line although the first
/// entry was taken out; a page naming the broken one is no error.
#[test]
fn a_school_registry_keeps_the_entries_that_could_be_read() {
    let site = SiteTest::fixture("basic");
    site.create(
        "data/schools.yaml",
        "- id: sosh-20\n  name: МБОУ «Средняя общеобразовательная школа № 20»\n  short_name: СОШ № 20\n  district: [usolsky]\n  aliases: [\"Тельминская школа 20\"]\n- id: belorechenskaya-sosh\n  name: МБОУ «Белореченская СОШ»\n  short_name: Белореченская СОШ\n  district: usolsky\n  aliases: [\"Речная школа\"]\n- id: rechnaya\n  name: Речная школа\n  district: usolsky\n- id: tretya\n  name: Третья школа\n  district: nikakoy\n",
    );
    all_in_one_run(
        &site,
        &[
            // Line 4 «  district: [usolsky]»: «  district: » is 12 characters.
            "data/schools.yaml:4:13: ошибка: неверный тип значения: список, ожидается строка (в [0].district)",
            // Line 12 «  name: Речная школа»: «  name: » is 8 characters.
            "data/schools.yaml:12:9: ошибка: написание «Речная школа» подходит к двум школам: belorechenskaya-sosh и rechnaya",
            // Line 16 «  district: nikakoy»: the districts are whole, so it is unknown.
            "data/schools.yaml:16:13: ошибка: неизвестное значение: район «nikakoy»",
        ],
    );
}

/// A title of the wrong kind, or none, made the page unreadable: everything else in it
/// waited. The page is now checked under its file's name. In TOML a missing title was
/// also reported «(в kind)», after which `kind` itself was taken out and every table of
/// the page reported «нет обязательного поля «kind»».
#[test]
fn a_bad_or_missing_title_hides_nothing_else() {
    let site = site_with(&[
        (
            "content/news/t1.md",
            "---\nkind: news\ntitle: [a]\ndate: 31.02.2025\n---\n[x](net.md)\n",
        ),
        (
            "content/reports/t2.md",
            "+++\nkind = \"report\"\ndate = \"31.02.2025\"\n[[indicators]]\nid = \"A1\"\nname = \"Доля\"\ntarget = \"10²%\"\n+++\n[x](net.md)\n",
        ),
    ]);
    all_in_one_run(
        &site,
        &[
            // «title: » 7, «date: » 6 characters.
            "content/news/t1.md:3:8: ошибка: неверный тип значения: список, ожидается строка (в title)",
            "content/news/t1.md:4:7: ошибка: несуществующая или неверно записанная дата «31.02.2025»",
            "content/news/t1.md:6:1: ошибка: ссылка ведёт на несуществующую страницу или файл «net.md»",
            // The front matter starts at line 2; «date = » is 7 characters, «target = "»
            // 10, so the number is column 11.
            "content/reports/t2.md:2:1: ошибка: нет обязательного поля «title»",
            "content/reports/t2.md:3:8: ошибка: несуществующая или неверно записанная дата «31.02.2025»",
            "content/reports/t2.md:7:13: ошибка: показатель A1, поле target: цифра «²» набрана особым шрифтом",
            "content/reports/t2.md:9:1: ошибка: ссылка ведёт на несуществующую страницу или файл «net.md»",
        ],
    );
}
