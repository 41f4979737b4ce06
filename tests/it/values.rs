//! Values that used to come out silently wrong (issue 13 §6): numbers split by invisible
//! characters, two-digit years, tags that share a URL, duplicate indicator ids, unknown
//! organisations and regions. Each is now read right or is an error at its place.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::{site_with, status, SiteTest};

/// «не менее 1​200 чел.» with a zero-width space read as «не менее 1», so 950 was
/// «достигнут». In front matter and in a CSV file, every such spelling reads 1 200.
#[test]
fn invisible_characters_never_shorten_a_number() {
    let site = site_with(&[
        (
            "content/reports/chisla.md",
            "---\nkind: report\ntitle: Числа из Word\nyear: 2025\nindicators:\n  - id: N1\n    name: Участники\n    target: \"не менее 1\u{200b}200 чел.\"\n    actual: \"950 чел.\"\n  - id: N2\n    name: Слушатели\n    target: \"не менее 1'200 чел.\"\n    actual: \"1\u{ad}250 чел.\"\n---\nТекст.\n",
        ),
        (
            "content/reports/tablitsa/index.md",
            "---\nkind: report\ntitle: Таблица\nyear: 2025\nindicators_file: t.csv\n---\nТекст.\n",
        ),
        (
            "content/reports/tablitsa/t.csv",
            "Код;Показатель;Ед. изм.;Цель;Факт;Числитель;Знаменатель\nC1;Участники;чел.;не менее 1\u{2060}200;950;;\nC2;Доля;%;не менее 40 %;;1\u{200b}200;2\u{a0}400\n",
        ),
    ]);
    site.build_ok();
    let html = site.read("public/reports/chisla/index.html");
    // 950 < 1 200; 1 250 ≥ 1 200.
    assert_eq!(status(&html, "N1"), "not-achieved");
    assert_eq!(status(&html, "N2"), "achieved");
    // The page shows the methodist's own text, invisible character and all.
    assert!(html.contains("не менее 1\u{200b}200 чел."));
    let html = site.read("public/reports/tablitsa/index.html");
    // 950 < 1 200; 1 200 of 2 400 = 50 % ≥ 40 %.
    assert_eq!(status(&html, "C1"), "not-achieved");
    assert_eq!(status(&html, "C2"), "achieved");
}

/// A number that cannot be meant is an error at the number, never a shorter value.
#[test]
fn numbers_that_cannot_be_meant_are_errors_at_the_number() {
    // Lines 7, 10, 13: `    target: "` is 13 characters and «не менее » 9 more, so the
    // number starts at column 23.
    let site = site_with(&[(
        "content/reports/oshibki.md",
        "---\nkind: report\ntitle: Разорванные числа\nindicators:\n  - id: E1\n    name: Участники\n    target: \"не менее 1\u{a0}20 чел.\"\n  - id: E2\n    name: Слушатели\n    target: \"не менее 1,200 чел.\"\n  - id: E3\n    name: Охват\n    target: \"не менее １２００ чел.\"\n---\nТекст.\n",
    )]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/reports/oshibki.md:7:23: ошибка: показатель E1, поле target: число разорвано знаком «неразрывный пробел»: «1\u{a0}20»",
        &["= подсказка: между группами разрядов ставится пробел"],
    );
    expect(
        &out,
        "content/reports/oshibki.md:10:23: ошибка: показатель E2, поле target: неясно, сколько: «1,200 чел.» — это дробь или тысячи?",
        &["тысячи отделяйте пробелом"],
    );
    expect(
        &out,
        "content/reports/oshibki.md:13:23: ошибка: показатель E3, поле target: цифра «１» набрана особым шрифтом",
        &["цифрами 0–9"],
    );
    out.assert_stderr_contains("итого: 3 ошибки, 0 предупреждений");
}

/// `14.4.26` was read as the year 26 and passed `check --strict`; now every date and
/// year field with a two-digit year is an error at the value with the hint «2026?»
/// (69–99 are the 1900s, as in POSIX).
#[test]
fn two_digit_years_are_errors_with_the_full_year_as_hint() {
    let site = site_with(&[
        // `date: ` is 6 characters: the value at column 7 of line 4.
        (
            "content/events/a.md",
            "---\nkind: event\ntitle: Семинар\ndate: 14.4.26\n---\nТекст.\n",
        ),
        // `as_of: "` is 8 characters: the quote at column 8 of line 5.
        (
            "content/reports/b.md",
            "---\nkind: report\ntitle: Отчёт\nyear: 2025\nas_of: \"1.9.99\"\n---\nТекст.\n",
        ),
        // `year: ` is 6 characters: column 7 of line 4.
        (
            "content/pages/c.md",
            "---\nkind: page\ntitle: Год\nyear: 26\n---\nТекст.\n",
        ),
        // TOML, `years = [2025, ` is 15 characters: 27 at column 16 of line 4.
        (
            "content/programmes/d.md",
            "+++\nkind = \"programme\"\ntitle = \"Программа\"\nyears = [2025, 27]\n+++\nТекст.\n",
        ),
        // A nested date: `  - date: ` is 10 characters, column 11 of line 6.
        (
            "content/rmo/e.md",
            "---\nkind: rmo\ntitle: РМО\ndistrict: usolsky\nmeetings:\n  - date: 5.10.25\n    topic: Заседание\n---\nТекст.\n",
        ),
        // An ISO date with a two-digit year: column 7 of line 4.
        (
            "content/news/f.md",
            "---\nkind: news\ntitle: Новость\ndate: 26-04-14\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/events/a.md:4:7: ошибка: год в дате «14.4.26» записан двумя цифрами",
        &["= подсказка: 2026? Год пишется полностью: 14.04.2026"],
    );
    expect(
        &out,
        "content/reports/b.md:5:8: ошибка: год в дате «1.9.99» записан двумя цифрами",
        &["= подсказка: 1999? Год пишется полностью: 01.09.1999"],
    );
    expect(
        &out,
        "content/pages/c.md:4:7: ошибка: год «26» записан двумя цифрами",
        &["= подсказка: 2026? Год пишется полностью"],
    );
    expect(
        &out,
        "content/programmes/d.md:4:16: ошибка: год «27» записан двумя цифрами",
        &["= подсказка: 2027?"],
    );
    expect(
        &out,
        "content/rmo/e.md:6:11: ошибка: год в дате «5.10.25» записан двумя цифрами",
        &["= подсказка: 2025? Год пишется полностью: 05.10.2025"],
    );
    expect(
        &out,
        "content/news/f.md:4:7: ошибка: год в дате «26-04-14» записан двумя цифрами",
        &["= подсказка: 2026? Год пишется полностью: 2026-04-14"],
    );
    out.assert_stderr_contains("итого: 6 ошибок, 0 предупреждений");
}

/// The pages listed on a built term page (links to `pages/…`), sorted.
fn listed(site: &SiteTest, term_page: &str) -> Vec<String> {
    let html = site.read(term_page);
    let mut out: Vec<String> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .filter_map(|h| h.split("pages/").nth(1))
        .map(|h| h.trim_end_matches("/index.html").to_string())
        .filter(|h| !h.is_empty() && !h.contains('/') && h != "index.html")
        .collect();
    out.sort();
    out.dedup();
    out
}

/// «C++», «C#» and «c» were one page «c» (the last written won); now each has its own.
/// Spellings that differ in case or ё/е are one tag with one page listing all.
#[test]
fn distinct_tags_get_distinct_pages_and_spellings_of_one_tag_share_one() {
    let site = site_with(&[
        (
            "content/pages/a.md",
            "---\nkind: page\ntitle: А\ntags: [\"C++\", \"ФГОС\", \"ёлка\"]\n---\nТекст.\n",
        ),
        (
            "content/pages/b.md",
            "---\nkind: page\ntitle: Б\ntags: [\"c\", \"фгос\", \"Елка\"]\n---\nТекст.\n",
        ),
        (
            "content/pages/c.md",
            "---\nkind: page\ntitle: В\ntags: [\"C#\"]\n---\nТекст.\n",
        ),
    ]);
    site.run(&["check", "--strict", "{site}"]).assert_code(0);
    site.build_ok();
    let cases: [(&str, &[&str]); 5] = [
        ("c-plus-plus", &["a"]),
        ("c-sharp", &["c"]),
        ("c", &["b"]),
        ("fgos", &["a", "b"]),
        ("elka", &["a", "b"]),
    ];
    for (slug, pages) in cases {
        assert_eq!(
            listed(&site, &format!("public/tags/{slug}/index.html")),
            pages.to_vec(),
            "tags/{slug}/"
        );
    }
    // One entry per term in the list of tags: 5 terms, not 7 spellings.
    let index = site.read("public/tags/index.html");
    let mut terms: Vec<&str> = index
        .split("href=\"../tags/")
        .skip(1)
        .filter_map(|h| h.split("/index.html").next())
        .filter(|h| !h.starts_with("index.html"))
        .collect();
    terms.sort();
    terms.dedup();
    assert_eq!(
        terms,
        ["c", "c-plus-plus", "c-sharp", "elka", "fgos"],
        "{index}"
    );
}

/// Two different terms that would share a URL are an error at the second naming the
/// first; a tag or slug too long for a folder name is an error at the source (before,
/// `check` passed and `build` failed with «File name too long» naming the output).
#[test]
fn terms_sharing_a_url_and_over_long_slugs_are_errors_at_the_source() {
    let long_name = "щ".repeat(70);
    let long_file = format!("content/pages/{long_name}.md");
    let long_tag = format!("---\nkind: page\ntitle: Д\ntags:\n  - {long_name}\n---\nТекст.\n");
    let long_slug = format!(
        "---\nkind: page\ntitle: Е\nslug: {}\n---\nТекст.\n",
        "x".repeat(101)
    );
    let site = site_with(&[
        // `tags: [` is 7 characters: the quote at column 8 of line 4.
        (
            "content/pages/a.md",
            "---\nkind: page\ntitle: А\ntags: [\"РС НМС\", \"C++\"]\n---\nТекст.\n",
        ),
        // `tags: ["наставничество", ` is 25 characters: the quote at column 26.
        (
            "content/pages/b.md",
            "---\nkind: page\ntitle: Б\ntags: [\"наставничество\", \"РС-НМС\"]\n---\nТекст.\n",
        ),
        // `subject: ` is 9 characters: column 10; `subject: [` is 10: column 11.
        (
            "content/pages/c.md",
            "---\nkind: page\ntitle: В\nsubject: Математика\n---\nТекст.\n",
        ),
        (
            "content/pages/d.md",
            "---\nkind: page\ntitle: Г\nsubject: [\"Matematika\"]\n---\nТекст.\n",
        ),
        // `  - ` is 4 characters: column 5 of line 5. 70 × «shch» = 280.
        ("content/pages/e.md", &long_tag),
        // `slug: ` is 6 characters: column 7 of line 4.
        ("content/pages/f.md", &long_slug),
        // The file name transliterates to 280 characters.
        (&long_file, "---\nkind: page\ntitle: Ж\n---\nТекст.\n"),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/pages/b.md:4:26: ошибка: метка «РС-НМС» получает тот же адрес tags/rs-nms/, что и метка «РС НМС» (content/pages/a.md:4:8)",
        &["= подсказка: это разные названия с одним адресом"],
    );
    expect(
        &out,
        "content/pages/d.md:4:11: ошибка: предмет «Matematika» получает тот же адрес subject/matematika/, что и предмет «Математика» (content/pages/c.md:4:10)",
        &[],
    );
    expect(
        &out,
        &format!("content/pages/e.md:5:5: ошибка: адрес метки «{long_name}» слишком длинный: 280 символов, можно не больше 100"),
        &["сократите название"],
    );
    expect(
        &out,
        &format!("content/pages/f.md:4:7: ошибка: адрес страницы слишком длинный: «{}…» — 101 символ, можно не больше 100", "x".repeat(40)),
        &["= подсказка: сократите поле slug"],
    );
    expect(
        &out,
        &format!(
            "{long_file}: ошибка: адрес страницы слишком длинный: «{}…» — 280 символов",
            "shch".repeat(10)
        ),
        &["переименуйте"],
    );
    out.assert_stderr_contains("итого: 5 ошибок, 0 предупреждений");
}

/// The same indicator id twice on a page: in front matter (block and flow style), in
/// front matter and the page's table, in a CSV and in an XLSX file. Trends, dashboards
/// and links to `#ind-…` would take the first; each repeat is an error naming the first.
#[test]
fn a_repeated_indicator_id_is_an_error_naming_the_first() {
    use rust_xlsxwriter::Workbook;
    let site = site_with(&[
        // The ids: line 6 «  - id: A1» (column 9), line 9 «  - id: A2», line 12
        // «  - {id: A1, …}»: `  - {id: ` is 9 characters, column 10; line 13 «  - id: "A2"»,
        // column 9 (the quote). The file repeats A2 of line 9; `indicators_file: ` is 17
        // characters, so its value is at column 18 of line 16.
        (
            "content/reports/dubli/index.md",
            "---\nkind: report\ntitle: Повторы\nyear: 2025\nindicators:\n  - id: A1\n    name: Доля A1 и A2\n    target: \"10 %\"\n  - id: A2\n    name: Вторая\n    target: \"10 %\"\n  - {id: A1, name: Третья, target: \"5 %\"}\n  - id: \"A2\"\n    name: Четвёртая\n    target: \"10 %\"\nindicators_file: t.csv\n---\nТекст.\n",
        ),
        (
            "content/reports/dubli/t.csv",
            "Код;Показатель;Цель\nK1;Первая;10 %\nA2;Повтор заголовка;10 %\n",
        ),
        // Rows of the file: the header is row 1, K1 rows 2 and 4.
        (
            "content/reports/csv/index.md",
            "---\nkind: report\ntitle: Повтор в CSV\nindicators_file: t.csv\n---\n",
        ),
        (
            "content/reports/csv/t.csv",
            "Код;Показатель;Цель\nK1;Первая;10 %\nK2;Вторая;10 %\nK1;Третья;5 %\n",
        ),
        (
            "content/reports/xlsx/index.md",
            "---\nkind: report\ntitle: Повтор в Excel\nindicators_file: t.xlsx\n---\n",
        ),
    ]);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Лист1").unwrap();
    let rows = [
        ["Код", "Показатель", "Цель"],
        ["X1", "Первая", "10 %"],
        ["X1", "Вторая", "5 %"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(site.path("content/reports/xlsx/t.xlsx")).unwrap();
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    let page = "content/reports/dubli/index.md";
    expect(
        &out,
        &format!("{page}:12:10: ошибка: показатель с id «A1» уже есть на этой странице (строка 6)"),
        &["|   - {id: A1, name: Третья", "например «A1-2»"],
    );
    expect(
        &out,
        &format!("{page}:13:9: ошибка: показатель с id «A2» уже есть на этой странице (строка 9)"),
        &[],
    );
    expect(
        &out,
        &format!("{page}:16:18: ошибка: показатель с id «A2» есть и в файле t.csv, и в заголовке страницы (строка 9)"),
        &["| indicators_file: t.csv"],
    );
    expect(
        &out,
        "content/reports/csv/t.csv:4:1: ошибка: ",
        &["показатель с id «K1» уже есть в строке 2"],
    );
    expect(
        &out,
        "content/reports/xlsx/t.xlsx:3:1: ошибка: ",
        &["показатель с id «X1» уже есть в строке 2"],
    );
    out.assert_stderr_contains("итого: 5 ошибок, 0 предупреждений");
}

/// A practice's `organisation` is «школа из реестра или название»: a name that reads as
/// a school and is not in `data/schools.yaml` is an error (before it was silently not
/// linked); another body's name stays text; a registry school resolves.
#[test]
fn an_unknown_school_as_organisation_is_an_error_other_bodies_stay_text() {
    let site = site_with(&[
        // `organisation: "` is 15 characters: the name starts at column 16 of line 5
        // (names are pointed at inside their quotes, as for `schools:`).
        (
            "content/practices/a.md",
            "---\nkind: practice\ntitle: Практика школы № 77\ndistrict: usolsky\norganisation: \"СОШ № 77\"\n---\nТекст.\n",
        ),
        // A typo of the registry's «Белореченская СОШ» (with the same numbers: none).
        (
            "content/practices/b.md",
            "---\nkind: practice\ntitle: Практика\ndistrict: usolsky\norganisation: Белареченская СОШ\n---\nТекст.\n",
        ),
        (
            "content/practices/c.md",
            "---\nkind: practice\ntitle: Практика института\ndistrict: usolsky\norganisation: ГАУ ДПО ИРО\n---\nТекст.\n",
        ),
        (
            "content/practices/d.md",
            "---\nkind: practice\ntitle: Практика двадцатой\ndistrict: usolsky\norganisation: Тельминская школа 20\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/practices/a.md:5:16: ошибка: неизвестное значение: школа «СОШ № 77»",
        &[
            "| organisation: \"СОШ № 77\"",
            "добавьте её в data/schools.yaml",
        ],
    );
    // `organisation: ` is 14 characters: column 15.
    expect(
        &out,
        "content/practices/b.md:5:15: ошибка: неизвестное значение: школа «Белареченская СОШ»",
        &["может быть, «Белореченская СОШ»?"],
    );
    out.assert_stderr_lacks("ГАУ ДПО ИРО");
    out.assert_stderr_contains("итого: 2 ошибки, 0 предупреждений");
    // The registry school is linked from the practice.
    site.create(
        "content/practices/a.md",
        "---\nkind: practice\ntitle: Практика\ndistrict: usolsky\norganisation: СОШ № 20\n---\nТекст.\n",
    );
    std::fs::remove_file(site.path("content/practices/b.md")).unwrap();
    site.build_ok();
    site.assert_contains(
        "public/practices/d/index.html",
        "schools/sosh-20/index.html",
    );
}

/// A district's region, a school's district and a framework's region name entries of
/// other registries; an unknown one is an error at it, as on pages.
#[test]
fn registry_entries_naming_unknown_entries_are_errors_at_them() {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.create(
        "content/pages/a.md",
        "---\nkind: page\ntitle: А\n---\nТекст.\n",
    );
    // Line 6: `- {id: zima, name: Зиминский район, region: ` is 44 characters: column 45.
    // Line 9: `  region: ` is 10 characters, the quote at column 11.
    site.create(
        "data/districts.yaml",
        "- id: usolsky\n  name: Усольский муниципальный район\n  short_name: Усольский район\n  region: irkutsk\n  aliases: [Усольский]\n- {id: zima, name: Зиминский район, region: irkutks}\n- id: tulun\n  name: Тулунский район\n  region: \"krasnoyarsk\"\n",
    );
    // Line 3: `  district: ` is 12 characters: column 13.
    site.create(
        "data/schools.yaml",
        "- id: x-sosh\n  name: МБОУ «Х СОШ»\n  district: Усольский район\n",
    );
    // Line 3: `region: ` is 8 characters: column 9.
    site.create(
        "data/frameworks/f1.yaml",
        "id: f1\ntitle: Показатели\nregion: irkutskaya\n",
    );
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "data/districts.yaml:6:45: ошибка: неизвестное значение: регион «irkutks»",
        &["может быть, «irkutsk»?"],
    );
    expect(
        &out,
        "data/districts.yaml:9:11: ошибка: неизвестное значение: регион «krasnoyarsk»",
        &["|   region: \"krasnoyarsk\"", "irkutsk"],
    );
    expect(
        &out,
        "data/schools.yaml:3:13: ошибка: неизвестное значение: район «Усольский район»",
        &["укажите идентификатор района: «usolsky»"],
    );
    expect(
        &out,
        "data/frameworks/f1.yaml:3:9: ошибка: неизвестное значение: регион «irkutskaya»",
        &[],
    );
    out.assert_stderr_contains("итого: 4 ошибки, 0 предупреждений");
}
