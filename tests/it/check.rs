//! `metodist check`: every problem of every file, in one run, each at `path:line:col`
//! with a Russian message. Positions below are counted by hand from the text written
//! (lines and columns from 1, columns in characters).

use crate::util::{site_with, Output, SiteTest};

/// The diagnostic block (its first line and the indented `| …` / `= подсказка` lines)
/// whose first line starts with `head`.
pub(crate) fn block<'a>(stderr: &'a str, head: &str) -> Option<&'a str> {
    let start = stderr.lines().position(|l| l.starts_with(head))?;
    let lines: Vec<&str> = stderr.lines().collect();
    let mut end = start + 1;
    while end < lines.len() && lines[end].starts_with("    ") {
        end += 1;
    }
    let from = stderr.find(lines[start])?;
    let len: usize = lines[start..end].iter().map(|l| l.len() + 1).sum();
    Some(&stderr[from..(from + len - 1).min(stderr.len())])
}

/// Panics unless stderr has a diagnostic starting with `head` whose block contains every
/// string of `also`.
pub(crate) fn expect(out: &Output, head: &str, also: &[&str]) {
    let Some(b) = block(&out.stderr, head) else {
        panic!(
            "no diagnostic starting with\n    {head}\n{}",
            out.describe()
        );
    };
    for a in also {
        if !b.contains(a) {
            panic!("diagnostic\n{b}\nlacks\n    {a}\n{}", out.describe());
        }
    }
}

/// A site whose data registries are the basic fixture's and whose content is all broken
/// in different ways.
fn broken_site() -> SiteTest {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    // A valid page, the target of links below.
    site.create(
        "content/pages/ok.md",
        "---\nkind: page\ntitle: Исправная страница\n---\n## Раздел\n\nТекст.\n",
    );
    // 1. Unknown field, one edit away from `title` (line 3).
    site.create(
        "content/pages/a-unknown-field.md",
        "---\nkind: page\ntitel: Опечатка\ntitle: Страница с опечаткой\n---\nТекст.\n",
    );
    // 2. Unknown kind (line 3).
    site.create(
        "content/practices/b-kind.md",
        "---\ntitle: Практика\nkind: praktika\n---\nТекст.\n",
    );
    // 3. No title: the front matter mapping starts at line 2, column 1.
    site.create(
        "content/news/c-no-title.md",
        "---\nkind: news\ndate: 2025-01-20\n---\nНовость без заголовка.\n",
    );
    // 4. A level that does not exist: `level: [ДОО]`, Д at column 9 of line 5.
    site.create(
        "content/practices/d-level.md",
        "---\nkind: practice\ntitle: Практика с уровнем\ndistrict: usolsky\nlevel: [ДОО]\n---\nТекст.\n",
    );
    // 5. A year in words: the quote opens at column 7 of line 4.
    site.create(
        "content/pages/e-year.md",
        "---\nkind: page\ntitle: Год словами\nyear: \"двадцать\"\n---\nТекст.\n",
    );
    // 6. 31 February: the value starts at column 7 of line 4.
    site.create(
        "content/events/f-date.md",
        "---\nkind: event\ntitle: Семинар в несуществующий день\ndate: 31.02.2025\n---\nТекст.\n",
    );
    // 7. A tab as indentation: line 5, column 1.
    site.create(
        "content/pages/g-tab.md",
        "---\nkind: page\ntitle: Табуляция\ntags:\n\t- один\n---\nТекст.\n",
    );
    // 8. An unclosed quote: it opens at column 8 of line 3.
    site.create(
        "content/pages/h-quote.md",
        "---\nkind: page\ntitle: \"Незакрытая кавычка\n---\nТекст.\n",
    );
    // 9. `title` twice: the second one is at line 4.
    site.create(
        "content/pages/i-dup.md",
        "---\nkind: page\ntitle: Первый заголовок\ntitle: Второй заголовок\n---\nТекст.\n",
    );
    // 10. No closing fence: the block opened at line 1 never ends.
    site.create(
        "content/pages/j-no-fence.md",
        "---\nkind: page\ntitle: Без конца заголовка\n\nТекст.\n",
    );
    // 11. A school not in data/schools.yaml: «СОШ № 99» starts at column 24 of line 5
    //     (`schools: ["СОШ № 20", "` is 23 characters).
    site.create(
        "content/rmo/k-school.md",
        "---\nkind: rmo\ntitle: РМО с неизвестной школой\ndistrict: usolsky\nschools: [\"СОШ № 20\", \"СОШ № 99\"]\n---\nТекст.\n",
    );
    // 12. A district not in data/districts.yaml: column 11 of line 4.
    site.create(
        "content/events/l-district.md",
        "---\nkind: event\ntitle: Мероприятие в неизвестном районе\ndistrict: Заречный район\ndate: 2025-03-01\n---\nТекст.\n",
    );
    // 13–15. Links in the body (which starts at line 5):
    //   line 7: «Смотрите » is 9 characters, the link `[` is at column 10;
    //   line 8: «И » — column 3; the second link, to #tsel («## Цель»), is valid;
    //   line 9: «Там » — column 5, a page that exists without that anchor.
    site.create(
        "content/pages/m-links.md",
        "---\nkind: page\ntitle: Ссылки\n---\n## Цель\n\nСмотрите [план](nety-takogo.md).\nИ [раздел](#net-yakorya), а также [цель](#tsel).\nТам [раздел](ok.md#net-takogo).\n",
    );
    // 16. TOML without `=`: line 4, `year 2025` — the value at column 6 stands where
    //     `=` is expected.
    site.create(
        "content/plans/n-toml.md",
        "+++\nkind = \"plan\"\ntitle = \"План в TOML\"\nyear 2025\n+++\nТекст.\n",
    );
    // 17. Not UTF-8: the bad byte follows «title: » (7 characters) on line 3.
    site.create_bytes(
        "content/news/o-bytes.md",
        b"---\nkind: news\ntitle: \xFF\xFE\n---\n\xD0\xA2\n",
    );
    // 18. Two pages at one URL: p-one.md takes the slug of q-two.md.
    site.create(
        "content/news/p-one.md",
        "---\nkind: news\ntitle: Первая новость\nslug: q-two\ndate: 2025-01-01\n---\nТекст.\n",
    );
    site.create(
        "content/news/q-two.md",
        "---\nkind: news\ntitle: Вторая новость\ndate: 2025-01-02\n---\nТекст.\n",
    );
    site
}

#[test]
fn check_reports_every_problem_in_one_run() {
    let site = broken_site();
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);

    expect(
        &out,
        "content/pages/a-unknown-field.md:3:1: ошибка: неизвестное поле «titel»",
        &["| titel: Опечатка", "подсказка: может быть, «title»?"],
    );
    expect(
        &out,
        "content/practices/b-kind.md:3:1: ошибка: неизвестный вид страницы «praktika»",
        &["| kind: praktika", "practice"],
    );
    expect(
        &out,
        "content/news/c-no-title.md:2:1: ошибка: нет обязательного поля «title»",
        &["подсказка:"],
    );
    expect(
        &out,
        "content/practices/d-level.md:5:9: ошибка: недопустимое значение «ДОО»",
        &["| level: [ДОО]", "`НОО`", "`ООО`", "`СОО`"],
    );
    expect(
        &out,
        "content/pages/e-year.md:4:7: ошибка: неверный тип значения: строка \"двадцать\", ожидается целое число",
        &["| year: \"двадцать\""],
    );
    expect(
        &out,
        "content/events/f-date.md:4:7: ошибка: ",
        &[
            "несуществующая или неверно записанная дата «31.02.2025»",
            "| date: 31.02.2025",
        ],
    );
    expect(
        &out,
        "content/pages/g-tab.md:5:1: ошибка: ",
        &["табуляция", "пробел"],
    );
    // The unclosed quote is reported (its position is checked by an ignored test below).
    expect(&out, "content/pages/h-quote.md:", &["ошибка: ", "кавычки"]);
    expect(
        &out,
        "content/pages/i-dup.md:4:1: ошибка: поле «title» указано дважды",
        &[
            "| title: Второй заголовок",
            "подсказка: оставьте одно из значений",
        ],
    );
    expect(
        &out,
        "content/pages/j-no-fence.md:1:1: ошибка: заголовок страницы (front matter) не закрыт",
        &["подсказка: добавьте строку «---»"],
    );
    expect(
        &out,
        "content/rmo/k-school.md:5:24: ошибка: неизвестное значение: школа «СОШ № 99»",
        &["data/schools.yaml"],
    );
    expect(
        &out,
        "content/events/l-district.md:4:11: ошибка: неизвестное значение: район «Заречный район»",
        &["| district: Заречный район", "data/districts.yaml"],
    );
    expect(
        &out,
        "content/pages/m-links.md:7:10: ошибка: ссылка ведёт на несуществующую страницу или файл «nety-takogo.md»",
        &["| Смотрите [план](nety-takogo.md)."],
    );
    expect(
        &out,
        "content/pages/m-links.md:8:3: ошибка: на странице нет заголовка с якорем «#net-yakorya»",
        &[],
    );
    expect(
        &out,
        "content/pages/m-links.md:9:5: ошибка: на странице content/pages/ok.md нет заголовка с якорем «#net-takogo»",
        &[],
    );
    // The valid anchor of the same page is not reported.
    out.assert_stderr_lacks("якорем «#tsel»");
    // TOML: the position (the wording is checked by an ignored test below).
    expect(
        &out,
        "content/plans/n-toml.md:4:6: ошибка: ",
        &["| year 2025"],
    );
    expect(
        &out,
        "content/news/o-bytes.md:3:8: ошибка: файл не в кодировке UTF-8",
        &["подсказка: сохраните файл в UTF-8"],
    );
    // At the slug that leads p-one.md to q-two's address: line 4 «slug: q-two», «slug: »
    // is 6 characters.
    expect(
        &out,
        "content/news/p-one.md:4:7: ошибка: адрес /news/q-two/ уже занят страницей content/news/q-two.md",
        &["| slug: q-two", "slug"],
    );
    // The valid page is fine.
    out.assert_stderr_lacks("content/pages/ok.md:");
    // Nothing is written by check.
    site.assert_no_file("public/index.html");
}

#[test]
fn check_counts_every_problem() {
    let site = broken_site();
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // One problem in each of 15 broken files, three in m-links.md: 18.
    out.assert_stderr_contains("итого: 18 ошибок, 0 предупреждений");
    // Each broken file is named.
    for f in [
        "a-unknown-field",
        "b-kind",
        "c-no-title",
        "d-level",
        "e-year",
        "f-date",
        "g-tab",
        "h-quote",
        "i-dup",
        "j-no-fence",
        "k-school",
        "l-district",
        "m-links",
        "n-toml",
        "o-bytes",
        "p-one",
    ] {
        out.assert_stderr_contains(&format!("{f}.md:"));
    }
}

/// A private e-mail address is a warning: `check` passes, `check --strict` fails.
#[test]
fn strict_turns_warnings_into_errors() {
    let site = SiteTest::fixture("basic");
    // «Пишите: » is 8 characters: the address starts at column 9 of line 6.
    site.create(
        "content/news/kontakty.md",
        "---\nkind: news\ntitle: Контакты\ndate: 2025-02-01\n---\nПишите: ivanova.aa@mail.ru\n",
    );
    let warning = "content/news/kontakty.md:6:9: предупреждение: адрес электронной почты «ivanova.aa@mail.ru» будет опубликован";

    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    out.assert_stderr_contains(warning);
    out.assert_stderr_contains("итого: 0 ошибок, 1 предупреждение");

    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    out.assert_stderr_contains(
        "content/news/kontakty.md:6:9: ошибка: адрес электронной почты «ivanova.aa@mail.ru» будет опубликован",
    );
    out.assert_stderr_contains("итого: 1 ошибка, 0 предупреждений");

    // A strict build fails too and writes nothing.
    let out = site.run(&["build", "--strict", "{site}", "-o", "{site}/public"]);
    out.assert_code(1);
    site.assert_no_file("public/index.html");

    // A non-strict build publishes with the warning.
    let out = site.build_ok();
    out.assert_stderr_contains(warning);
    site.assert_file("public/news/kontakty/index.html");
}

/// Windows line endings and a byte-order mark do not shift positions.
#[test]
fn check_positions_with_crlf_and_bom() {
    let site = site_with(&[]);
    // Body from line 5; line 7: «См. » is 4 characters, the link `[` is at column 5.
    site.create_bytes(
        "content/pages/crlf.md",
        "\u{feff}---\r\nkind: page\r\ntitle: CRLF\r\n---\r\n## Цель\r\n\r\nСм. [нет](net.md) и [цель](#tsel).\r\n"
            .as_bytes(),
    );
    // Unknown field on line 3.
    site.create_bytes(
        "content/pages/crlf-field.md",
        "\u{feff}---\r\nkind: page\r\ntitel: x\r\ntitle: CRLF\r\n---\r\nТекст.\r\n".as_bytes(),
    );
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/pages/crlf.md:7:5: ошибка: ссылка ведёт на несуществующую страницу или файл «net.md»",
        &[],
    );
    expect(
        &out,
        "content/pages/crlf-field.md:3:1: ошибка: неизвестное поле «titel»",
        &["может быть, «title»?"],
    );
    out.assert_stderr_contains("итого: 2 ошибки, 0 предупреждений");
}

/// An unclosed quote is where the quote opens, not at the closing fence.
#[test]
fn check_points_at_the_unclosed_quote() {
    let site = site_with(&[(
        "content/pages/h-quote.md",
        "---\nkind: page\ntitle: \"Незакрытая кавычка\n---\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/pages/h-quote.md:3:8: ошибка: ",
        &["| title: \"Незакрытая кавычка", "кавычк"],
    );
}

/// The most common TOML mistake, a missing `=`, is explained in Russian.
#[test]
fn check_explains_missing_toml_equals_in_russian() {
    let site = site_with(&[(
        "content/plans/n-toml.md",
        "+++\nkind = \"plan\"\ntitle = \"План в TOML\"\nyear 2025\n+++\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/plans/n-toml.md:4:6: ошибка: ожидался знак «=» после имени поля",
        &["| year 2025"],
    );
    out.assert_stderr_lacks("key with no value");
}

/// A YAML comment after `kind` is a comment, in YAML and in TOML.
#[test]
fn check_accepts_comments_after_kind() {
    let site = site_with(&[
        (
            "content/pages/komment.md",
            "---\nkind: page # свободная страница\ntitle: С комментарием\n---\nТекст.\n",
        ),
        (
            "content/pages/komment-toml.md",
            "+++\nkind = \"page\" # комментарий\ntitle = \"TOML с комментарием\"\n+++\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    out.assert_stderr_contains("проверено: 2 страницы, ошибок нет");
}

/// An unknown district is located on the `district:` line even if the same words
/// appear earlier, in the title.
#[test]
fn check_locates_the_reference_not_an_earlier_mention() {
    let site = site_with(&[(
        "content/events/zar.md",
        "---\nkind: event\ntitle: Семинар Заречный район\ndistrict: Заречный район\n---\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // `district: ` is 10 characters: the value is at column 11 of line 4.
    expect(
        &out,
        "content/events/zar.md:4:11: ошибка: неизвестное значение: район «Заречный район»",
        &["| district: Заречный район"],
    );
}

/// Parser messages carry no positions of their own: the front matter starts at line 2
/// of the file, so the parser's «line 2» is line 3 of the file and must not be shown.
#[test]
fn check_messages_carry_no_stale_positions() {
    // `title: "Путь C:` is 15 characters: the bad escape `\Д` is at column 16 of line 3.
    let site = site_with(&[(
        "content/pages/esc.md",
        "---\nkind: page\ntitle: \"Путь C:\\Документы\"\n---\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(&out, "content/pages/esc.md:3:16: ошибка: ", &[]);
    out.assert_stderr_lacks("at line");
    out.assert_stderr_lacks("column");
}

/// Settings are checked like pages, in Russian.
#[test]
fn check_reports_unknown_setting_in_russian() {
    let site = SiteTest::fixture("basic");
    let mut toml = site.read("metodist.toml");
    toml.push_str("paginat = 3\n");
    site.create("metodist.toml", &toml);
    // The fixture's metodist.toml has 5 lines; the new one is line 6.
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "metodist.toml:6:1: ошибка: ",
        &["неизвестное поле «paginat»", "paginate"],
    );
    out.assert_stderr_lacks("unknown field");
}

/// A page may not take the URL of a generated page (a tag, a district…): one of the two
/// would silently overwrite the other.
#[test]
fn check_reports_a_page_shadowing_a_taxonomy_page() {
    let site = SiteTest::fixture("basic");
    // Tag «наставничество» is published at tags/nastavnichestvo/.
    site.create(
        "content/tags/nastavnichestvo.md",
        "---\nkind: page\ntitle: Страница-самозванец\n---\nТекст.\n",
    );
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/tags/nastavnichestvo.md",
        &["/tags/nastavnichestvo/"],
    );
}
